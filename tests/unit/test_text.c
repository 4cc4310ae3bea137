#include "testutil.h"

#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"

static void utf8_validation(void **state)
{
    (void)state;
    assert_true(dj_utf8_valid("abc", 3));
    assert_true(dj_utf8_valid("党建", strlen("党建")));
    assert_true(dj_utf8_valid("\xF0\x9F\x98\x80", 4));       /* emoji */
    assert_false(dj_utf8_valid("\xC0\xAF", 2));              /* overlong */
    assert_false(dj_utf8_valid("\xE0\x80\xAF", 3));          /* overlong */
    assert_false(dj_utf8_valid("\xED\xA0\x80", 3));          /* surrogate */
    assert_false(dj_utf8_valid("\xF4\x90\x80\x80", 4));      /* above U+10FFFF */
    assert_false(dj_utf8_valid("\xE5\x85", 2));              /* truncated */
    assert_false(dj_utf8_valid("\xFF", 1));
    assert_false(dj_utf8_valid("a\0b", 3));                  /* embedded NUL */
    assert_false(dj_utf8_valid("\xB5\xB3", 2));              /* GBK bytes of 党 */
    assert_int_equal(dj_utf8_length("党建abc"), 5);
}

static void percent_decoding(void **state)
{
    (void)state;
    char *s = dj_percent_decode("a%20b+c", 7, true);
    assert_string_equal(s, "a b c");
    free(s);
    s = dj_percent_decode("%E5%85%9A", 9, false);
    assert_string_equal(s, "党");
    free(s);
    assert_null(dj_percent_decode("%4", 2, false));
    assert_null(dj_percent_decode("%", 1, false));
    assert_null(dj_percent_decode("%zz", 3, false));
    assert_null(dj_percent_decode("a%00b", 5, false));
}

