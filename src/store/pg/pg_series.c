/*
 * pg_series.c — crime counts on PostgreSQL: one row per (area, crime
 * type) series in table `series` (migration 5), its counts the bytea value
 * of store/series.h, written through a bounded cache and COPY.
 *
 * Writes: fact_put reads a series once (or starts it), updates it in
 * memory and classifies the count as store.h says. When the cache holds
 * GROUPS series the changed ones are sent with one binary COPY into the
 * connection's temporary table ivp_stage and the cache is emptied (keeping
 * the series of the area being written, so a file grouped by area never
 * reads back what it just wrote); before a query, a read of the table,
 * and at commit, the staged rows are merged into `series` by one INSERT …
 * ON CONFLICT. A national first import is therefore COPY batches and one
 * merge at commit; memory stays at GROUPS series whatever the file's size.
 *
 * Reads for writing are per area, not per series: the first series of an
 * area that is not cached loads every series of that area with one query
 * (the area is then "complete": a type not in the cache has no row). When
 * the table was empty at begin (the first national import) an area that
 * has nothing staged is known to have no rows, and no query is made at
 * all. Queries (year_counts, level_years, …) read whole series in binary
 * and decode only the year they need.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg/pg_int.h"
#include "store/series.h"

#define GROUPS 2048
#define HSLOTS (GROUPS * 2) /* power of two */

/* a set of area ids (open addressing; 0 is never an id) */
typedef struct idset {
	int64_t *v;
	size_t cap, n;
} idset;

typedef struct pg_series {
	ivp__map area_ids, type_ids; /* code -> id, known codes only */
	ivp__ser g[GROUPS];
	int ng;
	int hash[HSLOTS]; /* index into g + 1, 0 empty */
	ivp__buf enc, copy;
	char last[2][16];   /* the last area and type code looked up ... */
	int64_t last_id[2]; /* ... and their ids (rows come grouped) */
	idset complete;	    /* areas whose every stored series is in the cache */
	idset written;	    /* areas with series staged or merged in this transaction */
	int fresh;	    /* table series was empty at begin */
	int staged;	    /* rows in ivp_stage not merged yet */
	int stage_ready;    /* ivp_stage exists on this connection */
	int64_t seq;	    /* staging order: the newest copy of a series wins */
} pg_series;

/* ---- small pieces ---------------------------------------------------------------- */

static int idset_has(const idset *s, int64_t id)
{
	size_t h;

	if (!s->cap)
		return 0;
	for (h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull) & (s->cap - 1); s->v[h];
	     h = (h + 1) & (s->cap - 1))
		if (s->v[h] == id)
			return 1;
	return 0;
}

static int idset_add(idset *s, int64_t id)
{
	size_t h;

	if (idset_has(s, id))
		return 0;
	if ((s->n + 1) * 2 > s->cap) {
		idset bigger = { NULL, s->cap ? s->cap * 2 : 1024, 0 };
		size_t i;

		bigger.v = calloc(bigger.cap, sizeof(int64_t));
		if (!bigger.v)
			return -1;
		for (i = 0; i < s->cap; i++)
			if (s->v[i])
				idset_add(&bigger, s->v[i]);
		free(s->v);
		*s = bigger;
	}
	for (h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull) & (s->cap - 1); s->v[h];
	     h = (h + 1) & (s->cap - 1))
		;
	s->v[h] = id;
	s->n++;
	return 0;
}

static void idset_clear(idset *s)
{
	if (s->v)
		memset(s->v, 0, s->cap * sizeof(int64_t));
	s->n = 0;
}

static int64_t be64(const char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | (unsigned char)p[i];
	return (int64_t)v;
}

/* an int8 column of a binary result */
static int64_t bin_int(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) || PQgetlength(r, row, col) != 8 ? 0 : be64(PQgetvalue(r, row, col));
}

