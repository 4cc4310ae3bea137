#include "core/users.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/bureaus.h"
#include "core/people.h"
#include "store/departments.h"
#include "store/people.h"
#include "store/orgs.h"
#include "util/text.h"

/* Checks that person_id exists, lies in the actor's reach and has no other account. */
static int check_person_link(struct dj_db *db, const struct dj_actor *actor, int64_t user_id,
                             int64_t user_bureau, int64_t person_id, struct dj_err *err)
{
    if (!person_id)
        return 0;
    /* separation of duties: a person's ballot and records stay theirs, so no
     * one links their own account to a person (another administrator does) */
    if (user_id == actor->user.id && !actor_is_system(actor))
        return dj_err_field(err, "person_id", "不能把自己的账号关联到人员，请由另一位管理员办理");
    struct dj_person p;
    int rc = store_person_get(db, person_id, &p, err);
    if (rc)
        return rc == DJ_ENOTFOUND ? dj_err_field(err, "person_id", "人员不存在") : rc;
    /* a person of another bureau does not exist for this account */
    if (p.bureau_id != user_bureau)
        return dj_err_field(err, "person_id", "人员不存在");
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)p.bureau_id);
    if (!authz_allows(actor, PERM_USERS_MANAGE, bureau) &&
        !(*p.branch_path && authz_allows(actor, PERM_USERS_MANAGE, p.branch_path)))
        return dj_err_set(err, DJ_EFORBIDDEN, "该人员不在您的管辖范围内");
    if (p.user_id && p.user_id != user_id)
        return dj_err_field(err, "person_id", "%s 已关联其他账号", p.name);
    return 0;
}

json_t *user_json(const struct dj_user *u)
{
    json_t *roles = json_array();
    for (int i = 0; i < u->nroles; i++) {
        const struct dj_role_grant *g = &u->roles[i];
        json_t *r = json_pack("{s:s, s:s, s:I, s:s}", "role", g->role, "role_label",
                              authz_role_label(g->role), "org_id", (json_int_t)g->org_id,
                              "org_name", g->org_name);
        if (g->department_id) {
            json_object_set_new(r, "department_id", json_integer(g->department_id));
            json_object_set_new(r, "department_name", json_string(g->department_name));
        }
        json_array_append_new(roles, r);
    }
    return json_pack("{s:I, s:s, s:s, s:b, s:b, s:s, s:s, s:o, s:o, s:o, s:b}", "id",
                     (json_int_t)u->id, "username", u->username, "display_name", u->display_name,
                     "disabled", u->disabled, "must_change_password", u->must_change_password,
                     "created_at", u->created_at, "updated_at", u->updated_at, "person_id",
                     u->person_id ? json_integer(u->person_id) : json_null(), "roles", roles,
                     "bureau_id", u->bureau_id ? json_integer(u->bureau_id) : json_null(),
                     "province", u->province);
}

/* generated passwords: 16 characters, or the minimum length if larger */
static size_t generated_size(const struct dj_config *cfg)
{
    int n = cfg->password_min_length > 16 ? cfg->password_min_length : 16;
    return (size_t)(n < DJ_GENERATED_PASSWORD_MAX - 1 ? n : DJ_GENERATED_PASSWORD_MAX - 1) + 1;
}

void users_generate_password(const struct dj_config *cfg, char out[DJ_GENERATED_PASSWORD_MAX])
{
    password_generate(out, generated_size(cfg));
}

bool users_username_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 32)
        return false;
    for (const char *p = s; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '.' && *p != '_' &&
            *p != '-')
            return false;
    return isalnum((unsigned char)s[0]);
}

static int check_display_name(const char *name, struct dj_err *err)
{
    size_t n = strlen(name);
    if (!dj_utf8_valid(name, n) || dj_utf8_length(name) < 1 || dj_utf8_length(name) > 40)
        return dj_err_field(err, "display_name", "姓名应为 1 到 40 个字符");
    return 0;
}

