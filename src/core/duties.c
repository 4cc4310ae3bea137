#include "core/duties.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/meetings.h"
#include "core/people.h"
#include "store/departments.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

#define TITLE_MAX_CHARS 100
#define CONTENT_MAX_CHARS 500
#define CATEGORY_MAX_CHARS 20
#define NOTE_MAX_CHARS 300
#define ITEMS_MAX 100

/* ---- pure rules ---- */

bool duty_check_open(int year, const char *today)
{
    char from[DJ_DATE_LEN];
    snprintf(from, sizeof from, "%04d-12-01", year);
    return today && strcmp(today, from) >= 0;
}

bool duty_result_valid(const char *r)
{
    return r && (!*r || !strcmp(r, "done") || !strcmp(r, "partly") || !strcmp(r, "not_done"));
}

const char *duty_role_label(const char *role)
{
    if (!role)
        return "";
    if (!strcmp(role, "first"))
        return "第一责任人";
    if (!strcmp(role, "dual"))
        return "一岗双责";
    if (!strcmp(role, "branch"))
        return "支部书记";
    return "";
}

static const char *result_label(const char *r)
{
    if (!strcmp(r, "done"))
        return "完成";
    if (!strcmp(r, "partly"))
        return "基本完成";
    if (!strcmp(r, "not_done"))
        return "未完成";
    return "未考核";
}

/* ---- JSON ---- */

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *doc_json(const struct dj_duty_doc *d)
{
    return json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:o, s:s, s:I, s:s, s:o, s:s, s:o, s:o, s:s,"
                     " s:i, s:i, s:i, s:i, s:i, s:s, s:s}",
                     "id", (json_int_t)d->id, "kind", d->kind, "year", d->year, "title", d->title,
                     "role", d->role, "role_label", duty_role_label(d->role), "person_id",
                     opt_id(d->person_id), "person_name", d->person_name, "org_id",
                     (json_int_t)d->org_id, "org_name", d->org_name, "department_id",
                     opt_id(d->department_id), "department_name", d->department_name,
                     "signed_on", opt_text(d->signed_on), "removed_on", opt_text(d->removed_on),
                     "removed_reason", d->removed_reason, "items_count", d->items, "checked",
                     d->checked, "done", d->done, "partly", d->partly, "not_done", d->not_done,
                     "created_at", d->created_at, "updated_at", d->updated_at);
}

static json_t *item_json(const struct dj_duty_item *it)
{
    return json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s}", "id",
                     (json_int_t)it->id, "doc_id", (json_int_t)it->doc_id, "seq", it->seq,
                     "category", it->category, "content", it->content, "result", it->result,
                     "result_label", result_label(it->result), "result_note", it->result_note,
                     "checked_by", it->checked_by_name, "checked_on", opt_text(it->checked_on),
                     "updated_at", it->updated_at);
}

/* ---- who may do what ---- */

static void root_path(int64_t bureau_id, char out[32])
{
    snprintf(out, 32, "/%lld/", (long long)bureau_id);
}

static bool may_write(const struct dj_actor *a, int64_t bureau_id)
{
    char rp[32];
    root_path(bureau_id, rp);
    return authz_allows(a, PERM_MEETINGS_WRITE, rp);
}

static bool may_read(const struct dj_actor *a, const struct dj_duty_doc *d)
{
    if (may_write(a, d->bureau_id) || (a->person_id && a->person_id == d->person_id))
        return true;
    if (strcmp(d->kind, "letter"))
        return false;
    return (!authz_path_is_root(d->org_path) && authz_allows(a, PERM_MEETINGS_WRITE, d->org_path)) ||
           (d->department_id && authz_has_role(a, "dept_head", NULL, d->department_id));
}

static int actor_bureau(const struct dj_actor *a, int64_t *bureau, struct dj_err *err)
{
    *bureau = a->user.bureau_id;
    if (*bureau <= 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "责任清单属于一个单位：请用单位的账号查看");
    return 0;
}

