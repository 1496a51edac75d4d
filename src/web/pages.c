/*
 * pages.c — the pages that show figures: the start page (the plan's
 * priorities with their goal statuses, the key indicators with their
 * verdicts and notes), an indicator over the years (table, SVG chart
 * with interval and the Netherlands, CSV; a sentence instead of a chart
 * when no year has a rate), and the sources; the neighbourhood page is
 * buurten.c. Each calls the same library functions as
 * the CLI and the JSON API (ivp_indicators, ivp_areas, ivp_sources,
 * ivp_plan_progress), so the page, `ivp …` and /api/v1/ agree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

#define FIRST_YEAR 2000
#define CMP_AREA "NL01"

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* The query of one indicator (key) of area, compared with NL01 (cmp[0]). */
static void one_query(ivp_indicator_query *q, const char *cmp[1], const char *area,
		      const char *key, const char *lang)
{
	memset(q, 0, sizeof(*q));
	cmp[0] = CMP_AREA;
	q->small_threshold = -1;
	q->area = area;
	q->indicator = key;
	q->compare = cmp;
	q->ncompare = 1;
	q->lang = lang;
}

/* One indicator (key) of area in year, compared with NL01; NULL when the call fails. */
static ivp_table *one(http_req *r, const char *area, const char *key, int year, const char *lang,
		      ivp_rc *rc)
{
	const char *cmp[1];
	ivp_indicator_query q;
	ivp_table *t = NULL;

	one_query(&q, cmp, area, key, lang);
	q.year = year;
	*rc = ivp_indicators(r->ctx, &q, &t);
	return *rc ? NULL : t;
}

/* One indicator of area over every year FIRST_YEAR..this year that has a count, in one call;
 * groups: also against its region and size class (compare.c). */
static ivp_table *series(http_req *r, const char *area, const char *key, const char *lang,
			 int groups, ivp_rc *rc)
{
	const char *cmp[WEB_NCMP];
	ivp_indicator_query q;
	ivp_table *t = NULL;

	one_query(&q, cmp, area, key, lang);
	if (groups)
		q.ncompare = web_compare_set(r, area, 0, cmp);
	*rc = ivp_indicator_series(r->ctx, &q, FIRST_YEAR, this_year(), &t);
	return *rc ? NULL : t;
}

/* The year of row i of a series. */
static int row_year(const ivp_table *t, int i)
{
	int c = web_col(t, "year");

	return c < 0 ? 0 : (int)ivp_table_int(t, i, c);
}

/* The latest year in which area has a count for key; 0: none. */
static int latest_year(http_req *r, const char *area, const char *key)
{
	ivp_rc rc;
	ivp_table *t = series(r, area, key, "en", 0, &rc);
	int n = t ? ivp_table_nrows(t) : 0, y = n ? row_year(t, n - 1) : 0;

	ivp_table_free(t);
	return y;
}

/* The example municipality: the plan's, else the first gemeente with figures. */
static void home_area(http_req *r, char *out, size_t outsz)
{
	char *yaml = NULL;
	const char *m;
	ivp_table *t = NULL;
	int i;

	out[0] = '\0';
	if (!ivp_plan_export(r->ctx, 0, &yaml) && yaml && (m = strstr(yaml, "\nmunicipality:"))) {
		size_t n = 0;

		for (m += 14; *m == ' ' || *m == '"' || *m == '\''; m++)
			;
		while (n + 1 < outsz && m[n] && strchr("\"'\n\r #", m[n]) == NULL)
			n++;
		memcpy(out, m, n);
		out[n] = '\0';
	}
	ivp_free(yaml);
	if (out[0] || ivp_areas(r->ctx, NULL, &t))
		return;
	for (i = 0; i < ivp_table_nrows(t) && i < 2000; i++) {
		const char *code = ivp_table_text(t, i, web_col(t, "code"));

		if (code && !strncmp(code, "GM", 2) && latest_year(r, code, "totaal")) {
			snprintf(out, outsz, "%s", code);
			break;
		}
	}
	ivp_table_free(t);
}

