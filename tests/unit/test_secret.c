/* Sealing confidential fields with the key file. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

static void seal_and_open(void **state)
{
    (void)state;
    test_quiet();
    char dir[] = "/tmp/dj-key-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[96];
    snprintf(path, sizeof path, "%s/k", dir);
    struct dj_secret k, k2, other;
    struct dj_err err;
    assert_int_equal(secret_create(path, &k, &err), 0);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(secret_create(path, &k2, &err), DJ_ECONFLICT); /* never overwritten */
    assert_int_equal(secret_load(path, &k2, &err), 0);
    char *a, *b, *plain;
    assert_int_equal(secret_seal(&k, "410102199001011234", &a, &err), 0);
    assert_int_equal(secret_seal(&k, "410102199001011234", &b, &err), 0);
    assert_string_not_equal(a, b); /* fresh nonce each time */
    assert_null(strstr(a, "4101"));
    assert_int_equal(secret_open(&k2, a, &plain, &err), 0);
    assert_string_equal(plain, "410102199001011234");
    free(plain);
    /* another key cannot open it; a changed byte is detected */
    char path2[96];
    snprintf(path2, sizeof path2, "%s/k2", dir);
    assert_int_equal(secret_create(path2, &other, &err), 0);
    assert_int_equal(secret_open(&other, a, &plain, &err), DJ_EINVAL);
    a[10] = a[10] == 'A' ? 'B' : 'A';
    assert_int_equal(secret_open(&k, a, &plain, &err), DJ_EINVAL);
    assert_int_equal(secret_open(&k, "plain text", &plain, &err), DJ_EINVAL);
    free(a);
    free(b);
    /* a key readable by others is refused */
    chmod(path, 0644);
    assert_int_equal(secret_load(path, &k2, &err), DJ_EINVAL);
    unlink(path);
    assert_int_equal(secret_load(path, &k2, &err), DJ_ENOTFOUND);
    unlink(path2);
    rmdir(dir);
}

static void probe_tells_matching_key(void **state)
{
    (void)state;
    struct dj_db *db = test_db_open();
    struct dj_secret k = {.loaded = 1}, wrong = {.loaded = 1};
    memset(k.key, 1, sizeof k.key);
    memset(wrong.key, 2, sizeof wrong.key);
    struct dj_err err;
    assert_int_equal(secret_verify_probe(db, &k, &err), DJ_ENOTFOUND);
    assert_int_equal(secret_store_probe(db, &k, &err), 0);
    assert_int_equal(secret_verify_probe(db, &k, &err), 0);
    assert_int_equal(secret_verify_probe(db, &wrong, &err), DJ_EINVAL);
    db_close(db);
}

static void tokens_and_hashes(void **state)
{
    (void)state;
    char t1[64], t2[64], h[65];
    secret_random_token(t1, 44, 32);
    secret_random_token(t2, sizeof t2, 32);
    assert_int_equal(strlen(t1), 43);
    char small[8];
    secret_random_token(small, sizeof small, 32); /* shortened, never overflowing */
    assert_true(strlen(small) < sizeof small);
    assert_string_not_equal(t1, t2);
    secret_sha256_hex("abc", 3, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The MAC key is replaced cleanly and wiped.  (That it sits in locked memory
 * cannot be seen here: AddressSanitizer turns mlock into a no-op.) */
static void mac_key_replaced_and_wiped(void **state)
{
    (void)state;
    struct dj_secret a = {.loaded = 1}, b = {.loaded = 1};
    memset(a.key, 7, sizeof a.key);
    memset(b.key, 9, sizeof b.key);
    struct dj_err err;
    char ha[65], hb[65], again[65];
    secret_mac_key_wipe();
    assert_false(secret_mac_ready());
    assert_int_equal(secret_mac_hex("x", 1, ha, &err), DJ_EINTERNAL);
    secret_mac_key_set(&a);
    assert_true(secret_mac_ready());
    assert_int_equal(secret_mac_hex("x", 1, ha, &err), 0);
    secret_mac_key_set(&b); /* replaced: the new key is the one in use */
    assert_int_equal(secret_mac_hex("x", 1, hb, &err), 0);
    assert_string_not_equal(ha, hb);
    secret_mac_key_set(&a);
    assert_int_equal(secret_mac_hex("x", 1, again, &err), 0);
    assert_string_equal(ha, again);
    /* wiped: no keyed hash until a key is set again */
    secret_mac_key_wipe();
    assert_false(secret_mac_ready());
    assert_int_equal(secret_mac_hex("x", 1, again, &err), DJ_EINTERNAL);
    secret_mac_key_wipe(); /* twice is harmless */
    secret_mac_key_set(&b);
    assert_int_equal(secret_mac_hex("x", 1, again, &err), 0);
    assert_string_equal(hb, again);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seal_and_open), cmocka_unit_test(probe_tells_matching_key),
        cmocka_unit_test(tokens_and_hashes), cmocka_unit_test(mac_key_replaced_and_wiped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
