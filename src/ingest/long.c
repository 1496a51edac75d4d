/*
 * long.c — the ivp long CSV (docs/long-csv.md), its type-code mapping, and
 * the population lists (ivp long population CSV, 85984NED buurt list).
 *
 * Long CSV: a header and one row per area, crime type, period and count.
 * Column names are matched case-insensitively and have aliases so that
 * real files in this shape import as they are (e.g. the monthly per-buurt
 * counts scraped from the police website: year, month, buurt_code,
 * delict_code, count). With --map, the type column holds the source's own
 * codes and the mapping file says which SoortMisdrijf code each stands for;
 * several source codes may map onto one type, and their counts are summed.
 * Because of that sum a mapped import is first aggregated in memory
 * (bounded by the distinct keys of the file) and written at the end.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/ingest.h"

typedef struct lc {
	int area[4]; /* area, buurt_code, wijk_code, gemeente_code (finest first) */
	int type, period, year, month, count, pop, pop1217;
} lc;

static const char *const A_AREA[] = { "area", "area_code", "regio", "regios", "wijkenenbuurten", NULL };
static const char *const A_BU[] = { "buurt_code", "buurtcode", NULL };
static const char *const A_WK[] = { "wijk_code", "wijkcode", NULL };
static const char *const A_GM[] = { "gemeente_code", "gemeentecode", NULL };
static const char *const A_TYPE[] = { "type", "type_code", "soort_misdrijf", "soortmisdrijf", "delict_code", NULL };
static const char *const A_PERIOD[] = { "period", "perioden", NULL };
static const char *const A_YEAR[] = { "year", "jaar", NULL };
static const char *const A_MONTH[] = { "month", "maand", NULL };
static const char *const A_COUNT[] = { "count", "geregistreerde_misdrijven", "value", "aantal", NULL };
static const char *const A_POP[] = { "population", "inwoners", "bevolking", NULL };
static const char *const A_POP1217[] = { "population_12_17", "inwoners_12_17", NULL };

static void columns(lc *l, ivp__csv *c)
{
	l->area[0] = ivp__find_col(c, A_BU);
	l->area[1] = ivp__find_col(c, A_WK);
	l->area[2] = ivp__find_col(c, A_GM);
	l->area[3] = ivp__find_col(c, A_AREA);
	l->type = ivp__find_col(c, A_TYPE);
	l->period = ivp__find_col(c, A_PERIOD);
	l->year = ivp__find_col(c, A_YEAR);
	l->month = ivp__find_col(c, A_MONTH);
	l->count = ivp__find_col(c, A_COUNT);
	l->pop = ivp__find_col(c, A_POP);
	l->pop1217 = ivp__find_col(c, A_POP1217);
}

static ivp_rc missing(ivp__job *j, const char *col, const char *doc)
{
	ivp__job_fail(j, 1, col, "missing column \"%s\"", col);
	ivp__code(j->ctx, "missing_column");
	ivp__detail(j->ctx, "%s", doc);
	ivp__hint(j->ctx, "Add the column to the header (names are case-insensitive; see docs/long-csv.md).");
	return IVP_EINPUT;
}

/* The finest non-empty area code of the row. */
static ivp_rc row_area(ivp__job *j, const lc *l, ivp__csv *c, char area[16],
		       const char **field)
{
	static const char *const names[] = { "buurt_code", "wijk_code", "gemeente_code", "area" };
	int k;

	for (k = 0; k < 4; k++) {
		const ivp__csv_field *f;

		if (l->area[k] < 0)
			continue;
		f = ivp__csv_field_at(c, (size_t)l->area[k]);
		if (!f->n)
			continue;
		*field = names[k];
		if (ivp__area_canon(f->p, f->n, area)) {
			ivp__job_fail(j, ivp__csv_line(c), names[k], "\"%.40s\" is not an area code", f->p);
			ivp__code(j->ctx, "bad_area_code");
			ivp__column(j->ctx, ivp__csv_column(c, f));
			ivp__hint(j->ctx, "Area codes look like NL01, GM1926, WK192601 or BU19260101.");
			return IVP_EINPUT;
		}
		return IVP_OK;
	}
	ivp__job_fail(j, ivp__csv_line(c), "area", "the row has no area code");
	ivp__code(j->ctx, "missing_area");
	ivp__hint(j->ctx, "Fill the area column.");
	return IVP_EINPUT;
}

