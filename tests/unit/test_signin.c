/* core/signin's pure parts: the sign-in token (made, checked, refused when
 * altered, of another key or expired) and the lateness rule; io/qr's SVG. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "core/signin.h"
#include "io/qr.h"

static struct dj_secret key_of(unsigned char b)
{
    struct dj_secret k;
    memset(k.key, b, sizeof k.key);
    k.loaded = 1;
    return k;
}

static void token_round_trip_and_expiry(void **state)
{
    (void)state;
    struct dj_secret k = key_of(7);
    struct dj_err err;
    char tok[SIGNIN_TOKEN_MAX];
    int64_t id = 0;
    dj_err_clear(&err);
    assert_int_equal(signin_token_make(&k, 42, 1800000000, tok, &err), 0);
    assert_true(strncmp(tok, "42.1800000000.", 14) == 0);
    assert_int_equal(signin_token_check(&k, tok, 1800000000, &id, &err), 0);
    assert_int_equal(id, 42);
    /* one second after the expiry: refused, and says so */
    dj_err_clear(&err);
    assert_int_equal(signin_token_check(&k, tok, 1800000001, &id, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "过期"));
    assert_int_equal(id, 0);
}

static void altered_or_foreign_tokens(void **state)
{
    (void)state;
    struct dj_secret k = key_of(7), other = key_of(8);
    struct dj_err err;
    char tok[SIGNIN_TOKEN_MAX], bad[SIGNIN_TOKEN_MAX + 8];
    int64_t id;
    dj_err_clear(&err);
    signin_token_make(&k, 42, 1800000000, tok, &err);
    /* another key's token, another meeting, a later expiry, a changed mac: all invalid, not expired */
    dj_err_clear(&err);
    assert_int_equal(signin_token_check(&other, tok, 1700000000, &id, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "无效"));
    snprintf(bad, sizeof bad, "43%s", tok + 2);
    assert_int_equal(signin_token_check(&k, bad, 1700000000, &id, &err), DJ_EINVAL);
    snprintf(bad, sizeof bad, "42.1900000000%s", tok + 13);
    assert_int_equal(signin_token_check(&k, bad, 1700000000, &id, &err), DJ_EINVAL);
    snprintf(bad, sizeof bad, "%s", tok);
    bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'A' ? 'B' : 'A';
    assert_int_equal(signin_token_check(&k, bad, 1700000000, &id, &err), DJ_EINVAL);
    /* malformed */
    static const char *const junk[] = {"", "42", "42.", "42.1800000000", "042.1800000000.x", "-4.1.x", "a.b.c", NULL};
    for (int i = 0; junk[i]; i++) {
        dj_err_clear(&err);
        assert_int_equal(signin_token_check(&k, junk[i], 1700000000, &id, &err), DJ_EINVAL);
    }
    assert_int_equal(signin_token_check(&k, NULL, 1700000000, &id, &err), DJ_EINVAL);
}

static void lateness(void **state)
{
    (void)state;
    /* start 14:30 (870), grace 10: 14:40 is on time, 14:41 late */
    assert_false(signin_late("14:30", 870 + 10, 10));
    assert_true(signin_late("14:30", 870 + 11, 10));
    assert_false(signin_late("14:30", 600, 10));
    assert_true(signin_late("00:00", 1, 0));
    assert_false(signin_late("00:00", 0, 0));
    /* no start time, or a malformed one: never late */
    assert_false(signin_late("", 1439, 0));
    assert_false(signin_late(NULL, 1439, 0));
    assert_false(signin_late("25:00", 1439, 0));
    assert_false(signin_late("1430", 1439, 0));
}

static void qr_as_svg(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    char *svg = NULL;
    assert_int_equal(qr_svg("https://dj.example.cn/signin?t=42.1800000000.abc", &svg, &err), 0);
    assert_non_null(svg);
    assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", 52) == 0);
    assert_non_null(strstr(svg, "<path fill=\"#000\" d=\"M4 4h7v1h-7z")); /* the top-left finder's first row */
    assert_true(strcmp(svg + strlen(svg) - 9, "\"/></svg>") == 0);
    free(svg);
    assert_int_equal(qr_svg("", &svg, &err), DJ_EINVAL);
    assert_null(svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(token_round_trip_and_expiry),
        cmocka_unit_test(altered_or_foreign_tokens),
        cmocka_unit_test(lateness),
        cmocka_unit_test(qr_as_svg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
