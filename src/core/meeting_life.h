/* meeting_life: the life cycle of a meeting (issue 12, item 2).
 *
 *   planned ──hold──▶ held ──void──▶ voided
 *      │                 └─correct─▶ voided + a new held record
 *      └──cancel──▶ cancelled
 *
 * A plan has a date from today on, an agenda and its expected attendees
 * (from membership, or the invitees of a `custom` kind), each of whom finds
 * it in their upcoming list and may ask for leave (请假) before it.  Holding
 * it records it as core/meetings records a meeting: expected attendance from
 * membership on the day it was held, `recorded_on` today and the
 * back-filling rule measured from the day held.  A cancelled plan or a voided
 * record keeps its attendance rows and files for auditors and is out of
 * every count (store filters on `status = 'held'`).  A correction voids the
 * mistaken record with a reason and records the right one in the same
 * transaction: attendance taken is carried to the people still expected,
 * files move to the new record, and the back-filling rule is measured from
 * the day the mistaken record was made.  Every step is one transaction with
 * its audit record (plan, hold, cancel, void, correct, leave). */
#ifndef DJ_MEETING_LIFE_H
#define DJ_MEETING_LIFE_H

#include <jansson.h>

#include "core/authz.h"
#include "store/meetings.h"
#include "util/config.h"

/* The table of the life cycle (pure): may a meeting in `status` (planned,
 * held, cancelled, voided; "" is held) take `step` — edit, attendance, files,
 * hold, cancel, void, correct, leave?  0, or DJ_ECONFLICT with the reason in
 * err.  An unknown step or status is refused. */
int meeting_step_allowed(const char *status, const char *step, struct dj_err *err);

/* Plans m (org, kind, a date from today, the rest); invitees are people
 * invited beyond those expected (custom kinds and kinds open to others). */
int meetings_plan(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  struct dj_meeting *m, const int64_t *invitees, int n_invitees,
                  struct dj_err *err);

/* Records the planned meeting m->id as held with the fields of m (org and
 * kind stay the plan's; held_on not after today). */
int meetings_hold(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  struct dj_meeting *m, struct dj_err *err);

/* planned → cancelled, held → voided; reason required (≤ 200 characters). */
int meetings_cancel(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                    struct dj_err *err);
int meetings_void(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                  struct dj_err *err);

/* Voids record id with reason and records m in its place (m->id is set). */
int meetings_correct(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                     int64_t id, const char *reason, struct dj_meeting *m, struct dj_err *err);

/* The caller's own leave (请假) from a planned meeting that lists them;
 * reason NULL withdraws it. */
int meetings_leave(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                   struct dj_err *err);

/* The caller's upcoming meetings (planned, from today): those that list
 * their linked person and the bureau's lectures, with `my_status` and
 * `my_reason` (new reference). */
int meetings_upcoming(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      json_t **items, struct dj_err *err);

/* Removes an evidence file of a meeting the actor may change, with a reason:
 * it stays (readable, marked removed) for auditors; out is the file after. */
int files_remove(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const char *reason, struct dj_file *out, struct dj_err *err);

#endif
