/* libFuzzer target: a request body through the api layer's JSON parsing
 * (api_body_object: UTF-8 check, jansson with duplicate keys rejected) and
 * the field readers every handler uses (api_field_string, api_field_copy,
 * api_field_centi). */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct dj_request req;
    memset(&req, 0, sizeof req);
    req.body = (const char *)data;
    req.body_len = size;
    req.content_type = "application/json";
    json_t *j = NULL;
    if (api_body_object(&req, &j) != 0) {
        if (j != NULL || req.err.message[0] == '\0')
            __builtin_trap(); /* an error says why and returns nothing */
        return 0;
    }
    if (!json_is_object(j))
        __builtin_trap();
    static const char *const names[] = {"username", "name", "score", "hours", "", "a"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *s;
        char dst[41] = "x";
        int64_t centi = 0;
        /* what a handler reads is valid UTF-8 without NUL, escapes included */
        if (api_field_string(&req, j, names[i], false, &s) == 0 && s && !dj_utf8_valid(s, strlen(s)))
            __builtin_trap();
        if (api_field_copy(&req, j, names[i], dst, sizeof dst) == 0 && strnlen(dst, sizeof dst) == sizeof dst)
            __builtin_trap();
        api_field_centi(&req, j, names[i], -1, &centi);
    }
    json_decref(j);
    return 0;
}
