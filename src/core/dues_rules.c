#include "core/dues_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

/* The official defaults (DOMAIN.md "Official rules"; docs/DUES.md cites them). */
static const struct dues_setting_def defs[DS_COUNT] = {
    [DS_SERVING_BRACKETS] = {"serving_brackets", "在职党员缴纳比例",
                             "3000:0.5%,5000:1%,10000:1.5%,*:2%",
                             "中组部《关于中国共产党党费收缴、使用和管理的规定》(2008) 第三条"},
    [DS_RETIRED_BRACKETS] = {"retired_brackets", "离退休党员缴纳比例（基本离退休费）",
                             "5000:0.5%,*:1%",
                             "中组部办公厅《关于进一步规范党费工作的通知》组电明字〔2017〕5号"},
    [DS_NO_INCOME] = {"no_income_amount", "无收入党员每月缴纳（元）", "0.20",
                      "中组部《关于中国共产党党费收缴、使用和管理的规定》(2008) 第五条"},
    [DS_MONTHLY_CAP] = {"monthly_cap", "每月党费一般不超过（元，0 为不设）", "1000",
                        "组电明字〔2017〕5号（本人自愿多交的不限）"},
    [DS_ROUNDING] = {"rounding", "分位取舍（half_up 四舍五入 / down 舍去 / up 进位）", "half_up",
                     "无全国规定：按精确乘积以分为单位四舍五入（本系统默认，可改）"},
    [DS_BASE_CHANGE] = {"base_change", "基数变动生效（year_start 次年一月 / salary_month 当月）",
                        "year_start",
                        "组电明字〔2017〕5号（每年核定一次，年内一般不变）；2008 年规定为工资变动当月"},
    [DS_BACK_MONTHS] = {"back_payment_months", "补缴一般不超过（月）", "6",
                        "中组部《关于中国共产党党费收缴、使用和管理的规定》(2008) 第十二条"},
    [DS_WARNING_MONTHS] = {"warning_months", "连续未缴提醒（月）", "3", "本系统默认（提前预警）"},
    [DS_SERIOUS_MONTHS] = {"serious_months", "连续未缴严重提醒（月，须小于 6）", "5",
                           "《中国共产党章程》第九条：连续六个月不交纳党费视为自行脱党，由支部大会决定"},
};

const struct dues_setting_def *dues_setting_def(enum dues_setting s)
{
    return (s >= 0 && s < DS_COUNT) ? &defs[s] : NULL;
}

int dues_setting_find(const char *name)
{
    for (int i = 0; name && i < DS_COUNT; i++)
        if (strcmp(defs[i].name, name) == 0)
            return i;
    return -1;
}

void dues_rules_default(struct dues_rules *r)
{
    memset(r, 0, sizeof *r);
    for (int i = 0; i < DS_COUNT; i++)
        (void)dues_setting_apply(r, (enum dues_setting)i, defs[i].fallback, NULL);
}

/* Money in yuan with at most two places, 0 or more. */
static int parse_yuan(const char *s, int64_t *fen)
{
    return dj_parse_centi(s, fen) == 0 && *fen >= 0 ? 0 : -1;
}

int dues_brackets_parse(const char *text, struct dues_bracket *out, int *n, struct dj_err *err)
{
    *n = 0;
    char buf[256];
    if (!text || strlen(text) >= sizeof buf)
        return dj_err_field(err, "value", "比例应写成 3000:0.5%%,5000:1%%,*:2%% 的形式");
    dj_copy(buf, sizeof buf, text);
    int64_t prev = -1;
    bool open_end = false;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",，", &save); tok; tok = strtok_r(NULL, ",，", &save)) {
        char *colon = strchr(tok, ':');
        size_t len = strlen(tok);
        if (!colon || open_end || *n >= DUES_MAX_BRACKETS || len < 3 || tok[len - 1] != '%')
            return dj_err_field(err, "value", "比例应写成 3000:0.5%%,5000:1%%,*:2%% 的形式，最多 8 档");
        *colon = '\0';
        tok[len - 1] = '\0';
        struct dues_bracket b;
        char *upto = tok;
        while (*upto == ' ')
            upto++;
        if (strcmp(upto, "*") == 0) {
            b.upto_fen = -1;
            open_end = true;
        } else if (parse_yuan(upto, &b.upto_fen) || b.upto_fen <= prev) {
            return dj_err_field(err, "value", "各档上限应为递增的金额（元）");
        }
        if (dj_parse_centi(colon + 1, &b.rate_bp) || b.rate_bp < 0 || b.rate_bp > 10000)
            return dj_err_field(err, "value", "比例应为 0%% 至 100%%，最多两位小数");
        prev = b.upto_fen;
        out[(*n)++] = b;
    }
    if (!open_end)
        return dj_err_field(err, "value", "最后一档应为 *（以上）");
    return 0;
}

