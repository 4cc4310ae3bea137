/* pdf_render: drawing a pdf_doc with cairo and pango (see pdf.h).
 * Two passes over the blocks: the first lays everything out on a surface
 * that discards its bytes and counts the pages, the second draws with the
 * count known ("第 1 页 共 N 页"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include <pango/pangocairo.h>

#include "io/pdf.h"
#include "io/pdf_internal.h"
#include "util/buf.h"

#define A4_W 595.276
#define A4_H 841.890
#define MARGIN_X 72.0
#define MARGIN_TOP 68.0
#define MARGIN_BOTTOM 72.0
#define CELL_PAD 4.0

#define SERIF "Noto Serif CJK SC"
#define SANS "Noto Sans CJK SC"

static const double RED[3] = {0.80, 0.05, 0.05};
static const double GOLD[3] = {0.80, 0.62, 0.18};

struct render {
    const struct pdf_doc *d;
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoFontMap *fontmap;
    PangoContext *ctx;
    PangoLayout *layout; /* reused for every piece of text */
    bool drawing;        /* second pass */
    int page, total;
    double pw, ph;        /* page size */
    double left, right;   /* text column */
    double y, bottom;     /* current position, lowest y of the text */
    struct dj_buf out;
    bool write_failed;
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    struct render *r = closure;
    if (!r->drawing)
        return CAIRO_STATUS_SUCCESS; /* the counting pass throws its bytes away */
    if (dj_buf_append(&r->out, data, len)) {
        r->write_failed = true;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static void set_font(PangoLayout *l, const char *family, double size, bool bold)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
}

/* Prepares the shared layout for text in a box width wide. */
static PangoLayout *prepare(struct render *r, const char *text, const char *family, double size, bool bold,
                            double width, PangoAlignment align, double indent)
{
    PangoLayout *l = r->layout;
    set_font(l, family, size, bold);
    pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_justify(l, false);
    pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_spacing(l, 0);
    pango_layout_set_text(l, text, -1);
    return l;
}

