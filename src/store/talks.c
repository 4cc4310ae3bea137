#include "store/talks.h"

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

/* ---- settings ---- */

int store_talk_settings_get(struct dj_db *db, int64_t bureau_id, struct dj_talk_settings *s,
                            struct dj_err *err)
{
    memset(s, 0, sizeof *s);
    s->bureau_id = bureau_id;
    COPY(s->content_roles, "discipline");
    s->due_days = 30;
    s->absence_months = 3;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT content_roles, due_days, absence_months, kinds, updated_at"
                      " FROM talk_settings WHERE bureau_id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        COPY(s->content_roles, db_text(st, 0));
        s->due_days = (int)db_int(st, 1);
        s->absence_months = (int)db_int(st, 2);
        COPY(s->kinds, db_text(st, 3));
        COPY(s->updated_at, db_text(st, 4));
        s->stored = true;
    }
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_talk_settings_put(struct dj_db *db, struct dj_talk_settings *s, struct dj_err *err)
{
    dj_now_rfc3339(s->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO talk_settings (bureau_id, content_roles, due_days, absence_months,"
                      " kinds, updated_at) VALUES ($1, $2, $3, $4, $5, $6)"
                      " ON CONFLICT (bureau_id) DO UPDATE SET content_roles = excluded.content_roles,"
                      " due_days = excluded.due_days, absence_months = excluded.absence_months,"
                      " kinds = excluded.kinds, updated_at = excluded.updated_at",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->bureau_id);
    db_bind_text(st, 2, s->content_roles);
    db_bind_int(st, 3, s->due_days);
    db_bind_int(st, 4, s->absence_months);
    db_bind_text(st, 5, s->kinds);
    db_bind_text(st, 6, s->updated_at);
    s->stored = true;
    return db_run(st, err);
}

/* ---- talks ---- */

#define TALK_SELECT                                                                              \
    "SELECT t.id, t.bureau_id, t.org_id, o.name, o.path, t.held_on, t.kind, t.occasion, t.place," \
    " CASE WHEN t.content_sealed <> '' THEN 1 ELSE 0 END, t.created_by, t.created_at,"            \
    " t.updated_at FROM talks t JOIN orgs o ON o.id = t.org_id"

#define TALK_WHERE                                                                               \
    " WHERE t.bureau_id = $1 AND (CAST($2 AS BIGINT) = 1 OR o.path LIKE $3 OR EXISTS"              \
    " (SELECT 1 FROM talk_people v WHERE v.talk_id = t.id AND v.person_id = $4))"                 \
    " AND (CAST($5 AS BIGINT) IS NULL OR EXISTS"                                                  \
    " (SELECT 1 FROM talk_people w WHERE w.talk_id = t.id AND w.person_id = $5))"                 \
    " AND (CAST($6 AS TEXT) IS NULL OR t.kind = $6)"                                              \
    " AND (CAST($7 AS TEXT) IS NULL OR t.held_on >= $7)"                                          \
    " AND (CAST($8 AS TEXT) IS NULL OR t.held_on <= $8)"

static void talk_from_row(struct dj_stmt *st, void *item)
{
    struct dj_talk *t = item;
    memset(t, 0, sizeof *t);
    t->id = db_int(st, 0);
    t->bureau_id = db_int(st, 1);
    t->org_id = db_int(st, 2);
    COPY(t->org_name, db_text(st, 3));
    COPY(t->org_path, db_text(st, 4));
    COPY(t->held_on, db_text(st, 5));
    COPY(t->kind, db_text(st, 6));
    COPY(t->occasion, db_text(st, 7));
    COPY(t->place, db_text(st, 8));
    t->has_content = db_int(st, 9) != 0;
    t->created_by = db_int(st, 10);
    COPY(t->created_at, db_text(st, 11));
    COPY(t->updated_at, db_text(st, 12));
}

static void bind_talk_filter(struct dj_stmt *st, const struct dj_talk_filter *f, char *like,
                             size_t size)
{
    db_bind_int(st, 1, f->bureau_id);
    db_bind_int(st, 2, f->all ? 1 : 0);
    if (f->scope_path && *f->scope_path) {
        snprintf(like, size, "%s%%", f->scope_path);
        db_bind_text(st, 3, like);
    } else {
        db_bind_null(st, 3);
    }
    bind_opt_int(st, 4, f->viewer_person_id);
    bind_opt_int(st, 5, f->person_id);
    bind_opt_text(st, 6, f->kind);
    bind_opt_text(st, 7, f->from);
    bind_opt_text(st, 8, f->to);
}

int store_talk_list(struct dj_db *db, const struct dj_talk_filter *f, struct dj_talk **items,
                    int *count, int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT COUNT(*) FROM talks t JOIN orgs o ON o.id = t.org_id" TALK_WHERE,
                      &st, err);
    if (rc)
        return rc;
    bind_talk_filter(st, f, like, sizeof like);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return rc;
    if ((rc = db_query(db, TALK_SELECT TALK_WHERE " ORDER BY t.held_on DESC, t.id DESC LIMIT $9 OFFSET $10",
                       &st, err)))
        return rc;
    bind_talk_filter(st, f, like, sizeof like);
    db_bind_int(st, 9, f->limit);
    db_bind_int(st, 10, f->offset);
    return db_collect(st, (void **)items, count, sizeof **items, talk_from_row, err);
}

