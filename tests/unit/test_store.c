/*
 * test_store.c — unit tests of crime-count storage: the series value of
 * store/series.h (slots, classification of writes across imports, the
 * encoding and every way a stored value can be damaged), the SQLite
 * engine's bounded cache of series behind fact_put and the queries
 * (more series than the cache holds, written out of order, committed and
 * rolled back, two connections), all through the door of store.h.
 * Migration 5, which needs the database file itself, is in
 * test_sqlite_file.c.
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

#include "core/core.h"
#include "store/series.h"
#include "store/store.h"
#include "store_db.h"

/* ---- helpers ------------------------------------------------------------- */

static void put_ok(ivp__ser *s, int period, int64_t count, int prov,
		   int64_t import_id, int want)
{
	int res = -1;
	int rc = ivp__ser_put(s, period, count, prov, import_id, &res);

	if (rc != 0 || res != want) {
		print_error("ser_put(period %d, count %lld, import %lld): rc %d result %d, want rc 0 result %d\n",
			    period, (long long)count, (long long)import_id, rc, res, want);
		fail();
	}
}

/* The year's entry of s, failing the test when absent. */
static const ivp__ser_year *year_in(const ivp__ser *s, int year)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->y[i].year == year)
			return &s->y[i];
	print_error("year %d not in the series (%d years)\n", year, s->n);
	fail();
	return NULL;
}

static void same_year(const char *what, const ivp__ser_year *got,
		      const ivp__ser_year *want)
{
	int k;

#define FIELD(f, fmt, cast)                                                          \
	if (got->f != want->f) {                                                     \
		print_error("%s, year %d: " #f " got " fmt ", want " fmt "\n", what, \
			    want->year, (cast)got->f, (cast)want->f);                \
		fail();                                                              \
	}
	FIELD(year, "%d", int)
	FIELD(import_id, "%lld", long long)
	FIELD(touch_id, "%lld", long long)
	FIELD(tmask, "0x%x", unsigned)
	FIELD(pmask, "0x%x", unsigned)
	FIELD(prov, "0x%x", unsigned)
#undef FIELD
	for (k = 0; k < IVP__SER_SLOTS; k++)
		if (((want->pmask >> k) & 1) && got->c[k] != want->c[k]) {
			print_error("%s, year %d slot %d: count got %lld, want %lld\n", what,
				    want->year, k, (long long)got->c[k], (long long)want->c[k]);
			fail();
		}
}

static void same_series(const char *what, const ivp__ser *got, const ivp__ser *want)
{
	int i;

	if (got->n != want->n) {
		print_error("%s: %d years, want %d\n", what, got->n, want->n);
		fail();
	}
	for (i = 0; i < want->n; i++)
		same_year(what, &got->y[i], &want->y[i]);
}

/* A hand-made value: bytes and LEB128 varints. */
typedef struct blob {
	unsigned char p[512];
	size_t n;
} blob;

static void bb(blob *b, unsigned char c)
{
	assert_true(b->n < sizeof(b->p));
	b->p[b->n++] = c;
}

static void bv(blob *b, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;

		v >>= 7;
		bb(b, c | (v ? 0x80 : 0));
	} while (v);
}

/* one year: year, import, touch, tmask, pmask, prov, then counts given */
static void byear(blob *b, uint64_t year, uint64_t imp, uint64_t touch,
		  uint64_t tmask, uint64_t pmask, uint64_t prov)
{
	bv(b, year);
	bv(b, imp);
	bv(b, touch);
	bv(b, tmask);
	bv(b, pmask);
	bv(b, prov);
}

/*
 * A damaged value must be an error from decode (leaving no years) and from
 * read_year, whichever year is asked for (it checks the whole value).
 */
static void damaged_at(const char *what, const void *p, size_t n, int year)
{
	ivp__ser s;
	ivp__ser_year y;
	int rc;

	ivp__ser_init(&s, 1, 1);
	put_ok(&s, 202001, 1, 0, 1, IVP__PUT_NEW); /* decode must replace this */
	rc = ivp__ser_decode(&s, p, n);
	if (rc != -1 || s.n != 0) {
		print_error("%s (%zu bytes): decode rc %d with %d years, want -1 and 0\n",
			    what, n, rc, s.n);
		fail();
	}
	rc = ivp__ser_read_year(p, n, year, &y);
	if (rc != -1) {
		print_error("%s (%zu bytes): read_year(%d) rc %d, want -1\n", what, n, year, rc);
		fail();
	}
	ivp__ser_free(&s);
}

static void damaged(const char *what, const void *p, size_t n)
{
	damaged_at(what, p, n, 2199);
}

/* bytes after the last year, asked for a year before them */
static void damaged_tail(const char *what, const void *p, size_t n)
{
	damaged_at(what, p, n, 2022);
}

/* ---- slots and periods ---------------------------------------------------- */

