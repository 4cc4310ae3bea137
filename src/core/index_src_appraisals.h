/* index_src_appraisals: the 民主评议 sources of the index engine
 * (core/index_engine registers them).  An appraisal counts in the period
 * that contains 31 December of its year, once the branch has graded it.
 *   appraisal_grade (member): the grade as a rank, 优秀 4, 合格 3, 基本合格 2,
 *     不合格 1 (in hundredths: 400 … 100); none for a 预备党员 or one not
 *     appraised; the latest year when the period holds several.
 *   appraisal_excellent_rate (branch): of its members graded, the share
 *     graded 优秀, in hundredths of a percent (half up).
 * The explanation names each appraisal (year, branch, grade, day graded;
 * no ids).  The array belongs to the struct: index_appraisals_free. */
#ifndef DJ_INDEX_SRC_APPRAISALS_H
#define DJ_INDEX_SRC_APPRAISALS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/appraisals.h"

struct index_appraisal_facts {
    struct dj_appraisal_grade *g; /* by person, then year */
    int n;
    bool loaded;
};

/* Loads the graded appraisals of the period once. */
int index_appraisals_load(struct dj_db *db, int64_t bureau_id, const char *first, const char *last,
                          struct index_appraisal_facts *f, struct dj_err *err);
/* The explanation of one target (new reference); *has and *value as the engine's raw values. */
json_t *index_appraisals_value(const struct index_appraisal_facts *f, bool by_branch, int64_t target, bool *has,
                               int64_t *value);
void index_appraisals_free(struct index_appraisal_facts *f);

#endif
