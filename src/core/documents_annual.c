/* documents_annual: the figures of a date range for a secretary's 述职报告
 * (issue 18 item 2), counted from the same core lists the console shows, so
 * each figure is in the actor's scope and equals the list's total with the
 * same from/to; and the PDF with a draft "主要工作" paragraph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/applicants.h"
#include "core/contacts.h"
#include "core/documents.h"
#include "core/dues_payments.h"
#include "core/honours.h"
#include "core/inspections.h"
#include "core/meetings.h"
#include "core/quizzes.h"
#include "core/suggestions.h"
#include "core/study.h"
#include "core/talks.h"
#include "core/volunteering.h"
#include "io/pdf.h"
#include "util/buf.h"

/* every row of a period at once: the lists page, the figures do not */
#define ALL_ROWS 10000000

static json_int_t int_of(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* Adds one to counts[key] (an object of name → count). */
static void bump(json_t *counts, const char *key)
{
    json_t *v = json_object_get(counts, key && *key ? key : "其他");
    json_object_set_new(counts, key && *key ? key : "其他", json_integer(json_integer_value(v) + 1));
}

/* [{"name", "count"}] from an object of counts, in the order met. */
static json_t *count_rows(json_t *counts)
{
    json_t *rows = json_array();
    const char *k;
    json_t *v;
    json_object_foreach(counts, k, v) json_array_append_new(rows, json_pack("{s:s, s:O}", "name", k, "count", v));
    return rows;
}

static int meetings_part(struct dj_db *db, const struct dj_actor *actor, const char *from, const char *to,
                         json_t *out, struct dj_err *err)
{
    /* the meeting lists allocate their limit: first the count, then the rows */
    struct dj_meeting_filter f = {.from = from, .to = to, .status = "held", .limit = 1};
    struct dj_meeting_list l = {0};
    int rc = meetings_list(db, actor, &f, &l, err);
    if (rc)
        return rc;
    f.limit = l.total > 0 ? (int)l.total : 1;
    json_decref(meeting_list_json(&l));
    memset(&l, 0, sizeof l);
    if ((rc = meetings_list(db, actor, &f, &l, err)))
        return rc;
    json_t *items = meeting_list_json(&l);
    json_t *by = json_object();
    int64_t lectures = 0;
    size_t i;
    json_t *m;
    json_array_foreach(items, i, m) {
        bump(by, json_string_value(json_object_get(m, "kind_name")));
        lectures += !strcmp(json_string_value(json_object_get(m, "kind")), "lecture");
    }
    json_object_set_new(out, "meetings", json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items),
                                                   "by_kind", count_rows(by)));
    json_decref(by);
    /* 财政月讲堂: the meetings of the lecture kind in the same scope */
    json_int_t times = 0;
    json_array_foreach(items, i, m) {
        if (!strcmp(json_string_value(json_object_get(m, "kind")), "lecture"))
            times += int_of(json_object_get(m, "attendance_count"), "present_all");
    }
    json_object_set_new(out, "lectures", json_pack("{s:I, s:I}", "count", (json_int_t)lectures, "person_times", times));
    json_decref(items);
    return 0;
}

static int learning_part(struct dj_db *db, const struct dj_actor *actor, const char *from, const char *to,
                         json_t *out, struct dj_err *err)
{
    struct dj_quiz_filter qf = {.from = from, .to = to, .limit = ALL_ROWS};
    json_t *items = NULL;
    int64_t total = 0;
    int rc = quizzes_list(db, actor, &qf, &items, &total, err);
    if (rc)
        return rc;
    json_int_t takers = 0;
    size_t i;
    json_t *row;
    json_array_foreach(items, i, row) takers += int_of(row, "takers");
    json_object_set_new(out, "quizzes", json_pack("{s:I, s:I}", "count", (json_int_t)total, "takers", takers));
    json_decref(items);
    struct dj_study_filter sf = {.from = from, .to = to, .limit = ALL_ROWS};
    if ((rc = study_list(db, actor, &sf, &items, &total, err)))
        return rc;
    double hours = 0;
    json_array_foreach(items, i, row) hours += json_number_value(json_object_get(row, "hours"));
    json_object_set_new(out, "study", json_pack("{s:I, s:f}", "records", (json_int_t)total, "hours", hours));
    json_decref(items);
    return 0;
}

