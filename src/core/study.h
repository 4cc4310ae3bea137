/* study: study hours per person (学习时长) — each record a day, hours
 * (hundredths), a mode (集中学习, 个人自学, 专题辅导, 线上学习, 研讨交流,
 * 实践学习 or the bureau's own words) and what was studied.  Recorded by
 * those with meetings.write on the person's branch (or the bureau); read by
 * those who may read the person's branch, and by the person. */
#ifndef DJ_STUDY_H
#define DJ_STUDY_H

#include <jansson.h>

#include "core/authz.h"
#include "store/learning.h"
#include "util/config.h"

json_t *study_json(const struct dj_study_record *r);
/* Fills the scope part of f (bureau, branch path or the actor's own person). */
int study_list(struct dj_db *db, const struct dj_actor *actor, struct dj_study_filter *f,
               json_t **items, int64_t *total, struct dj_err *err);
int study_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 struct dj_study_record *r, struct dj_err *err);
/* reason (may be NULL): why, kept in the audit record with the record's values */
int study_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                 struct dj_err *err);

#endif
