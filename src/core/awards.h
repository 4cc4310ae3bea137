/* awards: the award categories of an evaluation (the "1246" appraisal's six
 * kinds of 标兵, seed 003: 业务, 进步, 创新, 奉献, 生活, 示范), named in the
 * scheme's settings.awards [{"code", "title", "count"}].  Nominations with a
 * reason come from managers and from branch secretaries for their branch's
 * targets (until the notice); votes from every account of the bureau linked to
 * a person (until final), at most `count` per award and voter, counted
 * openly but never shown per voter.  The winners are the most voted, vetoed
 * targets skipped, ties at the last place kept.  Audited (a vote's record
 * names the award, not the choice). */
#ifndef DJ_AWARDS_H
#define DJ_AWARDS_H

#include <jansson.h>

#include "core/authz.h"

/* {"awards": [{"code", "title", "count", "nominees": [{"target_id", "name",
 * "unit", "reason", "nominated_by", "votes", "my_vote", "winner"}]}]} */
int awards_list(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                json_t **out, struct dj_err *err);
int awards_nominate(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                    const char *award, int64_t target_id, const char *reason, struct dj_err *err);
int awards_withdraw(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                    const char *award, int64_t target_id, struct dj_err *err);
/* Casts (or, with withdraw, takes back) the actor's vote. */
int awards_vote(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                const char *award, int64_t target_id, bool withdraw, struct dj_err *err);

#endif
