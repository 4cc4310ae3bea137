/* demo_inspections: a year of 纪检's checks in the demo bureau (see the
 * header).  Written through store in one transaction, with one audit record
 * of the demo, as demo_records does. */
#include "core/demo_inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/departments.h"
#include "store/inspections.h"
#include "store/people.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/text.h"

static uint32_t seed = 20261207u;
static uint32_t rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return ((seed >> 16) & 0x7fff) % n;
}

/* What an inspector writes down for each rule of the 十不准 (by its code's number). */
static const char *const what[] = {
    "上班时间浏览购物网站", "上午九点二十分到岗，未请假", "对来办事的单位人员态度生硬", "工作日午餐饮酒",
    "公务用车周末停放在小区", "未按规定审核即拨付专项资金", "收受服务对象购物卡一张", "接受管理对象宴请",
    "在私人微信群转发未公开的预算数据", "在网络上转发不实信息",
};
static const char *const places[] = {"办公楼一层", "办公楼二层", "办公楼三层", "办公楼四层", "政务服务大厅窗口", "车库"};

int demo_inspections(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *today, FILE *out,
                     struct dj_err *err)
{
    (void)cfg;
    struct dj_conduct_rule *rules = NULL;
    struct dj_department *depts = NULL;
    struct dj_person_list list;
    memset(&list, 0, sizeof list);
    int nrules = 0, ndepts = 0;
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau, .political_status = "中共党员"};
    int rc;
    if ((rc = store_conduct_rules(db, root, NULL, &rules, &nrules, err)) ||
        (rc = store_department_list(db, bureau, &depts, &ndepts, err)) ||
        (rc = store_people_list(db, &pf, &list, err)))
        goto out;
    if (nrules < 10 || ndepts == 0 || list.count == 0)
        goto out; /* nothing to check against */
    struct dj_actor system;
    actor_system(&system);
    int64_t ninsp = 0, nfind = 0, nconfirmed = 0, nreviews = 0;
    int ndaily = 0, nspot = 0;
    int64_t quarter_findings[4][64];
    int nq[4] = {0};
    char quarter_of[4][16] = {"", "", "", ""};
    if ((rc = db_begin_write(db, err)))
        goto out;
    int64_t start = dj_date_days(today) - 364;
    for (int64_t d = start; d < dj_date_days(today) && !rc; d += 7) {
        /* a daily check each week, and a spot check in the middle of each month */
        for (int spot = 0; spot < 2 && !rc; spot++) {
            char day[DJ_DATE_LEN];
            dj_date_from_days(d + (spot ? 3 : 1), day);
            if (spot && atoi(day + 8) > 7)
                continue; /* one spot check a month, in its first week */
            if (strcmp(day, today) >= 0)
                break;
            struct dj_inspection in;
            memset(&in, 0, sizeof in);
            in.bureau_id = root;
            in.org_id = root;
            dj_copy(in.kind, sizeof in.kind, spot ? "spot" : "daily");
            dj_copy(in.held_on, sizeof in.held_on, day);
            dj_copy(in.place, sizeof in.place, places[rnd(6)]);
            in.department_id = depts[rnd((uint32_t)ndepts)].id;
            dj_copy(in.inspectors, sizeof in.inspectors, spot ? "纪检组 专项检查" : "纪检组 日常巡查");
            dj_copy(in.note, sizeof in.note, spot ? "财经纪律专项抽查" : "上下班纪律、工作作风");
            if ((rc = store_inspection_insert(db, &in, 0, err)))
                break;
            ninsp++;
            /* about one check in five finds something; a serious one is rare */
            if (rnd(5))
                continue;
            /* mostly the everyday rules; a serious one (sbz06, sbz09) a couple of times a year */
            static const int daily_rules[] = {0, 1, 2, 0, 1, 3, 1, 0, 4, 2, 1, 0};
            static const int spot_rules[] = {5, 4, 8, 2};
            int r = spot ? spot_rules[nspot++ % 4] : daily_rules[ndaily++ % 12];
            const struct dj_person *p = &list.items[rnd((uint32_t)list.count)];
            struct dj_finding f;
            memset(&f, 0, sizeof f);
            f.bureau_id = root;
            f.inspection_id = in.id;
            for (int k = 0; k < nrules; k++) {
                char code[24];
                snprintf(code, sizeof code, "sbz%02d", r + 1);
                if (!strcmp(rules[k].code, code))
                    f.rule_id = rules[k].id;
            }
            f.org_id = p->branch_id;
            f.department_id = p->department_id ? p->department_id : in.department_id;
            dj_copy(f.found_on, sizeof f.found_on, day);
            dj_copy(f.description, sizeof f.description, what[r]);
            bool recent = dj_date_days(today) - d < 10;
            int fate = (int)rnd(6);
            dj_copy(f.state, sizeof f.state, recent ? "open" : fate == 0 ? "dismissed" : "confirmed");
            if ((rc = store_finding_insert(db, &f, 0, err)) ||
                (rc = store_finding_people_add(db, f.id, p->id, err)))
                break;
            /* explained and decided the day after the check, as a lead would, not on the
             * day the demo is made (GET /warnings shows decisions of the last days) */
            char next[DJ_DATE_LEN];
            dj_date_add_days(day, 1, next);
            if (fate < 3) {
                dj_copy(f.explanation, sizeof f.explanation,
                        fate == 0 ? "当时在查询政策文件，并非购物" : "情况属实，今后严格遵守");
                snprintf(f.explained_at, sizeof f.explained_at, "%sT01:30:00Z", next);
            }
            if (strcmp(f.state, "open")) {
                snprintf(f.decided_at, sizeof f.decided_at, "%sT02:00:00Z", next);
                dj_copy(f.decision_note, sizeof f.decision_note, fate == 0 ? "经核实，不属违规" : "情况属实，予以通报");
            }
            if ((rc = store_finding_update(db, &f, err)))
                break;
            nfind++;
            if (!strcmp(f.state, "confirmed"))
                nconfirmed++;
            /* the quarter's review discusses its decided findings */
            char q[16];
            snprintf(q, sizeof q, "%.4sQ%d", day, (atoi(day + 5) - 1) / 3 + 1);
            for (int k = 0; k < 4; k++) {
                if (!*quarter_of[k])
                    dj_copy(quarter_of[k], sizeof quarter_of[k], q);
                if (!strcmp(quarter_of[k], q)) {
                    if (strcmp(f.state, "open") && nq[k] < 64)
                        quarter_findings[k][nq[k]++] = f.id;
                    break;
                }
            }
        }
    }
    /* 季讲评: the first ten days after each quarter that has ended */
    for (int k = 0; k < 4 && !rc && *quarter_of[k]; k++) {
        struct dj_period p;
        if (!dj_period_parse(quarter_of[k], &p))
            continue;
        struct dj_conduct_review rv;
        memset(&rv, 0, sizeof rv);
        rv.bureau_id = root;
        dj_copy(rv.period, sizeof rv.period, quarter_of[k]);
        dj_date_add_days(p.last, 10, rv.held_on);
        if (strcmp(rv.held_on, today) >= 0)
            continue;
        snprintf(rv.title, sizeof rv.title, "%s 作风纪律讲评", quarter_of[k]);
        snprintf(rv.conclusions, sizeof rv.conclusions,
                 "本季度日常巡查和专项抽查发现问题 %d 个，已逐一认定并通报；上下班纪律总体良好，个别同志工作时间做与工作无关的事，要求各支部加强提醒。",
                 nq[k]);
        dj_utf8_trim_partial(rv.conclusions);
        if ((rc = store_conduct_review_insert(db, &rv, 0, err)))
            break;
        for (int i = 0; i < nq[k] && !rc; i++)
            rc = store_conduct_review_add_finding(db, rv.id, quarter_findings[k][i], err);
        nreviews++;
    }
    if (!rc) {
        json_t *after = json_pack("{s:I, s:I, s:I, s:I}", "inspections", (json_int_t)ninsp, "findings",
                                  (json_int_t)nfind, "confirmed", (json_int_t)nconfirmed, "reviews",
                                  (json_int_t)nreviews);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err))) {
        db_rollback(db);
        goto out;
    }
    fprintf(out, "作风监督：%lld 次检查，发现问题 %lld 个（认定 %lld 个），%lld 次季度讲评\n", (long long)ninsp,
            (long long)nfind, (long long)nconfirmed, (long long)nreviews);
out:
    free(rules);
    free(depts);
    store_person_list_free(&list);
    return rc;
}
