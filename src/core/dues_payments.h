/* dues_payments: payments of 党费 and remittances to the higher committee.
 * Scope and audit as core/dues says; a payment's months are checked against
 * the member's ledger (core/dues_ledger).  JSON results are new references
 * the caller owns. */
#ifndef DJ_DUES_PAYMENTS_H
#define DJ_DUES_PAYMENTS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "store/dues.h"
#include "util/config.h"

json_t *dues_payment_json(const struct dj_dues_payment *p);
/* f's scope (bureau, path, or the actor's own person) is set here. */
int dues_payments_list(struct dj_db *db, const struct dj_actor *actor,
                       struct dj_dues_payment_filter *f, json_t **items, int64_t *total,
                       struct dj_err *err);
/* Records a payment of the months from_month..to_month: the months must lie
 * within the member's dues (from their start, up to 11 months ahead), be
 * unpaid (DJ_ECONFLICT), and the amount at least what they owe (due_fen is
 * set).  Months older than the back-payment limit need confirm_late. */
int dues_payment_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                        struct dj_dues_payment *p, bool confirm_late, struct dj_err *err);
int dues_payment_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_err *err);

json_t *dues_remittance_json(const struct dj_dues_remittance *r);
/* org_id 0: every branch of the scope; year NULL: all. */
int dues_remittances_list(struct dj_db *db, const struct dj_actor *actor, int64_t org_id,
                          const char *year, json_t **items, struct dj_err *err);
int dues_remittance_create(struct dj_db *db, const struct dj_config *cfg,
                           const struct dj_actor *actor, struct dj_dues_remittance *r,
                           struct dj_err *err);
int dues_remittance_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                           struct dj_err *err);

#endif
