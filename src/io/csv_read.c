/* io/csv_read: CSV (RFC 4180) in UTF-8, with or without a byte-order mark,
 * or in GB18030/GBK as Excel on Chinese Windows saves it.  See io/table.h. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table_internal.h"
#include "util/buf.h"
#include "util/text.h"

/* Line (1-based) of byte offset off in p. */
static int line_at(const char *p, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (p[i] == '\n')
            line++;
    return line;
}

/* Line of the first line of p[0..len) that is not valid UTF-8 (1 if none is
 * found, which cannot happen when the whole is invalid). */
static int first_bad_utf8_line(const char *p, size_t len)
{
    int line = 1;
    size_t start = 0;
    while (start <= len) {
        const char *nl = memchr(p + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - p) : len;
        if (!dj_utf8_valid(p + start, end - start))
            return line;
        if (!nl)
            break;
        start = end + 1;
        line++;
    }
    return 1;
}

/* Converts GB18030 (a superset of GBK and GB2312) to UTF-8: *out is a new
 * NUL-terminated string the caller frees. */
static int from_gb18030(const char *p, size_t len, char **out, size_t *outlen,
                        struct dj_err *err)
{
    int rc = 0;
    char *buf = NULL;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return dj_err_set(err, DJ_EINTERNAL, "无法转换 GB18030 编码（系统缺少 iconv 转换模块）");
    /* two bytes become at most three, four at most four */
    if (len > ((size_t)-1 - 16) / 2) {
        rc = dj_err_set(err, DJ_ETOOLARGE, "文件太大");
        goto out;
    }
    size_t cap = len * 2 + 16;
    buf = malloc(cap);
    if (!buf) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    char *in = (char *)p;
    size_t inleft = len;
    char *o = buf;
    size_t oleft = cap - 1;
    if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
        if (errno == EILSEQ || errno == EINVAL)
            rc = dj_err_set(err, DJ_EINVAL,
                            "第 %d 行含有无法识别的字符：文件既不是 UTF-8 也不是 GBK/GB18030 编码",
                            line_at(p, (size_t)(in - p)));
        else
            rc = dj_err_set(err, DJ_EINTERNAL, "编码转换失败");
        goto out;
    }
    *o = '\0';
    *outlen = (size_t)(o - buf);
    *out = buf;
    buf = NULL;
out:
    free(buf);
    iconv_close(cd);
    return rc;
}

/* Parses the UTF-8 text s[0..n) into t. */
static int parse(const char *s, size_t n, struct dj_table *t, struct dj_err *err)
{
    int rc = 0;
    struct tb b;
    struct dj_buf cell = DJ_BUF_INIT;
    int line = 1;
    size_t i = 0;
    tb_init(&b, t);
    while (i < n) {
        tb_row_begin(&b, line);
        /* past the limit, columns stay at TABLE_MAX_COLS: tb_cell ignores
         * them when empty and reports them otherwise */
        for (int col = 0;; col = col < TABLE_MAX_COLS ? col + 1 : col) {
            bool quoted = i < n && s[i] == '"';
            cell.len = 0;
            if (quoted) {
                int qline = line;
                i++;
                for (;;) {
                    const char *q = i < n ? memchr(s + i, '"', n - i) : NULL;
                    if (!q) {
                        rc = dj_err_set(err, DJ_EINVAL,
                                        "第 %d 行：引号没有闭合（以双引号开始的内容一直到文件末尾都没有结束）",
                                        qline);
                        goto out;
                    }
                    size_t chunk = (size_t)(q - (s + i));
                    for (size_t k = 0; k < chunk; k++)
                        if (s[i + k] == '\n')
                            line++;
                    if (cell.len + chunk > TABLE_MAX_CELL_BYTES) {
                        char name[8];
                        tb_col_name(col, name);
                        rc = dj_err_set(err, DJ_EINVAL, "第 %d 行 %s 列的内容太长（超过 %d 字节）",
                                        qline, name, TABLE_MAX_CELL_BYTES);
                        goto out;
                    }
                    if (dj_buf_append(&cell, s + i, chunk) != 0) {
                        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
                        goto out;
                    }
                    i += chunk + 1; /* past the quote */
                    if (i < n && s[i] == '"') { /* a doubled quote */
                        if (dj_buf_append(&cell, "\"", 1) != 0) {
                            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
                            goto out;
                        }
                        i++;
                        continue;
                    }
                    break;
                }
            }
            /* the unquoted field, or what follows a closing quote (kept as
             * written, as Excel does) */
            size_t start = i;
            while (i < n && s[i] != ',' && s[i] != '\n')
                i++;
            size_t end = i;
            if ((i == n || s[i] == '\n') && end > start && s[end - 1] == '\r')
                end--;
            if (quoted) {
                if (cell.len + (end - start) > TABLE_MAX_CELL_BYTES) {
                    char name[8];
                    tb_col_name(col, name);
                    rc = dj_err_set(err, DJ_EINVAL, "第 %d 行 %s 列的内容太长（超过 %d 字节）",
                                    b.line, name, TABLE_MAX_CELL_BYTES);
                    goto out;
                }
                if (dj_buf_append(&cell, s + start, end - start) != 0) {
                    rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
                    goto out;
                }
                rc = tb_cell(&b, col, cell.data ? cell.data : "", cell.len, err);
            } else {
                rc = tb_cell(&b, col, s + start, end - start, err);
            }
            if (rc != 0)
                goto out;
            if (i < n && s[i] == ',') {
                i++;
                continue;
            }
            if (i < n) { /* the line feed */
                i++;
                line++;
            }
            break;
        }
        rc = tb_row_end(&b, true, err);
        if (rc != 0)
            goto out;
    }
    tb_finish(&b);
out:
    if (rc != 0)
        tb_abort(&b);
    dj_buf_free(&cell);
    return rc;
}

int csv_read(const void *data, size_t len, struct dj_table *t, struct dj_err *err)
{
    int rc;
    const char *p = data;
    char *converted = NULL;
    bool bom = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0;
    if (bom) {
        p += 3;
        len -= 3;
    }
    if (len > 0 && memchr(p, 0, len))
        return DJ_EUNSUPPORTED;
    if (len == 0 || dj_utf8_valid(p, len)) {
        snprintf(t->encoding, sizeof t->encoding, "UTF-8");
    } else if (bom) {
        /* the mark promises UTF-8: do not guess another encoding */
        return dj_err_set(err, DJ_EINVAL, "第 %d 行含有无效的 UTF-8 字符（文件以 UTF-8 标记开头）",
                          first_bad_utf8_line(p, len));
    } else {
        size_t clen = 0;
        rc = from_gb18030(p, len, &converted, &clen, err);
        if (rc != 0)
            return rc;
        if (memchr(converted, 0, clen) || !dj_utf8_valid(converted, clen)) {
            free(converted);
            return dj_err_set(err, DJ_EINVAL, "文件既不是 UTF-8 也不是 GBK/GB18030 编码");
        }
        snprintf(t->encoding, sizeof t->encoding, "GB18030");
        p = converted;
        len = clen;
    }
    rc = parse(p, len, t, err);
    free(converted);
    return rc;
}
