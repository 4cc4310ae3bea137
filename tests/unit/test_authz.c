/* Roles and organisation scopes, and the user administration built on them. */
#include "testutil.h"

#include <time.h>

#include "core/authz.h"
#include "store/bureaus.h"
#include "core/users.h"
#include "store/orgs.h"

static struct dj_db *db;
static struct dj_config cfg;
static struct dj_org root, b1, b2, g1;

static void org(struct dj_org *o, int64_t parent, const char *type, const char *name)
{
    struct dj_err err;
    memset(o, 0, sizeof *o);
    o->parent_id = parent;
    strcpy(o->type, type);
    strcpy(o->name, name);
    assert_int_equal(store_org_insert(db, o, &err), 0);
}

static int setup(void **state)
{
    (void)state;
    test_quiet();
    db = test_db_open();
    test_config(&cfg);
    struct dj_err err;
    assert_int_equal(db_begin_write(db, &err), 0);
    org(&root, 0, "bureau", "局");
    org(&b1, root.id, "党支部", "一支部");
    org(&b2, root.id, "党支部", "二支部");
    org(&g1, b1.id, "党小组", "第1党小组");
    /* the root is a bureau whose accounts may have plain names */
    struct dj_bureau b = {.id = root.id, .code = "ju", .status = "active", .plain_names = true};
    assert_int_equal(store_bureau_insert(db, &b, &err), 0);
    assert_int_equal(db_commit(db, &err), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    dj_config_free(&cfg);
    return 0;
}

static void grant(struct dj_actor *a, const char *role, const struct dj_org *o)
{
    struct dj_role_grant *g = &a->user.roles[a->user.nroles++];
    strcpy(g->role, role);
    g->org_id = o->id;
    strcpy(g->org_path, o->path);
    a->user.bureau_id = root.id; /* every grant of these tests lies in the one bureau */
}

/* Another bureau's records answer as missing ones; a path of no bureau ("/0/")
 * and a record of the actor's own bureau are plain refusals. */
static void another_bureau_is_not_found(void **state)
{
    (void)state;
    struct dj_actor a = {.session_id = 1, .user.id = 5};
    a.user.bureau_id = root.id;
    grant(&a, "branch_secretary", &b1);
    char other[32];
    snprintf(other, sizeof other, "/%lld/%lld/", (long long)(root.id + 1000), (long long)(root.id + 1001));
    assert_false(authz_foreign(&a, b2.path));
    assert_true(authz_foreign(&a, other));
    assert_false(authz_foreign(&a, "/0/"));
    assert_false(authz_foreign(&a, NULL));
    assert_false(authz_foreign(&a, ""));
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(authz_refuse(&a, other, "不行", &err), DJ_ENOTFOUND);
    assert_string_equal(err.message, AUTHZ_FOREIGN_MESSAGE);
    assert_int_equal(authz_refuse(&a, b2.path, "不行", &err), DJ_EFORBIDDEN);
    assert_string_equal(err.message, "不行");
    assert_int_equal(authz_refuse(&a, "/0/", "不行", &err), DJ_EFORBIDDEN);
    assert_int_equal(authz_require(&a, PERM_ORGS_READ, other, &err), DJ_ENOTFOUND);
    assert_int_equal(authz_require(&a, PERM_ORGS_READ, b2.path, &err), DJ_EFORBIDDEN);
    /* a province account (no bureau) finds no bureau's records; the system everything */
    struct dj_actor province = {.session_id = 2, .user.id = 6};
    province.user.province = true;
    assert_true(authz_foreign(&province, b1.path));
    struct dj_actor system;
    actor_system(&system);
    assert_false(authz_foreign(&system, other));
}

static void paths_follow_the_tree(void **state)
{
    (void)state;
    char want[64];
    snprintf(want, sizeof want, "/%lld/%lld/%lld/", (long long)root.id, (long long)b1.id,
             (long long)g1.id);
    assert_string_equal(g1.path, want);
    assert_true(authz_path_is_root(root.path));
    assert_false(authz_path_is_root(b1.path));
}

static void subtree_scope(void **state)
{
    (void)state;
    struct dj_actor a = {.session_id = 1, .user.id = 5};
    grant(&a, "branch_secretary", &b1);
    assert_true(authz_allows(&a, PERM_ORGS_READ, b1.path));
    assert_true(authz_allows(&a, PERM_ORGS_READ, g1.path));
    assert_false(authz_allows(&a, PERM_ORGS_READ, b2.path));
    assert_false(authz_allows(&a, PERM_ORGS_READ, root.path));
    assert_false(authz_allows(&a, PERM_USERS_MANAGE, NULL));
    assert_false(authz_allows(&a, PERM_AUDIT_READ, b1.path));
    struct dj_err err;
    assert_int_equal(authz_require(&a, PERM_AUDIT_READ, NULL, &err), DJ_EFORBIDDEN);
}

static void path_prefix_is_by_segment(void **state)
{
    (void)state;
    /* "/1/2/" must not cover "/1/23/" */
    struct dj_actor a = {.session_id = 1, .user.id = 5};
    struct dj_role_grant *g = &a.user.roles[a.user.nroles++];
    strcpy(g->role, "party_admin");
    strcpy(g->org_path, "/1/2/");
    assert_true(authz_allows(&a, PERM_AUDIT_READ, "/1/2/7/"));
    assert_false(authz_allows(&a, PERM_AUDIT_READ, "/1/23/"));
}

static void roles_carry_their_permissions(void **state)
{
    (void)state;
    static const struct {
        const char *role;
        bool users, audit;
    } cases[] = {
        {"sysadmin", true, true},       {"party_admin", false, true},
        {"branch_secretary", false, false}, {"dept_head", false, false},
        {"discipline", false, false},   {"member", false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct dj_actor a = {.session_id = 1, .user.id = 9};
        grant(&a, cases[i].role, &root);
        assert_int_equal(authz_allows(&a, PERM_USERS_MANAGE, b1.path), cases[i].users);
        assert_int_equal(authz_allows(&a, PERM_AUDIT_READ, b1.path), cases[i].audit);
        assert_true(authz_allows(&a, PERM_ORGS_READ, b1.path));
    }
    assert_false(authz_role_valid("superuser"));
    assert_string_equal(authz_role_label("branch_secretary"), "支部书记");
}

static void disabled_actor_has_no_rights(void **state)
{
    (void)state;
    struct dj_actor a = {.session_id = 1, .user.id = 5};
    grant(&a, "sysadmin", &root);
    a.user.disabled = true;
    assert_false(authz_allows(&a, PERM_USERS_MANAGE, NULL));
}

static void branch_sysadmin_manages_only_their_branch(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_actor sys;
    actor_system(&sys);
    struct dj_user_input in = {.username = "b2member", .display_name = "李四",
                               .password = "Sesame-word-123", .has_roles = 1, .nroles = 1};
    strcpy(in.roles[0].role, "member");
    in.roles[0].org_id = b2.id;
    struct dj_user other;
    assert_int_equal(users_create(db, &cfg, &sys, &in, &other, NULL, &err), 0);

    struct dj_actor admin1 = {.session_id = 1, .user.id = 999};
    grant(&admin1, "sysadmin", &b1);
    struct dj_user u;
    dj_err_clear(&err);
    assert_int_equal(users_get(db, &admin1, other.id, &u, &err), DJ_ENOTFOUND);
    /* cannot grant a role outside the subtree */
    struct dj_user_input in2 = {.username = "newone", .display_name = "王五",
                                .password = "Sesame-word-123", .has_roles = 1, .nroles = 1};
    strcpy(in2.roles[0].role, "member");
    in2.roles[0].org_id = b2.id;
    dj_err_clear(&err);
    assert_int_equal(users_create(db, &cfg, &admin1, &in2, &u, NULL, &err), DJ_EFORBIDDEN);
    in2.roles[0].org_id = g1.id;
    dj_err_clear(&err);
    assert_int_equal(users_create(db, &cfg, &admin1, &in2, &u, NULL, &err), 0);
    struct dj_user_list list;
    assert_int_equal(users_list(db, &admin1, NULL, 50, 0, &list, &err), 0);
    assert_int_equal(list.total, 1);
    assert_string_equal(list.items[0].username, "newone");
    store_user_list_free(&list);
}

static void user_validation(void **state)
{
    (void)state;
    struct dj_err err;
    struct dj_actor sys;
    actor_system(&sys);
    struct dj_user u;
    struct dj_user_input in = {.username = "Bad Name", .display_name = "", .password = "x"};
    dj_err_clear(&err);
    assert_int_equal(users_create(db, &cfg, &sys, &in, &u, NULL, &err), DJ_EINVAL);
    assert_true(err.nfields >= 3);
    struct dj_user_input dup = {.username = "b2member", .display_name = "重复", .password = "Sesame-word-123",
                                .bureau_id = root.id};
    dj_err_clear(&err);
    assert_int_equal(users_create(db, &cfg, &sys, &dup, &u, NULL, &err), DJ_ECONFLICT);
    struct dj_user_input gen = {.username = "generated", .display_name = "自动密码", .bureau_id = root.id};
    char pw[32] = "";
    dj_err_clear(&err);
    assert_int_equal(users_create(db, &cfg, &sys, &gen, &u, pw, &err), 0);
    assert_int_equal(strlen(pw), 16);
    assert_true(u.must_change_password);
}

static int64_t count_audit(const char *action)
{
    struct dj_err err;
    struct dj_stmt *st;
    assert_int_equal(db_query(db, "SELECT count(*) FROM audit WHERE action = $1", &st, &err), 0);
    db_bind_text(st, 1, action);
    assert_int_equal(db_step(st, &err), DB_ROW);
    int64_t n = db_int(st, 0);
    db_done(st);
    return n;
}

static void sysadmin_cannot_grant_itself_a_role(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_actor sys;
    actor_system(&sys);
    struct dj_user_input in = {.username = "selfadm", .display_name = "自授", .password = "Sesame-word-123",
                               .has_roles = 1, .nroles = 1};
    strcpy(in.roles[0].role, "sysadmin");
    in.roles[0].org_id = b1.id;
    struct dj_user me, out;
    assert_int_equal(users_create(db, &cfg, &sys, &in, &me, NULL, &err), 0);
    assert_false(me.must_change_password); /* given by the system (init, demo): it stays */
    struct dj_actor a = {.session_id = 1};
    assert_int_equal(store_user_get(db, me.id, &a.user, &err), 0);
    /* a business role for itself: refused and audited */
    struct dj_user_input up = {.has_roles = 1, .nroles = 2};
    strcpy(up.roles[0].role, "sysadmin");
    up.roles[0].org_id = b1.id;
    strcpy(up.roles[1].role, "branch_secretary");
    up.roles[1].org_id = b1.id;
    int64_t before = count_audit("grant_refused");
    assert_int_equal(users_update(db, &a, me.id, &up, &out, &err), DJ_EFORBIDDEN);
    assert_int_equal(count_audit("grant_refused"), before + 1);
    assert_int_equal(store_user_get(db, me.id, &out, &err), 0);
    assert_int_equal(out.nroles, 1);
    /* what it holds stays; granting to another account works */
    up.nroles = 1;
    dj_err_clear(&err);
    assert_int_equal(users_update(db, &a, me.id, &up, &out, &err), 0);
    struct dj_user_input other = {.username = "granted", .display_name = "受授", .password = "Sesame-word-123",
                                  .has_roles = 1, .nroles = 1};
    strcpy(other.roles[0].role, "branch_secretary");
    other.roles[0].org_id = b1.id;
    assert_int_equal(users_create(db, &cfg, &a, &other, &out, NULL, &err), 0);
    /* a password an administrator chose is changed at first login */
    assert_true(out.must_change_password);
}

static void denials_are_audited_at_most_once_per_window(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_actor a = {.session_id = 7, .user.id = 4242};
    strcpy(a.user.username, "prober");
    strcpy(a.client_addr, "10.1.2.3");
    int64_t before = count_audit("denied");
    for (int i = 0; i < 5; i++)
        assert_int_equal(authz_record_denial(db, &a, "GET", "/api/v1/users", "/api/v1/users", 1, &err), 0);
    assert_int_equal(count_audit("denied"), before + 1);
    /* another route has its own record; another account too */
    assert_int_equal(authz_record_denial(db, &a, "GET", "/api/v1/users/{id}", "/api/v1/users/1", 1, &err), 0);
    struct dj_actor b = a;
    b.user.id = 4243;
    assert_int_equal(authz_record_denial(db, &b, "GET", "/api/v1/users", "/api/v1/users", 1, &err), 0);
    assert_int_equal(count_audit("denied"), before + 3);
    /* after the window the next record carries the count of those not recorded */
    struct timespec pause = {.tv_sec = 1, .tv_nsec = 100000000};
    nanosleep(&pause, NULL);
    assert_int_equal(authz_record_denial(db, &a, "GET", "/api/v1/users", "/api/v1/users", 1, &err), 0);
    assert_int_equal(count_audit("denied"), before + 4);
    struct dj_stmt *st;
    assert_int_equal(db_query(db, "SELECT after_json FROM audit WHERE action = 'denied' ORDER BY id DESC",
                              &st, &err), 0);
    assert_int_equal(db_step(st, &err), DB_ROW);
    assert_non_null(strstr(db_text(st, 0), "\"suppressed\":4"));
    assert_non_null(strstr(db_text(st, 0), "\"route\":\"/api/v1/users\""));
    db_done(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths_follow_the_tree),
        cmocka_unit_test(subtree_scope),
        cmocka_unit_test(another_bureau_is_not_found),
        cmocka_unit_test(path_prefix_is_by_segment),
        cmocka_unit_test(roles_carry_their_permissions),
        cmocka_unit_test(disabled_actor_has_no_rights),
        cmocka_unit_test(branch_sysadmin_manages_only_their_branch),
        cmocka_unit_test(user_validation),
        cmocka_unit_test(sysadmin_cannot_grant_itself_a_role),
        cmocka_unit_test(denials_are_audited_at_most_once_per_window),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
