/*
 * gen.c — a deterministic generator of national-scale crime data in the
 * layouts ivp imports (issue: benchmarks at national scale).
 *
 * Shape, from real data only:
 *  - areas: every gemeente, wijk and buurt of the real 2024 code list
 *    (47018NED WijkenEnBuurten); --scale keeps a seeded sample of whole
 *    gemeenten (0.001 = 0.1%, 1 = all);
 *  - types: the 58 SoortMisdrijf codes plus 0.0.0 (their sum);
 *  - months 2012-01 .. 2025-12, plus the yearly JJ00 rows;
 *  - national totals per type and year: 47013NED as in NL_Crime.csv
 *    (2012-2023; 2024 and 2025 repeat 2023, as no real per-type national
 *    figures for them are bundled), times the scale;
 *  - where crime happens: a buurt's weight is its 1 January 2024 population
 *    (85984NED; buurten without inhabitants count as 200) times its
 *    gemeente's registered-crime rate (2023, output__gemeenten_NL_gini.csv)
 *    times a seeded log-normal factor per buurt; months get a mild seasonal
 *    swing.
 * Each type-year total is spread over the sampled buurten and months with
 * one multinomial draw (GSL), so the national per-type totals of the output
 * equal scale x the real ones up to rounding, and buurt totals are as
 * concentrated as population and gemeente crime levels make them. Wijk and
 * gemeente rows are the sums of their buurten.
 *
 * usage: gen [--scale S] [--seed N] [--layout typed|long] [--data DIR]
 *            [--years 2012-2025] [--population FILE] > crime.csv
 * Whole gemeenten are drawn, so the scale actually drawn (printed on
 * stderr) is the share of all buurten they hold; totals follow it.
 * DIR defaults to the repository's example data (run from the repo root).
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ingest/csv.h"
#include "ingest/ingest.h"

#define YEAR0 2012
#define NYEARS 14
#define NMONTHS 168 /* NYEARS * 12 */
#define MAXTYPES 64

typedef struct area {
	char code[16];
	char parent[16]; /* buurt: wijk; wijk: gemeente */
	char level;	 /* 'G', 'W', 'B' */
	double weight;	 /* buurt only */
	int gm;		 /* index of its gemeente */
} area;

static area *areas;
static int nareas;
static char types[MAXTYPES][16];
static int ntypes; /* without 0.0.0 */
static double totals[MAXTYPES][NYEARS];

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "gen: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	exit(1);
}

static ivp__csv *open_csv(const char *path, FILE **f)
{
	ivp__csv *c;

	*f = fopen(path, "rb");
	if (!*f)
		die("cannot open", path);
	c = ivp__csv_open_file(*f, 0, 1 << 20);
	if (!c || ivp__csv_next(c) <= 0)
		die("cannot read", path);
	return c;
}

static int col(ivp__csv *c, const char *name)
{
	const char *const names[] = { name, NULL };
	int i = ivp__find_col(c, names);

	if (i < 0)
		die("missing column", name);
	return i;
}

static const char *fld(ivp__csv *c, int i)
{
	return ivp__csv_field_at(c, (size_t)i)->p;
}

static int area_cmp(const void *a, const void *b)
{
	return strcmp(((const area *)a)->code, ((const area *)b)->code);
}

static area *find_area(const char *code)
{
	area key = { 0 };

	snprintf(key.code, sizeof(key.code), "%s", code);
	return bsearch(&key, areas, (size_t)nareas, sizeof(area), area_cmp);
}

