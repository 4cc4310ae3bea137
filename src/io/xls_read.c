/* io/xls_read: the first worksheet of an Excel 97-2003 workbook, through
 * freexl.  freexl reads only from a path, so the data goes to a private
 * temporary file (mkstemp in $TMPDIR or /tmp, mode 0600) that is unlinked as
 * soon as freexl has opened it.  See io/table.h. */
#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/table_internal.h"
#include "util/text.h"

/* Writes data to a new temporary file whose path goes to path. */
static int write_temp(const void *data, size_t len, char *path, size_t size, struct dj_err *err)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    int n = snprintf(path, size, "%s/dangjian-xls-XXXXXX", dir);
    if (n < 0 || (size_t)n >= size)
        return dj_err_set(err, DJ_EIO, "无法创建临时文件：临时目录的路径太长");
    int fd = mkstemp(path);
    if (fd < 0)
        return dj_err_set(err, DJ_EIO, "无法创建临时文件 %s：%s", path, strerror(errno));
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            unlink(path);
            return dj_err_set(err, DJ_EIO, "无法写入临时文件：%s", strerror(e));
        }
        p += w;
        left -= (size_t)w;
    }
    if (close(fd) != 0) {
        int e = errno;
        unlink(path);
        return dj_err_set(err, DJ_EIO, "无法写入临时文件：%s", strerror(e));
    }
    return 0;
}

/* An Office file encrypted with a password is an OLE2 file holding an
 * "EncryptedPackage" stream (its name is stored in UTF-16LE). */
static bool office_encrypted(const void *data, size_t len)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    return memmem(data, len, name, sizeof name - 1) != NULL;
}

static int open_error(int frc, const void *data, size_t len, struct dj_err *err)
{
    if (frc == FREEXL_INSUFFICIENT_MEMORY)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (office_encrypted(data, len))
        return dj_err_set(err, DJ_EINVAL, "文件设置了打开密码，请在 Excel 中取消密码后再上传");
    if (frc == FREEXL_BIFF_WORKBOOK_NOT_FOUND)
        return DJ_EUNSUPPORTED; /* an OLE2 file, but no Excel workbook (.doc, .ppt ...) */
    return dj_err_set(err, DJ_EINVAL, "无法读取该 .xls 文件（文件已损坏或不是 Excel 97-2003 工作簿，错误 %d）",
                      frc);
}

/* Text of one cell into buf (or a pointer to freexl's own string in *text);
 * *len 0 for an empty cell. */
static void cell_text(const FreeXL_CellValue *v, char buf[40], const char **text, size_t *len)
{
    *text = buf;
    buf[0] = '\0';
    switch (v->type) {
    case FREEXL_CELL_INT:
        snprintf(buf, 40, "%d", v->value.int_value);
        break;
    case FREEXL_CELL_DOUBLE:
        tb_format_number(v->value.double_value, buf);
        break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
        *text = v->value.text_value ? v->value.text_value : "";
        break;
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
        /* 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS': the date */
        snprintf(buf, 40, "%.10s", v->value.text_value ? v->value.text_value : "");
        break;
    default: /* FREEXL_CELL_NULL */
        break;
    }
    *len = strlen(*text);
}

int xls_read(const void *data, size_t len, struct dj_table *t, struct dj_err *err)
{
    int rc = 0;
    const void *h = NULL;
    char path[4096];
    struct tb b;
    tb_init(&b, t);
    rc = write_temp(data, len, path, sizeof path, err);
    if (rc != 0)
        return rc;
    int frc = freexl_open(path, &h);
    unlink(path);
    if (frc != FREEXL_OK) {
        rc = open_error(frc, data, len, err);
        goto out;
    }
    unsigned int info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
        rc = dj_err_set(err, DJ_EINVAL, "文件设置了密码保护，请在 Excel 中取消密码后再上传");
        goto out;
    }
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK || info == 0) {
        rc = dj_err_set(err, DJ_EINVAL, "该 .xls 文件中没有工作表");
        goto out;
    }
    unsigned int nrows = 0;
    unsigned short ncols = 0;
    if (freexl_select_active_worksheet(h, 0) != FREEXL_OK ||
        freexl_worksheet_dimensions(h, &nrows, &ncols) != FREEXL_OK) {
        rc = dj_err_set(err, DJ_EINVAL, "无法读取该 .xls 文件的第一个工作表（文件可能已损坏）");
        goto out;
    }
    if (nrows > 1048576) { /* more than any Excel sheet can hold */
        rc = dj_err_set(err, DJ_EINVAL, "该 .xls 文件已损坏（工作表声称有 %u 行）", nrows);
        goto out;
    }
    for (unsigned int r = 0; r < nrows; r++) {
        tb_row_begin(&b, (int)r + 1);
        for (unsigned int c = 0; c < ncols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(h, r, (unsigned short)c, &v) != FREEXL_OK)
                continue;
            char buf[40];
            const char *text;
            size_t tlen;
            cell_text(&v, buf, &text, &tlen);
            if (tlen == 0)
                continue;
            if (!dj_utf8_valid(text, tlen)) {
                char name[8];
                tb_col_name((int)c, name);
                rc = dj_err_set(err, DJ_EINVAL, "第 %u 行 %s 列含有无效字符（文件可能已损坏）", r + 1,
                                name);
                goto out;
            }
            rc = tb_cell(&b, (int)c, text, tlen, err);
            if (rc != 0)
                goto out;
        }
        rc = tb_row_end(&b, false, err);
        if (rc != 0)
            goto out;
    }
    tb_finish(&b);
out:
    if (rc != 0)
        tb_abort(&b);
    if (h)
        freexl_close(h);
    return rc;
}