static pg_series *state(pg_store *s)
{
	pg_series *x = s->series;

	if (!x) {
		x = calloc(1, sizeof(*x));
		if (!x) {
			ivp__pg_oom(s);
			return NULL;
		}
		ivp__map_init(&x->area_ids);
		ivp__map_init(&x->type_ids);
		ivp__buf_init(&x->enc, 1u << 20);
		ivp__buf_init(&x->copy, 256u << 20);
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
static int code_id(pg_store *s, pg_series *x, int is_area, const char *code, int64_t *id)
{
	static const char *const area_sql = "SELECT id FROM area WHERE code=$1";
	static const char *const type_sql = "SELECT id FROM crime_type WHERE code=$1";
	ivp__map *m = is_area ? &x->area_ids : &x->type_ids;
	int64_t *v, *slot;
	pg_params p;
	PGresult *r;
	int existed, n;
	size_t len;

	if (code[0] && !strcmp(x->last[is_area], code)) {
		*id = x->last_id[is_area];
		return 0;
	}
	if ((v = ivp__map_get(m, code))) {
		*id = *v;
		goto remember;
	}
	pg_init(&p);
	pg_text(&p, code);
	if (ivp__pg_query(s, is_area ? area_sql : type_sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n)
		*id = ivp__pg_int(r, 0, 0);
	PQclear(r);
	if (!n) {
		snprintf(s->err, sizeof(s->err), "unknown code %s", code);
		return 1;
	}
	if (ivp__map_put(m, code, *id, &slot, &existed))
		return ivp__pg_oom(s);
remember:
	if ((len = strlen(code)) < sizeof(x->last[0])) {
		memcpy(x->last[is_area], code, len + 1);
		x->last_id[is_area] = *id;
	}
	return 0;
}

int ivp__pg_area_id(pg_store *s, const char *code, int64_t *id)
{
	pg_series *x = state(s);

	return x ? code_id(s, x, 1, code, id) : -1;
}

static int damaged(pg_store *s, const char *area, int64_t a, int64_t t)
{
	return ivp__pg_failf(s, "damaged series value for area %s (id %lld), type id %lld",
			     area ? area : "?", (long long)a, (long long)t);
}

/* ---- staging and merging ----------------------------------------------------------- */

static int put_be(ivp__buf *b, uint64_t v, int bytes)
{
	unsigned char c[8];
	int i;

	for (i = bytes - 1; i >= 0; i--, v >>= 8)
		c[i] = (unsigned char)(v & 0xff);
	return ivp__buf_add(b, c, (size_t)bytes);
}

static int put_int8(ivp__buf *b, int64_t v)
{
	return put_be(b, 8, 4) || put_be(b, (uint64_t)v, 8);
}

static int stage_ready(pg_store *s, pg_series *x)
{
	if (x->stage_ready)
		return 0;
	/* temporary: not WAL-logged, private to this connection */
	if (ivp__pg_simple(s, "CREATE TEMP TABLE IF NOT EXISTS ivp_stage (seq bigint, area_id bigint, "
			      "type_id bigint, nfacts bigint, data bytea)"))
		return -1;
	x->stage_ready = 1;
	return 0;
}

/* The rows in x->copy (binary COPY tuples) into ivp_stage. */
static int copy_out(pg_store *s, pg_series *x)
{
	static const char header[19] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
	PGresult *r;
	int ok;

	if (stage_ready(s, x))
		return -1;
	r = PQexec(s->conn, "COPY ivp_stage FROM STDIN (FORMAT binary)");
	if (!r || PQresultStatus(r) != PGRES_COPY_IN) {
		ivp__pg_fail(s, r);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	ok = PQputCopyData(s->conn, header, sizeof(header)) == 1 &&
	     PQputCopyData(s->conn, x->copy.p, (int)x->copy.len) == 1 &&
	     PQputCopyData(s->conn, "\377\377", 2) == 1;
	if (PQputCopyEnd(s->conn, ok ? NULL : "ivp: the copy stopped") != 1)
		ok = 0;
	while ((r = PQgetResult(s->conn))) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			if (ok)
				ivp__pg_fail(s, r);
			ok = 0;
		}
		PQclear(r);
	}
	if (!ok && !s->err[0])
		ivp__pg_fail(s, NULL);
	return ok ? 0 : -1;
}

static int merge(pg_store *s, pg_series *x)
{
	static const char *const sql =
		"INSERT INTO series(area_id, type_id, nfacts, data) "
		"SELECT DISTINCT ON (area_id, type_id) area_id, type_id, nfacts, data FROM ivp_stage "
		"ORDER BY area_id, type_id, seq DESC "
		"ON CONFLICT (area_id, type_id) DO UPDATE SET nfacts=excluded.nfacts, data=excluded.data";

	if (!x->staged)
		return 0;
	if (ivp__pg_exec(s, sql, NULL, NULL) || ivp__pg_simple(s, "TRUNCATE ivp_stage"))
		return -1;
	x->staged = 0;
	return ivp__pg_touched(s);
}

static int by_key(const void *a, const void *b)
{
	const ivp__ser *x = *(ivp__ser *const *)a, *y = *(ivp__ser *const *)b;

	if (x->area_id != y->area_id)
		return x->area_id < y->area_id ? -1 : 1;
	return (x->type_id > y->type_id) - (x->type_id < y->type_id);
}

/* Stage the changed series (one COPY); they stay cached, clean. */
static int write_dirty(pg_store *s, pg_series *x)
{
	ivp__ser *order[GROUPS];
	int i, n = 0;

	for (i = 0; i < x->ng; i++)
		if (x->g[i].dirty)
			order[n++] = &x->g[i];
	if (!n)
		return 0;
	qsort(order, (size_t)n, sizeof(ivp__ser *), by_key);
	ivp__buf_reset(&x->copy);
	for (i = 0; i < n; i++) {
		ivp__ser *g = order[i];

		ivp__buf_reset(&x->enc);
		if (ivp__ser_encode(g, &x->enc) || put_be(&x->copy, 5, 2) ||
		    put_int8(&x->copy, ++x->seq) || put_int8(&x->copy, g->area_id) ||
		    put_int8(&x->copy, g->type_id) || put_int8(&x->copy, ivp__ser_nfacts(g)) ||
		    put_be(&x->copy, x->enc.len, 4) || ivp__buf_add(&x->copy, x->enc.p, x->enc.len) ||
		    idset_add(&x->written, g->area_id))
			return ivp__pg_oom(s);
	}
	if (copy_out(s, x))
		return -1;
	for (i = 0; i < n; i++) {
		order[i]->dirty = 0;
		order[i]->stored = 1;
	}
	x->staged += n;
	return 0;
}

static void drop_cache(pg_series *x)
{
	x->ng = 0;
	memset(x->hash, 0, sizeof(x->hash));
	idset_clear(&x->complete);
}

static void cache_add(pg_series *x, ivp__ser *g)
{
	unsigned h = hash_of(g->area_id, g->type_id);

	while (x->hash[h])
		h = (h + 1) & (HSLOTS - 1);
	x->hash[h] = (int)(g - x->g) + 1;
}

/* Stage what changed and empty the cache, keeping area `keep`'s series. */
static int evict(pg_store *s, pg_series *x, int64_t keep)
{
	int i, n = 0, kept_complete = idset_has(&x->complete, keep);

	if (write_dirty(s, x))
		return -1;
	for (i = 0; i < x->ng; i++) {
		if (x->g[i].area_id != keep)
			continue;
		if (i != n) { /* swap, so that no ivp__ser's years leak or alias */
			ivp__ser t = x->g[n];

			x->g[n] = x->g[i];
			x->g[i] = t;
		}
		n++;
	}
	if (n == GROUPS)
		return ivp__pg_failf(s, "more than %d series for one area", GROUPS);
	x->ng = n;
	memset(x->hash, 0, sizeof(x->hash));
	idset_clear(&x->complete);
	for (i = 0; i < n; i++)
		cache_add(x, &x->g[i]);
	if (kept_complete && idset_add(&x->complete, keep))
		return ivp__pg_oom(s);
	return 0;
}

int ivp__pg_series_flush(pg_store *s)
{
	pg_series *x = s->series;

	return x ? write_dirty(s, x) || merge(s, x) : 0;
}

int ivp__pg_series_begin(pg_store *s)
{
	static const char *const sql = "SELECT NOT EXISTS (SELECT 1 FROM series)";
	pg_series *x = state(s);
	PGresult *r;

	if (!x)
		return -1;
	drop_cache(x);
	idset_clear(&x->written);
	if (ivp__pg_query(s, sql, NULL, &r))
		return -1;
	x->fresh = PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	return 0;
}

void ivp__pg_series_rollback(pg_store *s)
{
	pg_series *x = s->series;

	if (!x)
		return;
	drop_cache(x);
	idset_clear(&x->written);
	x->fresh = 0;
	x->staged = 0;
	/* a rollback may take the temporary table, and the areas and types
	 * this transaction added, with it */
	x->stage_ready = 0;
	x->last[0][0] = x->last[1][0] = '\0';
	ivp__map_free(&x->area_ids);
	ivp__map_free(&x->type_ids);
	ivp__map_init(&x->area_ids);
	ivp__map_init(&x->type_ids);
}

void ivp__pg_series_close(pg_store *s)
{
	pg_series *x = s->series;
	int i;

	if (!x)
		return;
	for (i = 0; i < GROUPS; i++)
		ivp__ser_free(&x->g[i]);
	ivp__map_free(&x->area_ids);
	ivp__map_free(&x->type_ids);
	ivp__buf_free(&x->enc);
	ivp__buf_free(&x->copy);
	free(x->complete.v);
	free(x->written.v);
	free(x);
	s->series = NULL;
}

/* ---- writing ------------------------------------------------------------------------ */

static ivp__ser *lookup(pg_series *x, int64_t a, int64_t t)
{
	unsigned h = hash_of(a, t);

	for (;; h = (h + 1) & (HSLOTS - 1)) {
		int k = x->hash[h];

		if (!k)
			return NULL;
		if (x->g[k - 1].area_id == a && x->g[k - 1].type_id == t)
			return &x->g[k - 1];
	}
}

static ivp__ser *start(pg_series *x, int64_t a, int64_t t)
{
	ivp__ser *g = &x->g[x->ng++];

	g->area_id = a;
	g->type_id = t;
	g->n = 0;
	g->dirty = 0;
	g->stored = 0;
	cache_add(x, g);
	return g;
}

/* Every stored series of area a into the cache; a is then complete. */
static int load_area(pg_store *s, pg_series *x, int64_t a)
{
	static const char *const sql = "SELECT type_id, data FROM series WHERE area_id=$1";
	pg_params p;
	PGresult *r;
	int i, n;

	if (merge(s, x))
		return -1;
	pg_init(&p);
	pg_int(&p, a);
	if (ivp__pg_query_fmt(s, sql, &p, 1, &r))
		return -1;
	n = PQntuples(r);
	if (n >= GROUPS) {
		PQclear(r);
		return ivp__pg_failf(s, "more than %d series for one area", GROUPS);
	}
	if (x->ng + n > GROUPS && (write_dirty(s, x) || (drop_cache(x), 0))) {
		PQclear(r);
		return -1;
	}
	for (i = 0; i < n; i++) {
		ivp__ser *g = start(x, a, bin_int(r, i, 0));
		int d = ivp__ser_decode(g, PQgetvalue(r, i, 1), (size_t)PQgetlength(r, i, 1));

		g->stored = 1;
		if (d) {
			PQclear(r);
			return d == -2 ? ivp__pg_oom(s) : damaged(s, NULL, a, g->type_id);
		}
	}
	PQclear(r);
	return idset_add(&x->complete, a) ? ivp__pg_oom(s) : 0;
}

/* The cached series (a, t), read or started when absent; NULL on error. */
static ivp__ser *series_of(pg_store *s, pg_series *x, int64_t a, int64_t t)
{
	ivp__ser *g = lookup(x, a, t);

	if (g)
		return g;
	if (x->ng == GROUPS && evict(s, x, a))
		return NULL;
	if (!idset_has(&x->complete, a)) {
		if (x->fresh && !idset_has(&x->written, a)) {
			if (idset_add(&x->complete, a)) {
				ivp__pg_oom(s);
				return NULL;
			}
		} else if (load_area(s, x, a)) {
			return NULL;
		}
		if ((g = lookup(x, a, t)))
			return g;
		if (x->ng == GROUPS && evict(s, x, a))
			return NULL;
	}
	return start(x, a, t);
}

int ivp__pg_fact_put(pg_store *s, const char *area, const char *type, int period,
		     int64_t count, int provisional, int64_t import_id, int *result)
{
	pg_series *x = state(s);
	int64_t a, t;
	ivp__ser *g;
	int rc;

	if (!x)
		return -1;
	if ((rc = code_id(s, x, 1, area, &a)) || (rc = code_id(s, x, 0, type, &t)))
		return rc;
	if (!(g = series_of(s, x, a, t)))
		return -1;
	rc = ivp__ser_put(g, period, count, provisional, import_id, result);
	if (rc == -1)
		return ivp__pg_failf(s, "count %lld for period %d cannot be stored", (long long)count, period);
	if (rc == -2)
		return ivp__pg_oom(s);
	return 0;
}

/* ---- queries -------------------------------------------------------------------------- */

#define MONTHS_MASK 0x1FFEu /* slots 1-12 */

/* A type's yearly figure from its year: JJ00, else the sum of 12 months. */
void ivp__pg_year_fill(ivp__type_count *tc, const ivp__ser_year *y)
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

static void clear_types(ivp__type_count *types, int n)
{
	int k;

	for (k = 0; k < n; k++) {
		types[k].has = types[k].from_months = types[k].provisional = 0;
		types[k].count = types[k].import_id = 0;
	}
}

/* The type ids of types[] as a PostgreSQL array literal ("{1,2}"); an
 * unknown code is -1 in ids[] and left out. */
static int type_ids(pg_store *s, pg_series *x, ivp__type_count *types, int ntypes,
		    int64_t *ids, char *arr, size_t arrsz)
{
	size_t len = 1;
	int k, rc;

	if (ntypes > 64)
		return ivp__pg_failf(s, "%d type codes in one query; at most 64", ntypes);
	arr[0] = '{';
	arr[1] = '\0';
	for (k = 0; k < ntypes; k++) {
		rc = code_id(s, x, 0, types[k].code, &ids[k]);
		if (rc < 0)
			return -1;
		if (rc) {
			ids[k] = -1;
			continue;
		}
		len += (size_t)snprintf(arr + len, arrsz - len, "%s%lld", len > 1 ? "," : "", (long long)ids[k]);
		if (len >= arrsz - 2)
			return ivp__pg_failf(s, "too many type codes in one query");
	}
	arr[len] = '}';
	arr[len + 1] = '\0';
	return 0;
}

int ivp__pg_year_counts(ivp__store *st, const char *area, int year, ivp__type_count *types,
			int ntypes)
{
	static const char *const sql = "SELECT type_id, data FROM series WHERE area_id=$1 AND type_id = ANY($2::bigint[])";
	pg_store *s = PG(st);
	pg_series *x = state(s);
	int64_t a = 0, ids[64];
	char arr[64 * 24];
	pg_params p;
	PGresult *r;
	int i, k, n, rc;

	if (!x || ivp__pg_series_flush(s))
		return -1;
	clear_types(types, ntypes);
	if ((rc = ivp__pg_snap_year_counts(s, area, year, types, ntypes)) != 2)
		return rc;
	rc = code_id(s, x, 1, area, &a);
	if (rc)
		return rc < 0 ? -1 : 0;
	if (type_ids(s, x, types, ntypes, ids, arr, sizeof(arr)))
		return -1;
	pg_init(&p);
	pg_int(&p, a);
	pg_text(&p, arr);
	if (ivp__pg_query_fmt(s, sql, &p, 1, &r))
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		int64_t t = bin_int(r, i, 0);
		ivp__ser_year y;
		int d = ivp__ser_read_year(PQgetvalue(r, i, 1), (size_t)PQgetlength(r, i, 1), year, &y);

		if (d < 0) {
			PQclear(r);
			return damaged(s, area, a, t);
		}
		for (k = 0; d == 0 && k < ntypes; k++)
			if (ids[k] == t)
				ivp__pg_year_fill(&types[k], &y);
	}
	PQclear(r);
	return 0;
}

int ivp__pg_month_counts(ivp__store *st, const char *area, const char *type, int from, int to,
			 ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT data FROM series WHERE area_id=$1 AND type_id=$2";
	pg_store *s = PG(st);
	pg_series *x = state(s);
	ivp__ser g;
	int64_t a, t;
	pg_params p;
	PGresult *r;
	int rc, i, m, d = 0;

	if (!x || ivp__pg_series_flush(s))
		return -1;
	if ((rc = code_id(s, x, 1, area, &a)) || (rc = code_id(s, x, 0, type, &t)))
		return rc < 0 ? -1 : 0;
	pg_init(&p);
	pg_int(&p, a);
	pg_int(&p, t);
	if (ivp__pg_query_fmt(s, sql, &p, 1, &r))
		return -1;
	ivp__ser_init(&g, a, t);
	if (PQntuples(r))
		d = ivp__ser_decode(&g, PQgetvalue(r, 0, 0), (size_t)PQgetlength(r, 0, 0));
	PQclear(r);
	if (d) {
		ivp__ser_free(&g);
		return d == -2 ? ivp__pg_oom(s) : damaged(s, area, a, t);
	}
	rc = 0;
	for (i = 0; i < g.n && !rc; i++) {
		for (m = 1; m <= 12 && !rc; m++) {
			int per = ivp__ser_period(g.y[i].year, m);
			char ps[16], cnt[24], imp[24];
			const char *cols[3] = { ps, cnt, imp };

			if (per < from || per > to || !((g.y[i].pmask >> m) & 1))
				continue;
			snprintf(ps, sizeof(ps), "%d", per);
			snprintf(cnt, sizeof(cnt), "%lld", (long long)g.y[i].c[m]);
			snprintf(imp, sizeof(imp), "%lld", (long long)g.y[i].import_id);
			rc = cb(ud, cols, 3);
		}
	}
	ivp__ser_free(&g);
	return rc ? ivp__pg_stop(s) : 0;
}

int ivp__pg_has_class(ivp__store *st, const char *area, int year, const char *classification,
		      int *has)
{
	static const char *const sql = "SELECT s.data FROM series s JOIN crime_type t ON t.id=s.type_id "
				       "WHERE s.area_id=$1 AND t.classification=$2";
	pg_store *s = PG(st);
	pg_series *x = state(s);
	int64_t a;
	pg_params p;
	PGresult *r;
	int rc, i, n;

	*has = 0;
	if (!x || ivp__pg_series_flush(s))
		return -1;
	if ((rc = ivp__pg_snap_has_class(s, area, year, classification, has)) != 2)
		return rc;
	rc = code_id(s, x, 1, area, &a);
	if (rc)
		return rc < 0 ? -1 : 0;
	pg_init(&p);
	pg_int(&p, a);
	pg_text(&p, classification);
	if (ivp__pg_query_fmt(s, sql, &p, 1, &r))
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n && !*has; i++) {
		ivp__ser_year y;
		int d = ivp__ser_read_year(PQgetvalue(r, i, 0), (size_t)PQgetlength(r, i, 0), year, &y);

		if (d < 0) {
			PQclear(r);
			return damaged(s, area, a, -1);
		}
		*has = d == 0;
	}
	PQclear(r);
	return 0;
}

