/* honours: 荣誉 of the bureau, its branches and its people (issue 16 item 6).
 *
 * Owns the writes of the honours table (each one write transaction with its
 * audit record), its list and import, and the rules of scope: reading needs
 * people.read over the holder's organisation or the bureau (or the honour is
 * the reader's own); recording needs meetings.write there (the bureau's
 * honours: at the root).  Another bureau's honours are not found.  The index
 * engine reads them through core/index_src_honours.  JSON results are new
 * references the caller owns. */
#ifndef DJ_HONOURS_H
#define DJ_HONOURS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "store/honours.h"
#include "util/config.h"

/* "national" ... "bureau" and their words 国家级 ... 局级; -1 / "" when unknown. */
int honour_level_parse(const char *s);
const char *honour_level_name(int level);
const char *honour_level_label(int level);
#define HONOUR_LEVELS 5

json_t *honour_json(const struct dj_honour *h);

struct dj_honour_query {
    int64_t org_id, person_id;
    const char *level, *from, *to, *q;
    int limit, offset;
};
int honours_list(struct dj_db *db, const struct dj_actor *actor, const struct dj_honour_query *q, json_t **items,
                 int64_t *total, struct dj_err *err);
int honours_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err);
int honours_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const json_t *body,
                   json_t **out, struct dj_err *err);
int honours_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                   const json_t *body, json_t **out, struct dj_err *err);
int honours_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_err *err);
/* The list's columns back from a spreadsheet; every error by row and column,
 * nothing written while any row is wrong.  *result as the other imports. */
int honours_import(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const void *data,
                   size_t len, bool dry_run, json_t **result, struct dj_err *err);
/* Evidence (object_type "honour"): as applicants_file_target. */
int honours_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t id, bool write, int64_t *org_id,
                        int64_t *bureau_id, struct dj_err *err);

#endif
