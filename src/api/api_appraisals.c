/* api_appraisals: /appraisals (民主评议党员) and /secretary-reviews (支部书记述职评议). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/routes.h"
#include "core/appraisals.h"
#include "core/secretary_reviews.h"
#include "io/export.h"
#include "util/text.h"

#define MAX_GRADES 200

/* ?year= ?org_id= ?status= and paging */
static int list_query(struct dj_request *req, int *year, int64_t *org_id, const char **status, int *limit,
                      int *offset, const char *s1, const char *s2)
{
    int rc = api_paging(req, limit, offset);
    if (rc)
        return rc;
    int64_t y = 0;
    const char *v = api_query(req, "year");
    if (v && (dj_parse_int64(v, &y) || y < 2000 || y > 2100))
        dj_err_field(&req->err, "year", "应为年份");
    *year = (int)y;
    *org_id = 0;
    v = api_query(req, "org_id");
    if (v && (dj_parse_int64(v, org_id) || *org_id <= 0))
        dj_err_field(&req->err, "org_id", "应为编号");
    *status = api_query(req, "status");
    if (*status && strcmp(*status, s1) && strcmp(*status, s2))
        dj_err_field(&req->err, "status", "应为 %s 或 %s", s1, s2);
    return req->err.code;
}

static int int_field(struct dj_request *req, json_t *body, const char *name, bool required, int64_t min,
                     int64_t max, int64_t *out)
{
    json_t *v = json_object_get(body, name);
    *out = 0;
    if (!v || json_is_null(v)) {
        if (required)
            dj_err_field(&req->err, name, "必填");
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return dj_err_field(&req->err, name, "应为 %lld 至 %lld 的整数", (long long)min, (long long)max);
    *out = json_integer_value(v);
    return 0;
}

/* [{person_id, grade}] of field name */
static int grades_field(struct dj_request *req, json_t *body, const char *name, struct appraisal_grade_in **out,
                        int *n)
{
    json_t *a = json_object_get(body, name);
    *out = NULL;
    *n = 0;
    if (!json_is_array(a) || json_array_size(a) > MAX_GRADES)
        return dj_err_field(&req->err, name, "应为至多 %d 项的列表", MAX_GRADES);
    *out = calloc(json_array_size(a) + 1, sizeof **out);
    if (!*out)
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    size_t i;
    json_t *x;
    json_array_foreach(a, i, x) {
        json_t *p = json_object_get(x, "person_id");
        const char *g = json_string_value(json_object_get(x, "grade"));
        if (!json_is_object(x) || json_object_size(x) != 2 || !json_is_integer(p) || !g ||
            strlen(g) >= sizeof (*out)[0].grade) {
            dj_err_field(&req->err, name, "第 %zu 项应为 {person_id, grade}", i + 1);
            continue;
        }
        (*out)[*n].person_id = json_integer_value(p);
        dj_copy((*out)[*n].grade, sizeof (*out)[*n].grade, g);
        (*n)++;
    }
    return req->err.code;
}

int api_appraisals_list(struct dj_request *req, struct dj_response *resp)
{
    int year, limit, offset;
    int64_t org_id;
    const char *status;
    int rc = list_query(req, &year, &org_id, &status, &limit, &offset, "open", "graded");
    json_t *items;
    int64_t total;
    if (rc || (rc = appraisals_list(req->db, &req->actor, year, org_id, status, limit, offset, &items, &total,
                                    &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"year", "年度", DJ_COL_INT, NULL},          {"org", "党支部", DJ_COL_TEXT, NULL},
        {"status", "状态", DJ_COL_TEXT, NULL},       {"opened_on", "开始日期", DJ_COL_DATE, NULL},
        {"graded_on", "定等日期", DJ_COL_DATE, NULL}, {"members", "参评人数", DJ_COL_INT, NULL},
        {"self_done", "已自评", DJ_COL_INT, NULL},    {"ballots", "已互评", DJ_COL_INT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "民主评议");
}

int api_appraisals_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"org_id", "year", "note", NULL};
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    int64_t org_id, year;
    const char *note = NULL;
    api_unknown_fields(req, body, known);
    int_field(req, body, "org_id", true, 1, INT64_MAX, &org_id);
    int_field(req, body, "year", true, 2000, 2100, &year);
    api_field_string(req, body, "note", false, &note);
    if (!(rc = req->err.code))
        rc = appraisals_open(req->db, req->app->cfg, &req->actor, org_id, (int)year, note, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/appraisals/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_appraisal_settings_get(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = appraisals_caps(req->db, req->app->cfg, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_appraisal_settings_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"effective_from", "excellent_num", "excellent_den", "cap_base", "source",
                                        NULL};
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_appraisal_cap c;
    memset(&c, 0, sizeof c);
    int64_t num, den;
    api_unknown_fields(req, body, known);
    api_field_copy(req, body, "effective_from", c.effective_from, sizeof c.effective_from);
    api_field_copy(req, body, "cap_base", c.base, sizeof c.base);
    api_field_copy(req, body, "source", c.source, sizeof c.source);
    int_field(req, body, "excellent_num", true, 1, 100, &num);
    int_field(req, body, "excellent_den", true, 1, 100, &den);
    c.num = (int)num;
    c.den = (int)den;
    if (!*c.base)
        dj_copy(c.base, sizeof c.base, "graded");
    if (!(rc = req->err.code))
        rc = appraisals_cap_add(req->db, &req->actor, &c, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, out);
}

int api_appraisals_mine(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = appraisals_mine(req->db, req->app->cfg, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_appraisals_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = appraisals_get(req->db, req->app->cfg, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_appraisals_members(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *items;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = appraisals_members(req->db, &req->actor, id, &items, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"name", "姓名", DJ_COL_TEXT, NULL},
        {"category", "类别", DJ_COL_TEXT, NULL},
        {"self_on", "自评日期", DJ_COL_DATE, NULL},
        {"self_text", "自我评价", DJ_COL_TEXT, NULL},
        {"votes_excellent", "互评优秀", DJ_COL_INT, NULL},
        {"votes_qualified", "互评合格", DJ_COL_INT, NULL},
        {"votes_basic", "互评基本合格", DJ_COL_INT, NULL},
        {"votes_unqualified", "互评不合格", DJ_COL_INT, NULL},
        {"grade", "评定等次", DJ_COL_TEXT, NULL},
        {"talk_id", "谈话编号", DJ_COL_INT, NULL},
        {"rectification_id", "整改编号", DJ_COL_INT, NULL},
        {"followup_note", "组织处置", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "民主评议结果");
}

int api_appraisals_self(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"self_text", NULL};
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    const char *text = NULL;
    api_unknown_fields(req, body, known);
    api_field_string(req, body, "self_text", true, &text);
    if (!(rc = req->err.code))
        rc = appraisals_self(req->db, req->app->cfg, &req->actor, id, text, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_appraisals_ballot(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"ratings", NULL};
    int64_t id;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct appraisal_grade_in *r = NULL;
    int n = 0;
    api_unknown_fields(req, body, known);
    grades_field(req, body, "ratings", &r, &n);
    if (!(rc = req->err.code))
        rc = appraisals_ballot(req->db, &req->actor, id, r, n, &req->err);
    free(r);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, json_pack("{s:b, s:i}", "voted", 1, "rated", n));
}

int api_appraisals_grade(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"grades", NULL};
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    struct appraisal_grade_in *g = NULL;
    int n = 0;
    api_unknown_fields(req, body, known);
    grades_field(req, body, "grades", &g, &n);
    if (!(rc = req->err.code))
        rc = appraisals_grade(req->db, req->app->cfg, &req->actor, id, g, n, &out, &req->err);
    free(g);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_appraisals_followup(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"talk_id", "rectification_id", "followup_note", NULL};
    int64_t id, person_id, talk_id, rect_id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_param_id(req, 1, &person_id)) || (rc = api_body_object(req, &body)))
        return rc;
    const char *note = NULL;
    api_unknown_fields(req, body, known);
    int_field(req, body, "talk_id", false, 1, INT64_MAX, &talk_id);
    int_field(req, body, "rectification_id", false, 1, INT64_MAX, &rect_id);
    api_field_string(req, body, "followup_note", false, &note);
    if (!(rc = req->err.code))
        rc = appraisals_followup(req->db, req->app->cfg, &req->actor, id, person_id, talk_id, rect_id, note, &out,
                                 &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

/* ---- 支部书记述职评议 ---- */

static void count_cell(json_t *item, const char *grade, char *out, size_t size)
{
    snprintf(out, size, "%lld", (long long)json_integer_value(json_object_get(json_object_get(item, "counts"), grade)));
}
static void good_cell(json_t *item, char *out, size_t size)
{
    count_cell(item, "好", out, size);
}
static void fair_cell(json_t *item, char *out, size_t size)
{
    count_cell(item, "较好", out, size);
}
static void average_cell(json_t *item, char *out, size_t size)
{
    count_cell(item, "一般", out, size);
}
static void poor_cell(json_t *item, char *out, size_t size)
{
    count_cell(item, "差", out, size);
}

int api_reviews_list(struct dj_request *req, struct dj_response *resp)
{
    int year, limit, offset;
    int64_t org_id;
    const char *status;
    int rc = list_query(req, &year, &org_id, &status, &limit, &offset, "open", "closed");
    json_t *items;
    int64_t total;
    if (rc || (rc = reviews_list(req->db, &req->actor, year, org_id, status, limit, offset, &items, &total,
                                 &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"year", "年度", DJ_COL_INT, NULL},        {"org", "党支部", DJ_COL_TEXT, NULL},
        {"secretary", "书记", DJ_COL_TEXT, NULL},  {"status", "状态", DJ_COL_TEXT, NULL},
        {"opened_on", "开始日期", DJ_COL_DATE, NULL}, {"closed_on", "结束日期", DJ_COL_DATE, NULL},
        {"ballots", "测评人数", DJ_COL_INT, NULL},   {"good", "好", DJ_COL_INT, good_cell},
        {"fair", "较好", DJ_COL_INT, fair_cell},     {"average", "一般", DJ_COL_INT, average_cell},
        {"poor", "差", DJ_COL_INT, poor_cell},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "书记述职评议");
}

int api_reviews_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"org_id", "person_id", "year", NULL};
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    int64_t org_id, person_id, year;
    api_unknown_fields(req, body, known);
    int_field(req, body, "org_id", true, 1, INT64_MAX, &org_id);
    int_field(req, body, "person_id", false, 1, INT64_MAX, &person_id);
    int_field(req, body, "year", true, 2000, 2100, &year);
    if (!(rc = req->err.code))
        rc = reviews_open(req->db, req->app->cfg, &req->actor, org_id, person_id, (int)year, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/secretary-reviews/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

int api_reviews_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = reviews_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_reviews_report(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"report", NULL};
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    const char *report = NULL;
    api_unknown_fields(req, body, known);
    api_field_string(req, body, "report", true, &report);
    if (!(rc = req->err.code))
        rc = reviews_report(req->db, &req->actor, id, report, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_reviews_rate(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"grade", NULL};
    int64_t id;
    json_t *body;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_body_object(req, &body)))
        return rc;
    const char *grade = NULL;
    api_unknown_fields(req, body, known);
    api_field_string(req, body, "grade", true, &grade);
    if (!(rc = req->err.code))
        rc = reviews_rate(req->db, &req->actor, id, grade, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 201, json_pack("{s:b}", "voted", 1));
}

int api_reviews_close(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = reviews_close(req->db, req->app->cfg, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}
