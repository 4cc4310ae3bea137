#include "store/learning.h"

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

/* "path%" for LIKE, or NULL */
static const char *like_of(const char *path, char *buf, size_t size)
{
    if (!path || !*path)
        return NULL;
    snprintf(buf, size, "%s%%", path);
    return buf;
}

/* ---- lecture labels ---- */

static void label_from_row(struct dj_stmt *st, void *item)
{
    struct dj_lecture_label *l = item;
    memset(l, 0, sizeof *l);
    l->id = db_int(st, 0);
    l->bureau_id = db_int(st, 1);
    COPY(l->kind, db_text(st, 2));
    COPY(l->name, db_text(st, 3));
    l->sort_order = (int)db_int(st, 4);
    l->active = db_int(st, 5) != 0;
}

#define LABEL_SELECT "SELECT id, bureau_id, kind, name, sort_order, active FROM lecture_labels"

int store_lecture_labels(struct dj_db *db, int64_t bureau_id, const char *kind,
                         struct dj_lecture_label **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      LABEL_SELECT " WHERE bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR kind = $2)"
                                   " ORDER BY kind DESC, sort_order, id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    bind_opt_text(st, 2, kind);
    return db_collect(st, (void **)items, count, sizeof **items, label_from_row, err);
}

int store_lecture_label_get(struct dj_db *db, int64_t id, struct dj_lecture_label *l,
                            struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, LABEL_SELECT " WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        label_from_row(st, l);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "主题或模块不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_lecture_label_save(struct dj_db *db, struct dj_lecture_label *l, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc;
    if (l->id) {
        rc = db_query(db,
                      "UPDATE lecture_labels SET name = $2, sort_order = $3, active = $4"
                      " WHERE id = $1",
                      &st, err);
        if (rc)
            return rc;
        db_bind_int(st, 1, l->id);
    } else {
        rc = db_query(db,
                      "INSERT INTO lecture_labels (bureau_id, name, sort_order, active, kind)"
                      " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                      &st, err);
        if (rc)
            return rc;
        db_bind_int(st, 1, l->bureau_id);
        db_bind_text(st, 5, l->kind);
    }
    db_bind_text(st, 2, l->name);
    db_bind_int(st, 3, l->sort_order);
    db_bind_int(st, 4, l->active);
    rc = db_step(st, err);
    if (rc == DB_ROW && !l->id)
        l->id = db_int(st, 0);
    db_done(st);
    if (rc == DJ_ECONFLICT)
        return dj_err_field(err, "name", "已有同名的%s", !strcmp(l->kind, "theme") ? "主题" : "模块");
    return (rc == DB_ROW || rc == DB_DONE) ? 0 : rc;
}

/* ---- lecture figures ---- */

#define LECTURES_IN                                                                              \
    " FROM meetings m JOIN orgs o ON o.id = m.org_id JOIN meeting_kinds k ON k.id = m.kind_id"     \
    " WHERE k.code = 'lecture' AND o.path LIKE $1 AND m.held_on >= $2 AND m.held_on <= $3"     \
    " AND m.status = 'held'"

/* roster attendances of meeting m: present or late */
#define LECTURE_TIMES                                                                            \
    "(SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status IN ('出席', '迟到'))"

int store_lecture_totals(struct dj_db *db, const char *path, const char *from, const char *to,
                         struct dj_lecture_totals *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT COUNT(*), COALESCE(SUM(" LECTURE_TIMES "), 0),"
                      " COALESCE(SUM((SELECT COUNT(*) FROM attendance a JOIN people p"
                      "   ON p.id = a.person_id WHERE a.meeting_id = m.id"
                      "   AND a.status IN ('出席', '迟到')"
                      "   AND p.political_status IN ('中共党员', '中共预备党员'))), 0),"
                      " COALESCE(SUM(m.guests), 0)" LECTURES_IN,
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, like_of(path, like, sizeof like));
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        out->sessions = (int)db_int(st, 0);
        out->roster_times = db_int(st, 1);
        out->member_times = db_int(st, 2);
        out->guests = db_int(st, 3);
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

static void group_from_row(struct dj_stmt *st, void *item)
{
    struct dj_lecture_group *g = item;
    memset(g, 0, sizeof *g);
    COPY(g->key, db_text(st, 0));
    g->sessions = (int)db_int(st, 1);
    g->person_times = db_int(st, 2);
}

int store_lecture_groups(struct dj_db *db, const char *path, const char *from, const char *to,
                         const char *by, struct dj_lecture_group **items, int *count,
                         struct dj_err *err)
{
    /* one text per grouping: the grouping column is never spliced from input */
    static const char *const month_sql =
        "SELECT SUBSTR(m.held_on, 1, 7), COUNT(*), SUM(" LECTURE_TIMES " + m.guests)" LECTURES_IN
        " GROUP BY SUBSTR(m.held_on, 1, 7) ORDER BY 1";
    static const char *const theme_sql =
        "SELECT COALESCE(l.name, ''), COUNT(*), SUM(" LECTURE_TIMES " + m.guests)"
        " FROM meetings m JOIN orgs o ON o.id = m.org_id JOIN meeting_kinds k ON k.id = m.kind_id"
        " LEFT JOIN lecture_labels l ON l.id = m.theme_id"
        " WHERE k.code = 'lecture' AND o.path LIKE $1 AND m.held_on >= $2 AND m.held_on <= $3"
        " AND m.status = 'held'"
        " GROUP BY COALESCE(l.name, ''), COALESCE(l.sort_order, 999) ORDER BY COALESCE(l.sort_order, 999), 1";
    static const char *const module_sql =
        "SELECT COALESCE(l.name, ''), COUNT(*), SUM(" LECTURE_TIMES " + m.guests)"
        " FROM meetings m JOIN orgs o ON o.id = m.org_id JOIN meeting_kinds k ON k.id = m.kind_id"
        " LEFT JOIN lecture_labels l ON l.id = m.module_id"
        " WHERE k.code = 'lecture' AND o.path LIKE $1 AND m.held_on >= $2 AND m.held_on <= $3"
        " AND m.status = 'held'"
        " GROUP BY COALESCE(l.name, ''), COALESCE(l.sort_order, 999) ORDER BY COALESCE(l.sort_order, 999), 1";
    const char *sql = !strcmp(by, "theme") ? theme_sql : !strcmp(by, "module") ? module_sql : month_sql;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, like_of(path, like, sizeof like));
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return db_collect(st, (void **)items, count, sizeof **items, group_from_row, err);
}

/* A learning record held by organisation O counts for a person only when O
 * covers them: O is the bureau's root, or the person's membership on the
 * record's day or today lies in O's subtree (core/people.c
 * people_covered, which the writes check by the same rule). */
#define COVERED(O, PERSON, DAY)                                                               \
    " AND (" O ".parent_id IS NULL OR EXISTS (SELECT 1 FROM memberships cm"                    \
    "   JOIN orgs cb ON cb.id = cm.org_id LEFT JOIN orgs cg ON cg.id = cm.group_id"            \
    "   WHERE cm.person_id = " PERSON                                                          \
    "   AND (cm.end_on IS NULL OR (cm.start_on <= " DAY " AND cm.end_on >= " DAY "))"            \
    "   AND (substr(cb.path, 1, length(" O ".path)) = " O ".path"                              \
    "     OR substr(cg.path, 1, length(" O ".path)) = " O ".path)))"

/* the lectures p gave, counted as the statistics and the engine count them:
 * only where the holding organisation covered the lecturer */
#define LECTURES_GIVEN                                                                        \
    " FROM meetings m JOIN meeting_kinds k ON k.id = m.kind_id JOIN orgs o ON o.id = m.org_id" \
    " WHERE k.code = 'lecture' AND m.status = 'held' AND m.lecturer_id = p.id"                \
    COVERED("o", "p.id", "m.held_on")

static void rota_from_row(struct dj_stmt *st, void *item)
{
    struct dj_rota_entry *r = item;
    memset(r, 0, sizeof *r);
    r->person_id = db_int(st, 0);
    COPY(r->name, db_text(st, 1));
    COPY(r->staff_no, db_text(st, 2));
    COPY(r->political_status, db_text(st, 3));
    COPY(r->department, db_text(st, 4));
    r->given = (int)db_int(st, 5);
    COPY(r->last_on, db_text(st, 6));
}

int store_lecture_rota(struct dj_db *db, int64_t bureau_id, const char *from, const char *to,
                       struct dj_rota_entry **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(
        db,
        "SELECT p.id, p.name, p.staff_no, p.political_status, COALESCE(d.name, ''),"
        " (SELECT COUNT(*)" LECTURES_GIVEN " AND m.held_on >= $2 AND m.held_on <= $3),"
        " (SELECT MAX(m.held_on)" LECTURES_GIVEN ")"
        " FROM people p LEFT JOIN departments d ON d.id = p.department_id"
        " WHERE p.bureau_id = $1 AND ((p.status = '在职'"
        "   AND p.political_status IN ('中共党员', '中共预备党员'))"
        "   OR EXISTS (SELECT 1" LECTURES_GIVEN " AND m.held_on >= $2 AND m.held_on <= $3))"
        " ORDER BY p.staff_no, p.id",
        &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return db_collect(st, (void **)items, count, sizeof **items, rota_from_row, err);
}

/* ---- quizzes ---- */

#define QUIZ_SELECT                                                                             \
    "SELECT q.id, q.org_id, o.name, o.path, q.kind, q.title, q.held_on, q.max_score,"            \
    " q.pass_score, q.description, q.created_at, q.updated_at,"                                 \
    " (SELECT COUNT(*) FROM quiz_scores s WHERE s.quiz_id = q.id),"                             \
    " (SELECT COALESCE(SUM(s.score), 0) FROM quiz_scores s WHERE s.quiz_id = q.id),"             \
    " COALESCE(q.removed_on, ''), q.removed_reason"                                              \
    " FROM quizzes q JOIN orgs o ON o.id = q.org_id"

static void quiz_from_row(struct dj_stmt *st, void *item)
{
    struct dj_quiz *q = item;
    memset(q, 0, sizeof *q);
    q->id = db_int(st, 0);
    q->org_id = db_int(st, 1);
    COPY(q->org_name, db_text(st, 2));
    COPY(q->org_path, db_text(st, 3));
    COPY(q->kind, db_text(st, 4));
    COPY(q->title, db_text(st, 5));
    COPY(q->held_on, db_text(st, 6));
    q->max_score = db_int(st, 7);
    q->pass_score = db_int(st, 8);
    COPY(q->description, db_text(st, 9));
    COPY(q->created_at, db_text(st, 10));
    COPY(q->updated_at, db_text(st, 11));
    q->takers = (int)db_int(st, 12);
    q->score_sum = db_int(st, 13);
    COPY(q->removed_on, db_text(st, 14));
    COPY(q->removed_reason, db_text(st, 15));
}

#define QUIZ_WHERE                                                                              \
    " WHERE (CAST($1 AS TEXT) IS NULL OR o.path LIKE $1)"                                       \
    " AND (CAST($2 AS BIGINT) IS NULL OR o.path LIKE (SELECT x.path FROM orgs x WHERE x.id = $2) || '%')" \
    " AND (CAST($3 AS TEXT) IS NULL OR q.held_on >= $3)"                                        \
    " AND (CAST($4 AS TEXT) IS NULL OR q.held_on <= $4)"                                        \
    " AND q.removed_on IS NULL"

static void bind_quiz_filter(struct dj_stmt *st, const struct dj_quiz_filter *f, char *like,
                             size_t size)
{
    db_bind_text(st, 1, like_of(f->scope_path, like, size));
    bind_opt_int(st, 2, f->org_id);
    db_bind_text(st, 3, f->from);
    db_bind_text(st, 4, f->to);
}

int store_quiz_list(struct dj_db *db, const struct dj_quiz_filter *f, struct dj_quiz **items,
                    int *count, int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM quizzes q JOIN orgs o ON o.id = q.org_id" QUIZ_WHERE,
                      &st, err);
    if (rc)
        return rc;
    bind_quiz_filter(st, f, like, sizeof like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db, QUIZ_SELECT QUIZ_WHERE " ORDER BY q.held_on DESC, q.id DESC LIMIT $5 OFFSET $6",
                       &st, err)))
        return rc;
    bind_quiz_filter(st, f, like, sizeof like);
    db_bind_int(st, 5, f->limit);
    db_bind_int(st, 6, f->offset);
    return db_collect(st, (void **)items, count, sizeof **items, quiz_from_row, err);
}

