#include "core/inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/conduct.h"
#include "core/meetings.h"
#include "core/people.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "store/departments.h"
#include "store/people.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/text.h"

/* What the actor sees: the whole bureau, a branch subtree, and their own. */
struct scope {
    int64_t bureau;
    bool all;
    const char *branch_path; /* meetings.write: a secretary's branch */
    int64_t person;
};

static int scope_of(const struct dj_actor *actor, struct scope *s, struct dj_err *err)
{
    memset(s, 0, sizeof *s);
    s->bureau = actor->user.bureau_id;
    if (!s->bureau)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    char root[32];
    snprintf(root, sizeof root, "/%lld/", (long long)s->bureau);
    s->all = conduct_may_oversee(actor, root);
    const char *w = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!s->all && w && authz_in_bureau(actor, w))
        s->branch_path = w;
    s->person = actor->person_id;
    if (!s->all && !s->branch_path && !s->person)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看检查记录");
    return 0;
}

static bool under(const char *path, const char *scope)
{
    return scope && path && strncmp(path, scope, strlen(scope)) == 0;
}

/* May the actor record checks held by the organisation at path? */
static bool may_record(const struct dj_actor *actor, const char *path)
{
    return conduct_may_oversee(actor, path) || authz_allows(actor, PERM_MEETINGS_WRITE, path);
}

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

json_t *inspection_json(const struct dj_inspection *r)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:i, s:i, s:s, s:s}", "id",
                     (json_int_t)r->id, "org_id", (json_int_t)r->org_id, "org_name", r->org_name, "kind",
                     r->kind, "held_on", r->held_on, "place", r->place, "department_id", opt_id(r->department_id),
                     "department_name", r->department_name, "inspectors", r->inspectors, "note", r->note,
                     "findings", r->findings, "confirmed", r->confirmed, "created_at", r->created_at,
                     "updated_at", r->updated_at);
}

int inspections_list(struct dj_db *db, const struct dj_actor *actor, struct dj_inspection_filter *f,
                     json_t **items, int64_t *total, struct dj_err *err)
{
    struct scope s;
    int rc = scope_of(actor, &s, err);
    if (rc)
        return rc;
    if (!s.all && !s.branch_path)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看检查记录");
    f->bureau_id = s.bureau;
    f->org_path = s.all ? NULL : s.branch_path;
    struct dj_inspection *r = NULL;
    int n = 0;
    if ((rc = store_inspections_list(db, f, &r, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, inspection_json(&r[i]));
    free(r);
    return 0;
}

/* ---- findings as JSON ---- */

static json_t *finding_json(const struct dj_finding *f, const struct dj_finding_person *p, int np)
{
    json_t *people = json_array();
    char names[512] = "";
    for (int i = 0; i < np; i++) {
        json_array_append_new(people, json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)p[i].person_id,
                                                "name", p[i].name, "staff_no", p[i].staff_no));
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", i ? "、" : "", p[i].name);
    }
    dj_utf8_trim_partial(names);
    json_t *j = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:f, s:b, s:b, s:o, s:s, s:o, s:s, s:s, s:s}",
                          "id", (json_int_t)f->id, "inspection_id", (json_int_t)f->inspection_id, "rule_id",
                          (json_int_t)f->rule_id, "rule_set", f->rule_set, "rule_code", f->rule_code,
                          "rule_text", f->rule_text, "severity", f->severity, "deduct_points",
                          (double)f->deduct_points / 100.0, "veto", f->veto, "unit", f->unit, "org_id",
                          opt_id(f->org_id), "org_name", f->org_name, "department_id", opt_id(f->department_id),
                          "department_name", f->department_name, "inspection_kind", f->inspection_kind, "place",
                          f->place);
    if (!j) {
        json_decref(people);
        return NULL;
    }
    json_object_set_new(j, "found_on", json_string(f->found_on));
    json_object_set_new(j, "description", json_string(f->description));
    json_object_set_new(j, "explanation", json_string(f->explanation));
    json_object_set_new(j, "explained_at", *f->explained_at ? json_string(f->explained_at) : json_null());
    json_object_set_new(j, "state", json_string(f->state));
    json_object_set_new(j, "decided_at", *f->decided_at ? json_string(f->decided_at) : json_null());
    json_object_set_new(j, "decision_note", json_string(f->decision_note));
    json_object_set_new(j, "people", people);
    json_object_set_new(j, "people_names", json_string(names));
    json_object_set_new(j, "created_at", json_string(f->created_at));
    return j;
}

