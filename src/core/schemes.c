#include "core/schemes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/index_engine.h"
#include "core/people.h"
#include "util/text.h"

#define MAX_INDICATORS 200

static json_t *centi_json(int64_t v)
{
    return json_real((double)v / 100.0);
}

static json_t *indicator_json(const struct dj_indicator *d)
{
    json_error_t jerr;
    json_t *params = json_loads(d->params, 0, &jerr);
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:s, s:o}", "id", (json_int_t)d->id,
                     "code", d->code, "name", d->name, "kind", d->kind, "max_points",
                     centi_json(d->max_points), "source", d->source, "params",
                     params ? params : json_object(), "entered_by", d->entered_by, "description",
                     d->description, "children", json_array());
}

json_t *scheme_json(const struct dj_scheme *s, bool with_indicators)
{
    json_error_t jerr;
    json_t *settings = json_loads(s->settings, 0, &jerr);
    json_t *j = json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:o, s:o, s:b, s:s, s:s}", "id",
                          (json_int_t)s->id, "code", s->code, "version", s->version, "name",
                          s->name, "target", s->target, "description", s->description, "settings",
                          settings ? settings : json_object(), "replaces_id",
                          s->replaces_id ? json_integer(s->replaces_id) : json_null(), "active",
                          s->active, "created_at", s->created_at, "updated_at", s->updated_at);
    if (!with_indicators || !j)
        return j;
    /* the tree: parents come before their children in seq order */
    json_t **nodes = calloc((size_t)s->nind + 1, sizeof *nodes);
    json_t *top = json_array();
    int64_t full = 0;
    for (int i = 0; nodes && i < s->nind; i++) {
        nodes[i] = indicator_json(&s->ind[i]);
        json_t *parent = top;
        for (int k = 0; k < i; k++)
            if (s->ind[k].id == s->ind[i].parent_id)
                parent = json_object_get(nodes[k], "children");
        json_array_append_new(parent, nodes[i]);
        const char *kind = s->ind[i].kind;
        if (!s->ind[i].parent_id && strcmp(kind, "bonus") && strcmp(kind, "deduction") &&
            strcmp(kind, "veto"))
            full += s->ind[i].max_points;
    }
    free(nodes);
    json_object_set_new(j, "indicators", top);
    json_object_set_new(j, "full_points", centi_json(full));
    return j;
}

/* ---- parsing ---- */

static bool code_ok(const char *c)
{
    size_t n = strlen(c);
    if (n == 0 || n > 31)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)c[i]) || isdigit((unsigned char)c[i]) || c[i] == '_'))
            return false;
    return true;
}

static int64_t number_centi(const json_t *v, bool *ok)
{
    char text[64];
    int64_t out = 0;
    *ok = false;
    if (json_is_integer(v))
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(text, sizeof text, "%.6f", json_real_value(v));
    else
        return 0;
    *ok = dj_parse_centi(text, &out) == 0;
    return out;
}

static const char *const kinds[] = {"group", "computed", "imported", "entered",
                                    "bonus", "deduction", "veto", NULL};
static const char *const evaluator_roles[] = {"party_admin", "branch_secretary", "dept_head",
                                              "discipline", NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(s, list[i]))
            return true;
    return false;
}