int store_quiz_get(struct dj_db *db, int64_t id, struct dj_quiz *q, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, QUIZ_SELECT " WHERE q.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        quiz_from_row(st, q);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "测试不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_quiz_save(struct dj_db *db, struct dj_quiz *q, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc;
    if (q->id) {
        rc = db_query(db,
                      "UPDATE quizzes SET org_id = $2, kind = $3, title = $4, held_on = $5,"
                      " max_score = $6, pass_score = $7, description = $8, updated_at = $9"
                      " WHERE id = $1",
                      &st, err);
        if (rc)
            return rc;
        db_bind_int(st, 1, q->id);
    } else {
        rc = db_query(db,
                      "INSERT INTO quizzes (created_at, org_id, kind, title, held_on, max_score,"
                      " pass_score, description, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                      " $8, $9) RETURNING id",
                      &st, err);
        if (rc)
            return rc;
        db_bind_text(st, 1, now);
    }
    db_bind_int(st, 2, q->org_id);
    db_bind_text(st, 3, q->kind);
    db_bind_text(st, 4, q->title);
    db_bind_text(st, 5, q->held_on);
    db_bind_int(st, 6, q->max_score);
    db_bind_int(st, 7, q->pass_score);
    db_bind_text(st, 8, q->description);
    db_bind_text(st, 9, now);
    rc = db_step(st, err);
    if (rc == DB_ROW && !q->id)
        q->id = db_int(st, 0);
    db_done(st);
    return (rc == DB_ROW || rc == DB_DONE) ? 0 : rc;
}

