/* xlsx_write: the xlsx writer of export.h, on libxlsxwriter 1.1.4 in constant_memory mode.
 *
 * The workbook is written to a temporary file made by mkstemp in $TMPDIR (or /tmp) and read back
 * into memory by export_finish; the writer keeps the descriptor so that it reads the very file it
 * made, and unlinks the path in export_finish or export_abort.  Rows go out in order (the mode
 * allows nothing else); widths, column formats and the autofilter are set at the end because
 * libxlsxwriter writes them when the workbook is closed.  See export.h for the contract. */
#include "io/export.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "util/text.h"

#define LISTS_SHEET "下拉选项"
#define WIDTH_MIN 6
#define WIDTH_MAX 60

struct xlsx_writer {
    struct dj_export_writer base; /* first: the dispatch casts between the two */
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *f_title, *f_header, *f_text, *f_date, *f_datetime, *f_int, *f_dec;
    enum dj_col_type *types;
    int *fixed;         /* width from the spec, 0 = fit the content */
    size_t *widths;     /* widest content seen, in display columns */
    lxw_row_t header_row;
    lxw_row_t next_row;
    int fd;             /* the temporary file, -1 when none */
    char path[PATH_MAX];
    char *tmpdir;       /* libxlsxwriter keeps a pointer until the workbook is closed */
};

static int lxw_fail(struct dj_err *err, lxw_error e, const char *what)
{
    return dj_err_set(err, e == LXW_ERROR_MEMORY_MALLOC_FAILED ? DJ_ENOMEM : DJ_EIO,
                      "生成 Excel 文件失败（%s）：%s", what, lxw_strerror(e));
}

/* Drops everything the writer holds, the temporary file included. */
static void xlsx_abort(struct dj_export_writer *w)
{
    struct xlsx_writer *x = (struct xlsx_writer *)w;
    if (!x)
        return;
    if (x->wb)
        lxw_workbook_free(x->wb); /* closes (and so deletes) the constant_memory temporaries */
    if (x->fd >= 0) {
        close(x->fd);
        unlink(x->path);
    }
    free(x->tmpdir);
    free(x->types);
    free(x->fixed);
    free(x->widths);
    free(x);
}

/* A sheet name Excel accepts: forbidden characters become '_', at most 31 characters,
 * no apostrophe at either end, "Sheet1" when nothing is left.  out holds 31*4+1 bytes. */
static void sheet_name(const char *in, char out[128])
{
    size_t o = 0, chars = 0;
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    while (*p && chars < 31) {
        size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (n == 1 && (*p < 0x20 || strchr("[]:*?/\\", *p)))
            out[o++] = '_';
        else
            memcpy(out + o, p, n), o += n;
        p += n;
        chars++;
    }
    out[o] = '\0';
    if (o && out[0] == '\'')
        out[0] = '_';
    if (o && out[o - 1] == '\'')
        out[o - 1] = '_';
    if (!o)
        strcpy(out, "Sheet1");
}

/* s cut to Excel's cell limit: s itself, or a malloc'd copy in *copy (NULL when out of memory). */
static const char *cell_text(const char *s, char **copy)
{
    *copy = NULL;
    if (strlen(s) <= DJ_EXPORT_MAX_CELL_CHARS || dj_utf8_length(s) <= DJ_EXPORT_MAX_CELL_CHARS)
        return s;
    const unsigned char *p = (const unsigned char *)s;
    for (int i = 0; i < DJ_EXPORT_MAX_CELL_CHARS; i++)
        p += *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
    size_t n = (size_t)(p - (const unsigned char *)s);
    if ((*copy = malloc(n + 1)) == NULL)
        return NULL;
    memcpy(*copy, s, n);
    (*copy)[n] = '\0';
    return *copy;
}

static int write_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                      lxw_format *f, struct dj_err *err)
{
    char *copy;
    const char *t = cell_text(s, &copy);
    if (!t)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    lxw_error e = *t ? worksheet_write_string(ws, row, col, t, f) : worksheet_write_blank(ws, row, col, f);
    free(copy);
    return e ? lxw_fail(err, e, "写入单元格") : 0;
}

static lxw_format *new_format(lxw_workbook *wb, const char *num_format)
{
    lxw_format *f = workbook_add_format(wb);
    if (f && num_format)
        format_set_num_format(f, num_format);
    return f;
}

