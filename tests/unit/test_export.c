#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <zip.h>

#include "io/export.h"

/* ---- helpers: run an export, open the xlsx in memory ---- */

static char tmpdir[64];

/* Every test runs with TMPDIR pointing to a fresh directory that must be empty at the end. */
static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/dj-test-export-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    return setenv("TMPDIR", tmpdir, 1);
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(tmpdir);
    int left = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            left++;
    if (d)
        closedir(d);
    rmdir(tmpdir);
    return left == 0 ? 0 : -1; /* a temporary file was left behind */
}

/* With EXPORT_DUMP=dir the files made are also saved there, to open them by hand
 * (e.g. libreoffice --headless --convert-to csv). */
static void dump(const char *name, const char *data, size_t len)
{
    const char *dir = getenv("EXPORT_DUMP");
    if (!dir)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

typedef int (*begin_fn)(const struct dj_export *, struct dj_export_writer **, struct dj_err *);

/* Writes rows (nrows arrays of spec->ncols cells) and returns the file. */
static char *run_export(begin_fn begin, const struct dj_export *spec, const char *const *rows, int nrows,
                        size_t *len)
{
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_export_writer *w = NULL;
    int rc = begin(spec, &w, &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, 0);
    for (int r = 0; r < nrows; r++) {
        rc = export_row(w, rows + (size_t)r * (size_t)spec->ncols, &err);
        if (rc)
            print_error("%s\n", err.message);
        assert_int_equal(rc, 0);
    }
    char *data = NULL;
    assert_int_equal(export_finish(w, &data, len, &err), 0);
    assert_non_null(data);
    return data;
}

/* The named member of the zip in memory as a NUL-terminated string (caller frees), or NULL. */
static char *zip_member(const char *data, size_t len, const char *name)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    assert_non_null(z);
    char *out = NULL;
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) == 0) {
        zip_file_t *f = zip_fopen(z, name, 0);
        assert_non_null(f);
        out = malloc(st.size + 1);
        assert_non_null(out);
        assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
        out[st.size] = '\0';
        zip_fclose(f);
    }
    zip_close(z); /* frees src */
    zip_error_fini(&ze);
    return out;
}

/* The style index s="N" of cell ref in a sheet, -1 when the cell has none. */
static int cell_style(const char *sheet, const char *ref)
{
    char pat[32];
    snprintf(pat, sizeof pat, "<c r=\"%s\"", ref);
    const char *c = strstr(sheet, pat);
    assert_non_null(c);
    const char *end = strchr(c, '>');
    const char *s = strstr(c, " s=\"");
    return s && s < end ? atoi(s + 4) : -1;
}

/* The number in cell ref of a sheet (the cell must hold a <v>). */
static double cell_number(const char *sheet, const char *ref)
{
    char pat[32];
    snprintf(pat, sizeof pat, "<c r=\"%s\"", ref);
    const char *c = strstr(sheet, pat);
    assert_non_null(c);
    const char *v = strstr(c, "<v>");
    assert_true(v && v < strstr(c, "</c>"));
    return strtod(v + 3, NULL);
}

/* The number format code of cellXfs entry `index` in styles.xml (a static buffer). */
static const char *xf_format(const char *styles, int index)
{
    static char code[64];
    const char *p = strstr(styles, "<cellXfs");
    assert_non_null(p);
    for (int i = 0; i <= index; i++) {
        p = strstr(p + 1, "<xf ");
        assert_non_null(p);
    }
    int id = atoi(strstr(p, "numFmtId=\"") + 10);
    if (id == 49)
        return "@";
    char pat[40];
    snprintf(pat, sizeof pat, "<numFmt numFmtId=\"%d\" formatCode=\"", id);
    const char *f = strstr(styles, pat);
    if (!f)
        return id == 0 ? "General" : "builtin";
    f += strlen(pat);
    size_t n = (size_t)(strchr(f, '"') - f);
    assert_true(n < sizeof code);
    memcpy(code, f, n);
    code[n] = '\0';
    return code;
}

