/* inspections: daily and spot checks of conduct (日常巡查, 专项抽查) by 纪检
 * or a branch, their findings, and the views made of them: a person's own
 * findings (日提醒), the month's bulletin per branch and department (月通报)
 * and the year's counts.
 *
 * An inspection is held by an organisation (the bureau's root for 纪检, or a
 * branch for its own check) on a day, at a place or department.  A finding
 * names the people (or the unit: a branch), the rule broken (the version in
 * force on the day), the description, evidence files (the files of
 * core/meetings with object_type "finding") and the person's explanation; it
 * is open until the 纪检 lead confirms or dismisses it.  Only confirmed
 * findings count (the index engine's violation sources, the bulletin).
 *
 * Who: 纪检 and the party administrator see and record everything in the
 * bureau; a branch secretary (meetings.write) records checks of their branch
 * and sees the findings of their branch; everyone sees the findings that name
 * them and may explain them.  JSON answers are new references. */
#ifndef DJ_INSPECTIONS_H
#define DJ_INSPECTIONS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/inspections.h"
#include "util/config.h"

json_t *inspection_json(const struct dj_inspection *r);
int inspections_list(struct dj_db *db, const struct dj_actor *actor, struct dj_inspection_filter *f,
                     json_t **items, int64_t *total, struct dj_err *err);
/* The inspection with its findings. */
int inspection_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                   struct dj_err *err);
/* r: org_id (0: the bureau), kind, held_on, place, department_id, inspectors, note. */
int inspection_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      struct dj_inspection *r, struct dj_err *err);

/* A finding of inspection_id: rule_id, description, and either people
 * (person_ids) or the unit (unit_org_id, a branch). */
struct finding_input {
    int64_t rule_id, unit_org_id;
    const int64_t *person_ids;
    int npeople;
    const char *description;
};
int finding_create(struct dj_db *db, const struct dj_actor *actor, int64_t inspection_id,
                   const struct finding_input *in, json_t **out, struct dj_err *err);
/* mine: only those naming the actor's person. */
int findings_list(struct dj_db *db, const struct dj_actor *actor, struct dj_finding_filter *f, bool mine,
                  json_t **items, int64_t *total, struct dj_err *err);
int finding_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err);
/* The explanation of a person named (or the recorder). */
int finding_explain(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *explanation,
                    json_t **out, struct dj_err *err);
/* The 纪检 lead's decision: state "confirmed" or "dismissed", with a note. */
int finding_decide(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *state,
                   const char *note, json_t **out, struct dj_err *err);

/* 月通报: the confirmed findings of month (YYYY-MM) in the actor's scope,
 * counted per branch and per department; *items: the findings. */
int findings_bulletin(struct dj_db *db, const struct dj_actor *actor, const char *month, json_t **out,
                      json_t **items, struct dj_err *err);
/* The year's inspections and findings per month (by state) in the actor's scope. */
int inspections_statistics(struct dj_db *db, const struct dj_actor *actor, const char *year, json_t **out,
                           struct dj_err *err);

/* Evidence (core/meetings' files): may the actor attach to finding id?
 * Fills the finding's bureau and branch (for the audit). */
int finding_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t id, int64_t *bureau_id,
                        int64_t *org_id, struct dj_err *err);
/* Warnings for GET /warnings, appended to items: findings confirmed in the
 * last warning_days naming the actor's person or in the actor's branch
 * (日提醒, "finding_confirmed"), and for the 纪检 lead the findings waiting
 * for a decision ("finding_pending").  Nothing for an actor without a view
 * of findings. */
int inspections_warnings(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         int warning_days, json_t *items, struct dj_err *err);
/* May the actor read the files of finding id? */
int finding_file_readable(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_err *err);

#endif
