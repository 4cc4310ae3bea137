/* statistics: the figures the index engine will read, per person and per
 * branch over any period, counted with membership periods: a person is
 * expected at a branch's meetings only while a member there, so someone who
 * moved mid-year counts in each branch for their months there. */
#ifndef DJ_STATISTICS_H
#define DJ_STATISTICS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/meetings.h"

/* Attendance per person and branch for period ("2026", "2026Q3",
 * "2026-07"): those the actor may read (people.read in a subtree; anyone
 * else only themselves).  person_id 0 for all. */
int statistics_attendance(struct dj_db *db, const struct dj_actor *actor, const char *period,
                          int64_t person_id, json_t **items, struct dj_err *err);

/* Learning per person and branch for period: lectures given and attended
 * (财政月讲堂), tests taken with the sum and mean of scores, study hours; a
 * record counts for the branch the person was a member of on its day.
 * Scope as statistics_attendance. */
int statistics_learning(struct dj_db *db, const struct dj_actor *actor, const char *period,
                        int64_t person_id, json_t **items, struct dj_err *err);

#endif
