#include "core/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/person_rules.h"
#include "store/departments.h"
#include "store/orgs.h"
#include "util/date.h"
#include "util/jsonw.h"

static json_t *opt_str(const char *s)
{
    return *s ? json_string(s) : json_null();
}

static json_t *opt_id(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

json_t *person_json(const struct dj_person *p, unsigned show)
{
    bool full_birth = show & PERSON_SHOW_BIRTH_DATE;
    int year = 0;
    if (strlen(p->birth_date) >= 4)
        year = atoi(p->birth_date);
    json_t *j = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:s, s:s,"
        " s:o, s:o, s:o, s:o, s:o, s:s, s:s}",
        "id", (json_int_t)p->id, "staff_no", p->staff_no, "name", p->name, "gender", p->gender,
        "ethnicity", p->ethnicity, "birth_date", full_birth ? opt_str(p->birth_date) : json_null(), "id_number_masked",
        p->id_number_masked, "education", p->education, "department_id", opt_id(p->department_id),
        "department", opt_str(p->department_name), "position", p->position, "political_status",
        p->political_status, "joined_party_on", opt_str(p->joined_party_on), "full_member_on",
        opt_str(p->full_member_on), "phone", p->phone, "status", p->status, "branch_id",
        opt_id(p->branch_id), "branch", opt_str(p->branch_name), "group_id", opt_id(p->group_id),
        "group", opt_str(p->group_name), "user_id", opt_id(p->user_id), "created_at",
        p->created_at, "updated_at", p->updated_at);
    if (j)
        json_object_set_new(j, "birth_year", year > 0 ? json_integer(year) : json_null());
    if (j && (show & PERSON_SHOW_ID_NUMBER))
        json_object_set_new(j, "id_number", json_string(p->id_number));
    return j;
}

/* person_json's fields in its order, written as text (util/jsonw). */
static int person_write(struct jsonw *w, const struct dj_person *p, unsigned show)
{
    int year = strlen(p->birth_date) >= 4 ? atoi(p->birth_date) : 0;
    jsonw_begin_object(w);
    jsonw_kv_int(w, "id", p->id);
    jsonw_kv_string(w, "staff_no", p->staff_no);
    jsonw_kv_string(w, "name", p->name);
    jsonw_kv_string(w, "gender", p->gender);
    jsonw_kv_string(w, "ethnicity", p->ethnicity);
    jsonw_kv_opt_string(w, "birth_date", show & PERSON_SHOW_BIRTH_DATE ? p->birth_date : "");
    jsonw_kv_string(w, "id_number_masked", p->id_number_masked);
    jsonw_kv_string(w, "education", p->education);
    jsonw_kv_opt_int(w, "department_id", p->department_id);
    jsonw_kv_opt_string(w, "department", p->department_name);
    jsonw_kv_string(w, "position", p->position);
    jsonw_kv_string(w, "political_status", p->political_status);
    jsonw_kv_opt_string(w, "joined_party_on", p->joined_party_on);
    jsonw_kv_opt_string(w, "full_member_on", p->full_member_on);
    jsonw_kv_string(w, "phone", p->phone);
    jsonw_kv_string(w, "status", p->status);
    jsonw_kv_opt_int(w, "branch_id", p->branch_id);
    jsonw_kv_opt_string(w, "branch", p->branch_name);
    jsonw_kv_opt_int(w, "group_id", p->group_id);
    jsonw_kv_opt_string(w, "group", p->group_name);
    jsonw_kv_opt_int(w, "user_id", p->user_id);
    jsonw_kv_string(w, "created_at", p->created_at);
    jsonw_kv_string(w, "updated_at", p->updated_at);
    jsonw_kv_opt_int(w, "birth_year", year > 0 ? year : 0);
    if (show & PERSON_SHOW_ID_NUMBER)
        jsonw_kv_string(w, "id_number", p->id_number);
    return jsonw_end_object(w);
}

struct list_writer {
    struct jsonw w;
    const struct dj_actor *actor;
    struct dj_err *err;
};

static int list_row(void *ctx, const struct dj_person *p, int64_t total)
{
    (void)total;
    struct list_writer *lw = ctx;
    if (person_write(&lw->w, p, people_may_see_id_number(lw->actor, p) ? PERSON_SHOW_BIRTH_DATE : 0))
        return dj_err_set(lw->err, DJ_ENOMEM, "内存不足");
    return 0;
}

