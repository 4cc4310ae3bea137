#include "api/routes.h"

#include <jansson.h>

const struct dj_route dj_api_routes[] = {
    {"GET", "/api/v1/health", api_health, ROUTE_PUBLIC},
    {"POST", "/api/v1/session", api_session_create, ROUTE_PUBLIC},
    {"GET", "/api/v1/session", api_session_get, 0},
    {"DELETE", "/api/v1/session", api_session_delete, 0},
    {"POST", "/api/v1/session/password", api_session_password, 0},
    {"GET", "/api/v1/users", api_users_list, 0},
    {"POST", "/api/v1/users", api_users_create, 0},
    {"GET", "/api/v1/users/{id}", api_users_get, 0},
    {"PATCH", "/api/v1/users/{id}", api_users_update, 0},
    {"POST", "/api/v1/users/{id}/password", api_users_password, 0},
    {"GET", "/api/v1/audit", api_audit_list, 0},
    {"GET", "/api/v1/meeting-kinds", api_meeting_kinds, 0},
    {"GET", "/api/v1/meeting-rules", api_rules_list, 0},
    {"POST", "/api/v1/meeting-rules", api_rules_create, 0},
    {"GET", "/api/v1/meeting-rules/{id}", api_rules_get, 0},
    {"PATCH", "/api/v1/meeting-rules/{id}", api_rules_update, 0},
    {"GET", "/api/v1/compliance", api_compliance_board, 0},
    {"GET", "/api/v1/warnings", api_warnings, 0},
    {"GET", "/api/v1/statistics/attendance", api_statistics_attendance, 0},
    {"GET", "/api/v1/meetings", api_meetings_list, 0},
    {"POST", "/api/v1/meetings", api_meetings_create, 0},
    {"GET", "/api/v1/meetings/{id}", api_meetings_get, 0},
    {"PATCH", "/api/v1/meetings/{id}", api_meetings_update, 0},
    {"PUT", "/api/v1/meetings/{id}/attendance", api_meetings_attendance, 0},
    {"POST", "/api/v1/files", api_files_create, ROUTE_UPLOAD},
    {"GET", "/api/v1/files/{id}", api_files_get, 0},
    {"GET", "/api/v1/orgs", api_orgs_list, 0},
    {"POST", "/api/v1/orgs", api_orgs_create, 0},
    {"GET", "/api/v1/orgs/{id}", api_orgs_get, 0},
    {"PATCH", "/api/v1/orgs/{id}", api_orgs_update, 0},
    {"POST", "/api/v1/orgs/{id}/committee", api_orgs_committee_add, 0},
    {"DELETE", "/api/v1/orgs/{id}/committee/{member_id}", api_orgs_committee_end, 0},
    {"GET", "/api/v1/departments", api_departments_list, 0},
    {"POST", "/api/v1/departments", api_departments_create, 0},
    {"GET", "/api/v1/departments/{id}", api_departments_get, 0},
    {"PATCH", "/api/v1/departments/{id}", api_departments_update, 0},
    {"GET", "/api/v1/people", api_people_list, 0},
    {"POST", "/api/v1/people", api_people_create, 0},
    {"POST", "/api/v1/people/import", api_people_import, ROUTE_UPLOAD},
    {"GET", "/api/v1/people/template", api_people_template, 0},
    {"GET", "/api/v1/people/{id}", api_people_get, 0},
    {"PATCH", "/api/v1/people/{id}", api_people_update, 0},
};
const size_t dj_api_route_count = sizeof dj_api_routes / sizeof dj_api_routes[0];

int api_health(struct dj_request *req, struct dj_response *resp)
{
    return api_reply(resp, 200, json_pack("{s:s, s:s}", "status", "ok", "version", req->app->version));
}
