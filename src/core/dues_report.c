#include "core/dues_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dues.h"
#include "core/dues_ledger.h"
#include "core/dues_payments.h"
#include "core/dues_rules.h"
#include "core/people.h"
#include "store/dues.h"
#include "store/orgs.h"
#include "util/date.h"
#include "util/text.h"

/* The paying members of a path, gathered from the people list. */
struct payers {
    struct dj_person *items;
    int count, cap;
};

static int collect_payer(void *ctx, const struct dj_person *p, int64_t total)
{
    (void)total;
    struct payers *ps = ctx;
    if (!dues_person_pays(p))
        return 0;
    if (ps->count == ps->cap) {
        int cap = ps->cap ? ps->cap * 2 : 64;
        struct dj_person *grown = realloc(ps->items, (size_t)cap * sizeof *grown);
        if (!grown)
            return DJ_ENOMEM;
        ps->items = grown;
        ps->cap = cap;
    }
    ps->items[ps->count++] = *p;
    return 0;
}

static int payers_of(struct dj_db *db, const char *path, int64_t org_id, struct payers *ps,
                     struct dj_err *err)
{
    memset(ps, 0, sizeof *ps);
    struct dj_people_filter f = {.scope_path = path, .branch_id = org_id, .limit = 100000};
    int64_t total;
    int rc = store_people_each(db, &f, collect_payer, ps, &total, err);
    if (rc == DJ_ENOMEM)
        dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (rc) {
        free(ps->items);
        memset(ps, 0, sizeof *ps);
    }
    return rc;
}

/* The reader's scope narrowed to org_id when given: bureau, path, org. */
static int report_scope(struct dj_db *db, const struct dj_actor *actor, int64_t org_id,
                        int64_t *bureau, char *path, size_t size, struct dj_err *err)
{
    const char *scope;
    *bureau = dues_read_scope(actor, &scope);
    if (!*bureau)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看党费");
    snprintf(path, size, "/%lld/", (long long)*bureau);
    if (scope)
        dj_copy(path, size, scope);
    if (!org_id)
        return 0;
    struct dj_org o;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (store_org_get(db, org_id, &o, &lookup) || authz_foreign(actor, o.path))
        return dj_err_field(err, "org_id", "组织不存在");
    if (!authz_allows(actor, PERM_PEOPLE_READ, o.path))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此组织的党费");
    dj_copy(path, size, o.path);
    return 0;
}

static json_t *month_text(int month)
{
    if (month < 0)
        return json_null();
    char m[8];
    dues_month_format(month, m);
    return json_string(m);
}

static json_t *member_json(const struct dj_person *p, const struct dues_ledger *l,
                           const struct dues_arrears *a, int current)
{
    const struct dues_month *m = dues_ledger_month(l, current);
    bool has = m && m->has_base;
    return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:b, s:s, s:I, s:I, s:I, s:b, s:o, s:i, s:i,"
                     " s:I, s:o, s:s}",
                     "person_id", (json_int_t)p->id, "name", p->name, "staff_no", p->staff_no,
                     "branch_id", (json_int_t)p->branch_id, "branch_name", p->branch_name,
                     "political_status", p->political_status, "has_base", has, "category",
                     has ? dues_category_name(m->category) : "", "base_fen",
                     (json_int_t)(has ? m->base_fen : 0), "rate_bp",
                     (json_int_t)(has ? m->rate_bp : 0), "due_fen", (json_int_t)(has ? m->due_fen : 0),
                     "reduced", has && m->reduced, "start_month", month_text(l->start),
                     "unpaid_months", a->unpaid_months, "consecutive_unpaid", a->consecutive,
                     "arrears_fen", (json_int_t)a->owed_fen, "last_paid_month",
                     month_text(a->last_paid), "flag", dues_flag_name(a->flag));
}