static int supervision_part(struct dj_db *db, const struct dj_actor *actor, const char *from, const char *to,
                            json_t *out, struct dj_err *err)
{
    struct dj_talk_filter tf = {.from = from, .to = to, .limit = ALL_ROWS};
    json_t *items = NULL;
    int64_t total = 0;
    int rc = talks_list(db, actor, &tf, &items, &total, err);
    if (rc == DJ_EFORBIDDEN) {
        /* no view of talks: the figure is left out, not refused */
        dj_err_clear(err);
        json_object_set_new(out, "talks", json_null());
    } else if (rc) {
        return rc;
    } else {
        json_t *by = json_object();
        size_t i;
        json_t *row;
        json_array_foreach(items, i, row) bump(by, json_string_value(json_object_get(row, "kind")));
        json_object_set_new(out, "talks", json_pack("{s:I, s:o}", "total", (json_int_t)total, "by_kind",
                                                    count_rows(by)));
        json_decref(by);
        json_decref(items);
    }
    struct dj_inspection_filter inf = {.from = from, .to = to, .limit = ALL_ROWS};
    json_t *count;
    rc = inspections_list(db, actor, &inf, &items, &total, err);
    if (rc == DJ_EFORBIDDEN) {
        /* a member sees the findings naming them, not the inspections */
        dj_err_clear(err);
        count = json_null();
    } else if (rc) {
        return rc;
    } else {
        count = json_integer(total);
        json_decref(items);
    }
    struct dj_finding_filter ff = {.from = from, .to = to, .limit = ALL_ROWS};
    int64_t findings = 0;
    if ((rc = findings_list(db, actor, &ff, false, &items, &findings, err)))
        return rc;
    json_int_t confirmed = 0;
    size_t i;
    json_t *row;
    json_array_foreach(items, i, row) confirmed +=
        !strcmp(json_string_value(json_object_get(row, "state")) ?: "", "confirmed");
    json_decref(items);
    json_object_set_new(out, "inspections", json_pack("{s:o, s:I, s:I}", "count", count, "findings",
                                                      (json_int_t)findings, "confirmed", confirmed));
    return 0;
}

static int service_part(struct dj_db *db, const struct dj_actor *actor, const char *from, const char *to,
                        json_t *out, struct dj_err *err)
{
    struct dj_service_filter f = {.from = from, .to = to, .limit = ALL_ROWS};
    json_t *items = NULL;
    int64_t visits = 0, activities = 0;
    int rc = contacts_visit_list(db, actor, &f, &items, &visits, err);
    if (rc)
        return rc;
    json_decref(items);
    struct dj_service_filter af = {.from = from, .to = to, .limit = ALL_ROWS};
    if ((rc = activities_list(db, actor, &af, &items, &activities, err)))
        return rc;
    double hours = 0;
    json_int_t confirmed = 0;
    size_t i;
    json_t *row;
    json_array_foreach(items, i, row) {
        hours += json_number_value(json_object_get(row, "confirmed_hours"));
        confirmed += int_of(row, "confirmed");
    }
    json_decref(items);
    json_object_set_new(out, "service", json_pack("{s:I, s:I, s:I, s:f}", "contact_visits", (json_int_t)visits,
                                                  "activities", (json_int_t)activities, "confirmed_people",
                                                  confirmed, "confirmed_hours", hours));
    struct dj_dues_payment_filter df = {.from = from, .to = to, .limit = ALL_ROWS};
    int64_t payments = 0;
    rc = dues_payments_list(db, actor, &df, &items, &payments, err);
    if (rc == DJ_EFORBIDDEN) {
        dj_err_clear(err);
        json_object_set_new(out, "dues", json_null());
        return 0;
    }
    if (rc)
        return rc;
    json_int_t fen = 0;
    json_array_foreach(items, i, row) fen += int_of(row, "amount_fen");
    json_decref(items);
    json_object_set_new(out, "dues", json_pack("{s:I, s:I}", "payments", (json_int_t)payments, "amount_fen", fen));
    return 0;
}

