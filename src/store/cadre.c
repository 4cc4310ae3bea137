#include "store/cadre.h"

#include <stdio.h>
#include <stdlib.h>
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
    if (s && *s)
        db_bind_text(st, i, s);
    else
        db_bind_null(st, i);
}

static int returning_id(struct dj_stmt *st, int64_t *id, struct dj_err *err)
{
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

/* ---- postings ---- */

#define POSTING_SELECT                                                                                  \
    "SELECT c.id, c.bureau_id, c.person_id, p.name, c.kind, c.department_id, d.name, c.place, c.post,"     \
    " c.start_on, c.end_on, c.note, c.created_at, c.updated_at FROM cadre_postings c"                     \
    " JOIN people p ON p.id = c.person_id LEFT JOIN departments d ON d.id = c.department_id"

static void posting_from_row(struct dj_stmt *st, void *item)
{
    struct dj_posting *p = item;
    memset(p, 0, sizeof *p);
    p->id = db_int(st, 0);
    p->bureau_id = db_int(st, 1);
    p->person_id = db_int(st, 2);
    COPY(p->person_name, db_text(st, 3));
    COPY(p->kind, db_text(st, 4));
    p->department_id = db_int(st, 5);
    COPY(p->department_name, db_text(st, 6));
    COPY(p->place, db_text(st, 7));
    COPY(p->post, db_text(st, 8));
    COPY(p->start_on, db_text(st, 9));
    COPY(p->end_on, db_text(st, 10));
    COPY(p->note, db_text(st, 11));
    COPY(p->created_at, db_text(st, 12));
    COPY(p->updated_at, db_text(st, 13));
}

int store_postings_list(struct dj_db *db, int64_t bureau_id, int64_t person_id, const char *kind,
                        struct dj_posting **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, POSTING_SELECT " WHERE c.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR c.person_id = $2)"
                                         " AND (CAST($3 AS TEXT) IS NULL OR c.kind = $3)"
                                         " ORDER BY c.start_on DESC, c.id DESC", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    bind_opt_int(st, 2, person_id);
    bind_opt_text(st, 3, kind);
    return db_collect(st, (void **)items, count, sizeof **items, posting_from_row, err);
}

int store_posting_get(struct dj_db *db, int64_t id, struct dj_posting *p, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, POSTING_SELECT " WHERE c.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        posting_from_row(st, p);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "记录不存在");
    return rc == DB_ROW ? 0 : rc;
}

static void bind_posting(struct dj_stmt *st, const struct dj_posting *p)
{
    db_bind_int(st, 1, p->person_id);
    db_bind_text(st, 2, p->kind);
    bind_opt_int(st, 3, p->department_id);
    db_bind_text(st, 4, p->place);
    db_bind_text(st, 5, p->post);
    db_bind_text(st, 6, p->start_on);
    bind_opt_text(st, 7, p->end_on);
    db_bind_text(st, 8, p->note);
    db_bind_text(st, 9, p->updated_at);
}

int store_posting_insert(struct dj_db *db, struct dj_posting *p, struct dj_err *err)
{
    dj_now_rfc3339(p->created_at);
    COPY(p->updated_at, p->created_at);
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO cadre_postings (person_id, kind, department_id, place, post, start_on, end_on,"
                          " note, updated_at, created_at, bureau_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)"
                          " RETURNING id", &st, err);
    if (rc)
        return rc;
    bind_posting(st, p);
    db_bind_int(st, 10, p->bureau_id);
    return returning_id(st, &p->id, err);
}

int store_posting_update(struct dj_db *db, struct dj_posting *p, struct dj_err *err)
{
    dj_now_rfc3339(p->updated_at);
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE cadre_postings SET person_id = $1, kind = $2, department_id = $3, place = $4,"
                          " post = $5, start_on = $6, end_on = $7, note = $8, updated_at = $9 WHERE id = $10", &st, err);
    if (rc)
        return rc;
    bind_posting(st, p);
    db_bind_int(st, 10, p->id);
    return db_run(st, err);
}

/* ---- mentorships ---- */