static void test_slot_period(void **state)
{
	int m, q, sub, slot;

	(void)state;
	assert_int_equal(ivp__ser_slot(202400), 0);
	assert_int_equal(ivp__ser_period(2024, 0), 202400);
	for (m = 1; m <= 12; m++) {
		assert_int_equal(ivp__ser_slot(202400 + m), m);
		assert_int_equal(ivp__ser_period(2024, m), 202400 + m);
	}
	for (q = 1; q <= 4; q++) {
		assert_int_equal(ivp__ser_slot(202420 + q), 12 + q);
		assert_int_equal(ivp__ser_period(2024, 12 + q), 202420 + q);
	}
	for (sub = 13; sub <= 20; sub++)
		assert_int_equal(ivp__ser_slot(202400 + sub), -1);
	for (sub = 25; sub <= 99; sub++)
		assert_int_equal(ivp__ser_slot(202400 + sub), -1);
	assert_int_equal(ivp__ser_slot(-202401), -1);
	/* every slot names a period that maps back to it, first and last years */
	for (slot = 0; slot < IVP__SER_SLOTS; slot++) {
		assert_int_equal(ivp__ser_slot(ivp__ser_period(1900, slot)), slot);
		assert_int_equal(ivp__ser_slot(ivp__ser_period(2199, slot)), slot);
	}
}

/* ---- writes and their classification -------------------------------------- */

static void test_put_classification(void **state)
{
	ivp__ser s;
	const ivp__ser_year *y;
	int res = -1;

	(void)state;
	ivp__ser_init(&s, 7, 9);
	assert_int_equal(s.area_id, 7);
	assert_int_equal(s.type_id, 9);
	assert_int_equal(s.n, 0);

	/* import 1: a provisional month, the same key again (same, then other count) */
	put_ok(&s, 202301, 5, 1, 1, IVP__PUT_NEW);
	assert_int_equal(s.dirty, 1);
	y = year_in(&s, 2023);
	assert_int_equal(y->pmask, 1u << 1);
	assert_int_equal(y->prov, 1u << 1);
	assert_int_equal(y->import_id, 1);
	assert_int_equal(y->touch_id, 1);
	assert_int_equal(y->tmask, 1u << 1);
	assert_int_equal(y->c[1], 5);
	put_ok(&s, 202301, 5, 1, 1, IVP__PUT_DUP_SAME);
	put_ok(&s, 202301, 6, 1, 1, IVP__PUT_DUP_DIFF);
	y = year_in(&s, 2023);
	assert_int_equal(y->c[1], 5); /* the first value stands */
	put_ok(&s, 202302, 3, 0, 1, IVP__PUT_NEW);
	y = year_in(&s, 2023);
	assert_int_equal(y->pmask, (1u << 1) | (1u << 2));
	assert_int_equal(y->prov, 1u << 1);
	assert_int_equal(y->tmask, (1u << 1) | (1u << 2));

	/* import 2: same value is SAME and keeps the provenance */
	put_ok(&s, 202301, 5, 1, 2, IVP__PUT_SAME);
	y = year_in(&s, 2023);
	assert_int_equal(y->import_id, 1);
	assert_int_equal(y->touch_id, 2);
	assert_int_equal(y->tmask, 1u << 1); /* import 1's marks are gone */
	put_ok(&s, 202301, 5, 1, 2, IVP__PUT_DUP_SAME);
	put_ok(&s, 202301, 4, 1, 2, IVP__PUT_DUP_DIFF);
	/* a key import 1 wrote but import 2 not yet: not a duplicate */
	put_ok(&s, 202302, 3, 0, 2, IVP__PUT_SAME);

	/* import 3: another value replaces it, now definitive */
	put_ok(&s, 202301, 8, 0, 3, IVP__PUT_CHANGED);
	y = year_in(&s, 2023);
	assert_int_equal(y->c[1], 8);
	assert_int_equal(y->prov, 0);
	assert_int_equal(y->import_id, 3);
	put_ok(&s, 202301, 8, 0, 3, IVP__PUT_DUP_SAME);
	put_ok(&s, 202301, 5, 0, 3, IVP__PUT_DUP_DIFF);
	/* a definitive count that becomes provisional */
	put_ok(&s, 202302, 4, 1, 3, IVP__PUT_CHANGED);
	assert_int_equal(year_in(&s, 2023)->prov, 1u << 2);

	/* import 4 adds a quarter and the year: the year's import is 4 */
	put_ok(&s, 202321, 11, 0, 4, IVP__PUT_NEW);
	put_ok(&s, 202300, 40, 0, 4, IVP__PUT_NEW);
	y = year_in(&s, 2023);
	assert_int_equal(y->import_id, 4);
	assert_int_equal(y->pmask, 1u | (1u << 1) | (1u << 2) | (1u << 13));
	assert_int_equal(y->c[13], 11);
	assert_int_equal(y->c[0], 40);

	/* import 5 only repeats counts: the provenance stays at import 4 */
	put_ok(&s, 202300, 40, 0, 5, IVP__PUT_SAME);
	put_ok(&s, 202301, 8, 0, 5, IVP__PUT_SAME);
	y = year_in(&s, 2023);
	assert_int_equal(y->import_id, 4);
	assert_int_equal(y->touch_id, 5);
	assert_int_equal(y->tmask, 1u | (1u << 1));

	/* provenance is per year: a new year has its own */
	put_ok(&s, 202201, 2, 0, 5, IVP__PUT_NEW);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.y[0].year, 2022);
	assert_int_equal(s.y[0].import_id, 5);
	assert_int_equal(year_in(&s, 2023)->import_id, 4);
	assert_int_equal(ivp__ser_nfacts(&s), 5);

	/* periods without a slot are refused and change nothing */
	assert_int_equal(ivp__ser_put(&s, 202313, 1, 0, 5, &res), -1);
	assert_int_equal(ivp__ser_put(&s, 202325, 1, 0, 5, &res), -1);
	assert_int_equal(ivp__ser_put(&s, 202399, 1, 0, 5, &res), -1);
	assert_int_equal(s.n, 2);
	assert_int_equal(ivp__ser_nfacts(&s), 5);
	ivp__ser_free(&s);
	assert_int_equal(s.n, 0);
	assert_null(s.y);
}

