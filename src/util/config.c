#include "util/config.h"
#include "util/date.h"
#include "util/text.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum setting_type { SET_STR, SET_INT, SET_LONG, SET_BOOL };

struct setting {
    const char *section;
    const char *key;
    enum setting_type type;
    size_t offset;
    const char *def;
    long min, max; /* for numbers */
};

#define S(sec, key, type, field, def, min, max) \
    {sec, key, type, offsetof(struct dj_config, field), def, min, max}

static const struct setting settings[] = {
    S("server", "listen", SET_STR, listen, "127.0.0.1:8080", 0, 0),
    S("server", "threads", SET_INT, threads, "0", 0, 256),
    S("server", "max_connections", SET_INT, max_connections, "1024", 1, 100000),
    S("server", "connection_timeout", SET_INT, connection_timeout, "30", 1, 3600),
    S("server", "body_limit", SET_LONG, body_limit, "1048576", 1024, 1073741824L),
    S("server", "upload_limit", SET_LONG, upload_limit, "20971520", 1024, 1073741824L),
    S("server", "web_root", SET_STR, web_root, "web/dist", 0, 0),
    S("server", "trusted_proxy", SET_STR, trusted_proxy, "", 0, 0),
    S("server", "shutdown_grace", SET_INT, shutdown_grace, "4", 0, 600),
    S("server", "housekeeping_seconds", SET_INT, housekeeping_seconds, "60", 1, 86400),
    S("server", "gzip_min_bytes", SET_LONG, gzip_min_bytes, "1400", 0, 1073741824L),
    S("cache", "max_bytes", SET_LONG, cache_max_bytes, "33554432", 0, 17179869184L),
    S("database", "url", SET_STR, db, "var/dangjian.db", 0, 0),
    S("database", "busy_timeout_ms", SET_INT, busy_timeout_ms, "5000", 1, 600000),
    S("security", "key_file", SET_STR, key_file, "", 0, 0),
    S("security", "session_idle_minutes", SET_INT, session_idle_minutes, "60", 1, 100000),
    S("security", "session_absolute_hours", SET_INT, session_absolute_hours, "12", 1, 10000),
    S("security", "session_cache_seconds", SET_INT, session_cache_seconds, "2", 0, 60),
    S("security", "login_max_failures_account", SET_INT, login_max_failures_account, "5", 1, 1000),
    S("security", "login_max_failures_address", SET_INT, login_max_failures_address, "20", 1, 100000),
    S("security", "login_window_minutes", SET_INT, login_window_minutes, "15", 1, 10000),
    S("security", "password_min_length", SET_INT, password_min_length, "10", 8, 128),
    S("security", "denial_audit_seconds", SET_INT, denial_audit_seconds, "60", 1, 86400),
    S("security", "secure_cookie", SET_BOOL, secure_cookie, "false", 0, 1),
    S("log", "level", SET_STR, log_level, "info", 0, 0),
    S("log", "file", SET_STR, log_file, "-", 0, 0),
    S("log", "access_log", SET_BOOL, access_log, "true", 0, 1),
    S("log", "access", SET_STR, access, "all", 0, 0),
    S("log", "access_sample", SET_INT, access_sample, "1", 1, 1000000),
    S("bureau", "timezone", SET_STR, timezone, "Asia/Shanghai", 0, 0),
    S("bureau", "today", SET_STR, today, "", 0, 0),
    S("bureau", "term_warning_days", SET_INT, term_warning_days, "90", 0, 3650),
    S("meetings", "backfill_days", SET_INT, backfill_days, "7", 0, 3650),
    S("meetings", "refuse_late", SET_BOOL, refuse_late, "false", 0, 1),
    S("meetings", "warning_days", SET_INT, warning_days, "10", 0, 366),
    /* warnings engine (issue 17) */
    S("warnings", "job_seconds", SET_INT, warnings_job_seconds, "3600", 0, 604800),
    /* member self-service: signing in by QR code */
    S("meetings", "signin_grace_minutes", SET_INT, signin_grace_minutes, "10", 0, 240),
    S("meetings", "signin_code_seconds", SET_INT, signin_code_seconds, "120", 1, 86400),
    /* notifications (issue 17) */
    S("notify", "lease_seconds", SET_INT, notify_lease_seconds, "120", 20, 86400),
    S("notify", "ca_file", SET_STR, notify_ca_file, "", 0, 0),
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

static const struct setting *setting_find(const char *section, const char *key)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strcmp(settings[i].section, section) == 0 && strcmp(settings[i].key, key) == 0)
            return &settings[i];
    return NULL;
}

