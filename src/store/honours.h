/* store/honours: the honours table (migration 028).  Plain structs owned by
 * the caller; lists are arrays the caller frees.  Writes run inside the
 * caller's transaction. */
#ifndef DJ_STORE_HONOURS_H
#define DJ_STORE_HONOURS_H

#include <stdint.h>

#include "store/db.h"

struct dj_honour {
    int64_t id;
    int64_t bureau_id;
    int64_t org_id;     /* the bureau's root, a branch, or the person's branch */
    char org_name[128];
    char org_path[160];
    int64_t person_id;  /* 0: an honour of the organisation */
    char person_name[64];
    char title[256];
    char level[16];     /* national, province, city, county, bureau */
    char issuer[256];
    char awarded_on[11];
    char note[608];
    char created_at[32];
    char updated_at[32];
};
struct dj_honour_filter {
    int64_t bureau_id;
    const char *org_path; /* honours held in this subtree (NULL: the bureau) */
    int64_t person_id;    /* 0: any */
    const char *level;    /* NULL: any */
    const char *from, *to; /* awarded_on bounds, NULL: open */
    const char *q;        /* title or issuer contains */
};
/* Every honour of the filter, newest first. */
int store_honours_list(struct dj_db *db, const struct dj_honour_filter *f, struct dj_honour **items, int *count,
                       struct dj_err *err);
int store_honour_get(struct dj_db *db, int64_t id, struct dj_honour *h, struct dj_err *err);
int store_honour_insert(struct dj_db *db, struct dj_honour *h, int64_t created_by, struct dj_err *err);
int store_honour_update(struct dj_db *db, struct dj_honour *h, struct dj_err *err);
int store_honour_delete(struct dj_db *db, int64_t id, struct dj_err *err);

#endif
