#include "store/warnings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static void bind_opt_int(struct dj_stmt *st, int i, int64_t v)
{
    if (v)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i);
}

/* Steps a statement expected to give one row: DJ_ENOTFOUND when none. */
static int one_row(struct dj_stmt *st, void *item, db_row_fn from_row, const char *missing,
                   struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        from_row(st, item);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "%s", missing);
    return rc == DB_ROW ? 0 : rc;
}

/* ---- rules ---- */

#define RULE_COLUMNS                                                                              \
    "id, bureau_id, code, name, scans, threshold, unit, recipients, severity, enabled, seq,"    \
    " updated_at"

static void rule_from_row(struct dj_stmt *st, void *item)
{
    struct dj_warning_rule *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    COPY(r->code, db_text(st, 2));
    COPY(r->name, db_text(st, 3));
    COPY(r->scans, db_text(st, 4));
    r->has_threshold = !db_is_null(st, 5);
    r->threshold = (int)db_int(st, 5);
    COPY(r->unit, db_text(st, 6));
    COPY(r->recipients, db_text(st, 7));
    COPY(r->severity, db_text(st, 8));
    r->enabled = db_int(st, 9) != 0;
    r->seq = (int)db_int(st, 10);
    COPY(r->updated_at, db_text(st, 11));
}

int store_warning_rules(struct dj_db *db, int64_t bureau_id, struct dj_warning_rule **items, int *count,
                        struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT " RULE_COLUMNS " FROM warning_rules WHERE bureau_id = $1 ORDER BY seq, id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, rule_from_row, err);
}

int store_warning_rule_get(struct dj_db *db, int64_t id, struct dj_warning_rule *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT " RULE_COLUMNS " FROM warning_rules WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return one_row(st, r, rule_from_row, "预警规则不存在", err);
}

int store_warning_rule_insert(struct dj_db *db, struct dj_warning_rule *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO warning_rules (bureau_id, code, name, scans, threshold, unit, recipients,"
                      " severity, enabled, seq, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                      " $10, $11) ON CONFLICT (bureau_id, code) DO NOTHING",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_text(st, 2, r->code);
    db_bind_text(st, 3, r->name);
    db_bind_text(st, 4, r->scans);
    if (r->has_threshold)
        db_bind_int(st, 5, r->threshold);
    else
        db_bind_null(st, 5);
    db_bind_text(st, 6, r->unit);
    db_bind_text(st, 7, r->recipients);
    db_bind_text(st, 8, r->severity);
    db_bind_int(st, 9, r->enabled);
    db_bind_int(st, 10, r->seq);
    db_bind_text(st, 11, r->updated_at);
    return db_run(st, err);
}

int store_warning_rule_update(struct dj_db *db, struct dj_warning_rule *r, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE warning_rules SET threshold = $2, recipients = $3, severity = $4, enabled = $5,"
                      " updated_at = $6 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    if (r->has_threshold)
        db_bind_int(st, 2, r->threshold);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, r->recipients);
    db_bind_text(st, 4, r->severity);
    db_bind_int(st, 5, r->enabled);
    db_bind_text(st, 6, r->updated_at);
    return db_run(st, err);
}

/* ---- warnings ---- */

#define WARNING_SELECT                                                                            \
    "SELECT w.id, w.bureau_id, w.rule_id, w.code, w.object_type, w.object_id, w.subject_key,"    \
    " w.org_id, o.path, o.name, COALESCE(w.person_id, 0), COALESCE(p.name, ''), w.due_on,"       \
    " w.severity, w.message, w.link, w.state, w.active, w.first_seen, w.last_seen, w.state_at,"  \
    " COALESCE(w.state_by, 0), COALESCE(u.username, ''), w.reason, r.recipients, r.name"          \
    " FROM warnings w JOIN orgs o ON o.id = w.org_id JOIN warning_rules r ON r.id = w.rule_id"    \
    " LEFT JOIN people p ON p.id = w.person_id LEFT JOIN users u ON u.id = w.state_by"