static int setting_apply(struct dj_config *cfg, const struct setting *s, const char *value,
                         struct dj_err *err)
{
    char *base = (char *)cfg;
    switch (s->type) {
    case SET_STR: {
        /* a fixed day takes effect for every reader of today's date at once */
        if (s->offset == offsetof(struct dj_config, today) && !dj_date_fix_today(value))
            return dj_err_set(err, DJ_EINVAL, "设置 %s.%s 应为空或 YYYY-MM-DD 形式的日期，而不是 \"%s\"",
                              s->section, s->key, value);
        char *copy = strdup(value);
        if (!copy)
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        char **slot = (char **)(base + s->offset);
        free(*slot);
        *slot = copy;
        return 0;
    }
    case SET_BOOL: {
        int v;
        if (!strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "1") || !strcmp(value, "on"))
            v = 1;
        else if (!strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "0") || !strcmp(value, "off"))
            v = 0;
        else
            return dj_err_set(err, DJ_EINVAL, "设置 %s.%s 应为 true 或 false，而不是 \"%s\"",
                              s->section, s->key, value);
        *(int *)(base + s->offset) = v;
        return 0;
    }
    case SET_INT:
    case SET_LONG: {
        errno = 0;
        char *end;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end || v < s->min || v > s->max)
            return dj_err_set(err, DJ_EINVAL, "设置 %s.%s 应为 %ld 到 %ld 之间的整数，而不是 \"%s\"",
                              s->section, s->key, s->min, s->max, value);
        if (s->type == SET_INT)
            *(int *)(base + s->offset) = (int)v;
        else
            *(long *)(base + s->offset) = v;
        return 0;
    }
    }
    return dj_err_set(err, DJ_EINTERNAL, "unknown setting type");
}

int dj_config_defaults(struct dj_config *cfg, struct dj_err *err)
{
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < NSETTINGS; i++) {
        int rc = setting_apply(cfg, &settings[i], settings[i].def, err);
        if (rc)
            return rc;
    }
    return 0;
}

struct ini_ctx {
    struct dj_config *cfg;
    struct dj_err *err;
    int rc;
};

static int ini_setting(void *user, const char *section, const char *name, const char *value)
{
    struct ini_ctx *ctx = user;
    const struct setting *s = setting_find(section, name);
    if (!s) {
        ctx->rc = dj_err_set(ctx->err, DJ_EINVAL, "未知的设置 [%s] %s", section, name);
        return 0;
    }
    struct dj_err inner;
    dj_err_clear(&inner);
    if (setting_apply(ctx->cfg, s, value, &inner) != 0) {
        ctx->rc = dj_err_set(ctx->err, inner.code, "%s", inner.message);
        return 0;
    }
    return 1;
}

int dj_config_load_file(struct dj_config *cfg, const char *path, struct dj_err *err)
{
    struct ini_ctx ctx = {cfg, err, 0};
    int r = ini_parse(path, ini_setting, &ctx);
    if (ctx.rc) {
        char msg[sizeof ctx.err->message];
        snprintf(msg, sizeof msg, "%s", err ? err->message : "");
        return dj_err_set(err, ctx.rc, "配置文件 %s 第 %d 行：%s", path, r, msg);
    }
    if (r == -1)
        return dj_err_set(err, DJ_EIO, "无法打开配置文件 %s：%s", path, strerror(errno));
    if (r == -2)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (r > 0)
        return dj_err_set(err, DJ_EINVAL, "配置文件 %s 第 %d 行格式错误", path, r);
    return 0;
}

