/* demo_selfserve: the demo bureau's study hours reported by members (issue
 * 12, item 3) — a year of them, the past months' approved (each with its
 * study record, as an approval makes) or now and then returned with a
 * reason, this month's still waiting for the branch; called by
 * demo_populate after demo_records, in its own transaction. Deterministic. */
#ifndef DJ_DEMO_SELFSERVE_H
#define DJ_DEMO_SELFSERVE_H

#include <stdio.h>

#include "store/db.h"

int demo_selfserve(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
