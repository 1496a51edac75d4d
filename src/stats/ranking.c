/*
 * ranking.c — the areas of one level inside an area (the buurten of a
 * gemeente, the wijken of a gemeente, every buurt of the country) ranked
 * on one indicator, and compared on funnel limits.
 *
 * One definition for all areas: the police-code version in force (the
 * CBS classification exists only for gemeenten, and a ranking that mixed
 * classifications would compare different things); the CBS version only
 * when the indicator has no police version. Each area gets its count,
 * population on 1 January (of the year, or of q->population_year when
 * the user chose another year: the notes and the population_year column
 * say so), rate with its exact interval and the small-count flag.
 *
 * Whether an area stands out is decided by funnel limits (funnel.h): the
 * pooled rate of the ranked areas, widened by the variation between areas
 * that the data show (registered crime varies between buurten far more
 * than Poisson allows; a plain Poisson test calls nearly every buurt
 * different). The exact rate ratio against all ranked areas together
 * (vs_all) stays as a column for comparison, not as the verdict.
 *
 * Rows: the ranked areas by rate; then those with fewer inhabitants than
 * the minimum (no rate: a few crimes in a park or business estate make a
 * rate of thousands per 1,000), by count; then those with a count but no
 * population. Areas without a count are left out and counted in a note.
 * A wijk without its own count or population takes the sum of its
 * buurten, when complete.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "stats/engine.h"
#include "stats/funnel.h"
#include "stats/poisson.h"
#include "store/store.h"

typedef struct ritem {
	char code[16];
	char name[96];
	int64_t count, pop;
	int has_pop, provisional, rolled, pop_rolled, own;
	int cls;      /* 0 ranked, 1 too few inhabitants, 2 no population */
	int complete; /* every code of the indicator has a figure */
	int64_t import_id, pop_import;
	double rate;
} ritem;

typedef struct rlist {
	ritem *v;
	int n, cap;
	int own; /* the pass is over q->under */
} rlist;

/* it's count: the sum of the indicator's codes, complete when each has one */
static void sum_types(ritem *it, const ivp__type_count *tc, int n)
{
	int k;

	it->count = 0;
	it->provisional = 0;
	it->complete = 1;
	for (k = 0; k < n; k++) {
		it->complete &= tc[k].has;
		it->count += tc[k].count;
		it->provisional |= tc[k].provisional;
		if (tc[k].import_id > it->import_id)
			it->import_id = tc[k].import_id;
	}
}

/* one area of the pass over the level (store level_years) */
static int area_cb(void *ud, const ivp__area_year *a)
{
	rlist *l = ud;
	ritem *it;

	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 256;
		ritem *v = realloc(l->v, (size_t)cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	snprintf(it->code, sizeof(it->code), "%s", a->code);
	snprintf(it->name, sizeof(it->name), "%s", a->name);
	sum_types(it, a->types, a->ntypes);
	it->has_pop = a->has_pop && a->pop > 0;
	it->pop = a->pop;
	it->pop_import = a->pop_import;
	it->own = l->own;
	return 0;
}

typedef struct dpick {
	const char *key;
	ivp__indicator_def police, cbs;
	int has_police, has_cbs;
} dpick;

static int def_cb(void *ud, const ivp__indicator_def *d)
{
	dpick *p = ud;

	if (strcmp(d->key, p->key))
		return 0;
	if (!strcmp(d->classification, "police")) {
		p->police = *d;
		p->has_police = 1;
	} else {
		p->cbs = *d;
		p->has_cbs = 1;
	}
	return 0;
}

static int by_rate(const void *a, const void *b)
{
	const ritem *x = a, *y = b;
	int xr = !isnan(x->rate), yr = !isnan(y->rate);

	if (x->cls != y->cls)
		return x->cls - y->cls;
	if (xr != yr)
		return yr - xr;
	if (xr && x->rate != y->rate)
		return x->rate < y->rate ? 1 : -1;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->code, y->code);
}

enum {
	R_RANK,
	R_CODE,
	R_NAME,
	R_COUNT,
	R_POP,
	R_RATE,
	R_LO,
	R_HI,
	R_SMALL,
	R_RATIO,
	R_RLO,
	R_RHI,
	R_VS,
	R_PROV,
	R_ROLLED,
	R_IMPORT,
	R_POP_IMPORT,
	R_FUNNEL,
	R_Z,
	R_L95LO,
	R_L95HI,
	R_L998LO,
	R_L998HI,
	R_POP_YEAR,
	R_POP_ROLLED,
	R_OWN,
	R_NCOLS
};

