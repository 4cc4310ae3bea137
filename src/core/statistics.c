#include "core/statistics.h"

#include <stdlib.h>
#include <string.h>

#include "core/people.h"
#include "store/learning.h"
#include "store/people.h"
#include "util/date.h"

/* The subtree the actor may count, or (without people.read) only their own
 * person: *person_id is then forced to it. */
static int stats_scope(const struct dj_actor *actor, int64_t *person_id, const char **scope,
                       struct dj_err *err)
{
    *scope = actor_is_system(actor) ? "/" : authz_scope(actor, PERM_PEOPLE_READ);
    if (*scope)
        return 0;
    if (!actor->person_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您的账号没有关联人员，无法查看统计");
    if (*person_id && *person_id != actor->person_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您只能查看自己的统计");
    *person_id = actor->person_id;
    *scope = "/";
    return 0;
}

int statistics_learning(struct dj_db *db, const struct dj_actor *actor, const char *period,
                        int64_t person_id, json_t **items, struct dj_err *err)
{
    struct dj_period p;
    if (!period || !dj_period_parse(period, &p))
        return dj_err_field(err, "period", "期间应为 2026、2026Q3 或 2026-07");
    const char *scope;
    int rc = stats_scope(actor, &person_id, &scope, err);
    if (rc)
        return rc;
    int64_t bureau = path_root_id(scope);
    if (!bureau) {
        /* one's own figures, or the command line: the person's bureau */
        struct dj_person me;
        if (!person_id)
            return dj_err_field(err, "person_id", "请指明人员");
        if ((rc = store_person_get(db, person_id, &me, err)))
            return rc;
        bureau = me.bureau_id;
    }
    struct dj_learning_stat *s = NULL;
    int n = 0;
    if ((rc = store_learning_stats(db, bureau, authz_path_is_root(scope) || !strcmp(scope, "/") ? NULL : scope,
                                   p.first, p.last, person_id, &s, &n, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *mean = s[i].quizzes
                           ? json_real((double)((s[i].score_sum * 10 / s[i].quizzes + 5) / 10) / 100.0)
                           : json_null();
        json_array_append_new(
            *items, json_pack("{s:I, s:s, s:s, s:o, s:s, s:i, s:i, s:i, s:f, s:o, s:f}", "person_id",
                              (json_int_t)s[i].person_id, "name", s[i].name, "staff_no",
                              s[i].staff_no, "branch_id",
                              s[i].branch_id ? json_integer(s[i].branch_id) : json_null(), "branch",
                              s[i].branch_name, "lectures_given", s[i].lectures_given,
                              "lectures_attended", s[i].lectures_attended, "tests", s[i].quizzes,
                              "score_sum", (double)s[i].score_sum / 100.0, "score_mean", mean,
                              "study_hours", (double)s[i].study_hours / 100.0));
    }
    free(s);
    return 0;
}

int statistics_attendance(struct dj_db *db, const struct dj_actor *actor, const char *period,
                          int64_t person_id, json_t **items, struct dj_err *err)
{
    struct dj_period p;
    if (!period || !dj_period_parse(period, &p))
        return dj_err_field(err, "period", "期间应为 2026、2026Q3 或 2026-07");
    const char *scope;
    int rc = stats_scope(actor, &person_id, &scope, err);
    if (rc)
        return rc;
    struct dj_attendance_stat *s;
    int n;
    rc = store_attendance_stats(db, scope, p.first, p.last, person_id, &s, &n, err);
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
