#include "store/bureaus.h"

#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

#define BUREAU_COLUMNS "b.org_id, b.code, o.name, b.status, b.plain_names, b.created_at"

static void bureau_from_row(struct dj_stmt *st, void *item)
{
    struct dj_bureau *b = item;
    memset(b, 0, sizeof *b);
    b->id = db_int(st, 0);
    COPY(b->code, db_text(st, 1));
    COPY(b->name, db_text(st, 2));
    COPY(b->status, db_text(st, 3));
    b->plain_names = db_int(st, 4) != 0;
    COPY(b->created_at, db_text(st, 5));
}

int store_bureau_insert(struct dj_db *db, const struct dj_bureau *b, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO bureaus (org_id, code, status, plain_names, created_at)"
                      " VALUES ($1, $2, $3, $4, $5)",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, b->id);
    db_bind_text(st, 2, b->code);
    db_bind_text(st, 3, *b->status ? b->status : "active");
    db_bind_int(st, 4, b->plain_names);
    db_bind_text(st, 5, now);
    rc = db_run(st, err);
    if (rc == DJ_ECONFLICT)
        return dj_err_field(err, "code", "单位代码 %s 已被使用", b->code);
    return rc;
}

static int bureau_get_where(struct dj_db *db, const char *sql, int64_t id, const char *code,
                            struct dj_bureau *out, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    if (code)
        db_bind_text(st, 1, code);
    else
        db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        bureau_from_row(st, out);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "单位不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_bureau_get(struct dj_db *db, int64_t id, struct dj_bureau *out, struct dj_err *err)
{
    return bureau_get_where(db,
                            "SELECT " BUREAU_COLUMNS " FROM bureaus b JOIN orgs o ON o.id = b.org_id"
                            " WHERE b.org_id = $1",
                            id, NULL, out, err);
}

int store_bureau_get_by_code(struct dj_db *db, const char *code, struct dj_bureau *out,
                             struct dj_err *err)
{
    return bureau_get_where(db,
                            "SELECT " BUREAU_COLUMNS " FROM bureaus b JOIN orgs o ON o.id = b.org_id"
                            " WHERE b.code = $1",
                            0, code, out, err);
}

int store_bureau_list(struct dj_db *db, struct dj_bureau **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT " BUREAU_COLUMNS " FROM bureaus b JOIN orgs o ON o.id = b.org_id"
                      " ORDER BY b.org_id",
                      &st, err);
    if (rc)
        return rc;
    return db_collect(st, (void **)items, count, sizeof **items, bureau_from_row, err);
}

int store_bureau_set_status(struct dj_db *db, int64_t id, const char *status, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE bureaus SET status = $2 WHERE org_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status);
    return db_run(st, err);
}

