/* api_notify: /notify/settings, /notify/preferences, /notify/test,
 * /deliveries (the delivery log) and /jobs/daily-reminder/run (issue 17). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/routes.h"
#include "core/notify_daily.h"
#include "core/notify_outbox.h"
#include "core/notify_settings.h"
#include "io/export.h"
#include "util/text.h"

int api_notify_settings_get(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = notify_settings_get(req->db, req->app->secret, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_notify_settings_put(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    rc = notify_settings_put(req->db, req->app->secret, &req->actor, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_notify_prefs_get(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = notify_prefs_get(req->db, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_notify_prefs_put(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    rc = notify_prefs_put(req->db, &req->actor, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_notify_test(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"channel", "to", NULL};
    api_unknown_fields(req, body, known);
    const char *channel = json_string_value(json_object_get(body, "channel"));
    json_t *to = json_object_get(body, "to");
    if (to && !json_is_string(to) && !json_is_null(to))
        dj_err_field(&req->err, "to", "应为文字");
    if (!req->err.code)
        rc = notify_test_send(req->db, req->app->cfg, req->app->secret, &req->actor, channel,
                              json_string_value(to), &out, &req->err);
    else
        rc = req->err.code;
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

static int one_of(struct dj_request *req, const char *name, const char *const *allowed)
{
    const char *v = api_query(req, name);
    if (!v)
        return 0;
    for (int i = 0; allowed[i]; i++)
        if (!strcmp(v, allowed[i]))
            return 0;
    return dj_err_field(&req->err, name, "不是可选的值");
}

int api_deliveries_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_outbox_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    static const char *const statuses[] = {"queued", "sending", "sent", "failed", NULL};
    static const char *const channels[] = {"email", "sms", "wecom", "dingtalk", NULL};
    static const char *const kinds[] = {"daily_reminder", "test", NULL};
    one_of(req, "status", statuses);
    one_of(req, "channel", channels);
    one_of(req, "kind", kinds);
    f.status = api_query(req, "status");
    f.channel = api_query(req, "channel");
    f.kind = api_query(req, "kind");
    const char *v = api_query(req, "person_id");
    if (v && (dj_parse_int64(v, &f.person_id) || f.person_id <= 0))
        dj_err_field(&req->err, "person_id", "应为编号");
    api_date_range(req, &f.from, &f.to);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = notify_deliveries_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"day", "日期", DJ_COL_DATE, NULL},         {"kind", "消息类型", DJ_COL_TEXT, NULL},
        {"person", "接收人", DJ_COL_TEXT, NULL},     {"channel", "渠道", DJ_COL_TEXT, NULL},
        {"recipient", "地址", DJ_COL_TEXT, NULL},    {"status", "状态", DJ_COL_TEXT, NULL},
        {"attempts", "尝试次数", DJ_COL_INT, NULL},  {"sent_at", "发送时间", DJ_COL_TEXT, NULL},
        {"last_error", "最近错误", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "消息发送记录");
}

int api_deliveries_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = notify_delivery_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_jobs_daily_reminder_run(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"day", NULL};
    api_unknown_fields(req, body, known);
    json_t *day = json_object_get(body, "day");
    if (day && !json_is_string(day) && !json_is_null(day))
        dj_err_field(&req->err, "day", "应为 YYYY-MM-DD");
    struct daily_result r;
    if (!(rc = req->err.code))
        rc = notify_daily_run_now(req->db, req->app->secret, &req->actor,
                                  json_string_value(day), &r, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    return api_reply(resp, 200,
                     json_pack("{s:s, s:b, s:i, s:i}", "day", r.day, "ran", r.ran, "queued",
                               r.queued, "skipped", r.skipped));
}