/* ---- encoding -------------------------------------------------------------- */

/* A series with years written out of order, quarters, the year, and counts
 * and import ids at the edges of the varint sizes. */
static void build_rich(ivp__ser *s)
{
	static const int years[] = { 2021, 2019, 2023, 1900, 2199, 2020 };
	size_t i;
	int m;

	ivp__ser_init(s, 12, 34);
	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		int y = years[i];
		int64_t imp = 100 + (int64_t)i;

		for (m = 1; m <= 12; m += (int)i + 1)
			put_ok(s, y * 100 + m, (int64_t)m * 127 + (int64_t)i, m == 12, imp,
			       IVP__PUT_NEW);
	}
	put_ok(s, 202100, INT64_MAX, 1, 106, IVP__PUT_NEW);
	put_ok(s, 202121, 0, 0, 106, IVP__PUT_NEW);
	put_ok(s, 202122, 127, 0, 106, IVP__PUT_NEW);
	put_ok(s, 202123, 128, 1, 106, IVP__PUT_NEW);
	put_ok(s, 202124, (int64_t)1 << 62, 0, 106, IVP__PUT_NEW);
	put_ok(s, 201900, 16383, 0, INT64_MAX, IVP__PUT_NEW);
	put_ok(s, 201924, 16384, 0, INT64_MAX, IVP__PUT_NEW);
	/* a later import over part of 2023: touch differs from import */
	put_ok(s, 202301, 999, 0, 200, IVP__PUT_CHANGED);
	put_ok(s, 202304, 4 * 127 + 2, 0, 201, IVP__PUT_SAME);
}

