#include "core/index_views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/evaluations.h"
#include "core/people.h"
#include "util/text.h"

static json_t *centi_json(int64_t v)
{
    return json_real((double)v / 100.0);
}

static bool is_manager(const struct dj_actor *actor, int64_t bureau)
{
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)bureau);
    return authz_allows(actor, PERM_INDEXES_MANAGE, bp);
}

static bool published(const struct dj_evaluation *e)
{
    return !strcmp(e->state, "notice") || !strcmp(e->state, "final");
}

/* The target, with its scope path, or NULL. */
static const struct dj_index_target *find_target(const struct dj_index_target *ts, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ts[i].id == id)
            return &ts[i];
    return NULL;
}

/* May the actor see this target's row or explanation? */
static bool sees_target(const struct dj_actor *actor, const struct dj_evaluation *e,
                        const struct dj_index_target *t)
{
    if (is_manager(actor, e->bureau_id))
        return true;
    if (t && *t->path && authz_allows(actor, PERM_PEOPLE_READ, t->path))
        return true; /* the branch's secretary, discipline */
    if (!published(e) || !t)
        return false;
    if (!strcmp(e->target, "member"))
        return t->id == actor->person_id;
    return false;
}

/* The selection that applies: a year's own (settings.annual.select) for an
 * annual evaluation, the scheme's otherwise. */
static const json_t *selection_of(const struct dj_evaluation *e, const json_t *settings)
{
    const json_t *annual = json_object_get(settings, "annual");
    if (strlen(e->period) == 4 && json_object_get(annual, "mode") && json_object_get(annual, "select"))
        return json_object_get(annual, "select");
    return json_object_get(settings, "select");
}

static int load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_evaluation *e,
                struct dj_scheme *s, json_t **settings, struct dj_err *err)
{
    int rc = evaluations_get(db, actor, id, e, err);
    if (rc || (rc = store_scheme_get(db, e->scheme_id, s, err)))
        return rc;
    json_error_t jerr;
    *settings = json_loads(s->settings, 0, &jerr);
    if (!*settings)
        *settings = json_object();
    return 0;
}

/* The rank of a result among the results that are not vetoed (competition
 * ranking, ties sharing a place), for readers who may not see vetoes; call
 * in rank order with place, counted and last_rank starting at 0, 0, -1.
 * A vetoed result gets 0 and does not count. */
static int public_rank(const struct dj_result *r, int *place, int *counted, int *last_rank)
{
    if (r->vetoed)
        return 0;
    ++*counted;
    if (r->rank != *last_rank)
        *place = *counted;
    *last_rank = r->rank;
    return *place;
}

int index_ranking(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                  struct dj_err *err)
{
    struct dj_evaluation e;
    struct dj_scheme s;
    json_t *settings = NULL;
    int rc = load(db, actor, id, &e, &s, &settings, err);
    if (rc)
        return rc;
    bool manager = is_manager(actor, e.bureau_id);
    const char *vis = json_string_value(json_object_get(settings, "visibility"));
    bool board = manager || (published(&e) && (!vis || !strcmp(vis, "all")));
    struct dj_result *r = NULL;
    struct dj_index_target *ts = NULL;
    int nr = 0, nts = 0;
    if (!manager && !published(&e)) {
        rc = dj_err_set(err, DJ_EFORBIDDEN, "考评结果尚未公示");
        goto out;
    }
    if ((rc = store_results_list(db, id, &r, &nr, err)) ||
        (rc = store_index_targets(db, e.bureau_id, e.target, e.first_day, e.last_day, &ts, &nts, err)))
        goto out;
    json_t *items = json_array();
    int place = 0, counted = 0, last_rank = -1;
    for (int i = 0; i < nr; i++) {
        bool own = sees_target(actor, &e, find_target(ts, nts, r[i].target_id));
        int rank = public_rank(&r[i], &place, &counted, &last_rank);
        /* a veto is a discipline matter: shown to managers and to those who
           may see the target's own record.  To the others a vetoed row is
           not there at all and the ranks close up over it, so that neither a
           gap nor a top rank left unselected tells of it */
        if (r[i].vetoed && !manager && !own)
            continue;
        if (!board && !own)
            continue;
        json_array_append_new(items, json_pack("{s:i, s:I, s:s, s:s, s:o, s:s, s:b, s:b}", "rank",
                                               manager || r[i].vetoed ? r[i].rank : rank,
                                               "target_id", (json_int_t)r[i].target_id,
                                               "name", r[i].target_name, "unit", r[i].unit_name,
                                               "total", centi_json(r[i].total), "star", r[i].star,
                                               "vetoed", r[i].vetoed && (manager || own), "selected",
                                               r[i].selected));
    }
    const json_t *sel = selection_of(&e, settings);
    *out = json_pack("{s:o, s:o, s:o, s:s}", "evaluation", evaluation_json(&e), "items", items,
                     "selection", sel ? json_deep_copy(sel) : json_null(), "visibility",
                     board ? "all" : "own");
out:
    free(r);
    free(ts);
    store_scheme_free(&s);
    json_decref(settings);
    return rc;
}

