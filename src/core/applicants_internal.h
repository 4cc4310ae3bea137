/* applicants_internal: what core/applicants*.c share, private to them.
 * struct applicant_rows holds a bureau's settings rows (items) and their
 * view for core/applicant_rules (rows, pointing into items); free both with
 * applicant_rows_free. */
#ifndef DJ_APPLICANTS_INTERNAL_H
#define DJ_APPLICANTS_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "core/applicant_rules.h"
#include "core/authz.h"
#include "store/applicants.h"

struct applicant_rows {
    struct dj_applicant_setting *items;
    struct applicant_setting_row *rows;
    int n;
};
int applicant_rows_load(struct dj_db *db, int64_t bureau, struct applicant_rows *r, struct dj_err *err);
void applicant_rows_free(struct applicant_rows *r);

void applicant_bureau_path(int64_t bureau, char *out, size_t size);
bool applicant_may_write(const struct dj_actor *actor, const struct dj_applicant *a);
/* The dates and counts of a as the rules see them (reviews and full
 * introducers left 0: counted from the database by core/applicants.c). */
void applicant_facts_of(const struct dj_applicant *a, struct applicant_facts *f);

/* What falls due next for an applicant: the code (talk_due, review_due,
 * candidate_ready, probation_ending) and the day; "" when nothing. */
struct applicant_due {
    char code[24];
    char day[11];
    char probation_end[11];
};
int applicant_due_of(struct dj_db *db, const struct applicant_rows *rows, const struct dj_applicant *a,
                     struct applicant_due *out, struct dj_err *err);

json_t *applicant_json(const struct dj_applicant *a, const char *probation_end, const char *next_due,
                       const char *next_code);

#endif
