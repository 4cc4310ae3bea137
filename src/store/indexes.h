/* store/indexes: schemes and their indicators, evaluations, scores,
 * score_entries, results and objections (migration 007).  Points are
 * integers of hundredths.  JSON columns (settings, params, detail) travel as
 * text; core parses them.  Plain structs; arrays the caller frees; writes run
 * inside the caller's transaction. */
#ifndef DJ_STORE_INDEXES_H
#define DJ_STORE_INDEXES_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_indicator {
    int64_t id, parent_id;
    int seq;
    char code[32];
    char name[128];
    char kind[12];      /* group computed imported entered bonus deduction veto */
    int64_t max_points; /* hundredths */
    char source[48];
    char params[1024];  /* JSON */
    char entered_by[24];
    char description[512];
};

struct dj_scheme {
    int64_t id, bureau_id, replaces_id;
    char code[32];
    int version;
    char name[128];
    char target[12]; /* member, branch, department */
    char settings[2048]; /* JSON */
    char description[1024];
    bool active;
    char created_at[32], updated_at[32];
    int nind;
    struct dj_indicator *ind; /* owned: store_scheme_free */
};
void store_scheme_free(struct dj_scheme *s);

/* Inserts s and its indicators (their parent_id are indexes into s->ind
 * plus one while inserting: 0 for none; replaced by the ids). */
int store_scheme_insert(struct dj_db *db, struct dj_scheme *s, struct dj_err *err);
/* With its indicators in seq order. */
int store_scheme_get(struct dj_db *db, int64_t id, struct dj_scheme *s, struct dj_err *err);
/* The bureau's schemes, without indicators; all versions or only active. */
int store_scheme_list(struct dj_db *db, int64_t bureau_id, bool active_only,
                      struct dj_scheme **items, int *count, struct dj_err *err);
int store_scheme_set_active(struct dj_db *db, int64_t id, bool active, struct dj_err *err);
/* Retires every version of the family code in the bureau. */
int store_scheme_retire_family(struct dj_db *db, int64_t bureau_id, const char *code,
                               struct dj_err *err);
/* The highest version of the family code in the bureau (0 when none). */
int store_scheme_last_version(struct dj_db *db, int64_t bureau_id, const char *code, int *version,
                              struct dj_err *err);
/* True when a final evaluation uses the scheme. */
int store_scheme_in_final_use(struct dj_db *db, int64_t id, bool *used, struct dj_err *err);

struct dj_evaluation {
    int64_t id, bureau_id, scheme_id, replaces_id;
    char scheme_name[128];
    char target[12];
    char period[8];
    char first_day[11], last_day[11];
    char name[128];
    char state[8];
    int notice_days;
    char notice_from[11], notice_until[11];
    int version;
    char reason[512];
    char computed_at[32];
    char results_hash[65];
    char finalized_at[32];
    char created_at[32], updated_at[32];
};
int store_evaluation_insert(struct dj_db *db, struct dj_evaluation *e, struct dj_err *err);
int store_evaluation_get(struct dj_db *db, int64_t id, struct dj_evaluation *e, struct dj_err *err);
int store_evaluation_list(struct dj_db *db, int64_t bureau_id, struct dj_evaluation **items,
                          int *count, struct dj_err *err);
/* Saves state, notice dates, computed_at, results_hash, finalized_at. */
int store_evaluation_update(struct dj_db *db, const struct dj_evaluation *e, struct dj_err *err);

/* Who an evaluation scores: a person, a branch or a department. */
struct dj_index_target {
    int64_t id;
    char name[128];
    char unit[128];      /* a member's branch, a branch's name again, ... */
    char path[160];      /* the org path that decides scope: the branch (a department's linked branch) */
    int64_t department_id;
    int64_t user_id;     /* a member's account (their own results) */
};
int store_index_targets(struct dj_db *db, int64_t bureau_id, const char *target, const char *first,
                        const char *last, struct dj_index_target **items, int *count,
                        struct dj_err *err);

struct dj_score {
    int64_t target_id, indicator_id, points;
    char raw[64];
    char *detail; /* owned JSON text: store_scores_free */
};
/* Replaces all scores of the evaluation. */
int store_scores_replace(struct dj_db *db, int64_t evaluation_id, const struct dj_score *items,
                         int count, struct dj_err *err);
/* Scores of one target (target_id) or all (0), ordered by target and indicator. */
int store_scores_list(struct dj_db *db, int64_t evaluation_id, int64_t target_id,
                      struct dj_score **items, int *count, struct dj_err *err);
void store_scores_free(struct dj_score *items, int count);

struct dj_score_entry {
    int64_t id, evaluation_id, target_id, indicator_id, points, file_id, entered_by;
    char reason[512];
    char occurred_on[11];
    char entered_by_name[64];
    char created_at[32];
};
int store_entry_insert(struct dj_db *db, struct dj_score_entry *e, struct dj_err *err);
int store_entry_get(struct dj_db *db, int64_t id, struct dj_score_entry *e, struct dj_err *err);
int store_entry_delete(struct dj_db *db, int64_t id, struct dj_err *err);
/* Removes earlier entries of this target and indicator (an entered score is replaced). */
int store_entries_clear(struct dj_db *db, int64_t evaluation_id, int64_t target_id,
                        int64_t indicator_id, struct dj_err *err);
int store_entries_list(struct dj_db *db, int64_t evaluation_id, int64_t target_id,
                       struct dj_score_entry **items, int *count, struct dj_err *err);

struct dj_result {
    int64_t target_id;
    char target_name[128];
    char unit_name[128];
    int64_t total;
    int rank;
    bool vetoed, selected;
    char star[32];
};
int store_results_replace(struct dj_db *db, int64_t evaluation_id, const struct dj_result *items,
                          int count, struct dj_err *err);
int store_results_list(struct dj_db *db, int64_t evaluation_id, struct dj_result **items,
                       int *count, struct dj_err *err);

struct dj_objection {
    int64_t id, evaluation_id, target_id, filed_by, answered_by;
    char filed_by_name[64];
    char reason[1600]; /* up to 500 characters */
    char state[12];
    char answer[1600];
    char answered_at[32], created_at[32];
};
int store_objection_insert(struct dj_db *db, struct dj_objection *o, struct dj_err *err);
int store_objection_get(struct dj_db *db, int64_t id, struct dj_objection *o, struct dj_err *err);
int store_objection_answer(struct dj_db *db, const struct dj_objection *o, struct dj_err *err);
int store_objections_list(struct dj_db *db, int64_t evaluation_id, struct dj_objection **items,
                          int *count, struct dj_err *err);

/* The ids and stored hashes of every final evaluation (for `check`). */
struct dj_final_hash {
    int64_t id;
    char hash[65];
};
/* Sets the results hash of a final evaluation (a re-key, core/evaluations.c). */
int store_evaluation_set_results_hash(struct dj_db *db, int64_t id, const char *hash,
                                      struct dj_err *err);
/* Locks the evaluation's row until the write transaction ends (a no-op
 * update: PostgreSQL holds the row lock; SQLite's writer lock holds all). */
int store_evaluation_lock(struct dj_db *db, int64_t id, struct dj_err *err);
int store_final_hashes(struct dj_db *db, struct dj_final_hash **items, int *count,
                       struct dj_err *err);

#endif
