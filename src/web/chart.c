/*
 * chart.c — the SVG back end of the chart model (render/chart.h), for the
 * web app's charts: the model decides the axes (unit, readable ticks), the
 * years, the interval band, the comparison line, a goal's line from
 * baseline to target and a classification break; this file only draws
 * them as inline SVG, as the report's PDF draws the same model with cairo.
 * The SVG has a title and a description (role="img"); the page puts the
 * chart's numbers in a table beside it, so nothing is only in the picture.
 * web_rows_chart draws the model's comparison of areas in one year (a
 * sorted bar per area, its interval, its comparison mark, its verdict in
 * words, a reference line) with the same axis, classes and legend.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "web/web.h"

#define W 640.0
#define H 300.0
#define L 64.0 /* left margin: the unit and the y axis labels */
#define R 16.0
#define T 22.0 /* top: room for the break's label */
#define B 40.0 /* bottom margin: the years */

#define X(c, year) ivp__chart_x((c), (year), L, W - R)
#define Y(c, v) ivp__chart_y((c), (v), T, H - B)

/* The band over points i..j (a run of joined points). */
static void band(html *h, const ivp__chart *c, int i, int j)
{
	int k;

	if (j == i) {
		html_fmt(h, "<rect class=\"ivp-chart__band\" x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"%.1f\"/>",
			 X(c, c->p[i].year) - 6, Y(c, c->p[i].hi), Y(c, c->p[i].lo) - Y(c, c->p[i].hi));
		return;
	}
	html_raw(h, "<polygon class=\"ivp-chart__band\" points=\"");
	for (k = i; k <= j; k++)
		html_fmt(h, "%.1f,%.1f ", X(c, c->p[k].year), Y(c, c->p[k].hi));
	for (k = j; k >= i; k--)
		html_fmt(h, "%.1f,%.1f%s", X(c, c->p[k].year), Y(c, c->p[k].lo), k > i ? " " : "");
	html_raw(h, "\"/>");
}

/* The value line over points i..j, in the class of its series. */
static void values(html *h, const ivp__chart *c, int i, int j)
{
	const char *cls = ivp__chart_series(c, i) ? "ivp-chart__line2" : "ivp-chart__line";
	int k;

	if (j > i) {
		html_fmt(h, "<polyline class=\"%s\" fill=\"none\" points=\"", cls);
		for (k = i; k <= j; k++)
			html_fmt(h, "%s%.1f,%.1f", k > i ? " " : "", X(c, c->p[k].year), Y(c, c->p[k].v));
		html_raw(h, "\"/>");
	}
	for (k = i; k <= j; k++) {
		if (ivp__chart_series(c, k)) /* the second series: squares, not only another colour */
			html_fmt(h, "<rect class=\"ivp-chart__dot2\" x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\"/>",
				 X(c, c->p[k].year) - 4, Y(c, c->p[k].v) - 4);
		else
			html_fmt(h, "<circle class=\"ivp-chart__dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>",
				 X(c, c->p[k].year), Y(c, c->p[k].v));
	}
}

/* The comparison line: joined where consecutive points both have a value, never across the break. */
static void cmp_line(html *h, const ivp__chart *c)
{
	int i, open = 0;

	for (i = 0; i < c->n; i++) {
		int next = i + 1 < c->n && !isnan(c->p[i + 1].cmp) &&
			   ivp__chart_series(c, i + 1) == ivp__chart_series(c, i);

		if (isnan(c->p[i].cmp)) {
			continue;
		}
		if (!open && !next)
			continue; /* a lone point: drawn as nothing, it is in the table */
		if (!open)
			html_raw(h, "<polyline class=\"ivp-chart__cmp\" fill=\"none\" points=\"");
		html_fmt(h, "%s%.1f,%.1f", open ? " " : "", X(c, c->p[i].year), Y(c, c->p[i].cmp));
		open = 1;
		if (!next) {
			html_raw(h, "\"/>");
			open = 0;
		}
	}
}

