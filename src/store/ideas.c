#include "store/ideas.h"

#include <stdio.h>
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
    db_bind_text(st, i, s && *s ? s : NULL);
}

/* "%q%" for LIKE, or NULL */
static const char *contains(const char *q, char *buf, size_t size)
{
    if (!q || !*q)
        return NULL;
    snprintf(buf, size, "%%%s%%", q);
    return buf;
}

typedef int (*bind_fn)(struct dj_stmt *st, const struct dj_idea_filter *f, const char *like);

/* One page of a list: the count, then the rows (limit and offset bound after
 * the filter's parameters). */
static int page(struct dj_db *db, const char *count_sql, const char *rows_sql, bind_fn bind,
                const struct dj_idea_filter *f, void **items, int *count, size_t elem, db_row_fn from_row,
                int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[300];
    const char *l = contains(f->q, like, sizeof like);
    struct dj_stmt *st;
    int rc = db_query(db, count_sql, &st, err);
    if (rc)
        return rc;
    bind(st, f, l);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db, rows_sql, &st, err)))
        return rc;
    int n = bind(st, f, l);
    db_bind_int(st, n + 1, f->limit);
    db_bind_int(st, n + 2, f->offset);
    return db_collect(st, items, count, elem, from_row, err);
}

static int get_one(struct dj_db *db, const char *sql, int64_t id, void *out, db_row_fn from_row,
                   const char *missing, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        from_row(st, out);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "%s", missing);
    return rc == DB_ROW ? 0 : rc;
}

