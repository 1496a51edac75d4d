/*
 * store.h — the one storage interface, a table of functions.
 *
 * Callers (ingest/, stats/, the public API) talk to storage only through
 * `ivp__store_ops`; each engine lives in its own directory (sqlite/, later
 * pg/) and is the only place with SQL of its dialect. Every function
 * returns 0 on success and -1 on failure with a message in
 * ivp__store_errmsg(); lookups return 1 for "not found" where noted.
 *
 * Writes happen between begin() and commit(); rollback() undoes them all.
 * An import is exactly one such transaction.
 */
#ifndef IVP_STORE_H
#define IVP_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ivp__store ivp__store;
/* The plan's storage functions (plan/ uses them): store/plan_store.h. */
struct ivp__plan_ops;
/* Users, sessions and sign-in attempts (auth/ uses them): store/auth_store.h. */
struct ivp__auth_ops;
/* Area boundaries (ingest/boundaries.c, geo/): store/geo_store.h. */
struct ivp__geo_ops;

typedef struct ivp__import_rec {
	const char *kind;	/* "crime", "population", "codes", "long", "boundaries" */
	const char *layout;
	const char *file_name;
	const char *sha256;
	const char *options;	/* what else defines the import, e.g. "map=<sha>" */
	const char *user;
} ivp__import_rec;

/* Result of writing one fact. */
enum {
	IVP__PUT_NEW = 0,	/* key was not there */
	IVP__PUT_SAME = 1,	/* there with this value (from an earlier import) */
	IVP__PUT_CHANGED = 2,	/* there from an earlier import; value replaced */
	IVP__PUT_DUP_SAME = 3,	/* written earlier in this import, same value */
	IVP__PUT_DUP_DIFF = 4	/* written earlier in this import, other value */
};

/* One crime type's yearly count for an area (see year_counts). */
typedef struct ivp__type_count {
	const char *code;	/* in: a type code */
	int has;		/* out: 1 when data exists for the year */
	int64_t count;		/* out */
	int from_months;	/* out: 1 when summed from 12 monthly rows */
	int provisional;	/* out */
	int64_t import_id;	/* out: the latest import behind the figure */
} ivp__type_count;

typedef struct ivp__indicator_def {
	char key[48];
	int version;
	char classification[8];	/* "police" or "cbs" */
	char kind[8];		/* "bbv", "total", "hic", "type" */
	char name_nl[128];
	char name_en[128];
	char codes[512];	/* comma-separated type codes summed */
	int per;		/* rate per this many inhabitants */
	char population_group[8];	/* "total" or "12-17" */
	char source_tables[128];	/* where to get the data, e.g. "47013NED" */
	char note[512];
} ivp__indicator_def;

typedef int (*ivp__row_cb)(void *ud, const char *const *cols, int ncols);

/* One area's figures for a year (see level_years). */
typedef struct ivp__area_year {
	const char *code, *name;
	ivp__type_count *types;	/* as year_counts fills them */
	int ntypes;
	int has_pop;
	int64_t pop, pop_import;
} ivp__area_year;

