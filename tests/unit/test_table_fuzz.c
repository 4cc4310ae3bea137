/* Regressions for what fuzzing the table readers (fuzz/fuzz_xlsx.c and the
 * other fuzz/ targets) and reading their code found; see docs/SECURITY.md. */
#include "testutil.h"

#include <zip.h>

#include <sys/mman.h>
#include <unistd.h>

#include "io/table.h"
#include "io/table_internal.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* table_read on a workbook whose one sheet holds sheet_data, with the shared
 * strings own_sst (deflated), or "甲" and "乙" when NULL. */
static int read_sheet_sst(const char *sheet_data, const char *own_sst, struct dj_table *t,
                          struct dj_err *err)
{
    static const char workbook[] = "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
                                   "<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    static const char rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "</Relationships>";
    static const char sst[] = "<sst xmlns=\"" NS_MAIN "\"><si><t>甲</t></si><si><t>乙</t></si></sst>";
    char sheet[4096];
    snprintf(sheet, sizeof sheet, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>%s</sheetData></worksheet>",
             sheet_data);
    const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
                           "xl/worksheets/sheet1.xml"};
    const char *texts[] = {workbook, rels, own_sst ? own_sst : sst, sheet};

    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    zip_source_keep(src);
    for (int i = 0; i < 4; i++) {
        zip_source_t *fs = zip_source_buffer(z, texts[i], strlen(texts[i]), 0);
        assert_non_null(fs);
        assert_true(zip_file_add(z, names[i], fs, 0) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(src, &st), 0);
    char *buf = malloc(st.size);
    assert_non_null(buf);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_read(src, buf, st.size), (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);

    dj_err_clear(err);
    int rc = table_read(buf, st.size, t, err);
    free(buf);
    return rc;
}

static int read_sheet(const char *sheet_data, struct dj_table *t, struct dj_err *err)
{
    return read_sheet_sst(sheet_data, NULL, t, err);
}

/* An empty <v/> is an empty cell: it used to read the text of the cell
 * before it (the value buffer was emptied by its length only), so an empty
 * boolean after TRUE became TRUE and an empty shared-string index took the
 * previous one. */
static void xlsx_empty_value_is_not_the_previous_one(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    assert_int_equal(read_sheet("<row r=\"1\"><c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v></v></c>"
                                "<c r=\"C1\" t=\"b\"><v/></c></row>",
                                &t, &err),
                     0);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(t.rows[0].ncells, 1);
    assert_string_equal(t.rows[0].cells[0], "TRUE");
    table_free(&t);

    /* an empty shared-string index refers to no string: a damaged file */
    assert_int_equal(read_sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v/></c></row>",
                                &t, &err),
                     DJ_EINVAL);
    assert_non_null(strstr(err.message, "共享字符串"));
    assert_int_equal(t.nrows, 0);
}

/* The shared strings are held in memory whole: a small upload whose
 * sharedStrings.xml inflates to hundreds of MB (deflate packs 1000:1) used to
 * take that much memory and more, whether or not a cell used the strings.
 * Their text is held to the limit of the table's text (128 MiB). */
static void xlsx_shared_strings_bounded(void **state)
{
    (void)state;
    size_t n = TABLE_MAX_TEXT_BYTES + 1024;
    char *sst = malloc(n + 64);
    assert_non_null(sst);
    size_t k = (size_t)sprintf(sst, "<sst><si><t>");
    memset(sst + k, 'a', n);
    strcpy(sst + k + n, "</t></si></sst>");
    struct dj_table t;
    struct dj_err err;
    assert_int_equal(read_sheet_sst("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", sst, &t, &err),
                     DJ_ETOOLARGE);
    assert_non_null(strstr(err.message, "128"));
    assert_int_equal(t.nrows, 0);
    free(sst);

    /* and their number to the table's cells: an empty <si/> costs 8 bytes */
    n = (size_t)TABLE_MAX_CELLS + 1;
    sst = malloc(n * 5 + 64);
    assert_non_null(sst);
    k = (size_t)sprintf(sst, "<sst>");
    for (size_t i = 0; i < n; i++, k += 5)
        memcpy(sst + k, "<si/>", 5);
    strcpy(sst + k, "</sst>");
    assert_int_equal(read_sheet_sst("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", sst, &t, &err),
                     DJ_ETOOLARGE);
    assert_non_null(strstr(err.message, "5000000"));
    free(sst);
}

/* Shared strings that are all empty leave their text pool unallocated: a
 * cell using one computed NULL + 0 (UBSan, found by fuzz/fuzz_xlsx.c; the
 * input is fuzz/corpus/fuzz_xlsx/regress-empty-sst-pool). */
static void xlsx_all_shared_strings_empty(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    assert_int_equal(read_sheet_sst("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>7</v></c></row>",
                                    "<sst><si/><si><t></t></si></sst>", &t, &err),
                     0);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(t.rows[0].ncells, 2);
    assert_string_equal(t.rows[0].cells[0], "");
    assert_string_equal(t.rows[0].cells[1], "7");
    table_free(&t);
}

/* The xls child's stream as a crashed or hostile child might write it, read
 * by the parent's half (fuzz/fuzz_xls_stream). */
static int read_child_stream(const void *stream, size_t n, struct dj_table *t, struct dj_err *err)
{
    int fd = memfd_create("xls_stream", MFD_CLOEXEC);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, stream, n), (ssize_t)n);
    assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
    memset(t, 0, sizeof *t);
    dj_err_clear(err);
    int rc = xls_read_child_stream(fd, "", 0, t, err);
    close(fd);
    if (rc != 0)
        table_free(t);
    return rc;
}

static void xls_stream_rows_out_of_order_refused(void **state)
{
    (void)state;
    /* R 1, C 0 "a", E, R 2, C 0 "b", E, D: two rows, in order */
    static const char in_order[] = "R\x01\0\0\0C\0\0\0\0\x01\0\0\0aE"
                                   "R\x02\0\0\0C\0\0\0\0\x01\0\0\0bED";
    struct dj_table t;
    struct dj_err err;
    assert_int_equal(read_child_stream(in_order, sizeof in_order - 1, &t, &err), 0);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(t.rows[1].cells[0], "b");
    table_free(&t);
    /* row 3 then row 2 (or row 2 twice): no child writes that, so it is garbage */
    static const char backwards[] = "R\x03\0\0\0C\0\0\0\0\x01\0\0\0aE"
                                    "R\x02\0\0\0C\0\0\0\0\x01\0\0\0bED";
    assert_int_equal(read_child_stream(backwards, sizeof backwards - 1, &t, &err), DJ_EINVAL);
    assert_int_equal(t.nrows, 0);
    assert_non_null(strstr(err.message, "损坏"));
    static const char repeated[] = "R\x02\0\0\0C\0\0\0\0\x01\0\0\0aE"
                                   "R\x02\0\0\0C\0\0\0\0\x01\0\0\0bED";
    assert_int_equal(read_child_stream(repeated, sizeof repeated - 1, &t, &err), DJ_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xlsx_empty_value_is_not_the_previous_one),
        cmocka_unit_test(xlsx_shared_strings_bounded),
        cmocka_unit_test(xlsx_all_shared_strings_empty),
        cmocka_unit_test(xls_stream_rows_out_of_order_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
