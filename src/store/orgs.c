#include "store/orgs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

int store_org_insert(struct dj_db *db, struct dj_org *o, struct dj_err *err)
{
    char parent_path[256] = "/";
    int rc;
    if (o->parent_id) {
        struct dj_org parent;
        if ((rc = store_org_get(db, o->parent_id, &parent, err)))
            return rc == DJ_ENOTFOUND ? dj_err_field(err, "parent_id", "上级组织不存在") : rc;
        COPY(parent_path, parent.path);
    }
    struct dj_stmt *st;
    if ((rc = db_query(db,
                       "INSERT INTO orgs (parent_id, type, name, status, created_at)"
                       " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                       &st, err)))
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    if (o->parent_id)
        db_bind_int(st, 1, o->parent_id);
    else
        db_bind_null(st, 1);
    db_bind_text(st, 2, o->type);
    db_bind_text(st, 3, o->name);
    db_bind_text(st, 4, *o->status ? o->status : "active");
    db_bind_text(st, 5, now);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        o->id = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    int n = snprintf(o->path, sizeof o->path, "%s%lld/", parent_path, (long long)o->id);
    if (n < 0 || (size_t)n >= sizeof o->path)
        return dj_err_set(err, DJ_EINVAL, "组织层级过深");
    if ((rc = db_query(db, "UPDATE orgs SET path = $2 WHERE id = $1", &st, err)))
        return rc;
    db_bind_int(st, 1, o->id);
    db_bind_text(st, 2, o->path);
    return db_run(st, err);
}

static void org_from_row(struct dj_stmt *st, struct dj_org *o)
{
    memset(o, 0, sizeof *o);
    o->id = db_int(st, 0);
    o->parent_id = db_int(st, 1);
    COPY(o->type, db_text(st, 2));
    COPY(o->name, db_text(st, 3));
    COPY(o->path, db_text(st, 4));
    COPY(o->status, db_text(st, 5));
}

int store_org_get(struct dj_db *db, int64_t id, struct dj_org *o, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT id, parent_id, type, name, path, status FROM orgs WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        org_from_row(st, o);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "组织不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_org_list(struct dj_db *db, const char *scope_path, struct dj_org **items, int *count,
                   struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[300];
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT id, parent_id, type, name, path, status FROM orgs"
                      " WHERE (CAST($1 AS TEXT) IS NULL OR path LIKE $1) ORDER BY path",
                      &st, err);
    if (rc)
        return rc;
    if (scope_path) {
        snprintf(like, sizeof like, "%s%%", scope_path);
        db_bind_text(st, 1, like);
    } else {
        db_bind_null(st, 1);
    }
    int cap = 0;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 32;
            struct dj_org *p = realloc(*items, (size_t)cap * sizeof **items);
            if (!p) {
                db_done(st);
                free(*items);
                *items = NULL;
                *count = 0;
                return dj_err_set(err, DJ_ENOMEM, "内存不足");
            }
            *items = p;
        }
        org_from_row(st, &(*items)[(*count)++]);
    }
    db_done(st);
    return rc == DB_DONE ? 0 : rc;
}

int store_meta_get(struct dj_db *db, const char *key, char *value, size_t size, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT value FROM meta WHERE key = $1", &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, key);
    rc = db_step(st, err);
    snprintf(value, size, "%s", rc == DB_ROW ? db_text(st, 0) : "");
    db_done(st);
    return (rc == DB_ROW || rc == DB_DONE) ? 0 : rc;
}

int store_meta_set(struct dj_db *db, const char *key, const char *value, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO meta (key, value) VALUES ($1, $2)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, value);
    return db_run(st, err);
}
