/* static: the files of the built UI (web/dist): correct types, long caching
 * for hashed assets, no-cache for index.html, index.html for every non-API
 * path that is not a file, and a small built-in page until the UI is built.
 * A file with a precompressed copy beside it (NAME.br, NAME.gz, made by the
 * build) is sent as that copy when Accept-Encoding takes it, with
 * Content-Encoding and Vary: Accept-Encoding. */
#ifndef DJ_STATIC_H
#define DJ_STATIC_H

#include <microhttpd.h>
#include <stdbool.h>

/* Builds the response for path under web_root; accept_encoding is the
 * request's Accept-Encoding (NULL: none); *status gets the status.
 * Returns NULL only when memory runs out. */
struct MHD_Response *static_response(const char *web_root, const char *path,
                                     const char *accept_encoding, const char *version,
                                     unsigned int *status);
/* Does the Accept-Encoding header take this content coding (q above 0)? */
bool static_accepts(const char *header, const char *coding);
/* The MIME type for a file name. */
const char *static_mime_type(const char *name);

#endif
