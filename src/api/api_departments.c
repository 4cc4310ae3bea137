/* api_departments: /api/v1/departments and their links to branches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/departments.h"
#include "io/export.h"

int api_departments_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_department *items;
    int n;
    int rc = departments_list(req->db, &req->actor, &items, &n, &req->err);
    if (rc)
        return rc;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, department_json(&items[i]));
    free(items);
    static const struct api_column cols[] = {
        {"id", "编号", DJ_COL_INT, NULL},        {"name", "科室", DJ_COL_TEXT, NULL},
        {"branch", "挂钩党支部", DJ_COL_TEXT, NULL}, {"linked_since", "挂钩日期", DJ_COL_DATE, NULL},
        {"status", "状态", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, arr, n, cols, (int)(sizeof cols / sizeof cols[0]), "科室");
}

int api_departments_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    struct dj_department d;
    int rc = api_param_id(req, 0, &id);
    json_t *links;
    if (rc || (rc = departments_get(req->db, &req->actor, id, &d, &req->err)) ||
        (rc = department_links_json(req->db, &d, &links, &req->err)))
        return rc;
    json_t *j = department_json(&d);
    json_object_set_new(j, "links", links);
    return api_reply(resp, 200, j);
}

static int parse_department(struct dj_request *req, json_t *body, struct dj_department *d,
                            bool *relink, int64_t *branch_id, const char **link_start)
{
    static const char *const known[] = {"name", "parent_id", "status", "branch_id", "link_start", NULL};
    api_unknown_fields(req, body, known);
    const char *s;
    if (api_field_string(req, body, "name", false, &s) == 0 && s)
        snprintf(d->name, sizeof d->name, "%s", s);
    if (api_field_string(req, body, "status", false, &s) == 0 && s)
        snprintf(d->status, sizeof d->status, "%s", s);
    json_t *p = json_object_get(body, "parent_id");
    if (p && !json_is_null(p) && !json_is_integer(p))
        dj_err_field(&req->err, "parent_id", "应为科室编号");
    else if (p)
        d->parent_id = json_is_null(p) ? 0 : json_integer_value(p);
    json_t *b = json_object_get(body, "branch_id");
    *relink = b != NULL;
    if (b && !json_is_null(b) && !json_is_integer(b))
        dj_err_field(&req->err, "branch_id", "应为党支部编号");
    else if (b)
        *branch_id = json_is_null(b) ? 0 : json_integer_value(b);
    api_field_string(req, body, "link_start", false, link_start);
    return req->err.code;
}

int api_departments_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_department d;
    memset(&d, 0, sizeof d);
    bool relink;
    int64_t branch = 0;
    const char *start = NULL;
    if (!json_is_string(json_object_get(body, "name")))
        dj_err_field(&req->err, "name", "请填写科室名称");
    if (!(rc = parse_department(req, body, &d, &relink, &branch, &start)))
        rc = departments_create(req->db, req->app->cfg, &req->actor, &d, branch, start, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/departments/%lld", (long long)d.id);
    return api_reply(resp, 201, department_json(&d));
}

int api_departments_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    struct dj_department d;
    bool relink = false;
    int64_t branch = 0;
    const char *start = NULL;
    if (!(rc = departments_get(req->db, &req->actor, id, &d, &req->err)) &&
        !(rc = parse_department(req, body, &d, &relink, &branch, &start)))
        rc = departments_update(req->db, req->app->cfg, &req->actor, &d, relink, branch, start,
                                &req->err);
    json_decref(body);
    if (rc)
        return rc;
    return api_reply(resp, 200, department_json(&d));
}