static ivp_rc row_period(ivp__job *j, const lc *l, ivp__csv *c, int *period, int *prov)
{
	const ivp__csv_field *f;
	int64_t y, m = 0;

	*prov = 0;
	if (l->period >= 0) {
		f = ivp__csv_field_at(c, (size_t)l->period);
		if (ivp__period_parse(f->p, f->n, period, prov) == 0)
			return IVP_OK;
		ivp__job_fail(j, ivp__csv_line(c), "period", "unrecognised period \"%.40s\"", f->p);
		ivp__code(j->ctx, "bad_period");
		ivp__column(j->ctx, ivp__csv_column(c, f));
		ivp__hint(j->ctx, "Periods look like 2024JJ00, 2024MM03, 2024KW01, 2024 or 2024-03.");
		return IVP_EINPUT;
	}
	f = ivp__csv_field_at(c, (size_t)l->year);
	if (ivp__parse_count(f->p, f->n, &y) || y < 1900 || y > 2199) {
		ivp__job_fail(j, ivp__csv_line(c), "year", "\"%.40s\" is not a year", f->p);
		ivp__code(j->ctx, "bad_year");
		ivp__column(j->ctx, ivp__csv_column(c, f));
		return IVP_EINPUT;
	}
	if (l->month >= 0) {
		f = ivp__csv_field_at(c, (size_t)l->month);
		if (ivp__parse_count(f->p, f->n, &m) || m < 1 || m > 12) {
			ivp__job_fail(j, ivp__csv_line(c), "month", "\"%.40s\" is not a month (1-12)", f->p);
			ivp__code(j->ctx, "bad_month");
			ivp__column(j->ctx, ivp__csv_column(c, f));
			return IVP_EINPUT;
		}
	}
	*period = (int)(y * 100 + m);
	return IVP_OK;
}

static ivp_rc row_count(ivp__job *j, ivp__csv *c, int col, const char *name,
			int64_t *v, int *miss)
{
	const ivp__csv_field *f = ivp__csv_field_at(c, (size_t)col);

	*miss = f->n == 0 || ivp__field_eq(f, ".");
	if (*miss)
		return IVP_OK;
	if (ivp__parse_count(f->p, f->n, v)) {
		ivp__job_fail(j, ivp__csv_line(c), name, "the count \"%.40s\" is not a whole number", f->p);
		ivp__code(j->ctx, "bad_count");
		ivp__column(j->ctx, ivp__csv_column(c, f));
		ivp__detail(j->ctx, "Counts are whole numbers of zero or more; leave the cell empty or write '.' when missing.");
		ivp__hint(j->ctx, "Correct the value.");
		return IVP_EINPUT;
	}
	return IVP_OK;
}

/* ---- mapping ----------------------------------------------------------------- */

