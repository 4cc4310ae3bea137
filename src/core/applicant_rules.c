#include "core/applicant_rules.h"

#include <stdio.h>
#include <string.h>

#include "util/date.h"

static const char *const stage_names[AS_COUNT] = {"applicant", "activist", "candidate",
                                                  "probationary", "full"};
static const char *const stage_labels[AS_COUNT] = {"入党申请人", "入党积极分子", "发展对象",
                                                   "中共预备党员", "中共党员"};

int applicant_stage_parse(const char *s)
{
    for (int i = 0; s && i < AS_COUNT; i++)
        if (!strcmp(s, stage_names[i]))
            return i;
    return -1;
}

const char *applicant_stage_name(enum applicant_stage s)
{
    return s < AS_COUNT ? stage_names[s] : "";
}

const char *applicant_stage_label(enum applicant_stage s)
{
    return s < AS_COUNT ? stage_labels[s] : "";
}

#define RULES "《中国共产党发展党员工作细则》(2014)"
static const struct applicant_setting_def defs[APS_COUNT] = {
    [APS_MIN_AGE] = {"min_age", "申请入党最低年龄（周岁）", 18, 18, 30, RULES " 第五条"},
    [APS_TALK_MONTHS] = {"talk_months", "收到申请后谈话期限（月）", 1, 1, 3, RULES " 第七条"},
    [APS_TRAINING_MONTHS] = {"training_months", "积极分子培养考察期（月）", 12, 12, 36, RULES " 第十三条"},
    [APS_REVIEW_MONTHS] = {"review_months", "积极分子考察间隔（月）", 3, 1, 6,
                           RULES " 第十二条（每半年至少一次；按季度考察是常见做法）"},
    [APS_MIN_TRAINING_DAYS] = {"min_training_days", "发展对象集中培训（天）", 3, 1, 30, RULES " 第十七条"},
    [APS_MIN_TRAINING_HOURS] = {"min_training_hours", "发展对象集中培训（学时）", 24, 8, 240,
                                RULES " 第十七条"},
    [APS_NOTICE_DAYS] = {"notice_days", "发展公示（工作日）", 5, 1, 30, "常见的地方规定：公示 5 个工作日"},
    [APS_APPROVAL_MONTHS] = {"approval_months", "上级党委审批期限（月）", 3, 1, 6, RULES " 第二十九条"},
    [APS_PROBATION_MONTHS] = {"probation_months", "预备期（月）", 12, 12, 12, RULES " 第三十二条"},
    [APS_EXTENSION_MIN] = {"extension_min", "延长预备期最短（月）", 6, 6, 12, RULES " 第三十三条"},
    [APS_EXTENSION_MAX] = {"extension_max", "延长预备期最长（月）", 12, 6, 12, RULES " 第三十三条"},
};

const struct applicant_setting_def *applicant_setting_def(enum applicant_setting s)
{
    return s < APS_COUNT ? &defs[s] : NULL;
}

int applicant_setting_find(const char *name)
{
    for (int i = 0; name && i < APS_COUNT; i++)
        if (!strcmp(name, defs[i].name))
            return i;
    return -1;
}

void applicant_rules_on(const struct applicant_setting_row *rows, int n, const char *day,
                        struct applicant_rules *out)
{
    for (int i = 0; i < APS_COUNT; i++) {
        const char *best = NULL;
        out->v[i] = defs[i].fallback;
        for (int k = 0; k < n; k++)
            if (!strcmp(rows[k].name, defs[i].name) && strcmp(rows[k].effective_from, day) <= 0 &&
                (!best || strcmp(rows[k].effective_from, best) >= 0)) {
                best = rows[k].effective_from;
                out->v[i] = rows[k].value;
            }
    }
}

static void ymd(const char *d, int *y, int *m, int *dd)
{
    *y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
    *m = (d[5] - '0') * 10 + (d[6] - '0');
    *dd = (d[8] - '0') * 10 + (d[9] - '0');
}

