#include "store/meetings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

void store_meeting_clear(struct dj_meeting *m)
{
    free(m->agenda);
    free(m->minutes);
    free(m->resolutions);
    m->agenda = m->minutes = m->resolutions = NULL;
}

static void bind_opt_id(struct dj_stmt *st, int i, int64_t v)
{
    if (v)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i);
}

static void kind_from_row(struct dj_stmt *st, void *item)
{
    struct dj_meeting_kind *k = item;
    memset(k, 0, sizeof *k);
    k->id = db_int(st, 0);
    k->bureau_id = db_int(st, 1);
    COPY(k->code, db_text(st, 2));
    COPY(k->name, db_text(st, 3));
    COPY(k->attendees, db_text(st, 4));
    k->include_probationary = db_int(st, 5) != 0;
    k->include_non_members = db_int(st, 6) != 0;
    COPY(k->quorum, db_text(st, 7));
}

#define KIND_COLUMNS \
    "id, bureau_id, code, name, attendees, include_probationary, include_non_members, quorum"

int store_meeting_kinds(struct dj_db *db, int64_t bureau_id, struct dj_meeting_kind **items,
                        int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT " KIND_COLUMNS " FROM meeting_kinds"
                      " WHERE bureau_id IS NULL OR bureau_id = $1 ORDER BY sort_order, id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, kind_from_row, err);
}

int store_meeting_kind_get(struct dj_db *db, int64_t id, struct dj_meeting_kind *k,
                           struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT " KIND_COLUMNS " FROM meeting_kinds WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        kind_from_row(st, k);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "会议类型不存在");
    return rc == DB_ROW ? 0 : rc;
}

/* The fields from $base on, in this order, for insert (base 1) and update
 * (base 2, $1 being the id): every placeholder is used, as PostgreSQL needs. */
static void bind_meeting(struct dj_stmt *st, const struct dj_meeting *m, const char *now, int base)
{
    int i = base;
    db_bind_int(st, i++, m->org_id);
    db_bind_int(st, i++, m->kind_id);
    db_bind_text(st, i++, m->held_on);
    db_bind_text(st, i++, m->starts_at);
    db_bind_text(st, i++, m->ends_at);
    db_bind_text(st, i++, m->place);
    db_bind_text(st, i++, m->topic);
    bind_opt_id(st, i++, m->host_id);
    bind_opt_id(st, i++, m->recorder_id);
    bind_opt_id(st, i++, m->lecturer_id);
    db_bind_text(st, i++, m->agenda ? m->agenda : "");
    db_bind_text(st, i++, m->minutes ? m->minutes : "");
    db_bind_text(st, i++, m->resolutions ? m->resolutions : "");
    db_bind_text(st, i++, m->recorded_on);
    db_bind_int(st, i++, m->late_recorded);
    bind_opt_id(st, i++, m->theme_id);
    bind_opt_id(st, i++, m->module_id);
    db_bind_int(st, i++, m->guests);
    db_bind_text(st, i, now);
}

/* what a new record starts as: held unless planned; the record it corrects */
static void bind_life(struct dj_stmt *st, const struct dj_meeting *m, int base)
{
    db_bind_text(st, base, *m->status ? m->status : "held");
    bind_opt_id(st, base + 1, m->corrects_id);
}

