#include "core/conduct.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "store/inspections.h"
#include "util/date.h"
#include "util/text.h"

static void root_path(int64_t bureau_id, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)bureau_id);
}

bool conduct_may_oversee(const struct dj_actor *a, const char *path)
{
    return actor_is_system(a) || authz_has_role(a, "discipline", path, 0) ||
           authz_allows(a, PERM_INDEXES_MANAGE, path);
}

bool conduct_is_lead(const struct dj_actor *a, int64_t bureau_id)
{
    char root[32];
    root_path(bureau_id, root, sizeof root);
    return actor_is_system(a) || authz_has_role(a, "discipline", root, 0);
}

json_t *conduct_rule_json(const struct dj_conduct_rule *r)
{
    return json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:f, s:b, s:s, s:o, s:o, s:s, s:s}", "id",
                     (json_int_t)r->id, "rule_set", r->rule_set, "code", r->code, "seq", r->seq, "text",
                     r->text, "severity", r->severity, "deduct_points", (double)r->deduct_points / 100.0,
                     "veto", r->veto, "valid_from", r->valid_from, "valid_to",
                     *r->valid_to ? json_string(r->valid_to) : json_null(), "replaces_id",
                     r->replaces_id ? json_integer(r->replaces_id) : json_null(), "created_at",
                     r->created_at, "updated_at", r->updated_at);
}

static int bureau_of(const struct dj_actor *actor, int64_t *bureau, struct dj_err *err)
{
    *bureau = actor->user.bureau_id;
    if (!*bureau)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    return 0;
}

int conduct_rules_list(struct dj_db *db, const struct dj_actor *actor, const char *on, json_t **items,
                       struct dj_err *err)
{
    int64_t bureau;
    int rc = bureau_of(actor, &bureau, err);
    if (rc)
        return rc;
    if (on && !dj_date_valid(on))
        return dj_err_field(err, "on", "应为日期 YYYY-MM-DD");
    struct dj_conduct_rule *r = NULL;
    int n = 0;
    if ((rc = store_conduct_rules(db, bureau, on, &r, &n, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, conduct_rule_json(&r[i]));
    free(r);
    return 0;
}

int conduct_rule_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_conduct_rule *r,
                     struct dj_err *err)
{
    int rc = store_conduct_rule_get(db, id, r, err);
    if (rc)
        return rc;
    char root[32];
    root_path(r->bureau_id, root, sizeof root);
    if (authz_foreign(actor, root) || (!actor_is_system(actor) && r->bureau_id != actor->user.bureau_id))
        return dj_err_set(err, DJ_ENOTFOUND, "条款不存在");
    return 0;
}

static bool code_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 31)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

static int check_rule(const struct dj_conduct_rule *r, struct dj_err *err)
{
    size_t set = dj_utf8_length(r->rule_set), text = dj_utf8_length(r->text);
    if (set == 0 || set > 20)
        dj_err_field(err, "rule_set", "请填写规定名称（1 至 20 个字，如 十不准）");
    if (!code_ok(r->code))
        dj_err_field(err, "code", "条款代码应为 1 至 31 个小写字母、数字或下划线");
    if (text == 0 || text > 250)
        dj_err_field(err, "text", "请填写条款内容（1 至 250 个字）");
    if (strcmp(r->severity, "一般") && strcmp(r->severity, "较重") && strcmp(r->severity, "严重"))
        dj_err_field(err, "severity", "情节应为 一般、较重 或 严重");
    if (r->deduct_points < 0 || r->deduct_points > 10000)
        dj_err_field(err, "deduct_points", "扣分应为 0 至 100 分");
    if (r->seq < 0 || r->seq > 999)
        dj_err_field(err, "seq", "序号应为 0 至 999");
    if (!dj_date_valid(r->valid_from))
        dj_err_field(err, "valid_from", "应为日期 YYYY-MM-DD");
    else if (*r->valid_to && (!dj_date_valid(r->valid_to) || strcmp(r->valid_to, r->valid_from) < 0))
        dj_err_field(err, "valid_to", "停止日期应为不早于生效日期的 YYYY-MM-DD");
    return err && err->code ? (int)err->code : 0;
}

static int require_manage(const struct dj_actor *actor, int64_t bureau, struct dj_err *err)
{
    char root[32];
    root_path(bureau, root, sizeof root);
    if (authz_foreign(actor, root))
        return dj_err_set(err, DJ_ENOTFOUND, AUTHZ_FOREIGN_MESSAGE);
    if (!conduct_may_oversee(actor, root))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有纪检或机关党委可以修改行为规范");
    return 0;
}

