#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <zip.h>

#include "io/table.h"
#include "io/table_internal.h"
#include "util/buf.h"

/* ---- helpers ------------------------------------------------------------ */

/* The fixtures of tests/fixtures/: from the repository root (where the tests
 * run), else the same folder found from __FILE__ (which helps when the
 * compiler was given an absolute path). */
static char *read_fixture(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "tests/fixtures/%s", name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        /* __FILE__ is .../tests/unit/test_table.c: the fixtures are beside unit/ */
        const char *file = __FILE__;
        const char *slash = strrchr(file, '/');
        int dirlen = slash ? (int)(slash - file) : 0;
        snprintf(path, sizeof path, "%.*s%s../fixtures/%s", dirlen, file, slash ? "/" : "", name);
        f = fopen(path, "rb");
    }
    if (!f)
        fail_msg("fixture tests/fixtures/%s not found", name);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int read_fixture_table(const char *name, struct dj_table *t)
{
    size_t len;
    char *data = read_fixture(name, &len);
    struct dj_err err;
    dj_err_clear(&err);
    int rc = table_read(data, len, t, &err);
    if (rc != 0)
        print_error("%s: %s\n", name, err.message);
    free(data);
    return rc;
}

static int read_str(const char *s, struct dj_table *t, struct dj_err *err)
{
    dj_err_clear(err);
    return table_read(s, strlen(s), t, err);
}

/* Cell text, "" past the end of a row. */
static const char *cell(const struct dj_table *t, int row, int col)
{
    assert_true(row >= 0 && row < t->nrows);
    const struct dj_table_row *r = &t->rows[row];
    return col < r->ncells ? r->cells[col] : "";
}

static int column_of(const struct dj_table *t, const char *header)
{
    for (int c = 0; c < t->rows[0].ncells; c++)
        if (strcmp(t->rows[0].cells[c], header) == 0)
            return c;
    fail_msg("no column %s", header);
    return -1;
}

static const struct dj_table_row *row_at_line(const struct dj_table *t, int line)
{
    for (int i = 0; i < t->nrows; i++)
        if (t->rows[i].line == line)
            return &t->rows[i];
    fail_msg("no row at line %d", line);
    return NULL;
}

static bool all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool iso_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

