/* api_warnings: the stored warnings (GET /warnings?state=..., /warnings/{id},
 * acknowledge, dismiss, refresh), /warning-rules, /inbox and /announcements
 * (issue 17, items 1 and 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/routes.h"
#include "core/inbox.h"
#include "core/warning_rules.h"
#include "core/warnings.h"
#include "io/export.h"
#include "util/text.h"

static void id_query(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        dj_err_field(&req->err, name, "应为编号");
}

static void text_state(json_t *item, char *out, size_t size)
{
    static const char *const names[][2] = {
        {"open", "待处理"}, {"acknowledged", "已确认"}, {"resolved", "已自动解除"}, {"dismissed", "已撤销"}};
    const char *v = json_string_value(json_object_get(item, "state"));
    dj_copy(out, size, v ? v : "");
    for (size_t i = 0; v && i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(v, names[i][0]))
            dj_copy(out, size, names[i][1]);
}

static void text_severity(json_t *item, char *out, size_t size)
{
    const char *v = json_string_value(json_object_get(item, "severity"));
    dj_copy(out, size, v && !strcmp(v, "high") ? "紧急" : "一般");
}

int api_warnings_stored(struct dj_request *req, struct dj_response *resp)
{
    struct warnings_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    static const char *const states[] = {"open", "acknowledged", "resolved", "dismissed", "live", "all"};
    f.state = api_query(req, "state");
    bool known = false;
    for (size_t i = 0; f.state && i < sizeof states / sizeof states[0]; i++)
        known |= !strcmp(f.state, states[i]);
    if (!known)
        dj_err_field(&req->err, "state", "应为 open、acknowledged、resolved、dismissed、live 或 all");
    f.code = api_query(req, "code");
    f.severity = api_query(req, "severity");
    if (f.severity && strcmp(f.severity, "high") && strcmp(f.severity, "normal"))
        dj_err_field(&req->err, "severity", "应为 high 或 normal");
    id_query(req, "org_id", &f.org_id);
    id_query(req, "person_id", &f.person_id);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total;
    if ((rc = warnings_list(req->db, req->app->cfg, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"rule_name", "规则", DJ_COL_TEXT, NULL},   {"org_name", "组织", DJ_COL_TEXT, NULL},
        {"person_name", "人员", DJ_COL_TEXT, NULL}, {"due", "期限", DJ_COL_DATE, NULL},
        {"severity", "级别", DJ_COL_TEXT, text_severity}, {"message", "提醒", DJ_COL_TEXT, NULL},
        {"state", "状态", DJ_COL_TEXT, text_state}, {"first_seen", "首次发现", DJ_COL_TEXT, NULL},
        {"reason", "撤销理由", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "预警台账");
}

int api_warnings_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = warnings_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

/* acknowledge: {"note"} optional; dismiss: {"reason"} required */
static int state_change(struct dj_request *req, struct dj_response *resp, bool dismiss)
{
    int64_t id;
    json_t *body = NULL, *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const ack_known[] = {"note", NULL}, *const dismiss_known[] = {"reason", NULL};
    api_unknown_fields(req, body, dismiss ? dismiss_known : ack_known);
    const char *text = NULL;
    api_field_string(req, body, dismiss ? "reason" : "note", false, &text);
    if (!(rc = req->err.code))
        rc = dismiss ? warnings_dismiss(req->db, &req->actor, id, text, &out, &req->err)
                     : warnings_acknowledge(req->db, &req->actor, id, text, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_warnings_acknowledge(struct dj_request *req, struct dj_response *resp)
{
    return state_change(req, resp, false);
}

int api_warnings_dismiss(struct dj_request *req, struct dj_response *resp)
{
    return state_change(req, resp, true);
}

int api_warnings_refresh(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = warnings_refresh_now(req->db, req->app->cfg, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_warning_rules_list(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int rc = warning_rules_list(req->db, &req->actor, &items, &req->err);
    return rc ? rc : api_reply_list(resp, items, (int64_t)json_array_size(items));
}

int api_warning_rules_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body = NULL, *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"threshold", "recipients", "severity", "enabled", NULL};
    if (!(rc = api_unknown_fields(req, body, known)))
        rc = warning_rules_update(req->db, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_inbox_list(struct dj_request *req, struct dj_response *resp)
{
    int limit, offset;
    int rc = api_paging(req, &limit, &offset);
    if (rc)
        return rc;
    json_t *items;
    int64_t total;
    if ((rc = inbox_list(req->db, &req->actor, api_query_flag(req, "unread"), limit, offset, &items, &total,
                         &req->err)))
        return rc;
    return api_reply_list(resp, items, total);
}

int api_inbox_unread(struct dj_request *req, struct dj_response *resp)
{
    int64_t n;
    int rc = inbox_unread(req->db, &req->actor, &n, &req->err);
    return rc ? rc : api_reply(resp, 200, json_pack("{s:I}", "unread", (json_int_t)n));
}

static int mark(struct dj_request *req, struct dj_response *resp, bool read)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = inbox_mark(req->db, &req->actor, id, read, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_inbox_read(struct dj_request *req, struct dj_response *resp)
{
    return mark(req, resp, true);
}

int api_inbox_unread_mark(struct dj_request *req, struct dj_response *resp)
{
    return mark(req, resp, false);
}

int api_inbox_read_all(struct dj_request *req, struct dj_response *resp)
{
    int64_t changed;
    int rc = inbox_mark_all(req->db, &req->actor, &changed, &req->err);
    return rc ? rc : api_reply(resp, 200, json_pack("{s:I}", "changed", (json_int_t)changed));
}

int api_announcements_list(struct dj_request *req, struct dj_response *resp)
{
    int limit, offset;
    int rc = api_paging(req, &limit, &offset);
    if (rc)
        return rc;
    json_t *items;
    int64_t total;
    if ((rc = announcements_list(req->db, &req->actor, limit, offset, &items, &total, &req->err)))
        return rc;
    return api_reply_list(resp, items, total);
}

int api_announcements_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body = NULL, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"org_id", "role", "title", "body", NULL};
    api_unknown_fields(req, body, known);
    struct announcement_input in;
    memset(&in, 0, sizeof in);
    json_t *org = json_object_get(body, "org_id");
    if (org && !json_is_null(org)) {
        if (json_is_integer(org) && json_integer_value(org) > 0)
            in.org_id = json_integer_value(org);
        else
            dj_err_field(&req->err, "org_id", "应为编号");
    }
    api_field_string(req, body, "role", false, &in.role);
    api_field_string(req, body, "title", true, &in.title);
    api_field_string(req, body, "body", false, &in.body);
    if (!(rc = req->err.code))
        rc = announcements_create(req->db, req->app->cfg, &req->actor, &in, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/announcements/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}
