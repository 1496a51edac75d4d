/*
 * values.c — the pages of locally registered values (`ivp import values`:
 * surveys such as the Veiligheidsmonitor, Halt referrals, output counts):
 * each key has an indicator page like the engine's indicators — its name
 * as the heading, a chart on the shared chart model (with the goal's
 * baseline-to-target line when asked for a goal), the numbers in a table
 * beside it with margin, unit and source, and a margin that was not given
 * shown as unknown, never as 0. The start page lists them. Read through
 * ivp_values, as `ivp` and the API read them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

static const char *text_at(const ivp_table *t, int row, const char *col)
{
	int c = web_col(t, col);

	return c < 0 ? NULL : ivp_table_text(t, row, c);
}

static double real_at(const ivp_table *t, int row, const char *col)
{
	int c = web_col(t, col);

	return c < 0 || ivp_table_cell_type(t, row, c) != IVP_CELL_REAL ? NAN : ivp_table_real(t, row, c);
}

static int year_at(const ivp_table *t, int row)
{
	return (int)ivp_table_int(t, row, web_col(t, "year"));
}

/* 1 when the row's survey has fewer respondents than its stated minimum. */
static int too_small_at(const ivp_table *t, int row)
{
	int c = web_col(t, "too_small");

	return c >= 0 && ivp_table_cell_type(t, row, c) == IVP_CELL_INT && ivp_table_int(t, row, c) == 1;
}

int web_has_values(http_req *r, const char *area, const char *key)
{
	ivp_table *t = NULL;
	int n;

	if (!area || ivp_values(r->ctx, area, key, &t))
		return 0;
	n = ivp_table_nrows(t);
	ivp_table_free(t);
	return n > 0;
}

static void th(html *h, const char *lang, web_msg m, int num)
{
	html_fmt(h, "<th scope=\"col\" class=\"utrecht-table__header-cell%s\">",
		 num ? " utrecht-table__header-cell--numeric-data" : "");
	html_text(h, web_t(lang, m));
	html_raw(h, "</th>");
}

static void td(html *h, const char *s, int num)
{
	html_raw(h, num ? "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">" :
			  "<td class=\"utrecht-table__cell\">");
	html_text(h, s);
	html_raw(h, "</td>");
}

static void value_link(html *h, const char *area, const char *key, const char *goal)
{
	html_raw(h, "<a class=\"utrecht-link\" href=\"/indicator?area=");
	html_text(h, area);
	html_raw(h, "&amp;key=");
	html_text(h, key);
	if (goal) {
		html_raw(h, "&amp;goal=");
		html_text(h, goal);
	}
	html_raw(h, "\">");
}

/* The chart of the rows of t in one unit (from..to-1), with the goal's line. */
static void unit_chart(html *h, const char *lang, const ivp_table *t, int from, int to,
		       const char *title, const web_goal_line *g, int k)
{
	ivp__chart *c = malloc(sizeof(*c));
	char id[32];
	int i;

	if (!c) {
		h->oom = 1;
		return;
	}
	ivp__chart_init(c);
	c->title = title;
	c->unit = text_at(t, from, "unit");
	c->line_label = web_t(lang, W_VALUE);
	c->band_label = web_t(lang, W_MARGIN);
	for (i = from; i < to; i++)
		if (!too_small_at(t, i)) /* a survey too small is not drawn as a figure */
			ivp__chart_add(c, year_at(t, i), real_at(t, i, "value"), real_at(t, i, "lo"), real_at(t, i, "hi"), NAN);
	if (g && g->has) {
		c->has_target = 1;
		c->x0 = g->base_year;
		c->y0 = g->baseline;
		c->x1 = g->target_year;
		c->y1 = g->target;
		c->target_label = web_t(lang, W_CHART_TARGET);
	}
	ivp__chart_fit(c);
	snprintf(id, sizeof(id), "chart%d", k);
	web_chart(h, lang, c, id);
	free(c);
}