static void integers(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(dj_parse_int64("42", &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(dj_parse_int64("-7", &v), 0);
    assert_int_equal(v, -7);
    assert_int_equal(dj_parse_int64("", &v), -1);
    assert_int_equal(dj_parse_int64("4x", &v), -1);
    assert_int_equal(dj_parse_int64("99999999999999999999", &v), -1);
}

static void constant_time_equal(void **state)
{
    (void)state;
    assert_true(dj_str_equal_ct("abc", "abc"));
    assert_false(dj_str_equal_ct("abc", "abd"));
    assert_false(dj_str_equal_ct("abc", "abcd"));
    assert_false(dj_str_equal_ct("", "a"));
}

static void buffers(void **state)
{
    (void)state;
    struct dj_buf b = DJ_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        assert_int_equal(dj_buf_printf(&b, "%d,", i), 0);
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    assert_int_equal(b.data[b.len], '\0');
    char *taken = dj_buf_take(&b);
    assert_null(b.data);
    free(taken);
    dj_buf_free(&b);
}

static void growing_arrays(void **state)
{
    (void)state;
    int *a = NULL, cap = 0;
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(dj_grow((void **)&a, &cap, i, sizeof *a), 0);
        a[i] = i;
    }
    assert_true(cap >= 1000);
    assert_int_equal(a[999], 999);
    free(a);
}

static void errors(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(dj_err_set(&err, DJ_ENOTFOUND, "没有 %d", 3), DJ_ENOTFOUND);
    assert_string_equal(err.message, "没有 3");
    dj_err_clear(&err);
    assert_int_equal(dj_err_field(&err, "name", "必填"), DJ_EINVAL);
    assert_int_equal(dj_err_field(&err, "phone", "格式错误"), DJ_EINVAL);
    assert_int_equal(err.nfields, 2);
    assert_string_equal(err.fields[1].name, "phone");
    assert_string_equal(dj_code_name(DJ_ERATELIMIT), "rate_limited");
    assert_string_equal(dj_code_name(DJ_EDB), "internal");
    assert_int_equal(dj_err_set(NULL, DJ_EIO, "x"), DJ_EIO);
}

static void utf8_trimming(void **state)
{
    (void)state;
    char s[16];
    strcpy(s, "党建\xE5\x85");
    dj_utf8_trim_partial(s);
    assert_string_equal(s, "党建");
    strcpy(s, "ab\xE5");
    dj_utf8_trim_partial(s);
    assert_string_equal(s, "ab");
    strcpy(s, "党建");
    dj_utf8_trim_partial(s);
    assert_string_equal(s, "党建");
    strcpy(s, "\xF0\x9F\x98");
    dj_utf8_trim_partial(s);
    assert_string_equal(s, "");
}

static void hundredths(void **state)
{
    (void)state;
    int64_t v;
    static const struct {
        const char *in;
        int64_t out;
    } good[] = {{"87", 8700},    {"87.5", 8750},   {"87.50", 8750}, {"87.500", 8750},
                {" 90 ", 9000},  {"-3.25", -325},  {"0.01", 1},     {".5", 50},
                {"5.", 500},     {"+1.1", 110},    {"0", 0}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        assert_int_equal(dj_parse_centi(good[i].in, &v), 0);
        assert_int_equal(v, good[i].out);
    }
    static const char *const bad[] = {"", " ", ".", "87.505", "8a", "1e3", "--1", "1.2.3",
                                      "999999999999999", NULL};
    for (int i = 0; bad[i]; i++)
        assert_int_equal(dj_parse_centi(bad[i], &v), -1);
    assert_int_equal(dj_parse_centi(NULL, &v), -1);
    char buf[32];
    dj_format_centi(8750, buf, sizeof buf);
    assert_string_equal(buf, "87.50");
    dj_format_centi(-5, buf, sizeof buf);
    assert_string_equal(buf, "-0.05");
    dj_format_centi(INT64_MIN, buf, sizeof buf);
    assert_string_equal(buf, "-92233720368547758.08");
}

static void url_redaction(void **state)
{
    (void)state;
    char out[256];
    dj_url_redact("postgresql://dj:s3cret@db.example/dangjian", out, sizeof out);
    assert_string_equal(out, "postgresql://dj:***@db.example/dangjian");
    assert_null(strstr(out, "s3cret"));
    dj_url_redact("postgresql://dj@db/x", out, sizeof out);
    assert_string_equal(out, "postgresql://dj@db/x");
    dj_url_redact("postgresql://db/x?user=a&password=zz", out, sizeof out);
    assert_null(strstr(out, "zz"));
    dj_url_redact("var/dangjian.db", out, sizeof out);
    assert_string_equal(out, "var/dangjian.db");
}

static void query_for_log(void **state)
{
    (void)state;
    char out[96] = "";
    dj_query_log_append(out, sizeof out, "limit", "50");
    dj_query_log_append(out, sizeof out, "q", "张 三&x=1");
    dj_query_log_append(out, sizeof out, "Password", "hunter2");
    dj_query_log_append(out, sizeof out, "csrf_token", "abc");
    dj_query_log_append(out, sizeof out, "id_number", "110101199003077777");
    assert_string_equal(out, "?limit=50&q=张%20三%26x%3D1&Password=***&csrf_token=***&id_number=***");
    assert_null(strstr(out, "hunter2"));
    assert_true(dj_query_name_secret("api_key"));
    assert_true(dj_query_name_secret("SESSION"));
    assert_false(dj_query_name_secret("branch_id"));
    /* a new line in a value cannot start a forged log line */
    char line[64] = "";
    dj_query_log_append(line, sizeof line, "q", "a\n2026 INFO access x");
    assert_null(strchr(line, '\n'));
    assert_string_equal(line, "?q=a%0A2026%20INFO%20access%20x");
    /* what does not fit is dropped and marked, never cut mid-value */
    char small[24] = "";
    dj_query_log_append(small, sizeof small, "a", "1");
    dj_query_log_append(small, sizeof small, "long", "0123456789012345678");
    assert_string_equal(small, "?a=1\xe2\x80\xa6");
    dj_query_log_append(small, sizeof small, "b", "2");
    assert_string_equal(small, "?a=1\xe2\x80\xa6");
    assert_true(dj_utf8_valid(small, strlen(small)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_validation), cmocka_unit_test(percent_decoding),
        cmocka_unit_test(integers), cmocka_unit_test(constant_time_equal),
        cmocka_unit_test(buffers), cmocka_unit_test(errors), cmocka_unit_test(growing_arrays), cmocka_unit_test(url_redaction),
        cmocka_unit_test(utf8_trimming), cmocka_unit_test(hundredths), cmocka_unit_test(query_for_log),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
