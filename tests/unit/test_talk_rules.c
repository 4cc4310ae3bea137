#include "testutil.h"

#include "core/secret.h"
#include "core/talk_rules.h"

static void young_is_under_35_on_the_day(void **state)
{
    (void)state;
    assert_true(talk_under_age("1991-07-01", "2026-06-30", 35));
    assert_false(talk_under_age("1991-07-01", "2026-07-01", 35));
    assert_false(talk_under_age("1980-01-01", "2026-07-01", 35));
    assert_true(talk_under_age("1992-02-29", "2027-02-28", 35));
    assert_false(talk_under_age("1992-02-29", "2027-03-01", 35));
    assert_false(talk_under_age("", "2026-07-01", 35));
}

static void relation_by_the_person_talked_with(void **state)
{
    (void)state;
    assert_int_equal(talk_relation_of(true, "1995-01-01", "2026-05-01"), TALK_REL_LEADERS);
    assert_int_equal(talk_relation_of(false, "1995-01-01", "2026-05-01"), TALK_REL_YOUNG);
    assert_int_equal(talk_relation_of(false, "1975-01-01", "2026-05-01"), TALK_REL_MEMBERS);
    assert_string_equal(talk_relation_code(TALK_REL_YOUNG), "young_cadres");
}

static void months_clamp_to_the_last_day(void **state)
{
    (void)state;
    char out[11];
    talk_add_months("2026-01-31", 1, out);
    assert_string_equal(out, "2026-02-28");
    talk_add_months("2027-11-30", 3, out);
    assert_string_equal(out, "2028-02-29");
    talk_add_months("2026-10-15", 3, out);
    assert_string_equal(out, "2027-01-15");
}

static void kinds_and_roles(void **state)
{
    (void)state;
    assert_true(talk_kind_known("诫勉谈话", ""));
    assert_false(talk_kind_known("离任谈话", ""));
    assert_true(talk_kind_known("离任谈话", "廉政谈话\r\n离任谈话\n"));
    assert_false(talk_kind_known("", "a\n\nb"));
    assert_true(talk_role_listed("discipline, party_admin", "party_admin"));
    assert_false(talk_role_listed("discipline", "party"));
    assert_false(talk_role_listed("", "member"));
}

/* A talk's content is sealed with a key of its own: the key file's key does
 * not open it, the same subkey derived again does, another context does not. */
static void content_has_its_own_subkey(void **state)
{
    (void)state;
    struct dj_secret k, sub, again, other;
    struct dj_err err;
    memset(&k, 0, sizeof k);
    assert_int_equal(dj_crypto_init(&err), 0);
    randombytes_buf(k.key, sizeof k.key);
    k.loaded = 1;
    assert_int_equal(secret_subkey(&k, SECRET_CTX_TALKS, &sub, &err), 0);
    assert_int_equal(secret_subkey(&k, SECRET_CTX_TALKS, &again, &err), 0);
    assert_int_equal(secret_subkey(&k, "djother_", &other, &err), 0);
    assert_memory_not_equal(sub.key, k.key, sizeof k.key);
    char *sealed, *plain;
    assert_int_equal(secret_seal(&sub, "谈话要点", &sealed, &err), 0);
    assert_int_equal(secret_open(&k, sealed, &plain, &err), DJ_EINVAL);
    assert_int_equal(secret_open(&other, sealed, &plain, &err), DJ_EINVAL);
    assert_int_equal(secret_open(&again, sealed, &plain, &err), 0);
    assert_string_equal(plain, "谈话要点");
    free(plain);
    free(sealed);
    assert_int_equal(secret_subkey(&k, "short", &other, &err), DJ_EINTERNAL);
    struct dj_secret none = {.loaded = 0};
    assert_int_equal(secret_subkey(&none, SECRET_CTX_TALKS, &other, &err), DJ_EINTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(young_is_under_35_on_the_day),
        cmocka_unit_test(relation_by_the_person_talked_with),
        cmocka_unit_test(months_clamp_to_the_last_day),
        cmocka_unit_test(kinds_and_roles),
        cmocka_unit_test(content_has_its_own_subkey),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
