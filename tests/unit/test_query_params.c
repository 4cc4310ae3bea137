/* query_params: the table of each route's query parameters (issue 18 item 4). */
#include "testutil.h"

#include <stdio.h>

#include "api/query_params.h"

static int h(struct dj_request *r, struct dj_response *s) { (void)r; (void)s; return 0; }
static const struct dj_route users = {"GET", "/api/v1/users", h, 0};
static const struct dj_route unlisted = {"GET", "/api/v1/not-in-the-table", h, 0};

static void request(struct dj_request *req, const char *n1, const char *n2)
{
    memset(req, 0, sizeof *req);
    req->method = "GET";
    req->query[0].name = n1;
    req->query[0].value = "1";
    req->nquery = 1;
    if (n2) {
        req->query[1].name = n2;
        req->query[1].value = "2";
        req->nquery = 2;
    }
}

static void refuses_what_the_route_does_not_take(void **state)
{
    (void)state;
    struct dj_request req;
    request(&req, "q", "limit");
    assert_int_equal(api_query_check(&users, &req), 0);
    request(&req, "q", "year");
    assert_int_equal(api_query_check(&users, &req), DJ_EINVAL);
    assert_non_null(strstr(req.err.message, "year"));
    assert_int_equal(req.err.nfields, 1);
    assert_string_equal(req.err.fields[0].name, "year");
    request(&req, "q", "q"); /* the second would be ignored */
    assert_int_equal(api_query_check(&users, &req), DJ_EINVAL);
    request(&req, "anything", NULL);
    assert_int_equal(api_query_check(&unlisted, &req), 0); /* not in the table: unchecked */
}

static void period_from_range(void **state)
{
    (void)state;
    struct dj_request req;
    char buf[DJ_PERIOD_LEN];
    const char *p;
    request(&req, "from", "to");
    req.query[0].value = "2024-01-01";
    req.query[1].value = "2025-12-31";
    assert_int_equal(api_query_period(&req, "period", buf, &p), 0);
    assert_string_equal(p, "2024-01-01..2025-12-31");
    struct dj_period per;
    assert_true(dj_period_parse(p, &per));
    req.query[1].value = "2023-12-31"; /* before from */
    assert_int_equal(api_query_period(&req, "period", buf, &p), DJ_EINVAL);
    request(&req, "from", NULL); /* from without to */
    req.query[0].value = "2024-01-01";
    assert_int_equal(api_query_period(&req, "period", buf, &p), DJ_EINVAL);
    request(&req, "period", NULL);
    req.query[0].value = "2026Q3";
    assert_int_equal(api_query_period(&req, "period", buf, &p), 0);
    assert_string_equal(p, "2026Q3");
}

/* Every route of routes.c has its row: a route added without one is listed
 * here, for its row to be written (the lead fills them after a merge). */
static void every_route_has_a_row(void **state)
{
    (void)state;
    int missing = 0;
    for (size_t i = 0; i < dj_api_route_count; i++)
        if (!api_query_known(dj_api_routes[i].method, dj_api_routes[i].pattern)) {
            fprintf(stderr, "no query_params row: %s %s\n", dj_api_routes[i].method,
                    dj_api_routes[i].pattern);
            missing++;
        }
    assert_int_equal(missing, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refuses_what_the_route_does_not_take),
        cmocka_unit_test(period_from_range),
        cmocka_unit_test(every_route_has_a_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
