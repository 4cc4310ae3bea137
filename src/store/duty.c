#include "store/duty.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/date.h"
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

bool duty_time_valid(const char *s)
{
    if (!s || strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
        return false;
    char day[11];
    memcpy(day, s, 10);
    day[10] = '\0';
    for (int i = 11; i < 16; i++)
        if (i != 13 && !isdigit((unsigned char)s[i]))
            return false;
    int h = atoi(s + 11), m = atoi(s + 14);
    return dj_date_valid(day) && h < 24 && m < 60;
}

static int64_t minute_of(const char *s)
{
    char day[11];
    memcpy(day, s, 10);
    day[10] = '\0';
    return dj_date_days(day) * 1440 + atoi(s + 11) * 60 + atoi(s + 14);
}

int64_t duty_minutes(const char *a, const char *b)
{
    int64_t d = minute_of(b) - minute_of(a);
    return d > 0 ? d : 0;
}

static int count_and_page(struct dj_db *db, const char *count_sql, const char *rows_sql,
                          int (*bind)(struct dj_stmt *, const struct dj_duty_filter *, const char *),
                          const struct dj_duty_filter *f, void **items, int *count, size_t elem, db_row_fn from_row,
                          int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    const char *l = NULL;
    if (f->branch_path && *f->branch_path) {
        snprintf(like, sizeof like, "%s%%", f->branch_path);
        l = like;
    }
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

/* ---- rosters ---- */

#define ROSTER_SELECT                                                                            \
    "SELECT r.id, r.bureau_id, r.org_id, o.name, o.path, r.kind, r.title, r.place, r.note,"      \
    " (SELECT COUNT(*) FROM duty_shifts s WHERE s.roster_id = r.id),"                             \
    " COALESCE((SELECT MIN(s.starts_at) FROM duty_shifts s WHERE s.roster_id = r.id), ''),"       \
    " COALESCE((SELECT MAX(s.starts_at) FROM duty_shifts s WHERE s.roster_id = r.id), ''),"       \
    " r.created_at FROM duty_rosters r JOIN orgs o ON o.id = r.org_id"
#define ROSTER_WHERE                                                                             \
    " WHERE r.bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR r.kind = $2)"                      \
    " AND (CAST($3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM duty_shifts s WHERE s.roster_id = r.id" \
    "   AND s.starts_at >= $3))"                                                                 \
    " AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM duty_shifts s WHERE s.roster_id = r.id" \
    "   AND s.starts_at <= $4))"

static void roster_from_row(struct dj_stmt *st, void *item)
{
    struct dj_roster *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->org_id = db_int(st, 2);
    COPY(r->org_name, db_text(st, 3));
    COPY(r->org_path, db_text(st, 4));
    COPY(r->kind, db_text(st, 5));
    COPY(r->title, db_text(st, 6));
    COPY(r->place, db_text(st, 7));
    COPY(r->note, db_text(st, 8));
    r->shifts = db_int(st, 9);
    snprintf(r->first_day, sizeof r->first_day, "%.10s", db_text(st, 10));
    snprintf(r->last_day, sizeof r->last_day, "%.10s", db_text(st, 11));
    COPY(r->created_at, db_text(st, 12));
}

static int bind_rosters(struct dj_stmt *st, const struct dj_duty_filter *f, const char *like)
{
    (void)like;
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_text(st, 2, f->kind);
    bind_opt_text(st, 3, f->from);
    char to[20];
    if (f->to)
        snprintf(to, sizeof to, "%sT23:59", f->to);
    bind_opt_text(st, 4, f->to ? to : NULL);
    return 4;
}

int store_roster_list(struct dj_db *db, const struct dj_duty_filter *f, struct dj_roster **items, int *count,
                      int64_t *total, struct dj_err *err)
{
    return count_and_page(db, "SELECT COUNT(*) FROM duty_rosters r" ROSTER_WHERE,
                          ROSTER_SELECT ROSTER_WHERE " ORDER BY r.id DESC LIMIT $5 OFFSET $6", bind_rosters, f,
                          (void **)items, count, sizeof **items, roster_from_row, total, err);
}

int store_roster_get(struct dj_db *db, int64_t id, struct dj_roster *r, struct dj_err *err)
{
    return get_one(db, ROSTER_SELECT " WHERE r.id = $1", id, r, roster_from_row, "值班表不存在", err);
}

int store_roster_insert(struct dj_db *db, struct dj_roster *r, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO duty_rosters (bureau_id, org_id, kind, title, place, note, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->org_id);
    db_bind_text(st, 3, r->kind);
    db_bind_text(st, 4, r->title);
    db_bind_text(st, 5, r->place);
    db_bind_text(st, 6, r->note);
    bind_opt_int(st, 7, by);
    db_bind_text(st, 8, r->created_at);
    return insert_id(st, &r->id, err);
}

/* ---- shifts ---- */

#define SHIFT_SELECT                                                                             \
    "SELECT s.id, s.bureau_id, s.roster_id, s.required,"                                         \
    " (SELECT COUNT(*) FROM duty_assignments a WHERE a.shift_id = s.id), s.starts_at, s.ends_at,"  \
    " s.place, s.created_at FROM duty_shifts s"

static void shift_from_row(struct dj_stmt *st, void *item)
{
    struct dj_shift *s = item;
    memset(s, 0, sizeof *s);
    s->id = db_int(st, 0);
    s->bureau_id = db_int(st, 1);
    s->roster_id = db_int(st, 2);
    s->required = db_int(st, 3);
    s->assigned = db_int(st, 4);
    COPY(s->starts_at, db_text(st, 5));
    COPY(s->ends_at, db_text(st, 6));
    COPY(s->place, db_text(st, 7));
    COPY(s->created_at, db_text(st, 8));
}

int store_shift_list(struct dj_db *db, int64_t roster_id, struct dj_shift **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, SHIFT_SELECT " WHERE s.roster_id = $1 ORDER BY s.starts_at, s.id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, roster_id);
    return db_collect(st, (void **)items, count, sizeof **items, shift_from_row, err);
}

int store_shift_get(struct dj_db *db, int64_t id, struct dj_shift *s, struct dj_err *err)
{
    return get_one(db, SHIFT_SELECT " WHERE s.id = $1", id, s, shift_from_row, "班次不存在", err);
}

int store_shift_insert(struct dj_db *db, struct dj_shift *s, struct dj_err *err)
{
    dj_now_rfc3339(s->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO duty_shifts (bureau_id, roster_id, starts_at, ends_at, place, required, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->bureau_id);
    db_bind_int(st, 2, s->roster_id);
    db_bind_text(st, 3, s->starts_at);
    db_bind_text(st, 4, s->ends_at);
    db_bind_text(st, 5, s->place);
    db_bind_int(st, 6, s->required);
    db_bind_text(st, 7, s->created_at);
    return insert_id(st, &s->id, err);
}

/* ---- assignments ---- */

#define ASSIGNMENT_SELECT                                                                        \
    "SELECT a.id, a.bureau_id, a.shift_id, s.roster_id, a.person_id, COALESCE(a.swap_to, 0),"     \
    " COALESCE(a.swapped_from, 0), p.name, p.staff_no, COALESCE(q.name, ''), r.title, r.kind,"    \
    " o.path, s.starts_at, s.ends_at, CASE WHEN s.place = '' THEN r.place ELSE s.place END,"      \
    " a.absent, a.swap_reason, COALESCE(a.swap_status, ''), a.created_at"                         \
    " FROM duty_assignments a JOIN duty_shifts s ON s.id = a.shift_id"                            \
    " JOIN duty_rosters r ON r.id = s.roster_id JOIN orgs o ON o.id = r.org_id"                   \
    " JOIN people p ON p.id = a.person_id LEFT JOIN people q ON q.id = a.swap_to"
#define ASSIGNMENT_WHERE                                                                         \
    " WHERE a.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR a.person_id = $2)"               \
    " AND (CAST($3 AS TEXT) IS NULL OR o.path LIKE $3 OR EXISTS (SELECT 1 FROM memberships ms"   \
    "   JOIN orgs b ON b.id = ms.org_id WHERE ms.person_id = a.person_id AND ms.end_on IS NULL"  \
    "   AND b.path LIKE $3))"                                                                    \
    " AND (CAST($4 AS BIGINT) IS NULL OR s.roster_id = $4)"                                      \
    " AND (CAST($5 AS TEXT) IS NULL OR s.starts_at >= $5)"                                       \
    " AND (CAST($6 AS TEXT) IS NULL OR s.starts_at <= $6)"                                       \
    " AND (CAST($7 AS TEXT) IS NULL OR a.swap_status = $7)"
#define ASSIGNMENT_FROM                                                                          \
    " FROM duty_assignments a JOIN duty_shifts s ON s.id = a.shift_id"                            \
    " JOIN duty_rosters r ON r.id = s.roster_id JOIN orgs o ON o.id = r.org_id"

static void assignment_from_row(struct dj_stmt *st, void *item)
{
    struct dj_assignment *a = item;
    memset(a, 0, sizeof *a);
    a->id = db_int(st, 0);
    a->bureau_id = db_int(st, 1);
    a->shift_id = db_int(st, 2);
    a->roster_id = db_int(st, 3);
    a->person_id = db_int(st, 4);
    a->swap_to = db_int(st, 5);
    a->swapped_from = db_int(st, 6);
    COPY(a->person_name, db_text(st, 7));
    COPY(a->staff_no, db_text(st, 8));
    COPY(a->swap_to_name, db_text(st, 9));
    COPY(a->roster_title, db_text(st, 10));
    COPY(a->roster_kind, db_text(st, 11));
    COPY(a->org_path, db_text(st, 12));
    COPY(a->starts_at, db_text(st, 13));
    COPY(a->ends_at, db_text(st, 14));
    COPY(a->place, db_text(st, 15));
    a->absent = db_int(st, 16) != 0;
    COPY(a->swap_reason, db_text(st, 17));
    COPY(a->swap_status, db_text(st, 18));
    COPY(a->created_at, db_text(st, 19));
}

static int bind_assignments(struct dj_stmt *st, const struct dj_duty_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    db_bind_text(st, 3, like);
    bind_opt_int(st, 4, f->roster_id);
    bind_opt_text(st, 5, f->from);
    char to[20];
    if (f->to)
        snprintf(to, sizeof to, "%sT23:59", f->to);
    bind_opt_text(st, 6, f->to ? to : NULL);
    bind_opt_text(st, 7, f->swap_status);
    return 7;
}

int store_assignment_list(struct dj_db *db, const struct dj_duty_filter *f, struct dj_assignment **items,
                          int *count, int64_t *total, struct dj_err *err)
{
    return count_and_page(db, "SELECT COUNT(*)" ASSIGNMENT_FROM ASSIGNMENT_WHERE,
                          ASSIGNMENT_SELECT ASSIGNMENT_WHERE " ORDER BY s.starts_at, s.id, a.id LIMIT $8 OFFSET $9",
                          bind_assignments, f, (void **)items, count, sizeof **items, assignment_from_row, total,
                          err);
}

int store_assignment_get(struct dj_db *db, int64_t id, struct dj_assignment *a, struct dj_err *err)
{
    return get_one(db, ASSIGNMENT_SELECT " WHERE a.id = $1", id, a, assignment_from_row, "值班安排不存在", err);
}

/* Is the person on the shift already? */
static int on_shift(struct dj_db *db, int64_t shift_id, int64_t person_id, bool *yes, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT 1 FROM duty_assignments WHERE shift_id = $1 AND person_id = $2", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, shift_id);
    db_bind_int(st, 2, person_id);
    rc = db_step(st, err);
    *yes = rc == DB_ROW;
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_assignment_insert(struct dj_db *db, struct dj_assignment *a, int64_t by, struct dj_err *err)
{
    bool dup;
    int rc = on_shift(db, a->shift_id, a->person_id, &dup, err);
    if (rc)
        return rc;
    if (dup)
        return dj_err_set(err, DJ_ECONFLICT, "此人已在该班次");
    dj_now_rfc3339(a->created_at);
    struct dj_stmt *st;
    if ((rc = db_query(db,
                       "INSERT INTO duty_assignments (bureau_id, shift_id, person_id, created_by, created_at)"
                       " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                       &st, err)))
        return rc;
    db_bind_int(st, 1, a->bureau_id);
    db_bind_int(st, 2, a->shift_id);
    db_bind_int(st, 3, a->person_id);
    bind_opt_int(st, 4, by);
    db_bind_text(st, 5, a->created_at);
    return insert_id(st, &a->id, err);
}

int store_assignment_update(struct dj_db *db, const struct dj_assignment *a, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE duty_assignments SET person_id = $2, absent = $3, swap_to = $4, swap_reason = $5,"
                      " swap_status = $6, swapped_from = $7 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a->id);
    db_bind_int(st, 2, a->person_id);
    db_bind_int(st, 3, a->absent ? 1 : 0);
    bind_opt_int(st, 4, a->swap_to);
    db_bind_text(st, 5, a->swap_reason);
    bind_opt_text(st, 6, a->swap_status);
    bind_opt_int(st, 7, a->swapped_from);
    return db_run(st, err);
}

int store_assignment_overlaps(struct dj_db *db, int64_t person_id, int64_t except_shift, const char *starts_at,
                              const char *ends_at, bool *overlaps, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT 1 FROM duty_assignments a JOIN duty_shifts s ON s.id = a.shift_id"
                      " WHERE a.person_id = $1 AND s.id <> $2 AND s.starts_at < $4 AND s.ends_at > $3 LIMIT 1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, except_shift);
    db_bind_text(st, 3, starts_at);
    db_bind_text(st, 4, ends_at);
    rc = db_step(st, err);
    *overlaps = rc == DB_ROW;
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* ---- availability ---- */

#define UNAVAILABLE_WHERE                                                                        \
    " WHERE u.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR u.person_id = $2)"               \
    " AND (CAST($3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms JOIN orgs b"          \
    "   ON b.id = ms.org_id WHERE ms.person_id = u.person_id AND ms.end_on IS NULL AND b.path LIKE $3))" \
    " AND (CAST($4 AS TEXT) IS NULL OR u.day >= $4) AND (CAST($5 AS TEXT) IS NULL OR u.day <= $5)"

static void unavailable_from_row(struct dj_stmt *st, void *item)
{
    struct dj_unavailable *u = item;
    memset(u, 0, sizeof *u);
    u->id = db_int(st, 0);
    u->bureau_id = db_int(st, 1);
    u->person_id = db_int(st, 2);
    COPY(u->person_name, db_text(st, 3));
    COPY(u->day, db_text(st, 4));
    COPY(u->note, db_text(st, 5));
    COPY(u->created_at, db_text(st, 6));
}

static int bind_unavailable(struct dj_stmt *st, const struct dj_duty_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    db_bind_text(st, 3, like);
    bind_opt_text(st, 4, f->from);
    bind_opt_text(st, 5, f->to);
    return 5;
}

int store_unavailable_list(struct dj_db *db, const struct dj_duty_filter *f, struct dj_unavailable **items,
                           int *count, int64_t *total, struct dj_err *err)
{
    return count_and_page(db, "SELECT COUNT(*) FROM duty_unavailable u" UNAVAILABLE_WHERE,
                          "SELECT u.id, u.bureau_id, u.person_id, p.name, u.day, u.note, u.created_at"
                          " FROM duty_unavailable u JOIN people p ON p.id = u.person_id" UNAVAILABLE_WHERE
                          " ORDER BY u.day, u.id LIMIT $6 OFFSET $7",
                          bind_unavailable, f, (void **)items, count, sizeof **items, unavailable_from_row, total,
                          err);
}

int store_unavailable_insert(struct dj_db *db, struct dj_unavailable *u, struct dj_err *err)
{
    bool found;
    int rc = store_unavailable_between(db, u->person_id, u->day, u->day, &found, err);
    if (rc)
        return rc;
    if (found)
        return dj_err_set(err, DJ_ECONFLICT, "%s 已登记为不能值班", u->day);
    dj_now_rfc3339(u->created_at);
    struct dj_stmt *st;
    if ((rc = db_query(db,
                       "INSERT INTO duty_unavailable (bureau_id, person_id, day, note, created_at)"
                       " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                       &st, err)))
        return rc;
    db_bind_int(st, 1, u->bureau_id);
    db_bind_int(st, 2, u->person_id);
    db_bind_text(st, 3, u->day);
    db_bind_text(st, 4, u->note);
    db_bind_text(st, 5, u->created_at);
    return insert_id(st, &u->id, err);
}

int store_unavailable_between(struct dj_db *db, int64_t person_id, const char *first, const char *last,
                              bool *found, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT 1 FROM duty_unavailable WHERE person_id = $1 AND day BETWEEN $2 AND $3 LIMIT 1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    rc = db_step(st, err);
    *found = rc == DB_ROW;
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* ---- what is counted ---- */

static void fact_from_row(struct dj_stmt *st, void *item)
{
    struct dj_duty_fact *f = item;
    memset(f, 0, sizeof *f);
    f->assignment_id = db_int(st, 0);
    f->person_id = db_int(st, 1);
    f->branch_id = db_int(st, 2);
    COPY(f->starts_at, db_text(st, 3));
    f->minutes = duty_minutes(f->starts_at, db_text(st, 4));
    COPY(f->title, db_text(st, 5));
}

int store_duty_facts(struct dj_db *db, int64_t bureau_id, const char *branch_path, const char *first,
                     const char *last, const char *until, struct dj_duty_fact **items, int *count,
                     struct dj_err *err)
{
    char like[200];
    if (branch_path && *branch_path)
        snprintf(like, sizeof like, "%s%%", branch_path);
    *items = NULL;
    *count = 0;
    char last_minute[20];
    snprintf(last_minute, sizeof last_minute, "%.10sT23:59", last);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT a.id, a.person_id, COALESCE((SELECT ms.org_id FROM memberships ms"
                      "   WHERE ms.person_id = a.person_id AND ms.start_on <= SUBSTR(s.starts_at, 1, 10)"
                      "   AND (ms.end_on IS NULL OR ms.end_on >= SUBSTR(s.starts_at, 1, 10))"
                      "   ORDER BY ms.id DESC LIMIT 1), 0), s.starts_at, s.ends_at, r.title"
                      " FROM duty_assignments a JOIN duty_shifts s ON s.id = a.shift_id"
                      " JOIN duty_rosters r ON r.id = s.roster_id"
                      " WHERE a.bureau_id = $1 AND a.absent = 0 AND s.starts_at >= $2 AND s.starts_at <= $3"
                      " AND s.ends_at <= $4 AND (CAST($5 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms"
                      "   JOIN orgs b ON b.id = ms.org_id WHERE ms.person_id = a.person_id AND ms.end_on IS NULL"
                      "   AND b.path LIKE $5)) ORDER BY s.starts_at, a.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last_minute);
    db_bind_text(st, 4, until);
    db_bind_text(st, 5, branch_path && *branch_path ? like : NULL);
    return db_collect(st, (void **)items, count, sizeof **items, fact_from_row, err);
}