/* Inserts r and audits it, inside the caller's transaction. */
static int rule_insert(struct dj_db *db, const struct dj_actor *actor, struct dj_conduct_rule *r,
                       struct dj_err *err)
{
    int rc = store_conduct_rule_insert(db, r, err);
    if (rc)
        return rc == DJ_ECONFLICT ? dj_err_field(err, "code", "条款代码重复") : rc;
    json_t *after = conduct_rule_json(r);
    rc = audit_record(db, actor, "create", "conduct_rule", r->id, r->bureau_id, NULL, after, err);
    json_decref(after);
    return rc;
}

int conduct_rule_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                        struct dj_conduct_rule *r, struct dj_err *err)
{
    int rc = bureau_of(actor, &r->bureau_id, err);
    if (rc || (rc = require_manage(actor, r->bureau_id, err)))
        return rc;
    if (!*r->valid_from)
        dj_date_today(cfg->timezone, r->valid_from);
    if (!*r->rule_set)
        dj_copy(r->rule_set, sizeof r->rule_set, "十不准");
    if ((rc = check_rule(r, err)))
        return rc;
    /* a code names one rule: its versions only follow each other */
    struct dj_conduct_rule *all = NULL;
    int n = 0;
    if ((rc = store_conduct_rules(db, r->bureau_id, NULL, &all, &n, err)))
        return rc;
    for (int i = 0; i < n; i++)
        if (!strcmp(all[i].code, r->code))
            dj_err_field(err, "code", "条款代码已被使用");
    free(all);
    if (err && err->code)
        return err->code;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = rule_insert(db, actor, r, err)) || (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}

