/* api_learning: /api/v1/lectures (财政月讲堂: the series, its summary and the
 * lecturer rota; a lecture itself is a meeting, read and changed through the
 * same handlers), /lecture-labels (themes and modules), /quizzes (tests and
 * contests with their scores and score import), /study-records (study
 * hours) and /statistics/learning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "core/lectures.h"
#include "core/meetings.h"
#include "core/people.h"
#include "core/quizzes.h"
#include "core/statistics.h"
#include "core/study.h"
#include "io/export.h"
#include "io/multipart.h"
#include "util/date.h"
#include "util/text.h"

/* ?period= (2026, 2026Q3, 2026-07), ?year= or ?from=&to=; default: this year */
static int query_period(struct dj_request *req, struct dj_period *p)
{
    char range[DJ_PERIOD_LEN];
    const char *v;
    int rc = api_query_period(req, "period", range, &v);
    if (rc)
        return rc;
    if (v == range && api_query(req, "year"))
        return dj_err_field(&req->err, "year", "不能与 from/to 同时使用");
    if (!v)
        v = api_query(req, "year");
    char year[8];
    if (!v) {
        char today[DJ_DATE_LEN];
        dj_date_today(req->app->cfg->timezone, today);
        snprintf(year, sizeof year, "%.4s", today);
        v = year;
    }
    if (!dj_period_parse(v, p))
        return dj_err_field(&req->err, "period", "期间应为 2026、2026Q3 或 2026-07");
    return 0;
}

static int query_id(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        return dj_err_field(&req->err, name, "应为编号");
    return 0;
}

/* ---- lectures ---- */

int api_lectures_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_period p;
    int limit, offset;
    int rc = api_paging(req, &limit, &offset);
    if (rc || (rc = query_period(req, &p)))
        return rc;
    struct dj_meeting_list list;
    if ((rc = lectures_list(req->db, &req->actor, p.first, p.last, limit, offset, &list, &req->err)))
        return rc;
    int64_t total = list.total;
    json_t *items = meeting_list_json(&list);
    static const struct api_column cols[] = {
        {"held_on", "日期", DJ_COL_DATE, NULL},   {"org", "组织", DJ_COL_TEXT, NULL},
        {"topic", "题目", DJ_COL_TEXT, NULL},
        {"lecturer", "主讲人", DJ_COL_TEXT, NULL}, {"theme", "主题", DJ_COL_TEXT, NULL},
        {"module", "模块", DJ_COL_TEXT, NULL},    {"place", "地点", DJ_COL_TEXT, NULL},
        {"guests", "外单位人数", DJ_COL_INT, NULL}, {"late_recorded", "补录", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "财政月讲堂");
}

int api_lectures_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    int64_t kind;
    char bureau[32];
    if ((rc = lectures_kind_id(req->db, &kind, &req->err)) ||
        (rc = lectures_bureau(&req->actor, bureau, sizeof bureau, &req->err))) {
        json_decref(body);
        return rc;
    }
    if (json_object_get(body, "kind_id")) {
        json_decref(body);
        return dj_err_field(&req->err, "kind_id", "讲堂的类型是固定的，不能指定");
    }
    /* the series belongs to the bureau unless an org is named */
    if (!json_object_get(body, "org_id"))
        json_object_set_new(body, "org_id", json_integer(path_root_id(bureau)));
    json_object_set_new(body, "kind_id", json_integer(kind));
    rc = api_meetings_create_from(req, resp, body);
    json_decref(body);
    if (!rc && resp->status == 201)
        snprintf(resp->location, sizeof resp->location, "/api/v1/lectures/%lld",
                 (long long)json_integer_value(json_object_get(resp->json, "id")));
    return rc;
}

