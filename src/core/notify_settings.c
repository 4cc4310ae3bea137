#include "core/notify_settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/notify.h"
#include "util/date.h"
#include "util/text.h"

const char *const notify_channels[] = {"email", "sms", "wecom", "dingtalk", NULL};
/* the kinds of message the routes name */
static const char *const notify_kinds[] = {"daily_reminder", NULL};
static const char *const secret_names[] = {"smtp_password", "sms_secret", "wecom_url",
                                           "dingtalk_url", "dingtalk_secret", NULL};

bool notify_channel_valid(const char *c)
{
    for (int i = 0; notify_channels[i]; i++)
        if (!strcmp(c, notify_channels[i]))
            return true;
    return false;
}

static bool in_list(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(list[i], s))
            return true;
    return false;
}

int notify_minutes(const char *s)
{
    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
    return h < 24 && m < 60 ? h * 60 + m : -1;
}

bool notify_in_quiet(const char *from, const char *to, int minute)
{
    int f = notify_minutes(from), t = notify_minutes(to);
    if (f < 0 || t < 0 || f == t)
        return false;
    return f < t ? minute >= f && minute < t : minute >= f || minute < t;
}

/* ---- the shape of the settings: every field with its type and default ---- */

enum ftype { F_STR, F_INT, F_BOOL, F_STRS };
struct field {
    const char *section; /* NULL: top level */
    const char *name;
    enum ftype type;
    const char *def; /* text of the default (F_STRS: comma-separated) */
    int max;         /* F_STR: characters; F_INT: the largest value */
};
static const struct field fields[] = {
    {NULL, "daily_enabled", F_BOOL, "0", 0},
    {NULL, "daily_time", F_STR, "08:00", 5},
    {NULL, "timezone", F_STR, "Asia/Shanghai", 64},
    {NULL, "retry_seconds", F_INT, "60", 86400},
    {NULL, "max_attempts", F_INT, "5", 20},
    {"email", "enabled", F_BOOL, "0", 0},
    {"email", "host", F_STR, "", 253},
    {"email", "port", F_INT, "25", 65535},
    {"email", "tls", F_STR, "starttls", 16},
    {"email", "username", F_STR, "", 128},
    {"email", "from", F_STR, "", 128},
    {"sms", "enabled", F_BOOL, "0", 0},
    {"sms", "url", F_STR, "", 500},
    {"sms", "method", F_STR, "POST", 8},
    {"sms", "headers", F_STRS, "", 300},
    {"sms", "body", F_STR, "", 2000},
    {"sms", "body_escape", F_STR, "json", 8},
    {"sms", "sign", F_STR, "none", 16},
    {"sms", "sign_header", F_STR, "X-Signature", 64},
    {"sms", "sign_string", F_STR, "{timestamp}\n{body}", 500},
    {"sms", "access_key_id", F_STR, "", 128},
    {"sms", "sign_name", F_STR, "", 64},
    {"sms", "template_code", F_STR, "", 64},
    {"sms", "app_id", F_STR, "", 64},
    {"wecom", "enabled", F_BOOL, "0", 0},
    {"dingtalk", "enabled", F_BOOL, "0", 0},
    {"routes", "daily_reminder", F_STRS, "sms,email", 16},
};
#define NFIELDS ((int)(sizeof fields / sizeof fields[0]))

static json_t *default_of(const struct field *f)
{
    switch (f->type) {
    case F_BOOL: return json_boolean(f->def[0] == '1');
    case F_INT: return json_integer(atoi(f->def));
    case F_STR: return json_string(f->def);
    case F_STRS: {
        json_t *a = json_array();
        char buf[128];
        snprintf(buf, sizeof buf, "%s", f->def);
        for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
            json_array_append_new(a, json_string(t));
        return a;
    }
    }
    return NULL;
}

static json_t *section_of(json_t *root, const char *section, bool create)
{
    if (!section)
        return root;
    json_t *s = json_object_get(root, section);
    if (!json_is_object(s) && create) {
        s = json_object();
        json_object_set_new(root, section, s);
    }
    return json_is_object(s) ? s : NULL;
}

/* The stored object with every missing field set to its default and unknown
 * ones dropped (a field removed in a later version). */
