/* buf: a growable byte buffer, always NUL-terminated after its data.
 * The caller owns the struct; dj_buf_free releases the data. */
#ifndef DJ_BUF_H
#define DJ_BUF_H

#include <stddef.h>

struct dj_buf {
    char *data; /* NULL until the first append */
    size_t len;
    size_t cap;
};

#define DJ_BUF_INIT {NULL, 0, 0}

/* Each returns 0, or -1 when memory runs out (the buffer keeps its old data). */
int dj_buf_append(struct dj_buf *b, const void *data, size_t len);
int dj_buf_puts(struct dj_buf *b, const char *s);
int dj_buf_printf(struct dj_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dj_buf_free(struct dj_buf *b);
/* Hands the data over to the caller (who frees it with free()) and resets b. */
char *dj_buf_take(struct dj_buf *b);

#endif
