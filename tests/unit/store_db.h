/*
 * store_db.h — what the unit tests on a real database share (test_store.c,
 * test_sqlite_file.c): a fresh database file in a temporary directory
 * opened with ivp_open, and checks that go through the door of
 * store/store.h (import, fact, counts, year1, has_class), printing both
 * sides on failure. A header of static functions, so each test program
 * stays one file.
 */
#ifndef IVP_TESTS_UNIT_STORE_DB_H
#define IVP_TESTS_UNIT_STORE_DB_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "store/store.h"

typedef struct db {
	char dir[64], path[96];
	ivp_ctx *ctx;
} db;

static inline void db_temp(db *d)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->dir, sizeof(d->dir), "/tmp/ivp-test-store-XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->path, sizeof(d->path), "%s/ivp.db", d->dir);
}

static inline void db_open(db *d)
{
	ivp_error err;

	if (ivp_open(d->path, &d->ctx, &err)) {
		print_error("open %s: %s (%s)\n", d->path, err.message, err.detail);
		fail();
	}
}

static inline void db_close(db *d)
{
	ivp_close(d->ctx);
	d->ctx = NULL;
}

static inline void db_remove(db *d)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char p[128];
	size_t i;

	db_close(d);
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", d->path, ext[i]);
		unlink(p);
	}
	rmdir(d->dir);
}

static inline void ok(db *d, int rc, const char *what)
{
	if (rc != 0) {
		print_error("%s: rc %d, %s (%s)\n", what, rc, ivp_last_error(d->ctx)->message,
			    ivp_last_error(d->ctx)->detail);
		fail();
	}
}

static inline int64_t import(db *d, const char *kind, const char *sha)
{
	ivp__import_rec r = { kind, "test", "test.csv", sha, "", "tester" };
	int64_t id = 0;

	ok(d, ivp__store_import_add(d->ctx, &r, &id), "import_add");
	assert_true(id > 0);
	return id;
}

static inline void fact(db *d, const char *area, const char *type, int period,
			int64_t count, int prov, int64_t imp, int want)
{
	int res = -1;
	int rc = ivp__store_fact_put(d->ctx, area, type, period, count, prov, imp, &res);

	if (rc != 0 || res != want) {
		print_error("fact_put(%s, %s, %d, %lld, import %lld): rc %d result %d, want 0 and %d (%s)\n",
			    area, type, period, (long long)count, (long long)imp, rc, res, want,
			    rc ? ivp_last_error(d->ctx)->detail : "");
		fail();
	}
}

static inline void counts(db *d, int64_t facts, int64_t areas, int64_t types)
{
	int64_t f = -1, a = -1, p = -1, t = -1;

	ok(d, ivp__store_counts(d->ctx, &f, &a, &p, &t), "counts");
	if (f != facts || a != areas || t != types || p != 0) {
		print_error("counts: facts %lld areas %lld types %lld pops %lld, want %lld %lld %lld 0\n",
			    (long long)f, (long long)a, (long long)t, (long long)p,
			    (long long)facts, (long long)areas, (long long)types);
		fail();
	}
}

/* year_counts of one type */
static inline ivp__type_count year1(db *d, const char *area, const char *type, int year)
{
	ivp__type_count tc;

	memset(&tc, 0x5A, sizeof(tc));
	tc.code = type;
	ok(d, ivp__store_year_counts(d->ctx, area, year, &tc, 1), "year_counts");
	return tc;
}

static inline void want_year(const char *what, ivp__type_count tc, int has, int64_t count,
			     int from_months, int prov, int64_t imp)
{
	if (tc.has != has || tc.count != count || tc.from_months != from_months ||
	    tc.provisional != prov || tc.import_id != imp) {
		print_error("%s: has %d count %lld from_months %d provisional %d import %lld, "
			    "want %d %lld %d %d %lld\n",
			    what, tc.has, (long long)tc.count,
			    tc.from_months, tc.provisional, (long long)tc.import_id, has,
			    (long long)count, from_months, prov, (long long)imp);
		fail();
	}
}

static inline int has_class(db *d, const char *area, int year, const char *cls)
{
	int has = -1;

	ok(d, ivp__store_has_classification(d->ctx, area, year, cls, &has), "has_classification");
	return has;
}

#endif /* IVP_TESTS_UNIT_STORE_DB_H */
