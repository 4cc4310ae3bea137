/* dues_rules: the arithmetic of 党费, pure (no database, no allocation).
 *
 * Owns struct dues_rules (one bureau's named settings in force for a month),
 * the official defaults with their sources, parsing and checking of each named
 * setting's text, the rate and the monthly amount in fen, which base applies
 * to a month, and the consecutive-unpaid count with its flags.
 *
 * Money is integer fen (分) and rates integer basis points (万分之一, 0.5% =
 * 50); nothing uses floating point.  The monthly amount is computed from the
 * exact product base_fen × rate_bp (divided by 10000) and rounded to the fen
 * by the `rounding` setting: half up (default: x.5 fen and more goes up), down
 * or up; then the monthly cap applies (the member may pay more).  Months are
 * counted as year × 12 + (month − 1).  Everything here is caller-owned memory. */
#ifndef DJ_DUES_RULES_H
#define DJ_DUES_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "util/err.h"

enum dues_category { DUES_SERVING, DUES_RETIRED, DUES_NO_INCOME, DUES_CATEGORY_COUNT };
enum dues_rounding { DUES_ROUND_HALF_UP, DUES_ROUND_DOWN, DUES_ROUND_UP };
/* When a new base takes effect: from the next January (2017, the default) or
 * from the month the new salary is first paid (2008). */
enum dues_base_change { DUES_BASE_YEAR_START, DUES_BASE_SALARY_MONTH };
enum dues_flag { DUES_FLAG_NONE, DUES_FLAG_WARNING, DUES_FLAG_SERIOUS };

#define DUES_MAX_BRACKETS 8
#define DUES_BASE_MAX_FEN 1000000000LL /* 10,000,000.00 yuan: anything above is a typing error */

struct dues_bracket {
    int64_t upto_fen; /* up to and including; -1: no upper limit (the last bracket) */
    int64_t rate_bp;  /* basis points of the whole base */
};

struct dues_rules {
    struct dues_bracket serving[DUES_MAX_BRACKETS];
    int n_serving;
    struct dues_bracket retired[DUES_MAX_BRACKETS];
    int n_retired;
    int64_t no_income_fen;  /* students, unemployed, on relief: a fixed amount */
    int64_t cap_fen;        /* monthly cap of the computed amount, 0: none */
    enum dues_rounding rounding;
    enum dues_base_change base_change;
    int back_months;        /* back-payment beyond this many months needs confirmation */
    int warning_months;     /* consecutive unpaid months that raise a warning */
    int serious_months;     /* ... a serious warning (before the 6 of 党章 第九条) */
};

/* The named settings, in a fixed order (for listing and for the API). */
enum dues_setting {
    DS_SERVING_BRACKETS,
    DS_RETIRED_BRACKETS,
    DS_NO_INCOME,
    DS_MONTHLY_CAP,
    DS_ROUNDING,
    DS_BASE_CHANGE,
    DS_BACK_MONTHS,
    DS_WARNING_MONTHS,
    DS_SERIOUS_MONTHS,
    DS_COUNT
};
struct dues_setting_def {
    const char *name;     /* "serving_brackets" */
    const char *label;    /* 在职党员缴费比例 */
    const char *fallback; /* the official default's text */
    const char *source;   /* where the default comes from */
};
const struct dues_setting_def *dues_setting_def(enum dues_setting s);
/* The setting named name, or -1. */
int dues_setting_find(const char *name);

/* Fills r with the official defaults. */
void dues_rules_default(struct dues_rules *r);
/* Checks value as the text of setting s and, when r is not NULL, applies it.
 * Invalid text is DJ_EINVAL with the field "value". */
int dues_setting_apply(struct dues_rules *r, enum dues_setting s, const char *value,
                       struct dj_err *err);
/* Checks that r holds together (serious after warning); DJ_EINVAL otherwise. */
int dues_rules_check(const struct dues_rules *r, struct dj_err *err);

/* Brackets as text: "3000:0.5%,5000:1%,10000:1.5%,*:2%" — yuan up to and
 * including, then the rate in percent with at most two places; "*" the rest. */
int dues_brackets_parse(const char *text, struct dues_bracket *out, int *n, struct dj_err *err);

/* The rate (basis points) on the whole base; 0 for DUES_NO_INCOME. */
int64_t dues_rate_bp(const struct dues_rules *r, enum dues_category c, int64_t base_fen);
/* The monthly amount in fen: the fixed amount without income, else
 * base × rate rounded by r->rounding, at most r->cap_fen. */
int64_t dues_monthly_fen(const struct dues_rules *r, enum dues_category c, int64_t base_fen);

/* "serving" / "retired" / "no_income" and their Chinese words; -1 when unknown. */
int dues_category_parse(const char *s);
const char *dues_category_name(enum dues_category c);
const char *dues_category_label(enum dues_category c);

/* "YYYY-MM" → month number, -1 when invalid; a date "YYYY-MM-DD" → its month. */
int dues_month_parse(const char *s);
int dues_month_of_date(const char *date);
void dues_month_format(int month, char out[8]);

/* A base as the rules see it: from which month, which category, how much. */
struct dues_base_ref {
    int from_month;
    enum dues_category category;
    int64_t base_fen;
};
/* The index of the base that applies to month among bases sorted by
 * from_month ascending, or -1 when none does.  DUES_BASE_SALARY_MONTH: the
 * latest from_month <= month.  DUES_BASE_YEAR_START: the base in force in
 * January of month's year; a member without one then (new that year) takes
 * the first base of the year up to month. */
int dues_base_for_month(const struct dues_rules *r, const struct dues_base_ref *bases, int n,
                        int month);

/* The run of unpaid months ending with the last of paid[0..n) (false = unpaid). */
int dues_consecutive_unpaid(const bool *paid, int n);
enum dues_flag dues_flag_of(const struct dues_rules *r, int consecutive_unpaid);
const char *dues_flag_name(enum dues_flag f); /* "", "warning", "serious" */

#endif
