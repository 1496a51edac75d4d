/*
 * ivp.h — the public API of libivp.
 *
 * The `ivp` command, the test programs and (later) the HTTP server use only
 * what this header declares. Everything sits behind opaque handles:
 *
 *   ivp_ctx    an open database plus the last error; one per thread.
 *   ivp_table  a result: named columns, rows of text/number/null cells.
 *
 * Every fallible function returns an ivp_rc (0 = IVP_OK). On failure the
 * context holds an ivp_error with a short message, a detail sentence, a
 * hint saying what to change, a stable machine code (docs/errors.md) and,
 * for input errors, the file, line, column and field.
 * The library never prints and never exits.
 */
#ifndef IVP_IVP_H
#define IVP_IVP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define IVP_WUR __attribute__((warn_unused_result))
#else
#define IVP_WUR
#endif

typedef enum ivp_rc {
	IVP_OK = 0,
	IVP_EINPUT,    /* the input (file, option) is wrong; the user must change it */
	IVP_ENOTFOUND, /* a named thing (area, code, import) does not exist */
	IVP_ENOMEM,    /* out of memory */
	IVP_EIO,       /* a file could not be read or written */
	IVP_EDB,       /* the database failed */
	IVP_EINTERNAL  /* a bug */
} ivp_rc;

/* Static English text for a result code. */
const char *ivp_strerror(ivp_rc rc);

/* True when rc means "the user must change something" (exit code 1);
 * IVP_ENOMEM, IVP_EDB and IVP_EINTERNAL are not (exit code 2). */
int ivp_rc_is_user_error(ivp_rc rc);

typedef struct ivp_error {
	ivp_rc rc;
	char message[256]; /* short, lower case, no final period */
	char detail[512];  /* a sentence with the reason */
	char hint[512];	   /* what to change */
	char file[512];	   /* input file, "" when none */
	long line;	   /* 1-based input line, 0 when none */
	char field[128];   /* column / field name, "" when none */
	long column;	   /* 1-based byte position in the line, 0 when none */
	char code[48];	   /* stable machine code, e.g. "csv_unterminated_quote";
				 * every code is listed in docs/errors.md */
	int option;	   /* 1: `field` names a parameter of the call (an option
			    * such as "year" or "spent"), which each front end
			    * presents its own way (the CLI as --year, a page as
			    * its form field); the texts never name a CLI flag */
} ivp_error;

typedef struct ivp_ctx ivp_ctx;

/*
 * Open (creating if needed) the database at `path` and apply pending
 * migrations. `path` may be "sqlite:FILE" or a plain file name. On success
 * *out is a new context the caller frees with ivp_close(). On failure *out
 * is NULL and, if err is not NULL, *err says why.
 */
IVP_WUR ivp_rc ivp_open(const char *path, ivp_ctx **out, ivp_error *err);
void ivp_close(ivp_ctx *ctx);

/* The last error recorded on ctx (valid until the next call on ctx). */
const ivp_error *ivp_last_error(const ivp_ctx *ctx);

/*
 * Many municipalities in one deployment (docs/tenancy.md). From now on ctx
 * acts for one municipality — its CBS code, "GM1926" — or for a region —
 * the name of a comparison group of kind region, "haaglanden": the plan
 * functions read and write that municipality's plan versions only (the
 * latest version is its latest), and on PostgreSQL the row-level security
 * policies show the connection that municipality's rows only. NULL or ""
 * acts for the whole deployment (every municipality: the single
 * municipality's deployment, an operator's CLI), as before. IVP_EINPUT
 * (unchanged) when code is neither a GM code nor a region name (a-z, 0-9,
 * '-', '_'; 1–63 characters, starting with a letter).
 */
IVP_WUR ivp_rc ivp_set_municipality(ivp_ctx *ctx, const char *code);
/* What ctx acts for: the code ivp_set_municipality was given, "" for the
 * whole deployment. Valid while ctx is. */
const char *ivp_municipality(const ivp_ctx *ctx);
/* 1 when code is a municipality's CBS code (GM and four digits). */
int ivp_is_municipality_code(const char *code);

/* ------------------------------------------------------------------ */
/* Language: one message catalogue for the whole product              */
/*
 * Every text a user reads — the library's error messages, details and
 * hints, notes, status reasons, the CLI's headers and the pages — is an
 * entry M(id, nl, en) of the catalogue: ivp/messages_lib.def (library and
 * CLI) and ivp/messages.def (the pages), one enum ivp_msg over both. A
 * text with printf parameters has the same conversions in the same order
 * in both languages (a unit test checks it), so one argument list serves
 * either.
 *
 * A ctx speaks one language: "en" after ivp_open (so that programs of the
 * library see stable English), "nl" once ivp_set_lang says so; the CLI
 * and the web app set it ("nl" by default, --lang / IVP_LANG / ?lang=).
 * Machine codes (ivp_error.code, JSON field names, the status and verdict
 * columns' codes of ivp_plan_progress) never change with the language.
 */
typedef enum ivp_msg {
#define M(id, nl, en) id,
#include "ivp/messages_lib.def"
#include "ivp/messages.def"
#undef M
	IVP_NMSG
} ivp_msg;

/* "nl" or "en" for a language name ("nl", "en", "nl_NL.UTF-8", "en_GB"…);
 * NULL when s names neither (NULL or "" included). */
const char *ivp_lang_parse(const char *s);
/* The text of m in lang: English for "en", Dutch for anything else. Static. */
const char *ivp_msg_text(const char *lang, ivp_msg m);
/* `one` when n is 1, else `many` (both catalogue ids), in lang. */
const char *ivp_msg_plural(const char *lang, ivp_msg one, ivp_msg many, long long n);
/* The catalogue's text in lang for the English text `en` of an entry
 * (the same format string the library passes); `en` itself when no entry
 * has it or lang is English. Static. */
const char *ivp_msg_tr(const char *lang, const char *en);
/* Plurals of a text looked up by its English: ivp_msg_tr(lang, one) when
 * n is 1, else ivp_msg_tr(lang, many). Dutch and English both have the one
 * plural rule "n == 1 is singular" (0 takes the plural: "0 rijen", "0 rows"),
 * so a pair of entries is the whole mechanism: the singular's entry
 * (M(…_ONE, "%lld rij", "%lld row")) beside the plural's. Both texts take
 * the same printf arguments. Static. */
const char *ivp_msg_trn(const char *lang, const char *one, const char *many, long long n);
/*
 * A text of the library may name a parameter of the call as {name}
 * ({year}, {map}, {skip_unknown_regions}) instead of a CLI flag, so that
 * each front end names it its own way. Write s into out (n bytes) with
 * each {name} replaced by present(ud, name, buf, bufsz)'s text (the CLI:
 * "--year"; the pages and the API: the form field ‘year’); present NULL:
 * the name in quotes, ‘year’.
 */
