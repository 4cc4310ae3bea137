/* demo_tasks: a year of the demo bureau's task lists (the bureau's 年度任务清单
 * owned by departments, each branch's list with a 攻坚 task), monthly progress
 * reports, and a 整改台账 with items closed, closed late, reopened, open and
 * overdue; called by demo_populate.  prefix is the bureau's account prefix
 * ("" or "dc."): its party_admin approves the closed items. */
#ifndef DJ_DEMO_TASKS_H
#define DJ_DEMO_TASKS_H

#include <stdio.h>

#include "store/db.h"
#include "util/config.h"

int demo_tasks(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *prefix,
               const char *today, FILE *out, struct dj_err *err);

#endif
