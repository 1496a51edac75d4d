/*
 * report.h — the account to the council (`ivp report`): the report model,
 * the document built from it, and the three back ends.
 *
 * Three layers, each open to unit tests:
 *
 *   model.c   the facts of one report, read from the database through the
 *             plan, ivp_plan_progress, ivp_indicators and ivp_sources: per
 *             priority (in the plan's order) its goals with status and its
 *             measures, the budget per year, the BBV indicators against the
 *             year before and the Netherlands, every import and definition.
 *             No words: numbers, ids and the plan's own texts.
 *   doc.c     the document: chapters, paragraphs, tables and charts in the
 *             report's language (Dutch: € 190.000, 30,6 per 1.000 inwoners,
 *             29 juni 2023). One document for every format, so a PDF, its
 *             HTML and its XLSX carry the same content.
 *   pdf.c, html.c, xlsx.c   the back ends: cairo + pango, HTML with inline
 *             SVG charts, libxlsxwriter (one sheet per table).
 *
 * The charts are of the chart model shared with the web app's SVG charts
 * (render/chart.h: axis range, readable ticks, unit, interval band, the
 * line from baseline to target, a classification break); the back ends
 * draw it.
 *
 * Ownership: a model and a document each own everything under them
 * (strings in one arena each) and are freed with one call. Nothing here
 * prints; errors go into the ctx.
 */
#ifndef IVP_REPORT_REPORT_H
#define IVP_REPORT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "render/chart.h"

#define IVP_REPORT_VERSION "0.1.0" /* the creator named in the documents */

/* ---- an arena of strings and small structs, freed at once ------------- */
typedef struct rp_chunk rp_chunk;
typedef struct rp_arena {
	rp_chunk *head;
	int oom; /* an allocation failed: the owner reports ENOMEM */
} rp_arena;

