/*
 * fuzz_series.c — libFuzzer target for the stored value of one crime
 * series (store/series.h): any bytes go to ivp__ser_decode and to
 * ivp__ser_read_year for a few years. A value that decodes must come back
 * field for field through encode and decode, read_year must agree with
 * decode on it, and one more write (ivp__ser_put) must leave a value that
 * still decodes. Anything else aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/series.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_year(const ivp__ser_year *a, const ivp__ser_year *b)
{
	int k;

	if (a->year != b->year || a->import_id != b->import_id ||
	    a->touch_id != b->touch_id || a->tmask != b->tmask ||
	    a->pmask != b->pmask || a->prov != b->prov)
		abort();
	for (k = 0; k < IVP__SER_SLOTS; k++)
		if (((a->pmask >> k) & 1) && a->c[k] != b->c[k])
			abort();
}

static void same_series(const ivp__ser *a, const ivp__ser *b)
{
	int i;

	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++)
		same_year(&a->y[i], &b->y[i]);
}

/* encode s, decode it again: the same value, and the same bytes again */
static void round_trip(const ivp__ser *s)
{
	ivp__ser d;
	ivp__buf b1, b2;

	ivp__buf_init(&b1, 1u << 24);
	ivp__buf_init(&b2, 1u << 24);
	ivp__ser_init(&d, s->area_id, s->type_id);
	if (ivp__ser_encode(s, &b1) || ivp__ser_decode(&d, b1.p, b1.len))
		abort();
	same_series(s, &d);
	if (ivp__ser_nfacts(&d) != ivp__ser_nfacts(s))
		abort();
	if (ivp__ser_encode(&d, &b2) || b2.len != b1.len || memcmp(b1.p, b2.p, b1.len))
		abort();
	ivp__ser_free(&d);
	ivp__buf_free(&b1);
	ivp__buf_free(&b2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int years[] = { 1900, 2019, 2022, 2023, 2199 };
	ivp__ser s;
	ivp__ser_year y;
	size_t i;
	int k, rc, res;

	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		rc = ivp__ser_read_year(data, size, years[i], &y);
		if (rc < -1 || rc > 1 || (rc == 0 && y.year != years[i]))
			abort();
	}
	ivp__ser_init(&s, 1, 2);
	rc = ivp__ser_decode(&s, data, size);
	if (rc != 0) {
		if (rc != -1 || s.n != 0)
			abort();
		ivp__ser_free(&s);
		return 0;
	}
	/* read_year sees what decode sees */
	for (k = 0; k < s.n; k++) {
		if (ivp__ser_read_year(data, size, s.y[k].year, &y) != 0)
			abort();
		same_year(&y, &s.y[k]);
		if (s.y[k].year < 2199 && (k + 1 == s.n || s.y[k + 1].year > s.y[k].year + 1) &&
		    ivp__ser_read_year(data, size, s.y[k].year + 1, &y) != 1)
			abort();
	}
	round_trip(&s);
	/* one more write into every year, by the import that touched it last,
	 * and a new year: the result must still be a valid value */
	for (k = 0; k < s.n; k++) {
		int year = s.y[k].year;
		int64_t touch = s.y[k].touch_id;

		if (ivp__ser_put(&s, ivp__ser_period(year, (int)(size % IVP__SER_SLOTS)),
				 (int64_t)size, (int)(size & 1), touch, &res) ||
		    res < IVP__PUT_NEW || res > IVP__PUT_DUP_DIFF)
			abort();
	}
	if (ivp__ser_put(&s, 210001, 1, 0, 1, &res))
		abort();
	round_trip(&s);
	ivp__ser_free(&s);
	return 0;
}
