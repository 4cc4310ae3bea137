#include "store/duties.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static void bind_opt_text(struct dj_stmt *st, int i, const char *s)
{
    if (s && *s)
        db_bind_text(st, i, s);
    else
        db_bind_null(st, i);
}

static void bind_opt_int(struct dj_stmt *st, int i, int64_t v)
{
    if (v)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i);
}

/* ---- documents ---- */

#define DOC_SELECT                                                                                  \
    "SELECT d.id, d.bureau_id, d.kind, d.year, d.title, d.role, COALESCE(d.person_id, 0),"          \
    " COALESCE(p.name, ''), d.org_id, o.name, o.path, COALESCE(d.department_id, 0),"               \
    " COALESCE(dp.name, ''), COALESCE(d.signed_on, ''), COALESCE(d.removed_on, ''),"                \
    " d.removed_reason, d.created_at, d.updated_at,"                                                \
    " (SELECT COUNT(*) FROM duty_items i WHERE i.doc_id = d.id),"                                   \
    " (SELECT COUNT(*) FROM duty_items i WHERE i.doc_id = d.id AND i.result <> ''),"                \
    " (SELECT COUNT(*) FROM duty_items i WHERE i.doc_id = d.id AND i.result = 'done'),"             \
    " (SELECT COUNT(*) FROM duty_items i WHERE i.doc_id = d.id AND i.result = 'partly'),"           \
    " (SELECT COUNT(*) FROM duty_items i WHERE i.doc_id = d.id AND i.result = 'not_done')"          \
    " FROM duty_docs d JOIN orgs o ON o.id = d.org_id"                                              \
    " LEFT JOIN people p ON p.id = d.person_id"                                                     \
    " LEFT JOIN departments dp ON dp.id = d.department_id"

static void doc_from_row(struct dj_stmt *st, void *item)
{
    struct dj_duty_doc *d = item;
    memset(d, 0, sizeof *d);
    d->id = db_int(st, 0);
    d->bureau_id = db_int(st, 1);
    COPY(d->kind, db_text(st, 2));
    d->year = (int)db_int(st, 3);
    COPY(d->title, db_text(st, 4));
    COPY(d->role, db_text(st, 5));
    d->person_id = db_int(st, 6);
    COPY(d->person_name, db_text(st, 7));
    d->org_id = db_int(st, 8);
    COPY(d->org_name, db_text(st, 9));
    COPY(d->org_path, db_text(st, 10));
    d->department_id = db_int(st, 11);
    COPY(d->department_name, db_text(st, 12));
    COPY(d->signed_on, db_text(st, 13));
    COPY(d->removed_on, db_text(st, 14));
    COPY(d->removed_reason, db_text(st, 15));
    COPY(d->created_at, db_text(st, 16));
    COPY(d->updated_at, db_text(st, 17));
    d->items = (int)db_int(st, 18);
    d->checked = (int)db_int(st, 19);
    d->done = (int)db_int(st, 20);
    d->partly = (int)db_int(st, 21);
    d->not_done = (int)db_int(st, 22);
}

int store_duty_docs_list(struct dj_db *db, const struct dj_duty_filter *f, struct dj_duty_doc **items,
                         int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      DOC_SELECT " WHERE d.bureau_id = $1"
                                 " AND (CAST($2 AS TEXT) IS NULL OR d.kind = $2)"
                                 " AND (CAST($3 AS BIGINT) IS NULL OR d.year = $3)"
                                 " AND (CAST($4 AS BIGINT) IS NULL OR d.person_id = $4)"
                                 " AND (CAST($5 AS BIGINT) IS NULL OR d.org_id = $5)"
                                 " AND ((d.removed_on IS NULL) = ($6 = 0))"
                                 " ORDER BY d.year DESC, CASE d.kind WHEN 'list' THEN 0 ELSE 1 END,"
                                 " d.org_id, d.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_text(st, 2, f->kind);
    bind_opt_int(st, 3, f->year);
    bind_opt_int(st, 4, f->person_id);
    bind_opt_int(st, 5, f->org_id);
    db_bind_int(st, 6, f->removed ? 1 : 0);
    return db_collect(st, (void **)items, count, sizeof **items, doc_from_row, err);
}