/* The document if the actor may read it; another bureau's is missing. */
static int doc_visible(struct dj_db *db, const struct dj_actor *a, int64_t id, struct dj_duty_doc *d,
                       struct dj_err *err)
{
    int rc = store_duty_doc_get(db, id, d, err);
    if (rc)
        return rc;
    if (authz_foreign(a, d->org_path) || a->user.bureau_id != d->bureau_id || !may_read(a, d))
        return dj_err_set(err, DJ_ENOTFOUND, "责任书（清单）不存在");
    return 0;
}

/* The document for a change: readable, in force, and the actor a writer. */
static int doc_writable(struct dj_db *db, const struct dj_actor *a, int64_t id, struct dj_duty_doc *d,
                        struct dj_err *err)
{
    int rc = store_duty_doc_get(db, id, d, err);
    if (rc)
        return rc;
    if (authz_foreign(a, d->org_path) || a->user.bureau_id != d->bureau_id)
        return dj_err_set(err, DJ_ENOTFOUND, "责任书（清单）不存在");
    if (!may_write(a, d->bureau_id)) {
        if (!may_read(a, d))
            return dj_err_set(err, DJ_ENOTFOUND, "责任书（清单）不存在");
        return dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委可以修改责任清单和责任书");
    }
    if (d->removed_on[0])
        return dj_err_set(err, DJ_ECONFLICT, "此责任书（清单）已删除");
    return 0;
}

/* ---- lists ---- */

int duties_list(struct dj_db *db, const struct dj_actor *actor, const struct dj_duty_query *q,
                json_t **items, int64_t *total, struct dj_err *err)
{
    struct dj_duty_filter f;
    memset(&f, 0, sizeof f);
    int rc = actor_bureau(actor, &f.bureau_id, err);
    if (rc)
        return rc;
    if (q->kind && strcmp(q->kind, "list") && strcmp(q->kind, "letter"))
        return dj_err_field(err, "kind", "应为 list（主体责任清单）或 letter（党建责任书）");
    if (q->mine && !actor->person_id)
        return dj_err_set(err, DJ_EINVAL, "您的账号未关联人员，没有自己的责任清单");
    f.kind = q->kind;
    f.year = q->year;
    f.person_id = q->person_id;
    f.org_id = q->org_id;
    f.removed = q->removed;
    if (q->removed && !may_write(actor, f.bureau_id))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委可以查看已删除的责任书（清单）");
    struct dj_duty_doc *d = NULL;
    int n = 0;
    if ((rc = store_duty_docs_list(db, &f, &d, &n, err)))
        return rc;
    *items = json_array();
    int64_t m = 0;
    for (int i = 0; i < n; i++) {
        if (!may_read(actor, &d[i]))
            continue;
        if (q->mine && d[i].person_id != actor->person_id &&
            !(!strcmp(d[i].kind, "letter") && !authz_path_is_root(d[i].org_path) &&
              authz_allows(actor, PERM_MEETINGS_WRITE, d[i].org_path)))
            continue;
        if (m >= q->offset && m - q->offset < q->limit)
            json_array_append_new(*items, doc_json(&d[i]));
        m++;
    }
    *total = m;
    free(d);
    return 0;
}

static json_t *items_json(const struct dj_duty_item *it, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, item_json(&it[i]));
    return a;
}

int duties_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
               struct dj_err *err)
{
    struct dj_duty_doc d;
    int rc = doc_visible(db, actor, id, &d, err);
    if (rc)
        return rc;
    struct dj_duty_item *it = NULL;
    int n = 0;
    if ((rc = store_duty_items_list(db, id, &it, &n, err)))
        return rc;
    struct dj_file *files = NULL;
    int nf = 0;
    if ((rc = store_file_list(db, "duty_doc", id, &files, &nf, err))) {
        free(it);
        return rc;
    }
    *out = doc_json(&d);
    json_object_set_new(*out, "items", items_json(it, n));
    json_t *fj = json_array();
    for (int k = 0; k < nf; k++)
        json_array_append_new(fj, file_json(&files[k]));
    json_object_set_new(*out, "files", fj);
    json_object_set_new(*out, "may_edit",
                        json_boolean(may_write(actor, d.bureau_id) && !d.removed_on[0]));
    free(files);
    free(it);
    return 0;
}

