/* users: accounts and their roles, administered by a sysadmin within the
 * subtree of their grant.  Every change is one transaction with its audit
 * record.  Passwords given or generated here are never logged. */
#ifndef DJ_USERS_H
#define DJ_USERS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "util/config.h"

/* Room for a generated password and its NUL. */
#define DJ_GENERATED_PASSWORD_MAX 32

struct dj_user_input {
    const char *username;     /* create only */
    const char *display_name; /* NULL: unchanged */
    const char *password;     /* create: NULL to generate one */
    int has_disabled;
    bool disabled;
    int has_roles;            /* roles given: replace all */
    int has_person;           /* person_id given: link the account to that person */
    int64_t person_id;        /* 0 unlinks */
    bool province;            /* create only, system actor: a province-level account */
    int64_t bureau_id;        /* create only, system actor: the account's bureau (0: that of its first grant) */
    int nroles;
    struct dj_role_grant roles[DJ_MAX_ROLES]; /* role and org_id */
};

/* 3 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit. */
bool users_username_valid(const char *s);

/* A one-time password of the length the rules ask (at least 16 characters). */
void users_generate_password(const struct dj_config *cfg, char out[DJ_GENERATED_PASSWORD_MAX]);

/* The public shape of a user (never the hash). New reference. */
json_t *user_json(const struct dj_user *u);

/* Creates a user.  When in->password is NULL a password is generated and
 * copied to generated (DJ_GENERATED_PASSWORD_MAX bytes), to be shown once.
 * Either way the user must change it at first login, unless the actor is
 * the system (init, demo). */
int users_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct dj_user_input *in, struct dj_user *out, char *generated,
                 struct dj_err *err);
/* Changes a user.  A sysadmin cannot grant itself a role it does not hold
 * (DJ_EFORBIDDEN, audited as "grant_refused"). */
int users_update(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                 const struct dj_user_input *in, struct dj_user *out, struct dj_err *err);
/* Sets a new password (given, or generated into generated, of
 * DJ_GENERATED_PASSWORD_MAX bytes) that the user
 * must change at next login, and ends the user's sessions. */
int users_reset_password(struct dj_db *db, const struct dj_config *cfg,
                         const struct dj_actor *actor, int64_t id, const char *password,
                         char *generated, struct dj_err *err);
int users_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_user *out,
              struct dj_err *err);
int users_list(struct dj_db *db, const struct dj_actor *actor, const char *q, int limit, int offset,
               struct dj_user_list *out, struct dj_err *err);

#endif
