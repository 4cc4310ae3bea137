#include "core/demo_tasks.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "store/departments.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/tasks.h"
#include "store/users.h"
#include "util/date.h"
#include "util/text.h"

/* How a task goes: finished some days before its deadline, finished late,
 * or lagging (never reaching 100: overdue or at risk). */
enum profile { ON_TIME, LATE, LAGGING };

static void day_of(int64_t days, char out[DJ_DATE_LEN])
{
    dj_date_from_days(days, out);
}

/* Reports every 30 days from 20 days after the start up to today: the
 * percent grows linearly towards the day of completion, and 100 on that day
 * when it has come. */
static int add_reports(struct dj_db *db, struct dj_task *t, enum profile p, int64_t today,
                       int64_t approver, int *reports, struct dj_err *err)
{
    int64_t s = dj_date_days(t->start_on), d = dj_date_days(t->due_on);
    int64_t finish = p == ON_TIME ? d - 5 : p == LATE ? d + 15 : d + 400;
    if (finish <= s)
        finish = s + 1;
    int percent = 0;
    char done_on[DJ_DATE_LEN] = "", last[DJ_DATE_LEN] = "";
    for (int64_t r = s + 20; r <= today; r += 30) {
        bool final = r >= finish;
        if (final)
            r = finish;
        int64_t pct = (r - s) * 100 / (finish - s);
        if (p == LAGGING)
            pct = pct * 2 / 3;
        percent = final ? 100 : (int)(pct > 95 ? 95 : pct);
        struct dj_task_report rep;
        memset(&rep, 0, sizeof rep);
        rep.bureau_id = t->bureau_id;
        rep.task_id = t->id;
        rep.percent = percent;
        day_of(r, rep.reported_on);
        dj_copy(rep.note, sizeof rep.note, final ? "任务已完成，成果材料已归档" : "按计划推进，本月完成阶段性工作");
        rep.reported_by = approver;
        int rc = store_task_report_insert(db, &rep, err);
        if (rc)
            return rc;
        (*reports)++;
        dj_copy(last, sizeof last, rep.reported_on);
        if (final) {
            dj_copy(done_on, sizeof done_on, rep.reported_on);
            break;
        }
    }
    return last[0] ? store_task_set_progress(db, t->id, percent, done_on, last, err) : 0;
}

