/* pdf: building a document's description (see pdf.h); the drawing is in
 * pdf_render.c. */
#include "io/pdf.h"

#include <stdlib.h>
#include <string.h>

#include "io/pdf_internal.h"
#include "util/buf.h"

/* A copy of s (NULL stays NULL); marks d spoiled when memory runs out. */
static char *copy(struct pdf_doc *d, const char *s)
{
    if (!s)
        return NULL;
    char *c = strdup(s);
    if (!c)
        d->spoiled = true;
    return c;
}

struct pdf_doc *pdf_doc_new(enum pdf_style style, const char *issuer, struct dj_err *err)
{
    struct pdf_doc *d = calloc(1, sizeof *d);
    if (!d) {
        dj_err_set(err, DJ_ENOMEM, "内存不足");
        return NULL;
    }
    d->style = style;
    d->issuer = copy(d, issuer ? issuer : "");
    return d;
}

static void table_free(struct pdf_table *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->ncols; i++)
        free(t->headers[i]);
    for (long i = 0; i < (long)t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->headers);
    free(t->widths);
    free(t->cells);
    free(t);
}

void pdf_doc_free(struct pdf_doc *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->nblocks; i++) {
        struct pdf_block *b = &d->blocks[i];
        free(b->text);
        free(b->issuer);
        free(b->date);
        free(b->heading);
        free(b->recipient);
        table_free(b->table);
    }
    free(d->blocks);
    free(d->issuer);
    free(d->meta_title);
    free(d->date);
    free(d->number);
    free(d);
}

void pdf_set_meta(struct pdf_doc *d, const char *title, const char *date)
{
    free(d->meta_title);
    free(d->date);
    d->meta_title = copy(d, title);
    d->date = copy(d, date);
}

void pdf_set_number(struct pdf_doc *d, const char *number)
{
    free(d->number);
    d->number = copy(d, number);
}

/* A new zeroed block at the end, or NULL (d spoiled). */
static struct pdf_block *add(struct pdf_doc *d, enum pdf_block_kind kind)
{
    if (d->spoiled || dj_grow((void **)&d->blocks, &d->cap, d->nblocks, sizeof *d->blocks)) {
        d->spoiled = true;
        return NULL;
    }
    struct pdf_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void pdf_title(struct pdf_doc *d, const char *text)
{
    struct pdf_block *b = add(d, PB_TITLE);
    if (b)
        b->text = copy(d, text ? text : "");
}

void pdf_text(struct pdf_doc *d, enum pdf_font font, const char *text)
{
    struct pdf_block *b = add(d, PB_TEXT);
    if (b) {
        b->font = font;
        b->text = copy(d, text ? text : "");
    }
}

void pdf_space(struct pdf_doc *d, double points)
{
    struct pdf_block *b = add(d, PB_SPACE);
    if (b)
        b->space = points;
}

void pdf_page_break(struct pdf_doc *d)
{
    add(d, PB_BREAK);
}

struct pdf_table *pdf_table(struct pdf_doc *d, int ncols, const char *const *headers,
                            const double *widths)
{
    if (ncols < 1 || ncols > 32) {
        d->spoiled = true;
        return NULL;
    }
    struct pdf_block *b = add(d, PB_TABLE);
    if (!b)
        return NULL;
    struct pdf_table *t = calloc(1, sizeof *t);
    if (!t || !(t->headers = calloc((size_t)ncols, sizeof *t->headers)) ||
        !(t->widths = calloc((size_t)ncols, sizeof *t->widths))) {
        if (t)
            free(t->headers);
        free(t);
        d->spoiled = true;
        return NULL;
    }
    t->doc = d;
    t->ncols = ncols;
    b->table = t;
    double sum = 0;
    for (int i = 0; i < ncols; i++)
        sum += widths && widths[i] > 0 ? widths[i] : 1;
    for (int i = 0; i < ncols; i++) {
        t->headers[i] = copy(d, headers && headers[i] ? headers[i] : "");
        t->widths[i] = (widths && widths[i] > 0 ? widths[i] : 1) / sum;
    }
    return t;
}

void pdf_row(struct pdf_table *t, const char *const *cells)
{
    if (!t || t->doc->spoiled)
        return;
    if (t->nrows == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        char **c = realloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof *c);
        if (!c) {
            t->doc->spoiled = true;
            return;
        }
        t->cells = c;
        t->cap = cap;
    }
    char **row = t->cells + (size_t)t->nrows * (size_t)t->ncols;
    for (int i = 0; i < t->ncols; i++)
        row[i] = cells[i] && *cells[i] ? copy(t->doc, cells[i]) : NULL;
    t->nrows++;
}

void pdf_signature(struct pdf_doc *d, const char *issuer, const char *date, bool seal)
{
    struct pdf_block *b = add(d, PB_SIGN);
    if (b) {
        b->issuer = copy(d, issuer ? issuer : "");
        b->date = copy(d, date ? date : "");
        b->seal = seal;
    }
}

void pdf_certificate(struct pdf_doc *d, const char *heading, const char *recipient, const char *body,
                     const char *issuer, const char *date)
{
    struct pdf_block *b = add(d, PB_CERT);
    if (b) {
        b->heading = copy(d, heading ? heading : "");
        b->recipient = copy(d, recipient ? recipient : "");
        b->text = copy(d, body ? body : "");
        b->issuer = copy(d, issuer ? issuer : "");
        b->date = copy(d, date ? date : "");
        b->seal = true;
    }
}