/* The finding with its people (and files when asked). */
static int finding_full(struct dj_db *db, const struct dj_finding *f, bool files, json_t **out,
                        struct dj_err *err)
{
    struct dj_finding_person *p = NULL;
    int np = 0;
    int rc = store_finding_people(db, f->id, &p, &np, err);
    if (rc)
        return rc;
    *out = finding_json(f, p, np);
    free(p);
    if (!*out)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (files) {
        struct dj_file *fl = NULL;
        int nf = 0;
        if ((rc = store_file_list(db, "finding", f->id, &fl, &nf, err))) {
            json_decref(*out);
            *out = NULL;
            return rc;
        }
        json_t *list = json_array();
        for (int i = 0; i < nf; i++)
            json_array_append_new(list, file_json(&fl[i]));
        free(fl);
        json_object_set_new(*out, "files", list);
    }
    return 0;
}

static bool names_person(struct dj_db *db, int64_t finding_id, int64_t person)
{
    if (!person)
        return false;
    struct dj_finding_person *p = NULL;
    int np = 0;
    struct dj_err e;
    dj_err_clear(&e);
    bool found = false;
    if (store_finding_people(db, finding_id, &p, &np, &e) == 0)
        for (int i = 0; i < np; i++)
            found |= p[i].person_id == person;
    free(p);
    return found;
}

/* The finding when the actor may read it; another bureau's is missing. */
static int load_readable(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_finding *f,
                         struct dj_err *err)
{
    struct scope s;
    int rc = store_finding_get(db, id, f, err);
    if (rc)
        return rc;
    if (f->bureau_id != actor->user.bureau_id && !actor_is_system(actor))
        return dj_err_set(err, DJ_ENOTFOUND, "问题记录不存在");
    if ((rc = scope_of(actor, &s, err)))
        return rc;
    if (s.all || under(f->org_path, s.branch_path) || names_person(db, id, s.person))
        return 0;
    return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此问题记录");
}

int inspection_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                   struct dj_err *err)
{
    struct dj_inspection r;
    struct scope s;
    int rc = store_inspection_get(db, id, &r, err);
    if (!rc && authz_foreign(actor, r.org_path))
        rc = dj_err_set(err, DJ_ENOTFOUND, "检查记录不存在");
    if (rc || (rc = scope_of(actor, &s, err)))
        return rc;
    if (!s.all && !under(r.org_path, s.branch_path))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此检查记录");
    struct dj_finding_filter f = {.bureau_id = r.bureau_id, .inspection_id = id, .limit = 1000};
    struct dj_finding *fs = NULL;
    int n = 0;
    int64_t total = 0;
    if ((rc = store_findings_list(db, &f, &fs, &n, &total, err)))
        return rc;
    json_t *list = json_array();
    for (int i = 0; i < n && !rc; i++) {
        json_t *j = NULL;
        if (!(rc = finding_full(db, &fs[i], false, &j, err)))
            json_array_append_new(list, j);
    }
    free(fs);
    if (rc) {
        json_decref(list);
        return rc;
    }
    *out = inspection_json(&r);
    json_object_set_new(*out, "items", list);
    return 0;
}

