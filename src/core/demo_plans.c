#include "core/demo_plans.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/meeting_life.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "util/date.h"
#include "util/text.h"

static const struct dj_meeting_kind *kind_of(const struct dj_meeting_kind *k, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(k[i].code, code))
            return &k[i];
    return NULL;
}

/* One plan of org, `days` from today, with its expected attendees; *id set. */
static int plan(struct dj_db *db, int64_t org, const struct dj_meeting_kind *k, const char *today,
                int days, const char *starts, const char *topic, const char *agenda, int64_t *id,
                struct dj_err *err)
{
    struct dj_meeting m;
    memset(&m, 0, sizeof m);
    m.org_id = org;
    m.kind_id = k->id;
    dj_date_add_days(today, days, m.held_on);
    dj_copy(m.status, sizeof m.status, "planned");
    dj_copy(m.starts_at, sizeof m.starts_at, starts);
    dj_copy(m.place, sizeof m.place, "机关三楼会议室");
    dj_copy(m.topic, sizeof m.topic, topic);
    m.agenda = (char *)agenda; /* bound, not freed */
    int64_t *ids = NULL;
    int n = 0;
    int rc = store_expected_people(db, org, k->attendees, m.held_on, k->include_probationary, &ids,
                                   &n, err);
    if (!rc)
        rc = store_meeting_insert(db, &m, err);
    for (int i = 0; i < n && !rc; i++) {
        struct dj_attendance a = {.person_id = ids[i], .expected = true};
        rc = store_attendance_set(db, m.id, &a, err);
    }
    free(ids);
    *id = m.id;
    return rc;
}

int demo_plans(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    struct dj_meeting_kind *k = NULL;
    struct dj_org *orgs = NULL;
    int nk = 0, norgs = 0;
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    int rc;
    if ((rc = store_meeting_kinds(db, root, &k, &nk, err)) ||
        (rc = store_org_list(db, bureau, &orgs, &norgs, err)))
        goto out;
    const struct dj_meeting_kind *committee = kind_of(k, nk, "committee"),
                                 *theme_day = kind_of(k, nk, "theme_day"),
                                 *assembly = kind_of(k, nk, "branch_assembly"),
                                 *lecture = kind_of(k, nk, "lecture");
    if (!committee || !theme_day || !assembly || !lecture)
        goto out;
    if ((rc = db_begin_write(db, err)))
        goto out;
    int planned = 0, branches = 0;
    int64_t id = 0, first_assembly = 0;
    for (int i = 0; i < norgs && !rc && branches < 3; i++) {
        if (strcmp(orgs[i].type, "党支部") != 0 || strcmp(orgs[i].status, "active") != 0)
            continue;
        int64_t o = orgs[i].id;
        rc = plan(db, o, committee, today, 3 + branches, "15:00", "研究下月党员发展和主题党日安排",
                  "一、通报本月工作\n二、研究党员发展\n三、安排主题党日", &id, err);
        if (!rc)
            rc = plan(db, o, theme_day, today, 10 + branches, "14:30", "主题党日：重温入党誓词",
                      "一、重温入党誓词\n二、学习《中国共产党支部工作条例（试行）》\n三、志愿服务", &id, err);
        if (!rc && branches == 0) {
            rc = plan(db, o, assembly, today, 18, "09:00", "支部党员大会：讨论发展对象",
                      "一、讨论接收预备党员\n二、民主评议准备", &first_assembly, err);
            planned++;
        }
        if (!rc && branches == 1) {
            /* called off: kept with its reason */
            rc = plan(db, o, assembly, today, 6, "09:00", "季度支部党员大会", "一、季度工作小结", &id, err);
            if (!rc)
                rc = store_meeting_set_status(db, id, "cancelled", "与局党组会议时间冲突，改期召开", err);
        }
        planned += 2;
        branches++;
    }
    if (!rc)
        rc = plan(db, root, lecture, today, 14, "15:00", "财政月讲堂：预算绩效管理实务",
                  "一、主讲\n二、交流", &id, err);
    /* one member of the first branch has asked for leave from its assembly */
    struct dj_attendance *rows = NULL;
    int nrows = 0;
    if (!rc && first_assembly && !(rc = store_attendance_list(db, first_assembly, &rows, &nrows, err)) &&
        nrows > 1) {
        struct dj_attendance a = rows[nrows - 1];
        dj_copy(a.status, sizeof a.status, "请假");
        dj_copy(a.reason, sizeof a.reason, "到省厅参加培训");
        rc = store_attendance_set(db, first_assembly, &a, err);
    }
    free(rows);
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:s}", "planned", planned + 1, "from", today);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err)))
        db_rollback(db);
    else
        fprintf(out, "近期计划召开的会议 %d 次（含财政月讲堂 1 次）\n", planned + 1);
out:
    free(k);
    free(orgs);
    return rc;
}
