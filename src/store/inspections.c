#include "store/inspections.h"

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

static const char *like_of(const char *path, char *buf, size_t size)
{
    if (!path || !*path)
        return NULL;
    snprintf(buf, size, "%s%%", path);
    return buf;
}

/* One row or DJ_ENOTFOUND with message. */
static int step_one(struct dj_stmt *st, db_row_fn from_row, void *item, const char *message,
                    struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        from_row(st, item);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "%s", message);
    return rc == DB_ROW ? 0 : rc;
}

/* An INSERT ... RETURNING id. */
static int step_id(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

static int count_rows(struct dj_stmt *st, int64_t *total, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

/* ---- conduct rules ---- */

#define RULE_SELECT                                                                                   \
    "SELECT id, bureau_id, rule_set, code, seq, text, severity, deduct_points, veto, valid_from,"     \
    " COALESCE(valid_to, ''), COALESCE(replaces_id, 0), created_at, updated_at FROM conduct_rules"

static void rule_from_row(struct dj_stmt *st, void *item)
{
    struct dj_conduct_rule *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    COPY(r->rule_set, db_text(st, 2));
    COPY(r->code, db_text(st, 3));
    r->seq = (int)db_int(st, 4);
    COPY(r->text, db_text(st, 5));
    COPY(r->severity, db_text(st, 6));
    r->deduct_points = db_int(st, 7);
    r->veto = db_int(st, 8) != 0;
    COPY(r->valid_from, db_text(st, 9));
    COPY(r->valid_to, db_text(st, 10));
    r->replaces_id = db_int(st, 11);
    COPY(r->created_at, db_text(st, 12));
    COPY(r->updated_at, db_text(st, 13));
}

int store_conduct_rules(struct dj_db *db, int64_t bureau_id, const char *on,
                        struct dj_conduct_rule **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      RULE_SELECT " WHERE bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR"
                                  " (valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)))"
                                  " ORDER BY rule_set, seq, code, valid_from, id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    bind_opt_text(st, 2, on);
    return db_collect(st, (void **)items, count, sizeof **items, rule_from_row, err);
}

int store_conduct_rule_get(struct dj_db *db, int64_t id, struct dj_conduct_rule *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, RULE_SELECT " WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return step_one(st, rule_from_row, r, "条款不存在", err);
}

static void bind_rule(struct dj_stmt *st, const struct dj_conduct_rule *r)
{
    db_bind_text(st, 1, r->rule_set);
    db_bind_text(st, 2, r->code);
    db_bind_int(st, 3, r->seq);
    db_bind_text(st, 4, r->text);
    db_bind_text(st, 5, r->severity);
    db_bind_int(st, 6, r->deduct_points);
    db_bind_int(st, 7, r->veto);
    db_bind_text(st, 8, r->valid_from);
    bind_opt_text(st, 9, r->valid_to);
    bind_opt_int(st, 10, r->replaces_id);
    db_bind_text(st, 11, r->updated_at);
}

int store_conduct_rule_insert(struct dj_db *db, struct dj_conduct_rule *r, struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    COPY(r->updated_at, r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO conduct_rules (rule_set, code, seq, text, severity, deduct_points, veto,"
                      " valid_from, valid_to, replaces_id, updated_at, bureau_id, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    bind_rule(st, r);
    db_bind_int(st, 12, r->bureau_id);
    db_bind_text(st, 13, r->created_at);
    return step_id(st, &r->id, err);
}

int store_conduct_rule_update(struct dj_db *db, struct dj_conduct_rule *r, struct dj_err *err)
{
    dj_now_rfc3339(r->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE conduct_rules SET rule_set = $1, code = $2, seq = $3, text = $4, severity = $5,"
                      " deduct_points = $6, veto = $7, valid_from = $8, valid_to = $9, replaces_id = $10,"
                      " updated_at = $11 WHERE id = $12",
                      &st, err);
    if (rc)
        return rc;
    bind_rule(st, r);
    db_bind_int(st, 12, r->id);
    return db_run(st, err);
}

/* ---- inspections ---- */

#define INSPECTION_SELECT                                                                             \
    "SELECT i.id, i.bureau_id, i.org_id, COALESCE(i.department_id, 0), o.name, o.path,"              \
    " COALESCE(d.name, ''), i.kind, i.held_on, i.place, i.inspectors, i.note,"                        \
    " (SELECT COUNT(*) FROM findings f WHERE f.inspection_id = i.id),"                                \
    " (SELECT COUNT(*) FROM findings f WHERE f.inspection_id = i.id AND f.state = 'confirmed'),"      \
    " i.created_at, i.updated_at FROM inspections i JOIN orgs o ON o.id = i.org_id"                   \
    " LEFT JOIN departments d ON d.id = i.department_id"

static void inspection_from_row(struct dj_stmt *st, void *item)
{
    struct dj_inspection *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->org_id = db_int(st, 2);
    r->department_id = db_int(st, 3);
    COPY(r->org_name, db_text(st, 4));
    COPY(r->org_path, db_text(st, 5));
    COPY(r->department_name, db_text(st, 6));
    COPY(r->kind, db_text(st, 7));
    COPY(r->held_on, db_text(st, 8));
    COPY(r->place, db_text(st, 9));
    COPY(r->inspectors, db_text(st, 10));
    COPY(r->note, db_text(st, 11));
    r->findings = (int)db_int(st, 12);
    r->confirmed = (int)db_int(st, 13);
    COPY(r->created_at, db_text(st, 14));
    COPY(r->updated_at, db_text(st, 15));
}

#define INSPECTION_WHERE                                                                              \
    " WHERE i.bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR o.path LIKE $2)"                        \
    " AND (CAST($3 AS TEXT) IS NULL OR i.kind = $3) AND (CAST($4 AS TEXT) IS NULL OR i.held_on >= $4)" \
    " AND (CAST($5 AS TEXT) IS NULL OR i.held_on <= $5)"

static void bind_inspection_filter(struct dj_stmt *st, const struct dj_inspection_filter *f, char *like,
                                   size_t size)
{
    db_bind_int(st, 1, f->bureau_id);
    db_bind_text(st, 2, like_of(f->org_path, like, size));
    bind_opt_text(st, 3, f->kind);
    bind_opt_text(st, 4, f->from);
    bind_opt_text(st, 5, f->to);
}

int store_inspections_list(struct dj_db *db, const struct dj_inspection_filter *f,
                           struct dj_inspection **items, int *count, int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM inspections i JOIN orgs o ON o.id = i.org_id" INSPECTION_WHERE,
                      &st, err);
    if (rc)
        return rc;
    bind_inspection_filter(st, f, like, sizeof like);
    if ((rc = count_rows(st, total, err)) ||
        (rc = db_query(db, INSPECTION_SELECT INSPECTION_WHERE " ORDER BY i.held_on DESC, i.id DESC"
                                                              " LIMIT $6 OFFSET $7",
                       &st, err)))
        return rc;
    bind_inspection_filter(st, f, like, sizeof like);
    db_bind_int(st, 6, f->limit);
    db_bind_int(st, 7, f->offset);
    return db_collect(st, (void **)items, count, sizeof **items, inspection_from_row, err);
}

int store_inspection_get(struct dj_db *db, int64_t id, struct dj_inspection *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, INSPECTION_SELECT " WHERE i.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return step_one(st, inspection_from_row, r, "检查记录不存在", err);
}

int store_inspection_insert(struct dj_db *db, struct dj_inspection *r, int64_t created_by,
                            struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    COPY(r->updated_at, r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO inspections (bureau_id, org_id, kind, held_on, place, department_id,"
                      " inspectors, note, created_by, created_at, updated_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->org_id);
    db_bind_text(st, 3, r->kind);
    db_bind_text(st, 4, r->held_on);
    db_bind_text(st, 5, r->place);
    bind_opt_int(st, 6, r->department_id);
    db_bind_text(st, 7, r->inspectors);
    db_bind_text(st, 8, r->note);
    bind_opt_int(st, 9, created_by);
    db_bind_text(st, 10, r->created_at);
    return step_id(st, &r->id, err);
}

/* ---- findings ---- */

#define FINDING_SELECT                                                                                \
    "SELECT f.id, f.bureau_id, f.inspection_id, f.rule_id, COALESCE(f.org_id, 0),"                    \
    " COALESCE(f.department_id, 0), COALESCE(f.decided_by, 0), COALESCE(o.name, ''),"                 \
    " COALESCE(o.path, ''), COALESCE(d.name, ''), r.rule_set, r.code, r.text, r.severity,"            \
    " r.deduct_points, r.veto, f.unit, i.kind, i.place, f.found_on, f.description, f.explanation,"    \
    " f.explained_at, f.state, f.decided_at, f.decision_note, f.created_at, f.updated_at"             \
    " FROM findings f JOIN conduct_rules r ON r.id = f.rule_id"                                       \
    " JOIN inspections i ON i.id = f.inspection_id LEFT JOIN orgs o ON o.id = f.org_id"               \
    " LEFT JOIN departments d ON d.id = f.department_id"

static void finding_from_row(struct dj_stmt *st, void *item)
{
    struct dj_finding *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->inspection_id = db_int(st, 2);
    r->rule_id = db_int(st, 3);
    r->org_id = db_int(st, 4);
    r->department_id = db_int(st, 5);
    r->decided_by = db_int(st, 6);
    COPY(r->org_name, db_text(st, 7));
    COPY(r->org_path, db_text(st, 8));
    COPY(r->department_name, db_text(st, 9));
    COPY(r->rule_set, db_text(st, 10));
    COPY(r->rule_code, db_text(st, 11));
    COPY(r->rule_text, db_text(st, 12));
    COPY(r->severity, db_text(st, 13));
    r->deduct_points = db_int(st, 14);
    r->veto = db_int(st, 15) != 0;
    r->unit = db_int(st, 16) != 0;
    COPY(r->inspection_kind, db_text(st, 17));
    COPY(r->place, db_text(st, 18));
    COPY(r->found_on, db_text(st, 19));
    COPY(r->description, db_text(st, 20));
    COPY(r->explanation, db_text(st, 21));
    COPY(r->explained_at, db_text(st, 22));
    COPY(r->state, db_text(st, 23));
    COPY(r->decided_at, db_text(st, 24));
    COPY(r->decision_note, db_text(st, 25));
    COPY(r->created_at, db_text(st, 26));
    COPY(r->updated_at, db_text(st, 27));
}

/* scope: the branch under $2, or naming person $3 (both NULL: the bureau) */
#define FINDING_WHERE                                                                                 \
    " WHERE f.bureau_id = $1 AND ((CAST($2 AS TEXT) IS NULL AND CAST($3 AS BIGINT) IS NULL)"          \
    "  OR o.path LIKE $2 OR EXISTS (SELECT 1 FROM finding_people fp WHERE fp.finding_id = f.id"       \
    "  AND fp.person_id = $3))"                                                                       \
    " AND (CAST($4 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM finding_people fq"                     \
    "  WHERE fq.finding_id = f.id AND fq.person_id = $4))"                                            \
    " AND (CAST($5 AS BIGINT) IS NULL OR f.inspection_id = $5)"                                       \
    " AND (CAST($6 AS BIGINT) IS NULL OR f.org_id = $6) AND (CAST($7 AS BIGINT) IS NULL OR f.rule_id = $7)" \
    " AND (CAST($8 AS TEXT) IS NULL OR f.state = $8) AND (CAST($9 AS TEXT) IS NULL OR f.found_on >= $9)" \
    " AND (CAST($10 AS TEXT) IS NULL OR f.found_on <= $10)"

static void bind_finding_filter(struct dj_stmt *st, const struct dj_finding_filter *f, char *like,
                                size_t size)
{
    db_bind_int(st, 1, f->bureau_id);
    db_bind_text(st, 2, like_of(f->org_path, like, size));
    bind_opt_int(st, 3, f->person_scope);
    bind_opt_int(st, 4, f->person_id);
    bind_opt_int(st, 5, f->inspection_id);
    bind_opt_int(st, 6, f->org_id);
    bind_opt_int(st, 7, f->rule_id);
    bind_opt_text(st, 8, f->state);
    bind_opt_text(st, 9, f->from);
    bind_opt_text(st, 10, f->to);
}

int store_findings_list(struct dj_db *db, const struct dj_finding_filter *f, struct dj_finding **items,
                        int *count, int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM findings f LEFT JOIN orgs o ON o.id = f.org_id" FINDING_WHERE,
                      &st, err);
    if (rc)
        return rc;
    bind_finding_filter(st, f, like, sizeof like);
    if ((rc = count_rows(st, total, err)) ||
        (rc = db_query(db, FINDING_SELECT FINDING_WHERE " ORDER BY f.found_on DESC, f.id DESC"
                                                        " LIMIT $11 OFFSET $12",
                       &st, err)))
        return rc;
    bind_finding_filter(st, f, like, sizeof like);
    db_bind_int(st, 11, f->limit);
    db_bind_int(st, 12, f->offset);
    return db_collect(st, (void **)items, count, sizeof **items, finding_from_row, err);
}

int store_finding_get(struct dj_db *db, int64_t id, struct dj_finding *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, FINDING_SELECT " WHERE f.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return step_one(st, finding_from_row, r, "问题记录不存在", err);
}

int store_finding_insert(struct dj_db *db, struct dj_finding *r, int64_t created_by, struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    COPY(r->updated_at, r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO findings (bureau_id, inspection_id, rule_id, org_id, department_id, unit,"
                      " found_on, description, state, created_by, created_at, updated_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->inspection_id);
    db_bind_int(st, 3, r->rule_id);
    bind_opt_int(st, 4, r->org_id);
    bind_opt_int(st, 5, r->department_id);
    db_bind_int(st, 6, r->unit);
    db_bind_text(st, 7, r->found_on);
    db_bind_text(st, 8, r->description);
    db_bind_text(st, 9, r->state);
    bind_opt_int(st, 10, created_by);
    db_bind_text(st, 11, r->created_at);
    return step_id(st, &r->id, err);
}

int store_finding_update(struct dj_db *db, struct dj_finding *r, struct dj_err *err)
{
    dj_now_rfc3339(r->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE findings SET explanation = $1, explained_at = $2, state = $3, decided_by = $4,"
                      " decided_at = $5, decision_note = $6, updated_at = $7 WHERE id = $8",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, r->explanation);
    db_bind_text(st, 2, r->explained_at);
    db_bind_text(st, 3, r->state);
    bind_opt_int(st, 4, r->decided_by);
    db_bind_text(st, 5, r->decided_at);
    db_bind_text(st, 6, r->decision_note);
    db_bind_text(st, 7, r->updated_at);
    db_bind_int(st, 8, r->id);
    return db_run(st, err);
}

int store_finding_people_add(struct dj_db *db, int64_t finding_id, int64_t person_id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO finding_people (finding_id, person_id) VALUES ($1, $2)", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, finding_id);
    db_bind_int(st, 2, person_id);
    return db_run(st, err);
}

static void finding_person_from_row(struct dj_stmt *st, void *item)
{
    struct dj_finding_person *p = item;
    memset(p, 0, sizeof *p);
    p->finding_id = db_int(st, 0);
    p->person_id = db_int(st, 1);
    COPY(p->name, db_text(st, 2));
    COPY(p->staff_no, db_text(st, 3));
}

int store_finding_people(struct dj_db *db, int64_t finding_id, struct dj_finding_person **items, int *count,
                         struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT fp.finding_id, fp.person_id, p.name, p.staff_no FROM finding_people fp"
                      " JOIN people p ON p.id = fp.person_id WHERE fp.finding_id = $1 ORDER BY fp.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, finding_id);
    return db_collect(st, (void **)items, count, sizeof **items, finding_person_from_row, err);
}

/* ---- the engine's facts ---- */

static void violation_from_row(struct dj_stmt *st, void *item)
{
    struct dj_violation *v = item;
    memset(v, 0, sizeof *v);
    v->finding_id = db_int(st, 0);
    v->person_id = db_int(st, 1);
    v->branch_id = db_int(st, 2);
    COPY(v->found_on, db_text(st, 3));
    COPY(v->rule_set, db_text(st, 4));
    COPY(v->rule_code, db_text(st, 5));
    COPY(v->severity, db_text(st, 6));
    COPY(v->rule_text, db_text(st, 7));
    dj_utf8_trim_partial(v->rule_text); /* cut to fit, on a whole character */
    v->deduct_points = db_int(st, 8);
    v->veto = db_int(st, 9) != 0;
}

int store_violations(struct dj_db *db, int64_t bureau_id, const char *from, const char *to, bool per_person,
                     struct dj_violation **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      per_person
                          ? "SELECT f.id, fp.person_id, COALESCE(f.org_id, 0), f.found_on, r.rule_set, r.code,"
                            " r.severity, r.text, r.deduct_points, r.veto FROM findings f"
                            " JOIN finding_people fp ON fp.finding_id = f.id"
                            " JOIN conduct_rules r ON r.id = f.rule_id WHERE f.bureau_id = $1"
                            " AND f.state = 'confirmed' AND f.found_on >= $2 AND f.found_on <= $3"
                            " ORDER BY fp.person_id, f.found_on, f.id"
                          : "SELECT f.id, 0, COALESCE(f.org_id, 0), f.found_on, r.rule_set, r.code,"
                            " r.severity, r.text, r.deduct_points, r.veto FROM findings f"
                            " JOIN conduct_rules r ON r.id = f.rule_id WHERE f.bureau_id = $1"
                            " AND f.state = 'confirmed' AND f.found_on >= $2 AND f.found_on <= $3"
                            " ORDER BY COALESCE(f.org_id, 0), f.found_on, f.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return db_collect(st, (void **)items, count, sizeof **items, violation_from_row, err);
}

/* ---- quarterly reviews ---- */

static void review_from_row(struct dj_stmt *st, void *item)
{
    struct dj_conduct_review *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    COPY(r->period, db_text(st, 2));
    COPY(r->held_on, db_text(st, 3));
    COPY(r->title, db_text(st, 4));
    COPY(r->conclusions, db_text(st, 5));
    COPY(r->created_at, db_text(st, 6));
}

int store_conduct_reviews(struct dj_db *db, int64_t bureau_id, const char *period,
                          struct dj_conduct_review **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT id, bureau_id, period, held_on, title, conclusions, created_at FROM conduct_reviews"
                      " WHERE bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR period = $2)"
                      " ORDER BY held_on DESC, id DESC",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    bind_opt_text(st, 2, period);
    return db_collect(st, (void **)items, count, sizeof **items, review_from_row, err);
}

int store_conduct_review_insert(struct dj_db *db, struct dj_conduct_review *r, int64_t created_by,
                                struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO conduct_reviews (bureau_id, period, held_on, title, conclusions, created_by,"
                      " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_text(st, 2, r->period);
    db_bind_text(st, 3, r->held_on);
    db_bind_text(st, 4, r->title);
    db_bind_text(st, 5, r->conclusions);
    bind_opt_int(st, 6, created_by);
    db_bind_text(st, 7, r->created_at);
    return step_id(st, &r->id, err);
}

int store_conduct_review_add_finding(struct dj_db *db, int64_t review_id, int64_t finding_id,
                                     struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO conduct_review_findings (review_id, finding_id) VALUES ($1, $2)", &st,
                      err);
    if (rc)
        return rc;
    db_bind_int(st, 1, review_id);
    db_bind_int(st, 2, finding_id);
    return db_run(st, err);
}

static void id_from_row(struct dj_stmt *st, void *item)
{
    *(int64_t *)item = db_int(st, 0);
}

int store_conduct_review_findings(struct dj_db *db, int64_t review_id, int64_t **ids, int *count,
                                  struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT finding_id FROM conduct_review_findings WHERE review_id = $1 ORDER BY finding_id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, review_id);
    return db_collect(st, (void **)ids, count, sizeof **ids, id_from_row, err);
}
