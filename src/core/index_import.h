/* index_import: the values of an evaluation's imported indicators from a
 * spreadsheet (the bureau's appraisal sheets). */
#ifndef DJ_INDEX_IMPORT_H
#define DJ_INDEX_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/authz.h"

/* Imports values of imported indicators from a spreadsheet: a key column
 * (工号 for members, 党支部 for branches, 科室 for departments) and one column
 * per imported indicator, named by its name or code.  {"rows", "updated",
 * "errors"}; nothing is written when there is any error, or with dry_run. */
int evaluations_import(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       const void *data, size_t len, bool dry_run, json_t **result,
                       struct dj_err *err);

#endif
