/* store/appraisals: the SQL of 民主评议党员 and 支部书记述职评议 (migration
 * 029).  Plain structs filled from rows; lists are arrays the caller frees.
 * Writes run inside the caller's transaction.  A secret ballot is two
 * writes that share no row: the voter into *_ballots (unique per person,
 * so a second ballot is a conflict) and each choice added to *_tallies
 * (counts per grade, no voter). */
#ifndef DJ_STORE_APPRAISALS_H
#define DJ_STORE_APPRAISALS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_appraisal_cap {
    char effective_from[11];
    int num, den;
    char base[16]; /* graded | full_members */
    char source[200];
};

struct dj_appraisal {
    int64_t id, bureau_id, org_id;
    char org_name[128], org_path[160];
    int year;
    char status[12]; /* open | graded */
    char opened_on[11], graded_on[11];
    char note[400];
    int members, self_done, ballots; /* counts for lists */
};

struct dj_appraisal_member {
    int64_t id, person_id;
    char name[64];
    char category[16]; /* 正式党员 | 预备党员 */
    char self_text[4000];
    char self_on[11];
    char grade[16];
    int64_t talk_id, rectification_id;
    char followup_note[400];
};

struct dj_tally {
    int64_t person_id; /* appraisals: the one rated; reviews: 0 */
    char grade[16];
    int votes;
};

int store_appraisal_cap_at(struct dj_db *db, int64_t bureau_id, const char *date, struct dj_appraisal_cap *c,
                           bool *found, struct dj_err *err);
int store_appraisal_caps(struct dj_db *db, int64_t bureau_id, struct dj_appraisal_cap **items, int *count,
                         struct dj_err *err);
int store_appraisal_cap_insert(struct dj_db *db, int64_t bureau_id, const struct dj_appraisal_cap *c,
                               int64_t created_by, struct dj_err *err);

int store_appraisal_insert(struct dj_db *db, struct dj_appraisal *a, int64_t created_by, struct dj_err *err);
/* The members of org_id (党员 and 预备党员 with a membership covering day) join a. */
int store_appraisal_members_seed(struct dj_db *db, const struct dj_appraisal *a, const char *day,
                                 struct dj_err *err);
int store_appraisal_get(struct dj_db *db, int64_t id, struct dj_appraisal *a, struct dj_err *err);
/* A bureau's appraisals (year 0: all), newest first, with their counts. */
int store_appraisals_list(struct dj_db *db, int64_t bureau_id, int year, struct dj_appraisal **items,
                          int *count, struct dj_err *err);
/* Appraisal ids person_id takes part in. */
int store_appraisals_of_person(struct dj_db *db, int64_t person_id, int64_t **ids, int *count,
                               struct dj_err *err);
int store_appraisal_members(struct dj_db *db, int64_t appraisal_id, struct dj_appraisal_member **items,
                            int *count, struct dj_err *err);
int store_appraisal_tallies(struct dj_db *db, int64_t appraisal_id, struct dj_tally **items, int *count,
                            struct dj_err *err);
int store_appraisal_self_set(struct dj_db *db, int64_t appraisal_id, int64_t person_id, const char *text,
                             const char *day, struct dj_err *err);
int store_appraisal_grade_set(struct dj_db *db, int64_t appraisal_id, int64_t person_id, const char *grade,
                              struct dj_err *err);
int store_appraisal_status_set(struct dj_db *db, int64_t id, const char *status, const char *graded_on,
                               struct dj_err *err);
int store_appraisal_followup_set(struct dj_db *db, int64_t appraisal_id, int64_t person_id, int64_t talk_id,
                                 int64_t rectification_id, const char *note, struct dj_err *err);
/* Has person cast their ballot? */
int store_appraisal_voted(struct dj_db *db, int64_t appraisal_id, int64_t person_id, bool *voted,
                          struct dj_err *err);
int store_appraisal_ballot_insert(struct dj_db *db, int64_t bureau_id, int64_t appraisal_id, int64_t person_id,
                                  struct dj_err *err);
int store_appraisal_tally_add(struct dj_db *db, int64_t bureau_id, int64_t appraisal_id, int64_t person_id,
                              const char *grade, struct dj_err *err);

/* The index source: graded members of the bureau's appraisals of the years from..to. */
struct dj_appraisal_grade {
    int64_t person_id, org_id, appraisal_id;
    int year;
    char grade[16], graded_on[11], org_name[128], category[16];
};
int store_appraisal_grades(struct dj_db *db, int64_t bureau_id, int from_year, int to_year,
                           struct dj_appraisal_grade **items, int *count, struct dj_err *err);

/* ---- 支部书记述职评议 ---- */
struct dj_secretary_review {
    int64_t id, bureau_id, org_id, person_id;
    char org_name[128], org_path[160], person_name[64];
    int year;
    char report[8000];
    char figures[2000];
    char status[12]; /* open | closed */
    char opened_on[11], closed_on[11];
    int ballots;
};
int store_review_insert(struct dj_db *db, struct dj_secretary_review *r, int64_t created_by, struct dj_err *err);
int store_review_get(struct dj_db *db, int64_t id, struct dj_secretary_review *r, struct dj_err *err);
int store_reviews_list(struct dj_db *db, int64_t bureau_id, int year, struct dj_secretary_review **items,
                       int *count, struct dj_err *err);
int store_review_report_set(struct dj_db *db, int64_t id, const char *report, struct dj_err *err);
int store_review_close(struct dj_db *db, int64_t id, const char *day, struct dj_err *err);
int store_review_voted(struct dj_db *db, int64_t review_id, int64_t person_id, bool *voted, struct dj_err *err);
int store_review_ballot_insert(struct dj_db *db, int64_t bureau_id, int64_t review_id, int64_t person_id,
                               const char *grade, struct dj_err *err);
int store_review_tallies(struct dj_db *db, int64_t review_id, struct dj_tally **items, int *count,
                         struct dj_err *err);

#endif
