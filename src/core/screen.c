#include "core/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/compliance.h"
#include "core/index_views.h"
#include "core/lectures.h"
#include "core/volunteering.h"
#include "store/indexes.h"
#include "store/orgs.h"
#include "store/screen.h"
#include "util/date.h"
#include "util/text.h"

static const char *const panel_names[] = {"membership", "honours", "compliance",
                                          "lectures",   "service", "branches"};
#define NPANELS (sizeof panel_names / sizeof panel_names[0])

bool screen_panel_valid(const char *name)
{
    for (size_t i = 0; i < NPANELS; i++)
        if (name && !strcmp(panel_names[i], name))
            return true;
    return false;
}

/* True when the comma-separated list names panel. */
static bool listed(const char *list, const char *panel)
{
    size_t n = strlen(panel);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !strncmp(p, panel, n))
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

static json_t *panels_json(const char *list)
{
    json_t *a = json_array();
    for (size_t i = 0; i < NPANELS; i++)
        if (listed(list, panel_names[i]))
            json_array_append_new(a, json_string(panel_names[i]));
    return a;
}

static json_t *settings_json(const struct dj_screen_settings *s)
{
    json_t *all = json_array();
    for (size_t i = 0; i < NPANELS; i++)
        json_array_append_new(all, json_string(panel_names[i]));
    return json_pack("{s:o, s:o, s:s, s:o}", "panels", panels_json(s->panels), "available", all,
                     "title", s->title, "updated_at",
                     s->stored ? json_string(s->updated_at) : json_null());
}

static void root_path(int64_t bureau_id, char out[32])
{
    snprintf(out, 32, "/%lld/", (long long)bureau_id);
}

