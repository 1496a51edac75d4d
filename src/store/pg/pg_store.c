/*
 * pg_store.c — the PostgreSQL engine behind store.h: opening (connection
 * string checks, migrations), transactions, and the statistics functions
 * of the engine table (engine.h). Crime counts are in pg_series.c, the
 * plan, users, boundaries, groups and report texts in their own files.
 *
 * One connection per store, so one per server worker thread (each opens
 * its own ivp_ctx). Transactions have SQLite's semantics: begin() takes a
 * transaction-level advisory lock, so writers run one at a time as under
 * SQLite's BEGIN IMMEDIATE (an import is one transaction; two imports of
 * one file cannot interleave), while readers never wait; read_begin() is a
 * REPEATABLE READ READ ONLY snapshot, as SQLite's read transaction in WAL
 * mode. The data version is a sequence moved on after every commit (and
 * after each write outside a transaction), so a reader that caches by it
 * sees every commit; a sequence takes no lock, so writers never queue on
 * it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/engine.h"
#include "store/pg/pg_int.h"

/* A password in the connection string would end up in shells' history,
 * ps and logs: libpq reads it from PGPASSFILE (~/.pgpass) instead. */
static int has_password(const char *conninfo)
{
	PQconninfoOption *o = PQconninfoParse(conninfo, NULL), *i;
	int has = 0;

	if (!o)
		return 0; /* libpq's connect says what is wrong with it */
	for (i = o; i->keyword; i++)
		if (!strcmp(i->keyword, "password") && i->val && *i->val)
			has = 1;
	PQconninfoFree(o);
	return has;
}

static void pg_close(ivp__store *st)
{
	pg_store *s = PG(st);
	int i;

	if (!s)
		return;
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK && !s->in_txn)
		ivp__pg_series_flush(s); /* counts written outside a transaction */
	ivp__pg_series_close(s);
	ivp__pg_snap_close(s);
	for (i = 0; s->copy_sql && i < 2 * ivp__copy_ntables; i++)
		free(s->copy_sql[i]);
	free(s->copy_sql);
	if (s->conn)
		PQfinish(s->conn);
	free(s);
}

/* The library never prints: libpq's default would write the server's
 * notices (an ANALYZE a non-owner role may not do, say) to stderr. */
static void pg_notice_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int pg_open(const char *path, ivp__store **out, char *err, size_t errsz)
{
	pg_store *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s) {
		snprintf(err, errsz, "out of memory");
		return IVP__SE_OPEN_NOMEM;
	}
	s->base.ops = &ivp__pg_ops;
	if (has_password(path)) {
		snprintf(err, errsz, "the connection string holds a password; put it in a password file "
				     "(PGPASSFILE, ~/.pgpass) and leave it out of the string");
		free(s);
		return IVP__SE_OPEN_FAIL;
	}
	snprintf(s->conninfo, sizeof(s->conninfo), "%s", path);
	s->conn = PQconnectdb(path);
	if (!s->conn) {
		free(s);
		snprintf(err, errsz, "out of memory");
		return IVP__SE_OPEN_NOMEM;
	}
	PQsetNoticeProcessor(s->conn, pg_notice_quiet, NULL);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		snprintf(err, errsz, "%s", PQerrorMessage(s->conn));
		err[strcspn(err, "\n")] = '\0';
		pg_close(&s->base);
		return IVP__SE_OPEN_FAIL;
	}
	/* the whole deployment until ivp_set_municipality says otherwise (and
	 * for the migrations: row-level security hides rows from all else) */
	snprintf(s->scope, sizeof(s->scope), "*");
	s->unbound = 1;
	if (ivp__pg_apply_scope(s) || ivp__pg_migrate(s)) {
		int rc = s->errcode == IVP__SE_NOMEM ? IVP__SE_OPEN_NOMEM : IVP__SE_OPEN_FAIL;

		snprintf(err, errsz, "%s", s->err);
		pg_close(&s->base);
		return rc;
	}
	*out = &s->base;
	return 0;
}

