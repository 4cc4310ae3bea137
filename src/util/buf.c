#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dj_buf_reserve(struct dj_buf *b, size_t extra)
{
    if (extra > (size_t)-1 / 2 - b->len)
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int dj_buf_append(struct dj_buf *b, const void *data, size_t len)
{
    if (dj_buf_reserve(b, len) != 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int dj_buf_puts(struct dj_buf *b, const char *s)
{
    return dj_buf_append(b, s, strlen(s));
}

int dj_buf_printf(struct dj_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || dj_buf_reserve(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void dj_buf_free(struct dj_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *dj_buf_take(struct dj_buf *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

int dj_grow(void **items, int *cap, int count, size_t elem)
{
    if (count < *cap)
        return 0;
    int n = *cap ? *cap * 2 : 16;
    if (n <= count || (size_t)n > ((size_t)-1) / elem)
        return -1;
    void *p = realloc(*items, (size_t)n * elem);
    if (!p)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}
