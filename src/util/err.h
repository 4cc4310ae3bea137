/* err: the one error vocabulary of dangjian.
 *
 * Every function that can fail returns an enum dj_code (DJ_OK == 0) and, when
 * given a non-NULL struct dj_err, fills it with a message for people (Chinese)
 * and, for validation errors, the fields at fault.  The struct is plain memory
 * owned by the caller; nothing in it needs freeing.  The mapping of codes to
 * HTTP statuses lives in one table in http/errmap.c. */
#ifndef DJ_ERR_H
#define DJ_ERR_H

#include <stdbool.h>
#include <stddef.h>

enum dj_code {
    DJ_OK = 0,
    DJ_EINVAL,       /* bad input: 400 invalid */
    DJ_EUNAUTH,      /* no or expired session, wrong password: 401 */
    DJ_EFORBIDDEN,   /* role or scope does not allow it, CSRF: 403 */
    DJ_ENOTFOUND,    /* 404 */
    DJ_EMETHOD,      /* 405 */
    DJ_ECONFLICT,    /* unique violation, stale edit: 409 */
    DJ_ETOOLARGE,    /* body over the limit: 413 */
    DJ_EUNSUPPORTED, /* unsupported media type: 415 */
    DJ_ERATELIMIT,   /* too many attempts: 429 */
    DJ_EUNAVAILABLE, /* database gone for the moment: 503 */
    DJ_EDB,          /* database error: 500 */
    DJ_ENOMEM,       /* out of memory: 500 */
    DJ_EIO,          /* file or system error: 500 */
    DJ_EINTERNAL,    /* anything else: 500 */
    DJ_CODE_COUNT
};

#define DJ_ERR_MAX_FIELDS 16

struct dj_err_field {
    char name[64];
    char message[192];
};

struct dj_err {
    enum dj_code code;
    char message[320];
    int nfields;
    struct dj_err_field fields[DJ_ERR_MAX_FIELDS];
    /* a refusal that core already wrote to the audit trail with its own
     * record: api then writes no generic "denied" record beside it */
    bool audited;
};

/* Clears err (may be NULL). */
void dj_err_clear(struct dj_err *err);

/* Sets code and a printf-style message (and clears audited); returns code so
 * that callers can write `return dj_err_set(err, DJ_EINVAL, "...")`.  err may
 * be NULL. */
int dj_err_set(struct dj_err *err, enum dj_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds a field message to a validation error and sets the code to DJ_EINVAL
 * (with a generic message if none was set).  Returns DJ_EINVAL. */
int dj_err_field(struct dj_err *err, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Stable English name of a code ("invalid", "not_found", ...). */
const char *dj_code_name(enum dj_code code);

#endif