static void warning_from_row(struct dj_stmt *st, void *item)
{
    struct dj_warning *w = item;
    memset(w, 0, sizeof *w);
    w->id = db_int(st, 0);
    w->bureau_id = db_int(st, 1);
    w->rule_id = db_int(st, 2);
    COPY(w->code, db_text(st, 3));
    COPY(w->object_type, db_text(st, 4));
    w->object_id = db_int(st, 5);
    COPY(w->subject_key, db_text(st, 6));
    w->org_id = db_int(st, 7);
    COPY(w->org_path, db_text(st, 8));
    COPY(w->org_name, db_text(st, 9));
    w->person_id = db_int(st, 10);
    COPY(w->person_name, db_text(st, 11));
    COPY(w->due_on, db_text(st, 12));
    COPY(w->severity, db_text(st, 13));
    COPY(w->message, db_text(st, 14));
    COPY(w->link, db_text(st, 15));
    COPY(w->state, db_text(st, 16));
    w->active = db_int(st, 17) != 0;
    COPY(w->first_seen, db_text(st, 18));
    COPY(w->last_seen, db_text(st, 19));
    COPY(w->state_at, db_text(st, 20));
    w->state_by = db_int(st, 21);
    COPY(w->state_by_name, db_text(st, 22));
    COPY(w->reason, db_text(st, 23));
    COPY(w->recipients, db_text(st, 24));
    COPY(w->rule_name, db_text(st, 25));
}

int store_warnings_list(struct dj_db *db, int64_t bureau_id, bool active_only, struct dj_warning **items,
                        int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      active_only ? WARNING_SELECT " WHERE w.bureau_id = $1 AND w.active = 1 ORDER BY w.id"
                                  : WARNING_SELECT " WHERE w.bureau_id = $1 ORDER BY w.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, warning_from_row, err);
}

int store_warning_get(struct dj_db *db, int64_t id, struct dj_warning *w, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, WARNING_SELECT " WHERE w.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return one_row(st, w, warning_from_row, "预警不存在", err);
}

