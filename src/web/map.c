/*
 * map.c — choropleth maps as inline SVG and the /kaart page.
 *
 * web_choropleth draws areas from ivp_boundaries() (simplified rings in
 * integer RD New metres) coloured by a rate in five classes (quantiles of
 * the areas with a figure), with a legend naming the breaks. Colour is
 * never the only carrier: every area has a <title> with its name and
 * figure, and every page that draws a map follows it with the table of
 * its numbers. Colours are classes of web/static/ivp.css on the NL Design
 * System's blue scale (the Content-Security-Policy allows no inline style).
 *
 * /kaart: registered crime per 1,000 inhabitants per gemeente for a year,
 * every gemeente with a boundary (or those under ?under=), then the table.
 * /buurten (pages.c) calls web_area_map for its wijken or buurten; its
 * ranking table carries the numbers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

#define MAP_W 600.0 /* SVG user units across; the height follows the region */
#define MAP_HMAX 720.0

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int web_map_breaks(const double *v, int n, double br[WEB_MAP_CLASSES + 1])
{
	double *s = malloc((size_t)(n ? n : 1) * sizeof(*s));
	int m = 0, i, k;

	if (!s) {
		for (k = 0; k <= WEB_MAP_CLASSES; k++)
			br[k] = NAN;
		return -1;
	}
	for (i = 0; i < n; i++)
		if (!isnan(v[i]))
			s[m++] = v[i];
	if (m)
		qsort(s, (size_t)m, sizeof(*s), cmp_double);
	for (k = 0; k <= WEB_MAP_CLASSES; k++)
		br[k] = m ? s[(size_t)((double)(m - 1) * k / WEB_MAP_CLASSES + 0.5)] : NAN;
	free(s);
	return m;
}

void web_map_keys(html *h, const char *lang, const double br[WEB_MAP_CLASSES + 1])
{
	int k;

	for (k = 0; k < WEB_MAP_CLASSES; k++) {
		int last = k + 1 == WEB_MAP_CLASSES;

		/* few areas give equal breaks: a class [a, a) holds nothing */
		if (!last && br[k] == br[k + 1])
			continue;
		html_fmt(h, "<li><span class=\"ivp-map__swatch ivp-map__c%d\" aria-hidden=\"true\"></span>", k);
		html_num(h, br[k], 1, lang);
		if (!last || br[k] != br[k + 1]) {
			html_raw(h, last ? " – " : " – &lt; ");
			html_num(h, br[k + 1], 1, lang);
		}
		html_raw(h, "</li>");
	}
}

int web_map_class(const double br[WEB_MAP_CLASSES + 1], double v)
{
	int k;

	if (isnan(v))
		return -1;
	for (k = 1; k < WEB_MAP_CLASSES; k++)
		if (v < br[k])
			return k - 1;
	return WEB_MAP_CLASSES - 1;
}

/* One area's rings as path data, in the map's units (y down, one decimal, relative). */
void web_map_path(html *h, const char *geom, double x0, double y1, double s)
{
	const char *p = geom;
	long px = 0, py = 0;
	int start = 1;

	while (*p) {
		char *e;
		double x = strtod(p, &e), y;
		long ix, iy;

		if (e == p || *e != ',')
			break;
		y = strtod(e + 1, &e);
		ix = lround((x - x0) * s * 10);
		iy = lround((y1 - y) * s * 10);
		if (start)
			html_fmt(h, "M%.1f %.1f", (double)ix / 10.0, (double)iy / 10.0);
		else if (ix != px || iy != py)
			html_fmt(h, "l%.1f %.1f", (double)(ix - px) / 10.0, (double)(iy - py) / 10.0);
		px = ix;
		py = iy;
		start = 0;
		if (*e == ';') {
			html_raw(h, "z");
			start = 1;
		}
		p = *e ? e + 1 : e;
	}
	if (!start)
		html_raw(h, "z");
}

