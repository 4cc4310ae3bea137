#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

int store_user_insert(struct dj_db *db, const struct dj_user *u, int64_t *id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO users (username, display_name, password_hash, disabled,"
                      " must_change_password, created_at, updated_at, bureau_id, province)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_text(st, 1, u->username);
    db_bind_text(st, 2, u->display_name);
    db_bind_text(st, 3, u->password_hash);
    db_bind_int(st, 4, u->disabled);
    db_bind_int(st, 5, u->must_change_password);
    db_bind_text(st, 6, now);
    if (u->bureau_id)
        db_bind_int(st, 7, u->bureau_id);
    else
        db_bind_null(st, 7);
    db_bind_int(st, 8, u->province);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    if (rc == DJ_ECONFLICT)
        return dj_err_set(err, DJ_ECONFLICT, "用户名 %s 已被使用", u->username);
    return rc == DB_ROW ? 0 : rc;
}

/* bcol: the column of u.bureau_id, followed by province and the bureau's status */
static void user_from_row(struct dj_stmt *st, struct dj_user *u, int bcol)
{
    memset(u, 0, sizeof *u);
    u->id = db_int(st, 0);
    COPY(u->username, db_text(st, 1));
    COPY(u->display_name, db_text(st, 2));
    COPY(u->password_hash, db_text(st, 3));
    u->disabled = db_int(st, 4) != 0;
    u->must_change_password = db_int(st, 5) != 0;
    COPY(u->created_at, db_text(st, 6));
    COPY(u->updated_at, db_text(st, 7));
    u->person_id = db_int(st, 8);
    u->bureau_id = db_int(st, bcol);
    u->province = db_int(st, bcol + 1) != 0;
    u->bureau_suspended = !db_is_null(st, bcol + 2) && strcmp(db_text(st, bcol + 2), "active") != 0;
}

#define USER_BUREAU_COLUMNS \
    " u.bureau_id, u.province, (SELECT b.status FROM bureaus b WHERE b.org_id = u.bureau_id)"

#define USER_COLUMNS                                                                           \
    "u.id, u.username, u.display_name, u.password_hash, u.disabled, u.must_change_password,"    \
    " u.created_at, u.updated_at, (SELECT MIN(p.id) FROM people p WHERE p.user_id = u.id),"    \
    USER_BUREAU_COLUMNS

int store_user_load_roles(struct dj_db *db, struct dj_user *u, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT r.role, r.org_id, o.path, o.name, r.department_id, d.name"
                      " FROM user_roles r JOIN orgs o ON o.id = r.org_id"
                      " LEFT JOIN departments d ON d.id = r.department_id"
                      " WHERE r.user_id = $1 ORDER BY r.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, u->id);
    u->nroles = 0;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (u->nroles >= DJ_MAX_ROLES)
            continue;
        struct dj_role_grant *g = &u->roles[u->nroles++];
        COPY(g->role, db_text(st, 0));
        g->org_id = db_int(st, 1);
        COPY(g->org_path, db_text(st, 2));
        COPY(g->org_name, db_text(st, 3));
        g->department_id = db_int(st, 4);
        COPY(g->department_name, db_text(st, 5));
    }
    db_done(st);
    return rc == DB_DONE ? 0 : rc;
}

static int user_get_where(struct dj_db *db, const char *sql, int64_t id, const char *name,
                          struct dj_user *u, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    if (name)
        db_bind_text(st, 1, name);
    else
        db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        user_from_row(st, u, 9);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "用户不存在");
    if (rc != DB_ROW)
        return rc;
    return store_user_load_roles(db, u, err);
}

int store_user_get(struct dj_db *db, int64_t id, struct dj_user *u, struct dj_err *err)
{
    return user_get_where(db, "SELECT " USER_COLUMNS " FROM users u WHERE u.id = $1", id, NULL, u, err);
}

int store_user_get_by_name(struct dj_db *db, const char *username, struct dj_user *u,
                           struct dj_err *err)
{
    return user_get_where(db, "SELECT " USER_COLUMNS " FROM users u WHERE u.username = $1", 0, username,
                          u, err);
}

int store_user_update(struct dj_db *db, const struct dj_user *u, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE users SET display_name = $2, disabled = $3,"
                      " must_change_password = $4, updated_at = $5 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, u->id);
    db_bind_text(st, 2, u->display_name);
    db_bind_int(st, 3, u->disabled);
    db_bind_int(st, 4, u->must_change_password);
    db_bind_text(st, 5, now);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "用户不存在");
}

