#include "testutil.h"

#include "core/meeting_life.h"

/* the life cycle's table: planned → held → voided (or corrected); planned → cancelled */
static void each_state_takes_its_steps(void **state)
{
    (void)state;
    static const char *const steps[] = {"edit", "attendance", "files", "hold", "cancel", "void", "correct", "leave"};
    static const struct {
        const char *status;
        const char *allowed; /* the steps taken, as ",step," */
    } cases[] = {
        {"planned", ",edit,attendance,files,hold,cancel,leave,"},
        {"held", ",edit,attendance,files,void,correct,"},
        {"", ",edit,attendance,files,void,correct,"}, /* a record from before the life cycle */
        {"cancelled", ","},
        {"voided", ","},
        {"nonsense", ","},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
            char key[32];
            snprintf(key, sizeof key, ",%s,", steps[s]);
            struct dj_err err;
            dj_err_clear(&err);
            int rc = meeting_step_allowed(cases[c].status, steps[s], &err);
            bool want = strstr(cases[c].allowed, key) != NULL;
            if (want != (rc == 0))
                print_message("%s / %s: got %d (%s)\n", cases[c].status, steps[s], rc, err.message);
            assert_int_equal(rc == 0, want);
            if (!want) {
                assert_int_equal(rc, DJ_ECONFLICT);
                assert_true(err.message[0] != '\0');
            }
        }
}

static void refusals_say_what_to_do_instead(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(meeting_step_allowed("held", "cancel", &err), DJ_ECONFLICT);
    assert_non_null(strstr(err.message, "作废"));
    dj_err_clear(&err);
    assert_int_equal(meeting_step_allowed("planned", "void", &err), DJ_ECONFLICT);
    assert_non_null(strstr(err.message, "取消"));
    dj_err_clear(&err);
    assert_int_equal(meeting_step_allowed("voided", "edit", &err), DJ_ECONFLICT);
    assert_non_null(strstr(err.message, "作废"));
    dj_err_clear(&err);
    assert_int_equal(meeting_step_allowed("planned", "unknown-step", &err), DJ_ECONFLICT);
    dj_err_clear(&err);
    /* a status too long for the table is refused, not overrun */
    assert_int_equal(meeting_step_allowed("planned-and-then-some-more-words", "edit", &err), DJ_ECONFLICT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_state_takes_its_steps),
        cmocka_unit_test(refusals_say_what_to_do_instead),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
