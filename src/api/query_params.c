/* query_params: the query parameters of each route (see query_params.h).
 * Each row was read from its handler (the api_query, api_paging,
 * api_export_format and api_date_range calls); a new route adds its row here. */
#include "api/query_params.h"

#include <stdio.h>
#include <string.h>

#define MAX_NAMES 16
/* the common sets */
#define LIST "format", "limit", "offset" /* a paged list with its export */
#define RANGE "from", "to"               /* any range of dates */

struct query_row {
    const char *method;
    const char *pattern;
    const char *names[MAX_NAMES]; /* NULL-ended */
};

static const struct query_row rows[] = {
    {"GET", "/api/v1/health", {NULL}},
    {"POST", "/api/v1/session", {NULL}},
    {"GET", "/api/v1/session", {NULL}},
    {"DELETE", "/api/v1/session", {NULL}},
    {"POST", "/api/v1/session/password", {NULL}},
    {"GET", "/api/v1/bureaus", {"format", NULL}},
    {"POST", "/api/v1/bureaus", {NULL}},
    {"GET", "/api/v1/bureaus/rollup", {"format", "year", NULL}},
    {"GET", "/api/v1/bureaus/{id}", {NULL}},
    {"PATCH", "/api/v1/bureaus/{id}", {NULL}},
    {"GET", "/api/v1/bureaus/{id}/settings", {NULL}},
    {"PATCH", "/api/v1/bureaus/{id}/settings", {NULL}},
    {"GET", "/api/v1/users", {LIST, "q", NULL}},
    {"POST", "/api/v1/users", {NULL}},
    {"POST", "/api/v1/users/batch", {"format", NULL}},
    {"GET", "/api/v1/users/{id}", {NULL}},
    {"PATCH", "/api/v1/users/{id}", {NULL}},
    {"POST", "/api/v1/users/{id}/password", {NULL}},
    {"GET", "/api/v1/audit", {LIST, RANGE, "object_id", "object_type", "user_id", NULL}},
    {"GET", "/api/v1/meeting-kinds", {NULL}},
    {"GET", "/api/v1/meeting-rules", {"format", NULL}},
    {"POST", "/api/v1/meeting-rules", {NULL}},
    {"GET", "/api/v1/meeting-rules/{id}", {NULL}},
    {"PATCH", "/api/v1/meeting-rules/{id}", {NULL}},
    {"GET", "/api/v1/compliance", {RANGE, "format", "period", NULL}},
    {"GET", "/api/v1/warnings", {LIST, "code", "org_id", "person_id", "severity", "state", NULL}},
    {"GET", "/api/v1/statistics/attendance", {RANGE, "format", "period", "person_id", NULL}},
    {"GET", "/api/v1/meetings", {LIST, RANGE, "kind_id", "org_id", "status", NULL}},
    {"POST", "/api/v1/meetings", {NULL}},
    {"GET", "/api/v1/meetings/upcoming", {NULL}},
    {"GET", "/api/v1/meetings/{id}", {NULL}},
    {"PATCH", "/api/v1/meetings/{id}", {NULL}},
    {"PUT", "/api/v1/meetings/{id}/attendance", {NULL}},
    {"DELETE", "/api/v1/meetings/{id}/attendance/{person_id}", {NULL}},
    {"GET", "/api/v1/lectures", {LIST, RANGE, "period", "year", NULL}},
    {"POST", "/api/v1/lectures", {NULL}},
    {"GET", "/api/v1/lectures/summary", {RANGE, "period", "year", NULL}},
    {"GET", "/api/v1/lectures/rota", {RANGE, "format", "period", "year", NULL}},
    {"GET", "/api/v1/lectures/{id}", {NULL}},
    {"PATCH", "/api/v1/lectures/{id}", {NULL}},
    {"PUT", "/api/v1/lectures/{id}/attendance", {NULL}},
    {"DELETE", "/api/v1/lectures/{id}/attendance/{person_id}", {NULL}},
    {"GET", "/api/v1/lecture-labels", {"kind", NULL}},
    {"POST", "/api/v1/lecture-labels", {NULL}},
    {"PATCH", "/api/v1/lecture-labels/{id}", {NULL}},
    {"GET", "/api/v1/quizzes", {LIST, RANGE, "org_id", NULL}},
    {"POST", "/api/v1/quizzes", {NULL}},
    {"GET", "/api/v1/quizzes/{id}", {NULL}},
    {"PATCH", "/api/v1/quizzes/{id}", {NULL}},
    {"GET", "/api/v1/quizzes/{id}/scores", {"format", NULL}},
    {"PUT", "/api/v1/quizzes/{id}/scores", {NULL}},
    {"POST", "/api/v1/quizzes/{id}/scores/import", {"dry_run", NULL}},
    {"GET", "/api/v1/study-records", {LIST, RANGE, "person_id", NULL}},
    {"POST", "/api/v1/study-records", {NULL}},
    {"DELETE", "/api/v1/study-records/{id}", {"reason", NULL}},
    {"GET", "/api/v1/statistics/learning", {RANGE, "format", "period", "person_id", NULL}},
    {"GET", "/api/v1/schemes", {"active", NULL}},
    {"POST", "/api/v1/schemes", {NULL}},
    {"GET", "/api/v1/schemes/{id}", {NULL}},
    {"PUT", "/api/v1/schemes/{id}", {NULL}},
    {"GET", "/api/v1/index-sources", {NULL}},
    {"GET", "/api/v1/evaluations", {NULL}},
    {"POST", "/api/v1/evaluations", {NULL}},
    {"GET", "/api/v1/evaluations/{id}", {NULL}},
    {"POST", "/api/v1/evaluations/{id}/compute", {NULL}},
    {"POST", "/api/v1/evaluations/{id}/state", {NULL}},
    {"POST", "/api/v1/evaluations/{id}/versions", {NULL}},
    {"GET", "/api/v1/evaluations/{id}/entries", {"target_id", NULL}},
    {"POST", "/api/v1/evaluations/{id}/entries", {NULL}},
    {"DELETE", "/api/v1/evaluations/{id}/entries/{entry_id}", {NULL}},
    {"POST", "/api/v1/evaluations/{id}/imports", {"dry_run", NULL}},
    {"GET", "/api/v1/evaluations/{id}/scores", {"format", NULL}},
    {"GET", "/api/v1/evaluations/{id}/ranking", {"format", NULL}},
    {"GET", "/api/v1/evaluations/{id}/notice", {NULL}},
    {"GET", "/api/v1/evaluations/{id}/progress", {NULL}},
    {"GET", "/api/v1/evaluations/{id}/grid", {NULL}},
    {"GET", "/api/v1/evaluations/{id}/targets", {NULL}},
    {"GET", "/api/v1/evaluations/{id}/awards", {NULL}},
    {"POST", "/api/v1/evaluations/{id}/nominations", {NULL}},
    {"POST", "/api/v1/evaluations/{id}/votes", {NULL}},
    {"GET", "/api/v1/evaluations/{id}/targets/{target_id}/explain", {NULL}},
    {"GET", "/api/v1/evaluations/{id}/objections", {NULL}},
    {"POST", "/api/v1/evaluations/{id}/objections", {NULL}},
    {"POST", "/api/v1/evaluations/{id}/objections/{objection_id}/answer", {NULL}},
    {"POST", "/api/v1/files", {NULL}},
    {"GET", "/api/v1/files/{id}", {"inline", NULL}},
    {"GET", "/api/v1/orgs", {"format", NULL}},
    {"POST", "/api/v1/orgs", {NULL}},
    {"GET", "/api/v1/orgs/{id}", {NULL}},
    {"PATCH", "/api/v1/orgs/{id}", {NULL}},
    {"POST", "/api/v1/orgs/{id}/move", {NULL}},
    {"POST", "/api/v1/orgs/{id}/committee", {NULL}},
    {"DELETE", "/api/v1/orgs/{id}/committee/{member_id}", {"end_on", NULL}},
    {"GET", "/api/v1/departments", {"format", NULL}},
    {"POST", "/api/v1/departments", {NULL}},
    {"GET", "/api/v1/departments/{id}", {NULL}},
    {"PATCH", "/api/v1/departments/{id}", {NULL}},
    {"GET", "/api/v1/people", {LIST, "branch_id", "department_id", "order", "political_status", "q", "sort", "status", NULL}},
    {"POST", "/api/v1/people", {NULL}},
    {"POST", "/api/v1/people/import", {"bureau_id", "create_missing", "dry_run", "effective_on", NULL}},
    {"GET", "/api/v1/people/template", {NULL}},
    {"GET", "/api/v1/people/{id}", {NULL}},
    {"PATCH", "/api/v1/people/{id}", {NULL}},
    {"GET", "/api/v1/dues/settings", {NULL}},
    {"POST", "/api/v1/dues/settings", {NULL}},
    {"DELETE", "/api/v1/dues/settings/{id}", {NULL}},
    {"GET", "/api/v1/dues/bases", {"format", "person_id", NULL}},
    {"POST", "/api/v1/dues/bases", {NULL}},
    {"POST", "/api/v1/dues/bases/import", {"dry_run", "from_month", NULL}},
    {"DELETE", "/api/v1/dues/bases/{id}", {NULL}},
    {"GET", "/api/v1/dues/reductions", {"person_id", NULL}},
    {"POST", "/api/v1/dues/reductions", {NULL}},
    {"DELETE", "/api/v1/dues/reductions/{id}", {NULL}},
    {"GET", "/api/v1/dues/payments", {LIST, RANGE, "person_id", NULL}},
    {"POST", "/api/v1/dues/payments", {NULL}},
    {"DELETE", "/api/v1/dues/payments/{id}", {NULL}},
    {"GET", "/api/v1/dues/remittances", {"format", "org_id", "year", NULL}},
    {"POST", "/api/v1/dues/remittances", {NULL}},
    {"DELETE", "/api/v1/dues/remittances/{id}", {NULL}},
    {"GET", "/api/v1/dues/members", {"flag", "format", "org_id", NULL}},
    {"GET", "/api/v1/dues/report", {"format", "org_id", "period", NULL}},
    {"GET", "/api/v1/dues/statement", {"person_id", "year", NULL}},
    {"GET", "/api/v1/conduct-rules", {"format", "on", NULL}},
    {"POST", "/api/v1/conduct-rules", {NULL}},
    {"PATCH", "/api/v1/conduct-rules/{id}", {NULL}},
    {"GET", "/api/v1/inspections", {LIST, RANGE, "kind", NULL}},
    {"POST", "/api/v1/inspections", {NULL}},
    {"GET", "/api/v1/inspections/statistics", {"year", NULL}},
    {"GET", "/api/v1/inspections/{id}", {NULL}},
    {"POST", "/api/v1/inspections/{id}/findings", {NULL}},
    {"GET", "/api/v1/findings", {LIST, RANGE, "inspection_id", "mine", "org_id", "person_id", "rule_id", "state", NULL}},
    {"GET", "/api/v1/findings/bulletin", {"format", "month", NULL}},
    {"GET", "/api/v1/findings/{id}", {NULL}},
    {"POST", "/api/v1/findings/{id}/explanation", {NULL}},
    {"POST", "/api/v1/findings/{id}/decision", {NULL}},
    {"GET", "/api/v1/conduct-reviews", {"period", NULL}},
    {"POST", "/api/v1/conduct-reviews", {NULL}},
    {"POST", "/api/v1/meetings/{id}/hold", {NULL}},
    {"POST", "/api/v1/meetings/{id}/cancel", {NULL}},
    {"POST", "/api/v1/meetings/{id}/void", {NULL}},
    {"POST", "/api/v1/meetings/{id}/correct", {NULL}},
    {"POST", "/api/v1/meetings/{id}/leave", {NULL}},
    {"DELETE", "/api/v1/meetings/{id}/leave", {NULL}},
    {"POST", "/api/v1/files/{id}/remove", {NULL}},
    {"POST", "/api/v1/quizzes/{id}/remove", {NULL}},
    {"GET", "/api/v1/tasks", {LIST, "kind", "line", "mine", "order", "org_id", "owner_person_id", "sort", "status", "year", NULL}},
    {"POST", "/api/v1/tasks", {NULL}},
    {"GET", "/api/v1/tasks/board", {"year", NULL}},
    {"POST", "/api/v1/tasks/import", {"dry_run", NULL}},
    {"GET", "/api/v1/tasks/{id}", {NULL}},
    {"PATCH", "/api/v1/tasks/{id}", {NULL}},
    {"POST", "/api/v1/tasks/{id}/reports", {NULL}},
    {"GET", "/api/v1/rectifications", {LIST, "mine", "owner_person_id", "source", "status", NULL}},
    {"POST", "/api/v1/rectifications", {NULL}},
    {"GET", "/api/v1/rectifications/{id}", {NULL}},
    {"PATCH", "/api/v1/rectifications/{id}", {NULL}},
    {"POST", "/api/v1/rectifications/{id}/close", {NULL}},
    {"POST", "/api/v1/rectifications/{id}/reopen", {NULL}},
    {"GET", "/api/v1/talks", {LIST, RANGE, "kind", "person_id", "year", NULL}},
    {"POST", "/api/v1/talks", {NULL}},
    {"GET", "/api/v1/talks/due", {"format", "since", NULL}},
    {"GET", "/api/v1/talks/statistics", {"format", "year", NULL}},
    {"GET", "/api/v1/talks/settings", {NULL}},
    {"PUT", "/api/v1/talks/settings", {NULL}},
    {"GET", "/api/v1/talks/{id}", {NULL}},
    {"PATCH", "/api/v1/talks/{id}", {NULL}},
    {"GET", "/api/v1/risk-points", {LIST, "department_id", "level", NULL}},
    {"POST", "/api/v1/risk-points", {NULL}},
    {"GET", "/api/v1/risk-points/{id}", {NULL}},
    {"PATCH", "/api/v1/risk-points/{id}", {NULL}},
    {"GET", "/api/v1/fund-processes", {NULL}},
    {"POST", "/api/v1/fund-processes", {NULL}},
    {"GET", "/api/v1/fund-processes/{id}", {NULL}},
    {"PUT", "/api/v1/fund-processes/{id}", {NULL}},
    {"GET", "/api/v1/integrity-cases", {LIST, NULL}},
    {"POST", "/api/v1/integrity-cases", {NULL}},
    {"GET", "/api/v1/integrity-cases/{id}", {NULL}},
    {"PATCH", "/api/v1/integrity-cases/{id}", {NULL}},
    {"GET", "/api/v1/contacts", {LIST, "active_on", "kind", "person_id", NULL}},
    {"POST", "/api/v1/contacts", {NULL}},
    {"GET", "/api/v1/contacts/gaps", {"on", NULL}},
    {"POST", "/api/v1/contacts/import", {"dry_run", NULL}},
    {"GET", "/api/v1/contacts/{id}", {NULL}},
    {"PATCH", "/api/v1/contacts/{id}", {NULL}},
    {"POST", "/api/v1/contacts/{id}/visits", {NULL}},
    {"GET", "/api/v1/contact-visits", {LIST, RANGE, "contact_id", "person_id", "year", NULL}},
    {"GET", "/api/v1/pairings", {LIST, NULL}},
    {"POST", "/api/v1/pairings", {NULL}},
    {"GET", "/api/v1/pairings/{id}", {NULL}},
    {"POST", "/api/v1/pairings/{id}/activities", {NULL}},
    {"GET", "/api/v1/community-registrations", {LIST, "person_id", "status", NULL}},
    {"POST", "/api/v1/community-registrations", {NULL}},
    {"POST", "/api/v1/community-registrations/{id}/confirm", {NULL}},
    {"GET", "/api/v1/service-activities", {LIST, RANGE, "kind", "year", NULL}},
    {"POST", "/api/v1/service-activities", {NULL}},
    {"GET", "/api/v1/service-activities/{id}", {NULL}},
    {"POST", "/api/v1/service-activities/{id}/signups", {NULL}},
    {"GET", "/api/v1/service-signups", {LIST, RANGE, "activity_id", "person_id", "status", "year", NULL}},
    {"POST", "/api/v1/service-signups/{id}/report", {NULL}},
    {"POST", "/api/v1/service-signups/{id}/confirm", {NULL}},
    {"GET", "/api/v1/statistics/service", {RANGE, "format", "year", NULL}},
    /* 数据大屏 */
    {"GET", "/api/v1/screen", {NULL}},
    {"GET", "/api/v1/screen/settings", {NULL}},
    {"PUT", "/api/v1/screen/settings", {NULL}},
    /* charts */
    {"GET", "/api/v1/orgs/{id}/index-history", {NULL}},
    {"GET", "/api/v1/people/{id}/index-history", {NULL}},
    {"GET", "/api/v1/statistics/attendance/months", {RANGE, "period", "person_id", NULL}},
    /* this wave's modules (read from their handlers by the lead at the merge) */
    {"GET", "/api/v1/duty-docs", {LIST, "kind", "mine", "org_id", "person_id", "removed", "year", NULL}},
    {"POST", "/api/v1/duty-docs", {NULL}},
    {"GET", "/api/v1/duty-docs/summary", {"year", NULL}},
    {"POST", "/api/v1/duty-docs/copy", {NULL}},
    {"GET", "/api/v1/duty-docs/{id}", {NULL}},
    {"PATCH", "/api/v1/duty-docs/{id}", {NULL}},
    {"POST", "/api/v1/duty-docs/{id}/remove", {NULL}},
    {"POST", "/api/v1/duty-docs/{id}/items", {NULL}},
    {"PATCH", "/api/v1/duty-items/{id}", {NULL}},
    {"POST", "/api/v1/duty-items/{id}/check", {NULL}},
    {"POST", "/api/v1/warnings/refresh", {NULL}},
    {"GET", "/api/v1/warnings/{id}", {NULL}},
    {"POST", "/api/v1/warnings/{id}/acknowledge", {NULL}},
    {"POST", "/api/v1/warnings/{id}/dismiss", {NULL}},
    {"GET", "/api/v1/warning-rules", {NULL}},
    {"PATCH", "/api/v1/warning-rules/{id}", {NULL}},
    {"GET", "/api/v1/inbox", {LIST, "unread", NULL}},
    {"GET", "/api/v1/inbox/unread", {NULL}},
    {"POST", "/api/v1/inbox/read-all", {NULL}},
    {"POST", "/api/v1/inbox/{id}/read", {NULL}},
    {"POST", "/api/v1/inbox/{id}/unread", {NULL}},
    {"GET", "/api/v1/announcements", {LIST, NULL}},
    {"POST", "/api/v1/announcements", {NULL}},
    {"POST", "/api/v1/meetings/{id}/signin-code", {NULL}},
    {"POST", "/api/v1/meeting-signins", {NULL}},
    {"GET", "/api/v1/study-reports", {LIST, RANGE, "person_id", "status", NULL}},
    {"POST", "/api/v1/study-reports", {NULL}},
    {"POST", "/api/v1/study-reports/{id}/approve", {NULL}},
    {"POST", "/api/v1/study-reports/{id}/reject", {NULL}},
    {"GET", "/api/v1/appraisals", {LIST, "org_id", "status", "year", NULL}},
    {"POST", "/api/v1/appraisals", {NULL}},
    {"GET", "/api/v1/appraisals/settings", {NULL}},
    {"POST", "/api/v1/appraisals/settings", {NULL}},
    {"GET", "/api/v1/appraisals/mine", {NULL}},
    {"GET", "/api/v1/appraisals/{id}", {NULL}},
    {"GET", "/api/v1/appraisals/{id}/members", {"format", NULL}},
    {"PUT", "/api/v1/appraisals/{id}/self", {NULL}},
    {"POST", "/api/v1/appraisals/{id}/ballot", {NULL}},
    {"PUT", "/api/v1/appraisals/{id}/grades", {NULL}},
    {"PUT", "/api/v1/appraisals/{id}/members/{person_id}/follow-up", {NULL}},
    {"GET", "/api/v1/secretary-reviews", {LIST, "org_id", "status", "year", NULL}},
    {"POST", "/api/v1/secretary-reviews", {NULL}},
    {"GET", "/api/v1/secretary-reviews/{id}", {NULL}},
    {"PUT", "/api/v1/secretary-reviews/{id}/report", {NULL}},
    {"POST", "/api/v1/secretary-reviews/{id}/ratings", {NULL}},
    {"POST", "/api/v1/secretary-reviews/{id}/close", {NULL}},
    {"GET", "/api/v1/cadre/postings", {LIST, "kind", "person_id", NULL}},
    {"POST", "/api/v1/cadre/postings", {NULL}},
    {"PATCH", "/api/v1/cadre/postings/{id}", {NULL}},
    {"GET", "/api/v1/cadre/mentorships", {LIST, "mode", "person_id", NULL}},
    {"POST", "/api/v1/cadre/mentorships", {NULL}},
    {"GET", "/api/v1/cadre/mentorships/{id}", {NULL}},
    {"POST", "/api/v1/cadre/mentorships/{id}/reviews", {NULL}},
    {"GET", "/api/v1/applicants", {LIST, "org_id", "q", "stage", NULL}},
    {"POST", "/api/v1/applicants", {NULL}},
    {"POST", "/api/v1/applicants/import", {"dry_run", NULL}},
    {"GET", "/api/v1/applicants/{id}", {NULL}},
    {"PATCH", "/api/v1/applicants/{id}", {NULL}},
    {"POST", "/api/v1/applicants/{id}/advance", {NULL}},
    {"POST", "/api/v1/applicants/{id}/reviews", {NULL}},
    {"POST", "/api/v1/applicants/{id}/extend", {NULL}},
    {"GET", "/api/v1/applicant-settings", {NULL}},
    {"POST", "/api/v1/applicant-settings", {NULL}},
    {"DELETE", "/api/v1/applicant-settings/{id}", {NULL}},
    {"GET", "/api/v1/honours", {LIST, RANGE, "level", "org_id", "person_id", "q", NULL}},
    {"POST", "/api/v1/honours", {NULL}},
    {"POST", "/api/v1/honours/import", {"dry_run", NULL}},
    {"GET", "/api/v1/honours/{id}", {NULL}},
    {"PATCH", "/api/v1/honours/{id}", {NULL}},
    {"DELETE", "/api/v1/honours/{id}", {NULL}},
    {"GET", "/api/v1/suggestion-topics", {LIST, RANGE, "q", "year", NULL}},
    {"POST", "/api/v1/suggestion-topics", {NULL}},
    {"GET", "/api/v1/suggestion-topics/{id}", {NULL}},
    {"GET", "/api/v1/suggestions", {LIST, RANGE, "person_id", "q", "status", "task_id", "topic_id", "year", NULL}},
    {"POST", "/api/v1/suggestions", {NULL}},
    {"GET", "/api/v1/suggestions/{id}", {NULL}},
    {"POST", "/api/v1/suggestions/{id}/review", {NULL}},
    {"POST", "/api/v1/suggestions/{id}/task", {NULL}},
    {"GET", "/api/v1/mottos", {LIST, RANGE, "person_id", "q", "year", "status", NULL}},
    {"POST", "/api/v1/mottos", {NULL}},
    {"GET", "/api/v1/mottos/today", {"date", NULL}},
    {"POST", "/api/v1/mottos/{id}/review", {NULL}},
    {"GET", "/api/v1/rosters", {LIST, RANGE, "kind", "year", NULL}},
    {"POST", "/api/v1/rosters", {NULL}},
    {"GET", "/api/v1/rosters/{id}", {"format", NULL}},
    {"POST", "/api/v1/rosters/{id}/shifts", {NULL}},
    {"POST", "/api/v1/duty-shifts/{id}/assignments", {NULL}},
    {"GET", "/api/v1/duty-assignments", {LIST, RANGE, "person_id", "roster_id", "swap_status", "year", NULL}},
    {"POST", "/api/v1/duty-assignments/{id}/swap", {NULL}},
    {"POST", "/api/v1/duty-assignments/{id}/swap-decision", {NULL}},
    {"POST", "/api/v1/duty-assignments/{id}/absent", {NULL}},
    {"GET", "/api/v1/duty-unavailable", {LIST, RANGE, "person_id", "year", NULL}},
    {"POST", "/api/v1/duty-unavailable", {NULL}},
    {"GET", "/api/v1/notify/settings", {NULL}},
    {"PUT", "/api/v1/notify/settings", {NULL}},
    {"GET", "/api/v1/notify/preferences", {NULL}},
    {"PUT", "/api/v1/notify/preferences", {NULL}},
    {"POST", "/api/v1/notify/test", {NULL}},
    {"GET", "/api/v1/deliveries", {LIST, RANGE, "channel", "kind", "person_id", "status", NULL}},
    {"GET", "/api/v1/deliveries/{id}", {NULL}},
    {"POST", "/api/v1/jobs/daily-reminder/run", {NULL}},
    {"GET", "/api/v1/documents/evaluations/{id}/notice", {NULL}},
    {"GET", "/api/v1/documents/evaluations/{id}/xibao", {"target_id", NULL}},
    {"GET", "/api/v1/documents/evaluations/{id}/certificates", {NULL}},
    {"GET", "/api/v1/documents/meetings/{id}", {NULL}},
    {"GET", "/api/v1/documents/bulletin", {"month", NULL}},
    {"GET", "/api/v1/documents/annual", {RANGE, NULL}},
    {"GET", "/api/v1/statistics/annual", {RANGE, NULL}},
};

