/* api_meetings: /api/v1/meetings (organisational life), /meeting-kinds and
 * /files (evidence). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/meeting_life.h"
#include "core/meetings.h"
#include "core/quizzes.h"
#include "io/export.h"
#include "io/sniff.h"
#include "io/multipart.h"
#include "util/date.h"
#include "util/text.h"

int api_meeting_kinds(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int rc = meetings_kinds(req->db, &req->actor, &items, &req->err);
    if (rc)
        return rc;
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

static int query_id(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        return dj_err_field(&req->err, name, "应为编号");
    return 0;
}

int api_meetings_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_meeting_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "org_id", &f.org_id);
    query_id(req, "kind_id", &f.kind_id);
    api_date_range(req, &f.from, &f.to);
    /* the life cycle: held records unless another state is asked for */
    f.status = api_query(req, "status");
    if (f.status && strcmp(f.status, "planned") && strcmp(f.status, "held") &&
        strcmp(f.status, "cancelled") && strcmp(f.status, "voided") && strcmp(f.status, "all"))
        dj_err_field(&req->err, "status", "应为 planned、held、cancelled、voided 或 all");
    if (req->err.code)
        return req->err.code;
    struct dj_meeting_list list;
    if ((rc = meetings_list(req->db, &req->actor, &f, &list, &req->err)))
        return rc;
    int64_t total = list.total;
    json_t *items = meeting_list_json(&list);
    static const struct api_column cols[] = {
        {"held_on", "日期", DJ_COL_DATE, NULL},   {"org", "组织", DJ_COL_TEXT, NULL},
        {"kind_name", "类型", DJ_COL_TEXT, NULL}, {"topic", "主题", DJ_COL_TEXT, NULL},
        {"place", "地点", DJ_COL_TEXT, NULL},     {"host", "主持人", DJ_COL_TEXT, NULL},
        {"recorder", "记录人", DJ_COL_TEXT, NULL}, {"late_recorded", "补录", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, (int)(sizeof cols / sizeof cols[0]),
                           "组织生活记录");
}

int api_meetings_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *j;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = meetings_get_json(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

static void long_text(struct dj_request *req, json_t *body, const char *name, char **dst)
{
    const char *s;
    if (api_field_string(req, body, name, false, &s) == 0 && s) {
        if (strlen(s) > 200000) {
            dj_err_field(&req->err, name, "过长（最多 20 万字节）");
            return;
        }
        free(*dst);
        *dst = strdup(s);
    }
}

static void id_field(struct dj_request *req, json_t *body, const char *name, int64_t *dst)
{
    json_t *v = json_object_get(body, name);
    if (!v)
        return;
    if (json_is_null(v))
        *dst = 0;
    else if (json_is_integer(v) && json_integer_value(v) > 0)
        *dst = json_integer_value(v);
    else
        dj_err_field(&req->err, name, "应为编号或 null");
}

static int parse_meeting(struct dj_request *req, json_t *body, struct dj_meeting *m)
{
    static const char *const known[] = {"org_id", "kind_id", "held_on", "starts_at", "ends_at",
                                        "place", "topic", "host_id", "recorder_id", "lecturer_id",
                                        "agenda", "minutes", "resolutions", "theme_id",
                                        "module_id", "guests", NULL};
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        bool ok = false;
        for (int i = 0; known[i]; i++)
            ok |= strcmp(key, known[i]) == 0;
        if (!ok)
            dj_err_field(&req->err, key, "未知的字段");
    }
    id_field(req, body, "org_id", &m->org_id);
    id_field(req, body, "kind_id", &m->kind_id);
    api_field_copy(req, body, "held_on", m->held_on, sizeof m->held_on);
    api_field_copy(req, body, "starts_at", m->starts_at, sizeof m->starts_at);
    api_field_copy(req, body, "ends_at", m->ends_at, sizeof m->ends_at);
    api_field_copy(req, body, "place", m->place, sizeof m->place);
    api_field_copy(req, body, "topic", m->topic, sizeof m->topic);
    id_field(req, body, "host_id", &m->host_id);
    id_field(req, body, "recorder_id", &m->recorder_id);
    id_field(req, body, "lecturer_id", &m->lecturer_id);
    long_text(req, body, "agenda", &m->agenda);
    long_text(req, body, "minutes", &m->minutes);
    long_text(req, body, "resolutions", &m->resolutions);
    id_field(req, body, "theme_id", &m->theme_id);
    id_field(req, body, "module_id", &m->module_id);
    json_t *g = json_object_get(body, "guests");
    if (g && (!json_is_integer(g) || json_integer_value(g) < 0 || json_integer_value(g) > 100000))
        dj_err_field(&req->err, "guests", "外单位参加人数应为 0 到 100000 的整数");
    else if (g)
        m->guests = (int)json_integer_value(g);
    return req->err.code;
}

