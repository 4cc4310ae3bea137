/* api_common: dispatch (authentication, CSRF) and the helpers handlers share. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/api_cache.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "io/export.h"
#include "io/multipart.h"
#include "core/auth.h"
#include "core/bootstrap.h"
#include "util/date.h"
#include "util/log.h"
#include "util/text.h"

static bool method_changes_state(const char *m)
{
    return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0 && strcmp(m, "OPTIONS") != 0;
}

/* While a password must be changed, only the session endpoints are open. */
static bool allowed_before_password_change(const struct dj_request *req)
{
    return strcmp(req->path, "/api/v1/session") == 0 ||
           strcmp(req->path, "/api/v1/session/password") == 0;
}

/* A refusal is audited (rate-limited in core/authz), unless core already
 * audited it with its own record; a failure to write the record does not
 * change the answer. */
static void record_denial(const struct dj_route *route, struct dj_request *req)
{
    struct dj_err err;
    dj_err_clear(&err);
    db_rollback(req->db); /* the handler's transaction, if it left one open */
    if (authz_record_denial(req->db, &req->actor, req->method, route->pattern, req->path,
                            req->app->cfg->denial_audit_seconds, &err))
        log_warn("could not audit a denial of %s %s: %s", req->method, route->pattern, err.message);
}

static int dispatch(const struct dj_route *route, struct dj_request *req, struct dj_response *resp)
{
    int rc;
    if (!(route->flags & ROUTE_PUBLIC)) {
        if ((rc = auth_resolve(req->db, req->app->cfg, req->session_cookie, &req->actor, &req->err)))
            return rc;
        req->has_actor = true;
        snprintf(req->actor.client_addr, sizeof req->actor.client_addr, "%s", req->client_addr);
        if (method_changes_state(req->method) &&
            (!req->csrf_header || !dj_str_equal_ct(req->csrf_header, req->actor.csrf_token)))
            rc = dj_err_set(&req->err, DJ_EFORBIDDEN,
                            "缺少或错误的 CSRF 令牌（请求头 X-CSRF-Token），请刷新页面后重试");
        else if (req->actor.user.must_change_password && !allowed_before_password_change(req))
            rc = dj_err_set(&req->err, DJ_EFORBIDDEN, "请先修改初始密码");
        else if (authz_kiosk_only(&req->actor) && !api_screen_kiosk_allowed(route))
            rc = dj_err_set(&req->err, DJ_EFORBIDDEN, "数据大屏账号只能查看大屏");
        else if ((rc = api_query_check(route, req)))
            ; /* a query parameter the route does not take */
        else if (api_cacheable(route, req))
            rc = api_cached_get(route, req, resp); /* ETag, 304, the answer cache */
        else
            rc = route->handler(req, resp);
    } else if (!(rc = api_query_check(route, req))) {
        rc = route->handler(req, resp);
    }
    if (rc == DJ_EFORBIDDEN && req->has_actor && !req->err.audited)
        record_denial(route, req);
    return rc;
}

/* What the store answers for a missing record of the route's first id: said
 * as well for another bureau's record, so that the two cannot be told apart. */
static const char *missing_message(const char *pattern)
{
    static const struct {
        const char *prefix, *message;
    } nouns[] = {
        {"/api/v1/bureaus/", "单位不存在"},         {"/api/v1/users/", "用户不存在"},
        {"/api/v1/meeting-rules/", "规则不存在"},   {"/api/v1/meetings/", "会议不存在"},
        {"/api/v1/lectures/", "会议不存在"},        {"/api/v1/lecture-labels/", "主题或模块不存在"},
        {"/api/v1/quizzes/", "测试不存在"},         {"/api/v1/study-records/", "学习记录不存在"},
        {"/api/v1/schemes/", "考评方案不存在"},     {"/api/v1/evaluations/", "考评不存在"},
        {"/api/v1/files/", "文件不存在"},           {"/api/v1/orgs/", "组织不存在"},
        {"/api/v1/departments/", "科室不存在"},     {"/api/v1/people/", "人员不存在"},
        /* documents (issue 18): the record a document prints */
        {"/api/v1/documents/meetings/", "会议不存在"}, {"/api/v1/documents/evaluations/", "考评不存在"},
    };
    for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
        if (!strncmp(pattern, nouns[i].prefix, strlen(nouns[i].prefix)))
            return nouns[i].message;
    return AUTHZ_FOREIGN_MESSAGE;
}

