/* fuzz/table_check: the invariants every table_read result keeps, shared by
 * the CSV, xlsx and xls fuzzers (header-only, fuzz targets only). */
#ifndef DJ_FUZZ_TABLE_CHECK_H
#define DJ_FUZZ_TABLE_CHECK_H

#include <stdbool.h>
#include <string.h>

#include "io/table.h"
#include "util/text.h"

/* The invariants of a reader's answer rc with table t and error err (rows in
 * order unless in_any_order); frees t. */
static inline void table_result_check(int rc, struct dj_table *tp, const struct dj_err *errp,
                                      bool in_any_order)
{
    struct dj_table t = *tp;
    struct dj_err err = *errp;
    if (rc == 0) {
        /* every row within the limits, every cell valid UTF-8 */
        if (t.nrows > TABLE_MAX_ROWS || (t.nrows > 0) != (t.rows != NULL))
            __builtin_trap();
        int last = 0;
        for (int i = 0; i < t.nrows; i++) {
            const struct dj_table_row *r = &t.rows[i];
            if (r->ncells < 0 || r->ncells > TABLE_MAX_COLS || r->line < 1)
                __builtin_trap();
            /* CSV lines and the rows freexl hands over come in order; an xlsx
             * lists its rows in any order it likes */
            if (!in_any_order && r->line <= last)
                __builtin_trap();
            last = r->line;
            for (int c = 0; c < r->ncells; c++) {
                size_t n = strlen(r->cells[c]);
                if (n > TABLE_MAX_CELL_BYTES || !dj_utf8_valid(r->cells[c], n))
                    __builtin_trap();
            }
        }
    } else if (err.message[0] == '\0' || t.nrows != 0 || t.rows != NULL) {
        __builtin_trap(); /* an error always says why and leaves nothing behind */
    }
    table_free(tp);
}

/* Runs table_read on data and checks what comes back; returns its code.
 * format, encoding: what the input must have been read as when rc == 0
 * (encoding NULL: any). */
static inline int table_check(const void *data, size_t size, const char *format,
                              const char *encoding)
{
    struct dj_table t;
    struct dj_err err;
    dj_err_clear(&err);
    int rc = table_read(data, size, &t, &err);
    if (rc == 0 && (strcmp(t.format, format) != 0 || (encoding && strcmp(t.encoding, encoding) != 0)))
        __builtin_trap();
    table_result_check(rc, &t, &err, strcmp(format, "xlsx") == 0);
    return rc;
}

#endif
