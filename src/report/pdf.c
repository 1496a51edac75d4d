/*
 * pdf.c — the report as PDF, drawn with cairo and laid out with pango.
 *
 * A4, DejaVu Sans (cairo embeds the subsets it uses, so the text stays
 * selectable and the file shows the same everywhere), every chapter on a
 * new page, tables that break across pages with their header repeated,
 * charts as vector graphics, page numbers "Pagina 3 van 12", a table of
 * contents whose entries are internal links, a document outline
 * (bookmarks per chapter and per section), structure tags for headings
 * and paragraphs (cairo 1.16 does not flag the file as tagged) and the
 * document's metadata, with its language (nl-NL, en-GB) set by QPDF:
 * cairo 1.16 cannot write /Lang, so the second pass renders into memory
 * and QPDF (libqpdf's C API) adds /Lang to the catalog and writes the
 * file, copying every stream as cairo compressed it.
 *
 * Two passes over the document: the first lays it out (measures every
 * text, draws none) on a surface that discards its bytes, to learn the
 * number of pages and the page of every heading; the second draws it into
 * the file with those numbers filled in. A table cell is laid out once per
 * pass, measured and drawn from the same layout.
 * Both passes lay out identically (page numbers never change a line's
 * height), so what the first pass learnt holds for the second.
 *
 * Reproducible: the creation and modification dates are the report date,
 * never the clock, and QPDF's file identifier (/ID) is computed from the
 * content (its deterministic ID), so the same document gives the same
 * bytes.
 *
 * Built into the module ivp-report.so with xlsx.c (core/module.h): its one
 * export is the back ends' table ivp__rp_backend_ops, which backend.c's
 * wrappers call.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/funnel.h"
#include "report/report.h"

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.890
#define M_LEFT 62.0
#define M_RIGHT 62.0
#define M_TOP 60.0
#define M_BOTTOM 72.0
#define TEXT_W (PAGE_W - M_LEFT - M_RIGHT)
#define BODY_BOTTOM (PAGE_H - M_BOTTOM)
#define FONT "DejaVu Sans"

typedef struct rgb {
	double r, g, b;
} rgb;

static const rgb INK = { 0.10, 0.10, 0.12 }, BLUE = { 0.08, 0.26, 0.45 }, GREY = { 0.40, 0.40, 0.42 },
		 RULE = { 0.75, 0.76, 0.78 }, HEAD_BG = { 0.90, 0.92, 0.95 }, BAND = { 0.72, 0.82, 0.93 },
		 TARGET = { 0.80, 0.35, 0.05 }, SERIES2 = { 0.10, 0.45, 0.30 };

typedef struct pdf {
	const rp_doc *d;
	cairo_surface_t *s;
	cairo_t *cr;
	PangoFontMap *fm; /* our own, or a batch's (ivp__rp_pdf_fonts): no font cache outlives its owner */
	PangoContext *pc;
	int draw_links; /* the second pass: links, destinations, outline */
	int measuring;	/* the first pass: lay out and measure, draw no text */
	int page;	/* 1-based */
	int pages;	/* the first pass's total; 0 in the first pass */
	double y;
	int *hpage;   /* per block: the page of a heading (first pass) */
	int *outline; /* per block: the outline id of a heading */
} pdf;

static void set_rgb(pdf *p, rgb c)
{
	cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
}

/*
 * Pango breaks a word too long for its line and inserts a hyphen; in a
 * code, a hash, a file or a key (a run without spaces holding a digit, '_',
 * '.', '/' or ':') that hyphen would become part of what a reader copies
 * (a SHA-256 with a '-' in it), so such runs break without one.
 */
static void no_hyphens_in_codes(PangoLayout *l, const char *text)
{
	PangoAttrList *al = NULL;
	const char *p = text;

	while (*p) {
		const char *q = p;
		int code = 0;

		while (*q && *q != ' ' && *q != '\n') {
			code |= (*q >= '0' && *q <= '9') || strchr("_./:", *q) != NULL;
			q++;
		}
		if (code) {
			PangoAttribute *a = pango_attr_insert_hyphens_new(FALSE);

			a->start_index = (guint)(p - text);
			a->end_index = (guint)(q - text);
			if (!al)
				al = pango_attr_list_new();
			pango_attr_list_insert(al, a);
		}
		p = *q ? q + 1 : q;
	}
	if (al) {
		pango_layout_set_attributes(l, al);
		pango_attr_list_unref(al);
	}
}

