#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/bootstrap.h"
#include "core/demo_records.h"
#include "core/demo_appraisals.h" /* issue 16 items 3-4 */
#include "core/demo_dues.h" /* dues (issue 16 item 1) */
#include "core/demo_inspections.h"
#include "core/demo_plans.h"
#include "core/demo_tasks.h"
#include "core/demo_duties.h"
#include "core/demo_talks.h"
#include "core/demo_service.h"
#include "core/demo_warnings.h"
#include "core/demo_selfserve.h" /* member self-service */
#include "core/demo_recruitment.h" /* 发展党员 and 荣誉 */
#include "core/demo_ideas.h"
#include "core/demo_duty.h"
#include "core/demo_notify.h"
#include "core/screen.h"
#include "core/departments.h"
#include "core/orgs.h"
#include "core/people.h"
#include "core/person_rules.h"
#include "core/users.h"
#include "store/orgs.h"
#include "util/date.h"

#define NPEOPLE 150
#define NBRANCH 8 /* seven 机关 branches and the retirees' branch */

static const char *const departments[] = {
    "办公室", "预算股", "国库股", "综合股", "经济建设股", "行政政法股", "教科文股",
    "社会保障股", "农业股", "企业股", "会计股", "债务管理股", "绩效评价股", "政府采购股",
    "非税收入股", "监督检查股", "人事股", "法规股", "资产管理股", "投资评审中心",
};
#define NDEPT (int)(sizeof departments / sizeof departments[0])

static const char *const branch_names[NBRANCH] = {
    "机关第一党支部", "机关第二党支部", "机关第三党支部", "机关第四党支部",
    "机关第五党支部", "机关第六党支部", "机关第七党支部", "离退休党支部",
};

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
};
static const char *const given_m[] = {"伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚",
                                      "平", "辉", "鹏", "华", "飞", "斌", "宇", "浩", "建国", "志强",
                                      "海", "波", "峰", "俊", "文", "博", "晨", "阳", "立新", "国庆"};
static const char *const given_f[] = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲",
                                      "婷", "雪", "慧", "颖", "琳", "洁", "倩", "红梅", "晓燕", "丹",
                                      "萍", "莉", "欣", "悦", "佳", "思雨", "雨涵", "文静", "秀英", "桂兰"};
static const char *const positions[] = {"科员", "一级科员", "办事员", "股长", "副股长",
                                        "主任科员", "四级主任科员", "一级主任科员"};
static const char *const areas[] = {"410102", "410105", "410302", "430181", "410482", "411002"};
static const char *const ethnic[] = {"汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族",
                                     "汉族", "汉族", "回族", "满族", "土家族", "壮族"};
static const char *const educations[] = {"大学本科", "大学本科", "大学本科", "硕士研究生", "大专"};

/* A small deterministic generator: the demo is the same every time. */
static uint32_t rnd_state = 20261123u;
static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1664525u + 1013904223u;
    return (rnd_state >> 8) % n;
}

static void id_number(const char *area, const char *birth, bool male, int seq, char out[19])
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int s3 = (seq % 500) * 2 + (male ? 1 : 0); /* the 17th digit is odd for men */
    snprintf(out, 19, "%.6s%.4s%.2s%.2s%03d", area, birth, birth + 5, birth + 8, s3 % 1000);
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * weights[i];
    out[17] = "10X98765432"[sum % 11];
    out[18] = '\0';
}

static int add_org(struct dj_db *db, const struct dj_actor *a, int64_t parent, const char *type,
                   const char *name, const char *term_start, const char *term_end, int64_t *id,
                   struct dj_err *err)
{
    struct dj_org o;
    memset(&o, 0, sizeof o);
    o.parent_id = parent;
    snprintf(o.type, sizeof o.type, "%s", type);
    snprintf(o.name, sizeof o.name, "%s", name);
    snprintf(o.status, sizeof o.status, "active");
    snprintf(o.founded_on, sizeof o.founded_on, "2003-07-01");
    if (term_start)
        snprintf(o.term_start, sizeof o.term_start, "%s", term_start);
    if (term_end)
        snprintf(o.term_end, sizeof o.term_end, "%s", term_end);
    int rc = store_org_insert(db, &o, err);
    if (!rc)
        rc = store_org_update(db, &o, err);
    if (rc)
        return rc;
    json_t *after = org_json(&o);
    rc = audit_record(db, a, "create", "org", o.id, o.id, NULL, after, err);
    json_decref(after);
    *id = o.id;
    return rc;
}

struct demo_account {
    const char *username, *role, *what;
    int person;       /* index of the person it belongs to */
    int branch;       /* grant on this branch index, -1 for the root */
    int department;   /* dept_head: the department index */
};