int store_talk_get(struct dj_db *db, int64_t id, struct dj_talk *t, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, TALK_SELECT " WHERE t.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        talk_from_row(st, t);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "谈话记录不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void talk_person_from_row(struct dj_stmt *st, void *item)
{
    struct dj_talk_person *p = item;
    memset(p, 0, sizeof *p);
    p->talk_id = db_int(st, 0);
    p->person_id = db_int(st, 1);
    COPY(p->side, db_text(st, 2));
    COPY(p->name, db_text(st, 3));
    COPY(p->staff_no, db_text(st, 4));
}

#define TALK_PEOPLE_SELECT                                                                       \
    "SELECT tp.talk_id, tp.person_id, tp.side, p.name, p.staff_no FROM talk_people tp"            \
    " JOIN people p ON p.id = tp.person_id"

int store_talk_people(struct dj_db *db, int64_t talk_id, struct dj_talk_person **items, int *count,
                      struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, TALK_PEOPLE_SELECT " WHERE tp.talk_id = $1 ORDER BY tp.side DESC, tp.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, talk_id);
    return db_collect(st, (void **)items, count, sizeof **items, talk_person_from_row, err);
}

int store_talk_people_between(struct dj_db *db, int64_t bureau_id, const char *from, const char *to,
                              struct dj_talk_person **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      TALK_PEOPLE_SELECT " JOIN talks t ON t.id = tp.talk_id WHERE t.bureau_id = $1"
                                         " AND (CAST($2 AS TEXT) IS NULL OR t.held_on >= $2)"
                                         " AND (CAST($3 AS TEXT) IS NULL OR t.held_on <= $3)"
                                         " ORDER BY tp.talk_id, tp.side DESC, tp.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    bind_opt_text(st, 2, from);
    bind_opt_text(st, 3, to);
    return db_collect(st, (void **)items, count, sizeof **items, talk_person_from_row, err);
}

int store_talk_content(struct dj_db *db, int64_t talk_id, char **out, struct dj_err *err)
{
    *out = NULL;
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT content_sealed FROM talks WHERE id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, talk_id);
    rc = db_step(st, err);
    if (rc == DB_ROW && !(*out = strdup(db_text(st, 0))))
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "谈话记录不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_talk_insert(struct dj_db *db, struct dj_talk *t, const char *content_sealed,
                      struct dj_err *err)
{
    dj_now_rfc3339(t->created_at);
    COPY(t->updated_at, t->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO talks (bureau_id, org_id, held_on, kind, occasion, place,"
                      " content_sealed, created_by, created_at, updated_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, t->bureau_id);
    db_bind_int(st, 2, t->org_id);
    db_bind_text(st, 3, t->held_on);
    db_bind_text(st, 4, t->kind);
    db_bind_text(st, 5, t->occasion);
    db_bind_text(st, 6, t->place);
    db_bind_text(st, 7, content_sealed ? content_sealed : "");
    bind_opt_int(st, 8, t->created_by);
    db_bind_text(st, 9, t->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        t->id = db_int(st, 0);
    db_done(st);
    t->has_content = content_sealed && *content_sealed;
    return rc == DB_ROW ? 0 : rc;
}

int store_talk_update(struct dj_db *db, struct dj_talk *t, const char *content_sealed,
                      struct dj_err *err)
{
    dj_now_rfc3339(t->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE talks SET org_id = $2, held_on = $3, kind = $4, occasion = $5,"
                      " place = $6, content_sealed = COALESCE($7, content_sealed), updated_at = $8"
                      " WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, t->id);
    db_bind_int(st, 2, t->org_id);
    db_bind_text(st, 3, t->held_on);
    db_bind_text(st, 4, t->kind);
    db_bind_text(st, 5, t->occasion);
    db_bind_text(st, 6, t->place);
    db_bind_text(st, 7, content_sealed);
    db_bind_text(st, 8, t->updated_at);
    if (content_sealed)
        t->has_content = *content_sealed != '\0';
    return db_run(st, err);
}

int store_talk_people_set(struct dj_db *db, int64_t talk_id, const struct dj_talk_person *people,
                          int n, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM talk_people WHERE talk_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, talk_id);
    if ((rc = db_run(st, err)))
        return rc;
    for (int i = 0; i < n && !rc; i++) {
        if ((rc = db_query(db, "INSERT INTO talk_people (talk_id, person_id, side) VALUES ($1, $2, $3)",
                           &st, err)))
            return rc;
        db_bind_int(st, 1, talk_id);
        db_bind_int(st, 2, people[i].person_id);
        db_bind_text(st, 3, people[i].side);
        rc = db_run(st, err);
    }
    return rc;
}

/* ---- 五必谈 facts ---- */

/* The person's current branch (name, path) as two columns. */
#define CURRENT_BRANCH(p)                                                                        \
    " (SELECT b.name FROM memberships cb JOIN orgs b ON b.id = cb.org_id"                         \
    "   WHERE cb.person_id = " p " AND cb.end_on IS NULL),"                                        \
    " (SELECT b.path FROM memberships cb JOIN orgs b ON b.id = cb.org_id"                         \
    "   WHERE cb.person_id = " p " AND cb.end_on IS NULL)"

static void trigger_from_row(struct dj_stmt *st, void *item)
{
    struct dj_talk_trigger *t = item;
    memset(t, 0, sizeof *t);
    t->person_id = db_int(st, 0);
    COPY(t->name, db_text(st, 1));
    COPY(t->staff_no, db_text(st, 2));
    COPY(t->branch_name, db_text(st, 3));
    COPY(t->branch_path, db_text(st, 4));
    COPY(t->on, db_text(st, 5));
    COPY(t->first_missed, db_text(st, 6));
    COPY(t->detail, db_text(st, 7));
}

static int triggers(struct dj_db *db, const char *sql, int64_t bureau_id, const char *from,
                    const char *to, struct dj_talk_trigger **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    if (from) {
        db_bind_text(st, 2, from);
        db_bind_text(st, 3, to);
    }
    return db_collect(st, (void **)items, count, sizeof **items, trigger_from_row, err);
}

int store_talk_post_triggers(struct dj_db *db, int64_t bureau_id, const char *from, const char *to,
                             struct dj_talk_trigger **items, int *count, struct dj_err *err)
{
    return triggers(db,
                    "SELECT p.id, p.name, p.staff_no," CURRENT_BRANCH("p.id") ", cm.start_on, '',"
                    " o.name || ' ' || cm.post FROM committee_members cm"
                    " JOIN orgs o ON o.id = cm.org_id JOIN people p ON p.id = cm.person_id"
                    " WHERE p.bureau_id = $1 AND cm.start_on >= $2 AND cm.start_on <= $3"
                    " ORDER BY cm.start_on, p.id",
                    bureau_id, from, to, items, count, err);
}

int store_talk_transfer_triggers(struct dj_db *db, int64_t bureau_id, const char *from,
                                 const char *to, struct dj_talk_trigger **items, int *count,
                                 struct dj_err *err)
{
    return triggers(db,
                    "SELECT p.id, p.name, p.staff_no," CURRENT_BRANCH("p.id") ", m.start_on, '',"
                    " o2.name || ' → ' || o.name FROM memberships m"
                    " JOIN people p ON p.id = m.person_id JOIN orgs o ON o.id = m.org_id"
                    " JOIN memberships m2 ON m2.person_id = m.person_id AND m2.end_on = (SELECT"
                    "   MAX(m3.end_on) FROM memberships m3 WHERE m3.person_id = m.person_id"
                    "   AND m3.end_on < m.start_on)"
                    " JOIN orgs o2 ON o2.id = m2.org_id"
                    " WHERE p.bureau_id = $1 AND m.start_on >= $2 AND m.start_on <= $3"
                    " AND m2.org_id <> m.org_id ORDER BY m.start_on, p.id",
                    bureau_id, from, to, items, count, err);
}

int store_talk_finding_triggers(struct dj_db *db, int64_t bureau_id, const char *from,
                                const char *to, struct dj_talk_trigger **items, int *count,
                                struct dj_err *err)
{
    /* dated the day found (a bureau's day; decided_at is the clock's instant) */
    return triggers(db,
                    "SELECT p.id, p.name, p.staff_no," CURRENT_BRANCH("p.id") ","
                    " f.found_on, '', r.text"
                    " FROM findings f JOIN finding_people fp ON fp.finding_id = f.id"
                    " JOIN people p ON p.id = fp.person_id JOIN conduct_rules r ON r.id = f.rule_id"
                    " WHERE f.bureau_id = $1 AND f.state = 'confirmed'"
                    " AND f.found_on >= $2 AND f.found_on <= $3"
                    " ORDER BY f.found_on, p.id",
                    bureau_id, from, to, items, count, err);
}

int store_talk_absence_facts(struct dj_db *db, int64_t bureau_id, struct dj_talk_trigger **items,
                             int *count, struct dj_err *err)
{
    return triggers(db,
                    "SELECT x.id, x.name, x.staff_no, x.branch_name, x.branch_path,"
                    " COALESCE(x.last_present, ''), (SELECT MIN(mt.held_on) FROM attendance a"
                    "   JOIN meetings mt ON mt.id = a.meeting_id WHERE a.person_id = x.id"
                    "   AND a.expected = 1 AND a.status IN ('缺席', '请假')"
                    "   AND mt.held_on > COALESCE(x.last_present, '')), ''"
                    " FROM (SELECT p.id, p.name, p.staff_no, b.name AS branch_name,"
                    "   b.path AS branch_path, (SELECT MAX(mt.held_on) FROM attendance a"
                    "   JOIN meetings mt ON mt.id = a.meeting_id WHERE a.person_id = p.id"
                    "   AND a.expected = 1 AND a.status IN ('出席', '迟到')) AS last_present"
                    "   FROM people p JOIN memberships ms ON ms.person_id = p.id AND ms.end_on IS NULL"
                    "   JOIN orgs b ON b.id = ms.org_id WHERE p.bureau_id = $1) x ORDER BY x.id",
                    bureau_id, NULL, NULL, items, count, err);
}

static void talkee_from_row(struct dj_stmt *st, void *item)
{
    struct dj_talkee_date *d = item;
    d->person_id = db_int(st, 0);
    COPY(d->held_on, db_text(st, 1));
}

int store_talkee_dates(struct dj_db *db, int64_t bureau_id, struct dj_talkee_date **items,
                       int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT tp.person_id, t.held_on FROM talk_people tp JOIN talks t ON t.id = tp.talk_id"
                      " WHERE t.bureau_id = $1 AND tp.side = 'talkee' ORDER BY tp.person_id, t.held_on",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    return db_collect(st, (void **)items, count, sizeof **items, talkee_from_row, err);
}

/* ---- statistics ---- */

static void stat_from_row(struct dj_stmt *st, void *item)
{
    struct dj_talk_stat_row *r = item;
    memset(r, 0, sizeof *r);
    r->talk_id = db_int(st, 0);
    COPY(r->held_on, db_text(st, 1));
    COPY(r->kind, db_text(st, 2));
    r->person_id = db_int(st, 3);
    COPY(r->birth_date, db_text(st, 4));
    r->leader = db_int(st, 5) != 0;
}

int store_talk_stat_rows(struct dj_db *db, int64_t bureau_id, const char *scope_path,
                         const char *from, const char *to, struct dj_talk_stat_row **items,
                         int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    struct dj_stmt *st;
    /* a leader: any post in a 党组, 党委, 机关党委 or 党总支, or 书记 or 副书记 of a
     * branch, held on the talk's day (core/talk_rules.h) */
    int rc = db_query(
        db,
        "SELECT t.id, t.held_on, t.kind, tp.person_id, p.birth_date,"
        " CASE WHEN EXISTS (SELECT 1 FROM committee_members cm JOIN orgs co ON co.id = cm.org_id"
        "   WHERE cm.person_id = tp.person_id AND cm.start_on <= t.held_on"
        "   AND (cm.end_on IS NULL OR cm.end_on >= t.held_on)"
        "   AND (co.type IN ('党组', '党委', '机关党委', '党总支') OR cm.post IN ('书记', '副书记')))"
        " THEN 1 ELSE 0 END"
        " FROM talks t JOIN orgs o ON o.id = t.org_id JOIN talk_people tp ON tp.talk_id = t.id"
        " AND tp.side = 'talkee' JOIN people p ON p.id = tp.person_id"
        " WHERE t.bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR o.path LIKE $2)"
        " AND t.held_on >= $3 AND t.held_on <= $4 ORDER BY t.held_on, t.id, tp.person_id",
        &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    if (scope_path && *scope_path) {
        snprintf(like, sizeof like, "%s%%", scope_path);
        db_bind_text(st, 2, like);
    } else {
        db_bind_null(st, 2);
    }
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    return db_collect(st, (void **)items, count, sizeof **items, stat_from_row, err);
}
