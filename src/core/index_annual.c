/* The annual result of a scheme from its four quarters: for an evaluation
 * whose period is a year and whose scheme sets settings.annual.mode ("sum"
 * or "mean"), each indicator's points are combined from the final quarterly
 * evaluations of the same scheme family (any version; indicators matched by
 * code), groups add up their children, a veto in any quarter bars the year,
 * and the ranking uses settings.annual.select (e.g. 十佳标兵) when set.
 * settings.annual.blend {"indicator": code, "weight": percent} blends in a
 * yearly figure such as 民主评议: that indicator takes the year evaluation's
 * own entry (imported or entered), the others the quarters', and each is
 * weighted — quarters × (100 − weight) %, the blended figure × weight % —
 * so that the indicators still add up to the total. */
#include "core/index_engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

struct quarter {
    struct dj_evaluation e;
    struct dj_scheme s;
    struct dj_score *scores;
    int nscores;
    struct dj_result *results;
    int nresults;
    bool found;
};

static void quarters_free(struct quarter *q)
{
    for (int i = 0; i < 4; i++) {
        store_scheme_free(&q[i].s);
        store_scores_free(q[i].scores, q[i].nscores);
        free(q[i].results);
    }
}

/* The final evaluation of the family for each quarter of the year (the
 * highest version when corrected). */
static int load_quarters(struct dj_db *db, const struct dj_evaluation *e, const struct dj_scheme *s,
                         struct quarter *q, struct dj_err *err)
{
    struct dj_evaluation *all = NULL;
    int n = 0;
    int rc = store_evaluation_list(db, e->bureau_id, &all, &n, err);
    for (int i = 0; i < n && !rc; i++) {
        const struct dj_evaluation *c = &all[i];
        if (strcmp(c->state, "final") || strlen(c->period) != 6 || strncmp(c->period, e->period, 4))
            continue;
        int k = c->period[5] - '1';
        if (k < 0 || k > 3 || (q[k].found && q[k].e.version >= c->version))
            continue;
        struct dj_scheme cs;
        if ((rc = store_scheme_get(db, c->scheme_id, &cs, err)))
            break;
        if (strcmp(cs.code, s->code)) {
            store_scheme_free(&cs);
            continue;
        }
        store_scheme_free(&q[k].s);
        q[k].s = cs;
        q[k].e = *c;
        q[k].found = true;
    }
    free(all);
    for (int k = 0; k < 4 && !rc; k++)
        if (q[k].found && !(rc = store_scores_list(db, q[k].e.id, 0, &q[k].scores, &q[k].nscores, err)))
            rc = store_results_list(db, q[k].e.id, &q[k].results, &q[k].nresults, err);
    return rc;
}

/* The points of indicator code for target in quarter q (0 when absent). */
static bool quarter_points(const struct quarter *q, int64_t target, const char *code, int64_t *points)
{
    int64_t ind = 0;
    for (int i = 0; i < q->s.nind; i++)
        if (!strcmp(q->s.ind[i].code, code))
            ind = q->s.ind[i].id;
    for (int i = 0; ind && i < q->nscores; i++)
        if (q->scores[i].target_id == target && q->scores[i].indicator_id == ind) {
            *points = q->scores[i].points;
            return true;
        }
    return false;
}

