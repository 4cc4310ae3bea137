/* index_views: what people read of an evaluation — the ranking (红榜), one
 * target's explanation point by point, the full score sheet, the public
 * notice and certificate data, and evaluators' progress.
 * Who sees what: indexes.manage holders see everything at any time; once
 * the notice begins, the scheme's settings.visibility decides the ranking —
 * "all": everyone of the bureau sees the board; "own": a member sees only
 * their own row and a branch secretary their branch's rows.  A target's
 * explanation is shown to its manager, to the secretary of its branch and,
 * from the notice on, to the member themselves. */
#ifndef DJ_INDEX_VIEWS_H
#define DJ_INDEX_VIEWS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/indexes.h"

/* {"evaluation", "items": [{"rank", "target_id", "name", "unit", "total",
 * "star", "vetoed", "selected"}], "selection": {"title", "count"}} */
int index_ranking(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                  struct dj_err *err);
/* The target's indicators as a tree with points, raw value, rule, records
 * and entries, and the sum that makes the total. */
int index_explain(struct dj_db *db, const struct dj_actor *actor, int64_t id, int64_t target_id,
                  json_t **out, struct dj_err *err);
/* One row per target with a column per indicator (managers only); *columns
 * receives [{"code", "name"}]. */
int index_score_sheet(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **items,
                      json_t **columns, struct dj_err *err);
/* The public notice: title, period, dates, the selected with their units
 * and totals (for the 公示 document and the certificates). */
int index_notice(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                 struct dj_err *err);
/* For each entered indicator: targets, entered, missing (managers, or an
 * evaluator for their own targets). */
int index_progress(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                   struct dj_err *err);

/* The evaluator's scoring grid: the entered indicators the actor scores
 * and, per target in their scope, the points put in so far (null: none):
 * {"evaluation", "indicators": [...], "targets": [{"target_id", "name",
 * "unit", "values": {"<indicator_id>": points}}]}. */
int index_grid(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
               struct dj_err *err);

#endif
