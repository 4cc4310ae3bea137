#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "api/api_cache.h"
#include "http/errmap.h"
#include "http/router.h"
#include "http/static.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/gzip.h"
#include "util/log.h"
#include "util/text.h"

struct dj_server {
    struct MHD_Daemon *daemon;
    struct dj_app *app;
    atomic_int inflight;
    atomic_int shutting_down;
    atomic_uint_fast64_t next_request;
    atomic_uint_fast64_t access_count; /* answers below 400, for log.access_sample */
    int access_mode;                   /* DJ_ACCESS_* of util/config */
    bool made_cache;                   /* app->cache is ours to free */
    char id_prefix[8];
};

struct request_ctx {
    int64_t start_us;
    struct dj_buf body;
    int too_large;
    int upload;
    struct dj_route_match *match; /* API requests: the route, found on the first call */
    int match_rc;
    int calls;
    uint64_t discarded;
    unsigned int status;
    int64_t user_id;
    char request_id[32];
    char method[16];
    char path[256];
    char query[256]; /* for the access log: secrets as ***, cut with … */
};

static const char csp[] = "default-src 'self'; img-src 'self' data: blob:; "
                          "style-src 'self' 'unsafe-inline'; script-src 'self'; "
                          "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
                          "form-action 'self'";

static void add_common_headers(struct dj_server *s, struct MHD_Response *r,
                               const struct request_ctx *ctx, int api)
{
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    MHD_add_response_header(r, "X-Request-Id", ctx->request_id);
    /* a Secure cookie means the server is reached over HTTPS (docs/CONFIG.md):
     * then browsers are told to use nothing else for a year */
    if (s->app->cfg->secure_cookie)
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
    /* an answer with an ETag may be kept by the browser but must be
     * revalidated each time (private, no-cache); every other API answer is
     * never stored */
    if (api && !MHD_get_response_header(r, "Cache-Control"))
        MHD_add_response_header(r, "Cache-Control", "no-store");
    if (api)
        MHD_add_response_header(r, "Vary", "Accept-Encoding");
    if (atomic_load(&s->shutting_down))
        MHD_add_response_header(r, "Connection", "close");
}

/* A body (taken: freed here or by MHD) as the answer, gzipped when the
 * client takes it and the body is JSON of at least server.gzip_min_bytes. */
static struct MHD_Response *body_response(struct dj_server *s, char *text, size_t len,
                                          const char *type, bool gzip)
{
    long min = s->app->cfg->gzip_min_bytes;
    if (gzip && min > 0 && (long)len >= min && strncmp(type, "application/json", 16) == 0) {
        char *gz;
        size_t gz_len;
        if (dj_gzip(text, len, &gz, &gz_len) == 0) {
            free(text);
            struct MHD_Response *r =
                MHD_create_response_from_buffer(gz_len, gz, MHD_RESPMEM_MUST_FREE);
            if (!r) {
                free(gz);
                return NULL;
            }
            MHD_add_response_header(r, "Content-Encoding", "gzip");
            MHD_add_response_header(r, "Content-Type", type);
            return r;
        }
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(text);
        return NULL;
    }
    MHD_add_response_header(r, "Content-Type", type);
    return r;
}

static struct MHD_Response *json_response(struct dj_server *s, json_t *j, bool gzip)
{
    /* 15 digits: hundredths print as 87.5, not 87.500000000000001 */
    char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
    if (!text)
        return NULL;
    return body_response(s, text, strlen(text), "application/json; charset=utf-8", gzip);
}