static void test_roundtrip(void **state)
{
	ivp__ser s, d, e;
	ivp__buf b1, b2;
	ivp__ser_year y;
	int i;

	(void)state;
	build_rich(&s);
	assert_int_equal(s.n, 6);
	for (i = 1; i < s.n; i++)
		assert_true(s.y[i - 1].year < s.y[i].year);
	assert_int_equal(s.y[0].year, 1900);
	assert_int_equal(s.y[5].year, 2199);
	/* 2021: every slot; 2023: months 1, 4, 7, 10, one changed, one repeated */
	assert_int_equal(year_in(&s, 2021)->pmask, 0x1FFFFu);
	assert_int_equal(year_in(&s, 2021)->prov, (1u << 12) | 1u | (1u << 15));
	assert_int_equal(year_in(&s, 2021)->import_id, 106);
	assert_int_equal(year_in(&s, 2023)->pmask, (1u << 1) | (1u << 4) | (1u << 7) | (1u << 10));
	assert_int_equal(year_in(&s, 2023)->import_id, 200);
	assert_int_equal(year_in(&s, 2023)->touch_id, 201);
	assert_int_equal(year_in(&s, 2023)->tmask, 1u << 4);
	assert_int_equal(year_in(&s, 2019)->import_id, INT64_MAX);
	assert_int_equal(ivp__ser_nfacts(&s), 17 + 8 + 4 + 3 + 3 + 2);

	ivp__buf_init(&b1, 1u << 20);
	ivp__buf_init(&b2, 1u << 20);
	assert_int_equal(ivp__ser_encode(&s, &b1), 0);
	assert_int_equal((unsigned char)b1.p[0], IVP__SER_FORMAT);

	/* decode into a series that already holds other years: replaced */
	ivp__ser_init(&d, 12, 34);
	put_ok(&d, 199901, 1, 0, 1, IVP__PUT_NEW);
	put_ok(&d, 200001, 1, 0, 1, IVP__PUT_NEW);
	assert_int_equal(ivp__ser_decode(&d, b1.p, b1.len), 0);
	same_series("decode(encode(s))", &d, &s);
	assert_int_equal(ivp__ser_nfacts(&d), ivp__ser_nfacts(&s));

	/* the encoding of the decoded value is the same bytes */
	assert_int_equal(ivp__ser_encode(&d, &b2), 0);
	assert_int_equal(b2.len, b1.len);
	assert_memory_equal(b2.p, b1.p, b1.len);

	/* a value decoded into a new series has room to grow */
	ivp__ser_init(&e, 12, 34);
	assert_int_equal(ivp__ser_decode(&e, b1.p, b1.len), 0);
	put_ok(&e, 202201, 1, 0, 300, IVP__PUT_NEW);
	put_ok(&e, 202304, 4 * 127 + 2, 0, 201, IVP__PUT_DUP_SAME);
	put_ok(&e, 202301, 999, 0, 200, IVP__PUT_SAME); /* only the last import's marks are kept */
	assert_int_equal(e.n, 7);
	assert_int_equal(e.y[4].year, 2022);
	ivp__ser_free(&e);

	/* read_year: each year as decoded, absent years before, between, after */
	for (i = 0; i < s.n; i++) {
		memset(&y, 0xA5, sizeof(y));
		assert_int_equal(ivp__ser_read_year(b1.p, b1.len, s.y[i].year, &y), 0);
		same_year("read_year", &y, &s.y[i]);
	}
	assert_int_equal(ivp__ser_read_year(b1.p, b1.len, 1899, &y), 1);
	assert_int_equal(ivp__ser_read_year(b1.p, b1.len, 2022, &y), 1);
	assert_int_equal(ivp__ser_read_year(b1.p, b1.len, 2198, &y), 1);

	/* the empty series */
	ivp__ser_init(&e, 1, 2);
	ivp__buf_reset(&b2);
	assert_int_equal(ivp__ser_encode(&e, &b2), 0);
	assert_int_equal(b2.len, 2);
	assert_int_equal(ivp__ser_decode(&d, b2.p, b2.len), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(ivp__ser_nfacts(&d), 0);
	assert_int_equal(ivp__ser_read_year(b2.p, b2.len, 2020, &y), 1);

	ivp__ser_free(&s);
	ivp__ser_free(&d);
	ivp__ser_free(&e);
	ivp__buf_free(&b1);
	ivp__buf_free(&b2);
}

/* The marks of what an import wrote travel with the value. */
static void test_dup_after_roundtrip(void **state)
{
	ivp__ser s, d;
	ivp__buf b;

	(void)state;
	ivp__ser_init(&s, 1, 1);
	put_ok(&s, 202101, 10, 0, 6, IVP__PUT_NEW);
	put_ok(&s, 202202, 20, 0, 7, IVP__PUT_NEW);
	put_ok(&s, 202200, 30, 0, 7, IVP__PUT_NEW);
	ivp__buf_init(&b, 1u << 20);
	assert_int_equal(ivp__ser_encode(&s, &b), 0);
	ivp__ser_init(&d, 1, 1);
	assert_int_equal(ivp__ser_decode(&d, b.p, b.len), 0);
	/* still import 7: its keys are duplicates, others are not */
	put_ok(&d, 202202, 20, 0, 7, IVP__PUT_DUP_SAME);
	put_ok(&d, 202200, 31, 0, 7, IVP__PUT_DUP_DIFF);
	put_ok(&d, 202203, 5, 0, 7, IVP__PUT_NEW);
	put_ok(&d, 202101, 10, 0, 7, IVP__PUT_SAME); /* written by import 6 */
	put_ok(&d, 202101, 11, 0, 7, IVP__PUT_DUP_DIFF);
	/* import 8: nothing is a duplicate any more */
	put_ok(&d, 202202, 20, 0, 8, IVP__PUT_SAME);
	put_ok(&d, 202200, 31, 0, 8, IVP__PUT_CHANGED);
	assert_int_equal(year_in(&d, 2022)->import_id, 8);
	assert_int_equal(year_in(&d, 2021)->import_id, 6);
	ivp__ser_free(&s);
	ivp__ser_free(&d);
	ivp__buf_free(&b);
}

/* ---- damaged values ---------------------------------------------------------- */

static void test_damaged(void **state)
{
	ivp__ser s;
	ivp__buf b;
	blob x;
	size_t n;
	unsigned char *p;
	int i;

	(void)state;
	build_rich(&s);
	ivp__buf_init(&b, 1u << 20);
	assert_int_equal(ivp__ser_encode(&s, &b), 0);
	p = malloc(b.len + 1);
	assert_non_null(p);

	/* every truncation, each in an allocation of exactly that size */
	for (n = 0; n < b.len; n++) {
		unsigned char *t = malloc(n ? n : 1);
		char what[64];

		assert_non_null(t);
		memcpy(t, b.p, n);
		snprintf(what, sizeof(what), "truncated to %zu of %zu bytes", n, b.len);
		damaged(what, t, n);
		free(t);
	}
	/* format bytes other than 1 */
	memcpy(p, b.p, b.len);
	for (i = 0; i < 256; i++) {
		if (i == IVP__SER_FORMAT)
			continue;
		p[0] = (unsigned char)i;
		damaged("wrong format byte", p, b.len);
	}
	/* one byte too many */
	memcpy(p, b.p, b.len);
	p[b.len] = 0;
	damaged_tail("a byte after the last year", p, b.len + 1);
	free(p);

	/* years not ascending, equal, or out of range */
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 2);
	byear(&x, 2021, 1, 1, 0, 1, 0), bv(&x, 5);
	byear(&x, 2020, 1, 1, 0, 1, 0), bv(&x, 5);
	damaged("years descending", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 2);
	byear(&x, 2021, 1, 1, 0, 1, 0), bv(&x, 5);
	byear(&x, 2021, 1, 1, 0, 2, 0), bv(&x, 5);
	damaged("a year twice", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 1899, 1, 1, 0, 1, 0), bv(&x, 5);
	damaged("year 1899", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2200, 1, 1, 0, 1, 0), bv(&x, 5);
	damaged("year 2200", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, ((uint64_t)1 << 32) + 2020, 1, 1, 0, 1, 0), bv(&x, 5);
	damaged("year 2^32 + 2020", x.p, x.n);

	/* masks: bits beyond the 17 slots, marks or provisional without a count */
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, 1, 0, 1u << 17, 0), bv(&x, 5);
	damaged("pmask bit 17", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, 1, 0, ((uint64_t)1 << 40) | 1, 0), bv(&x, 5);
	damaged("pmask bit 40", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, 1, 1u << 20, 1, 0), bv(&x, 5);
	damaged("tmask bit 20", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, 1, 0, 1, 1u << 17), bv(&x, 5);
	damaged("prov bit 17", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, 1, 2, 1, 0), bv(&x, 5);
	damaged("tmask slot without a count", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, 1, 0, 1, 3), bv(&x, 5);
	damaged("prov slot without a count", x.p, x.n);

	/* varints: over-long, above 64 bits, above INT64_MAX, unterminated */
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	bv(&x, 2021);
	for (i = 0; i < 10; i++)
		bb(&x, 0x80);
	bb(&x, 0); /* import id: 12 bytes for 0 */
	bv(&x, 1), bv(&x, 0), bv(&x, 1), bv(&x, 0), bv(&x, 5);
	damaged("12-byte varint", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	bv(&x, 2021);
	for (i = 0; i < 9; i++)
		bb(&x, 0xFF);
	bb(&x, 0x02); /* bit 64 */
	bv(&x, 1), bv(&x, 0), bv(&x, 1), bv(&x, 0), bv(&x, 5);
	damaged("varint of 65 bits", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, (uint64_t)INT64_MAX + 1, 1, 0, 1, 0), bv(&x, 5);
	damaged("import id 2^63", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, UINT64_MAX, 0, 1, 0), bv(&x, 5);
	damaged("touch id 2^64-1", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, 1, 0, 1, 0), bv(&x, (uint64_t)INT64_MAX + 1);
	damaged("count 2^63", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 1, 1, 0, 1, 0);
	for (i = 0; i < 20; i++)
		bb(&x, 0x80);
	damaged("count never ends", x.p, x.n);

	/* the number of years: more than the bytes can hold, or huge */
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 3);
	byear(&x, 2021, 1, 1, 0, 1, 0), bv(&x, 5);
	damaged("3 years, 1 present", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, (uint64_t)1 << 40);
	byear(&x, 2021, 1, 1, 0, 1, 0), bv(&x, 5);
	damaged("2^40 years", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, UINT64_MAX);
	damaged("2^64-1 years", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 0), bb(&x, 0);
	damaged_tail("no years and a byte more", x.p, x.n);

	/* the hand-made encoder agrees with the real one on a valid value */
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	byear(&x, 2021, 3, 3, 1u | (1u << 16), 1u | (1u << 16), 1u << 16);
	bv(&x, 70), bv(&x, 9);
	assert_int_equal(ivp__ser_decode(&s, x.p, x.n), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.y[0].c[0], 70);
	assert_int_equal(s.y[0].c[16], 9);
	assert_int_equal(s.y[0].prov, 1u << 16);
	ivp__buf_reset(&b);
	assert_int_equal(ivp__ser_encode(&s, &b), 0);
	assert_int_equal(b.len, x.n);
	assert_memory_equal(b.p, x.p, x.n);

	ivp__ser_free(&s);
	ivp__buf_free(&b);
}

