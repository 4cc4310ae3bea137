#include "core/person_rules.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/text.h"

static const struct {
    const char *title, *name;
} fields[PF_COUNT] = {
    [PF_STAFF_NO] = {"工号", "staff_no"},
    [PF_NAME] = {"姓名", "name"},
    [PF_GENDER] = {"性别", "gender"},
    [PF_ETHNICITY] = {"民族", "ethnicity"},
    [PF_BIRTH_DATE] = {"出生日期", "birth_date"},
    [PF_ID_NUMBER] = {"身份证号", "id_number"},
    [PF_EDUCATION] = {"学历", "education"},
    [PF_DEPARTMENT] = {"科室", "department"},
    [PF_POSITION] = {"职务", "position"},
    [PF_POLITICAL_STATUS] = {"政治面貌", "political_status"},
    [PF_JOINED] = {"入党时间", "joined_party_on"},
    [PF_FULL_MEMBER] = {"转正时间", "full_member_on"},
    [PF_BRANCH] = {"所在党支部", "branch"},
    [PF_GROUP] = {"党小组", "group"},
    [PF_PHONE] = {"手机号码", "phone"},
    [PF_STATUS] = {"人员状态", "status"},
};

const char *person_field_title(enum person_field f)
{
    return f < PF_COUNT ? fields[f].title : "";
}

const char *person_field_name(enum person_field f)
{
    return f < PF_COUNT ? fields[f].name : "";
}

/* 《中国共产党发展党员工作细则》 stages and the usual other statuses */
static const char *const political_statuses[] = {
    "中共党员", "中共预备党员", "发展对象", "入党积极分子", "入党申请人", "共青团员", "群众", NULL,
};
static const char *const person_statuses[] = {"在职", "退休", "调出", "离职", "病故", NULL};

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

bool political_status_valid(const char *s)
{
    return in_list(political_statuses, s);
}

bool person_status_valid(const char *s)
{
    return in_list(person_statuses, s);
}

bool political_is_member(const char *s)
{
    return strcmp(s, "中共党员") == 0 || strcmp(s, "中共预备党员") == 0;
}

bool idcard_check_digit_ok(const char *id)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char checks[] = "10X98765432";
    if (strlen(id) != 18)
        return false;
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!isdigit((unsigned char)id[i]))
            return false;
        sum += (id[i] - '0') * weights[i];
    }
    char last = (char)toupper((unsigned char)id[17]);
    return checks[sum % 11] == last;
}

void idcard_mask(const char *id, char *out, size_t size)
{
    size_t n = strlen(id);
    if (n <= 7) {
        snprintf(out, size, "%s", n ? "****" : "");
        return;
    }
    /* only the last four: the first digits name the region, which a bureau's
     * staff mostly share, so with them and the birth date the check digit
     * gave the number away (issue 11) */
    char buf[64];
    size_t o = 0;
    for (size_t i = 0; i < n && o < sizeof buf - 1; i++)
        buf[o++] = i >= n - 4 ? id[i] : '*';
    buf[o] = '\0';
    snprintf(out, size, "%s", buf);
}

static void issue(struct person_issues *out, enum person_field f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void issue(struct person_issues *out, enum person_field f, const char *fmt, ...)
{
    if (out->message[f][0])
        return; /* the first problem of a field is the one to fix */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->message[f], sizeof out->message[f], fmt, ap);
    va_end(ap);
    dj_utf8_trim_partial(out->message[f]);
    out->count++;
}

static bool text_ok(const char *s, size_t max_chars)
{
    return dj_utf8_valid(s, strlen(s)) && dj_utf8_length(s) <= max_chars;
}

static void check_date(struct person_issues *out, enum person_field f, const char *v,
                       const char *today)
{
    if (!*v)
        return;
    if (!dj_date_valid(v))
        issue(out, f, "“%s”不是有效日期，应为 YYYY-MM-DD，例如 2019-07-01", v);
    else if (today && strcmp(v, today) > 0)
        issue(out, f, "日期 %s 晚于今天", v);
}

