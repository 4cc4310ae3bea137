#include "core/compliance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/applicants.h"
#include "core/audit.h"
#include "core/inspections.h"
#include "core/bureaus.h"
#include "core/people.h"
#include "core/tasks.h"
#include "store/orgs.h"
#include "util/date.h"
#include "util/text.h"

json_t *rule_json(const struct dj_meeting_rule *r)
{
    return json_pack("{s:I, s:o, s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:b}", "id", (json_int_t)r->id,
                     "bureau_id", r->bureau_id ? json_integer(r->bureau_id) : json_null(), "kind_id",
                     (json_int_t)r->kind_id, "kind_name", r->kind_name, "org_type", r->org_type,
                     "frequency", r->frequency, "times", r->times, "source", r->source,
                     "effective_from", r->effective_from, "active", r->active);
}

/* The rules in force: a bureau's rule replaces the default of its kind and type. */
static int rules_in_force(struct dj_db *db, int64_t bureau, struct dj_meeting_rule **out, int *n,
                          struct dj_err *err)
{
    struct dj_meeting_rule *all;
    int count, rc = store_meeting_rules(db, bureau, &all, &count, err);
    if (rc)
        return rc;
    int k = 0;
    for (int i = 0; i < count; i++) {
        bool replaced = false;
        /* an active bureau rule for the same kind and type replaces the default */
        if (!all[i].bureau_id)
            for (int j = 0; j < count; j++)
                replaced |= all[j].bureau_id && all[j].active && all[j].kind_id == all[i].kind_id &&
                            !strcmp(all[j].org_type, all[i].org_type);
        if (!replaced)
            all[k++] = all[i];
    }
    *out = all;
    *n = k;
    return 0;
}

static int64_t actor_bureau(const struct dj_actor *actor)
{
    return path_root_id(authz_scope(actor, PERM_ORGS_READ));
}

int compliance_rules(struct dj_db *db, const struct dj_actor *actor, json_t **items,
                     struct dj_err *err)
{
    int rc = authz_require(actor, PERM_ORGS_READ, NULL, err);
    if (rc)
        return rc;
    /* every rule, the replaced defaults too, each saying whether it is in force */
    struct dj_meeting_rule *all = NULL, *force = NULL;
    int nall = 0, nforce = 0;
    if ((rc = store_meeting_rules(db, actor_bureau(actor), &all, &nall, err)) ||
        (rc = rules_in_force(db, actor_bureau(actor), &force, &nforce, err))) {
        free(all);
        return rc;
    }
    *items = json_array();
    for (int i = 0; i < nall; i++) {
        bool in_force = false;
        for (int j = 0; j < nforce; j++)
            in_force |= force[j].id == all[i].id && all[i].active;
        json_t *j = rule_json(&all[i]);
        json_object_set_new(j, "in_force", json_boolean(in_force));
        json_array_append_new(*items, j);
    }
    free(all);
    free(force);
    return 0;
}

int compliance_rule_get(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_meeting_rule *r, struct dj_err *err)
{
    int rc = store_meeting_rule_get(db, id, r, err);
    if (rc)
        return rc;
    if (r->bureau_id && r->bureau_id != actor_bureau(actor) && !actor_is_system(actor))
        return dj_err_set(err, DJ_ENOTFOUND, "规则不存在");
    return authz_require(actor, PERM_ORGS_READ, NULL, err);
}

