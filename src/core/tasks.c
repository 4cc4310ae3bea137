#include "core/tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/meetings.h"
#include "core/people.h"
#include "core/task_status.h"
#include "store/departments.h"
#include "store/ideas.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

#define MAX_MILESTONES 12

/* ---- reading a task's facts ---- */

static int parse_milestones(const char *text, struct task_milestone *ms, int max)
{
    json_t *a = json_loads(text, 0, NULL);
    int n = 0;
    size_t i;
    json_t *m;
    json_array_foreach(a, i, m) {
        const char *d = json_string_value(json_object_get(m, "due_on"));
        if (n < max && d && dj_date_valid(d)) {
            dj_copy(ms[n].due_on, sizeof ms[n].due_on, d);
            ms[n].percent = (int)json_integer_value(json_object_get(m, "percent"));
            n++;
        }
    }
    json_decref(a);
    return n;
}

static enum task_status status_of(const struct dj_task *t, const char *today)
{
    struct task_milestone ms[MAX_MILESTONES];
    int n = parse_milestones(t->milestones, ms, MAX_MILESTONES);
    struct task_facts f = {t->start_on, t->due_on, t->done_on, t->percent, ms, n};
    return task_status_of(&f, today);
}

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *task_json(const struct dj_task *t, const char *today)
{
    enum task_status s = status_of(t, today);
    json_t *ms = json_loads(t->milestones, 0, NULL);
    if (!json_is_array(ms)) {
        json_decref(ms);
        ms = json_array();
    }
    json_t *j = json_pack("{s:I, s:I, s:s, s:i, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:s, s:s,"
                          " s:i, s:o, s:b, s:i, s:o, s:o, s:s, s:s, s:i, s:s, s:s}",
                          "id", (json_int_t)t->id, "org_id", (json_int_t)t->org_id, "org_name",
                          t->org_name, "year", t->year, "title", t->title, "description",
                          t->description, "line", t->line, "kind", t->kind, "owner_person_id",
                          opt_id(t->owner_person_id), "owner_name", t->owner_name,
                          "owner_department_id", opt_id(t->owner_department_id),
                          "owner_department_name", t->owner_department_name, "start_on",
                          t->start_on, "due_on", t->due_on, "weight", t->weight, "milestones", ms,
                          "public", t->public, "percent", t->percent, "done_on",
                          opt_text(t->done_on), "last_reported_on", opt_text(t->last_reported_on),
                          "status", task_status_code(s), "status_label", task_status_label(s),
                          "elapsed", task_elapsed_percent(t->start_on, t->due_on, today),
                          "created_at", t->created_at, "updated_at", t->updated_at);
    return j;
}

/* ---- who may do what ---- */

static bool may_write(const struct dj_actor *a, const struct dj_task *t)
{
    return authz_allows(a, PERM_MEETINGS_WRITE, t->org_path);
}

static bool is_owner(const struct dj_actor *a, const struct dj_task *t)
{
    if (a->person_id && a->person_id == t->owner_person_id)
        return true;
    return t->owner_department_id &&
           authz_has_role(a, "dept_head", NULL, t->owner_department_id);
}

static bool may_see(const struct dj_actor *a, const struct dj_task *t)
{
    return t->public || may_write(a, t) || is_owner(a, t);
}

/* The task if the actor may see it; another bureau's or a hidden one is missing. */
static int task_visible(struct dj_db *db, const struct dj_actor *a, int64_t id, struct dj_task *t,
                        struct dj_err *err)
{
    int rc = store_task_get(db, id, t, err);
    if (rc)
        return rc;
    if (authz_foreign(a, t->org_path) || !may_see(a, t) ||
        (!actor_is_system(a) && a->user.bureau_id != t->bureau_id))
        return dj_err_set(err, DJ_ENOTFOUND, "任务不存在");
    return 0;
}