int store_warning_insert(struct dj_db *db, struct dj_warning *w, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO warnings (bureau_id, rule_id, code, object_type, object_id, subject_key,"
                      " org_id, person_id, due_on, severity, message, link, state, active, first_seen,"
                      " last_seen, state_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
                      " $12, $13, 1, $14, $14, $14, '') RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, w->bureau_id);
    db_bind_int(st, 2, w->rule_id);
    db_bind_text(st, 3, w->code);
    db_bind_text(st, 4, w->object_type);
    db_bind_int(st, 5, w->object_id);
    db_bind_text(st, 6, w->subject_key);
    db_bind_int(st, 7, w->org_id);
    bind_opt_int(st, 8, w->person_id);
    db_bind_text(st, 9, w->due_on);
    db_bind_text(st, 10, w->severity);
    db_bind_text(st, 11, w->message);
    db_bind_text(st, 12, w->link);
    db_bind_text(st, 13, w->state);
    db_bind_text(st, 14, w->first_seen);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        w->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_warning_seen(struct dj_db *db, const struct dj_warning *w, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE warnings SET last_seen = $2, due_on = $3, severity = $4, message = $5, link = $6,"
                      " org_id = $7, person_id = $8 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, w->id);
    db_bind_text(st, 2, w->last_seen);
    db_bind_text(st, 3, w->due_on);
    db_bind_text(st, 4, w->severity);
    db_bind_text(st, 5, w->message);
    db_bind_text(st, 6, w->link);
    db_bind_int(st, 7, w->org_id);
    bind_opt_int(st, 8, w->person_id);
    return db_run(st, err);
}

int store_warning_set_state(struct dj_db *db, const struct dj_warning *w, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE warnings SET state = $2, active = $3, state_at = $4, state_by = $5, reason = $6"
                      " WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, w->id);
    db_bind_text(st, 2, w->state);
    db_bind_int(st, 3, w->active);
    db_bind_text(st, 4, w->state_at);
    bind_opt_int(st, 5, w->state_by);
    db_bind_text(st, 6, w->reason);
    return db_run(st, err);
}

int store_warning_history_add(struct dj_db *db, int64_t warning_id, const char *at, int64_t user_id,
                              const char *action, const char *note, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO warning_history (warning_id, at, user_id, action, note)"
                      " VALUES ($1, $2, $3, $4, $5)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, warning_id);
    db_bind_text(st, 2, at);
    bind_opt_int(st, 3, user_id);
    db_bind_text(st, 4, action);
    db_bind_text(st, 5, note ? note : "");
    return db_run(st, err);
}

static void event_from_row(struct dj_stmt *st, void *item)
{
    struct dj_warning_event *e = item;
    memset(e, 0, sizeof *e);
    e->id = db_int(st, 0);
    e->warning_id = db_int(st, 1);
    COPY(e->at, db_text(st, 2));
    e->user_id = db_int(st, 3);
    COPY(e->username, db_text(st, 4));
    COPY(e->action, db_text(st, 5));
    COPY(e->note, db_text(st, 6));
}

int store_warning_history(struct dj_db *db, int64_t warning_id, struct dj_warning_event **items,
                          int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT h.id, h.warning_id, h.at, COALESCE(h.user_id, 0), COALESCE(u.username, ''),"
                      " h.action, h.note FROM warning_history h LEFT JOIN users u ON u.id = h.user_id"
                      " WHERE h.warning_id = $1 ORDER BY h.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, warning_id);
    return db_collect(st, (void **)items, count, sizeof **items, event_from_row, err);
}

int store_warning_run_get(struct dj_db *db, int64_t bureau_id, int64_t *ran_at, struct dj_err *err)
{
    struct dj_stmt *st;
    *ran_at = 0;
    int rc = db_query(db, "SELECT ran_at FROM warning_runs WHERE bureau_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *ran_at = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_warning_run_put(struct dj_db *db, int64_t bureau_id, int64_t ran_at, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO warning_runs (bureau_id, ran_at) VALUES ($1, $2)"
                      " ON CONFLICT (bureau_id) DO UPDATE SET ran_at = excluded.ran_at",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, ran_at);
    return db_run(st, err);
}

/* ---- announcements ---- */

int store_announcement_insert(struct dj_db *db, struct dj_announcement *a, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO announcements (bureau_id, org_id, role, title, body, recipients, created_by,"
                      " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a->bureau_id);
    db_bind_int(st, 2, a->org_id);
    db_bind_text(st, 3, a->role);
    db_bind_text(st, 4, a->title);
    db_bind_text(st, 5, a->body);
    db_bind_int(st, 6, a->recipients);
    bind_opt_int(st, 7, a->created_by);
    db_bind_text(st, 8, a->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        a->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_announcement_set_recipients(struct dj_db *db, int64_t id, int recipients, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE announcements SET recipients = $2 WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, recipients);
    return db_run(st, err);
}

static void announcement_from_row(struct dj_stmt *st, void *item)
{
    struct dj_announcement *a = item;
    memset(a, 0, sizeof *a);
    a->id = db_int(st, 0);
    a->bureau_id = db_int(st, 1);
    a->org_id = db_int(st, 2);
    COPY(a->org_name, db_text(st, 3));
    COPY(a->role, db_text(st, 4));
    COPY(a->title, db_text(st, 5));
    COPY(a->body, db_text(st, 6));
    a->recipients = (int)db_int(st, 7);
    a->created_by = db_int(st, 8);
    COPY(a->created_by_name, db_text(st, 9));
    COPY(a->created_at, db_text(st, 10));
}

int store_announcements_list(struct dj_db *db, int64_t bureau_id, const char *path, int limit, int offset,
                             struct dj_announcement **items, int *count, int64_t *total,
                             struct dj_err *err)
{
    struct dj_stmt *st;
    char like[200];
    snprintf(like, sizeof like, "%s%%", path ? path : "/");
    int rc = db_query(db,
                      "SELECT COUNT(*) FROM announcements a JOIN orgs o ON o.id = a.org_id"
                      " WHERE a.bureau_id = $1 AND o.path LIKE $2",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db,
                       "SELECT a.id, a.bureau_id, a.org_id, o.name, a.role, a.title, a.body, a.recipients,"
                       " COALESCE(a.created_by, 0), COALESCE(u.display_name, ''), a.created_at"
                       " FROM announcements a JOIN orgs o ON o.id = a.org_id"
                       " LEFT JOIN users u ON u.id = a.created_by"
                       " WHERE a.bureau_id = $1 AND o.path LIKE $2 ORDER BY a.id DESC LIMIT $3 OFFSET $4",
                       &st, err)))
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, like);
    db_bind_int(st, 3, limit);
    db_bind_int(st, 4, offset);
    return db_collect(st, (void **)items, count, sizeof **items, announcement_from_row, err);
}

/* ---- inbox ---- */

int store_inbox_insert(struct dj_db *db, struct dj_inbox_item *it, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO inbox_items (bureau_id, user_id, kind, title, body, link, warning_id,"
                      " announcement_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, it->bureau_id);
    db_bind_int(st, 2, it->user_id);
    db_bind_text(st, 3, it->kind);
    db_bind_text(st, 4, it->title);
    db_bind_text(st, 5, it->body);
    db_bind_text(st, 6, it->link);
    bind_opt_int(st, 7, it->warning_id);
    bind_opt_int(st, 8, it->announcement_id);
    db_bind_text(st, 9, it->created_at);
    return db_run(st, err);
}

#define INBOX_SELECT                                                                              \
    "SELECT i.id, i.bureau_id, i.user_id, i.kind, i.title, i.body, i.link, COALESCE(i.warning_id, 0),"  \
    " COALESCE(i.announcement_id, 0), COALESCE(w.state, ''), i.created_at, COALESCE(i.read_at, '')"   \
    " FROM inbox_items i LEFT JOIN warnings w ON w.id = i.warning_id"

static void inbox_from_row(struct dj_stmt *st, void *item)
{
    struct dj_inbox_item *it = item;
    memset(it, 0, sizeof *it);
    it->id = db_int(st, 0);
    it->bureau_id = db_int(st, 1);
    it->user_id = db_int(st, 2);
    COPY(it->kind, db_text(st, 3));
    COPY(it->title, db_text(st, 4));
    COPY(it->body, db_text(st, 5));
    COPY(it->link, db_text(st, 6));
    it->warning_id = db_int(st, 7);
    it->announcement_id = db_int(st, 8);
    COPY(it->warning_state, db_text(st, 9));
    COPY(it->created_at, db_text(st, 10));
    COPY(it->read_at, db_text(st, 11));
}

int store_inbox_list(struct dj_db *db, int64_t user_id, bool unread_only, int limit, int offset,
                     struct dj_inbox_item **items, int *count, int64_t *total, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      unread_only ? "SELECT COUNT(*) FROM inbox_items WHERE user_id = $1 AND read_at IS NULL"
                                  : "SELECT COUNT(*) FROM inbox_items WHERE user_id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db,
                       unread_only ? INBOX_SELECT " WHERE i.user_id = $1 AND i.read_at IS NULL"
                                                  " ORDER BY i.id DESC LIMIT $2 OFFSET $3"
                                   : INBOX_SELECT " WHERE i.user_id = $1 ORDER BY i.id DESC LIMIT $2 OFFSET $3",
                       &st, err)))
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, limit);
    db_bind_int(st, 3, offset);
    return db_collect(st, (void **)items, count, sizeof **items, inbox_from_row, err);
}

int store_inbox_unread(struct dj_db *db, int64_t user_id, int64_t *count, struct dj_err *err)
{
    struct dj_stmt *st;
    *count = 0;
    int rc = db_query(db, "SELECT COUNT(*) FROM inbox_items WHERE user_id = $1 AND read_at IS NULL", &st,
                      err);
    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *count = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_inbox_get(struct dj_db *db, int64_t id, struct dj_inbox_item *it, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, INBOX_SELECT " WHERE i.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    return one_row(st, it, inbox_from_row, "消息不存在", err);
}

int store_inbox_mark(struct dj_db *db, int64_t id, const char *read_at, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE inbox_items SET read_at = $2 WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, read_at);
    return db_run(st, err);
}

int store_inbox_mark_all(struct dj_db *db, int64_t user_id, const char *read_at, int64_t *changed,
                         struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE inbox_items SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL", &st,
                      err);
    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, read_at);
    if ((rc = db_run(st, err)))
        return rc;
    *changed = db_changes(db);
    return 0;
}
