/*
 * sqlite_store.c — the SQLite engine behind store.h (the default).
 *
 * One connection per store, WAL journal, foreign keys on, the file created
 * 0600 whatever the umask (-wal and -shm take the database file's mode,
 * SQLite's findCreateFileMode), migrations from
 * migrations.c applied at open. Every statement is prepared once, on first
 * use, and kept in `st[]` (prepared statements only; no SQL is ever built
 * from input). Area and type ids are looked up by code through a one-entry
 * cache each, which makes the common import pattern (many rows for the same
 * area or type in a row) cheap.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/engine.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_int.h"

enum {
	S_IMPORT_FIND,
	S_IMPORT_ADD,
	S_IMPORT_FINISH,
	S_AREA_PUT,
	S_ALIAS_PUT,
	S_AREA_BY_NAME,
	S_AREA_GET,
	S_TYPE_PUT,
	S_TYPE_DEF,
	S_TYPE_BY_TITLE,
	S_TYPE_GET,
	S_PERIOD_PUT,
	S_POP_GET,
	S_POP_INS,
	S_POP_UPD,
	S_POPULATION,
	S_AREAS_UNDER,
	S_AREAS_ALL,
	S_AREAS_UNDER_ALL,
	S_SOURCES,
	S_DEFS,
	S_DEF_ADD,
	S_TYPES,
	S_COUNTS,
	S_DATA_VERSION,
	S_COUNT
};

_Static_assert(S_COUNT <= IVP__SQ_STMTS, "raise IVP__SQ_STMTS");

static const char *const sql[S_COUNT] = {
	[S_IMPORT_FIND] = "SELECT id, started_at FROM import WHERE kind=?1 AND sha256=?2 AND options=?3 AND finished_at IS NOT NULL",
	[S_IMPORT_ADD] = "INSERT INTO import(kind, layout, file_name, sha256, options, imported_by, started_at) VALUES (?1,?2,?3,?4,?5,?6,strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
	[S_IMPORT_FINISH] = "UPDATE import SET rows=?2, missing=?3, skipped=?4, sha256=COALESCE(?5, sha256), "
			    "finished_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1",
	[S_AREA_PUT] = "INSERT INTO area(code, name, level, parent, import_id) VALUES (?1,?2,?3,?4,?5) "
		       "ON CONFLICT(code) DO UPDATE SET name=excluded.name, level=excluded.level, "
		       "parent=COALESCE(excluded.parent, area.parent), import_id=excluded.import_id "
		       "WHERE area.name IS NOT excluded.name OR area.parent IS NOT COALESCE(excluded.parent, area.parent)",
	[S_ALIAS_PUT] = "INSERT OR IGNORE INTO area_alias(name, code) VALUES (?1, ?2)",
	[S_AREA_BY_NAME] = "SELECT a.code, CASE a.level WHEN 'NL' THEN 0 WHEN 'LD' THEN 1 WHEN 'PV' THEN 1 WHEN 'RE' THEN 1 "
			   "WHEN 'GM' THEN 2 WHEN 'CR' THEN 3 WHEN 'WK' THEN 4 ELSE 5 END AS rank "
			   "FROM area_alias n JOIN area a ON a.code=n.code WHERE n.name=?1 AND a.level NOT IN ('WK','BU') ORDER BY rank LIMIT 2",
	[S_AREA_GET] = "SELECT name, level, parent FROM area WHERE code=?1",
	[S_TYPE_PUT] = "INSERT INTO crime_type(classification, code, title, import_id) VALUES (?1,?2,?3,?4) "
		       "ON CONFLICT(code) DO UPDATE SET title=excluded.title, import_id=excluded.import_id "
		       "WHERE crime_type.title IS NOT excluded.title",
	[S_TYPE_DEF] = "INSERT OR IGNORE INTO indicator_def(key, version, classification, kind, name_nl, name_en, codes, source_tables, note) "
		       "VALUES (?1, 1, ?2, 'type', ?3, ?3, ?1, CASE ?2 WHEN 'cbs' THEN 'CBS 83648NED' ELSE 'Politie 47013NED (gemeente) or 47018NED (wijk/buurt)' END, "
		       "'One SoortMisdrijf code, defined when its code list was imported.')",
	[S_TYPE_BY_TITLE] = "SELECT code FROM crime_type WHERE title=?1 COLLATE NOCASE",
	[S_TYPE_GET] = "SELECT title FROM crime_type WHERE code=?1",
	[S_PERIOD_PUT] = "INSERT INTO period(period, title, status, import_id) VALUES (?1,?2,?3,?4) "
			 "ON CONFLICT(period) DO UPDATE SET title=excluded.title, status=excluded.status, import_id=excluded.import_id "
			 "WHERE period.status IS NOT excluded.status OR period.title IS NOT excluded.title",
	[S_POP_GET] = "SELECT count, import_id FROM population WHERE area_id=?1 AND age_group=?2 AND year=?3",
	[S_POP_INS] = "INSERT INTO population(area_id, age_group, year, count, import_id) VALUES (?1,?2,?3,?4,?5)",
	[S_POP_UPD] = "UPDATE population SET count=?4, import_id=?5 WHERE area_id=?1 AND age_group=?2 AND year=?3",
	[S_POPULATION] = "SELECT p.count, p.import_id FROM population p WHERE p.area_id=(SELECT id FROM area WHERE code=?1) "
			 "AND p.age_group=?2 AND p.year=?3",
	[S_AREAS_UNDER] = "WITH RECURSIVE sub(code) AS (SELECT code FROM area WHERE parent=?1 "
			  "UNION SELECT a.code FROM area a JOIN sub ON a.parent=sub.code) "
			  "SELECT a.code FROM sub JOIN area a ON a.code=sub.code WHERE a.level=?2 ORDER BY a.code",
	[S_AREAS_ALL] = "SELECT a.code, a.name, a.level, a.parent, "
			"(SELECT p.count FROM population p WHERE p.area_id=a.id AND p.age_group='total' ORDER BY p.year DESC LIMIT 1), "
			"(SELECT p.year FROM population p WHERE p.area_id=a.id AND p.age_group='total' ORDER BY p.year DESC LIMIT 1) "
			"FROM area a ORDER BY CASE a.level WHEN 'NL' THEN 0 WHEN 'LD' THEN 1 WHEN 'PV' THEN 2 WHEN 'RE' THEN 3 "
			"WHEN 'GM' THEN 4 WHEN 'CR' THEN 5 WHEN 'WK' THEN 6 ELSE 7 END, a.code",
	[S_AREAS_UNDER_ALL] = "WITH RECURSIVE sub(code) AS (SELECT code FROM area WHERE parent=?1 "
			      "UNION SELECT a.code FROM area a JOIN sub ON a.parent=sub.code) "
			      "SELECT a.code, a.name, a.level, a.parent, "
			      "(SELECT p.count FROM population p WHERE p.area_id=a.id AND p.age_group='total' ORDER BY p.year DESC LIMIT 1), "
			      "(SELECT p.year FROM population p WHERE p.area_id=a.id AND p.age_group='total' ORDER BY p.year DESC LIMIT 1) "
			      "FROM sub JOIN area a ON a.code=sub.code ORDER BY a.code",
	[S_SOURCES] = "SELECT id, kind, layout, file_name, sha256, options, rows, missing, skipped, imported_by, started_at, finished_at "
		      "FROM import WHERE finished_at IS NOT NULL ORDER BY id",
	[S_DEFS] = "SELECT key, version, classification, kind, name_nl, name_en, codes, per, population_group, source_tables, note "
		   "FROM indicator_def d WHERE ?1 = 0 OR version = (SELECT MAX(version) FROM indicator_def d2 "
		   "WHERE d2.key=d.key AND d2.classification=d.classification) "
		   "ORDER BY CASE kind WHEN 'total' THEN 0 WHEN 'bbv' THEN 1 WHEN 'hic' THEN 2 ELSE 3 END, key, classification DESC, version",
	[S_DEF_ADD] = "INSERT INTO indicator_def(key, version, classification, kind, name_nl, name_en, codes, per, population_group, source_tables, note) "
		      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
	[S_TYPES] = "SELECT code, title FROM crime_type WHERE classification=?1 ORDER BY id",
	[S_COUNTS] = "SELECT (SELECT COALESCE(SUM(nfacts),0) FROM series), (SELECT COUNT(*) FROM area), (SELECT COUNT(*) FROM population), (SELECT COUNT(*) FROM crime_type)",
	[S_DATA_VERSION] = "PRAGMA data_version",
};

static sqlite3_stmt *stmt(sq_store *s, int i)
{
	return ivp__sq_stmt(s, &s->st[i], sql[i]);
}

static int exec(sq_store *s, const char *q)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, q, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(s->err, sizeof(s->err), "%s", msg ? msg : "sqlite error");
		sqlite3_free(msg);
		s->errcode = (sqlite3_errcode(s->db) & 0xff) == SQLITE_NOMEM ? IVP__SE_NOMEM : IVP__SE_ERROR;
		return -1;
	}
	return 0;
}

/* 1 when migration `version` ran on this database, 0 when not, -1 */
static int applied(sq_store *s, int version)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM schema_migrations WHERE version=?1", -1, &q,
			       NULL) != SQLITE_OK)
		return ivp__sq_fail(s);
	sqlite3_bind_int(q, 1, version);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ivp__sq_fail(s);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

