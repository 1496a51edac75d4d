/*
 * region_map.c — the map of the neighbourhood page (/buurten): the wijken
 * or buurten of the own gemeente and of the reference gemeenten, coloured
 * by their rate, on the gemeenten of the region in grey, with the own
 * gemeente's outline marked.
 *
 * The view is the region: the bounding box of the own gemeente and the
 * reference gemeenten, or, without references, the own gemeente's box
 * widened by half on each side, so that its neighbours show around it.
 * Everything outside the view is clipped by the SVG viewport. As on every
 * map (map.c), colour is never the only carrier: each area has a <title>
 * and the page follows the map with the table of its numbers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

#define MAP_W 600.0
#define MAP_HMAX 640.0
#define MAX_LAYERS 33

typedef struct box {
	double x0, y0, x1, y1;
} box;

static box row_box(const ivp_table *b, int i)
{
	return (box){ ivp_table_real(b, i, web_col(b, "minx")), ivp_table_real(b, i, web_col(b, "miny")),
		      ivp_table_real(b, i, web_col(b, "maxx")), ivp_table_real(b, i, web_col(b, "maxy")) };
}

static void grow(box *a, box b)
{
	a->x0 = fmin(a->x0, b.x0);
	a->y0 = fmin(a->y0, b.y0);
	a->x1 = fmax(a->x1, b.x1);
	a->y1 = fmax(a->y1, b.y1);
}

static int meets(box a, box b)
{
	return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

static int in_list(const char *code, const char *area, const char *const *ref, int nref)
{
	int k;

	if (code && area && !strcmp(code, area))
		return 1;
	for (k = 0; code && k < nref; k++)
		if (ref[k] && !strcmp(code, ref[k]))
			return 1;
	return 0;
}

/* the wijk or buurt boundaries under one gemeente: buurten, else wijken */
static ivp_table *areas_of(http_req *r, const char *code)
{
	ivp_table *b = NULL;

	if (!ivp_boundaries(r->ctx, code, "BU", &b) && ivp_table_nrows(b))
		return b;
	ivp_table_free(b);
	b = NULL;
	if (!ivp_boundaries(r->ctx, code, "WK", &b) && ivp_table_nrows(b))
		return b;
	ivp_table_free(b);
	return NULL;
}

static double rate_of(const char *code, const char *const *codes, const double *rates, int n)
{
	int k;

	for (k = 0; code && k < n; k++)
		if (codes[k] && !strcmp(codes[k], code))
			return rates[k];
	return NAN;
}

static void area_title(html *h, const char *lang, const char *name, double rate)
{
	html_raw(h, "\"><title>");
	html_text(h, name);
	html_raw(h, ": ");
	if (isnan(rate)) {
		html_text(h, web_t(lang, W_MAP_NODATA));
	} else {
		html_num(h, rate, 1, lang);
		html_raw(h, " ");
		html_text(h, web_t(lang, W_MAP_PER1000));
	}
	html_raw(h, "</title></path>");
}

