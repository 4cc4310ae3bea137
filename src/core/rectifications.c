#include "core/rectifications.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/meetings.h"
#include "core/people.h"
#include "core/task_status.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static const struct {
    const char *code, *label;
} sources[] = {
    {"inspection", "督查检查发现"}, {"xuncha", "巡察反馈"},       {"audit", "审计发现"},
    {"criticism", "民主生活会/组织生活会批评意见"},               {"objection", "异议"},
    {"internal", "内测"},           {"external", "外评"},         {"other", "其他"},
};

const char *rect_source_label(const char *code)
{
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
        if (code && !strcmp(sources[i].code, code))
            return sources[i].label;
    return NULL;
}

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *rect_json(const struct dj_rectification *r, const char *today)
{
    enum rect_status s = rect_status_of(r->due_on, r->closed_on, r->reopened, today);
    const char *label = rect_source_label(r->source);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s,"
                     " s:i, s:s, s:s, s:s, s:s}",
                     "id", (json_int_t)r->id, "org_id", (json_int_t)r->org_id, "org_name",
                     r->org_name, "source", r->source, "source_label", label ? label : r->source,
                     "problem", r->problem, "owner_person_id", (json_int_t)r->owner_person_id,
                     "owner_name", r->owner_name, "measures", r->measures, "found_on", r->found_on,
                     "due_on", r->due_on, "closed_on", opt_text(r->closed_on), "closed_by",
                     opt_text(r->closed_by_name), "close_note", r->close_note, "reopened",
                     r->reopened, "status", rect_status_code(s), "status_label",
                     rect_status_label(s), "created_at", r->created_at, "updated_at",
                     r->updated_at);
}

static bool may_write(const struct dj_actor *a, const struct dj_rectification *r)
{
    return authz_allows(a, PERM_MEETINGS_WRITE, r->org_path);
}

static bool is_owner(const struct dj_actor *a, const struct dj_rectification *r)
{
    return a->person_id && a->person_id == r->owner_person_id;
}

static bool may_read(const struct dj_actor *a, const struct dj_rectification *r)
{
    return may_write(a, r) || is_owner(a, r) || authz_allows(a, PERM_PEOPLE_READ, r->org_path);
}

static int visible(struct dj_db *db, const struct dj_actor *a, int64_t id,
                   struct dj_rectification *r, struct dj_err *err)
{
    int rc = store_rect_get(db, id, r, err);
    if (rc)
        return rc;
    if (authz_foreign(a, r->org_path) ||
        (!actor_is_system(a) && a->user.bureau_id != r->bureau_id))
        return dj_err_set(err, DJ_ENOTFOUND, "整改事项不存在");
    if (!may_read(a, r))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此整改事项");
    return 0;
}

int rects_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
               const struct dj_rect_query *q, json_t **items, int64_t *total, struct dj_err *err)
{
    int want = -1;
    if (q->status && *q->status) {
        for (int s = RS_OPEN; s <= RS_CLOSED_LATE; s++)
            if (!strcmp(rect_status_code((enum rect_status)s), q->status))
                want = s;
        if (want < 0)
            return dj_err_field(err, "status", "状态应为 open、due_soon、overdue、closed 或 closed_late");
    }
    if (q->source && *q->source && !rect_source_label(q->source))
        return dj_err_field(err, "source", "未知的来源");
    struct dj_rect_filter f;
    memset(&f, 0, sizeof f);
    f.bureau_id = actor->user.bureau_id;
    if (f.bureau_id <= 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "整改台账属于一个单位：请用单位的账号查看");
    f.source = q->source && *q->source ? q->source : NULL;
    f.owner_person_id = q->owner_person_id;
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    const char *read = authz_scope(actor, PERM_PEOPLE_READ);
    if (read && (!scope || strlen(read) < strlen(scope)))
        scope = read;
    if (q->mine || !scope) {
        if (!actor->person_id)
            return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看整改台账");
        if (f.owner_person_id && f.owner_person_id != actor->person_id && !scope)
            return dj_err_set(err, DJ_EFORBIDDEN, "您只能查看自己负责的整改事项");
        f.owner_person_id = actor->person_id;
    } else {
        f.org_path = authz_path_is_root(scope) ? NULL : scope;
    }
    struct dj_rectification *r = NULL;
    int n = 0;
    int rc = store_rects_list(db, &f, &r, &n, err);
    if (rc)
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    *items = json_array();
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (want >= 0 && (int)rect_status_of(r[i].due_on, r[i].closed_on, r[i].reopened, today) != want)
            continue;
        if (m >= q->offset && m - q->offset < q->limit)
            json_array_append_new(*items, rect_json(&r[i], today));
        m++;
    }
    *total = m;
    free(r);
    return 0;
}

