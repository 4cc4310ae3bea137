#include "core/study_reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "store/learning.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

json_t *study_report_json(const struct dj_study_report *r)
{
    json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:f, s:s, s:s, s:s, s:s, s:s}", "id",
                          (json_int_t)r->id, "person_id", (json_int_t)r->person_id, "name", r->name,
                          "staff_no", r->staff_no, "studied_on", r->studied_on, "hours",
                          (double)r->hours / 100.0, "mode", r->mode, "content", r->content,
                          "status", r->status, "reason", r->reason, "created_at", r->created_at);
    if (j)
        json_object_set_new(j, "decided_at", *r->decided_at ? json_string(r->decided_at) : json_null());
    return j;
}

int study_reports_list(struct dj_db *db, const struct dj_actor *actor,
                       struct dj_study_report_filter *f, json_t **items, int64_t *total,
                       struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_PEOPLE_READ);
    if (scope) {
        f->bureau_id = path_root_id(scope);
        f->branch_path = authz_path_is_root(scope) ? NULL : scope;
    } else if (actor->person_id) {
        struct dj_person p; /* a member sees their own */
        int rc = store_person_get(db, actor->person_id, &p, err);
        if (rc)
            return rc;
        if (f->person_id && f->person_id != p.id)
            return dj_err_set(err, DJ_EFORBIDDEN, "您只能查看自己的学时申报");
        f->bureau_id = p.bureau_id;
        f->person_id = p.id;
    } else {
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看学时申报");
    }
    struct dj_study_report *r = NULL;
    int n = 0;
    int rc = store_study_report_list(db, f, &r, &n, total, err);
    if (rc)
        return rc;
    *items = json_array();
    for (int i = 0; i < n && *items; i++)
        if (json_array_append_new(*items, study_report_json(&r[i])))
            json_decref(*items), *items = NULL;
    free(r);
    return *items ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int study_reports_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         struct dj_study_report *r, struct dj_err *err)
{
    if (!actor->person_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您的账号未关联人员，不能申报学时");
    struct dj_person p;
    int rc = store_person_get(db, actor->person_id, &p, err);
    if (rc)
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (!dj_date_valid(r->studied_on))
        dj_err_field(err, "studied_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(r->studied_on, today) > 0)
        dj_err_field(err, "studied_on", "学习日期不能晚于今天");
    if (r->hours <= 0 || r->hours > 2400)
        dj_err_field(err, "hours", "学时应大于 0 且一天不超过 24 小时");
    size_t chars = dj_utf8_length(r->mode);
    if (chars == 0 || chars > 20)
        dj_err_field(err, "mode", "请填写学习方式（1 至 20 个字）");
    chars = dj_utf8_length(r->content);
    if (chars == 0 || chars > 200)
        dj_err_field(err, "content", "请填写学习内容（1 至 200 个字）");
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    r->bureau_id = p.bureau_id;
    r->person_id = p.id;
    dj_copy(r->name, sizeof r->name, p.name);
    dj_copy(r->staff_no, sizeof r->staff_no, p.staff_no);
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_study_report_insert(db, r, err)) || !(after = study_report_json(r)) ||
        (rc = audit_record(db, actor, "report", "study_report", r->id, p.branch_id, NULL, after,
                           err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        if (!rc)
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    json_decref(after);
    return rc;
}

int study_reports_decide(struct dj_db *db, const struct dj_actor *actor, int64_t id, bool approve,
                         const char *reason, struct dj_study_report *out, int64_t *record_id,
                         struct dj_err *err)
{
    *record_id = 0;
    struct dj_study_report r;
    int rc = store_study_report_get(db, id, &r, err);
    if (rc)
        return rc;
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)r.bureau_id);
    if (authz_foreign(actor, bp))
        return dj_err_set(err, DJ_ENOTFOUND, "学时申报不存在");
    struct dj_person p;
    if ((rc = store_person_get(db, r.person_id, &p, err)))
        return rc;
    if (!people_may_record(actor, &p))
        return authz_refuse(actor, bp, "您没有权限审批此人员的学时", err);
    if (actor->person_id && actor->person_id == r.person_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "不能审批本人申报的学时");
    if (strcmp(r.status, "pending") != 0)
        return dj_err_set(err, DJ_ECONFLICT, "这条申报已经审批过了");
    if (!approve) {
        if (!reason || !*reason)
            return dj_err_field(err, "reason", "请填写退回原因");
        if (!dj_utf8_valid(reason, strlen(reason)) || dj_utf8_length(reason) > 200)
            return dj_err_field(err, "reason", "原因最长 200 个字");
    }
    json_t *before = study_report_json(&r), *after = NULL;
    dj_copy(r.status, sizeof r.status, approve ? "approved" : "rejected");
    dj_copy(r.reason, sizeof r.reason, approve ? "" : reason);
    r.decided_by = actor->user.id;
    struct dj_study_record rec;
    memset(&rec, 0, sizeof rec);
    if (!before) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = store_study_report_decide(db, &r, err)))
        goto fail;
    if (approve) {
        /* the approved hours become a study record: what every count reads */
        rec.bureau_id = r.bureau_id;
        rec.person_id = r.person_id;
        dj_copy(rec.studied_on, sizeof rec.studied_on, r.studied_on);
        rec.hours = r.hours;
        dj_copy(rec.mode, sizeof rec.mode, r.mode);
        dj_copy(rec.content, sizeof rec.content, r.content);
        if ((rc = store_study_insert(db, &rec, actor->user.id, err)))
            goto fail;
    }
    if (!(after = study_report_json(&r))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto fail;
    }
    if (approve)
        json_object_set_new(after, "study_record_id", json_integer(rec.id));
    if ((rc = audit_record(db, actor, approve ? "approve" : "reject", "study_report", r.id,
                           p.branch_id, before, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    *out = r;
    *record_id = rec.id;
    goto out;
fail:
    db_rollback(db);
out:
    json_decref(before);
    json_decref(after);
    return rc;
}
