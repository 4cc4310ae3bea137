#include "util/err.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void dj_err_clear(struct dj_err *err)
{
    if (!err)
        return;
    err->code = DJ_OK;
    err->message[0] = '\0';
    err->nfields = 0;
    err->audited = false;
}

int dj_err_set(struct dj_err *err, enum dj_code code, const char *fmt, ...)
{
    if (!err)
        return (int)code;
    err->code = code;
    err->audited = false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    dj_utf8_trim_partial(err->message);
    return (int)code;
}

int dj_err_field(struct dj_err *err, const char *field, const char *fmt, ...)
{
    if (!err)
        return DJ_EINVAL;
    if (err->code != DJ_EINVAL || err->message[0] == '\0') {
        if (err->code != DJ_EINVAL)
            err->nfields = 0;
        err->code = DJ_EINVAL;
        snprintf(err->message, sizeof err->message, "输入有误，请检查标出的字段");
    }
    if (err->nfields < DJ_ERR_MAX_FIELDS) {
        struct dj_err_field *f = &err->fields[err->nfields++];
        snprintf(f->name, sizeof f->name, "%s", field);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(f->message, sizeof f->message, fmt, ap);
        va_end(ap);
        dj_utf8_trim_partial(f->message);
    }
    return DJ_EINVAL;
}

const char *dj_code_name(enum dj_code code)
{
    static const char *const names[DJ_CODE_COUNT] = {
        [DJ_OK] = "ok",
        [DJ_EINVAL] = "invalid",
        [DJ_EUNAUTH] = "unauthenticated",
        [DJ_EFORBIDDEN] = "forbidden",
        [DJ_ENOTFOUND] = "not_found",
        [DJ_EMETHOD] = "method_not_allowed",
        [DJ_ECONFLICT] = "conflict",
        [DJ_ETOOLARGE] = "too_large",
        [DJ_EUNSUPPORTED] = "unsupported_media_type",
        [DJ_ERATELIMIT] = "rate_limited",
        [DJ_EUNAVAILABLE] = "unavailable",
        [DJ_EDB] = "internal",
        [DJ_ENOMEM] = "internal",
        [DJ_EIO] = "internal",
        [DJ_EINTERNAL] = "internal",
    };
    if ((int)code < 0 || code >= DJ_CODE_COUNT)
        return "internal";
    return names[code];
}
