/* store/inspections: conduct_rules, inspections, findings (with
 * finding_people), conduct_reviews (with conduct_review_findings) — the SQL
 * of supervision of conduct (core/conduct, core/inspections).  Plain structs
 * filled from rows; lists are arrays the caller frees; writes run inside the
 * caller's transaction. */
#ifndef DJ_STORE_INSPECTIONS_H
#define DJ_STORE_INSPECTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_conduct_rule {
    int64_t id, bureau_id, replaces_id;
    char rule_set[64]; /* 十不准, or another list of the bureau */
    char code[32];     /* the same across versions */
    int seq;
    char text[768];
    char severity[16];     /* 一般, 较重, 严重 */
    int64_t deduct_points; /* hundredths per confirmed finding */
    bool veto;             /* bars 标兵 for the quarter */
    char valid_from[11], valid_to[11]; /* valid_to "" while in force */
    char created_at[32], updated_at[32];
};

/* The bureau's rules; on non-NULL: those in force on that day. */
int store_conduct_rules(struct dj_db *db, int64_t bureau_id, const char *on,
                        struct dj_conduct_rule **items, int *count, struct dj_err *err);
int store_conduct_rule_get(struct dj_db *db, int64_t id, struct dj_conduct_rule *r, struct dj_err *err);
int store_conduct_rule_insert(struct dj_db *db, struct dj_conduct_rule *r, struct dj_err *err);
/* Writes every field but id and bureau. */
int store_conduct_rule_update(struct dj_db *db, struct dj_conduct_rule *r, struct dj_err *err);

struct dj_inspection {
    int64_t id, bureau_id, org_id, department_id;
    char org_name[128], org_path[128], department_name[96];
    char kind[16]; /* daily, spot */
    char held_on[11];
    char place[192], inspectors[192], note[768];
    int findings, confirmed;
    char created_at[32], updated_at[32];
};
struct dj_inspection_filter {
    int64_t bureau_id;
    const char *org_path; /* inspections held by an organisation under it; NULL: all */
    const char *kind, *from, *to;
    int limit, offset;
};
int store_inspections_list(struct dj_db *db, const struct dj_inspection_filter *f,
                           struct dj_inspection **items, int *count, int64_t *total, struct dj_err *err);
int store_inspection_get(struct dj_db *db, int64_t id, struct dj_inspection *r, struct dj_err *err);
int store_inspection_insert(struct dj_db *db, struct dj_inspection *r, int64_t created_by,
                            struct dj_err *err);

struct dj_finding {
    int64_t id, bureau_id, inspection_id, rule_id, org_id, department_id, decided_by;
    char org_name[128], org_path[128], department_name[96];
    char rule_set[64], rule_code[32], rule_text[768], severity[16];
    int64_t deduct_points;
    bool veto, unit;
    char inspection_kind[16], place[192];
    char found_on[11];
    char description[768], explanation[768], explained_at[32];
    char state[16]; /* open, confirmed, dismissed */
    char decided_at[32], decision_note[384];
    char created_at[32], updated_at[32];
};
struct dj_finding_filter {
    int64_t bureau_id;
    const char *org_path;  /* findings whose branch lies under it; with person_scope, or */
    int64_t person_scope;  /* ... findings naming this person (0: none) */
    int64_t person_id;     /* findings naming this person; 0: all */
    int64_t inspection_id, org_id, rule_id;
    const char *state, *from, *to;
    int limit, offset;
};
int store_findings_list(struct dj_db *db, const struct dj_finding_filter *f, struct dj_finding **items,
                        int *count, int64_t *total, struct dj_err *err);
int store_finding_get(struct dj_db *db, int64_t id, struct dj_finding *r, struct dj_err *err);
int store_finding_insert(struct dj_db *db, struct dj_finding *r, int64_t created_by, struct dj_err *err);
/* Explanation, state, decision. */
int store_finding_update(struct dj_db *db, struct dj_finding *r, struct dj_err *err);

struct dj_finding_person {
    int64_t finding_id, person_id, branch_id;
    char name[64], staff_no[40];
};
int store_finding_people_add(struct dj_db *db, int64_t finding_id, int64_t person_id, struct dj_err *err);
int store_finding_people(struct dj_db *db, int64_t finding_id, struct dj_finding_person **items, int *count,
                         struct dj_err *err);

/* Confirmed findings found between from and to (inclusive), for the index
 * engine: per_person, one row per person named (branch_id the finding's);
 * else one row per finding. */
struct dj_violation {
    int64_t finding_id, person_id, branch_id;
    char found_on[11];
    char rule_set[64], rule_code[32], severity[16];
    char rule_text[192]; /* the rule's text, cut to fit an explanation */
    int64_t deduct_points;
    bool veto;
};
int store_violations(struct dj_db *db, int64_t bureau_id, const char *from, const char *to, bool per_person,
                     struct dj_violation **items, int *count, struct dj_err *err);

struct dj_conduct_review {
    int64_t id, bureau_id;
    char period[16], held_on[11];
    char title[192], conclusions[2048];
    char created_at[32];
};
int store_conduct_reviews(struct dj_db *db, int64_t bureau_id, const char *period,
                          struct dj_conduct_review **items, int *count, struct dj_err *err);
int store_conduct_review_insert(struct dj_db *db, struct dj_conduct_review *r, int64_t created_by,
                                struct dj_err *err);
int store_conduct_review_add_finding(struct dj_db *db, int64_t review_id, int64_t finding_id,
                                     struct dj_err *err);
/* The ids of the findings a review discussed (ascending; caller frees). */
int store_conduct_review_findings(struct dj_db *db, int64_t review_id, int64_t **ids, int *count,
                                  struct dj_err *err);

#endif
