#include "store/appraisals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static int returning_id(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

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

/* Runs a statement whose binds are set; one row expected to change. */
static int run_one(struct dj_stmt *st, struct dj_db *db, const char *missing, struct dj_err *err)
{
    int rc = db_run(st, err);
    if (!rc && db_changes(db) == 0)
        return dj_err_set(err, DJ_ENOTFOUND, "%s", missing);
    return rc;
}

/* ---- the cap on 优秀 ---- */

static void cap_from_row(struct dj_stmt *st, void *item)
{
    struct dj_appraisal_cap *c = item;
    memset(c, 0, sizeof *c);
    COPY(c->effective_from, db_text(st, 0));
    c->num = (int)db_int(st, 1);
    c->den = (int)db_int(st, 2);
    COPY(c->base, db_text(st, 3));
    COPY(c->source, db_text(st, 4));
}

#define CAP_SELECT "SELECT effective_from, excellent_num, excellent_den, cap_base, source FROM appraisal_settings"

int store_appraisal_cap_at(struct dj_db *db, int64_t bureau_id, const char *date, struct dj_appraisal_cap *c,
                           bool *found, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, CAP_SELECT " WHERE bureau_id = $1 AND effective_from <= $2"
                                     " ORDER BY effective_from DESC LIMIT 1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, date);
    rc = db_step(st, err);
    *found = rc == DB_ROW;
    if (rc == DB_ROW)
        cap_from_row(st, c);
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_appraisal_caps(struct dj_db *db, int64_t bureau_id, struct dj_appraisal_cap **items, int *count,
                         struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, CAP_SELECT " WHERE bureau_id = $1 ORDER BY effective_from", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, cap_from_row, err);
}

int store_appraisal_cap_insert(struct dj_db *db, int64_t bureau_id, const struct dj_appraisal_cap *c,
                               int64_t created_by, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO appraisal_settings (bureau_id, effective_from, excellent_num,"
                          " excellent_den, cap_base, source, created_by, created_at)"
                          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, c->effective_from);
    db_bind_int(st, 3, c->num);
    db_bind_int(st, 4, c->den);
    db_bind_text(st, 5, c->base);
    db_bind_text(st, 6, c->source);
    bind_opt_int(st, 7, created_by);
    db_bind_text(st, 8, now);
    return db_run(st, err);
}

/* ---- appraisals ---- */

#define APPRAISAL_SELECT                                                                              \
    "SELECT a.id, a.bureau_id, a.org_id, o.name, o.path, a.year, a.status, a.opened_on, a.graded_on,"  \
    " a.note, (SELECT COUNT(*) FROM appraisal_members m WHERE m.appraisal_id = a.id),"                \
    " (SELECT COUNT(*) FROM appraisal_members m WHERE m.appraisal_id = a.id AND m.self_on IS NOT NULL)," \
    " (SELECT COUNT(*) FROM appraisal_ballots b WHERE b.appraisal_id = a.id)"                         \
    " FROM appraisals a JOIN orgs o ON o.id = a.org_id"

static void appraisal_from_row(struct dj_stmt *st, void *item)
{
    struct dj_appraisal *a = item;
    memset(a, 0, sizeof *a);
    a->id = db_int(st, 0);
    a->bureau_id = db_int(st, 1);
    a->org_id = db_int(st, 2);
    COPY(a->org_name, db_text(st, 3));
    COPY(a->org_path, db_text(st, 4));
    a->year = (int)db_int(st, 5);
    COPY(a->status, db_text(st, 6));
    COPY(a->opened_on, db_text(st, 7));
    COPY(a->graded_on, db_text(st, 8));
    COPY(a->note, db_text(st, 9));
    a->members = (int)db_int(st, 10);
    a->self_done = (int)db_int(st, 11);
    a->ballots = (int)db_int(st, 12);
}

