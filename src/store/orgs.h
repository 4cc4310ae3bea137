/* store/orgs: the organisation tree (the scope of every role grant) and
 * the meta key/value table.  Writes run inside the caller's transaction. */
#ifndef DJ_STORE_ORGS_H
#define DJ_STORE_ORGS_H

#include <stdint.h>

#include "store/db.h"

struct dj_org {
    int64_t id;
    int64_t parent_id; /* 0 for a root */
    char type[32];
    char name[128];
    char path[256];
    char status[16];
};

/* Inserts o (its path is derived from the parent) and sets o->id, o->path. */
int store_org_insert(struct dj_db *db, struct dj_org *o, struct dj_err *err);
int store_org_get(struct dj_db *db, int64_t id, struct dj_org *o, struct dj_err *err);
/* Organisations under scope_path (NULL for all), in tree order. Caller frees *items. */
int store_org_list(struct dj_db *db, const char *scope_path, struct dj_org **items, int *count,
                   struct dj_err *err);

/* meta: small settings kept in the database. *value is "" when absent. */
int store_meta_get(struct dj_db *db, const char *key, char *value, size_t size, struct dj_err *err);
int store_meta_set(struct dj_db *db, const char *key, const char *value, struct dj_err *err);

#endif
