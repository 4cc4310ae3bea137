/* store/service: the rows of service to the people (migration 024):
 * contacts (联系点) and their visits, pairings (结对共建) and their joint
 * activities, community registrations (进社区报到), service activities with
 * their sign-ups and hours (what is counted over them: store/service_figures).
 * Plain structs; lists are arrays the caller frees; writes run inside the
 * caller's transaction.  Money is in fen, hours in hundredths. */
#ifndef DJ_STORE_SERVICE_H
#define DJ_STORE_SERVICE_H

#include <stdint.h>

#include "store/db.h"

struct dj_contact {
    int64_t id, bureau_id, person_id, org_id; /* org_id: a leader's contact branch, 0 none */
    char person_name[64], staff_no[40], org_name[128];
    char kind[24], name[128], place[200], phone[24];
    char started_on[11], ended_on[11], note[400];
    int64_t visits;
    char created_at[32], updated_at[32];
};

struct dj_contact_visit {
    int64_t id, bureau_id, contact_id, person_id;
    char person_name[64], contact_name[128], contact_kind[24];
    char visited_on[11], content[600], help_kind[100];
    int64_t help_amount; /* fen */
    char created_at[32];
};

struct dj_pairing {
    int64_t id, bureau_id, org_id;
    char org_name[128], org_path[160];
    char partner[128], partner_kind[16], started_on[11], ended_on[11], note[400];
    int64_t activities;
    char created_at[32];
};

struct dj_pairing_activity {
    int64_t id, bureau_id, pairing_id;
    char held_on[11], title[128], content[600];
    int64_t participants;
    char created_at[32];
};

struct dj_registration {
    int64_t id, bureau_id, person_id;
    char person_name[64], staff_no[40], branch_name[128];
    char community[128], registered_on[11], confirmed_on[11], note[400];
    char created_at[32];
};

struct dj_service_activity {
    int64_t id, bureau_id, org_id;
    char org_name[128], org_path[160];
    char kind[16], title[128], held_on[11], place[200], content[600];
    int64_t signups, confirmed, confirmed_hours;
    char created_at[32];
};

struct dj_signup {
    int64_t id, bureau_id, activity_id, person_id;
    char person_name[64], staff_no[40];
    char activity_title[128], activity_kind[16], held_on[11], org_path[160];
    int64_t hours;
    char status[16], reported_at[32], confirmed_at[32], created_at[32];
};

/* One filter for every list; zero and NULL members do not filter.
 * branch_path limits people's records to those whose current branch lies
 * under it, activities and pairings to those of organisations under it. */
struct dj_service_filter {
    int64_t bureau_id, person_id, parent_id; /* parent: contact, activity */
    const char *branch_path, *kind, *status, *from, *to, *active_on;
    int limit, offset;
};

int store_contact_list(struct dj_db *db, const struct dj_service_filter *f, struct dj_contact **items,
                       int *count, int64_t *total, struct dj_err *err);
int store_contact_get(struct dj_db *db, int64_t id, struct dj_contact *c, struct dj_err *err);
int store_contact_insert(struct dj_db *db, struct dj_contact *c, int64_t by, struct dj_err *err);
int store_contact_update(struct dj_db *db, struct dj_contact *c, struct dj_err *err);

int store_visit_list(struct dj_db *db, const struct dj_service_filter *f, struct dj_contact_visit **items,
                     int *count, int64_t *total, struct dj_err *err);
int store_visit_insert(struct dj_db *db, struct dj_contact_visit *v, int64_t by, struct dj_err *err);
int store_visit_get(struct dj_db *db, int64_t id, struct dj_contact_visit *v, struct dj_err *err);

int store_pairing_list(struct dj_db *db, const struct dj_service_filter *f, struct dj_pairing **items,
                       int *count, int64_t *total, struct dj_err *err);
int store_pairing_get(struct dj_db *db, int64_t id, struct dj_pairing *p, struct dj_err *err);
int store_pairing_insert(struct dj_db *db, struct dj_pairing *p, int64_t by, struct dj_err *err);
int store_pairing_activities(struct dj_db *db, int64_t pairing_id, struct dj_pairing_activity **items,
                             int *count, struct dj_err *err);
int store_pairing_activity_insert(struct dj_db *db, struct dj_pairing_activity *a, int64_t by,
                                  struct dj_err *err);

int store_registration_list(struct dj_db *db, const struct dj_service_filter *f,
                            struct dj_registration **items, int *count, int64_t *total,
                            struct dj_err *err);
int store_registration_get(struct dj_db *db, int64_t id, struct dj_registration *r, struct dj_err *err);
int store_registration_insert(struct dj_db *db, struct dj_registration *r, int64_t by, struct dj_err *err);
int store_registration_confirm(struct dj_db *db, int64_t id, const char *on, int64_t by,
                               struct dj_err *err);

int store_activity_list(struct dj_db *db, const struct dj_service_filter *f,
                        struct dj_service_activity **items, int *count, int64_t *total,
                        struct dj_err *err);
int store_activity_get(struct dj_db *db, int64_t id, struct dj_service_activity *a, struct dj_err *err);
int store_activity_insert(struct dj_db *db, struct dj_service_activity *a, int64_t by, struct dj_err *err);

int store_signup_list(struct dj_db *db, const struct dj_service_filter *f, struct dj_signup **items,
                      int *count, int64_t *total, struct dj_err *err);
int store_signup_get(struct dj_db *db, int64_t id, struct dj_signup *s, struct dj_err *err);
/* DJ_ECONFLICT when the person has signed up already. */
int store_signup_insert(struct dj_db *db, struct dj_signup *s, struct dj_err *err);
/* Sets hours and status; confirmed_by 0 for a report. */
int store_signup_set(struct dj_db *db, int64_t id, int64_t hours, const char *status, int64_t confirmed_by,
                     struct dj_err *err);

#endif