int people_list_json(struct dj_db *db, const struct dj_actor *actor, struct dj_people_filter *f,
                     struct dj_buf *out, struct dj_err *err)
{
    int rc = people_scope(actor, f, err);
    if (rc)
        return rc;
    struct list_writer lw = {.actor = actor, .err = err};
    /* about 600 bytes a person: one allocation for the page */
    if (dj_buf_reserve(out, 64 + (size_t)(f->limit > 0 ? f->limit : 1) * 640))
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    jsonw_init(&lw.w, out);
    jsonw_begin_object(&lw.w);
    jsonw_key(&lw.w, "items");
    jsonw_begin_array(&lw.w);
    int64_t total = 0;
    if ((rc = store_people_each(db, f, list_row, &lw, &total, err)))
        return rc;
    jsonw_end_array(&lw.w);
    jsonw_kv_int(&lw.w, "total", total);
    if (jsonw_end_object(&lw.w))
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    return 0;
}

int64_t path_root_id(const char *path)
{
    return path && path[0] == '/' ? strtoll(path + 1, NULL, 10) : 0;
}

/* The department a dept_head grant covers, 0 when none. */
static int64_t dept_head_department(const struct dj_actor *a)
{
    for (int i = 0; i < a->user.nroles; i++)
        if (strcmp(a->user.roles[i].role, "dept_head") == 0 && a->user.roles[i].department_id)
            return a->user.roles[i].department_id;
    return 0;
}

int people_scope(const struct dj_actor *actor, struct dj_people_filter *f, struct dj_err *err)
{
    f->scope_path = NULL;
    f->scope_department_id = 0;
    f->scope_user_id = 0;
    if (actor_is_system(actor))
        return 0;
    const char *path = authz_scope(actor, PERM_PEOPLE_READ);
    /* whoever sees only the birth year must not learn the order within a
     * year either: it gives the birth dates (and the 身份证号's digits) away */
    if (f->sort && !strcmp(f->sort, "birth_date")) {
        char bp[32];
        snprintf(bp, sizeof bp, "/%lld/", (long long)path_root_id(path));
        if (!path || !authz_allows(actor, PERM_IDNUMBER_READ, bp))
            f->sort = "birth_year";
    }
    if (path) {
        f->scope_path = path;
        return 0;
    }
    int64_t dept = dept_head_department(actor);
    if (dept) {
        f->scope_department_id = dept;
        return 0;
    }
    if (actor->user.id) {
        f->scope_user_id = actor->user.id; /* a member sees only themselves */
        return 0;
    }
    return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看人员");
}

int people_list(struct dj_db *db, const struct dj_actor *actor, struct dj_people_filter *f,
                struct dj_person_list *out, struct dj_err *err)
{
    int rc = people_scope(actor, f, err);
    return rc ? rc : store_people_list(db, f, out, err);
}

/* The bureau path of a person: "/<bureau_id>/". */
static void bureau_path(const struct dj_person *p, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)p->bureau_id);
}

bool people_may_read(const struct dj_actor *actor, const struct dj_person *p)
{
    char bp[32];
    bureau_path(p, bp, sizeof bp);
    if (authz_allows(actor, PERM_PEOPLE_READ, bp) ||
        (*p->branch_path && authz_allows(actor, PERM_PEOPLE_READ, p->branch_path)))
        return true;
    int64_t dept = dept_head_department(actor);
    if (dept && dept == p->department_id)
        return true;
    return p->user_id && p->user_id == actor->user.id;
}

bool people_may_see_id_number(const struct dj_actor *actor, const struct dj_person *p)
{
    char bp[32];
    bureau_path(p, bp, sizeof bp);
    return authz_allows(actor, PERM_IDNUMBER_READ, bp);
}

bool people_may_write(const struct dj_actor *actor, const struct dj_person *p)
{
    char bp[32];
    bureau_path(p, bp, sizeof bp);
    return authz_allows(actor, PERM_PEOPLE_WRITE, bp) ||
           (*p->branch_path && authz_allows(actor, PERM_PEOPLE_WRITE, p->branch_path));
}

bool people_may_record(const struct dj_actor *actor, const struct dj_person *p)
{
    char bp[32];
    bureau_path(p, bp, sizeof bp);
    if (authz_allows(actor, PERM_MEETINGS_WRITE, bp))
        return true;
    if (*p->branch_path)
        return authz_allows(actor, PERM_MEETINGS_WRITE, p->branch_path);
    /* someone of no branch (a 群众 or 积极分子 at a 党课) has no index and no
     * secretary: any writer of the bureau may name them */
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    return scope && path_root_id(scope) == p->bureau_id;
}

