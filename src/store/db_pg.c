/* db_pg: the PostgreSQL backend of db.h on libpq.
 *
 * Statements are prepared once per connection (named "s<N>") and executed
 * with text parameters, so values are always bound.  A dropped connection
 * makes the current call fail with DJ_EUNAVAILABLE (503); the next statement
 * or transaction outside a transaction reconnects, so the server recovers
 * without a restart. */
#include "store/db_internal.h"

#include <ctype.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

#define STMT_CACHE_SIZE 512 /* power of two */
#define MAX_PARAMS 32

struct pg_stmt {
    struct dj_stmt base;
    char name[16];
    char *sql;
    int nparams;
    char *values[MAX_PARAMS];
    int lengths[MAX_PARAMS];
    int formats[MAX_PARAMS];
    PGresult *res;
    int executed;
    int row;  /* index of the current row */
    unsigned char *blob;
};

struct pg_db {
    struct dj_db base;
    PGconn *conn;
    struct pg_stmt *cache[STMT_CACHE_SIZE];
    int next_name;
    int64_t changes;
};

static const struct db_ops pg_ops;

#define PDB(db) ((struct pg_db *)(void *)(db))
#define PST(st) ((struct pg_stmt *)(void *)(st))

static void stmt_free_values(struct pg_stmt *s)
{
    for (int i = 0; i < MAX_PARAMS; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
        s->lengths[i] = 0;
        s->formats[i] = 0;
    }
}

static void stmt_reset(struct pg_stmt *s)
{
    PQclear(s->res);
    s->res = NULL;
    s->executed = 0;
    s->row = -1;
    if (s->blob)
        PQfreemem(s->blob);
    s->blob = NULL;
}

static void cache_clear(struct pg_db *db)
{
    for (int i = 0; i < STMT_CACHE_SIZE; i++) {
        struct pg_stmt *s = db->cache[i];
        if (!s)
            continue;
        stmt_reset(s);
        stmt_free_values(s);
        free(s->sql);
        free(s);
        db->cache[i] = NULL;
    }
}

static bool connection_lost(struct pg_db *db)
{
    return PQstatus(db->conn) != CONNECTION_OK;
}

/* Maps a failed result to our codes by SQLSTATE. */
static int map_pg_error(struct pg_db *db, PGresult *res, struct dj_err *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (connection_lost(db) || (state && (strncmp(state, "08", 2) == 0 ||
                                          strcmp(state, "57P01") == 0 ||
                                          strcmp(state, "57P02") == 0 ||
                                          strcmp(state, "57P03") == 0))) {
        log_warn("postgresql: connection lost: %s", PQerrorMessage(db->conn));
        return dj_err_set(err, DJ_EUNAVAILABLE, "数据库暂时不可用，请稍后再试");
    }
    if (state && strcmp(state, "23505") == 0)
        return dj_err_set(err, DJ_ECONFLICT, "记录已存在，与现有记录冲突");
    if (state && strcmp(state, "23503") == 0)
        return dj_err_set(err, DJ_EINVAL, "引用的记录不存在或仍被其他记录引用");
    if (state && strncmp(state, "23", 2) == 0)
        return dj_err_set(err, DJ_EINVAL, "数据不满足约束条件");
    if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
                  strcmp(state, "55P03") == 0))
        return dj_err_set(err, DJ_EUNAVAILABLE, "数据库繁忙，请稍后再试");
    log_error("postgresql: %s (sqlstate %s)", res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn),
              state ? state : "?");
    return dj_err_set(err, DJ_EDB, "数据库错误");
}

/* Reconnects a dropped connection; only called outside a transaction. */
static int ensure_connected(struct pg_db *db, struct dj_err *err)
{
    if (!connection_lost(db))
        return 0;
    cache_clear(db); /* prepared statements died with the old session */
    PQreset(db->conn);
    if (connection_lost(db)) {
        log_warn("postgresql: reconnect failed: %s", PQerrorMessage(db->conn));
        return dj_err_set(err, DJ_EUNAVAILABLE, "数据库暂时不可用，请稍后再试");
    }
    PQclear(PQexec(db->conn, "SET client_min_messages = warning"));
    log_info("postgresql: reconnected");
    return 0;
}

