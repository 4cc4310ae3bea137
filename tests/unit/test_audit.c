/* The audit chain: records are linked by hash, and verification finds an
 * edited, a deleted and an inserted record. */
#include "testutil.h"

#include "core/audit.h"

static struct dj_db *db;

static int setup(void **state)
{
    (void)state;
    test_quiet();
    db = test_db_open();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    return 0;
}

static void write_records(int n)
{
    struct dj_actor a;
    actor_system(&a);
    struct dj_err err;
    dj_err_clear(&err);
    for (int i = 0; i < n; i++) {
        assert_int_equal(db_begin_write(db, &err), 0);
        json_t *after = json_pack("{s:i, s:s}", "n", i, "name", "党员名册");
        assert_int_equal(audit_record(db, &a, "create", "thing", i + 1, 0, NULL, after, &err), 0);
        json_decref(after);
        assert_int_equal(db_commit(db, &err), 0);
    }
}

static int verify(struct dj_err *err)
{
    int64_t count;
    dj_err_clear(err);
    return audit_verify(db, &count, err);
}

static void empty_chain_is_sound(void **state)
{
    (void)state;
    struct dj_err err;
    int64_t count = -1;
    assert_int_equal(audit_verify(db, &count, &err), 0);
    assert_int_equal(count, 0);
}

static void chain_of_records_is_sound(void **state)
{
    (void)state;
    write_records(5);
    struct dj_err err;
    int64_t count;
    assert_int_equal(audit_verify(db, &count, &err), 0);
    assert_int_equal(count, 5);
}

static void rolled_back_record_leaves_no_gap(void **state)
{
    (void)state;
    struct dj_actor a;
    actor_system(&a);
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(db_begin_write(db, &err), 0);
    assert_int_equal(audit_record(db, &a, "update", "thing", 1, 0, NULL, NULL, &err), 0);
    db_rollback(db);
    write_records(1);
    assert_int_equal(verify(&err), 0);
}

static void edited_record_is_named(void **state)
{
    (void)state;
    struct dj_err err;
    assert_int_equal(db_exec_script(db, "UPDATE audit SET after_json = '{\"n\":99}' WHERE id = 3", &err), 0);
    assert_int_equal(verify(&err), DJ_ECONFLICT);
    assert_non_null(strstr(err.message, "#3"));
}

static void deleted_middle_record_is_named(void **state)
{
    (void)state;
    struct dj_err err;
    test_quiet();
    struct dj_db *d = test_db_open();
    struct dj_db *saved = db;
    db = d;
    write_records(4);
    assert_int_equal(db_exec_script(db, "DELETE FROM audit WHERE id = 2", &err), 0);
    assert_int_equal(verify(&err), DJ_ECONFLICT);
    assert_non_null(strstr(err.message, "#2"));
    db = saved;
    db_close(d);
}

static void deleted_last_record_is_found(void **state)
{
    (void)state;
    struct dj_err err;
    struct dj_db *d = test_db_open();
    struct dj_db *saved = db;
    db = d;
    write_records(3);
    assert_int_equal(db_exec_script(db, "DELETE FROM audit WHERE id = 3", &err), 0);
    assert_int_equal(verify(&err), DJ_ECONFLICT);
    assert_non_null(strstr(err.message, "#3"));
    db = saved;
    db_close(d);
}

static void recomputed_hash_still_breaks_the_next_link(void **state)
{
    (void)state;
    struct dj_err err;
    struct dj_db *d = test_db_open();
    struct dj_db *saved = db;
    db = d;
    write_records(3);
    /* a forger rewrites record 2 and its own hash: record 3 no longer links */
    assert_int_equal(db_exec_script(db, "UPDATE audit SET action = 'delete', hash = 'ab' WHERE id = 2", &err), 0);
    assert_int_equal(verify(&err), DJ_ECONFLICT);
    assert_non_null(strstr(err.message, "#2"));
    db = saved;
    db_close(d);
}

static void hash_covers_every_field(void **state)
{
    (void)state;
    struct dj_audit_row r;
    memset(&r, 0, sizeof r);
    r.id = 1;
    strcpy(r.at, "2026-01-01T00:00:00.000Z");
    strcpy(r.username, "admin");
    strcpy(r.action, "create");
    strcpy(r.object_type, "user");
    strcpy(r.prev_hash, "00");
    char h1[65], h2[65];
    audit_hash(&r, h1);
    r.object_id = 2;
    audit_hash(&r, h2);
    assert_string_not_equal(h1, h2);
    r.object_id = 0;
    strcpy(r.username, "admim");
    audit_hash(&r, h2);
    assert_string_not_equal(h1, h2);
    strcpy(r.username, "admin");
    audit_hash(&r, h2);
    assert_string_equal(h1, h2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_chain_is_sound),
        cmocka_unit_test(chain_of_records_is_sound),
        cmocka_unit_test(rolled_back_record_leaves_no_gap),
        cmocka_unit_test(edited_record_is_named),
        cmocka_unit_test(deleted_middle_record_is_named),
        cmocka_unit_test(deleted_last_record_is_found),
        cmocka_unit_test(recomputed_hash_still_breaks_the_next_link),
        cmocka_unit_test(hash_covers_every_field),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
