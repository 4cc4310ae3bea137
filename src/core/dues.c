#include "core/dues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/dues_ledger.h"
#include "core/dues_rules.h"
#include "core/people.h"
#include "store/orgs.h"
#include "util/date.h"
#include "util/text.h"

static void root_path(int64_t bureau_id, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)bureau_id);
}

int dues_current_month(const struct dj_config *cfg)
{
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    return dues_month_of_date(today);
}

int64_t dues_read_scope(const struct dj_actor *actor, const char **path)
{
    const char *scope = authz_scope(actor, PERM_PEOPLE_READ);
    *path = NULL;
    if (!scope)
        return 0;
    if (!authz_path_is_root(scope))
        *path = scope;
    return path_root_id(scope);
}

static bool may_read(const struct dj_actor *actor, const struct dj_person *p)
{
    char bp[32];
    root_path(p->bureau_id, bp, sizeof bp);
    return authz_allows(actor, PERM_PEOPLE_READ, bp) ||
           (*p->branch_path && authz_allows(actor, PERM_PEOPLE_READ, p->branch_path)) ||
           (actor->person_id && actor->person_id == p->id);
}

/* Looks a person up as the field `field`; another bureau's is missing. */
int dues_find_person(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                     struct dj_person *p, struct dj_err *err)
{
    struct dj_err lookup;
    dj_err_clear(&lookup);
    char bp[32];
    if (id <= 0 || store_person_get(db, id, p, &lookup))
        return lookup.code && lookup.code != DJ_ENOTFOUND ? dj_err_set(err, lookup.code, "%s", lookup.message)
                                                          : dj_err_field(err, "person_id", "人员不存在");
    root_path(p->bureau_id, bp, sizeof bp);
    if (authz_foreign(actor, bp))
        return dj_err_field(err, "person_id", "人员不存在");
    return 0;
}

int dues_person_readable(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                         struct dj_person *p, struct dj_err *err)
{
    int rc = dues_find_person(db, actor, person_id, p, err);
    if (rc)
        return rc;
    if (!may_read(actor, p))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此人员的党费");
    return 0;
}

/* The branch's secretary or dues clerk, or the 机关党委 (meetings.write). */
int dues_may_record(const struct dj_actor *actor, const struct dj_person *p, struct dj_err *err)
{
    char bp[32];
    root_path(p->bureau_id, bp, sizeof bp);
    if (authz_allows(actor, PERM_MEETINGS_WRITE, bp) ||
        (*p->branch_path && authz_allows(actor, PERM_MEETINGS_WRITE, p->branch_path)))
        return 0;
    return authz_refuse(actor, bp, "您没有权限记录此人员的党费", err);
}

/* Commits after the audit record, or rolls back. */
static int finish(struct dj_db *db, int rc, struct dj_err *err)
{
    if (!rc && (rc = db_commit(db, err)) == 0)
        return 0;
    db_rollback(db);
    return rc;
}

int dues_write_audited(struct dj_db *db, const struct dj_actor *actor, const char *action,
                       const char *type, int64_t id, int64_t org_id, json_t *before, json_t *after,
                       struct dj_err *err)
{
    int rc = (action[0] == 'd' ? !before : !after) ? dj_err_set(err, DJ_ENOMEM, "内存不足")
                                                  : audit_record(db, actor, action, type, id, org_id,
                                                                 before, after, err);
    json_decref(before);
    json_decref(after);
    return finish(db, rc, err);
}

/* ---- settings ---- */

json_t *dues_setting_json(const struct dj_dues_setting *s)
{
    int which = dues_setting_find(s->name);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)s->id, "name", s->name,
                     "label", which >= 0 ? dues_setting_def((enum dues_setting)which)->label : "",
                     "value", s->value, "effective_from", s->effective_from, "note", s->note,
                     "created_at", s->created_at);
}

static int64_t actor_bureau(const struct dj_actor *actor)
{
    const char *scope = authz_scope(actor, PERM_ORGS_READ);
    return scope ? path_root_id(scope) : actor->user.bureau_id;
}