typedef const char *(*ivp_param_fn)(void *ud, const char *name, char *buf, size_t bufsz);
void ivp_text_params(const char *s, ivp_param_fn present, void *ud, char *out, size_t n);
/* The language of ctx's texts from now on: "nl" or "en" (IVP_EINPUT for
 * anything else, the language unchanged). */
IVP_WUR ivp_rc ivp_set_lang(ivp_ctx *ctx, const char *lang);
/* ctx's language: "nl" or "en". */
const char *ivp_lang(const ivp_ctx *ctx);

/*
 * Numbers, money and dates the way a reader of lang writes them: Dutch
 * "1.771", "30,57", "€ 12.500", "29 juni 2023"; English "1,771", "30.57",
 * "€12,500", "29 June 2023". A non-finite number is "–". out has n bytes
 * and is always terminated. (The report, the CLI's tables and the pages
 * share these; JSON keeps plain numbers.)
 */
void ivp_format_number(const char *lang, double v, int dec, char *out, size_t n);
void ivp_format_money(const char *lang, int64_t cents, char *out, size_t n);
/* iso "YYYY-MM-DD"; anything else is copied as it is. */
void ivp_format_date(const char *lang, const char *iso, char *out, size_t n);

/*
 * Read an amount of euros as a reader of lang writes it, into cents.
 * Dutch: "12500", "12.500" (twelve thousand five hundred), "12,50",
 * "12.500,50"; a point must group three digits, a comma starts at most
 * two decimals. English: "12500", "12,500", "12500.50", "12,500.50".
 * Refused (-1, with *why a static sentence of the catalogue in lang
 * saying what is wrong and what to type): an empty or negative amount,
 * a sign, spaces, a currency sign, the other language's decimal mark
 * where it is ambiguous ("12.50" in Dutch, "12,50" in English), groups
 * not of three ("1.2.3"), mixed marks in the wrong order ("12,500.5" in
 * Dutch), more than two decimals, more than 1e13 euros.
 */
int ivp_parse_money(const char *lang, const char *s, int64_t *cents, const char **why);
/* A figure typed by a person (an output count: 1.250, 12,5 in Dutch; 1,250,
 * 12.5 in English): the same rules as an amount (groups of three, at most
 * two decimals, not negative). 0 with *v set, or -1 with *why the sentence
 * saying what to type (static). */
int ivp_parse_figure(const char *lang, const char *s, double *v, const char **why);

/* Schema version the database is at after ivp_open(). */
int ivp_schema_version(ivp_ctx *ctx);
/*
 * A number that changes whenever another connection or process (another
 * server thread, the CLI) has committed a change to the database since the
 * last call on this ctx; commits made through ctx itself do not change it.
 * Used to drop cached answers (src/http/cache.c).
 */
IVP_WUR ivp_rc ivp_data_version(ivp_ctx *ctx, int64_t *version);

/* Where ctx's database stands in streaming replication (PostgreSQL; an
 * SQLite file is a primary without a log: everything 0). */
typedef struct ivp_replication_state {
	int standby; /* 1: a read replica (in recovery) */
	int64_t lsn; /* primary: its log written so far; standby: replayed so far (bytes) */
	double age;  /* standby: seconds since the last transaction it replayed; 0 on a primary */
} ivp_replication_state;
IVP_WUR ivp_rc ivp_replication(ivp_ctx *ctx, ivp_replication_state *out);

/* ------------------------------------------------------------------ */
/* Import                                                             */

typedef enum ivp_import_kind {
	IVP_IMPORT_AUTO = 0,   /* decide from the content */
	IVP_IMPORT_CRIME,      /* StatLine export, OData TypedDataSet CSV/JSON */
	IVP_IMPORT_POPULATION, /* 37230ned export, 85984NED buurt list, TypedDataSet */
	IVP_IMPORT_CODES,      /* CBS metadata: SoortMisdrijf, WijkenEnBuurten, RegioS, Perioden */
	IVP_IMPORT_LONG,       /* ivp long CSV, optionally with a type-code mapping */
	IVP_IMPORT_BOUNDARIES, /* GeoJSON area polygons, WGS84 or RD New (docs/data-formats.md) */
	IVP_IMPORT_GROUPS      /* comparison groups of areas, e.g. a region (docs/groups.md) */
} ivp_import_kind;

/* Called now and then during an import: bytes read so far of total. */
typedef void (*ivp_progress_fn)(void *ud, const char *file, uint64_t done,
				uint64_t total, int64_t rows);

typedef struct ivp_import_opts {
	const char *map_path; /* long CSV: source type code -> SoortMisdrijf mapping */
	int year;	      /* population lists without a period: the 1 January year */
	ivp_progress_fn progress;
	void *progress_ud;
	const char *user;	  /* who imports: the signed-in user, or the CLI's
				 * --user NAME / "os:ACCOUNT"; NULL or "": "unknown"
				 * (the library never guesses) */
	const char *file_name;	  /* the name to record and show for the first file,
				 * e.g. an upload's own name when paths[0] is the
				 * server's temporary copy; NULL: the path */
	int skip_unknown_regions; /* StatLine exports: leave out region names
					 * no code list knows (former gemeenten)
					 * instead of failing; they are counted */
	const char *match_names;  /* boundaries without codes: match each feature's
				  * name (BU_NAAM, WK_NAAM, naam, …) against the
				  * code list of the areas inside this gemeente
				  * (e.g. "GM0503"); ambiguous or unknown names
				  * are refused */
} ivp_import_opts;

typedef struct ivp_import_result {
	int64_t import_id; /* the new import, or the earlier one when `unchanged` */
	int unchanged;	   /* 1: same file (SHA-256) imported before; nothing written */
	char layout[64];   /* the layout recognised, e.g. "statline-csv" */
	char sha256[65];
	int64_t rows;		 /* facts/values/codes written */
	int64_t missing;	 /* cells CBS marks as missing ('.', 'x') */
	int64_t skipped;	 /* cells outside what ivp stores (e.g. other topics) */
	int64_t changed;	 /* facts an earlier import had with another value */
	int64_t same;		 /* facts already stored with this value */
	int64_t unknown_regions; /* regions left out (skip_unknown_regions) */
	char note[512];		 /* what the user should know, e.g. which regions */
} ivp_import_result;

