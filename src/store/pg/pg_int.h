/*
 * pg_int.h — the PostgreSQL engine's private state, shared by the files of
 * store/pg/, and the few helpers every operation is written with.
 *
 * How an operation is written (README.md has the whole pattern): its SQL
 * is a `static const char *const` string with $1, $2, … placeholders; the
 * operation fills a pg_params with pg_text/pg_int/pg_real/pg_null and
 * calls ivp__pg_query(s, sql, &p, &res). The helper prepares the string on
 * first use on this connection (PQprepare, named by the string's address),
 * runs it with PQexecPrepared, reconnects once when the connection dropped
 * outside a transaction, and on failure records the error (IVP__SE_*) and
 * returns -1. Rows go to a row callback with ivp__pg_rows (text columns,
 * NULL for SQL NULL, as the SQLite engine hands them).
 */
#ifndef IVP_STORE_PG_INT_H
#define IVP_STORE_PG_INT_H

#include <libpq-fe.h>
#include <stdint.h>

#include "store/engine.h"
#include "store/series.h"

/* prepared statements per connection (the SQL strings of all files here) */
#define IVP__PG_STMTS 384
#define IVP__PG_PARAMS IVP__ROW_MAXCOLS /* a copied table's row is one statement */

typedef struct pg_prepared {
	const char *sql; /* the string's address is its identity */
	char name[12];
} pg_prepared;

typedef struct pg_store {
	ivp__store base;
	PGconn *conn;
	char conninfo[512];
	pg_prepared prep[IVP__PG_STMTS];
	int nprep;
	char err[512];
	char sqlstate[6]; /* of the failure in err ("" when not from the server) */
	int errcode;	  /* IVP__SE_* of the failure in err */
	int in_txn;	  /* between begin and commit/rollback */
	int in_read;	  /* in a read_begin snapshot */
	int version;	  /* schema version */
	void *series;	  /* pg_series.c's cache of series, or NULL */
	void *snap;	  /* pg_snap.c's areas of the open read snapshot, or NULL */
	char **copy_sql;  /* pg_copy.c: per copy table its SELECT, then its INSERT */
	/* what the connection acts for (ivp.municipality of the row-level
	 * security, docs/tenancy.md): "*" the whole deployment; applied again
	 * after a reconnection */
	char scope[64];
	int unbound;	 /* ivp.unbound: rows of '' are the scope's */
	int analyze_due; /* an import finished in this transaction: ANALYZE after COMMIT */
} pg_store;

#define PG(s) ((pg_store *)(s))

typedef struct pg_params {
	const char *v[IVP__PG_PARAMS];
	char num[IVP__PG_PARAMS][32];
	int n;
} pg_params;

static inline void pg_init(pg_params *p) { p->n = 0; }
static inline void pg_text(pg_params *p, const char *v) { p->v[p->n++] = v; }
static inline void pg_null(pg_params *p) { p->v[p->n++] = NULL; }
void pg_int(pg_params *p, int64_t v);
/* Set ivp.municipality and ivp.unbound from s->scope and s->unbound (pg_store.c). */
int ivp__pg_apply_scope(pg_store *s);
void pg_real(pg_params *p, double v);

/* The engine's tables of functions for the parts of this round, declared
 * here beside the others of engine.h: org in pg_auth.c, audit in
 * pg_report.c, particip in pg_plan.c. */
extern const ivp__org_ops ivp__pg_org_ops;
extern const ivp__audit_ops ivp__pg_audit_ops;
extern const ivp__particip_ops ivp__pg_particip_ops;

