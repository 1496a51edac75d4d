/*
 * chart.c — the chart model (render/chart.h): what a chart shows, decided
 * once for every back end (the report's PDF drawn with cairo and its HTML,
 * the web app's inline SVG). A chart has a unit on its y axis, readable
 * ticks (a step of 1, 2 or 5 times a power of ten: 0, 10, 20, 30 rather
 * than 0, 13, 25, 38), the interval band of its values, a comparison line,
 * for a goal the line from baseline to target, and a break where the
 * source's classification changes (two series, never one joined line).
 */
#include <math.h>
#include <string.h>

#include "render/chart.h"

void ivp__chart_axis_of(double dmin, double dmax, int maxticks, ivp__chart_axis *ax)
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

void ivp__chart_init(ivp__chart *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < IVP__CHART_MAX; i++)
		c->p[i].cmp = NAN;
}

int ivp__chart_add(ivp__chart *c, int year, double v, double lo, double hi, double cmp)
{
	ivp__chart_point *p;

	if (c->n >= IVP__CHART_MAX)
		return -1;
	p = &c->p[c->n++];
	p->year = year;
	p->v = v;
	p->lo = isnan(lo) ? v : lo;
	p->hi = isnan(hi) ? v : hi;
	p->cmp = cmp;
	return 0;
}

static void widen(double v, double *lo, double *hi)
{
	if (isnan(v))
		return;
	*lo = fmin(*lo, v);
	*hi = fmax(*hi, v);
}

void ivp__chart_fit(ivp__chart *c)
{
	double lo = INFINITY, hi = -INFINITY;
	int i, first = 1;

	c->has_band = 0;
	for (i = 0; i < c->n; i++) {
		const ivp__chart_point *p = &c->p[i];

		if (isnan(p->v) && !(c->has_cmp && !isnan(p->cmp)))
			continue;
		if (first || p->year < c->xmin)
			c->xmin = p->year;
		if (first || p->year > c->xmax)
			c->xmax = p->year;
		first = 0;
		if (!isnan(p->v) && (p->lo != p->v || p->hi != p->v))
			c->has_band = 1;
		widen(p->v, &lo, &hi);
		widen(p->lo, &lo, &hi);
		widen(p->hi, &lo, &hi);
		if (c->has_cmp)
			widen(p->cmp, &lo, &hi);
	}
	if (c->has_target) {
		if (first || c->x0 < c->xmin)
			c->xmin = c->x0;
		if (first || c->x1 > c->xmax)
			c->xmax = c->x1;
		widen(c->y0, &lo, &hi);
		widen(c->y1, &lo, &hi);
	}
	ivp__chart_axis_of(lo, hi, 6, &c->y);
}

int ivp__chart_series(const ivp__chart *c, int i)
{
	return i >= 0 && i < c->n && i < IVP__CHART_MAX && c->break_year > 0 && c->p[i].year >= c->break_year;
}

int ivp__chart_joined(const ivp__chart *c, int i)
{
	return i > 0 && i < c->n && i < IVP__CHART_MAX && !isnan(c->p[i - 1].v) && !isnan(c->p[i].v) &&
	       ivp__chart_series(c, i) == ivp__chart_series(c, i - 1);
}

double ivp__chart_x(const ivp__chart *c, double year, double x0, double x1)
{
	double span = c->xmax > c->xmin ? c->xmax - c->xmin : 1;

	return x0 + (year - c->xmin + 0.5) * (x1 - x0) / (span + 1);
}

double ivp__chart_y(const ivp__chart *c, double v, double top, double bottom)
{
	return bottom - (v - c->y.lo) * (bottom - top) / (c->y.hi - c->y.lo);
}
