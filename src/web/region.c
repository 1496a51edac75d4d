/*
 * region.c — the region pages (public): `/regio`, the regional plan (title,
 * period, source) with a table of its themes (rows) against the region's
 * municipalities (columns), each cell the priorities of the municipality's
 * plan that take up the theme, linked to its plan page, or "geen plan in
 * ivp" (nothing is made up for a municipality whose plan ivp does not
 * hold); and `/regio/veiligheidsbeeld`, the region's safety picture: for
 * each indicator of the start page's set every municipality against the
 * rest of the region (the comparison groups of docs/groups.md: the engine
 * leaves the municipality itself out), the region as a whole and the
 * Netherlands, with the verdict words, unit, source and period beside the
 * figures; above each table its chart on the shared chart model
 * (render/chart.h, ivp__rows): a bar per municipality, highest first, with
 * its interval, a dash at the rest of the region without it, the whole
 * region as a line, the verdict in words, and a municipality without a
 * figure named as such, never drawn as 0. Both read only the public API
 * (ivp_region_show, ivp_region_priorities, ivp_groups, ivp_indicators).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

#define MAX_MEMBERS 64

typedef struct region_info {
	char id[64], name[256], title[256], source[512];
	int from, to;
} region_info;

/* The region of ?region= (default: the first regional plan) with its
 * group's title; 0, else the error answered. */
static int region_of(http_req *r, region_info *ri)
{
	const char *want = http_query_get(&r->q, "region");
	ivp_table *t = NULL, *g = NULL;
	char b[512];
	int i;

	memset(ri, 0, sizeof(*ri));
	if (ivp_region_show(r->ctx, want, &t)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return -1;
	}
	if (ivp_table_nrows(t)) {
		snprintf(ri->id, sizeof(ri->id), "%s", web_cell(t, 0, "region", 0, "en", b, sizeof(b)));
		snprintf(ri->title, sizeof(ri->title), "%s", web_cell(t, 0, "title", 0, "en", b, sizeof(b)));
		snprintf(ri->source, sizeof(ri->source), "%s", web_cell(t, 0, "source", 0, "en", b, sizeof(b)));
		ri->from = (int)ivp_table_int(t, 0, web_col(t, "from"));
		ri->to = (int)ivp_table_int(t, 0, web_col(t, "to"));
	}
	ivp_table_free(t);
	snprintf(ri->name, sizeof(ri->name), "%s", ri->id);
	if (!ivp_groups(r->ctx, NULL, NULL, 0, "en", &g))
		for (i = 0; i < ivp_table_nrows(g); i++)
			if (!strcmp(web_cell(g, i, "group", 0, "en", b, sizeof(b)), ri->id))
				snprintf(ri->name, sizeof(ri->name), "%s", web_cell(g, i, "title", 0, "en", b, sizeof(b)));
	ivp_table_free(g);
	return 0;
}

/* The plan's title, period and source as a paragraph. */
static void plan_paragraph(html *h, const char *lang, const region_info *ri)
{
	char b[700];

	html_raw(h, "<p class=\"utrecht-paragraph\">");
	snprintf(b, sizeof(b), web_t(lang, W_RG_PLAN), ri->title, ri->from, ri->to);
	html_text(h, b);
	html_raw(h, "</p>");
	if (ri->source[0]) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, web_t(lang, W_SOURCE));
		html_raw(h, ": ");
		html_text(h, ri->source);
		html_raw(h, "</p>");
	}
}

