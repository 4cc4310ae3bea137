#include "core/index_src_honours.h"

#include <stdlib.h>
#include <string.h>

#include "core/honours.h"

int index_honours_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                       struct index_honour_facts *f, struct dj_err *err)
{
    if (f->loaded)
        return 0;
    struct dj_honour_filter q = {.bureau_id = bureau_id, .from = first, .to = last};
    f->loaded = true;
    return store_honours_list(db, &q, &f->items, &f->n, err);
}

/* The points (hundredths) of an honour of a level: params.levels or the default 5..1. */
static int64_t level_points(const json_t *params, int level)
{
    json_t *v = json_object_get(json_object_get(params, "levels"), honour_level_name(level));
    if (json_is_number(v) && json_number_value(v) >= 0)
        return (int64_t)(json_number_value(v) * 100.0 + 0.5);
    return level >= 0 && level < HONOUR_LEVELS ? (HONOUR_LEVELS - level) * 100 : 0;
}

int index_honours_of(const struct index_honour_facts *f, bool by_branch, int64_t target, const json_t *params,
                     int64_t *points, json_t *list)
{
    int count = 0;
    *points = 0;
    for (int i = 0; i < f->n; i++) {
        const struct dj_honour *h = &f->items[i];
        if (by_branch ? (h->person_id || h->org_id != target) : h->person_id != target)
            continue;
        int level = honour_level_parse(h->level);
        int64_t p = level_points(params, level);
        count++;
        *points += p;
        if (list)
            json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:f}", "title", h->title, "level", honour_level_label(level), "issuer",
                                                  h->issuer, "awarded_on", h->awarded_on, "points",
                                                  (double)p / 100.0));
    }
    return count;
}

json_t *index_honours_value(const struct index_honour_facts *f, bool by_branch, int64_t target, bool *has,
                            int64_t *value)
{
    json_t *list = json_array();
    int64_t points;
    *value = (int64_t)index_honours_of(f, by_branch, target, NULL, &points, list) * 100;
    *has = true;
    return json_pack("{s:o}", "honours", list);
}

int index_honours_bonus(const struct index_honour_facts *f, bool by_branch, int64_t target, const json_t *params,
                        int64_t *sum, json_t *detail)
{
    json_t *list = json_array();
    int64_t points;
    int n = index_honours_of(f, by_branch, target, params, &points, list);
    *sum += points;
    json_object_set_new(detail, "honours", list);
    json_object_set_new(detail, "source", json_string("获得荣誉"));
    return n;
}

void index_honours_free(struct index_honour_facts *f)
{
    free(f->items);
    memset(f, 0, sizeof *f);
}
