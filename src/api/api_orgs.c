/* api_orgs: /api/v1/orgs — the organisation tree, committees and terms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/orgs.h"
#include "io/export.h"

int api_orgs_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_org *orgs;
    int n;
    int rc = orgs_list(req->db, &req->actor, &orgs, &n, &req->err);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, org_json(&orgs[i]));
    free(orgs);
    static const struct api_column cols[] = {
        {"id", "编号", DJ_COL_INT, NULL},           {"name", "名称", DJ_COL_TEXT, NULL},
        {"type", "类型", DJ_COL_TEXT, NULL},        {"parent_id", "上级编号", DJ_COL_INT, NULL},
        {"status", "状态", DJ_COL_TEXT, NULL},      {"founded_on", "成立日期", DJ_COL_DATE, NULL},
        {"term_start", "任期开始", DJ_COL_DATE, NULL}, {"term_end", "任期届满", DJ_COL_DATE, NULL},
    };
    return api_reply_items(req, resp, items, n, cols, (int)(sizeof cols / sizeof cols[0]), "组织");
}

int api_orgs_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    struct dj_org o;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = orgs_get(req->db, &req->actor, id, &o, &req->err)))
        return rc;
    json_t *j = org_json(&o);
    if ((rc = org_details_json(req->db, req->app->cfg, &o, j, &req->err))) {
        json_decref(j);
        return rc;
    }
    return api_reply(resp, 200, j);
}

static int parse_org(struct dj_request *req, json_t *body, bool create, struct dj_org *o)
{
    static const char *const known[] = {"parent_id", "type", "name", "founded_on", "term_start",
                                        "term_end", "status", "status_on", "merged_into", "sort_order",
                                        NULL};
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        bool ok = false;
        for (int i = 0; known[i]; i++)
            ok |= strcmp(key, known[i]) == 0 && (create || (strcmp(key, "parent_id") && strcmp(key, "type")));
        if (!ok)
            dj_err_field(&req->err, key, "未知或不可修改的字段");
    }
    if (create) {
        json_t *p = json_object_get(body, "parent_id");
        if (!json_is_integer(p))
            dj_err_field(&req->err, "parent_id", "请选择上级组织");
        else
            o->parent_id = json_integer_value(p);
        if (!json_is_string(json_object_get(body, "type")))
            dj_err_field(&req->err, "type", "请选择组织类型");
    }
    api_field_copy(req, body, "type", o->type, sizeof o->type);
    api_field_copy(req, body, "name", o->name, sizeof o->name);
    api_field_copy(req, body, "founded_on", o->founded_on, sizeof o->founded_on);
    api_field_copy(req, body, "term_start", o->term_start, sizeof o->term_start);
    api_field_copy(req, body, "term_end", o->term_end, sizeof o->term_end);
    api_field_copy(req, body, "status", o->status, sizeof o->status);
    api_field_copy(req, body, "status_on", o->status_on, sizeof o->status_on);
    json_t *so = json_object_get(body, "sort_order");
    if (so && (!json_is_integer(so) || json_integer_value(so) < 0 || json_integer_value(so) > 9999))
        dj_err_field(&req->err, "sort_order", "应为 0 至 9999 的整数");
    else if (so)
        o->sort_order = json_integer_value(so);
    json_t *m = json_object_get(body, "merged_into");
    if (m && !json_is_null(m) && !json_is_integer(m))
        dj_err_field(&req->err, "merged_into", "应为组织编号");
    else if (m)
        o->merged_into = json_is_null(m) ? 0 : json_integer_value(m);
    return req->err.code;
}

int api_orgs_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_org o;
    memset(&o, 0, sizeof o);
    if (!(rc = parse_org(req, body, true, &o)))
        rc = orgs_create(req->db, &req->actor, &o, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/orgs/%lld", (long long)o.id);
    return api_reply(resp, 201, org_json(&o));
}

int api_orgs_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    struct dj_org o;
    if ((rc = orgs_get(req->db, &req->actor, id, &o, &req->err))) {
        json_decref(body);
        return rc;
    }
    char old_status[sizeof o.status];
    snprintf(old_status, sizeof old_status, "%s", o.status);
    if (!(rc = parse_org(req, body, false, &o))) {
        if (strcmp(old_status, o.status) != 0 && !json_object_get(body, "status_on"))
            o.status_on[0] = '\0'; /* a new status change: today unless given */
        rc = orgs_update(req->db, req->app->cfg, &req->actor, &o, &req->err);
    }
    json_decref(body);
    if (rc)
        return rc;
    return api_reply(resp, 200, org_json(&o));
}

int api_orgs_move(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"parent_id", NULL};
    json_t *p = json_object_get(body, "parent_id");
    if (!api_unknown_fields(req, body, known) && !json_is_integer(p))
        dj_err_field(&req->err, "parent_id", "请选择新的上级组织");
    int64_t parent_id = json_is_integer(p) ? json_integer_value(p) : 0;
    json_decref(body);
    if (req->err.code)
        return req->err.code;
    struct dj_org o;
    if ((rc = orgs_move(req->db, &req->actor, id, parent_id, &o, &req->err)))
        return rc;
    return api_reply(resp, 200, org_json(&o));
}

int api_orgs_committee_add(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    json_t *pid = json_object_get(body, "person_id");
    const char *post = NULL, *start = NULL;
    if (!json_is_integer(pid))
        dj_err_field(&req->err, "person_id", "请选择人员");
    api_field_string(req, body, "post", true, &post);
    api_field_string(req, body, "start_on", false, &start);
    struct dj_committee_member m;
    if (!req->err.code)
        orgs_committee_add(req->db, req->app->cfg, &req->actor, id, json_integer_value(pid), post,
                           start, &m, &req->err);
    json_decref(body);
    if (req->err.code)
        return req->err.code;
    return api_reply(resp, 201,
                     json_pack("{s:I, s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)m.id, "org_id",
                               (json_int_t)m.org_id, "person_id", (json_int_t)m.person_id, "name",
                               m.person_name, "post", m.post, "start_on", m.start_on));
}

int api_orgs_committee_end(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, mid;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_param_id(req, 1, &mid)))
        return rc;
    const char *end_on = api_query(req, "end_on");
    if ((rc = orgs_committee_end(req->db, req->app->cfg, &req->actor, id, mid, end_on, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}
