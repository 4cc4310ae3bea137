/* objections: during an evaluation's public notice (公示) a member objects
 * to their own result, a branch secretary to their branch's, with a reason;
 * party_admin answers (possibly after changing entries, which recomputes).
 * Final waits until every objection is answered (core/evaluations).
 * Audited. */
#ifndef DJ_OBJECTIONS_H
#define DJ_OBJECTIONS_H

#include <jansson.h>

#include "core/authz.h"
#include "util/config.h"

int evaluations_object(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t id, int64_t target_id, const char *reason, int64_t *objection_id,
                       struct dj_err *err);
int evaluations_objections(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                           json_t **items, struct dj_err *err);
int evaluations_answer(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       int64_t objection_id, const char *answer, struct dj_err *err);

#endif
