/* departments: the bureau's departments (科室) as their own tree, each linked
 * to one branch over dated periods (党支部与科室挂钩), so that a past quarter
 * uses the link of its time. */
#ifndef DJ_DEPARTMENTS_H
#define DJ_DEPARTMENTS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/departments.h"
#include "util/config.h"

json_t *department_json(const struct dj_department *d);
/* The department's links to branches over time, the latest first:
 * [{branch_id, branch, start_on, end_on (null while open)}] (new reference). */
int department_links_json(struct dj_db *db, const struct dj_department *d, json_t **out,
                          struct dj_err *err);
/* Departments of the bureaus the actor may read; caller frees *items. */
int departments_list(struct dj_db *db, const struct dj_actor *actor, struct dj_department **items,
                     int *count, struct dj_err *err);
int departments_get(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                    struct dj_department *out, struct dj_err *err);
/* Creates d in bureau d->bureau_id (0: the actor's), linked to branch_id
 * (0: none) from link_start ("" = today). */
int departments_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       struct dj_department *d, int64_t branch_id, const char *link_start,
                       struct dj_err *err);
/* Updates name, parent and status; when relink, ends the open link the day
 * before link_start and links to branch_id (0: no branch). */
int departments_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       struct dj_department *d, bool relink, int64_t branch_id,
                       const char *link_start, struct dj_err *err);
/* Writes a department with its link and audit inside the caller's
 * transaction (shared with the importer and the demo). */
int departments_write(struct dj_db *db, const struct dj_actor *actor, struct dj_department *d,
                      const struct dj_department *before, bool relink, int64_t branch_id,
                      const char *link_start, struct dj_err *err);

#endif
