#include "util/jsonw.h"

#include <stdio.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at s (of n bytes left), 0 if none
 * (the rules of dj_utf8_valid: no overlongs, surrogates or values past
 * U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

int jsonw_escape(struct dj_buf *b, const char *str, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *s = (const unsigned char *)str;
    if (dj_buf_append(b, "\"", 1))
        return -1;
    size_t run = 0; /* bytes copied as they are, appended in one go */
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        const char *esc = NULL;
        char u[7];
        size_t step = 1;
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            run++;
            i++;
            continue;
        }
        if (c >= 0x80) {
            step = utf8_seq(s + i, len - i);
            if (step) {
                run += step;
                i += step;
                continue;
            }
            esc = "\xEF\xBF\xBD"; /* a byte of no character: U+FFFD */
            step = 1;
        } else if (c == '"') {
            esc = "\\\"";
        } else if (c == '\\') {
            esc = "\\\\";
        } else if (c == '\b') {
            esc = "\\b";
        } else if (c == '\f') {
            esc = "\\f";
        } else if (c == '\n') {
            esc = "\\n";
        } else if (c == '\r') {
            esc = "\\r";
        } else if (c == '\t') {
            esc = "\\t";
        } else {
            u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0', u[4] = hex[c >> 4], u[5] = hex[c & 15];
            u[6] = '\0';
            esc = u;
        }
        if ((run && dj_buf_append(b, s + i - run, run)) || dj_buf_append(b, esc, strlen(esc)))
            return -1;
        run = 0;
        i += step;
    }
    if (run && dj_buf_append(b, s + len - run, run))
        return -1;
    return dj_buf_append(b, "\"", 1);
}

void jsonw_init(struct jsonw *w, struct dj_buf *out)
{
    w->out = out;
    w->need_comma = false;
    w->failed = 0;
}

static int put(struct jsonw *w, const char *s, size_t n)
{
    if (!w->failed && dj_buf_append(w->out, s, n))
        w->failed = -1;
    return w->failed;
}

/* ',' before a value or key that follows another at the same level */
static int sep(struct jsonw *w)
{
    if (w->need_comma && put(w, ",", 1))
        return -1;
    w->need_comma = true;
    return w->failed;
}

int jsonw_begin_object(struct jsonw *w)
{
    sep(w);
    w->need_comma = false;
    return put(w, "{", 1);
}

int jsonw_end_object(struct jsonw *w)
{
    w->need_comma = true;
    return put(w, "}", 1);
}

int jsonw_begin_array(struct jsonw *w)
{
    sep(w);
    w->need_comma = false;
    return put(w, "[", 1);
}

int jsonw_end_array(struct jsonw *w)
{
    w->need_comma = true;
    return put(w, "]", 1);
}

int jsonw_key(struct jsonw *w, const char *key)
{
    if (sep(w))
        return -1;
    if (jsonw_escape(w->out, key, strlen(key)))
        w->failed = -1;
    put(w, ":", 1);
    w->need_comma = false; /* the value follows without one */
    return w->failed;
}

int jsonw_string(struct jsonw *w, const char *s)
{
    if (sep(w))
        return -1;
    if (jsonw_escape(w->out, s, strlen(s)))
        w->failed = -1;
    return w->failed;
}

int jsonw_int(struct jsonw *w, int64_t v)
{
    char n[24];
    int len = snprintf(n, sizeof n, "%lld", (long long)v);
    return sep(w) ? -1 : put(w, n, (size_t)len);
}

int jsonw_bool(struct jsonw *w, bool v)
{
    return sep(w) ? -1 : v ? put(w, "true", 4) : put(w, "false", 5);
}

int jsonw_null(struct jsonw *w)
{
    return sep(w) ? -1 : put(w, "null", 4);
}

int jsonw_kv_string(struct jsonw *w, const char *key, const char *s)
{
    return jsonw_key(w, key) ? -1 : jsonw_string(w, s);
}

int jsonw_kv_opt_string(struct jsonw *w, const char *key, const char *s)
{
    return jsonw_key(w, key) ? -1 : *s ? jsonw_string(w, s) : jsonw_null(w);
}

int jsonw_kv_int(struct jsonw *w, const char *key, int64_t v)
{
    return jsonw_key(w, key) ? -1 : jsonw_int(w, v);
}

int jsonw_kv_opt_int(struct jsonw *w, const char *key, int64_t v)
{
    return jsonw_key(w, key) ? -1 : v ? jsonw_int(w, v) : jsonw_null(w);
}

int jsonw_kv_bool(struct jsonw *w, const char *key, bool v)
{
    return jsonw_key(w, key) ? -1 : jsonw_bool(w, v);
}

int jsonw_kv_null(struct jsonw *w, const char *key)
{
    return jsonw_key(w, key) ? -1 : jsonw_null(w);
}
