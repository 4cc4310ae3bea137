/* notify_outbox: the queue of messages and its delivery log (issue 17).
 *
 * A message is queued once: its dedupe key (bureau/person/kind/day for a
 * person, bureau/group:channel/kind/day for a robot) is unique in the
 * database, so two servers or a rerun cannot queue it twice.
 *
 * Delivery (notify_deliver_due, run by every server's scheduler tick): each
 * message is claimed in a transaction of its own (status sending, attempts
 * + 1, the server and time of the claim), committed, sent, then marked in a
 * second transaction: sent; queued again with back-off (retry_seconds ×
 * 2^(attempts-1), at most 6 h) after a failure that may pass (no answer,
 * HTTP 5xx or 429) while attempts < max_attempts; failed otherwise.
 *
 * The choice: at least once.  A server that dies between the send and the
 * mark leaves the message `sending`; once its claim is older than
 * notify.lease_seconds another server (or the same one restarted) sends it
 * again, with the same message id (X-Dj-Message-Id; the e-mail's
 * Message-ID) for the receiver to drop the repeat.  At most one message per
 * server can be in that state at a crash, since a server claims one at a
 * time.  No message is lost; a receiver that ignores the id may see that one
 * message twice. */
#ifndef DJ_NOTIFY_OUTBOX_H
#define DJ_NOTIFY_OUTBOX_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "core/secret.h"
#include "store/notify.h"
#include "util/config.h"

json_t *notify_outbox_json(const struct dj_outbox *o);

/* Sends due messages one by one until none is due or max_ms passed; *sent
 * counts those the channels took; *more (may be NULL) says the time ran out
 * before the queue did.  only_id: just that message (0: any). */
int notify_deliver_due(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                       const char *holder, int64_t only_id, int max_ms, int *sent, bool *more,
                       struct dj_err *err);

/* POST /notify/test: queues a test message on channel to `to` (NULL: the
 * caller's own address or phone; robots need none) and sends it at once;
 * *out is the message as the log shows it (sent, or failed with the reason). */
int notify_test_send(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                     const struct dj_actor *actor, const char *channel, const char *to,
                     json_t **out, struct dj_err *err);

/* GET /deliveries (f->bureau_id is set here) and GET /deliveries/{id}. */
int notify_deliveries_list(struct dj_db *db, const struct dj_actor *actor,
                           struct dj_outbox_filter *f, json_t **items, int64_t *total,
                           struct dj_err *err);
int notify_delivery_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                        struct dj_err *err);

#endif
