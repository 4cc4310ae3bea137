/* io/xlsx_read: the first worksheet of an Office Open XML workbook, read with
 * libzip from memory and expat, streaming each part (never a whole part in
 * memory).  The parts: xl/workbook.xml (sheets, date1904), its relationships
 * (the first worksheet's path, shared strings, styles), xl/styles.xml (which
 * cell styles are dates), xl/sharedStrings.xml, then the sheet.  Every part is
 * checked against TABLE_MAX_PART_BYTES, by its declared size and while it is
 * inflated.  Document type declarations are refused (no entity tricks).
 * See io/table.h for the text each cell becomes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "io/table_internal.h"
#include "io/xlsx_internal.h"
#include "util/buf.h"

#define MAX_SHEETS 4096
#define MAX_RELS 4096

/* ---- expat plumbing shared by every part -------------------------------- */

void xp_stop(struct xp *x, int rc)
{
    if (x->rc == 0)
        x->rc = rc ? rc : DJ_EINTERNAL;
    XML_StopParser(x->p, XML_FALSE);
}

const char *xp_local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

const char *xp_attr(const char **atts, const char *local, bool namespaced)
{
    for (int i = 0; atts[i]; i += 2) {
        const char *bar = strrchr(atts[i], '|');
        if (namespaced != (bar != NULL))
            continue;
        if (strcmp(bar ? bar + 1 : atts[i], local) == 0)
            return atts[i + 1];
    }
    return NULL;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    struct xp *x = ud;
    xp_stop(x, dj_err_set(x->err, DJ_EINVAL, "文件已损坏：%s 含有不允许的文档类型声明", x->part));
}

static zip_int64_t locate(zip_t *z, const char *name)
{
    zip_int64_t i = zip_name_locate(z, name, 0);
    if (i < 0)
        i = zip_name_locate(z, name, ZIP_FL_NOCASE);
    return i;
}

int xp_parse_part(zip_t *z, const char *name, bool required, struct xp *x,
                  XML_StartElementHandler start, XML_EndElementHandler end,
                  XML_CharacterDataHandler text, struct dj_err *err)
{
    int rc = 0;
    zip_file_t *f = NULL;
    XML_Parser p = NULL;
    char *buf = NULL;
    const size_t chunk = 64 * 1024;

    x->err = err;
    x->rc = 0;
    x->part = name;
    zip_int64_t idx = locate(z, name);
    if (idx < 0) {
        if (required)
            rc = dj_err_set(err, DJ_EINVAL, "文件已损坏：xlsx 中缺少 %s", name);
        return rc;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0) {
        return dj_err_set(err, DJ_EINVAL, "文件已损坏：无法读取 %s", name);
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > TABLE_MAX_PART_BYTES)
        return dj_err_set(err, DJ_ETOOLARGE, "文件太大：%s 解压后超过 %u MB", name,
                          TABLE_MAX_PART_BYTES / (1024 * 1024));
    f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f) {
        int ze = zip_error_code_zip(zip_get_error(z));
        if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD || ze == ZIP_ER_ENCRNOTSUPP)
            rc = dj_err_set(err, DJ_EINVAL, "文件设置了密码，请在 Excel 中取消密码后再上传");
        else
            rc = dj_err_set(err, DJ_EINVAL, "文件已损坏：无法解压 %s", name);
        goto out;
    }
    p = XML_ParserCreateNS(NULL, '|');
    buf = malloc(chunk);
    if (!p || !buf) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    x->p = p;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, start, end);
    if (text)
        XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    zip_uint64_t total = 0;
    for (;;) {
        zip_int64_t n = zip_fread(f, buf, chunk);
        if (n < 0) {
            rc = dj_err_set(err, DJ_EINVAL, "文件已损坏：解压 %s 出错", name);
            goto out;
        }
        total += (zip_uint64_t)n;
        if (total > TABLE_MAX_PART_BYTES) {
            rc = dj_err_set(err, DJ_ETOOLARGE, "文件太大：%s 解压后超过 %u MB", name,
                            TABLE_MAX_PART_BYTES / (1024 * 1024));
            goto out;
        }
        if (XML_Parse(p, buf, (int)n, n == 0) != XML_STATUS_OK) {
            if (x->rc) {
                rc = x->rc;
            } else {
                rc = dj_err_set(err, DJ_EINVAL, "文件已损坏：%s 不是有效的 XML（第 %lu 行：%s）", name,
                                (unsigned long)XML_GetCurrentLineNumber(p),
                                XML_ErrorString(XML_GetErrorCode(p)));
            }
            goto out;
        }
        if (x->rc) {
            rc = x->rc;
            goto out;
        }
        if (n == 0)
            break;
    }
out:
    if (p)
        XML_ParserFree(p);
    x->p = NULL;
    free(buf);
    if (f)
        zip_fclose(f);
    return rc;
}

/* ---- xl/workbook.xml ---------------------------------------------------- */

struct workbook {
    struct xp x;
    bool date1904;
    int nsheets;
    char *sheet_rid[MAX_SHEETS]; /* r:id of each <sheet>, in order */
};