static int parse_indicators(const json_t *list, const char *target, int parent, const char *path,
                            struct dj_scheme *s, struct dj_err *err)
{
    size_t i;
    const json_t *n;
    json_array_foreach(list, i, n) {
        char where[96];
        snprintf(where, sizeof where, "%s[%zu]", path, i);
        if (!json_is_object(n))
            return dj_err_field(err, where, "每个指标应为对象");
        if (s->nind >= MAX_INDICATORS)
            return dj_err_field(err, where, "指标过多（最多 %d 个）", MAX_INDICATORS);
        struct dj_indicator *d = &s->ind[s->nind];
        int self = ++s->nind; /* index + 1, the parent_id of children while parsing */
        memset(d, 0, sizeof *d);
        d->seq = self;
        d->parent_id = parent;
        const char *code = json_string_value(json_object_get(n, "code"));
        const char *name = json_string_value(json_object_get(n, "name"));
        const char *kind = json_string_value(json_object_get(n, "kind"));
        char field[128];
        snprintf(field, sizeof field, "%s.code", where);
        if (!code || !code_ok(code))
            dj_err_field(err, field, "指标代码应为 1 至 31 个小写字母、数字或下划线");
        else
            dj_copy(d->code, sizeof d->code, code);
        snprintf(field, sizeof field, "%s.name", where);
        if (!name || dj_utf8_length(name) == 0 || dj_utf8_length(name) > 40)
            dj_err_field(err, field, "指标名称应为 1 至 40 个字");
        else
            dj_copy(d->name, sizeof d->name, name);
        snprintf(field, sizeof field, "%s.kind", where);
        if (!kind || !in_list(kind, kinds)) {
            dj_err_field(err, field, "类型应为 group、computed、imported、entered、bonus、deduction 或 veto");
            continue;
        }
        dj_copy(d->kind, sizeof d->kind, kind);
        bool ok = true;
        const json_t *mp = json_object_get(n, "max_points");
        d->max_points = mp ? number_centi(mp, &ok) : 0;
        snprintf(field, sizeof field, "%s.max_points", where);
        if (!ok || d->max_points < 0 || d->max_points > 100000)
            dj_err_field(err, field, "分值应为 0 至 1000 之间、最多两位小数的数");
        else if (strcmp(kind, "veto") && strcmp(kind, "group") && d->max_points == 0)
            dj_err_field(err, field, "请填写分值（加分、扣分为上限）");
        const json_t *params = json_object_get(n, "params");
        snprintf(field, sizeof field, "%s.params", where);
        const char *map = json_string_value(json_object_get(params, "map"));
        const json_t *mv = json_object_get(params, "map");
        if (params && !json_is_object(params)) {
            dj_err_field(err, field, "参数应为对象");
        } else if (mv && (!map || (strcmp(map, "linear") && strcmp(map, "steps") &&
                                   strcmp(map, "per_unit") && strcmp(map, "direct")))) {
            dj_err_field(err, field, "换算方式（map）应为 linear、steps、per_unit 或 direct");
        } else if (map && !strcmp(map, "steps") && !json_is_array(json_object_get(params, "steps"))) {
            dj_err_field(err, field, "分档换算应给出 steps：[[起点, 得分], ...]");
        } else {
            json_t *empty = json_object();
            char *text = json_dumps(params ? params : empty, JSON_COMPACT | JSON_SORT_KEYS);
            json_decref(empty);
            if (!text || strlen(text) >= sizeof d->params)
                dj_err_field(err, field, "参数过长");
            else
                dj_copy(d->params, sizeof d->params, text);
            free(text);
        }
        const char *source = json_string_value(json_object_get(n, "source"));
        snprintf(field, sizeof field, "%s.source", where);
        if (!strcmp(kind, "computed")) {
            if (!source || !index_source_valid(source, target))
                dj_err_field(err, field, "计算来源不存在或不适用于此考评对象");
            else
                dj_copy(d->source, sizeof d->source, source);
        } else if (source && (!strcmp(kind, "deduction") || !strcmp(kind, "veto"))) {
            /* a deduction or veto may also count confirmed findings (core/inspections) */
            if (!index_source_is_violation(source) || !index_source_valid(source, target))
                dj_err_field(err, field, "扣分、否决指标的来源只能为 violation_points、violations 或 violation_vetoes");
            else
                dj_copy(d->source, sizeof d->source, source);
        } else if (source && !strcmp(kind, "bonus")) {
            /* a bonus may also count honours (core/index_src_honours) */
            if (strcmp(source, "honours") || !index_source_valid(source, target))
                dj_err_field(err, field, "加分指标的来源只能为 honours（荣誉）");
            else
                dj_copy(d->source, sizeof d->source, source);
        }
        const char *by = json_string_value(json_object_get(n, "entered_by"));
        snprintf(field, sizeof field, "%s.entered_by", where);
        if (!strcmp(kind, "entered")) {
            if (!by || !in_list(by, evaluator_roles))
                dj_err_field(err, field, "评分角色应为 party_admin、branch_secretary、dept_head 或 discipline");
            else
                dj_copy(d->entered_by, sizeof d->entered_by, by);
        }
        const char *desc = json_string_value(json_object_get(n, "description"));
        if (desc)
            dj_copy(d->description, sizeof d->description, desc);
        const json_t *children = json_object_get(n, "children");
        if (!strcmp(kind, "group")) {
            char sub[112];
            snprintf(sub, sizeof sub, "%s.children", where);
            if (!json_is_array(children) || json_array_size(children) == 0)
                dj_err_field(err, sub, "指标组应有下级指标");
            else if (parse_indicators(children, target, self, sub, s, err) == DJ_ENOMEM)
                return DJ_ENOMEM;
            /* a group's points are its children's */
            int64_t sum = 0;
            for (int c = self; c < s->nind; c++)
                if (s->ind[c].parent_id == self && strcmp(s->ind[c].kind, "deduction") &&
                    strcmp(s->ind[c].kind, "veto"))
                    sum += s->ind[c].max_points;
            s->ind[self - 1].max_points = sum;
        } else if (children) {
            snprintf(field, sizeof field, "%s.children", where);
            dj_err_field(err, field, "只有指标组（group）可以有下级指标");
        }
    }
    return 0;
}

