#include "testutil.h"

#include <string.h>

#include "core/warning_rules.h"

/* An actor of bureau 1 with the given grants ("role@/1/4/", ...) and person. */
static void actor_with(struct dj_actor *a, int64_t person, const char *const *grants, int n)
{
    memset(a, 0, sizeof *a);
    a->user.id = 9;
    snprintf(a->user.username, sizeof a->user.username, "probe");
    a->user.bureau_id = 1;
    a->person_id = person;
    for (int i = 0; i < n; i++) {
        struct dj_role_grant *g = &a->user.roles[a->user.nroles++];
        const char *at = strchr(grants[i], '@');
        snprintf(g->role, sizeof g->role, "%.*s", (int)(at - grants[i]), grants[i]);
        snprintf(g->org_path, sizeof g->org_path, "%s", at + 1);
    }
}

static void recipients_are_roles_and_owner(void **state)
{
    (void)state;
    assert_true(warning_recipients_valid("party_admin"));
    assert_true(warning_recipients_valid("party_admin,branch_secretary,owner"));
    assert_false(warning_recipients_valid(""));
    assert_false(warning_recipients_valid(NULL));
    assert_false(warning_recipients_valid("owner,nobody"));
    assert_false(warning_recipients_valid("owner,owner")); /* a role named twice */
    assert_false(warning_recipients_valid("party_admin,"));
    assert_false(warning_recipients_valid(",party_admin"));
    assert_false(warning_recipients_valid("party_admin,,owner"));
}

static void who_receives_a_warning(void **state)
{
    (void)state;
    struct dj_actor secretary, admin, member, foreign;
    const char *const s[] = {"branch_secretary@/1/4/"}, *const p[] = {"party_admin@/1/"},
                      *const m[] = {"member@/1/4/"}, *const f[] = {"party_admin@/2/"};
    actor_with(&secretary, 0, s, 1);
    actor_with(&admin, 0, p, 1);
    actor_with(&member, 77, m, 1);
    actor_with(&foreign, 0, f, 1);
    foreign.user.bureau_id = 2;
    const char *rcpt = "party_admin,branch_secretary,owner";
    /* a branch secretary: their branch's, not another branch's */
    assert_true(warning_visible(&secretary, rcpt, "/1/4/", 0));
    assert_true(warning_visible(&secretary, rcpt, "/1/4/9/", 0));
    assert_false(warning_visible(&secretary, rcpt, "/1/5/", 0));
    assert_false(warning_visible(&secretary, "party_admin", "/1/4/", 0));
    /* the party administrator at the root: every branch's */
    assert_true(warning_visible(&admin, rcpt, "/1/5/", 0));
    /* a member: only their own, and only when the rule names the owner */
    assert_true(warning_visible(&member, rcpt, "/1/4/", 77));
    assert_false(warning_visible(&member, rcpt, "/1/4/", 78));
    assert_false(warning_visible(&member, "party_admin,branch_secretary", "/1/4/", 77));
    /* another bureau's never */
    assert_false(warning_visible(&foreign, rcpt, "/1/4/", 0));
    /* a disabled account nothing */
    admin.user.disabled = true;
    assert_false(warning_visible(&admin, rcpt, "/1/4/", 0));
    /* dismissing: by a role the rule names; the owner only acknowledges */
    assert_true(warning_may_dismiss(&secretary, rcpt, "/1/4/"));
    assert_false(warning_may_dismiss(&member, rcpt, "/1/4/"));
}

static void thresholds_and_defaults(void **state)
{
    (void)state;
    int n;
    const struct dj_warning_rule *d = warning_rule_defaults(&n);
    assert_true(n >= 15);
    bool probation = false;
    for (int i = 0; i < n; i++) {
        assert_true(warning_recipients_valid(d[i].recipients));
        assert_true(!strcmp(d[i].severity, "normal") || !strcmp(d[i].severity, "high"));
        for (int j = 0; j < i; j++)
            assert_string_not_equal(d[i].code, d[j].code);
        if (!strcmp(d[i].code, WARNING_RULE_PROBATION)) {
            probation = true;
            assert_true(d[i].enabled); /* in use with the 发展党员 pipeline */
        }
    }
    assert_true(probation);
    struct dj_warning_rule r = d[0];
    r.has_threshold = false;
    assert_int_equal(warning_rule_threshold(&r, 15), 15);
    r.has_threshold = true;
    r.threshold = 0;
    assert_int_equal(warning_rule_threshold(&r, 15), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(recipients_are_roles_and_owner),
        cmocka_unit_test(who_receives_a_warning),
        cmocka_unit_test(thresholds_and_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