static enum MHD_Result queue(struct dj_server *s, struct MHD_Connection *conn,
                             struct request_ctx *ctx, struct MHD_Response *r, unsigned int status,
                             int api)
{
    if (!r)
        return MHD_NO; /* out of memory: MHD closes the connection */
    add_common_headers(s, r, ctx, api);
    ctx->status = status;
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result queue_error(struct dj_server *s, struct MHD_Connection *conn,
                                   struct request_ctx *ctx, const struct dj_err *err,
                                   const char *allow)
{
    json_t *body = errmap_body(err);
    struct MHD_Response *r = body ? json_response(s, body, false) : NULL;
    json_decref(body);
    if (r && allow)
        MHD_add_response_header(r, "Allow", allow);
    return queue(s, conn, ctx, r, (unsigned int)errmap_status(err->code), 1);
}

struct query_collect {
    struct dj_request *req;
    int bad_utf8;
};

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    struct query_collect *qc = cls;
    if (!dj_utf8_valid(key, strlen(key)) || (value && !dj_utf8_valid(value, strlen(value)))) {
        qc->bad_utf8 = 1;
        return MHD_NO;
    }
    struct dj_request *req = qc->req;
    if (req->nquery < DJ_MAX_QUERY) {
        req->query[req->nquery].name = key;
        req->query[req->nquery].value = value ? value : "";
        req->nquery++;
    }
    return MHD_YES;
}

static enum MHD_Result log_query_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    (void)kind;
    struct request_ctx *ctx = cls;
    dj_query_log_append(ctx->query, sizeof ctx->query, key, value);
    return MHD_YES;
}

static void client_address(struct MHD_Connection *conn, char *out, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, size, "unknown");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)size);
}

static enum MHD_Result handle_api(struct dj_server *s, struct MHD_Connection *conn,
                                  struct request_ctx *ctx, const char *url, const char *method)
{
    struct dj_request *req = calloc(1, sizeof *req);
    struct dj_route_match *m = ctx->match; /* matched on the first call */
    struct dj_response resp = {0};
    enum MHD_Result ret;
    if (!req || !m) {
        free(req);
        return MHD_NO;
    }
    req->method = method;
    req->path = url;
    req->app = s->app;
    dj_copy(req->request_id, sizeof req->request_id, ctx->request_id);
    int rc = ctx->match_rc;
    if (rc) {
        dj_err_set(&req->err, rc, rc == DJ_EMETHOD ? "此地址不支持 %s 请求" : "接口不存在", method);
        ret = queue_error(s, conn, ctx, &req->err, rc == DJ_EMETHOD ? m->allow : NULL);
        goto out;
    }
    struct query_collect qc = {req, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, &qc);
    if (qc.bad_utf8) {
        dj_err_set(&req->err, DJ_EINVAL, "查询参数不是有效的 UTF-8 文本");
        ret = queue_error(s, conn, ctx, &req->err, NULL);
        goto out;
    }
    req->body = ctx->body.data;
    req->body_len = ctx->body.len;
    req->session_cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "dj_session");
    req->csrf_header = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
    req->content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    req->if_none_match = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
    req->accept_gzip = s->app->cfg->gzip_min_bytes > 0 &&
                       dj_accepts_gzip(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                                   "Accept-Encoding"));
    client_address(conn, req->client_addr, sizeof req->client_addr);
    /* behind a reverse proxy every request comes from the proxy: take the
     * address it saw, the last one of X-Forwarded-For, but only from it */
    const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
    if (xff && *s->app->cfg->trusted_proxy && strcmp(req->client_addr, s->app->cfg->trusted_proxy) == 0) {
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        while (*last == ' ')
            last++;
        if (*last && strlen(last) < sizeof req->client_addr)
            snprintf(req->client_addr, sizeof req->client_addr, "%s", last);
    }
    memcpy(req->params, m->params, sizeof req->params);
    req->nparams = m->nparams;
    /* api takes the thread's connection and rolls back what a failure left */
    rc = api_dispatch(m->route, req, &resp);
    if (rc && !req->err.code)
        dj_err_set(&req->err, (enum dj_code)rc, "%s", "");
    if (req->has_actor)
        ctx->user_id = req->actor.user.id;
    if (rc) {
        if (errmap_status(req->err.code) >= 500)
            log_error("request %s %s %s failed: %s", ctx->request_id, method, url, req->err.message);
        ret = queue_error(s, conn, ctx, &req->err, NULL);
        goto out;
    }
    struct MHD_Response *r;
    if (resp.status == 304) {
        r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    } else if (resp.shared) {
        /* a kept answer, sent from the cache's own bytes */
        r = MHD_create_response_from_buffer_with_free_callback_cls(
            resp.shared_len, (void *)(uintptr_t)resp.shared, api_cache_release, resp.shared_ref);
        if (r) {
            resp.shared_ref = NULL; /* MHD releases it */
            if (resp.shared_gzip)
                MHD_add_response_header(r, "Content-Encoding", "gzip");
            MHD_add_response_header(r, "Content-Type", resp.content_type);
        }
    } else if (resp.body_gz && req->accept_gzip) {
        r = MHD_create_response_from_buffer(resp.body_gz_len, resp.body_gz, MHD_RESPMEM_MUST_FREE);
        if (r) {
            resp.body_gz = NULL;
            MHD_add_response_header(r, "Content-Encoding", "gzip");
            MHD_add_response_header(r, "Content-Type", resp.content_type);
        }
    } else if (resp.json) {
        r = json_response(s, resp.json, req->accept_gzip);
    } else if (resp.body) {
        r = body_response(s, resp.body, resp.body_len, resp.content_type,
                          req->accept_gzip && !resp.etag[0]);
        resp.body = NULL;
    } else {
        r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    }
    if (r && resp.etag[0]) {
        MHD_add_response_header(r, "ETag", resp.etag);
        MHD_add_response_header(r, "Cache-Control", "private, no-cache");
    }
    if (r && resp.cache_state)
        MHD_add_response_header(r, "X-Cache", resp.cache_state);
    if (r && resp.location[0])
        MHD_add_response_header(r, "Location", resp.location);
    if (r && resp.set_cookie[0])
        MHD_add_response_header(r, "Set-Cookie", resp.set_cookie);
    if (r && resp.disposition[0])
        MHD_add_response_header(r, "Content-Disposition", resp.disposition);
    ret = queue(s, conn, ctx, r, (unsigned int)(resp.status ? resp.status : 200), 1);