static void load_areas(const char *path)
{
	FILE *f;
	ivp__csv *c = open_csv(path, &f);
	int k = col(c, "Key"), m = col(c, "Municipality"), cap = 0;

	while (ivp__csv_next(c) > 0) {
		char code[16];
		const char *lv;
		area *a;

		if (ivp__code_trim(fld(c, k), strlen(fld(c, k)), code, sizeof(code)) <= 0 ||
		    !(lv = ivp__area_level(code)) || !strchr("GWB", lv[0]) || lv[1] == 'L')
			continue;
		if (strcmp(lv, "GM") && strcmp(lv, "WK") && strcmp(lv, "BU"))
			continue;
		if (nareas == cap) {
			cap = cap ? cap * 2 : 4096;
			areas = realloc(areas, (size_t)cap * sizeof(area));
			if (!areas)
				die("out of memory", NULL);
		}
		a = &areas[nareas++];
		memset(a, 0, sizeof(*a));
		snprintf(a->code, sizeof(a->code), "%s", code);
		a->level = lv[0];
		if (a->level == 'B')
			snprintf(a->parent, sizeof(a->parent), "WK%.6s", code + 2);
		else if (a->level == 'W')
			ivp__code_trim(fld(c, m), strlen(fld(c, m)), a->parent, sizeof(a->parent));
	}
	ivp__csv_close(c);
	(void)fclose(f); /* read only */
	qsort(areas, (size_t)nareas, sizeof(area), area_cmp);
}

static void load_types(const char *path)
{
	FILE *f;
	ivp__csv *c = open_csv(path, &f);
	int k = col(c, "code");

	while (ivp__csv_next(c) > 0) {
		const char *code = fld(c, k);

		if (!strcmp(code, "0.0.0") || !ivp__type_classification(code))
			continue;
		if (ntypes == MAXTYPES)
			die("too many types", NULL);
		snprintf(types[ntypes++], 16, "%s", code);
	}
	ivp__csv_close(c);
	(void)fclose(f); /* read only */
}

static void load_totals(const char *path)
{
	FILE *f;
	ivp__csv *c = open_csv(path, &f);
	int tc = col(c, "incident_type_code"), yc = col(c, "year"), nc = col(c, "incident_count");
	int t, y;

	while (ivp__csv_next(c) > 0) {
		const char *title = fld(c, tc);
		int year = (int)strtol(fld(c, yc), NULL, 10);

		for (t = 0; t < ntypes; t++) {
			size_t n = strlen(types[t]);

			if (!strncmp(title, types[t], n) && title[n] == ' ' &&
			    year >= YEAR0 && year < YEAR0 + NYEARS)
				totals[t][year - YEAR0] = strtod(fld(c, nc), NULL);
		}
	}
	ivp__csv_close(c);
	(void)fclose(f); /* read only */
	for (t = 0; t < ntypes; t++)
		for (y = 2024 - YEAR0; y < NYEARS; y++)
			totals[t][y] = totals[t][2023 - YEAR0];
}

/* Buurt weights: population x gemeente crime rate x log-normal noise. */
static void load_weights(const char *pop_path, const char *gm_path, gsl_rng *r)
{
	FILE *f;
	ivp__csv *c = open_csv(gm_path, &f);
	int nc = col(c, "nummer"), bc = col(c, "bevolking"), mc = col(c, "misdaad"), i;
	double nlrate = 0, nlpop = 0, nlcrime = 0;
	double *gmrate = calloc(nareas > 0 ? (size_t)nareas : 1, sizeof(double));

	if (!gmrate)
		die("out of memory", NULL);
	while (ivp__csv_next(c) > 0) {
		char code[16];
		area *a;

		snprintf(code, sizeof(code), "GM%s", fld(c, nc));
		a = find_area(code);
		nlpop += strtod(fld(c, bc), NULL);
		nlcrime += strtod(fld(c, mc), NULL);
		if (a && strtod(fld(c, bc), NULL) > 0)
			gmrate[a - areas] = strtod(fld(c, mc), NULL) / strtod(fld(c, bc), NULL);
	}
	ivp__csv_close(c);
	(void)fclose(f); /* read only */
	nlrate = nlcrime / nlpop;
	c = open_csv(pop_path, &f);
	{
		int ic = col(c, "nhood_id"), pc = col(c, "population");

		while (ivp__csv_next(c) > 0) {
			area *a = find_area(fld(c, ic));

			if (a && a->level == 'B')
				a->weight = strtod(fld(c, pc), NULL);
		}
	}
	ivp__csv_close(c);
	(void)fclose(f); /* read only */
	for (i = 0; i < nareas; i++) {
		area *a = &areas[i];
		char gm[16];
		area *g;

		if (a->level == 'G') {
			a->gm = i;
			continue;
		}
		snprintf(gm, sizeof(gm), "GM%.4s", a->code + 2);
		g = find_area(gm);
		if (!g)
			die("area without gemeente", a->code);
		a->gm = (int)(g - areas);
		if (a->level == 'B') {
			double rate = gmrate[a->gm] > 0 ? gmrate[a->gm] : nlrate;
			double pop = a->weight > 0 ? a->weight : 200;

			a->weight = pop * rate * exp(gsl_ran_gaussian(r, 0.8));
		}
	}
	free(gmrate);
}

