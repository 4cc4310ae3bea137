#include "core/demo_appraisals.h"

#include <stdlib.h>
#include <string.h>

#include "core/appraisal_rules.h"
#include "core/audit.h"
#include "core/secretary_reviews.h"
#include "store/appraisals.h"
#include "store/cadre.h"
#include "store/departments.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static uint32_t seed = 20261216u;
static uint32_t rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return ((seed >> 16) & 0x7fff) % n;
}

static const char *const self_texts[] = {
    "一年来坚持学习党的创新理论，按时参加三会一课和主题党日，按时足额交纳党费；业务上完成了预算审核任务，不足是主动服务基层不够。",
    "认真履行岗位职责，严守财经纪律和十不准要求，积极参加志愿服务；今后要在学用结合、推动工作创新上下功夫。",
    "能够对照党章党规查找差距，参加月讲堂学习，结对帮扶困难群众；存在理论学习不够系统的问题，将制定学习计划加以改进。",
    "在疫情防控和万人助万企活动中冲在一线，发挥了党员先锋模范作用；批评与自我批评开展得还不够深入。",
};
static const char *const reports[] = {
    "一年来，本支部认真落实三会一课制度，按季度召开支部党员大会，每月召开支委会和主题党日；组织党员参加财政月讲堂，开展谈心谈话全覆盖；"
    "与联系村开展结对共建。存在的不足：党建与业务融合还不够紧密，个别党员学习积极性不高。明年将以创建五星支部为目标，进一步压实责任。",
    "本人履行支部书记第一责任人职责，带头讲党课、带头谈心谈话；支部党员参加志愿服务、进社区报到全覆盖。问题在于组织生活形式不够丰富，"
    "整改措施是结合业务开展主题党日，提高吸引力。",
};

struct ctx {
    struct dj_db *db;
    int64_t root;
    int appraisals, ballots, reviews, ratings;
};

/* One branch's appraisal: members as of today; done (graded) or open. */
static int one_appraisal(struct ctx *c, int64_t org, int year, const char *opened, const char *graded,
                         const char *today, struct dj_err *err)
{
    struct dj_appraisal a;
    memset(&a, 0, sizeof a);
    a.bureau_id = c->root;
    a.org_id = org;
    a.year = year;
    dj_copy(a.opened_on, sizeof a.opened_on, opened);
    snprintf(a.note, sizeof a.note, "%d年度民主评议党员", year);
    struct dj_appraisal_member *m = NULL;
    int n = 0;
    int rc = store_appraisal_insert(c->db, &a, 0, err);
    if (!rc)
        rc = store_appraisal_members_seed(c->db, &a, today, err);
    if (!rc)
        rc = store_appraisal_members(c->db, a.id, &m, &n, err);
    int *excellent = calloc((size_t)n + 1, sizeof *excellent);
    if (!rc && !excellent)
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    /* done: everyone wrote and voted; open: about half wrote, a third voted */
    for (int i = 0; i < n && !rc; i++) {
        if (graded || rnd(2))
            rc = store_appraisal_self_set(c->db, a.id, m[i].person_id, self_texts[rnd(4)], graded ? opened : today, err);
        if (rc || (!graded && rnd(3)) || (graded && !rnd(10)))
            continue;
        rc = store_appraisal_ballot_insert(c->db, c->root, a.id, m[i].person_id, err);
        c->ballots++;
        for (int k = 0; k < n && !rc; k++) {
            if (k == i || strcmp(m[k].category, "正式党员"))
                continue;
            /* a few stand out (those of index 1 mod 4), most are 合格 */
            const char *g = k % 4 == 1 && rnd(5) ? "优秀" : rnd(30) ? "合格" : "基本合格";
            excellent[k] += !strcmp(g, "优秀");
            rc = store_appraisal_tally_add(c->db, c->root, a.id, m[k].person_id, g, err);
        }
    }
    if (!rc && graded) {
        int full = 0;
        for (int i = 0; i < n; i++)
            full += !strcmp(m[i].category, "正式党员");
        struct dj_appraisal_cap cap;
        appraisal_cap_default(&cap);
        int max = appraisal_cap_max(&cap, full, full), given = 0;
        /* 优秀 to those with the most mutual 优秀, within the cap; one 基本合格 in a larger branch */
        for (int pass = n; pass > 0 && !rc; pass--)
            for (int i = 0; i < n && !rc; i++)
                if (excellent[i] == pass && given < max && !strcmp(m[i].category, "正式党员")) {
                    rc = store_appraisal_grade_set(c->db, a.id, m[i].person_id, "优秀", err);
                    excellent[i] = -1;
                    given++;
                }
        bool basic = full >= 12;
        for (int i = n - 1; i >= 0 && !rc; i--) {
            if (strcmp(m[i].category, "正式党员") || excellent[i] < 0)
                continue;
            rc = store_appraisal_grade_set(c->db, a.id, m[i].person_id, basic ? "基本合格" : "合格", err);
            basic = false;
        }
        if (!rc)
            rc = store_appraisal_status_set(c->db, a.id, "graded", graded, err);
    }
    c->appraisals += !rc;
    free(excellent);
    free(m);
    return rc;
}