static const struct dj_export_column roster_cols[] = {
    {"姓名", DJ_COL_TEXT, NULL, 0},
    {"身份证号", DJ_COL_TEXT, NULL, 0},
    {"工号", DJ_COL_TEXT, NULL, 0},
    {"入党日期", DJ_COL_DATE, NULL, 0},
    {"年龄", DJ_COL_INT, NULL, 0},
    {"党费", DJ_COL_DECIMAL2, NULL, 0},
    {"备注", DJ_COL_TEXT, NULL, 0},
};
static const char *const roster_rows[] = {
    "张三", "410102199001011234", "0012", "2024-01-02", "34", "12345", "=1+2",
    "欧阳娜娜娜娜", "11010519491231002X", "0100", "", "-5", "-7", "@SUM(A1)",
};

/* ---- xlsx ---- */

static void xlsx_roster(void **state)
{
    (void)state;
    struct dj_export spec = {"党员名册", NULL, 7, roster_cols};
    size_t len;
    char *x = run_export(export_xlsx_begin, &spec, roster_rows, 2, &len);
    dump("roster.xlsx", x, len);
    assert_true(len > 4 && memcmp(x, "PK", 2) == 0);
    char *sheet = zip_member(x, len, "xl/worksheets/sheet1.xml");
    char *styles = zip_member(x, len, "xl/styles.xml");
    char *book = zip_member(x, len, "xl/workbook.xml");
    assert_non_null(sheet);
    assert_non_null(styles);
    assert_non_null(book);
    assert_non_null(strstr(book, "<sheet name=\"党员名册\""));
    /* frozen header and the autofilter over header and rows */
    assert_non_null(strstr(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
    assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:G3\"/>"));
    assert_non_null(strstr(book, "_xlnm._FilterDatabase"));
    /* the header is bold and filled */
    int hs = cell_style(sheet, "A1");
    assert_true(hs > 0);
    const char *xf = strstr(styles, "<cellXfs");
    for (int i = 0; i <= hs; i++)
        xf = strstr(xf + 1, "<xf ");
    int font = atoi(strstr(xf, "fontId=\"") + 8), fill = atoi(strstr(xf, "fillId=\"") + 8);
    assert_true(font > 0 && fill > 1);
    assert_non_null(strstr(styles, "<b/>"));
    assert_non_null(strstr(styles, "<patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/>"));
    /* numbers-that-are-not-numbers stay strings (inline: constant_memory mode has no sharedStrings) */
    assert_non_null(strstr(sheet, "<c r=\"B2\" s=\""));
    assert_non_null(strstr(sheet, "t=\"inlineStr\"><is><t>410102199001011234</t></is></c>"));
    assert_non_null(strstr(sheet, "t=\"inlineStr\"><is><t>0012</t></is></c>"));
    assert_non_null(strstr(sheet, "t=\"inlineStr\"><is><t>11010519491231002X</t></is></c>"));
    assert_string_equal(xf_format(styles, cell_style(sheet, "B2")), "@");
    /* a formula-looking text is a string, never a formula */
    assert_non_null(strstr(sheet, "<is><t>=1+2</t></is>"));
    assert_null(strstr(sheet, "<f>"));
    /* a real date cell: serial 45293 = 2024-01-02, styled yyyy-mm-dd; the empty date is blank */
    assert_non_null(strstr(sheet, "<v>45293</v>"));
    assert_string_equal(xf_format(styles, cell_style(sheet, "D2")), "yyyy-mm-dd");
    assert_null(strstr(sheet, "<c r=\"D3\""));
    /* INT and DECIMAL2 are numbers */
    assert_non_null(strstr(sheet, "<c r=\"E2\" s=\""));
    assert_non_null(strstr(sheet, "<v>34</v>"));
    assert_non_null(strstr(sheet, "<v>123.45</v>"));
    assert_true(cell_number(sheet, "F3") == -0.07); /* the same double as Excel's own 0.07 */
    assert_true(cell_number(sheet, "E3") == -5);
    assert_string_equal(xf_format(styles, cell_style(sheet, "F2")), "0.00");
    assert_string_equal(xf_format(styles, cell_style(sheet, "E2")), "0");
    /* widths: 身份证号 18 + 2; 姓名 欧阳娜娜娜娜 6 CJK = 12 + 2; 年龄 2 CJK = 4 + 2 -> minimum 6 */
    assert_non_null(strstr(sheet, "<col min=\"1\" max=\"1\" width=\"14.7109375\""));
    assert_non_null(strstr(sheet, "<col min=\"2\" max=\"2\" width=\"20.7109375\""));
    assert_non_null(strstr(sheet, "<col min=\"5\" max=\"5\" width=\"6.7109375\""));
    free(sheet);
    free(styles);
    free(book);
    free(x);
}

