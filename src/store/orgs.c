#include "store/orgs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

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

#define ORG_COLUMNS \
    "id, parent_id, type, name, path, status, founded_on, term_start, term_end, status_on, merged_into," \
    " sort_order"

static void org_from_row(struct dj_stmt *st, void *item)
{
    struct dj_org *o = item;
    memset(o, 0, sizeof *o);
    o->id = db_int(st, 0);
    o->parent_id = db_int(st, 1);
    COPY(o->type, db_text(st, 2));
    COPY(o->name, db_text(st, 3));
    COPY(o->path, db_text(st, 4));
    COPY(o->status, db_text(st, 5));
    COPY(o->founded_on, db_text(st, 6));
    COPY(o->term_start, db_text(st, 7));
    COPY(o->term_end, db_text(st, 8));
    COPY(o->status_on, db_text(st, 9));
    o->merged_into = db_int(st, 10);
    o->sort_order = db_int(st, 11);
}

static void bind_opt_date(struct dj_stmt *st, int i, const char *v)
{
    db_bind_text(st, i, *v ? v : NULL);
}

int store_org_update(struct dj_db *db, const struct dj_org *o, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE orgs SET name = $2, status = $3, founded_on = $4, term_start = $5,"
                      " term_end = $6, status_on = $7, merged_into = $8, updated_at = $9,"
                      " sort_order = $10 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, o->id);
    db_bind_text(st, 2, o->name);
    db_bind_text(st, 3, o->status);
    bind_opt_date(st, 4, o->founded_on);
    bind_opt_date(st, 5, o->term_start);
    bind_opt_date(st, 6, o->term_end);
    bind_opt_date(st, 7, o->status_on);
    if (o->merged_into)
        db_bind_int(st, 8, o->merged_into);
    else
        db_bind_null(st, 8);
    db_bind_text(st, 9, now);
    db_bind_int(st, 10, o->sort_order);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "组织不存在");
}

int store_org_move(struct dj_db *db, int64_t id, int64_t parent_id, const char *old_path,
                   const char *new_path, struct dj_err *err)
{
    struct dj_stmt *st;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    int rc = db_query(db, "UPDATE orgs SET parent_id = $2, updated_at = $3 WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, parent_id);
    db_bind_text(st, 3, now);
    if ((rc = db_run(st, err)))
        return rc;
    /* paths are digits and slashes: a prefix compared with substr, no LIKE */
    if ((rc = db_query(db,
                       "UPDATE orgs SET path = CAST($2 AS TEXT) || substr(path, CAST($3 AS INTEGER))"
                       " WHERE substr(path, 1, CAST($4 AS INTEGER)) = CAST($1 AS TEXT)",
                       &st, err)))
        return rc;
    db_bind_text(st, 1, old_path);
    db_bind_text(st, 2, new_path);
    db_bind_int(st, 3, (int64_t)strlen(old_path) + 1);
    db_bind_int(st, 4, (int64_t)strlen(old_path));
    return db_run(st, err);
}

int store_org_subtree_max_path(struct dj_db *db, const char *path, int *len, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT MAX(LENGTH(path)) FROM orgs WHERE substr(path, 1, CAST($2 AS INTEGER)) = CAST($1 AS TEXT)", &st,
                      err);
    if (rc)
        return rc;
    db_bind_text(st, 1, path);
    db_bind_int(st, 2, (int64_t)strlen(path));
    rc = db_step(st, err);
    *len = rc == DB_ROW ? (int)db_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

static void committee_from_row(struct dj_stmt *st, void *item)
{
    struct dj_committee_member *m = item;
    m->id = db_int(st, 0);
    m->org_id = db_int(st, 1);
    m->person_id = db_int(st, 2);
    COPY(m->person_name, db_text(st, 3));
    COPY(m->post, db_text(st, 4));
    COPY(m->start_on, db_text(st, 5));
    COPY(m->end_on, db_text(st, 6));
}

int store_committee_list(struct dj_db *db, int64_t org_id, struct dj_committee_member **items,
                         int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT c.id, c.org_id, c.person_id, p.name, c.post, c.start_on, c.end_on"
                      " FROM committee_members c JOIN people p ON p.id = c.person_id"
                      " WHERE c.org_id = $1 AND c.end_on IS NULL ORDER BY c.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, org_id);
    return db_collect(st, (void **)items, count, sizeof **items, committee_from_row, err);
}

int store_committee_former(struct dj_db *db, int64_t org_id, struct dj_committee_member **items,
                           int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT c.id, c.org_id, c.person_id, p.name, c.post, c.start_on, c.end_on"
                      " FROM committee_members c JOIN people p ON p.id = c.person_id"
                      " WHERE c.org_id = $1 AND c.end_on IS NOT NULL"
                      " ORDER BY c.end_on DESC, c.start_on DESC, c.id DESC",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, org_id);
    return db_collect(st, (void **)items, count, sizeof **items, committee_from_row, err);
}

static void post_from_row(struct dj_stmt *st, void *item)
{
    struct dj_committee_member *m = item;
    committee_from_row(st, item);
    COPY(m->org_name, db_text(st, 7));
}

int store_committee_of_person(struct dj_db *db, int64_t person_id,
                              struct dj_committee_member **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT c.id, c.org_id, c.person_id, p.name, c.post, c.start_on, c.end_on, o.name"
                      " FROM committee_members c JOIN people p ON p.id = c.person_id"
                      " JOIN orgs o ON o.id = c.org_id"
                      " WHERE c.person_id = $1 ORDER BY c.start_on DESC, c.id DESC",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    return db_collect(st, (void **)items, count, sizeof **items, post_from_row, err);
}

int store_committee_add(struct dj_db *db, struct dj_committee_member *m, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO committee_members (org_id, person_id, post, start_on)"
                      " VALUES ($1, $2, $3, $4) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, m->org_id);
    db_bind_int(st, 2, m->person_id);
    db_bind_text(st, 3, m->post);
    db_bind_text(st, 4, m->start_on);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        m->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_committee_end(struct dj_db *db, int64_t org_id, int64_t member_id, const char *end_on,
                        struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE committee_members SET end_on = $3"
                      " WHERE id = $1 AND org_id = $2 AND end_on IS NULL",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, member_id);
    db_bind_int(st, 2, org_id);
    db_bind_text(st, 3, end_on);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "该委员不存在或已离任");
}

int store_org_get(struct dj_db *db, int64_t id, struct dj_org *o, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT " ORG_COLUMNS " FROM orgs WHERE id = $1",
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
                      "SELECT " ORG_COLUMNS " FROM orgs"
                      " WHERE (CAST($1 AS TEXT) IS NULL OR path LIKE $1)"
                      /* parents before children; siblings in the order they were set up
                         (by path, "/1/10/" would come before "/1/4/") */
                      " ORDER BY LENGTH(path) - LENGTH(REPLACE(path, '/', '')), sort_order, id",
                      &st, err);
    if (rc)
        return rc;
    if (scope_path) {
        snprintf(like, sizeof like, "%s%%", scope_path);
        db_bind_text(st, 1, like);
    } else {
        db_bind_null(st, 1);
    }
    return db_collect(st, (void **)items, count, sizeof **items, org_from_row, err);
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
