/* store/learning: lecture_labels (the themes and modules of the 财政月讲堂),
 * the lecture figures read from meetings of the kind 'lecture', quizzes
 * (tests and contests) with their questions and scores, and study_records.
 * Scores and hours are integers of hundredths.  Plain structs; lists are
 * arrays the caller frees; writes run inside the caller's transaction. */
#ifndef DJ_STORE_LEARNING_H
#define DJ_STORE_LEARNING_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_lecture_label {
    int64_t id, bureau_id;
    char kind[8]; /* theme or module */
    char name[64];
    int sort_order;
    bool active;
};
/* kind NULL for both kinds. */
int store_lecture_labels(struct dj_db *db, int64_t bureau_id, const char *kind,
                         struct dj_lecture_label **items, int *count, struct dj_err *err);
int store_lecture_label_get(struct dj_db *db, int64_t id, struct dj_lecture_label *l,
                            struct dj_err *err);
/* Inserts (id 0) or updates name, sort_order and active. */
int store_lecture_label_save(struct dj_db *db, struct dj_lecture_label *l, struct dj_err *err);

/* Lectures held between from and to by orgs under path. */
struct dj_lecture_totals {
    int sessions;
    int64_t roster_times; /* attendance rows 出席 or 迟到 */
    int64_t member_times; /* of them by 中共党员 and 中共预备党员 */
    int64_t guests;       /* attendees from outside the roster */
};
int store_lecture_totals(struct dj_db *db, const char *path, const char *from, const char *to,
                         struct dj_lecture_totals *out, struct dj_err *err);
/* The same figures grouped by "month" (YYYY-MM), "theme" or "module". */
struct dj_lecture_group {
    char key[64]; /* the month, or the label's name ("" when none) */
    int sessions;
    int64_t person_times; /* roster attendances and guests */
};
int store_lecture_groups(struct dj_db *db, const char *path, const char *from, const char *to,
                         const char *by, struct dj_lecture_group **items, int *count,
                         struct dj_err *err);

/* The lecturer rota: the bureau's party members on the job (and anyone else
 * who lectured), with lectures given between from and to and the last ever. */
struct dj_rota_entry {
    int64_t person_id;
    char name[64];
    char staff_no[40];
    char political_status[24];
    char department[96];
    int given;          /* between from and to */
    char last_on[11];   /* last lecture ever, "" when none */
};
int store_lecture_rota(struct dj_db *db, int64_t bureau_id, const char *from, const char *to,
                       struct dj_rota_entry **items, int *count, struct dj_err *err);

struct dj_quiz {
    int64_t id, org_id;
    char org_name[128];
    char org_path[160];
    char kind[8]; /* test or contest */
    char title[320]; /* up to 100 characters */
    char held_on[11];
    int64_t max_score, pass_score; /* hundredths */
    char description[2048];
    int takers;
    int64_t score_sum;
    char created_at[32], updated_at[32];
    char removed_on[11]; /* removed with a reason (migration 025); "" while in use */
    char removed_reason[256];
};
struct dj_quiz_filter {
    const char *scope_path; /* NULL: all */
    int64_t org_id;
    const char *from, *to;
    int limit, offset;
};
int store_quiz_list(struct dj_db *db, const struct dj_quiz_filter *f, struct dj_quiz **items,
                    int *count, int64_t *total, struct dj_err *err);
int store_quiz_get(struct dj_db *db, int64_t id, struct dj_quiz *q, struct dj_err *err);
/* Inserts (id 0) or updates the quiz's own fields. */
int store_quiz_save(struct dj_db *db, struct dj_quiz *q, struct dj_err *err);

struct dj_quiz_question {
    int seq;
    char kind[16]; /* single, multiple, judge, text */
    char text[1024];
    char options[2048]; /* JSON array of strings */
    char answer[256];
    int64_t points;     /* hundredths */
};
int store_quiz_questions(struct dj_db *db, int64_t quiz_id, struct dj_quiz_question **items,
                         int *count, struct dj_err *err);
/* Replaces all the questions of a quiz. */
int store_quiz_questions_replace(struct dj_db *db, int64_t quiz_id,
                                 const struct dj_quiz_question *items, int count,
                                 struct dj_err *err);

struct dj_quiz_score {
    int64_t person_id;
    char name[64];
    char staff_no[40];
    int64_t score; /* hundredths */
    char note[256];
};
int store_quiz_scores(struct dj_db *db, int64_t quiz_id, struct dj_quiz_score **items, int *count,
                      struct dj_err *err);
/* Inserts or replaces one person's score. */
int store_quiz_score_set(struct dj_db *db, int64_t quiz_id, const struct dj_quiz_score *s,
                         struct dj_err *err);
int store_quiz_score_delete(struct dj_db *db, int64_t quiz_id, int64_t person_id,
                            struct dj_err *err);

struct dj_study_record {
    int64_t id, bureau_id, person_id;
    char name[64];
    char staff_no[40];
    char studied_on[11];
    int64_t hours; /* hundredths of an hour */
    char mode[64];     /* up to 20 characters */
    char content[640]; /* up to 200 characters */
    char created_at[32];
};
struct dj_study_filter {
    int64_t bureau_id;
    int64_t person_id; /* 0: all */
    const char *branch_path; /* people who are members under it on the day; NULL: all */
    const char *from, *to;
    int limit, offset;
};
int store_study_list(struct dj_db *db, const struct dj_study_filter *f,
                     struct dj_study_record **items, int *count, int64_t *total,
                     struct dj_err *err);
int store_study_get(struct dj_db *db, int64_t id, struct dj_study_record *r, struct dj_err *err);
int store_study_insert(struct dj_db *db, struct dj_study_record *r, int64_t created_by,
                       struct dj_err *err);
int store_study_delete(struct dj_db *db, int64_t id, struct dj_err *err);

/* Learning per person and branch between from and to, counted with
 * membership periods (a record counts for the branch the person was a member
 * of on its day; a person in no branch then is counted with branch 0). */
struct dj_learning_stat {
    int64_t person_id;
    char name[64];
    char staff_no[40];
    int64_t branch_id;
    char branch_name[128];
    int lectures_given, lectures_attended;
    int quizzes;
    int64_t score_sum;  /* hundredths */
    int64_t study_hours; /* hundredths */
};
int store_learning_stats(struct dj_db *db, int64_t bureau_id, const char *path, const char *from,
                         const char *to, int64_t person_id, struct dj_learning_stat **items,
                         int *count, struct dj_err *err);

/* The same figures per person only (branch_id 0, no names), each kind of
 * record aggregated on its own: what the index engine reads for members. */
int store_learning_person_totals(struct dj_db *db, int64_t bureau_id, const char *from,
                                 const char *to, struct dj_learning_stat **items, int *count,
                                 struct dj_err *err);

/* Marks a quiz removed on day with a reason (kept, out of every count). */
int store_quiz_remove(struct dj_db *db, int64_t id, const char *day, const char *reason,
                      struct dj_err *err);

#endif
