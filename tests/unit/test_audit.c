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

static int add_record(int i)
{
    struct dj_actor a;
    actor_system(&a);
    struct dj_err err;
    dj_err_clear(&err);
    json_t *after = json_pack("{s:i}", "n", i);
    int rc = db_begin_write(db, &err) || audit_record(db, &a, "create", "thing", i + 1, 0, NULL, after, &err) ||
             db_commit(db, &err);
    json_decref(after);
    return rc;
}

static int exec_sql(struct dj_db *d, const char *sql)
{
    struct dj_err err;
    dj_err_clear(&err);
    return db_exec_script(d, sql, &err);
}

struct plain_rows {
    struct dj_db *db;
    char prev[65];
    int64_t ids[64];
    char prevs[64][65], hashes[64][65];
    int n;
};

static int plain_row(void *ctx, const struct dj_audit_row *r)
{
    struct plain_rows *p = ctx;
    struct dj_audit_row c = *r;
    snprintf(c.prev_hash, sizeof c.prev_hash, "%s", p->prev);
    audit_hash_plain(&c, p->hashes[p->n]);
    snprintf(p->prevs[p->n], 65, "%s", p->prev);
    p->ids[p->n] = r->id;
    snprintf(p->prev, sizeof p->prev, "%s", p->hashes[p->n]);
    p->n++;
    return 0;
}

/* Rewrites the whole chain with the plain SHA-256 of an old version. */
static int rewrite_plain_chain(struct dj_db *d)
{
    struct plain_rows p = {.db = d, .n = 0};
    memset(p.prev, '0', 64);
    p.prev[64] = '\0';
    struct dj_err err;
    dj_err_clear(&err);
    int rc = store_audit_scan(d, plain_row, &p, &err);
    for (int i = 0; !rc && i < p.n; i++)
        rc = store_audit_set_hashes(d, p.ids[i], p.prevs[i], p.hashes[i], &err);
    return rc || store_audit_head_set_hash(d, p.prev, &err);
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

/* One record with its chain fields, for the hash tests. */
static void sample_row(struct dj_audit_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = 1;
    strcpy(r->at, "2026-01-01T00:00:00.000Z");
    strcpy(r->username, "admin");
    strcpy(r->action, "create");
    strcpy(r->object_type, "user");
    strcpy(r->prev_hash, "00");
}

static void hash_covers_every_field(void **state)
{
    (void)state;
    struct dj_audit_row r;
    sample_row(&r);
    char h1[65], h2[65];
    assert_int_equal(audit_hash(&r, h1, NULL), 0);
    r.object_id = 2;
    assert_int_equal(audit_hash(&r, h2, NULL), 0);
    assert_string_not_equal(h1, h2);
    r.object_id = 0;
    strcpy(r.username, "admim");
    assert_int_equal(audit_hash(&r, h2, NULL), 0);
    assert_string_not_equal(h1, h2);
    strcpy(r.username, "admin");
    assert_int_equal(audit_hash(&r, h2, NULL), 0);
    assert_string_equal(h1, h2);
}

/* The chain is keyed: whoever edits a record and recomputes the plain
 * SHA-256 (or a hash under another key) of it and of every record after it
 * is still found out; a chain recomputed under the right key passes. */
static void chain_is_keyed(void **state)
{
    (void)state;
    struct dj_audit_row r;
    sample_row(&r);
    char h1[65], h2[65], plain[65];
    assert_int_equal(audit_hash(&r, h1, NULL), 0);
    /* not the plain SHA-256 of the same fields, which anyone can compute */
    audit_hash_plain(&r, plain);
    assert_string_not_equal(h1, plain);
    struct dj_secret other;
    memset(&other, 0, sizeof other);
    memset(other.key, 0x17, sizeof other.key);
    secret_mac_key_set(&other);
    assert_int_equal(audit_hash(&r, h2, NULL), 0);
    assert_string_not_equal(h1, h2);
    test_mac_key();
    assert_int_equal(audit_hash(&r, h2, NULL), 0);
    assert_string_equal(h1, h2);
}

/* A chain written with the old plain hash is reported as such, re-keyed by
 * audit_rechain only when it is sound, and sound afterwards. */
static void old_chain_is_rechained_only_when_sound(void **state)
{
    (void)state;
    struct dj_db *d = test_db_open();
    struct dj_db *saved = db;
    db = d;
    struct dj_err err;
    dj_err_clear(&err);
    for (int i = 0; i < 3; i++)
        assert_int_equal(add_record(i), 0);
    /* rewrite the chain as plain SHA-256 v1, as an old version wrote it */
    assert_int_equal(rewrite_plain_chain(d), 0);
    int64_t count = 0;
    assert_int_not_equal(audit_verify(d, &count, &err), 0);
    assert_non_null(strstr(err.message, "不带密钥"));
    /* a server started on the upgraded database adds keyed records after the old ones */
    assert_int_equal(add_record(3), 0);
    dj_err_clear(&err);
    assert_int_equal(db_begin_write(d, &err), 0);
    assert_int_equal(audit_rechain(d, &count, &err), 0);
    assert_int_equal(db_commit(d, &err), 0);
    assert_int_equal(count, 4);
    dj_err_clear(&err);
    assert_int_equal(audit_verify(d, &count, &err), 0);
    /* an edited plain chain is refused, and nothing is rewritten */
    assert_int_equal(rewrite_plain_chain(d), 0);
    assert_int_equal(exec_sql(d, "UPDATE audit SET action = 'forged' WHERE id = 2"), 0);
    dj_err_clear(&err);
    assert_int_equal(db_begin_write(d, &err), 0);
    assert_int_not_equal(audit_rechain(d, &count, &err), 0);
    db_rollback(d);
    dj_err_clear(&err);
    assert_int_not_equal(audit_verify(d, &count, &err), 0);
    /* a keyed record followed by a plain one is no upgrade: refused */
    assert_int_equal(db_exec_script(d, "UPDATE audit SET action = 'create' WHERE id = 2", &err), 0);
    assert_int_equal(rewrite_plain_chain(d), 0);
    assert_int_equal(db_begin_write(d, &err), 0);
    assert_int_equal(audit_rechain(d, &count, &err), 0);
    assert_int_equal(db_commit(d, &err), 0);
    assert_int_equal(add_record(9), 0);
    assert_int_equal(exec_sql(d, "UPDATE audit SET after_json = '{\"n\":7}' WHERE id = 5"), 0);
    dj_err_clear(&err);
    assert_int_equal(db_begin_write(d, &err), 0);
    assert_int_not_equal(audit_rechain(d, &count, &err), 0);
    db_rollback(d);
    db = saved;
    db_close(d);
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
        cmocka_unit_test(chain_is_keyed),
        cmocka_unit_test(old_chain_is_rechained_only_when_sound),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
