/* warnings_sources: what each rule of the warnings engine finds in a bureau
 * today — candidate warnings (code, subject, owner organisation and person,
 * due day, severity, message, link), gathered for the whole bureau.  The
 * rules reuse the modules' own computations: core/compliance (meetings due,
 * terms), core/orgs (a branch's size and secretary), core/talks (五必谈 due,
 * the absence facts), core/dues_report (months unpaid), core/tasks (tasks and
 * rectifications), core/inspections (findings), store/indexes (final results
 * quarter on quarter) and store/departments (links).  Nothing is written. */
#ifndef DJ_WARNINGS_SOURCES_H
#define DJ_WARNINGS_SOURCES_H

#include "core/authz.h"
#include "store/warnings.h"
#include "util/config.h"

/* A growing array of candidates (struct dj_warning with rule_id 0). */
struct warn_set {
    struct dj_warning *items;
    int count, cap;
};
void warn_set_free(struct warn_set *s);

/* Fills an actor that sees the whole bureau as the rules need it (the
 * party administrator's and the 纪检 lead's grants at the root); it has no
 * account and is never used to write. */
void warnings_engine_actor(int64_t bureau_id, struct dj_actor *a);

/* Evaluates the enabled rules among rules (the bureau's) and appends what
 * they find to set. */
int warnings_gather(struct dj_db *db, const struct dj_config *cfg, int64_t bureau_id,
                    const struct dj_warning_rule *rules, int nrules, struct warn_set *set, struct dj_err *err);

#endif