int store_user_set_password(struct dj_db *db, int64_t id, const char *hash, bool must_change,
                            struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE users SET password_hash = $2, must_change_password = $3,"
                      " updated_at = $4 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, hash);
    db_bind_int(st, 3, must_change);
    db_bind_text(st, 4, now);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "用户不存在");
}

int store_user_set_roles(struct dj_db *db, const struct dj_user *u, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM user_roles WHERE user_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, u->id);
    if ((rc = db_run(st, err)))
        return rc;
    for (int i = 0; i < u->nroles; i++) {
        if ((rc = db_query(db,
                           "INSERT INTO user_roles (user_id, role, org_id, department_id)"
                           " VALUES ($1, $2, $3, $4)",
                           &st, err)))
            return rc;
        db_bind_int(st, 1, u->id);
        db_bind_text(st, 2, u->roles[i].role);
        db_bind_int(st, 3, u->roles[i].org_id);
        if (u->roles[i].department_id)
            db_bind_int(st, 4, u->roles[i].department_id);
        else
            db_bind_null(st, 4);
        if ((rc = db_run(st, err))) {
            if (rc == DJ_ECONFLICT)
                return dj_err_field(err, "roles", "同一角色在同一组织上重复授予");
            return rc;
        }
    }
    return 0;
}

#define USER_SCOPE_WHERE                                                                  \
    " WHERE (lower(u.username) LIKE lower($1) ESCAPE '\\' OR u.display_name LIKE $1 ESCAPE '\\')"         \
    " AND (CAST($2 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM user_roles r JOIN orgs o ON o.id = r.org_id"  \
    "   WHERE r.user_id = u.id AND o.path LIKE $2)"                                        \
    "   OR ($3 = 1 AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id)))"     \
    " AND ($4 = 0 OR u.bureau_id = $4)"

static void bind_user_filter(struct dj_stmt *st, const char *pattern, int64_t bureau_id,
                             const char *scope_path, bool include_roleless, char *scope_like,
                             size_t size)
{
    db_bind_text(st, 1, pattern);
    db_bind_int(st, 4, bureau_id);
    if (scope_path) {
        snprintf(scope_like, size, "%s%%", scope_path);
        db_bind_text(st, 2, scope_like);
    } else {
        db_bind_null(st, 2);
    }
    db_bind_int(st, 3, include_roleless);
}

int store_user_list(struct dj_db *db, const char *q, int64_t bureau_id, const char *scope_path,
                    bool include_roleless, int limit, int offset, struct dj_user_list *out,
                    struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    char pattern[2 * DJ_NAME_MAX + 3], scope_like[300];
    size_t n = 0;
    pattern[n++] = '%';
    /* escape LIKE's wildcards so that q matches literally */
    for (const char *p = q ? q : ""; *p && n < sizeof pattern - 3; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            pattern[n++] = '\\';
        pattern[n++] = *p;
    }
    pattern[n++] = '%';
    pattern[n] = '\0';
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM users u" USER_SCOPE_WHERE, &st, err);
    if (rc)
        return rc;
    bind_user_filter(st, pattern, bureau_id, scope_path, include_roleless, scope_like, sizeof scope_like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        out->total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    out->items = calloc((size_t)(limit > 0 ? limit : 1), sizeof *out->items);
    if (!out->items)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if ((rc = db_query(db,
                       "SELECT " USER_COLUMNS " FROM users u" USER_SCOPE_WHERE
                       " ORDER BY u.id LIMIT $5 OFFSET $6",
                       &st, err)))
        return rc;
    bind_user_filter(st, pattern, bureau_id, scope_path, include_roleless, scope_like, sizeof scope_like);
    db_bind_int(st, 5, limit);
    db_bind_int(st, 6, offset);
    while ((rc = db_step(st, err)) == DB_ROW && out->count < limit)
        user_from_row(st, &out->items[out->count++], 9);
    db_done(st);
    if (rc != DB_DONE && rc != DB_ROW)
        return rc;
    for (int i = 0; i < out->count; i++)
        if ((rc = store_user_load_roles(db, &out->items[i], err)))
            return rc;
    return 0;
}

void store_user_list_free(struct dj_user_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

int store_session_insert(struct dj_db *db, const char *token_hash, const struct dj_session_row *s,
                         struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at,"
                      " last_seen, expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, token_hash);
    db_bind_int(st, 2, s->user_id);
    db_bind_text(st, 3, s->csrf_token);
    db_bind_int(st, 4, s->created_at);
    db_bind_int(st, 5, s->expires_at);
    return db_run(st, err);
}

int store_session_get(struct dj_db *db, const char *token_hash, struct dj_session_row *s,
                      struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT id, user_id, csrf_token, created_at, last_seen, expires_at"
                      " FROM sessions WHERE token_hash = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, token_hash);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        s->id = db_int(st, 0);
        s->user_id = db_int(st, 1);
        COPY(s->csrf_token, db_text(st, 2));
        s->created_at = db_int(st, 3);
        s->last_seen = db_int(st, 4);
        s->expires_at = db_int(st, 5);
    }
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_EUNAUTH, "会话不存在或已过期，请重新登录");
    return rc == DB_ROW ? 0 : rc;
}

