/* db: the public functions of db.h, dispatching to the backend chosen by
 * the URL (postgresql:// or postgres:// for PostgreSQL, anything else is a
 * SQLite file). */
#include "store/db_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include <sys/stat.h>

static bool is_pg_url(const char *url)
{
    return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

uint32_t db_sql_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

bool db_url_is_postgresql(const char *url)
{
    return is_pg_url(url);
}

bool db_exists(const char *url)
{
    if (is_pg_url(url))
        return true; /* the server says so at open */
    struct stat sb;
    return stat(url, &sb) == 0 && S_ISREG(sb.st_mode);
}

int db_open(const char *url, const struct dj_db_options *opt, struct dj_db **out, struct dj_err *err)
{
    *out = NULL;
    return is_pg_url(url) ? db_pg_open(url, opt, out, err) : db_sqlite_open(url, opt, out, err);
}

void db_close(struct dj_db *db)
{
    if (db)
        db->ops->close(db);
}

enum dj_db_engine db_engine(const struct dj_db *db)
{
    return db->ops->engine;
}

int db_exec_script(struct dj_db *db, const char *sql, struct dj_err *err)
{
    return db->ops->exec_script(db, sql, err);
}

int db_begin_read(struct dj_db *db, struct dj_err *err)
{
    return db->ops->begin(db, false, err);
}

int db_begin_write(struct dj_db *db, struct dj_err *err)
{
    return db->ops->begin(db, true, err);
}

int db_commit(struct dj_db *db, struct dj_err *err)
{
    return db->ops->commit(db, err);
}

void db_rollback(struct dj_db *db)
{
    db->ops->rollback(db);
}

int db_query(struct dj_db *db, const char *sql, struct dj_stmt **out, struct dj_err *err)
{
    return db->ops->query(db, sql, out, err);
}

int db_bind_int(struct dj_stmt *st, int index, int64_t value)
{
    return st->db->ops->bind_int(st, index, value);
}

int db_bind_text(struct dj_stmt *st, int index, const char *value)
{
    return st->db->ops->bind_text(st, index, value);
}

int db_bind_blob(struct dj_stmt *st, int index, const void *data, size_t len)
{
    return st->db->ops->bind_blob(st, index, data, len);
}

int db_bind_null(struct dj_stmt *st, int index)
{
    return st->db->ops->bind_null(st, index);
}

int db_step(struct dj_stmt *st, struct dj_err *err)
{
    return st->db->ops->step(st, err);
}

int db_collect(struct dj_stmt *st, void **items, int *count, size_t elem, db_row_fn from_row,
               struct dj_err *err)
{
    int rc, cap = 0;
    *items = NULL;
    *count = 0;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (dj_grow(items, &cap, *count, elem)) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        }
        char *item = (char *)*items + (size_t)(*count) * elem;
        memset(item, 0, elem);
        from_row(st, item);
        (*count)++;
    }
    db_done(st);
    if (rc == DB_DONE)
        return 0;
    free(*items);
    *items = NULL;
    *count = 0;
    return rc;
}

int db_run(struct dj_stmt *st, struct dj_err *err)
{
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW)
        ;
    db_done(st);
    return rc == DB_DONE ? 0 : rc;
}

bool db_is_null(struct dj_stmt *st, int col)
{
    return st->db->ops->is_null(st, col);
}

int64_t db_int(struct dj_stmt *st, int col)
{
    return st->db->ops->col_int(st, col);
}

const char *db_text(struct dj_stmt *st, int col)
{
    return st->db->ops->col_text(st, col);
}

const void *db_blob(struct dj_stmt *st, int col, size_t *len)
{
    return st->db->ops->col_blob(st, col, len);
}

int64_t db_changes(struct dj_db *db)
{
    return db->ops->changes(db);
}

void db_done(struct dj_stmt *st)
{
    st->db->ops->done(st);
}

int db_backup(struct dj_db *db, const char *path, struct dj_err *err)
{
    return db->ops->backup(db, path, err);
}

int db_integrity_check(struct dj_db *db, struct dj_err *err)
{
    return db->ops->integrity_check(db, err);
}
