#include "testutil.h"

#include "util/date.h"

static void validity(void **state)
{
    (void)state;
    assert_true(dj_date_valid("2024-02-29"));
    assert_false(dj_date_valid("2023-02-29"));
    assert_false(dj_date_valid("2019-13-01"));
    assert_false(dj_date_valid("2019.12.01"));
    assert_false(dj_date_valid("2019-1-01"));
    assert_false(dj_date_valid("1800-01-01"));
    assert_false(dj_date_valid(""));
    assert_false(dj_date_valid(NULL));
    assert_true(dj_date_valid("2000-02-29"));
    assert_false(dj_date_valid("1900-02-29"));
}

static void day_numbers(void **state)
{
    (void)state;
    assert_int_equal(dj_date_days("1970-01-01"), 0);
    assert_int_equal(dj_date_days("2026-11-23"), 20780);
    char out[DJ_DATE_LEN];
    for (int64_t d = -25000; d < 60000; d += 37) {
        dj_date_from_days(d, out);
        assert_int_equal(dj_date_days(out), d);
    }
    dj_date_add_days("2024-02-28", 2, out);
    assert_string_equal(out, "2024-03-01");
    dj_date_add_days("2026-01-01", -1, out);
    assert_string_equal(out, "2025-12-31");
}

static void periods(void **state)
{
    (void)state;
    struct dj_period p;
    assert_true(dj_period_parse("2026Q3", &p));
    assert_string_equal(p.first, "2026-07-01");
    assert_string_equal(p.last, "2026-09-30");
    assert_true(dj_period_parse("2024-02", &p));
    assert_string_equal(p.last, "2024-02-29");
    assert_true(dj_period_parse("2026", &p));
    assert_string_equal(p.first, "2026-01-01");
    assert_string_equal(p.last, "2026-12-31");
    assert_false(dj_period_parse("2026Q5", &p));
    assert_false(dj_period_parse("2026-13", &p));
    assert_false(dj_period_parse("26", &p));
    assert_true(dj_period_parse("2024-01-01..2025-12-31", &p));
    assert_string_equal(p.first, "2024-01-01");
    assert_string_equal(p.last, "2025-12-31");
    assert_false(dj_period_parse("2025-12-31..2024-01-01", &p)); /* backwards */
    assert_false(dj_period_parse("2024-02-30..2025-12-31", &p));
    assert_false(dj_period_parse("2024-01-01__2025-12-31", &p));
}

static void time_bounds(void **state)
{
    (void)state;
    char out[32];
    int cst = dj_tz_offset("Asia/Shanghai");
    assert_int_equal(cst, 8 * 3600);
    assert_true(dj_time_bound_utc("2026-03-02", false, cst, out));
    assert_string_equal(out, "2026-03-01T16:00:00.000Z");
    assert_true(dj_time_bound_utc("2026-03-02", true, cst, out));
    assert_string_equal(out, "2026-03-02T15:59:59.999Z");
    assert_true(dj_time_bound_utc("2026-03-02T08:30:00+08:00", false, cst, out));
    assert_string_equal(out, "2026-03-02T00:30:00.000Z");
    assert_true(dj_time_bound_utc("2026-03-02T08:30:00.5Z", false, 0, out));
    assert_string_equal(out, "2026-03-02T08:30:00.500Z");
    assert_true(dj_time_bound_utc("2026-01-01", false, cst, out));
    assert_string_equal(out, "2025-12-31T16:00:00.000Z");
    assert_false(dj_time_bound_utc("2026-02-30", false, cst, out));
    assert_false(dj_time_bound_utc("2026-03-02T25:00:00Z", false, cst, out));
    assert_false(dj_time_bound_utc("2026-03-02 08:00", false, cst, out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(validity), cmocka_unit_test(day_numbers), cmocka_unit_test(periods),
        cmocka_unit_test(time_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
