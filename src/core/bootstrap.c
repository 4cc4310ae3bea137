#include "core/bootstrap.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/users.h"
#include "store/migrations.h"
#include "store/orgs.h"
#include "util/log.h"

int app_open_db(const struct dj_config *cfg, bool create, struct dj_db **out, struct dj_err *err)
{
    struct dj_db_options opt = {.busy_timeout_ms = cfg->busy_timeout_ms, .create = create};
    int rc = db_open(cfg->db, &opt, out, err);
    if (rc)
        return rc;
    if ((rc = migrations_apply(*out, NULL, err))) {
        db_close(*out);
        *out = NULL;
    }
    return rc;
}

static int org_add(struct dj_db *db, const struct dj_actor *actor, int64_t parent, const char *type,
                   const char *name, int64_t *id, struct dj_err *err)
{
    struct dj_org o;
    memset(&o, 0, sizeof o);
    o.parent_id = parent;
    snprintf(o.type, sizeof o.type, "%s", type);
    snprintf(o.name, sizeof o.name, "%s", name);
    int rc = store_org_insert(db, &o, err);
    if (rc)
        return rc;
    json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)o.id, "type", o.type,
                              "name", o.name, "path", o.path);
    rc = audit_record(db, actor, "create", "org", o.id, o.id, NULL, after, err);
    json_decref(after);
    if (!rc && id)
        *id = o.id;
    return rc;
}

/* Creates the schema, the key and the root; leaves the database open in *out. */
static int init_common(const struct dj_config *cfg, const char *bureau_name, struct dj_db **out,
                       int64_t *root_id, struct dj_secret *key, struct dj_err *err)
{
    struct dj_db *db;
    int rc = app_open_db(cfg, true, &db, err);
    if (rc)
        return rc;
    struct dj_org existing;
    rc = store_org_get(db, 1, &existing, err);
    if (rc != DJ_ENOTFOUND) {
        db_close(db);
        return rc ? rc : dj_err_set(err, DJ_ECONFLICT, "数据库已经初始化过，不会覆盖");
    }
    dj_err_clear(err);
    char *key_path = dj_config_key_path(cfg);
    if (!key_path) {
        db_close(db);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    rc = secret_create(key_path, key, err);
    free(key_path);
    if (rc) {
        db_close(db);
        return rc;
    }
    struct dj_actor system;
    actor_system(&system);
    if ((rc = db_begin_write(db, err)))
        goto fail;
    if ((rc = secret_store_probe(db, key, err)) ||
        (rc = org_add(db, &system, 0, "单位", bureau_name, root_id, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        goto fail;
    }
    *out = db;
    return 0;
fail:
    db_close(db);
    return rc;
}

static int add_user(struct dj_db *db, const struct dj_config *cfg, const char *username,
                    const char *display_name, const char *password, const char *const *roles,
                    const int64_t *orgs, int nroles, char *generated, struct dj_err *err)
{
    struct dj_actor system;
    actor_system(&system);
    struct dj_user_input in;
    memset(&in, 0, sizeof in);
    in.username = username;
    in.display_name = display_name;
    in.password = password;
    in.has_roles = 1;
    in.nroles = nroles;
    for (int i = 0; i < nroles; i++) {
        snprintf(in.roles[i].role, sizeof in.roles[i].role, "%s", roles[i]);
        in.roles[i].org_id = orgs[i];
    }
    struct dj_user u;
    /* a generated password is shown once and must be changed at first login */
    return users_create(db, cfg, &system, &in, &u, generated, err);
}

int bootstrap_init(const struct dj_config *cfg, const char *bureau_name, const char *admin_password,
                   char *generated, struct dj_err *err)
{
    struct dj_db *db;
    struct dj_secret key;
    int64_t root;
    int rc = init_common(cfg, bureau_name, &db, &root, &key, err);
    secret_wipe(&key);
    if (rc)
        return rc;
    const char *roles[] = {"sysadmin", "party_admin"};
    int64_t orgs[] = {root, root};
    rc = add_user(db, cfg, "admin", "系统管理员", admin_password, roles, orgs, 2, generated, err);
    db_close(db);
    return rc;
}

int bootstrap_demo(const struct dj_config *cfg, const char *admin_password, FILE *out,
                   struct dj_err *err)
{
    struct dj_db *db;
    struct dj_secret key;
    int64_t root;
    int rc = init_common(cfg, "示范县财政局", &db, &root, &key, err);
    secret_wipe(&key);
    if (rc)
        return rc;
    struct dj_actor system;
    actor_system(&system);
    int64_t party_group, party_committee, branches[8], retirees;
    static const char *const branch_names[] = {
        "机关第一党支部", "机关第二党支部", "机关第三党支部", "机关第四党支部",
        "机关第五党支部", "机关第六党支部", "机关第七党支部",
    };
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = org_add(db, &system, root, "党组", "中共示范县财政局党组", &party_group, err)) ||
        (rc = org_add(db, &system, root, "机关党委", "中共示范县财政局机关委员会", &party_committee,
                      err)))
        goto rollback;
    for (int i = 0; i < 7; i++) {
        if ((rc = org_add(db, &system, party_committee, "党支部", branch_names[i], &branches[i], err)))
            goto rollback;
        for (int g = 1; g <= 3; g++) {
            char name[64];
            snprintf(name, sizeof name, "第%d党小组", g);
            if ((rc = org_add(db, &system, branches[i], "党小组", name, NULL, err)))
                goto rollback;
        }
    }
    if ((rc = org_add(db, &system, party_committee, "党支部", "离退休党支部", &retirees, err)))
        goto rollback;
    branches[7] = retirees;
    if ((rc = db_commit(db, err)))
        goto rollback;

    struct demo_user {
        const char *username, *name, *role;
        int64_t org;
        const char *what;
    } users[] = {
        {"dangwei", "李红梅", "party_admin", root, "机关党委（党务管理员），全局"},
        {"zhibu1", "王建国", "branch_secretary", branches[0], "支部书记，机关第一党支部"},
        {"keshi", "陈晓东", "dept_head", branches[0], "科室负责人，机关第一党支部"},
        {"jijian", "赵正清", "discipline", root, "纪检，全局"},
        {"dangyuan", "刘思源", "member", branches[0], "党员，机关第一党支部"},
        {"zhibu2", "孙丽娟", "branch_secretary", branches[1], "支部书记，机关第二党支部"},
    };
    const char *admin_roles[] = {"sysadmin", "party_admin"};
    int64_t admin_orgs[] = {root, root};
    if ((rc = add_user(db, cfg, "admin", "系统管理员",
                       admin_password ? admin_password : DEMO_ADMIN_PASSWORD, admin_roles,
                       admin_orgs, 2, NULL, err)))
        goto out;
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        const char *r[] = {users[i].role};
        int64_t o[] = {users[i].org};
        if ((rc = add_user(db, cfg, users[i].username, users[i].name, DEMO_PASSWORD, r, o, 1, NULL,
                           err)))
            goto out;
    }
    fprintf(out, "演示账号 / demo logins:\n");
    fprintf(out, "  %-10s %-18s 系统管理员 + 机关党委，全局\n", "admin",
            admin_password ? "(DANGJIAN_ADMIN_PASSWORD)" : DEMO_ADMIN_PASSWORD);
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        fprintf(out, "  %-10s %-18s %s（%s）\n", users[i].username, DEMO_PASSWORD, users[i].what,
                users[i].name);
    goto out;
rollback:
    db_rollback(db);
out:
    db_close(db);
    return rc;
}
