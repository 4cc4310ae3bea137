/* date: calendar dates as 'YYYY-MM-DD' text and as day numbers, and the
 * periods of API.md ('2026Q3', '2026-07', '2026'). */
#ifndef DJ_DATE_H
#define DJ_DATE_H

#include <stdbool.h>
#include <stdint.h>

#define DJ_DATE_LEN 11 /* "YYYY-MM-DD" and NUL */

/* True when s is exactly a valid calendar date YYYY-MM-DD (years 1900-2199). */
bool dj_date_valid(const char *s);
/* Days since 1970-01-01 of a valid date; -1 when s is not one. */
int64_t dj_date_days(const char *s);
/* The date of a day number. */
void dj_date_from_days(int64_t days, char out[DJ_DATE_LEN]);
/* Today in the given IANA time zone (e.g. "Asia/Shanghai"); UTC when unknown. */
void dj_date_today(const char *tz, char out[DJ_DATE_LEN]);
/* Adds n days to a valid date. */
void dj_date_add_days(const char *date, int n, char out[DJ_DATE_LEN]);

/* A period: [first, last] dates.  Accepts "2026", "2026Q3", "2026-07". */
struct dj_period {
    char first[DJ_DATE_LEN];
    char last[DJ_DATE_LEN];
};
bool dj_period_parse(const char *s, struct dj_period *out);

#endif
