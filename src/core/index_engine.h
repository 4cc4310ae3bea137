/* index_engine: computes an evaluation — every indicator of the scheme for
 * every target of the period — and ranks the totals.
 *
 * Indicator kinds:
 *   group      the sum of its children
 *   computed   a raw value from a named source of the registry below, read
 *              once per evaluation (one pass per source), mapped to points
 *   imported   a raw value put in per target (score_entries), mapped
 *   entered    points put in by an evaluator (the latest entry), 0..max
 *   bonus      the sum of entries (each with a reason), capped at max
 *   deduction  the same, subtracted
 *   veto       any entry bars the target from selection (一票否决); with
 *              params {"reset": true} it also sets the total to 0 (清零)
 * Mapping (params "map"): "linear" to a "target" (points = max × min(raw,
 * target) ÷ target; "when_none": "full" or "zero" when there is no raw
 * value, e.g. no meeting was expected), "steps" ([[min raw, points], ...]),
 * "per_unit" ("per" points per unit, capped at max) and "direct" (the raw
 * value is the points, clamped to 0..max).  Raw values and points are
 * integers of hundredths (a rate of 92.5 % is 9250, 3 lectures are 300), so
 * every sum is exact and the same on both backends; rounding is half up.
 *
 * Each score keeps its raw value and a JSON detail with the records counted,
 * the rule and the arithmetic (the explanation). */
#ifndef DJ_INDEX_ENGINE_H
#define DJ_INDEX_ENGINE_H

#include <jansson.h>

#include "store/indexes.h"

/* The computed sources a scheme may name: [{"name", "target", "label",
 * "unit"}] (new reference). */
json_t *index_sources_json(void);
/* True when name is a source for this target kind. */
bool index_source_valid(const char *name, const char *target);
/* True for the sources of confirmed findings (violation_points, violations,
 * violation_vetoes): a deduction or veto indicator may name one as its
 * source, and then counts the findings of the period besides its entries;
 * params "severity" (a name or a list), "rule_set" and "rules" (codes)
 * narrow the findings counted.  The explanation lists each finding. */
bool index_source_is_violation(const char *name);

/* Points for a raw value under an indicator's params (hundredths); writes a
 * short Chinese account of the arithmetic into how. */
int64_t index_map_points(const struct dj_indicator *d, const json_t *params, bool has_raw,
                         int64_t raw, char *how, size_t how_size);

/* Ranks results by total (descending): equal totals share a rank (1, 2, 2,
 * 4) unless settings.tie_break (indicator codes) separates them — the
 * caller passes each result's tie-break points in tie[i * ntie + k];
 * stars by settings.stars ([{"min": points, "label"}], highest first);
 * selects settings.select.count of the best, skipping vetoed targets and
 * keeping everyone tied at the last place.  Sorts r in place (tie is
 * permuted with it). */
void index_rank(struct dj_result *r, int64_t *tie, int ntie, int n, const json_t *settings);

/* Computes every score of evaluation e with scheme s and writes scores and
 * results (in the caller's transaction).  *targets_out: how many targets. */
int index_compute(struct dj_db *db, const struct dj_evaluation *e, const struct dj_scheme *s,
                  int *targets_out, struct dj_err *err);

/* The annual result from the year's final quarterly evaluations of the same
 * scheme family (index_annual.c): used by index_compute for a year's
 * evaluation when settings.annual.mode is "sum" or "mean". */
int index_compute_annual(struct dj_db *db, const struct dj_evaluation *e, const struct dj_scheme *s,
                         const json_t *settings, int *targets_out, struct dj_err *err);

#endif