int api_lectures_summary(struct dj_request *req, struct dj_response *resp)
{
    struct dj_period p;
    json_t *j;
    int rc = query_period(req, &p);
    if (rc || (rc = lectures_summary(req->db, &req->actor, p.first, p.last, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

static void text_last_on(json_t *item, char *out, size_t size)
{
    json_t *v = json_object_get(item, "last_on");
    dj_copy(out, size, json_is_string(v) ? json_string_value(v) : "");
}

int api_lectures_rota(struct dj_request *req, struct dj_response *resp)
{
    struct dj_period p;
    json_t *j;
    int format;
    int rc = query_period(req, &p);
    if (rc || (rc = api_export_format(req, &format)) ||
        (rc = lectures_rota(req->db, &req->actor, p.first, p.last, &j, &req->err)))
        return rc;
    if (!format)
        return api_reply(resp, 200, j);
    /* the file lists everyone: those who have lectured, then those who have not */
    json_t *items = json_array();
    json_array_extend(items, json_object_get(j, "lectured"));
    json_array_extend(items, json_object_get(j, "not_yet"));
    json_decref(j);
    static const struct api_column cols[] = {
        {"staff_no", "工号", DJ_COL_TEXT, NULL},      {"name", "姓名", DJ_COL_TEXT, NULL},
        {"department", "科室", DJ_COL_TEXT, NULL},     {"political_status", "政治面貌", DJ_COL_TEXT, NULL},
        {"given", "本期主讲次数", DJ_COL_INT, NULL},   {"last_on", "最近主讲", DJ_COL_DATE, text_last_on},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "讲堂主讲轮值");
}

/* /lectures/{id}: a meeting of the lecture kind, or 404 */
static int require_lecture(struct dj_request *req)
{
    int64_t id;
    struct dj_meeting m;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = meetings_get(req->db, &req->actor, id, &m, &req->err)))
        return rc;
    bool lecture = !strcmp(m.kind_code, "lecture");
    store_meeting_clear(&m);
    return lecture ? 0 : dj_err_set(&req->err, DJ_ENOTFOUND, "讲堂记录不存在");
}

int api_lectures_get(struct dj_request *req, struct dj_response *resp)
{
    int rc = require_lecture(req);
    return rc ? rc : api_meetings_get(req, resp);
}

int api_lectures_update(struct dj_request *req, struct dj_response *resp)
{
    int rc = require_lecture(req);
    return rc ? rc : api_meetings_update(req, resp);
}

int api_lectures_attendance(struct dj_request *req, struct dj_response *resp)
{
    int rc = require_lecture(req);
    return rc ? rc : api_meetings_attendance(req, resp);
}

/* ---- lecture labels ---- */

int api_lecture_labels_list(struct dj_request *req, struct dj_response *resp)
{
    const char *kind = api_query(req, "kind");
    if (kind && strcmp(kind, "theme") && strcmp(kind, "module"))
        return dj_err_field(&req->err, "kind", "应为 theme 或 module");
    json_t *items;
    int rc = lecture_labels_list(req->db, &req->actor, kind, &items, &req->err);
    if (rc)
        return rc;
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

static int parse_label(struct dj_request *req, json_t *body, struct dj_lecture_label *l, bool is_new)
{
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        if (strcmp(key, "name") && strcmp(key, "sort_order") && strcmp(key, "active") &&
            (!is_new || strcmp(key, "kind")))
            dj_err_field(&req->err, key, "未知的字段");
    }
    if (is_new)
        api_field_copy(req, body, "kind", l->kind, sizeof l->kind);
    api_field_copy(req, body, "name", l->name, sizeof l->name);
    if ((v = json_object_get(body, "sort_order"))) {
        if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) < 10000)
            l->sort_order = (int)json_integer_value(v);
        else
            dj_err_field(&req->err, "sort_order", "应为 0 至 9999 的整数");
    }
    if ((v = json_object_get(body, "active"))) {
        if (json_is_boolean(v))
            l->active = json_is_true(v);
        else
            dj_err_field(&req->err, "active", "应为 true 或 false");
    }
    return req->err.code;
}