int store_users_with_prefix(struct dj_db *db, const char *prefix, int64_t *count, struct dj_err *err)
{
    struct dj_stmt *st;
    /* substr, not LIKE: a code's characters are no wildcards, but a dot-free
     * prefix comparison is exact whatever they are */
    int rc = db_query(db, "SELECT COUNT(*) FROM users WHERE substr(username, 1, length(CAST($1 AS TEXT))) = CAST($1 AS TEXT)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, prefix);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *count = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_bureau_end_sessions(struct dj_db *db, int64_t id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE bureau_id = $1)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return db_run(st, err);
}

static void figures_from_row(struct dj_stmt *st, void *item)
{
    struct dj_bureau_figures *f = item;
    f->bureau_id = db_int(st, 0);
    f->staff = db_int(st, 1);
    f->members = db_int(st, 2);
    f->branches = db_int(st, 3);
    f->meetings = db_int(st, 4);
    f->late_meetings = db_int(st, 5);
    f->lectures = db_int(st, 6);
    f->expected = db_int(st, 7);
    f->present = db_int(st, 8);
    f->evaluations = db_int(st, 9);
    f->accounts = db_int(st, 10);
}

int store_bureau_figures(struct dj_db *db, const char *first, const char *last,
                         struct dj_bureau_figures **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    /* each figure a correlated count over the bureau's subtree: one row per
     * bureau, computed where the data lies */
    int rc = db_query(
        db,
        "SELECT b.org_id,"
        " (SELECT COUNT(*) FROM people p WHERE p.bureau_id = b.org_id AND p.status = '在职'),"
        " (SELECT COUNT(*) FROM people p WHERE p.bureau_id = b.org_id"
        "   AND p.political_status IN ('中共党员', '中共预备党员')),"
        " (SELECT COUNT(*) FROM orgs o WHERE o.path LIKE r.path || '%' AND o.type = '党支部'"
        "   AND o.status = 'active'),"
        " (SELECT COUNT(*) FROM meetings m JOIN orgs o ON o.id = m.org_id"
        "   JOIN meeting_kinds k ON k.id = m.kind_id"
        "   WHERE m.status = 'held' AND o.path LIKE r.path || '%' AND k.code <> 'lecture' AND m.held_on BETWEEN $1 AND $2),"
        " (SELECT COUNT(*) FROM meetings m JOIN orgs o ON o.id = m.org_id"
        "   JOIN meeting_kinds k ON k.id = m.kind_id"
        "   WHERE m.status = 'held' AND o.path LIKE r.path || '%' AND k.code <> 'lecture' AND m.late_recorded = 1"
        "   AND m.held_on BETWEEN $1 AND $2),"
        " (SELECT COUNT(*) FROM meetings m JOIN orgs o ON o.id = m.org_id"
        "   JOIN meeting_kinds k ON k.id = m.kind_id"
        "   WHERE m.status = 'held' AND o.path LIKE r.path || '%' AND k.code = 'lecture' AND m.held_on BETWEEN $1 AND $2),"
        " (SELECT COUNT(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
        "   JOIN orgs o ON o.id = m.org_id JOIN meeting_kinds k ON k.id = m.kind_id"
        "   WHERE m.status = 'held' AND o.path LIKE r.path || '%' AND k.code <> 'lecture' AND a.expected = 1"
        "   AND m.held_on BETWEEN $1 AND $2),"
        " (SELECT COUNT(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
        "   JOIN orgs o ON o.id = m.org_id JOIN meeting_kinds k ON k.id = m.kind_id"
        "   WHERE m.status = 'held' AND o.path LIKE r.path || '%' AND k.code <> 'lecture' AND a.expected = 1"
        "   AND a.status IN ('出席', '迟到') AND m.held_on BETWEEN $1 AND $2),"
        " (SELECT COUNT(*) FROM evaluations e WHERE e.bureau_id = b.org_id AND e.state = 'final'"
        "   AND e.first_day BETWEEN $1 AND $2),"
        " (SELECT COUNT(*) FROM users u WHERE u.bureau_id = b.org_id)"
        " FROM bureaus b JOIN orgs r ON r.id = b.org_id ORDER BY b.org_id",
        &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, first);
    db_bind_text(st, 2, last);
    return db_collect(st, (void **)items, count, sizeof **items, figures_from_row, err);
}

static int int_or_unset(struct dj_stmt *st, int col)
{
    return db_is_null(st, col) ? -1 : (int)db_int(st, col);
}

int store_bureau_settings_get(struct dj_db *db, int64_t bureau_id, struct dj_bureau_settings *out,
                              struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    out->backfill_days = out->refuse_late = out->warning_days = out->term_warning_days = -1;
    out->notice_days = out->branch_min_members = out->branch_max_members = -1;
    out->contact_min_households = -1;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT backfill_days, refuse_late, warning_days, term_warning_days, updated_at,"
                      " notice_days, branch_min_members, branch_max_members, contact_min_households"
                      " FROM bureau_settings WHERE bureau_id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        out->backfill_days = int_or_unset(st, 0);
        out->refuse_late = int_or_unset(st, 1);
        out->warning_days = int_or_unset(st, 2);
        out->term_warning_days = int_or_unset(st, 3);
        COPY(out->updated_at, db_text(st, 4));
        out->notice_days = int_or_unset(st, 5);
        out->branch_min_members = int_or_unset(st, 6);
        out->branch_max_members = int_or_unset(st, 7);
        out->contact_min_households = int_or_unset(st, 8);
    }
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

static void bind_int_or_null(struct dj_stmt *st, int index, int v)
{
    if (v < 0)
        db_bind_null(st, index);
    else
        db_bind_int(st, index, v);
}

int store_bureau_settings_put(struct dj_db *db, int64_t bureau_id, const struct dj_bureau_settings *s,
                              struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO bureau_settings (bureau_id, backfill_days, refuse_late, warning_days,"
                      " term_warning_days, updated_at, notice_days, branch_min_members,"
                      " branch_max_members, contact_min_households)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                      " ON CONFLICT (bureau_id) DO UPDATE SET backfill_days = excluded.backfill_days,"
                      " refuse_late = excluded.refuse_late, warning_days = excluded.warning_days,"
                      " term_warning_days = excluded.term_warning_days, updated_at = excluded.updated_at,"
                      " notice_days = excluded.notice_days,"
                      " branch_min_members = excluded.branch_min_members,"
                      " branch_max_members = excluded.branch_max_members,"
                      " contact_min_households = excluded.contact_min_households",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, bureau_id);
    bind_int_or_null(st, 2, s->backfill_days);
    bind_int_or_null(st, 3, s->refuse_late);
    bind_int_or_null(st, 4, s->warning_days);
    bind_int_or_null(st, 5, s->term_warning_days);
    db_bind_text(st, 6, now);
    bind_int_or_null(st, 7, s->notice_days);
    bind_int_or_null(st, 8, s->branch_min_members);
    bind_int_or_null(st, 9, s->branch_max_members);
    bind_int_or_null(st, 10, s->contact_min_households);
    return db_run(st, err);
}
