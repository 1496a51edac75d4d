/*
 * sqlite_series.c — crime counts as one row per (area, crime type) series
 * (table `series`, migration 5; the value's layout is store/series.h).
 *
 * Writes go through a bounded cache of series: fact_put reads a series
 * once (or starts it), updates it in memory and classifies the count
 * exactly as a row-per-fact table would (new, same, changed, given twice).
 * When the cache holds GROUPS series, or before a query or commit, the
 * changed ones are encoded and written in key order, one row each, and the
 * cache is emptied; a commit or rollback empties it too, so no copy of a
 * series outlives its transaction. Files come grouped by series (every period of one area
 * and type together), so each series is read and written once per import;
 * in any other order a series is written out and read back, still correct,
 * and memory stays at GROUPS series whatever the file's size. A rollback
 * drops the cache unwritten.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/series.h"
#include "store/sqlite/sqlite_int.h"

#define GROUPS 2048
#define HSLOTS (GROUPS * 2) /* power of two */

typedef struct sq_series {
	ivp__map area_ids, type_ids; /* code -> id, known codes only */
	ivp__ser g[GROUPS];
	int ng;
	int hash[HSLOTS]; /* index into g + 1, 0 empty */
	ivp__buf enc;
	sqlite3_stmt *get, *put, *class_rows, *area_id, *type_id;
	char last[2][16];   /* the last area and type code looked up ... */
	int64_t last_id[2]; /* ... and their ids (rows come grouped) */
} sq_series;

static sq_series *state(sq_store *s)
{
	sq_series *x = s->series;

	if (!x) {
		x = calloc(1, sizeof(*x));
		if (!x) {
			ivp__sq_oom(s);
			return NULL;
		}
		ivp__map_init(&x->area_ids);
		ivp__map_init(&x->type_ids);
		ivp__buf_init(&x->enc, 1u << 20);
		s->series = x;
	}
	return x;
}

static unsigned hash_of(int64_t a, int64_t t)
{
	uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ull ^ (uint64_t)t * 0xC2B2AE3D27D4EB4Full;

	return (unsigned)(h >> 40) & (HSLOTS - 1);
}

