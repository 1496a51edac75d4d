/*
 * test_store.c — unit tests of crime-count storage: the series value of
 * store/series.h (slots, classification of writes across imports, the
 * encoding and every way a stored value can be damaged), the SQLite
 * engine's bounded cache of series behind fact_put and the queries
 * (more series than the cache holds, written out of order, committed and
 * rolled back), and migration 5 from the old one-row-per-fact layout.
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
#include "store/series.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"

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

#define FIELD(f, fmt, cast)                                                        \
	if (got->f != want->f) {                                                   \
		print_error("%s, year %d: " #f " got " fmt ", want " fmt "\n", what,   \
			    want->year, (cast)got->f, (cast)want->f);                  \
		fail();                                                            \
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
	put_ok(&s, 202001, 1, 0, 1, IVP__PUT_NEW);	/* decode must replace this */
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
	assert_int_equal(y->c[1], 5);	/* the first value stands */
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
	assert_int_equal(y->tmask, 1u << 1);	/* import 1's marks are gone */
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
	put_ok(&e, 202301, 999, 0, 200, IVP__PUT_SAME);	/* only the last import's marks are kept */
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
	put_ok(&d, 202101, 10, 0, 7, IVP__PUT_SAME);	/* written by import 6 */
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
	bb(&x, 0);	/* import id: 12 bytes for 0 */
	bv(&x, 1), bv(&x, 0), bv(&x, 1), bv(&x, 0), bv(&x, 5);
	damaged("12-byte varint", x.p, x.n);
	memset(&x, 0, sizeof(x));
	bb(&x, 1), bv(&x, 1);
	bv(&x, 2021);
	for (i = 0; i < 9; i++)
		bb(&x, 0xFF);
	bb(&x, 0x02);	/* bit 64 */
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

typedef struct db {
	char dir[64], path[96];
	const ivp__store_ops *ops;
	ivp__store *s;
} db;

static void db_temp(db *d)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->dir, sizeof(d->dir), "/tmp/ivp-test-store-XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->path, sizeof(d->path), "%s/ivp.db", d->dir);
}

static void db_open(db *d)
{
	const char *rest = NULL;
	char err[512] = "";

	d->ops = ivp__store_engine(d->path, &rest);
	assert_non_null(d->ops);
	if (d->ops->open(rest, &d->s, err, sizeof(err))) {
		print_error("open %s: %s\n", d->path, err);
		fail();
	}
}

static void db_close(db *d)
{
	if (d->s)
		d->ops->close(d->s);
	d->s = NULL;
}

static void db_remove(db *d)
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

static void ok(db *d, int rc, const char *what)
{
	if (rc != 0) {
		print_error("%s: rc %d, %s\n", what, rc, d->ops->errmsg(d->s));
		fail();
	}
}

static int64_t import(db *d, const char *kind, const char *sha)
{
	ivp__import_rec r = { kind, "test", "test.csv", sha, "", "tester" };
	int64_t id = 0;

	ok(d, d->ops->import_add(d->s, &r, &id), "import_add");
	assert_true(id > 0);
	return id;
}

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
	return (int64_t)a * 100000 + t * 100 + m;
}

static void fact(db *d, const char *area, const char *type, int period,
		 int64_t count, int prov, int64_t imp, int want)
{
	int res = -1;
	int rc = d->ops->fact_put(d->s, area, type, period, count, prov, imp, &res);

	if (rc != 0 || res != want) {
		print_error("fact_put(%s, %s, %d, %lld, import %lld): rc %d result %d, want 0 and %d (%s)\n",
			    area, type, period, (long long)count, (long long)imp, rc, res, want,
			    rc ? d->ops->errmsg(d->s) : "");
		fail();
	}
}

static void counts(db *d, int64_t facts, int64_t areas, int64_t types)
{
	int64_t f = -1, a = -1, p = -1, t = -1;

	ok(d, d->ops->counts(d->s, &f, &a, &p, &t), "counts");
	if (f != facts || a != areas || t != types || p != 0) {
		print_error("counts: facts %lld areas %lld types %lld pops %lld, want %lld %lld %lld 0\n",
			    (long long)f, (long long)a, (long long)t, (long long)p,
			    (long long)facts, (long long)areas, (long long)types);
		fail();
	}
}

/* year_counts of one type */
static ivp__type_count year1(db *d, const char *area, const char *type, int year)
{
	ivp__type_count tc;

	memset(&tc, 0x5A, sizeof(tc));
	tc.code = type;
	ok(d, d->ops->year_counts(d->s, area, year, &tc, 1), "year_counts");
	return tc;
}

