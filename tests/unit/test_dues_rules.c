#include "testutil.h"

#include "core/dues_rules.h"

/* fen of a base in yuan with two places, e.g. Y(3000, 1) = 3000.01 yuan */
#define Y(yuan, fen) ((int64_t)(yuan) * 100 + (fen))

static int64_t serving(const struct dues_rules *r, int64_t base)
{
    return dues_monthly_fen(r, DUES_SERVING, base);
}

/* Every edge of the serving brackets, one rate on the whole base (not stepped). */
static void serving_bracket_edges(void **state)
{
    (void)state;
    struct dues_rules r;
    dues_rules_default(&r);
    assert_int_equal(dues_rate_bp(&r, DUES_SERVING, Y(3000, 0)), 50);
    assert_int_equal(dues_rate_bp(&r, DUES_SERVING, Y(3000, 1)), 100);
    assert_int_equal(serving(&r, Y(3000, 0)), 1500);  /* 15.00 */
    assert_int_equal(serving(&r, Y(3000, 1)), 3000);  /* 30.0001 → 30.00 */
    assert_int_equal(serving(&r, Y(2999, 99)), 1500); /* 14.99995 → 15.00 (half up) */
    assert_int_equal(serving(&r, Y(4900, 0)), 4900);  /* 49.00, the rule's example */
    assert_int_equal(serving(&r, Y(5000, 0)), 5000);  /* 50.00 */
    assert_int_equal(serving(&r, Y(5000, 1)), 7500);  /* 75.00015 → 75.00 */
    assert_int_equal(serving(&r, Y(5100, 0)), 7650);  /* 76.50, the rule's example */
    assert_int_equal(serving(&r, Y(10000, 0)), 15000); /* 150.00 */
    assert_int_equal(serving(&r, Y(10000, 1)), 20000); /* 200.0002 → 200.00 */
    assert_int_equal(serving(&r, Y(12345, 67)), 24691); /* 246.9134 → 246.91 */
    assert_int_equal(serving(&r, 1), 0);               /* 0.00005 → 0.00 */
    assert_int_equal(serving(&r, 100), 1);             /* 1 yuan: 0.005 → 0.01 (half up) */
    assert_int_equal(serving(&r, 0), 0);
}

static void retired_bracket_edges(void **state)
{
    (void)state;
    struct dues_rules r;
    dues_rules_default(&r);
    assert_int_equal(dues_monthly_fen(&r, DUES_RETIRED, Y(5000, 0)), 2500); /* 0.5% */
    assert_int_equal(dues_monthly_fen(&r, DUES_RETIRED, Y(5000, 1)), 5000); /* 1% of all */
    assert_int_equal(dues_monthly_fen(&r, DUES_RETIRED, Y(3000, 1)), 1500); /* no serving 1% */
    assert_int_equal(dues_monthly_fen(&r, DUES_RETIRED, Y(4321, 9)), 2161); /* 21.60545 → 21.61 */
    assert_int_equal(dues_monthly_fen(&r, DUES_RETIRED, Y(12000, 0)), 12000);
}

static void no_income_and_cap(void **state)
{
    (void)state;
    struct dues_rules r;
    dues_rules_default(&r);
    assert_int_equal(dues_monthly_fen(&r, DUES_NO_INCOME, 0), 20);
    assert_int_equal(dues_monthly_fen(&r, DUES_NO_INCOME, Y(8000, 0)), 20);
    assert_int_equal(dues_rate_bp(&r, DUES_NO_INCOME, Y(8000, 0)), 0);
    assert_int_equal(serving(&r, Y(50000, 0)), 100000); /* 1000.00: at the cap */
    assert_int_equal(serving(&r, Y(50000, 1)), 100000); /* capped */
    assert_int_equal(serving(&r, Y(80000, 0)), 100000);
    assert_int_equal(dues_setting_apply(&r, DS_MONTHLY_CAP, "0", NULL), 0);
    assert_int_equal(serving(&r, Y(80000, 0)), 160000); /* no cap */
}

static void rounding_settings(void **state)
{
    (void)state;
    struct dues_rules r;
    dues_rules_default(&r);
    /* 5000.03 × 1.5% = 75.00045 */
    assert_int_equal(serving(&r, Y(5000, 3)), 7500);
    /* 5000.05 × 1.5% = 75.00075 */
    assert_int_equal(serving(&r, Y(5000, 5)), 7500);
    /* 3333.34 × 1% = 33.3334; 2999.90 × 0.5% = 14.9995 → 15.00 half up */
    assert_int_equal(serving(&r, Y(2999, 90)), 1500);
    assert_int_equal(dues_setting_apply(&r, DS_ROUNDING, "down", NULL), 0);
    assert_int_equal(serving(&r, Y(2999, 90)), 1499);
    assert_int_equal(serving(&r, Y(5100, 0)), 7650); /* exact stays exact */
    assert_int_equal(dues_setting_apply(&r, DS_ROUNDING, "up", NULL), 0);
    assert_int_equal(serving(&r, Y(5000, 1)), 7501);
    assert_int_equal(serving(&r, Y(5100, 0)), 7650);
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(dues_setting_apply(&r, DS_ROUNDING, "banker", &err), DJ_EINVAL);
    assert_string_equal(err.fields[0].name, "value");
}

