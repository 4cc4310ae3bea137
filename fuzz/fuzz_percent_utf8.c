/* libFuzzer target: UTF-8 validation (util/text dj_utf8_valid, dj_utf8_length,
 * dj_utf8_trim_partial) and percent-decoding (dj_percent_decode). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    bool valid = dj_utf8_valid(s, size);
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    if (valid) {
        if (memchr(data, 0, size) || dj_utf8_length(copy) > size)
            __builtin_trap();
    }
    /* cutting anything back to a whole character leaves valid UTF-8 when the
     * string was valid, and never makes it longer */
    size_t before = strlen(copy);
    dj_utf8_trim_partial(copy);
    size_t after = strlen(copy);
    if (after > before || (valid && !dj_utf8_valid(copy, after)))
        __builtin_trap();
    free(copy);
    for (int plus = 0; plus < 2; plus++) {
        char *d = dj_percent_decode(s, size, plus);
        if (d) {
            size_t n = strlen(d);
            if (n > size)
                __builtin_trap();
            /* decoding shrinks: an escape "%xx" is one byte */
            if (!memchr(data, '%', size) && n != size)
                __builtin_trap();
            free(d);
        }
    }
    return 0;
}
