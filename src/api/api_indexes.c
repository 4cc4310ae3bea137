/* api_indexes: /api/v1/schemes (index schemes and their indicator trees),
 * /api/v1/index-sources, and /api/v1/evaluations with compute, state,
 * versions, entries and scores, imports, ranking, explanation, notice,
 * progress and objections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/awards.h"
#include "core/evaluations.h"
#include "core/index_import.h"
#include "core/objections.h"
#include "core/index_engine.h"
#include "core/index_views.h"
#include "core/schemes.h"
#include "io/export.h"
#include "io/multipart.h"
#include "util/text.h"

/* ---- schemes ---- */

int api_schemes_list(struct dj_request *req, struct dj_response *resp)
{
    const char *a = api_query(req, "active");
    json_t *items;
    int rc = schemes_list(req->db, &req->actor, a && !strcmp(a, "1"), &items, &req->err);
    if (rc)
        return rc;
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

int api_schemes_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    struct dj_scheme s;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = schemes_get(req->db, &req->actor, id, &s, &req->err)))
        return rc;
    json_t *j = scheme_json(&s, true);
    store_scheme_free(&s);
    return api_reply(resp, 200, j);
}

static int scheme_save(struct dj_request *req, struct dj_response *resp, int64_t family_of)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    int64_t id = 0;
    rc = schemes_save(req->db, &req->actor, body, family_of, &id, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    struct dj_scheme s;
    if ((rc = schemes_get(req->db, &req->actor, id, &s, &req->err)))
        return rc;
    json_t *j = scheme_json(&s, true);
    store_scheme_free(&s);
    snprintf(resp->location, sizeof resp->location, "/api/v1/schemes/%lld", (long long)id);
    return api_reply(resp, 201, j);
}

int api_schemes_create(struct dj_request *req, struct dj_response *resp)
{
    return scheme_save(req, resp, 0);
}

int api_schemes_new_version(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    return rc ? rc : scheme_save(req, resp, id);
}

int api_index_sources(struct dj_request *req, struct dj_response *resp)
{
    (void)req;
    json_t *items = index_sources_json();
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

/* The evaluation views that take the evaluation's id and answer an object
 * (list=false) or a list of items (list=true). */
typedef int (*evaluation_view)(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                               json_t **out, struct dj_err *err);

static int reply_view(struct dj_request *req, struct dj_response *resp, evaluation_view view,
                      bool list)
{
    int64_t id;
    json_t *j;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = view(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    return list ? api_reply_list(resp, j, (int64_t)json_array_size(j)) : api_reply(resp, 200, j);
}

/* ---- evaluations ---- */

static int reply_evaluation(struct dj_request *req, struct dj_response *resp, int64_t id, int status)
{
    struct dj_evaluation e;
    int rc = evaluations_get(req->db, &req->actor, id, &e, &req->err);
    if (rc)
        return rc;
    if (status == 201)
        snprintf(resp->location, sizeof resp->location, "/api/v1/evaluations/%lld", (long long)id);
    return api_reply(resp, status, evaluation_json(&e));
}

int api_evaluations_list(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int rc = evaluations_list(req->db, &req->actor, &items, &req->err);
    if (rc)
        return rc;
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

int api_evaluations_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    return rc ? rc : reply_evaluation(req, resp, id, 200);
}

int api_evaluations_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        if (strcmp(key, "scheme_id") && strcmp(key, "period") && strcmp(key, "name") &&
            strcmp(key, "notice_days"))
            dj_err_field(&req->err, key, "未知的字段");
    }
    json_t *scheme = json_object_get(body, "scheme_id"), *days = json_object_get(body, "notice_days");
    if (!json_is_integer(scheme))
        dj_err_field(&req->err, "scheme_id", "请选择考评方案");
    if (days && !json_is_integer(days))
        dj_err_field(&req->err, "notice_days", "应为整数");
    const char *period = json_string_value(json_object_get(body, "period"));
    const char *name = json_string_value(json_object_get(body, "name"));
    int64_t id = 0;
    if (!req->err.code)
        evaluations_create(req->db, &req->actor, json_integer_value(scheme), period, name,
                           days ? (int)json_integer_value(days) : EVALUATION_NOTICE_DEFAULT, &id,
                           &req->err);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    return reply_evaluation(req, resp, id, 201);
}