/* True when the drop-down can be written inline: Excel keeps at most 255 characters, commas
 * included, and libxlsxwriter neither escapes a double quote nor a comma inside an item.
 * libxlsxwriter 1.1.4 also joins the items into a 258-byte buffer while it checks the length in
 * characters, so that Chinese items overflow it: count bytes, not characters. */
static bool choices_inline(const char *const *choices)
{
    size_t bytes = 0;
    for (const char *const *p = choices; *p; p++) {
        if (strpbrk(*p, ",\""))
            return false;
        bytes += strlen(*p) + (p != choices);
        if (bytes > 250)
            return false;
    }
    return true;
}

/* Adds a list validation whose items are the cells named by formula.  libxlsxwriter 1.1.4 leaks
 * a copy of the formula of every LXW_VALIDATION_TYPE_LIST_FORMULA validation, so it is added as a
 * custom-formula validation (stored and freed once) and its type set to a list afterwards: the
 * XML is the same as a list-formula validation's. */
static lxw_error add_list_formula(lxw_worksheet *ws, lxw_row_t first, lxw_col_t col,
                                  lxw_data_validation *v, const char *formula)
{
    v->validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    v->value_formula = (char *)formula;
    lxw_error e = worksheet_data_validation_range(ws, first, col, DJ_EXPORT_VALIDATION_LAST_ROW - 1, col, v);
    if (e)
        return e;
    lxw_data_val_obj *o, *last = NULL;
    STAILQ_FOREACH(o, ws->data_validations, list_pointers)
        last = o;
    if (last)
        last->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    return 0;
}

/* Adds the drop-downs of the columns that have choices, from the first data row to row
 * DJ_EXPORT_VALIDATION_LAST_ROW; long lists go to the hidden sheet LISTS_SHEET. */
static int add_validations(struct xlsx_writer *x, const struct dj_export *spec,
                           const char *main_name, struct dj_err *err)
{
    const char *lists_name = strcmp(main_name, LISTS_SHEET) ? LISTS_SHEET : LISTS_SHEET "_";
    lxw_worksheet *hs = NULL;
    lxw_col_t hcols = 0;
    size_t most = 0;
    for (int i = 0; i < spec->ncols; i++) {
        const char *const *ch = spec->cols[i].choices;
        if (!ch || !*ch)
            continue;
        size_t n = 0;
        while (ch[n])
            n++;
        lxw_data_validation v = {0};
        v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        v.error_title = "输入有误";
        v.error_message = "请从下拉列表中选择。";
        lxw_error e;
        if (choices_inline(ch)) {
            v.validate = LXW_VALIDATION_TYPE_LIST;
            v.value_list = (char **)ch; /* only read */
            e = worksheet_data_validation_range(x->ws, x->header_row + 1, (lxw_col_t)i,
                                                DJ_EXPORT_VALIDATION_LAST_ROW - 1, (lxw_col_t)i, &v);
        } else {
            if (!hs) {
                if ((hs = workbook_add_worksheet(x->wb, lists_name)) == NULL)
                    return dj_err_set(err, DJ_EIO, "生成 Excel 文件失败：无法添加选项工作表");
                worksheet_hide(hs);
            }
            if (n > LXW_ROW_MAX)
                return dj_err_set(err, DJ_EINVAL, "导出：第 %d 列的下拉选项过多", i + 1);
            char range[64], formula[128];
            lxw_rowcol_to_range_abs(range, 0, hcols, (lxw_row_t)(n - 1), hcols);
            snprintf(formula, sizeof formula, "='%s'!%s", lists_name, range);
            e = add_list_formula(x->ws, x->header_row + 1, (lxw_col_t)i, &v, formula);
            hcols++;
            if (n > most)
                most = n;
        }
        if (e)
            return lxw_fail(err, e, "下拉列表");
    }
    /* constant_memory mode writes in row order: fill the lists' sheet row by row */
    if (!hs)
        return 0;
    size_t *count = calloc((size_t)spec->ncols, sizeof *count);
    if (!count)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    for (int i = 0; i < spec->ncols; i++) {
        const char *const *ch = spec->cols[i].choices;
        while (ch && !choices_inline(ch) && ch[count[i]])
            count[i]++;
    }
    int rc = 0;
    for (size_t r = 0; r < most && !rc; r++) {
        lxw_col_t k = 0;
        for (int i = 0; i < spec->ncols && !rc; i++) {
            if (!count[i])
                continue;
            if (r < count[i])
                rc = write_text(hs, (lxw_row_t)r, k, spec->cols[i].choices[r], x->f_text, err);
            k++;
        }
    }
    free(count);
    return rc;
}

