/*
 * test_sqlite_file.c — tests of the SQLite engine that need the database
 * file itself, the one place outside src/store/sqlite/ that calls
 * sqlite3_ (the issue allows it): migration 5, from the old
 * one-row-per-fact layout written by hand into a file, to one row per
 * series. Every figure the old layout answered (yearly counts, months,
 * classifications, provenance) is read back through the door of store.h
 * after ivp_open migrates the file, and the file's tables are checked
 * afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/core.h"
#include "store/sqlite/migrations.h"
#include "store/plan_store.h"
#include "store/store.h"
#include "store_db.h"

static void exec_ok(sqlite3 *sq, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(sq, sql, NULL, NULL, &msg) != SQLITE_OK) {
		print_error("%.80s...: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		fail();
	}
}

static sqlite3_stmt *prep(sqlite3 *sq, const char *sql)
{
	sqlite3_stmt *q = NULL;

	if (sqlite3_prepare_v2(sq, sql, -1, &q, NULL) != SQLITE_OK) {
		print_error("%s: %s\n", sql, sqlite3_errmsg(sq));
		fail();
	}
	return q;
}

static int64_t one_int(sqlite3 *sq, const char *sql)
{
	sqlite3_stmt *q = prep(sq, sql);
	int64_t v;

	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

static void bind_key(sqlite3_stmt *q, const char *area, const char *type)
{
	sqlite3_bind_text(q, 1, area, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, type, -1, SQLITE_STATIC);
}

/* year_counts of one type as the store answered it before migration 5 */
static ivp__type_count old_year(sqlite3 *sq, const char *area, const char *type, int year)
{
	ivp__type_count tc;
	sqlite3_stmt *q;

	memset(&tc, 0, sizeof(tc));
	tc.code = type;
	q = prep(sq, "SELECT f.count, f.provisional, f.import_id FROM fact f "
		     "WHERE f.area_id=(SELECT id FROM area WHERE code=?1) AND "
		     "f.type_id=(SELECT id FROM crime_type WHERE code=?2) AND f.period=?3");
	bind_key(q, area, type);
	sqlite3_bind_int(q, 3, year * 100);
	if (sqlite3_step(q) == SQLITE_ROW) {
		tc.has = 1;
		tc.count = sqlite3_column_int64(q, 0);
		tc.provisional = sqlite3_column_int(q, 1);
		tc.import_id = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	if (tc.has)
		return tc;
	q = prep(sq, "SELECT COUNT(*), SUM(f.count), MAX(f.provisional), MAX(f.import_id) FROM fact f "
		     "WHERE f.area_id=(SELECT id FROM area WHERE code=?1) AND "
		     "f.type_id=(SELECT id FROM crime_type WHERE code=?2) "
		     "AND f.period BETWEEN ?3 + 1 AND ?3 + 12");
	bind_key(q, area, type);
	sqlite3_bind_int(q, 3, year * 100);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	if (sqlite3_column_int(q, 0) == 12) {
		tc.has = tc.from_months = 1;
		tc.count = sqlite3_column_int64(q, 1);
		tc.provisional = sqlite3_column_int(q, 2);
		tc.import_id = sqlite3_column_int64(q, 3);
	}
	sqlite3_finalize(q);
	return tc;
}

/* month_counts before migration 5, as "period:count;" */
static void old_months(sqlite3 *sq, const char *area, const char *type, int from, int to,
		       ivp__buf *out)
{
	sqlite3_stmt *q = prep(sq, "SELECT f.period, f.count FROM fact f "
				   "WHERE f.area_id=(SELECT id FROM area WHERE code=?1) AND "
				   "f.type_id=(SELECT id FROM crime_type WHERE code=?2) "
				   "AND f.period BETWEEN ?3 AND ?4 AND f.period % 100 BETWEEN 1 AND 12 "
				   "ORDER BY f.period");

	bind_key(q, area, type);
	sqlite3_bind_int(q, 3, from);
	sqlite3_bind_int(q, 4, to);
	while (sqlite3_step(q) == SQLITE_ROW)
		assert_int_equal(ivp__buf_printf(out, "%lld:%lld;", (long long)sqlite3_column_int64(q, 0),
						 (long long)sqlite3_column_int64(q, 1)),
				 0);
	sqlite3_finalize(q);
}

static int old_has_class(sqlite3 *sq, const char *area, int year, const char *cls)
{
	sqlite3_stmt *q = prep(sq, "SELECT EXISTS (SELECT 1 FROM crime_type t CROSS JOIN fact f "
				   "WHERE t.classification=?2 AND f.area_id=(SELECT id FROM area WHERE code=?1) "
				   "AND f.type_id=t.id AND f.period BETWEEN ?3 AND ?3 + 24)");
	int has;

	bind_key(q, area, cls);
	sqlite3_bind_int(q, 3, year * 100);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	has = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return has;
}

/* month_counts now, as "period:count;" and the import of every row in imports */
static int rows2_cb(void *ud, const char *const *cols, int n)
{
	ivp__buf *b = ud;

	assert_int_equal(n, 3);
	if (ivp__buf_printf(&b[0], "%s:%s;", cols[0], cols[1]))
		return -1;
	return ivp__buf_printf(&b[1], "%s;", cols[2]);
}

#define MIG_YEARS 4 /* 2019 .. 2022 */

static void test_migration5(void **state)
{
	static const char *const areas[] = { "GM0001", "GM0002" };
	static const char *const types[] = { "1.1.1", "CRI3000" };
	static const char *const classes[] = { "police", "cbs" };
	ivp__type_count want[2][2][MIG_YEARS];
	int want_class[2][2][MIG_YEARS];
	ivp__buf want_months_[2][2];
	db d;
	sqlite3 *old;
	sqlite3_stmt *q;
	int i, a, t, y, m;
	int64_t nfacts, imp;

	(void)state;
	db_temp(&d);
	assert_int_equal(sqlite3_open(d.path, &old), SQLITE_OK);
	/* the layout before migration 5, by hand */
	for (i = 0; i < 4; i++) {
		assert_int_equal(ivp__sqlite_migrations[i].version, i + 1);
		exec_ok(old, ivp__sqlite_migrations[i].sql);
	}
	exec_ok(old, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
		     "INSERT INTO schema_migrations VALUES (1,'2025-01-01T00:00:00Z'),(2,'2025-01-01T00:00:00Z'),"
		     "(3,'2025-01-01T00:00:00Z'),(4,'2025-01-01T00:00:00Z');"
		     "INSERT INTO import(id, kind, layout, file_name, sha256, imported_by, started_at, finished_at) VALUES"
		     " (1,'crime','statline','a.csv','aa','test','2025-01-01T00:00:00Z','2025-01-01T00:00:01Z'),"
		     " (2,'crime','statline','b.csv','bb','test','2025-02-01T00:00:00Z','2025-02-01T00:00:01Z');"
		     "INSERT INTO area(id, code, name, level, parent, import_id) VALUES"
		     " (1,'GM0001','Een','GM',NULL,1), (2,'GM0002','Twee','GM',NULL,1);"
		     "INSERT INTO crime_type(id, classification, code, title, import_id) VALUES"
		     " (1,'police','1.1.1','Diefstal/inbraak woning',1), (2,'cbs','CRI3000','Geweld',1);");
	q = prep(old, "INSERT INTO fact(area_id, type_id, period, count, provisional, import_id) "
		      "VALUES (?1,?2,?3,?4,?5,?6)");
#define OLD_FACT(a_, t_, p_, c_, prov_, imp_)                                \
	do {                                                                 \
		sqlite3_bind_int(q, 1, a_), sqlite3_bind_int(q, 2, t_);      \
		sqlite3_bind_int(q, 3, p_), sqlite3_bind_int64(q, 4, c_);    \
		sqlite3_bind_int(q, 5, prov_), sqlite3_bind_int(q, 6, imp_); \
		assert_int_equal(sqlite3_step(q), SQLITE_DONE);              \
		sqlite3_reset(q);                                            \
	} while (0)
	/* 2020: 12 months, December provisional from a later import */
	for (m = 1; m <= 11; m++)
		OLD_FACT(1, 1, 202000 + m, 10 + m, 0, 1);
	OLD_FACT(1, 1, 202012, 22, 1, 2);
	/* 2021: 12 months and the year figure, which wins; a quarter */
	for (m = 1; m <= 12; m++)
		OLD_FACT(1, 1, 202100 + m, 100 + m, 0, 1);
	OLD_FACT(1, 1, 202100, 500, 0, 1);
	OLD_FACT(1, 1, 202121, 40, 0, 1);
	/* 2022: a provisional year figure and one month of a large count */
	OLD_FACT(2, 2, 202200, 7, 1, 2);
	OLD_FACT(2, 2, 202201, ((int64_t)1 << 53) + 1, 0, 2);
	/* 2019: 5 months only */
	for (m = 1; m <= 5; m++)
		OLD_FACT(2, 1, 201900 + m, m, 0, 1);
#undef OLD_FACT
	sqlite3_finalize(q);
	nfacts = one_int(old, "SELECT COUNT(*) FROM fact");
	assert_int_equal(nfacts, 33);
	for (a = 0; a < 2; a++)
		for (t = 0; t < 2; t++) {
			for (y = 0; y < MIG_YEARS; y++) {
				want[a][t][y] = old_year(old, areas[a], types[t], 2019 + y);
				want_class[a][t][y] = old_has_class(old, areas[a], 2019 + y, classes[t]);
			}
			ivp__buf_init(&want_months_[a][t], 1u << 16);
			old_months(old, areas[a], types[t], 201901, 202212, &want_months_[a][t]);
		}
	assert_int_equal(want[0][0][2].count, 500); /* the data say what they should */
	assert_int_equal(want[0][0][1].from_months, 1);
	assert_int_equal(sqlite3_close(old), SQLITE_OK);

	/* the store opens it and runs migration 5 (and those after it) */
	db_open(&d);
	assert_int_equal(ivp_schema_version(d.ctx), ivp__sqlite_migrations[ivp__sqlite_nmigrations - 1].version);
	counts(&d, nfacts, 2, 2);
	for (a = 0; a < 2; a++)
		for (t = 0; t < 2; t++) {
			ivp__buf got[2];

			for (y = 0; y < MIG_YEARS; y++) {
				char what[64];
				ivp__type_count w = want[a][t][y];

				snprintf(what, sizeof(what), "migrated %s %s %d", areas[a], types[t], 2019 + y);
				want_year(what, year1(&d, areas[a], types[t], 2019 + y), w.has, w.count,
					  w.from_months, w.provisional, w.import_id);
				if (has_class(&d, areas[a], 2019 + y, classes[t]) != want_class[a][t][y]) {
					print_error("%s: has_classification(%s) is not %d\n", what, classes[t],
						    want_class[a][t][y]);
					fail();
				}
			}
			ivp__buf_init(&got[0], 1u << 16);
			ivp__buf_init(&got[1], 1u << 16);
			ok(&d, ivp__store_month_counts(d.ctx, areas[a], types[t], 201901, 202212, rows2_cb, got),
			   "month_counts");
			if (strcmp(ivp__buf_str(&got[0]), ivp__buf_str(&want_months_[a][t]))) {
				print_error("migrated month_counts(%s, %s):\n got  %s\n want %s\n", areas[a],
					    types[t], ivp__buf_str(&got[0]), ivp__buf_str(&want_months_[a][t]));
				fail();
			}
			/* the provenance of a month is now its year's: 2020 names import 2 */
			if (a == 0 && t == 0)
				assert_string_equal(ivp__buf_str(&got[1]),
						    "2;2;2;2;2;2;2;2;2;2;2;2;1;1;1;1;1;1;1;1;1;1;1;1;");
			ivp__buf_free(&got[0]);
			ivp__buf_free(&got[1]);
			ivp__buf_free(&want_months_[a][t]);
		}
	want_year("GM0001 1.1.1 2020", year1(&d, "GM0001", "1.1.1", 2020), 1, 11 * 10 + 66 + 22, 1, 1, 2);

	/* a later import: converted counts are not its duplicates */
	ok(&d, ivp__store_begin(d.ctx), "begin");
	imp = import(&d, "crime", "cc");
	assert_int_equal(imp, 3);
	fact(&d, "GM0001", "1.1.1", 202012, 22, 1, imp, IVP__PUT_SAME);
	fact(&d, "GM0001", "1.1.1", 202101, 0, 0, imp, IVP__PUT_CHANGED);
	fact(&d, "GM0001", "1.1.1", 202101, 0, 0, imp, IVP__PUT_DUP_SAME);
	fact(&d, "GM0002", "CRI3000", 202201, ((int64_t)1 << 53) + 1, 0, imp, IVP__PUT_SAME);
	fact(&d, "GM0002", "CRI3000", 202200, 8, 0, imp, IVP__PUT_CHANGED);
	ok(&d, ivp__store_commit(d.ctx), "commit");
	want_year("GM0002 CRI3000 2022 after import 3", year1(&d, "GM0002", "CRI3000", 2022), 1, 8, 0, 0, 3);
	counts(&d, nfacts, 2, 2);
	db_close(&d);

	/* what the file holds now */
	assert_int_equal(sqlite3_open(d.path, &old), SQLITE_OK);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM sqlite_master WHERE name='fact'"), 0);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM series"), 3);
	assert_int_equal(one_int(old, "SELECT SUM(nfacts) FROM series"), nfacts);
	assert_int_equal(one_int(old, "SELECT MAX(version) FROM schema_migrations"),
			 ivp__sqlite_migrations[ivp__sqlite_nmigrations - 1].version);
	assert_int_equal(sqlite3_close(old), SQLITE_OK);
	db_remove(&d);
}