static int insert_id(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

/* An UPDATE already bound that must change one row, else DJ_ECONFLICT. */
static int update_one(struct dj_db *db, struct dj_stmt *st, const char *conflict, struct dj_err *err)
{
    int rc = db_run(st, err);
    if (rc)
        return rc;
    return db_changes(db) == 1 ? 0 : dj_err_set(err, DJ_ECONFLICT, "%s", conflict);
}

/* the name of the person's current branch */
#define BRANCH_NAME(col)                                                                         \
    "COALESCE((SELECT b.name FROM memberships ms JOIN orgs b ON b.id = ms.org_id"                \
    " WHERE ms.person_id = " col " AND ms.end_on IS NULL ORDER BY ms.id DESC LIMIT 1), '')"

/* ---- topics ---- */

#define TOPIC_SELECT                                                                             \
    "SELECT t.id, t.bureau_id, COALESCE(t.leader_id, 0), COALESCE(p.name, ''), t.title,"         \
    " t.description, t.opened_on, t.deadline,"                                                   \
    " (SELECT COUNT(*) FROM suggestions s WHERE s.topic_id = t.id),"                              \
    " (SELECT COUNT(*) FROM suggestions s WHERE s.topic_id = t.id AND s.decision = 'adopted'),"   \
    " t.created_at FROM suggestion_topics t LEFT JOIN people p ON p.id = t.leader_id"
#define TOPIC_WHERE                                                                              \
    " WHERE t.bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR t.opened_on >= $2)"                \
    " AND (CAST($3 AS TEXT) IS NULL OR t.opened_on <= $3)"                                       \
    " AND (CAST($4 AS TEXT) IS NULL OR t.title LIKE $4)"

static void topic_from_row(struct dj_stmt *st, void *item)
{
    struct dj_topic *t = item;
    memset(t, 0, sizeof *t);
    t->id = db_int(st, 0);
    t->bureau_id = db_int(st, 1);
    t->leader_id = db_int(st, 2);
    COPY(t->leader_name, db_text(st, 3));
    COPY(t->title, db_text(st, 4));
    COPY(t->description, db_text(st, 5));
    COPY(t->opened_on, db_text(st, 6));
    COPY(t->deadline, db_text(st, 7));
    t->suggestions = db_int(st, 8);
    t->adopted = db_int(st, 9);
    COPY(t->created_at, db_text(st, 10));
}

static int bind_topics(struct dj_stmt *st, const struct dj_idea_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_text(st, 2, f->from);
    bind_opt_text(st, 3, f->to);
    db_bind_text(st, 4, like);
    return 4;
}

int store_topic_list(struct dj_db *db, const struct dj_idea_filter *f, struct dj_topic **items, int *count,
                     int64_t *total, struct dj_err *err)
{
    return page(db, "SELECT COUNT(*) FROM suggestion_topics t" TOPIC_WHERE,
                TOPIC_SELECT TOPIC_WHERE " ORDER BY t.opened_on DESC, t.id DESC LIMIT $5 OFFSET $6", bind_topics,
                f, (void **)items, count, sizeof **items, topic_from_row, total, err);
}

int store_topic_get(struct dj_db *db, int64_t id, struct dj_topic *t, struct dj_err *err)
{
    return get_one(db, TOPIC_SELECT " WHERE t.id = $1", id, t, topic_from_row, "题目不存在", err);
}

int store_topic_insert(struct dj_db *db, struct dj_topic *t, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(t->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO suggestion_topics (bureau_id, title, description, leader_id, opened_on,"
                      " deadline, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, t->bureau_id);
    db_bind_text(st, 2, t->title);
    db_bind_text(st, 3, t->description);
    bind_opt_int(st, 4, t->leader_id);
    db_bind_text(st, 5, t->opened_on);
    db_bind_text(st, 6, t->deadline);
    bind_opt_int(st, 7, by);
    db_bind_text(st, 8, t->created_at);
    return insert_id(st, &t->id, err);
}

/* ---- suggestions ---- */

#define SUGGESTION_SELECT                                                                        \
    "SELECT s.id, s.bureau_id, COALESCE(s.topic_id, 0), s.person_id, COALESCE(s.department_id, 0),"  \
    " COALESCE(s.merged_into, 0), COALESCE(s.task_id, 0), COALESCE(t.title, ''), p.name, p.staff_no," \
    " COALESCE(d.name, ''), " BRANCH_NAME("s.person_id") ", s.title, s.content, s.submitted_on,"  \
    " COALESCE(s.decision, ''), s.reason, s.decided_on, COALESCE(k.title, ''), s.created_at"     \
    " FROM suggestions s JOIN people p ON p.id = s.person_id"                                    \
    " LEFT JOIN suggestion_topics t ON t.id = s.topic_id"                                        \
    " LEFT JOIN departments d ON d.id = s.department_id LEFT JOIN tasks k ON k.id = s.task_id"
#define SUGGESTION_WHERE                                                                         \
    " WHERE s.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR s.person_id = $2)"               \
    " AND (CAST($3 AS BIGINT) IS NULL OR s.topic_id = $3)"                                       \
    " AND (CAST($4 AS BIGINT) IS NULL OR s.task_id = $4)"                                        \
    " AND (CAST($5 AS TEXT) IS NULL OR (CAST($5 AS TEXT) = 'pending' AND s.decision IS NULL)"     \
    "   OR s.decision = $5)"                                                                     \
    " AND (CAST($6 AS TEXT) IS NULL OR s.submitted_on >= $6)"                                    \
    " AND (CAST($7 AS TEXT) IS NULL OR s.submitted_on <= $7)"                                    \
    " AND (CAST($8 AS TEXT) IS NULL OR s.title LIKE $8 OR s.content LIKE $8)"

static void suggestion_from_row(struct dj_stmt *st, void *item)
{
    struct dj_suggestion *s = item;
    memset(s, 0, sizeof *s);
    s->id = db_int(st, 0);
    s->bureau_id = db_int(st, 1);
    s->topic_id = db_int(st, 2);
    s->person_id = db_int(st, 3);
    s->department_id = db_int(st, 4);
    s->merged_into = db_int(st, 5);
    s->task_id = db_int(st, 6);
    COPY(s->topic_title, db_text(st, 7));
    COPY(s->person_name, db_text(st, 8));
    COPY(s->staff_no, db_text(st, 9));
    COPY(s->department_name, db_text(st, 10));
    COPY(s->branch_name, db_text(st, 11));
    COPY(s->title, db_text(st, 12));
    COPY(s->content, db_text(st, 13));
    COPY(s->submitted_on, db_text(st, 14));
    COPY(s->decision, db_text(st, 15));
    COPY(s->reason, db_text(st, 16));
    COPY(s->decided_on, db_text(st, 17));
    COPY(s->task_title, db_text(st, 18));
    COPY(s->created_at, db_text(st, 19));
}

static int bind_suggestions(struct dj_stmt *st, const struct dj_idea_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    bind_opt_int(st, 3, f->topic_id);
    bind_opt_int(st, 4, f->task_id);
    bind_opt_text(st, 5, f->status);
    bind_opt_text(st, 6, f->from);
    bind_opt_text(st, 7, f->to);
    db_bind_text(st, 8, like);
    return 8;
}

int store_suggestion_list(struct dj_db *db, const struct dj_idea_filter *f, struct dj_suggestion **items,
                          int *count, int64_t *total, struct dj_err *err)
{
    return page(db, "SELECT COUNT(*) FROM suggestions s" SUGGESTION_WHERE,
                SUGGESTION_SELECT SUGGESTION_WHERE " ORDER BY s.submitted_on DESC, s.id DESC LIMIT $9 OFFSET $10",
                bind_suggestions, f, (void **)items, count, sizeof **items, suggestion_from_row, total, err);
}

int store_suggestion_get(struct dj_db *db, int64_t id, struct dj_suggestion *s, struct dj_err *err)
{
    return get_one(db, SUGGESTION_SELECT " WHERE s.id = $1", id, s, suggestion_from_row, "建议不存在", err);
}

int store_suggestion_insert(struct dj_db *db, struct dj_suggestion *s, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(s->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO suggestions (bureau_id, topic_id, person_id, department_id, title, content,"
                      " submitted_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->bureau_id);
    bind_opt_int(st, 2, s->topic_id);
    db_bind_int(st, 3, s->person_id);
    bind_opt_int(st, 4, s->department_id);
    db_bind_text(st, 5, s->title);
    db_bind_text(st, 6, s->content);
    db_bind_text(st, 7, s->submitted_on);
    bind_opt_int(st, 8, by);
    db_bind_text(st, 9, s->created_at);
    return insert_id(st, &s->id, err);
}

int store_suggestion_decide(struct dj_db *db, const struct dj_suggestion *s, int64_t by, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE suggestions SET decision = $2, reason = $3, merged_into = $4, decided_on = $5,"
                      " decided_by = $6 WHERE id = $1 AND decision IS NULL",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->id);
    db_bind_text(st, 2, s->decision);
    db_bind_text(st, 3, s->reason);
    bind_opt_int(st, 4, s->merged_into);
    db_bind_text(st, 5, s->decided_on);
    bind_opt_int(st, 6, by);
    return update_one(db, st, "此建议已经处理", err);
}

int store_suggestion_set_task(struct dj_db *db, int64_t id, int64_t task_id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE suggestions SET task_id = $2 WHERE id = $1 AND task_id IS NULL", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, task_id);
    return update_one(db, st, "此建议已有落实任务", err);
}

int store_suggestion_of_task(struct dj_db *db, int64_t task_id, int64_t *id, char *title, size_t size,
                             struct dj_err *err)
{
    *id = 0;
    *title = '\0';
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT id, title FROM suggestions WHERE task_id = $1 ORDER BY id LIMIT 1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, task_id);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        *id = db_int(st, 0);
        dj_copy(title, size, db_text(st, 1));
    }
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* ---- mottos ---- */

#define MOTTO_SELECT                                                                             \
    "SELECT m.id, m.bureau_id, m.person_id, p.name, " BRANCH_NAME("m.person_id") ", m.text,"      \
    " m.submitted_on, m.status, m.reviewed_on, m.review_note, m.created_at"                      \
    " FROM mottos m JOIN people p ON p.id = m.person_id"
#define MOTTO_WHERE                                                                              \
    " WHERE m.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR m.person_id = $2)"               \
    " AND (CAST($3 AS TEXT) IS NULL OR m.status = $3)"                                           \
    " AND ($4 = 1 OR m.status = 'approved' OR m.person_id = $5)"                                 \
    " AND (CAST($6 AS TEXT) IS NULL OR m.text LIKE $6)"                                          \
    " AND (CAST($7 AS TEXT) IS NULL OR m.submitted_on >= $7)"                                    \
    " AND (CAST($8 AS TEXT) IS NULL OR m.submitted_on <= $8)"

static void motto_from_row(struct dj_stmt *st, void *item)
{
    struct dj_motto *m = item;
    memset(m, 0, sizeof *m);
    m->id = db_int(st, 0);
    m->bureau_id = db_int(st, 1);
    m->person_id = db_int(st, 2);
    COPY(m->person_name, db_text(st, 3));
    COPY(m->branch_name, db_text(st, 4));
    COPY(m->text, db_text(st, 5));
    COPY(m->submitted_on, db_text(st, 6));
    COPY(m->status, db_text(st, 7));
    COPY(m->reviewed_on, db_text(st, 8));
    COPY(m->review_note, db_text(st, 9));
    COPY(m->created_at, db_text(st, 10));
}

static int bind_mottos(struct dj_stmt *st, const struct dj_idea_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    bind_opt_text(st, 3, f->status);
    db_bind_int(st, 4, f->all_status ? 1 : 0);
    db_bind_int(st, 5, f->own_id);
    db_bind_text(st, 6, like);
    bind_opt_text(st, 7, f->from);
    bind_opt_text(st, 8, f->to);
    return 8;
}

int store_motto_list(struct dj_db *db, const struct dj_idea_filter *f, struct dj_motto **items, int *count,
                     int64_t *total, struct dj_err *err)
{
    return page(db, "SELECT COUNT(*) FROM mottos m" MOTTO_WHERE,
                MOTTO_SELECT MOTTO_WHERE " ORDER BY m.submitted_on DESC, m.id DESC LIMIT $9 OFFSET $10",
                bind_mottos, f, (void **)items, count, sizeof **items, motto_from_row, total, err);
}

int store_motto_get(struct dj_db *db, int64_t id, struct dj_motto *m, struct dj_err *err)
{
    return get_one(db, MOTTO_SELECT " WHERE m.id = $1", id, m, motto_from_row, "格言不存在", err);
}

int store_motto_insert(struct dj_db *db, struct dj_motto *m, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(m->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO mottos (bureau_id, person_id, text, submitted_on, status, created_by,"
                      " created_at) VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, m->bureau_id);
    db_bind_int(st, 2, m->person_id);
    db_bind_text(st, 3, m->text);
    db_bind_text(st, 4, m->submitted_on);
    bind_opt_int(st, 5, by);
    db_bind_text(st, 6, m->created_at);
    return insert_id(st, &m->id, err);
}

int store_motto_review(struct dj_db *db, const struct dj_motto *m, int64_t by, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE mottos SET status = $2, reviewed_on = $3, review_note = $4, reviewed_by = $5"
                      " WHERE id = $1 AND status = 'pending'",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, m->id);
    db_bind_text(st, 2, m->status);
    db_bind_text(st, 3, m->reviewed_on);
    db_bind_text(st, 4, m->review_note);
    bind_opt_int(st, 5, by);
    return update_one(db, st, "此格言已经审核", err);
}

static void approval_from_row(struct dj_stmt *st, void *item)
{
    struct dj_motto_approval *a = item;
    memset(a, 0, sizeof *a);
    a->id = db_int(st, 0);
    COPY(a->reviewed_on, db_text(st, 1));
}

int store_motto_approvals(struct dj_db *db, int64_t bureau_id, const char *before_day,
                          struct dj_motto_approval **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT id, reviewed_on FROM mottos WHERE bureau_id = $1 AND status = 'approved'"
                      " AND reviewed_on < $2 ORDER BY reviewed_on, id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, before_day);
    return db_collect(st, (void **)items, count, sizeof **items, approval_from_row, err);
}

/* ---- what is counted ---- */

int store_idea_stats(struct dj_db *db, int64_t bureau_id, const char *branch_path, const char *first,
                     const char *last, struct dj_idea_stats *s, struct dj_err *err)
{
    /* $1 bureau, $2 first day, $3 last day, $4 branch LIKE (people by their current branch) */
#define UNDER(col)                                                                               \
    " AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms JOIN orgs b"         \
    " ON b.id = ms.org_id WHERE ms.person_id = " col " AND ms.end_on IS NULL AND b.path LIKE $4))"
#define MADE " FROM suggestions s WHERE s.bureau_id = $1 AND s.submitted_on BETWEEN $2 AND $3"
    static const char sql[] =
        "SELECT"
        " (SELECT COUNT(*) FROM suggestion_topics t WHERE t.bureau_id = $1 AND t.opened_on BETWEEN $2 AND $3),"
        " (SELECT COUNT(*)" MADE UNDER("s.person_id") "),"
        " (SELECT COUNT(*)" MADE " AND s.decision = 'adopted'" UNDER("s.person_id") "),"
        " (SELECT COUNT(*)" MADE " AND s.decision = 'merged'" UNDER("s.person_id") "),"
        " (SELECT COUNT(*)" MADE " AND s.decision = 'declined'" UNDER("s.person_id") "),"
        " (SELECT COUNT(*)" MADE " AND s.task_id IS NOT NULL" UNDER("s.person_id") "),"
        " (SELECT COUNT(*) FROM mottos m WHERE m.bureau_id = $1 AND m.status = 'approved'"
        "   AND m.reviewed_on BETWEEN $2 AND $3" UNDER("m.person_id") ")";
#undef MADE
#undef UNDER
    char like[200];
    memset(s, 0, sizeof *s);
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    if (branch_path && *branch_path)
        snprintf(like, sizeof like, "%s%%", branch_path);
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    db_bind_text(st, 4, branch_path && *branch_path ? like : NULL);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        s->topics = db_int(st, 0);
        s->suggestions = db_int(st, 1);
        s->adopted = db_int(st, 2);
        s->merged = db_int(st, 3);
        s->declined = db_int(st, 4);
        s->tasks = db_int(st, 5);
        s->mottos_approved = db_int(st, 6);
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

static void fact_from_row(struct dj_stmt *st, void *item)
{
    struct dj_suggestion_fact *f = item;
    memset(f, 0, sizeof *f);
    f->id = db_int(st, 0);
    f->person_id = db_int(st, 1);
    f->branch_id = db_int(st, 2);
    COPY(f->submitted_on, db_text(st, 3));
    COPY(f->title, db_text(st, 4));
    COPY(f->decision, db_text(st, 5));
}

int store_suggestion_facts(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                           struct dj_suggestion_fact **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT s.id, s.person_id, COALESCE((SELECT ms.org_id FROM memberships ms"
                      "   WHERE ms.person_id = s.person_id AND ms.start_on <= s.submitted_on"
                      "   AND (ms.end_on IS NULL OR ms.end_on >= s.submitted_on) ORDER BY ms.id DESC LIMIT 1), 0),"
                      " s.submitted_on, s.title, COALESCE(s.decision, '')"
                      " FROM suggestions s WHERE s.bureau_id = $1 AND s.submitted_on BETWEEN $2 AND $3"
                      " ORDER BY s.submitted_on, s.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    return db_collect(st, (void **)items, count, sizeof **items, fact_from_row, err);
}
