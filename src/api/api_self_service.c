/* api_self_service: member self-service on the phone (issue 12, item 3):
 * /meetings/{id}/signin-code (the secretary's QR code), /meeting-signins (the
 * member's scan) and /study-reports (hours reported by the member, approved
 * or rejected by the branch). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/signin.h"
#include "core/study_reports.h"
#include "io/export.h"
#include "util/text.h"

int api_meetings_signin_code(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    json_t *body = NULL, *out = NULL;
    const char *origin = NULL;
    static const char *const known[] = {"origin", NULL};
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if (!api_unknown_fields(req, body, known))
        api_field_string(req, body, "origin", true, &origin);
    if (!req->err.code)
        rc = signin_code(req->db, req->app->cfg, &req->actor, req->app->secret, id, origin, &out,
                         &req->err);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    return rc ? rc : api_reply(resp, 200, out);
}

int api_meeting_signins_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body = NULL, *out = NULL;
    const char *token = NULL;
    static const char *const known[] = {"token", NULL};
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    if (!api_unknown_fields(req, body, known))
        api_field_string(req, body, "token", true, &token);
    if (!req->err.code)
        rc = signin_scan(req->db, req->app->cfg, &req->actor, req->app->secret, token, &out,
                         &req->err);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    return rc ? rc : api_reply(resp, 200, out);
}

static const char *status_text(const char *s)
{
    return !strcmp(s, "pending") ? "待审批" : !strcmp(s, "approved") ? "已通过"
                                          : !strcmp(s, "rejected") ? "已退回" : s;
}

static void status_cell(json_t *item, char *out, size_t size)
{
    const char *s = json_string_value(json_object_get(item, "status"));
    dj_copy(out, size, status_text(s ? s : ""));
}

int api_study_reports_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_study_report_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    const char *v = api_query(req, "person_id");
    if (v && (dj_parse_int64(v, &f.person_id) || f.person_id <= 0))
        dj_err_field(&req->err, "person_id", "应为编号");
    f.status = api_query(req, "status");
    if (f.status && strcmp(f.status, "pending") && strcmp(f.status, "approved") &&
        strcmp(f.status, "rejected"))
        dj_err_field(&req->err, "status", "应为 pending、approved 或 rejected");
    api_date_range(req, &f.from, &f.to);
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = study_reports_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"studied_on", "日期", DJ_COL_DATE, NULL},   {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"name", "姓名", DJ_COL_TEXT, NULL},         {"hours", "学时", DJ_COL_DECIMAL2, NULL},
        {"mode", "学习方式", DJ_COL_TEXT, NULL},     {"content", "学习内容", DJ_COL_TEXT, NULL},
        {"status", "状态", DJ_COL_TEXT, status_cell}, {"reason", "退回原因", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "学时申报");
}

int api_study_reports_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"studied_on", "hours", "mode", "content", NULL};
    struct dj_study_report r;
    memset(&r, 0, sizeof r);
    if (!api_unknown_fields(req, body, known)) {
        if (!json_object_get(body, "hours"))
            dj_err_field(&req->err, "hours", "请填写学时");
        api_field_copy(req, body, "studied_on", r.studied_on, sizeof r.studied_on);
        api_field_centi(req, body, "hours", 0, &r.hours);
        api_field_copy(req, body, "mode", r.mode, sizeof r.mode);
        api_field_copy(req, body, "content", r.content, sizeof r.content);
    }
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = study_reports_create(req->db, req->app->cfg, &req->actor, &r, &req->err)))
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/study-reports/%lld", (long long)r.id);
    return api_reply(resp, 201, study_report_json(&r));
}

static int decide(struct dj_request *req, struct dj_response *resp, bool approve)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    json_t *body = NULL;
    const char *reason = NULL;
    static const char *const known[] = {"reason", NULL};
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if (!api_unknown_fields(req, body, known))
        api_field_string(req, body, "reason", false, &reason);
    struct dj_study_report r;
    int64_t record = 0;
    if (!req->err.code)
        rc = study_reports_decide(req->db, &req->actor, id, approve, reason, &r, &record,
                                  &req->err);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if (rc)
        return rc;
    json_t *out = study_report_json(&r);
    if (out && record)
        json_object_set_new(out, "study_record_id", json_integer(record));
    return api_reply(resp, 200, out);
}

int api_study_reports_approve(struct dj_request *req, struct dj_response *resp)
{
    return decide(req, resp, true);
}

int api_study_reports_reject(struct dj_request *req, struct dj_response *resp)
{
    return decide(req, resp, false);
}