/* id of a code, cached; 1 when unknown */
static int code_id(sq_store *s, sq_series *x, int is_area,
		   const char *code, int64_t *id)
{
	ivp__map *m = is_area ? &x->area_ids : &x->type_ids;
	int64_t *v, *slot;
	sqlite3_stmt **st = is_area ? &x->area_id : &x->type_id;
	int rc, existed;
	size_t len;

	if (code[0] && !strcmp(x->last[is_area], code)) {
		*id = x->last_id[is_area];
		return 0;
	}
	if ((v = ivp__map_get(m, code))) {
		*id = *v;
		goto remember;
	}
	if (!ivp__sq_stmt(s, st, is_area ? "SELECT id FROM area WHERE code=?1" : "SELECT id FROM crime_type WHERE code=?1"))
		return -1;
	ivp__sq_bind_text(*st, 1, code);
	rc = sqlite3_step(*st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(*st, 0);
	sqlite3_reset(*st);
	if (rc == SQLITE_DONE) {
		snprintf(s->err, sizeof(s->err), "unknown code %s", code);
		return 1;
	}
	if (rc != SQLITE_ROW)
		return ivp__sq_fail(s);
	if (ivp__map_put(m, code, *id, &slot, &existed)) {
		ivp__sq_oom(s);
		return -1;
	}
remember:
	if ((len = strlen(code)) < sizeof(x->last[0])) {
		memcpy(x->last[is_area], code, len + 1);
		x->last_id[is_area] = *id;
	}
	return 0;
}

int ivp__sq_area_id(sq_store *s, const char *code, int64_t *id)
{
	sq_series *x = state(s);

	return x ? code_id(s, x, 1, code, id) : -1;
}

/* Look up the stored value of series (a, t): 1 found (read column 0 of
 * x->get, then reset it), 0 none, -1 error. */
static int seek(sq_store *s, sq_series *x, int64_t a, int64_t t)
{
	int rc;

	if (!ivp__sq_stmt(s, &x->get, "SELECT data FROM series WHERE area_id=?1 AND type_id=?2"))
		return -1;
	sqlite3_bind_int64(x->get, 1, a);
	sqlite3_bind_int64(x->get, 2, t);
	rc = sqlite3_step(x->get);
	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(x->get);
	return rc == SQLITE_DONE ? 0 : ivp__sq_fail(s);
}

static int damaged(sq_store *s, const char *area, int64_t a, int64_t t)
{
	return ivp__sq_failf(s, "damaged series value for area %s (id %lld), type id %lld",
			     area ? area : "?", (long long)a, (long long)t);
}

/* Read the stored series (g->area_id, g->type_id) into g: 0, -1 error. */
static int load(sq_store *s, sq_series *x, ivp__ser *g)
{
	int rc = seek(s, x, g->area_id, g->type_id), d = 0;

	if (rc < 0)
		return -1;
	g->n = 0;
	g->dirty = 0;
	g->stored = rc;
	if (rc) {
		d = ivp__ser_decode(g, sqlite3_column_blob(x->get, 0),
				    (size_t)sqlite3_column_bytes(x->get, 0));
		sqlite3_reset(x->get);
	}
	if (d == -2) {
		ivp__sq_oom(s);
		return -1;
	}
	return d ? damaged(s, NULL, g->area_id, g->type_id) : 0;
}

static int by_key(const void *a, const void *b)
{
	const ivp__ser *x = *(ivp__ser *const *)a, *y = *(ivp__ser *const *)b;

	if (x->area_id != y->area_id)
		return x->area_id < y->area_id ? -1 : 1;
	return (x->type_id > y->type_id) - (x->type_id < y->type_id);
}

/* Write the changed series, in key order; keep them cached (clean). */
static int write_dirty(sq_store *s, sq_series *x)
{
	ivp__ser *order[GROUPS];
	int i, n = 0;

	for (i = 0; i < x->ng; i++)
		if (x->g[i].dirty)
			order[n++] = &x->g[i];
	if (!n)
		return 0;
	qsort(order, (size_t)n, sizeof(ivp__ser *), by_key);
	if (!ivp__sq_stmt(s, &x->put, "INSERT OR REPLACE INTO series(area_id, type_id, nfacts, data) "
				      "VALUES (?1,?2,?3,?4)"))
		return -1;
	for (i = 0; i < n; i++) {
		ivp__ser *g = order[i];

		ivp__buf_reset(&x->enc);
		if (ivp__ser_encode(g, &x->enc)) {
			ivp__sq_oom(s);
			return -1;
		}
		sqlite3_bind_int64(x->put, 1, g->area_id);
		sqlite3_bind_int64(x->put, 2, g->type_id);
		sqlite3_bind_int64(x->put, 3, ivp__ser_nfacts(g));
		sqlite3_bind_blob(x->put, 4, x->enc.p, (int)x->enc.len, SQLITE_STATIC);
		if (ivp__sq_done(s, x->put))
			return -1;
		g->dirty = 0;
		g->stored = 1;
	}
	return 0;
}

static void drop_cache(sq_series *x)
{
	x->ng = 0;
	memset(x->hash, 0, sizeof(x->hash));
}

int ivp__sq_series_flush(sq_store *s)
{
	sq_series *x = s->series;

	return x ? write_dirty(s, x) : 0;
}

/*
 * Between transactions the cache is empty: another connection may commit
 * to the same series, and a copy kept across transactions would write its
 * old counts back over theirs. Written out first when not empty (puts
 * outside a transaction).
 */
int ivp__sq_series_release(sq_store *s)
{
	sq_series *x = s->series;

	if (!x)
		return 0;
	if (write_dirty(s, x))
		return -1;
	drop_cache(x);
	return 0;
}

void ivp__sq_series_rollback(sq_store *s)
{
	sq_series *x = s->series;

	if (!x)
		return;
	drop_cache(x);
	/* the rollback may remove areas and types this transaction added */
	x->last[0][0] = x->last[1][0] = '\0';
	ivp__map_free(&x->area_ids);
	ivp__map_free(&x->type_ids);
	ivp__map_init(&x->area_ids);
	ivp__map_init(&x->type_ids);
}

void ivp__sq_series_close(sq_store *s)
{
	sq_series *x = s->series;
	int i;

	if (!x)
		return;
	for (i = 0; i < GROUPS; i++)
		ivp__ser_free(&x->g[i]);
	ivp__map_free(&x->area_ids);
	ivp__map_free(&x->type_ids);
	ivp__buf_free(&x->enc);
	sqlite3_finalize(x->get);
	sqlite3_finalize(x->put);
	sqlite3_finalize(x->class_rows);
	sqlite3_finalize(x->area_id);
	sqlite3_finalize(x->type_id);
	free(x);
	s->series = NULL;
}

/* The cached series (a, t), read or started when absent; NULL on error. */
static ivp__ser *series_of(sq_store *s, sq_series *x, int64_t a, int64_t t)
{
	unsigned h = hash_of(a, t);
	ivp__ser *g;

	for (;;) {
		int k = x->hash[h];

		if (!k)
			break;
		g = &x->g[k - 1];
		if (g->area_id == a && g->type_id == t)
			return g;
		h = (h + 1) & (HSLOTS - 1);
	}
	if (x->ng == GROUPS) {
		if (write_dirty(s, x))
			return NULL;
		drop_cache(x);
		h = hash_of(a, t);
		while (x->hash[h])
			h = (h + 1) & (HSLOTS - 1);
	}
	g = &x->g[x->ng];
	g->area_id = a;
	g->type_id = t;
	if (load(s, x, g))
		return NULL;
	x->hash[h] = ++x->ng;
	return g;
}

int ivp__sq_fact_put(sq_store *s, const char *area, const char *type,
		     int period, int64_t count, int provisional,
		     int64_t import_id, int *result)
{
	sq_series *x = state(s);
	int64_t a, t;
	ivp__ser *g;
	int rc;

	if (!x)
		return -1;
	if ((rc = code_id(s, x, 1, area, &a)) ||
	    (rc = code_id(s, x, 0, type, &t)))
		return rc;
	if (!(g = series_of(s, x, a, t)))
		return -1;
	rc = ivp__ser_put(g, period, count, provisional, import_id, result);
	if (rc == -1)
		return ivp__sq_failf(s, "count %lld for period %d cannot be stored",
				     (long long)count, period);
	if (rc == -2)
		return ivp__sq_oom(s);
	return 0;
}

/*
 * One year of series (area, type) into *y: 0 found, 1 no data, -1 error.
 * Reads the table: every query writes the cache's changes out first.
 */
static int year_of(sq_store *s, sq_series *x, int64_t a, int64_t t, int year,
		   ivp__ser_year *y)
{
	int rc = seek(s, x, a, t), d;

	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	d = ivp__ser_read_year(sqlite3_column_blob(x->get, 0),
			       (size_t)sqlite3_column_bytes(x->get, 0), year, y);
	sqlite3_reset(x->get);
	return d < 0 ? damaged(s, NULL, a, t) : d;
}

#define MONTHS_MASK 0x1FFEu /* slots 1-12 */

/* A type's yearly figure from its year: JJ00, else the sum of 12 months. */
static void fill(ivp__type_count *tc, const ivp__ser_year *y)
{
	if (y->pmask & 1) {
		tc->has = 1;
		tc->count = y->c[0];
		tc->provisional = (int)(y->prov & 1);
		tc->import_id = y->import_id;
	} else if ((y->pmask & MONTHS_MASK) == MONTHS_MASK) {
		int m;

		tc->has = tc->from_months = 1;
		for (m = 1; m <= 12; m++)
			tc->count += y->c[m];
		tc->provisional = (y->prov & MONTHS_MASK) != 0;
		tc->import_id = y->import_id;
	}
}

int ivp__sq_year_counts(sq_store *s, const char *area, int year,
			ivp__type_count *types, int ntypes)
{
	sq_series *x = state(s);
	int64_t a = 0, t;
	int i, rc, have_area;

	if (!x || write_dirty(s, x))
		return -1;
	rc = code_id(s, x, 1, area, &a);
	if (rc < 0)
		return -1;
	have_area = rc == 0;
	for (i = 0; i < ntypes; i++) {
		ivp__type_count *tc = &types[i];
		ivp__ser_year y;

		tc->has = tc->from_months = tc->provisional = 0;
		tc->count = tc->import_id = 0;
		if (!have_area)
			continue;
		rc = code_id(s, x, 0, tc->code, &t);
		if (rc < 0)
			return -1;
		if (rc)
			continue;
		rc = year_of(s, x, a, t, year, &y);
		if (rc < 0)
			return -1;
		if (rc)
			continue;
		fill(tc, &y);
	}
	return 0;
}

int ivp__sq_month_counts(sq_store *s, const char *area, const char *type,
			 int from, int to, ivp__row_cb cb, void *ud)
{
	sq_series *x = state(s);
	ivp__ser g;
	int64_t a, t;
	int rc, i, m;

	if (!x || write_dirty(s, x))
		return -1;
	if ((rc = code_id(s, x, 1, area, &a)) ||
	    (rc = code_id(s, x, 0, type, &t)))
		return rc < 0 ? -1 : 0;
	ivp__ser_init(&g, a, t);
	if (load(s, x, &g)) {
		ivp__ser_free(&g);
		return -1;
	}
	rc = 0;
	for (i = 0; i < g.n && !rc; i++) {
		for (m = 1; m <= 12 && !rc; m++) {
			int p = ivp__ser_period(g.y[i].year, m);
			char per[16], cnt[24], imp[24];
			const char *cols[3] = { per, cnt, imp };

			if (p < from || p > to || !((g.y[i].pmask >> m) & 1))
				continue;
			snprintf(per, sizeof(per), "%d", p);
			snprintf(cnt, sizeof(cnt), "%lld", (long long)g.y[i].c[m]);
			snprintf(imp, sizeof(imp), "%lld", (long long)g.y[i].import_id);
			rc = cb(ud, cols, 3);
		}
	}
	ivp__ser_free(&g);
	return rc ? ivp__sq_stop(s) : 0;
}

int ivp__sq_has_class(sq_store *s, const char *area, int year,
		      const char *classification, int *has)
{
	sq_series *x = state(s);
	int64_t a;
	int rc;

	*has = 0;
	if (!x || write_dirty(s, x))
		return -1;
	rc = code_id(s, x, 1, area, &a);
	if (rc)
		return rc < 0 ? -1 : 0;
	/* types first (CROSS JOIN keeps the order): one key look-up per type */
	if (!ivp__sq_stmt(s, &x->class_rows,
			  "SELECT s.data FROM crime_type t CROSS JOIN series s "
			  "WHERE t.classification=?2 AND s.area_id=?1 AND s.type_id=t.id"))
		return -1;
	sqlite3_bind_int64(x->class_rows, 1, a);
	ivp__sq_bind_text(x->class_rows, 2, classification);
	while ((rc = sqlite3_step(x->class_rows)) == SQLITE_ROW) {
		ivp__ser_year y;
		int d = ivp__ser_read_year(sqlite3_column_blob(x->class_rows, 0),
					   (size_t)sqlite3_column_bytes(x->class_rows, 0),
					   year, &y);

		if (d < 0) {
			sqlite3_reset(x->class_rows);
			return damaged(s, area, a, -1);
		}
		if (d == 0) {
			*has = 1;
			break;
		}
	}
	sqlite3_reset(x->class_rows);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : ivp__sq_fail(s);
}

static void clear_types(ivp__type_count *types, int n)
{
	int k;

	for (k = 0; k < n; k++) {
		types[k].has = types[k].from_months = types[k].provisional = 0;
		types[k].count = types[k].import_id = 0;
	}
}

int ivp__sq_level_years(ivp__store *st, const char *under, const char *level,
			int year, int pop_year, const char *group, ivp__type_count *types,
			int ntypes, int (*cb)(void *ud, const ivp__area_year *a),
			void *ud)
{
	sq_store *s = SQ(st);
	sq_series *x = state(s);
	int64_t ids[64] = { 0 }; /* code_id sets each; the analyzer cannot see ivp__sq_fail is -1 */
	ivp__buf sql;
	sqlite3_stmt *q = NULL;
	ivp__area_year a;
	char code[16] = "", name[256] = "";
	int k, rc, root = 0, have = 0, ret = -1;

	if (!x || write_dirty(s, x))
		return -1;
	if (ntypes > 64)
		return ivp__sq_failf(s, "%d type codes in one query; at most 64", ntypes);
	for (k = 0; k < ntypes; k++) {
		rc = code_id(s, x, 0, types[k].code, &ids[k]);
		if (rc < 0)
			return -1;
		if (rc)
			ids[k] = -1; /* unknown code: no data */
	}
	/* the root of the hierarchy (NL01) holds every area of every level */
	q = ivp__sq_prepare(s, "SELECT parent IS NULL FROM area WHERE code=?1");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, under);
	if (sqlite3_step(q) == SQLITE_ROW)
		root = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	ivp__buf_init(&sql, 1u << 16);
	ivp__buf_printf(&sql, "%s", root ? "" : "WITH RECURSIVE sub(code) AS (SELECT code FROM area WHERE parent=?1 "
						"UNION SELECT a.code FROM area a JOIN sub ON a.parent=sub.code) ");
	/* from the sub-tree outwards (CROSS JOIN keeps that order), else every area */
	ivp__buf_printf(&sql, "SELECT a.code, a.name, p.count, p.import_id, s.type_id, s.data FROM %s "
			      "LEFT JOIN population p ON p.area_id=a.id AND p.age_group=?3 AND p.year=?4 "
			      "LEFT JOIN series s ON s.area_id=a.id AND s.type_id IN (NULL",
			root ? "area a" : "sub CROSS JOIN area a ON a.code=sub.code");
	for (k = 0; k < ntypes; k++)
		ivp__buf_printf(&sql, ",?%d", 5 + k);
	if (ivp__buf_printf(&sql, ") WHERE a.level=?2%s ORDER BY a.code",
			    root ? " AND ?1 IS NOT NULL" : "")) {
		ivp__sq_oom(s);
		goto out;
	}
	if (!(q = ivp__sq_prepare(s, ivp__buf_str(&sql))))
		goto out;
	ivp__sq_bind_text(q, 1, under);
	ivp__sq_bind_text(q, 2, level);
	ivp__sq_bind_text(q, 3, group);
	sqlite3_bind_int(q, 4, pop_year);
	for (k = 0; k < ntypes; k++)
		sqlite3_bind_int64(q, 5 + k, ids[k]);
	memset(&a, 0, sizeof(a));
	a.code = code;
	a.name = name;
	a.types = types;
	a.ntypes = ntypes;
	for (;;) {
		const char *c;

		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			ivp__sq_fail(s);
			goto out;
		}
		c = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : NULL;
		if (have && (!c || strcmp(c, code))) {
			if (cb(ud, &a)) {
				ivp__sq_stop(s);
				goto out;
			}
			have = 0;
		}
		if (!c)
			break;
		if (!have) {
			snprintf(code, sizeof(code), "%s", c);
			ivp__sq_copy_col(q, 1, name, sizeof(name));
			clear_types(types, ntypes);
			a.has_pop = sqlite3_column_type(q, 2) != SQLITE_NULL;
			a.pop = sqlite3_column_int64(q, 2);
			a.pop_import = sqlite3_column_int64(q, 3);
			have = 1;
		}
		if (sqlite3_column_type(q, 5) != SQLITE_NULL) {
			int64_t t = sqlite3_column_int64(q, 4);
			ivp__ser_year y;
			int d = ivp__ser_read_year(sqlite3_column_blob(q, 5),
						   (size_t)sqlite3_column_bytes(q, 5), year, &y);

			if (d < 0) {
				damaged(s, code, -1, t);
				goto out;
			}
			for (k = 0; d == 0 && k < ntypes; k++)
				if (ids[k] == t)
					fill(&types[k], &y);
		}
	}
	ret = 0;
