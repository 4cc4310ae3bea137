/* demo_talks: a year of 谈心谈话 for the demo bureau, shaped like the seeds'
 * counts (leaders among themselves once a month, many talks with young
 * cadres, more with members), some with sealed content, and the bureau's
 * 廉政风险点 with the 资金支出 and 政府采购 fund processes.  Deterministic; one
 * transaction and one audit record. */
#include "core/demo_talks.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/talk_rules.h"
#include "store/departments.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/risks.h"
#include "store/talks.h"
#include "util/date.h"
#include "util/text.h"

static uint32_t seed = 20261207u;
static uint32_t rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return ((seed >> 16) & 0x7fff) % n;
}

static const char *const contents[] = {
    "交流近期思想和工作情况，本人表示将加强理论学习，严守财经纪律。",
    "了解家庭和生活困难，组织将协调帮助解决；鼓励其安心工作。",
    "就工作中暴露的苗头性问题进行提醒，本人表示接受并立即整改。",
    "围绕岗位风险点和廉洁自律要求谈话，签订廉洁承诺。",
};

struct demo_talk_ctx {
    struct dj_db *db;
    struct dj_secret sub;
    int64_t root;
    int count, people;
};

static int add_talk(struct demo_talk_ctx *c, int64_t org, const char *day, const char *kind,
                    const char *occasion, int64_t talker, int64_t talkee, int content,
                    struct dj_err *err)
{
    struct dj_talk t;
    memset(&t, 0, sizeof t);
    t.bureau_id = c->root;
    t.org_id = org;
    dj_copy(t.held_on, sizeof t.held_on, day);
    dj_copy(t.kind, sizeof t.kind, kind);
    dj_copy(t.occasion, sizeof t.occasion, occasion);
    dj_copy(t.place, sizeof t.place, "党员活动室");
    char *sealed = NULL;
    int rc = content >= 0 ? secret_seal(&c->sub, contents[content], &sealed, err) : 0;
    struct dj_talk_person pp[2];
    memset(pp, 0, sizeof pp);
    pp[0].person_id = talker;
    dj_copy(pp[0].side, sizeof pp[0].side, "talker");
    pp[1].person_id = talkee;
    dj_copy(pp[1].side, sizeof pp[1].side, "talkee");
    if (!rc && !(rc = store_talk_insert(c->db, &t, sealed, err)))
        rc = store_talk_people_set(c->db, t.id, pp, 2, err);
    free(sealed);
    c->count++;
    c->people++;
    return rc;
}

static int talks_year(struct demo_talk_ctx *c, const struct dj_person *p, int np,
                      const int64_t *leaders, int nl, const char *today, struct dj_err *err)
{
    if (nl < 2)
        return 0;
    int rc = 0;
    for (int back = 12; back >= 1 && !rc; back--) {
        char first[DJ_DATE_LEN];
        talk_add_months(today, -back, first);
        /* leaders among themselves, once a month */
        char day[DJ_DATE_LEN];
        dj_date_add_days(first, 3, day);
        rc = add_talk(c, c->root, day, "谈心", "班子成员谈心谈话", leaders[back % nl],
                      leaders[(back + 1) % nl], back % 3 == 0 ? 0 : -1, err);
        /* five with young cadres, seven with members, on days through the month */
        int young = 0, members = 0;
        for (int tries = 0; tries < 4 * np && (young < 5 || members < 7) && !rc; tries++) {
            const struct dj_person *x = &p[rnd((uint32_t)np)];
            bool leader = false;
            for (int k = 0; k < nl; k++)
                leader |= leaders[k] == x->id;
            if (leader || strcmp(x->status, "在职"))
                continue;
            dj_date_add_days(first, 5 + (int)rnd(22), day);
            if (strcmp(day, today) > 0)
                continue;
            bool is_young = talk_under_age(x->birth_date, day, TALK_YOUNG_AGE);
            if (is_young ? young >= 5 : members >= 7)
                continue;
            const char *kind = "谈心", *occasion = is_young ? "年轻干部成长谈心" : "日常谈心谈话";
            uint32_t r = rnd(20);
            if (r == 0) {
                kind = "诫勉谈话";
                occasion = "工作纪律问题";
            } else if (r < 4) {
                kind = "谈话提醒";
                occasion = "苗头性问题提醒";
            } else if (r == 4 && is_young) {
                kind = "任前谈话";
                occasion = "拟任股室负责人";
            }
            int64_t talker = leaders[rnd((uint32_t)nl)];
            rc = add_talk(c, x->branch_id ? x->branch_id : c->root, day, kind, occasion, talker,
                          x->id, (int)rnd(6) - 2, err);
            if (is_young)
                young++;
            else
                members++;
        }
    }
    return rc;
}