static void question_from_row(struct dj_stmt *st, void *item)
{
    struct dj_quiz_question *q = item;
    memset(q, 0, sizeof *q);
    q->seq = (int)db_int(st, 0);
    COPY(q->kind, db_text(st, 1));
    COPY(q->text, db_text(st, 2));
    COPY(q->options, db_text(st, 3));
    COPY(q->answer, db_text(st, 4));
    q->points = db_int(st, 5);
}

int store_quiz_questions(struct dj_db *db, int64_t quiz_id, struct dj_quiz_question **items,
                         int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT seq, kind, text, options, answer, points FROM quiz_questions"
                      " WHERE quiz_id = $1 ORDER BY seq",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, quiz_id);
    return db_collect(st, (void **)items, count, sizeof **items, question_from_row, err);
}

int store_quiz_questions_replace(struct dj_db *db, int64_t quiz_id,
                                 const struct dj_quiz_question *items, int count,
                                 struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM quiz_questions WHERE quiz_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, quiz_id);
    if ((rc = db_run(st, err)))
        return rc;
    for (int i = 0; i < count; i++) {
        if ((rc = db_query(db,
                           "INSERT INTO quiz_questions (quiz_id, seq, kind, text, options, answer,"
                           " points) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                           &st, err)))
            return rc;
        db_bind_int(st, 1, quiz_id);
        db_bind_int(st, 2, items[i].seq);
        db_bind_text(st, 3, items[i].kind);
        db_bind_text(st, 4, items[i].text);
        db_bind_text(st, 5, items[i].options);
        db_bind_text(st, 6, items[i].answer);
        db_bind_int(st, 7, items[i].points);
        if ((rc = db_run(st, err)))
            return rc;
    }
    return 0;
}

static void score_from_row(struct dj_stmt *st, void *item)
{
    struct dj_quiz_score *s = item;
    memset(s, 0, sizeof *s);
    s->person_id = db_int(st, 0);
    COPY(s->name, db_text(st, 1));
    COPY(s->staff_no, db_text(st, 2));
    s->score = db_int(st, 3);
    COPY(s->note, db_text(st, 4));
}

int store_quiz_scores(struct dj_db *db, int64_t quiz_id, struct dj_quiz_score **items, int *count,
                      struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT s.person_id, p.name, p.staff_no, s.score, s.note FROM quiz_scores s"
                      " JOIN people p ON p.id = s.person_id WHERE s.quiz_id = $1"
                      " ORDER BY s.score DESC, p.staff_no",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, quiz_id);
    return db_collect(st, (void **)items, count, sizeof **items, score_from_row, err);
}

int store_quiz_score_set(struct dj_db *db, int64_t quiz_id, const struct dj_quiz_score *s,
                         struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO quiz_scores (quiz_id, person_id, score, note) VALUES ($1, $2, $3, $4)"
                      " ON CONFLICT (quiz_id, person_id) DO UPDATE SET score = excluded.score,"
                      " note = excluded.note",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, quiz_id);
    db_bind_int(st, 2, s->person_id);
    db_bind_int(st, 3, s->score);
    db_bind_text(st, 4, s->note);
    return db_run(st, err);
}