int scheme_parse(const json_t *j, struct dj_scheme *s, struct dj_err *err)
{
    memset(s, 0, sizeof *s);
    if (!json_is_object(j))
        return dj_err_set(err, DJ_EINVAL, "方案应为 JSON 对象");
    static const char *const known[] = {"code", "name", "target", "description", "settings",
                                        "indicators", NULL};
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)j, key, v) {
        if (!in_list(key, known))
            dj_err_field(err, key, "未知的字段");
    }
    const char *code = json_string_value(json_object_get(j, "code"));
    const char *name = json_string_value(json_object_get(j, "name"));
    const char *target = json_string_value(json_object_get(j, "target"));
    const char *desc = json_string_value(json_object_get(j, "description"));
    if (!code || !code_ok(code))
        dj_err_field(err, "code", "方案代码应为 1 至 31 个小写字母、数字或下划线");
    else
        dj_copy(s->code, sizeof s->code, code);
    if (!name || dj_utf8_length(name) == 0 || dj_utf8_length(name) > 40)
        dj_err_field(err, "name", "方案名称应为 1 至 40 个字");
    else
        dj_copy(s->name, sizeof s->name, name);
    if (!target || (strcmp(target, "member") && strcmp(target, "branch") && strcmp(target, "department"))) {
        dj_err_field(err, "target", "考评对象应为 member（党员）、branch（支部）或 department（科室）");
        target = "member";
    }
    dj_copy(s->target, sizeof s->target, target);
    if (desc)
        dj_copy(s->description, sizeof s->description, desc);
    const json_t *settings = json_object_get(j, "settings");
    if (settings && !json_is_object(settings)) {
        dj_err_field(err, "settings", "设置应为对象");
    } else {
        json_t *empty = json_object();
        char *text = json_dumps(settings ? settings : empty, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(empty);
        if (!text || strlen(text) >= sizeof s->settings)
            dj_err_field(err, "settings", "设置过长");
        else
            dj_copy(s->settings, sizeof s->settings, text);
        free(text);
        const json_t *sel = json_object_get(settings, "select");
        json_t *count = json_object_get(sel, "count");
        if (sel && (!json_is_integer(count) || json_integer_value(count) < 0 ||
                    json_integer_value(count) > 10000))
            dj_err_field(err, "settings.select.count", "评选名额应为非负整数");
        const json_t *awards = json_object_get(settings, "awards");
        size_t ai;
        const json_t *aw;
        if (awards && !json_is_array(awards))
            dj_err_field(err, "settings.awards", "评选项目应为数组");
        json_array_foreach(awards, ai, aw) {
            const char *ac = json_string_value(json_object_get(aw, "code"));
            const char *at = json_string_value(json_object_get(aw, "title"));
            json_t *cnt = json_object_get(aw, "count");
            if (!ac || !code_ok(ac) || !at || !*at || !json_is_integer(cnt) || json_integer_value(cnt) < 1) {
                dj_err_field(err, "settings.awards", "每个评选项目应为 {\"code\", \"title\", \"count\"}（名额至少 1）");
                break;
            }
        }
        const char *vis = json_string_value(json_object_get(settings, "visibility"));
        if (json_object_get(settings, "visibility") && (!vis || (strcmp(vis, "all") && strcmp(vis, "own"))))
            dj_err_field(err, "settings.visibility", "排名可见范围应为 all（全部）或 own（仅本人）");
    }
    const json_t *list = json_object_get(j, "indicators");
    if (!json_is_array(list) || json_array_size(list) == 0)
        return dj_err_field(err, "indicators", "请至少设置一个指标");
    if (!(s->ind = calloc(MAX_INDICATORS, sizeof *s->ind)))
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = parse_indicators(list, s->target, 0, "indicators", s, err);
    for (int i = 0; !rc && i < s->nind; i++)
        for (int k = 0; k < i; k++)
            if (*s->ind[i].code && !strcmp(s->ind[i].code, s->ind[k].code)) {
                dj_err_field(err, "indicators", "指标代码“%s”重复", s->ind[i].code);
                break;
            }
    /* settings that name indicators or give numbers */
    const json_t *tb = json_object_get(settings, "tie_break"), *stars = json_object_get(settings, "stars");
    size_t k;
    const json_t *sv;
    if (tb && !json_is_array(tb))
        dj_err_field(err, "settings.tie_break", "应为指标代码的数组");
    json_array_foreach(tb, k, sv) {
        bool exists = false;
        for (int i = 0; json_is_string(sv) && i < s->nind; i++)
            exists |= !strcmp(s->ind[i].code, json_string_value(sv));
        if (!exists)
            dj_err_field(err, "settings.tie_break", "同分比较的指标代码不存在");
    }
    if (stars && !json_is_array(stars))
        dj_err_field(err, "settings.stars", "应为 [{\"min\", \"label\", \"quota\"}] 数组");
    json_array_foreach(stars, k, sv) {
        const json_t *q = json_object_get(sv, "quota");
        if (!json_is_number(json_object_get(sv, "min")) || !json_is_string(json_object_get(sv, "label")) ||
            (q && (!json_is_integer(q) || json_integer_value(q) < 0)) || k >= 16)
            dj_err_field(err, "settings.stars", "每个星级应为 {\"min\": 分数, \"label\": 名称, \"quota\": 名额}（最多 16 级）");
    }
    if (rc || (err && err->code == DJ_EINVAL)) {
        store_scheme_free(s);
        return rc ? rc : DJ_EINVAL;
    }
    return 0;
}

