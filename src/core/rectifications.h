/* rectifications: the 整改台账 (issue 14) — a problem found by an inspection,
 * 巡察, an audit, criticism at a 民主生活会 or 组织生活会, an objection, 内测 or
 * 外评, with its owner (a person of the bureau), measures, deadline and
 * evidence files (object_type rectification).  Recorded and changed by those
 * with meetings.write over its organisation; 销号 (closing) by such a writer
 * who is not the owner, with a note and at least one evidence file; reopened
 * by a writer when verification fails (a reopened item never counts as
 * closed on time, core/task_status).  Read by writers and people.read over
 * the organisation, and by the owner.  Every change is audited. */
#ifndef DJ_RECTIFICATIONS_H
#define DJ_RECTIFICATIONS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/tasks.h"
#include "util/config.h"

struct dj_rect_query {
    const char *source, *status; /* NULL = any */
    int64_t owner_person_id;
    bool mine;
    int limit, offset;
};

/* The label of a source code, NULL for an unknown code. */
const char *rect_source_label(const char *code);
json_t *rect_json(const struct dj_rectification *r, const char *today);
int rects_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
               const struct dj_rect_query *q, json_t **items, int64_t *total, struct dj_err *err);
int rects_get_json(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t id, json_t **out, struct dj_err *err);
int rects_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const json_t *body, json_t **out, struct dj_err *err);
int rects_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const json_t *body, json_t **out, struct dj_err *err);
/* 销号 with note; reopen with the reason verification failed. */
int rects_close(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                int64_t id, const char *note, json_t **out, struct dj_err *err);
int rects_reopen(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const char *reason, json_t **out, struct dj_err *err);

/* For core/meetings' evidence files (object_type rectification). */
int rects_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t id, int64_t *org_id,
                      int64_t *bureau_id, struct dj_err *err);
int rects_file_readable(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_err *err);

#endif
