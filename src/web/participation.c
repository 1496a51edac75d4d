/*
 * participation.c — the pages of the participation trajectory and the
 * priority matrix (issue 14), from ivp_participation's tables:
 *
 *   GET /participatie          the trajectory (signed in): its aims, its
 *                              activities, every input with what was done
 *                              with it, and which inputs have no route yet;
 *   GET /participatie/inbreng  "Wat is er met uw inbreng gedaan?" (public):
 *                              the activities, the inputs per theme and
 *                              wijk and the route of each theme to the
 *                              plan, every count through the suppression
 *                              rule (stats/suppress.h) stated beside it;
 *   GET /prioriteiten          the priority matrix (signed in): scores per
 *                              criterion with their source, total, rank and
 *                              choice, its chart beside the table, the
 *                              sensitivity view and the choices' reasoning.
 *
 * The matrix chart is drawn here, not on the shared chart model
 * (render/chart.h): that model is a series over years; the matrix is a
 * bar per theme made of its criteria's weighted scores.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

static void th(html *h, const char *text, int num)
{
	html_fmt(h, "<th scope=\"col\" class=\"utrecht-table__header-cell%s\">",
		 num ? " utrecht-table__header-cell--numeric-data" : "");
	html_text(h, text);
	html_raw(h, "</th>");
}

static void td(html *h, const char *text, int num)
{
	html_raw(h, num ? "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">" :
			  "<td class=\"utrecht-table__cell\">");
	html_text(h, text);
	html_raw(h, "</td>");
}

static void table_begin(html *h, const char *caption)
{
	html_raw(h, "<div class=\"ivp-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(h, caption);
	html_raw(h, "\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, caption);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
}

static void table_body(html *h)
{
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

static void table_end(html *h)
{
	html_raw(h, "</tbody></table></div>");
}

static void para(html *h, const char *text)
{
	html_raw(h, "<p class=\"utrecht-paragraph\">");
	html_text(h, text);
	html_raw(h, "</p>");
}

static void h2(html *h, const char *id, const char *text)
{
	html_fmt(h, "<h2 class=\"utrecht-heading-2\" id=\"%s\">", id);
	html_text(h, text);
	html_raw(h, "</h2>");
}

static const char *cell(const ivp_table *t, int row, const char *col)
{
	int c = web_col(t, col);
	const char *s = c >= 0 ? ivp_table_text(t, row, c) : NULL;

	return s ? s : "";
}

static void badge(html *h, const char *lang)
{
	html_raw(h, " <span class=\"utrecht-badge-status ivp-badge\">");
	html_text(h, web_t(lang, W_ILLUSTRATION));
	html_raw(h, "</span>");
}

/* The trajectory's table (ivp_participation what); NULL after answering an error. */
static ivp_table *get(http_req *r, const char *what, const char *lang)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_participation(r->ctx, what, http_query_get(&r->q, "trajectory"), lang, &t);

	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return NULL;
	}
	return t;
}

/* The heading of the trajectory: title, illustration badge, aims. 0: none there. */
static int trajectory_head(html *h, const char *lang, const ivp_table *tr, const char *want)
{
	int i;

	for (i = 0; i < ivp_table_nrows(tr); i++) {
		if (want && strcmp(cell(tr, i, "trajectory"), want))
			continue;
		html_raw(h, "<p class=\"utrecht-paragraph ivp-lead\"><strong>");
		html_text(h, cell(tr, i, "title"));
		html_raw(h, "</strong>");
		if (cell(tr, i, "illustration")[0])
			badge(h, lang);
		html_raw(h, "</p>");
		if (cell(tr, i, "aims")[0])
			para(h, cell(tr, i, "aims"));
		return 1;
	}
	para(h, web_t(lang, W_PT_NONE));
	return 0;
}