int store_quiz_score_delete(struct dj_db *db, int64_t quiz_id, int64_t person_id,
                            struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM quiz_scores WHERE quiz_id = $1 AND person_id = $2", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, quiz_id);
    db_bind_int(st, 2, person_id);
    return db_run(st, err);
}

/* ---- study records ---- */

#define STUDY_SELECT                                                                            \
    "SELECT r.id, r.bureau_id, r.person_id, p.name, p.staff_no, r.studied_on, r.hours, r.mode,"  \
    " r.content, r.created_at FROM study_records r JOIN people p ON p.id = r.person_id"

#define STUDY_WHERE                                                                             \
    " WHERE r.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR r.person_id = $2)"              \
    " AND (CAST($3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms"                    \
    "   JOIN orgs b ON b.id = ms.org_id WHERE ms.person_id = r.person_id"                       \
    "   AND ms.start_on <= r.studied_on AND (ms.end_on IS NULL OR ms.end_on >= r.studied_on)"   \
    "   AND b.path LIKE $3))"                                                                   \
    " AND (CAST($4 AS TEXT) IS NULL OR r.studied_on >= $4)"                                     \
    " AND (CAST($5 AS TEXT) IS NULL OR r.studied_on <= $5)"

static void study_from_row(struct dj_stmt *st, void *item)
{
    struct dj_study_record *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->person_id = db_int(st, 2);
    COPY(r->name, db_text(st, 3));
    COPY(r->staff_no, db_text(st, 4));
    COPY(r->studied_on, db_text(st, 5));
    r->hours = db_int(st, 6);
    COPY(r->mode, db_text(st, 7));
    COPY(r->content, db_text(st, 8));
    COPY(r->created_at, db_text(st, 9));
}

