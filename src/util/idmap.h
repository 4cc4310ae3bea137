/* idmap: ids of one database to ids of another (a moved row's old id to its
 * new one), or a set of ids (any non-zero value).  Filled in any order and
 * read by binary search (sorted on the first read after an out-of-order
 * put).  Plain memory owned by the caller: zero-initialise, free with
 * dj_idmap_free. */
#ifndef DJ_IDMAP_H
#define DJ_IDMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "util/err.h"

struct dj_idpair {
    int64_t from, to;
};
struct dj_idmap {
    struct dj_idpair *p;
    int n, cap;
    bool unsorted;
};

/* Adds from -> to (to non-zero); DJ_ENOMEM when memory runs out. */
int dj_idmap_put(struct dj_idmap *m, int64_t from, int64_t to, struct dj_err *err);
/* The value of from, or 0 when absent. */
int64_t dj_idmap_get(struct dj_idmap *m, int64_t from);
void dj_idmap_free(struct dj_idmap *m);

#endif
