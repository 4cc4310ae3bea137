#include "store/awards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static void nomination_from_row(struct dj_stmt *st, void *item)
{
    struct dj_nomination *n = item;
    memset(n, 0, sizeof *n);
    n->id = db_int(st, 0);
    n->evaluation_id = db_int(st, 1);
    COPY(n->award, db_text(st, 2));
    n->target_id = db_int(st, 3);
    COPY(n->reason, db_text(st, 4));
    n->nominated_by = db_int(st, 5);
    COPY(n->nominated_by_name, db_text(st, 6));
    COPY(n->created_at, db_text(st, 7));
    n->votes = (int)db_int(st, 8);
    n->my_vote = db_int(st, 9) > 0;
}

int store_nominations_list(struct dj_db *db, int64_t evaluation_id, int64_t voter_person_id,
                           struct dj_nomination **items, int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(
        db,
        "SELECT n.id, n.evaluation_id, n.award, n.target_id, n.reason, COALESCE(n.nominated_by, 0),"
        " COALESCE(u.display_name, ''), n.created_at,"
        " (SELECT COUNT(*) FROM award_votes v WHERE v.evaluation_id = n.evaluation_id"
        "   AND v.award = n.award AND v.target_id = n.target_id),"
        " (SELECT COUNT(*) FROM award_votes v WHERE v.evaluation_id = n.evaluation_id"
        "   AND v.award = n.award AND v.target_id = n.target_id AND v.voter_person_id = $2)"
        " FROM award_nominations n LEFT JOIN users u ON u.id = n.nominated_by"
        " WHERE n.evaluation_id = $1 ORDER BY n.award, 9 DESC, n.target_id",
        &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    db_bind_int(st, 2, voter_person_id);
    return db_collect(st, (void **)items, count, sizeof **items, nomination_from_row, err);
}

int store_nomination_insert(struct dj_db *db, struct dj_nomination *n, struct dj_err *err)
{
    dj_now_rfc3339(n->created_at);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO award_nominations (evaluation_id, award, target_id, reason,"
                      " nominated_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, n->evaluation_id);
    db_bind_text(st, 2, n->award);
    db_bind_int(st, 3, n->target_id);
    db_bind_text(st, 4, n->reason);
    if (n->nominated_by)
        db_bind_int(st, 5, n->nominated_by);
    else
        db_bind_null(st, 5);
    db_bind_text(st, 6, n->created_at);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        n->id = db_int(st, 0);
    db_done(st);
    if (rc == DJ_ECONFLICT)
        return dj_err_set(err, DJ_ECONFLICT, "此人已被提名");
    return rc == DB_ROW ? 0 : rc;
}

int store_nomination_delete(struct dj_db *db, int64_t evaluation_id, const char *award,
                            int64_t target_id, struct dj_err *err)
{
    static const char *const sql[2] = {
        "DELETE FROM award_votes WHERE evaluation_id = $1 AND award = $2 AND target_id = $3",
        "DELETE FROM award_nominations WHERE evaluation_id = $1 AND award = $2 AND target_id = $3"};
    for (int i = 0; i < 2; i++) {
        struct dj_stmt *st;
        int rc = db_query(db, sql[i], &st, err);
        if (rc)
            return rc;
        db_bind_int(st, 1, evaluation_id);
        db_bind_text(st, 2, award);
        db_bind_int(st, 3, target_id);
        if ((rc = db_run(st, err)))
            return rc;
    }
    return 0;
}

int store_votes_by(struct dj_db *db, int64_t evaluation_id, const char *award, int64_t voter_person_id,
                   int *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT COUNT(*) FROM award_votes WHERE evaluation_id = $1 AND award = $2"
                      " AND voter_person_id = $3",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    db_bind_text(st, 2, award);
    db_bind_int(st, 3, voter_person_id);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *count = (int)db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_vote_insert(struct dj_db *db, int64_t evaluation_id, const char *award,
                      int64_t target_id, int64_t voter_id, int64_t voter_person_id,
                      struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO award_votes (evaluation_id, award, target_id, voter_id, voter_person_id,"
                      " created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    db_bind_text(st, 2, award);
    db_bind_int(st, 3, target_id);
    db_bind_int(st, 4, voter_id);
    db_bind_int(st, 5, voter_person_id);
    db_bind_text(st, 6, now);
    rc = db_run(st, err);
    return rc == DJ_ECONFLICT ? dj_err_set(err, DJ_ECONFLICT, "您已为此人投过票") : rc;
}

int store_vote_delete(struct dj_db *db, int64_t evaluation_id, const char *award,
                      int64_t target_id, int64_t voter_person_id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "DELETE FROM award_votes WHERE evaluation_id = $1 AND award = $2"
                      " AND target_id = $3 AND voter_person_id = $4",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, evaluation_id);
    db_bind_text(st, 2, award);
    db_bind_int(st, 3, target_id);
    db_bind_int(st, 4, voter_person_id);
    return db_run(st, err);
}
