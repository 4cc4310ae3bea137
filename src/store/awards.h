/* store/awards: award_nominations and award_votes (migration 008).  Plain
 * structs; arrays the caller frees; writes inside the caller's transaction. */
#ifndef DJ_STORE_AWARDS_H
#define DJ_STORE_AWARDS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_nomination {
    int64_t id, evaluation_id, target_id, nominated_by;
    char award[32];
    char reason[1024];
    char nominated_by_name[64];
    int votes;        /* votes cast for it */
    bool my_vote;     /* the asking user voted for it */
    char created_at[32];
};
/* The nominations of an evaluation with their vote counts and whether the
 * person voter_person_id voted for each; ordered by award, votes (most first), target. */
int store_nominations_list(struct dj_db *db, int64_t evaluation_id, int64_t voter_person_id,
                           struct dj_nomination **items, int *count, struct dj_err *err);
int store_nomination_insert(struct dj_db *db, struct dj_nomination *n, struct dj_err *err);
int store_nomination_delete(struct dj_db *db, int64_t evaluation_id, const char *award,
                            int64_t target_id, struct dj_err *err);

/* How many votes the person voter_person_id cast in the award (one person,
 * one ballot, whichever account they used). */
int store_votes_by(struct dj_db *db, int64_t evaluation_id, const char *award, int64_t voter_person_id,
                   int *count, struct dj_err *err);
/* DJ_ECONFLICT when the person already voted for that target; voter_id is
 * the account that cast the vote. */
int store_vote_insert(struct dj_db *db, int64_t evaluation_id, const char *award,
                      int64_t target_id, int64_t voter_id, int64_t voter_person_id,
                      struct dj_err *err);
int store_vote_delete(struct dj_db *db, int64_t evaluation_id, const char *award,
                      int64_t target_id, int64_t voter_person_id, struct dj_err *err);

#endif