/*
 * Import one file in one transaction. Paged OData JSON is the exception:
 * pass all pages in `paths` and they form one import (one transaction).
 * Every import is recorded (ivp_sources): kind, layout, file name, SHA-256,
 * options, rows and who. On any error nothing is written and the context's
 * error names file, line, column and field.
 */
IVP_WUR ivp_rc ivp_import(ivp_ctx *ctx, ivp_import_kind kind,
			  const char *const *paths, int npaths,
			  const ivp_import_opts *opts, ivp_import_result *out);

/* ------------------------------------------------------------------ */
/* Results                                                            */

typedef struct ivp_table ivp_table;

typedef enum ivp_cell_type {
	IVP_CELL_NULL = 0,
	IVP_CELL_INT,
	IVP_CELL_REAL,
	IVP_CELL_TEXT
} ivp_cell_type;

int ivp_table_ncols(const ivp_table *t);
int ivp_table_nrows(const ivp_table *t);
const char *ivp_table_colname(const ivp_table *t, int col);
/* Columns flagged "brief" make up the human-readable table. */
int ivp_table_col_brief(const ivp_table *t, int col);
/* Columns flagged "note" are shown under the human-readable table, per row. */
int ivp_table_col_note(const ivp_table *t, int col);
/* Digits after the decimal point for REAL cells in human output. */
int ivp_table_col_decimals(const ivp_table *t, int col);
ivp_cell_type ivp_table_cell_type(const ivp_table *t, int row, int col);
int64_t ivp_table_int(const ivp_table *t, int row, int col);
double ivp_table_real(const ivp_table *t, int row, int col);
/* Text of a TEXT cell (NULL for other types). */
const char *ivp_table_text(const ivp_table *t, int row, int col);
/* Free-text notes attached to the whole result (e.g. "no data: import …"). */
int ivp_table_nnotes(const ivp_table *t);
const char *ivp_table_note(const ivp_table *t, int i);
void ivp_table_free(ivp_table *t);
/*
 * Make every cell of column `name` NULL (what this reader may not see,
 * e.g. who imported a file, for an anonymous reader). Returns the number
 * of cells cleared; -1 when t has no such column.
 */
int ivp_table_blank(ivp_table *t, const char *name);

/* ------------------------------------------------------------------ */
/* Queries                                                            */

/*
 * One read snapshot around many queries: every call between begin and end
 * sees the same data, and on PostgreSQL what the snapshot has fetched of
 * an area is kept for the calls after it (a page of many indicators costs
 * one round trip per area, not one per query). Nested calls do nothing
 * (*opened = 0); a write inside ends the snapshot. For readers that make
 * many calls for one answer, such as a page. ivp_read_end cannot fail.
 */
IVP_WUR ivp_rc ivp_read_begin(ivp_ctx *ctx, int *opened);
void ivp_read_end(ivp_ctx *ctx, int opened);

/* Areas, optionally only those under `under` (any depth). Caller frees. */
IVP_WUR ivp_rc ivp_areas(ivp_ctx *ctx, const char *under, ivp_table **out);

/*
 * Comparison groups (docs/groups.md). name NULL: every stored group (group,
 * title, kind, members, source, import) and the derived ones, grootteklasse
 * and regio. A name: its members (code, name, level, population on
 * 1 January of `year`, 0: none); grootteklasse and regio are those of
 * `area` (a size class needs the year). Caller frees *out.
 */
IVP_WUR ivp_rc ivp_groups(ivp_ctx *ctx, const char *name, const char *area, int year,
			  const char *lang, ivp_table **out);

/*
 * The regional plan (docs/region-file.md): a region's plan (the region is a
 * comparison group of kind region, e.g. haaglanden) with its themes.
 * ivp_region_import reads a region file (YAML) in one import: the plan and
 * its themes replaced whole; the same file again changes nothing
 * (out->unchanged). On problems *problems (caller frees) lists them all
 * (file, line, column, field, message, detail, hint, code) and the
 * context's error holds the first.
 */
IVP_WUR ivp_rc ivp_region_import(ivp_ctx *ctx, const char *path, const ivp_import_opts *opts,
				 ivp_table **problems, ivp_import_result *out);
/* The themes of region's plan (NULL: the first regional plan by id), in
 * their order: region, title, from, to, source, order, theme,
 * theme_title, description (NULL: not given). IVP_ENOTFOUND: none. */
IVP_WUR ivp_rc ivp_region_show(ivp_ctx *ctx, const char *region, ivp_table **out);
/* The region side by side: for every theme (in order) and every
 * municipality of the region (by code), the priorities of its latest plan
 * that name the theme (regional_themes): theme, theme_title, area,
 * area_name, plan (NULL: no plan in ivp), plan_title, priority,
 * priority_title (NULL: no priority names the theme). One row per
 * priority; a municipality with none has one row. */
IVP_WUR ivp_rc ivp_region_priorities(ivp_ctx *ctx, const char *region, ivp_table **out);

/* Every import: id, kind, layout, file, SHA-256, rows, who, when. */
IVP_WUR ivp_rc ivp_sources(ivp_ctx *ctx, ivp_table **out);

typedef struct ivp_indicator_query {
	const char *area; /* area spec: a code, A+B, or buurten:GM1926 */
	int year;
	int baseline;		    /* 0: none */
	const char *const *compare; /* area specs to compare with */
	int ncompare;
	const char *indicator;	 /* NULL: the default set; else one key */
	int all_types;		 /* 1: add every single SoortMisdrijf code */
	int64_t small_threshold; /* counts below are flagged small; <0: default */
	double level;		 /* confidence level; 0: 0.95 */
	const char *lang;	 /* "nl" or "en" for verdict words; NULL: "en" */
} ivp_indicator_query;

/* The indicator table for one area and year. Caller frees *out. */
IVP_WUR ivp_rc ivp_indicators(ivp_ctx *ctx, const ivp_indicator_query *q,
			      ivp_table **out);

/*
 * One indicator (q->indicator, required) of q->area over the years
 * from..to in one call: the columns of ivp_indicators, one row per year
 * that has a count (ascending; years without one are left out), each with
 * its rate, interval, change on the year before and verdict, baseline and
 * comparisons as q asks. q->year is not used. Caller frees *out.
 */
IVP_WUR ivp_rc ivp_indicator_series(ivp_ctx *ctx, const ivp_indicator_query *q,
				    int from, int to, ivp_table **out);

