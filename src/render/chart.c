/*
 * chart.c — the chart model (render/chart.h): what a chart shows, decided
 * once for every back end (the report's PDF drawn with cairo and its HTML,
 * the web app's inline SVG). A chart has a unit on its y axis, readable
 * ticks (a step of 1, 2 or 5 times a power of ten: 0, 10, 20, 30 rather
 * than 0, 13, 25, 38), the interval band of its values, a comparison line,
 * for a goal the line from baseline to target, and a break where the
 * source's classification changes (two series, never one joined line).
 * Beside the series over years, the comparison of areas in one year: a
 * sorted bar per area with its interval, its comparison mark and its
 * verdict, and one reference line (ivp__rows).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- the comparison of areas in one year ------------------------------------------ */

void ivp__rows_init(ivp__rows *c)
{
	memset(c, 0, sizeof(*c));
	c->ref = NAN;
}

int ivp__rows_add(ivp__rows *c, const char *label, double v, double lo, double hi, double cmp,
		  const char *note)
{
	ivp__rows_row *r;

	if (c->n >= IVP__ROWS_MAX)
		return -1;
	r = &c->r[c->n++];
	snprintf(r->label, sizeof(r->label), "%s", label ? label : "");
	snprintf(r->note, sizeof(r->note), "%s", note ? note : "");
	r->v = v;
	r->lo = isnan(v) || isnan(lo) ? v : lo;
	r->hi = isnan(v) || isnan(hi) ? v : hi;
	r->cmp = cmp;
	return 0;
}

/* high to low; without a value last; ties (and those without) by label, then by note */
static int by_value(const void *a, const void *b)
{
	const ivp__rows_row *x = a, *y = b;
	int c;

	if (isnan(x->v) != isnan(y->v))
		return isnan(x->v) ? 1 : -1;
	if (!isnan(x->v) && x->v != y->v)
		return x->v > y->v ? -1 : 1;
	c = strcmp(x->label, y->label);
	return c ? c : strcmp(x->note, y->note);
}

void ivp__rows_fit(ivp__rows *c)
{
	double hi = 0;
	int i;

	qsort(c->r, (size_t)c->n, sizeof(c->r[0]), by_value);
	c->has_band = c->has_cmp = c->nvalues = 0;
	for (i = 0; i < c->n; i++) {
		const ivp__rows_row *r = &c->r[i];

		if (!isnan(r->cmp)) {
			c->has_cmp = 1;
			hi = fmax(hi, r->cmp);
		}
		if (isnan(r->v))
			continue;
		c->nvalues++;
		c->has_band |= r->lo != r->v || r->hi != r->v;
		hi = fmax(hi, fmax(r->v, fmax(r->lo, r->hi)));
	}
	if (!isnan(c->ref))
		hi = fmax(hi, c->ref);
	ivp__chart_axis_of(0, hi > 0 ? hi : 1, 6, &c->x);
}

double ivp__rows_x(const ivp__rows *c, double v, double x0, double x1)
{
	return x0 + (v - c->x.lo) * (x1 - x0) / (c->x.hi - c->x.lo);
}