out:
    json_decref(resp.json);
    free(resp.body);
    free(resp.body_gz);
    if (resp.shared_ref)
        api_cache_release(resp.shared_ref);
    /* the actor holds the CSRF token: wipe before freeing */
    memset(&req->actor, 0, sizeof req->actor);
    free(req);
    return ret;
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **con_cls)
{
    (void)version;
    struct dj_server *s = cls;
    struct request_ctx *ctx = *con_cls;
    long limit = ctx && ctx->upload ? s->app->cfg->upload_limit : s->app->cfg->body_limit;
    if (!ctx) {
        ctx = calloc(1, sizeof *ctx);
        if (!ctx)
            return MHD_NO;
        ctx->start_us = dj_monotonic_us();
        uint64_t n = atomic_fetch_add(&s->next_request, 1) + 1;
        snprintf(ctx->request_id, sizeof ctx->request_id, "%s-%llu", s->id_prefix,
                 (unsigned long long)n);
        dj_copy(ctx->method, sizeof ctx->method, method);
        dj_copy(ctx->path, sizeof ctx->path, url);
        if (s->access_mode != DJ_ACCESS_OFF)
            MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, log_query_pair, ctx);
        atomic_fetch_add(&s->inflight, 1);
        *con_cls = ctx;
        /* route once, now: routes that take files have their own, larger limit */
        if (strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0) {
            if (!(ctx->match = malloc(sizeof *ctx->match)))
                return MHD_NO;
            ctx->match_rc = router_match(dj_api_routes, dj_api_route_count, method, url, ctx->match);
            if (ctx->match_rc == 0 && (ctx->match->route->flags & ROUTE_UPLOAD)) {
                ctx->upload = 1;
                limit = s->app->cfg->upload_limit;
            }
        }
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        long long declared = cl ? strtoll(cl, NULL, 10) : 0;
        if (declared > limit)
            ctx->too_large = 1;
        if (declared > (long long)limit * 16) {
            /* MHD takes a response only before the body or after all of it:
             * a huge declared body is refused now, before reading it (the
             * connection closes); a moderately large one is read and dropped
             * below, so that a client still sending sees the 413 */
            struct dj_err err;
            dj_err_clear(&err);
            dj_err_set(&err, DJ_ETOOLARGE, "请求体超过 %ld 字节的上限", limit);
            return queue_error(s, conn, ctx, &err, NULL);
        }
        return MHD_YES; /* answer on a later call, or keep-alive is lost (DESIGN.md) */
    }
    ctx->calls++;
    if (*upload_data_size > 0) {
        /* a body without a length (chunked) that outgrows the limit is read to
         * its end and dropped, then answered 413; past 16 times the limit the
         * connection is cut instead */
        if (ctx->too_large || (long)(ctx->body.len + *upload_data_size) > limit) {
            if (!ctx->too_large)
                dj_buf_free(&ctx->body);
            ctx->too_large = 1;
            ctx->discarded += *upload_data_size;
            if (ctx->discarded > (uint64_t)limit * 16)
                return MHD_NO;
        } else if (dj_buf_append(&ctx->body, upload_data, *upload_data_size) != 0) {
            return MHD_NO;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (ctx->too_large) {
        struct dj_err err;
        dj_err_clear(&err);
        dj_err_set(&err, DJ_ETOOLARGE, "请求体超过 %ld 字节的上限", limit);
        return queue_error(s, conn, ctx, &err, NULL);
    }
    if (!dj_utf8_valid(url, strlen(url))) {
        struct dj_err err;
        dj_err_clear(&err);
        dj_err_set(&err, DJ_EINVAL, "请求地址不是有效的 UTF-8 文本");
        return queue_error(s, conn, ctx, &err, NULL);
    }
    if (strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0)
        return handle_api(s, conn, ctx, url, method);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        struct dj_err err;
        dj_err_clear(&err);
        dj_err_set(&err, DJ_EMETHOD, "此地址只支持 GET 请求");
        return queue_error(s, conn, ctx, &err, "GET, HEAD");
    }
    unsigned int status = 200;
    struct MHD_Response *r = static_response(
        s->app->cfg->web_root, url,
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding"), s->app->version,
        &status);
    return queue(s, conn, ctx, r, status, 0);
}

