/*
 * pg_util.c — the PostgreSQL engine's connection and statement helpers
 * (pg_int.h): prepared statements named by their SQL string's address,
 * run with bound text parameters, errors recorded once, and the
 * reconnection when the server dropped the connection.
 *
 * Reconnecting: when a call finds the connection broken (the server
 * restarted, a proxy cut it) and no transaction is open, it resets the
 * connection once, prepares its statements again on first use and runs
 * the call; a transaction in flight is lost with its connection, so then
 * the call fails ("the connection … was lost; the transaction was rolled
 * back") and the next one reconnects. When the server stays away the
 * error says so with libpq's reason.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg/pg_int.h"

void pg_int(pg_params *p, int64_t v)
{
	snprintf(p->num[p->n], sizeof(p->num[0]), "%lld", (long long)v);
	p->v[p->n] = p->num[p->n];
	p->n++;
}

void pg_real(pg_params *p, double v)
{
	snprintf(p->num[p->n], sizeof(p->num[0]), "%.17g", v);
	p->v[p->n] = p->num[p->n];
	p->n++;
}

/* libpq's message without its trailing newline */
static void set_msg(pg_store *s, const char *m)
{
	size_t n;

	snprintf(s->err, sizeof(s->err), "%s", m && *m ? m : "database error");
	n = strlen(s->err);
	while (n && (s->err[n - 1] == '\n' || s->err[n - 1] == ' '))
		s->err[--n] = '\0';
}

int ivp__pg_fail(pg_store *s, const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	s->errcode = IVP__SE_ERROR;
	snprintf(s->sqlstate, sizeof(s->sqlstate), "%s", state ? state : "");
	if (!msg)
		msg = r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : PQerrorMessage(s->conn);
	set_msg(s, msg);
	/* 53200 out_of_memory on the server; a NULL result is libpq's own */
	if ((state && !strcmp(state, "53200")) || (!r && s->conn && PQstatus(s->conn) == CONNECTION_OK))
		s->errcode = IVP__SE_NOMEM;
	return -1;
}

int ivp__pg_oom(pg_store *s)
{
	snprintf(s->err, sizeof(s->err), "out of memory");
	s->sqlstate[0] = '\0';
	s->errcode = IVP__SE_NOMEM;
	return -1;
}

int ivp__pg_stop(pg_store *s)
{
	snprintf(s->err, sizeof(s->err), "stopped by the row callback");
	s->sqlstate[0] = '\0';
	s->errcode = IVP__SE_STOP;
	return -1;
}

int ivp__pg_failf(pg_store *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	s->sqlstate[0] = '\0';
	s->errcode = IVP__SE_ERROR;
	return -1;
}

/* The connection broke: forget what lived on it. */
static void lost(pg_store *s)
{
	s->nprep = 0;
	ivp__pg_series_rollback(s);
	ivp__pg_snap_clear(s);
}

int ivp__pg_ensure(pg_store *s)
{
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
		return 0;
	if (s->in_txn || s->in_read) {
		s->in_txn = s->in_read = 0;
		lost(s);
		return ivp__pg_failf(s, "the connection to the database server was lost; the transaction was rolled back");
	}
	lost(s);
	if (!s->conn)
		return ivp__pg_failf(s, "not connected to the database server");
	PQreset(s->conn);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		char m[400];

		snprintf(m, sizeof(m), "%s", PQerrorMessage(s->conn));
		m[strcspn(m, "\n")] = '\0';
		return ivp__pg_failf(s, "the database server is gone: %s", m);
	}
	return ivp__pg_apply_scope(s); /* a new session: its settings again */
}

/* The name of sql's prepared statement on this connection, prepared now
 * when it is not yet; NULL on failure. */