int dues_settings_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      json_t **out, struct dj_err *err)
{
    int64_t bureau = actor_bureau(actor);
    if (!bureau || !authz_allows(actor, PERM_ORGS_READ, NULL))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看党费设置");
    struct dj_dues_setting *rows = NULL;
    int n = 0;
    int rc = store_dues_settings_list(db, bureau, &rows, &n, err);
    if (rc)
        return rc;
    int now = dues_current_month(cfg);
    json_t *settings = json_array(), *history = json_array();
    for (int i = 0; i < DS_COUNT; i++) {
        const struct dues_setting_def *d = dues_setting_def((enum dues_setting)i);
        const char *value = d->fallback, *from = NULL;
        int best = -1;
        for (int k = 0; k < n; k++) {
            int m = dues_month_parse(rows[k].effective_from);
            if (!strcmp(rows[k].name, d->name) && m >= 0 && m <= now && m >= best) {
                best = m;
                value = rows[k].value;
                from = rows[k].effective_from;
            }
        }
        json_array_append_new(settings,
                              json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "name", d->name, "label",
                                        d->label, "default", d->fallback, "source", d->source,
                                        "value", value, "effective_from", from));
    }
    for (int k = 0; k < n; k++)
        json_array_append_new(history, dues_setting_json(&rows[k]));
    free(rows);
    *out = json_pack("{s:o, s:o}", "settings", settings, "history", history);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int dues_setting_create(struct dj_db *db, const struct dj_actor *actor, struct dj_dues_setting *s,
                        struct dj_err *err)
{
    int64_t bureau = actor_bureau(actor);
    char bp[32];
    root_path(bureau, bp, sizeof bp);
    int rc = authz_require(actor, PERM_ORGS_MANAGE, bureau ? bp : "/0/", err);
    if (rc)
        return rc;
    int which = dues_setting_find(s->name);
    if (which < 0)
        return dj_err_field(err, "name", "没有这项设置");
    if (dues_month_parse(s->effective_from) < 0)
        dj_err_field(err, "effective_from", "应为月份 YYYY-MM");
    if (dj_utf8_length(s->note) > 200)
        dj_err_field(err, "note", "说明最长 200 个字");
    struct dues_rules r;
    dues_rules_default(&r);
    if (dues_setting_apply(&r, (enum dues_setting)which, s->value, err) == 0 &&
        (which == DS_WARNING_MONTHS || which == DS_SERIOUS_MONTHS)) {
        /* checked against the other in force at the same month */
        struct dues_book b = {0};
        if ((rc = store_dues_settings_list(db, bureau, &b.settings, &b.nsettings, err)))
            return rc;
        dues_book_rules(&b, dues_month_parse(s->effective_from), &r);
        free(b.settings);
        dues_setting_apply(&r, (enum dues_setting)which, s->value, NULL);
        dues_rules_check(&r, err);
    }
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    s->bureau_id = bureau;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_setting_insert(db, s, actor->user.id, err))) {
        db_rollback(db);
        if (rc == DJ_ECONFLICT)
            return dj_err_field(err, "effective_from", "这项设置在该月已有取值");
        return rc;
    }
    return dues_write_audited(db, actor, "create", "dues_setting", s->id, bureau, NULL,
                         dues_setting_json(s), err);
}

int dues_setting_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_err *err)
{
    struct dj_dues_setting s;
    int rc = store_dues_setting_get(db, id, &s, err);
    if (rc)
        return rc;
    char bp[32];
    root_path(s.bureau_id, bp, sizeof bp);
    if (authz_foreign(actor, bp))
        return dj_err_set(err, DJ_ENOTFOUND, "设置不存在"); /* as the store says of a missing one */
    if ((rc = authz_require(actor, PERM_ORGS_MANAGE, bp, err)) || (rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_setting_delete(db, id, err))) {
        db_rollback(db);
        return rc;
    }
    return dues_write_audited(db, actor, "delete", "dues_setting", id, s.bureau_id, dues_setting_json(&s),
                         NULL, err);
}

/* ---- bases ---- */

json_t *dues_base_json(const struct dj_dues_base *b)
{
    json_t *components = NULL;
    if (b->components[0])
        components = json_loads(b->components, 0, NULL);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:s, s:s}", "id", (json_int_t)b->id,
                     "person_id", (json_int_t)b->person_id, "name", b->name, "staff_no",
                     b->staff_no, "from_month", b->from_month, "category", b->category, "base_fen",
                     (json_int_t)b->base_fen, "components", components ? components : json_null(),
                     "note", b->note, "created_at", b->created_at);
}

/* The people a list may show: one readable person, or everyone of the scope. */
static int list_scope(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                      int64_t *bureau, const char **path, struct dj_err *err)
{
    if (person_id) {
        struct dj_person p;
        int rc = dues_person_readable(db, actor, person_id, &p, err);
        if (rc)
            return rc;
        *bureau = p.bureau_id;
        *path = NULL;
        return 0;
    }
    *bureau = dues_read_scope(actor, path);
    return *bureau ? 0 : dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看党费记录");
}

/* A list of a scope keeps only the people whose current branch lies in path. */
static int person_in_path(struct dj_db *db, int64_t person_id, const char *path, bool *in,
                          struct dj_err *err)
{
    *in = true;
    if (!path)
        return 0;
    struct dj_person p;
    int rc = store_person_get(db, person_id, &p, err);
    if (rc)
        return rc;
    *in = *p.branch_path && strncmp(p.branch_path, path, strlen(path)) == 0;
    return 0;
}