/* The name of an area code (the code itself when unknown or a spec). */
static void area_name(http_req *r, const char *code, char *out, size_t outsz)
{
	if (ivp_area_name(r->ctx, code, out, outsz))
		snprintf(out, outsz, "%s", code);
}

static void th(html *h, const char *lang, web_msg m, const char *cls)
{
	html_fmt(h, "<th scope=\"col\" class=\"utrecht-table__header-cell%s\">", cls);
	html_text(h, web_t(lang, m));
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
	/* a wide table (the comparisons) scrolls inside its wrapper: a named,
	 * focusable region, so it scrolls by keyboard too (WCAG 2.1.1) */
	html_raw(h, "<div class=\"ivp-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(h, caption);
	html_raw(h, "\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, caption);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
}

static void indicator_link(html *h, const char *area, const char *key, int year)
{
	html_raw(h, "<a class=\"utrecht-link\" href=\"/indicator?area=");
	html_text(h, area);
	html_raw(h, "&amp;key=");
	html_text(h, key);
	html_fmt(h, "&amp;year=%d\">", year);
}

/*
 * The notes of t: of rows from..to-1 ("name: no data … import …") and for
 * the whole result, under a heading of `level` (3 inside a section of the
 * start page, 2 right under the page's h1: no level is skipped).
 */
static void notes(html *h, const char *lang, const ivp_table *t, int from, int to, int level)
{
	int i, n = ivp_table_nnotes(t), rows = 0;
	char b[1024];

	for (i = from; i < to; i++)
		rows += !web_null(t, i, "note");
	if (!n && !rows)
		return;
	html_fmt(h, "<h%d class=\"utrecht-heading-%d\">", level, level);
	html_text(h, web_t(lang, W_NOTES));
	html_fmt(h, "</h%d><ul class=\"utrecht-unordered-list ivp-notes\">", level);
	for (i = from; i < to; i++) {
		if (web_null(t, i, "note"))
			continue;
		html_raw(h, "<li class=\"utrecht-unordered-list__item\">");
		html_text(h, web_cell(t, i, "name", 0, lang, b, sizeof(b)));
		html_raw(h, ": ");
		html_text(h, web_cell(t, i, "note", 0, lang, b, sizeof(b)));
		html_raw(h, "</li>");
	}
	for (i = 0; i < n; i++) {
		html_raw(h, "<li class=\"utrecht-unordered-list__item\">");
		html_text(h, ivp_table_note(t, i));
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
}

/* ---- / ---------------------------------------------------------------------------- */

static void home_priorities(http_req *r, html *h, const char *lang)
{
	ivp_table *t[IVP_PROGRESS_NPARTS] = { 0 };
	ivp_progress_query q;
	int i, j, k;

	html_raw(h, "<h2 class=\"utrecht-heading-2\">");
	html_text(h, web_t(lang, W_PRIORITIES));
	html_raw(h, "</h2>");
	memset(&q, 0, sizeof(q));
	if (ivp_plan_progress(r->ctx, &q, t)) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, web_t(lang, W_NO_PLAN));
		html_raw(h, "</p>");
		return;
	}
	table_begin(h, web_t(lang, W_PRIORITIES_CAPTION));
	th(h, lang, W_PRIORITY, "");
	th(h, lang, W_GOALS, "");
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < ivp_table_nrows(t[IVP_PROGRESS_PRIORITIES]); i++) {
		const ivp_table *p = t[IVP_PROGRESS_PRIORITIES], *g = t[IVP_PROGRESS_GOALS];
		const char *id = ivp_table_text(p, i, web_col(p, "priority"));

		html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(h, ivp_table_text(p, i, web_col(p, "title")));
		html_raw(h, "</th><td class=\"utrecht-table__cell\"><ul class=\"ivp-goals\">");
		for (j = 0, k = 0; j < ivp_table_nrows(g); j++) {
			const char *gp = ivp_table_text(g, j, web_col(g, "priority"));
			const char *gid = ivp_table_text(g, j, web_col(g, "goal"));
			const char *st = ivp_table_text(g, j, web_col(g, "status"));

			if (!gp || !id || strcmp(gp, id) || !gid)
				continue;
			k++;
			html_raw(h, "<li><a class=\"utrecht-link\" href=\"/plan#goal-");
			html_text(h, gid);
			html_raw(h, "\">");
			html_text(h, ivp_table_text(g, j, web_col(g, "title")));
			html_raw(h, "</a>: <strong class=\"ivp-status\">");
			html_text(h, web_word(lang, st));
			html_raw(h, "</strong></li>");
		}
		html_raw(h, k ? "</ul></td></tr>" : "<li>—</li></ul></td></tr>");
	}
	html_raw(h, "</tbody></table></div>");
	web_explain(h, lang, W_STATUS_EXPLAIN_TITLE, W_STATUS_EXPLAIN);
	for (i = 0; i < IVP_PROGRESS_NPARTS; i++)
		ivp_table_free(t[i]);
}

