/* Unit tests of service's pure rules: hours and money with at most two
 * decimals as hundredths (service_centi), and the index engine's
 * volunteer_hours source for members and branches only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/contacts.h"
#include "core/index_engine.h"

static bool centi(const char *json, bool zero_ok, int64_t max, int64_t *out)
{
    json_error_t jerr;
    json_t *v = json_loads(json, JSON_DECODE_ANY, &jerr);
    assert_non_null(v);
    bool ok = service_centi(v, zero_ok, max, out);
    json_decref(v);
    return ok;
}

static void hours(void **state)
{
    (void)state;
    int64_t h = -1;
    assert_true(centi("3.5", false, SERVICE_MAX_HOURS, &h));
    assert_int_equal(h, 350);
    assert_true(centi("24", false, SERVICE_MAX_HOURS, &h));
    assert_int_equal(h, 2400);
    assert_true(centi("0.29", false, SERVICE_MAX_HOURS, &h)); /* 28.999… × 100 in binary */
    assert_int_equal(h, 29);
    assert_true(centi("0.01", false, SERVICE_MAX_HOURS, &h));
    assert_int_equal(h, 1);
    h = -1;
    assert_false(centi("24.01", false, SERVICE_MAX_HOURS, &h));
    assert_false(centi("0", false, SERVICE_MAX_HOURS, &h));
    assert_false(centi("-1", false, SERVICE_MAX_HOURS, &h));
    assert_false(centi("1.005", false, SERVICE_MAX_HOURS, &h)); /* three decimals */
    assert_false(centi("1.234", false, SERVICE_MAX_HOURS, &h));
    assert_false(centi("\"2\"", false, SERVICE_MAX_HOURS, &h));
    assert_false(centi("null", false, SERVICE_MAX_HOURS, &h));
    assert_int_equal(h, -1); /* untouched when refused */
}

static void money(void **state)
{
    (void)state;
    int64_t f = -1;
    assert_true(centi("0", true, SERVICE_MAX_FEN, &f));
    assert_int_equal(f, 0);
    assert_true(centi("200.5", true, SERVICE_MAX_FEN, &f));
    assert_int_equal(f, 20050);
    assert_true(centi("10000000", true, SERVICE_MAX_FEN, &f));
    assert_int_equal(f, 1000000000);
    assert_false(centi("10000000.01", true, SERVICE_MAX_FEN, &f));
    assert_false(centi("99.999", true, SERVICE_MAX_FEN, &f));
}

static void volunteer_source(void **state)
{
    (void)state;
    assert_true(index_source_valid("volunteer_hours", "member"));
    assert_true(index_source_valid("volunteer_hours", "branch"));
    assert_false(index_source_valid("volunteer_hours", "department"));
    json_t *all = index_sources_json();
    int found = 0;
    for (size_t i = 0; i < json_array_size(all); i++)
        found += !strcmp(json_string_value(json_object_get(json_array_get(all, i), "name")), "volunteer_hours");
    json_decref(all);
    assert_int_equal(found, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hours),
        cmocka_unit_test(money),
        cmocka_unit_test(volunteer_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
