/* applicant_rules: the stage machine of 发展党员, pure (no database, no
 * allocation).  《中国共产党发展党员工作细则》(2014): 入党申请人 → 入党积极分子 →
 * 发展对象 → 预备党员 → 正式党员.
 *
 * Owns the five stages, the named checks of the 细则 with their official
 * defaults and sources (each a dated setting: a bureau's own value holds from a
 * day on, and a check uses the value in force on the day of the step it
 * checks), the date arithmetic of the stages (whole years of age, adding
 * months, working days of a notice) and the check of every date and fact a
 * stage needs.  Checks fill field errors named as the API's fields.  All
 * memory is the caller's. */
#ifndef DJ_APPLICANT_RULES_H
#define DJ_APPLICANT_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "util/err.h"

enum applicant_stage {
    AS_APPLICANT,    /* 入党申请人 */
    AS_ACTIVIST,     /* 入党积极分子 */
    AS_CANDIDATE,    /* 发展对象 */
    AS_PROBATIONARY, /* 预备党员 */
    AS_FULL,         /* 正式党员 */
    AS_COUNT
};
/* "applicant" ... "full"; -1 when unknown. */
int applicant_stage_parse(const char *s);
const char *applicant_stage_name(enum applicant_stage s);
/* The roster's 政治面貌 of a stage (入党申请人 ... 中共党员). */
const char *applicant_stage_label(enum applicant_stage s);

enum applicant_setting {
    APS_MIN_AGE,           /* 18 years on the application day (第五条) */
    APS_TALK_MONTHS,       /* the organisation's talk within 1 month (第七条) */
    APS_TRAINING_MONTHS,   /* at least 12 months as 积极分子 (第十三条) */
    APS_REVIEW_MONTHS,     /* a 考察 every 3 months (第十二条, 每半年 at the least; quarterly is usual) */
    APS_MIN_TRAINING_DAYS, /* short training of 3 days ... (第十七条) */
    APS_MIN_TRAINING_HOURS,/* ... or 24 学时 */
    APS_NOTICE_DAYS,       /* 公示 of 5 working days (a common local rule) */
    APS_APPROVAL_MONTHS,   /* the higher committee approves within 3 months (第二十九条) */
    APS_PROBATION_MONTHS,  /* 预备期 of 12 months (第三十二条) */
    APS_EXTENSION_MIN,     /* an extension of 6 ... */
    APS_EXTENSION_MAX,     /* ... to 12 months (第三十三条) */
    APS_COUNT
};
struct applicant_setting_def {
    const char *name;   /* "min_age" */
    const char *label;  /* 申请入党最低年龄（周岁） */
    int fallback;       /* the official default */
    int min, max;       /* the range a bureau may set */
    const char *source; /* where the default comes from */
};
const struct applicant_setting_def *applicant_setting_def(enum applicant_setting s);
/* The setting named name, or -1. */
int applicant_setting_find(const char *name);

/* A bureau's own value of a setting from a day on. */
struct applicant_setting_row {
    const char *name;
    int value;
    const char *effective_from; /* YYYY-MM-DD */
};
struct applicant_rules {
    int v[APS_COUNT];
};
/* The settings in force on day: for each the latest row at or before it,
 * else the official default. */
void applicant_rules_on(const struct applicant_setting_row *rows, int n, const char *day,
                        struct applicant_rules *out);

/* Date arithmetic.  All dates valid YYYY-MM-DD. */
/* Whole years from birth to day (a 29 February birthday falls on 1 March). */
int applicant_age_on(const char *birth, const char *day);
/* date + n months; a day past the month's end becomes its last day. */
void applicant_add_months(const char *date, int n, char out[11]);
/* Monday-to-Friday days from..to inclusive (0 when to is before from). */
int applicant_working_days(const char *from, const char *to);

/* What the checks look at: the record's dates and what core counted. */
struct applicant_facts {
    char birth_date[11];
    char applied_on[11];
    char talked_on[11];
    char activist_on[11];
    int contacts;          /* 培养联系人 named (distinct) */
    char candidate_on[11];
    int reviews;           /* 考察 recorded from activist_on to candidate_on */
    char reviewed_on[11];  /* 政治审查 */
    int training_days, training_hours;
    char notice_from[11], notice_to[11];
    int introducers;       /* distinct 入党介绍人 named */
    int introducers_full;  /* ... of them 正式党员 on admitted_on */
    char admitted_on[11];  /* 支部大会 */
    char approved_on[11];  /* 上级党委审批 */
    int extension_months;  /* 0: 预备期 not extended */
    char full_on[11];      /* 转正 (支部大会) */
};

/* Checks that f holds every date and fact of stages up to `stage` and that
 * each step came no earlier than its rules allow; settings are read from rows
 * as in force on each step's day, and no step may be after today.  Every
 * failure is a field error; DJ_EINVAL when any. */
int applicant_check(const struct applicant_setting_row *rows, int n, const struct applicant_facts *f,
                    enum applicant_stage stage, const char *today, struct dj_err *err);

/* The last day of the 预备期 (admitted_on + probation + extension months,
 * less a day); "" without admitted_on. */
void applicant_probation_end(const struct applicant_setting_row *rows, int n,
                             const struct applicant_facts *f, char out[11]);
/* Whether the 预备期 may be extended by months (the range in force on
 * admitted_on): 0 when allowed, else a field error "months". */
int applicant_extension_check(const struct applicant_setting_row *rows, int n,
                              const struct applicant_facts *f, int months, struct dj_err *err);

#endif