/* ---- through the store --------------------------------------------------------- */

/* more series than sqlite_series.c's cache holds (GROUPS = 2048) */
#define NA 60
#define NT 40
#define NSERIES (NA * NT)

static const char *acode(int a)
{
	static char c[NA][16];

	snprintf(c[a], sizeof(c[a]), "GM%04d", a);
	return c[a];
}

static const char *tcode(int t)
{
	static char c[NT][16];

	snprintf(c[t], sizeof(c[t]), "9.%d.%d", t / 10, t % 10);
	return c[t];
}

static int64_t cnt(int a, int t, int m)
{
	return (int64_t)a * 100000 + (int64_t)t * 100 + m;
}

/* month_counts rows collected as "period:count:import;" */
static int rows_cb(void *ud, const char *const *cols, int n)
{
	ivp__buf *b = ud;

	assert_int_equal(n, 3);
	return ivp__buf_printf(b, "%s:%s:%s;", cols[0], cols[1], cols[2]);
}

static void want_months(db *d, const char *area, const char *type, int from, int to,
			const char *want)
{
	ivp__buf b;

	ivp__buf_init(&b, 1u << 16);
	ok(d, ivp__store_month_counts(d->ctx, area, type, from, to, rows_cb, &b), "month_counts");
	if (strcmp(ivp__buf_str(&b), want)) {
		print_error("month_counts(%s, %s, %d..%d):\n got  %s\n want %s\n", area, type,
			    from, to, ivp__buf_str(&b), want);
		fail();
	}
	ivp__buf_free(&b);
}

