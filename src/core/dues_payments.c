#include "core/dues_payments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dues.h"
#include "core/dues_ledger.h"
#include "core/dues_rules.h"
#include "core/people.h"
#include "store/orgs.h"
#include "util/date.h"
#include "util/text.h"

json_t *dues_payment_json(const struct dj_dues_payment *p)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:b, s:s, s:s, s:s}",
                     "id", (json_int_t)p->id, "person_id", (json_int_t)p->person_id, "name",
                     p->name, "staff_no", p->staff_no, "org_id", (json_int_t)p->org_id, "org_name",
                     p->org_name, "from_month", p->from_month, "to_month", p->to_month, "amount_fen",
                     (json_int_t)p->amount_fen, "due_fen", (json_int_t)p->due_fen, "paid_on",
                     p->paid_on, "channel", p->channel, "late", p->late, "note", p->note,
                     "recorded_by", p->recorded_by, "created_at", p->created_at);
}

int dues_payments_list(struct dj_db *db, const struct dj_actor *actor,
                       struct dj_dues_payment_filter *f, json_t **items, int64_t *total,
                       struct dj_err *err)
{
    int rc;
    if (f->person_id) {
        struct dj_person p;
        if ((rc = dues_person_readable(db, actor, f->person_id, &p, err)))
            return rc;
        f->bureau_id = p.bureau_id;
        f->org_path = NULL;
    } else if (!(f->bureau_id = dues_read_scope(actor, &f->org_path))) {
        if (!actor->person_id)
            return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看党费记录");
        /* a member: their own payments */
        struct dj_person p;
        if ((rc = dues_person_readable(db, actor, actor->person_id, &p, err)))
            return rc;
        f->bureau_id = p.bureau_id;
        f->person_id = p.id;
    }
    struct dj_dues_payment *rows = NULL;
    int n = 0;
    if ((rc = store_dues_payments_list(db, f, &rows, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, dues_payment_json(&rows[i]));
    free(rows);
    return 0;
}

int dues_payment_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                        struct dj_dues_payment *pay, bool confirm_late, struct dj_err *err)
{
    struct dj_person p;
    int rc = dues_find_person(db, actor, pay->person_id, &p, err);
    if (rc || (rc = dues_may_record(actor, &p, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int current = dues_month_of_date(today);
    int from = dues_month_parse(pay->from_month), to = dues_month_parse(pay->to_month);
    if (from < 0)
        dj_err_field(err, "from_month", "应为月份 YYYY-MM");
    if (to < 0)
        dj_err_field(err, "to_month", "应为月份 YYYY-MM");
    else if (from >= 0 && (to < from || to - from > 23))
        dj_err_field(err, "to_month", "结束月份应不早于开始月份，且一次最多 24 个月");
    else if (to > current + 11)
        dj_err_field(err, "to_month", "预交最多到 11 个月之后");
    if (!dj_date_valid(pay->paid_on))
        dj_err_field(err, "paid_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(pay->paid_on, today) > 0)
        dj_err_field(err, "paid_on", "缴纳日期不能晚于今天");
    size_t ch = dj_utf8_length(pay->channel);
    if (ch == 0 || ch > 20)
        dj_err_field(err, "channel", "请填写缴纳方式（1 至 20 个字）");
    if (pay->amount_fen <= 0 || pay->amount_fen > DUES_BASE_MAX_FEN)
        dj_err_field(err, "amount_fen", "金额应大于 0");
    if (dj_utf8_length(pay->note) > 200)
        dj_err_field(err, "note", "说明最长 200 个字");
    if (!p.branch_id)
        dj_err_field(err, "person_id", "此人员不在任何党支部");
    else if (!dues_person_pays(&p))
        dj_err_field(err, "person_id", "只有中共党员和预备党员缴纳党费");
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    struct dues_book book;
    if ((rc = dues_book_load(db, p.bureau_id, p.id, &book, err)))
        return rc;
    struct dues_ledger l;
    if ((rc = dues_ledger_of(&book, &p, to, &l, err))) {
        dues_book_free(&book);
        return rc;
    }
    struct dues_rules rules;
    dues_book_rules(&book, dues_month_of_date(pay->paid_on), &rules);
    int64_t due = 0;
    bool paid_before = false;
    if (l.start < 0)
        dj_err_field(err, "person_id", "请先核定此人员的党费基数");
    else if (from < l.start) {
        char m[8];
        dues_month_format(l.start, m);
        dj_err_field(err, "from_month", "此人员的党费从 %s 起缴纳（入党或核定基数的月份）", m);
    } else {
        for (int mo = from; mo <= to; mo++) {
            const struct dues_month *m = dues_ledger_month(&l, mo);
            if (m && m->payment_id)
                paid_before = true;
            if (m)
                due += m->due_fen;
        }
    }
    dues_ledger_free(&l);
    dues_book_free(&book);
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if (paid_before)
        return dj_err_set(err, DJ_ECONFLICT, "所选月份中已有缴纳记录");
    if (pay->amount_fen < due) {
        char y[32];
        dj_format_centi(due, y, sizeof y);
        return dj_err_field(err, "amount_fen", "金额少于应缴的 %s 元", y);
    }
    /* back-payment beyond the limit is a soft rule: it needs confirming */
    int paid_month = dues_month_of_date(pay->paid_on);
    pay->late = from < paid_month - rules.back_months;
    if (pay->late && !confirm_late)
        return dj_err_field(err, "from_month", "补缴超过 %d 个月，请核实原因后确认补缴",
                            rules.back_months);
    pay->due_fen = due;
    pay->bureau_id = p.bureau_id;
    pay->org_id = p.branch_id;
    dj_copy(pay->name, sizeof pay->name, p.name);
    dj_copy(pay->staff_no, sizeof pay->staff_no, p.staff_no);
    dj_copy(pay->org_name, sizeof pay->org_name, p.branch_name);
    dj_copy(pay->recorded_by, sizeof pay->recorded_by, actor->user.display_name);
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_payment_insert(db, pay, actor->user.id, err))) {
        db_rollback(db);
        return rc;
    }
    return dues_write_audited(db, actor, "create", "dues_payment", pay->id, p.branch_id, NULL,
                              dues_payment_json(pay), err);
}

int dues_payment_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_err *err)
{
    struct dj_dues_payment pay;
    struct dj_person p;
    int rc = store_dues_payment_get(db, id, &pay, err);
    if (rc || (rc = dues_find_person(db, actor, pay.person_id, &p, err)))
        return rc == DJ_EINVAL ? dj_err_set(err, DJ_ENOTFOUND, "缴费记录不存在") : rc;
    if ((rc = dues_may_record(actor, &p, err)) || (rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_payment_delete(db, id, err))) {
        db_rollback(db);
        return rc;
    }
    return dues_write_audited(db, actor, "delete", "dues_payment", id, pay.org_id,
                              dues_payment_json(&pay), NULL, err);
}

/* ---- remittances ---- */

json_t *dues_remittance_json(const struct dj_dues_remittance *r)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)r->id, "org_id",
                     (json_int_t)r->org_id, "org_name", r->org_name, "month", r->month,
                     "amount_fen", (json_int_t)r->amount_fen, "remitted_on", r->remitted_on, "note",
                     r->note, "created_at", r->created_at);
}