/* 受到批评或违纪违规 (五必谈): most people named in a confirmed finding of the
 * year are talked with (谈话提醒) within three weeks; a few are still due. */
static int finding_talks(struct demo_talk_ctx *c, const int64_t *leaders, int nl, const char *today,
                         struct dj_err *err)
{
    if (!nl)
        return 0;
    char from[DJ_DATE_LEN];
    dj_date_add_days(today, -365, from);
    struct dj_talk_trigger *t = NULL;
    int n = 0;
    int rc = store_talk_finding_triggers(c->db, c->root, from, today, &t, &n, err);
    for (int i = 0; i < n && !rc; i++) {
        if (rnd(7) == 0)
            continue;
        char day[DJ_DATE_LEN];
        dj_date_add_days(t[i].on, 3 + (int)rnd(18), day);
        if (strcmp(day, today) > 0)
            continue;
        rc = add_talk(c, c->root, day, "谈话提醒", "作风检查问题认定后谈话", leaders[rnd((uint32_t)nl)],
                      t[i].person_id, (int)rnd(6) - 2, err);
    }
    free(t);
    return rc;
}

struct demo_risk {
    const char *dept, *post, *risk, *level, *measures;
};
static const struct demo_risk risks[] = {
    {"国库股", "国库支付岗", "未按规定审核支付凭证，超预算或无预算支付", "高", "支付凭证双人复核；系统刚性控制预算指标"},
    {"政府采购股", "采购审核岗", "化整为零或指定品牌规避政府采购", "高", "采购计划集中审核；采购文件公开；廉政谈话"},
    {"预算股", "预算编审岗", "预算分配不公开不透明，人情安排资金", "中", "集体研究分配；分配结果公开"},
    {"会计股", "会计核算岗", "虚列支出、套取资金", "中", "凭证逐笔审核；定期对账"},
    {"资产管理股", "资产处置岗", "低价处置国有资产", "中", "资产评估；公开处置；集体决策"},
    {"投资评审中心", "评审岗", "评审中接受请托，审减不实", "高", "双人评审；复核抽查；回避制度"},
    {"非税收入股", "票据管理岗", "票据领用核销不规范", "低", "票据台账；定期核销检查"},
    {"办公室", "公务接待岗", "超标准接待", "低", "接待清单；公函制度；月度公示"},
};