/* Load "source_code,type[,note]" into m: source -> index into types (or -1: ignore). */
static ivp_rc load_map(ivp__job *j, const char *path, ivp__map *m, char (**types)[16],
		       size_t *ntypes)
{
	static const char *const S[] = { "source_code", "source", NULL };
	static const char *const T[] = { "type", "soort_misdrijf", NULL };
	FILE *f = fopen(path, "rb");
	ivp__csv *c = NULL;
	const char *saved = j->path;
	int sc, tc, r;
	ivp_rc rc = IVP_OK;

	j->path = path;
	if (!f) {
		ivp__fail(j->ctx, IVP_EIO, "cannot open mapping file \"%s\"", path);
		ivp__code(j->ctx, "file_unreadable");
		ivp__where(j->ctx, path, 0, NULL);
		rc = IVP_EIO;
		goto out;
	}
	if ((rc = ivp__job_csv(j, f, &c)))
		goto out;
	if ((r = ivp__csv_next(c)) <= 0) {
		rc = r < 0 ? ivp__job_csv_fail(j, c) :
			     ivp__job_fail(j, 1, NULL, "the mapping file is empty");
		ivp__code(j->ctx, "empty_file");
		goto out;
	}
	sc = ivp__find_col(c, S);
	tc = ivp__find_col(c, T);
	if (sc < 0 || tc < 0) {
		rc = ivp__job_fail(j, 1, sc < 0 ? "source_code" : "type",
				   "missing column \"%s\" in the mapping file", sc < 0 ? "source_code" : "type");
		ivp__code(j->ctx, "missing_column");
		ivp__hint(j->ctx, "A mapping file has the header source_code,type[,note] (docs/long-csv.md).");
		goto out;
	}
	while ((r = ivp__csv_next(c)) > 0) {
		const ivp__csv_field *sf = ivp__csv_field_at(c, (size_t)sc);
		const ivp__csv_field *tf = ivp__csv_field_at(c, (size_t)tc);
		char src[64], type[16];
		int64_t *slot;
		int existed;
		ivp_rc g;

		if (ivp__csv_blank(c))
			continue;
		if (ivp__code_trim(sf->p, sf->n, src, sizeof(src)) <= 0) {
			rc = ivp__job_fail(j, ivp__csv_line(c), "source_code", "empty source code");
			ivp__code(j->ctx, "mapping_empty_source");
			goto out;
		}
		if (ivp__code_trim(tf->p, tf->n, type, sizeof(type)) < 0 ||
		    (strcmp(type, "-") && !ivp__type_classification(type))) {
			rc = ivp__job_fail(j, ivp__csv_line(c), "type", "\"%.40s\" is not a SoortMisdrijf code", tf->p);
			ivp__code(j->ctx, "bad_type_code");
			ivp__column(j->ctx, ivp__csv_column(c, tf));
			ivp__hint(j->ctx, "Map to a code such as 1.1.1, or to - to leave the source code out.");
			goto out;
		}
		if (strcmp(type, "-")) {
			g = ivp__store_type_get(j->ctx, type, NULL);
			if (g && g != IVP_ENOTFOUND) {
				rc = ivp__job_store(j, g);
				goto out;
			}
			if (g == IVP_ENOTFOUND) {
				rc = ivp__job_fail(j, ivp__csv_line(c), "type", "unknown crime type code \"%s\"", type);
				ivp__code(j->ctx, "unknown_type");
				ivp__hint(j->ctx, "Import the SoortMisdrijf code list first (ivp import codes soortmisdrijf.csv).");
				goto out;
			}
		}
		if (ivp__map_put(m, src, (int64_t)*ntypes, &slot, &existed)) {
			rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
			goto out;
		}
		if (existed) {
			rc = ivp__job_fail(j, ivp__csv_line(c), "source_code", "source code \"%s\" is mapped twice", src);
			ivp__code(j->ctx, "mapping_duplicate");
			ivp__hint(j->ctx, "Map each source code once.");
			goto out;
		}
		if (!strcmp(type, "-")) {
			*slot = -1;
			continue;
		}
		{
			char(*t)[16] = realloc(*types, (*ntypes + 1) * sizeof(**types));

			if (!t) {
				rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
				goto out;
			}
			*types = t;
			memcpy(t[*ntypes], type, sizeof(type));
			(*ntypes)++;
		}
	}
	if (r < 0)
		rc = ivp__job_csv_fail(j, c);
out:
	ivp__csv_close(c);
	if (f)
		(void)fclose(f); /* read only */
	j->path = saved;
	return rc;
}

/* ---- long CSV ------------------------------------------------------------------ */

static ivp_rc check_area(ivp__job *j, long line, const char *field, const char *area,
			 char last[16])
{
	ivp_rc g;

	if (!strcmp(last, area))
		return IVP_OK;
	g = ivp__store_area_get(j->ctx, area, NULL, NULL, NULL);
	if (g && g != IVP_ENOTFOUND)
		return ivp__job_store(j, g);
	if (g == IVP_ENOTFOUND) {
		if (j->opts && j->opts->skip_unknown_regions) {
			ivp__job_unknown_region(j, area);
			return IVP_ENOTFOUND; /* caller skips the row */
		}
		ivp__job_fail(j, line, field, "unknown area code \"%s\"", area);
		ivp__code(j->ctx, "unknown_area");
		ivp__detail(j->ctx, "No loaded code list has this area.");
		ivp__hint(j->ctx, "Import the region code list first (ivp import codes WijkenEnBuurten.csv), or choose {skip_unknown_regions} to leave such areas out.");
		return IVP_EINPUT;
	}
	snprintf(last, 16, "%s", area);
	return IVP_OK;
}

static ivp_rc read_pop_long(ivp__job *j, ivp__csv *c, const lc *l)
{
	int r;
	ivp_rc rc;

	if (l->year < 0)
		return missing(j, "year", "A population long CSV has the columns area, year (the 1 January the figure refers to) and population.");
	while ((r = ivp__csv_next(c)) > 0) {
		char area[16];
		const char *field;
		int64_t y, v;
		int miss;
		const ivp__csv_field *yf;

		if (ivp__csv_blank(c))
			continue;
		if ((rc = row_area(j, l, c, area, &field)))
			return rc;
		yf = ivp__csv_field_at(c, (size_t)l->year);
		if (ivp__parse_count(yf->p, yf->n, &y) || y < 1900 || y > 2199)
			return ivp__coded(j->ctx, "bad_year", ivp__job_fail(j, ivp__csv_line(c), "year", "\"%.40s\" is not a year", yf->p));
		if ((rc = row_count(j, c, l->pop, "population", &v, &miss)))
			return rc;
		if (miss)
			j->res->missing++;
		else if ((rc = ivp__ingest_pop(j, ivp__csv_line(c), "population", area, (int)y, "total", v)))
			return rc;
		if (l->pop1217 >= 0) {
			if ((rc = row_count(j, c, l->pop1217, "population_12_17", &v, &miss)))
				return rc;
			if (miss)
				j->res->missing++;
			else if ((rc = ivp__ingest_pop(j, ivp__csv_line(c), "population_12_17", area, (int)y, "12-17", v)))
				return rc;
		}
	}
	return r < 0 ? ivp__job_csv_fail(j, c) : IVP_OK;
}

