/* api_inspections: supervision of conduct — /conduct-rules (十不准 and the
 * bureau's other rules), /inspections with their /findings, /findings
 * (a person's own with ?mine=1: 日提醒), /findings/bulletin (月通报),
 * /inspections/statistics and /conduct-reviews (季讲评). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/conduct.h"
#include "core/inspections.h"
#include "io/export.h"
#include "util/text.h"

#define NCOLS(a) ((int)(sizeof a / sizeof a[0]))

static int query_id(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        return dj_err_field(&req->err, name, "应为编号");
    return 0;
}

/* ---- rules ---- */

static void severity_points_text(json_t *item, char *out, size_t size)
{
    snprintf(out, size, "%s", json_is_true(json_object_get(item, "veto")) ? "是" : "否");
}

int api_conduct_rules_list(struct dj_request *req, struct dj_response *resp)
{
    const char *on = api_query(req, "on");
    json_t *items;
    int rc = conduct_rules_list(req->db, &req->actor, on, &items, &req->err);
    if (rc)
        return rc;
    static const struct api_column cols[] = {
        {"rule_set", "规定", DJ_COL_TEXT, NULL},        {"seq", "序号", DJ_COL_INT, NULL},
        {"code", "代码", DJ_COL_TEXT, NULL},            {"text", "条款", DJ_COL_TEXT, NULL},
        {"severity", "情节", DJ_COL_TEXT, NULL},        {"deduct_points", "每次扣分", DJ_COL_DECIMAL2, NULL},
        {"veto", "否决标兵", DJ_COL_TEXT, severity_points_text}, {"valid_from", "生效日期", DJ_COL_DATE, NULL},
        {"valid_to", "停止日期", DJ_COL_DATE, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols, NCOLS(cols), "行为规范");
}

static const char *const rule_fields[] = {"rule_set", "code", "seq", "text", "severity", "deduct_points",
                                          "veto", "valid_from", "valid_to", "new_version", NULL};

/* The fields of a rule in body over r. */
static int rule_fields_read(struct dj_request *req, json_t *body, struct dj_conduct_rule *r)
{
    api_unknown_fields(req, body, rule_fields);
    api_field_copy(req, body, "rule_set", r->rule_set, sizeof r->rule_set);
    api_field_copy(req, body, "text", r->text, sizeof r->text);
    api_field_copy(req, body, "severity", r->severity, sizeof r->severity);
    api_field_copy(req, body, "valid_from", r->valid_from, sizeof r->valid_from);
    api_field_copy(req, body, "valid_to", r->valid_to, sizeof r->valid_to);
    api_field_centi(req, body, "deduct_points", 0, &r->deduct_points);
    json_t *v = json_object_get(body, "seq");
    if (v && !json_is_integer(v))
        dj_err_field(&req->err, "seq", "应为整数");
    else if (v)
        r->seq = (int)json_integer_value(v);
    v = json_object_get(body, "veto");
    if (v && !json_is_boolean(v))
        dj_err_field(&req->err, "veto", "应为 true 或 false");
    else if (v)
        r->veto = json_is_true(v);
    return (int)req->err.code;
}

int api_conduct_rules_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_conduct_rule r;
    memset(&r, 0, sizeof r);
    rule_fields_read(req, body, &r);
    api_field_copy(req, body, "code", r.code, sizeof r.code);
    if (json_object_get(body, "new_version"))
        dj_err_field(&req->err, "new_version", "未知的字段");
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = conduct_rule_create(req->db, req->app->cfg, &req->actor, &r, &req->err)))
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/conduct-rules/%lld", (long long)r.id);
    return api_reply(resp, 201, conduct_rule_json(&r));
}

int api_conduct_rules_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    /* what is not sent stays: start from the stored rule */
    struct dj_conduct_rule cur, out;
    if ((rc = conduct_rule_get(req->db, &req->actor, id, &cur, &req->err))) {
        json_decref(body);
        return rc;
    }
    bool new_version = json_is_true(json_object_get(body, "new_version"));
    if (json_object_get(body, "code"))
        dj_err_field(&req->err, "code", "条款代码不能修改");
    if (new_version && !json_object_get(body, "valid_from"))
        dj_err_field(&req->err, "valid_from", "新版本请填写生效日期");
    rule_fields_read(req, body, &cur);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = conduct_rule_update(req->db, req->app->cfg, &req->actor, id, &cur, new_version, &out, &req->err)))
        return rc;
    return api_reply(resp, new_version ? 201 : 200, conduct_rule_json(&out));
}

/* ---- inspections ---- */

static void kind_text(json_t *item, char *out, size_t size)
{
    const char *k = json_string_value(json_object_get(item, "kind"));
    snprintf(out, size, "%s", k && !strcmp(k, "daily") ? "日常巡查" : "专项抽查");
}