int api_evaluations_compute(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = evaluations_compute(req->db, &req->actor, id, &req->err)))
        return rc;
    return reply_evaluation(req, resp, id, 200);
}

int api_evaluations_state(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    static const char *const known[] = {"state", "override_reason", NULL};
    api_unknown_fields(req, body, known);
    const char *reason = NULL;
    api_field_string(req, body, "override_reason", false, &reason);
    if (!req->err.code)
        evaluations_transition(req->db, req->app->cfg, &req->actor, id,
                               json_string_value(json_object_get(body, "state")), reason, &req->err);
    rc = (int)req->err.code;
    json_decref(body);
    return rc ? rc : reply_evaluation(req, resp, id, 200);
}

int api_evaluations_version(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, new_id = 0;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    rc = evaluations_new_version(req->db, &req->actor, id,
                                 json_string_value(json_object_get(body, "reason")), &new_id, &req->err);
    json_decref(body);
    return rc ? rc : reply_evaluation(req, resp, new_id, 201);
}

int api_evaluations_enter(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct dj_score_entry e;
    memset(&e, 0, sizeof e);
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        if (strcmp(key, "target_id") && strcmp(key, "indicator_id") && strcmp(key, "points") &&
            strcmp(key, "reason") && strcmp(key, "occurred_on") && strcmp(key, "file_id"))
            dj_err_field(&req->err, key, "未知的字段");
    }
    static const char *const ids[] = {"target_id", "indicator_id"};
    int64_t *dst[] = {&e.target_id, &e.indicator_id};
    for (int i = 0; i < 2; i++) {
        v = json_object_get(body, ids[i]);
        if (json_is_integer(v) && json_integer_value(v) > 0)
            *dst[i] = json_integer_value(v);
        else
            dj_err_field(&req->err, ids[i], "应为编号");
    }
    if ((v = json_object_get(body, "file_id")) && !json_is_null(v)) {
        if (json_is_integer(v) && json_integer_value(v) > 0)
            e.file_id = json_integer_value(v);
        else
            dj_err_field(&req->err, "file_id", "应为文件编号");
    }
    api_field_centi(req, body, "points", 0, &e.points);
    api_field_copy(req, body, "reason", e.reason, sizeof e.reason);
    api_field_copy(req, body, "occurred_on", e.occurred_on, sizeof e.occurred_on);
    if (!req->err.code)
        evaluations_enter(req->db, &req->actor, id, &e, &req->err);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    return api_reply(resp, 201, json_pack("{s:I, s:I, s:I, s:f, s:s}", "id", (json_int_t)e.id,
                                          "target_id", (json_int_t)e.target_id, "indicator_id",
                                          (json_int_t)e.indicator_id, "points",
                                          (double)e.points / 100.0, "reason", e.reason));
}

