/* demo_service: a year of service to the people in the demo bureau, shaped
 * like the seeds (002): every party member keeps two household contacts and
 * visits them; a leader of each working branch keeps a village or community
 * branch as contact and answers for another branch of the bureau; 112
 * members registered and confirmed in their communities; each working
 * branch pairs with a village or community branch (a joint activity a
 * quarter) and holds a volunteer activity every other month (the last one's
 * hours still to be confirmed), with a few 我为群众办实事 and 万人助万企
 * activities of the bureau: well over 200 confirmed volunteer person-times.
 * The bureau's rule is two households per member.  Deterministic. */
#include "core/demo_service.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/bureaus.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/service.h"
#include "util/date.h"
#include "util/text.h"

static uint32_t seed = 20260915u;
static uint32_t rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return ((seed >> 16) & 0x7fff) % n;
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

static bool is_member(const struct dj_person *p)
{
    return !strcmp(p->political_status, "中共党员") || !strcmp(p->political_status, "中共预备党员");
}

static const char *const streets[] = {"城关镇幸福村", "东关社区", "南湖街道新华社区", "北街社区", "西山村", "河口村"};
static const char *const visit_words[] = {"走访慰问，了解家庭生活和就医情况", "宣讲惠民政策，帮助申请临时救助",
                                          "送去米面油，协调解决子女上学问题", "节日慰问，帮助打扫卫生"};
static const char *const villages[] = {"幸福村党支部", "东关社区党委", "西山村党支部", "新华社区党支部",
                                       "河口村党支部", "北街社区党支部", "南湖村党支部"};

struct counts {
    int64_t contacts, visits, registrations, activities, signups, pairings, joint;
};

/* Contacts and visits of every member, and the leaders' contact branches. */
static int add_contacts(struct dj_db *db, int64_t root, const struct dj_person *p, int n, const int64_t *branches,
                        int nb, int y, int m, struct counts *c, struct dj_err *err)
{
    int rc = 0;
    int64_t leader_of[16] = {0};
    for (int i = 0; i < n && !rc; i++) {
        if (!is_member(&p[i]) || !p[i].branch_id)
            continue;
        for (int k = 0; k < 2 && !rc; k++) {
            struct dj_contact ct;
            memset(&ct, 0, sizeof ct);
            ct.bureau_id = root;
            ct.person_id = p[i].id;
            dj_copy(ct.kind, sizeof ct.kind, "household");
            snprintf(ct.name, sizeof ct.name, "%s%s家", k ? "李" : "王", k ? "奶奶" : "大爷");
            snprintf(ct.place, sizeof ct.place, "%s%d组", streets[rnd(6)], 1 + (int)rnd(9));
            ymd(ct.started_on, y, m, 1);
            if ((rc = store_contact_insert(db, &ct, 0, err)))
                break;
            c->contacts++;
            for (int v = 0, times = 1 + (int)rnd(3); v < times && !rc; v++) {
                struct dj_contact_visit vi;
                memset(&vi, 0, sizeof vi);
                vi.bureau_id = root;
                vi.contact_id = ct.id;
                ymd(vi.visited_on, y, m + v * 4 + (int)rnd(3), 5 + (int)rnd(20));
                dj_copy(vi.content, sizeof vi.content, visit_words[rnd(4)]);
                if (rnd(2)) {
                    dj_copy(vi.help_kind, sizeof vi.help_kind, "米 1 袋、油 1 桶");
                    vi.help_amount = 100 * (100 + 50 * (int64_t)rnd(4));
                }
                rc = store_visit_insert(db, &vi, 0, err);
                c->visits++;
            }
        }
        /* the first in-service full member of each working branch leads its contact */
        for (int b = 0; b < nb && b < 16 && !rc; b++)
            if (branches[b] == p[i].branch_id && !leader_of[b] && !strcmp(p[i].status, "在职") &&
                !strcmp(p[i].political_status, "中共党员")) {
                leader_of[b] = p[i].id;
                struct dj_contact ct;
                memset(&ct, 0, sizeof ct);
                ct.bureau_id = root;
                ct.person_id = p[i].id;
                ct.org_id = branches[(b + 1) % nb]; /* answers for another branch of the bureau */
                dj_copy(ct.kind, sizeof ct.kind, b % 2 ? "community_branch" : "village_branch");
                dj_copy(ct.name, sizeof ct.name, villages[b % 7]);
                ymd(ct.started_on, y, m, 1);
                rc = store_contact_insert(db, &ct, 0, err);
                c->contacts++;
            }
    }
    return rc;
}

/* Activities with sign-ups; those of the window's last months wait for confirmation. */
static int add_activity(struct dj_db *db, int64_t root, int64_t org, const char *kind, const char *title,
                        const char *day, const struct dj_person *p, int n, int64_t branch, int people,
                        bool confirmed, struct counts *c, struct dj_err *err)
{
    struct dj_service_activity a;
    memset(&a, 0, sizeof a);
    a.bureau_id = root;
    a.org_id = org;
    dj_copy(a.kind, sizeof a.kind, kind);
    dj_copy(a.title, sizeof a.title, title);
    dj_copy(a.held_on, sizeof a.held_on, day);
    dj_copy(a.place, sizeof a.place, streets[rnd(6)]);
    int rc = store_activity_insert(db, &a, 0, err);
    c->activities++;
    int start = n ? (int)rnd((uint32_t)n) : 0;
    for (int k = 0, taken = 0; k < n && taken < people && !rc; k++) {
        const struct dj_person *x = &p[(start + k) % n];
        if (!is_member(x) || strcmp(x->status, "在职") || (branch && x->branch_id != branch))
            continue;
        struct dj_signup s;
        memset(&s, 0, sizeof s);
        s.bureau_id = root;
        s.activity_id = a.id;
        s.person_id = x->id;
        s.hours = 100 * (2 + (int64_t)rnd(3));
        dj_copy(s.status, sizeof s.status, "signed_up");
        if (!(rc = store_signup_insert(db, &s, err)))
            rc = store_signup_set(db, s.id, s.hours, confirmed ? "confirmed" : "reported", 0, err);
        taken++;
        c->signups += confirmed;
    }
    return rc;
}