static ivp_rc make_table(ivp_table *t)
{
	static const struct {
		const char *name;
		int flags;
		int dec;
	} cols[R_NCOLS] = {
		{ "rank", IVP__COL_BRIEF, 0 },
		{ "code", IVP__COL_BRIEF, 0 },
		{ "name", IVP__COL_BRIEF, 0 },
		{ "count", IVP__COL_BRIEF, 0 },
		{ "population", IVP__COL_BRIEF, 0 },
		{ "per_1000", IVP__COL_BRIEF, 2 },
		{ "per_1000_lo", 0, 2 },
		{ "per_1000_hi", 0, 2 },
		{ "small", IVP__COL_BRIEF, 0 },
		{ "ratio_all", 0, 4 },
		{ "ratio_all_lo", 0, 4 },
		{ "ratio_all_hi", 0, 4 },
		{ "vs_all", 0, 0 },
		{ "provisional", 0, 0 },
		{ "from_buurten", 0, 0 },
		{ "import", 0, 0 },
		{ "population_import", 0, 0 },
		{ "funnel", IVP__COL_BRIEF, 0 },
		{ "z", 0, 3 },
		{ "limit95_lo", 0, 2 },
		{ "limit95_hi", 0, 2 },
		{ "limit998_lo", 0, 2 },
		{ "limit998_hi", 0, 2 },
		{ "population_year", 0, 0 },
		{ "population_from_buurten", 0, 0 },
		{ "own", 0, 0 },
	};
	int i;

	for (i = 0; i < R_NCOLS; i++)
		if (ivp__table_col(t, cols[i].name, cols[i].flags, cols[i].dec) < 0)
			return IVP_ENOMEM;
	return IVP_OK;
}

/* The texts of this file are the catalogue's (include/ivp/messages_lib.def),
 * looked up by their English text. */
#define L(lang, en) ivp_msg_tr((lang), (en))

/* Kept here rather than in the catalogue: a text with a bare "%" is no
 * printf format, and the catalogue's check (tests/unit/test_i18n.c) reads
 * every entry as one. */
static const char *funnel_words(int side, const char *lang)
{
	static const char *const en[5] = { "below the 99.8% limit", "below the 95% limit",
					   "within the limits", "above the 95% limit",
					   "above the 99.8% limit" };
	static const char *const nl[5] = { "onder de 99,8%-grens", "onder de 95%-grens",
					   "binnen de grenzen", "boven de 95%-grens",
					   "boven de 99,8%-grens" };

	return (!strcmp(lang, "nl") ? nl : en)[side + 2];
}

static const char *class_words(int cls, const char *lang)
{
	return L(lang, cls == 1 ? "too few inhabitants for a rate" : "no population");
}

/* The wijken of l[from..) without a population of their own: the sum of
 * their buurten (b, the buurten of the same pass) when every one has one. */
static void wijk_populations(rlist *l, int from, const rlist *b)
{
	int i, j;

	for (i = from; i < l->n; i++) {
		ritem *w = &l->v[i];
		int64_t sum = 0;
		int nb = 0, all = 1;

		if (w->has_pop || strlen(w->code) != 8)
			continue;
		for (j = 0; j < b->n; j++) {
			const ritem *u = &b->v[j];

			/* BU GGGG WW BB lies in WK GGGG WW */
			if (strlen(u->code) != 10 || strncmp(u->code + 2, w->code + 2, 6))
				continue;
			nb++;
			all &= u->has_pop;
			sum += u->pop;
		}
		if (nb && all && sum > 0) {
			w->has_pop = 1;
			w->pop = sum;
			w->pop_rolled = 1;
			w->pop_import = 0;
		}
	}
}

typedef struct rpass {
	const char *level, *group;
	int year, pop_year;
	ivp__type_count *tc;
	int nc;
} rpass;

/* The areas of p->level inside `area` appended to l (own: inside q->under). */
static ivp_rc one_pass(ivp_ctx *ctx, rlist *l, const char *area, int own, const rpass *p)
{
	char code[16], name[256];
	rlist b;
	int from = l->n;
	ivp_rc rc;

	if ((rc = ivp__stats_area(ctx, area, code, name)))
		return rc;
	l->own = own;
	if ((rc = ivp__store_level_years(ctx, code, p->level, p->year, p->pop_year, p->group, p->tc,
					 p->nc, area_cb, l)))
		return rc;
	if (strcmp(p->level, "WK"))
		return IVP_OK;
	memset(&b, 0, sizeof(b));
	rc = ivp__store_level_years(ctx, code, "BU", p->year, p->pop_year, p->group, p->tc, p->nc,
				    area_cb, &b);
	if (!rc)
		wijk_populations(l, from, &b);
	free(b.v);
	return rc;
}

