/* auth: passwords (argon2id) and sessions.
 *
 * Session tokens are 32 random bytes, sent to the browser as the dj_session
 * cookie and stored only as their SHA-256, so that several servers share
 * sessions through the database and a stolen database holds no usable token.
 * Sessions end after session_idle_minutes without use or
 * session_absolute_hours after login, whichever comes first. */
#ifndef DJ_AUTH_H
#define DJ_AUTH_H

#include <stddef.h>

#include "core/authz.h"
#include "store/db.h"
#include "util/config.h"

#define DJ_TOKEN_LEN 44 /* 43 base64url characters and NUL */

/* Hashes a password with argon2id into out (DJ_HASH_MAX bytes). */
int password_hash(const char *password, char *out, struct dj_err *err);
/* 0 when password matches hash, DJ_EUNAUTH when it does not. */
int password_verify(const char *hash, const char *password);
/* Checks the password rules; fills err->fields["password"] (or field). */
int password_check_rules(const struct dj_config *cfg, const char *username, const char *password,
                         const char *field, struct dj_err *err);
/* A random password of size-1 characters (size at least 4) with lower and
 * upper case letters and digits. */
void password_generate(char *out, size_t size);

struct dj_login {
    char token[DJ_TOKEN_LEN]; /* for the cookie; never logged or stored */
    char csrf_token[64];
    struct dj_actor actor;
};

/* Checks the name and password, the throttles (DJ_ERATELIMIT: failures of the
 * account from this client address, and of the address), and opens a
 * session.  Wrong name and wrong password give the same DJ_EUNAUTH. */
int auth_login(struct dj_db *db, const struct dj_config *cfg, const char *username,
               const char *password, const char *client_addr, struct dj_login *out,
               struct dj_err *err);
/* Finds the live session of a cookie token and fills the actor; DJ_EUNAUTH
 * when missing, expired or the account is disabled. */
int auth_resolve(struct dj_db *db, const struct dj_config *cfg, const char *token,
                 struct dj_actor *actor, struct dj_err *err);
int auth_logout(struct dj_db *db, const struct dj_actor *actor, struct dj_err *err);
/* Forgets every cached session in this process: call it with any change to
 * sessions, accounts, roles or the people linked to accounts. */
void auth_cache_invalidate(void);
/* The current generation of that cache: anything derived from sessions and
 * accounts may be kept while it stays the same. */
uint64_t auth_cache_generation(void);
/* The user changes their own password; other sessions of the user end.  A
 * wrong old_password counts as a failed login (same throttle). */
int auth_change_password(struct dj_db *db, const struct dj_config *cfg, struct dj_actor *actor,
                         const char *old_password, const char *new_password, struct dj_err *err);
/* Removes expired sessions and old login failures, once per period of
 * cfg->housekeeping_seconds across all servers sharing the database (holder
 * names this server).  *ran tells whether this call did the work. */
int auth_housekeeping(struct dj_db *db, const struct dj_config *cfg, const char *holder, bool *ran,
                      struct dj_err *err);

#endif
