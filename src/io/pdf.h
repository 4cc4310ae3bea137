/* pdf: printable documents (A4 PDF) from a plain description, in memory.
 *
 * A caller (core/documents) builds a `struct pdf_doc` block by block — text,
 * tables, rules, a signature with a seal, page breaks, certificate pages —
 * and renders it to PDF bytes:
 *
 *     struct pdf_doc *d = pdf_doc_new(PDF_RED_HEADER, "示范县财政局机关党委", err);
 *     pdf_title(d, "关于……的公示");
 *     pdf_text(d, PDF_BODY, "……");
 *     struct pdf_table *t = pdf_table(d, 3, (const char *[]){"名次", "姓名", "得分"},
 *                                     (const double[]){1, 2, 1});
 *     pdf_row(t, (const char *[]){"1", "张三", "98.50"});
 *     pdf_signature(d, "示范县财政局机关党委", "2026年12月7日", true);
 *     rc = pdf_render(d, &data, &len, err);     (free(data) later)
 *     pdf_doc_free(d);
 *
 * Ownership: every string handed to a builder function is copied; the
 * document owns its blocks until pdf_doc_free.  A builder call that runs out
 * of memory marks the document spoiled and pdf_render then answers
 * DJ_ENOMEM, so callers need not check every call.  The bytes from
 * pdf_render are malloc'd: the caller frees them.
 *
 * Layout: cairo's PDF surface, text laid out by pango (Noto Serif CJK SC for
 * the body, Noto Sans CJK SC for tables; cairo embeds the subsets).  A
 * paragraph breaks across pages between its lines; a table breaks between
 * rows and repeats its header on each new page.  Styles: PDF_PLAIN (title in
 * black), PDF_RED_HEADER (红头: the issuer's name large in red over a red
 * double rule, then the title), PDF_CERTIFICATE (only certificate pages,
 * landscape, no page numbers).  Plain and red-header documents number their
 * pages "第 1 页 共 N 页" (two passes: the first counts the pages).  The
 * creation date in the metadata is the document's date when set, so that
 * the same description gives the same text.
 *
 * Errors: DJ_EINVAL for text that is not UTF-8 (checked when rendering),
 * DJ_ENOMEM, DJ_EIO for a cairo or pango failure.  Thread-safe for
 * different documents (pango's default font map is per thread; it keeps the
 * fonts loaded for the thread's next document). */
#ifndef DJ_IO_PDF_H
#define DJ_IO_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

enum pdf_style { PDF_PLAIN, PDF_RED_HEADER, PDF_CERTIFICATE };

/* The kinds of text: body paragraphs are indented two characters (not
 * justified: a space would stretch); headings are bold; the others as their names say. */
enum pdf_font {
    PDF_BODY,    /* serif 12pt, first line indented */
    PDF_PLAIN_TEXT, /* serif 12pt, not indented */
    PDF_HEADING, /* sans bold 13pt */
    PDF_CENTER,  /* serif 12pt centred */
    PDF_RIGHT,   /* serif 12pt right-aligned */
    PDF_SMALL,   /* sans 9pt, grey */
};

struct pdf_doc;
struct pdf_table;

struct pdf_doc *pdf_doc_new(enum pdf_style style, const char *issuer, struct dj_err *err);
void pdf_doc_free(struct pdf_doc *d);

/* Metadata and the date (YYYY-MM-DD) written as the PDF's creation date. */
void pdf_set_meta(struct pdf_doc *d, const char *title, const char *date);
/* The document number under the red header (e.g. "财党〔2026〕12号"); optional. */
void pdf_set_number(struct pdf_doc *d, const char *number);

void pdf_title(struct pdf_doc *d, const char *text);
void pdf_text(struct pdf_doc *d, enum pdf_font font, const char *text);
/* Vertical space in points. */
void pdf_space(struct pdf_doc *d, double points);
void pdf_page_break(struct pdf_doc *d);
/* A table of ncols columns with the given header titles and relative widths
 * (NULL: equal).  The table belongs to the document. */
struct pdf_table *pdf_table(struct pdf_doc *d, int ncols, const char *const *headers,
                            const double *widths);
/* One row of ncols cells (NULL cells are empty). */
void pdf_row(struct pdf_table *t, const char *const *cells);
/* The issuer and the date right-aligned at the end, with a seal placeholder
 * (a red circle with the issuer's name around it) over them when seal. */
void pdf_signature(struct pdf_doc *d, const char *issuer, const char *date, bool seal);
/* A certificate page (landscape, red and gold frame): heading ("喜 报",
 * "荣誉证书"), the recipient's name large, the body text, the issuer with
 * its seal and the date. */
void pdf_certificate(struct pdf_doc *d, const char *heading, const char *recipient, const char *body,
                     const char *issuer, const char *date);

int pdf_render(struct pdf_doc *d, char **data, size_t *len, struct dj_err *err);

/* Frees the calling thread's font map and cairo's caches (at the end of a
 * program that rendered on one thread, after its last document). */
void pdf_shutdown(void);

#endif
