#include "core/orgs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/bureaus.h"
#include "core/people.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

int orgs_list(struct dj_db *db, const struct dj_actor *actor, struct dj_org **items, int *count,
              struct dj_err *err)
{
    int rc = authz_require(actor, PERM_ORGS_READ, NULL, err);
    if (rc)
        return rc;
    const char *scope = actor_is_system(actor) ? NULL : authz_scope(actor, PERM_ORGS_READ);
    return store_org_list(db, scope, items, count, err);
}

int orgs_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_org *out,
             struct dj_err *err)
{
    int rc = store_org_get(db, id, out, err);
    if (rc)
        return rc;
    return authz_require(actor, PERM_ORGS_READ, out->path, err);
}

static json_t *opt_str(const char *s)
{
    return *s ? json_string(s) : json_null();
}

json_t *org_json(const struct dj_org *o)
{
    return json_pack("{s:I, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I}", "id", (json_int_t)o->id,
                     "parent_id", o->parent_id ? json_integer(o->parent_id) : json_null(), "type",
                     o->type, "name", o->name, "status", o->status, "founded_on",
                     opt_str(o->founded_on), "term_start", opt_str(o->term_start), "term_end",
                     opt_str(o->term_end), "status_on", opt_str(o->status_on), "merged_into",
                     o->merged_into ? json_integer(o->merged_into) : json_null(), "sort_order",
                     (json_int_t)o->sort_order);
}

bool org_type_allowed(const char *parent, const char *child)
{
    static const struct {
        const char *child;
        const char *parents[5];
    } rules[] = {
        {"党委", {"单位", "党委", NULL}},
        {"党组", {"单位", NULL}},
        {"机关党委", {"单位", "党委", "党组", NULL}},
        {"党总支", {"单位", "党委", "机关党委", NULL}},
        {"党支部", {"单位", "党委", "机关党委", "党总支", NULL}},
        {"党小组", {"党支部", NULL}},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rules[i].child, child) == 0) {
            for (int k = 0; rules[i].parents[k]; k++)
                if (strcmp(rules[i].parents[k], parent) == 0)
                    return true;
            return false;
        }
    return false;
}

static void warn(json_t *warnings, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn(json_t *warnings, const char *code, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_array_append_new(warnings, json_pack("{s:s, s:s}", "code", code, "message", msg));
}

int org_details_json(struct dj_db *db, const struct dj_config *cfg, const struct dj_org *o,
                     json_t *into, struct dj_err *err)
{
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *warnings = json_array();
    json_object_set_new(into, "warnings", warnings);
    struct dj_committee_member *cm;
    int ncm;
    int rc = store_committee_list(db, o->id, &cm, &ncm, err);
    if (rc)
        return rc;
    json_t *committee = json_array();
    bool has_secretary = false;
    for (int i = 0; i < ncm; i++) {
        has_secretary |= strcmp(cm[i].post, "书记") == 0;
        json_array_append_new(committee,
                              json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)cm[i].id,
                                        "person_id", (json_int_t)cm[i].person_id, "name",
                                        cm[i].person_name, "post", cm[i].post, "start_on",
                                        cm[i].start_on));
    }
    free(cm);
    json_object_set_new(into, "committee", committee);
    /* the former committees: who held which post, from when to when */
    if ((rc = store_committee_former(db, o->id, &cm, &ncm, err)))
        return rc;
    json_t *former = json_array();
    for (int i = 0; i < ncm; i++)
        json_array_append_new(former,
                              json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)cm[i].id,
                                        "person_id", (json_int_t)cm[i].person_id, "name",
                                        cm[i].person_name, "post", cm[i].post, "start_on",
                                        cm[i].start_on, "end_on", cm[i].end_on));
    free(cm);
    json_object_set_new(into, "former_committee", former);
    if (strcmp(o->type, "党支部") != 0 || strcmp(o->status, "active") != 0)
        return 0;
    int64_t full, probationary;
    struct dj_bureau_rules rules; /* the bureau's own limits and warning days */
    if ((rc = bureau_rules(db, cfg, path_root_id(o->path), &rules, err)) ||
        (rc = store_membership_count(db, o->id, today, "中共党员", &full, err)) ||
        (rc = store_membership_count(db, o->id, today, "中共预备党员", &probationary, err)))
        return rc;
    json_object_set_new(into, "full_members", json_integer(full));
    json_object_set_new(into, "probationary_members", json_integer(probationary));
    /* 《中国共产党支部工作条例（试行）》(2018) */
    if (full < rules.branch_min_members)
        warn(warnings, "too_few_members",
             "正式党员 %lld 人，不足 %d 人（党支部工作条例：正式党员 3 人以上成立党支部）", (long long)full,
             rules.branch_min_members);
    if (full + probationary > rules.branch_max_members)
        warn(warnings, "too_many_members",
             "党员 %lld 人，超过 %d 人（党支部工作条例：党员人数一般不超过 50 人）",
             (long long)(full + probationary), rules.branch_max_members);
    if (full >= 7 && (ncm < 3 || ncm > 5))
        warn(warnings, "committee_size",
             "正式党员 7 人以上的党支部应设支部委员会，由 3 至 5 人组成，现有委员 %d 人", ncm);
    if (!has_secretary)
        warn(warnings, "no_secretary", "未设支部书记");
    /* 中办《关于党的基层组织任期的意见》(2018): 机关 branch terms are 3 years */
    if (*o->term_end) {
        int64_t left = dj_date_days(o->term_end) - dj_date_days(today);
        if (left < 0)
            warn(warnings, "term_expired", "本届任期已于 %s 届满 %lld 天，应按期换届", o->term_end,
                 (long long)-left);
        else if (left <= rules.term_warning_days)
            warn(warnings, "term_ending", "本届任期将于 %s 届满（还有 %lld 天），请及早准备换届",
                 o->term_end, (long long)left);
    }
    if (*o->term_start && *o->term_end) {
        int64_t days = dj_date_days(o->term_end) - dj_date_days(o->term_start);
        if (days > 4 * 366)
            warn(warnings, "term_too_long",
                 "任期超过 3 年：换届最多延期 1 年，且须经上级党组织批准");
    } else if (!*o->term_end) {
        warn(warnings, "no_term", "未登记本届任期的起止日期");
    }
    return 0;
}