/* ---- checking a document's fields ---- */

static const char *str_field(const json_t *body, const char *name, struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        dj_err_field(err, name, "应为文字");
        return NULL;
    }
    return json_string_value(v);
}

static int64_t id_field(const json_t *body, const char *name, int64_t keep, struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v)
        return keep;
    if (json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        dj_err_field(err, name, "应为编号");
        return keep;
    }
    return json_integer_value(v);
}

/* Applies body to d and checks the whole document for the actor's bureau. */
static int check_doc(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                     const json_t *body, bool creating, struct dj_duty_doc *d, struct dj_err *err)
{
    const char *s;
    if (creating) {
        if ((s = str_field(body, "kind", err)))
            dj_copy(d->kind, sizeof d->kind, s);
        json_t *y = json_object_get(body, "year");
        if (y && (!json_is_integer(y) || json_integer_value(y) < 2000 || json_integer_value(y) > 2100))
            dj_err_field(err, "year", "应为年份，如 2026");
        else if (y)
            d->year = (int)json_integer_value(y);
    }
    if ((s = str_field(body, "title", err)))
        dj_copy(d->title, sizeof d->title, s);
    if ((s = str_field(body, "role", err)))
        dj_copy(d->role, sizeof d->role, s);
    if ((s = str_field(body, "signed_on", err)))
        dj_copy(d->signed_on, sizeof d->signed_on, s);
    else if (json_is_null(json_object_get(body, "signed_on")))
        d->signed_on[0] = 0;
    d->person_id = id_field(body, "person_id", d->person_id, err);
    d->org_id = id_field(body, "org_id", d->org_id, err);
    d->department_id = id_field(body, "department_id", d->department_id, err);
    if (strcmp(d->kind, "list") && strcmp(d->kind, "letter"))
        dj_err_field(err, "kind", "应为 list（主体责任清单）或 letter（党建责任书）");
    if (!d->year)
        dj_err_field(err, "year", "请填写年度");
    if (!strcmp(d->kind, "list")) {
        if (!d->person_id)
            dj_err_field(err, "person_id", "请选择责任人");
        if (d->role[0] && !duty_role_label(d->role)[0])
            dj_err_field(err, "role", "应为 first（第一责任人）、dual（一岗双责）或 branch（支部书记）");
        if (d->department_id)
            dj_err_field(err, "department_id", "主体责任清单属于个人，不填科室");
    } else if (!strcmp(d->kind, "letter")) {
        if (d->role[0])
            dj_err_field(err, "role", "责任书不填责任类别");
        if (!d->org_id && !d->department_id)
            dj_err_field(err, "org_id", "请选择签订责任书的支部或科室");
    }
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (d->signed_on[0] && !dj_date_valid(d->signed_on))
        dj_err_field(err, "signed_on", "应为日期 YYYY-MM-DD");
    else if (d->signed_on[0] && strcmp(d->signed_on, today) > 0)
        dj_err_field(err, "signed_on", "签订日期不能晚于今天");
    else if (d->signed_on[0] && !strcmp(d->kind, "list"))
        dj_err_field(err, "signed_on", "签订日期属于责任书");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;

    int rc = actor_bureau(actor, &d->bureau_id, err);
    if (rc)
        return rc;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    d->person_name[0] = d->department_name[0] = 0;
    if (d->person_id) {
        struct dj_person p;
        if (store_person_get(db, d->person_id, &p, &lookup) || p.bureau_id != d->bureau_id)
            dj_err_field(err, "person_id", "人员不存在");
        else
            dj_copy(d->person_name, sizeof d->person_name, p.name);
    }
    if (d->department_id) {
        struct dj_department dep;
        if (store_department_get(db, d->department_id, &dep, &lookup) || dep.bureau_id != d->bureau_id)
            dj_err_field(err, "department_id", "科室不存在");
        else
            dj_copy(d->department_name, sizeof d->department_name, dep.name);
    }
    if (!d->org_id)
        d->org_id = d->bureau_id;
    struct dj_org o;
    if (store_org_get(db, d->org_id, &o, &lookup) || path_root_id(o.path) != d->bureau_id)
        dj_err_field(err, "org_id", "组织不存在");
    else {
        dj_copy(d->org_name, sizeof d->org_name, o.name);
        dj_copy(d->org_path, sizeof d->org_path, o.path);
    }
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if (!may_write(actor, d->bureau_id)) {
        char rp[32];
        root_path(d->bureau_id, rp);
        return authz_refuse(actor, rp, "只有机关党委可以编制责任清单和责任书", err);
    }
    if (!d->title[0] && !strcmp(d->kind, "list") && d->role[0])
        snprintf(d->title, sizeof d->title, "%d年度%s（%s）主体责任清单", d->year, d->person_name,
                 duty_role_label(d->role));
    else if (!d->title[0] && !strcmp(d->kind, "list"))
        snprintf(d->title, sizeof d->title, "%d年度%s主体责任清单", d->year, d->person_name);
    else if (!d->title[0])
        snprintf(d->title, sizeof d->title, "%d年度党建工作责任书（%s）", d->year,
                 d->department_id ? d->department_name : d->org_name);
    if (dj_utf8_length(d->title) > TITLE_MAX_CHARS)
        return dj_err_field(err, "title", "标题最长 %d 个字", TITLE_MAX_CHARS);
    return 0;
}