/* ---- reading and saving ---- */

static int64_t actor_bureau(const struct dj_actor *actor)
{
    const char *scope = authz_scope(actor, PERM_ORGS_READ);
    return scope ? path_root_id(scope) : 0;
}

int schemes_list(struct dj_db *db, const struct dj_actor *actor, bool active_only, json_t **items,
                 struct dj_err *err)
{
    int64_t bureau = actor_bureau(actor);
    if (!bureau)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看考评方案");
    struct dj_scheme *s = NULL;
    int n = 0;
    int rc = store_scheme_list(db, bureau, active_only, &s, &n, err);
    if (rc)
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, scheme_json(&s[i], false));
    free(s);
    return 0;
}

int schemes_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_scheme *out,
                struct dj_err *err)
{
    int rc = store_scheme_get(db, id, out, err);
    if (rc)
        return rc;
    if (actor_bureau(actor) != out->bureau_id && !actor_is_system(actor)) {
        store_scheme_free(out);
        return dj_err_set(err, DJ_ENOTFOUND, "考评方案不存在");
    }
    return 0;
}

/* Inserts parsed s as the next version of its family, retiring the
 * previous one; audited.  In the caller's transaction. */
static int insert_version(struct dj_db *db, const struct dj_actor *actor, struct dj_scheme *s,
                          int64_t replaces, struct dj_err *err)
{
    int last = 0;
    int rc = store_scheme_last_version(db, s->bureau_id, s->code, &last, err);
    if (rc)
        return rc;
    s->version = last + 1;
    s->replaces_id = replaces;
    s->active = true;
    /* the new version is the only active one of its family */
    if (replaces && (rc = store_scheme_retire_family(db, s->bureau_id, s->code, err)))
        return rc;
    if ((rc = store_scheme_insert(db, s, err)))
        return rc;
    json_t *after = scheme_json(s, true);
    rc = audit_record(db, actor, replaces ? "version" : "create", "scheme", s->id, s->bureau_id,
                      NULL, after, err);
    json_decref(after);
    return rc;
}

