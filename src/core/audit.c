#include "core/audit.h"

#include "store/bureaus.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/secret.h"
#include "util/clock.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Each field goes in as "<length>:<bytes>;" so that no two different
 * records can produce the same byte stream.  The chain is keyed (v2,
 * HMAC-SHA-256 with a subkey of the key file, core/secret.h); v1 was plain
 * SHA-256 and is read only to re-chain an old database (audit_rechain). */
struct chain_hash {
    bool keyed;
    crypto_hash_sha256_state sha;
    crypto_auth_hmacsha256_state mac;
};

static void chain_update(struct chain_hash *h, const void *data, size_t len)
{
    if (h->keyed)
        crypto_auth_hmacsha256_update(&h->mac, data, (unsigned long long)len);
    else
        crypto_hash_sha256_update(&h->sha, data, (unsigned long long)len);
}

static void hash_field(struct chain_hash *h, const char *s)
{
    char len[24];
    int n = snprintf(len, sizeof len, "%zu:", s ? strlen(s) : (size_t)0);
    chain_update(h, len, (size_t)n);
    if (s)
        chain_update(h, s, strlen(s));
    chain_update(h, ";", 1);
}

static void hash_int(struct chain_hash *h, int64_t v)
{
    char s[24];
    snprintf(s, sizeof s, "%" PRId64, v);
    hash_field(h, s);
}

static int row_hash(const struct dj_audit_row *r, bool keyed, char out[65], struct dj_err *err)
{
    struct chain_hash h;
    h.keyed = keyed;
    if (keyed) {
        int rc = secret_mac_init(&h.mac, err);
        if (rc)
            return rc;
    } else {
        crypto_hash_sha256_init(&h.sha);
    }
    hash_field(&h, keyed ? "dangjian-audit-v2" : "dangjian-audit-v1");
    hash_field(&h, r->prev_hash);
    hash_int(&h, r->id);
    hash_field(&h, r->at);
    hash_int(&h, r->user_id);
    hash_field(&h, r->username);
    hash_field(&h, r->action);
    hash_field(&h, r->object_type);
    hash_int(&h, r->object_id);
    hash_int(&h, r->org_id);
    hash_field(&h, r->before_json ? r->before_json : "\x01null");
    hash_field(&h, r->after_json ? r->after_json : "\x01null");
    unsigned char digest[crypto_hash_sha256_BYTES];
    if (keyed)
        crypto_auth_hmacsha256_final(&h.mac, digest);
    else
        crypto_hash_sha256_final(&h.sha, digest);
    sodium_bin2hex(out, 65, digest, sizeof digest);
    return 0;
}

int audit_hash(const struct dj_audit_row *r, char out[65], struct dj_err *err)
{
    return row_hash(r, true, out, err);
}

void audit_hash_plain(const struct dj_audit_row *r, char out[65])
{
    row_hash(r, false, out, NULL); /* cannot fail: no key needed */
}

