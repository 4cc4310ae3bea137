/* appraisals: 民主评议党员 (issue 16 item 3), a branch's yearly appraisal.
 * Opened by whoever records the branch's meetings (meetings.write over it:
 * its secretary, the party administrator) with the branch's members of that
 * day: 正式党员 are graded, 预备党员 take part but are not graded.  Each
 * member writes a self-appraisal and casts one secret mutual ballot (the
 * store keeps who voted apart from the counts: only counts are answered).
 * The branch's grading (all full members at once) is refused when 优秀
 * exceed the dated bureau setting (core/appraisal_rules); a 不合格 is
 * followed up by a talk (core/talks) and a rectification (core/tasks),
 * linked here.  Every write is one transaction with its audit record.
 * Answers are new json_t references the caller owns. */
#ifndef DJ_APPRAISALS_H
#define DJ_APPRAISALS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/appraisals.h"
#include "util/config.h"

struct appraisal_grade_in {
    int64_t person_id;
    char grade[16];
};

/* The cap's settings: {current (in force today), items}; anyone of the bureau. */
int appraisals_caps(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t **out,
                    struct dj_err *err);
/* A new dated setting (party_admin at the root). */
int appraisals_cap_add(struct dj_db *db, const struct dj_actor *actor, const struct dj_appraisal_cap *c,
                       json_t **out, struct dj_err *err);

/* The appraisals the actor manages, reads (people.read) or takes part in;
 * year/org_id 0 and status NULL for any. */
int appraisals_list(struct dj_db *db, const struct dj_actor *actor, int year, int64_t org_id, const char *status,
                    int limit, int offset, json_t **items, int64_t *total, struct dj_err *err);
int appraisals_open(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t org_id,
                    int year, const char *note, json_t **out, struct dj_err *err);
/* A reader's view (members with self-appraisals, grades and mutual counts) or
 * a participant's (the members' names, their own record). */
int appraisals_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                   json_t **out, struct dj_err *err);
/* The members as flat rows (the export), for readers. */
int appraisals_members(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **items,
                       struct dj_err *err);
int appraisals_self(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                    const char *text, json_t **out, struct dj_err *err);
/* The actor's one mutual ballot: grades of other full members, each once. */
int appraisals_ballot(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                      const struct appraisal_grade_in *r, int n, struct dj_err *err);
/* The branch's grading: every full member, the cap checked; may be redone. */
int appraisals_grade(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                     const struct appraisal_grade_in *g, int n, json_t **out, struct dj_err *err);
/* Links a 不合格 member's talk and rectification (0: none). */
int appraisals_followup(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                        int64_t person_id, int64_t talk_id, int64_t rectification_id, const char *note,
                        json_t **out, struct dj_err *err);
/* The actor's own appraisals (the phone): {items: [...]}. */
int appraisals_mine(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t **out,
                    struct dj_err *err);

#endif
