/* dues_ledger: a bureau's 党费 as the rules see it, month by month.
 *
 * Owns struct dues_book (everything of one bureau — or one person — that the
 * arithmetic needs: dated settings, bases, reductions, payments, loaded in
 * one read) and struct dues_ledger (one member's months from the month their
 * dues start to a given month: the base, rate and amount of each, whether a
 * reduction applies and whether a payment covers it).  A member's dues start
 * with the later of their first base and the month of 入党时间 (a 预备党员
 * pays from the day the 支部大会 admits them).  Both are freed with their
 * *_free function; the caller owns them. */
#ifndef DJ_DUES_LEDGER_H
#define DJ_DUES_LEDGER_H

#include <stdbool.h>

#include "core/dues_rules.h"
#include "store/dues.h"
#include "store/people.h"

struct dues_book {
    int64_t bureau_id;
    struct dj_dues_setting *settings;
    int nsettings;
    struct dj_dues_base *bases; /* by person, then month */
    int nbases;
    struct dj_dues_reduction *reductions;
    int nreductions;
    struct dj_dues_payment *payments;
    int npayments;
};
/* Loads the bureau's book (person_id 0), or only that person's. */
int dues_book_load(struct dj_db *db, int64_t bureau_id, int64_t person_id, struct dues_book *b,
                   struct dj_err *err);
void dues_book_free(struct dues_book *b);
/* The rules in force in month: the defaults, then each named setting's
 * latest value from a month at or before it. */
void dues_book_rules(const struct dues_book *b, int month, struct dues_rules *out);

struct dues_month {
    int month;
    bool has_base;
    enum dues_category category;
    int64_t base_fen, rate_bp, due_fen;
    bool reduced;
    int64_t payment_id; /* 0: unpaid */
};
struct dues_ledger {
    int start;  /* first month of dues, -1 when no base yet */
    int n;      /* months start..end */
    struct dues_month *months;
};
/* The person's months from the start of their dues to end (inclusive). */
int dues_ledger_of(const struct dues_book *b, const struct dj_person *p, int end,
                   struct dues_ledger *out, struct dj_err *err);
void dues_ledger_free(struct dues_ledger *l);
/* The month's entry, NULL when outside the ledger. */
const struct dues_month *dues_ledger_month(const struct dues_ledger *l, int month);

/* Arrears up to (not including) the current month. */
struct dues_arrears {
    int unpaid_months;
    int consecutive;
    int64_t owed_fen;
    int last_paid; /* month, -1 when none */
    enum dues_flag flag;
};
void dues_ledger_arrears(const struct dues_book *b, const struct dues_ledger *l, int current,
                         struct dues_arrears *out);
/* True for 中共党员 and 中共预备党员 who have not left. */
bool dues_person_pays(const struct dj_person *p);

#endif
