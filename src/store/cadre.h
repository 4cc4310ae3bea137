/* store/cadre: the SQL of cadre development (migration 029): postings (轮岗,
 * 一线锻炼, 驻村第一书记), 帮带 pairs and their reviews.  Plain structs;
 * lists are arrays the caller frees; writes run inside the caller's
 * transaction. */
#ifndef DJ_STORE_CADRE_H
#define DJ_STORE_CADRE_H

#include <stdint.h>

#include "store/db.h"

struct dj_posting {
    int64_t id, bureau_id, person_id, department_id;
    char person_name[64], department_name[96];
    char kind[16]; /* rotation | frontline | village */
    char place[200], post[100];
    char start_on[11], end_on[11];
    char note[600];
    char created_at[32], updated_at[32];
};

struct dj_mentorship {
    int64_t id, bureau_id, mentor_id, mentee_id;
    char mentor_name[64], mentee_name[64];
    char mode[24]; /* leader_backbone | veteran_young | expert_young */
    char goals[1600];
    char start_on[11], end_on[11];
    int reviews;
    char created_at[32], updated_at[32];
};

struct dj_mentorship_review {
    int64_t id, mentorship_id;
    char reviewed_on[11], rating[16];
    char summary[1600];
};

/* A bureau's postings (person_id / kind 0 / NULL for any), newest first. */
int store_postings_list(struct dj_db *db, int64_t bureau_id, int64_t person_id, const char *kind,
                        struct dj_posting **items, int *count, struct dj_err *err);
int store_posting_get(struct dj_db *db, int64_t id, struct dj_posting *p, struct dj_err *err);
int store_posting_insert(struct dj_db *db, struct dj_posting *p, struct dj_err *err);
int store_posting_update(struct dj_db *db, struct dj_posting *p, struct dj_err *err);

int store_mentorships_list(struct dj_db *db, int64_t bureau_id, int64_t person_id, const char *mode,
                           struct dj_mentorship **items, int *count, struct dj_err *err);
int store_mentorship_get(struct dj_db *db, int64_t id, struct dj_mentorship *m, struct dj_err *err);
int store_mentorship_insert(struct dj_db *db, struct dj_mentorship *m, struct dj_err *err);
int store_mentorship_reviews(struct dj_db *db, int64_t mentorship_id, struct dj_mentorship_review **items,
                             int *count, struct dj_err *err);
int store_mentorship_review_insert(struct dj_db *db, int64_t bureau_id, struct dj_mentorship_review *r,
                                   struct dj_err *err);

#endif