/* the expected month_counts rows of (a, t) in 2022, months m0..m1 */
static const char *months_of(int a, int t, int m0, int m1, int64_t imp, int64_t delta)
{
	static char out[1024];
	size_t n = 0;
	int m;

	out[0] = '\0';
	for (m = m0; m <= m1; m++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%d:%lld:%lld;", 202200 + m,
				      (long long)(cnt(a, t, m) + (m == 2 ? delta : 0)), (long long)imp);
	return out;
}

/* the sum of the 2022 months of (a, t), February changed by delta */
static int64_t months_sum(int a, int t, int64_t delta)
{
	int64_t sum = delta;
	int m;

	for (m = 1; m <= 12; m++)
		sum += cnt(a, t, m);
	return sum;
}

/*
 * Code lists and one crime import of NSERIES series x 12 months, written
 * month by month (every series leaves the cache and comes back 12 times),
 * plus a year figure, an incomplete year and a quarter.
 */
#define NFACTS (NSERIES * 12 + 1 + 11 + 1)

static int64_t load_db(db *d)
{
	int64_t ci, imp;
	int a, t, m, res = -1;

	ok(d, ivp__store_begin(d->ctx), "begin");
	ci = import(d, "codes", "c0de");
	for (a = 0; a < NA; a++)
		ok(d, ivp__store_area_put(d->ctx, acode(a), acode(a), "GM", NULL, ci), "area_put");
	for (t = 0; t < NT; t++)
		ok(d, ivp__store_type_put(d->ctx, "police", tcode(t), tcode(t), ci), "type_put");
	ok(d, ivp__store_type_put(d->ctx, "cbs", "CRI3000", "Geweld", ci), "type_put cbs");
	ok(d, ivp__store_commit(d->ctx), "commit codes");

	ok(d, ivp__store_begin(d->ctx), "begin");
	imp = import(d, "crime", "c1");
	for (m = 1; m <= 12; m++)
		for (a = 0; a < NA; a++)
			for (t = 0; t < NT; t++)
				fact(d, acode(a), tcode(t), 202200 + m, cnt(a, t, m),
				     a == 1 && t == 1 && m == 12, imp, IVP__PUT_NEW);
	fact(d, acode(0), tcode(0), 202200, 999999, 0, imp, IVP__PUT_NEW);
	for (m = 1; m <= 11; m++)
		fact(d, acode(0), tcode(1), 202100 + m, m, 0, imp, IVP__PUT_NEW);
	fact(d, acode(2), "CRI3000", 202221, 17, 0, imp, IVP__PUT_NEW);

	/* (0, 0) left the cache after its month 12; (NA-1, NT-1) is in it */
	fact(d, acode(0), tcode(0), 202201, cnt(0, 0, 1), 0, imp, IVP__PUT_DUP_SAME);
	fact(d, acode(0), tcode(0), 202201, cnt(0, 0, 1) + 1, 0, imp, IVP__PUT_DUP_DIFF);
	fact(d, acode(0), tcode(0), 202200, 999999, 0, imp, IVP__PUT_DUP_SAME);
	fact(d, acode(NA - 1), tcode(NT - 1), 202212, 7, 0, imp, IVP__PUT_DUP_DIFF);
	/* every series' January again: a duplicate, cached or written out */
	for (a = 0; a < NA; a++)
		for (t = 0; t < NT; t++)
			fact(d, acode(a), tcode(t), 202201, cnt(a, t, 1), 0, imp,
			     IVP__PUT_DUP_SAME);
	fact(d, acode(0), tcode(0), 202201, 12345, 0, imp, IVP__PUT_DUP_DIFF);

	/* unknown codes and periods without a slot */
	assert_int_equal(ivp__store_fact_put(d->ctx, "GM9999", tcode(0), 202201, 1, 0, imp, &res), IVP_ENOTFOUND);
	assert_int_equal(ivp__store_fact_put(d->ctx, acode(0), "9.9.9", 202201, 1, 0, imp, &res), IVP_ENOTFOUND);
	assert_int_equal(ivp__store_fact_put(d->ctx, acode(0), tcode(0), 202213, 1, 0, imp, &res), IVP_EDB);
	ok(d, ivp__store_commit(d->ctx), "commit crime");
	return imp;
}

