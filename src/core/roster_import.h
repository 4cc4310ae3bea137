/* roster_import: a roster workbook (xlsx, xls, CSV in UTF-8 or GBK) into the
 * people of a bureau.  The header row is found even below a title row;
 * columns are matched by their titles in any order; unknown columns are
 * listed and ignored.  Every row is checked first: a file with any error
 * writes nothing and the answer lists each error by row and column.  A good
 * file is written in one transaction: new people by 工号, changed people
 * updated (and what changed reported), transfers as membership periods.
 * The result is a JSON object owned by the caller. */
#ifndef DJ_ROSTER_IMPORT_H
#define DJ_ROSTER_IMPORT_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "core/secret.h"
#include "util/config.h"

struct dj_import_options {
    bool dry_run;         /* check only, write nothing */
    bool create_missing;  /* create the departments, branches and groups the file names */
    int64_t bureau_id;    /* 0: the bureau of the actor's grant */
    char effective_on[11]; /* date transfers take effect ("" = today) */
};

/* Imports data[0..len).  On success (including "the file has errors", which
 * is not a failure of the call) *result holds {"rows", "created", "updated",
 * "unchanged", "errors": [{"row","column","message"}], "unknown_columns",
 * "changes", "created_departments", "created_orgs", "format", "encoding",
 * "header_row", "dry_run"}.  Returns an error code only when the import could
 * not be attempted (no permission, unreadable file, database failure). */
int roster_import(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const struct dj_secret *key, const void *data, size_t len,
                  const struct dj_import_options *opt, json_t **result, struct dj_err *err);

/* The column titles of the roster in order (for templates and exports). */
extern const char *const roster_columns[];
extern const int roster_column_count;

#endif
