/*
 * w2.c — workload W2 of the benchmarks: the indicator set (total, BBV and
 * high-impact crime, each with the previous year, the rate ratio with its
 * exact interval and the verdict) measured on libivp directly, warm, so
 * the CLI's process start-up is not in the figure.
 *
 * usage: w2 DB YEAR N DUMP GM [GM ...]
 *   one: ivp_indicators() for the first GM, N times on one open context
 *        (after one warm-up call); prints the median per call;
 *   all: the loop over every GM given, max(3, N/20) times; prints the
 *        median per loop;
 *   DUMP: the figures of one pass over every GM as CSV (gm, indicator,
 *        count, per_1000, prev_count, prev_per_1000, verdict) for the
 *        harness to check the peers against ("-": none).
 * Output on stdout: "one_ms X", "all_ms Y", "gemeenten K", "indicators M".
 *
 * usage: w2 --w3 DB YEAR N DUMP GM
 *   W3, the neighbourhood ranking: ivp_ranking() of the buurten of GM on
 *   registered crime (totaal), N times, median per call ("one_ms"); of every
 *   buurt of the country (NL01), max(3, N/20) times, median ("all_ms");
 *   DUMP: both rankings as CSV (scope, rank, code, count, population,
 *   per_1000, vs_all) for the check against the peers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ivp/ivp.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), dcmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(ivp_ctx *ctx, const char *what)
{
	const ivp_error *e = ivp_last_error(ctx);

	fprintf(stderr, "w2: %s: %s (%s)\n", what, e->message, e->detail);
	exit(1);
}

static ivp_table *run(ivp_ctx *ctx, const char *gm, int year)
{
	ivp_indicator_query q;
	ivp_table *t;

	memset(&q, 0, sizeof(q));
	q.area = gm;
	q.year = year;
	q.small_threshold = -1;
	if (ivp_indicators(ctx, &q, &t))
		die(ctx, gm);
	return t;
}

static int col(const ivp_table *t, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	fprintf(stderr, "w2: no column %s\n", name);
	exit(1);
}

static void cell(FILE *f, const ivp_table *t, int r, int c)
{
	switch (ivp_table_cell_type(t, r, c)) {
	case IVP_CELL_INT: fprintf(f, "%lld", (long long)ivp_table_int(t, r, c)); break;
	case IVP_CELL_REAL: fprintf(f, "%.6f", ivp_table_real(t, r, c)); break;
	case IVP_CELL_TEXT: fprintf(f, "%s", ivp_table_text(t, r, c)); break;
	default: break;
	}
}

static ivp_table *rank(ivp_ctx *ctx, const char *under, int year)
{
	ivp_ranking_query q;
	ivp_table *t;

	memset(&q, 0, sizeof(q));
	q.under = under;
	q.level = "BU";
	q.indicator = "totaal";
	q.year = year;
	q.small_threshold = -1;
	if (ivp_ranking(ctx, &q, &t))
		die(ctx, under);
	return t;
}

static void dump_ranking(FILE *f, const char *scope, const ivp_table *t)
{
	int c[6] = { col(t, "rank"), col(t, "code"), col(t, "count"), col(t, "population"),
		     col(t, "per_1000"), col(t, "vs_all") };
	int r, k;

	for (r = 0; r < ivp_table_nrows(t); r++) {
		if (ivp_table_cell_type(t, r, c[0]) != IVP_CELL_INT)
			continue; /* no population: not ranked */
		fprintf(f, "%s", scope);
		for (k = 0; k < 6; k++) {
			fputc(',', f);
			cell(f, t, r, c[k]);
		}
		fputc('\n', f);
	}
}

