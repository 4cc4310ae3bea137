/* api_bureaus: /api/v1/bureaus — the bureaus of a deployment, created and
 * managed by a province-level administrator, and the province's roll-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/bureaus.h"
#include "core/users.h"
#include "io/export.h"

int api_bureaus_list(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int rc = bureaus_list(req->db, &req->actor, &items, &req->err);
    if (rc)
        return rc;
    static const struct api_column cols[] = {
        {"id", "编号", DJ_COL_INT, NULL},      {"code", "单位代码", DJ_COL_TEXT, NULL},
        {"name", "单位", DJ_COL_TEXT, NULL},   {"status", "状态", DJ_COL_TEXT, NULL},
        {"created_at", "创建时间", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "单位");
}

int api_bureaus_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    struct dj_bureau b;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = bureaus_get(req->db, &req->actor, id, &b, &req->err)))
        return rc;
    return api_reply(resp, 200, bureau_json(&b));
}

int api_bureaus_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"name", "code", "admin_password", NULL};
    const char *name = NULL, *code = NULL, *password = NULL;
    api_unknown_fields(req, body, known);
    api_field_string(req, body, "name", true, &name);
    api_field_string(req, body, "code", true, &code);
    api_field_string(req, body, "admin_password", false, &password);
    if (req->err.code) {
        json_decref(body);
        return req->err.code;
    }
    struct dj_bureau b;
    char admin[DJ_NAME_MAX] = "", generated[DJ_GENERATED_PASSWORD_MAX] = "";
    rc = bureaus_create(req->db, req->app->cfg, &req->actor, name, code, password, &b, admin, generated,
                        &req->err);
    json_decref(body);
    if (rc)
        return rc;
    json_t *j = json_pack("{s:o, s:s}", "bureau", bureau_json(&b), "admin_username", admin);
    /* a generated password is shown this once; one given by the caller is not echoed */
    json_object_set_new(j, "admin_password", *generated ? json_string(generated) : json_null());
    sodium_memzero(generated, sizeof generated);
    return api_reply(resp, 201, j);
}

int api_bureaus_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"name", "status", NULL};
    const char *name = NULL, *status = NULL;
    api_unknown_fields(req, body, known);
    api_field_string(req, body, "name", false, &name);
    api_field_string(req, body, "status", false, &status);
    if (req->err.code) {
        json_decref(body);
        return req->err.code;
    }
    struct dj_bureau b;
    rc = bureaus_update(req->db, &req->actor, id, name, status, &b, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    return api_reply(resp, 200, bureau_json(&b));
}

/* the rate as hundredths for the DECIMAL2 cell */
static void rate_text(json_t *item, char *out, size_t size)
{
    json_t *r = json_object_get(item, "attendance_rate");
    if (json_is_number(r))
        snprintf(out, size, "%lld", (long long)(json_number_value(r) * 100.0 + 0.5));
    else
        snprintf(out, size, "%s", "");
}

int api_bureaus_rollup(struct dj_request *req, struct dj_response *resp)
{
    const char *y = api_query(req, "year");
    char *end = NULL;
    long year = y ? strtol(y, &end, 10) : 0;
    if (!y || !*y || *end)
        return dj_err_field(&req->err, "year", "请给出年份，例如 ?year=2026");
    json_t *items;
    int rc = bureaus_rollup(req->db, req->app->cfg, &req->actor, (int)year, &items, &req->err);
    if (rc)
        return rc;
    static const struct api_column cols[] = {
        {"code", "单位代码", DJ_COL_TEXT, NULL},
        {"name", "单位", DJ_COL_TEXT, NULL},
        {"status", "状态", DJ_COL_TEXT, NULL},
        {"staff", "在职人数", DJ_COL_INT, NULL},
        {"members", "党员", DJ_COL_INT, NULL},
        {"branches", "党支部", DJ_COL_INT, NULL},
        {"meetings", "组织生活会议", DJ_COL_INT, NULL},
        {"late_meetings", "其中补录", DJ_COL_INT, NULL},
        {"expected_attendance", "应到人次", DJ_COL_INT, NULL},
        {"present", "实到人次", DJ_COL_INT, NULL},
        {"attendance_rate", "到会率%", DJ_COL_DECIMAL2, rate_text},
        {"compliance_required", "应开（规则）", DJ_COL_INT, NULL},
        {"compliance_met", "已达标", DJ_COL_INT, NULL},
        {"lectures", "财政月讲堂", DJ_COL_INT, NULL},
        {"final_evaluations", "定稿考评", DJ_COL_INT, NULL},
        {"accounts", "账号", DJ_COL_INT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "各单位汇总");
}

int api_bureaus_settings_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *j;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = bureaus_settings_get(req->db, req->app->cfg, &req->actor, id, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

int api_bureaus_settings_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *j;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    rc = bureaus_settings_update(req->db, req->app->cfg, &req->actor, id, body, &j, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, j);
}