/* An xlsx made in memory with libzip: names[i] holds texts[i]. */
static char *make_zip(const char *const *names, const char *const *texts, int n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    zip_source_keep(src);
    for (int i = 0; i < n; i++) {
        zip_source_t *fs = zip_source_buffer(z, texts[i], strlen(texts[i]), 0);
        assert_non_null(fs);
        assert_true(zip_file_add(z, names[i], fs, ZIP_FL_OVERWRITE) >= 0);
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
    *len = st.size;
    return buf;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A workbook with one sheet (the given sheetData), styles and shared strings
 * (those given, or three of our own). */
static char *make_xlsx_sst(const char *sheet_data, bool date1904, const char *own_sst, size_t *len)
{
    static const char rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId7\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
        "<Relationship Id=\"rId1\" Type=\"" NS_REL "/chartsheet\" Target=\"chartsheets/c1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\" Target=\"/xl/worksheets/../worksheets/s2.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "</Relationships>";
    static const char styles[] =
        "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"4\">"
        "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/>"
        "<numFmt numFmtId=\"166\" formatCode=\"&quot;day&quot;0\"/>"
        "<numFmt numFmtId=\"167\" formatCode=\"[$-804]e\\-m\\-d\"/></numFmts>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
        "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/></cellXfs>"
        "<dxfs><dxf><numFmt numFmtId=\"165\" formatCode=\"yyyy\"/></dxf></dxfs></styleSheet>";
    static const char sst[] =
        "<sst xmlns=\"" NS_MAIN "\" count=\"3\" uniqueCount=\"3\"><si><t>党员</t></si>"
        "<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space=\"preserve\">文本 </t></r>"
        "<rPh sb=\"0\" eb=\"1\"><t>フ</t></rPh></si><si><t>a_x000D_b_x005F_x</t></si></sst>";
    char workbook[512];
    snprintf(workbook, sizeof workbook,
             "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><workbookPr date1904=\"%s\"/>"
             "<sheets><sheet name=\"图表\" sheetId=\"1\" r:id=\"rId1\"/>"
             "<sheet name=\"名册\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
             date1904 ? "true" : "false");
    size_t n = strlen(sheet_data) + 256;
    char *sheet = malloc(n);
    assert_non_null(sheet);
    snprintf(sheet, n, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>%s</sheetData></worksheet>",
             sheet_data);
    const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                           "xl/sharedStrings.xml", "xl/worksheets/s2.xml"};
    const char *texts[] = {workbook, rels, styles, own_sst ? own_sst : sst, sheet};
    char *zip = make_zip(names, texts, 5, len);
    free(sheet);
    return zip;
}

static char *make_xlsx(const char *sheet_data, bool date1904, size_t *len)
{
    return make_xlsx_sst(sheet_data, date1904, NULL, len);
}

static int read_xlsx(const char *sheet_data, bool date1904, struct dj_table *t, struct dj_err *err)
{
    size_t len;
    char *data = make_xlsx(sheet_data, date1904, &len);
    dj_err_clear(err);
    int rc = table_read(data, len, t, err);
    free(data);
    return rc;
}

/* ---- the real files --------------------------------------------------------- */

static void roster_four_formats(void **state)
{
    (void)state;
    static const char *files[] = {"roster-150.csv", "roster-150.xlsx", "roster-150.xls",
                                  "roster-150-gbk.csv"};
    static const char *formats[] = {"csv", "xlsx", "xls", "csv"};
    static const char *encodings[] = {"UTF-8", "UTF-8", "UTF-8", "GB18030"};
    struct dj_table t[4];
    for (int f = 0; f < 4; f++) {
        assert_int_equal(read_fixture_table(files[f], &t[f]), 0);
        assert_int_equal(t[f].nrows, 151);
        assert_string_equal(t[f].format, formats[f]);
        assert_string_equal(t[f].encoding, encodings[f]);
        for (int r = 0; r < 151; r++) {
            assert_int_equal(t[f].rows[r].line, r + 1);
            assert_int_equal(t[f].rows[r].ncells, 17);
        }
    }
    /* the header, with no byte-order mark left on 序号 */
    static const char *header[] = {"序号", "工号", "姓名", "性别", "民族", "出生日期", "身份证号",
                                   "学历", "科室", "职务", "政治面貌", "入党时间", "转正时间",
                                   "所在党支部", "党小组", "手机号码", "人员状态"};
    for (int c = 0; c < 17; c++)
        assert_string_equal(cell(&t[0], 0, c), header[c]);
    /* rows 2 and 3 as the clerk sees them */
    static const char *row2[] = {"1", "CZ01000", "邓子杰", "男", "汉族", "1994-09-21",
                                 "410305199409213016", "大学本科", "综合股", "科员", "群众", "", "",
                                 "", "", "13417075364", "在职"};
    static const char *row3[] = {"2", "CZ01001", "邹红轩", "男", "汉族", "1984-07-24",
                                 "430181198407240357", "硕士研究生", "国库股", "一级科员",
                                 "中共党员", "2014-06-03", "2015-06-03", "机关第三党支部",
                                 "第3党小组", "18169871689", "在职"};
    for (int f = 0; f < 4; f++)
        for (int c = 0; c < 17; c++) {
            assert_string_equal(cell(&t[f], 1, c), row2[c]);
            assert_string_equal(cell(&t[f], 2, c), row3[c]);
        }
    assert_string_equal(cell(&t[0], 150, 0), "150");
    /* the same text everywhere */
    for (int f = 1; f < 4; f++)
        for (int r = 0; r < 151; r++)
            for (int c = 0; c < 17; c++)
                if (strcmp(cell(&t[0], r, c), cell(&t[f], r, c)) != 0)
                    fail_msg("%s row %d col %d: '%s' != csv '%s'", files[f], r + 1, c,
                             cell(&t[f], r, c), cell(&t[0], r, c));
    /* the shape of the columns an import relies on */
    int id = column_of(&t[0], "身份证号"), phone = column_of(&t[0], "手机号码");
    int born = column_of(&t[0], "出生日期"), joined = column_of(&t[0], "入党时间");
    int staff = column_of(&t[0], "工号");
    int members = 0;
    for (int f = 0; f < 4; f++)
        for (int r = 1; r < 151; r++) {
            const char *v = cell(&t[f], r, id);
            assert_int_equal(strlen(v), 18);
            assert_true(strspn(v, "0123456789") == 18 ||
                        (strspn(v, "0123456789") == 17 && v[17] == 'X'));
            assert_true(all_digits(cell(&t[f], r, phone), 11));
            assert_true(iso_date(cell(&t[f], r, born)));
            assert_int_equal(strncmp(cell(&t[f], r, staff), "CZ", 2), 0);
            assert_true(all_digits(cell(&t[f], r, 0), strlen(cell(&t[f], r, 0))));
            if (cell(&t[f], r, joined)[0]) {
                assert_true(iso_date(cell(&t[f], r, joined)));
                members++;
            }
            for (int c = 0; c < 17; c++) {
                const char *s = cell(&t[f], r, c);
                size_t n = strlen(s);
                assert_false(n >= 2 && strcmp(s + n - 2, ".0") == 0);
                assert_null(strstr(s, "E+"));
                assert_null(strstr(s, "e+"));
            }
        }
    assert_true(members > 0);
    for (int f = 0; f < 4; f++)
        table_free(&t[f]);
    assert_int_equal(t[0].nrows, 0);
    assert_null(t[0].rows);
}

static void roster_errors(void **state)
{
    (void)state;
    struct dj_table t;
    assert_int_equal(read_fixture_table("roster-errors.xlsx", &t), 0);
    assert_int_equal(t.nrows, 41);
    int joined = column_of(&t, "入党时间"), name = column_of(&t, "姓名");
    int staff = column_of(&t, "工号"), phone = column_of(&t, "手机号码");
    int status = column_of(&t, "政治面貌"), confirmed = column_of(&t, "转正时间");
    const struct dj_table_row *r6 = row_at_line(&t, 6);
    assert_true(r6->ncells > joined);
    assert_string_equal(r6->cells[joined], "2019.13.01");
    assert_true(iso_date(r6->cells[confirmed]));
    const struct dj_table_row *r4 = row_at_line(&t, 4);
    assert_string_equal(r4->cells[name], "");
    assert_string_equal(row_at_line(&t, 9)->cells[staff], row_at_line(&t, 10)->cells[staff]);
    assert_string_equal(row_at_line(&t, 12)->cells[phone], "12345");
    assert_string_equal(row_at_line(&t, 14)->cells[status], "党员?");
    table_free(&t);
}

/* The .xls goes through a temporary file that must be gone afterwards. */
static void xls_leaves_no_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/dj-test-table-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    assert_int_equal(setenv("TMPDIR", dir, 1), 0);
    struct dj_table t;
    assert_int_equal(read_fixture_table("roster-150.xls", &t), 0);
    assert_int_equal(t.nrows, 151);
    table_free(&t);
    /* roster-150.xls with one byte changed makes freexl_open crash (found by
     * fuzz/fuzz_table.c): the child process takes the crash, we get an error */
    size_t len;
    char *xls = read_fixture("roster-150.xls", &len);
    assert_true(len > 5258);
    assert_int_equal(xls[5258], 0);
    xls[5258] = '6';
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(table_read(xls, len, &t, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "xls"));
    assert_int_equal(t.nrows, 0);
    free(xls);
    /* an OLE2 file that is not a workbook */
    char ole[1536] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    dj_err_clear(&err);
    int rc = table_read(ole, sizeof ole, &t, &err);
    assert_true(rc == DJ_EINVAL || rc == DJ_EUNSUPPORTED);
    assert_true(err.message[0] != '\0');
    assert_int_equal(t.nrows, 0);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int left = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            left++;
    closedir(d);
    assert_int_equal(left, 0);
    assert_int_equal(rmdir(dir), 0);
    if (old) {
        setenv("TMPDIR", old, 1);
        free(old);
    } else {
        unsetenv("TMPDIR");
    }
}

