/* api_service: service to the people (issue 15) — /contacts (联系点, with
 * /contacts/gaps: members below the bureau's rule, /contacts/import from a
 * spreadsheet, and visits),
 * /contact-visits, /pairings (结对共建 with joint activities),
 * /community-registrations (进社区报到), /service-activities with their
 * sign-ups, /service-signups (hours reported and confirmed) and
 * /statistics/service (the year's figures). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "core/contact_import.h"
#include "core/contacts.h"
#include "core/volunteering.h"
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

/* ?year= as from/to, else ?from= and ?to= */
static void query_dates(struct dj_request *req, struct dj_service_filter *f, struct dj_period *p)
{
    const char *y = api_query(req, "year");
    if (y) {
        if (strlen(y) != 4 || !dj_period_parse(y, p))
            dj_err_field(&req->err, "year", "应为年份，如 2026");
        f->from = p->first;
        f->to = p->last;
        return;
    }
    api_date_range(req, &f->from, &f->to);
}

/* An optional query value out of a fixed list. */
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
typedef int (*child_fn)(struct dj_db *, const struct dj_config *, const struct dj_actor *, int64_t, json_t *,
                        json_t **, struct dj_err *);

/* POST of a new record: 201 with its Location under prefix. */
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

/* POST or PATCH on a record named by the route's id. */
static int on_record(struct dj_request *req, struct dj_response *resp, const char *const *known, child_fn fn,
                     int status, const char *prefix)
{
    int64_t id;
    json_t *body, *out = NULL;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = body_known(req, &body, known)))
        return rc;
    rc = fn(req->db, req->app->cfg, &req->actor, id, body, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    if (prefix)
        snprintf(resp->location, sizeof resp->location, "%s/%lld", prefix,
                 (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, status, out);
}

/* ---- contacts ---- */

static const char *const contact_kinds[] = {"household", "enterprise", "village_branch", "community_branch",
                                            "other", NULL};

static void kind_text(json_t *item, char *out, size_t size)
{
    static const char *const names[][2] = {{"household", "困难群众/联系户"}, {"enterprise", "重点企业"},
                                           {"village_branch", "村党支部"},  {"community_branch", "社区党支部"},
                                           {"other", "其他"},              {"volunteer", "志愿服务"},
                                           {"masses", "我为群众办实事"},   {"enterprises", "万人助万企"}};
    const char *k = json_string_value(json_object_get(item, "kind"));
    if (!k)
        k = json_string_value(json_object_get(item, "activity_kind"));
    dj_copy(out, size, k ? k : "");
    for (size_t i = 0; k && i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(k, names[i][0]))
            dj_copy(out, size, names[i][1]);
}

int api_contacts_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_service_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    f.kind = query_choice(req, "kind", contact_kinds);
    f.active_on = api_query(req, "active_on");
    if (f.active_on && !dj_date_valid(f.active_on))
        dj_err_field(&req->err, "active_on", "应为日期 YYYY-MM-DD");
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = contacts_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"staff_no", "工号", DJ_COL_TEXT, NULL},       {"person_name", "党员", DJ_COL_TEXT, NULL},
        {"kind", "类别", DJ_COL_TEXT, kind_text},      {"name", "联系对象", DJ_COL_TEXT, NULL},
        {"place", "地址", DJ_COL_TEXT, NULL},          {"phone", "电话", DJ_COL_TEXT, NULL},
        {"org_name", "联系支部", DJ_COL_TEXT, NULL},   {"started_on", "开始日期", DJ_COL_DATE, NULL},
        {"ended_on", "结束日期", DJ_COL_DATE, NULL},   {"visits", "走访次数", DJ_COL_INT, NULL},
        {"note", "备注", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "联系点");
}

static const char *const contact_fields[] = {"person_id", "org_id",     "kind",     "name", "place",
                                             "phone",     "started_on", "ended_on", "note", NULL};

int api_contacts_create(struct dj_request *req, struct dj_response *resp)
{
    return create(req, resp, contact_fields, contacts_create, "/api/v1/contacts");
}