int inspection_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      struct dj_inspection *r, struct dj_err *err)
{
    r->bureau_id = actor->user.bureau_id;
    if (!r->bureau_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    if (!r->org_id)
        r->org_id = r->bureau_id;
    struct dj_org o;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (store_org_get(db, r->org_id, &o, &lookup) || authz_foreign(actor, o.path))
        return dj_err_field(err, "org_id", "组织不存在");
    if (!may_record(actor, o.path))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限为此组织记录检查");
    if (r->department_id) {
        struct dj_department d;
        if (store_department_get(db, r->department_id, &d, &lookup) || d.bureau_id != r->bureau_id)
            dj_err_field(err, "department_id", "科室不存在");
    }
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (strcmp(r->kind, "daily") && strcmp(r->kind, "spot"))
        dj_err_field(err, "kind", "检查类型应为 daily（日常巡查）或 spot（专项抽查）");
    if (!dj_date_valid(r->held_on))
        dj_err_field(err, "held_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(r->held_on, today) > 0)
        dj_err_field(err, "held_on", "检查日期不能晚于今天");
    if (dj_utf8_length(r->place) > 60)
        dj_err_field(err, "place", "地点最长 60 个字");
    if (dj_utf8_length(r->inspectors) == 0 || dj_utf8_length(r->inspectors) > 60)
        dj_err_field(err, "inspectors", "请填写检查人（1 至 60 个字）");
    if (dj_utf8_length(r->note) > 250)
        dj_err_field(err, "note", "说明最长 250 个字");
    if (err && err->code)
        return err->code;
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    json_t *after = NULL;
    if ((rc = store_inspection_insert(db, r, actor->user.id, err)) ||
        (rc = store_inspection_get(db, r->id, r, err)) || !(after = inspection_json(r)) ||
        (rc = audit_record(db, actor, "create", "inspection", r->id, r->org_id, NULL, after, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        if (!rc)
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    json_decref(after);
    return rc;
}

/* ---- findings ---- */

/* The branch a person belonged to on day (membership periods), with its
 * path; the current branch when no period covers the day. */
static int branch_on(struct dj_db *db, const struct dj_person *p, const char *day, int64_t *id, char *path,
                     size_t size, struct dj_err *err)
{
    struct dj_membership *m = NULL;
    int n = 0;
    int rc = store_membership_history(db, p->id, &m, &n, err);
    if (rc)
        return rc;
    *id = p->branch_id;
    dj_copy(path, size, p->branch_path);
    for (int i = 0; i < n; i++)
        if (strcmp(m[i].start_on, day) <= 0 && (!*m[i].end_on || strcmp(m[i].end_on, day) >= 0))
            *id = m[i].org_id;
    free(m);
    if (*id && *id != p->branch_id) {
        struct dj_org o;
        if ((rc = store_org_get(db, *id, &o, err)))
            return rc;
        dj_copy(path, size, o.path);
    }
    return 0;
}

static int audit_finding(struct dj_db *db, const struct dj_actor *actor, const char *action,
                         const struct dj_finding *f, const json_t *before, json_t **after, struct dj_err *err)
{
    int rc = finding_full(db, f, false, after, err);
    if (rc)
        return rc;
    return audit_record(db, actor, action, "finding", f->id, f->org_id ? f->org_id : f->bureau_id, before,
                        *after, err);
}

int finding_create(struct dj_db *db, const struct dj_actor *actor, int64_t inspection_id,
                   const struct finding_input *in, json_t **out, struct dj_err *err)
{
    struct dj_inspection insp;
    int rc = store_inspection_get(db, inspection_id, &insp, err);
    if (!rc && authz_foreign(actor, insp.org_path))
        rc = dj_err_set(err, DJ_ENOTFOUND, "检查记录不存在");
    if (rc)
        return rc;
    if (!may_record(actor, insp.org_path))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限为此检查记录问题");
    struct dj_finding f;
    memset(&f, 0, sizeof f);
    f.bureau_id = insp.bureau_id;
    f.inspection_id = insp.id;
    f.department_id = insp.department_id;
    dj_copy(f.found_on, sizeof f.found_on, insp.held_on);
    dj_copy(f.state, sizeof f.state, "open");
    struct dj_err lookup;
    dj_err_clear(&lookup);
    struct dj_conduct_rule rule;
    if (!in->rule_id || store_conduct_rule_get(db, in->rule_id, &rule, &lookup) || rule.bureau_id != f.bureau_id)
        dj_err_field(err, "rule_id", "条款不存在");
    else if (strcmp(rule.valid_from, insp.held_on) > 0 || (*rule.valid_to && strcmp(rule.valid_to, insp.held_on) < 0))
        dj_err_field(err, "rule_id", "此条款在检查日（%s）不在执行期内", insp.held_on);
    f.rule_id = in->rule_id;
    size_t dl = in->description ? dj_utf8_length(in->description) : 0;
    if (dl == 0 || dl > 250)
        dj_err_field(err, "description", "请填写问题描述（1 至 250 个字）");
    else
        dj_copy(f.description, sizeof f.description, in->description);
    if ((in->npeople > 0) == (in->unit_org_id > 0))
        dj_err_field(err, "person_ids", "请指明相关人员，或所属支部（unit_org_id），二者选一");
    if (in->npeople > 20)
        dj_err_field(err, "person_ids", "一条问题最多记 20 人");
    for (int i = 0; i < in->npeople && i < 20; i++) {
        struct dj_person p;
        dj_err_clear(&lookup);
        bool dup = false;
        for (int k = 0; k < i; k++)
            dup |= in->person_ids[k] == in->person_ids[i];
        if (dup || store_person_get(db, in->person_ids[i], &p, &lookup) || p.bureau_id != f.bureau_id) {
            dj_err_field(err, "person_ids", dup ? "人员重复" : "人员不存在");
            continue;
        }
        /* the branch answerable is the one they were in on the day; a
         * branch's own check names its own members only */
        int64_t branch = 0;
        char bpath[160] = "";
        if ((rc = branch_on(db, &p, insp.held_on, &branch, bpath, sizeof bpath, err)))
            return rc;
        if (!authz_path_is_root(insp.org_path) && !under(bpath, insp.org_path))
            dj_err_field(err, "person_ids", "%s 不是本支部党员", p.name);
        if (i == 0) {
            f.org_id = branch;
            if (!f.department_id)
                f.department_id = p.department_id;
        }
    }
    if (in->unit_org_id) {
        struct dj_org o;
        dj_err_clear(&lookup);
        if (store_org_get(db, in->unit_org_id, &o, &lookup) || authz_path_bureau(o.path) != f.bureau_id ||
            authz_path_is_root(o.path))
            dj_err_field(err, "unit_org_id", "支部不存在");
        else if (!under(o.path, insp.org_path))
            dj_err_field(err, "unit_org_id", "只能记本组织所属的支部");
        f.unit = true;
        f.org_id = in->unit_org_id;
    }
    if (err && err->code)
        return err->code;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_finding_insert(db, &f, actor->user.id, err)))
        goto fail;
    for (int i = 0; i < in->npeople; i++)
        if ((rc = store_finding_people_add(db, f.id, in->person_ids[i], err)))
            goto fail;
    if ((rc = store_finding_get(db, f.id, &f, err)) || (rc = audit_finding(db, actor, "create", &f, NULL, &after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    *out = after;
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}

int findings_list(struct dj_db *db, const struct dj_actor *actor, struct dj_finding_filter *f, bool mine,
                  json_t **items, int64_t *total, struct dj_err *err)
{
    struct scope s;
    int rc = scope_of(actor, &s, err);
    if (rc)
        return rc;
    f->bureau_id = s.bureau;
    if (mine) {
        if (!s.person)
            return dj_err_set(err, DJ_EFORBIDDEN, "您的账号没有关联人员");
        f->person_id = s.person;
    } else if (!s.all) {
        /* a secretary: the branch's findings and their own; a member: their own */
        f->org_path = s.branch_path;
        f->person_scope = s.person;
    }
    struct dj_finding *r = NULL;
    int n = 0;
    if ((rc = store_findings_list(db, f, &r, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n && !rc; i++) {
        json_t *j = NULL;
        if (!(rc = finding_full(db, &r[i], false, &j, err)))
            json_array_append_new(*items, j);
    }
    free(r);
    if (rc) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

int finding_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_finding f;
    int rc = load_readable(db, actor, id, &f, err);
    return rc ? rc : finding_full(db, &f, true, out, err);
}

int finding_explain(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *explanation,
                    json_t **out, struct dj_err *err)
{
    struct dj_finding f;
    int rc = load_readable(db, actor, id, &f, err);
    if (rc)
        return rc;
    struct dj_inspection insp;
    if ((rc = store_inspection_get(db, f.inspection_id, &insp, err)))
        return rc;
    if (!names_person(db, id, actor->person_id) && !may_record(actor, insp.org_path))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有被记录的人员或检查记录人可以填写说明");
    if (strcmp(f.state, "open"))
        return dj_err_set(err, DJ_ECONFLICT, "问题已认定或撤销，不能再修改说明");
    size_t n = explanation ? dj_utf8_length(explanation) : 0;
    if (n == 0 || n > 250)
        return dj_err_field(err, "explanation", "请填写情况说明（1 至 250 个字）");
    json_t *before = NULL, *after = NULL;
    if ((rc = finding_full(db, &f, false, &before, err)))
        return rc;
    dj_copy(f.explanation, sizeof f.explanation, explanation);
    dj_now_rfc3339(f.explained_at);
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = store_finding_update(db, &f, err)) || (rc = audit_finding(db, actor, "update", &f, before, &after, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        goto out;
    }
    *out = after;
    after = NULL;
out:
    json_decref(before);
    json_decref(after);
    return rc;
}

int finding_decide(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *state,
                   const char *note, json_t **out, struct dj_err *err)
{
    struct dj_finding f;
    int rc = load_readable(db, actor, id, &f, err);
    if (rc)
        return rc;
    if (!conduct_is_lead(actor, f.bureau_id))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有纪检负责人可以认定或撤销问题");
    if (!state || (strcmp(state, "confirmed") && strcmp(state, "dismissed")))
        return dj_err_field(err, "state", "应为 confirmed（认定）或 dismissed（撤销）");
    if (note && dj_utf8_length(note) > 120)
        return dj_err_field(err, "note", "认定意见最长 120 个字");
    if (strcmp(f.state, "open"))
        return dj_err_set(err, DJ_ECONFLICT, "此问题已处理（%s）", !strcmp(f.state, "confirmed") ? "已认定" : "已撤销");
    json_t *before = NULL, *after = NULL;
    if ((rc = finding_full(db, &f, false, &before, err)))
        return rc;
    dj_copy(f.state, sizeof f.state, state);
    dj_copy(f.decision_note, sizeof f.decision_note, note ? note : "");
    f.decided_by = actor->user.id;
    dj_now_rfc3339(f.decided_at);
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = store_finding_update(db, &f, err)) ||
        (rc = audit_finding(db, actor, !strcmp(state, "confirmed") ? "confirm" : "dismiss", &f, before, &after, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        goto out;
    }
    *out = after;
    after = NULL;
out:
    json_decref(before);
    json_decref(after);
    return rc;
}

/* ---- bulletin and counts ---- */

/* Adds one to the counter named key of the row of list whose id_key is id. */
static void tally(json_t *list, const char *id_key, int64_t id, const char *name, const char *key, int add)
{
    size_t i;
    json_t *row;
    json_array_foreach(list, i, row) {
        if (json_integer_value(json_object_get(row, id_key)) == id) {
            json_object_set_new(row, key, json_integer(json_integer_value(json_object_get(row, key)) + add));
            return;
        }
    }
    row = json_pack("{s:I, s:s, s:i, s:i}", id_key, (json_int_t)id, "name", name, "findings", 0, "people", 0);
    json_object_set_new(row, key, json_integer(add));
    json_array_append_new(list, row);
}

int findings_bulletin(struct dj_db *db, const struct dj_actor *actor, const char *month, json_t **out,
                      json_t **items, struct dj_err *err)
{
    struct dj_period p;
    if (!month || strlen(month) != 7 || !dj_period_parse(month, &p))
        return dj_err_field(err, "month", "月份应写作 2026-07");
    struct dj_finding_filter f = {.state = "confirmed", .from = p.first, .to = p.last, .limit = 100000};
    int64_t total = 0;
    int rc = findings_list(db, actor, &f, false, items, &total, err);
    if (rc)
        return rc;
    json_t *branches = json_array(), *departments = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(*items, i, row) {
        int np = (int)json_array_size(json_object_get(row, "people"));
        int64_t org = json_integer_value(json_object_get(row, "org_id"));
        int64_t dept = json_integer_value(json_object_get(row, "department_id"));
        const char *on = json_string_value(json_object_get(row, "org_name"));
        const char *dn = json_string_value(json_object_get(row, "department_name"));
        tally(branches, "org_id", org, org ? on : "（未属支部）", "findings", 1);
        tally(branches, "org_id", org, on, "people", np);
        tally(departments, "department_id", dept, dept ? dn : "（未属科室）", "findings", 1);
        tally(departments, "department_id", dept, dn, "people", np);
    }
    *out = json_pack("{s:s, s:s, s:s, s:I, s:o, s:o}", "month", month, "from", p.first, "to", p.last, "total",
                     (json_int_t)total, "by_branch", branches, "by_department", departments);
    return 0;
}

int inspections_statistics(struct dj_db *db, const struct dj_actor *actor, const char *year, json_t **out,
                           struct dj_err *err)
{
    struct dj_period p;
    if (!year || strlen(year) != 4 || !dj_period_parse(year, &p))
        return dj_err_field(err, "year", "年份应写作 2026");
    struct dj_inspection_filter fi = {.from = p.first, .to = p.last, .limit = 100000};
    json_t *insp = NULL, *finds = NULL;
    int64_t ni = 0, nf = 0;
    int rc = inspections_list(db, actor, &fi, &insp, &ni, err);
    struct dj_finding_filter ff = {.from = p.first, .to = p.last, .limit = 100000};
    if (rc || (rc = findings_list(db, actor, &ff, false, &finds, &nf, err))) {
        json_decref(insp);
        return rc;
    }
    int counts[12][5] = {{0}}; /* inspections, findings, open, confirmed, dismissed */
    size_t i;
    json_t *row;
    json_array_foreach(insp, i, row) {
        int m = atoi(json_string_value(json_object_get(row, "held_on")) + 5);
        if (m >= 1 && m <= 12)
            counts[m - 1][0]++;
    }
    json_array_foreach(finds, i, row) {
        int m = atoi(json_string_value(json_object_get(row, "found_on")) + 5);
        const char *st = json_string_value(json_object_get(row, "state"));
        if (m < 1 || m > 12)
            continue;
        counts[m - 1][1]++;
        counts[m - 1][!strcmp(st, "open") ? 2 : !strcmp(st, "confirmed") ? 3 : 4]++;
    }
    json_decref(insp);
    json_decref(finds);
    json_t *months = json_array();
    int sum[5] = {0};
    for (int m = 0; m < 12; m++) {
        char name[24];
        snprintf(name, sizeof name, "%.4s-%02d", year, (m + 1) % 100);
        json_array_append_new(months, json_pack("{s:s, s:i, s:i, s:i, s:i, s:i}", "month", name, "inspections",
                                                counts[m][0], "findings", counts[m][1], "open", counts[m][2],
                                                "confirmed", counts[m][3], "dismissed", counts[m][4]));
        for (int k = 0; k < 5; k++)
            sum[k] += counts[m][k];
    }
    *out = json_pack("{s:s, s:o, s:{s:i, s:i, s:i, s:i, s:i}}", "year", year, "months", months, "total",
                     "inspections", sum[0], "findings", sum[1], "open", sum[2], "confirmed", sum[3], "dismissed",
                     sum[4]);
    return 0;
}

/* ---- evidence ---- */

int finding_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t id, int64_t *bureau_id,
                        int64_t *org_id, struct dj_err *err)
{
    struct dj_finding f;
    struct dj_inspection insp;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (store_finding_get(db, id, &f, &lookup) || store_inspection_get(db, f.inspection_id, &insp, &lookup) ||
        authz_foreign(actor, insp.org_path))
        return dj_err_field(err, "object_id", "问题记录不存在");
    /* the recorder's evidence, or the person's own with their explanation */
    if (!may_record(actor, insp.org_path) && !names_person(db, id, actor->person_id))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限为此问题上传材料");
    *bureau_id = f.bureau_id;
    *org_id = f.org_id ? f.org_id : f.bureau_id;
    return 0;
}

int finding_file_readable(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_err *err)
{
    struct dj_finding f;
    return load_readable(db, actor, id, &f, err);
}

/* One warning row, the shape of GET /warnings (core/compliance). */
static int finding_warning(json_t *items, const char *code, const struct dj_finding *f, bool high,
                           const char *msg, int64_t person)
{
    /* subject_type, subject_id, person_id: read by the warnings engine (core/warnings_sources.c) */
    json_t *w = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "code", code, "org_id",
                          (json_int_t)f->org_id, "due", f->found_on, "severity", high ? "high" : "normal",
                          "message", msg, "subject_type", "finding", "subject_id", (json_int_t)f->id,
                          "person_id", (json_int_t)person);
    return w && !json_array_append_new(items, w) ? 0 : DJ_ENOMEM;
}

int inspections_warnings(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         int warning_days, json_t *items, struct dj_err *err)
{
    struct scope s;
    struct dj_err quiet;
    dj_err_clear(&quiet);
    if (scope_of(actor, &s, &quiet))
        return 0; /* no bureau or no view of findings: nothing to warn of */
    char today[DJ_DATE_LEN], since[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    dj_date_add_days(today, -warning_days, since);
    bool lead = conduct_is_lead(actor, s.bureau);
    struct dj_finding_filter f = {.bureau_id = s.bureau, .limit = 200};
    if (!s.all) {
        f.org_path = s.branch_path;
        f.person_scope = s.person;
    }
    struct dj_finding *r = NULL;
    int n = 0;
    int64_t total;
    int rc = store_findings_list(db, &f, &r, &n, &total, err);
    for (int i = 0; i < n && !rc; i++) {
        char msg[2048], who[256] = "";
        struct dj_finding_person *p = NULL;
        int np = 0;
        if ((rc = store_finding_people(db, r[i].id, &p, &np, err)))
            break;
        for (int k = 0; k < np; k++) {
            size_t used = strlen(who);
            snprintf(who + used, sizeof who - used, "%s%s", k ? "、" : "", p[k].name);
        }
        int64_t first_person = np ? p[0].person_id : 0;
        free(p);
        dj_utf8_trim_partial(who);
        const char *subject = *who ? who : r[i].org_name;
        /* 日提醒: a finding confirmed in the last days reaches the person and the secretary */
        if (!strcmp(r[i].state, "confirmed") && strncmp(r[i].decided_at, since, 10) >= 0) {
            snprintf(msg, sizeof msg, "%s %s检查发现：%s 违反“%s”，已于 %.10s 认定，请及时说明并整改", r[i].found_on,
                     r[i].place, subject, r[i].rule_text, r[i].decided_at);
            dj_utf8_trim_partial(msg);
            rc = finding_warning(items, "finding_confirmed", &r[i], r[i].veto, msg, first_person);
        } else if (!strcmp(r[i].state, "open") && lead) {
            /* a finding waiting for the 纪检 lead */
            snprintf(msg, sizeof msg, "%s 检查发现的问题（%s：“%s”）待认定或撤销", r[i].found_on, subject,
                     r[i].rule_text);
            dj_utf8_trim_partial(msg);
            rc = finding_warning(items, "finding_pending", &r[i], false, msg, first_person);
        }
        if (rc == DJ_ENOMEM)
            dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    free(r);
    return rc;
}
