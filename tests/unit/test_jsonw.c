/* util/jsonw: strings escaped exactly as jansson dumps them (with the
 * server's flags), records written as jansson writes the same object. */
#include "testutil.h"

#include <jansson.h>

#include "util/jsonw.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY)

static void same_as_jansson(const char *s)
{
    json_t *j = json_string(s);
    assert_non_null(j);
    char *want = json_dumps(j, DUMP_FLAGS);
    json_decref(j);
    struct dj_buf b = DJ_BUF_INIT;
    assert_int_equal(jsonw_escape(&b, s, strlen(s)), 0);
    if (strcmp(b.data, want) != 0)
        fail_msg("escaping differs for \"%s\": jsonw %s, jansson %s", s, b.data, want);
    free(want);
    dj_buf_free(&b);
}

static void every_ascii_character(void **state)
{
    (void)state;
    for (int c = 1; c < 0x80; c++) {
        char s[4] = {'a', (char)c, 'z', 0};
        same_as_jansson(s);
        char one[2] = {(char)c, 0};
        same_as_jansson(one);
    }
}

static void chosen_strings(void **state)
{
    (void)state;
    static const char *const strings[] = {
        "", "plain", "王建国", "示范县财政局第一党支部", "line\nbreak\r\n\ttab", "\b\f\x01\x1f\x7f",
        "quote \" and back\\slash", "slash / stays", "\xe2\x80\xa8 and \xe2\x80\xa9 (U+2028, U+2029)",
        "emoji \xf0\x9f\x98\x80 and \xf4\x8f\xbf\xbf (U+10FFFF)", "\xef\xbb\xbf BOM, \xef\xbf\xbf U+FFFF",
        "\xc2\x80 U+0080 \xdf\xbf U+07FF \xe0\xa0\x80 U+0800", "</script><!--", "\\u0000 is text",
        "ends in a backslash\\", "\"", "\\", "=cmd|' /C calc'!A0", "a\x1b[31mred",
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        same_as_jansson(strings[i]);
}

/* Random valid UTF-8 of code points across every length, control characters included. */
static void random_strings(void **state)
{
    (void)state;
    unsigned seed = 19;
    for (int n = 0; n < 3000; n++) {
        char s[256];
        size_t len = 0;
        int count = (int)(rand_r(&seed) % 40);
        for (int k = 0; k < count; k++) {
            unsigned r = (unsigned)rand_r(&seed);
            unsigned cp;
            switch (r % 5) {
            case 0: cp = 1 + r / 5 % 0x7f; break;
            case 1: cp = 1 + r / 5 % 0x20; break;
            case 2: cp = 0x80 + r / 5 % 0x780; break;
            case 3: cp = 0x800 + r / 5 % 0xf800; break;
            default: cp = 0x10000 + r / 5 % 0x100000; break;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0x2028;
            if (cp < 0x80) {
                s[len++] = (char)cp;
            } else if (cp < 0x800) {
                s[len++] = (char)(0xC0 | cp >> 6);
                s[len++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                s[len++] = (char)(0xE0 | cp >> 12);
                s[len++] = (char)(0x80 | (cp >> 6 & 0x3F));
                s[len++] = (char)(0x80 | (cp & 0x3F));
            } else {
                s[len++] = (char)(0xF0 | cp >> 18);
                s[len++] = (char)(0x80 | (cp >> 12 & 0x3F));
                s[len++] = (char)(0x80 | (cp >> 6 & 0x3F));
                s[len++] = (char)(0x80 | (cp & 0x3F));
            }
        }
        s[len] = '\0';
        same_as_jansson(s);
    }
}

static void bad_utf8_stays_json(void **state)
{
    (void)state;
    struct dj_buf b = DJ_BUF_INIT;
    const char bad[] = "a\xff" "b\xc3" "\xed\xa0\x80";
    assert_null(json_string(bad)); /* jansson refuses it */
    assert_int_equal(jsonw_escape(&b, bad, strlen(bad)), 0);
    json_error_t e;
    json_t *back = json_loads(b.data, JSON_DECODE_ANY, &e);
    assert_non_null(back);
    assert_string_equal(json_string_value(back), "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    json_decref(back);
    dj_buf_free(&b);
}

static void a_record_as_jansson_writes_it(void **state)
{
    (void)state;
    json_t *want = json_pack("{s:[{s:I, s:s, s:o, s:o, s:b, s:s}, {s:I, s:s, s:o, s:o, s:b, s:s}], s:I}",
                             "items", "id", (json_int_t)1, "name", "王\n\"一\"", "branch_id",
                             json_integer(4), "group", json_null(), "ok", 1, "d", "2026-01-02",
                             "id", (json_int_t)-9223372036854775807LL, "name", "", "branch_id",
                             json_null(), "group", json_string("\xe2\x80\xa8"), "ok", 0, "d", "",
                             "total", (json_int_t)2);
    char *text = json_dumps(want, DUMP_FLAGS);
    json_decref(want);
    struct dj_buf b = DJ_BUF_INIT;
    struct jsonw w;
    jsonw_init(&w, &b);
    jsonw_begin_object(&w);
    jsonw_key(&w, "items");
    jsonw_begin_array(&w);
    jsonw_begin_object(&w);
    jsonw_kv_int(&w, "id", 1);
    jsonw_kv_string(&w, "name", "王\n\"一\"");
    jsonw_kv_opt_int(&w, "branch_id", 4);
    jsonw_kv_opt_string(&w, "group", "");
    jsonw_kv_bool(&w, "ok", true);
    jsonw_kv_string(&w, "d", "2026-01-02");
    jsonw_end_object(&w);
    jsonw_begin_object(&w);
    jsonw_kv_int(&w, "id", -9223372036854775807LL);
    jsonw_kv_string(&w, "name", "");
    jsonw_kv_opt_int(&w, "branch_id", 0);
    jsonw_kv_opt_string(&w, "group", "\xe2\x80\xa8");
    jsonw_kv_bool(&w, "ok", false);
    jsonw_kv_string(&w, "d", "");
    jsonw_end_object(&w);
    jsonw_end_array(&w);
    jsonw_kv_int(&w, "total", 2);
    assert_int_equal(jsonw_end_object(&w), 0);
    assert_string_equal(b.data, text);
    free(text);
    dj_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_ascii_character), cmocka_unit_test(chosen_strings),
        cmocka_unit_test(random_strings), cmocka_unit_test(bad_utf8_stays_json),
        cmocka_unit_test(a_record_as_jansson_writes_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
