#include "core/demo_duties.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/duties.h"
#include "store/duties.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static const struct {
    const char *category, *content;
} first_items[] = {
    {"政治建设", "履行全面从严治党第一责任人职责，每季度专题研究党建工作"},
    {"党风廉政", "带头落实中央八项规定精神，每年讲廉政党课一次"},
    {"意识形态", "每半年分析研判意识形态形势，落实意识形态工作责任制"},
    {"组织建设", "督促各支部按期换届，三会一课落实率保持100%"},
    {"融合发展", "推动党建与预算绩效、国库改革等重点业务深度融合"},
    {"作风建设", "落实“十不准”，开展日常检查和季度讲评"},
}, dual_items[] = {
    {"一岗双责", "对分管科室的党风廉政建设负直接领导责任"},
    {"廉政风险", "每半年排查分管领域资金运行廉政风险点"},
    {"谈心谈话", "与分管科室负责人每年谈心谈话不少于一次"},
    {"业务工作", "分管领域年度重点任务按期完成"},
}, letter_items[] = {
    {"组织建设", "按期召开支部党员大会、支委会和党小组会，按时上好党课"},
    {"学习教育", "组织党员参加财政月讲堂，年度学习时长不少于32学时"},
    {"党风廉政", "落实谈心谈话制度，支委与党员谈话全覆盖"},
    {"服务群众", "每名党员联系困难群众2户，开展志愿服务不少于2次"},
    {"融合发展", "支部承担的攻坚任务按期完成"},
};

/* Whether item k of document d was done, partly done or not: mostly done. */
static const char *result_of(int d, int k)
{
    int v = (d * 7 + k * 3) % 17;
    return v == 0 ? "not_done" : v < 3 ? "partly" : "done";
}

static int add_doc(struct dj_db *db, int64_t root, int year, const char *kind, const char *role,
                   int64_t person, const char *person_name, int64_t org, const char *org_name,
                   const char *signed_on, int d, const char *today, int *docs, int *items,
                   struct dj_err *err)
{
    struct dj_duty_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.bureau_id = root;
    dj_copy(doc.kind, sizeof doc.kind, kind);
    doc.year = year;
    dj_copy(doc.role, sizeof doc.role, role);
    doc.person_id = person;
    doc.org_id = org;
    if (signed_on)
        dj_copy(doc.signed_on, sizeof doc.signed_on, signed_on);
    if (!strcmp(kind, "list"))
        snprintf(doc.title, sizeof doc.title, "%d年度%s（%s）主体责任清单", year, person_name,
                 duty_role_label(role));
    else
        snprintf(doc.title, sizeof doc.title, "%d年度党建工作责任书（%s）", year, org_name);
    int rc = store_duty_doc_insert(db, &doc, 0, err);
    if (rc)
        return rc;
    (*docs)++;
    size_t n = !strcmp(kind, "letter") ? sizeof letter_items / sizeof letter_items[0]
               : !strcmp(role, "first") ? sizeof first_items / sizeof first_items[0]
                                        : sizeof dual_items / sizeof dual_items[0];
    for (size_t k = 0; k < n && !rc; k++) {
        const char *cat = !strcmp(kind, "letter") ? letter_items[k].category
                          : !strcmp(role, "first") ? first_items[k].category
                                                   : dual_items[k].category;
        const char *txt = !strcmp(kind, "letter") ? letter_items[k].content
                          : !strcmp(role, "first") ? first_items[k].content
                                                   : dual_items[k].content;
        struct dj_duty_item it;
        memset(&it, 0, sizeof it);
        it.bureau_id = root;
        it.doc_id = doc.id;
        dj_copy(it.category, sizeof it.category, cat);
        dj_copy(it.content, sizeof it.content, txt);
        if ((rc = store_duty_item_insert(db, &it, err)))
            break;
        (*items)++;
        /* last year's are all checked in December; this year's the first half of
         * the documents once December has come */
        char check_on[DJ_DATE_LEN];
        snprintf(check_on, sizeof check_on, "%d-12-%02d", year, 10 + d % 15);
        if (!duty_check_open(year, today) || strcmp(check_on, today) > 0)
            continue;
        const char *r = result_of(d, (int)k);
        dj_copy(it.result, sizeof it.result, r);
        dj_copy(it.result_note, sizeof it.result_note,
                !strcmp(r, "done") ? "" : !strcmp(r, "partly") ? "已推进，个别环节延后至次年一季度" : "因机构调整未能落实，列入次年整改");
        dj_copy(it.checked_on, sizeof it.checked_on, check_on);
        rc = store_duty_item_check(db, &it, err);
    }
    return rc;
}

int demo_duties(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct dj_org *orgs = NULL;
    int norgs = 0;
    struct dj_person_list people;
    memset(&people, 0, sizeof people);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    int rc;
    if ((rc = store_org_list(db, bureau, &orgs, &norgs, err)) ||
        (rc = store_people_list(db, &pf, &people, err)))
        goto out;
    if ((rc = db_begin_write(db, err)))
        goto out;
    int year = atoi(today), docs = 0, items = 0, d = 0;
    /* the leadership: the first four serving people on the roster stand for the 党组 */
    int64_t leaders[4] = {0};
    const char *leader_names[4] = {0};
    int nl = 0;
    for (int i = 0; i < people.count && nl < 4; i++)
        if (!strcmp(people.items[i].status, "在职")) {
            leaders[nl] = people.items[i].id;
            leader_names[nl++] = people.items[i].name;
        }
    for (int y = year - 1; y <= year && !rc; y++) {
        for (int l = 0; l < nl && !rc; l++, d++)
            rc = add_doc(db, root, y, "list", l ? "dual" : "first", leaders[l], leader_names[l], root,
                         "", NULL, d, today, &docs, &items, err);
        for (int o = 0; o < norgs && !rc; o++) {
            if (strcmp(orgs[o].type, "党支部"))
                continue;
            char signed_on[DJ_DATE_LEN];
            snprintf(signed_on, sizeof signed_on, "%d-01-%02d", y, 15 + o % 10);
            rc = add_doc(db, root, y, "letter", "", 0, "", orgs[o].id, orgs[o].name,
                         strcmp(signed_on, today) <= 0 ? signed_on : NULL, d++, today, &docs, &items,
                         err);
        }
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:i}", "duty_docs", docs, "duty_items", items);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err)))
        db_rollback(db);
    else
        fprintf(out, "责任清单和责任书：%d 份，%d 个事项\n", docs, items);
out:
    free(orgs);
    store_person_list_free(&people);
    return rc;
}
