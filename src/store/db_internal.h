/* db_internal: the contract between db.c (the public functions of db.h) and
 * each backend (db_sqlite.c, db_pg.c).  Nothing outside src/store includes it.
 * A backend's connection and statement structs start with these bases. */
#ifndef DJ_DB_INTERNAL_H
#define DJ_DB_INTERNAL_H

#include "store/db.h"

struct db_ops {
    enum dj_db_engine engine;
    void (*close)(struct dj_db *db);
    int (*exec_script)(struct dj_db *db, const char *sql, struct dj_err *err);
    int (*begin)(struct dj_db *db, bool write, struct dj_err *err);
    int (*commit)(struct dj_db *db, struct dj_err *err);
    void (*rollback)(struct dj_db *db);
    int (*query)(struct dj_db *db, const char *sql, struct dj_stmt **out, struct dj_err *err);
    int (*bind_int)(struct dj_stmt *st, int index, int64_t value);
    int (*bind_text)(struct dj_stmt *st, int index, const char *value);
    int (*bind_blob)(struct dj_stmt *st, int index, const void *data, size_t len);
    int (*bind_null)(struct dj_stmt *st, int index);
    int (*step)(struct dj_stmt *st, struct dj_err *err);
    bool (*is_null)(struct dj_stmt *st, int col);
    int64_t (*col_int)(struct dj_stmt *st, int col);
    const char *(*col_text)(struct dj_stmt *st, int col);
    const void *(*col_blob)(struct dj_stmt *st, int col, size_t *len);
    int64_t (*changes)(struct dj_db *db);
    void (*done)(struct dj_stmt *st);
    int (*backup)(struct dj_db *db, const char *path, struct dj_err *err);
    int (*integrity_check)(struct dj_db *db, struct dj_err *err);
};

struct dj_db {
    const struct db_ops *ops;
};

struct dj_stmt {
    struct dj_db *db;
};

int db_sqlite_open(const char *path, const struct dj_db_options *opt, struct dj_db **out,
                   struct dj_err *err);
int db_pg_open(const char *url, const struct dj_db_options *opt, struct dj_db **out,
               struct dj_err *err);

/* FNV-1a of a statement's text, for the per-connection caches. */
uint32_t db_sql_hash(const char *s);

#endif