/* ---- CSV -------------------------------------------------------------------- */

static void csv_quotes_and_lines(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    assert_int_equal(read_str("姓名,备注\r\n\"张三, 李四\",\"他说\"\"好\"\"\r\n第二行\"\r\n"
                              "王五,\r\n\r\n,,\r\n\"\"\r\n\n",
                              &t, &err),
                     0);
    assert_string_equal(t.format, "csv");
    assert_string_equal(t.encoding, "UTF-8");
    assert_int_equal(t.nrows, 3); /* the empty lines at the end are gone */
    assert_int_equal(t.rows[0].line, 1);
    assert_int_equal(t.rows[1].line, 2);
    assert_int_equal(t.rows[2].line, 4);
    assert_int_equal(t.rows[1].ncells, 2);
    assert_string_equal(t.rows[1].cells[0], "张三, 李四");
    assert_string_equal(t.rows[1].cells[1], "他说\"好\"\r\n第二行");
    assert_int_equal(t.rows[2].ncells, 2);
    assert_string_equal(t.rows[2].cells[0], "王五");
    assert_string_equal(t.rows[2].cells[1], "");
    table_free(&t);

    /* LF only, an empty line in the middle kept, spaces kept, no final newline */
    assert_int_equal(read_str("a, b \n\nc,\"d\"x,\"\"", &t, &err), 0);
    assert_int_equal(t.nrows, 3);
    assert_string_equal(t.rows[0].cells[1], " b ");
    assert_int_equal(t.rows[1].line, 2);
    assert_int_equal(t.rows[1].ncells, 1);
    assert_string_equal(t.rows[1].cells[0], "");
    assert_int_equal(t.rows[2].line, 3);
    assert_int_equal(t.rows[2].ncells, 3);
    assert_string_equal(t.rows[2].cells[1], "dx"); /* text after a closing quote kept */
    assert_string_equal(t.rows[2].cells[2], "");
    table_free(&t);

    /* a byte-order mark and CRLF */
    assert_int_equal(read_str("\xEF\xBB\xBF序号,工号\r\n1,CZ01000\r\n", &t, &err), 0);
    assert_string_equal(t.rows[0].cells[0], "序号");
    assert_string_equal(t.rows[1].cells[1], "CZ01000");
    table_free(&t);
}

