/* api_honours: /honours (荣誉, issue 16 item 6) — the list with its xlsx
 * export and import, one honour, and its changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/honours.h"
#include "io/export.h"
#include "util/text.h"

static void t_holder(json_t *item, char *out, size_t size)
{
    const char *person = json_string_value(json_object_get(item, "person_name"));
    dj_copy(out, size, person && *person ? "" : json_string_value(json_object_get(item, "org_name")));
}

int api_honours_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_honour_query q;
    memset(&q, 0, sizeof q);
    int rc = api_paging(req, &q.limit, &q.offset);
    if (rc)
        return rc;
    const char *v;
    if ((v = api_query(req, "org_id")) && (dj_parse_int64(v, &q.org_id) || q.org_id <= 0))
        dj_err_field(&req->err, "org_id", "应为编号");
    if ((v = api_query(req, "person_id")) && (dj_parse_int64(v, &q.person_id) || q.person_id <= 0))
        dj_err_field(&req->err, "person_id", "应为编号");
    q.level = api_query(req, "level");
    q.from = api_query(req, "from");
    q.to = api_query(req, "to");
    q.q = api_query(req, "q");
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = honours_list(req->db, &req->actor, &q, &items, &total, &req->err)))
        return rc;
    /* the import reads these titles back */
    static const struct api_column cols[] = {
        {"org_name", "获得单位", DJ_COL_TEXT, t_holder},
        {"person_name", "获得人", DJ_COL_TEXT, NULL},
        {"title", "荣誉名称", DJ_COL_TEXT, NULL},
        {"level_label", "级别", DJ_COL_TEXT, NULL},
        {"issuer", "授予机关", DJ_COL_TEXT, NULL},
        {"awarded_on", "获得日期", DJ_COL_DATE, NULL},
        {"note", "备注", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "荣誉");
}

int api_honours_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    rc = honours_create(req->db, req->app->cfg, &req->actor, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, out);
}

int api_honours_import(struct dj_request *req, struct dj_response *resp)
{
    const char *data;
    size_t len;
    json_t *result;
    int rc = api_upload_data(req, &data, &len);
    if (rc || (rc = honours_import(req->db, req->app->cfg, &req->actor, data, len, api_query_flag(req, "dry_run"),
                                   &result, &req->err)))
        return rc;
    return api_reply(resp, 200, result);
}

int api_honours_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = honours_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_honours_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    rc = honours_update(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_honours_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = honours_delete(req->db, &req->actor, id, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}