/* Ratings of a secretary's review by most party members of the bureau. */
static int rate_review(struct ctx *c, int64_t review, int64_t secretary, const struct dj_person *p, int np,
                       bool done, struct dj_err *err)
{
    int rc = 0;
    for (int i = 0; i < np && !rc; i++) {
        if (p[i].id == secretary || (strcmp(p[i].political_status, "中共党员") &&
                                     strcmp(p[i].political_status, "中共预备党员")))
            continue;
        if (rnd(done ? 4 : 10) != 0 && !done)
            continue;
        if (done && !rnd(5))
            continue;
        uint32_t r = rnd(20);
        const char *g = r < 13 ? "好" : r < 18 ? "较好" : r < 19 ? "一般" : "差";
        rc = store_review_ballot_insert(c->db, c->root, review, p[i].id, g, err);
        c->ratings++;
    }
    return rc;
}

/* Cadre development (seed 000): rotations between departments, a frontline
 * posting, the bureau's 驻村第一书记 in turn, and a 帮带 pair of each mode
 * with a review. */
static int demo_cadre(struct ctx *c, const struct dj_person *p, int np, const char *today, int *n,
                      struct dj_err *err)
{
    struct dj_department *d = NULL;
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)c->root);
    int nd = 0, rc = store_department_list(c->db, bureau, &d, &nd, err);
    int64_t serving[16];
    int ns = 0;
    for (int i = 6; i < np && ns < 16; i++)
        if (!strcmp(p[i].status, "在职") && !strcmp(p[i].political_status, "中共党员"))
            serving[ns++] = p[i].id;
    char day[DJ_DATE_LEN], end[DJ_DATE_LEN];
    for (int i = 0; i < 4 && i < ns && nd > 3 && !rc; i++) {
        struct dj_posting x;
        memset(&x, 0, sizeof x);
        x.bureau_id = c->root;
        x.person_id = serving[i];
        dj_copy(x.kind, sizeof x.kind, "rotation");
        x.department_id = d[(i * 3 + 1) % nd].id;
        dj_copy(x.post, sizeof x.post, (const char *[]){"预算审核岗", "国库支付岗", "政府采购岗", "绩效评价岗"}[i]);
        dj_date_add_days(today, -300 + i * 40, day);
        dj_copy(x.start_on, sizeof x.start_on, day);
        rc = store_posting_insert(c->db, &x, err);
        (*n)++;
    }
    /* 驻村第一书记 in turn: the one before until 200 days ago, the current one since */
    for (int i = 0; i < 2 && 4 + i < ns && !rc; i++) {
        struct dj_posting x;
        memset(&x, 0, sizeof x);
        x.bureau_id = c->root;
        x.person_id = serving[4 + i];
        dj_copy(x.kind, sizeof x.kind, "village");
        dj_copy(x.place, sizeof x.place, "汝州市蟒川镇某村");
        dj_copy(x.post, sizeof x.post, "驻村第一书记");
        dj_date_add_days(today, i ? -200 : -930, day);
        dj_copy(x.start_on, sizeof x.start_on, day);
        if (!i) {
            dj_date_add_days(today, -201, end);
            dj_copy(x.end_on, sizeof x.end_on, end);
        }
        rc = store_posting_insert(c->db, &x, err);
        (*n)++;
    }
    if (!rc && 6 < ns) {
        struct dj_posting x;
        memset(&x, 0, sizeof x);
        x.bureau_id = c->root;
        x.person_id = serving[6];
        dj_copy(x.kind, sizeof x.kind, "frontline");
        dj_copy(x.place, sizeof x.place, "万人助万企活动服务专班");
        dj_date_add_days(today, -150, day);
        dj_copy(x.start_on, sizeof x.start_on, day);
        dj_date_add_days(today, -60, end);
        dj_copy(x.end_on, sizeof x.end_on, end);
        rc = store_posting_insert(c->db, &x, err);
        (*n)++;
    }
    static const char *const modes[] = {"leader_backbone", "veteran_young", "expert_young"};
    static const char *const goals[] = {"提升统筹协调和带队伍能力，一年内能独立牵头专项工作",
                                        "传承财政优良作风，熟悉预算编制全流程",
                                        "掌握国库集中支付和政府采购业务，能独立审核一般项目"};
    for (int i = 0; i < 3 && 7 + 2 * i + 1 < ns && !rc; i++) {
        struct dj_mentorship m;
        memset(&m, 0, sizeof m);
        m.bureau_id = c->root;
        m.mentor_id = serving[7 + 2 * i];
        m.mentee_id = serving[8 + 2 * i];
        dj_copy(m.mode, sizeof m.mode, modes[i]);
        dj_copy(m.goals, sizeof m.goals, goals[i]);
        dj_date_add_days(today, -330, day);
        dj_copy(m.start_on, sizeof m.start_on, day);
        rc = store_mentorship_insert(c->db, &m, err);
        struct dj_mentorship_review r;
        memset(&r, 0, sizeof r);
        r.mentorship_id = m.id;
        dj_date_add_days(today, -150, day);
        dj_copy(r.reviewed_on, sizeof r.reviewed_on, day);
        dj_copy(r.rating, sizeof r.rating, i == 1 ? "较好" : "好");
        dj_copy(r.summary, sizeof r.summary, "半年考核：按计划推进，能独立承担部分工作。");
        if (!rc)
            rc = store_mentorship_review_insert(c->db, c->root, &r, err);
        (*n)++;
    }
    free(d);
    return rc;
}