/* A database file at PATH that has run every migration below VERSION, as
 * an older ivp left it; open, for the test to fill. */
static sqlite3 *db_before(const char *path, int version)
{
	char err[256];
	sqlite3 *old;
	int i;

	assert_int_equal(sqlite3_open(path, &old), SQLITE_OK);
	exec_ok(old, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);");
	for (i = 0; ivp__sqlite_migrations[i].version < version; i++) {
		char rec[96];

		exec_ok(old, ivp__sqlite_migrations[i].sql);
		if (ivp__sqlite_migrations[i].fn)
			assert_int_equal(ivp__sqlite_migrations[i].fn(old, err, sizeof(err)), 0);
		if (ivp__sqlite_migrations[i].sql_after)
			exec_ok(old, ivp__sqlite_migrations[i].sql_after);
		snprintf(rec, sizeof(rec), "INSERT INTO schema_migrations VALUES (%d,'2025-01-01T00:00:00Z');",
			 ivp__sqlite_migrations[i].version);
		exec_ok(old, rec);
	}
	return old;
}

/* Migration 20: the priority matrix's entries per municipality. Entries of
 * the first municipality written acting for it (its code) become '', like
 * those written for the whole deployment; another municipality keeps its
 * code and may now hold the same key as the first. */
static void test_migration20(void **state)
{
	db d;
	sqlite3 *old;

	(void)state;
	db_temp(&d);
	old = db_before(d.path, 20);
	exec_ok(old, "INSERT INTO plan_version(version, plan_id, kind, created_by, created_at, doc, municipality) VALUES"
		     " (1,'a','import','anna','2025-01-01T00:00:00Z','id: a\nmunicipality: GM1926\n','GM1926'),"
		     " (2,'b','import','bob','2025-01-02T00:00:00Z','id: b\nmunicipality: GM0503\n','GM0503');"
		     "INSERT INTO pt_entry(kind, theme, criterion, value, text, municipality) VALUES"
		     " ('weight','','seriousness',2,'A door het web','GM1926'),"
		     " ('weight','','size',3,'A door de CLI',''),"
		     " ('weight','','trend',4,'B','GM0503');");
	assert_int_equal(sqlite3_close(old), SQLITE_OK);

	db_open(&d);
	assert_int_equal(ivp_schema_version(d.ctx), ivp__sqlite_migrations[ivp__sqlite_nmigrations - 1].version);
	db_close(&d);
	assert_int_equal(sqlite3_open(d.path, &old), SQLITE_OK);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM pt_entry"), 3);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM pt_entry WHERE municipality='' AND criterion='seriousness'"),
			 1);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM pt_entry WHERE municipality='' AND criterion='size'"), 1);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM pt_entry WHERE municipality='GM0503' AND criterion='trend'"), 1);
	/* B may now hold a key the first municipality holds */
	exec_ok(old, "INSERT INTO pt_entry(kind, theme, criterion, value, municipality)"
		     " VALUES ('weight','','seriousness',5,'GM0503');");
	assert_int_equal(sqlite3_close(old), SQLITE_OK);
	db_remove(&d);
}