static void check_id_number(const struct dj_person *p, struct person_issues *out)
{
    const char *id = p->id_number;
    if (!*id)
        return;
    if (strlen(id) != 18) {
        issue(out, PF_ID_NUMBER, "身份证号应为 18 位");
        return;
    }
    for (int i = 0; i < 17; i++)
        if (!isdigit((unsigned char)id[i])) {
            issue(out, PF_ID_NUMBER, "身份证号前 17 位应为数字");
            return;
        }
    if (!isdigit((unsigned char)id[17]) && id[17] != 'X' && id[17] != 'x') {
        issue(out, PF_ID_NUMBER, "身份证号最后一位应为数字或 X");
        return;
    }
    if (!idcard_check_digit_ok(id)) {
        issue(out, PF_ID_NUMBER, "身份证号校验位错误，请核对号码");
        return;
    }
    char born[DJ_DATE_LEN];
    snprintf(born, sizeof born, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
    if (!dj_date_valid(born)) {
        issue(out, PF_ID_NUMBER, "身份证号中的出生日期无效");
        return;
    }
    if (*p->birth_date && dj_date_valid(p->birth_date) && strcmp(born, p->birth_date) != 0)
        issue(out, PF_BIRTH_DATE, "出生日期 %s 与身份证号中的 %s 不一致", p->birth_date, born);
    int sex_digit = id[16] - '0';
    const char *sex = sex_digit % 2 ? "男" : "女";
    if ((!strcmp(p->gender, "男") || !strcmp(p->gender, "女")) && strcmp(sex, p->gender) != 0)
        issue(out, PF_GENDER, "性别“%s”与身份证号（%s）不一致", p->gender, sex);
}

void person_check(const struct dj_person *p, const char *branch_name, const char *group_name,
                  const char *today, struct person_issues *out)
{
    memset(out, 0, sizeof *out);
    if (!*p->staff_no)
        issue(out, PF_STAFF_NO, "工号不能为空");
    else {
        for (const char *c = p->staff_no; *c; c++)
            if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_') {
                issue(out, PF_STAFF_NO, "工号只能包含字母、数字、- 和 _");
                break;
            }
        if (strlen(p->staff_no) > 32)
            issue(out, PF_STAFF_NO, "工号最长 32 个字符");
    }
    if (!*p->name)
        issue(out, PF_NAME, "姓名不能为空");
    else if (!text_ok(p->name, 20))
        issue(out, PF_NAME, "姓名最长 20 个字");
    if (strcmp(p->gender, "男") != 0 && strcmp(p->gender, "女") != 0)
        issue(out, PF_GENDER, *p->gender ? "性别应为“男”或“女”，而不是“%s”" : "性别不能为空",
              p->gender);
    if (*p->ethnicity && (!text_ok(p->ethnicity, 10) || !strstr(p->ethnicity, "族")))
        issue(out, PF_ETHNICITY, "民族应写全称，例如“汉族”");
    check_date(out, PF_BIRTH_DATE, p->birth_date, today);
    check_id_number(p, out);
    if (!text_ok(p->education, 20))
        issue(out, PF_EDUCATION, "学历最长 20 个字");
    if (!text_ok(p->position, 30))
        issue(out, PF_POSITION, "职务最长 30 个字");
    bool member = false;
    if (!*p->political_status)
        issue(out, PF_POLITICAL_STATUS, "政治面貌不能为空");
    else if (!political_status_valid(p->political_status))
        issue(out, PF_POLITICAL_STATUS,
              "政治面貌“%s”不在规定的选项中（中共党员、中共预备党员、发展对象、入党积极分子、"
              "入党申请人、共青团员、群众）",
              p->political_status);
    else
        member = political_is_member(p->political_status);
    check_date(out, PF_JOINED, p->joined_party_on, today);
    check_date(out, PF_FULL_MEMBER, p->full_member_on, today);
    if (member && !*p->joined_party_on)
        issue(out, PF_JOINED, "党员应填写入党时间");
    if (!member && political_status_valid(p->political_status) && *p->joined_party_on)
        issue(out, PF_JOINED, "%s 不应填写入党时间", p->political_status);
    if (!strcmp(p->political_status, "中共预备党员") && *p->full_member_on)
        issue(out, PF_FULL_MEMBER, "预备党员尚未转正，不应填写转正时间");
    if (*p->full_member_on && *p->joined_party_on && dj_date_valid(p->full_member_on) &&
        dj_date_valid(p->joined_party_on) && strcmp(p->full_member_on, p->joined_party_on) <= 0)
        issue(out, PF_FULL_MEMBER, "转正时间应晚于入党时间 %s", p->joined_party_on);
    if (member && (!branch_name || !*branch_name))
        issue(out, PF_BRANCH, "党员应填写所在党支部");
    if (group_name && *group_name && (!branch_name || !*branch_name))
        issue(out, PF_GROUP, "填写党小组时应同时填写所在党支部");
    if (*p->phone) {
        bool ok = strlen(p->phone) == 11 && p->phone[0] == '1' && p->phone[1] >= '3' &&
                  p->phone[1] <= '9';
        for (const char *c = p->phone; ok && *c; c++)
            ok = isdigit((unsigned char)*c);
        if (!ok)
            issue(out, PF_PHONE, "手机号码“%s”无效，应为 11 位数字，以 13-19 开头", p->phone);
    }
    if (!person_status_valid(p->status))
        issue(out, PF_STATUS, "人员状态应为 在职、退休、调出、离职 或 病故");
}
