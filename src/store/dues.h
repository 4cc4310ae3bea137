/* store/dues: the tables of 党费 (migration 022): dues_settings, dues_bases,
 * dues_reductions, dues_payments, dues_remittances.  Money in fen, months
 * 'YYYY-MM'.  Structs are plain caller-owned memory; lists are arrays the
 * caller frees with free().  Writes run inside the caller's transaction. */
#ifndef DJ_STORE_DUES_H
#define DJ_STORE_DUES_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_dues_setting {
    int64_t id, bureau_id;
    char name[40];
    char value[256];
    char effective_from[8];
    char note[400];
    char created_at[32];
};
/* The bureau's settings by name, then month. */
int store_dues_settings_list(struct dj_db *db, int64_t bureau_id, struct dj_dues_setting **items,
                             int *count, struct dj_err *err);
int store_dues_setting_get(struct dj_db *db, int64_t id, struct dj_dues_setting *s,
                           struct dj_err *err);
int store_dues_setting_insert(struct dj_db *db, struct dj_dues_setting *s, int64_t created_by,
                              struct dj_err *err);
int store_dues_setting_delete(struct dj_db *db, int64_t id, struct dj_err *err);

struct dj_dues_base {
    int64_t id, bureau_id, person_id;
    char name[64];
    char staff_no[40];
    char from_month[8];
    char category[16];
    int64_t base_fen;
    char components[1024]; /* JSON object text, or "" */
    char note[400];
    char created_at[32];
};
/* A bureau's bases (person_id 0: everyone's) by person, then month. */
int store_dues_bases_list(struct dj_db *db, int64_t bureau_id, int64_t person_id,
                          struct dj_dues_base **items, int *count, struct dj_err *err);
int store_dues_base_get(struct dj_db *db, int64_t id, struct dj_dues_base *b, struct dj_err *err);
/* The base of person from month, DJ_ENOTFOUND when none. */
int store_dues_base_find(struct dj_db *db, int64_t person_id, const char *from_month,
                         struct dj_dues_base *b, struct dj_err *err);
int store_dues_base_insert(struct dj_db *db, struct dj_dues_base *b, int64_t created_by,
                           struct dj_err *err);
int store_dues_base_update(struct dj_db *db, const struct dj_dues_base *b, struct dj_err *err);
int store_dues_base_delete(struct dj_db *db, int64_t id, struct dj_err *err);

struct dj_dues_reduction {
    int64_t id, bureau_id, person_id;
    char name[64];
    char staff_no[40];
    char from_month[8], to_month[8];
    int64_t amount_fen; /* the monthly amount after the reduction */
    char reason[400];
    char approval_level[16]; /* committee (上级党委) or branch (支部) */
    char approved_by[128];
    char approved_on[11];
    char approval_ref[128];
    char created_at[32];
};
int store_dues_reductions_list(struct dj_db *db, int64_t bureau_id, int64_t person_id,
                               struct dj_dues_reduction **items, int *count, struct dj_err *err);
int store_dues_reduction_get(struct dj_db *db, int64_t id, struct dj_dues_reduction *r,
                             struct dj_err *err);
int store_dues_reduction_insert(struct dj_db *db, struct dj_dues_reduction *r, int64_t created_by,
                                struct dj_err *err);
int store_dues_reduction_delete(struct dj_db *db, int64_t id, struct dj_err *err);

struct dj_dues_payment {
    int64_t id, bureau_id, person_id, org_id;
    char name[64];
    char staff_no[40];
    char org_name[128];
    char from_month[8], to_month[8];
    int64_t amount_fen, due_fen;
    char paid_on[11];
    char channel[64];
    bool late;
    char note[400];
    char recorded_by[64]; /* the recording account's display name */
    char created_at[32];
};
struct dj_dues_payment_filter {
    int64_t bureau_id;
    int64_t person_id;       /* 0: all */
    const char *org_path;    /* paid in a branch under this path; NULL: all */
    const char *from, *to;   /* paid_on between (dates), NULL: open */
    int limit, offset;
};
/* A page, newest first, and the filtered count. */
int store_dues_payments_list(struct dj_db *db, const struct dj_dues_payment_filter *f,
                             struct dj_dues_payment **items, int *count, int64_t *total,
                             struct dj_err *err);
int store_dues_payment_get(struct dj_db *db, int64_t id, struct dj_dues_payment *p,
                           struct dj_err *err);
int store_dues_payment_insert(struct dj_db *db, struct dj_dues_payment *p, int64_t created_by,
                              struct dj_err *err);
int store_dues_payment_delete(struct dj_db *db, int64_t id, struct dj_err *err);

struct dj_dues_remittance {
    int64_t id, bureau_id, org_id;
    char org_name[128];
    char month[8];
    int64_t amount_fen;
    char remitted_on[11];
    char note[400];
    char created_at[32];
};
/* The remittances of branches under org_path (NULL: the bureau's) in months
 * whose text starts with month_prefix ("2026" or "2026-03"; NULL: all). */
int store_dues_remittances_list(struct dj_db *db, int64_t bureau_id, const char *org_path,
                                const char *month_prefix, struct dj_dues_remittance **items,
                                int *count, struct dj_err *err);
int store_dues_remittance_get(struct dj_db *db, int64_t id, struct dj_dues_remittance *r,
                              struct dj_err *err);
int store_dues_remittance_insert(struct dj_db *db, struct dj_dues_remittance *r, int64_t created_by,
                                 struct dj_err *err);
int store_dues_remittance_delete(struct dj_db *db, int64_t id, struct dj_err *err);

#endif
