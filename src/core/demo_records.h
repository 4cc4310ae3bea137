/* demo_records: a year of records for the demo bureau (organisational
 * life, lectures, tests, study hours) and the last quarter's evaluations in
 * their public notice; called by demo_populate. */
#ifndef DJ_DEMO_RECORDS_H
#define DJ_DEMO_RECORDS_H

#include <stdio.h>

#include "store/db.h"
#include "util/config.h"

int demo_records(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *today,
                 FILE *out, struct dj_err *err);

#endif
