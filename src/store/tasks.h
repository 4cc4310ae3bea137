/* store/tasks: rows of tasks, task_reports and rectifications (migration
 * 021).  Plain structs filled from rows; lists are arrays the caller frees.
 * Writes run inside the caller's transaction.  Lists return every row of the
 * filter (a bureau's lists are hundreds of rows): the status is derived and
 * sorted on by core/tasks, which pages. */
#ifndef DJ_STORE_TASKS_H
#define DJ_STORE_TASKS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_task {
    int64_t id, bureau_id, org_id;
    char org_name[128], org_type[16], org_path[256];
    int year;
    char title[800];
    char description[4000];
    char line[16]; /* business | party */
    char kind[16]; /* annual | key */
    int64_t owner_person_id, owner_department_id; /* 0 = none */
    char owner_name[64], owner_department_name[128];
    char start_on[11], due_on[11];
    int weight;
    char milestones[2048]; /* JSON array */
    bool public;
    int percent;
    char done_on[11], last_reported_on[11]; /* "" = none */
    char created_at[32], updated_at[32];
};

struct dj_task_filter {
    int64_t bureau_id;
    int64_t org_id;          /* 0 = any */
    const char *org_path;    /* the org's subtree, NULL = any */
    int year;                /* 0 = any */
    const char *line, *kind; /* NULL = any */
    int64_t owner_person_id; /* 0 = any */
    /* who sees a private task: everyone when see_all, else one in whose
     * scope (path prefix) its list lies, or its owner */
    bool see_all;
    const char *scope_path;
    int64_t viewer_person_id;
    const char *due_from, *due_to; /* NULL = any */
};

int store_tasks_list(struct dj_db *db, const struct dj_task_filter *f, struct dj_task **items,
                     int *count, struct dj_err *err);
int store_task_get(struct dj_db *db, int64_t id, struct dj_task *t, struct dj_err *err);
int store_task_insert(struct dj_db *db, struct dj_task *t, int64_t created_by, struct dj_err *err);
/* Writes the editable fields (not bureau, progress or dates of reports). */
int store_task_update(struct dj_db *db, struct dj_task *t, struct dj_err *err);
int store_task_set_progress(struct dj_db *db, int64_t id, int percent, const char *done_on,
                            const char *reported_on, struct dj_err *err);

struct dj_task_report {
    int64_t id, bureau_id, task_id;
    int percent;
    char note[4000];
    char reported_on[11];
    int64_t reported_by;
    char reporter_name[128];
    char created_at[32];
};
int store_task_reports(struct dj_db *db, int64_t task_id, struct dj_task_report **items,
                       int *count, struct dj_err *err);
int store_task_report_get(struct dj_db *db, int64_t id, struct dj_task_report *r,
                          struct dj_err *err);
int store_task_report_insert(struct dj_db *db, struct dj_task_report *r, struct dj_err *err);

struct dj_rectification {
    int64_t id, bureau_id, org_id;
    char org_name[128], org_path[256];
    char source[32];
    char problem[4000];
    int64_t owner_person_id;
    char owner_name[64];
    char measures[4000];
    char found_on[11], due_on[11], closed_on[11];
    int64_t closed_by;
    char closed_by_name[128];
    char close_note[2000];
    int reopened;
    int64_t created_by;
    char created_at[32], updated_at[32];
};

struct dj_rect_filter {
    int64_t bureau_id;
    const char *org_path;    /* NULL = the bureau */
    int64_t owner_person_id; /* 0 = any */
    const char *source;      /* NULL = any */
    const char *due_from, *due_to;
};
int store_rects_list(struct dj_db *db, const struct dj_rect_filter *f, struct dj_rectification **items,
                     int *count, struct dj_err *err);
int store_rect_get(struct dj_db *db, int64_t id, struct dj_rectification *r, struct dj_err *err);
int store_rect_insert(struct dj_db *db, struct dj_rectification *r, struct dj_err *err);
/* Writes source, problem, owner, measures, found_on, due_on, closed_on,
 * closed_by, close_note and reopened. */
int store_rect_update(struct dj_db *db, struct dj_rectification *r, struct dj_err *err);

#endif
