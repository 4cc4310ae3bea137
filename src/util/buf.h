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
/* Makes room for extra more bytes at once (a list that knows its size grows
 * once instead of doubling through reallocations). */
int dj_buf_reserve(struct dj_buf *b, size_t extra);
void dj_buf_free(struct dj_buf *b);
/* Hands the data over to the caller (who frees it with free()) and resets b. */
char *dj_buf_take(struct dj_buf *b);

/* Grows an array of elem-byte items to hold one more than count, doubling
 * *cap as needed (from 16).  *items may be NULL at first.  Returns 0, or -1
 * when memory runs out (the array is left as it was). */
int dj_grow(void **items, int *cap, int count, size_t elem);

#endif