int applicant_age_on(const char *birth, const char *day)
{
    int by, bm, bd, y, m, d;
    ymd(birth, &by, &bm, &bd);
    ymd(day, &y, &m, &d);
    int age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

void applicant_add_months(const char *date, int n, char out[11])
{
    int y, m, d;
    ymd(date, &y, &m, &d);
    int total = y * 12 + (m - 1) + n;
    y = total / 12;
    m = total % 12 + 1;
    if (d > month_days(y, m))
        d = month_days(y, m);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

int applicant_working_days(const char *from, const char *to)
{
    int64_t a = dj_date_days(from), b = dj_date_days(to);
    int count = 0;
    for (int64_t d = a; d <= b; d++) {
        int weekday = (int)((d + 3) % 7); /* 1970-01-01 was a Thursday: 0 = Monday */
        if (weekday < 5)
            count++;
    }
    return count;
}

/* A date field: required when `need`, then valid, not after today. */
static bool date_ok(const char *v, const char *field, const char *what, bool need, const char *today,
                    struct dj_err *err)
{
    if (!*v) {
        if (need)
            dj_err_field(err, field, "请填写%s", what);
        return false;
    }
    if (!dj_date_valid(v)) {
        dj_err_field(err, field, "应为日期 YYYY-MM-DD");
        return false;
    }
    if (strcmp(v, today) > 0) {
        dj_err_field(err, field, "%s不能晚于今天", what);
        return false;
    }
    return true;
}

/* 入党申请人: 18 on the application day, the talk after it. */
static void check_applicant(const struct applicant_setting_row *rows, int n,
                            const struct applicant_facts *f, bool need_talk, const char *today,
                            struct dj_err *err)
{
    bool birth = *f->birth_date && dj_date_valid(f->birth_date);
    if (!birth)
        dj_err_field(err, "birth_date", *f->birth_date ? "应为日期 YYYY-MM-DD" : "请填写出生日期");
    if (!date_ok(f->applied_on, "applied_on", "申请日期", true, today, err))
        return;
    struct applicant_rules r;
    applicant_rules_on(rows, n, f->applied_on, &r);
    if (birth && applicant_age_on(f->birth_date, f->applied_on) < r.v[APS_MIN_AGE])
        dj_err_field(err, "applied_on", "申请入党时应年满 %d 周岁（第五条）", r.v[APS_MIN_AGE]);
    if (date_ok(f->talked_on, "talked_on", "谈话日期", need_talk, today, err) &&
        strcmp(f->talked_on, f->applied_on) < 0)
        dj_err_field(err, "talked_on", "谈话应在收到入党申请之后");
}

static void check_activist(const struct applicant_facts *f, const char *today, struct dj_err *err)
{
    if (date_ok(f->activist_on, "activist_on", "确定为入党积极分子的日期", true, today, err) &&
        *f->talked_on && strcmp(f->activist_on, f->talked_on) < 0)
        dj_err_field(err, "activist_on", "应在谈话之后确定为入党积极分子");
    if (f->contacts < 1 || f->contacts > 2)
        dj_err_field(err, "contact_ids", "应指定一至两名培养联系人（第九条）");
}

static void check_candidate(const struct applicant_setting_row *rows, int n,
                            const struct applicant_facts *f, const char *today, struct dj_err *err)
{
    if (!date_ok(f->candidate_on, "candidate_on", "确定为发展对象的日期", true, today, err) ||
        !*f->activist_on || !dj_date_valid(f->activist_on))
        return;
    struct applicant_rules r;
    applicant_rules_on(rows, n, f->candidate_on, &r);
    char earliest[11];
    applicant_add_months(f->activist_on, r.v[APS_TRAINING_MONTHS], earliest);
    if (strcmp(f->candidate_on, earliest) < 0) {
        dj_err_field(err, "candidate_on", "入党积极分子须经 %d 个月以上培养考察，最早 %s 可确定为发展对象（第十三条）",
                     r.v[APS_TRAINING_MONTHS], earliest);
        return;
    }
    /* one 考察 in every full period of review_months */
    int ay, am, ad, cy, cm, cd;
    ymd(f->activist_on, &ay, &am, &ad);
    ymd(f->candidate_on, &cy, &cm, &cd);
    int months = (cy - ay) * 12 + (cm - am) - (cd < ad ? 1 : 0);
    int needed = months / r.v[APS_REVIEW_MONTHS];
    if (f->reviews < needed)
        dj_err_field(err, "candidate_on", "培养期间应每 %d 个月考察一次：应有 %d 次考察记录，现有 %d 次",
                     r.v[APS_REVIEW_MONTHS], needed, f->reviews);
}

static void check_probationary(const struct applicant_setting_row *rows, int n,
                               const struct applicant_facts *f, const char *today, struct dj_err *err)
{
    bool admitted = date_ok(f->admitted_on, "admitted_on", "支部大会讨论日期", true, today, err);
    struct applicant_rules r;
    applicant_rules_on(rows, n, admitted ? f->admitted_on : today, &r);
    bool candidate = *f->candidate_on && dj_date_valid(f->candidate_on);
    if (date_ok(f->reviewed_on, "reviewed_on", "政治审查日期", true, today, err)) {
        if (candidate && strcmp(f->reviewed_on, f->candidate_on) < 0)
            dj_err_field(err, "reviewed_on", "政治审查应在确定为发展对象之后（第十六条）");
        else if (admitted && strcmp(f->reviewed_on, f->admitted_on) > 0)
            dj_err_field(err, "reviewed_on", "政治审查应在支部大会之前");
    }
    if (f->training_days < r.v[APS_MIN_TRAINING_DAYS] && f->training_hours < r.v[APS_MIN_TRAINING_HOURS])
        dj_err_field(err, "training_days", "发展对象应经过不少于 %d 天或 %d 学时的集中培训（第十七条）",
                     r.v[APS_MIN_TRAINING_DAYS], r.v[APS_MIN_TRAINING_HOURS]);
    bool from = date_ok(f->notice_from, "notice_from", "公示开始日期", true, today, err);
    bool to = date_ok(f->notice_to, "notice_to", "公示结束日期", true, today, err);
    if (from && candidate && strcmp(f->notice_from, f->candidate_on) < 0)
        dj_err_field(err, "notice_from", "公示应在确定为发展对象之后");
    if (from && to) {
        int days = applicant_working_days(f->notice_from, f->notice_to);
        if (days < r.v[APS_NOTICE_DAYS])
            dj_err_field(err, "notice_to", "公示应不少于 %d 个工作日，现为 %d 个", r.v[APS_NOTICE_DAYS], days);
        else if (admitted && strcmp(f->admitted_on, f->notice_to) <= 0)
            dj_err_field(err, "admitted_on", "支部大会应在公示期满之后召开");
    }
    if (f->introducers != 2)
        dj_err_field(err, "introducer_ids", "应有两名入党介绍人（第十四条）");
    else if (f->introducers_full != 2)
        dj_err_field(err, "introducer_ids", "入党介绍人应为正式党员（第十四条）");
    if (date_ok(f->approved_on, "approved_on", "上级党委审批日期", true, today, err) && admitted) {
        char last[11];
        applicant_add_months(f->admitted_on, r.v[APS_APPROVAL_MONTHS], last);
        if (strcmp(f->approved_on, f->admitted_on) < 0)
            dj_err_field(err, "approved_on", "审批应在支部大会之后");
        else if (strcmp(f->approved_on, last) > 0)
            dj_err_field(err, "approved_on", "上级党委应在支部大会后 %d 个月内审批（第二十九条），即 %s 前",
                         r.v[APS_APPROVAL_MONTHS], last);
    }
}

void applicant_probation_end(const struct applicant_setting_row *rows, int n,
                             const struct applicant_facts *f, char out[11])
{
    out[0] = '\0';
    if (!*f->admitted_on || !dj_date_valid(f->admitted_on))
        return;
    struct applicant_rules r;
    applicant_rules_on(rows, n, f->admitted_on, &r);
    char end[11];
    applicant_add_months(f->admitted_on, r.v[APS_PROBATION_MONTHS] + f->extension_months, end);
    dj_date_add_days(end, -1, out);
}

static void check_full(const struct applicant_setting_row *rows, int n, const struct applicant_facts *f,
                       const char *today, struct dj_err *err)
{
    if (!date_ok(f->full_on, "full_on", "转正日期", true, today, err))
        return;
    char end[11];
    applicant_probation_end(rows, n, f, end);
    if (*end && strcmp(f->full_on, end) <= 0)
        dj_err_field(err, "full_on", "预备期到 %s 届满，届满后方可转正（第三十二条）", end);
}

int applicant_check(const struct applicant_setting_row *rows, int n, const struct applicant_facts *f,
                    enum applicant_stage stage, const char *today, struct dj_err *err)
{
    struct dj_err local;
    dj_err_clear(&local);
    check_applicant(rows, n, f, stage >= AS_ACTIVIST, today, &local);
    if (stage >= AS_ACTIVIST)
        check_activist(f, today, &local);
    if (stage >= AS_CANDIDATE)
        check_candidate(rows, n, f, today, &local);
    if (stage >= AS_PROBATIONARY)
        check_probationary(rows, n, f, today, &local);
    if (stage >= AS_FULL)
        check_full(rows, n, f, today, &local);
    if (!local.code)
        return 0;
    if (err)
        *err = local;
    return DJ_EINVAL;
}

int applicant_extension_check(const struct applicant_setting_row *rows, int n,
                              const struct applicant_facts *f, int months, struct dj_err *err)
{
    if (!*f->admitted_on)
        return dj_err_field(err, "months", "尚未成为预备党员");
    if (f->extension_months)
        return dj_err_field(err, "months", "预备期只能延长一次（第三十三条）");
    struct applicant_rules r;
    applicant_rules_on(rows, n, f->admitted_on, &r);
    if (months < r.v[APS_EXTENSION_MIN] || months > r.v[APS_EXTENSION_MAX])
        return dj_err_field(err, "months", "延长预备期应为 %d 至 %d 个月（第三十三条）",
                            r.v[APS_EXTENSION_MIN], r.v[APS_EXTENSION_MAX]);
    return 0;
}
