/* api_duty: duty rosters (issue 15) — /rosters (with the printable and
 * exportable roster: GET /rosters/{id}?format=xlsx), their shifts,
 * /duty-assignments (swaps and absences) and /duty-unavailable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/duty.h"
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

typedef int (*record_fn)(struct dj_db *, const struct dj_config *, const struct dj_actor *, int64_t, json_t *,
                         json_t **, struct dj_err *);

/* POST on a record named by the route's id; prefix: a 201 with its Location. */
static int on_record(struct dj_request *req, struct dj_response *resp, const char *const *known, record_fn fn,
                     const char *prefix)
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
    if (!prefix)
        return api_reply(resp, 200, out);
    snprintf(resp->location, sizeof resp->location, "%s/%lld", prefix,
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

static void kind_text(json_t *item, char *out, size_t size)
{
    const char *k = json_string_value(json_object_get(item, "kind"));
    if (!k)
        k = json_string_value(json_object_get(item, "roster_kind"));
    dj_copy(out, size, !k ? "" : !strcmp(k, "flood") ? "防汛值班" : !strcmp(k, "checkpoint") ? "卡点值守" : "其他");
}

int api_rosters_list(struct dj_request *req, struct dj_response *resp)
{
    static const char *const kinds[] = {"flood", "checkpoint", "other", NULL};
    struct dj_duty_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    f.kind = api_query(req, "kind");
    if (f.kind) {
        bool ok = false;
        for (int i = 0; kinds[i]; i++)
            ok |= !strcmp(f.kind, kinds[i]);
        if (!ok)
            dj_err_field(&req->err, "kind", "取值无效");
    }
    query_dates(req, &f.from, &f.to, &p);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = rosters_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"title", "值班表", DJ_COL_TEXT, NULL},       {"kind", "类别", DJ_COL_TEXT, kind_text},
        {"org_name", "组织", DJ_COL_TEXT, NULL},      {"place", "地点", DJ_COL_TEXT, NULL},
        {"first_day", "开始日期", DJ_COL_DATE, NULL}, {"last_day", "结束日期", DJ_COL_DATE, NULL},
        {"shifts", "班次", DJ_COL_INT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "值班表");
}

int api_rosters_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"org_id", "kind", "title", "place", "note", NULL};
    json_t *body, *out = NULL;
    int rc = body_known(req, &body, known);
    if (rc)
        return rc;
    rc = rosters_create(req->db, req->app->cfg, &req->actor, body, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/rosters/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}

/* the people of a shift as one cell: "王五、李四（缺勤）" */
static void people_text(json_t *item, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(item, "people"), i, p) {
        int n = snprintf(out + used, size - used, "%s%s%s", i ? "、" : "", json_string_value(json_object_get(p, "person_name")),
                         json_is_true(json_object_get(p, "absent")) ? "（缺勤）" : "");
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* "2026-07-01T08:00" as "2026-07-01 08:00" */
static void time_text(const char *key, json_t *item, char *out, size_t size)
{
    dj_copy(out, size, json_string_value(json_object_get(item, key)) ? json_string_value(json_object_get(item, key)) : "");
    if (strlen(out) > 10)
        out[10] = ' ';
}
static void starts_text(json_t *item, char *out, size_t size)
{
    time_text("starts_at", item, out, size);
}
static void ends_text(json_t *item, char *out, size_t size)
{
    time_text("ends_at", item, out, size);
}

int api_rosters_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int format;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_export_format(req, &format)) || (rc = rosters_get(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    if (!format)
        return api_reply(resp, 200, out);
    /* the printable roster: one row a shift */
    json_t *items = json_incref(json_object_get(out, "shift_list"));
    json_decref(out);
    static const struct api_column cols[] = {
        {"starts_at", "开始", DJ_COL_TEXT, starts_text}, {"ends_at", "结束", DJ_COL_TEXT, ends_text},
        {"place", "地点", DJ_COL_TEXT, NULL},            {"required", "需要人数", DJ_COL_INT, NULL},
        {"people", "值班人员", DJ_COL_TEXT, people_text},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols,
                           (int)(sizeof cols / sizeof cols[0]), "值班表");
}

int api_rosters_shifts_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"from", "to", "start_time", "hours", "required", "place", NULL};
    return on_record(req, resp, known, shifts_create, NULL);
}

int api_duty_assign(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"person_id", NULL};
    return on_record(req, resp, known, assignments_create, "/api/v1/duty-assignments");
}

int api_duty_assignments_list(struct dj_request *req, struct dj_response *resp)
{
    static const char *const states[] = {"pending", "approved", "rejected", NULL};
    struct dj_duty_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    query_id(req, "roster_id", &f.roster_id);
    query_dates(req, &f.from, &f.to, &p);
    f.swap_status = api_query(req, "swap_status");
    if (f.swap_status) {
        bool ok = false;
        for (int i = 0; states[i]; i++)
            ok |= !strcmp(f.swap_status, states[i]);
        if (!ok)
            dj_err_field(&req->err, "swap_status", "取值无效");
    }
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = assignments_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"starts_at", "开始", DJ_COL_TEXT, starts_text},   {"ends_at", "结束", DJ_COL_TEXT, ends_text},
        {"roster_title", "值班表", DJ_COL_TEXT, NULL},     {"roster_kind", "类别", DJ_COL_TEXT, kind_text},
        {"place", "地点", DJ_COL_TEXT, NULL},              {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"person_name", "姓名", DJ_COL_TEXT, NULL},        {"hours", "时长（小时）", DJ_COL_DECIMAL2, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]), "值班安排");
}

int api_duty_swap(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"to_person_id", "reason", NULL};
    return on_record(req, resp, known, assignments_swap, NULL);
}

int api_duty_swap_decide(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"decision", NULL};
    return on_record(req, resp, known, assignments_swap_decide, NULL);
}

int api_duty_absent(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"absent", NULL};
    return on_record(req, resp, known, assignments_absent, NULL);
}

int api_duty_unavailable_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_duty_filter f;
    struct dj_period p;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    query_dates(req, &f.from, &f.to, &p);
    if (req->err.code)
        return req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = unavailable_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"day", "日期", DJ_COL_DATE, NULL}, {"person_name", "姓名", DJ_COL_TEXT, NULL}, {"note", "原因", DJ_COL_TEXT, NULL}};
    return api_reply_items(req, resp, items, total, cols, 3, "不能值班的日期");
}

int api_duty_unavailable_create(struct dj_request *req, struct dj_response *resp)
{
    static const char *const known[] = {"person_id", "day", "note", NULL};
    json_t *body, *out = NULL;
    int rc = body_known(req, &body, known);
    if (rc)
        return rc;
    rc = unavailable_create(req->db, req->app->cfg, &req->actor, body, &out, &req->err);
    json_decref(body);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/duty-unavailable/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    return api_reply(resp, 201, out);
}
