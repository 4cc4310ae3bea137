/* api_documents: the printable documents (issue 18), all under
 * /api/v1/documents/ and all answered as application/pdf with a
 * Content-Disposition naming the file:
 *   /documents/evaluations/{id}/notice        公示
 *   /documents/evaluations/{id}/xibao         喜报 (?target_id= for one)
 *   /documents/evaluations/{id}/certificates  the award winners' certificates
 *   /documents/meetings/{id}                  会议记录
 *   /documents/bulletin?month=YYYY-MM         月通报
 *   /documents/annual?from=&to=               the annual figures (述职报告)
 * and the annual figures as JSON at /statistics/annual?from=&to=. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/documents.h"
#include "io/export.h"
#include "util/config.h"
#include "util/date.h"

static int reply_pdf(struct dj_request *req, struct dj_response *resp, struct dj_document *doc)
{
    char name[200];
    snprintf(name, sizeof name, "%s.pdf", doc->name);
    if (export_content_disposition(name, resp->disposition, sizeof resp->disposition, NULL))
        export_content_disposition("document.pdf", resp->disposition, sizeof resp->disposition, NULL);
    (void)req;
    resp->status = 200;
    resp->body = doc->pdf;
    resp->body_len = doc->len;
    resp->content_type = "application/pdf";
    return 0;
}

typedef int (*evaluation_doc)(struct dj_db *, const struct dj_actor *, int64_t, const char *,
                              struct dj_document *, struct dj_err *);

static int evaluation_document(struct dj_request *req, struct dj_response *resp, evaluation_doc fn)
{
    int64_t id;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(req->app->cfg->timezone, today);
    struct dj_document doc = {0};
    if ((rc = fn(req->db, &req->actor, id, today, &doc, &req->err)))
        return rc;
    return reply_pdf(req, resp, &doc);
}

int api_documents_notice(struct dj_request *req, struct dj_response *resp)
{
    return evaluation_document(req, resp, documents_notice);
}

int api_documents_certificates(struct dj_request *req, struct dj_response *resp)
{
    return evaluation_document(req, resp, documents_certificates);
}

int api_documents_meeting(struct dj_request *req, struct dj_response *resp)
{
    return evaluation_document(req, resp, documents_meeting);
}

int api_documents_xibao(struct dj_request *req, struct dj_response *resp)
{
    int64_t id, target = 0;
    int rc = api_param_id(req, 0, &id);
    if (rc)
        return rc;
    const char *t = api_query(req, "target_id");
    if (t) {
        char *end = NULL;
        long long v = strtoll(t, &end, 10);
        if (!*t || *end || v <= 0)
            return dj_err_field(&req->err, "target_id", "应为正整数");
        target = v;
    }
    char today[DJ_DATE_LEN];
    dj_date_today(req->app->cfg->timezone, today);
    struct dj_document doc = {0};
    if ((rc = documents_xibao(req->db, &req->actor, id, target, today, &doc, &req->err)))
        return rc;
    return reply_pdf(req, resp, &doc);
}

int api_documents_bulletin(struct dj_request *req, struct dj_response *resp)
{
    char today[DJ_DATE_LEN];
    dj_date_today(req->app->cfg->timezone, today);
    struct dj_document doc = {0};
    int rc = documents_bulletin(req->db, &req->actor, api_query(req, "month"), today, &doc, &req->err);
    if (rc)
        return rc;
    return reply_pdf(req, resp, &doc);
}

/* ?from= and ?to=, by default this year's first day and today. */
static int annual_range(struct dj_request *req, char from[DJ_DATE_LEN], char to[DJ_DATE_LEN], char *today)
{
    const char *f = NULL, *t = NULL;
    int rc = api_date_range(req, &f, &t);
    if (rc)
        return rc;
    dj_date_today(req->app->cfg->timezone, today);
    snprintf(from, DJ_DATE_LEN, "%.4s-01-01", today);
    snprintf(to, DJ_DATE_LEN, "%s", today);
    if (f)
        snprintf(from, DJ_DATE_LEN, "%s", f);
    if (t)
        snprintf(to, DJ_DATE_LEN, "%s", t);
    else if (f && strncmp(f, today, 4) != 0)
        snprintf(to, DJ_DATE_LEN, "%.4s-12-31", f); /* a past year's from: that year */
    if (strcmp(from, to) > 0)
        return dj_err_field(&req->err, "to", "结束日期不能早于开始日期");
    return 0;
}

int api_statistics_annual(struct dj_request *req, struct dj_response *resp)
{
    char from[DJ_DATE_LEN], to[DJ_DATE_LEN], today[DJ_DATE_LEN];
    int rc = annual_range(req, from, to, today);
    if (rc)
        return rc;
    json_t *out = NULL;
    if ((rc = documents_annual_figures(req->db, req->app->cfg, &req->actor, from, to, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_documents_annual(struct dj_request *req, struct dj_response *resp)
{
    char from[DJ_DATE_LEN], to[DJ_DATE_LEN], today[DJ_DATE_LEN];
    int rc = annual_range(req, from, to, today);
    if (rc)
        return rc;
    struct dj_document doc = {0};
    if ((rc = documents_annual(req->db, req->app->cfg, &req->actor, from, to, today, &doc, &req->err)))
        return rc;
    return reply_pdf(req, resp, &doc);
}
