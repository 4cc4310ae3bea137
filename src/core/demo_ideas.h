/* demo_ideas: a year of 领导出题·科室献计 and 格言 in the demo bureau, shaped
 * like the seeds (002): four topics set by the bureau's leaders, 72
 * suggestions from its members (for their departments or their own), 17
 * adopted as work ideas (every third followed by a task), some merged or declined
 * with their reasons and the last weeks' still pending; about one motto a
 * member (the seeds' 300+ scaled to the demo bureau), most approved, so that
 * the daily reminder has a year's rotation.  Deterministic. */
#ifndef DJ_DEMO_IDEAS_H
#define DJ_DEMO_IDEAS_H

#include <stdio.h>

#include "store/db.h"

int demo_ideas(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
