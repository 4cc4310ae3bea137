/* api_import: POST /api/v1/people/import — a roster file as multipart/form-data
 * (field "file") or as the raw body; ?dry_run=1, ?create_missing=1,
 * ?effective_on=YYYY-MM-DD. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/roster_import.h"
#include "io/multipart.h"
#include "util/text.h"

int api_people_import(struct dj_request *req, struct dj_response *resp)
{
    struct dj_import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.dry_run = api_query_flag(req, "dry_run");
    opt.create_missing = api_query_flag(req, "create_missing");
    const char *v = api_query(req, "effective_on");
    if (v) {
        if (strlen(v) != 10)
            return dj_err_field(&req->err, "effective_on", "应为日期 YYYY-MM-DD");
        memcpy(opt.effective_on, v, 11);
    }
    if ((v = api_query(req, "bureau_id")) && (dj_parse_int64(v, &opt.bureau_id) || opt.bureau_id <= 0))
        return dj_err_field(&req->err, "bureau_id", "应为单位编号");
    int rc;
    const char *data;
    size_t len;
    if ((rc = api_upload_data(req, &data, &len)))
        return rc;
    json_t *result;
    rc = roster_import(req->db, req->app->cfg, &req->actor, req->app->secret, data, len, &opt,
                           &result, &req->err);
    if (rc)
        return rc;
    return api_reply(resp, 200, result);
}