static int check_org_fields(const struct dj_org *o, struct dj_err *err)
{
    if (!*o->name || !dj_utf8_valid(o->name, strlen(o->name)) || dj_utf8_length(o->name) > 60)
        dj_err_field(err, "name", "名称应为 1 到 60 个字");
    if (*o->founded_on && !dj_date_valid(o->founded_on))
        dj_err_field(err, "founded_on", "应为日期 YYYY-MM-DD");
    if (*o->term_start && !dj_date_valid(o->term_start))
        dj_err_field(err, "term_start", "应为日期 YYYY-MM-DD");
    if (*o->term_end && !dj_date_valid(o->term_end))
        dj_err_field(err, "term_end", "应为日期 YYYY-MM-DD");
    if (*o->term_start && *o->term_end && strcmp(o->term_end, o->term_start) <= 0)
        dj_err_field(err, "term_end", "任期结束应晚于开始");
    return err && err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

int orgs_create(struct dj_db *db, const struct dj_actor *actor, struct dj_org *o,
                struct dj_err *err)
{
    struct dj_org parent;
    int rc;
    if (!o->parent_id)
        return dj_err_field(err, "parent_id", "请选择上级组织");
    /* another bureau's organisation is answered as a missing one */
    if ((rc = store_org_get(db, o->parent_id, &parent, err)) == DJ_ENOTFOUND ||
        (!rc && authz_foreign(actor, parent.path)))
        return dj_err_field(err, "parent_id", "上级组织不存在");
    if (rc || (rc = authz_require(actor, PERM_ORGS_MANAGE, parent.path, err)))
        return rc;
    if (!org_type_allowed(parent.type, o->type))
        return dj_err_field(err, "type", "%s 下不能设立“%s”", parent.type, o->type);
    if (strcmp(parent.status, "active") != 0)
        return dj_err_field(err, "parent_id", "上级组织已撤销或合并");
    snprintf(o->status, sizeof o->status, "active");
    o->status_on[0] = '\0';
    o->merged_into = 0;
    if ((rc = check_org_fields(o, err)))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_org_insert(db, o, err)) || (rc = store_org_update(db, o, err)))
        goto fail;
    after = org_json(o);
    if ((rc = audit_record(db, actor, "create", "org", o->id, o->id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(after);
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}

int orgs_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                struct dj_org *o, struct dj_err *err)
{
    struct dj_org before;
    int rc = store_org_get(db, o->id, &before, err);
    if (rc || (rc = authz_require(actor, PERM_ORGS_MANAGE, before.path, err)))
        return rc;
    if (strcmp(o->status, "active") && strcmp(o->status, "merged") && strcmp(o->status, "dissolved"))
        return dj_err_field(err, "status", "状态应为 active、merged 或 dissolved");
    if (strcmp(o->status, before.status) != 0) {
        char today[DJ_DATE_LEN];
        dj_date_today(cfg->timezone, today);
        if (!*o->status_on)
            snprintf(o->status_on, sizeof o->status_on, "%s", today);
        if (!dj_date_valid(o->status_on))
            return dj_err_field(err, "status_on", "应为日期 YYYY-MM-DD");
    }
    if (!strcmp(o->status, "merged")) {
        struct dj_org into;
        if (!o->merged_into || o->merged_into == o->id)
            return dj_err_field(err, "merged_into", "合并时请指明并入的组织");
        rc = store_org_get(db, o->merged_into, &into, err);
        /* an organisation of another bureau is as good as missing */
        if (rc == DJ_ENOTFOUND || (!rc && path_root_id(into.path) != path_root_id(before.path)))
            return dj_err_field(err, "merged_into", "组织不存在");
        if (rc)
            return rc;
        if (strcmp(into.type, before.type) != 0)
            return dj_err_field(err, "merged_into", "只能并入同类组织");
    } else {
        o->merged_into = 0;
    }
    if ((rc = check_org_fields(o, err)))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *jb = org_json(&before), *ja = org_json(o);
    if ((rc = store_org_update(db, o, err)) ||
        (rc = audit_record(db, actor, "update", "org", o->id, o->id, jb, ja, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(jb);
    json_decref(ja);
    return rc;
}

int orgs_move(struct dj_db *db, const struct dj_actor *actor, int64_t id, int64_t parent_id,
              struct dj_org *out, struct dj_err *err)
{
    struct dj_org o, parent;
    int rc = store_org_get(db, id, &o, err);
    if (rc || (rc = authz_require(actor, PERM_ORGS_MANAGE, o.path, err)))
        return rc;
    if (!o.parent_id)
        return dj_err_field(err, "parent_id", "单位（根组织）不能移动");
    if (strcmp(o.status, "active") != 0)
        return dj_err_field(err, "parent_id", "已撤销或合并的组织不能移动");
    /* another bureau's organisation is answered as a missing one */
    if ((rc = store_org_get(db, parent_id, &parent, err)) == DJ_ENOTFOUND ||
        (!rc && authz_foreign(actor, parent.path)))
        return dj_err_field(err, "parent_id", "上级组织不存在");
    if (rc || (rc = authz_require(actor, PERM_ORGS_MANAGE, parent.path, err)))
        return rc;
    if (parent_id == o.parent_id)
        return dj_err_field(err, "parent_id", "已在该上级组织之下");
    if (!strncmp(parent.path, o.path, strlen(o.path)))
        return dj_err_field(err, "parent_id", "不能移到自身或其下级组织之下");
    if (strcmp(parent.status, "active") != 0)
        return dj_err_field(err, "parent_id", "上级组织已撤销或合并");
    if (!org_type_allowed(parent.type, o.type))
        return dj_err_field(err, "parent_id", "%s 下不能设立“%s”", parent.type, o.type);
    char new_path[sizeof o.path];
    int n = snprintf(new_path, sizeof new_path, "%s%lld/", parent.path, (long long)o.id), deepest;
    if ((rc = store_org_subtree_max_path(db, o.path, &deepest, err)))
        return rc;
    if (n < 0 || (size_t)n + (size_t)deepest - strlen(o.path) >= sizeof o.path)
        return dj_err_field(err, "parent_id", "组织层级过深");
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *jb = json_pack("{s:I, s:s, s:s}", "parent_id", (json_int_t)o.parent_id, "path", o.path,
                           "parent", "");
    json_t *ja = json_pack("{s:I, s:s, s:s}", "parent_id", (json_int_t)parent.id, "path", new_path,
                           "parent", parent.name);
    struct dj_org old_parent;
    if (!store_org_get(db, o.parent_id, &old_parent, err))
        json_object_set_new(jb, "parent", json_string(old_parent.name));
    dj_err_clear(err);
    if ((rc = store_org_move(db, o.id, parent.id, o.path, new_path, err)) ||
        (rc = audit_record(db, actor, "move", "org", o.id, o.id, jb, ja, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(jb);
    json_decref(ja);
    if (rc)
        return rc;
    /* grants are kept with their organisation's path: no worker keeps the old one */
    auth_cache_invalidate();
    return store_org_get(db, o.id, out, err);
}

int orgs_committee_add(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t org_id, int64_t person_id, const char *post, const char *start_on,
                       struct dj_committee_member *out, struct dj_err *err)
{
    static const char *const posts[] = {"书记", "副书记", "组织委员", "宣传委员", "纪检委员",
                                        "青年委员", "保密委员", "委员", NULL};
    struct dj_org org;
    int rc = store_org_get(db, org_id, &org, err);
    if (rc)
        return rc;
    /* a branch secretary keeps their own branch's committee */
    if (!authz_allows(actor, PERM_ORGS_MANAGE, org.path) &&
        !authz_allows(actor, PERM_PEOPLE_WRITE, org.path))
        return authz_refuse(actor, org.path, "您没有权限调整该组织的委员", err);
    bool ok = false;
    for (int i = 0; posts[i]; i++)
        ok |= post && strcmp(post, posts[i]) == 0;
    if (!ok)
        return dj_err_field(err, "post", "职务应为 书记、副书记、组织委员、宣传委员、纪检委员、青年委员、保密委员 或 委员");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (start_on && *start_on && !dj_date_valid(start_on))
        return dj_err_field(err, "start_on", "应为日期 YYYY-MM-DD");
    struct dj_person p;
    if ((rc = store_person_get(db, person_id, &p, err)) == DJ_ENOTFOUND ||
        (!rc && p.bureau_id != path_root_id(org.path)))
        return dj_err_field(err, "person_id", "人员不存在");
    if (rc)
        return rc;
    /* the person lies in the writer's scope, not only in the bureau */
    if (!people_may_write(actor, &p))
        return dj_err_field(err, "person_id", "人员不存在或不在您的管辖范围内");
    const char *from = start_on && *start_on ? start_on : today;
    /* a branch's, a general branch's or a party group's committee is of its own members */
    if (!strcmp(org.type, "党支部") || !strcmp(org.type, "党总支") || !strcmp(org.type, "党小组")) {
        bool covered = false;
        if ((rc = people_covered(db, &p, org.path, from, &covered, err)))
            return rc;
        if (!covered)
            return dj_err_field(err, "person_id", "%s 在 %s 不是%s的党员", p.name, from, org.name);
    }
    memset(out, 0, sizeof *out);
    out->org_id = org_id;
    out->person_id = person_id;
    snprintf(out->person_name, sizeof out->person_name, "%s", p.name);
    snprintf(out->post, sizeof out->post, "%s", post);
    snprintf(out->start_on, sizeof out->start_on, "%s", start_on && *start_on ? start_on : today);
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_committee_add(db, out, err)))
        goto fail;
    after = json_pack("{s:I, s:I, s:s, s:s, s:s}", "org_id", (json_int_t)org_id, "person_id",
                      (json_int_t)person_id, "name", p.name, "post", out->post, "start_on",
                      out->start_on);
    if ((rc = audit_record(db, actor, "create", "committee_member", out->id, org_id, NULL, after,
                           err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(after);
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}

int orgs_committee_end(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t org_id, int64_t member_id, const char *end_on, struct dj_err *err)
{
    struct dj_org org;
    int rc = store_org_get(db, org_id, &org, err);
    if (rc)
        return rc;
    if (!authz_allows(actor, PERM_ORGS_MANAGE, org.path) &&
        !authz_allows(actor, PERM_PEOPLE_WRITE, org.path))
        return authz_refuse(actor, org.path, "您没有权限调整该组织的委员", err);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (end_on && *end_on && !dj_date_valid(end_on))
        return dj_err_field(err, "end_on", "应为日期 YYYY-MM-DD");
    const char *when = end_on && *end_on ? end_on : today;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = json_pack("{s:s}", "end_on", when);
    if ((rc = store_committee_end(db, org_id, member_id, when, err)) ||
        (rc = audit_record(db, actor, "end", "committee_member", member_id, org_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(after);
    return rc;
}
