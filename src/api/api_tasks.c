/* api_tasks: /tasks (task lists, progress reports, the 晒进度 board) and
 * /rectifications (整改台账).  JSON in and out; the rules are core/tasks and
 * core/rectifications. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/routes.h"
#include "core/rectifications.h"
#include "core/tasks.h"
#include "io/export.h"
#include "util/text.h"

static int query_id(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        return dj_err_field(&req->err, name, "应为编号");
    return 0;
}

static int query_year(struct dj_request *req, int *year)
{
    const char *v = api_query(req, "year");
    int64_t y = 0;
    *year = 0;
    if (v && (dj_parse_int64(v, &y) || y < 2000 || y > 2100))
        return dj_err_field(&req->err, "year", "应为年份，如 2026");
    *year = (int)y;
    return 0;
}

/* ---- tasks ---- */

static void line_text(json_t *item, char *out, size_t size)
{
    const char *v = json_string_value(json_object_get(item, "line"));
    dj_copy(out, size, v && !strcmp(v, "party") ? "党建工作" : "业务工作");
}

static void kind_text(json_t *item, char *out, size_t size)
{
    const char *v = json_string_value(json_object_get(item, "kind"));
    dj_copy(out, size, v && !strcmp(v, "key") ? "攻坚任务" : "年度任务");
}

static void owner_text(json_t *item, char *out, size_t size)
{
    const char *p = json_string_value(json_object_get(item, "owner_name"));
    const char *d = json_string_value(json_object_get(item, "owner_department_name"));
    snprintf(out, size, "%s%s%s", d ? d : "", d && *d && p && *p ? " " : "", p ? p : "");
}

int api_tasks_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_task_query q;
    memset(&q, 0, sizeof q);
    int rc = api_paging(req, &q.limit, &q.offset);
    if (rc)
        return rc;
    query_year(req, &q.year);
    query_id(req, "org_id", &q.org_id);
    query_id(req, "owner_person_id", &q.owner_person_id);
    q.line = api_query(req, "line");
    q.kind = api_query(req, "kind");
    q.status = api_query(req, "status");
    q.sort = api_query(req, "sort");
    q.mine = api_query_flag(req, "mine");
    const char *order = api_query(req, "order");
    if (order && strcmp(order, "asc") && strcmp(order, "desc"))
        dj_err_field(&req->err, "order", "应为 asc 或 desc");
    q.desc = order && !strcmp(order, "desc");
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = tasks_list(req->db, req->app->cfg, &req->actor, &q, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"year", "年度", DJ_COL_INT, NULL},
        {"org_name", "所属组织", DJ_COL_TEXT, NULL},
        {"title", "任务", DJ_COL_TEXT, NULL},
        {"line", "条线", DJ_COL_TEXT, line_text},
        {"kind", "类别", DJ_COL_TEXT, kind_text},
        {"owner_name", "责任人（单位）", DJ_COL_TEXT, owner_text},
        {"start_on", "开始日期", DJ_COL_DATE, NULL},
        {"due_on", "截止日期", DJ_COL_DATE, NULL},
        {"weight", "权重", DJ_COL_INT, NULL},
        {"percent", "进度（%）", DJ_COL_INT, NULL},
        {"status_label", "状态", DJ_COL_TEXT, NULL},
        {"done_on", "完成日期", DJ_COL_DATE, NULL},
        {"last_reported_on", "最近报告", DJ_COL_DATE, NULL},
        {"public", "公开", DJ_COL_TEXT, NULL},
        {"description", "说明", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "任务清单");
}

static const char *const task_fields[] = {"org_id", "year", "title", "description", "line", "kind",
                                          "owner_person_id", "owner_department_id", "start_on",
                                          "due_on", "weight", "milestones", "public", NULL};

