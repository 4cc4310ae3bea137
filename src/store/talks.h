/* store/talks: the rows of 谈心谈话 (talks, their participants, a bureau's
 * talk settings) and the facts the 五必谈 rules and the statistics read
 * (committee posts taken, transfers between branches, attendance, who was
 * talked with when, who led on a day).  Plain structs; lists are arrays the
 * caller frees.  The sealed content is read only by store_talk_content. */
#ifndef DJ_STORE_TALKS_H
#define DJ_STORE_TALKS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_talk_settings {
    int64_t bureau_id;
    char content_roles[200]; /* comma-separated role names */
    int due_days;
    int absence_months;
    char kinds[2000]; /* the bureau's own kinds, one per line */
    char updated_at[32];
    bool stored; /* false: the defaults (no row yet) */
};

struct dj_talk {
    int64_t id;
    int64_t bureau_id;
    int64_t org_id;
    char org_name[128];
    char org_path[160];
    char held_on[11];
    char kind[64];
    char occasion[400];
    char place[128];
    bool has_content;
    int64_t created_by;
    char created_at[32];
    char updated_at[32];
};

struct dj_talk_person {
    int64_t talk_id;
    int64_t person_id;
    char side[8]; /* talker, talkee */
    char name[64];
    char staff_no[40];
};

struct dj_talk_filter {
    int64_t bureau_id;
    bool all;                 /* the whole bureau */
    const char *scope_path;   /* talks filed under this subtree (NULL: none) */
    int64_t viewer_person_id; /* and the talks the viewer took part in (0: none) */
    int64_t person_id;        /* only talks naming this person (0: any) */
    const char *kind;         /* NULL: any */
    const char *from, *to;
    int limit, offset;
};

int store_talk_settings_get(struct dj_db *db, int64_t bureau_id, struct dj_talk_settings *s,
                            struct dj_err *err);
int store_talk_settings_put(struct dj_db *db, struct dj_talk_settings *s, struct dj_err *err);

int store_talk_list(struct dj_db *db, const struct dj_talk_filter *f, struct dj_talk **items,
                    int *count, int64_t *total, struct dj_err *err);
/* The participants of the talks of the filter's bureau between from and to
 * (NULL: unbounded), ordered by talk id. */
int store_talk_people_between(struct dj_db *db, int64_t bureau_id, const char *from, const char *to,
                              struct dj_talk_person **items, int *count, struct dj_err *err);
int store_talk_get(struct dj_db *db, int64_t id, struct dj_talk *t, struct dj_err *err);
int store_talk_people(struct dj_db *db, int64_t talk_id, struct dj_talk_person **items, int *count,
                      struct dj_err *err);
/* The sealed content ("" for none); *out is malloc'd, the caller frees it. */
int store_talk_content(struct dj_db *db, int64_t talk_id, char **out, struct dj_err *err);
/* Inserts t (id and times set here) with its sealed content. */
int store_talk_insert(struct dj_db *db, struct dj_talk *t, const char *content_sealed,
                      struct dj_err *err);
/* Updates the plain fields; content_sealed NULL keeps the stored content. */
int store_talk_update(struct dj_db *db, struct dj_talk *t, const char *content_sealed,
                      struct dj_err *err);
/* Replaces the participants of a talk. */
int store_talk_people_set(struct dj_db *db, int64_t talk_id, const struct dj_talk_person *people,
                          int n, struct dj_err *err);

/* A fact that makes a 五必谈 talk due (core/talks decides). */
struct dj_talk_trigger {
    int64_t person_id;
    char name[64];
    char staff_no[40];
    char branch_name[128]; /* the person's current branch, "" for none */
    char branch_path[160];
    char on[11];           /* the post's start, the new period's start; absence: the last attendance */
    char first_missed[11]; /* absence: the first meeting missed after it */
    char detail[300];
};
/* Committee posts taken in the bureau between from and to. */
int store_talk_post_triggers(struct dj_db *db, int64_t bureau_id, const char *from, const char *to,
                             struct dj_talk_trigger **items, int *count, struct dj_err *err);
/* Membership periods begun between from and to in another branch than the
 * person's previous period. */
int store_talk_transfer_triggers(struct dj_db *db, int64_t bureau_id, const char *from,
                                 const char *to, struct dj_talk_trigger **items, int *count,
                                 struct dj_err *err);
/* People named in confirmed findings found between from and to (on = the
 * day found; detail = the rule broken). */
int store_talk_finding_triggers(struct dj_db *db, int64_t bureau_id, const char *from,
                                const char *to, struct dj_talk_trigger **items, int *count,
                                struct dj_err *err);
/* Current members with a meeting missed (缺席 or 请假) after their last
 * attendance (出席 or 迟到; "" when never): on = the last attendance. */
int store_talk_absence_facts(struct dj_db *db, int64_t bureau_id, struct dj_talk_trigger **items,
                             int *count, struct dj_err *err);

/* (person, held_on) of every talk of the bureau where the person was talked
 * with, ordered by person and date. */
struct dj_talkee_date {
    int64_t person_id;
    char held_on[11];
};
int store_talkee_dates(struct dj_db *db, int64_t bureau_id, struct dj_talkee_date **items,
                       int *count, struct dj_err *err);

/* One row per person talked with in a talk of the bureau between from and
 * to filed under scope_path (NULL: all), with what the statistics need. */
struct dj_talk_stat_row {
    int64_t talk_id;
    char held_on[11];
    char kind[64];
    int64_t person_id;
    char birth_date[11];
    bool leader; /* held a leading post on the day (core/talk_rules.h) */
};
int store_talk_stat_rows(struct dj_db *db, int64_t bureau_id, const char *scope_path,
                         const char *from, const char *to, struct dj_talk_stat_row **items,
                         int *count, struct dj_err *err);

#endif
