/* documents: the 公示 notice, 喜报, award certificates, the 月通报 and the
 * 会议记录 as PDFs (see documents.h); the annual figures are in
 * documents_annual.c. */
#include "core/documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/awards.h"
#include "core/index_views.h"
#include "core/inspections.h"
#include "core/meetings.h"
#include "io/pdf.h"
#include "store/orgs.h"
#include "util/buf.h"

static const char *str(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : "";
}

void documents_cn_date(const char *date, char *out, size_t size)
{
    int y, m, d;
    if (date && sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3)
        snprintf(out, size, "%d年%d月%d日", y, m, d);
    else
        snprintf(out, size, "%s", date ? date : "");
}

int documents_issuer(struct dj_db *db, const struct dj_actor *actor, int64_t org_id, char *out, size_t size,
                     struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    if (org_id) {
        struct dj_org o;
        int rc = store_org_get(db, org_id, &o, err);
        if (rc)
            return rc;
        bureau = authz_path_bureau(o.path);
    }
    snprintf(out, size, "%s", "");
    if (!bureau)
        return 0;
    char scope[32];
    snprintf(scope, sizeof scope, "/%lld/", (long long)bureau);
    struct dj_org *orgs = NULL;
    int n = 0;
    int rc = store_org_list(db, scope, &orgs, &n, err);
    if (rc)
        return rc;
    /* the bureau's party committee signs; the bureau itself when it has none */
    const char *pick = NULL;
    for (int i = 0; i < n && !pick; i++)
        if (!strcmp(orgs[i].type, "机关党委"))
            pick = orgs[i].name;
    for (int i = 0; i < n && !pick; i++)
        if (!strcmp(orgs[i].type, "党委"))
            pick = orgs[i].name;
    for (int i = 0; i < n && !pick; i++)
        if (orgs[i].id == bureau)
            pick = orgs[i].name;
    snprintf(out, size, "%s", pick ? pick : "");
    free(orgs);
    return 0;
}

/* Renders d into out (d is freed either way). */
static int finish(struct pdf_doc *d, struct dj_document *out, struct dj_err *err)
{
    int rc = pdf_render(d, &out->pdf, &out->len, err);
    pdf_doc_free(d);
    return rc;
}

static void centi_text(json_t *v, char *out, size_t size)
{
    if (json_is_number(v))
        snprintf(out, size, "%.2f", json_number_value(v));
    else
        snprintf(out, size, "%s", "");
}

static bool is_member_target(json_t *evaluation)
{
    return !strcmp(str(evaluation, "target"), "member");
}

