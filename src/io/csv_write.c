/* csv_write: the CSV writer of export.h, plus the parts both writers share: the dispatch of
 * export_row/export_finish/export_abort, the spec check, the parsing of typed cells, display
 * widths and the Content-Disposition value.  See export.h for the contract. */
#include "io/export.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

/* ---------------------------------------------------------------- dispatch */

int export_row(struct dj_export_writer *w, const char *const *cells, struct dj_err *err)
{
    if (!w || !cells)
        return dj_err_set(err, DJ_EINTERNAL, "导出：缺少写入器或单元格");
    if (w->failed)
        return dj_err_set(err, w->failed, "导出已因先前的错误中止");
    for (int i = 0; i < w->ncols; i++) {
        const char *s = cells[i] ? cells[i] : "";
        if (!dj_utf8_valid(s, strlen(s)))
            return dj_err_set(err, DJ_EINVAL, "导出：第 %d 列的内容不是有效的 UTF-8 文本", i + 1);
    }
    int rc = w->ops->row(w, cells, err);
    if (rc != 0 && rc != DJ_EINVAL)
        w->failed = (enum dj_code)rc;
    return rc;
}

int export_finish(struct dj_export_writer *w, char **data, size_t *len, struct dj_err *err)
{
    *data = NULL;
    *len = 0;
    if (!w)
        return dj_err_set(err, DJ_EINTERNAL, "导出：缺少写入器");
    if (w->failed) {
        enum dj_code code = w->failed;
        w->ops->abort(w);
        return dj_err_set(err, code, "导出已因先前的错误中止");
    }
    return w->ops->finish(w, data, len, err);
}

void export_abort(struct dj_export_writer *w)
{
    if (w)
        w->ops->abort(w);
}

/* ---------------------------------------------------------------- shared helpers */

static bool utf8_ok(const char *s)
{
    return !s || dj_utf8_valid(s, strlen(s));
}

int export_spec_check(const struct dj_export *spec, struct dj_err *err)
{
    if (!spec || !spec->cols || spec->ncols < 1 || spec->ncols > DJ_EXPORT_MAX_COLS)
        return dj_err_set(err, DJ_EINVAL, "导出：列数必须在 1 到 %d 之间", DJ_EXPORT_MAX_COLS);
    if (!utf8_ok(spec->sheet_name) || !utf8_ok(spec->title_row))
        return dj_err_set(err, DJ_EINVAL, "导出：工作表名或标题不是有效的 UTF-8 文本");
    for (int i = 0; i < spec->ncols; i++) {
        const struct dj_export_column *c = &spec->cols[i];
        if (!utf8_ok(c->title))
            return dj_err_set(err, DJ_EINVAL, "导出：第 %d 列的标题不是有效的 UTF-8 文本", i + 1);
        if ((unsigned)c->type > DJ_COL_DECIMAL2 || c->width < 0 || c->width > 255)
            return dj_err_set(err, DJ_EINVAL, "导出：第 %d 列的类型或宽度无效", i + 1);
        for (const char *const *p = c->choices; p && *p; p++)
            if (!**p || !utf8_ok(*p))
                return dj_err_set(err, DJ_EINVAL, "导出：第 %d 列的下拉选项为空或不是有效的 UTF-8 文本", i + 1);
    }
    return 0;
}

/* Reads exactly n digits at s; -1 when one is missing. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool date_ok(int y, int m, int d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* "YYYY-MM-DD" at s, 0 on success. */
static int parse_date(const char *s, struct dj_export_value *v)
{
    if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    v->year = digits(s, 4);
    v->month = digits(s + 5, 2);
    v->day = digits(s + 8, 2);
    return date_ok(v->year, v->month, v->day) ? 0 : -1;
}

/* Parses an integer with at most 15 digits (what a double, and Excel, keep exactly). */
static int parse_int15(const char *s, int64_t *out)
{
    const char *p = s + (*s == '-');
    size_t n = strlen(p);
    if (n == 0 || n > 15 || strspn(p, "0123456789") != n)
        return -1;
    return dj_parse_int64(s, out);
}

