/* io/table: format detection, the row builder shared by the readers, number
 * and date formatting, and table_free.  The readers live in xlsx_read.c,
 * xls_read.c and csv_read.c. */
#include "io/table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table_internal.h"
#include "util/date.h"

static const unsigned char ZIP_MAGIC[4] = {'P', 'K', 3, 4};
static const unsigned char OLE2_MAGIC[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* ---- the row builder ---------------------------------------------------- */

void tb_init(struct tb *b, struct dj_table *t)
{
    memset(b, 0, sizeof *b);
    b->t = t;
}

void tb_row_begin(struct tb *b, int line)
{
    b->in_row = true;
    b->line = line;
    b->ncells = 0;
    b->text.len = 0;
}

void tb_abort(struct tb *b)
{
    b->in_row = false;
    b->ncells = 0;
    dj_buf_free(&b->text);
}

void tb_col_name(int col, char out[8])
{
    char tmp[8];
    int n = 0;
    if (col < 0)
        col = 0;
    col += 1;
    while (col > 0 && n < 7) {
        int r = (col - 1) % 26;
        tmp[n++] = (char)('A' + r);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

int tb_cell(struct tb *b, int col, const char *s, size_t len, struct dj_err *err)
{
    char name[8];
    if (!b->in_row || col < 0)
        return dj_err_set(err, DJ_EINTERNAL, "表格读取出错：单元格不在行内");
    if (col >= TABLE_MAX_COLS) {
        if (len == 0)
            return 0;
        tb_col_name(col, name);
        return dj_err_set(err, DJ_EINVAL, "第 %d 行的 %s 列有内容，表格最多 %d 列", b->line, name,
                          TABLE_MAX_COLS);
    }
    if (len > TABLE_MAX_CELL_BYTES) {
        tb_col_name(col, name);
        return dj_err_set(err, DJ_EINVAL, "第 %d 行 %s 列的内容太长（超过 %d 字节）", b->line, name,
                          TABLE_MAX_CELL_BYTES);
    }
    if (col < b->ncells && b->set[col]) {
        tb_col_name(col, name);
        return dj_err_set(err, DJ_EINVAL, "文件已损坏：第 %d 行的 %s 列出现了两次", b->line, name);
    }
    /* every column is set at most once: the row's text stays below
     * TABLE_MAX_COLS * TABLE_MAX_CELL_BYTES, well inside uint32_t */
    uint32_t off = (uint32_t)b->text.len;
    if (len > 0 && dj_buf_append(&b->text, s, len) != 0)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    while (b->ncells <= col) {
        b->set[b->ncells] = false;
        b->len[b->ncells] = 0;
        b->off[b->ncells] = 0;
        b->ncells++;
    }
    b->set[col] = true;
    b->off[col] = off;
    b->len[col] = (uint32_t)len;
    return 0;
}

static bool row_blank(char *const *cells, int n)
{
    for (int i = 0; i < n; i++)
        if (cells[i][0] != '\0')
            return false;
    return true;
}

int tb_row_end(struct tb *b, bool keep_empty, struct dj_err *err)
{
    struct dj_table *t = b->t;
    if (!b->in_row)
        return 0;
    b->in_row = false;
    if (b->ncells == 0 && !keep_empty)
        return 0;
    size_t bytes = 0;
    for (int i = 0; i < b->ncells; i++)
        if (b->len[i] > 0)
            bytes += (size_t)b->len[i] + 1;
    if (t->nrows >= TABLE_MAX_ROWS) {
        /* empty lines past the limit may be the file's tail: ignore them */
        if (bytes == 0)
            return 0;
        return dj_err_set(err, DJ_EINVAL, "表格超过 %d 行的上限（第 %d 行），请分批导入",
                          TABLE_MAX_ROWS, b->line);
    }
    if (b->total_cells + (size_t)b->ncells > TABLE_MAX_CELLS ||
        b->total_bytes + bytes > TABLE_MAX_TEXT_BYTES)
        return dj_err_set(err, DJ_ETOOLARGE, "表格太大（到第 %d 行已超过 %d 个单元格或 %u MB 文字），请分批导入",
                          b->line, TABLE_MAX_CELLS, TABLE_MAX_TEXT_BYTES / (1024 * 1024));
    if (t->nrows == b->cap_rows) {
        int cap = b->cap_rows ? b->cap_rows * 2 : 64;
        if (cap > TABLE_MAX_ROWS)
            cap = TABLE_MAX_ROWS;
        struct dj_table_row *rows = realloc(t->rows, (size_t)cap * sizeof *rows);
        if (!rows)
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        t->rows = rows;
        b->cap_rows = cap;
    }
    /* one block: the cell pointers, the texts, and one NUL for the empty cells */
    size_t nptr = (size_t)b->ncells;
    char **cells = malloc(nptr * sizeof *cells + bytes + 1);
    if (!cells)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    char *text = (char *)(cells + nptr);
    char *empty = text + bytes;
    *empty = '\0';
    for (int i = 0; i < b->ncells; i++) {
        if (b->len[i] == 0) {
            cells[i] = empty;
            continue;
        }
        memcpy(text, b->text.data + b->off[i], b->len[i]);
        text[b->len[i]] = '\0';
        cells[i] = text;
        text += b->len[i] + 1;
    }
    struct dj_table_row *row = &t->rows[t->nrows++];
    row->line = b->line;
    row->ncells = b->ncells;
    row->cells = cells;
    b->total_cells += nptr;
    b->total_bytes += bytes;
    return 0;
}

void tb_finish(struct tb *b)
{
    struct dj_table *t = b->t;
    tb_abort(b);
    while (t->nrows > 0) {
        struct dj_table_row *row = &t->rows[t->nrows - 1];
        if (!row_blank(row->cells, row->ncells))
            break;
        free(row->cells);
        t->nrows--;
    }
    if (t->nrows == 0) {
        free(t->rows);
        t->rows = NULL;
        b->cap_rows = 0;
    } else if (t->nrows < b->cap_rows) {
        struct dj_table_row *rows = realloc(t->rows, (size_t)t->nrows * sizeof *rows);
        if (rows) { /* keeping the larger block is fine too */
            t->rows = rows;
            b->cap_rows = t->nrows;
        }
    }
}

/* ---- numbers and dates -------------------------------------------------- */

void tb_format_number(double v, char out[40])
{
    if (v == 0) { /* also -0 */
        snprintf(out, 40, "0");
        return;
    }
    if (isfinite(v) && v == floor(v) && fabs(v) < 1e15) {
        snprintf(out, 40, "%.0f", v);
        return;
    }
    if (isfinite(v) && v == floor(v) && fabs(v) < 1e21) {
        /* the 15 digits Excel keeps, then zeros: 4.10305199409213e+17 ->
         * 410305199409213000, never "4.1e+17" for an ID number */
        char e[40];
        snprintf(e, sizeof e, "%.14e", fabs(v));
        const char *x = strchr(e, 'e');
        int exp10 = x ? atoi(x + 1) : 0;
        if (x && x - e == 16 && e[1] == '.' && exp10 >= 14 && exp10 < 21) {
            char *o = out;
            if (v < 0)
                *o++ = '-';
            *o++ = e[0];
            memcpy(o, e + 2, 14);
            o += 14;
            for (int i = 14; i < exp10; i++)
                *o++ = '0';
            *o = '\0';
            return;
        }
    }
    snprintf(out, 40, "%.15g", v);
}

bool tb_format_serial_date(double serial, bool date1904, char out[16])
{
    if (!isfinite(serial) || serial < 0 || serial > 3e6)
        return false;
    /* to the nearest second first, so that 43831.9999999 is the next day */
    double whole = floor(serial + 0.5 / 86400.0);
    int64_t days;
    if (date1904) {
        if (whole > 2957003) /* 9999-12-31 */
            return false;
        days = (int64_t)whole - 24107; /* 1904-01-01 is day -24107 of 1970 */
    } else {
        if (whole < 1 || whole > 2958465)
            return false;
        if (whole == 60) { /* Excel's 1900-02-29, kept for fidelity */
            snprintf(out, 16, "1900-02-29");
            return true;
        }
        /* serial 1 is 1900-01-01; after the fictitious 29 February Excel's
         * serials run one ahead of the calendar */
        days = (int64_t)whole - (whole < 60 ? 25568 : 25569);
    }
    char d[DJ_DATE_LEN];
    dj_date_from_days(days, d);
    snprintf(out, 16, "%s", d);
    return true;
}

/* ---- detection ---------------------------------------------------------- */

/* Binary data that is no text at all: a NUL anywhere, or control characters
 * other than tab, line feed, carriage return and form feed near the start. */
static bool looks_binary(const unsigned char *p, size_t len)
{
    if (memchr(p, 0, len))
        return true;
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f')
            return true;
    return false;
}

int table_read(const void *data, size_t len, struct dj_table *out, struct dj_err *err)
{
    int rc;
    const unsigned char *p = data;
    memset(out, 0, sizeof *out);
    if (!p && len > 0)
        return dj_err_set(err, DJ_EINVAL, "没有文件内容");
    if (len > TABLE_MAX_FILE_BYTES) /* also keeps line and column counts inside int */
        return dj_err_set(err, DJ_ETOOLARGE, "文件太大（超过 %u MB）", TABLE_MAX_FILE_BYTES / (1024 * 1024));
    if (len >= sizeof ZIP_MAGIC && memcmp(p, ZIP_MAGIC, sizeof ZIP_MAGIC) == 0) {
        snprintf(out->format, sizeof out->format, "xlsx");
        snprintf(out->encoding, sizeof out->encoding, "UTF-8");
        rc = xlsx_read(p, len, out, err);
    } else if (len >= sizeof OLE2_MAGIC && memcmp(p, OLE2_MAGIC, sizeof OLE2_MAGIC) == 0) {
        snprintf(out->format, sizeof out->format, "xls");
        snprintf(out->encoding, sizeof out->encoding, "UTF-8");
        rc = xls_read(p, len, out, err);
    } else if (len > 0 && looks_binary(p, len)) {
        rc = DJ_EUNSUPPORTED;
    } else {
        snprintf(out->format, sizeof out->format, "csv");
        rc = csv_read(p, len, out, err);
    }
    if (rc == DJ_EUNSUPPORTED)
        dj_err_set(err, DJ_EUNSUPPORTED, "不支持的文件格式，请上传 .xlsx、.xls 或 CSV 文件");
    if (rc != 0)
        table_free(out);
    return rc;
}

void table_free(struct dj_table *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->nrows; i++)
        free(t->rows[i].cells);
    free(t->rows);
    memset(t, 0, sizeof *t);
}
