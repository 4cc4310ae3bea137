#include "core/suggestions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/contacts.h"
#include "core/people.h"
#include "core/tasks.h"
#include "store/departments.h"
#include "store/people.h"
#include "store/tasks.h"
#include "util/date.h"
#include "util/text.h"

static const char *const decisions[] = {"adopted", "merged", "declined", NULL};

static json_t *opt_text(const char *s)
{
    return *s ? json_string(s) : json_null();
}

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static void bureau_path(int64_t bureau_id, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)bureau_id);
}

/* The organisers of the bureau: meetings.write on its root. */
static int require_organiser(const struct dj_actor *actor, int64_t bureau_id, const char *message,
                             struct dj_err *err)
{
    char bp[32];
    bureau_path(bureau_id, bp, sizeof bp);
    return authz_allows(actor, PERM_MEETINGS_WRITE, bp) ? 0 : authz_refuse(actor, bp, message, err);
}

static int64_t body_id(json_t *body, const char *name, int64_t dflt, struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v || json_is_null(v))
        return dflt;
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        dj_err_field(err, name, "应为编号");
        return 0;
    }
    return json_integer_value(v);
}

static int commit_out(struct dj_db *db, int audit_rc, json_t *after, json_t **out, struct dj_err *err)
{
    int rc = service_commit(db, audit_rc, err);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

/* ---- topics ---- */

static json_t *topic_json(const struct dj_topic *t, const char *today)
{
    return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:b, s:I, s:I, s:s}", "id", (json_int_t)t->id, "title",
                     t->title, "description", t->description, "leader_id", opt_id(t->leader_id), "leader_name",
                     t->leader_name, "opened_on", t->opened_on, "deadline", t->deadline, "open",
                     strcmp(today, t->opened_on) >= 0 && strcmp(today, t->deadline) <= 0, "suggestions",
                     (json_int_t)t->suggestions, "adopted", (json_int_t)t->adopted, "created_at", t->created_at);
}

