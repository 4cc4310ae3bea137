/* libFuzzer target: UTF-8 validation and percent-decoding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    bool valid = dj_utf8_valid(s, size);
    if (valid && size < 4096) {
        char *copy = malloc(size + 1);
        if (!copy)
            return 0;
        memcpy(copy, data, size);
        copy[size] = '\0';
        if (dj_utf8_length(copy) > size)
            __builtin_trap();
        free(copy);
    }
    char *d = dj_percent_decode(s, size, true);
    if (d) {
        if (strlen(d) > size)
            __builtin_trap();
        free(d);
    }
    return 0;
}
