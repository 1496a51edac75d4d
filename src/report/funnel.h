/*
 * funnel.h — the funnel plot as a chart kind of the chart model: rate
 * against population, the funnel limits as curves, each area a point, the
 * own gemeente's areas marked. One model for every back end: the web
 * page's and the HTML report's inline SVG (ivp__rp_funnel_svg, written
 * here once) and the PDF's cairo drawing (pdf.c, from the same geometry).
 *
 * The model is built from the rows of an ivp_ranking table (population,
 * per_1000, limit95_lo/hi, limit998_lo/hi, own, name): the limits of each
 * area are points of the curves, so the curves pass exactly through the
 * limits the table states. The x axis is logarithmic (populations of
 * buurten run from hundreds to tens of thousands), ticks 1-2-5.
 */
#ifndef IVP_REPORT_FUNNEL_H
#define IVP_REPORT_FUNNEL_H

#include <stddef.h>

#include "ivp/ivp.h"
#include "report/report.h"

typedef struct rp_fpoint {
	double pop, rate; /* x, y */
	double lim[4];	  /* the limits at pop: lo 99.8, lo 95, hi 95, hi 99.8 */
	int own;	  /* inside the own gemeente */
	int side;	  /* -2 .. 2 as ivp__funnel_side: beyond 99.8, 95, within */
	char name[96];
} rp_fpoint;

typedef struct rp_funnel {
	int n;		 /* points (the ranked areas), by population */
	rp_fpoint *p;	 /* owned: ivp__rp_funnel_free */
	double target;	 /* the pooled rate: the funnel's centre line */
	double xlo, xhi; /* log10 of the x range */
	int nxt;
	double xt[12]; /* x ticks (populations) */
	rp_axis y;
	int any_other; /* some point is not own (a legend entry for them) */
} rp_funnel;

/*
 * The model of the ranked rows of t (rows with a rank and limits); lang
 * for nothing but kept for symmetry. 0, or -1 when out of memory; a table
 * without ranked rows gives n = 0 (the caller says so in a sentence).
 */
int ivp__rp_funnel_from_table(rp_funnel *f, const ivp_table *t);
void ivp__rp_funnel_free(rp_funnel *f);

/* The position of a population (0 left .. 1 right) and a rate (0 bottom .. 1 top). */
double ivp__rp_funnel_fx(const rp_funnel *f, double pop);
double ivp__rp_funnel_fy(const rp_funnel *f, double rate);

/* Words of the plot (title, axes, legend, the description) in lang. */
typedef struct rp_funnel_words {
	const char *title;			     /* the accessible name: what, where, when */
	const char *desc;			     /* one sentence: what the limits mean */
	const char *xunit;			     /* "inwoners (1 januari 2024)" */
	const char *yunit;			     /* "per 1.000 inwoners" */
	const char *own, *other, *mean, *l95, *l998; /* legend */
} rp_funnel_words;

/*
 * Write the plot as inline SVG through out(ud, text): role="img" with
 * <title> and <desc> (the table after it is the accessible equivalent),
 * each point with a <title> (name, rate, population). Classes of the web
 * style sheet (ivp-funnel__…) and presentation attributes, so that the
 * same SVG looks right on the page (strict CSP: no style attributes) and
 * in the self-contained HTML report. id makes the title's id unique.
 */
void ivp__rp_funnel_svg(const rp_funnel *f, const rp_funnel_words *w, const char *lang, int id,
			void (*out)(void *ud, const char *s), void *ud);

#endif /* IVP_REPORT_FUNNEL_H */
