#include "store/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

void store_audit_row_clear(struct dj_audit_row *r)
{
    free(r->before_json);
    free(r->after_json);
    r->before_json = r->after_json = NULL;
}

int store_audit_head_advance(struct dj_db *db, int64_t *seq, char prev_hash[65], struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
                      &st, err);
    if (rc)
        return rc;
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        *seq = db_int(st, 0);
        snprintf(prev_hash, 65, "%s", db_text(st, 1));
    }
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_EDB, "审计链头缺失");
    return rc == DB_ROW ? 0 : rc;
}

int store_audit_head_set_hash(struct dj_db *db, const char *hash, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE audit_head SET hash = $1 WHERE id = 1", &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, hash);
    return db_run(st, err);
}

int store_audit_head_lock(struct dj_db *db, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE audit_head SET seq = seq WHERE id = 1", &st, err);
    return rc ? rc : db_run(st, err);
}

int store_audit_set_hashes(struct dj_db *db, int64_t id, const char *prev_hash, const char *hash,
                           struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE audit SET prev_hash = $1, hash = $2 WHERE id = $3", &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, prev_hash);
    db_bind_text(st, 2, hash);
    db_bind_int(st, 3, id);
    return db_run(st, err);
}

int store_audit_head_get(struct dj_db *db, int64_t *seq, char hash[65], struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT seq, hash FROM audit_head WHERE id = 1", &st, err);
    if (rc)
        return rc;
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        *seq = db_int(st, 0);
        snprintf(hash, 65, "%s", db_text(st, 1));
    }
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_EDB, "审计链头缺失");
    return rc == DB_ROW ? 0 : rc;
}

static void bind_opt_int(struct dj_stmt *st, int i, int64_t v)
{
    if (v)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i);
}

int store_audit_insert(struct dj_db *db, const struct dj_audit_row *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO audit (id, at, user_id, username, action, object_type,"
                      " object_id, org_id, before_json, after_json, prev_hash, hash)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->at);
    bind_opt_int(st, 3, r->user_id);
    db_bind_text(st, 4, r->username);
    db_bind_text(st, 5, r->action);
    db_bind_text(st, 6, r->object_type);
    bind_opt_int(st, 7, r->object_id);
    bind_opt_int(st, 8, r->org_id);
    db_bind_text(st, 9, r->before_json);
    db_bind_text(st, 10, r->after_json);
    db_bind_text(st, 11, r->prev_hash);
    db_bind_text(st, 12, r->hash);
    return db_run(st, err);
}

#define AUDIT_COLUMNS                                                                         \
    "a.id, a.at, a.user_id, a.username, a.action, a.object_type, a.object_id, a.org_id," \
    " a.before_json, a.after_json, a.prev_hash, a.hash"

static int audit_from_row(struct dj_stmt *st, struct dj_audit_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    COPY(r->at, db_text(st, 1));
    r->user_id = db_int(st, 2);
    COPY(r->username, db_text(st, 3));
    COPY(r->action, db_text(st, 4));
    COPY(r->object_type, db_text(st, 5));
    r->object_id = db_int(st, 6);
    r->org_id = db_int(st, 7);
    if (!db_is_null(st, 8) && !(r->before_json = strdup(db_text(st, 8))))
        return DJ_ENOMEM;
    if (!db_is_null(st, 9) && !(r->after_json = strdup(db_text(st, 9)))) {
        store_audit_row_clear(r);
        return DJ_ENOMEM;
    }
    COPY(r->prev_hash, db_text(st, 10));
    COPY(r->hash, db_text(st, 11));
    return 0;
}

int store_audit_scan(struct dj_db *db, dj_audit_visit_fn fn, void *ctx, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT " AUDIT_COLUMNS " FROM audit a ORDER BY a.id", &st, err);
    if (rc)
        return rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        struct dj_audit_row r;
        if (audit_from_row(st, &r)) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        }
        int stop = fn(ctx, &r);
        store_audit_row_clear(&r);
        if (stop) {
            rc = stop;
            break;
        }
    }
    db_done(st);
    return rc == DB_DONE ? 0 : rc;
}

/* Filters shared by the count and the page: each is skipped when its
 * parameter is NULL, so that one statement text serves every combination. */
#define AUDIT_WHERE                                                  \
    " WHERE (CAST($1 AS BIGINT) IS NULL OR a.user_id = $1)"                          \
    " AND (CAST($2 AS TEXT) IS NULL OR a.object_type = $2)"                        \
    " AND (CAST($3 AS BIGINT) IS NULL OR a.object_id = $3)"                          \
    " AND (CAST($4 AS TEXT) IS NULL OR a.at >= $4)"                                \
    " AND (CAST($5 AS TEXT) IS NULL OR a.at <= $5)"                                \
    " AND (CAST($6 AS TEXT) IS NULL OR a.org_id IN (SELECT o.id FROM orgs o WHERE o.path LIKE $6)"   \
    "   OR (a.org_id IS NULL AND ($7 <> 0 AND a.user_id IN (SELECT u.id FROM users u WHERE u.bureau_id = $7)"  \
    "       OR $8 = 1 AND a.user_id IS NULL)))"

static void bind_filter(struct dj_stmt *st, const struct dj_audit_filter *f, char *scope_like,
                        size_t scope_len)
{
    bind_opt_int(st, 1, f->user_id);
    db_bind_text(st, 2, f->object_type);
    bind_opt_int(st, 3, f->object_id);
    db_bind_text(st, 4, f->from);
    db_bind_text(st, 5, f->to);
    if (f->scope_path) {
        snprintf(scope_like, scope_len, "%s%%", f->scope_path);
        db_bind_text(st, 6, scope_like);
    } else {
        db_bind_null(st, 6);
    }
    db_bind_int(st, 7, f->orgless_bureau);
    db_bind_int(st, 8, f->orgless_anonymous);
}

int store_audit_list(struct dj_db *db, const struct dj_audit_filter *f, struct dj_audit_list *out,
                     struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    char scope_like[300];
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM audit a" AUDIT_WHERE, &st, err);
    if (rc)
        return rc;
    bind_filter(st, f, scope_like, sizeof scope_like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        out->total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    out->items = calloc((size_t)(f->limit > 0 ? f->limit : 1), sizeof *out->items);
    if (!out->items)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if ((rc = db_query(db,
                       "SELECT " AUDIT_COLUMNS " FROM audit a" AUDIT_WHERE
                       " ORDER BY a.id DESC LIMIT $9 OFFSET $10",
                       &st, err)))
        return rc;
    bind_filter(st, f, scope_like, sizeof scope_like);
    db_bind_int(st, 9, f->limit);
    db_bind_int(st, 10, f->offset);
    while ((rc = db_step(st, err)) == DB_ROW && out->count < f->limit) {
        if (audit_from_row(st, &out->items[out->count])) {
            db_done(st);
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        }
        out->count++;
    }
    db_done(st);
    return (rc == DB_DONE || rc == DB_ROW) ? 0 : rc;
}

void store_audit_list_free(struct dj_audit_list *l)
{
    for (int i = 0; i < l->count; i++)
        store_audit_row_clear(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}