static int migrate(sq_store *s)
{
	sqlite3_stmt *q;
	int i, r, have = 0;

	if (exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
		    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"))
		return -1;
	if (sqlite3_prepare_v2(s->db, "SELECT COALESCE(MAX(version),0) FROM schema_migrations",
			       -1, &q, NULL) != SQLITE_OK)
		return ivp__sq_fail(s);
	if (sqlite3_step(q) != SQLITE_ROW) { /* not "no migrations yet" */
		ivp__sq_fail(s);
		sqlite3_finalize(q);
		return -1;
	}
	have = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	/* Each migration not recorded runs, also one below the highest: the
	 * numbers are handed out to parallel work (8 and 9 may land in either
	 * order), so a database may have 9 before 8 exists. */
	for (i = 0; i < ivp__sqlite_nmigrations; i++) {
		const ivp__migration *m = &ivp__sqlite_migrations[i];

		if ((r = applied(s, m->version)) < 0)
			return -1;
		if (r)
			continue;
		if (exec(s, "BEGIN IMMEDIATE"))
			return -1;
		if (exec(s, m->sql))
			goto bad;
		if (m->fn && (r = m->fn(s->db, s->err, sizeof(s->err)))) {
			s->errcode = r == -2 ? IVP__SE_NOMEM : IVP__SE_ERROR;
			goto bad;
		}
		if (m->sql_after && exec(s, m->sql_after))
			goto bad;
		if (sqlite3_prepare_v2(s->db, "INSERT INTO schema_migrations VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
				       -1, &q, NULL) != SQLITE_OK)
			goto bad_db;
		sqlite3_bind_int(q, 1, m->version);
		if (sqlite3_step(q) != SQLITE_DONE) {
			sqlite3_finalize(q);
			goto bad_db;
		}
		sqlite3_finalize(q);
		if (exec(s, "COMMIT"))
			goto bad;
		if (m->version > have)
			have = m->version;
	}
	if (have > ivp__sqlite_migrations[ivp__sqlite_nmigrations - 1].version) {
		return ivp__sq_failf(s, "database schema version %d is newer than this ivp knows (%d); upgrade ivp",
				     have, ivp__sqlite_migrations[ivp__sqlite_nmigrations - 1].version);
	}
	s->version = have;
	return 0;
bad_db:
	ivp__sq_fail(s);
bad:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static void sq_close(ivp__store *st)
{
	sq_store *s = SQ(st);
	int i;

	if (!s)
		return;
	/* counts written outside a transaction are still in the cache */
	sqlite3_finalize(s->rollback);
	if (s->db && sqlite3_get_autocommit(s->db))
		ivp__sq_series_flush(s);
	ivp__sq_series_close(s);
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	ivp__sqlite_plan_ops.close(st);
	ivp__sqlite_auth_ops.close(st);
	ivp__sqlite_report_ops.close(st);
	for (i = 0; s->copy && i < ivp__copy_ntables; i++)
		sqlite3_finalize(s->copy[i]);
	free(s->copy);
	ivp__sqlite_audit_ops.close(st);
	sqlite3_close(s->db);
	free(s);
}

/*
 * The tenant rule of PostgreSQL's migration 17, as SQL functions of this
 * connection (docs/tenancy.md): ivp_tenant_ok(m) is true for every row when
 * the connection acts for the whole deployment ("*"), else for the rows of
 * its municipality and, when it is the deployment's first, the rows of ''
 * (NULL for a NULL m, as PostgreSQL's comparison gives); ivp_tenant_default()
 * is what a new row holds: '' for the whole deployment, else the scope.
 */
static void tenant_ok(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const sq_store *s = sqlite3_user_data(c);
	const unsigned char *m = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!strcmp(s->scope, "*"))
		sqlite3_result_int(c, 1);
	else if (!m)
		sqlite3_result_null(c);
	else
		sqlite3_result_int(c, !strcmp((const char *)m, s->scope) || (!*m && s->unbound));
}

static void tenant_default(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const sq_store *s = sqlite3_user_data(c);

	(void)argc;
	(void)argv;
	sqlite3_result_text(c, strcmp(s->scope, "*") ? s->scope : "", -1, SQLITE_TRANSIENT);
}

/* ivp_tenant_key() (migration 20): the municipality of a row whose key is
 * per municipality — the priority matrix's entries. The deployment's first
 * municipality holds its rows under '', acting for it or for the whole
 * deployment alike, so that the web (acting for it) and the CLI (for the
 * whole deployment) write the same row. */
static void tenant_key(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const sq_store *s = sqlite3_user_data(c);

	(void)argc;
	(void)argv;
	sqlite3_result_text(c, strcmp(s->scope, "*") && !s->unbound ? s->scope : "", -1, SQLITE_TRANSIENT);
}

static int tenant_functions(sq_store *s)
{
	if (sqlite3_create_function(s->db, "ivp_tenant_ok", 1, SQLITE_UTF8, s, tenant_ok, NULL, NULL) ||
	    sqlite3_create_function(s->db, "ivp_tenant_key", 0, SQLITE_UTF8, s, tenant_key, NULL, NULL) ||
	    sqlite3_create_function(s->db, "ivp_tenant_default", 0, SQLITE_UTF8, s, tenant_default, NULL,
				    NULL))
		return ivp__sq_fail(s);
	return 0;
}

/* ivp__store_ops.scope: what the connection acts for, read by the functions above */
static int sq_scope(ivp__store *st, const char *municipality, int unbound)
{
	sq_store *s = SQ(st);

	snprintf(s->scope, sizeof(s->scope), "%s", municipality && *municipality ? municipality : "*");
	s->unbound = unbound;
	return 0;
}

static int sq_open(const char *path, ivp__store **out, char *err, size_t errsz)
{
	sq_store *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (!s || ivp__sq_init()) {
		free(s);
		snprintf(err, errsz, "out of memory");
		return IVP__SE_OPEN_NOMEM;
	}
	s->base.ops = &ivp__sqlite_ops;
	snprintf(s->scope, sizeof(s->scope), "*");
	s->unbound = 1;
	/* a file that cannot be made here fails in sqlite3_open_v2, with its message */
	(void)ivp__sq_create_private(path);
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errsz, "%s", s->db ? sqlite3_errmsg(s->db) : "cannot open");
		sq_close(&s->base);
		return (rc & 0xff) == SQLITE_NOMEM ? IVP__SE_OPEN_NOMEM : IVP__SE_OPEN_FAIL;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	if (exec(s, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;") ||
	    tenant_functions(s) || migrate(s) ||
	    (sqlite3_prepare_v2(s->db, "ROLLBACK", -1, &s->rollback, NULL) != SQLITE_OK && ivp__sq_fail(s))) {
		snprintf(err, errsz, "%s", s->err);
		rc = s->errcode == IVP__SE_NOMEM ? IVP__SE_OPEN_NOMEM : IVP__SE_OPEN_FAIL;
		sq_close(&s->base);
		return rc;
	}
	*out = &s->base;
	return 0;
}

static const char *sq_errmsg(ivp__store *s) { return SQ(s)->err; }
static int sq_errcode(ivp__store *s) { return SQ(s)->errcode; }
static int sq_version(ivp__store *s) { return SQ(s)->version; }
static int sq_begin(ivp__store *st)
{
	sq_store *s = SQ(st);

	if (ivp__sq_series_release(s) || exec(s, "BEGIN IMMEDIATE"))
		return -1;
	s->in_txn = 1;
	return 0;
}

/* PRAGMA data_version: changes when another connection (or process) commits. */
static int sq_data_version(ivp__store *st, int64_t *v)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_DATA_VERSION);
	int rc;

	if (!q)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 0 : ivp__sq_fail(s);
}
static int sq_commit(ivp__store *st)
{
	sq_store *s = SQ(st);

	if (ivp__sq_series_flush(s) || exec(s, "COMMIT"))
		return -1;
	s->in_txn = 0;
	return ivp__sq_series_release(s);
}

