/* bootstrap: the one way the commands open the database (a connection for
 * the command line, the per-thread pool for the server), and the first
 * contents made by `init` and `demo`. */
#ifndef DJ_BOOTSTRAP_H
#define DJ_BOOTSTRAP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/secret.h"
#include "store/db.h"
#include "store/pool.h"
#include "util/config.h"

enum app_db_use {
    APP_DB_NEW,      /* init, demo: a new database (an existing SQLite file is refused), migrated */
    APP_DB_EXISTING, /* serve, import: an existing database, pending migrations applied */
    APP_DB_AS_IS,    /* check, backup: an existing database, left as it is */
};

/* Opens cfg->db for use with cfg's timeouts.  An SQLite file that is missing
 * (or, for APP_DB_NEW, present) is DJ_ENOTFOUND (DJ_ECONFLICT) with a message
 * for the command line.  *out is closed with db_close. */
int app_open_db(const struct dj_config *cfg, enum app_db_use use, struct dj_db **out,
                struct dj_err *err);
/* The server's pool over cfg->db (opened after app_open_db migrated it); each
 * worker thread takes its connection with app_thread_db.  Closed with
 * db_pool_close once the threads have stopped. */
int app_open_pool(const struct dj_config *cfg, struct dj_db_pool **out, struct dj_err *err);
/* The calling thread's connection of the pool, opened on first use;
 * DJ_EUNAVAILABLE when the database cannot be reached. */
int app_thread_db(struct dj_db_pool *pool, struct dj_db **out, struct dj_err *err);
/* After a request that failed: rolls back whatever transaction it left open,
 * so that none outlives the request. */
void app_request_failed(struct dj_db *db);

/* Makes a new database: schema, key file, the first bureau named
 * bureau_name with code (its accounts may have plain names) and the account
 * admin (sysadmin and party_admin at the root).
 * admin_password NULL generates one into generated (17 bytes).
 * Fails with DJ_ECONFLICT when the database already holds a bureau. */
int bootstrap_init(const struct dj_config *cfg, const char *bureau_name, const char *code,
                   const char *admin_password, char *generated, struct dj_err *err);

/* Makes a new database holding the demo bureau with one account per role,
 * and writes the logins to out. */
int bootstrap_demo(const struct dj_config *cfg, const char *admin_password, bool records, FILE *out,
                   struct dj_err *err);

/* Adds a demo bureau named bureau_name with code to an existing database
 * (key: its loaded key file); its accounts are "code.admin", "code.zhibu1"... */
int bootstrap_demo_bureau(const struct dj_config *cfg, const struct dj_secret *key,
                          const char *bureau_name, const char *code, const char *admin_password,
                          bool records, FILE *out, struct dj_err *err);

/* The password of every demo account but admin. */
#define DEMO_PASSWORD "Demo@2026dj"
/* admin's password in the demo when DANGJIAN_ADMIN_PASSWORD is not set */
#define DEMO_ADMIN_PASSWORD "Admin@2026dj"

#endif