int ivp__pg_apply_scope(pg_store *s)
{
	static const char *const sql = "SELECT set_config('ivp.municipality', $1, false), "
				       "set_config('ivp.unbound', $2, false)";
	pg_params p;

	pg_init(&p);
	pg_text(&p, s->scope);
	pg_text(&p, s->unbound ? "1" : "0");
	return ivp__pg_exec(s, sql, &p, NULL);
}

static int pg_scope(ivp__store *st, const char *municipality, int unbound)
{
	pg_store *s = PG(st);

	snprintf(s->scope, sizeof(s->scope), "%s", municipality && *municipality ? municipality : "*");
	s->unbound = unbound;
	return ivp__pg_apply_scope(s);
}

static const char *pg_errmsg(ivp__store *s) { return PG(s)->err; }
static int pg_errcode(ivp__store *s) { return PG(s)->errcode; }
static int pg_version(ivp__store *s) { return PG(s)->version; }

static int pg_data_version(ivp__store *st, int64_t *v)
{
	static const char *const sql = "SELECT last_value FROM ivp_data_version";
	PGresult *r;

	if (ivp__pg_query(PG(st), sql, NULL, &r))
		return -1;
	*v = ivp__pg_int(r, 0, 0);
	PQclear(r);
	return 0;
}

/*
 * Where the primary's log ends (a replica has replayed all when it is
 * there): its insert position, except that right after a page boundary
 * the insert position already counts the next page's header (24 bytes, 40
 * at a segment's start), which no replica replays. An idle primary sits
 * there after every segment switch — pg_basebackup makes one — and every
 * replica looked behind until the next write: none of its answers went
 * into the response cache (W4 in session 6: 12,069 misses and 2 stores in
 * the first run, p99 68 ms). When only a header lies between the write
 * position and the insert position, the write position is the end.
 */
static int pg_replication(ivp__store *st, int *standby, int64_t *lsn, double *age)
{
	static const char *const sql =
		"WITH w AS (SELECT pg_is_in_recovery() AS rec, "
		"CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_insert_lsn() - '0/0'::pg_lsn END AS ins, "
		"CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn() - '0/0'::pg_lsn END AS wr, "
		"current_setting('wal_block_size')::numeric AS blk) "
		"SELECT rec::int, (CASE WHEN rec THEN pg_last_wal_replay_lsn() - '0/0'::pg_lsn "
		"WHEN mod(ins, blk) IN (24, 40) AND wr = ins - mod(ins, blk) THEN wr ELSE ins END)::bigint, "
		"CASE WHEN rec THEN COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0) "
		"ELSE 0 END FROM w";
	PGresult *r;

	if (ivp__pg_query(PG(st), sql, NULL, &r))
		return -1;
	*standby = (int)ivp__pg_int(r, 0, 0);
	*lsn = ivp__pg_int(r, 0, 1);
	*age = PQgetisnull(r, 0, 2) ? 0 : strtod(PQgetvalue(r, 0, 2), NULL);
	PQclear(r);
	return 0;
}

static int pg_begin(ivp__store *st)
{
	pg_store *s = PG(st);

	if (ivp__pg_series_flush(s))
		return -1;
	if (s->in_read) { /* a write needs a transaction of its own */
		ivp__pg_simple(s, "COMMIT");
		s->in_read = 0;
		ivp__pg_snap_clear(s);
	}
	if (ivp__pg_simple(s, "BEGIN"))
		return -1;
	s->in_txn = 1;
	/* writers one at a time, as SQLite's BEGIN IMMEDIATE */
	if (ivp__pg_simple(s, "SELECT pg_advisory_xact_lock(4977002)") || ivp__pg_series_begin(s)) {
		PQclear(PQexec(s->conn, "ROLLBACK"));
		s->in_txn = 0;
		return -1;
	}
	return 0;
}

/* The tables an import fills. A fresh database has no planner statistics
 * for them until autovacuum comes by, and without them the recursive area
 * queries get a nested-loop plan: /api/v1/areas?under= took 1.5 s instead of
 * 40 ms right after the example's import (bench/RESULTS.md). So a committed
 * import analyses them at once. A role that may not (not the owner) gets a
 * warning from the server and no error. */
static const char analyze_sql[] = "ANALYZE import, area, area_alias, crime_type, period, population, "
				  "series, boundary, area_group, area_group_member, local_value, indicator_def";

