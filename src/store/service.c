#include "store/service.h"

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

/* "path%" for LIKE, or NULL */
static const char *like_of(const char *path, char *buf, size_t size)
{
    if (!path || !*path)
        return NULL;
    snprintf(buf, size, "%s%%", path);
    return buf;
}

/* The filter's parameters of one list, $1.. in the order of its WHERE. */
typedef int (*bind_fn)(struct dj_stmt *st, const struct dj_service_filter *f, const char *like);

/* One page of a list: the count, then the rows (limit and offset bound after
 * the filter's nbound parameters). */
static int page(struct dj_db *db, const char *count_sql, const char *rows_sql, bind_fn bind,
                const struct dj_service_filter *f, void **items, int *count, size_t elem,
                db_row_fn from_row, int64_t *total, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    const char *l = like_of(f->branch_path, like, sizeof like);
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

/* Runs an INSERT ... RETURNING id already bound. */
static int insert_id(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

/* the person's current branch lies under $3 */
#define PERSON_UNDER(col)                                                                        \
    " AND (CAST($3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms"                     \
    "   JOIN orgs b ON b.id = ms.org_id WHERE ms.person_id = " col " AND ms.end_on IS NULL"      \
    "   AND b.path LIKE $3))"

/* ---- contacts ---- */

#define CONTACT_SELECT                                                                           \
    "SELECT c.id, c.bureau_id, c.person_id, p.name, p.staff_no, COALESCE(c.org_id, 0),"          \
    " COALESCE(o.name, ''), c.kind, c.name, c.place, c.phone, c.started_on, c.ended_on, c.note," \
    " (SELECT COUNT(*) FROM contact_visits v WHERE v.contact_id = c.id), c.created_at,"          \
    " c.updated_at FROM contacts c JOIN people p ON p.id = c.person_id"                         \
    " LEFT JOIN orgs o ON o.id = c.org_id"
#define CONTACT_WHERE                                                                            \
    " WHERE c.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR c.person_id = $2)"               \
    PERSON_UNDER("c.person_id")                                                                  \
    " AND (CAST($4 AS TEXT) IS NULL OR c.kind = $4)"                                             \
    " AND (CAST($5 AS TEXT) IS NULL OR (c.started_on <= $5"                                      \
    "   AND (c.ended_on IS NULL OR c.ended_on >= $5)))"

static void contact_from_row(struct dj_stmt *st, void *item)
{
    struct dj_contact *c = item;
    memset(c, 0, sizeof *c);
    c->id = db_int(st, 0);
    c->bureau_id = db_int(st, 1);
    c->person_id = db_int(st, 2);
    COPY(c->person_name, db_text(st, 3));
    COPY(c->staff_no, db_text(st, 4));
    c->org_id = db_int(st, 5);
    COPY(c->org_name, db_text(st, 6));
    COPY(c->kind, db_text(st, 7));
    COPY(c->name, db_text(st, 8));
    COPY(c->place, db_text(st, 9));
    COPY(c->phone, db_text(st, 10));
    COPY(c->started_on, db_text(st, 11));
    COPY(c->ended_on, db_text(st, 12));
    COPY(c->note, db_text(st, 13));
    c->visits = db_int(st, 14);
    COPY(c->created_at, db_text(st, 15));
    COPY(c->updated_at, db_text(st, 16));
}

static int bind_contacts(struct dj_stmt *st, const struct dj_service_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    db_bind_text(st, 3, like);
    bind_opt_text(st, 4, f->kind);
    bind_opt_text(st, 5, f->active_on);
    return 5;
}

int store_contact_list(struct dj_db *db, const struct dj_service_filter *f, struct dj_contact **items,
                       int *count, int64_t *total, struct dj_err *err)
{
    return page(db, "SELECT COUNT(*) FROM contacts c" CONTACT_WHERE,
                CONTACT_SELECT CONTACT_WHERE " ORDER BY p.staff_no, c.started_on, c.id LIMIT $6 OFFSET $7",
                bind_contacts, f, (void **)items, count, sizeof **items, contact_from_row, total, err);
}

int store_contact_get(struct dj_db *db, int64_t id, struct dj_contact *c, struct dj_err *err)
{
    return get_one(db, CONTACT_SELECT " WHERE c.id = $1", id, c, contact_from_row, "联系点不存在", err);
}

int store_contact_insert(struct dj_db *db, struct dj_contact *c, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(c->created_at);
    COPY(c->updated_at, c->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO contacts (bureau_id, person_id, org_id, kind, name, place, phone,"
                      " started_on, ended_on, note, created_by, created_at, updated_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, c->bureau_id);
    db_bind_int(st, 2, c->person_id);
    bind_opt_int(st, 3, c->org_id);
    db_bind_text(st, 4, c->kind);
    db_bind_text(st, 5, c->name);
    db_bind_text(st, 6, c->place);
    db_bind_text(st, 7, c->phone);
    db_bind_text(st, 8, c->started_on);
    bind_opt_text(st, 9, c->ended_on);
    db_bind_text(st, 10, c->note);
    bind_opt_int(st, 11, by);
    db_bind_text(st, 12, c->created_at);
    return insert_id(st, &c->id, err);
}

int store_contact_update(struct dj_db *db, struct dj_contact *c, struct dj_err *err)
{
    dj_now_rfc3339(c->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE contacts SET org_id = $2, kind = $3, name = $4, place = $5, phone = $6,"
                      " started_on = $7, ended_on = $8, note = $9, updated_at = $10 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, c->id);
    bind_opt_int(st, 2, c->org_id);
    db_bind_text(st, 3, c->kind);
    db_bind_text(st, 4, c->name);
    db_bind_text(st, 5, c->place);
    db_bind_text(st, 6, c->phone);
    db_bind_text(st, 7, c->started_on);
    bind_opt_text(st, 8, c->ended_on);
    db_bind_text(st, 9, c->note);
    db_bind_text(st, 10, c->updated_at);
    return db_run(st, err);
}

/* ---- visits ---- */

#define VISIT_SELECT                                                                             \
    "SELECT v.id, v.bureau_id, v.contact_id, c.person_id, p.name, c.name, c.kind, v.visited_on,"  \
    " v.content, v.help_kind, v.help_amount, v.created_at FROM contact_visits v"                 \
    " JOIN contacts c ON c.id = v.contact_id JOIN people p ON p.id = c.person_id"
#define VISIT_WHERE                                                                              \
    " WHERE v.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR c.person_id = $2)"               \
    PERSON_UNDER("c.person_id")                                                                  \
    " AND (CAST($4 AS BIGINT) IS NULL OR v.contact_id = $4)"                                     \
    " AND (CAST($5 AS TEXT) IS NULL OR v.visited_on >= $5)"                                      \
    " AND (CAST($6 AS TEXT) IS NULL OR v.visited_on <= $6)"

static void visit_from_row(struct dj_stmt *st, void *item)
{
    struct dj_contact_visit *v = item;
    memset(v, 0, sizeof *v);
    v->id = db_int(st, 0);
    v->bureau_id = db_int(st, 1);
    v->contact_id = db_int(st, 2);
    v->person_id = db_int(st, 3);
    COPY(v->person_name, db_text(st, 4));
    COPY(v->contact_name, db_text(st, 5));
    COPY(v->contact_kind, db_text(st, 6));
    COPY(v->visited_on, db_text(st, 7));
    COPY(v->content, db_text(st, 8));
    COPY(v->help_kind, db_text(st, 9));
    v->help_amount = db_int(st, 10);
    COPY(v->created_at, db_text(st, 11));
}

static int bind_visits(struct dj_stmt *st, const struct dj_service_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    db_bind_text(st, 3, like);
    bind_opt_int(st, 4, f->parent_id);
    bind_opt_text(st, 5, f->from);
    bind_opt_text(st, 6, f->to);
    return 6;
}

int store_visit_list(struct dj_db *db, const struct dj_service_filter *f, struct dj_contact_visit **items,
                     int *count, int64_t *total, struct dj_err *err)
{
    return page(db,
                "SELECT COUNT(*) FROM contact_visits v JOIN contacts c ON c.id = v.contact_id" VISIT_WHERE,
                VISIT_SELECT VISIT_WHERE " ORDER BY v.visited_on DESC, v.id DESC LIMIT $7 OFFSET $8",
                bind_visits, f, (void **)items, count, sizeof **items, visit_from_row, total, err);
}

int store_visit_get(struct dj_db *db, int64_t id, struct dj_contact_visit *v, struct dj_err *err)
{
    return get_one(db, VISIT_SELECT " WHERE v.id = $1", id, v, visit_from_row, "走访记录不存在", err);
}

int store_visit_insert(struct dj_db *db, struct dj_contact_visit *v, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(v->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO contact_visits (bureau_id, contact_id, visited_on, content, help_kind,"
                      " help_amount, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, v->bureau_id);
    db_bind_int(st, 2, v->contact_id);
    db_bind_text(st, 3, v->visited_on);
    db_bind_text(st, 4, v->content);
    db_bind_text(st, 5, v->help_kind);
    db_bind_int(st, 6, v->help_amount);
    bind_opt_int(st, 7, by);
    db_bind_text(st, 8, v->created_at);
    return insert_id(st, &v->id, err);
}

/* ---- pairings ---- */

#define PAIRING_SELECT                                                                           \
    "SELECT r.id, r.bureau_id, r.org_id, o.name, o.path, r.partner, r.partner_kind, r.started_on," \
    " r.ended_on, r.note, (SELECT COUNT(*) FROM pairing_activities a WHERE a.pairing_id = r.id),"  \
    " r.created_at FROM pairings r JOIN orgs o ON o.id = r.org_id"
#define PAIRING_WHERE " WHERE r.bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR o.path LIKE $2)"

static void pairing_from_row(struct dj_stmt *st, void *item)
{
    struct dj_pairing *p = item;
    memset(p, 0, sizeof *p);
    p->id = db_int(st, 0);
    p->bureau_id = db_int(st, 1);
    p->org_id = db_int(st, 2);
    COPY(p->org_name, db_text(st, 3));
    COPY(p->org_path, db_text(st, 4));
    COPY(p->partner, db_text(st, 5));
    COPY(p->partner_kind, db_text(st, 6));
    COPY(p->started_on, db_text(st, 7));
    COPY(p->ended_on, db_text(st, 8));
    COPY(p->note, db_text(st, 9));
    p->activities = db_int(st, 10);
    COPY(p->created_at, db_text(st, 11));
}

static int bind_pairings(struct dj_stmt *st, const struct dj_service_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    db_bind_text(st, 2, like);
    return 2;
}

int store_pairing_list(struct dj_db *db, const struct dj_service_filter *f, struct dj_pairing **items,
                       int *count, int64_t *total, struct dj_err *err)
{
    return page(db, "SELECT COUNT(*) FROM pairings r JOIN orgs o ON o.id = r.org_id" PAIRING_WHERE,
                PAIRING_SELECT PAIRING_WHERE " ORDER BY o.path, r.started_on, r.id LIMIT $3 OFFSET $4",
                bind_pairings, f, (void **)items, count, sizeof **items, pairing_from_row, total, err);
}

int store_pairing_get(struct dj_db *db, int64_t id, struct dj_pairing *p, struct dj_err *err)
{
    return get_one(db, PAIRING_SELECT " WHERE r.id = $1", id, p, pairing_from_row, "结对共建不存在", err);
}

int store_pairing_insert(struct dj_db *db, struct dj_pairing *p, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(p->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO pairings (bureau_id, org_id, partner, partner_kind, started_on, ended_on,"
                      " note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, p->bureau_id);
    db_bind_int(st, 2, p->org_id);
    db_bind_text(st, 3, p->partner);
    db_bind_text(st, 4, p->partner_kind);
    db_bind_text(st, 5, p->started_on);
    bind_opt_text(st, 6, p->ended_on);
    db_bind_text(st, 7, p->note);
    bind_opt_int(st, 8, by);
    db_bind_text(st, 9, p->created_at);
    return insert_id(st, &p->id, err);
}

static void pactivity_from_row(struct dj_stmt *st, void *item)
{
    struct dj_pairing_activity *a = item;
    memset(a, 0, sizeof *a);
    a->id = db_int(st, 0);
    a->bureau_id = db_int(st, 1);
    a->pairing_id = db_int(st, 2);
    COPY(a->held_on, db_text(st, 3));
    COPY(a->title, db_text(st, 4));
    COPY(a->content, db_text(st, 5));
    a->participants = db_int(st, 6);
    COPY(a->created_at, db_text(st, 7));
}

int store_pairing_activities(struct dj_db *db, int64_t pairing_id, struct dj_pairing_activity **items,
                             int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT id, bureau_id, pairing_id, held_on, title, content, participants, created_at"
                      " FROM pairing_activities WHERE pairing_id = $1 ORDER BY held_on, id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, pairing_id);
    return db_collect(st, (void **)items, count, sizeof **items, pactivity_from_row, err);
}

int store_pairing_activity_insert(struct dj_db *db, struct dj_pairing_activity *a, int64_t by,
                                  struct dj_err *err)
{
    dj_now_rfc3339(a->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO pairing_activities (bureau_id, pairing_id, held_on, title, content,"
                      " participants, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a->bureau_id);
    db_bind_int(st, 2, a->pairing_id);
    db_bind_text(st, 3, a->held_on);
    db_bind_text(st, 4, a->title);
    db_bind_text(st, 5, a->content);
    db_bind_int(st, 6, a->participants);
    bind_opt_int(st, 7, by);
    db_bind_text(st, 8, a->created_at);
    return insert_id(st, &a->id, err);
}

/* ---- community registrations ---- */

#define REG_SELECT                                                                               \
    "SELECT r.id, r.bureau_id, r.person_id, p.name, p.staff_no, COALESCE((SELECT b.name FROM"     \
    " memberships ms JOIN orgs b ON b.id = ms.org_id WHERE ms.person_id = p.id AND ms.end_on IS NULL" \
    " ORDER BY ms.id DESC LIMIT 1), ''), r.community, r.registered_on, r.confirmed_on, r.note,"    \
    " r.created_at FROM community_registrations r JOIN people p ON p.id = r.person_id"
#define REG_WHERE                                                                                \
    " WHERE r.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR r.person_id = $2)"               \
    PERSON_UNDER("r.person_id")                                                                  \
    " AND (CAST($4 AS TEXT) IS NULL OR ($4 = 'confirmed') = (r.confirmed_on IS NOT NULL))"

static void reg_from_row(struct dj_stmt *st, void *item)
{
    struct dj_registration *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->bureau_id = db_int(st, 1);
    r->person_id = db_int(st, 2);
    COPY(r->person_name, db_text(st, 3));
    COPY(r->staff_no, db_text(st, 4));
    COPY(r->branch_name, db_text(st, 5));
    COPY(r->community, db_text(st, 6));
    COPY(r->registered_on, db_text(st, 7));
    COPY(r->confirmed_on, db_text(st, 8));
    COPY(r->note, db_text(st, 9));
    COPY(r->created_at, db_text(st, 10));
}

static int bind_regs(struct dj_stmt *st, const struct dj_service_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    db_bind_text(st, 3, like);
    bind_opt_text(st, 4, f->status);
    return 4;
}

int store_registration_list(struct dj_db *db, const struct dj_service_filter *f,
                            struct dj_registration **items, int *count, int64_t *total,
                            struct dj_err *err)
{
    return page(db, "SELECT COUNT(*) FROM community_registrations r" REG_WHERE,
                REG_SELECT REG_WHERE " ORDER BY r.registered_on DESC, r.id DESC LIMIT $5 OFFSET $6",
                bind_regs, f, (void **)items, count, sizeof **items, reg_from_row, total, err);
}

int store_registration_get(struct dj_db *db, int64_t id, struct dj_registration *r, struct dj_err *err)
{
    return get_one(db, REG_SELECT " WHERE r.id = $1", id, r, reg_from_row, "报到记录不存在", err);
}

int store_registration_insert(struct dj_db *db, struct dj_registration *r, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(r->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO community_registrations (bureau_id, person_id, community, registered_on,"
                      " confirmed_on, confirmed_by, note, created_by, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, r->bureau_id);
    db_bind_int(st, 2, r->person_id);
    db_bind_text(st, 3, r->community);
    db_bind_text(st, 4, r->registered_on);
    bind_opt_text(st, 5, r->confirmed_on);
    bind_opt_int(st, 6, *r->confirmed_on ? by : 0);
    db_bind_text(st, 7, r->note);
    bind_opt_int(st, 8, by);
    db_bind_text(st, 9, r->created_at);
    return insert_id(st, &r->id, err);
}

int store_registration_confirm(struct dj_db *db, int64_t id, const char *on, int64_t by,
                               struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE community_registrations SET confirmed_on = $2, confirmed_by = $3 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, on);
    bind_opt_int(st, 3, by);
    return db_run(st, err);
}

/* ---- service activities ---- */

#define ACT_SELECT                                                                               \
    "SELECT a.id, a.bureau_id, a.org_id, o.name, o.path, a.kind, a.title, a.held_on, a.place,"    \
    " a.content, (SELECT COUNT(*) FROM service_signups s WHERE s.activity_id = a.id),"           \
    " (SELECT COUNT(*) FROM service_signups s WHERE s.activity_id = a.id"                        \
    "   AND s.status = 'confirmed'),"                                                             \
    " COALESCE((SELECT SUM(s.hours) FROM service_signups s WHERE s.activity_id = a.id"           \
    "   AND s.status = 'confirmed'), 0), a.created_at"                                           \
    " FROM service_activities a JOIN orgs o ON o.id = a.org_id"
#define ACT_WHERE                                                                                \
    " WHERE a.bureau_id = $1 AND (CAST($2 AS TEXT) IS NULL OR o.path LIKE $2)"                   \
    " AND (CAST($3 AS TEXT) IS NULL OR a.kind = $3)"                                             \
    " AND (CAST($4 AS TEXT) IS NULL OR a.held_on >= $4)"                                         \
    " AND (CAST($5 AS TEXT) IS NULL OR a.held_on <= $5)"

static void act_from_row(struct dj_stmt *st, void *item)
{
    struct dj_service_activity *a = item;
    memset(a, 0, sizeof *a);
    a->id = db_int(st, 0);
    a->bureau_id = db_int(st, 1);
    a->org_id = db_int(st, 2);
    COPY(a->org_name, db_text(st, 3));
    COPY(a->org_path, db_text(st, 4));
    COPY(a->kind, db_text(st, 5));
    COPY(a->title, db_text(st, 6));
    COPY(a->held_on, db_text(st, 7));
    COPY(a->place, db_text(st, 8));
    COPY(a->content, db_text(st, 9));
    a->signups = db_int(st, 10);
    a->confirmed = db_int(st, 11);
    a->confirmed_hours = db_int(st, 12);
    COPY(a->created_at, db_text(st, 13));
}

static int bind_acts(struct dj_stmt *st, const struct dj_service_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    db_bind_text(st, 2, like);
    bind_opt_text(st, 3, f->kind);
    bind_opt_text(st, 4, f->from);
    bind_opt_text(st, 5, f->to);
    return 5;
}

int store_activity_list(struct dj_db *db, const struct dj_service_filter *f,
                        struct dj_service_activity **items, int *count, int64_t *total,
                        struct dj_err *err)
{
    return page(db, "SELECT COUNT(*) FROM service_activities a JOIN orgs o ON o.id = a.org_id" ACT_WHERE,
                ACT_SELECT ACT_WHERE " ORDER BY a.held_on DESC, a.id DESC LIMIT $6 OFFSET $7", bind_acts,
                f, (void **)items, count, sizeof **items, act_from_row, total, err);
}

int store_activity_get(struct dj_db *db, int64_t id, struct dj_service_activity *a, struct dj_err *err)
{
    return get_one(db, ACT_SELECT " WHERE a.id = $1", id, a, act_from_row, "服务活动不存在", err);
}

int store_activity_insert(struct dj_db *db, struct dj_service_activity *a, int64_t by, struct dj_err *err)
{
    dj_now_rfc3339(a->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO service_activities (bureau_id, org_id, kind, title, held_on, place,"
                      " content, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                      " RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a->bureau_id);
    db_bind_int(st, 2, a->org_id);
    db_bind_text(st, 3, a->kind);
    db_bind_text(st, 4, a->title);
    db_bind_text(st, 5, a->held_on);
    db_bind_text(st, 6, a->place);
    db_bind_text(st, 7, a->content);
    bind_opt_int(st, 8, by);
    db_bind_text(st, 9, a->created_at);
    return insert_id(st, &a->id, err);
}

/* ---- sign-ups ---- */

#define SIGNUP_SELECT                                                                            \
    "SELECT s.id, s.bureau_id, s.activity_id, s.person_id, p.name, p.staff_no, a.title, a.kind,"  \
    " a.held_on, o.path, s.hours, s.status, s.reported_at, s.confirmed_at, s.created_at"          \
    " FROM service_signups s JOIN service_activities a ON a.id = s.activity_id"                 \
    " JOIN orgs o ON o.id = a.org_id JOIN people p ON p.id = s.person_id"
#define SIGNUP_WHERE                                                                             \
    " WHERE s.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR s.person_id = $2)"               \
    " AND (CAST($3 AS TEXT) IS NULL OR o.path LIKE $3 OR EXISTS (SELECT 1 FROM memberships ms"   \
    "   JOIN orgs b ON b.id = ms.org_id WHERE ms.person_id = s.person_id AND ms.end_on IS NULL"  \
    "   AND b.path LIKE $3))"                                                                    \
    " AND (CAST($4 AS TEXT) IS NULL OR s.status = $4)"                                           \
    " AND (CAST($5 AS TEXT) IS NULL OR a.held_on >= $5)"                                         \
    " AND (CAST($6 AS TEXT) IS NULL OR a.held_on <= $6)"                                         \
    " AND (CAST($7 AS BIGINT) IS NULL OR s.activity_id = $7)"

static void signup_from_row(struct dj_stmt *st, void *item)
{
    struct dj_signup *s = item;
    memset(s, 0, sizeof *s);
    s->id = db_int(st, 0);
    s->bureau_id = db_int(st, 1);
    s->activity_id = db_int(st, 2);
    s->person_id = db_int(st, 3);
    COPY(s->person_name, db_text(st, 4));
    COPY(s->staff_no, db_text(st, 5));
    COPY(s->activity_title, db_text(st, 6));
    COPY(s->activity_kind, db_text(st, 7));
    COPY(s->held_on, db_text(st, 8));
    COPY(s->org_path, db_text(st, 9));
    s->hours = db_int(st, 10);
    COPY(s->status, db_text(st, 11));
    COPY(s->reported_at, db_text(st, 12));
    COPY(s->confirmed_at, db_text(st, 13));
    COPY(s->created_at, db_text(st, 14));
}

static int bind_signups(struct dj_stmt *st, const struct dj_service_filter *f, const char *like)
{
    db_bind_int(st, 1, f->bureau_id);
    bind_opt_int(st, 2, f->person_id);
    db_bind_text(st, 3, like);
    bind_opt_text(st, 4, f->status);
    bind_opt_text(st, 5, f->from);
    bind_opt_text(st, 6, f->to);
    bind_opt_int(st, 7, f->parent_id);
    return 7;
}

int store_signup_list(struct dj_db *db, const struct dj_service_filter *f, struct dj_signup **items,
                      int *count, int64_t *total, struct dj_err *err)
{
    return page(db,
                "SELECT COUNT(*) FROM service_signups s JOIN service_activities a ON a.id = s.activity_id"
                " JOIN orgs o ON o.id = a.org_id" SIGNUP_WHERE,
                SIGNUP_SELECT SIGNUP_WHERE " ORDER BY a.held_on DESC, a.id DESC, p.staff_no, s.id"
                                           " LIMIT $8 OFFSET $9",
                bind_signups, f, (void **)items, count, sizeof **items, signup_from_row, total, err);
}

int store_signup_get(struct dj_db *db, int64_t id, struct dj_signup *s, struct dj_err *err)
{
    return get_one(db, SIGNUP_SELECT " WHERE s.id = $1", id, s, signup_from_row, "报名记录不存在", err);
}

int store_signup_insert(struct dj_db *db, struct dj_signup *s, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT id FROM service_signups WHERE activity_id = $1 AND person_id = $2", &st,
                      err);
    if (rc)
        return rc;
    db_bind_int(st, 1, s->activity_id);
    db_bind_int(st, 2, s->person_id);
    rc = db_step(st, err);
    db_done(st);
    if (rc == DB_ROW)
        return dj_err_set(err, DJ_ECONFLICT, "已经报名了这项活动");
    if (rc != DB_DONE)
        return rc;
    dj_now_rfc3339(s->created_at);
    if ((rc = db_query(db,
                       "INSERT INTO service_signups (bureau_id, activity_id, person_id, hours, status,"
                       " created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                       &st, err)))
        return rc;
    db_bind_int(st, 1, s->bureau_id);
    db_bind_int(st, 2, s->activity_id);
    db_bind_int(st, 3, s->person_id);
    db_bind_int(st, 4, s->hours);
    db_bind_text(st, 5, s->status);
    db_bind_text(st, 6, s->created_at);
    return insert_id(st, &s->id, err);
}

int store_signup_set(struct dj_db *db, int64_t id, int64_t hours, const char *status, int64_t confirmed_by,
                     struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE service_signups SET hours = $2, status = $3,"
                      " reported_at = CASE WHEN $3 = 'reported' THEN $4 ELSE reported_at END,"
                      " confirmed_at = CASE WHEN $3 = 'confirmed' THEN $4 ELSE NULL END,"
                      " confirmed_by = $5 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, hours);
    db_bind_text(st, 3, status);
    db_bind_text(st, 4, now);
    bind_opt_int(st, 5, confirmed_by);
    return db_run(st, err);
}