static void activities_section(html *h, const char *lang, const ivp_table *a, int public_page)
{
	int i;

	h2(h, "activiteiten", web_t(lang, W_PT_ACTIVITIES));
	if (!ivp_table_nrows(a)) {
		para(h, web_t(lang, W_PT_NO_ACTIVITIES));
		return;
	}
	table_begin(h, web_t(lang, W_PT_ACTIVITIES_CAPTION));
	th(h, web_t(lang, W_PT_DATE), 0);
	th(h, web_t(lang, W_PT_KIND), 0);
	th(h, web_t(lang, W_PT_PLACE), 0);
	th(h, web_t(lang, W_PT_ORGS), 0);
	th(h, web_t(lang, W_PT_PARTICIPANTS), 1);
	th(h, web_t(lang, W_PT_INPUTS_N), 1);
	if (!public_page)
		th(h, web_t(lang, W_PT_REPORT), 0);
	table_body(h);
	for (i = 0; i < ivp_table_nrows(a); i++) {
		char day[64], n[32];

		ivp_format_date(lang, cell(a, i, "date"), day, sizeof(day));
		html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(h, day);
		html_raw(h, "</th>");
		td(h, cell(a, i, "kind_text"), 0);
		td(h, cell(a, i, "wijk_name")[0] ? cell(a, i, "wijk_name") : cell(a, i, "place"), 0);
		td(h, cell(a, i, "organisations"), 0);
		td(h, cell(a, i, "participants_shown"), 1);
		if (ivp_table_cell_type(a, i, web_col(a, "inputs")) == IVP_CELL_NULL) /* suppressed */
			snprintf(n, sizeof(n), "< 5");
		else
			snprintf(n, sizeof(n), "%lld", (long long)ivp_table_int(a, i, web_col(a, "inputs")));
		td(h, n, 1);
		if (!public_page) {
			html_raw(h, "<td class=\"utrecht-table__cell\">");
			html_text(h, cell(a, i, "report"));
			if (cell(a, i, "illustration")[0])
				badge(h, lang);
			html_raw(h, "</td>");
		}
		html_raw(h, "</tr>");
	}
	table_end(h);
}

/* The suppression rule, stated beside the figures. */
static void rule(html *h, const char *lang)
{
	html_raw(h, "<div class=\"utrecht-alert ivp-alert ivp-rule\" id=\"regel\"><p class=\"utrecht-paragraph\"><strong>");
	html_text(h, web_t(lang, W_PT_RULE_TITLE));
	html_raw(h, "</strong> ");
	html_text(h, web_t(lang, W_PT_RULE));
	html_raw(h, "</p></div>");
}

/* ---- GET /participatie/inbreng ------------------------------------------------- */

static void themes_section(html *h, const char *lang, const ivp_table *t)
{
	char wk[16][256];
	int nw = 0, i, k;

	h2(h, "themas", web_t(lang, W_PT_THEMES));
	if (!ivp_table_nrows(t)) {
		para(h, web_t(lang, W_PT_NO_INPUTS));
		return;
	}
	rule(h, lang);
	/* the columns: the wijken of the first theme's rows, then the total */
	for (i = 0; i < ivp_table_nrows(t) && nw < 16; i++) {
		if (strcmp(cell(t, i, "row"), "cell"))
			break;
		snprintf(wk[nw++], sizeof(wk[0]), "%s", cell(t, i, "wijk_name"));
	}
	html_raw(h, "<div id=\"themas-tabel\">");
	table_begin(h, web_t(lang, W_PT_THEMES_CAPTION));
	th(h, web_t(lang, W_PT_THEME), 0);
	for (k = 0; k < nw; k++)
		th(h, wk[k], 1);
	th(h, web_t(lang, W_PT_TOTAL), 1);
	table_body(h);
	for (i = 0; i < ivp_table_nrows(t); i++) {
		const char *row = cell(t, i, "row");

		if (!strcmp(row, "cell") || !strcmp(row, "wijk_total")) {
			if (i == 0 || strcmp(cell(t, i - 1, "theme"), cell(t, i, "theme")) ||
			    !strcmp(cell(t, i - 1, "row"), "theme_total")) {
				html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
				html_text(h, cell(t, i, "title"));
				html_raw(h, "</th>");
			}
		}
		td(h, cell(t, i, "shown"), 1);
		if (!strcmp(row, "theme_total") || !strcmp(row, "total"))
			html_raw(h, "</tr>");
	}
	table_end(h);
	html_raw(h, "</div>");
	para(h, web_t(lang, W_PT_THEMES_NOTE));
}