int api_inspections_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_inspection_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    f.kind = api_query(req, "kind");
    if (f.kind && strcmp(f.kind, "daily") && strcmp(f.kind, "spot"))
        dj_err_field(&req->err, "kind", "应为 daily 或 spot");
    api_date_range(req, &f.from, &f.to);
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = inspections_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"held_on", "日期", DJ_COL_DATE, NULL},       {"kind", "类型", DJ_COL_TEXT, kind_text},
        {"org_name", "检查组织", DJ_COL_TEXT, NULL},  {"place", "地点", DJ_COL_TEXT, NULL},
        {"department_name", "科室", DJ_COL_TEXT, NULL}, {"inspectors", "检查人", DJ_COL_TEXT, NULL},
        {"findings", "发现问题", DJ_COL_INT, NULL},   {"confirmed", "已认定", DJ_COL_INT, NULL},
        {"note", "说明", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, NCOLS(cols), "监督检查");
}

int api_inspections_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"org_id", "kind", "held_on", "place", "department_id",
                                        "inspectors", "note", NULL};
    api_unknown_fields(req, body, known);
    struct dj_inspection r;
    memset(&r, 0, sizeof r);
    json_t *v = json_object_get(body, "org_id");
    if (v && !json_is_null(v) && !(json_is_integer(v) && json_integer_value(v) > 0))
        dj_err_field(&req->err, "org_id", "应为组织编号");
    else if (v && json_is_integer(v))
        r.org_id = json_integer_value(v);
    v = json_object_get(body, "department_id");
    if (v && !json_is_null(v) && !(json_is_integer(v) && json_integer_value(v) > 0))
        dj_err_field(&req->err, "department_id", "应为科室编号");
    else if (v && json_is_integer(v))
        r.department_id = json_integer_value(v);
    api_field_copy(req, body, "kind", r.kind, sizeof r.kind);
    api_field_copy(req, body, "held_on", r.held_on, sizeof r.held_on);
    api_field_copy(req, body, "place", r.place, sizeof r.place);
    api_field_copy(req, body, "inspectors", r.inspectors, sizeof r.inspectors);
    api_field_copy(req, body, "note", r.note, sizeof r.note);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = inspection_create(req->db, req->app->cfg, &req->actor, &r, &req->err)))
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/inspections/%lld", (long long)r.id);
    return api_reply(resp, 201, inspection_json(&r));
}

int api_inspections_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = inspection_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_inspections_statistics(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = inspections_statistics(req->db, &req->actor, api_query(req, "year"), &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

/* ---- findings ---- */

int api_findings_create(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"rule_id", "person_ids", "unit_org_id", "description", NULL};
    api_unknown_fields(req, body, known);
    struct finding_input in;
    memset(&in, 0, sizeof in);
    int64_t people[21];
    json_t *v = json_object_get(body, "rule_id");
    if (json_is_integer(v) && json_integer_value(v) > 0)
        in.rule_id = json_integer_value(v);
    else
        dj_err_field(&req->err, "rule_id", "请选择违反的条款");
    v = json_object_get(body, "unit_org_id");
    if (v && !json_is_null(v) && !(json_is_integer(v) && json_integer_value(v) > 0))
        dj_err_field(&req->err, "unit_org_id", "应为支部编号");
    else if (v && json_is_integer(v))
        in.unit_org_id = json_integer_value(v);
    v = json_object_get(body, "person_ids");
    if (v && !json_is_array(v)) {
        dj_err_field(&req->err, "person_ids", "应为人员编号的列表");
    } else if (v) {
        size_t i;
        json_t *p;
        json_array_foreach(v, i, p) {
            if (!json_is_integer(p) || json_integer_value(p) <= 0) {
                dj_err_field(&req->err, "person_ids", "应为人员编号的列表");
                break;
            }
            if (in.npeople < 21)
                people[in.npeople++] = json_integer_value(p);
        }
    }
    in.person_ids = people;
    api_field_string(req, body, "description", true, &in.description);
    json_t *out = NULL;
    if (!req->err.code)
        rc = finding_create(req->db, &req->actor, id, &in, &out, &req->err);
    json_decref(body);
    if (req->err.code || rc)
        return req->err.code ? (int)req->err.code : rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/findings/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

static void state_text(json_t *item, char *out, size_t size)
{
    const char *s = json_string_value(json_object_get(item, "state"));
    snprintf(out, size, "%s", !s ? "" : !strcmp(s, "confirmed") ? "已认定" : !strcmp(s, "dismissed") ? "已撤销" : "待认定");
}

static const struct api_column finding_cols[] = {
    {"found_on", "日期", DJ_COL_DATE, NULL},
    {"org_name", "支部", DJ_COL_TEXT, NULL},
    {"department_name", "科室", DJ_COL_TEXT, NULL},
    {"people_names", "人员", DJ_COL_TEXT, NULL},
    {"rule_set", "规定", DJ_COL_TEXT, NULL},
    {"rule_text", "违反条款", DJ_COL_TEXT, NULL},
    {"severity", "情节", DJ_COL_TEXT, NULL},
    {"deduct_points", "扣分", DJ_COL_DECIMAL2, NULL},
    {"description", "问题", DJ_COL_TEXT, NULL},
    {"explanation", "本人说明", DJ_COL_TEXT, NULL},
    {"state", "状态", DJ_COL_TEXT, state_text},
    {"decision_note", "认定意见", DJ_COL_TEXT, NULL},
};

int api_findings_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_finding_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    query_id(req, "org_id", &f.org_id);
    query_id(req, "rule_id", &f.rule_id);
    query_id(req, "inspection_id", &f.inspection_id);
    f.state = api_query(req, "state");
    if (f.state && strcmp(f.state, "open") && strcmp(f.state, "confirmed") && strcmp(f.state, "dismissed"))
        dj_err_field(&req->err, "state", "应为 open、confirmed 或 dismissed");
    api_date_range(req, &f.from, &f.to);
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = findings_list(req->db, &req->actor, &f, api_query_flag(req, "mine"), &items, &total, &req->err)))
        return rc;
    return api_reply_items(req, resp, items, total, finding_cols, NCOLS(finding_cols), "检查发现问题");
}