/* One entry of the legend: its swatch and label in one span that never
 * breaks inside (ivp.css), so "95%-interval" stays on one line. */
static void key(html *h, const char *cls, const char *label)
{
	if (!label || !label[0])
		return;
	html_fmt(h, " <span class=\"ivp-chart__item\"><span class=\"ivp-key %s\"></span> ", cls);
	html_text(h, label);
	html_raw(h, "</span>");
}

void web_chart(html *h, const char *lang, const ivp__chart *c, const char *id)
{
	int i, j, yr, every;

	html_fmt(h, "<figure class=\"ivp-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		    "role=\"img\" aria-labelledby=\"%s-title %s-desc\"><title id=\"%s-title\">",
		 W, H, id, id, id);
	html_text(h, c->title);
	html_raw(h, " (");
	html_text(h, c->unit);
	html_fmt(h, ")</title><desc id=\"%s-desc\">", id);
	html_text(h, c->line_label);
	if (c->has_band) {
		html_raw(h, "; ");
		html_text(h, c->band_label);
	}
	if (c->has_cmp) {
		html_raw(h, "; --- ");
		html_text(h, c->cmp_label);
	}
	if (c->has_target) {
		html_raw(h, "; ");
		html_text(h, c->target_label);
	}
	if (c->break_year) {
		html_raw(h, "; ");
		html_text(h, c->break_label);
	}
	html_raw(h, "</desc>");
	/* the y axis: the model's ticks, and the unit along it */
	for (i = 0; i < c->y.nticks; i++) {
		double v = c->y.lo + i * c->y.step;

		html_fmt(h, "<line class=\"ivp-chart__grid\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>"
			    "<text class=\"ivp-chart__label ivp-chart__tick\" x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">",
			 L, W - R, Y(c, v), Y(c, v), L - 6, Y(c, v) + 4);
		html_num(h, v, c->y.dec, lang);
		html_raw(h, "</text>");
	}
	html_fmt(h, "<text class=\"ivp-chart__label ivp-chart__unit\" transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\">",
		 (T + H - B) / 2);
	html_text(h, c->unit);
	html_raw(h, "</text>");
	/* the years; every other one when they would crowd */
	every = c->xmax - c->xmin > 16 ? 2 : 1;
	for (yr = c->xmin; yr <= c->xmax; yr++)
		if ((yr - c->xmin) % every == 0 || yr == c->xmax)
			html_fmt(h, "<text class=\"ivp-chart__label\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%d</text>",
				 X(c, yr), H - B + 20, yr);
	html_fmt(h, "<line class=\"ivp-chart__axis\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>", L, W - R, H - B, H - B);
	for (i = 0; c->has_band && i < c->n; i = j + 1) {
		for (j = i; j + 1 < c->n && ivp__chart_joined(c, j + 1); j++)
			;
		if (!isnan(c->p[i].v))
			band(h, c, i, j);
	}
	if (c->break_year) {
		double bx = X(c, c->break_year - 0.5);

		html_fmt(h, "<line class=\"ivp-chart__break\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
			    "<text class=\"ivp-chart__label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
			 bx, bx, T - 4, H - B, bx + (bx > W / 2 ? -4 : 4), T - 8, bx > W / 2 ? "end" : "start");
		html_text(h, c->break_label);
		html_raw(h, "</text>");
	}
	if (c->has_cmp)
		cmp_line(h, c);
	if (c->has_target)
		html_fmt(h, "<line class=\"ivp-chart__target\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
			 X(c, c->x0), Y(c, c->y0), X(c, c->x1), Y(c, c->y1));
	for (i = 0; i < c->n; i = j + 1) {
		for (j = i; j + 1 < c->n && ivp__chart_joined(c, j + 1); j++)
			;
		if (!isnan(c->p[i].v))
			values(h, c, i, j);
	}
	html_raw(h, "</svg><figcaption class=\"ivp-chart__legend\">");
	key(h, "ivp-key--line", c->line_label);
	if (c->break_year)
		key(h, "ivp-key--line2", c->line2_label);
	if (c->has_band)
		key(h, "ivp-key--band", c->band_label);
	if (c->has_cmp)
		key(h, "ivp-key--cmp", c->cmp_label);
	if (c->has_target)
		key(h, "ivp-key--target", c->target_label);
	if (c->break_year)
		key(h, "ivp-key--break", c->break_label);
	html_raw(h, "</figcaption></figure>");
}

