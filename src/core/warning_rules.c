#include "core/warning_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/clock.h"
#include "util/text.h"

#define RULE(code, name, scans, has, thr, unit, rcpt, sev, on, seq)                               \
    {0, 0, code, name, scans, has, thr, unit, rcpt, sev, on, seq, ""}

/* The defaults: migration 026 seeds the same rows for the bureaus it finds. */
static const struct dj_warning_rule defaults[] = {
    RULE("meeting_due", "组织生活未按规定召开", "各党支部、党小组按会议规则应开的会", false, 0, "days",
         "party_admin,branch_secretary", "normal", true, 1),
    RULE("term_ending", "任期即将届满", "党组织本届任期的届满日期", false, 0, "days",
         "party_admin,branch_secretary", "normal", true, 2),
    RULE("term_expired", "任期已届满", "党组织本届任期的届满日期", false, 0, "days",
         "party_admin,branch_secretary", "high", true, 3),
    RULE("branch_no_secretary", "未设支部书记", "党支部的现任委员", false, 0, "days", "party_admin", "high",
         true, 4),
    RULE("branch_too_small", "正式党员人数不足", "党支部今天的正式党员人数", false, 0, "members",
         "party_admin,branch_secretary", "normal", true, 5),
    RULE("branch_too_big", "党员人数过多", "党支部今天的党员人数", false, 0, "members",
         "party_admin,branch_secretary", "normal", true, 6),
    RULE("member_no_life", "党员长期未参加组织生活", "党员最后一次参加组织生活的日期", true, 3, "months",
         "party_admin,branch_secretary,owner", "normal", true, 7),
    RULE("dues_unpaid", "党费连续未交", "党员连续未交党费的月数", true, 3, "months",
         "party_admin,branch_secretary,owner", "normal", true, 8),
    RULE("talk_due", "五必谈谈话到期", "任职、转接、长期缺席引起的五必谈", true, 7, "days",
         "party_admin,branch_secretary,discipline", "normal", true, 9),
    RULE("task_due", "任务即将到期", "未完成任务的截止日期", false, 0, "days",
         "party_admin,branch_secretary,owner", "normal", true, 10),
    RULE("task_overdue", "任务逾期", "未完成任务的截止日期", false, 0, "days",
         "party_admin,branch_secretary,owner", "high", true, 11),
    RULE("rectification_due", "整改即将到期", "未销号整改事项的期限", false, 0, "days",
         "party_admin,branch_secretary,owner", "normal", true, 12),
    RULE("rectification_overdue", "整改逾期未销号", "未销号整改事项的期限", false, 0, "days",
         "party_admin,branch_secretary,owner", "high", true, 13),
    RULE("score_drop", "评价得分环比下降", "最近两个季度已定稿评价的总分", true, 10, "points",
         "party_admin,branch_secretary", "normal", true, 14),
    RULE("department_unlinked", "科室未关联党支部", "科室今天关联的党支部", false, 0, "days", "party_admin",
         "normal", true, 15),
    RULE("finding_pending", "检查发现待认定", "待纪检负责人认定的检查发现", false, 0, "days", "discipline",
         "normal", true, 16),
    RULE("finding_confirmed", "违规问题已认定", "近期认定的检查发现", false, 0, "days",
         "branch_secretary,owner", "normal", true, 17),
    RULE(WARNING_RULE_PROBATION, "预备期即将届满", "发展党员中预备党员的预备期届满日（届满未转正的也在内）", true, 30, "days",
         "party_admin,branch_secretary", "normal", true, 18),
};

const struct dj_warning_rule *warning_rule_defaults(int *count)
{
    *count = (int)(sizeof defaults / sizeof defaults[0]);
    return defaults;
}

