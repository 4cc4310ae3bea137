/* static: which content codings an Accept-Encoding header takes (pure). */
#include "testutil.h"

#include "http/static.h"

static void named_codings(void **state)
{
    (void)state;
    assert_true(static_accepts("gzip", "gzip"));
    assert_true(static_accepts("gzip, deflate, br", "br"));
    assert_true(static_accepts("gzip, deflate, br, zstd", "gzip"));
    assert_true(static_accepts("GZIP", "gzip"));
    assert_true(static_accepts("deflate ,  gzip ;q=0.8", "gzip"));
    assert_false(static_accepts("gzip", "br"));
    assert_false(static_accepts("gzipx, xgzip", "gzip"));
    assert_false(static_accepts("", "gzip"));
    assert_false(static_accepts(NULL, "gzip"));
    assert_false(static_accepts("identity", "gzip"));
}

static void quality_zero_refuses(void **state)
{
    (void)state;
    assert_false(static_accepts("gzip;q=0", "gzip"));
    assert_false(static_accepts("br;q=0.000, gzip", "br"));
    assert_true(static_accepts("br;q=0.000, gzip", "gzip"));
    assert_true(static_accepts("gzip;q=0.001", "gzip"));
    assert_true(static_accepts("gzip; q=1", "gzip"));
    assert_true(static_accepts("gzip;level=1;q=0.5", "gzip"));
}

static void star(void **state)
{
    (void)state;
    assert_true(static_accepts("*", "br"));
    assert_false(static_accepts("*;q=0", "gzip"));
    assert_false(static_accepts("gzip;q=0, *", "gzip")); /* a named coding wins over * */
    assert_true(static_accepts("br, *;q=0", "br"));
    assert_false(static_accepts("br, *;q=0", "gzip"));
}

static void mime_types(void **state)
{
    (void)state;
    assert_string_equal(static_mime_type("/assets/index-12345678.js"), "text/javascript; charset=utf-8");
    assert_string_equal(static_mime_type("index.html"), "text/html; charset=utf-8");
    assert_string_equal(static_mime_type("x.unknown"), "application/octet-stream");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(named_codings),
        cmocka_unit_test(quality_zero_refuses),
        cmocka_unit_test(star),
        cmocka_unit_test(mime_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