static void xlsx_title_and_sheet_name(void **state)
{
    (void)state;
    static const struct dj_export_column cols[] = {{"组织", DJ_COL_TEXT, NULL, 30}, {"时间", DJ_COL_DATETIME, NULL, 0}};
    struct dj_export spec = {"2024/第[1]季度:考核*?", "某某局党员名册（2024 年）", 2, cols};
    const char *const rows[] = {"第一支部", "2024-03-05 08:30:00", "第二支部", "not a time"};
    size_t len;
    char *x = run_export(export_xlsx_begin, &spec, rows, 2, &len);
    dump("title.xlsx", x, len);
    char *sheet = zip_member(x, len, "xl/worksheets/sheet1.xml");
    char *book = zip_member(x, len, "xl/workbook.xml");
    char *styles = zip_member(x, len, "xl/styles.xml");
    assert_non_null(strstr(book, "<sheet name=\"2024_第_1_季度_考核__\""));
    assert_non_null(strstr(sheet, "<pane ySplit=\"2\" topLeftCell=\"A3\""));
    assert_non_null(strstr(sheet, "<mergeCell ref=\"A1:B1\"/>"));
    assert_non_null(strstr(sheet, "<t>某某局党员名册（2024 年）</t>"));
    assert_non_null(strstr(sheet, "<autoFilter ref=\"A2:B4\"/>"));
    assert_non_null(strstr(sheet, "<col min=\"1\" max=\"1\" width=\"30.7109375\""));
    assert_string_equal(xf_format(styles, cell_style(sheet, "B3")), "yyyy-mm-dd hh:mm:ss");
    double t = cell_number(sheet, "B3") - (45356.0 + 8.5 / 24); /* 2024-03-05 08:30 */
    assert_true(t > -1e-9 && t < 1e-9);
    /* a value that does not parse is kept as text */
    assert_non_null(strstr(sheet, "<is><t>not a time</t></is>"));
    free(sheet);
    free(book);
    free(styles);
    free(x);
}