/* ---- the comparison of areas in one year (ivp__rows) ------------------------------ */

#define RW 700.0
#define RL 168.0 /* the plot's left edge: the names right-aligned before it */
#define RR 450.0 /* its right edge */
#define RV 514.0 /* the values, right-aligned at */
#define RN 526.0 /* the verdicts start at */
#define RT 24.0	 /* top: the reference line's label */
#define RH 26.0	 /* a row */
#define RB 44.0	 /* bottom: the ticks and the unit */

#define RX(c, v) ivp__rows_x((c), (v), RL, RR)

/* One row's tooltip: "Delft: 51,29 per 1.000 inwoners (95%-interval 49,91–52,70); de rest …: 55,01; duidelijk lager". */
static void row_title(html *h, const char *lang, const ivp__rows *c, const ivp__rows_row *r)
{
	html_raw(h, "<title>");
	html_text(h, r->label);
	html_raw(h, ": ");
	if (isnan(r->v)) {
		html_text(h, c->nodata_label);
	} else {
		html_num(h, r->v, 2, lang);
		html_raw(h, " ");
		html_text(h, c->unit);
		if (r->lo != r->v || r->hi != r->v) {
			html_raw(h, " (");
			html_text(h, c->band_label);
			html_raw(h, " ");
			html_num(h, r->lo, 2, lang);
			html_raw(h, "–");
			html_num(h, r->hi, 2, lang);
			html_raw(h, ")");
		}
	}
	if (!isnan(r->cmp)) {
		html_raw(h, "; ");
		html_text(h, c->cmp_label);
		html_raw(h, ": ");
		html_num(h, r->cmp, 2, lang);
	}
	if (r->note[0]) {
		html_raw(h, "; ");
		html_text(h, r->note);
	}
	html_raw(h, "</title>");
}

static void row(html *h, const char *lang, const ivp__rows *c, int i)
{
	const ivp__rows_row *r = &c->r[i];
	double y = RT + i * RH, mid = y + RH / 2;

	html_raw(h, "<g class=\"ivp-rows__row\">");
	row_title(h, lang, c, r);
	html_fmt(h, "<text class=\"ivp-chart__label\" x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", RL - 8, mid + 4);
	html_text(h, r->label);
	html_raw(h, "</text>");
	if (isnan(r->v)) { /* named, never a bar of 0 */
		html_fmt(h, "<text class=\"ivp-chart__label ivp-rows__nodata\" x=\"%.0f\" y=\"%.1f\">", RL + 6, mid + 4);
		html_text(h, c->nodata_label);
		html_raw(h, "</text>");
	} else {
		html_fmt(h, "<rect class=\"ivp-rows__bar\" x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\"/>", RL,
			 mid - 7, RX(c, r->v) - RL, 14.0);
		if (r->lo != r->v || r->hi != r->v)
			html_fmt(h, "<path class=\"ivp-rows__interval\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>",
				 RX(c, r->lo), mid, RX(c, r->hi), RX(c, r->lo), mid - 5, mid + 5, RX(c, r->hi), mid - 5,
				 mid + 5);
		html_fmt(h, "<text class=\"ivp-chart__label\" x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", RV, mid + 4);
		html_num(h, r->v, 2, lang);
		html_raw(h, "</text>");
	}
	if (!isnan(r->cmp))
		html_fmt(h, "<line class=\"ivp-rows__cmp\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", RX(c, r->cmp),
			 RX(c, r->cmp), y + 2, y + RH - 2);
	if (r->note[0]) {
		html_fmt(h, "<text class=\"ivp-chart__label ivp-rows__note\" x=\"%.0f\" y=\"%.1f\">", RN, mid + 4);
		html_text(h, r->note);
		html_raw(h, "</text>");
	}
	html_raw(h, "</g>");
}