static void check_loaded(db *d, int64_t imp)
{
	int64_t sum1 = 0, sum11 = 0;
	int m;

	for (m = 1; m <= 12; m++) {
		sum1 += cnt(0, 1, m);
		sum11 += cnt(1, 1, m);
	}
	counts(d, NFACTS, NA, NT + 1);
	/* the year figure wins over its 12 months */
	want_year("GM0000 9.0.0 2022", year1(d, acode(0), tcode(0), 2022), 1, 999999, 0, 0, imp);
	want_year("GM0000 9.0.1 2022", year1(d, acode(0), tcode(1), 2022), 1, sum1, 1, 0, imp);
	want_year("GM0001 9.0.1 2022 (provisional December)",
		  year1(d, acode(1), tcode(1), 2022), 1, sum11, 1, 1, imp);
	want_year("GM0000 9.0.1 2021 (11 months)", year1(d, acode(0), tcode(1), 2021), 0, 0, 0, 0, 0);
	want_year("GM0000 9.0.0 2020 (no data)", year1(d, acode(0), tcode(0), 2020), 0, 0, 0, 0, 0);
	want_year("GM0002 CRI3000 2022 (a quarter only)", year1(d, acode(2), "CRI3000", 2022), 0, 0, 0, 0, 0);
	want_year("GM0000 unknown type", year1(d, acode(0), "X.X.X", 2022), 0, 0, 0, 0, 0);
	want_year("unknown area", year1(d, "GM9999", tcode(0), 2022), 0, 0, 0, 0, 0);
	{
		ivp__type_count tc[3];
		int64_t sum = 0;

		memset(tc, 0x5A, sizeof(tc));
		tc[0].code = tcode(NT - 1);
		tc[1].code = "CRI3000";
		tc[2].code = tcode(7);
		ok(d, ivp__store_year_counts(d->ctx, acode(NA - 1), 2022, tc, 3), "year_counts 3 types");
		for (m = 1; m <= 12; m++)
			sum += cnt(NA - 1, NT - 1, m);
		want_year("GM0059 9.3.9", tc[0], 1, sum, 1, 0, imp);
		want_year("GM0059 CRI3000", tc[1], 0, 0, 0, 0, 0);
		sum = 0;
		for (m = 1; m <= 12; m++)
			sum += cnt(NA - 1, 7, m);
		want_year("GM0059 9.0.7", tc[2], 1, sum, 1, 0, imp);
	}
	want_months(d, acode(5), tcode(7), 202201, 202212, months_of(5, 7, 1, 12, imp, 0));
	want_months(d, acode(5), tcode(7), 202203, 202205, months_of(5, 7, 3, 5, imp, 0));
	want_months(d, acode(0), tcode(0), 202200, 202299, months_of(0, 0, 1, 12, imp, 0));
	want_months(d, acode(0), tcode(1), 202101, 202111,
		    "202101:1:2;202102:2:2;202103:3:2;202104:4:2;202105:5:2;202106:6:2;"
		    "202107:7:2;202108:8:2;202109:9:2;202110:10:2;202111:11:2;");
	want_months(d, acode(0), tcode(0), 202301, 202312, "");
	want_months(d, "GM9999", tcode(0), 202201, 202212, "");
	want_months(d, acode(0), "X.X.X", 202201, 202212, "");
	assert_int_equal(has_class(d, acode(0), 2022, "police"), 1);
	assert_int_equal(has_class(d, acode(0), 2021, "police"), 1);
	assert_int_equal(has_class(d, acode(0), 2020, "police"), 0);
	assert_int_equal(has_class(d, acode(0), 2022, "cbs"), 0);
	assert_int_equal(has_class(d, acode(2), 2022, "cbs"), 1);
	assert_int_equal(has_class(d, acode(2), 2023, "cbs"), 0);
	assert_int_equal(has_class(d, "GM9999", 2022, "police"), 0);
}

