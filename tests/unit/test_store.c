/* The store: migrations, bound parameters, errors, transactions, backup, the per-thread pool. */
#include "testutil.h"

#include <pthread.h>
#include <unistd.h>

#include "store/jobs.h"
#include "store/pool.h"
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
    assert_int_equal(store_user_list(db, NULL, 0, NULL, true, 5, 10, &l, &err), 0);
    assert_int_equal(l.total, 12);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].username, "user10");
    store_user_list_free(&l);
    /* LIKE wildcards in q match literally */
    assert_int_equal(store_user_list(db, "_百%", 0, NULL, true, 50, 0, &l, &err), 0);
    assert_int_equal(l.total, 1);
    assert_string_equal(l.items[0].username, "user05");
    store_user_list_free(&l);
    assert_int_equal(store_user_list(db, "%", 0, NULL, true, 50, 0, &l, &err), 0);
    assert_int_equal(l.total, 1);
    store_user_list_free(&l);
    assert_int_equal(store_user_list(db, "党员", 0, NULL, true, 50, 0, &l, &err), 0);
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

struct pool_take {
    struct dj_db_pool *pool;
    struct dj_db *first, *second;
    int rc;
};

static void *pool_take_twice(void *arg)
{
    struct pool_take *t = arg;
    struct dj_err err;
    dj_err_clear(&err);
    t->rc = db_pool_thread_db(t->pool, &t->first, &err) || db_pool_thread_db(t->pool, &t->second, &err);
    return NULL;
}

/* the pool gives each thread its own connection, the same one every time,
 * and two pools never hand out each other's; closing closes them all (ASan
 * would report a leak otherwise) */
static void pool_one_connection_per_thread(void **state)
{
    (void)state;
    test_quiet();
    char dir[] = "/tmp/dj-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/pool.db", dir);
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_db_options opt = {.busy_timeout_ms = 1000, .create = true};
    struct dj_db_pool *p1, *p2;
    assert_int_equal(db_pool_open(path, &opt, &p1, &err), 0);
    assert_int_equal(db_pool_open(path, &opt, &p2, &err), 0);
    struct dj_db *a, *b, *c;
    assert_int_equal(db_pool_thread_db(p1, &a, &err), 0);
    assert_int_equal(migrations_apply(a, NULL, &err), 0);
    assert_int_equal(db_pool_thread_db(p1, &b, &err), 0);
    assert_ptr_equal(a, b);
    assert_int_equal(db_pool_thread_db(p2, &c, &err), 0);
    assert_ptr_not_equal(a, c);
    struct pool_take t = {.pool = p1};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, pool_take_twice, &t), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(t.rc, 0);
    assert_ptr_equal(t.first, t.second);
    assert_ptr_not_equal(t.first, a);
    /* the other thread's connection works after that thread ended */
    assert_int_equal(store_meta_set(t.first, "k", "v", &err), 0);
    char v[8];
    assert_int_equal(store_meta_get(a, "k", v, sizeof v, &err), 0);
    assert_string_equal(v, "v");
    db_pool_close(p2);
    db_pool_close(p1);
    /* a database that cannot be opened is "unavailable", not a crash */
    opt.create = false;
    assert_int_equal(db_pool_open("/nonexistent/dir/x.db", &opt, &p1, &err), 0);
    assert_int_equal(db_pool_thread_db(p1, &a, &err), DJ_EUNAVAILABLE);
    db_pool_close(p1);
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
    /* pruning goes by the claim's age, whatever the job's period numbers */
    assert_int_equal(store_job_claim(db, "warnings:1", 898000000, "server-a", &c, &err), 0);
    assert_int_equal(store_job_prune(db, "2000-01-01T00:00:00Z", &err), 0);
    assert_int_equal(store_job_claim(db, "warnings:1", 898000000, "server-b", &b, &err), 0);
    assert_false(b); /* kept: made just now */
    assert_int_equal(store_job_prune(db, "2999-01-01T00:00:00Z", &err), 0);
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
        cmocka_unit_test(pool_one_connection_per_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
