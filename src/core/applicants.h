/* applicants: 发展党员, the records of people on their way into the party
 * (issue 16 item 2).
 *
 * Owns the writes of applicants and their quarterly reviews (each one write
 * transaction with its audit record), the stage steps (core/applicant_rules
 * decides whether the dates allow them), the roster's 政治面貌 following the
 * stage (a person record updated at every step, made when an applicant
 * without one becomes 预备党员), and the rules of scope: reading needs
 * people.read over the applicant's branch or the bureau (a branch secretary
 * sees their branch's applicants only), writing needs meetings.write there.
 * Another bureau's applicants are not found.  JSON results are new
 * references the caller owns. */
#ifndef DJ_APPLICANTS_H
#define DJ_APPLICANTS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/applicants.h"
#include "util/config.h"

struct dj_applicant_query {
    int64_t org_id;     /* a branch's subtree (0: the caller's scope) */
    const char *stage;  /* NULL: any */
    const char *q;
    int limit, offset;
};
/* The page of applicants the actor may read; *total counts the whole list. */
int applicants_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    const struct dj_applicant_query *q, json_t **items, int64_t *total, struct dj_err *err);
/* One applicant with the reviews, the files and the due dates. */
int applicants_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                   json_t **out, struct dj_err *err);
/* A new 入党申请人 from a JSON body (fields as the API's). */
int applicants_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      const json_t *body, json_t **out, struct dj_err *err);
/* Changes the fields of the stages reached so far (all stages rechecked). */
int applicants_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                      const json_t *body, json_t **out, struct dj_err *err);
/* Moves the applicant to body.stage, the next stage, with that stage's fields. */
int applicants_advance(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t id, const json_t *body, json_t **out, struct dj_err *err);
/* Records a 考察 of an 入党积极分子 (reviewed_on, note). */
int applicants_review(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      int64_t id, const json_t *body, json_t **out, struct dj_err *err);
/* Extends a 预备党员's 预备期 by body.months (once). */
int applicants_extend(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      int64_t id, const json_t *body, json_t **out, struct dj_err *err);

/* Checks a body as create would, without writing (the importer's pass 1):
 * fills a (bureau from the actor) or field errors. */
int applicants_check_new(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         const json_t *body, struct dj_applicant *a, struct dj_err *err);
/* Inserts a checked applicant with its audit record inside the caller's transaction. */
int applicants_insert_in(struct dj_db *db, const struct dj_actor *actor, struct dj_applicant *a,
                         struct dj_err *err);

/* Imports the applicants list from a spreadsheet (the export's columns by
 * title; 入党申请人 and 入党积极分子 rows: later stages are recorded step by
 * step).  Every error by row and column, then nothing written; dry_run checks
 * only.  *result: {rows, created, updated, dry_run, errors}. */
int applicants_import(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      const void *data, size_t len, bool dry_run, json_t **result, struct dj_err *err);

/* Evidence files (object_type "applicant"): whether the actor may attach to
 * (write) or read an applicant's files; another bureau's is a field error
 * "object_id" (attach) or not found (read). */
int applicants_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t id, bool write,
                           int64_t *org_id, int64_t *bureau_id, struct dj_err *err);

/* The settings: {"settings": [name, label, default, min, max, source, value,
 * effective_from in force today], "history": [the bureau's rows]}. */
int applicant_settings_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                           json_t **out, struct dj_err *err);
int applicant_setting_create(struct dj_db *db, const struct dj_actor *actor, struct dj_applicant_setting *s,
                             struct dj_err *err);
int applicant_setting_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_err *err);
json_t *applicant_setting_json(const struct dj_applicant_setting *s);

/* Adds to items the warnings of the applicants the actor may write: talk
 * due, an 积极分子's review due, 预备期 ending and 转正 overdue. */
int applicants_warnings(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                        int warning_days, json_t *items, struct dj_err *err);

#endif
