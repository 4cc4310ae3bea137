/* io/xlsx_parts: the styles (which cells are dates), the shared strings and
 * the worksheet of an xlsx, each streamed through expat (see xlsx_read.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table_internal.h"
#include "io/xlsx_internal.h"

#define MAX_XF 65536
#define MAX_NUMFMT 4096
#define MAX_SHEET_ROW 1048576
#define MAX_SHEET_COL 16384
/* raw text collected for one cell: escapes (_x000D_) shrink, so beyond this
 * the decoded text is surely longer than TABLE_MAX_CELL_BYTES */
#define MAX_RAW_CELL (8 * TABLE_MAX_CELL_BYTES)

/* Whole decimal number in [0, max], or -1. */
static long parse_uint(const char *s, long max)
{
    long v = 0;
    if (!s || !*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > max)
            return -1;
    }
    return v;
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

/* Decodes OOXML's _xHHHH_ escapes (e.g. _x000D_ for a carriage return) in
 * place; returns the new length.  NUL and lone surrogates stay as written. */
static size_t ooxml_unescape(char *s, size_t n)
{
    size_t r = 0, w = 0;
    while (r < n) {
        if (s[r] == '_' && r + 6 < n && s[r + 1] == 'x' && s[r + 6] == '_') {
            int h0 = hexval(s[r + 2]), h1 = hexval(s[r + 3]), h2 = hexval(s[r + 4]),
                h3 = hexval(s[r + 5]);
            if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
                unsigned cp = (unsigned)(h0 << 12 | h1 << 8 | h2 << 4 | h3);
                if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                    if (cp < 0x80) {
                        s[w++] = (char)cp;
                    } else if (cp < 0x800) {
                        s[w++] = (char)(0xC0 | cp >> 6);
                        s[w++] = (char)(0x80 | (cp & 0x3F));
                    } else {
                        s[w++] = (char)(0xE0 | cp >> 12);
                        s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        s[w++] = (char)(0x80 | (cp & 0x3F));
                    }
                    r += 7;
                    continue;
                }
            }
        }
        s[w++] = s[r++];
    }
    return w;
}

/* ---- styles ------------------------------------------------------------- */

struct numfmt {
    int id;
    bool date;
};

struct styles_ctx {
    struct xp x;
    bool in_numfmts, in_cellxfs;
    int nfmt;
    struct numfmt fmt[MAX_NUMFMT];
    int nxf, capxf;
    int *xf_fmt;
};

