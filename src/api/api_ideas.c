/* api_ideas: ideas and culture (issue 15) — /suggestion-topics (领导出题),
 * /suggestions (科室献计: review, and the task of an adopted idea) and
 * /mottos (格言: review, and /mottos/today, 每日一提醒). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/mottos.h"
#include "core/suggestions.h"
#include "io/export.h"
#include "util/date.h"
#include "util/text.h"

static void query_id(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        dj_err_field(&req->err, name, "应为编号");
}

static const char *query_choice(struct dj_request *req, const char *name, const char *const *allowed)
{
    const char *v = api_query(req, name);
    if (!v)
        return NULL;
    for (int i = 0; allowed[i]; i++)
        if (!strcmp(v, allowed[i]))
            return v;
    dj_err_field(&req->err, name, "取值无效");
    return NULL;
}

/* ?year= as from/to, else ?from= and ?to= */
static void query_dates(struct dj_request *req, const char **from, const char **to, struct dj_period *p)
{
    const char *y = api_query(req, "year");
    if (y) {
        if (strlen(y) != 4 || !dj_period_parse(y, p))
            dj_err_field(&req->err, "year", "应为年份，如 2026");
        *from = p->first;
        *to = p->last;
        return;
    }
    api_date_range(req, from, to);
}

static int body_known(struct dj_request *req, json_t **body, const char *const *known)
{
    int rc = api_body_object(req, body);
    if (rc)
        return rc;
    if ((rc = api_unknown_fields(req, *body, known))) {
        json_decref(*body);
        *body = NULL;
    }
    return rc;
}

typedef int (*create_fn)(struct dj_db *, const struct dj_config *, const struct dj_actor *, json_t *,
                         json_t **, struct dj_err *);
typedef int (*record_fn)(struct dj_db *, const struct dj_config *, const struct dj_actor *, int64_t, json_t *,
                         json_t **, struct dj_err *);

static int create(struct dj_request *req, struct dj_response *resp, const char *const *known, create_fn fn,
                  const char *prefix)
{
    json_t *body, *out = NULL;
    int rc = body_known(req, &body, known);
    if (rc)
        return rc;
    rc = fn(req->db, req->app->cfg, &req->actor, body, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "%s/%lld", prefix,
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

static int on_record(struct dj_request *req, struct dj_response *resp, const char *const *known, record_fn fn)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = body_known(req, &body, known)))
        return rc;
    rc = fn(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, out);
}

/* ---- topics ---- */

int api_topics_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_idea_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_dates(req, &f.from, &f.to, &p);
    f.q = api_query(req, "q");
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = topics_list(req->db, req->app->cfg, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"opened_on", "出题日期", DJ_COL_DATE, NULL},  {"title", "题目", DJ_COL_TEXT, NULL},
        {"leader_name", "出题领导", DJ_COL_TEXT, NULL}, {"deadline", "截止日期", DJ_COL_DATE, NULL},
        {"suggestions", "建议条数", DJ_COL_INT, NULL},  {"adopted", "采纳条数", DJ_COL_INT, NULL},
        {"description", "说明", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "领导出题");
}

int api_topics_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"title", "description", "leader_id", "opened_on", "deadline", NULL};
    return create(req, resp, known, topics_create, "/api/v1/suggestion-topics");
}

int api_topics_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = topics_get(req->db, req->app->cfg, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

/* ---- suggestions ---- */

static void status_text(json_t *item, char *out, size_t size)
{
    static const char *const names[][2] = {{"pending", "待审定"}, {"adopted", "采纳为工作思路"},
                                           {"merged", "合并"},    {"declined", "不予采纳"},
                                           {"approved", "通过"},  {"rejected", "不通过"}};
    const char *s = json_string_value(json_object_get(item, "status"));
    dj_copy(out, size, s ? s : "");
    for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(s, names[i][0]))
            dj_copy(out, size, names[i][1]);
}

int api_suggestions_list(struct dj_request *req, struct dj_response *resp)
{
    static const char *const states[] = {"pending", "adopted", "merged", "declined", NULL};
    struct dj_idea_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    query_id(req, "topic_id", &f.topic_id);
    query_id(req, "task_id", &f.task_id);
    f.status = query_choice(req, "status", states);
    query_dates(req, &f.from, &f.to, &p);
    f.q = api_query(req, "q");
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = suggestions_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"submitted_on", "提出日期", DJ_COL_DATE, NULL}, {"title", "建议", DJ_COL_TEXT, NULL},
        {"topic_title", "题目", DJ_COL_TEXT, NULL},      {"person_name", "提出人", DJ_COL_TEXT, NULL},
        {"department_name", "科室", DJ_COL_TEXT, NULL},  {"branch", "党支部", DJ_COL_TEXT, NULL},
        {"content", "内容", DJ_COL_TEXT, NULL},          {"status", "处理结果", DJ_COL_TEXT, status_text},
        {"reason", "理由", DJ_COL_TEXT, NULL},           {"decided_on", "处理日期", DJ_COL_DATE, NULL},
        {"task_title", "落实任务", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "献计献策");
}

int api_suggestions_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"topic_id", "person_id", "department_id", "title", "content",
                                        "submitted_on", NULL};
    return create(req, resp, known, suggestions_create, "/api/v1/suggestions");
}

int api_suggestions_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = suggestions_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_suggestions_review(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"decision", "reason", "merged_into_id", "decided_on", NULL};
    return on_record(req, resp, known, suggestions_review);
}

int api_suggestions_task(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"org_id",          "title",  "description", "line",   "kind",
                                        "start_on",        "due_on", "owner_person_id", "weight", "public",
                                        "owner_department_id", NULL};
    return on_record(req, resp, known, suggestions_make_task);
}

/* ---- mottos ---- */

int api_mottos_list(struct dj_request *req, struct dj_response *resp)
{
    static const char *const states[] = {"pending", "approved", "rejected", NULL};
    struct dj_idea_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    f.status = query_choice(req, "status", states);
    query_dates(req, &f.from, &f.to, &p);
    f.q = api_query(req, "q");
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = mottos_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"submitted_on", "提交日期", DJ_COL_DATE, NULL}, {"text", "格言", DJ_COL_TEXT, NULL},
        {"person_name", "提交人", DJ_COL_TEXT, NULL},    {"branch", "党支部", DJ_COL_TEXT, NULL},
        {"status", "审核结果", DJ_COL_TEXT, status_text}, {"reviewed_on", "审核日期", DJ_COL_DATE, NULL},
        {"review_note", "审核意见", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "格言");
}

int api_mottos_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"text", "person_id", "submitted_on", NULL};
    return create(req, resp, known, mottos_create, "/api/v1/mottos");
}

int api_mottos_review(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"decision", "note", "reviewed_on", NULL};
    return on_record(req, resp, known, mottos_review);
}

int api_mottos_today(struct dj_request *req, struct dj_response *resp)
{
    const char *date = api_query(req, "date");
    if (date && !dj_date_valid(date))
        return dj_err_field(&req->err, "date", "应为日期 YYYY-MM-DD");
    json_t *out;
    int rc = mottos_today(req->db, req->app->cfg, &req->actor, date, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}
