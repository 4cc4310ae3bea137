/* store/bureaus: the bureaus table (what only a root organisation has: its
 * code, its status, whether its accounts may have plain names) and the
 * per-bureau counts the province level reads.  Plain structs; lists are
 * arrays the caller frees with free().  Writes run inside the caller's
 * transaction. */
#ifndef DJ_STORE_BUREAUS_H
#define DJ_STORE_BUREAUS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_bureau {
    int64_t id;          /* the root organisation's id */
    char code[32];       /* lower-case letters and digits; the prefix of its account names */
    char name[128];      /* the root organisation's name */
    char status[16];     /* active, suspended */
    bool plain_names;    /* accounts may have names without the code (the bureau made by init) */
    char created_at[32];
};

int store_bureau_insert(struct dj_db *db, const struct dj_bureau *b, struct dj_err *err);
/* DJ_ENOTFOUND when id is not a bureau. */
int store_bureau_get(struct dj_db *db, int64_t id, struct dj_bureau *out, struct dj_err *err);
/* DJ_ENOTFOUND when no bureau has code. */
int store_bureau_get_by_code(struct dj_db *db, const char *code, struct dj_bureau *out,
                             struct dj_err *err);
/* Every bureau by id; the caller frees *items. */
int store_bureau_list(struct dj_db *db, struct dj_bureau **items, int *count, struct dj_err *err);
int store_bureau_set_status(struct dj_db *db, int64_t id, const char *status, struct dj_err *err);
/* How many accounts have a name beginning with prefix (a code and its dot). */
int store_users_with_prefix(struct dj_db *db, const char *prefix, int64_t *count, struct dj_err *err);
/* Ends every session of the bureau's accounts (suspension). */
int store_bureau_end_sessions(struct dj_db *db, int64_t id, struct dj_err *err);

/* A bureau's own settings; -1: the deployment's setting applies. */
struct dj_bureau_settings {
    int backfill_days;
    int refuse_late;
    int warning_days;
    int term_warning_days;
    int notice_days;
    int branch_min_members;
    int branch_max_members;
    int contact_min_households; /* service (migration 024) */
    char updated_at[32];
};
/* All -1 when the bureau has set nothing. */
int store_bureau_settings_get(struct dj_db *db, int64_t bureau_id, struct dj_bureau_settings *out,
                              struct dj_err *err);
int store_bureau_settings_put(struct dj_db *db, int64_t bureau_id, const struct dj_bureau_settings *s,
                              struct dj_err *err);

/* A bureau's figures for one year, counted in the database: nothing about
 * a person leaves it. */
struct dj_bureau_figures {
    int64_t bureau_id;
    int64_t staff;           /* people in service (在职) */
    int64_t members;         /* 中共党员 and 中共预备党员 among all people */
    int64_t branches;        /* active 党支部 */
    int64_t meetings;        /* meetings held in the year (lectures apart) */
    int64_t late_meetings;   /* of which recorded late */
    int64_t lectures;        /* 财政月讲堂 sessions held in the year */
    int64_t expected;        /* expected attendances of the year's meetings */
    int64_t present;         /* of which present or late */
    int64_t evaluations;     /* evaluations of the year made final */
    int64_t accounts;        /* accounts of the bureau */
};
/* Figures of every bureau for the days first..last (YYYY-MM-DD). */
int store_bureau_figures(struct dj_db *db, const char *first, const char *last,
                         struct dj_bureau_figures **items, int *count, struct dj_err *err);

#endif