out:
	sqlite3_finalize(q);
	ivp__buf_free(&sql);
	return ret;
}

/*
 * Migration 5: the rows of the old table fact, one per (area, type,
 * period), become one series row per (area, type). The provenance of a
 * year is the newest import among its rows.
 */
int ivp__sq_series_from_facts(sqlite3 *db, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL, *ins = NULL;
	ivp__ser g;
	ivp__buf enc;
	int rc, ret = -1, have = 0;

	ivp__ser_init(&g, 0, 0);
	ivp__buf_init(&enc, 1u << 20);
	if (sqlite3_prepare_v2(db, "SELECT area_id, type_id, period, count, provisional, import_id "
				   "FROM fact ORDER BY area_id, type_id, period",
			       -1, &q, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO series(area_id, type_id, nfacts, data) VALUES (?1,?2,?3,?4)",
			       -1, &ins, NULL))
		goto db;
	for (;;) {
		int64_t a = 0, t = 0;
		int res;

		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			goto db;
		if (rc == SQLITE_ROW) {
			a = sqlite3_column_int64(q, 0);
			t = sqlite3_column_int64(q, 1);
		}
		if (have && (rc == SQLITE_DONE || a != g.area_id || t != g.type_id)) {
			int i;

			for (i = 0; i < g.n; i++)
				g.y[i].touch_id = 0, g.y[i].tmask = 0;
			ivp__buf_reset(&enc);
			if (ivp__ser_encode(&g, &enc))
				goto oom;
			sqlite3_bind_int64(ins, 1, g.area_id);
			sqlite3_bind_int64(ins, 2, g.type_id);
			sqlite3_bind_int64(ins, 3, ivp__ser_nfacts(&g));
			sqlite3_bind_blob(ins, 4, enc.p, (int)enc.len, SQLITE_STATIC);
			if (sqlite3_step(ins) != SQLITE_DONE)
				goto db;
			sqlite3_reset(ins);
			have = 0;
		}
		if (rc == SQLITE_DONE)
			break;
		if (!have) {
			g.area_id = a;
			g.type_id = t;
			g.n = 0;
			have = 1;
		}
		rc = ivp__ser_put(&g, sqlite3_column_int(q, 2), sqlite3_column_int64(q, 3),
				  sqlite3_column_int(q, 4), sqlite3_column_int64(q, 5), &res);
		if (rc == -2)
			goto oom;
		/* a period no slot holds was never written by any importer */
	}
	ret = 0;
	goto out;
oom:
	snprintf(err, errsz, "out of memory");
	ret = -2;
	goto out;
db:
	snprintf(err, errsz, "%s", sqlite3_errmsg(db));
	ret = (sqlite3_errcode(db) & 0xff) == SQLITE_NOMEM ? -2 : -1;
out:
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	ivp__ser_free(&g);
	ivp__buf_free(&enc);
	return ret;
}
