/* api_dues: /dues — settings, bases (and their import), reductions,
 * payments, remittances, the members' state, the collection report and a
 * member's statement (issue 16 item 1).  Money travels as integer fen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/dues.h"
#include "core/dues_import.h"
#include "core/dues_payments.h"
#include "core/dues_report.h"
#include "io/export.h"
#include "util/text.h"

#define NCOLS(c) ((int)(sizeof c / sizeof c[0]))

static int query_id(struct dj_request *req, const char *name, int64_t *out)
{
    const char *v = api_query(req, name);
    *out = 0;
    if (v && (dj_parse_int64(v, out) || *out <= 0))
        return dj_err_field(&req->err, name, "应为编号");
    return 0;
}

/* A required positive id, or an integer of fen, from the body. */
static void body_int(struct dj_request *req, json_t *body, const char *name, bool required,
                     int64_t *out)
{
    json_t *v = json_object_get(body, name);
    if (!v) {
        if (required)
            dj_err_field(&req->err, name, "必填");
        return;
    }
    if (!json_is_integer(v))
        dj_err_field(&req->err, name, "应为整数");
    else
        *out = json_integer_value(v);
}

/* Fen as the hundredths of an xlsx number cell. */
static void fen_text(json_t *item, const char *key, char *out, size_t size)
{
    snprintf(out, size, "%lld", (long long)json_integer_value(json_object_get(item, key)));
}
#define FEN_COL(fn, key)                                                                        \
    static void fn(json_t *item, char *out, size_t size) { fen_text(item, key, out, size); }
FEN_COL(t_base, "base_fen")
FEN_COL(t_due, "due_fen")
FEN_COL(t_amount, "amount_fen")
FEN_COL(t_arrears, "arrears_fen")
FEN_COL(t_paid, "paid_fen")
FEN_COL(t_collected, "collected_fen")
FEN_COL(t_remitted, "remitted_fen")

static void t_rate(json_t *item, char *out, size_t size)
{
    /* basis points as a percent with two places: 150 → 1.50 */
    snprintf(out, size, "%lld", (long long)json_integer_value(json_object_get(item, "rate_bp")));
}

static void t_category(json_t *item, char *out, size_t size)
{
    const char *c = json_string_value(json_object_get(item, "category"));
    dj_copy(out, size,
            !c ? "" : !strcmp(c, "serving") ? "在职" : !strcmp(c, "retired") ? "离退休"
                    : !strcmp(c, "no_income") ? "无收入" : c);
}

static void t_flag(json_t *item, char *out, size_t size)
{
    const char *f = json_string_value(json_object_get(item, "flag"));
    dj_copy(out, size, !f ? "" : !strcmp(f, "serious") ? "严重" : !strcmp(f, "warning") ? "提醒" : "");
}

/* ---- settings ---- */

int api_dues_settings_get(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = dues_settings_get(req->db, req->app->cfg, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_dues_settings_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"name", "value", "effective_from", "note", NULL};
    api_unknown_fields(req, body, known);
    struct dj_dues_setting s;
    memset(&s, 0, sizeof s);
    if (!json_object_get(body, "name"))
        dj_err_field(&req->err, "name", "必填");
    if (!json_object_get(body, "value"))
        dj_err_field(&req->err, "value", "必填");
    if (!json_object_get(body, "effective_from"))
        dj_err_field(&req->err, "effective_from", "必填");
    api_field_copy(req, body, "name", s.name, sizeof s.name);
    api_field_copy(req, body, "value", s.value, sizeof s.value);
    api_field_copy(req, body, "effective_from", s.effective_from, sizeof s.effective_from);
    api_field_copy(req, body, "note", s.note, sizeof s.note);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = dues_setting_create(req->db, &req->actor, &s, &req->err)))
        return rc;
    return api_reply(resp, 201, dues_setting_json(&s));
}

int api_dues_settings_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = dues_setting_delete(req->db, &req->actor, id, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}

/* ---- bases ---- */