/* Validates the roles and fills their org paths; the actor must hold
 * PERM_USERS_MANAGE over each org granted. */
static int check_roles(struct dj_db *db, const struct dj_actor *actor, struct dj_user_input *in,
                       struct dj_err *err)
{
    for (int i = 0; i < in->nroles; i++) {
        struct dj_role_grant *g = &in->roles[i];
        if (!authz_role_valid(g->role))
            return dj_err_field(err, "roles", "未知的角色：%s", g->role);
        struct dj_org org;
        int rc = store_org_get(db, g->org_id, &org, err);
        /* an organisation of another bureau is answered as a missing one, never by its name */
        if (rc == DJ_ENOTFOUND || (!rc && authz_foreign(actor, org.path)))
            return dj_err_field(err, "roles", "组织 %lld 不存在", (long long)g->org_id);
        if (rc)
            return rc;
        snprintf(g->org_path, sizeof g->org_path, "%s", org.path);
        snprintf(g->org_name, sizeof g->org_name, "%s", org.name);
        if (!strcmp(g->role, "kiosk") && !authz_path_is_root(org.path))
            return dj_err_field(err, "roles", "数据大屏账号只能授予在单位的根组织上");
        if (!authz_allows(actor, PERM_USERS_MANAGE, org.path))
            return dj_err_set(err, DJ_EFORBIDDEN, "您不能在 %s 授予角色", org.name);
        if (g->department_id) {
            struct dj_department d;
            if ((rc = store_department_get(db, g->department_id, &d, err)) == DJ_ENOTFOUND ||
                (!rc && d.bureau_id != path_root_id(org.path)))
                return dj_err_field(err, "roles", "科室不存在");
            if (rc)
                return rc;
            if (strcmp(g->role, "dept_head") != 0)
                return dj_err_field(err, "roles", "只有科室负责人的授权可以指定本单位的科室");
            snprintf(g->department_name, sizeof g->department_name, "%s", d.name);
        }
    }
    return 0;
}

/* A sysadmin sees users with a role inside their subtree; only a sysadmin at
 * a root also sees users without any role. */
static int check_user_visible(const struct dj_actor *actor, const struct dj_user *u,
                              struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_USERS_MANAGE);
    if (actor->user.id == 0 && actor->session_id == 0)
        return 0;
    /* the accounts of another bureau, and province accounts, do not exist here */
    if (u->bureau_id != actor->user.bureau_id || !u->bureau_id)
        return dj_err_set(err, DJ_ENOTFOUND, "用户不存在");
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限管理账号");
    if (u->nroles == 0 && authz_path_is_root(scope))
        return 0;
    for (int i = 0; i < u->nroles; i++)
        if (authz_allows(actor, PERM_USERS_MANAGE, u->roles[i].org_path))
            return 0;
    return dj_err_set(err, DJ_ENOTFOUND, "用户不存在");
}

/* Changing a user (roles, password, disabling) needs every one of the user's
 * grants inside the actor's subtree: otherwise a branch administrator could
 * take over an account that holds wider rights.  A user without any grant
 * belongs to the root's administrators. */
static int check_user_manageable(const struct dj_actor *actor, const struct dj_user *u,
                                 struct dj_err *err)
{
    if (actor_is_system(actor))
        return 0;
    const char *scope = authz_scope(actor, PERM_USERS_MANAGE);
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限管理账号");
    if (u->bureau_id != actor->user.bureau_id || !u->bureau_id)
        return dj_err_set(err, DJ_ENOTFOUND, "用户不存在");
    if (u->nroles == 0 && !authz_path_is_root(scope))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有全局系统管理员可以管理没有角色的账号");
    for (int i = 0; i < u->nroles; i++)
        if (!authz_allows(actor, PERM_USERS_MANAGE, u->roles[i].org_path))
            return dj_err_set(err, DJ_EFORBIDDEN, "该账号在 %s 还有您管辖之外的角色，不能由您修改",
                              u->roles[i].org_name);
    return 0;
}

