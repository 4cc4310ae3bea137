/* Unit tests of the index engine's pure parts: mapping raw values to points
 * (linear, steps, per unit, direct, no value) in exact hundredths, and the
 * ranking (ties share a rank, tie-break, stars, selection skipping vetoed
 * targets and keeping ties at the last place). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/index_engine.h"

static struct dj_indicator indicator(const char *kind, int64_t max)
{
    struct dj_indicator d;
    memset(&d, 0, sizeof d);
    snprintf(d.kind, sizeof d.kind, "%s", kind);
    d.max_points = max;
    return d;
}

static int64_t map(const char *kind, int64_t max, const char *params, bool has, int64_t raw)
{
    struct dj_indicator d = indicator(kind, max);
    json_error_t jerr;
    json_t *p = json_loads(params, 0, &jerr);
    assert_non_null(p);
    char how[256];
    int64_t v = index_map_points(&d, p, has, raw, how, sizeof how);
    assert_true(strlen(how) > 0);
    json_decref(p);
    return v;
}

static void linear(void **state)
{
    (void)state;
    const char *p = "{\"map\": \"linear\", \"target\": 90}";
    assert_int_equal(map("computed", 1000, p, true, 9000), 1000);  /* at the target */
    assert_int_equal(map("computed", 1000, p, true, 10000), 1000); /* above it: capped */
    assert_int_equal(map("computed", 1000, p, true, 5000), 556);   /* 5.5555… rounds half up */
    assert_int_equal(map("computed", 1000, p, true, 0), 0);
    assert_int_equal(map("computed", 1000, p, true, -50), 0);
    /* 2/3 of 15 points: 10.00 exactly */
    assert_int_equal(map("computed", 1500, "{\"target\": 3}", true, 200), 1000);
    /* no records: full or zero as the rule says */
    assert_int_equal(map("computed", 1500, "{\"target\": 3}", false, 0), 1500);
    assert_int_equal(map("computed", 1500, "{\"target\": 3, \"when_none\": \"zero\"}", false, 0), 0);
    /* a target given as text or with decimals */
    assert_int_equal(map("computed", 1000, "{\"target\": \"92.5\"}", true, 4625), 500);
}

static void steps_per_unit_direct(void **state)
{
    (void)state;
    const char *steps = "{\"map\": \"steps\", \"steps\": [[0, 0], [5, 2], [10, 4]]}";
    assert_int_equal(map("computed", 400, steps, true, 1200), 400);
    assert_int_equal(map("computed", 400, steps, true, 1000), 400);
    assert_int_equal(map("computed", 400, steps, true, 999), 200);
    assert_int_equal(map("computed", 400, steps, true, 499), 0);
    assert_int_equal(map("computed", 400, "{\"map\": \"steps\", \"steps\": [[5, 9]]}", true, 600), 400);
    const char *per = "{\"map\": \"per_unit\", \"per\": 2}";
    assert_int_equal(map("computed", 600, per, true, 200), 400);
    assert_int_equal(map("computed", 600, per, true, 400), 600); /* capped */
    assert_int_equal(map("computed", 600, "{\"map\": \"per_unit\", \"per\": 0.5}", true, 300), 150);
    assert_int_equal(map("imported", 3000, "{}", true, 2875), 2875);   /* direct by default */
    assert_int_equal(map("imported", 3000, "{}", true, 3500), 3000);
    assert_int_equal(map("imported", 3000, "{\"map\": \"linear\", \"target\": 100}", true, 8800), 2640);
}

static struct dj_result result(int64_t id, int64_t total, bool vetoed)
{
    struct dj_result r;
    memset(&r, 0, sizeof r);
    r.target_id = id;
    r.total = total;
    r.vetoed = vetoed;
    return r;
}

