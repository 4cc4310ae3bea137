/* io/xlsx_internal: what xlsx_read.c (the archive, workbook and relationships)
 * shares with xlsx_parts.c (styles, shared strings, the sheet); not for use
 * outside src/io. */
#ifndef DJ_IO_XLSX_INTERNAL_H
#define DJ_IO_XLSX_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <expat.h>
#include <zip.h>

#include "io/table.h"
#include "util/buf.h"
#include "util/err.h"

/* The first member of every parser's user data: the first failure stops the
 * parser and is remembered; handlers return at once once rc is set. */
struct xp {
    XML_Parser p;
    struct dj_err *err;
    int rc;
    const char *part; /* for messages */
};

/* Records rc (an enum dj_code already set in x->err) and stops the parser. */
void xp_stop(struct xp *x, int rc);
/* The local name of an expat name "uri|local" (or the name itself). */
const char *xp_local(const char *name);
/* Value of the attribute with this local name, with or without a namespace. */
const char *xp_attr(const char **atts, const char *local, bool namespaced);
/* Streams part `name` of z through a namespace-aware expat parser with x as
 * user data.  An absent part is an error when required, else nothing happens. */
int xp_parse_part(zip_t *z, const char *name, bool required, struct xp *x,
                  XML_StartElementHandler start, XML_EndElementHandler end,
                  XML_CharacterDataHandler text, struct dj_err *err);

/* Which cell formats (cellXfs, by the `s` index of a cell) show dates. */
struct xlsx_styles {
    int nxf;
    bool *is_date;
};
int xlsx_read_styles(zip_t *z, const char *part, struct xlsx_styles *out, struct dj_err *err);

/* The shared strings: all text in one pool, each string an offset and length. */
struct xlsx_str {
    uint32_t off, len;
};
struct xlsx_strings {
    struct dj_buf pool;
    int n, cap;
    struct xlsx_str *s;
};
int xlsx_read_strings(zip_t *z, const char *part, struct xlsx_strings *out, struct dj_err *err);
void xlsx_strings_free(struct xlsx_strings *s);

/* Streams the worksheet into t. */
int xlsx_read_sheet(zip_t *z, const char *part, const struct xlsx_styles *styles,
                    const struct xlsx_strings *strings, bool date1904, struct dj_table *t,
                    struct dj_err *err);

#endif