static void brackets_parse(void **state)
{
    (void)state;
    struct dues_bracket b[DUES_MAX_BRACKETS];
    int n;
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(dues_brackets_parse("3000:0.5%,5000:1%,10000:1.5%,*:2%", b, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_int_equal(b[0].upto_fen, 300000);
    assert_int_equal(b[0].rate_bp, 50);
    assert_int_equal(b[2].rate_bp, 150);
    assert_int_equal(b[3].upto_fen, -1);
    assert_int_equal(dues_brackets_parse("3000.50:0.25%,*:1%", b, &n, &err), 0);
    assert_int_equal(b[0].upto_fen, 300050);
    assert_int_equal(b[0].rate_bp, 25);
    const char *bad[] = {"", "3000:0.5%", "5000:1%,3000:0.5%,*:2%", "3000:0.5,*:1%", "*:1%,5000:2%",
                         "3000:0.125%,*:1%", "3000:101%,*:1%", "abc:1%,*:2%", "-1:1%,*:2%",
                         "1:1%,2:1%,3:1%,4:1%,5:1%,6:1%,7:1%,8:1%,*:1%"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dj_err_clear(&err);
        assert_int_equal(dues_brackets_parse(bad[i], b, &n, &err), DJ_EINVAL);
    }
    /* a bureau's own brackets change the amount */
    struct dues_rules r;
    dues_rules_default(&r);
    assert_int_equal(dues_setting_apply(&r, DS_SERVING_BRACKETS, "4000:0.5%,*:1%", NULL), 0);
    assert_int_equal(serving(&r, Y(4000, 0)), 2000);
    assert_int_equal(serving(&r, Y(4000, 1)), 4000);
}

static void settings_by_name(void **state)
{
    (void)state;
    assert_int_equal(dues_setting_find("serving_brackets"), DS_SERVING_BRACKETS);
    assert_int_equal(dues_setting_find("serious_months"), DS_SERIOUS_MONTHS);
    assert_int_equal(dues_setting_find("nope"), -1);
    for (int i = 0; i < DS_COUNT; i++) {
        const struct dues_setting_def *d = dues_setting_def((enum dues_setting)i);
        assert_non_null(d->source);
        assert_int_equal(dues_setting_apply(NULL, (enum dues_setting)i, d->fallback, NULL), 0);
    }
    struct dues_rules r;
    dues_rules_default(&r);
    assert_int_equal(r.back_months, 6);
    assert_int_equal(r.warning_months, 3);
    assert_int_equal(r.serious_months, 5);
    assert_int_equal(r.no_income_fen, 20);
    assert_int_equal(r.cap_fen, 100000);
    assert_int_equal(dues_setting_apply(&r, DS_SERIOUS_MONTHS, "6", NULL), DJ_EINVAL);
    assert_int_equal(dues_setting_apply(&r, DS_NO_INCOME, "0.205", NULL), DJ_EINVAL);
    assert_int_equal(dues_setting_apply(&r, DS_BACK_MONTHS, "x", NULL), DJ_EINVAL);
    assert_int_equal(dues_setting_apply(&r, DS_WARNING_MONTHS, "4", NULL), 0);
    assert_int_equal(dues_setting_apply(&r, DS_SERIOUS_MONTHS, "3", NULL), 0);
    assert_int_equal(dues_rules_check(&r, NULL), DJ_EINVAL);
}

static void months(void **state)
{
    (void)state;
    int m = dues_month_parse("2026-01");
    assert_int_equal(m, 2026 * 12);
    assert_int_equal(dues_month_parse("2026-12"), 2026 * 12 + 11);
    assert_int_equal(dues_month_parse("2026-13"), -1);
    assert_int_equal(dues_month_parse("2026-00"), -1);
    assert_int_equal(dues_month_parse("2026-1"), -1);
    assert_int_equal(dues_month_parse("2026/01"), -1);
    assert_int_equal(dues_month_of_date("2026-03-31"), 2026 * 12 + 2);
    char out[8];
    dues_month_format(2026 * 12 + 11, out);
    assert_string_equal(out, "2026-12");
    assert_int_equal(dues_category_parse("retired"), DUES_RETIRED);
    assert_int_equal(dues_category_parse("退休"), DUES_RETIRED);
    assert_int_equal(dues_category_parse("在职"), DUES_SERVING);
    assert_int_equal(dues_category_parse("x"), -1);
}

/* A base change in the middle of the year: next January by default (2017),
 * from its month under the 2008 setting. */
static void base_change_mid_year(void **state)
{
    (void)state;
    struct dues_rules r;
    dues_rules_default(&r);
    int y25 = 2025 * 12, y26 = 2026 * 12;
    struct dues_base_ref b[] = {
        {y25 + 0, DUES_SERVING, Y(4900, 0)},  /* 2025-01: 49.00 a month */
        {y26 + 6, DUES_SERVING, Y(5100, 0)},  /* 2026-07: raise to 76.50 */
    };
    int n = 2;
    assert_int_equal(dues_base_for_month(&r, b, n, y25 - 1), -1);
    assert_int_equal(dues_base_for_month(&r, b, n, y26 + 5), 0);
    assert_int_equal(dues_base_for_month(&r, b, n, y26 + 6), 0); /* still the January base */
    assert_int_equal(dues_base_for_month(&r, b, n, y26 + 11), 0);
    assert_int_equal(dues_base_for_month(&r, b, n, y26 + 12), 1); /* 2027-01 */
    int64_t year = 0;
    for (int m = y26; m < y26 + 12; m++)
        year += dues_monthly_fen(&r, DUES_SERVING, b[dues_base_for_month(&r, b, n, m)].base_fen);
    assert_int_equal(year, 12 * 4900);
    assert_int_equal(dues_setting_apply(&r, DS_BASE_CHANGE, "salary_month", NULL), 0);
    assert_int_equal(dues_base_for_month(&r, b, n, y26 + 5), 0);
    assert_int_equal(dues_base_for_month(&r, b, n, y26 + 6), 1);
    year = 0;
    for (int m = y26; m < y26 + 12; m++)
        year += dues_monthly_fen(&r, DUES_SERVING, b[dues_base_for_month(&r, b, n, m)].base_fen);
    assert_int_equal(year, 6 * 4900 + 6 * 7650); /* 753.00 */
    assert_int_equal(year, 75300);
}

/* A member new in the year (a 预备党员 admitted in April): the first base of
 * the year applies from its month, under either setting. */
static void new_member_in_year(void **state)
{
    (void)state;
    struct dues_rules r;
    dues_rules_default(&r);
    int y26 = 2026 * 12;
    struct dues_base_ref b[] = {{y26 + 3, DUES_SERVING, Y(3200, 0)}, {y26 + 8, DUES_SERVING, Y(6000, 0)}};
    assert_int_equal(dues_base_for_month(&r, b, 2, y26 + 2), -1);
    assert_int_equal(dues_base_for_month(&r, b, 2, y26 + 3), 0);
    assert_int_equal(dues_base_for_month(&r, b, 2, y26 + 9), 0);
    assert_int_equal(dues_base_for_month(&r, b, 2, y26 + 12), 1);
}

static void consecutive_and_flags(void **state)
{
    (void)state;
    struct dues_rules r;
    dues_rules_default(&r);
    bool paid[12] = {true, true, false, true, false, false, false, false, false, true, false, false};
    assert_int_equal(dues_consecutive_unpaid(paid, 12), 2);
    assert_int_equal(dues_consecutive_unpaid(paid, 9), 5);
    assert_int_equal(dues_consecutive_unpaid(paid, 4), 0);
    assert_int_equal(dues_consecutive_unpaid(paid, 0), 0);
    assert_int_equal(dues_flag_of(&r, 2), DUES_FLAG_NONE);
    assert_int_equal(dues_flag_of(&r, 3), DUES_FLAG_WARNING);
    assert_int_equal(dues_flag_of(&r, 4), DUES_FLAG_WARNING);
    assert_int_equal(dues_flag_of(&r, 5), DUES_FLAG_SERIOUS); /* before the sixth month */
    assert_int_equal(dues_flag_of(&r, 9), DUES_FLAG_SERIOUS);
    assert_string_equal(dues_flag_name(DUES_FLAG_SERIOUS), "serious");
    assert_string_equal(dues_flag_name(DUES_FLAG_NONE), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(serving_bracket_edges), cmocka_unit_test(retired_bracket_edges),
        cmocka_unit_test(no_income_and_cap),     cmocka_unit_test(rounding_settings),
        cmocka_unit_test(brackets_parse),        cmocka_unit_test(settings_by_name),
        cmocka_unit_test(months),                cmocka_unit_test(base_change_mid_year),
        cmocka_unit_test(new_member_in_year),    cmocka_unit_test(consecutive_and_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
