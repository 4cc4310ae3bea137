#include "store/notify.h"

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

int store_notify_settings_get(struct dj_db *db, int64_t bureau_id, char **config,
                              char **secrets_sealed, struct dj_err *err)
{
    *config = *secrets_sealed = NULL;
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT config, secrets_sealed FROM notify_settings WHERE bureau_id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        *config = dj_strdup(db_text(st, 0));
        *secrets_sealed = dj_strdup(db_text(st, 1));
    } else if (rc == DB_DONE) {
        *config = dj_strdup("{}");
        *secrets_sealed = dj_strdup("");
    }
    db_done(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return rc;
    if (!*config || !*secrets_sealed) {
        free(*config);
        free(*secrets_sealed);
        *config = *secrets_sealed = NULL;
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    return 0;
}

int store_notify_settings_put(struct dj_db *db, int64_t bureau_id, const char *config,
                              const char *secrets_sealed, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO notify_settings (bureau_id, config, secrets_sealed, updated_at)"
                      " VALUES ($1, $2, $3, $4) ON CONFLICT (bureau_id) DO UPDATE SET"
                      " config = excluded.config, secrets_sealed = excluded.secrets_sealed,"
                      " updated_at = excluded.updated_at",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, config);
    db_bind_text(st, 3, secrets_sealed);
    db_bind_text(st, 4, now);
    return db_run(st, err);
}

#define PREF_SELECT                                                                              \
    "SELECT p.id, p.bureau_id, p.name, COALESCE(n.channels, ''), COALESCE(n.email, ''),"         \
    " CASE WHEN COALESCE(n.phone, '') <> '' THEN n.phone ELSE p.phone END,"                     \
    " COALESCE(n.quiet_from, ''), COALESCE(n.quiet_to, ''), n.person_id IS NOT NULL,"            \
    " COALESCE(n.updated_at, ''), p.phone FROM people p"                                          \
    " LEFT JOIN notify_prefs n ON n.person_id = p.id"

static void pref_from_row(struct dj_stmt *st, void *item)
{
    struct dj_notify_pref *p = item;
    memset(p, 0, sizeof *p);
    p->person_id = db_int(st, 0);
    p->bureau_id = db_int(st, 1);
    COPY(p->name, db_text(st, 2));
    COPY(p->channels, db_text(st, 3));
    COPY(p->email, db_text(st, 4));
    COPY(p->phone, db_text(st, 5));
    COPY(p->quiet_from, db_text(st, 6));
    COPY(p->quiet_to, db_text(st, 7));
    p->stored = db_int(st, 8) != 0;
    COPY(p->updated_at, db_text(st, 9));
    COPY(p->roster_phone, db_text(st, 10));
}