int api_evaluations_entries(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, target = 0;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    const char *t = api_query(req, "target_id");
    if (t && (dj_parse_int64(t, &target) || target <= 0))
        return dj_err_field(&req->err, "target_id", "应为编号");
    json_t *items;
    if ((rc = evaluations_entries(req->db, &req->actor, id, target, &items, &req->err)))
        return rc;
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

int api_evaluations_targets(struct dj_request *req, struct dj_response *resp)
{
    return reply_view(req, resp, evaluations_targets, true);
}

int api_evaluations_entry_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, entry;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_param_id(req, 1, &entry)) ||
        (rc = evaluations_entry_delete(req->db, &req->actor, id, entry, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}

int api_evaluations_import(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    const char *data;
    size_t len;
    if ((rc = api_upload_data(req, &data, &len)))
        return rc;
    bool dry_run = api_query_flag(req, "dry_run");
    json_t *result;
    if ((rc = evaluations_import(req->db, &req->actor, id, data, len, dry_run,
                                 &result, &req->err)))
        return rc;
    return api_reply(resp, 200, result);
}

static void text_selected(json_t *item, char *out, size_t size)
{
    dj_copy(out, size, json_is_true(json_object_get(item, "selected")) ? "是" : "");
}

static void text_vetoed(json_t *item, char *out, size_t size)
{
    dj_copy(out, size, json_is_true(json_object_get(item, "vetoed")) ? "否决" : "");
}

int api_evaluations_ranking(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int format;
    json_t *j;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_export_format(req, &format)) ||
        (rc = index_ranking(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    if (!format)
        return api_reply(resp, 200, j);
    json_t *items = json_incref(json_object_get(j, "items"));
    char name[160];
    snprintf(name, sizeof name, "%s排名",
             json_string_value(json_object_get(json_object_get(j, "evaluation"), "name")));
    json_decref(j);
    static const struct api_column cols[] = {
        {"rank", "名次", DJ_COL_INT, NULL},        {"name", "名称", DJ_COL_TEXT, NULL},
        {"unit", "所在单位", DJ_COL_TEXT, NULL},   {"total", "总分", DJ_COL_DECIMAL2, NULL},
        {"star", "星级", DJ_COL_TEXT, NULL},       {"selected", "入选", DJ_COL_TEXT, text_selected},
        {"vetoed", "否决", DJ_COL_TEXT, text_vetoed},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), name);
}

int api_evaluations_scores(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *items, *cols;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = index_score_sheet(req->db, &req->actor, id, &items, &cols, &req->err)))
        return rc;
    int format;
    if ((rc = api_export_format(req, &format))) {
        json_decref(items);
        json_decref(cols);
        return rc;
    }
    if (!format) {
        json_decref(cols);
        return api_reply_list(resp, items, (int64_t)json_array_size(items));
    }
    /* the file's cells are the items' own keys: each indicator's points as "i.<code>" */
    size_t k;
    json_t *item;
    json_array_foreach(items, k, item) {
        const char *code;
        json_t *v;
        char key[48];
        json_object_foreach(json_object_get(item, "points"), code, v) {
            snprintf(key, sizeof key, "i.%s", code);
            json_object_set(item, key, v);
        }
    }
    /* the sheet's columns: the basics, then one per indicator (at most 32 in all) */
    struct api_column c[32] = {
        {"rank", "名次", DJ_COL_INT, NULL},      {"name", "名称", DJ_COL_TEXT, NULL},
        {"unit", "所在单位", DJ_COL_TEXT, NULL}, {"total", "总分", DJ_COL_DECIMAL2, NULL},
    };
    int n = 4;
    size_t i;
    json_t *col;
    json_array_foreach(cols, i, col) {
        if (n >= 30)
            break;
        c[n++] = (struct api_column){json_string_value(json_object_get(col, "key")),
                                     json_string_value(json_object_get(col, "name")), DJ_COL_DECIMAL2,
                                     NULL};
    }
    c[n++] = (struct api_column){"selected", "入选", DJ_COL_TEXT, text_selected};
    c[n++] = (struct api_column){"vetoed", "否决", DJ_COL_TEXT, text_vetoed};
    rc = api_reply_items(req, resp, items, (int64_t)json_array_size(items), c, n, "评分表");
    json_decref(cols); /* the column names were used while writing */
    return rc;
}

