#include "store/risks.h"

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

static void bind_opt_text(struct dj_stmt *st, int i, const char *s)
{
    if (s && *s)
        db_bind_text(st, i, s);
    else
        db_bind_null(st, i);
}

/* Runs st and reads the id of its RETURNING row into *id. */
static int returning_id(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

/* ---- risk points ---- */

#define RISK_SELECT                                                                              \
    "SELECT r.id, r.bureau_id, r.department_id, d.name, r.post, r.risk, r.level, r.measures,"     \
    " r.owner_id, p.name, r.reviewed_on, r.created_at, r.updated_at FROM risk_points r"           \
    " LEFT JOIN departments d ON d.id = r.department_id LEFT JOIN people p ON p.id = r.owner_id"

#define RISK_WHERE                                                                               \
    " WHERE r.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR r.department_id = $2)"             \
    " AND (CAST($3 AS TEXT) IS NULL OR r.level = $3)"

static void risk_from_row(struct dj_stmt *st, void *item)
{
    struct dj_risk_point *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->department_id = db_int(st, 2);
    COPY(r->department_name, db_text(st, 3));
    COPY(r->post, db_text(st, 4));
    COPY(r->risk, db_text(st, 5));
    COPY(r->level, db_text(st, 6));
    COPY(r->measures, db_text(st, 7));
    r->owner_id = db_int(st, 8);
    COPY(r->owner_name, db_text(st, 9));
    COPY(r->reviewed_on, db_text(st, 10));
    COPY(r->created_at, db_text(st, 11));
    COPY(r->updated_at, db_text(st, 12));
}

static void bind_risk_filter(struct dj_stmt *st, const struct dj_risk_filter *f)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->department_id);
    bind_opt_text(st, 3, f->level);
}

int store_risk_list(struct dj_db *db, const struct dj_risk_filter *f, struct dj_risk_point **items,
                    int *count, int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM risk_points r" RISK_WHERE, &st, err);
    if (rc)
        return rc;
    bind_risk_filter(st, f);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    /* 高 before 中 before 低, then by department and post */
    if ((rc = db_query(db,
                       RISK_SELECT RISK_WHERE
                       " ORDER BY CASE r.level WHEN '高' THEN 0 WHEN '中' THEN 1 ELSE 2 END,"
                       " d.name, r.post, r.id LIMIT $4 OFFSET $5",
                       &st, err)))
        return rc;
    bind_risk_filter(st, f);
    db_bind_int(st, 4, f->limit);
    db_bind_int(st, 5, f->offset);
    return db_collect(st, (void **)items, count, sizeof **items, risk_from_row, err);
}

