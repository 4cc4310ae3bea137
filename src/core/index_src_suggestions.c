#include "core/index_src_suggestions.h"

#include <stdlib.h>
#include <string.h>

int index_suggestions_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                           struct index_suggestion_facts *f, struct dj_err *err)
{
    if (f->loaded)
        return 0;
    f->loaded = true;
    return store_suggestion_facts(db, bureau_id, first, last, &f->items, &f->n, err);
}

json_t *index_suggestions_value(const struct index_suggestion_facts *f, bool adopted_only, bool by_branch,
                                int64_t target, bool *has, int64_t *value)
{
    json_t *list = json_array();
    int64_t count = 0;
    for (int i = 0; i < f->n; i++) {
        const struct dj_suggestion_fact *s = &f->items[i];
        if ((by_branch ? s->branch_id : s->person_id) != target)
            continue;
        if (adopted_only && strcmp(s->decision, "adopted"))
            continue;
        count++;
        json_t *item = json_pack("{s:I, s:s, s:s, s:s}", "suggestion_id", (json_int_t)s->id, "submitted_on",
                                 s->submitted_on, "title", s->title, "status",
                                 *s->decision ? s->decision : "pending");
        if (by_branch)
            json_object_set_new(item, "person_id", json_integer(s->person_id));
        json_array_append_new(list, item);
    }
    *has = true;
    *value = count * 100;
    return json_pack("{s:I, s:o}", adopted_only ? "adopted" : "suggestions", (json_int_t)count, "items", list);
}

void index_suggestions_free(struct index_suggestion_facts *f)
{
    free(f->items);
    f->items = NULL;
    f->n = 0;
}
