/*
 * series.c — encoding and updating one stored series (see series.h).
 */
#include "store/series.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

#define ALL_SLOTS ((1u << IVP__SER_SLOTS) - 1)

int ivp__ser_slot(int period)
{
	int sub = IVP__PERIOD_SUB(period);

	if (sub >= 0 && sub <= 12)
		return sub;
	if (sub >= 21 && sub <= 24)
		return 13 + sub - 21;
	return -1;
}

int ivp__ser_period(int year, int slot)
{
	return year * 100 + (slot <= 12 ? slot : 21 + slot - 13);
}

void ivp__ser_init(ivp__ser *s, int64_t area_id, int64_t type_id)
{
	memset(s, 0, sizeof(*s));
	s->area_id = area_id;
	s->type_id = type_id;
}

void ivp__ser_free(ivp__ser *s)
{
	free(s->y);
	s->y = NULL;
	s->n = s->cap = 0;
}

/* ---- varints ------------------------------------------------------------ */

static int put_varint(ivp__buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		unsigned char byte = v & 0x7f;

		v >>= 7;
		tmp[n++] = byte | (v ? 0x80 : 0);
	} while (v);
	return ivp__buf_add(b, tmp, n);
}

typedef struct rd {
	const unsigned char *p, *end;
} rd;

/* 0, or -1 when truncated or longer than 64 bits */
static int get_varint(rd *r, uint64_t *v)
{
	uint64_t x = 0;
	int shift = 0;

	while (r->p < r->end) {
		unsigned char b = *r->p++;

		if (shift == 63 && b > 1)
			return -1;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return 0;
		}
		shift += 7;
		if (shift > 63)
			return -1;
	}
	return -1;
}

static int get_int64(rd *r, int64_t *v)
{
	uint64_t x;

	if (get_varint(r, &x) || x > (uint64_t)INT64_MAX)
		return -1;
	*v = (int64_t)x;
	return 0;
}

static int get_mask(rd *r, uint32_t *m)
{
	uint64_t x;

	if (get_varint(r, &x) || x > ALL_SLOTS)
		return -1;
	*m = (uint32_t)x;
	return 0;
}

/* One year from r; prev is the year before it (or 0). */
static int get_year(rd *r, int prev, ivp__ser_year *y)
{
	uint64_t year;
	int i;

	memset(y, 0, sizeof(*y));
	if (get_varint(r, &year) || year < 1900 || year > 2199 ||
	    (int)year <= prev)
		return -1;
	y->year = (int)year;
	if (get_int64(r, &y->import_id) || get_int64(r, &y->touch_id) ||
	    get_mask(r, &y->tmask) || get_mask(r, &y->pmask) ||
	    get_mask(r, &y->prov))
		return -1;
	if ((y->tmask | y->prov) & ~y->pmask)
		return -1;
	for (i = 0; i < IVP__SER_SLOTS; i++)
		if ((y->pmask >> i) & 1 && get_int64(r, &y->c[i]))
			return -1;
	return 0;
}

static int get_header(rd *r, const void *p, size_t n, uint64_t *nyears)
{
	r->p = p;
	r->end = r->p + n;
	if (n < 2 || *r->p++ != IVP__SER_FORMAT)
		return -1;
	/* a year takes at least 7 bytes: no count can claim more */
	if (get_varint(r, nyears) || *nyears > (uint64_t)(r->end - r->p) / 7 + 1)
		return -1;
	return 0;
}

int ivp__ser_decode(ivp__ser *s, const void *p, size_t n)
{
	rd r;
	uint64_t ny, i;
	int prev = 0;

	s->n = 0;
	if (get_header(&r, p, n, &ny))
		return -1;
	if ((int)ny > s->cap) {
		ivp__ser_year *y = realloc(s->y, (size_t)ny * sizeof(*y));

		if (!y)
			return -2;
		s->y = y;
		s->cap = (int)ny;
	}
	for (i = 0; i < ny; i++) {
		if (get_year(&r, prev, &s->y[i])) {
			s->n = 0;
			return -1;
		}
		prev = s->y[i].year;
	}
	if (r.p != r.end) {
		s->n = 0;
		return -1;
	}
	s->n = (int)ny;
	return 0;
}

