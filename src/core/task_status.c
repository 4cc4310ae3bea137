#include "core/task_status.h"

#include <string.h>

#include "util/date.h"

static bool set(const char *s)
{
    return s && *s;
}

int task_elapsed_percent(const char *start_on, const char *due_on, const char *today)
{
    int64_t s = dj_date_days(start_on), d = dj_date_days(due_on), t = dj_date_days(today);
    if (t >= d)
        return 100;
    if (t <= s)
        return 0;
    return (int)((t - s) * 100 / (d - s));
}

enum task_status task_status_of(const struct task_facts *t, const char *today)
{
    if (set(t->done_on))
        return strcmp(t->done_on, t->due_on) <= 0 ? TS_DONE : TS_DONE_LATE;
    if (strcmp(today, t->due_on) > 0)
        return TS_OVERDUE;
    for (int i = 0; i < t->n_milestones; i++)
        if (strcmp(t->milestones[i].due_on, today) < 0 && t->milestones[i].percent > t->percent)
            return TS_AT_RISK;
    if (task_elapsed_percent(t->start_on, t->due_on, today) - t->percent >= TASK_RISK_LAG)
        return TS_AT_RISK;
    if (dj_date_days(t->due_on) - dj_date_days(today) <= TASK_RISK_DAYS &&
        t->percent < 100 - TASK_RISK_LAG)
        return TS_AT_RISK;
    return TS_ON_TRACK;
}

static const char *const task_codes[] = {"on_track", "at_risk", "overdue", "done", "done_late"};
static const char *const task_labels[] = {"正常推进", "存在风险", "已逾期", "按期完成", "逾期完成"};

const char *task_status_code(enum task_status s)
{
    return task_codes[s];
}

const char *task_status_label(enum task_status s)
{
    return task_labels[s];
}

bool task_status_done(enum task_status s)
{
    return s == TS_DONE || s == TS_DONE_LATE;
}

enum rect_status rect_status_of(const char *due_on, const char *closed_on, int reopened,
                                const char *today)
{
    if (set(closed_on))
        return strcmp(closed_on, due_on) <= 0 && reopened == 0 ? RS_CLOSED : RS_CLOSED_LATE;
    if (strcmp(today, due_on) > 0)
        return RS_OVERDUE;
    if (dj_date_days(due_on) - dj_date_days(today) <= TASK_RISK_DAYS)
        return RS_DUE_SOON;
    return RS_OPEN;
}

static const char *const rect_codes[] = {"open", "due_soon", "overdue", "closed", "closed_late"};
static const char *const rect_labels[] = {"整改中", "即将到期", "已逾期", "按期销号", "逾期销号"};

const char *rect_status_code(enum rect_status s)
{
    return rect_codes[s];
}

const char *rect_status_label(enum rect_status s)
{
    return rect_labels[s];
}