static int label_save(struct dj_request *req, struct dj_response *resp, int64_t id)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_lecture_label l = {.id = id, .active = true};
    if (id) {
        struct dj_lecture_label old;
        if ((rc = lecture_labels_get(req->db, &req->actor, id, &old, &req->err))) {
            json_decref(body);
            return rc;
        }
        l = old;
    }
    if (!(rc = parse_label(req, body, &l, id == 0)))
        rc = lecture_labels_save(req->db, &req->actor, &l, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    if (!id)
        snprintf(resp->location, sizeof resp->location, "/api/v1/lecture-labels/%lld", (long long)l.id);
    return api_reply(resp, id ? 200 : 201, lecture_label_json(&l));
}

int api_lecture_labels_create(struct dj_request *req, struct dj_response *resp)
{
    return label_save(req, resp, 0);
}

int api_lecture_labels_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    return rc ? rc : label_save(req, resp, id);
}

/* ---- quizzes ---- */

int api_quizzes_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_quiz_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "org_id", &f.org_id);
    api_date_range(req, &f.from, &f.to);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = quizzes_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"held_on", "日期", DJ_COL_DATE, NULL},      {"title", "名称", DJ_COL_TEXT, NULL},
        {"kind_name", "类别", DJ_COL_TEXT, NULL},    {"org", "组织", DJ_COL_TEXT, NULL},
        {"max_score", "满分", DJ_COL_DECIMAL2, NULL}, {"takers", "参加人数", DJ_COL_INT, NULL},
        {"average", "平均分", DJ_COL_DECIMAL2, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "测试竞赛");
}

static int parse_questions(struct dj_request *req, json_t *list, struct dj_quiz_question **out,
                           int *n)
{
    *out = NULL;
    *n = -1;
    if (!list)
        return 0;
    if (!json_is_array(list) || json_array_size(list) > 500)
        return dj_err_field(&req->err, "questions", "应为题目数组（最多 500 题）");
    *n = (int)json_array_size(list);
    if (*n == 0)
        return 0;
    struct dj_quiz_question *q = calloc((size_t)*n, sizeof *q);
    if (!q)
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e) {
        char field[32];
        snprintf(field, sizeof field, "questions[%zu]", i);
        json_t *kind = json_object_get(e, "kind"), *text = json_object_get(e, "text");
        json_t *options = json_object_get(e, "options"), *answer = json_object_get(e, "answer");
        q[i].seq = (int)i + 1;
        if (!json_is_object(e) || !json_is_string(kind) || !json_is_string(text) ||
            (options && !json_is_array(options)) || (answer && !json_is_string(answer)) ||
            strlen(json_string_value(text)) >= sizeof q[i].text) {
            dj_err_field(&req->err, field, "每题应为 {\"kind\", \"text\", \"options\": [...], \"answer\", \"points\"}");
            continue;
        }
        dj_copy(q[i].kind, sizeof q[i].kind, json_string_value(kind));
        dj_copy(q[i].text, sizeof q[i].text, json_string_value(text));
        dj_copy(q[i].answer, sizeof q[i].answer, answer ? json_string_value(answer) : "");
        json_t *empty = json_array();
        char *opts = json_dumps(options ? options : empty, JSON_COMPACT);
        json_decref(empty);
        if (!opts || strlen(opts) >= sizeof q[i].options)
            dj_err_field(&req->err, field, "选项过长");
        else
            dj_copy(q[i].options, sizeof q[i].options, opts);
        free(opts);
        if (api_field_centi(req, e, "points", 0, &q[i].points))
            continue;
    }
    *out = q;
    return req->err.code;
}

static int parse_quiz(struct dj_request *req, json_t *body, struct dj_quiz *q)
{
    static const char *const known[] = {"org_id", "kind", "title", "held_on", "max_score",
                                        "pass_score", "description", "questions", NULL};
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        bool ok = false;
        for (int i = 0; known[i]; i++)
            ok |= strcmp(key, known[i]) == 0;
        if (!ok)
            dj_err_field(&req->err, key, "未知的字段");
    }
    if ((v = json_object_get(body, "org_id"))) {
        if (json_is_integer(v) && json_integer_value(v) > 0)
            q->org_id = json_integer_value(v);
        else
            dj_err_field(&req->err, "org_id", "应为组织编号");
    }
    api_field_copy(req, body, "kind", q->kind, sizeof q->kind);
    api_field_copy(req, body, "title", q->title, sizeof q->title);
    api_field_copy(req, body, "held_on", q->held_on, sizeof q->held_on);
    api_field_copy(req, body, "description", q->description, sizeof q->description);
    api_field_centi(req, body, "max_score", 0, &q->max_score);
    api_field_centi(req, body, "pass_score", 0, &q->pass_score);
    return req->err.code;
}

