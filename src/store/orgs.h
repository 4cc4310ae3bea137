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
    char path[160];
    char status[16];
    char founded_on[11];
    char term_start[11];
    char term_end[11];
    char status_on[11];
    int64_t merged_into;
    int64_t sort_order; /* among its siblings, smaller first (then by id) */
};

/* Updates name, status, dates, merged_into and sort_order of o->id. */
int store_org_update(struct dj_db *db, const struct dj_org *o, struct dj_err *err);
/* Moves o->id under parent_id: its parent, and the path of it and of every
 * organisation below it (old_path's prefix becomes new_path).  In the
 * caller's transaction. */
int store_org_move(struct dj_db *db, int64_t id, int64_t parent_id, const char *old_path,
                   const char *new_path, struct dj_err *err);
/* The longest path in the subtree of path (its own when it has no children). */
int store_org_subtree_max_path(struct dj_db *db, const char *path, int *len, struct dj_err *err);

struct dj_committee_member {
    int64_t id, org_id, person_id;
    char person_name[64];
    char org_name[128]; /* filled by store_committee_of_person only */
    char post[32];
    char start_on[11], end_on[11];
};
/* The ended posts of an org's committees, the latest end first (the 历届
 * committees); caller frees *items. */
int store_committee_former(struct dj_db *db, int64_t org_id, struct dj_committee_member **items,
                           int *count, struct dj_err *err);
/* The current committee (end_on NULL) of an org; caller frees *items. */
int store_committee_list(struct dj_db *db, int64_t org_id, struct dj_committee_member **items,
                         int *count, struct dj_err *err);
/* Every post a person has held, ended ones included, newest first, with the
 * organisation's name; caller frees *items. */
int store_committee_of_person(struct dj_db *db, int64_t person_id,
                              struct dj_committee_member **items, int *count, struct dj_err *err);
int store_committee_add(struct dj_db *db, struct dj_committee_member *m, struct dj_err *err);
int store_committee_end(struct dj_db *db, int64_t org_id, int64_t member_id, const char *end_on,
                        struct dj_err *err);

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
