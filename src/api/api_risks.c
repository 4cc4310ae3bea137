/* api_risks: /risk-points (廉政风险点) and /fund-processes (资金运行图). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/routes.h"
#include "core/risks.h"
#include "io/export.h"
#include "util/text.h"

/* An optional id field: absent leaves *has false; null is 0. */
static void id_field(struct dj_request *req, json_t *body, const char *name, bool *has, int64_t *out)
{
    json_t *v = json_object_get(body, name);
    *has = v != NULL;
    *out = 0;
    if (!v || json_is_null(v))
        return;
    if (json_is_integer(v) && json_integer_value(v) > 0)
        *out = json_integer_value(v);
    else
        dj_err_field(&req->err, name, "应为编号");
}

static void text_field(struct dj_request *req, json_t *body, const char *name, bool *has, char *dst,
                       size_t size)
{
    *has = json_object_get(body, name) != NULL;
    api_field_copy(req, body, name, dst, size);
}

int api_risks_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_risk_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    const char *v = api_query(req, "department_id");
    if (v && (dj_parse_int64(v, &f.department_id) || f.department_id <= 0))
        dj_err_field(&req->err, "department_id", "应为编号");
    f.level = api_query(req, "level");
    if (f.level && strcmp(f.level, "高") && strcmp(f.level, "中") && strcmp(f.level, "低"))
        dj_err_field(&req->err, "level", "应为 高、中 或 低");
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = risks_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"department", "科室", DJ_COL_TEXT, NULL},    {"post", "岗位", DJ_COL_TEXT, NULL},
        {"risk", "风险点", DJ_COL_TEXT, NULL},        {"level", "风险等级", DJ_COL_TEXT, NULL},
        {"measures", "防控措施", DJ_COL_TEXT, NULL},  {"owner", "责任人", DJ_COL_TEXT, NULL},
        {"reviewed_on", "最近评估", DJ_COL_DATE, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "廉政风险点");
}

static int parse_risk(struct dj_request *req, json_t *body, bool create, struct risk_input *in)
{
    static const char *const known[] = {"department_id", "post", "risk", "level", "measures",
                                        "owner_id", "reviewed_on", NULL};
    memset(in, 0, sizeof *in);
    api_unknown_fields(req, body, known);
    id_field(req, body, "department_id", &in->has_department, &in->department_id);
    id_field(req, body, "owner_id", &in->has_owner, &in->owner_id);
    text_field(req, body, "post", &in->has_post, in->post, sizeof in->post);
    text_field(req, body, "risk", &in->has_risk, in->risk, sizeof in->risk);
    text_field(req, body, "level", &in->has_level, in->level, sizeof in->level);
    text_field(req, body, "measures", &in->has_measures, in->measures, sizeof in->measures);
    text_field(req, body, "reviewed_on", &in->has_reviewed, in->reviewed_on, sizeof in->reviewed_on);
    if (create && !in->has_risk)
        dj_err_field(&req->err, "risk", "请填写风险内容");
    if (create && !in->has_level)
        dj_err_field(&req->err, "level", "请选择风险等级");
    return req->err.code;
}

