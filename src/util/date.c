#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

static bool parse(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    return *y >= 1900 && *y <= 2199 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= month_days(*y, *m);
}

bool dj_date_valid(const char *s)
{
    int y, m, d;
    return parse(s, &y, &m, &d);
}

/* Howard Hinnant's days_from_civil */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int64_t dj_date_days(const char *s)
{
    int y, m, d;
    if (!parse(s, &y, &m, &d))
        return -1;
    return days_from_civil(y, (unsigned)m, (unsigned)d);
}

void dj_date_from_days(int64_t z, char out[DJ_DATE_LEN])
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    int year = (int)(y + (m <= 2));
    if (year < 0)
        year = 0;
    if (year > 9999)
        year = 9999;
    snprintf(out, DJ_DATE_LEN, "%04d-%02u-%02u", year % 10000, m % 13, d % 32);
}

int dj_tz_offset(const char *tz)
{
    /* computed without touching the process's TZ (threads share it) */
    if (tz && (strcmp(tz, "Asia/Shanghai") == 0 || strcmp(tz, "Asia/Chongqing") == 0 ||
               strcmp(tz, "Asia/Harbin") == 0 || strcmp(tz, "Asia/Urumqi") == 0 ||
               strcmp(tz, "Asia/Hong_Kong") == 0 || strcmp(tz, "Asia/Macau") == 0 ||
               strcmp(tz, "PRC") == 0))
        return 8 * 3600;
    return 0;
}

/* "" = the clock; written only while the configuration is read (one thread) */
static char fixed_today[DJ_DATE_LEN];

bool dj_date_fix_today(const char *date)
{
    if (!date || !*date) {
        fixed_today[0] = '\0';
        return true;
    }
    if (!dj_date_valid(date))
        return false;
    memcpy(fixed_today, date, DJ_DATE_LEN);
    return true;
}

void dj_date_today(const char *tz, char out[DJ_DATE_LEN])
{
    if (fixed_today[0]) {
        memcpy(out, fixed_today, DJ_DATE_LEN);
        return;
    }
    time_t now = time(NULL) + dj_tz_offset(tz);
    dj_date_from_days((int64_t)(now / 86400), out);
}

static void format_utc(int64_t seconds, int millis, char out[32])
{
    char day[DJ_DATE_LEN];
    int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    int64_t rest = seconds - days * 86400;
    dj_date_from_days(days, day);
    snprintf(out, 32, "%.10sT%02d:%02d:%02d.%03dZ", day, (int)(rest / 3600) % 24,
             (int)(rest / 60 % 60), (int)(rest % 60), millis % 1000);
}

bool dj_time_bound_utc(const char *s, bool end_of_day, int tz_offset, char out[32])
{
    if (!s)
        return false;
    size_t n = strlen(s);
    if (n == 10) {
        int64_t days = dj_date_days(s);
        if (days < 0)
            return false;
        int64_t t = days * 86400 - tz_offset + (end_of_day ? 86399 : 0);
        format_utc(t, end_of_day ? 999 : 0, out);
        return true;
    }
    char day[DJ_DATE_LEN];
    int hh, mm, ss, consumed = 0;
    if (n < 20 || s[10] != 'T')
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    int64_t days = dj_date_days(day);
    if (days < 0 || sscanf(s + 11, "%2d:%2d:%2d%n", &hh, &mm, &ss, &consumed) != 3 || consumed != 8 ||
        hh > 23 || mm > 59 || ss > 60)
        return false;
    const char *p = s + 19;
    int millis = 0;
    if (*p == '.') {
        p++;
        int digits = 0;
        while (*p >= '0' && *p <= '9') {
            if (digits < 3)
                millis = millis * 10 + (*p - '0');
            digits++;
            p++;
        }
        if (!digits)
            return false;
        for (; digits < 3; digits++)
            millis *= 10;
    }
    int offset = 0;
    if (*p == 'Z' && p[1] == '\0') {
        offset = 0;
    } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
        int oh = atoi(p + 1), om = atoi(p + 4);
        if (oh > 14 || om > 59)
            return false;
        offset = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
    } else {
        return false;
    }
    format_utc(days * 86400 + hh * 3600 + mm * 60 + ss - offset, millis, out);
    return true;
}

void dj_date_add_days(const char *date, int n, char out[DJ_DATE_LEN])
{
    dj_date_from_days(dj_date_days(date) + n, out);
}

bool dj_period_parse(const char *s, struct dj_period *out)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    char buf[DJ_DATE_LEN];
    if (n == 4 || (n == 6 && s[4] == 'Q')) {
        for (int i = 0; i < 4; i++)
            if (s[i] < '0' || s[i] > '9')
                return false;
        int y = atoi(s);
        int q = n == 6 ? s[5] - '0' : 0;
        if (n == 6 && (q < 1 || q > 4))
            return false;
        int m1 = q ? 3 * q - 2 : 1, m2 = q ? 3 * q : 12;
        snprintf(buf, sizeof buf, "%04d-%02d-01", y, m1);
        if (!dj_date_valid(buf))
            return false;
        memcpy(out->first, buf, DJ_DATE_LEN);
        snprintf(out->last, DJ_DATE_LEN, "%04d-%02d-%02d", y, m2, month_days(y, m2));
        return true;
    }
    if (n == 22 && !strncmp(s + 10, "..", 2)) {
        /* any range "2024-01-01..2025-12-31", across years */
        char last[DJ_DATE_LEN];
        snprintf(buf, sizeof buf, "%.10s", s);
        snprintf(last, sizeof last, "%.10s", s + 12);
        if (!dj_date_valid(buf) || !dj_date_valid(last) || strcmp(buf, last) > 0)
            return false;
        memcpy(out->first, buf, DJ_DATE_LEN);
        memcpy(out->last, last, DJ_DATE_LEN);
        return true;
    }
    if (n == 7 && s[4] == '-') {
        snprintf(buf, sizeof buf, "%.7s-01", s);
        if (!dj_date_valid(buf))
            return false;
        int y = atoi(s), m = atoi(s + 5);
        memcpy(out->first, buf, DJ_DATE_LEN);
        snprintf(out->last, DJ_DATE_LEN, "%04d-%02d-%02d", y, m, month_days(y, m));
        return true;
    }
    return false;
}
