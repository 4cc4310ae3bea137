/* api_audit: GET /api/v1/audit (sysadmin, party_admin). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/audit.h"
#include "io/export.h"
#include "util/date.h"
#include "util/text.h"

static json_t *json_or_null(const char *text)
{
    if (!text)
        return json_null();
    json_t *j = json_loads(text, 0, NULL);
    return j ? j : json_string(text);
}

static json_t *opt_id(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

int api_audit_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_audit_filter f;
    memset(&f, 0, sizeof f);
    int rc;
    if ((rc = api_paging(req, &f.limit, &f.offset)))
        return rc;
    const char *v;
    if ((v = api_query(req, "user_id")) && (dj_parse_int64(v, &f.user_id) || f.user_id <= 0))
        dj_err_field(&req->err, "user_id", "应为用户编号");
    if ((v = api_query(req, "object_id")) && (dj_parse_int64(v, &f.object_id) || f.object_id <= 0))
        dj_err_field(&req->err, "object_id", "应为对象编号");
    f.object_type = api_query(req, "object_type");
    /* plain dates are calendar days in the bureau's time zone (API.md) */
    int tz = dj_tz_offset(req->app->cfg->timezone);
    char from[32], to[32];
    if ((v = api_query(req, "from"))) {
        if (!dj_time_bound_utc(v, false, tz, from))
            dj_err_field(&req->err, "from", "应为日期 YYYY-MM-DD 或 RFC 3339 时间");
        f.from = from;
    }
    if ((v = api_query(req, "to"))) {
        if (!dj_time_bound_utc(v, true, tz, to))
            dj_err_field(&req->err, "to", "应为日期 YYYY-MM-DD 或 RFC 3339 时间");
        f.to = to;
    }
    if (req->err.code)
        return req->err.code;
    struct dj_audit_list list;
    if ((rc = audit_list(req->db, &req->actor, &f, &list, &req->err)))
        return rc;
    json_t *items = json_array();
    for (int i = 0; i < list.count; i++) {
        const struct dj_audit_row *r = &list.items[i];
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "id",
                             (json_int_t)r->id, "at", r->at, "user_id", opt_id(r->user_id),
                             "username", r->username, "action", r->action, "object_type",
                             r->object_type, "object_id", opt_id(r->object_id), "org_id",
                             opt_id(r->org_id), "before", json_or_null(r->before_json), "after",
                             json_or_null(r->after_json), "hash", r->hash));
    }
    int64_t total = list.total;
    store_audit_list_free(&list);
    static const struct api_column cols[] = {
        {"id", "编号", DJ_COL_INT, NULL},          {"at", "时间（UTC）", DJ_COL_TEXT, NULL},
        {"username", "用户", DJ_COL_TEXT, NULL},   {"action", "操作", DJ_COL_TEXT, NULL},
        {"object_type", "对象", DJ_COL_TEXT, NULL}, {"object_id", "对象编号", DJ_COL_INT, NULL},
        {"before", "变更前", DJ_COL_TEXT, NULL},   {"after", "变更后", DJ_COL_TEXT, NULL},
        {"hash", "哈希", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "审计记录");
}
