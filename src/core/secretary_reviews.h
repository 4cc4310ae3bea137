/* secretary_reviews: 支部书记述职评议 (issue 16 item 4).  The party
 * administrator opens a branch secretary's yearly review (the branch's
 * current 书记 unless named) with the figures of the records of that year,
 * counted by the statistics' store functions (meetings held, attendance,
 * lectures heard, study hours); the secretary writes the report; the
 * bureau's committee and members (any party member of the bureau but the
 * secretary) each rate once, in secret: 好 / 较好 / 一般 / 差.  Results are
 * counts per grade only (store/appraisals keeps the voters apart from the
 * tallies).  Any account of the bureau reads; every write is audited.
 * Answers are new json_t references the caller owns. */
#ifndef DJ_SECRETARY_REVIEWS_H
#define DJ_SECRETARY_REVIEWS_H

#include <jansson.h>

#include "core/authz.h"
#include "util/config.h"

int reviews_list(struct dj_db *db, const struct dj_actor *actor, int year, int64_t org_id, const char *status,
                 int limit, int offset, json_t **items, int64_t *total, struct dj_err *err);
int reviews_open(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t org_id,
                 int64_t person_id, int year, json_t **out, struct dj_err *err);
int reviews_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err);
/* The secretary's report (the secretary or the administrator, while open). */
int reviews_report(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *report, json_t **out,
                   struct dj_err *err);
int reviews_rate(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *grade,
                 struct dj_err *err);
int reviews_close(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                  json_t **out, struct dj_err *err);

#endif