typedef struct ivp_ranking_query {
	const char *under;	      /* rank the areas inside this one: a code or name (NL01: the country) */
	const char *level;	      /* "BU" (NULL), "WK" or "GM" */
	const char *indicator;	      /* an indicator key; NULL: "totaal" */
	int year;		      /* required */
	int64_t small_threshold;      /* counts below are flagged small; <0: default */
	double level_conf;	      /* confidence level; 0: 0.95 */
	const char *lang;	      /* "nl" or "en" for the words; NULL: "en" */
	int population_year;	      /* the population of 1 January of this year; 0: of `year` */
	int64_t min_population;	      /* fewer inhabitants: no rate, listed by count; 0: default */
	const char *const *reference; /* more areas whose areas of the level join the comparison */
	int nreference;
} ivp_ranking_query;

/*
 * The areas of q->level inside q->under (and inside each q->reference,
 * own = 0) ranked on one indicator for one year, highest rate first: rank,
 * code, name, count, population, per_1000 with its exact interval, small,
 * funnel (where the rate lies against the funnel limits: the pooled rate
 * of the ranked areas with the variation between areas estimated from the
 * data, docs/ranking.md) with the adjusted z and the 95% and 99.8% limits
 * for the area's population; and, for comparison only, the exact Poisson
 * rate ratio against all ranked areas together (vs_all), which ignores
 * that variation. One definition for every area (the police-code version
 * in force). Areas with fewer than q->min_population inhabitants follow
 * without a rate or rank, then those with a count but no population;
 * areas without a count are left out (a note says how many). A wijk
 * without its own population takes the sum of its buurten when each has
 * one (population_from_buurten). Caller frees *out.
 */
IVP_WUR ivp_rc ivp_ranking(ivp_ctx *ctx, const ivp_ranking_query *q, ivp_table **out);

/* The name of one area code ("Pijnacker-Nootdorp"); IVP_ENOTFOUND for an unknown code. */
IVP_WUR ivp_rc ivp_area_name(ivp_ctx *ctx, const char *code, char *name, size_t namesz);

/* The definitions table (all versions). Caller frees *out. */
IVP_WUR ivp_rc ivp_definitions(ivp_ctx *ctx, ivp_table **out);

/*
 * Make a new version of an indicator's police-code definition that sums
 * `codes` (comma-separated SoortMisdrijf codes, each must be loaded), e.g.
 * the high-impact crime set "hic". Earlier versions stay; outputs name the
 * version they used. *version receives the new version number.
 */
IVP_WUR ivp_rc ivp_definition_set(ivp_ctx *ctx, const char *key,
				  const char *codes, const char *note,
				  int *version);

typedef struct ivp_series_query {
	const char *area; /* area spec as above */
	const char *type; /* a SoortMisdrijf code or an indicator key */
	int from;	  /* YYYYMM */
	int to;		  /* YYYYMM */
} ivp_series_query;

/* Monthly counts from..to for an area and type/indicator. Caller frees. */
IVP_WUR ivp_rc ivp_series(ivp_ctx *ctx, const ivp_series_query *q,
			  ivp_table **out);

/* Default threshold below which a count is flagged small. */
#define IVP_SMALL_THRESHOLD_DEFAULT 10
/* Areas with fewer inhabitants are not ranked on a rate (docs/ranking.md). */
#define IVP_MIN_POPULATION_DEFAULT 500

/* What ivp_copy did and checked. */
typedef struct ivp_copy_result {
	int tables;    /* tables copied */
	int64_t rows;  /* rows copied, all tables together */
	int queries;   /* indicator and ranking queries compared on both */
	int64_t facts; /* crime counts (ivp sources' facts) in the copy */
} ivp_copy_result;

/*
 * Copy the whole database of `from` into the empty database of `to` (any
 * engine to any engine, e.g. SQLite to PostgreSQL): every table with its
 * ids, in one transaction of `to`, then verified: every table's number of
 * rows and a SHA-256 over its rows (numbers compared as numbers) equal on
 * both, and the indicator set of every gemeente for the newest year and
 * the ranking of its buurten, and of the gemeenten, the same JSON byte for
 * byte. Errors go into `to`'s error (ivp_last_error): IVP_EINPUT when `to`
 * holds data already, IVP_EDB "the copy differs" naming what differs.
 */
IVP_WUR ivp_rc ivp_copy(ivp_ctx *from, ivp_ctx *to, ivp_copy_result *res);

/* ================================================================== */
/* Rendering: results as bytes (src/render/)                          */
/* ================================================================== */

/* Flags for ivp_table_json. */
#define IVP_JSON_COMPACT 0u /* one line, no spaces (the HTTP API) */
#define IVP_JSON_PRETTY 1u  /* indented by two spaces (ivp --format json) */

/*
 * `t` as JSON: {"rows": [{column: value, …}, …], "notes": [text, …]}.
 * `cols` picks ncols column indexes in that order; NULL: every column.
 * INT cells are integers, REAL cells numbers (10 significant digits),
 * TEXT strings, NULL null. No trailing newline. Returns a NUL-terminated
 * string the caller frees with free(), or NULL when out of memory or a
 * column index is out of range.
 */
char *ivp_table_json(const ivp_table *t, const int *cols, int ncols, unsigned flags);

/* ================================================================== */
/* Plan: priorities, ambitions, goals, measures, budget, progress     */
/* (docs/plan-file.md, docs/progress-rules.md)                        */
/* ================================================================== */

/*
 * Check a plan file (YAML) without storing it. IVP_OK when valid. When not:
 * IVP_EINPUT, the first problem in the context's error and every problem
 * in *problems (columns file, line, column, field, message, detail, hint,
 * code);
 * the caller frees *problems (NULL when there are none).
 */
IVP_WUR ivp_rc ivp_plan_validate(ivp_ctx *ctx, const char *path,
				 ivp_table **problems);

typedef struct ivp_plan_result {
	int64_t version; /* the new version, or the current one when unchanged */
	int unchanged;	 /* 1: same plan as the latest version; nothing written */
	char plan_id[128];
	char summary[1024]; /* what changed, in one line */
} ivp_plan_result;

/*
 * Validate and store a plan file as a new version (one transaction; older
 * versions are kept), recorded as an import of kind "plan" (ivp_sources:
 * who, the file name, rows = priorities, goals, measures and budget years).
 * Of opts (may be NULL) only user ("unknown" when none) and file_name are
 * used. The same plan as the latest version changes nothing (unchanged).
 * Problems as in validate.
 */
IVP_WUR ivp_rc ivp_plan_import(ivp_ctx *ctx, const char *path, const ivp_import_opts *opts,
			       ivp_table **problems, ivp_plan_result *out);

/* A version (0: the latest) as canonical YAML. Caller frees *yaml with ivp_free(). */
IVP_WUR ivp_rc ivp_plan_export(ivp_ctx *ctx, int64_t version, char **yaml);
void ivp_free(void *p);