int api_findings_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = finding_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_findings_explain(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"explanation", NULL};
    api_unknown_fields(req, body, known);
    const char *text = NULL;
    api_field_string(req, body, "explanation", true, &text);
    if (!req->err.code)
        rc = finding_explain(req->db, &req->actor, id, text, &out, &req->err);
    json_decref(body);
    if (req->err.code || rc)
        return req->err.code ? (int)req->err.code : rc;
    return api_reply(resp, 200, out);
}

int api_findings_decide(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"state", "note", NULL};
    api_unknown_fields(req, body, known);
    const char *state = NULL, *note = NULL;
    api_field_string(req, body, "state", true, &state);
    api_field_string(req, body, "note", false, &note);
    if (!req->err.code)
        rc = finding_decide(req->db, &req->actor, id, state, note, &out, &req->err);
    json_decref(body);
    if (req->err.code || rc)
        return req->err.code ? (int)req->err.code : rc;
    return api_reply(resp, 200, out);
}

int api_findings_bulletin(struct dj_request *req, struct dj_response *resp)
{
    int format;
    json_t *out = NULL, *items = NULL;
    int rc = api_export_format(req, &format);
    if (rc || (rc = findings_bulletin(req->db, &req->actor, api_query(req, "month"), &out, &items, &req->err)))
        return rc;
    if (format) {
        /* the bulletin's sheet: the month's confirmed findings */
        json_decref(out);
        return api_reply_items(req, resp, items, (int64_t)json_array_size(items), finding_cols,
                               NCOLS(finding_cols), "督查通报");
    }
    json_object_set_new(out, "items", items);
    return api_reply(resp, 200, out);
}

/* ---- 季讲评 ---- */

int api_conduct_reviews_list(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int rc = conduct_reviews_list(req->db, &req->actor, api_query(req, "period"), &items, &req->err);
    return rc ? rc : api_reply_list(resp, items, (int64_t)json_array_size(items));
}

int api_conduct_reviews_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"period", "held_on", "title", "conclusions", "finding_ids", NULL};
    api_unknown_fields(req, body, known);
    struct dj_conduct_review r;
    memset(&r, 0, sizeof r);
    api_field_copy(req, body, "period", r.period, sizeof r.period);
    api_field_copy(req, body, "held_on", r.held_on, sizeof r.held_on);
    api_field_copy(req, body, "title", r.title, sizeof r.title);
    api_field_copy(req, body, "conclusions", r.conclusions, sizeof r.conclusions);
    int64_t ids[200];
    int n = 0;
    json_t *v = json_object_get(body, "finding_ids");
    if (v && (!json_is_array(v) || json_array_size(v) > 200)) {
        dj_err_field(&req->err, "finding_ids", "应为最多 200 个问题编号的列表");
    } else if (v) {
        size_t i;
        json_t *p;
        json_array_foreach(v, i, p) {
            if (!json_is_integer(p) || json_integer_value(p) <= 0) {
                dj_err_field(&req->err, "finding_ids", "应为问题编号的列表");
                break;
            }
            ids[n++] = json_integer_value(p);
        }
    }
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    json_t *out;
    if ((rc = conduct_review_create(req->db, req->app->cfg, &req->actor, &r, ids, n, &out, &req->err)))
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/conduct-reviews/%lld", (long long)r.id);
    return api_reply(resp, 201, out);
}
