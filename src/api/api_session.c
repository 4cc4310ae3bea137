/* api_session: POST/GET/DELETE /api/v1/session and the password change. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/auth.h"
#include "core/users.h"

static json_t *session_json(struct dj_request *req, const struct dj_actor *a)
{
    (void)req;
    int64_t person = a->person_id;
    const char *names[PERM_COUNT];
    int n = authz_permission_names(a, names, PERM_COUNT);
    json_t *perms = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(perms, json_string(names[i]));
    /* the scope of each grant is in user.roles (org_id, org_name) */
    json_t *user = user_json(&a->user);
    json_object_set_new(user, "person_id", person ? json_integer(person) : json_null());
    return json_pack("{s:o, s:o, s:s}", "user", user, "permissions", perms, "csrf_token",
                     a->csrf_token);
}

int api_session_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    const char *username, *password;
    api_field_string(req, body, "username", true, &username);
    api_field_string(req, body, "password", true, &password);
    if (req->err.code) {
        json_decref(body);
        return req->err.code;
    }
    struct dj_login login;
    rc = auth_login(req->db, req->app->cfg, username, password, req->client_addr, &login, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    req->actor = login.actor;
    req->has_actor = true;
    snprintf(resp->set_cookie, sizeof resp->set_cookie,
             "dj_session=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%d%s", login.token,
             req->app->cfg->session_absolute_hours * 3600,
             req->app->cfg->secure_cookie ? "; Secure" : "");
    memset(login.token, 0, sizeof login.token);
    return api_reply(resp, 200, session_json(req, &req->actor));
}

int api_session_get(struct dj_request *req, struct dj_response *resp)
{
    return api_reply(resp, 200, session_json(req, &req->actor));
}

int api_session_delete(struct dj_request *req, struct dj_response *resp)
{
    int rc = auth_logout(req->db, &req->actor, &req->err);
    if (rc)
        return rc;
    snprintf(resp->set_cookie, sizeof resp->set_cookie,
             "dj_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0%s",
             req->app->cfg->secure_cookie ? "; Secure" : "");
    resp->status = 204;
    return 0;
}

int api_session_password(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    const char *old_pw, *new_pw;
    api_field_string(req, body, "old_password", true, &old_pw);
    api_field_string(req, body, "new_password", true, &new_pw);
    if (!req->err.code)
        auth_change_password(req->db, req->app->cfg, &req->actor, old_pw, new_pw, &req->err);
    json_decref(body);
    if (req->err.code)
        return req->err.code;
    resp->status = 204;
    return 0;
}