static void wrap_begin(html *h, const char *caption)
{
	/* a wide table scrolls inside a named, focusable region (WCAG 2.1.1) */
	html_raw(h, "<div class=\"ivp-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(h, caption);
	html_raw(h, "\"><table class=\"utrecht-table ivp-region-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, caption);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
}

static void th_col(html *h, const char *text, int num)
{
	html_raw(h, num ? "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-data\">" :
			  "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, text);
	html_raw(h, "</th>");
}

/* ---- /regio --------------------------------------------------------------------- */

/* The distinct municipalities of the side by side, in its order. */
static int columns(const ivp_table *t, const char *codes[MAX_MEMBERS], const char *names[MAX_MEMBERS])
{
	int i, k, n = 0, ca = web_col(t, "area"), cn = web_col(t, "area_name");

	for (i = 0; i < ivp_table_nrows(t) && n < MAX_MEMBERS; i++) {
		const char *c = ivp_table_text(t, i, ca);

		for (k = 0; k < n && strcmp(codes[k], c); k++)
			;
		if (k == n) {
			codes[n] = c;
			names[n++] = ivp_table_text(t, i, cn);
		}
	}
	return n;
}

/* The cell of theme row i0.. (the rows of one theme) and municipality code. */
static void matrix_cell(html *h, const char *lang, const ivp_table *t, int i0, int i1, const char *code)
{
	int i, any = 0, plan = 0;
	char b[300];

	html_raw(h, "<td class=\"utrecht-table__cell\">");
	for (i = i0; i < i1; i++) {
		if (strcmp(web_cell(t, i, "area", 0, lang, b, sizeof(b)), code))
			continue;
		plan |= !web_null(t, i, "plan");
		if (web_null(t, i, "priority"))
			continue;
		html_raw(h, any ? "<br>" : "");
		html_raw(h, "<a class=\"utrecht-link\" href=\"/plan?gemeente=");
		html_text(h, code);
		html_raw(h, "\">");
		html_text(h, web_cell(t, i, "priority_title", 0, lang, b, sizeof(b)));
		html_raw(h, "</a>");
		any = 1;
	}
	if (!any)
		html_text(h, web_t(lang, plan ? W_RG_NO_PRIORITY : W_RG_NO_PLAN));
	html_raw(h, "</td>");
}

void web_region(http_req *r)
{
	const char *lang = web_lang(r), *codes[MAX_MEMBERS], *names[MAX_MEMBERS];
	region_info ri;
	ivp_table *t = NULL;
	char title[400], cap[600], b[300];
	html h = { 0 };
	int i, k, n, i1, cth, planned = 0;

	if (region_of(r, &ri))
		return;
	if (ivp_region_priorities(r->ctx, ri.id, &t)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return;
	}
	snprintf(title, sizeof(title), web_t(lang, W_RG_TITLE), ri.name);
	web_page_begin(r, &h, lang, title);
	plan_paragraph(&h, lang, &ri);
	html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/regio/veiligheidsbeeld\">");
	html_text(&h, web_t(lang, W_RG_PICTURE_LINK));
	html_raw(&h, "</a></p>");
	n = columns(t, codes, names);
	snprintf(cap, sizeof(cap), web_t(lang, W_RG_MATRIX_CAPTION), ri.title);
	wrap_begin(&h, cap);
	th_col(&h, web_t(lang, W_RG_THEME), 0);
	for (k = 0; k < n; k++)
		th_col(&h, names[k], 0);
	html_raw(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	cth = web_col(t, "theme");
	for (i = 0; i < ivp_table_nrows(t); i = i1) {
		const char *theme = ivp_table_text(t, i, cth);

		for (i1 = i; i1 < ivp_table_nrows(t) && !strcmp(ivp_table_text(t, i1, cth), theme); i1++)
			planned |= !web_null(t, i1, "plan");
		html_raw(&h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(&h, web_cell(t, i, "theme_title", 0, lang, b, sizeof(b)));
		html_raw(&h, "</th>");
		for (k = 0; k < n; k++)
			matrix_cell(&h, lang, t, i, i1, codes[k]);
		html_raw(&h, "</tr>");
	}
	html_raw(&h, "</tbody></table></div><p class=\"utrecht-paragraph\">");
	html_text(&h, web_t(lang, W_RG_MATRIX_NOTE));
	html_raw(&h, "</p>");
	if (!planned) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_RG_NO_PLANS));
		html_raw(&h, "</p>");
	}
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}

/* ---- /regio/veiligheidsbeeld ------------------------------------------------------- */

typedef struct picture {
	int n;			     /* municipalities */
	char codes[MAX_MEMBERS][16]; /* by code */
	char names[MAX_MEMBERS][128];
	ivp_table *t[MAX_MEMBERS];     /* each against NL01 and the rest of the region */
	ivp_table *whole;	       /* the region as a sum of its members, against NL01 */
	char sum[MAX_MEMBERS * 8 + 8]; /* "GM0503+GM0518+…" */
} picture;

static int load_members(http_req *r, const region_info *ri, picture *p)
{
	ivp_table *m = NULL;
	char b[200];
	int i;

	if (ivp_groups(r->ctx, ri->id, NULL, 0, "en", &m))
		return -1;
	for (i = 0; i < ivp_table_nrows(m) && p->n < MAX_MEMBERS; i++) {
		size_t len = strlen(p->sum);

		snprintf(p->codes[p->n], sizeof(p->codes[0]), "%s", web_cell(m, i, "code", 0, "en", b, sizeof(b)));
		snprintf(p->names[p->n], sizeof(p->names[0]), "%s", web_cell(m, i, "name", 0, "en", b, sizeof(b)));
		snprintf(p->sum + len, sizeof(p->sum) - len, "%s%s", len ? "+" : "", p->codes[p->n]);
		p->n++;
	}
	ivp_table_free(m);
	return 0;
}

/* The indicators of area in year against cmp (n of them); NULL when none. */
static ivp_table *figures(http_req *r, const char *area, int year, const char **cmp, int n,
			  const char *lang)
{
	ivp_indicator_query q;
	ivp_table *t = NULL;

	memset(&q, 0, sizeof(q));
	q.small_threshold = -1;
	q.area = area;
	q.year = year;
	q.compare = cmp;
	q.ncompare = n;
	q.lang = lang;
	return ivp_indicators(r->ctx, &q, &t) ? NULL : t;
}

static void td_text(html *h, const char *s, int num)
{
	html_raw(h, num ? "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">" :
			  "<td class=\"utrecht-table__cell\">");
	html_text(h, s);
	html_raw(h, "</td>");
}

/* A rate cell: the number in lang's style, or "geen cijfer". */
static void td_rate(html *h, const char *lang, const ivp_table *t, int row, const char *col)
{
	char b[64];

	if (!t || row < 0 || web_null(t, row, col))
		td_text(h, web_t(lang, W_MAP_NODATA), 1);
	else
		td_text(h, web_cell(t, row, col, 2, lang, b, sizeof(b)), 1);
}

/* Row of indicator key in t, or -1. */
static int row_of(const ivp_table *t, const char *key)
{
	int i, c = t ? web_col(t, "indicator") : -1;

	for (i = 0; c >= 0 && i < ivp_table_nrows(t); i++)
		if (!strcmp(ivp_table_text(t, i, c), key))
			return i;
	return -1;
}

/* The chart of one indicator (caption: its title): each municipality's
 * rate, interval, the rest of the region and the verdict; the region as a
 * whole as the reference line. */
static void indicator_chart(html *h, const char *lang, const region_info *ri, const picture *p,
			    const char *key, const char *caption)
{
	ivp__rows *c = malloc(sizeof(*c));
	char rest[300], whole[300], col[80], vcol[80], b[300], id[96];
	int k, w = row_of(p->whole, key);

	if (!c) {
		h->oom = 1;
		return;
	}
	ivp__rows_init(c);
	snprintf(col, sizeof(col), "%s_per_1000", ri->id);
	snprintf(vcol, sizeof(vcol), "vs_%s", ri->id);
	for (k = 0; k < p->n; k++) {
		const ivp_table *t = p->t[k];
		int i = row_of(t, key);

		double v = web_real(t, i, "per_1000");

		/* without a figure: named, no verdict beside it */
		ivp__rows_add(c, p->names[k], v, web_real(t, i, "per_1000_lo"), web_real(t, i, "per_1000_hi"),
			      web_real(t, i, col),
			      isnan(v) ? "" : web_verdict(lang, web_cell(t, i, vcol, 0, lang, b, sizeof(b)), 2));
	}
	c->ref = web_real(p->whole, w, "per_1000");
	c->title = caption;
	c->unit = w >= 0 && !web_null(p->whole, w, "unit") ? ivp_table_text(p->whole, w, web_col(p->whole, "unit")) :
							     web_t(lang, W_MAP_PER1000);
	c->value_label = web_t(lang, W_RG_CHART_VALUE);
	c->band_label = web_t(lang, W_INTERVAL);
	snprintf(rest, sizeof(rest), web_t(lang, W_RG_CHART_REST), ri->name);
	c->cmp_label = rest;
	snprintf(whole, sizeof(whole), web_t(lang, W_RG_WHOLE), ri->name);
	c->ref_label = whole;
	c->nodata_label = web_t(lang, W_MAP_NODATA);
	c->order_label = web_t(lang, W_RG_CHART_ORDER);
	ivp__rows_fit(c);
	/* the chart's ids from the key, only its letters, digits, - and _ (web_chart writes them as they are) */
	snprintf(id, sizeof(id), "rg-%s", key);
	for (k = 3; id[k]; k++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", id[k]))
			id[k] = '_';
	web_rows_chart(h, lang, c, id);
	free(c);
}

/* The table of one indicator: each municipality against the rest, the
 * region, the Netherlands. */
static void indicator_table(html *h, const char *lang, const region_info *ri, const picture *p,
			    const char *key, int year)
{
	char cap[700], b[300], col[80], rest[300], name[300];
	int k, i, w = row_of(p->whole, key), i0 = row_of(p->t[0], key);

	web_cell(p->t[0], i0, "name", 0, lang, name, sizeof(name));
	html_raw(h, "<h2 class=\"utrecht-heading-2\">");
	html_text(h, name);
	html_raw(h, "</h2>");
	for (k = 0, i = 0; k < p->n && !i; k++)
		i = row_of(p->t[k], key) >= 0 && !web_null(p->t[k], row_of(p->t[k], key), "count");
	if (!i) { /* no municipality has a count: a sentence, not a table of blanks */
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		snprintf(cap, sizeof(cap), web_t(lang, W_RG_NO_FIGURES), name, year);
		html_text(h, cap);
		html_raw(h, "</p>");
		return;
	}
	snprintf(cap, sizeof(cap), web_t(lang, W_RG_PICTURE_CAPTION), name, year, ri->name);
	snprintf(rest, sizeof(rest), web_t(lang, W_RG_REST_RATE), ri->name);
	indicator_chart(h, lang, ri, p, key, cap);
	wrap_begin(h, cap);
	th_col(h, web_t(lang, W_AREA), 0);
	th_col(h, web_t(lang, W_COUNT), 1);
	th_col(h, web_t(lang, W_RG_RATE), 1);
	th_col(h, rest, 1);
	snprintf(rest, sizeof(rest), web_t(lang, W_RG_VS_REST), ri->name);
	th_col(h, rest, 0);
	th_col(h, web_t(lang, W_RG_UNIT), 0);
	th_col(h, web_t(lang, W_SOURCE), 0);
	th_col(h, web_t(lang, W_PERIOD), 0);
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (k = 0; k < p->n; k++) {
		const ivp_table *t = p->t[k];

		i = row_of(t, key);
		html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
			    "<a class=\"utrecht-link\" href=\"/indicator?area=");
		html_text(h, p->codes[k]);
		html_raw(h, "&amp;key=");
		html_text(h, key);
		html_raw(h, "\">");
		html_text(h, p->names[k]);
		html_raw(h, "</a></th>");
		td_text(h, i >= 0 && !web_null(t, i, "count") ? web_cell(t, i, "count", 0, lang, b, sizeof(b)) : "", 1);
		td_rate(h, lang, t, i, "per_1000");
		snprintf(col, sizeof(col), "%s_per_1000", ri->id);
		td_rate(h, lang, t, i, col);
		snprintf(col, sizeof(col), "vs_%s", ri->id);
		td_text(h, i >= 0 ? web_verdict(lang, web_cell(t, i, col, 0, lang, b, sizeof(b)), 2) : "", 0);
		td_text(h, i >= 0 ? web_cell(t, i, "unit", 0, lang, b, sizeof(b)) : "", 0);
		td_text(h, i >= 0 ? web_source_cell(t, i, lang, b, sizeof(b)) : "", 0);
		td_text(h, i >= 0 ? web_cell(t, i, "period", 0, lang, b, sizeof(b)) : "", 0);
		html_raw(h, "</tr>");
	}
	/* the region as a whole, and the Netherlands (from the whole's comparison) */
	for (k = 0; k < 2; k++) {
		snprintf(b, sizeof(b), web_t(lang, k ? W_NL_NAME : W_RG_WHOLE), ri->name);
		html_raw(h, "<tr class=\"utrecht-table__row ivp-region-total\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(h, b);
		html_raw(h, "</th>");
		if (w >= 0 && !web_null(p->whole, w, k ? "cmp1_count" : "count"))
			td_text(h, web_cell(p->whole, w, k ? "cmp1_count" : "count", 0, lang, b, sizeof(b)), 1);
		else
			td_text(h, "", 1);
		td_rate(h, lang, p->whole, w, k ? "NL01_per_1000" : "per_1000");
		td_text(h, "", 1);
		td_text(h, "", 0);
		td_text(h, w >= 0 ? web_cell(p->whole, w, "unit", 0, lang, b, sizeof(b)) : "", 0);
		td_text(h, w >= 0 ? web_source_cell(p->whole, w, lang, b, sizeof(b)) : "", 0);
		td_text(h, w >= 0 ? web_cell(p->whole, w, "period", 0, lang, b, sizeof(b)) : "", 0);
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></div>");
}

void web_region_picture(http_req *r)
{
	const char *lang = web_lang(r), *y = http_query_get(&r->q, "year");
	const char *cmp[2] = { "NL01", NULL };
	region_info ri;
	picture *p;
	char title[400], b[300];
	html h = { 0 };
	int year = 0, i, k;

	if (region_of(r, &ri))
		return;
	p = calloc(1, sizeof(*p));
	if (!p) {
		web_error(r, 500, "out of memory", NULL, NULL);
		return;
	}
	if (load_members(r, &ri, p)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		free(p);
		return;
	}
	if (!y || http_parse_year(y, &year))
		year = p->n ? web_latest_year(r, p->sum, "totaal") : 0;
	cmp[1] = ri.id;
	for (k = 0; year && k < p->n; k++)
		p->t[k] = figures(r, p->codes[k], year, cmp, 2, lang);
	p->whole = year && p->n ? figures(r, p->sum, year, cmp, 1, lang) : NULL;
	snprintf(title, sizeof(title), web_t(lang, W_RG_PICTURE_TITLE), ri.name, year);
	web_page_begin(r, &h, lang, title);
	html_raw(&h, "<p class=\"utrecht-paragraph\">");
	snprintf(b, sizeof(b), web_t(lang, W_RG_PICTURE_INTRO), ri.name);
	html_text(&h, b);
	html_raw(&h, " <a class=\"utrecht-link\" href=\"/regio\">");
	html_text(&h, web_t(lang, W_RG_BACK));
	html_raw(&h, "</a></p>");
	if (!year || !p->n || !p->t[0]) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_HOME_NODATA));
		html_raw(&h, "</p>");
	} else {
		for (i = 0; i < ivp_table_nrows(p->t[0]); i++)
			indicator_table(&h, lang, &ri, p, ivp_table_text(p->t[0], i, web_col(p->t[0], "indicator")), year);
		web_explain(&h, lang, W_VERDICT_EXPLAIN_TITLE, W_RG_VERDICT_EXPLAIN);
	}
	for (k = 0; k < p->n; k++)
		ivp_table_free(p->t[k]);
	ivp_table_free(p->whole);
	free(p);
	web_page_end(r, &h, 200);
}
