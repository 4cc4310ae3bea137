/* people_export: the roster as a spreadsheet (xlsx or CSV) in the columns of
 * the import, so that an export re-imports to the same data; and the blank
 * import template with an example row and drop-down lists. */
#ifndef DJ_PEOPLE_EXPORT_H
#define DJ_PEOPLE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/authz.h"
#include "core/secret.h"
#include "store/people.h"

/* Every person of the filter the actor may read (paging ignored), as xlsx
 * (csv false) or CSV.  身份证号 appear in full only for PERM_IDNUMBER_READ.
 * *data is malloc'd; the caller frees it. */
int people_export(struct dj_db *db, const struct dj_actor *actor, const struct dj_secret *key,
                  struct dj_people_filter *f, bool csv, char **data, size_t *len,
                  struct dj_err *err);

/* The blank import template (xlsx) with the branches, groups and
 * departments of the actor's bureau in its drop-down lists. */
int people_template(struct dj_db *db, const struct dj_actor *actor, char **data, size_t *len,
                    struct dj_err *err);

#endif
