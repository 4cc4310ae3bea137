#include "store/study_reports.h"

#include <stdio.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

#define REPORT_SELECT                                                                             \
    "SELECT r.id, r.bureau_id, r.person_id, p.name, p.staff_no, r.studied_on, r.hours, r.mode,"    \
    " r.content, r.status, r.reason, r.decided_by, r.decided_at, r.created_at"                     \
    " FROM study_reports r JOIN people p ON p.id = r.person_id"

/* the branch filter counts membership on the day studied, as study_records do */
#define REPORT_WHERE                                                                              \
    " WHERE r.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR r.person_id = $2)"                \
    " AND (CAST($3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms"                      \
    "   JOIN orgs b ON b.id = ms.org_id WHERE ms.person_id = r.person_id"                         \
    "   AND ms.start_on <= r.studied_on AND (ms.end_on IS NULL OR ms.end_on >= r.studied_on)"     \
    "   AND b.path LIKE $3))"                                                                     \
    " AND (CAST($4 AS TEXT) IS NULL OR r.status = $4)"                                            \
    " AND (CAST($5 AS TEXT) IS NULL OR r.studied_on >= $5)"                                       \
    " AND (CAST($6 AS TEXT) IS NULL OR r.studied_on <= $6)"

static void report_from_row(struct dj_stmt *st, void *item)
{
    struct dj_study_report *r = item;
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
    COPY(r->status, db_text(st, 9));
    COPY(r->reason, db_text(st, 10));
    r->decided_by = db_is_null(st, 11) ? 0 : db_int(st, 11);
    COPY(r->decided_at, db_text(st, 12));
    COPY(r->created_at, db_text(st, 13));
}

static void bind_filter(struct dj_stmt *st, const struct dj_study_report_filter *f, char *like,
                        size_t size)
{
    db_bind_int(st, 1, f->bureau_id);
    if (f->person_id)
        db_bind_int(st, 2, f->person_id);
    else
        db_bind_null(st, 2);
    if (f->branch_path && *f->branch_path) {
        snprintf(like, size, "%s%%", f->branch_path);
        db_bind_text(st, 3, like);
    } else {
        db_bind_null(st, 3);
    }
    db_bind_text(st, 4, f->status && *f->status ? f->status : NULL);
    db_bind_text(st, 5, f->from && *f->from ? f->from : NULL);
    db_bind_text(st, 6, f->to && *f->to ? f->to : NULL);
}

int store_study_report_list(struct dj_db *db, const struct dj_study_report_filter *f,
                            struct dj_study_report **items, int *count, int64_t *total,
                            struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    *total = 0;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM study_reports r" REPORT_WHERE, &st, err);
    if (rc)
        return rc;
    bind_filter(st, f, like, sizeof like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    /* pending first (what waits for a decision), then the newest */
    if ((rc = db_query(db,
                       REPORT_SELECT REPORT_WHERE
                       " ORDER BY CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END,"
                       " r.studied_on DESC, r.id DESC LIMIT $7 OFFSET $8",
                       &st, err)))
        return rc;
    bind_filter(st, f, like, sizeof like);
    db_bind_int(st, 7, f->limit);
    db_bind_int(st, 8, f->offset);
    return db_collect(st, (void **)items, count, sizeof **items, report_from_row, err);
}

int store_study_report_get(struct dj_db *db, int64_t id, struct dj_study_report *r,
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
        return dj_err_set(err, DJ_ENOTFOUND, "学时申报不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_study_report_insert(struct dj_db *db, struct dj_study_report *r, struct dj_err *err)
{
    if (!*r->created_at) /* the demo gives its own */
        dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO study_reports (bureau_id, person_id, studied_on, hours, mode,"
                      " content, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)"
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
    db_bind_text(st, 7, r->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        r->id = db_int(st, 0);
    db_done(st);
    COPY(r->status, "pending");
    return rc == DB_ROW ? 0 : rc;
}

int store_study_report_decide(struct dj_db *db, struct dj_study_report *r, struct dj_err *err)
{
    if (!*r->decided_at) /* the demo gives its own */
        dj_now_rfc3339(r->decided_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE study_reports SET status = $1, reason = $2, decided_by = $3,"
                      " decided_at = $4 WHERE id = $5 AND status = 'pending' RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, r->status);
    db_bind_text(st, 2, r->reason);
    if (r->decided_by)
        db_bind_int(st, 3, r->decided_by);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, r->decided_at);
    db_bind_int(st, 5, r->id);
    rc = db_step(st, err);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ECONFLICT, "这条申报已经审批过了");
    return rc == DB_ROW ? 0 : rc;
}
