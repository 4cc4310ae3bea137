/* lectures: the bureau's lecture series (财政月讲堂, seed 002) — one session a
 * month, members taking turns as lecturer, themes (忠诚, 责任, 奉献, 廉政) and
 * modules (理论武装, 理想信念, 财政业务) as the bureau's editable lists, and
 * attendance open to everyone of the bureau (members or not) plus guests.
 * A lecture is a meeting of the kind 'lecture' (core/meetings records it,
 * takes its attendance and keeps its evidence); this module adds the
 * series' figures: sessions and person-times (人次) per period, by month,
 * theme and module, and the lecturer rota.  Lectures are bureau-wide: anyone
 * of the bureau may read them; recording needs meetings.write on the org. */
#ifndef DJ_LECTURES_H
#define DJ_LECTURES_H

#include <jansson.h>

#include "core/authz.h"
#include "store/learning.h"
#include "store/meetings.h"

/* The bureau path ("/1/") the actor belongs to, or DJ_EFORBIDDEN. */
int lectures_bureau(const struct dj_actor *actor, char *path, size_t size, struct dj_err *err);

/* The id of the lecture kind. */
int lectures_kind_id(struct dj_db *db, int64_t *id, struct dj_err *err);

/* Lectures of the actor's bureau held between from and to, newest first. */
int lectures_list(struct dj_db *db, const struct dj_actor *actor, const char *from,
                  const char *to, int limit, int offset, struct dj_meeting_list *out,
                  struct dj_err *err);

/* {"sessions", "person_times", "roster_times", "member_times",
 *  "non_member_times", "guests", "by_month", "by_theme", "by_module"}
 * for lectures between from and to (new reference). */
int lectures_summary(struct dj_db *db, const struct dj_actor *actor, const char *from,
                     const char *to, json_t **out, struct dj_err *err);

/* The rota for the year of from..to: {"lectured": [...], "not_yet": [...]},
 * not_yet ordered by who lectured longest ago (never first). */
int lectures_rota(struct dj_db *db, const struct dj_actor *actor, const char *from,
                  const char *to, json_t **out, struct dj_err *err);

/* The bureau's themes and modules (kind NULL: both) as JSON items. */
int lecture_labels_list(struct dj_db *db, const struct dj_actor *actor, const char *kind,
                        json_t **items, struct dj_err *err);
/* Creates (l->id 0) or changes a theme or module: name, order, active.
 * Needs meetings.write on the bureau; audited. */
int lecture_labels_save(struct dj_db *db, const struct dj_actor *actor,
                        struct dj_lecture_label *l, struct dj_err *err);
json_t *lecture_label_json(const struct dj_lecture_label *l);
/* One theme or module of the actor's bureau (DJ_ENOTFOUND for another's). */
int lecture_labels_get(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       struct dj_lecture_label *out, struct dj_err *err);
/* A new bureau starts with the default themes (忠诚, 责任, 奉献, 廉政) and
 * modules (理论武装, 理想信念, 财政业务); inside the caller's transaction. */
int lecture_labels_seed(struct dj_db *db, int64_t bureau_id, struct dj_err *err);

#endif