static void bind_study_filter(struct dj_stmt *st, const struct dj_study_filter *f, char *like,
                              size_t size)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    db_bind_text(st, 3, like_of(f->branch_path, like, size));
    db_bind_text(st, 4, f->from);
    db_bind_text(st, 5, f->to);
}

int store_study_list(struct dj_db *db, const struct dj_study_filter *f,
                     struct dj_study_record **items, int *count, int64_t *total,
                     struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM study_records r" STUDY_WHERE, &st, err);
    if (rc)
        return rc;
    bind_study_filter(st, f, like, sizeof like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db, STUDY_SELECT STUDY_WHERE " ORDER BY r.studied_on DESC, r.id DESC"
                                                    " LIMIT $6 OFFSET $7",
                       &st, err)))
        return rc;
    bind_study_filter(st, f, like, sizeof like);
    db_bind_int(st, 6, f->limit);
    db_bind_int(st, 7, f->offset);
    return db_collect(st, (void **)items, count, sizeof **items, study_from_row, err);
}

int store_study_get(struct dj_db *db, int64_t id, struct dj_study_record *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, STUDY_SELECT " WHERE r.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        study_from_row(st, r);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "学习记录不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_study_insert(struct dj_db *db, struct dj_study_record *r, int64_t created_by,
                       struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO study_records (bureau_id, person_id, studied_on, hours, mode,"
                      " content, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->person_id);
    db_bind_text(st, 3, r->studied_on);
    db_bind_int(st, 4, r->hours);
    db_bind_text(st, 5, r->mode);
    db_bind_text(st, 6, r->content);
    bind_opt_int(st, 7, created_by);
    db_bind_text(st, 8, r->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        r->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_study_delete(struct dj_db *db, int64_t id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM study_records WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return db_run(st, err);
}

/* ---- statistics ---- */

static void learning_from_row(struct dj_stmt *st, void *item)
{
    struct dj_learning_stat *s = item;
    memset(s, 0, sizeof *s);
    s->person_id = db_int(st, 0);
    COPY(s->name, db_text(st, 1));
    COPY(s->staff_no, db_text(st, 2));
    s->branch_id = db_int(st, 3);
    COPY(s->branch_name, db_text(st, 4));
    s->lectures_given = (int)db_int(st, 5);
    s->lectures_attended = (int)db_int(st, 6);
    s->quizzes = (int)db_int(st, 7);
    s->score_sum = db_int(st, 8);
    s->study_hours = db_int(st, 9);
}

int store_learning_stats(struct dj_db *db, int64_t bureau_id, const char *path, const char *from,
                         const char *to, int64_t person_id, struct dj_learning_stat **items,
                         int *count, struct dj_err *err)
{
    char like[200];
    struct dj_stmt *st;
    /* every fact with its person and day, then the branch of that person on
     * that day from the membership periods */
    int rc = db_query(
        db,
        "SELECT x.person_id, p.name, p.staff_no, COALESCE(b.id, 0), COALESCE(b.name, ''),"
        " SUM(CASE WHEN x.t = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN x.t = 2 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN x.t = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN x.t = 3 THEN x.v ELSE 0 END),"
        " SUM(CASE WHEN x.t = 4 THEN x.v ELSE 0 END)"
        " FROM ("
        "  SELECT m.lecturer_id AS person_id, m.held_on AS d, 1 AS t, 0 AS v FROM meetings m"
        "   JOIN meeting_kinds k ON k.id = m.kind_id JOIN orgs o ON o.id = m.org_id"
        "   WHERE k.code = 'lecture' AND m.status = 'held'"
        "   AND m.lecturer_id IS NOT NULL AND m.held_on >= $1 AND m.held_on <= $2"
        "   AND o.path LIKE $6" COVERED("o", "m.lecturer_id", "m.held_on")
        "  UNION ALL SELECT a.person_id, m.held_on, 2, 0 FROM attendance a"
        "   JOIN meetings m ON m.id = a.meeting_id JOIN meeting_kinds k ON k.id = m.kind_id"
        "   JOIN orgs o ON o.id = m.org_id"
        "   WHERE k.code = 'lecture' AND m.status = 'held' AND a.status IN ('出席', '迟到')"
        "   AND m.held_on >= $1 AND m.held_on <= $2"
        "   AND o.path LIKE $6" COVERED("o", "a.person_id", "m.held_on")
        "  UNION ALL SELECT s.person_id, q.held_on, 3, s.score FROM quiz_scores s"
        "   JOIN quizzes q ON q.id = s.quiz_id JOIN orgs o ON o.id = q.org_id"
        "   WHERE q.held_on >= $1 AND q.held_on <= $2 AND q.removed_on IS NULL"
        "   AND o.path LIKE $6" COVERED("o", "s.person_id", "q.held_on")
        "  UNION ALL SELECT r.person_id, r.studied_on, 4, r.hours FROM study_records r"
        "   WHERE r.studied_on >= $1 AND r.studied_on <= $2"
        " ) x JOIN people p ON p.id = x.person_id"
        " LEFT JOIN memberships ms ON ms.person_id = x.person_id AND ms.start_on <= x.d"
        "   AND (ms.end_on IS NULL OR ms.end_on >= x.d)"
        " LEFT JOIN orgs b ON b.id = ms.org_id"
        " WHERE p.bureau_id = $3 AND (CAST($4 AS TEXT) IS NULL OR b.path LIKE $4)"
        " AND (CAST($5 AS BIGINT) IS NULL OR x.person_id = $5)"
        " GROUP BY x.person_id, p.name, p.staff_no, b.id, b.name"
        " ORDER BY p.staff_no, x.person_id, COALESCE(b.id, 0)",
        &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    db_bind_int(st, 3, bureau_id);
    db_bind_text(st, 4, like_of(path, like, sizeof like));
    bind_opt_int(st, 5, person_id);
    char bureau[40];
    snprintf(bureau, sizeof bureau, "/%lld/%%", (long long)bureau_id);
    db_bind_text(st, 6, bureau);
    return db_collect(st, (void **)items, count, sizeof **items, learning_from_row, err);
}

static void totals_from_row(struct dj_stmt *st, void *item)
{
    struct dj_learning_stat *s = item;
    memset(s, 0, sizeof *s);
    s->person_id = db_int(st, 0);
    s->lectures_given = (int)db_int(st, 1);
    s->lectures_attended = (int)db_int(st, 2);
    s->quizzes = (int)db_int(st, 3);
    s->score_sum = db_int(st, 4);
    s->study_hours = db_int(st, 5);
}

int store_learning_person_totals(struct dj_db *db, int64_t bureau_id, const char *from,
                                 const char *to, struct dj_learning_stat **items, int *count,
                                 struct dj_err *err)
{
    struct dj_stmt *st;
    /* each table grouped by person first (small results), then added up */
    int rc = db_query(
        db,
        "SELECT x.person_id, SUM(x.g), SUM(x.a), SUM(x.t), SUM(x.s), SUM(x.h) FROM ("
        "  SELECT m.lecturer_id AS person_id, COUNT(*) AS g, 0 AS a, 0 AS t, 0 AS s, 0 AS h"
        "   FROM meetings m JOIN meeting_kinds k ON k.id = m.kind_id JOIN orgs o ON o.id = m.org_id"
        "   WHERE k.code = 'lecture' AND m.status = 'held' AND m.lecturer_id IS NOT NULL"
        "   AND m.held_on >= $1 AND m.held_on <= $2 AND o.path LIKE $4"
        COVERED("o", "m.lecturer_id", "m.held_on") " GROUP BY m.lecturer_id"
        "  UNION ALL SELECT a.person_id, 0, COUNT(*), 0, 0, 0 FROM attendance a"
        "   JOIN meetings m ON m.id = a.meeting_id JOIN meeting_kinds k ON k.id = m.kind_id"
        "   JOIN orgs o ON o.id = m.org_id"
        "   WHERE k.code = 'lecture' AND m.status = 'held' AND a.status IN ('出席', '迟到')"
        "   AND m.held_on >= $1 AND m.held_on <= $2 AND o.path LIKE $4"
        COVERED("o", "a.person_id", "m.held_on") " GROUP BY a.person_id"
        "  UNION ALL SELECT sc.person_id, 0, 0, COUNT(*), SUM(sc.score), 0 FROM quiz_scores sc"
        "   JOIN quizzes q ON q.id = sc.quiz_id JOIN orgs o ON o.id = q.org_id"
        "   WHERE q.held_on >= $1 AND q.held_on <= $2 AND o.path LIKE $4 AND q.removed_on IS NULL"
        COVERED("o", "sc.person_id", "q.held_on") " GROUP BY sc.person_id"
        "  UNION ALL SELECT r.person_id, 0, 0, 0, 0, SUM(r.hours) FROM study_records r"
        "   WHERE r.bureau_id = $3 AND r.studied_on >= $1 AND r.studied_on <= $2 GROUP BY r.person_id"
        " ) x JOIN people p ON p.id = x.person_id WHERE p.bureau_id = $3"
        " GROUP BY x.person_id ORDER BY x.person_id",
        &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    db_bind_int(st, 3, bureau_id);
    char bureau[40];
    snprintf(bureau, sizeof bureau, "/%lld/%%", (long long)bureau_id);
    db_bind_text(st, 4, bureau);
    return db_collect(st, (void **)items, count, sizeof **items, totals_from_row, err);
}

int store_quiz_remove(struct dj_db *db, int64_t id, const char *day, const char *reason,
                      struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE quizzes SET removed_on = $2, removed_reason = $3, updated_at = $4"
                      " WHERE id = $1 AND removed_on IS NULL",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, day);
    db_bind_text(st, 3, reason);
    db_bind_text(st, 4, now);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ECONFLICT, "测试已移除");
}