int api_dispatch(const struct dj_route *route, struct dj_request *req, struct dj_response *resp)
{
    int rc = app_thread_db(req->app->pool, &req->db, &req->err);
    if (rc)
        return rc;
    if ((rc = dispatch(route, req, resp)))
        app_request_failed(req->db); /* a handler never leaves a transaction open */
    if (rc == DJ_ENOTFOUND && !strcmp(req->err.message, AUTHZ_FOREIGN_MESSAGE))
        dj_err_set(&req->err, DJ_ENOTFOUND, "%s", missing_message(route->pattern));
    return rc;
}

int api_body_object(struct dj_request *req, json_t **out)
{
    *out = NULL;
    if (!req->body || req->body_len == 0)
        return dj_err_set(&req->err, DJ_EINVAL, "请求体为空，应为 JSON 对象");
    if (req->content_type &&
        (strncasecmp(req->content_type, "application/json", 16) != 0 ||
         (req->content_type[16] && req->content_type[16] != ';' && req->content_type[16] != ' ')))
        return dj_err_set(&req->err, DJ_EUNSUPPORTED, "请求体应为 application/json");
    if (!dj_utf8_valid(req->body, req->body_len))
        return dj_err_set(&req->err, DJ_EINVAL, "请求体不是有效的 UTF-8 文本");
    json_error_t je;
    json_t *j = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!j) {
        enum json_error_code code = json_error_code(&je);
        if (code == json_error_duplicate_key)
            return dj_err_set(&req->err, DJ_EINVAL, "JSON 中有重复的字段（第 %d 行第 %d 列）",
                              je.line, je.column);
        return dj_err_set(&req->err, DJ_EINVAL, "请求体不是合法的 JSON（第 %d 行第 %d 列）",
                          je.line, je.column);
    }
    if (!json_is_object(j)) {
        json_decref(j);
        return dj_err_set(&req->err, DJ_EINVAL, "请求体应为 JSON 对象");
    }
    *out = j;
    return 0;
}

const char *api_query(const struct dj_request *req, const char *name)
{
    for (int i = 0; i < req->nquery; i++)
        if (strcmp(req->query[i].name, name) == 0)
            return req->query[i].value;
    return NULL;
}

static int query_int(struct dj_request *req, const char *name, int64_t def, int64_t min,
                     int64_t max, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = def;
    if (!v)
        return 0;
    if (dj_parse_int64(v, out) != 0 || *out < min || *out > max)
        return dj_err_field(&req->err, name, "应为 %lld 到 %lld 之间的整数", (long long)min,
                            (long long)max);
    return 0;
}

int api_paging(struct dj_request *req, int *limit, int *offset)
{
    int64_t l, o;
    /* an export is the whole list, not one page */
    const char *format = api_query(req, "format");
    bool whole = format && (!strcmp(format, "xlsx") || !strcmp(format, "csv"));
    int rc = query_int(req, "limit", whole ? 100000 : 50, 1, whole ? 100000 : 500, &l);
    if (!rc)
        rc = query_int(req, "offset", 0, 0, 1000000000, &o);
    if (rc)
        return rc;
    *limit = (int)l;
    *offset = (int)o;
    return 0;
}

int api_param_id(struct dj_request *req, int i, int64_t *id)
{
    if (i >= req->nparams || dj_parse_int64(req->params[i], id) != 0 || *id <= 0)
        return dj_err_set(&req->err, DJ_ENOTFOUND, "资源不存在");
    return 0;
}

