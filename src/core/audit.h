/* audit: every change leaves a record of who, when, what, and the object
 * before and after, written in the same transaction as the change and chained
 * by a keyed hash (HMAC-SHA-256) so that `dangjian check` detects an edited,
 * inserted or deleted record. */
#ifndef DJ_AUDIT_H
#define DJ_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "core/authz.h"
#include "store/audit.h"

/* Appends one record inside the caller's write transaction.  before and
 * after may be NULL; they are borrowed, not stolen. */
int audit_record(struct dj_db *db, const struct dj_actor *actor, const char *action,
                 const char *object_type, int64_t object_id, int64_t org_id, const json_t *before,
                 const json_t *after, struct dj_err *err);

/* Appends a record carried from another database (a bureau's import) as it
 * is: r's at, user_id, username, action, object, org and JSON are kept; its
 * id, prev_hash and hash are set here, chained with this database's key.
 * Inside the caller's write transaction. */
int audit_record_copy(struct dj_db *db, struct dj_audit_row *r, struct dj_err *err);

/* The audit trail the actor may read (PERM_AUDIT_READ): everything for a
 * grant at a root, otherwise the records of organisations in the subtree.
 * f->scope_path is set here. */
int audit_list(struct dj_db *db, const struct dj_actor *actor, struct dj_audit_filter *f,
               struct dj_audit_list *out, struct dj_err *err);

/* The hash of a record: HMAC-SHA-256 over its fields and prev_hash, keyed
 * with a subkey of the key file (core/secret.h; DJ_EINTERNAL before the key
 * is loaded).  Whoever can write the database but not read the key file can
 * neither edit a record nor recompute the chain after it; someone holding
 * both (the server's account, root) can, and a backup of the database and
 * its key file elsewhere is the defence against them. */
int audit_hash(const struct dj_audit_row *r, char out[65], struct dj_err *err);

/* The plain SHA-256 hash of the chain before it was keyed (v1): for
 * audit_rechain and its tests only. */
void audit_hash_plain(const struct dj_audit_row *r, char out[65]);

/* Walks the whole chain.  0 when sound (*count gets the number of records);
 * DJ_ECONFLICT with err naming the first broken record otherwise. */
/* The data's version for conditional requests and the answer cache: the
 * chain head's sequence and hash, which every audited write advances in its
 * own transaction (and `check --rechain` changes), on every server sharing
 * the database.  One read; nothing else. */
int audit_data_version(struct dj_db *db, int64_t *seq, char hash[65], struct dj_err *err);
int audit_verify(struct dj_db *db, int64_t *count, struct dj_err *err);

/* Re-keys a chain written before the chain was keyed, inside the caller's
 * write transaction: locks the head, verifies the chain (records of the old
 * plain SHA-256 kind up to some point, keyed after it; any break refused),
 * then rewrites every hash keyed.  It trusts the plain part: run it once,
 * right after an upgrade (docs/SECURITY.md). */
int audit_rechain(struct dj_db *db, int64_t *count, struct dj_err *err);

#endif
