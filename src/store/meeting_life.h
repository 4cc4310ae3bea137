/* store/meeting_life: the writes of a meeting's life cycle (migration 025) —
 * its status and reason, its attendance remade, its files moved to a
 * correction or removed with a reason.  All run inside the caller's
 * transaction; SQL with bound values only. */
#ifndef DJ_STORE_MEETING_LIFE_H
#define DJ_STORE_MEETING_LIFE_H

#include <stdint.h>

#include "store/db.h"

/* The life cycle (migration 025); writes in the caller's transaction. */
int store_meeting_set_status(struct dj_db *db, int64_t id, const char *status, const char *reason,
                             struct dj_err *err);
/* Removes every attendance row of a meeting (a plan's list, remade when held). */
int store_attendance_clear(struct dj_db *db, int64_t meeting_id, struct dj_err *err);
/* Moves the files of one record to another (not those removed). */
int store_files_move(struct dj_db *db, const char *object_type, int64_t from_id, int64_t to_id,
                     struct dj_err *err);
/* Marks a file removed on day with a reason (kept, shown as removed);
 * DJ_ECONFLICT when it already is. */
int store_file_remove(struct dj_db *db, int64_t id, const char *day, const char *reason,
                      struct dj_err *err);

#endif