static int sq_read_begin(ivp__store *st)
{
	sq_store *s = SQ(st);

	if (!sqlite3_get_autocommit(s->db))
		return 0;
	if (ivp__sq_series_flush(s))
		return -1;
	return exec(s, "BEGIN") ? -1 : 1;
}

static void sq_read_end(ivp__store *st, int opened)
{
	sq_store *s = SQ(st);

	if (opened == 1 && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

static int sq_rollback(ivp__store *st)
{
	sq_store *s = SQ(st);

	/* unwritten series go; cached ids may name rows the rollback removes */
	ivp__sq_series_rollback(s);
	s->in_txn = 0;
	if (sqlite3_get_autocommit(s->db))
		return 0;
	if (s->rollback) {
		int rc = sqlite3_step(s->rollback);

		sqlite3_reset(s->rollback);
		if (rc == SQLITE_DONE)
			return 0;
	}
	return exec(s, "ROLLBACK");
}

static int sq_import_find(ivp__store *st, const char *kind, const char *sha,
			  const char *options, int64_t *id, char when[32])
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_IMPORT_FIND);
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, kind);
	ivp__sq_bind_text(q, 2, sha);
	ivp__sq_bind_text(q, 3, options ? options : "");
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		ivp__sq_copy_col(q, 1, when, 32);
		sqlite3_reset(q);
		return 0;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 1 : ivp__sq_fail(s);
}

