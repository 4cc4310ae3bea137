#include "core/user_batch.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/bureaus.h"
#include "core/people.h"
#include "core/users.h"
#include "store/people.h"
#include "store/users.h"

/* The account name of p: its 工号 or phone, lower-cased, in the bureau's
 * namespace; "" when it would not be a valid name. */
static void login_name(const struct dj_bureau *b, const struct dj_person *p, bool by_phone,
                       char *out, size_t size)
{
    const char *src = by_phone ? p->phone : p->staff_no;
    char base[64];
    size_t n = 0;
    for (const char *c = src; *c && n < sizeof base - 1; c++)
        base[n++] = (char)tolower((unsigned char)*c);
    base[n] = '\0';
    if (b->plain_names)
        snprintf(out, size, "%s", base);
    else
        snprintf(out, size, "%s.%s", b->code, base);
    if (!n || !users_username_valid(out))
        *out = '\0';
}

static void skip(json_t *skipped, const struct dj_person *p, const char *reason)
{
    json_array_append_new(skipped, json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)p->id, "name",
                                             p->name, "reason", reason));
}

/* Makes one account for p inside the transaction; the password goes to the result. */
static int create_one(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      const struct dj_person *p, const char *username, json_t *created,
                      struct dj_err *err)
{
    struct dj_user u;
    memset(&u, 0, sizeof u);
    snprintf(u.username, sizeof u.username, "%s", username);
    snprintf(u.display_name, sizeof u.display_name, "%s", p->name);
    u.bureau_id = p->bureau_id;
    u.must_change_password = true;
    if (p->branch_id) {
        u.nroles = 1;
        snprintf(u.roles[0].role, sizeof u.roles[0].role, "member");
        u.roles[0].org_id = p->branch_id;
    }
    char password[DJ_GENERATED_PASSWORD_MAX];
    users_generate_password(cfg, password);
    int rc;
    if ((rc = password_hash(password, u.password_hash, err)) ||
        (rc = store_user_insert(db, &u, &u.id, err)) || (rc = store_user_set_roles(db, &u, err)) ||
        (rc = store_person_link_user(db, u.id, p->id, err)))
        goto out;
    json_t *after = json_pack("{s:I, s:s, s:s, s:I, s:I, s:s}", "id", (json_int_t)u.id, "username",
                              u.username, "display_name", u.display_name, "bureau_id",
                              (json_int_t)u.bureau_id, "person_id", (json_int_t)p->id, "batch",
                              "roster");
    if (u.nroles)
        json_object_set_new(after, "roles", json_pack("[{s:s, s:I}]", "role", "member", "org_id",
                                                      (json_int_t)p->branch_id));
    rc = audit_record(db, actor, "create", "user", u.id, p->branch_id ? p->branch_id : p->bureau_id,
                      NULL, after, err);
    json_decref(after);
    if (!rc)
        json_array_append_new(created, json_pack("{s:I, s:s, s:s, s:s, s:s}", "person_id",
                                                 (json_int_t)p->id, "name", p->name, "staff_no",
                                                 p->staff_no, "username", u.username, "password",
                                                 password));
out:
    sodium_memzero(password, sizeof password);
    return rc;
}

int users_create_for_people(struct dj_db *db, const struct dj_config *cfg,
                            const struct dj_actor *actor, const int64_t *person_ids, int n,
                            const char *login, json_t **out, struct dj_err *err)
{
    int rc = authz_require(actor, PERM_USERS_MANAGE, NULL, err);
    if (rc)
        return rc;
    bool by_phone = login && !strcmp(login, "phone");
    if (login && !by_phone && strcmp(login, "staff_no"))
        return dj_err_field(err, "login", "登录名应为 staff_no（工号）或 phone（手机号）");
    if (n < 1 || n > USER_BATCH_MAX)
        return dj_err_field(err, "person_ids", "一次可为 1 到 %d 人开通账号", USER_BATCH_MAX);
    struct dj_bureau b;
    if ((rc = store_bureau_get(db, actor->user.bureau_id, &b, err)))
        return rc == DJ_ENOTFOUND ? dj_err_set(err, DJ_EFORBIDDEN, "您没有权限管理账号") : rc;
    json_t *created = json_array(), *skipped = json_array();
    if ((rc = db_begin_write(db, err)))
        goto fail_nowrite;
    auth_cache_invalidate();
    for (int i = 0; i < n; i++) {
        struct dj_person p;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        bool dup = false;
        for (int k = 0; k < i && !dup; k++)
            dup = person_ids[k] == person_ids[i];
        if (dup)
            continue;
        /* an id of no person of the bureau (another bureau's too) is a field
         * error, as any missing record named in a body: nothing is written */
        if (store_person_get(db, person_ids[i], &p, &lookup) || p.bureau_id != actor->user.bureau_id) {
            rc = dj_err_field(err, "person_ids", "人员不存在（编号 %lld）", (long long)person_ids[i]);
            goto fail;
        }
        char bureau[32];
        snprintf(bureau, sizeof bureau, "/%lld/", (long long)p.bureau_id);
        if (!authz_allows(actor, PERM_USERS_MANAGE, bureau) &&
            !(*p.branch_path && authz_allows(actor, PERM_USERS_MANAGE, p.branch_path))) {
            skip(skipped, &p, "不在您的管辖范围内");
            continue;
        }
        if (p.user_id) {
            skip(skipped, &p, "已有账号");
            continue;
        }
        char username[DJ_NAME_MAX];
        login_name(&b, &p, by_phone, username, sizeof username);
        if (!*username) {
            skip(skipped, &p, by_phone ? "没有可用作登录名的手机号" : "工号不能用作登录名");
            continue;
        }
        struct dj_user other;
        if (!store_user_get_by_name(db, username, &other, &lookup)) {
            skip(skipped, &p, "登录名已被使用");
            continue;
        }
        if ((rc = create_one(db, cfg, actor, &p, username, created, err)))
            goto fail;
    }
    if ((rc = db_commit(db, err)))
        goto fail;
    auth_cache_invalidate();
    *out = json_pack("{s:o, s:o}", "created", created, "skipped", skipped);
    return 0;
fail:
    db_rollback(db);
fail_nowrite:
    json_decref(created);
    json_decref(skipped);
    return rc;
}
