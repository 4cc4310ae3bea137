/* Passwords, sessions and login throttling on a real in-memory database. */
#include "testutil.h"

#include "core/audit.h"
#include "core/auth.h"
#include "core/users.h"
#include "store/bureaus.h"
#include "store/orgs.h"

static struct dj_db *db;
static struct dj_config cfg;
static int64_t root_id, branch_id;

static int setup(void **state)
{
    (void)state;
    test_quiet();
    db = test_db_open();
    test_config(&cfg);
    struct dj_err err;
    struct dj_org root = {.type = "bureau", .name = "测试局"};
    assert_int_equal(db_begin_write(db, &err), 0);
    assert_int_equal(store_org_insert(db, &root, &err), 0);
    struct dj_org branch = {.parent_id = root.id, .type = "党支部", .name = "第一支部"};
    assert_int_equal(store_org_insert(db, &branch, &err), 0);
    struct dj_bureau b = {.id = root.id, .code = "ceshi", .status = "active", .plain_names = true};
    assert_int_equal(store_bureau_insert(db, &b, &err), 0);
    assert_int_equal(db_commit(db, &err), 0);
    root_id = root.id;
    branch_id = branch.id;
    struct dj_actor sys;
    actor_system(&sys);
    struct dj_user_input in = {.username = "alice", .display_name = "张三",
                               .password = "Correct-horse1", .has_roles = 1, .nroles = 1};
    strcpy(in.roles[0].role, "member");
    in.roles[0].org_id = branch_id;
    struct dj_user u;
    assert_int_equal(users_create(db, &cfg, &sys, &in, &u, NULL, &err), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    dj_config_free(&cfg);
    return 0;
}

static void password_hash_and_verify(void **state)
{
    (void)state;
    char hash[DJ_HASH_MAX];
    struct dj_err err;
    assert_int_equal(password_hash("Secret-pass-1", hash, &err), 0);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_int_equal(password_verify(hash, "Secret-pass-1"), 0);
    assert_int_equal(password_verify(hash, "Secret-pass-2"), DJ_EUNAUTH);
    assert_int_equal(password_verify("", "x"), DJ_EUNAUTH);
}

static void password_rules(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(password_check_rules(&cfg, "bob", "short1", "password", &err), DJ_EINVAL);
    dj_err_clear(&err);
    assert_int_equal(password_check_rules(&cfg, "bob", "abcdefghijkl", "password", &err), DJ_EINVAL);
    dj_err_clear(&err);
    assert_int_equal(password_check_rules(&cfg, "bobbybobby1", "bobbybobby1", "password", &err),
                     DJ_EINVAL);
    dj_err_clear(&err);
    assert_int_equal(password_check_rules(&cfg, "bob", "党建工作很重要啊#12", "password", &err), 0);
    /* two classes are not enough; common words and the user name, however decorated, are refused */
    const char *weak[][2] = {{"bob", "password12"},   {"bob", "党建工作很重要啊12"},
                             {"bob", "Password@123"}, {"bob", "Qwerty!2026"},
                             {"zhibu2", "Zhibu2#2026"}, {"zhibu2", "my.zhibu2.Pass#1"},
                             {"admin", "Admin@2026"}};
    for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
        dj_err_clear(&err);
        if (password_check_rules(&cfg, weak[i][0], weak[i][1], "password", &err) != DJ_EINVAL)
            fail_msg("accepted %s for %s", weak[i][1], weak[i][0]);
    }
    dj_err_clear(&err);
    assert_int_equal(password_check_rules(&cfg, "admin", "Admin@2026dj", "password", &err), 0);
    assert_int_equal(password_check_rules(&cfg, "dangwei", "Demo@2026dj", "password", &err), 0);
    assert_int_equal(password_check_rules(&cfg, "bob", "Long-enough-1", "password", &err), 0);
    char gen[17];
    password_generate(gen, sizeof gen);
    assert_int_equal(strlen(gen), 16);
    assert_int_equal(password_check_rules(&cfg, "bob", gen, "password", &err), 0);
}