int ivp__ser_read_year(const void *p, size_t n, int year, ivp__ser_year *out)
{
	rd r;
	uint64_t ny, i;
	ivp__ser_year y;
	int prev = 0, found = 0;

	/* the whole value is checked, as ivp__ser_decode does: a damaged one
	 * answers nothing */
	if (get_header(&r, p, n, &ny))
		return -1;
	for (i = 0; i < ny; i++) {
		if (get_year(&r, prev, &y))
			return -1;
		if (y.year == year) {
			*out = y;
			found = 1;
		}
		prev = y.year;
	}
	if (r.p != r.end)
		return -1;
	return found ? 0 : 1;
}

int ivp__ser_encode(const ivp__ser *s, ivp__buf *out)
{
	int i, k;

	if (ivp__buf_addc(out, IVP__SER_FORMAT) || put_varint(out, (uint64_t)s->n))
		return -1;
	for (i = 0; i < s->n; i++) {
		const ivp__ser_year *y = &s->y[i];

		if (put_varint(out, (uint64_t)y->year) ||
		    put_varint(out, (uint64_t)y->import_id) ||
		    put_varint(out, (uint64_t)y->touch_id) ||
		    put_varint(out, y->tmask) || put_varint(out, y->pmask) ||
		    put_varint(out, y->prov))
			return -1;
		for (k = 0; k < IVP__SER_SLOTS; k++)
			if ((y->pmask >> k) & 1 && put_varint(out, (uint64_t)y->c[k]))
				return -1;
	}
	return 0;
}

int64_t ivp__ser_nfacts(const ivp__ser *s)
{
	int64_t n = 0;
	int i;

	for (i = 0; i < s->n; i++)
		n += __builtin_popcount(s->y[i].pmask);
	return n;
}

/* The year's entry, inserted in order when absent; NULL out of memory. */
static ivp__ser_year *year_of(ivp__ser *s, int year)
{
	int lo = 0, hi = s->n;

	/* files run forward in time: try the last year first */
	if (s->n && s->y[s->n - 1].year == year)
		return &s->y[s->n - 1];
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (s->y[mid].year < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n && s->y[lo].year == year)
		return &s->y[lo];
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 16;
		ivp__ser_year *y = realloc(s->y, (size_t)cap * sizeof(*y));

		if (!y)
			return NULL;
		s->y = y;
		s->cap = cap;
	}
	memmove(&s->y[lo + 1], &s->y[lo], (size_t)(s->n - lo) * sizeof(*s->y));
	s->n++;
	memset(&s->y[lo], 0, sizeof(*s->y));
	s->y[lo].year = year;
	return &s->y[lo];
}

int ivp__ser_put(ivp__ser *s, int period, int64_t count, int provisional,
		 int64_t import_id, int *result)
{
	int slot = ivp__ser_slot(period);
	uint32_t bit;
	ivp__ser_year *y;

	if (slot < 0 || count < 0 || IVP__PERIOD_YEAR(period) < 1900 ||
	    IVP__PERIOD_YEAR(period) > 2199 || import_id < 0)
		return -1;
	bit = 1u << slot;
	y = year_of(s, IVP__PERIOD_YEAR(period));
	if (!y)
		return -2;
	if (y->touch_id == import_id && (y->tmask & bit)) {
		*result = y->c[slot] == count ? IVP__PUT_DUP_SAME : IVP__PUT_DUP_DIFF;
		return 0;
	}
	if (y->touch_id != import_id) {
		y->touch_id = import_id;
		y->tmask = 0;
	}
	y->tmask |= bit;
	s->dirty = 1;
	if ((y->pmask & bit) && y->c[slot] == count) {
		*result = IVP__PUT_SAME;
		return 0;
	}
	*result = (y->pmask & bit) ? IVP__PUT_CHANGED : IVP__PUT_NEW;
	y->pmask |= bit;
	y->c[slot] = count;
	if (provisional)
		y->prov |= bit;
	else
		y->prov &= ~bit;
	if (import_id > y->import_id)
		y->import_id = import_id;
	return 0;
}
