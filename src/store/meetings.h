/* store/meetings: meeting_kinds, meetings, attendance and files.  Plain
 * structs; lists are arrays the caller frees; writes run inside the caller's
 * transaction. */
#ifndef DJ_STORE_MEETINGS_H
#define DJ_STORE_MEETINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_meeting_kind {
    int64_t id;
    int64_t bureau_id; /* 0: built in */
    char code[32];
    char name[64];
    char attendees[16]; /* branch, group, committee, custom */
    bool include_probationary;
    bool include_non_members;
    char quorum[24];
};

struct dj_meeting {
    int64_t id;
    int64_t org_id;
    char org_name[128];
    char org_path[160];
    char org_type[32];
    int64_t kind_id;
    char kind_code[32];
    char kind_name[64];
    char held_on[11];
    char starts_at[6];
    char ends_at[6];
    char place[128];
    char topic[256];
    int64_t host_id, recorder_id, lecturer_id;
    char host_name[64], recorder_name[64], lecturer_name[64];
    char *agenda;      /* owned: free with store_meeting_clear */
    char *minutes;
    char *resolutions;
    char recorded_on[11];
    bool late_recorded;
    char created_at[32], updated_at[32];
    /* lectures (财政月讲堂) and others that use them: theme and module from
     * the bureau's lecture_labels, and attendees from outside the roster */
    int64_t theme_id, module_id;
    char theme_name[64], module_name[64];
    int guests;
    /* attendance at a glance: expected, expected and present or late, all rows */
    int n_expected, n_attended, n_rows;
    /* the life cycle (migration 025): planned, held, cancelled or voided; the
     * reason of a cancellation or void; the voided record this one corrects,
     * and the record that corrects this one (0: none) */
    char status[12];
    char status_reason[256];
    int64_t corrects_id, corrected_by;
};
void store_meeting_clear(struct dj_meeting *m);

int store_meeting_kinds(struct dj_db *db, int64_t bureau_id, struct dj_meeting_kind **items,
                        int *count, struct dj_err *err);
int store_meeting_kind_get(struct dj_db *db, int64_t id, struct dj_meeting_kind *k,
                           struct dj_err *err);

int store_meeting_insert(struct dj_db *db, struct dj_meeting *m, struct dj_err *err);
int store_meeting_update(struct dj_db *db, const struct dj_meeting *m, struct dj_err *err);
int store_meeting_get(struct dj_db *db, int64_t id, struct dj_meeting *m, struct dj_err *err);

struct dj_meeting_filter {
    const char *scope_path; /* meetings of orgs under this path */
    int64_t org_id;         /* 0 = any: the org itself and its subtree */
    int64_t kind_id;
    const char *kind_code;  /* NULL = any */
    const char *from, *to;  /* held_on bounds */
    const char *status;     /* planned, held, cancelled, voided; NULL = any */
    int limit, offset;
};
struct dj_meeting_list {
    struct dj_meeting *items; /* agenda, minutes, resolutions left NULL */
    int count;
    int64_t total;
};
int store_meeting_list(struct dj_db *db, const struct dj_meeting_filter *f,
                       struct dj_meeting_list *out, struct dj_err *err);
void store_meeting_list_free(struct dj_meeting_list *l);

struct dj_attendance {
    int64_t person_id;
    char name[64];
    char political_status[24];
    bool expected;
    char status[16];
    char reason[256];
};
int store_attendance_list(struct dj_db *db, int64_t meeting_id, struct dj_attendance **items,
                          int *count, struct dj_err *err);
/* Removes one person's row (only rows not expected: the caller checks). */
int store_attendance_remove(struct dj_db *db, int64_t meeting_id, int64_t person_id,
                            struct dj_err *err);
/* Inserts or updates one person's row. */
int store_attendance_set(struct dj_db *db, int64_t meeting_id, const struct dj_attendance *a,
                         struct dj_err *err);

/* The people a meeting of org expects on a date: the branch's (or group's)
 * members then, or its committee then.  Caller frees *ids. */
int store_expected_people(struct dj_db *db, int64_t org_id, const char *attendees,
                          const char *date, bool include_probationary, int64_t **ids, int *count,
                          struct dj_err *err);

struct dj_file {
    int64_t id, bureau_id, object_id;
    char object_type[32];
    char name[256];
    char mime[128];
    int64_t size;
    char sha256[65];
    char created_at[32];
    char removed_on[11];       /* removed with a reason (migration 025); "" while in use */
    char removed_reason[256];
};
int store_file_insert(struct dj_db *db, struct dj_file *f, const void *data, size_t len,
                      int64_t created_by, struct dj_err *err);
int store_file_get(struct dj_db *db, int64_t id, struct dj_file *f, void **data, size_t *len,
                   struct dj_err *err);
int store_file_list(struct dj_db *db, const char *object_type, int64_t object_id,
                    struct dj_file **items, int *count, struct dj_err *err);

/* Rules: the built-in defaults and the bureau's own, active or not. */
struct dj_meeting_rule {
    int64_t id, bureau_id, kind_id;
    char kind_name[64];
    char org_type[32];
    char frequency[16];
    int times;
    char source[256];
    char effective_from[11];
    bool active;
};
int store_meeting_rules(struct dj_db *db, int64_t bureau_id, struct dj_meeting_rule **items,
                        int *count, struct dj_err *err);
int store_meeting_rule_get(struct dj_db *db, int64_t id, struct dj_meeting_rule *r,
                           struct dj_err *err);
int store_meeting_rule_save(struct dj_db *db, struct dj_meeting_rule *r, struct dj_err *err);

/* One meeting as the compliance board counts it. */
struct dj_meeting_fact {
    int64_t org_id, kind_id;
    char held_on[11];
    bool late;
    int expected, present; /* expected attendees, and of them present or late */
};
/* Attendance of one person at the meetings of one branch (its groups
 * included) over a period: what the statistics and the index engine read. */
struct dj_attendance_stat {
    int64_t person_id;
    char name[64];
    char staff_no[40];
    int64_t branch_id;
    char branch_name[128];
    int expected, present, late, leave, absent;
};
/* Per person and branch, meetings between from and to held by orgs under
 * path where the person was expected; person_id 0 for everyone. */
int store_attendance_stats(struct dj_db *db, const char *path, const char *from, const char *to,
                           int64_t person_id, struct dj_attendance_stat **items, int *count,
                           struct dj_err *err);

/* The same counts without names (name, staff_no, branch_name left empty):
 * what the index engine reads. */
int store_attendance_counts(struct dj_db *db, const char *path, const char *from, const char *to,
                            struct dj_attendance_stat **items, int *count, struct dj_err *err);

/* The meetings held between from and to by orgs under path. */
int store_meeting_facts(struct dj_db *db, const char *path, const char *from, const char *to,
                        struct dj_meeting_fact **items, int *count, struct dj_err *err);

/* Planned meetings from `from` on, in the bureau, that list the person or
 * are the bureau's lectures; at most limit (items without texts). */
int store_meeting_upcoming(struct dj_db *db, int64_t person_id, int64_t bureau_id, const char *from,
                           int limit, struct dj_meeting_list *out, struct dj_err *err);

#endif
