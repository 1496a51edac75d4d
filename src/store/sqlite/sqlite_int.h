/*
 * sqlite_int.h — the SQLite engine's private state, shared by the files of
 * store/sqlite/ (sqlite_store.c for statistics, sqlite_plan.c for the plan).
 */
#ifndef IVP_STORE_SQLITE_INT_H
#define IVP_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/engine.h"

/* statement slots of sqlite_store.c */
#define IVP__SQ_STMTS 64

typedef struct sq_store {
	ivp__store base;
	sqlite3 *db;
	sqlite3_stmt *st[IVP__SQ_STMTS];
	char err[512];
	int errcode;		/* IVP__SE_* of the failure in err */
	int in_txn;		/* between begin and commit/rollback */
	sqlite3_stmt *rollback; /* ROLLBACK, prepared at open: undoing needs no memory */
	int version;
	void *series;	     /* sqlite_series.c's cache of series, or NULL */
	void *plan;	     /* sqlite_plan.c's own state (prepared statements), or NULL */
	void *report;	     /* sqlite_report.c's prepared statements, or NULL */
	sqlite3_stmt **copy; /* sqlite_copy.c: one INSERT per copy table, or NULL */
	void *audit;	     /* sqlite_audit.c's prepared statements, or NULL */
	/* what the connection acts for (docs/tenancy.md; sq_scope): "*" the
	 * whole deployment, else a municipality or region; unbound 1 when rows
	 * of '' are its own. Read by the SQL functions ivp_tenant_ok(m) and
	 * ivp_tenant_default() that every query of an owned table uses. */
	char scope[64];
	int unbound;
} sq_store;

#define SQ(s) ((sq_store *)(s))

/* sqlite_alloc.c: SQLite's start, once per process (0 or -1); before any connection */
int ivp__sq_init(void);

/* sqlite_util.c: shared statement helpers */
/* Create the database file `path` readable and writable by its owner only
 * (0600, whatever the umask) when it does not exist; nothing for ":memory:",
 * "" and "file:" URIs. 0, or -1 with errno set. */
int ivp__sq_create_private(const char *path);
/* Copy the connection's last error into s->err (SQLITE_NOMEM as
 * IVP__SE_NOMEM); returns -1. */
int ivp__sq_fail(sq_store *s);
/* Record running out of memory; returns -1. */
int ivp__sq_oom(sq_store *s);
/* Record that a row callback stopped the walk; returns -1. */
int ivp__sq_stop(sq_store *s);
/* Record an error of the engine's own (IVP__SE_ERROR); returns -1. */
int ivp__sq_failf(sq_store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The statement in *slot, prepared on first use, else reset with bindings cleared. */
sqlite3_stmt *ivp__sq_stmt(sq_store *s, sqlite3_stmt **slot, const char *sql);
/* A one-shot statement (the caller finalizes); NULL with s->err set on failure. */
sqlite3_stmt *ivp__sq_prepare(sq_store *s, const char *sql);
/* Step a one-shot statement that returns no rows and finalize it: 0 or -1. */
int ivp__sq_done_finalize(sq_store *s, sqlite3_stmt *q);
/* Bind text; NULL binds SQL NULL. The text must outlive the step. */
void ivp__sq_bind_text(sqlite3_stmt *q, int i, const char *v);
/* Column text into out ("" for NULL). */
void ivp__sq_copy_col(sqlite3_stmt *q, int col, char *out, size_t outsz);
/* Step a statement that returns no rows, then reset it. */
int ivp__sq_done(sq_store *s, sqlite3_stmt *q);
/* Step q, handing each row (up to 16 columns, as text) to cb. */
int ivp__sq_rows(sq_store *s, sqlite3_stmt *q, ivp__row_cb cb, void *ud);

/* sqlite_series.c: crime counts as one row per (area, type) series */
int ivp__sq_area_id(sq_store *s, const char *code, int64_t *id); /* 1: unknown */
int ivp__sq_fact_put(sq_store *s, const char *area, const char *type,
		     int period, int64_t count, int provisional,
		     int64_t import_id, int *result);
int ivp__sq_year_counts(sq_store *s, const char *area, int year,
			ivp__type_count *types, int ntypes);
int ivp__sq_month_counts(sq_store *s, const char *area, const char *type,
			 int from, int to, ivp__row_cb cb, void *ud);
int ivp__sq_has_class(sq_store *s, const char *area, int year,
		      const char *classification, int *has);
int ivp__sq_level_years(ivp__store *st, const char *under, const char *level,
			int year, int pop_year, const char *group, ivp__type_count *types,
			int ntypes, int (*cb)(void *ud, const ivp__area_year *a),
			void *ud);
/* Write the cached series that changed (before a query or commit). */
int ivp__sq_series_flush(sq_store *s);
/* Write what changed and empty the cache (at begin and commit). */
int ivp__sq_series_release(sq_store *s);
/* Forget the cache unwritten (rollback). */
void ivp__sq_series_rollback(sq_store *s);
void ivp__sq_series_close(sq_store *s);
/* Migration 5: table fact into table series (as ivp__migration's fn). */
int ivp__sq_series_from_facts(sqlite3 *db, char *err, size_t errsz);
/* migration 17's step: plan_version.municipality from each version's doc */
int ivp__sq_plan_municipality(sqlite3 *db, char *err, size_t errsz);

#endif
