/* index_src_suggestions: the facts of the index engine's computed sources
 * suggestions_made and suggestions_adopted (core/index_engine registers
 * them): the bureau's suggestions (core/suggestions) made in the period, per
 * target — a member by what they made, a branch by what its members made
 * while in it — counted with every suggestion named.  The array belongs to
 * the struct: index_suggestions_free. */
#ifndef DJ_INDEX_SRC_SUGGESTIONS_H
#define DJ_INDEX_SRC_SUGGESTIONS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/ideas.h"

struct index_suggestion_facts {
    struct dj_suggestion_fact *items;
    int n;
    bool loaded;
};

/* Loads the suggestions made from first to last, once. */
int index_suggestions_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                           struct index_suggestion_facts *f, struct dj_err *err);
/* The explanation of one target (new reference): {suggestions | adopted: n,
 * items: [{suggestion_id, submitted_on, title, status (, person_id)}]};
 * *value the count in hundredths; *has is always true (none counts 0). */
json_t *index_suggestions_value(const struct index_suggestion_facts *f, bool adopted_only, bool by_branch,
                                int64_t target, bool *has, int64_t *value);
void index_suggestions_free(struct index_suggestion_facts *f);

#endif
