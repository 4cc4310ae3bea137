/* static: the files of the built UI (web/dist): correct types, long caching
 * for hashed assets, no-cache for index.html, index.html for every non-API
 * path that is not a file, and a small built-in page until the UI is built. */
#ifndef DJ_STATIC_H
#define DJ_STATIC_H

#include <microhttpd.h>

/* Builds the response for path under web_root; *status gets the status.
 * Returns NULL only when memory runs out. */
struct MHD_Response *static_response(const char *web_root, const char *path, const char *version,
                                     unsigned int *status);
/* The MIME type for a file name. */
const char *static_mime_type(const char *name);

#endif
