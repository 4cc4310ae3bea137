#include "testutil.h"

#include "core/duties.h"

static void the_check_opens_on_the_first_of_december(void **state)
{
    (void)state;
    assert_false(duty_check_open(2026, "2026-11-30"));
    assert_true(duty_check_open(2026, "2026-12-01"));
    assert_true(duty_check_open(2026, "2026-12-31"));
    /* a past year stays open (a late check is still a check) */
    assert_true(duty_check_open(2025, "2026-03-01"));
    /* next year's is closed all this year */
    assert_false(duty_check_open(2027, "2026-12-31"));
    assert_false(duty_check_open(2026, NULL));
}

static void results_and_roles(void **state)
{
    (void)state;
    assert_true(duty_result_valid(""));
    assert_true(duty_result_valid("done"));
    assert_true(duty_result_valid("partly"));
    assert_true(duty_result_valid("not_done"));
    assert_false(duty_result_valid("Done"));
    assert_false(duty_result_valid("excellent"));
    assert_false(duty_result_valid(NULL));
    assert_string_equal(duty_role_label("first"), "第一责任人");
    assert_string_equal(duty_role_label("dual"), "一岗双责");
    assert_string_equal(duty_role_label("branch"), "支部书记");
    assert_string_equal(duty_role_label("boss"), "");
    assert_string_equal(duty_role_label(NULL), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_check_opens_on_the_first_of_december),
        cmocka_unit_test(results_and_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
