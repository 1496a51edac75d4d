/*
 * figure.c — an indicator's figures as the pages show them: the chart of
 * a series on the shared chart model (render/chart.h, drawn by chart.c)
 * with its numbers in a table beside it, a goal's baseline-to-target line,
 * and where the figures come from — unit, source table, period, the
 * population's source, CBS's rounding, *voorlopig*, and a change of
 * classification (83648NED vs 47013NED), which the chart shows as a break
 * and the text says, never as one joined line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

static int year_at(const ivp_table *t, int row)
{
	int c = web_col(t, "year");

	return c < 0 ? 0 : (int)ivp_table_int(t, row, c);
}

static const char *text_at(const ivp_table *t, int row, const char *col)
{
	int c = web_col(t, col);

	return c < 0 ? NULL : ivp_table_text(t, row, c);
}

/* 1 when two possibly-NULL strings differ. */
static int differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

int web_series_break(const ivp_table *t)
{
	int i;

	for (i = 1; i < ivp_table_nrows(t); i++)
		if (differ(text_at(t, i, "classification"), text_at(t, i - 1, "classification")))
			return year_at(t, i);
	return 0;
}

void web_series_chart(html *h, const char *lang, const ivp_table *t, const char *title,
		      const char *area_name, const char *cmp_col, const char *cmp_name,
		      const web_goal_line *goal, const char *id)
{
	ivp__chart *c = malloc(sizeof(*c));
	char *l1 = NULL, *l2 = NULL, brk[96];
	int i, n = ivp_table_nrows(t), first = n > IVP__CHART_MAX ? n - IVP__CHART_MAX : 0;

	if (!c) {
		h->oom = 1;
		return;
	}
	ivp__chart_init(c);
	c->title = title;
	c->unit = n ? text_at(t, 0, "unit") : NULL;
	if (!c->unit)
		c->unit = web_t(lang, W_MAP_PER1000);
	c->line_label = area_name;
	c->band_label = web_t(lang, W_INTERVAL);
	c->cmp_label = cmp_name;
	c->has_cmp = cmp_col != NULL;
	for (i = first; i < n; i++) {
		double cmp = cmp_col ? web_real(t, i, cmp_col) : NAN;

		ivp__chart_add(c, year_at(t, i), web_real(t, i, "per_1000"), web_real(t, i, "per_1000_lo"),
			       web_real(t, i, "per_1000_hi"), cmp);
	}
	c->break_year = web_series_break(t);
	if (c->break_year) {
		int k;
		size_t ln;

		for (k = 0; k < n && year_at(t, k) < c->break_year; k++)
			;
		ln = strlen(area_name) + 64;
		l1 = malloc(ln);
		l2 = malloc(ln);
		if (l1 && l2) {
			const char *s1 = n ? text_at(t, first, "source") : NULL, *s2 = k < n ? text_at(t, k, "source") : NULL;

			snprintf(l1, ln, "%s (%s)", area_name, s1 ? s1 : "?");
			snprintf(l2, ln, "%s (%s)", area_name, s2 ? s2 : "?");
			c->line_label = l1;
			c->line2_label = l2;
		}
		snprintf(brk, sizeof(brk), web_t(lang, W_CHART_BREAK), c->break_year);
		c->break_label = brk;
	}
	if (goal && goal->has) {
		c->has_target = 1;
		c->x0 = goal->base_year;
		c->y0 = goal->baseline;
		c->x1 = goal->target_year;
		c->y1 = goal->target;
		c->target_label = web_t(lang, W_CHART_TARGET);
	}
	ivp__chart_fit(c);
	web_chart(h, lang, c, id);
	free(l1);
	free(l2);
	free(c);
}

const char *web_source_cell(const ivp_table *t, int row, const char *lang, char *b, size_t n)
{
	const char *src = text_at(t, row, "source"), *rnd = text_at(t, row, "rounded");
	const char *prov = text_at(t, row, "provisional");

	snprintf(b, n, "%s%s%s%s%s", src ? src : "—", prov ? "; " : "", prov ? web_t(lang, W_PROVISIONAL) : "",
		 rnd ? "; " : "", rnd ? web_t(lang, W_ROUNDED_SHORT) : "");
	return b;
}