static const struct query_row *row_of(const char *method, const char *pattern)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (!strcmp(rows[i].pattern, pattern) && !strcmp(rows[i].method, method))
            return &rows[i];
    return NULL;
}

bool api_query_known(const char *method, const char *pattern)
{
    return row_of(method, pattern) != NULL;
}

static bool takes(const struct query_row *r, const char *name)
{
    for (int i = 0; i < MAX_NAMES && r->names[i]; i++)
        if (!strcmp(r->names[i], name))
            return true;
    return false;
}

int api_query_check(const struct dj_route *route, struct dj_request *req)
{
    const struct query_row *r = row_of(route->method, route->pattern);
    if (!r)
        return 0; /* not in the table yet: unchecked */
    for (int q = 0; q < req->nquery; q++) {
        const char *name = req->query[q].name;
        if (!takes(r, name)) {
            char list[512] = "";
            size_t used = 0;
            for (int i = 0; i < MAX_NAMES && r->names[i] && used < sizeof list; i++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? "、" : "",
                                         r->names[i]);
            dj_err_set(&req->err, DJ_EINVAL, "本接口不支持查询参数 %.64s（%s%s）", name,
                       r->names[0] ? "可用：" : "本接口不接受查询参数", list);
            return dj_err_field(&req->err, name, "不支持的查询参数");
        }
        for (int p = 0; p < q; p++)
            if (!strcmp(req->query[p].name, name)) {
                dj_err_set(&req->err, DJ_EINVAL, "查询参数 %.64s 重复", name);
                return dj_err_field(&req->err, name, "重复的查询参数");
            }
    }
    return 0;
}

int api_query_period(struct dj_request *req, const char *name, char buf[DJ_PERIOD_LEN],
                     const char **out)
{
    const char *from = api_query(req, "from"), *to = api_query(req, "to");
    *out = api_query(req, name);
    if (!from && !to)
        return 0;
    if (*out)
        return dj_err_field(&req->err, name, "不能与 from/to 同时使用");
    if (!from || !dj_date_valid(from))
        dj_err_field(&req->err, "from", "应为日期 YYYY-MM-DD（与 to 一起给出）");
    if (!to || !dj_date_valid(to))
        dj_err_field(&req->err, "to", "应为日期 YYYY-MM-DD（与 from 一起给出）");
    if (req->err.code)
        return (int)req->err.code;
    if (strcmp(from, to) > 0)
        return dj_err_field(&req->err, "to", "不能早于 from");
    snprintf(buf, DJ_PERIOD_LEN, "%s..%s", from, to);
    *out = buf;
    return 0;
}
