#include "store/indexes.h"

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

/* Runs st and returns the id of its RETURNING row. */
static int step_id(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

/* ---- schemes ---- */

void store_scheme_free(struct dj_scheme *s)
{
    free(s->ind);
    s->ind = NULL;
    s->nind = 0;
}

int store_scheme_insert(struct dj_db *db, struct dj_scheme *s, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    dj_copy(s->created_at, sizeof s->created_at, now);
    dj_copy(s->updated_at, sizeof s->updated_at, now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO schemes (bureau_id, code, version, name, target, settings,"
                      " description, replaces_id, active, created_at, updated_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->bureau_id);
    db_bind_text(st, 2, s->code);
    db_bind_int(st, 3, s->version);
    db_bind_text(st, 4, s->name);
    db_bind_text(st, 5, s->target);
    db_bind_text(st, 6, s->settings);
    db_bind_text(st, 7, s->description);
    bind_opt_int(st, 8, s->replaces_id);
    db_bind_int(st, 9, s->active);
    db_bind_text(st, 10, now);
    if ((rc = step_id(st, &s->id, err)))
        return rc == DJ_ECONFLICT ? dj_err_field(err, "code", "该方案版本已存在") : rc;
    for (int i = 0; i < s->nind; i++) {
        struct dj_indicator *d = &s->ind[i];
        if ((rc = db_query(db,
                           "INSERT INTO indicators (scheme_id, parent_id, seq, code, name, kind,"
                           " max_points, source, params, entered_by, description)"
                           " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                           &st, err)))
            return rc;
        /* parent_id is still an index + 1 into s->ind, whose ids are known by now */
        int64_t parent = d->parent_id ? s->ind[d->parent_id - 1].id : 0;
        db_bind_int(st, 1, s->id);
        bind_opt_int(st, 2, parent);
        db_bind_int(st, 3, d->seq);
        db_bind_text(st, 4, d->code);
        db_bind_text(st, 5, d->name);
        db_bind_text(st, 6, d->kind);
        db_bind_int(st, 7, d->max_points);
        db_bind_text(st, 8, d->source);
        db_bind_text(st, 9, d->params);
        db_bind_text(st, 10, d->entered_by);
        db_bind_text(st, 11, d->description);
        if ((rc = step_id(st, &d->id, err)))
            return rc == DJ_ECONFLICT ? dj_err_field(err, "indicators", "指标代码“%s”重复", d->code) : rc;
    }
    for (int i = 0; i < s->nind; i++)
        if (s->ind[i].parent_id)
            s->ind[i].parent_id = s->ind[s->ind[i].parent_id - 1].id;
    return 0;
}

#define SCHEME_COLUMNS                                                                          \
    "id, bureau_id, code, version, name, target, settings, description, replaces_id, active,"  \
    " created_at, updated_at"

static void scheme_from_row(struct dj_stmt *st, void *item)
{
    struct dj_scheme *s = item;
    memset(s, 0, sizeof *s);
    s->id = db_int(st, 0);
    s->bureau_id = db_int(st, 1);
    COPY(s->code, db_text(st, 2));
    s->version = (int)db_int(st, 3);
    COPY(s->name, db_text(st, 4));
    COPY(s->target, db_text(st, 5));
    COPY(s->settings, db_text(st, 6));
    COPY(s->description, db_text(st, 7));
    s->replaces_id = db_int(st, 8);
    s->active = db_int(st, 9) != 0;
    COPY(s->created_at, db_text(st, 10));
    COPY(s->updated_at, db_text(st, 11));
}

static void indicator_from_row(struct dj_stmt *st, void *item)
{
    struct dj_indicator *d = item;
    memset(d, 0, sizeof *d);
    d->id = db_int(st, 0);
    d->parent_id = db_int(st, 1);
    d->seq = (int)db_int(st, 2);
    COPY(d->code, db_text(st, 3));
    COPY(d->name, db_text(st, 4));
    COPY(d->kind, db_text(st, 5));
    d->max_points = db_int(st, 6);
    COPY(d->source, db_text(st, 7));
    COPY(d->params, db_text(st, 8));
    COPY(d->entered_by, db_text(st, 9));
    COPY(d->description, db_text(st, 10));
}

int store_scheme_get(struct dj_db *db, int64_t id, struct dj_scheme *s, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT " SCHEME_COLUMNS " FROM schemes WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        scheme_from_row(st, s);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "考评方案不存在");
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db,
                       "SELECT id, parent_id, seq, code, name, kind, max_points, source, params,"
                       " entered_by, description FROM indicators WHERE scheme_id = $1"
                       " ORDER BY seq, id",
                       &st, err)))
        return rc;
    db_bind_int(st, 1, id);
    return db_collect(st, (void **)&s->ind, &s->nind, sizeof *s->ind, indicator_from_row, err);
}

int store_scheme_list(struct dj_db *db, int64_t bureau_id, bool active_only,
                      struct dj_scheme **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT " SCHEME_COLUMNS " FROM schemes WHERE bureau_id = $1"
                      " AND ($2 = 0 OR active = 1) ORDER BY code, version DESC",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, active_only);
    return db_collect(st, (void **)items, count, sizeof **items, scheme_from_row, err);
}

int store_scheme_set_active(struct dj_db *db, int64_t id, bool active, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE schemes SET active = $2 WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, active);
    return db_run(st, err);
}