static void ranking_ties_and_selection(void **state)
{
    (void)state;
    struct dj_result r[6] = {result(1, 8000, false), result(2, 9000, false), result(3, 9000, false),
                             result(4, 7000, false), result(5, 9500, true), result(6, 7000, false)};
    json_error_t jerr;
    json_t *settings = json_loads("{\"select\": {\"count\": 3}, \"stars\": [{\"min\": 90, \"label\": \"A\"},"
                                  " {\"min\": 80, \"label\": \"B\"}]}",
                                  0, &jerr);
    index_rank(r, NULL, 0, 6, settings);
    /* 95 (vetoed), 90, 90, 80, 70, 70: ranks 1, 2, 2, 4, 5, 5 */
    int64_t ids[6] = {5, 2, 3, 1, 4, 6};
    int ranks[6] = {1, 2, 2, 4, 5, 5};
    bool selected[6] = {false, true, true, true, false, false};
    const char *stars[6] = {"A", "A", "A", "B", "", ""};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(r[i].target_id, ids[i]);
        assert_int_equal(r[i].rank, ranks[i]);
        assert_int_equal(r[i].selected, selected[i]);
        assert_string_equal(r[i].star, stars[i]);
    }
    json_decref(settings);
}

static void ranking_ties_at_the_boundary_and_tie_break(void **state)
{
    (void)state;
    json_error_t jerr;
    json_t *two = json_loads("{\"select\": {\"count\": 2}}", 0, &jerr);
    struct dj_result r[4] = {result(1, 9000, false), result(2, 8000, false), result(3, 8000, false),
                             result(4, 7000, false)};
    index_rank(r, NULL, 0, 4, two);
    /* second place is shared: both are kept */
    assert_true(r[0].selected && r[1].selected && r[2].selected);
    assert_false(r[3].selected);
    /* a tie-break by an indicator's points separates them */
    struct dj_result t[4] = {result(1, 9000, false), result(2, 8000, false), result(3, 8000, false),
                             result(4, 7000, false)};
    int64_t tie[4] = {0, 100, 300, 0};
    index_rank(t, tie, 1, 4, two);
    assert_int_equal(t[1].target_id, 3);
    assert_int_equal(t[1].rank, 2);
    assert_int_equal(t[2].target_id, 2);
    assert_int_equal(t[2].rank, 3);
    assert_int_equal(tie[1], 300); /* permuted with the results */
    assert_true(t[1].selected);
    assert_false(t[2].selected);
    /* nothing to rank, and no selection setting */
    index_rank(t, NULL, 0, 0, two);
    json_t *none = json_object();
    struct dj_result one[1] = {result(9, 100, false)};
    index_rank(one, NULL, 0, 1, none);
    assert_int_equal(one[0].rank, 1);
    assert_false(one[0].selected);
    json_decref(none);
    json_decref(two);
}

static void star_quotas(void **state)
{
    (void)state;
    json_error_t jerr;
    json_t *settings = json_loads("{\"stars\": [{\"min\": 90, \"label\": \"五星\", \"quota\": 1},"
                                  " {\"min\": 80, \"label\": \"四星\", \"quota\": 2}, {\"min\": 60, \"label\": \"三星\"}]}",
                                  0, &jerr);
    assert_non_null(settings);
    struct dj_result r[5] = {result(1, 9500, false), result(2, 9200, false), result(3, 9100, false),
                             result(4, 8500, false), result(5, 7000, false)};
    index_rank(r, NULL, 0, 5, settings);
    /* one 五星; the next two above 90 take the 四星 places; the 85 falls to 三星 */
    const char *want[5] = {"五星", "四星", "四星", "三星", "三星"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(r[i].star, want[i]);
    json_decref(settings);
}

static void sources(void **state)
{
    (void)state;
    assert_true(index_source_valid("attendance_rate", "member"));
    assert_true(index_source_valid("meetings_held", "branch"));
    assert_false(index_source_valid("meetings_held", "member"));
    assert_false(index_source_valid("nonsense", "member"));
    json_t *all = index_sources_json();
    assert_true(json_array_size(all) >= 8);
    json_decref(all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linear),
        cmocka_unit_test(steps_per_unit_direct),
        cmocka_unit_test(ranking_ties_and_selection),
        cmocka_unit_test(ranking_ties_at_the_boundary_and_tie_break),
        cmocka_unit_test(star_quotas),
        cmocka_unit_test(sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