int api_contacts_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = contacts_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_contacts_update(struct dj_request *req, struct dj_response *resp)
{
    return on_record(req, resp, contact_fields + 1, contacts_update, 200, NULL);
}

int api_contacts_visit_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"visited_on", "content", "help_kind", "help_amount", NULL};
    return on_record(req, resp, known, contacts_visit_create, 201, "/api/v1/contact-visits");
}

int api_contacts_gaps(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = contacts_gaps(req->db, req->app->cfg, &req->actor, api_query(req, "on"), &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_contacts_import(struct dj_request *req, struct dj_response *resp)
{
    const char *data;
    size_t len;
    json_t *result;
    int rc = api_upload_data(req, &data, &len);
    if (rc || (rc = contacts_import(req->db, req->app->cfg, &req->actor, data, len, api_query_flag(req, "dry_run"),
                                    &result, &req->err)))
        return rc;
    return api_reply(resp, 200, result);
}

int api_contact_visits_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_service_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    query_id(req, "contact_id", &f.parent_id);
    query_dates(req, &f, &p);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = contacts_visit_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"visited_on", "走访日期", DJ_COL_DATE, NULL},   {"person_name", "党员", DJ_COL_TEXT, NULL},
        {"contact_name", "联系对象", DJ_COL_TEXT, NULL}, {"content", "走访内容", DJ_COL_TEXT, NULL},
        {"help_kind", "帮扶物资", DJ_COL_TEXT, NULL},    {"help_amount", "帮扶金额（元）", DJ_COL_DECIMAL2, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "走访记录");
}

/* ---- pairings ---- */

int api_pairings_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_service_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    json_t *items;
    int64_t total = 0;
    if ((rc = pairings_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"org_name", "机关支部", DJ_COL_TEXT, NULL},   {"partner", "结对支部", DJ_COL_TEXT, NULL},
        {"started_on", "开始日期", DJ_COL_DATE, NULL}, {"ended_on", "结束日期", DJ_COL_DATE, NULL},
        {"activities", "共建活动", DJ_COL_INT, NULL},  {"note", "备注", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "结对共建");
}

int api_pairings_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"org_id", "partner", "partner_kind", "started_on", "ended_on", "note",
                                        NULL};
    return create(req, resp, known, pairings_create, "/api/v1/pairings");
}

int api_pairings_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = pairings_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_pairings_activity_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"held_on", "title", "content", "participants", NULL};
    return on_record(req, resp, known, pairings_activity_create, 201, NULL);
}

/* ---- community registrations ---- */

int api_registrations_list(struct dj_request *req, struct dj_response *resp)
{
    static const char *const states[] = {"confirmed", "pending", NULL};
    struct dj_service_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    f.status = query_choice(req, "status", states);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = registrations_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"staff_no", "工号", DJ_COL_TEXT, NULL},          {"person_name", "姓名", DJ_COL_TEXT, NULL},
        {"branch", "党支部", DJ_COL_TEXT, NULL},          {"community", "报到社区", DJ_COL_TEXT, NULL},
        {"registered_on", "报到日期", DJ_COL_DATE, NULL}, {"confirmed_on", "确认日期", DJ_COL_DATE, NULL},
        {"note", "备注", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "进社区报到");
}

int api_registrations_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"person_id", "community", "registered_on", "confirmed_on", "note", NULL};
    return create(req, resp, known, registrations_create, "/api/v1/community-registrations");
}

int api_registrations_confirm(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"confirmed_on", NULL};
    return on_record(req, resp, known, registrations_confirm, 200, NULL);
}

/* ---- service activities and sign-ups ---- */

int api_service_activities_list(struct dj_request *req, struct dj_response *resp)
{
    static const char *const kinds[] = {"volunteer", "masses", "enterprises", NULL};
    struct dj_service_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    f.kind = query_choice(req, "kind", kinds);
    query_dates(req, &f, &p);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = activities_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"held_on", "日期", DJ_COL_DATE, NULL},        {"kind", "类别", DJ_COL_TEXT, kind_text},
        {"title", "活动", DJ_COL_TEXT, NULL},          {"org_name", "组织", DJ_COL_TEXT, NULL},
        {"place", "地点", DJ_COL_TEXT, NULL},          {"signups", "报名人数", DJ_COL_INT, NULL},
        {"confirmed", "确认人次", DJ_COL_INT, NULL},   {"confirmed_hours", "确认时长", DJ_COL_DECIMAL2, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "服务活动");
}

