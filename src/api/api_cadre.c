/* api_cadre: /cadre/postings (轮岗, 一线锻炼, 驻村第一书记) and /cadre/mentorships (帮带). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/routes.h"
#include "core/cadre.h"
#include "io/export.h"
#include "util/text.h"

static int id_query(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        dj_err_field(&req->err, name, "应为编号");
    return req->err.code;
}

static void id_field(struct dj_request *req, json_t *body, const char *name, bool *has, int64_t *out)
{
    json_t *v = json_object_get(body, name);
    *has = v != NULL;
    *out = 0;
    if (!v || json_is_null(v))
        return;
    if (json_is_integer(v) && json_integer_value(v) > 0)
        *out = json_integer_value(v);
    else
        dj_err_field(&req->err, name, "应为编号");
}

static void text_field(struct dj_request *req, json_t *body, const char *name, bool *has, char *dst, size_t size)
{
    *has = json_object_get(body, name) != NULL;
    api_field_copy(req, body, name, dst, size);
}

int api_cadre_postings_list(struct dj_request *req, struct dj_response *resp)
{
    int limit, offset;
    int64_t person_id;
    int rc = api_paging(req, &limit, &offset);
    if (rc || (rc = id_query(req, "person_id", &person_id)))
        return rc;
    const char *kind = api_query(req, "kind");
    if (kind && !cadre_kind_label(kind))
        return dj_err_field(&req->err, "kind", "应为 rotation、frontline 或 village");
    json_t *items;
    int64_t total;
    if ((rc = cadre_postings_list(req->db, &req->actor, person_id, kind, limit, offset, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"person", "姓名", DJ_COL_TEXT, NULL},      {"kind_label", "类别", DJ_COL_TEXT, NULL},
        {"department", "科室", DJ_COL_TEXT, NULL},  {"post", "岗位", DJ_COL_TEXT, NULL},
        {"place", "地点", DJ_COL_TEXT, NULL},       {"start_on", "开始日期", DJ_COL_DATE, NULL},
        {"end_on", "结束日期", DJ_COL_DATE, NULL},  {"note", "说明", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "干部培养经历");
}

static int parse_posting(struct dj_request *req, json_t *body, bool create, struct posting_input *in)
{
    static const char *const known[] = {"person_id", "kind", "department_id", "place", "post", "start_on", "end_on",
                                        "note", NULL};
    memset(in, 0, sizeof *in);
    api_unknown_fields(req, body, known);
    id_field(req, body, "person_id", &in->has_person, &in->person_id);
    id_field(req, body, "department_id", &in->has_department, &in->department_id);
    text_field(req, body, "kind", &in->has_kind, in->kind, sizeof in->kind);
    text_field(req, body, "place", &in->has_place, in->place, sizeof in->place);
    text_field(req, body, "post", &in->has_post, in->post, sizeof in->post);
    text_field(req, body, "start_on", &in->has_start, in->start_on, sizeof in->start_on);
    text_field(req, body, "end_on", &in->has_end, in->end_on, sizeof in->end_on);
    text_field(req, body, "note", &in->has_note, in->note, sizeof in->note);
    if (create && !in->has_person)
        dj_err_field(&req->err, "person_id", "必填");
    if (create && !in->has_kind)
        dj_err_field(&req->err, "kind", "必填");
    if (create && !in->has_start)
        dj_err_field(&req->err, "start_on", "必填");
    return req->err.code;
}

int api_cadre_postings_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct posting_input in;
    if (!(rc = parse_posting(req, body, true, &in)))
        rc = cadre_posting_create(req->db, req->app->cfg, &req->actor, &in, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/cadre/postings/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_cadre_postings_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct posting_input in;
    if (!(rc = parse_posting(req, body, false, &in)))
        rc = cadre_posting_update(req->db, req->app->cfg, &req->actor, id, &in, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_cadre_mentorships_list(struct dj_request *req, struct dj_response *resp)
{
    int limit, offset;
    int64_t person_id;
    int rc = api_paging(req, &limit, &offset);
    if (rc || (rc = id_query(req, "person_id", &person_id)))
        return rc;
    const char *mode = api_query(req, "mode");
    if (mode && !cadre_mode_label(mode))
        return dj_err_field(&req->err, "mode", "应为 leader_backbone、veteran_young 或 expert_young");
    json_t *items;
    int64_t total;
    if ((rc = cadre_mentorships_list(req->db, &req->actor, person_id, mode, limit, offset, &items, &total,
                                     &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"mode_label", "帮带模式", DJ_COL_TEXT, NULL}, {"mentor", "帮带人", DJ_COL_TEXT, NULL},
        {"mentee", "被帮带人", DJ_COL_TEXT, NULL},     {"goals", "帮带目标", DJ_COL_TEXT, NULL},
        {"start_on", "开始日期", DJ_COL_DATE, NULL},   {"end_on", "结束日期", DJ_COL_DATE, NULL},
        {"reviews", "考核次数", DJ_COL_INT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "帮带");
}

int api_cadre_mentorships_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"mentor_id", "mentee_id", "mode", "goals", "start_on", "end_on", NULL};
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_mentorship m;
    memset(&m, 0, sizeof m);
    bool has;
    api_unknown_fields(req, body, known);
    id_field(req, body, "mentor_id", &has, &m.mentor_id);
    id_field(req, body, "mentee_id", &has, &m.mentee_id);
    api_field_copy(req, body, "mode", m.mode, sizeof m.mode);
    api_field_copy(req, body, "goals", m.goals, sizeof m.goals);
    api_field_copy(req, body, "start_on", m.start_on, sizeof m.start_on);
    api_field_copy(req, body, "end_on", m.end_on, sizeof m.end_on);
    if (!(rc = req->err.code))
        rc = cadre_mentorship_create(req->db, req->app->cfg, &req->actor, &m, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/cadre/mentorships/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_cadre_mentorships_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = cadre_mentorship_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_cadre_mentorships_review(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"reviewed_on", "rating", "summary", NULL};
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct dj_mentorship_review r;
    memset(&r, 0, sizeof r);
    api_unknown_fields(req, body, known);
    api_field_copy(req, body, "reviewed_on", r.reviewed_on, sizeof r.reviewed_on);
    api_field_copy(req, body, "rating", r.rating, sizeof r.rating);
    api_field_copy(req, body, "summary", r.summary, sizeof r.summary);
    if (!(rc = req->err.code))
        rc = cadre_mentorship_review(req->db, req->app->cfg, &req->actor, id, &r, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, out);
}