int schemes_save(struct dj_db *db, const struct dj_actor *actor, const json_t *j,
                 int64_t family_of, int64_t *id, struct dj_err *err)
{
    int64_t bureau = actor_bureau(actor);
    char path[32];
    snprintf(path, sizeof path, "/%lld/", (long long)bureau);
    int rc;
    if (!bureau || (rc = authz_require(actor, PERM_INDEXES_MANAGE, path, err)))
        return bureau ? rc : dj_err_set(err, DJ_EFORBIDDEN, "您没有权限管理考评方案");
    struct dj_scheme s;
    if ((rc = scheme_parse(j, &s, err)))
        return rc;
    s.bureau_id = bureau;
    if (family_of) {
        struct dj_scheme old;
        if ((rc = schemes_get(db, actor, family_of, &old, err)))
            goto out;
        store_scheme_free(&old);
        if (strcmp(old.code, s.code) || strcmp(old.target, s.target)) {
            rc = dj_err_field(err, "code", "新版本应与原方案的代码和考评对象相同");
            goto out;
        }
    } else {
        int last = 0;
        if ((rc = store_scheme_last_version(db, bureau, s.code, &last, err)))
            goto out;
        if (last) {
            rc = dj_err_field(err, "code", "已有代码为“%s”的方案：请修改该方案（将生成新版本）", s.code);
            goto out;
        }
    }
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = insert_version(db, actor, &s, family_of, err)) || (rc = db_commit(db, err)))
        db_rollback(db);
    else
        *id = s.id;
out:
    store_scheme_free(&s);
    return rc;
}

/* ---- the defaults (docs/INDEXES.md explains each indicator) ---- */