static void home_indicators(http_req *r, html *h, const char *lang, const char *area,
			    const char *name, int year)
{
	const char *cmp[WEB_NCMP];
	ivp_indicator_query q;
	ivp_table *t = NULL;
	char cap[512], b[128], col[160], src[256];
	int i, k;

	html_raw(h, "<h2 class=\"utrecht-heading-2\">");
	html_text(h, web_t(lang, W_KEY_INDICATORS));
	html_raw(h, "</h2>");
	memset(&q, 0, sizeof(q));
	q.small_threshold = -1;
	q.area = area;
	q.year = year;
	q.compare = cmp;
	q.ncompare = web_compare_set(r, area, year, cmp); /* NL01, regio, grootteklasse */
	q.lang = lang;
	if (ivp_indicators(r->ctx, &q, &t)) {
		const ivp_error *e = ivp_last_error(r->ctx);

		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, e->message);
		html_raw(h, "</p>");
		return;
	}
	snprintf(cap, sizeof(cap), web_t(lang, W_INDICATORS_CAPTION), name, year);
	table_begin(h, cap);
	th(h, lang, W_INDICATOR, "");
	th(h, lang, W_COUNT, " utrecht-table__header-cell--numeric-data");
	th(h, lang, W_RATE, " utrecht-table__header-cell--numeric-data");
	th(h, lang, W_VERDICT_PREV, "");
	th(h, lang, W_VS_NL, "");
	for (k = 1; k < q.ncompare; k++) {
		html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
		html_text(h, web_compare_title(t, k, lang, web_t(lang, W_VS_GROUP), cap, sizeof(cap)));
		html_raw(h, "</th>");
	}
	th(h, lang, W_SOURCE, "");
	th(h, lang, W_PERIOD, "");
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < ivp_table_nrows(t); i++) {
		html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		indicator_link(h, area, web_cell(t, i, "indicator", 0, lang, b, sizeof(b)), year);
		html_text(h, web_cell(t, i, "name", 0, lang, b, sizeof(b)));
		html_raw(h, "</a></th>");
		td(h, web_cell(t, i, "count", 0, lang, b, sizeof(b)), 1);
		td(h, web_cell(t, i, "per_1000", 2, lang, b, sizeof(b)), 1);
		td(h, web_verdict(lang, web_cell(t, i, "verdict", 0, lang, b, sizeof(b)), 0), 0);
		td(h, web_verdict(lang, web_cell(t, i, "vs_" CMP_AREA, 0, lang, b, sizeof(b)), 1), 0);
		for (k = 1; k < q.ncompare; k++) {
			snprintf(col, sizeof(col), "vs_%s", cmp[k]);
			td(h, web_verdict(lang, web_cell(t, i, col, 0, lang, b, sizeof(b)), 2), 0);
		}
		td(h, web_source_cell(t, i, lang, src, sizeof(src)), 0);
		td(h, web_cell(t, i, "period", 0, lang, b, sizeof(b)), 0);
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></div>");
	web_explain(h, lang, W_VERDICT_EXPLAIN_TITLE, W_VERDICT_EXPLAIN);
	notes(h, lang, t, 0, ivp_table_nrows(t), 3);
	ivp_table_free(t);
}

