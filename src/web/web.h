/*
 * web.h — the web app's pages (server-rendered HTML, no script) on top of
 * the HTTP transport (http/http_int.h) and the API's shared helpers
 * (api/api.h: the import form, the plan as JSON): the HTML writer, the
 * nl/en strings, the page frame, the static files and the page handlers
 * the route table (serve/routes.c) names. Like http/ it uses only the
 * public API (ivp/ivp.h) of the library.
 *
 * A page handler gets the same checked http_req as an API handler and
 * answers with web_page_end (200 + HTML), a 303 redirect after a form, or
 * web_error. Every text that is not a literal of this code goes through
 * html_text/html_attr (escaped).
 */
#ifndef IVP_WEB_H
#define IVP_WEB_H

#include <stddef.h>

#include "http/http_int.h"
#include "render/chart.h"

/* ---- the HTML writer (html.c) -------------------------------------------- */

#define HTML_MAX (8u << 20) /* a page is never larger; past it the writer fails */

typedef struct html {
	char *p;
	size_t n, cap;
	int oom; /* 1: out of memory or over HTML_MAX; the page is dropped */
} html;

void html_raw(html *h, const char *s);	     /* s as it is: only literals */
void html_fmt(html *h, const char *fmt, ...) /* printf; only numbers and literals */
	__attribute__((format(printf, 2, 3)));
void html_text(html *h, const char *s); /* s escaped (& < > " '); NULL: nothing */
/* s escaped as html_text, each line break (LF) a <br>: a multi-line text
 * (a description, a note) shown as it was written. NULL: nothing. */
void html_lines(html *h, const char *s);
/* A number with `dec` decimals, Dutch (1.771,3) or English (1,771.3) style. */
void html_num(html *h, double v, int dec, const char *lang);

/* ---- strings (i18n.c) ---------------------------------------------------------- */

/* The pages' texts are the W_ entries of the product's one catalogue
 * (include/ivp/messages.def, ivp.h: ivp_msg). */
typedef ivp_msg web_msg;

/* The text of m in lang ("nl" or "en"). */
const char *web_t(const char *lang, web_msg m);
/* The library's verdict words (either language) as a council member reads
 * them in lang: "duidelijk gestegen", "duidelijk lager dan landelijk"
 * (vs_nl: 1 the comparison with the Netherlands, 2 with a group); others pass
 * as they are. */
const char *web_verdict(const char *lang, const char *words, int vs_nl);
/* A <details> with `title` and the one-paragraph explanation `text` (catalogue ids). */
void web_explain(html *h, const char *lang, web_msg title, web_msg text);
/* A word of the library (a goal or measure status) in lang; unknown words pass as they are. */
const char *web_word(const char *lang, const char *en);

/* ---- the page frame (layout.c) ----------------------------------------------------- */

/* The page's language: ?lang=, else the ivp_lang cookie, else "nl". Sets the cookie on ?lang=. */
const char *web_lang(http_req *r);
/* Start a page: doctype, head, skip link, header with menu and language switch, <main>. */
void web_page_begin(http_req *r, html *h, const char *lang, const char *title);
/* Add markup (a literal, e.g. a <meta>) to the <head> web_page_begin wrote. */
void web_head_add(html *h, const char *markup);
/* End it (</main>, footer) and make it r's 200 (or `status`) response; frees nothing of h but takes h->p. */
void web_page_end(http_req *r, html *h, int status);
/* Answer 303 See Other to `where` (a path of this site). */
void web_redirect(http_req *r, const char *where);
/* An error page: status, message, detail, hint (src/serve/ makes it the transport's error hook for pages). */
void web_error(http_req *r, int status, const char *message, const char *detail, const char *hint);
/* Column index of `name` in t, or -1. */
int web_col(const ivp_table *t, const char *name);
/* Cell as text into buf ("" for null); REAL with dec decimals in lang's style. */
const char *web_cell(const ivp_table *t, int row, const char *col, int dec, const char *lang,
		     char *buf, size_t bufsz);
