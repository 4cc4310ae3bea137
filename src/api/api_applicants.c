/* api_applicants: /applicants (发展党员, issue 16 item 2) — the list with its
 * xlsx export and import, one applicant, the stage steps, the quarterly
 * reviews, the extension of the 预备期, and /applicant-settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/applicants.h"
#include "io/export.h"
#include "util/text.h"

static void names_text(json_t *item, const char *key, char *out, size_t size)
{
    size_t i;
    json_t *p;
    out[0] = '\0';
    json_array_foreach(json_object_get(item, key), i, p) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", i ? "、" : "", json_string_value(json_object_get(p, "name")));
    }
}
static void t_contacts(json_t *item, char *out, size_t size) { names_text(item, "contacts", out, size); }
static void t_introducers(json_t *item, char *out, size_t size) { names_text(item, "introducers", out, size); }

int api_applicants_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_applicant_query q;
    memset(&q, 0, sizeof q);
    int rc = api_paging(req, &q.limit, &q.offset);
    if (rc)
        return rc;
    const char *org = api_query(req, "org_id");
    if (org && (dj_parse_int64(org, &q.org_id) || q.org_id <= 0))
        dj_err_field(&req->err, "org_id", "应为编号");
    q.stage = api_query(req, "stage");
    q.q = api_query(req, "q");
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = applicants_list(req->db, req->app->cfg, &req->actor, &q, &items, &total, &req->err)))
        return rc;
    /* the import reads these titles back */
    static const struct api_column cols[] = {
        {"org_name", "所在支部", DJ_COL_TEXT, NULL},
        {"name", "姓名", DJ_COL_TEXT, NULL},
        {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"gender", "性别", DJ_COL_TEXT, NULL},
        {"birth_date", "出生日期", DJ_COL_DATE, NULL},
        {"stage_label", "阶段", DJ_COL_TEXT, NULL},
        {"applied_on", "申请日期", DJ_COL_DATE, NULL},
        {"talked_on", "谈话日期", DJ_COL_DATE, NULL},
        {"activist_on", "确定积极分子日期", DJ_COL_DATE, NULL},
        {"contacts", "培养联系人", DJ_COL_TEXT, t_contacts},
        {"candidate_on", "确定发展对象日期", DJ_COL_DATE, NULL},
        {"reviewed_on", "政治审查日期", DJ_COL_DATE, NULL},
        {"training_days", "集中培训天数", DJ_COL_INT, NULL},
        {"training_hours", "集中培训学时", DJ_COL_INT, NULL},
        {"notice_from", "公示开始", DJ_COL_DATE, NULL},
        {"notice_to", "公示结束", DJ_COL_DATE, NULL},
        {"introducers", "入党介绍人", DJ_COL_TEXT, t_introducers},
        {"admitted_on", "支部大会日期", DJ_COL_DATE, NULL},
        {"approved_on", "上级审批日期", DJ_COL_DATE, NULL},
        {"extension_months", "延长预备期（月）", DJ_COL_INT, NULL},
        {"probation_end", "预备期届满", DJ_COL_DATE, NULL},
        {"full_on", "转正日期", DJ_COL_DATE, NULL},
        {"next_due", "下一期限", DJ_COL_DATE, NULL},
        {"note", "备注", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "入党申请人");
}

int api_applicants_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    rc = applicants_create(req->db, req->app->cfg, &req->actor, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, out);
}

int api_applicants_import(struct dj_request *req, struct dj_response *resp)
{
    const char *data;
    size_t len;
    json_t *result;
    int rc = api_upload_data(req, &data, &len);
    if (rc || (rc = applicants_import(req->db, req->app->cfg, &req->actor, data, len,
                                      api_query_flag(req, "dry_run"), &result, &req->err)))
        return rc;
    return api_reply(resp, 200, result);
}

int api_applicants_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = applicants_get(req->db, req->app->cfg, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

typedef int (*write_fn)(struct dj_db *, const struct dj_config *, const struct dj_actor *, int64_t,
                        const json_t *, json_t **, struct dj_err *);

static int write_one(struct dj_request *req, struct dj_response *resp, write_fn fn, int status)
{
    int64_t id;
    json_t *body, *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    rc = fn(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, status, out);
}

int api_applicants_update(struct dj_request *req, struct dj_response *resp)
{
    return write_one(req, resp, applicants_update, 200);
}

int api_applicants_advance(struct dj_request *req, struct dj_response *resp)
{
    return write_one(req, resp, applicants_advance, 200);
}

int api_applicants_review(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"reviewed_on", "note", NULL};
    int64_t id;
    json_t *body, *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if ((rc = api_unknown_fields(req, body, known)) == 0)
        rc = applicants_review(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, out);
}

int api_applicants_extend(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"months", NULL};
    int64_t id;
    json_t *body, *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if ((rc = api_unknown_fields(req, body, known)) == 0)
        rc = applicants_extend(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

/* ---- settings ---- */

int api_applicant_settings_get(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = applicant_settings_get(req->db, req->app->cfg, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_applicant_settings_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"name", "value", "effective_from", "note", NULL};
    api_unknown_fields(req, body, known);
    struct dj_applicant_setting s;
    memset(&s, 0, sizeof s);
    json_t *v = json_object_get(body, "value");
    if (!json_object_get(body, "name"))
        dj_err_field(&req->err, "name", "必填");
    if (!json_is_integer(v))
        dj_err_field(&req->err, "value", "应为整数");
    else
        s.value = json_integer_value(v);
    if (!json_object_get(body, "effective_from"))
        dj_err_field(&req->err, "effective_from", "必填");
    api_field_copy(req, body, "name", s.name, sizeof s.name);
    api_field_copy(req, body, "effective_from", s.effective_from, sizeof s.effective_from);
    api_field_copy(req, body, "note", s.note, sizeof s.note);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = applicant_setting_create(req->db, &req->actor, &s, &req->err)))
        return rc;
    return api_reply(resp, 201, applicant_setting_json(&s));
}

int api_applicant_settings_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = applicant_setting_delete(req->db, &req->actor, id, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}
