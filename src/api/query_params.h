/* query_params: which query parameters each route takes.  A parameter a
 * route does not take is refused with 400 naming it, never silently ignored
 * (issue 18 item 4).  Routes missing from the table are not checked, so that
 * a new route works before its row is written (the unit test test_query_params
 * lists the routes of routes.c that have no row).
 *
 * Also the one reading of an "any period" statistic: ?from=&to= as a range
 * beside the route's own ?period= or ?year=.
 *
 * Nothing here allocates; the table is static. */
#ifndef DJ_QUERY_PARAMS_H
#define DJ_QUERY_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "api/api.h"
#include "util/date.h"

/* DJ_EINVAL with req->err naming the first parameter the route does not take
 * (or one given twice); 0 when all are taken or the route has no row. */
int api_query_check(const struct dj_route *route, struct dj_request *req);

/* Whether the table has a row for method and pattern. */
bool api_query_known(const char *method, const char *pattern);

/* The period of a statistic: "from..to" in buf when ?from= and ?to= are
 * given (both, valid dates, from not after to, and not beside ?name=),
 * else ?name= itself (which may be NULL).  Field errors on req->err. */
int api_query_period(struct dj_request *req, const char *name, char buf[DJ_PERIOD_LEN],
                     const char **out);

#endif