int demo_populate(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                  int64_t root, const char *bureau_name, const char *prefix,
                  const char *admin_password, bool records, FILE *out, struct dj_err *err)
{
    char name_buf[2][160];
    struct dj_actor system;
    actor_system(&system);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int64_t branch[NBRANCH], group[NBRANCH][3], dept[NDEPT], committee_org, party_group;
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    /* terms: three years; the fifth branch's term ends in 60 days (a warning) */
    char ts[DJ_DATE_LEN], te[DJ_DATE_LEN], soon_s[DJ_DATE_LEN], soon_e[DJ_DATE_LEN];
    dj_date_add_days(today, -400, ts);
    dj_date_add_days(ts, 3 * 365, te);
    dj_date_add_days(today, 60, soon_e);
    dj_date_add_days(soon_e, -3 * 365, soon_s);
    snprintf(name_buf[0], sizeof name_buf[0], "中共%s党组", bureau_name);
    snprintf(name_buf[1], sizeof name_buf[1], "中共%s机关委员会", bureau_name);
    if ((rc = add_org(db, &system, root, "党组", name_buf[0], NULL, NULL, &party_group, err)) ||
        (rc = add_org(db, &system, root, "机关党委", name_buf[1], ts, te, &committee_org, err)))
        goto fail;
    for (int b = 0; b < NBRANCH; b++) {
        if ((rc = add_org(db, &system, committee_org, "党支部", branch_names[b], b == 4 ? soon_s : ts,
                          b == 4 ? soon_e : te, &branch[b], err)))
            goto fail;
        for (int g = 0; g < 3; g++) {
            char name[32];
            snprintf(name, sizeof name, "第%d党小组", g + 1);
            if ((rc = add_org(db, &system, branch[b], "党小组", name, NULL, NULL, &group[b][g], err)))
                goto fail;
        }
    }
    /* 党支部与科室挂钩: departments of related duties share a branch */
    for (int d = 0; d < NDEPT; d++) {
        struct dj_department dep;
        memset(&dep, 0, sizeof dep);
        dep.bureau_id = root;
        snprintf(dep.name, sizeof dep.name, "%s", departments[d]);
        snprintf(dep.status, sizeof dep.status, "active");
        char since[DJ_DATE_LEN];
        dj_date_add_days(today, -800, since);
        if ((rc = departments_write(db, &system, &dep, NULL, true, branch[d * 7 / NDEPT], since, err)))
            goto fail;
        dept[d] = dep.id;
    }
    if ((rc = db_commit(db, err)))
        goto fail;

    /* the accounts, each linked to a person below */
    static const struct demo_account accounts[] = {
        {"dangwei", "party_admin", "机关党委（党务管理员），全局", 0, -1, -1},
        {"zhibu1", "branch_secretary", "支部书记，机关第一党支部", 1, 0, -1},
        {"keshi", "dept_head", "科室负责人（办公室），机关第一党支部", 2, 0, 0},
        {"jijian", "discipline", "纪检，全局", 3, -1, -1},
        {"dangyuan", "member", "党员，机关第一党支部", 4, 0, -1},
        {"zhibu2", "branch_secretary", "支部书记，机关第二党支部", 5, 1, -1},
    };
    int64_t user_of[NPEOPLE] = {0};
    const char *admin_roles[] = {"sysadmin", "party_admin"};
    struct dj_user_input in;
    struct dj_user u;
    memset(&in, 0, sizeof in);
    /* a demo bureau added to a deployment names its accounts with its code */
    char uname[DJ_NAME_MAX];
    snprintf(uname, sizeof uname, "%sadmin", prefix);
    in.username = uname;
    in.display_name = "系统管理员";
    in.password = admin_password ? admin_password : DEMO_ADMIN_PASSWORD;
    in.has_roles = 1;
    in.nroles = 2;
    for (int i = 0; i < 2; i++) {
        snprintf(in.roles[i].role, sizeof in.roles[i].role, "%s", admin_roles[i]);
        in.roles[i].org_id = root;
    }
    if ((rc = users_create(db, cfg, &system, &in, &u, NULL, err)))
        return rc;

    /* the people: account holders first, then the rest of the staff */
    char names[NPEOPLE][64];
    if ((rc = db_begin_write(db, err)))
        return rc;
    int full = 0;
    for (int i = 0; i < NPEOPLE; i++) {
        struct dj_person p;
        memset(&p, 0, sizeof p);
        /* the account holders keep the names the README and the tests use */
        static const struct {
            const char *name;
            bool male;
        } holders[6] = {{"李红梅", false}, {"王建国", true}, {"陈晓东", true},
                        {"赵正清", true},  {"刘思源", true}, {"孙丽娟", false}};
        bool retired = i >= NPEOPLE - 7;
        bool male = i < 6 ? holders[i].male : rnd(10) < 6;
        snprintf(p.staff_no, sizeof p.staff_no, "SF%04d", 1001 + i);
        if (i < 6)
            snprintf(p.name, sizeof p.name, "%s", holders[i].name);
        else
            snprintf(p.name, sizeof p.name, "%s%s", surnames[rnd(sizeof surnames / sizeof *surnames)],
                     male ? given_m[rnd(sizeof given_m / sizeof *given_m)]
                          : given_f[rnd(sizeof given_f / sizeof *given_f)]);
        memcpy(names[i], p.name, sizeof names[i]);
        snprintf(p.gender, sizeof p.gender, "%s", male ? "男" : "女");
        snprintf(p.ethnicity, sizeof p.ethnicity, "%s", ethnic[rnd(sizeof ethnic / sizeof *ethnic)]);
        int year = retired ? 1952 + (int)rnd(10) : 1966 + (int)rnd(34);
        snprintf(p.birth_date, sizeof p.birth_date, "%04d-%02d-%02d", year, 1 + (int)rnd(12),
                 1 + (int)rnd(28));
        id_number(areas[rnd(sizeof areas / sizeof *areas)], p.birth_date, male, i, p.id_number);
        snprintf(p.education, sizeof p.education, "%s", educations[rnd(5)]);
        int d = i < 6 ? (int[]){0, 0, 0, 15, 1, 4}[i] : (int)rnd(NDEPT);
        p.department_id = retired ? 0 : dept[d];
        snprintf(p.position, sizeof p.position, "%s",
                 retired ? "" : positions[rnd(sizeof positions / sizeof *positions)]);
        snprintf(p.phone, sizeof p.phone, "1%c%09u", "3456789"[rnd(7)], rnd(1000000000));
        snprintf(p.status, sizeof p.status, "%s", retired ? "退休" : "在职");
        /* about 120 members: 116 full, 14 probationary, and the rest not (yet) members */
        int kind = i < 6 ? 0 : (int)rnd(150);
        struct dj_person_change c;
        memset(&c, 0, sizeof c);
        c.id_number_given = true;
        if (retired || kind < 116) {
            snprintf(p.political_status, sizeof p.political_status, "中共党员");
            snprintf(p.joined_party_on, sizeof p.joined_party_on, "%04d-%02d-01", year + 23 + (int)rnd(6),
                     1 + (int)rnd(12));
            /* full members joined more than a year ago */
            char latest[DJ_DATE_LEN];
            dj_date_add_days(today, -400 - (int)rnd(400), latest);
            if (strcmp(p.joined_party_on, latest) > 0)
                memcpy(p.joined_party_on, latest, sizeof p.joined_party_on);
            dj_date_add_days(p.joined_party_on, 366, p.full_member_on);
            full++;
        } else if (kind < 130) {
            snprintf(p.political_status, sizeof p.political_status, "中共预备党员");
            dj_date_add_days(today, -(int)(30 + rnd(300)), p.joined_party_on);
        } else {
            static const char *const others[] = {"入党积极分子", "发展对象", "共青团员", "群众", "群众"};
            snprintf(p.political_status, sizeof p.political_status, "%s", others[rnd(5)]);
        }
        if (political_is_member(p.political_status)) {
            int b = retired ? 7 : d * 7 / NDEPT;
            if (i == 1 || i == 2 || i == 4)
                b = 0;
            if (i == 5)
                b = 1;
            c.branch_id = branch[b];
            c.group_id = group[b][rnd(3)];
        }
        p.bureau_id = root;
        struct person_issues is;
        person_check(&p, c.branch_id ? "x" : "", "", today, &is);
        if (is.count) {
            rc = dj_err_set(err, DJ_EINTERNAL, "演示数据有误（%s）", p.staff_no);
            goto fail;
        }
        if ((rc = people_write(db, &system, key, today, &p, NULL, &c, err)))
            goto fail;
        user_of[i] = p.id;
    }
    if ((rc = db_commit(db, err)))
        goto fail;
    /* accounts linked to their people */
    for (size_t a = 0; a < sizeof accounts / sizeof accounts[0]; a++) {
        memset(&in, 0, sizeof in);
        snprintf(uname, sizeof uname, "%s%s", prefix, accounts[a].username);
        in.username = uname;
        in.display_name = names[accounts[a].person];
        in.password = DEMO_PASSWORD;
        in.has_roles = 1;
        in.nroles = 1;
        snprintf(in.roles[0].role, sizeof in.roles[0].role, "%s", accounts[a].role);
        in.roles[0].org_id = accounts[a].branch < 0 ? root : branch[accounts[a].branch];
        in.roles[0].department_id = accounts[a].department < 0 ? 0 : dept[accounts[a].department];
        if ((rc = users_create(db, cfg, &system, &in, &u, NULL, err)))
            return rc;
        struct dj_person p, before;
        if ((rc = store_person_get(db, user_of[accounts[a].person], &before, err)))
            return rc;
        p = before;
        p.user_id = u.id;
        struct dj_person_change c = {.branch_id = before.branch_id, .group_id = before.group_id};
        if ((rc = db_begin_write(db, err)))
            return rc;
        if ((rc = people_write(db, &system, key, today, &p, &before, &c, err)) ||
            (rc = db_commit(db, err)))
            goto fail;
    }
    /* committees: the account holders lead branches one and two */
    struct dj_committee_member m;
    if ((rc = orgs_committee_add(db, cfg, &system, branch[0], user_of[1], "书记", ts, &m, err)) ||
        (rc = orgs_committee_add(db, cfg, &system, branch[1], user_of[5], "书记", ts, &m, err)))
        return rc;
    for (int b = 0; b < NBRANCH; b++) {
        /* the first members of each branch fill its posts */
        static const char *const posts[] = {"书记", "组织委员", "宣传委员", "纪检委员"};
        int filled = b < 2 ? 1 : 0;
        for (int i = 6; i < NPEOPLE && filled < 4; i++) {
            struct dj_person p;
            if ((rc = store_person_get(db, user_of[i], &p, err)))
                return rc;
            if (p.branch_id != branch[b] || strcmp(p.political_status, "中共党员") != 0)
                continue;
            if ((rc = orgs_committee_add(db, cfg, &system, branch[b], p.id, posts[filled], ts, &m, err)))
                return rc;
            filled++;
        }
    }
    fprintf(out, "演示单位：%s，%d 名职工（%d 名正式党员），%d 个党支部，%d 个科室\n", bureau_name,
            NPEOPLE, full, NBRANCH, NDEPT);
    /* supervision of conduct (core/demo_inspections), before the evaluations that count its findings */
    if (records && (rc = demo_inspections(db, cfg, root, today, out, err)))
        return rc;
    if (records && (rc = demo_records(db, cfg, root, today, out, err)))
        return rc;
    /* dues (issue 16 item 1) */
    if (records && (rc = demo_dues(db, root, today, out, err)))
        return rc;
    /* meeting life cycle: the coming weeks' plans */
    if (records && (rc = demo_plans(db, root, today, out, err)))
        return rc;
    /* tasks and rectifications (core/demo_tasks.c) */
    if (records && (rc = demo_tasks(db, cfg, root, prefix, today, out, err)))
        return rc;
    /* supervision: talks, risk points, fund processes (issue 13) */
    if (records && (rc = demo_talks(db, cfg, key, root, today, out, err)))
        return rc;
    if (records && (rc = demo_service(db, root, today, out, err))) /* service (issue 15) */
        return rc;
    /* 主体责任清单 and 党建责任书 (core/demo_duties.c) */
    if (records && (rc = demo_duties(db, root, today, out, err)))
        return rc;
    /* warnings engine and inbox (issue 17): a year of history, today's warnings, announcements */
    if (records && (rc = demo_warnings(db, cfg, root, prefix, today, out, err)))
        return rc;
    /* member self-service (issue 12, item 3): study hours reported by members */
    if (records && (rc = demo_selfserve(db, root, today, out, err)))
        return rc;
    /* appraisals and secretaries' reviews (issue 16 items 3-4) */
    if (records && (rc = demo_appraisals(db, cfg, root, today, out, err)))
        return rc;
    /* 发展党员 and 荣誉 (issue 16 items 2 and 6) */
    if (records && (rc = demo_recruitment(db, root, today, out, err)))
        return rc;
    if (records && (rc = demo_ideas(db, root, today, out, err))) /* ideas (issue 15): 献计献策, 格言 */
        return rc;
    if (records && (rc = demo_duty(db, root, today, out, err))) /* duty rosters (issue 15) */
        return rc;
    if (records && (rc = demo_notify(db, root, out, err))) /* notifications (issue 17) */
        return rc;
    if ((rc = screen_demo(db, root, err))) /* 数据大屏: every panel public (issue 18) */
        return rc;
    fprintf(out, "演示账号 / demo logins:\n");
    fprintf(out, "  %s%-10s %-18s 系统管理员 + 机关党委，全局\n", prefix, "admin",
            admin_password ? "(DANGJIAN_ADMIN_PASSWORD)" : DEMO_ADMIN_PASSWORD);
    for (size_t a = 0; a < sizeof accounts / sizeof accounts[0]; a++)
        fprintf(out, "  %s%-10s %-18s %s（%s）\n", prefix, accounts[a].username, DEMO_PASSWORD,
                accounts[a].what, names[accounts[a].person]);
    return 0;
fail:
    db_rollback(db);
    return rc;
}
