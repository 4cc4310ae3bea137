/* index_src_honours: 荣誉 as a source of the index engine (issue 16 item 6;
 * core/index_engine registers "honours" for members and branches).
 *
 * The facts are the bureau's honours awarded in the evaluation's period; a
 * member's are those naming them, a branch's those held by the branch itself.
 * As a computed indicator the value is the number of honours; as a bonus
 * indicator each honour adds the points of its level (params "levels":
 * {"national": 5, "province": 4, "city": 3, "county": 2, "bureau": 1} by
 * default, in points), capped by the indicator's maximum.  The explanation
 * names every honour (title, level, issuer, day, points).  The array belongs
 * to the struct: index_honours_free. */
#ifndef DJ_INDEX_SRC_HONOURS_H
#define DJ_INDEX_SRC_HONOURS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/honours.h"

struct index_honour_facts {
    struct dj_honour *items;
    int n;
    bool loaded;
};
/* Loads the honours awarded from first to last, once. */
int index_honours_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                       struct index_honour_facts *f, struct dj_err *err);
/* The honours of one target: their count, *points (hundredths) by the
 * levels of params, and the list of them appended to list (may be NULL). */
int index_honours_of(const struct index_honour_facts *f, bool by_branch, int64_t target, const json_t *params,
                     int64_t *points, json_t *list);
/* A computed indicator's explanation (new reference: {"honours": [...]});
 * *value the count in hundredths, *has always true (none counts 0). */
json_t *index_honours_value(const struct index_honour_facts *f, bool by_branch, int64_t target, bool *has,
                            int64_t *value);
/* A bonus indicator: adds the target's honours' points to *sum, sets
 * detail.honours and detail.source; returns how many. */
int index_honours_bonus(const struct index_honour_facts *f, bool by_branch, int64_t target, const json_t *params,
                        int64_t *sum, json_t *detail);
void index_honours_free(struct index_honour_facts *f);

#endif
