/*
 * store.h — the door to storage: one function per engine operation, and
 * the record types they take.
 *
 * Callers (ingest/, stats/, plan/, auth/, geo/) talk to storage only
 * through these functions (and those of plan_store.h, auth_store.h,
 * geo_store.h), as SQLite's sqlite3OsRead() wraps pMethods->xRead. Each
 * calls the engine of the context's database (engine.h, private to
 * store/) and turns its failure into the context's ivp_error once:
 *
 *   IVP_OK        success;
 *   IVP_ENOTFOUND only where a function says so ("not found"): ctx->err is
 *                 NOT touched, the caller writes its own specific message;
 *   IVP_EDB       "database error", the engine's message as detail;
 *   IVP_ENOMEM    "out of memory": the engine (or its library) ran out, or
 *                 a row callback returned nonzero (callbacks fail only for
 *                 want of memory; one that fails for another reason records
 *                 its own error and checks for it after the call).
 *
 * On success nothing is formatted: fact_put and year_counts stay one
 * indirect call on the import and query paths.
 *
 * Writes happen between ivp__store_begin() and ivp__store_commit();
 * ivp__store_rollback() undoes them all. An import is exactly one such
 * transaction. The conformance suite tests/store/ runs every function of
 * this door on every engine.
 */
#ifndef IVP_STORE_H
#define IVP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "ivp/ivp.h"

/* An engine's connection (engine.h); callers hold only the context. */
typedef struct ivp__store ivp__store;
/* The plan's storage: store/plan_store.h. Users, sessions and sign-in
 * attempts: store/auth_store.h. Area boundaries: store/geo_store.h. */

typedef struct ivp__import_rec {
	const char *kind; /* "crime", "population", "codes", "long", "boundaries" */
	const char *layout;
	const char *file_name;
	const char *sha256;
	const char *options; /* what else defines the import, e.g. "map=<sha>" */
	const char *user;
} ivp__import_rec;

/* Result of writing one fact. */
enum {
	IVP__PUT_NEW = 0,      /* key was not there */
	IVP__PUT_SAME = 1,     /* there with this value (from an earlier import) */
	IVP__PUT_CHANGED = 2,  /* there from an earlier import; value replaced */
	IVP__PUT_DUP_SAME = 3, /* written earlier in this import, same value */
	IVP__PUT_DUP_DIFF = 4  /* written earlier in this import, other value */
};

/* One crime type's yearly count for an area (see year_counts). */
typedef struct ivp__type_count {
	const char *code;  /* in: a type code */
	int has;	   /* out: 1 when data exists for the year */
	int64_t count;	   /* out */
	int from_months;   /* out: 1 when summed from 12 monthly rows */
	int provisional;   /* out */
	int64_t import_id; /* out: the latest import behind the figure */
} ivp__type_count;

typedef struct ivp__indicator_def {
	char key[48];
	int version;
	char classification[8]; /* "police" or "cbs" */
	char kind[8];		/* "bbv", "total", "hic", "type" */
	char name_nl[128];
	char name_en[128];
	char codes[512];	  /* comma-separated type codes summed */
	int per;		  /* rate per this many inhabitants */
	char population_group[8]; /* "total" or "12-17" */
	char source_tables[128];  /* where to get the data, e.g. "47013NED" */
	char note[512];
} ivp__indicator_def;

typedef int (*ivp__row_cb)(void *ud, const char *const *cols, int ncols);
/* The most columns a row callback is handed; an engine fails a statement
 * with more rather than cut its row short. */
#define IVP__ROW_MAXCOLS 64

/* One area's figures for a year (see level_years). */
typedef struct ivp__area_year {
	const char *code, *name;
	ivp__type_count *types; /* as year_counts fills them */
	int ntypes;
	int has_pop;
	int64_t pop, pop_import;
} ivp__area_year;

/* ---- the door ------------------------------------------------------------
 * Every function acts on ctx's database; results as at the top of this file.
 */

/* A number that changes whenever another connection (or process) commits
 * to the database (the HTTP response cache's validator; ivp_data_version).
 * IVP_EINPUT when the engine cannot tell. */
