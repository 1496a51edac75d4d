/*
 * ingest.h — the import job every reader runs in, and the helpers readers share.
 *
 * An import job (job.c) is one file (or one set of OData pages) in one
 * store transaction: it checks the files, records the import (kind, layout,
 * the file's own name, options, who, rows, SHA-256), reports progress,
 * notices a file imported before ("unchanged") and rolls back on any error.
 * A kind of import is a spec: its kind name, an optional prepare step (sniff
 * the layout, settle the options) and a reader. ivp_import's driver
 * (import.c) picks the reader from its table by kind and layout; values
 * (plan/values.c) and the plan file (plan/plan_api.c) bring their own
 * reader. The readers turn records into facts, populations or codes
 * through the ivp__ingest_* helpers (rows.c), which turn store outcomes
 * into errors with file, line, column, field and a machine code.
 *
 * Job states: PREPARE -> OPEN (transaction begun, import row added) -> rows
 * written -> FINISHED (counts recorded, commit), UNCHANGED or FAILED
 * (rollback: nothing remains). See job.c.
 */
#ifndef IVP_INGEST_H
#define IVP_INGEST_H

#include <jansson.h>

#include "core/core.h"
#include "ingest/csv.h"
#include "store/store.h"

/* Hard limit on one CSV record (a StatLine metadata description can be long). */
#define IVP__MAX_RECORD (4u << 20)

typedef struct ivp__job {
	ivp_ctx *ctx;
	const ivp_import_opts *opts;
	ivp_import_result *res;
	const char *const *paths; /* the files of the job, read in this order */
	int npaths;
	const char *path;    /* the file being read (errors name it) */
	const char *display; /* the name of paths[0] to record and show
				 * (an upload's own name), NULL: paths[0] */
	const char *layout;  /* recorded layout; prepare may set it */
	unsigned flags;	     /* IVP__JOB_* of the spec */
	int64_t import_id;
	uint64_t size;	      /* bytes, for progress */
	double last_progress; /* time of the last progress call */
	/* a tiny cache for name -> code resolution */
	char last_name[256];
	char last_code[16];
	ivp__map unknown; /* regions left out (skip_unknown_regions) */
	/* the file's hash, computed by a thread while the rows are read
	 * (import.c); once it is there, "imported before?" is asked and a
	 * file seen before stops the import (dup) */
	struct ivp__hasher *hash;
	const char *kind_name, *options; /* options: "" when none */
	int hash_checked, dup;
} ivp__job;

/* Flags of a job spec */
#define IVP__JOB_EMPTY_OK 1u	 /* no rows written is no error (code lists, values, plans) */
#define IVP__JOB_READER_DEDUP 2u /* "unchanged" is the reader's call (ivp__job_unchanged),
					 * not "the same hash imported before" */

/* What one kind of import is. */
typedef struct ivp__job_spec {
	const char *kind;	  /* recorded kind: "crime", …, "boundaries", "values", "plan" */
	const char *layout;	  /* recorded layout (prepare may set j->layout instead) */
	const char *const *paths; /* npaths >= 1 files, hashed together */
	int npaths;
	const char *options; /* what else identifies the import ("map=<sha>;year=2024"), or NULL */
	unsigned flags;
	/* before anything is written: sniff, set j->layout / j->options; may be NULL */
	ivp_rc (*prepare)(ivp__job *j, void *ud);
	/* read every row; the transaction is open */
	ivp_rc (*read)(ivp__job *j, void *ud);
	void *ud;
} ivp__job_spec;

/*
 * Run one import (job.c). `opts` may be NULL; opts->user is who (NULL or
 * "": "unknown"), opts->file_name the name recorded for paths[0] (NULL: the
 * path). *out as ivp_import's; on any error nothing is written.
 */
ivp_rc ivp__job_run(ivp_ctx *ctx, const ivp__job_spec *spec, const ivp_import_opts *opts,
		    ivp_import_result *out);

/* Is the file's hash ready and the file imported before? 1: stop (dup set);
 * -1: the look-up failed (the error is on the context). */
int ivp__job_seen_before(ivp__job *j);
/* The reader found nothing new (READER_DEDUP): the job rolls back and the
 * result says "unchanged" with this note. */
