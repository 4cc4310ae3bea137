/* demo_talks: a year of 谈心谈话 and the 廉政风险点 and 资金运行图 of the demo
 * bureau (issue 13); called by demo_populate after demo_records. */
#ifndef DJ_DEMO_TALKS_H
#define DJ_DEMO_TALKS_H

#include <stdio.h>

#include "core/secret.h"
#include "store/db.h"
#include "util/config.h"

int demo_talks(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
               int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
