/* store/warnings: the tables of migration 026 — the warnings engine's rules
 * per bureau (warning_rules), the warnings it keeps (warnings, one live row
 * per rule and subject) with their history, the bureau's last evaluation
 * (warning_runs), announcements and every account's inbox (inbox_items).
 * Plain structs filled from rows; lists are arrays the caller frees; writes
 * run inside the caller's transaction. */
#ifndef DJ_STORE_WARNINGS_H
#define DJ_STORE_WARNINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_warning_rule {
    int64_t id, bureau_id;
    char code[40];
    char name[96];
    char scans[256];
    bool has_threshold; /* false: the bureau's setting or the built-in default */
    int threshold;
    char unit[12];        /* days, months, members, points */
    char recipients[160]; /* roles and "owner", comma-separated */
    char severity[8];     /* normal, high */
    bool enabled;
    int seq;
    char updated_at[32];
};

int store_warning_rules(struct dj_db *db, int64_t bureau_id, struct dj_warning_rule **items, int *count,
                        struct dj_err *err);
int store_warning_rule_get(struct dj_db *db, int64_t id, struct dj_warning_rule *r, struct dj_err *err);
/* Inserts r unless the bureau has its code already. */
int store_warning_rule_insert(struct dj_db *db, struct dj_warning_rule *r, struct dj_err *err);
/* Writes threshold, recipients, severity, enabled of r->id. */
int store_warning_rule_update(struct dj_db *db, struct dj_warning_rule *r, struct dj_err *err);

struct dj_warning {
    int64_t id, bureau_id, rule_id;
    char code[40];
    char object_type[24];
    int64_t object_id;
    char subject_key[128];
    int64_t org_id;
    char org_path[160], org_name[128]; /* read only */
    int64_t person_id;                 /* 0: none */
    char person_name[64];              /* read only */
    char due_on[11];
    char severity[8];
    char message[1200];
    char link[160];
    char state[16]; /* open, acknowledged, resolved, dismissed */
    bool active;
    char first_seen[32], last_seen[32], state_at[32];
    int64_t state_by; /* 0: the engine */
    char state_by_name[64];
    char reason[512];
    char recipients[160]; /* the rule's, read only */
    char rule_name[96];   /* read only */
};

/* The bureau's warnings: active only (the engine's working set), or all;
 * by id. */
int store_warnings_list(struct dj_db *db, int64_t bureau_id, bool active_only, struct dj_warning **items,
                        int *count, struct dj_err *err);
int store_warning_get(struct dj_db *db, int64_t id, struct dj_warning *w, struct dj_err *err);
int store_warning_insert(struct dj_db *db, struct dj_warning *w, struct dj_err *err);
/* Seen again: last_seen, due_on, severity, message, link, org_id, person_id. */
int store_warning_seen(struct dj_db *db, const struct dj_warning *w, struct dj_err *err);
/* state, active, state_at, state_by, reason of w->id. */
int store_warning_set_state(struct dj_db *db, const struct dj_warning *w, struct dj_err *err);

struct dj_warning_event {
    int64_t id, warning_id, user_id;
    char username[64];
    char at[32];
    char action[16];
    char note[512];
};
int store_warning_history_add(struct dj_db *db, int64_t warning_id, const char *at, int64_t user_id,
                              const char *action, const char *note, struct dj_err *err);
int store_warning_history(struct dj_db *db, int64_t warning_id, struct dj_warning_event **items,
                          int *count, struct dj_err *err);

/* The unix time of the bureau's last evaluation (0: never). */
int store_warning_run_get(struct dj_db *db, int64_t bureau_id, int64_t *ran_at, struct dj_err *err);
int store_warning_run_put(struct dj_db *db, int64_t bureau_id, int64_t ran_at, struct dj_err *err);

struct dj_announcement {
    int64_t id, bureau_id, org_id;
    char org_name[128]; /* read only */
    char role[24];
    char title[200];
    char body[4000];
    int recipients;
    int64_t created_by;
    char created_by_name[64]; /* read only */
    char created_at[32];
};
int store_announcement_insert(struct dj_db *db, struct dj_announcement *a, struct dj_err *err);
int store_announcement_set_recipients(struct dj_db *db, int64_t id, int recipients, struct dj_err *err);
/* The bureau's announcements under path (NULL: all), newest first, with the total. */
int store_announcements_list(struct dj_db *db, int64_t bureau_id, const char *path, int limit, int offset,
                             struct dj_announcement **items, int *count, int64_t *total,
                             struct dj_err *err);

struct dj_inbox_item {
    int64_t id, bureau_id, user_id;
    char kind[16]; /* warning, announcement */
    char title[200];
    char body[4000];
    char link[160];
    int64_t warning_id, announcement_id;
    char warning_state[16]; /* read only: the warning's state now */
    char created_at[32];
    char read_at[32]; /* "" while unread */
};
int store_inbox_insert(struct dj_db *db, struct dj_inbox_item *it, struct dj_err *err);
/* The account's items, newest first (unread_only: those not read), with the total. */
int store_inbox_list(struct dj_db *db, int64_t user_id, bool unread_only, int limit, int offset,
                     struct dj_inbox_item **items, int *count, int64_t *total, struct dj_err *err);
int store_inbox_unread(struct dj_db *db, int64_t user_id, int64_t *count, struct dj_err *err);
int store_inbox_get(struct dj_db *db, int64_t id, struct dj_inbox_item *it, struct dj_err *err);
/* read_at NULL (unread) or the time. */
int store_inbox_mark(struct dj_db *db, int64_t id, const char *read_at, struct dj_err *err);
/* Every unread item of the account read at read_at; *changed counts them. */
int store_inbox_mark_all(struct dj_db *db, int64_t user_id, const char *read_at, int64_t *changed,
                         struct dj_err *err);

#endif