int compliance_rule_save(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         struct dj_meeting_rule *r, struct dj_err *err)
{
    int64_t bureau = actor_bureau(actor);
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)bureau);
    int rc = authz_require(actor, PERM_ORGS_MANAGE, bp, err);
    if (rc)
        return rc;
    struct dj_meeting_rule before;
    memset(&before, 0, sizeof before);
    if (r->id) {
        if ((rc = store_meeting_rule_get(db, r->id, &before, err)))
            return rc;
        /* another bureau's rule does not exist for the caller */
        if (before.bureau_id && before.bureau_id != bureau)
            return dj_err_set(err, DJ_ENOTFOUND, "规则不存在");
        if (!before.bureau_id)
            return dj_err_set(err, DJ_EFORBIDDEN,
                              "默认规则来自党内法规，不能修改：请为本单位新增同类规则以取代它");
        r->bureau_id = before.bureau_id;
        r->kind_id = before.kind_id;
        dj_copy(r->org_type, sizeof r->org_type, before.org_type);
    } else {
        r->bureau_id = bureau;
        struct dj_meeting_kind k;
        if ((rc = store_meeting_kind_get(db, r->kind_id, &k, err)))
            return rc == DJ_ENOTFOUND ? dj_err_field(err, "kind_id", "会议类型不存在") : rc;
        if (k.bureau_id && k.bureau_id != bureau)
            return dj_err_field(err, "kind_id", "会议类型不存在");
        if (strcmp(r->org_type, "党支部") && strcmp(r->org_type, "党小组"))
            return dj_err_field(err, "org_type", "组织类型应为 党支部 或 党小组");
        struct dj_meeting_rule *all;
        int n;
        if ((rc = store_meeting_rules(db, bureau, &all, &n, err)))
            return rc;
        bool dup = false;
        for (int i = 0; i < n; i++)
            dup |= all[i].bureau_id == bureau && all[i].kind_id == r->kind_id &&
                   !strcmp(all[i].org_type, r->org_type);
        free(all);
        if (dup)
            return dj_err_set(err, DJ_ECONFLICT, "本单位已有此类会议的规则，请修改它");
        if (!*r->effective_from)
            dj_date_today(cfg->timezone, r->effective_from);
    }
    if (strcmp(r->frequency, "month") && strcmp(r->frequency, "quarter") && strcmp(r->frequency, "year"))
        return dj_err_field(err, "frequency", "频次应为 month、quarter 或 year");
    if (r->times < 1 || r->times > 31)
        return dj_err_field(err, "times", "次数应为 1 到 31");
    if (!*r->source)
        dj_copy(r->source, sizeof r->source, "本单位规定");
    if (!dj_date_valid(r->effective_from))
        return dj_err_field(err, "effective_from", "应为日期 YYYY-MM-DD");
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *jb = r->id ? rule_json(&before) : NULL, *ja = NULL;
    if ((rc = store_meeting_rule_save(db, r, err)) || (rc = store_meeting_rule_get(db, r->id, r, err)))
        goto fail;
    ja = rule_json(r);
    if ((rc = audit_record(db, actor, jb ? "update" : "create", "meeting_rule", r->id, bureau, jb, ja,
                           err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(jb);
    json_decref(ja);
    return 0;
fail:
    db_rollback(db);
    json_decref(jb);
    json_decref(ja);
    return rc;
}

/* The windows of a frequency within [first, last]: months, quarters or the year. */
static int windows(const char *frequency, const struct dj_period *p, struct dj_period *out, int max)
{
    int n = 0;
    int y1 = atoi(p->first), m1 = atoi(p->first + 5), y2 = atoi(p->last), m2 = atoi(p->last + 5);
    for (int y = y1; y <= y2 && n < max; y++) {
        if (!strcmp(frequency, "year")) {
            char s[16];
            snprintf(s, sizeof s, "%04d", y % 10000);
            dj_period_parse(s, &out[n++]);
            continue;
        }
        for (int m = (y == y1 ? m1 : 1); m <= (y == y2 ? m2 : 12) && n < max; m++) {
            char s[32];
            if (!strcmp(frequency, "quarter")) {
                if ((m - 1) % 3 != 0 && !(y == y1 && m == m1))
                    continue;
                snprintf(s, sizeof s, "%04dQ%d", y % 10000, (m - 1) / 3 + 1);
            } else {
                snprintf(s, sizeof s, "%04d-%02d", y % 10000, m % 100);
            }
            dj_period_parse(s, &out[n++]);
        }
    }
    return n;
}

/* Counts the meetings of kind held by org in window. */
static void count_held(const struct dj_meeting_fact *f, int nf, int64_t org, int64_t kind,
                       const struct dj_period *w, int *held, int *late)
{
    *held = *late = 0;
    for (int i = 0; i < nf; i++)
        if (f[i].org_id == org && f[i].kind_id == kind && strcmp(f[i].held_on, w->first) >= 0 &&
            strcmp(f[i].held_on, w->last) <= 0) {
            (*held)++;
            *late += f[i].late;
        }
}

static const char *window_status(int held, int times, const struct dj_period *w, const char *today)
{
    if (held >= times)
        return "met";
    return strcmp(w->last, today) < 0 ? "missed" : "pending";
}

/* The months of ten years: the longest range a board answers. */
#define WINDOWS_MAX 120

/* The rows of one org for one rule over the period's windows. */
static json_t *rule_row(const struct dj_meeting_rule *r, int64_t org, const struct dj_period *p,
                        const struct dj_meeting_fact *f, int nf, const char *today, int *required,
                        int *met)
{
    struct dj_period w[WINDOWS_MAX];
    int nw = windows(r->frequency, p, w, WINDOWS_MAX);
    json_t *win = json_array();
    int held_total = 0, late_total = 0;
    for (int i = 0; i < nw; i++) {
        if (strcmp(w[i].last, r->effective_from) < 0)
            continue; /* the rule was not yet in force */
        int held, late;
        count_held(f, nf, org, r->kind_id, &w[i], &held, &late);
        const char *st = window_status(held, r->times, &w[i], today);
        held_total += held;
        late_total += late;
        (*required)++;
        *met += !strcmp(st, "met");
        json_array_append_new(win, json_pack("{s:s, s:s, s:i, s:i, s:s}", "from", w[i].first, "to",
                                             w[i].last, "held", held, "late", late, "status", st));
    }
    return json_pack("{s:I, s:s, s:s, s:i, s:i, s:i, s:o}", "rule_id", (json_int_t)r->id,
                     "kind_name", r->kind_name, "frequency", r->frequency, "times", r->times,
                     "held", held_total, "late", late_total, "windows", win);
}

/* Meetings of the whole years around the period: a quarterly or yearly
 * window reaches outside a month's or quarter's period. */
static int load_facts(struct dj_db *db, const char *scope, const struct dj_period *p,
                      struct dj_meeting_fact **facts, int *n, struct dj_err *err)
{
    char from[DJ_DATE_LEN], to[DJ_DATE_LEN];
    snprintf(from, sizeof from, "%.4s-01-01", p->first);
    snprintf(to, sizeof to, "%.4s-12-31", p->last);
    return store_meeting_facts(db, scope, from, to, facts, n, err);
}

static int org_by_id(const void *a, const void *b)
{
    int64_t x = ((const struct dj_org *)a)->id, y = ((const struct dj_org *)b)->id;
    return (x > y) - (x < y);
}

int compliance_board(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                     const char *period_text, json_t **out, struct dj_err *err)
{
    struct dj_period p;
    if (!period_text || !dj_period_parse(period_text, &p))
        return dj_err_field(err, "period", "期间应为 2026、2026Q3 或 2026-07");
    if (atoi(p.last) - atoi(p.first) >= WINDOWS_MAX / 12)
        return dj_err_field(err, "to", "期间最长十年");
    int rc = authz_require(actor, PERM_ORGS_READ, NULL, err);
    if (rc)
        return rc;
    const char *scope = actor_is_system(actor) ? "/" : authz_scope(actor, PERM_ORGS_READ);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    struct dj_org *orgs = NULL;
    struct dj_meeting_rule *rules = NULL;
    struct dj_meeting_fact *facts = NULL;
    int norgs = 0, nrules = 0, nfacts = 0;
    if ((rc = store_org_list(db, actor_is_system(actor) ? NULL : scope, &orgs, &norgs, err)) ||
        (rc = rules_in_force(db, path_root_id(scope), &rules, &nrules, err)) ||
        (rc = load_facts(db, scope, &p, &facts, &nfacts, err)))
        goto out;
    qsort(orgs, (size_t)norgs, sizeof *orgs, org_by_id); /* the board lists branches as created */
    json_t *branches = json_array();
    int all_required = 0, all_met = 0;
    for (int b = 0; b < norgs; b++) {
        if (strcmp(orgs[b].type, "党支部") != 0 || strcmp(orgs[b].status, "active") != 0)
            continue;
        json_t *rows = json_array();
        int required = 0, met = 0, expected = 0, present = 0;
        for (int r = 0; r < nrules; r++) {
            if (!rules[r].active || strcmp(rules[r].effective_from, p.last) > 0)
                continue;
            if (!strcmp(rules[r].org_type, "党支部")) {
                json_array_append_new(rows, rule_row(&rules[r], orgs[b].id, &p, facts, nfacts, today,
                                                     &required, &met));
            } else if (!strcmp(rules[r].org_type, "党小组")) {
                /* each group of the branch keeps the rule itself */
                for (int g = 0; g < norgs; g++) {
                    if (orgs[g].parent_id != orgs[b].id || strcmp(orgs[g].type, "党小组") ||
                        strcmp(orgs[g].status, "active"))
                        continue;
                    json_t *row = rule_row(&rules[r], orgs[g].id, &p, facts, nfacts, today,
                                           &required, &met);
                    json_object_set_new(row, "group", json_string(orgs[g].name));
                    json_array_append_new(rows, row);
                }
            }
        }
        for (int i = 0; i < nfacts; i++) {
            bool mine = facts[i].org_id == orgs[b].id;
            for (int g = 0; g < norgs && !mine; g++)
                mine = orgs[g].id == facts[i].org_id && orgs[g].parent_id == orgs[b].id;
            if (mine) {
                expected += facts[i].expected;
                present += facts[i].present;
            }
        }
        all_required += required;
        all_met += met;
        json_array_append_new(
            branches,
            json_pack("{s:I, s:s, s:i, s:i, s:i, s:i, s:o, s:o}", "org_id", (json_int_t)orgs[b].id,
                      "name", orgs[b].name, "required", required, "met", met, "expected_attendance",
                      expected, "present_attendance", present, "attendance_rate",
                      expected ? json_real((double)present / expected) : json_null(), "rules", rows));
    }
    *out = json_pack("{s:s, s:s, s:s, s:i, s:i, s:o}", "period", period_text, "from", p.first,
                     "to", p.last, "required", all_required, "met", all_met, "branches", branches);
out:
    free(orgs);
    free(rules);
    free(facts);
    return rc;
}

int compliance_warnings_within(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                               int warning_days, int term_warning_days, json_t *items, struct dj_err *err)
{
    char today[DJ_DATE_LEN], year[8];
    dj_date_today(cfg->timezone, today);
    snprintf(year, sizeof year, "%.4s", today);
    json_t *board;
    int rc = compliance_board(db, cfg, actor, year, &board, err);
    if (rc)
        return rc;
    int64_t now = dj_date_days(today);
    size_t i, j, k;
    json_t *b, *r, *w;
    json_array_foreach(json_object_get(board, "branches"), i, b) {
        json_array_foreach(json_object_get(b, "rules"), j, r) {
            json_array_foreach(json_object_get(r, "windows"), k, w) {
                const char *st = json_string_value(json_object_get(w, "status"));
                const char *from = json_string_value(json_object_get(w, "from"));
                const char *to = json_string_value(json_object_get(w, "to"));
                int64_t left = dj_date_days(to) - now;
                if (strcmp(st, "pending") || strcmp(from, today) > 0 || left > warning_days)
                    continue;
                const char *group = json_string_value(json_object_get(r, "group"));
                char msg[320];
                snprintf(msg, sizeof msg, "%s%s%s 的%s尚未召开：应在 %s 前召开 %lld 次，已召开 %lld 次",
                         json_string_value(json_object_get(b, "name")), group ? " " : "",
                         group ? group : "", json_string_value(json_object_get(r, "kind_name")), to,
                         (long long)json_integer_value(json_object_get(r, "times")),
                         (long long)json_integer_value(json_object_get(w, "held")));
                dj_utf8_trim_partial(msg);
                /* key: what the warnings engine dedupes on (the rule, the group, the window) */
                char key[128];
                snprintf(key, sizeof key, "meeting:%lld:%s:%s",
                         (long long)json_integer_value(json_object_get(r, "rule_id")), group ? group : "", to);
                dj_utf8_trim_partial(key);
                json_int_t org = json_integer_value(json_object_get(b, "org_id"));
                json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:s}", "code",
                                                       "meeting_due", "org_id", org, "due", to, "severity",
                                                       left <= 3 ? "high" : "normal", "message", msg,
                                                       "subject_type", "org", "subject_id", org, "key", key));
            }
        }
    }
    json_decref(board);
    /* committee terms ending or ended */
    struct dj_org *orgs;
    int n;
    const char *scope = actor_is_system(actor) ? NULL : authz_scope(actor, PERM_ORGS_READ);
    if ((rc = store_org_list(db, scope, &orgs, &n, err)))
        return rc;
    for (int o = 0; o < n; o++) {
        if (!*orgs[o].term_end || strcmp(orgs[o].status, "active"))
            continue;
        int64_t left = dj_date_days(orgs[o].term_end) - now;
        if (left > term_warning_days)
            continue;
        char msg[320];
        snprintf(msg, sizeof msg, left < 0 ? "%s 本届任期已于 %s 届满，应按期换届"
                                           : "%s 本届任期将于 %s 届满，请及早准备换届",
                 orgs[o].name, orgs[o].term_end);
        json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:I}", "code",
                                               left < 0 ? "term_expired" : "term_ending", "org_id",
                                               (json_int_t)orgs[o].id, "due", orgs[o].term_end,
                                               "severity", left < 30 ? "high" : "normal", "message",
                                               msg, "subject_type", "org", "subject_id",
                                               (json_int_t)orgs[o].id));
    }
    free(orgs);
    return 0;
}

