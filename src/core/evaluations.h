/* evaluations: one run of a scheme for a period (a quarter or a year) —
 * open → scoring → review → notice (公示, with an objection window of
 * notice_days) → final.  Computed and imported indicators recompute on
 * demand until the notice; entered scores, bonus, deduction and veto entries
 * are put in by evaluators within their scope; objections are filed during
 * the notice and answered by party_admin (possibly with a changed entry and
 * a recompute).  Final locks the evaluation and stores a SHA-256 of its
 * results and scores, which `dangjian check` verifies; a correction after
 * that is a new version naming the old one and the reason.
 * Managing needs indexes.manage on the bureau; every change is audited.
 * The views (ranking, explanation, score sheet, notice) are in
 * core/index_views.h, objections in core/objections.h, imports in
 * core/index_import.h. */
#ifndef DJ_EVALUATIONS_H
#define DJ_EVALUATIONS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/indexes.h"
#include "util/buf.h"
#include "util/config.h"

json_t *evaluation_json(const struct dj_evaluation *e);

int evaluations_list(struct dj_db *db, const struct dj_actor *actor, json_t **items,
                     struct dj_err *err);
/* The evaluation if it belongs to the actor's bureau. */
int evaluations_get(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                    struct dj_evaluation *out, struct dj_err *err);
/* Creates an evaluation of scheme_id for period ("2026Q3" or "2026");
 * name defaults to "<scheme> <period>". */
/* notice_days for "the bureau's setting" (core/bureaus) */
#define EVALUATION_NOTICE_DEFAULT (-1000)
int evaluations_create(struct dj_db *db, const struct dj_actor *actor, int64_t scheme_id,
                       const char *period, const char *name, int notice_days, int64_t *id,
                       struct dj_err *err);
/* Recomputes every score (not once the notice began). */
int evaluations_compute(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_err *err);
/* Moves to state: scoring, review, back to scoring, notice (recomputes and
 * starts the objection window), final (no open objections, the window
 * over; stores the hash).  Publishing (notice) or finalising while entered
 * or imported indicators still miss scores is refused with a field error on
 * override_reason saying what is missing, unless override_reason (2 or more
 * characters) is given: then it goes ahead and the audit record carries the
 * reason and what was missing. */
int evaluations_transition(struct dj_db *db, const struct dj_config *cfg,
                           const struct dj_actor *actor, int64_t id, const char *state,
                           const char *override_reason, struct dj_err *err);
/* A new version of a final evaluation, with its entries, and the reason. */
int evaluations_new_version(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                            const char *reason, int64_t *new_id, struct dj_err *err);

/* Puts in an entry: for entered and imported indicators it replaces the
 * target's earlier one; bonus, deduction and veto entries add up (reason
 * required).  Who: indexes.manage; an entered indicator's role on the
 * target; discipline for deduction and veto; branch_secretary for bonus and
 * deduction of targets in their branch.  Recomputes the scores. */
int evaluations_enter(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                      struct dj_score_entry *entry, struct dj_err *err);
/* The entries: all for a manager, one's own for an evaluator ("mine"). */
int evaluations_entries(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        int64_t target_id, json_t **items, struct dj_err *err);
/* The targets the actor may put anything in for, with those indicators'
 * ids: the list an evaluator (纪检 for deductions, a secretary for bonus)
 * picks from. */
int evaluations_targets(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **items,
                        struct dj_err *err);
/* Deletes an entry: a manager's right (also during the notice), or its own
 * evaluator's before the notice. */
int evaluations_entry_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                             int64_t entry_id, struct dj_err *err);
/* The SHA-256 (hex) of an evaluation's stored results and scores. */
int evaluations_hash(struct dj_db *db, int64_t id, char out[65], struct dj_err *err);
/* What that hash covers, appended to *b as lines (R| results, S| scores, A|
 * award votes; ids are this database's): a bureau's transfer compares it. */
int evaluations_results_text(struct dj_db *db, int64_t id, struct dj_buf *b, struct dj_err *err);
/* Checks every final evaluation's hash; *bad_id the first that differs (0: none). */
/* Re-keys the hashes of final evaluations written before the hash was
 * keyed: each must match its plain SHA-256 (otherwise DJ_ECONFLICT, nothing
 * laundered); call inside a write transaction.  *count gets how many. */
int evaluations_rehash(struct dj_db *db, int *count, struct dj_err *err);
int evaluations_verify(struct dj_db *db, int *count, int64_t *bad_id, struct dj_err *err);

/* For the modules beside this one (objections, index_import): the
 * evaluation for a manager (indexes.manage on its bureau); whether scores
 * may still change (open, scoring, review); a recompute inside the caller's
 * transaction (stores computed_at). */
int evaluations_get_managed(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                            struct dj_evaluation *e, struct dj_err *err);
bool evaluations_scores_open(const struct dj_evaluation *e);
int evaluations_recompute(struct dj_db *db, struct dj_evaluation *e, int *targets, struct dj_err *err);

/* May the actor put in an entry of indicator d for target t? */
bool evaluations_may_enter(const struct dj_actor *actor, const struct dj_indicator *d,
                           const struct dj_index_target *t, int64_t bureau_id);

#endif