#define MENTOR_SELECT                                                                                   \
    "SELECT m.id, m.bureau_id, m.mentor_id, a.name, m.mentee_id, b.name, m.mode, m.goals, m.start_on,"     \
    " m.end_on, (SELECT COUNT(*) FROM mentorship_reviews r WHERE r.mentorship_id = m.id), m.created_at,"  \
    " m.updated_at FROM mentorships m JOIN people a ON a.id = m.mentor_id JOIN people b ON b.id = m.mentee_id"

static void mentorship_from_row(struct dj_stmt *st, void *item)
{
    struct dj_mentorship *m = item;
    memset(m, 0, sizeof *m);
    m->id = db_int(st, 0);
    m->bureau_id = db_int(st, 1);
    m->mentor_id = db_int(st, 2);
    COPY(m->mentor_name, db_text(st, 3));
    m->mentee_id = db_int(st, 4);
    COPY(m->mentee_name, db_text(st, 5));
    COPY(m->mode, db_text(st, 6));
    COPY(m->goals, db_text(st, 7));
    COPY(m->start_on, db_text(st, 8));
    COPY(m->end_on, db_text(st, 9));
    m->reviews = (int)db_int(st, 10);
    COPY(m->created_at, db_text(st, 11));
    COPY(m->updated_at, db_text(st, 12));
}

int store_mentorships_list(struct dj_db *db, int64_t bureau_id, int64_t person_id, const char *mode,
                           struct dj_mentorship **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, MENTOR_SELECT " WHERE m.bureau_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR m.mentor_id = $2"
                                        " OR m.mentee_id = $2) AND (CAST($3 AS TEXT) IS NULL OR m.mode = $3)"
                                        " ORDER BY m.start_on DESC, m.id DESC", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    bind_opt_int(st, 2, person_id);
    bind_opt_text(st, 3, mode);
    return db_collect(st, (void **)items, count, sizeof **items, mentorship_from_row, err);
}

int store_mentorship_get(struct dj_db *db, int64_t id, struct dj_mentorship *m, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, MENTOR_SELECT " WHERE m.id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        mentorship_from_row(st, m);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "帮带记录不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_mentorship_insert(struct dj_db *db, struct dj_mentorship *m, struct dj_err *err)
{
    dj_now_rfc3339(m->created_at);
    COPY(m->updated_at, m->created_at);
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO mentorships (bureau_id, mentor_id, mentee_id, mode, goals, start_on, end_on,"
                          " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, m->bureau_id);
    db_bind_int(st, 2, m->mentor_id);
    db_bind_int(st, 3, m->mentee_id);
    db_bind_text(st, 4, m->mode);
    db_bind_text(st, 5, m->goals);
    db_bind_text(st, 6, m->start_on);
    bind_opt_text(st, 7, m->end_on);
    db_bind_text(st, 8, m->created_at);
    return returning_id(st, &m->id, err);
}

static void review_from_row(struct dj_stmt *st, void *item)
{
    struct dj_mentorship_review *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->mentorship_id = db_int(st, 1);
    COPY(r->reviewed_on, db_text(st, 2));
    COPY(r->rating, db_text(st, 3));
    COPY(r->summary, db_text(st, 4));
}

int store_mentorship_reviews(struct dj_db *db, int64_t mentorship_id, struct dj_mentorship_review **items,
                             int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT id, mentorship_id, reviewed_on, rating, summary FROM mentorship_reviews"
                          " WHERE mentorship_id = $1 ORDER BY reviewed_on, id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, mentorship_id);
    return db_collect(st, (void **)items, count, sizeof **items, review_from_row, err);
}

int store_mentorship_review_insert(struct dj_db *db, int64_t bureau_id, struct dj_mentorship_review *r,
                                   struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db, "INSERT INTO mentorship_reviews (bureau_id, mentorship_id, reviewed_on, rating, summary,"
                          " created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, bureau_id);
    db_bind_int(st, 2, r->mentorship_id);
    db_bind_text(st, 3, r->reviewed_on);
    db_bind_text(st, 4, r->rating);
    db_bind_text(st, 5, r->summary);
    db_bind_text(st, 6, now);
    return returning_id(st, &r->id, err);
}