/* ---- writing documents ---- */

static int item_fields(const json_t *body, struct dj_duty_item *it, bool creating,
                       struct dj_err *err)
{
    const char *s;
    if ((s = str_field(body, "category", err)))
        dj_copy(it->category, sizeof it->category, s);
    if ((s = str_field(body, "content", err)))
        dj_copy(it->content, sizeof it->content, s);
    json_t *seq = json_object_get(body, "seq");
    if (seq && (!json_is_integer(seq) || json_integer_value(seq) < 1 || json_integer_value(seq) > 1000))
        dj_err_field(err, "seq", "应为 1–1000 的序号");
    else if (seq)
        it->seq = (int)json_integer_value(seq);
    if ((creating || json_object_get(body, "content")) && !it->content[0])
        dj_err_field(err, "content", "请填写责任事项");
    if (dj_utf8_length(it->content) > CONTENT_MAX_CHARS)
        dj_err_field(err, "content", "责任事项最长 %d 个字", CONTENT_MAX_CHARS);
    if (dj_utf8_length(it->category) > CATEGORY_MAX_CHARS)
        dj_err_field(err, "category", "类别最长 %d 个字", CATEGORY_MAX_CHARS);
    return err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

int duties_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_duty_doc d;
    memset(&d, 0, sizeof d);
    int rc = check_doc(db, cfg, actor, body, true, &d, err);
    if (rc)
        return rc;
    json_t *list = json_object_get(body, "items");
    if (list && !json_is_array(list))
        return dj_err_field(err, "items", "应为责任事项的数组");
    if (json_array_size(list) > ITEMS_MAX)
        return dj_err_field(err, "items", "一份最多 %d 项", ITEMS_MAX);
    struct dj_duty_item *its = calloc(json_array_size(list) + 1, sizeof *its);
    if (!its)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    size_t i, n = json_array_size(list);
    json_t *v;
    json_array_foreach(list, i, v) {
        if (!json_is_object(v))
            rc = dj_err_field(err, "items", "第 %zu 项应为对象", i + 1);
        else if ((rc = item_fields(v, &its[i], true, err)))
            dj_err_set(err, DJ_EINVAL, "第 %zu 项：%s", i + 1, err->message);
        if (rc)
            break;
    }
    if (!rc && !(rc = db_begin_write(db, err))) {
        json_t *after = NULL;
        rc = store_duty_doc_insert(db, &d, actor->user.id, err);
        for (i = 0; !rc && i < n; i++) {
            its[i].bureau_id = d.bureau_id;
            its[i].doc_id = d.id;
            rc = store_duty_item_insert(db, &its[i], err);
        }
        if (!rc && !(after = doc_json(&d)))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        if (!rc) {
            json_object_set_new(after, "items", items_json(its, (int)n));
            rc = audit_record(db, actor, "create", "duty_doc", d.id, d.org_id, NULL, after, err);
        }
        json_decref(after);
        if (!rc)
            rc = db_commit(db, err);
        if (rc)
            db_rollback(db);
    }
    free(its);
    return rc ? rc : duties_get(db, actor, d.id, out, err);
}