int api_risks_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct risk_input in;
    if (!(rc = parse_risk(req, body, true, &in)))
        rc = risks_create(req->db, req->app->cfg, &req->actor, &in, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/risk-points/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_risks_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = risks_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_risks_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct risk_input in;
    if (!(rc = parse_risk(req, body, false, &in)))
        rc = risks_update(req->db, req->app->cfg, &req->actor, id, &in, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

/* ---- fund processes ---- */

static int parse_fund(struct dj_request *req, json_t *body, bool create, struct fund_input *in)
{
    static const char *const known[] = {"name", "description", "steps", NULL};
    memset(in, 0, sizeof *in);
    api_unknown_fields(req, body, known);
    text_field(req, body, "name", &in->has_name, in->name, sizeof in->name);
    text_field(req, body, "description", &in->has_description, in->description,
               sizeof in->description);
    json_t *steps = json_object_get(body, "steps");
    if ((in->has_steps = steps != NULL)) {
        if (!json_is_array(steps) || json_array_size(steps) > FUND_MAX_STEPS) {
            dj_err_field(&req->err, "steps", "应为至多 %d 个环节", FUND_MAX_STEPS);
            return req->err.code;
        }
        size_t i;
        json_t *s;
        json_array_foreach(steps, i, s) {
            static const char *const step_known[] = {"name", "department_id", "risk_point_ids", NULL};
            struct fund_step_input *st = &in->steps[in->nsteps++];
            const char *key;
            json_t *v;
            if (!json_is_object(s)) {
                dj_err_field(&req->err, "steps", "第 %zu 个环节应为对象", i + 1);
                continue;
            }
            json_object_foreach(s, key, v) {
                bool ok = false;
                for (int k = 0; step_known[k]; k++)
                    ok |= !strcmp(key, step_known[k]);
                if (!ok)
                    dj_err_field(&req->err, "steps", "未知的字段：%s", key);
            }
            const char *name = json_string_value(json_object_get(s, "name"));
            if (!name || strlen(name) >= sizeof st->name)
                dj_err_field(&req->err, "steps", "第 %zu 个环节的名称应为 1 至 20 个字", i + 1);
            else
                dj_copy(st->name, sizeof st->name, name);
            v = json_object_get(s, "department_id");
            if (json_is_integer(v) && json_integer_value(v) > 0)
                st->department_id = json_integer_value(v);
            else if (v && !json_is_null(v))
                dj_err_field(&req->err, "steps", "第 %zu 个环节的科室应为编号", i + 1);
            v = json_object_get(s, "risk_point_ids");
            if (v && (!json_is_array(v) || json_array_size(v) > FUND_MAX_STEP_RISKS)) {
                dj_err_field(&req->err, "steps", "第 %zu 个环节的风险点应为至多 %d 个编号", i + 1,
                             FUND_MAX_STEP_RISKS);
                continue;
            }
            size_t k;
            json_t *r;
            json_array_foreach(v, k, r) {
                if (!json_is_integer(r) || json_integer_value(r) <= 0) {
                    dj_err_field(&req->err, "steps", "第 %zu 个环节的风险点应为编号", i + 1);
                    break;
                }
                st->risks[st->nrisks++] = json_integer_value(r);
            }
        }
    }
    if (create && !in->has_name)
        dj_err_field(&req->err, "name", "请填写名称");
    return req->err.code;
}

int api_funds_list(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int rc = funds_list(req->db, &req->actor, &items, &req->err);
    if (rc)
        return rc;
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

int api_funds_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct fund_input *in = malloc(sizeof *in);
    if (!in) {
        json_decref(body);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    if (!(rc = parse_fund(req, body, true, in)))
        rc = funds_create(req->db, &req->actor, in, &out, &req->err);
    free(in);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/fund-processes/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_funds_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = funds_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_funds_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct fund_input *in = malloc(sizeof *in);
    if (!in) {
        json_decref(body);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    if (!(rc = parse_fund(req, body, false, in)))
        rc = funds_update(req->db, &req->actor, id, in, &out, &req->err);
    free(in);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

/* ---- 以案促改 ---- */

int api_cases_list(struct dj_request *req, struct dj_response *resp)
{
    int limit, offset;
    json_t *items;
    int64_t total = 0;
    int rc = api_paging(req, &limit, &offset);
    if (rc || (rc = cases_list(req->db, &req->actor, limit, offset, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"occurred_on", "案发日期", DJ_COL_DATE, NULL}, {"title", "案例", DJ_COL_TEXT, NULL},
        {"summary", "案情", DJ_COL_TEXT, NULL},         {"lessons", "警示教训", DJ_COL_TEXT, NULL},
        {"rectifications", "整改措施", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "以案促改");
}

static int parse_case(struct dj_request *req, json_t *body, bool create, struct case_input *in)
{
    static const char *const known[] = {"title", "occurred_on", "summary", "lessons",
                                        "rectifications", NULL};
    memset(in, 0, sizeof *in);
    api_unknown_fields(req, body, known);
    text_field(req, body, "title", &in->has_title, in->title, sizeof in->title);
    text_field(req, body, "occurred_on", &in->has_occurred, in->occurred_on, sizeof in->occurred_on);
    text_field(req, body, "summary", &in->has_summary, in->summary, sizeof in->summary);
    text_field(req, body, "lessons", &in->has_lessons, in->lessons, sizeof in->lessons);
    text_field(req, body, "rectifications", &in->has_rectifications, in->rectifications,
               sizeof in->rectifications);
    if (create && !in->has_title)
        dj_err_field(&req->err, "title", "请填写案例名称");
    return req->err.code;
}

int api_cases_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct case_input *in = malloc(sizeof *in);
    if (!in) {
        json_decref(body);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    if (!(rc = parse_case(req, body, true, in)))
        rc = cases_create(req->db, req->app->cfg, &req->actor, in, &out, &req->err);
    free(in);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/integrity-cases/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_cases_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = cases_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_cases_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct case_input *in = malloc(sizeof *in);
    if (!in) {
        json_decref(body);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    if (!(rc = parse_case(req, body, false, in)))
        rc = cases_update(req->db, req->app->cfg, &req->actor, id, in, &out, &req->err);
    free(in);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}
