/* router: a pure function from (method, path) to a route and its parameters.
 * No allocation: parameters point into a copy of the path held by the match. */
#ifndef DJ_ROUTER_H
#define DJ_ROUTER_H

#include <stddef.h>

#include "api/api.h"

struct dj_route_match {
    const struct dj_route *route;
    char buf[512]; /* the path, split in place */
    const char *params[DJ_MAX_ROUTE_PARAMS];
    int nparams;
    char allow[64]; /* for 405: the methods the path does take */
};

/* DJ_OK with m->route set; DJ_ENOTFOUND when no pattern matches the path;
 * DJ_EMETHOD when a pattern matches but not for this method (m->allow lists
 * those that do).  HEAD matches GET routes. */
int router_match(const struct dj_route *routes, size_t n, const char *method, const char *path,
                 struct dj_route_match *m);

#endif
