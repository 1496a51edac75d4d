/*
 * funnel.c — the funnel plot's chart model and its SVG (funnel.h).
 *
 * Geometry first, drawing second: ivp__rp_funnel_from_table decides the
 * points, the axes and the ticks; ivp__rp_funnel_fx/fy place a value in
 * the unit square; the SVG writer and the PDF (pdf.c) only scale that to
 * their box. The centre line (the pooled rate) follows from any point's
 * 95% and 99.8% upper limits, which lie at sqrt(theta) + z sd on the
 * square-root scale (src/stats/funnel.h), so it needs no column of its own.
 */
#include "report/funnel.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define Z95 1.959963984540054
#define Z998 3.090232306167813

static double cell(const ivp_table *t, int row, const char *name)
{
	int c;

	for (c = 0; c < ivp_table_ncols(t); c++)
		if (!strcmp(ivp_table_colname(t, c), name)) {
			if (ivp_table_cell_type(t, row, c) == IVP_CELL_REAL)
				return ivp_table_real(t, row, c);
			if (ivp_table_cell_type(t, row, c) == IVP_CELL_INT)
				return (double)ivp_table_int(t, row, c);
			return NAN;
		}
	return NAN;
}

static const char *text(const ivp_table *t, int row, const char *name)
{
	int c;

	for (c = 0; c < ivp_table_ncols(t); c++)
		if (!strcmp(ivp_table_colname(t, c), name))
			return ivp_table_text(t, row, c);
	return NULL;
}

static int by_pop(const void *a, const void *b)
{
	const rp_fpoint *x = a, *y = b;

	return x->pop < y->pop ? -1 : x->pop > y->pop;
}

/* the largest 1-2-5 value <= v (up: the smallest >= v) */
static double nice(double v, int up)
{
	static const double m[] = { 1, 2, 5, 10 };
	double mag = pow(10, floor(log10(v))), best = up ? 10 * mag : mag;
	int i;

	for (i = 0; i < 4; i++) {
		double c = m[i] * mag;

		if (up ? (c >= v * (1 - 1e-9) && c < best) : (c <= v * (1 + 1e-9)))
			best = up ? c : (c > best ? c : best);
	}
	return best;
}

int ivp__rp_funnel_from_table(rp_funnel *f, const ivp_table *t)
{
	int nr = ivp_table_nrows(t), i, k;
	double ymax = 0, lo, hi, v;

	memset(f, 0, sizeof(*f));
	f->p = calloc((size_t)(nr ? nr : 1), sizeof(*f->p));
	if (!f->p)
		return -1;
	for (i = 0; i < nr; i++) {
		rp_fpoint *p = &f->p[f->n];
		const char *name = text(t, i, "name");

		p->pop = cell(t, i, "population");
		p->rate = cell(t, i, "per_1000");
		p->lim[0] = cell(t, i, "limit998_lo");
		p->lim[1] = cell(t, i, "limit95_lo");
		p->lim[2] = cell(t, i, "limit95_hi");
		p->lim[3] = cell(t, i, "limit998_hi");
		if (isnan(cell(t, i, "rank")) || !(p->pop > 0) || isnan(p->rate) || isnan(p->lim[3]))
			continue;
		v = cell(t, i, "own");
		p->own = isnan(v) || v != 0;
		f->any_other |= !p->own;
		p->side = p->rate > p->lim[3] ? 2 : p->rate > p->lim[2] ? 1 :
					    p->rate < p->lim[0]		? -2 :
					    p->rate < p->lim[1]		? -1 :
									  0;
		snprintf(p->name, sizeof(p->name), "%s", name ? name : "");
		f->n++;
	}
	if (!f->n)
		return 0;
	qsort(f->p, (size_t)f->n, sizeof(*f->p), by_pop);
	{
		/* the centre: sqrt(hi95) = r + Z95 s, sqrt(hi998) = r + Z998 s */
		const rp_fpoint *p = &f->p[f->n - 1];
		double s = (sqrt(p->lim[3]) - sqrt(p->lim[2])) / (Z998 - Z95), r = sqrt(p->lim[2]) - Z95 * s;

		f->target = r * r;
	}
	for (i = 0; i < f->n; i++) {
		ymax = fmax(ymax, f->p[i].rate);
		ymax = fmax(ymax, f->p[i].lim[3]);
	}
	ivp__chart_axis_of(0, ymax, 7, &f->y);
	lo = nice(f->p[0].pop, 0);
	hi = nice(f->p[f->n - 1].pop, 1);
	if (!(hi > lo))
		hi = nice(lo * 1.5, 1);
	f->xlo = log10(lo);
	f->xhi = log10(hi);
	/* ticks 1-2-5 from lo to hi, at most 12 */
	for (v = lo, k = 0; v <= hi * (1 + 1e-9) && k < 12; k++) {
		double mag = pow(10, floor(log10(v) + 1e-9)), m = v / mag;

		f->xt[f->nxt++] = v;
		v = (m < 1.5 ? 2 : m < 3 ? 5 :
					   10) *
		    mag;
	}
	return 0;
}