static int quiz_save(struct dj_request *req, struct dj_response *resp, int64_t id)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_quiz q;
    memset(&q, 0, sizeof q);
    if (id && (rc = quizzes_get(req->db, &req->actor, id, &q, &req->err))) {
        json_decref(body);
        return rc;
    }
    if (!id) {
        dj_copy(q.kind, sizeof q.kind, "test");
        q.max_score = 10000;
        q.pass_score = -1; /* 60% of the full score unless given */
        if (!json_is_integer(json_object_get(body, "org_id")))
            dj_err_field(&req->err, "org_id", "请选择组织");
        if (!json_is_string(json_object_get(body, "held_on")))
            dj_err_field(&req->err, "held_on", "请填写日期");
    }
    struct dj_quiz_question *qs = NULL;
    int nq = -1;
    if (!(rc = parse_quiz(req, body, &q)) && q.pass_score == -1)
        q.pass_score = q.max_score * 60 / 100;
    if (!rc &&
        !(rc = parse_questions(req, json_object_get(body, "questions"), &qs, &nq)))
        rc = quizzes_save(req->db, &req->actor, &q, qs, nq, &req->err);
    free(qs);
    json_decref(body);
    if (rc)
        return rc;
    json_t *j;
    if ((rc = quizzes_get_json(req->db, &req->actor, q.id, &j, &req->err)))
        return rc;
    if (!id)
        snprintf(resp->location, sizeof resp->location, "/api/v1/quizzes/%lld", (long long)q.id);
    return api_reply(resp, id ? 200 : 201, j);
}

int api_quizzes_create(struct dj_request *req, struct dj_response *resp)
{
    return quiz_save(req, resp, 0);
}

int api_quizzes_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    return rc ? rc : quiz_save(req, resp, id);
}