int api_dues_bases_list(struct dj_request *req, struct dj_response *resp)
{
    int64_t person = 0;
    query_id(req, "person_id", &person);
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int rc = dues_bases_list(req->db, &req->actor, person, &items, &req->err);
    if (rc)
        return rc;
    static const struct api_column cols[] = {
        {"staff_no", "工号", DJ_COL_TEXT, NULL},     {"name", "姓名", DJ_COL_TEXT, NULL},
        {"from_month", "起始月份", DJ_COL_TEXT, NULL}, {"category", "类别", DJ_COL_TEXT, t_category},
        {"base_fen", "基数（元）", DJ_COL_DECIMAL2, t_base}, {"note", "说明", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols, NCOLS(cols),
                           "党费基数");
}

int api_dues_bases_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"person_id", "from_month", "category", "base_fen",
                                        "components", "note", NULL};
    api_unknown_fields(req, body, known);
    struct dj_dues_base b;
    memset(&b, 0, sizeof b);
    body_int(req, body, "person_id", true, &b.person_id);
    body_int(req, body, "base_fen", true, &b.base_fen);
    if (!json_object_get(body, "from_month"))
        dj_err_field(&req->err, "from_month", "必填");
    api_field_copy(req, body, "from_month", b.from_month, sizeof b.from_month);
    api_field_copy(req, body, "category", b.category, sizeof b.category);
    api_field_copy(req, body, "note", b.note, sizeof b.note);
    json_t *comp = json_object_get(body, "components");
    if (comp && !json_is_null(comp)) {
        char *text = json_is_object(comp) ? json_dumps(comp, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        if (!text || strlen(text) >= sizeof b.components)
            dj_err_field(&req->err, "components", "应为对象（各项工资收入，最长 1000 字节）");
        else
            dj_copy(b.components, sizeof b.components, text);
        free(text);
    }
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    bool created;
    if ((rc = dues_base_save(req->db, &req->actor, &b, &created, &req->err)))
        return rc;
    return api_reply(resp, created ? 201 : 200, dues_base_json(&b));
}

int api_dues_bases_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = dues_base_delete(req->db, &req->actor, id, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}

int api_dues_bases_import(struct dj_request *req, struct dj_response *resp)
{
    const char *data;
    size_t len;
    int rc = api_upload_data(req, &data, &len);
    if (rc)
        return rc;
    json_t *result;
    if ((rc = dues_bases_import(req->db, &req->actor, data, len, api_query(req, "from_month"),
                                api_query_flag(req, "dry_run"), &result, &req->err)))
        return rc;
    return api_reply(resp, 200, result);
}

/* ---- reductions ---- */

int api_dues_reductions_list(struct dj_request *req, struct dj_response *resp)
{
    int64_t person = 0;
    query_id(req, "person_id", &person);
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int rc = dues_reductions_list(req->db, &req->actor, person, &items, &req->err);
    return rc ? rc : api_reply_list(resp, items, (int64_t)json_array_size(items));
}

int api_dues_reductions_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"person_id", "from_month", "to_month", "amount_fen",
                                        "reason", "approval_level", "approved_by", "approved_on",
                                        "approval_ref", NULL};
    api_unknown_fields(req, body, known);
    struct dj_dues_reduction r;
    memset(&r, 0, sizeof r);
    body_int(req, body, "person_id", true, &r.person_id);
    body_int(req, body, "amount_fen", true, &r.amount_fen);
    api_field_copy(req, body, "from_month", r.from_month, sizeof r.from_month);
    api_field_copy(req, body, "to_month", r.to_month, sizeof r.to_month);
    api_field_copy(req, body, "reason", r.reason, sizeof r.reason);
    api_field_copy(req, body, "approval_level", r.approval_level, sizeof r.approval_level);
    api_field_copy(req, body, "approved_by", r.approved_by, sizeof r.approved_by);
    api_field_copy(req, body, "approved_on", r.approved_on, sizeof r.approved_on);
    api_field_copy(req, body, "approval_ref", r.approval_ref, sizeof r.approval_ref);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = dues_reduction_create(req->db, &req->actor, &r, &req->err)))
        return rc;
    return api_reply(resp, 201, dues_reduction_json(&r));
}

int api_dues_reductions_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = dues_reduction_delete(req->db, &req->actor, id, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}

/* ---- payments ---- */

