#include "store/dues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static void bind_opt_int(struct dj_stmt *st, int i, int64_t v)
{
    if (v)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i);
}

static const char *like_of(const char *path, char *buf, size_t size)
{
    if (!path || !*path)
        return NULL;
    snprintf(buf, size, "%s%%", path);
    return buf;
}

/* Runs an INSERT ... RETURNING id and sets *id. */
static int insert_returning(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

static int delete_by_id(struct dj_db *db, const char *sql, int64_t id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return db_run(st, err);
}

/* Steps a statement expected to give one row into item. */
static int get_one(struct dj_stmt *st, void *item, db_row_fn from_row, const char *missing,
                   struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        from_row(st, item);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "%s", missing);
    return rc == DB_ROW ? 0 : rc;
}

/* ---- settings ---- */

#define SETTING_SELECT                                                                          \
    "SELECT id, bureau_id, name, value, effective_from, note, created_at FROM dues_settings"

static void setting_from_row(struct dj_stmt *st, void *item)
{
    struct dj_dues_setting *s = item;
    memset(s, 0, sizeof *s);
    s->id = db_int(st, 0);
    s->bureau_id = db_int(st, 1);
    COPY(s->name, db_text(st, 2));
    COPY(s->value, db_text(st, 3));
    COPY(s->effective_from, db_text(st, 4));
    COPY(s->note, db_text(st, 5));
    COPY(s->created_at, db_text(st, 6));
}

int store_dues_settings_list(struct dj_db *db, int64_t bureau_id, struct dj_dues_setting **items,
                             int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, SETTING_SELECT " WHERE bureau_id = $1 ORDER BY name, effective_from, id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, setting_from_row, err);
}

int store_dues_setting_get(struct dj_db *db, int64_t id, struct dj_dues_setting *s,
                           struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, SETTING_SELECT " WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return get_one(st, s, setting_from_row, "设置不存在", err);
}

int store_dues_setting_insert(struct dj_db *db, struct dj_dues_setting *s, int64_t created_by,
                              struct dj_err *err)
{
    dj_now_rfc3339(s->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO dues_settings (bureau_id, name, value, effective_from, note,"
                      " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->bureau_id);
    db_bind_text(st, 2, s->name);
    db_bind_text(st, 3, s->value);
    db_bind_text(st, 4, s->effective_from);
    db_bind_text(st, 5, s->note);
    bind_opt_int(st, 6, created_by);
    db_bind_text(st, 7, s->created_at);
    return insert_returning(st, &s->id, err);
}

int store_dues_setting_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    return delete_by_id(db, "DELETE FROM dues_settings WHERE id = $1", id, err);
}

/* ---- bases ---- */

#define BASE_SELECT                                                                             \
    "SELECT b.id, b.bureau_id, b.person_id, p.name, p.staff_no, b.from_month, b.category,"      \
    " b.base_fen, b.components, b.note, b.created_at FROM dues_bases b"                         \
    " JOIN people p ON p.id = b.person_id"

static void base_from_row(struct dj_stmt *st, void *item)
{
    struct dj_dues_base *b = item;
    memset(b, 0, sizeof *b);
    b->id = db_int(st, 0);
    b->bureau_id = db_int(st, 1);
    b->person_id = db_int(st, 2);
    COPY(b->name, db_text(st, 3));
    COPY(b->staff_no, db_text(st, 4));
    COPY(b->from_month, db_text(st, 5));
    COPY(b->category, db_text(st, 6));
    b->base_fen = db_int(st, 7);
    COPY(b->components, db_text(st, 8));
    COPY(b->note, db_text(st, 9));
    COPY(b->created_at, db_text(st, 10));
}

int store_dues_bases_list(struct dj_db *db, int64_t bureau_id, int64_t person_id,
                          struct dj_dues_base **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      BASE_SELECT " WHERE b.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR"
                                  " b.person_id = $2) ORDER BY b.person_id, b.from_month",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    bind_opt_int(st, 2, person_id);
    return db_collect(st, (void **)items, count, sizeof **items, base_from_row, err);
}

int store_dues_base_get(struct dj_db *db, int64_t id, struct dj_dues_base *b, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, BASE_SELECT " WHERE b.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return get_one(st, b, base_from_row, "党费基数不存在", err);
}

int store_dues_base_find(struct dj_db *db, int64_t person_id, const char *from_month,
                         struct dj_dues_base *b, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, BASE_SELECT " WHERE b.person_id = $1 AND b.from_month = $2", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, from_month);
    return get_one(st, b, base_from_row, "党费基数不存在", err);
}