int people_covered(struct dj_db *db, const struct dj_person *p, const char *org_path,
                   const char *date, bool *covered, struct dj_err *err)
{
    *covered = false;
    if (p->bureau_id != path_root_id(org_path))
        return 0;
    if (authz_path_is_root(org_path)) {
        *covered = true;
        return 0;
    }
    return store_person_member_within(db, p->id, org_path, date, covered, err);
}

int people_get(struct dj_db *db, const struct dj_actor *actor, const struct dj_secret *key,
               int64_t id, struct dj_person *out, bool *shown, struct dj_err *err)
{
    *shown = false;
    int rc = store_person_get(db, id, out, err);
    if (rc)
        return rc;
    char bp[32];
    bureau_path(out, bp, sizeof bp);
    if (!people_may_read(actor, out))
        return authz_refuse(actor, bp, "您没有权限查看此人员", err);
    if (authz_allows(actor, PERM_IDNUMBER_READ, bp) && *out->id_number_sealed && key && key->loaded) {
        char *plain;
        if (secret_open(key, out->id_number_sealed, &plain, err) == 0) {
            snprintf(out->id_number, sizeof out->id_number, "%s", plain);
            free(plain);
            *shown = true;
        } else {
            return dj_err_set(err, DJ_EINTERNAL, "无法解密身份证号：密钥与数据库不匹配");
        }
    }
    return 0;
}

int people_memberships(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       struct dj_membership **items, int *count, struct dj_err *err)
{
    struct dj_person p;
    int rc = store_person_get(db, id, &p, err);
    if (rc)
        return rc;
    char bp[32];
    bureau_path(&p, bp, sizeof bp);
    if (!people_may_read(actor, &p))
        return authz_refuse(actor, bp, "您没有权限查看此人员", err);
    return store_membership_history(db, id, items, count, err);
}

int people_posts(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                 struct dj_committee_member **items, int *count, struct dj_err *err)
{
    struct dj_person p;
    int rc = store_person_get(db, id, &p, err);
    if (rc)
        return rc;
    if (!people_may_read(actor, &p))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此人员");
    return store_committee_of_person(db, id, items, count, err);
}

/* Checks the branch and group ids and fills the names for validation and
 * the bureau id; errors name the API fields.  An organisation or department
 * of another bureau than the actor's is answered as a missing one, before
 * any message names it. */
static int resolve_targets(struct dj_db *db, const struct dj_actor *actor, struct dj_person *p,
                           const struct dj_person_change *c, struct dj_org *branch,
                           struct dj_err *err)
{
    int rc;
    memset(branch, 0, sizeof *branch);
    if (c->branch_id) {
        if ((rc = store_org_get(db, c->branch_id, branch, err)) == DJ_ENOTFOUND ||
            (!rc && authz_foreign(actor, branch->path)))
            return dj_err_field(err, "branch_id", "党支部不存在");
        if (rc)
            return rc;
        if (strcmp(branch->type, "党支部") != 0 && strcmp(branch->type, "党总支") != 0 &&
            strcmp(branch->type, "党委") != 0 && strcmp(branch->type, "机关党委") != 0)
            return dj_err_field(err, "branch_id", "%s 不是党支部", branch->name);
        if (strcmp(branch->status, "active") != 0)
            return dj_err_field(err, "branch_id", "%s 已撤销或合并", branch->name);
        p->bureau_id = path_root_id(branch->path);
    }
    if (c->group_id) {
        struct dj_org g;
        if ((rc = store_org_get(db, c->group_id, &g, err)) == DJ_ENOTFOUND ||
            (!rc && authz_foreign(actor, g.path)))
            return dj_err_field(err, "group_id", "党小组不存在");
        if (rc)
            return rc;
        if (!c->branch_id || g.parent_id != c->branch_id)
            return dj_err_field(err, "group_id", "党小组 %s 不属于所选党支部", g.name);
    }
    if (p->department_id) {
        struct dj_department d;
        char dp[32];
        rc = store_department_get(db, p->department_id, &d, err);
        snprintf(dp, sizeof dp, "/%lld/", (long long)(rc ? 0 : d.bureau_id));
        if (rc == DJ_ENOTFOUND || (!rc && authz_foreign(actor, dp)))
            return dj_err_field(err, "department_id", "科室不存在");
        if (rc)
            return rc;
        if (p->bureau_id && d.bureau_id != p->bureau_id)
            return dj_err_field(err, "department_id", "科室 %s 不属于本单位", d.name);
        p->bureau_id = d.bureau_id;
    }
    return 0;
}

