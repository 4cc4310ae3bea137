/* schemes: index schemes as data — a tree of indicators with points, kinds
 * and parameters (see core/index_engine.h) — for members (先锋指数),
 * branches (堡垒指数) or departments (优秀科室).  A scheme is versioned: a
 * family (code) has versions 1, 2, ...; saving a changed scheme makes a new
 * version and retires the old one, so a finished evaluation always points at
 * the exact rules it used.  The defaults (docs/INDEXES.md) are loaded for a
 * new bureau by `init` and the demo.  Reading needs orgs.read in the
 * bureau; writing indexes.manage on it. */
#ifndef DJ_SCHEMES_H
#define DJ_SCHEMES_H

#include <jansson.h>

#include "core/authz.h"
#include "store/indexes.h"

/* The scheme as JSON with its indicator tree ("indicators": nested
 * "children"); points as numbers with two decimals. */
json_t *scheme_json(const struct dj_scheme *s, bool with_indicators);

/* Parses a scheme definition ({"code", "name", "target", "description",
 * "settings", "indicators": [{"code", "name", "kind", "max_points",
 * "source", "params", "entered_by", "description", "children": [...]}]})
 * into *s (indicators owned by s: store_scheme_free), checking it; field
 * errors name the JSON path. */
int scheme_parse(const json_t *j, struct dj_scheme *s, struct dj_err *err);

int schemes_list(struct dj_db *db, const struct dj_actor *actor, bool active_only, json_t **items,
                 struct dj_err *err);
int schemes_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_scheme *out,
                struct dj_err *err);
/* Saves definition j as a new scheme (a new family) or, with family_of set,
 * as the next version of that scheme's family (the old one is retired).
 * *id receives the new scheme. */
int schemes_save(struct dj_db *db, const struct dj_actor *actor, const json_t *j,
                 int64_t family_of, int64_t *id, struct dj_err *err);

/* Loads the default schemes into a bureau that has none (inside the
 * caller's transaction). */
int schemes_seed_defaults(struct dj_db *db, const struct dj_actor *actor, int64_t bureau_id,
                          struct dj_err *err);

#endif
