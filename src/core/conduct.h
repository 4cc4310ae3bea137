/* conduct: the bureau's conduct rules (十不准 and its other lists) and the
 * quarter's review of findings (季讲评), with the access rules of supervision
 * that core/inspections shares.
 *
 * A rule is versioned by date: a change that takes effect on a later day
 * ends the current version the day before and starts a new one with the same
 * code, so a finding keeps the wording and consequence in force on its day.
 * Each rule carries a severity (一般, 较重, 严重), the points a confirmed
 * finding deducts and whether it bars 标兵 for the quarter (veto).
 *
 * Who: every account of the bureau reads the rules; 纪检 (the discipline
 * role) and the party administrator (indexes.manage) change them and record
 * reviews.  JSON answers are new references the caller frees. */
#ifndef DJ_CONDUCT_H
#define DJ_CONDUCT_H

#include <jansson.h>

#include "core/authz.h"
#include "store/inspections.h"
#include "util/config.h"

/* True when the actor oversees conduct on path: discipline over it, or the
 * party administrator (indexes.manage). */
bool conduct_may_oversee(const struct dj_actor *a, const char *path);
/* True when the actor is the bureau's 纪检 lead: a discipline grant at the
 * root of bureau_id (confirms and dismisses findings). */
bool conduct_is_lead(const struct dj_actor *a, int64_t bureau_id);

json_t *conduct_rule_json(const struct dj_conduct_rule *r);
/* The actor's bureau's rules; on (YYYY-MM-DD or NULL): those in force then. */
int conduct_rules_list(struct dj_db *db, const struct dj_actor *actor, const char *on, json_t **items,
                       struct dj_err *err);
/* One rule version of the actor's bureau (another bureau's is missing). */
int conduct_rule_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_conduct_rule *r,
                     struct dj_err *err);
/* r: rule_set, code, seq, text, severity, deduct_points, veto, valid_from
 * ("" = today). */
int conduct_rule_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                        struct dj_conduct_rule *r, struct dj_err *err);
/* Changes rule id to the values of in.  When new_version, in.valid_from is
 * the day the change takes effect: the current version ends the day before
 * and *out is the new version; otherwise the row is corrected in place. */
int conduct_rule_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                        const struct dj_conduct_rule *in, bool new_version, struct dj_conduct_rule *out,
                        struct dj_err *err);
/* The built-in 十不准 of a new bureau (seed 002), in force from valid_from,
 * written and audited in the caller's transaction. */
int conduct_rules_seed(struct dj_db *db, const struct dj_actor *actor, int64_t bureau_id,
                       const char *valid_from, struct dj_err *err);

/* 季讲评 */
int conduct_reviews_list(struct dj_db *db, const struct dj_actor *actor, const char *period, json_t **items,
                         struct dj_err *err);
/* r: period (2026Q3), held_on, title, conclusions; finding_ids: confirmed
 * or dismissed findings of the bureau found in the period. */
int conduct_review_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                          struct dj_conduct_review *r, const int64_t *finding_ids, int nfindings,
                          json_t **out, struct dj_err *err);

#endif
