/* store/users: the users, user_roles, sessions and login_failures tables.
 * Plain structs filled from rows; lists are arrays the caller frees with
 * the matching *_free function.  Writes run inside the caller's transaction. */
#ifndef DJ_STORE_USERS_H
#define DJ_STORE_USERS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

#define DJ_NAME_MAX 128
#define DJ_HASH_MAX 160
#define DJ_MAX_ROLES 12

struct dj_role_grant {
    char role[24];
    int64_t org_id;
    char org_path[160];
    char org_name[DJ_NAME_MAX];
    int64_t department_id; /* dept_head: the department covered, else 0 */
    char department_name[DJ_NAME_MAX];
};

struct dj_user {
    int64_t id;
    char username[DJ_NAME_MAX];
    char display_name[DJ_NAME_MAX];
    char password_hash[DJ_HASH_MAX];
    bool disabled;
    bool must_change_password;
    char created_at[32];
    char updated_at[32];
    int64_t person_id; /* the person linked to the account (people.user_id), 0 when none */
    int64_t bureau_id; /* the bureau (root org) the account belongs to; 0 for a province account */
    bool province;     /* a province-level administrator: above the bureaus, no grants in them */
    bool bureau_suspended; /* the account's bureau is suspended: it cannot act */
    int nroles;
    struct dj_role_grant roles[DJ_MAX_ROLES];
};

int store_user_insert(struct dj_db *db, const struct dj_user *u, int64_t *id, struct dj_err *err);
/* Fills *u (with roles) or returns DJ_ENOTFOUND. */
int store_user_get(struct dj_db *db, int64_t id, struct dj_user *u, struct dj_err *err);
int store_user_get_by_name(struct dj_db *db, const char *username, struct dj_user *u,
                           struct dj_err *err);
/* Updates display_name, disabled and must_change_password of u->id. */
int store_user_update(struct dj_db *db, const struct dj_user *u, struct dj_err *err);
int store_user_set_password(struct dj_db *db, int64_t id, const char *hash, bool must_change,
                            struct dj_err *err);
/* Replaces the user's roles with u->roles. */
int store_user_set_roles(struct dj_db *db, const struct dj_user *u, struct dj_err *err);
int store_user_load_roles(struct dj_db *db, struct dj_user *u, struct dj_err *err);

struct dj_user_list {
    struct dj_user *items;
    int count;
    int64_t total;
};
/* Users whose name or display name contains q (NULL for all), by id.
 * bureau_id: only the accounts of that bureau (0: every account).
 * scope_path: only users holding a role in that subtree, or (when
 * include_roleless) holding no role at all; NULL for everyone. */
int store_user_list(struct dj_db *db, const char *q, int64_t bureau_id, const char *scope_path,
                    bool include_roleless, int limit, int offset,
                    struct dj_user_list *out, struct dj_err *err);
void store_user_list_free(struct dj_user_list *l);

/* Sessions. */
struct dj_session_row {
    int64_t id;
    int64_t user_id;
    char csrf_token[64];
    int64_t created_at, last_seen, expires_at;
};
int store_session_insert(struct dj_db *db, const char *token_hash, const struct dj_session_row *s,
                         struct dj_err *err);
int store_session_get(struct dj_db *db, const char *token_hash, struct dj_session_row *s,
                      struct dj_err *err);
/* The session of a token hash with its user (and roles) and the id of the
 * person linked to the user (0 when none), in two queries. */
int store_session_resolve(struct dj_db *db, const char *token_hash, struct dj_session_row *s,
                          struct dj_user *u, int64_t *person_id, struct dj_err *err);
int store_session_touch(struct dj_db *db, int64_t id, int64_t now, struct dj_err *err);
int store_session_delete(struct dj_db *db, int64_t id, struct dj_err *err);
/* Ends every session of a user (password reset, disabling). */
int store_session_delete_user(struct dj_db *db, int64_t user_id, struct dj_err *err);
/* Ends every other session of a user (after a password change). */
int store_session_delete_user_except(struct dj_db *db, int64_t user_id, int64_t keep_id,
                                     struct dj_err *err);
/* Removes sessions idle since before idle_before or past their expiry. */
int store_session_purge(struct dj_db *db, int64_t now, int64_t idle_before, struct dj_err *err);

/* Login failures, counted per kind ("account", "address") and key. */
int store_login_failure_add(struct dj_db *db, const char *kind, const char *key, int64_t at,
                            struct dj_err *err);
int store_login_failure_count(struct dj_db *db, const char *kind, const char *key, int64_t since,
                              int64_t *count, struct dj_err *err);
/* Removes failures older than before. */
int store_login_failure_purge(struct dj_db *db, int64_t before, struct dj_err *err);
int store_login_failure_clear(struct dj_db *db, const char *kind, const char *key,
                              struct dj_err *err);

#endif
