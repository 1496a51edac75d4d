/*
 * series.h — one area's counts of one crime type over all its periods,
 * kept as one stored value (the SQLite engine: one row of table `series`).
 *
 * Why: national files hold tens of millions of (area, type, period) rows,
 * but only ~60 types x ~20,000 areas series. Writing one row per series
 * instead of one per period turns an import from tens of millions of
 * B-tree inserts into about a million, and reading a gemeente's indicator
 * set into one small row read per type. The layout is the engine's; the
 * store interface (store.h) still speaks of single facts.
 *
 * Per year the series keeps up to 17 counts: slot 0 the whole year
 * (YYYYJJ00), 1-12 the months, 13-16 the quarters. Provenance is per year:
 * `import_id` is the newest import that added or changed a count of the
 * year (a year summed from months names the newest of its months, as
 * before). `touch_id`/`tmask` record which slots the import `touch_id`
 * wrote, so an import that gives the same key twice is caught even when
 * the series was written out and read back in between.
 *
 * Encoding (all integers unsigned LEB128 varints): a format byte (1), the
 * number of years, then per year in ascending order: year, import_id,
 * touch_id, tmask, pmask (slots with a count), prov (provisional slots),
 * and one count per slot of pmask in slot order. The decoder checks every
 * bound: a damaged value is an error, never a crash.
 */
#ifndef IVP_STORE_SERIES_H
#define IVP_STORE_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

#define IVP__SER_SLOTS 17
#define IVP__SER_FORMAT 1

typedef struct ivp__ser_year {
	int year;
	int64_t import_id; /* newest import that added or changed a count */
	int64_t touch_id;  /* the import that last wrote counts of the year */
	uint32_t tmask;	   /* slots written by touch_id */
	uint32_t pmask;	   /* slots with a count */
	uint32_t prov;	   /* slots whose count is provisional */
	int64_t c[IVP__SER_SLOTS];
} ivp__ser_year;

typedef struct ivp__ser {
	int64_t area_id, type_id;
	ivp__ser_year *y; /* ascending by year */
	int n, cap;
	int dirty;  /* changed since read */
	int stored; /* a stored value exists */
} ivp__ser;

/* Slot of a period (core.h encoding), -1 when no slot holds it. */
int ivp__ser_slot(int period);
/* Period of a year and slot. */
int ivp__ser_period(int year, int slot);

void ivp__ser_init(ivp__ser *s, int64_t area_id, int64_t type_id);
void ivp__ser_free(ivp__ser *s);
/* Replace s's years by the decoded value: 0, -1 damaged, -2 out of memory. */
int ivp__ser_decode(ivp__ser *s, const void *p, size_t n);
/* Append the encoding of s to out: 0, or -1 out of memory. */
int ivp__ser_encode(const ivp__ser *s, ivp__buf *out);
/* Decode only `year` into *out: 0 found, 1 not there, -1 damaged. */
int ivp__ser_read_year(const void *p, size_t n, int year, ivp__ser_year *out);
/* Number of counts held (for `ivp sources` and tests). */
int64_t ivp__ser_nfacts(const ivp__ser *s);

/*
 * Write one count the way store.h's fact_put describes; *result is one of
 * IVP__PUT_*. 0, -1 when the period has no slot (or the count is negative,
 * the year outside 1900-2199), -2 out of memory.
 */
int ivp__ser_put(ivp__ser *s, int period, int64_t count, int provisional,
		 int64_t import_id, int *result);

#endif /* IVP_STORE_SERIES_H */
