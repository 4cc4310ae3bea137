/* tasks: the bureau's 年度任务清单 and each branch's, 攻坚 tasks assigned to
 * branches, progress reports with evidence, and the 晒进度 board (issue 14).
 *
 * A task belongs to a list: an organisation of the bureau (its root for the
 * bureau's own list, or a branch).  Writing a list needs meetings.write over
 * that organisation.  A progress report comes from the task's owner (the
 * person, a dept_head of the owning department) or a writer of the list; it
 * records percent (0–100) and a note on the server's today, and updates the
 * task's percent and done_on (the day the latest run of 100% began).  The
 * status is derived on read by core/task_status from the dates, the reports
 * and today.  Everyone of the bureau reads public tasks; a private one only
 * its list's writers and its owner.  Every change is audited. */
#ifndef DJ_TASKS_H
#define DJ_TASKS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/tasks.h"
#include "util/config.h"

struct dj_task_query {
    int year;
    int64_t org_id, owner_person_id;
    const char *line, *kind, *status; /* NULL = any */
    bool mine;                        /* the actor's own tasks (their person) */
    const char *sort;                 /* due_on (default), progress, status, weight, title, org */
    bool desc;
    int limit, offset;
};

/* JSON of one task with its derived status on today (new reference). */
json_t *task_json(const struct dj_task *t, const char *today);
int tasks_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
               const struct dj_task_query *q, json_t **items, int64_t *total, struct dj_err *err);
/* The task with its reports and each report's files. */
int tasks_get_json(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t id, json_t **out, struct dj_err *err);
/* body: the fields of a task (docs/openapi.yaml TaskInput); *out the new task. */
int tasks_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const json_t *body, json_t **out, struct dj_err *err);
/* body: the fields to change. */
int tasks_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const json_t *body, json_t **out, struct dj_err *err);
/* Applies the fields of body to t and checks the whole task (the
 * organisation, owner and department of the actor's bureau; meetings.write
 * over the organisation); field errors in err.  For the importer. */
int tasks_check(struct dj_db *db, const struct dj_actor *actor, const json_t *body,
                struct dj_task *t, struct dj_err *err);
/* The columns of a task list in Excel (the export's titles): rows become
 * tasks, all or nothing; errors by row and column; dry_run writes nothing.
 * *result is {rows, created, dry_run, errors: [{row, column, message}]}. */
int tasks_import(struct dj_db *db, const struct dj_actor *actor, const void *data, size_t len,
                 bool dry_run, json_t **result, struct dj_err *err);
/* A progress report {percent, note}; *out the report. */
int tasks_report(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, int percent, const char *note, json_t **out, struct dj_err *err);
/* The board of a year (0 = this year): counts by status, per list. */
int tasks_board(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                int year, json_t **out, struct dj_err *err);

/* Appends to items the /warnings of the tasks and rectifications the actor
 * manages (meetings.write over their organisation) or owns: not done (not
 * closed) and due within warning_days (task_due, rectification_due) or past
 * due (task_overdue, rectification_overdue). */
int tasks_warnings(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int warning_days, json_t *items, struct dj_err *err);

/* For core/meetings' evidence files: whether the actor may attach a file to
 * a progress report (object_type task_report), and the organisation to audit
 * under; DJ_ENOTFOUND (as a field error of object_id) for a report the actor
 * cannot see. */
int tasks_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t report_id,
                      int64_t *org_id, int64_t *bureau_id, struct dj_err *err);
/* Whether the actor may read the files of a report. */
int tasks_file_readable(struct dj_db *db, const struct dj_actor *actor, int64_t report_id,
                        struct dj_err *err);

#endif