static int sq_import_add(ivp__store *st, const ivp__import_rec *r, int64_t *id)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_IMPORT_ADD);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, r->kind);
	ivp__sq_bind_text(q, 2, r->layout);
	ivp__sq_bind_text(q, 3, r->file_name);
	ivp__sq_bind_text(q, 4, r->sha256);
	ivp__sq_bind_text(q, 5, r->options ? r->options : "");
	ivp__sq_bind_text(q, 6, r->user ? r->user : "unknown");
	if (ivp__sq_done(s, q))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int sq_import_finish(ivp__store *st, int64_t id, int64_t rows,
			    int64_t missing, int64_t skipped, const char *sha256)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_IMPORT_FINISH);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, rows);
	sqlite3_bind_int64(q, 3, missing);
	sqlite3_bind_int64(q, 4, skipped);
	ivp__sq_bind_text(q, 5, sha256);
	return ivp__sq_done(s, q);
}

static int sq_area_put(ivp__store *st, const char *code, const char *name,
		       const char *level, const char *parent, int64_t import_id)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_AREA_PUT);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, code);
	ivp__sq_bind_text(q, 2, name);
	ivp__sq_bind_text(q, 3, level);
	ivp__sq_bind_text(q, 4, parent);
	sqlite3_bind_int64(q, 5, import_id);
	if (ivp__sq_done(s, q))
		return -1;
	q = stmt(s, S_ALIAS_PUT);
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	ivp__sq_bind_text(q, 2, code);
	return ivp__sq_done(s, q);
}

