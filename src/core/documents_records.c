/* documents_records: the 月通报 of supervision findings and the 会议记录 of a
 * meeting as PDFs (see documents.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/documents.h"
#include "core/inspections.h"
#include "core/meetings.h"
#include "io/pdf.h"
#include "util/buf.h"

static const char *str(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : "";
}

static int finish(struct pdf_doc *d, struct dj_document *out, struct dj_err *err)
{
    int rc = pdf_render(d, &out->pdf, &out->len, err);
    pdf_doc_free(d);
    return rc;
}

/* A by_branch or by_department table. */
static void counts_table(struct pdf_doc *d, const char *what, json_t *rows)
{
    struct pdf_table *t = pdf_table(d, 3, (const char *[]){what, "问题数", "涉及人数"}, (const double[]){3, 1, 1});
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        char n[24], p[24];
        snprintf(n, sizeof n, "%lld", (long long)json_integer_value(json_object_get(row, "findings")));
        snprintf(p, sizeof p, "%lld", (long long)json_integer_value(json_object_get(row, "people")));
        pdf_row(t, (const char *[]){str(row, "name"), n, p});
    }
}

int documents_bulletin(struct dj_db *db, const struct dj_actor *actor, const char *month, const char *today,
                       struct dj_document *out, struct dj_err *err)
{
    json_t *bulletin = NULL, *items = NULL;
    int rc = findings_bulletin(db, actor, month, &bulletin, &items, err);
    if (rc)
        return rc;
    char issuer[256], date[40], title[128];
    if ((rc = documents_issuer(db, actor, 0, issuer, sizeof issuer, err)))
        goto out;
    documents_cn_date(today, date, sizeof date);
    int y = 0, m = 0;
    sscanf(str(bulletin, "month"), "%4d-%2d", &y, &m);
    snprintf(title, sizeof title, "关于%d年%d月作风纪律监督检查情况的通报", y, m);
    struct pdf_doc *d = pdf_doc_new(PDF_RED_HEADER, issuer, err);
    if (!d) {
        rc = err->code;
        goto out;
    }
    pdf_set_meta(d, title, today);
    pdf_title(d, title);
    pdf_text(d, PDF_PLAIN_TEXT, "各党支部、各股室：");
    struct dj_buf b = DJ_BUF_INIT;
    long long total = json_integer_value(json_object_get(bulletin, "total"));
    if (total > 0)
        dj_buf_printf(&b, "%d年%d月，机关党委会同纪检监督力量对机关作风纪律开展监督检查，经核实确认问题%lld个，涉及%zu个党支部、"
                          "%zu个股室。现将有关情况通报如下，请各支部、股室对照检查，举一反三，抓好整改。",
                      y, m, total, json_array_size(json_object_get(bulletin, "by_branch")),
                      json_array_size(json_object_get(bulletin, "by_department")));
    else
        dj_buf_printf(&b, "%d年%d月，机关党委会同纪检监督力量对机关作风纪律开展监督检查，未发现经确认的违反作风纪律问题。"
                          "请各支部、股室继续保持，严守纪律规矩。",
                      y, m);
    pdf_text(d, PDF_BODY, b.data ? b.data : "");
    dj_buf_free(&b);
    if (total > 0) {
        pdf_text(d, PDF_HEADING, "一、按党支部统计");
        counts_table(d, "党支部", json_object_get(bulletin, "by_branch"));
        pdf_text(d, PDF_HEADING, "二、按股室统计");
        counts_table(d, "股室", json_object_get(bulletin, "by_department"));
        pdf_text(d, PDF_HEADING, "三、问题明细");
        struct pdf_table *t =
            pdf_table(d, 6, (const char *[]){"日期", "支部 / 股室", "违反规定", "问题", "涉及人员", "处理意见"},
                      (const double[]){1.4, 1.6, 2, 2.2, 1, 1.5});
        size_t i;
        json_t *row;
        json_array_foreach(items, i, row) {
            char unit[300], rule[600];
            snprintf(unit, sizeof unit, "%s / %s", str(row, "org_name"), str(row, "department_name"));
            snprintf(rule, sizeof rule, "%s：%s", str(row, "rule_set"), str(row, "rule_text"));
            pdf_row(t, (const char *[]){str(row, "found_on"), unit, rule, str(row, "description"),
                                        str(row, "people_names"), str(row, "decision_note")});
        }
    }
    pdf_signature(d, issuer, date, true);
    snprintf(out->name, sizeof out->name, "月通报-%s", str(bulletin, "month"));
    rc = finish(d, out, err);
out:
    json_decref(bulletin);
    json_decref(items);
    return rc;
}

