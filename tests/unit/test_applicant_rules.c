#include "testutil.h"

#include <string.h>

#include "core/applicant_rules.h"

#define TODAY "2026-12-07"

/* A record that satisfies every stage up to 正式党员 with the defaults. */
static struct applicant_facts complete(void)
{
    struct applicant_facts f;
    memset(&f, 0, sizeof f);
    strcpy(f.birth_date, "2000-05-10");
    strcpy(f.applied_on, "2023-03-01");
    strcpy(f.talked_on, "2023-03-20");
    strcpy(f.activist_on, "2023-04-10");
    f.contacts = 2;
    strcpy(f.candidate_on, "2024-04-10");
    f.reviews = 4;
    strcpy(f.reviewed_on, "2024-05-06");
    f.training_days = 3;
    strcpy(f.notice_from, "2024-05-13"); /* a Monday */
    strcpy(f.notice_to, "2024-05-17");   /* Friday: 5 working days */
    f.introducers = f.introducers_full = 2;
    strcpy(f.admitted_on, "2024-05-20");
    strcpy(f.approved_on, "2024-06-18");
    strcpy(f.full_on, "2025-05-20");
    return f;
}

/* The field of the first error, "" when the check passes. */
static const char *fails(const struct applicant_setting_row *rows, int n, const struct applicant_facts *f,
                         enum applicant_stage s)
{
    static struct dj_err err;
    dj_err_clear(&err);
    if (applicant_check(rows, n, f, s, TODAY, &err) == 0)
        return "";
    return err.nfields ? err.fields[0].name : "?";
}

static void complete_record_passes(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    for (int s = AS_APPLICANT; s < AS_COUNT; s++)
        assert_string_equal(fails(NULL, 0, &f, (enum applicant_stage)s), "");
}

static void age_eighteen_on_application(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    strcpy(f.birth_date, "2005-03-02"); /* 18 on 2023-03-02 */
    assert_string_equal(fails(NULL, 0, &f, AS_APPLICANT), "applied_on");
    strcpy(f.birth_date, "2005-03-01"); /* 18 that very day */
    assert_string_equal(fails(NULL, 0, &f, AS_APPLICANT), "");
    assert_int_equal(applicant_age_on("2004-02-29", "2022-02-28"), 17);
    assert_int_equal(applicant_age_on("2004-02-29", "2022-03-01"), 18);
    /* a bureau's own age from a day on applies to applications from then */
    struct applicant_setting_row rows[] = {{"min_age", 20, "2023-01-01"}};
    strcpy(f.birth_date, "2004-01-01");
    assert_string_equal(fails(rows, 1, &f, AS_APPLICANT), "applied_on");
    rows[0].effective_from = "2023-03-02";
    assert_string_equal(fails(rows, 1, &f, AS_APPLICANT), "");
}

static void talk_after_application(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    strcpy(f.talked_on, "2023-02-28");
    assert_string_equal(fails(NULL, 0, &f, AS_APPLICANT), "talked_on");
    f.talked_on[0] = '\0';
    assert_string_equal(fails(NULL, 0, &f, AS_APPLICANT), ""); /* not yet talked: still an applicant */
    assert_string_equal(fails(NULL, 0, &f, AS_ACTIVIST), "talked_on"); /* but no 积极分子 without it */
}

static void activist_needs_contacts_and_talk_first(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    f.contacts = 0;
    assert_string_equal(fails(NULL, 0, &f, AS_ACTIVIST), "contact_ids");
    f.contacts = 3;
    assert_string_equal(fails(NULL, 0, &f, AS_ACTIVIST), "contact_ids");
    f.contacts = 1;
    strcpy(f.activist_on, "2023-03-19");
    assert_string_equal(fails(NULL, 0, &f, AS_ACTIVIST), "activist_on");
}

static void candidate_after_a_year_with_reviews(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    strcpy(f.candidate_on, "2024-04-09"); /* a day short of 12 months */
    assert_string_equal(fails(NULL, 0, &f, AS_CANDIDATE), "candidate_on");
    strcpy(f.candidate_on, "2024-04-10");
    f.reviews = 3; /* 12 months need 4 quarterly reviews */
    assert_string_equal(fails(NULL, 0, &f, AS_CANDIDATE), "candidate_on");
    f.reviews = 4;
    assert_string_equal(fails(NULL, 0, &f, AS_CANDIDATE), "");
    /* a longer training needs more reviews: 15 months → 5 */
    strcpy(f.candidate_on, "2024-07-10");
    assert_string_equal(fails(NULL, 0, &f, AS_CANDIDATE), "candidate_on");
    f.reviews = 5;
    assert_string_equal(fails(NULL, 0, &f, AS_CANDIDATE), "");
    /* end of month: 2023-01-31 + 12 months is 2024-01-31, + 1 is 2023-02-28 */
    char out[11];
    applicant_add_months("2023-01-31", 1, out);
    assert_string_equal(out, "2023-02-28");
    applicant_add_months("2024-01-31", 1, out);
    assert_string_equal(out, "2024-02-29");
}

