#include "core/demo_ideas.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/ideas.h"
#include "store/people.h"
#include "store/tasks.h"
#include "util/date.h"
#include "util/text.h"

#define SUGGESTIONS 72
#define ADOPTED 17

static uint32_t seed = 20261207u;
static uint32_t rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return ((seed >> 16) & 0x7fff) % n;
}

static bool is_member(const struct dj_person *p)
{
    return (!strcmp(p->political_status, "中共党员") || !strcmp(p->political_status, "中共预备党员")) &&
           !strcmp(p->status, "在职");
}

static const char *const topic_titles[] = {"如何加快预算执行进度", "优化营商环境，财政能做什么",
                                           "提升政府采购效率的办法", "推进党建与业务深度融合"};
static const char *const ideas[] = {
    "建立支出进度周调度机制",   "推行非税收入电子缴款",   "编制惠企政策“一本通”",   "政府采购意向提前公开",
    "推行报销业务“最多跑一次”", "建立项目库动态管理",     "开展预算绩效自评抽查",   "组建党员先锋服务队驻企",
    "财政资金直达“一张表”",     "优化国库集中支付流程",   "推广电子票据全覆盖",     "建立科室业务互学机制",
    "设立“财政开放日”",         "政策宣讲进社区进企业",   "完善内控风险台账",       "党建品牌与业务品牌同创",
    "集中办理小额采购事项",     "建立重点项目专班跟踪"};
static const char *const reasons_adopted[] = {"切实可行，采纳为工作思路", "符合年度重点工作，予以采纳",
                                              "群众反映集中，采纳并列入计划"};
static const char *const reasons_declined[] = {"超出本局职责范围", "现有制度已有规定，暂不采纳",
                                               "条件尚不成熟，留作参考"};
static const char *const mottos[] = {
    "为国理财，为民服务",   "干净干事，清白做人", "一心为公，一尘不染", "聚财有道，用财有方",
    "精打细算，勤俭办事",   "守住底线，不越红线", "笃行实干，久久为功", "对党忠诚，为民理财",
    "不忘初心，牢记使命",   "廉洁自律，秉公用权", "细节见精神，小事见党性", "把每一分钱花在刀刃上"};

/* YYYY-MM-DD, d days after the first day of month m (1.., may exceed 12) of year y */
static void day_of(char out[DJ_DATE_LEN], int y, int m, int d)
{
    char first[48];
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    snprintf(first, sizeof first, "%04d-%02d-01", y % 10000, m % 100);
    dj_date_add_days(first, d, out);
}