int api_evaluations_explain(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, target;
    json_t *j;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_param_id(req, 1, &target)) ||
        (rc = index_explain(req->db, &req->actor, id, target, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

int api_evaluations_notice(struct dj_request *req, struct dj_response *resp)
{
    return reply_view(req, resp, index_notice, false);
}

int api_evaluations_progress(struct dj_request *req, struct dj_response *resp)
{
    return reply_view(req, resp, index_progress, false);
}

int api_evaluations_grid(struct dj_request *req, struct dj_response *resp)
{
    return reply_view(req, resp, index_grid, false);
}

int api_objections_list(struct dj_request *req, struct dj_response *resp)
{
    return reply_view(req, resp, evaluations_objections, true);
}

int api_objections_create(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, oid = 0;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    json_t *t = json_object_get(body, "target_id");
    int64_t target = json_is_integer(t) ? json_integer_value(t) : req->actor.person_id;
    if (t && !json_is_integer(t))
        rc = dj_err_field(&req->err, "target_id", "应为编号");
    else
        rc = evaluations_object(req->db, req->app->cfg, &req->actor, id, target,
                                json_string_value(json_object_get(body, "reason")), &oid, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/evaluations/%lld/objections/%lld",
             (long long)id, (long long)oid);
    return api_reply(resp, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)oid, "target_id",
                                          (json_int_t)target, "state", "open"));
}

int api_objections_answer(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, oid;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_param_id(req, 1, &oid)) || (rc = api_body_object(req, &body)))
        return rc;
    rc = evaluations_answer(req->db, &req->actor, id, oid,
                            json_string_value(json_object_get(body, "answer")), &req->err);
    json_decref(body);
    if (rc)
        return rc;
    json_t *items;
    if ((rc = evaluations_objections(req->db, &req->actor, id, &items, &req->err)))
        return rc;
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

/* ---- award categories ("1246") ---- */

int api_awards_list(struct dj_request *req, struct dj_response *resp)
{
    return reply_view(req, resp, awards_list, false);
}

/* {"award", "target_id", "reason"?, "withdraw"?} */
static int award_body(struct dj_request *req, json_t **body, const char **award, int64_t *target,
                      bool *withdraw)
{
    int rc = api_body_object(req, body);
    if (rc)
        return rc;
    json_t *t = json_object_get(*body, "target_id"), *w = json_object_get(*body, "withdraw");
    const char *key;
    json_t *v;
    json_object_foreach(*body, key, v) {
        if (strcmp(key, "award") && strcmp(key, "target_id") && strcmp(key, "withdraw") &&
            strcmp(key, "reason"))
            dj_err_field(&req->err, key, "未知的字段");
    }
    *award = json_string_value(json_object_get(*body, "award"));
    if (!*award)
        dj_err_field(&req->err, "award", "请选择评选项目");
    if (!json_is_integer(t) || json_integer_value(t) <= 0)
        dj_err_field(&req->err, "target_id", "应为编号");
    else
        *target = json_integer_value(t);
    if (w && !json_is_boolean(w))
        dj_err_field(&req->err, "withdraw", "应为 true 或 false");
    *withdraw = json_is_true(w);
    if (req->err.code) {
        json_decref(*body);
        return (int)req->err.code;
    }
    return 0;
}

int api_awards_nominate(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, target = 0;
    json_t *body;
    const char *award;
    bool withdraw;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = award_body(req, &body, &award, &target, &withdraw)))
        return rc;
    rc = withdraw ? awards_withdraw(req->db, &req->actor, id, award, target, &req->err)
                  : awards_nominate(req->db, &req->actor, id, award, target,
                                    json_string_value(json_object_get(body, "reason")), &req->err);
    json_decref(body);
    return rc ? rc : api_awards_list(req, resp);
}

int api_awards_vote(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, target = 0;
    json_t *body;
    const char *award;
    bool withdraw;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = award_body(req, &body, &award, &target, &withdraw)))
        return rc;
    rc = awards_vote(req->db, &req->actor, id, award, target, withdraw, &req->err);
    json_decref(body);
    return rc ? rc : api_awards_list(req, resp);
}
