#include "core/warnings_sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/applicants.h"
#include "core/bureaus.h"
#include "core/compliance.h"
#include "core/dues_report.h"
#include "core/inspections.h"
#include "core/orgs.h"
#include "core/people.h"
#include "core/talk_rules.h"
#include "core/talks.h"
#include "core/warning_rules.h"
#include "core/tasks.h"
#include "store/departments.h"
#include "store/indexes.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/talks.h"
#include "util/date.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

void warn_set_free(struct warn_set *s)
{
    free(s->items);
    memset(s, 0, sizeof *s);
}

static struct dj_warning *warn_add(struct warn_set *s, const char *code, const char *object_type,
                                   int64_t object_id, int64_t org_id, int64_t person_id, const char *due,
                                   bool high, const char *message, const char *link)
{
    if (s->count == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        struct dj_warning *n = realloc(s->items, (size_t)cap * sizeof *n);
        if (!n)
            return NULL;
        s->items = n;
        s->cap = cap;
    }
    struct dj_warning *w = &s->items[s->count++];
    memset(w, 0, sizeof *w);
    COPY(w->code, code);
    COPY(w->object_type, object_type);
    w->object_id = object_id;
    snprintf(w->subject_key, sizeof w->subject_key, "%s:%lld", object_type, (long long)object_id);
    w->org_id = org_id;
    w->person_id = person_id;
    COPY(w->due_on, due ? due : "");
    COPY(w->severity, high ? "high" : "normal");
    COPY(w->message, message);
    dj_utf8_trim_partial(w->message);
    COPY(w->link, link ? link : "");
    return w;
}


void warnings_engine_actor(int64_t bureau_id, struct dj_actor *a)
{
    memset(a, 0, sizeof *a);
    COPY(a->user.username, "warnings");
    COPY(a->user.display_name, "预警");
    a->user.bureau_id = bureau_id;
    static const char *const roles[] = {"party_admin", "discipline"};
    for (int i = 0; i < 2; i++) {
        struct dj_role_grant *g = &a->user.roles[a->user.nroles++];
        COPY(g->role, roles[i]);
        g->org_id = bureau_id;
        snprintf(g->org_path, sizeof g->org_path, "/%lld/", (long long)bureau_id);
    }
}

static const struct dj_warning_rule *rule_of(const struct dj_warning_rule *rules, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(rules[i].code, code))
            return rules[i].enabled ? &rules[i] : NULL;
    return NULL;
}

/* The last id of an organisation path "/1/4/9/", 0 for none. */
static int64_t path_last_id(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    if (n < 3)
        return 0;
    const char *p = path + n - 2;
    while (p > path && *p != '/')
        p--;
    return strtoll(p + 1, NULL, 10);
}

static const char *link_for(const char *type, int64_t id, char *buf, size_t size)
{
    if (!strcmp(type, "org"))
        snprintf(buf, size, "/orgs/%lld", (long long)id);
    else if (!strcmp(type, "person"))
        snprintf(buf, size, "/people/%lld", (long long)id);
    else if (!strcmp(type, "task"))
        snprintf(buf, size, "/tasks/%lld", (long long)id);
    else if (!strcmp(type, "rectification"))
        snprintf(buf, size, "/rectifications");
    else if (!strcmp(type, "finding"))
        snprintf(buf, size, "/inspections");
    else if (!strcmp(type, "department"))
        snprintf(buf, size, "/orgs");
    else if (!strcmp(type, "applicant"))
        snprintf(buf, size, "/applicants");
    else
        buf[0] = '\0';
    return buf;
}

/* The items of the modules' own warning lists (compliance, tasks, inspections),
 * each a rule of its code. */
