/* api_talks: /talks (谈心谈话, their content for those who may read it, the
 * 五必谈 talks due, the year's statistics) and /talks/settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/routes.h"
#include "core/talks.h"
#include "io/export.h"
#include "util/text.h"

static int query_id(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        return dj_err_field(&req->err, name, "应为编号");
    return 0;
}

int api_talks_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_talk_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    api_date_range(req, &f.from, &f.to);
    f.kind = api_query(req, "kind");
    if (f.kind && !*f.kind)
        f.kind = NULL;
    const char *year = api_query(req, "year");
    char from[16], to[16];
    int64_t y = 0;
    if (year && (dj_parse_int64(year, &y) || y < 1900 || y > 2199))
        dj_err_field(&req->err, "year", "应为年份");
    else if (year) {
        snprintf(from, sizeof from, "%04d-01-01", (int)y);
        snprintf(to, sizeof to, "%04d-12-31", (int)y);
        f.from = from;
        f.to = to;
    }
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = talks_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    /* never the content: the list has none to give */
    static const struct api_column cols[] = {
        {"held_on", "谈话日期", DJ_COL_DATE, NULL},   {"kind", "谈话类型", DJ_COL_TEXT, NULL},
        {"talker_names", "谈话人", DJ_COL_TEXT, NULL}, {"talkee_names", "谈话对象", DJ_COL_TEXT, NULL},
        {"occasion", "谈话事由", DJ_COL_TEXT, NULL},  {"place", "地点", DJ_COL_TEXT, NULL},
        {"org_name", "所属组织", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "谈心谈话");
}

/* An array of person ids into ids (at most TALK_MAX_PEOPLE). */
static void people_field(struct dj_request *req, json_t *body, const char *name, int64_t *ids,
                         int *n)
{
    json_t *a = json_object_get(body, name);
    *n = 0;
    if (!json_is_array(a) || json_array_size(a) > TALK_MAX_PEOPLE) {
        dj_err_field(&req->err, name, "应为 1 至 %d 个人员编号", TALK_MAX_PEOPLE);
        return;
    }
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        if (!json_is_integer(v) || json_integer_value(v) <= 0) {
            dj_err_field(&req->err, name, "应为人员编号");
            return;
        }
        ids[(*n)++] = json_integer_value(v);
    }
}

static int parse_talk(struct dj_request *req, json_t *body, bool create, struct talk_input *in)
{
    static const char *const known[] = {"org_id", "held_on", "kind",    "occasion", "place",
                                        "content", "talkers", "talkees", NULL};
    memset(in, 0, sizeof *in);
    api_unknown_fields(req, body, known);
    json_t *v = json_object_get(body, "org_id");
    if ((in->has_org = v != NULL)) {
        if (json_is_integer(v) && json_integer_value(v) > 0)
            in->org_id = json_integer_value(v);
        else
            dj_err_field(&req->err, "org_id", "请选择组织");
    }
    in->has_held_on = json_object_get(body, "held_on") != NULL;
    in->has_kind = json_object_get(body, "kind") != NULL;
    in->has_occasion = json_object_get(body, "occasion") != NULL;
    in->has_place = json_object_get(body, "place") != NULL;
    api_field_copy(req, body, "held_on", in->held_on, sizeof in->held_on);
    api_field_copy(req, body, "kind", in->kind, sizeof in->kind);
    api_field_copy(req, body, "occasion", in->occasion, sizeof in->occasion);
    api_field_copy(req, body, "place", in->place, sizeof in->place);
    v = json_object_get(body, "content");
    if ((in->has_content = v != NULL)) {
        if (json_is_string(v))
            in->content = json_string_value(v);
        else if (!json_is_null(v))
            dj_err_field(&req->err, "content", "应为文字");
    }
    bool has_talkers = json_object_get(body, "talkers") != NULL;
    bool has_talkees = json_object_get(body, "talkees") != NULL;
    if (has_talkers != has_talkees)
        dj_err_field(&req->err, has_talkers ? "talkees" : "talkers", "谈话人与谈话对象应一起给出");
    if ((in->has_people = has_talkers && has_talkees)) {
        people_field(req, body, "talkers", in->talkers, &in->ntalkers);
        people_field(req, body, "talkees", in->talkees, &in->ntalkees);
    }
    if (create) {
        if (!in->has_org)
            dj_err_field(&req->err, "org_id", "请选择组织");
        if (!in->has_held_on)
            dj_err_field(&req->err, "held_on", "请填写谈话日期");
        if (!in->has_kind)
            dj_err_field(&req->err, "kind", "请选择谈话类型");
        if (!has_talkers)
            dj_err_field(&req->err, "talkers", "请选择谈话人");
        if (!has_talkees)
            dj_err_field(&req->err, "talkees", "请选择谈话对象");
    }
    return req->err.code;
}

