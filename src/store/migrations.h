/* migrations: the numbered SQL files of src/store/migrations/<engine>/,
 * built into the binary (scripts/embed-sql.sh), applied in order at start-up,
 * each inside its own transaction and recorded in schema_migrations. */
#ifndef DJ_MIGRATIONS_H
#define DJ_MIGRATIONS_H

#include "store/db.h"

struct dj_migration {
    int version;      /* 0 ends the list */
    const char *name; /* file name without .sql */
    const char *sql;
};

extern const struct dj_migration dj_migrations_sqlite[];
extern const struct dj_migration dj_migrations_postgresql[];

/* Applies every migration newer than the database's; *applied (may be NULL)
 * gets how many ran.  A failing migration is rolled back whole. */
int migrations_apply(struct dj_db *db, int *applied, struct dj_err *err);
/* The highest version applied, 0 for an empty database. */
int migrations_current(struct dj_db *db, int *version, struct dj_err *err);
/* The highest version built into this binary. */
int migrations_latest(enum dj_db_engine engine);

#endif
