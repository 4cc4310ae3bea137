/* libFuzzer target, structure-aware: the XML of an xlsx workbook.  Plain byte
 * fuzzing of a zip rarely gets past the archive's checksums, so the input is
 * the parts themselves, separated by NUL bytes (which XML cannot contain):
 *
 *   sheet XML \0 sharedStrings.xml \0 styles.xml \0 workbook.xml \0 workbook.xml.rels
 *
 * Each one is stored (not compressed) in an archive built with libzip, which
 * goes through io/table table_read -> xlsx_read (libzip, expat, the workbook,
 * relationships, styles, shared strings and sheet parsers of xlsx_read.c and
 * xlsx_parts.c).  Missing workbook and relationships parts get defaults that
 * point at the sheet, shared strings and styles; missing shared strings and
 * styles parts stay absent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "table_check.h"

static const char DEFAULT_WORKBOOK[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr/><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char DEFAULT_RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"/xl/styles.xml\"/></Relationships>";

static const char *const NAMES[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                    "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};
enum { NPARTS = sizeof NAMES / sizeof NAMES[0] };

/* The archive holding the parts, in a new buffer (*out, caller frees); -1 when
 * libzip fails (out of memory). */
static int build_zip(const char *part[NPARTS], const size_t len[NPARTS], void **out, size_t *outlen)
{
    int rc = -1;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    if (!z)
        goto out;
    zip_source_keep(src); /* read the archive back from it after zip_close */
    for (int i = 0; i < NPARTS; i++) {
        if (!part[i])
            continue;
        zip_source_t *s = zip_source_buffer(z, part[i], len[i], 0);
        zip_int64_t idx = s ? zip_file_add(z, NAMES[i], s, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            zip_source_free(s);
            zip_discard(z);
            goto out;
        }
        zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) {
        zip_discard(z);
        goto out;
    }
    zip_stat_t st;
    if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
        goto out;
    *out = malloc(st.size ? st.size : 1);
    if (*out && zip_source_read(src, *out, st.size) == (zip_int64_t)st.size) {
        *outlen = st.size;
        rc = 0;
    } else {
        free(*out);
        *out = NULL;
    }
    zip_source_close(src);
out:
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *part[NPARTS] = {0};
    size_t len[NPARTS] = {0};
    const char *p = (const char *)data, *end = p + size;
    for (int i = 0; i < NPARTS && p <= end; i++) {
        const char *nul = memchr(p, 0, (size_t)(end - p));
        part[i] = p;
        len[i] = nul ? (size_t)(nul - p) : (size_t)(end - p);
        p += len[i] + 1;
    }
    if (!part[3]) {
        part[3] = DEFAULT_WORKBOOK;
        len[3] = sizeof DEFAULT_WORKBOOK - 1;
    }
    if (!part[4]) {
        part[4] = DEFAULT_RELS;
        len[4] = sizeof DEFAULT_RELS - 1;
    }
    void *zipped = NULL;
    size_t zlen = 0;
    if (build_zip(part, len, &zipped, &zlen) != 0)
        return 0;
    table_check(zipped, zlen, "xlsx", "UTF-8");
    free(zipped);
    return 0;
}
