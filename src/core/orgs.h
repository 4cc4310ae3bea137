/* orgs: the organisation tree — a bureau (单位) at each root, party
 * organisations (党委, 党组, 机关党委, 党总支, 党支部, 党小组) under it — with
 * founding dates, status history (active, merged, dissolved; nothing is
 * deleted), committees and terms, and the checks of the official rules
 * (DOMAIN.md): warnings, never blocks, where the rules say "generally". */
#ifndef DJ_ORGS_H
#define DJ_ORGS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/orgs.h"
#include "util/config.h"

/* The organisations the actor may read, in tree order; caller frees *items. */
int orgs_list(struct dj_db *db, const struct dj_actor *actor, struct dj_org **items, int *count,
              struct dj_err *err);
/* One organisation the actor may read. */
int orgs_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_org *out,
             struct dj_err *err);

/* The shape of an org in answers; with details, also its committee, member
 * counts and the warnings of the rules as of today. */
json_t *org_json(const struct dj_org *o);
int org_details_json(struct dj_db *db, const struct dj_config *cfg, const struct dj_org *o,
                     json_t *into, struct dj_err *err);

/* True when a child of type child may sit under a parent of type parent. */
bool org_type_allowed(const char *parent, const char *child);

/* Creates o under o->parent_id (PERM_ORGS_MANAGE on the parent). */
int orgs_create(struct dj_db *db, const struct dj_actor *actor, struct dj_org *o,
                struct dj_err *err);
/* Changes name, dates and status (merged needs merged_into; the date of the
 * change goes to status_on). */
int orgs_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                struct dj_org *o, struct dj_err *err);
/* Moves an active organisation with everything below it under parent_id
 * (PERM_ORGS_MANAGE at both places; the parent's type must admit it; not
 * under itself); people, records and grants stay with their organisations,
 * whose paths change.  Audited as "move"; *out: the organisation after. */
int orgs_move(struct dj_db *db, const struct dj_actor *actor, int64_t id, int64_t parent_id,
              struct dj_org *out, struct dj_err *err);
/* Committee: add a member with a post from start_on; end a member's term. */
int orgs_committee_add(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t org_id, int64_t person_id, const char *post, const char *start_on,
                       struct dj_committee_member *out, struct dj_err *err);
int orgs_committee_end(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t org_id, int64_t member_id, const char *end_on, struct dj_err *err);

#endif
