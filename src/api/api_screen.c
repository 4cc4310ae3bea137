/* api_screen: /api/v1/screen (the 数据大屏's public panels) and
 * /api/v1/screen/settings (which panels are public), and the gate that
 * keeps a kiosk account to them; the charts' series (/orgs/{id}/index-history,
 * /people/{id}/index-history, /statistics/attendance/months). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "core/screen.h"
#include "core/series.h"
#include "util/date.h"
#include "util/text.h"

/* What a kiosk-only account may reach: the screen and its own session. */
bool api_screen_kiosk_allowed(const struct dj_route *route)
{
    static const char *const open[][2] = {
        {"GET", "/api/v1/screen"},
        {"GET", "/api/v1/session"},
        {"DELETE", "/api/v1/session"},
        {"POST", "/api/v1/session/password"},
    };
    for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
        if (!strcmp(route->method, open[i][0]) && !strcmp(route->pattern, open[i][1]))
            return true;
    return false;
}

int api_screen_get(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = screen_data(req->db, req->app->cfg, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_screen_settings_get(struct dj_request *req, struct dj_response *resp)
{
    json_t *out;
    int rc = screen_settings_get(req->db, &req->actor, &out, &req->err);
    return rc ? rc : api_reply(resp, 200, out);
}

int api_screen_settings_put(struct dj_request *req, struct dj_response *resp)
{
    json_t *body, *out = NULL;
    int rc = api_body_object(req, &body);
    if (rc)
        return rc;
    static const char *const known[] = {"panels", "title", NULL};
    const char *title = NULL;
    api_unknown_fields(req, body, known);
    api_field_string(req, body, "title", false, &title);
    if (!req->err.code)
        screen_settings_put(req->db, &req->actor, json_object_get(body, "panels"), title, &out,
                            &req->err);
    json_decref(body);
    return req->err.code ? (int)req->err.code : api_reply(resp, 200, out);
}

/* ---- the charts' series (issue 18 item 5) ---- */

int api_orgs_index_history(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = series_org_index(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_people_index_history(struct dj_request *req, struct dj_response *resp)
{
    int64_t id;
    json_t *out;
    int rc = api_param_id(req, 0, &id);
    if (rc || (rc = series_person_index(req->db, &req->actor, id, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}

int api_statistics_attendance_months(struct dj_request *req, struct dj_response *resp)
{
    int64_t person = 0;
    const char *v = api_query(req, "person_id");
    if (v && (dj_parse_int64(v, &person) || person <= 0))
        return dj_err_field(&req->err, "person_id", "应为人员编号");
    char range[DJ_PERIOD_LEN], year[8];
    const char *period;
    int rc = api_query_period(req, "period", range, &period);
    if (rc)
        return rc;
    if (!period) { /* this year */
        char today[DJ_DATE_LEN];
        dj_date_today(req->app->cfg->timezone, today);
        snprintf(year, sizeof year, "%.4s", today);
        period = year;
    }
    json_t *out;
    if ((rc = series_attendance_months(req->db, &req->actor, period, person, &out, &req->err)))
        return rc;
    return api_reply(resp, 200, out);
}
