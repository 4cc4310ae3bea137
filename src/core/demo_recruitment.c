#include "core/demo_recruitment.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/applicant_rules.h"
#include "core/audit.h"
#include "core/authz.h"
#include "store/applicants.h"
#include "store/honours.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static void add_days(const char *day, int n, char out[11])
{
    dj_date_add_days(day, n, out);
}

/* Two full members of a branch (other than skip) as 培养联系人 or 入党介绍人. */
static void two_of(const struct dj_person_list *l, int64_t branch, int from, int64_t out[2])
{
    out[0] = out[1] = 0;
    int found = 0, n = l->count;
    for (int k = 0; k < n && found < 2; k++) {
        const struct dj_person *p = &l->items[(from + k) % n];
        if (p->branch_id == branch && !strcmp(p->political_status, "中共党员") && !strcmp(p->status, "在职"))
            out[found++] = p->id;
    }
}

/* Fills the stages before the 支部大会 of admitted (or of a candidate from candidate_on). */
static void fill_before(struct dj_applicant *a, const char *candidate_on)
{
    COPY(a->candidate_on, candidate_on);
    applicant_add_months(candidate_on, -12, a->activist_on);
    add_days(a->activist_on, -5, a->activist_on);
    applicant_add_months(a->activist_on, -3, a->applied_on);
    add_days(a->applied_on, 14, a->talked_on);
}

static int reviews(struct dj_db *db, const struct dj_applicant *a, const char *until, int *count, struct dj_err *err)
{
    char day[11];
    applicant_add_months(a->activist_on, 3, day);
    int rc = 0;
    while (!rc && strcmp(day, until) <= 0) {
        struct dj_applicant_review r;
        memset(&r, 0, sizeof r);
        r.bureau_id = a->bureau_id;
        r.applicant_id = a->id;
        COPY(r.reviewed_on, day);
        COPY(r.note, "培养联系人考察：政治表现良好，积极参加组织生活");
        rc = store_applicant_review_insert(db, &r, 0, err);
        (*count)++;
        applicant_add_months(day, 3, day);
    }
    return rc;
}

static int honour(struct dj_db *db, int64_t root, int64_t org, int64_t person, const char *title, const char *level,
                  const char *issuer, const char *day, struct dj_err *err)
{
    struct dj_honour h;
    memset(&h, 0, sizeof h);
    h.bureau_id = root;
    h.org_id = org;
    h.person_id = person;
    COPY(h.title, title);
    COPY(h.level, level);
    COPY(h.issuer, issuer);
    COPY(h.awarded_on, day);
    return store_honour_insert(db, &h, 0, err);
}