int duties_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  int64_t id, const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_duty_doc d;
    int rc = doc_writable(db, actor, id, &d, err);
    if (rc)
        return rc;
    json_t *before = doc_json(&d);
    if (!before)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (json_object_get(body, "kind") || json_object_get(body, "year") ||
        json_object_get(body, "items"))
        rc = dj_err_set(err, DJ_EINVAL, "类别、年度和事项不能在此修改（事项逐项修改）");
    if (!rc)
        rc = check_doc(db, cfg, actor, body, false, &d, err);
    json_t *after = NULL;
    if (!rc && !(rc = db_begin_write(db, err))) {
        if (!(rc = store_duty_doc_update(db, &d, err)) && !(after = doc_json(&d)))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        if (!rc)
            rc = audit_record(db, actor, "update", "duty_doc", d.id, d.org_id, before, after, err);
        if (!rc)
            rc = db_commit(db, err);
        if (rc)
            db_rollback(db);
    }
    json_decref(before);
    json_decref(after);
    return rc ? rc : duties_get(db, actor, id, out, err);
}

int duties_remove(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  int64_t id, const char *reason, struct dj_err *err)
{
    struct dj_duty_doc d;
    int rc = doc_writable(db, actor, id, &d, err);
    if (rc)
        return rc;
    if (!reason || !*reason)
        return dj_err_field(err, "reason", "请填写删除原因");
    if (dj_utf8_length(reason) > NOTE_MAX_CHARS)
        return dj_err_field(err, "reason", "原因最长 %d 个字", NOTE_MAX_CHARS);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *before = doc_json(&d);
    if (!before)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    json_t *after = json_pack("{s:s, s:s}", "removed_on", today, "removed_reason", reason);
    if (!(rc = db_begin_write(db, err))) {
        if (!(rc = store_duty_doc_remove(db, id, today, reason, err)))
            rc = audit_record(db, actor, "remove", "duty_doc", id, d.org_id, before, after, err);
        if (!rc)
            rc = db_commit(db, err);
        if (rc)
            db_rollback(db);
    }
    json_decref(before);
    json_decref(after);
    return rc;
}

/* ---- items ---- */

static int write_item(struct dj_db *db, const struct dj_actor *actor, const char *action,
                      const struct dj_duty_doc *d, struct dj_duty_item *it, const json_t *before,
                      int (*store_fn)(struct dj_db *, struct dj_duty_item *, struct dj_err *),
                      json_t **out, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    json_t *after = NULL;
    if (!(rc = store_fn(db, it, err)) && !(after = item_json(it)))
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!rc)
        rc = audit_record(db, actor, action, "duty_item", it->id, d->org_id, before, after, err);
    if (!rc)
        rc = db_commit(db, err);
    if (rc) {
        db_rollback(db);
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int duties_item_add(struct dj_db *db, const struct dj_actor *actor, int64_t doc_id,
                    const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_duty_doc d;
    int rc = doc_writable(db, actor, doc_id, &d, err);
    if (rc)
        return rc;
    if (d.items >= ITEMS_MAX)
        return dj_err_set(err, DJ_EINVAL, "一份最多 %d 项", ITEMS_MAX);
    struct dj_duty_item it;
    memset(&it, 0, sizeof it);
    if ((rc = item_fields(body, &it, true, err)))
        return rc;
    it.bureau_id = d.bureau_id;
    it.doc_id = d.id;
    return write_item(db, actor, "create", &d, &it, NULL, store_duty_item_insert, out, err);
}

/* The item and its document, for a writer. */
static int item_writable(struct dj_db *db, const struct dj_actor *actor, int64_t item_id,
                         struct dj_duty_item *it, struct dj_duty_doc *d, struct dj_err *err)
{
    int rc = store_duty_item_get(db, item_id, it, err);
    if (rc)
        return rc;
    rc = doc_writable(db, actor, it->doc_id, d, err);
    if (rc == DJ_ENOTFOUND)
        return dj_err_set(err, DJ_ENOTFOUND, "责任事项不存在");
    return rc;
}

int duties_item_update(struct dj_db *db, const struct dj_actor *actor, int64_t item_id,
                       const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_duty_item it;
    struct dj_duty_doc d;
    int rc = item_writable(db, actor, item_id, &it, &d, err);
    if (rc)
        return rc;
    json_t *before = item_json(&it);
    if (!before)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!(rc = item_fields(body, &it, false, err)))
        rc = write_item(db, actor, "update", &d, &it, before, store_duty_item_update, out, err);
    json_decref(before);
    return rc;
}

