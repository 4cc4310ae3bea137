/* export: any list as an .xlsx workbook or a CSV file, and blank import templates.
 *
 * A caller describes the columns once (struct dj_export), opens a writer for one format,
 * gives the rows one at a time as UTF-8 strings, and gets the whole file in memory at the end:
 *
 *     struct dj_export_writer *w = NULL;
 *     if ((rc = export_xlsx_begin(&spec, &w, err)) != 0) return rc;
 *     for (...) if ((rc = export_row(w, cells, err)) != 0) { export_abort(w); return rc; }
 *     rc = export_finish(w, &data, &len, err);      (w is gone either way; free(data) later)
 *
 * Ownership: the writer belongs to the caller from *_begin until export_finish or export_abort,
 * which free it; `spec` and the cells are only read during the call that receives them (nothing
 * of them is kept).  The file handed out by export_finish is malloc'd: the caller frees it.
 * A writer is used by one thread at a time; different writers are independent.
 *
 * xlsx (xlsx_write.c, libxlsxwriter in constant_memory mode, so rows are streamed to a temporary
 * file rather than held in memory; strings are therefore inline strings, not sharedStrings):
 *   - an optional bold title row merged across the columns, then the header row: bold, filled,
 *     frozen below, with an autofilter from the header to the last row;
 *   - column widths fit the longest line of every cell written (a CJK or full-width character
 *     counts 2, anything else 1; +2 padding; clamped to 6..60), unless the column gives a width.
 *     libxlsxwriter writes <cols> when the workbook is closed even in constant_memory mode, so
 *     the widths are measured over all rows and set in export_finish;
 *   - TEXT cells are always strings, styled "@" (so 身份证号 410102199001011234 and 工号 0012 stay
 *     text and a value such as "=1+2" is never a formula); DATE and DATETIME cells are real date
 *     cells (yyyy-mm-dd, yyyy-mm-dd hh:mm:ss); INT cells numbers (format 0); DECIMAL2 cells
 *     numbers (format 0.00).  A DATE, DATETIME, INT or DECIMAL2 value that does not parse, is
 *     out of Excel's range (dates before 1900) or has more than 15 digits is written as text, as
 *     given, so that an export never fails on one odd value and never loses digits;
 *   - an empty column also gets its type's format, so that people filling a template type text
 *     into TEXT columns and dates into DATE columns;
 *   - a column with `choices` gets a drop-down list validation (stop on a value not in the
 *     list) from the first data row to row 1000: inline when the items and their commas take at
 *     most 250 bytes and no item holds a comma or a double quote, otherwise from a hidden sheet
 *     "下拉选项" that holds the items one column per list;
 *   - text longer than Excel's 32767 characters per cell is cut to 32767; a sheet holds at most
 *     1048576 rows, header and title included (DJ_ETOOLARGE beyond: offer CSV instead).
 *   The temporary files live in $TMPDIR (or /tmp), are created by mkstemp (mode 0600) and
 *   are removed by export_finish and export_abort.  libxlsxwriter prints numbers with printf, so
 *   LC_NUMERIC must stay "C" (dangjian never calls setlocale).
 *
 * CSV (csv_write.c): UTF-8 with a byte-order mark (so that Excel on Windows reads Chinese),
 * CRLF after every record, RFC 4180 quoting (a field holding , " CR or LF is quoted, " doubled).
 * No title row (a CSV is for machines: the header is the first record).  DECIMAL2 cells are
 * written as "123.45".  A text cell that begins with = + - @ TAB or CR gets a leading apostrophe
 * so that spreadsheet programs do not run it as a formula (CSV injection); numbers and dates
 * that parse are written as they are.
 *
 * Errors: DJ_EINVAL for a bad spec or a cell that is not valid UTF-8 (the row is then not written
 * and the writer may go on), DJ_ETOOLARGE past the xlsx row limit, DJ_ENOMEM, DJ_EIO for
 * temporary-file and libxlsxwriter failures.  After any error but DJ_EINVAL the writer is spoiled:
 * export_row repeats the error, export_finish returns it (and frees the writer), or the caller
 * export_aborts it. */
#ifndef DJ_IO_EXPORT_H
#define DJ_IO_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define DJ_MIME_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define DJ_MIME_CSV "text/csv; charset=utf-8"

/* Excel's limits, which the xlsx writer enforces. */
#define DJ_EXPORT_MAX_COLS 16384
#define DJ_EXPORT_XLSX_MAX_ROWS 1048576 /* worksheet rows, header and title included */
#define DJ_EXPORT_MAX_CELL_CHARS 32767
#define DJ_EXPORT_VALIDATION_LAST_ROW 1000 /* 1-based worksheet row where drop-downs end */

