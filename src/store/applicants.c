#include "store/applicants.h"

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

static int insert_returning(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

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
    "SELECT id, bureau_id, name, value, effective_from, note, created_at FROM applicant_settings"

static void setting_from_row(struct dj_stmt *st, void *item)
{
    struct dj_applicant_setting *s = item;
    memset(s, 0, sizeof *s);
    s->id = db_int(st, 0);
    s->bureau_id = db_int(st, 1);
    COPY(s->name, db_text(st, 2));
    s->value = db_int(st, 3);
    COPY(s->effective_from, db_text(st, 4));
    COPY(s->note, db_text(st, 5));
    COPY(s->created_at, db_text(st, 6));
}

int store_applicant_settings_list(struct dj_db *db, int64_t bureau_id, struct dj_applicant_setting **items,
                                  int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, SETTING_SELECT " WHERE bureau_id = $1 ORDER BY name, effective_from, id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, setting_from_row, err);
}

int store_applicant_setting_get(struct dj_db *db, int64_t id, struct dj_applicant_setting *s,
                                struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, SETTING_SELECT " WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return get_one(st, s, setting_from_row, "设置不存在", err);
}

int store_applicant_setting_insert(struct dj_db *db, struct dj_applicant_setting *s, int64_t created_by,
                                   struct dj_err *err)
{
    dj_now_rfc3339(s->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO applicant_settings (bureau_id, name, value, effective_from, note,"
                      " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->bureau_id);
    db_bind_text(st, 2, s->name);
    db_bind_int(st, 3, s->value);
    db_bind_text(st, 4, s->effective_from);
    db_bind_text(st, 5, s->note);
    bind_opt_int(st, 6, created_by);
    db_bind_text(st, 7, s->created_at);
    return insert_returning(st, &s->id, err);
}

int store_applicant_setting_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM applicant_settings WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return db_run(st, err);
}

/* ---- applicants ---- */

#define APPLICANT_SELECT                                                                        \
    "SELECT a.id, a.bureau_id, a.org_id, o.name, o.path, a.person_id, a.name, a.staff_no,"      \
    " a.gender, a.birth_date, a.stage, a.applied_on, a.talked_on, a.activist_on,"               \
    " a.contact1_id, c1.name, a.contact2_id, c2.name, a.candidate_on, a.reviewed_on,"           \
    " a.training_days, a.training_hours, a.notice_from, a.notice_to, a.introducer1_id, i1.name," \
    " a.introducer2_id, i2.name, a.admitted_on, a.approved_on, a.extension_months, a.full_on,"  \
    " a.note, a.created_at, a.updated_at FROM applicants a JOIN orgs o ON o.id = a.org_id"      \
    " LEFT JOIN people c1 ON c1.id = a.contact1_id LEFT JOIN people c2 ON c2.id = a.contact2_id" \
    " LEFT JOIN people i1 ON i1.id = a.introducer1_id"                                          \
    " LEFT JOIN people i2 ON i2.id = a.introducer2_id"

static void applicant_from_row(struct dj_stmt *st, void *item)
{
    struct dj_applicant *a = item;
    memset(a, 0, sizeof *a);
    int c = 0;
    a->id = db_int(st, c++);
    a->bureau_id = db_int(st, c++);
    a->org_id = db_int(st, c++);
    COPY(a->org_name, db_text(st, c++));
    COPY(a->org_path, db_text(st, c++));
    a->person_id = db_int(st, c++);
    COPY(a->name, db_text(st, c++));
    COPY(a->staff_no, db_text(st, c++));
    COPY(a->gender, db_text(st, c++));
    COPY(a->birth_date, db_text(st, c++));
    COPY(a->stage, db_text(st, c++));
    COPY(a->applied_on, db_text(st, c++));
    COPY(a->talked_on, db_text(st, c++));
    COPY(a->activist_on, db_text(st, c++));
    for (int k = 0; k < 2; k++) {
        a->contact_ids[k] = db_int(st, c++);
        COPY(a->contact_names[k], db_text(st, c++));
    }
    COPY(a->candidate_on, db_text(st, c++));
    COPY(a->reviewed_on, db_text(st, c++));
    a->training_days = db_int(st, c++);
    a->training_hours = db_int(st, c++);
    COPY(a->notice_from, db_text(st, c++));
    COPY(a->notice_to, db_text(st, c++));
    for (int k = 0; k < 2; k++) {
        a->introducer_ids[k] = db_int(st, c++);
        COPY(a->introducer_names[k], db_text(st, c++));
    }
    COPY(a->admitted_on, db_text(st, c++));
    COPY(a->approved_on, db_text(st, c++));
    a->extension_months = db_int(st, c++);
    COPY(a->full_on, db_text(st, c++));
    COPY(a->note, db_text(st, c++));
    COPY(a->created_at, db_text(st, c++));
    COPY(a->updated_at, db_text(st, c++));
}

int store_applicants_list(struct dj_db *db, const struct dj_applicant_filter *f, struct dj_applicant **items,
                          int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      APPLICANT_SELECT " WHERE a.bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR o.path LIKE $2)"
                                       " AND (CAST($3 AS TEXT) IS NULL OR a.stage = $3)"
                                       " AND (CAST($4 AS TEXT) IS NULL OR a.name LIKE $4 OR a.staff_no LIKE $4)"
                                       " ORDER BY o.path, a.applied_on, a.id",
                      &st, err);
    if (rc)
        return rc;
    char like[200], q[200];
    if (f->org_path)
        snprintf(like, sizeof like, "%s%%", f->org_path);
    if (f->q && *f->q)
        snprintf(q, sizeof q, "%%%s%%", f->q);
    db_bind_int(st, 1, f->bureau_id);
    db_bind_text(st, 2, f->org_path ? like : NULL);
    db_bind_text(st, 3, f->stage);
    db_bind_text(st, 4, f->q && *f->q ? q : NULL);
    return db_collect(st, (void **)items, count, sizeof **items, applicant_from_row, err);
}

int store_applicant_get(struct dj_db *db, int64_t id, struct dj_applicant *a, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, APPLICANT_SELECT " WHERE a.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return get_one(st, a, applicant_from_row, "入党申请人不存在", err);
}

/* Binds the columns every write sets, $1..$28 in the order of the INSERT. */
static void bind_fields(struct dj_stmt *st, const struct dj_applicant *a)
{
    int i = 1;
    db_bind_int(st, i++, a->org_id);
    bind_opt_int(st, i++, a->person_id);
    db_bind_text(st, i++, a->name);
    db_bind_text(st, i++, a->staff_no);
    db_bind_text(st, i++, a->gender);
    db_bind_text(st, i++, a->birth_date);
    db_bind_text(st, i++, a->stage);
    db_bind_text(st, i++, a->applied_on);
    db_bind_text(st, i++, a->talked_on);
    db_bind_text(st, i++, a->activist_on);
    bind_opt_int(st, i++, a->contact_ids[0]);
    bind_opt_int(st, i++, a->contact_ids[1]);
    db_bind_text(st, i++, a->candidate_on);
    db_bind_text(st, i++, a->reviewed_on);
    db_bind_int(st, i++, a->training_days);
    db_bind_int(st, i++, a->training_hours);
    db_bind_text(st, i++, a->notice_from);
    db_bind_text(st, i++, a->notice_to);
    bind_opt_int(st, i++, a->introducer_ids[0]);
    bind_opt_int(st, i++, a->introducer_ids[1]);
    db_bind_text(st, i++, a->admitted_on);
    db_bind_text(st, i++, a->approved_on);
    db_bind_int(st, i++, a->extension_months);
    db_bind_text(st, i++, a->full_on);
    db_bind_text(st, i++, a->note);
    db_bind_text(st, i++, a->updated_at);
}
#define FIELD_COLUMNS                                                                           \
    "org_id, person_id, name, staff_no, gender, birth_date, stage, applied_on, talked_on,"      \
    " activist_on, contact1_id, contact2_id, candidate_on, reviewed_on, training_days,"         \
    " training_hours, notice_from, notice_to, introducer1_id, introducer2_id, admitted_on,"     \
    " approved_on, extension_months, full_on, note, updated_at"

int store_applicant_insert(struct dj_db *db, struct dj_applicant *a, int64_t created_by, struct dj_err *err)
{
    dj_now_rfc3339(a->created_at);
    COPY(a->updated_at, a->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO applicants (" FIELD_COLUMNS ", bureau_id, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
                      " $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    bind_fields(st, a);
    db_bind_int(st, 27, a->bureau_id);
    bind_opt_int(st, 28, created_by);
    db_bind_text(st, 29, a->created_at);
    return insert_returning(st, &a->id, err);
}

int store_applicant_update(struct dj_db *db, struct dj_applicant *a, struct dj_err *err)
{
    dj_now_rfc3339(a->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE applicants SET org_id = $1, person_id = $2, name = $3, staff_no = $4,"
                      " gender = $5, birth_date = $6, stage = $7, applied_on = $8, talked_on = $9,"
                      " activist_on = $10, contact1_id = $11, contact2_id = $12, candidate_on = $13,"
                      " reviewed_on = $14, training_days = $15, training_hours = $16, notice_from = $17,"
                      " notice_to = $18, introducer1_id = $19, introducer2_id = $20, admitted_on = $21,"
                      " approved_on = $22, extension_months = $23, full_on = $24, note = $25,"
                      " updated_at = $26 WHERE id = $27",
                      &st, err);
    if (rc)
        return rc;
    bind_fields(st, a);
    db_bind_int(st, 27, a->id);
    return db_run(st, err);
}

/* ---- reviews ---- */

static void review_from_row(struct dj_stmt *st, void *item)
{
    struct dj_applicant_review *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->applicant_id = db_int(st, 2);
    COPY(r->reviewed_on, db_text(st, 3));
    COPY(r->note, db_text(st, 4));
    COPY(r->created_at, db_text(st, 5));
}

int store_applicant_reviews(struct dj_db *db, int64_t applicant_id, struct dj_applicant_review **items,
                            int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT id, bureau_id, applicant_id, reviewed_on, note, created_at"
                      " FROM applicant_reviews WHERE applicant_id = $1 ORDER BY reviewed_on, id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, applicant_id);
    return db_collect(st, (void **)items, count, sizeof **items, review_from_row, err);
}

int store_applicant_review_insert(struct dj_db *db, struct dj_applicant_review *r, int64_t created_by,
                                  struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO applicant_reviews (bureau_id, applicant_id, reviewed_on, note,"
                      " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->applicant_id);
    db_bind_text(st, 3, r->reviewed_on);
    db_bind_text(st, 4, r->note);
    bind_opt_int(st, 5, created_by);
    db_bind_text(st, 6, r->created_at);
    return insert_returning(st, &r->id, err);
}