static int risks_and_funds(struct dj_db *db, int64_t root, const char *today,
                           const struct dj_person *p, int np, int *nr, struct dj_err *err)
{
    int64_t ids[sizeof risks / sizeof risks[0]] = {0}, dept_of[sizeof risks / sizeof risks[0]] = {0};
    int rc = 0;
    *nr = 0;
    for (size_t i = 0; i < sizeof risks / sizeof risks[0] && !rc; i++) {
        struct dj_department d;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        struct dj_risk_point r;
        memset(&r, 0, sizeof r);
        r.bureau_id = root;
        if (store_department_find(db, root, risks[i].dept, &d, &lookup) == 0)
            r.department_id = dept_of[i] = d.id;
        for (int k = 0; k < np && r.department_id; k++)
            if (p[k].department_id == r.department_id && !strcmp(p[k].status, "在职")) {
                r.owner_id = p[k].id;
                break;
            }
        dj_copy(r.post, sizeof r.post, risks[i].post);
        dj_copy(r.risk, sizeof r.risk, risks[i].risk);
        dj_copy(r.level, sizeof r.level, risks[i].level);
        dj_copy(r.measures, sizeof r.measures, risks[i].measures);
        dj_date_add_days(today, -30 - 20 * (int)i, r.reviewed_on);
        rc = store_risk_insert(db, &r, err);
        ids[i] = r.id;
        (*nr)++;
    }
    /* 资金支出: 申请 → 审核 → 审批 → 支付 → 记账; 政府采购 likewise */
    static const struct {
        const char *process, *step, *dept;
        int risk; /* index into risks, -1 none */
    } steps[] = {
        {"资金支出", "申请", "综合股", -1},       {"资金支出", "审核", "预算股", 2},
        {"资金支出", "审批", "办公室", -1},       {"资金支出", "支付", "国库股", 0},
        {"资金支出", "记账", "会计股", 3},        {"政府采购", "需求", "综合股", -1},
        {"政府采购", "审核", "政府采购股", 1},    {"政府采购", "采购", "政府采购股", 1},
        {"政府采购", "验收", "资产管理股", 4},    {"政府采购", "支付", "国库股", 0},
    };
    struct dj_fund_process fp;
    memset(&fp, 0, sizeof fp);
    int seq = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !rc; i++) {
        if (!fp.id || strcmp(fp.name, steps[i].process)) {
            memset(&fp, 0, sizeof fp);
            fp.bureau_id = root;
            dj_copy(fp.name, sizeof fp.name, steps[i].process);
            dj_copy(fp.description, sizeof fp.description,
                    !strcmp(steps[i].process, "资金支出") ? "资金支出廉政风险运行图" : "政府采购廉政风险运行图");
            if ((rc = store_fund_insert(db, &fp, err)))
                break;
            seq = 0;
        }
        struct dj_fund_step s;
        memset(&s, 0, sizeof s);
        s.process_id = fp.id;
        s.seq = ++seq;
        dj_copy(s.name, sizeof s.name, steps[i].step);
        struct dj_department d;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (store_department_find(db, root, steps[i].dept, &d, &lookup) == 0)
            s.department_id = d.id;
        if (!(rc = store_fund_step_insert(db, &s, err)) && steps[i].risk >= 0 && ids[steps[i].risk])
            rc = store_fund_step_risk_insert(db, s.id, ids[steps[i].risk], err);
    }
    /* 以案促改: two warning-education cases */
    static const struct {
        const char *title, *summary, *lessons, *rectifications;
    } cases[] = {
        {"某县财政局干部违规发放补贴案", "利用审核便利违规发放津贴补贴，受到党内警告处分。",
         "审核把关不严，制度执行流于形式。", "修订津贴补贴审核办法；开展专项检查；全员警示教育。"},
        {"某单位政府采购化整为零案", "将同一采购项目拆分规避公开招标，相关责任人被诫勉。",
         "采购计划管理薄弱，监督缺位。", "建立采购计划集中审核；政府采购股岗位轮换。"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0] && !rc; i++) {
        struct dj_integrity_case *ic = calloc(1, sizeof *ic);
        if (!ic)
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        ic->bureau_id = root;
        dj_copy(ic->title, sizeof ic->title, cases[i].title);
        dj_date_add_days(today, -120 - 90 * (int)i, ic->occurred_on);
        dj_copy(ic->summary, sizeof ic->summary, cases[i].summary);
        dj_copy(ic->lessons, sizeof ic->lessons, cases[i].lessons);
        dj_copy(ic->rectifications, sizeof ic->rectifications, cases[i].rectifications);
        rc = store_case_insert(db, ic, err);
        free(ic);
    }
    return rc;
}

/* Two recent committee appointments without their talk yet, so that the 五必谈
 * list has something to show: 青年委员 of the third branch 12 days ago (due),
 * of the fourth 40 days ago (overdue). */