int demo_appraisals(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *today, FILE *out,
                    struct dj_err *err)
{
    struct ctx c = {db, root, 0, 0, 0, 0};
    char bureau[32], opened[24], graded[24], now_open[24];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    int year = atoi(today);
    snprintf(opened, sizeof opened, "%04d-12-08", year - 1);
    snprintf(graded, sizeof graded, "%04d-12-26", year - 1);
    dj_date_add_days(today, -12, now_open);
    if (strncmp(now_open, today, 4))
        snprintf(now_open, sizeof now_open, "%04d-01-01", year);
    struct dj_actor system;
    actor_system(&system);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    struct dj_person_list list;
    memset(&list, 0, sizeof list);
    struct dj_org *orgs = NULL;
    int norgs = 0;
    int64_t review_ids[32][2];
    int64_t review_sec[32][2];
    int nrev = 0;
    int rc = store_people_list(db, &pf, &list, err);
    if (!rc)
        rc = store_org_list(db, bureau, &orgs, &norgs, err);
    /* the secretaries' reviews: opened through core (the figures of the records), each audited */
    for (int i = 0; i < norgs && !rc && nrev < 32; i++) {
        if (strcmp(orgs[i].type, "党支部"))
            continue;
        json_t *r1 = NULL, *r2 = NULL;
        if (!(rc = reviews_open(db, cfg, &system, orgs[i].id, 0, year - 1, &r1, err)))
            rc = reviews_open(db, cfg, &system, orgs[i].id, 0, year, &r2, err);
        if (!rc) {
            review_ids[nrev][0] = json_integer_value(json_object_get(r1, "id"));
            review_ids[nrev][1] = json_integer_value(json_object_get(r2, "id"));
            review_sec[nrev][0] = json_integer_value(json_object_get(r1, "person_id"));
            review_sec[nrev][1] = json_integer_value(json_object_get(r2, "person_id"));
            nrev++;
        }
        json_decref(r1);
        json_decref(r2);
    }
    if (!rc && !(rc = db_begin_write(db, err))) {
        for (int i = 0; i < norgs && !rc; i++) {
            if (strcmp(orgs[i].type, "党支部"))
                continue;
            if (!(rc = one_appraisal(&c, orgs[i].id, year - 1, opened, graded, today, err)))
                rc = one_appraisal(&c, orgs[i].id, year, now_open, NULL, today, err);
        }
        for (int i = 0; i < nrev && !rc; i++) {
            rc = store_review_report_set(db, review_ids[i][0], reports[i % 2], err);
            if (!rc)
                rc = rate_review(&c, review_ids[i][0], review_sec[i][0], list.items, list.count, true, err);
            if (!rc)
                rc = store_review_close(db, review_ids[i][0], graded, err);
            /* this year: the first two secretaries have written, a few have rated */
            if (!rc && i < 2)
                rc = store_review_report_set(db, review_ids[i][1], reports[(i + 1) % 2], err);
            if (!rc && i < 2)
                rc = rate_review(&c, review_ids[i][1], review_sec[i][1], list.items, list.count, false, err);
        }
        int cadre = 0;
        if (!rc)
            rc = demo_cadre(&c, list.items, list.count, today, &cadre, err);
        json_t *after = json_pack("{s:i, s:i, s:i, s:i}", "appraisals", c.appraisals, "ballots", c.ballots, "ratings",
                                  c.ratings, "cadre", cadre);
        if (!rc)
            rc = after ? audit_record(db, &system, "demo", "appraisals", 0, root, NULL, after, err)
                       : dj_err_set(err, DJ_ENOMEM, "内存不足");
        json_decref(after);
        if (!rc)
            rc = db_commit(db, err);
        if (rc)
            db_rollback(db);
    }
    if (!rc)
        fprintf(out, "民主评议 %d 次（互评 %d 人次），书记述职评议 %d 个支部（测评 %d 人次），干部轮岗、锻炼与帮带\n",
                c.appraisals, c.ballots, nrev, c.ratings);
    store_person_list_free(&list);
    free(orgs);
    return rc;
}
