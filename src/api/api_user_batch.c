/* api_user_batch: POST /api/v1/users/batch — accounts for many people of the
 * roster at once, answered as JSON or (?format=xlsx|csv) as the sheet of
 * logins and one-time passwords the clerk hands out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/user_batch.h"
#include "io/export.h"

int api_users_batch(struct dj_request *req, struct dj_response *resp)
{
    int format;
    int rc = api_export_format(req, &format);
    json_t *body;
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"person_ids", "login", NULL};
    api_unknown_fields(req, body, known);
    json_t *ids = json_object_get(body, "person_ids");
    const char *login = NULL;
    api_field_string(req, body, "login", false, &login);
    size_t n = json_array_size(ids);
    int64_t *list = NULL;
    if (!json_is_array(ids) || n == 0 || n > USER_BATCH_MAX)
        dj_err_field(&req->err, "person_ids", "请选择 1 到 %d 名人员", USER_BATCH_MAX);
    else if (!(list = calloc(n, sizeof *list)))
        dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    for (size_t i = 0; list && i < n; i++) {
        json_t *id = json_array_get(ids, i);
        if (!json_is_integer(id) || json_integer_value(id) <= 0)
            dj_err_field(&req->err, "person_ids", "应为人员编号的数组");
        else
            list[i] = json_integer_value(id);
    }
    json_t *result = NULL;
    if (!req->err.code)
        users_create_for_people(req->db, req->app->cfg, &req->actor, list, (int)n, login, &result,
                                &req->err);
    free(list);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if (!format)
        return api_reply(resp, 200, result);
    /* the sheet: the accounts made, then the people left out and why */
    json_t *rows = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(result, "created"), i, item)
        json_array_append(rows, item);
    json_array_foreach(json_object_get(result, "skipped"), i, item)
        json_array_append(rows, item);
    json_decref(result);
    static const struct api_column cols[] = {
        {"name", "姓名", DJ_COL_TEXT, NULL},        {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"username", "用户名", DJ_COL_TEXT, NULL},   {"password", "初始密码（首次登录须修改）", DJ_COL_TEXT, NULL},
        {"reason", "未开通的原因", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, rows, (int64_t)json_array_size(rows), cols,
                           (int)(sizeof cols / sizeof cols[0]), "新开通账号");
}
