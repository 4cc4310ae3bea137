/* duty: duty rosters (值班表) — a roster of an organisation (flood duty,
 * checkpoint, other) with its shifts (one a day over a span of days: a start
 * time, hours up to 24, a place, the people required, e.g. 24-hour flood
 * duty two at a time), the people assigned to each, the days a member is not
 * available, swaps the member asks for and the organiser decides, absences
 * the organiser marks, and served hours that count as service (shifts ended,
 * not absent: /statistics/service and the index source duty_hours).
 *
 * Rosters, shifts, assignments, decisions and absences are written with
 * meetings.write on the roster's organisation; rosters are read by anyone of
 * the bureau (the roster is posted); assignments and availability within the
 * actor's people.read scope, the organiser's rosters, or by the person.  A
 * member records their own unavailable days and asks their own swaps.  An
 * assignment is refused (409) on a full shift, on a day the person is not
 * available, or over another shift of theirs.  Every write is audited in
 * its transaction.  JSON returned is the caller's. */
#ifndef DJ_DUTY_H
#define DJ_DUTY_H

#include <jansson.h>

#include "core/authz.h"
#include "store/duty.h"
#include "util/config.h"

int rosters_list(struct dj_db *db, const struct dj_actor *actor, struct dj_duty_filter *f, json_t **items,
                 int64_t *total, struct dj_err *err);
/* The roster with its shifts, each with the people on it. */
int rosters_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err);
/* body: org_id, kind, title, place, note. */
int rosters_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t *body,
                   json_t **out, struct dj_err *err);
/* body: from, to (default from; at most 92 days), start_time "HH:MM", hours
 * (0.5..24), required, place: one shift a day; *out {shifts: [...]}. */
int shifts_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t roster_id,
                  json_t *body, json_t **out, struct dj_err *err);

/* body: person_id. */
int assignments_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t shift_id, json_t *body, json_t **out, struct dj_err *err);
int assignments_list(struct dj_db *db, const struct dj_actor *actor, struct dj_duty_filter *f, json_t **items,
                     int64_t *total, struct dj_err *err);
/* The member asks (body: to_person_id, reason). */
int assignments_swap(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                     json_t *body, json_t **out, struct dj_err *err);
/* The organiser decides the swap asked for (body: decision approved | rejected). */
int assignments_swap_decide(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                            int64_t id, json_t *body, json_t **out, struct dj_err *err);
/* The organiser marks an absence (body: absent true | false). */
int assignments_absent(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                       json_t *body, json_t **out, struct dj_err *err);

/* body: person_id (default own), day, note. */
int unavailable_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t *body,
                       json_t **out, struct dj_err *err);
int unavailable_list(struct dj_db *db, const struct dj_actor *actor, struct dj_duty_filter *f, json_t **items,
                     int64_t *total, struct dj_err *err);

/* The year's served duty within a people.read scope (branch_path NULL: the
 * bureau): *shifts person-shifts, *hours in hundredths. */
int duty_year_figures(struct dj_db *db, const struct dj_config *cfg, int64_t bureau_id, const char *branch_path,
                      const char *first, const char *last, int64_t *shifts, int64_t *hours, struct dj_err *err);

#endif