int duties_item_check(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      int64_t item_id, const char *result, const char *note, json_t **out,
                      struct dj_err *err)
{
    struct dj_duty_item it;
    struct dj_duty_doc d;
    int rc = item_writable(db, actor, item_id, &it, &d, err);
    if (rc)
        return rc;
    if (!duty_result_valid(result))
        return dj_err_field(err, "result", "应为 done（完成）、partly（基本完成）、not_done（未完成）或空（撤销考核）");
    if (!note)
        note = "";
    if (result[0] && strcmp(result, "done") && !note[0])
        return dj_err_field(err, "note", "基本完成或未完成时请写明情况");
    if (dj_utf8_length(note) > NOTE_MAX_CHARS)
        return dj_err_field(err, "note", "说明最长 %d 个字", NOTE_MAX_CHARS);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (!duty_check_open(d.year, today))
        return dj_err_set(err, DJ_ECONFLICT, "%d 年度的责任事项从 %d-12-01 起考核", d.year, d.year);
    if (actor->person_id && actor->person_id == d.person_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "不能考核自己的责任清单");
    json_t *before = item_json(&it);
    if (!before)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    dj_copy(it.result, sizeof it.result, result);
    dj_copy(it.result_note, sizeof it.result_note, result[0] ? note : "");
    it.checked_by = result[0] ? actor->user.id : 0;
    dj_copy(it.checked_by_name, sizeof it.checked_by_name, result[0] ? actor->user.display_name : "");
    dj_copy(it.checked_on, sizeof it.checked_on, result[0] ? today : "");
    rc = write_item(db, actor, "check", &d, &it, before, store_duty_item_check, out, err);
    json_decref(before);
    return rc;
}

/* ---- a new year from the last ---- */

static bool already_has(const struct dj_duty_doc *docs, int n, const struct dj_duty_doc *d)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(docs[i].kind, d->kind) && docs[i].person_id == d->person_id &&
            docs[i].org_id == d->org_id && docs[i].department_id == d->department_id)
            return true;
    return false;
}

/* Copies one document (title's year replaced) with its items, unchecked. */
static int copy_doc(struct dj_db *db, const struct dj_actor *actor, struct dj_duty_doc *d, int to_year,
                    struct dj_err *err)
{
    struct dj_duty_item *it = NULL;
    int n = 0;
    int rc = store_duty_items_list(db, d->id, &it, &n, err);
    if (rc)
        return rc;
    char from[8], to[8], title[sizeof d->title];
    snprintf(from, sizeof from, "%d", d->year);
    snprintf(to, sizeof to, "%d", to_year);
    const char *at = strstr(d->title, from);
    if (at)
        snprintf(title, sizeof title, "%.*s%s%s", (int)(at - d->title), d->title, to, at + strlen(from));
    else
        dj_copy(title, sizeof title, d->title);
    dj_copy(d->title, sizeof d->title, title);
    d->year = to_year;
    d->signed_on[0] = 0;
    rc = store_duty_doc_insert(db, d, actor->user.id, err);
    for (int i = 0; !rc && i < n; i++) {
        struct dj_duty_item c;
        memset(&c, 0, sizeof c);
        c.bureau_id = d->bureau_id;
        c.doc_id = d->id;
        c.seq = it[i].seq;
        dj_copy(c.category, sizeof c.category, it[i].category);
        dj_copy(c.content, sizeof c.content, it[i].content);
        rc = store_duty_item_insert(db, &c, err);
    }
    free(it);
    return rc;
}