/* The long trend of registered crime, every classification as its own series. */
static void home_trend(http_req *r, html *h, const char *lang, const char *area, const char *name)
{
	ivp_rc rc;
	ivp_table *t = series(r, area, "totaal", lang, 0, &rc);

	if (t && ivp_table_nrows(t) > 1)
		web_trend_section(h, lang, t, area, name);
	ivp_table_free(t);
}

void web_home(http_req *r)
{
	const char *lang = web_lang(r);
	char area[64], name[256], title[512];
	html h = { 0 };
	int year, snap = 0;

	/* one snapshot for the page's many queries (a failure: each its own) */
	if (ivp_read_begin(r->ctx, &snap))
		snap = 0;
	home_area(r, area, sizeof(area));
	area_name(r, area, name, sizeof(name));
	year = area[0] ? latest_year(r, area, "totaal") : 0;
	snprintf(title, sizeof(title), "%s %s", web_t(lang, W_HOME_TITLE), name);
	web_page_begin(r, &h, lang, area[0] ? title : web_t(lang, W_HOME_TITLE));
	home_priorities(r, &h, lang);
	if (year) {
		home_indicators(r, &h, lang, area, name, year);
		home_trend(r, &h, lang, area, name);
	} else {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_HOME_NODATA));
		html_raw(&h, "</p>");
	}
	web_home_values(r, &h, lang, area);
	ivp_read_end(r->ctx, snap);
	web_page_end(r, &h, 200);
}

/* ---- /indicator and /indicator.csv ------------------------------------------------------- */

