#include "util/idmap.h"

#include <stdlib.h>

#include "util/buf.h"

int dj_idmap_put(struct dj_idmap *m, int64_t from, int64_t to, struct dj_err *err)
{
    if (dj_grow((void **)&m->p, &m->cap, m->n, sizeof *m->p))
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (m->n && m->p[m->n - 1].from >= from)
        m->unsorted = true;
    m->p[m->n++] = (struct dj_idpair){from, to};
    return 0;
}

static int cmp_pair(const void *a, const void *b)
{
    int64_t x = ((const struct dj_idpair *)a)->from, y = ((const struct dj_idpair *)b)->from;
    return (x > y) - (x < y);
}

int64_t dj_idmap_get(struct dj_idmap *m, int64_t from)
{
    if (m->unsorted) {
        qsort(m->p, (size_t)m->n, sizeof *m->p, cmp_pair);
        m->unsorted = false;
    }
    struct dj_idpair key = {from, 0};
    const struct dj_idpair *hit = m->n ? bsearch(&key, m->p, (size_t)m->n, sizeof *m->p, cmp_pair) : NULL;
    return hit ? hit->to : 0;
}

void dj_idmap_free(struct dj_idmap *m)
{
    free(m->p);
    m->p = NULL;
    m->n = m->cap = 0;
    m->unsorted = false;
}