void web_rows_chart(html *h, const char *lang, const ivp__rows *c, const char *id)
{
	double bottom = RT + c->n * RH, rx;
	int i;

	/* on a narrow screen the chart keeps a readable size and scrolls in a named, focusable region */
	html_raw(h, "<figure class=\"ivp-chart ivp-rows\"><div class=\"ivp-rows__wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(h, c->title);
	html_fmt(h, "\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		    "role=\"img\" aria-labelledby=\"%s-title %s-desc\"><title id=\"%s-title\">",
		 RW, bottom + RB, id, id, id);
	html_text(h, c->title);
	html_raw(h, " (");
	html_text(h, c->unit);
	html_fmt(h, ")</title><desc id=\"%s-desc\">", id);
	html_text(h, c->value_label);
	if (c->has_band) {
		html_raw(h, "; ");
		html_text(h, c->band_label);
	}
	if (c->has_cmp) {
		html_raw(h, "; ");
		html_text(h, c->cmp_label);
	}
	if (!isnan(c->ref)) {
		html_raw(h, "; ");
		html_text(h, c->ref_label);
		html_raw(h, ": ");
		html_num(h, c->ref, 2, lang);
	}
	html_raw(h, ". ");
	html_text(h, c->order_label);
	html_raw(h, "</desc>");
	/* the value axis: the model's ticks from 0, and the unit under it */
	for (i = 0; i < c->x.nticks; i++) {
		double v = c->x.lo + i * c->x.step;

		html_fmt(h, "<line class=\"ivp-chart__grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\"/>"
			    "<text class=\"ivp-chart__label ivp-chart__tick\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">",
			 RX(c, v), RX(c, v), RT, bottom, RX(c, v), bottom + 16);
		html_num(h, v, c->x.dec, lang);
		html_raw(h, "</text>");
	}
	html_fmt(h, "<line class=\"ivp-chart__axis\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" y2=\"%.0f\"/>", RL, RL, RT, bottom);
	html_fmt(h, "<text class=\"ivp-chart__label ivp-chart__unit\" x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">",
		 (RL + RR) / 2, bottom + 36);
	html_text(h, c->unit);
	html_raw(h, "</text>");
	for (i = 0; i < c->n; i++)
		row(h, lang, c, i);
	if (!isnan(c->ref)) { /* over every row, its label above them */
		rx = RX(c, c->ref);
		html_fmt(h, "<line class=\"ivp-rows__ref\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\"/>"
			    "<text class=\"ivp-chart__label\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"%s\">",
			 rx, rx, RT - 4, bottom, rx + (rx > (RL + RR) / 2 ? 4 : -4), RT - 8,
			 rx > (RL + RR) / 2 ? "end" : "start");
		html_text(h, c->ref_label);
		html_raw(h, ": ");
		html_num(h, c->ref, 2, lang);
		html_raw(h, "</text>");
	}
	html_raw(h, "</svg></div><figcaption class=\"ivp-chart__legend\">");
	key(h, "ivp-key--bar", c->value_label);
	if (c->has_band)
		key(h, "ivp-key--interval", c->band_label);
	if (c->has_cmp)
		key(h, "ivp-key--rest", c->cmp_label);
	if (!isnan(c->ref))
		key(h, "ivp-key--ref", c->ref_label);
	html_raw(h, " <span class=\"ivp-rows__order\">");
	html_text(h, c->order_label);
	html_raw(h, "</span></figcaption></figure>");
}