/* 1 when the cell is null or missing. */
int web_null(const ivp_table *t, int row, const char *col);
/*
 * A date of the registers in the reader's format, machine-readable beside
 * it: "2026-11-30" → <time datetime="2026-11-30">30 november 2026</time>,
 * "2026-11-30T12:05:00Z" → <time datetime="2026-11-30T12:05Z">30 november
 * 2026 12:05 UTC</time> (the format of ivp_format_date, as every page). A
 * text that is no date is written as it is (escaped); NULL or "": nothing.
 */
void web_time(html *h, const char *lang, const char *iso);
/* A number cell (REAL or INT) as a double; NaN when null, text, missing, or t NULL / row < 0. */
double web_real(const ivp_table *t, int row, const char *col);

/* ---- charts (chart.c) ------------------------------------------------------------------ */

/*
 * Draw chart c (the shared chart model, render/chart.h, already fitted) as
 * an inline SVG figure with its legend; id makes its title and description
 * ids unique on the page. The caller follows it with the numbers' table.
 */
void web_chart(html *h, const char *lang, const ivp__chart *c, const char *id);
/*
 * Draw the comparison of areas c (render/chart.h, already fitted) as an
 * inline SVG figure: a bar per row in the model's order with its interval,
 * value and verdict words, its comparison mark, the reference line, a
 * legend that says the order. The caller follows it with the table.
 */
void web_rows_chart(html *h, const char *lang, const ivp__rows *c, const char *id);

/* ---- figures and their provenance (figure.c) ------------------------------------------ */

typedef struct web_goal_line { /* a goal's line from baseline to target */
	int has;
	double baseline, target;
	int base_year, target_year;
	char id[64], title[256], indicator[64];
} web_goal_line;

/* The year from which a series' classification changes (the column "classification"); 0: none. */
int web_series_break(const ivp_table *t);
/*
 * The chart of an indicator series t (rows of ivp_indicator_series, with
 * their provenance columns) on the chart model: per_1000 with its band,
 * cmp_col (NULL: none) as the comparison line named cmp_name, goal's line
 * when given, and a break where the classification changes.
 */
void web_series_chart(html *h, const char *lang, const ivp_table *t, const char *title,
		      const char *area_name, const char *cmp_col, const char *cmp_name,
		      const web_goal_line *goal, const char *id);
/* A row's source as text: "Politie 47013NED", "; voorlopig", "; afgerond op 5". */
const char *web_source_cell(const ivp_table *t, int row, const char *lang, char *b, size_t n);
/* Where a series' figures come from, as a list: unit, sources per years, population, provisional years, a break. */
void web_provenance(html *h, const char *lang, const ivp_table *t);
/* The start page's long trend of registered crime: heading, provenance, chart and table. */
void web_trend_section(html *h, const char *lang, const ivp_table *t, const char *area,
		       const char *area_name);
/* The plan's goal `goal` with a baseline and target into g: 1, else 0. */
int web_goal_line_of(http_req *r, const char *goal, web_goal_line *g);
/* "Baseline … (2022), target … (2026); the dashed line …" */
void web_goal_paragraph(html *h, const char *lang, const web_goal_line *g, int dec);

/* ---- locally registered values (values.c) ---------------------------------------------- */

/* 1 when area has registered values of key (key NULL: any). */
int web_has_values(http_req *r, const char *area, const char *key);
/* The page of one registered value (GET /indicator with its key): chart, table, unit, source. */
void web_value_page(http_req *r, const char *area, const char *key, const char *goal);
/* The start page's list of the area's registered values, each linked to its page. */
void web_home_values(http_req *r, html *h, const char *lang, const char *area);

/* ---- maps (map.c) ---------------------------------------------------------------------------- */

#define WEB_MAP_CLASSES 5

/* Quantile breaks br[0..5] (min .. max) of the non-NaN values of v; returns how many there are, -1 out of memory. */
int web_map_breaks(const double *v, int n, double br[WEB_MAP_CLASSES + 1]);
/* The class 0..4 of v for breaks br (class k: br[k] <= v < br[k+1], the last closed); -1 for NaN. */
int web_map_class(const double br[WEB_MAP_CLASSES + 1], double v);
/* The legend's class items (<li>) for the breaks br, in lang: a class that
 * can hold no area (equal breaks, when there are few areas) is left out,
 * and a last class of one value says that value once. */
