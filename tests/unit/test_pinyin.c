/* util/pinyin: the search keys clerks type — initials and full pinyin, every
 * reading of a polyphonic surname, letters and digits kept, cut at a word. */
#include "testutil.h"

#include "util/pinyin.h"
#include "util/pinyin_table.h"

static void key_is(const char *name, const char *want)
{
    char out[256];
    size_t n = pinyin_search_key(name, out, sizeof out);
    if (strcmp(out, want) != 0)
        fail_msg("key of \"%s\": got \"%s\", want \"%s\"", name, out, want);
    assert_int_equal(n, strlen(want));
}

static void common_names(void **state)
{
    (void)state;
    key_is("张红林", "zhl zhanghonglin");
    key_is("吕思源", "lsy lvsiyuan");
    /* the surname's other readings: 单 is read shàn as a surname, 曾 zēng */
    key_is("单忠", "dz danzhong cz chanzhong sz shanzhong");
    key_is("曾国", "cg cengguo zg zengguo");
    /* only the first character's readings vary: 行 later keeps its main reading */
    key_is("刘行", "lx liuxing");
}

static void letters_digits_and_marks(void **state)
{
    (void)state;
    /* the middle dot of a minority name is no letter */
    key_is("阿依古丽·买买提", "ayglmmt ayigulimaimaiti eyglmmt eyigulimaimaiti");
    key_is("Li Ming 2", "liming2");
    key_is("刘2组", "l2z liu2zu");
    key_is("", "");
    key_is("·。", "");
}

static void cut_at_a_word(void **state)
{
    (void)state;
    char out[12];
    /* "dz danzhong cz ..." : 11 bytes hold "dz danzhong" exactly */
    assert_int_equal(pinyin_search_key("单忠", out, sizeof out), 11);
    assert_string_equal(out, "dz danzhong");
    char tiny[3];
    assert_int_equal(pinyin_search_key("单忠", tiny, sizeof tiny), 2);
    assert_string_equal(tiny, "dz");
    char none[1];
    assert_int_equal(pinyin_search_key("单忠", none, sizeof none), 0);
    assert_string_equal(none, "");
}

static void table_is_sorted_and_readings_toneless(void **state)
{
    (void)state;
    assert_true(dj_pinyin_count > 20000);
    for (int i = 1; i < dj_pinyin_count; i++)
        assert_true(dj_pinyin_table[i - 1].code_point < dj_pinyin_table[i].code_point);
    for (int i = 0; i < dj_pinyin_count; i++)
        for (const char *p = dj_pinyin_table[i].readings; *p; p++)
            assert_true((*p >= 'a' && *p <= 'z') || *p == ',');
    assert_string_equal(pinyin_readings(0x5F20), "zhang");   /* 张 */
    assert_string_equal(pinyin_readings(0x5415), "lv");      /* 吕: ü as v */
    assert_null(pinyin_readings('a'));
    assert_null(pinyin_readings(0x3002));                    /* 。 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_is_sorted_and_readings_toneless),
        cmocka_unit_test(common_names),
        cmocka_unit_test(letters_digits_and_marks),
        cmocka_unit_test(cut_at_a_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
