/* demo_dues: a year of 党费 for the demo bureau — each paying member's base
 * (from January of last year, a few raised in July, which takes effect the
 * next January), their payments month by month or by quarter through the
 * last month (a few members fall 3–5 months behind, so that the warnings
 * show), and each branch's remittance of the month's collection.  One
 * transaction, audited as one "demo" record.  Deterministic. */
#ifndef DJ_DEMO_DUES_H
#define DJ_DEMO_DUES_H

#include <stdio.h>

#include "store/db.h"

int demo_dues(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
