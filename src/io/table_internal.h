/* io/table_internal: what table.c shares with its readers (xlsx_read.c,
 * xls_read.c, csv_read.c); not for use outside src/io.
 *
 * A reader fills the table row by row through a builder, which enforces the
 * limits of table.h, fills gaps between cells with "" and owns the memory
 * until tb_finish hands the rows to the table. */
#ifndef DJ_IO_TABLE_INTERNAL_H
#define DJ_IO_TABLE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/table.h"
#include "util/buf.h"
#include "util/err.h"

/* The builder's memory: one text buffer for the row in progress; when a row
 * ends, its cell pointers and text go into one block (row->cells), so that
 * table_free frees one block per row. */
struct tb {
    struct dj_table *t; /* rows so far; t->rows grows by doubling */
    int cap_rows;
    size_t total_cells;
    size_t total_bytes;
    bool in_row;
    int line;
    int ncells;                     /* cells of the current row (gaps included) */
    uint32_t off[TABLE_MAX_COLS];   /* the current row's cells in text */
    uint32_t len[TABLE_MAX_COLS];   /* 0: empty or not set */
    bool set[TABLE_MAX_COLS];
    struct dj_buf text;
};

/* Starts filling t (which must be empty). */
void tb_init(struct tb *b, struct dj_table *t);
/* Starts a row with the given line number (a row in progress is dropped). */
void tb_row_begin(struct tb *b, int line);
/* Puts a copy of s[0..len) in column col (0-based) of the current row; earlier
 * missing columns become "".  A column set twice is an error; text in a column
 * beyond the limit is an error, an empty one there is ignored. */
int tb_cell(struct tb *b, int col, const char *s, size_t len, struct dj_err *err);
/* Ends the row.  A row without cells is dropped unless keep_empty. */
int tb_row_end(struct tb *b, bool keep_empty, struct dj_err *err);
/* After the last row: drops trailing rows whose cells are all empty, trims
 * the row array and frees the builder's buffer. */
void tb_finish(struct tb *b);
/* After an error: frees the row in progress and the builder's buffer (the
 * rows already in t are freed by table_free). */
void tb_abort(struct tb *b);

/* Column name for messages: 0 -> "A", 27 -> "AB". */
void tb_col_name(int col, char out[8]);

/* Cell text for a number: whole numbers without ".0" and without exponent up
 * to 1e21, others "%.15g".  out must hold 40 bytes. */
void tb_format_number(double v, char out[40]);
/* "YYYY-MM-DD" for an Excel date serial (1900 system with its fictitious
 * 1900-02-29, or the 1904 system).  Returns false (out untouched) when the
 * serial is not a date between 1900 (1904) and 9999. */
bool tb_format_serial_date(double serial, bool date1904, char out[16]);

/* Readers: each fills t through a builder; t is emptied again on error. */
int xlsx_read(const void *data, size_t len, struct dj_table *t, struct dj_err *err);
int xls_read(const void *data, size_t len, struct dj_table *t, struct dj_err *err);
int csv_read(const void *data, size_t len, struct dj_table *t, struct dj_err *err);
/* The parent's half of xls_read: rebuilds t from the freexl child's stream
 * on fd (data, len: the workbook, to tell a password-protected file); every
 * limit is checked again here.  Separate so that fuzz/fuzz_xls_stream can
 * feed it any bytes in-process. */
int xls_read_child_stream(int fd, const void *data, size_t len, struct dj_table *t,
                          struct dj_err *err);

#endif