int store_notify_pref_get(struct dj_db *db, int64_t person_id, struct dj_notify_pref *out,
                          struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, PREF_SELECT " WHERE p.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        pref_from_row(st, out);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "人员不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_notify_pref_put(struct dj_db *db, const struct dj_notify_pref *p, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO notify_prefs (person_id, bureau_id, channels, email, phone,"
                      " quiet_from, quiet_to, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                      " ON CONFLICT (person_id) DO UPDATE SET channels = excluded.channels,"
                      " email = excluded.email, phone = excluded.phone,"
                      " quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,"
                      " updated_at = excluded.updated_at",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, p->person_id);
    db_bind_int(st, 2, p->bureau_id);
    db_bind_text(st, 3, p->channels);
    db_bind_text(st, 4, p->email);
    /* the roster's phone is kept as none, so that the preference follows the roster */
    db_bind_text(st, 5, strcmp(p->phone, p->roster_phone) ? p->phone : "");
    db_bind_text(st, 6, p->quiet_from);
    db_bind_text(st, 7, p->quiet_to);
    db_bind_text(st, 8, now);
    return db_run(st, err);
}

int store_notify_members(struct dj_db *db, int64_t bureau_id, struct dj_notify_pref **items,
                         int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      PREF_SELECT " WHERE p.bureau_id = $1 AND EXISTS (SELECT 1 FROM memberships m"
                                  " WHERE m.person_id = p.id AND m.end_on IS NULL) ORDER BY p.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, pref_from_row, err);
}

/* ---- outbox ---- */

void store_outbox_clear(struct dj_outbox *o)
{
    free(o->subject);
    free(o->body);
    o->subject = o->body = NULL;
}

void store_outbox_free(struct dj_outbox *items, int count)
{
    for (int i = 0; i < count; i++)
        store_outbox_clear(&items[i]);
    free(items);
}

#define OUTBOX_SELECT                                                                            \
    "SELECT o.id, o.bureau_id, COALESCE(o.person_id, 0), o.dedupe_key, o.kind, o.day, o.channel," \
    " o.recipient, COALESCE(p.name, ''), o.subject, o.body, o.status, o.attempts, o.next_at,"     \
    " o.claimed_at, o.claimed_by, COALESCE(o.sent_at, ''), o.last_error, o.created_at"            \
    " FROM notify_outbox o LEFT JOIN people p ON p.id = o.person_id"

static void outbox_from_row(struct dj_stmt *st, void *item)
{
    struct dj_outbox *o = item;
    memset(o, 0, sizeof *o);
    o->id = db_int(st, 0);
    o->bureau_id = db_int(st, 1);
    o->person_id = db_int(st, 2);
    COPY(o->dedupe_key, db_text(st, 3));
    COPY(o->kind, db_text(st, 4));
    COPY(o->day, db_text(st, 5));
    COPY(o->channel, db_text(st, 6));
    COPY(o->recipient, db_text(st, 7));
    COPY(o->person_name, db_text(st, 8));
    o->subject = dj_strdup(db_text(st, 9));
    o->body = dj_strdup(db_text(st, 10));
    COPY(o->status, db_text(st, 11));
    o->attempts = (int)db_int(st, 12);
    o->next_at = db_int(st, 13);
    o->claimed_at = db_int(st, 14);
    COPY(o->claimed_by, db_text(st, 15));
    COPY(o->sent_at, db_text(st, 16));
    COPY(o->last_error, db_text(st, 17));
    COPY(o->created_at, db_text(st, 18));
}

static int outbox_one(struct dj_stmt *st, struct dj_outbox *out, bool *found, struct dj_err *err)
{
    int rc = db_step(st, err);
    *found = rc == DB_ROW;
    if (rc == DB_ROW)
        outbox_from_row(st, out);
    db_done(st);
    if (*found && (!out->subject || !out->body)) {
        store_outbox_clear(out);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_outbox_insert(struct dj_db *db, struct dj_outbox *o, bool *queued, struct dj_err *err)
{
    dj_now_rfc3339(o->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO notify_outbox (bureau_id, dedupe_key, person_id, kind, day, channel,"
                      " recipient, subject, body, next_at, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                      " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, o->bureau_id);
    db_bind_text(st, 2, o->dedupe_key);
    if (o->person_id)
        db_bind_int(st, 3, o->person_id);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, o->kind);
    db_bind_text(st, 5, o->day);
    db_bind_text(st, 6, o->channel);
    db_bind_text(st, 7, o->recipient);
    db_bind_text(st, 8, o->subject ? o->subject : "");
    db_bind_text(st, 9, o->body ? o->body : "");
    db_bind_int(st, 10, o->next_at);
    db_bind_text(st, 11, o->created_at);
    rc = db_step(st, err);
    *queued = rc == DB_ROW;
    if (rc == DB_ROW)
        o->id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_outbox_claim(struct dj_db *db, int64_t now, int64_t lease_before, const char *holder,
                       int64_t only_id, struct dj_outbox *out, bool *found, struct dj_err *err)
{
    *found = false;
    struct dj_stmt *st;
    /* one statement; on PostgreSQL the row is picked with SKIP LOCKED so
     * that servers claiming at once take different rows (SQLite writes one
     * transaction at a time) */
#define CLAIM_DUE                                                                                \
    "((status = 'queued' AND next_at <= $1) OR (status = 'sending' AND claimed_at < $2))"
#define CLAIM_PICK                                                                               \
    "SELECT id FROM notify_outbox WHERE " CLAIM_DUE                                              \
    " AND (CAST($4 AS BIGINT) IS NULL OR id = $4) ORDER BY id LIMIT 1"
#define CLAIM_SET                                                                                \
    "UPDATE notify_outbox SET status = 'sending', attempts = attempts + 1, claimed_by = $3,"      \
    " claimed_at = $1 WHERE id = "
    int rc = db_engine(db) == DJ_DB_POSTGRESQL
                 ? db_query(db, CLAIM_SET "(" CLAIM_PICK " FOR UPDATE SKIP LOCKED) AND " CLAIM_DUE
                                          " RETURNING id",
                            &st, err)
                 : db_query(db, CLAIM_SET "(" CLAIM_PICK ") AND " CLAIM_DUE " RETURNING id", &st,
                            err);
    if (rc)
        return rc;
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, lease_before);
    db_bind_text(st, 3, holder);
    if (only_id)
        db_bind_int(st, 4, only_id);
    else
        db_bind_null(st, 4);
    rc = db_step(st, err);
    int64_t id = rc == DB_ROW ? db_int(st, 0) : 0;
    db_done(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return rc;
    if (!id)
        return 0;
    return store_outbox_get(db, id, out, err) ? err->code : (*found = true, 0);
}

int store_outbox_finish(struct dj_db *db, int64_t id, const char *status, int64_t next_at,
                        const char *last_error, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE notify_outbox SET status = $2, next_at = $3, last_error = $4,"
                      " sent_at = CASE WHEN $2 = 'sent' THEN $5 ELSE sent_at END WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status);
    db_bind_int(st, 3, next_at);
    db_bind_text(st, 4, last_error ? last_error : "");
    db_bind_text(st, 5, now);
    return db_run(st, err);
}

int store_outbox_get(struct dj_db *db, int64_t id, struct dj_outbox *out, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, OUTBOX_SELECT " WHERE o.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    bool found;
    if ((rc = outbox_one(st, out, &found, err)))
        return rc;
    return found ? 0 : dj_err_set(err, DJ_ENOTFOUND, "发送记录不存在");
}

#define OUTBOX_WHERE                                                                             \
    " WHERE o.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR o.person_id = $2)"              \
    " AND (CAST($3 AS TEXT) IS NULL OR o.status = $3)"                                            \
    " AND (CAST($4 AS TEXT) IS NULL OR o.channel = $4)"                                           \
    " AND (CAST($5 AS TEXT) IS NULL OR o.kind = $5)"                                              \
    " AND (CAST($6 AS TEXT) IS NULL OR o.day >= $6)"                                              \
    " AND (CAST($7 AS TEXT) IS NULL OR o.day <= $7)"

static void bind_outbox_filter(struct dj_stmt *st, const struct dj_outbox_filter *f)
{
    db_bind_int(st, 1, f->bureau_id);
    if (f->person_id)
        db_bind_int(st, 2, f->person_id);
    else
        db_bind_null(st, 2);
    bind_opt_text(st, 3, f->status);
    bind_opt_text(st, 4, f->channel);
    bind_opt_text(st, 5, f->kind);
    bind_opt_text(st, 6, f->from);
    bind_opt_text(st, 7, f->to);
}

int store_outbox_list(struct dj_db *db, const struct dj_outbox_filter *f, struct dj_outbox **items,
                      int *count, int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM notify_outbox o" OUTBOX_WHERE, &st, err);
    if (rc)
        return rc;
    bind_outbox_filter(st, f);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db, OUTBOX_SELECT OUTBOX_WHERE " ORDER BY o.id DESC LIMIT $8 OFFSET $9", &st,
                       err)))
        return rc;
    bind_outbox_filter(st, f);
    db_bind_int(st, 8, f->limit);
    db_bind_int(st, 9, f->offset);
    rc = db_collect(st, (void **)items, count, sizeof **items, outbox_from_row, err);
    for (int i = 0; !rc && i < *count; i++)
        if (!(*items)[i].subject || !(*items)[i].body)
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (rc) {
        store_outbox_free(*items, *count);
        *items = NULL;
        *count = 0;
    }
    return rc;
}

static void id_from_row(struct dj_stmt *st, void *item)
{
    *(int64_t *)item = db_int(st, 0);
}

int store_notify_bureaus(struct dj_db *db, int64_t **ids, int *count, struct dj_err *err)
{
    *ids = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT s.bureau_id FROM notify_settings s JOIN bureaus b ON b.org_id = s.bureau_id"
                      " WHERE b.status = 'active' ORDER BY s.bureau_id",
                      &st, err);
    if (rc)
        return rc;
    return db_collect(st, (void **)ids, count, sizeof **ids, id_from_row, err);
}