static void color(cairo_t *cr, const double c[3])
{
    cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

/* Text centred on x at y (top), in a scratch layout (for seals and
 * certificates, drawn under a transformation). */
static void draw_centered(cairo_t *cr, PangoContext *ctx, const char *text, const char *family, double size, bool bold,
                          double x, double y)
{
    PangoLayout *l = pango_layout_new(ctx);
    if (!l)
        return;
    pango_cairo_update_layout(cr, l);
    set_font(l, family, size, bold);
    pango_layout_set_text(l, text, -1);
    PangoRectangle ink, logical;
    pango_layout_get_extents(l, &ink, &logical);
    cairo_move_to(cr, x - logical.width / 2.0 / PANGO_SCALE, y);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
}

static void footer(struct render *r)
{
    if (r->d->style == PDF_CERTIFICATE || !r->drawing)
        return;
    char text[64];
    snprintf(text, sizeof text, "第 %d 页 共 %d 页", r->page, r->total);
    PangoLayout *l = prepare(r, text, SANS, 9, false, r->right - r->left, PANGO_ALIGN_CENTER, 0);
    cairo_set_source_rgb(r->cr, 0.3, 0.3, 0.3);
    cairo_move_to(r->cr, r->left, r->ph - MARGIN_BOTTOM + 24);
    pango_cairo_show_layout(r->cr, l);
    cairo_set_source_rgb(r->cr, 0, 0, 0);
}

/* The red header (红头) at the top of the first page. */
static void red_header(struct render *r)
{
    const struct pdf_doc *d = r->d;
    double width = r->right - r->left;
    PangoLayout *l = prepare(r, d->issuer, SERIF, 26, true, width, PANGO_ALIGN_CENTER, 0);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    if (r->drawing) {
        color(r->cr, RED);
        cairo_move_to(r->cr, r->left, r->y);
        pango_cairo_show_layout(r->cr, l);
    }
    r->y += h / (double)PANGO_SCALE + 10;
    if (d->number && *d->number) {
        l = prepare(r, d->number, SERIF, 12, false, width, PANGO_ALIGN_CENTER, 0);
        pango_layout_get_size(l, &w, &h);
        if (r->drawing) {
            cairo_set_source_rgb(r->cr, 0, 0, 0);
            cairo_move_to(r->cr, r->left, r->y);
            pango_cairo_show_layout(r->cr, l);
        }
        r->y += h / (double)PANGO_SCALE + 6;
    }
    if (r->drawing) {
        color(r->cr, RED);
        cairo_set_line_width(r->cr, 2.2);
        cairo_move_to(r->cr, r->left, r->y);
        cairo_line_to(r->cr, r->right, r->y);
        cairo_stroke(r->cr);
        cairo_set_line_width(r->cr, 0.7);
        cairo_move_to(r->cr, r->left, r->y + 3.5);
        cairo_line_to(r->cr, r->right, r->y + 3.5);
        cairo_stroke(r->cr);
        cairo_set_source_rgb(r->cr, 0, 0, 0);
    }
    r->y += 22;
}

/* Ends the current page (if any) and begins the next. */
static void new_page(struct render *r)
{
    if (r->page > 0) {
        footer(r);
        cairo_show_page(r->cr);
    }
    r->page++;
    r->y = MARGIN_TOP;
    if (r->page == 1 && r->d->style == PDF_RED_HEADER)
        red_header(r);
}

/* Draws the lines of l at x, breaking to a new page between lines. */
static void flow(struct render *r, PangoLayout *l, double x)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double lh = logical.height / (double)PANGO_SCALE;
        if (r->y + lh > r->bottom && r->y > MARGIN_TOP + 1)
            new_page(r);
        if (r->drawing) {
            int baseline = pango_layout_iter_get_baseline(it);
            cairo_move_to(r->cr, x + logical.x / (double)PANGO_SCALE,
                          r->y + (baseline - logical.y) / (double)PANGO_SCALE);
            pango_cairo_show_layout_line(r->cr, pango_layout_iter_get_line_readonly(it));
        }
        r->y += lh;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void draw_text(struct render *r, enum pdf_font font, const char *text)
{
    double width = r->right - r->left;
    PangoLayout *l;
    switch (font) {
    case PDF_HEADING:
        l = prepare(r, text, SANS, 13, true, width, PANGO_ALIGN_LEFT, 0);
        r->y += 6;
        break;
    case PDF_CENTER:
        l = prepare(r, text, SERIF, 12, false, width, PANGO_ALIGN_CENTER, 0);
        break;
    case PDF_RIGHT:
        l = prepare(r, text, SERIF, 12, false, width, PANGO_ALIGN_RIGHT, 0);
        break;
    case PDF_SMALL:
        l = prepare(r, text, SANS, 9, false, width, PANGO_ALIGN_LEFT, 0);
        break;
    case PDF_PLAIN_TEXT:
        l = prepare(r, text, SERIF, 12, false, width, PANGO_ALIGN_LEFT, 0);
        break;
    case PDF_BODY:
    default:
        l = prepare(r, text, SERIF, 12, false, width, PANGO_ALIGN_LEFT, 24);
        pango_layout_set_justify(l, false); /* a space in a name would stretch */
        break;
    }
    pango_layout_set_spacing(l, 5 * PANGO_SCALE);
    if (font == PDF_SMALL)
        cairo_set_source_rgb(r->cr, 0.35, 0.35, 0.35);
    flow(r, l, r->left);
    cairo_set_source_rgb(r->cr, 0, 0, 0);
    r->y += font == PDF_HEADING ? 6 : 4;
}

static void draw_title(struct render *r, const char *text)
{
    PangoLayout *l = prepare(r, text, SERIF, 19, true, r->right - r->left, PANGO_ALIGN_CENTER, 0);
    pango_layout_set_spacing(l, 4 * PANGO_SCALE);
    flow(r, l, r->left);
    r->y += 16;
}

/* The height of one table row (header when cells == headers). */
static double row_height(struct render *r, const struct pdf_table *t, char *const *cells, bool header,
                         const double *colw)
{
    double h = 0;
    for (int i = 0; i < t->ncols; i++) {
        PangoLayout *l = prepare(r, cells[i] ? cells[i] : "", SANS, 9.5, header, colw[i] - 2 * CELL_PAD,
                                 header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, 0);
        int w, lh;
        pango_layout_get_size(l, &w, &lh);
        if (lh / (double)PANGO_SCALE > h)
            h = lh / (double)PANGO_SCALE;
    }
    return h + 2 * CELL_PAD;
}

static void draw_row(struct render *r, const struct pdf_table *t, char *const *cells, bool header,
                     const double *colw, double h)
{
    if (!r->drawing) {
        r->y += h;
        return;
    }
    double x = r->left;
    for (int i = 0; i < t->ncols; i++) {
        cairo_rectangle(r->cr, x, r->y, colw[i], h);
        if (header) {
            cairo_set_source_rgb(r->cr, 0.93, 0.90, 0.88);
            cairo_fill_preserve(r->cr);
        }
        cairo_set_source_rgb(r->cr, 0.25, 0.25, 0.25);
        cairo_set_line_width(r->cr, 0.6);
        cairo_stroke(r->cr);
        cairo_set_source_rgb(r->cr, 0, 0, 0);
        if (cells[i]) {
            PangoLayout *l = prepare(r, cells[i], SANS, 9.5, header, colw[i] - 2 * CELL_PAD,
                                     header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, 0);
            cairo_move_to(r->cr, x + CELL_PAD, r->y + CELL_PAD);
            pango_cairo_show_layout(r->cr, l);
        }
        x += colw[i];
    }
    r->y += h;
}

static int draw_table(struct render *r, const struct pdf_table *t)
{
    double *colw = malloc((size_t)t->ncols * sizeof *colw);
    if (!colw)
        return -1;
    for (int i = 0; i < t->ncols; i++)
        colw[i] = (r->right - r->left) * t->widths[i];
    double hh = row_height(r, t, t->headers, true, colw);
    if (r->y + hh * 2 > r->bottom)
        new_page(r);
    draw_row(r, t, t->headers, true, colw, hh);
    for (int i = 0; i < t->nrows; i++) {
        char *const *cells = t->cells + (size_t)i * (size_t)t->ncols;
        double h = row_height(r, t, cells, false, colw);
        if (r->y + h > r->bottom) {
            new_page(r);
            draw_row(r, t, t->headers, true, colw, hh);
        }
        draw_row(r, t, cells, false, colw, h);
    }
    free(colw);
    r->y += 10;
    return 0;
}

/* A round seal placeholder: red ring, a star, the name along the upper arc. */
static void draw_seal(cairo_t *cr, PangoContext *ctx, const char *name, double cx, double cy, double radius)
{
    cairo_save(cr);
    color(cr, RED);
    cairo_set_line_width(cr, radius / 18);
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, radius, 0, 2 * M_PI);
    cairo_stroke(cr);
    /* the star */
    double rs = radius * 0.28;
    for (int i = 0; i < 10; i++) {
        double a = -M_PI / 2 + i * M_PI / 5;
        double rr = i % 2 ? rs * 0.4 : rs;
        if (i == 0)
            cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
        else
            cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
    }
    cairo_close_path(cr);
    cairo_fill(cr);
    /* the name: one character at a time over 240 degrees of the top */
    long n = g_utf8_strlen(name, -1);
    if (n > 0) {
        double span = 4 * M_PI / 3, size = radius * 0.24;
        if (n > 16)
            size = radius * 0.24 * 16 / (double)n;
        double step = n > 1 ? span / (double)(n - 1) : 0;
        if (n > 1 && step > M_PI / 7)
            step = M_PI / 7;
        double start = -step * (double)(n - 1) / 2;
        const char *p = name;
        for (long i = 0; i < n && *p; i++) {
            const char *next = g_utf8_next_char(p);
            char ch[8] = {0};
            size_t len = (size_t)(next - p) < sizeof ch ? (size_t)(next - p) : sizeof ch - 1;
            memcpy(ch, p, len);
            double a = start + step * (double)i;
            cairo_save(cr);
            cairo_translate(cr, cx + (radius * 0.78) * sin(a), cy - (radius * 0.78) * cos(a));
            cairo_rotate(cr, a);
            draw_centered(cr, ctx, ch, SANS, size, true, 0, -size * 0.6);
            cairo_restore(cr);
            p = next;
        }
    }
    cairo_restore(cr);
}

