#include "util/gzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

int dj_gzip(const void *data, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip header and trailer instead of zlib's; level 5 is
     * nearly level 6's size for JSON at a good part less time */
    if (deflateInit2(&z, 5, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    uLong bound = deflateBound(&z, (uLong)len);
    char *buf = malloc(bound);
    if (!buf) {
        deflateEnd(&z);
        return -1;
    }
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)buf;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_FINISH);
    size_t n = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(buf);
        return -1;
    }
    *out = buf;
    *out_len = n;
    return 0;
}

/* The q of one coding's parameters (";q=0.5"); 1 when absent. */
static double quality(const char *params, const char *end)
{
    const char *q = params;
    while (q < end && (q = memchr(q, ';', (size_t)(end - q))) != NULL) {
        q++;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (end - q >= 2 && (q[0] == 'q' || q[0] == 'Q') && q[1] == '=')
            return strtod(q + 2, NULL);
    }
    return 1.0;
}

bool dj_accepts_gzip(const char *accept_encoding)
{
    if (!accept_encoding)
        return false;
    bool star = false, gzip = false, gzip_seen = false;
    const char *p = accept_encoding;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *start = p;
        while (*p && *p != ',')
            p++;
        const char *name_end = start;
        while (name_end < p && *name_end != ';' && *name_end != ' ' && *name_end != '\t')
            name_end++;
        size_t n = (size_t)(name_end - start);
        double q = quality(name_end, p);
        if ((n == 4 && strncasecmp(start, "gzip", 4) == 0) ||
            (n == 6 && strncasecmp(start, "x-gzip", 6) == 0)) {
            gzip_seen = true;
            gzip = q > 0;
        } else if (n == 1 && *start == '*') {
            star = q > 0;
        }
    }
    return gzip_seen ? gzip : star;
}
