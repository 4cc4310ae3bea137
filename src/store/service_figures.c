#include "store/service_figures.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

/* "path%" for LIKE, or NULL */
static const char *like_of(const char *path, char *buf, size_t size)
{
    if (!path || !*path)
        return NULL;
    snprintf(buf, size, "%s%%", path);
    return buf;
}

/* ---- the year's figures ---- */

int store_service_stats(struct dj_db *db, int64_t bureau_id, const char *branch_path, const char *first,
                        const char *last, struct dj_service_stats *s, struct dj_err *err)
{
    /* $1 bureau, $2 first day, $3 last day, $4 branch LIKE (people by their
     * current branch; activities and pairings by their organisation) */
#define UNDER_P(col)                                                                             \
    " AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms JOIN orgs b"         \
    " ON b.id = ms.org_id WHERE ms.person_id = " col " AND ms.end_on IS NULL AND b.path LIKE $4))"
#define ACTIVE_C " c.bureau_id = $1 AND c.started_on <= $3 AND (c.ended_on IS NULL OR c.ended_on >= $2)"
    static const char sql[] =
        "SELECT"
        " (SELECT COUNT(DISTINCT c.person_id) FROM contacts c WHERE" ACTIVE_C UNDER_P("c.person_id") "),"
        " (SELECT COUNT(*) FROM contacts c WHERE" ACTIVE_C UNDER_P("c.person_id") "),"
        " (SELECT COUNT(*) FROM contacts c WHERE" ACTIVE_C " AND c.kind = 'household'"
        UNDER_P("c.person_id") "),"
        " (SELECT COUNT(*) FROM contact_visits v JOIN contacts c ON c.id = v.contact_id"
        "   WHERE v.bureau_id = $1 AND v.visited_on BETWEEN $2 AND $3" UNDER_P("c.person_id") "),"
        " (SELECT COALESCE(SUM(v.help_amount), 0) FROM contact_visits v JOIN contacts c"
        "   ON c.id = v.contact_id WHERE v.bureau_id = $1 AND v.visited_on BETWEEN $2 AND $3"
        UNDER_P("c.person_id") "),"
        " (SELECT COUNT(DISTINCT r.person_id) FROM community_registrations r WHERE r.bureau_id = $1"
        "   AND r.confirmed_on IS NOT NULL AND r.registered_on <= $3" UNDER_P("r.person_id") "),"
        " (SELECT COUNT(*) FROM community_registrations r WHERE r.bureau_id = $1"
        "   AND r.confirmed_on IS NOT NULL AND r.registered_on BETWEEN $2 AND $3" UNDER_P("r.person_id") "),"
        " (SELECT COUNT(*) FROM service_activities a JOIN orgs o ON o.id = a.org_id"
        "   WHERE a.bureau_id = $1 AND a.held_on BETWEEN $2 AND $3"
        "   AND (CAST($4 AS TEXT) IS NULL OR o.path LIKE $4)),"
        " (SELECT COUNT(*) FROM service_signups s JOIN service_activities a ON a.id = s.activity_id"
        "   WHERE s.bureau_id = $1 AND s.status = 'confirmed' AND a.held_on BETWEEN $2 AND $3"
        UNDER_P("s.person_id") "),"
        " (SELECT COALESCE(SUM(s.hours), 0) FROM service_signups s JOIN service_activities a"
        "   ON a.id = s.activity_id WHERE s.bureau_id = $1 AND s.status = 'confirmed'"
        "   AND a.held_on BETWEEN $2 AND $3" UNDER_P("s.person_id") "),"
        " (SELECT COUNT(*) FROM service_activities a JOIN orgs o ON o.id = a.org_id"
        "   WHERE a.bureau_id = $1 AND a.kind = 'masses' AND a.held_on BETWEEN $2 AND $3"
        "   AND (CAST($4 AS TEXT) IS NULL OR o.path LIKE $4)),"
        " (SELECT COUNT(*) FROM service_activities a JOIN orgs o ON o.id = a.org_id"
        "   WHERE a.bureau_id = $1 AND a.kind = 'enterprises' AND a.held_on BETWEEN $2 AND $3"
        "   AND (CAST($4 AS TEXT) IS NULL OR o.path LIKE $4)),"
        " (SELECT COUNT(*) FROM pairings r JOIN orgs o ON o.id = r.org_id WHERE r.bureau_id = $1"
        "   AND r.started_on <= $3 AND (r.ended_on IS NULL OR r.ended_on >= $2)"
        "   AND (CAST($4 AS TEXT) IS NULL OR o.path LIKE $4)),"
        " (SELECT COUNT(*) FROM pairing_activities x JOIN pairings r ON r.id = x.pairing_id"
        "   JOIN orgs o ON o.id = r.org_id WHERE x.bureau_id = $1 AND x.held_on BETWEEN $2 AND $3"
        "   AND (CAST($4 AS TEXT) IS NULL OR o.path LIKE $4))";
#undef UNDER_P
#undef ACTIVE_C
    memset(s, 0, sizeof *s);
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    db_bind_text(st, 4, like_of(branch_path, like, sizeof like));
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        int64_t *v[] = {&s->members_contacting, &s->contacts, &s->households, &s->visits, &s->help_amount,
                        &s->registered_members, &s->registrations_confirmed, &s->activities,
                        &s->person_times, &s->hours, &s->masses, &s->enterprises, &s->pairings,
                        &s->pairing_activities};
        for (int i = 0; i < (int)(sizeof v / sizeof v[0]); i++)
            *v[i] = db_int(st, i);
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

static void gap_from_row(struct dj_stmt *st, void *item)
{
    struct dj_contact_gap *g = item;
    memset(g, 0, sizeof *g);
    g->person_id = db_int(st, 0);
    COPY(g->name, db_text(st, 1));
    COPY(g->staff_no, db_text(st, 2));
    COPY(g->branch_name, db_text(st, 3));
    g->households = db_int(st, 4);
}

int store_contact_gaps(struct dj_db *db, int64_t bureau_id, const char *branch_path, const char *day,
                       int64_t min, struct dj_contact_gap **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    char like[200];
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT p.id, p.name, p.staff_no, b.name, (SELECT COUNT(*) FROM contacts c"
                      "   WHERE c.person_id = p.id AND c.kind = 'household' AND c.started_on <= $2"
                      "   AND (c.ended_on IS NULL OR c.ended_on >= $2)) AS n"
                      " FROM people p JOIN memberships ms ON ms.person_id = p.id AND ms.end_on IS NULL"
                      " JOIN orgs b ON b.id = ms.org_id"
                      " WHERE p.bureau_id = $1 AND p.political_status IN ('中共党员', '中共预备党员')"
                      " AND (CAST($3 AS TEXT) IS NULL OR b.path LIKE $3)"
                      " AND (SELECT COUNT(*) FROM contacts c WHERE c.person_id = p.id"
                      "   AND c.kind = 'household' AND c.started_on <= $2"
                      "   AND (c.ended_on IS NULL OR c.ended_on >= $2)) < $4"
                      " ORDER BY b.path, p.staff_no, p.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, day);
    db_bind_text(st, 3, like_of(branch_path, like, sizeof like));
    db_bind_int(st, 4, min);
    return db_collect(st, (void **)items, count, sizeof **items, gap_from_row, err);
}

static void fact_from_row(struct dj_stmt *st, void *item)
{
    struct dj_volunteer_fact *f = item;
    memset(f, 0, sizeof *f);
    f->person_id = db_int(st, 0);
    f->branch_id = db_int(st, 1);
    f->activity_id = db_int(st, 2);
    f->hours = db_int(st, 3);
    COPY(f->held_on, db_text(st, 4));
    COPY(f->title, db_text(st, 5));
}

int store_volunteer_facts(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                          struct dj_volunteer_fact **items, int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT s.person_id, COALESCE((SELECT ms.org_id FROM memberships ms"
                      "   WHERE ms.person_id = s.person_id AND ms.start_on <= a.held_on"
                      "   AND (ms.end_on IS NULL OR ms.end_on >= a.held_on) ORDER BY ms.id DESC LIMIT 1), 0),"
                      " a.id, s.hours, a.held_on, a.title"
                      " FROM service_signups s JOIN service_activities a ON a.id = s.activity_id"
                      " WHERE s.bureau_id = $1 AND s.status = 'confirmed' AND a.held_on BETWEEN $2 AND $3"
                      " ORDER BY a.held_on, a.id, s.person_id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    return db_collect(st, (void **)items, count, sizeof **items, fact_from_row, err);
}
