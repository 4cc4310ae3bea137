/* db_sqlite: the SQLite backend of db.h.  WAL, foreign keys, busy timeout,
 * a per-connection cache of prepared statements keyed by their text. */
#include "store/db_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/log.h"

#define STMT_CACHE_SIZE 512 /* power of two */

#define MAX_PARAMS 32

struct lite_stmt {
    struct dj_stmt base;
    sqlite3_stmt *st;
    const char *sql;     /* points into the statement's own copy */
    const char *caller;  /* the caller's pointer to the text, for the fast path */
    int nparams;
    int param[MAX_PARAMS + 1]; /* SQLite's index of $1..$n, 0 when absent */
};

#define RECENT_SIZE 256 /* power of two */

struct lite_db {
    struct dj_db base;
    sqlite3 *h;
    struct lite_stmt *cache[STMT_CACHE_SIZE];
    struct lite_stmt *recent[RECENT_SIZE]; /* by the caller's text pointer */
};

static const struct db_ops sqlite_ops;

#define LDB(db) ((struct lite_db *)(void *)(db))
#define LST(st) ((struct lite_stmt *)(void *)(st))

static int map_sqlite_error(struct lite_db *db, int rc, struct dj_err *err)
{
    int ext = db ? sqlite3_extended_errcode(db->h) : rc;
    const char *msg = db ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
        return dj_err_set(err, DJ_ECONFLICT, "记录已存在，与现有记录冲突");
    if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
        return dj_err_set(err, DJ_EINVAL, "引用的记录不存在或仍被其他记录引用");
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return dj_err_set(err, DJ_EINVAL, "数据不满足约束条件");
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return dj_err_set(err, DJ_EUNAVAILABLE, "数据库繁忙，请稍后再试");
    if ((rc & 0xff) == SQLITE_NOMEM)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    log_error("sqlite: %s (code %d)", msg, ext);
    return dj_err_set(err, DJ_EDB, "数据库错误");
}

