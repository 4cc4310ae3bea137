#include "core/auth.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/secret.h"
#include "store/jobs.h"
#include "store/people.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/text.h"

/* touching last_seen is a write; do it at most once a minute per session */
#define TOUCH_INTERVAL 60

int password_hash(const char *password, char *out, struct dj_err *err)
{
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return dj_err_set(err, DJ_ENOMEM, "内存不足，无法计算密码哈希");
    return 0;
}

int password_verify(const char *hash, const char *password)
{
    if (!*hash)
        return DJ_EUNAUTH;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 ? 0 : DJ_EUNAUTH;
}

/* The passwords tried first by anyone guessing (lower case): a password whose
 * letters are one of these, or the user name, is refused whatever digits and
 * symbols decorate it ("Password@123", "admin2026!"). */
static const char *const common_passwords[] = {
    "password", "passw", "passwd", "pass", "admin", "administrator", "root", "qwerty", "qwertyuiop",
    "asdf", "asdfgh", "asdfghjkl", "zxcvbn", "zxcvbnm", "qazwsx", "qazwsxedc", "wsx", "qaz",
    "abc", "abcd", "abcdef", "abcdefg", "abcdefgh", "iloveyou", "welcome", "letmein", "monkey",
    "dragon", "master", "login", "test", "guest", "user", "hello", "sunshine", "princess",
    "football", "baseball", "superman", "trustno", "changeme", "secret", "default", "system",
    "woaini", "aini", "zhang", "wang", "li", "liu", "chen", "dangjian", "dangyuan", "zhongguo",
    "china", "beijing", "shanghai", "a", "aa", "aaa", "aaaa", "aaaaaa", "x", "xx", "xxx",
};

/* Lower-case ASCII letters of s (other bytes dropped) into out. */
static void letters_of(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = s; *p && n + 1 < size; p++)
        if (isalpha((unsigned char)*p))
            out[n++] = (char)tolower((unsigned char)*p);
    out[n] = '\0';
}

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (strncasecmp(p, needle, n) == 0)
            return true;
    return false;
}

int password_check_rules(const struct dj_config *cfg, const char *username, const char *password,
                         const char *field, struct dj_err *err)
{
    size_t len = strlen(password);
    if (!dj_utf8_valid(password, len))
        return dj_err_field(err, field, "密码含有无效字符");
    if (len > 256)
        return dj_err_field(err, field, "密码过长（最多 256 字节）");
    if (dj_utf8_length(password) < (size_t)cfg->password_min_length)
        return dj_err_field(err, field, "密码至少需要 %d 个字符", cfg->password_min_length);
    /* five classes: lower case, upper case, digits, ASCII symbols, other
     * characters (Chinese...); three are needed, so "password12" fails */
    int lower = 0, upper = 0, digits = 0, symbols = 0, others = 0;
    for (const char *p = password; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80)
            others = 1;
        else if (islower(c))
            lower = 1;
        else if (isupper(c))
            upper = 1;
        else if (isdigit(c))
            digits = 1;
        else
            symbols = 1;
    }
    if (lower + upper + digits + symbols + others < 3)
        return dj_err_field(err, field,
                            "密码需包含小写字母、大写字母、数字、符号、汉字等中的至少三类");
    char core[257];
    letters_of(password, core, sizeof core);
    for (size_t i = 0; i < sizeof common_passwords / sizeof common_passwords[0]; i++)
        if (strcmp(core, common_passwords[i]) == 0)
            return dj_err_field(err, field, "密码过于常见，请换一个");
    if (username && *username) {
        char user_core[DJ_NAME_MAX];
        letters_of(username, user_core, sizeof user_core);
        /* a short name such as "admin" may well occur by chance in a good
         * passphrase; a longer one may not be contained at all */
        if (strcasecmp(username, password) == 0 || (*user_core && strcmp(core, user_core) == 0) ||
            (strlen(username) >= 6 && contains_ci(password, username)))
            return dj_err_field(err, field, "密码不能包含用户名");
    }
    return 0;
}

void password_generate(char *out, size_t size)
{
    /* no look-alike characters (0/O, 1/l/I) so it can be read aloud or copied by hand */
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    size_t n = size - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    /* guarantee three classes */
    out[0] = "abcdefghjkmnpqrstuvwxyz"[randombytes_uniform(23)];
    out[1] = "ABCDEFGHJKLMNPQRSTUVWXYZ"[randombytes_uniform(24)];
    out[n - 1] = "23456789"[randombytes_uniform(8)];
    out[n] = '\0';
}