int topics_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, struct dj_idea_filter *f, json_t **items,
                int64_t *total, struct dj_err *err)
{
    struct dj_topic *t = NULL;
    int n = 0;
    int rc = service_bureau(actor, &f->bureau_id, err);
    if (rc || (rc = store_topic_list(db, f, &t, &n, total, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, topic_json(&t[i], today));
    free(t);
    return 0;
}

static int topic_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_topic *t,
                      struct dj_err *err)
{
    int64_t bureau;
    int rc = service_bureau(actor, &bureau, err);
    if (rc || (rc = store_topic_get(db, id, t, err)))
        return rc;
    return t->bureau_id == bureau ? 0 : dj_err_set(err, DJ_ENOTFOUND, "题目不存在");
}

int topics_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_topic t;
    int rc = topic_load(db, actor, id, &t, err);
    if (rc)
        return rc;
    struct dj_idea_filter f = {.topic_id = id, .limit = 100000};
    json_t *list;
    int64_t total;
    if ((rc = suggestions_list(db, actor, &f, &list, &total, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    *out = topic_json(&t, today);
    json_object_set_new(*out, "suggestion_list", list);
    return 0;
}

int topics_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t *body,
                  json_t **out, struct dj_err *err)
{
    int64_t bureau;
    int rc = service_bureau(actor, &bureau, err);
    if (rc || (rc = require_organiser(actor, bureau, "题目由机关党委或局领导设置", err)))
        return rc;
    struct dj_topic t;
    memset(&t, 0, sizeof t);
    t.bureau_id = bureau;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_text(body, "title", t.title, sizeof t.title, 60, true, err);
    service_text(body, "description", t.description, sizeof t.description, 300, false, err);
    service_date(body, "opened_on", t.opened_on, NULL, false, err);
    if (!*t.opened_on)
        dj_copy(t.opened_on, sizeof t.opened_on, today);
    service_date(body, "deadline", t.deadline, NULL, true, err);
    if (*t.deadline && strcmp(t.deadline, t.opened_on) < 0)
        dj_err_field(err, "deadline", "截止日期不能早于出题日期");
    t.leader_id = body_id(body, "leader_id", actor->person_id, err);
    struct dj_person p;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (t.leader_id && (store_person_get(db, t.leader_id, &p, &lookup) || p.bureau_id != bureau))
        dj_err_field(err, "leader_id", "人员不存在");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_topic_insert(db, &t, actor->user.id, err)) || (rc = store_topic_get(db, t.id, &t, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = topic_json(&t, today);
    return commit_out(db, audit_record(db, actor, "create", "suggestion_topic", t.id, bureau, NULL, after, err),
                      after, out, err);
}

/* ---- suggestions ---- */

static json_t *suggestion_json(const struct dj_suggestion *s)
{
    json_t *j = json_pack("{s:I, s:o, s:s, s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s}", "id",
                          (json_int_t)s->id, "topic_id", opt_id(s->topic_id), "topic_title", s->topic_title,
                          "person_id", (json_int_t)s->person_id, "person_name", s->person_name, "staff_no",
                          s->staff_no, "branch", s->branch_name, "department_id", opt_id(s->department_id),
                          "department_name", s->department_name, "title", s->title, "content", s->content,
                          "submitted_on", s->submitted_on);
    json_object_set_new(j, "status", json_string(*s->decision ? s->decision : "pending"));
    json_object_set_new(j, "reason", json_string(s->reason));
    json_object_set_new(j, "merged_into_id", opt_id(s->merged_into));
    json_object_set_new(j, "decided_on", opt_text(s->decided_on));
    json_object_set_new(j, "task_id", opt_id(s->task_id));
    json_object_set_new(j, "task_title", json_string(s->task_title));
    json_object_set_new(j, "created_at", json_string(s->created_at));
    return j;
}

int suggestions_list(struct dj_db *db, const struct dj_actor *actor, struct dj_idea_filter *f,
                     json_t **items, int64_t *total, struct dj_err *err)
{
    struct dj_suggestion *s = NULL;
    int n = 0;
    int rc = service_bureau(actor, &f->bureau_id, err);
    if (rc || (rc = store_suggestion_list(db, f, &s, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, suggestion_json(&s[i]));
    free(s);
    return 0;
}

static int suggestion_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_suggestion *s,
                           struct dj_err *err)
{
    int64_t bureau;
    int rc = service_bureau(actor, &bureau, err);
    if (rc || (rc = store_suggestion_get(db, id, s, err)))
        return rc;
    return s->bureau_id == bureau ? 0 : dj_err_set(err, DJ_ENOTFOUND, "建议不存在");
}

int suggestions_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                    struct dj_err *err)
{
    struct dj_suggestion s;
    int rc = suggestion_load(db, actor, id, &s, err);
    if (rc)
        return rc;
    *out = suggestion_json(&s);
    return 0;
}

int suggestions_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_person p;
    int64_t pid = body_id(body, "person_id", actor->person_id, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    int rc = service_person_for_write(db, actor, pid, true, &p, err);
    if (rc)
        return rc;
    struct dj_suggestion s;
    memset(&s, 0, sizeof s);
    s.bureau_id = p.bureau_id;
    s.person_id = p.id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_text(body, "title", s.title, sizeof s.title, 60, true, err);
    service_text(body, "content", s.content, sizeof s.content, 1000, true, err);
    service_date(body, "submitted_on", s.submitted_on, today, false, err);
    if (!*s.submitted_on)
        dj_copy(s.submitted_on, sizeof s.submitted_on, today);
    s.department_id = body_id(body, "department_id", 0, err);
    s.topic_id = body_id(body, "topic_id", 0, err);
    struct dj_err lookup;
    dj_err_clear(&lookup);
    struct dj_department d;
    if (s.department_id && (store_department_get(db, s.department_id, &d, &lookup) || d.bureau_id != s.bureau_id))
        dj_err_field(err, "department_id", "科室不存在");
    struct dj_topic t;
    if (s.topic_id && (store_topic_get(db, s.topic_id, &t, &lookup) || t.bureau_id != s.bureau_id))
        dj_err_field(err, "topic_id", "题目不存在");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if (s.topic_id && (strcmp(s.submitted_on, t.opened_on) < 0 || strcmp(s.submitted_on, t.deadline) > 0))
        return dj_err_set(err, DJ_ECONFLICT, "题目“%s”征集时间为 %s 至 %s", t.title, t.opened_on, t.deadline);
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_suggestion_insert(db, &s, actor->user.id, err)) ||
        (rc = store_suggestion_get(db, s.id, &s, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = suggestion_json(&s);
    return commit_out(db, audit_record(db, actor, "create", "suggestion", s.id, p.branch_id ? p.branch_id : s.bureau_id,
                                       NULL, after, err),
                      after, out, err);
}

int suggestions_review(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t id, json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_suggestion s;
    int rc = suggestion_load(db, actor, id, &s, err);
    if (rc || (rc = require_organiser(actor, s.bureau_id, "建议由机关党委或局领导审定", err)))
        return rc;
    if (*s.decision)
        return dj_err_set(err, DJ_ECONFLICT, "此建议已于 %s 处理", s.decided_on);
    json_t *before = suggestion_json(&s);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_text(body, "decision", s.decision, sizeof s.decision, 10, true, err);
    bool known = false;
    for (int i = 0; decisions[i]; i++)
        known |= !strcmp(s.decision, decisions[i]);
    if (*s.decision && !known)
        dj_err_field(err, "decision", "应为 adopted（采纳为工作思路）、merged（合并）或 declined（不予采纳）");
    service_text(body, "reason", s.reason, sizeof s.reason, 200, true, err);
    service_date(body, "decided_on", s.decided_on, today, false, err);
    if (!*s.decided_on)
        dj_copy(s.decided_on, sizeof s.decided_on, today);
    if (strcmp(s.decided_on, s.submitted_on) < 0)
        dj_err_field(err, "decided_on", "处理日期不能早于提出日期");
    s.merged_into = body_id(body, "merged_into_id", 0, err);
    struct dj_suggestion into;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (!strcmp(s.decision, "merged")) {
        if (!s.merged_into)
            dj_err_field(err, "merged_into_id", "请选择合并到的建议");
        else if (s.merged_into == s.id || store_suggestion_get(db, s.merged_into, &into, &lookup) ||
                 into.bureau_id != s.bureau_id || !strcmp(into.decision, "merged"))
            dj_err_field(err, "merged_into_id", "应为本局另一条未被合并的建议");
    } else if (s.merged_into) {
        dj_err_field(err, "merged_into_id", "只有合并的建议才能指定");
    }
    if (err->code == DJ_EINVAL) {
        json_decref(before);
        return DJ_EINVAL;
    }
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    if ((rc = store_suggestion_decide(db, &s, actor->user.id, err)) || (rc = store_suggestion_get(db, id, &s, err))) {
        db_rollback(db);
        json_decref(before);
        return rc;
    }
    json_t *after = suggestion_json(&s);
    rc = audit_record(db, actor, "review", "suggestion", id, s.bureau_id, before, after, err);
    json_decref(before);
    return commit_out(db, rc, after, out, err);
}

/* The body of the task: the caller's fields over the suggestion's defaults. */
static json_t *task_body(const struct dj_suggestion *s, json_t *body, const char *today)
{
    json_t *b = json_deep_copy(body);
    if (!b)
        return NULL;
    if (!json_object_get(b, "title"))
        json_object_set_new(b, "title", json_string(s->title));
    if (!json_object_get(b, "description")) {
        char text[1400];
        snprintf(text, sizeof text, "落实建议：%s", s->content);
        json_object_set_new(b, "description", json_string(text));
    }
    if (!json_object_get(b, "org_id"))
        json_object_set_new(b, "org_id", json_integer(s->bureau_id));
    if (!json_object_get(b, "line"))
        json_object_set_new(b, "line", json_string("business"));
    if (!json_object_get(b, "start_on"))
        json_object_set_new(b, "start_on", json_string(today));
    if (!json_object_get(b, "year"))
        json_object_set_new(b, "year", json_integer(atoi(today)));
    return b;
}

int suggestions_make_task(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                          int64_t id, json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_suggestion s;
    int rc = suggestion_load(db, actor, id, &s, err);
    if (rc || (rc = require_organiser(actor, s.bureau_id, "落实任务由机关党委或局领导安排", err)))
        return rc;
    if (strcmp(s.decision, "adopted"))
        return dj_err_set(err, DJ_ECONFLICT, "只有采纳的建议才能安排落实任务");
    if (s.task_id)
        return dj_err_set(err, DJ_ECONFLICT, "此建议已有落实任务");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *b = task_body(&s, body, today);
    struct dj_task *t = calloc(1, sizeof *t);
    if (!b || !t) {
        json_decref(b);
        free(t);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    t->public = true;
    dj_copy(t->milestones, sizeof t->milestones, "[]");
    rc = tasks_check(db, actor, b, t, err);
    json_decref(b);
    json_t *before = NULL, *task_after = NULL, *after = NULL;
    if (rc || (rc = db_begin_write(db, err)))
        goto done;
    before = suggestion_json(&s);
    if ((rc = store_task_insert(db, t, actor->user.id, err)) || (rc = store_suggestion_set_task(db, id, t->id, err)) ||
        (rc = store_suggestion_get(db, id, &s, err))) {
        db_rollback(db);
        goto done;
    }
    task_after = task_json(t, today);
    after = suggestion_json(&s);
    if ((rc = audit_record(db, actor, "create", "task", t->id, t->org_id, NULL, task_after, err))) {
        db_rollback(db);
        goto done;
    }
    rc = audit_record(db, actor, "link_task", "suggestion", id, s.bureau_id, before, after, err);
    rc = commit_out(db, rc, after, out, err);
    after = NULL;
done:
    json_decref(before);
    json_decref(task_after);
    json_decref(after);
    free(t);
    return rc;
}