static void routes_section(html *h, const char *lang, const ivp_table *t)
{
	int i;

	h2(h, "gedaan", web_t(lang, W_PT_ROUTES));
	if (!ivp_table_nrows(t))
		return;
	para(h, web_t(lang, W_PT_ROUTES_INTRO));
	table_begin(h, web_t(lang, W_PT_ROUTES_CAPTION));
	th(h, web_t(lang, W_PT_THEME), 0);
	th(h, web_t(lang, W_PT_ROUTE), 0);
	th(h, web_t(lang, W_PT_TARGET), 0);
	th(h, web_t(lang, W_PT_INPUTS_N), 1);
	table_body(h);
	for (i = 0; i < ivp_table_nrows(t); i++) {
		html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(h, cell(t, i, "title"));
		html_raw(h, "</th>");
		td(h, cell(t, i, "route_text"), 0);
		td(h, cell(t, i, "target_title"), 0);
		td(h, cell(t, i, "shown"), 1);
		html_raw(h, "</tr>");
	}
	table_end(h);
}

void web_participation_public(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_table *tr = NULL, *a = NULL, *th_ = NULL, *rt = NULL;
	html h = { 0 };

	if (!(tr = get(r, "trajectories", lang)) || !(a = get(r, "activities", lang)) ||
	    !(th_ = get(r, "themes", lang)) || !(rt = get(r, "routes", lang)))
		goto out;
	web_page_begin(r, &h, lang, web_t(lang, W_PT_PUBLIC_TITLE));
	if (trajectory_head(&h, lang, tr, http_query_get(&r->q, "trajectory"))) {
		para(&h, web_t(lang, W_PT_PUBLIC_INTRO));
		activities_section(&h, lang, a, 1);
		themes_section(&h, lang, th_);
		routes_section(&h, lang, rt);
	}
	web_page_end(r, &h, 200);
out:
	ivp_table_free(tr);
	ivp_table_free(a);
	ivp_table_free(th_);
	ivp_table_free(rt);
}

/* ---- GET /participatie ---------------------------------------------------------- */

void web_participation(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_table *tr = NULL, *a = NULL, *in = NULL;
	html h = { 0 };
	int i;

	if (!(tr = get(r, "trajectories", lang)) || !(a = get(r, "activities", lang)) ||
	    !(in = get(r, "inputs", lang)))
		goto out;
	web_page_begin(r, &h, lang, web_t(lang, W_PT_TITLE));
	if (trajectory_head(&h, lang, tr, http_query_get(&r->q, "trajectory"))) {
		html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/participatie/inbreng\">");
		html_text(&h, web_t(lang, W_PT_PUBLIC_TITLE));
		html_raw(&h, "</a> · <a class=\"utrecht-link\" href=\"/prioriteiten\">");
		html_text(&h, web_t(lang, W_PT_MATRIX_TITLE));
		html_raw(&h, "</a></p>");
		activities_section(&h, lang, a, 0);
		h2(&h, "inbreng", web_t(lang, W_PT_INPUTS));
		for (i = 0; i < ivp_table_nnotes(in); i++) {
			html_raw(&h, "<div class=\"utrecht-alert ivp-alert\" id=\"zonder-route\"><p class=\"utrecht-paragraph\">");
			html_text(&h, ivp_table_note(in, i));
			html_raw(&h, "</p></div>");
		}
		table_begin(&h, web_t(lang, W_PT_INPUTS_CAPTION));
		th(&h, web_t(lang, W_PT_ACTIVITY), 0);
		th(&h, web_t(lang, W_PT_STATEMENT), 0);
		th(&h, web_t(lang, W_PT_THEMES_COL), 0);
		th(&h, web_t(lang, W_PT_ROUTE), 0);
		th(&h, web_t(lang, W_PT_TARGET), 0);
		table_body(&h);
		for (i = 0; i < ivp_table_nrows(in); i++) {
			html_raw(&h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_text(&h, cell(in, i, "activity"));
			html_raw(&h, " ");
			html_text(&h, cell(in, i, "ref"));
			html_raw(&h, "</th>");
			td(&h, cell(in, i, "statement"), 0);
			td(&h, cell(in, i, "theme_titles"), 0);
			td(&h, cell(in, i, "route_text"), 0);
			td(&h, cell(in, i, "route")[0] && !strcmp(cell(in, i, "route"), "not_taken") ? cell(in, i, "reason") : cell(in, i, "target_title"),
			   0);
			html_raw(&h, "</tr>");
		}
		table_end(&h);
	}
	web_page_end(r, &h, 200);
out:
	ivp_table_free(tr);
	ivp_table_free(a);
	ivp_table_free(in);
}

