#include "core/appraisal_rules.h"

#include <string.h>

#include "util/text.h"

const char *const appraisal_grades[APPRAISAL_NGRADES] = {"优秀", "合格", "基本合格", "不合格"};
const char *const review_grades[APPRAISAL_NGRADES] = {"好", "较好", "一般", "差"};

int appraisal_grade_rank(const char *grade)
{
    for (int i = 0; grade && i < APPRAISAL_NGRADES; i++)
        if (!strcmp(grade, appraisal_grades[i]))
            return APPRAISAL_NGRADES - i;
    return 0;
}

bool review_grade_valid(const char *grade)
{
    for (int i = 0; grade && i < APPRAISAL_NGRADES; i++)
        if (!strcmp(grade, review_grades[i]))
            return true;
    return false;
}

void appraisal_cap_default(struct dj_appraisal_cap *c)
{
    memset(c, 0, sizeof *c);
    dj_copy(c->effective_from, sizeof c->effective_from, "2000-01-01");
    c->num = 1;
    c->den = 3;
    dj_copy(c->base, sizeof c->base, "graded");
    dj_copy(c->source, sizeof c->source, "中组部关于民主评议党员的年度通知：优秀一般不超过三分之一");
}

int appraisal_cap_check_setting(const struct dj_appraisal_cap *c, struct dj_err *err)
{
    if (c->den <= 0 || c->den > 100)
        dj_err_field(err, "excellent_den", "应为 1 至 100");
    if (c->num <= 0 || c->num > c->den)
        dj_err_field(err, "excellent_num", "应为 1 至分母");
    if (strcmp(c->base, "graded") && strcmp(c->base, "full_members"))
        dj_err_field(err, "cap_base", "应为 graded 或 full_members");
    return err && err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

int appraisal_cap_max(const struct dj_appraisal_cap *c, int graded, int full_members)
{
    int base = !strcmp(c->base, "full_members") ? full_members : graded;
    if (c->den <= 0 || base <= 0)
        return 0;
    return (int)((long long)base * c->num / c->den);
}

int appraisal_cap_check(const struct dj_appraisal_cap *c, int excellent, int graded, int full_members,
                        struct dj_err *err)
{
    int max = appraisal_cap_max(c, graded, full_members);
    if (excellent <= max)
        return 0;
    return dj_err_field(err, "grades", "优秀 %d 人，超过%s的 %d/%d（至多 %d 人）", excellent,
                        !strcmp(c->base, "full_members") ? "正式党员" : "参加定等人数", c->num, c->den, max);
}