int dues_bases_list(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                    json_t **items, struct dj_err *err)
{
    int64_t bureau;
    const char *path;
    int rc = list_scope(db, actor, person_id, &bureau, &path, err);
    if (rc)
        return rc;
    struct dj_dues_base *rows = NULL;
    int n = 0;
    if ((rc = store_dues_bases_list(db, bureau, person_id, &rows, &n, err)))
        return rc;
    *items = json_array();
    int64_t last = 0;
    bool in = true;
    for (int i = 0; i < n && !rc; i++) {
        if (rows[i].person_id != last && (rc = person_in_path(db, rows[i].person_id, path, &in, err)))
            break;
        last = rows[i].person_id;
        if (in)
            json_array_append_new(*items, dues_base_json(&rows[i]));
    }
    free(rows);
    if (rc) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

int dues_base_check(const struct dj_person *p, struct dj_dues_base *b, struct dj_err *err)
{
    if (!b->category[0])
        dj_copy(b->category, sizeof b->category, strcmp(p->status, "退休") ? "serving" : "retired");
    int cat = dues_category_parse(b->category);
    if (cat < 0)
        dj_err_field(err, "category", "类别应为 在职、离退休 或 无收入");
    else
        dj_copy(b->category, sizeof b->category, dues_category_name((enum dues_category)cat));
    if (dues_month_parse(b->from_month) < 0)
        dj_err_field(err, "from_month", "应为月份 YYYY-MM");
    if (b->base_fen < 0 || b->base_fen > DUES_BASE_MAX_FEN)
        dj_err_field(err, "base_fen", "基数应为 0 至 10000000 元");
    else if (cat != DUES_NO_INCOME && cat >= 0 && b->base_fen == 0)
        dj_err_field(err, "base_fen", "在职和离退休党员的基数应大于 0（无收入的请选“无收入”）");
    if (dj_utf8_length(b->note) > 200)
        dj_err_field(err, "note", "说明最长 200 个字");
    return err && err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

int dues_base_save_in(struct dj_db *db, const struct dj_actor *actor, const struct dj_person *p,
                      struct dj_dues_base *b, bool *created, bool *changed, struct dj_err *err)
{
    struct dj_dues_base old;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    b->bureau_id = p->bureau_id;
    dj_copy(b->name, sizeof b->name, p->name);
    dj_copy(b->staff_no, sizeof b->staff_no, p->staff_no);
    int rc = store_dues_base_find(db, p->id, b->from_month, &old, &lookup);
    *created = rc == DJ_ENOTFOUND;
    *changed = true;
    if (rc && rc != DJ_ENOTFOUND)
        return dj_err_set(err, lookup.code, "%s", lookup.message);
    if (*created) {
        if ((rc = store_dues_base_insert(db, b, actor->user.id, err)))
            return rc;
        json_t *after = dues_base_json(b);
        rc = after ? audit_record(db, actor, "create", "dues_base", b->id, p->branch_id, NULL,
                                  after, err)
                   : dj_err_set(err, DJ_ENOMEM, "内存不足");
        json_decref(after);
        return rc;
    }
    b->id = old.id;
    dj_copy(b->created_at, sizeof b->created_at, old.created_at);
    if (old.base_fen == b->base_fen && !strcmp(old.category, b->category) &&
        !strcmp(old.components, b->components) && !strcmp(old.note, b->note)) {
        *changed = false;
        return 0;
    }
    if ((rc = store_dues_base_update(db, b, err)))
        return rc;
    json_t *before = dues_base_json(&old), *after = dues_base_json(b);
    rc = before && after ? audit_record(db, actor, "update", "dues_base", b->id, p->branch_id,
                                        before, after, err)
                         : dj_err_set(err, DJ_ENOMEM, "内存不足");
    json_decref(before);
    json_decref(after);
    return rc;
}

int dues_base_save(struct dj_db *db, const struct dj_actor *actor, struct dj_dues_base *b,
                   bool *created, struct dj_err *err)
{
    struct dj_person p;
    int rc = dues_find_person(db, actor, b->person_id, &p, err);
    if (rc || (rc = dues_may_record(actor, &p, err)) || (rc = dues_base_check(&p, b, err)))
        return rc;
    bool changed;
    if ((rc = db_begin_write(db, err)))
        return rc;
    rc = dues_base_save_in(db, actor, &p, b, created, &changed, err);
    return finish(db, rc, err);
}

int dues_base_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                     struct dj_err *err)
{
    struct dj_dues_base b;
    struct dj_person p;
    int rc = store_dues_base_get(db, id, &b, err);
    if (rc || (rc = dues_find_person(db, actor, b.person_id, &p, err)))
        return rc == DJ_EINVAL ? dj_err_set(err, DJ_ENOTFOUND, "党费基数不存在") : rc;
    if ((rc = dues_may_record(actor, &p, err)) || (rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_base_delete(db, id, err))) {
        db_rollback(db);
        return rc;
    }
    return dues_write_audited(db, actor, "delete", "dues_base", id, p.branch_id, dues_base_json(&b), NULL,
                         err);
}

/* ---- reductions ---- */

json_t *dues_reduction_json(const struct dj_dues_reduction *r)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                     (json_int_t)r->id, "person_id", (json_int_t)r->person_id, "name", r->name,
                     "staff_no", r->staff_no, "from_month", r->from_month, "to_month", r->to_month,
                     "amount_fen", (json_int_t)r->amount_fen, "reason", r->reason, "approval_level",
                     r->approval_level, "approved_by", r->approved_by, "approved_on", r->approved_on,
                     "approval_ref", r->approval_ref, "created_at", r->created_at);
}