int demo_tasks(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *prefix,
               const char *today, FILE *out, struct dj_err *err)
{
    (void)cfg;
    char bureau[32], uname[96];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    snprintf(uname, sizeof uname, "%sdangwei", prefix);
    struct dj_user approver;
    struct dj_org *orgs = NULL, rootorg;
    struct dj_department *depts = NULL;
    int norgs = 0, ndepts = 0;
    struct dj_person_list people;
    memset(&people, 0, sizeof people);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    int rc;
    if ((rc = store_user_get_by_name(db, uname, &approver, err)) ||
        (rc = store_org_get(db, root, &rootorg, err)) ||
        (rc = store_org_list(db, bureau, &orgs, &norgs, err)) ||
        (rc = store_department_list(db, bureau, &depts, &ndepts, err)) ||
        (rc = store_people_list(db, &pf, &people, err)))
        goto out;
    int64_t now = dj_date_days(today);
    int64_t start = now - 365; /* a year back */
    int tasks = 0, reports = 0, rects = 0;
    if ((rc = db_begin_write(db, err)))
        goto out;
    /* the bureau's 年度任务清单: business work owned by departments, party work by 机关党委 */
    static const struct {
        const char *title, *line, *kind;
        int due, weight; /* due: days after the start */
        enum profile p;
    } bureau_tasks[] = {
        {"部门预算编制与批复", "business", "annual", 90, 3, ON_TIME},
        {"预算绩效管理全面实施", "business", "key", 330, 5, ON_TIME},
        {"国库集中支付电子化改革", "business", "key", 300, 4, LATE},
        {"政府采购意向公开全覆盖", "business", "annual", 200, 2, ON_TIME},
        {"地方政府债务风险化解", "business", "key", 420, 5, LAGGING},
        {"财政资金直达机制常态化", "business", "annual", 380, 3, ON_TIME},
        {"国有资产年报编报", "business", "annual", 120, 2, LATE},
        {"理论学习中心组学习计划落实", "party", "annual", 365, 3, ON_TIME},
        {"模范机关创建", "party", "key", 450, 4, ON_TIME},
        {"党风廉政建设责任制考核", "party", "annual", 350, 3, LAGGING},
    };
    for (size_t i = 0; i < sizeof bureau_tasks / sizeof bureau_tasks[0] && !rc; i++) {
        struct dj_task t;
        memset(&t, 0, sizeof t);
        t.bureau_id = root;
        t.org_id = root;
        dj_copy(t.org_path, sizeof t.org_path, rootorg.path);
        dj_copy(t.title, sizeof t.title, bureau_tasks[i].title);
        dj_copy(t.line, sizeof t.line, bureau_tasks[i].line);
        dj_copy(t.kind, sizeof t.kind, bureau_tasks[i].kind);
        day_of(start + (int64_t)i * 3, t.start_on);
        day_of(start + bureau_tasks[i].due, t.due_on);
        t.year = atoi(t.due_on);
        t.weight = bureau_tasks[i].weight;
        t.public = true;
        if (!strcmp(t.line, "business") && ndepts)
            t.owner_department_id = depts[(i * 3) % (size_t)ndepts].id;
        dj_copy(t.milestones, sizeof t.milestones, "[]");
        if ((rc = store_task_insert(db, &t, 0, err)))
            break;
        tasks++;
        rc = add_reports(db, &t, bureau_tasks[i].p, now, approver.id, &reports, err);
    }
    /* each branch's list: two party tasks, its 攻坚 task, one private item */
    int bi = 0;
    for (int o = 0; o < norgs && !rc; o++) {
        if (strcmp(orgs[o].type, "党支部") != 0)
            continue;
        bool lagging = strstr(orgs[o].name, "第五") != NULL; /* the branch that falls behind */
        int64_t owner = 0;
        for (int i = 0; i < people.count && !owner; i++)
            if (people.items[i].branch_id == orgs[o].id && people.items[i].id != approver.person_id &&
                !strcmp(people.items[i].political_status, "中共党员"))
                owner = people.items[i].id;
        static const struct {
            const char *title, *line, *kind;
            int due, weight;
            bool public;
        } branch_tasks[] = {
            {"支部标准化规范化建设", "party", "annual", 360, 3, true},
            {"“三会一课”质量提升", "party", "annual", 240, 2, true},
            {"攻坚：重点项目资金绩效评价", "business", "key", 300, 4, true},
            {"支部内部事项", "party", "annual", 400, 1, false},
        };
        for (size_t k = 0; k < sizeof branch_tasks / sizeof branch_tasks[0] && !rc; k++) {
            struct dj_task t;
            memset(&t, 0, sizeof t);
            t.bureau_id = root;
            t.org_id = orgs[o].id;
            dj_copy(t.title, sizeof t.title, branch_tasks[k].title);
            dj_copy(t.line, sizeof t.line, branch_tasks[k].line);
            dj_copy(t.kind, sizeof t.kind, branch_tasks[k].kind);
            day_of(start + 10 + bi, t.start_on);
            day_of(start + branch_tasks[k].due + bi * 3, t.due_on);
            t.year = atoi(t.due_on);
            t.weight = branch_tasks[k].weight;
            t.public = branch_tasks[k].public;
            t.owner_person_id = owner;
            char ms[256];
            int64_t half = (dj_date_days(t.start_on) + dj_date_days(t.due_on)) / 2;
            char mid[DJ_DATE_LEN];
            day_of(half, mid);
            snprintf(ms, sizeof ms, "[{\"title\":\"完成过半\",\"due_on\":\"%s\",\"percent\":50}]", mid);
            dj_copy(t.milestones, sizeof t.milestones, ms);
            if ((rc = store_task_insert(db, &t, 0, err)))
                break;
            tasks++;
            enum profile p = lagging ? (k == 2 ? LAGGING : LATE) : (k == 1 && bi % 3 == 2 ? LATE : ON_TIME);
            rc = add_reports(db, &t, p, now, approver.id, &reports, err);
        }
        bi++;
    }
    /* the 整改台账: items from 巡察, audits, 民主生活会, 内测 and 外评 */
    static const struct {
        const char *source, *problem, *measures;
        int found, due, closed; /* days after the start; closed 0 = open */
        int reopened;
    } items[] = {
        {"xuncha", "部分支部“三会一课”记录不完整", "逐月补齐会议记录，支部书记签字确认", 30, 90, 80, 0},
        {"audit", "专项资金拨付不及时", "建立资金拨付台账，按月通报", 60, 150, 170, 0},
        {"criticism", "理论学习与业务结合不紧", "每季度开展一次业务专题研讨", 100, 200, 190, 1},
        {"internal", "党员发展档案材料缺项", "对照清单补齐档案材料", 150, 240, 230, 0},
        {"external", "政务服务窗口群众满意度偏低", "优化办事流程，推行一次性告知", 200, 330, 0, 0},
        {"inspection", "固定资产账实不符", "全面清查盘点，调整账务", 250, 340, 0, 0},
        {"objection", "考评结果公示后异议反映的计分问题", "复核计分规则并公开说明", 320, 400, 0, 0},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0] && !rc; i++) {
        struct dj_rectification r;
        memset(&r, 0, sizeof r);
        r.bureau_id = root;
        r.org_id = root;
        dj_copy(r.source, sizeof r.source, items[i].source);
        dj_copy(r.problem, sizeof r.problem, items[i].problem);
        dj_copy(r.measures, sizeof r.measures, items[i].measures);
        for (int k = (int)i * 7; k < people.count && !r.owner_person_id; k++)
            if (people.items[k].id != approver.person_id && people.items[k].branch_id)
                r.owner_person_id = people.items[k].id;
        if (!r.owner_person_id)
            continue;
        day_of(start + items[i].found, r.found_on);
        day_of(start + items[i].due, r.due_on);
        if (items[i].closed && start + items[i].closed <= now) {
            day_of(start + items[i].closed, r.closed_on);
            r.closed_by = approver.id;
            dj_copy(r.close_note, sizeof r.close_note, items[i].reopened ? "复核通过，予以销号" : "整改到位，同意销号");
            r.reopened = items[i].reopened;
        }
        if (strcmp(r.found_on, today) > 0)
            continue;
        if ((rc = store_rect_insert(db, &r, err)))
            break;
        rects++;
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:i, s:i}", "tasks", tasks, "task_reports", reports,
                                  "rectifications", rects);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err)))
        db_rollback(db);
    else
        fprintf(out, "任务清单：%d 项任务，%d 次进度报告；整改台账：%d 项\n", tasks, reports, rects);
out:
    free(orgs);
    free(depts);
    store_person_list_free(&people);
    return rc;
}
