/* index_src_duty: the facts of the index engine's computed source
 * duty_hours (core/index_engine registers it): served duty (core/duty) of
 * shifts starting in the period and ended by today, not marked absent, per
 * target — a member by their own, a branch by what its members served while
 * in it — with every shift named.  The array belongs to the struct. */
#ifndef DJ_INDEX_SRC_DUTY_H
#define DJ_INDEX_SRC_DUTY_H

#include <jansson.h>
#include <stdbool.h>

#include "store/duty.h"

struct index_duty_facts {
    struct dj_duty_fact *items;
    int n;
    bool loaded;
};

int index_duty_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                    struct index_duty_facts *f, struct dj_err *err);
/* {duty_hours, shifts: [{assignment_id, starts_at, title, hours (, person_id)}]}; *value hours in hundredths. */
json_t *index_duty_value(const struct index_duty_facts *f, bool by_branch, int64_t target, bool *has, int64_t *value);
void index_duty_free(struct index_duty_facts *f);

#endif