int screen_settings_get(struct dj_db *db, const struct dj_actor *actor, json_t **out,
                        struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    char bp[32];
    root_path(bureau, bp);
    if (!bureau || !authz_allows(actor, PERM_ORGS_READ, NULL))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看大屏设置");
    struct dj_screen_settings s;
    int rc = store_screen_settings_get(db, bureau, &s, err);
    if (rc)
        return rc;
    *out = settings_json(&s);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int screen_settings_put(struct dj_db *db, const struct dj_actor *actor, json_t *panels,
                        const char *title, json_t **out, struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    char bp[32];
    root_path(bureau, bp);
    if (!bureau || !authz_allows(actor, PERM_ORGS_MANAGE, bp))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有本单位的党务或系统管理员可以设置大屏");
    struct dj_screen_settings s, before;
    int rc = store_screen_settings_get(db, bureau, &s, err);
    if (rc)
        return rc;
    before = s;
    if (panels) {
        char list[sizeof s.panels] = "";
        size_t i;
        json_t *v;
        if (!json_is_array(panels))
            return dj_err_field(err, "panels", "应为面板名称的数组");
        json_array_foreach(panels, i, v) {
            const char *name = json_string_value(v);
            if (!screen_panel_valid(name))
                return dj_err_field(err, "panels", "未知的面板：%s（可用：" SCREEN_PANELS "）",
                                    name ? name : "?");
            if (listed(list, name))
                return dj_err_field(err, "panels", "面板重复：%s", name);
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", used ? "," : "", name);
        }
        dj_copy(s.panels, sizeof s.panels, list);
    }
    if (title) {
        if (strlen(title) >= sizeof s.title || !dj_utf8_valid(title, strlen(title)))
            return dj_err_field(err, "title", "标题过长");
        dj_copy(s.title, sizeof s.title, title);
    }
    json_t *b = settings_json(&before), *a = settings_json(&s);
    if (!b || !a) {
        json_decref(b);
        json_decref(a);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    if (!(rc = db_begin_write(db, err))) {
        if ((rc = store_screen_settings_put(db, &s, err)) ||
            (rc = audit_record(db, actor, "update", "screen_settings", bureau, bureau, b, a, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(b);
    json_decref(a);
    if (rc)
        return rc;
    *out = settings_json(&s);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int screen_demo(struct dj_db *db, int64_t bureau_id, struct dj_err *err)
{
    struct dj_screen_settings s;
    memset(&s, 0, sizeof s);
    s.bureau_id = bureau_id;
    dj_copy(s.panels, sizeof s.panels, SCREEN_PANELS);
    struct dj_actor system;
    actor_system(&system);
    json_t *a = settings_json(&s);
    int rc = a ? db_begin_write(db, err) : dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!rc) {
        if ((rc = store_screen_settings_put(db, &s, err)) ||
            (rc = audit_record(db, &system, "update", "screen_settings", bureau_id, bureau_id, NULL, a,
                               err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(a);
    return rc;
}

/* A reader of the whole bureau (party_admin at its root), for the panels'
 * figures: what it reads is cut to counts and published names below. */
static void bureau_reader(int64_t bureau, struct dj_actor *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->user.username, sizeof r->user.username, "screen");
    r->user.bureau_id = bureau;
    r->user.nroles = 1;
    snprintf(r->user.roles[0].role, sizeof r->user.roles[0].role, "party_admin");
    r->user.roles[0].org_id = bureau;
    root_path(bureau, r->user.roles[0].org_path);
}

/* The tree of active organisations with their party members today, and
 * the membership totals. */
static int panel_orgs(struct dj_db *db, int64_t bureau, const char *today, json_t *out,
                      bool membership, bool branches, struct dj_err *err)
{
    char bp[32];
    root_path(bureau, bp);
    struct dj_org *orgs = NULL;
    struct dj_screen_count *counts = NULL;
    int norgs = 0, ncounts = 0;
    int rc = store_org_list(db, bp, &orgs, &norgs, err);
    if (!rc)
        rc = store_screen_members(db, bureau, today, &counts, &ncounts, err);
    if (rc) {
        free(orgs);
        return rc;
    }
    json_t *tree = json_array(), *by_branch = json_array();
    int64_t members = 0, probationary = 0, nbranches = 0, ngroups = 0;
    for (int c = 0; c < ncounts; c++) {
        members += counts[c].members;
        probationary += counts[c].probationary;
    }
    for (int i = 0; i < norgs; i++) {
        if (strcmp(orgs[i].status, "active"))
            continue;
        int64_t m = 0;
        for (int c = 0; c < ncounts; c++)
            if (counts[c].org_id == orgs[i].id)
                m = counts[c].members;
        int depth = -1;
        for (const char *p = orgs[i].path; *p; p++)
            depth += *p == '/';
        json_array_append_new(tree, json_pack("{s:I, s:o, s:s, s:s, s:i, s:I}", "id",
                                              (json_int_t)orgs[i].id, "parent_id",
                                              orgs[i].parent_id ? json_integer(orgs[i].parent_id)
                                                                : json_null(),
                                              "name", orgs[i].name, "type", orgs[i].type, "depth",
                                              depth - 1, "members", (json_int_t)m));
        if (!strcmp(orgs[i].type, "党支部")) {
            nbranches++;
            json_array_append_new(by_branch, json_pack("{s:s, s:I}", "name", orgs[i].name,
                                                       "members", (json_int_t)m));
        }
        ngroups += !strcmp(orgs[i].type, "党小组");
    }
    free(orgs);
    free(counts);
    if (membership)
        json_object_set_new(out, "membership",
                            json_pack("{s:I, s:I, s:I, s:I, s:o}", "members", (json_int_t)members,
                                      "probationary", (json_int_t)probationary, "branches",
                                      (json_int_t)nbranches, "groups", (json_int_t)ngroups,
                                      "by_branch", by_branch));
    else
        json_decref(by_branch);
    if (branches)
        json_object_set_new(out, "branches", tree);
    else
        json_decref(tree);
    return 0;
}

/* The latest published (公示 or final) evaluation of each kind of target,
 * with the names its notice posts. */
static int panel_honours(struct dj_db *db, const struct dj_actor *reader, int64_t bureau,
                         json_t *out, struct dj_err *err)
{
    struct dj_evaluation *ev = NULL;
    int n = 0;
    int rc = store_evaluation_list(db, bureau, &ev, &n, err);
    if (rc)
        return rc;
    static const char *const targets[] = {"member", "department", "branch"};
    json_t *items = json_array();
    for (size_t t = 0; t < sizeof targets / sizeof targets[0] && !rc; t++) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (strcmp(ev[i].target, targets[t]) ||
                (strcmp(ev[i].state, "notice") && strcmp(ev[i].state, "final")))
                continue;
            int c = best < 0 ? 1 : strcmp(ev[i].last_day, ev[best].last_day);
            if (c > 0 || (c == 0 && ev[i].id > ev[best].id))
                best = i;
        }
        if (best < 0)
            continue;
        json_t *notice = NULL;
        if ((rc = index_notice(db, reader, ev[best].id, &notice, err)))
            break;
        json_t *names = json_array(), *row;
        size_t i;
        json_array_foreach(json_object_get(notice, "selected"), i, row)
            json_array_append_new(names, json_pack("{s:O, s:O, s:O}", "name", json_object_get(row, "name"),
                                                   "unit", json_object_get(row, "unit"), "star",
                                                   json_object_get(row, "star")));
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:O, s:s, s:o}", "target", targets[t],
                                               "evaluation", ev[best].name, "period", ev[best].period,
                                               "award", json_object_get(notice, "award"), "state",
                                               ev[best].state, "selected", names));
        json_decref(notice);
    }
    free(ev);
    if (rc) {
        json_decref(items);
        return rc;
    }
    json_object_set_new(out, "honours", items);
    return 0;
}

/* Per branch and month of the year: the share of the rules' windows ending
 * that month, by today, that were met (null: none ended yet). */
static int panel_compliance(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *reader,
                            const char *year, const char *today, json_t *out, struct dj_err *err)
{
    json_t *board = NULL;
    int rc = compliance_board(db, cfg, reader, year, &board, err);
    if (rc)
        return rc;
    json_t *rows = json_array(), *b;
    size_t i;
    json_array_foreach(json_object_get(board, "branches"), i, b) {
        int met[12] = {0}, decided[12] = {0};
        size_t r, w;
        json_t *rule, *win;
        json_array_foreach(json_object_get(b, "rules"), r, rule) json_array_foreach(json_object_get(rule, "windows"), w, win)
        {
            const char *to = json_string_value(json_object_get(win, "to"));
            const char *st = json_string_value(json_object_get(win, "status"));
            int m = to ? atoi(to + 5) : 0;
            if (m < 1 || m > 12 || !st || !strcmp(st, "pending") || strcmp(to, today) > 0)
                continue;
            decided[m - 1]++;
            met[m - 1] += !strcmp(st, "met");
        }
        json_t *cells = json_array();
        for (int m = 0; m < 12; m++)
            json_array_append_new(cells, decided[m] ? json_real((double)met[m] / decided[m]) : json_null());
        json_array_append_new(rows, json_pack("{s:O, s:o, s:O}", "name", json_object_get(b, "name"),
                                              "months", cells, "attendance_rate",
                                              json_object_get(b, "attendance_rate")));
    }
    json_object_set_new(out, "compliance",
                        json_pack("{s:s, s:O, s:O, s:o}", "year", year, "required",
                                  json_object_get(board, "required"), "met", json_object_get(board, "met"),
                                  "branches", rows));
    json_decref(board);
    return 0;
}

static int panel_lectures(struct dj_db *db, const struct dj_actor *reader, const char *year,
                          const char *today, json_t *out, struct dj_err *err)
{
    char first[DJ_DATE_LEN];
    snprintf(first, sizeof first, "%.4s-01-01", year);
    json_t *y = NULL, *all = NULL;
    int rc = lectures_summary(db, reader, first, today, &y, err);
    if (!rc)
        rc = lectures_summary(db, reader, "2000-01-01", today, &all, err); /* 已举办N期 */
    if (rc) {
        json_decref(y);
        return rc;
    }
    json_t *months = json_array(), *m;
    size_t i;
    json_array_foreach(json_object_get(y, "by_month"), i, m)
        json_array_append_new(months, json_pack("{s:O, s:O, s:O}", "month", json_object_get(m, "month"),
                                                "sessions", json_object_get(m, "sessions"),
                                                "person_times", json_object_get(m, "person_times")));
    json_object_set_new(out, "lectures",
                        json_pack("{s:s, s:O, s:O, s:O, s:O, s:o}", "year", year, "sessions",
                                  json_object_get(y, "sessions"), "person_times",
                                  json_object_get(y, "person_times"), "total_sessions",
                                  json_object_get(all, "sessions"), "total_person_times",
                                  json_object_get(all, "person_times"), "by_month", months));
    json_decref(y);
    json_decref(all);
    return 0;
}

static int panel_service(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *reader,
                         const char *year, json_t *out, struct dj_err *err)
{
    json_t *s = NULL;
    int rc = service_statistics(db, cfg, reader, year, &s, err);
    if (rc)
        return rc;
    json_object_set_new(out, "service",
                        json_pack("{s:s, s:O, s:O, s:O, s:O, s:O}", "year", year, "hours",
                                  json_object_get(s, "hours"), "person_times", json_object_get(s, "person_times"),
                                  "activities", json_object_get(s, "activities"), "visits",
                                  json_object_get(s, "visits"), "masses", json_object_get(s, "masses")));
    json_decref(s);
    return 0;
}

int screen_data(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                json_t **out, struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    char bp[32];
    root_path(bureau, bp);
    if (!bureau || (!authz_has_role(actor, "kiosk", bp, 0) && !authz_allows(actor, PERM_ORGS_READ, NULL)))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看数据大屏");
    struct dj_screen_settings s;
    struct dj_org root;
    int rc = store_screen_settings_get(db, bureau, &s, err);
    if (!rc)
        rc = store_org_get(db, bureau, &root, err);
    if (rc)
        return rc;
    char today[DJ_DATE_LEN], year[8], quarter[8];
    dj_date_today(cfg->timezone, today);
    snprintf(year, sizeof year, "%.4s", today);
    snprintf(quarter, sizeof quarter, "%.4sQ%c", today, (char)('1' + (atoi(today + 5) - 1) / 3 % 4));
    struct dj_actor reader;
    bureau_reader(bureau, &reader);
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o}", "title", *s.title ? s.title : root.name, "bureau",
                          root.name, "today", today, "quarter", quarter, "panels", panels_json(s.panels));
    if (!j)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    bool mem = listed(s.panels, "membership"), tree = listed(s.panels, "branches");
    if (mem || tree)
        rc = panel_orgs(db, bureau, today, j, mem, tree, err);
    if (!rc && listed(s.panels, "honours"))
        rc = panel_honours(db, &reader, bureau, j, err);
    if (!rc && listed(s.panels, "compliance"))
        rc = panel_compliance(db, cfg, &reader, year, today, j, err);
    if (!rc && listed(s.panels, "lectures"))
        rc = panel_lectures(db, &reader, year, today, j, err);
    if (!rc && listed(s.panels, "service"))
        rc = panel_service(db, cfg, &reader, year, j, err);
    if (rc) {
        json_decref(j);
        return rc;
    }
    *out = j;
    return 0;
}