/* The spec's constant part: formats, the title and header rows, frozen panes, drop-downs. */
static int xlsx_setup(struct xlsx_writer *x, const struct dj_export *spec, const char *name,
                      struct dj_err *err)
{
    lxw_workbook *wb = x->wb;
    if (!(x->f_title = new_format(wb, NULL)) || !(x->f_header = new_format(wb, NULL)) ||
        !(x->f_text = new_format(wb, "@")) || !(x->f_date = new_format(wb, "yyyy-mm-dd")) ||
        !(x->f_datetime = new_format(wb, "yyyy-mm-dd hh:mm:ss")) ||
        !(x->f_int = new_format(wb, "0")) || !(x->f_dec = new_format(wb, "0.00")))
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    format_set_bold(x->f_title);
    format_set_font_size(x->f_title, 14);
    format_set_align(x->f_title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bold(x->f_header);
    format_set_bg_color(x->f_header, 0xDDEBF7);
    format_set_border(x->f_header, LXW_BORDER_THIN);
    format_set_align(x->f_header, LXW_ALIGN_VERTICAL_CENTER);

    lxw_error e = 0;
    if (spec->title_row && *spec->title_row) {
        char *copy;
        const char *t = cell_text(spec->title_row, &copy);
        if (!t)
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        e = worksheet_set_row(x->ws, 0, 24, NULL);
        if (!e)
            e = spec->ncols > 1 ? worksheet_merge_range(x->ws, 0, 0, 0, (lxw_col_t)(spec->ncols - 1), t,
                                                        x->f_title)
                                : worksheet_write_string(x->ws, 0, 0, t, x->f_title);
        free(copy);
        if (e)
            return lxw_fail(err, e, "标题行");
        x->header_row = 1;
    }
    for (int i = 0; i < spec->ncols; i++) {
        const char *t = spec->cols[i].title ? spec->cols[i].title : "";
        int rc = write_text(x->ws, x->header_row, (lxw_col_t)i, t, x->f_header, err);
        if (rc)
            return rc;
        x->types[i] = spec->cols[i].type;
        x->fixed[i] = spec->cols[i].width;
        x->widths[i] = export_display_width(t);
    }
    x->next_row = x->header_row + 1;
    worksheet_freeze_panes(x->ws, x->next_row, 0);
    return add_validations(x, spec, name, err);
}

static int xlsx_row(struct dj_export_writer *w, const char *const *cells, struct dj_err *err);
static int xlsx_finish(struct dj_export_writer *w, char **data, size_t *len, struct dj_err *err);
static const struct dj_export_ops xlsx_ops = {xlsx_row, xlsx_finish, xlsx_abort};

int export_xlsx_begin(const struct dj_export *spec, struct dj_export_writer **out, struct dj_err *err)
{
    *out = NULL;
    int rc = export_spec_check(spec, err);
    if (rc != 0)
        return rc;
    struct xlsx_writer *x = calloc(1, sizeof *x);
    if (!x)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    x->fd = -1;
    x->base.ops = &xlsx_ops;
    x->base.ncols = spec->ncols;
    size_t n = (size_t)spec->ncols;
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    if (!(x->types = calloc(n, sizeof *x->types)) || !(x->fixed = calloc(n, sizeof *x->fixed)) ||
        !(x->widths = calloc(n, sizeof *x->widths)) || !(x->tmpdir = dj_strdup(dir))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    int len = snprintf(x->path, sizeof x->path, "%s/dj-export-XXXXXX", dir);
    if (len < 0 || (size_t)len >= sizeof x->path) {
        rc = dj_err_set(err, DJ_EIO, "临时目录的路径过长：%s", dir);
        goto out;
    }
    if ((x->fd = mkstemp(x->path)) < 0) {
        rc = dj_err_set(err, DJ_EIO, "无法在 %s 创建临时文件：%s", dir, strerror(errno));
        goto out;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = x->tmpdir};
    if ((x->wb = workbook_new_opt(x->path, &opt)) == NULL) {
        rc = dj_err_set(err, DJ_EIO, "生成 Excel 文件失败：无法创建工作簿");
        goto out;
    }
    char name[128];
    sheet_name(spec->sheet_name, name);
    if ((x->ws = workbook_add_worksheet(x->wb, name)) == NULL) {
        rc = dj_err_set(err, DJ_EIO, "生成 Excel 文件失败：无法添加工作表");
        goto out;
    }
    if ((rc = xlsx_setup(x, spec, name, err)) != 0)
        goto out;
    *out = &x->base;
    x = NULL;
out:
    xlsx_abort(x ? &x->base : NULL);
    return rc;
}

static int xlsx_row(struct dj_export_writer *w, const char *const *cells, struct dj_err *err)
{
    struct xlsx_writer *x = (struct xlsx_writer *)w;
    if (x->next_row >= DJ_EXPORT_XLSX_MAX_ROWS)
        return dj_err_set(err, DJ_ETOOLARGE, "导出超过 Excel 每个工作表 %d 行的上限，请改用 CSV 或缩小范围",
                          DJ_EXPORT_XLSX_MAX_ROWS);
    lxw_row_t row = x->next_row;
    for (int i = 0; i < w->ncols; i++) {
        const char *s = cells[i] ? cells[i] : "";
        if (!*s)
            continue;
        struct dj_export_value v;
        export_value_parse(x->types[i], s, &v);
        lxw_col_t col = (lxw_col_t)i;
        lxw_error e = 0;
        size_t width;
        char num[32];
        lxw_datetime dt = {v.year, v.month, v.day, v.hour, v.minute, (double)v.second};
        switch (v.as) {
        case DJ_COL_DATE:
            e = worksheet_write_datetime(x->ws, row, col, &dt, x->f_date);
            width = 10;
            break;
        case DJ_COL_DATETIME:
            e = worksheet_write_datetime(x->ws, row, col, &dt, x->f_datetime);
            width = 19;
            break;
        case DJ_COL_INT:
            e = worksheet_write_number(x->ws, row, col, (double)v.number, x->f_int);
            width = strlen(s);
            break;
        case DJ_COL_DECIMAL2:
            e = worksheet_write_number(x->ws, row, col, (double)v.number / 100.0, x->f_dec);
            export_decimal2_format(v.number, num, sizeof num);
            width = strlen(num);
            break;
        case DJ_COL_TEXT:
        default: {
            int rc = write_text(x->ws, row, col, s, x->f_text, err);
            if (rc)
                return rc;
            width = x->fixed[i] ? 0 : export_display_width(s);
            break;
        }
        }
        if (e)
            return lxw_fail(err, e, "写入单元格");
        if (width > x->widths[i])
            x->widths[i] = width;
    }
    x->next_row++;
    return 0;
}

/* Reads the whole of fd into a malloc'd buffer. */
static int read_all(int fd, char **data, size_t *len, struct dj_err *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return dj_err_set(err, DJ_EIO, "无法读取临时文件：%s", strerror(errno));
    size_t size = (size_t)st.st_size;
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    size_t got = 0;
    while (got < size) {
        ssize_t r = pread(fd, buf + got, size - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            free(buf);
            return dj_err_set(err, DJ_EIO, "无法读取临时文件：%s", r < 0 ? strerror(errno) : "文件被截断");
        }
        got += (size_t)r;
    }
    *data = buf;
    *len = size;
    return 0;
}

static int xlsx_finish(struct dj_export_writer *w, char **data, size_t *len, struct dj_err *err)
{
    struct xlsx_writer *x = (struct xlsx_writer *)w;
    int rc = 0;
    for (int i = 0; i < w->ncols && !rc; i++) {
        double width = x->fixed[i];
        if (!width) {
            size_t fit = x->widths[i] + 2;
            width = (double)(fit < WIDTH_MIN ? WIDTH_MIN : fit > WIDTH_MAX ? WIDTH_MAX : fit);
        }
        lxw_format *f = x->types[i] == DJ_COL_DATE       ? x->f_date
                        : x->types[i] == DJ_COL_DATETIME ? x->f_datetime
                        : x->types[i] == DJ_COL_INT      ? x->f_int
                        : x->types[i] == DJ_COL_DECIMAL2 ? x->f_dec
                                                         : x->f_text;
        lxw_error e = worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, width, f);
        if (e)
            rc = lxw_fail(err, e, "列宽");
    }
    if (!rc) {
        lxw_error e = worksheet_autofilter(x->ws, x->header_row, 0, x->next_row - 1,
                                           (lxw_col_t)(w->ncols - 1));
        if (e)
            rc = lxw_fail(err, e, "筛选");
    }
    if (!rc) {
        lxw_error e = workbook_close(x->wb); /* frees the workbook whatever it returns */
        x->wb = NULL;
        if (e)
            rc = lxw_fail(err, e, "保存工作簿");
    }
    if (!rc)
        rc = read_all(x->fd, data, len, err);
    xlsx_abort(w);
    return rc;
}

