#include "store/departments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

int store_department_insert(struct dj_db *db, struct dj_department *d, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO departments (bureau_id, parent_id, name, status, created_at,"
                      " updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, d->bureau_id);
    if (d->parent_id)
        db_bind_int(st, 2, d->parent_id);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, d->name);
    db_bind_text(st, 4, *d->status ? d->status : "active");
    db_bind_text(st, 5, now);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        d->id = db_int(st, 0);
    db_done(st);
    if (rc == DJ_ECONFLICT)
        return dj_err_set(err, DJ_ECONFLICT, "科室 %s 已存在", d->name);
    return rc == DB_ROW ? 0 : rc;
}

int store_department_update(struct dj_db *db, const struct dj_department *d, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE departments SET parent_id = $2, name = $3, status = $4,"
                      " updated_at = $5 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, d->id);
    if (d->parent_id)
        db_bind_int(st, 2, d->parent_id);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, d->name);
    db_bind_text(st, 4, d->status);
    db_bind_text(st, 5, now);
    if ((rc = db_run(st, err)))
        return rc == DJ_ECONFLICT ? dj_err_set(err, DJ_ECONFLICT, "科室 %s 已存在", d->name) : rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "科室不存在");
}

#define DEPT_SELECT                                                                         \
    "SELECT d.id, d.bureau_id, d.parent_id, d.name, d.status, l.org_id, o.name, l.id,"     \
    " l.start_on FROM departments d"                                                        \
    " LEFT JOIN department_links l ON l.department_id = d.id AND l.end_on IS NULL"          \
    " LEFT JOIN orgs o ON o.id = l.org_id"

static void dept_from_row(struct dj_stmt *st, void *item)
{
    struct dj_department *d = item;
    memset(d, 0, sizeof *d);
    d->id = db_int(st, 0);
    d->bureau_id = db_int(st, 1);
    d->parent_id = db_int(st, 2);
    COPY(d->name, db_text(st, 3));
    COPY(d->status, db_text(st, 4));
    d->branch_id = db_int(st, 5);
    COPY(d->branch_name, db_text(st, 6));
    d->link_id = db_int(st, 7);
    COPY(d->link_start, db_text(st, 8));
}

static int dept_one(struct dj_db *db, const char *sql, int64_t a, const char *b,
                    struct dj_department *d, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a);
    if (b)
        db_bind_text(st, 2, b);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        dept_from_row(st, d);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "科室不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_department_get(struct dj_db *db, int64_t id, struct dj_department *d, struct dj_err *err)
{
    return dept_one(db, DEPT_SELECT " WHERE d.id = $1", id, NULL, d, err);
}

int store_department_find(struct dj_db *db, int64_t bureau_id, const char *name,
                          struct dj_department *d, struct dj_err *err)
{
    return dept_one(db, DEPT_SELECT " WHERE d.bureau_id = $1 AND d.name = $2", bureau_id, name, d,
                    err);
}

int store_department_list(struct dj_db *db, const char *scope_path, struct dj_department **items,
                          int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[300];
    struct dj_stmt *st;
    int rc = db_query(db,
                      DEPT_SELECT " JOIN orgs bo ON bo.id = d.bureau_id"
                      " WHERE (CAST($1 AS TEXT) IS NULL OR bo.path LIKE $1 OR o.path LIKE $1)"
                      " ORDER BY d.sort_order, d.id",
                      &st, err);
    if (rc)
        return rc;
    if (scope_path) {
        snprintf(like, sizeof like, "%s%%", scope_path);
        db_bind_text(st, 1, like);
    } else {
        db_bind_null(st, 1);
    }
    return db_collect(st, (void **)items, count, sizeof **items, dept_from_row, err);
}

static void link_from_row(struct dj_stmt *st, void *item)
{
    struct dj_department_link *l = item;
    memset(l, 0, sizeof *l);
    l->org_id = db_int(st, 0);
    dj_copy(l->org_name, sizeof l->org_name, db_text(st, 1));
    dj_copy(l->start_on, sizeof l->start_on, db_text(st, 2));
    dj_copy(l->end_on, sizeof l->end_on, db_text(st, 3));
}

int store_department_links(struct dj_db *db, int64_t department_id,
                           struct dj_department_link **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT l.org_id, o.name, l.start_on, l.end_on FROM department_links l"
                      " JOIN orgs o ON o.id = l.org_id WHERE l.department_id = $1"
                      " ORDER BY l.start_on DESC, l.id DESC",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, department_id);
    return db_collect(st, (void **)items, count, sizeof **items, link_from_row, err);
}

int store_department_link(struct dj_db *db, int64_t department_id, int64_t org_id,
                          const char *start_on, const char *end_on, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE department_links SET end_on = $2"
                      " WHERE department_id = $1 AND end_on IS NULL",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, department_id);
    db_bind_text(st, 2, end_on);
    if ((rc = db_run(st, err)) || !org_id)
        return rc;
    if ((rc = db_query(db,
                       "INSERT INTO department_links (department_id, org_id, start_on)"
                       " VALUES ($1, $2, $3)",
                       &st, err)))
        return rc;
    db_bind_int(st, 1, department_id);
    db_bind_int(st, 2, org_id);
    db_bind_text(st, 3, start_on);
    return db_run(st, err);
}

static int find_org(struct dj_db *db, const char *sql, int64_t parent, const char *path,
                    const char *name, const char *type, int64_t *id, struct dj_err *err)
{
    struct dj_stmt *st;
    char like[300];
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    if (path) {
        snprintf(like, sizeof like, "%s%%", path);
        db_bind_text(st, 1, like);
    } else {
        db_bind_int(st, 1, parent);
    }
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, type);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "组织 %s 不存在", name);
    return rc == DB_ROW ? 0 : rc;
}

int store_org_find_child(struct dj_db *db, int64_t parent_id, const char *name, const char *type,
                         int64_t *id, struct dj_err *err)
{
    return find_org(db,
                    "SELECT id FROM orgs WHERE parent_id = $1 AND name = $2"
                    " AND (CAST($3 AS TEXT) IS NULL OR type = $3) AND status = 'active' ORDER BY id",
                    parent_id, NULL, name, type, id, err);
}

int store_org_find_under(struct dj_db *db, const char *path, const char *name, const char *type,
                         int64_t *id, struct dj_err *err)
{
    return find_org(db,
                    "SELECT id FROM orgs WHERE path LIKE $1 AND name = $2"
                    " AND (CAST($3 AS TEXT) IS NULL OR type = $3) AND status = 'active' ORDER BY id",
                    0, path, name, type, id, err);
}
