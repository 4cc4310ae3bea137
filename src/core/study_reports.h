/* study_reports: study hours a member reports on the phone (issue 12, item 3).
 *
 * A member reports their own hours (what, when, how many) — pending.  Whoever
 * may record study for the person (people_may_record: meetings.write over
 * their branch or the bureau), not the person themselves, approves it — which
 * makes an ordinary study record in the same transaction, the only thing the
 * statistics and the index engine count — or rejects it with a reason.  A
 * decided report is not decided again.  Reports are read within the actor's
 * people.read scope, or by the person.  Each write one audited transaction
 * (study_report: report, approve, reject).  JSON returned is the caller's. */
#ifndef DJ_STUDY_REPORTS_H
#define DJ_STUDY_REPORTS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/study_reports.h"
#include "util/config.h"

json_t *study_report_json(const struct dj_study_report *r);

/* Fills the scope part of f (bureau, branch path or the actor's own person). */
int study_reports_list(struct dj_db *db, const struct dj_actor *actor,
                       struct dj_study_report_filter *f, json_t **items, int64_t *total,
                       struct dj_err *err);
/* The actor's own report: studied_on, hours, mode, content of r (person and
 * bureau from the actor's linked person); r is filled as stored. */
int study_reports_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         struct dj_study_report *r, struct dj_err *err);
/* approve: reason NULL; reject: reason required (≤ 200 characters). out is
 * the report after (and for an approval, record_id the study record made). */
int study_reports_decide(struct dj_db *db, const struct dj_actor *actor, int64_t id, bool approve,
                         const char *reason, struct dj_study_report *out, int64_t *record_id,
                         struct dj_err *err);

#endif