static void draw_signature(struct render *r, const struct pdf_block *b)
{
    if (r->y + 110 > r->bottom)
        new_page(r);
    r->y += 30;
    double width = r->right - r->left;
    PangoLayout *l = prepare(r, b->issuer, SERIF, 12, false, width - 24, PANGO_ALIGN_RIGHT, 0);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    double top = r->y;
    if (r->drawing) {
        cairo_move_to(r->cr, r->left, r->y);
        pango_cairo_show_layout(r->cr, l);
    }
    r->y += h / (double)PANGO_SCALE + 6;
    l = prepare(r, b->date, SERIF, 12, false, width - 24, PANGO_ALIGN_RIGHT, 0);
    if (r->drawing) {
        cairo_move_to(r->cr, r->left, r->y);
        pango_cairo_show_layout(r->cr, l);
    }
    pango_layout_get_size(l, &w, &h);
    r->y += h / (double)PANGO_SCALE + 12;
    if (b->seal && r->drawing)
        draw_seal(r->cr, r->ctx, b->issuer, r->right - 24 - 70, top + 14, 44);
}

/* One certificate page: frame, heading, name, body, issuer with seal, date. */
static void draw_certificate(struct render *r, const struct pdf_block *b)
{
    if (r->page > 0)
        cairo_show_page(r->cr);
    r->page++;
    if (!r->drawing)
        return;
    cairo_t *cr = r->cr;
    PangoContext *ctx = r->ctx;
    cairo_set_source_rgb(cr, 1.0, 0.985, 0.94);
    cairo_paint(cr);
    color(cr, RED);
    cairo_set_line_width(cr, 10);
    cairo_rectangle(cr, 22, 22, r->pw - 44, r->ph - 44);
    cairo_stroke(cr);
    color(cr, GOLD);
    cairo_set_line_width(cr, 2);
    cairo_rectangle(cr, 36, 36, r->pw - 72, r->ph - 72);
    cairo_stroke(cr);
    color(cr, RED);
    draw_centered(cr, ctx, b->heading, SERIF, 50, true, r->pw / 2, 62);
    double left = 110, width = r->pw - 220;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    PangoLayout *l = prepare(r, b->recipient, SERIF, 22, true, width, PANGO_ALIGN_LEFT, 0);
    cairo_move_to(cr, left, 170);
    pango_cairo_show_layout(cr, l);
    l = prepare(r, b->text, SERIF, 17, false, width, PANGO_ALIGN_LEFT, 34);
    pango_layout_set_justify(l, false);
    pango_layout_set_spacing(l, 10 * PANGO_SCALE);
    cairo_move_to(cr, left, 220);
    pango_cairo_show_layout(cr, l);
    double sy = r->ph - 150;
    l = prepare(r, b->issuer, SERIF, 16, false, width, PANGO_ALIGN_RIGHT, 0);
    cairo_move_to(cr, left, sy);
    pango_cairo_show_layout(cr, l);
    l = prepare(r, b->date, SERIF, 16, false, width, PANGO_ALIGN_RIGHT, 0);
    cairo_move_to(cr, left, sy + 30);
    pango_cairo_show_layout(cr, l);
    if (b->seal)
        draw_seal(cr, r->ctx, b->issuer, left + width - 80, sy + 16, 52);
}

