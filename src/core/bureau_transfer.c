#include "core/bureau_transfer.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/bureaus.h"
#include "core/evaluations.h"
#include "store/audit.h"
#include "store/bureaus.h"
#include "store/indexes.h"
#include "store/migrations.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/idmap.h"

/* ---- export ---- */

struct xout {
    FILE *f;
    crypto_hash_sha256_state sha; /* over every line before the last */
    int64_t lines;
    bool failed;
};

/* Writes one line of JSON (stolen). */
static int out_line(struct xout *o, json_t *j, struct dj_err *err)
{
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(j);
    if (!s)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    size_t n = strlen(s);
    crypto_hash_sha256_update(&o->sha, (const unsigned char *)s, n);
    crypto_hash_sha256_update(&o->sha, (const unsigned char *)"\n", 1);
    bool bad = fwrite(s, 1, n, o->f) != n || fputc('\n', o->f) == EOF;
    free(s);
    o->lines++;
    return bad ? dj_err_set(err, DJ_EIO, "写文件失败：%s", strerror(errno)) : 0;
}

struct xexport {
    struct dj_db *db;
    const struct dj_secret *key;
    struct xout out;
    enum dj_xtab t;
    struct dj_idmap orgs, users; /* sets: what the audit records are filtered by */
    struct dj_idmap finals;      /* final evaluations, by id */
    struct dj_transfer_summary *sum;
    struct dj_err *err; /* for the audit scan's callback */
};

static json_t *val_json(const struct dj_xval *v)
{
    switch (v->type) {
    case XV_INT:
        return json_integer((json_int_t)v->i);
    case XV_TEXT:
        return json_stringn(v->s, v->len);
    case XV_BLOB: {
        size_t n = sodium_base64_ENCODED_LEN(v->len, sodium_base64_VARIANT_ORIGINAL);
        char *b = malloc(n);
        if (!b)
            return NULL;
        sodium_bin2base64(b, n, (const unsigned char *)v->s, v->len, sodium_base64_VARIANT_ORIGINAL);
        json_t *j = json_string(b);
        free(b);
        return j;
    }
    default:
        return json_null();
    }
}

