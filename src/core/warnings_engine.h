/* warnings_engine: keeps a bureau's stored warnings in step with what the
 * rules find (core/warnings_sources).  A refresh, in one write transaction:
 * takes the bureau's row in warning_runs (so that concurrent refreshes on
 * several servers follow one another), gathers the candidates, and for each
 * rule and subject keeps the live warning (last_seen, message, due day),
 * inserts a new one (open, history "opened", an inbox item for each
 * account that receives it), and marks the live ones no longer found:
 * open or acknowledged → resolved, dismissed → left dismissed but no longer
 * live (history "resolved" / "cleared").  One audit record when anything
 * changed.  Runs from the server's main loop once per bureau and period
 * (job_runs claims) and on a read when the last run is older than
 * warnings.refresh_minutes. */
#ifndef DJ_WARNINGS_ENGINE_H
#define DJ_WARNINGS_ENGINE_H

#include <stdbool.h>

#include "store/db.h"
#include "util/config.h"

struct warnings_refresh_stats {
    int opened, seen, resolved;
    bool ran; /* false: another refresh had just run (if_stale) */
};

/* max_age_seconds < 0: always; else only when the bureau's last run is older. */
int warnings_refresh(struct dj_db *db, const struct dj_config *cfg, int64_t bureau_id, int max_age_seconds,
                     struct warnings_refresh_stats *stats, struct dj_err *err);

/* The scheduled job: every active bureau whose period (now / period_seconds)
 * this server claims in job_runs ("warnings:<bureau id>") is refreshed.
 * *ran counts the bureaus refreshed here. */
int warnings_job(struct dj_db *db, const struct dj_config *cfg, const char *holder, int period_seconds,
                 int *ran, struct dj_err *err);

#endif
