/* demo_records: a year of the demo bureau's records — organisational life
 * of every branch and group (with one branch that falls behind), the monthly
 * 财政月讲堂 with rotating lecturers, a test each quarter, study hours — and
 * the last quarter's evaluations of the three default schemes, scored and in
 * their public notice.  Deterministic (a fixed pseudo-random sequence). */
#include "core/demo_records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/evaluations.h"
#include "store/awards.h"
#include "store/indexes.h"
#include "store/learning.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/users.h"
#include "util/date.h"
#include "util/text.h"

static uint32_t seed = 20260701u;
static uint32_t rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return ((seed >> 16) & 0x7fff) % n;
}

static const struct dj_meeting_kind *kind_of(const struct dj_meeting_kind *k, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(k[i].code, code))
            return &k[i];
    return NULL;
}

/* YYYY-MM-DD of month m (may exceed 12) of year y */
static void ymd(char out[DJ_DATE_LEN], int y, int m, int d)
{
    char tmp[48];
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m, d % 100);
    dj_copy(out, DJ_DATE_LEN, tmp);
}

/* One meeting of org on day with attendance of those expected (or, for
 * custom kinds, of the people given). */
static int add_meeting(struct dj_db *db, int64_t org, const struct dj_meeting_kind *k,
                       const char *day, const char *topic, int64_t lecturer, int absent_pct,
                       int64_t *count, struct dj_err *err)
{
    struct dj_meeting m;
    memset(&m, 0, sizeof m);
    m.org_id = org;
    m.kind_id = k->id;
    dj_copy(m.held_on, sizeof m.held_on, day);
    dj_copy(m.recorded_on, sizeof m.recorded_on, day);
    dj_copy(m.starts_at, sizeof m.starts_at, "15:00");
    dj_copy(m.ends_at, sizeof m.ends_at, "16:30");
    dj_copy(m.place, sizeof m.place, "机关三楼会议室");
    dj_copy(m.topic, sizeof m.topic, topic);
    m.lecturer_id = lecturer;
    int64_t *ids = NULL;
    int n = 0;
    int rc = store_expected_people(db, org, k->attendees, day, k->include_probationary, &ids, &n, err);
    if (rc || (rc = store_meeting_insert(db, &m, err))) {
        free(ids);
        return rc;
    }
    for (int i = 0; i < n && !rc; i++) {
        struct dj_attendance a = {.person_id = ids[i], .expected = true};
        uint32_t r = rnd(100);
        const char *status = (int)r < absent_pct ? "缺席" : r < 90 ? "出席" : r < 95 ? "迟到" : "请假";
        dj_copy(a.status, sizeof a.status, status);
        if (!strcmp(status, "请假"))
            dj_copy(a.reason, sizeof a.reason, "公务外出");
        rc = store_attendance_set(db, m.id, &a, err);
    }
    (*count)++;
    free(ids);
    return rc;
}

struct demo_people {
    struct dj_person *p;
    int n;
};

static void person_from_list(struct dj_person_list *l, struct demo_people *out)
{
    out->p = l->items;
    out->n = l->count;
}

static bool is_member(const struct dj_person *p)
{
    return !strcmp(p->political_status, "中共党员") || !strcmp(p->political_status, "中共预备党员");
}