void *ivp__rp_alloc(rp_arena *a, size_t n);	  /* zeroed; NULL and a->oom on failure */
char *ivp__rp_strdup(rp_arena *a, const char *s); /* NULL stays NULL */
char *ivp__rp_printf(rp_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ivp__rp_arena_free(rp_arena *a);

/* ---- the model ------------------------------------------------------------ */

/* Goal statuses, in the order of progress.h's pl_status. */
enum {
	RP_NODATA,
	RP_NOSTATUS,
	RP_ON,
	RP_RISK,
	RP_OFF,
	RP_NSTATUS
};

#define RP_MAXSERIES IVP__CHART_MAX

typedef ivp__chart_point rp_point; /* lo = hi = v when exact */

typedef struct rp_goal {
	const char *id, *title, *kind, *indicator, *indicator_name, *direction, *note;
	const char *unit; /* the goal's unit; engine: "per 1000" etc. from the definition */
	int engine;	  /* 1: an indicator of the engine; 0: a locally registered value */
	int per;	  /* engine: rate per this many inhabitants */
	int youth;	  /* engine: the population aged 12-17 */
	int illustration;
	double baseline, target;
	int base_year, target_year;
	int has; /* a latest value after the baseline year */
	int year;
	double value, lo, hi, expected;
	int exact;		   /* no interval known */
	int status;		   /* RP_NODATA … RP_OFF */
	const char *source;	   /* where the latest value comes from (engine / import) */
	const char *shown;	   /* a register count hidden by suppression ("< 5", "x"; year set), else NULL */
	const char *source_tables; /* engine: the tables to import */
	int npoints;		   /* the series for the chart, ascending years */
	rp_point points[RP_MAXSERIES];
	int break_year; /* > 0: the points from this year on are of another classification */
} rp_goal;

typedef struct rp_entry { /* a dated progress entry of a measure */
	const char *date, *status, *note, *by;
} rp_entry;

typedef struct rp_measure {
	const char *id, *title, *priority, *owner, *partners, *status, *start, *end;
	const char *outputs; /* "name value (year); …" up to the report year, or NULL */
	int illustration;
	int nentries;
	rp_entry *entries;
	int64_t budget, spent;		 /* cents: budget over the plan, spent up to the report year */
	int64_t budget_year, spent_year; /* cents in the report year */
} rp_measure;

typedef struct rp_priority {
	const char *id, *title;
	int order; /* 1-based: a, b, c, d */
	int cross_cutting;
	int counts[RP_NSTATUS];
	int ngoals, nmeasures;
	rp_goal **goals;
	rp_measure **measures;
	int64_t budget, spent; /* cents: of its measures */
} rp_priority;

typedef struct rp_budget { /* the plan's budget for one year */
	int year;
	int64_t amount;				 /* cents */
	const char *source, *document;		 /* NULL when the plan file has none */
	int structural;				 /* part of a structural amount (plan file: structural: true) */
	int64_t measures_budget, measures_spent; /* cents, that year */
} rp_budget;

/* A figure against the year before and against the Netherlands (NL01). */
typedef struct rp_cmp {
	int has_change;
	double change, change_lo, change_hi; /* rate ratio on the year before */
	const char *verdict;		     /* on the year before, the engine's words in the report's language */
	int has_nl;
	double nl;	   /* the Netherlands per 1,000 */
	const char *vs_nl; /* against the Netherlands, the engine's words */
	/* the BBV table's size class and region (the rest of each without the
	 * municipality; docs/groups.md), when the groups exist */
	int has_sc, has_reg;
	double sc, reg;
} rp_cmp;

typedef struct rp_indicator { /* a row of the BBV indicator table */
	const char *key, *name, *classification, *source_tables;
	int version, per, youth;
	int has; /* a count in the report year */
	int64_t count;
	double value, lo, hi;
	int has_prev;
	int prev_year;
	double prev;
	rp_cmp c;
	int64_t import_id, population_import;
} rp_indicator;

typedef struct rp_source {
	int64_t id, rows;
	const char *kind, *layout, *file, *sha256, *by, *finished; /* finished: YYYY-MM-DD */
} rp_source;

typedef struct rp_def {
	const char *key, *classification, *name, *codes, *source_tables;
	int version;
} rp_def;

typedef struct rp_trend { /* one year of total registered crime (veiligheidsbeeld) */
	int year;
	int64_t count;
	double value, lo, hi;	    /* per 1,000 with its interval */
	const char *classification; /* "police" or "cbs": a change is drawn as a break */
	rp_cmp c;
} rp_trend;

typedef struct rp_area { /* a wijk or buurt in the ranking */
	const char *code, *name, *vs_all;
	const char *funnel; /* where the rate lies against the funnel limits (docs/ranking.md) */
	int has_pop;	    /* a population of 1 January (maybe below the minimum for a rate) */
	int rank;	    /* 0: not ranked (no population) */
	int64_t count;
	int has; /* a rate */
	double value, lo, hi;
	int small;
} rp_area;

/* A narrative text of the report (texts.c): the newest version, or none. */
typedef struct rp_text {
	const char *key;     /* canonical: "inleiding", "prioriteit:<id>", "doel:<id>", … */
	const char *label;   /* in the report's language: "Toelichting bij prioriteit b" */
	const char *missing; /* the sentence when it is missing: "… ontbreekt" */
	int required;	     /* 1: without it the report is a concept */
	const char *body;    /* NULL: no text yet */
	int64_t version;
	const char *by, *at; /* who saved the newest version, and when (UTC) */
} rp_text;

/* ---- the participation trajectory and the previous plan's evaluation --------
 * (model_particip.c, issue 14): frozen as published, so every count here is
 * already suppressed (src/stats/suppress.h): `shown` is the number, "< 5" or
 * the withheld word, and `count` is -1 for a hidden one. */
typedef struct rp_pt_activity {
	const char *kind, *date, *place, *wijk; /* kind and wijk in words; wijk NULL: none */
	const char *participants, *inputs;	/* as shown ("23", "< 5", "niet bekend") */
	int illustration;
} rp_pt_activity;

typedef struct rp_pt_count { /* inputs of a theme in a wijk; NULL theme or wijk: the total */
	const char *theme, *wijk, *shown;
	int64_t count; /* -1: hidden */
} rp_pt_count;

typedef struct rp_pt_route {			    /* what was done with a theme's inputs */
	const char *theme, *route, *target, *shown; /* route in words, target its title */
	int64_t count;				    /* -1: hidden */
} rp_pt_route;

typedef struct rp_eval { /* a row of ivp_plan_evaluate: a goal, a measure or a conclusion */
	const char *kind, *id, *priority, *title, *unit, *verdict, *done, *text;
	double baseline, target, result, margin, budget, spent; /* NaN: not given */
	int outcome;						/* a goal's verdict: 0 achieved, 1 not achieved, 2 not measurable (evaluation.h) */
	int illustration;
} rp_eval;

typedef struct rp_particip {
	const char *id, *title, *aims; /* the trajectory; NULL id: none recorded */
	int illustration;
	int nactivities, ncounts, nroutes;
	rp_pt_activity *activities;
	rp_pt_count *counts;
	rp_pt_route *routes;
	const char *eval_plan; /* the evaluated previous plan's id, NULL: none */
	int nevals;
	rp_eval *evals;
} rp_particip;

/* ---- the registers' counts without persons (model_registers.c, issue 13
 * item 7): each table as the registers publish it, every figure already
 * suppressed (a number, "< 5" or "x"), its labels in the report's
 * language, frozen in the snapshot like every other figure. */
typedef struct rp_rcell {
	const char *text;
} rp_rcell;

typedef struct rp_rtable {
	const char *id, *title, *sheet; /* the document's table id, caption, worksheet */
	int ncols, nhead, ncells;	/* nhead == ncols; ncells a multiple of ncols */
	rp_rcell *head, *cells;		/* the column headers; the rows, the last one the total */
} rp_rtable;

typedef struct rp_regs {
	int ntables;
	rp_rtable *tables;
	int signals_closed; /* the signals register holds records, but its key file is missing or wrong */
} rp_regs;

typedef enum rp_kind {
	RP_VOORTGANG = 0,
	RP_VEILIGHEIDSBEELD,
	RP_RAADSVOORSTEL,
	RP_NKINDS
} rp_kind;

typedef struct rp_model {
	rp_arena a;
	rp_kind kind;
	const char *lang; /* "nl" / "en" */
	const char *area, *area_name;
	int year;
	const char *date; /* the report date YYYY-MM-DD */
	/* the plan */
	const char *plan_id, *plan_title, *municipality, *adopted, *cvdr, *publication;
	const char *legal_basis, *college_proposal, *sent_to_council, *in_force;
	const char *pred_title; /* the predecessor plan, NULL when none */
	int pred_from, pred_to;
	const char *pred_until;	 /* its last extension's end date, or NULL */
	const char *partners;	 /* every partner's name, joined */
	const char *plan_source; /* file and SHA-256 of the plan version */
	int plan_from, plan_to;
	int64_t plan_version;
	int illustrations; /* some goal or measure is an illustration */
	int npriorities, ngoals, nmeasures, nbudget, nindicators, nsources, ndefs;
	rp_priority *priorities;
	rp_goal *goals;
	rp_measure *measures;
	rp_budget *budget;
	rp_indicator *indicators;
	/* the BBV table's comparison groups, NULL when they do not exist:
	 * the engine's names, "de rest van Haaglanden" */
	const char *sizeclass_name, *region_name;
	rp_source *sources;
	rp_def *defs;
	/* veiligheidsbeeld */
	int has_plan;
	int ntrend, nwijken, nbuurten;
	rp_trend *trend;
	rp_area *wijken, *buurten;
	int ranking_year;	  /* the year of the wijk/buurt ranking (the newest with counts), 0: none */
	struct rp_funnel *funnel; /* the buurten's funnel plot (funnel.h; in the arena), NULL: none */
	rp_particip *particip;	  /* the trajectory and the evaluation (in the arena), NULL: neither */
	rp_regs *regs;		  /* the registers' counts (in the arena), NULL: both registers empty */
	/* the narrative texts (texts.c) and the status */
	int ntexts, nmissing; /* nmissing: required texts without a version */
	rp_text *texts;
	int final;		/* 1: definitief, rendered from its snapshot */
	const char *final_date; /* the report's date when it was frozen */
	/* summary */
	int counts[RP_NSTATUS];
	int64_t budget_total, budget_year;	 /* cents: the plan's, in total and in the report year */
	int64_t measures_budget, measures_spent; /* cents: over the plan / up to the report year */
} rp_model;

typedef struct rp_query {
	rp_kind kind;
	const char *area; /* NULL: the plan's municipality */
	int year;	  /* 0: the last complete year with data */
	const char *lang; /* NULL: "nl" */
	const char *date; /* NULL: the date of the newest import or plan version */
} rp_query;

/* Kind by name ("voortgang", …); -1 when unknown. */
int ivp__rp_kind_parse(const char *s);
const char *ivp__rp_kind_name(rp_kind k);

/*
 * Read the model of one report. IVP_EINPUT with message and hint for a
 * year without a plan or before any data, an area the plan is not for;
 * IVP_ENOTFOUND when no plan is imported. *out is the caller's, freed with
 * ivp__rp_model_free, only on IVP_OK.
 */
IVP_WUR ivp_rc ivp__rp_model(ivp_ctx *ctx, const rp_query *q, rp_model **out);
/* The options of ivp_report() as a query: IVP_EINPUT for an unknown kind,
 * format or language (report_api.c). */
IVP_WUR ivp_rc ivp__rp_opts(ivp_ctx *ctx, const ivp_report_opts *o, rp_query *q);
/* The model of the report q names: from its snapshot when it is
 * definitief, else read from the database as ivp__rp_model (report_api.c). */
IVP_WUR ivp_rc ivp__rp_load(ivp_ctx *ctx, const rp_query *q, rp_model **out);
void ivp__rp_model_free(rp_model *m);
/* The participation trajectory (the first) and the evaluation of the
 * previous plan into m->particip in m's language; stays NULL when neither
 * is recorded (model_particip.c). */
IVP_WUR ivp_rc ivp__rp_particip(ivp_ctx *ctx, rp_model *m);
/* The registers' counts without persons into m->regs in m's language:
 * signals per phenomenon x outcome, per quarter and per wijk; cases per
 * status, per quarter and per wijk; a register without records is left
 * out, and m->regs stays NULL when both are (model_registers.c). */
IVP_WUR ivp_rc ivp__rp_registers(ivp_ctx *ctx, rp_model *m);
/* First and last year with registered crime (the total) for area; 0, 0 when none. */
IVP_WUR ivp_rc ivp__rp_data_years(ivp_ctx *ctx, const char *area, int *first, int *last);

/* ---- the narrative texts (texts.c) ------------------------------------------ */

#define RP_TEXT_MAX 32768 /* bytes of one text */

/* The texts a report of m's kind has (from its priorities and goals), each
 * with its newest stored version: m->texts, m->nmissing. */
IVP_WUR ivp_rc ivp__rp_texts(ivp_ctx *ctx, rp_model *m);
/* The text of a canonical key, NULL when the report has no such key. */
const rp_text *ivp__rp_text(const rp_model *m, const char *key);
/*
 * The text of a key as a user writes it: canonical, or a priority by its
 * letter ("prioriteit:b"). NULL when the report has no such key.
 */
const rp_text *ivp__rp_text_find(const rp_model *m, const char *key);
/* Check a text's body: 0, or -1 with the reason in why (n bytes), in lang
 * ("nl", "en"; NULL: English): empty, too long, not UTF-8, a control
 * character. */
int ivp__rp_text_check(const char *body, const char *lang, char *why, size_t n);

/* ---- the snapshot of a definitief report (snapshot.c) ---------------------- */

/*
 * The snapshot of a report: its models in Dutch and English as one
 * canonical JSON document ({"format":1,"models":{"en":…,"nl":…}}, sorted
 * keys, no spaces, doubles written so they read back exactly). malloc'd,
 * NULL when out of memory.
 */
char *ivp__rp_snapshot(const rp_model *nl, const rp_model *en);
/*
 * The model of one language ("nl" / "en") back from a snapshot; NULL with
 * the reason in err (n bytes) when the text is not one (err "out of
 * memory" when memory ran out). Freed with ivp__rp_model_free.
 */
rp_model *ivp__rp_snapshot_model(const char *json, size_t len, const char *lang, char *err, size_t n);

/* ---- Dutch and English formats ------------------------------------------- */

/* A number with `dec` decimals: nl 1.234,5 / en 1,234.5 (out >= 48 bytes). */
void ivp__rp_num(const char *lang, double v, int dec, char *out, size_t n);
/* Money from cents, whole euros: "€ 190.000" / "€190,000". */
void ivp__rp_money(const char *lang, int64_t cents, char *out, size_t n);
/* Split a date YYYY-MM-DD (years 1900-2199): 0, or -1 when it is not one. */
int ivp__rp_parse_date(const char *s, int *y, int *m, int *d);
/* A date YYYY-MM-DD as "29 juni 2023" / "29 June 2023"; the text itself when not a date. */
void ivp__rp_date(const char *lang, const char *iso, char *out, size_t n);
/* A rate ratio as a change: "+6,0%" (sign always). */
void ivp__rp_pct_change(const char *lang, double ratio, char *out, size_t n);

/* ---- charts (render/chart.h) ------------------------------------------------ */

typedef ivp__chart_axis rp_axis;
typedef ivp__chart rp_chart;

/* The chart of a goal: its series, band, baseline-to-target line and axes (doc.c). */
void ivp__rp_goal_chart(const rp_goal *g, rp_chart *c);

/* ---- the document ------------------------------------------------------------ */

typedef enum rp_numfmt {
	RP_TEXT = 0,
	RP_INT,
	RP_DEC1,
	RP_DEC2,
	RP_EUR,
	RP_PCT,
	RP_YEAR
} rp_numfmt;

typedef struct rp_cell {
	const char *text; /* as shown in PDF and HTML */
	rp_numfmt fmt;	  /* RP_TEXT: text only; else num is the number (XLSX) */
	double num;	  /* RP_EUR: euros; RP_PCT: a fraction (0.92) */
} rp_cell;

typedef struct rp_table {
	const char *caption, *sheet; /* sheet: the XLSX sheet name (<= 31 chars, unique) */
	const char *id;		     /* anchor */
	int ncols, nrows, ncells, cap;
	const char *const *head;
	const double *width; /* relative column widths */
	const int *right;    /* 1: right-aligned (numbers) */
	rp_cell *cells;	     /* nrows * ncols */
	int last_total;	     /* the last row is a total (bold) */
	const char *note;
} rp_table;

typedef enum rp_bkind {
	RB_TITLE,
	RB_HEADING,
	RB_PARA,
	RB_NOTE,
	RB_TABLE,
	RB_CHART,
	RB_TOC,
	RB_BREAK,
	RB_FUNNEL /* a funnel plot (funnel.h): funnel, fwords */
} rp_bkind;

typedef struct rp_block {
	rp_bkind kind;
	int level;	/* headings: 1 chapter, 2 section, 3 sub-section */
	const char *id; /* headings: the anchor and outline destination */
	const char *text;
	rp_table *table;
	rp_chart *chart;
	const struct rp_funnel *funnel;
	const struct rp_funnel_words *fwords;
} rp_block;

typedef struct rp_doc {
	rp_arena a;
	const char *lang, *title, *subtitle, *author, *subject, *keywords, *date;
	const char *footer;    /* left of the page number */
	const char *page_word; /* "Pagina" / "Page" */
	const char *of_word;   /* "van" / "of" */
	const char *toc_title;
	const char *status; /* "concept" (texts missing), "compleet" or "definitief" */
	int chapter_pages;  /* 1: every chapter starts a new page (PDF, print) */
	int n, cap;
	rp_block *b;
} rp_doc;

/* Build the document of a model. NULL when out of memory. Free with ivp__rp_doc_free. */
rp_doc *ivp__rp_doc(const rp_model *m);
void ivp__rp_doc_free(rp_doc *d);

/* ---- the back ends: write the document to an open file ------------------------ */
/*
 * Each writes the whole document to `path` (a temporary file the caller
 * renames) and returns IVP_OK, or an error in ctx. Same document, same
 * bytes: no clock is read; dates come from d->date.
 */
IVP_WUR ivp_rc ivp__rp_pdf(ivp_ctx *ctx, const rp_doc *d, const char *path);
/*
 * The PDF with fonts kept from one document to the next (a batch): *fonts
 * NULL on the first call, then the font map it made; free it once with
 * ivp__rp_fonts_free. The bytes are those of ivp__rp_pdf.
 */
IVP_WUR ivp_rc ivp__rp_pdf_fonts(ivp_ctx *ctx, const rp_doc *d, const char *path, void **fonts);
void ivp__rp_fonts_free(void *fonts);
IVP_WUR ivp_rc ivp__rp_html(ivp_ctx *ctx, const rp_doc *d, const char *path);
IVP_WUR ivp_rc ivp__rp_xlsx(ivp_ctx *ctx, const rp_doc *d, const char *path);

/*
 * The PDF and XLSX back ends live in the module ivp-report.so (pdf.c,
 * xlsx.c: cairo, pango, QPDF, libxlsxwriter; core/module.h), so that no
 * other command loads those libraries. The functions above are thin
 * wrappers (backend.c) that open it on first use and call through this
 * table; a module that cannot be opened is an error (module_missing).
 */
typedef struct rp_backend {
	ivp_rc (*pdf_fonts)(ivp_ctx *ctx, const rp_doc *d, const char *path, void **fonts);
	void (*fonts_free)(void *fonts);
	ivp_rc (*xlsx)(ivp_ctx *ctx, const rp_doc *d, const char *path);
} rp_backend;
#define IVP__RP_BACKEND_SYM "ivp__rp_backend_ops"
extern const rp_backend ivp__rp_backend_ops; /* in ivp-report.so (pdf.c) */
/* xlsx.c's back end, for the table in pdf.c (inside the module only) */
ivp_rc ivp__rp_xlsx_write(ivp_ctx *ctx, const rp_doc *d, const char *path);

/* ivp_report() keeping the PDF's fonts in *fonts between calls (batch.c); NULL: none kept. */
IVP_WUR ivp_rc ivp__rp_report(ivp_ctx *ctx, const ivp_report_opts *o, void **fonts, ivp_report_result *out);

#endif /* IVP_REPORT_REPORT_H */
