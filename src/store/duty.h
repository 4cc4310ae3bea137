/* store/duty: the rows of the duty rosters (migration 030): rosters, their
 * shifts, the people assigned (with a swap asked for and an absence), the
 * days people are not available, and what is counted over them (the year's
 * duty hours, the index engine's facts).  Times are local
 * "YYYY-MM-DDTHH:MM".  Plain structs; lists are arrays the caller frees;
 * writes run inside the caller's transaction. */
#ifndef DJ_STORE_DUTY_H
#define DJ_STORE_DUTY_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_roster {
    int64_t id, bureau_id, org_id;
    char org_name[128], org_path[160], kind[16], title[128], place[200], note[400];
    int64_t shifts;
    char first_day[11], last_day[11], created_at[32];
};

struct dj_shift {
    int64_t id, bureau_id, roster_id, required, assigned;
    char starts_at[17], ends_at[17], place[200], created_at[32];
};

struct dj_assignment {
    int64_t id, bureau_id, shift_id, roster_id, person_id, swap_to, swapped_from;
    char person_name[64], staff_no[40], swap_to_name[64];
    char roster_title[128], roster_kind[16], org_path[160], starts_at[17], ends_at[17], place[200];
    bool absent;
    char swap_reason[200], swap_status[12], created_at[32];
};

struct dj_unavailable {
    int64_t id, bureau_id, person_id;
    char person_name[64], day[11], note[200], created_at[32];
};

/* One filter for the lists; zero and NULL do not filter.  from/to: days of
 * the shifts; branch_path: people whose current branch lies under it. */
struct dj_duty_filter {
    int64_t bureau_id, person_id, roster_id;
    const char *branch_path, *from, *to, *swap_status, *kind;
    int limit, offset;
};

int store_roster_list(struct dj_db *db, const struct dj_duty_filter *f, struct dj_roster **items, int *count,
                      int64_t *total, struct dj_err *err);
int store_roster_get(struct dj_db *db, int64_t id, struct dj_roster *r, struct dj_err *err);
int store_roster_insert(struct dj_db *db, struct dj_roster *r, int64_t by, struct dj_err *err);

int store_shift_list(struct dj_db *db, int64_t roster_id, struct dj_shift **items, int *count, struct dj_err *err);
int store_shift_get(struct dj_db *db, int64_t id, struct dj_shift *s, struct dj_err *err);
int store_shift_insert(struct dj_db *db, struct dj_shift *s, struct dj_err *err);

int store_assignment_list(struct dj_db *db, const struct dj_duty_filter *f, struct dj_assignment **items,
                          int *count, int64_t *total, struct dj_err *err);
int store_assignment_get(struct dj_db *db, int64_t id, struct dj_assignment *a, struct dj_err *err);
/* DJ_ECONFLICT when the person is on the shift already. */
int store_assignment_insert(struct dj_db *db, struct dj_assignment *a, int64_t by, struct dj_err *err);
/* Writes absent and the swap columns, and person_id (an approved swap). */
int store_assignment_update(struct dj_db *db, const struct dj_assignment *a, struct dj_err *err);
/* Whether the person holds another shift overlapping [starts_at, ends_at). */
int store_assignment_overlaps(struct dj_db *db, int64_t person_id, int64_t except_shift, const char *starts_at,
                              const char *ends_at, bool *overlaps, struct dj_err *err);

int store_unavailable_list(struct dj_db *db, const struct dj_duty_filter *f, struct dj_unavailable **items,
                           int *count, int64_t *total, struct dj_err *err);
/* DJ_ECONFLICT when the day is recorded already. */
int store_unavailable_insert(struct dj_db *db, struct dj_unavailable *u, struct dj_err *err);
/* Whether the person is not available on any day from first to last. */
int store_unavailable_between(struct dj_db *db, int64_t person_id, const char *first, const char *last,
                              bool *found, struct dj_err *err);

/* Served duty: assignments not absent of shifts starting from first to last
 * and ended by until ("YYYY-MM-DDTHH:MM"), with the branch the person was in
 * on the shift's day (0 when none); branch_path (NULL: all) limits them to
 * the people whose current branch lies under it. */
struct dj_duty_fact {
    int64_t assignment_id, person_id, branch_id, minutes;
    char starts_at[17], title[128];
};
/* Minutes from a to b (local "YYYY-MM-DDTHH:MM", both valid; 0 when b is not after a). */
int64_t duty_minutes(const char *a, const char *b);
/* True for a valid "YYYY-MM-DDTHH:MM". */
bool duty_time_valid(const char *s);

int store_duty_facts(struct dj_db *db, int64_t bureau_id, const char *branch_path, const char *first,
                     const char *last, const char *until, struct dj_duty_fact **items, int *count,
                     struct dj_err *err);

#endif
