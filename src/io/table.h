/* io/table: reads a spreadsheet handed over in memory (an upload) into rows of
 * UTF-8 text cells, whatever the clerk saved it as: .xlsx, the old Excel 97
 * .xls, or CSV in UTF-8 or GBK/GB18030.
 *
 * The format is recognised by content, never by the file name:
 *   "PK\3\4" with xl/workbook.xml inside     -> xlsx (first worksheet)
 *   "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" (OLE2) -> xls (first worksheet)
 *   anything else that looks like text        -> CSV (RFC 4180)
 *
 * Cell text is what the clerk sees, normalised for import:
 *   - numbers: whole numbers without ".0" ("13417075364"), others with up to
 *     15 significant digits ("%.15g"); whole numbers of 15 digits or more are
 *     written out in full without an exponent, with the digits Excel keeps;
 *   - dates (a date number format in xlsx, a date cell in xls): "YYYY-MM-DD"
 *     (1900 date system with Excel's 1900-02-29, or date1904);
 *   - booleans "TRUE"/"FALSE", errors as Excel writes them ("#N/A");
 *   - CSV cells exactly as written, only the \r of a CRLF line end removed.
 * In xlsx and xls, a row holds cells up to its last non-empty one and rows with
 * no value at all are left out; `line` keeps the sheet's row number, so errors
 * can be reported against what the clerk sees.  In CSV every line is a row
 * (`line` is the line on which the record starts), except empty lines at the end.
 *
 * Limits, to protect the server: 100100 rows (TABLE_MAX_ROWS: 100000 of data and a header), 256 columns,
 * 32767 bytes per cell, 5000000 cells and 128 MiB of cell text in all (the
 * same for an xlsx's shared strings), 512 MiB per decompressed xlsx part,
 * 1 GiB of input.  An .xls is parsed by freexl in a child process
 * (fork) with a time limit, so that a damaged file cannot bring the server
 * down: see xls_read.c.
 *
 * Ownership: the caller owns `struct dj_table` (usually on its stack);
 * table_read fills it and table_free releases everything it points to.  The
 * cell strings belong to the table: read them, copy what you keep, never
 * write to or free them.  On error *out is left empty (nrows 0, rows NULL) and
 * table_free on it is harmless.  Thread-safe: no global state. */
#ifndef DJ_IO_TABLE_H
#define DJ_IO_TABLE_H

#include <stddef.h>

#include "util/err.h"

#define TABLE_MAX_ROWS 100100 /* 100000 data rows and a header with title rows above it */
#define TABLE_MAX_COLS 256
#define TABLE_MAX_CELL_BYTES 32767
#define TABLE_MAX_CELLS 5000000
#define TABLE_MAX_FILE_BYTES (1024u * 1024u * 1024u)
#define TABLE_MAX_TEXT_BYTES (128u * 1024u * 1024u)
#define TABLE_MAX_PART_BYTES (512u * 1024u * 1024u) /* streamed: memory is bounded by the cell limits */

struct dj_table_row {
    int line;    /* 1-based row number in the sheet, or line in the CSV */
    int ncells;  /* may differ from row to row */
    char **cells; /* ncells NUL-terminated UTF-8 strings, "" for empty */
};

struct dj_table {
    int nrows;
    struct dj_table_row *rows;
    char format[8];    /* "xlsx", "xls" or "csv" */
    char encoding[16]; /* CSV: "UTF-8" or "GB18030"; xlsx and xls: "UTF-8" */
};

/* Reads data[0..len) into *out (which need not be initialised).
 * Returns 0, or:
 *   DJ_EUNSUPPORTED  not xlsx, xls or CSV (binary data, a ZIP that is not a
 *                    workbook, an OLE2 file that is not an Excel workbook);
 *   DJ_EINVAL        a damaged workbook, a CSV with an unterminated quote or
 *                    bytes that are neither UTF-8 nor GB18030, more rows,
 *                    columns or bytes in a cell than the limits allow (the
 *                    message names the row);
 *   DJ_ETOOLARGE     an xlsx part or the whole table beyond the size limits;
 *   DJ_ENOMEM, DJ_EIO (the temporary file and child process an .xls needs).
 * An empty input, or one with only empty lines, is a CSV with no rows. */
int table_read(const void *data, size_t len, struct dj_table *out, struct dj_err *err);

/* Frees everything *t points to and leaves it empty; t may be NULL. */
void table_free(struct dj_table *t);

#endif