int demo_service(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    struct dj_person_list list;
    memset(&list, 0, sizeof list);
    struct dj_org *orgs = NULL;
    int norgs = 0;
    int64_t branches[16];
    int nb = 0;
    struct counts c;
    memset(&c, 0, sizeof c);
    int rc;
    if ((rc = store_people_list(db, &pf, &list, err)) || (rc = store_org_list(db, bureau, &orgs, &norgs, err)))
        goto out;
    for (int i = 0; i < norgs && nb < 16; i++)
        if (!strcmp(orgs[i].type, "党支部") && !strstr(orgs[i].name, "离退休"))
            branches[nb++] = orgs[i].id;
    /* the twelve whole months before this one, as demo_records */
    int y = atoi(today), m = atoi(today + 5) - 12;
    if (m <= 0) {
        m += 12;
        y--;
    }
    const struct dj_person *p = list.items;
    int n = list.count;
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = add_contacts(db, root, p, n, branches, nb, y, m, &c, err)))
        goto fail;
    /* 112 members registered in their communities, confirmed within a week */
    for (int i = 0; i < n && c.registrations < 112 && !rc; i++) {
        if (!is_member(&p[i]))
            continue;
        struct dj_registration r;
        memset(&r, 0, sizeof r);
        r.bureau_id = root;
        r.person_id = p[i].id;
        snprintf(r.community, sizeof r.community, "%s", strstr(streets[i % 6], "社区") ? streets[i % 6] : "东关社区");
        ymd(r.registered_on, y, m + (int)rnd(3), 2 + (int)rnd(20));
        dj_date_add_days(r.registered_on, 3 + (int)rnd(5), r.confirmed_on);
        rc = store_registration_insert(db, &r, 0, err);
        c.registrations++;
    }
    /* pairings and volunteering by branch */
    for (int b = 0; b < nb && !rc; b++) {
        struct dj_pairing pr;
        memset(&pr, 0, sizeof pr);
        pr.bureau_id = root;
        pr.org_id = branches[b];
        dj_copy(pr.partner, sizeof pr.partner, villages[(b + 3) % 7]);
        dj_copy(pr.partner_kind, sizeof pr.partner_kind, strstr(pr.partner, "社区") ? "community" : "village");
        ymd(pr.started_on, y - 1, m, 1);
        if ((rc = store_pairing_insert(db, &pr, 0, err)))
            break;
        c.pairings++;
        for (int q = 0; q < 4 && !rc; q++) {
            struct dj_pairing_activity ja;
            memset(&ja, 0, sizeof ja);
            ja.bureau_id = root;
            ja.pairing_id = pr.id;
            ymd(ja.held_on, y, m + q * 3 + 1, 10 + (int)rnd(10));
            static const char *const titles[] = {"联合主题党日", "共上一堂党课", "结对帮扶走访", "共建志愿服务"};
            dj_copy(ja.title, sizeof ja.title, titles[q]);
            ja.participants = 12 + (int)rnd(20);
            rc = store_pairing_activity_insert(db, &ja, 0, err);
            c.joint++;
        }
        for (int k = 0; k < 6 && !rc; k++) {
            char day[DJ_DATE_LEN];
            ymd(day, y, m + k * 2 + 1, 12 + (int)rnd(10));
            static const char *const titles[] = {"社区环境整治", "文明交通劝导", "敬老院志愿服务", "政策宣传进社区",
                                                 "无偿献血", "关爱留守儿童"};
            rc = add_activity(db, root, branches[b], "volunteer", titles[k], day, p, n, branches[b], 8, k < 5, &c, err);
        }
    }
    for (int k = 0; k < 4 && !rc; k++) {
        char day[DJ_DATE_LEN];
        ymd(day, y, m + k * 3 + 2, 8);
        rc = add_activity(db, root, root, k % 2 ? "enterprises" : "masses",
                          k % 2 ? "万人助万企：走访重点企业送政策" : "我为群众办实事：惠民资金直达", day, p, n, 0, 5,
                          true, &c, err);
    }
    /* the bureau's rule */
    struct dj_bureau_settings st;
    if (!rc && !(rc = store_bureau_settings_get(db, root, &st, err))) {
        st.contact_min_households = 2;
        rc = store_bureau_settings_put(db, root, &st, err);
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "contacts", (json_int_t)c.contacts, "visits",
                                  (json_int_t)c.visits, "registrations", (json_int_t)c.registrations,
                                  "service_activities", (json_int_t)c.activities, "confirmed_signups",
                                  (json_int_t)c.signups, "pairings", (json_int_t)c.pairings);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err)))
        goto fail;
    fprintf(out, "服务群众：%lld 个联系点、%lld 次走访，%lld 名党员进社区报到，%lld 次服务活动（%lld 人次已确认时长），"
                 "%lld 对结对共建\n",
            (long long)c.contacts, (long long)c.visits, (long long)c.registrations, (long long)c.activities,
            (long long)c.signups, (long long)c.pairings);
    goto out;
fail:
    db_rollback(db);
out:
    free(orgs);
    store_person_list_free(&list);
    return rc;
}