/* The names of the attendance rows whose status is one of statuses. */
static void names_of(json_t *attendance, const char *const *statuses, struct dj_buf *b, int *count)
{
    size_t i;
    json_t *row;
    *count = 0;
    json_array_foreach(attendance, i, row) {
        bool hit = false;
        for (int s = 0; statuses[s] && !hit; s++)
            hit = !strcmp(str(row, "status"), statuses[s]);
        if (!hit)
            continue;
        if (*count)
            dj_buf_puts(b, "、");
        dj_buf_puts(b, str(row, "name"));
        if (*str(row, "reason"))
            dj_buf_printf(b, "（%s）", str(row, "reason"));
        (*count)++;
    }
}

static void section(struct pdf_doc *d, const char *heading, const char *text)
{
    pdf_text(d, PDF_HEADING, heading);
    pdf_text(d, PDF_PLAIN_TEXT, *text ? text : "（无）");
}

int documents_meeting(struct dj_db *db, const struct dj_actor *actor, int64_t meeting_id, const char *today,
                      struct dj_document *out, struct dj_err *err)
{
    (void)today;
    json_t *m = NULL;
    int rc = meetings_get_json(db, actor, meeting_id, &m, err);
    if (rc)
        return rc;
    char issuer[256], title[400], when[120], date[40];
    if ((rc = documents_issuer(db, actor, json_integer_value(json_object_get(m, "org_id")), issuer, sizeof issuer,
                               err)))
        goto out;
    snprintf(title, sizeof title, "%s%s会议记录", str(m, "org"), str(m, "kind_name"));
    documents_cn_date(str(m, "held_on"), date, sizeof date);
    snprintf(when, sizeof when, "%s %s–%s", date, str(m, "starts_at"), str(m, "ends_at"));
    struct pdf_doc *d = pdf_doc_new(PDF_PLAIN, issuer, err);
    if (!d) {
        rc = err->code;
        goto out;
    }
    pdf_set_meta(d, title, str(m, "held_on"));
    pdf_title(d, title);
    json_t *attendance = json_object_get(m, "attendance");
    json_t *sum = json_object_get(m, "summary");
    json_t *counts = json_object_get(m, "attendance_count");
    char tally[200];
    snprintf(tally, sizeof tally, "应到%lld人，实到%lld人，请假%lld人，缺席%lld人",
             (long long)json_integer_value(json_object_get(counts, "expected")),
             (long long)json_integer_value(json_object_get(counts, "attended")),
             (long long)json_integer_value(json_object_get(sum, "leave")),
             (long long)json_integer_value(json_object_get(sum, "absent")));
    struct pdf_table *t = pdf_table(d, 2, (const char *[]){"项目", "内容"}, (const double[]){1, 4});
    pdf_row(t, (const char *[]){"会议主题", str(m, "topic")});
    pdf_row(t, (const char *[]){"会议类型", str(m, "kind_name")});
    pdf_row(t, (const char *[]){"时间", when});
    pdf_row(t, (const char *[]){"地点", str(m, "place")});
    pdf_row(t, (const char *[]){"主持人", str(m, "host")});
    pdf_row(t, (const char *[]){"记录人", str(m, "recorder")});
    if (*str(m, "lecturer"))
        pdf_row(t, (const char *[]){"授课人", str(m, "lecturer")});
    pdf_row(t, (const char *[]){"出席情况", tally});
    struct dj_buf b = DJ_BUF_INIT;
    int n;
    names_of(attendance, (const char *[]){"出席", "迟到", NULL}, &b, &n);
    section(d, "出席人员", b.data ? b.data : "");
    dj_buf_free(&b);
    names_of(attendance, (const char *[]){"请假", NULL}, &b, &n);
    if (n)
        section(d, "请假人员", b.data);
    dj_buf_free(&b);
    names_of(attendance, (const char *[]){"缺席", NULL}, &b, &n);
    if (n)
        section(d, "缺席人员", b.data);
    dj_buf_free(&b);
    section(d, "会议议程", str(m, "agenda"));
    section(d, "会议记录", str(m, "minutes"));
    section(d, "会议决议", str(m, "resolutions"));
    if (strcmp(str(m, "status"), "held"))
        section(d, "状态", str(m, "status_reason"));
    pdf_space(d, 30);
    pdf_text(d, PDF_RIGHT, "主持人（签字）：____________    记录人（签字）：____________");
    snprintf(out->name, sizeof out->name, "会议记录-%s-%s", str(m, "held_on"), str(m, "org"));
    rc = finish(d, out, err);
out:
    json_decref(m);
    return rc;
}
