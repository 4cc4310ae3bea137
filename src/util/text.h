/* text: small string helpers shared by every layer. */
#ifndef DJ_TEXT_H
#define DJ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF, no NUL bytes). */
bool dj_utf8_valid(const char *s, size_t len);

/* Cuts a string that vsnprintf may have cut inside a UTF-8 sequence back
 * to the last whole character, so that it stays valid for JSON. */
void dj_utf8_trim_partial(char *s);

/* Number of Unicode code points in a valid UTF-8 string. */
size_t dj_utf8_length(const char *s);

/* Parses a whole decimal integer; 0 on success, -1 when s is not one. */
int dj_parse_int64(const char *s, int64_t *out);

/* Parses a decimal with at most two places ("87", "87.5", "-3.25", " 90 ")
 * into hundredths (8750); -1 for anything else or beyond ±10^13. */
int dj_parse_centi(const char *s, int64_t *out);
/* Writes hundredths as a decimal with two places ("87.50", "-0.05"). */
void dj_format_centi(int64_t v, char *buf, size_t size);

/* Percent-decodes src[0..len) into a new NUL-terminated string (caller frees);
 * '+' becomes a space when plus_is_space.  NULL on a bad escape, an embedded
 * NUL or no memory. */
char *dj_percent_decode(const char *src, size_t len, bool plus_is_space);

/* Constant-time comparison of two NUL-terminated strings. */
bool dj_str_equal_ct(const char *a, const char *b);

/* Copies a database URL into out with any password replaced by "***"
 * (postgresql://user:secret@host/db -> postgresql://user:***@host/db),
 * so that URLs can be printed and logged. */
void dj_url_redact(const char *url, char *out, size_t size);

/* True when a query parameter of this name may carry a secret or a
 * confidential value (password, token, secret, key, csrf, session, id_number…):
 * its value is never logged. */
bool dj_query_name_secret(const char *name);
/* Appends "?name=value" (or "&name=value" after the first) to the
 * NUL-terminated out of size bytes, for a log line: the value is "***" when
 * dj_query_name_secret(name), and spaces, control characters, '%', '&', '=',
 * '"' and '\\' are percent-encoded so that a value cannot forge a field or a
 * line.  A pair that does not fit is dropped and "…" ends the text. */
void dj_query_log_append(char *out, size_t size, const char *name, const char *value);

/* Copies src into dst of size bytes, cut to fit (at a whole UTF-8
 * character) and always terminated; faster than snprintf("%s"). */
void dj_copy(char *dst, size_t size, const char *src);

/* strdup that checks for NULL input. */
char *dj_strdup(const char *s);

#endif
