#include "core/demo_dues.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/dues_ledger.h"
#include "core/dues_rules.h"
#include "store/dues.h"
#include "store/people.h"
#include "util/text.h"

static uint32_t seed = 20261216u;
static uint32_t rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
}

struct payers {
    struct dj_person *p;
    int n, cap;
};

static int collect(void *ctx, const struct dj_person *p, int64_t total)
{
    (void)total;
    struct payers *ps = ctx;
    if (!dues_person_pays(p) || !p->branch_id)
        return 0;
    if (ps->n == ps->cap) {
        int cap = ps->cap ? ps->cap * 2 : 128;
        struct dj_person *grown = realloc(ps->p, (size_t)cap * sizeof *grown);
        if (!grown)
            return DJ_ENOMEM;
        ps->p = grown;
        ps->cap = cap;
    }
    ps->p[ps->n++] = *p;
    return 0;
}

/* The day `day` of a month number as YYYY-MM-DD. */
static void day_of(int month, int day, char out[11])
{
    char m[8];
    dues_month_format(month, m);
    snprintf(out, 11, "%s-%02d", m, day);
}

/* Collected per branch and month, for the remittances. */
struct collected {
    int64_t org_id;
    int month;
    int64_t fen;
};

static int add_collected(struct collected **c, int *n, int *cap, int64_t org, int month, int64_t fen)
{
    for (int i = 0; i < *n; i++)
        if ((*c)[i].org_id == org && (*c)[i].month == month) {
            (*c)[i].fen += fen;
            return 0;
        }
    if (*n == *cap) {
        int grown_cap = *cap ? *cap * 2 : 64;
        struct collected *g = realloc(*c, (size_t)grown_cap * sizeof *g);
        if (!g)
            return DJ_ENOMEM;
        *c = g;
        *cap = grown_cap;
    }
    (*c)[(*n)++] = (struct collected){org, month, fen};
    return 0;
}