static void xlsx_template_validations(void **state)
{
    (void)state;
    static const char *const sexes[] = {"男", "女", NULL};
    static const char *const types[] = {"正式党员", "预备党员", NULL};
    /* 40 branch names: too long for an inline list, so they go to the hidden sheet */
    static char names[40][32];
    static const char *branches[41];
    for (int i = 0; i < 40; i++) {
        snprintf(names[i], sizeof names[i], "第%02d党支部", i + 1);
        branches[i] = names[i];
    }
    static const char *const commas[] = {"甲,乙", "丙", NULL};
    /* 99 characters but 259 bytes: libxlsxwriter 1.1.4 would overflow its buffer inline */
    static const char *posts[21];
    for (int i = 0; i < 20; i++)
        posts[i] = "党员党员";
    const struct dj_export_column cols[] = {
        {"姓名", DJ_COL_TEXT, NULL, 0},           {"性别", DJ_COL_TEXT, sexes, 0},
        {"党员类型", DJ_COL_TEXT, types, 0},      {"所在支部", DJ_COL_TEXT, branches, 0},
        {"入党日期", DJ_COL_DATE, NULL, 0},       {"分组", DJ_COL_TEXT, commas, 0},
        {"职务", DJ_COL_TEXT, posts, 0},
    };
    struct dj_export spec = {"导入模板", NULL, 7, cols};
    const char *const example[] = {"张三", "男", "正式党员", "第01党支部", "2020-07-01", "丙", "党员党员"};
    size_t len;
    char *x = run_export(export_xlsx_begin, &spec, example, 1, &len);
    dump("template.xlsx", x, len);
    char *sheet = zip_member(x, len, "xl/worksheets/sheet1.xml");
    char *lists = zip_member(x, len, "xl/worksheets/sheet2.xml");
    char *book = zip_member(x, len, "xl/workbook.xml");
    char *styles = zip_member(x, len, "xl/styles.xml");
    assert_non_null(strstr(sheet, "<dataValidations count=\"5\">"));
    assert_non_null(strstr(sheet, "sqref=\"B2:B1000\"><formula1>\"男,女\"</formula1>"));
    assert_non_null(strstr(sheet, "sqref=\"C2:C1000\"><formula1>\"正式党员,预备党员\"</formula1>"));
    assert_non_null(strstr(sheet, "sqref=\"D2:D1000\"><formula1>'下拉选项'!$A$1:$A$40</formula1>"));
    assert_non_null(strstr(sheet, "sqref=\"F2:F1000\"><formula1>'下拉选项'!$B$1:$B$2</formula1>"));
    assert_non_null(strstr(sheet, "sqref=\"G2:G1000\"><formula1>'下拉选项'!$C$1:$C$20</formula1>"));
    assert_non_null(strstr(sheet, "errorTitle=\"输入有误\""));
    assert_null(strstr(sheet, "type=\"custom\""));
    assert_non_null(strstr(book, "<sheet name=\"下拉选项\" sheetId=\"2\" state=\"hidden\""));
    assert_non_null(lists);
    assert_non_null(strstr(lists, "<c r=\"A40\""));
    assert_non_null(strstr(lists, "<t>第40党支部</t>"));
    assert_non_null(strstr(lists, "<c r=\"B1\" s=\""));
    assert_non_null(strstr(lists, "t=\"inlineStr\"><is><t>甲,乙</t>"));
    assert_string_equal(xf_format(styles, cell_style(lists, "B1")), "@");
    assert_null(strstr(lists, "<c r=\"B3\""));
    /* empty columns carry their type's format for people filling the template */
    assert_non_null(strstr(sheet, "<col min=\"5\" max=\"5\""));
    const char *col5 = strstr(sheet, "<col min=\"5\" max=\"5\"");
    int s5 = atoi(strstr(col5, "style=\"") + 7);
    assert_string_equal(xf_format(styles, s5), "yyyy-mm-dd");
    free(sheet);
    free(lists);
    free(book);
    free(styles);
    free(x);
}

static void xlsx_many_rows(void **state)
{
    (void)state;
    static const struct dj_export_column cols[] = {{"序号", DJ_COL_INT, NULL, 0}, {"内容", DJ_COL_TEXT, NULL, 0}};
    struct dj_export spec = {"大表", NULL, 2, cols};
    struct dj_err err;
    struct dj_export_writer *w = NULL;
    assert_int_equal(export_xlsx_begin(&spec, &w, &err), 0);
    for (int i = 0; i < 20000; i++) {
        char n[16];
        snprintf(n, sizeof n, "%d", i);
        const char *cells[] = {n, "党建工作记录"};
        assert_int_equal(export_row(w, cells, &err), 0);
    }
    char *data;
    size_t len;
    assert_int_equal(export_finish(w, &data, &len, &err), 0);
    char *sheet = zip_member(data, len, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:B20001\"/>"));
    assert_true(cell_number(sheet, "A20001") == 19999);
    assert_non_null(strstr(sheet, "<c r=\"B20001\" s=\""));
    assert_non_null(strstr(sheet, "t=\"inlineStr\"><is><t>党建工作记录</t></is></c></row></sheetData>"));
    free(sheet);
    free(data);
}

static void xlsx_errors_and_abort(void **state)
{
    (void)state;
    struct dj_err err;
    struct dj_export_writer *w = (struct dj_export_writer *)&err;
    struct dj_export spec = {NULL, NULL, 0, roster_cols};
    assert_int_equal(export_xlsx_begin(&spec, &w, &err), DJ_EINVAL);
    assert_null(w);
    assert_int_equal(export_csv_begin(&spec, &w, &err), DJ_EINVAL);
    static const struct dj_export_column bad[] = {{"\xB5\xB3", DJ_COL_TEXT, NULL, 0}};
    struct dj_export badspec = {NULL, NULL, 1, bad};
    assert_int_equal(export_xlsx_begin(&badspec, &w, &err), DJ_EINVAL);

    spec.ncols = 7;
    assert_int_equal(export_xlsx_begin(&spec, &w, &err), 0);
    const char *bad_row[] = {"张三", "\xB5\xB3", NULL, NULL, NULL, NULL, NULL};
    assert_int_equal(export_row(w, bad_row, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "第 2 列"));
    /* the writer goes on after a rejected row */
    assert_int_equal(export_row(w, roster_rows, &err), 0);
    export_abort(w); /* teardown checks that the temporary file is gone */
    export_abort(NULL);

    /* sheet name defaults; a NULL cell is empty */
    spec.sheet_name = NULL;
    const char *nulls[7] = {"只有姓名"};
    size_t len;
    char *x = run_export(export_xlsx_begin, &spec, nulls, 1, &len);
    char *book = zip_member(x, len, "xl/workbook.xml");
    assert_non_null(strstr(book, "<sheet name=\"Sheet1\""));
    free(book);
    free(x);
}

