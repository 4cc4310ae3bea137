#include "core/signin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/meeting_life.h"
#include "core/people.h"
#include "io/qr.h"
#include "store/meetings.h"
#include "store/people.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/text.h"

#define MAC_BYTES 16

static int token_mac(const struct dj_secret *key, const char *payload, char out[32])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key->key, sizeof key->key);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)"signin:", 7);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)payload, strlen(payload));
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2base64(out, 32, mac, MAC_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(&st, sizeof st);
    return 0;
}

int signin_token_make(const struct dj_secret *key, int64_t meeting_id, int64_t expires,
                      char out[SIGNIN_TOKEN_MAX], struct dj_err *err)
{
    if (!key->loaded || meeting_id <= 0 || expires <= 0)
        return dj_err_set(err, DJ_EINTERNAL, "无法生成签到码");
    char payload[48], mac[32];
    snprintf(payload, sizeof payload, "%lld.%lld", (long long)meeting_id, (long long)expires);
    token_mac(key, payload, mac);
    snprintf(out, SIGNIN_TOKEN_MAX, "%s.%s", payload, mac);
    return 0;
}

/* digits only, no sign, no leading zero, at most 18 */
static bool parse_id(const char *s, size_t len, int64_t *v)
{
    if (len == 0 || len > 18 || s[0] == '0')
        return false;
    int64_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        n = n * 10 + (s[i] - '0');
    }
    *v = n;
    return true;
}

int signin_token_check(const struct dj_secret *key, const char *token, int64_t now,
                       int64_t *meeting_id, struct dj_err *err)
{
    *meeting_id = 0;
    const char *dot1 = token ? strchr(token, '.') : NULL;
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    int64_t id, expires;
    if (!key->loaded || !dot2 || strlen(token) >= SIGNIN_TOKEN_MAX ||
        !parse_id(token, (size_t)(dot1 - token), &id) ||
        !parse_id(dot1 + 1, (size_t)(dot2 - dot1 - 1), &expires))
        return dj_err_set(err, DJ_EINVAL, "签到码无效，请扫描会场出示的二维码");
    char expect[SIGNIN_TOKEN_MAX];
    if (signin_token_make(key, id, expires, expect, err))
        return DJ_EINTERNAL;
    size_t len = strlen(expect);
    if (strlen(token) != len || sodium_memcmp(expect, token, len) != 0)
        return dj_err_set(err, DJ_EINVAL, "签到码无效，请扫描会场出示的二维码");
    if (now > expires)
        return dj_err_set(err, DJ_EINVAL, "签到码已过期，请扫描会场当前出示的二维码");
    *meeting_id = id;
    return 0;
}

bool signin_late(const char *starts_at, int now_minute, int grace)
{
    if (!starts_at || strlen(starts_at) != 5 || starts_at[2] != ':')
        return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (starts_at[i] < '0' || starts_at[i] > '9'))
            return false;
    int h = (starts_at[0] - '0') * 10 + (starts_at[1] - '0');
    int m = (starts_at[3] - '0') * 10 + (starts_at[4] - '0');
    if (h > 23 || m > 59)
        return false;
    return now_minute > h * 60 + m + grace;
}

/* The minute of the day now in the bureau's zone. */
static int minute_now(const struct dj_config *cfg)
{
    int64_t t = dj_now_unix() + dj_tz_offset(cfg->timezone);
    return (int)(((t % 86400) + 86400) % 86400 / 60);
}

/* The meeting a sign-in concerns: of the actor's bureau (another's is
 * missing), planned or held, and of today. */
