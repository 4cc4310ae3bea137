#include "testutil.h"

#include "util/err.h"
#include "util/idmap.h"

/* Ids put in any order are found; an absent id is 0; a map is a set too. */
static void found_in_any_order(void **state)
{
    (void)state;
    struct dj_idmap m = {0};
    struct dj_err err;
    dj_err_clear(&err);
    for (int64_t i = 1; i <= 1000; i++)
        assert_int_equal(dj_idmap_put(&m, i * 3, i + 5000, &err), 0);
    assert_int_equal(dj_idmap_get(&m, 300), 5100);
    assert_false(m.unsorted);
    /* the built-in kinds of another database, out of order */
    assert_int_equal(dj_idmap_put(&m, 2, 7, &err), 0);
    assert_int_equal(dj_idmap_put(&m, 1, 9, &err), 0);
    assert_true(m.unsorted);
    assert_int_equal(dj_idmap_get(&m, 1), 9);
    assert_int_equal(dj_idmap_get(&m, 2), 7);
    assert_int_equal(dj_idmap_get(&m, 3000), 6000);
    assert_int_equal(dj_idmap_get(&m, 3), 5001);
    assert_int_equal(dj_idmap_get(&m, 4), 0);
    assert_int_equal(dj_idmap_get(&m, 0), 0);
    assert_int_equal(dj_idmap_get(&m, 3001), 0);
    dj_idmap_free(&m);
    assert_int_equal(dj_idmap_get(&m, 3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(found_in_any_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
