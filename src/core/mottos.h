/* mottos: 格言 and 每日一提醒 — mottos members submit (their own, or for a
 * person by whoever may record for them), reviewed once by the bureau's
 * organisers (meetings.write on the root: approved or rejected), and the
 * motto of the day: one approved motto a day in a fair rotation.
 *
 * The rotation is a pure function of the date and the approvals: from the
 * day after the first approval, day by day, the next motto in order of
 * approval (reviewed_on, id) among those approved before that day; when all
 * have been shown the round starts again from the first.  A motto approved
 * during a round joins its end, so every approved motto is shown once
 * before any repeats, and a day's motto never changes once the day began.
 *
 * Approved mottos are read by anyone of the bureau; pending and rejected
 * ones by the organisers and their author.  JSON returned is the caller's. */
#ifndef DJ_MOTTOS_H
#define DJ_MOTTOS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/ideas.h"
#include "util/config.h"

int mottos_list(struct dj_db *db, const struct dj_actor *actor, struct dj_idea_filter *f, json_t **items,
                int64_t *total, struct dj_err *err);
/* body: text, person_id (default the actor's), submitted_on (default today). */
int mottos_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t *body,
                  json_t **out, struct dj_err *err);
/* body: decision (approved, rejected), note (required for rejected), reviewed_on. */
int mottos_review(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                  json_t *body, json_t **out, struct dj_err *err);
/* GET /mottos/today: {date, motto: {...} | null} for the actor's bureau
 * (date NULL: today). */
int mottos_today(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const char *date,
                 json_t **out, struct dj_err *err);

/* The motto of day date in the bureau, for the dashboard and for the daily
 * reminder job: *out is {id, text, person_name, branch, reviewed_on} (new
 * reference), or NULL when no motto was approved before date.  No actor:
 * the caller decides who may see it. */
int motto_of_day(struct dj_db *db, int64_t bureau_id, const char *date, json_t **out, struct dj_err *err);

/* The rotation itself: the index in approvals (n of them, ordered by
 * approval; day numbers of dj_date_days) of the motto shown on day, or -1. */
int motto_rotation_pick(const int64_t *approved_days, int n, int64_t day);

#endif