int dues_members(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t org_id, const char *flag, json_t **items, struct dj_err *err)
{
    int64_t bureau;
    char path[160];
    int rc = report_scope(db, actor, org_id, &bureau, path, sizeof path, err);
    if (rc)
        return rc;
    enum dues_flag least = DUES_FLAG_NONE;
    if (flag && *flag) {
        if (!strcmp(flag, "warning"))
            least = DUES_FLAG_WARNING;
        else if (!strcmp(flag, "serious"))
            least = DUES_FLAG_SERIOUS;
        else
            return dj_err_field(err, "flag", "应为 warning 或 serious");
    }
    struct payers ps;
    struct dues_book book;
    if ((rc = payers_of(db, path, 0, &ps, err)))
        return rc;
    if ((rc = dues_book_load(db, bureau, 0, &book, err))) {
        free(ps.items);
        return rc;
    }
    int current = dues_current_month(cfg);
    *items = json_array();
    for (int i = 0; i < ps.count && !rc; i++) {
        struct dues_ledger l;
        if ((rc = dues_ledger_of(&book, &ps.items[i], current, &l, err)))
            break;
        struct dues_arrears a;
        dues_ledger_arrears(&book, &l, current, &a);
        if (a.flag >= least)
            json_array_append_new(*items, member_json(&ps.items[i], &l, &a, current));
        dues_ledger_free(&l);
    }
    dues_book_free(&book);
    free(ps.items);
    if (rc) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

int dues_statement(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t person_id, int year, json_t **out, struct dj_err *err)
{
    if (!person_id)
        person_id = actor->person_id;
    if (!person_id)
        return dj_err_set(err, DJ_ENOTFOUND, "您的账号未关联人员");
    struct dj_person p;
    int rc = dues_person_readable(db, actor, person_id, &p, err);
    if (rc)
        return rc == DJ_EINVAL ? dj_err_set(err, DJ_ENOTFOUND, "人员不存在") : rc;
    int current = dues_current_month(cfg);
    if (!year)
        year = current / 12;
    if (year < 1900 || year > 2999)
        return dj_err_field(err, "year", "应为年份");
    struct dues_book book;
    if ((rc = dues_book_load(db, p.bureau_id, p.id, &book, err)))
        return rc;
    int last = year * 12 + 11;
    struct dues_ledger l;
    if ((rc = dues_ledger_of(&book, &p, last > current ? last : current, &l, err))) {
        dues_book_free(&book);
        return rc;
    }
    struct dues_arrears a;
    dues_ledger_arrears(&book, &l, current, &a);
    json_t *months = json_array(), *payments = json_array();
    int64_t due = 0, paid = 0;
    for (int mo = year * 12; mo <= last; mo++) {
        const struct dues_month *m = dues_ledger_month(&l, mo);
        if (!m || !m->has_base)
            continue;
        const struct dj_dues_payment *pay = NULL;
        for (int i = 0; m->payment_id && i < book.npayments; i++)
            if (book.payments[i].id == m->payment_id)
                pay = &book.payments[i];
        due += m->due_fen;
        if (pay)
            paid += m->due_fen;
        json_array_append_new(
            months, json_pack("{s:o, s:s, s:I, s:I, s:I, s:b, s:b, s:s?, s:s?}", "month",
                              month_text(mo), "category", dues_category_name(m->category),
                              "base_fen", (json_int_t)m->base_fen, "rate_bp", (json_int_t)m->rate_bp,
                              "due_fen", (json_int_t)m->due_fen, "reduced", m->reduced, "paid",
                              pay != NULL, "paid_on", pay ? pay->paid_on : NULL, "channel",
                              pay ? pay->channel : NULL));
    }
    char y[5];
    snprintf(y, sizeof y, "%04d", year % 10000);
    for (int i = 0; i < book.npayments; i++)
        if (!strncmp(book.payments[i].paid_on, y, 4))
            json_array_append_new(payments, dues_payment_json(&book.payments[i]));
    const struct dues_month *now = dues_ledger_month(&l, current);
    *out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:o, s:I, s:I, s:I, s:I, s:i, s:i, s:I, s:s,"
                     " s:o, s:o}",
                     "person_id", (json_int_t)p.id, "name", p.name, "staff_no", p.staff_no,
                     "branch_name", p.branch_name, "political_status", p.political_status, "year",
                     year, "start_month", month_text(l.start), "monthly_fen",
                     (json_int_t)(now && now->has_base ? now->due_fen : 0), "base_fen",
                     (json_int_t)(now && now->has_base ? now->base_fen : 0), "due_fen",
                     (json_int_t)due, "paid_fen", (json_int_t)paid, "unpaid_months",
                     a.unpaid_months, "consecutive_unpaid", a.consecutive, "arrears_fen",
                     (json_int_t)a.owed_fen, "flag", dues_flag_name(a.flag), "months", months,
                     "payments", payments);
    dues_ledger_free(&l);
    dues_book_free(&book);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

/* One row of the report. */
struct branch_row {
    int64_t org_id;
    char name[128];
    char path[160];
    int members, unpaid_members, payments;
    int64_t due, paid, collected, remitted;
};

static struct branch_row *row_of(struct branch_row *rows, int *n, int cap, int64_t org_id,
                                 const char *name, const char *path)
{
    for (int i = 0; i < *n; i++)
        if (rows[i].org_id == org_id)
            return &rows[i];
    if (*n >= cap)
        return NULL;
    struct branch_row *r = &rows[(*n)++];
    memset(r, 0, sizeof *r);
    r->org_id = org_id;
    dj_copy(r->name, sizeof r->name, name);
    dj_copy(r->path, sizeof r->path, path);
    return r;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct branch_row *)a)->path, ((const struct branch_row *)b)->path);
}