static void training_three_days_or_24_hours(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    f.training_days = 2;
    f.training_hours = 23;
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "training_days");
    f.training_hours = 24;
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "");
}

static void political_review_between(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    strcpy(f.reviewed_on, "2024-04-09");
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "reviewed_on");
    strcpy(f.reviewed_on, "2024-05-21");
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "reviewed_on");
}

static void notice_working_days_before_meeting(void **state)
{
    (void)state;
    assert_int_equal(applicant_working_days("2024-05-13", "2024-05-17"), 5);
    assert_int_equal(applicant_working_days("2024-05-15", "2024-05-21"), 5); /* over a weekend */
    assert_int_equal(applicant_working_days("2024-05-18", "2024-05-19"), 0);
    struct applicant_facts f = complete();
    strcpy(f.notice_to, "2024-05-16"); /* 4 working days */
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "notice_to");
    f = complete();
    strcpy(f.admitted_on, "2024-05-17"); /* the meeting during the notice */
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "admitted_on");
    struct applicant_setting_row rows[] = {{"notice_days", 7, "2024-01-01"}};
    f = complete();
    assert_string_equal(fails(rows, 1, &f, AS_PROBATIONARY), "notice_to");
}

static void two_full_member_introducers(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    f.introducers = 1;
    f.introducers_full = 1;
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "introducer_ids");
    f.introducers = 2;
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "introducer_ids");
}

static void approval_within_three_months(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    strcpy(f.approved_on, "2024-08-21");
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "approved_on");
    strcpy(f.approved_on, "2024-08-20");
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "");
    strcpy(f.approved_on, "2024-05-19");
    assert_string_equal(fails(NULL, 0, &f, AS_PROBATIONARY), "approved_on");
}

static void full_after_a_year_and_extension(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    char end[11];
    applicant_probation_end(NULL, 0, &f, end);
    assert_string_equal(end, "2025-05-19");
    strcpy(f.full_on, "2025-05-19");
    assert_string_equal(fails(NULL, 0, &f, AS_FULL), "full_on");
    strcpy(f.full_on, "2025-05-20");
    assert_string_equal(fails(NULL, 0, &f, AS_FULL), "");
    /* extended by 6 months: not before 2025-11-20 */
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(applicant_extension_check(NULL, 0, &f, 5, &err), DJ_EINVAL);
    assert_int_equal(applicant_extension_check(NULL, 0, &f, 13, &err), DJ_EINVAL);
    assert_int_equal(applicant_extension_check(NULL, 0, &f, 6, NULL), 0);
    f.extension_months = 6;
    assert_int_equal(applicant_extension_check(NULL, 0, &f, 6, &err), DJ_EINVAL); /* once only */
    applicant_probation_end(NULL, 0, &f, end);
    assert_string_equal(end, "2025-11-19");
    assert_string_equal(fails(NULL, 0, &f, AS_FULL), "full_on");
    strcpy(f.full_on, "2025-11-20");
    assert_string_equal(fails(NULL, 0, &f, AS_FULL), "");
}

static void nothing_in_the_future(void **state)
{
    (void)state;
    struct applicant_facts f = complete();
    strcpy(f.full_on, "2026-12-08");
    assert_string_equal(fails(NULL, 0, &f, AS_FULL), "full_on");
    strcpy(f.full_on, TODAY);
    assert_string_equal(fails(NULL, 0, &f, AS_FULL), "");
}

static void settings_and_stages(void **state)
{
    (void)state;
    assert_int_equal(applicant_setting_find("min_age"), APS_MIN_AGE);
    assert_int_equal(applicant_setting_find("nope"), -1);
    assert_int_equal(applicant_stage_parse("probationary"), AS_PROBATIONARY);
    assert_int_equal(applicant_stage_parse("member"), -1);
    assert_string_equal(applicant_stage_label(AS_FULL), "中共党员");
    struct applicant_setting_row rows[] = {{"notice_days", 7, "2024-01-01"}, {"notice_days", 6, "2025-01-01"}};
    struct applicant_rules r;
    applicant_rules_on(rows, 2, "2023-12-31", &r);
    assert_int_equal(r.v[APS_NOTICE_DAYS], 5);
    applicant_rules_on(rows, 2, "2024-06-01", &r);
    assert_int_equal(r.v[APS_NOTICE_DAYS], 7);
    applicant_rules_on(rows, 2, "2025-01-01", &r);
    assert_int_equal(r.v[APS_NOTICE_DAYS], 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(complete_record_passes),
        cmocka_unit_test(age_eighteen_on_application),
        cmocka_unit_test(talk_after_application),
        cmocka_unit_test(activist_needs_contacts_and_talk_first),
        cmocka_unit_test(candidate_after_a_year_with_reviews),
        cmocka_unit_test(training_three_days_or_24_hours),
        cmocka_unit_test(political_review_between),
        cmocka_unit_test(notice_working_days_before_meeting),
        cmocka_unit_test(two_full_member_introducers),
        cmocka_unit_test(approval_within_three_months),
        cmocka_unit_test(full_after_a_year_and_extension),
        cmocka_unit_test(nothing_in_the_future),
        cmocka_unit_test(settings_and_stages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
