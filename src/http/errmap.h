/* errmap: the one table from enum dj_code to HTTP status and the error
 * body of API.md: {"error": {"code", "message", "fields"}}. */
#ifndef DJ_ERRMAP_H
#define DJ_ERRMAP_H

#include <jansson.h>

#include "util/err.h"

int errmap_status(enum dj_code code);
/* A new JSON error body.  Internal errors never show their message. */
json_t *errmap_body(const struct dj_err *err);

#endif