static int posts_due(struct dj_db *db, const struct dj_org *orgs, int norgs, const struct dj_person *p,
                     int np, const char *today, struct dj_err *err)
{
    static const struct {
        const char *branch;
        int days_ago;
    } due[] = {{"机关第三党支部", 12}, {"机关第四党支部", 40}};
    int rc = 0;
    for (size_t i = 0; i < sizeof due / sizeof due[0] && !rc; i++) {
        const struct dj_org *b = NULL;
        for (int k = 0; k < norgs; k++)
            if (!strcmp(orgs[k].name, due[i].branch))
                b = &orgs[k];
        if (!b)
            continue;
        struct dj_committee_member *cm = NULL;
        int ncm = 0;
        if ((rc = store_committee_list(db, b->id, &cm, &ncm, err)))
            break;
        const struct dj_person *pick = NULL;
        for (int k = 0; k < np && !pick; k++) {
            bool held = false;
            for (int j = 0; j < ncm; j++)
                held |= cm[j].person_id == p[k].id;
            if (!held && p[k].branch_id == b->id && !strcmp(p[k].political_status, "中共党员") &&
                !strcmp(p[k].status, "在职") && !p[k].user_id)
                pick = &p[k];
        }
        free(cm);
        if (!pick)
            continue;
        struct dj_committee_member m;
        memset(&m, 0, sizeof m);
        m.org_id = b->id;
        m.person_id = pick->id;
        dj_copy(m.post, sizeof m.post, "青年委员");
        dj_date_add_days(today, -due[i].days_ago, m.start_on);
        rc = store_committee_add(db, &m, err);
    }
    return rc;
}

int demo_talks(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
               int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    (void)cfg;
    struct demo_talk_ctx c = {.db = db, .root = root};
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    struct dj_person_list list;
    memset(&list, 0, sizeof list);
    struct dj_org *orgs = NULL;
    int norgs = 0, nl = 0, nr = 0;
    int64_t leaders[64];
    int rc = secret_subkey(key, SECRET_CTX_TALKS, &c.sub, err);
    if (!rc)
        rc = store_people_list(db, &pf, &list, err);
    if (!rc)
        rc = store_org_list(db, bureau, &orgs, &norgs, err);
    /* the leaders: every branch's 书记 */
    for (int i = 0; i < norgs && !rc; i++) {
        if (strcmp(orgs[i].type, "党支部"))
            continue;
        struct dj_committee_member *cm = NULL;
        int ncm = 0;
        if ((rc = store_committee_list(db, orgs[i].id, &cm, &ncm, err)))
            break;
        for (int k = 0; k < ncm && nl < 64; k++)
            if (!strcmp(cm[k].post, "书记"))
                leaders[nl++] = cm[k].person_id;
        free(cm);
    }
    if (!rc && !(rc = db_begin_write(db, err))) {
        rc = talks_year(&c, list.items, list.count, leaders, nl, today, err);
        if (!rc)
            rc = finding_talks(&c, leaders, nl, today, err);
        if (!rc)
            rc = posts_due(db, orgs, norgs, list.items, list.count, today, err);
        if (!rc)
            rc = risks_and_funds(db, root, today, list.items, list.count, &nr, err);
        json_t *after = json_pack("{s:i, s:i}", "talks", c.count, "risk_points", nr);
        if (!rc)
            rc = after ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
        struct dj_actor system;
        actor_system(&system);
        if (!rc)
            rc = audit_record(db, &system, "demo", "talks", 0, root, NULL, after, err);
        json_decref(after);
        if (!rc)
            rc = db_commit(db, err);
        if (rc)
            db_rollback(db);
    }
    if (!rc)
        fprintf(out, "谈心谈话 %d 次，廉政风险点 %d 个，资金运行图 2 张\n", c.count, nr);
    secret_wipe(&c.sub);
    store_person_list_free(&list);
    free(orgs);
    return rc;
}
