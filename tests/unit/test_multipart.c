/* io/multipart: finding a part of a multipart/form-data body. */
#include "testutil.h"

#include <stdio.h>
#include <time.h>

#include "io/multipart.h"

static int find(const char *ct, const char *body, const char *field, struct dj_part *p)
{
    struct dj_err err;
    dj_err_clear(&err);
    return multipart_find(ct, body, strlen(body), field, p, &err);
}

static void parts_found(void **state)
{
    (void)state;
    struct dj_part p;
    const char *crlf = "--XyZ\r\nContent-Disposition: form-data; name=\"object_id\"\r\n\r\n12\r\n"
                       "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"名单.csv\"\r\n"
                       "Content-Type: text/csv\r\n\r\na,b\r\n1,2\r\n--XyZ--\r\n";
    assert_int_equal(find("multipart/form-data; boundary=XyZ", crlf, "file", &p), 0);
    assert_int_equal(p.len, 8);
    assert_memory_equal(p.data, "a,b\r\n1,2", 8);
    assert_string_equal(p.filename, "名单.csv");
    assert_string_equal(p.content_type, "text/csv");
    assert_int_equal(find("multipart/form-data; boundary=\"XyZ\"", crlf, "object_id", &p), 0);
    assert_int_equal(p.len, 2);
    assert_memory_equal(p.data, "12", 2);
    assert_int_equal(find("multipart/form-data; boundary=XyZ", crlf, "other", &p), DJ_EINVAL);
    assert_int_equal(find("text/plain", crlf, "file", &p), DJ_EUNSUPPORTED);

    /* bare line feeds, as some clients send them */
    const char *lf = "--b\nContent-Disposition: form-data; name=\"file\"\n\nx\ny\n--b--\n";
    assert_int_equal(find("multipart/form-data; boundary=b", lf, "file", &p), 0);
    assert_int_equal(p.len, 3);
    assert_memory_equal(p.data, "x\ny", 3);
    /* an empty part, and a part never closed */
    assert_int_equal(find("multipart/form-data; boundary=b",
                          "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\r\n--b--", "file", &p),
                     0);
    assert_int_equal(p.len, 0);
    assert_int_equal(find("multipart/form-data; boundary=b",
                          "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc", "file", &p),
                     DJ_EINVAL);
}

/* Each part used to be searched for the end of its headers and for the next
 * delimiter in two spellings, each search running to the end of the body
 * when the first spelling was absent: a 20 MB upload of small parts with
 * bare line feeds took minutes of CPU (3.2 MB: 6 s).  Now one pass. */
static void many_parts_linear(void **state)
{
    (void)state;
    size_t parts = 80000, cap = parts * 64 + 256, n = 0;
    char *b = malloc(cap);
    assert_non_null(b);
    for (size_t i = 0; i < parts; i++)
        n += (size_t)snprintf(b + n, cap - n, "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\nx\n");
    n += (size_t)snprintf(b + n, cap - n, "--XyZ\nContent-Disposition: form-data; name=\"file\"\n\nF\n--XyZ--\n");
    struct dj_part p;
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    assert_int_equal(multipart_find("multipart/form-data; boundary=XyZ", b, n, "file", &p, NULL), 0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_int_equal(p.len, 1);
    assert_int_equal(p.data[0], 'F');
    print_message("%zu bytes, %zu parts: %.3f s\n", n, parts + 1, s);
    assert_true(s < 2.0); /* CPU time; linear: milliseconds, quadratic: seconds */
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parts_found),
        cmocka_unit_test(many_parts_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