void web_choropleth(html *h, const char *lang, const ivp_table *b, const double *rate,
		    const char *title)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, s, wid, hgt;
	double br[WEB_MAP_CLASSES + 1];
	int i, n = ivp_table_nrows(b), k, m;
	char num[64];

	for (i = 0; i < n; i++) {
		x0 = fmin(x0, ivp_table_real(b, i, web_col(b, "minx")));
		y0 = fmin(y0, ivp_table_real(b, i, web_col(b, "miny")));
		x1 = fmax(x1, ivp_table_real(b, i, web_col(b, "maxx")));
		y1 = fmax(y1, ivp_table_real(b, i, web_col(b, "maxy")));
	}
	if (!n || !(x1 > x0) || !(y1 > y0))
		return;
	s = MAP_W / (x1 - x0);
	if ((y1 - y0) * s > MAP_HMAX)
		s = MAP_HMAX / (y1 - y0);
	wid = ceil((x1 - x0) * s);
	hgt = ceil((y1 - y0) * s);
	m = web_map_breaks(rate, n, br);
	if (m < 0) { /* out of memory: the page is dropped */
		h->oom = 1;
		m = 0;
	}
	html_fmt(h, "<figure class=\"ivp-map\"><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ivp-map__svg\" "
		    "viewBox=\"-2 -2 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"ivp-map-title\">"
		    "<title id=\"ivp-map-title\">",
		 wid + 4, hgt + 4, wid + 4, hgt + 4);
	html_text(h, title);
	html_raw(h, "</title>");
	for (i = 0; i < n; i++) {
		const char *geom = ivp_table_text(b, i, web_col(b, "geom"));

		k = web_map_class(br, rate[i]);
		if (k < 0)
			html_raw(h, "<path class=\"ivp-map__area ivp-map__na\" d=\"");
		else
			html_fmt(h, "<path class=\"ivp-map__area ivp-map__c%d\" d=\"", k);
		web_map_path(h, geom ? geom : "", x0, y1, s);
		html_raw(h, "\"><title>");
		html_text(h, ivp_table_text(b, i, web_col(b, "name")));
		html_raw(h, ": ");
		if (isnan(rate[i])) {
			html_text(h, web_t(lang, W_MAP_NODATA));
		} else {
			html_num(h, rate[i], 1, lang);
			html_raw(h, " ");
			html_text(h, web_t(lang, W_MAP_PER1000));
		}
		html_raw(h, "</title></path>");
	}
	html_raw(h, "</svg><figcaption class=\"ivp-map__legend\"><p class=\"utrecht-paragraph\">");
	html_text(h, web_t(lang, W_MAP_LEGEND));
	html_raw(h, "</p><ul class=\"ivp-map__keys\">");
	if (m)
		web_map_keys(h, lang, br);
	html_raw(h, "<li><span class=\"ivp-map__swatch ivp-map__na\" aria-hidden=\"true\"></span>");
	html_text(h, web_t(lang, W_MAP_NODATA));
	snprintf(num, sizeof(num), " (%d)", n - m);
	html_text(h, num);
	html_raw(h, "</li></ul></figcaption></figure>");
}

int web_area_map(http_req *r, html *h, const char *lang, const char *area,
		 const char *const *codes, const double *rates, int n, const char *title)
{
	static const char *const levels[] = { "BU", "WK" };
	ivp_table *b = NULL;
	double *rate;
	int l, i, k, nb;

	for (l = 0; l < 2; l++) {
		ivp_table_free(b);
		b = NULL;
		if (ivp_boundaries(r->ctx, area, levels[l], &b))
			return 0;
		if (ivp_table_nrows(b))
			break;
	}
	nb = ivp_table_nrows(b);
	rate = nb ? malloc((size_t)nb * sizeof(*rate)) : NULL;
	if (!rate) {
		ivp_table_free(b);
		return 0;
	}
	for (i = 0; i < nb; i++) {
		const char *code = ivp_table_text(b, i, web_col(b, "code"));

		rate[i] = NAN;
		for (k = 0; code && k < n; k++)
			if (codes[k] && !strcmp(codes[k], code))
				rate[i] = rates[k];
	}
	web_choropleth(h, lang, b, rate, title);
	free(rate);
	ivp_table_free(b);
	return 1;
}

/* ---- /kaart --------------------------------------------------------------------------------- */

typedef struct kaart_row {
	double count, pop, rate;
} kaart_row;

static double cell(const ivp_table *t, const char *col)
{
	int c = web_col(t, col);

	if (c < 0 || !ivp_table_nrows(t))
		return NAN;
	if (ivp_table_cell_type(t, 0, c) == IVP_CELL_REAL)
		return ivp_table_real(t, 0, c);
	if (ivp_table_cell_type(t, 0, c) == IVP_CELL_INT)
		return (double)ivp_table_int(t, 0, c);
	return NAN;
}

static ivp_table *total(http_req *r, const char *area, int year, const char *lang,
			const char *const *cmp, int ncmp)
{
	ivp_indicator_query q;
	ivp_table *t = NULL;

	memset(&q, 0, sizeof(q));
	q.small_threshold = -1;
	q.area = area;
	q.year = year;
	q.indicator = "totaal";
	q.lang = lang;
	q.compare = cmp;
	q.ncompare = ncmp;
	if (ivp_indicators(r->ctx, &q, &t))
		return NULL;
	return t;
}

/*
 * The total of every row of b in year: one ivp_indicators call per CHUNK
 * areas, as comparisons of NL01 (cmpK_count, CODE_per_1000), instead of
 * one call per area. The population follows from count and rate.
 */
