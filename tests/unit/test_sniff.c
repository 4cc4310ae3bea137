/* sniff: the type of an upload by its bytes, and the name it is stored and
 * offered under. */
#include "testutil.h"

#include "io/sniff.h"

static void types_by_bytes_not_names(void **state)
{
    (void)state;
    assert_string_equal(sniff_mime("GIF89a\x01\x00<html>", 12), "image/gif");
    assert_string_equal(sniff_mime("%PDF-1.7", 8), "application/pdf");
    assert_null(sniff_mime("<!doctype html><script>", 23));
}

static void names_follow_the_detected_type(void **state)
{
    (void)state;
    char out[64];
    static const char *const cases[][3] = {
        {"poly.html", "image/gif", "poly.gif"},
        {"photo.GIF", "image/gif", "photo.gif"},
        {"scan.jpeg", "image/jpeg", "scan.jpeg"},
        {"scan.png", "image/jpeg", "scan.jpg"},
        {"会议记录", "application/pdf", "会议记录.pdf"},
        {"a.b.svg", "image/png", "a.b.png"},
        {".htaccess", "image/png", ".htaccess.png"},
        {"old.xls", "application/vnd.ms-office", "old.xls"},
        {"old.exe", "application/vnd.ms-office", "old.doc"},
        {"纪要.docx.html",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "纪要.docx.docx"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sniff_file_name(cases[i][0], cases[i][1], out, sizeof out);
        assert_string_equal(out, cases[i][2]);
    }
    /* a long name is cut at a character, and the extension kept */
    char small[12];
    sniff_file_name("党建党建党建.html", "image/gif", small, sizeof small);
    assert_string_equal(small, "党建.gif");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(types_by_bytes_not_names),
        cmocka_unit_test(names_follow_the_detected_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