int demo_ideas(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    struct dj_person_list list;
    memset(&list, 0, sizeof list);
    int rc = store_people_list(db, &pf, &list, err);
    if (rc)
        return rc;
    int nm = 0;
    const struct dj_person **m = calloc((size_t)list.count + 1, sizeof *m);
    if (!m) {
        store_person_list_free(&list);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    for (int i = 0; i < list.count; i++)
        if (is_member(&list.items[i]))
            m[nm++] = &list.items[i];
    /* the twelve whole months before this one, as demo_records */
    int y = atoi(today), mo = atoi(today + 5) - 12;
    if (mo <= 0) {
        mo += 12;
        y--;
    }
    int64_t topics[4] = {0}, adopted_ids[ADOPTED] = {0};
    char deadlines[4][DJ_DATE_LEN], opened[4][DJ_DATE_LEN];
    int made = 0, adopted = 0, merged = 0, declined = 0, tasks = 0, approved = 0, nmottos = 0;
    if (!nm || (rc = db_begin_write(db, err)))
        goto out;
    /* a topic a quarter, open for six weeks, set by a leader (the first members) */
    for (int q = 0; q < 4 && !rc; q++) {
        struct dj_topic t;
        memset(&t, 0, sizeof t);
        t.bureau_id = root;
        t.leader_id = m[q % nm]->id;
        dj_copy(t.title, sizeof t.title, topic_titles[q]);
        dj_copy(t.description, sizeof t.description, "请各科室、各党支部和全体党员围绕题目献计献策");
        day_of(t.opened_on, y, mo + q * 3, 4);
        dj_date_add_days(t.opened_on, 42, t.deadline);
        dj_copy(opened[q], DJ_DATE_LEN, t.opened_on);
        dj_copy(deadlines[q], DJ_DATE_LEN, t.deadline);
        rc = store_topic_insert(db, &t, 0, err);
        topics[q] = t.id;
    }
    /* 72 suggestions, six a month; against the quarter's topic while it is open */
    for (int k = 0; k < SUGGESTIONS && !rc; k++) {
        struct dj_suggestion s;
        memset(&s, 0, sizeof s);
        s.bureau_id = root;
        const struct dj_person *p = m[(k * 7 + (int)rnd(5)) % nm];
        s.person_id = p->id;
        s.department_id = k % 3 ? p->department_id : 0; /* most made for their department */
        day_of(s.submitted_on, y, mo + k / 6, 2 + (k % 6) * 4 + (int)rnd(3));
        int q = k / 18;
        if (k % 2 == 0 && strcmp(s.submitted_on, opened[q]) >= 0 && strcmp(s.submitted_on, deadlines[q]) <= 0)
            s.topic_id = topics[q];
        dj_copy(s.title, sizeof s.title, ideas[k % 18]);
        snprintf(s.content, sizeof s.content, "建议%s，明确责任科室和完成时限，按月通报进展。", ideas[k % 18]);
        if ((rc = store_suggestion_insert(db, &s, 0, err)))
            break;
        made++;
        /* decided three weeks later; those of the last month still pending */
        if (k >= SUGGESTIONS - 6)
            continue;
        dj_date_add_days(s.submitted_on, 21, s.decided_on);
        if (strcmp(s.decided_on, today) > 0)
            continue;
        if (k % 4 == 0 && adopted < ADOPTED) {
            dj_copy(s.decision, sizeof s.decision, "adopted");
            dj_copy(s.reason, sizeof s.reason, reasons_adopted[k % 3]);
        } else if (k % 4 == 1 && adopted > 0 && merged < 10) {
            dj_copy(s.decision, sizeof s.decision, "merged");
            dj_copy(s.reason, sizeof s.reason, "与已采纳的建议内容相近，合并办理");
            s.merged_into = adopted_ids[adopted - 1];
        } else {
            dj_copy(s.decision, sizeof s.decision, "declined");
            dj_copy(s.reason, sizeof s.reason, reasons_declined[k % 3]);
        }
        if ((rc = store_suggestion_decide(db, &s, 0, err)))
            break;
        if (!strcmp(s.decision, "merged")) {
            merged++;
            continue;
        }
        if (strcmp(s.decision, "adopted")) {
            declined++;
            continue;
        }
        adopted_ids[adopted++] = s.id;
        if (adopted % 3 != 1) /* every third adopted idea followed by a task */
            continue;
        struct dj_task *t = calloc(1, sizeof *t);
        if (!t) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        }
        t->bureau_id = root;
        t->org_id = root;
        dj_copy(t->title, sizeof t->title, s.title);
        snprintf(t->description, sizeof t->description, "落实建议：%s", s.content);
        dj_copy(t->line, sizeof t->line, "business");
        dj_copy(t->kind, sizeof t->kind, "annual");
        dj_copy(t->start_on, sizeof t->start_on, s.decided_on);
        dj_date_add_days(s.decided_on, 120, t->due_on);
        t->year = atoi(t->due_on);
        t->weight = 1;
        t->public = true;
        t->owner_department_id = s.department_id;
        dj_copy(t->milestones, sizeof t->milestones, "[]");
        if (!(rc = store_task_insert(db, t, 0, err)))
            rc = store_suggestion_set_task(db, s.id, t->id, err);
        free(t);
        tasks++;
    }
    /* about one motto a member, submitted through the year, most approved within a week */
    for (int i = 0; i < nm && !rc; i++) {
        struct dj_motto mt;
        memset(&mt, 0, sizeof mt);
        mt.bureau_id = root;
        mt.person_id = m[i]->id;
        snprintf(mt.text, sizeof mt.text, "%s", mottos[(i + (int)rnd(3)) % 12]);
        if (i >= 12) /* the first twelve are the plain sayings; the rest name who keeps them */
            snprintf(mt.text, sizeof mt.text, "%s——%s", mottos[i % 12], i % 2 ? "与同志们共勉" : "以此自勉");
        day_of(mt.submitted_on, y, mo + (i * 12) / nm, (int)rnd(25));
        if ((rc = store_motto_insert(db, &mt, 0, err)))
            break;
        nmottos++;
        dj_date_add_days(mt.submitted_on, 2 + (int)rnd(5), mt.reviewed_on);
        if (i % 10 == 9 || strcmp(mt.reviewed_on, today) >= 0)
            continue; /* pending */
        bool ok = i % 10 != 4;
        dj_copy(mt.status, sizeof mt.status, ok ? "approved" : "rejected");
        dj_copy(mt.review_note, sizeof mt.review_note, ok ? "" : "与已有格言重复");
        if ((rc = store_motto_review(db, &mt, 0, err)))
            break;
        approved += ok;
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "suggestions", made, "adopted", adopted, "merged",
                                  merged, "declined", declined, "tasks", tasks, "mottos", nmottos);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err))) {
        db_rollback(db);
        goto out;
    }
    fprintf(out, "献计献策：4 个领导出题，%d 条建议（%d 条采纳为工作思路，%d 项转为落实任务），%d 条格言（%d 条审核通过）\n",
            made, adopted, tasks, nmottos, approved);
out:
    free(m);
    store_person_list_free(&list);
    return rc;
}
