/*
 * ranking.c — the areas of one level inside an area (the buurten of a
 * gemeente, the wijken of a gemeente, every buurt of the country) ranked
 * on one indicator.
 *
 * One definition for all areas: the police-code version in force (the
 * CBS classification exists only for gemeenten, and a ranking that mixed
 * classifications would compare different things); the CBS version only
 * when the indicator has no police version. Each area gets its count,
 * population on 1 January, rate with its exact interval, the small-count
 * flag, and the rate ratio against all ranked areas together with its
 * exact conditional interval and the words that follow from it — so a
 * reader sees which top places stand out from the noise and which do not.
 * Areas with a count but no population come after the ranked ones; areas
 * without a count are left out and counted in a note.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "stats/engine.h"
#include "stats/poisson.h"
#include "store/store.h"

typedef struct ritem {
	char code[16];
	char name[96];
	int64_t count, pop;
	int has_pop, provisional, rolled;
	int complete; /* every code of the indicator has a figure */
	int64_t import_id, pop_import;
	double rate;
} ritem;

typedef struct rlist {
	ritem *v;
	int n, cap;
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
		{ "vs_all", IVP__COL_BRIEF, 0 },
		{ "provisional", 0, 0 },
		{ "from_buurten", 0, 0 },
		{ "import", 0, 0 },
		{ "population_import", 0, 0 },
	};
	int i;

	for (i = 0; i < R_NCOLS; i++)
		if (ivp__table_col(t, cols[i].name, cols[i].flags, cols[i].dec) < 0)
			return IVP_ENOMEM;
	return IVP_OK;
}