int store_appraisal_insert(struct dj_db *db, struct dj_appraisal *a, int64_t created_by, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO appraisals (bureau_id, org_id, year, status, opened_on, note, created_by,"
                          " created_at) VALUES ($1, $2, $3, 'open', $4, $5, $6, $7) RETURNING id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a->bureau_id);
    db_bind_int(st, 2, a->org_id);
    db_bind_int(st, 3, a->year);
    db_bind_text(st, 4, a->opened_on);
    db_bind_text(st, 5, a->note);
    bind_opt_int(st, 6, created_by);
    db_bind_text(st, 7, now);
    return returning_id(st, &a->id, err);
}

int store_appraisal_members_seed(struct dj_db *db, const struct dj_appraisal *a, const char *day,
                                 struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO appraisal_members (bureau_id, appraisal_id, person_id, category)"
                      " SELECT DISTINCT CAST($1 AS BIGINT), CAST($2 AS BIGINT), p.id, CASE p.political_status WHEN '中共预备党员' THEN '预备党员'"
                      " ELSE '正式党员' END FROM people p JOIN memberships m ON m.person_id = p.id"
                      " WHERE p.bureau_id = $1 AND m.org_id = $3 AND m.start_on <= $4"
                      " AND (m.end_on IS NULL OR m.end_on >= $4)"
                      " AND p.political_status IN ('中共党员', '中共预备党员')",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a->bureau_id);
    db_bind_int(st, 2, a->id);
    db_bind_int(st, 3, a->org_id);
    db_bind_text(st, 4, day);
    return db_run(st, err);
}

int store_appraisal_get(struct dj_db *db, int64_t id, struct dj_appraisal *a, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, APPRAISAL_SELECT " WHERE a.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        appraisal_from_row(st, a);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "民主评议不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_appraisals_list(struct dj_db *db, int64_t bureau_id, int year, struct dj_appraisal **items,
                          int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, APPRAISAL_SELECT " WHERE a.bureau_id = $1 AND ($2 = 0 OR a.year = $2)"
                                           " ORDER BY a.year DESC, o.sort_order, o.id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, year);
    return db_collect(st, (void **)items, count, sizeof **items, appraisal_from_row, err);
}

static void id_from_row(struct dj_stmt *st, void *item)
{
    *(int64_t *)item = db_int(st, 0);
}

int store_appraisals_of_person(struct dj_db *db, int64_t person_id, int64_t **ids, int *count,
                               struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT m.appraisal_id FROM appraisal_members m JOIN appraisals a ON a.id = m.appraisal_id"
                          " WHERE m.person_id = $1 ORDER BY a.year DESC, a.id DESC", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    return db_collect(st, (void **)ids, count, sizeof **ids, id_from_row, err);
}

static void member_from_row(struct dj_stmt *st, void *item)
{
    struct dj_appraisal_member *m = item;
    memset(m, 0, sizeof *m);
    m->id = db_int(st, 0);
    m->person_id = db_int(st, 1);
    COPY(m->name, db_text(st, 2));
    COPY(m->category, db_text(st, 3));
    COPY(m->self_text, db_text(st, 4));
    COPY(m->self_on, db_text(st, 5));
    COPY(m->grade, db_text(st, 6));
    m->talk_id = db_int(st, 7);
    m->rectification_id = db_int(st, 8);
    COPY(m->followup_note, db_text(st, 9));
}

int store_appraisal_members(struct dj_db *db, int64_t appraisal_id, struct dj_appraisal_member **items,
                            int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT m.id, m.person_id, p.name, m.category, m.self_text, m.self_on, m.grade,"
                          " m.talk_id, m.rectification_id, m.followup_note FROM appraisal_members m"
                          " JOIN people p ON p.id = m.person_id WHERE m.appraisal_id = $1"
                          " ORDER BY m.category DESC, p.name_pinyin, p.id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, appraisal_id);
    return db_collect(st, (void **)items, count, sizeof **items, member_from_row, err);
}

static void tally_from_row(struct dj_stmt *st, void *item)
{
    struct dj_tally *t = item;
    memset(t, 0, sizeof *t);
    t->person_id = db_int(st, 0);
    COPY(t->grade, db_text(st, 1));
    t->votes = (int)db_int(st, 2);
}

int store_appraisal_tallies(struct dj_db *db, int64_t appraisal_id, struct dj_tally **items, int *count,
                            struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT person_id, grade, votes FROM appraisal_tallies WHERE appraisal_id = $1"
                          " ORDER BY person_id, grade", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, appraisal_id);
    return db_collect(st, (void **)items, count, sizeof **items, tally_from_row, err);
}