static void xlsx_long_and_odd_text(void **state)
{
    (void)state;
    static const struct dj_export_column cols[] = {{"内容", DJ_COL_TEXT, NULL, 0}};
    struct dj_export spec = {"长文本", NULL, 1, cols};
    size_t n = 40000;
    char *big = malloc(n * 3 + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + i * 3, "党", 3);
    big[n * 3] = '\0';
    const char *const rows[] = {big, "a\x01" "b<&>\"c\"", "多行\n文本"};
    size_t len;
    char *x = run_export(export_xlsx_begin, &spec, rows, 3, &len);
    free(big);
    char *sheet = zip_member(x, len, "xl/worksheets/sheet1.xml");
    /* cut to Excel's 32767 characters per cell */
    const char *t = strstr(sheet, "<c r=\"A2\"");
    t = strstr(t, "<t>") + 3;
    assert_int_equal((size_t)(strstr(t, "</t>") - t), (size_t)DJ_EXPORT_MAX_CELL_CHARS * 3);
    /* a control character is escaped the way Excel expects, markup is escaped */
    assert_non_null(strstr(sheet, "<t>a_x0001_b&lt;&amp;&gt;\"c\"</t>"));
    assert_non_null(strstr(sheet, "<t>多行\n文本</t>"));
    /* the width is clamped to 60 */
    assert_non_null(strstr(sheet, "<col min=\"1\" max=\"1\" width=\"60.7109375\""));
    free(sheet);
    free(x);
}

/* ---- CSV ---- */

static void csv_bytes(void **state)
{
    (void)state;
    struct dj_export spec = {"党员名册", "标题不进 CSV", 7, roster_cols};
    const char *const rows[] = {
        "张三", "410102199001011234", "0012", "2024-01-02", "34", "12345", "=1+2",
        "李\"四\"", "a,b", "line1\nline2", "bad-date", "-3", "-5", "+86 138",
        "王五", "\tx", "\rcr", "", "", "abc", "-@x",
    };
    size_t len;
    char *c = run_export(export_csv_begin, &spec, rows, 3, &len);
    const char expect[] =
        "\xEF\xBB\xBF"
        "姓名,身份证号,工号,入党日期,年龄,党费,备注\r\n"
        "张三,410102199001011234,0012,2024-01-02,34,123.45,'=1+2\r\n"
        "\"李\"\"四\"\"\",\"a,b\",\"line1\nline2\",bad-date,-3,-0.05,'+86 138\r\n"
        "王五,'\tx,\"'\rcr\",,,abc,'-@x\r\n";
    assert_int_equal(len, sizeof expect - 1);
    assert_memory_equal(c, expect, len);
    assert_int_equal(c[len], '\0');
    free(c);

    /* an empty export is the BOM and the header */
    static const struct dj_export_column one[] = {{"@名称", DJ_COL_TEXT, NULL, 0}};
    struct dj_export s1 = {NULL, NULL, 1, one};
    c = run_export(export_csv_begin, &s1, NULL, 0, &len);
    assert_int_equal(len, strlen("\xEF\xBB\xBF'@名称\r\n"));
    assert_memory_equal(c, "\xEF\xBB\xBF'@名称\r\n", len);
    free(c);
}

/* ---- shared helpers ---- */