int audit_record(struct dj_db *db, const struct dj_actor *actor, const char *action,
                 const char *object_type, int64_t object_id, int64_t org_id, const json_t *before,
                 const json_t *after, struct dj_err *err)
{
    struct dj_audit_row r;
    memset(&r, 0, sizeof r);
    int rc = store_audit_head_advance(db, &r.id, r.prev_hash, err);
    if (rc)
        return rc;
    dj_now_rfc3339(r.at);
    r.user_id = actor ? actor->user.id : 0;
    snprintf(r.username, sizeof r.username, "%s", actor ? actor->user.username : "system");
    snprintf(r.action, sizeof r.action, "%s", action);
    snprintf(r.object_type, sizeof r.object_type, "%s", object_type);
    r.object_id = object_id;
    r.org_id = org_id;
    const size_t flags = JSON_COMPACT | JSON_SORT_KEYS;
    if (before && !(r.before_json = json_dumps(before, flags)))
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (after && !(r.after_json = json_dumps(after, flags))) {
        store_audit_row_clear(&r);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    if ((rc = audit_hash(&r, r.hash, err))) {
        store_audit_row_clear(&r);
        return rc;
    }
    rc = store_audit_insert(db, &r, err);
    if (!rc)
        rc = store_audit_head_set_hash(db, r.hash, err);
    store_audit_row_clear(&r);
    return rc;
}

int audit_record_copy(struct dj_db *db, struct dj_audit_row *r, struct dj_err *err)
{
    int rc = store_audit_head_advance(db, &r->id, r->prev_hash, err);
    if (rc || (rc = audit_hash(r, r->hash, err)) || (rc = store_audit_insert(db, r, err)))
        return rc;
    return store_audit_head_set_hash(db, r->hash, err);
}

/* How a walk accepts hashes: keyed only (check), or an upgrade's chain whose
 * records are of the old plain kind up to some point and keyed after it
 * (a server started on it before the re-chain). */
enum chain_mode { CHAIN_KEYED, CHAIN_PLAIN_THEN_KEYED };

struct verify_state {
    int64_t last_id;
    char last_hash[65];
    enum chain_mode mode;
    bool keyed_seen;
    struct dj_err *err;
};

static int verify_row(void *ctx, const struct dj_audit_row *r)
{
    struct verify_state *v = ctx;
    if (r->id != v->last_id + 1)
        return dj_err_set(v->err, DJ_ECONFLICT,
                          "审计记录 #%" PRId64 " 之前缺少记录 #%" PRId64 "：记录被删除",
                          r->id, v->last_id + 1);
    if (strcmp(r->prev_hash, v->last_hash) != 0)
        return dj_err_set(v->err, DJ_ECONFLICT,
                          "审计记录 #%" PRId64 " 的前序哈希与记录 #%" PRId64 " 不符：链条被改动",
                          r->id, v->last_id);
    char h[65], plain[65];
    int rc = row_hash(r, true, h, v->err);
    if (rc)
        return rc;
    if (strcmp(h, r->hash) == 0) {
        v->keyed_seen = true;
    } else {
        audit_hash_plain(r, plain);
        bool is_plain = strcmp(plain, r->hash) == 0;
        if (is_plain && v->mode == CHAIN_PLAIN_THEN_KEYED && !v->keyed_seen) {
            /* an old record, before any keyed one */
        } else if (is_plain) {
            /* not a hint to re-chain: a forger who rewrote the chain without
             * the key leaves exactly this */
            return dj_err_set(v->err, DJ_ECONFLICT,
                              "审计记录 #%" PRId64 " 的哈希不带密钥：链条是升级前写入的旧链，或被人改写后重算", r->id);
        } else {
            return dj_err_set(v->err, DJ_ECONFLICT,
                              "审计记录 #%" PRId64 " 的内容与其哈希不符：记录被修改", r->id);
        }
    }
    v->last_id = r->id;
    memcpy(v->last_hash, r->hash, sizeof v->last_hash);
    return 0;
}

static int verify_chain(struct dj_db *db, enum chain_mode mode, int64_t *count, struct dj_err *err)
{
    struct verify_state v = {.last_id = 0, .mode = mode, .err = err};
    snprintf(v.last_hash, sizeof v.last_hash, "%s", GENESIS_HASH);
    int rc = store_audit_scan(db, verify_row, &v, err);
    if (rc)
        return rc;
    int64_t seq;
    char head[65];
    if ((rc = store_audit_head_get(db, &seq, head, err)))
        return rc;
    if (seq != v.last_id || strcmp(head, v.last_hash) != 0)
        return dj_err_set(err, DJ_ECONFLICT,
                          "审计链头指向记录 #%" PRId64 "，但最后一条记录是 #%" PRId64
                          "：末尾的记录被删除或改动",
                          seq, v.last_id);
    if (count)
        *count = v.last_id;
    return 0;
}

int audit_list(struct dj_db *db, const struct dj_actor *actor, struct dj_audit_filter *f,
               struct dj_audit_list *out, struct dj_err *err)
{
    int rc = authz_require(actor, PERM_AUDIT_READ, NULL, err);
    if (rc)
        return rc;
    const char *scope = authz_scope(actor, PERM_AUDIT_READ);
    if (actor->session_id == 0) {
        f->scope_path = NULL; /* the command line reads the whole trail */
        return store_audit_list(db, f, out, err);
    }
    /* a reader at the bureau's root also sees the bureau's rows of no
     * organisation (its accounts' logins, denials); the failed logins of
     * unknown names belong to the deployment's first bureau (plain names) */
    f->scope_path = scope;
    f->orgless_bureau = 0;
    f->orgless_anonymous = false;
    if (scope && authz_path_is_root(scope)) {
        struct dj_bureau b;
        f->orgless_bureau = actor->user.bureau_id;
        if ((rc = store_bureau_get(db, actor->user.bureau_id, &b, err)))
            return rc;
        f->orgless_anonymous = b.plain_names;
    }
    return store_audit_list(db, f, out, err);
}

int audit_verify(struct dj_db *db, int64_t *count, struct dj_err *err)
{
    return verify_chain(db, CHAIN_KEYED, count, err);
}

struct rechain_state {
    struct dj_audit_row *rows;
    size_t n, cap;
    struct dj_err *err;
};

static int collect_row(void *ctx, const struct dj_audit_row *r)
{
    struct rechain_state *s = ctx;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        struct dj_audit_row *rows = realloc(s->rows, cap * sizeof *rows);
        if (!rows)
            return dj_err_set(s->err, DJ_ENOMEM, "内存不足");
        s->rows = rows;
        s->cap = cap;
    }
    struct dj_audit_row *c = &s->rows[s->n];
    *c = *r;
    c->before_json = r->before_json ? strdup(r->before_json) : NULL;
    c->after_json = r->after_json ? strdup(r->after_json) : NULL;
    if ((r->before_json && !c->before_json) || (r->after_json && !c->after_json)) {
        store_audit_row_clear(c);
        return dj_err_set(s->err, DJ_ENOMEM, "内存不足");
    }
    s->n++;
    return 0;
}

int audit_rechain(struct dj_db *db, int64_t *count, struct dj_err *err)
{
    /* no writer adds a record while the chain is read and rewritten */
    int rc = store_audit_head_lock(db, err);
    if (rc || (rc = verify_chain(db, CHAIN_PLAIN_THEN_KEYED, count, err)))
        return rc; /* only a sound chain is re-keyed: no edited record is laundered */
    struct rechain_state s = {.err = err};
    if ((rc = store_audit_scan(db, collect_row, &s, err)))
        goto out;
    char prev[65];
    snprintf(prev, sizeof prev, "%s", GENESIS_HASH);
    for (size_t i = 0; i < s.n && !rc; i++) {
        struct dj_audit_row *r = &s.rows[i];
        snprintf(r->prev_hash, sizeof r->prev_hash, "%s", prev);
        if (!(rc = audit_hash(r, r->hash, err)))
            rc = store_audit_set_hashes(db, r->id, r->prev_hash, r->hash, err);
        snprintf(prev, sizeof prev, "%s", r->hash);
    }
    if (!rc && s.n)
        rc = store_audit_head_set_hash(db, prev, err);
out:
    for (size_t i = 0; i < s.n; i++)
        store_audit_row_clear(&s.rows[i]);
    free(s.rows);
    return rc;
}

int audit_data_version(struct dj_db *db, int64_t *seq, char hash[65], struct dj_err *err)
{
    return store_audit_head_get(db, seq, hash, err);
}
