#include "core/index_src_appraisals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/appraisal_rules.h"

int index_appraisals_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                          struct index_appraisal_facts *f, struct dj_err *err)
{
    if (f->loaded)
        return 0;
    f->loaded = true;
    /* the years whose 31 December lies in first..last */
    int from = atoi(first), to = atoi(last);
    if (strcmp(last + 4, "-12-31") < 0)
        to--;
    if (from > to)
        return 0;
    return store_appraisal_grades(db, bureau_id, from, to, &f->g, &f->n, err);
}

json_t *index_appraisals_value(const struct index_appraisal_facts *f, bool by_branch, int64_t target, bool *has,
                               int64_t *value)
{
    json_t *list = json_array();
    int graded = 0, excellent = 0;
    *has = false;
    *value = 0;
    for (int i = 0; i < f->n; i++) {
        const struct dj_appraisal_grade *g = &f->g[i];
        if ((by_branch ? g->org_id : g->person_id) != target || !*g->grade)
            continue;
        graded++;
        excellent += appraisal_grade_rank(g->grade) == 4;
        if (!by_branch) {
            /* rows come by person, then year: the last one wins */
            *has = true;
            *value = appraisal_grade_rank(g->grade) * 100;
            json_array_append_new(list, json_pack("{s:i, s:s, s:s, s:s}", "year", g->year, "branch", g->org_name,
                                                  "grade", g->grade, "graded_on", g->graded_on));
        }
    }
    if (by_branch) {
        if (graded) {
            *has = true;
            *value = ((int64_t)excellent * 20000 + graded) / (2 * graded);
        }
        json_decref(list);
        return json_pack("{s:i, s:i}", "graded", graded, "excellent", excellent);
    }
    return json_pack("{s:o}", "appraisals", list);
}

void index_appraisals_free(struct index_appraisal_facts *f)
{
    free(f->g);
    f->g = NULL;
    f->n = 0;
}