static int load_today(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      int64_t id, struct dj_meeting *m, struct dj_err *err)
{
    memset(m, 0, sizeof *m);
    int rc = store_meeting_get(db, id, m, err);
    if (rc)
        return rc;
    if (authz_foreign(actor, m->org_path))
        return dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
    if ((rc = meeting_step_allowed(m->status, "attendance", err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (strcmp(m->held_on, today) != 0)
        return dj_err_set(err, DJ_ECONFLICT, "扫码签到只在会议当天（%s）有效", m->held_on);
    return 0;
}

static bool is_present(const char *status)
{
    return !strcmp(status, "出席") || !strcmp(status, "迟到");
}

static bool origin_ok(const char *o)
{
    size_t n = o ? strlen(o) : 0;
    size_t skip = n > 8 && !strncmp(o, "https://", 8) ? 8 : n > 7 && !strncmp(o, "http://", 7) ? 7 : 0;
    if (!skip || n > 200)
        return false;
    for (size_t i = skip; i < n; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]", o[i]))
            return false;
    return true;
}

int signin_code(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                const struct dj_secret *key, int64_t id, const char *origin, json_t **out,
                struct dj_err *err)
{
    *out = NULL;
    if (!origin_ok(origin))
        return dj_err_field(err, "origin", "应为控制台的地址，如 https://dj.example.cn");
    struct dj_meeting m;
    memset(&m, 0, sizeof m);
    int rc = store_meeting_get(db, id, &m, err);
    if (!rc && authz_foreign(actor, m.org_path))
        rc = dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
    /* the secretary (meetings.write) or the host; another learns nothing of its state */
    if (!rc && !authz_allows(actor, PERM_MEETINGS_WRITE, m.org_path) &&
        !(actor->person_id && actor->person_id == m.host_id))
        rc = authz_refuse(actor, m.org_path, "您没有权限出示此会议的签到码", err);
    store_meeting_clear(&m);
    if (rc || (rc = load_today(db, cfg, actor, id, &m, err))) {
        store_meeting_clear(&m);
        return rc;
    }
    struct dj_attendance *a = NULL;
    int n = 0, present = 0, expected = 0;
    if ((rc = store_attendance_list(db, id, &a, &n, err))) {
        store_meeting_clear(&m);
        return rc;
    }
    for (int i = 0; i < n; i++) {
        expected += a[i].expected;
        present += is_present(a[i].status);
    }
    free(a);
    struct dj_secret sub;
    char token[SIGNIN_TOKEN_MAX], expires_at[DJ_TIMESTAMP_LEN];
    int64_t expires = dj_now_unix() + cfg->signin_code_seconds;
    char *svg = NULL, url[320];
    if (!(rc = secret_subkey(key, SIGNIN_KEY_CTX, &sub, err)))
        rc = signin_token_make(&sub, id, expires, token, err);
    secret_wipe(&sub);
    if (!rc) {
        snprintf(url, sizeof url, "%s/signin?t=%s", origin, token);
        rc = qr_svg(url, &svg, err);
    }
    if (!rc) {
        dj_unix_to_rfc3339(expires, expires_at);
        *out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:i, s:i}", "meeting_id",
                         (json_int_t)id, "topic", m.topic, "org_name", m.org_name, "starts_at",
                         m.starts_at, "token", token, "url", url, "expires_at", expires_at,
                         "seconds", cfg->signin_code_seconds, "qr_svg", svg, "expected", expected,
                         "signed_in", present);
        if (!*out)
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    free(svg);
    store_meeting_clear(&m);
    return rc;
}

/* May the person sign in without a row: only where the kind admits others
 * (custom kinds, lectures) and the organisation covers them on the day. */
static int may_join(struct dj_db *db, const struct dj_meeting *m, const struct dj_person *p,
                    bool *ok, struct dj_err *err)
{
    *ok = false;
    struct dj_meeting_kind k;
    int rc = store_meeting_kind_get(db, m->kind_id, &k, err);
    if (rc)
        return rc;
    if (strcmp(k.attendees, "custom") != 0 && !k.include_non_members)
        return 0;
    return people_covered(db, p, m->org_path, m->held_on, ok, err);
}

int signin_scan(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                const struct dj_secret *key, const char *token, json_t **out, struct dj_err *err)
{
    *out = NULL;
    if (!actor->person_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您的账号未关联人员，不能签到");
    struct dj_secret sub;
    int64_t id = 0;
    int rc = secret_subkey(key, SIGNIN_KEY_CTX, &sub, err);
    if (!rc)
        rc = signin_token_check(&sub, token, dj_now_unix(), &id, err);
    secret_wipe(&sub);
    if (rc)
        return rc;
    struct dj_meeting m;
    struct dj_person p;
    struct dj_attendance *a = NULL;
    int n = 0;
    json_t *before = NULL, *after = NULL;
    if ((rc = load_today(db, cfg, actor, id, &m, err)) ||
        (rc = store_person_get(db, actor->person_id, &p, err)))
        goto out;
    if (p.bureau_id != path_root_id(m.org_path)) {
        rc = dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
        goto out;
    }
    /* read and write under the write lock: two scans at once make one row */
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = store_attendance_list(db, id, &a, &n, err)))
        goto fail;
    const struct dj_attendance *row = NULL;
    for (int i = 0; i < n; i++)
        if (a[i].person_id == p.id)
            row = &a[i];
    bool already = row && is_present(row->status);
    struct dj_attendance mine = {.person_id = p.id, .expected = row && row->expected};
    if (already) {
        dj_copy(mine.status, sizeof mine.status, row->status);
        db_rollback(db); /* nothing to change */
    } else {
        bool ok = row != NULL;
        if (!ok && (rc = may_join(db, &m, &p, &ok, err)))
            goto fail;
        if (!ok) {
            rc = dj_err_set(err, DJ_EFORBIDDEN, "您不在本次会议的应到名单中，不能签到");
            goto fail;
        }
        dj_copy(mine.status, sizeof mine.status,
                signin_late(m.starts_at, minute_now(cfg), cfg->signin_grace_minutes) ? "迟到" : "出席");
        before = json_pack("{s:I, s:s}", "person_id", (json_int_t)p.id, "status",
                           row ? row->status : "");
        after = json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)p.id, "status", mine.status,
                          "via", "qr");
        if (!before || !after) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            goto fail;
        }
        if ((rc = store_attendance_set(db, id, &mine, err)) ||
            (rc = audit_record(db, actor, "signin", "meeting", id, m.org_id, before, after, err)) ||
            (rc = db_commit(db, err)))
            goto fail;
    }
    *out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b}", "meeting_id", (json_int_t)id, "topic",
                     m.topic, "org_name", m.org_name, "held_on", m.held_on, "starts_at", m.starts_at,
                     "status", mine.status, "already", already);
    if (!*out)
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    goto out;
fail:
    db_rollback(db);
out:
    json_decref(before);
    json_decref(after);
    free(a);
    store_meeting_clear(&m);
    return rc;
}
