/* appraisal_rules: the pure rules of 民主评议党员 and 支部书记述职评议 (no
 * database).  Grades 优秀 / 合格 / 基本合格 / 不合格; 优秀 at most num/den
 * (official default 1/3, 中组部's yearly instructions) of a base that is a
 * setting: those graded, or the branch's full members (正式党员); 预备党员
 * take part but are never graded.  A secretary's rating is 好 / 较好 / 一般 / 差. */
#ifndef DJ_APPRAISAL_RULES_H
#define DJ_APPRAISAL_RULES_H

#include <stdbool.h>

#include "store/appraisals.h"
#include "util/err.h"

#define APPRAISAL_NGRADES 4
extern const char *const appraisal_grades[APPRAISAL_NGRADES];
extern const char *const review_grades[APPRAISAL_NGRADES];

/* 4 for 优秀 down to 1 for 不合格; 0 for anything else. */
int appraisal_grade_rank(const char *grade);
bool review_grade_valid(const char *grade);

/* The official default: 1/3 of those graded, in force from 2000-01-01. */
void appraisal_cap_default(struct dj_appraisal_cap *c);
/* Checks a setting's fields: 0 < num <= den <= 100, base graded | full_members. */
int appraisal_cap_check_setting(const struct dj_appraisal_cap *c, struct dj_err *err);
/* The most 优秀 the cap allows: floor(base × num ÷ den) where base is graded
 * or full_members as the setting says. */
int appraisal_cap_max(const struct dj_appraisal_cap *c, int graded, int full_members);
/* 0, or DJ_EINVAL (field "grades") naming the limit when excellent exceeds it. */
int appraisal_cap_check(const struct dj_appraisal_cap *c, int excellent, int graded, int full_members,
                        struct dj_err *err);

#endif