static ivp_rc flush(ivp__job *j, ivp__map *agg)
{
	long i;
	ivp_rc rc;

	for (i = ivp__map_next(agg, 0); i >= 0; i = ivp__map_next(agg, i + 1)) {
		char key[64], *area, *type, *per;

		snprintf(key, sizeof(key), "%s", agg->keys[i]);
		area = key;
		type = strchr(area, '|');
		*type++ = '\0';
		per = strchr(type, '|');
		*per++ = '\0';
		if ((rc = ivp__ingest_fact(j, 0, "count", area, type, (int)strtol(per, NULL, 10), agg->vals[i], 0)))
			return rc;
	}
	return IVP_OK;
}

ivp_rc ivp__read_long(ivp__job *j, FILE *f, int population, const char *map_path)
{
	ivp__csv *c = NULL;
	ivp__map map, seen, agg;
	char(*types)[16] = NULL;
	size_t ntypes = 0;
	char last_area[16] = "";
	lc l;
	int r;
	ivp_rc rc;

	ivp__map_init(&map);
	ivp__map_init(&seen);
	ivp__map_init(&agg);
	if (map_path && (rc = load_map(j, map_path, &map, &types, &ntypes)))
		goto out;
	if ((rc = ivp__job_csv(j, f, &c)))
		goto out;
	if (ivp__csv_next(c) <= 0) { /* the header */
		rc = ivp__job_csv_fail(j, c);
		goto out;
	}
	columns(&l, c);
	if (l.area[0] < 0 && l.area[1] < 0 && l.area[2] < 0 && l.area[3] < 0) {
		rc = missing(j, "area", "An ivp long CSV has the columns area, type, period and count (docs/long-csv.md).");
		goto out;
	}
	if (population) {
		rc = l.pop >= 0 ? read_pop_long(j, c, &l) :
				  missing(j, "population", "A population long CSV has the columns area, year (the 1 January the figure refers to) and population (docs/long-csv.md).");
		goto out;
	}
	if (l.pop >= 0 && l.count < 0) {
		rc = ivp__job_fail(j, 1, "population", "this is a population file");
		ivp__code(j->ctx, "wrong_kind");
		ivp__hint(j->ctx, "Import it with ivp import population.");
		goto out;
	}
	if (l.type < 0 || l.count < 0 || (l.period < 0 && l.year < 0)) {
		rc = missing(j, l.type < 0 ? "type" : l.count < 0 ? "count" :
								    "period",
			     "An ivp long CSV has the columns area, type, period (or year and month) and count (docs/long-csv.md).");
		goto out;
	}
	while ((r = ivp__csv_next(c)) > 0) {
		char area[16], type[64], key[96];
		const char *afield;
		const ivp__csv_field *tf;
		int period, prov, miss, existed;
		int64_t v, *slot;
		long line = ivp__csv_line(c);

		if (ivp__csv_blank(c))
			continue;
		if ((rc = row_area(j, &l, c, area, &afield)) ||
		    (rc = row_period(j, &l, c, &period, &prov)) ||
		    (rc = row_count(j, c, l.count, "count", &v, &miss)))
			goto out;
		tf = ivp__csv_field_at(c, (size_t)l.type);
		if (ivp__code_trim(tf->p, tf->n, type, sizeof(type)) <= 0) {
			rc = ivp__job_fail(j, line, "type", "empty or too long type code");
			ivp__code(j->ctx, "bad_type_code");
			goto out;
		}
		if (miss) {
			j->res->missing++;
			continue;
		}
		if (!map_path) {
			if (!ivp__type_classification(type)) {
				rc = ivp__job_fail(j, line, "type", "\"%s\" is not a SoortMisdrijf code", type);
				ivp__code(j->ctx, "bad_type_code");
				ivp__hint(j->ctx, "Use codes such as 1.1.1, or give a mapping file ({map}) for the source's own codes.");
				goto out;
			}
			if ((rc = ivp__ingest_fact(j, line, "count", area, type, period, v, prov)))
				goto out;
			ivp__job_progress(j, ivp__csv_offset(c));
			continue;
		}
		/* mapped: detect duplicate source keys, then aggregate */
		slot = ivp__map_get(&map, type);
		if (!slot) {
			rc = ivp__job_fail(j, line, "type", "source code \"%s\" is not in the mapping file", type);
			ivp__code(j->ctx, "mapping_missing_code");
			ivp__hint(j->ctx, "Add it to %s (map it to - to leave it out).", map_path);
			goto out;
		}
		if (*slot < 0) {
			j->res->skipped++;
			continue;
		}
		if ((rc = check_area(j, line, afield, area, last_area))) {
			if (rc != IVP_ENOTFOUND)
				goto out;
			continue;
		}
		snprintf(key, sizeof(key), "%s|%s|%d", area, type, period);
		{
			int64_t *s2;

			if (ivp__map_put(&seen, key, v, &s2, &existed)) {
				rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
				goto out;
			}
			if (existed) {
				char per[16];

				if (*s2 == v) {
					j->res->skipped++;
					continue;
				}
				ivp__period_format(period, per);
				rc = ivp__job_fail(j, line, "count", "the same key appears twice with different counts");
				ivp__code(j->ctx, "duplicate_key");
				ivp__detail(j->ctx, "Area %s, source code %s, period %s was already given earlier in this file with count %lld (now %lld).",
					    area, type, per, (long long)*s2, (long long)v);
				ivp__hint(j->ctx, "Keep one row per area, code and period.");
				goto out;
			}
		}
		snprintf(key, sizeof(key), "%s|%s|%d", area, types[*slot], period);
		{
			int64_t *a;

			if (ivp__map_put(&agg, key, 0, &a, &existed)) {
				rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
				goto out;
			}
			*a += v;
		}
		ivp__job_progress(j, ivp__csv_offset(c));
	}
	if (r < 0) {
		rc = ivp__job_csv_fail(j, c);
		goto out;
	}
	rc = map_path ? flush(j, &agg) : IVP_OK;
out:
	ivp__csv_close(c);
	ivp__map_free(&map);
	ivp__map_free(&seen);
	ivp__map_free(&agg);
	free(types);
	return rc;
}