static int sq_area_by_name(ivp__store *st, const char *name, char code[16],
			   int *ambiguous)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_AREA_BY_NAME);
	int rc, rank0 = -1, found = 0;

	*ambiguous = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int rank = sqlite3_column_int(q, 1);

		if (!found) {
			ivp__sq_copy_col(q, 0, code, 16);
			rank0 = rank;
			found = 1;
		} else if (rank == rank0) {
			*ambiguous = 1;
		}
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return ivp__sq_fail(s);
	return found ? 0 : 1;
}

static int sq_area_get(ivp__store *st, const char *code, char name[256],
		       char level[4], char parent[16])
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_AREA_GET);
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, code);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		if (name)
			ivp__sq_copy_col(q, 0, name, 256);
		if (level)
			ivp__sq_copy_col(q, 1, level, 4);
		if (parent)
			ivp__sq_copy_col(q, 2, parent, 16);
		sqlite3_reset(q);
		return 0;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 1 : ivp__sq_fail(s);
}

static int sq_type_put(ivp__store *st, const char *classification,
		       const char *code, const char *title, int64_t import_id)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_TYPE_PUT);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, classification);
	ivp__sq_bind_text(q, 2, code);
	ivp__sq_bind_text(q, 3, title);
	sqlite3_bind_int64(q, 4, import_id);
	if (ivp__sq_done(s, q))
		return -1;
	/* every single code is an indicator of its own (version 1) */
	q = stmt(s, S_TYPE_DEF);
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, code);
	ivp__sq_bind_text(q, 2, classification);
	ivp__sq_bind_text(q, 3, title);
	return ivp__sq_done(s, q);
}