static json_t *normalise(json_t *stored)
{
    json_t *out = json_object();
    if (!out)
        return NULL;
    for (int i = 0; i < NFIELDS; i++) {
        const struct field *f = &fields[i];
        json_t *from = section_of(stored, f->section, false);
        json_t *v = from ? json_object_get(from, f->name) : NULL;
        json_t *to = section_of(out, f->section, true);
        if (!to)
            break;
        json_object_set_new(to, f->name, v ? json_incref(v) : default_of(f));
    }
    return out;
}

static int check_value(const struct field *f, json_t *v, char *path, struct dj_err *err)
{
    switch (f->type) {
    case F_BOOL:
        return json_is_boolean(v) ? 0 : dj_err_field(err, path, "应为 true 或 false");
    case F_INT:
        return json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= f->max
                   ? 0
                   : dj_err_field(err, path, "应为 0 至 %d 的整数", f->max);
    case F_STR:
        if (!json_is_string(v) || dj_utf8_length(json_string_value(v)) > (size_t)f->max)
            return dj_err_field(err, path, "应为至多 %d 个字符的文字", f->max);
        return 0;
    case F_STRS: {
        if (!json_is_array(v) || json_array_size(v) > 20)
            return dj_err_field(err, path, "应为至多 20 项的列表");
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) if (!json_is_string(x) ||
                                        dj_utf8_length(json_string_value(x)) > (size_t)f->max)
            return dj_err_field(err, path, "每项应为至多 %d 个字符的文字", f->max);
        return 0;
    }
    }
    return 0;
}

/* Rules between fields, on the merged settings. */
static void check_rules(json_t *c, struct dj_err *err)
{
    if (notify_minutes(json_string_value(json_object_get(c, "daily_time"))) < 0)
        dj_err_field(err, "daily_time", "应为 HH:MM");
    if (json_integer_value(json_object_get(c, "retry_seconds")) < 1)
        dj_err_field(err, "retry_seconds", "应为 1 至 86400 秒");
    if (json_integer_value(json_object_get(c, "max_attempts")) < 1)
        dj_err_field(err, "max_attempts", "应为 1 至 20 次");
    json_t *email = json_object_get(c, "email"), *sms = json_object_get(c, "sms");
    const char *tls = json_string_value(json_object_get(email, "tls"));
    if (strcmp(tls, "none") && strcmp(tls, "starttls") && strcmp(tls, "tls"))
        dj_err_field(err, "email.tls", "应为 none、starttls 或 tls");
    const char *m = json_string_value(json_object_get(sms, "method"));
    if (strcmp(m, "POST") && strcmp(m, "GET") && strcmp(m, "PUT"))
        dj_err_field(err, "sms.method", "应为 POST、GET 或 PUT");
    const char *esc = json_string_value(json_object_get(sms, "body_escape"));
    if (strcmp(esc, "json") && strcmp(esc, "form") && strcmp(esc, "none"))
        dj_err_field(err, "sms.body_escape", "应为 json、form 或 none");
    const char *sign = json_string_value(json_object_get(sms, "sign"));
    if (strcmp(sign, "none") && strcmp(sign, "hmac-sha256") && strcmp(sign, "aliyun-acs3") &&
        strcmp(sign, "tencent-tc3"))
        dj_err_field(err, "sms.sign", "应为 none、hmac-sha256、aliyun-acs3 或 tencent-tc3");
    const char *url = json_string_value(json_object_get(sms, "url"));
    if (*url && strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
        dj_err_field(err, "sms.url", "应为 http:// 或 https:// 地址");
    size_t i;
    json_t *h;
    json_array_foreach(json_object_get(sms, "headers"), i, h) if (!strchr(json_string_value(h), ':') ||
                                                                  strpbrk(json_string_value(h), "\r\n"))
        dj_err_field(err, "sms.headers", "每项应为 “名称: 值”");
    json_t *routes = json_object_get(c, "routes");
    const char *kind;
    json_t *list;
    json_object_foreach(routes, kind, list) json_array_foreach(list, i, h) if (
        !notify_channel_valid(json_string_value(h))) dj_err_field(err, "routes", "未知的渠道：%s",
                                                                  json_string_value(h));
}

/* Merges in's sections into c (both normalised shapes); unknown names are
 * field errors. */
static void merge(json_t *c, json_t *in, struct dj_err *err)
{
    const char *name;
    json_t *v;
    json_object_foreach(in, name, v)
    {
        if (!strcmp(name, "secrets"))
            continue;
        bool section = false, known = false;
        for (int i = 0; i < NFIELDS; i++) {
            const struct field *f = &fields[i];
            if (!f->section && !strcmp(f->name, name)) {
                known = true;
                char path[64];
                snprintf(path, sizeof path, "%s", name);
                if (!check_value(f, v, path, err))
                    json_object_set(c, name, v);
            } else if (f->section && !strcmp(f->section, name)) {
                known = section = true;
            }
        }
        if (!known) {
            dj_err_field(err, name, "未知的设置");
            continue;
        }
        if (!section)
            continue;
        if (!json_is_object(v)) {
            dj_err_field(err, name, "应为对象");
            continue;
        }
        const char *fname;
        json_t *fv;
        json_object_foreach(v, fname, fv)
        {
            char path[96];
            snprintf(path, sizeof path, "%s.%s", name, fname);
            const struct field *f = NULL;
            for (int i = 0; i < NFIELDS && !f; i++)
                if (fields[i].section && !strcmp(fields[i].section, name) &&
                    !strcmp(fields[i].name, fname))
                    f = &fields[i];
            if (!f && strcmp(name, "routes"))
                dj_err_field(err, path, "未知的设置");
            else if (!f && !in_list(notify_kinds, fname))
                dj_err_field(err, path, "未知的消息类型");
            else if (!check_value(f, fv, path, err))
                json_object_set(json_object_get(c, name), fname, fv);
        }
    }
}

int notify_may_manage(const struct dj_actor *actor, struct dj_err *err)
{
    if (!actor->user.bureau_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)actor->user.bureau_id);
    if (actor_is_system(actor) || authz_has_role(actor, "party_admin", bp, 0) ||
        authz_has_role(actor, "sysadmin", bp, 0))
        return 0;
    return dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委或系统管理员可以管理消息通知");
}

