/* api_users: /api/v1/users, for sysadmins within their subtree. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/users.h"
#include "io/export.h"

/* Reads display_name, disabled, roles (and on create username, password). */
static int parse_user_input(struct dj_request *req, json_t *body, bool create,
                            struct dj_user_input *in)
{
    memset(in, 0, sizeof *in);
    static const char *const known[] = {"username", "display_name", "password", "disabled", "roles",
                                        "person_id"};
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        bool ok = false;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            ok |= strcmp(key, known[i]) == 0 && (create || i != 0);
        if (!ok)
            dj_err_field(&req->err, key, "未知或不可修改的字段");
    }
    if (create) {
        api_field_string(req, body, "username", true, &in->username);
        api_field_string(req, body, "password", false, &in->password);
    } else if (json_object_get(body, "password")) {
        dj_err_field(&req->err, "password", "请使用 POST /api/v1/users/{id}/password 重置密码");
    }
    api_field_string(req, body, "display_name", create, &in->display_name);
    json_t *d = json_object_get(body, "disabled");
    if (d) {
        if (!json_is_boolean(d))
            dj_err_field(&req->err, "disabled", "应为 true 或 false");
        in->has_disabled = 1;
        in->disabled = json_is_true(d);
    }
    json_t *person = json_object_get(body, "person_id");
    if (person) {
        if (!json_is_null(person) && (!json_is_integer(person) || json_integer_value(person) <= 0))
            dj_err_field(&req->err, "person_id", "应为人员编号或 null");
        in->has_person = 1;
        in->person_id = json_is_integer(person) ? json_integer_value(person) : 0;
    }
    json_t *roles = json_object_get(body, "roles");
    if (roles) {
        if (!json_is_array(roles) || json_array_size(roles) > DJ_MAX_ROLES)
            return dj_err_field(&req->err, "roles", "应为角色数组（最多 %d 项）", DJ_MAX_ROLES);
        in->has_roles = 1;
        size_t i;
        json_t *r;
        json_array_foreach(roles, i, r) {
            json_t *role = json_object_get(r, "role"), *org = json_object_get(r, "org_id");
            json_t *dept = json_object_get(r, "department_id");
            if (!json_is_object(r) || !json_is_string(role) || !json_is_integer(org) ||
                (dept && !json_is_integer(dept) && !json_is_null(dept)) ||
                json_object_size(r) != (dept ? 3u : 2u))
                return dj_err_field(&req->err, "roles",
                                    "每项应为 {\"role\": 角色, \"org_id\": 组织编号[, \"department_id\": 科室编号]}");
            if (dept && json_is_integer(dept))
                in->roles[i].department_id = json_integer_value(dept);
            snprintf(in->roles[i].role, sizeof in->roles[i].role, "%s", json_string_value(role));
            if (strlen(json_string_value(role)) >= sizeof in->roles[i].role)
                return dj_err_field(&req->err, "roles", "未知的角色");
            in->roles[i].org_id = json_integer_value(org);
            in->nroles++;
        }
    }
    return req->err.code;
}

/* "支部书记（机关第一党支部）；党员（…）" for the export */
static void roles_text(json_t *user, char *out, size_t size)
{
    size_t i, n = 0;
    json_t *r;
    out[0] = '\0';
    json_array_foreach(json_object_get(user, "roles"), i, r) {
        int w = snprintf(out + n, size - n, "%s%s（%s）", i ? "；" : "",
                         json_string_value(json_object_get(r, "role_label")),
                         json_string_value(json_object_get(r, "org_name")));
        if (w < 0 || (size_t)w >= size - n)
            break;
        n += (size_t)w;
    }
}

int api_users_list(struct dj_request *req, struct dj_response *resp)
{
    int limit, offset;
    int rc = api_paging(req, &limit, &offset);
    if (rc)
        return rc;
    struct dj_user_list list;
    if ((rc = users_list(req->db, &req->actor, api_query(req, "q"), limit, offset, &list, &req->err)))
        return rc;
    json_t *items = json_array();
    for (int i = 0; i < list.count; i++)
        json_array_append_new(items, user_json(&list.items[i]));
    int64_t total = list.total;
    store_user_list_free(&list);
    static const struct api_column cols[] = {
        {"username", "用户名", DJ_COL_TEXT, NULL},
        {"display_name", "姓名", DJ_COL_TEXT, NULL},
        {"roles", "角色", DJ_COL_TEXT, roles_text},
        {"disabled", "已停用", DJ_COL_TEXT, NULL},
        {"must_change_password", "须改密码", DJ_COL_TEXT, NULL},
        {"created_at", "创建时间", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "账号");
}

int api_users_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_user_input in;
    struct dj_user u;
    char generated[32] = "";
    if (!(rc = parse_user_input(req, body, true, &in)))
        rc = users_create(req->db, req->app->cfg, &req->actor, &in, &u, generated, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    json_t *j = user_json(&u);
    if (*generated)
        json_object_set_new(j, "initial_password", json_string(generated));
    memset(generated, 0, sizeof generated);
    snprintf(resp->location, sizeof resp->location, "/api/v1/users/%lld", (long long)u.id);
    return api_reply(resp, 201, j);
}

int api_users_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    struct dj_user u;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = users_get(req->db, &req->actor, id, &u, &req->err)))
        return rc;
    return api_reply(resp, 200, user_json(&u));
}

int api_users_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    struct dj_user_input in;
    struct dj_user u;
    if (!(rc = parse_user_input(req, body, false, &in)))
        rc = users_update(req->db, &req->actor, id, &in, &u, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    return api_reply(resp, 200, user_json(&u));
}

int api_users_password(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    const char *password = NULL;
    json_t *body = NULL;
    if (req->body_len) {
        if ((rc = api_body_object(req, &body)))
            return rc;
        if ((rc = api_field_string(req, body, "password", false, &password))) {
            json_decref(body);
            return rc;
        }
    }
    char generated[32] = "";
    rc = users_reset_password(req->db, req->app->cfg, &req->actor, id, password, generated,
                              &req->err);
    json_decref(body);
    if (rc)
        return rc;
    json_t *j = json_object();
    json_object_set_new(j, "must_change_password", json_true());
    if (*generated)
        json_object_set_new(j, "initial_password", json_string(generated));
    memset(generated, 0, sizeof generated);
    return api_reply(resp, 200, j);
}
