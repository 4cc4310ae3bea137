/* cadre: cadre development (issue 16 item 5, seed 000): postings — 轮岗
 * (rotation between departments and posts), 一线锻炼 (frontline) and
 * 驻村第一书记 (village) with place and dates — and 帮带 pairs in the three
 * modes of seed 000 (科级领导帮带中层骨干, 老干部帮带年轻干部, 业务精兵帮带年轻
 * 同志) with their goals and reviews.  party_admin at the bureau's root
 * writes (the organisation work); those who read a person's branch
 * (people.read) and the person themselves read.  Every write is audited.
 * Answers are new json_t references the caller owns. */
#ifndef DJ_CADRE_H
#define DJ_CADRE_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "store/cadre.h"
#include "util/config.h"

/* A posting's fields as given (has_* for PATCH). */
struct posting_input {
    int64_t person_id, department_id;
    char kind[16], place[200], post[100], start_on[11], end_on[11], note[600];
    bool has_person, has_department, has_kind, has_place, has_post, has_start, has_end, has_note;
};

int cadre_postings_list(struct dj_db *db, const struct dj_actor *actor, int64_t person_id, const char *kind,
                        int limit, int offset, json_t **items, int64_t *total, struct dj_err *err);
int cadre_posting_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         const struct posting_input *in, json_t **out, struct dj_err *err);
int cadre_posting_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                         const struct posting_input *in, json_t **out, struct dj_err *err);

int cadre_mentorships_list(struct dj_db *db, const struct dj_actor *actor, int64_t person_id, const char *mode,
                           int limit, int offset, json_t **items, int64_t *total, struct dj_err *err);
int cadre_mentorship_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                            const struct dj_mentorship *in, json_t **out, struct dj_err *err);
/* One pair with its reviews. */
int cadre_mentorship_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                         struct dj_err *err);
int cadre_mentorship_review(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                            const struct dj_mentorship_review *in, json_t **out, struct dj_err *err);

/* Labels: 轮岗 / 一线锻炼 / 驻村第一书记 and the three 帮带 modes; NULL when unknown. */
const char *cadre_kind_label(const char *kind);
const char *cadre_mode_label(const char *mode);

#endif