int users_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct dj_user_input *input, struct dj_user *out, char *generated,
                 struct dj_err *err)
{
    int rc = authz_require(actor, PERM_USERS_MANAGE, NULL, err);
    if (rc)
        return rc;
    struct dj_user_input in = *input;
    if (!in.username || !users_username_valid(in.username))
        dj_err_field(err, "username", "用户名应为 3 到 32 位小写字母、数字、点、下划线或连字符");
    if (!in.display_name)
        dj_err_field(err, "display_name", "请填写姓名");
    else
        check_display_name(in.display_name, err);
    char password[32];
    if (in.password) {
        password_check_rules(cfg, in.username, in.password, "password", err);
    } else {
        password_generate(password, generated_size(cfg));
        in.password = password;
    }
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = check_roles(db, actor, &in, err)))
        return rc;
    struct dj_user u;
    memset(&u, 0, sizeof u);
    u.nroles = in.nroles;
    memcpy(u.roles, in.roles, sizeof u.roles);
    /* the account's bureau: the administrator's own; the command line names it
     * or takes that of the first grant */
    if (in.province) {
        if (!actor_is_system(actor))
            return dj_err_set(err, DJ_EFORBIDDEN, "上级管理员只能在命令行创建");
        if (in.nroles)
            return dj_err_field(err, "roles", "上级管理员不在单位内授予角色");
        u.province = true;
    } else if (actor_is_system(actor)) {
        u.bureau_id = in.bureau_id ? in.bureau_id : in.nroles ? path_root_id(in.roles[0].org_path) : 0;
        if (!u.bureau_id)
            return dj_err_field(err, "roles", "请指定账号所属的单位");
    } else {
        u.bureau_id = actor->user.bureau_id;
    }
    for (int i = 0; i < in.nroles; i++)
        if (path_root_id(in.roles[i].org_path) != u.bureau_id)
            return dj_err_field(err, "roles", "组织 %lld 不存在", (long long)in.roles[i].org_id);
    if ((rc = bureau_username_check(db, u.bureau_id, in.username, err)))
        return rc;
    if ((rc = check_user_manageable(actor, &u, err)))
        return rc;
    snprintf(u.username, sizeof u.username, "%s", in.username);
    snprintf(u.display_name, sizeof u.display_name, "%s", in.display_name);
    u.disabled = in.has_disabled && in.disabled;
    /* a password chosen by an administrator is known to them: the user makes
     * their own at first login.  Only init and demo (the system) give
     * passwords that stay. */
    u.must_change_password = input->password == NULL || !actor_is_system(actor);
    if ((rc = password_hash(in.password, u.password_hash, err)))
        return rc;
    u.nroles = in.nroles;
    memcpy(u.roles, in.roles, sizeof u.roles);
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_user_insert(db, &u, &u.id, err)) || (rc = store_user_set_roles(db, &u, err)) ||
        (rc = store_user_get(db, u.id, out, err))) {
        db_rollback(db);
        return rc;
    }
    memset(out->password_hash, 0, sizeof out->password_hash);
    if (in.has_person && in.person_id &&
        ((rc = check_person_link(db, actor, u.id, u.bureau_id, in.person_id, err)) ||
         (rc = store_person_link_user(db, u.id, in.person_id, err)))) {
        db_rollback(db);
        return rc;
    }
    after = user_json(out);
    if (in.has_person)
        json_object_set_new(after, "person_id", in.person_id ? json_integer(in.person_id) : json_null());
    json_t *link = in.has_person && in.person_id
                       ? json_pack("{s:I, s:I}", "user_id", (json_int_t)u.id, "person_id",
                                   (json_int_t)in.person_id)
                       : NULL;
    if ((rc = audit_record(db, actor, "create", "user", u.id,
                           u.nroles ? u.roles[0].org_id : u.bureau_id, NULL, after, err)) ||
        /* a link at creation is a link as any other: its own entry */
        (link && (rc = audit_record(db, actor, "link_person", "user", u.id, u.bureau_id, NULL, link, err))) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(after);
    json_decref(link);
    if (!rc && !input->password && generated)
        snprintf(generated, DJ_GENERATED_PASSWORD_MAX, "%s", password);
    sodium_memzero(password, sizeof password);
    return rc;
}