int index_compute_annual(struct dj_db *db, const struct dj_evaluation *e, const struct dj_scheme *s,
                         const json_t *settings, int *targets_out, struct dj_err *err)
{
    const json_t *annual = json_object_get(settings, "annual");
    bool mean = strcmp(json_string_value(json_object_get(annual, "mode")), "sum") != 0;
    const json_t *blend = json_object_get(annual, "blend");
    const char *blend_code = json_string_value(json_object_get(blend, "indicator"));
    json_int_t weight = blend_code ? json_integer_value(json_object_get(blend, "weight")) : 0;
    if (weight < 0 || weight > 100)
        weight = 0;
    struct dj_score_entry *en = NULL;
    int nen = 0;
    struct quarter q[4];
    memset(q, 0, sizeof q);
    struct dj_index_target *t = NULL;
    struct dj_score *scores = NULL;
    struct dj_result *results = NULL;
    int64_t *points = NULL, *tie = NULL;
    const json_t *tb = json_object_get(settings, "tie_break");
    int ntie = (int)json_array_size(tb);
    int nt = 0, nscores = 0, nq = 0;
    int rc = load_quarters(db, e, s, q, err);
    if (rc || (blend_code && (rc = store_entries_list(db, e->id, 0, &en, &nen, err))) ||
        (rc = store_index_targets(db, e->bureau_id, s->target, e->first_day, e->last_day, &t, &nt, err)))
        goto out;
    for (int k = 0; k < 4; k++)
        nq += q[k].found;
    if (nq == 0) {
        rc = dj_err_set(err, DJ_ECONFLICT, "%.4s 年还没有已定稿的季度考评，无法汇总年度结果", e->period);
        goto out;
    }
    points = calloc((size_t)s->nind + 1, sizeof *points);
    scores = calloc((size_t)nt * (size_t)s->nind + 1, sizeof *scores);
    results = calloc((size_t)nt + 1, sizeof *results);
    tie = calloc((size_t)nt * (size_t)(ntie ? ntie : 1) + 1, sizeof *tie);
    if (!points || !scores || !results || !tie) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    for (int ti = 0; ti < nt; ti++) {
        bool vetoed = false;
        for (int k = 0; k < 4; k++)
            for (int r = 0; q[k].found && r < q[k].nresults; r++)
                vetoed |= q[k].results[r].target_id == t[ti].id && q[k].results[r].vetoed;
        for (int i = 0; i < s->nind; i++) {
            const struct dj_indicator *d = &s->ind[i];
            if (!strcmp(d->kind, "group"))
                continue;
            char vs[32], rule[480];
            json_t *detail;
            int64_t v;
            if (blend_code && !strcmp(d->code, blend_code)) {
                /* the year's own figure, weighted in */
                int64_t raw = 0;
                bool has = false;
                for (int x = 0; x < nen; x++)
                    if (en[x].target_id == t[ti].id && en[x].indicator_id == d->id) {
                        raw = en[x].points;
                        has = true;
                    }
                char how[256] = "未录入，得 0 分";
                json_error_t jerr;
                json_t *params = json_loads(d->params, 0, &jerr);
                int64_t p = !has ? 0
                            : !strcmp(d->kind, "imported") ? index_map_points(d, params, true, raw, how, sizeof how)
                            : raw < 0 ? 0 : raw > d->max_points ? d->max_points : raw;
                json_decref(params);
                v = (p * weight * 2 + 100) / 200;
                char ps[32];
                dj_format_centi(p, ps, sizeof ps);
                dj_format_centi(v, vs, sizeof vs);
                snprintf(rule, sizeof rule, "%s；%s × 权重 %lld%% = %s", how, ps, (long long)weight, vs);
                detail = json_pack("{s:s, s:I, s:s}", "annual", "blend", "weight", (json_int_t)weight, "rule", rule);
            } else {
                json_t *list = json_array();
                int64_t sum = 0;
                char expr[256] = "";
                for (int k = 0; k < 4; k++) {
                    int64_t p = 0;
                    if (!q[k].found)
                        continue;
                    bool has = quarter_points(&q[k], t[ti].id, d->code, &p);
                    sum += p;
                    char ps[32];
                    dj_format_centi(p, ps, sizeof ps);
                    size_t len = strlen(expr);
                    snprintf(expr + len, sizeof expr - len, "%s%s", len ? " + " : "", ps);
                    json_array_append_new(list, json_pack("{s:s, s:I, s:f, s:b}", "period", q[k].e.period,
                                                          "evaluation_id", (json_int_t)q[k].e.id,
                                                          "points", (double)p / 100.0, "scored", has));
                }
                /* mean: half up over the quarters that were evaluated */
                v = mean ? (sum >= 0 ? (sum * 2 + nq) / (2 * nq) : -((-sum * 2 + nq) / (2 * nq))) : sum;
                dj_format_centi(v, vs, sizeof vs);
                if (mean)
                    snprintf(rule, sizeof rule, "(%s) ÷ %d 个季度 = %s", expr, nq, vs);
                else
                    snprintf(rule, sizeof rule, "%s = %s", expr, vs);
                if (weight) {
                    int64_t w = v >= 0 ? (v * (100 - weight) * 2 + 100) / 200 : -((-v * (100 - weight) * 2 + 100) / 200);
                    char ws[32];
                    dj_format_centi(w, ws, sizeof ws);
                    size_t len = strlen(rule);
                    snprintf(rule + len, sizeof rule - len, "，× 权重 %lld%% = %s", (long long)(100 - weight), ws);
                    v = w;
                }
                detail = json_pack("{s:s, s:o, s:s}", "annual", mean ? "mean" : "sum", "quarters",
                                   list, "rule", rule);
            }
            points[i] = v;
            struct dj_score *sc = &scores[nscores++];
            sc->target_id = t[ti].id;
            sc->indicator_id = d->id;
            sc->points = v;
            sc->detail = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
            json_decref(detail);
        }
        for (int i = s->nind - 1; i >= 0; i--) {
            if (strcmp(s->ind[i].kind, "group"))
                continue;
            int64_t g = 0;
            for (int c = 0; c < s->nind; c++)
                if (s->ind[c].parent_id == s->ind[i].id)
                    g += points[c];
            points[i] = g;
        }
        int64_t total = 0;
        for (int i = 0; i < s->nind; i++)
            if (!s->ind[i].parent_id)
                total += points[i];
        results[ti].target_id = t[ti].id;
        dj_copy(results[ti].target_name, sizeof results[ti].target_name, t[ti].name);
        dj_copy(results[ti].unit_name, sizeof results[ti].unit_name, t[ti].unit);
        results[ti].total = total;
        results[ti].vetoed = vetoed;
        for (int k = 0; k < ntie; k++) {
            const char *code = json_string_value(json_array_get(tb, (size_t)k));
            for (int i = 0; code && i < s->nind; i++)
                if (!strcmp(s->ind[i].code, code))
                    tie[(size_t)ti * (size_t)ntie + (size_t)k] = points[i];
        }
    }
    /* the year's own selection (十佳标兵) and the scheme's stars */
    json_t *rank_settings = json_deep_copy(settings);
    if (rank_settings && json_object_get(annual, "select"))
        json_object_set(rank_settings, "select", json_object_get(annual, "select"));
    index_rank(results, tie, ntie, nt, rank_settings);
    json_decref(rank_settings);
    if ((rc = store_scores_replace(db, e->id, scores, nscores, err)) ||
        (rc = store_results_replace(db, e->id, results, nt, err)))
        goto out;
    *targets_out = nt;
out:
    for (int i = 0; i < nscores; i++)
        free(scores[i].detail);
    free(scores);
    free(results);
    free(points);
    free(tie);
    free(t);
    free(en);
    quarters_free(q);
    return rc;
}