/* Migration 17 on a database of one municipality: each existing plan
 * version takes the municipality its doc names (quoted or not; none: ''),
 * existing users none, and ivp__store_plan_version_get scoped to one
 * municipality finds its latest. */
static void test_migration17(void **state)
{
	db d;
	sqlite3 *old;

	(void)state;
	db_temp(&d);
	old = db_before(d.path, 17);
	exec_ok(old, "INSERT INTO plan_version(version, plan_id, kind, created_by, created_at, doc) VALUES"
		     " (1,'p','import','anna','2025-01-01T00:00:00Z','id: p\nmunicipality: \"GM1926\"\n'),"
		     " (2,'p','update','anna','2025-01-02T00:00:00Z','id: p\ntitle: x\nmunicipality: GM1926\n'),"
		     " (3,'q','import','anna','2025-01-03T00:00:00Z','id: q\n');"
		     "INSERT INTO app_user(id, name, role, pwhash) VALUES (1,'anna','editor','x');");
	assert_int_equal(sqlite3_close(old), SQLITE_OK);

	db_open(&d);
	assert_int_equal(ivp_schema_version(d.ctx), ivp__sqlite_migrations[ivp__sqlite_nmigrations - 1].version);
	{
		ivp__plan_version v;

		memset(&v, 0, sizeof(v));
		assert_int_equal(ivp_set_municipality(d.ctx, "GM1926"), IVP_OK);
		assert_int_equal(ivp__store_plan_version_get(d.ctx, 0, &v), IVP_OK);
		assert_int_equal(v.version, 2);
		assert_string_equal(v.municipality, "GM1926");
		free(v.doc);
	}
	db_close(&d);
	assert_int_equal(sqlite3_open(d.path, &old), SQLITE_OK);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM plan_version WHERE municipality='GM1926'"), 2);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM plan_version WHERE version=3 AND municipality=''"), 1);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM app_user WHERE municipality=''"), 1);
	assert_int_equal(sqlite3_close(old), SQLITE_OK);
	db_remove(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migration5),
		cmocka_unit_test(test_migration17),
		cmocka_unit_test(test_migration20),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
