/* api_cache: conditional requests and the answer cache of the GET routes
 * that answer lists and records (issue 19).
 *
 * The data's version is the audit chain's head (core/audit's
 * audit_data_version): every change is audited in its own transaction, so a
 * write on any server sharing the database changes it.  An answer is keyed
 * by the caller's scope — user id, linked person and every grant (role,
 * subtree, department), so that an actor resolved from a stale session cache
 * never matches a fresh one — today's date (lists that count windows and
 * warnings change with the day), the path and the whole query.  Its strong
 * ETag is a keyed hash (a subkey of the key file, the same on every server) of
 * the key and the version: If-None-Match that names it is answered 304 before
 * the handler runs.  The cache keeps the JSON text and, from
 * server.gzip_min_bytes on, its gzip (made once), up to cache.max_bytes, the
 * least recently used leaving first; an entry of an older version is replaced.
 *
 * Ownership: http/server makes the cache (api_cache_new) and frees it after
 * the threads stopped.  A kept answer is shared with the answers that send
 * it (reference counted, not copied): http releases each with
 * api_cache_release when MHD is done with it; an evicted entry's bytes live
 * until the last answer sending them is gone. */
#ifndef DJ_API_CACHE_H
#define DJ_API_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "api/api.h"

/* A cache of max_bytes (0: ETags and 304 only, nothing kept); secret (may be
 * NULL or not loaded: then a random key, good for this process only) keys
 * the ETags.  0 or DJ_ENOMEM. */
int api_cache_new(const struct dj_config *cfg, const struct dj_secret *secret,
                  struct api_cache **out);
void api_cache_free(struct api_cache *c);

/* True for a GET whose answer may carry an ETag and be kept: a signed-in
 * route that answers JSON (not the session, a file, a template or an
 * export). */
bool api_cacheable(const struct dj_route *route, const struct dj_request *req);

/* Runs route's handler for a cacheable request through the cache: a 304,
 * a kept answer, or the handler's answer as JSON text with its ETag (kept
 * when it is a 200).  Same return as a handler. */
int api_cached_get(const struct dj_route *route, struct dj_request *req, struct dj_response *resp);

/* Lets go of a kept answer an answer shared (dj_response.shared_ref), once
 * it has been sent; any thread. */
void api_cache_release(void *ref);

/* Counters for tests and the benchmark. */
struct api_cache_stats {
    unsigned long hits, misses, not_modified, entries;
    size_t bytes;
};
void api_cache_stats(struct api_cache *c, struct api_cache_stats *out);

#endif