int demo_recruitment(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct dj_people_filter pf = {.scope_path = bureau, .limit = 100000};
    struct dj_person_list l;
    struct dj_org *orgs = NULL;
    int norgs = 0, nb = 0, napplicants = 0, nreviews = 0, nhonours = 0;
    memset(&l, 0, sizeof l);
    int64_t branches[16];
    int rc = store_people_list(db, &pf, &l, err);
    if (!rc)
        rc = store_org_list(db, bureau, &orgs, &norgs, err);
    for (int i = 0; i < norgs && nb < 16; i++)
        if (!strcmp(orgs[i].type, "党支部") && orgs[i].status[0] == 'a' && !strstr(orgs[i].name, "离退休"))
            branches[nb++] = orgs[i].id;
    if (!rc && !nb)
        rc = dj_err_set(err, DJ_EINTERNAL, "演示单位没有党支部");
    if (rc || (rc = db_begin_write(db, err)))
        goto done;
    char year_ago[11], d[11];
    applicant_add_months(today, -12, year_ago);
    for (int i = 0; i < l.count && !rc; i++) {
        const struct dj_person *p = &l.items[i];
        struct dj_applicant a;
        memset(&a, 0, sizeof a);
        a.bureau_id = root;
        a.person_id = p->id;
        COPY(a.name, p->name);
        COPY(a.staff_no, p->staff_no);
        COPY(a.gender, p->gender);
        COPY(a.birth_date, *p->birth_date ? p->birth_date : "1995-06-01");
        a.org_id = p->branch_id ? p->branch_id : branches[i % nb];
        bool recent_full = !strcmp(p->political_status, "中共党员") && *p->full_member_on &&
                           strcmp(p->full_member_on, year_ago) >= 0 && strcmp(p->status, "在职") == 0;
        if (!strcmp(p->political_status, "入党积极分子")) {
            /* 3 to 11 months of training so far */
            COPY(a.stage, "activist");
            applicant_add_months(today, -(3 + (int)(p->id % 9)), a.activist_on);
            applicant_add_months(a.activist_on, -3, a.applied_on);
            add_days(a.applied_on, 14, a.talked_on);
        } else if (!strcmp(p->political_status, "发展对象")) {
            COPY(a.stage, "candidate");
            applicant_add_months(today, -(1 + (int)(p->id % 3)), d);
            fill_before(&a, d);
        } else if (!strcmp(p->political_status, "中共预备党员") && *p->joined_party_on) {
            COPY(a.stage, "probationary");
            COPY(a.admitted_on, p->joined_party_on);
            add_days(a.admitted_on, 20, a.approved_on);
            add_days(a.admitted_on, -4, a.notice_to);
            add_days(a.notice_to, -9, a.notice_from);
            add_days(a.notice_from, -10, a.reviewed_on);
            applicant_add_months(a.admitted_on, -2, d);
            fill_before(&a, d);
        } else if (recent_full && *p->joined_party_on) {
            COPY(a.stage, "full");
            COPY(a.admitted_on, p->joined_party_on);
            COPY(a.full_on, p->full_member_on);
            add_days(a.admitted_on, 20, a.approved_on);
            add_days(a.admitted_on, -4, a.notice_to);
            add_days(a.notice_to, -9, a.notice_from);
            add_days(a.notice_from, -10, a.reviewed_on);
            applicant_add_months(a.admitted_on, -2, d);
            fill_before(&a, d);
        } else {
            continue;
        }
        if (strcmp(a.approved_on, today) > 0)
            COPY(a.approved_on, today);
        if (*a.candidate_on)
            a.training_days = 3;
        two_of(&l, a.org_id, i, a.contact_ids);
        if (*a.admitted_on)
            two_of(&l, a.org_id, i + 7, a.introducer_ids);
        COPY(a.note, "演示数据");
        if (!(rc = store_applicant_insert(db, &a, 0, err))) {
            napplicants++;
            /* the 积极分子's reviews every quarter, through the training */
            rc = reviews(db, &a, *a.candidate_on ? a.candidate_on : today, &nreviews, err);
        }
    }
    /* two new applicants: one talked with, one whose talk falls due */
    for (int k = 0; k < 2 && !rc; k++) {
        struct dj_applicant a;
        memset(&a, 0, sizeof a);
        a.bureau_id = root;
        a.org_id = branches[k % nb];
        COPY(a.name, k ? "郑晓雨" : "孙嘉明");
        COPY(a.gender, k ? "女" : "男");
        COPY(a.birth_date, k ? "2001-04-18" : "1999-11-02");
        COPY(a.stage, "applicant");
        add_days(today, k ? -22 : -75, a.applied_on);
        if (!k)
            add_days(a.applied_on, 12, a.talked_on);
        COPY(a.note, "演示数据");
        if (!(rc = store_applicant_insert(db, &a, 0, err)))
            napplicants++;
    }
    /* honours over the year */
    static const struct {
        int holder; /* 0 the bureau, 1 a branch, 2 a member */
        const char *title, *level, *issuer;
        int days_ago;
    } hs[] = {
        {0, "省级文明单位", "province", "省精神文明建设委员会", 300},
        {0, "市直机关党建工作先进单位", "city", "市直机关工委", 120},
        {1, "市直机关先进基层党组织", "city", "市直机关工委", 200},
        {1, "局“五星”党支部", "bureau", "局机关党委", 60},
        {2, "市直机关优秀共产党员", "city", "市直机关工委", 200},
        {2, "局优秀共产党员", "bureau", "局机关党委", 190},
        {2, "局优秀共产党员", "bureau", "局机关党委", 190},
        {2, "全省财政系统先进工作者", "province", "省财政厅", 90},
    };
    for (size_t k = 0; k < sizeof hs / sizeof hs[0] && !rc; k++) {
        int64_t ids[2];
        two_of(&l, branches[k % nb], (int)k * 3, ids);
        add_days(today, -hs[k].days_ago, d);
        int64_t org = hs[k].holder == 0 ? root : branches[k % nb];
        if (hs[k].holder == 2 && !ids[0])
            continue;
        rc = honour(db, root, org, hs[k].holder == 2 ? ids[k % 2] : 0, hs[k].title, hs[k].level, hs[k].issuer, d, err);
        nhonours++;
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:i, s:i}", "applicants", napplicants, "applicant_reviews", nreviews,
                                  "honours", nhonours);
        rc = after ? audit_record(db, &system, "demo", "recruitment", 0, root, NULL, after, err)
                   : dj_err_set(err, DJ_ENOMEM, "内存不足");
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err)))
        db_rollback(db);
    else
        fprintf(out, "发展党员：%d 名（%d 次培养考察）；荣誉 %d 项\n", napplicants, nreviews, nhonours);
done:
    free(orgs);
    store_person_list_free(&l);
    return rc;
}