int store_risk_get(struct dj_db *db, int64_t id, struct dj_risk_point *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, RISK_SELECT " WHERE r.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        risk_from_row(st, r);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "风险点不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void bind_risk(struct dj_stmt *st, const struct dj_risk_point *r)
{
    bind_opt_int(st, 1, r->department_id);
    db_bind_text(st, 2, r->post);
    db_bind_text(st, 3, r->risk);
    db_bind_text(st, 4, r->level);
    db_bind_text(st, 5, r->measures);
    bind_opt_int(st, 6, r->owner_id);
    bind_opt_text(st, 7, r->reviewed_on);
    db_bind_text(st, 8, r->updated_at);
}

int store_risk_insert(struct dj_db *db, struct dj_risk_point *r, struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    COPY(r->updated_at, r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO risk_points (department_id, post, risk, level, measures, owner_id,"
                      " reviewed_on, updated_at, created_at, bureau_id)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    bind_risk(st, r);
    db_bind_int(st, 9, r->bureau_id);
    return returning_id(st, &r->id, err);
}

int store_risk_update(struct dj_db *db, struct dj_risk_point *r, struct dj_err *err)
{
    dj_now_rfc3339(r->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE risk_points SET department_id = $1, post = $2, risk = $3, level = $4,"
                      " measures = $5, owner_id = $6, reviewed_on = $7, updated_at = $8 WHERE id = $9",
                      &st, err);
    if (rc)
        return rc;
    bind_risk(st, r);
    db_bind_int(st, 9, r->id);
    return db_run(st, err);
}

/* ---- fund processes ---- */

#define FUND_SELECT                                                                              \
    "SELECT id, bureau_id, name, description, created_at, updated_at FROM fund_processes"

static void fund_from_row(struct dj_stmt *st, void *item)
{
    struct dj_fund_process *p = item;
    memset(p, 0, sizeof *p);
    p->id = db_int(st, 0);
    p->bureau_id = db_int(st, 1);
    COPY(p->name, db_text(st, 2));
    COPY(p->description, db_text(st, 3));
    COPY(p->created_at, db_text(st, 4));
    COPY(p->updated_at, db_text(st, 5));
}

int store_fund_list(struct dj_db *db, int64_t bureau_id, struct dj_fund_process **items, int *count,
                    struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, FUND_SELECT " WHERE bureau_id = $1 ORDER BY id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, fund_from_row, err);
}

int store_fund_get(struct dj_db *db, int64_t id, struct dj_fund_process *p, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, FUND_SELECT " WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        fund_from_row(st, p);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "资金运行图不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void step_from_row(struct dj_stmt *st, void *item)
{
    struct dj_fund_step *s = item;
    memset(s, 0, sizeof *s);
    s->id = db_int(st, 0);
    s->process_id = db_int(st, 1);
    s->seq = (int)db_int(st, 2);
    COPY(s->name, db_text(st, 3));
    s->department_id = db_int(st, 4);
    COPY(s->department_name, db_text(st, 5));
}

int store_fund_steps(struct dj_db *db, int64_t process_id, struct dj_fund_step **items, int *count,
                     struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT s.id, s.process_id, s.seq, s.name, s.department_id, d.name FROM fund_steps s"
                      " LEFT JOIN departments d ON d.id = s.department_id WHERE s.process_id = $1"
                      " ORDER BY s.seq",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, process_id);
    return db_collect(st, (void **)items, count, sizeof **items, step_from_row, err);
}

static void step_risk_from_row(struct dj_stmt *st, void *item)
{
    struct dj_fund_step_risk *r = item;
    memset(r, 0, sizeof *r);
    r->step_id = db_int(st, 0);
    r->risk_point_id = db_int(st, 1);
    COPY(r->risk, db_text(st, 2));
    COPY(r->level, db_text(st, 3));
}

int store_fund_step_risks(struct dj_db *db, int64_t process_id, struct dj_fund_step_risk **items,
                          int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT sr.step_id, sr.risk_point_id, r.risk, r.level FROM fund_step_risks sr"
                      " JOIN fund_steps s ON s.id = sr.step_id JOIN risk_points r ON r.id = sr.risk_point_id"
                      " WHERE s.process_id = $1 ORDER BY s.seq, sr.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, process_id);
    return db_collect(st, (void **)items, count, sizeof **items, step_risk_from_row, err);
}

int store_fund_insert(struct dj_db *db, struct dj_fund_process *p, struct dj_err *err)
{
    dj_now_rfc3339(p->created_at);
    COPY(p->updated_at, p->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO fund_processes (bureau_id, name, description, created_at, updated_at)"
                      " VALUES ($1, $2, $3, $4, $4) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, p->bureau_id);
    db_bind_text(st, 2, p->name);
    db_bind_text(st, 3, p->description);
    db_bind_text(st, 4, p->created_at);
    return returning_id(st, &p->id, err);
}

int store_fund_update(struct dj_db *db, struct dj_fund_process *p, struct dj_err *err)
{
    dj_now_rfc3339(p->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE fund_processes SET name = $1, description = $2, updated_at = $3 WHERE id = $4",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, p->name);
    db_bind_text(st, 2, p->description);
    db_bind_text(st, 3, p->updated_at);
    db_bind_int(st, 4, p->id);
    return db_run(st, err);
}

int store_fund_steps_clear(struct dj_db *db, int64_t process_id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "DELETE FROM fund_step_risks WHERE step_id IN"
                      " (SELECT id FROM fund_steps WHERE process_id = $1)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, process_id);
    if ((rc = db_run(st, err)) ||
        (rc = db_query(db, "DELETE FROM fund_steps WHERE process_id = $1", &st, err)))
        return rc;
    db_bind_int(st, 1, process_id);
    return db_run(st, err);
}

int store_fund_step_insert(struct dj_db *db, struct dj_fund_step *s, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO fund_steps (process_id, seq, name, department_id)"
                      " VALUES ($1, $2, $3, $4) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->process_id);
    db_bind_int(st, 2, s->seq);
    db_bind_text(st, 3, s->name);
    bind_opt_int(st, 4, s->department_id);
    return returning_id(st, &s->id, err);
}

int store_fund_step_risk_insert(struct dj_db *db, int64_t step_id, int64_t risk_point_id,
                                struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO fund_step_risks (step_id, risk_point_id) VALUES ($1, $2)", &st,
                      err);
    if (rc)
        return rc;
    db_bind_int(st, 1, step_id);
    db_bind_int(st, 2, risk_point_id);
    return db_run(st, err);
}

/* ---- 以案促改 ---- */

#define CASE_SELECT                                                                              \
    "SELECT id, bureau_id, title, occurred_on, summary, lessons, rectifications, created_at,"     \
    " updated_at FROM integrity_cases"

static void case_from_row(struct dj_stmt *st, void *item)
{
    struct dj_integrity_case *c = item;
    memset(c, 0, sizeof *c);
    c->id = db_int(st, 0);
    c->bureau_id = db_int(st, 1);
    COPY(c->title, db_text(st, 2));
    COPY(c->occurred_on, db_text(st, 3));
    COPY(c->summary, db_text(st, 4));
    COPY(c->lessons, db_text(st, 5));
    COPY(c->rectifications, db_text(st, 6));
    COPY(c->created_at, db_text(st, 7));
    COPY(c->updated_at, db_text(st, 8));
}

int store_case_list(struct dj_db *db, int64_t bureau_id, int limit, int offset,
                    struct dj_integrity_case **items, int *count, int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM integrity_cases WHERE bureau_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db, CASE_SELECT " WHERE bureau_id = $1 ORDER BY COALESCE(occurred_on, '') DESC,"
                                       " id DESC LIMIT $2 OFFSET $3",
                       &st, err)))
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, limit);
    db_bind_int(st, 3, offset);
    return db_collect(st, (void **)items, count, sizeof **items, case_from_row, err);
}

