/* log: one line per event on stderr (or the file set by dj_log_open),
 * safe to call from any thread.  Never pass passwords, tokens or cookies. */
#ifndef DJ_LOG_H
#define DJ_LOG_H

enum dj_log_level { DJ_LOG_DEBUG, DJ_LOG_INFO, DJ_LOG_WARN, DJ_LOG_ERROR };

void dj_log_set_level(enum dj_log_level level);
/* Parses "debug", "info", "warn", "error"; returns -1 when unknown. */
int dj_log_parse_level(const char *name, enum dj_log_level *out);
/* Sends log lines to path (appended); NULL or "" or "-" means stderr.
 * Returns 0 or -1 when the file cannot be opened. */
int dj_log_open(const char *path);
void dj_log_close(void);
void dj_log(enum dj_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) dj_log(DJ_LOG_DEBUG, __VA_ARGS__)
#define log_info(...) dj_log(DJ_LOG_INFO, __VA_ARGS__)
#define log_warn(...) dj_log(DJ_LOG_WARN, __VA_ARGS__)
#define log_error(...) dj_log(DJ_LOG_ERROR, __VA_ARGS__)

#endif
