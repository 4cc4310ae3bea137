/* notify_daily: 每日一提醒, the daily job (issue 17, item 4).
 *
 * At the bureau's daily time in the bureau's zone (settings daily_time and
 * timezone; util/date knows China's zones as UTC+8, any other as UTC), the
 * first server whose scheduler wakes claims (job_runs, name
 * "daily_reminder:<bureau>", period the unix second the day starts there) and,
 * in the same transaction, queues one message per current member of the
 * bureau (an open membership) on the first of the member's channels the
 * bureau routes daily_reminder to and the member has an address for, plus
 * one digest per group robot routed.  A crash before the commit leaves
 * neither the claim nor a message, and the next tick (of any server) runs it
 * again; the outbox's dedupe keys make a second queueing of the same day a
 * no-op in any case.  Quiet hours move a member's message to their end. */
#ifndef DJ_NOTIFY_DAILY_H
#define DJ_NOTIFY_DAILY_H

#include <stdbool.h>

#include "core/authz.h"
#include "core/secret.h"
#include "store/notify.h"
#include "util/config.h"

/* The day's text for one member: subject and body (new strings the caller
 * frees): the motto of the day (daily_reminder_motto), the meetings they are
 * expected at in the next 7 days (store_meeting_upcoming) and, for a person
 * with an account, the open warnings they receive (at most five lines) and
 * their unread messages (core/warnings' warnings_for_person). */
int daily_reminder_compose(struct dj_db *db, int64_t bureau_id, const struct dj_notify_pref *person,
                           const char *day, char **subject, char **body, struct dj_err *err);

/* The bureau's motto of the day (core/mottos' fair rotation) as one line
 * into out, "" when no motto is approved yet. */
void daily_reminder_motto(struct dj_db *db, int64_t bureau_id, const char *day, char *out,
                          size_t size);

struct daily_result {
    bool ran;        /* this call made the claim */
    int queued;      /* messages queued */
    int skipped;     /* members with no channel they can be reached on */
    char day[11];
};

/* Runs the job for bureau_id and day (NULL: today in the bureau's zone)
 * unless already claimed.  force: whatever the daily time and the enabled
 * switch (POST /jobs/daily-reminder/run). */
int notify_daily_run(struct dj_db *db, const struct dj_secret *key, int64_t bureau_id,
                     const char *day, const char *holder, bool force,
                     struct daily_result *out, struct dj_err *err);

/* The scheduler's tick: runs the job of every bureau whose daily time has
 * come today, then delivers due messages for at most max_ms; *more says
 * messages are still due (the caller ticks again at once, after looking at
 * its signals). */
int notify_tick(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                const char *holder, int max_ms, bool *more, struct dj_err *err);

/* POST /jobs/daily-reminder/run: the actor's bureau (party_admin/sysadmin),
 * audited. */
int notify_daily_run_now(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                         const char *day, struct daily_result *out,
                         struct dj_err *err);

#endif
