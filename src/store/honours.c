#include "store/honours.h"

#include <stdio.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

#define HONOUR_SELECT                                                                           \
    "SELECT h.id, h.bureau_id, h.org_id, o.name, o.path, h.person_id, p.name, h.title, h.level," \
    " h.issuer, h.awarded_on, h.note, h.created_at, h.updated_at FROM honours h"                \
    " JOIN orgs o ON o.id = h.org_id LEFT JOIN people p ON p.id = h.person_id"

static void honour_from_row(struct dj_stmt *st, void *item)
{
    struct dj_honour *h = item;
    memset(h, 0, sizeof *h);
    h->id = db_int(st, 0);
    h->bureau_id = db_int(st, 1);
    h->org_id = db_int(st, 2);
    COPY(h->org_name, db_text(st, 3));
    COPY(h->org_path, db_text(st, 4));
    h->person_id = db_int(st, 5);
    COPY(h->person_name, db_text(st, 6));
    COPY(h->title, db_text(st, 7));
    COPY(h->level, db_text(st, 8));
    COPY(h->issuer, db_text(st, 9));
    COPY(h->awarded_on, db_text(st, 10));
    COPY(h->note, db_text(st, 11));
    COPY(h->created_at, db_text(st, 12));
    COPY(h->updated_at, db_text(st, 13));
}

int store_honours_list(struct dj_db *db, const struct dj_honour_filter *f, struct dj_honour **items, int *count,
                       struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      HONOUR_SELECT " WHERE h.bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR o.path LIKE $2)"
                                    " AND ($3 = 0 OR h.person_id = $3)"
                                    " AND (CAST($4 AS TEXT) IS NULL OR h.level = $4)"
                                    " AND (CAST($5 AS TEXT) IS NULL OR h.awarded_on >= $5)"
                                    " AND (CAST($6 AS TEXT) IS NULL OR h.awarded_on <= $6)"
                                    " AND (CAST($7 AS TEXT) IS NULL OR h.title LIKE $7 OR h.issuer LIKE $7)"
                                    " ORDER BY h.awarded_on DESC, h.id DESC",
                      &st, err);
    if (rc)
        return rc;
    char like[200], q[300];
    if (f->org_path)
        snprintf(like, sizeof like, "%s%%", f->org_path);
    if (f->q && *f->q)
        snprintf(q, sizeof q, "%%%s%%", f->q);
    db_bind_int(st, 1, f->bureau_id);
    db_bind_text(st, 2, f->org_path ? like : NULL);
    db_bind_int(st, 3, f->person_id);
    db_bind_text(st, 4, f->level);
    db_bind_text(st, 5, f->from);
    db_bind_text(st, 6, f->to);
    db_bind_text(st, 7, f->q && *f->q ? q : NULL);
    return db_collect(st, (void **)items, count, sizeof **items, honour_from_row, err);
}

int store_honour_get(struct dj_db *db, int64_t id, struct dj_honour *h, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, HONOUR_SELECT " WHERE h.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        honour_from_row(st, h);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "荣誉不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void bind_fields(struct dj_stmt *st, const struct dj_honour *h)
{
    db_bind_int(st, 1, h->org_id);
    if (h->person_id)
        db_bind_int(st, 2, h->person_id);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, h->title);
    db_bind_text(st, 4, h->level);
    db_bind_text(st, 5, h->issuer);
    db_bind_text(st, 6, h->awarded_on);
    db_bind_text(st, 7, h->note);
    db_bind_text(st, 8, h->updated_at);
}

int store_honour_insert(struct dj_db *db, struct dj_honour *h, int64_t created_by, struct dj_err *err)
{
    dj_now_rfc3339(h->created_at);
    COPY(h->updated_at, h->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO honours (org_id, person_id, title, level, issuer, awarded_on, note, updated_at,"
                      " bureau_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    bind_fields(st, h);
    db_bind_int(st, 9, h->bureau_id);
    if (created_by)
        db_bind_int(st, 10, created_by);
    else
        db_bind_null(st, 10);
    db_bind_text(st, 11, h->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        h->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_honour_update(struct dj_db *db, struct dj_honour *h, struct dj_err *err)
{
    dj_now_rfc3339(h->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE honours SET org_id = $1, person_id = $2, title = $3, level = $4, issuer = $5,"
                      " awarded_on = $6, note = $7, updated_at = $8 WHERE id = $9",
                      &st, err);
    if (rc)
        return rc;
    bind_fields(st, h);
    db_bind_int(st, 9, h->id);
    return db_run(st, err);
}

int store_honour_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM honours WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return db_run(st, err);
}