static void legend(html *h, const char *lang, const double br[WEB_MAP_CLASSES + 1], int m, int nna,
		   const char *own_name, int has_own)
{
	char s[320];

	html_raw(h, "<figcaption class=\"ivp-map__legend\"><p class=\"utrecht-paragraph\">");
	html_text(h, web_t(lang, W_MAP_LEGEND));
	html_raw(h, "</p><ul class=\"ivp-map__keys\">");
	if (m)
		web_map_keys(h, lang, br);
	html_raw(h, "<li><span class=\"ivp-map__swatch ivp-map__na\" aria-hidden=\"true\"></span>");
	html_text(h, web_t(lang, W_MAP_NODATA));
	snprintf(s, sizeof(s), " (%d)", nna);
	html_text(h, s);
	html_raw(h, "</li>");
	if (has_own) {
		html_raw(h, "<li><span class=\"ivp-map__swatch ivp-map__swatch--own\" aria-hidden=\"true\"></span>");
		snprintf(s, sizeof(s), web_t(lang, W_MAP_OWN), own_name);
		html_text(h, s);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul></figcaption>");
}

int web_region_map(http_req *r, html *h, const char *lang, const char *area,
		   const char *const *ref, int nref, const char *const *codes, const double *rates,
		   int n, const char *title)
{
	ivp_table *lay[MAX_LAYERS] = { NULL }, *gm = NULL;
	box view = { INFINITY, INFINITY, -INFINITY, -INFINITY }, own = view, reg = view;
	double br[WEB_MAP_CLASSES + 1], *v = NULL, s, wid, hgt;
	int nl = 0, l, i, m, k, total = 0, nv = 0, own_row = -1;
	const char *own_name = area;

	if (nref > MAX_LAYERS - 1)
		nref = MAX_LAYERS - 1;
	for (l = 0; l <= nref; l++) {
		ivp_table *b = areas_of(r, l ? ref[l - 1] : area);

		if (b) {
			lay[nl++] = b;
			total += ivp_table_nrows(b);
		}
	}
	if (!total)
		return 0;
	/* the region: the gemeenten named, their areas; the own gemeente */
	if (ivp_boundaries(r->ctx, NULL, "GM", &gm)) {
		ivp_table_free(gm);
		gm = NULL;
	}
	for (i = 0; gm && i < ivp_table_nrows(gm); i++) {
		const char *code = ivp_table_text(gm, i, web_col(gm, "code"));

		if (in_list(code, area, ref, nref))
			grow(&reg, row_box(gm, i));
		if (code && !strcmp(code, area)) {
			own = row_box(gm, i);
			own_row = i;
			own_name = ivp_table_text(gm, i, web_col(gm, "name"));
		}
	}
	for (l = 0; l < nl; l++)
		for (i = 0; i < ivp_table_nrows(lay[l]); i++) {
			grow(&reg, row_box(lay[l], i));
			if (!l && own_row < 0)
				grow(&own, row_box(lay[l], i));
		}
	if (nref) {
		view = reg;
	} else {
		double dx = (own.x1 - own.x0) / 2, dy = (own.y1 - own.y0) / 2;

		view = (box){ own.x0 - dx, own.y0 - dy, own.x1 + dx, own.y1 + dy };
	}
	if (!(view.x1 > view.x0) || !(view.y1 > view.y0))
		goto out;
	s = MAP_W / (view.x1 - view.x0);
	if ((view.y1 - view.y0) * s > MAP_HMAX)
		s = MAP_HMAX / (view.y1 - view.y0);
	wid = ceil((view.x1 - view.x0) * s);
	hgt = ceil((view.y1 - view.y0) * s);
	/* classes over the areas drawn */
	v = malloc((size_t)total * sizeof(*v));
	if (!v) {
		h->oom = 1;
		goto out;
	}
	for (l = 0; l < nl; l++)
		for (i = 0; i < ivp_table_nrows(lay[l]); i++)
			v[nv++] = rate_of(ivp_table_text(lay[l], i, web_col(lay[l], "code")), codes, rates, n);
	m = web_map_breaks(v, nv, br);
	if (m < 0) {
		h->oom = 1;
		m = 0;
	}
	html_fmt(h, "<figure class=\"ivp-map\"><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ivp-map__svg\" "
		    "viewBox=\"-2 -2 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"ivp-map-title\">"
		    "<title id=\"ivp-map-title\">",
		 wid + 4, hgt + 4, wid + 4, hgt + 4);
	html_text(h, title);
	html_raw(h, "</title>");
	/* the gemeenten of the view, grey */
	for (i = 0; gm && i < ivp_table_nrows(gm); i++) {
		if (!meets(row_box(gm, i), view))
			continue;
		html_raw(h, "<path class=\"ivp-map__region\" d=\"");
		web_map_path(h, ivp_table_text(gm, i, web_col(gm, "geom")), view.x0, view.y1, s);
		html_raw(h, "\"><title>");
		html_text(h, ivp_table_text(gm, i, web_col(gm, "name")));
		html_raw(h, "</title></path>");
	}
	/* the wijken or buurten, coloured */
	for (l = 0, nv = 0; l < nl; l++)
		for (i = 0; i < ivp_table_nrows(lay[l]); i++, nv++) {
			k = web_map_class(br, v[nv]);
			if (k < 0)
				html_raw(h, "<path class=\"ivp-map__area ivp-map__na\" d=\"");
			else
				html_fmt(h, "<path class=\"ivp-map__area ivp-map__c%d\" d=\"", k);
			web_map_path(h, ivp_table_text(lay[l], i, web_col(lay[l], "geom")), view.x0, view.y1, s);
			area_title(h, lang, ivp_table_text(lay[l], i, web_col(lay[l], "name")), v[nv]);
		}
	/* the own gemeente's outline on top */
	if (own_row >= 0) {
		char t[320];

		html_raw(h, "<path class=\"ivp-map__own\" d=\"");
		web_map_path(h, ivp_table_text(gm, own_row, web_col(gm, "geom")), view.x0, view.y1, s);
		html_raw(h, "\"><title>");
		snprintf(t, sizeof(t), web_t(lang, W_MAP_OWN), own_name);
		html_text(h, t);
		html_raw(h, "</title></path>");
	}
	html_raw(h, "</svg>");
	legend(h, lang, br, m, total - m, own_name, own_row >= 0);
	html_raw(h, "</figure>");
out:
	free(v);
	for (l = 0; l < nl; l++)
		ivp_table_free(lay[l]);
	ivp_table_free(gm);
	return 1;
}