static void test_store_series(void **state)
{
	db d;
	int64_t imp, imp2, imp3;
	int a, t;

	(void)state;
	db_temp(&d);
	db_open(&d);
	assert_int_equal(ivp_schema_version(d.ctx), 14);
	counts(&d, 0, 0, 0);
	imp = load_db(&d);
	assert_int_equal(imp, 2); /* codes were import 1: the month rows above say 2 */
	check_loaded(&d, imp);

	/* a second import: same counts are SAME and keep their provenance */
	ok(&d, ivp__store_begin(d.ctx), "begin");
	imp2 = import(&d, "crime", "c2");
	fact(&d, acode(0), tcode(1), 202201, cnt(0, 1, 1), 0, imp2, IVP__PUT_SAME);
	fact(&d, acode(0), tcode(2), 202202, 5, 1, imp2, IVP__PUT_CHANGED);
	fact(&d, acode(0), tcode(2), 202202, 5, 1, imp2, IVP__PUT_DUP_SAME);
	fact(&d, acode(0), tcode(2), 202202, cnt(0, 2, 2), 1, imp2, IVP__PUT_DUP_DIFF);
	ok(&d, ivp__store_commit(d.ctx), "commit");
	want_year("GM0000 9.0.1 2022 after SAME", year1(&d, acode(0), tcode(1), 2022), 1,
		  months_sum(0, 1, 0), 1, 0, imp);
	want_year("GM0000 9.0.2 2022 after CHANGED", year1(&d, acode(0), tcode(2), 2022), 1,
		  months_sum(0, 2, 5 - cnt(0, 2, 2)), 1, 1, imp2);
	counts(&d, NFACTS, NA, NT + 1);

	/* a rolled-back import leaves nothing, also what it wrote out of the cache */
	ok(&d, ivp__store_begin(d.ctx), "begin");
	imp3 = import(&d, "crime", "c3");
	for (a = 0; a < NA; a++)
		for (t = 0; t < NT; t++) {
			fact(&d, acode(a), tcode(t), 202301, 1, 0, imp3, IVP__PUT_NEW);
			fact(&d, acode(a), tcode(t), 202205, cnt(a, t, 5) + 1, 0, imp3,
			     IVP__PUT_CHANGED);
		}
	ok(&d, ivp__store_rollback(d.ctx), "rollback");
	counts(&d, NFACTS, NA, NT + 1);
	want_year("GM0000 9.0.0 2023 after rollback", year1(&d, acode(0), tcode(0), 2023), 0, 0, 0, 0, 0);
	want_months(&d, acode(5), tcode(7), 202201, 202212, months_of(5, 7, 1, 12, imp, 0));
	assert_int_equal(has_class(&d, acode(0), 2023, "police"), 0);
	/* and the next import sees the stored counts, not the rolled-back ones */
	ok(&d, ivp__store_begin(d.ctx), "begin");
	imp3 = import(&d, "crime", "c3");
	fact(&d, acode(5), tcode(7), 202205, cnt(5, 7, 5), 0, imp3, IVP__PUT_SAME);
	fact(&d, acode(NA - 1), tcode(NT - 1), 202205, cnt(NA - 1, NT - 1, 5), 0, imp3, IVP__PUT_SAME);
	fact(&d, acode(0), tcode(0), 202301, 1, 0, imp3, IVP__PUT_NEW);
	ok(&d, ivp__store_commit(d.ctx), "commit");

	/* everything is in the file: a new connection reads the same */
	db_close(&d);
	db_open(&d);
	counts(&d, NFACTS + 1, NA, NT + 1);
	want_months(&d, acode(5), tcode(7), 202201, 202212, months_of(5, 7, 1, 12, imp, 0));
	want_months(&d, acode(0), tcode(2), 202201, 202212, months_of(0, 2, 1, 12, imp2, 5 - cnt(0, 2, 2)));
	want_year("GM0000 9.0.2 2022 after reopening", year1(&d, acode(0), tcode(2), 2022), 1,
		  months_sum(0, 2, 5 - cnt(0, 2, 2)), 1, 1, imp2);
	want_year("GM0000 9.0.0 2023", year1(&d, acode(0), tcode(0), 2023), 0, 0, 0, 0, 0);
	assert_int_equal(has_class(&d, acode(0), 2023, "police"), 1);
	db_remove(&d);
}

/* ---- two connections ------------------------------------------------------------- */

/*
 * Two connections on one file (a CLI import while the server's upload job
 * commits): a series one of them read in an earlier transaction must not
 * be written back over what the other committed since. Also: an empty
 * code is unknown, and counts() sees the puts of the open transaction.
 */
static void test_two_connections(void **state)
{
	db a, b;
	int64_t ia, ib, ia2;
	int res = -1;

	(void)state;
	db_temp(&a);
	db_open(&a);
	ok(&a, ivp__store_begin(a.ctx), "begin");
	ia = import(&a, "crime", "sha-a1");
	ok(&a, ivp__store_area_put(a.ctx, "GM0001", "Een", "GM", "NL01", ia), "area_put");
	ok(&a, ivp__store_type_put(a.ctx, "police", "1.1.1", "Woninginbraak", ia), "type_put");
	fact(&a, "GM0001", "1.1.1", 202201, 5, 0, ia, IVP__PUT_NEW);
	counts(&a, 1, 1, 1); /* written out for the count, still one fact */
	assert_int_equal(ivp__store_fact_put(a.ctx, "", "1.1.1", 202202, 1, 0, ia, &res), IVP_ENOTFOUND);
	assert_int_equal(ivp__store_fact_put(a.ctx, "GM0001", "", 202202, 1, 0, ia, &res), IVP_ENOTFOUND);
	ok(&a, ivp__store_commit(a.ctx), "commit a1");

	b = a;
	b.ctx = NULL;
	db_open(&b);
	ok(&b, ivp__store_begin(b.ctx), "begin b");
	ib = import(&b, "crime", "sha-b");
	fact(&b, "GM0001", "1.1.1", 202201, 7, 0, ib, IVP__PUT_CHANGED);
	ok(&b, ivp__store_commit(b.ctx), "commit b");

	ok(&a, ivp__store_begin(a.ctx), "begin a2");
	ia2 = import(&a, "crime", "sha-a2");
	fact(&a, "GM0001", "1.1.1", 202201, 7, 0, ia2, IVP__PUT_SAME);
	fact(&a, "GM0001", "1.1.1", 202202, 9, 0, ia2, IVP__PUT_NEW);
	ok(&a, ivp__store_commit(a.ctx), "commit a2");
	db_close(&a);
	db_close(&b);

	db_open(&a);
	/* B's 7 stands; the year names the newest import behind it (a2 added February) */
	want_months(&a, "GM0001", "1.1.1", 202201, 202212, "202201:7:3;202202:9:3;");
	assert_int_equal(ia, 1);
	assert_int_equal(ib, 2);
	assert_int_equal(ia2, 3);
	db_remove(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slot_period),
		cmocka_unit_test(test_put_classification),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_dup_after_roundtrip),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_store_series),
		cmocka_unit_test(test_two_connections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
