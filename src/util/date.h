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
/* Today in the given IANA time zone (e.g. "Asia/Shanghai"); UTC when unknown.
 * When a fixed day is set (dj_date_fix_today), that day instead. */
void dj_date_today(const char *tz, char out[DJ_DATE_LEN]);
/* Fixes the day dj_date_today answers, whatever the clock says: the setting
 * bureau.today (DANGJIAN_TODAY), for tests and demonstrations only.  NULL or
 * "" returns to the clock.  Process-wide: set it at start-up, before threads
 * start.  False (and nothing changes) when date is not a valid date. */
bool dj_date_fix_today(const char *date);
/* Adds n days to a valid date. */
void dj_date_add_days(const char *date, int n, char out[DJ_DATE_LEN]);

/* Seconds east of UTC of an IANA zone name: Asia/Shanghai and the other
 * zones of China are +8 (no daylight saving since 1991); others are 0. */
int dj_tz_offset(const char *tz);

/* A time bound for filtering RFC 3339 UTC timestamps: a plain date is a
 * calendar day in the zone (its first millisecond, or with end_of_day its
 * last); a full time with Z or an offset is converted to UTC.  out gets
 * "YYYY-MM-DDTHH:MM:SS.mmmZ"; false when s is neither. */
bool dj_time_bound_utc(const char *s, bool end_of_day, int tz_offset, char out[32]);

/* A period: [first, last] dates.  Accepts "2026", "2026Q3", "2026-07". */
struct dj_period {
    char first[DJ_DATE_LEN];
    char last[DJ_DATE_LEN];
};
/* "2026", "2026Q3", "2026-07", or any range "2024-01-01..2025-12-31"
 * (DJ_PERIOD_LEN with the NUL; first not after last). */
#define DJ_PERIOD_LEN 23
bool dj_period_parse(const char *s, struct dj_period *out);

#endif