static json_t *explain_node(const struct dj_scheme *s, int i, const struct dj_score *sc, int nsc,
                            int64_t *points)
{
    const struct dj_indicator *d = &s->ind[i];
    json_error_t jerr;
    json_t *n = json_pack("{s:I, s:s, s:s, s:s, s:o}", "indicator_id", (json_int_t)d->id, "code",
                          d->code, "name", d->name, "kind", d->kind, "max_points",
                          centi_json(d->max_points));
    if (!strcmp(d->kind, "group")) {
        json_t *children = json_array();
        int64_t sum = 0;
        char expr[512] = "";
        for (int c = 0; c < s->nind; c++) {
            if (s->ind[c].parent_id != d->id)
                continue;
            int64_t p = 0;
            json_array_append_new(children, explain_node(s, c, sc, nsc, &p));
            char ps[32];
            dj_format_centi(p, ps, sizeof ps);
            size_t len = strlen(expr);
            snprintf(expr + len, sizeof expr - len, "%s%s", len ? " + " : "", ps);
            sum += p;
        }
        char ss[32];
        dj_format_centi(sum, ss, sizeof ss);
        size_t len = strlen(expr);
        snprintf(expr + len, sizeof expr - len, " = %s", ss);
        json_object_set_new(n, "points", centi_json(sum));
        json_object_set_new(n, "rule", json_string(expr));
        json_object_set_new(n, "children", children);
        *points = sum;
        return n;
    }
    *points = 0;
    for (int k = 0; k < nsc; k++) {
        if (sc[k].indicator_id != d->id)
            continue;
        *points = sc[k].points;
        json_t *detail = json_loads(sc[k].detail, 0, &jerr);
        json_object_set_new(n, "points", centi_json(sc[k].points));
        json_object_set_new(n, "raw", *sc[k].raw ? json_string(sc[k].raw) : json_null());
        if (detail) {
            json_object_update(n, detail);
            json_decref(detail);
        }
    }
    if (!json_object_get(n, "points")) {
        /* no row: nothing was put in for it */
        static const struct {
            const char *kind, *rule;
        } none[] = {{"entered", "尚未评分"},   {"imported", "未导入数据，得 0 分"},
                    {"bonus", "无加分"},       {"deduction", "无扣分"},
                    {"veto", "未触发"},        {"computed", "尚未计算"}};
        const char *rule = "";
        for (size_t k = 0; k < sizeof none / sizeof none[0]; k++)
            if (!strcmp(none[k].kind, d->kind))
                rule = none[k].rule;
        json_object_set_new(n, "points", centi_json(0));
        json_object_set_new(n, "raw", json_null());
        json_object_set_new(n, "rule", json_string(rule));
        if (strcmp(d->kind, "computed"))
            json_object_set_new(n, "entries", json_array());
    }
    return n;
}

