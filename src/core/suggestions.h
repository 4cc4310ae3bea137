/* suggestions: 领导出题·科室献计 — topics a leader sets with a deadline,
 * suggestions people make (for a department or their own) against a topic
 * or free, the review (adopted as a work idea, merged into another,
 * declined; the reason always given) and the task that implements an
 * adopted idea (core/tasks; the task's detail names the suggestion back).
 *
 * Topics are set, suggestions reviewed and tasks made by the bureau's
 * organisers (meetings.write on the bureau's root).  A member makes their
 * own suggestions; whoever may record for a person (people_may_record)
 * makes them for the person.  Anyone of the bureau reads topics and
 * suggestions.  A topic takes suggestions from its opening to its deadline.
 * Every write is audited in its transaction.  JSON returned is the caller's. */
#ifndef DJ_SUGGESTIONS_H
#define DJ_SUGGESTIONS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/ideas.h"
#include "util/config.h"

int topics_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, struct dj_idea_filter *f, json_t **items,
                int64_t *total, struct dj_err *err);
/* One topic with its suggestions. */
int topics_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err);
/* body: title, description, leader_id (default the actor's person), opened_on (default today), deadline. */
int topics_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t *body,
                  json_t **out, struct dj_err *err);

int suggestions_list(struct dj_db *db, const struct dj_actor *actor, struct dj_idea_filter *f,
                     json_t **items, int64_t *total, struct dj_err *err);
int suggestions_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                    struct dj_err *err);
/* body: topic_id, person_id (default the actor's), department_id, title, content, submitted_on. */
int suggestions_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       json_t *body, json_t **out, struct dj_err *err);
/* body: decision (adopted, merged, declined), reason, merged_into (for merged), decided_on. */
int suggestions_review(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t id, json_t *body, json_t **out, struct dj_err *err);
/* Creates the task of an adopted suggestion and links both (body: the
 * task's fields; title, description, org_id and line default from the
 * suggestion and the bureau).  *out is the suggestion with the task. */
int suggestions_make_task(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                          int64_t id, json_t *body, json_t **out, struct dj_err *err);

#endif
