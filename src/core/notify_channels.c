#include "core/notify_channels.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/notify_sign.h"
#include "io/net_send.h"
#include "util/clock.h"

#define TIMEOUT_SECONDS 15

static const char *str(const json_t *o, const char *section, const char *name)
{
    const json_t *s = section ? json_object_get(o, section) : o;
    const char *v = json_string_value(json_object_get(s, name));
    return v ? v : "";
}

void notify_message_id(const struct dj_outbox *o, char *out, size_t size)
{
    snprintf(out, size, "dj-%lld-%lld", (long long)o->bureau_id, (long long)o->id);
}

static int append_base64(struct dj_buf *b, const char *s, size_t len, bool wrap)
{
    size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *enc = malloc(cap);
    if (!enc)
        return -1;
    sodium_bin2base64(enc, cap, (const unsigned char *)s, len, sodium_base64_VARIANT_ORIGINAL);
    int rc = 0;
    size_t n = strlen(enc);
    for (size_t i = 0; i < n && !rc; i += 76) {
        rc = dj_buf_append(b, enc + i, n - i < 76 ? n - i : 76);
        if (!rc && wrap)
            rc = dj_buf_puts(b, "\r\n");
    }
    free(enc);
    return rc;
}

static int send_email(const json_t *c, const json_t *secrets, const char *ca_file,
                      const struct dj_outbox *o, struct dj_err *err)
{
    const char *host = str(c, "email", "host"), *from = str(c, "email", "from");
    if (!*host || !*from)
        return dj_err_set(err, DJ_EINVAL, "未配置邮件服务器或发件人");
    if (!*o->recipient)
        return dj_err_set(err, DJ_EINVAL, "收件人没有邮箱");
    char mid[64], date[64];
    notify_message_id(o, mid, sizeof mid);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    struct dj_buf m = DJ_BUF_INIT;
    int bad = dj_buf_printf(&m, "From: <%s>\r\nTo: <%s>\r\nSubject: =?UTF-8?B?", from, o->recipient) ||
              append_base64(&m, o->subject, strlen(o->subject), false) ||
              dj_buf_printf(&m,
                            "?=\r\nDate: %s\r\nMessage-ID: <%s@dangjian>\r\nMIME-Version: 1.0\r\n"
                            "Content-Type: text/plain; charset=UTF-8\r\n"
                            "Content-Transfer-Encoding: base64\r\n\r\n",
                            date, mid) ||
              append_base64(&m, o->body, strlen(o->body), true);
    if (bad) {
        dj_buf_free(&m);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    const char *tls = str(c, "email", "tls");
    struct net_smtp s = {
        .host = host,
        .port = (int)json_integer_value(json_object_get(json_object_get(c, "email"), "port")),
        .tls = !strcmp(tls, "tls") ? NET_TLS_IMPLICIT
               : !strcmp(tls, "starttls") ? NET_TLS_STARTTLS
                                          : NET_TLS_NONE,
        .username = str(c, "email", "username"),
        .password = str(secrets, NULL, "smtp_password"),
        .ca_file = ca_file,
        .timeout_seconds = TIMEOUT_SECONDS,
    };
    int rc = net_smtp_send(&s, from, o->recipient, m.data, err);
    dj_buf_free(&m);
    return rc;
}

/* The host[:port] of an http(s) URL. */
static void url_host(const char *url, char *out, size_t size)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t n = strcspn(p, "/?#");
    snprintf(out, size, "%.*s", (int)n, p);
}

struct headers {
    char *items[24];
    int n;
};

static int header_add(struct headers *h, const char *fmt, const char *a, const char *b)
{
    if (h->n >= 23)
        return -1;
    size_t len = strlen(fmt) + strlen(a) + strlen(b) + 1;
    char *s = malloc(len);
    if (!s)
        return -1;
    snprintf(s, len, fmt, a, b);
    h->items[h->n++] = s;
    h->items[h->n] = NULL;
    return 0;
}

static void headers_free(struct headers *h)
{
    for (int i = 0; i < h->n; i++)
        free(h->items[i]);
    h->n = 0;
}

/* An HTTP answer's verdict: 2xx is taken, 4xx other than 429 cannot succeed
 * by retrying, anything else may.  A robot also answers errcode. */
static int http_verdict(int status, const struct dj_buf *resp, bool robot, struct dj_err *err)
{
    if (status >= 200 && status < 300) {
        if (!robot)
            return 0;
        json_t *j = resp->data ? json_loads(resp->data, 0, NULL) : NULL;
        json_int_t code = j ? json_integer_value(json_object_get(j, "errcode")) : 0;
        json_decref(j);
        return code ? dj_err_set(err, DJ_EIO, "机器人拒收：errcode %lld", (long long)code) : 0;
    }
    return dj_err_set(err, status >= 400 && status < 500 && status != 429 ? DJ_EINVAL : DJ_EIO,
                      "网关答复 HTTP %d", status);
}