static bool in_transaction(struct pg_db *db)
{
    PGTransactionStatusType t = PQtransactionStatus(db->conn);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

int db_pg_open(const char *url, const struct dj_db_options *opt, struct dj_db **out,
               struct dj_err *err)
{
    *out = NULL;
    struct pg_db *db = calloc(1, sizeof *db);
    if (!db)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    db->base.ops = &pg_ops;
    db->conn = PQconnectdb(url);
    if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        /* the message may name host and user but never the password */
        dj_err_set(err, DJ_EUNAVAILABLE, "无法连接 PostgreSQL 数据库：%s",
                   db->conn ? PQerrorMessage(db->conn) : "out of memory");
        PQfinish(db->conn);
        free(db);
        return DJ_EUNAVAILABLE;
    }
    char sql[96];
    snprintf(sql, sizeof sql, "SET client_min_messages = warning; SET lock_timeout = %d",
             opt && opt->busy_timeout_ms ? opt->busy_timeout_ms : 5000);
    PQclear(PQexec(db->conn, sql));
    *out = &db->base;
    return 0;
}

static void pg_close(struct dj_db *base)
{
    struct pg_db *db = PDB(base);
    cache_clear(db);
    PQfinish(db->conn);
    free(db);
}

static int exec_simple(struct pg_db *db, const char *sql, struct dj_err *err)
{
    PGresult *res = PQexec(db->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    int rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? 0 : map_pg_error(db, res, err);
    PQclear(res);
    return rc;
}

static int pg_exec_script(struct dj_db *base, const char *sql, struct dj_err *err)
{
    struct pg_db *db = PDB(base);
    if (!in_transaction(db)) {
        int rc = ensure_connected(db, err);
        if (rc)
            return rc;
    }
    return exec_simple(db, sql, err);
}

static int pg_begin(struct dj_db *base, bool write, struct dj_err *err)
{
    (void)write; /* row locks (UPDATE ... RETURNING) serialise the writers that must be */
    struct pg_db *db = PDB(base);
    int rc = ensure_connected(db, err);
    return rc ? rc : exec_simple(db, "BEGIN", err);
}

static void pg_rollback(struct dj_db *base)
{
    struct pg_db *db = PDB(base);
    if (!connection_lost(db) && in_transaction(db))
        PQclear(PQexec(db->conn, "ROLLBACK"));
}

static int pg_commit(struct dj_db *base, struct dj_err *err)
{
    struct pg_db *db = PDB(base);
    if (PQtransactionStatus(db->conn) == PQTRANS_INERROR) {
        pg_rollback(base);
        return dj_err_set(err, DJ_EDB, "事务已中止");
    }
    int rc = exec_simple(db, "COMMIT", err);
    if (rc)
        pg_rollback(base);
    return rc;
}

/* The highest $N in the text. */
static int count_params(const char *sql)
{
    int max = 0;
    for (const char *p = sql; *p; p++)
        if (*p == '$' && isdigit((unsigned char)p[1])) {
            int n = atoi(p + 1);
            if (n > max)
                max = n;
        }
    return max;
}

static int pg_query(struct dj_db *base, const char *sql, struct dj_stmt **out, struct dj_err *err)
{
    struct pg_db *db = PDB(base);
    if (!in_transaction(db)) {
        int rc = ensure_connected(db, err);
        if (rc)
            return rc;
    } else if (connection_lost(db)) {
        return dj_err_set(err, DJ_EUNAVAILABLE, "数据库暂时不可用，请稍后再试");
    }
    uint32_t h = db_sql_hash(sql);
    for (int probe = 0; probe < STMT_CACHE_SIZE; probe++) {
        int slot = (int)((h + (uint32_t)probe) & (STMT_CACHE_SIZE - 1));
        struct pg_stmt *c = db->cache[slot];
        if (c && strcmp(c->sql, sql) == 0) {
            *out = &c->base;
            return 0;
        }
        if (c)
            continue;
        struct pg_stmt *s = calloc(1, sizeof *s);
        if (!s || !(s->sql = strdup(sql))) {
            free(s);
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        }
        s->nparams = count_params(sql);
        if (s->nparams > MAX_PARAMS) {
            free(s->sql);
            free(s);
            return dj_err_set(err, DJ_EINTERNAL, "too many parameters");
        }
        snprintf(s->name, sizeof s->name, "s%d", ++db->next_name);
        PGresult *res = PQprepare(db->conn, s->name, sql, 0, NULL);
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            int rc = map_pg_error(db, res, err);
            if (rc == DJ_EDB)
                log_error("postgresql prepare failed in: %.160s", sql);
            PQclear(res);
            free(s->sql);
            free(s);
            return rc;
        }
        PQclear(res);
        s->base.db = base;
        s->row = -1;
        db->cache[slot] = s;
        *out = &s->base;
        return 0;
    }
    return dj_err_set(err, DJ_EINTERNAL, "statement cache full");
}

