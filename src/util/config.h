/* config: every setting of dangjian, from defaults, then the INI file,
 * then DANGJIAN_<SECTION>_<KEY> environment variables, then flags.
 *
 * The table in config.c is the single list of settings; docs/CONFIG.md
 * describes the same list.  struct dj_config is plain data owned by the
 * caller; dj_config_free releases its strings.
 *
 * bureau.today is the one setting with an effect beyond the struct: setting
 * it (defaults included) fixes the day util/date answers for the whole
 * process (dj_date_fix_today), so that every "today" follows it. */
#ifndef DJ_CONFIG_H
#define DJ_CONFIG_H

#include <stdio.h>

#include "util/err.h"

struct dj_config {
    /* [server] */
    char *listen;            /* host:port */
    int threads;             /* 0 = number of cores */
    int max_connections;
    int connection_timeout;  /* seconds idle before a connection is closed */
    long body_limit;         /* bytes of a JSON request body */
    long upload_limit;       /* bytes of an uploaded file (imports, evidence) */
    char *web_root;          /* built UI (web/dist) */
    char *trusted_proxy;     /* address of a reverse proxy whose X-Forwarded-For is believed */
    int shutdown_grace;      /* seconds to finish requests in flight */
    int housekeeping_seconds; /* period of the purge of expired sessions */
    long gzip_min_bytes;     /* JSON answers from this size on are gzipped when accepted; 0 = never */
    /* [cache] */
    long cache_max_bytes;    /* memory of the answer cache (bodies and keys); 0 = no cache */
    /* [database] */
    char *db;                /* SQLite path or postgresql:// URL */
    int busy_timeout_ms;
    /* [security] */
    char *key_file;          /* "" = <db>.key beside a SQLite file */
    int session_idle_minutes;
    int session_absolute_hours;
    int session_cache_seconds; /* how long a worker may reuse a resolved session */
    int login_max_failures_account;
    int login_max_failures_address;
    int login_window_minutes;
    int password_min_length;
    int denial_audit_seconds; /* at most one "denied" record per account and route this often */
    int secure_cookie;       /* 1 adds Secure to the cookie (behind HTTPS) */
    /* [log] */
    char *log_level;
    char *log_file;
    int access_log;          /* false turns the access log off whatever `access` says */
    char *access;            /* "all", "errors" (status >= 400 only) or "off" */
    int access_sample;       /* with "all": one in this many answers below 400 is logged */
    /* [bureau] */
    char *timezone;
    char *today;             /* "" = the clock; a fixed YYYY-MM-DD for tests and demonstrations */
    int term_warning_days;   /* warn this many days before a committee's term ends */
    /* [meetings] */
    int backfill_days;       /* a record made later than this after the meeting is late */
    int refuse_late;         /* 1: refuse late records instead of flagging them */
    int warning_days;        /* warn this many days before a meeting requirement falls due */
    int warnings_job_seconds; /* the warnings engine's period per bureau (0: off) */
    int signin_grace_minutes; /* signing in later than this after the start is 迟到 */
    int signin_code_seconds;  /* a sign-in QR code's token is good for this long */
    /* [notify] (issue 17) */
    int notify_lease_seconds; /* a message claimed this long ago by a server that vanished is sent again */
    char *notify_ca_file;    /* CA bundle for SMTP and gateways over TLS; "" = the system's */
};

/* Fills cfg with the defaults. 0 or DJ_ENOMEM. */
int dj_config_defaults(struct dj_config *cfg, struct dj_err *err);
/* Reads an INI file over the current values. Unknown sections or keys and
 * bad values are errors naming the line. */
int dj_config_load_file(struct dj_config *cfg, const char *path, struct dj_err *err);
/* Applies DANGJIAN_<SECTION>_<KEY> variables (and DANGJIAN_DB, DANGJIAN_LISTEN,
 * DANGJIAN_TODAY). */
int dj_config_load_env(struct dj_config *cfg, struct dj_err *err);
/* Sets one "section.key" to a textual value, checking its type and range. */
int dj_config_set(struct dj_config *cfg, const char *name, const char *value, struct dj_err *err);
/* Checks the values that must agree with each other. */
int dj_config_validate(const struct dj_config *cfg, struct dj_err *err);
/* Writes the effective configuration as INI. */
void dj_config_print(const struct dj_config *cfg, FILE *out);
/* log.access as a number; -1 when the text is none of the three. */
enum { DJ_ACCESS_OFF = 0, DJ_ACCESS_ERRORS = 1, DJ_ACCESS_ALL = 2 };
int dj_config_access_mode(const struct dj_config *cfg);
/* The key file path: key_file if set, else "<db>.key" (caller frees). */
char *dj_config_key_path(const struct dj_config *cfg);
void dj_config_free(struct dj_config *cfg);

#endif
