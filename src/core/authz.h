/* authz: who may do what, where.  The one authorisation function that every
 * handler calls.  A role is granted on an organisation subtree (its path, e.g.
 * "/1/4/"); a permission is allowed on a target when one of the caller's
 * grants has a role carrying it and the target lies in that grant's subtree.
 * struct dj_actor is plain memory owned by the caller. */
#ifndef DJ_AUTHZ_H
#define DJ_AUTHZ_H

#include <stdbool.h>

#include "store/users.h"
#include "util/err.h"

enum dj_perm {
    PERM_USERS_MANAGE, /* accounts, roles, password resets */
    PERM_AUDIT_READ,   /* the audit trail */
    PERM_ORGS_READ,    /* the organisation tree */
    PERM_ORGS_MANAGE,  /* change the tree */
    PERM_PEOPLE_READ,  /* the roster of a subtree */
    PERM_PEOPLE_WRITE, /* edit people, transfers */
    PERM_PEOPLE_IMPORT, /* import rosters */
    PERM_IDNUMBER_READ, /* see 身份证号 unmasked */
    PERM_MEETINGS_WRITE, /* record meetings, attendance, evidence, lectures, tests, study */
    PERM_INDEXES_MANAGE, /* index schemes and evaluations: run, review, publish, answer objections */
    PERM_COUNT
};

struct dj_actor {
    struct dj_user user;    /* id 0 is the system itself (command line) */
    int64_t session_id;     /* 0 outside a session */
    int64_t person_id;      /* the person linked to the account, 0 when none */
    char csrf_token[64];
    char client_addr[64];
};

/* Fills a system actor for command-line work. */
void actor_system(struct dj_actor *a);
/* True for the command line's system actor. */
bool actor_is_system(const struct dj_actor *a);

/* True when role is one of the roles (the six, and kiosk: a lobby screen's account). */
bool authz_role_valid(const char *role);
/* Chinese name of a role ("系统管理员", ...), or the role itself. */
const char *authz_role_label(const char *role);

/* True when the actor may use perm on the organisation with path target_path
 * (NULL: anywhere, i.e. the actor holds perm on some subtree). */
bool authz_allows(const struct dj_actor *a, enum dj_perm perm, const char *target_path);
/* The bureau (root organisation id) of a path "/N/...", 0 for none. */
int64_t authz_path_bureau(const char *path);
/* True when target_path lies in the actor's bureau (always for the system). */
bool authz_in_bureau(const struct dj_actor *a, const char *target_path);
/* authz_allows, or DJ_EFORBIDDEN with a message for people; a target in
 * another bureau than the actor's is DJ_ENOTFOUND, so that its existence
 * does not leak. */
int authz_require(const struct dj_actor *a, enum dj_perm perm, const char *target_path,
                  struct dj_err *err);
/* True when target_path (non-empty, not "/0/") lies in another bureau than the actor's:
 * such a record must be answered as if it did not exist. */
bool authz_foreign(const struct dj_actor *a, const char *target_path);
/* The message of a DJ_ENOTFOUND for another bureau's record; the API says
 * instead what it says for a missing record of the route (api_common.c). */
#define AUTHZ_FOREIGN_MESSAGE "记录不存在"
/* The refusal of a handler that decided with authz_allows itself:
 * DJ_ENOTFOUND (AUTHZ_FOREIGN_MESSAGE) when target_path is foreign (authz_foreign),
 * else DJ_EFORBIDDEN with message. */
int authz_refuse(const struct dj_actor *a, const char *target_path, const char *message,
                 struct dj_err *err);
/* The widest subtree path on which the actor holds perm (NULL when none). */
const char *authz_scope(const struct dj_actor *a, enum dj_perm perm);
/* The names of the permissions the actor holds somewhere ("users.manage",
 * ...), for the UI to decide what to offer; fills names, returns the count. */
int authz_permission_names(const struct dj_actor *a, const char **names, int max);
/* True when the actor holds role on a subtree containing target_path; for
 * dept_head with department_id, only that department's grant counts. */
bool authz_has_role(const struct dj_actor *a, const char *role, const char *target_path,
                    int64_t department_id);
/* True when every role the actor holds is kiosk (a 数据大屏 account): api lets
 * it reach only the screen and its own session (api_screen.c). */
bool authz_kiosk_only(const struct dj_actor *a);
/* True when path is a root of the tree ("/N/"). */
bool authz_path_is_root(const char *path);

/* Records in the audit trail (action "denied") that the actor was refused
 * method route (the pattern, e.g. "/api/v1/users/{id}"; a static string)
 * on path, in its own write transaction.  At most one record per account
 * and route per window_seconds in this process: the others are counted and
 * the next record carries their number ("suppressed"), so a flood of denials
 * cannot flood the trail.  0 also when the record was suppressed. */
int authz_record_denial(struct dj_db *db, const struct dj_actor *actor, const char *method,
                        const char *route, const char *path, int window_seconds,
                        struct dj_err *err);

#endif