/* A layout of text in FONT at size pt, bold/italic, wrapped at width (0: none). */
static PangoLayout *layout(pdf *p, const char *text, double size, int bold, int italic, double width, int right)
{
	PangoLayout *l = pango_layout_new(p->pc);
	PangoFontDescription *f = pango_font_description_new();

	pango_font_description_set_family(f, FONT);
	pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
	pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(f, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	if (right)
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	pango_layout_set_text(l, text ? text : "", -1);
	if (width > 0)
		no_hyphens_in_codes(l, text ? text : "");
	return l;
}

static double height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double width_of(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

static void show(pdf *p, PangoLayout *l, double x, double y, rgb c)
{
	if (p->measuring) /* the first pass only needs the heights */
		return;
	set_rgb(p, c);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

static void footer(pdf *p)
{
	char num[96];
	PangoLayout *l;

	if (p->pages)
		snprintf(num, sizeof(num), "%s %d %s %d", p->d->page_word, p->page, p->d->of_word, p->pages);
	else
		snprintf(num, sizeof(num), "%s %d", p->d->page_word, p->page);
	cairo_set_line_width(p->cr, 0.5);
	set_rgb(p, RULE);
	cairo_move_to(p->cr, M_LEFT, PAGE_H - M_BOTTOM + 24);
	cairo_line_to(p->cr, PAGE_W - M_RIGHT, PAGE_H - M_BOTTOM + 24);
	cairo_stroke(p->cr);
	l = layout(p, p->d->footer, 7.5, 0, 0, TEXT_W * 0.7, 0);
	show(p, l, M_LEFT, PAGE_H - M_BOTTOM + 29, GREY);
	g_object_unref(l);
	l = layout(p, num, 7.5, 0, 0, TEXT_W * 0.3, 1);
	show(p, l, M_LEFT + TEXT_W * 0.7, PAGE_H - M_BOTTOM + 29, GREY);
	g_object_unref(l);
}

static void new_page(pdf *p)
{
	footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = M_TOP;
}

/* Room for h more points on this page, else a new page. */
static void need(pdf *p, double h)
{
	if (p->y + h > BODY_BOTTOM && p->y > M_TOP)
		new_page(p);
}

static void text_block(pdf *p, const char *text, double size, int bold, int italic, rgb c, double before, double after)
{
	PangoLayout *l = layout(p, text, size, bold, italic, TEXT_W - (italic ? 10 : 0), 0);
	double h = height(l);

	p->y += before;
	need(p, h);
	if (italic) { /* a note: a rule on its left */
		cairo_set_line_width(p->cr, 1.5);
		set_rgb(p, RULE);
		cairo_move_to(p->cr, M_LEFT + 2, p->y + 1);
		cairo_line_to(p->cr, M_LEFT + 2, p->y + h - 1);
		cairo_stroke(p->cr);
	}
	if (p->draw_links)
		cairo_tag_begin(p->cr, "P", NULL);
	show(p, l, M_LEFT + (italic ? 10 : 0), p->y, c);
	if (p->draw_links)
		cairo_tag_end(p->cr, "P");
	p->y += h + after;
	g_object_unref(l);
}

static void heading(pdf *p, int bi)
{
	const rp_block *b = &p->d->b[bi];
	double size = b->level == 1 ? 16 : b->level == 2 ? 12.5 :
							   10.5;
	PangoLayout *l = layout(p, b->text, size, 1, 0, TEXT_W, 0);
	double h = height(l);
	char attr[256];

	if (b->level == 1 && p->y > M_TOP && p->d->chapter_pages)
		new_page(p);
	p->y += b->level == 1 ? (p->y > M_TOP ? 14 : 0) : 10;
	need(p, h + 70); /* keep a heading with what follows */
	if (p->draw_links && b->id) {
		snprintf(attr, sizeof(attr), "name='%s'", b->id);
		cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
	}
	if (p->draw_links)
		cairo_tag_begin(p->cr, b->level == 1 ? "H1" : b->level == 2 ? "H2" :
									      "H3",
				NULL);
	show(p, l, M_LEFT, p->y, BLUE);
	if (p->draw_links)
		cairo_tag_end(p->cr, b->level == 1 ? "H1" : b->level == 2 ? "H2" :
									    "H3");
	if (p->draw_links && b->id)
		cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	p->hpage[bi] = p->page;
	if (p->draw_links && b->id && b->level <= 2) {
		int parent = CAIRO_PDF_OUTLINE_ROOT, k;

		for (k = bi - 1; b->level == 2 && k >= 0; k--)
			if (p->d->b[k].kind == RB_HEADING && p->d->b[k].level == 1) {
				parent = p->outline[k];
				break;
			}
		snprintf(attr, sizeof(attr), "dest='%s'", b->id);
		p->outline[bi] = cairo_pdf_surface_add_outline(p->s, parent, b->text, attr,
							       b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_BOLD : 0);
	}
	p->y += h + (b->level == 1 ? 10 : 5);
	g_object_unref(l);
}

static void toc(pdf *p, int at)
{
	int i;

	text_block(p, p->d->toc_title, 12.5, 1, 0, BLUE, 14, 6);
	for (i = at + 1; i < p->d->n; i++) {
		const rp_block *b = &p->d->b[i];
		PangoLayout *l, *n;
		char num[16], attr[256];
		double h, indent = b->level == 1 ? 0 : 16;

		if (b->kind != RB_HEADING || b->level > 2)
			continue;
		snprintf(num, sizeof(num), "%d", p->hpage[i]);
		l = layout(p, b->text, b->level == 1 ? 9.5 : 8.5, b->level == 1, 0, TEXT_W - 40 - indent, 0);
		n = layout(p, p->pages ? num : "", b->level == 1 ? 9.5 : 8.5, b->level == 1, 0, 40, 1);
		h = height(l);
		need(p, h + 2);
		if (p->draw_links && b->id) {
			snprintf(attr, sizeof(attr), "dest='%s'", b->id);
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attr);
		}
		show(p, l, M_LEFT + indent, p->y, INK);
		show(p, n, M_LEFT + TEXT_W - 40, p->y, INK);
		if (p->draw_links && b->id)
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		p->y += h + (b->level == 1 ? 3 : 1.5);
		g_object_unref(l);
		g_object_unref(n);
	}
}

/* ---- tables ---------------------------------------------------------------- */

#define PAD 3.0
#define TSIZE 7.5

/* The natural width of text (one line) and its widest word, in pt, with the cells' padding. */
static void measure(pdf *p, const char *text, int bold, double *natural, double *word)
{
	PangoLayout *l = layout(p, text, TSIZE, bold, 0, 0, 0);

	*natural = width_of(l) + 2 * PAD;
	pango_layout_set_width(l, PANGO_SCALE); /* 1 pt: a line per word, none broken */
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	*word = width_of(l) + 2 * PAD;
	g_object_unref(l);
}

/*
 * The columns' widths from their content, as a browser lays out an
 * automatic table: each column at least its widest word (header and
 * cells), so no word is broken ("Streefwaarde", not "Streefwaard-e");
 * when every text fits on one line, the spare width is shared in
 * proportion to the natural widths; otherwise the width above the
 * minimums goes to the columns in proportion to what they lack. Only when
 * the widest words alone exceed the text width are they narrowed (and
 * broken) in proportion.
 */
static void col_x(pdf *p, const rp_table *t, double *x, double *w)
{
	double mn[32], mx[32], smin = 0, smax = 0, at = M_LEFT;
	int c, r;

	for (c = 0; c < t->ncols; c++) {
		measure(p, t->head[c], 1, &mx[c], &mn[c]);
		for (r = 0; r < t->nrows; r++) {
			double a, b;

			measure(p, t->cells[r * t->ncols + c].text, t->last_total && r == t->nrows - 1, &a, &b);
			mx[c] = fmax(mx[c], a);
			mn[c] = fmax(mn[c], b);
		}
		mx[c] = fmax(mx[c], mn[c]);
		smin += mn[c];
		smax += mx[c];
	}
	for (c = 0; c < t->ncols; c++) {
		if (smax <= TEXT_W)
			w[c] = mx[c] + (TEXT_W - smax) * mx[c] / smax;
		else if (smin <= TEXT_W)
			w[c] = mn[c] + (TEXT_W - smin) * (mx[c] - mn[c]) / (smax - smin);
		else
			w[c] = TEXT_W * mn[c] / smin;
		x[c] = at;
		at += w[c];
	}
}

/* One row of a table, laid out once: measured, then drawn from the same layouts. */
typedef struct cells {
	PangoLayout *l[32];
	int n;
	double h; /* with its padding */
} cells;

static void row_lay(pdf *p, const rp_table *t, const char *const *texts, int head, int bold, const double *w,
		    cells *r)
{
	int c;

	r->n = t->ncols < 32 ? t->ncols : 32;
	r->h = 0;
	for (c = 0; c < r->n; c++) {
		r->l[c] = layout(p, texts[c], TSIZE, head || bold, 0, w[c] - 2 * PAD, !head && t->right && t->right[c]);
		if (head && t->right && t->right[c])
			pango_layout_set_alignment(r->l[c], PANGO_ALIGN_RIGHT);
		r->h = fmax(r->h, height(r->l[c]));
	}
	r->h += 2 * PAD;
}

static void row_draw(pdf *p, const cells *r, int head, int bold, const double *x, double y)
{
	int c;

	if (head) {
		set_rgb(p, HEAD_BG);
		cairo_rectangle(p->cr, M_LEFT, y, TEXT_W, r->h);
		cairo_fill(p->cr);
	}
	for (c = 0; c < r->n; c++)
		show(p, r->l[c], x[c] + PAD, y + PAD, INK);
	cairo_set_line_width(p->cr, head || bold ? 0.8 : 0.4);
	set_rgb(p, RULE);
	cairo_move_to(p->cr, M_LEFT, y + r->h);
	cairo_line_to(p->cr, M_LEFT + TEXT_W, y + r->h);
	cairo_stroke(p->cr);
}

static void row_free(cells *r)
{
	int c;

	for (c = 0; c < r->n; c++)
		g_object_unref(r->l[c]);
	r->n = 0;
}

static void table(pdf *p, const rp_table *t)
{
	double x[32] = { 0 }, w[32] = { 0 }, ch;
	const char *texts[32];
	cells hd, first = { 0 }, cur;
	PangoLayout *cap;
	int r, c;

	if (t->ncols > 32)
		return;
	col_x(p, t, x, w);
	p->y += 6;
	cap = layout(p, t->caption, 8.5, 1, 0, TEXT_W, 0);
	ch = height(cap) + 3;
	row_lay(p, t, t->head, 1, 0, w, &hd);
	if (t->nrows) {
		for (c = 0; c < t->ncols; c++)
			texts[c] = t->cells[c].text;
		row_lay(p, t, texts, 0, 0, w, &first);
	}
	need(p, ch + hd.h + (t->nrows ? first.h : 0)); /* caption, header and the first row together */
	show(p, cap, M_LEFT, p->y, INK);
	g_object_unref(cap);
	p->y += ch;
	row_draw(p, &hd, 1, 0, x, p->y);
	p->y += hd.h;
	for (r = 0; r < t->nrows; r++) {
		int bold = t->last_total && r == t->nrows - 1, again = r > 0 || bold;

		if (again) { /* the first row was laid out plain; a bold one anew */
			for (c = 0; c < t->ncols; c++)
				texts[c] = t->cells[r * t->ncols + c].text;
			row_lay(p, t, texts, 0, bold, w, &cur);
		}
		if (p->y + (again ? cur.h : first.h) > BODY_BOTTOM) { /* the table goes on: the header again */
			new_page(p);
			row_draw(p, &hd, 1, 0, x, p->y);
			p->y += hd.h;
		}
		row_draw(p, again ? &cur : &first, 0, bold, x, p->y);
		p->y += again ? cur.h : first.h;
		if (again)
			row_free(&cur);
	}
	row_free(&first);
	row_free(&hd);
	p->y += 8;
}

/* ---- charts ------------------------------------------------------------------ */

/* The funnel plot (funnel.h): the same geometry as its SVG, drawn with cairo. */
#define FN_H 230.0
static void funnel_curve(pdf *p, const rp_funnel *f, int k, double x0, double x1, double top, double bottom)
{
	int i;

	for (i = 0; i < f->n; i++) {
		double x = x0 + ivp__rp_funnel_fx(f, f->p[i].pop) * (x1 - x0);
		double y = bottom - ivp__rp_funnel_fy(f, f->p[i].lim[k]) * (bottom - top);

		if (i == 0)
			cairo_move_to(p->cr, x, y);
		else
			cairo_line_to(p->cr, x, y);
	}
	cairo_stroke(p->cr);
}

static void funnel_plot(pdf *p, const rp_block *b)
{
	static const double dash[] = { 3.5, 2.5 };
	const rp_funnel *f = b->funnel;
	const rp_funnel_words *w = b->fwords;
	double x0 = M_LEFT + 52, x1 = M_LEFT + TEXT_W - 10, top, bottom, lx;
	PangoLayout *l;
	char s[64];
	int i, k, layer;

#define FX(pop) (x0 + ivp__rp_funnel_fx(f, pop) * (x1 - x0))
#define FY(v) (bottom - ivp__rp_funnel_fy(f, v) * (bottom - top))
	p->y += 6;
	need(p, FN_H + 50);
	l = layout(p, w->title, 8.5, 1, 0, TEXT_W, 0);
	show(p, l, M_LEFT, p->y, INK);
	p->y += height(l) + 4;
	g_object_unref(l);
	top = p->y + 8;
	bottom = p->y + FN_H - 44;
	cairo_set_line_width(p->cr, 0.4);
	for (i = 0; i < f->y.nticks; i++) {
		double v = f->y.lo + i * f->y.step;

		set_rgb(p, RULE);
		cairo_move_to(p->cr, x0, FY(v));
		cairo_line_to(p->cr, x1, FY(v));
		cairo_stroke(p->cr);
		ivp__rp_num(p->d->lang, v, f->y.dec, s, sizeof(s));
		l = layout(p, s, 7, 0, 0, 30, 1);
		show(p, l, x0 - 34, FY(v) - height(l) / 2, INK);
		g_object_unref(l);
	}
	for (i = 0; i < f->nxt; i++) {
		set_rgb(p, RULE);
		cairo_move_to(p->cr, FX(f->xt[i]), top);
		cairo_line_to(p->cr, FX(f->xt[i]), bottom);
		cairo_stroke(p->cr);
		ivp__rp_num(p->d->lang, f->xt[i], 0, s, sizeof(s));
		l = layout(p, s, 7, 0, 0, 0, 0);
		show(p, l, FX(f->xt[i]) - width_of(l) / 2, bottom + 3, INK);
		g_object_unref(l);
	}
	l = layout(p, w->xunit, 7, 0, 0, 0, 0);
	show(p, l, (x0 + x1) / 2 - width_of(l) / 2, bottom + 14, INK);
	g_object_unref(l);
	l = layout(p, w->yunit, 7, 0, 0, 0, 0);
	cairo_save(p->cr);
	set_rgb(p, INK);
	cairo_move_to(p->cr, M_LEFT, (top + bottom) / 2 + width_of(l) / 2);
	cairo_rotate(p->cr, -M_PI / 2);
	pango_cairo_update_layout(p->cr, l);
	pango_cairo_show_layout(p->cr, l);
	cairo_restore(p->cr);
	g_object_unref(l);
	set_rgb(p, INK);
	cairo_set_line_width(p->cr, 0.8);
	cairo_move_to(p->cr, x0, bottom);
	cairo_line_to(p->cr, x1, bottom);
	cairo_stroke(p->cr);
	/* limits: 99.8% solid, 95% dashed; the centre grey */
	set_rgb(p, BLUE);
	cairo_set_line_width(p->cr, 1.1);
	for (k = 0; k < 4; k++) {
		cairo_set_dash(p->cr, k == 1 || k == 2 ? dash : NULL, k == 1 || k == 2 ? 2 : 0, 0);
		funnel_curve(p, f, k, x0, x1, top, bottom);
	}
	cairo_set_dash(p->cr, NULL, 0, 0);
	set_rgb(p, GREY);
	cairo_set_line_width(p->cr, 0.7);
	cairo_move_to(p->cr, x0, FY(f->target));
	cairo_line_to(p->cr, x1, FY(f->target));
	cairo_stroke(p->cr);
	/* the points: others hollow, the own gemeente's filled on top, those beyond the limits ringed */
	for (layer = 0; layer < 2; layer++)
		for (i = 0; i < f->n; i++) {
			const rp_fpoint *q = &f->p[i];

			if (q->own != layer)
				continue;
			cairo_new_path(p->cr);
			cairo_arc(p->cr, FX(q->pop), FY(q->rate), q->own ? 2.4 : 2.0, 0, 2 * M_PI);
			if (q->own) {
				set_rgb(p, BLUE);
				cairo_fill(p->cr);
			} else {
				set_rgb(p, GREY);
				cairo_set_line_width(p->cr, 0.7);
				cairo_stroke(p->cr);
			}
			if (q->side) {
				set_rgb(p, TARGET);
				cairo_set_line_width(p->cr, 1.2);
				cairo_new_path(p->cr);
				cairo_arc(p->cr, FX(q->pop), FY(q->rate), 4.2, 0, 2 * M_PI);
				cairo_stroke(p->cr);
			}
		}
	/* legend */
	lx = x0;
	{
		const char *labels[5] = { w->own, w->other, w->mean, w->l95, w->l998 };

		for (k = 0; k < 5; k++) {
			double ly = bottom + 28;

			if (k == 1 && !f->any_other)
				continue;
			cairo_new_path(p->cr);
			if (k == 0) {
				set_rgb(p, BLUE);
				cairo_arc(p->cr, lx + 6, ly + 5, 2.4, 0, 2 * M_PI);
				cairo_fill(p->cr);
			} else if (k == 1) {
				set_rgb(p, GREY);
				cairo_arc(p->cr, lx + 6, ly + 5, 2.0, 0, 2 * M_PI);
				cairo_stroke(p->cr);
			} else {
				set_rgb(p, k == 2 ? GREY : BLUE);
				cairo_set_line_width(p->cr, 1.1);
				cairo_set_dash(p->cr, k == 3 ? dash : NULL, k == 3 ? 2 : 0, 0);
				cairo_move_to(p->cr, lx, ly + 5);
				cairo_line_to(p->cr, lx + 14, ly + 5);
				cairo_stroke(p->cr);
				cairo_set_dash(p->cr, NULL, 0, 0);
			}
			l = layout(p, labels[k], 7, 0, 0, 0, 0);
			show(p, l, lx + 18, ly, INK);
			lx += 18 + width_of(l) + 14;
			g_object_unref(l);
		}
	}
	p->y = bottom + 44;
	text_block(p, b->text, 8, 0, 1, GREY, 0, 5);
#undef FX
#undef FY
}

#define CH_H 200.0

static void chart(pdf *p, const rp_block *b)
{
	const rp_chart *c = b->chart;
	double x0 = M_LEFT + 52, x1 = M_LEFT + TEXT_W - 10, top, bottom;
	PangoLayout *l;
	char s[64];
	int i, j, k, yr;

#define X(year) ivp__chart_x(c, (year), x0, x1)
#define Y(v) ivp__chart_y(c, (v), top, bottom)
	p->y += 6;
	need(p, CH_H + 40);
	l = layout(p, c->title, 8.5, 1, 0, TEXT_W, 0);
	show(p, l, M_LEFT, p->y, INK);
	p->y += height(l) + 4;
	g_object_unref(l);
	top = p->y + 8;
	bottom = p->y + CH_H - 40;
	/* grid and y ticks */
	cairo_set_line_width(p->cr, 0.4);
	for (i = 0; i < c->y.nticks; i++) {
		double v = c->y.lo + i * c->y.step;

		set_rgb(p, RULE);
		cairo_move_to(p->cr, x0, Y(v));
		cairo_line_to(p->cr, x1, Y(v));
		cairo_stroke(p->cr);
		ivp__rp_num(p->d->lang, v, c->y.dec, s, sizeof(s));
		l = layout(p, s, 7, 0, 0, 30, 1);
		show(p, l, x0 - 34, Y(v) - height(l) / 2, INK);
		g_object_unref(l);
	}
	/* the unit on the y axis, rotated */
	l = layout(p, c->unit, 7, 0, 0, 0, 0);
	cairo_save(p->cr);
	set_rgb(p, INK);
	cairo_move_to(p->cr, M_LEFT, (top + bottom) / 2 + width_of(l) / 2);
	cairo_rotate(p->cr, -M_PI / 2);
	pango_cairo_update_layout(p->cr, l); /* in both passes: it sets the context the later layouts share */
	if (!p->measuring)
		pango_cairo_show_layout(p->cr, l);
	cairo_restore(p->cr);
	g_object_unref(l);
	/* x ticks: every year */
	for (yr = c->xmin; yr <= c->xmax; yr++) {
		snprintf(s, sizeof(s), "%d", yr);
		l = layout(p, s, 7, 0, 0, 0, 0);
		show(p, l, X(yr) - width_of(l) / 2, bottom + 3, INK);
		g_object_unref(l);
	}
	set_rgb(p, INK);
	cairo_set_line_width(p->cr, 0.8);
	cairo_move_to(p->cr, x0, bottom);
	cairo_line_to(p->cr, x1, bottom);
	cairo_stroke(p->cr);
	/* the interval band, per run of joined points */
	for (i = 0; c->has_band && i < c->n; i = j + 1) {
		for (j = i; j + 1 < c->n && ivp__chart_joined(c, j + 1); j++)
			;
		if (isnan(c->p[i].v))
			continue;
		set_rgb(p, BAND);
		if (j == i) {
			cairo_rectangle(p->cr, X(c->p[i].year) - 6, Y(c->p[i].hi), 12, Y(c->p[i].lo) - Y(c->p[i].hi));
		} else {
			cairo_move_to(p->cr, X(c->p[i].year), Y(c->p[i].hi));
			for (k = i + 1; k <= j; k++)
				cairo_line_to(p->cr, X(c->p[k].year), Y(c->p[k].hi));
			for (k = j; k >= i; k--)
				cairo_line_to(p->cr, X(c->p[k].year), Y(c->p[k].lo));
		}
		cairo_close_path(p->cr);
		cairo_fill(p->cr);
	}
	/* a change of classification: a marker between the two series */
	if (c->break_year) {
		static const double dot[] = { 2, 2 };

		set_rgb(p, GREY);
		cairo_set_line_width(p->cr, 0.8);
		cairo_set_dash(p->cr, dot, 2, 0);
		cairo_move_to(p->cr, X(c->break_year - 0.5), top);
		cairo_line_to(p->cr, X(c->break_year - 0.5), bottom);
		cairo_stroke(p->cr);
		cairo_set_dash(p->cr, NULL, 0, 0);
		l = layout(p, c->break_label, 6.5, 0, 0, 0, 0);
		show(p, l, X(c->break_year - 0.5) + 3, top - 2, GREY);
		g_object_unref(l);
	}
	/* baseline to target, dashed */
	if (c->has_target) {
		static const double dash[] = { 4, 3 };

		set_rgb(p, TARGET);
		cairo_set_line_width(p->cr, 1.2);
		cairo_set_dash(p->cr, dash, 2, 0);
		cairo_move_to(p->cr, X(c->x0), Y(c->y0));
		cairo_line_to(p->cr, X(c->x1), Y(c->y1));
		cairo_stroke(p->cr);
		cairo_set_dash(p->cr, NULL, 0, 0);
	}
	/* the values */
	cairo_set_line_width(p->cr, 1.6);
	for (k = 0; k < 2; k++) {
		set_rgb(p, k ? SERIES2 : BLUE);
		for (i = 0; i < c->n; i++) {
			if (isnan(c->p[i].v) || ivp__chart_series(c, i) != k)
				continue;
			if (ivp__chart_joined(c, i))
				cairo_line_to(p->cr, X(c->p[i].year), Y(c->p[i].v));
			else
				cairo_move_to(p->cr, X(c->p[i].year), Y(c->p[i].v));
		}
		cairo_stroke(p->cr);
		for (i = 0; i < c->n; i++) {
			if (isnan(c->p[i].v) || ivp__chart_series(c, i) != k)
				continue;
			cairo_arc(p->cr, X(c->p[i].year), Y(c->p[i].v), 2.4, 0, 2 * M_PI);
			cairo_fill(p->cr);
		}
	}
	/* legend */
	{
		double lx = x0, ly = bottom + 18;
		const char *labels[4] = { c->line_label, c->band_label, c->target_label, c->line2_label };
		const rgb cols[4] = { BLUE, BAND, TARGET, SERIES2 };

		for (i = 0; i < 4; i++) {
			if ((i == 1 && !c->has_band) || (i == 2 && !c->has_target) || (i == 3 && !c->break_year))
				continue;
			l = layout(p, labels[i], 7, 0, 0, 0, 0);
			if (lx > x0 && lx + 18 + width_of(l) > x1) { /* a second row rather than past the margin */
				lx = x0;
				ly += 11;
			}
			set_rgb(p, cols[i]);
			if (i == 1)
				cairo_rectangle(p->cr, lx, ly + 2, 14, 6);
			else
				cairo_rectangle(p->cr, lx, ly + 4, 14, 2);
			cairo_fill(p->cr);
			show(p, l, lx + 18, ly, INK);
			lx += 18 + width_of(l) + 14;
			g_object_unref(l);
		}
		p->y = ly + 16;
	}
#undef X
#undef Y
	if (b->text)
		text_block(p, b->text, 7.5, 0, 1, GREY, 2, 4);
}

/* ---- the document ------------------------------------------------------------ */

static void render(pdf *p)
{
	int i;

	p->page = 1;
	p->y = M_TOP;
	for (i = 0; i < p->d->n; i++) {
		const rp_block *b = &p->d->b[i];

		switch (b->kind) {
		case RB_TITLE:
			p->y = M_TOP + 120;
			text_block(p, b->text, 24, 1, 0, BLUE, 0, 10);
			break;
		case RB_HEADING:
			heading(p, i);
			break;
		case RB_PARA:
			text_block(p, b->text, 9.5, 0, 0, INK, 0, 7);
			break;
		case RB_NOTE:
			text_block(p, b->text, 8, 0, 1, GREY, 0, 5);
			break;
		case RB_TABLE:
			table(p, b->table);
			break;
		case RB_CHART:
			chart(p, b);
			break;
		case RB_FUNNEL:
			funnel_plot(p, b);
			break;
		case RB_TOC:
			toc(p, i);
			break;
		case RB_BREAK:
			new_page(p);
			break;
		}
	}
	footer(p);
	cairo_show_page(p->cr);
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
	(void)closure;
	(void)data;
	(void)length;
	return CAIRO_STATUS_SUCCESS;
}

static void metadata(pdf *p)
{
	char date[40];

	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_TITLE, p->d->title);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_AUTHOR, p->d->author);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_SUBJECT, p->d->subject);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_KEYWORDS, p->d->keywords);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_CREATOR, "ivp " IVP_REPORT_VERSION);
	snprintf(date, sizeof(date), "%.10sT00:00:00Z", p->d->date);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* The second pass's bytes, in memory until QPDF has set the language. */