int api_talks_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct talk_input in;
    if (!(rc = parse_talk(req, body, true, &in)))
        rc = talks_create(req->db, req->app->cfg, &req->actor, req->app->secret, &in, &out,
                          &req->err);
    json_decref(body); /* in.content pointed into it */
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/talks/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_talks_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = talks_get(req->db, &req->actor, req->app->secret, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_talks_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct talk_input in;
    if (!(rc = parse_talk(req, body, false, &in)))
        rc = talks_update(req->db, req->app->cfg, &req->actor, req->app->secret, id, &in, &out,
                          &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_talks_due(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int rc = talks_due(req->db, req->app->cfg, &req->actor, api_query(req, "since"), &items,
                       &req->err);
    if (rc)
        return rc;
    static const struct api_column cols[] = {
        {"due_on", "应谈期限", DJ_COL_DATE, NULL},   {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"name", "姓名", DJ_COL_TEXT, NULL},         {"branch", "党支部", DJ_COL_TEXT, NULL},
        {"detail", "五必谈情形", DJ_COL_TEXT, NULL}, {"trigger_on", "发生日期", DJ_COL_DATE, NULL},
        {"overdue", "已逾期", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "五必谈待谈");
}

int api_talks_statistics(struct dj_request *req, struct dj_response *resp)
{
    const char *y = api_query(req, "year");
    int64_t year = 0;
    if (!y || dj_parse_int64(y, &year) || year < 1900 || year > 2199)
        return dj_err_field(&req->err, "year", "应为年份");
    json_t *out;
    int rc = talks_statistics(req->db, &req->actor, (int)year, &out, &req->err);
    if (rc)
        return rc;
    int format;
    if ((rc = api_export_format(req, &format))) {
        json_decref(out);
        return rc;
    }
    if (!format)
        return api_reply(resp, 200, out);
    /* the export: one row per kind, then one per relationship */
    json_t *rows = json_array(), *k;
    size_t i;
    json_array_foreach(json_object_get(out, "by_kind"), i, k)
        json_array_append_new(rows, json_pack("{s:s, s:O, s:O}", "item", json_string_value(
                                                  json_object_get(k, "kind")),
                                              "talks", json_object_get(k, "talks"), "people",
                                              json_object_get(k, "people")));
    static const char *const rel[][2] = {
        {"leaders", "领导班子成员之间"}, {"young_cadres", "与年轻干部"}, {"members", "与党员干部"}};
    json_t *by_rel = json_object_get(out, "by_relationship");
    for (int r = 0; r < 3; r++)
        json_array_append_new(rows, json_pack("{s:s, s:n, s:O}", "item", rel[r][1], "talks", "people",
                                              json_object_get(by_rel, rel[r][0])));
    json_decref(out);
    static const struct api_column cols[] = {
        {"item", "类型或关系", DJ_COL_TEXT, NULL},
        {"talks", "谈话次数", DJ_COL_INT, NULL},
        {"people", "谈话人次", DJ_COL_INT, NULL},
    };
    return api_reply_items(req, resp, rows, (int64_t)json_array_size(rows), cols, 3, "谈心谈话统计");
}

int api_talks_settings_get(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = talks_settings_get(req->db, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_talks_settings_put(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"content_roles", "due_days", "absence_months", "kinds", NULL};
    api_unknown_fields(req, body, known);
    struct talk_settings_input in;
    memset(&in, 0, sizeof in);
    char roles[256] = "", kinds[2048] = "";
    json_t *v = json_object_get(body, "content_roles");
    if (v) {
        size_t i;
        json_t *r;
        in.content_roles = roles;
        if (!json_is_array(v))
            dj_err_field(&req->err, "content_roles", "应为角色列表");
        json_array_foreach(v, i, r) {
            size_t n = strlen(roles);
            if (!json_is_string(r) || n + json_string_length(r) + 2 >= sizeof roles) {
                dj_err_field(&req->err, "content_roles", "应为角色列表");
                break;
            }
            snprintf(roles + n, sizeof roles - n, "%s%s", n ? "," : "", json_string_value(r));
        }
    }
    v = json_object_get(body, "kinds");
    if (v) {
        size_t i;
        json_t *k;
        in.kinds = kinds;
        if (!json_is_array(v))
            dj_err_field(&req->err, "kinds", "应为谈话类型列表");
        json_array_foreach(v, i, k) {
            size_t n = strlen(kinds);
            const char *s = json_string_value(k);
            if (!s || !*s || strchr(s, '\n') || strchr(s, ',') || dj_utf8_length(s) > 20 ||
                n + strlen(s) + 2 >= sizeof kinds) {
                dj_err_field(&req->err, "kinds", "每个谈话类型 1 至 20 个字");
                break;
            }
            snprintf(kinds + n, sizeof kinds - n, "%s%s", n ? "\n" : "", s);
        }
    }
    static const char *const ints[] = {"due_days", "absence_months"};
    for (int i = 0; i < 2; i++) {
        v = json_object_get(body, ints[i]);
        if (!v)
            continue;
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 365)
            dj_err_field(&req->err, ints[i], "应为正整数");
        else if (i == 0)
            in.due_days = (int)json_integer_value(v);
        else
            in.absence_months = (int)json_integer_value(v);
    }
    json_decref(body);
    if (req->err.code)
        return req->err.code;
    if (in.content_roles && !*in.content_roles)
        in.content_roles = ","; /* nobody but the participants: stored as an empty list */
    if ((rc = talks_settings_put(req->db, &req->actor, &in, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}
