/* pool: a connection per thread, found through a pthread key of the pool (so
 * that two pools in one process never hand out each other's connections). */
#include "store/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

#define MAX_DB_HANDLES 512

struct dj_db_pool {
    char *url;
    struct dj_db_options opt;
    pthread_key_t key;
    pthread_mutex_t lock;
    struct dj_db *dbs[MAX_DB_HANDLES];
    int ndbs;
};

int db_pool_open(const char *url, const struct dj_db_options *opt, struct dj_db_pool **out,
                 struct dj_err *err)
{
    *out = NULL;
    struct dj_db_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->url = strdup(url))) {
        free(p);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    p->opt = *opt;
    if (pthread_key_create(&p->key, NULL) != 0) {
        free(p->url);
        free(p);
        return dj_err_set(err, DJ_ENOMEM, "无法创建线程的数据库连接表");
    }
    pthread_mutex_init(&p->lock, NULL);
    *out = p;
    return 0;
}

int db_pool_thread_db(struct dj_db_pool *p, struct dj_db **out, struct dj_err *err)
{
    struct dj_db *db = pthread_getspecific(p->key);
    if (db) {
        *out = db;
        return 0;
    }
    *out = NULL;
    pthread_mutex_lock(&p->lock);
    int full = p->ndbs >= MAX_DB_HANDLES;
    pthread_mutex_unlock(&p->lock);
    if (full)
        return dj_err_set(err, DJ_EUNAVAILABLE, "数据库连接已达上限，请稍后再试");
    struct dj_err cause;
    dj_err_clear(&cause);
    if (db_open(p->url, &p->opt, &db, &cause)) {
        log_error("cannot open the database: %s", cause.message);
        return dj_err_set(err, DJ_EUNAVAILABLE, "数据库暂时不可用，请稍后再试");
    }
    pthread_mutex_lock(&p->lock);
    if (p->ndbs < MAX_DB_HANDLES) {
        p->dbs[p->ndbs++] = db;
        pthread_mutex_unlock(&p->lock);
    } else {
        pthread_mutex_unlock(&p->lock);
        db_close(db);
        return dj_err_set(err, DJ_EUNAVAILABLE, "数据库连接已达上限，请稍后再试");
    }
    if (pthread_setspecific(p->key, db) != 0)
        return dj_err_set(err, DJ_ENOMEM, "内存不足"); /* closed with the pool */
    *out = db;
    return 0;
}

void db_pool_close(struct dj_db_pool *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->ndbs; i++)
        db_close(p->dbs[i]);
    pthread_key_delete(p->key);
    pthread_mutex_destroy(&p->lock);
    free(p->url);
    free(p);
}
