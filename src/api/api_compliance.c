/* api_compliance: /api/v1/meeting-rules, /api/v1/compliance?period=, /api/v1/warnings. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "core/compliance.h"
#include "core/statistics.h"
#include "io/export.h"
#include "util/text.h"

static void text_frequency(json_t *item, char *out, size_t size)
{
    const char *f = json_string_value(json_object_get(item, "frequency"));
    dj_copy(out, size, !f ? "" : !strcmp(f, "month") ? "每月" : !strcmp(f, "quarter") ? "每季度" : "每年");
}

static void text_in_force(json_t *item, char *out, size_t size)
{
    dj_copy(out, size, json_is_true(json_object_get(item, "in_force")) ? "生效" : "已被替代或停用");
}

int api_rules_list(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int format;
    int rc = api_export_format(req, &format);
    if (rc || (rc = compliance_rules(req->db, &req->actor, &items, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"kind_name", "会议类型", DJ_COL_TEXT, NULL},      {"org_type", "组织类型", DJ_COL_TEXT, NULL},
        {"frequency", "频次", DJ_COL_TEXT, text_frequency}, {"times", "次数", DJ_COL_INT, NULL},
        {"source", "依据", DJ_COL_TEXT, NULL},            {"effective_from", "生效日期", DJ_COL_DATE, NULL},
        {"in_force", "状态", DJ_COL_TEXT, text_in_force},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "组织生活规则");
}

static int parse_rule(struct dj_request *req, json_t *body, struct dj_meeting_rule *r, bool create)
{
    static const char *const known[] = {"kind_id", "org_type", "frequency", "times", "source",
                                        "effective_from", "active", NULL};
    const char *key, *s;
    json_t *v;
    json_object_foreach(body, key, v) {
        bool ok = false;
        for (int i = 0; known[i]; i++)
            ok |= !strcmp(key, known[i]) && (create || (strcmp(key, "kind_id") && strcmp(key, "org_type")));
        if (!ok)
            dj_err_field(&req->err, key, "未知或不可修改的字段");
    }
    if (create) {
        json_t *k = json_object_get(body, "kind_id");
        if (!json_is_integer(k))
            dj_err_field(&req->err, "kind_id", "请选择会议类型");
        else
            r->kind_id = json_integer_value(k);
        if (api_field_string(req, body, "org_type", true, &s) == 0 && s)
            dj_copy(r->org_type, sizeof r->org_type, s);
    }
    if (api_field_string(req, body, "frequency", create, &s) == 0 && s)
        dj_copy(r->frequency, sizeof r->frequency, s);
    json_t *t = json_object_get(body, "times");
    if (t && !json_is_integer(t))
        dj_err_field(&req->err, "times", "应为整数");
    else if (t)
        r->times = (int)json_integer_value(t);
    else if (create)
        r->times = 1;
    if (api_field_string(req, body, "source", false, &s) == 0 && s)
        dj_copy(r->source, sizeof r->source, s);
    if (api_field_string(req, body, "effective_from", false, &s) == 0 && s)
        dj_copy(r->effective_from, sizeof r->effective_from, s);
    json_t *a = json_object_get(body, "active");
    if (a && !json_is_boolean(a))
        dj_err_field(&req->err, "active", "应为 true 或 false");
    else if (a)
        r->active = json_is_true(a);
    else if (create)
        r->active = true;
    return req->err.code;
}

int api_rules_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_meeting_rule r;
    memset(&r, 0, sizeof r);
    if (!(rc = parse_rule(req, body, &r, true)))
        rc = compliance_rule_save(req->db, req->app->cfg, &req->actor, &r, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/meeting-rules/%lld", (long long)r.id);
    return api_reply(resp, 201, rule_json(&r));
}

int api_rules_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    struct dj_meeting_rule r;
    if ((rc = compliance_rule_get(req->db, &req->actor, id, &r, &req->err)) == 0 &&
        !(rc = parse_rule(req, body, &r, false)))
        rc = compliance_rule_save(req->db, req->app->cfg, &req->actor, &r, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    return api_reply(resp, 200, rule_json(&r));
}

int api_rules_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    struct dj_meeting_rule r;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = compliance_rule_get(req->db, &req->actor, id, &r, &req->err)))
        return rc;
    return api_reply(resp, 200, rule_json(&r));
}

/* One line per branch, rule (and group) and window, for the spreadsheet. */
static json_t *board_lines(json_t *board)
{
    static const char *const labels[][2] = {{"met", "已完成"}, {"missed", "未完成"}, {"pending", "进行中"}};
    json_t *lines = json_array();
    size_t i, j, k;
    json_t *b, *r, *w;
    json_array_foreach(json_object_get(board, "branches"), i, b) {
        json_array_foreach(json_object_get(b, "rules"), j, r) {
            json_array_foreach(json_object_get(r, "windows"), k, w) {
                const char *st = json_string_value(json_object_get(w, "status"));
                for (int l = 0; l < 3; l++)
                    if (!strcmp(st, labels[l][0]))
                        st = labels[l][1];
                json_t *group = json_object_get(r, "group");
                json_array_append_new(
                    lines, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:s}", "branch",
                                     json_object_get(b, "name"), "kind", json_object_get(r, "kind_name"),
                                     "group", group ? group : json_null(), "from",
                                     json_object_get(w, "from"), "to", json_object_get(w, "to"),
                                     "times", json_object_get(r, "times"), "held",
                                     json_object_get(w, "held"), "late", json_object_get(w, "late"),
                                     "status", st));
            }
        }
    }
    return lines;
}