int compliance_warnings(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                        json_t **items, struct dj_err *err)
{
    struct dj_bureau_rules rules;
    int rc = bureau_rules(db, cfg, actor->user.bureau_id, &rules, err);
    if (rc)
        return rc;
    *items = json_array();
    if ((rc = compliance_warnings_within(db, cfg, actor, rules.warning_days, rules.term_warning_days, *items,
                                         err)) ||
        /* tasks and rectifications falling due or overdue (core/tasks.c) */
        (rc = tasks_warnings(db, cfg, actor, rules.warning_days, *items, err)) ||
        /* findings confirmed lately, findings waiting for the 纪检 lead (core/inspections.c) */
        (rc = inspections_warnings(db, cfg, actor, rules.warning_days, *items, err)) ||
        /* 发展党员: talk, quarterly review, 预备期 ending, 转正 due (core/applicant_warnings.c) */
        (rc = applicants_warnings(db, cfg, actor, rules.warning_days, *items, err))) {
        json_decref(*items);
        return rc;
    }
    /* the fields the warnings engine (core/warnings_sources.c) reads are not part of this answer */
    size_t i;
    json_t *w;
    json_array_foreach(*items, i, w) {
        json_object_del(w, "subject_type");
        json_object_del(w, "subject_id");
        json_object_del(w, "person_id");
        json_object_del(w, "key");
    }
    return 0;
}