/* Append "SOURCE (Y1–Y2)" runs of col over the rows of t to b. */
static void runs(const ivp_table *t, const char *col, char *b, size_t n)
{
	int i, from = 0, rows = ivp_table_nrows(t);
	size_t k;

	for (i = 0; i < rows; i++) {
		const char *s = text_at(t, i, col);

		if (i + 1 < rows && !differ(s, text_at(t, i + 1, col)))
			continue;
		if (s) {
			k = strlen(b);
			if (year_at(t, from) == year_at(t, i))
				snprintf(b + k, n - k, "%s%s (%d)", k ? ", " : "", s, year_at(t, i));
			else
				snprintf(b + k, n - k, "%s%s (%d–%d)", k ? ", " : "", s, year_at(t, from), year_at(t, i));
		}
		from = i + 1;
	}
}

void web_provenance(html *h, const char *lang, const ivp_table *t)
{
	int i, n = ivp_table_nrows(t), nprov = 0, brk = web_series_break(t);
	char b[1024] = "", y[512] = "";
	const char *unit = n ? text_at(t, 0, "unit") : NULL;

	if (!n)
		return;
	html_raw(h, "<ul class=\"utrecht-unordered-list ivp-source\"><li class=\"utrecht-unordered-list__item\">");
	html_text(h, web_t(lang, W_PROV_UNIT));
	html_raw(h, ": ");
	html_text(h, unit ? unit : web_t(lang, W_MAP_PER1000));
	html_raw(h, "</li><li class=\"utrecht-unordered-list__item\">");
	html_text(h, web_t(lang, W_PROV_COUNTS));
	html_raw(h, ": ");
	runs(t, "source", b, sizeof(b));
	html_text(h, b[0] ? b : "—");
	b[0] = '\0';
	runs(t, "rounded", b, sizeof(b));
	if (b[0]) {
		html_raw(h, "; ");
		html_text(h, b);
	}
	html_raw(h, "</li><li class=\"utrecht-unordered-list__item\">");
	html_text(h, web_t(lang, W_PROV_POPULATION));
	html_raw(h, ": ");
	b[0] = '\0';
	runs(t, "population_source", b, sizeof(b));
	html_text(h, b[0] ? b : "—");
	html_raw(h, ", ");
	html_text(h, web_t(lang, W_PROV_ON_JAN1));
	html_raw(h, "</li>");
	for (i = 0; i < n; i++) {
		size_t k = strlen(y);

		if (text_at(t, i, "provisional")) {
			snprintf(y + k, sizeof(y) - k, "%s%d", nprov ? ", " : "", year_at(t, i));
			nprov++;
		}
	}
	if (nprov) {
		html_raw(h, "<li class=\"utrecht-unordered-list__item\">");
		html_text(h, web_t(lang, W_PROV_PROVISIONAL));
		html_raw(h, ": ");
		html_text(h, y);
		html_raw(h, "</li>");
	}
	if (brk) {
		int k, last = 0;
		const char *s1 = NULL, *s2 = NULL;

		for (k = 0; k < n; k++) {
			if (year_at(t, k) < brk) {
				last = year_at(t, k);
				s1 = text_at(t, k, "source");
			} else if (!s2) {
				s2 = text_at(t, k, "source");
			}
		}
		html_raw(h, "<li class=\"utrecht-unordered-list__item\">");
		snprintf(b, sizeof(b), web_t(lang, W_BREAK_NOTE), last, s1 ? s1 : "?", brk, s2 ? s2 : "?");
		html_text(h, b);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
}

int web_goal_line_of(http_req *r, const char *goal, web_goal_line *g)
{
	ivp_table *t[IVP_PROGRESS_NPARTS] = { 0 };
	ivp_progress_query q;
	const ivp_table *gt;
	int i, found = 0;

	memset(g, 0, sizeof(*g));
	memset(&q, 0, sizeof(q));
	if (!goal || ivp_plan_progress(r->ctx, &q, t))
		return 0;
	gt = t[IVP_PROGRESS_GOALS];
	for (i = 0; i < ivp_table_nrows(gt) && !found; i++) {
		const char *id = text_at(gt, i, "goal");

		if (!id || strcmp(id, goal) || isnan(web_real(gt, i, "baseline")) || isnan(web_real(gt, i, "target")))
			continue;
		found = 1;
		g->has = 1;
		g->baseline = web_real(gt, i, "baseline");
		g->target = web_real(gt, i, "target");
		g->base_year = (int)web_real(gt, i, "baseline_year");
		g->target_year = (int)web_real(gt, i, "target_year");
		snprintf(g->id, sizeof(g->id), "%s", id);
		snprintf(g->title, sizeof(g->title), "%s", text_at(gt, i, "title") ? text_at(gt, i, "title") : id);
		snprintf(g->indicator, sizeof(g->indicator), "%s", text_at(gt, i, "indicator") ? text_at(gt, i, "indicator") : "");
	}
	for (i = 0; i < IVP_PROGRESS_NPARTS; i++)
		ivp_table_free(t[i]);
	return found;
}

/* A number in lang's style into out. */
static void num_text(double v, int dec, const char *lang, char *out, size_t n)
{
	html tmp = { 0 };

	html_num(&tmp, v, dec, lang);
	snprintf(out, n, "%.*s", tmp.p && !tmp.oom ? (int)tmp.n : 0, tmp.p ? tmp.p : "");
	free(tmp.p);
}

void web_goal_paragraph(html *h, const char *lang, const web_goal_line *g, int dec)
{
	char b[512], v0[64], v1[64];

	num_text(g->baseline, dec, lang, v0, sizeof(v0));
	num_text(g->target, dec, lang, v1, sizeof(v1));
	snprintf(b, sizeof(b), web_t(lang, W_GOAL_LINE), v0, g->base_year, v1, g->target_year);
	html_raw(h, "<p class=\"utrecht-paragraph\">");
	html_text(h, b);
	html_raw(h, "</p>");
}

void web_trend_section(html *h, const char *lang, const ivp_table *t, const char *area,
		       const char *area_name)
{
	char title[512], cap[640], b[128], src[256];
	int i, n = ivp_table_nrows(t);

	html_raw(h, "<h2 class=\"utrecht-heading-2\">");
	html_text(h, web_t(lang, W_TREND_TITLE));
	html_raw(h, "</h2>");
	web_provenance(h, lang, t);
	snprintf(title, sizeof(title), "%s: %s", web_t(lang, W_TREND_TITLE), area_name);
	html_raw(h, "<div class=\"ivp-figure\">");
	web_series_chart(h, lang, t, title, area_name, NULL, NULL, NULL, "trend");
	snprintf(cap, sizeof(cap), web_t(lang, W_TREND_CAPTION), area_name);
	html_raw(h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, cap);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, web_t(lang, W_YEAR));
	html_raw(h, "</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-data\">");
	html_text(h, web_t(lang, W_COUNT));
	html_raw(h, "</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-data\">");
	html_text(h, web_t(lang, W_RATE));
	html_raw(h, "</th><th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, web_t(lang, W_SOURCE));
	html_raw(h, "</th></tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < n; i++) {
		html_fmt(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
			    "<a class=\"utrecht-link\" href=\"/indicator?area=");
		html_text(h, area);
		html_fmt(h, "&amp;key=totaal&amp;year=%d\">%d</a></th>", year_at(t, i), year_at(t, i));
		html_raw(h, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		html_text(h, web_cell(t, i, "count", 0, lang, b, sizeof(b)));
		html_raw(h, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		html_text(h, web_cell(t, i, "per_1000", 2, lang, b, sizeof(b)));
		html_raw(h, "</td><td class=\"utrecht-table__cell\">");
		html_text(h, web_source_cell(t, i, lang, src, sizeof(src)));
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table></div></div>");
}
