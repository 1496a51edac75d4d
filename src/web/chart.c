/*
 * chart.c — line charts as inline SVG: the area's rate per year with its
 * interval as a band, and a comparison area as a dashed second line. The
 * SVG has a title and a description (role="img"); the page follows every
 * chart with its numbers as a table, so nothing is only in the picture.
 */
#include <math.h>
#include <string.h>

#include "web/web.h"

#define W 640.0
#define H 300.0
#define L 56.0 /* left margin: the y axis labels */
#define R 16.0
#define T 16.0
#define B 40.0 /* bottom margin: the years */

static double max_of(const web_point *p, int n)
{
	double m = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (!isnan(p[i].hi) && p[i].hi > m)
			m = p[i].hi;
		if (!isnan(p[i].v) && p[i].v > m)
			m = p[i].v;
		if (!isnan(p[i].cmp) && p[i].cmp > m)
			m = p[i].cmp;
	}
	return m > 0 ? m * 1.1 : 1;
}

static double xpos(int i, int n)
{
	return n > 1 ? L + (W - L - R) * i / (n - 1) : L + (W - L - R) / 2;
}

static void line(html *h, const web_point *p, int n, double ymax, int cmp, const char *cls)
{
	int i, first = 1;

	html_fmt(h, "<polyline class=\"%s\" fill=\"none\" points=\"", cls);
	for (i = 0; i < n; i++) {
		double v = cmp ? p[i].cmp : p[i].v;

		if (isnan(v))
			continue;
		html_fmt(h, "%s%.1f,%.1f", first ? "" : " ", xpos(i, n), T + (H - T - B) * (1 - v / ymax));
		first = 0;
	}
	html_raw(h, "\"/>");
}

void web_chart(html *h, const char *lang, const web_point *p, int n, const char *title,
	       const char *area_name, const char *cmp_name)
{
	double ymax = max_of(p, n);
	int i, k;

	html_fmt(h, "<figure class=\"ivp-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		    "role=\"img\" aria-labelledby=\"chart-title chart-desc\"><title id=\"chart-title\">",
		 W, H);
	html_text(h, title);
	html_raw(h, "</title><desc id=\"chart-desc\">");
	html_text(h, area_name);
	html_raw(h, ": ");
	html_text(h, web_t(lang, W_INTERVAL));
	html_raw(h, "; --- ");
	html_text(h, cmp_name);
	html_raw(h, "</desc>");
	/* the y grid: five steps */
	for (k = 0; k <= 4; k++) {
		double v = ymax * k / 4, y = T + (H - T - B) * (1 - (double)k / 4);

		html_fmt(h, "<line class=\"ivp-chart__grid\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>"
			    "<text class=\"ivp-chart__label\" x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">",
			 L, W - R, y, y, L - 6, y + 4);
		html_num(h, v, ymax < 10 ? 1 : 0, lang);
		html_raw(h, "</text>");
	}
	/* the band: lo..hi */
	html_raw(h, "<polygon class=\"ivp-chart__band\" points=\"");
	for (i = 0; i < n; i++)
		if (!isnan(p[i].hi))
			html_fmt(h, "%.1f,%.1f ", xpos(i, n), T + (H - T - B) * (1 - p[i].hi / ymax));
	for (i = n - 1; i >= 0; i--)
		if (!isnan(p[i].lo))
			html_fmt(h, "%.1f,%.1f ", xpos(i, n), T + (H - T - B) * (1 - p[i].lo / ymax));
	html_raw(h, "\"/>");
	line(h, p, n, ymax, 1, "ivp-chart__cmp");
	line(h, p, n, ymax, 0, "ivp-chart__line");
	for (i = 0; i < n; i++) {
		if (!isnan(p[i].v))
			html_fmt(h, "<circle class=\"ivp-chart__dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>",
				 xpos(i, n), T + (H - T - B) * (1 - p[i].v / ymax));
		html_fmt(h, "<text class=\"ivp-chart__label\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%d</text>",
			 xpos(i, n), H - B + 20, p[i].year);
	}
	html_raw(h, "</svg><figcaption class=\"ivp-chart__legend\"><span class=\"ivp-key ivp-key--line\"></span> ");
	html_text(h, area_name);
	html_raw(h, " <span class=\"ivp-key ivp-key--band\"></span> ");
	html_text(h, web_t(lang, W_INTERVAL));
	html_raw(h, " <span class=\"ivp-key ivp-key--cmp\"></span> ");
	html_text(h, cmp_name);
	html_raw(h, "</figcaption></figure>");
}