static void login_resolve_logout(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_login login;
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.1", &login, &err), 0);
    assert_int_equal(strlen(login.token), DJ_TOKEN_LEN - 1);
    assert_true(login.actor.session_id > 0);
    struct dj_actor a;
    assert_int_equal(auth_resolve(db, &cfg, login.token, &a, &err), 0);
    assert_string_equal(a.user.username, "alice");
    assert_string_equal(a.csrf_token, login.csrf_token);
    assert_int_equal(a.user.nroles, 1);
    assert_string_equal(a.user.roles[0].role, "member");
    /* the token itself is not in the database, only its hash */
    struct dj_stmt *st;
    assert_int_equal(db_query(db, "SELECT COUNT(*) FROM sessions WHERE token_hash = $1", &st, &err), 0);
    db_bind_text(st, 1, login.token);
    assert_int_equal(db_step(st, &err), DB_ROW);
    assert_int_equal(db_int(st, 0), 0);
    db_done(st);
    assert_int_equal(auth_logout(db, &a, &err), 0);
    assert_int_equal(auth_resolve(db, &cfg, login.token, &a, &err), DJ_EUNAUTH);
}

static void wrong_password_and_unknown_user_look_alike(void **state)
{
    (void)state;
    struct dj_err e1, e2;
    dj_err_clear(&e1);
    dj_err_clear(&e2);
    struct dj_login login;
    assert_int_equal(auth_login(db, &cfg, "alice", "wrong-password1", "10.0.0.2", &login, &e1), DJ_EUNAUTH);
    assert_int_equal(auth_login(db, &cfg, "nobody", "wrong-password1", "10.0.0.2", &login, &e2), DJ_EUNAUTH);
    assert_string_equal(e1.message, e2.message);
}

static void bad_tokens_are_refused(void **state)
{
    (void)state;
    struct dj_err err;
    struct dj_actor a;
    assert_int_equal(auth_resolve(db, &cfg, NULL, &a, &err), DJ_EUNAUTH);
    assert_int_equal(auth_resolve(db, &cfg, "", &a, &err), DJ_EUNAUTH);
    assert_int_equal(auth_resolve(db, &cfg, "x' OR '1'='1", &a, &err), DJ_EUNAUTH);
    assert_int_equal(auth_resolve(db, &cfg, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &a, &err), DJ_EUNAUTH);
}

static void idle_and_absolute_expiry(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_login login;
    struct dj_actor a;
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.3", &login, &err), 0);
    assert_int_equal(db_exec_script(db, "UPDATE sessions SET last_seen = last_seen - 3601", &err), 0);
    assert_int_equal(auth_resolve(db, &cfg, login.token, &a, &err), DJ_EUNAUTH);
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.3", &login, &err), 0);
    assert_int_equal(db_exec_script(db, "UPDATE sessions SET expires_at = 1", &err), 0);
    assert_int_equal(auth_resolve(db, &cfg, login.token, &a, &err), DJ_EUNAUTH);
}

static void throttling_per_account_and_address(void **state)
{
    (void)state;
    struct dj_err err;
    struct dj_login login;
    for (int i = 0; i < cfg.login_max_failures_account; i++) {
        dj_err_clear(&err);
        assert_int_equal(auth_login(db, &cfg, "alice", "nope-nope-1", "10.0.0.4", &login, &err), DJ_EUNAUTH);
    }
    dj_err_clear(&err);
    /* even the right password is refused while throttled, from that address */
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.4", &login, &err), DJ_ERATELIMIT);
    /* but not from another: failures elsewhere do not lock the account out */
    dj_err_clear(&err);
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.5", &login, &err), 0);
    assert_int_equal(db_exec_script(db, "DELETE FROM login_failures", &err), 0);
    for (int i = 0; i < cfg.login_max_failures_address; i++) {
        char name[32];
        snprintf(name, sizeof name, "ghost%d", i);
        auth_login(db, &cfg, name, "nope-nope-1", "10.0.0.6", &login, &err);
    }
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.6", &login, &err), DJ_ERATELIMIT);
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.7", &login, &err), 0);
    assert_int_equal(db_exec_script(db, "DELETE FROM login_failures", &err), 0);
}