int documents_notice(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id, const char *today,
                     struct dj_document *out, struct dj_err *err)
{
    json_t *notice = NULL, *ranking = NULL;
    int rc = index_notice(db, actor, evaluation_id, &notice, err);
    if (rc || (rc = index_ranking(db, actor, evaluation_id, &ranking, err))) {
        json_decref(notice);
        return rc;
    }
    char issuer[256], from[40], until[40], date[40];
    if ((rc = documents_issuer(db, actor, 0, issuer, sizeof issuer, err)))
        goto out;
    json_t *ev = json_object_get(notice, "evaluation");
    documents_cn_date(str(notice, "notice_from"), from, sizeof from);
    documents_cn_date(str(notice, "notice_until"), until, sizeof until);
    const char *day = *str(notice, "notice_from") ? str(notice, "notice_from") : today;
    documents_cn_date(day, date, sizeof date);
    const char *award = *str(notice, "award") ? str(notice, "award") : "先进";
    json_t *selected = json_object_get(notice, "selected");
    struct pdf_doc *d = pdf_doc_new(PDF_RED_HEADER, issuer, err);
    if (!d) {
        rc = err->code;
        goto out;
    }
    pdf_set_meta(d, str(notice, "title"), day);
    pdf_title(d, str(notice, "title"));
    struct dj_buf b = DJ_BUF_INIT;
    dj_buf_printf(&b, "按照%s考评工作安排，经数据采集、评分、审核，考评已完成。拟确定以下%zu%s为“%s”，现予以公示。",
                  str(ev, "name"), json_array_size(selected),
                  is_member_target(ev) ? "名同志" : "个单位", award);
    pdf_text(d, PDF_BODY, b.data ? b.data : "");
    dj_buf_free(&b);
    pdf_text(d, PDF_HEADING, "一、拟评选对象");
    struct pdf_table *t = pdf_table(d, 5, (const char *[]){"名次", "姓名（单位）", "所在支部（部门）", "得分", "星级"},
                                    (const double[]){0.8, 1.6, 2.2, 1, 1});
    size_t i;
    json_t *row;
    json_array_foreach(selected, i, row) {
        char rank[16], total[32];
        snprintf(rank, sizeof rank, "%lld", (long long)json_integer_value(json_object_get(row, "rank")));
        centi_text(json_object_get(row, "total"), total, sizeof total);
        pdf_row(t, (const char *[]){rank, str(row, "name"), str(row, "unit"), total, str(row, "star")});
    }
    pdf_text(d, PDF_HEADING, "二、公示时间及异议受理");
    b = (struct dj_buf)DJ_BUF_INIT;
    dj_buf_printf(&b, "公示时间：%s至%s。公示期间，干部职工如对公示对象有异议，可通过系统提出异议，或以书面、"
                      "口头形式向%s反映。反映问题应实事求是，以个人名义反映的请署真实姓名。",
                  *from ? from : "（待定）", *until ? until : "（待定）", str(notice, "objections_to"));
    pdf_text(d, PDF_BODY, b.data ? b.data : "");
    dj_buf_free(&b);
    json_t *items = json_object_get(ranking, "items");
    if (json_array_size(items) > 0) {
        pdf_text(d, PDF_HEADING, "三、考评排名");
        t = pdf_table(d, 6, (const char *[]){"名次", "姓名（单位）", "所在支部（部门）", "得分", "星级", "入选"},
                      (const double[]){0.8, 1.6, 2.2, 1, 0.9, 0.7});
        json_array_foreach(items, i, row) {
            char rank[16], total[32];
            snprintf(rank, sizeof rank, "%lld", (long long)json_integer_value(json_object_get(row, "rank")));
            centi_text(json_object_get(row, "total"), total, sizeof total);
            const char *mark = json_is_true(json_object_get(row, "vetoed"))     ? "否决"
                               : json_is_true(json_object_get(row, "selected")) ? "是"
                                                                                 : "";
            pdf_row(t, (const char *[]){rank, str(row, "name"), str(row, "unit"), total, str(row, "star"), mark});
        }
    }
    pdf_signature(d, issuer, date, true);
    snprintf(out->name, sizeof out->name, "公示-%s", str(ev, "name"));
    rc = finish(d, out, err);
out:
    json_decref(notice);
    json_decref(ranking);
    return rc;
}