static void request_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    struct dj_server *s = cls;
    struct request_ctx *ctx = *con_cls;
    if (!ctx)
        return;
    bool ok = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK;
    bool error = ctx->status >= 400 || ctx->status == 0 || !ok;
    bool write = s->access_mode == DJ_ACCESS_ALL ||
                 (s->access_mode == DJ_ACCESS_ERRORS && error);
    /* sampling thins the ordinary answers only: every error is written */
    if (write && !error && s->app->cfg->access_sample > 1)
        write = atomic_fetch_add(&s->access_count, 1) % (uint64_t)s->app->cfg->access_sample == 0;
    if (write) {
        /* the query with its secrets masked; never a body, a cookie or a token */
        log_info("access %s %s %s%s %u %lldus user=%lld%s", ctx->request_id, ctx->method, ctx->path,
                 ctx->query, ctx->status, (long long)(dj_monotonic_us() - ctx->start_us),
                 (long long)ctx->user_id, ok ? "" : " (connection ended early)");
    }
    dj_buf_free(&ctx->body);
    free(ctx->match);
    free(ctx);
    *con_cls = NULL;
    atomic_fetch_sub(&s->inflight, 1);
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *sslen,
                        struct dj_err *err)
{
    char host[256];
    const char *colon = strrchr(listen, ':');
    size_t hlen = (size_t)(colon - listen);
    if (!colon || hlen >= sizeof host)
        return dj_err_set(err, DJ_EINVAL, "监听地址格式错误：%s", listen);
    memcpy(host, listen, hlen);
    host[hlen] = '\0';
    if (host[0] == '[' && hlen > 2 && host[hlen - 1] == ']') {
        memmove(host, host + 1, hlen - 2);
        host[hlen - 2] = '\0';
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res;
    int grc = getaddrinfo(*host ? host : NULL, colon + 1, &hints, &res);
    if (grc != 0)
        return dj_err_set(err, DJ_EINVAL, "无法解析监听地址 %s：%s", listen, gai_strerror(grc));
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *sslen = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

/* Binds and listens on the address ourselves, so that a port in use is told
 * as such.  SO_REUSEADDR only lets a restarted server bind while the old
 * one's connections sit in TIME_WAIT; SO_REUSEPORT is never set: with it a
 * second `dangjian serve` on the same port would start silently and take
 * half of the connections (onto whatever database it was given). */
static int listen_socket(const struct sockaddr_storage *ss, socklen_t sslen, const char *where,
                         int *fd_out, int *port, struct dj_err *err)
{
    int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return dj_err_set(err, DJ_EIO, "无法在 %s 上监听：%s", where, strerror(errno));
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (ss->ss_family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
    if (bind(fd, (const struct sockaddr *)ss, sslen) != 0 || listen(fd, SOMAXCONN) != 0) {
        int e = errno;
        close(fd);
        if (e == EADDRINUSE)
            return dj_err_set(err, DJ_EIO,
                              "端口被占用 / port in use: %s 上已有程序在监听（另一个 dangjian serve？）；"
                              "请停止它或换一个 --listen / another program (another server?) "
                              "listens there: stop it or choose another --listen",
                              where);
        if (e == EACCES)
            return dj_err_set(err, DJ_EIO, "无权在 %s 上监听 / permission denied: %s", where,
                              strerror(e));
        return dj_err_set(err, DJ_EIO, "无法在 %s 上监听：%s", where, strerror(e));
    }
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    *port = 0;
    if (getsockname(fd, (struct sockaddr *)&bound, &blen) == 0)
        *port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)(void *)&bound)->sin6_port
                                                  : ((struct sockaddr_in *)(void *)&bound)->sin_port);
    *fd_out = fd;
    return 0;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    log_warn("http: %s", line);
}

