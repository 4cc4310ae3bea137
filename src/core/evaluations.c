#include "core/evaluations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/bureaus.h"
#include "core/index_engine.h"
#include "core/index_views.h"
#include "core/people.h"
#include "core/schemes.h"
#include "core/secret.h"
#include "store/awards.h"
#include "store/meetings.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/text.h"

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *evaluation_json(const struct dj_evaluation *e)
{
    static const struct {
        const char *state, *label;
    } labels[] = {{"open", "已创建"},    {"scoring", "评分中"}, {"review", "审核中"},
                  {"notice", "公示中"},  {"final", "已定稿"}};
    const char *label = e->state;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (!strcmp(labels[i].state, e->state))
            label = labels[i].label;
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:o, s:i, s:o,"
                     " s:s, s:o, s:o, s:o, s:s, s:s}",
                     "id", (json_int_t)e->id, "scheme_id", (json_int_t)e->scheme_id, "scheme",
                     e->scheme_name, "target", e->target, "period", e->period, "first_day",
                     e->first_day, "last_day", e->last_day, "name", e->name, "state", e->state,
                     "state_name", label, "notice_days", e->notice_days, "notice_from",
                     opt_text(e->notice_from), "notice_until", opt_text(e->notice_until),
                     "version", e->version, "replaces_id",
                     e->replaces_id ? json_integer(e->replaces_id) : json_null(), "reason",
                     e->reason, "computed_at", opt_text(e->computed_at), "results_hash",
                     opt_text(e->results_hash), "finalized_at", opt_text(e->finalized_at),
                     "created_at", e->created_at, "updated_at", e->updated_at);
}

static void bureau_path(int64_t bureau, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)bureau);
}

int evaluations_list(struct dj_db *db, const struct dj_actor *actor, json_t **items,
                     struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_ORGS_READ);
    int64_t bureau = scope ? path_root_id(scope) : 0;
    if (!bureau)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看考评");
    struct dj_evaluation *e = NULL;
    int n = 0;
    int rc = store_evaluation_list(db, bureau, &e, &n, err);
    if (rc)
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, evaluation_json(&e[i]));
    free(e);
    return 0;
}

int evaluations_get(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                    struct dj_evaluation *out, struct dj_err *err)
{
    int rc = store_evaluation_get(db, id, out, err);
    if (rc)
        return rc;
    const char *scope = authz_scope(actor, PERM_ORGS_READ);
    if (!actor_is_system(actor) && (!scope || path_root_id(scope) != out->bureau_id))
        return dj_err_set(err, DJ_ENOTFOUND, "考评不存在");
    return 0;
}

/* The evaluation for a manager: indexes.manage on its bureau. */
int evaluations_get_managed(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       struct dj_evaluation *e, struct dj_err *err)
{
    int rc = evaluations_get(db, actor, id, e, err);
    if (rc)
        return rc;
    char path[32];
    bureau_path(e->bureau_id, path, sizeof path);
    return authz_require(actor, PERM_INDEXES_MANAGE, path, err);
}