int store_case_get(struct dj_db *db, int64_t id, struct dj_integrity_case *c, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, CASE_SELECT " WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        case_from_row(st, c);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "案例不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void bind_case(struct dj_stmt *st, const struct dj_integrity_case *c)
{
    db_bind_text(st, 1, c->title);
    bind_opt_text(st, 2, c->occurred_on);
    db_bind_text(st, 3, c->summary);
    db_bind_text(st, 4, c->lessons);
    db_bind_text(st, 5, c->rectifications);
    db_bind_text(st, 6, c->updated_at);
}

int store_case_insert(struct dj_db *db, struct dj_integrity_case *c, struct dj_err *err)
{
    dj_now_rfc3339(c->created_at);
    COPY(c->updated_at, c->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO integrity_cases (title, occurred_on, summary, lessons, rectifications,"
                      " updated_at, created_at, bureau_id) VALUES ($1, $2, $3, $4, $5, $6, $6, $7)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    bind_case(st, c);
    db_bind_int(st, 7, c->bureau_id);
    return returning_id(st, &c->id, err);
}

int store_case_update(struct dj_db *db, struct dj_integrity_case *c, struct dj_err *err)
{
    dj_now_rfc3339(c->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE integrity_cases SET title = $1, occurred_on = $2, summary = $3, lessons = $4,"
                      " rectifications = $5, updated_at = $6 WHERE id = $7",
                      &st, err);
    if (rc)
        return rc;
    bind_case(st, c);
    db_bind_int(st, 7, c->id);
    return db_run(st, err);
}
