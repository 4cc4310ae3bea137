#include "testutil.h"

#include "core/person_rules.h"

static void base(struct dj_person *p)
{
    memset(p, 0, sizeof *p);
    strcpy(p->staff_no, "CZ01001");
    strcpy(p->name, "邹红轩");
    strcpy(p->gender, "男");
    strcpy(p->ethnicity, "汉族");
    strcpy(p->birth_date, "1984-07-24");
    strcpy(p->id_number, "430181198407240357");
    strcpy(p->political_status, "中共党员");
    strcpy(p->joined_party_on, "2014-06-03");
    strcpy(p->full_member_on, "2015-06-03");
    strcpy(p->phone, "18169871689");
    strcpy(p->status, "在职");
}

static void valid_record_passes(void **state)
{
    (void)state;
    struct dj_person p;
    base(&p);
    struct person_issues is;
    person_check(&p, "机关第三党支部", "第3党小组", "2026-11-23", &is);
    for (int f = 0; f < PF_COUNT; f++)
        if (is.message[f][0])
            print_message("%s: %s\n", person_field_title((enum person_field)f), is.message[f]);
    assert_int_equal(is.count, 0);
}

static void id_number_rules(void **state)
{
    (void)state;
    assert_true(idcard_check_digit_ok("430181198407240357"));
    assert_true(idcard_check_digit_ok("11010519491231002X"));
    assert_true(idcard_check_digit_ok("11010519491231002x"));
    assert_false(idcard_check_digit_ok("430181198407240358"));
    struct dj_person p;
    struct person_issues is;
    base(&p);
    strcpy(p.id_number, "430181198407240358");
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_int_equal(is.count, 1);
    assert_non_null(strstr(is.message[PF_ID_NUMBER], "校验位"));
    base(&p);
    strcpy(p.birth_date, "1984-07-25");
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_non_null(strstr(is.message[PF_BIRTH_DATE], "不一致"));
    base(&p);
    strcpy(p.gender, "女");
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_non_null(strstr(is.message[PF_GENDER], "不一致"));
    char masked[32];
    idcard_mask("430181198407240357", masked, sizeof masked);
    assert_string_equal(masked, "**************0357"); /* no region digits (issue 11) */
    idcard_mask("12345678", masked, sizeof masked);
    assert_string_equal(masked, "****5678");
    idcard_mask("1234567", masked, sizeof masked);
    assert_string_equal(masked, "****");
}

static void dates_phone_and_lists(void **state)
{
    (void)state;
    struct dj_person p;
    struct person_issues is;
    base(&p);
    strcpy(p.joined_party_on, "2019.13.01");
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_int_equal(is.count, 1);
    assert_true(is.message[PF_JOINED][0] != 0);
    base(&p);
    strcpy(p.full_member_on, "2014-01-01");
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_non_null(strstr(is.message[PF_FULL_MEMBER], "晚于"));
    base(&p);
    strcpy(p.phone, "12345");
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_int_equal(is.count, 1);
    assert_true(is.message[PF_PHONE][0] != 0);
    base(&p);
    strcpy(p.political_status, "党员?");
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_int_equal(is.count, 1);
    base(&p);
    p.name[0] = '\0';
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_int_equal(is.count, 1);
    assert_true(is.message[PF_NAME][0] != 0);
    base(&p);
    person_check(&p, "", NULL, "2026-11-23", &is);
    assert_true(is.message[PF_BRANCH][0] != 0);
    base(&p);
    strcpy(p.political_status, "中共预备党员");
    person_check(&p, "b", NULL, "2026-11-23", &is);
    assert_true(is.message[PF_FULL_MEMBER][0] != 0);
    base(&p);
    strcpy(p.political_status, "群众");
    p.joined_party_on[0] = p.full_member_on[0] = '\0';
    person_check(&p, "", NULL, "2026-11-23", &is);
    assert_int_equal(is.count, 0);
    assert_true(political_is_member("中共预备党员"));
    assert_false(political_is_member("发展对象"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_record_passes), cmocka_unit_test(id_number_rules),
        cmocka_unit_test(dates_phone_and_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