void export_value_parse(enum dj_col_type type, const char *s, struct dj_export_value *v)
{
    memset(v, 0, sizeof *v);
    v->as = DJ_COL_TEXT;
    switch (type) {
    case DJ_COL_DATE:
        if (strlen(s) == 10 && parse_date(s, v) == 0)
            v->as = DJ_COL_DATE;
        break;
    case DJ_COL_DATETIME: {
        size_t n = strlen(s);
        if ((n != 16 && n != 19) || parse_date(s, v) != 0 || (s[10] != ' ' && s[10] != 'T') ||
            s[13] != ':' || (n == 19 && s[16] != ':'))
            break;
        v->hour = digits(s + 11, 2);
        v->minute = digits(s + 14, 2);
        v->second = n == 19 ? digits(s + 17, 2) : 0;
        if (v->hour >= 0 && v->hour < 24 && v->minute >= 0 && v->minute < 60 && v->second >= 0 &&
            v->second < 60)
            v->as = DJ_COL_DATETIME;
        break;
    }
    case DJ_COL_INT:
    case DJ_COL_DECIMAL2:
        if (parse_int15(s, &v->number) == 0)
            v->as = type;
        break;
    case DJ_COL_TEXT:
        break;
    }
    if (v->as == DJ_COL_TEXT)
        memset(v, 0, sizeof *v);
}

void export_decimal2_format(int64_t hundredths, char *buf, size_t size)
{
    uint64_t a = hundredths < 0 ? (uint64_t)0 - (uint64_t)hundredths : (uint64_t)hundredths;
    snprintf(buf, size, "%s%llu.%02llu", hundredths < 0 ? "-" : "", (unsigned long long)(a / 100),
             (unsigned long long)(a % 100));
}

/* Decodes one code point of valid UTF-8 at *p and advances *p. */
static uint32_t next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n == 2)
        c &= 0x1F;
    else if (n == 3)
        c &= 0x0F;
    else if (n == 4)
        c &= 0x07;
    for (int i = 1; i < n && s[i]; i++)
        c = (c << 6) | (s[i] & 0x3F);
    *p = s + n;
    return c;
}

/* East Asian Wide and Fullwidth ranges (an approximation good for spreadsheets). */
static bool cp_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

size_t export_display_width(const char *s)
{
    size_t best = 0, line = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t c = next_cp(&p);
        if (c == '\n') {
            line = 0;
            continue;
        }
        if (c < 0x20 || c == 0x7F)
            continue;
        line += cp_wide(c) ? 2 : 1;
        if (line > best)
            best = line;
    }
    return best;
}

/* ---------------------------------------------------------------- Content-Disposition */

