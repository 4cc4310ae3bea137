/* warnings: the stored warnings as people see them (issue 17, item 1).  A
 * warning is seen by the accounts its rule names (core/warning_rules:
 * roles over its organisation, "owner" for the person it concerns), so a
 * branch secretary sees their branch's and a member their own.  Listing
 * refreshes the bureau first when its last evaluation is older than
 * WARNINGS_STALE_SECONDS (core/warnings_engine).  Acknowledging (any
 * recipient) and dismissing (a recipient by role, with a reason) are one
 * audited transaction each with a history row.  warnings_for_person is the
 * seam of the daily digest (notifications). JSON results are new
 * references the caller owns. */
#ifndef DJ_WARNINGS_H
#define DJ_WARNINGS_H

#include <jansson.h>

#include "core/authz.h"
#include "util/config.h"

/* A read refreshes the bureau when its last evaluation is older than this. */
#define WARNINGS_STALE_SECONDS 600

struct warnings_filter {
    const char *state; /* open, acknowledged, resolved, dismissed, live (open or acknowledged), all */
    const char *code;
    const char *severity;
    int64_t org_id;    /* within that organisation's subtree */
    int64_t person_id;
    int limit, offset;
};

/* The warnings the actor receives, newest first, *total before paging. */
int warnings_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const struct warnings_filter *f, json_t **items, int64_t *total, struct dj_err *err);
/* One warning with its history. */
int warnings_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err);
int warnings_acknowledge(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *note,
                         json_t **out, struct dj_err *err);
int warnings_dismiss(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                     json_t **out, struct dj_err *err);
/* Refreshes the actor's bureau now (orgs.manage at its root); *out the counts. */
int warnings_refresh_now(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         json_t **out, struct dj_err *err);

/* The seam of the daily digest: the open warnings the account receives and
 * its unread inbox items, as {"warnings": [...], "inbox": [...], "unread": N}.
 * Refreshes nothing (the job keeps them current). */
int warnings_for_person(struct dj_db *db, const struct dj_actor *actor, json_t **out, struct dj_err *err);
/* Fills an actor for the account user_id (its grants and linked person), for
 * work done on an account's behalf without its session (the digest). */
int warnings_actor_for_user(struct dj_db *db, int64_t user_id, struct dj_actor *actor, struct dj_err *err);

#endif
