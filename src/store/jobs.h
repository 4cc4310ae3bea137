/* store/jobs: the job_runs table, through which scheduled jobs run once per
 * period however many servers share the database. */
#ifndef DJ_STORE_JOBS_H
#define DJ_STORE_JOBS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* Claims (name, period) for holder: *claimed is true when this call made the
 * claim, false when another server already had it. */
int store_job_claim(struct dj_db *db, const char *name, int64_t period, const char *holder,
                    bool *claimed, struct dj_err *err);
/* Removes claims older than before_period (all jobs). */
int store_job_prune(struct dj_db *db, int64_t before_period, struct dj_err *err);

#endif
