/* testutil: shared set-up for the cmocka unit tests: an in-memory database
 * with the migrations applied and the default configuration. */
#ifndef DJ_TESTUTIL_H
#define DJ_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/secret.h"
#include "store/db.h"
#include "store/migrations.h"
#include "util/config.h"
#include "util/log.h"

/* The keyed hashes (audit chain, final results) need a key, as loading the
 * key file gives the server: a fixed one for the tests. */
static inline void test_mac_key(void)
{
    struct dj_secret k;
    memset(&k, 0, sizeof k);
    memset(k.key, 0x42, sizeof k.key);
    k.loaded = 1;
    secret_mac_key_set(&k);
}

static inline struct dj_db *test_db_open(void)
{
    test_mac_key();
    struct dj_db *db = NULL;
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_db_options opt = {.busy_timeout_ms = 1000, .create = true};
    assert_int_equal(db_open(":memory:", &opt, &db, &err), 0);
    assert_int_equal(migrations_apply(db, NULL, &err), 0);
    return db;
}

static inline void test_config(struct dj_config *cfg)
{
    struct dj_err err;
    assert_int_equal(dj_config_defaults(cfg, &err), 0);
}

static inline void test_quiet(void)
{
    dj_log_set_level(DJ_LOG_ERROR + 1 > DJ_LOG_ERROR ? DJ_LOG_ERROR : DJ_LOG_ERROR);
    assert_int_equal(dj_crypto_init(NULL), 0);
}

#endif
