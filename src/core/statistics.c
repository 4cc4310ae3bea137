#include "core/statistics.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"

int statistics_attendance(struct dj_db *db, const struct dj_actor *actor, const char *period,
                          int64_t person_id, json_t **items, struct dj_err *err)
{
    struct dj_period p;
    if (!period || !dj_period_parse(period, &p))
        return dj_err_field(err, "period", "期间应为 2026、2026Q3 或 2026-07");
    const char *scope = actor_is_system(actor) ? "/" : authz_scope(actor, PERM_PEOPLE_READ);
    if (!scope) {
        /* without people.read: one's own figures only */
        if (!actor->person_id)
            return dj_err_set(err, DJ_EFORBIDDEN, "您的账号没有关联人员，无法查看统计");
        if (person_id && person_id != actor->person_id)
            return dj_err_set(err, DJ_EFORBIDDEN, "您只能查看自己的统计");
        person_id = actor->person_id;
        scope = "/";
    }
    struct dj_attendance_stat *s;
    int n;
    int rc = store_attendance_stats(db, scope, p.first, p.last, person_id, &s, &n, err);
    if (rc)
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++) {
        int attended = s[i].present + s[i].late;
        json_array_append_new(
            *items,
            json_pack("{s:I, s:s, s:s, s:I, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:f}", "person_id",
                      (json_int_t)s[i].person_id, "name", s[i].name, "staff_no", s[i].staff_no,
                      "branch_id", (json_int_t)s[i].branch_id, "branch", s[i].branch_name,
                      "expected", s[i].expected, "attended", attended, "present", s[i].present,
                      "late", s[i].late, "leave", s[i].leave, "absent", s[i].absent, "rate",
                      s[i].expected ? (double)attended / s[i].expected : 0.0));
    }
    free(s);
    return 0;
}