static int parse_small_int(const char *s, int lo, int hi, int *out)
{
    int64_t v;
    if (dj_parse_int64(s, &v) || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int dues_setting_apply(struct dues_rules *r, enum dues_setting s, const char *value,
                       struct dj_err *err)
{
    struct dues_rules tmp;
    struct dues_rules *t = r ? r : &tmp;
    int64_t fen;
    int months;
    if (!value)
        return dj_err_field(err, "value", "请填写设置的值");
    switch (s) {
    case DS_SERVING_BRACKETS:
        return dues_brackets_parse(value, t->serving, &t->n_serving, err);
    case DS_RETIRED_BRACKETS:
        return dues_brackets_parse(value, t->retired, &t->n_retired, err);
    case DS_NO_INCOME:
        if (parse_yuan(value, &fen) || fen > 100000)
            return dj_err_field(err, "value", "应为 0 至 1000 元的金额，最多两位小数");
        t->no_income_fen = fen;
        return 0;
    case DS_MONTHLY_CAP:
        if (parse_yuan(value, &fen) || fen > DUES_BASE_MAX_FEN)
            return dj_err_field(err, "value", "应为金额（元），0 为不设上限");
        t->cap_fen = fen;
        return 0;
    case DS_ROUNDING:
        if (!strcmp(value, "half_up"))
            t->rounding = DUES_ROUND_HALF_UP;
        else if (!strcmp(value, "down"))
            t->rounding = DUES_ROUND_DOWN;
        else if (!strcmp(value, "up"))
            t->rounding = DUES_ROUND_UP;
        else
            return dj_err_field(err, "value", "应为 half_up、down 或 up");
        return 0;
    case DS_BASE_CHANGE:
        if (!strcmp(value, "year_start"))
            t->base_change = DUES_BASE_YEAR_START;
        else if (!strcmp(value, "salary_month"))
            t->base_change = DUES_BASE_SALARY_MONTH;
        else
            return dj_err_field(err, "value", "应为 year_start 或 salary_month");
        return 0;
    case DS_BACK_MONTHS:
        if (parse_small_int(value, 0, 60, &months))
            return dj_err_field(err, "value", "应为 0 至 60 的月数");
        t->back_months = months;
        return 0;
    case DS_WARNING_MONTHS:
        if (parse_small_int(value, 1, 5, &months))
            return dj_err_field(err, "value", "应为 1 至 5 的月数");
        t->warning_months = months;
        return 0;
    case DS_SERIOUS_MONTHS:
        if (parse_small_int(value, 1, 5, &months))
            return dj_err_field(err, "value", "应为 1 至 5 的月数（六个月即视为自行脱党，须在此之前提醒）");
        t->serious_months = months;
        return 0;
    case DS_COUNT:
        break;
    }
    return dj_err_field(err, "name", "没有这项设置");
}

int dues_rules_check(const struct dues_rules *r, struct dj_err *err)
{
    if (r->serious_months < r->warning_months)
        return dj_err_field(err, "value", "严重提醒的月数不能少于提醒的月数");
    return 0;
}

static int64_t rate_of(const struct dues_bracket *b, int n, int64_t base_fen)
{
    for (int i = 0; i < n; i++)
        if (b[i].upto_fen < 0 || base_fen <= b[i].upto_fen)
            return b[i].rate_bp;
    return n ? b[n - 1].rate_bp : 0;
}

int64_t dues_rate_bp(const struct dues_rules *r, enum dues_category c, int64_t base_fen)
{
    switch (c) {
    case DUES_SERVING:
        return rate_of(r->serving, r->n_serving, base_fen);
    case DUES_RETIRED:
        return rate_of(r->retired, r->n_retired, base_fen);
    default:
        return 0;
    }
}

int64_t dues_monthly_fen(const struct dues_rules *r, enum dues_category c, int64_t base_fen)
{
    if (c == DUES_NO_INCOME)
        return r->no_income_fen;
    if (base_fen <= 0)
        return 0;
    if (base_fen > DUES_BASE_MAX_FEN)
        base_fen = DUES_BASE_MAX_FEN; /* refused at input; keeps the product in range */
    int64_t product = base_fen * dues_rate_bp(r, c, base_fen); /* fen × 1/10000 */
    int64_t fen;
    switch (r->rounding) {
    case DUES_ROUND_DOWN:
        fen = product / 10000;
        break;
    case DUES_ROUND_UP:
        fen = (product + 9999) / 10000;
        break;
    default:
        fen = (product + 5000) / 10000;
        break;
    }
    if (r->cap_fen > 0 && fen > r->cap_fen)
        fen = r->cap_fen;
    return fen;
}

static const char *const cat_names[DUES_CATEGORY_COUNT] = {"serving", "retired", "no_income"};
static const char *const cat_labels[DUES_CATEGORY_COUNT] = {"在职", "离退休", "无收入"};

int dues_category_parse(const char *s)
{
    for (int i = 0; s && i < DUES_CATEGORY_COUNT; i++)
        if (!strcmp(s, cat_names[i]) || !strcmp(s, cat_labels[i]))
            return i;
    if (s && (!strcmp(s, "退休") || !strcmp(s, "离休")))
        return DUES_RETIRED;
    return -1;
}

const char *dues_category_name(enum dues_category c)
{
    return (c >= 0 && c < DUES_CATEGORY_COUNT) ? cat_names[c] : "";
}

const char *dues_category_label(enum dues_category c)
{
    return (c >= 0 && c < DUES_CATEGORY_COUNT) ? cat_labels[c] : "";
}

int dues_month_parse(const char *s)
{
    if (!s || strlen(s) != 7 || s[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int year = atoi(s), month = atoi(s + 5);
    if (year < 1900 || year > 2999 || month < 1 || month > 12)
        return -1;
    return year * 12 + month - 1;
}

int dues_month_of_date(const char *date)
{
    char m[8];
    if (!date || strlen(date) < 7)
        return -1;
    memcpy(m, date, 7);
    m[7] = '\0';
    return dues_month_parse(m);
}

void dues_month_format(int month, char out[8])
{
    if (month < 0)
        month = 0;
    snprintf(out, 8, "%04d-%02d", (month / 12) % 10000, month % 12 + 1);
}

int dues_base_for_month(const struct dues_rules *r, const struct dues_base_ref *bases, int n,
                        int month)
{
    int latest = -1;
    for (int i = 0; i < n && bases[i].from_month <= month; i++)
        latest = i;
    if (latest < 0 || r->base_change == DUES_BASE_SALARY_MONTH)
        return latest;
    int january = month - month % 12;
    int in_january = -1;
    for (int i = 0; i < n && bases[i].from_month <= january; i++)
        in_january = i;
    if (in_january >= 0)
        return in_january;
    /* new this year: the first base of the year (always <= month here) */
    for (int i = 0; i <= latest; i++)
        if (bases[i].from_month >= january)
            return i;
    return latest;
}

int dues_consecutive_unpaid(const bool *paid, int n)
{
    int run = 0;
    for (int i = n - 1; i >= 0 && !paid[i]; i--)
        run++;
    return run;
}

enum dues_flag dues_flag_of(const struct dues_rules *r, int consecutive_unpaid)
{
    if (consecutive_unpaid >= r->serious_months)
        return DUES_FLAG_SERIOUS;
    if (consecutive_unpaid >= r->warning_months)
        return DUES_FLAG_WARNING;
    return DUES_FLAG_NONE;
}

const char *dues_flag_name(enum dues_flag f)
{
    return f == DUES_FLAG_SERIOUS ? "serious" : f == DUES_FLAG_WARNING ? "warning" : "";
}
