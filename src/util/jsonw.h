/* jsonw: a small JSON writer for flat records, straight into a dj_buf.
 *
 * Strings are escaped exactly as jansson's json_dumps does with the flags
 * the server uses (JSON_COMPACT, no JSON_ENSURE_ASCII, no
 * JSON_ESCAPE_SLASH): '"' and '\\' and \b \f \n \r \t by name, other bytes
 * below 0x20 as \u00XX (upper-case hex), everything else (DEL, any UTF-8,
 * U+2028) as it is; tests/unit/test_jsonw.c compares both.  A string that is
 * not valid UTF-8 (which jansson would refuse) is written with each bad byte
 * as U+FFFD.  The writer puts ',' between members by itself: the caller says
 * where objects and arrays begin and end.  Each call returns 0, or -1 when
 * memory runs out (the buffer then holds a cut text; throw it away). */
#ifndef DJ_JSONW_H
#define DJ_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

struct jsonw {
    struct dj_buf *out;
    bool need_comma; /* a value was written at this level */
    int failed;      /* -1 once memory ran out */
};

void jsonw_init(struct jsonw *w, struct dj_buf *out);
int jsonw_begin_object(struct jsonw *w);
int jsonw_end_object(struct jsonw *w);
int jsonw_begin_array(struct jsonw *w);
int jsonw_end_array(struct jsonw *w);
/* A member's key (before its value). */
int jsonw_key(struct jsonw *w, const char *key);
int jsonw_string(struct jsonw *w, const char *s);
int jsonw_int(struct jsonw *w, int64_t v);
int jsonw_bool(struct jsonw *w, bool v);
int jsonw_null(struct jsonw *w);
/* Shorthands for a member: key and value; _opt_ writes null for "" or 0. */
int jsonw_kv_string(struct jsonw *w, const char *key, const char *s);
int jsonw_kv_opt_string(struct jsonw *w, const char *key, const char *s);
int jsonw_kv_int(struct jsonw *w, const char *key, int64_t v);
int jsonw_kv_opt_int(struct jsonw *w, const char *key, int64_t v);
int jsonw_kv_bool(struct jsonw *w, const char *key, bool v);
int jsonw_kv_null(struct jsonw *w, const char *key);

/* Appends s escaped as a JSON string (with its quotes) to b. */
int jsonw_escape(struct dj_buf *b, const char *s, size_t len);

#endif
