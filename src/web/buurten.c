/*
 * buurten.c — the neighbourhood page /buurten: the wijken and buurten of
 * a gemeente compared on one indicator.
 *
 * One ivp_ranking call per level (the same rows as `ivp ranking` and
 * /api/v1/ranking). The buurten (or, without buurt rates, the wijken) are
 * drawn as a funnel plot (the shared chart model, src/report/funnel.c):
 * rate against population with the funnel limits, the own gemeente's
 * buurten marked; beside it their table, sorted by rate with the rank
 * (Rang), which is the plot's accessible equivalent, and a search field
 * that works without script (a GET form). The population year is a form
 * field: when it is not the year of the counts, the page says so beside
 * the rates, and every rate column names its 1 January. Areas below the
 * minimum population are listed by count, "te weinig inwoners voor een
 * cijfer". The map (map.c) shows the areas with a boundary.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/funnel.h"
#include "web/web.h"

#define MAX_REF 32

typedef struct bpage {
	http_req *r;
	const char *lang, *area, *key, *search;
	char name[256], ind[256];
	int year, pop_year;
	const char *ref[MAX_REF];
	int nref;
	char refbuf[512], reftok[512];
	ivp_table *rt[2]; /* WK, BU */
} bpage;

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

static void para(html *h, const char *cls, const char *text)
{
	html_fmt(h, "<p class=\"utrecht-paragraph%s\">", cls);
	html_text(h, text);
	html_raw(h, "</p>");
}