static void want_year(const char *what, ivp__type_count tc, int has, int64_t count,
		      int from_months, int prov, int64_t imp)
{
	if (tc.has != has || tc.count != count || tc.from_months != from_months ||
	    tc.provisional != prov || tc.import_id != imp) {
		print_error("%s: has %d count %lld from_months %d provisional %d import %lld, "
			    "want %d %lld %d %d %lld\n", what, tc.has, (long long)tc.count,
			    tc.from_months, tc.provisional, (long long)tc.import_id, has,
			    (long long)count, from_months, prov, (long long)imp);
		fail();
	}
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
	ok(d, d->ops->month_counts(d->s, area, type, from, to, rows_cb, &b), "month_counts");
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

static int has_class(db *d, const char *area, int year, const char *cls)
{
	int has = -1;

	ok(d, d->ops->has_classification(d->s, area, year, cls, &has), "has_classification");
	return has;
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

	ok(d, d->ops->begin(d->s), "begin");
	ci = import(d, "codes", "c0de");
	for (a = 0; a < NA; a++)
		ok(d, d->ops->area_put(d->s, acode(a), acode(a), "GM", NULL, ci), "area_put");
	for (t = 0; t < NT; t++)
		ok(d, d->ops->type_put(d->s, "police", tcode(t), tcode(t), ci), "type_put");
	ok(d, d->ops->type_put(d->s, "cbs", "CRI3000", "Geweld", ci), "type_put cbs");
	ok(d, d->ops->commit(d->s), "commit codes");

	ok(d, d->ops->begin(d->s), "begin");
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
	assert_int_equal(d->ops->fact_put(d->s, "GM9999", tcode(0), 202201, 1, 0, imp, &res), 1);
	assert_int_equal(d->ops->fact_put(d->s, acode(0), "9.9.9", 202201, 1, 0, imp, &res), 1);
	assert_int_equal(d->ops->fact_put(d->s, acode(0), tcode(0), 202213, 1, 0, imp, &res), -1);
	ok(d, d->ops->commit(d->s), "commit crime");
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
		ok(d, d->ops->year_counts(d->s, acode(NA - 1), 2022, tc, 3), "year_counts 3 types");
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
	assert_int_equal(d.ops->schema_version(d.s), 5);
	counts(&d, 0, 0, 0);
	imp = load_db(&d);
	assert_int_equal(imp, 2);	/* codes were import 1: the month rows above say 2 */
	check_loaded(&d, imp);

	/* a second import: same counts are SAME and keep their provenance */
	ok(&d, d.ops->begin(d.s), "begin");
	imp2 = import(&d, "crime", "c2");
	fact(&d, acode(0), tcode(1), 202201, cnt(0, 1, 1), 0, imp2, IVP__PUT_SAME);
	fact(&d, acode(0), tcode(2), 202202, 5, 1, imp2, IVP__PUT_CHANGED);
	fact(&d, acode(0), tcode(2), 202202, 5, 1, imp2, IVP__PUT_DUP_SAME);
	fact(&d, acode(0), tcode(2), 202202, cnt(0, 2, 2), 1, imp2, IVP__PUT_DUP_DIFF);
	ok(&d, d.ops->commit(d.s), "commit");
	want_year("GM0000 9.0.1 2022 after SAME", year1(&d, acode(0), tcode(1), 2022), 1,
		  months_sum(0, 1, 0), 1, 0, imp);
	want_year("GM0000 9.0.2 2022 after CHANGED", year1(&d, acode(0), tcode(2), 2022), 1,
		  months_sum(0, 2, 5 - cnt(0, 2, 2)), 1, 1, imp2);
	counts(&d, NFACTS, NA, NT + 1);

	/* a rolled-back import leaves nothing, also what it wrote out of the cache */
	ok(&d, d.ops->begin(d.s), "begin");
	imp3 = import(&d, "crime", "c3");
	for (a = 0; a < NA; a++)
		for (t = 0; t < NT; t++) {
			fact(&d, acode(a), tcode(t), 202301, 1, 0, imp3, IVP__PUT_NEW);
			fact(&d, acode(a), tcode(t), 202205, cnt(a, t, 5) + 1, 0, imp3,
			     IVP__PUT_CHANGED);
		}
	ok(&d, d.ops->rollback(d.s), "rollback");
	counts(&d, NFACTS, NA, NT + 1);
	want_year("GM0000 9.0.0 2023 after rollback", year1(&d, acode(0), tcode(0), 2023), 0, 0, 0, 0, 0);
	want_months(&d, acode(5), tcode(7), 202201, 202212, months_of(5, 7, 1, 12, imp, 0));
	assert_int_equal(has_class(&d, acode(0), 2023, "police"), 0);
	/* and the next import sees the stored counts, not the rolled-back ones */
	ok(&d, d.ops->begin(d.s), "begin");
	imp3 = import(&d, "crime", "c3");
	fact(&d, acode(5), tcode(7), 202205, cnt(5, 7, 5), 0, imp3, IVP__PUT_SAME);
	fact(&d, acode(NA - 1), tcode(NT - 1), 202205, cnt(NA - 1, NT - 1, 5), 0, imp3, IVP__PUT_SAME);
	fact(&d, acode(0), tcode(0), 202301, 1, 0, imp3, IVP__PUT_NEW);
	ok(&d, d.ops->commit(d.s), "commit");

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

/* ---- migration 5 ------------------------------------------------------------------ */

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
	ok(&a, a.ops->begin(a.s), "begin");
	ia = import(&a, "crime", "sha-a1");
	ok(&a, a.ops->area_put(a.s, "GM0001", "Een", "GM", "NL01", ia), "area_put");
	ok(&a, a.ops->type_put(a.s, "police", "1.1.1", "Woninginbraak", ia), "type_put");
	fact(&a, "GM0001", "1.1.1", 202201, 5, 0, ia, IVP__PUT_NEW);
	counts(&a, 1, 1, 1);	/* written out for the count, still one fact */
	assert_int_equal(a.ops->fact_put(a.s, "", "1.1.1", 202202, 1, 0, ia, &res), 1);
	assert_int_equal(a.ops->fact_put(a.s, "GM0001", "", 202202, 1, 0, ia, &res), 1);
	ok(&a, a.ops->commit(a.s), "commit a1");

	b = a;
	b.s = NULL;
	db_open(&b);
	ok(&b, b.ops->begin(b.s), "begin b");
	ib = import(&b, "crime", "sha-b");
	fact(&b, "GM0001", "1.1.1", 202201, 7, 0, ib, IVP__PUT_CHANGED);
	ok(&b, b.ops->commit(b.s), "commit b");

	ok(&a, a.ops->begin(a.s), "begin a2");
	ia2 = import(&a, "crime", "sha-a2");
	fact(&a, "GM0001", "1.1.1", 202201, 7, 0, ia2, IVP__PUT_SAME);
	fact(&a, "GM0001", "1.1.1", 202202, 9, 0, ia2, IVP__PUT_NEW);
	ok(&a, a.ops->commit(a.s), "commit a2");
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
						 (long long)sqlite3_column_int64(q, 1)), 0);
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

