/* pdf_internal: the document description shared by pdf.c (the builder) and
 * pdf_render.c (the drawing).  Private to io/pdf. */
#ifndef DJ_IO_PDF_INTERNAL_H
#define DJ_IO_PDF_INTERNAL_H

#include "io/pdf.h"

enum pdf_block_kind { PB_TITLE, PB_TEXT, PB_SPACE, PB_BREAK, PB_TABLE, PB_SIGN, PB_CERT };

struct pdf_table {
    struct pdf_doc *doc;
    int ncols;
    char **headers; /* ncols */
    double *widths; /* ncols, summing to 1 */
    char **cells;   /* nrows * ncols, row-major; NULL for an empty cell */
    int nrows, cap;
};

struct pdf_block {
    enum pdf_block_kind kind;
    enum pdf_font font;
    double space;
    bool seal;
    char *text; /* title, text, certificate body */
    char *issuer, *date, *heading, *recipient;
    struct pdf_table *table;
};

struct pdf_doc {
    enum pdf_style style;
    char *issuer, *meta_title, *date, *number;
    struct pdf_block *blocks;
    int nblocks, cap;
    bool spoiled; /* a builder call ran out of memory */
};

#endif
