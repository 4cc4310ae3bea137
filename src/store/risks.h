/* store/risks: the rows of 廉政风险点 (risk_points) and of 资金运行图 (fund
 * processes with their ordered steps and the risk points of each step).
 * Plain structs; lists are arrays the caller frees. */
#ifndef DJ_STORE_RISKS_H
#define DJ_STORE_RISKS_H

#include <stdint.h>

#include "store/db.h"

struct dj_risk_point {
    int64_t id;
    int64_t bureau_id;
    int64_t department_id; /* 0: none (the whole bureau) */
    char department_name[96];
    char post[96];
    char risk[800];
    char level[8]; /* 高, 中, 低 */
    char measures[1600];
    int64_t owner_id; /* 0: none */
    char owner_name[64];
    char reviewed_on[11]; /* "" for never */
    char created_at[32];
    char updated_at[32];
};

struct dj_risk_filter {
    int64_t bureau_id;
    int64_t department_id; /* 0: any */
    const char *level;     /* NULL: any */
    int limit, offset;
};

int store_risk_list(struct dj_db *db, const struct dj_risk_filter *f, struct dj_risk_point **items,
                    int *count, int64_t *total, struct dj_err *err);
int store_risk_get(struct dj_db *db, int64_t id, struct dj_risk_point *r, struct dj_err *err);
int store_risk_insert(struct dj_db *db, struct dj_risk_point *r, struct dj_err *err);
int store_risk_update(struct dj_db *db, struct dj_risk_point *r, struct dj_err *err);

struct dj_fund_process {
    int64_t id;
    int64_t bureau_id;
    char name[128];
    char description[800];
    char created_at[32];
    char updated_at[32];
};

struct dj_fund_step {
    int64_t id;
    int64_t process_id;
    int seq;
    char name[96];
    int64_t department_id; /* 0: none */
    char department_name[96];
};

/* (step, risk point) pairs with the point's risk and level */
struct dj_fund_step_risk {
    int64_t step_id;
    int64_t risk_point_id;
    char risk[800];
    char level[8];
};

int store_fund_list(struct dj_db *db, int64_t bureau_id, struct dj_fund_process **items, int *count,
                    struct dj_err *err);
int store_fund_get(struct dj_db *db, int64_t id, struct dj_fund_process *p, struct dj_err *err);
int store_fund_steps(struct dj_db *db, int64_t process_id, struct dj_fund_step **items, int *count,
                     struct dj_err *err);
int store_fund_step_risks(struct dj_db *db, int64_t process_id, struct dj_fund_step_risk **items,
                          int *count, struct dj_err *err);
int store_fund_insert(struct dj_db *db, struct dj_fund_process *p, struct dj_err *err);
int store_fund_update(struct dj_db *db, struct dj_fund_process *p, struct dj_err *err);
/* Removes every step of the process and their risk links. */
int store_fund_steps_clear(struct dj_db *db, int64_t process_id, struct dj_err *err);
/* Adds a step (s->id set) */
int store_fund_step_insert(struct dj_db *db, struct dj_fund_step *s, struct dj_err *err);
int store_fund_step_risk_insert(struct dj_db *db, int64_t step_id, int64_t risk_point_id,
                                struct dj_err *err);

/* 以案促改: a warning-education case */
struct dj_integrity_case {
    int64_t id;
    int64_t bureau_id;
    char title[200];
    char occurred_on[11]; /* "" for unknown */
    char summary[2400];
    char lessons[2400];
    char rectifications[2400];
    char created_at[32];
    char updated_at[32];
};

/* Newest first (occurred_on, then id). */
int store_case_list(struct dj_db *db, int64_t bureau_id, int limit, int offset,
                    struct dj_integrity_case **items, int *count, int64_t *total, struct dj_err *err);
int store_case_get(struct dj_db *db, int64_t id, struct dj_integrity_case *c, struct dj_err *err);
int store_case_insert(struct dj_db *db, struct dj_integrity_case *c, struct dj_err *err);
int store_case_update(struct dj_db *db, struct dj_integrity_case *c, struct dj_err *err);

#endif
