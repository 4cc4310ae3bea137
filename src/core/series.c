#include "core/series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/statistics.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/screen.h"
#include "util/date.h"

static json_t *points_json(const struct dj_index_point *p, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:f, s:i, s:i, s:s, s:b}", "evaluation_id",
                         (json_int_t)p[i].evaluation_id, "evaluation", p[i].name, "period", p[i].period,
                         "last_day", p[i].last_day, "state", p[i].state, "total",
                         (double)p[i].total / 100.0, "rank", p[i].rank, "of", p[i].of, "star",
                         p[i].star, "selected", p[i].selected));
    return a;
}

static int history(struct dj_db *db, int64_t bureau, const char *target, int64_t id, json_t **points,
                   struct dj_err *err)
{
    struct dj_index_point *p = NULL;
    int n = 0;
    int rc = store_index_history(db, bureau, target, id, &p, &n, err);
    if (rc)
        return rc;
    *points = points_json(p, n);
    free(p);
    return *points ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int series_org_index(struct dj_db *db, const struct dj_actor *actor, int64_t org_id, json_t **out,
                     struct dj_err *err)
{
    struct dj_org o;
    int rc = store_org_get(db, org_id, &o, err);
    if (rc)
        return rc;
    if (!authz_allows(actor, PERM_ORGS_READ, o.path))
        return authz_refuse(actor, o.path, "您无权查看该组织的指数", err);
    json_t *points;
    if ((rc = history(db, authz_path_bureau(o.path), "branch", org_id, &points, err)))
        return rc;
    *out = json_pack("{s:I, s:s, s:o}", "org_id", (json_int_t)org_id, "name", o.name, "points", points);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int series_person_index(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                        json_t **out, struct dj_err *err)
{
    struct dj_person p;
    int rc = store_person_get(db, person_id, &p, err);
    if (rc)
        return rc;
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)p.bureau_id);
    bool self = actor->person_id && actor->person_id == person_id;
    if (!self && !(*p.branch_path && authz_allows(actor, PERM_PEOPLE_READ, p.branch_path)) &&
        !authz_allows(actor, PERM_INDEXES_MANAGE, bp))
        return authz_refuse(actor, bp, "您只能查看自己或所管党员的先锋指数", err);
    json_t *points;
    if ((rc = history(db, p.bureau_id, "member", person_id, &points, err)))
        return rc;
    *out = json_pack("{s:I, s:s, s:o}", "person_id", (json_int_t)person_id, "name", p.name, "points", points);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int series_attendance_months(struct dj_db *db, const struct dj_actor *actor, const char *period,
                             int64_t person_id, json_t **out, struct dj_err *err)
{
    struct dj_period p;
    if (!period || !dj_period_parse(period, &p))
        return dj_err_field(err, "period", "期间应为 2026、2026Q3 或 2026-07");
    int y = atoi(p.first), m = atoi(p.first + 5), y2 = atoi(p.last), m2 = atoi(p.last + 5);
    if ((y2 - y) * 12 + m2 - m >= 120)
        return dj_err_field(err, "to", "期间最长十年");
    json_t *months = json_array();
    int rc = 0;
    for (; !rc && (y < y2 || (y == y2 && m <= m2)); m = m % 12 + 1, y += m == 1) {
        char month[16];
        snprintf(month, sizeof month, "%04d-%02d", y % 10000, m % 100);
        json_t *items = NULL;
        if ((rc = statistics_attendance(db, actor, month, person_id, &items, err)))
            break;
        json_int_t expected = 0, attended = 0;
        size_t i;
        json_t *row;
        json_array_foreach(items, i, row) {
            expected += json_integer_value(json_object_get(row, "expected"));
            attended += json_integer_value(json_object_get(row, "attended"));
        }
        json_decref(items);
        json_array_append_new(months, json_pack("{s:s, s:I, s:I, s:o}", "month", month, "expected", expected,
                                                "attended", attended, "rate",
                                                expected ? json_real((double)attended / (double)expected)
                                                         : json_null()));
    }
    if (rc) {
        json_decref(months);
        return rc;
    }
    *out = json_pack("{s:s, s:s, s:o}", "from", p.first, "to", p.last, "months", months);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}
