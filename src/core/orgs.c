#include "core/orgs.h"

int orgs_list(struct dj_db *db, const struct dj_actor *actor, struct dj_org **items, int *count,
              struct dj_err *err)
{
    int rc = authz_require(actor, PERM_ORGS_READ, NULL, err);
    if (rc)
        return rc;
    const char *scope = actor->session_id == 0 ? NULL : authz_scope(actor, PERM_ORGS_READ);
    return store_org_list(db, scope, items, count, err);
}
