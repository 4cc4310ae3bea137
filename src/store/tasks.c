#include "store/tasks.h"

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

/* ---- tasks ---- */

#define TASK_SELECT                                                                              \
    "SELECT t.id, t.bureau_id, t.org_id, o.name, o.type, o.path, t.year, t.title, t.description," \
    " t.line, t.kind, COALESCE(t.owner_person_id, 0), COALESCE(p.name, ''),"                      \
    " COALESCE(t.owner_department_id, 0), COALESCE(d.name, ''), t.start_on, t.due_on, t.weight,"  \
    " t.milestones, t.public, t.percent, COALESCE(t.done_on, ''),"                                \
    " COALESCE(t.last_reported_on, ''), t.created_at, t.updated_at"                              \
    " FROM tasks t JOIN orgs o ON o.id = t.org_id"                                                \
    " LEFT JOIN people p ON p.id = t.owner_person_id"                                             \
    " LEFT JOIN departments d ON d.id = t.owner_department_id"

static void task_from_row(struct dj_stmt *st, void *item)
{
    struct dj_task *t = item;
    memset(t, 0, sizeof *t);
    t->id = db_int(st, 0);
    t->bureau_id = db_int(st, 1);
    t->org_id = db_int(st, 2);
    COPY(t->org_name, db_text(st, 3));
    COPY(t->org_type, db_text(st, 4));
    COPY(t->org_path, db_text(st, 5));
    t->year = (int)db_int(st, 6);
    COPY(t->title, db_text(st, 7));
    COPY(t->description, db_text(st, 8));
    COPY(t->line, db_text(st, 9));
    COPY(t->kind, db_text(st, 10));
    t->owner_person_id = db_int(st, 11);
    COPY(t->owner_name, db_text(st, 12));
    t->owner_department_id = db_int(st, 13);
    COPY(t->owner_department_name, db_text(st, 14));
    COPY(t->start_on, db_text(st, 15));
    COPY(t->due_on, db_text(st, 16));
    t->weight = (int)db_int(st, 17);
    COPY(t->milestones, db_text(st, 18));
    t->public = db_int(st, 19) != 0;
    t->percent = (int)db_int(st, 20);
    COPY(t->done_on, db_text(st, 21));
    COPY(t->last_reported_on, db_text(st, 22));
    COPY(t->created_at, db_text(st, 23));
    COPY(t->updated_at, db_text(st, 24));
}