static int numfmt_cmp(const void *a, const void *b)
{
    const struct numfmt *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

/* Built-in number formats that show dates or times (ECMA-376 18.8.30, with
 * the ids of the Chinese, Japanese and Korean built-ins). */
static bool builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* A format code shows a date when y, m, d or h appear outside "quoted text",
 * [brackets] (colours, locales, [h] durations) and escaped characters. */
static bool code_is_date(const char *c)
{
    for (; *c; c++) {
        switch (*c) {
        case '"':
            c = strchr(c + 1, '"');
            if (!c)
                return false;
            break;
        case '[':
            c = strchr(c + 1, ']');
            if (!c)
                return false;
            break;
        case '\\':
        case '_':
        case '*':
            if (!c[1])
                return false;
            c++;
            break;
        case 'y': case 'Y': case 'm': case 'M': case 'd': case 'D': case 'h': case 'H':
            return true;
        default:
            break;
        }
    }
    return false;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct styles_ctx *s = ud;
    if (s->x.rc)
        return;
    const char *l = xp_local(name);
    if (strcmp(l, "numFmts") == 0) {
        s->in_numfmts = true;
    } else if (strcmp(l, "cellXfs") == 0) {
        s->in_cellxfs = true;
    } else if (strcmp(l, "numFmt") == 0 && s->in_numfmts && s->nfmt < MAX_NUMFMT) {
        long id = parse_uint(xp_attr(atts, "numFmtId", false), 1000000);
        const char *code = xp_attr(atts, "formatCode", false);
        if (id < 0 || !code)
            return;
        s->fmt[s->nfmt].id = (int)id;
        s->fmt[s->nfmt].date = code_is_date(code);
        s->nfmt++;
    } else if (strcmp(l, "xf") == 0 && s->in_cellxfs && s->nxf < MAX_XF) {
        long id = parse_uint(xp_attr(atts, "numFmtId", false), 1000000);
        if (s->nxf == s->capxf) {
            int cap = s->capxf ? s->capxf * 2 : 64;
            int *p = realloc(s->xf_fmt, (size_t)cap * sizeof *p);
            if (!p) {
                xp_stop(&s->x, dj_err_set(s->x.err, DJ_ENOMEM, "内存不足"));
                return;
            }
            s->xf_fmt = p;
            s->capxf = cap;
        }
        s->xf_fmt[s->nxf++] = id < 0 ? 0 : (int)id;
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    struct styles_ctx *s = ud;
    const char *l = xp_local(name);
    if (strcmp(l, "numFmts") == 0)
        s->in_numfmts = false;
    else if (strcmp(l, "cellXfs") == 0)
        s->in_cellxfs = false;
}

int xlsx_read_styles(zip_t *z, const char *part, struct xlsx_styles *out, struct dj_err *err)
{
    int rc;
    struct styles_ctx *s = calloc(1, sizeof *s);
    if (!s)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    rc = xp_parse_part(z, part, false, &s->x, styles_start, styles_end, NULL, err);
    if (rc != 0 || s->nxf == 0)
        goto out;
    out->is_date = calloc((size_t)s->nxf, sizeof *out->is_date);
    if (!out->is_date) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    out->nxf = s->nxf;
    qsort(s->fmt, (size_t)s->nfmt, sizeof s->fmt[0], numfmt_cmp);
    for (int i = 0; i < s->nxf; i++) {
        struct numfmt key = {.id = s->xf_fmt[i]};
        const struct numfmt *custom = bsearch(&key, s->fmt, (size_t)s->nfmt, sizeof s->fmt[0], numfmt_cmp);
        /* a custom code wins, even over a built-in id */
        out->is_date[i] = custom ? custom->date : builtin_date(key.id);
    }
out:
    free(s->xf_fmt);
    free(s);
    return rc;
}

/* ---- shared strings ----------------------------------------------------- */

struct strings_ctx {
    struct xp x;
    struct xlsx_strings *out;
    bool in_si, in_t;
    int in_rph; /* phonetic runs (furigana) are not part of the text */
    size_t start;
};

static void XMLCALL strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    struct strings_ctx *s = ud;
    if (s->x.rc)
        return;
    const char *l = xp_local(name);
    if (strcmp(l, "si") == 0) {
        s->in_si = true;
        s->in_t = false;
        s->in_rph = 0;
        s->start = s->out->pool.len;
    } else if (s->in_si && strcmp(l, "rPh") == 0) {
        s->in_rph++;
    } else if (s->in_si && !s->in_rph && strcmp(l, "t") == 0) {
        s->in_t = true;
    }
}

static void XMLCALL strings_end(void *ud, const XML_Char *name)
{
    struct strings_ctx *s = ud;
    if (s->x.rc)
        return;
    const char *l = xp_local(name);
    struct xlsx_strings *o = s->out;
    if (strcmp(l, "t") == 0) {
        s->in_t = false;
    } else if (strcmp(l, "rPh") == 0) {
        if (s->in_rph > 0)
            s->in_rph--;
    } else if (strcmp(l, "si") == 0 && s->in_si) {
        s->in_si = false;
        size_t len = o->pool.len - s->start;
        if (len > 0) {
            len = ooxml_unescape(o->pool.data + s->start, len);
            o->pool.len = s->start + len;
            o->pool.data[o->pool.len] = '\0';
        }
        if (o->n >= TABLE_MAX_CELLS) { /* more strings than a table can use */
            xp_stop(&s->x, dj_err_set(s->x.err, DJ_ETOOLARGE, "文件太大：共享字符串超过 %d 个",
                                      TABLE_MAX_CELLS));
            return;
        }
        if (o->n == o->cap) {
            int cap = o->cap ? o->cap * 2 : 256;
            struct xlsx_str *p = realloc(o->s, (size_t)cap * sizeof *p);
            if (!p) {
                xp_stop(&s->x, dj_err_set(s->x.err, DJ_ENOMEM, "内存不足"));
                return;
            }
            o->s = p;
            o->cap = cap;
        }
        o->s[o->n].off = (uint32_t)s->start;
        o->s[o->n].len = (uint32_t)len;
        o->n++;
    }
}

static void XMLCALL strings_text(void *ud, const XML_Char *text, int len)
{
    struct strings_ctx *s = ud;
    if (s->x.rc || !s->in_si || !s->in_t || s->in_rph || len <= 0)
        return;
    /* the strings stay in memory whole: hold them to the table's text limit,
     * not to that of the (inflated) part */
    if (s->out->pool.len + (size_t)len > TABLE_MAX_TEXT_BYTES) {
        xp_stop(&s->x, dj_err_set(s->x.err, DJ_ETOOLARGE, "文件太大：共享字符串超过 %u MB",
                                  TABLE_MAX_TEXT_BYTES / (1024 * 1024)));
        return;
    }
    if (dj_buf_append(&s->out->pool, text, (size_t)len) != 0)
        xp_stop(&s->x, dj_err_set(s->x.err, DJ_ENOMEM, "内存不足"));
}

int xlsx_read_strings(zip_t *z, const char *part, struct xlsx_strings *out, struct dj_err *err)
{
    struct strings_ctx s = {.out = out};
    return xp_parse_part(z, part, false, &s.x, strings_start, strings_end, strings_text, err);
}

void xlsx_strings_free(struct xlsx_strings *s)
{
    dj_buf_free(&s->pool);
    free(s->s);
    memset(s, 0, sizeof *s);
}

/* ---- the worksheet ------------------------------------------------------ */

struct sheet_ctx {
    struct xp x;
    const struct xlsx_styles *styles;
    const struct xlsx_strings *strings;
    bool date1904;
    struct tb b;
    bool in_data, in_row, in_c, in_v, in_is, in_t, has_v;
    int in_rph;
    long row, prev_row; /* 1-based sheet row numbers */
    long col, prev_col; /* 1-based columns */
    char type[12];
    long style;
    struct dj_buf val;
};

/* Column of a cell reference "AB12" (1-based), or -1. */
static long ref_col(const char *r)
{
    long col = 0;
    int letters = 0;
    for (; *r >= 'A' && *r <= 'Z'; r++) {
        col = col * 26 + (*r - 'A' + 1);
        if (++letters > 3)
            return -1;
    }
    if (letters == 0 || col > MAX_SHEET_COL)
        return -1;
    return col;
}

static void sheet_fail(struct sheet_ctx *s, const char *what)
{
    xp_stop(&s->x, dj_err_set(s->x.err, DJ_EINVAL, "文件已损坏：工作表第 %ld 行%s", s->row, what));
}

static bool looks_iso_date(const char *v, size_t n)
{
    if (n < 10)
        return false;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? v[i] != '-' : (v[i] < '0' || v[i] > '9'))
            return false;
    }
    return n == 10 || v[10] == 'T' || v[10] == ' ';
}

