/* test_pdf: io/pdf renders Chinese documents: tables across pages with their
 * header repeated, page numbers, the same bytes for the same description,
 * refusal of text that is not UTF-8 (text checked with pdftotext when the
 * poppler tools are installed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/pdf.h"

static int count(const char *data, size_t len, const char *needle)
{
    int n = 0;
    size_t nl = strlen(needle);
    for (size_t i = 0; i + nl <= len; i++)
        if (!memcmp(data + i, needle, nl))
            n++;
    return n;
}

/* pages of a PDF: "/Type /Page" that is not "/Type /Pages" */
static int pages_of(const char *data, size_t len)
{
    return count(data, len, "/Type /Page") - count(data, len, "/Type /Pages");
}

static struct pdf_doc *long_notice(int rows)
{
    struct dj_err err;
    dj_err_clear(&err);
    struct pdf_doc *d = pdf_doc_new(PDF_RED_HEADER, "示范县财政局机关党委", &err);
    assert_non_null(d);
    pdf_set_meta(d, "公示", "2026-12-07");
    pdf_set_number(d, "财机党〔2026〕3号");
    pdf_title(d, "关于2026年第四季度先锋指数考评结果的公示");
    pdf_text(d, PDF_BODY, "经考评，现将结果予以公示。公示期间如有异议，请向机关党委反映。");
    struct pdf_table *t = pdf_table(d, 3, (const char *[]){"名次", "姓名", "得分"}, (const double[]){1, 2, 1});
    for (int i = 0; i < rows; i++) {
        char rank[16], name[32], score[16];
        snprintf(rank, sizeof rank, "%d", i + 1);
        snprintf(name, sizeof name, "测试人员%04d", i + 1);
        snprintf(score, sizeof score, "%d.50", 100 - i % 50);
        pdf_row(t, (const char *[]){rank, name, score});
    }
    pdf_signature(d, "示范县财政局机关党委", "2026年12月7日", true);
    return d;
}

static void test_table_breaks_across_pages(void **state)
{
    (void)state;
    struct pdf_doc *d = long_notice(120);
    char *data = NULL;
    size_t len = 0;
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(pdf_render(d, &data, &len, &err), 0);
    assert_true(len > 1000);
    assert_memory_equal(data, "%PDF-", 5);
    int pages = pages_of(data, len);
    assert_true(pages >= 3);
    /* the same description gives the same bytes */
    char *again = NULL;
    size_t len2 = 0;
    assert_int_equal(pdf_render(d, &again, &len2, &err), 0);
    assert_int_equal(len, len2);
    assert_memory_equal(data, again, len);
    free(again);
    /* the text, when poppler's pdftotext is here */
    char path[] = "/tmp/test_pdf_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "pdftotext -layout %s - 2>/dev/null", path);
    FILE *p = system("command -v pdftotext >/dev/null 2>&1") == 0 ? popen(cmd, "r") : NULL;
    if (p) {
        static char text[200000];
        size_t n = fread(text, 1, sizeof text - 1, p);
        text[n] = 0;
        pclose(p);
        /* pdftotext may drop the spaces between Chinese characters */
        char *w = text;
        for (char *s = text; *s; s++)
            if (*s != ' ')
                *w++ = *s;
        *w = 0;
        assert_non_null(strstr(text, "示范县财政局机关党委"));
        assert_non_null(strstr(text, "测试人员0120"));
        char last[64];
        snprintf(last, sizeof last, "第%d页共%d页", pages, pages);
        assert_non_null(strstr(text, last));
        assert_non_null(strstr(text, "第1页共"));
        /* the header repeats on every page */
        int headers = 0;
        for (char *s = text; (s = strstr(s, "名次")); s++)
            headers++;
        assert_int_equal(headers, pages);
    }
    unlink(path);
    free(data);
    pdf_doc_free(d);
}

static void test_certificates_one_page_each(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct pdf_doc *d = pdf_doc_new(PDF_CERTIFICATE, "示范县财政局机关党委", &err);
    assert_non_null(d);
    for (int i = 0; i < 3; i++)
        pdf_certificate(d, "喜  报", "张三同志：", "您在考评中被评为先锋标兵，特发此报，以资鼓励。",
                        "示范县财政局机关党委", "2026年12月7日");
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(pdf_render(d, &data, &len, &err), 0);
    assert_int_equal(pages_of(data, len), 3);
    free(data);
    pdf_doc_free(d);
}

static void test_refuses_invalid_utf8(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct pdf_doc *d = pdf_doc_new(PDF_PLAIN, "单位", &err);
    assert_non_null(d);
    pdf_text(d, PDF_BODY, "bad \xff\xfe text");
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(pdf_render(d, &data, &len, &err), DJ_EINVAL);
    assert_null(data);
    pdf_doc_free(d);
}

static void test_empty_document_has_a_page(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct pdf_doc *d = pdf_doc_new(PDF_PLAIN, "", &err);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(pdf_render(d, &data, &len, &err), 0);
    assert_int_equal(pages_of(data, len), 1);
    free(data);
    pdf_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_breaks_across_pages),
        cmocka_unit_test(test_certificates_one_page_each),
        cmocka_unit_test(test_refuses_invalid_utf8),
        cmocka_unit_test(test_empty_document_has_a_page),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    pdf_shutdown();
    return failed;
}