typedef struct membuf {
	unsigned char *p;
	size_t n, cap;
	int oom;
} membuf;

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int length)
{
	membuf *b = closure;

	if (b->n + length > b->cap) {
		size_t cap = b->cap ? b->cap : 1 << 17;
		unsigned char *np;

		while (cap < b->n + length)
			cap *= 2;
		np = realloc(b->p, cap);
		if (!np) {
			b->oom = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, length);
	b->n += length;
	return CAIRO_STATUS_SUCCESS;
}

static ivp_rc qpdf_failed(ivp_ctx *ctx, qpdf_data q)
{
	ivp__fail(ctx, IVP_EIO, "cannot write the PDF");
	if (qpdf_has_error(q))
		ivp__detail(ctx, "qpdf: %s.", qpdf_get_error_full_text(q, qpdf_get_error(q)));
	return IVP_EIO;
}

/*
 * Write cairo's PDF in b to path with /Lang on the catalog (BCP 47 tag
 * lang). Streams are copied as they are (no decoding, no recompression);
 * the objects are renumbered in order and the /ID is a digest of the
 * content, so the same input gives the same file.
 */
static ivp_rc write_with_lang(ivp_ctx *ctx, const membuf *b, const char *path, const char *lang)
{
	qpdf_data q = qpdf_init();
	ivp_rc rc = IVP_OK;

	if (!q)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	qpdf_silence_errors(q); /* errors come back through qpdf_get_error, never on stderr */
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qpdf_read_memory(q, "report.pdf", (const char *)b->p, (unsigned long long)b->n, NULL) & QPDF_ERRORS) {
		rc = qpdf_failed(ctx, q);
		goto out;
	}
	qpdf_oh_replace_key(q, qpdf_get_root(q), "/Lang", qpdf_oh_new_string(q, lang));
	if (qpdf_init_write(q, path) & QPDF_ERRORS) {
		rc = qpdf_failed(ctx, q);
		goto out;
	}
	qpdf_set_decode_level(q, qpdf_dl_none);
	qpdf_set_compress_streams(q, QPDF_FALSE);
	qpdf_set_object_stream_mode(q, qpdf_o_preserve);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS)
		rc = qpdf_failed(ctx, q);