int api_compliance_board(struct dj_request *req, struct dj_response *resp)
{
    json_t *board;
    int format;
    char range[DJ_PERIOD_LEN];
    const char *period;
    int rc = api_export_format(req, &format);
    if (rc || (rc = api_query_period(req, "period", range, &period)) ||
        (rc = compliance_board(req->db, req->app->cfg, &req->actor, period, &board, &req->err)))
        return rc;
    if (!format)
        return api_reply(resp, 200, board);
    static const struct api_column cols[] = {
        {"branch", "党支部", DJ_COL_TEXT, NULL}, {"kind", "会议类型", DJ_COL_TEXT, NULL},
        {"group", "党小组", DJ_COL_TEXT, NULL},  {"from", "期间开始", DJ_COL_DATE, NULL},
        {"to", "期间结束", DJ_COL_DATE, NULL},   {"times", "应开次数", DJ_COL_INT, NULL},
        {"held", "已开次数", DJ_COL_INT, NULL},  {"late", "其中补录", DJ_COL_INT, NULL},
        {"status", "状态", DJ_COL_TEXT, NULL},
    };
    json_t *lines = board_lines(board);
    json_decref(board);
    return api_reply_items(req, resp, lines, (int64_t)json_array_size(lines), cols,
                           (int)(sizeof cols / sizeof cols[0]), "组织生活落实情况");
}

int api_statistics_attendance(struct dj_request *req, struct dj_response *resp)
{
    int64_t person = 0;
    const char *v = api_query(req, "person_id");
    if (v && (dj_parse_int64(v, &person) || person <= 0))
        return dj_err_field(&req->err, "person_id", "应为人员编号");
    int format;
    json_t *items;
    char range[DJ_PERIOD_LEN];
    const char *period;
    int rc = api_export_format(req, &format);
    if (rc || (rc = api_query_period(req, "period", range, &period)) ||
        (rc = statistics_attendance(req->db, &req->actor, period, person, &items, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"staff_no", "工号", DJ_COL_TEXT, NULL},  {"name", "姓名", DJ_COL_TEXT, NULL},
        {"branch", "党支部", DJ_COL_TEXT, NULL},  {"expected", "应到次数", DJ_COL_INT, NULL},
        {"attended", "实到次数", DJ_COL_INT, NULL}, {"late", "其中迟到", DJ_COL_INT, NULL},
        {"leave", "请假", DJ_COL_INT, NULL},       {"absent", "缺席", DJ_COL_INT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "组织生活出勤统计");
}

static void text_severity(json_t *item, char *out, size_t size)
{
    const char *v = json_string_value(json_object_get(item, "severity"));
    dj_copy(out, size, v && !strcmp(v, "high") ? "紧急" : "一般");
}

int api_warnings(struct dj_request *req, struct dj_response *resp)
{
    if (api_query(req, "state"))
        return api_warnings_stored(req, resp); /* the warnings engine's stored warnings (api_warnings.c) */
    json_t *items;
    int format;
    int rc = api_export_format(req, &format);
    if (rc || (rc = compliance_warnings(req->db, req->app->cfg, &req->actor, &items, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"due", "期限", DJ_COL_DATE, NULL},
        {"severity", "级别", DJ_COL_TEXT, text_severity},
        {"message", "提醒", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "预警提醒");
}
