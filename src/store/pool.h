/* pool: one database connection per thread, for the server's worker threads.
 *
 * The composition root (main.c, through core/bootstrap) opens the pool and
 * closes it after every thread that used it has stopped.  A thread's
 * connection is opened on its first db_pool_thread_db() and stays with that
 * thread; the pool owns every connection and closes them all in
 * db_pool_close().  Nothing else in the pool is shared between threads but
 * the list of connections, under a mutex. */
#ifndef DJ_POOL_H
#define DJ_POOL_H

#include "store/db.h"

struct dj_db_pool;

/* Makes a pool for url; opens no connection yet.  *out is freed by
 * db_pool_close. */
int db_pool_open(const char *url, const struct dj_db_options *opt, struct dj_db_pool **out,
                 struct dj_err *err);
/* The calling thread's connection, opened on first use.  DJ_EUNAVAILABLE
 * (and the cause in the log) when the database cannot be opened. */
int db_pool_thread_db(struct dj_db_pool *pool, struct dj_db **out, struct dj_err *err);
/* Closes every connection and frees the pool; no thread may use it any more. */
void db_pool_close(struct dj_db_pool *pool);

#endif