int api_service_activities_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"org_id", "kind", "title", "held_on", "place", "content", NULL};
    return create(req, resp, known, activities_create, "/api/v1/service-activities");
}

int api_service_activities_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = activities_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_service_signups_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"person_id", NULL};
    return on_record(req, resp, known, signups_create, 201, "/api/v1/service-signups");
}

int api_service_signups_list(struct dj_request *req, struct dj_response *resp)
{
    static const char *const states[] = {"signed_up", "reported", "confirmed", NULL};
    struct dj_service_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    query_id(req, "activity_id", &f.parent_id);
    f.status = query_choice(req, "status", states);
    query_dates(req, &f, &p);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = signups_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"held_on", "日期", DJ_COL_DATE, NULL},           {"activity_title", "活动", DJ_COL_TEXT, NULL},
        {"activity_kind", "类别", DJ_COL_TEXT, kind_text}, {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"person_name", "姓名", DJ_COL_TEXT, NULL},        {"hours", "时长（小时）", DJ_COL_DECIMAL2, NULL},
        {"status", "状态", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "志愿服务时长");
}

int api_service_signups_report(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"hours", NULL};
    return on_record(req, resp, known, signups_report, 200, NULL);
}

int api_service_signups_confirm(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"hours", NULL};
    return on_record(req, resp, known, signups_confirm, 200, NULL);
}

/* ---- the year's figures ---- */

int api_statistics_service(struct dj_request *req, struct dj_response *resp)
{
    char year[8], range[DJ_PERIOD_LEN];
    const char *y;
    int rc = api_query_period(req, "year", range, &y);
    if (rc)
        return rc;
    if (!y) {
        char today[DJ_DATE_LEN];
        dj_date_today(req->app->cfg->timezone, today);
        snprintf(year, sizeof year, "%.4s", today);
        y = year;
    }
    int format;
    json_t *out;
    rc = api_export_format(req, &format);
    if (rc || (rc = service_statistics(req->db, req->app->cfg, &req->actor, y, &out, &req->err)))
        return rc;
    if (!format)
        return api_reply(resp, 200, out);
    static const char *const rows[][2] = {
        {"members_contacting", "联系群众的党员（人）"}, {"contacts", "联系点（个）"},
        {"households", "联系户（户）"},                 {"visits", "走访（次）"},
        {"help_amount", "帮扶金额（元）"},              {"registered_members", "进社区报到党员（人）"},
        {"registrations", "本年报到（人次）"},          {"activities", "服务活动（次）"},
        {"person_times", "志愿服务（人次）"},           {"hours", "志愿服务时长（小时）"},
        {"masses", "我为群众办实事（件）"},             {"enterprises", "万人助万企（次）"},
        {"pairings", "结对共建（对）"},                 {"pairing_activities", "共建活动（次）"},
        /* ideas (migration 030) */
        {"topics", "领导出题（个）"},                   {"suggestions", "献计献策（条）"},
        {"adopted", "采纳为工作思路（条）"},            {"merged", "合并（条）"},
        {"declined", "不予采纳（条）"},                 {"idea_tasks", "转为落实任务（项）"},
        {"mottos_approved", "审核通过的格言（条）"},
        /* duty rosters */
        {"duty_shifts", "值班值守（人次）"},             {"duty_hours", "值班值守时长（小时）"},
    };
    json_t *items = json_array();
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_t *v = json_object_get(out, rows[i][0]);
        char text[32];
        if (json_is_real(v))
            snprintf(text, sizeof text, "%.2f", json_real_value(v));
        else
            snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
        json_array_append_new(items, json_pack("{s:s, s:s}", "item", rows[i][1], "value", text));
    }
    json_decref(out);
    static const struct api_column cols[] = {{"item", "项目", DJ_COL_TEXT, NULL},
                                             {"value", "数值", DJ_COL_TEXT, NULL}};
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols, 2, "服务群众统计");
}
