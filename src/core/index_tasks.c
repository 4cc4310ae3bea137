#include "core/index_tasks.h"

#include <stdlib.h>
#include <string.h>

static int cmp_task(const void *a, const void *b)
{
    const struct dj_task *x = a, *y = b;
    int c = strcmp(x->due_on, y->due_on); /* the explanation lists them by date */
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int cmp_rect(const void *a, const void *b)
{
    const struct dj_rectification *x = a, *y = b;
    int c = strcmp(x->due_on, y->due_on);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

int index_tasks_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last, bool rects,
                     struct index_task_facts *f, struct dj_err *err)
{
    int rc = 0;
    if (!rects && !f->have_tasks) {
        struct dj_task_filter tf = {.bureau_id = bureau_id, .see_all = true, .due_from = first, .due_to = last};
        if (!(rc = store_tasks_list(db, &tf, &f->tasks, &f->ntasks, err)) && f->ntasks)
            qsort(f->tasks, (size_t)f->ntasks, sizeof *f->tasks, cmp_task);
        f->have_tasks = true;
    } else if (rects && !f->have_rects) {
        struct dj_rect_filter rf = {.bureau_id = bureau_id, .due_from = first, .due_to = last};
        if (!(rc = store_rects_list(db, &rf, &f->rects, &f->nrects, err)) && f->nrects)
            qsort(f->rects, (size_t)f->nrects, sizeof *f->rects, cmp_rect);
        f->have_rects = true;
    }
    return rc;
}

json_t *index_tasks_value(const struct index_task_facts *f, bool rects, bool by_branch, int64_t target,
                          bool *has, int64_t *value)
{
    int64_t due = 0, on_time = 0, late = 0, open = 0;
    json_t *list = json_array();
    if (!rects) {
        for (int i = 0; i < f->ntasks; i++) {
            const struct dj_task *t = &f->tasks[i];
            if ((by_branch ? t->org_id : t->owner_person_id) != target)
                continue;
            due++;
            const char *how = !t->done_on[0] ? "not_done" : strcmp(t->done_on, t->due_on) <= 0 ? "on_time" : "late";
            on_time += how[0] == 'o';
            late += how[0] == 'l';
            open += how[0] == 'n';
            json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:s}", "title", t->title, "due_on", t->due_on,
                                                  "done_on", t->done_on[0] ? json_string(t->done_on) : json_null(),
                                                  "result", how));
        }
    } else {
        for (int i = 0; i < f->nrects; i++) {
            const struct dj_rectification *x = &f->rects[i];
            if ((by_branch ? x->org_id : x->owner_person_id) != target)
                continue;
            due++;
            const char *how = !x->closed_on[0] ? "not_closed"
                              : strcmp(x->closed_on, x->due_on) <= 0 && !x->reopened ? "on_time" : "late";
            on_time += how[0] == 'o';
            late += how[0] == 'l';
            open += how[0] == 'n';
            json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:i, s:s}", "problem", x->problem, "due_on",
                                                  x->due_on, "closed_on",
                                                  x->closed_on[0] ? json_string(x->closed_on) : json_null(),
                                                  "reopened", x->reopened, "result", how));
        }
    }
    *has = due > 0;
    *value = due > 0 ? (on_time * 10000 * 2 + due) / (due * 2) : 0; /* hundredths of a percent, half up */
    return json_pack("{s:I, s:I, s:I, s:I, s:o}", "due", (json_int_t)due, "on_time", (json_int_t)on_time, "late",
                     (json_int_t)late, rects ? "not_closed" : "not_done", (json_int_t)open,
                     rects ? "rectifications" : "tasks", list);
}

void index_tasks_free(struct index_task_facts *f)
{
    free(f->tasks);
    free(f->rects);
    memset(f, 0, sizeof *f);
}