/* Turns the collected value of the cell that just ended into its text. */
static void sheet_cell(struct sheet_ctx *s)
{
    char buf[40];
    /* val is emptied by its length only: its data may still hold the text
     * of an earlier cell */
    const char *text = s->val.len > 0 ? s->val.data : "";
    size_t n = s->val.len;
    const char *t = s->type;
    if (!s->has_v)
        return;
    if (strcmp(t, "s") == 0) {
        long i = parse_uint(text, 1L << 30);
        if (i < 0 || i >= s->strings->n) {
            char name[8];
            tb_col_name((int)s->col - 1, name);
            xp_stop(&s->x, dj_err_set(s->x.err, DJ_EINVAL,
                                      "文件已损坏：工作表第 %ld 行 %s 列引用了不存在的共享字符串",
                                      s->row, name));
            return;
        }
        n = s->strings->s[i].len;
        /* when every shared string is empty the pool was never allocated */
        text = n > 0 ? s->strings->pool.data + s->strings->s[i].off : "";
    } else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
        if (n > 0)
            n = ooxml_unescape(s->val.data, n);
    } else if (strcmp(t, "e") == 0) {
        /* the error as Excel shows it: #N/A, #DIV/0! ... */
    } else if (strcmp(t, "b") == 0) {
        if (strcmp(text, "1") == 0 || strcmp(text, "true") == 0)
            text = "TRUE";
        else if (strcmp(text, "0") == 0 || strcmp(text, "false") == 0)
            text = "FALSE";
        n = strlen(text);
    } else if (strcmp(t, "d") == 0) {
        if (looks_iso_date(text, n))
            n = 10;
    } else if (n > 0) { /* a number */
        char *end;
        double v = strtod(text, &end);
        while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
            end++;
        if (end != text && *end == '\0') {
            bool date = s->style >= 0 && s->style < s->styles->nxf && s->styles->is_date[s->style];
            if (!date || !tb_format_serial_date(v, s->date1904, buf))
                tb_format_number(v, buf);
            text = buf;
            n = strlen(buf);
        }
    }
    if (n == 0)
        return;
    int rc = tb_cell(&s->b, (int)s->col - 1, text, n, s->x.err);
    if (rc != 0)
        xp_stop(&s->x, rc);
}