static ivp_rc ranking(ivp_ctx *ctx, const ivp_ranking_query *q, ivp_table **out)
{
	const char *lang, *level, *key;
	char under[16], uname[256], codes[IVP__MAX_CODES][16];
	ivp__type_count tc[IVP__MAX_CODES];
	const ivp__indicator_def *d;
	dpick pick;
	rlist l;
	ivp_table *t = NULL;
	int nc, i, k, nodata = 0, ranked = 0;
	int64_t small, all_count = 0, all_pop = 0;
	double conf;
	ivp_rc rc;

	*out = NULL;
	if (!q || !q->under || !q->year) {
		ivp__fail(ctx, IVP_EINPUT, "a ranking needs an area and a year");
		ivp__code(ctx, "missing_option");
		ivp__hint(ctx, "Give --area CODE and --year YYYY.");
		return IVP_EINPUT;
	}
	lang = q->lang && !strcmp(q->lang, "nl") ? "nl" : "en";
	level = q->level ? q->level : "BU";
	key = q->indicator ? q->indicator : "totaal";
	small = q->small_threshold >= 0 ? q->small_threshold : IVP_SMALL_THRESHOLD_DEFAULT;
	conf = q->level_conf > 0 ? q->level_conf : 0.95;
	if (strcmp(level, "BU") && strcmp(level, "WK") && strcmp(level, "GM")) {
		ivp__fail(ctx, IVP_EINPUT, "cannot rank areas of level \"%s\"", level);
		ivp__code(ctx, "bad_level");
		ivp__hint(ctx, "Rank buurten (BU), wijken (WK) or gemeenten (GM).");
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
	if ((rc = ivp__store_level_years(ctx, under, level, q->year,
					 d->population_group[0] ? d->population_group : "total",
					 tc, nc, area_cb, &l)))
		goto fail;
	for (i = 0; i < l.n; i++) {
		ritem *it = &l.v[i];

		it->rate = NAN;
		/* a wijk without its own figure: the sum of its buurten, if complete */
		if (!it->complete && !strcmp(level, "WK")) {
			if ((rc = ivp__stats_area_counts(ctx, it->code, q->year, tc, nc,
							 &it->rolled)))
				goto fail;
			sum_types(it, tc, nc);
		}
		if (!it->complete) {
			it->count = -1; /* left out */
			nodata++;
			continue;
		}
		if (it->has_pop) {
			it->rate = ivp__rate(it->count, (double)it->pop, d->per);
			all_count += it->count;
			all_pop += it->pop;
			ranked++;
		}
	}
	/* the areas with a count first, in rank order */
	for (i = k = 0; i < l.n; i++)
		if (l.v[i].count >= 0)
			l.v[k++] = l.v[i];
	l.n = k;
	qsort(l.v, (size_t)l.n, sizeof(*l.v), by_rate);

	if (!(t = ivp__table_new()) || make_table(t))
		goto oom;
	for (i = 0; i < l.n; i++) {
		const ritem *it = &l.v[i];
		ivp__interval ci = { NAN, NAN }, rr = { NAN, NAN };
		double ratio = NAN;
		const char *vs;

		if (it->has_pop) {
			ci = ivp__rate_interval(it->count, (double)it->pop, d->per, conf);
			ratio = ivp__rate_ratio(it->count, (double)it->pop, all_count, (double)all_pop);
			rr = ivp__rate_ratio_interval(it->count, (double)it->pop, all_count,
						      (double)all_pop, conf);
			vs = ivp__verdict_words(ivp__verdict_of(rr), 0, lang);
		} else {
			vs = !strcmp(lang, "nl") ? "geen bevolking" : "no population";
		}
		if (ivp__table_row(t) < 0 ||
		    (it->has_pop ? ivp__table_set_int(t, R_RANK, i + 1) : 0) ||
		    ivp__table_set_text(t, R_CODE, it->code) ||
		    ivp__table_set_text(t, R_NAME, it->name) ||
		    ivp__table_set_int(t, R_COUNT, it->count) ||
		    (it->has_pop ? ivp__table_set_int(t, R_POP, it->pop) : 0) ||
		    ivp__table_set_real(t, R_RATE, it->rate) ||
		    ivp__table_set_real(t, R_LO, ci.lo) ||
		    ivp__table_set_real(t, R_HI, ci.hi) ||
		    ivp__table_set_text(t, R_SMALL, it->count < small ? (!strcmp(lang, "nl") ? "klein" : "small") : NULL) ||
		    ivp__table_set_real(t, R_RATIO, ratio) ||
		    ivp__table_set_real(t, R_RLO, rr.lo) ||
		    (isinf(rr.hi) ? ivp__table_set_text(t, R_RHI, "inf") :
				    ivp__table_set_real(t, R_RHI, rr.hi)) ||
		    ivp__table_set_text(t, R_VS, vs) ||
		    ivp__table_set_int(t, R_PROV, it->provisional) ||
		    ivp__table_set_int(t, R_ROLLED, it->rolled) ||
		    ivp__table_set_int(t, R_IMPORT, it->import_id) ||
		    (it->has_pop ? ivp__table_set_int(t, R_POP_IMPORT, it->pop_import) : 0))
			goto oom;
	}
	if (ivp__table_note(t, "%s: %s (%s), %d %s, %d; %s %s version %d (%s)", under, uname,
			    level, l.n, !strcmp(level, "BU") ? "buurten" : !strcmp(level, "WK") ? "wijken" :
												  "gemeenten",
			    q->year, d->name_en, d->key, d->version,
			    d->classification) ||
	    ivp__table_note(t, "ranked on the rate per %d inhabitants on 1 January %d; %.0f%% intervals exact (Poisson; ratios exact conditional)",
			    d->per, q->year, conf * 100) ||
	    ivp__table_note(t, "vs_all: each area against all %d ranked areas together (%lld on %lld inhabitants); only 'significantly higher/lower' stands out from the noise",
			    ranked, (long long)all_count, (long long)all_pop) ||
	    ivp__table_note(t, "counts below %lld flagged small: their place in the ranking is mostly chance",
			    (long long)small) ||
	    (nodata && ivp__table_note(t, "%d areas have no figure for %d and are left out", nodata, q->year)) ||
	    (l.n > ranked && ivp__table_note(t, "%d areas have a count but no population for 1 January %d: listed last, without a rank; import that population (CBS Kerncijfers wijken en buurten, or a population list with --year %d)",
					     l.n - ranked, q->year, q->year)))
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
