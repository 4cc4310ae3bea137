#include "core/notify_sign.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void notify_hmac_sha256(const char *key, size_t key_len, const char *data, size_t len,
                        unsigned char out[32])
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, key_len);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)data, len);
    crypto_auth_hmacsha256_final(&st, out);
    sodium_memzero(&st, sizeof st);
}

void notify_hex(const unsigned char *in, size_t n, char *out)
{
    sodium_bin2hex(out, 2 * n + 1, in, n);
}

void notify_sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    notify_hex(h, 32, out);
}

int notify_url_encode(struct dj_buf *b, const char *s)
{
    static const char hexd[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            if (dj_buf_append(b, p, 1))
                return -1;
        } else {
            char e[3] = {'%', hexd[*p >> 4], hexd[*p & 15]};
            if (dj_buf_append(b, e, 3))
                return -1;
        }
    }
    return dj_buf_append(b, "", 0);
}

int notify_dingtalk_sign(const char *secret, int64_t timestamp_ms, char *out, size_t size)
{
    char data[600];
    int n = snprintf(data, sizeof data, "%lld\n%s", (long long)timestamp_ms, secret);
    if (n < 0 || (size_t)n >= sizeof data)
        return -1;
    unsigned char mac[32];
    notify_hmac_sha256(secret, strlen(secret), data, (size_t)n, mac);
    char b64[64];
    sodium_bin2base64(b64, sizeof b64, mac, 32, sodium_base64_VARIANT_ORIGINAL);
    struct dj_buf b = DJ_BUF_INIT;
    int rc = notify_url_encode(&b, b64);
    if (!rc && b.len < size)
        memcpy(out, b.data, b.len + 1);
    else
        rc = -1;
    dj_buf_free(&b);
    sodium_memzero(data, sizeof data);
    return rc;
}

static int append_json_inside(struct dj_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int rc;
        switch (*p) {
        case '"': rc = dj_buf_puts(b, "\\\""); break;
        case '\\': rc = dj_buf_puts(b, "\\\\"); break;
        case '\n': rc = dj_buf_puts(b, "\\n"); break;
        case '\r': rc = dj_buf_puts(b, "\\r"); break;
        case '\t': rc = dj_buf_puts(b, "\\t"); break;
        default:
            rc = *p < 0x20 ? dj_buf_printf(b, "\\u%04x", *p) : dj_buf_append(b, p, 1);
        }
        if (rc)
            return -1;
    }
    return 0;
}

int notify_template(const char *tpl, const char *const *names, const char *const *values, int n,
                    const char *escape, struct dj_buf *out)
{
    const char *p = tpl;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close)
            return dj_buf_puts(out, p);
        if (dj_buf_append(out, p, (size_t)(open - p)))
            return -1;
        size_t len = (size_t)(close - open - 1);
        int found = -1;
        for (int i = 0; i < n && found < 0; i++)
            if (strlen(names[i]) == len && !memcmp(names[i], open + 1, len))
                found = i;
        if (found < 0) {
            /* not a placeholder (a JSON body's own brace): keep the brace, look on */
            if (dj_buf_append(out, open, 1))
                return -1;
            p = open + 1;
            continue;
        }
        int rc;
        if (escape && !strcmp(escape, "json"))
            rc = append_json_inside(out, values[found]);
        else if (escape && !strcmp(escape, "form"))
            rc = notify_url_encode(out, values[found]);
        else
            rc = dj_buf_puts(out, values[found]);
        if (rc)
            return -1;
        p = close + 1;
    }
    return dj_buf_append(out, "", 0);
}

int notify_aliyun_acs3(const char *key_id, const char *secret, const char *host,
                       const char *action, const char *version, const char *date,
                       const char *nonce, const char *body, char *auth, size_t size)
{
    char body_hash[65], req_hash[65];
    notify_sha256_hex(body, strlen(body), body_hash);
    static const char signed_headers[] =
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
    struct dj_buf canon = DJ_BUF_INIT;
    if (dj_buf_printf(&canon,
                      "POST\n/\n\nhost:%s\nx-acs-action:%s\nx-acs-content-sha256:%s\n"
                      "x-acs-date:%s\nx-acs-signature-nonce:%s\nx-acs-version:%s\n\n%s\n%s",
                      host, action, body_hash, date, nonce, version, signed_headers, body_hash)) {
        dj_buf_free(&canon);
        return -1;
    }
    notify_sha256_hex(canon.data, canon.len, req_hash);
    dj_buf_free(&canon);
    char to_sign[128];
    snprintf(to_sign, sizeof to_sign, "ACS3-HMAC-SHA256\n%s", req_hash);
    unsigned char mac[32];
    char sig[65];
    notify_hmac_sha256(secret, strlen(secret), to_sign, strlen(to_sign), mac);
    notify_hex(mac, 32, sig);
    int n = snprintf(auth, size, "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s",
                     key_id, signed_headers, sig);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

int notify_tencent_tc3(const char *secret_id, const char *secret_key, const char *host,
                       const char *service, int64_t ts, const char *body, char *auth, size_t size)
{
    char body_hash[65], req_hash[65], date[16];
    time_t t = (time_t)ts;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    notify_sha256_hex(body, strlen(body), body_hash);
    struct dj_buf canon = DJ_BUF_INIT;
    if (dj_buf_printf(&canon,
                      "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:%s\n\n"
                      "content-type;host\n%s",
                      host, body_hash)) {
        dj_buf_free(&canon);
        return -1;
    }
    notify_sha256_hex(canon.data, canon.len, req_hash);
    dj_buf_free(&canon);
    char scope[128], to_sign[300], key[300];
    snprintf(scope, sizeof scope, "%s/%s/tc3_request", date, service);
    snprintf(to_sign, sizeof to_sign, "TC3-HMAC-SHA256\n%lld\n%s\n%s", (long long)ts, scope,
             req_hash);
    int kn = snprintf(key, sizeof key, "TC3%s", secret_key);
    if (kn < 0 || (size_t)kn >= sizeof key)
        return -1;
    unsigned char k_date[32], k_service[32], k_signing[32], mac[32];
    notify_hmac_sha256(key, (size_t)kn, date, strlen(date), k_date);
    notify_hmac_sha256((const char *)k_date, 32, service, strlen(service), k_service);
    notify_hmac_sha256((const char *)k_service, 32, "tc3_request", 11, k_signing);
    notify_hmac_sha256((const char *)k_signing, 32, to_sign, strlen(to_sign), mac);
    sodium_memzero(key, sizeof key);
    char sig[65];
    notify_hex(mac, 32, sig);
    int n = snprintf(auth, size,
                     "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, "
                     "Signature=%s",
                     secret_id, scope, sig);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}