/* Suggestions made and adopted (submitted in the range), honours won, and the
 * members developed: admitted as 预备党员, and made full members, in the range.
 * A part the actor may not read (the 发展党员 pipeline is its writers') is null. */
static int development_part(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                            const char *from, const char *to, json_t *out, struct dj_err *err)
{
    struct dj_idea_filter sf = {.from = from, .to = to, .limit = 1};
    json_t *items = NULL;
    int64_t made = 0, adopted = 0, honours = 0;
    int rc = suggestions_list(db, actor, &sf, &items, &made, err);
    json_decref(items);
    items = NULL;
    struct dj_idea_filter af = {.from = from, .to = to, .status = "adopted", .limit = 1};
    if (!rc)
        rc = suggestions_list(db, actor, &af, &items, &adopted, err);
    json_decref(items);
    items = NULL;
    if (rc)
        return rc;
    json_object_set_new(out, "suggestions", json_pack("{s:I, s:I}", "made", (json_int_t)made, "adopted",
                                                      (json_int_t)adopted));
    struct dj_honour_query hq = {.from = from, .to = to, .limit = 1};
    if ((rc = honours_list(db, actor, &hq, &items, &honours, err)))
        return rc;
    json_decref(items);
    items = NULL;
    json_object_set_new(out, "honours", json_integer(honours));
    struct dj_applicant_query aq = {.limit = ALL_ROWS};
    int64_t total = 0;
    rc = applicants_list(db, cfg, actor, &aq, &items, &total, err);
    if (rc == DJ_EFORBIDDEN) {
        dj_err_clear(err);
        json_object_set_new(out, "development", json_null());
        return 0;
    }
    if (rc)
        return rc;
    json_int_t admitted = 0, full = 0;
    size_t i;
    json_t *row;
    json_array_foreach(items, i, row) {
        const char *a = json_string_value(json_object_get(row, "admitted_on"));
        const char *f = json_string_value(json_object_get(row, "full_on"));
        admitted += a && strcmp(a, from) >= 0 && strcmp(a, to) <= 0;
        full += f && strcmp(f, from) >= 0 && strcmp(f, to) <= 0;
    }
    json_decref(items);
    json_object_set_new(out, "development", json_pack("{s:I, s:I}", "admitted", admitted, "full", full));
    return 0;
}