/* case-insensitive substring (ASCII; names are matched as typed) */
static int contains(const char *s, const char *q)
{
	size_t n = strlen(q), i;

	if (!n)
		return 1;
	for (; s && *s; s++) {
		for (i = 0; i < n && s[i] && tolower((unsigned char)s[i]) == tolower((unsigned char)q[i]); i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

static int matches(const ivp_table *t, int i, const char *q)
{
	return !q || !*q || contains(ivp_table_text(t, i, web_col(t, "name")), q) ||
	       contains(ivp_table_text(t, i, web_col(t, "code")), q);
}

static void field(html *h, const char *id, const char *label, const char *value, const char *attrs)
{
	html_fmt(h, "<div class=\"utrecht-form-field ivp-form__inline\"><p class=\"utrecht-form-field__label\">"
		    "<label class=\"utrecht-form-label\" for=\"%s\">",
		 id);
	html_text(h, label);
	html_fmt(h, "</label></p><p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" id=\"%s\" name=\"%s\" %s value=\"",
		 id, id, attrs);
	html_text(h, value);
	html_raw(h, "\"></p></div>");
}

/* the GET form: year, population year, reference gemeenten, search */
static void form(html *h, const bpage *p)
{
	char y[16], py[16];
	const char *l = p->lang;

	snprintf(y, sizeof(y), "%d", p->year);
	snprintf(py, sizeof(py), "%d", p->pop_year);
	html_raw(h, "<form class=\"ivp-form ivp-buurten-form\" method=\"get\" action=\"/buurten\" role=\"search\">"
		    "<input type=\"hidden\" name=\"area\" value=\"");
	html_text(h, p->area);
	html_raw(h, "\"><input type=\"hidden\" name=\"key\" value=\"");
	html_text(h, p->key);
	html_raw(h, "\"><input type=\"hidden\" name=\"lang\" value=\"");
	html_text(h, l);
	html_raw(h, "\">");
	field(h, "year", web_t(l, W_FORM_YEAR), y, "inputmode=\"numeric\" pattern=\"[0-9]{4}\" required");
	field(h, "population_year", web_t(l, W_FORM_POPYEAR), py, "inputmode=\"numeric\" pattern=\"[0-9]{4}\" required");
	field(h, "reference", web_t(l, W_FORM_REFERENCE), p->refbuf, "autocomplete=\"off\"");
	field(h, "q", web_t(l, W_FORM_SEARCH), p->search ? p->search : "", "type=\"search\" autocomplete=\"off\"");
	html_raw(h, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(h, web_t(l, W_FORM_SHOW));
	html_raw(h, "</button></form>");
}

/* a catalogue text written as a format ("95%%-grens") without arguments */
static const char *plain(const char *s, char *buf, size_t n)
{
	size_t k = 0;

	for (; s && *s && k + 1 < n; s++) {
		buf[k++] = *s;
		if (s[0] == '%' && s[1] == '%')
			s++;
	}
	buf[k] = '\0';
	return buf;
}

static void raw_out(void *ud, const char *s)
{
	html_raw(ud, s);
}

/* the funnel plot of t (buurten, or wijken) */
static void funnel(html *h, const bpage *p, const ivp_table *t, int level_bu)
{
	char title[768], xunit[128], own[300], desc[600], l95[64], l998[64];
	rp_funnel f;
	rp_funnel_words w;

	html_raw(h, "<h2 class=\"utrecht-heading-2\" id=\"trechter\">");
	html_text(h, web_t(p->lang, W_FUNNEL_HEAD));
	html_raw(h, "</h2>");
	if (ivp__rp_funnel_from_table(&f, t)) {
		h->oom = 1;
		return;
	}
	if (f.n < 2) {
		para(h, "", web_t(p->lang, W_FUNNEL_NONE));
		ivp__rp_funnel_free(&f);
		return;
	}
	snprintf(title, sizeof(title), web_t(p->lang, level_bu ? W_FUNNEL_TITLE_BU : W_FUNNEL_TITLE_WK), p->ind,
		 p->name, p->year);
	snprintf(xunit, sizeof(xunit), web_t(p->lang, W_FUNNEL_XUNIT), p->pop_year);
	snprintf(own, sizeof(own), web_t(p->lang, W_FUNNEL_OWN), p->name);
	w = (rp_funnel_words){ title, plain(web_t(p->lang, W_FUNNEL_DESC), desc, sizeof(desc)), xunit, web_t(p->lang, W_MAP_PER1000), own,
			       web_t(p->lang, W_FUNNEL_OTHER), web_t(p->lang, W_FUNNEL_MEAN),
			       plain(web_t(p->lang, W_FUNNEL_L95), l95, sizeof(l95)),
			       plain(web_t(p->lang, W_FUNNEL_L998), l998, sizeof(l998)) };
	para(h, "", desc);
	html_raw(h, "<figure class=\"ivp-funnel\">");
	ivp__rp_funnel_svg(&f, &w, p->lang, level_bu, raw_out, h);
	html_raw(h, "<figcaption class=\"ivp-funnel__caption\">");
	html_text(h, web_t(p->lang, W_FUNNEL_CAPTION));
	html_raw(h, "</figcaption></figure>");
	ivp__rp_funnel_free(&f);
}

/* the ranking table of one level, rows matching the search */
static void table(html *h, const bpage *p, const ivp_table *t, int level_bu)
{
	const char *l = p->lang;
	char cap[768], b[160], rate[128];
	int n = ivp_table_nrows(t), i, shown = 0;

	html_raw(h, "<h2 class=\"utrecht-heading-2\">");
	html_text(h, web_t(l, level_bu ? W_BUURTEN : W_WIJKEN));
	html_raw(h, "</h2>");
	if (p->search && *p->search && level_bu) {
		for (i = 0; i < n; i++)
			shown += matches(t, i, p->search);
		snprintf(cap, sizeof(cap), web_t(l, W_SEARCH_RESULT), shown, n, p->search);
		para(h, "", cap);
	}
	snprintf(cap, sizeof(cap), web_t(l, W_BUURTEN_CAPTION), p->ind, p->name, p->year);
	html_raw(h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, cap);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	th(h, web_t(l, W_RANK), 1);
	th(h, web_t(l, W_AREA), 0);
	th(h, web_t(l, W_COUNT), 1);
	snprintf(rate, sizeof(rate), web_t(l, W_POP_OF), p->pop_year);
	th(h, rate, 1);
	snprintf(rate, sizeof(rate), web_t(l, W_RATE_POP), p->pop_year);
	th(h, rate, 1);
	th(h, web_t(l, W_FUNNEL_COL), 0);
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < n; i++) {
		const char *code = ivp_table_text(t, i, web_col(t, "code"));
		const char *small = ivp_table_text(t, i, web_col(t, "small"));
		int own = web_null(t, i, "own") || ivp_table_int(t, i, web_col(t, "own"));
		int summed = !web_null(t, i, "population_from_buurten") &&
			     ivp_table_int(t, i, web_col(t, "population_from_buurten"));

		if (level_bu && !matches(t, i, p->search))
			continue;
		html_fmt(h, "<tr class=\"utrecht-table__row%s\"><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">%s</td>"
			    "<th scope=\"row\" class=\"utrecht-table__header-cell\"><a class=\"utrecht-link\" href=\"/indicator?area=",
			 own ? "" : " ivp-row--other", web_cell(t, i, "rank", 0, l, b, sizeof(b)));
		html_text(h, code);
		html_raw(h, "&amp;key=");
		html_text(h, p->key);
		html_fmt(h, "&amp;year=%d\">", p->year);
		html_text(h, ivp_table_text(t, i, web_col(t, "name")));
		html_raw(h, "</a> <span class=\"ivp-code\">");
		html_text(h, code);
		html_raw(h, "</span></th>");
		td(h, web_cell(t, i, "count", 0, l, b, sizeof(b)), 1);
		web_cell(t, i, "population", 0, l, b, sizeof(b));
		if (summed && b[0]) {
			size_t k = strlen(b);

			snprintf(b + k, sizeof(b) - k, " (%s)", web_t(l, W_POP_SUMMED));
		}
		td(h, b, 1);
		td(h, web_cell(t, i, "per_1000", 2, l, b, sizeof(b)), 1);
		snprintf(cap, sizeof(cap), "%s%s%s", ivp_table_text(t, i, web_col(t, "funnel")), small ? " · " : "",
			 small ? small : "");
		td(h, cap, 0);
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></div>");
	snprintf(cap, sizeof(cap), web_t(l, W_FUNNEL_NOTE), IVP_MIN_POPULATION_DEFAULT);
	para(h, " ivp-note", cap);
}

/* the population sentence beside the rates; 1 when any area has a rate */
static int population_words(html *h, const bpage *p)
{
	char s[512];
	int k, i, rated = 0, popped = 0;

	for (k = 0; k < 2; k++)
		for (i = 0; p->rt[k] && i < ivp_table_nrows(p->rt[k]); i++) {
			rated += !web_null(p->rt[k], i, "per_1000");
			popped += !web_null(p->rt[k], i, "population");
		}
	if (!popped) {
		snprintf(s, sizeof(s), web_t(p->lang, W_POP_MISSING), p->pop_year);
		para(h, " ivp-note", s);
		return 0;
	}
	if (p->pop_year != p->year)
		snprintf(s, sizeof(s), web_t(p->lang, W_POP_OTHER_YEAR), p->year, p->pop_year);
	else
		snprintf(s, sizeof(s), web_t(p->lang, W_POP_SAME_YEAR), p->pop_year);
	para(h, " ivp-note", s);
	return rated > 0;
}

/* ?reference=GM0503,GM0518: the tokens in p->reftok, the text as typed in p->refbuf */
static void parse_refs(bpage *p)
{
	const char *v = http_query_get(&p->r->q, "reference");
	char *s, *save = NULL;

	snprintf(p->refbuf, sizeof(p->refbuf), "%s", v ? v : "");
	snprintf(p->reftok, sizeof(p->reftok), "%s", p->refbuf);
	for (s = strtok_r(p->reftok, ", ", &save); s && p->nref < MAX_REF; s = strtok_r(NULL, ", ", &save))
		p->ref[p->nref++] = s;
}

void web_buurten(http_req *r)
{
	static const char *const levels[2] = { "WK", "BU" };
	bpage p;
	char home[64], title[512], cap[768], spec[128];
	const char **codes = NULL, *y, *py;
	double *rates = NULL;
	html h = { 0 };
	int i, k, m = 0, total = 0;
	ivp_rc rc;

	memset(&p, 0, sizeof(p));
	p.r = r;
	p.lang = web_lang(r);
	p.area = http_query_get(&r->q, "area");
	p.key = http_query_get(&r->q, "key");
	p.search = http_query_get(&r->q, "q");
	if (!p.area) {
		web_home_area(r, home, sizeof(home));
		p.area = home;
	}
	if (!p.key)
		p.key = "totaal";
	snprintf(spec, sizeof(spec), "buurten:%s", p.area);
	y = http_query_get(&r->q, "year");
	if (!y || http_parse_year(y, &p.year))
		p.year = web_latest_year(r, spec, p.key);
	py = http_query_get(&r->q, "population_year");
	if (!py || http_parse_year(py, &p.pop_year))
		p.pop_year = p.year;
	parse_refs(&p);
	for (k = 0; k < 2 && p.year; k++) {
		ivp_ranking_query q;

		memset(&q, 0, sizeof(q));
		q.under = p.area;
		q.level = levels[k];
		q.indicator = p.key;
		q.year = p.year;
		q.population_year = p.pop_year;
		q.small_threshold = -1;
		q.lang = p.lang;
		q.reference = p.ref;
		q.nreference = k ? p.nref : 0; /* the region's buurten; wijken stay the own */
		if ((rc = ivp_ranking(r->ctx, &q, &p.rt[k]))) {
			http_ivp_error(r, rc, ivp_last_error(r->ctx));
			ivp_table_free(p.rt[0]);
			return;
		}
		total += ivp_table_nrows(p.rt[k]);
	}
	if (ivp_area_name(r->ctx, p.area, p.name, sizeof(p.name)))
		snprintf(p.name, sizeof(p.name), "%s", p.area);
	if (p.year)
		web_indicator_name(r, p.area, p.key, p.year, p.lang, p.ind, sizeof(p.ind));
	else
		snprintf(p.ind, sizeof(p.ind), "%s", p.key);
	snprintf(title, sizeof(title), "%s: %s", web_t(p.lang, W_BUURTEN_TITLE), p.name);
	web_page_begin(r, &h, p.lang, title);
	if (p.year)
		form(&h, &p);
	if (!total) {
		para(&h, "", web_t(p.lang, p.year ? W_NO_YEARS : W_NO_AREAS));
		web_page_end(r, &h, 200);
		return;
	}
	population_words(&h, &p);
	/* the map */
	html_raw(&h, "<h2 class=\"utrecht-heading-2\">");
	html_text(&h, web_t(p.lang, W_MAP));
	html_raw(&h, "</h2>");
	codes = calloc((size_t)total + 1, sizeof(*codes));
	rates = calloc((size_t)total + 1, sizeof(*rates));
	for (k = 0; codes && rates && k < 2; k++)
		for (i = 0; p.rt[k] && i < ivp_table_nrows(p.rt[k]); i++) {
			int c = web_col(p.rt[k], "per_1000");

			codes[m] = ivp_table_text(p.rt[k], i, web_col(p.rt[k], "code"));
			rates[m++] = ivp_table_cell_type(p.rt[k], i, c) == IVP_CELL_REAL ? ivp_table_real(p.rt[k], i, c) : NAN;
		}
	snprintf(cap, sizeof(cap), web_t(p.lang, W_BUURTEN_CAPTION), p.ind, p.name, p.year);
	if (!codes || !rates ||
	    !web_region_map(r, &h, p.lang, p.area, p.ref, p.nref, codes, rates, m, cap))
		para(&h, " ivp-map-note", web_t(p.lang, W_MAP_NEEDS));
	free(codes);
	free(rates);
	/* the funnel plot of the buurten (else of the wijken), then the tables */
	{
		int bu = p.rt[1] && ivp_table_nrows(p.rt[1]) > 0;

		funnel(&h, &p, bu ? p.rt[1] : p.rt[0], bu);
	}
	for (k = 1; k >= 0; k--)
		if (p.rt[k] && ivp_table_nrows(p.rt[k]))
			table(&h, &p, p.rt[k], k);
	ivp_table_free(p.rt[0]);
	ivp_table_free(p.rt[1]);
	web_page_end(r, &h, 200);
}