int index_explain(struct dj_db *db, const struct dj_actor *actor, int64_t id, int64_t target_id,
                  json_t **out, struct dj_err *err)
{
    struct dj_evaluation e;
    struct dj_scheme s;
    json_t *settings = NULL;
    int rc = load(db, actor, id, &e, &s, &settings, err);
    if (rc)
        return rc;
    struct dj_index_target *ts = NULL;
    struct dj_score *sc = NULL;
    struct dj_result *r = NULL;
    int nts = 0, nsc = 0, nr = 0;
    if ((rc = store_index_targets(db, e.bureau_id, e.target, e.first_day, e.last_day, &ts, &nts, err)))
        goto out;
    const struct dj_index_target *t = find_target(ts, nts, target_id);
    if (!t) {
        rc = dj_err_set(err, DJ_ENOTFOUND, "考评对象不存在");
        goto out;
    }
    if (!sees_target(actor, &e, t)) {
        rc = dj_err_set(err, DJ_EFORBIDDEN, published(&e) ? "您只能查看本人（或本支部）的得分说明"
                                                          : "考评结果尚未公示");
        goto out;
    }
    if ((rc = store_scores_list(db, id, target_id, &sc, &nsc, err)) ||
        (rc = store_results_list(db, id, &r, &nr, err)))
        goto out;
    json_t *tree = json_array();
    int64_t total = 0;
    char expr[1024] = "";
    for (int i = 0; i < s.nind; i++) {
        if (s.ind[i].parent_id)
            continue;
        int64_t p = 0;
        json_array_append_new(tree, explain_node(&s, i, sc, nsc, &p));
        if (!strcmp(s.ind[i].kind, "veto"))
            continue;
        char ps[32];
        dj_format_centi(p < 0 ? -p : p, ps, sizeof ps);
        size_t len = strlen(expr);
        snprintf(expr + len, sizeof expr - len, "%s%s", len ? (p < 0 ? " − " : " + ") : (p < 0 ? "−" : ""), ps);
        total += p;
    }
    const struct dj_result *res = NULL;
    for (int i = 0; i < nr; i++)
        if (r[i].target_id == target_id)
            res = &r[i];
    char ts_text[32];
    dj_format_centi(res ? res->total : total, ts_text, sizeof ts_text);
    size_t len = strlen(expr);
    snprintf(expr + len, sizeof expr - len, " = %s%s", ts_text,
             res && res->vetoed && res->total == 0 && total != 0 ? "（触发否决，清零）" : "");
    *out = json_pack("{s:o, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o}", "evaluation",
                     evaluation_json(&e), "target_id", (json_int_t)t->id, "name", t->name, "unit",
                     t->unit, "total", centi_json(res ? res->total : total), "rank",
                     res ? json_integer(res->rank) : json_null(), "vetoed",
                     json_boolean(res && res->vetoed), "selected",
                     json_boolean(res && res->selected), "star",
                     res && *res->star ? json_string(res->star) : json_null(), "arithmetic", expr,
                     "indicators", tree);
out:
    free(ts);
    free(r);
    store_scores_free(sc, nsc);
    store_scheme_free(&s);
    json_decref(settings);
    return rc;
}

int index_score_sheet(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **items,
                      json_t **columns, struct dj_err *err)
{
    struct dj_evaluation e;
    struct dj_scheme s;
    json_t *settings = NULL;
    int rc = load(db, actor, id, &e, &s, &settings, err);
    if (rc)
        return rc;
    struct dj_result *r = NULL;
    struct dj_score *sc = NULL;
    int nr = 0, nsc = 0;
    if (!is_manager(actor, e.bureau_id)) {
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有考评管理人员可以查看完整评分表");
        goto out;
    }
    if ((rc = store_results_list(db, id, &r, &nr, err)) ||
        (rc = store_scores_list(db, id, 0, &sc, &nsc, err)))
        goto out;
    *columns = json_array();
    for (int i = 0; i < s.nind; i++)
        if (strcmp(s.ind[i].kind, "group"))
            json_array_append_new(*columns, json_pack("{s:s, s:s+, s:s}", "code", s.ind[i].code,
                                                      "key", "i.", s.ind[i].code, "name",
                                                      s.ind[i].name));
    *items = json_array();
    for (int i = 0; i < nr; i++) {
        json_t *row = json_pack("{s:i, s:I, s:s, s:s, s:o, s:s, s:b, s:b}", "rank", r[i].rank,
                                "target_id", (json_int_t)r[i].target_id, "name", r[i].target_name,
                                "unit", r[i].unit_name, "total", centi_json(r[i].total), "star",
                                r[i].star, "vetoed", r[i].vetoed, "selected", r[i].selected);
        /* per indicator code, apart from the row's own fields; 0 where nothing was put in */
        json_t *pts = json_object();
        for (int d = 0; d < s.nind; d++)
            if (strcmp(s.ind[d].kind, "group"))
                json_object_set_new(pts, s.ind[d].code, centi_json(0));
        json_object_set_new(row, "points", pts);
        for (int k = 0; k < nsc; k++) {
            if (sc[k].target_id != r[i].target_id)
                continue;
            for (int d = 0; d < s.nind; d++)
                if (s.ind[d].id == sc[k].indicator_id)
                    json_object_set_new(json_object_get(row, "points"), s.ind[d].code,
                                        centi_json(sc[k].points));
        }
        json_array_append_new(*items, row);
    }
out:
    free(r);
    store_scores_free(sc, nsc);
    store_scheme_free(&s);
    json_decref(settings);
    return rc;
}

