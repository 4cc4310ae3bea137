/* store/study_reports: study hours a member reports themselves (migration
 * 031), pending → approved or rejected.  Plain structs; lists are arrays the
 * caller frees; writes run inside the caller's transaction. */
#ifndef DJ_STORE_STUDY_REPORTS_H
#define DJ_STORE_STUDY_REPORTS_H

#include <stdint.h>

#include "store/db.h"

struct dj_study_report {
    int64_t id, bureau_id, person_id;
    char name[64];
    char staff_no[40];
    char studied_on[11];
    int64_t hours;     /* hundredths of an hour */
    char mode[64];     /* up to 20 characters */
    char content[640]; /* up to 200 characters */
    char status[12];   /* pending, approved, rejected */
    char reason[640];  /* why it was rejected (up to 200 characters) */
    int64_t decided_by;
    char decided_at[32];
    char created_at[32];
};

struct dj_study_report_filter {
    int64_t bureau_id;
    int64_t person_id;       /* 0: all */
    const char *branch_path; /* people who are members under it on the day; NULL: all */
    const char *status;      /* NULL: any */
    const char *from, *to;   /* studied_on bounds */
    int limit, offset;
};

int store_study_report_list(struct dj_db *db, const struct dj_study_report_filter *f,
                            struct dj_study_report **items, int *count, int64_t *total,
                            struct dj_err *err);
int store_study_report_get(struct dj_db *db, int64_t id, struct dj_study_report *r,
                           struct dj_err *err);
/* Sets r->id (and r->created_at when empty: now). */
int store_study_report_insert(struct dj_db *db, struct dj_study_report *r, struct dj_err *err);
/* Records the decision (status, reason, decided_by, decided_at) of a report
 * still pending (decided_at when empty: now); DJ_ECONFLICT when another
 * decision came first. */
int store_study_report_decide(struct dj_db *db, struct dj_study_report *r, struct dj_err *err);

#endif
