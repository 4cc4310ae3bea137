#include "core/dues_ledger.h"

#include <stdlib.h>
#include <string.h>

int dues_book_load(struct dj_db *db, int64_t bureau_id, int64_t person_id, struct dues_book *b,
                   struct dj_err *err)
{
    memset(b, 0, sizeof *b);
    b->bureau_id = bureau_id;
    struct dj_dues_payment_filter f = {.bureau_id = bureau_id, .person_id = person_id,
                                       .limit = 10000000};
    int64_t total;
    int rc;
    if ((rc = store_dues_settings_list(db, bureau_id, &b->settings, &b->nsettings, err)) ||
        (rc = store_dues_bases_list(db, bureau_id, person_id, &b->bases, &b->nbases, err)) ||
        (rc = store_dues_reductions_list(db, bureau_id, person_id, &b->reductions,
                                         &b->nreductions, err)) ||
        (rc = store_dues_payments_list(db, &f, &b->payments, &b->npayments, &total, err)))
        dues_book_free(b);
    return rc;
}

void dues_book_free(struct dues_book *b)
{
    free(b->settings);
    free(b->bases);
    free(b->reductions);
    free(b->payments);
    memset(b, 0, sizeof *b);
}

void dues_book_rules(const struct dues_book *b, int month, struct dues_rules *out)
{
    dues_rules_default(out);
    /* rows come by name, then month: the last one at or before month wins */
    for (int i = 0; i < b->nsettings; i++) {
        const struct dj_dues_setting *s = &b->settings[i];
        int from = dues_month_parse(s->effective_from);
        int which = dues_setting_find(s->name);
        if (from < 0 || which < 0 || from > month)
            continue;
        (void)dues_setting_apply(out, (enum dues_setting)which, s->value, NULL);
    }
}

bool dues_person_pays(const struct dj_person *p)
{
    if (strcmp(p->political_status, "中共党员") && strcmp(p->political_status, "中共预备党员"))
        return false;
    return !strcmp(p->status, "在职") || !strcmp(p->status, "退休") || !p->status[0];
}

int dues_ledger_of(const struct dues_book *b, const struct dj_person *p, int end,
                   struct dues_ledger *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    out->start = -1;
    /* the person's bases, ascending by month (the book is sorted by person, month) */
    int first = -1, nb = 0;
    for (int i = 0; i < b->nbases; i++)
        if (b->bases[i].person_id == p->id) {
            if (first < 0)
                first = i;
            nb++;
        }
    if (nb == 0)
        return 0;
    struct dues_base_ref *refs = calloc((size_t)nb, sizeof *refs);
    if (!refs)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    for (int i = 0; i < nb; i++) {
        const struct dj_dues_base *x = &b->bases[first + i];
        int cat = dues_category_parse(x->category);
        refs[i].from_month = dues_month_parse(x->from_month);
        refs[i].category = cat < 0 ? DUES_SERVING : (enum dues_category)cat;
        refs[i].base_fen = x->base_fen;
    }
    int start = refs[0].from_month;
    int joined = dues_month_of_date(p->joined_party_on);
    if (joined > start)
        start = joined;
    out->start = start;
    if (end < start) {
        free(refs);
        return 0;
    }
    out->n = end - start + 1;
    out->months = calloc((size_t)out->n, sizeof *out->months);
    if (!out->months) {
        free(refs);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    for (int k = 0; k < out->n; k++) {
        struct dues_month *m = &out->months[k];
        m->month = start + k;
        struct dues_rules rules;
        dues_book_rules(b, m->month, &rules);
        int bi = dues_base_for_month(&rules, refs, nb, m->month);
        if (bi >= 0) {
            m->has_base = true;
            m->category = refs[bi].category;
            m->base_fen = refs[bi].base_fen;
            m->rate_bp = dues_rate_bp(&rules, m->category, m->base_fen);
            m->due_fen = dues_monthly_fen(&rules, m->category, m->base_fen);
        }
        for (int i = 0; i < b->nreductions; i++) {
            const struct dj_dues_reduction *r = &b->reductions[i];
            if (r->person_id == p->id && dues_month_parse(r->from_month) <= m->month &&
                dues_month_parse(r->to_month) >= m->month && r->amount_fen < m->due_fen) {
                m->due_fen = r->amount_fen;
                m->reduced = true;
            }
        }
    }
    for (int i = 0; i < b->npayments; i++) {
        const struct dj_dues_payment *pay = &b->payments[i];
        if (pay->person_id != p->id)
            continue;
        int from = dues_month_parse(pay->from_month), to = dues_month_parse(pay->to_month);
        for (int mo = from; mo <= to; mo++)
            if (mo >= start && mo <= end)
                out->months[mo - start].payment_id = pay->id;
    }
    free(refs);
    return 0;
}

void dues_ledger_free(struct dues_ledger *l)
{
    free(l->months);
    memset(l, 0, sizeof *l);
    l->start = -1;
}

const struct dues_month *dues_ledger_month(const struct dues_ledger *l, int month)
{
    if (l->start < 0 || month < l->start || month >= l->start + l->n)
        return NULL;
    return &l->months[month - l->start];
}

void dues_ledger_arrears(const struct dues_book *b, const struct dues_ledger *l, int current,
                         struct dues_arrears *out)
{
    memset(out, 0, sizeof *out);
    out->last_paid = -1;
    int run = 0;
    for (int k = 0; k < l->n && l->months[k].month < current; k++) {
        const struct dues_month *m = &l->months[k];
        if (m->payment_id) {
            out->last_paid = m->month;
            run = 0;
        } else if (m->has_base) {
            out->unpaid_months++;
            out->owed_fen += m->due_fen;
            run++;
        }
    }
    /* a payment made ahead of time also counts as the last paid month */
    for (int k = 0; k < l->n; k++)
        if (l->months[k].payment_id && l->months[k].month > out->last_paid)
            out->last_paid = l->months[k].month;
    out->consecutive = run;
    struct dues_rules rules;
    dues_book_rules(b, current, &rules);
    out->flag = dues_flag_of(&rules, run);
}