static int one_text(sq_store *s, int which, const char *key, char *out, size_t outsz)
{
	sqlite3_stmt *q = stmt(s, which);
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, key);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		if (out)
			ivp__sq_copy_col(q, 0, out, outsz);
		sqlite3_reset(q);
		return 0;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 1 : ivp__sq_fail(s);
}

static int sq_type_by_title(ivp__store *st, const char *title, char code[16])
{
	return one_text(SQ(st), S_TYPE_BY_TITLE, title, code, 16);
}

static int sq_type_get(ivp__store *st, const char *code, char title[256])
{
	return one_text(SQ(st), S_TYPE_GET, code, title, 256);
}

static int sq_period_put(ivp__store *st, int period, const char *title,
			 const char *status, int64_t import_id)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_PERIOD_PUT);

	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, period);
	ivp__sq_bind_text(q, 2, title);
	ivp__sq_bind_text(q, 3, status);
	sqlite3_bind_int64(q, 4, import_id);
	return ivp__sq_done(s, q);
}

/* Insert or update one population figure; *result as for facts. */
static int upsert_pop(sq_store *s, int64_t a, const char *group, int year,
		      int64_t count, int64_t import_id, int *result)
{
	sqlite3_stmt *q = stmt(s, S_POP_GET);
	int rc, which;
	int64_t old = 0, old_import = 0;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, a);
	ivp__sq_bind_text(q, 2, group);
	sqlite3_bind_int(q, 3, year);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		old = sqlite3_column_int64(q, 0);
		old_import = sqlite3_column_int64(q, 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ivp__sq_fail(s);
	if (rc == SQLITE_DONE) {
		*result = IVP__PUT_NEW;
		which = S_POP_INS;
	} else if (old_import == import_id) {
		*result = old == count ? IVP__PUT_DUP_SAME : IVP__PUT_DUP_DIFF;
		return 0;
	} else if (old == count) {
		*result = IVP__PUT_SAME;
		return 0;
	} else {
		*result = IVP__PUT_CHANGED;
		which = S_POP_UPD;
	}
	q = stmt(s, which);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, a);
	ivp__sq_bind_text(q, 2, group);
	sqlite3_bind_int(q, 3, year);
	sqlite3_bind_int64(q, 4, count);
	sqlite3_bind_int64(q, 5, import_id);
	return ivp__sq_done(s, q);
}

