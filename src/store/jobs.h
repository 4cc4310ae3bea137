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
/* Removes the claims made before ran_before (an RFC 3339 UTC time), of every
 * job: by age, since each job numbers its periods on its own scale. */
int store_job_prune(struct dj_db *db, const char *ran_before, struct dj_err *err);

#endif
