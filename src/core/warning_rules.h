/* warning_rules: the rules of the warnings engine as data (issue 17, item 1).
 * Each bureau has one row per rule (store/warnings): its code, name, what it
 * scans, a threshold in its unit (NULL: the bureau's own setting such as
 * meetings.warning_days, or the built-in default), who receives it (roles
 * over the warning's organisation, and "owner": the person it concerns),
 * severity and whether it is enabled.  The defaults are the table below,
 * seeded for every new bureau and by migration 026 for the existing ones.
 * The visibility rules are pure (an actor in memory) and unit-tested. */
#ifndef DJ_WARNING_RULES_H
#define DJ_WARNING_RULES_H

#include <jansson.h>

#include "core/authz.h"
#include "store/warnings.h"

/* Reserved for the 预备期 pipeline (another module): seeded disabled, no evaluator yet. */
#define WARNING_RULE_PROBATION "probation_ending"

/* The default rules, in order; *count set. */
const struct dj_warning_rule *warning_rule_defaults(int *count);
/* Adds the default rules the bureau lacks (inside the caller's transaction). */
int warning_rules_seed(struct dj_db *db, int64_t bureau_id, struct dj_err *err);

/* True when recipients is a comma-separated list of known roles and "owner",
 * at least one, no duplicates. */
bool warning_recipients_valid(const char *recipients);
/* True when the actor receives a warning of a rule with recipients about the
 * organisation at org_path and (person_id, 0 for none) the person: a role
 * listed held over org_path, or "owner" listed and the actor's person. */
bool warning_visible(const struct dj_actor *a, const char *recipients, const char *org_path,
                     int64_t person_id);
/* True when the actor may dismiss it: by a role listed (owners only acknowledge). */
bool warning_may_dismiss(const struct dj_actor *a, const char *recipients, const char *org_path);
/* The threshold in force: the rule's, else fallback. */
int warning_rule_threshold(const struct dj_warning_rule *r, int fallback);

json_t *warning_rule_json(const struct dj_warning_rule *r);
/* The actor's bureau's rules (anyone of the bureau reads them). */
int warning_rules_list(struct dj_db *db, const struct dj_actor *actor, json_t **items, struct dj_err *err);
/* Changes threshold (null: the bureau's setting), recipients, severity,
 * enabled from body; orgs.manage at the bureau's root; audited. */
int warning_rules_update(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t *body,
                         json_t **out, struct dj_err *err);

#endif