int store_meeting_insert(struct dj_db *db, struct dj_meeting *m, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO meetings (org_id, kind_id, held_on, starts_at, ends_at, place,"
                      " topic, host_id, recorder_id, lecturer_id, agenda, minutes, resolutions,"
                      " recorded_on, late_recorded, theme_id, module_id, guests, created_at,"
                      " updated_at, status, corrects_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                      " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    bind_meeting(st, m, now, 1);
    bind_life(st, m, 20);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        m->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_meeting_update(struct dj_db *db, const struct dj_meeting *m, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE meetings SET org_id = $2, kind_id = $3, held_on = $4, starts_at = $5,"
                      " ends_at = $6, place = $7, topic = $8, host_id = $9, recorder_id = $10,"
                      " lecturer_id = $11, agenda = $12, minutes = $13, resolutions = $14,"
                      " recorded_on = $15, late_recorded = $16, theme_id = $17, module_id = $18,"
                      " guests = $19, updated_at = $20 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, m->id);
    bind_meeting(st, m, now, 2);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
}

#define MEETING_SELECT                                                                      \
    "SELECT m.id, m.org_id, o.name, o.path, o.type, m.kind_id, k.code, k.name, m.held_on,"  \
    " m.starts_at, m.ends_at, m.place, m.topic, m.host_id, h.name, m.recorder_id, r.name,"  \
    " m.lecturer_id, l.name, m.recorded_on, m.late_recorded, m.created_at, m.updated_at,"   \
    " m.agenda, m.minutes, m.resolutions, m.theme_id, th.name, m.module_id, mo.name,"       \
    " m.guests,"                                                                             \
    " (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.expected = 1),"       \
    " (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.expected = 1"        \
    "   AND a.status IN ('出席', '迟到')),"                                                     \
    " (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status IN ('出席', '迟到')),"  \
    " m.status, m.status_reason, m.corrects_id,"                                             \
    " (SELECT MIN(c.id) FROM meetings c WHERE c.corrects_id = m.id)"                         \
    " FROM meetings m JOIN orgs o ON o.id = m.org_id"                                        \
    " LEFT JOIN lecture_labels th ON th.id = m.theme_id"                                     \
    " LEFT JOIN lecture_labels mo ON mo.id = m.module_id"                                    \
    " JOIN meeting_kinds k ON k.id = m.kind_id"                                              \
    " LEFT JOIN people h ON h.id = m.host_id LEFT JOIN people r ON r.id = m.recorder_id"      \
    " LEFT JOIN people l ON l.id = m.lecturer_id"

static int meeting_from_row(struct dj_stmt *st, struct dj_meeting *m, bool texts)
{
    memset(m, 0, sizeof *m);
    m->id = db_int(st, 0);
    m->org_id = db_int(st, 1);
    COPY(m->org_name, db_text(st, 2));
    COPY(m->org_path, db_text(st, 3));
    COPY(m->org_type, db_text(st, 4));
    m->kind_id = db_int(st, 5);
    COPY(m->kind_code, db_text(st, 6));
    COPY(m->kind_name, db_text(st, 7));
    COPY(m->held_on, db_text(st, 8));
    COPY(m->starts_at, db_text(st, 9));
    COPY(m->ends_at, db_text(st, 10));
    COPY(m->place, db_text(st, 11));
    COPY(m->topic, db_text(st, 12));
    m->host_id = db_int(st, 13);
    COPY(m->host_name, db_text(st, 14));
    m->recorder_id = db_int(st, 15);
    COPY(m->recorder_name, db_text(st, 16));
    m->lecturer_id = db_int(st, 17);
    COPY(m->lecturer_name, db_text(st, 18));
    COPY(m->recorded_on, db_text(st, 19));
    m->late_recorded = db_int(st, 20) != 0;
    COPY(m->created_at, db_text(st, 21));
    COPY(m->updated_at, db_text(st, 22));
    m->theme_id = db_int(st, 26);
    COPY(m->theme_name, db_text(st, 27));
    m->module_id = db_int(st, 28);
    COPY(m->module_name, db_text(st, 29));
    m->guests = (int)db_int(st, 30);
    m->n_expected = (int)db_int(st, 31);
    m->n_attended = (int)db_int(st, 32);
    m->n_rows = (int)db_int(st, 33);
    COPY(m->status, db_text(st, 34));
    COPY(m->status_reason, db_text(st, 35));
    m->corrects_id = db_int(st, 36);
    m->corrected_by = db_int(st, 37);
    if (texts && (!(m->agenda = strdup(db_text(st, 23))) || !(m->minutes = strdup(db_text(st, 24))) ||
                  !(m->resolutions = strdup(db_text(st, 25))))) {
        store_meeting_clear(m);
        return DJ_ENOMEM;
    }
    return 0;
}

int store_meeting_get(struct dj_db *db, int64_t id, struct dj_meeting *m, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, MEETING_SELECT " WHERE m.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW && meeting_from_row(st, m, true))
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
    return rc == DB_ROW ? 0 : rc;
}

#define MEETING_WHERE                                                                           \
    " WHERE (CAST($1 AS TEXT) IS NULL OR o.path LIKE $1)"                                       \
    " AND (CAST($2 AS BIGINT) IS NULL OR o.path LIKE (SELECT x.path FROM orgs x WHERE x.id = $2) || '%')" \
    " AND (CAST($3 AS BIGINT) IS NULL OR m.kind_id = $3)"                                       \
    " AND (CAST($4 AS TEXT) IS NULL OR m.held_on >= $4)"                                        \
    " AND (CAST($5 AS TEXT) IS NULL OR m.held_on <= $5)"                                        \
    " AND (CAST($6 AS TEXT) IS NULL OR m.kind_id IN (SELECT k6.id FROM meeting_kinds k6"       \
    "      WHERE k6.code = $6))"                                                                 \
    " AND (CAST($7 AS TEXT) IS NULL OR m.status = $7)"

static void bind_filter(struct dj_stmt *st, const struct dj_meeting_filter *f, char *like,
                        size_t size)
{
    if (f->scope_path) {
        snprintf(like, size, "%s%%", f->scope_path);
        db_bind_text(st, 1, like);
    } else {
        db_bind_null(st, 1);
    }
    bind_opt_id(st, 2, f->org_id);
    bind_opt_id(st, 3, f->kind_id);
    db_bind_text(st, 4, f->from);
    db_bind_text(st, 5, f->to);
    db_bind_text(st, 6, f->kind_code);
    db_bind_text(st, 7, f->status);
}

int store_meeting_list(struct dj_db *db, const struct dj_meeting_filter *f,
                       struct dj_meeting_list *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT COUNT(*) FROM meetings m JOIN orgs o ON o.id = m.org_id" MEETING_WHERE,
                      &st, err);
    if (rc)
        return rc;
    bind_filter(st, f, like, sizeof like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        out->total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    out->items = calloc((size_t)(f->limit > 0 ? f->limit : 1), sizeof *out->items);
    if (!out->items)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if ((rc = db_query(db, MEETING_SELECT MEETING_WHERE " ORDER BY m.held_on DESC, m.id DESC"
                           " LIMIT $8 OFFSET $9",
                       &st, err)))
        return rc;
    bind_filter(st, f, like, sizeof like);
    db_bind_int(st, 8, f->limit);
    db_bind_int(st, 9, f->offset);
    while ((rc = db_step(st, err)) == DB_ROW && out->count < f->limit)
        meeting_from_row(st, &out->items[out->count++], false);
    db_done(st);
    return (rc == DB_DONE || rc == DB_ROW) ? 0 : rc;
}

void store_meeting_list_free(struct dj_meeting_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

static void attendance_from_row(struct dj_stmt *st, void *item)
{
    struct dj_attendance *a = item;
    a->person_id = db_int(st, 0);
    COPY(a->name, db_text(st, 1));
    COPY(a->political_status, db_text(st, 2));
    a->expected = db_int(st, 3) != 0;
    COPY(a->status, db_text(st, 4));
    COPY(a->reason, db_text(st, 5));
}

int store_attendance_list(struct dj_db *db, int64_t meeting_id, struct dj_attendance **items,
                          int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT a.person_id, p.name, p.political_status, a.expected, a.status, a.reason"
                      " FROM attendance a JOIN people p ON p.id = a.person_id"
                      " WHERE a.meeting_id = $1 ORDER BY a.expected DESC, p.staff_no, p.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, meeting_id);
    return db_collect(st, (void **)items, count, sizeof **items, attendance_from_row, err);
}

int store_attendance_set(struct dj_db *db, int64_t meeting_id, const struct dj_attendance *a,
                         struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO attendance (meeting_id, person_id, expected, status, reason)"
                      " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (meeting_id, person_id)"
                      " DO UPDATE SET status = excluded.status, reason = excluded.reason",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, meeting_id);
    db_bind_int(st, 2, a->person_id);
    db_bind_int(st, 3, a->expected);
    db_bind_text(st, 4, a->status);
    db_bind_text(st, 5, a->reason);
    return db_run(st, err);
}

static void id_from_row(struct dj_stmt *st, void *item)
{
    int64_t *id = item;
    *id = db_int(st, 0);
}

int store_expected_people(struct dj_db *db, int64_t org_id, const char *attendees,
                          const char *date, bool include_probationary, int64_t **ids, int *count,
                          struct dj_err *err)
{
    *ids = NULL;
    *count = 0;
    const char *sql;
    if (!strcmp(attendees, "committee"))
        sql = "SELECT DISTINCT c.person_id FROM committee_members c"
              " WHERE c.org_id = $1 AND c.start_on <= $2 AND (c.end_on IS NULL OR c.end_on >= $2)"
              " AND ($3 = 1 OR $3 = 0) ORDER BY c.person_id";
    else if (!strcmp(attendees, "group"))
        sql = "SELECT DISTINCT m.person_id FROM memberships m JOIN people p ON p.id = m.person_id"
              " WHERE m.group_id = $1 AND m.start_on <= $2 AND (m.end_on IS NULL OR m.end_on >= $2)"
              " AND (p.political_status = '中共党员' OR ($3 = 1 AND p.political_status = '中共预备党员'))"
              " ORDER BY m.person_id";
    else if (!strcmp(attendees, "branch"))
        /* a 党总支 or 机关党委 expects the members of the branches under it */
        sql = "SELECT DISTINCT m.person_id FROM memberships m JOIN people p ON p.id = m.person_id"
              " JOIN orgs b ON b.id = m.org_id"
              " WHERE b.path LIKE (SELECT x.path FROM orgs x WHERE x.id = $1) || '%'"
              " AND m.start_on <= $2 AND (m.end_on IS NULL OR m.end_on >= $2)"
              " AND (p.political_status = '中共党员' OR ($3 = 1 AND p.political_status = '中共预备党员'))"
              " ORDER BY m.person_id";
    else
        return 0; /* custom: the recorder lists who came */
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, org_id);
    db_bind_text(st, 2, date);
    db_bind_int(st, 3, include_probationary);
    return db_collect(st, (void **)ids, count, sizeof **ids, id_from_row, err);
}

int store_file_insert(struct dj_db *db, struct dj_file *f, const void *data, size_t len,
                      int64_t created_by, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO files (bureau_id, object_type, object_id, name, mime, size,"
                      " sha256, data, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    dj_now_rfc3339(f->created_at);
    f->size = (int64_t)len;
    db_bind_int(st, 1, f->bureau_id);
    db_bind_text(st, 2, f->object_type);
    db_bind_int(st, 3, f->object_id);
    db_bind_text(st, 4, f->name);
    db_bind_text(st, 5, f->mime);
    db_bind_int(st, 6, (int64_t)len);
    db_bind_text(st, 7, f->sha256);
    db_bind_blob(st, 8, data, len);
    bind_opt_id(st, 9, created_by);
    db_bind_text(st, 10, f->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        f->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

#define FILE_COLUMNS                                                                  \
    "id, bureau_id, object_type, object_id, name, mime, size, sha256, created_at,"   \
    " COALESCE(removed_on, ''), removed_reason"

static void file_from_row(struct dj_stmt *st, void *item)
{
    struct dj_file *f = item;
    memset(f, 0, sizeof *f);
    f->id = db_int(st, 0);
    f->bureau_id = db_int(st, 1);
    COPY(f->object_type, db_text(st, 2));
    f->object_id = db_int(st, 3);
    COPY(f->name, db_text(st, 4));
    COPY(f->mime, db_text(st, 5));
    f->size = db_int(st, 6);
    COPY(f->sha256, db_text(st, 7));
    COPY(f->created_at, db_text(st, 8));
    COPY(f->removed_on, db_text(st, 9));
    COPY(f->removed_reason, db_text(st, 10));
}

int store_file_get(struct dj_db *db, int64_t id, struct dj_file *f, void **data, size_t *len,
                   struct dj_err *err)
{
    struct dj_stmt *st;
    *data = NULL;
    *len = 0;
    int rc = db_query(db, "SELECT " FILE_COLUMNS ", data FROM files WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        file_from_row(st, f);
        size_t n;
        const void *p = db_blob(st, 11, &n);
        if ((*data = malloc(n ? n : 1))) {
            if (n)
                memcpy(*data, p, n);
            *len = n;
        } else {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        }
    }
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "文件不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_file_list(struct dj_db *db, const char *object_type, int64_t object_id,
                    struct dj_file **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT " FILE_COLUMNS " FROM files WHERE object_type = $1 AND object_id = $2"
                      " ORDER BY id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, object_type);
    db_bind_int(st, 2, object_id);
    return db_collect(st, (void **)items, count, sizeof **items, file_from_row, err);
}

#define RULE_SELECT                                                                          \
    "SELECT r.id, r.bureau_id, r.kind_id, k.name, r.org_type, r.frequency, r.times, r.source," \
    " r.effective_from, r.active FROM meeting_rules r JOIN meeting_kinds k ON k.id = r.kind_id"

static void rule_from_row(struct dj_stmt *st, void *item)
{
    struct dj_meeting_rule *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->kind_id = db_int(st, 2);
    COPY(r->kind_name, db_text(st, 3));
    COPY(r->org_type, db_text(st, 4));
    COPY(r->frequency, db_text(st, 5));
    r->times = (int)db_int(st, 6);
    COPY(r->source, db_text(st, 7));
    COPY(r->effective_from, db_text(st, 8));
    r->active = db_int(st, 9) != 0;
}

int store_meeting_rules(struct dj_db *db, int64_t bureau_id, struct dj_meeting_rule **items,
                        int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, RULE_SELECT " WHERE r.bureau_id IS NULL OR r.bureau_id = $1"
                                      " ORDER BY k.sort_order, r.org_type, r.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, rule_from_row, err);
}

int store_meeting_rule_get(struct dj_db *db, int64_t id, struct dj_meeting_rule *r,
                           struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, RULE_SELECT " WHERE r.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        rule_from_row(st, r);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "规则不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_meeting_rule_save(struct dj_db *db, struct dj_meeting_rule *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc;
    /* $1 is the id (update) or the bureau (insert): every placeholder is used */
    if (r->id) {
        rc = db_query(db,
                      "UPDATE meeting_rules SET frequency = $2, times = $3, source = $4,"
                      " effective_from = $5, active = $6 WHERE id = $1",
                      &st, err);
        if (rc)
            return rc;
        db_bind_int(st, 1, r->id);
    } else {
        rc = db_query(db,
                      "INSERT INTO meeting_rules (bureau_id, frequency, times, source, effective_from,"
                      " active, kind_id, org_type) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                      " RETURNING id",
                      &st, err);
        if (rc)
            return rc;
        db_bind_int(st, 1, r->bureau_id);
        db_bind_int(st, 7, r->kind_id);
        db_bind_text(st, 8, r->org_type);
    }
    db_bind_text(st, 2, r->frequency);
    db_bind_int(st, 3, r->times);
    db_bind_text(st, 4, r->source);
    db_bind_text(st, 5, r->effective_from);
    db_bind_int(st, 6, r->active);
    rc = db_step(st, err);
    if (rc == DB_ROW && !r->id)
        r->id = db_int(st, 0);
    db_done(st);
    return (rc == DB_ROW || rc == DB_DONE) ? 0 : rc;
}

static void fact_from_row(struct dj_stmt *st, void *item)
{
    struct dj_meeting_fact *f = item;
    f->org_id = db_int(st, 0);
    f->kind_id = db_int(st, 1);
    COPY(f->held_on, db_text(st, 2));
    f->late = db_int(st, 3) != 0;
    f->expected = (int)db_int(st, 4);
    f->present = (int)db_int(st, 5);
}

int store_meeting_facts(struct dj_db *db, const char *path, const char *from, const char *to,
                        struct dj_meeting_fact **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    snprintf(like, sizeof like, "%s%%", path);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT m.org_id, m.kind_id, m.held_on, m.late_recorded,"
                      " (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.expected = 1),"
                      " (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.expected = 1"
                      "   AND a.status IN ('出席', '迟到'))"
                      " FROM meetings m JOIN orgs o ON o.id = m.org_id"
                      " WHERE o.path LIKE $1 AND m.held_on >= $2 AND m.held_on <= $3"
                      " AND m.status = 'held'" /* planned, cancelled, voided: never counted */
                      " ORDER BY m.held_on, m.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, like);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return db_collect(st, (void **)items, count, sizeof **items, fact_from_row, err);
}

static void stat_from_row(struct dj_stmt *st, void *item)
{
    struct dj_attendance_stat *a = item;
    a->person_id = db_int(st, 0);
    COPY(a->name, db_text(st, 1));
    COPY(a->staff_no, db_text(st, 2));
    a->branch_id = db_int(st, 3);
    COPY(a->branch_name, db_text(st, 4));
    a->expected = (int)db_int(st, 5);
    a->present = (int)db_int(st, 6);
    a->late = (int)db_int(st, 7);
    a->leave = (int)db_int(st, 8);
    a->absent = (int)db_int(st, 9);
}

int store_attendance_stats(struct dj_db *db, const char *path, const char *from, const char *to,
                           int64_t person_id, struct dj_attendance_stat **items, int *count,
                           struct dj_err *err)
{
    char like[200];
    snprintf(like, sizeof like, "%s%%", path);
    struct dj_stmt *st;
    /* a group's meeting counts for its branch */
    int rc = db_query(db,
                      "SELECT a.person_id, p.name, p.staff_no, b.id, b.name, COUNT(*),"
                      " SUM(CASE WHEN a.status = '出席' THEN 1 ELSE 0 END),"
                      " SUM(CASE WHEN a.status = '迟到' THEN 1 ELSE 0 END),"
                      " SUM(CASE WHEN a.status = '请假' THEN 1 ELSE 0 END),"
                      " SUM(CASE WHEN a.status = '缺席' THEN 1 ELSE 0 END)"
                      " FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
                      " JOIN people p ON p.id = a.person_id JOIN orgs o ON o.id = m.org_id"
                      " JOIN orgs b ON b.id = CASE WHEN o.type = '党小组' THEN o.parent_id ELSE o.id END"
                      " WHERE a.expected = 1 AND m.held_on >= $1 AND m.held_on <= $2 AND o.path LIKE $3"
                      " AND m.status = 'held'"
                      " AND (CAST($4 AS BIGINT) IS NULL OR a.person_id = $4)"
                      " GROUP BY a.person_id, p.name, p.staff_no, b.id, b.name"
                      " ORDER BY p.staff_no, a.person_id, b.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    db_bind_text(st, 3, like);
    if (person_id)
        db_bind_int(st, 4, person_id);
    else
        db_bind_null(st, 4);
    return db_collect(st, (void **)items, count, sizeof **items, stat_from_row, err);
}

static void count_from_row(struct dj_stmt *st, void *item)
{
    struct dj_attendance_stat *a = item;
    memset(a, 0, sizeof *a);
    a->person_id = db_int(st, 0);
    a->branch_id = db_int(st, 1);
    a->expected = (int)db_int(st, 2);
    a->present = (int)db_int(st, 3);
    a->late = (int)db_int(st, 4);
    a->leave = (int)db_int(st, 5);
    a->absent = (int)db_int(st, 6);
}

int store_attendance_counts(struct dj_db *db, const char *path, const char *from, const char *to,
                            struct dj_attendance_stat **items, int *count, struct dj_err *err)
{
    char like[200];
    snprintf(like, sizeof like, "%s%%", path);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT a.person_id, CASE WHEN o.type = '党小组' THEN o.parent_id ELSE o.id END,"
                      " COUNT(*),"
                      " SUM(CASE WHEN a.status = '出席' THEN 1 ELSE 0 END),"
                      " SUM(CASE WHEN a.status = '迟到' THEN 1 ELSE 0 END),"
                      " SUM(CASE WHEN a.status = '请假' THEN 1 ELSE 0 END),"
                      " SUM(CASE WHEN a.status = '缺席' THEN 1 ELSE 0 END)"
                      " FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
                      " JOIN orgs o ON o.id = m.org_id"
                      " WHERE a.expected = 1 AND m.held_on >= $1 AND m.held_on <= $2 AND o.path LIKE $3"
                      " AND m.status = 'held'"
                      " GROUP BY a.person_id, CASE WHEN o.type = '党小组' THEN o.parent_id ELSE o.id END",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    db_bind_text(st, 3, like);
    return db_collect(st, (void **)items, count, sizeof **items, count_from_row, err);
}

int store_attendance_remove(struct dj_db *db, int64_t meeting_id, int64_t person_id,
                            struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM attendance WHERE meeting_id = $1 AND person_id = $2 AND expected = 0",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, meeting_id);
    db_bind_int(st, 2, person_id);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "此人不在出席名单中，或是应到人员（应到人员不能移除，可标为缺席或请假）");
}

/* ---- the life cycle (migration 025): the rest is in store/meeting_life.c ---- */

int store_meeting_upcoming(struct dj_db *db, int64_t person_id, int64_t bureau_id, const char *from,
                           int limit, struct dj_meeting_list *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    out->items = calloc((size_t)(limit > 0 ? limit : 1), sizeof *out->items);
    if (!out->items)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    char bureau[40];
    snprintf(bureau, sizeof bureau, "/%lld/%%", (long long)bureau_id);
    struct dj_stmt *st;
    /* planned from today: those that list the person, and the bureau's lectures */
    int rc = db_query(db,
                      MEETING_SELECT " WHERE m.status = 'planned' AND m.held_on >= $1 AND o.path LIKE $2"
                      " AND (EXISTS (SELECT 1 FROM attendance x WHERE x.meeting_id = m.id"
                      "   AND x.person_id = $3) OR k.code = 'lecture')"
                      " ORDER BY m.held_on, m.starts_at, m.id LIMIT $4",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, bureau);
    db_bind_int(st, 3, person_id);
    db_bind_int(st, 4, limit);
    while ((rc = db_step(st, err)) == DB_ROW && out->count < limit)
        meeting_from_row(st, &out->items[out->count++], false);
    db_done(st);
    out->total = out->count;
    return (rc == DB_DONE || rc == DB_ROW) ? 0 : rc;
}
