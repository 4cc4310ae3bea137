/* store/ideas: the rows of migration 030 — suggestion topics (领导出题),
 * suggestions (科室献计) with their decision and the task that implements an
 * adopted one, and mottos (格言) with their review — and what is counted over
 * them (the year's figures, the index engine's facts).  Plain structs; lists
 * are arrays the caller frees; writes run inside the caller's transaction. */
#ifndef DJ_STORE_IDEAS_H
#define DJ_STORE_IDEAS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_topic {
    int64_t id, bureau_id, leader_id;
    char leader_name[64], title[128], description[600], opened_on[11], deadline[11];
    int64_t suggestions, adopted;
    char created_at[32];
};

struct dj_suggestion {
    int64_t id, bureau_id, topic_id, person_id, department_id, merged_into, task_id;
    char topic_title[128], person_name[64], staff_no[40], department_name[128], branch_name[128];
    char title[128], content[1200], submitted_on[11];
    char decision[12], reason[400], decided_on[11], task_title[128];
    char created_at[32];
};

struct dj_motto {
    int64_t id, bureau_id, person_id;
    char person_name[64], branch_name[128], text[400], submitted_on[11];
    char status[12], reviewed_on[11], review_note[200];
    char created_at[32];
};

/* One filter for the lists; zero and NULL members do not filter.  own_id:
 * mottos only — besides the approved ones, the pending and rejected of this
 * person (0 with all_status: every motto). */
struct dj_idea_filter {
    int64_t bureau_id, person_id, topic_id, task_id, own_id;
    const char *status, *from, *to, *q;
    bool all_status;
    int limit, offset;
};

int store_topic_list(struct dj_db *db, const struct dj_idea_filter *f, struct dj_topic **items, int *count,
                     int64_t *total, struct dj_err *err);
int store_topic_get(struct dj_db *db, int64_t id, struct dj_topic *t, struct dj_err *err);
int store_topic_insert(struct dj_db *db, struct dj_topic *t, int64_t by, struct dj_err *err);

/* status: pending, adopted, merged, declined */
int store_suggestion_list(struct dj_db *db, const struct dj_idea_filter *f, struct dj_suggestion **items,
                          int *count, int64_t *total, struct dj_err *err);
int store_suggestion_get(struct dj_db *db, int64_t id, struct dj_suggestion *s, struct dj_err *err);
int store_suggestion_insert(struct dj_db *db, struct dj_suggestion *s, int64_t by, struct dj_err *err);
/* The decision (s's decision, reason, merged_into, decided_on) of a pending
 * one; DJ_ECONFLICT when it was decided meanwhile. */
int store_suggestion_decide(struct dj_db *db, const struct dj_suggestion *s, int64_t by, struct dj_err *err);
/* Links the task; DJ_ECONFLICT when one is linked already. */
int store_suggestion_set_task(struct dj_db *db, int64_t id, int64_t task_id, struct dj_err *err);
/* The suggestion a task implements: 0 when none. */
int store_suggestion_of_task(struct dj_db *db, int64_t task_id, int64_t *id, char *title, size_t size,
                             struct dj_err *err);

/* status: pending, approved, rejected */
int store_motto_list(struct dj_db *db, const struct dj_idea_filter *f, struct dj_motto **items, int *count,
                     int64_t *total, struct dj_err *err);
int store_motto_get(struct dj_db *db, int64_t id, struct dj_motto *m, struct dj_err *err);
int store_motto_insert(struct dj_db *db, struct dj_motto *m, int64_t by, struct dj_err *err);
/* Sets the review of a pending motto; DJ_ECONFLICT when reviewed meanwhile. */
int store_motto_review(struct dj_db *db, const struct dj_motto *m, int64_t by, struct dj_err *err);
/* The approved mottos reviewed before day (in order of approval: reviewed_on, id). */
struct dj_motto_approval {
    int64_t id;
    char reviewed_on[11];
};
int store_motto_approvals(struct dj_db *db, int64_t bureau_id, const char *before_day,
                          struct dj_motto_approval **items, int *count, struct dj_err *err);

/* A year's figures in the bureau, or of the people now under branch_path. */
struct dj_idea_stats {
    int64_t topics, suggestions, adopted, merged, declined, tasks, mottos_approved;
};
int store_idea_stats(struct dj_db *db, int64_t bureau_id, const char *branch_path, const char *first,
                     const char *last, struct dj_idea_stats *s, struct dj_err *err);

/* The suggestions made from first to last, with the branch the person was in
 * on the day (0 when none), for the index engine. */
struct dj_suggestion_fact {
    int64_t id, person_id, branch_id;
    char submitted_on[11], title[128], decision[12];
};
int store_suggestion_facts(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                           struct dj_suggestion_fact **items, int *count, struct dj_err *err);

#endif