static int by_code(const void *a, const void *b)
{
	const ritem *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	return c ? c : y->own - x->own; /* own first */
}

/* One row per area when reference areas overlap q->under or each other. */
static void dedupe(rlist *l)
{
	int i, k;

	if (l->n < 2)
		return;
	qsort(l->v, (size_t)l->n, sizeof(*l->v), by_code);
	for (i = k = 1; i < l->n; i++)
		if (strcmp(l->v[i].code, l->v[k - 1].code))
			l->v[k++] = l->v[i];
	l->n = k;
}

typedef struct rstate {
	int64_t small, minpop, all_count, all_pop;
	int ranked, nodata, nsmall, nrolled, flagged95, flagged998, poisson_flagged, fitted;
	double conf;
	ivp__funnel f;
} rstate;

/* counts, classes and rates; then the funnel over the ranked areas */
static ivp_rc classify(ivp_ctx *ctx, rlist *l, const ivp_ranking_query *q, const char *level,
		       const ivp__indicator_def *d, ivp__type_count *tc, int nc, rstate *st)
{
	int64_t *cnt;
	double *pop;
	int i, k;
	ivp_rc rc;

	for (i = 0; i < l->n; i++) {
		ritem *it = &l->v[i];

		it->rate = NAN;
		/* a wijk without its own figure: the sum of its buurten, if complete */
		if (!it->complete && !strcmp(level, "WK")) {
			if ((rc = ivp__stats_area_counts(ctx, it->code, q->year, tc, nc, &it->rolled)))
				return rc;
			sum_types(it, tc, nc);
		}
		if (!it->complete) {
			it->count = -1; /* left out */
			st->nodata++;
			continue;
		}
		st->nrolled += it->pop_rolled;
		if (!it->has_pop) {
			it->cls = 2;
		} else if (it->pop < st->minpop) {
			it->cls = 1;
			st->nsmall++;
		} else {
			it->rate = ivp__rate(it->count, (double)it->pop, d->per);
			st->all_count += it->count;
			st->all_pop += it->pop;
			st->ranked++;
		}
	}
	/* the areas with a count first, in rank order */
	for (i = k = 0; i < l->n; i++)
		if (l->v[i].count >= 0)
			l->v[k++] = l->v[i];
	l->n = k;
	if (l->n > 1) /* qsort of NULL, 0 is undefined */
		qsort(l->v, (size_t)l->n, sizeof(*l->v), by_rate);
	if (st->ranked < 2 || st->all_count <= 0)
		return IVP_OK;
	cnt = malloc((size_t)st->ranked * sizeof(*cnt));
	pop = malloc((size_t)st->ranked * sizeof(*pop));
	if (!cnt || !pop) {
		free(cnt);
		free(pop);
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	for (i = 0; i < st->ranked; i++) { /* the ranked areas come first */
		cnt[i] = l->v[i].count;
		pop[i] = (double)l->v[i].pop;
	}
	st->fitted = !ivp__funnel_fit(cnt, pop, st->ranked, IVP__FUNNEL_WINSOR, &st->f);
	free(cnt);
	free(pop);
	if (!st->fitted)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory"); /* the inputs were checked */
	return IVP_OK;
}

/* one row of the table */
static int put_row(ivp_table *t, const ritem *it, int rank, const ivp__indicator_def *d,
		   int pop_year, const char *lang, rstate *st)
{
	ivp__interval ci = { NAN, NAN }, rr = { NAN, NAN };
	double ratio = NAN, z = NAN, l95[2] = { NAN, NAN }, l998[2] = { NAN, NAN };
	const char *vs, *fw;

	if (!it->cls) {
		ci = ivp__rate_interval(it->count, (double)it->pop, d->per, st->conf);
		ratio = ivp__rate_ratio(it->count, (double)it->pop, st->all_count, (double)st->all_pop);
		rr = ivp__rate_ratio_interval(it->count, (double)it->pop, st->all_count,
					      (double)st->all_pop, st->conf);
		vs = ivp__verdict_words(ivp__verdict_of(rr), 0, lang);
		st->poisson_flagged += ivp__verdict_of(rr) == IVP__VERDICT_RISE ||
				       ivp__verdict_of(rr) == IVP__VERDICT_FALL;
		if (st->fitted) {
			int side;

			z = ivp__funnel_z(&st->f, it->count, (double)it->pop);
			side = ivp__funnel_side(z, 0.95, 0.998);
			st->flagged95 += side != 0;
			st->flagged998 += side == 2 || side == -2;
			ivp__funnel_limits(&st->f, (double)it->pop, 0.95, &l95[0], &l95[1]);
			ivp__funnel_limits(&st->f, (double)it->pop, 0.998, &l998[0], &l998[1]);
			fw = funnel_words(side, lang);
		} else {
			fw = L(lang, "no comparison");
		}
	} else {
		vs = fw = class_words(it->cls, lang);
	}
	return ivp__table_row(t) < 0 || (!it->cls ? ivp__table_set_int(t, R_RANK, rank) : 0) ||
	       ivp__table_set_text(t, R_CODE, it->code) || ivp__table_set_text(t, R_NAME, it->name) ||
	       ivp__table_set_int(t, R_COUNT, it->count) ||
	       (it->has_pop ? ivp__table_set_int(t, R_POP, it->pop) : 0) ||
	       ivp__table_set_real(t, R_RATE, it->rate) || ivp__table_set_real(t, R_LO, ci.lo) ||
	       ivp__table_set_real(t, R_HI, ci.hi) ||
	       ivp__table_set_text(t, R_SMALL,
				   it->count < st->small ? L(lang, "small") : NULL) ||
	       ivp__table_set_real(t, R_RATIO, ratio) || ivp__table_set_real(t, R_RLO, rr.lo) ||
	       (isinf(rr.hi) ? ivp__table_set_text(t, R_RHI, "inf") : ivp__table_set_real(t, R_RHI, rr.hi)) ||
	       ivp__table_set_text(t, R_VS, vs) || ivp__table_set_int(t, R_PROV, it->provisional) ||
	       ivp__table_set_int(t, R_ROLLED, it->rolled) ||
	       ivp__table_set_int(t, R_IMPORT, it->import_id) ||
	       (it->has_pop && !it->pop_rolled ? ivp__table_set_int(t, R_POP_IMPORT, it->pop_import) : 0) ||
	       ivp__table_set_text(t, R_FUNNEL, fw) || ivp__table_set_real(t, R_Z, z) ||
	       ivp__table_set_real(t, R_L95LO, l95[0] * d->per) ||
	       ivp__table_set_real(t, R_L95HI, l95[1] * d->per) ||
	       ivp__table_set_real(t, R_L998LO, l998[0] * d->per) ||
	       ivp__table_set_real(t, R_L998HI, l998[1] * d->per) ||
	       (it->has_pop ? ivp__table_set_int(t, R_POP_YEAR, pop_year) : 0) ||
	       ivp__table_set_int(t, R_POP_ROLLED, it->pop_rolled) ||
	       ivp__table_set_int(t, R_OWN, it->own);
}

/* The numbers of the notes the way the reader writes them (1.000; 25,15 in
 * Dutch, 1,000; 25.15 in English: src/core/numbers.c); years stay bare.
 * A note's numbers each get one of these buffers. */
typedef char numbuf[32];

static const char *num(const char *lang, double v, int dec, numbuf b)
{
	ivp_format_number(lang, v, dec, b, sizeof(numbuf));
	return b;
}

/* v with three significant digits (the estimated tau2), as %.3g would but
 * in the reader's decimal sign and never in exponent form. */
static const char *sig3(const char *lang, double v, numbuf b)
{
	int dec = 0;

	if (v != 0 && isfinite(v))
		dec = 2 - (int)floor(log10(fabs(v)));
	return num(lang, v, dec < 0 ? 0 : dec > 12 ? 12 :
						     dec,
		   b);
}

/* The first two notes: what was ranked on what, and the funnel's limits. */
static int put_head_notes(ivp_table *t, const ivp_ranking_query *q, const char *under,
			  const char *uname, const char *level, int n, int pop_year,
			  const ivp__indicator_def *d, const rstate *st, const char *lang)
{
	numbuf b1, b2, b3, b4, b5;
	int bu = !strcmp(level, "BU"), wk = !strcmp(level, "WK");

	return ivp__table_note(t, L(lang, "%s: %s (%s), %s %s, %d; %s %s version %d (%s)"), under, uname, level,
			       num(lang, n, 0, b1),
			       bu ? (n == 1 ? "buurt" : "buurten") :
			       wk ? (n == 1 ? "wijk" : "wijken") :
				    (n == 1 ? "gemeente" : "gemeenten"),
			       q->year, !strcmp(lang, "nl") ? d->name_nl : d->name_en, d->key, d->version,
			       L(lang, d->classification)) ||
	       ivp__table_note(t, L(lang, "ranked on the rate per %s inhabitants on 1 January %d; %.0f%% intervals exact (Poisson; ratios exact conditional)"),
			       num(lang, d->per, 0, b1), pop_year, st->conf * 100) ||
	       (pop_year != q->year &&
		ivp__table_note(t, L(lang, "population of 1 January %d, not of %d: chosen explicitly as the population year of the %d counts"),
				pop_year, q->year, q->year)) ||
	       (st->fitted &&
		ivp__table_note(t, L(lang, "funnel: each area against the pooled rate of the %s ranked areas (%s per %s), with the variation between areas the data show (tau2 %s on the square-root scale, additive random effects; docs/ranking.md); by chance alone 1 area in 20 lies beyond the 95%% limits and 1 in 500 beyond the 99.8%% limits"),
				num(lang, st->ranked, 0, b1), num(lang, st->f.theta * d->per, 2, b2),
				num(lang, d->per, 0, b3), sig3(lang, st->f.tau2, b4))) ||
	       (st->fitted &&
		ivp__table_note(t, L(lang, "beyond the funnel's limits: %s of %s beyond 95%%, %s beyond 99.8%%; an exact Poisson test against all of them together (vs_all) calls %s different"),
				num(lang, st->flagged95, 0, b1), num(lang, st->ranked, 0, b2),
				num(lang, st->flagged998, 0, b3), num(lang, st->poisson_flagged, 0, b5)));
}

static int put_notes(ivp_table *t, const ivp_ranking_query *q, const char *under,
		     const char *uname, const char *level, int n, int pop_year,
		     const ivp__indicator_def *d, const rstate *st, const char *lang)
{
	int nopop = n - st->ranked - st->nsmall;
	numbuf b1, b2, b3;

	return put_head_notes(t, q, under, uname, level, n, pop_year, d, st, lang) ||
	       ivp__table_note(t, L(lang, "vs_all: each area against all %s ranked areas together (%s on %s inhabitants), exact Poisson without the variation between areas: for comparison only, the funnel column says which areas stand out"),
			       num(lang, st->ranked, 0, b1), num(lang, (double)st->all_count, 0, b2),
			       num(lang, (double)st->all_pop, 0, b3)) ||
	       ivp__table_note(t, L(lang, "counts below %s flagged small: their place in the ranking is mostly chance"),
			       num(lang, (double)st->small, 0, b1)) ||
	       (st->nsmall &&
		ivp__table_note(t, ivp_msg_trn(lang, "%s area has fewer than %s inhabitants: listed by count, without a rate or rank (too few inhabitants for a rate)", "%s areas have fewer than %s inhabitants: listed by count, without a rate or rank (too few inhabitants for a rate)", st->nsmall),
				num(lang, st->nsmall, 0, b1), num(lang, (double)st->minpop, 0, b2))) ||
	       (st->nrolled &&
		ivp__table_note(t, ivp_msg_trn(lang, "%s wijk has no population of its own for 1 January %d: the sum of its buurten (population_from_buurten)", "%s wijken have no population of their own for 1 January %d: the sum of their buurten (population_from_buurten)", st->nrolled),
				num(lang, st->nrolled, 0, b1), pop_year)) ||
	       (st->nodata && ivp__table_note(t, ivp_msg_trn(lang, "%s area has no figure for %d and is left out", "%s areas have no figure for %d and are left out", st->nodata),
					      num(lang, st->nodata, 0, b1), q->year)) ||
	       (nopop > 0 &&
		ivp__table_note(t, ivp_msg_trn(lang, "%s area has a count but no population for 1 January %d: listed last, without a rank; import that population (CBS Kerncijfers wijken en buurten, or a population list of %d) or choose a nearby population year explicitly", "%s areas have a count but no population for 1 January %d: listed last, without a rank; import that population (CBS Kerncijfers wijken en buurten, or a population list of %d) or choose a nearby population year explicitly", nopop),
				num(lang, nopop, 0, b1), pop_year, pop_year));
}

static ivp_rc ranking(ivp_ctx *ctx, const ivp_ranking_query *q, ivp_table **out)
{
	const char *lang, *level, *key;
	char under[16], uname[256], codes[IVP__MAX_CODES][16];
	ivp__type_count tc[IVP__MAX_CODES];
	const ivp__indicator_def *d;
	dpick pick;
	rlist l;
	rpass p;
	rstate st;
	ivp_table *t = NULL;
	int nc, i, k, pop_year;
	ivp_rc rc;

	*out = NULL;
	if (!q || !q->under || !q->year) {
		ivp__fail(ctx, IVP_EINPUT, "a ranking needs an area and a year");
		ivp__code(ctx, "missing_option");
		ivp__option(ctx, !q || !q->under ? "area" : "year");
		ivp__hint(ctx, "Give the area (a code such as GM1926) and the year (YYYY).");
		return IVP_EINPUT;
	}
	lang = q->lang && !strcmp(q->lang, "nl") ? "nl" : "en";
	level = q->level ? q->level : "BU";
	key = q->indicator ? q->indicator : "totaal";
	pop_year = q->population_year ? q->population_year : q->year;
	memset(&st, 0, sizeof(st));
	st.small = q->small_threshold >= 0 ? q->small_threshold : IVP_SMALL_THRESHOLD_DEFAULT;
	st.minpop = q->min_population > 0 ? q->min_population : IVP_MIN_POPULATION_DEFAULT;
	st.conf = q->level_conf > 0 ? q->level_conf : 0.95;
	if (strcmp(level, "BU") && strcmp(level, "WK") && strcmp(level, "GM")) {
		ivp__fail(ctx, IVP_EINPUT, "cannot rank areas of level \"%s\"", level);
		ivp__code(ctx, "bad_level");
		ivp__hint(ctx, "Rank buurten (BU), wijken (WK) or gemeenten (GM).");
		return IVP_EINPUT;
	}
	if (q->nreference < 0 || (q->nreference && !q->reference)) {
		ivp__fail(ctx, IVP_EINPUT, "a list of %d reference areas without the areas", q->nreference);
		ivp__code(ctx, "bad_option");
		return IVP_EINPUT;
	}
	if ((rc = ivp__stats_area(ctx, q->under, under, uname)))
		return rc;
	memset(&pick, 0, sizeof(pick));
	pick.key = key;
	if ((rc = ivp__store_defs_list(ctx, 1, def_cb, &pick)))
		return rc;
	if (!pick.has_police && !pick.has_cbs) {
		ivp__fail(ctx, IVP_ENOTFOUND, "unknown indicator \"%s\"", key);
		ivp__code(ctx, "unknown_indicator");
		ivp__hint(ctx, "ivp definitions lists the indicators; single codes such as 1.1.1 exist once their code list is imported.");
		return IVP_ENOTFOUND;
	}
	d = pick.has_police ? &pick.police : &pick.cbs;
	nc = ivp__stats_split_codes(d->codes, codes);
	for (k = 0; k < nc; k++)
		tc[k].code = codes[k];

	memset(&l, 0, sizeof(l));
	p = (rpass){ level, d->population_group[0] ? d->population_group : "total", q->year, pop_year, tc, nc };
	if ((rc = one_pass(ctx, &l, under, 1, &p)))
		goto fail;
	for (i = 0; i < q->nreference; i++)
		if ((rc = one_pass(ctx, &l, q->reference[i], 0, &p)))
			goto fail;
	if (q->nreference)
		dedupe(&l);
	if ((rc = classify(ctx, &l, q, level, d, tc, nc, &st)))
		goto fail;

	if (!(t = ivp__table_new()) || make_table(t))
		goto oom;
	for (i = 0; i < l.n; i++)
		if (put_row(t, &l.v[i], i + 1, d, pop_year, lang, &st))
			goto oom;
	if (put_notes(t, q, under, uname, level, l.n, pop_year, d, &st, lang))
		goto oom;
	free(l.v);
	*out = t;
	return IVP_OK;
oom:
	free(l.v);
	ivp_table_free(t);
	return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
fail:
	free(l.v);
	return rc;
}

ivp_rc ivp_ranking(ivp_ctx *ctx, const ivp_ranking_query *q, ivp_table **out)
{
	int opened;
	ivp_rc rc;

	*out = NULL;
	if (!ctx)
		return IVP_EINPUT;
	if ((rc = ivp__store_read_begin(ctx, &opened)))
		return rc;
	rc = ranking(ctx, q, out);
	ivp__store_read_end(ctx, opened);
	return rc;
}
