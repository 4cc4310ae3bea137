/* Duty rosters' time arithmetic (store/duty): local "YYYY-MM-DDTHH:MM". */
#include "testutil.h"

#include "store/duty.h"

static void times_valid(void **state)
{
    (void)state;
    assert_true(duty_time_valid("2026-07-01T08:00"));
    assert_true(duty_time_valid("2026-02-28T23:59"));
    assert_false(duty_time_valid("2026-02-30T08:00"));
    assert_false(duty_time_valid("2026-07-01T24:00"));
    assert_false(duty_time_valid("2026-07-01T08:60"));
    assert_false(duty_time_valid("2026-07-01 08:00"));
    assert_false(duty_time_valid("2026-07-01T8:00"));
    assert_false(duty_time_valid(NULL));
}

static void minutes_across_days(void **state)
{
    (void)state;
    assert_int_equal(duty_minutes("2026-07-01T08:00", "2026-07-02T08:00"), 24 * 60);
    assert_int_equal(duty_minutes("2026-12-31T20:00", "2027-01-01T02:30"), 6 * 60 + 30);
    assert_int_equal(duty_minutes("2024-02-28T12:00", "2024-03-01T12:00"), 2 * 24 * 60); /* leap day */
    assert_int_equal(duty_minutes("2026-07-01T08:00", "2026-07-01T08:00"), 0);
    assert_int_equal(duty_minutes("2026-07-02T08:00", "2026-07-01T08:00"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(times_valid), cmocka_unit_test(minutes_across_days)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
