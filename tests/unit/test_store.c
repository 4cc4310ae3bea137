/* The store: migrations, bound parameters, errors, transactions, backup. */
#include "testutil.h"

#include <unistd.h>

#include "store/jobs.h"
#include "store/orgs.h"
#include "store/users.h"

static void migrations_apply_once(void **state)
{
    (void)state;
    test_quiet();
    struct dj_db *db = test_db_open();
    struct dj_err err;
    int applied = -1, version = 0;
    assert_int_equal(migrations_apply(db, &applied, &err), 0);
    assert_int_equal(applied, 0); /* already applied by test_db_open */
    assert_int_equal(migrations_current(db, &version, &err), 0);
    assert_int_equal(version, migrations_latest(DJ_DB_SQLITE));
    assert_true(version >= 1);
    db_close(db);
}

static void parameters_are_bound_not_spliced(void **state)
{
    (void)state;
    struct dj_db *db = test_db_open();
    struct dj_err err;
    dj_err_clear(&err);
    const char *evil = "x'); DROP TABLE users; --";
    assert_int_equal(store_meta_set(db, evil, "党建", &err), 0);
    char v[64];
    assert_int_equal(store_meta_get(db, evil, v, sizeof v, &err), 0);
    assert_string_equal(v, "党建");
    assert_int_equal(store_meta_set(db, evil, "财政", &err), 0); /* upsert */
    assert_int_equal(store_meta_get(db, evil, v, sizeof v, &err), 0);
    assert_string_equal(v, "财政");
    assert_int_equal(store_meta_get(db, "absent", v, sizeof v, &err), 0);
    assert_string_equal(v, "");
    db_close(db);
}

static void unique_violation_is_conflict(void **state)
{
    (void)state;
    struct dj_db *db = test_db_open();
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_user u = {.username = "same", .display_name = "甲", .password_hash = "h"};
    int64_t id;
    assert_int_equal(store_user_insert(db, &u, &id, &err), 0);
    assert_int_equal(store_user_insert(db, &u, &id, &err), DJ_ECONFLICT);
    /* the connection stays usable after the error */
    assert_int_equal(store_user_get_by_name(db, "same", &u, &err), 0);
    assert_int_equal(store_user_get(db, 12345, &u, &err), DJ_ENOTFOUND);
    db_close(db);
}

static void rollback_leaves_nothing(void **state)
{
    (void)state;
    struct dj_db *db = test_db_open();
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(db_begin_write(db, &err), 0);
    struct dj_org o = {.type = "bureau", .name = "回滚局"};
    assert_int_equal(store_org_insert(db, &o, &err), 0);
    db_rollback(db);
    struct dj_org *items;
    int n;
    assert_int_equal(store_org_list(db, NULL, &items, &n, &err), 0);
    assert_int_equal(n, 0);
    free(items);
    db_close(db);
}

static void user_list_paging_and_search(void **state)
{
    (void)state;
    struct dj_db *db = test_db_open();
    struct dj_err err;
    dj_err_clear(&err);
    for (int i = 0; i < 12; i++) {
        struct dj_user u = {.password_hash = "h"};
        snprintf(u.username, sizeof u.username, "user%02d", i);
        snprintf(u.display_name, sizeof u.display_name, i == 5 ? "王_百%%分" : "党员%d", i);
        int64_t id;
        assert_int_equal(store_user_insert(db, &u, &id, &err), 0);
    }
    struct dj_user_list l;
    assert_int_equal(store_user_list(db, NULL, NULL, true, 5, 10, &l, &err), 0);
    assert_int_equal(l.total, 12);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].username, "user10");
    store_user_list_free(&l);
    /* LIKE wildcards in q match literally */
    assert_int_equal(store_user_list(db, "_百%", NULL, true, 50, 0, &l, &err), 0);
    assert_int_equal(l.total, 1);
    assert_string_equal(l.items[0].username, "user05");
    store_user_list_free(&l);
    assert_int_equal(store_user_list(db, "%", NULL, true, 50, 0, &l, &err), 0);
    assert_int_equal(l.total, 1);
    store_user_list_free(&l);
    assert_int_equal(store_user_list(db, "党员", NULL, true, 50, 0, &l, &err), 0);
    assert_int_equal(l.total, 11);
    store_user_list_free(&l);
    db_close(db);
}

static void backup_is_a_usable_copy(void **state)
{
    (void)state;
    char dir[] = "/tmp/dj-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char src[128], dst[128];
    snprintf(src, sizeof src, "%s/src.db", dir);
    snprintf(dst, sizeof dst, "%s/copy.db", dir);
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_db_options opt = {.busy_timeout_ms = 1000, .create = true};
    struct dj_db *db;
    assert_int_equal(db_open(src, &opt, &db, &err), 0);
    assert_int_equal(migrations_apply(db, NULL, &err), 0);
    assert_int_equal(store_meta_set(db, "k", "v", &err), 0);
    assert_int_equal(db_backup(db, dst, &err), 0);
    db_close(db);
    opt.create = false;
    assert_int_equal(db_open(dst, &opt, &db, &err), 0);
    char v[8];
    assert_int_equal(store_meta_get(db, "k", v, sizeof v, &err), 0);
    assert_string_equal(v, "v");
    assert_int_equal(db_integrity_check(db, &err), 0);
    db_close(db);
    assert_int_equal(db_open("/nonexistent/dir/x.db", &opt, &db, &err), DJ_EIO);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static void job_runs_once_per_period(void **state)
{
    (void)state;
    struct dj_db *db = test_db_open();
    struct dj_err err;
    dj_err_clear(&err);
    bool a, b, c;
    assert_int_equal(store_job_claim(db, "housekeeping", 100, "server-a", &a, &err), 0);
    assert_int_equal(store_job_claim(db, "housekeeping", 100, "server-b", &b, &err), 0);
    assert_int_equal(store_job_claim(db, "housekeeping", 101, "server-b", &c, &err), 0);
    assert_true(a);
    assert_false(b);
    assert_true(c);
    assert_int_equal(store_job_prune(db, 101, &err), 0);
    assert_int_equal(store_job_claim(db, "housekeeping", 100, "server-b", &b, &err), 0);
    assert_true(b);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrations_apply_once),
        cmocka_unit_test(parameters_are_bound_not_spliced),
        cmocka_unit_test(unique_violation_is_conflict),
        cmocka_unit_test(rollback_leaves_nothing),
        cmocka_unit_test(user_list_paging_and_search),
        cmocka_unit_test(backup_is_a_usable_copy),
        cmocka_unit_test(job_runs_once_per_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
