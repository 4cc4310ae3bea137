#include "store/jobs.h"

#include "util/clock.h"

int store_job_claim(struct dj_db *db, const char *name, int64_t period, const char *holder,
                    bool *claimed, struct dj_err *err)
{
    struct dj_stmt *st;
    *claimed = false;
    int rc = db_query(db,
                      "INSERT INTO job_runs (name, period, holder, ran_at) VALUES ($1, $2, $3, $4)"
                      " ON CONFLICT (name, period) DO NOTHING",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_text(st, 1, name);
    db_bind_int(st, 2, period);
    db_bind_text(st, 3, holder);
    db_bind_text(st, 4, now);
    if ((rc = db_run(st, err)))
        return rc;
    *claimed = db_changes(db) == 1;
    return 0;
}

int store_job_prune(struct dj_db *db, const char *ran_before, struct dj_err *err)
{
    /* by the claim's age, not its period: each job counts periods on its own
     * scale (housekeeping seconds, warnings.job_seconds, a bureau's day) */
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM job_runs WHERE ran_at < $1", &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, ran_before);
    return db_run(st, err);
}