/* Every version: number, plan, kind, who, when, summary, source. Caller frees. */
IVP_WUR ivp_rc ivp_plan_history(ivp_ctx *ctx, ivp_table **out);

/* Field by field: change (added/removed/changed), path, value in v1, in v2. */
IVP_WUR ivp_rc ivp_plan_diff(ivp_ctx *ctx, int64_t v1, int64_t v2, ivp_table **out);

#define IVP_MEASURE_MAX_SPENT 8
#define IVP_MEASURE_MAX_OUTPUTS 8
typedef struct ivp_measure_change {
	const char *id;	    /* the measure's id */
	const char *status; /* planned/running/done/stopped; NULL: unchanged */
	const char *note;   /* text of the progress entry; may be NULL */
	const char *date;   /* YYYY-MM-DD of the entry; NULL: today (UTC) */
	const char *user;   /* who; NULL: "unknown" */
	int nspent;
	int spent_year[IVP_MEASURE_MAX_SPENT];
	const char *spent_amount[IVP_MEASURE_MAX_SPENT];   /* euros: "12000", "12000.50" */
	int noutputs;					   /* output figures recorded */
	const char *output_name[IVP_MEASURE_MAX_OUTPUTS];  /* one of the measure's outputs */
	int output_year[IVP_MEASURE_MAX_OUTPUTS];	   /* a year of the plan's period */
	const char *output_value[IVP_MEASURE_MAX_OUTPUTS]; /* as typed: "1.250", "12,5" (nl) */
} ivp_measure_change;

/* Record a measure's progress as a new plan version (a dated entry; status,
 * spending and output figures changed). An output figure names one of the
 * outputs the plan gives the measure (any year) and a year of the plan's
 * period; it replaces the figure of that name and year or adds it. Values
 * and amounts are read in the context's language (ivp_parse_figure,
 * ivp_parse_money); a refusal names its option (status, spent, output:
 * code unknown_output for the name, plan_year_outside_period for the year,
 * bad_measure_update for the value). */
IVP_WUR ivp_rc ivp_measure_update(ivp_ctx *ctx, const ivp_measure_change *u,
				  ivp_plan_result *out);

typedef enum ivp_progress_part {
	IVP_PROGRESS_GOALS = 0,	 /* per goal: latest value, expected, status, reason */
	IVP_PROGRESS_MEASURES,	 /* per measure: status, budget, spent */
	IVP_PROGRESS_PRIORITIES, /* per priority: counts of statuses, money */
	IVP_PROGRESS_BUDGET,	 /* the plan budget per year and in total */
	IVP_PROGRESS_NPARTS
} ivp_progress_part;

typedef struct ivp_progress_query {
	int year;	 /* the report year: latest values up to it; 0: this year */
	int64_t version; /* 0: the latest */
	double level;	 /* confidence level for engine intervals; 0: 0.95 */
} ivp_progress_query;

/* Progress of the plan (docs/progress-rules.md). Fills out[0..NPARTS-1]; the
 * caller frees each with ivp_table_free. */
IVP_WUR ivp_rc ivp_plan_progress(ivp_ctx *ctx, const ivp_progress_query *q,
				 ivp_table *out[IVP_PROGRESS_NPARTS]);

/*
 * Import locally registered values (CSV with the columns key, area, year,
 * value, unit, source, definition_version and optionally margin, name;
 * docs/plan-file.md). One import job as ivp_import's (kind "values"): one
 * transaction, recorded with who and file name; the same file again
 * changes nothing.
 */
IVP_WUR ivp_rc ivp_import_values(ivp_ctx *ctx, const char *path,
				 const ivp_import_opts *opts, ivp_import_result *out);

/*
 * The locally registered values of area (key NULL: every key), ordered by
 * key, year and unit: key, name, area, year, value, margin (null: not
 * known — never 0), lo, hi (value ± margin), unit, source,
 * definition_version, import. An empty table when there are none.
 */
IVP_WUR ivp_rc ivp_values(ivp_ctx *ctx, const char *area, const char *key, ivp_table **out);

/* ================================================================== */
/* Participation and the priority matrix (src/plan/participation*.c,  */
/* docs/participation.md)                                             */
/* ================================================================== */

typedef enum ivp_pt_file {
	IVP_PT_TRAJECTORY = 0, /* trajectory,plan,title,aims,illustration */
	IVP_PT_ACTIVITIES,     /* trajectory,activity,kind,date,place,wijk,organisations,participants,report,illustration */
	IVP_PT_INPUTS,	       /* activity,ref,statement,themes,wijk,route,target,reason */
	IVP_PT_MATRIX,	       /* kind,theme,criterion,value,text,text2 */
	IVP_PT_EVALUATION      /* plan,kind,id,priority,theme,title,direction,unit,baseline,target,result,margin,budget,spent,done,text,illustration */
} ivp_pt_file;

/*
 * Import one participation file (CSV) through the import job: one
 * transaction, recorded as kind "participation-…", file:line:field errors
 * (an unknown theme, an unknown wijk, a number of participants that is not
 * a number, …) with nothing stored, the same file again "unchanged".
 */
IVP_WUR ivp_rc ivp_import_participation(ivp_ctx *ctx, ivp_pt_file kind, const char *path,
					const ivp_import_opts *opts, ivp_import_result *out);

/*
 * A table of the participation trajectory `trajectory` (NULL: the first)
 * in lang ("nl", "en"; NULL: nl). what:
 *   "trajectories" every trajectory with its counts;
 *   "activities"   its activities (participants suppressed: "< 5");
 *   "inputs"       every input with what was done with it (not public:
 *                  statements; a note names those without a route yet);
 *   "themes"       inputs per theme and wijk with the totals, suppressed
 *                  (count NULL, shown "< 5" or "afgeschermd");
 *   "routes"       per theme what was done with its inputs (suppressed);
 *   "themelist"    the themes inputs can be tagged with;
 *   "matrix"       the priority matrix: scores per criterion with their
 *                  source, total, rank, the choice;
 *   "sensitivity"  each theme's rank and its range over the weight variants.
 * IVP_EINPUT for an unknown what or trajectory.
 */
IVP_WUR ivp_rc ivp_participation(ivp_ctx *ctx, const char *what, const char *trajectory,
				 const char *lang, ivp_table **out);

/*
 * The evaluation of the plan plan_id (a predecessor, imported with
 * ivp_import_participation IVP_PT_EVALUATION) in lang: per goal its result
 * against its target with the verdict — achieved, not achieved, not
 * measurable (no result, or worse than the target but within the margin) —
 * and why; per measure whether it was carried out and its spending against
 * its budget; the evaluators' conclusions per priority. IVP_EINPUT: no
 * evaluation of that plan.
 */