static char dummy_hash[DJ_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_hash_init(void)
{
    char pw[20];
    password_generate(pw, sizeof pw);
    if (password_hash(pw, dummy_hash, NULL) != 0)
        dummy_hash[0] = '\0';
}

/* The key of the per-account counter: the account together with the client
 * address, so that failures from one place never lock the account out of
 * another (an attacker cannot lock out the administrator); guessing over
 * many names from one place is held by the per-address counter. */
static void account_key(const char *username, const char *addr, char *out, size_t size)
{
    snprintf(out, size, "%s|%s", username, addr);
}

static int throttle_check(struct dj_db *db, const struct dj_config *cfg, const char *username,
                          const char *addr, int64_t now, struct dj_err *err)
{
    int64_t since = now - (int64_t)cfg->login_window_minutes * 60, n;
    char key[DJ_NAME_MAX + 72];
    account_key(username, addr, key, sizeof key);
    int rc = store_login_failure_count(db, "account", key, since, &n, err);
    if (rc)
        return rc;
    if (n >= cfg->login_max_failures_account)
        return dj_err_set(err, DJ_ERATELIMIT, "登录失败次数过多，请 %d 分钟后再试",
                          cfg->login_window_minutes);
    if ((rc = store_login_failure_count(db, "address", addr, since, &n, err)))
        return rc;
    if (n >= cfg->login_max_failures_address)
        return dj_err_set(err, DJ_ERATELIMIT, "登录失败次数过多，请 %d 分钟后再试",
                          cfg->login_window_minutes);
    return 0;
}

/* Counts a wrong password (action "login_failed" or "change_password_failed")
 * against the account at this address and the address, with its audit record. */
static int login_failed(struct dj_db *db, const char *action, const char *username,
                        const char *addr, int64_t user_id, int64_t now, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    struct dj_actor anon;
    actor_system(&anon);
    anon.user.id = user_id;
    snprintf(anon.user.username, sizeof anon.user.username, "%s", username);
    char key[DJ_NAME_MAX + 72];
    account_key(username, addr, key, sizeof key);
    json_t *detail = json_pack("{s:s}", "client_addr", addr);
    if ((rc = store_login_failure_add(db, "account", key, now, err)) ||
        (rc = store_login_failure_add(db, "address", addr, now, err)) ||
        (rc = audit_record(db, &anon, action, "user", user_id, 0, NULL, detail, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(detail);
    return rc;
}

int auth_login(struct dj_db *db, const struct dj_config *cfg, const char *username,
               const char *password, const char *client_addr, struct dj_login *out,
               struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    int64_t now = dj_now_unix();
    int rc = throttle_check(db, cfg, username, client_addr, now, err);
    if (rc)
        return rc;
    struct dj_user *u = &out->actor.user;
    rc = store_user_get_by_name(db, username, u, err);
    if (rc && rc != DJ_ENOTFOUND)
        return rc;
    /* hash even for an unknown name so that timing does not tell names apart */
    pthread_once(&dummy_once, dummy_hash_init);
    int ok = password_verify(rc ? dummy_hash : u->password_hash, password) == 0 && !rc && !u->disabled;
    if (!ok) {
        int64_t uid = rc ? 0 : u->id;
        int frc = login_failed(db, "login_failed", username, client_addr, uid, now, err);
        if (frc)
            return frc;
        return dj_err_set(err, DJ_EUNAUTH, "用户名或密码错误");
    }
    /* told only to who knows the password */
    if (u->bureau_suspended)
        return dj_err_set(err, DJ_EUNAUTH, "本单位已暂停使用，请联系上级管理员");
    memset(u->password_hash, 0, sizeof u->password_hash);
    secret_random_token(out->token, sizeof out->token, 32);
    secret_random_token(out->csrf_token, sizeof out->csrf_token, 32);
    char token_hash[65];
    secret_sha256_hex(out->token, strlen(out->token), token_hash);
    struct dj_session_row s = {
        .user_id = u->id,
        .created_at = now,
        .last_seen = now,
        .expires_at = now + (int64_t)cfg->session_absolute_hours * 3600,
    };
    snprintf(s.csrf_token, sizeof s.csrf_token, "%s", out->csrf_token);
    snprintf(out->actor.csrf_token, sizeof out->actor.csrf_token, "%s", out->csrf_token);
    snprintf(out->actor.client_addr, sizeof out->actor.client_addr, "%s", client_addr);
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *detail = json_pack("{s:s}", "client_addr", client_addr);
    char key[DJ_NAME_MAX + 72];
    account_key(username, client_addr, key, sizeof key);
    if ((rc = store_login_failure_clear(db, "account", key, err)) ||
        (rc = store_session_insert(db, token_hash, &s, err)) ||
        (rc = audit_record(db, &out->actor, "login", "user", u->id, u->bureau_id, NULL, detail, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(detail);
    if (rc)
        return rc;
    /* read back the id of the new session for logout and password change */
    struct dj_session_row back;
    if ((rc = store_session_get(db, token_hash, &back, err)))
        return rc;
    out->actor.session_id = back.id;
    if ((rc = store_person_of_user(db, u->id, &out->actor.person_id, err)) == DJ_ENOTFOUND)
        rc = 0;
    return rc;
}

static bool token_well_formed(const char *token)
{
    size_t n = 0;
    for (const char *p = token; *p; p++, n++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
            return false;
    return n == DJ_TOKEN_LEN - 1;
}

/* A small cache of resolved sessions per worker thread, so that most
 * requests need no SQL to know their caller.  An entry lives at most
 * security.session_cache_seconds, and every change in this process to
 * sessions, accounts or roles (auth_cache_invalidate) empties all caches at
 * once; another server sharing the database sees such a change within that
 * time.  Expiry is still checked on every hit. */
#define SESSION_CACHE_SLOTS 32

struct cached_session {
    char token_hash[65];
    uint64_t generation;
    int64_t fetched_us;
    int64_t expires_at, last_seen;
    struct dj_actor actor;
};

static _Thread_local struct cached_session session_cache[SESSION_CACHE_SLOTS];
static atomic_uint_fast64_t cache_generation = 1;

void auth_cache_invalidate(void)
{
    atomic_fetch_add(&cache_generation, 1);
}

uint64_t auth_cache_generation(void)
{
    return atomic_load(&cache_generation);
}

static struct cached_session *cache_slot(const char *token_hash)
{
    unsigned h = 0;
    for (int i = 0; i < 8; i++)
        h = h * 16 + (unsigned)(token_hash[i] <= '9' ? token_hash[i] - '0' : token_hash[i] - 'a' + 10);
    return &session_cache[h % SESSION_CACHE_SLOTS];
}

static bool session_live(const struct dj_config *cfg, int64_t expires_at, int64_t last_seen,
                         int64_t now)
{
    return expires_at > now && last_seen >= now - (int64_t)cfg->session_idle_minutes * 60;
}

int auth_resolve(struct dj_db *db, const struct dj_config *cfg, const char *token,
                 struct dj_actor *actor, struct dj_err *err)
{
    memset(actor, 0, sizeof *actor);
    if (!token || !token_well_formed(token))
        return dj_err_set(err, DJ_EUNAUTH, "请先登录");
    char token_hash[65];
    secret_sha256_hex(token, strlen(token), token_hash);
    struct cached_session *c = cache_slot(token_hash);
    int64_t now_us = dj_monotonic_us();
    if (cfg->session_cache_seconds > 0 && c->generation == atomic_load(&cache_generation) &&
        now_us - c->fetched_us < (int64_t)cfg->session_cache_seconds * 1000000 &&
        strcmp(c->token_hash, token_hash) == 0 &&
        session_live(cfg, c->expires_at, c->last_seen, dj_now_unix())) {
        *actor = c->actor;
        return 0;
    }
    uint64_t generation = atomic_load(&cache_generation);
    struct dj_session_row s;
    /* one read transaction: one snapshot and one lock for the lookups */
    int rc = db_begin_read(db, err);
    if (rc)
        return rc;
    rc = store_session_resolve(db, token_hash, &s, &actor->user, &actor->person_id, err);
    db_rollback(db);
    if (rc)
        return rc;
    memset(actor->user.password_hash, 0, sizeof actor->user.password_hash);
    int64_t now = dj_now_unix();
    if (s.expires_at <= now || s.last_seen < now - (int64_t)cfg->session_idle_minutes * 60) {
        store_session_delete(db, s.id, NULL);
        return dj_err_set(err, DJ_EUNAUTH, "会话已过期，请重新登录");
    }
    if (actor->user.disabled)
        return dj_err_set(err, DJ_EUNAUTH, "账号已停用");
    if (actor->user.bureau_suspended)
        return dj_err_set(err, DJ_EUNAUTH, "本单位已暂停使用，请联系上级管理员");
    actor->session_id = s.id;
    snprintf(actor->csrf_token, sizeof actor->csrf_token, "%s", s.csrf_token);
    if (now - s.last_seen >= TOUCH_INTERVAL &&
        store_session_touch(db, s.id, now, NULL) == 0) /* best effort: a missed touch is harmless */
        s.last_seen = now;
    if (cfg->session_cache_seconds > 0) {
        memcpy(c->token_hash, token_hash, sizeof c->token_hash);
        c->generation = generation;
        c->fetched_us = now_us;
        c->expires_at = s.expires_at;
        c->last_seen = s.last_seen;
        c->actor = *actor;
    }
    return 0;
}

int auth_logout(struct dj_db *db, const struct dj_actor *actor, struct dj_err *err)
{
    auth_cache_invalidate();
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    if ((rc = store_session_delete(db, actor->session_id, err)) ||
        (rc = audit_record(db, actor, "logout", "user", actor->user.id, 0, NULL, NULL, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    auth_cache_invalidate(); /* again: no worker keeps what it read before the commit */
    return rc;
}

int auth_change_password(struct dj_db *db, const struct dj_config *cfg, struct dj_actor *actor,
                         const char *old_password, const char *new_password, struct dj_err *err)
{
    struct dj_user u;
    int64_t now = dj_now_unix();
    /* a stolen session must not become an unthrottled password oracle */
    int rc = throttle_check(db, cfg, actor->user.username, actor->client_addr, now, err);
    if (rc || (rc = store_user_get(db, actor->user.id, &u, err)))
        return rc;
    if (password_verify(u.password_hash, old_password) != 0) {
        if ((rc = login_failed(db, "change_password_failed", u.username, actor->client_addr, u.id,
                               now, err)))
            return rc;
        return dj_err_field(err, "old_password", "原密码不正确");
    }
    if ((rc = password_check_rules(cfg, u.username, new_password, "new_password", err)))
        return rc;
    if (strcmp(old_password, new_password) == 0)
        return dj_err_field(err, "new_password", "新密码不能与原密码相同");
    char hash[DJ_HASH_MAX];
    if ((rc = password_hash(new_password, hash, err)))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    auth_cache_invalidate();
    if ((rc = store_user_set_password(db, u.id, hash, false, err)) ||
        (rc = store_session_delete_user_except(db, u.id, actor->session_id, err)) ||
        (rc = audit_record(db, actor, "change_password", "user", u.id, 0, NULL, NULL, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    sodium_memzero(hash, sizeof hash);
    auth_cache_invalidate();
    if (!rc)
        actor->user.must_change_password = false;
    return rc;
}

int auth_housekeeping(struct dj_db *db, const struct dj_config *cfg, const char *holder, bool *ran,
                      struct dj_err *err)
{
    int64_t now = dj_now_unix();
    int64_t period = now / cfg->housekeeping_seconds;
    *ran = false;
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    bool claimed;
    if ((rc = store_job_claim(db, "housekeeping", period, holder, &claimed, err)))
        goto out;
    if (!claimed) {
        db_rollback(db);
        return 0;
    }
    char week_ago[DJ_TIMESTAMP_LEN];
    dj_unix_to_rfc3339(now - 7 * 86400, week_ago);
    if ((rc = store_session_purge(db, now, now - (int64_t)cfg->session_idle_minutes * 60, err)) ||
        (rc = store_login_failure_purge(db, now - (int64_t)cfg->login_window_minutes * 60, err)) ||
        (rc = store_job_prune(db, week_ago, err)))
        goto out;
    rc = db_commit(db, err);
    *ran = rc == 0;
    return rc;
out:
    db_rollback(db);
    return rc;
}
