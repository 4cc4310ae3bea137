#include "util/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool dj_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (len - i <= n)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

void dj_utf8_trim_partial(char *s)
{
    size_t n = strlen(s);
    size_t i = n;
    /* walk back over continuation bytes to the lead byte of the last character */
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

size_t dj_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

int dj_parse_int64(const char *s, int64_t *out)
{
    if (!s || !*s)
        return -1;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || end == s)
        return -1;
    *out = v;
    return 0;
}

int dj_parse_centi(const char *s, int64_t *out)
{
    if (!s)
        return -1;
    while (*s == ' ')
        s++;
    bool negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    int64_t whole = 0, frac = 0;
    int digits = 0, places = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (whole > 100000000000LL) /* 10^11 yuan-sized numbers are not scores */
            return -1;
        whole = whole * 10 + (*s - '0');
    }
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++, places++) {
            if (places >= 2) {
                if (*s != '0') /* 87.500 is fine, 87.505 is not */
                    return -1;
                continue;
            }
            frac = frac * 10 + (*s - '0');
        }
        if (places == 0 && digits == 0)
            return -1;
    }
    while (*s == ' ')
        s++;
    if (*s || (digits == 0 && places == 0))
        return -1;
    if (places == 1)
        frac *= 10;
    int64_t v = whole * 100 + frac;
    *out = negative ? -v : v;
    return 0;
}

void dj_format_centi(int64_t v, char *buf, size_t size)
{
    uint64_t a = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
    snprintf(buf, size, "%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(a / 100),
             (unsigned long long)(a % 100));
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *dj_percent_decode(const char *src, size_t len, bool plus_is_space)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c == '%') {
            if (i + 2 >= len) {
                free(out);
                return NULL;
            }
            int h = hexval(src[i + 1]), l = hexval(src[i + 2]);
            if (h < 0 || l < 0) {
                free(out);
                return NULL;
            }
            c = (char)(h * 16 + l);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0') {
            free(out);
            return NULL;
        }
        out[o++] = c;
    }
    out[o] = '\0';
    return out;
}

bool dj_str_equal_ct(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = (unsigned char)(la != lb);
    size_t n = la < lb ? la : lb;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

void dj_url_redact(const char *url, char *out, size_t size)
{
    const char *scheme = strstr(url, "://");
    const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
    if (at && slash && slash < at)
        at = NULL; /* an @ in the path is not userinfo */
    const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
    if (!colon) {
        /* a password may also come as ?password=... */
        const char *pw = strstr(url, "password=");
        if (!pw) {
            snprintf(out, size, "%s", url);
            return;
        }
        snprintf(out, size, "%.*spassword=***", (int)(pw - url), url);
        return;
    }
    snprintf(out, size, "%.*s:***%s", (int)(colon - url), url, at);
}

bool dj_query_name_secret(const char *name)
{
    static const char *const words[] = {"password", "passwd", "pwd", "token", "secret", "key",
                                        "csrf", "session", "cookie", "auth", "signature",
                                        "id_number", "credential"};
    char lower[64];
    size_t n = 0;
    for (; name[n] && n < sizeof lower - 1; n++)
        lower[n] = (char)((name[n] >= 'A' && name[n] <= 'Z') ? name[n] + 32 : name[n]);
    lower[n] = '\0';
    if (name[n])
        return true; /* a name too long to check is not shown either */
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(lower, words[i]))
            return true;
    return false;
}

/* Appends name or value escaped to out at *len; -1 when it does not fit. */
static int log_escape(char *out, size_t size, size_t *len, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    bool utf8 = dj_utf8_valid(s, strlen(s)); /* else every byte above 0x7f is encoded too */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool plain = *p > 0x20 && *p != 0x7f && (utf8 || *p < 0x80) && *p != '%' && *p != '&' && *p != '=' &&
                     *p != '"' && *p != '\\';
        size_t need = plain ? 1 : 3;
        if (*len + need >= size)
            return -1;
        if (plain) {
            out[(*len)++] = (char)*p;
        } else {
            out[(*len)++] = '%';
            out[(*len)++] = hex[*p >> 4];
            out[(*len)++] = hex[*p & 15];
        }
    }
    out[*len] = '\0';
    return 0;
}

void dj_query_log_append(char *out, size_t size, const char *name, const char *value)
{
    static const char more[] = "\xe2\x80\xa6"; /* … */
    if (size < sizeof more + 1)
        return;
    size_t start = strlen(out);
    if (start >= sizeof more - 1 && strcmp(out + start - (sizeof more - 1), more) == 0)
        return; /* already cut */
    size_t len = start;
    int rc = -1;
    if (len + 1 < size) {
        out[len++] = start ? '&' : '?';
        out[len] = '\0';
        rc = log_escape(out, size, &len, name);
        if (!rc && len + 1 < size) {
            out[len++] = '=';
            out[len] = '\0';
            rc = log_escape(out, size, &len, dj_query_name_secret(name) ? "***" : value ? value : "");
        } else {
            rc = -1;
        }
    }
    if (rc) {
        /* drop the pair; mark the cut where it fits */
        size_t at = start + sizeof more <= size ? start : size - sizeof more;
        while (at > 0 && ((unsigned char)out[at] & 0xC0) == 0x80)
            at--;
        memcpy(out + at, more, sizeof more);
    }
}

void dj_copy(char *dst, size_t size, const char *src)
{
    if (!size)
        return;
    size_t n = strlen(src);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--; /* do not cut a character in two */
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

char *dj_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}