int dues_report(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                int64_t org_id, const char *period, json_t **items, json_t **totals,
                struct dj_err *err)
{
    *items = NULL;
    *totals = NULL;
    int first, last;
    int current = dues_current_month(cfg);
    char jan[8];
    if (!period || !*period) {
        first = current - current % 12;
        last = first + 11;
    } else if (strlen(period) == 4 &&
               (snprintf(jan, sizeof jan, "%s-01", period), first = dues_month_parse(jan)) >= 0) {
        last = first + 11;
    } else if ((first = dues_month_parse(period)) >= 0) {
        last = first;
    } else {
        return dj_err_field(err, "period", "应为年份 YYYY 或月份 YYYY-MM");
    }
    int64_t bureau;
    char path[160];
    int rc = report_scope(db, actor, org_id, &bureau, path, sizeof path, err);
    if (rc)
        return rc;
    struct dj_org *orgs = NULL;
    int norgs = 0;
    struct payers ps;
    struct dues_book book;
    struct dj_dues_remittance *rem = NULL;
    int nrem = 0;
    char from[DJ_DATE_LEN], to[DJ_DATE_LEN], prefix[8];
    dues_month_format(first, from);
    dues_month_format(last, to);
    dj_copy(prefix, sizeof prefix, period && *period ? period : from);
    if (first != last)
        prefix[4] = '\0';
    if ((rc = store_org_list(db, path, &orgs, &norgs, err)))
        return rc;
    if ((rc = payers_of(db, path, 0, &ps, err))) {
        free(orgs);
        return rc;
    }
    if ((rc = dues_book_load(db, bureau, 0, &book, err))) {
        free(orgs);
        free(ps.items);
        return rc;
    }
    if ((rc = store_dues_remittances_list(db, bureau, path, prefix, &rem, &nrem, err)))
        goto out;
    int cap = norgs + 1;
    struct branch_row *rows = calloc((size_t)cap, sizeof *rows);
    if (!rows) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    int n = 0;
    for (int i = 0; i < norgs; i++)
        if (!strcmp(orgs[i].type, "党支部") && !strcmp(orgs[i].status, "active"))
            row_of(rows, &n, cap, orgs[i].id, orgs[i].name, orgs[i].path);
    int until = last < current ? last : current; /* months not yet come owe nothing */
    for (int i = 0; i < ps.count && !rc; i++) {
        const struct dj_person *p = &ps.items[i];
        struct branch_row *r = row_of(rows, &n, cap, p->branch_id, p->branch_name, p->branch_path);
        struct dues_ledger l;
        if (!r || (rc = dues_ledger_of(&book, p, last, &l, err)))
            continue;
        bool counted = false, unpaid = false;
        for (int mo = first; mo <= last; mo++) {
            const struct dues_month *m = dues_ledger_month(&l, mo);
            if (!m || !m->has_base)
                continue;
            counted = true;
            if (mo > until)
                continue;
            r->due += m->due_fen;
            if (m->payment_id)
                r->paid += m->due_fen;
            else
                unpaid = true;
        }
        r->members += counted;
        r->unpaid_members += unpaid;
        dues_ledger_free(&l);
    }
    for (int i = 0; i < book.npayments && !rc; i++) {
        const struct dj_dues_payment *pay = &book.payments[i];
        int m = dues_month_of_date(pay->paid_on);
        struct branch_row *r = NULL;
        for (int k = 0; k < n; k++)
            if (rows[k].org_id == pay->org_id)
                r = &rows[k];
        if (r && m >= first && m <= last) {
            r->collected += pay->amount_fen;
            r->payments++;
        }
    }
    for (int i = 0; i < nrem; i++)
        for (int k = 0; k < n; k++)
            if (rows[k].org_id == rem[i].org_id)
                rows[k].remitted += rem[i].amount_fen;
    qsort(rows, (size_t)n, sizeof *rows, by_path);
    struct branch_row sum;
    memset(&sum, 0, sizeof sum);
    *items = json_array();
    for (int k = 0; !rc && k < n; k++) {
        struct branch_row *r = &rows[k];
        sum.members += r->members;
        sum.unpaid_members += r->unpaid_members;
        sum.payments += r->payments;
        sum.due += r->due;
        sum.paid += r->paid;
        sum.collected += r->collected;
        sum.remitted += r->remitted;
        json_array_append_new(
            *items, json_pack("{s:I, s:s, s:s, s:i, s:i, s:I, s:I, s:I, s:I, s:i, s:I}", "org_id",
                              (json_int_t)r->org_id, "org_name", r->name, "period", prefix,
                              "members", r->members, "unpaid_members", r->unpaid_members, "due_fen",
                              (json_int_t)r->due, "paid_fen", (json_int_t)r->paid,
                              "collected_fen", (json_int_t)r->collected, "remitted_fen",
                              (json_int_t)r->remitted, "payments", r->payments, "unremitted_fen",
                              (json_int_t)(r->collected - r->remitted)));
    }
    *totals = json_pack("{s:s, s:i, s:i, s:I, s:I, s:I, s:I, s:i, s:I}", "period", prefix,
                        "members", sum.members, "unpaid_members", sum.unpaid_members, "due_fen",
                        (json_int_t)sum.due, "paid_fen", (json_int_t)sum.paid, "collected_fen",
                        (json_int_t)sum.collected, "remitted_fen", (json_int_t)sum.remitted,
                        "payments", sum.payments, "unremitted_fen",
                        (json_int_t)(sum.collected - sum.remitted));
    free(rows);
out:
    free(rem);
    dues_book_free(&book);
    free(ps.items);
    free(orgs);
    if (rc && *items) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}
