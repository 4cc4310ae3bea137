/* documents: printable PDFs of the records (issue 18 item 2), assembled from
 * the views of the other core modules, so each document is scope-checked
 * exactly as the record it shows (a 404 or 403 from that view is this
 * document's answer):
 *   - the 公示 notice of an evaluation (index_notice: the selected, the
 *     objection window and whom to object to), red header, numbered pages;
 *   - 喜报: one certificate page per selected target of an evaluation
 *     (index_ranking's selected rows: all of them, or one by target_id);
 *   - award certificates (荣誉证书) for the winners of its awards (awards_list);
 *   - the 月通报 of supervision findings of a month (findings_bulletin);
 *   - the 会议记录 of a meeting (meetings_get_json: agenda, attendance,
 *     minutes, resolutions);
 *   - the annual figures for a 述职报告 (documents_annual.c).
 * Every function fills *pdf (malloc'd, the caller frees) and *len, and a
 * file name without extension (name, size bytes).  Nothing is written to the
 * database (documents, like the list exports, are not audited).  today is
 * the bureau's day (the date printed under the signature). */
#ifndef DJ_DOCUMENTS_H
#define DJ_DOCUMENTS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/authz.h"
#include "util/config.h"

struct dj_document {
    char *pdf;
    size_t len;
    char name[160];
};

int documents_notice(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id, const char *today,
                     struct dj_document *out, struct dj_err *err);
/* target_id 0: every selected target's 喜报 in one PDF. */
int documents_xibao(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id, int64_t target_id,
                    const char *today, struct dj_document *out, struct dj_err *err);
int documents_certificates(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                           const char *today, struct dj_document *out, struct dj_err *err);
/* month: YYYY-MM */
int documents_bulletin(struct dj_db *db, const struct dj_actor *actor, const char *month, const char *today,
                       struct dj_document *out, struct dj_err *err);
int documents_meeting(struct dj_db *db, const struct dj_actor *actor, int64_t meeting_id, const char *today,
                      struct dj_document *out, struct dj_err *err);

/* The figures of [from, to] in the actor's scope (documents_annual.c):
 * {"from", "to", "scope", "meetings": [...], "lectures", ..., "draft"}. */
int documents_annual_figures(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                             const char *from, const char *to, json_t **out, struct dj_err *err);
int documents_annual(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                     const char *from, const char *to, const char *today, struct dj_document *out,
                     struct dj_err *err);

/* Shared by documents*.c: "2026年12月7日" from "2026-12-07" ("" stays ""). */
void documents_cn_date(const char *date, char *out, size_t size);
/* The name of the bureau (root organisation) of the actor, or of org_id's
 * bureau when org_id is not 0. */
int documents_issuer(struct dj_db *db, const struct dj_actor *actor, int64_t org_id, char *out, size_t size,
                     struct dj_err *err);

#endif
