/* demo_appraisals: the demo bureau's 民主评议党员 and 支部书记述职评议 — last
 * year's done (self-appraisals, mutual ballots, the grading within the cap,
 * the secretaries' reviews rated and closed) and this year's open (some
 * self-appraisals and ballots, two secretaries' reports).  Deterministic. */
#ifndef DJ_DEMO_APPRAISALS_H
#define DJ_DEMO_APPRAISALS_H

#include <stdint.h>
#include <stdio.h>

#include "store/db.h"
#include "util/config.h"

int demo_appraisals(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *today, FILE *out,
                    struct dj_err *err);

#endif
