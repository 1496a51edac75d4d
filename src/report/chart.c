/*
 * chart.c — the chart model: what a chart shows, decided once for every
 * back end (the PDF's cairo drawing and the HTML's SVG; the web app's
 * charts can adopt it). A chart has a unit on its y axis, readable ticks
 * (a step of 1, 2 or 5 times a power of ten: 0, 10, 20, 30 rather than
 * 0, 13, 25, 38), the interval band of its values, and for a goal the
 * line from baseline to target.
 */
#include <math.h>
#include <string.h>

#include "report/report.h"

void ivp__rp_axis(double dmin, double dmax, int maxticks, rp_axis *ax)
{
	static const double steps[] = { 1, 2, 5, 10 };
	double span, mag, step = 1;
	int i;

	if (maxticks < 2)
		maxticks = 2;
	if (!isfinite(dmin) || !isfinite(dmax)) {
		dmin = 0;
		dmax = 1;
	}
	if (dmin > dmax) {
		double t = dmin;

		dmin = dmax;
		dmax = t;
	}
	/* rates, shares and counts: start at 0 unless the data lie in a narrow
	 * band far above it (a span under a tenth of the top) */
	if (dmin >= 0 && dmax - dmin >= 0.1 * dmax)
		dmin = 0;
	if (dmax == dmin)
		dmax = dmin + (dmin ? fabs(dmin) * 0.1 : 1);
	span = dmax - dmin;
	mag = pow(10, floor(log10(span / (maxticks - 1))));
	for (i = 0; i < 4; i++) {
		step = steps[i] * mag;
		if (ceil(dmax / step - 1e-9) - floor(dmin / step + 1e-9) + 1 <= maxticks)
			break;
	}
	ax->step = step;
	ax->lo = floor(dmin / step + 1e-9) * step;
	ax->hi = ceil(dmax / step - 1e-9) * step;
	ax->nticks = (int)llround((ax->hi - ax->lo) / step) + 1;
	ax->dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
}

void ivp__rp_goal_chart(const rp_goal *g, rp_chart *c)
{
	double lo = INFINITY, hi = -INFINITY;
	int i;

	memset(c, 0, sizeof(*c));
	c->title = g->title;
	c->n = g->npoints;
	memcpy(c->p, g->points, sizeof(rp_point) * (size_t)g->npoints);
	c->has_target = 1;
	c->x0 = g->base_year;
	c->y0 = g->baseline;
	c->x1 = g->target_year;
	c->y1 = g->target;
	c->xmin = g->base_year;
	c->xmax = g->target_year;
	for (i = 0; i < c->n; i++) {
		if (c->p[i].lo != c->p[i].v || c->p[i].hi != c->p[i].v)
			c->has_band = 1;
		if (c->p[i].year < c->xmin)
			c->xmin = c->p[i].year;
		if (c->p[i].year > c->xmax)
			c->xmax = c->p[i].year;
		lo = fmin(lo, c->p[i].lo);
		hi = fmax(hi, c->p[i].hi);
	}
	lo = fmin(lo, fmin(g->baseline, g->target));
	hi = fmax(hi, fmax(g->baseline, g->target));
	ivp__rp_axis(lo, hi, 6, &c->y);
}