int store_scheme_retire_family(struct dj_db *db, int64_t bureau_id, const char *code,
                               struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE schemes SET active = 0 WHERE bureau_id = $1 AND code = $2", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, code);
    return db_run(st, err);
}

int store_scheme_last_version(struct dj_db *db, int64_t bureau_id, const char *code, int *version,
                              struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COALESCE(MAX(version), 0) FROM schemes WHERE bureau_id = $1 AND code = $2",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, code);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *version = (int)db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_scheme_in_final_use(struct dj_db *db, int64_t id, bool *used, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM evaluations WHERE scheme_id = $1 AND state = 'final'",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *used = db_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

/* ---- evaluations ---- */

#define EVAL_SELECT                                                                             \
    "SELECT e.id, e.bureau_id, e.scheme_id, e.replaces_id, s.name, s.target, e.period,"         \
    " e.first_day, e.last_day, e.name, e.state, e.notice_days, e.notice_from, e.notice_until,"   \
    " e.version, e.reason, e.computed_at, e.results_hash, e.finalized_at, e.created_at,"         \
    " e.updated_at FROM evaluations e JOIN schemes s ON s.id = e.scheme_id"

static void evaluation_from_row(struct dj_stmt *st, void *item)
{
    struct dj_evaluation *e = item;
    memset(e, 0, sizeof *e);
    e->id = db_int(st, 0);
    e->bureau_id = db_int(st, 1);
    e->scheme_id = db_int(st, 2);
    e->replaces_id = db_int(st, 3);
    COPY(e->scheme_name, db_text(st, 4));
    COPY(e->target, db_text(st, 5));
    COPY(e->period, db_text(st, 6));
    COPY(e->first_day, db_text(st, 7));
    COPY(e->last_day, db_text(st, 8));
    COPY(e->name, db_text(st, 9));
    COPY(e->state, db_text(st, 10));
    e->notice_days = (int)db_int(st, 11);
    COPY(e->notice_from, db_text(st, 12));
    COPY(e->notice_until, db_text(st, 13));
    e->version = (int)db_int(st, 14);
    COPY(e->reason, db_text(st, 15));
    COPY(e->computed_at, db_text(st, 16));
    COPY(e->results_hash, db_text(st, 17));
    COPY(e->finalized_at, db_text(st, 18));
    COPY(e->created_at, db_text(st, 19));
    COPY(e->updated_at, db_text(st, 20));
}

int store_evaluation_insert(struct dj_db *db, struct dj_evaluation *e, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO evaluations (bureau_id, scheme_id, period, first_day, last_day,"
                      " name, state, notice_days, version, replaces_id, reason, created_at,"
                      " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, e->bureau_id);
    db_bind_int(st, 2, e->scheme_id);
    db_bind_text(st, 3, e->period);
    db_bind_text(st, 4, e->first_day);
    db_bind_text(st, 5, e->last_day);
    db_bind_text(st, 6, e->name);
    db_bind_text(st, 7, e->state);
    db_bind_int(st, 8, e->notice_days);
    db_bind_int(st, 9, e->version);
    bind_opt_int(st, 10, e->replaces_id);
    db_bind_text(st, 11, e->reason);
    db_bind_text(st, 12, now);
    return step_id(st, &e->id, err);
}

int store_evaluation_get(struct dj_db *db, int64_t id, struct dj_evaluation *e, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, EVAL_SELECT " WHERE e.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        evaluation_from_row(st, e);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "考评不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_evaluation_list(struct dj_db *db, int64_t bureau_id, struct dj_evaluation **items,
                          int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, EVAL_SELECT " WHERE e.bureau_id = $1 ORDER BY e.period DESC, e.id DESC",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, evaluation_from_row, err);
}

int store_evaluation_update(struct dj_db *db, const struct dj_evaluation *e, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE evaluations SET state = $2, notice_from = $3, notice_until = $4,"
                      " computed_at = $5, results_hash = $6, finalized_at = $7, updated_at = $8,"
                      " notice_days = $9 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, e->id);
    db_bind_text(st, 2, e->state);
    bind_opt_text(st, 3, e->notice_from);
    bind_opt_text(st, 4, e->notice_until);
    bind_opt_text(st, 5, e->computed_at);
    bind_opt_text(st, 6, e->results_hash);
    bind_opt_text(st, 7, e->finalized_at);
    db_bind_text(st, 8, now);
    db_bind_int(st, 9, e->notice_days);
    return db_run(st, err);
}

/* ---- targets ---- */

static void target_from_row(struct dj_stmt *st, void *item)
{
    struct dj_index_target *t = item;
    memset(t, 0, sizeof *t);
    t->id = db_int(st, 0);
    COPY(t->name, db_text(st, 1));
    COPY(t->unit, db_text(st, 2));
    COPY(t->path, db_text(st, 3));
    t->department_id = db_int(st, 4);
    t->user_id = db_int(st, 5);
}

int store_index_targets(struct dj_db *db, int64_t bureau_id, const char *target, const char *first,
                        const char *last, struct dj_index_target **items, int *count,
                        struct dj_err *err)
{
    /* members: party members in a branch during the period, with the branch
     * they were in last; branches: the active 党支部; departments: active ones
     * with the branch they are linked to */
    static const char *const member_sql =
        "SELECT p.id, p.name, b.name, b.path, COALESCE(p.department_id, 0), COALESCE(p.user_id, 0)"
        " FROM people p JOIN memberships ms ON ms.person_id = p.id JOIN orgs b ON b.id = ms.org_id"
        " WHERE p.bureau_id = $1 AND p.political_status IN ('中共党员', '中共预备党员')"
        " AND ms.id = (SELECT MAX(m2.id) FROM memberships m2 WHERE m2.person_id = p.id"
        "   AND m2.start_on <= $3 AND (m2.end_on IS NULL OR m2.end_on >= $2))"
        " ORDER BY p.staff_no, p.id";
    static const char *const branch_sql =
        "SELECT o.id, o.name, o.name, o.path, 0, 0 FROM orgs o"
        " WHERE o.path LIKE '/' || CAST($1 AS TEXT) || '/%' AND o.type = '党支部'"
        " AND (o.status = 'active' OR (o.status_on IS NOT NULL AND o.status_on >= $2))"
        " AND (o.founded_on IS NULL OR o.founded_on <= $3) ORDER BY o.path";
    static const char *const dept_sql =
        "SELECT d.id, d.name, COALESCE(b.name, ''), COALESCE(b.path, ''), d.id, 0 FROM departments d"
        " LEFT JOIN department_links l ON l.department_id = d.id AND l.start_on <= $3"
        "   AND (l.end_on IS NULL OR l.end_on >= $3)"
        " LEFT JOIN orgs b ON b.id = l.org_id"
        " WHERE d.bureau_id = $1 AND d.status = 'active' AND $2 <= $3 ORDER BY d.sort_order, d.id";
    const char *sql = !strcmp(target, "member") ? member_sql
                      : !strcmp(target, "branch") ? branch_sql
                                                  : dept_sql;
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    return db_collect(st, (void **)items, count, sizeof **items, target_from_row, err);
}

/* ---- scores ---- */

int store_scores_replace(struct dj_db *db, int64_t evaluation_id, const struct dj_score *items,
                         int count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM scores WHERE evaluation_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    if ((rc = db_run(st, err)))
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    for (int i = 0; i < count; i++) {
        if ((rc = db_query(db,
                           "INSERT INTO scores (evaluation_id, target_id, indicator_id, points, raw,"
                           " detail, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                           &st, err)))
            return rc;
        db_bind_int(st, 1, evaluation_id);
        db_bind_int(st, 2, items[i].target_id);
        db_bind_int(st, 3, items[i].indicator_id);
        db_bind_int(st, 4, items[i].points);
        db_bind_text(st, 5, items[i].raw);
        db_bind_text(st, 6, items[i].detail ? items[i].detail : "{}");
        db_bind_text(st, 7, now);
        if ((rc = db_run(st, err)))
            return rc;
    }
    return 0;
}

int store_scores_list(struct dj_db *db, int64_t evaluation_id, int64_t target_id,
                      struct dj_score **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT target_id, indicator_id, points, raw, detail FROM scores"
                      " WHERE evaluation_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR target_id = $2)"
                      " ORDER BY target_id, indicator_id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    bind_opt_int(st, 2, target_id);
    int cap = 0;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (*count == cap) {
            int ncap = cap ? cap * 2 : 64;
            struct dj_score *n = realloc(*items, (size_t)ncap * sizeof *n);
            if (!n) {
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
                break;
            }
            *items = n;
            cap = ncap;
        }
        struct dj_score *s = &(*items)[*count];
        memset(s, 0, sizeof *s);
        s->target_id = db_int(st, 0);
        s->indicator_id = db_int(st, 1);
        s->points = db_int(st, 2);
        COPY(s->raw, db_text(st, 3));
        if (!(s->detail = strdup(db_text(st, 4)))) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        }
        (*count)++;
    }
    db_done(st);
    if (rc != DB_DONE) {
        store_scores_free(*items, *count);
        *items = NULL;
        *count = 0;
        return rc;
    }
    return 0;
}

void store_scores_free(struct dj_score *items, int count)
{
    for (int i = 0; i < count; i++)
        free(items[i].detail);
    free(items);
}

/* ---- entries ---- */

#define ENTRY_SELECT                                                                            \
    "SELECT e.id, e.evaluation_id, e.target_id, e.indicator_id, e.points, e.file_id,"            \
    " e.entered_by, e.reason, e.occurred_on, COALESCE(u.display_name, u.username, ''),"          \
    " e.created_at FROM score_entries e LEFT JOIN users u ON u.id = e.entered_by"

static void entry_from_row(struct dj_stmt *st, void *item)
{
    struct dj_score_entry *e = item;
    memset(e, 0, sizeof *e);
    e->id = db_int(st, 0);
    e->evaluation_id = db_int(st, 1);
    e->target_id = db_int(st, 2);
    e->indicator_id = db_int(st, 3);
    e->points = db_int(st, 4);
    e->file_id = db_int(st, 5);
    e->entered_by = db_int(st, 6);
    COPY(e->reason, db_text(st, 7));
    COPY(e->occurred_on, db_text(st, 8));
    COPY(e->entered_by_name, db_text(st, 9));
    COPY(e->created_at, db_text(st, 10));
}

int store_entry_insert(struct dj_db *db, struct dj_score_entry *e, struct dj_err *err)
{
    dj_now_rfc3339(e->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO score_entries (evaluation_id, target_id, indicator_id, points,"
                      " reason, occurred_on, file_id, entered_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, e->evaluation_id);
    db_bind_int(st, 2, e->target_id);
    db_bind_int(st, 3, e->indicator_id);
    db_bind_int(st, 4, e->points);
    db_bind_text(st, 5, e->reason);
    bind_opt_text(st, 6, e->occurred_on);
    bind_opt_int(st, 7, e->file_id);
    bind_opt_int(st, 8, e->entered_by);
    db_bind_text(st, 9, e->created_at);
    return step_id(st, &e->id, err);
}

int store_entry_get(struct dj_db *db, int64_t id, struct dj_score_entry *e, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, ENTRY_SELECT " WHERE e.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        entry_from_row(st, e);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "评分记录不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_entry_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM score_entries WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return db_run(st, err);
}

int store_entries_clear(struct dj_db *db, int64_t evaluation_id, int64_t target_id,
                        int64_t indicator_id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "DELETE FROM score_entries WHERE evaluation_id = $1 AND target_id = $2"
                      " AND indicator_id = $3",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    db_bind_int(st, 2, target_id);
    db_bind_int(st, 3, indicator_id);
    return db_run(st, err);
}

int store_entries_list(struct dj_db *db, int64_t evaluation_id, int64_t target_id,
                       struct dj_score_entry **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      ENTRY_SELECT " WHERE e.evaluation_id = $1"
                                   " AND (CAST($2 AS BIGINT) IS NULL OR e.target_id = $2)"
                                   " ORDER BY e.target_id, e.indicator_id, e.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    bind_opt_int(st, 2, target_id);
    return db_collect(st, (void **)items, count, sizeof **items, entry_from_row, err);
}

/* ---- results ---- */

int store_results_replace(struct dj_db *db, int64_t evaluation_id, const struct dj_result *items,
                          int count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM results WHERE evaluation_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    if ((rc = db_run(st, err)))
        return rc;
    for (int i = 0; i < count; i++) {
        if ((rc = db_query(db,
                           "INSERT INTO results (evaluation_id, target_id, target_name, unit_name,"
                           " total, rank, vetoed, star, selected) VALUES ($1, $2, $3, $4, $5, $6,"
                           " $7, $8, $9)",
                           &st, err)))
            return rc;
        db_bind_int(st, 1, evaluation_id);
        db_bind_int(st, 2, items[i].target_id);
        db_bind_text(st, 3, items[i].target_name);
        db_bind_text(st, 4, items[i].unit_name);
        db_bind_int(st, 5, items[i].total);
        db_bind_int(st, 6, items[i].rank);
        db_bind_int(st, 7, items[i].vetoed);
        db_bind_text(st, 8, items[i].star);
        db_bind_int(st, 9, items[i].selected);
        if ((rc = db_run(st, err)))
            return rc;
    }
    return 0;
}

static void result_from_row(struct dj_stmt *st, void *item)
{
    struct dj_result *r = item;
    memset(r, 0, sizeof *r);
    r->target_id = db_int(st, 0);
    COPY(r->target_name, db_text(st, 1));
    COPY(r->unit_name, db_text(st, 2));
    r->total = db_int(st, 3);
    r->rank = (int)db_int(st, 4);
    r->vetoed = db_int(st, 5) != 0;
    COPY(r->star, db_text(st, 6));
    r->selected = db_int(st, 7) != 0;
}

int store_results_list(struct dj_db *db, int64_t evaluation_id, struct dj_result **items,
                       int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT target_id, target_name, unit_name, total, rank, vetoed, star, selected"
                      " FROM results WHERE evaluation_id = $1 ORDER BY rank, target_id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    return db_collect(st, (void **)items, count, sizeof **items, result_from_row, err);
}

/* ---- objections ---- */

#define OBJECTION_SELECT                                                                        \
    "SELECT o.id, o.evaluation_id, o.target_id, o.filed_by, COALESCE(o.answered_by, 0),"         \
    " COALESCE(u.display_name, u.username, ''), o.reason, o.state, o.answer,"                    \
    " COALESCE(o.answered_at, ''), o.created_at FROM objections o"                               \
    " LEFT JOIN users u ON u.id = o.filed_by"

static void objection_from_row(struct dj_stmt *st, void *item)
{
    struct dj_objection *o = item;
    memset(o, 0, sizeof *o);
    o->id = db_int(st, 0);
    o->evaluation_id = db_int(st, 1);
    o->target_id = db_int(st, 2);
    o->filed_by = db_int(st, 3);
    o->answered_by = db_int(st, 4);
    COPY(o->filed_by_name, db_text(st, 5));
    COPY(o->reason, db_text(st, 6));
    COPY(o->state, db_text(st, 7));
    COPY(o->answer, db_text(st, 8));
    COPY(o->answered_at, db_text(st, 9));
    COPY(o->created_at, db_text(st, 10));
}

int store_objection_insert(struct dj_db *db, struct dj_objection *o, struct dj_err *err)
{
    dj_now_rfc3339(o->created_at);
    dj_copy(o->state, sizeof o->state, "open");
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO objections (evaluation_id, target_id, filed_by, reason, state,"
                      " created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, o->evaluation_id);
    db_bind_int(st, 2, o->target_id);
    db_bind_int(st, 3, o->filed_by);
    db_bind_text(st, 4, o->reason);
    db_bind_text(st, 5, o->state);
    db_bind_text(st, 6, o->created_at);
    return step_id(st, &o->id, err);
}

int store_objection_get(struct dj_db *db, int64_t id, struct dj_objection *o, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, OBJECTION_SELECT " WHERE o.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        objection_from_row(st, o);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "异议不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_objection_answer(struct dj_db *db, const struct dj_objection *o, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE objections SET state = 'answered', answer = $2, answered_by = $3,"
                      " answered_at = $4 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, o->id);
    db_bind_text(st, 2, o->answer);
    db_bind_int(st, 3, o->answered_by);
    db_bind_text(st, 4, o->answered_at);
    return db_run(st, err);
}

int store_objections_list(struct dj_db *db, int64_t evaluation_id, struct dj_objection **items,
                          int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, OBJECTION_SELECT " WHERE o.evaluation_id = $1 ORDER BY o.id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    return db_collect(st, (void **)items, count, sizeof **items, objection_from_row, err);
}

static void hash_from_row(struct dj_stmt *st, void *item)
{
    struct dj_final_hash *h = item;
    h->id = db_int(st, 0);
    COPY(h->hash, db_text(st, 1));
}

int store_final_hashes(struct dj_db *db, struct dj_final_hash **items, int *count,
                       struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT id, COALESCE(results_hash, '') FROM evaluations WHERE state = 'final'"
                      " ORDER BY id",
                      &st, err);
    if (rc)
        return rc;
    return db_collect(st, (void **)items, count, sizeof **items, hash_from_row, err);
}

int store_evaluation_set_results_hash(struct dj_db *db, int64_t id, const char *hash,
                                      struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE evaluations SET results_hash = $1 WHERE id = $2", &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, id);
    return db_run(st, err);
}

int store_evaluation_lock(struct dj_db *db, int64_t id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE evaluations SET id = id WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return db_run(st, err);
}