int api_dues_payments_list(struct dj_request *req, struct dj_response *resp)
{
    struct dj_dues_payment_filter f;
    memset(&f, 0, sizeof f);
    int rc = api_paging(req, &f.limit, &f.offset);
    if (rc)
        return rc;
    query_id(req, "person_id", &f.person_id);
    api_date_range(req, &f.from, &f.to);
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int64_t total = 0;
    if ((rc = dues_payments_list(req->db, &req->actor, &f, &items, &total, &req->err)))
        return rc;
    static const struct api_column cols[] = {
        {"paid_on", "缴纳日期", DJ_COL_DATE, NULL},   {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"name", "姓名", DJ_COL_TEXT, NULL},           {"org_name", "党支部", DJ_COL_TEXT, NULL},
        {"from_month", "起始月份", DJ_COL_TEXT, NULL}, {"to_month", "截止月份", DJ_COL_TEXT, NULL},
        {"due_fen", "应缴（元）", DJ_COL_DECIMAL2, t_due},
        {"amount_fen", "实缴（元）", DJ_COL_DECIMAL2, t_amount},
        {"channel", "缴纳方式", DJ_COL_TEXT, NULL},    {"late", "超期补缴", DJ_COL_TEXT, NULL},
        {"recorded_by", "登记人", DJ_COL_TEXT, NULL},  {"note", "说明", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, total, cols, NCOLS(cols), "党费缴纳记录");
}

int api_dues_payments_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"person_id", "from_month", "to_month", "amount_fen",
                                        "paid_on", "channel", "note", "confirm_late", NULL};
    api_unknown_fields(req, body, known);
    struct dj_dues_payment p;
    memset(&p, 0, sizeof p);
    body_int(req, body, "person_id", true, &p.person_id);
    body_int(req, body, "amount_fen", true, &p.amount_fen);
    api_field_copy(req, body, "from_month", p.from_month, sizeof p.from_month);
    api_field_copy(req, body, "to_month", p.to_month, sizeof p.to_month);
    if (!p.to_month[0])
        dj_copy(p.to_month, sizeof p.to_month, p.from_month); /* one month */
    api_field_copy(req, body, "paid_on", p.paid_on, sizeof p.paid_on);
    api_field_copy(req, body, "channel", p.channel, sizeof p.channel);
    api_field_copy(req, body, "note", p.note, sizeof p.note);
    json_t *late = json_object_get(body, "confirm_late");
    if (late && !json_is_boolean(late))
        dj_err_field(&req->err, "confirm_late", "应为 true 或 false");
    bool confirm = json_is_true(late);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = dues_payment_create(req->db, req->app->cfg, &req->actor, &p, confirm, &req->err)))
        return rc;
    return api_reply(resp, 201, dues_payment_json(&p));
}

int api_dues_payments_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = dues_payment_delete(req->db, &req->actor, id, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}

/* ---- remittances ---- */

int api_dues_remittances_list(struct dj_request *req, struct dj_response *resp)
{
    int64_t org = 0;
    query_id(req, "org_id", &org);
    const char *year = api_query(req, "year");
    int64_t y;
    if (year && (strlen(year) != 4 || dj_parse_int64(year, &y)))
        dj_err_field(&req->err, "year", "应为年份");
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int rc = dues_remittances_list(req->db, &req->actor, org, year, &items, &req->err);
    if (rc)
        return rc;
    static const struct api_column cols[] = {
        {"month", "月份", DJ_COL_TEXT, NULL},
        {"org_name", "党支部", DJ_COL_TEXT, NULL},
        {"amount_fen", "上缴金额（元）", DJ_COL_DECIMAL2, t_amount},
        {"remitted_on", "上缴日期", DJ_COL_DATE, NULL},
        {"note", "说明", DJ_COL_TEXT, NULL},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols, NCOLS(cols),
                           "党费上缴记录");
}

int api_dues_remittances_create(struct dj_request *req, struct dj_response *resp)
{
    json_t *body;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"org_id", "month", "amount_fen", "remitted_on", "note",
                                        NULL};
    api_unknown_fields(req, body, known);
    struct dj_dues_remittance r;
    memset(&r, 0, sizeof r);
    body_int(req, body, "org_id", true, &r.org_id);
    body_int(req, body, "amount_fen", true, &r.amount_fen);
    api_field_copy(req, body, "month", r.month, sizeof r.month);
    api_field_copy(req, body, "remitted_on", r.remitted_on, sizeof r.remitted_on);
    api_field_copy(req, body, "note", r.note, sizeof r.note);
    json_decref(body);
    if (req->err.code)
        return (int)req->err.code;
    if ((rc = dues_remittance_create(req->db, req->app->cfg, &req->actor, &r, &req->err)))
        return rc;
    return api_reply(resp, 201, dues_remittance_json(&r));
}