static int from_items(json_t *items, const struct dj_warning_rule *rules, int nrules, int64_t bureau,
                      struct warn_set *set, struct dj_err *err)
{
    size_t i;
    json_t *x;
    json_array_foreach(items, i, x) {
        const char *code = json_string_value(json_object_get(x, "code"));
        if (!code || !rule_of(rules, nrules, code))
            continue;
        const char *type = json_string_value(json_object_get(x, "subject_type"));
        int64_t id = json_integer_value(json_object_get(x, "subject_id"));
        int64_t org = json_integer_value(json_object_get(x, "org_id"));
        char link[160];
        struct dj_warning *w = warn_add(set, code, type ? type : "org", type ? id : org, org ? org : bureau,
                                        json_integer_value(json_object_get(x, "person_id")),
                                        json_string_value(json_object_get(x, "due")),
                                        !strcmp(json_string_value(json_object_get(x, "severity")), "high"),
                                        json_string_value(json_object_get(x, "message")),
                                        link_for(type ? type : "org", type ? id : org, link, sizeof link));
        if (!w)
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        const char *key = json_string_value(json_object_get(x, "key"));
        if (key)
            COPY(w->subject_key, key);
    }
    return 0;
}

/* A branch's size and secretary (core/orgs computes them for the branch's page). */
static int branch_rules(struct dj_db *db, const struct dj_config *cfg, int64_t bureau,
                        const struct dj_bureau_rules *br, const struct dj_warning_rule *rules, int nrules,
                        struct warn_set *set, struct dj_err *err)
{
    const struct dj_warning_rule *none = rule_of(rules, nrules, "branch_no_secretary"),
                                 *small = rule_of(rules, nrules, "branch_too_small"),
                                 *big = rule_of(rules, nrules, "branch_too_big");
    if (!none && !small && !big)
        return 0;
    char root[32], today[DJ_DATE_LEN], link[160], msg[400];
    snprintf(root, sizeof root, "/%lld/", (long long)bureau);
    dj_date_today(cfg->timezone, today);
    struct dj_org *orgs = NULL;
    int n = 0, rc = store_org_list(db, root, &orgs, &n, err);
    for (int i = 0; i < n && !rc; i++) {
        if (strcmp(orgs[i].type, "党支部") || strcmp(orgs[i].status, "active"))
            continue;
        json_t *d = json_object();
        if (!d || (rc = org_details_json(db, cfg, &orgs[i], d, err))) {
            json_decref(d);
            rc = rc ? rc : dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        }
        int64_t full = json_integer_value(json_object_get(d, "full_members"));
        int64_t all = full + json_integer_value(json_object_get(d, "probationary_members"));
        bool secretary = true;
        size_t k;
        json_t *w;
        json_array_foreach(json_object_get(d, "warnings"), k, w)
            secretary &= strcmp(json_string_value(json_object_get(w, "code")), "no_secretary") != 0;
        json_decref(d);
        link_for("org", orgs[i].id, link, sizeof link);
        if (none && !secretary) {
            snprintf(msg, sizeof msg, "%s 未设支部书记", orgs[i].name);
            if (!warn_add(set, "branch_no_secretary", "org", orgs[i].id, orgs[i].id, 0, today, false, msg, link))
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        }
        int min = small ? warning_rule_threshold(small, br->branch_min_members) : 0;
        if (small && full < min) {
            snprintf(msg, sizeof msg, "%s 正式党员 %lld 人，不足 %d 人", orgs[i].name, (long long)full, min);
            if (!warn_add(set, "branch_too_small", "org", orgs[i].id, orgs[i].id, 0, today, false, msg, link))
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        }
        int max = big ? warning_rule_threshold(big, br->branch_max_members) : 0;
        if (big && all > max) {
            snprintf(msg, sizeof msg, "%s 党员 %lld 人，超过 %d 人", orgs[i].name, (long long)all, max);
            if (!warn_add(set, "branch_too_big", "org", orgs[i].id, orgs[i].id, 0, today, false, msg, link))
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        }
    }
    free(orgs);
    return rc;
}