static void sheet_row_end(struct sheet_ctx *s)
{
    s->in_row = false;
    s->in_c = false;
    int rc = tb_row_end(&s->b, false, s->x.err);
    if (rc != 0)
        xp_stop(&s->x, rc);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct sheet_ctx *s = ud;
    if (s->x.rc)
        return;
    const char *l = xp_local(name);
    if (s->in_c) {
        if (strcmp(l, "v") == 0) {
            s->in_v = true;
            s->val.len = 0;
        } else if (strcmp(l, "is") == 0) {
            s->in_is = true;
            s->in_t = false;
            s->in_rph = 0;
            s->val.len = 0;
        } else if (s->in_is && strcmp(l, "rPh") == 0) {
            s->in_rph++;
        } else if (s->in_is && !s->in_rph && strcmp(l, "t") == 0) {
            s->in_t = true;
        }
    } else if (s->in_row && strcmp(l, "c") == 0) {
        const char *r = xp_attr(atts, "r", false);
        long col = r ? ref_col(r) : s->prev_col + 1;
        if (col < 1 || col > MAX_SHEET_COL) {
            sheet_fail(s, "的单元格位置无效");
            return;
        }
        s->col = s->prev_col = col;
        const char *t = xp_attr(atts, "t", false);
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        s->style = parse_uint(xp_attr(atts, "s", false), MAX_XF);
        s->in_c = true;
        s->in_v = s->in_is = s->in_t = s->has_v = false;
        s->in_rph = 0;
        s->val.len = 0;
    } else if (s->in_data && strcmp(l, "row") == 0) {
        if (s->in_row)
            sheet_row_end(s);
        if (s->x.rc)
            return;
        const char *r = xp_attr(atts, "r", false);
        long row = r ? parse_uint(r, MAX_SHEET_ROW) : s->prev_row + 1;
        if (row < 1 || row > MAX_SHEET_ROW) {
            xp_stop(&s->x, dj_err_set(s->x.err, DJ_EINVAL, "文件已损坏：工作表中有无效的行号"));
            return;
        }
        s->row = s->prev_row = row;
        s->prev_col = 0;
        s->in_row = true;
        tb_row_begin(&s->b, (int)row);
    } else if (strcmp(l, "sheetData") == 0) {
        s->in_data = true;
    }
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    struct sheet_ctx *s = ud;
    if (s->x.rc)
        return;
    const char *l = xp_local(name);
    if (s->in_c) {
        if (strcmp(l, "v") == 0 && s->in_v) {
            s->in_v = false;
            s->has_v = true;
        } else if (s->in_is && strcmp(l, "rPh") == 0) {
            if (s->in_rph > 0)
                s->in_rph--;
        } else if (s->in_is && strcmp(l, "t") == 0) {
            s->in_t = false;
        } else if (strcmp(l, "is") == 0 && s->in_is) {
            s->in_is = false;
            s->has_v = true;
        } else if (strcmp(l, "c") == 0) {
            s->in_c = false;
            sheet_cell(s);
        }
    } else if (s->in_row && strcmp(l, "row") == 0) {
        sheet_row_end(s);
    } else if (strcmp(l, "sheetData") == 0) {
        s->in_data = false;
    }
}

static void XMLCALL sheet_text(void *ud, const XML_Char *text, int len)
{
    struct sheet_ctx *s = ud;
    if (s->x.rc || !s->in_c || len <= 0)
        return;
    if (!s->in_v && !(s->in_is && s->in_t && !s->in_rph))
        return;
    if (s->val.len + (size_t)len > MAX_RAW_CELL) {
        char name[8];
        tb_col_name((int)s->col - 1, name);
        xp_stop(&s->x, dj_err_set(s->x.err, DJ_EINVAL, "第 %ld 行 %s 列的内容太长（超过 %d 字节）",
                                  s->row, name, TABLE_MAX_CELL_BYTES));
        return;
    }
    if (dj_buf_append(&s->val, text, (size_t)len) != 0)
        xp_stop(&s->x, dj_err_set(s->x.err, DJ_ENOMEM, "内存不足"));
}

int xlsx_read_sheet(zip_t *z, const char *part, const struct xlsx_styles *styles,
                    const struct xlsx_strings *strings, bool date1904, struct dj_table *t,
                    struct dj_err *err)
{
    int rc;
    struct sheet_ctx *s = calloc(1, sizeof *s);
    if (!s)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    s->styles = styles;
    s->strings = strings;
    s->date1904 = date1904;
    tb_init(&s->b, t);
    rc = xp_parse_part(z, part, true, &s->x, sheet_start, sheet_end, sheet_text, err);
    if (rc == 0 && s->in_row) /* a sheet cut short after a row began */
        rc = tb_row_end(&s->b, false, err);
    if (rc == 0)
        tb_finish(&s->b);
    else
        tb_abort(&s->b);
    dj_buf_free(&s->val);
    free(s);
    return rc;
}