int evaluations_create(struct dj_db *db, const struct dj_actor *actor, int64_t scheme_id,
                       const char *period, const char *name, int notice_days, int64_t *id,
                       struct dj_err *err)
{
    struct dj_scheme s;
    int rc = schemes_get(db, actor, scheme_id, &s, err);
    if (rc)
        return rc == DJ_ENOTFOUND ? dj_err_field(err, "scheme_id", "考评方案不存在") : rc;
    store_scheme_free(&s);
    char path[32];
    bureau_path(s.bureau_id, path, sizeof path);
    if ((rc = authz_require(actor, PERM_INDEXES_MANAGE, path, err)))
        return rc;
    struct dj_period p;
    size_t plen = period ? strlen(period) : 0;
    if (!period || !dj_period_parse(period, &p) || (plen != 4 && plen != 6))
        return dj_err_field(err, "period", "考评期间应为季度（2026Q3）或年度（2026）");
    if (!s.active)
        return dj_err_field(err, "scheme_id", "该方案已有新版本，请使用最新版本");
    /* none given: the bureau's own number of days */
    if (notice_days == EVALUATION_NOTICE_DEFAULT && (rc = bureau_notice_days(db, s.bureau_id, &notice_days, err)))
        return rc;
    if (notice_days < 0 || notice_days > 60)
        return dj_err_field(err, "notice_days", "公示天数应在 0 到 60 之间");
    struct dj_evaluation e;
    memset(&e, 0, sizeof e);
    e.bureau_id = s.bureau_id;
    e.scheme_id = scheme_id;
    dj_copy(e.period, sizeof e.period, period);
    dj_copy(e.first_day, sizeof e.first_day, p.first);
    dj_copy(e.last_day, sizeof e.last_day, p.last);
    if (name && *name)
        dj_copy(e.name, sizeof e.name, name);
    else
    {
        char full[sizeof s.name + 16];
        snprintf(full, sizeof full, "%s %s", s.name, period);
        dj_copy(e.name, sizeof e.name, full);
    }
    dj_copy(e.state, sizeof e.state, "open");
    e.notice_days = notice_days;
    e.version = 1;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_evaluation_insert(db, &e, err)) ||
        (rc = store_evaluation_get(db, e.id, &e, err)) || !(after = evaluation_json(&e)) ||
        (rc = audit_record(db, actor, "create", "evaluation", e.id, e.bureau_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(after);
    if (!rc)
        *id = e.id;
    return rc;
}

/* Recomputes inside the caller's transaction. */
int evaluations_recompute(struct dj_db *db, struct dj_evaluation *e, int *targets, struct dj_err *err)
{
    struct dj_scheme s;
    int rc = store_scheme_get(db, e->scheme_id, &s, err);
    if (rc)
        return rc;
    rc = index_compute(db, e, &s, targets, err);
    store_scheme_free(&s);
    if (rc)
        return rc;
    dj_now_rfc3339(e->computed_at);
    return store_evaluation_update(db, e, err);
}

bool evaluations_scores_open(const struct dj_evaluation *e)
{
    return !strcmp(e->state, "open") || !strcmp(e->state, "scoring") || !strcmp(e->state, "review");
}

int evaluations_compute(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_err *err)
{
    struct dj_evaluation e;
    int rc = evaluations_get_managed(db, actor, id, &e, err);
    if (rc)
        return rc;
    if (!evaluations_scores_open(&e))
        return dj_err_set(err, DJ_ECONFLICT, "考评已进入公示或定稿，不能重新计算");
    if ((rc = db_begin_write(db, err)))
        return rc;
    int targets = 0;
    json_t *after = NULL;
    if ((rc = evaluations_recompute(db, &e, &targets, err)) ||
        !(after = json_pack("{s:i, s:s}", "targets", targets, "computed_at", e.computed_at)) ||
        (rc = audit_record(db, actor, "compute", "evaluation", e.id, e.bureau_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(after);
    return rc;
}

int evaluations_results_text(struct dj_db *db, int64_t id, struct dj_buf *b, struct dj_err *err)
{
    struct dj_result *r = NULL;
    struct dj_score *s = NULL;
    int nr = 0, ns = 0;
    int rc = store_results_list(db, id, &r, &nr, err);
    if (rc || (rc = store_scores_list(db, id, 0, &s, &ns, err))) {
        free(r);
        return rc;
    }
    bool failed = false;
    char line[512];
    for (int i = 0; i < nr; i++) {
        snprintf(line, sizeof line, "R|%lld|%lld|%d|%d|%d|%s\n", (long long)r[i].target_id,
                 (long long)r[i].total, r[i].rank, r[i].vetoed, r[i].selected, r[i].star);
        failed |= dj_buf_puts(b, line) != 0;
    }
    for (int i = 0; i < ns; i++) {
        snprintf(line, sizeof line, "S|%lld|%lld|%lld|%s\n", (long long)s[i].target_id,
                 (long long)s[i].indicator_id, (long long)s[i].points, s[i].raw);
        failed |= dj_buf_puts(b, line) != 0;
    }
    /* the award votes too: they are final with the evaluation */
    struct dj_nomination *nm = NULL;
    int nn = 0;
    if ((rc = store_nominations_list(db, id, 0, &nm, &nn, err)) == 0) {
        for (int i = 0; i < nn; i++) {
            snprintf(line, sizeof line, "A|%s|%lld|%d\n", nm[i].award, (long long)nm[i].target_id,
                     nm[i].votes);
            failed |= dj_buf_puts(b, line) != 0;
        }
    }
    free(nm);
    free(r);
    store_scores_free(s, ns);
    if (!rc && failed)
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    return rc;
}

/* The results, scores and votes of an evaluation hashed: keyed, or the
 * plain SHA-256 of databases written before the hash was keyed. */
static int results_hash(struct dj_db *db, int64_t id, bool keyed, char out[65], struct dj_err *err)
{
    struct dj_buf b = DJ_BUF_INIT;
    int rc = evaluations_results_text(db, id, &b, err);
    if (!rc && keyed) /* keyed, as the audit chain: a database writer cannot recompute it */
        rc = secret_mac_hex(b.len ? b.data : "", b.len, out, err);
    else if (!rc)
        secret_sha256_hex(b.len ? b.data : "", b.len, out);
    dj_buf_free(&b);
    return rc;
}

int evaluations_hash(struct dj_db *db, int64_t id, char out[65], struct dj_err *err)
{
    return results_hash(db, id, true, out, err);
}

int evaluations_rehash(struct dj_db *db, int *count, struct dj_err *err)
{
    struct dj_final_hash *h = NULL;
    int n = 0;
    *count = 0;
    int rc = store_final_hashes(db, &h, &n, err);
    for (int i = 0; !rc && i < n; i++) {
        char plain[65], keyed[65];
        if ((rc = results_hash(db, h[i].id, true, keyed, err)) || !strcmp(keyed, h[i].hash))
            continue; /* already keyed */
        if ((rc = results_hash(db, h[i].id, false, plain, err)))
            break;
        if (strcmp(plain, h[i].hash) != 0) {
            rc = dj_err_set(err, DJ_ECONFLICT, "已定稿的考评 %lld 的得分与定稿时的哈希不符，不能重新计算",
                            (long long)h[i].id);
            break;
        }
        if (!(rc = store_evaluation_set_results_hash(db, h[i].id, keyed, err)))
            ++*count;
    }
    free(h);
    return rc;
}

int evaluations_verify(struct dj_db *db, int *count, int64_t *bad_id, struct dj_err *err)
{
    struct dj_final_hash *h = NULL;
    int n = 0;
    int rc = store_final_hashes(db, &h, &n, err);
    *count = n;
    *bad_id = 0;
    for (int i = 0; !rc && i < n && !*bad_id; i++) {
        char now[65];
        if ((rc = evaluations_hash(db, h[i].id, now, err)) == 0 && strcmp(now, h[i].hash) != 0)
            *bad_id = h[i].id;
    }
    free(h);
    return rc;
}

static int open_objections(struct dj_db *db, int64_t id, int *open, struct dj_err *err)
{
    struct dj_objection *o = NULL;
    int n = 0;
    int rc = store_objections_list(db, id, &o, &n, err);
    *open = 0;
    for (int i = 0; i < n; i++)
        *open += !strcmp(o[i].state, "open");
    free(o);
    return rc;
}

/* How many scores the entered and imported indicators still miss, and in
 * how many indicators (the managers' view of the evaluators' progress). */
static int missing_scores(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                          int64_t *missing, int *indicators, struct dj_err *err)
{
    json_t *progress;
    int rc = index_progress(db, actor, id, &progress, err);
    if (rc)
        return rc;
    *missing = 0;
    *indicators = 0;
    size_t i;
    json_t *ind;
    json_array_foreach(json_object_get(progress, "indicators"), i, ind) {
        json_int_t gap = json_integer_value(json_object_get(ind, "targets")) -
                         json_integer_value(json_object_get(ind, "entered"));
        if (gap > 0) {
            *missing += gap;
            (*indicators)++;
        }
    }
    json_decref(progress);
    return 0;
}

int evaluations_transition(struct dj_db *db, const struct dj_config *cfg,
                           const struct dj_actor *actor, int64_t id, const char *state,
                           const char *override_reason, struct dj_err *err)
{
    struct dj_evaluation e;
    int rc = evaluations_get_managed(db, actor, id, &e, err);
    if (rc)
        return rc;
    static const struct {
        const char *from, *to;
    } moves[] = {{"open", "scoring"},   {"scoring", "review"}, {"review", "scoring"},
                 {"review", "notice"},  {"notice", "final"},   {"open", "review"}};
    bool allowed = false;
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        allowed |= state && !strcmp(moves[i].from, e.state) && !strcmp(moves[i].to, state);
    if (!state || (strcmp(state, "scoring") && strcmp(state, "review") && strcmp(state, "notice") &&
                   strcmp(state, "final")))
        return dj_err_field(err, "state", "状态应为 scoring、review、notice 或 final");
    if (!allowed)
        return dj_err_set(err, DJ_ECONFLICT, "考评当前为“%s”，不能转到“%s”", e.state, state);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (!strcmp(state, "final")) {
        int open = 0;
        if ((rc = open_objections(db, id, &open, err)))
            return rc;
        if (open)
            return dj_err_set(err, DJ_ECONFLICT, "还有 %d 条异议未答复，不能定稿", open);
        /* objections are taken through notice_until: final only after it
         * (notice_days 0: no waiting period; objections on the notice's one day) */
        if (e.notice_days > 0 && strcmp(today, e.notice_until) <= 0)
            return dj_err_set(err, DJ_ECONFLICT, "公示期至 %s（含当日），期满后才能定稿", e.notice_until);
    }
    /* a click with consequences: publishing or finalising with scores missing
     * needs a reason, which the audit keeps with what was missing */
    int64_t missing = 0;
    int short_indicators = 0;
    bool overridden = false;
    if ((!strcmp(state, "notice") || !strcmp(state, "final")) &&
        (rc = missing_scores(db, actor, id, &missing, &short_indicators, err)))
        return rc;
    if (missing) {
        if (!override_reason || dj_utf8_length(override_reason) < 2 || strlen(override_reason) > 400)
            return dj_err_field(err, "override_reason",
                                "评分尚未完成：%d 项指标还缺 %lld 个评分（见评分进度）；如确需%s，请填写理由",
                                short_indicators, (long long)missing,
                                strcmp(state, "notice") ? "定稿" : "发布公示");
        overridden = true;
    }
    json_t *before = evaluation_json(&e), *after = NULL;
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    int targets = 0;
    if (!strcmp(state, "notice")) {
        /* the notice shows the scores as they are now */
        if ((rc = evaluations_recompute(db, &e, &targets, err)))
            goto fail;
        /* days counted inclusively: a 5-day notice from Monday runs to Friday
           (notice_until is its last day); 0 days is the notice's one day */
        dj_copy(e.notice_from, sizeof e.notice_from, today);
        dj_date_add_days(today, e.notice_days > 0 ? e.notice_days - 1 : 0, e.notice_until);
    }
    dj_copy(e.state, sizeof e.state, state);
    if (!strcmp(state, "final")) {
        if ((rc = evaluations_hash(db, id, e.results_hash, err)))
            goto fail;
        dj_now_rfc3339(e.finalized_at);
    }
    if ((rc = store_evaluation_update(db, &e, err)) || !(after = evaluation_json(&e)))
        goto fail;
    if (overridden)
        json_object_set_new(after, "override", json_pack("{s:s, s:I, s:i}", "reason", override_reason,
                                                         "missing_scores", (json_int_t)missing,
                                                         "indicators", short_indicators));
    if ((rc = audit_record(db, actor, state, "evaluation", e.id, e.bureau_id, before, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(before);
    json_decref(after);
    return 0;
fail:
    db_rollback(db);
    json_decref(before);
    json_decref(after);
    return rc ? rc : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int evaluations_new_version(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                            const char *reason, int64_t *new_id, struct dj_err *err)
{
    struct dj_evaluation e;
    int rc = evaluations_get_managed(db, actor, id, &e, err);
    if (rc)
        return rc;
    if (strcmp(e.state, "final") != 0)
        return dj_err_set(err, DJ_ECONFLICT, "只有已定稿的考评需要以新版本更正；未定稿的可直接修改");
    if (!reason || dj_utf8_length(reason) < 2 || strlen(reason) >= sizeof e.reason)
        return dj_err_field(err, "reason", "请说明更正的理由");
    struct dj_score_entry *en = NULL;
    int nen = 0;
    if ((rc = store_entries_list(db, id, 0, &en, &nen, err)))
        return rc;
    struct dj_evaluation v = e;
    v.id = 0;
    v.replaces_id = e.id;
    v.version = e.version + 1;
    dj_copy(v.reason, sizeof v.reason, reason);
    dj_copy(v.state, sizeof v.state, "open");
    v.notice_from[0] = v.notice_until[0] = v.results_hash[0] = v.finalized_at[0] = '\0';
    v.computed_at[0] = '\0';
    json_t *after = NULL;
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = store_evaluation_insert(db, &v, err)))
        goto fail;
    for (int i = 0; i < nen; i++) {
        en[i].evaluation_id = v.id;
        if ((rc = store_entry_insert(db, &en[i], err)))
            goto fail;
    }
    if ((rc = store_evaluation_get(db, v.id, &v, err)) || !(after = evaluation_json(&v)) ||
        (rc = audit_record(db, actor, "version", "evaluation", v.id, v.bureau_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    *new_id = v.id;
    goto out;
fail:
    db_rollback(db);
    if (!rc)
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
out:
    json_decref(after);
    free(en);
    return rc;
}

/* ---- entries ---- */

bool evaluations_may_enter(const struct dj_actor *actor, const struct dj_indicator *d,
                           const struct dj_index_target *t, int64_t bureau_id)
{
    char bp[32];
    bureau_path(bureau_id, bp, sizeof bp);
    if (authz_allows(actor, PERM_INDEXES_MANAGE, bp))
        return true;
    const char *path = *t->path ? t->path : bp;
    if (!strcmp(d->kind, "entered"))
        return authz_has_role(actor, d->entered_by, path,
                              !strcmp(d->entered_by, "dept_head") ? t->department_id : 0);
    if (!strcmp(d->kind, "deduction") || !strcmp(d->kind, "veto"))
        if (authz_has_role(actor, "discipline", path, 0))
            return true;
    if (!strcmp(d->kind, "bonus") || !strcmp(d->kind, "deduction"))
        return *t->path && authz_has_role(actor, "branch_secretary", t->path, 0);
    return false;
}

/* The scheme's indicator and the target, looked up for an entry. */
static int entry_context(struct dj_db *db, const struct dj_evaluation *e, int64_t indicator_id,
                         int64_t target_id, struct dj_indicator *d, struct dj_index_target *t,
                         struct dj_err *err)
{
    struct dj_scheme s;
    int rc = store_scheme_get(db, e->scheme_id, &s, err);
    if (rc)
        return rc;
    bool found = false;
    for (int i = 0; i < s.nind; i++)
        if (s.ind[i].id == indicator_id) {
            *d = s.ind[i];
            found = true;
        }
    store_scheme_free(&s);
    if (!found)
        return dj_err_field(err, "indicator_id", "指标不属于此考评的方案");
    if (!strcmp(d->kind, "group") || !strcmp(d->kind, "computed"))
        return dj_err_field(err, "indicator_id", "“%s”由系统计算，不能录入", d->name);
    struct dj_index_target *ts = NULL;
    int n = 0;
    if ((rc = store_index_targets(db, e->bureau_id, e->target, e->first_day, e->last_day, &ts, &n, err)))
        return rc;
    found = false;
    for (int i = 0; i < n; i++)
        if (ts[i].id == target_id) {
            *t = ts[i];
            found = true;
        }
    free(ts);
    return found ? 0 : dj_err_field(err, "target_id", "考评对象不在本期考评范围内");
}

int evaluations_enter(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                      struct dj_score_entry *entry, struct dj_err *err)
{
    struct dj_evaluation e;
    int rc = evaluations_get(db, actor, id, &e, err);
    if (rc)
        return rc;
    char bp[32];
    bureau_path(e.bureau_id, bp, sizeof bp);
    /* during the notice only party_admin changes scores, answering objections */
    if (!evaluations_scores_open(&e) &&
        !(!strcmp(e.state, "notice") && authz_allows(actor, PERM_INDEXES_MANAGE, bp)))
        return dj_err_set(err, DJ_ECONFLICT, "考评已%s，不能再录入", !strcmp(e.state, "final") ? "定稿" : "进入公示");
    struct dj_indicator d;
    struct dj_index_target t;
    if ((rc = entry_context(db, &e, entry->indicator_id, entry->target_id, &d, &t, err)))
        return rc;
    if (!evaluations_may_enter(actor, &d, &t, e.bureau_id))
        return dj_err_set(err, DJ_EFORBIDDEN, "您不是“%s”对“%s”的评分人", d.name, t.name);
    bool additive = !strcmp(d.kind, "bonus") || !strcmp(d.kind, "deduction") || !strcmp(d.kind, "veto");
    if (!strcmp(d.kind, "veto"))
        entry->points = 0;
    if (!strcmp(d.kind, "entered") && (entry->points < 0 || entry->points > d.max_points)) {
        char m[32];
        dj_format_centi(d.max_points, m, sizeof m);
        return dj_err_field(err, "points", "分数应在 0 与满分 %s 之间", m);
    }
    if (!strcmp(d.kind, "imported") && (entry->points < 0 || entry->points > 10000000))
        return dj_err_field(err, "points", "导入值应为不小于 0 的数");
    if ((!strcmp(d.kind, "bonus") || !strcmp(d.kind, "deduction")) && entry->points <= 0)
        return dj_err_field(err, "points", "加分、扣分应为正数（扣分项填写扣除的分数）");
    if (additive && dj_utf8_length(entry->reason) < 2)
        return dj_err_field(err, "reason", "请写明事由");
    if (*entry->occurred_on && !dj_date_valid(entry->occurred_on))
        return dj_err_field(err, "occurred_on", "应为日期 YYYY-MM-DD");
    if (entry->file_id) {
        /* the evidence is a file of the evaluation's own bureau; another's is as good as missing */
        struct dj_file f;
        void *data = NULL;
        size_t len = 0;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        rc = store_file_get(db, entry->file_id, &f, &data, &len, &lookup);
        free(data);
        if (rc == DJ_ENOTFOUND || (!rc && f.bureau_id != e.bureau_id))
            return dj_err_field(err, "file_id", "文件不存在");
        if (rc)
            return dj_err_set(err, lookup.code, "%s", lookup.message);
    }
    entry->evaluation_id = id;
    entry->entered_by = actor->user.id;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    int targets = 0;
    if ((!additive && (rc = store_entries_clear(db, id, entry->target_id, entry->indicator_id, err))) ||
        (rc = store_entry_insert(db, entry, err)))
        goto fail;
    after = json_pack("{s:I, s:s, s:I, s:s, s:f, s:s, s:o}", "target_id", (json_int_t)t.id,
                      "target", t.name, "indicator_id", (json_int_t)d.id, "indicator", d.name,
                      "points", (double)entry->points / 100.0, "reason", entry->reason,
                      "occurred_on", opt_text(entry->occurred_on));
    if ((rc = evaluations_recompute(db, &e, &targets, err)) ||
        (rc = audit_record(db, actor, "enter", "evaluation", e.id, e.bureau_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(after);
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}

int evaluations_entry_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                             int64_t entry_id, struct dj_err *err)
{
    struct dj_evaluation e;
    struct dj_score_entry en;
    int rc = evaluations_get(db, actor, id, &e, err);
    if (rc || (rc = store_entry_get(db, entry_id, &en, err)))
        return rc;
    if (en.evaluation_id != id)
        return dj_err_set(err, DJ_ENOTFOUND, "评分记录不存在");
    /* a manager, or the evaluator who put it in (before the notice) */
    char bp[32];
    bureau_path(e.bureau_id, bp, sizeof bp);
    bool manager = authz_allows(actor, PERM_INDEXES_MANAGE, bp);
    if (!manager && en.entered_by != actor->user.id)
        return dj_err_set(err, DJ_EFORBIDDEN, "只能删除自己录入的评分记录");
    if (!evaluations_scores_open(&e) && (strcmp(e.state, "notice") != 0 || !manager))
        return dj_err_set(err, DJ_ECONFLICT, "考评已进入公示或定稿，不能删除评分记录");
    if ((rc = db_begin_write(db, err)))
        return rc;
    int targets = 0;
    json_t *before = json_pack("{s:I, s:I, s:I, s:f, s:s}", "entry_id", (json_int_t)en.id,
                               "target_id", (json_int_t)en.target_id, "indicator_id",
                               (json_int_t)en.indicator_id, "points", (double)en.points / 100.0,
                               "reason", en.reason);
    if ((rc = store_entry_delete(db, entry_id, err)) || (rc = evaluations_recompute(db, &e, &targets, err)) ||
        (rc = audit_record(db, actor, "delete_entry", "evaluation", e.id, e.bureau_id, before, NULL, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(before);
    return rc;
}

int evaluations_entries(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        int64_t target_id, json_t **items, struct dj_err *err)
{
    struct dj_evaluation e;
    int rc = evaluations_get(db, actor, id, &e, err);
    if (rc)
        return rc;
    char bp[32];
    bureau_path(e.bureau_id, bp, sizeof bp);
    bool manager = authz_allows(actor, PERM_INDEXES_MANAGE, bp);
    struct dj_score_entry *en = NULL;
    struct dj_index_target *t = NULL;
    int n = 0, nt = 0;
    if ((rc = store_entries_list(db, id, target_id, &en, &n, err)) ||
        (rc = store_index_targets(db, e.bureau_id, e.target, e.first_day, e.last_day, &t, &nt, err))) {
        free(en);
        return rc;
    }
    *items = json_array();
    for (int i = 0; i < n; i++) {
        if (!manager && en[i].entered_by != actor->user.id)
            continue; /* an evaluator sees what they put in */
        const char *name = "";
        for (int k = 0; k < nt; k++)
            if (t[k].id == en[i].target_id)
                name = t[k].name;
        json_array_append_new(*items, json_pack("{s:I, s:I, s:I, s:f, s:s, s:o, s:s, s:s, s:b}", "id",
                                                (json_int_t)en[i].id, "target_id",
                                                (json_int_t)en[i].target_id, "indicator_id",
                                                (json_int_t)en[i].indicator_id, "points",
                                                (double)en[i].points / 100.0, "reason", en[i].reason,
                                                "occurred_on", opt_text(en[i].occurred_on),
                                                "entered_by", en[i].entered_by_name, "created_at",
                                                en[i].created_at, "mine",
                                                en[i].entered_by == actor->user.id));
        json_object_set_new(json_array_get(*items, json_array_size(*items) - 1), "target",
                            json_string(name));
    }
    free(en);
    free(t);
    return 0;
}

int evaluations_targets(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **items,
                        struct dj_err *err)
{
    struct dj_evaluation e;
    struct dj_scheme s;
    int rc = evaluations_get(db, actor, id, &e, err);
    if (rc || (rc = store_scheme_get(db, e.scheme_id, &s, err)))
        return rc;
    struct dj_index_target *t = NULL;
    int nt = 0;
    if ((rc = store_index_targets(db, e.bureau_id, e.target, e.first_day, e.last_day, &t, &nt, err))) {
        store_scheme_free(&s);
        return rc;
    }
    *items = json_array();
    for (int k = 0; k < nt; k++) {
        json_t *kinds = json_array();
        for (int i = 0; i < s.nind; i++) {
            const char *kind = s.ind[i].kind;
            if (!strcmp(kind, "group") || !strcmp(kind, "computed") ||
                !evaluations_may_enter(actor, &s.ind[i], &t[k], e.bureau_id))
                continue;
            json_array_append_new(kinds, json_integer(s.ind[i].id));
        }
        if (json_array_size(kinds) == 0) {
            json_decref(kinds);
            continue;
        }
        json_array_append_new(*items, json_pack("{s:I, s:s, s:s, s:o}", "target_id", (json_int_t)t[k].id,
                                                "name", t[k].name, "unit", t[k].unit,
                                                "indicator_ids", kinds));
    }
    free(t);
    store_scheme_free(&s);
    return 0;
}