static int send_sms(const json_t *c, const json_t *secrets, const char *ca_file,
                    const struct dj_outbox *o, struct dj_err *err)
{
    const json_t *sms = json_object_get(c, "sms");
    const char *url = str(c, "sms", "url"), *sign = str(c, "sms", "sign");
    const char *secret = str(secrets, NULL, "sms_secret");
    if (!*url)
        return dj_err_set(err, DJ_EINVAL, "未配置短信网关");
    if (!*o->recipient)
        return dj_err_set(err, DJ_EINVAL, "收件人没有手机号");
    char mid[64], ts[24], nonce[40], date[32];
    notify_message_id(o, mid, sizeof mid);
    int64_t now = dj_now_unix();
    snprintf(ts, sizeof ts, "%lld", (long long)now);
    unsigned char rnd[16];
    randombytes_buf(rnd, sizeof rnd);
    notify_hex(rnd, sizeof rnd, nonce);
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *tp = json_pack("{s:s}", "text", o->body);
    char *template_param = tp ? json_dumps(tp, JSON_COMPACT) : NULL;
    json_decref(tp);
    if (!template_param)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    const char *names[] = {"phone", "text", "timestamp", "nonce", "message_id", "sign_name",
                           "template_code", "app_id", "template_param", "access_key_id"};
    const char *values[] = {o->recipient, o->body, ts, nonce, mid, str(c, "sms", "sign_name"),
                            str(c, "sms", "template_code"), str(c, "sms", "app_id"),
                            template_param, str(c, "sms", "access_key_id")};
    enum { NV = (int)(sizeof names / sizeof names[0]) };
    struct dj_buf body = DJ_BUF_INIT, target = DJ_BUF_INIT;
    struct headers h = {.n = 0};
    int rc = 0;
    const char *escape = str(c, "sms", "body_escape");
    if (notify_template(str(c, "sms", "body"), names, values, NV, escape, &body) ||
        notify_template(url, names, values, NV, "form", &target))
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    const char *payload = body.data ? body.data : "";
    size_t i;
    json_t *hv;
    json_array_foreach(json_object_get(sms, "headers"), i, hv)
    {
        struct dj_buf line = DJ_BUF_INIT;
        if (!rc && (notify_template(json_string_value(hv), names, values, NV, "none", &line) ||
                    header_add(&h, "%s%s", line.data ? line.data : "", "")))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        dj_buf_free(&line);
    }
    if (!rc)
        rc = header_add(&h, "X-Dj-Message-Id: %s%s", mid, "") ? dj_err_set(err, DJ_ENOMEM, "内存不足") : 0;
    if (!rc && !strcmp(escape, "json") && strcmp(sign, "tencent-tc3"))
        rc = header_add(&h, "Content-Type: application/json; charset=utf-8%s%s", "", "");
    else if (!rc && !strcmp(escape, "form"))
        rc = header_add(&h, "Content-Type: application/x-www-form-urlencoded%s%s", "", "");
    char host[256];
    url_host(target.data ? target.data : url, host, sizeof host);
    char auth[600];
    if (!rc && !strcmp(sign, "hmac-sha256")) {
        const char *sn[] = {"timestamp", "nonce", "body", "message_id"};
        const char *sv[] = {ts, nonce, payload, mid};
        struct dj_buf to_sign = DJ_BUF_INIT;
        unsigned char mac[32];
        char hex[65];
        if (notify_template(str(c, "sms", "sign_string"), sn, sv, 4, "none", &to_sign))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        else {
            notify_hmac_sha256(secret, strlen(secret), to_sign.data ? to_sign.data : "",
                               to_sign.len, mac);
            notify_hex(mac, 32, hex);
            rc = header_add(&h, "%s: %s", str(c, "sms", "sign_header"), hex) ||
                 header_add(&h, "X-Timestamp: %s%s", ts, "") ||
                 header_add(&h, "X-Nonce: %s%s", nonce, "");
        }
        dj_buf_free(&to_sign);
    } else if (!rc && !strcmp(sign, "aliyun-acs3")) {
        char sha[65];
        notify_sha256_hex(payload, strlen(payload), sha);
        rc = notify_aliyun_acs3(str(c, "sms", "access_key_id"), secret, host, "SendSms",
                                "2017-05-25", date, nonce, payload, auth, sizeof auth) ||
             header_add(&h, "x-acs-action: SendSms%s%s", "", "") ||
             header_add(&h, "x-acs-version: 2017-05-25%s%s", "", "") ||
             header_add(&h, "x-acs-date: %s%s", date, "") ||
             header_add(&h, "x-acs-signature-nonce: %s%s", nonce, "") ||
             header_add(&h, "x-acs-content-sha256: %s%s", sha, "") ||
             header_add(&h, "Authorization: %s%s", auth, "");
    } else if (!rc && !strcmp(sign, "tencent-tc3")) {
        rc = notify_tencent_tc3(str(c, "sms", "access_key_id"), secret, host, "sms", now, payload,
                                auth, sizeof auth) ||
             header_add(&h, "Content-Type: application/json; charset=utf-8%s%s", "", "") ||
             header_add(&h, "X-TC-Action: SendSms%s%s", "", "") ||
             header_add(&h, "X-TC-Version: 2021-01-11%s%s", "", "") ||
             header_add(&h, "X-TC-Timestamp: %s%s", ts, "") ||
             header_add(&h, "Authorization: %s%s", auth, "");
    }
    if (rc && !err->code)
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!rc) {
        int status;
        struct dj_buf resp = DJ_BUF_INIT;
        const char *method = str(c, "sms", "method");
        rc = net_http_send(method, target.data, (const char *const *)h.items,
                           strcmp(method, "GET") ? payload : NULL, TIMEOUT_SECONDS, ca_file, &status,
                           &resp, err);
        if (!rc)
            rc = http_verdict(status, &resp, false, err);
        dj_buf_free(&resp);
    }
    headers_free(&h);
    dj_buf_free(&body);
    dj_buf_free(&target);
    sodium_memzero(template_param, strlen(template_param));
    free(template_param);
    return rc;
}

