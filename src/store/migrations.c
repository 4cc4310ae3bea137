#include "store/migrations.h"

#include "util/clock.h"
#include "util/log.h"

static const struct dj_migration *migrations_for(enum dj_db_engine engine)
{
    return engine == DJ_DB_POSTGRESQL ? dj_migrations_postgresql : dj_migrations_sqlite;
}

/* Several servers may start at once on one PostgreSQL database: the first
 * takes this lock and migrates, the others wait and then find nothing to do.
 * (SQLite's BEGIN IMMEDIATE already serialises.) */
static int migration_lock(struct dj_db *db, struct dj_err *err)
{
    if (db_engine(db) != DJ_DB_POSTGRESQL)
        return 0;
    return db_exec_script(db, "SELECT pg_advisory_xact_lock(74210001)", err);
}

int migrations_latest(enum dj_db_engine engine)
{
    int v = 0;
    for (const struct dj_migration *m = migrations_for(engine); m->version; m++)
        v = m->version;
    return v;
}

static int ensure_table(struct dj_db *db, struct dj_err *err)
{
    return db_exec_script(db,
                          "CREATE TABLE IF NOT EXISTS schema_migrations ("
                          " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                          " applied_at TEXT NOT NULL)",
                          err);
}

int migrations_current(struct dj_db *db, int *version, struct dj_err *err)
{
    int rc = ensure_table(db, err);
    if (rc)
        return rc;
    struct dj_stmt *st;
    if ((rc = db_query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &st, err)))
        return rc;
    rc = db_step(st, err);
    *version = rc == DB_ROW ? (int)db_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int migrations_apply(struct dj_db *db, int *applied, struct dj_err *err)
{
    int current, rc, count = 0;
    if (applied)
        *applied = 0;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = migration_lock(db, err)) || (rc = migrations_current(db, &current, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        return rc;
    }
    for (const struct dj_migration *m = migrations_for(db_engine(db)); m->version; m++) {
        if (m->version <= current)
            continue;
        if ((rc = db_begin_write(db, err)))
            return rc;
        /* another server may have applied it while we waited for the lock */
        int now;
        if ((rc = migration_lock(db, err)) || (rc = migrations_current(db, &now, err))) {
            db_rollback(db);
            return rc;
        }
        if (now >= m->version) {
            db_rollback(db);
            continue;
        }
        struct dj_stmt *st;
        if ((rc = db_exec_script(db, m->sql, err)) ||
            (rc = db_query(db,
                           "INSERT INTO schema_migrations (version, name, applied_at)"
                           " VALUES ($1, $2, $3)",
                           &st, err))) {
            db_rollback(db);
            return rc;
        }
        db_bind_int(st, 1, m->version);
        db_bind_text(st, 2, m->name);
        char at[DJ_TIMESTAMP_LEN];
        dj_now_rfc3339(at);
        db_bind_text(st, 3, at);
        if ((rc = db_run(st, err)) || (rc = db_commit(db, err))) {
            db_rollback(db);
            return rc;
        }
        log_info("applied migration %s", m->name);
        count++;
    }
    if (applied)
        *applied = count;
    return 0;
}