int index_notice(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                 struct dj_err *err)
{
    struct dj_evaluation e;
    struct dj_scheme s;
    json_t *settings = NULL;
    int rc = load(db, actor, id, &e, &s, &settings, err);
    if (rc)
        return rc;
    struct dj_result *r = NULL;
    int nr = 0;
    if (!published(&e) && !is_manager(actor, e.bureau_id)) {
        rc = dj_err_set(err, DJ_EFORBIDDEN, "考评结果尚未公示");
        goto out;
    }
    if ((rc = store_results_list(db, id, &r, &nr, err)))
        goto out;
    const char *title = json_string_value(json_object_get(selection_of(&e, settings), "title"));
    /* those who may not see vetoes get the ranks of the board without the
       vetoed (index_ranking): a gap (1, 2, 4) would tell that the third was vetoed */
    bool manager = is_manager(actor, e.bureau_id);
    json_t *selected = json_array();
    int place = 0, counted = 0, last_rank = -1;
    for (int i = 0; i < nr; i++) {
        int rank = public_rank(&r[i], &place, &counted, &last_rank);
        if (r[i].selected)
            json_array_append_new(selected, json_pack("{s:i, s:s, s:s, s:o, s:s}", "rank",
                                                      manager ? r[i].rank : rank,
                                                      "name", r[i].target_name, "unit",
                                                      r[i].unit_name, "total",
                                                      centi_json(r[i].total), "star", r[i].star));
    }
    char heading[320];
    snprintf(heading, sizeof heading, "关于%s%s结果的公示", e.name, title ? title : "考评");
    *out = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "title", heading, "period",
                     e.period, "award", title ? title : "", "notice_from",
                     *e.notice_from ? json_string(e.notice_from) : json_null(), "notice_until",
                     *e.notice_until ? json_string(e.notice_until) : json_null(), "selected",
                     selected, "evaluation", evaluation_json(&e), "objections_to",
                     "机关党委（党务管理员）");
out:
    free(r);
    store_scheme_free(&s);
    json_decref(settings);
    return rc;
}

/* What the evaluators' views read: the evaluation, its scheme, the targets
 * and the entries (ordered by target, indicator and id). */
struct scoring {
    struct dj_evaluation e;
    struct dj_scheme s;
    json_t *settings;
    struct dj_index_target *ts;
    int nts;
    struct dj_score_entry *en;
    int nen;
};

static void scoring_free(struct scoring *sc)
{
    free(sc->ts);
    free(sc->en);
    store_scheme_free(&sc->s);
    json_decref(sc->settings);
}

static int scoring_load(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct scoring *sc, struct dj_err *err)
{
    memset(sc, 0, sizeof *sc);
    int rc = load(db, actor, id, &sc->e, &sc->s, &sc->settings, err);
    if (rc || (rc = store_index_targets(db, sc->e.bureau_id, sc->e.target, sc->e.first_day,
                                        sc->e.last_day, &sc->ts, &sc->nts, err)) ||
        (rc = store_entries_list(db, id, 0, &sc->en, &sc->nen, err)))
        scoring_free(sc);
    return rc;
}

