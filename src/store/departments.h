/* store/departments: the departments and department_links tables, and the
 * look-ups by name that imports need.  Writes run inside the caller's
 * transaction. */
#ifndef DJ_STORE_DEPARTMENTS_H
#define DJ_STORE_DEPARTMENTS_H

#include <stdint.h>

#include "store/db.h"

struct dj_department {
    int64_t id;
    int64_t bureau_id;
    int64_t parent_id;      /* 0 = top level */
    char name[96];
    char status[16];
    int64_t branch_id;      /* the branch linked today, 0 = none */
    char branch_name[128];
    int64_t link_id;        /* the open link, 0 = none */
    char link_start[11];
};

int store_department_insert(struct dj_db *db, struct dj_department *d, struct dj_err *err);
int store_department_update(struct dj_db *db, const struct dj_department *d, struct dj_err *err);
int store_department_get(struct dj_db *db, int64_t id, struct dj_department *d, struct dj_err *err);

/* One dated link of a department to a branch (end_on "" while open). */
struct dj_department_link {
    int64_t org_id;
    char org_name[128];
    char start_on[11], end_on[11];
};
/* Every link a department has had, the latest first; caller frees *items. */
int store_department_links(struct dj_db *db, int64_t department_id,
                           struct dj_department_link **items, int *count, struct dj_err *err);
/* DJ_ENOTFOUND when the bureau has no department of that name. */
int store_department_find(struct dj_db *db, int64_t bureau_id, const char *name,
                          struct dj_department *d, struct dj_err *err);
/* Departments of the bureaus under scope_path (NULL: all), by sort order
 * and name; caller frees *items. */
int store_department_list(struct dj_db *db, const char *scope_path, struct dj_department **items,
                          int *count, struct dj_err *err);
/* Ends the open link on end_on and opens one to org_id from start_on
 * (org_id 0: only end). */
int store_department_link(struct dj_db *db, int64_t department_id, int64_t org_id,
                          const char *start_on, const char *end_on, struct dj_err *err);

/* Finds a child org of parent by name and type (NULL type: any). */
int store_org_find_child(struct dj_db *db, int64_t parent_id, const char *name, const char *type,
                         int64_t *id, struct dj_err *err);
/* Finds an org of the given type by name anywhere under a path. */
int store_org_find_under(struct dj_db *db, const char *path, const char *name, const char *type,
                         int64_t *id, struct dj_err *err);

#endif