void web_map_keys(html *h, const char *lang, const double br[WEB_MAP_CLASSES + 1]);
/*
 * A choropleth of the areas of b (an ivp_boundaries table) coloured by
 * rate[i] (per row of b; NaN: no figure) in quantile classes, each area
 * with a <title>, then a legend with the breaks. The caller follows it
 * with the table of the numbers (colour is never the only carrier).
 */
void web_choropleth(html *h, const char *lang, const ivp_table *b, const double *rate,
		    const char *title);

/*
 * The map of the wijken or buurten under `area` (buurten when any has a
 * boundary, else wijken) coloured by rates[i] of codes[i] (n of them; an
 * area not among them has no figure). 1: drawn; 0: no boundaries of either
 * level (the caller says the map needs a boundaries file).
 */
int web_area_map(http_req *r, html *h, const char *lang, const char *area,
		 const char *const *codes, const double *rates, int n, const char *title);
/* The path data of one boundary's rings (geom as ivp_boundaries gives it) in
 * map units: x from x0, y down from y1, scale s (units per metre). */
void web_map_path(html *h, const char *geom, double x0, double y1, double s);

/*
 * The map of /buurten (region_map.c): the wijken or buurten with a
 * boundary under `area` and under each of ref[0..nref) coloured by
 * rates[i] of codes[i], over the gemeenten of the region (area and ref;
 * without ref, the gemeenten around area) in grey, centred on the region,
 * the own gemeente's outline marked. 1: drawn; 0: no wijk or buurt
 * boundaries (the caller says the map needs a boundaries file).
 */
int web_region_map(http_req *r, html *h, const char *lang, const char *area,
		   const char *const *ref, int nref, const char *const *codes, const double *rates,
		   int n, const char *title);

/* pages.c for the other pages: the plan's municipality (else the first
 * gemeente with figures), the latest year of key for an area spec (0:
 * none), and an indicator's display name in lang (the key when unknown). */
void web_home_area(http_req *r, char *out, size_t outsz);
int web_latest_year(http_req *r, const char *area, const char *key);
void web_indicator_name(http_req *r, const char *area, const char *key, int year, const char *lang,
			char *out, size_t outsz);

/* ---- static files (assets.c) --------------------------------------------------------------- */

typedef struct web_assets web_assets;

/*
 * Read the static files once: web_root/static/ (every regular file) and
 * the NL Design System CSS from web_root/node_modules/ (utrecht.css,
 * tokens.css). web_root NULL: the built-in default (the source tree's
 * web/). A missing node_modules is not an error (the pages work without
 * their style; a warning is printed by the caller's log). NULL only when
 * out of memory, with the reason in err. Free with web_assets_free.
 */
web_assets *web_assets_load(const char *web_root, char *err, size_t errsz);
void web_assets_free(web_assets *w);

/* ---- what the pages need of their server ---------------------------------------------------- */

struct web_jobs;

/*
 * The state the pages share for one server: r->app_data points to one
 * (src/serve/ makes it and frees it after the server stopped). A page
 * handler run without it (tests) answers 404 for static files and does
 * its imports in the request.
 */
typedef struct web_env {
	web_assets *assets;    /* the static files */
	struct web_jobs *jobs; /* background imports (jobs.h) */
} web_env;

/* ---- comparisons (compare.c) ---------------------------------------------------------------- */

#define WEB_NCMP 3
/* What the pages compare area with in year (0: a series): NL01, and its
 * region and size class where they exist for it; returns how many. */
int web_compare_set(http_req *r, const char *area, int year, const char *cmp[WEB_NCMP]);
/* fmt ("T.o.v. %s") with comparison k's name from t ("de rest van
 * Haaglanden"), first letter upper case, into out; a name that changes
 * within a series (the size class of each year) in lang's general words. */
const char *web_compare_title(const ivp_table *t, int k, const char *lang, const char *fmt, char *out, size_t n);

/* ---- page handlers (the route table names them) --------------------------------------------- */