/* The latest entry of target and indicator (binary search by target), or NULL. */
static const struct dj_score_entry *latest_entry(const struct scoring *sc, int64_t target,
                                                 int64_t indicator)
{
    int lo = 0, hi = sc->nen;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (sc->en[mid].target_id < target)
            lo = mid + 1;
        else
            hi = mid;
    }
    const struct dj_score_entry *found = NULL;
    for (int x = lo; x < sc->nen && sc->en[x].target_id == target; x++)
        if (sc->en[x].indicator_id == indicator)
            found = &sc->en[x];
    return found;
}

int index_progress(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                   struct dj_err *err)
{
    struct scoring sc;
    int rc = scoring_load(db, actor, id, &sc, err);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (int i = 0; i < sc.s.nind; i++) {
        const struct dj_indicator *d = &sc.s.ind[i];
        if (strcmp(d->kind, "entered") && strcmp(d->kind, "imported"))
            continue;
        int mine = 0, done = 0;
        json_t *missing = json_array();
        for (int k = 0; k < sc.nts; k++) {
            if (!evaluations_may_enter(actor, d, &sc.ts[k], sc.e.bureau_id))
                continue;
            mine++;
            if (latest_entry(&sc, sc.ts[k].id, d->id))
                done++;
            else if (json_array_size(missing) < 200)
                json_array_append_new(missing, json_pack("{s:I, s:s}", "target_id",
                                                         (json_int_t)sc.ts[k].id, "name", sc.ts[k].name));
        }
        if (!mine) {
            json_decref(missing);
            continue;
        }
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:i, s:i, s:o}", "indicator_id",
                                               (json_int_t)d->id, "name", d->name, "kind", d->kind,
                                               "entered_by", d->entered_by, "targets", mine,
                                               "entered", done, "missing", missing));
    }
    *out = json_pack("{s:o, s:o}", "evaluation", evaluation_json(&sc.e), "indicators", items);
    scoring_free(&sc);
    return 0;
}

int index_grid(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
               struct dj_err *err)
{
    struct scoring sc;
    int rc = scoring_load(db, actor, id, &sc, err);
    if (rc)
        return rc;
    bool *mine = calloc((size_t)sc.s.nind + 1, sizeof *mine);
    if (!mine) {
        scoring_free(&sc);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    json_t *columns = json_array(), *rows = json_array();
    for (int k = 0; k < sc.nts; k++) {
        json_t *values = json_object();
        bool any = false;
        for (int i = 0; i < sc.s.nind; i++) {
            const struct dj_indicator *d = &sc.s.ind[i];
            if (strcmp(d->kind, "entered") || !evaluations_may_enter(actor, d, &sc.ts[k], sc.e.bureau_id))
                continue;
            any = mine[i] = true;
            const struct dj_score_entry *en = latest_entry(&sc, sc.ts[k].id, d->id);
            char key[24];
            snprintf(key, sizeof key, "%lld", (long long)d->id);
            json_object_set_new(values, key, en ? centi_json(en->points) : json_null());
        }
        if (any)
            json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:o}", "target_id",
                                                  (json_int_t)sc.ts[k].id, "name", sc.ts[k].name, "unit",
                                                  sc.ts[k].unit, "values", values));
        else
            json_decref(values);
    }
    for (int i = 0; i < sc.s.nind; i++)
        if (mine[i])
            json_array_append_new(columns, json_pack("{s:I, s:s, s:s, s:o, s:s}", "indicator_id",
                                                     (json_int_t)sc.s.ind[i].id, "code", sc.s.ind[i].code,
                                                     "name", sc.s.ind[i].name, "max_points",
                                                     centi_json(sc.s.ind[i].max_points), "entered_by",
                                                     sc.s.ind[i].entered_by));
    free(mine);
    *out = json_pack("{s:o, s:o, s:o}", "evaluation", evaluation_json(&sc.e), "indicators", columns,
                     "targets", rows);
    scoring_free(&sc);
    return 0;
}