static bool attr_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$&+-.^_`|~", c));
}

int export_content_disposition(const char *filename, char *out, size_t size, struct dj_err *err)
{
    static const char hex[] = "0123456789ABCDEF";
    if (size)
        out[0] = '\0';
    if (!filename || !*filename || !dj_utf8_valid(filename, strlen(filename)))
        return dj_err_set(err, DJ_EINVAL, "下载文件名为空或不是有效的 UTF-8 文本");
    bool plain = true;
    for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            return dj_err_set(err, DJ_EINVAL, "下载文件名含有控制字符");
        if (*p >= 0x80 || *p == '"' || *p == '\\')
            plain = false;
    }
    struct dj_buf b = DJ_BUF_INIT;
    int rc = 0;
    if (dj_buf_puts(&b, "attachment; filename=\"") != 0)
        goto nomem;
    if (plain) {
        if (dj_buf_puts(&b, filename) != 0)
            goto nomem;
    } else {
        const char *dot = strrchr(filename, '.');
        size_t n = dot ? strlen(dot + 1) : 0;
        bool ext_ok = n >= 1 && n <= 8;
        for (size_t i = 0; ext_ok && i < n; i++)
            ext_ok = (dot[1 + i] >= 'a' && dot[1 + i] <= 'z') || (dot[1 + i] >= 'A' && dot[1 + i] <= 'Z') ||
                     (dot[1 + i] >= '0' && dot[1 + i] <= '9');
        if (dj_buf_puts(&b, "export") != 0 || (ext_ok && dj_buf_puts(&b, dot) != 0))
            goto nomem;
    }
    if (dj_buf_puts(&b, "\"; filename*=UTF-8''") != 0)
        goto nomem;
    for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
        char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        if (attr_char(*p) ? dj_buf_append(&b, p, 1) != 0 : dj_buf_append(&b, enc, 3) != 0)
            goto nomem;
    }
    if (b.len >= size) {
        rc = dj_err_set(err, DJ_EINVAL, "下载文件名过长");
        goto out;
    }
    memcpy(out, b.data, b.len + 1);
    goto out;
nomem:
    rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
out:
    dj_buf_free(&b);
    return rc;
}

/* ---------------------------------------------------------------- the CSV writer */

struct csv_writer {
    struct dj_export_writer base; /* first: the dispatch casts between the two */
    enum dj_col_type *types;
    struct dj_buf out;
};

/* Appends one field: the formula guard for text, then RFC 4180 quoting. */
static int csv_field(struct dj_buf *b, const char *s, bool text)
{
    bool guard = text && *s && strchr("=+-@\t\r", *s);
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if ((quote && dj_buf_puts(b, "\"") != 0) || (guard && dj_buf_puts(b, "'") != 0))
        return -1;
    if (!quote)
        return dj_buf_puts(b, s);
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1)
        if (dj_buf_append(b, s, (size_t)(q - s)) != 0 || dj_buf_puts(b, "\"\"") != 0)
            return -1;
    return dj_buf_puts(b, s) != 0 || dj_buf_puts(b, "\"") != 0 ? -1 : 0;
}

static int csv_row(struct dj_export_writer *w, const char *const *cells, struct dj_err *err)
{
    struct csv_writer *c = (struct csv_writer *)w;
    size_t mark = c->out.len;
    for (int i = 0; i < w->ncols; i++) {
        const char *s = cells[i] ? cells[i] : "";
        char num[32];
        bool text = true;
        if (*s && c->types[i] != DJ_COL_TEXT) {
            struct dj_export_value v;
            export_value_parse(c->types[i], s, &v);
            text = v.as == DJ_COL_TEXT;
            if (v.as == DJ_COL_DECIMAL2) {
                export_decimal2_format(v.number, num, sizeof num);
                s = num;
            }
        }
        if ((i > 0 && dj_buf_puts(&c->out, ",") != 0) || csv_field(&c->out, s, text) != 0)
            goto nomem;
    }
    if (dj_buf_puts(&c->out, "\r\n") != 0)
        goto nomem;
    return 0;
nomem:
    c->out.len = mark; /* drop the partial record */
    if (c->out.data)
        c->out.data[mark] = '\0';
    return dj_err_set(err, DJ_ENOMEM, "内存不足");
}

static void csv_abort(struct dj_export_writer *w)
{
    struct csv_writer *c = (struct csv_writer *)w;
    dj_buf_free(&c->out);
    free(c->types);
    free(c);
}

static int csv_finish(struct dj_export_writer *w, char **data, size_t *len, struct dj_err *err)
{
    struct csv_writer *c = (struct csv_writer *)w;
    (void)err;
    *len = c->out.len;
    *data = dj_buf_take(&c->out);
    csv_abort(w);
    return 0;
}

static const struct dj_export_ops csv_ops = {csv_row, csv_finish, csv_abort};

int export_csv_begin(const struct dj_export *spec, struct dj_export_writer **out, struct dj_err *err)
{
    *out = NULL;
    int rc = export_spec_check(spec, err);
    if (rc != 0)
        return rc;
    const char **titles = NULL;
    struct csv_writer *c = calloc(1, sizeof *c);
    if (!c)
        goto nomem;
    c->base.ops = &csv_ops;
    c->base.ncols = spec->ncols;
    c->types = calloc((size_t)spec->ncols, sizeof *c->types);
    titles = calloc((size_t)spec->ncols, sizeof *titles);
    if (!c->types || !titles || dj_buf_puts(&c->out, "\xEF\xBB\xBF") != 0)
        goto nomem;
    for (int i = 0; i < spec->ncols; i++)
        titles[i] = spec->cols[i].title; /* the header is text: TEXT types until it is written */
    if ((rc = csv_row(&c->base, titles, err)) != 0)
        goto out;
    for (int i = 0; i < spec->ncols; i++)
        c->types[i] = spec->cols[i].type;
    *out = &c->base;
    c = NULL;
    goto out;
nomem:
    rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
out:
    free(titles);
    if (c)
        csv_abort(&c->base);
    return rc;
}
