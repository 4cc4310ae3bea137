/* meetings: organisational life (三会一课, 主题党日, 组织生活会, 民主评议党员,
 * 理论中心组学习, 第一议题 and a bureau's own kinds) — the record of each
 * meeting, who was expected (from membership on its date), attendance
 * (出席, 请假 with a reason, 缺席, 迟到), quorum, the back-filling rule
 * (meetings.backfill_days: later records are flagged, or refused with
 * meetings.refuse_late), and evidence files kept in the database. */
#ifndef DJ_MEETINGS_H
#define DJ_MEETINGS_H

#include <jansson.h>

#include "core/authz.h"
#include "store/meetings.h"
#include "util/config.h"

/* The kinds the actor's bureau uses, as JSON items. */
int meetings_kinds(struct dj_db *db, const struct dj_actor *actor, json_t **items,
                   struct dj_err *err);

/* One record the actor may read (with its texts; store_meeting_clear it). */
int meetings_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_meeting *out,
                 struct dj_err *err);
/* The record with its attendance, quorum and files (new reference). */
int meetings_get_json(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                      struct dj_err *err);
json_t *meeting_json(const struct dj_meeting *m);
/* The items of a list as JSON (new reference); frees the list. */
json_t *meeting_list_json(struct dj_meeting_list *l);
int meetings_list(struct dj_db *db, const struct dj_actor *actor, struct dj_meeting_filter *f,
                  struct dj_meeting_list *out, struct dj_err *err);

/* The checks of a record (org, kind, fields, people, back-filling) shared
 * with core/meeting_life; fills org and k. */
struct dj_org;
int meetings_check(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   struct dj_meeting *m, const struct dj_meeting *before, struct dj_org *org,
                   struct dj_meeting_kind *k, struct dj_err *err);
/* DJ_ECONFLICT for a cancelled or voided meeting (kept as it is). */
int meetings_writable(const struct dj_meeting *m, struct dj_err *err);

/* Creates m (org, kind, date and the rest) and its expected attendance. */
int meetings_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    struct dj_meeting *m, struct dj_err *err);
/* Replaces the record's fields (not org, kind or date once attendance is taken). */
int meetings_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    struct dj_meeting *m, struct dj_err *err);

struct dj_attendance_change {
    int64_t person_id;
    char status[16];
    char reason[256];
};
/* Takes attendance for the listed people (others keep theirs). */
int meetings_attendance(struct dj_db *db, const struct dj_actor *actor, int64_t meeting_id,
                        const struct dj_attendance_change *changes, int n, struct dj_err *err);

/* Removes someone added to the attendance (not one expected from
 * membership: they stay, marked 缺席 or 请假 instead).  Audited. */
int meetings_attendance_remove(struct dj_db *db, const struct dj_actor *actor, int64_t meeting_id,
                               int64_t person_id, struct dj_err *err);

/* Evidence: a file for an object the actor may change (only meetings so far);
 * its type is decided by its content.  Reading needs the right to read the
 * object. */
int files_attach(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const char *object_type, int64_t object_id, const char *name, const void *data,
                 size_t len, struct dj_file *out, struct dj_err *err);
int files_read(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_file *f,
               void **data, size_t *len, struct dj_err *err);
json_t *file_json(const struct dj_file *f);

#endif
