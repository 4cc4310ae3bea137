/* contacts: 联系点 — the households, enterprises and village or community
 * branches a member or a leader keeps in contact with (a leader's row may
 * also name the bureau branch they are responsible for), the visits made to
 * them (what was done, help in kind and in fen, photos as evidence files of
 * object_type "contact_visit"), the bureau's rule "each member keeps at least
 * N household contacts" (bureau setting contact_min_households) with the
 * members below it, and 结对共建: a bureau branch paired with a village or
 * community branch, with joint activities.
 *
 * Records naming a person are written by those who may record for the person
 * (people_may_record: meetings.write on their branch or the bureau); visits
 * also by the person themselves.  They are read within the actor's
 * people.read scope, or by the person.  Pairings are written with
 * meetings.write on the bureau branch and read by anyone of the bureau.
 * JSON returned is the caller's to free. */
#ifndef DJ_CONTACTS_H
#define DJ_CONTACTS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/people.h"
#include "store/service.h"
#include "util/config.h"

/* Fills f's bureau and branch path from the actor's people.read scope, or
 * limits it to the actor's own person (a person_id of someone else is
 * DJ_EFORBIDDEN); shared with core/volunteering. */
int service_read_scope(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                       struct dj_err *err);
/* The bureau of the actor for records anyone of the bureau reads. */
int service_bureau(const struct dj_actor *actor, int64_t *bureau_id, struct dj_err *err);

int contacts_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                  json_t **items, int64_t *total, struct dj_err *err);
/* One contact with its visits (each with its photos). */
int contacts_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                 struct dj_err *err);
int contacts_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    json_t *body, json_t **out, struct dj_err *err);
int contacts_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                    json_t *body, json_t **out, struct dj_err *err);
int contacts_visit_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                          int64_t contact_id, json_t *body, json_t **out, struct dj_err *err);
int contacts_visit_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                        json_t **items, int64_t *total, struct dj_err *err);
/* The members (in the actor's people.read scope) below the bureau's rule
 * on day: {"min", "on", "items"}. */
int contacts_gaps(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const char *day, json_t **out, struct dj_err *err);
/* For core/meetings' evidence files: may the actor attach to / read the
 * visit's photos; fills the organisation the audit names and the bureau. */
int contacts_visit_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t visit_id,
                               bool write, int64_t *org_id, int64_t *bureau_id, struct dj_err *err);

int pairings_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                  json_t **items, int64_t *total, struct dj_err *err);
int pairings_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                 struct dj_err *err);
int pairings_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    json_t *body, json_t **out, struct dj_err *err);
int pairings_activity_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                             int64_t pairing_id, json_t *body, json_t **out, struct dj_err *err);

/* The person a record names, for writing: another bureau's is the field
 * error of a missing person_id; may_self lets the person write their own. */
int service_person_for_write(struct dj_db *db, const struct dj_actor *actor, int64_t person_id, bool may_self,
                             struct dj_person *p, struct dj_err *err);
/* Reading a record of a person: their own, or in the actor's people.read scope. */
int service_person_readable(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                            struct dj_err *err);
/* Commits the write transaction after its audit record (audit_rc: what
 * audit_record answered); rolls back on any failure. */
int service_commit(struct dj_db *db, int audit_rc, struct dj_err *err);

/* A number of at most two decimals as hundredths (hours, yuan as fen): true
 * and *out set when v is one, not negative, not 0 unless zero_ok, and at
 * most max hundredths. */
bool service_centi(const json_t *v, bool zero_ok, int64_t max, int64_t *out);
#define SERVICE_MAX_FEN 1000000000 /* help of one visit: at most ten million yuan */
#define SERVICE_MAX_HOURS 2400     /* hours of one sign-up: at most 24 */

/* Shared field readers of the service modules: a string of at most
 * max_chars characters (required: at least one), a date not after today
 * (optional: "" when absent or null).  They add field errors to err. */
void service_text(json_t *body, const char *name, char *dst, size_t size, size_t max_chars, bool required,
                  struct dj_err *err);
void service_date(json_t *body, const char *name, char *dst, const char *today, bool required,
                  struct dj_err *err);

#endif
