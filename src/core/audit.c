#include "core/audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Each field goes in as "<length>:<bytes>;" so that no two different
 * records can produce the same byte stream. */
static void hash_field(crypto_hash_sha256_state *h, const char *s)
{
    char len[24];
    int n = snprintf(len, sizeof len, "%zu:", s ? strlen(s) : (size_t)0);
    crypto_hash_sha256_update(h, (const unsigned char *)len, (unsigned long long)n);
    if (s)
        crypto_hash_sha256_update(h, (const unsigned char *)s, strlen(s));
    crypto_hash_sha256_update(h, (const unsigned char *)";", 1);
}

static void hash_int(crypto_hash_sha256_state *h, int64_t v)
{
    char s[24];
    snprintf(s, sizeof s, "%" PRId64, v);
    hash_field(h, s);
}

void audit_hash(const struct dj_audit_row *r, char out[65])
{
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    hash_field(&h, "dangjian-audit-v1");
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
    crypto_hash_sha256_final(&h, digest);
    sodium_bin2hex(out, 65, digest, sizeof digest);
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
    audit_hash(&r, r.hash);
    rc = store_audit_insert(db, &r, err);
    if (!rc)
        rc = store_audit_head_set_hash(db, r.hash, err);
    store_audit_row_clear(&r);
    return rc;
}

struct verify_state {
    int64_t last_id;
    char last_hash[65];
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
    char h[65];
    audit_hash(r, h);
    if (strcmp(h, r->hash) != 0)
        return dj_err_set(v->err, DJ_ECONFLICT,
                          "审计记录 #%" PRId64 " 的内容与其哈希不符：记录被修改", r->id);
    v->last_id = r->id;
    memcpy(v->last_hash, r->hash, sizeof v->last_hash);
    return 0;
}

int audit_verify(struct dj_db *db, int64_t *count, struct dj_err *err)
{
    struct verify_state v = {.last_id = 0, .err = err};
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
    bool system_wide = actor->session_id == 0 || (scope && authz_path_is_root(scope));
    f->scope_path = system_wide ? NULL : scope;
    return store_audit_list(db, f, out, err);
}