int users_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_user *out,
              struct dj_err *err)
{
    int rc = authz_require(actor, PERM_USERS_MANAGE, NULL, err);
    if (rc || (rc = store_user_get(db, id, out, err)))
        return rc;
    memset(out->password_hash, 0, sizeof out->password_hash);
    return check_user_visible(actor, out, err);
}

/* The first grant of in that the user does not hold already, or NULL. */
static const struct dj_role_grant *new_grant(const struct dj_user *u, const struct dj_user_input *in)
{
    for (int i = 0; i < in->nroles; i++) {
        bool held = false;
        for (int k = 0; k < u->nroles && !held; k++)
            held = strcmp(u->roles[k].role, in->roles[i].role) == 0 &&
                   u->roles[k].org_id == in->roles[i].org_id &&
                   u->roles[k].department_id == in->roles[i].department_id;
        if (!held)
            return &in->roles[i];
    }
    return NULL;
}

/* Separation of duties: a sysadmin grants roles to others, never to itself
 * (the grants it holds, e.g. the initial ones of init and demo, stay).  The
 * attempt is audited in its own transaction. */
static int refuse_self_grant(struct dj_db *db, const struct dj_actor *actor,
                             const struct dj_role_grant *g, struct dj_err *err)
{
    json_t *detail = json_pack("{s:s, s:I, s:s}", "role", g->role, "org_id", (json_int_t)g->org_id,
                               "reason", "self_grant");
    int rc = db_begin_write(db, err);
    if (!rc && ((rc = audit_record(db, actor, "grant_refused", "user", actor->user.id, g->org_id,
                                   NULL, detail, err)) ||
                (rc = db_commit(db, err))))
        db_rollback(db);
    json_decref(detail);
    if (rc)
        return rc;
    rc = dj_err_set(err, DJ_EFORBIDDEN, "不能给自己授予角色（%s）：请由另一位系统管理员授予",
                    authz_role_label(g->role));
    if (err)
        err->audited = true; /* one refusal, one record */
    return rc;
}