static int open_secrets(const struct dj_secret *key, const char *sealed, json_t **out,
                        struct dj_err *err)
{
    *out = NULL;
    if (!*sealed) {
        *out = json_object();
        return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    struct dj_secret sub;
    char *plain = NULL;
    int rc = secret_subkey(key, SECRET_CTX_NOTIFY, &sub, err);
    if (!rc)
        rc = secret_open(&sub, sealed, &plain, err);
    secret_wipe(&sub);
    if (rc)
        return rc;
    *out = json_loads(plain, 0, NULL);
    sodium_memzero(plain, strlen(plain));
    free(plain);
    return json_is_object(*out) ? 0 : dj_err_set(err, DJ_EINTERNAL, "通知密钥无法读取");
}

static int seal_secrets(const struct dj_secret *key, json_t *secrets, char **out,
                        struct dj_err *err)
{
    *out = NULL;
    char *plain = json_dumps(secrets, JSON_COMPACT);
    if (!plain)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    struct dj_secret sub;
    int rc = secret_subkey(key, SECRET_CTX_NOTIFY, &sub, err);
    if (!rc)
        rc = secret_seal(&sub, plain, out, err);
    secret_wipe(&sub);
    sodium_memzero(plain, strlen(plain));
    free(plain);
    return rc;
}

int notify_settings_load(struct dj_db *db, const struct dj_secret *key, int64_t bureau_id,
                         json_t **config, json_t **secrets, struct dj_err *err)
{
    *config = NULL;
    if (secrets)
        *secrets = NULL;
    char *text, *sealed;
    int rc = store_notify_settings_get(db, bureau_id, &text, &sealed, err);
    if (rc)
        return rc;
    json_t *stored = json_loads(text, 0, NULL);
    *config = normalise(stored ? stored : json_object());
    json_decref(stored);
    if (!*config)
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    else if (secrets)
        rc = open_secrets(key, sealed, secrets, err);
    free(text);
    free(sealed);
    if (rc) {
        json_decref(*config);
        *config = NULL;
    }
    return rc;
}

/* {"name": {"set": bool}} for every secret. */
static json_t *secrets_public(json_t *secrets)
{
    json_t *o = json_object();
    for (int i = 0; secret_names[i]; i++) {
        const char *v = json_string_value(json_object_get(secrets, secret_names[i]));
        json_object_set_new(o, secret_names[i], json_pack("{s:b}", "set", v && *v));
    }
    return o;
}

static json_t *settings_answer(json_t *config, json_t *secrets)
{
    json_t *o = json_deep_copy(config);
    if (o)
        json_object_set_new(o, "secrets", secrets_public(secrets));
    return o;
}

int notify_settings_get(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                        json_t **out, struct dj_err *err)
{
    json_t *config, *secrets;
    int rc = notify_may_manage(actor, err);
    if (rc || (rc = notify_settings_load(db, key, actor->user.bureau_id, &config, &secrets, err)))
        return rc;
    *out = settings_answer(config, secrets);
    json_decref(config);
    json_decref(secrets);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int notify_settings_put(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                        json_t *in, json_t **out, struct dj_err *err)
{
    json_t *config, *secrets;
    int rc = notify_may_manage(actor, err);
    if (rc || (rc = notify_settings_load(db, key, actor->user.bureau_id, &config, &secrets, err)))
        return rc;
    json_t *before = settings_answer(config, secrets);
    merge(config, in, err);
    /* secrets: text sets, null or "" clears, absent keeps */
    json_t *changed = json_array();
    json_t *given = json_object_get(in, "secrets");
    if (given && !json_is_object(given))
        dj_err_field(err, "secrets", "应为对象");
    const char *name;
    json_t *v;
    json_object_foreach(json_is_object(given) ? given : NULL, name, v)
    {
        char path[64];
        snprintf(path, sizeof path, "secrets.%s", name);
        if (!in_list(secret_names, name))
            dj_err_field(err, path, "未知的密钥");
        else if (!json_is_null(v) && (!json_is_string(v) || strlen(json_string_value(v)) > 1000))
            dj_err_field(err, path, "应为文字或 null");
        else {
            const char *s = json_is_string(v) ? json_string_value(v) : "";
            if (*s && (!strcmp(name, "wecom_url") || !strcmp(name, "dingtalk_url")) &&
                strncmp(s, "https://", 8) && strncmp(s, "http://", 7))
                dj_err_field(err, path, "应为 http:// 或 https:// 地址");
            json_object_set_new(secrets, name, json_string(s));
            json_array_append_new(changed, json_string(name));
        }
    }
    if (!err || err->code != DJ_EINVAL)
        check_rules(config, err);
    char *text = NULL, *sealed = NULL;
    if (err && err->code == DJ_EINVAL)
        rc = DJ_EINVAL;
    else if (!(text = json_dumps(config, JSON_COMPACT)))
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    else
        rc = seal_secrets(key, secrets, &sealed, err);
    json_t *after = rc ? NULL : settings_answer(config, secrets);
    if (after)
        json_object_set(after, "secrets_changed", changed); /* names only, never values */
    if (!rc && !(rc = db_begin_write(db, err))) {
        int64_t b = actor->user.bureau_id;
        if ((rc = store_notify_settings_put(db, b, text, sealed, err)) ||
            (rc = audit_record(db, actor, "update", "notify_settings", b, b, before, after, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    if (!rc) {
        json_object_del(after, "secrets_changed");
        *out = after;
        after = NULL;
    }
    json_decref(after);
    json_decref(before);
    json_decref(changed);
    json_decref(config);
    json_decref(secrets);
    free(text);
    free(sealed);
    return rc;
}

/* ---- a person's preferences ---- */

json_t *notify_pref_json(const struct dj_notify_pref *p)
{
    json_t *ch = json_array();
    char buf[sizeof p->channels];
    snprintf(buf, sizeof buf, "%s", p->channels);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
        json_array_append_new(ch, json_string(t));
    return json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s?}", "person_id",
                     (json_int_t)p->person_id, "name", p->name, "channels", ch, "email", p->email,
                     "phone", p->phone, "quiet_from", p->quiet_from, "quiet_to", p->quiet_to,
                     "updated_at", p->stored ? p->updated_at : NULL);
}

static int own_person(const struct dj_actor *actor, struct dj_err *err)
{
    return actor->person_id ? 0
                            : dj_err_set(err, DJ_EFORBIDDEN, "您的账号未关联党员，无法设置消息接收");
}

int notify_prefs_get(struct dj_db *db, const struct dj_actor *actor, json_t **out,
                     struct dj_err *err)
{
    struct dj_notify_pref p;
    int rc = own_person(actor, err);
    if (rc || (rc = store_notify_pref_get(db, actor->person_id, &p, err)))
        return rc;
    *out = notify_pref_json(&p);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

static void text_in(json_t *in, const char *name, char *dst, size_t size, size_t max,
                    struct dj_err *err)
{
    json_t *v = json_object_get(in, name);
    if (!v)
        return;
    if (!json_is_string(v) || dj_utf8_length(json_string_value(v)) > max)
        dj_err_field(err, name, "应为至多 %zu 个字符的文字", max);
    else
        dj_copy(dst, size, json_string_value(v));
}

int notify_prefs_put(struct dj_db *db, const struct dj_actor *actor, json_t *in, json_t **out,
                     struct dj_err *err)
{
    struct dj_notify_pref p, before;
    int rc = own_person(actor, err);
    if (rc || (rc = store_notify_pref_get(db, actor->person_id, &p, err)))
        return rc;
    before = p;
    static const char *const known[] = {"channels", "email", "phone", "quiet_from", "quiet_to",
                                        NULL};
    const char *name;
    json_t *v;
    json_object_foreach(in, name, v) if (!in_list(known, name)) dj_err_field(err, name, "未知的字段");
    json_t *ch = json_object_get(in, "channels");
    if (ch) {
        size_t i;
        json_t *c;
        char buf[sizeof p.channels] = "";
        if (!json_is_array(ch) || json_array_size(ch) > 2)
            dj_err_field(err, "channels", "应为 email、sms 的列表");
        else
            json_array_foreach(ch, i, c)
            {
                const char *s = json_string_value(c);
                if (!s || (strcmp(s, "email") && strcmp(s, "sms")))
                    dj_err_field(err, "channels", "个人只能选择 email 或 sms");
                else {
                    size_t l = strlen(buf);
                    snprintf(buf + l, sizeof buf - l, "%s%s", l ? "," : "", s);
                }
            }
        snprintf(p.channels, sizeof p.channels, "%s", buf);
    }
    text_in(in, "email", p.email, sizeof p.email, 120, err);
    text_in(in, "phone", p.phone, sizeof p.phone, 20, err);
    text_in(in, "quiet_from", p.quiet_from, sizeof p.quiet_from, 5, err);
    text_in(in, "quiet_to", p.quiet_to, sizeof p.quiet_to, 5, err);
    if (*p.email && (!strchr(p.email, '@') || strpbrk(p.email, " <>\r\n")))
        dj_err_field(err, "email", "邮箱格式不正确");
    for (const char *c = p.phone; *c; c++)
        if (!((*c >= '0' && *c <= '9') || *c == '+' || *c == '-')) {
            dj_err_field(err, "phone", "手机号只能含数字");
            break;
        }
    if ((*p.quiet_from && notify_minutes(p.quiet_from) < 0) ||
        (*p.quiet_to && notify_minutes(p.quiet_to) < 0) || (!*p.quiet_from != !*p.quiet_to))
        dj_err_field(err, "quiet_from", "免打扰时段应为两个 HH:MM，或都留空");
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    p.bureau_id = before.bureau_id;
    json_t *b = notify_pref_json(&before), *a = notify_pref_json(&p);
    if (!b || !a)
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    else if (!(rc = db_begin_write(db, err))) {
        if ((rc = store_notify_pref_put(db, &p, err)) ||
            (rc = audit_record(db, actor, "update", "notify_prefs", p.person_id, 0, b, a, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(b);
    json_decref(a);
    if (rc)
        return rc;
    return notify_prefs_get(db, actor, out, err);
}