/* The monthly lectures: lecturers in turn, everyone welcome. */
static int add_lectures(struct dj_db *db, int64_t root, const struct dj_meeting_kind *lecture,
                        const struct demo_people *pp, const char *first_month_day, int months,
                        int64_t *count, struct dj_err *err)
{
    struct dj_lecture_label *labels = NULL;
    int nl = 0;
    int rc = store_lecture_labels(db, root, NULL, &labels, &nl, err);
    if (rc)
        return rc;
    static const char *const topics[] = {"新《预算法实施条例》解读", "政府采购常见问题",
                                         "党章党规学习", "全面实施预算绩效管理", "财政资金监管与廉政风险",
                                         "党的二十届三中全会精神", "国库集中支付改革", "政府债务管理",
                                         "会计监督与财经纪律", "中华优秀传统文化与家风", "惠民惠农补贴发放",
                                         "财政支出标准化建设"};
    int lecturer = 0;
    for (int mo = 0; mo < months && !rc; mo++) {
        char day[DJ_DATE_LEN];
        /* the 10th of each month */
        ymd(day, atoi(first_month_day), atoi(first_month_day + 5) + mo, 10);
        while (lecturer < pp->n && (!is_member(&pp->p[lecturer]) || strcmp(pp->p[lecturer].status, "在职")))
            lecturer++;
        int64_t who = lecturer < pp->n ? pp->p[lecturer++].id : 0;
        struct dj_meeting lm;
        memset(&lm, 0, sizeof lm);
        lm.org_id = root;
        lm.kind_id = lecture->id;
        dj_copy(lm.held_on, sizeof lm.held_on, day);
        dj_copy(lm.recorded_on, sizeof lm.recorded_on, day);
        dj_copy(lm.starts_at, sizeof lm.starts_at, "16:00");
        dj_copy(lm.place, sizeof lm.place, "局机关报告厅");
        dj_copy(lm.topic, sizeof lm.topic, topics[mo % 12]);
        lm.lecturer_id = who;
        int themes = 0, modules = 0;
        for (int i = 0; i < nl; i++)
            !strcmp(labels[i].kind, "theme") ? themes++ : modules++;
        for (int i = 0, t = 0, md = 0; i < nl; i++) {
            if (!strcmp(labels[i].kind, "theme") && t++ == mo % (themes ? themes : 1))
                lm.theme_id = labels[i].id;
            if (!strcmp(labels[i].kind, "module") && md++ == mo % (modules ? modules : 1))
                lm.module_id = labels[i].id;
        }
        lm.guests = (int)rnd(3) * 4;
        if ((rc = store_meeting_insert(db, &lm, err)))
            break;
        (*count)++;
        for (int i = 0; i < pp->n && !rc; i++) {
            if (rnd(100) >= 48)
                continue;
            struct dj_attendance a = {.person_id = pp->p[i].id};
            dj_copy(a.status, sizeof a.status, rnd(20) ? "出席" : "迟到");
            rc = store_attendance_set(db, lm.id, &a, err);
        }
    }
    free(labels);
    return rc;
}

/* The "1246" categories of a scheme that has them: the two best-ranked not
 * yet nominated are nominated for each, and the demo accounts with a person
 * vote (the ballot of the quarter). */