int warning_rules_seed(struct dj_db *db, int64_t bureau_id, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    int n;
    const struct dj_warning_rule *d = warning_rule_defaults(&n);
    for (int i = 0; i < n; i++) {
        struct dj_warning_rule r = d[i];
        r.bureau_id = bureau_id;
        dj_copy(r.updated_at, sizeof r.updated_at, now);
        int rc = store_warning_rule_insert(db, &r, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* Calls fn for each comma-separated name of list; stops at the first true. */
static bool any_name(const char *list, bool (*fn)(const char *name, const void *ctx), const void *ctx)
{
    char name[32];
    const char *p = list;
    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len < sizeof name) {
            memcpy(name, p, len);
            name[len] = '\0';
            if (fn(name, ctx))
                return true;
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

bool warning_recipients_valid(const char *recipients)
{
    if (!recipients || !*recipients || strlen(recipients) >= 160)
        return false;
    char seen[160] = ",";
    const char *p = recipients;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char name[32];
        if (!len || len >= sizeof name)
            return false;
        memcpy(name, p, len);
        name[len] = '\0';
        if (strcmp(name, "owner") && !authz_role_valid(name))
            return false;
        char key[40];
        snprintf(key, sizeof key, ",%s,", name);
        if (strstr(seen, key))
            return false;
        size_t used = strlen(seen);
        snprintf(seen + used, sizeof seen - used, "%s,", name);
        if (!end)
            break;
        p = end + 1;
        if (!*p)
            return false; /* a trailing comma */
    }
    return true;
}

struct role_ctx {
    const struct dj_actor *a;
    const char *path;
};

static bool holds_role(const char *name, const void *ctx)
{
    const struct role_ctx *c = ctx;
    return strcmp(name, "owner") && authz_has_role(c->a, name, c->path, 0);
}

static bool is_owner_name(const char *name, const void *ctx)
{
    (void)ctx;
    return !strcmp(name, "owner");
}

bool warning_visible(const struct dj_actor *a, const char *recipients, const char *org_path,
                     int64_t person_id)
{
    if (a->user.disabled || a->user.bureau_suspended || authz_foreign(a, org_path))
        return false;
    struct role_ctx c = {a, org_path};
    if (any_name(recipients, holds_role, &c))
        return true;
    return person_id && a->person_id == person_id && any_name(recipients, is_owner_name, NULL);
}

bool warning_may_dismiss(const struct dj_actor *a, const char *recipients, const char *org_path)
{
    if (a->user.disabled || a->user.bureau_suspended || authz_foreign(a, org_path))
        return false;
    struct role_ctx c = {a, org_path};
    return any_name(recipients, holds_role, &c);
}

int warning_rule_threshold(const struct dj_warning_rule *r, int fallback)
{
    return r->has_threshold ? r->threshold : fallback;
}

json_t *warning_rule_json(const struct dj_warning_rule *r)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:b, s:b, s:s}", "id", (json_int_t)r->id,
                     "code", r->code, "name", r->name, "scans", r->scans, "threshold",
                     r->has_threshold ? json_integer(r->threshold) : json_null(), "unit", r->unit,
                     "recipients", r->recipients, "severity", r->severity, "enabled", r->enabled,
                     "reserved", false, "updated_at", r->updated_at);
}

int warning_rules_list(struct dj_db *db, const struct dj_actor *actor, json_t **items, struct dj_err *err)
{
    if (actor->user.bureau_id <= 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    struct dj_warning_rule *r = NULL;
    int n = 0;
    int rc = store_warning_rules(db, actor->user.bureau_id, &r, &n, err);
    if (rc)
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, warning_rule_json(&r[i]));
    free(r);
    return 0;
}

int warning_rules_update(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t *body,
                         json_t **out, struct dj_err *err)
{
    struct dj_warning_rule r;
    int rc = store_warning_rule_get(db, id, &r, err);
    if (rc)
        return rc;
    char root[32];
    snprintf(root, sizeof root, "/%lld/", (long long)r.bureau_id);
    if (authz_foreign(actor, root))
        return dj_err_set(err, DJ_ENOTFOUND, "预警规则不存在");
    if ((rc = authz_require(actor, PERM_ORGS_MANAGE, root, err)))
        return rc;
    json_t *before = warning_rule_json(&r), *v;
    if ((v = json_object_get(body, "threshold"))) {
        if (json_is_null(v)) {
            r.has_threshold = false;
        } else if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 3650) {
            r.has_threshold = true;
            r.threshold = (int)json_integer_value(v);
        } else {
            dj_err_field(err, "threshold", "应为 0 到 3650 的整数，或 null（采用本单位设置）");
        }
    }
    if ((v = json_object_get(body, "recipients"))) {
        if (json_is_string(v) && warning_recipients_valid(json_string_value(v)))
            dj_copy(r.recipients, sizeof r.recipients, json_string_value(v));
        else
            dj_err_field(err, "recipients", "应为逗号分隔的角色（或 owner），至少一个");
    }
    if ((v = json_object_get(body, "severity"))) {
        const char *s = json_string_value(v);
        if (s && (!strcmp(s, "normal") || !strcmp(s, "high")))
            dj_copy(r.severity, sizeof r.severity, s);
        else
            dj_err_field(err, "severity", "应为 normal 或 high");
    }
    if ((v = json_object_get(body, "enabled"))) {
        if (!json_is_boolean(v))
            dj_err_field(err, "enabled", "应为 true 或 false");
        else
            r.enabled = json_is_true(v);
    }
    if (err->code) {
        json_decref(before);
        return err->code;
    }
    dj_now_rfc3339(r.updated_at);
    json_t *after = warning_rule_json(&r);
    if ((rc = db_begin_write(db, err)) == 0) {
        if ((rc = store_warning_rule_update(db, &r, err)) ||
            (rc = audit_record(db, actor, "update", "warning_rule", r.id, r.bureau_id, before, after, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(before);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}
