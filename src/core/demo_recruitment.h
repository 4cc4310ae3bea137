/* demo_recruitment: a year of 发展党员 and 荣誉 for the demo bureau.  The
 * roster's 入党积极分子, 发展对象 and recent 预备党员 and 正式党员 get their
 * pipeline records with consistent dates (the 预备党员's 支部大会 is their
 * 入党时间; a 转正 within the year its 转正时间), each stage satisfying the
 * 细则's defaults, quarterly reviews of the 积极分子, and two new applicants
 * (one whose talk falls due); honours of the bureau, two branches and a few
 * members over the year.  One transaction, audited as one "demo" record.
 * Deterministic. */
#ifndef DJ_DEMO_RECRUITMENT_H
#define DJ_DEMO_RECRUITMENT_H

#include <stdio.h>

#include "store/db.h"

int demo_recruitment(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
