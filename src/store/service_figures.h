/* store/service_figures: what is counted over the rows of store/service —
 * a year's figures of service to the people, the members below the bureau's
 * household rule, and the confirmed volunteer hours the index engine counts.
 * Counted in SQL with bound parameters; lists are arrays the caller frees. */
#ifndef DJ_STORE_SERVICE_FIGURES_H
#define DJ_STORE_SERVICE_FIGURES_H

#include <stdint.h>

#include "store/db.h"

/* A year's figures in the bureau (or under branch_path, by people's current
 * branch and activities' organisations). */
struct dj_service_stats {
    int64_t members_contacting, contacts, households, visits, help_amount;
    int64_t registered_members, registrations_confirmed;
    int64_t activities, person_times, hours; /* confirmed sign-ups of activities in the year */
    int64_t masses, enterprises;             /* activities of those kinds in the year */
    int64_t pairings, pairing_activities;
};
int store_service_stats(struct dj_db *db, int64_t bureau_id, const char *branch_path, const char *first,
                        const char *last, struct dj_service_stats *s, struct dj_err *err);

/* Party members (now under branch_path) keeping fewer than min household
 * contacts on day. */
struct dj_contact_gap {
    int64_t person_id;
    char name[64], staff_no[40], branch_name[128];
    int64_t households;
};
int store_contact_gaps(struct dj_db *db, int64_t bureau_id, const char *branch_path, const char *day,
                       int64_t min, struct dj_contact_gap **items, int *count, struct dj_err *err);

/* Confirmed volunteer hours of activities held in [first, last]: one row per
 * sign-up, with the branch the person was in on the day (0 when none). */
struct dj_volunteer_fact {
    int64_t person_id, branch_id, activity_id, hours;
    char held_on[11], title[128];
};
int store_volunteer_facts(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                          struct dj_volunteer_fact **items, int *count, struct dj_err *err);

#endif
