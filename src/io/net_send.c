#include "io/net_send.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

int net_init(struct dj_err *err)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return dj_err_set(err, DJ_EINTERNAL, "无法初始化网络库");
    return 0;
}

void net_cleanup(void)
{
    curl_global_cleanup();
}

struct reader {
    const char *data;
    size_t left;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *user)
{
    struct reader *r = user;
    size_t n = size * nmemb;
    if (n > r->left)
        n = r->left;
    memcpy(ptr, r->data, n);
    r->data += n;
    r->left -= n;
    return n;
}

static size_t write_cb(char *ptr, size_t size, size_t nmemb, void *user)
{
    struct dj_buf *b = user;
    size_t n = size * nmemb;
    if (b && b->len < 4096) {
        size_t take = n < 4096 - b->len ? n : 4096 - b->len;
        if (dj_buf_append(b, ptr, take))
            return 0;
    }
    return n;
}

static int curl_failed(CURLcode c, const char *what, struct dj_err *err)
{
    return dj_err_set(err, DJ_EIO, "%s失败：%s", what, curl_easy_strerror(c));
}

int net_smtp_send(const struct net_smtp *s, const char *from, const char *to, const char *message,
                  struct dj_err *err)
{
    CURL *c = curl_easy_init();
    if (!c)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    char url[600];
    snprintf(url, sizeof url, "%s://%s:%d", s->tls == NET_TLS_IMPLICIT ? "smtps" : "smtp", s->host,
             s->port);
    char mail_from[400];
    snprintf(mail_from, sizeof mail_from, "<%s>", from);
    char rcpt[400];
    snprintf(rcpt, sizeof rcpt, "<%s>", to);
    struct curl_slist *rcpts = curl_slist_append(NULL, rcpt);
    if (!rcpts) {
        curl_easy_cleanup(c);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    struct reader r = {message, strlen(message)};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &r);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)(s->timeout_seconds > 0 ? s->timeout_seconds : 20));
    if (s->tls == NET_TLS_STARTTLS)
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (s->ca_file && *s->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_file);
    if (s->username && *s->username) {
        curl_easy_setopt(c, CURLOPT_USERNAME, s->username);
        curl_easy_setopt(c, CURLOPT_PASSWORD, s->password ? s->password : "");
    }
    CURLcode cc = curl_easy_perform(c);
    curl_slist_free_all(rcpts);
    curl_easy_cleanup(c);
    return cc == CURLE_OK ? 0 : curl_failed(cc, "发送邮件", err);
}

int net_http_send(const char *method, const char *url, const char *const *headers,
                  const char *body, int timeout_seconds, const char *ca_file, int *status,
                  struct dj_buf *response, struct dj_err *err)
{
    *status = 0;
    CURL *c = curl_easy_init();
    if (!c)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    struct curl_slist *h = NULL;
    for (int i = 0; headers && headers[i]; i++) {
        struct curl_slist *n = curl_slist_append(h, headers[i]);
        if (!n) {
            curl_slist_free_all(h);
            curl_easy_cleanup(c);
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        }
        h = n;
    }
    /* no "Expect: 100-continue" round trip */
    struct curl_slist *n = curl_slist_append(h, "Expect:");
    if (n)
        h = n;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)(timeout_seconds > 0 ? timeout_seconds : 20));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, response);
    if (ca_file && *ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, ca_file);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    CURLcode cc = curl_easy_perform(c);
    long code = 0;
    if (cc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    *status = (int)code;
    return cc == CURLE_OK ? 0 : curl_failed(cc, "HTTP 请求", err);
}
