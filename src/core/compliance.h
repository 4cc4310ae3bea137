/* compliance: how each branch keeps the required frequency of organisational
 * life — the rules (named, dated defaults with their source, and a bureau's
 * own), the board for all branches and a period (required against held, on
 * time or late, attendance rate), and the warnings of what falls due unmet. */
#ifndef DJ_COMPLIANCE_H
#define DJ_COMPLIANCE_H

#include <jansson.h>

#include "core/authz.h"
#include "store/meetings.h"
#include "util/config.h"

/* Every rule of the actor's bureau and every default, as JSON items, each
 * with in_force (a bureau's active rule for a kind and org type replaces the
 * default, which stays listed with in_force false). */
int compliance_rules(struct dj_db *db, const struct dj_actor *actor, json_t **items,
                     struct dj_err *err);
/* Adds a bureau rule (r->id 0) or changes one; PERM_ORGS_MANAGE. A default
 * is never changed: a bureau rule for the same kind and org type replaces it. */
int compliance_rule_save(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         struct dj_meeting_rule *r, struct dj_err *err);
json_t *rule_json(const struct dj_meeting_rule *r);
/* One rule of the actor's bureau (or a default). */
int compliance_rule_get(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_meeting_rule *r, struct dj_err *err);

/* The board for period ("2026", "2026Q3", "2026-07") over the branches the
 * actor may read. */
int compliance_board(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                     const char *period, json_t **out, struct dj_err *err);

/* Warnings as of today: requirements of the current month, quarter and year
 * falling due within cfg->warning_days unmet, and committee terms ending. */
int compliance_warnings(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                        json_t **items, struct dj_err *err);

/* The meeting and term warnings alone, with the given days, appended to
 * items; each also carries subject_type, subject_id and (meetings) key, which
 * the warnings engine dedupes on (core/warnings_sources.c). */
int compliance_warnings_within(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                               int warning_days, int term_warning_days, json_t *items, struct dj_err *err);

#endif
