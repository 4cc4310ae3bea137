/* The router is a pure function: every case here needs no server. */
#include "testutil.h"

#include "http/router.h"

static int h_a(struct dj_request *r, struct dj_response *s) { (void)r; (void)s; return 0; }
static int h_b(struct dj_request *r, struct dj_response *s) { (void)r; (void)s; return 0; }
static int h_c(struct dj_request *r, struct dj_response *s) { (void)r; (void)s; return 0; }
static int h_d(struct dj_request *r, struct dj_response *s) { (void)r; (void)s; return 0; }

static const struct dj_route routes[] = {
    {"GET", "/api/v1/users", h_a, 0},
    {"POST", "/api/v1/users", h_b, 0},
    {"GET", "/api/v1/users/{id}", h_c, 0},
    {"POST", "/api/v1/evaluations/{id}/objections/{oid}", h_d, 0},
};
#define N (sizeof routes / sizeof routes[0])

static void exact_match(void **state)
{
    (void)state;
    struct dj_route_match m;
    assert_int_equal(router_match(routes, N, "GET", "/api/v1/users", &m), 0);
    assert_ptr_equal(m.route->handler, h_a);
    assert_int_equal(m.nparams, 0);
    assert_int_equal(router_match(routes, N, "POST", "/api/v1/users", &m), 0);
    assert_ptr_equal(m.route->handler, h_b);
}

static void parameters(void **state)
{
    (void)state;
    struct dj_route_match m;
    assert_int_equal(router_match(routes, N, "GET", "/api/v1/users/42", &m), 0);
    assert_ptr_equal(m.route->handler, h_c);
    assert_int_equal(m.nparams, 1);
    assert_string_equal(m.params[0], "42");
    assert_int_equal(router_match(routes, N, "POST", "/api/v1/evaluations/7/objections/9", &m), 0);
    assert_int_equal(m.nparams, 2);
    assert_string_equal(m.params[0], "7");
    assert_string_equal(m.params[1], "9");
}

static void not_found(void **state)
{
    (void)state;
    struct dj_route_match m;
    assert_int_equal(router_match(routes, N, "GET", "/api/v1/user", &m), DJ_ENOTFOUND);
    assert_int_equal(router_match(routes, N, "GET", "/api/v1/users/", &m), DJ_ENOTFOUND);
    assert_int_equal(router_match(routes, N, "GET", "/api/v1/users/1/x", &m), DJ_ENOTFOUND);
    assert_int_equal(router_match(routes, N, "GET", "/api/v1//users", &m), DJ_ENOTFOUND);
    assert_int_equal(router_match(routes, N, "GET", "", &m), DJ_ENOTFOUND);
    assert_int_equal(router_match(routes, N, "GET", "/", &m), DJ_ENOTFOUND);
}

static void method_not_allowed(void **state)
{
    (void)state;
    struct dj_route_match m;
    assert_int_equal(router_match(routes, N, "DELETE", "/api/v1/users", &m), DJ_EMETHOD);
    assert_string_equal(m.allow, "GET, POST");
    assert_int_equal(router_match(routes, N, "PUT", "/api/v1/users/3", &m), DJ_EMETHOD);
    assert_string_equal(m.allow, "GET");
}

static void head_is_get(void **state)
{
    (void)state;
    struct dj_route_match m;
    assert_int_equal(router_match(routes, N, "HEAD", "/api/v1/users/5", &m), 0);
    assert_ptr_equal(m.route->handler, h_c);
}

static void long_path(void **state)
{
    (void)state;
    char path[2048];
    memset(path, 'a', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    struct dj_route_match m;
    assert_int_equal(router_match(routes, N, "GET", path, &m), DJ_ENOTFOUND);
}

static void real_table_is_consistent(void **state)
{
    (void)state;
    /* every route of the API matches its own pattern with itself */
    for (size_t i = 0; i < dj_api_route_count; i++) {
        char path[256];
        const char *p = dj_api_routes[i].pattern;
        size_t o = 0;
        while (*p && o < sizeof path - 2) {
            if (*p == '{') {
                path[o++] = '1';
                p = strchr(p, '}') + 1;
            } else {
                path[o++] = *p++;
            }
        }
        path[o] = '\0';
        struct dj_route_match m;
        assert_int_equal(router_match(dj_api_routes, dj_api_route_count, dj_api_routes[i].method,
                                      path, &m), 0);
        assert_ptr_equal(m.route, &dj_api_routes[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_match), cmocka_unit_test(parameters),
        cmocka_unit_test(not_found), cmocka_unit_test(method_not_allowed),
        cmocka_unit_test(head_is_get), cmocka_unit_test(long_path),
        cmocka_unit_test(real_table_is_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
