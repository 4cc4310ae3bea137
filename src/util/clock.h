/* clock: the time functions every layer uses, so that tests can reason
 * about them in one place. */
#ifndef DJ_CLOCK_H
#define DJ_CLOCK_H

#include <stdint.h>

#define DJ_TIMESTAMP_LEN 32

/* Seconds since the epoch, UTC. */
int64_t dj_now_unix(void);
/* Microseconds from a monotonic clock, for durations. */
int64_t dj_monotonic_us(void);
/* Writes the current time as RFC 3339 UTC with milliseconds,
 * e.g. 2026-11-23T12:00:00.123Z, into buf (DJ_TIMESTAMP_LEN bytes). */
void dj_now_rfc3339(char buf[DJ_TIMESTAMP_LEN]);
/* Formats unix seconds as RFC 3339 UTC without fraction. */
void dj_unix_to_rfc3339(int64_t t, char buf[DJ_TIMESTAMP_LEN]);

#endif
