/*
 * ingest.h — what the importers share: the import job and its helpers.
 *
 * An import job is one file (or one set of OData pages) in one store
 * transaction. import.c opens the job (hash, duplicate check, import
 * record), picks the layout and calls its reader; the readers below turn
 * records into facts, populations or codes through the ivp__ingest_*
 * helpers, which also turn store outcomes into user-facing errors with
 * file, line and field.
 *
 * Job states: OPEN (transaction begun, import row added) -> rows written ->
 * FINISHED (counts recorded, commit) or FAILED (rollback: nothing remains).
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
	const char *path;	/* the file as the user named it */
	int64_t import_id;
	uint64_t size;		/* bytes, for progress */
	double last_progress;	/* time of the last progress call */
	/* a tiny cache for name -> code resolution */
	char last_name[256];
	char last_code[16];
	ivp__map unknown;	/* regions left out (skip_unknown_regions) */
	/* the file's hash, computed by a thread while the rows are read
	 * (import.c); once it is there, "imported before?" is asked and a
	 * file seen before stops the import (dup) */
	struct ivp__hasher *hash;
	const char *kind_name, *options;
	int hash_checked, dup;
} ivp__job;

/* Is the file's hash ready and the file imported before? 1: stop (dup set). */
int ivp__job_seen_before(ivp__job *j);

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

/* Layout readers. Each reads the whole file; the job's transaction is open. */
ivp_rc ivp__read_statline(ivp__job *j, FILE *f, ivp_import_kind kind);
ivp_rc ivp__read_typed_csv(ivp__job *j, FILE *f, ivp_import_kind kind);
ivp_rc ivp__read_typed_json(ivp__job *j, const char *const *paths, int n,
			    ivp_import_kind kind);
ivp_rc ivp__read_codes(ivp__job *j, FILE *f);
ivp_rc ivp__read_long(ivp__job *j, FILE *f, int population, const char *map_path);
ivp_rc ivp__read_population_list(ivp__job *j, FILE *f);
/* GeoJSON boundaries (boundaries.c): reads j->path itself. */
ivp_rc ivp__read_boundaries(ivp__job *j);

/* Field helpers */
int ivp__field_eq(const ivp__csv_field *f, const char *s);	/* case-insensitive, trimmed */
/* Column index of the first header cell matching one of names (NULL-terminated); -1. */
int ivp__find_col(ivp__csv *c, const char *const *names);

#endif /* IVP_INGEST_H */