static void wrong_old_password_is_throttled(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_login one;
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.9", &one, &err), 0);
    struct dj_actor a;
    assert_int_equal(auth_resolve(db, &cfg, one.token, &a, &err), 0);
    snprintf(a.client_addr, sizeof a.client_addr, "10.0.0.9");
    for (int i = 0; i < cfg.login_max_failures_account; i++) {
        dj_err_clear(&err);
        assert_int_equal(auth_change_password(db, &cfg, &a, "bad-old-pass1", "New-password-3", &err),
                         DJ_EINVAL);
    }
    dj_err_clear(&err);
    assert_int_equal(auth_change_password(db, &cfg, &a, "Correct-horse1", "New-password-3", &err),
                     DJ_ERATELIMIT);
    /* the same counter as logins from that address */
    dj_err_clear(&err);
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.9", &one, &err), DJ_ERATELIMIT);
    assert_int_equal(db_exec_script(db, "DELETE FROM login_failures", &err), 0);
}

static void password_change_ends_other_sessions(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_login one, two;
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.8", &one, &err), 0);
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.8", &two, &err), 0);
    struct dj_actor a;
    assert_int_equal(auth_resolve(db, &cfg, one.token, &a, &err), 0);
    dj_err_clear(&err);
    assert_int_equal(auth_change_password(db, &cfg, &a, "bad-old-pass1", "New-password-2", &err), DJ_EINVAL);
    assert_string_equal(err.fields[0].name, "old_password");
    dj_err_clear(&err);
    assert_int_equal(auth_change_password(db, &cfg, &a, "Correct-horse1", "short", &err), DJ_EINVAL);
    dj_err_clear(&err);
    assert_int_equal(auth_change_password(db, &cfg, &a, "Correct-horse1", "New-password-2", &err), 0);
    struct dj_actor b;
    assert_int_equal(auth_resolve(db, &cfg, one.token, &b, &err), 0);
    assert_int_equal(auth_resolve(db, &cfg, two.token, &b, &err), DJ_EUNAUTH);
    assert_int_equal(auth_login(db, &cfg, "alice", "Correct-horse1", "10.0.0.8", &two, &err), DJ_EUNAUTH);
    assert_int_equal(auth_login(db, &cfg, "alice", "New-password-2", "10.0.0.8", &two, &err), 0);
    /* every step above is in the audit chain, and the chain is sound */
    int64_t count;
    assert_int_equal(audit_verify(db, &count, &err), 0);
    assert_true(count > 5);
}

static void disabled_user_cannot_log_in(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_actor sys;
    actor_system(&sys);
    struct dj_user u;
    assert_int_equal(store_user_get_by_name(db, "alice", &u, &err), 0);
    struct dj_user_input in = {.has_disabled = 1, .disabled = true};
    struct dj_user out;
    assert_int_equal(users_update(db, &sys, u.id, &in, &out, &err), 0);
    struct dj_login login;
    assert_int_equal(auth_login(db, &cfg, "alice", "New-password-2", "10.0.0.9", &login, &err), DJ_EUNAUTH);
}

static void housekeeping_purges_once_per_period(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(db_exec_script(db, "UPDATE sessions SET last_seen = 1", &err), 0);
    bool ran1, ran2;
    assert_int_equal(auth_housekeeping(db, &cfg, "a", &ran1, &err), 0);
    assert_int_equal(auth_housekeeping(db, &cfg, "b", &ran2, &err), 0);
    assert_true(ran1);
    assert_false(ran2);
    struct dj_stmt *st;
    assert_int_equal(db_query(db, "SELECT COUNT(*) FROM sessions", &st, &err), 0);
    assert_int_equal(db_step(st, &err), DB_ROW);
    assert_int_equal(db_int(st, 0), 0);
    db_done(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(password_hash_and_verify),
        cmocka_unit_test(password_rules),
        cmocka_unit_test(login_resolve_logout),
        cmocka_unit_test(wrong_password_and_unknown_user_look_alike),
        cmocka_unit_test(bad_tokens_are_refused),
        cmocka_unit_test(idle_and_absolute_expiry),
        cmocka_unit_test(throttling_per_account_and_address),
        cmocka_unit_test(wrong_old_password_is_throttled),
        cmocka_unit_test(password_change_ends_other_sessions),
        cmocka_unit_test(disabled_user_cannot_log_in),
        cmocka_unit_test(housekeeping_purges_once_per_period),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
