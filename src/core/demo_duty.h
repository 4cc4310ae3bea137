/* demo_duty: a year's duty rosters in the demo bureau, as the seeds (003)
 * put members on flood and checkpoint duty: the bureau's 24-hour flood duty
 * through the 汛期 (June to August), two at a time, and a branch's two weeks
 * of daily checkpoint shifts, three at a time; one swap approved, one
 * absence, a few days members said they were not available.  Deterministic. */
#ifndef DJ_DEMO_DUTY_H
#define DJ_DEMO_DUTY_H

#include <stdio.h>

#include "store/db.h"

int demo_duty(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