static int w3(int argc, char **argv)
{
	ivp_ctx *ctx;
	ivp_error err;
	ivp_table *t;
	int year, n, reps, i;
	double *v;
	FILE *dump;

	if (argc != 7) {
		fprintf(stderr, "usage: w2 --w3 DB YEAR N DUMP GM\n");
		return 1;
	}
	year = (int)strtol(argv[3], NULL, 10);
	n = (int)strtol(argv[4], NULL, 10);
	reps = n / 20 > 3 ? n / 20 : 3;
	if (n < 1 || year < 1900 || !(v = malloc((size_t)n * sizeof(double))))
		return 1;
	if (ivp_open(argv[2], &ctx, &err)) {
		fprintf(stderr, "w2: %s: %s\n", argv[2], err.message);
		free(v);
		return 1;
	}
	if (!(dump = fopen(argv[5], "w"))) {
		perror(argv[5]);
		free(v);
		ivp_close(ctx);
		return 1;
	}
	fputs("scope,rank,code,count,population,per_1000,vs_all\n", dump);
	t = rank(ctx, argv[6], year); /* warm-up */
	dump_ranking(dump, argv[6], t);
	ivp_table_free(t);
	for (i = 0; i < n; i++) {
		double t0 = now_ms();

		t = rank(ctx, argv[6], year);
		v[i] = now_ms() - t0;
		ivp_table_free(t);
	}
	printf("one_ms %.4f\n", median(v, n));
	for (i = 0; i < reps; i++) {
		double t0 = now_ms();

		t = rank(ctx, "NL01", year);
		v[i] = now_ms() - t0;
		if (i == 0) {
			dump_ranking(dump, "NL01", t);
			printf("buurten %d\n", ivp_table_nrows(t));
		}
		ivp_table_free(t);
	}
	printf("all_ms %.4f\n", median(v, reps));
	if (fclose(dump)) {
		fprintf(stderr, "w2: cannot write %s\n", argv[5]);
		return 1;
	}
	free(v);
	ivp_close(ctx);
	return 0;
}

int main(int argc, char **argv)
{
	ivp_ctx *ctx;
	ivp_error err;
	int year, n, ngm, reps, i, g, nind = 0;
	double *v;
	FILE *dump = NULL;

	if (argc > 1 && !strcmp(argv[1], "--w3"))
		return w3(argc, argv);
	if (argc < 6) {
		fprintf(stderr, "usage: w2 DB YEAR N DUMP GM [GM ...] | w2 --w3 DB YEAR N DUMP GM\n");
		return 1;
	}
	year = (int)strtol(argv[2], NULL, 10);
	n = (int)strtol(argv[3], NULL, 10);
	ngm = argc - 5;
	reps = n / 20 > 3 ? n / 20 : 3;
	if (n < 1 || year < 1900)
		return 1;
	if (ivp_open(argv[1], &ctx, &err)) {
		fprintf(stderr, "w2: %s: %s\n", argv[1], err.message);
		return 1;
	}
	v = malloc((size_t)(n > reps ? n : reps) * sizeof(double));
	if (!v)
		return 1;
	ivp_table_free(run(ctx, argv[5], year)); /* warm-up */
	for (i = 0; i < n; i++) {
		double t0 = now_ms();
		ivp_table *t = run(ctx, argv[5], year);

		v[i] = now_ms() - t0;
		ivp_table_free(t);
	}
	printf("one_ms %.4f\n", median(v, n));
	if (strcmp(argv[4], "-") && !(dump = fopen(argv[4], "w"))) {
		perror(argv[4]);
		return 1;
	}
	if (dump)
		fputs("gm,indicator,count,per_1000,prev_count,prev_per_1000,verdict\n", dump);
	for (i = 0; i < reps; i++) {
		double t0 = now_ms();

		for (g = 0; g < ngm; g++) {
			ivp_table *t = run(ctx, argv[5 + g], year);

			if (dump && i == 0) {
				int c[6] = { col(t, "indicator"), col(t, "count"), col(t, "per_1000"),
					     col(t, "prev_count"), col(t, "prev_per_1000"), col(t, "verdict") };
				int r, k;

				for (r = 0; r < ivp_table_nrows(t); r++, nind++) {
					fprintf(dump, "%s", argv[5 + g]);
					for (k = 0; k < 6; k++) {
						fputc(',', dump);
						cell(dump, t, r, c[k]);
					}
					fputc('\n', dump);
				}
			}
			ivp_table_free(t);
		}
		v[i] = now_ms() - t0;
	}
	printf("all_ms %.4f\ngemeenten %d\nindicators %d\n", median(v, reps), ngm, nind);
	if (dump && fclose(dump)) {
		fprintf(stderr, "w2: cannot write %s\n", argv[4]);
		return 1;
	}
	free(v);
	ivp_close(ctx);
	return 0;
}