static bool truthy(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct workbook *w = ud;
    if (w->x.rc)
        return;
    const char *l = xp_local(name);
    if (strcmp(l, "workbookPr") == 0) {
        w->date1904 = truthy(xp_attr(atts, "date1904", false));
    } else if (strcmp(l, "sheet") == 0 && w->nsheets < MAX_SHEETS) {
        const char *rid = xp_attr(atts, "id", true);
        if (!rid)
            return;
        char *copy = strdup(rid);
        if (!copy) {
            xp_stop(&w->x, dj_err_set(w->x.err, DJ_ENOMEM, "内存不足"));
            return;
        }
        w->sheet_rid[w->nsheets++] = copy;
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

/* ---- xl/_rels/workbook.xml.rels ----------------------------------------- */

struct rel {
    char *id;
    char *target; /* resolved: a path inside the archive */
    bool worksheet;
};

struct rels {
    struct xp x;
    int n;
    struct rel rel[MAX_RELS];
    char *shared_strings; /* resolved paths, or NULL */
    char *styles;
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Resolves a relationship target against the workbook's folder "xl/": an
 * absolute target is taken from the root; "." and ".." are folded.  NULL when
 * the target leaves the archive or memory runs out. */
static char *resolve(const char *target)
{
    struct dj_buf path = DJ_BUF_INIT;
    char *out = NULL;
    if (target[0] != '/' && dj_buf_puts(&path, "xl/") != 0)
        goto out;
    if (dj_buf_puts(&path, target[0] == '/' ? target + 1 : target) != 0)
        goto out;
    /* fold segments in place */
    char *s = path.data;
    size_t w = 0;
    for (size_t r = 0; s[r];) {
        size_t e = r;
        while (s[e] && s[e] != '/')
            e++;
        size_t seg = e - r;
        if (seg == 0 || (seg == 1 && s[r] == '.')) {
            /* skip */
        } else if (seg == 2 && s[r] == '.' && s[r + 1] == '.') {
            if (w == 0)
                goto out; /* above the root */
            while (w > 0 && s[w - 1] != '/')
                w--;
            if (w > 0)
                w--; /* the slash before the dropped segment */
        } else {
            if (w > 0)
                s[w++] = '/';
            memmove(s + w, s + r, seg);
            w += seg;
        }
        r = s[e] ? e + 1 : e;
    }
    s[w] = '\0';
    if (w > 0)
        out = dj_buf_take(&path);
out:
    dj_buf_free(&path);
    return out;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct rels *r = ud;
    if (r->x.rc || strcmp(xp_local(name), "Relationship") != 0)
        return;
    const char *id = xp_attr(atts, "Id", false);
    const char *type = xp_attr(atts, "Type", false);
    const char *target = xp_attr(atts, "Target", false);
    const char *mode = xp_attr(atts, "TargetMode", false);
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    char *path = resolve(target);
    if (!path)
        return; /* unusable target: as if absent */
    char **slot = NULL;
    if (ends_with(type, "/sharedStrings"))
        slot = &r->shared_strings;
    else if (ends_with(type, "/styles"))
        slot = &r->styles;
    if (slot) {
        if (*slot)
            free(path);
        else
            *slot = path;
        return;
    }
    if (r->n >= MAX_RELS) {
        free(path);
        return;
    }
    char *idc = strdup(id);
    if (!idc) {
        free(path);
        xp_stop(&r->x, dj_err_set(r->x.err, DJ_ENOMEM, "内存不足"));
        return;
    }
    r->rel[r->n].id = idc;
    r->rel[r->n].target = path;
    r->rel[r->n].worksheet = ends_with(type, "/worksheet");
    r->n++;
}

/* ---- the whole ----------------------------------------------------------- */

int xlsx_read(const void *data, size_t len, struct dj_table *t, struct dj_err *err)
{
    int rc = 0;
    zip_error_t ze;
    zip_t *z = NULL;
    struct workbook *wb = NULL;
    struct rels *rl = NULL;
    struct xlsx_styles styles = {0};
    struct xlsx_strings strings = {0};

    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z) {
        zip_source_free(src);
        rc = dj_err_set(err, DJ_EINVAL, "无法打开该文件：压缩包已损坏，不是有效的 .xlsx 文件");
        goto out;
    }
    if (locate(z, "xl/workbook.xml") < 0) {
        rc = DJ_EUNSUPPORTED; /* a ZIP, but no workbook: .docx, .zip ... */
        goto out;
    }
    wb = calloc(1, sizeof *wb);
    rl = calloc(1, sizeof *rl);
    if (!wb || !rl) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    rc = xp_parse_part(z, "xl/workbook.xml", true, &wb->x, wb_start, no_end, NULL, err);
    if (rc != 0)
        goto out;
    rc = xp_parse_part(z, "xl/_rels/workbook.xml.rels", true, &rl->x, rels_start, no_end, NULL, err);
    if (rc != 0)
        goto out;
    const char *sheet = NULL;
    for (int i = 0; i < wb->nsheets && !sheet; i++)
        for (int k = 0; k < rl->n; k++)
            if (rl->rel[k].worksheet && strcmp(rl->rel[k].id, wb->sheet_rid[i]) == 0) {
                sheet = rl->rel[k].target;
                break;
            }
    if (!sheet) {
        rc = dj_err_set(err, DJ_EINVAL, "该 .xlsx 文件中没有工作表");
        goto out;
    }
    rc = xlsx_read_styles(z, rl->styles ? rl->styles : "xl/styles.xml", &styles, err);
    if (rc != 0)
        goto out;
    rc = xlsx_read_strings(z, rl->shared_strings ? rl->shared_strings : "xl/sharedStrings.xml",
                           &strings, err);
    if (rc != 0)
        goto out;
    rc = xlsx_read_sheet(z, sheet, &styles, &strings, wb->date1904, t, err);
out:
    xlsx_strings_free(&strings);
    free(styles.is_date);
    if (rl) {
        for (int i = 0; i < rl->n; i++) {
            free(rl->rel[i].id);
            free(rl->rel[i].target);
        }
        free(rl->shared_strings);
        free(rl->styles);
        free(rl);
    }
    if (wb) {
        for (int i = 0; i < wb->nsheets; i++)
            free(wb->sheet_rid[i]);
        free(wb);
    }
    if (z)
        zip_discard(z);
    zip_error_fini(&ze);
    return rc;
}