int store_dues_base_insert(struct dj_db *db, struct dj_dues_base *b, int64_t created_by,
                           struct dj_err *err)
{
    dj_now_rfc3339(b->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO dues_bases (bureau_id, person_id, from_month, category, base_fen,"
                      " components, note, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, b->bureau_id);
    db_bind_int(st, 2, b->person_id);
    db_bind_text(st, 3, b->from_month);
    db_bind_text(st, 4, b->category);
    db_bind_int(st, 5, b->base_fen);
    db_bind_text(st, 6, b->components);
    db_bind_text(st, 7, b->note);
    bind_opt_int(st, 8, created_by);
    db_bind_text(st, 9, b->created_at);
    return insert_returning(st, &b->id, err);
}

int store_dues_base_update(struct dj_db *db, const struct dj_dues_base *b, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE dues_bases SET category = $2, base_fen = $3, components = $4, note = $5"
                      " WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, b->id);
    db_bind_text(st, 2, b->category);
    db_bind_int(st, 3, b->base_fen);
    db_bind_text(st, 4, b->components);
    db_bind_text(st, 5, b->note);
    return db_run(st, err);
}

int store_dues_base_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    return delete_by_id(db, "DELETE FROM dues_bases WHERE id = $1", id, err);
}

/* ---- reductions ---- */

#define REDUCTION_SELECT                                                                        \
    "SELECT r.id, r.bureau_id, r.person_id, p.name, p.staff_no, r.from_month, r.to_month,"      \
    " r.amount_fen, r.reason, r.approved_by, r.approved_on, r.approval_ref, r.created_at,"      \
    " r.approval_level"                                                                         \
    " FROM dues_reductions r JOIN people p ON p.id = r.person_id"

static void reduction_from_row(struct dj_stmt *st, void *item)
{
    struct dj_dues_reduction *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->person_id = db_int(st, 2);
    COPY(r->name, db_text(st, 3));
    COPY(r->staff_no, db_text(st, 4));
    COPY(r->from_month, db_text(st, 5));
    COPY(r->to_month, db_text(st, 6));
    r->amount_fen = db_int(st, 7);
    COPY(r->reason, db_text(st, 8));
    COPY(r->approved_by, db_text(st, 9));
    COPY(r->approved_on, db_text(st, 10));
    COPY(r->approval_ref, db_text(st, 11));
    COPY(r->created_at, db_text(st, 12));
    COPY(r->approval_level, db_text(st, 13));
}

int store_dues_reductions_list(struct dj_db *db, int64_t bureau_id, int64_t person_id,
                               struct dj_dues_reduction **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      REDUCTION_SELECT " WHERE r.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR"
                                       " r.person_id = $2) ORDER BY r.person_id, r.from_month, r.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    bind_opt_int(st, 2, person_id);
    return db_collect(st, (void **)items, count, sizeof **items, reduction_from_row, err);
}

int store_dues_reduction_get(struct dj_db *db, int64_t id, struct dj_dues_reduction *r,
                             struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, REDUCTION_SELECT " WHERE r.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return get_one(st, r, reduction_from_row, "减免记录不存在", err);
}

int store_dues_reduction_insert(struct dj_db *db, struct dj_dues_reduction *r, int64_t created_by,
                                struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO dues_reductions (bureau_id, person_id, from_month, to_month,"
                      " amount_fen, reason, approved_by, approved_on, approval_ref, created_by,"
                      " created_at, approval_level) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->person_id);
    db_bind_text(st, 3, r->from_month);
    db_bind_text(st, 4, r->to_month);
    db_bind_int(st, 5, r->amount_fen);
    db_bind_text(st, 6, r->reason);
    db_bind_text(st, 7, r->approved_by);
    db_bind_text(st, 8, r->approved_on);
    db_bind_text(st, 9, r->approval_ref);
    bind_opt_int(st, 10, created_by);
    db_bind_text(st, 11, r->created_at);
    db_bind_text(st, 12, r->approval_level);
    return insert_returning(st, &r->id, err);
}

int store_dues_reduction_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    return delete_by_id(db, "DELETE FROM dues_reductions WHERE id = $1", id, err);
}

/* ---- payments ---- */

#define PAYMENT_SELECT                                                                          \
    "SELECT d.id, d.bureau_id, d.person_id, d.org_id, p.name, p.staff_no, o.name, d.from_month," \
    " d.to_month, d.amount_fen, d.due_fen, d.paid_on, d.channel, d.late, d.note,"               \
    " COALESCE(u.display_name, ''), d.created_at FROM dues_payments d"                          \
    " JOIN people p ON p.id = d.person_id JOIN orgs o ON o.id = d.org_id"                       \
    " LEFT JOIN users u ON u.id = d.created_by"

#define PAYMENT_WHERE                                                                           \
    " WHERE d.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR d.person_id = $2)"              \
    " AND (CAST($3 AS TEXT) IS NULL OR d.org_id IN (SELECT id FROM orgs WHERE path LIKE $3))"   \
    " AND (CAST($4 AS TEXT) IS NULL OR d.paid_on >= $4)"                                        \
    " AND (CAST($5 AS TEXT) IS NULL OR d.paid_on <= $5)"

static void payment_from_row(struct dj_stmt *st, void *item)
{
    struct dj_dues_payment *p = item;
    memset(p, 0, sizeof *p);
    p->id = db_int(st, 0);
    p->bureau_id = db_int(st, 1);
    p->person_id = db_int(st, 2);
    p->org_id = db_int(st, 3);
    COPY(p->name, db_text(st, 4));
    COPY(p->staff_no, db_text(st, 5));
    COPY(p->org_name, db_text(st, 6));
    COPY(p->from_month, db_text(st, 7));
    COPY(p->to_month, db_text(st, 8));
    p->amount_fen = db_int(st, 9);
    p->due_fen = db_int(st, 10);
    COPY(p->paid_on, db_text(st, 11));
    COPY(p->channel, db_text(st, 12));
    p->late = db_int(st, 13) != 0;
    COPY(p->note, db_text(st, 14));
    COPY(p->recorded_by, db_text(st, 15));
    COPY(p->created_at, db_text(st, 16));
}

static void bind_payment_filter(struct dj_stmt *st, const struct dj_dues_payment_filter *f,
                                char *like, size_t size)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    db_bind_text(st, 3, like_of(f->org_path, like, size));
    db_bind_text(st, 4, f->from);
    db_bind_text(st, 5, f->to);
}

