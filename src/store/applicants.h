/* store/applicants: the tables of 发展党员 (migration 028): applicant_settings,
 * applicants and applicant_reviews.  Plain structs owned by the caller; lists
 * are arrays the caller frees.  Writes run inside the caller's transaction. */
#ifndef DJ_STORE_APPLICANTS_H
#define DJ_STORE_APPLICANTS_H

#include <stdint.h>

#include "store/db.h"

struct dj_applicant_setting {
    int64_t id;
    int64_t bureau_id;
    char name[40];
    int64_t value;
    char effective_from[11];
    char note[608];
    char created_at[32];
};
int store_applicant_settings_list(struct dj_db *db, int64_t bureau_id, struct dj_applicant_setting **items,
                                  int *count, struct dj_err *err);
int store_applicant_setting_get(struct dj_db *db, int64_t id, struct dj_applicant_setting *s,
                                struct dj_err *err);
/* DJ_ECONFLICT when the bureau has the setting on that day already. */
int store_applicant_setting_insert(struct dj_db *db, struct dj_applicant_setting *s, int64_t created_by,
                                   struct dj_err *err);
int store_applicant_setting_delete(struct dj_db *db, int64_t id, struct dj_err *err);

struct dj_applicant {
    int64_t id;
    int64_t bureau_id;
    int64_t org_id;
    char org_name[128];
    char org_path[160];
    int64_t person_id; /* 0: not on the roster yet */
    char name[64];
    char staff_no[40];
    char gender[8];
    char birth_date[11];
    char stage[16];
    char applied_on[11];
    char talked_on[11];
    char activist_on[11];
    int64_t contact_ids[2];
    char contact_names[2][64];
    char candidate_on[11];
    char reviewed_on[11];
    int64_t training_days, training_hours;
    char notice_from[11], notice_to[11];
    int64_t introducer_ids[2];
    char introducer_names[2][64];
    char admitted_on[11];
    char approved_on[11];
    int64_t extension_months;
    char full_on[11];
    char note[608];
    char created_at[32];
    char updated_at[32];
};
struct dj_applicant_filter {
    int64_t bureau_id;
    const char *org_path; /* the branch's subtree (NULL: the bureau) */
    const char *stage;    /* NULL: any */
    const char *q;        /* name or 工号 contains */
};
/* Every applicant of the filter, by branch then application day. */
int store_applicants_list(struct dj_db *db, const struct dj_applicant_filter *f, struct dj_applicant **items,
                          int *count, struct dj_err *err);
int store_applicant_get(struct dj_db *db, int64_t id, struct dj_applicant *a, struct dj_err *err);
int store_applicant_insert(struct dj_db *db, struct dj_applicant *a, int64_t created_by, struct dj_err *err);
int store_applicant_update(struct dj_db *db, struct dj_applicant *a, struct dj_err *err);

struct dj_applicant_review {
    int64_t id;
    int64_t bureau_id;
    int64_t applicant_id;
    char reviewed_on[11];
    char note[608];
    char created_at[32];
};
/* An applicant's reviews, oldest first. */
int store_applicant_reviews(struct dj_db *db, int64_t applicant_id, struct dj_applicant_review **items,
                            int *count, struct dj_err *err);
int store_applicant_review_insert(struct dj_db *db, struct dj_applicant_review *r, int64_t created_by,
                                  struct dj_err *err);

#endif