static int pg_commit(ivp__store *st)
{
	pg_store *s = PG(st);
	int analyze = s->analyze_due;

	s->analyze_due = 0;
	if (ivp__pg_series_flush(s) || ivp__pg_simple(s, "COMMIT"))
		return -1;
	s->in_txn = 0;
	ivp__pg_series_rollback(s); /* no copy of a series outlives its transaction */
	if (analyze && ivp__pg_simple(s, analyze_sql))
		return -1;
	return ivp__pg_touched(s);
}

static int pg_rollback(ivp__store *st)
{
	pg_store *s = PG(st);
	int was = s->in_txn;

	ivp__pg_series_rollback(s);
	s->in_txn = 0;
	s->analyze_due = 0;
	if (!was || !s->conn || PQstatus(s->conn) != CONNECTION_OK)
		return 0;
	return ivp__pg_simple(s, "ROLLBACK");
}

static int pg_read_begin(ivp__store *st)
{
	pg_store *s = PG(st);

	if (s->in_txn || s->in_read)
		return 0;
	if (ivp__pg_series_flush(s) || ivp__pg_simple(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
		return -1;
	s->in_read = 1;
	return 1;
}

static void pg_read_end(ivp__store *st, int opened)
{
	pg_store *s = PG(st);

	if (opened == 1 && s->in_read) {
		s->in_read = 0;
		ivp__pg_snap_clear(s);
		if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
			PQclear(PQexec(s->conn, "COMMIT"));
	}
}

/* ---- imports --------------------------------------------------------------- */

static int pg_import_find(ivp__store *st, const char *kind, const char *sha,
			  const char *options, int64_t *id, char when[32])
{
	static const char *const sql = "SELECT id, started_at FROM import WHERE kind=$1 AND sha256=$2 "
				       "AND options=$3 AND finished_at IS NOT NULL";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int found;

	pg_init(&p);
	pg_text(&p, kind);
	pg_text(&p, sha);
	pg_text(&p, options ? options : "");
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	found = PQntuples(r) > 0;
	if (found) {
		*id = ivp__pg_int(r, 0, 0);
		ivp__pg_copy(r, 0, 1, when, 32);
	}
	PQclear(r);
	return found ? 0 : 1;
}

static int pg_import_add(ivp__store *st, const ivp__import_rec *rec, int64_t *id)
{
	static const char *const sql = "INSERT INTO import(kind, layout, file_name, sha256, options, imported_by, started_at) "
				       "VALUES ($1,$2,$3,$4,$5,$6,ivp_now()) RETURNING id";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;

	pg_init(&p);
	pg_text(&p, rec->kind);
	pg_text(&p, rec->layout);
	pg_text(&p, rec->file_name);
	pg_text(&p, rec->sha256);
	pg_text(&p, rec->options ? rec->options : "");
	pg_text(&p, rec->user ? rec->user : "unknown");
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	*id = ivp__pg_int(r, 0, 0);
	PQclear(r);
	return ivp__pg_touched(s);
}

static int pg_import_finish(ivp__store *st, int64_t id, int64_t rows, int64_t missing,
			    int64_t skipped, const char *sha256)
{
	static const char *const sql = "UPDATE import SET rows=$2, missing=$3, skipped=$4, sha256=COALESCE($5, sha256), "
				       "finished_at=ivp_now() WHERE id=$1";
	pg_store *s = PG(st);
	pg_params p;

	pg_init(&p);
	pg_int(&p, id);
	pg_int(&p, rows);
	pg_int(&p, missing);
	pg_int(&p, skipped);
	pg_text(&p, sha256);
	if (ivp__pg_exec(s, sql, &p, NULL))
		return -1;
	if (!s->in_txn && ivp__pg_simple(s, analyze_sql))
		return -1;
	s->analyze_due = s->in_txn;
	return ivp__pg_touched(s);
}

/* ---- code lists ------------------------------------------------------------ */

static int pg_area_put(ivp__store *st, const char *code, const char *name, const char *level,
		       const char *parent, int64_t import_id)
{
	static const char *const put =
		"INSERT INTO area(code, name, level, parent, import_id) VALUES ($1,$2,$3,$4,$5) "
		"ON CONFLICT (code) DO UPDATE SET name=excluded.name, level=excluded.level, "
		"parent=COALESCE(excluded.parent, area.parent), import_id=excluded.import_id "
		"WHERE area.name IS DISTINCT FROM excluded.name "
		"OR area.parent IS DISTINCT FROM COALESCE(excluded.parent, area.parent)";
	static const char *const alias = "INSERT INTO area_alias(name, code) VALUES ($1,$2) ON CONFLICT DO NOTHING";
	pg_store *s = PG(st);
	pg_params p;

	pg_init(&p);
	pg_text(&p, code);
	pg_text(&p, name);
	pg_text(&p, level);
	pg_text(&p, parent);
	pg_int(&p, import_id);
	if (ivp__pg_exec(s, put, &p, NULL))
		return -1;
	pg_init(&p);
	pg_text(&p, name);
	pg_text(&p, code);
	return ivp__pg_exec(s, alias, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int pg_area_by_name(ivp__store *st, const char *name, char code[16], int *ambiguous)
{
	static const char *const sql =
		"SELECT a.code, CASE a.level WHEN 'NL' THEN 0 WHEN 'LD' THEN 1 WHEN 'PV' THEN 1 WHEN 'RE' THEN 1 "
		"WHEN 'GM' THEN 2 WHEN 'CR' THEN 3 WHEN 'WK' THEN 4 ELSE 5 END AS rank "
		"FROM area_alias n JOIN area a ON a.code=n.code WHERE n.name=$1 AND a.level NOT IN ('WK','BU') "
		"ORDER BY rank, a.id LIMIT 2";
	pg_params p;
	PGresult *r;
	int n;

	*ambiguous = 0;
	pg_init(&p);
	pg_text(&p, name);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n)
		ivp__pg_copy(r, 0, 0, code, 16);
	if (n == 2 && ivp__pg_int(r, 0, 1) == ivp__pg_int(r, 1, 1))
		*ambiguous = 1;
	PQclear(r);
	return n ? 0 : 1;
}

static int pg_area_get(ivp__store *st, const char *code, char name[256], char level[4],
		       char parent[16])
{
	static const char *const sql = "SELECT name, level, parent FROM area WHERE code=$1";
	pg_params p;
	PGresult *r;
	int n;

	if ((n = ivp__pg_snap_area_get(PG(st), code, name, level, parent)) != 2)
		return n;
	pg_init(&p);
	pg_text(&p, code);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n) {
		if (name)
			ivp__pg_copy(r, 0, 0, name, 256);
		if (level)
			ivp__pg_copy(r, 0, 1, level, 4);
		if (parent)
			ivp__pg_copy(r, 0, 2, parent, 16);
	}
	PQclear(r);
	return n ? 0 : 1;
}

static int pg_type_put(ivp__store *st, const char *classification, const char *code,
		       const char *title, int64_t import_id)
{
	static const char *const put =
		"INSERT INTO crime_type(classification, code, title, import_id) VALUES ($1,$2,$3,$4) "
		"ON CONFLICT (code) DO UPDATE SET title=excluded.title, import_id=excluded.import_id "
		"WHERE crime_type.title IS DISTINCT FROM excluded.title";
	/* every single code is an indicator of its own (version 1) */
	static const char *const def =
		"INSERT INTO indicator_def(key, version, classification, kind, name_nl, name_en, codes, source_tables, note) "
		"VALUES ($1, 1, $2, 'type', $3, $3, $1, CASE $2 WHEN 'cbs' THEN 'CBS 83648NED' "
		"ELSE 'Politie 47013NED (gemeente) or 47018NED (wijk/buurt)' END, "
		"'One SoortMisdrijf code, defined when its code list was imported.') ON CONFLICT DO NOTHING";
	pg_store *s = PG(st);
	pg_params p;

	pg_init(&p);
	pg_text(&p, classification);
	pg_text(&p, code);
	pg_text(&p, title);
	pg_int(&p, import_id);
	if (ivp__pg_exec(s, put, &p, NULL))
		return -1;
	pg_init(&p);
	pg_text(&p, code);
	pg_text(&p, classification);
	pg_text(&p, title);
	return ivp__pg_exec(s, def, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int one_text(pg_store *s, const char *sql, const char *key, char *out, size_t outsz)
{
	pg_params p;
	PGresult *r;
	int n;

	pg_init(&p);
	pg_text(&p, key);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n && out)
		ivp__pg_copy(r, 0, 0, out, outsz);
	PQclear(r);
	return n ? 0 : 1;
}

static int pg_type_by_title(ivp__store *st, const char *title, char code[16])
{
	/* SQLite's COLLATE NOCASE folds ASCII letters only */
	static const char *const sql = "SELECT code FROM crime_type "
				       "WHERE translate(title, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = "
				       "translate($1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') ORDER BY id LIMIT 1";

	return one_text(PG(st), sql, title, code, 16);
}

static int pg_type_get(ivp__store *st, const char *code, char title[256])
{
	static const char *const sql = "SELECT title FROM crime_type WHERE code=$1";

	return one_text(PG(st), sql, code, title, 256);
}

static int pg_period_put(ivp__store *st, int period, const char *title, const char *status,
			 int64_t import_id)
{
	static const char *const sql =
		"INSERT INTO period(period, title, status, import_id) VALUES ($1,$2,$3,$4) "
		"ON CONFLICT (period) DO UPDATE SET title=excluded.title, status=excluded.status, import_id=excluded.import_id "
		"WHERE period.status IS DISTINCT FROM excluded.status OR period.title IS DISTINCT FROM excluded.title";
	pg_store *s = PG(st);
	pg_params p;

	pg_init(&p);
	pg_int(&p, period);
	pg_text(&p, title);
	pg_text(&p, status);
	pg_int(&p, import_id);
	return ivp__pg_exec(s, sql, &p, NULL) ? -1 : ivp__pg_touched(s);
}

/* ---- facts and population ---------------------------------------------------- */

static int pg_fact_put(ivp__store *st, const char *area, const char *type, int period,
		       int64_t count, int provisional, int64_t import_id, int *result)
{
	return ivp__pg_fact_put(PG(st), area, type, period, count, provisional, import_id, result);
}

static int pg_pop_put(ivp__store *st, const char *area, int year, const char *group,
		      int64_t count, int64_t import_id, int *result)
{
	static const char *const get = "SELECT count, import_id FROM population WHERE area_id=$1 AND age_group=$2 AND year=$3";
	static const char *const ins = "INSERT INTO population(area_id, age_group, year, count, import_id) VALUES ($1,$2,$3,$4,$5)";
	static const char *const upd = "UPDATE population SET count=$4, import_id=$5 WHERE area_id=$1 AND age_group=$2 AND year=$3";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int64_t aid, old = 0, old_import = 0;
	int rc = ivp__pg_area_id(s, area, &aid), found;
	const char *which;

	if (rc)
		return rc;
	pg_init(&p);
	pg_int(&p, aid);
	pg_text(&p, group);
	pg_int(&p, year);
	if (ivp__pg_query(s, get, &p, &r))
		return -1;
	found = PQntuples(r) > 0;
	if (found) {
		old = ivp__pg_int(r, 0, 0);
		old_import = ivp__pg_int(r, 0, 1);
	}
	PQclear(r);
	if (!found) {
		*result = IVP__PUT_NEW;
		which = ins;
	} else if (old_import == import_id) {
		*result = old == count ? IVP__PUT_DUP_SAME : IVP__PUT_DUP_DIFF;
		return 0;
	} else if (old == count) {
		*result = IVP__PUT_SAME;
		return 0;
	} else {
		*result = IVP__PUT_CHANGED;
		which = upd;
	}
	pg_int(&p, count);
	pg_int(&p, import_id);
	return ivp__pg_exec(s, which, &p, NULL) ? -1 : ivp__pg_touched(s);
}

/* ---- queries ----------------------------------------------------------------- */

static int pg_population(ivp__store *st, const char *area, int year, const char *group,
			 int64_t *count, int64_t *import_id)
{
	static const char *const sql = "SELECT p.count, p.import_id FROM population p "
				       "WHERE p.area_id=(SELECT id FROM area WHERE code=$1) AND p.age_group=$2 AND p.year=$3";
	pg_params p;
	PGresult *r;
	int n;

	if ((n = ivp__pg_snap_population(PG(st), area, year, group, count, import_id)) != 2)
		return n;
	pg_init(&p);
	pg_text(&p, area);
	pg_text(&p, group);
	pg_int(&p, year);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n) {
		*count = ivp__pg_int(r, 0, 0);
		*import_id = ivp__pg_int(r, 0, 1);
	}
	PQclear(r);
	return n ? 0 : 1;
}

static int pg_areas_under(ivp__store *st, const char *parent, const char *level, ivp__row_cb cb,
			  void *ud)
{
	static const char *const sql =
		"WITH RECURSIVE sub(code) AS (SELECT code FROM area WHERE parent=$1 "
		"UNION SELECT a.code FROM area a JOIN sub ON a.parent=sub.code) "
		"SELECT a.code FROM sub JOIN area a ON a.code=sub.code WHERE a.level=$2 ORDER BY a.code";
	pg_params p;

	pg_init(&p);
	pg_text(&p, parent);
	pg_text(&p, level);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

#define LATEST_POP(col)                                                                     \
	"(SELECT p." col " FROM population p WHERE p.area_id=a.id AND p.age_group='total' " \
	"ORDER BY p.year DESC LIMIT 1)"

static int pg_areas_list(ivp__store *st, const char *under, ivp__row_cb cb, void *ud)
{
	static const char *const all =
		"SELECT a.code, a.name, a.level, a.parent, " LATEST_POP("count") ", " LATEST_POP("year") " "
													 "FROM area a ORDER BY CASE a.level WHEN 'NL' THEN 0 WHEN 'LD' THEN 1 WHEN 'PV' THEN 2 WHEN 'RE' THEN 3 "
													 "WHEN 'GM' THEN 4 WHEN 'CR' THEN 5 WHEN 'WK' THEN 6 ELSE 7 END, a.code";
	static const char *const sub =
		"WITH RECURSIVE sub(code) AS (SELECT code FROM area WHERE parent=$1 "
		"UNION SELECT a.code FROM area a JOIN sub ON a.parent=sub.code) "
		"SELECT a.code, a.name, a.level, a.parent, " LATEST_POP("count") ", " LATEST_POP("year") " "
													 "FROM sub JOIN area a ON a.code=sub.code ORDER BY a.code";
	pg_params p;

	pg_init(&p);
	if (under)
		pg_text(&p, under);
	return ivp__pg_query_rows(PG(st), under ? sub : all, &p, cb, ud);
}

static int pg_sources_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT id, kind, layout, file_name, sha256, options, rows, missing, skipped, imported_by, "
		"started_at, finished_at FROM import WHERE finished_at IS NOT NULL ORDER BY id";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static int pg_defs_list(ivp__store *st, int latest_only,
			int (*cb)(void *ud, const ivp__indicator_def *d), void *ud)
{
	static const char *const sql =
		"SELECT key, version, classification, kind, name_nl, name_en, codes, per, population_group, "
		"source_tables, note FROM indicator_def d WHERE $1 = 0 OR (key, classification, version) IN "
		"(SELECT key, classification, MAX(version) FROM indicator_def GROUP BY key, classification) "
		"ORDER BY CASE kind WHEN 'total' THEN 0 WHEN 'bbv' THEN 1 WHEN 'hic' THEN 2 ELSE 3 END, "
		"key, classification DESC, version";
	pg_store *s = PG(st);
	ivp__indicator_def d;
	pg_params p;
	PGresult *r;
	int i, n;

	pg_init(&p);
	pg_int(&p, latest_only);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		memset(&d, 0, sizeof(d));
		ivp__pg_copy(r, i, 0, d.key, sizeof(d.key));
		d.version = (int)ivp__pg_int(r, i, 1);
		ivp__pg_copy(r, i, 2, d.classification, sizeof(d.classification));
		ivp__pg_copy(r, i, 3, d.kind, sizeof(d.kind));
		ivp__pg_copy(r, i, 4, d.name_nl, sizeof(d.name_nl));
		ivp__pg_copy(r, i, 5, d.name_en, sizeof(d.name_en));
		ivp__pg_copy(r, i, 6, d.codes, sizeof(d.codes));
		d.per = (int)ivp__pg_int(r, i, 7);
		ivp__pg_copy(r, i, 8, d.population_group, sizeof(d.population_group));
		ivp__pg_copy(r, i, 9, d.source_tables, sizeof(d.source_tables));
		ivp__pg_copy(r, i, 10, d.note, sizeof(d.note));
		if (cb(ud, &d)) {
			PQclear(r);
			return ivp__pg_stop(s);
		}
	}
	PQclear(r);
	return 0;
}

static int pg_def_add(ivp__store *st, const ivp__indicator_def *d)
{
	static const char *const sql =
		"INSERT INTO indicator_def(key, version, classification, kind, name_nl, name_en, codes, per, "
		"population_group, source_tables, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)";
	pg_store *s = PG(st);
	pg_params p;

	pg_init(&p);
	pg_text(&p, d->key);
	pg_int(&p, d->version);
	pg_text(&p, d->classification);
	pg_text(&p, d->kind);
	pg_text(&p, d->name_nl);
	pg_text(&p, d->name_en);
	pg_text(&p, d->codes);
	pg_int(&p, d->per);
	pg_text(&p, d->population_group);
	pg_text(&p, d->source_tables);
	pg_text(&p, d->note);
	return ivp__pg_exec(s, sql, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int pg_types_list(ivp__store *st, const char *classification, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT code, title FROM crime_type WHERE classification=$1 ORDER BY id";
	pg_params p;

	pg_init(&p);
	pg_text(&p, classification);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int pg_counts(ivp__store *st, int64_t *facts, int64_t *areas, int64_t *pops,
		     int64_t *types)
{
	static const char *const sql =
		"SELECT (SELECT COALESCE(SUM(nfacts),0)::bigint FROM series), (SELECT COUNT(*) FROM area), "
		"(SELECT COUNT(*) FROM population), (SELECT COUNT(*) FROM crime_type)";
	pg_store *s = PG(st);
	PGresult *r;

	if (ivp__pg_series_flush(s) || ivp__pg_query(s, sql, NULL, &r))
		return -1;
	*facts = ivp__pg_int(r, 0, 0);
	*areas = ivp__pg_int(r, 0, 1);
	*pops = ivp__pg_int(r, 0, 2);
	*types = ivp__pg_int(r, 0, 3);
	PQclear(r);
	return 0;
}

const ivp__store_ops ivp__pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.errmsg = pg_errmsg,
	.errcode = pg_errcode,
	.schema_version = pg_version,
	.data_version = pg_data_version,
	.replication = pg_replication,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.read_begin = pg_read_begin,
	.read_end = pg_read_end,
	.scope = pg_scope,
	.import_find = pg_import_find,
	.import_add = pg_import_add,
	.import_finish = pg_import_finish,
	.area_put = pg_area_put,
	.area_by_name = pg_area_by_name,
	.area_get = pg_area_get,
	.type_put = pg_type_put,
	.type_by_title = pg_type_by_title,
	.type_get = pg_type_get,
	.period_put = pg_period_put,
	.fact_put = pg_fact_put,
	.pop_put = pg_pop_put,
	.year_counts = ivp__pg_year_counts,
	.population = pg_population,
	.has_classification = ivp__pg_has_class,
	.level_years = ivp__pg_level_years,
	.areas_under = pg_areas_under,
	.areas_list = pg_areas_list,
	.sources_list = pg_sources_list,
	.month_counts = ivp__pg_month_counts,
	.defs_list = pg_defs_list,
	.def_add = pg_def_add,
	.types_list = pg_types_list,
	.counts = pg_counts,
	.plan = &ivp__pg_plan_ops,
	.auth = &ivp__pg_auth_ops,
	.geo = &ivp__pg_geo_ops,
	.group = &ivp__pg_group_ops,
	.report = &ivp__pg_report_ops,
	.org = &ivp__pg_org_ops,
	.copy = &ivp__pg_copy_ops,
	.audit = &ivp__pg_audit_ops,
	.particip = &ivp__pg_particip_ops,
	.signal = &ivp__pg_signal_ops,
	.reg = &ivp__pg_reg_ops,
	.cases = &ivp__pg_case_ops,
};