int conduct_rule_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                        const struct dj_conduct_rule *in, bool new_version, struct dj_conduct_rule *out,
                        struct dj_err *err)
{
    (void)cfg;
    struct dj_conduct_rule old;
    int rc = conduct_rule_get(db, actor, id, &old, err);
    if (rc || (rc = require_manage(actor, old.bureau_id, err)))
        return rc;
    *out = *in;
    out->id = old.id;
    out->bureau_id = old.bureau_id;
    dj_copy(out->code, sizeof out->code, old.code);
    dj_copy(out->created_at, sizeof out->created_at, old.created_at);
    out->replaces_id = old.replaces_id;
    if (new_version) {
        if (*old.valid_to)
            return dj_err_field(err, "valid_from", "此条款已停止执行，只能修改现行版本");
        if (!dj_date_valid(in->valid_from) || strcmp(in->valid_from, old.valid_from) <= 0)
            return dj_err_field(err, "valid_from", "新版本的生效日期应晚于现行版本（%s）", old.valid_from);
        out->replaces_id = old.id;
    }
    if ((rc = check_rule(out, err)))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *before = conduct_rule_json(&old), *after = NULL;
    if (new_version) {
        struct dj_conduct_rule ended = old;
        dj_date_add_days(in->valid_from, -1, ended.valid_to);
        if ((rc = store_conduct_rule_update(db, &ended, err)) || !(after = conduct_rule_json(&ended)) ||
            (rc = audit_record(db, actor, "update", "conduct_rule", old.id, old.bureau_id, before, after, err)) ||
            (rc = rule_insert(db, actor, out, err)))
            goto fail;
    } else if ((rc = store_conduct_rule_update(db, out, err)) || !(after = conduct_rule_json(out)) ||
               (rc = audit_record(db, actor, "update", "conduct_rule", old.id, old.bureau_id, before, after,
                                  err))) {
        goto fail;
    }
    if ((rc = db_commit(db, err)))
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

/* 财政干部“十不准” (seed 002 quotes the first; the rest follow 党章 and
 * 纪律处分条例 as a finance bureau words them).  The bureau edits them. */
static const struct {
    const char *code, *text, *severity;
    int points; /* whole points */
    bool veto;
} ten_rules[] = {
    {"sbz01", "不准在上班时间炒股、玩游戏、打牌、购物、就餐、出入休闲娱乐场所等做与工作无关的事", "一般", 1, false},
    {"sbz02", "不准迟到早退、擅离职守、无故缺勤", "一般", 1, false},
    {"sbz03", "不准对前来办事的单位和群众态度生硬、推诿扯皮、敷衍塞责", "一般", 1, false},
    {"sbz04", "不准工作日中午饮酒，不准酒后驾驶机动车", "较重", 3, false},
    {"sbz05", "不准公车私用，不准违规使用办公用房和办公设备", "较重", 3, false},
    {"sbz06", "不准违反规定审核、拨付、使用财政资金", "严重", 5, true},
    {"sbz07", "不准收受服务对象的礼品、礼金、消费卡和有价证券", "严重", 5, true},
    {"sbz08", "不准接受可能影响公正执行公务的宴请和娱乐活动", "严重", 5, true},
    {"sbz09", "不准泄露财政工作秘密和未公开的预算、资金信息", "严重", 5, true},
    {"sbz10", "不准在网络上发表违背党的路线方针政策的言论、传播政治谣言", "严重", 5, true},
};

int conduct_rules_seed(struct dj_db *db, const struct dj_actor *actor, int64_t bureau_id,
                       const char *valid_from, struct dj_err *err)
{
    for (size_t i = 0; i < sizeof ten_rules / sizeof ten_rules[0]; i++) {
        struct dj_conduct_rule r;
        memset(&r, 0, sizeof r);
        r.bureau_id = bureau_id;
        dj_copy(r.rule_set, sizeof r.rule_set, "十不准");
        dj_copy(r.code, sizeof r.code, ten_rules[i].code);
        r.seq = (int)i + 1;
        dj_copy(r.text, sizeof r.text, ten_rules[i].text);
        dj_copy(r.severity, sizeof r.severity, ten_rules[i].severity);
        r.deduct_points = ten_rules[i].points * 100;
        r.veto = ten_rules[i].veto;
        dj_copy(r.valid_from, sizeof r.valid_from, valid_from);
        int rc = rule_insert(db, actor, &r, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- 季讲评 ---- */

static json_t *review_json(const struct dj_conduct_review *r, const int64_t *ids, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, json_integer(ids[i]));
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)r->id, "period", r->period,
                     "held_on", r->held_on, "title", r->title, "conclusions", r->conclusions, "finding_ids",
                     list, "created_at", r->created_at);
}

static int require_read_reviews(const struct dj_actor *actor, int64_t bureau, struct dj_err *err)
{
    char root[32];
    root_path(bureau, root, sizeof root);
    /* the reviews name findings of the whole bureau: those who oversee it */
    if (!conduct_may_oversee(actor, root))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有纪检或机关党委可以查看季度讲评");
    return 0;
}

int conduct_reviews_list(struct dj_db *db, const struct dj_actor *actor, const char *period, json_t **items,
                         struct dj_err *err)
{
    int64_t bureau;
    int rc = bureau_of(actor, &bureau, err);
    if (rc || (rc = require_read_reviews(actor, bureau, err)))
        return rc;
    struct dj_period p;
    if (period && (strlen(period) != 6 || !dj_period_parse(period, &p)))
        return dj_err_field(err, "period", "季度应写作 2026Q3");
    struct dj_conduct_review *r = NULL;
    int n = 0;
    if ((rc = store_conduct_reviews(db, bureau, period, &r, &n, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n && !rc; i++) {
        int64_t *ids = NULL;
        int nids = 0;
        if (!(rc = store_conduct_review_findings(db, r[i].id, &ids, &nids, err)))
            json_array_append_new(*items, review_json(&r[i], ids, nids));
        free(ids);
    }
    free(r);
    if (rc) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

int conduct_review_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                          struct dj_conduct_review *r, const int64_t *finding_ids, int nfindings,
                          json_t **out, struct dj_err *err)
{
    int rc = bureau_of(actor, &r->bureau_id, err);
    if (rc || (rc = require_manage(actor, r->bureau_id, err)))
        return rc;
    struct dj_period p;
    if (strlen(r->period) != 6 || !dj_period_parse(r->period, &p))
        dj_err_field(err, "period", "季度应写作 2026Q3");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (!dj_date_valid(r->held_on))
        dj_err_field(err, "held_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(r->held_on, today) > 0)
        dj_err_field(err, "held_on", "讲评日期不能晚于今天");
    if (dj_utf8_length(r->title) > 60)
        dj_err_field(err, "title", "标题最长 60 个字");
    if (dj_utf8_length(r->conclusions) == 0 || dj_utf8_length(r->conclusions) > 600)
        dj_err_field(err, "conclusions", "请填写讲评结论（1 至 600 个字）");
    for (int i = 0; i < nfindings && !(err && err->code); i++) {
        struct dj_finding f;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (store_finding_get(db, finding_ids[i], &f, &lookup) || f.bureau_id != r->bureau_id)
            dj_err_field(err, "finding_ids", "问题记录不存在"); /* the same for another bureau's */
        else if (!strcmp(f.state, "open"))
            dj_err_field(err, "finding_ids", "问题记录 %lld 尚未认定", (long long)finding_ids[i]);
        else if (strcmp(f.found_on, p.first) < 0 || strcmp(f.found_on, p.last) > 0)
            dj_err_field(err, "finding_ids", "问题记录 %lld 不在 %s 内", (long long)finding_ids[i], r->period);
        for (int k = 0; k < i; k++)
            if (finding_ids[k] == finding_ids[i])
                dj_err_field(err, "finding_ids", "问题记录 %lld 重复", (long long)finding_ids[i]);
    }
    if (err && err->code)
        return err->code;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_conduct_review_insert(db, r, actor->user.id, err)))
        goto fail;
    for (int i = 0; i < nfindings; i++)
        if ((rc = store_conduct_review_add_finding(db, r->id, finding_ids[i], err)))
            goto fail;
    if (!(after = review_json(r, finding_ids, nfindings))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto fail;
    }
    if ((rc = audit_record(db, actor, "create", "conduct_review", r->id, r->bureau_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    *out = after;
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}