IVP_WUR ivp_rc ivp_plan_evaluate(ivp_ctx *ctx, const char *plan_id, const char *lang, ivp_table **out);

/* ================================================================== */
/* Reports: the account to the council (src/report/, docs/report.md)  */
/* ================================================================== */

typedef enum ivp_report_format {
	IVP_REPORT_PDF = 0, /* A4, fonts embedded, outline, links, page numbers */
	IVP_REPORT_HTML,    /* the same content, accessible tables, print style sheet */
	IVP_REPORT_XLSX	    /* every table of the report, numbers as numbers */
} ivp_report_format;

typedef struct ivp_report_opts {
	const char *kind; /* "voortgang" (NULL); "veiligheidsbeeld", "raadsvoorstel" */
	const char *area; /* NULL: the plan's municipality (veiligheidsbeeld: any) */
	int year;	  /* 0: the last complete year with data, inside the plan period */
	ivp_report_format format;
	const char *lang;   /* "nl" (NULL) or "en" */
	const char *date;   /* the report date YYYY-MM-DD; NULL: the day of the newest
				 * import or plan version (never the clock) */
	const char *output; /* NULL: rapport-<kind>-<area>-<year>.<ext> here */
} ivp_report_opts;

typedef struct ivp_report_result {
	char path[1024]; /* the file written */
	char kind[32];
	char area[16];
	int year;
	char date[16];
	char status[16]; /* "concept" (texts missing), "compleet" or "definitief" */
	int missing;	 /* required texts without a version */
} ivp_report_result;

/*
 * Write one report. The same database and options give the same bytes.
 * The file appears whole or not at all: it is written to a temporary file
 * in the same directory and renamed. IVP_EINPUT for an unknown kind, a
 * year without a plan or before any data, another area than the plan's, a
 * bad date; IVP_ENOTFOUND without a plan; IVP_EIO when the file cannot be
 * written (the message names it).
 */
IVP_WUR ivp_rc ivp_report(ivp_ctx *ctx, const ivp_report_opts *o, ivp_report_result *out);

/*
 * A batch (src/report/batch.c): the report of many gemeenten in one run,
 * one file per gemeente, rapport-<kind>-<area>-<year>.<ext> in dir (the
 * safety picture: a region's or a province's set). o->kind NULL means
 * veiligheidsbeeld, the only kind a batch writes (a progress report and a
 * council proposal account for the one plan); o->area and o->output must
 * be NULL. areas NULL (nareas 0): every gemeente of the code lists with a
 * population, those without registered crime in the year left out (named
 * through left_out); a given list is taken strictly (any error fails the
 * batch). All files or none: they are staged in a hidden directory inside
 * dir and renamed only when every report is complete; written() is then
 * called once per file, in the order of the list.
 */
typedef struct ivp_report_batch_opts {
	const char *const *areas;
	int nareas;
	const char *dir; /* NULL: "." */
	void (*written)(void *ud, const ivp_report_result *r);
	void (*left_out)(void *ud, const char *area, const ivp_error *why);
	void *ud;
} ivp_report_batch_opts;

IVP_WUR ivp_rc ivp_report_batch(ivp_ctx *ctx, const ivp_report_opts *o, const ivp_report_batch_opts *b);

/*
 * The same report into memory: *data (malloc'd, the caller frees it with
 * ivp_free) of *len bytes; o->output is ignored (a temporary file in
 * $TMPDIR or /tmp is written and removed). out->path is the file name the
 * report would have (rapport-<kind>-<area>-<year>.<ext>).
 */
IVP_WUR ivp_rc ivp_report_bytes(ivp_ctx *ctx, const ivp_report_opts *o, char **data, size_t *len,
				ivp_report_result *out);

/*
 * The narrative texts of a report (docs/report.md "Texts"): per report
 * (kind, area, year as in ivp_report_opts; format, date and output are not
 * used) a key per text — "inleiding"; voortgang: "prioriteit:<id>" per
 * priority (or its letter, "prioriteit:b"), "doel:<id>" per goal;
 * raadsvoorstel: "beoogd-resultaat", "argumenten", "kanttekeningen".
 * Every save is a new version with who saved it (user: the signed-in
 * user, the CLI's --user or "os:ACCOUNT"; NULL: "unknown"); nothing is
 * overwritten. IVP_EINPUT for an unknown key (code report_unknown_text),
 * an empty or bad text (report_bad_text), and whatever ivp_report refuses.
 */
typedef struct ivp_report_text_result {
	char key[160];	 /* canonical */
	char label[160]; /* in o->lang: "Toelichting bij prioriteit b" */
	int64_t version;
	char kind[32];
	char area[16];
	int year;
	int final; /* the report is definitief: this version does not change it */
} ivp_report_text_result;

IVP_WUR ivp_rc ivp_report_text_set(ivp_ctx *ctx, const ivp_report_opts *o, const char *key,
				   const char *body, const char *user, ivp_report_text_result *out);
/* Every text the report has: key, label, required, status ("aanwezig" /
 * "ontbreekt", en "present" / "missing"), version, author, saved_at
 * (UTC), body (NULL when missing). */
IVP_WUR ivp_rc ivp_report_texts(ivp_ctx *ctx, const ivp_report_opts *o, ivp_table **out);
/* Every version of one text, oldest first: version, author, saved_at, body. */
IVP_WUR ivp_rc ivp_report_text_history(ivp_ctx *ctx, const ivp_report_opts *o, const char *key,
				       ivp_table **out);

typedef struct ivp_report_final {
	char kind[32];
	char area[16];
	int year;
	char date[16];	 /* the report's date, from the data (or o->date) */
	char sha256[65]; /* of the snapshot */
} ivp_report_final;

/*
 * Mark a report definitief: its models (nl and en) are stored as one
 * snapshot with its SHA-256, and from then on ivp_report renders it from
 * the snapshot, the same bytes whatever is imported or edited later.
 * IVP_EINPUT: the report is a concept (code report_concept; the detail
 * names the missing texts) or already definitief (report_already_final).
 */
IVP_WUR ivp_rc ivp_report_finalize(ivp_ctx *ctx, const ivp_report_opts *o, const char *user,
				   ivp_report_final *out);

/* The reports there are: kind, area, year, status ("concept", "compleet",
 * "definitief"), missing (required texts without a version), final_date
 * (NULL unless definitief) — the progress reports of the plan's years
 * with data, the council proposal of its adoption year, the safety
 * picture of the municipality's years with data (lang: the words of the
 * texts; NULL "nl"). */
IVP_WUR ivp_rc ivp_reports(ivp_ctx *ctx, const char *lang, ivp_table **out);