static const char *const default_schemes[] = {
    /* 先锋指数: seeds 001 and 002 */
    "{\"code\":\"vanguard\",\"name\":\"先锋指数\",\"target\":\"member\","
    "\"description\":\"每季度对每名党员量化评分，纳入个人绩效考核、参与业务攻关、文明创建、岗位奉献、志愿服务等（张家港、浏阳）\","
    "\"settings\":{\"select\":{\"count\":10,\"title\":\"季度标兵\"},\"visibility\":\"all\","
    "\"tie_break\":[\"study_life\",\"performance\"],"
    "\"stars\":[{\"min\":95,\"label\":\"五星\"},{\"min\":90,\"label\":\"四星\"},{\"min\":80,\"label\":\"三星\"}],"
    "\"annual\":{\"mode\":\"mean\",\"select\":{\"count\":10,\"title\":\"十佳标兵\"}},"
    "\"awards\":[{\"code\":\"business\",\"title\":\"业务标兵\",\"count\":2},"
    "{\"code\":\"progress\",\"title\":\"进步标兵\",\"count\":2},{\"code\":\"innovation\",\"title\":\"创新标兵\",\"count\":2},"
    "{\"code\":\"dedication\",\"title\":\"奉献标兵\",\"count\":2},{\"code\":\"life\",\"title\":\"生活标兵\",\"count\":2},"
    "{\"code\":\"model\",\"title\":\"示范标兵\",\"count\":2}]},"
    "\"indicators\":["
    "{\"code\":\"study_life\",\"name\":\"政治学习和组织生活\",\"kind\":\"group\",\"children\":["
    "{\"code\":\"attendance\",\"name\":\"组织生活出勤率\",\"kind\":\"computed\",\"source\":\"attendance_rate\",\"max_points\":15,\"params\":{\"map\":\"linear\",\"target\":100,\"when_none\":\"full\"}},"
    "{\"code\":\"lectures\",\"name\":\"财政月讲堂听讲\",\"kind\":\"computed\",\"source\":\"lectures_attended\",\"max_points\":5,\"params\":{\"map\":\"linear\",\"target\":3}},"
    "{\"code\":\"tests\",\"name\":\"测试竞赛成绩\",\"kind\":\"computed\",\"source\":\"test_score_mean\",\"max_points\":5,\"params\":{\"map\":\"linear\",\"target\":100,\"when_none\":\"full\"}},"
    "{\"code\":\"study_hours\",\"name\":\"学习时长\",\"kind\":\"computed\",\"source\":\"study_hours\",\"max_points\":5,\"params\":{\"map\":\"linear\",\"target\":12}}]},"
    "{\"code\":\"performance\",\"name\":\"个人绩效考核\",\"kind\":\"imported\",\"max_points\":30,\"params\":{\"map\":\"linear\",\"target\":100},\"description\":\"导入局个人绩效考核得分（百分制）\"},"
    "{\"code\":\"business\",\"name\":\"参与业务攻关\",\"kind\":\"entered\",\"entered_by\":\"dept_head\",\"max_points\":10},"
    "{\"code\":\"civility\",\"name\":\"文明创建\",\"kind\":\"entered\",\"entered_by\":\"branch_secretary\",\"max_points\":10},"
    "{\"code\":\"dedication\",\"name\":\"岗位奉献\",\"kind\":\"entered\",\"entered_by\":\"branch_secretary\",\"max_points\":10},"
    "{\"code\":\"volunteer\",\"name\":\"志愿服务\",\"kind\":\"entered\",\"entered_by\":\"branch_secretary\",\"max_points\":10},"
    "{\"code\":\"bonus\",\"name\":\"加分项目\",\"kind\":\"bonus\",\"max_points\":10,\"description\":\"表彰、荣誉、突出贡献，每项注明事由\"},"
    /* 十不准: the confirmed findings of the quarter (core/inspections) besides what 纪检 enters */
    "{\"code\":\"conduct\",\"name\":\"作风纪律扣分（十不准）\",\"kind\":\"deduction\",\"max_points\":20,\"source\":\"violation_points\",\"description\":\"本季度认定的违反十不准问题按条款扣分，另可录入其他扣分\"},"
    "{\"code\":\"veto\",\"name\":\"一票否决\",\"kind\":\"veto\",\"source\":\"violation_vetoes\",\"description\":\"违反十不准中的否决条款等情形，当季不得评为标兵\"}]}",
    /* 堡垒指数: seeds 001 and 002 */
    "{\"code\":\"bastion\",\"name\":\"堡垒指数\",\"target\":\"branch\","
    "\"description\":\"每季度对每个党支部量化评分，并纳入挂钩科室的业务工作成效（张家港、浏阳）\","
    "\"settings\":{\"visibility\":\"all\","
    "\"stars\":[{\"min\":95,\"label\":\"五星支部\"},{\"min\":90,\"label\":\"四星支部\"},{\"min\":80,\"label\":\"三星支部\"}],"
    "\"annual\":{\"mode\":\"mean\"}},"
    "\"indicators\":["
    "{\"code\":\"organisation\",\"name\":\"组织建设\",\"kind\":\"entered\",\"entered_by\":\"party_admin\",\"max_points\":15},"
    "{\"code\":\"education\",\"name\":\"教育管理\",\"kind\":\"group\",\"children\":["
    "{\"code\":\"lecture_times\",\"name\":\"党员听讲人次\",\"kind\":\"computed\",\"source\":\"lectures_attended\",\"max_points\":8,\"params\":{\"map\":\"linear\",\"target\":30}},"
    "{\"code\":\"training\",\"name\":\"教育培训\",\"kind\":\"entered\",\"entered_by\":\"party_admin\",\"max_points\":7}]},"
    "{\"code\":\"org_life\",\"name\":\"组织生活\",\"kind\":\"group\",\"children\":["
    "{\"code\":\"attendance\",\"name\":\"党员出勤率\",\"kind\":\"computed\",\"source\":\"attendance_rate\",\"max_points\":10,\"params\":{\"map\":\"linear\",\"target\":95,\"when_none\":\"zero\"}},"
    "{\"code\":\"meetings\",\"name\":\"按规定召开组织生活\",\"kind\":\"computed\",\"source\":\"meetings_held\",\"max_points\":10,\"params\":{\"map\":\"linear\",\"target\":9}}]},"
    "{\"code\":\"business\",\"name\":\"挂钩科室业务工作成效\",\"kind\":\"imported\",\"max_points\":25,\"params\":{\"map\":\"linear\",\"target\":100}},"
    "{\"code\":\"conduct\",\"name\":\"作风建设\",\"kind\":\"entered\",\"entered_by\":\"party_admin\",\"max_points\":10},"
    "{\"code\":\"satisfaction\",\"name\":\"群众满意度\",\"kind\":\"imported\",\"max_points\":15,\"params\":{\"map\":\"linear\",\"target\":100}},"
    "{\"code\":\"bonus\",\"name\":\"加分项目\",\"kind\":\"bonus\",\"max_points\":10},"
    "{\"code\":\"deduction\",\"name\":\"扣分项目\",\"kind\":\"deduction\",\"max_points\":20},"
    "{\"code\":\"veto\",\"name\":\"一票否决\",\"kind\":\"veto\",\"params\":{\"reset\":false}}]}",
    /* 优秀科室: seed 002 (6 a quarter) */
    "{\"code\":\"department\",\"name\":\"优秀科室\",\"target\":\"department\","
    "\"description\":\"每季度评选优秀科室（浏阳：每季度6个）\","
    "\"settings\":{\"select\":{\"count\":6,\"title\":\"优秀科室\"},\"visibility\":\"all\"},"
    "\"indicators\":["
    "{\"code\":\"business\",\"name\":\"业务工作成效\",\"kind\":\"imported\",\"max_points\":50,\"params\":{\"map\":\"linear\",\"target\":100}},"
    "{\"code\":\"integration\",\"name\":\"党建与业务融合\",\"kind\":\"entered\",\"entered_by\":\"party_admin\",\"max_points\":20},"
    "{\"code\":\"discipline\",\"name\":\"作风纪律\",\"kind\":\"entered\",\"entered_by\":\"party_admin\",\"max_points\":15},"
    "{\"code\":\"evaluation\",\"name\":\"服务对象评价\",\"kind\":\"imported\",\"max_points\":15,\"params\":{\"map\":\"linear\",\"target\":100}},"
    "{\"code\":\"bonus\",\"name\":\"加分项目\",\"kind\":\"bonus\",\"max_points\":10},"
    "{\"code\":\"deduction\",\"name\":\"扣分项目\",\"kind\":\"deduction\",\"max_points\":10},"
    "{\"code\":\"veto\",\"name\":\"一票否决\",\"kind\":\"veto\"}]}",
};

int schemes_seed_defaults(struct dj_db *db, const struct dj_actor *actor, int64_t bureau_id,
                          struct dj_err *err)
{
    for (size_t i = 0; i < sizeof default_schemes / sizeof default_schemes[0]; i++) {
        json_error_t jerr;
        json_t *j = json_loads(default_schemes[i], JSON_REJECT_DUPLICATES, &jerr);
        if (!j)
            return dj_err_set(err, DJ_EINTERNAL, "内置方案有误：%s", jerr.text);
        struct dj_scheme s;
        int rc = scheme_parse(j, &s, err);
        json_decref(j);
        if (rc)
            return rc;
        s.bureau_id = bureau_id;
        int last = 0;
        if (!(rc = store_scheme_last_version(db, bureau_id, s.code, &last, err)) && !last)
            rc = insert_version(db, actor, &s, 0, err);
        store_scheme_free(&s);
        if (rc)
            return rc;
    }
    return 0;
}