static int actor_bureau(const struct dj_actor *a, int64_t *bureau, struct dj_err *err)
{
    *bureau = a->user.bureau_id;
    if (*bureau <= 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "任务清单属于一个单位：请用单位的账号查看");
    return 0;
}

/* ---- lists ---- */

/* each element carries the sort (qsort has no context argument) */
struct sorted {
    const struct dj_task *t;
    enum task_status s;
    int key; /* index in sorts[] */
    bool desc;
};

static const char *const sorts[] = {"due_on", "progress", "status", "weight", "title", "org"};

static int cmp_sorted(const void *pa, const void *pb)
{
    const struct sorted *a = pa, *b = pb;
    int c = 0;
    switch (a->key) {
    case 1: c = a->t->percent - b->t->percent; break;
    case 2: c = (int)a->s - (int)b->s; break;
    case 3: c = a->t->weight - b->t->weight; break;
    case 4: c = strcmp(a->t->title, b->t->title); break;
    case 5: c = strcmp(a->t->org_path, b->t->org_path); break;
    default: break;
    }
    if (!c)
        c = strcmp(a->t->due_on, b->t->due_on);
    if (a->desc)
        c = -c;
    if (!c)
        c = a->t->id < b->t->id ? -1 : a->t->id > b->t->id;
    return c;
}

static int status_from_code(const char *code)
{
    for (int s = TS_ON_TRACK; s <= TS_DONE_LATE; s++)
        if (!strcmp(task_status_code((enum task_status)s), code))
            return s;
    return -1;
}

