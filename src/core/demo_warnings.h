/* demo_warnings: the demo bureau's warnings (issue 17): a year of history —
 * each month's warnings of the branch that falls behind and of a member's
 * dues, acknowledged and resolved, one dismissed with its reason — then the
 * engine run on today's records, and two announcements of the 机关党委;
 * called by demo_populate last, outside any transaction. */
#ifndef DJ_DEMO_WARNINGS_H
#define DJ_DEMO_WARNINGS_H

#include <stdio.h>

#include "store/db.h"
#include "util/config.h"

int demo_warnings(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *prefix,
                  const char *today, FILE *out, struct dj_err *err);

#endif