ivp_rc ivp__store_data_version(ivp_ctx *ctx, int64_t *version) IVP_WUR;
/* Where the database stands in replication (ivp_replication in ivp.h):
 * *standby 1 on a read replica; *lsn the position of its log (a primary:
 * written; a standby: replayed; 0 when the engine has no log); *age the
 * seconds since the last transaction a standby replayed (0 on a primary). */
ivp_rc ivp__store_replication(ivp_ctx *ctx, int *standby, int64_t *lsn, double *age) IVP_WUR;

/* Transactions. begin opens a write transaction; commit makes it durable;
 * rollback undoes every write since begin (nothing when none is open).
 * ivp__store_abort is rollback on an error path: it keeps the error already
 * in ctx->err whatever the rollback says (its own failure is dropped). */
ivp_rc ivp__store_begin(ivp_ctx *ctx) IVP_WUR;
ivp_rc ivp__store_commit(ivp_ctx *ctx) IVP_WUR;
ivp_rc ivp__store_rollback(ivp_ctx *ctx) IVP_WUR;
void ivp__store_abort(ivp_ctx *ctx);
/* A read snapshot around many queries (consistent, and one lock instead of
 * one per query); inside an open transaction nothing happens. *opened tells
 * read_end whether this call opened it. read_end cannot fail. */
ivp_rc ivp__store_read_begin(ivp_ctx *ctx, int *opened) IVP_WUR;
void ivp__store_read_end(ivp_ctx *ctx, int opened);

/* Imports. find: the finished import of this identity (kind, file hash,
 * options; NULL options is ""), its id and start time (UTC, ISO 8601:
 * "2024-01-31T12:00:00Z"); IVP_ENOTFOUND when none (unfinished imports
 * do not count). add: a new import (r->user NULL: "unknown"), *id its number.
 * finish: its row counts and end time; sha256 the file's hash when it was
 * not known at add (hashed while the rows were read), or NULL. */
ivp_rc ivp__store_import_find(ivp_ctx *ctx, const char *kind, const char *sha256,
			      const char *options, int64_t *id, char when[32]) IVP_WUR;
ivp_rc ivp__store_import_add(ivp_ctx *ctx, const ivp__import_rec *r, int64_t *id) IVP_WUR;
ivp_rc ivp__store_import_finish(ivp_ctx *ctx, int64_t id, int64_t rows, int64_t missing,
				int64_t skipped, const char *sha256) IVP_WUR;

/* Code lists (upserts; an unchanged row keeps its import_id). area_put also
 * records the name for ivp__store_area_by_name; parent NULL keeps the one
 * stored. type_put also defines the single-code indicator (version 1). */
ivp_rc ivp__store_area_put(ivp_ctx *ctx, const char *code, const char *name,
			   const char *level, const char *parent, int64_t import_id) IVP_WUR;
/* By name, among gemeenten and larger regions only (StatLine exports name
 * those; wijk and buurt names repeat across the country). The area of the
 * highest level of that name into code; *ambiguous = 1 when several areas
 * of that level have it. IVP_ENOTFOUND: none. */
ivp_rc ivp__store_area_by_name(ivp_ctx *ctx, const char *name, char code[16],
			       int *ambiguous) IVP_WUR;
/* name, level, parent (each may be NULL; "" when the area has none).
 * IVP_ENOTFOUND: no such area. */
ivp_rc ivp__store_area_get(ivp_ctx *ctx, const char *code, char name[256], char level[4],
			   char parent[16]) IVP_WUR;
ivp_rc ivp__store_type_put(ivp_ctx *ctx, const char *classification, const char *code,
			   const char *title, int64_t import_id) IVP_WUR;
/* By the title as written in exports (case-insensitive). IVP_ENOTFOUND: none. */
ivp_rc ivp__store_type_by_title(ivp_ctx *ctx, const char *title, char code[16]) IVP_WUR;
/* title may be NULL. IVP_ENOTFOUND: no such crime type. */
ivp_rc ivp__store_type_get(ivp_ctx *ctx, const char *code, char title[256]) IVP_WUR;
ivp_rc ivp__store_period_put(ivp_ctx *ctx, int period, const char *title,
			     const char *status, int64_t import_id) IVP_WUR;

