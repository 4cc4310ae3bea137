#include "testutil.h"

#include "core/appraisal_rules.h"
#include "core/index_src_appraisals.h"

static void cap(struct dj_appraisal_cap *c, int num, int den, const char *base)
{
    appraisal_cap_default(c);
    c->num = num;
    c->den = den;
    snprintf(c->base, sizeof c->base, "%s", base);
}

static void a_third_of_those_graded(void **state)
{
    (void)state;
    struct dj_appraisal_cap c;
    appraisal_cap_default(&c);
    assert_int_equal(c.num, 1);
    assert_int_equal(c.den, 3);
    assert_string_equal(c.base, "graded");
    /* floor: 9 graded allow 3, 10 and 11 still 3, 12 allow 4; 2 graded allow none */
    assert_int_equal(appraisal_cap_max(&c, 9, 0), 3);
    assert_int_equal(appraisal_cap_max(&c, 10, 0), 3);
    assert_int_equal(appraisal_cap_max(&c, 11, 0), 3);
    assert_int_equal(appraisal_cap_max(&c, 12, 0), 4);
    assert_int_equal(appraisal_cap_max(&c, 2, 0), 0);
    assert_int_equal(appraisal_cap_max(&c, 0, 0), 0);
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(appraisal_cap_check(&c, 3, 9, 12, &err), 0);
    /* one more than a third is refused, naming the limit */
    assert_int_equal(appraisal_cap_check(&c, 4, 9, 12, &err), DJ_EINVAL);
    assert_int_equal(err.nfields, 1);
    assert_string_equal(err.fields[0].name, "grades");
    assert_non_null(strstr(err.fields[0].message, "至多 3 人"));
}

static void a_third_of_the_full_members(void **state)
{
    (void)state;
    struct dj_appraisal_cap c;
    cap(&c, 1, 3, "full_members");
    /* 9 graded of 12 full members (3 not graded): the base is 12 */
    assert_int_equal(appraisal_cap_max(&c, 9, 12), 4);
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(appraisal_cap_check(&c, 4, 9, 12, &err), 0);
    assert_int_equal(appraisal_cap_check(&c, 5, 9, 12, &err), DJ_EINVAL);
    /* a local rule of 30 % */
    cap(&c, 30, 100, "graded");
    assert_int_equal(appraisal_cap_max(&c, 10, 0), 3);
    assert_int_equal(appraisal_cap_max(&c, 9, 0), 2);
}

static void settings_and_grades(void **state)
{
    (void)state;
    struct dj_appraisal_cap c;
    struct dj_err err;
    cap(&c, 1, 3, "graded");
    dj_err_clear(&err);
    assert_int_equal(appraisal_cap_check_setting(&c, &err), 0);
    cap(&c, 4, 3, "graded");
    assert_int_equal(appraisal_cap_check_setting(&c, &err), DJ_EINVAL);
    dj_err_clear(&err);
    cap(&c, 1, 3, "everyone");
    assert_int_equal(appraisal_cap_check_setting(&c, &err), DJ_EINVAL);
    dj_err_clear(&err);
    cap(&c, 0, 3, "graded");
    assert_int_equal(appraisal_cap_check_setting(&c, &err), DJ_EINVAL);
    assert_int_equal(appraisal_grade_rank("优秀"), 4);
    assert_int_equal(appraisal_grade_rank("合格"), 3);
    assert_int_equal(appraisal_grade_rank("基本合格"), 2);
    assert_int_equal(appraisal_grade_rank("不合格"), 1);
    assert_int_equal(appraisal_grade_rank("良好"), 0);
    assert_int_equal(appraisal_grade_rank(NULL), 0);
    assert_true(review_grade_valid("较好"));
    assert_false(review_grade_valid("优秀"));
}

static struct dj_appraisal_grade row(int64_t person, int64_t org, int year, const char *grade)
{
    struct dj_appraisal_grade g;
    memset(&g, 0, sizeof g);
    g.person_id = person;
    g.org_id = org;
    g.year = year;
    snprintf(g.grade, sizeof g.grade, "%s", grade);
    snprintf(g.graded_on, sizeof g.graded_on, "%04d-12-20", year);
    snprintf(g.org_name, sizeof g.org_name, "机关第一党支部");
    return g;
}

static void the_index_source(void **state)
{
    (void)state;
    /* by person, then year: person 1 graded twice (the latest counts), 2 优秀, 3 a 预备党员 (no grade) */
    struct dj_appraisal_grade g[] = {row(1, 10, 2025, "合格"), row(1, 10, 2026, "基本合格"), row(2, 10, 2026, "优秀"),
                                     row(3, 10, 2026, ""), row(4, 11, 2026, "不合格")};
    struct index_appraisal_facts f = {g, 5, true};
    bool has;
    int64_t value;
    json_t *d = index_appraisals_value(&f, false, 1, &has, &value);
    assert_true(has);
    assert_int_equal(value, 200);
    assert_int_equal(json_array_size(json_object_get(d, "appraisals")), 2);
    json_decref(d);
    d = index_appraisals_value(&f, false, 3, &has, &value);
    assert_false(has);
    json_decref(d);
    d = index_appraisals_value(&f, false, 4, &has, &value);
    assert_int_equal(value, 100);
    json_decref(d);
    /* branch 10: 1 优秀 of 3 graded = 33.33 %; branch 12: nothing graded */
    d = index_appraisals_value(&f, true, 10, &has, &value);
    assert_true(has);
    assert_int_equal(value, 3333);
    assert_int_equal(json_integer_value(json_object_get(d, "graded")), 3);
    json_decref(d);
    d = index_appraisals_value(&f, true, 12, &has, &value);
    assert_false(has);
    json_decref(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_third_of_those_graded),
        cmocka_unit_test(a_third_of_the_full_members),
        cmocka_unit_test(settings_and_grades),
        cmocka_unit_test(the_index_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
