#include "store/screen.h"

#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

int store_screen_settings_get(struct dj_db *db, int64_t bureau_id, struct dj_screen_settings *s,
                              struct dj_err *err)
{
    memset(s, 0, sizeof *s);
    s->bureau_id = bureau_id;
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT panels, title, updated_at FROM screen_settings WHERE bureau_id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        COPY(s->panels, db_text(st, 0));
        COPY(s->title, db_text(st, 1));
        COPY(s->updated_at, db_text(st, 2));
        s->stored = true;
    }
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_screen_settings_put(struct dj_db *db, struct dj_screen_settings *s, struct dj_err *err)
{
    dj_now_rfc3339(s->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO screen_settings (bureau_id, panels, title, updated_at)"
                      " VALUES ($1, $2, $3, $4) ON CONFLICT (bureau_id) DO UPDATE SET"
                      " panels = excluded.panels, title = excluded.title, updated_at = excluded.updated_at",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->bureau_id);
    db_bind_text(st, 2, s->panels);
    db_bind_text(st, 3, s->title);
    db_bind_text(st, 4, s->updated_at);
    s->stored = true;
    return db_run(st, err);
}

int store_screen_members(struct dj_db *db, int64_t bureau_id, const char *day,
                         struct dj_screen_count **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT m.org_id, COUNT(*),"
                      " SUM(CASE WHEN p.political_status = '中共预备党员' THEN 1 ELSE 0 END)"
                      " FROM memberships m JOIN people p ON p.id = m.person_id"
                      " WHERE p.bureau_id = $1 AND p.political_status IN ('中共党员', '中共预备党员')"
                      " AND m.start_on <= $2 AND (m.end_on IS NULL OR m.end_on >= $2)"
                      " GROUP BY m.org_id ORDER BY m.org_id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, day);
    int cap = 0;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 32;
            struct dj_screen_count *n = realloc(*items, (size_t)cap * sizeof *n);
            if (!n) {
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
                break;
            }
            *items = n;
        }
        struct dj_screen_count *c = &(*items)[(*count)++];
        c->org_id = db_int(st, 0);
        c->members = db_int(st, 1);
        c->probationary = db_int(st, 2);
    }
    db_done(st);
    if (rc != DB_DONE) {
        free(*items);
        *items = NULL;
        *count = 0;
        return rc;
    }
    return 0;
}

static void point_from_row(struct dj_stmt *st, void *item)
{
    struct dj_index_point *p = item;
    p->evaluation_id = db_int(st, 0);
    COPY(p->name, db_text(st, 1));
    COPY(p->period, db_text(st, 2));
    COPY(p->last_day, db_text(st, 3));
    COPY(p->state, db_text(st, 4));
    p->total = db_int(st, 5);
    p->rank = (int)db_int(st, 6);
    p->of = (int)db_int(st, 7);
    COPY(p->star, db_text(st, 8));
    p->selected = db_int(st, 9) != 0;
}

int store_index_history(struct dj_db *db, int64_t bureau_id, const char *target, int64_t target_id,
                        struct dj_index_point **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT e.id, e.name, e.period, e.last_day, e.state, r.total, r.rank,"
                      " (SELECT COUNT(*) FROM results r2 WHERE r2.evaluation_id = e.id), r.star, r.selected"
                      " FROM results r JOIN evaluations e ON e.id = r.evaluation_id"
                      " JOIN schemes s ON s.id = e.scheme_id"
                      " WHERE e.bureau_id = $1 AND s.target = $2 AND r.target_id = $3"
                      " AND e.state IN ('notice', 'final') AND NOT EXISTS (SELECT 1 FROM evaluations n"
                      "   WHERE n.replaces_id = e.id AND n.state IN ('notice', 'final'))"
                      " ORDER BY e.last_day, e.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, target);
    db_bind_int(st, 3, target_id);
    return db_collect(st, (void **)items, count, sizeof **items, point_from_row, err);
}