int store_session_resolve(struct dj_db *db, const char *token_hash, struct dj_session_row *s,
                          struct dj_user *u, int64_t *person_id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT u.id, u.username, u.display_name, u.password_hash, u.disabled,"
                      " u.must_change_password, u.created_at, u.updated_at,"
                      " s.id, s.csrf_token, s.created_at, s.last_seen, s.expires_at,"
                      " (SELECT MIN(p.id) FROM people p WHERE p.user_id = u.id),"
                      USER_BUREAU_COLUMNS
                      " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, token_hash);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        user_from_row(st, u, 14);
        s->id = db_int(st, 8);
        s->user_id = u->id;
        COPY(s->csrf_token, db_text(st, 9));
        s->created_at = db_int(st, 10);
        s->last_seen = db_int(st, 11);
        s->expires_at = db_int(st, 12);
        *person_id = db_int(st, 13);
    }
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_EUNAUTH, "会话不存在或已过期，请重新登录");
    if (rc != DB_ROW)
        return rc;
    return store_user_load_roles(db, u, err);
}

static int run_id_int(struct dj_db *db, const char *sql, int64_t a, int64_t b, int nparams,
                      struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a);
    if (nparams > 1)
        db_bind_int(st, 2, b);
    return db_run(st, err);
}

int store_session_touch(struct dj_db *db, int64_t id, int64_t now, struct dj_err *err)
{
    return run_id_int(db, "UPDATE sessions SET last_seen = $2 WHERE id = $1", id, now, 2, err);
}

int store_session_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    return run_id_int(db, "DELETE FROM sessions WHERE id = $1", id, 0, 1, err);
}

int store_session_delete_user(struct dj_db *db, int64_t user_id, struct dj_err *err)
{
    return run_id_int(db, "DELETE FROM sessions WHERE user_id = $1", user_id, 0, 1, err);
}

int store_session_delete_user_except(struct dj_db *db, int64_t user_id, int64_t keep_id,
                                     struct dj_err *err)
{
    return run_id_int(db, "DELETE FROM sessions WHERE user_id = $1 AND id <> $2", user_id, keep_id,
                      2, err);
}

int store_session_purge(struct dj_db *db, int64_t now, int64_t idle_before, struct dj_err *err)
{
    return run_id_int(db, "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen < $2", now,
                      idle_before, 2, err);
}

int store_login_failure_add(struct dj_db *db, const char *kind, const char *key, int64_t at,
                            struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO login_failures (kind, key, at) VALUES ($1, $2, $3)", &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, kind);
    db_bind_text(st, 2, key);
    db_bind_int(st, 3, at);
    return db_run(st, err);
}

int store_login_failure_count(struct dj_db *db, const char *kind, const char *key, int64_t since,
                              int64_t *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT COUNT(*) FROM login_failures WHERE kind = $1 AND key = $2 AND at >= $3",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, kind);
    db_bind_text(st, 2, key);
    db_bind_int(st, 3, since);
    rc = db_step(st, err);
    *count = rc == DB_ROW ? db_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_login_failure_clear(struct dj_db *db, const char *kind, const char *key,
                              struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM login_failures WHERE kind = $1 AND key = $2", &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, kind);
    db_bind_text(st, 2, key);
    return db_run(st, err);
}

int store_login_failure_purge(struct dj_db *db, int64_t before, struct dj_err *err)
{
    return run_id_int(db, "DELETE FROM login_failures WHERE at < $1", before, 0, 1, err);
}