int api_dues_remittances_delete(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = dues_remittance_delete(req->db, &req->actor, id, &req->err)))
        return rc;
    resp->status = 204;
    return 0;
}

/* ---- members, report, statement ---- */

int api_dues_members(struct dj_request *req, struct dj_response *resp)
{
    int64_t org = 0;
    query_id(req, "org_id", &org);
    if (req->err.code)
        return (int)req->err.code;
    json_t *items;
    int rc = dues_members(req->db, req->app->cfg, &req->actor, org, api_query(req, "flag"), &items,
                          &req->err);
    if (rc)
        return rc;
    static const struct api_column cols[] = {
        {"staff_no", "工号", DJ_COL_TEXT, NULL},
        {"name", "姓名", DJ_COL_TEXT, NULL},
        {"branch_name", "党支部", DJ_COL_TEXT, NULL},
        {"political_status", "政治面貌", DJ_COL_TEXT, NULL},
        {"category", "类别", DJ_COL_TEXT, t_category},
        {"base_fen", "基数（元）", DJ_COL_DECIMAL2, t_base},
        {"rate_bp", "比例（%）", DJ_COL_DECIMAL2, t_rate},
        {"due_fen", "本月应缴（元）", DJ_COL_DECIMAL2, t_due},
        {"last_paid_month", "已缴至", DJ_COL_TEXT, NULL},
        {"unpaid_months", "欠缴月数", DJ_COL_INT, NULL},
        {"consecutive_unpaid", "连续未缴月数", DJ_COL_INT, NULL},
        {"arrears_fen", "欠缴金额（元）", DJ_COL_DECIMAL2, t_arrears},
        {"flag", "提醒", DJ_COL_TEXT, t_flag},
    };
    return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols, NCOLS(cols),
                           "党员党费");
}

int api_dues_report(struct dj_request *req, struct dj_response *resp)
{
    int64_t org = 0;
    query_id(req, "org_id", &org);
    int format;
    if (api_export_format(req, &format) || req->err.code)
        return (int)req->err.code;
    json_t *items, *totals;
    int rc = dues_report(req->db, req->app->cfg, &req->actor, org, api_query(req, "period"), &items,
                         &totals, &req->err);
    if (rc)
        return rc;
    if (format) {
        json_decref(totals);
        static const struct api_column cols[] = {
            {"period", "期间", DJ_COL_TEXT, NULL},
            {"org_name", "党支部", DJ_COL_TEXT, NULL},
            {"members", "缴费党员", DJ_COL_INT, NULL},
            {"due_fen", "应缴（元）", DJ_COL_DECIMAL2, t_due},
            {"paid_fen", "已缴（元）", DJ_COL_DECIMAL2, t_paid},
            {"unpaid_members", "有欠缴的党员", DJ_COL_INT, NULL},
            {"payments", "缴纳笔数", DJ_COL_INT, NULL},
            {"collected_fen", "本期收缴（元）", DJ_COL_DECIMAL2, t_collected},
            {"remitted_fen", "上缴（元）", DJ_COL_DECIMAL2, t_remitted},
        };
        return api_reply_items(req, resp, items, (int64_t)json_array_size(items), cols, NCOLS(cols),
                               "党费收缴统计");
    }
    return api_reply(resp, 200, json_pack("{s:o, s:o}", "items", items, "totals", totals));
}

int api_dues_statement(struct dj_request *req, struct dj_response *resp)
{
    int64_t person = 0, year = 0;
    query_id(req, "person_id", &person);
    const char *y = api_query(req, "year");
    if (y && (strlen(y) != 4 || dj_parse_int64(y, &year)))
        dj_err_field(&req->err, "year", "应为年份");
    if (req->err.code)
        return (int)req->err.code;
    json_t *out;
    int rc = dues_statement(req->db, req->app->cfg, &req->actor, person, (int)year, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}