int store_tasks_list(struct dj_db *db, const struct dj_task_filter *f, struct dj_task **items,
                     int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[300], scope[300];
    struct dj_stmt *st;
    int rc = db_query(db,
                      TASK_SELECT " WHERE t.bureau_id = $1"
                                  " AND (CAST($2 AS BIGINT) IS NULL OR t.org_id = $2)"
                                  " AND (CAST($3 AS TEXT) IS NULL OR o.path LIKE $3)"
                                  " AND (CAST($4 AS BIGINT) IS NULL OR t.year = $4)"
                                  " AND (CAST($5 AS TEXT) IS NULL OR t.line = $5)"
                                  " AND (CAST($6 AS TEXT) IS NULL OR t.kind = $6)"
                                  " AND (CAST($7 AS BIGINT) IS NULL OR t.owner_person_id = $7)"
                                  " AND (t.public = 1 OR $8 = 1 OR o.path LIKE $9"
                                  "      OR t.owner_person_id = $10)"
                                  " AND (CAST($11 AS TEXT) IS NULL OR t.due_on >= $11)"
                                  " AND (CAST($12 AS TEXT) IS NULL OR t.due_on <= $12)"
                                  " ORDER BY t.due_on, t.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->org_id);
    db_bind_text(st, 3, like_of(f->org_path, like, sizeof like));
    bind_opt_int(st, 4, f->year);
    bind_opt_text(st, 5, f->line);
    bind_opt_text(st, 6, f->kind);
    bind_opt_int(st, 7, f->owner_person_id);
    db_bind_int(st, 8, f->see_all ? 1 : 0);
    /* no scope: a pattern no path matches */
    db_bind_text(st, 9, f->scope_path ? like_of(f->scope_path, scope, sizeof scope) : "-");
    db_bind_int(st, 10, f->viewer_person_id ? f->viewer_person_id : -1);
    bind_opt_text(st, 11, f->due_from);
    bind_opt_text(st, 12, f->due_to);
    return db_collect(st, (void **)items, count, sizeof **items, task_from_row, err);
}

int store_task_get(struct dj_db *db, int64_t id, struct dj_task *t, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, TASK_SELECT " WHERE t.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        task_from_row(st, t);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "任务不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void bind_task(struct dj_stmt *st, const struct dj_task *t)
{
    db_bind_int(st, 1, t->org_id);
    db_bind_int(st, 2, t->year);
    db_bind_text(st, 3, t->title);
    db_bind_text(st, 4, t->description);
    db_bind_text(st, 5, t->line);
    db_bind_text(st, 6, t->kind);
    bind_opt_int(st, 7, t->owner_person_id);
    bind_opt_int(st, 8, t->owner_department_id);
    db_bind_text(st, 9, t->start_on);
    db_bind_text(st, 10, t->due_on);
    db_bind_int(st, 11, t->weight);
    db_bind_text(st, 12, t->milestones);
    db_bind_int(st, 13, t->public ? 1 : 0);
    db_bind_text(st, 14, t->updated_at);
}

int store_task_insert(struct dj_db *db, struct dj_task *t, int64_t created_by, struct dj_err *err)
{
    dj_now_rfc3339(t->created_at);
    COPY(t->updated_at, t->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO tasks (org_id, year, title, description, line, kind,"
                      " owner_person_id, owner_department_id, start_on, due_on, weight, milestones,"
                      " public, updated_at, bureau_id, percent, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
                      " $16, $17, $14) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    bind_task(st, t);
    db_bind_int(st, 15, t->bureau_id);
    db_bind_int(st, 16, t->percent);
    bind_opt_int(st, 17, created_by);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        t->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_task_update(struct dj_db *db, struct dj_task *t, struct dj_err *err)
{
    dj_now_rfc3339(t->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE tasks SET org_id = $1, year = $2, title = $3, description = $4,"
                      " line = $5, kind = $6, owner_person_id = $7, owner_department_id = $8,"
                      " start_on = $9, due_on = $10, weight = $11, milestones = $12, public = $13,"
                      " updated_at = $14 WHERE id = $15",
                      &st, err);
    if (rc)
        return rc;
    bind_task(st, t);
    db_bind_int(st, 15, t->id);
    return db_run(st, err);
}

int store_task_set_progress(struct dj_db *db, int64_t id, int percent, const char *done_on,
                            const char *reported_on, struct dj_err *err)
{
    char now[32];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE tasks SET percent = $1, done_on = $2, last_reported_on = $3,"
                      " updated_at = $4 WHERE id = $5",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, percent);
    bind_opt_text(st, 2, done_on);
    bind_opt_text(st, 3, reported_on);
    db_bind_text(st, 4, now);
    db_bind_int(st, 5, id);
    return db_run(st, err);
}

/* ---- reports ---- */

#define REPORT_SELECT                                                                           \
    "SELECT r.id, r.bureau_id, r.task_id, r.percent, r.note, r.reported_on,"                    \
    " COALESCE(r.reported_by, 0), COALESCE(u.display_name, ''), r.created_at"                  \
    " FROM task_reports r LEFT JOIN users u ON u.id = r.reported_by"

static void report_from_row(struct dj_stmt *st, void *item)
{
    struct dj_task_report *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->task_id = db_int(st, 2);
    r->percent = (int)db_int(st, 3);
    COPY(r->note, db_text(st, 4));
    COPY(r->reported_on, db_text(st, 5));
    r->reported_by = db_int(st, 6);
    COPY(r->reporter_name, db_text(st, 7));
    COPY(r->created_at, db_text(st, 8));
}

int store_task_reports(struct dj_db *db, int64_t task_id, struct dj_task_report **items,
                       int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, REPORT_SELECT " WHERE r.task_id = $1 ORDER BY r.reported_on DESC, r.id DESC",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, task_id);
    return db_collect(st, (void **)items, count, sizeof **items, report_from_row, err);
}

int store_task_report_get(struct dj_db *db, int64_t id, struct dj_task_report *r,
                          struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, REPORT_SELECT " WHERE r.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        report_from_row(st, r);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "进度报告不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_task_report_insert(struct dj_db *db, struct dj_task_report *r, struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO task_reports (bureau_id, task_id, percent, note, reported_on,"
                      " reported_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->task_id);
    db_bind_int(st, 3, r->percent);
    db_bind_text(st, 4, r->note);
    db_bind_text(st, 5, r->reported_on);
    bind_opt_int(st, 6, r->reported_by);
    db_bind_text(st, 7, r->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        r->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

/* ---- rectifications ---- */

#define RECT_SELECT                                                                              \
    "SELECT r.id, r.bureau_id, r.org_id, o.name, o.path, r.source, r.problem, r.owner_person_id," \
    " p.name, r.measures, r.found_on, r.due_on, COALESCE(r.closed_on, ''),"                       \
    " COALESCE(r.closed_by, 0), COALESCE(u.display_name, ''), r.close_note, r.reopened,"          \
    " COALESCE(r.created_by, 0), r.created_at, r.updated_at"                                      \
    " FROM rectifications r JOIN orgs o ON o.id = r.org_id"                                       \
    " JOIN people p ON p.id = r.owner_person_id LEFT JOIN users u ON u.id = r.closed_by"

static void rect_from_row(struct dj_stmt *st, void *item)
{
    struct dj_rectification *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->org_id = db_int(st, 2);
    COPY(r->org_name, db_text(st, 3));
    COPY(r->org_path, db_text(st, 4));
    COPY(r->source, db_text(st, 5));
    COPY(r->problem, db_text(st, 6));
    r->owner_person_id = db_int(st, 7);
    COPY(r->owner_name, db_text(st, 8));
    COPY(r->measures, db_text(st, 9));
    COPY(r->found_on, db_text(st, 10));
    COPY(r->due_on, db_text(st, 11));
    COPY(r->closed_on, db_text(st, 12));
    r->closed_by = db_int(st, 13);
    COPY(r->closed_by_name, db_text(st, 14));
    COPY(r->close_note, db_text(st, 15));
    r->reopened = (int)db_int(st, 16);
    r->created_by = db_int(st, 17);
    COPY(r->created_at, db_text(st, 18));
    COPY(r->updated_at, db_text(st, 19));
}

int store_rects_list(struct dj_db *db, const struct dj_rect_filter *f, struct dj_rectification **items,
                     int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[300];
    struct dj_stmt *st;
    int rc = db_query(db,
                      RECT_SELECT " WHERE r.bureau_id = $1"
                                  " AND (CAST($2 AS TEXT) IS NULL OR o.path LIKE $2)"
                                  " AND (CAST($3 AS BIGINT) IS NULL OR r.owner_person_id = $3)"
                                  " AND (CAST($4 AS TEXT) IS NULL OR r.source = $4)"
                                  " AND (CAST($5 AS TEXT) IS NULL OR r.due_on >= $5)"
                                  " AND (CAST($6 AS TEXT) IS NULL OR r.due_on <= $6)"
                                  " ORDER BY r.due_on, r.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, f->bureau_id);
    db_bind_text(st, 2, like_of(f->org_path, like, sizeof like));
    bind_opt_int(st, 3, f->owner_person_id);
    bind_opt_text(st, 4, f->source);
    bind_opt_text(st, 5, f->due_from);
    bind_opt_text(st, 6, f->due_to);
    return db_collect(st, (void **)items, count, sizeof **items, rect_from_row, err);
}

int store_rect_get(struct dj_db *db, int64_t id, struct dj_rectification *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, RECT_SELECT " WHERE r.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        rect_from_row(st, r);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "整改事项不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void bind_rect(struct dj_stmt *st, const struct dj_rectification *r)
{
    db_bind_text(st, 1, r->source);
    db_bind_text(st, 2, r->problem);
    db_bind_int(st, 3, r->owner_person_id);
    db_bind_text(st, 4, r->measures);
    db_bind_text(st, 5, r->found_on);
    db_bind_text(st, 6, r->due_on);
    bind_opt_text(st, 7, r->closed_on);
    bind_opt_int(st, 8, r->closed_by);
    db_bind_text(st, 9, r->close_note);
    db_bind_int(st, 10, r->reopened);
    db_bind_text(st, 11, r->updated_at);
}

int store_rect_insert(struct dj_db *db, struct dj_rectification *r, struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    COPY(r->updated_at, r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO rectifications (source, problem, owner_person_id, measures,"
                      " found_on, due_on, closed_on, closed_by, close_note, reopened, updated_at,"
                      " bureau_id, org_id, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $11)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    bind_rect(st, r);
    db_bind_int(st, 12, r->bureau_id);
    db_bind_int(st, 13, r->org_id);
    bind_opt_int(st, 14, r->created_by);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        r->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_rect_update(struct dj_db *db, struct dj_rectification *r, struct dj_err *err)
{
    dj_now_rfc3339(r->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE rectifications SET source = $1, problem = $2, owner_person_id = $3,"
                      " measures = $4, found_on = $5, due_on = $6, closed_on = $7, closed_by = $8,"
                      " close_note = $9, reopened = $10, updated_at = $11 WHERE id = $12",
                      &st, err);
    if (rc)
        return rc;
    bind_rect(st, r);
    db_bind_int(st, 12, r->id);
    return db_run(st, err);
}