/* Members whose last attendance (or first meeting missed) lies N months back (store/talks' facts). */
static int member_no_life(struct dj_db *db, const char *today, int64_t bureau, const struct dj_warning_rule *r,
                          struct warn_set *set, struct dj_err *err)
{
    struct dj_talk_trigger *a = NULL;
    int n = 0, rc = store_talk_absence_facts(db, bureau, &a, &n, err);
    int months = warning_rule_threshold(r, 3);
    for (int i = 0; i < n && !rc; i++) {
        const char *since = *a[i].on ? a[i].on : a[i].first_missed;
        if (!*since)
            continue;
        char trigger[DJ_DATE_LEN], msg[400], link[160];
        talk_add_months(since, months, trigger);
        if (strcmp(trigger, today) > 0)
            continue;
        if (*a[i].on)
            snprintf(msg, sizeof msg, "%s（%s）已 %d 个月以上未参加组织生活：最后一次参加 %s", a[i].name,
                     a[i].branch_name, months, a[i].on);
        else
            snprintf(msg, sizeof msg, "%s（%s）已 %d 个月以上未参加组织生活：自 %s 起从未参加", a[i].name,
                     a[i].branch_name, months, a[i].first_missed);
        int64_t org = path_last_id(a[i].branch_path);
        if (!warn_add(set, "member_no_life", "person", a[i].person_id, org ? org : bureau, a[i].person_id, trigger,
                      false, msg, link_for("person", a[i].person_id, link, sizeof link)))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    free(a);
    return rc;
}

/* Members with N or more consecutive months unpaid (core/dues_report). */
static int dues_unpaid(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       const char *today, int64_t bureau, const struct dj_warning_rule *r, struct warn_set *set,
                       struct dj_err *err)
{
    json_t *items = NULL;
    int rc = dues_members(db, cfg, actor, 0, NULL, &items, err);
    if (rc)
        return rc;
    int months = warning_rule_threshold(r, 3);
    size_t i;
    json_t *m;
    json_array_foreach(items, i, m) {
        int64_t unpaid = json_integer_value(json_object_get(m, "consecutive_unpaid"));
        if (unpaid < months || months <= 0)
            continue;
        int64_t person = json_integer_value(json_object_get(m, "person_id"));
        int64_t org = json_integer_value(json_object_get(m, "branch_id"));
        char msg[400], link[160];
        snprintf(msg, sizeof msg, "%s（%s）已连续 %lld 个月未交党费，欠交 %.2f 元",
                 json_string_value(json_object_get(m, "name")),
                 json_string_value(json_object_get(m, "branch_name")), (long long)unpaid,
                 (double)json_integer_value(json_object_get(m, "arrears_fen")) / 100.0);
        if (!warn_add(set, "dues_unpaid", "person", person, org ? org : bureau, person, today, unpaid >= 6, msg,
                      link_for("person", person, link, sizeof link))) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        }
    }
    json_decref(items);
    return rc;
}

/* 五必谈 talks due within N days or overdue (core/talks). */
static int talk_due(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    const char *today, int64_t bureau, const struct dj_warning_rule *r, struct warn_set *set,
                    struct dj_err *err)
{
    json_t *items = NULL;
    int rc = talks_due(db, cfg, actor, NULL, &items, err);
    if (rc)
        return rc;
    int days = warning_rule_threshold(r, 7);
    int64_t now = dj_date_days(today);
    size_t i;
    json_t *t;
    json_array_foreach(items, i, t) {
        const char *due = json_string_value(json_object_get(t, "due_on"));
        int64_t left = dj_date_days(due) - now;
        if (left > days)
            continue;
        int64_t person = json_integer_value(json_object_get(t, "person_id"));
        struct dj_person p;
        struct dj_err quiet;
        dj_err_clear(&quiet);
        int64_t org = store_person_get(db, person, &p, &quiet) == 0 && p.branch_id ? p.branch_id : bureau;
        char msg[700], link[160];
        snprintf(msg, sizeof msg, left < 0 ? "应与 %s 谈心谈话（%s），已于 %s 逾期" : "应与 %s 谈心谈话（%s），期限 %s",
                 json_string_value(json_object_get(t, "name")), json_string_value(json_object_get(t, "detail")),
                 due);
        /* one warning per person and trigger */
        struct dj_warning *w = warn_add(set, "talk_due", "person", person, org, person, due, left < 0, msg,
                                        link_for("person", person, link, sizeof link));
        if (!w) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        }
        snprintf(w->subject_key, sizeof w->subject_key, "talk:%lld:%s:%s", (long long)person,
                 json_string_value(json_object_get(t, "trigger")),
                 json_string_value(json_object_get(t, "trigger_on")));
    }
    json_decref(items);
    return rc;
}