int store_dues_payments_list(struct dj_db *db, const struct dj_dues_payment_filter *f,
                             struct dj_dues_payment **items, int *count, int64_t *total,
                             struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM dues_payments d" PAYMENT_WHERE, &st, err);
    if (rc)
        return rc;
    bind_payment_filter(st, f, like, sizeof like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db, PAYMENT_SELECT PAYMENT_WHERE
                       " ORDER BY d.paid_on DESC, d.id DESC LIMIT $6 OFFSET $7",
                       &st, err)))
        return rc;
    bind_payment_filter(st, f, like, sizeof like);
    db_bind_int(st, 6, f->limit);
    db_bind_int(st, 7, f->offset);
    return db_collect(st, (void **)items, count, sizeof **items, payment_from_row, err);
}

int store_dues_payment_get(struct dj_db *db, int64_t id, struct dj_dues_payment *p,
                           struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, PAYMENT_SELECT " WHERE d.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return get_one(st, p, payment_from_row, "缴费记录不存在", err);
}

int store_dues_payment_insert(struct dj_db *db, struct dj_dues_payment *p, int64_t created_by,
                              struct dj_err *err)
{
    dj_now_rfc3339(p->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO dues_payments (bureau_id, person_id, org_id, from_month, to_month,"
                      " amount_fen, due_fen, paid_on, channel, late, note, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, p->bureau_id);
    db_bind_int(st, 2, p->person_id);
    db_bind_int(st, 3, p->org_id);
    db_bind_text(st, 4, p->from_month);
    db_bind_text(st, 5, p->to_month);
    db_bind_int(st, 6, p->amount_fen);
    db_bind_int(st, 7, p->due_fen);
    db_bind_text(st, 8, p->paid_on);
    db_bind_text(st, 9, p->channel);
    db_bind_int(st, 10, p->late ? 1 : 0);
    db_bind_text(st, 11, p->note);
    bind_opt_int(st, 12, created_by);
    db_bind_text(st, 13, p->created_at);
    return insert_returning(st, &p->id, err);
}

int store_dues_payment_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    return delete_by_id(db, "DELETE FROM dues_payments WHERE id = $1", id, err);
}

/* ---- remittances ---- */

#define REMITTANCE_SELECT                                                                       \
    "SELECT r.id, r.bureau_id, r.org_id, o.name, r.month, r.amount_fen, r.remitted_on, r.note," \
    " r.created_at FROM dues_remittances r JOIN orgs o ON o.id = r.org_id"

static void remittance_from_row(struct dj_stmt *st, void *item)
{
    struct dj_dues_remittance *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->org_id = db_int(st, 2);
    COPY(r->org_name, db_text(st, 3));
    COPY(r->month, db_text(st, 4));
    r->amount_fen = db_int(st, 5);
    COPY(r->remitted_on, db_text(st, 6));
    COPY(r->note, db_text(st, 7));
    COPY(r->created_at, db_text(st, 8));
}

int store_dues_remittances_list(struct dj_db *db, int64_t bureau_id, const char *org_path,
                                const char *month_prefix, struct dj_dues_remittance **items,
                                int *count, struct dj_err *err)
{
    char like[200], month_like[16];
    struct dj_stmt *st;
    int rc = db_query(db,
                      REMITTANCE_SELECT " WHERE r.bureau_id = $1"
                                        " AND (CAST($2 AS TEXT) IS NULL OR o.path LIKE $2)"
                                        " AND (CAST($3 AS TEXT) IS NULL OR r.month LIKE $3)"
                                        " ORDER BY r.month DESC, o.path",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, like_of(org_path, like, sizeof like));
    db_bind_text(st, 3, like_of(month_prefix, month_like, sizeof month_like));
    return db_collect(st, (void **)items, count, sizeof **items, remittance_from_row, err);
}

int store_dues_remittance_get(struct dj_db *db, int64_t id, struct dj_dues_remittance *r,
                              struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, REMITTANCE_SELECT " WHERE r.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return get_one(st, r, remittance_from_row, "上缴记录不存在", err);
}

int store_dues_remittance_insert(struct dj_db *db, struct dj_dues_remittance *r, int64_t created_by,
                                 struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO dues_remittances (bureau_id, org_id, month, amount_fen,"
                      " remitted_on, note, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->org_id);
    db_bind_text(st, 3, r->month);
    db_bind_int(st, 4, r->amount_fen);
    db_bind_text(st, 5, r->remitted_on);
    db_bind_text(st, 6, r->note);
    bind_opt_int(st, 7, created_by);
    db_bind_text(st, 8, r->created_at);
    return insert_returning(st, &r->id, err);
}

int store_dues_remittance_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    return delete_by_id(db, "DELETE FROM dues_remittances WHERE id = $1", id, err);
}