static int check_person(const struct dj_person *p, const struct dj_person_change *c,
                        const char *today, struct dj_err *err)
{
    struct person_issues is;
    person_check(p, c->branch_id ? "x" : "", c->group_id ? "x" : "", today, &is);
    for (int f = 0; f < PF_COUNT; f++) {
        if (!is.message[f][0])
            continue;
        const char *name = person_field_name((enum person_field)f);
        if (f == PF_BRANCH)
            name = "branch_id";
        else if (f == PF_GROUP)
            name = "group_id";
        else if (f == PF_DEPARTMENT)
            name = "department_id";
        dj_err_field(err, name, "%s", is.message[f]);
    }
    return is.count ? DJ_EINVAL : 0;
}

static json_t *audit_shape(const struct dj_person *p)
{
    /* the audit trail never holds a plaintext 身份证号, nor the birth date: an
     * audit reader of a subtree may not see the number */
    return person_json(p, 0);
}

/* A person who leaves the bureau (调出, 离职, 病故) keeps no way in: their
 * account is disabled and its sessions end, in the same transaction, audited.
 * A retiree (退休) keeps theirs: the retirees' branch goes on. */
static int disable_account_of_leaver(struct dj_db *db, const struct dj_actor *actor,
                                     const struct dj_person *before, const struct dj_person *after,
                                     struct dj_err *err)
{
    static const char *const leaving[] = {"调出", "离职", "病故"};
    bool left = false, was_gone = false;
    for (size_t i = 0; i < sizeof leaving / sizeof leaving[0]; i++) {
        left |= !strcmp(after->status, leaving[i]);
        was_gone |= !strcmp(before->status, leaving[i]);
    }
    if (!left || was_gone || !after->user_id)
        return 0;
    struct dj_user u;
    int rc = store_user_get(db, after->user_id, &u, err);
    if (rc || u.disabled)
        return rc;
    auth_cache_invalidate();
    u.disabled = true;
    json_t *detail = json_pack("{s:I, s:s, s:b}", "person_id", (json_int_t)after->id, "status",
                               after->status, "disabled", 1);
    if (!(rc = store_user_update(db, &u, err)) && !(rc = store_session_delete_user(db, u.id, err)))
        rc = audit_record(db, actor, "disable", "user", u.id, u.bureau_id, NULL, detail, err);
    json_decref(detail);
    auth_cache_invalidate();
    return rc;
}

int people_write(struct dj_db *db, const struct dj_actor *actor, const struct dj_secret *key,
                 const char *today, struct dj_person *p, const struct dj_person *before,
                 const struct dj_person_change *change, struct dj_err *err)
{
    int rc;
    if (change->id_number_given) {
        p->id_number_sealed[0] = p->id_number_masked[0] = '\0';
        if (*p->id_number) {
            char *sealed;
            if ((rc = secret_seal(key, p->id_number, &sealed, err)))
                return rc;
            snprintf(p->id_number_sealed, sizeof p->id_number_sealed, "%s", sealed);
            free(sealed);
            idcard_mask(p->id_number, p->id_number_masked, sizeof p->id_number_masked);
        }
    }
    if (before)
        rc = store_person_update(db, p, err);
    else
        rc = store_person_insert(db, p, err);
    if (rc)
        return rc;
    /* a new member's period starts when they joined the party, unless told */
    const char *effective = *change->effective_on ? change->effective_on
                            : (!before && dj_date_valid(p->joined_party_on)) ? p->joined_party_on
                                                                             : today;
    bool moved = !before || before->branch_id != change->branch_id ||
                 before->group_id != change->group_id;
    if (moved && before && before->branch_id) {
        struct dj_membership *hist;
        int n;
        if ((rc = store_membership_history(db, p->id, &hist, &n, err)))
            return rc;
        bool too_early = n > 0 && !*hist[n - 1].end_on && strcmp(effective, hist[n - 1].start_on) <= 0;
        char since[DJ_DATE_LEN];
        snprintf(since, sizeof since, "%s", n > 0 ? hist[n - 1].start_on : "");
        free(hist);
        if (too_early)
            return dj_err_field(err, "effective_on", "转移日期应晚于加入现支部的日期 %s", since);
    }
    if (moved) {
        char day_before[DJ_DATE_LEN];
        dj_date_add_days(effective, -1, day_before);
        if (before && before->branch_id && (rc = store_membership_close(db, p->id, day_before, err)))
            return rc;
        if (change->branch_id &&
            (rc = store_membership_open(db, p->id, change->branch_id, change->group_id, effective, err)))
            return rc;
    }
    struct dj_person after;
    if ((rc = store_person_get(db, p->id, &after, err)))
        return rc;
    json_t *ja = audit_shape(&after), *jb = before ? audit_shape(before) : NULL;
    rc = audit_record(db, actor, before ? "update" : "create", "person", p->id,
                      after.branch_id ? after.branch_id : after.bureau_id, jb, ja, err);
    json_decref(ja);
    json_decref(jb);
    if (!rc && before)
        rc = disable_account_of_leaver(db, actor, before, &after, err);
    if (!rc) {
        char id_number[sizeof p->id_number];
        memcpy(id_number, p->id_number, sizeof id_number);
        *p = after;
        memcpy(p->id_number, id_number, sizeof id_number);
    }
    return rc;
}