void web_static(http_req *r);		  /* GET /static/{id} */
void web_home(http_req *r);		  /* GET / */
void web_indicator(http_req *r);	  /* GET /indicator */
void web_indicator_csv(http_req *r);	  /* GET /indicator.csv */
void web_buurten(http_req *r);		  /* GET /buurten */
void web_kaart(http_req *r);		  /* GET /kaart */
void web_region(http_req *r);		  /* GET /regio (region.c) */
void web_region_picture(http_req *r);	  /* GET /regio/veiligheidsbeeld (region.c) */
void web_sources(http_req *r);		  /* GET /sources */
void web_plan(http_req *r);		  /* GET /plan */
void web_measure_post(http_req *r);	  /* POST /plan/measures/{id} */
void web_measure(http_req *r);		  /* GET /plan/measures/{id} (measure.c) */
void web_plan_edit(http_req *r);	  /* GET /plan/bewerken (plan_edit.c) */
void web_plan_edit_post(http_req *r);	  /* POST /plan/bewerken */
void web_plan_versions(http_req *r);	  /* GET /plan/versies */
void web_plan_revert_post(http_req *r);	  /* POST /plan/terugzetten */
void web_values_edit(http_req *r);	  /* GET /plan/waarden (values_edit.c) */
void web_values_post(http_req *r);	  /* POST /plan/waarden */
void web_values_upload_post(http_req *r); /* POST /plan/waarden/bestand */

/* What the measure form held when it was refused, and why (measure.c). */
typedef struct web_measure_form {
	const char *status, *note, *spent; /* as typed (NULL: not given) */
	int spent_year;
	const char *output_name, *output_value; /* the output figure, as typed */
	int output_year;
	const char *field; /* the field the error belongs to; NULL or "": the form */
	const char *error; /* the message, in the page's language; NULL: none */
	const char *hint;
	int done; /* 1: just updated (shows a message) */
} web_measure_form;
/* The measure page of r->path_id with form f (NULL: empty) and status. */
void web_measure_render(http_req *r, int status, const web_measure_form *f);
void web_login(http_req *r);		 /* GET /login */
void web_audit(http_req *r);		 /* GET /audit (audit.c) */
void web_login_post(http_req *r);	 /* POST /login */
void web_logout_post(http_req *r);	 /* POST /logout */
void web_import(http_req *r);		 /* GET /import */
void web_import_post(http_req *r);	 /* POST /import */
void web_import_status(http_req *r);	 /* GET /import/status */
void web_report(http_req *r);		 /* GET /rapport */
void web_report_text_post(http_req *r);	 /* POST /rapport/tekst */
void web_report_final_post(http_req *r); /* POST /rapport/definitief */
/* participation.c: the participation trajectory and the priority matrix */
void web_participation(http_req *r);	    /* GET /participatie */
void web_participation_public(http_req *r); /* GET /participatie/inbreng */
void web_priorities(http_req *r);
/* cases.c: the case register of the Zorg- en Veiligheidshuis (members; the library decides) */
void web_cases(http_req *r);					 /* GET /casussen */
void web_case_new(http_req *r);					 /* GET /casussen/nieuw */
void web_case_add(http_req *r);					 /* POST /casussen */
void web_case(http_req *r);					 /* GET /casussen/{id} */
void web_case_post(http_req *r);				 /* POST /casussen/{id}: the reason form, or a change (op) */
void web_case_counts(http_req *r); /* GET /casussen/tellingen */ /* GET /prioriteiten */

/* ---- what a register's members see expire next month (expiry.c) --------------------- */
void web_reg_expiry(http_req *r); /* GET /signalen/verloop, GET /casussen/verloop */

/* ---- the signals register (signals.c) ---------------------------------------------- */
void web_signals(http_req *r);
void web_signal_new(http_req *r);
void web_signal_new_post(http_req *r);
void web_signal(http_req *r);
void web_signal_open(http_req *r);
void web_signal_weighing(http_req *r);
void web_signal_weigh_post(http_req *r);
void web_signal_meetings(http_req *r);
void web_signal_meeting_post(http_req *r);
void web_signal_agenda_post(http_req *r);
void web_signal_counts(http_req *r);

#endif /* IVP_WEB_H */
