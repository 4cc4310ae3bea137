/* inbox: every account's messages (issue 17, item 2) — the warnings it
 * receives (core/warnings_engine puts one item per new warning) and the
 * announcements of the 机关党委 — with an unread count for the console's
 * badge, read and unread marks, and links to the record.  Announcements are
 * written by whoever holds meetings.write over their scope (the party
 * administrator for the bureau or any branch, a branch secretary for their
 * branch): to everyone of the bureau, of a branch's subtree (accounts with a
 * grant there or whose person is a member there), optionally only the
 * holders of one role; each recipient gets an inbox item in the same
 * transaction, audited.  Read marks are the account's own state: they are
 * not audited and the inbox's answers are never kept by the answer cache
 * (ROUTE_LIVE).  JSON results are new references the caller owns. */
#ifndef DJ_INBOX_H
#define DJ_INBOX_H

#include <jansson.h>

#include "core/authz.h"
#include "util/config.h"

int inbox_list(struct dj_db *db, const struct dj_actor *actor, bool unread_only, int limit, int offset,
               json_t **items, int64_t *total, struct dj_err *err);
int inbox_unread(struct dj_db *db, const struct dj_actor *actor, int64_t *count, struct dj_err *err);
/* read: true marks it read now, false unread; another account's item is not found. */
int inbox_mark(struct dj_db *db, const struct dj_actor *actor, int64_t id, bool read, json_t **out,
               struct dj_err *err);
int inbox_mark_all(struct dj_db *db, const struct dj_actor *actor, int64_t *changed, struct dj_err *err);

struct announcement_input {
    int64_t org_id; /* 0: the bureau's root */
    const char *role; /* NULL or "": everyone in scope */
    const char *title;
    const char *body;
};
int announcements_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         const struct announcement_input *in, json_t **out, struct dj_err *err);
/* The announcements of the bureau within the actor's meetings.write scope
 * (the writers' list); everyone reads theirs in the inbox. */
int announcements_list(struct dj_db *db, const struct dj_actor *actor, int limit, int offset, json_t **items,
                       int64_t *total, struct dj_err *err);

#endif