int api_field_string(struct dj_request *req, json_t *obj, const char *name, bool required,
                     const char **out)
{
    json_t *v = json_object_get(obj, name);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return dj_err_field(&req->err, name, "必填");
        return 0;
    }
    if (!json_is_string(v))
        return dj_err_field(&req->err, name, "应为字符串");
    *out = json_string_value(v);
    return 0;
}

int api_field_copy(struct dj_request *req, json_t *obj, const char *name, char *dst, size_t size)
{
    json_t *v = json_object_get(obj, name);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        dst[0] = '\0';
        return 0;
    }
    if (!json_is_string(v) || strlen(json_string_value(v)) >= size)
        return dj_err_field(&req->err, name, "应为不超过 %zu 字节的字符串", size - 1);
    dj_copy(dst, size, json_string_value(v));
    return 0;
}

int api_reply(struct dj_response *resp, int status, json_t *j)
{
    resp->status = status;
    resp->json = j;
    return j ? 0 : DJ_ENOMEM;
}

int api_export_format(struct dj_request *req, int *format)
{
    const char *v = api_query(req, "format");
    *format = 0;
    if (!v || !strcmp(v, "json"))
        return 0;
    if (!strcmp(v, "xlsx"))
        *format = 1;
    else if (!strcmp(v, "csv"))
        *format = 2;
    else
        return dj_err_field(&req->err, "format", "导出格式应为 xlsx 或 csv");
    return 0;
}

int api_reply_file(struct dj_request *req, struct dj_response *resp, char *data, size_t len,
                   bool csv, const char *basename)
{
    char name[256];
    snprintf(name, sizeof name, "%s.%s", basename, csv ? "csv" : "xlsx");
    int rc = export_content_disposition(name, resp->disposition, sizeof resp->disposition, &req->err);
    if (rc) {
        free(data);
        return rc;
    }
    resp->status = 200;
    resp->body = data;
    resp->body_len = len;
    resp->content_type = csv ? DJ_MIME_CSV : DJ_MIME_XLSX;
    return 0;
}

static void cell_text(json_t *v, int type, char *out, size_t size)
{
    out[0] = '\0';
    if (type == DJ_COL_DECIMAL2 && json_is_number(v))
        /* scores and hours travel as numbers with two places */
        snprintf(out, size, "%lld", (long long)llround(json_number_value(v) * 100.0));
    else if (json_is_real(v))
        snprintf(out, size, "%.15g", json_real_value(v));
    else if (json_is_string(v))
        dj_copy(out, size, json_string_value(v));
    else if (json_is_integer(v))
        snprintf(out, size, "%lld", (long long)json_integer_value(v));
    else if (json_is_true(v))
        dj_copy(out, size, "是");
    else if (json_is_false(v))
        dj_copy(out, size, "否");
    else if (json_is_object(v) || json_is_array(v)) {
        char *s = json_dumps(v, JSON_COMPACT);
        if (s)
            dj_copy(out, size, s);
        free(s);
    }
}