/* ================================================================== */
/* Users and sessions (src/auth/, docs/security.md)                   */
/* ================================================================== */

typedef enum ivp_role {
	IVP_ROLE_NONE = 0, /* not a role: anonymous */
	IVP_ROLE_VIEWER,   /* council: reads what is not public */
	IVP_ROLE_PARTNER,  /* partners: reads as a viewer; updates its organisation's measures */
	IVP_ROLE_EDITOR,   /* policy staff: imports, plan and measure updates */
	IVP_ROLE_ADMIN	   /* everything an editor may, and users */
} ivp_role;

/* "viewer", "partner", "editor", "admin" ("" for IVP_ROLE_NONE). */
const char *ivp_role_name(ivp_role r);
/* The role named s; IVP_ROLE_NONE when s names none. */
ivp_role ivp_role_parse(const char *s);

#define IVP_PASSWORD_MIN 10 /* characters (bytes) a password needs at least */
#define IVP_PASSWORD_MAX 1024

/*
 * Add a user. The password is hashed with argon2id (libsodium
 * crypto_pwhash_str); it is neither stored nor kept. Names are 1-63 of
 * A-Z a-z 0-9 . _ - @. IVP_EINPUT when the name, role or password is not
 * acceptable or the user exists.
 */
IVP_WUR ivp_rc ivp_user_add(ivp_ctx *ctx, const char *name, ivp_role role,
			    const char *password);
/* As ivp_user_add, and a member of organisation org (NULL: the default),
 * the user, the membership and their audit entries in one transaction. */
IVP_WUR ivp_rc ivp_user_add_in(ivp_ctx *ctx, const char *name, ivp_role role,
			       const char *password, const char *org);
/* As ivp_user_add_in, and bound to a municipality or region (a GM code or
 * a region's name; NULL or "": not bound, the deployment's own;
 * docs/tenancy.md). Refused (municipality_not_managed) when the operator,
 * ctx's actor, is an administrator bound elsewhere, and
 * (org_not_in_municipality) when org does not work for that binding
 * (ivp_org_works_for). */
IVP_WUR ivp_rc ivp_user_add_at(ivp_ctx *ctx, const char *name, ivp_role role,
			       const char *password, const char *org, const char *municipality);
/* The municipality or region user is bound to ("" none) into out. */
IVP_WUR ivp_rc ivp_user_municipality(ivp_ctx *ctx, const char *user, char out[64]);
/* Bind user to a municipality or region ("" none), with its audit entry
 * (user.municipality); the region administrator's rule as ivp_user_add_at. */
IVP_WUR ivp_rc ivp_user_municipality_set(ivp_ctx *ctx, const char *user, const char *code);
/* *covers = 1 when a user bound to `bound` may see the non-public data of
 * municipality `target`: the same code; a region (bound) and one of its
 * members or itself; bound "" stands for the deployment's first
 * municipality (ivp_default_municipality). */
IVP_WUR ivp_rc ivp_municipality_covers(ivp_ctx *ctx, const char *bound, const char *target, int *covers);
/* The deployment's first municipality — that of its earliest plan version
 * naming one — into out ("" when no plan names one): what the public pages
 * show without ?gemeente=. */
IVP_WUR ivp_rc ivp_default_municipality(ivp_ctx *ctx, char out[64]);
/* The municipality an area code lies in: GM1926 for GM1926, WK192601 and
 * BU19260101; "" (returns 0) for anything else (NL01, a region). */
int ivp_area_municipality(const char *area, char out[16]);
/* A new password; every session of the user ends. IVP_ENOTFOUND: no such user. */
IVP_WUR ivp_rc ivp_user_passwd(ivp_ctx *ctx, const char *name, const char *password);
/* Remove a user and their sessions. IVP_ENOTFOUND: no such user. */
IVP_WUR ivp_rc ivp_user_remove(ivp_ctx *ctx, const char *name);
/* Every user: name, role, created_at, updated_at, sessions. Caller frees. */
IVP_WUR ivp_rc ivp_users(ivp_ctx *ctx, ivp_table **out);

/* ================================================================== */
/* Organisations and membership (src/auth/org.c, docs/security.md)    */
/* ================================================================== */

#define IVP_ORG_DEFAULT "gemeente" /* the municipality: every user without another */
#define IVP_ORG_ID_MAX 32	   /* bytes of an organisation id with its NUL */
#define IVP_MEASURE_MAX_PARTNERS 16

/*
 * Add an organisation (id: 1-31 of a-z 0-9 - _, such as "politie"; name
 * shown; kind such as "police", may be NULL), or give an existing one a new
 * name and kind (kind NULL: it keeps its kind; *updated = 1; updated may be
 * NULL). IVP_EINPUT for a bad id, name or kind.
 */
IVP_WUR ivp_rc ivp_org_add(ivp_ctx *ctx, const char *id, const char *name, const char *kind,
			   int *updated);
/* Remove an organisation. IVP_EINPUT (code org_in_use) when it is the
 * default, has members or is named by the latest plan version; code
 * unknown_org when there is none. */
IVP_WUR ivp_rc ivp_org_remove(ivp_ctx *ctx, const char *id);
/* As ivp_org_add, and the organisation works for the municipalities or
 * regions of the comma list municipalities ("GM1926,GM0503"; NULL: none
 * added), in the same transaction (docs/tenancy.md). Refused
 * (municipality_not_managed) for a code the operator, ctx's actor, does
 * not cover when it is an administrator bound to a municipality or
 * region; such an operator adds an organisation without a list only when
 * it covers the deployment's first municipality. */
IVP_WUR ivp_rc ivp_org_add_at(ivp_ctx *ctx, const char *id, const char *name, const char *kind,
			      const char *municipalities, int *updated);
/* Let organisation id work for the municipalities or regions of the comma
 * list (remove 0), or no longer (remove 1: IVP_EINPUT,
 * org_not_in_municipality, for one it does not work for), with the audit
 * entry org.municipality; all or nothing. The operator rule as
 * ivp_org_add_at. An organisation without any works for the deployment's
 * first municipality; the default organisation (gemeente) is every
 * municipality's own. */
IVP_WUR ivp_rc ivp_org_municipalities_set(ivp_ctx *ctx, const char *id, const char *municipalities,
					  int remove);
/* *yes = 1 when organisation org works for target (a GM code or region;
 * "" the deployment's first): the default organisation always; one
 * without municipalities for the first; else one of its own, or a region
 * of its own that has target as a member. */
