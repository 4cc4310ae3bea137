/* Unit tests of supervision of conduct on a real (in-memory SQLite)
 * database: a new bureau's 十不准, a rule's versions by date and the checks
 * of a rule, and the index engine's violation facts (only confirmed findings
 * of the period, per branch and per person, with their rule's consequence). */
#include "testutil.h"

#include <stdio.h>

#include "core/authz.h"
#include "core/bureaus.h"
#include "core/conduct.h"
#include "core/index_engine.h"
#include "store/inspections.h"

static struct dj_db *db;
static struct dj_config cfg;
static struct dj_actor sys_actor;
static int64_t bureau;

static int setup(void **state)
{
    (void)state;
    test_quiet();
    db = test_db_open();
    test_config(&cfg);
    actor_system(&sys_actor);
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_bureau b;
    assert_int_equal(db_begin_write(db, &err), 0);
    assert_int_equal(bureau_add(db, &sys_actor, "测试财政局", "cs", false, &b, &err), 0);
    assert_int_equal(db_commit(db, &err), 0);
    bureau = b.id;
    sys_actor.user.bureau_id = bureau; /* core reads the actor's bureau */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    return 0;
}

static const struct dj_conduct_rule *by_code(const struct dj_conduct_rule *r, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(r[i].code, code))
            return &r[i];
    return NULL;
}

static void new_bureau_has_ten_rules(void **state)
{
    (void)state;
    struct dj_conduct_rule *r = NULL;
    int n = 0;
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(store_conduct_rules(db, bureau, "2024-01-01", &r, &n, &err), 0);
    assert_int_equal(n, 10);
    const struct dj_conduct_rule *first = by_code(r, n, "sbz01");
    assert_non_null(first);
    assert_string_equal(first->rule_set, "十不准");
    assert_non_null(strstr(first->text, "不准在上班时间炒股"));
    assert_int_equal(first->deduct_points, 100);
    assert_false(first->veto);
    assert_true(by_code(r, n, "sbz07")->veto);
    free(r);
    /* before they were adopted, none is in force */
    assert_int_equal(store_conduct_rules(db, bureau, "2019-12-31", &r, &n, &err), 0);
    assert_int_equal(n, 0);
    free(r);
}

static void versions_by_date(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_conduct_rule *r = NULL;
    int n = 0;
    assert_int_equal(store_conduct_rules(db, bureau, NULL, &r, &n, &err), 0);
    struct dj_conduct_rule cur = *by_code(r, n, "sbz02"), out;
    free(r);
    struct dj_conduct_rule in = cur;
    in.deduct_points = 200;
    snprintf(in.valid_from, sizeof in.valid_from, "2026-01-01");
    assert_int_equal(conduct_rule_update(db, &cfg, &sys_actor, cur.id, &in, true, &out, &err), 0);
    assert_int_not_equal(out.id, cur.id);
    assert_int_equal(out.replaces_id, cur.id);
    /* the old version ends the day before; each day has exactly one version */
    struct dj_conduct_rule old;
    assert_int_equal(store_conduct_rule_get(db, cur.id, &old, &err), 0);
    assert_string_equal(old.valid_to, "2025-12-31");
    assert_int_equal(store_conduct_rules(db, bureau, "2025-12-31", &r, &n, &err), 0);
    assert_int_equal(by_code(r, n, "sbz02")->deduct_points, 100);
    free(r);
    assert_int_equal(store_conduct_rules(db, bureau, "2026-01-01", &r, &n, &err), 0);
    assert_int_equal(by_code(r, n, "sbz02")->deduct_points, 200);
    assert_int_equal(n, 10);
    free(r);
    /* an ended version takes no new version; a new one must start later */
    dj_err_clear(&err);
    assert_int_equal(conduct_rule_update(db, &cfg, &sys_actor, cur.id, &in, true, &out, &err), DJ_EINVAL);
    in = out;
    snprintf(in.valid_from, sizeof in.valid_from, "2025-06-01");
    dj_err_clear(&err);
    assert_int_equal(conduct_rule_update(db, &cfg, &sys_actor, out.id, &in, true, &out, &err), DJ_EINVAL);
    /* the checks of a rule */
    struct dj_conduct_rule bad;
    memset(&bad, 0, sizeof bad);
    snprintf(bad.code, sizeof bad.code, "sbz99");
    snprintf(bad.text, sizeof bad.text, "不准");
    snprintf(bad.severity, sizeof bad.severity, "很重");
    dj_err_clear(&err);
    assert_int_equal(conduct_rule_create(db, &cfg, &sys_actor, &bad, &err), DJ_EINVAL);
    assert_int_equal(err.nfields, 1);
    assert_string_equal(err.fields[0].name, "severity");
    snprintf(bad.severity, sizeof bad.severity, "一般");
    snprintf(bad.code, sizeof bad.code, "sbz01");
    dj_err_clear(&err);
    assert_int_equal(conduct_rule_create(db, &cfg, &sys_actor, &bad, &err), DJ_EINVAL); /* the code is taken */
    bad.deduct_points = 20000;
    snprintf(bad.code, sizeof bad.code, "sbz98");
    dj_err_clear(&err);
    assert_int_equal(conduct_rule_create(db, &cfg, &sys_actor, &bad, &err), DJ_EINVAL); /* more than 100 points */
}

