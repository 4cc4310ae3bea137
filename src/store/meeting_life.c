#include "store/meeting_life.h"

#include "util/clock.h"

int store_meeting_set_status(struct dj_db *db, int64_t id, const char *status, const char *reason,
                             struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE meetings SET status = $2, status_reason = $3, updated_at = $4 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status);
    db_bind_text(st, 3, reason);
    db_bind_text(st, 4, now);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
}

int store_attendance_clear(struct dj_db *db, int64_t meeting_id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "DELETE FROM attendance WHERE meeting_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, meeting_id);
    return db_run(st, err);
}

int store_files_move(struct dj_db *db, const char *object_type, int64_t from_id, int64_t to_id,
                     struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE files SET object_id = $3 WHERE object_type = $1 AND object_id = $2"
                      " AND removed_on IS NULL",
                      &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, object_type);
    db_bind_int(st, 2, from_id);
    db_bind_int(st, 3, to_id);
    return db_run(st, err);
}

int store_file_remove(struct dj_db *db, int64_t id, const char *day, const char *reason,
                      struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE files SET removed_on = $2, removed_reason = $3 WHERE id = $1"
                      " AND removed_on IS NULL",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, day);
    db_bind_text(st, 3, reason);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ECONFLICT, "文件已移除");
}