static int add_nominations(struct dj_db *db, int64_t root, int64_t evaluation_id, const char *settings_text,
                           struct dj_err *err)
{
    /* the voters are this bureau's accounts (the first, admin, apart), not
     * another bureau's: ids 2..7 only in a deployment of one bureau */
    struct dj_user_list users;
    memset(&users, 0, sizeof users);
    int urc = store_user_list(db, NULL, root, NULL, true, 7, 0, &users, err);
    if (urc)
        return urc;
    bool have = users.count > 0;
    int64_t first = have ? users.items[0].id - 1 : 0;
    store_user_list_free(&users);
    json_error_t jerr;
    json_t *settings = json_loads(settings_text, 0, &jerr);
    const json_t *awards = json_object_get(settings, "awards");
    struct dj_result *r = NULL;
    int nr = 0, next = 0;
    int rc = json_array_size(awards) ? store_results_list(db, evaluation_id, &r, &nr, err) : 0;
    if (!rc && nr && (rc = db_begin_write(db, err)) == 0) {
        size_t i;
        const json_t *a;
        json_array_foreach(awards, i, a) {
            const char *code = json_string_value(json_object_get(a, "code"));
            const char *title = json_string_value(json_object_get(a, "title"));
            for (int k = 0; k < 2 && next < nr && code && !rc; k++, next++) {
                struct dj_nomination nm;
                memset(&nm, 0, sizeof nm);
                nm.evaluation_id = evaluation_id;
                dj_copy(nm.award, sizeof nm.award, code);
                nm.target_id = r[next].target_id;
                snprintf(nm.reason, sizeof nm.reason, "本季度表现突出，推荐为%s", title ? title : "标兵");
                rc = store_nomination_insert(db, &nm, err);
                /* the bureau's accounts 2..7 are the demo accounts linked to people: a vote or two each */
                for (int64_t n = 2; n <= 7 && have && !rc; n++) {
                    int64_t person = 0, voter = first + n;
                    struct dj_err lookup;
                    dj_err_clear(&lookup);
                    if ((n + k + (int64_t)i) % 3 == 0 ||
                        store_person_of_user(db, voter, &person, &lookup) || !person)
                        continue;
                    rc = store_vote_insert(db, evaluation_id, code, nm.target_id, voter, person, err);
                }
            }
        }
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i}", "nominated", next);
        if (rc || (rc = audit_record(db, &system, "demo_nominations", "evaluation", evaluation_id, 0,
                                     NULL, after, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
        json_decref(after);
    }
    free(r);
    json_decref(settings);
    return rc;
}

/* The three default schemes for the last quarter, scored and in notice. */
static int add_evaluations(struct dj_db *db, const struct dj_config *cfg, int64_t root,
                           const char *quarter, const struct demo_people *pp, struct dj_err *err)
{
    struct dj_actor system;
    actor_system(&system);
    struct dj_scheme *schemes = NULL;
    int ns = 0;
    int rc = store_scheme_list(db, root, true, &schemes, &ns, err);
    for (int si = 0; si < ns && !rc; si++) {
        int64_t id = 0;
        if ((rc = evaluations_create(db, &system, schemes[si].id, quarter, NULL, 7, &id, err)))
            break;
        struct dj_evaluation e;
        struct dj_scheme s;
        if ((rc = store_evaluation_get(db, id, &e, err)) || (rc = store_scheme_get(db, e.scheme_id, &s, err)))
            break;
        struct dj_index_target *t = NULL;
        int nt = 0;
        if ((rc = store_index_targets(db, root, s.target, e.first_day, e.last_day, &t, &nt, err))) {
            store_scheme_free(&s);
            break;
        }
        if ((rc = db_begin_write(db, err)) == 0) {
            for (int ti = 0; ti < nt && !rc; ti++) {
                for (int i = 0; i < s.nind && !rc; i++) {
                    const struct dj_indicator *d = &s.ind[i];
                    struct dj_score_entry en;
                    memset(&en, 0, sizeof en);
                    en.evaluation_id = id;
                    en.target_id = t[ti].id;
                    en.indicator_id = d->id;
                    if (!strcmp(d->kind, "imported")) {
                        en.points = 8000 + (int64_t)rnd(1950); /* 80.00 .. 99.49 of 100 */
                        dj_copy(en.reason, sizeof en.reason, "导入：季度考核结果");
                    } else if (!strcmp(d->kind, "entered")) {
                        en.points = d->max_points * (70 + (int64_t)rnd(31)) / 100;
                        dj_copy(en.reason, sizeof en.reason, "评分");
                    } else if (!strcmp(d->kind, "bonus") && rnd(12) == 0) {
                        en.points = 100 * (1 + (int64_t)rnd(3));
                        dj_copy(en.reason, sizeof en.reason, "获评县级表彰");
                    } else if (!strcmp(d->kind, "deduction") && rnd(25) == 0) {
                        en.points = 200;
                        dj_copy(en.reason, sizeof en.reason, "工作日午间饮酒，违反十不准");
                    } else {
                        continue;
                    }
                    rc = store_entry_insert(db, &en, err);
                }
            }
            if (rc || (rc = db_commit(db, err)))
                db_rollback(db);
        }
        free(t);
        store_scheme_free(&s);
        if (rc || (rc = evaluations_compute(db, &system, id, err)) ||
            (rc = evaluations_transition(db, cfg, &system, id, "scoring", NULL, err)) ||
            (rc = add_nominations(db, root, id, schemes[si].settings, err)) ||
            (rc = evaluations_transition(db, cfg, &system, id, "review", NULL, err)) ||
            (rc = evaluations_transition(db, cfg, &system, id, "notice", NULL, err)))
            break;
    }
    free(schemes);
    (void)pp;
    return rc;
}

int demo_records(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *today,
                 FILE *out, struct dj_err *err)
{
    struct dj_meeting_kind *k = NULL;
    int nk = 0;
    struct dj_org *orgs = NULL;
    int norgs = 0;
    struct dj_person_list list;
    memset(&list, 0, sizeof list);
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    int rc;
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    if ((rc = store_meeting_kinds(db, root, &k, &nk, err)) ||
        (rc = store_org_list(db, bureau, &orgs, &norgs, err)) ||
        (rc = store_people_list(db, &pf, &list, err)))
        goto out;
    struct demo_people pp;
    person_from_list(&list, &pp);
    /* the twelve whole months before this one */
    int y = atoi(today), m = atoi(today + 5);
    m -= 12;
    if (m <= 0) {
        m += 12;
        y--;
    }
    char first[DJ_DATE_LEN];
    ymd(first, y, m, 1);
    int64_t meetings = 0, lectures = 0, studies = 0, quizzes = 0;
    if ((rc = db_begin_write(db, err)))
        goto out;
    const struct dj_meeting_kind *committee = kind_of(k, nk, "committee"),
                                 *theme_day = kind_of(k, nk, "theme_day"),
                                 *assembly = kind_of(k, nk, "branch_assembly"),
                                 *party_lecture = kind_of(k, nk, "party_lecture"),
                                 *group = kind_of(k, nk, "group");
    for (int mo = 0; mo < 12 && !rc; mo++) {
        int mm = (m - 1 + mo) % 12 + 1;
        char day[DJ_DATE_LEN];
        for (int i = 0; i < norgs && !rc; i++) {
            const struct dj_org *o = &orgs[i];
            bool lagging = strstr(o->name, "第五") != NULL; /* one branch falls behind */
            if (!strcmp(o->type, "党支部")) {
                if (lagging && mo % 3 == 1)
                    continue;
                ymd(day, y, m + mo, 8);
                if (committee)
                    rc = add_meeting(db, o->id, committee, day, "研究本月工作", 0, 2, &meetings, err);
                ymd(day, y, m + mo, 15);
                if (!rc && theme_day)
                    rc = add_meeting(db, o->id, theme_day, day, "主题党日：学习与志愿服务", 0, 4, &meetings, err);
                ymd(day, y, m + mo, 25);
                if (!rc && mm % 3 == 0 && assembly)
                    rc = add_meeting(db, o->id, assembly, day, "季度支部党员大会", 0, 3, &meetings, err);
                ymd(day, y, m + mo, 26);
                if (!rc && mm % 3 == 2 && party_lecture)
                    rc = add_meeting(db, o->id, party_lecture, day, "支部书记讲党课", 0, 3, &meetings, err);
            } else if (!strcmp(o->type, "党小组") && group) {
                ymd(day, y, m + mo, 20);
                rc = add_meeting(db, o->id, group, day, "党小组学习", 0, 5, &meetings, err);
            }
        }
    }
    /* study hours: each member a few records a month */
    for (int i = 0; i < pp.n && !rc; i++) {
        if (!is_member(&pp.p[i]))
            continue;
        for (int mo = 0; mo < 12 && !rc; mo++) {
            int times = (int)rnd(3);
            for (int t = 0; t < times && !rc; t++) {
                struct dj_study_record r;
                memset(&r, 0, sizeof r);
                r.bureau_id = root;
                r.person_id = pp.p[i].id;
                ymd(r.studied_on, y, m + mo, 3 + (int)rnd(24));
                r.hours = 50 * (1 + (int64_t)rnd(6));
                static const char *const modes[] = {"集中学习", "个人自学", "线上学习", "专题辅导"};
                dj_copy(r.mode, sizeof r.mode, modes[rnd(4)]);
                dj_copy(r.content, sizeof r.content, "学习强国、党章党规及财政业务知识");
                rc = store_study_insert(db, &r, 0, err);
                studies++;
            }
        }
    }
    /* a test each quarter, bureau-wide */
    for (int q = 0; q < 4 && !rc; q++) {
        struct dj_quiz qz;
        memset(&qz, 0, sizeof qz);
        qz.org_id = root;
        dj_copy(qz.kind, sizeof qz.kind, q % 2 ? "contest" : "test");
        snprintf(qz.title, sizeof qz.title, "%s", q % 2 ? "财政业务知识竞赛" : "党纪法规知识测试");
        ymd(qz.held_on, y, m + q * 3 + 1, 18);
        qz.max_score = 10000;
        qz.pass_score = 6000;
        if ((rc = store_quiz_save(db, &qz, err)))
            break;
        quizzes++;
        for (int i = 0; i < pp.n && !rc; i++) {
            if (!is_member(&pp.p[i]) || rnd(10) == 0)
                continue;
            struct dj_quiz_score sc = {.person_id = pp.p[i].id, .score = 6000 + (int64_t)rnd(40) * 100};
            rc = store_quiz_score_set(db, qz.id, &sc, err);
        }
    }
    const struct dj_meeting_kind *lecture = NULL;
    for (int i = 0; i < nk; i++)
        if (!strcmp(k[i].code, "lecture"))
            lecture = &k[i];
    if (!rc && lecture)
        rc = add_lectures(db, root, lecture, &pp, first, 12, &lectures, err);
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:I, s:I, s:I, s:I, s:s}", "meetings", (json_int_t)meetings,
                                  "lectures", (json_int_t)lectures, "study_records",
                                  (json_int_t)studies, "quizzes", (json_int_t)quizzes, "from", first);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err))) {
        db_rollback(db);
        goto out;
    }
    /* the quarter before this one */
    int q = (atoi(today + 5) - 1) / 3, qy = atoi(today);
    if (q == 0) {
        q = 4;
        qy--;
    }
    char quarter[16];
    snprintf(quarter, sizeof quarter, "%04dQ%d", qy % 10000, q % 10);
    if ((rc = add_evaluations(db, cfg, root, quarter, &pp, err)))
        goto out;
    fprintf(out, "一年的记录：%lld 次组织生活，%lld 期财政月讲堂，%lld 次测试竞赛，%lld 条学习记录；"
                 "%s 的先锋指数、堡垒指数和优秀科室考评已在公示中\n",
            (long long)meetings, (long long)lectures, (long long)quizzes, (long long)studies, quarter);
out:
    free(k);
    free(orgs);
    store_person_list_free(&list);
    return rc;
}
