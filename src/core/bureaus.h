/* bureaus: many bureaus (单位) in one deployment.  A bureau is a root of
 * the organisation tree with a code; it is created with its defaults (index
 * schemes, lecture themes and modules) and its first administrator, renamed,
 * suspended (its accounts cannot act) and resumed by a province-level
 * administrator (an account with `province` set, above the bureaus and
 * without any grant in them) or by the command line.  The province level
 * reads counts per bureau, never a person's details.
 *
 * Account names: one namespace for the deployment.  The accounts of a bureau
 * are named "code.name" (e.g. "xihu.zhangsan"); the bureau made by `init`
 * (plain_names) may also use names without a code, as do province accounts;
 * a name "x.rest" where x is a bureau's code belongs to that bureau only.
 * So no bureau can create, or learn of by a clash, another bureau's name. */
#ifndef DJ_BUREAUS_H
#define DJ_BUREAUS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "store/bureaus.h"
#include "util/config.h"

/* The public shape of a bureau. New reference. */
json_t *bureau_json(const struct dj_bureau *b);

/* True for the system and for province-level administrators. */
bool bureaus_actor_is_province(const struct dj_actor *actor);

/* Whether username may name an account of bureau_id (0: a province
 * account); DJ_EINVAL on the field "username" with the rule otherwise. */
int bureau_username_check(struct dj_db *db, int64_t bureau_id, const char *username,
                          struct dj_err *err);

/* Inside the caller's write transaction: the root organisation named name,
 * its bureaus row with code, its default schemes and lecture labels, audited. */
int bureau_add(struct dj_db *db, const struct dj_actor *actor, const char *name, const char *code,
               bool plain_names, struct dj_bureau *out, struct dj_err *err);

/* Creates a bureau and its first administrator "code.admin" (系统管理员 and
 * 机关党委 at the root) in one transaction.  The administrator's password is
 * admin_password, or generated into generated (DJ_GENERATED_PASSWORD_MAX
 * bytes, shown once); either way it must be changed at first login.
 * admin_username gets the account's name (DJ_NAME_MAX bytes). */
int bureaus_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   const char *name, const char *code, const char *admin_password,
                   struct dj_bureau *out, char *admin_username, char *generated,
                   struct dj_err *err);
/* Renames (name non-NULL) and/or suspends or resumes (status "active" or
 * "suspended") a bureau; suspending ends its accounts' sessions.  Province only. */
int bureaus_update(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *name,
                   const char *status, struct dj_bureau *out, struct dj_err *err);
/* A province actor sees every bureau, anyone else only their own; another
 * bureau is DJ_ENOTFOUND. */
int bureaus_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_bureau *out,
                struct dj_err *err);
/* The bureaus the actor sees (see bureaus_get) as a JSON array. */
int bureaus_list(struct dj_db *db, const struct dj_actor *actor, json_t **out, struct dj_err *err);
/* The province view: per bureau its counts for year (membership, meetings and
 * their attendance, the compliance board's windows required and met,
 * lectures, final evaluations), as a JSON array of flat
 * items.  Province only. */
int bureaus_rollup(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int year, json_t **out, struct dj_err *err);

/* The rules of organisational life in force for a bureau: its own
 * settings where it set them, else the deployment's (docs/CONFIG.md). */
struct dj_bureau_rules {
    int backfill_days;     /* meetings.backfill_days */
    bool refuse_late;      /* meetings.refuse_late */
    int warning_days;      /* meetings.warning_days */
    int term_warning_days; /* bureau.term_warning_days */
    int notice_days;       /* the 公示 days of a new evaluation (built in: 5) */
    int branch_min_members; /* full members below which a branch is warned (3) */
    int branch_max_members; /* members above which a branch is warned (50) */
};
/* bureau_id 0 (the system actor): the deployment's settings. */
int bureau_rules(struct dj_db *db, const struct dj_config *cfg, int64_t bureau_id,
                 struct dj_bureau_rules *out, struct dj_err *err);
/* The 公示 days a new evaluation of the bureau takes when none are given. */
int bureau_notice_days(struct dj_db *db, int64_t bureau_id, int *out, struct dj_err *err);
/* The household contacts each member of the bureau keeps at least (0: no rule). */
int bureau_contact_min(struct dj_db *db, int64_t bureau_id, int *out, struct dj_err *err);
/* The bureau's settings as JSON: per setting its value in force, the
 * bureau's own (null when unset) and the deployment's default.  Readable by
 * anyone of the bureau and by the province. */
int bureaus_settings_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         int64_t id, json_t **out, struct dj_err *err);
/* Changes the bureau's own settings from body (each key: a value, or null to
 * take the deployment's again; unknown keys and values out of range are
 * field errors).  Needs orgs.manage at the bureau's root; audited. */
int bureaus_settings_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                            int64_t id, json_t *body, json_t **out, struct dj_err *err);

/* For the command line: the bureau with code, or (code NULL) the only
 * bureau of the deployment; DJ_EINVAL asks for --bureau when there are several. */
int bureaus_resolve(struct dj_db *db, const char *code, struct dj_bureau *out, struct dj_err *err);

/* Makes a province-level administrator (system actor only: the command line). */
int bureaus_province_admin(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                           const char *username, const char *display_name, const char *password,
                           char *generated, struct dj_err *err);

#endif