out:
	qpdf_cleanup(&q);
	return rc;
}

static ivp_rc pass(ivp_ctx *ctx, pdf *p, const char *path)
{
	cairo_status_t st;
	membuf b = { 0 };
	ivp_rc rc;

	p->s = cairo_pdf_surface_create_for_stream(path ? collect : discard, &b, PAGE_W, PAGE_H);
	p->cr = cairo_create(p->s);
	p->pc = pango_font_map_create_context(p->fm);
	pango_cairo_update_context(p->cr, p->pc);
	pango_cairo_context_set_resolution(p->pc, 72); /* sizes in points, as the page */
	if (path)
		metadata(p);
	render(p);
	g_object_unref(p->pc);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->s);
	st = cairo_surface_status(p->s);
	cairo_surface_destroy(p->s);
	if (st == CAIRO_STATUS_NO_MEMORY || b.oom)
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	else if (st != CAIRO_STATUS_SUCCESS) {
		ivp__fail(ctx, IVP_EIO, "cannot write the PDF");
		ivp__detail(ctx, "cairo: %s.", cairo_status_to_string(st));
		rc = IVP_EIO;
	} else
		rc = path ? write_with_lang(ctx, &b, path, strcmp(p->d->lang, "en") ? "nl-NL" : "en-GB") : IVP_OK;
	free(b.p);
	return rc;
}

static ivp_rc pdf_fonts(ivp_ctx *ctx, const rp_doc *d, const char *path, void **fonts)
{
	pdf p;
	ivp_rc rc;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.hpage = calloc((size_t)d->n + 1, sizeof(int));
	p.outline = calloc((size_t)d->n + 1, sizeof(int));
	if (!p.hpage || !p.outline) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	p.fm = fonts && *fonts ? g_object_ref(*fonts) : pango_cairo_font_map_new();
	if (!p.fm) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	if (fonts && !*fonts)
		*fonts = g_object_ref(p.fm);
	p.measuring = 1;
	if ((rc = pass(ctx, &p, NULL)))
		goto out;
	p.pages = p.page;
	p.measuring = 0;
	p.draw_links = 1;
	rc = pass(ctx, &p, path);
out:
	if (p.fm)
		g_object_unref(p.fm);
	free(p.hpage);
	free(p.outline);
	return rc;
}

static void fonts_free(void *fonts)
{
	if (fonts)
		g_object_unref(fonts);
}

/* The module's one export (report.h, core/module.h). */
const rp_backend ivp__rp_backend_ops = { pdf_fonts, fonts_free, ivp__rp_xlsx_write };