void ivp__job_unchanged(ivp__job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The files' SHA-256 (waits for the hashing thread); NULL when unreadable. */
const char *ivp__job_sha256(ivp__job *j);
/* After ivp__job_sha256 gave NULL: 1 when hashing ran out of memory (not unreadable). */
int ivp__job_hash_oom(const ivp__job *j);
/* The name errors and the record give the file being read. */
const char *ivp__job_name(const ivp__job *j);

/* Record an input error at line/field of the job's file; returns IVP_EINPUT. */
ivp_rc ivp__job_fail(ivp__job *j, long line, const char *field,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A store function failed with rc (its error already in the context):
 * name the job's file as the error's location; returns rc. */
ivp_rc ivp__job_store(ivp__job *j, ivp_rc rc);
/* Count a region left out under skip_unknown_regions (once per run of rows). */
void ivp__job_unknown_region(ivp__job *j, const char *name);
/* Report progress now and then (cheap to call per record). */
void ivp__job_progress(ivp__job *j, uint64_t done);

/* Canonical area code from a raw key ("NL00      " -> "NL01"); -1 if not an area code. */
int ivp__area_canon(const char *raw, size_t n, char out[16]);

/* Write one fact; errors (unknown code, duplicate key) name line and field. */
ivp_rc ivp__ingest_fact(ivp__job *j, long line, const char *field,
			const char *area, const char *type, int period,
			int64_t count, int provisional);
ivp_rc ivp__ingest_pop(ivp__job *j, long line, const char *field,
		       const char *area, int year, const char *group,
		       int64_t count);
/* Resolve a region name (StatLine exports) to a code. */
ivp_rc ivp__ingest_region(ivp__job *j, long line, const char *field,
			  const char *name, char code[16]);

/* Open a CSV reader on the job's file with error reporting. */
ivp_rc ivp__job_csv(ivp__job *j, FILE *f, ivp__csv **out);
/* A CSV read error -> input error at the reader's line. */
ivp_rc ivp__job_csv_fail(ivp__job *j, ivp__csv *c);

/* jansson could not load the job's file: input error at e's line and column
 * (code json_truncated or json_syntax; `hint` for a syntax error), or
 * IVP_ENOMEM when jansson ran out of memory. */
ivp_rc ivp__job_json_fail(ivp__job *j, const json_error_t *e, const char *hint);

/* The words of one kind of OData page (typed.c: rows; codes.c: codes). */
typedef struct ivp__odata_words {
	size_t max_bytes;	    /* a larger page is refused (file_too_large) */
	const char *too_large_hint; /* hint when it is */
	const char *value_detail;   /* detail and hint of a page without "value" */
	const char *value_hint;
	const char *more_detail; /* "…more rows (%.200s)…": a nextLink on the last page given */
	const char *pages_hint;
} ivp__odata_words;

/*
 * Open one OData JSON page (`last`: the last page given, so a nextLink on
 * it is a missing page): the size limit, the JSON, its "value" array. On
 * IVP_OK the caller reads *arr and json_decref()s *root; on failure the
 * job's error names the file and field and nothing is left to free.
 */
ivp_rc ivp__odata_page(ivp__job *j, const char *path, int last, const ivp__odata_words *w,
		       json_t **root, json_t **arr);

/* Layout readers. Each reads the whole file; the job's transaction is open. */
ivp_rc ivp__read_statline(ivp__job *j, FILE *f, ivp_import_kind kind);
ivp_rc ivp__read_typed_csv(ivp__job *j, FILE *f, ivp_import_kind kind);
ivp_rc ivp__read_typed_json(ivp__job *j, const char *const *paths, int n,
			    ivp_import_kind kind);
ivp_rc ivp__read_codes(ivp__job *j, FILE *f);
/* OData JSON code lists ({"value": [{"Key", "Title", …}]}), pages in order (codes.c). */
ivp_rc ivp__read_codes_json(ivp__job *j, const char *const *paths, int n);
ivp_rc ivp__read_long(ivp__job *j, FILE *f, int population, const char *map_path);
ivp_rc ivp__read_population_list(ivp__job *j, FILE *f);
/* Comparison groups (groups.c, docs/groups.md). */
ivp_rc ivp__read_groups(ivp__job *j, FILE *f);
/* GeoJSON boundaries (boundaries.c): reads j->path itself. */
ivp_rc ivp__read_boundaries(ivp__job *j);

/* Field helpers */
int ivp__field_eq(const ivp__csv_field *f, const char *s); /* case-insensitive, trimmed */
/* Column index of the first header cell matching one of names (NULL-terminated); -1. */
int ivp__find_col(ivp__csv *c, const char *const *names);

#endif /* IVP_INGEST_H */