int api_quizzes_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *j;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = quizzes_get_json(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

int api_quizzes_scores_list(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *j;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = quizzes_get_json(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    json_t *items = json_incref(json_object_get(j, "scores"));
    char name[300];
    snprintf(name, sizeof name, "%s成绩", json_string_value(json_object_get(j, "title")));
    json_decref(j);
    static const struct api_column cols[] = {
        {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"name", "姓名", DJ_COL_TEXT, NULL},
        {"score", "成绩", DJ_COL_DECIMAL2, NULL},
        {"passed", "及格", DJ_COL_TEXT, NULL},
        {"note", "备注", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), name);
}

int api_quizzes_scores_set(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    json_t *list = json_object_get(body, "scores");
    if (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > 5000) {
        json_decref(body);
        return dj_err_field(&req->err, "scores", "应为 [{\"person_id\", \"score\", \"note\"}] 数组（1 至 5000 项）");
    }
    size_t n = json_array_size(list), i;
    struct dj_score_change *c = calloc(n, sizeof *c);
    if (!c) {
        json_decref(body);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    json_t *e;
    json_array_foreach(list, i, e) {
        char field[32];
        snprintf(field, sizeof field, "scores[%zu]", i);
        json_t *pid = json_object_get(e, "person_id"), *note = json_object_get(e, "note");
        if (!json_is_object(e) || !json_is_integer(pid) || !json_object_get(e, "score") ||
            (note && !json_is_string(note)) ||
            (note && strlen(json_string_value(note)) >= sizeof c[i].note)) {
            dj_err_field(&req->err, field, "每项应为 {\"person_id\": 编号, \"score\": 成绩或 null, \"note\": 备注}");
            continue;
        }
        c[i].person_id = json_integer_value(pid);
        if (api_field_centi(req, e, "score", -1, &c[i].score))
            continue;
        dj_copy(c[i].note, sizeof c[i].note, note ? json_string_value(note) : "");
    }
    if (!req->err.code)
        quizzes_scores_set(req->db, &req->actor, id, c, (int)n, &req->err);
    free(c);
    json_decref(body);
    if (req->err.code)
        return req->err.code;
    json_t *j;
    if ((rc = quizzes_get_json(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

int api_quizzes_scores_import(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    const char *data;
    size_t len;
    if ((rc = api_upload_data(req, &data, &len)))
        return rc;
    json_t *result;
    if ((rc = quizzes_scores_import(req->db, &req->actor, id, data, len, api_query_flag(req, "dry_run"),
                                    &result, &req->err)))
        return rc;
    return api_reply(resp, 200, result);
}

/* ---- study records ---- */

int api_study_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_study_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    api_date_range(req, &f.from, &f.to);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = study_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"studied_on", "日期", DJ_COL_DATE, NULL}, {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"name", "姓名", DJ_COL_TEXT, NULL},       {"hours", "学时", DJ_COL_DECIMAL2, NULL},
        {"mode", "学习方式", DJ_COL_TEXT, NULL},   {"content", "学习内容", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "学习时长");
}

int api_study_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    struct dj_study_record r;
    memset(&r, 0, sizeof r);
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        if (strcmp(key, "person_id") && strcmp(key, "studied_on") && strcmp(key, "hours") &&
            strcmp(key, "mode") && strcmp(key, "content"))
            dj_err_field(&req->err, key, "未知的字段");
    }
    v = json_object_get(body, "person_id");
    if (json_is_integer(v) && json_integer_value(v) > 0)
        r.person_id = json_integer_value(v);
    else
        dj_err_field(&req->err, "person_id", "请选择人员");
    if (!json_object_get(body, "hours"))
        dj_err_field(&req->err, "hours", "请填写学时");
    api_field_copy(req, body, "studied_on", r.studied_on, sizeof r.studied_on);
    api_field_centi(req, body, "hours", 0, &r.hours);
    api_field_copy(req, body, "mode", r.mode, sizeof r.mode);
    api_field_copy(req, body, "content", r.content, sizeof r.content);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = study_create(req->db, req->app->cfg, &req->actor, &r, &req->err)))
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/study-records/%lld", (long long)r.id);
    return api_reply(resp, 201, study_json(&r));
}

int api_study_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    /* ?reason=: why the record is removed, kept in the audit (meeting life cycle) */
    const char *reason = api_query(req, "reason");
    if (reason && (dj_utf8_length(reason) > 200))
        return dj_err_field(&req->err, "reason", "原因最长 200 个字");
    if (rc || (rc = study_delete(req->db, &req->actor, id, reason, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}

int api_statistics_learning(struct dj_request *req, struct dj_response *resp)
{
    int64_t person = 0;
    const char *v = api_query(req, "person_id");
    if (v && (dj_parse_int64(v, &person) || person <= 0))
        return dj_err_field(&req->err, "person_id", "应为人员编号");
    int format;
    json_t *items;
    char range[DJ_PERIOD_LEN];
    const char *period;
    int rc = api_export_format(req, &format);
    if (rc || (rc = api_query_period(req, "period", range, &period)) ||
        (rc = statistics_learning(req->db, &req->actor, period, person, &items, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"name", "姓名", DJ_COL_TEXT, NULL},
        {"branch", "党支部", DJ_COL_TEXT, NULL},
        {"lectures_given", "主讲次数", DJ_COL_INT, NULL},
        {"lectures_attended", "听讲次数", DJ_COL_INT, NULL},
        {"tests", "参加测试", DJ_COL_INT, NULL},
        {"score_mean", "平均成绩", DJ_COL_DECIMAL2, NULL},
        {"study_hours", "学时", DJ_COL_DECIMAL2, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "学习教育统计");
}
