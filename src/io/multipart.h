/* multipart: finds a named part of a multipart/form-data body (RFC 7578),
 * in place: the part's bytes point into the body, nothing is copied or
 * allocated.  Pure; fuzzed by fuzz/fuzz_multipart.c. */
#ifndef DJ_MULTIPART_H
#define DJ_MULTIPART_H

#include <stddef.h>

#include "util/err.h"

struct dj_part {
    const char *data;    /* the part's content (points into the body) */
    size_t len;
    char filename[256];  /* the filename parameter, "" when none */
    char content_type[128];
};

/* Reads the boundary from content_type ("multipart/form-data; boundary=...")
 * and finds the part whose name is field.  DJ_EUNSUPPORTED when the type is
 * not multipart/form-data, DJ_EINVAL when the body is malformed or the field
 * is missing. */
int multipart_find(const char *content_type, const char *body, size_t len, const char *field,
                   struct dj_part *out, struct dj_err *err);

#endif
