/* risks: 廉政风险点 and 资金运行图 (issue 13, item 5).
 *
 * A risk point belongs to the bureau, names a department (or none: the
 * whole bureau) and a post, the risk, its level (高, 中, 低), the control
 * measures, the person who owns it and the day it was last reviewed.  A fund
 * process (e.g. 资金支出: 申请 → 审核 → 审批 → 支付 → 记账) is a name and ordered
 * steps, each with the department involved and the risk points attached.
 *
 * Every account of the bureau reads both (they are posted for all to see);
 * party_admin or discipline at the bureau's root change them.  Every change
 * is audited.  JSON results are new references the caller releases. */
#ifndef DJ_RISKS_H
#define DJ_RISKS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "store/risks.h"
#include "util/config.h"

struct risk_input {
    bool has_department, has_post, has_risk, has_level, has_measures, has_owner, has_reviewed;
    int64_t department_id; /* 0: none */
    char post[96];
    char risk[800];
    char level[8];
    char measures[1600];
    int64_t owner_id; /* 0: none */
    char reviewed_on[11];
};

#define FUND_MAX_STEPS 20
#define FUND_MAX_STEP_RISKS 20

struct fund_step_input {
    char name[96];
    int64_t department_id;
    int64_t risks[FUND_MAX_STEP_RISKS];
    int nrisks;
};

struct fund_input {
    bool has_name, has_description, has_steps;
    char name[128];
    char description[800];
    struct fund_step_input steps[FUND_MAX_STEPS];
    int nsteps;
};

json_t *risk_json(const struct dj_risk_point *r);
/* f->bureau_id is set here (the actor's bureau). */
int risks_list(struct dj_db *db, const struct dj_actor *actor, struct dj_risk_filter *f,
               json_t **items, int64_t *total, struct dj_err *err);
int risks_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
              struct dj_err *err);
int risks_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct risk_input *in, json_t **out, struct dj_err *err);
int risks_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const struct risk_input *in, json_t **out, struct dj_err *err);

/* Every fund process of the actor's bureau with its steps. */
int funds_list(struct dj_db *db, const struct dj_actor *actor, json_t **items, struct dj_err *err);
int funds_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
              struct dj_err *err);
int funds_create(struct dj_db *db, const struct dj_actor *actor, const struct fund_input *in,
                 json_t **out, struct dj_err *err);
/* Changes name and description; steps, when given, replace all the steps. */
int funds_update(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                 const struct fund_input *in, json_t **out, struct dj_err *err);

/* 以案促改 cases: read and changed as risk points are. */
struct case_input {
    bool has_title, has_occurred, has_summary, has_lessons, has_rectifications;
    char title[200];
    char occurred_on[11];
    char summary[2400];
    char lessons[2400];
    char rectifications[2400];
};
int cases_list(struct dj_db *db, const struct dj_actor *actor, int limit, int offset,
               json_t **items, int64_t *total, struct dj_err *err);
int cases_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
              struct dj_err *err);
int cases_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct case_input *in, json_t **out, struct dj_err *err);
int cases_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const struct case_input *in, json_t **out, struct dj_err *err);

#endif
