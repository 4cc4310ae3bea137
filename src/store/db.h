/* db: the one door to the database.
 *
 * A struct dj_db is one connection; it belongs to one thread at a time (the
 * server's store/pool keeps one per worker thread).  SQL text is written with $1, $2 ...
 * placeholders so that SQLite and PostgreSQL take the same text; values are
 * always bound, never spliced into the text.  SQL text exists only under
 * src/store.
 *
 * Statements come from db_query(), are cached per connection by their text,
 * and are handed back with db_done() (which resets, it does not free).
 * Text returned by db_text() belongs to the statement and is valid until the
 * next db_step() or db_done() on it. */
#ifndef DJ_DB_H
#define DJ_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct dj_db;
struct dj_stmt;

enum dj_db_engine { DJ_DB_SQLITE, DJ_DB_POSTGRESQL };

struct dj_db_options {
    int busy_timeout_ms;
    bool create;   /* create the database file when missing (init, demo) */
    bool readonly; /* check */
};

/* Opens a connection to url (a file path or postgresql://...).
 * On success *out owns the connection; close it with db_close. */
int db_open(const char *url, const struct dj_db_options *opt, struct dj_db **out, struct dj_err *err);
void db_close(struct dj_db *db);
enum dj_db_engine db_engine(const struct dj_db *db);

/* True when url names a database that already exists (for SQLite: the file;
 * a PostgreSQL URL is taken to exist, the server tells at open). */
bool db_exists(const char *url);
bool db_url_is_postgresql(const char *url);

/* Runs SQL text holding one or more statements without parameters
 * (migrations only). */
int db_exec_script(struct dj_db *db, const char *sql, struct dj_err *err);

/* Transactions.  db_begin_write takes the write lock at once (BEGIN
 * IMMEDIATE on SQLite) so that two writers never deadlock on an upgrade. */
int db_begin_read(struct dj_db *db, struct dj_err *err);
int db_begin_write(struct dj_db *db, struct dj_err *err);
int db_commit(struct dj_db *db, struct dj_err *err);
void db_rollback(struct dj_db *db);

/* Prepares (or takes from the cache) the statement for sql. */
int db_query(struct dj_db *db, const char *sql, struct dj_stmt **out, struct dj_err *err);
/* Binders: index is 1-based ($1 is 1). They return 0 or an error code. */
int db_bind_int(struct dj_stmt *st, int index, int64_t value);
int db_bind_text(struct dj_stmt *st, int index, const char *value); /* NULL binds NULL */
int db_bind_blob(struct dj_stmt *st, int index, const void *data, size_t len);
int db_bind_null(struct dj_stmt *st, int index);
/* Steps: returns DB_ROW when a row is ready, DB_DONE when finished, or an
 * error code (DJ_ECONFLICT for a unique violation, DJ_EDB otherwise). */
#define DB_ROW 100
#define DB_DONE 101
int db_step(struct dj_stmt *st, struct dj_err *err);
/* Runs a statement that returns no rows (or ignores them): DJ_OK or error. */
int db_run(struct dj_stmt *st, struct dj_err *err);
bool db_is_null(struct dj_stmt *st, int col);
int64_t db_int(struct dj_stmt *st, int col);
const char *db_text(struct dj_stmt *st, int col); /* "" for NULL */
const void *db_blob(struct dj_stmt *st, int col, size_t *len);
/* Number of rows changed by the last statement run on db. */
int64_t db_changes(struct dj_db *db);
/* Resets the statement and clears its bindings for the next use. */
void db_done(struct dj_stmt *st);

/* Steps st to its end, growing *items (elem bytes each, *count of them) and
 * filling each new element from the row with from_row; resets st.  On
 * failure the array is freed and *items is NULL.  The caller frees *items. */
typedef void (*db_row_fn)(struct dj_stmt *st, void *item);
int db_collect(struct dj_stmt *st, void **items, int *count, size_t elem, db_row_fn from_row,
               struct dj_err *err);

/* Writes a consistent copy of the database to path while others use it. */
int db_backup(struct dj_db *db, const char *path, struct dj_err *err);
/* Runs the engine's own integrity check. */
int db_integrity_check(struct dj_db *db, struct dj_err *err);

#endif
