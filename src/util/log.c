#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static enum dj_log_level log_level = DJ_LOG_INFO;
static FILE *log_file; /* NULL means stderr */

void dj_log_set_level(enum dj_log_level level)
{
    log_level = level;
}

int dj_log_parse_level(const char *name, enum dj_log_level *out)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (enum dj_log_level)i;
            return 0;
        }
    return -1;
}

int dj_log_open(const char *path)
{
    if (!path || !*path || strcmp(path, "-") == 0)
        return 0;
    FILE *f = fopen(path, "a");
    if (!f)
        return -1;
    setvbuf(f, NULL, _IOLBF, 0);
    log_file = f;
    return 0;
}

void dj_log_close(void)
{
    if (log_file)
        fclose(log_file);
    log_file = NULL;
}

void dj_log(enum dj_log_level level, const char *fmt, ...)
{
    static const char *const tags[] = {"DEBUG", "INFO", "WARN", "ERROR"};
    if (level < log_level)
        return;
    FILE *out = log_file ? log_file : stderr;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char line[2048];
    int n = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s ",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                     tm.tm_sec, ts.tv_nsec / 1000000, tags[level]);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof line)
        vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    /* one fputs per line keeps lines from different threads whole */
    flockfile(out);
    fputs(line, out);
    fputc('\n', out);
    funlockfile(out);
}