/* ---- the 85984NED buurt list: "", nhood_id, population -------------------------- */

ivp_rc ivp__read_population_list(ivp__job *j, FILE *f)
{
	static const char *const ID[] = { "nhood_id", NULL };
	static const char *const P[] = { "population", "AantalInwoners", NULL };
	ivp__csv *c = NULL;
	int r, ic, pc;
	ivp_rc rc;

	if (!j->opts || !j->opts->year) {
		ivp__job_fail(j, 1, NULL, "this population list does not say which year it is");
		ivp__code(j->ctx, "missing_year");
		ivp__detail(j->ctx, "A list of buurt populations (e.g. 85984NED, Kerncijfers wijken en buurten) holds the figure on 1 January of its year, but the file does not name the year.");
		ivp__hint(j->ctx, "Give the year ({year}): the 1 January the figures refer to (85984NED of 2024: 2024).");
		return IVP_EINPUT;
	}
	if ((rc = ivp__job_csv(j, f, &c)))
		return rc;
	if (ivp__csv_next(c) <= 0) {
		rc = ivp__job_csv_fail(j, c);
		goto out;
	}
	ic = ivp__find_col(c, ID);
	pc = ivp__find_col(c, P);
	if (pc < 0) {
		rc = missing(j, "population", "A buurt population list has the columns nhood_id and population.");
		goto out;
	}
	while ((r = ivp__csv_next(c)) > 0) {
		const ivp__csv_field *idf = ivp__csv_field_at(c, (size_t)ic);
		char area[16];
		int64_t v;
		int miss;

		if (ivp__csv_blank(c))
			continue;
		if (ivp__area_canon(idf->p, idf->n, area)) {
			rc = ivp__job_fail(j, ivp__csv_line(c), "nhood_id", "\"%.40s\" is not an area code", idf->p);
			ivp__code(j->ctx, "bad_area_code");
			ivp__column(j->ctx, ivp__csv_column(c, idf));
			goto out;
		}
		if ((rc = row_count(j, c, pc, "population", &v, &miss)))
			goto out;
		if (miss) {
			j->res->missing++;
			continue;
		}
		if ((rc = ivp__ingest_pop(j, ivp__csv_line(c), "population", area, j->opts->year, "total", v)))
			goto out;
		ivp__job_progress(j, ivp__csv_offset(c));
	}
	if (r < 0)
		rc = ivp__job_csv_fail(j, c);
out:
	ivp__csv_close(c);
	return rc;
}
