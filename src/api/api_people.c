/* api_people: /api/v1/people — the roster within the caller's scope. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/people.h"
#include "core/people_export.h"
#include "util/text.h"

/* The text fields a client may set, with where they live. */
static const struct {
    const char *name;
    size_t offset, size;
} text_fields[] = {
#define F(n, m) {n, offsetof(struct dj_person, m), sizeof(((struct dj_person *)0)->m)}
    F("staff_no", staff_no),           F("name", name),
    F("gender", gender),               F("ethnicity", ethnicity),
    F("birth_date", birth_date),       F("education", education),
    F("position", position),           F("political_status", political_status),
    F("joined_party_on", joined_party_on), F("full_member_on", full_member_on),
    F("phone", phone),                 F("status", status),
#undef F
};

static int id_field(struct dj_request *req, json_t *body, const char *name, int64_t *out,
                    bool *given)
{
    json_t *v = json_object_get(body, name);
    *given = v != NULL;
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = 0;
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) <= 0)
        return dj_err_field(&req->err, name, "应为编号（正整数）或 null");
    *out = json_integer_value(v);
    return 0;
}

/* Applies the JSON body to p and c; create requires the basic fields. */
static int parse_person(struct dj_request *req, json_t *body, bool create, struct dj_person *p,
                        struct dj_person_change *c)
{
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        bool known = !strcmp(key, "id_number") || !strcmp(key, "department_id") ||
                     !strcmp(key, "branch_id") || !strcmp(key, "group_id") ||
                     !strcmp(key, "effective_on");
        for (size_t i = 0; !known && i < sizeof text_fields / sizeof text_fields[0]; i++)
            known = strcmp(key, text_fields[i].name) == 0;
        if (!known)
            dj_err_field(&req->err, key, "未知或不可修改的字段");
    }
    for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++)
        api_field_copy(req, body, text_fields[i].name, (char *)p + text_fields[i].offset,
                       text_fields[i].size);
    if (create && !json_object_get(body, "status"))
        snprintf(p->status, sizeof p->status, "在职");
    json_t *idn = json_object_get(body, "id_number");
    if (idn) {
        if (!json_is_string(idn) && !json_is_null(idn))
            dj_err_field(&req->err, "id_number", "应为字符串");
        else {
            const char *s = json_is_null(idn) ? "" : json_string_value(idn);
            if (strlen(s) >= sizeof p->id_number)
                dj_err_field(&req->err, "id_number", "身份证号应为 18 位");
            else
                snprintf(p->id_number, sizeof p->id_number, "%s", s);
            c->id_number_given = true;
        }
    }
    bool given;
    id_field(req, body, "department_id", &p->department_id, &given);
    id_field(req, body, "branch_id", &c->branch_id, &given);
    if (given && !json_object_get(body, "group_id"))
        c->group_id = 0; /* a new branch without a group */
    id_field(req, body, "group_id", &c->group_id, &given);
    if (api_field_string(req, body, "effective_on", false, &key) == 0 && key)
        snprintf(c->effective_on, sizeof c->effective_on, "%.10s", key);
    return req->err.code;
}

int api_people_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_people_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    f.q = api_query(req, "q");
    const char *v;
    if ((v = api_query(req, "branch_id")) && (dj_parse_int64(v, &f.branch_id) || f.branch_id <= 0))
        dj_err_field(&req->err, "branch_id", "应为组织编号");
    if ((v = api_query(req, "department_id")) &&
        (dj_parse_int64(v, &f.department_id) || f.department_id <= 0))
        dj_err_field(&req->err, "department_id", "应为科室编号");
    f.status = api_query(req, "status");
    f.political_status = api_query(req, "political_status");
    f.sort = api_query(req, "sort");
    if (f.sort && strcmp(f.sort, "staff_no") && strcmp(f.sort, "name") &&
        strcmp(f.sort, "birth_date") && strcmp(f.sort, "joined_party_on"))
        dj_err_field(&req->err, "sort", "可按 staff_no、name、birth_date、joined_party_on 排序");
    if ((v = api_query(req, "order")) && strcmp(v, "asc") && strcmp(v, "desc"))
        dj_err_field(&req->err, "order", "应为 asc 或 desc");
    f.descending = v && strcmp(v, "desc") == 0;
    int format;
    api_export_format(req, &format);
    if (req->err.code)
        return req->err.code;
    if (format) {
        char *data;
        size_t len;
        if ((rc = people_export(req->db, &req->actor, req->app->secret, &f, format == 2, &data, &len,
                                &req->err)))
            return rc;
        return api_reply_file(req, resp, data, len, format == 2, "人员名册");
    }
    /* the rows go straight into the answer's text (issue 19) */
    struct dj_buf out = DJ_BUF_INIT;
    if ((rc = people_list_json(req->db, &req->actor, &f, &out, &req->err))) {
        dj_buf_free(&out);
        return rc;
    }
    resp->status = 200;
    resp->body_len = out.len;
    resp->body = dj_buf_take(&out);
    resp->content_type = "application/json; charset=utf-8";
    return 0;
}

