/* dues: 党费 records and their rules of scope (issue 16 item 1).
 *
 * Owns the writes of the dues tables — a bureau's dated settings, members'
 * bases, hardship reductions, payments and remittances to the higher
 * committee — each one write transaction with its audit record, and their
 * plain lists.  Reading needs people.read over the member's branch or the
 * bureau (a member reads their own: core/dues_report); recording bases,
 * payments and reductions needs meetings.write there (the branch's secretary
 * or dues clerk, or the 机关党委); settings need orgs.manage at the bureau's
 * root; a remittance needs meetings.write on its branch.  Another bureau's
 * records are not found.  JSON results are new references the caller owns. */
#ifndef DJ_DUES_H
#define DJ_DUES_H

#include <jansson.h>

#include "core/authz.h"
#include "store/dues.h"
#include "store/people.h"
#include "util/config.h"

/* The bureau the actor reads dues of (0 when none) and the subtree path
 * (NULL: the whole bureau), from people.read. */
int64_t dues_read_scope(const struct dj_actor *actor, const char **path);
/* Finds a person of the actor's bureau the actor may read dues of
 * (another bureau's: field error person_id, as missing). */
int dues_person_readable(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                         struct dj_person *p, struct dj_err *err);

json_t *dues_setting_json(const struct dj_dues_setting *s);
/* {"settings": [each named setting: name, label, default, source, value and
 * effective_from in force this month], "history": [the bureau's rows]} */
int dues_settings_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      json_t **out, struct dj_err *err);
int dues_setting_create(struct dj_db *db, const struct dj_actor *actor, struct dj_dues_setting *s,
                        struct dj_err *err);
int dues_setting_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                        struct dj_err *err);

json_t *dues_base_json(const struct dj_dues_base *b);
int dues_bases_list(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                    json_t **items, struct dj_err *err);
/* Inserts the base, or replaces the person's base of the same month
 * (*created says which).  Empty category: 退休 → retired, else serving. */
int dues_base_save(struct dj_db *db, const struct dj_actor *actor, struct dj_dues_base *b,
                   bool *created, struct dj_err *err);
/* The same inside the caller's transaction (the importer's pass). */
int dues_base_save_in(struct dj_db *db, const struct dj_actor *actor, const struct dj_person *p,
                      struct dj_dues_base *b, bool *created, bool *changed, struct dj_err *err);
/* Checks a base's fields (field errors); fills the default category from p. */
int dues_base_check(const struct dj_person *p, struct dj_dues_base *b, struct dj_err *err);
int dues_base_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                     struct dj_err *err);

json_t *dues_reduction_json(const struct dj_dues_reduction *r);
int dues_reductions_list(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                         json_t **items, struct dj_err *err);
int dues_reduction_create(struct dj_db *db, const struct dj_actor *actor,
                          struct dj_dues_reduction *r, struct dj_err *err);
int dues_reduction_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                          struct dj_err *err);

/* The person id as a field "person_id" of a body: another bureau's or a
 * missing one is a field error. */
int dues_find_person(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                     struct dj_person *p, struct dj_err *err);
/* 0 when the actor may record dues for p, else the refusal. */
int dues_may_record(const struct dj_actor *actor, const struct dj_person *p, struct dj_err *err);
/* Audits (action "create"/"update"/"delete"; before/after stolen) and commits, or rolls back. */
int dues_write_audited(struct dj_db *db, const struct dj_actor *actor, const char *action,
                       const char *type, int64_t id, int64_t org_id, json_t *before, json_t *after,
                       struct dj_err *err);

/* The current month (by the deployment's zone). */
int dues_current_month(const struct dj_config *cfg);

#endif
