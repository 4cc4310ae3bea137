#include "util/clock.h"

#include <stdio.h>
#include <time.h>

int64_t dj_now_unix(void)
{
    return (int64_t)time(NULL);
}

int64_t dj_monotonic_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void dj_now_rfc3339(char buf[DJ_TIMESTAMP_LEN])
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, DJ_TIMESTAMP_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, DJ_TIMESTAMP_LEN - n, ".%03uZ", (unsigned)(ts.tv_nsec / 1000000) % 1000u);
}

void dj_unix_to_rfc3339(int64_t t, char buf[DJ_TIMESTAMP_LEN])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, DJ_TIMESTAMP_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
