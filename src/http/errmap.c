#include "http/errmap.h"

static const struct {
    int status;
    const char *message; /* used when the error carries none, and for 5xx */
} table[DJ_CODE_COUNT] = {
    [DJ_OK] = {200, ""},
    [DJ_EINVAL] = {400, "请求有误"},
    [DJ_EUNAUTH] = {401, "请先登录"},
    [DJ_EFORBIDDEN] = {403, "您没有权限执行此操作"},
    [DJ_ENOTFOUND] = {404, "资源不存在"},
    [DJ_EMETHOD] = {405, "不支持此请求方法"},
    [DJ_ECONFLICT] = {409, "与现有数据冲突"},
    [DJ_ETOOLARGE] = {413, "请求体过大"},
    [DJ_EUNSUPPORTED] = {415, "不支持的内容类型"},
    [DJ_ERATELIMIT] = {429, "请求过于频繁，请稍后再试"},
    [DJ_EUNAVAILABLE] = {503, "服务暂时不可用，请稍后再试"},
    [DJ_EDB] = {500, "服务器内部错误"},
    [DJ_ENOMEM] = {500, "服务器内部错误"},
    [DJ_EIO] = {500, "服务器内部错误"},
    [DJ_EINTERNAL] = {500, "服务器内部错误"},
};

int errmap_status(enum dj_code code)
{
    if ((int)code <= 0 || code >= DJ_CODE_COUNT)
        return 500;
    return table[code].status;
}

json_t *errmap_body(const struct dj_err *err)
{
    enum dj_code code = err->code > 0 && err->code < DJ_CODE_COUNT ? err->code : DJ_EINTERNAL;
    int status = table[code].status;
    const char *message = (status >= 500 || !err->message[0]) ? table[code].message : err->message;
    json_t *e = json_pack("{s:s, s:s}", "code", dj_code_name(code), "message", message);
    if (e && code == DJ_EINVAL && err->nfields > 0) {
        json_t *fields = json_object();
        for (int i = 0; i < err->nfields; i++)
            if (!json_object_get(fields, err->fields[i].name))
                json_object_set_new(fields, err->fields[i].name,
                                    json_string(err->fields[i].message));
        json_object_set_new(e, "fields", fields);
    }
    return json_pack("{s:o}", "error", e);
}