static void indicator_page(http_req *r)
{
	const char *lang = web_lang(r), *area = http_query_get(&r->q, "area");
	const char *key = http_query_get(&r->q, "key"), *goal = http_query_get(&r->q, "goal");
	char name[256], title[512], cap[768], b[128], ind[256] = "";
	ivp_table *t, *last = NULL;
	web_goal_line g;
	ivp_rc rc;
	html h = { 0 };
	int n, i, k, ncmp = 1;

	if (!key)
		key = "totaal";
	t = series(r, area, key, lang, 1, &rc);
	if (rc == IVP_ENOTFOUND && web_has_values(r, area, key)) {
		web_value_page(r, area, key, goal); /* a locally registered value */
		return;
	}
	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	n = ivp_table_nrows(t);
	area_name(r, area, name, sizeof(name));
	if (!n) /* the name from the definition's own row, even without figures */
		last = one(r, area, key, this_year() - 1, lang, &rc);
	if (n)
		web_cell(t, n - 1, "name", 0, lang, ind, sizeof(ind));
	else if (last && ivp_table_nrows(last))
		web_cell(last, 0, "name", 0, lang, ind, sizeof(ind));
	snprintf(title, sizeof(title), "%s: %s", ind[0] ? ind : key, name);
	web_page_begin(r, &h, lang, title);
	if (!n) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_NO_YEARS));
		html_raw(&h, "</p>");
		if (last)
			notes(&h, lang, last, 0, ivp_table_nrows(last), 2);
		ivp_table_free(last);
		ivp_table_free(t);
		web_page_end(r, &h, 200);
		return;
	}
	if (web_goal_line_of(r, goal, &g) && !strcmp(g.indicator, key)) {
		snprintf(cap, sizeof(cap), web_t(lang, W_GOAL_HEADING), g.title);
		html_raw(&h, "<h2 class=\"utrecht-heading-2\">");
		html_text(&h, cap);
		html_raw(&h, "</h2>");
		web_goal_paragraph(&h, lang, &g, 1);
	} else {
		g.has = 0;
	}
	{
		int rated = 0; /* a buurt has counts but often no rate: a sentence, not an empty chart */

		for (i = 0; i < n; i++)
			rated += !web_null(t, i, "per_1000");
		web_provenance(&h, lang, t);
		html_raw(&h, "<div class=\"ivp-figure ivp-figure--wide\">");
		if (rated) {
			web_series_chart(&h, lang, t, title, name, CMP_AREA "_per_1000", web_t(lang, W_NL_NAME), &g, "chart1");
		} else {
			html_raw(&h, "<p class=\"utrecht-paragraph ivp-note\">");
			html_text(&h, web_t(lang, W_NO_RATE_CHART));
			html_raw(&h, "</p>");
		}
	}
	snprintf(cap, sizeof(cap), web_t(lang, W_YEARS_CAPTION), ind, name);
	table_begin(&h, cap);
	th(&h, lang, W_YEAR, "");
	th(&h, lang, W_COUNT, " utrecht-table__header-cell--numeric-data");
	th(&h, lang, W_RATE, " utrecht-table__header-cell--numeric-data");
	th(&h, lang, W_INTERVAL, " utrecht-table__header-cell--numeric-data");
	th(&h, lang, W_VERDICT_PREV, "");
	th(&h, lang, W_NL_RATE, " utrecht-table__header-cell--numeric-data");
	while (snprintf(b, sizeof(b), "cmp%d_area", ncmp + 1) > 0 && web_col(t, b) >= 0)
		ncmp++;
	for (k = 1; k < ncmp; k++) { /* the region, the size class (compare.c) */
		html_raw(&h, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-data\">");
		html_text(&h, web_compare_title(t, k, lang, web_t(lang, W_GROUP_RATE), cap, sizeof(cap)));
		html_raw(&h, "</th>");
	}
	th(&h, lang, W_SOURCE, "");
	html_raw(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < n; i++) {
		char lo[64], hi[64], iv[160], src[256];

		html_fmt(&h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">%d</th>",
			 row_year(t, i));
		td(&h, web_cell(t, i, "count", 0, lang, b, sizeof(b)), 1);
		td(&h, web_cell(t, i, "per_1000", 2, lang, b, sizeof(b)), 1);
		web_cell(t, i, "per_1000_lo", 2, lang, lo, sizeof(lo));
		web_cell(t, i, "per_1000_hi", 2, lang, hi, sizeof(hi));
		snprintf(iv, sizeof(iv), "%s%s%s", lo, lo[0] ? " – " : "", hi);
		td(&h, iv, 1);
		td(&h, web_verdict(lang, web_cell(t, i, "verdict", 0, lang, b, sizeof(b)), 0), 0);
		td(&h, web_cell(t, i, CMP_AREA "_per_1000", 2, lang, b, sizeof(b)), 1);
		for (k = 1; k < ncmp; k++) { /* "regio_per_1000" of "cmp2_area" regio */
			snprintf(lo, sizeof(lo), "cmp%d_area", k + 1);
			snprintf(hi, sizeof(hi), "%s_per_1000", web_cell(t, i, lo, 0, lang, iv, sizeof(iv)));
			td(&h, web_cell(t, i, hi, 2, lang, b, sizeof(b)), 1);
		}
		td(&h, web_source_cell(t, i, lang, src, sizeof(src)), 0);
		html_raw(&h, "</tr>");
	}
	html_raw(&h, "</tbody></table></div></div>");
	web_explain(&h, lang, W_VERDICT_EXPLAIN_TITLE, W_VERDICT_EXPLAIN);
	html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/indicator.csv?area=");
	html_text(&h, area);
	html_raw(&h, "&amp;key=");
	html_text(&h, key);
	html_raw(&h, "\" download>");
	html_text(&h, web_t(lang, W_CSV));
	html_raw(&h, "</a></p>");
	notes(&h, lang, t, n - 1, n, 2); /* the latest year's note, and the table's */
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}

void web_indicator(http_req *r)
{
	int snap = 0;

	/* one snapshot for the page's many queries (a failure: each its own) */
	if (ivp_read_begin(r->ctx, &snap))
		snap = 0;
	indicator_page(r);
	ivp_read_end(r->ctx, snap);
}