int db_sqlite_open(const char *url, const struct dj_db_options *opt, struct dj_db **out,
                   struct dj_err *err)
{
    *out = NULL;
    struct lite_db *db = calloc(1, sizeof *db);
    if (!db)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    db->base.ops = &sqlite_ops;
    int flags = SQLITE_OPEN_NOMUTEX;
    if (opt && opt->readonly)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (opt && opt->create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(url, &db->h, flags, NULL);
    if (rc != SQLITE_OK) {
        dj_err_set(err, rc == SQLITE_CANTOPEN ? DJ_EIO : DJ_EDB, "无法打开数据库 %s：%s", url,
                   db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
        sqlite3_close(db->h);
        free(db);
        return err ? err->code : DJ_EDB;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, opt && opt->busy_timeout_ms ? opt->busy_timeout_ms : 5000);
    const char *pragmas = (opt && opt->readonly)
                              ? "PRAGMA foreign_keys=ON;"
                              : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                                "PRAGMA foreign_keys=ON;";
    char *emsg = NULL;
    rc = sqlite3_exec(db->h, pragmas, NULL, NULL, &emsg);
    if (rc != SQLITE_OK) {
        dj_err_set(err, DJ_EDB, "无法设置数据库 %s：%s", url, emsg ? emsg : "");
        sqlite3_free(emsg);
        db_close(&db->base);
        return DJ_EDB;
    }
    *out = &db->base;
    return 0;
}

static void lite_close(struct dj_db *base)
{
    struct lite_db *db = LDB(base);
    for (int i = 0; i < STMT_CACHE_SIZE; i++)
        if (db->cache[i]) {
            sqlite3_finalize(db->cache[i]->st);
            free(db->cache[i]);
        }
    sqlite3_close(db->h);
    free(db);
}

static int lite_exec_script(struct dj_db *base, const char *sql, struct dj_err *err)
{
    struct lite_db *db = LDB(base);
    char *emsg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &emsg);
    if (rc != SQLITE_OK) {
        log_error("sqlite script: %s", emsg ? emsg : "?");
        dj_err_set(err, DJ_EDB, "数据库脚本执行失败：%s", emsg ? emsg : "");
        sqlite3_free(emsg);
        return DJ_EDB;
    }
    return 0;
}

static int exec_simple(struct lite_db *db, const char *sql, struct dj_err *err)
{
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : map_sqlite_error(db, rc, err);
}

static int lite_begin(struct dj_db *base, bool write, struct dj_err *err)
{
    return exec_simple(LDB(base), write ? "BEGIN IMMEDIATE" : "BEGIN", err);
}

static void lite_rollback(struct dj_db *base);

static int lite_commit(struct dj_db *base, struct dj_err *err)
{
    int rc = exec_simple(LDB(base), "COMMIT", err);
    if (rc)
        lite_rollback(base);
    return rc;
}

static void lite_rollback(struct dj_db *base)
{
    struct lite_db *db = LDB(base);
    if (!sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

static int lite_query(struct dj_db *base, const char *sql, struct dj_stmt **out, struct dj_err *err)
{
    struct lite_db *db = LDB(base);
    /* most SQL is a string literal: its address finds it without hashing the text */
    uintptr_t addr = (uintptr_t)sql;
    struct lite_stmt *fast = db->recent[(addr >> 4) & (RECENT_SIZE - 1)];
    if (fast && fast->caller == sql) {
        *out = &fast->base;
        return 0;
    }
    uint32_t h = db_sql_hash(sql);
    for (int probe = 0; probe < STMT_CACHE_SIZE; probe++) {
        int slot = (int)((h + (uint32_t)probe) & (STMT_CACHE_SIZE - 1));
        struct lite_stmt *c = db->cache[slot];
        if (c && (c->sql == sql || strcmp(c->sql, sql) == 0)) {
            if (c->caller == sql)
                db->recent[(addr >> 4) & (RECENT_SIZE - 1)] = c;
            *out = &c->base;
            return 0;
        }
        if (!c) {
            struct lite_stmt *s = calloc(1, sizeof *s);
            if (!s)
                return dj_err_set(err, DJ_ENOMEM, "内存不足");
            int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
            if (rc != SQLITE_OK) {
                free(s);
                log_error("sqlite prepare failed: %s in: %.120s", sqlite3_errmsg(db->h), sql);
                return dj_err_set(err, DJ_EDB, "数据库错误");
            }
            s->base.db = base;
            s->sql = sqlite3_sql(s->st);
            s->caller = sql;
            /* $n are named parameters to SQLite: look their indexes up once */
            for (int n = 1; n <= MAX_PARAMS; n++) {
                char name[16];
                snprintf(name, sizeof name, "$%d", n);
                s->param[n] = sqlite3_bind_parameter_index(s->st, name);
                if (s->param[n])
                    s->nparams = n;
            }
            db->cache[slot] = s;
            db->recent[(addr >> 4) & (RECENT_SIZE - 1)] = s;
            *out = &s->base;
            return 0;
        }
    }
    /* cache full: should not happen with a fixed set of statements */
    return dj_err_set(err, DJ_EINTERNAL, "statement cache full");
}

static int param_index(struct dj_stmt *st, int index)
{
    struct lite_stmt *s = LST(st);
    return index >= 1 && index <= s->nparams ? s->param[index] : 0;
}

static int bind_result(int rc)
{
    return rc == SQLITE_OK ? 0 : (rc == SQLITE_NOMEM ? DJ_ENOMEM : DJ_EDB);
}

static int lite_bind_int(struct dj_stmt *st, int index, int64_t value)
{
    int i = param_index(st, index);
    return i ? bind_result(sqlite3_bind_int64(LST(st)->st, i, value)) : DJ_EINTERNAL;
}

static int lite_bind_text(struct dj_stmt *st, int index, const char *value)
{
    int i = param_index(st, index);
    if (!i)
        return DJ_EINTERNAL;
    if (!value)
        return bind_result(sqlite3_bind_null(LST(st)->st, i));
    return bind_result(sqlite3_bind_text(LST(st)->st, i, value, -1, SQLITE_TRANSIENT));
}

static int lite_bind_blob(struct dj_stmt *st, int index, const void *data, size_t len)
{
    int i = param_index(st, index);
    return i ? bind_result(sqlite3_bind_blob64(LST(st)->st, i, data, len, SQLITE_TRANSIENT))
             : DJ_EINTERNAL;
}

static int lite_bind_null(struct dj_stmt *st, int index)
{
    int i = param_index(st, index);
    return i ? bind_result(sqlite3_bind_null(LST(st)->st, i)) : DJ_EINTERNAL;
}

static int lite_step(struct dj_stmt *st, struct dj_err *err)
{
    int rc = sqlite3_step(LST(st)->st);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return map_sqlite_error(LDB(st->db), rc, err);
}

static bool lite_is_null(struct dj_stmt *st, int col)
{
    return sqlite3_column_type(LST(st)->st, col) == SQLITE_NULL;
}

static int64_t lite_col_int(struct dj_stmt *st, int col)
{
    return sqlite3_column_int64(LST(st)->st, col);
}

static const char *lite_col_text(struct dj_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(LST(st)->st, col);
    return t ? (const char *)t : "";
}

static const void *lite_col_blob(struct dj_stmt *st, int col, size_t *len)
{
    const void *p = sqlite3_column_blob(LST(st)->st, col);
    *len = (size_t)sqlite3_column_bytes(LST(st)->st, col);
    return p;
}

static int64_t lite_changes(struct dj_db *db)
{
    return sqlite3_changes64(LDB(db)->h);
}

static void lite_done(struct dj_stmt *st)
{
    sqlite3_reset(LST(st)->st);
    sqlite3_clear_bindings(LST(st)->st);
}

static int lite_backup(struct dj_db *base, const char *path, struct dj_err *err)
{
    struct lite_db *db = LDB(base);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_close(dst);
        return dj_err_set(err, DJ_EIO, "无法创建备份文件 %s", path);
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->h, "main");
    if (!b) {
        dj_err_set(err, DJ_EDB, "无法开始备份：%s", sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return DJ_EDB;
    }
    /* copy in steps so that writers are not held up for the whole copy;
     * a write in between makes SQLite restart the copy, which stays consistent */
    do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        dj_err_set(err, DJ_EDB, "备份失败：%s", sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return DJ_EDB;
    }
    /* the copy is a plain database file: leave it in rollback-journal mode */
    sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    sqlite3_close(dst);
    return 0;
}

static int lite_integrity_check(struct dj_db *base, struct dj_err *err)
{
    struct lite_db *db = LDB(base);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        return map_sqlite_error(db, SQLITE_ERROR, err);
    int rc = DJ_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(st, 0);
        if (!r || strcmp(r, "ok") != 0)
            rc = dj_err_set(err, DJ_EDB, "数据库完整性检查失败：%s", r ? r : "?");
    }
    sqlite3_finalize(st);
    if (!rc) {
        if (sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
            return map_sqlite_error(db, SQLITE_ERROR, err);
        if (sqlite3_step(st) == SQLITE_ROW)
            rc = dj_err_set(err, DJ_EDB, "外键检查失败：表 %s 的第 %lld 行引用了不存在的记录",
                            sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1));
        sqlite3_finalize(st);
    }
    return rc;
}

static const struct db_ops sqlite_ops = {
    .engine = DJ_DB_SQLITE,
    .close = lite_close,
    .exec_script = lite_exec_script,
    .begin = lite_begin,
    .commit = lite_commit,
    .rollback = lite_rollback,
    .query = lite_query,
    .bind_int = lite_bind_int,
    .bind_text = lite_bind_text,
    .bind_blob = lite_bind_blob,
    .bind_null = lite_bind_null,
    .step = lite_step,
    .is_null = lite_is_null,
    .col_int = lite_col_int,
    .col_text = lite_col_text,
    .col_blob = lite_col_blob,
    .changes = lite_changes,
    .done = lite_done,
    .backup = lite_backup,
    .integrity_check = lite_integrity_check,
};