enum dj_col_type {
    DJ_COL_TEXT,     /* any text; always a string */
    DJ_COL_DATE,     /* "YYYY-MM-DD", or "" for none */
    DJ_COL_DATETIME, /* local time "YYYY-MM-DD HH:MM:SS" (or with 'T', or without seconds), or "" */
    DJ_COL_INT,      /* a decimal integer, e.g. "-12", or "" */
    DJ_COL_DECIMAL2  /* hundredths as an integer string: "12345" is 123.45 (money in fen, scores) */
};

struct dj_export_column {
    const char *title;           /* header text (UTF-8); NULL is "" */
    enum dj_col_type type;
    const char *const *choices;  /* NULL-terminated items for a drop-down (templates), or NULL */
    int width;                   /* xlsx column width in characters; 0 = fit the content */
};

struct dj_export {
    const char *sheet_name;      /* xlsx sheet name; NULL is "Sheet1".  Characters Excel forbids
                                  * ([ ] : * ? / \) become '_', and it is cut to 31 characters */
    const char *title_row;       /* xlsx only: a bold title above the header, or NULL */
    int ncols;                   /* 1 .. DJ_EXPORT_MAX_COLS */
    const struct dj_export_column *cols;
};

struct dj_export_writer;

/* Start an xlsx (or CSV) file described by spec; the header row (and the xlsx title row) is
 * written at once.  On success *out is a writer for export_row/export_finish/export_abort;
 * on error *out is NULL and err says why. */
int export_xlsx_begin(const struct dj_export *spec, struct dj_export_writer **out, struct dj_err *err);
int export_csv_begin(const struct dj_export *spec, struct dj_export_writer **out, struct dj_err *err);

/* Appends one row: cells[0 .. ncols) as UTF-8 strings, NULL meaning "".  Empty cells stay blank. */
int export_row(struct dj_export_writer *w, const char *const *cells, struct dj_err *err);

/* Completes the file and hands it over: *data (malloc'd, caller frees with free()) and *len.
 * Frees w whatever happens; on error *data is NULL and *len 0. */
int export_finish(struct dj_export_writer *w, char **data, size_t *len, struct dj_err *err);

/* Drops an unfinished writer and its temporary files.  w may be NULL. */
void export_abort(struct dj_export_writer *w);

/* Writes into out a Content-Disposition header value for a download named filename (UTF-8):
 *     attachment; filename="export.xlsx"; filename*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C.xlsx
 * (RFC 6266 / RFC 5987).  The quoted ASCII fallback is the name itself when it is plain printable
 * ASCII without " or \, otherwise "export" plus the name's extension.  DJ_EINVAL when the name is
 * empty, not valid UTF-8, holds a control character, or the value does not fit in size bytes. */
int export_content_disposition(const char *filename, char *out, size_t size, struct dj_err *err);

/* ---- Shared by the two writers (the module has two .c files); callers use the functions above.
 * The helpers live in csv_write.c. ---- */

/* Every writer starts with this head; export_row/finish/abort dispatch through ops. */
struct dj_export_ops {
    int (*row)(struct dj_export_writer *w, const char *const *cells, struct dj_err *err);
    int (*finish)(struct dj_export_writer *w, char **data, size_t *len, struct dj_err *err);
    void (*abort)(struct dj_export_writer *w);
};

struct dj_export_writer {
    const struct dj_export_ops *ops;
    int ncols;
    enum dj_code failed; /* set by export_row after an error that spoils the writer */
};

/* A cell's value as the writers store it. */
struct dj_export_value {
    enum dj_col_type as; /* the column's type, or DJ_COL_TEXT when the value does not parse */
    int year, month, day, hour, minute, second; /* DATE, DATETIME */
    int64_t number;      /* INT; DECIMAL2 in hundredths */
};

/* Checks spec (ncols, UTF-8 of titles, sheet name, title row and choices); 0 or DJ_EINVAL. */
int export_spec_check(const struct dj_export *spec, struct dj_err *err);
/* Parses a non-empty cell s of column type `type` into v (v->as is TEXT when it does not parse,
 * when a date is outside 1900-01-01 .. 9999-12-31, or a number has more than 15 digits). */
void export_value_parse(enum dj_col_type type, const char *s, struct dj_export_value *v);
/* Writes hundredths as "-123.45" into buf (at least 24 bytes). */
void export_decimal2_format(int64_t hundredths, char *buf, size_t size);
/* Display width of the widest line of s: 2 per East Asian wide or full-width character, else 1. */
size_t export_display_width(const char *s);

#endif