/* A CSV field: quoted when it holds the separator, a quote or a line break. */
static void csv_field(html *h, const char *s, int last, char sep)
{
	const char special[] = { sep, '"', '\r', '\n', '\0' };

	if (s && strpbrk(s, special)) {
		html_raw(h, "\"");
		for (; *s; s++)
			html_raw(h, *s == '"' ? "\"\"" : (char[2]){ *s, 0 });
		html_raw(h, "\"");
	} else if (s) {
		html_raw(h, s);
	}
	html_raw(h, last ? "\r\n" : sep == ';' ? ";" :
						 ",");
}

/* Content-Disposition for a download named ivp-<key>-<area>.csv (letters, digits, . _ - only). */
static void csv_name(http_req *r, const char *key, const char *area)
{
	char name[96];
	size_t i;

	snprintf(name, sizeof(name), "ivp-%s-%s.csv", key, area ? area : "");
	for (i = 0; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '.' || name[i] == '_' || name[i] == '-'))
			name[i] = '_';
	snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"%s\"", name);
}

/*
 * GET /indicator.csv: the years of one indicator, in the page's language
 * and the CSV dialect of its readers: Dutch (';' between fields, 30,5703,
 * verdicts in Dutch) or English (',' and 30.5703); the column names are
 * the same in both. A last line names the source; the file name comes
 * with Content-Disposition.
 */
void web_indicator_csv(http_req *r)
{
	static const char *const cols[] = { "year", "area", "indicator", "count", "population", "per_1000",
					    "per_1000_lo", "per_1000_hi", "verdict", CMP_AREA "_per_1000" }; // NOLINT(bugprone-suspicious-missing-comma): one name, e.g. NL01_per_1000
	const char *area = http_query_get(&r->q, "area"), *key = http_query_get(&r->q, "key");
	const char *lang = web_lang(r);
	char sep = strcmp(lang, "en") ? ';' : ',';
	ivp_table *t;
	ivp_rc rc;
	html h = { 0 };
	size_t c;
	int n, i;

	if (!key)
		key = "totaal";
	t = series(r, area, key, lang, 0, &rc);
	if (rc) {
		r->json_errors = 1;
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
		csv_field(&h, cols[c], c + 1 == sizeof(cols) / sizeof(cols[0]), sep);
	n = ivp_table_nrows(t);
	for (i = 0; i < n; i++)
		for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			char b[256], *dot;
			int k = web_col(t, cols[c]);

			b[0] = '\0';
			if (k >= 0 && ivp_table_cell_type(t, i, k) == IVP_CELL_INT)
				snprintf(b, sizeof(b), "%lld", (long long)ivp_table_int(t, i, k));
			else if (k >= 0 && ivp_table_cell_type(t, i, k) == IVP_CELL_REAL) {
				snprintf(b, sizeof(b), "%.4f", ivp_table_real(t, i, k));
				if (sep == ';' && (dot = strchr(b, '.')))
					*dot = ',';
			} else if (k >= 0 && ivp_table_cell_type(t, i, k) == IVP_CELL_TEXT)
				snprintf(b, sizeof(b), "%s", ivp_table_text(t, i, k));
			csv_field(&h, b, c + 1 == sizeof(cols) / sizeof(cols[0]), sep);
		}
	{
		char src[512], cls[64] = "", ver[32] = "";

		if (n) {
			web_cell(t, n - 1, "classification", 0, lang, cls, sizeof(cls));
			web_cell(t, n - 1, "definition_version", 0, lang, ver, sizeof(ver));
		}
		snprintf(src, sizeof(src), web_t(lang, W_CSV_SOURCE), key, cls, ver);
		csv_field(&h, src, 1, sep);
	}
	ivp_table_free(t);
	csv_name(r, key, area);
	free(r->body);
	r->body = h.p;
	r->len = h.n;
	r->status = h.oom ? 500 : 200;
	r->ctype = "text/csv; charset=utf-8";
}