#define CHUNK 64
static void totals(http_req *r, const ivp_table *b, int year, const char *lang, kaart_row *rows)
{
	const char *cmp[CHUNK];
	int n = ivp_table_nrows(b), i, k, m;

	for (i = 0; i < n; i++)
		rows[i] = (kaart_row){ NAN, NAN, NAN };
	for (i = 0; year && i < n; i += m) {
		ivp_table *t;

		m = n - i < CHUNK ? n - i : CHUNK;
		for (k = 0; k < m; k++)
			cmp[k] = ivp_table_text(b, i + k, web_col(b, "code"));
		if (!(t = total(r, "NL01", year, lang, cmp, m)))
			continue;
		for (k = 0; k < m; k++) {
			char col[64];
			kaart_row *w = &rows[i + k];

			snprintf(col, sizeof(col), "cmp%d_count", k + 1);
			w->count = cell(t, col);
			snprintf(col, sizeof(col), "%s_per_1000", cmp[k]);
			w->rate = cell(t, col);
			if (!isnan(w->count) && w->rate > 0)
				w->pop = round(w->count * 1000.0 / w->rate);
		}
		ivp_table_free(t);
	}
}

/* The latest year with a national total; 0: none. */
static int kaart_year(http_req *r)
{
	time_t now = time(NULL);
	struct tm tm;
	int y;

	gmtime_r(&now, &tm);
	for (y = tm.tm_year + 1900; y >= 2000; y--) {
		ivp_table *t = total(r, "NL01", y, "en", NULL, 0);
		int has = t && !isnan(cell(t, "count"));

		ivp_table_free(t);
		if (has)
			return y;
	}
	return 0;
}

void web_kaart(http_req *r)
{
	const char *lang = web_lang(r), *under = http_query_get(&r->q, "under");
	const char *y = http_query_get(&r->q, "year");
	ivp_table *b = NULL;
	kaart_row *rows = NULL;
	double *rate = NULL;
	char title[512];
	html h = { 0 };
	int year = 0, i, n;
	ivp_rc rc;

	if (!y || http_parse_year(y, &year))
		year = kaart_year(r);
	if ((rc = ivp_boundaries(r->ctx, under, "GM", &b))) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	n = ivp_table_nrows(b);
	rows = calloc((size_t)n + 1, sizeof(*rows));
	rate = calloc((size_t)n + 1, sizeof(*rate));
	if (!rows || !rate) {
		free(rows);
		free(rate);
		ivp_table_free(b);
		web_error(r, 500, "out of memory", NULL, NULL);
		return;
	}
	totals(r, b, year, lang, rows);
	for (i = 0; i < n; i++)
		rate[i] = rows[i].rate;
	snprintf(title, sizeof(title), web_t(lang, W_KAART_TITLE), year);
	web_page_begin(r, &h, lang, title);
	if (!n) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_KAART_NONE));
		html_raw(&h, "</p>");
	} else {
		web_choropleth(&h, lang, b, rate, title);
		html_raw(&h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
		html_text(&h, title);
		html_raw(&h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			     "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
		html_text(&h, web_t(lang, W_AREA));
		html_raw(&h, "</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-data\">");
		html_text(&h, web_t(lang, W_COUNT));
		html_raw(&h, "</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-data\">");
		html_text(&h, web_t(lang, W_POPULATION));
		html_raw(&h, "</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-data\">");
		html_text(&h, web_t(lang, W_RATE));
		html_raw(&h, "</th></tr></thead><tbody class=\"utrecht-table__body\">");
		for (i = 0; i < n; i++) {
			const char *code = ivp_table_text(b, i, web_col(b, "code"));

			html_raw(&h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
				     "<a class=\"utrecht-link\" href=\"/indicator?area=");
			html_text(&h, code);
			html_fmt(&h, "&amp;key=totaal&amp;year=%d\">", year);
			html_text(&h, ivp_table_text(b, i, web_col(b, "name")));
			html_raw(&h, "</a> <span class=\"ivp-code\">");
			html_text(&h, code);
			html_raw(&h, "</span></th>");
			if (isnan(rows[i].count))
				html_raw(&h, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\"></td>");
			else {
				html_raw(&h, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
				html_num(&h, rows[i].count, 0, lang);
				html_raw(&h, "</td>");
			}
			html_raw(&h, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
			if (!isnan(rows[i].pop))
				html_num(&h, rows[i].pop, 0, lang);
			html_raw(&h, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
			if (!isnan(rows[i].rate))
				html_num(&h, rows[i].rate, 1, lang);
			else
				html_text(&h, web_t(lang, W_MAP_NODATA));
			html_raw(&h, "</td></tr>");
		}
		html_raw(&h, "</tbody></table></div>");
	}
	free(rows);
	free(rate);
	ivp_table_free(b);
	web_page_end(r, &h, 200);
}