int store_appraisal_self_set(struct dj_db *db, int64_t appraisal_id, int64_t person_id, const char *text,
                             const char *day, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE appraisal_members SET self_text = $3, self_on = $4"
                          " WHERE appraisal_id = $1 AND person_id = $2", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, appraisal_id);
    db_bind_int(st, 2, person_id);
    db_bind_text(st, 3, text);
    db_bind_text(st, 4, day);
    return run_one(st, db, "不是本次评议的参评人", err);
}

int store_appraisal_grade_set(struct dj_db *db, int64_t appraisal_id, int64_t person_id, const char *grade,
                              struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE appraisal_members SET grade = $3 WHERE appraisal_id = $1 AND person_id = $2",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, appraisal_id);
    db_bind_int(st, 2, person_id);
    bind_opt_text(st, 3, grade);
    return run_one(st, db, "不是本次评议的参评人", err);
}

int store_appraisal_status_set(struct dj_db *db, int64_t id, const char *status, const char *graded_on,
                               struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE appraisals SET status = $2, graded_on = $3 WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status);
    bind_opt_text(st, 3, graded_on);
    return run_one(st, db, "民主评议不存在", err);
}

int store_appraisal_followup_set(struct dj_db *db, int64_t appraisal_id, int64_t person_id, int64_t talk_id,
                                 int64_t rectification_id, const char *note, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE appraisal_members SET talk_id = $3, rectification_id = $4, followup_note = $5"
                          " WHERE appraisal_id = $1 AND person_id = $2", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, appraisal_id);
    db_bind_int(st, 2, person_id);
    bind_opt_int(st, 3, talk_id);
    bind_opt_int(st, 4, rectification_id);
    db_bind_text(st, 5, note);
    return run_one(st, db, "不是本次评议的参评人", err);
}

static int exists(struct dj_db *db, const char *sql, int64_t a, int64_t b, bool *out, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a);
    db_bind_int(st, 2, b);
    rc = db_step(st, err);
    *out = rc == DB_ROW;
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_appraisal_voted(struct dj_db *db, int64_t appraisal_id, int64_t person_id, bool *voted,
                          struct dj_err *err)
{
    return exists(db, "SELECT 1 FROM appraisal_ballots WHERE appraisal_id = $1 AND person_id = $2", appraisal_id,
                  person_id, voted, err);
}

int store_appraisal_ballot_insert(struct dj_db *db, int64_t bureau_id, int64_t appraisal_id, int64_t person_id,
                                  struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO appraisal_ballots (bureau_id, appraisal_id, person_id) VALUES ($1, $2, $3)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, appraisal_id);
    db_bind_int(st, 3, person_id);
    return db_run(st, err);
}

int store_appraisal_tally_add(struct dj_db *db, int64_t bureau_id, int64_t appraisal_id, int64_t person_id,
                              const char *grade, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO appraisal_tallies (bureau_id, appraisal_id, person_id, grade, votes)"
                          " VALUES ($1, $2, $3, $4, 1) ON CONFLICT (appraisal_id, person_id, grade)"
                          " DO UPDATE SET votes = appraisal_tallies.votes + 1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, appraisal_id);
    db_bind_int(st, 3, person_id);
    db_bind_text(st, 4, grade);
    return db_run(st, err);
}

static void grade_from_row(struct dj_stmt *st, void *item)
{
    struct dj_appraisal_grade *g = item;
    memset(g, 0, sizeof *g);
    g->person_id = db_int(st, 0);
    g->org_id = db_int(st, 1);
    g->appraisal_id = db_int(st, 2);
    g->year = (int)db_int(st, 3);
    COPY(g->grade, db_text(st, 4));
    COPY(g->graded_on, db_text(st, 5));
    COPY(g->org_name, db_text(st, 6));
    COPY(g->category, db_text(st, 7));
}

int store_appraisal_grades(struct dj_db *db, int64_t bureau_id, int from_year, int to_year,
                           struct dj_appraisal_grade **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT m.person_id, a.org_id, a.id, a.year, COALESCE(m.grade, ''), a.graded_on, o.name,"
                          " m.category FROM appraisals a JOIN appraisal_members m ON m.appraisal_id = a.id"
                          " JOIN orgs o ON o.id = a.org_id WHERE a.bureau_id = $1 AND a.status = 'graded'"
                          " AND a.year BETWEEN $2 AND $3 ORDER BY m.person_id, a.year, a.id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, from_year);
    db_bind_int(st, 3, to_year);
    return db_collect(st, (void **)items, count, sizeof **items, grade_from_row, err);
}