static const char *prepared(pg_store *s, const char *sql, int nparams)
{
	PGresult *r;
	int i;

	for (i = 0; i < s->nprep; i++)
		if (s->prep[i].sql == sql)
			return s->prep[i].name;
	if (s->nprep == IVP__PG_STMTS) {
		ivp__pg_failf(s, "more than %d prepared statements; raise IVP__PG_STMTS", IVP__PG_STMTS);
		return NULL;
	}
	i = s->nprep;
	snprintf(s->prep[i].name, sizeof(s->prep[i].name), "ivp%d", i);
	r = PQprepare(s->conn, s->prep[i].name, sql, nparams, NULL);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		ivp__pg_fail(s, r);
		PQclear(r);
		return NULL;
	}
	PQclear(r);
	s->prep[i].sql = sql;
	s->nprep++;
	return s->prep[i].name;
}

static int run_once(pg_store *s, const char *sql, const pg_params *p, int binary, PGresult **out)
{
	const char *name;
	PGresult *r;
	ExecStatusType st;

	*out = NULL;
	if (ivp__pg_ensure(s))
		return -1;
	if (!(name = prepared(s, sql, p ? p->n : 0)))
		return -1;
	r = PQexecPrepared(s->conn, name, p ? p->n : 0, p ? p->v : NULL, NULL, NULL, binary);
	st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		ivp__pg_fail(s, r);
		PQclear(r);
		return -1;
	}
	*out = r;
	return 0;
}

int ivp__pg_query_fmt(pg_store *s, const char *sql, const pg_params *p, int binary,
		      PGresult **out)
{
	PGresult *r = NULL;
	int outside = !s->in_txn && !s->in_read;
	int rc = run_once(s, sql, p, binary, &r);

	/* the connection dropped under an autocommit statement: once more */
	if (rc && outside && s->conn && PQstatus(s->conn) != CONNECTION_OK)
		rc = run_once(s, sql, p, binary, &r);
	else if (rc && s->conn && PQstatus(s->conn) != CONNECTION_OK)
		ivp__pg_ensure(s); /* says the transaction is gone */
	if (out)
		*out = r;
	else
		PQclear(r);
	return rc;
}

int ivp__pg_exec(pg_store *s, const char *sql, const pg_params *p, int64_t *changed)
{
	PGresult *r;

	if (ivp__pg_query(s, sql, p, &r))
		return -1;
	if (changed)
		*changed = strtoll(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	return 0;
}

int ivp__pg_simple(pg_store *s, const char *sql)
{
	PGresult *r;
	ExecStatusType st;

	if (ivp__pg_ensure(s))
		return -1;
	r = PQexec(s->conn, sql);
	st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		ivp__pg_fail(s, r);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return 0;
}

int ivp__pg_rows(pg_store *s, PGresult *r, ivp__row_cb cb, void *ud)
{
	const char *cols[IVP__ROW_MAXCOLS];
	int n = PQnfields(r), rows = PQntuples(r), i, j;

	if (n > IVP__ROW_MAXCOLS) {
		PQclear(r);
		return ivp__pg_failf(s, "a row of %d columns; at most %d", n, IVP__ROW_MAXCOLS);
	}
	for (i = 0; i < rows; i++) {
		for (j = 0; j < n; j++)
			cols[j] = PQgetisnull(r, i, j) ? NULL : PQgetvalue(r, i, j);
		if (cb(ud, cols, n)) {
			PQclear(r);
			return ivp__pg_stop(s);
		}
	}
	PQclear(r);
	return 0;
}

int ivp__pg_query_rows(pg_store *s, const char *sql, const pg_params *p, ivp__row_cb cb,
		       void *ud)
{
	PGresult *r;

	if (ivp__pg_query(s, sql, p, &r))
		return -1;
	return ivp__pg_rows(s, r, cb, ud);
}

void ivp__pg_copy(const PGresult *r, int row, int col, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

int64_t ivp__pg_int(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

int ivp__pg_touched(pg_store *s)
{
	static const char *const sql = "SELECT nextval('ivp_data_version')";

	return s->in_txn ? 0 : ivp__pg_exec(s, sql, NULL, NULL);
}
