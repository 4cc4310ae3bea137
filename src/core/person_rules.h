/* person_rules: what makes a person's record valid — the rules of the roster
 * columns (身份证号 check digit and its agreement with 出生日期 and 性别, phone
 * numbers, dates, 政治面貌 from the fixed list, 转正时间 after 入党时间).
 * Pure functions: no database, no I/O. */
#ifndef DJ_PERSON_RULES_H
#define DJ_PERSON_RULES_H

#include <stdbool.h>

#include "store/people.h"

/* The fields of a person, in the order of the roster's columns. */
enum person_field {
    PF_STAFF_NO, PF_NAME, PF_GENDER, PF_ETHNICITY, PF_BIRTH_DATE, PF_ID_NUMBER, PF_EDUCATION,
    PF_DEPARTMENT, PF_POSITION, PF_POLITICAL_STATUS, PF_JOINED, PF_FULL_MEMBER, PF_BRANCH,
    PF_GROUP, PF_PHONE, PF_STATUS, PF_COUNT
};

/* The roster column title (工号, ...) and the API field name (staff_no, ...). */
const char *person_field_title(enum person_field f);
const char *person_field_name(enum person_field f);

/* One message per field at fault ("" where the field is fine). */
struct person_issues {
    int count;
    char message[PF_COUNT][320];
};

/* Checks p; branch_name and group_name are what the record names (may be
 * "" when none).  today bounds dates in the future. */
void person_check(const struct dj_person *p, const char *branch_name, const char *group_name,
                  const char *today, struct person_issues *out);

/* 身份证号 helpers. */
bool idcard_check_digit_ok(const char *id);
/* Masks all but the last 4 characters ("****" for 7 or fewer). */
void idcard_mask(const char *id, char *out, size_t size);
/* True for 中共党员 and 中共预备党员. */
bool political_is_member(const char *status);
bool political_status_valid(const char *status);
bool person_status_valid(const char *status);

#endif