static int check(struct render *r, struct dj_err *err)
{
    if (r->write_failed)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    cairo_status_t st = r->cr ? cairo_status(r->cr) : CAIRO_STATUS_SUCCESS;
    if (st == CAIRO_STATUS_SUCCESS && r->surface)
        st = cairo_surface_status(r->surface);
    if (st == CAIRO_STATUS_NO_MEMORY)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (st != CAIRO_STATUS_SUCCESS)
        return dj_err_set(err, DJ_EIO, "生成 PDF 失败：%s", cairo_status_to_string(st));
    return 0;
}

/* One pass over the document; 0 or an error. */
static int pass(struct render *r, struct dj_err *err)
{
    const struct pdf_doc *d = r->d;
    bool landscape = d->style == PDF_CERTIFICATE;
    r->pw = landscape ? A4_H : A4_W;
    r->ph = landscape ? A4_W : A4_H;
    r->left = MARGIN_X;
    r->right = r->pw - MARGIN_X;
    r->bottom = r->ph - MARGIN_BOTTOM;
    r->page = 0;
    r->surface = cairo_pdf_surface_create_for_stream(write_out, r, r->pw, r->ph);
    r->cr = cairo_create(r->surface);
    int rc = check(r, err);
    if (rc)
        goto out;
    if (r->drawing) {
        cairo_pdf_surface_set_metadata(r->surface, CAIRO_PDF_METADATA_CREATOR, "dangjian");
        if (d->meta_title)
            cairo_pdf_surface_set_metadata(r->surface, CAIRO_PDF_METADATA_TITLE, d->meta_title);
        if (d->date && strlen(d->date) == 10) {
            char when[32];
            snprintf(when, sizeof when, "%sT00:00:00", d->date);
            cairo_pdf_surface_set_metadata(r->surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
        }
    }
    /* pango's default font map is the thread's own (pango >= 1.32.6): the
       fonts stay loaded between documents and go when the thread ends */
    r->fontmap = pango_cairo_font_map_get_default();
    if (r->fontmap)
        g_object_ref(r->fontmap);
    r->ctx = r->fontmap ? pango_font_map_create_context(r->fontmap) : NULL;
    if (r->ctx)
        pango_cairo_update_context(r->cr, r->ctx);
    r->layout = r->ctx ? pango_layout_new(r->ctx) : NULL;
    if (!r->layout) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    cairo_set_source_rgb(r->cr, 0, 0, 0);
    if (!landscape)
        new_page(r);
    for (int i = 0; i < d->nblocks && !rc; i++) {
        const struct pdf_block *b = &d->blocks[i];
        switch (b->kind) {
        case PB_TITLE:
            draw_title(r, b->text);
            break;
        case PB_TEXT:
            draw_text(r, b->font, b->text);
            break;
        case PB_SPACE:
            r->y += b->space;
            break;
        case PB_BREAK:
            new_page(r);
            break;
        case PB_TABLE:
            if (draw_table(r, b->table))
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        case PB_SIGN:
            draw_signature(r, b);
            break;
        case PB_CERT:
            draw_certificate(r, b);
            break;
        }
        if (!rc && i % 64 == 0)
            rc = check(r, err);
    }
    if (r->page == 0)
        new_page(r); /* a document always has a page */
    footer(r);
    if (!rc)
        rc = check(r, err);
out:
    if (r->layout)
        g_object_unref(r->layout);
    if (r->ctx)
        g_object_unref(r->ctx);
    if (r->fontmap)
        g_object_unref(r->fontmap);
    r->layout = NULL;
    r->ctx = NULL;
    r->fontmap = NULL;
    cairo_destroy(r->cr);
    r->cr = NULL;
    cairo_surface_finish(r->surface);
    if (!rc)
        rc = check(r, err);
    cairo_surface_destroy(r->surface);
    r->surface = NULL;
    return rc;
}

static bool valid_utf8(const char *s)
{
    return !s || g_utf8_validate(s, -1, NULL);
}

static int validate(const struct pdf_doc *d, struct dj_err *err)
{
    bool ok = valid_utf8(d->issuer) && valid_utf8(d->meta_title) && valid_utf8(d->number);
    for (int i = 0; ok && i < d->nblocks; i++) {
        const struct pdf_block *b = &d->blocks[i];
        ok = valid_utf8(b->text) && valid_utf8(b->issuer) && valid_utf8(b->date) &&
             valid_utf8(b->heading) && valid_utf8(b->recipient);
        if (ok && b->table) {
            const struct pdf_table *t = b->table;
            for (int c = 0; ok && c < t->ncols; c++)
                ok = valid_utf8(t->headers[c]);
            for (long c = 0; ok && c < (long)t->nrows * t->ncols; c++)
                ok = valid_utf8(t->cells[c]);
        }
    }
    return ok ? 0 : dj_err_set(err, DJ_EINVAL, "文档内容不是有效的 UTF-8");
}

int pdf_render(struct pdf_doc *d, char **data, size_t *len, struct dj_err *err)
{
    *data = NULL;
    *len = 0;
    if (d->spoiled)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = validate(d, err);
    if (rc)
        return rc;
    struct render r = {.d = d, .out = DJ_BUF_INIT};
    if (d->style != PDF_CERTIFICATE) {
        /* the first pass only counts the pages */
        if ((rc = pass(&r, err)))
            return rc;
        r.total = r.page;
    }
    r.drawing = true;
    if ((rc = pass(&r, err))) {
        dj_buf_free(&r.out);
        return rc;
    }
    *len = r.out.len;
    *data = dj_buf_take(&r.out);
    return 0;
}

void pdf_shutdown(void)
{
    pango_cairo_font_map_set_default(NULL); /* the calling thread's font map */
    cairo_debug_reset_static_data();

}