void ivp__rp_funnel_free(rp_funnel *f)
{
	free(f->p);
	f->p = NULL;
	f->n = 0;
}

double ivp__rp_funnel_fx(const rp_funnel *f, double pop)
{
	if (!(f->xhi > f->xlo) || !(pop > 0))
		return 0;
	return (log10(pop) - f->xlo) / (f->xhi - f->xlo);
}

double ivp__rp_funnel_fy(const rp_funnel *f, double rate)
{
	double v;

	if (!(f->y.hi > f->y.lo))
		return 0;
	v = (rate - f->y.lo) / (f->y.hi - f->y.lo);
	return v < 0 ? 0 : v > 1 ? 1 :
				   v;
}

/* ---- SVG ------------------------------------------------------------------- */

typedef struct sv {
	void (*out)(void *ud, const char *s);
	void *ud;
} sv;

static void put(const sv *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(const sv *o, const char *fmt, ...)
{
	char b[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	o->out(o->ud, b);
}

static void esc(const sv *o, const char *s)
{
	char b[256];
	size_t n = 0;

	for (; s && *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" :
					      *s == '>'		? "&gt;" :
					      *s == '"'		? "&quot;" :
								  NULL;

		if (n + 8 >= sizeof(b)) {
			b[n] = '\0';
			o->out(o->ud, b);
			n = 0;
		}
		if (e) {
			memcpy(b + n, e, strlen(e));
			n += strlen(e);
		} else {
			b[n++] = *s;
		}
	}
	b[n] = '\0';
	o->out(o->ud, b);
}

static void numtxt(const sv *o, const char *lang, double v, int dec)
{
	char s[64];

	ivp__rp_num(lang, v, dec, s, sizeof(s));
	esc(o, s);
}

enum {
	SW = 640,
	SH = 380
};
#define PX0 70.0
#define PX1 625.0
#define PTOP 14.0
#define PBOT 290.0
#define SX(pop) (PX0 + ivp__rp_funnel_fx(f, pop) * (PX1 - PX0))
#define SY(v) (PBOT - ivp__rp_funnel_fy(f, v) * (PBOT - PTOP))

static void curve(const sv *o, const rp_funnel *f, int k, const char *cls, const char *attrs)
{
	int i;

	put(o, "<polyline class=\"%s\" fill=\"none\" %s points=\"", cls, attrs);
	for (i = 0; i < f->n; i++)
		put(o, "%s%.1f,%.1f", i ? " " : "", SX(f->p[i].pop), SY(f->p[i].lim[k]));
	o->out(o->ud, "\"/>\n");
}

static void legend(const sv *o, double x, const char *shape, const char *label)
{
	put(o, "<g transform=\"translate(%.0f %d)\">%s<text class=\"ivp-funnel__label\" x=\"22\" y=\"4\" font-size=\"11\">",
	    x, SH - 16, shape);
	esc(o, label);
	o->out(o->ud, "</text></g>\n");
}

void ivp__rp_funnel_svg(const rp_funnel *f, const rp_funnel_words *w, const char *lang, int id,
			void (*out)(void *ud, const char *s), void *ud)
{
	const sv o = { out, ud };
	int i;

	put(&o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ivp-funnel__svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-labelledby=\"funnel-title-%d funnel-desc-%d\"><title id=\"funnel-title-%d\">",
	    SW, SH, SW, SH, id, id, id);
	esc(&o, w->title);
	put(&o, "</title><desc id=\"funnel-desc-%d\">", id);
	esc(&o, w->desc);
	out(ud, "</desc>\n");
	/* y grid and ticks */
	for (i = 0; i < f->y.nticks; i++) {
		double v = f->y.lo + i * f->y.step;

		put(&o, "<line class=\"ivp-funnel__grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d7de\"/>"
			"<text class=\"ivp-funnel__label\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">",
		    PX0, PX1, SY(v), SY(v), PX0 - 6, SY(v) + 4);
		numtxt(&o, lang, v, f->y.dec);
		out(ud, "</text>\n");
	}
	put(&o, "<text class=\"ivp-funnel__label\" transform=\"translate(14 %.1f) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">",
	    (PTOP + PBOT) / 2);
	esc(&o, w->yunit);
	out(ud, "</text>\n");
	/* x ticks (log scale) */
	for (i = 0; i < f->nxt; i++) {
		put(&o, "<line class=\"ivp-funnel__grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d7de\"/>"
			"<text class=\"ivp-funnel__label\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">",
		    SX(f->xt[i]), SX(f->xt[i]), PTOP, PBOT, SX(f->xt[i]), PBOT + 16);
		numtxt(&o, lang, f->xt[i], 0);
		out(ud, "</text>\n");
	}
	put(&o, "<text class=\"ivp-funnel__label\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">",
	    (PX0 + PX1) / 2, PBOT + 34);
	esc(&o, w->xunit);
	out(ud, "</text>\n");
	put(&o, "<line class=\"ivp-funnel__axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1f\"/>\n", PX0, PX1,
	    PBOT, PBOT);
	/* the limits and the centre */
	curve(&o, f, 0, "ivp-funnel__l998", "stroke=\"#154273\" stroke-width=\"1.5\"");
	curve(&o, f, 3, "ivp-funnel__l998", "stroke=\"#154273\" stroke-width=\"1.5\"");
	curve(&o, f, 1, "ivp-funnel__l95", "stroke=\"#154273\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"");
	curve(&o, f, 2, "ivp-funnel__l95", "stroke=\"#154273\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"");
	put(&o, "<line class=\"ivp-funnel__mean\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#57606a\" stroke-width=\"1\"/>\n",
	    PX0, PX1, SY(f->target), SY(f->target));
	/* the points: others first, the own gemeente's on top */
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < f->n; i++) {
			const rp_fpoint *p = &f->p[i];

			if (p->own != pass)
				continue;
			if (p->own)
				put(&o, "<circle class=\"ivp-funnel__own%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"#154273\"%s><title>",
				    p->side ? " ivp-funnel__out" : "", SX(p->pop), SY(p->rate), p->side ? "5" : "3.5",
				    p->side ? " stroke=\"#a34700\" stroke-width=\"2.5\"" : "");
			else
				put(&o, "<circle class=\"ivp-funnel__other%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.2\"><title>",
				    p->side ? " ivp-funnel__out" : "", SX(p->pop), SY(p->rate), p->side ? "#a34700" : "#767676");
			esc(&o, p->name);
			out(ud, ": ");
			numtxt(&o, lang, p->rate, 1);
			out(ud, " ");
			esc(&o, w->yunit);
			out(ud, ", ");
			numtxt(&o, lang, p->pop, 0);
			out(ud, " ");
			esc(&o, w->xunit);
			out(ud, "</title></circle>\n");
		}
	/* legend */
	legend(&o, PX0 - 50, "<circle cx=\"8\" cy=\"0\" r=\"3.5\" fill=\"#154273\"/>", w->own);
	if (f->any_other)
		legend(&o, PX0 + 70, "<circle cx=\"8\" cy=\"0\" r=\"3\" fill=\"none\" stroke=\"#767676\"/>", w->other);
	legend(&o, PX0 + 190, "<line x1=\"0\" x2=\"16\" y1=\"0\" y2=\"0\" stroke=\"#57606a\"/>", w->mean);
	legend(&o, PX0 + 320, "<line x1=\"0\" x2=\"16\" y1=\"0\" y2=\"0\" stroke=\"#154273\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>", w->l95);
	legend(&o, PX0 + 430, "<line x1=\"0\" x2=\"16\" y1=\"0\" y2=\"0\" stroke=\"#154273\" stroke-width=\"1.5\"/>", w->l998);
	out(ud, "</svg>\n");
}