static void content_disposition(void **state)
{
    (void)state;
    char out[256];
    struct dj_err err;
    assert_int_equal(export_content_disposition("党员名册.xlsx", out, sizeof out, &err), 0);
    assert_string_equal(out, "attachment; filename=\"export.xlsx\"; "
                             "filename*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C.xlsx");
    assert_int_equal(export_content_disposition("roster 2024.csv", out, sizeof out, &err), 0);
    assert_string_equal(out, "attachment; filename=\"roster 2024.csv\"; filename*=UTF-8''roster%202024.csv");
    assert_int_equal(export_content_disposition("a\"b;c.xlsx", out, sizeof out, &err), 0);
    assert_string_equal(out, "attachment; filename=\"export.xlsx\"; filename*=UTF-8''a%22b%3Bc.xlsx");
    assert_int_equal(export_content_disposition("名册", out, sizeof out, &err), 0);
    assert_string_equal(out, "attachment; filename=\"export\"; filename*=UTF-8''%E5%90%8D%E5%86%8C");
    assert_int_equal(export_content_disposition("a\r\nSet-Cookie: x", out, sizeof out, &err), DJ_EINVAL);
    assert_int_equal(export_content_disposition("", out, sizeof out, &err), DJ_EINVAL);
    assert_int_equal(export_content_disposition("\xB5\xB3.csv", out, sizeof out, &err), DJ_EINVAL);
    assert_int_equal(export_content_disposition("党员名册.xlsx", out, 40, &err), DJ_EINVAL);
    assert_string_equal(out, "");
}

static void values_and_widths(void **state)
{
    (void)state;
    struct dj_export_value v;
    export_value_parse(DJ_COL_DATE, "2024-02-29", &v);
    assert_int_equal(v.as, DJ_COL_DATE);
    assert_int_equal(v.day, 29);
    export_value_parse(DJ_COL_DATE, "2023-02-29", &v);
    assert_int_equal(v.as, DJ_COL_TEXT);
    export_value_parse(DJ_COL_DATE, "1899-12-31", &v);
    assert_int_equal(v.as, DJ_COL_TEXT);
    export_value_parse(DJ_COL_DATE, "2024-1-02", &v);
    assert_int_equal(v.as, DJ_COL_TEXT);
    export_value_parse(DJ_COL_DATETIME, "2024-01-02T23:59", &v);
    assert_int_equal(v.as, DJ_COL_DATETIME);
    assert_int_equal(v.minute, 59);
    export_value_parse(DJ_COL_DATETIME, "2024-01-02 24:00:00", &v);
    assert_int_equal(v.as, DJ_COL_TEXT);
    export_value_parse(DJ_COL_INT, "-123456789012345", &v);
    assert_int_equal(v.as, DJ_COL_INT);
    export_value_parse(DJ_COL_INT, "1234567890123456", &v); /* 16 digits: text, not rounded */
    assert_int_equal(v.as, DJ_COL_TEXT);
    export_value_parse(DJ_COL_INT, "+5", &v);
    assert_int_equal(v.as, DJ_COL_TEXT);
    export_value_parse(DJ_COL_DECIMAL2, "12.5", &v);
    assert_int_equal(v.as, DJ_COL_TEXT);
    char buf[32];
    export_decimal2_format(INT64_MIN, buf, sizeof buf);
    assert_string_equal(buf, "-92233720368547758.08");
    export_decimal2_format(7, buf, sizeof buf);
    assert_string_equal(buf, "0.07");
    assert_int_equal(export_display_width("abc"), 3);
    assert_int_equal(export_display_width("党建abc"), 7);
    assert_int_equal(export_display_width("ＡＢ（全角）"), 12);
    assert_int_equal(export_display_width("短\n长一些的行"), 10);
    assert_int_equal(export_display_width(""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(xlsx_roster, setup, teardown),
        cmocka_unit_test_setup_teardown(xlsx_title_and_sheet_name, setup, teardown),
        cmocka_unit_test_setup_teardown(xlsx_template_validations, setup, teardown),
        cmocka_unit_test_setup_teardown(xlsx_many_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(xlsx_errors_and_abort, setup, teardown),
        cmocka_unit_test_setup_teardown(xlsx_long_and_odd_text, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_bytes, setup, teardown),
        cmocka_unit_test(content_disposition),
        cmocka_unit_test(values_and_widths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