/* pg_util.c */
/* Record the connection's (or result's) error; returns -1. */
int ivp__pg_fail(pg_store *s, const PGresult *r);
int ivp__pg_oom(pg_store *s);
int ivp__pg_stop(pg_store *s);
int ivp__pg_failf(pg_store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run a prepared statement: 0 with *out (the caller PQclears it; NULL
 * allowed to drop it) or -1. binary: results in binary format. */
int ivp__pg_query_fmt(pg_store *s, const char *sql, const pg_params *p, int binary,
		      PGresult **out);
static inline int ivp__pg_query(pg_store *s, const char *sql, const pg_params *p, PGresult **out)
{
	return ivp__pg_query_fmt(s, sql, p, 0, out);
}
/* Run a statement that returns no rows; *changed = rows affected (may be NULL). */
int ivp__pg_exec(pg_store *s, const char *sql, const pg_params *p, int64_t *changed);
/* A statement without parameters or results, not prepared (BEGIN, COMMIT, DDL). */
int ivp__pg_simple(pg_store *s, const char *sql);
/* The rows of r to cb (text columns, at most IVP__ROW_MAXCOLS); clears r. */
int ivp__pg_rows(pg_store *s, PGresult *r, ivp__row_cb cb, void *ud);
/* Query and hand its rows to cb. */
int ivp__pg_query_rows(pg_store *s, const char *sql, const pg_params *p, ivp__row_cb cb,
		       void *ud);
/* Column text into out ("" for NULL). */
void ivp__pg_copy(const PGresult *r, int row, int col, char *out, size_t outsz);
int64_t ivp__pg_int(const PGresult *r, int row, int col);
/* The connection is there (reconnected if it dropped and no transaction is
 * open): 0 or -1 with the reason. */
int ivp__pg_ensure(pg_store *s);
/* A write outside a transaction committed: move the data version on. */
int ivp__pg_touched(pg_store *s);

/* pg_backup.c: pg_dump's archive of the database into path (created
 * 0600, must not exist), checked by pg_restore --list; a restore of one
 * into this database, which must be empty (as audit_store.h otherwise) */
int ivp__pg_backup(pg_store *s, const char *path);
int ivp__pg_restore(pg_store *s, const char *path);

/* pg_migrations.c */
int ivp__pg_migrate(pg_store *s);

/* pg_series.c: crime counts as one row per (area, type) series */
int ivp__pg_area_id(pg_store *s, const char *code, int64_t *id); /* 1: unknown */
int ivp__pg_fact_put(pg_store *s, const char *area, const char *type, int period,
		     int64_t count, int provisional, int64_t import_id, int *result);
int ivp__pg_year_counts(ivp__store *st, const char *area, int year, ivp__type_count *types,
			int ntypes);
int ivp__pg_month_counts(ivp__store *st, const char *area, const char *type, int from, int to,
			 ivp__row_cb cb, void *ud);
int ivp__pg_has_class(ivp__store *st, const char *area, int year, const char *classification,
		      int *has);
int ivp__pg_level_years(ivp__store *st, const char *under, const char *level, int year,
			int pop_year, const char *group, ivp__type_count *types, int ntypes,
			int (*cb)(void *ud, const ivp__area_year *a), void *ud);
/* At begin: note whether the series table is empty (the import fast path). */
int ivp__pg_series_begin(pg_store *s);
/* Everything cached and staged into table series (before a query or commit). */
int ivp__pg_series_flush(pg_store *s);
/* Forget the cache and the staged rows (rollback, lost connection). */
void ivp__pg_series_rollback(pg_store *s);
void ivp__pg_series_close(pg_store *s);
/* A type's yearly figure from a decoded year (JJ00, else twelve months). */
void ivp__pg_year_fill(ivp__type_count *tc, const ivp__ser_year *y);

/* pg_snap.c: inside a read snapshot, one statement per area answers the
 * questions below for the rest of the snapshot. Each returns as the
 * engine function of its name, or 2 when no snapshot is open (the caller
 * runs its own statement). */
int ivp__pg_snap_area_get(pg_store *s, const char *code, char name[256], char level[4],
			  char parent[16]);
int ivp__pg_snap_population(pg_store *s, const char *code, int year, const char *group,
			    int64_t *count, int64_t *import_id);
int ivp__pg_snap_year_counts(pg_store *s, const char *code, int year, ivp__type_count *types,
			     int ntypes);
int ivp__pg_snap_has_class(pg_store *s, const char *code, int year, const char *classification,
			   int *has);
/* Forget the kept areas (read_end, begin, a lost connection); close frees. */
void ivp__pg_snap_clear(pg_store *s);
void ivp__pg_snap_close(pg_store *s);

#endif