int users_update(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                 const struct dj_user_input *input, struct dj_user *out, struct dj_err *err)
{
    struct dj_user before;
    int rc = users_get(db, actor, id, &before, err);
    if (rc || (rc = check_user_manageable(actor, &before, err)))
        return rc;
    struct dj_user_input in = *input;
    if (in.display_name && (rc = check_display_name(in.display_name, err)))
        return rc;
    if (in.has_disabled && in.disabled && id == actor->user.id)
        return dj_err_field(err, "disabled", "不能停用自己的账号");
    if (in.has_roles && (rc = check_roles(db, actor, &in, err)))
        return rc;
    if (in.has_roles && id == actor->user.id) {
        bool keeps_admin = false;
        for (int i = 0; i < in.nroles; i++)
            keeps_admin |= strcmp(in.roles[i].role, "sysadmin") == 0;
        if (!keeps_admin)
            return dj_err_field(err, "roles", "不能取消自己的系统管理员角色");
        const struct dj_role_grant *added = new_grant(&before, &in);
        if (added)
            return refuse_self_grant(db, actor, added, err);
    }
    struct dj_user u = before;
    if (in.has_roles) {
        struct dj_user probe = before;
        probe.nroles = in.nroles;
        memcpy(probe.roles, in.roles, sizeof probe.roles);
        if ((rc = check_user_manageable(actor, &probe, err)))
            return rc;
    }
    if (in.display_name)
        snprintf(u.display_name, sizeof u.display_name, "%s", in.display_name);
    if (in.has_disabled)
        u.disabled = in.disabled;
    if (in.has_roles) {
        u.nroles = in.nroles;
        memcpy(u.roles, in.roles, sizeof u.roles);
    }
    if ((rc = db_begin_write(db, err)))
        return rc;
    auth_cache_invalidate();
    json_t *jb = user_json(&before), *ja = NULL;
    if ((rc = store_user_update(db, &u, err)) ||
        (in.has_roles && (rc = store_user_set_roles(db, &u, err))) ||
        (in.has_person && (rc = check_person_link(db, actor, id, before.bureau_id, in.person_id, err))) ||
        (in.has_person && (rc = store_person_link_user(db, id, in.person_id, err))) ||
        (u.disabled && !before.disabled && (rc = store_session_delete_user(db, id, err))) ||
        (rc = store_user_get(db, id, out, err)))
        goto fail;
    memset(out->password_hash, 0, sizeof out->password_hash);
    ja = user_json(out);
    if (in.has_person)
        json_object_set_new(ja, "person_id", in.person_id ? json_integer(in.person_id) : json_null());
    if ((rc = audit_record(db, actor, "update", "user", id, before.bureau_id, jb, ja, err)))
        goto fail;
    if (in.has_person && in.person_id != before.person_id) {
        /* a re-link moves whose ballot and records the account carries: its own entry */
        json_t *lb = json_pack("{s:I, s:o}", "user_id", (json_int_t)id, "person_id",
                               before.person_id ? json_integer(before.person_id) : json_null());
        json_t *la = json_pack("{s:I, s:o}", "user_id", (json_int_t)id, "person_id",
                               in.person_id ? json_integer(in.person_id) : json_null());
        rc = audit_record(db, actor, "link_person", "user", id, before.bureau_id, lb, la, err);
        json_decref(lb);
        json_decref(la);
        if (rc)
            goto fail;
    }
    if ((rc = db_commit(db, err)))
        goto fail;
    json_decref(jb);
    json_decref(ja);
    auth_cache_invalidate(); /* again: no worker keeps what it read before the commit */
    return 0;
fail:
    db_rollback(db);
    json_decref(jb);
    json_decref(ja);
    return rc;
}

int users_reset_password(struct dj_db *db, const struct dj_config *cfg,
                         const struct dj_actor *actor, int64_t id, const char *password,
                         char *generated, struct dj_err *err)
{
    struct dj_user u;
    int rc = users_get(db, actor, id, &u, err);
    if (rc || (rc = check_user_manageable(actor, &u, err)))
        return rc;
    char pw[32];
    if (password) {
        if ((rc = password_check_rules(cfg, u.username, password, "password", err)))
            return rc;
        snprintf(pw, sizeof pw, "%s", password);
        if (strlen(password) >= sizeof pw)
            return dj_err_field(err, "password", "密码过长（管理员重置时最多 31 个字符）");
    } else {
        password_generate(pw, generated_size(cfg));
    }
    char hash[DJ_HASH_MAX];
    if ((rc = password_hash(pw, hash, err)))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    auth_cache_invalidate();
    if ((rc = store_user_set_password(db, id, hash, true, err)) ||
        (rc = store_session_delete_user(db, id, err)) ||
        (rc = audit_record(db, actor, "reset_password", "user", id, u.bureau_id, NULL, NULL, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    auth_cache_invalidate();
    if (!rc && !password && generated)
        snprintf(generated, DJ_GENERATED_PASSWORD_MAX, "%s", pw);
    sodium_memzero(pw, sizeof pw);
    return rc;
}

int users_list(struct dj_db *db, const struct dj_actor *actor, const char *q, int limit, int offset,
               struct dj_user_list *out, struct dj_err *err)
{
    int rc = authz_require(actor, PERM_USERS_MANAGE, NULL, err);
    if (rc)
        return rc;
    const char *scope = authz_scope(actor, PERM_USERS_MANAGE);
    bool system = actor->user.id == 0 && actor->session_id == 0;
    return store_user_list(db, q, system ? 0 : actor->user.bureau_id, system ? NULL : scope,
                           system || (scope && authz_path_is_root(scope)), limit, offset, out, err);
}