/* One count of (area, type, period); *result one of IVP__PUT_*. A period
 * without a slot (see series.h), a negative count or a year outside
 * 1900-2199: IVP_EDB. IVP_ENOTFOUND: the area or type code is unknown. */
ivp_rc ivp__store_fact_put(ivp_ctx *ctx, const char *area, const char *type, int period,
			   int64_t count, int provisional, int64_t import_id,
			   int *result) IVP_WUR;
/* Population of an area on 1 January of year for an age group ("total",
 * "12-17"); *result as for facts. IVP_ENOTFOUND: the area is unknown. */
ivp_rc ivp__store_pop_put(ivp_ctx *ctx, const char *area, int year, const char *group,
			  int64_t count, int64_t import_id, int *result) IVP_WUR;

/* The yearly count of each types[i].code for area: from YYYYJJ00 when
 * given, else summed from the 12 months when all are there (from_months);
 * has 0 when neither. An unknown area or type gives has 0, not an error. */
ivp_rc ivp__store_year_counts(ivp_ctx *ctx, const char *area, int year,
			      ivp__type_count *types, int ntypes) IVP_WUR;
/* IVP_ENOTFOUND: no figure for that area, 1 January and group. */
ivp_rc ivp__store_population(ivp_ctx *ctx, const char *area, int year, const char *group,
			     int64_t *count, int64_t *import_id) IVP_WUR;
/* *has = 1 when area has a count in year of a type of the classification. */
ivp_rc ivp__store_has_classification(ivp_ctx *ctx, const char *area, int year,
				     const char *classification, int *has) IVP_WUR;
/*
 * Every area of `level` inside `under` (any depth) with its yearly counts
 * for the type codes of `types` (in: code, at most 64; out as year_counts)
 * and its population (`group`) on 1 January of `pop_year` (a ranking
 * may use another year's population, explicitly), in one pass: cb once
 * per area, ordered by code. For rankings of thousands of areas, where
 * one query per area would dominate.
 */
ivp_rc ivp__store_level_years(ivp_ctx *ctx, const char *under, const char *level, int year,
			      int pop_year, const char *group, ivp__type_count *types, int ntypes,
			      int (*cb)(void *ud, const ivp__area_year *a), void *ud) IVP_WUR;
/* rows: code — the areas of `level` under `parent` (any depth), by code */
ivp_rc ivp__store_areas_under(ivp_ctx *ctx, const char *parent, const char *level,
			      ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: code, name, level, parent, population (latest), pop_year — every
 * area (under NULL; by level, then code) or those under `under` (by code) */
ivp_rc ivp__store_areas_list(ivp_ctx *ctx, const char *under, ivp__row_cb cb,
			     void *ud) IVP_WUR;
/* rows: id, kind, layout, file_name, sha256, options, rows, missing,
 * skipped, imported_by, started_at, finished_at — finished imports by id */
ivp_rc ivp__store_sources_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: period, count, import_id for the month periods from..to (none for
 * an unknown area or type) */
ivp_rc ivp__store_month_counts(ivp_ctx *ctx, const char *area, const char *type, int from,
			       int to, ivp__row_cb cb, void *ud) IVP_WUR;
/* Every definition version (latest_only: only the newest of each key and
 * classification), total, bbv, hic first, then by key. */
ivp_rc ivp__store_defs_list(ivp_ctx *ctx, int latest_only,
			    int (*cb)(void *ud, const ivp__indicator_def *d), void *ud) IVP_WUR;
/* A new version of a definition (key, version new). */
ivp_rc ivp__store_def_add(ivp_ctx *ctx, const ivp__indicator_def *d) IVP_WUR;
/* rows: code, title — the crime types of a classification, in import order */
ivp_rc ivp__store_types_list(ivp_ctx *ctx, const char *classification, ivp__row_cb cb,
			     void *ud) IVP_WUR;
/* Number of counts held, areas, population rows, crime types (for tests
 * and `ivp sources`). */
ivp_rc ivp__store_counts(ivp_ctx *ctx, int64_t *facts, int64_t *areas, int64_t *pops,
			 int64_t *types) IVP_WUR;

#endif /* IVP_STORE_H */
