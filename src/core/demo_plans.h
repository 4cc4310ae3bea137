/* demo_plans: the demo bureau's coming weeks (issue 12, item 2) — planned
 * meetings of the first branches and a planned 财政月讲堂, relative to the
 * demo's today, each with its expected attendees (so that 我的 lists them),
 * one member's leave, and one plan cancelled with its reason; called by
 * demo_populate after demo_records. */
#ifndef DJ_DEMO_PLANS_H
#define DJ_DEMO_PLANS_H

#include <stdio.h>

#include "store/db.h"

int demo_plans(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
