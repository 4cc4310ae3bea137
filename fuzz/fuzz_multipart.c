/* libFuzzer target: multipart/form-data bodies (io/multipart multipart_find).
 * Input: when it starts with "multipart/", its first line is the
 * Content-Type and the rest the body; otherwise all of it is the body under a
 * fixed boundary.  Each body is searched for the fields the api layer asks
 * for ("file", "object_type", "object_id"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/multipart.h"

static void check(const char *ct, const char *body, size_t size)
{
    static const char *const fields[] = {"file", "object_type", "object_id"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        struct dj_part part;
        struct dj_err err;
        dj_err_clear(&err);
        if (multipart_find(ct, body, size, fields[i], &part, &err) == 0) {
            /* the part lies inside the body; names are terminated */
            if (part.data < body || part.len > size || part.data + part.len > body + size ||
                strnlen(part.filename, sizeof part.filename) == sizeof part.filename ||
                strnlen(part.content_type, sizeof part.content_type) == sizeof part.content_type)
                __builtin_trap();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nl = size > 10 && memcmp(in, "multipart/", 10) == 0 ? memchr(in, '\n', size) : NULL;
    if (nl && nl - in < 512) {
        size_t ctlen = (size_t)(nl - in);
        char ct[512];
        memcpy(ct, in, ctlen);
        ct[ctlen] = '\0';
        /* the body in its own allocation, so that ASan sees reads past its end */
        size_t blen = size - ctlen - 1;
        char *body = malloc(blen ? blen : 1);
        if (!body)
            return 0;
        memcpy(body, nl + 1, blen);
        check(ct, body, blen);
        free(body);
        return 0;
    }
    check("multipart/form-data; boundary=XyZ", in, size);
    check("multipart/form-data; boundary=\"q\"", in, size);
    return 0;
}
