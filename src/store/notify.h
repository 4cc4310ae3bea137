/* store/notify: the tables of notifications (migration 027): a bureau's
 * settings (config JSON and the sealed secrets, both opaque text here), each
 * person's preferences, and the outbox (queue and delivery log).  Plain
 * structs; lists are arrays the caller frees. */
#ifndef DJ_STORE_NOTIFY_H
#define DJ_STORE_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* Settings: *config and *secrets_sealed are new strings the caller frees
 * ("{}" and "" when the bureau has none). */
int store_notify_settings_get(struct dj_db *db, int64_t bureau_id, char **config,
                              char **secrets_sealed, struct dj_err *err);
int store_notify_settings_put(struct dj_db *db, int64_t bureau_id, const char *config,
                              const char *secrets_sealed, struct dj_err *err);

struct dj_notify_pref {
    int64_t person_id, bureau_id;
    char name[64];
    char channels[64];
    char email[128];
    char phone[32];     /* the preference's, else the roster's */
    char roster_phone[32];
    char quiet_from[6], quiet_to[6];
    bool stored;
    char updated_at[32];
};
/* The person's preferences (stored false and the roster's phone when none). */
int store_notify_pref_get(struct dj_db *db, int64_t person_id, struct dj_notify_pref *out,
                          struct dj_err *err);
int store_notify_pref_put(struct dj_db *db, const struct dj_notify_pref *p, struct dj_err *err);
/* The bureau's current members (an open membership) with their preferences,
 * by person id. */
int store_notify_members(struct dj_db *db, int64_t bureau_id, struct dj_notify_pref **items,
                         int *count, struct dj_err *err);

struct dj_outbox {
    int64_t id, bureau_id, person_id;
    char dedupe_key[128];
    char kind[32], day[11], channel[16];
    char recipient[160];
    char person_name[64];
    char *subject, *body; /* owned: store_outbox_clear */
    char status[16];
    int attempts;
    int64_t next_at, claimed_at;
    char claimed_by[128];
    char sent_at[32], last_error[320], created_at[32];
};
void store_outbox_clear(struct dj_outbox *o);
void store_outbox_free(struct dj_outbox *items, int count);

/* Queues o unless its dedupe_key is taken: *queued says which (o->id set). */
int store_outbox_insert(struct dj_db *db, struct dj_outbox *o, bool *queued, struct dj_err *err);
/* Claims the oldest row due at now (queued with next_at <= now, or sending
 * with claimed_at before lease_before): status sending, attempts + 1.
 * *found false when none; only_id limits the search to one row. */
int store_outbox_claim(struct dj_db *db, int64_t now, int64_t lease_before, const char *holder,
                       int64_t only_id, struct dj_outbox *out, bool *found, struct dj_err *err);
/* After an attempt: status sent (sent_at now), queued again (next_at) or failed. */
int store_outbox_finish(struct dj_db *db, int64_t id, const char *status, int64_t next_at,
                        const char *last_error, struct dj_err *err);
int store_outbox_get(struct dj_db *db, int64_t id, struct dj_outbox *out, struct dj_err *err);

struct dj_outbox_filter {
    int64_t bureau_id, person_id;
    const char *status, *channel, *kind, *from, *to; /* NULL = any; from/to days */
    int limit, offset;
};
int store_outbox_list(struct dj_db *db, const struct dj_outbox_filter *f, struct dj_outbox **items,
                      int *count, int64_t *total, struct dj_err *err);



/* The active bureaus that have notification settings, by id (caller frees). */
int store_notify_bureaus(struct dj_db *db, int64_t **ids, int *count, struct dj_err *err);
#endif