int api_people_template(struct dj_request *req, struct dj_response *resp)
{
    char *data;
    size_t len;
    int rc = people_template(req->db, &req->actor, &data, &len, &req->err);
    if (rc)
        return rc;
    return api_reply_file(req, resp, data, len, false, "人员名册导入模板");
}

int api_people_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    struct dj_person p;
    bool shown;
    if ((rc = people_get(req->db, &req->actor, req->app->secret, id, &p, &shown, &req->err)))
        return rc;
    json_t *j = person_json(&p, (shown ? PERSON_SHOW_ID_NUMBER : 0) |
                                    (people_may_see_id_number(&req->actor, &p) ? PERSON_SHOW_BIRTH_DATE : 0));
    memset(&p, 0, sizeof p);
    struct dj_membership *hist;
    int n;
    if ((rc = people_memberships(req->db, &req->actor, id, &hist, &n, &req->err))) {
        json_decref(j);
        return rc;
    }
    json_t *periods = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            periods, json_pack("{s:I, s:s, s:o, s:o, s:s, s:o}", "branch_id",
                               (json_int_t)hist[i].org_id, "branch", hist[i].org_name, "group_id",
                               hist[i].group_id ? json_integer(hist[i].group_id) : json_null(),
                               "group", *hist[i].group_name ? json_string(hist[i].group_name) : json_null(),
                               "start_on", hist[i].start_on, "end_on",
                               *hist[i].end_on ? json_string(hist[i].end_on) : json_null()));
    free(hist);
    json_object_set_new(j, "memberships", periods);
    struct dj_committee_member *posts;
    if ((rc = people_posts(req->db, &req->actor, id, &posts, &n, &req->err))) {
        json_decref(j);
        return rc;
    }
    json_t *held = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            held, json_pack("{s:I, s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)posts[i].id,
                            "org_id", (json_int_t)posts[i].org_id, "org", posts[i].org_name,
                            "post", posts[i].post, "start_on", posts[i].start_on, "end_on",
                            *posts[i].end_on ? json_string(posts[i].end_on) : json_null()));
    free(posts);
    json_object_set_new(j, "posts", held);
    return api_reply(resp, 200, j);
}

int api_people_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_person p;
    struct dj_person_change c;
    memset(&p, 0, sizeof p);
    memset(&c, 0, sizeof c);
    if (!(rc = parse_person(req, body, true, &p, &c)))
        rc = people_create(req->db, req->app->cfg, &req->actor, req->app->secret, &p, &c, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/people/%lld", (long long)p.id);
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)p.bureau_id);
    bool show = authz_allows(&req->actor, PERM_IDNUMBER_READ, bureau);
    json_t *j = person_json(&p, show ? PERSON_SHOW_ID_NUMBER | PERSON_SHOW_BIRTH_DATE : 0);
    memset(&p, 0, sizeof p);
    return api_reply(resp, 201, j);
}

int api_people_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    struct dj_person p;
    bool shown;
    if ((rc = people_get(req->db, &req->actor, req->app->secret, id, &p, &shown, &req->err))) {
        json_decref(body);
        return rc;
    }
    struct dj_person_change c;
    memset(&c, 0, sizeof c);
    c.branch_id = p.branch_id;
    c.group_id = p.group_id;
    if (!(rc = parse_person(req, body, false, &p, &c)))
        rc = people_update(req->db, req->app->cfg, &req->actor, req->app->secret, id, &p, &c,
                           &req->err);
    json_decref(body);
    if (rc)
        return rc;
    if ((rc = people_get(req->db, &req->actor, req->app->secret, id, &p, &shown, &req->err)))
        return rc;
    json_t *j = person_json(&p, (shown ? PERSON_SHOW_ID_NUMBER : 0) |
                                    (people_may_see_id_number(&req->actor, &p) ? PERSON_SHOW_BIRTH_DATE : 0));
    memset(&p, 0, sizeof p);
    return api_reply(resp, 200, j);
}
