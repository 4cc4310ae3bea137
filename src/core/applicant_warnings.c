/* The due dates of 发展党员, their warnings on GET /warnings, and the
 * dated settings of the 细则 (core/applicants.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/applicants.h"
#include "core/applicants_internal.h"
#include "core/audit.h"
#include "core/people.h"
#include "util/date.h"
#include "util/text.h"

int applicant_due_of(struct dj_db *db, const struct applicant_rows *rows, const struct dj_applicant *a,
                     struct applicant_due *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    struct applicant_facts f;
    applicant_facts_of(a, &f);
    applicant_probation_end(rows->rows, rows->n, &f, out->probation_end);
    int stage = applicant_stage_parse(a->stage);
    struct applicant_rules r;
    if (stage == AS_APPLICANT && !*a->talked_on && dj_date_valid(a->applied_on)) {
        applicant_rules_on(rows->rows, rows->n, a->applied_on, &r);
        applicant_add_months(a->applied_on, r.v[APS_TALK_MONTHS], out->day);
        dj_copy(out->code, sizeof out->code, "talk_due");
    } else if (stage == AS_ACTIVIST && dj_date_valid(a->activist_on)) {
        char last[11];
        dj_copy(last, sizeof last, a->activist_on);
        struct dj_applicant_review *rv = NULL;
        int n = 0;
        int rc = store_applicant_reviews(db, a->id, &rv, &n, err);
        if (rc)
            return rc;
        for (int i = 0; i < n; i++)
            if (strcmp(rv[i].reviewed_on, last) > 0)
                dj_copy(last, sizeof last, rv[i].reviewed_on);
        free(rv);
        applicant_rules_on(rows->rows, rows->n, last, &r);
        applicant_add_months(last, r.v[APS_REVIEW_MONTHS], out->day);
        dj_copy(out->code, sizeof out->code, "review_due");
    } else if (stage == AS_PROBATIONARY && *out->probation_end) {
        dj_copy(out->day, sizeof out->day, out->probation_end);
        dj_copy(out->code, sizeof out->code, "probation_ending");
    }
    return 0;
}

/* One item; subject_type, subject_id and key name the applicant for the
 * warnings engine (core/warnings_sources), which stores one warning each. */
static int warn(json_t *items, const char *code, int64_t org, int64_t applicant, const char *due, bool high,
                const char *msg)
{
    char key[64];
    snprintf(key, sizeof key, "applicant:%lld:%s", (long long)applicant, due);
    json_t *w = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:s}", "code", code, "org_id", (json_int_t)org, "due",
                          due, "severity", high ? "high" : "normal", "message", msg, "subject_type", "applicant",
                          "subject_id", (json_int_t)applicant, "key", key);
    return w && !json_array_append_new(items, w) ? 0 : DJ_ENOMEM;
}

int applicants_warnings(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                        int warning_days, json_t *items, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!scope)
        return 0; /* nobody to record a step: nothing to warn of */
    struct dj_applicant_filter f = {.bureau_id = path_root_id(scope)};
    if (!authz_path_is_root(scope))
        f.org_path = scope;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int64_t now = dj_date_days(today);
    struct dj_applicant *a = NULL;
    int n = 0;
    struct applicant_rows rows;
    int rc = store_applicants_list(db, &f, &a, &n, err);
    if (rc)
        return rc;
    if ((rc = applicant_rows_load(db, f.bureau_id, &rows, err))) {
        free(a);
        return rc;
    }
    for (int i = 0; i < n && !rc; i++) {
        struct applicant_due due;
        if (!applicant_may_write(actor, &a[i]) || (rc = applicant_due_of(db, &rows, &a[i], &due, err)) ||
            !*due.day)
            continue;
        int64_t left = dj_date_days(due.day) - now;
        if (left > warning_days)
            continue;
        char msg[512];
        const char *code;
        if (!strcmp(due.code, "talk_due")) {
            code = "applicant_talk_due";
            snprintf(msg, sizeof msg, left < 0 ? "%s 的入党申请人 %s 于 %s 递交申请，应在 %s 前谈话，已逾期"
                                               : "%s 的入党申请人 %s 于 %s 递交申请，应在 %s 前谈话",
                     a[i].org_name, a[i].name, a[i].applied_on, due.day);
        } else if (!strcmp(due.code, "review_due")) {
            code = "activist_review_due";
            snprintf(msg, sizeof msg, "%s 的入党积极分子 %s 应在 %s 前进行本季度培养考察", a[i].org_name, a[i].name,
                     due.day);
        } else if (left >= 0) {
            code = "probation_ending";
            snprintf(msg, sizeof msg, "%s 的预备党员 %s 预备期将于 %s 届满，请准备转正讨论", a[i].org_name,
                     a[i].name, due.day);
        } else {
            code = "full_membership_due";
            snprintf(msg, sizeof msg, "%s 的预备党员 %s 预备期已于 %s 届满，应及时讨论其转正", a[i].org_name,
                     a[i].name, due.day);
        }
        dj_utf8_trim_partial(msg);
        if (warn(items, code, a[i].org_id, a[i].id, due.day, left < 7, msg))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    applicant_rows_free(&rows);
    free(a);
    return rc;
}