/* ---- for the other pages (buurten.c) ------------------------------------------------------ */

void web_home_area(http_req *r, char *out, size_t outsz)
{
	home_area(r, out, outsz);
}

int web_latest_year(http_req *r, const char *area, const char *key)
{
	return latest_year(r, area, key);
}

void web_indicator_name(http_req *r, const char *area, const char *key, int year, const char *lang,
			char *out, size_t outsz)
{
	ivp_rc rc;
	ivp_table *t = one(r, area, key, year, lang, &rc);

	snprintf(out, outsz, "%s", key);
	if (t && ivp_table_nrows(t))
		web_cell(t, 0, "name", 0, lang, out, outsz);
	ivp_table_free(t);
}

/* ---- /sources ----------------------------------------------------------------------------- */

/* The kind of an import in words (the import form's own words where it has them). */
static const char *source_kind(const char *lang, const char *kind)
{
	static const struct {
		const char *kind;
		web_msg m;
	} kinds[] = {
		{ "crime", W_KIND_CRIME },
		{ "population", W_KIND_POPULATION },
		{ "codes", W_KIND_CODES },
		{ "long", W_KIND_LONG },
		{ "boundaries", W_KIND_BOUNDARIES },
		{ "values", W_KIND_VALUES },
		{ "plan", W_NAV_PLAN },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kind, kinds[i].kind))
			return web_t(lang, kinds[i].m);
	return kind ? kind : "";
}

void web_sources(http_req *r)
{
	static const struct {
		const char *col;
		web_msg head;
		int num;
	} cols[] = {
		{ "kind", W_KIND, 0 },
		{ "file", W_FILE, 0 },
		{ "rows", W_ROWS, 1 },
		{ "imported_by", W_WHO, 0 },
		{ "finished_at", W_WHEN, 0 },
		{ "sha256", W_FILE, 0 },
	};
	const char *lang = web_lang(r);
	ivp_table *t = NULL;
	ivp_rc rc = ivp_sources(r->ctx, &t);
	html h = { 0 };
	char b[600];
	size_t c;
	int i;

	if (!rc && !http_private_ok(r)) /* who imported: staff names, not for anonymous readers */
		(void)ivp_table_blank(t, "imported_by");
	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	web_page_begin(r, &h, lang, web_t(lang, W_SOURCES_TITLE));
	table_begin(&h, web_t(lang, W_SOURCES_CAPTION));
	html_raw(&h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">#</th>");
	for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
		if (!strcmp(cols[c].col, "sha256"))
			html_raw(&h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">SHA-256</th>");
		else
			th(&h, lang, cols[c].head, cols[c].num ? " utrecht-table__header-cell--numeric-data" : "");
	}
	html_raw(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < ivp_table_nrows(t); i++) {
		html_fmt(&h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">%lld</th>",
			 (long long)ivp_table_int(t, i, web_col(t, "import")));
		for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			web_cell(t, i, cols[c].col, 0, lang, b, sizeof(b));
			if (!strcmp(cols[c].col, "sha256"))
				b[12] = '\0'; /* the start is enough to recognise a file */
			if (!strcmp(cols[c].col, "kind"))
				snprintf(b, sizeof(b), "%s", source_kind(lang, ivp_table_text(t, i, web_col(t, "kind"))));
			if (!strcmp(cols[c].col, "finished_at") && strlen(b) >= 16) {
				char day[64], hm[8];

				snprintf(hm, sizeof(hm), "%.5s", b + 11);
				ivp_format_date(lang, b, day, sizeof(day)); /* 1 december 2026, 12:05 UTC */
				snprintf(b, sizeof(b), "%s, %s UTC", day, hm);
			}
			if (!strcmp(cols[c].col, "rows") && !web_null(t, i, "rows"))
				ivp_format_number(lang, (double)ivp_table_int(t, i, web_col(t, "rows")), 0, b, sizeof(b));
			td(&h, b, cols[c].num);
		}
		html_raw(&h, "</tr>");
	}
	html_raw(&h, "</tbody></table></div>");
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}