IVP_WUR ivp_rc ivp_org_works_for(ivp_ctx *ctx, const char *org, const char *target, int *yes);
/* Every organisation: organisation, name, org_kind, members, works_for
 * (its municipalities, or what it works for without any, in ctx's
 * language). Caller frees. */
IVP_WUR ivp_rc ivp_orgs(ivp_ctx *ctx, ivp_table **out);
/* Make user a member of org (one organisation per user). IVP_EINPUT:
 * unknown organisation; IVP_ENOTFOUND: no such user. */
IVP_WUR ivp_rc ivp_user_org_set(ivp_ctx *ctx, const char *user, const char *org);
/* The organisation of user into org: its membership, else IVP_ORG_DEFAULT. */
IVP_WUR ivp_rc ivp_user_org(ivp_ctx *ctx, const char *user, char org[IVP_ORG_ID_MAX]);
/* Every user with their organisation: name, role, organisation,
 * created_at, updated_at, sessions, works_for (the binding: a GM code,
 * "region NAME", or the deployment's own, in ctx's language). Caller frees. */
IVP_WUR ivp_rc ivp_members(ivp_ctx *ctx, ivp_table **out);

/* The organisations of a measure of the latest plan version. */
typedef struct ivp_measure_org {
	char owner[IVP_ORG_ID_MAX];
	int npartners;
	char partners[IVP_MEASURE_MAX_PARTNERS][IVP_ORG_ID_MAX];
} ivp_measure_org;

/* The owner and partners of measure. IVP_ENOTFOUND (code unknown_measure):
 * no plan, or no such measure in it. */
IVP_WUR ivp_rc ivp_measure_orgs(ivp_ctx *ctx, const char *measure, ivp_measure_org *out);
/* 1 when org owns or shares the measure, else 0. */
int ivp_measure_org_shares(const ivp_measure_org *m, const char *org);

#define IVP_SESSION_SECONDS 28800 /* a session lasts this long: 8 hours */
#define IVP_SIGNIN_MAX_FAILS 5	  /* failed sign-ins of a name from an address, or from an address … */
#define IVP_SIGNIN_WINDOW 900	  /* … in this many seconds (15 minutes), then a delay (429) */
#define IVP_SIGNIN_DELAY 30	  /* the first delay, doubled with each failure after it */
#define IVP_USER_SESSIONS 10	  /* live sessions a user may have; a new one ends the oldest */

typedef struct ivp_session {
	char user[64];
	ivp_role role;
	char token[48];	 /* the cookie value: 32 random bytes, base64url; a secret */
	char csrf[48];	 /* the CSRF token bound to this session; a secret */
	int64_t expires; /* Unix time */
} ivp_session;

typedef enum ivp_signin_status {
	IVP_SIGNIN_OK = 0,  /* *session holds the new session */
	IVP_SIGNIN_DENIED,  /* unknown name or wrong password (not said which) */
	IVP_SIGNIN_LIMITED, /* too many failures: try again after *retry_after s */
	IVP_SIGNIN_TOTP,    /* the password is right; the second factor (a TOTP code)
			     * is missing or wrong */
	IVP_SIGNIN_ENROLL   /* the password is right, but the user must have a second
			     * factor and has none: ivp user totp NAME */
} ivp_signin_status;

/* What a sign-in gives (ivp_signin). */
typedef struct ivp_signin_req {
	const char *name;
	const char *password;
	const char *totp;   /* the 6-digit code of the second factor, or NULL */
	const char *client; /* the client's address, or NULL */
} ivp_signin_req;

/*
 * Sign in (see ivp_session_start) with the second factor: a user with a
 * TOTP secret, and every admin, needs req->totp (RFC 6238, 30 s steps,
 * one step of clock drift either way, each step once).
 */
IVP_WUR ivp_rc ivp_signin(ivp_ctx *ctx, const ivp_signin_req *req, ivp_session *session,
			  ivp_signin_status *status, int *retry_after);

/*
 * Enrol a user for the second factor: a new random TOTP secret (160 bits)
 * is stored and returned as an otpauth:// URI (for an authenticator app)
 * in uri (caller frees with free()); sign-in requires it from then on.
 * `issuer` names the service in the app (NULL: "ivp"). IVP_ENOTFOUND: no
 * such user.
 */
IVP_WUR ivp_rc ivp_user_totp_enroll(ivp_ctx *ctx, const char *name, const char *issuer, char **uri);
/* Remove a user's second factor (not allowed for an admin: IVP_EINPUT). */
IVP_WUR ivp_rc ivp_user_totp_remove(ivp_ctx *ctx, const char *name);
/* The TOTP code (6 digits) of base32 `secret` at Unix time t; -1 when the secret is malformed. */
int ivp_totp_code(const char *secret, int64_t t, char code[7]);

/*
 * Sign in: check the rate limit for `name` and for `client` (an address;
 * NULL: none), then the password, and record the attempt. On success a
 * new session is stored (only the hash of its token) and returned in
 * *session. The result is in *status; the return value is an error only
 * when the database fails. A refused attempt takes as long as a good one.
 */
IVP_WUR ivp_rc ivp_session_start(ivp_ctx *ctx, const char *name, const char *password,
				 const char *client, ivp_session *session,
				 ivp_signin_status *status, int *retry_after);
/*
 * The live session of a cookie value: *valid 1 and *session filled (token
 * and csrf too), or *valid 0 when there is none (unknown, malformed or
 * expired token).
 */
IVP_WUR ivp_rc ivp_session_check(ivp_ctx *ctx, const char *token, ivp_session *session,
				 int *valid);
/* End the session of a cookie value (no error when there is none). */
IVP_WUR ivp_rc ivp_session_end(ivp_ctx *ctx, const char *token);
/*
 * 1 when `given` equals the session's CSRF token `expected`, compared in
 * constant time (sodium_memcmp); 0 otherwise, also for NULL or "".
 */
int ivp_csrf_equal(const char *expected, const char *given);

/* ================================================================== */
/* Boundaries: area polygons for maps (src/geo/, docs/data-formats.md) */
/* ================================================================== */

/*
 * The stored boundaries of the areas of `level` ("GM", "WK", "BU"; NULL:
 * any) under `under` (any depth; NULL: everywhere), ordered by code.
 * Columns: code, name, level, minx, miny, maxx, maxy (RD New metres),
 * npoints, geom — the simplified rings as "x,y x,y …;x,y …" in integer
 * RD New metres (y grows northwards). No rows when none are imported
 * (ivp import boundaries). Caller frees *out.
 */
IVP_WUR ivp_rc ivp_boundaries(ivp_ctx *ctx, const char *under, const char *level,
			      ivp_table **out);

#ifdef __cplusplus
}
#endif
#endif /* IVP_IVP_H */
