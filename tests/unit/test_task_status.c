#include "testutil.h"

#include "core/task_status.h"

static enum task_status st(const char *start, const char *due, const char *done, int percent,
                           const char *today)
{
    struct task_facts t = {start, due, done, percent, NULL, 0};
    return task_status_of(&t, today);
}

static void done_and_late_at_the_due_day(void **state)
{
    (void)state;
    /* done on the due day is on time; the day after is late */
    assert_int_equal(st("2026-01-01", "2026-06-30", "2026-06-30", 100, "2026-12-01"), TS_DONE);
    assert_int_equal(st("2026-01-01", "2026-06-30", "2026-07-01", 100, "2026-07-01"), TS_DONE_LATE);
    assert_int_equal(st("2026-01-01", "2026-06-30", "", 100, "2026-07-01"), TS_OVERDUE);
    /* the due day itself is still in time: not overdue */
    assert_int_equal(st("2026-01-01", "2026-06-30", NULL, 90, "2026-06-30"), TS_ON_TRACK);
    assert_int_equal(st("2026-01-01", "2026-06-30", NULL, 90, "2026-07-01"), TS_OVERDUE);
    assert_true(task_status_done(TS_DONE_LATE));
    assert_false(task_status_done(TS_OVERDUE));
    assert_string_equal(task_status_code(TS_AT_RISK), "at_risk");
}

static void elapsed_share_and_lag(void **state)
{
    (void)state;
    assert_int_equal(task_elapsed_percent("2026-01-01", "2026-01-11", "2025-12-31"), 0);
    assert_int_equal(task_elapsed_percent("2026-01-01", "2026-01-11", "2026-01-01"), 0);
    assert_int_equal(task_elapsed_percent("2026-01-01", "2026-01-11", "2026-01-04"), 30);
    assert_int_equal(task_elapsed_percent("2026-01-01", "2026-01-11", "2026-01-11"), 100);
    assert_int_equal(task_elapsed_percent("2026-01-01", "2026-01-01", "2026-01-01"), 100);
    /* 30 days of 100 elapsed (2026-01-01 .. 2026-04-11): lag 30 is at risk, 29 is not */
    assert_int_equal(task_elapsed_percent("2026-01-01", "2026-04-11", "2026-01-31"), 30);
    assert_int_equal(st("2026-01-01", "2026-04-11", NULL, 0, "2026-01-31"), TS_AT_RISK);
    assert_int_equal(st("2026-01-01", "2026-04-11", NULL, 1, "2026-01-31"), TS_ON_TRACK);
    assert_int_equal(st("2026-01-01", "2026-04-11", NULL, 0, "2026-01-30"), TS_ON_TRACK);
}

static void due_soon_and_milestones(void **state)
{
    (void)state;
    /* a long task 7 days before its end with less than 70 percent is at risk; 8 days is not */
    assert_int_equal(st("2025-01-01", "2026-12-31", NULL, 69, "2026-12-24"), TS_AT_RISK);
    assert_int_equal(st("2025-01-01", "2026-12-31", NULL, 70, "2026-12-24"), TS_ON_TRACK);
    assert_int_equal(st("2026-12-20", "2026-12-31", NULL, 10, "2026-12-24"), TS_AT_RISK);
    assert_int_equal(st("2026-12-20", "2026-12-31", NULL, 10, "2026-12-23"), TS_ON_TRACK);
    assert_int_equal(st("2026-12-01", "2026-12-31", NULL, 0, "2026-12-23"), TS_AT_RISK);
    struct task_milestone ms[] = {{"2026-03-31", 40}};
    struct task_facts t = {"2026-01-01", "2026-12-31", NULL, 39, ms, 1};
    /* on the milestone's day it is not yet missed; the day after it is */
    assert_int_equal(task_status_of(&t, "2026-03-31"), TS_ON_TRACK);
    assert_int_equal(task_status_of(&t, "2026-04-01"), TS_AT_RISK);
    t.percent = 40;
    assert_int_equal(task_status_of(&t, "2026-04-01"), TS_ON_TRACK);
}

static void rectification_edges(void **state)
{
    (void)state;
    assert_int_equal(rect_status_of("2026-06-30", "2026-06-30", 0, "2026-12-01"), RS_CLOSED);
    assert_int_equal(rect_status_of("2026-06-30", "2026-07-01", 0, "2026-12-01"), RS_CLOSED_LATE);
    /* reopened once, closed again before the due day: still not on time */
    assert_int_equal(rect_status_of("2026-06-30", "2026-06-01", 1, "2026-06-02"), RS_CLOSED_LATE);
    assert_int_equal(rect_status_of("2026-06-30", "", 1, "2026-06-02"), RS_OPEN);
    assert_int_equal(rect_status_of("2026-06-30", NULL, 0, "2026-06-30"), RS_DUE_SOON);
    assert_int_equal(rect_status_of("2026-06-30", NULL, 0, "2026-07-01"), RS_OVERDUE);
    assert_int_equal(rect_status_of("2026-06-30", NULL, 0, "2026-06-23"), RS_DUE_SOON);
    assert_int_equal(rect_status_of("2026-06-30", NULL, 0, "2026-06-22"), RS_OPEN);
    assert_string_equal(rect_status_label(RS_CLOSED_LATE), "逾期销号");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(done_and_late_at_the_due_day), cmocka_unit_test(elapsed_share_and_lag),
        cmocka_unit_test(due_soon_and_milestones), cmocka_unit_test(rectification_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
