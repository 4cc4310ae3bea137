/* api_session: POST/GET/DELETE /api/v1/session and the password change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/auth.h"
#include "core/secret.h"
#include "core/users.h"
#include "util/date.h"
#include "util/text.h"

/* today: the bureau's date (bureau.timezone, or the fixed bureau.today), so
 * that the console's "this year" and default dates follow the server's day,
 * not the browser's clock */
static json_t *session_json(struct dj_request *req, const struct dj_actor *a, const char *today)
{
    (void)req;
    int64_t person = a->person_id;
    const char *names[PERM_COUNT];
    int n = authz_permission_names(a, names, PERM_COUNT);
    json_t *perms = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(perms, json_string(names[i]));
    /* a province-level administrator manages the bureaus (core/bureaus) */
    if (a->user.province)
        json_array_append_new(perms, json_string("bureaus.manage"));
    /* the scope of each grant is in user.roles (org_id, org_name) */
    json_t *user = user_json(&a->user);
    json_object_set_new(user, "person_id", person ? json_integer(person) : json_null());
    return json_pack("{s:o, s:o, s:s, s:s}", "user", user, "permissions", perms, "csrf_token",
                     a->csrf_token, "today", today);
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
    char today[DJ_DATE_LEN];
    dj_date_today(req->app->cfg->timezone, today);
    return api_reply(resp, 200, session_json(req, &req->actor, today));
}

/* GET /session is asked often (every page of the console): each worker keeps
 * its last answer while the session, the account and the auth cache's
 * generation stay the same.  The session is told by its token's hash, not
 * its row id, which the database may give again to a later session (whose
 * CSRF token differs).  A fixed buffer: nothing to free at thread exit. */
static _Thread_local struct {
    char token_hash[65];
    uint64_t generation;
    char updated_at[32];
    char today[DJ_DATE_LEN];
    size_t len;
    char body[2048];
} last_answer;

int api_session_get(struct dj_request *req, struct dj_response *resp)
{
    uint64_t generation = auth_cache_generation();
    const struct dj_actor *a = &req->actor;
    char token_hash[65], today[DJ_DATE_LEN];
    secret_sha256_hex(req->session_cookie, strlen(req->session_cookie), token_hash);
    dj_date_today(req->app->cfg->timezone, today);
    if (last_answer.len && !strcmp(last_answer.token_hash, token_hash) &&
        last_answer.generation == generation && !strcmp(last_answer.updated_at, a->user.updated_at) &&
        !strcmp(last_answer.today, today)) {
        char *body = malloc(last_answer.len);
        if (!body)
            return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
        memcpy(body, last_answer.body, last_answer.len);
        resp->status = 200;
        resp->body = body;
        resp->body_len = last_answer.len;
        resp->content_type = "application/json; charset=utf-8";
        return 0;
    }
    json_t *j = session_json(req, a, today);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (!text)
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    size_t len = strlen(text);
    last_answer.len = 0;
    if (len <= sizeof last_answer.body) {
        memcpy(last_answer.body, text, len);
        last_answer.len = len;
        memcpy(last_answer.token_hash, token_hash, sizeof token_hash);
        last_answer.generation = generation;
        dj_copy(last_answer.updated_at, sizeof last_answer.updated_at, a->user.updated_at);
        memcpy(last_answer.today, today, sizeof today);
    }
    resp->status = 200;
    resp->body = text;
    resp->body_len = len;
    resp->content_type = "application/json; charset=utf-8";
    return 0;
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