/* The organisation as a field: another bureau's is missing. */
static int find_org(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_org *o,
                    struct dj_err *err)
{
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (id <= 0 || store_org_get(db, id, o, &lookup) || authz_foreign(actor, o->path))
        return dj_err_field(err, "org_id", "组织不存在");
    return 0;
}

int dues_remittances_list(struct dj_db *db, const struct dj_actor *actor, int64_t org_id,
                          const char *year, json_t **items, struct dj_err *err)
{
    const char *path;
    int64_t bureau = dues_read_scope(actor, &path);
    if (!bureau)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看党费上缴记录");
    struct dj_org o;
    int rc;
    if (org_id) {
        if ((rc = find_org(db, actor, org_id, &o, err)))
            return rc;
        if (!authz_allows(actor, PERM_PEOPLE_READ, o.path))
            return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此组织的党费");
        path = o.path;
    }
    struct dj_dues_remittance *rows = NULL;
    int n = 0;
    if ((rc = store_dues_remittances_list(db, bureau, path, year, &rows, &n, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, dues_remittance_json(&rows[i]));
    free(rows);
    return 0;
}

int dues_remittance_create(struct dj_db *db, const struct dj_config *cfg,
                           const struct dj_actor *actor, struct dj_dues_remittance *r,
                           struct dj_err *err)
{
    struct dj_org o;
    int rc = find_org(db, actor, r->org_id, &o, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, o.path, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int month = dues_month_parse(r->month);
    if (month < 0)
        dj_err_field(err, "month", "应为月份 YYYY-MM");
    else if (month > dues_month_of_date(today))
        dj_err_field(err, "month", "不能晚于本月");
    if (!dj_date_valid(r->remitted_on))
        dj_err_field(err, "remitted_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(r->remitted_on, today) > 0)
        dj_err_field(err, "remitted_on", "上缴日期不能晚于今天");
    if (r->amount_fen < 0 || r->amount_fen > DUES_BASE_MAX_FEN * 100)
        dj_err_field(err, "amount_fen", "金额应为 0 或更多");
    if (dj_utf8_length(r->note) > 200)
        dj_err_field(err, "note", "说明最长 200 个字");
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    r->bureau_id = path_root_id(o.path);
    dj_copy(r->org_name, sizeof r->org_name, o.name);
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_remittance_insert(db, r, actor->user.id, err))) {
        db_rollback(db);
        if (rc == DJ_ECONFLICT)
            return dj_err_set(err, DJ_ECONFLICT, "该组织这个月已有上缴记录");
        return rc;
    }
    return dues_write_audited(db, actor, "create", "dues_remittance", r->id, r->org_id, NULL,
                              dues_remittance_json(r), err);
}

int dues_remittance_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                           struct dj_err *err)
{
    struct dj_dues_remittance r;
    struct dj_org o;
    int rc = store_dues_remittance_get(db, id, &r, err);
    if (rc)
        return rc;
    if (store_org_get(db, r.org_id, &o, err) || authz_foreign(actor, o.path))
        return dj_err_set(err, DJ_ENOTFOUND, "上缴记录不存在");
    if ((rc = authz_require(actor, PERM_MEETINGS_WRITE, o.path, err)) ||
        (rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_dues_remittance_delete(db, id, err))) {
        db_rollback(db);
        return rc;
    }
    return dues_write_audited(db, actor, "delete", "dues_remittance", id, r.org_id,
                              dues_remittance_json(&r), NULL, err);
}