static int export_row(void *ctx, const struct dj_xval *vals, struct dj_err *err)
{
    struct xexport *x = ctx;
    const struct dj_xtable *tb = store_xfer_table(x->t);
    json_t *r = json_object();
    int rc = r ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
    for (int c = 0; c < tb->ncols && !rc; c++) {
        json_t *v;
        if ((tb->cols[c].kind == XK_SEALED || tb->cols[c].kind == XK_SEALED_TALK ||
             tb->cols[c].kind == XK_SEALED_NOTIFY) &&
            vals[c].type == XV_TEXT && vals[c].len) {
            char *plain = NULL;
            struct dj_secret talk_key;
            const struct dj_secret *key = x->key;
            if (tb->cols[c].kind != XK_SEALED) { /* a subkey of its own */
                if ((rc = secret_subkey(x->key,
                                        tb->cols[c].kind == XK_SEALED_TALK ? SECRET_CTX_TALKS
                                                                           : SECRET_CTX_NOTIFY,
                                        &talk_key, err)))
                    break;
                key = &talk_key;
            }
            rc = secret_open(key, vals[c].s, &plain, err);
            if (key == &talk_key)
                secret_wipe(&talk_key);
            if (rc)
                break; /* sealed with another key: nothing would open it after the move */
            v = json_string(plain);
            sodium_memzero(plain, strlen(plain));
            free(plain);
        } else {
            v = val_json(&vals[c]);
        }
        if (!v || json_object_set_new(r, tb->cols[c].name, v))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    int64_t id = tb->cols[0].kind == XK_ID ? vals[0].i : 0;
    if (!rc && x->t == XT_ORGS)
        rc = dj_idmap_put(&x->orgs, id, 1, err);
    if (!rc && x->t == XT_USERS)
        rc = dj_idmap_put(&x->users, id, 1, err);
    if (!rc && x->t == XT_EVALUATIONS && !strcmp(json_string_value(json_object_get(r, "state")), "final"))
        rc = dj_idmap_put(&x->finals, id, 1, err);
    if (rc) {
        json_decref(r);
        return rc;
    }
    x->sum->rows[x->t]++;
    return out_line(&x->out, json_pack("{s:s, s:o}", "t", tb->name, "r", r), err);
}

static int export_kind(void *ctx, int64_t id, const char *code, struct dj_err *err)
{
    struct xexport *x = ctx;
    return out_line(&x->out, json_pack("{s:s, s:I, s:s}", "t", "#builtin_kind", "id", (json_int_t)id,
                                       "code", code),
                    err);
}

/* A final evaluation's results as hashed, after checking the hash. */
static int export_final(struct xexport *x, int64_t id, struct dj_err *err)
{
    struct dj_evaluation e;
    struct dj_buf b = DJ_BUF_INIT;
    char now[65];
    int rc = store_evaluation_get(x->db, id, &e, err);
    if (!rc)
        rc = evaluations_results_text(x->db, id, &b, err);
    if (!rc)
        rc = secret_mac_hex(b.len ? b.data : "", b.len, now, err);
    if (!rc && strcmp(now, e.results_hash) != 0)
        rc = dj_err_set(err, DJ_ECONFLICT,
                        "已定稿的考评 %" PRId64 "（%s）的结果与定稿时的哈希不符：拒绝导出，请先运行 dangjian check",
                        id, e.name);
    if (!rc)
        rc = out_line(&x->out, json_pack("{s:s, s:I, s:s, s:s%}", "t", "#final", "id", (json_int_t)id, "hash",
                                         e.results_hash, "content", b.len ? b.data : "", b.len),
                      err);
    dj_buf_free(&b);
    return rc;
}

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static int export_audit(void *ctx, const struct dj_audit_row *r)
{
    struct xexport *x = ctx;
    bool ours = r->org_id ? dj_idmap_get(&x->orgs, r->org_id) != 0
                          : r->user_id && dj_idmap_get(&x->users, r->user_id) != 0;
    if (!ours)
        return 0;
    x->sum->audit++;
    struct dj_err *err = x->err;
    return out_line(&x->out,
                    json_pack("{s:s, s:{s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:s}}", "t", "#audit", "r",
                              "id", (json_int_t)r->id, "at", r->at, "user_id", (json_int_t)r->user_id,
                              "username", r->username, "action", r->action, "object_type", r->object_type,
                              "object_id", (json_int_t)r->object_id, "org_id", (json_int_t)r->org_id,
                              "before", opt_str(r->before_json), "after", opt_str(r->after_json), "hash",
                              r->hash),
                    err);
}

static int export_all(struct xexport *x, const struct dj_bureau *b, const char *source, int version,
                      struct dj_err *err)
{
    int64_t count = 0;
    int rc = audit_verify(x->db, &count, err);
    if (rc == DJ_ECONFLICT) {
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        return dj_err_set(err, rc, "源数据库的审计链不完整，拒绝导出：%s", why);
    }
    if (!rc)
        rc = store_audit_head_get(x->db, &x->sum->head_seq, x->sum->head_hash, err);
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    if (!rc)
        rc = out_line(&x->out,
                      json_pack("{s:s, s:i, s:s, s:s, s:i, s:{s:I, s:s, s:s, s:s}, s:{s:I, s:s}}", "format",
                                DJ_TRANSFER_FORMAT, "version", DJ_TRANSFER_VERSION, "exported_at", now, "source",
                                source, "schema_version", version, "bureau", "id", (json_int_t)b->id, "code",
                                b->code, "name", b->name, "status", b->status, "audit_head", "seq",
                                (json_int_t)x->sum->head_seq, "hash", x->sum->head_hash),
                      err);
    if (!rc)
        rc = store_xfer_builtin_kinds(x->db, export_kind, x, err);
    for (int t = 0; t < XT_COUNT && !rc; t++) {
        x->t = (enum dj_xtab)t;
        rc = store_xfer_scan(x->db, x->t, b->id, export_row, x, err);
    }
    for (int i = 0; i < x->finals.n && !rc; i++, x->sum->finals++)
        rc = export_final(x, x->finals.p[i].from, err);
    if (!rc) {
        x->err = err;
        rc = store_audit_scan(x->db, export_audit, x, err);
    }
    return rc;
}

int bureau_export(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                  const char *code, const char *path, const char *source, struct dj_transfer_summary *out,
                  struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    struct dj_bureau b;
    int version = 0;
    /* before the read-only snapshot: it may create its table on PostgreSQL */
    int rc = migrations_current(db, &version, err);
    if (rc || (rc = store_xfer_check_schema(db, err)) || (rc = bureaus_resolve(db, code, &b, err)))
        return rc;
    snprintf(out->code, sizeof out->code, "%s", b.code);
    snprintf(out->name, sizeof out->name, "%s", b.name);
    out->bureau_id = b.id;
    /* the file holds the 身份证号 in the clear and the password hashes: only its owner reads it */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return dj_err_set(err, DJ_EIO, "不能新建 %s：%s", path, strerror(errno));
    struct xexport x = {.db = db, .key = key, .sum = out};
    x.out.f = fdopen(fd, "w");
    if (!x.out.f) {
        close(fd);
        unlink(path);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    crypto_hash_sha256_init(&x.out.sha);
    if (!(rc = db_begin_read(db, err))) {
        if (!(rc = store_xfer_snapshot(db, err)))
            rc = export_all(&x, &b, source, version, err);
        db_rollback(db); /* a read */
    }
    if (!rc) {
        unsigned char digest[crypto_hash_sha256_BYTES];
        char hex[65];
        crypto_hash_sha256_final(&x.out.sha, digest);
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        rc = out_line(&x.out, json_pack("{s:s, s:I, s:s}", "t", "#end", "lines", (json_int_t)x.out.lines, "sha256", hex),
                      err);
    }
    if ((fflush(x.out.f) || fsync(fileno(x.out.f))) && !rc)
        rc = dj_err_set(err, DJ_EIO, "写文件失败：%s", strerror(errno));
    if (fclose(x.out.f) && !rc)
        rc = dj_err_set(err, DJ_EIO, "写文件失败：%s", strerror(errno));
    dj_idmap_free(&x.orgs);
    dj_idmap_free(&x.users);
    dj_idmap_free(&x.finals);
    if (rc) {
        unlink(path);
        return rc;
    }
    /* the source keeps a record that its bureau left in a file */
    json_t *after = json_pack("{s:s, s:I, s:I, s:i, s:{s:I, s:s}}", "file", path, "rows", (json_int_t)x.out.lines,
                              "audit_records", (json_int_t)out->audit, "final_evaluations", out->finals,
                              "audit_head", "seq", (json_int_t)out->head_seq, "hash", out->head_hash);
    if (!after)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!(rc = db_begin_write(db, err))) {
        if ((rc = audit_record(db, actor, "export", "bureau", b.id, b.id, NULL, after, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(after);
    return rc;
}