static int64_t finding(int64_t inspection, int64_t rule, const char *day, const char *state)
{
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_finding f;
    memset(&f, 0, sizeof f);
    f.bureau_id = bureau;
    f.inspection_id = inspection;
    f.rule_id = rule;
    f.org_id = bureau;
    f.unit = true;
    snprintf(f.found_on, sizeof f.found_on, "%s", day);
    snprintf(f.description, sizeof f.description, "测试");
    snprintf(f.state, sizeof f.state, "%s", state);
    assert_int_equal(store_finding_insert(db, &f, 0, &err), 0);
    return f.id;
}

static void violation_facts(void **state)
{
    (void)state;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_conduct_rule *r = NULL;
    int n = 0;
    assert_int_equal(store_conduct_rules(db, bureau, "2025-11-01", &r, &n, &err), 0);
    int64_t light = by_code(r, n, "sbz01")->id, grave = by_code(r, n, "sbz07")->id;
    free(r);
    struct dj_inspection in;
    memset(&in, 0, sizeof in);
    in.bureau_id = bureau;
    in.org_id = bureau;
    snprintf(in.kind, sizeof in.kind, "daily");
    snprintf(in.held_on, sizeof in.held_on, "2025-11-01");
    snprintf(in.inspectors, sizeof in.inspectors, "纪检组");
    assert_int_equal(db_begin_write(db, &err), 0);
    assert_int_equal(store_inspection_insert(db, &in, 0, &err), 0);
    int64_t a = finding(in.id, light, "2025-11-01", "confirmed");
    int64_t b = finding(in.id, grave, "2025-12-31", "confirmed");
    finding(in.id, grave, "2025-11-02", "open");      /* not decided: does not count */
    finding(in.id, grave, "2025-11-03", "dismissed"); /* dismissed: does not count */
    finding(in.id, light, "2026-01-01", "confirmed"); /* outside the quarter */
    assert_int_equal(db_commit(db, &err), 0);
    struct dj_violation *v = NULL;
    int nv = 0;
    assert_int_equal(store_violations(db, bureau, "2025-10-01", "2025-12-31", false, &v, &nv, &err), 0);
    assert_int_equal(nv, 2);
    assert_int_equal(v[0].finding_id, a);
    assert_int_equal(v[0].branch_id, bureau);
    assert_int_equal(v[0].deduct_points, 100);
    assert_false(v[0].veto);
    assert_int_equal(v[1].finding_id, b);
    assert_true(v[1].veto);
    assert_string_equal(v[1].severity, "严重");
    free(v);
    /* per person: these name the unit only */
    assert_int_equal(store_violations(db, bureau, "2025-10-01", "2025-12-31", true, &v, &nv, &err), 0);
    assert_int_equal(nv, 0);
    free(v);
}

static void violation_sources(void **state)
{
    (void)state;
    for (const char *const *s = (const char *const[]){"violation_points", "violations", "violation_vetoes", NULL}; *s; s++) {
        assert_true(index_source_valid(*s, "member"));
        assert_true(index_source_valid(*s, "branch"));
        assert_false(index_source_valid(*s, "department"));
        assert_true(index_source_is_violation(*s));
    }
    assert_false(index_source_is_violation("study_hours"));
    assert_false(index_source_is_violation(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_bureau_has_ten_rules),
        cmocka_unit_test(versions_by_date),
        cmocka_unit_test(violation_facts),
        cmocka_unit_test(violation_sources),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