static int sq_fact_put(ivp__store *st, const char *area, const char *type,
		       int period, int64_t count, int provisional,
		       int64_t import_id, int *result)
{
	return ivp__sq_fact_put(SQ(st), area, type, period, count, provisional,
				import_id, result);
}

static int sq_pop_put(ivp__store *st, const char *area, int year,
		      const char *group, int64_t count, int64_t import_id,
		      int *result)
{
	sq_store *s = SQ(st);
	int64_t aid;
	int rc = ivp__sq_area_id(s, area, &aid);

	if (rc)
		return rc;
	return upsert_pop(s, aid, group, year, count, import_id, result);
}

static int sq_year_counts(ivp__store *st, const char *area, int year,
			  ivp__type_count *types, int ntypes)
{
	return ivp__sq_year_counts(SQ(st), area, year, types, ntypes);
}

static int sq_population(ivp__store *st, const char *area, int year,
			 const char *group, int64_t *count, int64_t *import_id)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_POPULATION);
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, area);
	ivp__sq_bind_text(q, 2, group);
	sqlite3_bind_int(q, 3, year);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(q, 0);
		*import_id = sqlite3_column_int64(q, 1);
	}
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : ivp__sq_fail(s);
}

static int sq_has_class(ivp__store *st, const char *area, int year,
			const char *classification, int *has)
{
	return ivp__sq_has_class(SQ(st), area, year, classification, has);
}

static int sq_areas_under(ivp__store *st, const char *parent, const char *level,
			  ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_AREAS_UNDER);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, parent);
	ivp__sq_bind_text(q, 2, level);
	return ivp__sq_rows(s, q, cb, ud);
}

static int sq_areas_list(ivp__store *st, const char *under, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, under ? S_AREAS_UNDER_ALL : S_AREAS_ALL);

	if (!q)
		return -1;
	if (under)
		ivp__sq_bind_text(q, 1, under);
	return ivp__sq_rows(s, q, cb, ud);
}

static int sq_sources_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_SOURCES);

	return q ? ivp__sq_rows(s, q, cb, ud) : -1;
}

static int sq_month_counts(ivp__store *st, const char *area, const char *type,
			   int from, int to, ivp__row_cb cb, void *ud)
{
	return ivp__sq_month_counts(SQ(st), area, type, from, to, cb, ud);
}

