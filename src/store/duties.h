/* store/duties: rows of duty_docs and duty_items (migration 034): the
 * 主体责任清单 and 党建责任书 of a bureau's year.  Plain structs filled from
 * rows; lists are arrays the caller frees.  Writes run inside the caller's
 * transaction.  A bureau has tens of documents a year: lists return every
 * row of the filter and core pages. */
#ifndef DJ_STORE_DUTIES_H
#define DJ_STORE_DUTIES_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_duty_doc {
    int64_t id, bureau_id;
    char kind[8]; /* list | letter */
    int year;
    char title[400];
    char role[8];                   /* first | dual | branch | "" */
    int64_t person_id;              /* 0 = none */
    char person_name[64];
    int64_t org_id;                 /* the bureau's root, or a letter's branch */
    char org_name[128], org_path[256];
    int64_t department_id;          /* 0 = none */
    char department_name[128];
    char signed_on[11];             /* "" = not signed */
    char removed_on[11];            /* "" = in force */
    char removed_reason[400];
    /* the items' counts: all, checked, and by result */
    int items, checked, done, partly, not_done;
    char created_at[32], updated_at[32];
};

struct dj_duty_filter {
    int64_t bureau_id;
    const char *kind;   /* NULL = any */
    int year;           /* 0 = any */
    int64_t person_id;  /* 0 = any */
    int64_t org_id;     /* 0 = any */
    bool removed;       /* the removed ones instead of those in force */
};

struct dj_duty_item {
    int64_t id, bureau_id, doc_id;
    int seq;
    char category[40];
    char content[2000];
    char result[12]; /* "" | done | partly | not_done */
    char result_note[1000];
    int64_t checked_by;
    char checked_by_name[64];
    char checked_on[11];
    char created_at[32], updated_at[32];
};

int store_duty_docs_list(struct dj_db *db, const struct dj_duty_filter *f, struct dj_duty_doc **items,
                         int *count, struct dj_err *err);
int store_duty_doc_get(struct dj_db *db, int64_t id, struct dj_duty_doc *d, struct dj_err *err);
int store_duty_doc_insert(struct dj_db *db, struct dj_duty_doc *d, int64_t created_by,
                          struct dj_err *err);
/* Writes title, role, person, organisation, department and signed_on. */
int store_duty_doc_update(struct dj_db *db, struct dj_duty_doc *d, struct dj_err *err);
int store_duty_doc_remove(struct dj_db *db, int64_t id, const char *removed_on, const char *reason,
                          struct dj_err *err);

/* The items of a document in their order. */
int store_duty_items_list(struct dj_db *db, int64_t doc_id, struct dj_duty_item **items, int *count,
                          struct dj_err *err);
int store_duty_item_get(struct dj_db *db, int64_t id, struct dj_duty_item *it, struct dj_err *err);
/* seq 0 appends after the document's last item. */
int store_duty_item_insert(struct dj_db *db, struct dj_duty_item *it, struct dj_err *err);
/* Writes seq, category and content. */
int store_duty_item_update(struct dj_db *db, struct dj_duty_item *it, struct dj_err *err);
/* Writes the year-end check (result "" clears it). */
int store_duty_item_check(struct dj_db *db, struct dj_duty_item *it, struct dj_err *err);

#endif
