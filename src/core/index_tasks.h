/* index_tasks: the facts of the index engine's task sources (tasks_on_time,
 * rectifications_on_time; core/index_engine registers them): the bureau's
 * tasks (private ones too) and rectifications due in the period, and per
 * target — a branch by its own list, a member by what they own — the share
 * on time with every item named.  A task is on time when done_on <= due_on;
 * a rectification when closed_on <= due_on and never reopened
 * (core/task_status.h).  The arrays belong to the struct: index_tasks_free. */
#ifndef DJ_INDEX_TASKS_H
#define DJ_INDEX_TASKS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/tasks.h"

struct index_task_facts {
    struct dj_task *tasks;
    int ntasks;
    struct dj_rectification *rects;
    int nrects;
    bool have_tasks, have_rects;
};

/* Loads the tasks (rects false) or the rectifications due from first to last, once. */
int index_tasks_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last, bool rects,
                     struct index_task_facts *f, struct dj_err *err);
/* The explanation of one target (new reference): {due, on_time, late, not_done | not_closed,
 * tasks | rectifications: [...]}; *has is false when nothing fell due, else *value is the
 * share on time in hundredths of a percent (half up). */
json_t *index_tasks_value(const struct index_task_facts *f, bool rects, bool by_branch, int64_t target,
                          bool *has, int64_t *value);
void index_tasks_free(struct index_task_facts *f);

#endif
