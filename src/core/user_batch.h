/* user_batch: accounts for many people of the roster at once (issue 12,
 * item 6).  The clerk picks people; each without an account gets one named
 * by their 工号 or mobile number (in the bureau's namespace, core/bureaus),
 * linked to them, with the role member on their current branch when they
 * have one, and a generated one-time password that must be changed at first
 * login.  Everything in one transaction, each account audited.  The caller
 * owns the JSON it gets back; it holds the passwords: show them once. */
#ifndef DJ_USER_BATCH_H
#define DJ_USER_BATCH_H

#include <jansson.h>

#include "core/authz.h"
#include "util/config.h"

#define USER_BATCH_MAX 300

/* login: "staff_no" or "phone".  *out: {"created": [{person_id, name,
 * staff_no, username, password}], "skipped": [{person_id, name, reason}]}.
 * Needs users.manage over each person's bureau or branch; an id of no person
 * of the actor's bureau (another bureau's too) is a field error on
 * person_ids and nothing is written. */
int users_create_for_people(struct dj_db *db, const struct dj_config *cfg,
                            const struct dj_actor *actor, const int64_t *person_ids, int n,
                            const char *login, json_t **out, struct dj_err *err);

#endif
