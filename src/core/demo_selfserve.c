#include "core/demo_selfserve.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/learning.h"
#include "store/people.h"
#include "store/study_reports.h"
#include "util/date.h"
#include "util/text.h"

static const char *const modes[] = {"个人自学", "线上学习", "个人自学", "研讨交流"};
static const char *const contents[] = {
    "学习《习近平新时代中国特色社会主义思想学习纲要》第三章", "“学习强国”专题：党的二十届四中全会精神解读",
    "自学《中国共产党纪律处分条例》", "学习《党章》总纲并撰写心得", "观看“手机微党课”：财政为民理财故事",
    "学习《预算法》修订要点与党风廉政建设"};

/* a report of person p on day: approved (with its study record), returned, or pending */
static int add(struct dj_db *db, int64_t root, const struct dj_person *p, const char *day, int k,
               const char *state, int *counts, struct dj_err *err)
{
    struct dj_study_report r;
    memset(&r, 0, sizeof r);
    r.bureau_id = root;
    r.person_id = p->id;
    dj_copy(r.studied_on, sizeof r.studied_on, day);
    r.hours = 100 + 50 * (k % 5); /* 1 to 3 hours */
    dj_copy(r.mode, sizeof r.mode, modes[k % 4]);
    dj_copy(r.content, sizeof r.content, contents[k % 6]);
    snprintf(r.created_at, sizeof r.created_at, "%sT12:00:00.000Z", day);
    int rc = store_study_report_insert(db, &r, err);
    if (rc || !strcmp(state, "pending")) {
        counts[0] += !rc;
        return rc;
    }
    char decided[DJ_DATE_LEN];
    dj_date_add_days(day, 2, decided);
    snprintf(r.decided_at, sizeof r.decided_at, "%sT02:00:00.000Z", decided);
    dj_copy(r.status, sizeof r.status, state);
    if (!strcmp(state, "rejected"))
        dj_copy(r.reason, sizeof r.reason, "学习内容不具体，请写明学习篇目后重新申报");
    if ((rc = store_study_report_decide(db, &r, err)))
        return rc;
    if (!strcmp(state, "rejected")) {
        counts[2]++;
        return 0;
    }
    struct dj_study_record rec; /* what the approval makes */
    memset(&rec, 0, sizeof rec);
    rec.bureau_id = root;
    rec.person_id = p->id;
    dj_copy(rec.studied_on, sizeof rec.studied_on, r.studied_on);
    rec.hours = r.hours;
    dj_copy(rec.mode, sizeof rec.mode, r.mode);
    dj_copy(rec.content, sizeof rec.content, r.content);
    counts[1]++;
    return store_study_insert(db, &rec, 0, err);
}

int demo_selfserve(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    struct dj_person_list list;
    memset(&list, 0, sizeof list);
    int rc = store_people_list(db, &pf, &list, err);
    if (rc)
        return rc;
    int counts[3] = {0, 0, 0}; /* pending, approved, rejected */
    int y = atoi(today), m = atoi(today + 5), d = atoi(today + 8);
    if ((rc = db_begin_write(db, err)))
        goto out;
    /* every third party member reports now and then, over the last twelve months */
    int k = 0;
    for (int i = 0; i < list.count && !rc; i++) {
        const struct dj_person *p = &list.items[i];
        if (i % 3 || (strcmp(p->political_status, "中共党员") && strcmp(p->political_status, "中共预备党员")))
            continue;
        for (int back = 11; back >= 0 && !rc; back--) {
            if ((i / 3 + back) % 3) /* one month in three, staggered by person */
                continue;
            int mm = m - back, yy = y;
            while (mm <= 0)
                mm += 12, yy--;
            int dd = 3 + (i + back) % 20;
            if (back == 0 && dd > d)
                dd = d; /* not after today */
            char day[DJ_DATE_LEN], tmp[32];
            snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", yy % 10000, mm % 100, dd % 100);
            dj_copy(day, sizeof day, tmp);
            k++;
            rc = add(db, root, p, day, k, back == 0 ? "pending" : k % 9 == 0 ? "rejected" : "approved",
                     counts, err);
        }
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:i, s:i}", "study_reports_pending", counts[0],
                                  "study_reports_approved", counts[1], "study_reports_rejected", counts[2]);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err))) {
        db_rollback(db);
        goto out;
    }
    fprintf(out, "学时申报：%d 条已通过（计入学时），%d 条退回，%d 条待审批\n", counts[1], counts[2], counts[0]);
out:
    store_person_list_free(&list);
    return rc;
}
