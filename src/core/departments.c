#include "core/departments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "store/orgs.h"
#include "util/date.h"
#include "util/text.h"

json_t *department_json(const struct dj_department *d)
{
    return json_pack("{s:I, s:I, s:o, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)d->id,
                     "bureau_id", (json_int_t)d->bureau_id, "parent_id",
                     d->parent_id ? json_integer(d->parent_id) : json_null(), "name", d->name,
                     "status", d->status, "branch_id",
                     d->branch_id ? json_integer(d->branch_id) : json_null(), "branch",
                     *d->branch_name ? json_string(d->branch_name) : json_null(), "linked_since",
                     *d->link_start ? json_string(d->link_start) : json_null());
}

int department_links_json(struct dj_db *db, const struct dj_department *d, json_t **out,
                          struct dj_err *err)
{
    struct dj_department_link *l;
    int n, rc = store_department_links(db, d->id, &l, &n, err);
    if (rc)
        return rc;
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:o}", "branch_id", (json_int_t)l[i].org_id,
                                           "branch", l[i].org_name, "start_on", l[i].start_on,
                                           "end_on", *l[i].end_on ? json_string(l[i].end_on) : json_null()));
    free(l);
    *out = a;
    return 0;
}

static void bureau_path(int64_t bureau_id, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)bureau_id);
}

int departments_list(struct dj_db *db, const struct dj_actor *actor, struct dj_department **items,
                     int *count, struct dj_err *err)
{
    int rc = authz_require(actor, PERM_ORGS_READ, NULL, err);
    if (rc)
        return rc;
    const char *scope = actor_is_system(actor) ? NULL : authz_scope(actor, PERM_ORGS_READ);
    /* everyone in a bureau may read its list of departments */
    char root[32];
    if (scope) {
        bureau_path(path_root_id(scope), root, sizeof root);
        scope = root;
    }
    return store_department_list(db, scope, items, count, err);
}

int departments_get(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                    struct dj_department *out, struct dj_err *err)
{
    int rc = store_department_get(db, id, out, err);
    if (rc)
        return rc;
    const char *scope = authz_scope(actor, PERM_ORGS_READ);
    char bp[32];
    bureau_path(out->bureau_id, bp, sizeof bp);
    if (!actor_is_system(actor) && (!scope || path_root_id(scope) != out->bureau_id))
        return authz_refuse(actor, bp, "您没有权限查看该科室", err);
    return 0;
}

static int check_link(struct dj_db *db, int64_t bureau_id, int64_t branch_id, struct dj_err *err)
{
    if (!branch_id)
        return 0;
    struct dj_org b;
    int rc = store_org_get(db, branch_id, &b, err);
    /* another bureau's branch is answered as a missing one, never by its name */
    if (rc == DJ_ENOTFOUND || (!rc && path_root_id(b.path) != bureau_id))
        return dj_err_field(err, "branch_id", "党支部不存在");
    if (rc)
        return rc;
    if (strcmp(b.type, "党支部") != 0)
        return dj_err_field(err, "branch_id", "%s 不是党支部", b.name);
    return 0;
}

int departments_write(struct dj_db *db, const struct dj_actor *actor, struct dj_department *d,
                      const struct dj_department *before, bool relink, int64_t branch_id,
                      const char *link_start, struct dj_err *err)
{
    int rc = before ? store_department_update(db, d, err) : store_department_insert(db, d, err);
    if (rc)
        return rc;
    if (relink) {
        char day_before[DJ_DATE_LEN];
        dj_date_add_days(link_start, -1, day_before);
        if ((rc = store_department_link(db, d->id, branch_id, link_start, day_before, err)))
            return rc;
    }
    struct dj_department after;
    if ((rc = store_department_get(db, d->id, &after, err)))
        return rc;
    json_t *ja = department_json(&after), *jb = before ? department_json(before) : NULL;
    rc = audit_record(db, actor, before ? "update" : "create", "department", d->id, d->bureau_id,
                      jb, ja, err);
    json_decref(ja);
    json_decref(jb);
    if (!rc)
        *d = after;
    return rc;
}

static int check_fields(struct dj_db *db, const struct dj_department *d, struct dj_err *err)
{
    if (!*d->name || !dj_utf8_valid(d->name, strlen(d->name)) || dj_utf8_length(d->name) > 40)
        return dj_err_field(err, "name", "科室名称应为 1 到 40 个字");
    if (strcmp(d->status, "active") && strcmp(d->status, "dissolved"))
        return dj_err_field(err, "status", "状态应为 active 或 dissolved");
    if (d->parent_id) {
        struct dj_department p;
        int rc = store_department_get(db, d->parent_id, &p, err);
        if (rc == DJ_ENOTFOUND || (!rc && p.bureau_id != d->bureau_id))
            return dj_err_field(err, "parent_id", "上级科室不存在");
        if (rc)
            return rc;
        if (p.id == d->id)
            return dj_err_field(err, "parent_id", "上级科室无效");
    }
    return 0;
}

int departments_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       struct dj_department *d, int64_t branch_id, const char *link_start,
                       struct dj_err *err)
{
    if (!d->bureau_id)
        d->bureau_id = path_root_id(authz_scope(actor, PERM_ORGS_MANAGE));
    char bp[32];
    bureau_path(d->bureau_id, bp, sizeof bp);
    int rc = authz_require(actor, PERM_ORGS_MANAGE, bp, err);
    if (rc)
        return rc;
    if (!*d->status)
        snprintf(d->status, sizeof d->status, "active");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    const char *start = link_start && *link_start ? link_start : today;
    if (!dj_date_valid(start))
        return dj_err_field(err, "link_start", "应为日期 YYYY-MM-DD");
    if ((rc = check_fields(db, d, err)) || (rc = check_link(db, d->bureau_id, branch_id, err)))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = departments_write(db, actor, d, NULL, branch_id != 0, branch_id, start, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}

int departments_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       struct dj_department *d, bool relink, int64_t branch_id,
                       const char *link_start, struct dj_err *err)
{
    struct dj_department before;
    int rc = store_department_get(db, d->id, &before, err);
    if (rc)
        return rc;
    char bp[32];
    bureau_path(before.bureau_id, bp, sizeof bp);
    if ((rc = authz_require(actor, PERM_ORGS_MANAGE, bp, err)))
        return rc;
    d->bureau_id = before.bureau_id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    const char *start = link_start && *link_start ? link_start : today;
    if (relink && (!dj_date_valid(start) || (before.link_id && strcmp(start, before.link_start) <= 0)))
        return dj_err_field(err, "link_start", "挂钩日期应为晚于当前挂钩开始（%s）的日期",
                            before.link_start);
    if (relink && branch_id == before.branch_id)
        relink = false;
    if ((rc = check_fields(db, d, err)) || (relink && (rc = check_link(db, d->bureau_id, branch_id, err))))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = departments_write(db, actor, d, &before, relink, branch_id, start, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}