/* ---- GET /prioriteiten ------------------------------------------------------------ */

static const char *const crit[] = { "size", "trend", "seriousness", "residents", "partners", "regional", "evaluation" };
static const web_msg crit_name[] = { W_PT_C_SIZE, W_PT_C_TREND, W_PT_C_SERIOUS, W_PT_C_RESIDENTS,
				     W_PT_C_PARTNERS, W_PT_C_REGIONAL, W_PT_C_EVALUATION };
/* colours of the criteria (each at least 3:1 against white), in the legend too */
static const char *const crit_fill[] = { "#1f5f99", "#7a4fa3", "#b3261e", "#2e7d32", "#8a5a00", "#00707a", "#5c5c5c" };
#define NCRIT 7

/* The weights from the matrix table's note ("… size 1, trend 1, …"). */
static void weights_of(const ivp_table *t, double w[NCRIT])
{
	int c;

	for (c = 0; c < NCRIT; c++) {
		const char *n = ivp_table_nnotes(t) ? ivp_table_note(t, 0) : "";
		char key[32];
		const char *p;

		w[c] = 1;
		snprintf(key, sizeof(key), "%s ", crit[c]);
		if ((p = strstr(n, key)))
			w[c] = strtod(p + strlen(key), NULL);
	}
}

static void matrix_chart(html *h, const char *lang, const ivp_table *t)
{
	double w[NCRIT], wsum = 0;
	int n = ivp_table_nrows(t), i, c;
	const double x0 = 230, x1 = 660, bar = 18, gap = 8, top = 10;
	double height = top + n * (bar + gap) + 30;

	weights_of(t, w);
	for (c = 0; c < NCRIT; c++)
		wsum += w[c];
	if (!n || wsum <= 0)
		return;
	html_fmt(h, "<figure class=\"ivp-chart ivp-matrix-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 %.0f\" "
		    "role=\"img\" aria-labelledby=\"mx-title mx-desc\"><title id=\"mx-title\">",
		 height);
	html_text(h, web_t(lang, W_PT_CHART_TITLE));
	html_raw(h, "</title><desc id=\"mx-desc\">");
	html_text(h, web_t(lang, W_PT_CHART_DESC));
	html_raw(h, "</desc>");
	for (i = 0; i < n; i++) {
		double y = top + i * (bar + gap), x = x0;
		char b[64];

		html_fmt(h, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">", x0 - 6, y + 13);
		html_text(h, cell(t, i, "title"));
		html_raw(h, "</text>");
		for (c = 0; c < NCRIT; c++) {
			int col = web_col(t, crit[c]);
			double s, part;

			if (col < 0 || ivp_table_cell_type(t, i, col) == IVP_CELL_NULL || w[c] <= 0)
				continue;
			s = ivp_table_real(t, i, col);
			part = w[c] * s / wsum / 5.0 * (x1 - x0);
			if (part <= 0)
				continue;
			html_fmt(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1\"><title>",
				 x, y, part, bar, crit_fill[c]);
			html_text(h, web_t(lang, crit_name[c]));
			ivp_format_number(lang, s, 1, b, sizeof(b));
			html_raw(h, ": ");
			html_text(h, b);
			html_raw(h, "</title></rect>");
			x += part;
		}
		if (!web_null(t, i, "total")) {
			ivp_format_number(lang, ivp_table_real(t, i, web_col(t, "total")), 2, b, sizeof(b));
			html_fmt(h, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#1a1a1a\">", x + 4, y + 13);
			html_text(h, b);
			html_raw(h, "</text>");
		}
	}
	for (c = 0; c <= 5; c++) {
		double x = x0 + c * (x1 - x0) / 5;

		html_fmt(h, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" stroke=\"#767676\" stroke-width=\"0.5\"/>"
			    "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">%d</text>",
			 x, x, top - 4, height - 24, x, height - 10, c);
	}
	html_raw(h, "</svg><figcaption class=\"ivp-chart__legend\"><ul class=\"ivp-legend\">");
	for (c = 0; c < NCRIT; c++) {
		char b[32];

		html_fmt(h, "<li><span class=\"ivp-swatch ivp-swatch--%d\" aria-hidden=\"true\"></span> ", c);
		html_text(h, web_t(lang, crit_name[c]));
		ivp_format_number(lang, w[c], 0, b, sizeof(b));
		html_raw(h, " (");
		html_text(h, web_t(lang, W_PT_WEIGHT));
		html_raw(h, " ");
		html_text(h, b);
		html_raw(h, ")</li>");
	}
	html_raw(h, "</ul></figcaption></figure>");
}

static void matrix_section(html *h, const char *lang, const ivp_table *t)
{
	int i, c;

	h2(h, "matrix", web_t(lang, W_PT_MATRIX));
	para(h, web_t(lang, W_PT_MATRIX_INTRO));
	html_raw(h, "<div class=\"ivp-matrix\">");
	table_begin(h, web_t(lang, W_PT_MATRIX_CAPTION));
	th(h, web_t(lang, W_PT_RANK), 1);
	th(h, web_t(lang, W_PT_THEME), 0);
	for (c = 0; c < NCRIT; c++)
		th(h, web_t(lang, crit_name[c]), 1);
	th(h, web_t(lang, W_PT_TOTAL), 1);
	th(h, web_t(lang, W_PT_CHOICE), 0);
	table_body(h);
	for (i = 0; i < ivp_table_nrows(t); i++) {
		char b[64];

		snprintf(b, sizeof(b), "%lld", (long long)ivp_table_int(t, i, web_col(t, "rank")));
		html_raw(h, "<tr class=\"utrecht-table__row\">");
		td(h, b, 1);
		html_raw(h, "<th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(h, cell(t, i, "title"));
		html_raw(h, "</th>");
		for (c = 0; c < NCRIT; c++) {
			char src[32];
			int col = web_col(t, crit[c]);

			snprintf(src, sizeof(src), "%s_source", crit[c]);
			html_raw(h, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
			if (col >= 0 && ivp_table_cell_type(t, i, col) != IVP_CELL_NULL) {
				ivp_format_number(lang, ivp_table_real(t, i, col), 1, b, sizeof(b));
				html_text(h, b);
			} else {
				html_raw(h, "–");
			}
			snprintf(src, sizeof(src), "%s_from", crit[c]);
			html_raw(h, "<span class=\"ivp-source\">");
			html_text(h, web_t(lang, !strcmp(cell(t, i, src), "data")    ? W_PT_FROM_DATA :
						 !strcmp(cell(t, i, src), "entered") ? W_PT_FROM_ENTERED :
										       W_PT_FROM_NONE));
			html_raw(h, "</span></td>");
		}
		ivp_format_number(lang, ivp_table_real(t, i, web_col(t, "total")), 2, b, sizeof(b));
		td(h, b, 1);
		td(h, cell(t, i, "chosen"), 0);
		html_raw(h, "</tr>");
	}
	table_end(h);
	matrix_chart(h, lang, t);
	html_raw(h, "</div>");
	/* the weights are in the chart's legend; the sources of the scores: the data's counts and every entered score's reason */
	html_raw(h, "<details class=\"ivp-explain\" id=\"bronnen\"><summary>");
	html_text(h, web_t(lang, W_PT_SOURCES));
	html_raw(h, "</summary><ul class=\"utrecht-unordered-list ivp-sources\">");
	for (i = 0; i < ivp_table_nrows(t); i++)
		for (c = 0; c < NCRIT; c++) {
			char src[32];

			snprintf(src, sizeof(src), "%s_from", crit[c]);
			if (!cell(t, i, src)[0])
				continue;
			snprintf(src, sizeof(src), "%s_source", crit[c]);
			html_raw(h, "<li class=\"utrecht-unordered-list__item\"><strong>");
			html_text(h, cell(t, i, "title"));
			html_raw(h, "</strong>, ");
			html_text(h, web_t(lang, crit_name[c]));
			html_raw(h, ": ");
			html_text(h, cell(t, i, src));
			html_raw(h, "</li>");
		}
	html_raw(h, "</ul></details>");
}

static void sensitivity_section(html *h, const char *lang, const ivp_table *s)
{
	int i;

	h2(h, "gevoeligheid", web_t(lang, W_PT_SENSITIVITY));
	para(h, web_t(lang, W_PT_SENSITIVITY_INTRO));
	table_begin(h, web_t(lang, W_PT_SENSITIVITY_CAPTION));
	th(h, web_t(lang, W_PT_THEME), 0);
	th(h, web_t(lang, W_PT_RANK), 1);
	th(h, web_t(lang, W_PT_RANK_BEST), 1);
	th(h, web_t(lang, W_PT_RANK_WORST), 1);
	th(h, web_t(lang, W_PT_VERDICT), 0);
	table_body(h);
	for (i = 0; i < ivp_table_nrows(s); i++) {
		char b[3][32];

		snprintf(b[0], sizeof(b[0]), "%lld", (long long)ivp_table_int(s, i, web_col(s, "rank")));
		snprintf(b[1], sizeof(b[1]), "%lld", (long long)ivp_table_int(s, i, web_col(s, "rank_min")));
		snprintf(b[2], sizeof(b[2]), "%lld", (long long)ivp_table_int(s, i, web_col(s, "rank_max")));
		html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(h, cell(s, i, "title"));
		html_raw(h, "</th>");
		td(h, b[0], 1);
		td(h, b[1], 1);
		td(h, b[2], 1);
		td(h, cell(s, i, "verdict"), 0);
		html_raw(h, "</tr>");
	}
	table_end(h);
}

static void choices_section(html *h, const char *lang, const ivp_table *t)
{
	int i, pass;

	h2(h, "keuzes", web_t(lang, W_PT_CHOICES));
	for (pass = 0; pass < 2; pass++) {
		html_raw(h, "<h3 class=\"utrecht-heading-3\">");
		html_text(h, web_t(lang, pass ? W_PT_NOT_CHOSEN : W_PT_CHOSEN));
		html_raw(h, "</h3><ul class=\"utrecht-unordered-list\">");
		for (i = 0; i < ivp_table_nrows(t); i++) {
			const char *r = cell(t, i, "reasoning");

			int ch = web_col(t, "choice");

			if (!r[0] || ch < 0 || ivp_table_cell_type(t, i, ch) == IVP_CELL_NULL ||
			    (ivp_table_int(t, i, ch) == 1) == pass)
				continue;
			html_raw(h, "<li class=\"utrecht-unordered-list__item\"><strong>");
			html_text(h, cell(t, i, "title"));
			html_raw(h, "</strong>: ");
			html_text(h, r);
			if (pass) {
				html_raw(h, " → ");
				html_text(h, cell(t, i, "destination"));
			}
			html_raw(h, "</li>");
		}
		html_raw(h, "</ul>");
	}
}

void web_priorities(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_table *tr = NULL, *m = NULL, *s = NULL;
	html h = { 0 };

	if (!(tr = get(r, "trajectories", lang)) || !(m = get(r, "matrix", lang)) || !(s = get(r, "sensitivity", lang)))
		goto out;
	web_page_begin(r, &h, lang, web_t(lang, W_PT_MATRIX_TITLE));
	(void)trajectory_head(&h, lang, tr, http_query_get(&r->q, "trajectory"));
	matrix_section(&h, lang, m);
	sensitivity_section(&h, lang, s);
	choices_section(&h, lang, m);
	web_page_end(r, &h, 200);
out:
	ivp_table_free(tr);
	ivp_table_free(m);
	ivp_table_free(s);
}
