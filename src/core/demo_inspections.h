/* demo_inspections: a year of supervision of conduct for the demo bureau —
 * 纪检's weekly daily checks and a spot check a month, a few findings under
 * the 十不准 (most confirmed, some dismissed, the latest still open, a few
 * explained), and a review of each past quarter; called by demo_populate
 * after demo_records.  Deterministic. */
#ifndef DJ_DEMO_INSPECTIONS_H
#define DJ_DEMO_INSPECTIONS_H

#include <stdio.h>

#include "store/db.h"
#include "util/config.h"

int demo_inspections(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *today,
                     FILE *out, struct dj_err *err);

#endif