/* ---- 支部书记述职评议 ---- */

#define REVIEW_SELECT                                                                                   \
    "SELECT r.id, r.bureau_id, r.org_id, o.name, o.path, r.person_id, p.name, r.year, r.report, r.figures," \
    " r.status, r.opened_on, r.closed_on,"                                                              \
    " (SELECT COUNT(*) FROM secretary_review_ballots b WHERE b.review_id = r.id)"                        \
    " FROM secretary_reviews r JOIN orgs o ON o.id = r.org_id JOIN people p ON p.id = r.person_id"

static void review_from_row(struct dj_stmt *st, void *item)
{
    struct dj_secretary_review *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->org_id = db_int(st, 2);
    COPY(r->org_name, db_text(st, 3));
    COPY(r->org_path, db_text(st, 4));
    r->person_id = db_int(st, 5);
    COPY(r->person_name, db_text(st, 6));
    r->year = (int)db_int(st, 7);
    COPY(r->report, db_text(st, 8));
    COPY(r->figures, db_text(st, 9));
    COPY(r->status, db_text(st, 10));
    COPY(r->opened_on, db_text(st, 11));
    COPY(r->closed_on, db_text(st, 12));
    r->ballots = (int)db_int(st, 13);
}

int store_review_insert(struct dj_db *db, struct dj_secretary_review *r, int64_t created_by, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO secretary_reviews (bureau_id, org_id, person_id, year, report, figures,"
                          " status, opened_on, created_by, created_at)"
                          " VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9) RETURNING id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->org_id);
    db_bind_int(st, 3, r->person_id);
    db_bind_int(st, 4, r->year);
    db_bind_text(st, 5, r->report);
    db_bind_text(st, 6, r->figures);
    db_bind_text(st, 7, r->opened_on);
    bind_opt_int(st, 8, created_by);
    db_bind_text(st, 9, now);
    return returning_id(st, &r->id, err);
}

int store_review_get(struct dj_db *db, int64_t id, struct dj_secretary_review *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, REVIEW_SELECT " WHERE r.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        review_from_row(st, r);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "述职评议不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_reviews_list(struct dj_db *db, int64_t bureau_id, int year, struct dj_secretary_review **items,
                       int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, REVIEW_SELECT " WHERE r.bureau_id = $1 AND ($2 = 0 OR r.year = $2)"
                                        " ORDER BY r.year DESC, o.sort_order, o.id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, year);
    return db_collect(st, (void **)items, count, sizeof **items, review_from_row, err);
}

int store_review_report_set(struct dj_db *db, int64_t id, const char *report, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE secretary_reviews SET report = $2 WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, report);
    return run_one(st, db, "述职评议不存在", err);
}

int store_review_close(struct dj_db *db, int64_t id, const char *day, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE secretary_reviews SET status = 'closed', closed_on = $2 WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, day);
    return run_one(st, db, "述职评议不存在", err);
}

int store_review_voted(struct dj_db *db, int64_t review_id, int64_t person_id, bool *voted, struct dj_err *err)
{
    return exists(db, "SELECT 1 FROM secretary_review_ballots WHERE review_id = $1 AND person_id = $2", review_id,
                  person_id, voted, err);
}

int store_review_ballot_insert(struct dj_db *db, int64_t bureau_id, int64_t review_id, int64_t person_id,
                               const char *grade, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO secretary_review_ballots (bureau_id, review_id, person_id)"
                          " VALUES ($1, $2, $3)", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, review_id);
    db_bind_int(st, 3, person_id);
    if ((rc = db_run(st, err)))
        return rc;
    if ((rc = db_query(db, "INSERT INTO secretary_review_tallies (bureau_id, review_id, grade, votes)"
                           " VALUES ($1, $2, $3, 1) ON CONFLICT (review_id, grade)"
                           " DO UPDATE SET votes = secretary_review_tallies.votes + 1", &st, err)))
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, review_id);
    db_bind_text(st, 3, grade);
    return db_run(st, err);
}

int store_review_tallies(struct dj_db *db, int64_t review_id, struct dj_tally **items, int *count,
                         struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT 0, grade, votes FROM secretary_review_tallies WHERE review_id = $1 ORDER BY grade",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, review_id);
    return db_collect(st, (void **)items, count, sizeof **items, tally_from_row, err);
}