int api_reply_items(struct dj_request *req, struct dj_response *resp, json_t *items, int64_t total,
                    const struct api_column *cols, int ncols, const char *basename)
{
    int format;
    int rc = api_export_format(req, &format);
    if (rc || !format) {
        if (rc) {
            json_decref(items);
            return rc;
        }
        return api_reply_list(resp, items, total);
    }
    struct dj_export_column ec[32];
    if (ncols > 32)
        ncols = 32;
    for (int c = 0; c < ncols; c++) {
        memset(&ec[c], 0, sizeof ec[c]);
        ec[c].title = cols[c].title;
        ec[c].type = (enum dj_col_type)cols[c].type;
    }
    struct dj_export spec = {.sheet_name = basename, .ncols = ncols, .cols = ec};
    struct dj_export_writer *w;
    if ((rc = format == 2 ? export_csv_begin(&spec, &w, &req->err)
                          : export_xlsx_begin(&spec, &w, &req->err))) {
        json_decref(items);
        return rc;
    }
    size_t i;
    json_t *item;
    char *texts = malloc((size_t)ncols * 4096);
    const char *cells[32];
    if (!texts) {
        export_abort(w);
        json_decref(items);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    json_array_foreach(items, i, item) {
        for (int c = 0; c < ncols; c++) {
            char *t = texts + (size_t)c * 4096;
            if (cols[c].text)
                cols[c].text(item, t, 4096);
            else
                cell_text(json_object_get(item, cols[c].key), cols[c].type, t, 4096);
            cells[c] = t;
        }
        if ((rc = export_row(w, cells, &req->err)) && rc != DJ_EINVAL)
            break;
        rc = 0;
    }
    free(texts);
    json_decref(items);
    if (rc) {
        export_abort(w);
        return rc;
    }
    char *data;
    size_t len;
    if ((rc = export_finish(w, &data, &len, &req->err)))
        return rc;
    return api_reply_file(req, resp, data, len, format == 2, basename);
}

int api_upload_data(struct dj_request *req, const char **data, size_t *len)
{
    *data = req->body;
    *len = req->body_len;
    if (req->content_type && strncasecmp(req->content_type, "multipart/", 10) == 0) {
        struct dj_part part;
        int rc = multipart_find(req->content_type, req->body, req->body_len, "file", &part, &req->err);
        if (rc)
            return rc;
        *data = part.data;
        *len = part.len;
    }
    if (!*data || *len == 0)
        return dj_err_set(&req->err, DJ_EINVAL, "没有收到文件：请上传 .xlsx、.xls 或 CSV 文件（字段名 file）");
    return 0;
}

int api_date_range(struct dj_request *req, const char **from, const char **to)
{
    *from = api_query(req, "from");
    *to = api_query(req, "to");
    if (*from && !dj_date_valid(*from))
        dj_err_field(&req->err, "from", "应为日期 YYYY-MM-DD");
    if (*to && !dj_date_valid(*to))
        dj_err_field(&req->err, "to", "应为日期 YYYY-MM-DD");
    return (int)req->err.code;
}

bool api_query_flag(const struct dj_request *req, const char *name)
{
    const char *v = api_query(req, name);
    return v && (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes"));
}

int api_query_id(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        return dj_err_field(&req->err, name, "应为编号");
    return 0;
}

int api_query_year(struct dj_request *req, const char *name, int *year)
{
    const char *v = api_query(req, name);
    int64_t y = 0;
    *year = 0;
    if (v && (dj_parse_int64(v, &y) || y < 2000 || y > 2100))
        return dj_err_field(&req->err, name, "应为年份，如 2026");
    *year = (int)y;
    return 0;
}

int api_field_centi(struct dj_request *req, json_t *obj, const char *name, int64_t null_value,
                    int64_t *out)
{
    json_t *v = json_object_get(obj, name);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = null_value;
        return 0;
    }
    char text[64];
    if (json_is_integer(v))
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(text, sizeof text, "%.6f", json_real_value(v));
    else
        return dj_err_field(&req->err, name, "应为数字");
    /* %.6f of 87.5 is 87.500000: trailing zeros are allowed, a third place is not */
    if (dj_parse_centi(text, out))
        return dj_err_field(&req->err, name, "应为最多两位小数的数字");
    return 0;
}

int api_reply_list(struct dj_response *resp, json_t *items, int64_t total)
{
    return api_reply(resp, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

int api_unknown_fields(struct dj_request *req, json_t *obj, const char *const *known)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        bool ok = false;
        for (int i = 0; known[i] && !ok; i++)
            ok = strcmp(key, known[i]) == 0;
        if (!ok)
            dj_err_field(&req->err, key, "未知的字段");
    }
    return req->err.code;
}