/* Departments linked to no branch today. */
static int department_unlinked(struct dj_db *db, const char *today, int64_t bureau, struct warn_set *set,
                               struct dj_err *err)
{
    char root[32];
    snprintf(root, sizeof root, "/%lld/", (long long)bureau);
    struct dj_department *d = NULL;
    int n = 0, rc = store_department_list(db, root, &d, &n, err);
    for (int i = 0; i < n && !rc; i++) {
        if (d[i].branch_id || strcmp(d[i].status, "active"))
            continue;
        char msg[300], link[160];
        snprintf(msg, sizeof msg, "科室“%s”未关联任何党支部", d[i].name);
        if (!warn_add(set, "department_unlinked", "department", d[i].id, bureau, 0, today, false, msg,
                      link_for("department", d[i].id, link, sizeof link)))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    free(d);
    return rc;
}

static int by_period(const void *a, const void *b)
{
    const struct dj_evaluation *x = a, *y = b;
    int c = strcmp(x->scheme_name, y->scheme_name);
    return c ? c : strcmp(x->period, y->period);
}

/* Totals falling by more than N points from the family's previous final
 * quarter to its last (branches and members). */
static int score_drop(struct dj_db *db, const char *today, int64_t bureau, const struct dj_warning_rule *r,
                      struct warn_set *set, struct dj_err *err)
{
    struct dj_evaluation *e = NULL;
    int n = 0, rc = store_evaluation_list(db, bureau, &e, &n, err);
    if (rc)
        return rc;
    int k = 0; /* the final quarterly evaluations of branches and members */
    for (int i = 0; i < n; i++)
        if (!strcmp(e[i].state, "final") && strchr(e[i].period, 'Q') &&
            (!strcmp(e[i].target, "branch") || !strcmp(e[i].target, "member")))
            e[k++] = e[i];
    if (k > 1)
        qsort(e, (size_t)k, sizeof *e, by_period);
    int64_t limit = (int64_t)warning_rule_threshold(r, 10) * 100; /* hundredths */
    for (int i = 1; i < k && !rc; i++) {
        const struct dj_evaluation *prev = &e[i - 1], *last = &e[i];
        if (strcmp(prev->scheme_name, last->scheme_name) || strcmp(prev->target, last->target) ||
            !strcmp(prev->period, last->period) || (i + 1 < k && !strcmp(e[i + 1].scheme_name, last->scheme_name)))
            continue; /* only the family's last two */
        struct dj_result *a = NULL, *b = NULL;
        struct dj_index_target *t = NULL;
        int na = 0, nb = 0, nt = 0;
        if ((rc = store_results_list(db, prev->id, &a, &na, err)) ||
            (rc = store_results_list(db, last->id, &b, &nb, err)) ||
            (rc = store_index_targets(db, bureau, last->target, last->first_day, last->last_day, &t, &nt, err))) {
            free(a);
            free(b);
            break;
        }
        bool member = !strcmp(last->target, "member");
        for (int x = 0; x < nb && !rc; x++)
            for (int y = 0; y < na; y++) {
                if (a[y].target_id != b[x].target_id || a[y].total - b[x].total <= limit)
                    continue;
                int64_t org = member ? 0 : b[x].target_id;
                for (int z = 0; member && z < nt; z++)
                    if (t[z].id == b[x].target_id)
                        org = path_last_id(t[z].path);
                char msg[600], link[160];
                snprintf(msg, sizeof msg, "%s 在“%s”中的得分由 %s 的 %.2f 降至 %s 的 %.2f，下降 %.2f 分", b[x].target_name,
                         last->scheme_name, prev->period, (double)a[y].total / 100.0, last->period,
                         (double)b[x].total / 100.0, (double)(a[y].total - b[x].total) / 100.0);
                struct dj_warning *w = warn_add(set, "score_drop", member ? "person" : "org", b[x].target_id,
                                                org ? org : bureau, member ? b[x].target_id : 0, today, false, msg,
                                                link_for("evaluation", 0, link, sizeof link));
                if (!w) {
                    rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
                    break;
                }
                snprintf(w->link, sizeof w->link, "/evaluations/%lld", (long long)last->id);
                snprintf(w->subject_key, sizeof w->subject_key, "score:%s:%lld:%s", last->target,
                         (long long)b[x].target_id, last->period);
                break;
            }
        free(a);
        free(b);
        free(t);
    }
    free(e);
    return rc;
}

int warnings_gather(struct dj_db *db, const struct dj_config *cfg, int64_t bureau_id,
                    const struct dj_warning_rule *rules, int nrules, struct warn_set *set, struct dj_err *err)
{
    struct dj_actor actor;
    warnings_engine_actor(bureau_id, &actor);
    struct dj_bureau_rules br;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int rc = bureau_rules(db, cfg, bureau_id, &br, err);
    if (rc)
        return rc;
    json_t *items = json_array();
    if (!items)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    const struct dj_warning_rule *r;
    /* the modules' own lists: meetings and terms, tasks and rectifications, findings */
    int meeting_days = (r = rule_of(rules, nrules, "meeting_due")) ? warning_rule_threshold(r, br.warning_days)
                                                                    : br.warning_days;
    int term_days = (r = rule_of(rules, nrules, "term_ending")) ? warning_rule_threshold(r, br.term_warning_days)
                                                                 : br.term_warning_days;
    int task_days = (r = rule_of(rules, nrules, "task_due")) ? warning_rule_threshold(r, br.warning_days)
                                                              : br.warning_days;
    int finding_days = (r = rule_of(rules, nrules, "finding_confirmed"))
                           ? warning_rule_threshold(r, br.warning_days)
                           : br.warning_days;
    if ((rc = compliance_warnings_within(db, cfg, &actor, meeting_days, term_days, items, err)) ||
        (rc = tasks_warnings(db, cfg, &actor, task_days, items, err)) ||
        (rc = inspections_warnings(db, cfg, &actor, finding_days, items, err)) ||
        (rc = from_items(items, rules, nrules, bureau_id, set, err)))
        goto out;
    if ((rc = branch_rules(db, cfg, bureau_id, &br, rules, nrules, set, err)))
        goto out;
    if ((r = rule_of(rules, nrules, "member_no_life")) && (rc = member_no_life(db, today, bureau_id, r, set, err)))
        goto out;
    if ((r = rule_of(rules, nrules, "dues_unpaid")) &&
        (rc = dues_unpaid(db, cfg, &actor, today, bureau_id, r, set, err)))
        goto out;
    if ((r = rule_of(rules, nrules, "talk_due")) && (rc = talk_due(db, cfg, &actor, today, bureau_id, r, set, err)))
        goto out;
    if (rule_of(rules, nrules, "department_unlinked") && (rc = department_unlinked(db, today, bureau_id, set, err)))
        goto out;
    if ((r = rule_of(rules, nrules, "score_drop")) && (rc = score_drop(db, today, bureau_id, r, set, err)))
        goto out;
    /* the 预备期 of the 发展党员 pipeline (core/applicant_warnings): ending within the
     * threshold, or ended without 转正 (full_membership_due) — both this rule */
    if ((r = rule_of(rules, nrules, WARNING_RULE_PROBATION))) {
        json_t *pro = json_array();
        if (!pro) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            goto out;
        }
        size_t i;
        json_t *x;
        if (!(rc = applicants_warnings(db, cfg, &actor, warning_rule_threshold(r, 30), pro, err))) {
            json_array_foreach(pro, i, x) {
                const char *code = json_string_value(json_object_get(x, "code"));
                if (code && !strcmp(code, "full_membership_due"))
                    json_object_set_new(x, "code", json_string(WARNING_RULE_PROBATION));
            }
            rc = from_items(pro, rules, nrules, bureau_id, set, err);
        }
        json_decref(pro);
    }
out:
    json_decref(items);
    return rc;
}