int documents_xibao(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id, int64_t target_id,
                    const char *today, struct dj_document *out, struct dj_err *err)
{
    json_t *notice = NULL, *ranking = NULL;
    int rc = index_notice(db, actor, evaluation_id, &notice, err);
    if (rc || (rc = index_ranking(db, actor, evaluation_id, &ranking, err))) {
        json_decref(notice);
        return rc;
    }
    char issuer[256], date[40];
    if ((rc = documents_issuer(db, actor, 0, issuer, sizeof issuer, err)))
        goto out;
    json_t *ev = json_object_get(notice, "evaluation");
    const char *day = *str(notice, "notice_from") ? str(notice, "notice_from") : today;
    documents_cn_date(day, date, sizeof date);
    const char *award = *str(notice, "award") ? str(notice, "award") : "先进";
    bool member = is_member_target(ev);
    struct pdf_doc *d = pdf_doc_new(PDF_CERTIFICATE, issuer, err);
    if (!d) {
        rc = err->code;
        goto out;
    }
    pdf_set_meta(d, "喜报", day);
    int pages = 0;
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(ranking, "items"), i, row) {
        if (!json_is_true(json_object_get(row, "selected")) ||
            (target_id && json_integer_value(json_object_get(row, "target_id")) != target_id))
            continue;
        char recipient[300], total[32];
        snprintf(recipient, sizeof recipient, "%s%s：", str(row, "name"), member ? "同志" : "");
        centi_text(json_object_get(row, "total"), total, sizeof total);
        struct dj_buf b = DJ_BUF_INIT;
        dj_buf_printf(&b, "在%s考评中，%s成绩优异，得分%s，位列第%lld名，被评为“%s”。特发此报，%s表示热烈祝贺！"
                          "希望%s珍惜荣誉、再接再厉，在今后的工作中继续发挥先锋模范作用。",
                      str(ev, "name"), member ? "您" : "你单位", total,
                      (long long)json_integer_value(json_object_get(row, "rank")), award,
                      member ? "向您和您的家人" : "向你单位全体同志", member ? "您" : "你们");
        pdf_certificate(d, "喜  报", recipient, b.data ? b.data : "", issuer, date);
        dj_buf_free(&b);
        pages++;
    }
    if (!pages) {
        pdf_doc_free(d);
        rc = dj_err_set(err, DJ_ENOTFOUND, target_id ? "该对象未入选" : "没有入选对象");
        goto out;
    }
    snprintf(out->name, sizeof out->name, "喜报-%s", str(ev, "name"));
    rc = finish(d, out, err);
out:
    json_decref(notice);
    json_decref(ranking);
    return rc;
}

int documents_certificates(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                           const char *today, struct dj_document *out, struct dj_err *err)
{
    json_t *awards = NULL, *notice = NULL;
    int rc = index_notice(db, actor, evaluation_id, &notice, err);
    if (rc || (rc = awards_list(db, actor, evaluation_id, &awards, err))) {
        json_decref(notice);
        return rc;
    }
    char issuer[256], date[40];
    if ((rc = documents_issuer(db, actor, 0, issuer, sizeof issuer, err)))
        goto out;
    json_t *ev = json_object_get(notice, "evaluation");
    const char *day = *str(ev, "finalized_at") ? str(ev, "finalized_at") : today;
    char day10[11];
    snprintf(day10, sizeof day10, "%s", day);
    documents_cn_date(day10, date, sizeof date);
    struct pdf_doc *d = pdf_doc_new(PDF_CERTIFICATE, issuer, err);
    if (!d) {
        rc = err->code;
        goto out;
    }
    pdf_set_meta(d, "荣誉证书", day10);
    int pages = 0;
    size_t i, j;
    json_t *award, *nominee;
    json_array_foreach(json_object_get(awards, "awards"), i, award) {
        json_array_foreach(json_object_get(award, "nominees"), j, nominee) {
            if (!json_is_true(json_object_get(nominee, "winner")))
                continue;
            char recipient[300];
            snprintf(recipient, sizeof recipient, "%s%s：", str(nominee, "name"),
                     is_member_target(ev) ? "同志" : "");
            struct dj_buf b = DJ_BUF_INIT;
            dj_buf_printf(&b, "在%s评选中，经推荐、民主投票，被评为“%s”。特发此证，以资鼓励。", str(ev, "name"),
                          str(award, "title"));
            pdf_certificate(d, "荣誉证书", recipient, b.data ? b.data : "", issuer, date);
            dj_buf_free(&b);
            pages++;
        }
    }
    if (!pages) {
        pdf_doc_free(d);
        rc = dj_err_set(err, DJ_ENOTFOUND, "没有获奖者");
        goto out;
    }
    snprintf(out->name, sizeof out->name, "荣誉证书-%s", str(ev, "name"));
    rc = finish(d, out, err);
out:
    json_decref(notice);
    json_decref(awards);
    return rc;
}
