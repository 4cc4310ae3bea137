/* series: the figures the console draws as charts (issue 18 item 5) — a
 * branch's 堡垒指数 and a member's 先锋指数 over the published evaluations,
 * and attendance month by month.  The caller owns the JSON answered. */
#ifndef DJ_SERIES_H
#define DJ_SERIES_H

#include <jansson.h>

#include "core/authz.h"

/* {"org_id", "name", "points": [{evaluation_id, evaluation, period, last_day,
 * state, total, rank, of, star, selected}]}: the organisation's published
 * results (as a branch, or a department linked to it is not included).
 * Readers of the organisation (orgs.read over it); another bureau's: 404. */
int series_org_index(struct dj_db *db, const struct dj_actor *actor, int64_t org_id, json_t **out,
                     struct dj_err *err);
/* The same for a person's results as a member: the person themself, a
 * reader of their branch (people.read) or an index manager of the bureau. */
int series_person_index(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                        json_t **out, struct dj_err *err);
/* {"from", "to", "months": [{month, expected, attended, rate}]}: the
 * attendance of core/statistics summed per month of period (a year, quarter,
 * month or range of at most ten years), over what the actor may read. */
int series_attendance_months(struct dj_db *db, const struct dj_actor *actor, const char *period,
                             int64_t person_id, json_t **out, struct dj_err *err);

#endif