static int sq_defs_list(ivp__store *st, int latest_only,
			int (*cb)(void *ud, const ivp__indicator_def *d), void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_DEFS);
	ivp__indicator_def d;
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, latest_only);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(&d, 0, sizeof(d));
		ivp__sq_copy_col(q, 0, d.key, sizeof(d.key));
		d.version = sqlite3_column_int(q, 1);
		ivp__sq_copy_col(q, 2, d.classification, sizeof(d.classification));
		ivp__sq_copy_col(q, 3, d.kind, sizeof(d.kind));
		ivp__sq_copy_col(q, 4, d.name_nl, sizeof(d.name_nl));
		ivp__sq_copy_col(q, 5, d.name_en, sizeof(d.name_en));
		ivp__sq_copy_col(q, 6, d.codes, sizeof(d.codes));
		d.per = sqlite3_column_int(q, 7);
		ivp__sq_copy_col(q, 8, d.population_group, sizeof(d.population_group));
		ivp__sq_copy_col(q, 9, d.source_tables, sizeof(d.source_tables));
		ivp__sq_copy_col(q, 10, d.note, sizeof(d.note));
		if (cb(ud, &d)) {
			sqlite3_reset(q);
			return ivp__sq_stop(s);
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : ivp__sq_fail(s);
}

static int sq_def_add(ivp__store *st, const ivp__indicator_def *d)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_DEF_ADD);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, d->key);
	sqlite3_bind_int(q, 2, d->version);
	ivp__sq_bind_text(q, 3, d->classification);
	ivp__sq_bind_text(q, 4, d->kind);
	ivp__sq_bind_text(q, 5, d->name_nl);
	ivp__sq_bind_text(q, 6, d->name_en);
	ivp__sq_bind_text(q, 7, d->codes);
	sqlite3_bind_int(q, 8, d->per);
	ivp__sq_bind_text(q, 9, d->population_group);
	ivp__sq_bind_text(q, 10, d->source_tables);
	ivp__sq_bind_text(q, 11, d->note);
	return ivp__sq_done(s, q);
}

static int sq_types_list(ivp__store *st, const char *classification,
			 ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, S_TYPES);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, classification);
	return ivp__sq_rows(s, q, cb, ud);
}

static int sq_counts(ivp__store *st, int64_t *facts, int64_t *areas,
		     int64_t *pops, int64_t *types)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int rc;

	if (ivp__sq_series_flush(s) || !(q = stmt(s, S_COUNTS)))
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*facts = sqlite3_column_int64(q, 0);
		*areas = sqlite3_column_int64(q, 1);
		*pops = sqlite3_column_int64(q, 2);
		*types = sqlite3_column_int64(q, 3);
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 0 : ivp__sq_fail(s);
}

const ivp__store_ops ivp__sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.scope = sq_scope,
	.close = sq_close,
	.errmsg = sq_errmsg,
	.errcode = sq_errcode,
	.schema_version = sq_version,
	.data_version = sq_data_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.import_find = sq_import_find,
	.import_add = sq_import_add,
	.import_finish = sq_import_finish,
	.area_put = sq_area_put,
	.area_by_name = sq_area_by_name,
	.area_get = sq_area_get,
	.type_put = sq_type_put,
	.type_by_title = sq_type_by_title,
	.type_get = sq_type_get,
	.period_put = sq_period_put,
	.fact_put = sq_fact_put,
	.pop_put = sq_pop_put,
	.year_counts = sq_year_counts,
	.population = sq_population,
	.has_classification = sq_has_class,
	.level_years = ivp__sq_level_years,
	.areas_under = sq_areas_under,
	.areas_list = sq_areas_list,
	.sources_list = sq_sources_list,
	.month_counts = sq_month_counts,
	.defs_list = sq_defs_list,
	.def_add = sq_def_add,
	.types_list = sq_types_list,
	.counts = sq_counts,
	.plan = &ivp__sqlite_plan_ops,
	.auth = &ivp__sqlite_auth_ops,
	.geo = &ivp__sqlite_geo_ops,
	.group = &ivp__sqlite_group_ops,
	.report = &ivp__sqlite_report_ops,
	.org = &ivp__sqlite_org_ops,
	.copy = &ivp__sqlite_copy_ops,
	.audit = &ivp__sqlite_audit_ops,
	.particip = &ivp__sqlite_particip_ops,
	.signal = &ivp__sqlite_signal_ops,
	.reg = &ivp__sqlite_reg_ops,
	.cases = &ivp__sqlite_case_ops,
};
