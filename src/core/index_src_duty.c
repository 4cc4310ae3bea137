#include "core/index_src_duty.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/date.h"

int index_duty_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                    struct index_duty_facts *f, struct dj_err *err)
{
    if (f->loaded)
        return 0;
    f->loaded = true;
    char today[DJ_DATE_LEN], until[20];
    dj_date_today(NULL, today);
    snprintf(until, sizeof until, "%.10sT23:59", today); /* a shift counts once it has ended */
    return store_duty_facts(db, bureau_id, NULL, first, last, until, &f->items, &f->n, err);
}

json_t *index_duty_value(const struct index_duty_facts *f, bool by_branch, int64_t target, bool *has, int64_t *value)
{
    json_t *list = json_array();
    int64_t minutes = 0;
    for (int i = 0; i < f->n; i++) {
        const struct dj_duty_fact *d = &f->items[i];
        if ((by_branch ? d->branch_id : d->person_id) != target)
            continue;
        minutes += d->minutes;
        json_t *item = json_pack("{s:I, s:s, s:s, s:f}", "assignment_id", (json_int_t)d->assignment_id, "starts_at",
                                 d->starts_at, "title", d->title, "hours", (double)d->minutes / 60.0);
        if (by_branch)
            json_object_set_new(item, "person_id", json_integer(d->person_id));
        json_array_append_new(list, item);
    }
    *has = true;
    *value = (minutes * 100 + 30) / 60;
    return json_pack("{s:f, s:o}", "duty_hours", (double)*value / 100.0, "shifts", list);
}

void index_duty_free(struct index_duty_facts *f)
{
    free(f->items);
    f->items = NULL;
    f->n = 0;
}