int store_duty_doc_get(struct dj_db *db, int64_t id, struct dj_duty_doc *d, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, DOC_SELECT " WHERE d.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        doc_from_row(st, d);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "责任书（清单）不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void bind_doc(struct dj_stmt *st, const struct dj_duty_doc *d)
{
    db_bind_text(st, 1, d->title);
    db_bind_text(st, 2, d->role);
    bind_opt_int(st, 3, d->person_id);
    db_bind_int(st, 4, d->org_id);
    bind_opt_int(st, 5, d->department_id);
    bind_opt_text(st, 6, d->signed_on);
    db_bind_text(st, 7, d->updated_at);
}

int store_duty_doc_insert(struct dj_db *db, struct dj_duty_doc *d, int64_t created_by,
                          struct dj_err *err)
{
    dj_now_rfc3339(d->created_at);
    COPY(d->updated_at, d->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO duty_docs (title, role, person_id, org_id, department_id,"
                      " signed_on, updated_at, bureau_id, kind, year, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $7) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    bind_doc(st, d);
    db_bind_int(st, 8, d->bureau_id);
    db_bind_text(st, 9, d->kind);
    db_bind_int(st, 10, d->year);
    bind_opt_int(st, 11, created_by);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        d->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_duty_doc_update(struct dj_db *db, struct dj_duty_doc *d, struct dj_err *err)
{
    dj_now_rfc3339(d->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE duty_docs SET title = $1, role = $2, person_id = $3, org_id = $4,"
                      " department_id = $5, signed_on = $6, updated_at = $7 WHERE id = $8",
                      &st, err);
    if (rc)
        return rc;
    bind_doc(st, d);
    db_bind_int(st, 8, d->id);
    return db_run(st, err);
}

int store_duty_doc_remove(struct dj_db *db, int64_t id, const char *removed_on, const char *reason,
                          struct dj_err *err)
{
    char now[32];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE duty_docs SET removed_on = $1, removed_reason = $2, updated_at = $3"
                      " WHERE id = $4",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, removed_on);
    db_bind_text(st, 2, reason);
    db_bind_text(st, 3, now);
    db_bind_int(st, 4, id);
    return db_run(st, err);
}

/* ---- items ---- */

#define ITEM_SELECT                                                                              \
    "SELECT i.id, i.bureau_id, i.doc_id, i.seq, i.category, i.content, i.result, i.result_note,"  \
    " COALESCE(i.checked_by, 0), COALESCE(u.display_name, ''), COALESCE(i.checked_on, ''),"       \
    " i.created_at, i.updated_at FROM duty_items i LEFT JOIN users u ON u.id = i.checked_by"

static void item_from_row(struct dj_stmt *st, void *item)
{
    struct dj_duty_item *it = item;
    memset(it, 0, sizeof *it);
    it->id = db_int(st, 0);
    it->bureau_id = db_int(st, 1);
    it->doc_id = db_int(st, 2);
    it->seq = (int)db_int(st, 3);
    COPY(it->category, db_text(st, 4));
    COPY(it->content, db_text(st, 5));
    COPY(it->result, db_text(st, 6));
    COPY(it->result_note, db_text(st, 7));
    it->checked_by = db_int(st, 8);
    COPY(it->checked_by_name, db_text(st, 9));
    COPY(it->checked_on, db_text(st, 10));
    COPY(it->created_at, db_text(st, 11));
    COPY(it->updated_at, db_text(st, 12));
}

int store_duty_items_list(struct dj_db *db, int64_t doc_id, struct dj_duty_item **items, int *count,
                          struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, ITEM_SELECT " WHERE i.doc_id = $1 ORDER BY i.seq, i.id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, doc_id);
    return db_collect(st, (void **)items, count, sizeof **items, item_from_row, err);
}

int store_duty_item_get(struct dj_db *db, int64_t id, struct dj_duty_item *it, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, ITEM_SELECT " WHERE i.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        item_from_row(st, it);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "责任事项不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_duty_item_insert(struct dj_db *db, struct dj_duty_item *it, struct dj_err *err)
{
    dj_now_rfc3339(it->created_at);
    COPY(it->updated_at, it->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO duty_items (bureau_id, doc_id, seq, category, content,"
                      " created_at, updated_at) VALUES ($1, $2,"
                      " CASE WHEN $3 > 0 THEN $3 ELSE (SELECT COALESCE(MAX(seq), 0) + 1"
                      "  FROM duty_items WHERE doc_id = $2) END, $4, $5, $6, $6) RETURNING id, seq",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, it->bureau_id);
    db_bind_int(st, 2, it->doc_id);
    db_bind_int(st, 3, it->seq);
    db_bind_text(st, 4, it->category);
    db_bind_text(st, 5, it->content);
    db_bind_text(st, 6, it->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        it->id = db_int(st, 0);
        it->seq = (int)db_int(st, 1);
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_duty_item_update(struct dj_db *db, struct dj_duty_item *it, struct dj_err *err)
{
    dj_now_rfc3339(it->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE duty_items SET seq = $1, category = $2, content = $3, updated_at = $4"
                      " WHERE id = $5",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, it->seq);
    db_bind_text(st, 2, it->category);
    db_bind_text(st, 3, it->content);
    db_bind_text(st, 4, it->updated_at);
    db_bind_int(st, 5, it->id);
    return db_run(st, err);
}

int store_duty_item_check(struct dj_db *db, struct dj_duty_item *it, struct dj_err *err)
{
    dj_now_rfc3339(it->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE duty_items SET result = $1, result_note = $2, checked_by = $3,"
                      " checked_on = $4, updated_at = $5 WHERE id = $6",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, it->result);
    db_bind_text(st, 2, it->result_note);
    bind_opt_int(st, 3, it->checked_by);
    bind_opt_text(st, 4, it->checked_on);
    db_bind_text(st, 5, it->updated_at);
    db_bind_int(st, 6, it->id);
    return db_run(st, err);
}
