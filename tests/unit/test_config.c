/* Settings: defaults, the INI file, the environment, flags, validation. */
#include "testutil.h"

#include "util/date.h"

#include <stdio.h>
#include <unistd.h>

static void defaults(void **state)
{
    (void)state;
    struct dj_config c;
    test_config(&c);
    assert_string_equal(c.listen, "127.0.0.1:8080");
    assert_int_equal(c.body_limit, 1048576);
    assert_int_equal(c.session_idle_minutes, 60);
    struct dj_err err;
    assert_int_equal(dj_config_validate(&c, &err), 0);
    char *key = dj_config_key_path(&c);
    assert_string_equal(key, "var/dangjian.db.key");
    free(key);
    dj_config_free(&c);
}

static void access_log_modes(void **state)
{
    (void)state;
    struct dj_config c;
    test_config(&c);
    struct dj_err err;
    assert_int_equal(dj_config_access_mode(&c), DJ_ACCESS_ALL);
    assert_int_equal(c.access_sample, 1);
    assert_int_equal(dj_config_set(&c, "log.access", "errors", &err), 0);
    assert_int_equal(dj_config_access_mode(&c), DJ_ACCESS_ERRORS);
    assert_int_equal(dj_config_set(&c, "log.access", "off", &err), 0);
    assert_int_equal(dj_config_access_mode(&c), DJ_ACCESS_OFF);
    assert_int_equal(dj_config_set(&c, "log.access", "all", &err), 0);
    assert_int_equal(dj_config_set(&c, "log.access_log", "false", &err), 0);
    assert_int_equal(dj_config_access_mode(&c), DJ_ACCESS_OFF); /* the older switch still works */
    assert_int_equal(dj_config_set(&c, "log.access_log", "true", &err), 0);
    assert_int_equal(dj_config_set(&c, "log.access", "some", &err), 0);
    assert_int_equal(dj_config_validate(&c, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "log.access"));
    assert_int_not_equal(dj_config_set(&c, "log.access_sample", "0", &err), 0);
    dj_config_free(&c);
}

static char *write_file(const char *text)
{
    static char path[64];
    strcpy(path, "/tmp/dj-config-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void file_then_env_then_flags(void **state)
{
    (void)state;
    struct dj_config c;
    test_config(&c);
    struct dj_err err;
    char *path = write_file("[server]\nlisten = 0.0.0.0:9000\nthreads = 3\n[database]\nurl = /srv/a.db\n"
                            "[security]\nsecure_cookie = yes\n");
    assert_int_equal(dj_config_load_file(&c, path, &err), 0);
    unlink(path);
    assert_string_equal(c.listen, "0.0.0.0:9000");
    assert_int_equal(c.threads, 3);
    assert_int_equal(c.secure_cookie, 1);
    setenv("DANGJIAN_SERVER_THREADS", "5", 1);
    setenv("DANGJIAN_DB", "/srv/b.db", 1);
    assert_int_equal(dj_config_load_env(&c, &err), 0);
    unsetenv("DANGJIAN_SERVER_THREADS");
    unsetenv("DANGJIAN_DB");
    assert_int_equal(c.threads, 5);
    assert_string_equal(c.db, "/srv/b.db");
    assert_int_equal(dj_config_set(&c, "server.threads", "7", &err), 0);
    assert_int_equal(c.threads, 7);
    dj_config_free(&c);
}

static void bad_values_are_named(void **state)
{
    (void)state;
    struct dj_config c;
    test_config(&c);
    struct dj_err err;
    dj_err_clear(&err);
    assert_int_equal(dj_config_set(&c, "server.threads", "many", &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "server.threads"));
    assert_int_equal(dj_config_set(&c, "server.body_limit", "10", &err), DJ_EINVAL);
    assert_int_equal(dj_config_set(&c, "nosuch.key", "1", &err), DJ_EINVAL);
    assert_int_equal(dj_config_set(&c, "nodot", "1", &err), DJ_EINVAL);
    assert_int_equal(dj_config_set(&c, "security.secure_cookie", "maybe", &err), DJ_EINVAL);
    char *path = write_file("[server]\nlisten = 1.2.3.4:80\nbogus = 1\n");
    assert_int_equal(dj_config_load_file(&c, path, &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "3"));
    assert_non_null(strstr(err.message, "bogus"));
    unlink(path);
    assert_int_equal(dj_config_load_file(&c, "/nonexistent.conf", &err), DJ_EIO);
    assert_int_equal(dj_config_set(&c, "server.listen", "nohost", &err), 0);
    assert_int_equal(dj_config_validate(&c, &err), DJ_EINVAL);
    dj_config_free(&c);
}

static void printed_config_reads_back(void **state)
{
    (void)state;
    struct dj_config c, d;
    test_config(&c);
    test_config(&d);
    struct dj_err err;
    assert_int_equal(dj_config_set(&c, "log.level", "debug", &err), 0);
    char path[] = "/tmp/dj-print-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    dj_config_print(&c, f);
    fclose(f);
    assert_int_equal(dj_config_load_file(&d, path, &err), 0);
    unlink(path);
    assert_string_equal(d.log_level, "debug");
    dj_config_free(&c);
    dj_config_free(&d);
}

/* bureau.today (DANGJIAN_TODAY) fixes the day every dj_date_today answers,
 * in any zone; a bad value is refused and changes nothing; defaults return
 * to the clock. */
static void fixed_today_is_every_today(void **state)
{
    (void)state;
    struct dj_config c;
    test_config(&c);
    struct dj_err err;
    dj_err_clear(&err);
    char clock_day[DJ_DATE_LEN], day[DJ_DATE_LEN];
    dj_date_today("UTC", clock_day);
    assert_string_equal(c.today, "");
    setenv("DANGJIAN_TODAY", "2026-06-15", 1);
    assert_int_equal(dj_config_load_env(&c, &err), 0);
    unsetenv("DANGJIAN_TODAY");
    assert_string_equal(c.today, "2026-06-15");
    dj_date_today("Asia/Shanghai", day);
    assert_string_equal(day, "2026-06-15");
    dj_date_today("UTC", day);
    assert_string_equal(day, "2026-06-15");
    assert_int_equal(dj_config_set(&c, "bureau.today", "2026-02-30", &err), DJ_EINVAL);
    assert_non_null(strstr(err.message, "bureau.today"));
    assert_string_equal(c.today, "2026-06-15");
    dj_date_today("UTC", day);
    assert_string_equal(day, "2026-06-15");
    char *path = write_file("[bureau]\ntoday = 2030-01-02\n");
    assert_int_equal(dj_config_load_file(&c, path, &err), 0);
    unlink(path);
    dj_date_today("UTC", day);
    assert_string_equal(day, "2030-01-02");
    dj_config_free(&c);
    test_config(&c); /* the defaults: the clock again */
    dj_date_today("UTC", day);
    assert_true(strcmp(day, "2030-01-02") != 0);
    assert_true(dj_date_days(day) - dj_date_days(clock_day) <= 1);
    dj_config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults), cmocka_unit_test(access_log_modes), cmocka_unit_test(file_then_env_then_flags),
        cmocka_unit_test(bad_values_are_named), cmocka_unit_test(printed_config_reads_back),
        cmocka_unit_test(fixed_today_is_every_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