int dues_reductions_list(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                         json_t **items, struct dj_err *err)
{
    int64_t bureau;
    const char *path;
    int rc = list_scope(db, actor, person_id, &bureau, &path, err);
    if (rc)
        return rc;
    struct dj_dues_reduction *rows = NULL;
    int n = 0;
    if ((rc = store_dues_reductions_list(db, bureau, person_id, &rows, &n, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n && !rc; i++) {
        bool in;
        if (!(rc = person_in_path(db, rows[i].person_id, path, &in, err)) && in)
            json_array_append_new(*items, dues_reduction_json(&rows[i]));
    }
    free(rows);
    if (rc) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

int dues_reduction_create(struct dj_db *db, const struct dj_actor *actor,
                          struct dj_dues_reduction *r, struct dj_err *err)
{
    struct dj_person p;
    int rc = dues_find_person(db, actor, r->person_id, &p, err);
    if (rc || (rc = dues_may_record(actor, &p, err)))
        return rc;
    int from = dues_month_parse(r->from_month), to = dues_month_parse(r->to_month);
    if (from < 0)
        dj_err_field(err, "from_month", "应为月份 YYYY-MM");
    if (to < 0)
        dj_err_field(err, "to_month", "应为月份 YYYY-MM");
    else if (from >= 0 && (to < from || to - from > 23))
        dj_err_field(err, "to_month", "结束月份应不早于开始月份，且一次最多 24 个月");
    if (r->amount_fen < 0 || r->amount_fen > DUES_BASE_MAX_FEN)
        dj_err_field(err, "amount_fen", "减免后每月金额应为 0 或更多");
    size_t reason = dj_utf8_length(r->reason);
    if (reason == 0 || reason > 200)
        dj_err_field(err, "reason", "请填写减免原因（最多 200 个字）");
    /* 2008 第七条: serving members with the higher committee's approval;
     * retired members by the branch (2017) */
    bool retired = !strcmp(p.status, "退休");
    if (strcmp(r->approval_level, "committee") && strcmp(r->approval_level, "branch"))
        dj_err_field(err, "approval_level", "批准层级应为 committee（上级党委）或 branch（支部）");
    else if (!retired && strcmp(r->approval_level, "committee"))
        dj_err_field(err, "approval_level", "在职党员减免须经上级党委批准");
    size_t by = dj_utf8_length(r->approved_by);
    if (by == 0 || by > 40)
        dj_err_field(err, "approved_by", "请填写批准机构（最多 40 个字）");
    if (!dj_date_valid(r->approved_on))
        dj_err_field(err, "approved_on", "应为日期 YYYY-MM-DD");
    if (dj_utf8_length(r->approval_ref) > 40)
        dj_err_field(err, "approval_ref", "批准文号最长 40 个字");
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    r->bureau_id = p.bureau_id;
    dj_copy(r->name, sizeof r->name, p.name);
    dj_copy(r->staff_no, sizeof r->staff_no, p.staff_no);
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_reduction_insert(db, r, actor->user.id, err))) {
        db_rollback(db);
        return rc;
    }
    return dues_write_audited(db, actor, "create", "dues_reduction", r->id, p.branch_id, NULL,
                         dues_reduction_json(r), err);
}

int dues_reduction_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                          struct dj_err *err)
{
    struct dj_dues_reduction r;
    struct dj_person p;
    int rc = store_dues_reduction_get(db, id, &r, err);
    if (rc || (rc = dues_find_person(db, actor, r.person_id, &p, err)))
        return rc == DJ_EINVAL ? dj_err_set(err, DJ_ENOTFOUND, "减免记录不存在") : rc;
    if ((rc = dues_may_record(actor, &p, err)) || (rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_reduction_delete(db, id, err))) {
        db_rollback(db);
        return rc;
    }
    return dues_write_audited(db, actor, "delete", "dues_reduction", id, p.branch_id,
                         dues_reduction_json(&r), NULL, err);
}
