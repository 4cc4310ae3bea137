/* libFuzzer target: a request body through the api layer's JSON parsing. */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "api/api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct dj_request req;
    memset(&req, 0, sizeof req);
    req.body = (const char *)data;
    req.body_len = size;
    req.content_type = "application/json";
    json_t *j = NULL;
    if (api_body_object(&req, &j) == 0) {
        if (!json_is_object(j))
            __builtin_trap();
        const char *s;
        api_field_string(&req, j, "username", false, &s);
        json_decref(j);
    }
    return 0;
}
