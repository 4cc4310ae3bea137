/* The motto of the day's rotation (core/mottos): a function of the date and
 * the approvals alone; every approved motto once before any repeats; one
 * approved during a round joins its end. */
#include "testutil.h"

#include "core/mottos.h"

static void nothing_before_the_first_approval(void **state)
{
    (void)state;
    const int64_t days[] = {100};
    assert_int_equal(motto_rotation_pick(days, 0, 500), -1);
    assert_int_equal(motto_rotation_pick(days, 1, 99), -1);
    assert_int_equal(motto_rotation_pick(days, 1, 100), -1); /* approved that day: from the next */
    assert_int_equal(motto_rotation_pick(days, 1, 101), 0);
    assert_int_equal(motto_rotation_pick(days, 1, 5000), 0);
}

static void each_once_before_any_repeats(void **state)
{
    (void)state;
    /* four approved on day 10, one on day 12 (during the first round), one on day 30 */
    const int64_t days[] = {10, 10, 10, 10, 12, 30};
    int expect[] = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4};
    for (int d = 11; d <= 20; d++)
        assert_int_equal(motto_rotation_pick(days, 6, d), expect[d - 11]);
    /* between two showings of a motto every other approved motto is shown */
    int last[6] = {-1, -1, -1, -1, -1, -1};
    for (int d = 31; d < 400; d++) {
        int p = motto_rotation_pick(days, 6, d);
        assert_true(p >= 0 && p < 6);
        if (last[p] >= 0)
            for (int k = 0; k < 6; k++)
                if (k != p)
                    assert_true(last[k] > last[p]); /* k came after p's previous showing */
        last[p] = d;
    }
}

static void the_same_day_the_same_motto(void **state)
{
    (void)state;
    const int64_t days[] = {1, 5, 9};
    for (int d = 2; d < 60; d++)
        assert_int_equal(motto_rotation_pick(days, 3, d), motto_rotation_pick(days, 3, d));
    /* a later approval does not change an earlier day */
    const int64_t more[] = {1, 5, 9, 40};
    for (int d = 2; d <= 40; d++)
        assert_int_equal(motto_rotation_pick(more, 4, d), motto_rotation_pick(days, 3, d));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nothing_before_the_first_approval),
        cmocka_unit_test(each_once_before_any_repeats),
        cmocka_unit_test(the_same_day_the_same_motto),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