int dj_config_load_env(struct dj_config *cfg, struct dj_err *err)
{
    /* the two most used settings have short names */
    const char *v = getenv("DANGJIAN_DB");
    if (v && *v && setting_apply(cfg, setting_find("database", "url"), v, err))
        return err ? err->code : DJ_EINVAL;
    v = getenv("DANGJIAN_LISTEN");
    if (v && *v && setting_apply(cfg, setting_find("server", "listen"), v, err))
        return err ? err->code : DJ_EINVAL;
    v = getenv("DANGJIAN_TODAY");
    if (v && *v && setting_apply(cfg, setting_find("bureau", "today"), v, err))
        return err ? err->code : DJ_EINVAL;
    for (size_t i = 0; i < NSETTINGS; i++) {
        char name[96];
        snprintf(name, sizeof name, "DANGJIAN_%s_%s", settings[i].section, settings[i].key);
        for (char *p = name; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        v = getenv(name);
        if (v && *v) {
            int rc = setting_apply(cfg, &settings[i], v, err);
            if (rc)
                return rc;
        }
    }
    return 0;
}

int dj_config_set(struct dj_config *cfg, const char *name, const char *value, struct dj_err *err)
{
    const char *dot = strchr(name, '.');
    if (!dot || dot == name || (size_t)(dot - name) >= 32)
        return dj_err_set(err, DJ_EINVAL, "设置名应为 section.key 形式：%s", name);
    char section[32];
    memcpy(section, name, (size_t)(dot - name));
    section[dot - name] = '\0';
    const struct setting *s = setting_find(section, dot + 1);
    if (!s)
        return dj_err_set(err, DJ_EINVAL, "未知的设置 %s", name);
    return setting_apply(cfg, s, value, err);
}

int dj_config_validate(const struct dj_config *cfg, struct dj_err *err)
{
    const char *colon = strrchr(cfg->listen, ':');
    if (!colon || colon == cfg->listen || atoi(colon + 1) < 0 || atoi(colon + 1) > 65535 ||
        colon[1] < '0' || colon[1] > '9')
        return dj_err_set(err, DJ_EINVAL, "server.listen 应为 主机:端口，例如 127.0.0.1:8080，而不是 \"%s\"",
                          cfg->listen);
    if (!*cfg->db)
        return dj_err_set(err, DJ_EINVAL, "database.url 不能为空");
    if ((strncmp(cfg->db, "postgresql://", 13) == 0 || strncmp(cfg->db, "postgres://", 11) == 0) &&
        !*cfg->key_file)
        return dj_err_set(err, DJ_EINVAL,
                          "使用 PostgreSQL 时必须设置密钥文件 security.key_file（--key-file）");
    if (strcmp(cfg->log_level, "debug") && strcmp(cfg->log_level, "info") &&
        strcmp(cfg->log_level, "warn") && strcmp(cfg->log_level, "error"))
        return dj_err_set(err, DJ_EINVAL, "log.level 应为 debug、info、warn 或 error");
    if (dj_config_access_mode(cfg) < 0)
        return dj_err_set(err, DJ_EINVAL, "log.access 应为 all、errors 或 off，而不是 \"%s\"",
                          cfg->access);
    return 0;
}

void dj_config_print(const struct dj_config *cfg, FILE *out)
{
    const char *section = "";
    const char *base = (const char *)cfg;
    for (size_t i = 0; i < NSETTINGS; i++) {
        const struct setting *s = &settings[i];
        if (strcmp(section, s->section) != 0) {
            fprintf(out, "%s[%s]\n", i ? "\n" : "", s->section);
            section = s->section;
        }
        switch (s->type) {
        case SET_STR: {
            const char *v = *(char *const *)(base + s->offset);
            char shown[512];
            dj_url_redact(v, shown, sizeof shown); /* never print a database password */
            fprintf(out, "%s = %s\n", s->key, shown);
            break;
        }
        case SET_INT:
            fprintf(out, "%s = %d\n", s->key, *(const int *)(base + s->offset));
            break;
        case SET_LONG:
            fprintf(out, "%s = %ld\n", s->key, *(const long *)(base + s->offset));
            break;
        case SET_BOOL:
            fprintf(out, "%s = %s\n", s->key, *(const int *)(base + s->offset) ? "true" : "false");
            break;
        }
    }
}

int dj_config_access_mode(const struct dj_config *cfg)
{
    if (!cfg->access_log)
        return DJ_ACCESS_OFF; /* the older switch, kept so that existing files still work */
    if (!cfg->access || !strcmp(cfg->access, "all"))
        return DJ_ACCESS_ALL;
    if (!strcmp(cfg->access, "errors"))
        return DJ_ACCESS_ERRORS;
    if (!strcmp(cfg->access, "off"))
        return DJ_ACCESS_OFF;
    return -1;
}

char *dj_config_key_path(const struct dj_config *cfg)
{
    if (cfg->key_file && *cfg->key_file)
        return strdup(cfg->key_file);
    size_t n = strlen(cfg->db) + 5;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s.key", cfg->db);
    return p;
}

void dj_config_free(struct dj_config *cfg)
{
    char *base = (char *)cfg;
    for (size_t i = 0; i < NSETTINGS; i++)
        if (settings[i].type == SET_STR) {
            char **slot = (char **)(base + settings[i].offset);
            free(*slot);
            *slot = NULL;
        }
}
