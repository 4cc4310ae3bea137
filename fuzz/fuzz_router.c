/* libFuzzer target: the router with any method and path. */
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[1024];
    if (size >= sizeof buf)
        size = sizeof buf - 1;
    memcpy(buf, data, size);
    buf[size] = '\0';
    /* first line is the method, the rest the path */
    char *nl = strchr(buf, '\n');
    const char *method = "GET", *path = buf;
    if (nl) {
        *nl = '\0';
        method = buf;
        path = nl + 1;
    }
    struct dj_route_match m;
    int rc = router_match(dj_api_routes, dj_api_route_count, method, path, &m);
    if (rc == 0 && (m.route == NULL || m.nparams > DJ_MAX_ROUTE_PARAMS))
        __builtin_trap();
    return 0;
}