int rects_get_json(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_rectification *r = calloc(1, sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = visible(db, actor, id, r, err);
    struct dj_file *files = NULL;
    int nf = 0;
    if (!rc)
        rc = store_file_list(db, "rectification", id, &files, &nf, err);
    if (!rc) {
        char today[DJ_DATE_LEN];
        dj_date_today(cfg->timezone, today);
        json_t *j = rect_json(r, today);
        json_t *fj = json_array();
        for (int i = 0; i < nf; i++)
            json_array_append_new(fj, file_json(&files[i]));
        json_object_set_new(j, "files", fj);
        json_object_set_new(j, "may_write", json_boolean(may_write(actor, r)));
        json_object_set_new(j, "may_close",
                            json_boolean(may_write(actor, r) && !is_owner(actor, r)));
        *out = j;
    }
    free(files);
    free(r);
    return rc;
}

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
    if (!s)
        dj_err_field(err, name, "应为文字");
    else if (dj_utf8_length(s) > max_chars || strlen(s) >= size)
        dj_err_field(err, name, "太长（最多 %zu 个字）", max_chars);
    else if (required && !*s)
        dj_err_field(err, name, "必填");
    else
        dj_copy(dst, size, s);
}

static int apply_body(struct dj_db *db, const struct dj_actor *actor, const char *today,
                      const json_t *body, struct dj_rectification *r, struct dj_err *err)
{
    json_t *v = json_object_get(body, "org_id");
    if (v) {
        if (json_is_integer(v) && json_integer_value(v) > 0)
            r->org_id = json_integer_value(v);
        else
            dj_err_field(err, "org_id", "应为组织编号");
    }
    v = json_object_get(body, "owner_person_id");
    if (v) {
        if (json_is_integer(v) && json_integer_value(v) > 0)
            r->owner_person_id = json_integer_value(v);
        else
            dj_err_field(err, "owner_person_id", "应为人员编号");
    }
    if (!r->owner_person_id && !v)
        dj_err_field(err, "owner_person_id", "请选择整改责任人");
    text_field(body, "source", r->source, sizeof r->source, 20, true, err);
    text_field(body, "problem", r->problem, sizeof r->problem, 1000, true, err);
    text_field(body, "measures", r->measures, sizeof r->measures, 1000, false, err);
    text_field(body, "found_on", r->found_on, sizeof r->found_on, 10, false, err);
    text_field(body, "due_on", r->due_on, sizeof r->due_on, 10, true, err);
    if (r->source[0] && !rect_source_label(r->source))
        dj_err_field(err, "source", "来源应为 inspection、xuncha、audit、criticism、objection、"
                                    "internal、external 或 other");
    if (!r->found_on[0])
        dj_copy(r->found_on, sizeof r->found_on, today);
    if (!dj_date_valid(r->found_on))
        dj_err_field(err, "found_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(r->found_on, today) > 0)
        dj_err_field(err, "found_on", "发现日期不能晚于今天");
    if (r->due_on[0] && !dj_date_valid(r->due_on))
        dj_err_field(err, "due_on", "应为日期 YYYY-MM-DD");
    else if (r->due_on[0] && strcmp(r->due_on, r->found_on) < 0)
        dj_err_field(err, "due_on", "整改期限不能早于发现日期");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if (!r->org_id)
        r->org_id = actor->user.bureau_id;
    struct dj_org o;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (store_org_get(db, r->org_id, &o, &lookup) || authz_foreign(actor, o.path) ||
        (!actor_is_system(actor) && path_root_id(o.path) != actor->user.bureau_id))
        return dj_err_field(err, "org_id", "组织不存在");
    r->bureau_id = path_root_id(o.path);
    dj_copy(r->org_path, sizeof r->org_path, o.path);
    dj_copy(r->org_name, sizeof r->org_name, o.name);
    struct dj_person p;
    if (store_person_get(db, r->owner_person_id, &p, &lookup) || p.bureau_id != r->bureau_id)
        return dj_err_field(err, "owner_person_id", "人员不存在");
    dj_copy(r->owner_name, sizeof r->owner_name, p.name);
    return authz_require(actor, PERM_MEETINGS_WRITE, o.path, err);
}

static int write_rect(struct dj_db *db, const struct dj_actor *actor, const char *today,
                      const char *action, struct dj_rectification *r, const json_t *before,
                      json_t **out, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    json_t *after = NULL;
    if ((rc = r->id ? store_rect_update(db, r, err) : store_rect_insert(db, r, err)))
        goto fail;
    if (!(after = rect_json(r, today))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto fail;
    }
    if ((rc = audit_record(db, actor, action, "rectification", r->id, r->org_id, before, after,
                           err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    *out = after;
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}

int rects_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_rectification *r = calloc(1, sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    r->created_by = actor->user.id;
    int rc = apply_body(db, actor, today, body, r, err);
    if (!rc)
        rc = write_rect(db, actor, today, "create", r, NULL, out, err);
    free(r);
    return rc;
}

/* The record for a change by a writer of its organisation. */
static int writable(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *today,
                    struct dj_rectification *r, json_t **before, struct dj_err *err)
{
    int rc = visible(db, actor, id, r, err);
    if (rc)
        return rc;
    if (!may_write(actor, r))
        return authz_refuse(actor, r->org_path, "您没有权限修改整改事项", err);
    if (!(*before = rect_json(r, today)))
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    return 0;
}

int rects_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_rectification *r = calloc(1, sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *before = NULL;
    int rc = writable(db, actor, id, today, r, &before, err);
    if (!rc && r->closed_on[0])
        rc = dj_err_set(err, DJ_ECONFLICT, "已销号的事项不能修改；复核不通过请先退回重新整改");
    if (!rc)
        rc = apply_body(db, actor, today, body, r, err);
    if (!rc)
        rc = write_rect(db, actor, today, "update", r, before, out, err);
    json_decref(before);
    free(r);
    return rc;
}

int rects_close(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                int64_t id, const char *note, json_t **out, struct dj_err *err)
{
    struct dj_rectification *r = calloc(1, sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *before = NULL;
    struct dj_file *files = NULL;
    int nf = 0;
    int rc = writable(db, actor, id, today, r, &before, err);
    if (!rc && is_owner(actor, r))
        rc = dj_err_set(err, DJ_EFORBIDDEN, "整改责任人不能为自己负责的事项销号");
    if (!rc && r->closed_on[0])
        rc = dj_err_set(err, DJ_ECONFLICT, "此事项已经销号");
    if (!rc && (!note || dj_utf8_length(note) == 0 || dj_utf8_length(note) > 500))
        rc = dj_err_field(err, "note", "请填写销号意见（1 至 500 个字）");
    if (!rc && !(rc = store_file_list(db, "rectification", id, &files, &nf, err)) && nf == 0)
        rc = dj_err_set(err, DJ_ECONFLICT, "请先上传整改完成的证明材料再销号");
    if (!rc) {
        dj_copy(r->closed_on, sizeof r->closed_on, today);
        r->closed_by = actor->user.id;
        dj_copy(r->closed_by_name, sizeof r->closed_by_name, actor->user.display_name);
        dj_copy(r->close_note, sizeof r->close_note, note);
        rc = write_rect(db, actor, today, "close", r, before, out, err);
    }
    free(files);
    json_decref(before);
    free(r);
    return rc;
}

int rects_reopen(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const char *reason, json_t **out, struct dj_err *err)
{
    struct dj_rectification *r = calloc(1, sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *before = NULL;
    int rc = writable(db, actor, id, today, r, &before, err);
    if (!rc && !r->closed_on[0])
        rc = dj_err_set(err, DJ_ECONFLICT, "此事项尚未销号");
    if (!rc && (!reason || dj_utf8_length(reason) == 0 || dj_utf8_length(reason) > 500))
        rc = dj_err_field(err, "reason", "请填写复核不通过的原因（1 至 500 个字）");
    if (!rc) {
        r->closed_on[0] = '\0';
        r->closed_by = 0;
        r->closed_by_name[0] = '\0';
        snprintf(r->close_note, sizeof r->close_note, "复核未通过：%s", reason);
        r->reopened++;
        rc = write_rect(db, actor, today, "reopen", r, before, out, err);
    }
    json_decref(before);
    free(r);
    return rc;
}

int rects_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t id, int64_t *org_id,
                      int64_t *bureau_id, struct dj_err *err)
{
    struct dj_rectification *r = calloc(1, sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    struct dj_err lookup;
    dj_err_clear(&lookup);
    int rc = 0;
    if (visible(db, actor, id, r, &lookup))
        rc = dj_err_field(err, "object_id", "整改事项不存在");
    else if (!may_write(actor, r) && !is_owner(actor, r))
        rc = authz_refuse(actor, r->org_path, "只有整改责任人或管理者可以上传证明材料", err);
    else if (r->closed_on[0])
        rc = dj_err_set(err, DJ_ECONFLICT, "已销号的事项不能再上传材料");
    *org_id = r->org_id;
    *bureau_id = r->bureau_id;
    free(r);
    return rc;
}

int rects_file_readable(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_err *err)
{
    struct dj_rectification *r = calloc(1, sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    struct dj_err lookup;
    dj_err_clear(&lookup);
    int rc = visible(db, actor, id, r, &lookup) ? dj_err_set(err, DJ_ENOTFOUND, "文件不存在") : 0;
    free(r);
    return rc;
}