typedef struct ivp__store_ops {
	const char *name;

	int (*open)(const char *path, ivp__store **out, char *err, size_t errsz);
	void (*close)(ivp__store *s);
	const char *(*errmsg)(ivp__store *s);
	int (*schema_version)(ivp__store *s);
	/* a number that changes when another connection commits (0 or -1) */
	int (*data_version)(ivp__store *s, int64_t *v);

	int (*begin)(ivp__store *s);
	int (*commit)(ivp__store *s);
	int (*rollback)(ivp__store *s);
	/* a read snapshot around many queries (one lock instead of one per
	 * query); nothing happens inside a transaction already open.
	 * read_end takes read_begin's result (1: it opened the snapshot). */
	int (*read_begin)(ivp__store *s);	/* 1 opened, 0 already in one, -1 */
	void (*read_end)(ivp__store *s, int opened);

	/* imports: find returns 1 when no import has this identity */
	int (*import_find)(ivp__store *s, const char *kind, const char *sha256,
			   const char *options, int64_t *id, char when[32]);
	int (*import_add)(ivp__store *s, const ivp__import_rec *r, int64_t *id);
	/* sha256: the file's hash when it was not known at import_add
	 * (hashed while the rows were read), or NULL */
	int (*import_finish)(ivp__store *s, int64_t id, int64_t rows,
			     int64_t missing, int64_t skipped, const char *sha256);

	/* code lists (upserts) */
	int (*area_put)(ivp__store *s, const char *code, const char *name,
			const char *level, const char *parent, int64_t import_id);
	/* By name, among gemeenten and larger regions only (StatLine exports
	 * name those; wijk and buurt names repeat across the country and could
	 * capture a former gemeente of the same name). 1: not found; ambiguous
	 * is set when several areas of the best level have the name. */
	int (*area_by_name)(ivp__store *s, const char *name, char code[16],
			    int *ambiguous);
	int (*area_get)(ivp__store *s, const char *code, char name[256],
			char level[4], char parent[16]);	/* 1: not found */
	int (*type_put)(ivp__store *s, const char *classification,
			const char *code, const char *title, int64_t import_id);
	/* title as written in exports, with or without the code prefix; 1: not found */
	int (*type_by_title)(ivp__store *s, const char *title, char code[16]);
	int (*type_get)(ivp__store *s, const char *code, char title[256]);	/* 1: not found */
	int (*period_put)(ivp__store *s, int period, const char *title,
			  const char *status, int64_t import_id);

	/* facts and population: 1 when the area or type code is unknown */
	int (*fact_put)(ivp__store *s, const char *area, const char *type,
			int period, int64_t count, int provisional,
			int64_t import_id, int *result);
	int (*pop_put)(ivp__store *s, const char *area, int year,
		       const char *group, int64_t count, int64_t import_id,
		       int *result);

	/* queries */
	int (*year_counts)(ivp__store *s, const char *area, int year,
			   ivp__type_count *types, int ntypes);
	/* 1: no figure for that 1 January */
	int (*population)(ivp__store *s, const char *area, int year,
			  const char *group, int64_t *count, int64_t *import_id);
	int (*has_classification)(ivp__store *s, const char *area, int year,
				  const char *classification, int *has);
	/*
	 * Every area of `level` inside `under` (any depth) with its yearly
	 * counts for the type codes of `types` (in: code; out as year_counts)
	 * and its population (`group`) on 1 January of `year`, in one pass:
	 * cb once per area, ordered by code. For rankings of thousands of
	 * areas, where one query per area would dominate.
	 */
	int (*level_years)(ivp__store *s, const char *under, const char *level,
			   int year, const char *group, ivp__type_count *types,
			   int ntypes, int (*cb)(void *ud, const ivp__area_year *a),
			   void *ud);
	/* codes of the areas of `level` under `parent` (any depth) */
	int (*areas_under)(ivp__store *s, const char *parent, const char *level,
			   ivp__row_cb cb, void *ud);
	/* rows: code, name, level, parent, population (latest), pop_year */
	int (*areas_list)(ivp__store *s, const char *under, ivp__row_cb cb, void *ud);
	/* rows: id, kind, layout, file_name, sha256, options, rows, missing,
	 * skipped, imported_by, started_at, finished_at */
	int (*sources_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	/* rows: period, count, import_id for the month periods from..to */
	int (*month_counts)(ivp__store *s, const char *area, const char *type,
			    int from, int to, ivp__row_cb cb, void *ud);
	/* every definition version; latest_only: only the newest of each key */
	int (*defs_list)(ivp__store *s, int latest_only,
			 int (*cb)(void *ud, const ivp__indicator_def *d), void *ud);
	int (*def_add)(ivp__store *s, const ivp__indicator_def *d);
	/* all crime types of a classification: rows code, title */
	int (*types_list)(ivp__store *s, const char *classification,
			  ivp__row_cb cb, void *ud);
	/* count of facts, areas, population rows (for tests and `ivp sources`) */
	int (*counts)(ivp__store *s, int64_t *facts, int64_t *areas,
		      int64_t *pops, int64_t *types);

	/* the plan (priorities, goals, measures, budget, values): its own table */
	const struct ivp__plan_ops *plan;
	/* users, sessions, sign-in attempts: its own table */
	const struct ivp__auth_ops *auth;
	/* area boundaries: its own table */
	const struct ivp__geo_ops *geo;
} ivp__store_ops;

struct ivp__store {
	const ivp__store_ops *ops;
};

/* Pick the engine for a database path ("sqlite:…" or a file name). */
const ivp__store_ops *ivp__store_engine(const char *path, const char **rest);

extern const ivp__store_ops ivp__sqlite_ops;
extern const struct ivp__plan_ops ivp__sqlite_plan_ops;
extern const struct ivp__auth_ops ivp__sqlite_auth_ops;

#endif /* IVP_STORE_H */
