/* volunteering: 进社区报到 and volunteering — a member's registration with a
 * community (date, community, confirmation), service activities organised by
 * an organisation (kind volunteer: 志愿服务, masses: 我为群众办实事,
 * enterprises: 万人助万企) with sign-ups, hours reported by the member (on
 * the phone) and confirmed by the organiser, and the year's figures of
 * service to the people (with core/contacts' records).
 *
 * A member registers and signs up themselves, or is registered by whoever
 * may record for them (people_may_record); a registration is confirmed by
 * the latter.  Activities are organised, and hours confirmed, with
 * meetings.write on the activity's organisation.  Activities are read by
 * anyone of the bureau; registrations and sign-ups within the actor's
 * people.read scope (or an organiser's own activities), or by the person.
 * Hours are hundredths (JSON: decimals).  JSON returned is the caller's. */
#ifndef DJ_VOLUNTEERING_H
#define DJ_VOLUNTEERING_H

#include <jansson.h>

#include "core/authz.h"
#include "store/service.h"
#include "util/config.h"

int registrations_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                       json_t **items, int64_t *total, struct dj_err *err);
/* body: person_id (default: the actor's person), community, registered_on,
 * note, and confirmed_on from one who may record for the person. */
int registrations_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         json_t *body, json_t **out, struct dj_err *err);
int registrations_confirm(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                          int64_t id, json_t *body, json_t **out, struct dj_err *err);

int activities_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                    json_t **items, int64_t *total, struct dj_err *err);
/* One activity with the sign-ups the actor may see. */
int activities_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                   struct dj_err *err);
int activities_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      json_t *body, json_t **out, struct dj_err *err);

/* body: person_id (default: the actor's person). */
int signups_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t activity_id, json_t *body, json_t **out, struct dj_err *err);
int signups_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                 json_t **items, int64_t *total, struct dj_err *err);
/* The member reports their hours (body: hours) once the activity was held. */
int signups_report(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                   json_t *body, json_t **out, struct dj_err *err);
/* The organiser confirms (body: hours, default the reported ones). */
int signups_confirm(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                    json_t *body, json_t **out, struct dj_err *err);

/* The year's figures within the actor's people.read scope. */
int service_statistics(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const char *year, json_t **out,
                       struct dj_err *err);

#endif