int server_start(struct dj_app *app, struct dj_server **out, int *port, struct dj_err *err)
{
    struct dj_server *s = calloc(1, sizeof *s);
    if (!s)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    s->app = app;
    s->access_mode = dj_config_access_mode(app->cfg);
    if (s->access_mode < 0) {
        free(s);
        return dj_err_set(err, DJ_EINVAL, "log.access 应为 all、errors 或 off");
    }
    /* request ids only tell apart servers and requests in the logs: the
     * prefix needs no secrecy, only to differ between runs */
    unsigned int rnd;
    if (getrandom(&rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
        rnd = (unsigned int)time(NULL) ^ ((unsigned int)getpid() << 16);
    snprintf(s->id_prefix, sizeof s->id_prefix, "%06x", rnd & 0xffffffu);
    struct sockaddr_storage ss;
    socklen_t sslen = 0;
    int rc = parse_listen(app->cfg->listen, &ss, &sslen, err);
    int fd = -1, bound_port = 0;
    if (rc || (rc = listen_socket(&ss, sslen, app->cfg->listen, &fd, &bound_port, err))) {
        free(s);
        return rc;
    }
    unsigned threads = app->cfg->threads > 0 ? (unsigned)app->cfg->threads
                                             : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    if (!app->cache) {
        if (api_cache_new(app->cfg, app->secret, &app->cache)) {
            close(fd);
            free(s);
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        }
        s->made_cache = true;
    }
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, access_handler, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)app->cfg->max_connections, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384,
        MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)app->cfg->connection_timeout, MHD_OPTION_NOTIFY_COMPLETED, request_completed, s,
        MHD_OPTION_END);
    if (!s->daemon) {
        close(fd);
        if (s->made_cache) {
            api_cache_free(app->cache);
            app->cache = NULL;
        }
        free(s);
        return dj_err_set(err, DJ_EIO, "无法在 %s 上启动服务", app->cfg->listen);
    }
    if (port)
        *port = bound_port;
    char shown[512];
    dj_url_redact(app->cfg->db, shown, sizeof shown);
    log_info("serving with %u threads, body limit %ld bytes, database %s", threads,
             app->cfg->body_limit, shown);
    *out = s;
    return 0;
}

void server_quiesce(struct dj_server *s)
{
    atomic_store(&s->shutting_down, 1);
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
}

int server_wait_idle(struct dj_server *s, int timeout_ms)
{
    int waited = 0;
    while (atomic_load(&s->inflight) > 0 && waited < timeout_ms) {
        usleep(10000);
        waited += 10;
    }
    return atomic_load(&s->inflight);
}

void server_stop(struct dj_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->daemon);
    if (s->made_cache) {
        api_cache_free(s->app->cache); /* the threads are gone */
        s->app->cache = NULL;
    }
    free(s);
}