int api_meetings_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    rc = api_meetings_create_from(req, resp, body);
    json_decref(body);
    return rc;
}

/* The people a plan invites beyond those expected: {"invitees": [id, ...]}. */
static int parse_invitees(struct dj_request *req, json_t *v, int64_t **ids, int *n)
{
    *ids = NULL;
    *n = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v) || json_array_size(v) > 2000)
        return dj_err_field(&req->err, "invitees", "应为人员编号的数组（至多 2000 个）");
    if (!json_array_size(v))
        return 0;
    if (!(*ids = calloc(json_array_size(v), sizeof **ids)))
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
        if (!json_is_integer(x) || json_integer_value(x) <= 0)
            return dj_err_field(&req->err, "invitees", "应为人员编号的数组（至多 2000 个）");
        (*ids)[(*n)++] = json_integer_value(x);
    }
    return 0;
}

int api_meetings_create_from(struct dj_request *req, struct dj_response *resp, json_t *body)
{
    int rc;
    struct dj_meeting m;
    memset(&m, 0, sizeof m);
    /* "status": "planned" plans it (a date from today on, invitees), else it is recorded */
    json_t *status = json_object_get(body, "status");
    bool plan = json_is_string(status) && !strcmp(json_string_value(status), "planned");
    if (status && !plan && !(json_is_string(status) && !strcmp(json_string_value(status), "held")))
        return dj_err_field(&req->err, "status", "应为 planned（计划）或 held（已召开）");
    int64_t *invitees = NULL;
    int n_invitees = 0;
    json_t *inv = json_object_get(body, "invitees");
    if (inv && !plan)
        return dj_err_field(&req->err, "invitees", "只有计划中的会议可以邀请人员；已召开的会议请登记出勤");
    if ((rc = parse_invitees(req, inv, &invitees, &n_invitees))) {
        free(invitees);
        return rc;
    }
    json_t *fields = json_copy(body); /* the record's own fields */
    if (!fields) {
        free(invitees);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    json_object_del(fields, "status");
    json_object_del(fields, "invitees");
    body = fields;
    if (!json_is_integer(json_object_get(body, "org_id")))
        dj_err_field(&req->err, "org_id", "请选择组织");
    if (!json_is_integer(json_object_get(body, "kind_id")))
        dj_err_field(&req->err, "kind_id", "请选择会议类型");
    if (!json_is_string(json_object_get(body, "held_on")))
        dj_err_field(&req->err, "held_on", "请填写会议日期");
    if (!(rc = parse_meeting(req, body, &m)))
        rc = plan ? meetings_plan(req->db, req->app->cfg, &req->actor, &m, invitees, n_invitees,
                                  &req->err)
                  : meetings_create(req->db, req->app->cfg, &req->actor, &m, &req->err);
    store_meeting_clear(&m);
    json_decref(fields);
    free(invitees);
    if (rc)
        return rc;
    json_t *j;
    if ((rc = meetings_get_json(req->db, &req->actor, m.id, &j, &req->err)))
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/meetings/%lld", (long long)m.id);
    return api_reply(resp, 201, j);
}

int api_meetings_update(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    struct dj_meeting m;
    if ((rc = meetings_get(req->db, &req->actor, id, &m, &req->err))) {
        json_decref(body);
        return rc;
    }
    if (!(rc = parse_meeting(req, body, &m)))
        rc = meetings_update(req->db, req->app->cfg, &req->actor, &m, &req->err);
    json_decref(body);
    store_meeting_clear(&m);
    if (rc)
        return rc;
    json_t *j;
    if ((rc = meetings_get_json(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

int api_meetings_attendance(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    json_t *list = json_object_get(body, "attendance");
    if (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > 2000) {
        json_decref(body);
        return dj_err_field(&req->err, "attendance", "应为 [{\"person_id\", \"status\", \"reason\"}] 数组（1 至 2000 项）");
    }
    size_t n = json_array_size(list);
    struct dj_attendance_change *c = calloc(n, sizeof *c);
    if (!c) {
        json_decref(body);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a) {
        json_t *pid = json_object_get(a, "person_id"), *st = json_object_get(a, "status");
        json_t *rs = json_object_get(a, "reason");
        char field[48];
        snprintf(field, sizeof field, "attendance[%zu]", i);
        if (!json_is_object(a) || !json_is_integer(pid) || !json_is_string(st) ||
            (rs && !json_is_string(rs) && !json_is_null(rs)) ||
            strlen(json_string_value(st)) >= sizeof c[i].status ||
            (json_is_string(rs) && strlen(json_string_value(rs)) >= sizeof c[i].reason)) {
            dj_err_field(&req->err, field, "每项应为 {\"person_id\": 编号, \"status\": 状态, \"reason\": 事由}");
            continue;
        }
        c[i].person_id = json_integer_value(pid);
        dj_copy(c[i].status, sizeof c[i].status, json_string_value(st));
        dj_copy(c[i].reason, sizeof c[i].reason, json_is_string(rs) ? json_string_value(rs) : "");
    }
    if (!req->err.code)
        meetings_attendance(req->db, &req->actor, id, c, (int)n, &req->err);
    free(c);
    json_decref(body);
    if (req->err.code)
        return req->err.code;
    json_t *j;
    if ((rc = meetings_get_json(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

int api_meetings_attendance_remove(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, person;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = api_param_id(req, 1, &person)) ||
        (rc = meetings_attendance_remove(req->db, &req->actor, id, person, &req->err)))
        return rc;
    json_t *j;
    if ((rc = meetings_get_json(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}

int api_files_create(struct dj_request *req, struct dj_response *resp)
{
    struct dj_part file, part;
    char object_type[32] = "", object_id_text[24] = "";
    int rc = multipart_find(req->content_type, req->body, req->body_len, "file", &file, &req->err);
    if (rc)
        return rc;
    if (multipart_find(req->content_type, req->body, req->body_len, "object_type", &part, NULL) == 0)
        snprintf(object_type, sizeof object_type, "%.*s", (int)(part.len < 31 ? part.len : 31), part.data);
    if (multipart_find(req->content_type, req->body, req->body_len, "object_id", &part, NULL) == 0)
        snprintf(object_id_text, sizeof object_id_text, "%.*s", (int)(part.len < 23 ? part.len : 23), part.data);
    int64_t object_id = 0;
    if (dj_parse_int64(object_id_text, &object_id) || object_id <= 0)
        return dj_err_field(&req->err, "object_id", "请指明所属记录的编号");
    struct dj_file f;
    if ((rc = files_attach(req->db, req->app->cfg, &req->actor, object_type, object_id,
                           file.filename, file.data, file.len, &f, &req->err)))
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/files/%lld", (long long)f.id);
    return api_reply(resp, 201, file_json(&f));
}

int api_files_get(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    struct dj_file f;
    void *data;
    size_t len;
    if ((rc = files_read(req->db, &req->actor, id, &f, &data, &len, &req->err)))
        return rc;
    /* named by its type also when stored before names followed the type */
    char name[sizeof f.name];
    sniff_file_name(f.name, f.mime, name, sizeof name);
    if (export_content_disposition(name, resp->disposition, sizeof resp->disposition, NULL))
        export_content_disposition("file", resp->disposition, sizeof resp->disposition, NULL);
    /* ?inline=1 shows a photo or PDF in the browser; other types always download */
    bool viewable = !strncmp(f.mime, "image/", 6) || !strcmp(f.mime, "application/pdf");
    if (api_query_flag(req, "inline") && viewable && !strncmp(resp->disposition, "attachment", 10)) {
        /* "attachment; ..." becomes "inline; ...": shorter, so it fits in place */
        memmove(resp->disposition, "inline", 6);
        memmove(resp->disposition + 6, resp->disposition + 10, strlen(resp->disposition + 10) + 1);
    }
    resp->status = 200;
    resp->body = data;
    resp->body_len = len;
    dj_copy(resp->content_type_buf, sizeof resp->content_type_buf, f.mime);
    resp->content_type = resp->content_type_buf;
    return 0;
}

/* ---- the life cycle: upcoming, hold, cancel, void, correct, leave ---- */

int api_meetings_upcoming(struct dj_request *req, struct dj_response *resp)
{
    json_t *items;
    int rc = meetings_upcoming(req->db, req->app->cfg, &req->actor, &items, &req->err);
    if (rc)
        return rc;
    return api_reply_list(resp, items, (int64_t)json_array_size(items));
}

/* {"reason": "..."} alone */
static int reason_body(struct dj_request *req, json_t **body, const char **reason)
{
    static const char *const known[] = {"reason", NULL};
    int rc = api_body_object(req, body);
    if (rc)
        return rc;
    *reason = NULL;
    if ((rc = api_unknown_fields(req, *body, known)) ||
        (rc = api_field_string(req, *body, "reason", true, reason))) {
        json_decref(*body);
        *body = NULL;
    }
    return rc;
}

static int reply_meeting(struct dj_request *req, struct dj_response *resp, int64_t id, int status)
{
    json_t *j;
    int rc = meetings_get_json(req->db, &req->actor, id, &j, &req->err);
    if (rc)
        return rc;
    return api_reply(resp, status, j);
}

static int end_with_reason(struct dj_request *req, struct dj_response *resp, bool cancel)
{
    int64_t id;
    json_t *body = NULL;
    const char *reason;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = reason_body(req, &body, &reason)))
        return rc;
    rc = cancel ? meetings_cancel(req->db, &req->actor, id, reason, &req->err)
                : meetings_void(req->db, &req->actor, id, reason, &req->err);
    json_decref(body);
    return rc ? rc : reply_meeting(req, resp, id, 200);
}

int api_meetings_cancel(struct dj_request *req, struct dj_response *resp)
{
    return end_with_reason(req, resp, true);
}

int api_meetings_void(struct dj_request *req, struct dj_response *resp)
{
    return end_with_reason(req, resp, false);
}

int api_meetings_hold(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    /* the plan's fields, with what the body says of the meeting as held */
    struct dj_meeting m;
    if ((rc = meetings_get(req->db, &req->actor, id, &m, &req->err))) {
        json_decref(body);
        return rc;
    }
    if (!(rc = parse_meeting(req, body, &m)))
        rc = meetings_hold(req->db, req->app->cfg, &req->actor, &m, &req->err);
    json_decref(body);
    store_meeting_clear(&m);
    return rc ? rc : reply_meeting(req, resp, id, 200);
}

int api_meetings_correct(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    json_t *body;
    if ((rc = api_body_object(req, &body)))
        return rc;
    const char *r = NULL;
    char reason[1024] = "";
    if (!(rc = api_field_string(req, body, "reason", true, &r)) && r)
        dj_copy(reason, sizeof reason, r);
    json_object_del(body, "reason");
    /* the mistaken record's fields, with the body's corrections */
    struct dj_meeting m;
    if (rc || (rc = meetings_get(req->db, &req->actor, id, &m, &req->err))) {
        json_decref(body);
        return rc;
    }
    if (!(rc = parse_meeting(req, body, &m)))
        rc = meetings_correct(req->db, req->app->cfg, &req->actor, id, reason, &m, &req->err);
    json_decref(body);
    int64_t new_id = m.id;
    store_meeting_clear(&m);
    if (rc)
        return rc;
    snprintf(resp->location, sizeof resp->location, "/api/v1/meetings/%lld", (long long)new_id);
    return reply_meeting(req, resp, new_id, 201);
}

int api_meetings_leave(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body = NULL;
    const char *reason;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = reason_body(req, &body, &reason)))
        return rc;
    rc = meetings_leave(req->db, &req->actor, id, reason, &req->err);
    json_t *j = rc ? NULL
                   : json_pack("{s:I, s:s, s:s}", "meeting_id", (json_int_t)id, "my_status", "请假",
                               "my_reason", reason);
    json_decref(body); /* reason lives in body */
    return rc ? rc : api_reply(resp, 200, j);
}

int api_meetings_leave_withdraw(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = meetings_leave(req->db, &req->actor, id, NULL, &req->err)))
        return rc;
    return api_reply(resp, 200, json_pack("{s:I, s:n, s:s}", "meeting_id", (json_int_t)id,
                                          "my_status", "my_reason", ""));
}

int api_files_remove(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body = NULL;
    const char *reason;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = reason_body(req, &body, &reason)))
        return rc;
    struct dj_file f;
    rc = files_remove(req->db, req->app->cfg, &req->actor, id, reason, &f, &req->err);
    json_decref(body);
    return rc ? rc : api_reply(resp, 200, file_json(&f));
}

/* a test or contest removed with a reason (meeting life cycle: the same for quizzes) */
int api_quizzes_remove(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *body = NULL;
    const char *reason;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = reason_body(req, &body, &reason)))
        return rc;
    rc = quizzes_remove(req->db, req->app->cfg, &req->actor, id, reason, &req->err);
    json_decref(body);
    json_t *j;
    if (rc || (rc = quizzes_get_json(req->db, &req->actor, id, &j, &req->err)))
        return rc;
    return api_reply(resp, 200, j);
}