/* The draft of "主要工作": template sentences with the figures. */
static char *draft(json_t *f)
{
    struct dj_buf b = DJ_BUF_INIT;
    json_t *m = json_object_get(f, "meetings"), *l = json_object_get(f, "lectures");
    json_t *q = json_object_get(f, "quizzes"), *s = json_object_get(f, "study");
    json_t *t = json_object_get(f, "talks"), *in = json_object_get(f, "inspections");
    json_t *sv = json_object_get(f, "service"), *d = json_object_get(f, "dues");
    dj_buf_printf(&b, "%s至%s，坚持以党建引领业务，扎实推进机关党的建设。一是严格组织生活，共召开各类会议%lld次",
                  json_string_value(json_object_get(f, "from")), json_string_value(json_object_get(f, "to")),
                  (long long)int_of(m, "total"));
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(m, "by_kind"), i, row)
        dj_buf_printf(&b, "%s%s%lld次", i ? "、" : "（其中", json_string_value(json_object_get(row, "name")),
                      (long long)int_of(row, "count"));
    if (json_array_size(json_object_get(m, "by_kind")))
        dj_buf_puts(&b, "）");
    dj_buf_printf(&b, "。二是抓实理论学习，举办“财政月讲堂”%lld期、培训%lld人次，组织测试竞赛%lld场、参与%lld人次，"
                      "登记学习%lld次、学时%.1f小时。",
                  (long long)int_of(l, "count"), (long long)int_of(l, "person_times"), (long long)int_of(q, "count"),
                  (long long)int_of(q, "takers"), (long long)int_of(s, "records"),
                  json_number_value(json_object_get(s, "hours")));
    dj_buf_puts(&b, "三是从严监督管理，");
    if (json_is_object(t))
        dj_buf_printf(&b, "开展谈心谈话%lld次，", (long long)int_of(t, "total"));
    if (json_is_integer(json_object_get(in, "count")))
        dj_buf_printf(&b, "开展作风纪律监督检查%lld次，", (long long)int_of(in, "count"));
    dj_buf_printf(&b, "发现问题%lld个、经核实确认%lld个。", (long long)int_of(in, "findings"),
                  (long long)int_of(in, "confirmed"));
    dj_buf_printf(&b, "四是践行服务宗旨，党员走访联系点%lld次，开展志愿服务活动%lld场、服务%lld人次、%.1f小时。",
                  (long long)int_of(sv, "contact_visits"), (long long)int_of(sv, "activities"),
                  (long long)int_of(sv, "confirmed_people"), json_number_value(json_object_get(sv, "confirmed_hours")));
    int n = 5;
    static const char *const nth[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
    if (json_is_object(d)) {
        json_int_t fen = int_of(d, "amount_fen");
        dj_buf_printf(&b, "%s是规范党费收缴，收缴党费%lld笔、共%lld.%02lld元。", nth[n++ - 1],
                      (long long)int_of(d, "payments"), (long long)(fen / 100), (long long)(fen % 100));
    }
    json_t *sg = json_object_get(f, "suggestions"), *dv = json_object_get(f, "development");
    dj_buf_printf(&b, "%s是凝聚干事合力，征集献计献策%lld条、采纳%lld条，获得各级荣誉%lld项", nth[n++ - 1],
                  (long long)int_of(sg, "made"), (long long)int_of(sg, "adopted"),
                  (long long)json_integer_value(json_object_get(f, "honours")));
    if (json_is_object(dv))
        dj_buf_printf(&b, "，发展预备党员%lld名、预备党员转正%lld名", (long long)int_of(dv, "admitted"),
                      (long long)int_of(dv, "full"));
    dj_buf_puts(&b, "。");
    return dj_buf_take(&b);
}

int documents_annual_figures(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                             const char *from, const char *to, json_t **out, struct dj_err *err)
{
    json_t *f = json_pack("{s:s, s:s}", "from", from, "to", to);
    if (!f)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = meetings_part(db, actor, from, to, f, err);
    if (!rc)
        rc = learning_part(db, actor, from, to, f, err);
    if (!rc)
        rc = supervision_part(db, actor, from, to, f, err);
    if (!rc)
        rc = service_part(db, actor, from, to, f, err);
    if (!rc)
        rc = development_part(db, cfg, actor, from, to, f, err);
    if (rc) {
        json_decref(f);
        return rc;
    }
    char *text = draft(f);
    json_object_set_new(f, "draft", json_string(text ? text : ""));
    free(text);
    *out = f;
    return 0;
}

static void figure(struct pdf_table *t, const char *what, const char *item, long long n)
{
    char v[32];
    snprintf(v, sizeof v, "%lld", n);
    pdf_row(t, (const char *[]){what, item, v});
}