/*
 * Seeded choice of whole gemeenten: in the order of a seeded hash of their
 * codes, gemeenten are taken until they hold scale x all buurten (at least
 * one gemeente). in_sample[g] marks the chosen ones.
 */
static char *in_sample;

static uint64_t code_hash(const char *s, uint64_t seed)
{
	uint64_t h = 1469598103934665603ull ^ seed;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static uint64_t *sort_keys;

static int by_hash(const void *a, const void *b)
{
	uint64_t x = sort_keys[*(const int *)a], y = sort_keys[*(const int *)b];

	return x < y ? -1 : x > y;
}

static double choose(uint64_t seed, double scale)
{
	size_t na = nareas > 0 ? (size_t)nareas : 1;
	int *gm = malloc(na * sizeof(int)), ngm = 0, i, k;
	int *nbu = calloc(na, sizeof(int));
	double all = 0, have = 0;

	in_sample = calloc(na, 1);
	sort_keys = calloc(na, sizeof(uint64_t));
	if (!gm || !nbu || !in_sample || !sort_keys)
		die("out of memory", NULL);
	for (i = 0; i < nareas; i++) {
		if (areas[i].level == 'G') {
			gm[ngm++] = i;
			sort_keys[i] = code_hash(areas[i].code, seed);
		} else if (areas[i].level == 'B') {
			nbu[areas[i].gm]++;
			all++;
		}
	}
	qsort(gm, (size_t)ngm, sizeof(int), by_hash);
	for (k = 0; k < ngm && (k == 0 || have < scale * all); k++) {
		in_sample[gm[k]] = 1;
		have += nbu[gm[k]];
	}
	free(gm);
	free(nbu);
	free(sort_keys);
	return have / all; /* the scale actually drawn: whole gemeenten */
}

static int sampled(int gm)
{
	return in_sample[gm];
}

static char *fmt_int(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char outbuf[1 << 20];
static size_t outlen;
static uint64_t rowid;

static void flush_out(void)
{
	if (outlen && fwrite(outbuf, 1, outlen, stdout) != outlen)
		die("cannot write the output", NULL);
	outlen = 0;
}

/* One row: typed "ID","type","area","period",count or long area,type,period,count. */
static void emit(int typed, const char *code, const char *type, int year, int month, uint64_t v)
{
	char *p;

	if (outlen > sizeof(outbuf) - 128)
		flush_out();
	p = outbuf + outlen;
	if (typed) {
		p = fmt_int(p, rowid);
		p += snprintf(p, sizeof(outbuf) - (size_t)(p - outbuf), ",\"%s \",\"%-10s\",\"%04d%s%02d\",", type, code, year,
			      month ? "MM" : "JJ", month);
	} else {
		p += snprintf(p, sizeof(outbuf) - (size_t)(p - outbuf), "%s,%s,%04d%s%02d,", code, type, year, month ? "MM" : "JJ", month);
	}
	p = fmt_int(p, v);
	*p++ = '\n';
	outlen = (size_t)(p - outbuf);
	rowid++;
}

/* "Y1-Y2" into *from, *to: 0, or -1 when it is not two numbers with a dash. */
static int parse_years(const char *v, int *from, int *to)
{
	char *end;
	long a = strtol(v, &end, 10), b;

	if (end == v || *end != '-')
		return -1;
	v = end + 1;
	b = strtol(v, &end, 10);
	if (end == v)
		return -1;
	*from = (int)a;
	*to = (int)b;
	return 0;
}

int main(int argc, char **argv)
{
	double scale = 0.01, eff;
	int yfrom = YEAR0, yto = YEAR0 + NYEARS - 1;
	uint64_t seed = 1926;
	int typed = 1, i, j, t, y, m;
	const char *data = "examples/pijnacker-nootdorp/data", *popout = NULL;
	char path[1024];
	gsl_rng *r;
	int *bu = NULL, nbu = 0;
	uint32_t *cnt; /* [buurt][type][month] */
	double *p;
	unsigned int *n;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--layout") && i + 1 < argc)
			typed = !strcmp(argv[++i], "typed");
		else if (!strcmp(argv[i], "--data") && i + 1 < argc)
			data = argv[++i];
		else if (!strcmp(argv[i], "--population") && i + 1 < argc)
			popout = argv[++i];
		else if (!strcmp(argv[i], "--years") && i + 1 < argc && !parse_years(argv[i + 1], &yfrom, &yto))
			i++;
		else
			die("usage: gen [--scale S] [--seed N] [--layout typed|long] [--data DIR] [--years Y1-Y2] [--population FILE]", NULL);
	}
	if (!(scale > 0 && scale <= 1))
		die("--scale must lie in (0, 1]", NULL);
	if (yfrom < YEAR0 || yto >= YEAR0 + NYEARS || yto < yfrom)
		die("--years must lie within 2012-2025", NULL);
	r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, (unsigned long)seed);
	snprintf(path, sizeof(path), "%s/crime__WijkenEnBuurten.csv", data);
	load_areas(path);
	load_types("tests/data/soortmisdrijf.csv");
	load_totals("bench/data/NL_Crime.csv");
	snprintf(path, sizeof(path), "%s/population__Population85984_2024.csv", data);
	load_weights(path, "bench/data/output__gemeenten_NL_gini.csv", r);

	eff = choose(seed, scale);
	/* the sampled buurten */
	bu = malloc((nareas > 0 ? (size_t)nareas : 1) * sizeof(int));
	if (!bu)
		die("out of memory", NULL);
	for (i = 0; i < nareas; i++)
		if (areas[i].level == 'B' && sampled(areas[i].gm))
			bu[nbu++] = i;
	if (!nbu)
		die("the sample holds no buurt; raise --scale", NULL);
	cnt = calloc((size_t)nbu * (size_t)ntypes * NMONTHS, sizeof(uint32_t));
	p = malloc((size_t)nbu * 12 * sizeof(double));
	n = malloc((size_t)nbu * 12 * sizeof(unsigned int));
	if (!cnt || !p || !n)
		die("out of memory", NULL);
	/* one multinomial per type and year over buurten x months */
	for (t = 0; t < ntypes; t++) {
		for (y = 0; y < NYEARS; y++) {
			unsigned int total = (unsigned int)lround(totals[t][y] * eff);

			for (j = 0; j < nbu; j++)
				for (m = 0; m < 12; m++)
					p[j * 12 + m] = areas[bu[j]].weight *
							(1 + 0.08 * cos(2 * M_PI * (m - 6) / 12.0));
			gsl_ran_multinomial(r, (size_t)nbu * 12, total, p, n);
			for (j = 0; j < nbu; j++)
				for (m = 0; m < 12; m++)
					cnt[((size_t)j * ntypes + t) * NMONTHS + (size_t)y * 12 + m] = n[(size_t)j * 12 + m];
		}
	}
	/* emit per gemeente: GM rows, then per wijk its row and its buurten */
	if (typed)
		fputs("\"ID\",\"SoortMisdrijf\",\"WijkenEnBuurten\",\"Perioden\",\"GeregistreerdeMisdrijven_1\"\n", stdout);
	else
		fputs("area,type,period,count\n", stdout);
	{
		uint64_t *sum = malloc((size_t)(ntypes + 1) * NMONTHS * sizeof(uint64_t));
		int a;

		if (!sum)
			die("out of memory", NULL);
		for (a = 0; a < nareas; a++) {
			area *ar = &areas[a];

			if (ar->level == 'B' || !sampled(ar->gm))
				continue;
			memset(sum, 0, (size_t)(ntypes + 1) * NMONTHS * sizeof(uint64_t));
			for (j = 0; j < nbu; j++) {
				area *b = &areas[bu[j]];

				if (ar->level == 'G' ? b->gm != a : strcmp(b->parent, ar->code))
					continue;
				for (t = 0; t < ntypes; t++)
					for (m = 0; m < NMONTHS; m++)
						sum[(size_t)(t + 1) * NMONTHS + m] += cnt[((size_t)j * ntypes + t) * NMONTHS + m];
			}
			/* wijk/gemeente rows from sum; then, after a wijk, its buurten */
			for (int pass = 0; pass < 1 + (ar->level == 'W'); pass++) {
				int first = pass ? 0 : -1, last = pass ? nbu : 0;

				for (j = first; j < last; j++) {
					const char *code = ar->code;
					uint64_t tot[NMONTHS];

					if (pass) {
						if (strcmp(areas[bu[j]].parent, ar->code))
							continue;
						code = areas[bu[j]].code;
						for (m = 0; m < NMONTHS; m++) {
							tot[m] = 0;
							for (t = 0; t < ntypes; t++)
								tot[m] += cnt[((size_t)j * ntypes + t) * NMONTHS + m];
						}
					} else {
						for (m = 0; m < NMONTHS; m++) {
							tot[m] = 0;
							for (t = 1; t <= ntypes; t++)
								tot[m] += sum[t * NMONTHS + m];
						}
					}
					for (t = -1; t < ntypes; t++) {
						const char *tc = t < 0 ? "0.0.0" : types[t];

						for (y = yfrom - YEAR0; y <= yto - YEAR0; y++) {
							uint64_t ysum = 0;

							for (m = 0; m < 12; m++) {
								uint64_t v = t < 0 ? tot[y * 12 + m] : pass ? cnt[((size_t)j * ntypes + t) * NMONTHS + (size_t)y * 12 + m] :
													      sum[(size_t)(t + 1) * NMONTHS + (size_t)y * 12 + m];

								ysum += v;
								emit(typed, code, tc, YEAR0 + y, m + 1, v);
							}
							emit(typed, code, tc, YEAR0 + y, 0, ysum);
						}
					}
				}
			}
		}
		free(sum);
	}
	flush_out();
	if (popout) {
		FILE *pf = fopen(popout, "w");

		if (!pf)
			die("cannot write", popout);
		fputs("area,year,population\n", pf);
		/* the 2024 buurt populations for every year (the shape is what matters) */
		snprintf(path, sizeof(path), "%s/population__Population85984_2024.csv", data);
		{
			FILE *f;
			ivp__csv *c = open_csv(path, &f);
			int ic = col(c, "nhood_id"), pc = col(c, "population");

			while (ivp__csv_next(c) > 0) {
				area *b = find_area(fld(c, ic));

				if (b && sampled(b->gm))
					for (y = yfrom; y <= yto; y++)
						fprintf(pf, "%s,%d,%s\n", b->code, y, fld(c, pc));
			}
			ivp__csv_close(c);
			(void)fclose(f); /* read only */
		}
		if (fclose(pf))
			die("cannot write", popout);
	}
	fprintf(stderr, "gen: scale %g (drawn: %.6f of all buurten), seed %llu: %d buurten, %llu rows\n",
		scale, eff, (unsigned long long)seed, nbu, (unsigned long long)rowid);
	free(cnt);
	free(p);
	free(n);
	free(bu);
	free(in_sample);
	free(areas);
	gsl_rng_free(r);
	return 0;
}
