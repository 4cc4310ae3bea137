/* libFuzzer target: table_read on arbitrary bytes (xlsx through libzip and
 * expat, xls through freexl, CSV in UTF-8 or GB18030), then table_free.
 * Seed the corpus (build/fuzz/corpus/fuzz_table) with the fixtures to reach
 * the workbook parsers quickly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dj_table t;
    struct dj_err err;
    dj_err_clear(&err);
    int rc = table_read(data, size, &t, &err);
    if (rc == 0) {
        /* every row within the limits, every cell a string */
        if (t.nrows > TABLE_MAX_ROWS || (t.nrows > 0) != (t.rows != NULL))
            __builtin_trap();
        for (int i = 0; i < t.nrows; i++) {
            if (t.rows[i].ncells < 0 || t.rows[i].ncells > TABLE_MAX_COLS || t.rows[i].line < 1)
                __builtin_trap();
            for (int c = 0; c < t.rows[i].ncells; c++)
                if (strlen(t.rows[i].cells[c]) > TABLE_MAX_CELL_BYTES)
                    __builtin_trap();
        }
    } else if (err.message[0] == '\0' || t.nrows != 0 || t.rows != NULL) {
        __builtin_trap(); /* an error always says why and leaves nothing behind */
    }
    table_free(&t);
    return 0;
}
