/* gzip: a whole body compressed for `Content-Encoding: gzip` (zlib), and
 * whether a request's Accept-Encoding takes it.  Pure; the caller frees
 * what dj_gzip returns. */
#ifndef DJ_GZIP_H
#define DJ_GZIP_H

#include <stdbool.h>
#include <stddef.h>

/* Compresses data[0..len) as one gzip member; *out is malloc'd (caller
 * frees).  0, or -1 when out of memory or zlib fails. */
int dj_gzip(const void *data, size_t len, char **out, size_t *out_len);

/* True when an Accept-Encoding header value accepts gzip (or x-gzip, or *)
 * with a quality above zero. */
bool dj_accepts_gzip(const char *accept_encoding);

#endif