#define MIG_YEARS 4	/* 2019 .. 2022 */

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
#define OLD_FACT(a_, t_, p_, c_, prov_, imp_)                                                  \
	do {                                                                                   \
		sqlite3_bind_int(q, 1, a_), sqlite3_bind_int(q, 2, t_);                        \
		sqlite3_bind_int(q, 3, p_), sqlite3_bind_int64(q, 4, c_);                      \
		sqlite3_bind_int(q, 5, prov_), sqlite3_bind_int(q, 6, imp_);                   \
		assert_int_equal(sqlite3_step(q), SQLITE_DONE);                                \
		sqlite3_reset(q);                                                              \
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
	assert_int_equal(want[0][0][2].count, 500);	/* the data say what they should */
	assert_int_equal(want[0][0][1].from_months, 1);
	assert_int_equal(sqlite3_close(old), SQLITE_OK);

	/* the store opens it and runs migration 5 */
	db_open(&d);
	assert_int_equal(d.ops->schema_version(d.s), 5);
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
			ok(&d, d.ops->month_counts(d.s, areas[a], types[t], 201901, 202212, rows2_cb, got),
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
	ok(&d, d.ops->begin(d.s), "begin");
	imp = import(&d, "crime", "cc");
	assert_int_equal(imp, 3);
	fact(&d, "GM0001", "1.1.1", 202012, 22, 1, imp, IVP__PUT_SAME);
	fact(&d, "GM0001", "1.1.1", 202101, 0, 0, imp, IVP__PUT_CHANGED);
	fact(&d, "GM0001", "1.1.1", 202101, 0, 0, imp, IVP__PUT_DUP_SAME);
	fact(&d, "GM0002", "CRI3000", 202201, ((int64_t)1 << 53) + 1, 0, imp, IVP__PUT_SAME);
	fact(&d, "GM0002", "CRI3000", 202200, 8, 0, imp, IVP__PUT_CHANGED);
	ok(&d, d.ops->commit(d.s), "commit");
	want_year("GM0002 CRI3000 2022 after import 3", year1(&d, "GM0002", "CRI3000", 2022), 1, 8, 0, 0, 3);
	counts(&d, nfacts, 2, 2);
	db_close(&d);

	/* what the file holds now */
	assert_int_equal(sqlite3_open(d.path, &old), SQLITE_OK);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM sqlite_master WHERE name='fact'"), 0);
	assert_int_equal(one_int(old, "SELECT COUNT(*) FROM series"), 3);
	assert_int_equal(one_int(old, "SELECT SUM(nfacts) FROM series"), nfacts);
	assert_int_equal(one_int(old, "SELECT MAX(version) FROM schema_migrations"), 5);
	assert_int_equal(sqlite3_close(old), SQLITE_OK);
	db_remove(&d);
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
		cmocka_unit_test(test_migration5),
		cmocka_unit_test(test_two_connections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