static int pay(struct dj_db *db, const struct dj_person *p, const struct dues_ledger *l, int from,
               int to, int paid_month, int day, const char *channel, int *payments,
               struct collected **col, int *ncol, int *capcol, struct dj_err *err)
{
    int64_t due = 0;
    for (int m = from; m <= to; m++) {
        const struct dues_month *x = dues_ledger_month(l, m);
        if (!x || !x->has_base)
            return 0;
        due += x->due_fen;
    }
    struct dj_dues_payment pay;
    memset(&pay, 0, sizeof pay);
    pay.bureau_id = p->bureau_id;
    pay.person_id = p->id;
    pay.org_id = p->branch_id;
    dues_month_format(from, pay.from_month);
    dues_month_format(to, pay.to_month);
    pay.amount_fen = due;
    pay.due_fen = due;
    day_of(paid_month, day, pay.paid_on);
    dj_copy(pay.channel, sizeof pay.channel, channel);
    int rc = store_dues_payment_insert(db, &pay, 0, err);
    if (!rc) {
        (*payments)++;
        rc = add_collected(col, ncol, capcol, p->branch_id, paid_month, due);
        if (rc)
            dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    return rc;
}

int demo_dues(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct payers ps = {0};
    struct dj_people_filter f = {.scope_path = bureau, .limit = 100000};
    int64_t total;
    int rc = store_people_each(db, &f, collect, &ps, &total, err);
    if (rc == DJ_ENOMEM)
        dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (rc) {
        free(ps.p);
        return rc;
    }
    int current = dues_month_of_date(today);
    int first = current - 12;           /* a year of months before this one */
    int july = first - first % 12 + 18; /* July of the year after the first month */
    struct collected *col = NULL;
    int ncol = 0, capcol = 0, bases = 0, payments = 0, behind = 0;
    if ((rc = db_begin_write(db, err))) {
        free(ps.p);
        return rc;
    }
    for (int i = 0; i < ps.n && !rc; i++) {
        const struct dj_person *p = &ps.p[i];
        bool retired = !strcmp(p->status, "退休");
        struct dj_dues_base b;
        memset(&b, 0, sizeof b);
        b.bureau_id = root;
        b.person_id = p->id;
        dues_month_format(first, b.from_month);
        dj_copy(b.category, sizeof b.category, retired ? "retired" : "serving");
        /* 3500–12000 yuan after tax, a pension of 3000–8000, in whole tens */
        b.base_fen = retired ? (300000 + (int64_t)rnd(500) * 1000) : (350000 + (int64_t)rnd(850) * 1000);
        if (!retired) {
            int64_t post = b.base_fen * 45 / 100, grade = b.base_fen * 35 / 100;
            int64_t work = b.base_fen * 20 / 100, tax = b.base_fen / 20;
            int64_t living = b.base_fen - post - grade - work + tax;
            char comp[256];
            snprintf(comp, sizeof comp,
                     "{\"个人所得税\":%lld,\"工作性津贴\":%lld,\"生活性补贴\":%lld,\"级别工资\":%lld,"
                     "\"职务工资\":%lld}",
                     (long long)tax, (long long)work, (long long)living, (long long)grade,
                     (long long)post);
            dj_copy(b.components, sizeof b.components, comp);
        }
        if ((rc = store_dues_base_insert(db, &b, 0, err)))
            break;
        bases++;
        if (!retired && rnd(4) == 0 && july < current) { /* a raise in July: applies next January */
            b.id = 0;
            dues_month_format(july, b.from_month);
            b.base_fen += 20000 + (int64_t)rnd(30) * 1000;
            b.components[0] = '\0';
            dj_copy(b.note, sizeof b.note, "工资调整");
            if ((rc = store_dues_base_insert(db, &b, 0, err)))
                break;
            bases++;
        }
    }
    struct dues_book book;
    if (!rc && (rc = dues_book_load(db, root, 0, &book, err)) == 0) {
        for (int i = 0; i < ps.n && !rc; i++) {
            const struct dj_person *p = &ps.p[i];
            struct dues_ledger l;
            if ((rc = dues_ledger_of(&book, p, current, &l, err)))
                break;
            int start = l.start > first ? l.start : first;
            /* every 25th member falls behind: 3 to 5 months unpaid */
            int stop = current;
            if (i % 25 == 7) {
                stop = current - 3 - (int)rnd(3);
                behind++;
            }
            bool quarterly = rnd(5) == 0;
            const char *channel = !strcmp(p->status, "退休") ? "现金" : rnd(3) ? "工资代扣" : "微信";
            for (int m = start; m < stop && !rc;) {
                int to = m;
                if (quarterly)
                    while (to + 1 < stop && (to + 1) % 3 != 0)
                        to++;
                rc = pay(db, p, &l, m, to, to, 8 + (int)rnd(15), channel, &payments, &col, &ncol,
                         &capcol, err);
                m = to + 1;
            }
            dues_ledger_free(&l);
        }
        dues_book_free(&book);
    }
    /* each branch remits the month's collection early the next month */
    for (int i = 0; i < ncol && !rc; i++) {
        if (col[i].month + 1 >= current)
            continue; /* this month's remittance is not due yet */
        struct dj_dues_remittance r;
        memset(&r, 0, sizeof r);
        r.bureau_id = root;
        r.org_id = col[i].org_id;
        dues_month_format(col[i].month, r.month);
        r.amount_fen = col[i].fen;
        day_of(col[i].month + 1, 5, r.remitted_on);
        rc = store_dues_remittance_insert(db, &r, 0, err);
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:i, s:i}", "dues_bases", bases, "dues_payments", payments,
                                  "members_behind", behind);
        rc = after ? audit_record(db, &system, "demo", "dues", 0, root, NULL, after, err)
                   : dj_err_set(err, DJ_ENOMEM, "内存不足");
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err)))
        db_rollback(db);
    else
        fprintf(out, "党费：%d 条基数，%d 笔缴纳，%d 名党员欠缴 3 至 5 个月\n", bases, payments, behind);
    free(col);
    free(ps.p);
    return rc;
}