void web_value_page(http_req *r, const char *area, const char *key, const char *goal)
{
	const char *lang = web_lang(r);
	char aname[256], title[640], cap[768], b[128];
	const char *name;
	ivp_table *t = NULL;
	web_goal_line g;
	html h = { 0 };
	ivp_rc rc;
	int n, i, from, k = 0, unknown = 0, small = 0;

	if (!key)
		key = "";
	if ((rc = ivp_values(r->ctx, area, key, &t))) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	n = ivp_table_nrows(t);
	if (ivp_area_name(r->ctx, area, aname, sizeof(aname)))
		snprintf(aname, sizeof(aname), "%s", area);
	name = n ? text_at(t, 0, "name") : key;
	snprintf(title, sizeof(title), "%s: %s", name ? name : key, aname);
	if (!web_goal_line_of(r, goal, &g) || strcmp(g.indicator, key))
		g.has = 0;
	web_page_begin(r, &h, lang, title);
	if (g.has) {
		snprintf(cap, sizeof(cap), web_t(lang, W_GOAL_HEADING), g.title);
		html_raw(&h, "<h2 class=\"utrecht-heading-2\">");
		html_text(&h, cap);
		html_raw(&h, "</h2>");
		web_goal_paragraph(&h, lang, &g, 1);
	}
	/* one figure per unit: a change of unit (Halt per 10.000 → per 1.000) is never one line */
	for (from = 0; from < n; from = i) {
		const char *unit = text_at(t, from, "unit");

		for (i = from; i < n && unit && text_at(t, i, "unit") && !strcmp(text_at(t, i, "unit"), unit); i++)
			;
		if (i == from)
			i++;
		html_raw(&h, "<ul class=\"utrecht-unordered-list ivp-source\"><li class=\"utrecht-unordered-list__item\">");
		html_text(&h, web_t(lang, W_PROV_UNIT));
		html_raw(&h, ": ");
		html_text(&h, unit);
		html_raw(&h, "</li><li class=\"utrecht-unordered-list__item\">");
		html_text(&h, web_t(lang, W_SOURCE));
		html_raw(&h, ": ");
		html_text(&h, text_at(t, from, "source"));
		html_raw(&h, " (");
		html_text(&h, web_t(lang, W_LOCAL_SOURCE));
		html_raw(&h, ")</li></ul><div class=\"ivp-figure ivp-figure--wide\">");
		unit_chart(&h, lang, t, from, i, title, g.has && k == 0 ? &g : NULL, k + 1);
		k++;
		snprintf(cap, sizeof(cap), web_t(lang, W_VALUE_YEARS_CAPTION), name ? name : key, aname);
		html_raw(&h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
		html_text(&h, cap);
		html_raw(&h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
		th(&h, lang, W_YEAR, 0);
		th(&h, lang, W_VALUE, 1);
		th(&h, lang, W_MARGIN, 1);
		th(&h, lang, W_RESPONDENTS, 1);
		th(&h, lang, W_UNIT, 0);
		th(&h, lang, W_SOURCE, 0);
		th(&h, lang, W_DEF_VERSION, 0);
		html_raw(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");
		for (int j = from; j < i; j++) {
			html_fmt(&h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">%d</th>",
				 year_at(t, j));
			if (too_small_at(t, j)) {
				/* the figure of a survey too small is not shown (stats/survey.h) */
				td(&h, web_t(lang, W_TOO_SMALL), 1);
				td(&h, "–", 1);
				small = 1;
			} else {
				td(&h, web_cell(t, j, "value", 1, lang, b, sizeof(b)), 1);
				if (web_null(t, j, "margin")) {
					td(&h, web_t(lang, W_MARGIN_UNKNOWN), 1);
					unknown = 1;
				} else {
					char m[140];

					snprintf(m, sizeof(m), "± %s", web_cell(t, j, "margin", 1, lang, b, sizeof(b)));
					td(&h, m, 1);
				}
			}
			if (web_null(t, j, "respondents")) {
				td(&h, web_t(lang, W_MARGIN_UNKNOWN), 1);
			} else if (web_null(t, j, "min_respondents")) {
				td(&h, web_cell(t, j, "respondents", 0, lang, b, sizeof(b)), 1);
			} else {
				char m[160], b2[64];

				snprintf(m, sizeof(m), web_t(lang, W_RESP_MIN), web_cell(t, j, "respondents", 0, lang, b, sizeof(b)),
					 web_cell(t, j, "min_respondents", 0, lang, b2, sizeof(b2)));
				td(&h, m, 1);
			}
			td(&h, text_at(t, j, "unit"), 0);
			td(&h, text_at(t, j, "source"), 0);
			td(&h, text_at(t, j, "definition_version"), 0);
			html_raw(&h, "</tr>");
		}
		html_raw(&h, "</tbody></table></div></div>");
	}
	if (!n) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_NO_YEARS));
		html_raw(&h, "</p>");
	}
	if (unknown) {
		html_raw(&h, "<p class=\"utrecht-paragraph ivp-note\">");
		html_text(&h, web_t(lang, W_MARGIN_NOTE));
		html_raw(&h, "</p>");
	}
	if (small) {
		html_raw(&h, "<p class=\"utrecht-paragraph ivp-note\" id=\"te-klein\">");
		html_text(&h, web_t(lang, W_TOO_SMALL_NOTE));
		html_raw(&h, "</p>");
	}
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}

void web_home_values(http_req *r, html *h, const char *lang, const char *area)
{
	ivp_table *t = NULL;
	char cap[512], aname[256], b[128];
	int i, n;

	if (!area || ivp_values(r->ctx, area, NULL, &t))
		return;
	n = ivp_table_nrows(t);
	if (!n) {
		ivp_table_free(t);
		return;
	}
	if (ivp_area_name(r->ctx, area, aname, sizeof(aname)))
		snprintf(aname, sizeof(aname), "%s", area);
	html_raw(h, "<h2 class=\"utrecht-heading-2\">");
	html_text(h, web_t(lang, W_VALUES_TITLE));
	html_raw(h, "</h2>");
	snprintf(cap, sizeof(cap), web_t(lang, W_VALUES_CAPTION), aname);
	html_raw(h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, cap);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	th(h, lang, W_INDICATOR, 0);
	th(h, lang, W_PERIOD, 0);
	th(h, lang, W_VALUE, 1);
	th(h, lang, W_UNIT, 0);
	th(h, lang, W_SOURCE, 0);
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < n; i++) {
		const char *key = text_at(t, i, "key"), *unit = text_at(t, i, "unit");
		int j, later = 0;

		/* the latest year of each key and unit: rows come ordered by key, year, unit */
		for (j = i + 1; j < n && !strcmp(key, text_at(t, j, "key")); j++)
			later |= !strcmp(unit, text_at(t, j, "unit"));
		if (later)
			continue;
		html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		value_link(h, area, key, NULL);
		html_text(h, text_at(t, i, "name"));
		html_raw(h, "</a></th>");
		html_fmt(h, "<td class=\"utrecht-table__cell\">%d</td>", year_at(t, i));
		td(h, web_cell(t, i, "value", 1, lang, b, sizeof(b)), 1);
		td(h, unit, 0);
		td(h, text_at(t, i, "source"), 0);
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></div>");
	ivp_table_free(t);
}
