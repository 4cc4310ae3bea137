#include "core/bootstrap.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/bureaus.h"
#include "core/auth.h"
#include "core/demo.h"
#include "core/users.h"
#include "store/people.h"
#include "store/migrations.h"
#include "store/orgs.h"
#include "util/log.h"

/* People whose names have no search key yet (from before the key existed). */
static int fill_pinyin(struct dj_db *db, struct dj_err *err)
{
    int filled, rc = db_begin_write(db, err);
    if (rc)
        return rc;
    if ((rc = store_people_fill_pinyin(db, &filled, err))) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, err);
}

int app_open_db(const struct dj_config *cfg, enum app_db_use use, struct dj_db **out,
                struct dj_err *err)
{
    *out = NULL;
    /* a PostgreSQL database always "exists": its server answers at open */
    bool exists = db_exists(cfg->db);
    if (use == APP_DB_NEW && exists && !db_url_is_postgresql(cfg->db))
        return dj_err_set(err, DJ_ECONFLICT, "数据库 %s 已存在，不会覆盖 / database exists, not overwritten",
                          cfg->db);
    if (use != APP_DB_NEW && !exists)
        return dj_err_set(err, DJ_ENOTFOUND,
                          "数据库 %s 不存在；请先运行 dangjian init 或 dangjian demo / no such database",
                          cfg->db);
    struct dj_db_options opt = {.busy_timeout_ms = cfg->busy_timeout_ms, .create = use == APP_DB_NEW};
    int rc = db_open(cfg->db, &opt, out, err);
    if (rc || use == APP_DB_AS_IS)
        return rc;
    if ((rc = migrations_apply(*out, NULL, err)) || (rc = fill_pinyin(*out, err))) {
        db_close(*out);
        *out = NULL;
    }
    return rc;
}

int app_open_pool(const struct dj_config *cfg, struct dj_db_pool **out, struct dj_err *err)
{
    struct dj_db_options opt = {.busy_timeout_ms = cfg->busy_timeout_ms};
    return db_pool_open(cfg->db, &opt, out, err);
}

int app_thread_db(struct dj_db_pool *pool, struct dj_db **out, struct dj_err *err)
{
    return db_pool_thread_db(pool, out, err);
}

void app_request_failed(struct dj_db *db)
{
    if (db)
        db_rollback(db);
}

/* Creates the schema, the key and the root; leaves the database open in *out. */
static int init_common(const struct dj_config *cfg, const char *bureau_name, const char *code,
                       struct dj_db **out,
                       int64_t *root_id, struct dj_secret *key, struct dj_err *err)
{
    struct dj_db *db;
    int rc = app_open_db(cfg, APP_DB_NEW, &db, err);
    if (rc)
        return rc;
    struct dj_bureau *bureaus = NULL;
    int nbureaus = 0;
    rc = store_bureau_list(db, &bureaus, &nbureaus, err);
    free(bureaus);
    if (rc || nbureaus) {
        db_close(db);
        return rc ? rc
                  : dj_err_set(err, DJ_ECONFLICT,
                               "数据库已经初始化过，不会覆盖；增加单位请用 dangjian bureau create");
    }
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
    struct dj_bureau b;
    if ((rc = secret_store_probe(db, key, err)) ||
        (rc = bureau_add(db, &system, bureau_name, code, true, &b, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        goto fail;
    }
    *root_id = b.id;
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

int bootstrap_init(const struct dj_config *cfg, const char *bureau_name, const char *code,
                   const char *admin_password, char *generated, struct dj_err *err)
{
    struct dj_db *db;
    struct dj_secret key;
    int64_t root;
    int rc = init_common(cfg, bureau_name, code, &db, &root, &key, err);
    secret_wipe(&key);
    if (rc)
        return rc;
    const char *roles[] = {"sysadmin", "party_admin"};
    int64_t orgs[] = {root, root};
    rc = add_user(db, cfg, "admin", "系统管理员", admin_password, roles, orgs, 2, generated, err);
    db_close(db);
    return rc;
}

int bootstrap_demo(const struct dj_config *cfg, const char *admin_password, bool records, FILE *out,
                   struct dj_err *err)
{
    struct dj_db *db;
    struct dj_secret key;
    int64_t root;
    int rc = init_common(cfg, "示范县财政局", "demo", &db, &root, &key, err);
    if (rc) {
        secret_wipe(&key);
        return rc;
    }
    rc = demo_populate(db, cfg, &key, root, "示范县财政局", "", admin_password, records, out, err);
    secret_wipe(&key);
    db_close(db);
    return rc;
}

int bootstrap_demo_bureau(const struct dj_config *cfg, const struct dj_secret *key,
                          const char *bureau_name, const char *code, const char *admin_password,
                          bool records, FILE *out, struct dj_err *err)
{
    struct dj_db *db;
    int rc = app_open_db(cfg, APP_DB_EXISTING, &db, err);
    if (rc)
        return rc;
    struct dj_actor system;
    actor_system(&system);
    struct dj_bureau b;
    if ((rc = secret_verify_probe(db, key, err)) || (rc = db_begin_write(db, err)))
        goto out;
    if ((rc = bureau_add(db, &system, bureau_name, code, false, &b, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        goto out;
    }
    char prefix[40];
    snprintf(prefix, sizeof prefix, "%s.", b.code);
    rc = demo_populate(db, cfg, key, b.id, bureau_name, prefix, admin_password, records, out, err);
out:
    db_close(db);
    return rc;
}
