#include "core/study.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

json_t *study_json(const struct dj_study_record *r)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:f, s:s, s:s, s:s}", "id", (json_int_t)r->id,
                     "person_id", (json_int_t)r->person_id, "name", r->name, "staff_no",
                     r->staff_no, "studied_on", r->studied_on, "hours", (double)r->hours / 100.0,
                     "mode", r->mode, "content", r->content, "created_at", r->created_at);
}

int study_list(struct dj_db *db, const struct dj_actor *actor, struct dj_study_filter *f,
               json_t **items, int64_t *total, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_PEOPLE_READ);
    if (scope) {
        f->bureau_id = path_root_id(scope);
        f->branch_path = authz_path_is_root(scope) ? NULL : scope;
    } else if (actor->person_id) {
        /* a member sees their own */
        struct dj_person p;
        int rc = store_person_get(db, actor->person_id, &p, err);
        if (rc)
            return rc;
        if (f->person_id && f->person_id != p.id)
            return dj_err_set(err, DJ_EFORBIDDEN, "您只能查看自己的学习记录");
        f->bureau_id = p.bureau_id;
        f->person_id = p.id;
    } else {
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看学习记录");
    }
    struct dj_study_record *r = NULL;
    int n = 0;
    int rc = store_study_list(db, f, &r, &n, total, err);
    if (rc)
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, study_json(&r[i]));
    free(r);
    return 0;
}

static int may_record(const struct dj_actor *actor, const struct dj_person *p, struct dj_err *err)
{
    if (people_may_record(actor, p))
        return 0;
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)p->bureau_id);
    return authz_refuse(actor, bp, "您没有权限为此人员记录学习", err);
}

int study_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 struct dj_study_record *r, struct dj_err *err)
{
    struct dj_person p;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    char bp[32];
    if (!r->person_id || store_person_get(db, r->person_id, &p, &lookup) ||
        (snprintf(bp, sizeof bp, "/%lld/", (long long)p.bureau_id), authz_foreign(actor, bp)))
        return dj_err_field(err, "person_id", "人员不存在"); /* another bureau's too */
    int rc = may_record(actor, &p, err);
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
    if (dj_utf8_length(r->content) > 200)
        dj_err_field(err, "content", "学习内容最长 200 个字");
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    r->bureau_id = p.bureau_id;
    dj_copy(r->name, sizeof r->name, p.name);
    dj_copy(r->staff_no, sizeof r->staff_no, p.staff_no);
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_study_insert(db, r, actor->user.id, err)) || !(after = study_json(r)) ||
        (rc = audit_record(db, actor, "create", "study_record", r->id, p.branch_id, NULL, after,
                           err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        if (!rc)
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    json_decref(after);
    return rc;
}

int study_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                 struct dj_err *err)
{
    struct dj_study_record r;
    int rc = store_study_get(db, id, &r, err);
    if (rc)
        return rc;
    struct dj_person p;
    if ((rc = store_person_get(db, r.person_id, &p, err)) || (rc = may_record(actor, &p, err)))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *before = study_json(&r);
    json_t *after = reason && *reason ? json_pack("{s:s}", "reason", reason) : NULL;
    if ((rc = store_study_delete(db, id, err)) ||
        (rc = audit_record(db, actor, "delete", "study_record", id, p.branch_id, before, after,
                           err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(before);
    json_decref(after);
    return rc;
}
