/* api_duties: /duty-docs (主体责任清单 and 党建责任书) and /duty-items (their
 * items and the year-end check).  JSON in and out; the rules are core/duties. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/routes.h"
#include "core/duties.h"
#include "io/export.h"
#include "util/text.h"

static void kind_text(json_t *item, char *out, size_t size)
{
    const char *v = json_string_value(json_object_get(item, "kind"));
    dj_copy(out, size, v && !strcmp(v, "letter") ? "党建责任书" : "主体责任清单");
}

static void party_text(json_t *item, char *out, size_t size)
{
    const char *d = json_string_value(json_object_get(item, "department_name"));
    const char *o = json_string_value(json_object_get(item, "org_name"));
    dj_copy(out, size, d && *d ? d : o ? o : "");
}

int api_duties_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_duty_query q;
    memset(&q, 0, sizeof q);
    int rc = api_paging(req, &q.limit, &q.offset);
    if (rc)
        return rc;
    api_query_year(req, "year", &q.year);
    api_query_id(req, "person_id", &q.person_id);
    api_query_id(req, "org_id", &q.org_id);
    q.kind = api_query(req, "kind");
    q.mine = api_query_flag(req, "mine");
    q.removed = api_query_flag(req, "removed");
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = duties_list(req->db, &req->actor, &q, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"year", "年度", DJ_COL_INT, NULL},
        {"kind", "类别", DJ_COL_TEXT, kind_text},
        {"title", "标题", DJ_COL_TEXT, NULL},
        {"person_name", "责任人", DJ_COL_TEXT, NULL},
        {"role_label", "责任类别", DJ_COL_TEXT, NULL},
        {"org_name", "签订单位（支部或科室）", DJ_COL_TEXT, party_text},
        {"signed_on", "签订日期", DJ_COL_DATE, NULL},
        {"items_count", "事项数", DJ_COL_INT, NULL},
        {"checked", "已考核", DJ_COL_INT, NULL},
        {"done", "完成", DJ_COL_INT, NULL},
        {"partly", "基本完成", DJ_COL_INT, NULL},
        {"not_done", "未完成", DJ_COL_INT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "责任清单和责任书");
}

static const char *const doc_fields[] = {"kind", "year", "title", "role", "person_id", "org_id",
                                         "department_id", "signed_on", "items", NULL};

int api_duties_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    if (!(rc = api_unknown_fields(req, body, doc_fields)))
        rc = duties_create(req->db, req->app->cfg, &req->actor, body, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/duty-docs/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_duties_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = duties_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_duties_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if (!(rc = api_unknown_fields(req, body, doc_fields)))
        rc = duties_update(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_duties_remove(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"reason", NULL};
    const char *reason = NULL;
    if (!(rc = api_unknown_fields(req, body, known)) &&
        !(rc = api_field_string(req, body, "reason", true, &reason)))
        rc = duties_remove(req->db, req->app->cfg, &req->actor, id, reason, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    resp->status = 204;
    return 0;
}

static const char *const item_fields[] = {"category", "content", "seq", NULL};

int api_duties_item_add(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if (!(rc = api_unknown_fields(req, body, item_fields)))
        rc = duties_item_add(req->db, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, out);
}

int api_duties_item_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    if (!(rc = api_unknown_fields(req, body, item_fields)))
        rc = duties_item_update(req->db, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_duties_item_check(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"result", "note", NULL};
    const char *result = NULL, *note = NULL;
    if (!(rc = api_unknown_fields(req, body, known)) &&
        !(rc = api_field_string(req, body, "result", true, &result)) &&
        !(rc = api_field_string(req, body, "note", false, &note)))
        rc = duties_item_check(req->db, req->app->cfg, &req->actor, id, result, note, &out,
                               &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_duties_copy(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"from_year", "to_year", NULL};
    json_t *from = json_object_get(body, "from_year"), *to = json_object_get(body, "to_year");
    if (!(rc = api_unknown_fields(req, body, known))) {
        if (!json_is_integer(from))
            dj_err_field(&req->err, "from_year", "请填写复制哪一年");
        if (!json_is_integer(to))
            dj_err_field(&req->err, "to_year", "请填写复制到哪一年");
        rc = req->err.code;
    }
    if (!rc) {
        json_int_t f = json_integer_value(from), t = json_integer_value(to);
        rc = duties_copy_year(req->db, &req->actor, f < 0 || f > 9999 ? 0 : (int)f,
                              t < 0 || t > 9999 ? 0 : (int)t, &out, &req->err);
    }
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_duties_summary(struct dj_request *req, struct dj_response *resp)
{
    int year;
    json_t *out;
    int rc = api_query_year(req, "year", &year);
    if (rc || (rc = duties_summary(req->db, req->app->cfg, &req->actor, year, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}