static int set_param(struct dj_stmt *st, int index, char *value, int length, int format)
{
    struct pg_stmt *s = PST(st);
    if (index < 1 || index > s->nparams) {
        free(value);
        return DJ_EINTERNAL;
    }
    free(s->values[index - 1]);
    s->values[index - 1] = value;
    s->lengths[index - 1] = length;
    s->formats[index - 1] = format;
    return 0;
}

static int pg_bind_int(struct dj_stmt *st, int index, int64_t value)
{
    char *v = malloc(24);
    if (!v)
        return DJ_ENOMEM;
    snprintf(v, 24, "%" PRId64, value);
    return set_param(st, index, v, 0, 0);
}

static int pg_bind_text(struct dj_stmt *st, int index, const char *value)
{
    if (!value)
        return set_param(st, index, NULL, 0, 0);
    char *v = strdup(value);
    return v ? set_param(st, index, v, 0, 0) : DJ_ENOMEM;
}

static int pg_bind_blob(struct dj_stmt *st, int index, const void *data, size_t len)
{
    if (len > 0x7fffffff)
        return DJ_EINVAL;
    char *v = malloc(len ? len : 1);
    if (!v)
        return DJ_ENOMEM;
    memcpy(v, data, len);
    return set_param(st, index, v, (int)len, 1);
}

static int pg_bind_null(struct dj_stmt *st, int index)
{
    return set_param(st, index, NULL, 0, 0);
}

static int pg_step(struct dj_stmt *st, struct dj_err *err)
{
    struct pg_stmt *s = PST(st);
    struct pg_db *db = PDB(st->db);
    if (!s->executed) {
        s->res = PQexecPrepared(db->conn, s->name, s->nparams, (const char *const *)s->values,
                                s->lengths, s->formats, 0);
        s->executed = 1;
        s->row = -1;
        ExecStatusType rs = PQresultStatus(s->res);
        if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
            int rc = map_pg_error(db, s->res, err);
            PQclear(s->res);
            s->res = NULL;
            return rc;
        }
        const char *n = PQcmdTuples(s->res);
        db->changes = n && *n ? strtoll(n, NULL, 10) : 0;
    }
    if (!s->res)
        return DB_DONE;
    if (s->blob) {
        PQfreemem(s->blob);
        s->blob = NULL;
    }
    if (s->row + 1 < PQntuples(s->res)) {
        s->row++;
        return DB_ROW;
    }
    return DB_DONE;
}

static bool pg_is_null(struct dj_stmt *st, int col)
{
    struct pg_stmt *s = PST(st);
    return !s->res || s->row < 0 || PQgetisnull(s->res, s->row, col);
}

static int64_t pg_col_int(struct dj_stmt *st, int col)
{
    if (pg_is_null(st, col))
        return 0;
    const char *v = PQgetvalue(PST(st)->res, PST(st)->row, col);
    if (v[0] == 't' && v[1] == '\0')
        return 1; /* a boolean expression */
    return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct dj_stmt *st, int col)
{
    if (pg_is_null(st, col))
        return "";
    return PQgetvalue(PST(st)->res, PST(st)->row, col);
}

static const void *pg_col_blob(struct dj_stmt *st, int col, size_t *len)
{
    struct pg_stmt *s = PST(st);
    *len = 0;
    if (pg_is_null(st, col))
        return NULL;
    if (s->blob)
        PQfreemem(s->blob);
    s->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, col), len);
    return s->blob;
}

static int64_t pg_changes(struct dj_db *db)
{
    return PDB(db)->changes;
}

static void pg_done(struct dj_stmt *st)
{
    stmt_reset(PST(st));
    stmt_free_values(PST(st));
}

static int pg_backup(struct dj_db *db, const char *path, struct dj_err *err)
{
    (void)db;
    (void)path;
    return dj_err_set(err, DJ_EUNSUPPORTED,
                      "PostgreSQL 数据库请用 pg_dump 备份，例如 pg_dump -Fc -f dangjian.dump DBNAME"
                      "（见 docs/DEPLOYMENT.md）");
}

static int pg_integrity_check(struct dj_db *base, struct dj_err *err)
{
    return exec_simple(PDB(base), "SELECT 1", err);
}

static const struct db_ops pg_ops = {
    .engine = DJ_DB_POSTGRESQL,
    .close = pg_close,
    .exec_script = pg_exec_script,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .query = pg_query,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .is_null = pg_is_null,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .changes = pg_changes,
    .done = pg_done,
    .backup = pg_backup,
    .integrity_check = pg_integrity_check,
};