int documents_annual(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                     const char *from, const char *to, const char *today, struct dj_document *out,
                     struct dj_err *err)
{
    json_t *f = NULL;
    int rc = documents_annual_figures(db, cfg, actor, from, to, &f, err);
    if (rc)
        return rc;
    char issuer[256], title[200], period[120], date[40], cf[40], ct[40];
    if ((rc = documents_issuer(db, actor, 0, issuer, sizeof issuer, err))) {
        json_decref(f);
        return rc;
    }
    documents_cn_date(from, cf, sizeof cf);
    documents_cn_date(to, ct, sizeof ct);
    documents_cn_date(today, date, sizeof date);
    snprintf(title, sizeof title, "党建工作主要数据（%s至%s）", cf, ct);
    snprintf(period, sizeof period, "（%s至%s）", cf, ct);
    struct pdf_doc *d = pdf_doc_new(PDF_PLAIN, issuer, err);
    if (!d) {
        json_decref(f);
        return err->code;
    }
    pdf_set_meta(d, title, today);
    pdf_title(d, "党建工作主要数据");
    pdf_text(d, PDF_CENTER, period);
    pdf_space(d, 8);
    pdf_text(d, PDF_SMALL, "本表数据由系统按所选期间从各项记录自动统计，范围为当前账号可查看的组织和人员。");
    pdf_text(d, PDF_HEADING, "一、主要数据");
    struct pdf_table *t = pdf_table(d, 3, (const char *[]){"类别", "项目", "数量"}, (const double[]){1.2, 3, 1});
    json_t *m = json_object_get(f, "meetings");
    figure(t, "组织生活", "召开会议（次）", int_of(m, "total"));
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(m, "by_kind"), i, row) {
        char item[160];
        snprintf(item, sizeof item, "其中：%s（次）", json_string_value(json_object_get(row, "name")));
        figure(t, "组织生活", item, int_of(row, "count"));
    }
    json_t *l = json_object_get(f, "lectures"), *q = json_object_get(f, "quizzes"), *s = json_object_get(f, "study");
    figure(t, "理论学习", "财政月讲堂（期）", int_of(l, "count"));
    figure(t, "理论学习", "讲堂培训（人次）", int_of(l, "person_times"));
    figure(t, "理论学习", "测试竞赛（场）", int_of(q, "count"));
    figure(t, "理论学习", "参加测试竞赛（人次）", int_of(q, "takers"));
    figure(t, "理论学习", "学习记录（次）", int_of(s, "records"));
    char hours[32];
    snprintf(hours, sizeof hours, "%.1f", json_number_value(json_object_get(s, "hours")));
    pdf_row(t, (const char *[]){"理论学习", "学习时长（小时）", hours});
    json_t *tk = json_object_get(f, "talks");
    if (json_is_object(tk)) {
        figure(t, "谈心谈话", "谈话（次）", int_of(tk, "total"));
        json_array_foreach(json_object_get(tk, "by_kind"), i, row) {
            char item[160];
            snprintf(item, sizeof item, "其中：%s（次）", json_string_value(json_object_get(row, "name")));
            figure(t, "谈心谈话", item, int_of(row, "count"));
        }
    }
    json_t *in = json_object_get(f, "inspections");
    if (json_is_integer(json_object_get(in, "count")))
        figure(t, "监督检查", "检查（次）", int_of(in, "count"));
    figure(t, "监督检查", "发现问题（个）", int_of(in, "findings"));
    figure(t, "监督检查", "确认问题（个）", int_of(in, "confirmed"));
    json_t *sv = json_object_get(f, "service");
    figure(t, "服务群众", "走访联系点（次）", int_of(sv, "contact_visits"));
    figure(t, "服务群众", "志愿服务活动（场）", int_of(sv, "activities"));
    figure(t, "服务群众", "志愿服务（人次）", int_of(sv, "confirmed_people"));
    snprintf(hours, sizeof hours, "%.1f", json_number_value(json_object_get(sv, "confirmed_hours")));
    pdf_row(t, (const char *[]){"服务群众", "志愿服务时长（小时）", hours});
    json_t *du = json_object_get(f, "dues");
    if (json_is_object(du)) {
        figure(t, "党费", "收缴（笔）", int_of(du, "payments"));
        char yuan[40];
        json_int_t fen = int_of(du, "amount_fen");
        snprintf(yuan, sizeof yuan, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
        pdf_row(t, (const char *[]){"党费", "收缴金额（元）", yuan});
    }
    pdf_text(d, PDF_HEADING, "二、主要工作（草稿）");
    pdf_text(d, PDF_BODY, json_string_value(json_object_get(f, "draft")));
    pdf_signature(d, issuer, date, false);
    snprintf(out->name, sizeof out->name, "党建工作主要数据-%s至%s", from, to);
    json_decref(f);
    rc = pdf_render(d, &out->pdf, &out->len, err);
    pdf_doc_free(d);
    return rc;
}