int people_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const struct dj_secret *key, struct dj_person *p,
                  const struct dj_person_change *change, struct dj_err *err)
{
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    struct dj_org branch;
    p->id = 0;
    p->bureau_id = 0;
    int rc = resolve_targets(db, actor, p, change, &branch, err);
    if (rc)
        return rc;
    if (!p->bureau_id) {
        const char *scope = authz_scope(actor, PERM_PEOPLE_WRITE);
        p->bureau_id = path_root_id(scope);
    }
    if (!p->bureau_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限添加人员");
    if (*change->effective_on && !dj_date_valid(change->effective_on))
        return dj_err_field(err, "effective_on", "应为日期 YYYY-MM-DD");
    if ((rc = check_person(p, change, today, err)))
        return rc;
    /* the new record must fall inside the actor's scope */
    struct dj_person probe = *p;
    snprintf(probe.branch_path, sizeof probe.branch_path, "%s", branch.path);
    if (!people_may_write(actor, &probe))
        return authz_refuse(actor, branch.path, "您没有权限在此组织添加人员", err);
    if ((rc = db_begin_write(db, err)))
        return rc;
    struct dj_person_change c = *change;
    c.id_number_given = true;
    if ((rc = people_write(db, actor, key, today, p, NULL, &c, err)) || (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}

int people_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const struct dj_secret *key, int64_t id, struct dj_person *p,
                  const struct dj_person_change *change, struct dj_err *err)
{
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    struct dj_person before;
    int rc = store_person_get(db, id, &before, err);
    if (rc)
        return rc;
    char bp[32];
    bureau_path(&before, bp, sizeof bp);
    if (!people_may_write(actor, &before))
        return authz_refuse(actor, bp, "您没有权限修改此人员", err);
    p->id = id;
    p->bureau_id = before.bureau_id;
    struct dj_org branch;
    if ((rc = resolve_targets(db, actor, p, change, &branch, err)))
        return rc;
    if (p->bureau_id != before.bureau_id)
        return dj_err_field(err, "branch_id", "不能把人员移到其他单位");
    if (*change->effective_on && !dj_date_valid(change->effective_on))
        return dj_err_field(err, "effective_on", "应为日期 YYYY-MM-DD");
    if (!change->id_number_given) {
        /* keep the sealed value, and check the other fields against it */
        snprintf(p->id_number_sealed, sizeof p->id_number_sealed, "%s", before.id_number_sealed);
        snprintf(p->id_number_masked, sizeof p->id_number_masked, "%s", before.id_number_masked);
        p->id_number[0] = '\0';
        char *plain = NULL;
        if (*before.id_number_sealed && key && key->loaded &&
            secret_open(key, before.id_number_sealed, &plain, NULL) == 0) {
            snprintf(p->id_number, sizeof p->id_number, "%s", plain);
            memset(plain, 0, strlen(plain));
            free(plain);
        }
    }
    /* the birth date is part of the 身份证号: whoever may not see the number
     * may not change it either, or the check against the sealed number would
     * answer what the date is */
    if (!people_may_see_id_number(actor, &before)) {
        if (change->id_number_given)
            return dj_err_field(err, "id_number", "身份证号只能由可查看它的机关党委或系统管理员修改");
        if (strcmp(p->birth_date, before.birth_date) != 0)
            return dj_err_field(err, "birth_date", "出生日期与身份证号相关，请由机关党委或系统管理员修改");
    }
    if ((rc = check_person(p, change, today, err)))
        return rc;
    if (change->branch_id && change->branch_id != before.branch_id) {
        struct dj_person probe = *p;
        snprintf(probe.branch_path, sizeof probe.branch_path, "%s", branch.path);
        if (!people_may_write(actor, &probe))
            return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限把人员转入该党支部");
    }
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = people_write(db, actor, key, today, p, &before, change, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}