/* a text column of a binary result, into out */
static void bin_text(const PGresult *r, int row, int col, char *out, size_t outsz)
{
	int len = PQgetisnull(r, row, col) ? 0 : PQgetlength(r, row, col);

	if ((size_t)len >= outsz)
		len = (int)outsz - 1;
	memcpy(out, PQgetvalue(r, row, col), (size_t)len);
	out[len] = '\0';
}

int ivp__pg_level_years(ivp__store *st, const char *under, const char *level, int year,
			int pop_year, const char *group, ivp__type_count *types, int ntypes,
			int (*cb)(void *ud, const ivp__area_year *a), void *ud)
{
	static const char *const root_sql = "SELECT parent IS NULL FROM area WHERE code=$1";
	static const char *const all_sql =
		"SELECT a.code, a.name, p.count, p.import_id, s.type_id, s.data FROM area a "
		"LEFT JOIN population p ON p.area_id=a.id AND p.age_group=$3 AND p.year=$4::integer "
		"LEFT JOIN series s ON s.area_id=a.id AND s.type_id = ANY($5::bigint[]) "
		"WHERE a.level=$2 AND $1::text IS NOT NULL ORDER BY a.code";
	/* a sub-tree: its areas first, then two index look-ups each (LATERAL);
	 * the planner cannot size a recursive query and would join whole tables */
	static const char *const sub_sql =
		"WITH RECURSIVE sub(id, code, name, level) AS (SELECT id, code, name, level FROM area WHERE parent=$1 "
		"UNION SELECT a.id, a.code, a.name, a.level FROM area a JOIN sub ON a.parent=sub.code) "
		"SELECT a.code, a.name, p.count, p.import_id, s.type_id, s.data FROM sub a "
		"LEFT JOIN LATERAL (SELECT count, import_id FROM population p WHERE p.area_id=a.id "
		"AND p.age_group=$3 AND p.year=$4::integer) p ON true "
		"LEFT JOIN LATERAL (SELECT type_id, data FROM series s WHERE s.area_id=a.id "
		"AND s.type_id = ANY($5::bigint[])) s ON true "
		"WHERE a.level=$2 ORDER BY a.code";
	pg_store *s = PG(st);
	pg_series *x = state(s);
	int64_t ids[64] = { 0 };
	char arr[64 * 24], code[16] = "", name[256] = "", c[16];
	ivp__area_year a;
	pg_params p;
	PGresult *r;
	int i, k, n, root = 0, have = 0;

	if (!x || ivp__pg_series_flush(s))
		return -1;
	if (type_ids(s, x, types, ntypes, ids, arr, sizeof(arr)))
		return -1;
	/* the root of the hierarchy (NL01) holds every area of every level */
	pg_init(&p);
	pg_text(&p, under);
	if (ivp__pg_query(s, root_sql, &p, &r))
		return -1;
	root = PQntuples(r) && PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	pg_text(&p, level);
	pg_text(&p, group);
	pg_int(&p, pop_year);
	pg_text(&p, arr);
	if (ivp__pg_query_fmt(s, root ? all_sql : sub_sql, &p, 1, &r))
		return -1;
	memset(&a, 0, sizeof(a));
	a.code = code;
	a.name = name;
	a.types = types;
	a.ntypes = ntypes;
	n = PQntuples(r);
	for (i = 0; i <= n; i++) {
		if (i < n)
			bin_text(r, i, 0, c, sizeof(c));
		if (have && (i == n || strcmp(c, code))) {
			if (cb(ud, &a)) {
				PQclear(r);
				return ivp__pg_stop(s);
			}
			have = 0;
		}
		if (i == n)
			break;
		if (!have) {
			snprintf(code, sizeof(code), "%s", c);
			bin_text(r, i, 1, name, sizeof(name));
			clear_types(types, ntypes);
			a.has_pop = !PQgetisnull(r, i, 2);
			a.pop = bin_int(r, i, 2);
			a.pop_import = bin_int(r, i, 3);
			have = 1;
		}
		if (!PQgetisnull(r, i, 5)) {
			int64_t t = bin_int(r, i, 4);
			ivp__ser_year y;
			int d = ivp__ser_read_year(PQgetvalue(r, i, 5), (size_t)PQgetlength(r, i, 5), year, &y);

			if (d < 0) {
				PQclear(r);
				return damaged(s, code, -1, t);
			}
			for (k = 0; d == 0 && k < ntypes; k++)
				if (ids[k] == t)
					ivp__pg_year_fill(&types[k], &y);
		}
	}
	PQclear(r);
	return 0;
}