static void csv_gbk(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    /* "政治面貌,党员\r\n张三,\"中共党员\"\r\n" in GBK */
    assert_int_equal(read_str("\xD5\xFE\xD6\xCE\xC3\xE6\xC3\xB2,\xB5\xB3\xD4\xB1\r\n"
                              "\xD5\xC5\xC8\xFD,\"\xD6\xD0\xB9\xB2\xB5\xB3\xD4\xB1\"\r\n",
                              &t, &err),
                     0);
    assert_string_equal(t.encoding, "GB18030");
    assert_int_equal(t.nrows, 2);
    assert_string_equal(t.rows[0].cells[0], "政治面貌");
    assert_string_equal(t.rows[0].cells[1], "党员");
    assert_string_equal(t.rows[1].cells[0], "张三");
    assert_string_equal(t.rows[1].cells[1], "中共党员");
    table_free(&t);
}

static void csv_malformed(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    assert_int_equal(read_str("a,b\n1,2\n3,\"abc\n4,5\n", &t, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "第 3 行"));
    assert_non_null(strstr(err.message, "引号"));
    assert_int_equal(t.nrows, 0);
    assert_null(t.rows);
    /* 0x80 and 0xFF are neither UTF-8 nor GB18030 */
    assert_int_equal(read_str("a,b\n1,2\n\x80\xFF,x\n", &t, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "第 3 行"));
    /* a UTF-8 mark with bytes that are not UTF-8 */
    assert_int_equal(read_str("\xEF\xBB\xBF" "a\n\xB5\xB3\n", &t, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "第 2 行"));
    assert_int_equal(t.nrows, 0);
}