/* ---- settings ---- */

json_t *applicant_setting_json(const struct dj_applicant_setting *s)
{
    int which = applicant_setting_find(s->name);
    return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)s->id, "name", s->name, "label",
                     which >= 0 ? applicant_setting_def((enum applicant_setting)which)->label : "", "value",
                     (json_int_t)s->value, "effective_from", s->effective_from, "note", s->note, "created_at",
                     s->created_at);
}

static int64_t actor_bureau(const struct dj_actor *actor)
{
    const char *scope = authz_scope(actor, PERM_ORGS_READ);
    return scope ? path_root_id(scope) : actor->user.bureau_id;
}

int applicant_settings_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                           json_t **out, struct dj_err *err)
{
    int64_t bureau = actor_bureau(actor);
    if (!bureau || !authz_allows(actor, PERM_ORGS_READ, NULL))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看发展党员设置");
    struct applicant_rows rows;
    int rc = applicant_rows_load(db, bureau, &rows, err);
    if (rc)
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *settings = json_array(), *history = json_array();
    for (int i = 0; i < APS_COUNT; i++) {
        const struct applicant_setting_def *d = applicant_setting_def((enum applicant_setting)i);
        const char *from = NULL;
        int value = d->fallback;
        for (int k = 0; k < rows.n; k++)
            if (!strcmp(rows.rows[k].name, d->name) && strcmp(rows.rows[k].effective_from, today) <= 0 &&
                (!from || strcmp(rows.rows[k].effective_from, from) >= 0)) {
                from = rows.rows[k].effective_from;
                value = rows.rows[k].value;
            }
        json_array_append_new(settings, json_pack("{s:s, s:s, s:i, s:i, s:i, s:s, s:i, s:s?}", "name", d->name,
                                                  "label", d->label, "default", d->fallback, "min", d->min, "max",
                                                  d->max, "source", d->source, "value", value, "effective_from",
                                                  from));
    }
    for (int k = 0; k < rows.n; k++)
        json_array_append_new(history, applicant_setting_json(&rows.items[k]));
    applicant_rows_free(&rows);
    *out = json_pack("{s:o, s:o}", "settings", settings, "history", history);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

static int finish(struct dj_db *db, const struct dj_actor *actor, const char *action, int64_t id, int64_t bureau,
                  json_t *before, json_t *after, struct dj_err *err)
{
    int rc = audit_record(db, actor, action, "applicant_setting", id, bureau, before, after, err);
    json_decref(before);
    json_decref(after);
    if (!rc && (rc = db_commit(db, err)) == 0)
        return 0;
    db_rollback(db);
    return rc;
}

int applicant_setting_create(struct dj_db *db, const struct dj_actor *actor, struct dj_applicant_setting *s,
                             struct dj_err *err)
{
    int64_t bureau = actor_bureau(actor);
    char bp[32];
    applicant_bureau_path(bureau, bp, sizeof bp);
    int rc = authz_require(actor, PERM_ORGS_MANAGE, bureau ? bp : "/0/", err);
    if (rc)
        return rc;
    int which = applicant_setting_find(s->name);
    if (which < 0)
        return dj_err_field(err, "name", "没有这项设置");
    const struct applicant_setting_def *d = applicant_setting_def((enum applicant_setting)which);
    if (s->value < d->min || s->value > d->max)
        dj_err_field(err, "value", "应为 %d 至 %d", d->min, d->max);
    if (!dj_date_valid(s->effective_from))
        dj_err_field(err, "effective_from", "应为日期 YYYY-MM-DD");
    if (dj_utf8_length(s->note) > 200)
        dj_err_field(err, "note", "说明最长 200 个字");
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    s->bureau_id = bureau;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_applicant_setting_insert(db, s, actor->user.id, err))) {
        db_rollback(db);
        return rc == DJ_ECONFLICT ? dj_err_field(err, "effective_from", "这项设置在该日已有取值") : rc;
    }
    return finish(db, actor, "create", s->id, bureau, NULL, applicant_setting_json(s), err);
}

int applicant_setting_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_err *err)
{
    struct dj_applicant_setting s;
    int rc = store_applicant_setting_get(db, id, &s, err);
    if (rc)
        return rc;
    char bp[32];
    applicant_bureau_path(s.bureau_id, bp, sizeof bp);
    if (authz_foreign(actor, bp))
        return dj_err_set(err, DJ_ENOTFOUND, "设置不存在");
    if ((rc = authz_require(actor, PERM_ORGS_MANAGE, bp, err)) || (rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_applicant_setting_delete(db, id, err))) {
        db_rollback(db);
        return rc;
    }
    return finish(db, actor, "delete", id, s.bureau_id, applicant_setting_json(&s), NULL, err);
}