int tasks_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
               const struct dj_task_query *q, json_t **items, int64_t *total, struct dj_err *err)
{
    const char *sort = q->sort && *q->sort ? q->sort : "due_on";
    int key = -1;
    for (int i = 0; i < (int)(sizeof sorts / sizeof sorts[0]); i++)
        if (!strcmp(sorts[i], sort))
            key = i;
    if (key < 0)
        return dj_err_field(err, "sort", "排序应为 due_on、progress、status、weight、title 或 org");
    int want = -1;
    if (q->status && *q->status && (want = status_from_code(q->status)) < 0)
        return dj_err_field(err, "status", "状态应为 on_track、at_risk、overdue、done 或 done_late");
    struct dj_task_filter f;
    memset(&f, 0, sizeof f);
    int rc = actor_bureau(actor, &f.bureau_id, err);
    if (rc)
        return rc;
    f.org_id = q->org_id;
    f.year = q->year;
    f.line = q->line;
    f.kind = q->kind;
    f.owner_person_id = q->owner_person_id;
    if (q->mine) {
        if (!actor->person_id)
            return dj_err_set(err, DJ_EINVAL, "您的账号未关联人员，没有自己的任务");
        f.owner_person_id = actor->person_id;
    }
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    f.see_all = scope && authz_path_is_root(scope);
    f.scope_path = scope;
    f.viewer_person_id = actor->person_id;
    struct dj_task *t = NULL;
    int n = 0;
    if ((rc = store_tasks_list(db, &f, &t, &n, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    struct sorted *s = calloc((size_t)n + 1, sizeof *s);
    if (!s) {
        free(t);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
        /* a dept_head's private department tasks: the SQL cannot tell grants */
        if (!t[i].public && !f.see_all && !may_see(actor, &t[i]))
            continue;
        enum task_status st = status_of(&t[i], today);
        if (want >= 0 && (int)st != want)
            continue;
        s[m] = (struct sorted){&t[i], st, key, q->desc};
        m++;
    }
    qsort(s, (size_t)m, sizeof *s, cmp_sorted);
    *total = m;
    *items = json_array();
    for (int i = q->offset; i < m && i - q->offset < q->limit; i++)
        json_array_append_new(*items, task_json(s[i].t, today));
    free(s);
    free(t);
    return 0;
}

/* ---- one task ---- */

static json_t *report_json(const struct dj_task_report *r)
{
    return json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "task_id",
                     (json_int_t)r->task_id, "percent", r->percent, "note", r->note,
                     "reported_on", r->reported_on, "reported_by", r->reporter_name,
                     "created_at", r->created_at);
}

int tasks_get_json(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_task t;
    int rc = task_visible(db, actor, id, &t, err);
    if (rc)
        return rc;
    struct dj_task_report *r = NULL;
    int n = 0;
    if ((rc = store_task_reports(db, id, &r, &n, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *j = task_json(&t, today);
    json_t *reports = json_array();
    for (int i = 0; i < n && !rc; i++) {
        json_t *rj = report_json(&r[i]);
        struct dj_file *files = NULL;
        int nf = 0;
        json_t *fj = json_array();
        if (!(rc = store_file_list(db, "task_report", r[i].id, &files, &nf, err)))
            for (int k = 0; k < nf; k++)
                json_array_append_new(fj, file_json(&files[k]));
        free(files);
        json_object_set_new(rj, "files", fj);
        json_array_append_new(reports, rj);
    }
    free(r);
    json_object_set_new(j, "reports", reports);
    json_object_set_new(j, "may_write", json_boolean(may_write(actor, &t)));
    json_object_set_new(j, "may_report", json_boolean(may_write(actor, &t) || is_owner(actor, &t)));
    int64_t sid = 0; /* the adopted suggestion it implements (core/suggestions) */
    char stitle[128];
    if (!rc && !(rc = store_suggestion_of_task(db, id, &sid, stitle, sizeof stitle, err)))
        json_object_set_new(j, "suggestion", sid ? json_pack("{s:I, s:s}", "id", (json_int_t)sid, "title", stitle)
                                                 : json_null());
    if (rc) {
        json_decref(j);
        return rc;
    }
    *out = j;
    return 0;
}

/* ---- writing ---- */

static void text_field(const json_t *body, const char *name, char *dst, size_t size,
                       size_t max_chars, bool required, struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v) {
        if (required && !*dst)
            dj_err_field(err, name, "必填");
        return;
    }
    const char *s = json_string_value(v);
    if (!s) {
        dj_err_field(err, name, "应为文字");
        return;
    }
    size_t n = dj_utf8_length(s);
    if (n > max_chars || strlen(s) >= size)
        dj_err_field(err, name, "太长（最多 %zu 个字）", max_chars);
    else if (required && n == 0)
        dj_err_field(err, name, "必填");
    else
        dj_copy(dst, size, s);
}

static void int_field(const json_t *body, const char *name, int lo, int hi, int *dst,
                      struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v)
        return;
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        dj_err_field(err, name, "应为 %d 至 %d 的整数", lo, hi);
    else
        *dst = (int)json_integer_value(v);
}

/* An id field: absent keeps *dst, null clears it. */
static void id_field(const json_t *body, const char *name, int64_t *dst, struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v)
        return;
    if (json_is_null(v))
        *dst = 0;
    else if (json_is_integer(v) && json_integer_value(v) > 0)
        *dst = json_integer_value(v);
    else
        dj_err_field(err, name, "应为编号");
}

static void milestones_field(const json_t *body, struct dj_task *t, struct dj_err *err)
{
    json_t *v = json_object_get(body, "milestones");
    if (!v)
        return;
    if (!json_is_array(v) || json_array_size(v) > MAX_MILESTONES) {
        dj_err_field(err, "milestones", "应为最多 %d 个节点的列表", MAX_MILESTONES);
        return;
    }
    json_t *clean = json_array();
    size_t i;
    json_t *m;
    json_array_foreach(v, i, m) {
        const char *title = json_string_value(json_object_get(m, "title"));
        const char *due = json_string_value(json_object_get(m, "due_on"));
        json_t *pct = json_object_get(m, "percent");
        if (!json_is_object(m) || json_object_size(m) != 3 || !title ||
            dj_utf8_length(title) == 0 || dj_utf8_length(title) > 100 || !due ||
            !dj_date_valid(due) || !json_is_integer(pct) || json_integer_value(pct) < 1 ||
            json_integer_value(pct) > 100) {
            dj_err_field(err, "milestones", "第 %zu 个节点应有 title（1 至 100 个字）、due_on"
                         "（日期）和 percent（1 至 100）", i + 1);
            break;
        }
        json_array_append_new(clean, json_pack("{s:s, s:s, s:I}", "title", title, "due_on", due,
                                               "percent", json_integer_value(pct)));
    }
    char *text = json_dumps(clean, JSON_COMPACT);
    json_decref(clean);
    if (!text || strlen(text) >= sizeof t->milestones)
        dj_err_field(err, "milestones", "节点太多或太长");
    else
        dj_copy(t->milestones, sizeof t->milestones, text);
    free(text);
}

int tasks_check(struct dj_db *db, const struct dj_actor *actor, const json_t *body,
                struct dj_task *t, struct dj_err *err)
{
    id_field(body, "org_id", &t->org_id, err);
    text_field(body, "title", t->title, sizeof t->title, 200, true, err);
    text_field(body, "description", t->description, sizeof t->description, 1000, false, err);
    text_field(body, "line", t->line, sizeof t->line, 10, true, err);
    text_field(body, "kind", t->kind, sizeof t->kind, 10, false, err);
    text_field(body, "start_on", t->start_on, sizeof t->start_on, 10, false, err);
    text_field(body, "due_on", t->due_on, sizeof t->due_on, 10, true, err);
    id_field(body, "owner_person_id", &t->owner_person_id, err);
    id_field(body, "owner_department_id", &t->owner_department_id, err);
    int_field(body, "year", 2000, 2100, &t->year, err);
    int_field(body, "weight", 1, 100, &t->weight, err);
    milestones_field(body, t, err);
    json_t *pub = json_object_get(body, "public");
    if (pub && !json_is_boolean(pub))
        dj_err_field(err, "public", "应为 true 或 false");
    else if (pub)
        t->public = json_is_true(pub);
    if (t->line[0] && strcmp(t->line, "business") && strcmp(t->line, "party"))
        dj_err_field(err, "line", "应为 business（业务工作）或 party（党建工作）");
    if (!t->kind[0])
        dj_copy(t->kind, sizeof t->kind, "annual");
    else if (strcmp(t->kind, "annual") && strcmp(t->kind, "key"))
        dj_err_field(err, "kind", "应为 annual（年度任务）或 key（攻坚任务）");
    if (t->due_on[0] && !dj_date_valid(t->due_on))
        dj_err_field(err, "due_on", "应为日期 YYYY-MM-DD");
    else if (t->due_on[0]) {
        if (!t->year)
            t->year = atoi(t->due_on);
        if (!t->start_on[0])
            snprintf(t->start_on, sizeof t->start_on, "%04d-01-01", t->year);
        if (!dj_date_valid(t->start_on))
            dj_err_field(err, "start_on", "应为日期 YYYY-MM-DD");
        else if (strcmp(t->start_on, t->due_on) > 0)
            dj_err_field(err, "due_on", "截止日期不能早于开始日期");
    }
    if (!t->weight)
        t->weight = 1;
    if (!t->org_id)
        dj_err_field(err, "org_id", "请选择任务所属的组织（局或支部）");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    struct dj_org o;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (store_org_get(db, t->org_id, &o, &lookup) || authz_foreign(actor, o.path) ||
        (!actor_is_system(actor) && path_root_id(o.path) != actor->user.bureau_id))
        return dj_err_field(err, "org_id", "组织不存在");
    t->bureau_id = path_root_id(o.path);
    dj_copy(t->org_path, sizeof t->org_path, o.path);
    dj_copy(t->org_name, sizeof t->org_name, o.name);
    if (t->owner_person_id) {
        struct dj_person p;
        if (store_person_get(db, t->owner_person_id, &p, &lookup) || p.bureau_id != t->bureau_id)
            dj_err_field(err, "owner_person_id", "人员不存在");
        else
            dj_copy(t->owner_name, sizeof t->owner_name, p.name);
    }
    if (t->owner_department_id) {
        struct dj_department d;
        if (store_department_get(db, t->owner_department_id, &d, &lookup) ||
            d.bureau_id != t->bureau_id)
            dj_err_field(err, "owner_department_id", "科室不存在");
        else
            dj_copy(t->owner_department_name, sizeof t->owner_department_name, d.name);
    }
    {
        struct task_milestone ms[MAX_MILESTONES];
        int n = parse_milestones(t->milestones, ms, MAX_MILESTONES);
        for (int k = 0; k < n; k++)
            if (strcmp(ms[k].due_on, t->start_on) < 0 || strcmp(ms[k].due_on, t->due_on) > 0) {
                dj_err_field(err, "milestones", "节点日期应在开始和截止日期之间");
                break;
            }
    }
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    return authz_require(actor, PERM_MEETINGS_WRITE, o.path, err);
}

static int write_task(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      struct dj_task *t, const json_t *before, json_t **out, struct dj_err *err)
{
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    json_t *after = NULL;
    if ((rc = before ? store_task_update(db, t, err) : store_task_insert(db, t, actor->user.id, err)))
        goto fail;
    if (!(after = task_json(t, today))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto fail;
    }
    if ((rc = audit_record(db, actor, before ? "update" : "create", "task", t->id, t->org_id,
                           before, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    *out = after;
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}

int tasks_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_task *t = calloc(1, sizeof *t);
    if (!t)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    t->public = true;
    dj_copy(t->milestones, sizeof t->milestones, "[]");
    int rc = tasks_check(db, actor, body, t, err);
    if (!rc)
        rc = write_task(db, cfg, actor, t, NULL, out, err);
    free(t);
    return rc;
}

int tasks_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_task *t = calloc(1, sizeof *t);
    if (!t)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *before = NULL;
    int rc = task_visible(db, actor, id, t, err);
    if (!rc && !may_write(actor, t))
        rc = authz_refuse(actor, t->org_path, "您没有权限修改此任务", err);
    if (!rc && !(before = task_json(t, today)))
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!rc)
        rc = tasks_check(db, actor, body, t, err);
    if (!rc)
        rc = write_task(db, cfg, actor, t, before, out, err);
    json_decref(before);
    free(t);
    return rc;
}

int tasks_report(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, int percent, const char *note, json_t **out, struct dj_err *err)
{
    struct dj_task *t = calloc(1, sizeof *t);
    if (!t)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = task_visible(db, actor, id, t, err);
    if (!rc && !may_write(actor, t) && !is_owner(actor, t))
        rc = authz_refuse(actor, t->org_path, "只有任务的责任人或管理者可以报告进度", err);
    if (!rc && (percent < 0 || percent > 100))
        rc = dj_err_field(err, "percent", "进度应为 0 至 100");
    if (!rc && dj_utf8_length(note) > 1000)
        rc = dj_err_field(err, "note", "说明最长 1000 个字");
    if (rc) {
        free(t);
        return rc;
    }
    struct dj_task_report r;
    memset(&r, 0, sizeof r);
    r.bureau_id = t->bureau_id;
    r.task_id = t->id;
    r.percent = percent;
    dj_copy(r.note, sizeof r.note, note);
    dj_date_today(cfg->timezone, r.reported_on);
    r.reported_by = actor->user.id;
    dj_copy(r.reporter_name, sizeof r.reporter_name, actor->user.display_name);
    /* done from the first day of the latest run of 100% */
    char done_on[DJ_DATE_LEN] = "";
    if (percent == 100)
        dj_copy(done_on, sizeof done_on, t->done_on[0] ? t->done_on : r.reported_on);
    json_t *after = NULL;
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = store_task_report_insert(db, &r, err)) ||
        (rc = store_task_set_progress(db, t->id, percent, done_on, r.reported_on, err)))
        goto fail;
    after = report_json(&r);
    json_object_set_new(after, "done_on", opt_text(done_on));
    if ((rc = audit_record(db, actor, "report", "task", t->id, t->org_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_object_del(after, "done_on");
    json_object_set_new(after, "files", json_array());
    *out = after;
    after = NULL;
    goto out;
fail:
    db_rollback(db);
out:
    json_decref(after);
    free(t);
    return rc;
}

/* ---- the board ---- */

struct board_row {
    int64_t org_id;
    const char *name, *path;
    int count[TS_DONE_LATE + 1];
    int total, weight;
    int64_t weighted; /* Σ percent × weight */
};

int tasks_board(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                int year, json_t **out, struct dj_err *err)
{
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    struct dj_task_filter f;
    memset(&f, 0, sizeof f);
    int rc = actor_bureau(actor, &f.bureau_id, err);
    if (rc)
        return rc;
    f.year = year ? year : atoi(today);
    f.scope_path = NULL; /* the board shows public tasks only, the same to everyone */
    struct dj_task *t = NULL;
    int n = 0;
    if ((rc = store_tasks_list(db, &f, &t, &n, err)))
        return rc;
    struct board_row *rows = calloc((size_t)n + 1, sizeof *rows);
    if (!rows) {
        free(t);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    int nr = 0;
    struct board_row all = {0};
    for (int i = 0; i < n; i++) {
        if (!t[i].public)
            continue;
        int k = 0;
        while (k < nr && rows[k].org_id != t[i].org_id)
            k++;
        if (k == nr) {
            rows[nr].org_id = t[i].org_id;
            rows[nr].name = t[i].org_name;
            rows[nr].path = t[i].org_path;
            nr++;
        }
        enum task_status s = status_of(&t[i], today);
        struct board_row *both[2] = {&rows[k], &all};
        for (int b = 0; b < 2; b++) {
            both[b]->count[s]++;
            both[b]->total++;
            both[b]->weight += t[i].weight;
            both[b]->weighted += (int64_t)t[i].percent * t[i].weight;
        }
    }
    json_t *lists = json_array();
    struct board_row *each[2] = {rows, &all};
    json_t *summary = NULL;
    for (int k = 0; k <= nr; k++) {
        struct board_row *r = k < nr ? &each[0][k] : each[1];
        json_t *j = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "total", r->total, "on_track",
                              r->count[TS_ON_TRACK], "at_risk", r->count[TS_AT_RISK], "overdue",
                              r->count[TS_OVERDUE], "done", r->count[TS_DONE], "done_late",
                              r->count[TS_DONE_LATE], "progress",
                              r->weight ? (int)((r->weighted * 2 + r->weight) / (r->weight * 2)) : 0);
        if (k < nr) {
            json_object_set_new(j, "org_id", json_integer(r->org_id));
            json_object_set_new(j, "org_name", json_string(r->name));
            json_object_set_new(j, "bureau", json_boolean(authz_path_is_root(r->path)));
            json_array_append_new(lists, j);
        } else {
            summary = j;
        }
    }
    free(rows);
    free(t);
    *out = json_pack("{s:i, s:s, s:o, s:o}", "year", f.year, "today", today, "summary", summary,
                     "lists", lists);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

/* ---- evidence of a report ---- */

static int report_task(struct dj_db *db, const struct dj_actor *actor, int64_t report_id,
                       struct dj_task *t, struct dj_err *err)
{
    struct dj_task_report r;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (store_task_report_get(db, report_id, &r, &lookup) ||
        task_visible(db, actor, r.task_id, t, &lookup))
        return dj_err_field(err, "object_id", "进度报告不存在");
    return 0;
}

int tasks_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t report_id,
                      int64_t *org_id, int64_t *bureau_id, struct dj_err *err)
{
    struct dj_task *t = calloc(1, sizeof *t);
    if (!t)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = report_task(db, actor, report_id, t, err);
    if (!rc && !may_write(actor, t) && !is_owner(actor, t))
        rc = authz_refuse(actor, t->org_path, "只有任务的责任人或管理者可以上传证明材料", err);
    *org_id = t->org_id;
    *bureau_id = t->bureau_id;
    free(t);
    return rc;
}

int tasks_file_readable(struct dj_db *db, const struct dj_actor *actor, int64_t report_id,
                        struct dj_err *err)
{
    struct dj_task *t = calloc(1, sizeof *t);
    if (!t)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = report_task(db, actor, report_id, t, err);
    free(t);
    return rc ? dj_err_set(err, DJ_ENOTFOUND, "文件不存在") : 0;
}

/* ---- warnings ---- */

/* subject_type, subject_id and person_id are read by the warnings engine (core/warnings_sources.c) */
static int warn(json_t *items, const char *code, int64_t org, const char *due, bool high,
                const char *msg, const char *subject_type, int64_t subject_id, int64_t person)
{
    json_t *w = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "code", code, "org_id", (json_int_t)org,
                          "due", due, "severity", high ? "high" : "normal", "message", msg, "subject_type",
                          subject_type, "subject_id", (json_int_t)subject_id, "person_id", (json_int_t)person);
    return w && !json_array_append_new(items, w) ? 0 : DJ_ENOMEM;
}

int tasks_warnings(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int warning_days, json_t *items, struct dj_err *err)
{
    if (actor->user.bureau_id <= 0)
        return 0;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int64_t now = dj_date_days(today);
    struct dj_task_filter f = {.bureau_id = actor->user.bureau_id, .see_all = true};
    struct dj_task *t = NULL;
    int n = 0;
    int rc = store_tasks_list(db, &f, &t, &n, err);
    for (int i = 0; i < n && !rc; i++) {
        if (t[i].done_on[0] || !(may_write(actor, &t[i]) || is_owner(actor, &t[i])))
            continue;
        int64_t left = dj_date_days(t[i].due_on) - now;
        if (left > warning_days)
            continue;
        char msg[1200];
        snprintf(msg, sizeof msg, left < 0 ? "%s 的任务“%s”已逾期：截止 %s，进度 %d%%"
                                           : "%s 的任务“%s”将于 %s 到期，进度 %d%%",
                 t[i].org_name, t[i].title, t[i].due_on, t[i].percent);
        dj_utf8_trim_partial(msg);
        if (warn(items, left < 0 ? "task_overdue" : "task_due", t[i].org_id, t[i].due_on, left < 3, msg, "task",
                 t[i].id, t[i].owner_person_id))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    free(t);
    if (rc)
        return rc;
    struct dj_rect_filter rf = {.bureau_id = actor->user.bureau_id};
    struct dj_rectification *r = NULL;
    if ((rc = store_rects_list(db, &rf, &r, &n, err)))
        return rc;
    for (int i = 0; i < n && !rc; i++) {
        bool mine = actor->person_id && actor->person_id == r[i].owner_person_id;
        if (r[i].closed_on[0] || !(mine || authz_allows(actor, PERM_MEETINGS_WRITE, r[i].org_path)))
            continue;
        int64_t left = dj_date_days(r[i].due_on) - now;
        if (left > warning_days)
            continue;
        char msg[1200], problem[544];
        dj_copy(problem, sizeof problem, r[i].problem); /* a long problem is cut */
        dj_utf8_trim_partial(problem);
        snprintf(msg, sizeof msg, left < 0 ? "整改事项“%s”已逾期未销号：期限 %s，责任人 %s"
                                           : "整改事项“%s”将于 %s 到期，责任人 %s",
                 problem, r[i].due_on, r[i].owner_name);
        dj_utf8_trim_partial(msg);
        if (warn(items, left < 0 ? "rectification_overdue" : "rectification_due", r[i].org_id, r[i].due_on,
                 left < 3, msg, "rectification", r[i].id, r[i].owner_person_id))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    free(r);
    return rc;
}