static int send_robot(const json_t *secrets, const char *ca_file, const struct dj_outbox *o,
                      bool dingtalk, struct dj_err *err)
{
    const char *url = str(secrets, NULL, dingtalk ? "dingtalk_url" : "wecom_url");
    if (!*url)
        return dj_err_set(err, DJ_EINVAL, "未配置%s机器人地址", dingtalk ? "钉钉" : "企业微信");
    struct dj_buf target = DJ_BUF_INIT;
    int rc = dj_buf_puts(&target, url);
    const char *secret = str(secrets, NULL, "dingtalk_secret");
    if (!rc && dingtalk && *secret) {
        int64_t ms = (int64_t)dj_now_unix() * 1000;
        char sign[128];
        rc = notify_dingtalk_sign(secret, ms, sign, sizeof sign) ||
             dj_buf_printf(&target, "%stimestamp=%lld&sign=%s", strchr(url, '?') ? "&" : "?",
                           (long long)ms, sign);
    }
    char mid[64];
    notify_message_id(o, mid, sizeof mid);
    char mid_header[96];
    snprintf(mid_header, sizeof mid_header, "X-Dj-Message-Id: %s", mid);
    json_t *msg = json_pack("{s:s, s:{s:s}}", "msgtype", "text", "text", "content", o->body);
    char *payload = msg ? json_dumps(msg, JSON_COMPACT) : NULL;
    json_decref(msg);
    if (rc || !payload) {
        free(payload);
        dj_buf_free(&target);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    const char *headers[] = {"Content-Type: application/json; charset=utf-8", mid_header, NULL};
    int status;
    struct dj_buf resp = DJ_BUF_INIT;
    rc = net_http_send("POST", target.data, headers, payload, TIMEOUT_SECONDS, ca_file, &status,
                       &resp, err);
    if (!rc)
        rc = http_verdict(status, &resp, true, err);
    dj_buf_free(&resp);
    sodium_memzero(target.data, target.len);
    dj_buf_free(&target);
    free(payload);
    return rc;
}

int notify_send(const json_t *config, const json_t *secrets, const char *ca_file,
                const struct dj_outbox *o, struct dj_err *err)
{
    const json_t *section = json_object_get(config, o->channel);
    if (!json_is_true(json_object_get(section, "enabled")))
        return dj_err_set(err, DJ_EINVAL, "渠道 %s 未启用", o->channel);
    if (!strcmp(o->channel, "email"))
        return send_email(config, secrets, ca_file, o, err);
    if (!strcmp(o->channel, "sms"))
        return send_sms(config, secrets, ca_file, o, err);
    if (!strcmp(o->channel, "wecom") || !strcmp(o->channel, "dingtalk"))
        return send_robot(secrets, ca_file, o, !strcmp(o->channel, "dingtalk"), err);
    return dj_err_set(err, DJ_EINVAL, "未知的渠道");
}
