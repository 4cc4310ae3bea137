/* task_status: the status of a task and of a rectification, derived from
 * their dates, their reports and the server's today — pure, no database.
 *
 * A task (start_on ≤ due_on; percent is the latest report's, 0..100;
 * done_on is the day its latest run of 100% reports began, empty while the
 * latest report is below 100):
 *   done       done_on set and done_on ≤ due_on
 *   done_late  done_on set and done_on > due_on
 *   overdue    not done and today > due_on (the due day itself is still in time)
 *   at_risk    not done, today ≤ due_on, and either
 *                - a milestone whose day has passed (milestone.due_on < today)
 *                  asks for more than percent, or
 *                - the share of time elapsed lags ahead of percent by
 *                  TASK_RISK_LAG points or more: elapsed = (today − start_on) × 100
 *                  / (due_on − start_on), floored, 0 before start_on, 100 on
 *                  or after due_on (and when start_on = due_on, 100 on that day), or
 *                - the due day is within TASK_RISK_DAYS days (due_on − today ≤
 *                  TASK_RISK_DAYS) and percent < 100 − TASK_RISK_LAG
 *   on_track   otherwise
 * A rectification (due_on; closed_on empty while open; reopened counts the
 * times verification failed and it was reopened):
 *   closed       closed_on ≤ due_on and never reopened
 *   closed_late  closed_on > due_on, or closed after being reopened (a
 *                reopened item never counts as closed on time)
 *   overdue      open and today > due_on
 *   due_soon     open and due_on − today ≤ TASK_RISK_DAYS
 *   open         otherwise */
#ifndef DJ_TASK_STATUS_H
#define DJ_TASK_STATUS_H

#include <stdbool.h>

#define TASK_RISK_LAG 30
#define TASK_RISK_DAYS 7

enum task_status { TS_ON_TRACK, TS_AT_RISK, TS_OVERDUE, TS_DONE, TS_DONE_LATE };
enum rect_status { RS_OPEN, RS_DUE_SOON, RS_OVERDUE, RS_CLOSED, RS_CLOSED_LATE };

struct task_milestone {
    char due_on[11];
    int percent;
};

struct task_facts {
    const char *start_on, *due_on, *done_on; /* done_on "" or NULL while not done */
    int percent;
    const struct task_milestone *milestones;
    int n_milestones;
};

/* The status on today (YYYY-MM-DD); dates are valid (checked at write). */
enum task_status task_status_of(const struct task_facts *t, const char *today);
/* The share of time elapsed, 0..100, as defined above. */
int task_elapsed_percent(const char *start_on, const char *due_on, const char *today);
const char *task_status_code(enum task_status s);  /* on_track, at_risk, ... */
const char *task_status_label(enum task_status s); /* 正常推进, 存在风险, ... */
/* True for done and done_late. */
bool task_status_done(enum task_status s);

enum rect_status rect_status_of(const char *due_on, const char *closed_on, int reopened,
                                const char *today);
const char *rect_status_code(enum rect_status s);
const char *rect_status_label(enum rect_status s);

#endif
