/* store/audit: the audit and audit_head tables.  The hashing lives in
 * core/audit.c; this module only reads and writes rows. */
#ifndef DJ_STORE_AUDIT_H
#define DJ_STORE_AUDIT_H

#include <stdint.h>

#include "store/db.h"

struct dj_audit_row {
    int64_t id;
    char at[32];
    int64_t user_id; /* 0 for the system */
    char username[128];
    char action[64];
    char object_type[64];
    int64_t object_id; /* 0 when none */
    int64_t org_id;    /* 0 when none */
    char *before_json; /* NULL when none; owned by the row (see store_audit_row_clear) */
    char *after_json;
    char prev_hash[65];
    char hash[65];
};
void store_audit_row_clear(struct dj_audit_row *r);

/* Advances the head: *seq becomes the id of the new row and prev_hash the
 * hash of the last one.  Locks the head until the transaction ends. */
int store_audit_head_advance(struct dj_db *db, int64_t *seq, char prev_hash[65], struct dj_err *err);
int store_audit_head_set_hash(struct dj_db *db, const char *hash, struct dj_err *err);
/* Holds the head's row until the write transaction ends (PostgreSQL). */
int store_audit_head_lock(struct dj_db *db, struct dj_err *err);
/* Rewrites the chain fields of one record (a re-chain, core/audit.c). */
int store_audit_set_hashes(struct dj_db *db, int64_t id, const char *prev_hash, const char *hash,
                           struct dj_err *err);
int store_audit_head_get(struct dj_db *db, int64_t *seq, char hash[65], struct dj_err *err);
/* Inserts r with its id, prev_hash and hash already set. */
int store_audit_insert(struct dj_db *db, const struct dj_audit_row *r, struct dj_err *err);

/* Calls fn for every row in id order; fn returns 0 to go on. */
typedef int (*dj_audit_visit_fn)(void *ctx, const struct dj_audit_row *r);
int store_audit_scan(struct dj_db *db, dj_audit_visit_fn fn, void *ctx, struct dj_err *err);

struct dj_audit_filter {
    int64_t user_id;        /* 0 = any */
    const char *object_type; /* NULL = any */
    int64_t object_id;      /* 0 = any */
    const char *from, *to;  /* RFC 3339 bounds on at, NULL = open */
    const char *scope_path; /* only rows of orgs under this path (and the org-less rows
                             * below); NULL = all rows */
    int64_t orgless_bureau; /* with scope_path: also rows of no org by accounts of this bureau */
    bool orgless_anonymous; /* with scope_path: also rows of no org and no account (failed logins of unknown names) */
    int limit, offset;
};
struct dj_audit_list {
    struct dj_audit_row *items;
    int count;
    int64_t total;
};
/* Newest first. */
int store_audit_list(struct dj_db *db, const struct dj_audit_filter *f, struct dj_audit_list *out,
                     struct dj_err *err);
void store_audit_list_free(struct dj_audit_list *l);

#endif
