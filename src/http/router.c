#include "http/router.h"

#include <stdbool.h>
#include <string.h>

/* Matches pattern against path segment by segment; "{name}" takes one
 * non-empty segment.  On success fills params with pointers into buf. */
static bool pattern_match(const char *pattern, const char *path, char *buf, size_t bufsize,
                          const char **params, int *nparams)
{
    /* most patterns differ from the path before their first parameter:
     * compare that much first, without copying or splitting anything */
    const char *brace = strchr(pattern, '{');
    if (brace ? strncmp(pattern, path, (size_t)(brace - pattern)) != 0 : strcmp(pattern, path) != 0)
        return false;
    size_t plen = strlen(path);
    if (plen >= bufsize)
        return false;
    memcpy(buf, path, plen + 1);
    int np = 0;
    const char *p = pattern;
    char *s = buf;
    char *ends[DJ_MAX_ROUTE_PARAMS];
    while (*p && *s) {
        if (*p != '/' || *s != '/')
            return false;
        p++;
        s++;
        size_t pseg = strcspn(p, "/"), sseg = strcspn(s, "/");
        if (pseg >= 2 && p[0] == '{' && p[pseg - 1] == '}') {
            if (sseg == 0 || np >= DJ_MAX_ROUTE_PARAMS)
                return false;
            ends[np] = s + sseg;
            params[np++] = s;
        } else if (pseg != sseg || strncmp(p, s, pseg) != 0) {
            return false;
        }
        p += pseg;
        s += sseg;
    }
    if (*p || *s)
        return false;
    for (int i = 0; i < np; i++)
        *ends[i] = '\0';
    *nparams = np;
    return true;
}

int router_match(const struct dj_route *routes, size_t n, const char *method, const char *path,
                 struct dj_route_match *m)
{
    memset(m, 0, sizeof *m);
    bool path_found = false;
    const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
    for (size_t i = 0; i < n; i++) {
        const char *params[DJ_MAX_ROUTE_PARAMS];
        int np = 0;
        if (!pattern_match(routes[i].pattern, path, m->buf, sizeof m->buf, params, &np))
            continue;
        if (strcmp(routes[i].method, want) == 0) {
            m->route = &routes[i];
            memcpy(m->params, params, sizeof params);
            m->nparams = np;
            return 0;
        }
        if (!path_found)
            m->allow[0] = '\0';
        path_found = true;
        if (!strstr(m->allow, routes[i].method) &&
            strlen(m->allow) + strlen(routes[i].method) + 3 < sizeof m->allow) {
            if (*m->allow)
                strcat(m->allow, ", ");
            strcat(m->allow, routes[i].method);
        }
    }
    return path_found ? DJ_EMETHOD : DJ_ENOTFOUND;
}
