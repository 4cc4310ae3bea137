/* talk_rules: the pure rules of 谈心谈话 (no database, no clock), unit-tested
 * in tests/unit/test_talk_rules.c.
 *
 * Relationship (GET /talks/statistics): each person talked with in a talk
 * counts once (人次), by who they were on the talk's day: a leader (领导干部:
 * any committee post in a 党组, 党委, 机关党委 or 党总支, or 书记 or 副书记 of a
 * branch, held that day — store/talks.c asks) is "leaders" (领导班子成员之间);
 * anyone else under 35 that day is "young_cadres" (与年轻干部); everyone else
 * "members" (与党员干部).
 *
 * 五必谈: a fact makes a talk with the person due by trigger + due_days; a
 * talk where the person was talked with, held at most TALK_CLEAR_LEAD_DAYS
 * before the trigger (a 任前谈话 comes before the post) or any day after it,
 * clears it. */
#ifndef DJ_TALK_RULES_H
#define DJ_TALK_RULES_H

#include <stdbool.h>
#include <stddef.h>

#define TALK_YOUNG_AGE 35
#define TALK_CLEAR_LEAD_DAYS 30

enum talk_relation { TALK_REL_LEADERS, TALK_REL_YOUNG, TALK_REL_MEMBERS, TALK_REL_COUNT };

/* "leaders", "young_cadres", "members" */
const char *talk_relation_code(enum talk_relation r);
/* True when someone born on birth_date (YYYY-MM-DD) is under years old on
 * date; false when birth_date is not a date. */
bool talk_under_age(const char *birth_date, const char *date, int years);
enum talk_relation talk_relation_of(bool leader, const char *birth_date, const char *held_on);

/* date + n months (the day clamped to the month's last), into out[11]. */
void talk_add_months(const char *date, int n, char out[11]);

/* The built-in kinds (谈心, 谈话提醒, 诫勉谈话, 任前谈话), NULL-ended. */
extern const char *const talk_builtin_kinds[];
/* True when kind is a built-in kind or a line of own_kinds (one per line). */
bool talk_kind_known(const char *kind, const char *own_kinds);
/* True when role is one of the comma-separated roles of list. */
bool talk_role_listed(const char *list, const char *role);

#endif
