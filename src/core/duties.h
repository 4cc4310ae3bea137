/* duties: the bureau's yearly responsibility documents (issue 14 items 2–3)
 * — each person's 主体责任清单 (kind "list": the 党组书记 as 第一责任人, each
 * leadership member's 一岗双责 items, a branch secretary's list) and the
 * 党建责任书 signed between the bureau and a branch or department (kind
 * "letter", its signed scan a file of object_type duty_doc) — with their
 * items and each item's check at year end.
 *
 * Rules (core owns them):
 * - writing (documents, items, checks, removal, copying a year) needs
 *   meetings.write over the bureau's root: the 机关党委's work;
 * - a document is read by the bureau's writers, its person, and for a letter
 *   the writers of its branch (the secretary) and heads of its department;
 * - an item is checked from 1 December of the document's year on
 *   (`duty_check_open`), by a writer who is not the document's person (no
 *   one checks their own list); partly and not_done need a note;
 * - a removed document (reason required) keeps its rows for the audit and
 *   leaves every list and count.
 * Every change is audited in its own transaction (object types duty_doc and
 * duty_item).  JSON answers are new references the caller frees. */
#ifndef DJ_DUTIES_H
#define DJ_DUTIES_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "store/duties.h"
#include "util/config.h"

/* Whether an item of a year's document may be checked on today (YYYY-MM-DD). */
bool duty_check_open(int year, const char *today);
/* Whether result is a known check result ("" clears a check). */
bool duty_result_valid(const char *result);
/* 第一责任人, 一岗双责, 支部书记 or "" for a role code. */
const char *duty_role_label(const char *role);

struct dj_duty_query {
    const char *kind; /* list | letter | NULL */
    int year;         /* 0 = any */
    int64_t person_id, org_id;
    bool mine;        /* the actor's own lists and their branch's letters */
    bool removed;
    int limit, offset;
};

int duties_list(struct dj_db *db, const struct dj_actor *actor, const struct dj_duty_query *q,
                json_t **items, int64_t *total, struct dj_err *err);
/* The document with its items and files. */
int duties_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
               struct dj_err *err);
/* body: kind, year, title, role, person_id, org_id, department_id, signed_on,
 * items ([{category, content}], on create only). */
int duties_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const json_t *body, json_t **out, struct dj_err *err);
int duties_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  int64_t id, const json_t *body, json_t **out, struct dj_err *err);
int duties_remove(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  int64_t id, const char *reason, struct dj_err *err);
/* body: category, content, seq. */
int duties_item_add(struct dj_db *db, const struct dj_actor *actor, int64_t doc_id,
                    const json_t *body, json_t **out, struct dj_err *err);
int duties_item_update(struct dj_db *db, const struct dj_actor *actor, int64_t item_id,
                       const json_t *body, json_t **out, struct dj_err *err);
/* The year-end check of an item: result done | partly | not_done | "". */
int duties_item_check(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      int64_t item_id, const char *result, const char *note, json_t **out,
                      struct dj_err *err);
/* Copies from_year's documents in force (and their items, unchecked) to
 * to_year, skipping a document whose person is no longer 在职 or whose (kind, person,
 * organisation, department) to_year already has; *out {created, skipped}. */
int duties_copy_year(struct dj_db *db, const struct dj_actor *actor, int from_year, int to_year,
                     json_t **out, struct dj_err *err);
/* A year's figures: documents by kind, letters signed, items by result. */
int duties_summary(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int year, json_t **out, struct dj_err *err);

/* For core/meetings' evidence files (object_type duty_doc): who may attach
 * a letter's signed scan (the bureau's writers) and read it (who reads the
 * document). */
int duties_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t doc_id,
                       bool writing, int64_t *org_id, int64_t *bureau_id, struct dj_err *err);

#endif
