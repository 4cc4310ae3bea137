#include "core/index_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/evaluations.h"
#include "io/table.h"
#include "store/indexes.h"
#include "store/people.h"
#include "util/text.h"

static void import_error(json_t *errors, int row, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void import_error(json_t *errors, int row, const char *column, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_array_append_new(errors, json_pack("{s:i, s:s, s:s}", "row", row, "column", column,
                                            "message", msg));
}

int evaluations_import(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       const void *data, size_t len, bool dry_run, json_t **result,
                       struct dj_err *err)
{
    struct dj_evaluation e;
    int rc = evaluations_get_managed(db, actor, id, &e, err);
    if (rc)
        return rc;
    if (!evaluations_scores_open(&e))
        return dj_err_set(err, DJ_ECONFLICT, "考评已进入公示或定稿，不能导入");
    struct dj_scheme s;
    struct dj_table t;
    memset(&t, 0, sizeof t);
    struct dj_index_target *ts = NULL;
    struct dj_score_entry *adds = NULL;
    int nts = 0, nadd = 0, rows = 0;
    json_t *errors = json_array();
    if ((rc = store_scheme_get(db, e.scheme_id, &s, err)))
        goto done_noscheme;
    if ((rc = table_read(data, len, &t, err)) ||
        (rc = store_index_targets(db, e.bureau_id, e.target, e.first_day, e.last_day, &ts, &nts, err)))
        goto done;
    const char *key_title = !strcmp(e.target, "member") ? "工号" : !strcmp(e.target, "branch") ? "党支部" : "科室";
    int header = -1, key_col = -1;
    int col_ind[TABLE_MAX_COLS];
    int ncols_found = 0;
    for (int r = 0; r < t.nrows && r < 20 && header < 0; r++) {
        key_col = -1;
        ncols_found = 0;
        for (int c = 0; c < t.rows[r].ncells && c < TABLE_MAX_COLS; c++) {
            col_ind[c] = -1;
            const char *cell = t.rows[r].cells[c];
            if (!strcmp(cell, key_title))
                key_col = c;
            for (int i = 0; i < s.nind; i++)
                if (!strcmp(s.ind[i].kind, "imported") &&
                    (!strcmp(cell, s.ind[i].name) || !strcmp(cell, s.ind[i].code))) {
                    col_ind[c] = i;
                    ncols_found++;
                }
        }
        if (key_col >= 0 && ncols_found > 0)
            header = r;
    }
    if (header < 0) {
        import_error(errors, t.nrows ? t.rows[0].line : 1, key_title,
                     "找不到表头：应有“%s”列和至少一个导入指标的列（用指标名称或代码作列名）", key_title);
        goto done;
    }
    adds = calloc((size_t)(t.nrows + 1) * (size_t)(ncols_found + 1), sizeof *adds);
    if (!adds) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto done;
    }
    for (int r = header + 1; r < t.nrows; r++) {
        const struct dj_table_row *row = &t.rows[r];
        const char *key = key_col < row->ncells ? row->cells[key_col] : "";
        if (!*key)
            continue;
        rows++;
        const struct dj_index_target *target = NULL;
        for (int i = 0; i < nts && !target; i++) {
            if (!strcmp(e.target, "member")) {
                struct dj_person p;
                struct dj_err lookup;
                dj_err_clear(&lookup);
                if (ts[i].id && store_person_get(db, ts[i].id, &p, &lookup) == 0 && !strcmp(p.staff_no, key))
                    target = &ts[i];
            } else if (!strcmp(ts[i].name, key)) {
                target = &ts[i];
            }
        }
        if (!target) {
            import_error(errors, row->line, key_title, "“%s”不在本期考评对象中", key);
            continue;
        }
        for (int j = 0; j < nadd; j++)
            if (adds[j].target_id == target->id) {
                import_error(errors, row->line, key_title, "“%s”在文件中出现了两次", key);
                target = NULL;
                break;
            }
        if (!target)
            continue;
        for (int c = 0; c < row->ncells && c < TABLE_MAX_COLS; c++) {
            if (c >= t.rows[header].ncells || col_ind[c] < 0 || !*row->cells[c])
                continue;
            const struct dj_indicator *d = &s.ind[col_ind[c]];
            int64_t v;
            if (dj_parse_centi(row->cells[c], &v) || v < 0) {
                import_error(errors, row->line, t.rows[header].cells[c],
                             "“%s”应为不小于 0 的数，最多两位小数", row->cells[c]);
                continue;
            }
            struct dj_score_entry *a = &adds[nadd++];
            a->evaluation_id = id;
            a->target_id = target->id;
            a->indicator_id = d->id;
            a->points = v;
            a->entered_by = actor->user.id;
            snprintf(a->reason, sizeof a->reason, "导入：%s", d->name);
        }
    }
    if (json_array_size(errors) == 0 && !dry_run && nadd > 0) {
        int targets = 0;
        json_t *after = json_pack("{s:i, s:i}", "rows", rows, "values", nadd);
        if ((rc = db_begin_write(db, err)) == 0) {
            for (int i = 0; i < nadd && !rc; i++)
                if (!(rc = store_entries_clear(db, id, adds[i].target_id, adds[i].indicator_id, err)))
                    rc = store_entry_insert(db, &adds[i], err);
            if (rc || (rc = evaluations_recompute(db, &e, &targets, err)) ||
                (rc = audit_record(db, actor, "import", "evaluation", id, e.bureau_id, NULL, after, err)) ||
                (rc = db_commit(db, err)))
                db_rollback(db);
        }
        json_decref(after);
    }
done:
    if (!rc) {
        bool failed = json_array_size(errors) > 0;
        *result = json_pack("{s:i, s:i, s:b, s:O}", "rows", rows, "updated", failed ? 0 : nadd,
                            "dry_run", dry_run, "errors", errors);
    }
    store_scheme_free(&s);
done_noscheme:
    json_decref(errors);
    table_free(&t);
    free(ts);
    free(adds);
    return rc;
}
