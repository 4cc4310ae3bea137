/* orgs: reading the organisation tree within the caller's scope.
 * (The full module of issue 4 — committees, terms, departments — grows here.) */
#ifndef DJ_ORGS_H
#define DJ_ORGS_H

#include "core/authz.h"
#include "store/orgs.h"

/* The organisations the actor may read, in tree order; caller frees *items. */
int orgs_list(struct dj_db *db, const struct dj_actor *actor, struct dj_org **items, int *count,
              struct dj_err *err);

#endif