int api_tasks_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    if (!(rc = api_unknown_fields(req, body, task_fields)))
        rc = tasks_create(req->db, req->app->cfg, &req->actor, body, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/tasks/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_tasks_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = tasks_get_json(req->db, req->app->cfg, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_tasks_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if (!(rc = api_unknown_fields(req, body, task_fields)))
        rc = tasks_update(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_tasks_report(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"percent", "note", NULL};
    json_t *pct = json_object_get(body, "percent");
    const char *note = NULL;
    if (!(rc = api_unknown_fields(req, body, known)) && !json_is_integer(pct))
        rc = dj_err_field(&req->err, "percent", "请填写进度（0 至 100 的整数）");
    if (!rc)
        rc = api_field_string(req, body, "note", false, &note);
    /* out of 0..100 stays out of it (core refuses it) without overflowing an int */
    json_int_t p = json_integer_value(pct);
    if (!rc)
        rc = tasks_report(req->db, req->app->cfg, &req->actor, id, p < 0 ? -1 : p > 100 ? 101 : (int)p,
                          note ? note : "", &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, out);
}

int api_tasks_board(struct dj_request *req, struct dj_response *resp)
{
    int year;
    json_t *out;
    int rc = query_year(req, &year);
    if (rc || (rc = tasks_board(req->db, req->app->cfg, &req->actor, year, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_tasks_import(struct dj_request *req, struct dj_response *resp)
{
    const char *data;
    size_t len;
    json_t *result;
    int rc = api_upload_data(req, &data, &len);
    if (rc || (rc = tasks_import(req->db, &req->actor, data, len, api_query_flag(req, "dry_run"), &result,
                                 &req->err)))
        return rc;
    return api_reply(resp, 200, result);
}

/* ---- rectifications ---- */

int api_rectifications_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_rect_query q;
    memset(&q, 0, sizeof q);
    int rc = api_paging(req, &q.limit, &q.offset);
    if (rc)
        return rc;
    query_id(req, "owner_person_id", &q.owner_person_id);
    q.source = api_query(req, "source");
    q.status = api_query(req, "status");
    q.mine = api_query_flag(req, "mine");
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = rects_list(req->db, req->app->cfg, &req->actor, &q, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"org_name", "所属组织", DJ_COL_TEXT, NULL},
        {"source_label", "问题来源", DJ_COL_TEXT, NULL},
        {"problem", "问题", DJ_COL_TEXT, NULL},
        {"owner_name", "整改责任人", DJ_COL_TEXT, NULL},
        {"measures", "整改措施", DJ_COL_TEXT, NULL},
        {"found_on", "发现日期", DJ_COL_DATE, NULL},
        {"due_on", "整改期限", DJ_COL_DATE, NULL},
        {"status_label", "状态", DJ_COL_TEXT, NULL},
        {"closed_on", "销号日期", DJ_COL_DATE, NULL},
        {"closed_by", "销号审核人", DJ_COL_TEXT, NULL},
        {"close_note", "销号意见", DJ_COL_TEXT, NULL},
        {"reopened", "退回次数", DJ_COL_INT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "整改台账");
}

static const char *const rect_fields[] = {"org_id", "source", "problem", "owner_person_id",
                                          "measures", "found_on", "due_on", NULL};

int api_rectifications_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    if (!(rc = api_unknown_fields(req, body, rect_fields)))
        rc = rects_create(req->db, req->app->cfg, &req->actor, body, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/rectifications/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_rectifications_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = rects_get_json(req->db, req->app->cfg, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_rectifications_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if (!(rc = api_unknown_fields(req, body, rect_fields)))
        rc = rects_update(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

/* close {note} or reopen {reason} */
static int close_or_reopen(struct dj_request *req, struct dj_response *resp, bool close)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    const char *field = close ? "note" : "reason";
    const char *const known[] = {field, NULL};
    const char *text = NULL;
    if (!(rc = api_unknown_fields(req, body, known)))
        rc = api_field_string(req, body, field, false, &text);
    if (!rc)
        rc = close ? rects_close(req->db, req->app->cfg, &req->actor, id, text, &out, &req->err)
                   : rects_reopen(req->db, req->app->cfg, &req->actor, id, text, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_rectifications_close(struct dj_request *req, struct dj_response *resp)
{
    return close_or_reopen(req, resp, true);
}

int api_rectifications_reopen(struct dj_request *req, struct dj_response *resp)
{
    return close_or_reopen(req, resp, false);
}
