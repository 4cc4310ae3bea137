/* store/people: the people, memberships and committee_members tables.
 * struct dj_person is plain memory owned by the caller; lists are arrays the
 * caller frees with store_person_list_free.  Writes run inside the caller's
 * transaction.  The 身份证号 arrives here sealed (id_number_sealed) and masked;
 * the plaintext never reaches the database. */
#ifndef DJ_STORE_PEOPLE_H
#define DJ_STORE_PEOPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_person {
    int64_t id;
    int64_t bureau_id;
    char staff_no[40];
    char name[64];
    char gender[8];
    char ethnicity[32];
    char birth_date[11];
    char id_number[24];         /* plaintext: only in memory, never stored */
    char id_number_sealed[160];
    char id_number_masked[24];
    char education[40];
    int64_t department_id;      /* 0 = none */
    char department_name[96];
    char position[64];
    char political_status[24];
    char joined_party_on[11];
    char full_member_on[11];
    char phone[24];
    char status[16];
    int64_t user_id;            /* 0 = no account */
    /* the current membership (read only here; see store_membership_*) */
    int64_t branch_id;
    char branch_name[128];
    char branch_path[160];
    int64_t group_id;
    char group_name[128];
    char created_at[32];
    char updated_at[32];
};

int store_person_insert(struct dj_db *db, struct dj_person *p, struct dj_err *err);
int store_person_update(struct dj_db *db, const struct dj_person *p, struct dj_err *err);
/* Writes the pinyin search key of every person whose key is empty (rows
 * from before migration 023, or copied in by SQL); in the caller's
 * transaction.  *filled: how many rows were keyed. */
int store_people_fill_pinyin(struct dj_db *db, int *filled, struct dj_err *err);
int store_person_get(struct dj_db *db, int64_t id, struct dj_person *p, struct dj_err *err);
/* Links person_id (0: none) to user_id, unlinking any other person of that user. */
int store_person_link_user(struct dj_db *db, int64_t user_id, int64_t person_id,
                           struct dj_err *err);
/* The person linked to a user; DJ_ENOTFOUND when none. */
int store_person_of_user(struct dj_db *db, int64_t user_id, int64_t *person_id, struct dj_err *err);
int store_person_get_by_staff_no(struct dj_db *db, int64_t bureau_id, const char *staff_no,
                                 struct dj_person *p, struct dj_err *err);

struct dj_people_filter {
    const char *q;                /* name, 工号 or pinyin (initials or full) contain q */
    int64_t branch_id;            /* current branch (or group) in this org's subtree; 0 = any */
    int64_t department_id;        /* 0 = any */
    const char *status;           /* NULL = any */
    const char *political_status; /* NULL = any */
    /* scope, set by core: */
    const char *scope_path;       /* people of a bureau or branch under this path */
    int64_t scope_department_id;  /* or of this department */
    int64_t scope_user_id;        /* or only the person of this user */
    const char *sort;             /* "staff_no" (default), "name", "birth_date", "joined_party_on",
                                     "birth_year" (the year, then name and id) */
    bool descending;
    int limit, offset;
};
struct dj_person_list {
    struct dj_person *items;
    int count;
    int64_t total;
};
/* One page of the filtered list and the whole list's count, in one
 * statement (a window count; a page past the end counts separately). */
int store_people_list(struct dj_db *db, const struct dj_people_filter *f,
                      struct dj_person_list *out, struct dj_err *err);
/* The same page without an array: row() gets each person (valid only during
 * the call) and the total; a non-zero return from it stops the list and is
 * returned.  *total is the count of the whole list. */
int store_people_each(struct dj_db *db, const struct dj_people_filter *f,
                      int (*row)(void *ctx, const struct dj_person *p, int64_t total), void *ctx,
                      int64_t *total, struct dj_err *err);
void store_person_list_free(struct dj_person_list *l);

/* Membership periods. */
/* Ends the person's open membership on end_on (no-op when none). */
int store_membership_close(struct dj_db *db, int64_t person_id, const char *end_on,
                           struct dj_err *err);
int store_membership_open(struct dj_db *db, int64_t person_id, int64_t org_id, int64_t group_id,
                          const char *start_on, struct dj_err *err);

struct dj_membership {
    int64_t id, org_id, group_id;
    char org_name[128], group_name[128];
    char start_on[11], end_on[11];
};
/* A person's periods, oldest first; caller frees *items. */
int store_membership_history(struct dj_db *db, int64_t person_id, struct dj_membership **items,
                             int *count, struct dj_err *err);
/* Number of people whose membership of org (or its groups) covers the date,
 * counting only the given political status (NULL: all). */
int store_membership_count(struct dj_db *db, int64_t org_id, const char *date,
                           const char *political_status, int64_t *count, struct dj_err *err);

/* Sets *within when the person's membership on date, or their current
 * one, lies in the subtree of path (its branch or its party group). */
int store_person_member_within(struct dj_db *db, int64_t person_id, const char *path,
                               const char *date, bool *within, struct dj_err *err);

#endif
