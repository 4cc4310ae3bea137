#include "io/multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    if (nlen == 0 || hlen < nlen)
        return NULL;
    for (size_t i = 0; i + nlen <= hlen; i++) {
        const char *p = memchr(hay + i, needle[0], hlen - nlen - i + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, nlen) == 0)
            return p;
        i = (size_t)(p - hay);
    }
    return NULL;
}

/* The end of the headers that start at p: the first empty line, "\r\n\r\n" or
 * "\n\n".  *content is set to what follows it.  NULL when there is none.  One
 * pass, so that a body of many parts costs time in proportion to its size. */
static const char *headers_end(const char *p, const char *end, const char **content)
{
    for (const char *q = p; q < end && (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++) {
        size_t cr = q + 1 < end && q[1] == '\r' ? 1 : 0;
        if (q + 1 + cr < end && q[1 + cr] == '\n') {
            *content = q + 2 + cr;
            return q > p && q[-1] == '\r' ? q - 1 : q;
        }
    }
    return NULL;
}

/* Copies the value of param (name="x" or name=x) from a header line. */
static int header_param(const char *line, size_t len, const char *param, char *out, size_t size)
{
    size_t plen = strlen(param);
    for (size_t i = 0; i + plen + 1 < len; i++) {
        if ((i == 0 || line[i - 1] == ';' || line[i - 1] == ' ') &&
            strncasecmp(line + i, param, plen) == 0 && line[i + plen] == '=') {
            const char *v = line + i + plen + 1;
            const char *end = line + len;
            size_t n = 0;
            if (v < end && *v == '"') {
                v++;
                while (v + n < end && v[n] != '"')
                    n++;
            } else {
                while (v + n < end && v[n] != ';' && v[n] != ' ')
                    n++;
            }
            if (n >= size)
                n = size - 1;
            memcpy(out, v, n);
            out[n] = '\0';
            return 0;
        }
    }
    return -1;
}

int multipart_find(const char *content_type, const char *body, size_t len, const char *field,
                   struct dj_part *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0)
        return dj_err_set(err, DJ_EUNSUPPORTED, "上传文件应使用 multipart/form-data");
    char boundary[128];
    if (header_param(content_type, strlen(content_type), "boundary", boundary, sizeof boundary) ||
        !*boundary || strlen(boundary) > 70)
        return dj_err_set(err, DJ_EINVAL, "multipart 请求缺少 boundary");
    char delim[80];
    int dlen = snprintf(delim, sizeof delim, "--%s", boundary);
    const char *p = find_bytes(body, len, delim, (size_t)dlen);
    const char *end = body + len;
    while (p) {
        p += dlen;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            break; /* the closing delimiter */
        if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
            p += 2;
        else if (p < end && *p == '\n')
            p += 1;
        /* headers up to an empty line */
        const char *content;
        const char *hend = headers_end(p, end, &content);
        if (!hend)
            return dj_err_set(err, DJ_EINVAL, "multipart 请求格式错误");
        char name[128] = "", filename[256] = "", ctype[128] = "";
        for (const char *line = p; line < hend;) {
            const char *nl = memchr(line, '\n', (size_t)(hend - line));
            size_t llen = nl ? (size_t)(nl - line) : (size_t)(hend - line);
            if (llen >= 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
                header_param(line, llen, "name", name, sizeof name);
                header_param(line, llen, "filename", filename, sizeof filename);
            } else if (llen >= 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
                const char *v = line + 13;
                while (v < line + llen && *v == ' ')
                    v++;
                size_t n = (size_t)(line + llen - v);
                while (n && (v[n - 1] == '\r' || v[n - 1] == ' '))
                    n--;
                snprintf(ctype, sizeof ctype, "%.*s", (int)(n < sizeof ctype ? n : sizeof ctype - 1), v);
            }
            line += llen + 1;
        }
        /* the content ends at the line break before the next delimiter (one
         * search for "\n--boundary", the \r of a CRLF dropped after) */
        char next_delim[84];
        int ndlen = snprintf(next_delim, sizeof next_delim, "\n%s", delim);
        const char *next = find_bytes(content, (size_t)(end - content), next_delim, (size_t)ndlen);
        if (!next)
            return dj_err_set(err, DJ_EINVAL, "multipart 请求不完整");
        const char *cend = next > content && next[-1] == '\r' ? next - 1 : next;
        if (strcmp(name, field) == 0) {
            out->data = content;
            out->len = (size_t)(cend - content);
            snprintf(out->filename, sizeof out->filename, "%s", filename);
            snprintf(out->content_type, sizeof out->content_type, "%s", ctype);
            return 0;
        }
        p = next + 1;
    }
    return dj_err_set(err, DJ_EINVAL, "请求中没有名为 %s 的文件字段", field);
}
