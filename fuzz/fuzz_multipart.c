/* libFuzzer target: multipart/form-data bodies. */
#include <stdint.h>
#include <string.h>

#include "io/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dj_part part;
    const char *body = (const char *)data;
    if (multipart_find("multipart/form-data; boundary=XyZ", body, size, "file", &part, NULL) == 0) {
        /* the part lies inside the body */
        if (part.data < body || part.data + part.len > body + size)
            __builtin_trap();
    }
    multipart_find("multipart/form-data; boundary=\"q\"", body, size, "file", &part, NULL);
    return 0;
}