static void unsupported_and_empty(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    /* random bytes */
    unsigned char noise[4096];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof noise; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        noise[i] = (unsigned char)x;
    }
    dj_err_clear(&err);
    int rc = table_read(noise, sizeof noise, &t, &err);
    assert_true(rc == DJ_EUNSUPPORTED || rc == DJ_EINVAL);
    assert_true(err.message[0] != '\0');
    assert_int_equal(t.nrows, 0);
    /* a PNG */
    assert_int_equal(table_read("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, &t, &err), DJ_EUNSUPPORTED);
    assert_string_equal(err.message, "不支持的文件格式，请上传 .xlsx、.xls 或 CSV 文件");
    /* a ZIP that is not a workbook (a .docx, say) */
    const char *names[] = {"word/document.xml"};
    const char *texts[] = {"<document/>"};
    size_t len;
    char *zip = make_zip(names, texts, 1, &len);
    dj_err_clear(&err);
    assert_int_equal(table_read(zip, len, &t, &err), DJ_EUNSUPPORTED);
    free(zip);
    /* a ZIP cut short */
    dj_err_clear(&err);
    assert_int_equal(table_read("PK\3\4\0\0\0\0", 8, &t, &err), DJ_EINVAL);
    /* nothing at all, or only a mark and empty lines: a CSV without rows */
    dj_err_clear(&err);
    assert_int_equal(table_read("", 0, &t, &err), 0);
    assert_int_equal(t.nrows, 0);
    assert_null(t.rows);
    assert_string_equal(t.format, "csv");
    table_free(&t);
    assert_int_equal(read_str("\xEF\xBB\xBF\r\n\r\n", &t, &err), 0);
    assert_int_equal(t.nrows, 0);
    table_free(&t);
    table_free(NULL);
}

static void csv_limits(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    struct dj_buf b = DJ_BUF_INIT;
    /* 256 columns pass, 257 do not; empty ones past the limit are ignored */
    for (int i = 0; i < 256; i++)
        assert_int_equal(dj_buf_puts(&b, i ? ",x" : "x"), 0);
    assert_int_equal(read_str(b.data, &t, &err), 0);
    assert_int_equal(t.rows[0].ncells, 256);
    table_free(&t);
    assert_int_equal(dj_buf_puts(&b, ",,,\n"), 0);
    assert_int_equal(read_str(b.data, &t, &err), 0);
    assert_int_equal(t.rows[0].ncells, 256);
    table_free(&t);
    dj_buf_free(&b);
    for (int i = 0; i < 257; i++)
        assert_int_equal(dj_buf_puts(&b, "x,"), 0);
    b.data[--b.len] = '\0';
    assert_int_equal(read_str(b.data, &t, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "IW"));
    dj_buf_free(&b);
    /* 32767 bytes in a cell pass, 32768 do not, quoted or not */
    char *big = malloc(32768 + 8);
    assert_non_null(big);
    memset(big, 'x', 32767);
    big[32767] = '\0';
    assert_int_equal(read_str(big, &t, &err), 0);
    assert_int_equal(strlen(t.rows[0].cells[0]), 32767);
    table_free(&t);
    strcpy(big + 32767, "x");
    assert_int_equal(read_str(big, &t, &err), DJ_EINVAL);
    big[0] = '"';
    strcpy(big + 32767, "xx\""); /* 32768 bytes between the quotes */
    assert_int_equal(read_str(big, &t, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "32767"));
    free(big);
    /* TABLE_MAX_ROWS rows pass (with empty lines after them), one more does not */
    for (int i = 0; i < TABLE_MAX_ROWS; i++)
        assert_int_equal(dj_buf_puts(&b, "1\n"), 0);
    assert_int_equal(dj_buf_puts(&b, "\n\n,\n"), 0);
    assert_int_equal(read_str(b.data, &t, &err), 0);
    assert_int_equal(t.nrows, TABLE_MAX_ROWS);
    assert_int_equal(t.rows[TABLE_MAX_ROWS - 1].line, TABLE_MAX_ROWS);
    table_free(&t);
    assert_int_equal(dj_buf_puts(&b, "2\n"), 0);
    assert_int_equal(read_str(b.data, &t, &err), DJ_EINVAL);
    char limit[16];
    snprintf(limit, sizeof limit, "%d", TABLE_MAX_ROWS);
    assert_non_null(strstr(err.message, limit));
    dj_buf_free(&b);
}

/* ---- xlsx made here --------------------------------------------------------- */

static void xlsx_cells(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    const char *sheet =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>行内</t></is></c><c r=\"AB1\" t=\"b\"><v>1</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>60</v></c><c r=\"B3\" s=\"1\"><v>61</v></c>"
        "<c r=\"C3\" s=\"2\"><v>34598.75</v></c><c r=\"D3\" s=\"3\"><v>2.5</v></c>"
        "<c r=\"E3\" s=\"4\"><v>7</v></c><c r=\"F3\" t=\"n\"><v>13417075364</v></c>"
        "<c r=\"G3\"><v>0.30000000000000004</v></c><c r=\"H3\"><v>410305199409213016</v></c>"
        "<c r=\"I3\" t=\"s\"><v>1</v></c><c r=\"J3\" t=\"s\"><v>2</v></c>"
        "<c r=\"K3\" t=\"e\"><v>#N/A</v></c><c r=\"L3\" t=\"str\"><f>A1&amp;\"x\"</f><v>公式</v></c>"
        "<c><v>-5</v></c><c r=\"N3\" s=\"5\"><v>1</v></c><c r=\"O3\" s=\"1\"><v>2958466</v></c>"
        "<c r=\"P3\"><v>1E-3</v></c><c r=\"Q3\" t=\"d\"><v>2024-02-29T00:00:00</v></c>"
        "<c r=\"R3\" s=\"99\"><v>8</v></c><c r=\"S3\" s=\"1\"/></row>"
        "<row r=\"5\"><c r=\"A5\" s=\"1\"/><c r=\"B5\" t=\"inlineStr\"><is><t></t></is></c></row>"
        "<row r=\"6\"><c r=\"B6\"><v>1.0</v></c><c r=\"IV6\"><v>2</v></c><c r=\"IW6\" s=\"1\"/></row>"
        "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>0</v></c></row>"
        "<row r=\"9\"><c r=\"C9\" s=\"1\"/></row>";
    assert_int_equal(read_xlsx(sheet, false, &t, &err), 0);
    assert_string_equal(t.format, "xlsx");
    assert_int_equal(t.nrows, 4); /* rows 5 and 9 hold no value */
    assert_int_equal(t.rows[0].line, 1);
    assert_int_equal(t.rows[0].ncells, 28);
    assert_string_equal(cell(&t, 0, 0), "党员");
    assert_string_equal(cell(&t, 0, 1), "");
    assert_string_equal(cell(&t, 0, 2), "行内");
    assert_string_equal(cell(&t, 0, 27), "TRUE");
    assert_int_equal(t.rows[1].line, 3);
    static const char *row3[] = {"1900-02-29", "1900-03-01", "1994-09-21", "2.5", "7",
                                 "13417075364", "0.3", "410305199409213000", "富文本 ",
                                 "a\rb_x", "#N/A", "公式", "-5", "1900-01-01", "2958466",
                                 "0.001", "2024-02-29", "8"};
    assert_int_equal(t.rows[1].ncells, 18);
    for (int c = 0; c < 18; c++)
        assert_string_equal(cell(&t, 1, c), row3[c]);
    assert_int_equal(t.rows[2].line, 6);
    assert_int_equal(t.rows[2].ncells, 256);
    assert_string_equal(cell(&t, 2, 1), "1");
    assert_string_equal(cell(&t, 2, 255), "2");
    assert_int_equal(t.rows[3].line, 7);
    table_free(&t);

    /* the 1904 date system */
    assert_int_equal(read_xlsx("<row r=\"2\"><c r=\"A2\" s=\"1\"><v>33136</v></c>"
                               "<c s=\"1\"><v>0</v></c></row>",
                               true, &t, &err),
                     0);
    assert_string_equal(cell(&t, 0, 0), "1994-09-21");
    assert_string_equal(cell(&t, 0, 1), "1904-01-01");
    table_free(&t);
}

static void xlsx_malformed(void **state)
{
    (void)state;
    struct dj_table t;
    struct dj_err err;
    /* text in column IW */
    assert_int_equal(read_xlsx("<row r=\"4\"><c r=\"IW4\"><v>1</v></c></row>", false, &t, &err),
                     DJ_EINVAL);
    assert_non_null(strstr(err.message, "第 4 行"));
    assert_int_equal(t.nrows, 0);
    /* a shared string that does not exist */
    assert_int_equal(read_xlsx("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>3</v></c></row>", false, &t,
                               &err),
                     DJ_EINVAL);
    assert_non_null(strstr(err.message, "B 列"));
    /* cells out of order are placed by their reference */
    assert_int_equal(read_xlsx("<row r=\"2\"><c r=\"C2\"><v>3</v></c><c r=\"A2\"><v>1</v></c></row>",
                               false, &t, &err),
                     0);
    assert_int_equal(t.rows[0].ncells, 3);
    assert_string_equal(cell(&t, 0, 0), "1");
    assert_string_equal(cell(&t, 0, 1), "");
    assert_string_equal(cell(&t, 0, 2), "3");
    table_free(&t);
    /* a cell given twice */
    assert_int_equal(read_xlsx("<row r=\"2\"><c r=\"B2\"><v>3</v></c><c r=\"A2\"><v>1</v></c>"
                               "<c r=\"B2\"><v>4</v></c></row>",
                               false, &t, &err),
                     DJ_EINVAL);
    assert_non_null(strstr(err.message, "两次"));
    /* bad references, bad XML */
    assert_int_equal(read_xlsx("<row r=\"2\"><c r=\"b2\"><v>3</v></c></row>", false, &t, &err),
                     DJ_EINVAL);
    assert_int_equal(read_xlsx("<row r=\"0\"/>", false, &t, &err), DJ_EINVAL);
    assert_int_equal(read_xlsx("<row r=\"2\"><c r=\"B2\"><v>3</v></row>", false, &t, &err),
                     DJ_EINVAL);
    assert_non_null(strstr(err.message, "XML"));
    /* a cell too long */
    char *big = malloc(40000 + 64);
    assert_non_null(big);
    strcpy(big, "<row><c t=\"inlineStr\"><is><t>");
    memset(big + strlen(big), 'x', 32768);
    strcpy(big + strlen("<row><c t=\"inlineStr\"><is><t>") + 32768, "</t></is></c></row>");
    assert_int_equal(read_xlsx(big, false, &t, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "32767"));
    free(big);

    /* a document type declaration (entities) is refused */
    const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"};
    const char *texts[] = {"<!DOCTYPE w [<!ENTITY a \"aaaa\">]><workbook/>", "<Relationships/>"};
    size_t len;
    char *zip = make_zip(names, texts, 2, &len);
    dj_err_clear(&err);
    assert_int_equal(table_read(zip, len, &t, &err), DJ_EINVAL);
    free(zip);
    /* a workbook without sheets */
    texts[0] = "<workbook/>";
    zip = make_zip(names, texts, 2, &len);
    dj_err_clear(&err);
    assert_int_equal(table_read(zip, len, &t, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "工作表"));
    free(zip);
}

/* A sheet that inflates past 64 MiB is refused before it is parsed; a long
 * shared string used over and over does not fill the memory either. */
static void xlsx_too_large(void **state)
{
    struct dj_buf sst = DJ_BUF_INIT, sheet = DJ_BUF_INIT;
    assert_int_equal(dj_buf_puts(&sst, "<sst><si><t>"), 0);
    for (int i = 0; i < TABLE_MAX_CELL_BYTES / 3; i++)
        assert_int_equal(dj_buf_puts(&sst, "党"), 0);
    assert_int_equal(dj_buf_puts(&sst, "</t></si></sst>"), 0);
    for (int r = 1; r <= 20; r++) {
        assert_int_equal(dj_buf_printf(&sheet, "<row r=\"%d\">", r), 0);
        for (int c = 0; c < 256; c++)
            assert_int_equal(dj_buf_puts(&sheet, "<c t=\"s\"><v>0</v></c>"), 0);
        assert_int_equal(dj_buf_puts(&sheet, "</row>"), 0);
    }
    size_t zlen;
    char *zip = make_xlsx_sst(sheet.data, false, sst.data, &zlen);
    struct dj_table t;
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(table_read(zip, zlen, &t, &err), DJ_ETOOLARGE);
    assert_non_null(strstr(err.message, "128"));
    assert_int_equal(t.nrows, 0);
    free(zip);
    dj_buf_free(&sst);
    dj_buf_free(&sheet);

    (void)state;
    size_t n = TABLE_MAX_PART_BYTES + 4096;
    char *rows = malloc(n + 1);
    assert_non_null(rows);
    memset(rows, ' ', n);
    rows[n] = '\0';
    assert_int_equal(read_xlsx(rows, false, &t, &err), DJ_ETOOLARGE);
    assert_non_null(strstr(err.message, "512"));
    free(rows);
}

static void number_and_date_text(void **state)
{
    (void)state;
    char out[40];
    struct {
        double v;
        const char *text;
    } nums[] = {{0, "0"},           {-0.0, "0"},
                {1, "1"},           {-3, "-3"},
                {2.5, "2.5"},       {0.1 + 0.2, "0.3"},
                {1.0 / 3, "0.333333333333333"},
                {13417075364.0, "13417075364"},
                {999999999999999.0, "999999999999999"},
                {1e15, "1000000000000000"},
                {-410305199409213016.0, "-410305199409213000"},
                {1e21, "1e+21"},    {1.5e-7, "1.5e-07"}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        tb_format_number(nums[i].v, out);
        assert_string_equal(out, nums[i].text);
    }
    struct {
        double serial;
        bool d1904;
        const char *text;
    } dates[] = {{1, false, "1900-01-01"},     {59, false, "1900-02-28"},
                 {60, false, "1900-02-29"},    {61, false, "1900-03-01"},
                 {34598, false, "1994-09-21"}, {45351, false, "2024-02-29"},
                 {45351.99999999, false, "2024-03-01"},
                 {2958465, false, "9999-12-31"}, {0, true, "1904-01-01"},
                 {33136, true, "1994-09-21"}};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        assert_true(tb_format_serial_date(dates[i].serial, dates[i].d1904, out));
        assert_string_equal(out, dates[i].text);
    }
    assert_false(tb_format_serial_date(0, false, out));
    assert_false(tb_format_serial_date(-1, true, out));
    assert_false(tb_format_serial_date(2958466, false, out));
    char name[8];
    tb_col_name(0, name);
    assert_string_equal(name, "A");
    tb_col_name(27, name);
    assert_string_equal(name, "AB");
    tb_col_name(255, name);
    assert_string_equal(name, "IV");
    tb_col_name(16383, name);
    assert_string_equal(name, "XFD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roster_four_formats), cmocka_unit_test(roster_errors),
        cmocka_unit_test(xls_leaves_no_file),  cmocka_unit_test(csv_quotes_and_lines),
        cmocka_unit_test(csv_gbk),             cmocka_unit_test(csv_malformed),
        cmocka_unit_test(unsupported_and_empty), cmocka_unit_test(csv_limits),
        cmocka_unit_test(xlsx_cells),          cmocka_unit_test(xlsx_malformed),
        cmocka_unit_test(xlsx_too_large),      cmocka_unit_test(number_and_date_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