int duties_copy_year(struct dj_db *db, const struct dj_actor *actor, int from_year, int to_year,
                     json_t **out, struct dj_err *err)
{
    int64_t bureau;
    int rc = actor_bureau(actor, &bureau, err);
    if (rc)
        return rc;
    if (from_year < 2000 || from_year > 2100)
        dj_err_field(err, "from_year", "应为年份，如 2026");
    if (to_year < 2000 || to_year > 2100 || to_year == from_year)
        dj_err_field(err, "to_year", "应为另一个年份");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if (!may_write(actor, bureau)) {
        char rp[32];
        root_path(bureau, rp);
        return authz_refuse(actor, rp, "只有机关党委可以编制责任清单和责任书", err);
    }
    struct dj_duty_filter f = {.bureau_id = bureau, .year = from_year};
    struct dj_duty_doc *src = NULL, *have = NULL;
    int nsrc = 0, nhave = 0, created = 0, skipped = 0;
    if ((rc = store_duty_docs_list(db, &f, &src, &nsrc, err)))
        return rc;
    f.year = to_year;
    if ((rc = db_begin_write(db, err)) || (rc = store_duty_docs_list(db, &f, &have, &nhave, err)))
        goto done;
    for (int i = 0; !rc && i < nsrc; i++) {
        struct dj_person p;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (already_has(have, nhave, &src[i]) ||
            (src[i].person_id && (store_person_get(db, src[i].person_id, &p, &lookup) ||
                                  strcmp(p.status, "在职")))) {
            skipped++;
            continue;
        }
        if (!(rc = copy_doc(db, actor, &src[i], to_year, err)))
            created++;
    }
    json_t *after = json_pack("{s:i, s:i, s:i, s:i}", "from_year", from_year, "to_year", to_year,
                              "created", created, "skipped", skipped);
    if (!rc)
        rc = audit_record(db, actor, "copy", "duty_doc", 0, bureau, NULL, after, err);
    if (!rc)
        rc = db_commit(db, err);
    if (!rc)
        *out = after;
    else
        json_decref(after);
done:
    if (rc)
        db_rollback(db);
    free(src);
    free(have);
    return rc;
}

/* ---- a year's figures ---- */

int duties_summary(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int year, json_t **out, struct dj_err *err)
{
    int64_t bureau;
    int rc = actor_bureau(actor, &bureau, err);
    if (rc)
        return rc;
    if (!year) {
        char today[DJ_DATE_LEN];
        dj_date_today(cfg->timezone, today);
        year = atoi(today);
    }
    struct dj_duty_filter f = {.bureau_id = bureau, .year = year};
    struct dj_duty_doc *d = NULL;
    int n = 0;
    if ((rc = store_duty_docs_list(db, &f, &d, &n, err)))
        return rc;
    int lists = 0, letters = 0, signed_ = 0, items = 0, checked = 0, done = 0, partly = 0, not_done = 0;
    for (int i = 0; i < n; i++) {
        if (!may_read(actor, &d[i]))
            continue;
        if (!strcmp(d[i].kind, "list"))
            lists++;
        else {
            letters++;
            signed_ += d[i].signed_on[0] != 0;
        }
        items += d[i].items;
        checked += d[i].checked;
        done += d[i].done;
        partly += d[i].partly;
        not_done += d[i].not_done;
    }
    free(d);
    *out = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "year", year, "lists", lists,
                     "letters", letters, "letters_signed", signed_, "items", items, "checked",
                     checked, "done", done, "partly", partly, "not_done", not_done);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

/* ---- evidence files ---- */

int duties_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t doc_id,
                       bool writing, int64_t *org_id, int64_t *bureau_id, struct dj_err *err)
{
    struct dj_duty_doc d;
    int rc = writing ? doc_writable(db, actor, doc_id, &d, err)
                     : doc_visible(db, actor, doc_id, &d, err);
    if (rc == DJ_ENOTFOUND && writing)
        return dj_err_field(err, "object_id", "责任书（清单）不存在");
    if (rc)
        return rc;
    *org_id = d.org_id;
    *bureau_id = d.bureau_id;
    return 0;
}
