/*
 * indicators.c — the indicator engine: counts, rates, trends, comparisons.
 *
 * For an area (or a sum of areas) and a year, each indicator definition in
 * force gives: the count (sum of its SoortMisdrijf codes), the rate per
 * 1,000 inhabitants on the population of 1 January of that year (CBS's
 * rule), the same for the previous year and an optional baseline year, the
 * rate ratios with exact 95% intervals (poisson.c) and the verdict words
 * that follow from those intervals, and the same machinery against every
 * comparison area.
 *
 * Rules kept here, in one place:
 *  - an indicator has a figure only when every one of its codes has data
 *    for every area of the set (a partial sum would understate it);
 *  - a yearly figure is the JJ00 row, or else the sum of all 12 months;
 *  - the CBS classification (83648NED) is used for an indicator when the
 *    area has CBS-coded data for the year; otherwise the police one;
 *  - counts below the small-cell threshold are flagged "small";
 *  - a missing figure says "no data" and which table to import.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/core.h"
#include "stats/poisson.h"
#include "stats/engine.h"
#include "store/store.h"

#define MAX_SET 20000

typedef struct aset {
	char (*codes)[16];
	int n;
	char label[128]; /* as the user wrote it */
	char name[300];	 /* display name ("the rest of Haaglanden") */
	/* a comparison set (cmp): what it is and what was left out */
	int gkind;	   /* IVP__GROUP_* (groups.c) */
	int year;	   /* the year its members are of (a size class changes) */
	int left_out;	   /* members of the main area left out: the rest of the set */
	char missing[160]; /* why the set has no members this year */
} aset;

static void aset_free(aset *a)
{
	free(a->codes);
	a->codes = NULL;
	a->n = 0;
}

static int aset_add(aset *a, const char *code)
{
	char(*c)[16];

	if (a->n >= MAX_SET)
		return -1;
	c = realloc(a->codes, (size_t)(a->n + 1) * sizeof(*c));
	if (!c)
		return -1;
	a->codes = c;
	snprintf(a->codes[a->n++], 16, "%s", code);
	return 0;
}

static int under_cb(void *ud, const char *const *cols, int n)
{
	return n > 0 && cols[0] ? aset_add(ud, cols[0]) : 0;
}

static ivp_rc unknown_area(ivp_ctx *ctx, const char *what)
{
	ivp__fail(ctx, IVP_ENOTFOUND, "unknown area \"%s\"", what);
	ivp__code(ctx, "unknown_area");
	ivp__detail(ctx, "No loaded code list has this code or name.");
	ivp__hint(ctx, "Use a code such as GM1926, NL01 or BU19260101 (ivp areas lists them), a sum such as GM0503+GM0518, or buurten:GM1926.");
	return IVP_ENOTFOUND;
}

/* One area: a code, or a name resolved through the code lists. */
ivp_rc ivp__stats_area(ivp_ctx *ctx, const char *s, char code[16], char name[256])
{
	char c[16];
	int amb = 0;
	ivp_rc rc;

	if (ivp__code_trim(s, strlen(s), c, sizeof(c)) > 0) {
		if (!strcmp(c, "NL00"))
			memcpy(c, "NL01", sizeof("NL01"));
		rc = ivp__store_area_get(ctx, c, name, NULL, NULL);
		if (rc == IVP_OK) {
			memcpy(code, c, sizeof(c)); /* both char[16] */
			return IVP_OK;
		}
		if (rc != IVP_ENOTFOUND)
			return rc;
	}
	rc = ivp__store_area_by_name(ctx, s, c, &amb);
	if (rc == IVP_ENOTFOUND)
		return unknown_area(ctx, s);
	if (rc)
		return rc;
	if (amb) {
		ivp__fail(ctx, IVP_EINPUT, "area name \"%s\" is ambiguous", s);
		ivp__code(ctx, "ambiguous_area");
		ivp__hint(ctx, "Use the area code (ivp areas lists them).");
		return IVP_EINPUT;
	}
	memcpy(code, c, sizeof(c));
	rc = ivp__store_area_get(ctx, c, name, NULL, NULL);
	return rc == IVP_ENOTFOUND ? unknown_area(ctx, s) : rc;
}

/*
 * Area spec: "GM1926", "Pijnacker-Nootdorp", "GM0503+GM0518" (a sum), or
 * "buurten:GM1926" / "wijken:GM1926" (the sum of all buurten / wijken in it).
 */
static ivp_rc aset_parse(ivp_ctx *ctx, const char *spec, aset *a)
{
	static const struct {
		const char *p;
		const char *level;
	} sums[] = {
		{ "buurten:", "BU" },
		{ "wijken:", "WK" },
		{ "gemeenten:", "GM" },
	};
	char code[16], name[256], part[128];
	const char *p = spec, *plus;
	size_t i;
	ivp_rc rc;

	memset(a, 0, sizeof(*a));
	snprintf(a->label, sizeof(a->label), "%s", spec);
	for (i = 0; i < sizeof(sums) / sizeof(sums[0]); i++) {
		size_t n = strlen(sums[i].p);

		if (!strncmp(spec, sums[i].p, n)) {
			if ((rc = ivp__stats_area(ctx, spec + n, code, name)))
				return rc;
			if ((rc = ivp__store_areas_under(ctx, code, sums[i].level, under_cb, a))) {
				if (a->n >= MAX_SET)
					rc = ivp__fail(ctx, IVP_EINPUT, "more than %d %.*s in %s",
						       MAX_SET, (int)(n - 1), sums[i].p, code);
				aset_free(a);
				return rc;
			}
			if (!a->n) {
				ivp__fail(ctx, IVP_ENOTFOUND, "no %s under %s", sums[i].p, code);
				ivp__code(ctx, "no_areas_under");
				ivp__hint(ctx, "Import the WijkenEnBuurten code list for this gemeente.");
				return IVP_ENOTFOUND;
			}
			snprintf(a->name, sizeof(a->name), "sum of %d %.*s in %s", a->n,
				 (int)(n - 1), sums[i].p, name);
			return IVP_OK;
		}
	}
	for (;;) {
		plus = strchr(p, '+');
		snprintf(part, sizeof(part), "%.*s", (int)(plus ? (size_t)(plus - p) : strlen(p)), p);
		if ((rc = ivp__stats_area(ctx, part, code, name))) {
			aset_free(a);
			return rc;
		}
		if (aset_add(a, code)) {
			aset_free(a);
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		}
		if (a->n == 1)
			snprintf(a->name, sizeof(a->name), "%s", name);
		if (!plus)
			break;
		p = plus + 1;
	}
	if (a->n > 1)
		snprintf(a->name, sizeof(a->name), "sum of %s", spec);
	return IVP_OK;
}

/* ---- comparison sets: groups, and the rest of a set the area is in ------------ */

/*
 * The comparison set of spec for year: a group's members (groups.c) or an
 * area spec, without the main area's own codes — an area inside a group
 * is compared with the rest of it (both counts and populations), as the
 * rate-ratio test needs two disjoint sets. A set that is the main area
 * itself, or nothing but it, is refused.
 */
static ivp_rc cmp_resolve(ivp_ctx *ctx, const aset *main, const ivp__map *mainset,
			  const char *spec, int year, const char *lang, aset *a)
{
	ivp__group_info gi;
	int i, k, nl = !strcmp(lang, "nl");
	ivp_rc rc;

	aset_free(a);
	memset(a, 0, sizeof(*a));
	snprintf(a->label, sizeof(a->label), "%s", spec);
	a->year = year;
	rc = ivp__stats_group(ctx, spec, main->n == 1 ? main->codes[0] : NULL, year, lang, &gi,
			      under_cb, a);
	if (rc) {
		if (rc == IVP_ENOMEM || a->n >= MAX_SET)
			rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		aset_free(a);
		return rc;
	}
	snprintf(a->label, sizeof(a->label), "%s", spec);
	a->gkind = gi.kind;
	if (gi.kind == IVP__GROUP_NONE) {
		if ((rc = aset_parse(ctx, spec, a)))
			return rc;
	} else {
		snprintf(a->name, sizeof(a->name), "%s", gi.title);
		snprintf(a->missing, sizeof(a->missing), "%s", gi.missing);
	}
	for (i = k = 0; i < a->n; i++) {
		if (ivp__map_get(mainset, a->codes[i]))
			a->left_out++;
		else
			memmove(a->codes[k++], a->codes[i], sizeof(a->codes[i]));
	}
	a->n = k;
	if (a->left_out && !a->n) {
		aset_free(a);
		ivp__fail(ctx, IVP_EINPUT, "cannot compare %s with itself", main->label);
		ivp__code(ctx, "self_comparison");
		ivp__detail(ctx, "The comparison \"%s\" consists of nothing but the area itself.", spec);
		ivp__hint(ctx, "Compare with another area or a group with other members (e.g. NL01, regio or grootteklasse).");
		return IVP_EINPUT;
	}
	if (a->left_out) {
		char title[300];

		snprintf(title, sizeof(title), "%s", a->gkind == IVP__GROUP_NONE ? spec : a->name);
		snprintf(a->name, sizeof(a->name),
			 nl ? (a->gkind == IVP__GROUP_SIZECLASS ? "de rest van de %s" : "de rest van %s") :
			      (a->gkind == IVP__GROUP_SIZECLASS ? "the rest of the %s" : "the rest of %s"),
			 title);
	}
	return IVP_OK;
}

/* ---- measuring one indicator for one area set and year --------------------- */

typedef struct meas {
	int has; /* count known */
	int64_t count;
	int has_pop;
	int64_t pop;
	int provisional;
	int from_months;
	int from_buurten;  /* a wijk figure summed from its buurten */
	int64_t import_id; /* newest import behind the count */
	int64_t pop_import;
	char missing[64]; /* first area/code without data */
} meas;

int ivp__stats_split_codes(const char *codes, char out[IVP__MAX_CODES][16])
{
	int n = 0;
	const char *p = codes;

	while (*p && n < IVP__MAX_CODES) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		snprintf(out[n++], 16, "%.*s", (int)len, p);
		if (!e)
			break;
		p = e + 1;
	}
	return n;
}

/*
 * Counts of one area for the codes; a wijk without its own figure for a
 * code takes the sum of its buurten when every buurt has one (47018NED
 * publishes both levels; a wijk built from buurten is marked).
 */
ivp_rc ivp__stats_area_counts(ivp_ctx *ctx, const char *area, int year,
			      ivp__type_count *tc, int nc, int *rolled)
{
	char level[4] = "";
	aset kids;
	ivp__type_count sub[IVP__MAX_CODES];
	int k, i, missing = 0;
	ivp_rc rc;

	if ((rc = ivp__store_year_counts(ctx, area, year, tc, nc)))
		return rc;
	for (k = 0; k < nc; k++)
		missing += !tc[k].has;
	if (!missing)
		return IVP_OK;
	rc = ivp__store_area_get(ctx, area, NULL, level, NULL);
	if (rc == IVP_ENOTFOUND || (!rc && strcmp(level, "WK")))
		return IVP_OK;
	if (rc)
		return rc;
	memset(&kids, 0, sizeof(kids));
	if ((rc = ivp__store_areas_under(ctx, area, "BU", under_cb, &kids))) {
		aset_free(&kids);
		return rc;
	}
	for (k = 0; k < nc; k++) {
		if (tc[k].has || !kids.n)
			continue;
		sub[0].code = tc[k].code;
		tc[k].count = 0;
		tc[k].has = 1;
		for (i = 0; i < kids.n && tc[k].has; i++) {
			if ((rc = ivp__store_year_counts(ctx, kids.codes[i], year, sub, 1))) {
				aset_free(&kids);
				return rc;
			}
			tc[k].has = sub[0].has;
			tc[k].count += sub[0].count;
			tc[k].provisional |= sub[0].provisional;
			if (sub[0].import_id > tc[k].import_id)
				tc[k].import_id = sub[0].import_id;
		}
		if (tc[k].has)
			*rolled = 1;
		else
			tc[k].count = 0;
	}
	aset_free(&kids);
	return IVP_OK;
}

static ivp_rc measure(ivp_ctx *ctx, const aset *a, const ivp__indicator_def *d,
		      int year, meas *m)
{
	char codes[IVP__MAX_CODES][16];
	ivp__type_count tc[IVP__MAX_CODES];
	int nc = ivp__stats_split_codes(d->codes, codes), i, k;

	memset(m, 0, sizeof(*m));
	m->has = m->has_pop = a->n > 0; /* a size class without members this year */
	if (!a->n)
		snprintf(m->missing, sizeof(m->missing), "%.63s", a->missing);
	for (k = 0; k < nc; k++)
		tc[k].code = codes[k];
	for (i = 0; i < a->n; i++) {
		int64_t pc = 0, pi = 0;
		ivp_rc rc = ivp__stats_area_counts(ctx, a->codes[i], year, tc, nc, &m->from_buurten);

		if (rc)
			return rc;
		for (k = 0; k < nc; k++) {
			if (!tc[k].has) {
				if (m->has)
					snprintf(m->missing, sizeof(m->missing), "%s %s",
						 a->codes[i], codes[k]);
				m->has = 0;
				continue;
			}
			m->count += tc[k].count;
			m->provisional |= tc[k].provisional;
			m->from_months |= tc[k].from_months;
			if (tc[k].import_id > m->import_id)
				m->import_id = tc[k].import_id;
		}
		rc = ivp__store_population(ctx, a->codes[i], year,
					   d->population_group[0] ? d->population_group : "total",
					   &pc, &pi);
		if (rc && rc != IVP_ENOTFOUND)
			return rc;
		if (rc) {
			m->has_pop = 0;
		} else {
			m->pop += pc;
			if (pi > m->pop_import)
				m->pop_import = pi;
		}
	}
	if (!m->has)
		m->count = 0;
	if (!m->has_pop || m->pop <= 0) {
		m->has_pop = 0;
		m->pop = 0;
	}
	return IVP_OK;
}

/* ---- the definitions in force ---------------------------------------------- */

typedef struct defs {
	ivp__indicator_def *d;
	int n;
} defs;

static int collect(void *ud, const ivp__indicator_def *d)
{
	defs *ds = ud;
	ivp__indicator_def *p = realloc(ds->d, (size_t)(ds->n + 1) * sizeof(*p));

	if (!p)
		return -1;
	ds->d = p;
	ds->d[ds->n++] = *d;
	return 0;
}

ivp_rc ivp_definitions(ivp_ctx *ctx, ivp_table **out)
{
	defs ds = { NULL, 0 };
	ivp_table *t;
	int i;
	ivp_rc rc;

	*out = NULL;
	if ((rc = ivp__store_defs_list(ctx, 0, collect, &ds))) {
		free(ds.d);
		return rc;
	}
	t = ivp__table_new();
	if (!t)
		goto oom;
	if (ivp__table_col(t, "key", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "version", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "classification", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "kind", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "name", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "name_en", 0, 0) < 0 ||
	    ivp__table_col(t, "codes", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "per", 0, 0) < 0 ||
	    ivp__table_col(t, "population_group", 0, 0) < 0 ||
	    ivp__table_col(t, "source_tables", 0, 0) < 0 ||
	    ivp__table_col(t, "note", 0, 0) < 0)
		goto oom;
	for (i = 0; i < ds.n; i++) {
		ivp__indicator_def *d = &ds.d[i];

		if (ivp__table_row(t) < 0 ||
		    ivp__table_set_text(t, 0, d->key) ||
		    ivp__table_set_int(t, 1, d->version) ||
		    ivp__table_set_text(t, 2, d->classification) ||
		    ivp__table_set_text(t, 3, d->kind) ||
		    ivp__table_set_text(t, 4, d->name_nl) ||
		    ivp__table_set_text(t, 5, d->name_en) ||
		    ivp__table_set_text(t, 6, d->codes) ||
		    ivp__table_set_int(t, 7, d->per) ||
		    ivp__table_set_text(t, 8, d->population_group) ||
		    ivp__table_set_text(t, 9, d->source_tables) ||
		    ivp__table_set_text(t, 10, d->note))
			goto oom;
	}
	free(ds.d);
	*out = t;
	return IVP_OK;
oom:
	free(ds.d);
	ivp_table_free(t);
	return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
}

ivp_rc ivp_definition_set(ivp_ctx *ctx, const char *key, const char *codes,
			  const char *note, int *version)
{
	defs all = { NULL, 0 };
	ivp__indicator_def nd;
	char list[IVP__MAX_CODES][16], clean[512] = "", obj[96];
	int i, n, found = -1;
	size_t o = 0;
	ivp_rc rc = IVP_OK;

	*version = 0;
	if ((rc = ivp__store_defs_list(ctx, 0, collect, &all))) {
		free(all.d);
		return rc;
	}
	for (i = 0; i < all.n; i++)
		if (!strcmp(all.d[i].key, key) && !strcmp(all.d[i].classification, "police") &&
		    (found < 0 || all.d[i].version > all.d[found].version))
			found = i;
	if (found < 0) {
		rc = ivp__fail(ctx, IVP_ENOTFOUND, "unknown indicator \"%s\"", key);
		ivp__code(ctx, "unknown_indicator");
		ivp__hint(ctx, "ivp definitions lists the keys (e.g. hic, bbv_geweld).");
		goto out;
	}
	if (!codes || !*codes || strlen(codes) >= sizeof(clean)) {
		rc = ivp__fail(ctx, IVP_EINPUT, "no codes given");
		ivp__code(ctx, "missing_option");
		ivp__option(ctx, "codes");
		ivp__hint(ctx, "Give the codes: SoortMisdrijf codes separated by commas, e.g. 1.1.1,1.4.6,1.4.7.");
		goto out;
	}
	n = ivp__stats_split_codes(codes, list);
	for (i = 0; i < n; i++) {
		char code[16];
		ivp_rc g;

		if (ivp__code_trim(list[i], strlen(list[i]), code, sizeof(code)) <= 0 ||
		    ivp__type_classification(code) != 1) {
			rc = ivp__fail(ctx, IVP_EINPUT, "\"%s\" is not a police SoortMisdrijf code", list[i]);
			ivp__code(ctx, "bad_type_code");
			ivp__hint(ctx, "Use codes such as 1.1.1 or 1.4.6.");
			goto out;
		}
		g = ivp__store_type_get(ctx, code, NULL);
		if (g && g != IVP_ENOTFOUND) {
			rc = g;
			goto out;
		}
		if (g == IVP_ENOTFOUND) {
			rc = ivp__fail(ctx, IVP_ENOTFOUND, "unknown crime type code \"%s\"", code);
			ivp__code(ctx, "unknown_type");
			ivp__hint(ctx, "Import the SoortMisdrijf code list first (ivp import codes …).");
			goto out;
		}
		o += (size_t)snprintf(clean + o, sizeof(clean) - o, "%s%s", i ? "," : "", code);
	}
	nd = all.d[found];
	nd.version++;
	snprintf(nd.codes, sizeof(nd.codes), "%s", clean);
	if (note && *note)
		snprintf(nd.note, sizeof(nd.note), "%s", note);
	snprintf(obj, sizeof(obj), "definition:%s", nd.key);
	if ((rc = ivp__store_begin(ctx)) || (rc = ivp__store_def_add(ctx, &nd)) ||
	    (rc = ivp__audit(ctx, "definition.set", obj, all.d[found].codes, nd.codes)) ||
	    (rc = ivp__store_commit(ctx))) {
		ivp__store_abort(ctx);
		goto out;
	}
	*version = nd.version;
out:
	free(all.d);
	return rc;
}

/* ---- the indicator table ------------------------------------------------------ */

enum {
	C_KEY,
	C_NAME,
	C_CLASS,
	C_VERSION,
	C_AREA,
	C_YEAR,
	C_COUNT,
	C_POP,
	C_RATE,
	C_RATE_LO,
	C_RATE_HI,
	C_SMALL,
	C_PREV_YEAR,
	C_PREV_COUNT,
	C_PREV_RATE,
	C_CHANGE,
	C_CH_RATIO,
	C_CH_LO,
	C_CH_HI,
	C_VERDICT,
	C_BASE_YEAR,
	C_BASE_COUNT,
	C_BASE_RATE,
	C_BASE_RATIO,
	C_BASE_LO,
	C_BASE_HI,
	C_BASE_VERDICT,
	C_PROVISIONAL,
	C_IMPORT,
	C_POP_IMPORT,
	C_UNIT,
	C_SOURCE,
	C_PERIOD,
	C_POP_SOURCE,
	C_POP_DATE,
	C_ROUNDED,
	C_BREAK,
	C_NOTE,
	C_FIXED
};

/* Per comparison set: area (as given), name, count, population, rate,
 * ratio, lo, hi, verdict. */
#define CMP_COLS 9

static const struct {
	const char *name;
	int brief;
	int dec;
} fixed_cols[C_FIXED] = {
	[C_KEY] = { "indicator", 0, 0 },
	[C_NAME] = { "name", 1, 0 },
	[C_CLASS] = { "classification", 0, 0 },
	[C_VERSION] = { "definition_version", 0, 0 },
	[C_AREA] = { "area", 0, 0 },
	[C_YEAR] = { "year", 0, 0 },
	[C_COUNT] = { "count", 1, 0 },
	[C_POP] = { "population", 0, 0 },
	[C_RATE] = { "per_1000", 1, 2 },
	[C_RATE_LO] = { "per_1000_lo", 0, 2 },
	[C_RATE_HI] = { "per_1000_hi", 0, 2 },
	[C_SMALL] = { "small", 0, 0 },
	[C_PREV_YEAR] = { "prev_year", 0, 0 },
	[C_PREV_COUNT] = { "prev_count", 1, 0 },
	[C_PREV_RATE] = { "prev_per_1000", 1, 2 },
	[C_CHANGE] = { "change", 1, 0 },
	[C_CH_RATIO] = { "change_ratio", 0, 4 },
	[C_CH_LO] = { "change_lo", 0, 4 },
	[C_CH_HI] = { "change_hi", 0, 4 },
	[C_VERDICT] = { "verdict", 1, 0 },
	[C_BASE_YEAR] = { "baseline_year", 0, 0 },
	[C_BASE_COUNT] = { "baseline_count", 0, 0 },
	[C_BASE_RATE] = { "baseline_per_1000", 0, 2 },
	[C_BASE_RATIO] = { "baseline_ratio", 0, 4 },
	[C_BASE_LO] = { "baseline_lo", 0, 4 },
	[C_BASE_HI] = { "baseline_hi", 0, 4 },
	[C_BASE_VERDICT] = { "baseline_verdict", 0, 0 },
	[C_PROVISIONAL] = { "provisional", 0, 0 },
	[C_IMPORT] = { "import", 0, 0 },
	[C_POP_IMPORT] = { "population_import", 0, 0 },
	[C_UNIT] = { "unit", 0, 0 },
	[C_SOURCE] = { "source", 0, 0 },
	[C_PERIOD] = { "period", 0, 0 },
	[C_POP_SOURCE] = { "population_source", 0, 0 },
	[C_POP_DATE] = { "population_date", 0, 0 },
	[C_ROUNDED] = { "rounded", 0, 0 },
	[C_BREAK] = { "classification_break", 0, 0 },
	[C_NOTE] = { "note", 2, 0 },
};

typedef struct q {
	ivp_ctx *ctx;
	const ivp_indicator_query *q;
	ivp_table *t;
	aset main;
	ivp__map mainset; /* the main area's codes (what a comparison leaves out) */
	aset *cmp;
	int ncmp;
	double level;
	int64_t small;
	const char *lang;
	int year;	/* the year being measured (q->year, or each year of a series) */
	int skip_empty; /* a series: no row for a year without a count */
	int fine;	/* the main area is (made of) wijken or buurten: -1 not known yet */
	int memo_year;	/* the main area's last measurement, reused as the next year's "prev" */
	char memo_codes[IVP__MAX_CODES * 16];
	char memo_group[32];
	meas memo;
} qstate;

/* measure() of the main area, remembering the last one (a series asks for year-1 next). */
static ivp_rc measure_main(qstate *s, const ivp__indicator_def *d, int year, meas *m)
{
	ivp_rc rc;

	if (s->memo_year == year && !strcmp(s->memo_codes, d->codes) &&
	    !strcmp(s->memo_group, d->population_group)) {
		*m = s->memo;
		return IVP_OK;
	}
	if ((rc = measure(s->ctx, &s->main, d, year, m)))
		return rc;
	s->memo_year = year;
	snprintf(s->memo_codes, sizeof(s->memo_codes), "%s", d->codes);
	snprintf(s->memo_group, sizeof(s->memo_group), "%s", d->population_group);
	s->memo = *m;
	return IVP_OK;
}

/* "+6.0% (-0.9% to +13.3%)"; in Dutch "+6,0% (-0,9% tot +13,3%)" */
static void change_text(double r, ivp__interval ci, int year, const char *lang, char *out,
			size_t n)
{
	char *p;

	if (isnan(r)) {
		out[0] = '\0';
		return;
	}
	if (isinf(r)) {
		snprintf(out, n, ivp_msg_tr(lang, "no ratio (0 in %d)"),
			 year);
		return;
	}
	if (isinf(ci.hi))
		snprintf(out, n, ivp_msg_tr(lang, "%+.1f%% (%+.1f%% to +inf)"), (r - 1) * 100, (ci.lo - 1) * 100);
	else
		snprintf(out, n, ivp_msg_tr(lang, "%+.1f%% (%+.1f%% to %+.1f%%)"), (r - 1) * 100,
			 (ci.lo - 1) * 100, (ci.hi - 1) * 100);
	for (p = out; !strcmp(lang, "nl") && *p; p++)
		if (*p == '.')
			*p = ',';
}

static int set_ratio(ivp_table *t, int cr, int clo, int chi, int cv, const meas *a,
		     const meas *b, int over_time, double level, const char *lang,
		     double *ratio, ivp__interval *ci_out)
{
	ivp__interval ci = { NAN, NAN };
	double r = NAN;
	ivp__verdict v = IVP__VERDICT_NONE;

	if (a->has && b->has && a->has_pop && b->has_pop) {
		r = ivp__rate_ratio(a->count, (double)a->pop, b->count, (double)b->pop);
		ci = ivp__rate_ratio_interval(a->count, (double)a->pop, b->count,
					      (double)b->pop, level);
		v = ivp__verdict_of(ci);
	}
	if (ratio)
		*ratio = r;
	if (ci_out)
		*ci_out = ci;
	/* against a count of 0 the ratio is infinite: no number (JSON has none
	 * for it), the row's note says why (ratio_reason) */
	if (ivp__table_set_real(t, cr, isinf(r) ? NAN : r) || ivp__table_set_real(t, clo, ci.lo) ||
	    (isinf(ci.hi) ? ivp__table_set_text(t, chi, "inf") : ivp__table_set_real(t, chi, ci.hi)))
		return -1;
	if (a->has && b->has && a->has_pop && b->has_pop) /* NONE: both counts zero */
		return ivp__table_set_text(t, cv, ivp__verdict_words(v, over_time, lang));
	if (!a->has || !b->has)
		return ivp__table_set_text(t, cv, !strcmp(lang, "nl") ? "geen gegevens" : "no data");
	return ivp__table_set_text(t, cv, !strcmp(lang, "nl") ? "geen bevolking" : "no population");
}

/* Why a ratio cell is empty although both counts are known: the other
 * count is 0 (year: the other's year; 0: a comparison area, `col` names it). */
static void ratio_reason(char *why, size_t n, const char *lang, const char *col, int year)
{
	size_t k = strlen(why);

	if (year)
		snprintf(why + k, n - k, ivp_msg_tr(lang, "%s%s empty: 0 in %d, a ratio against it is infinite"),
			 k ? "; " : "", col, year);
	else
		snprintf(why + k, n - k, ivp_msg_tr(lang, "%s%s empty: 0 in the comparison area, a ratio against it is infinite"),
			 k ? "; " : "", col);
}

/* Whether the main area is a wijk or buurt (or a sum of them): its counts come
 * from 47018NED and its population from the Kerncijfers wijken en buurten. */
static ivp_rc fine_area(qstate *s, int *fine)
{
	char level[4] = "";
	ivp_rc rc;

	if (s->fine < 0) {
		rc = ivp__store_area_get(s->ctx, s->main.codes[0], NULL, level, NULL);
		if (rc && rc != IVP_ENOTFOUND)
			return rc;
		s->fine = !strcmp(level, "WK") || !strcmp(level, "BU");
	}
	*fine = s->fine;
	return IVP_OK;
}

/*
 * Where the figure of a row comes from, beside it: the unit, the source
 * table of the count and of the population, the period, CBS's rounding,
 * and a year before that exists only in the other classification (then no
 * change is computed across the two: it is said instead).
 */
static int provenance(qstate *s, const ivp__indicator_def *d, const meas *cur,
		      const meas *prev, char *brk, size_t brksz)
{
	ivp_table *t = s->t;
	int nl = !strcmp(s->lang, "nl"), cbs = !strcmp(d->classification, "cbs"), fine = 0, other = 0;
	const char *youth = !strcmp(d->population_group, "12-17") ? (nl ? " van 12-17 jaar" : " aged 12-17") : "";
	char unit[96], src[64], per[32], date[16];

	brk[0] = '\0';
	if (fine_area(s, &fine))
		return -2;
	if (d->per == 1000)
		snprintf(unit, sizeof(unit), nl ? "per 1.000 inwoners%s" : "per 1,000 inhabitants%s", youth);
	else
		snprintf(unit, sizeof(unit), nl ? "per %d inwoners%s" : "per %d inhabitants%s", d->per, youth);
	snprintf(src, sizeof(src), "%s", cbs ? "CBS 83648NED" : fine ? "Politie 47018NED" :
								       "Politie 47013NED");
	snprintf(per, sizeof(per), "%d", s->year);
	snprintf(date, sizeof(date), "%d-01-01", s->year);
	if (ivp__table_set_text(t, C_UNIT, unit) || ivp__table_set_text(t, C_PERIOD, per) ||
	    (cur->has && ivp__table_set_text(t, C_SOURCE, src)))
		return -1;
	if (cur->has_pop &&
	    (ivp__table_set_text(t, C_POP_SOURCE, fine ? "CBS Kerncijfers wijken en buurten" : "CBS 37230ned") ||
	     ivp__table_set_text(t, C_POP_DATE, date)))
		return -1;
	if ((cur->has && cbs) || (cur->has_pop && fine)) {
		const char *w = cur->has && cbs && cur->has_pop && fine ?
					(nl ? "aantallen en inwoners door CBS afgerond op 5" : "counts and inhabitants rounded to 5 by CBS") :
				cur->has && cbs ? (nl ? "aantallen door CBS afgerond op 5" : "counts rounded to 5 by CBS") :
						  (nl ? "inwoners door CBS afgerond op 5" : "inhabitants rounded to 5 by CBS");

		if (ivp__table_set_text(t, C_ROUNDED, w))
			return -1;
	}
	/* the year before only in the other classification: not compared */
	if (cur->has && !prev->has) {
		if (ivp__store_has_classification(s->ctx, s->main.codes[0], s->year - 1, cbs ? "police" : "cbs", &other))
			return -2;
		if (other) {
			snprintf(brk, brksz, nl ? "%d alleen in een andere indeling (%s): niet vergeleken" : "%d only in another classification (%s): not compared",
				 s->year - 1, cbs ? (fine ? "Politie 47018NED" : "Politie 47013NED") : "CBS 83648NED");
			if (ivp__table_set_text(t, C_BREAK, brk))
				return -1;
		}
	}
	return 0;
}

static int row(qstate *s, const ivp__indicator_def *d)
{
	ivp_table *t = s->t;
	const ivp_indicator_query *q = s->q;
	int nl = !strcmp(s->lang, "nl"), i;
	meas cur, prev, base;
	double ratio;
	ivp__interval ci;
	char buf[160], note[768] = "", why[256] = "", brk[160];
	size_t nn;

	if (measure_main(s, d, s->year - 1, &prev) || measure_main(s, d, s->year, &cur))
		return -2;
	if (s->skip_empty && !cur.has)
		return 0;
	if (ivp__table_row(t) < 0 ||
	    ivp__table_set_text(t, C_KEY, d->key) ||
	    ivp__table_set_text(t, C_NAME, nl ? d->name_nl : d->name_en) ||
	    ivp__table_set_text(t, C_CLASS, d->classification) ||
	    ivp__table_set_int(t, C_VERSION, d->version) ||
	    ivp__table_set_text(t, C_AREA, s->main.label) ||
	    ivp__table_set_int(t, C_YEAR, s->year) ||
	    ivp__table_set_int(t, C_PREV_YEAR, s->year - 1))
		return -1;
	if (cur.has) {
		if (ivp__table_set_int(t, C_COUNT, cur.count) ||
		    ivp__table_set_text(t, C_SMALL, cur.count < s->small ? "small" : NULL) ||
		    ivp__table_set_text(t, C_PROVISIONAL, cur.provisional ? "provisional" : NULL) ||
		    ivp__table_set_int(t, C_IMPORT, cur.import_id))
			return -1;
	}
	if (cur.has_pop &&
	    (ivp__table_set_int(t, C_POP, cur.pop) ||
	     ivp__table_set_int(t, C_POP_IMPORT, cur.pop_import)))
		return -1;
	if ((i = provenance(s, d, &cur, &prev, brk, sizeof(brk))))
		return i;
	if (cur.has && cur.has_pop) {
		ivp__interval r = ivp__rate_interval(cur.count, (double)cur.pop, d->per, s->level);

		if (ivp__table_set_real(t, C_RATE, ivp__rate(cur.count, (double)cur.pop, d->per)) ||
		    ivp__table_set_real(t, C_RATE_LO, r.lo) ||
		    ivp__table_set_real(t, C_RATE_HI, r.hi))
			return -1;
	}
	if (prev.has && ivp__table_set_int(t, C_PREV_COUNT, prev.count))
		return -1;
	if (prev.has && prev.has_pop &&
	    ivp__table_set_real(t, C_PREV_RATE, ivp__rate(prev.count, (double)prev.pop, d->per)))
		return -1;
	if (set_ratio(t, C_CH_RATIO, C_CH_LO, C_CH_HI, C_VERDICT, &cur, &prev, 1,
		      s->level, s->lang, &ratio, &ci))
		return -1;
	change_text(ratio, ci, s->year - 1, s->lang, buf, sizeof(buf));
	if (isinf(ratio))
		ratio_reason(why, sizeof(why), s->lang, "change_ratio", s->year - 1);
	if (buf[0] && ivp__table_set_text(t, C_CHANGE, buf))
		return -1;
	if (q->baseline) {
		if (measure(s->ctx, &s->main, d, q->baseline, &base))
			return -2;
		if (ivp__table_set_int(t, C_BASE_YEAR, q->baseline) ||
		    (base.has && ivp__table_set_int(t, C_BASE_COUNT, base.count)) ||
		    (base.has && base.has_pop &&
		     ivp__table_set_real(t, C_BASE_RATE, ivp__rate(base.count, (double)base.pop, d->per))) ||
		    set_ratio(t, C_BASE_RATIO, C_BASE_LO, C_BASE_HI, C_BASE_VERDICT, &cur,
			      &base, 1, s->level, s->lang, &ratio, NULL))
			return -1;
		if (isinf(ratio))
			ratio_reason(why, sizeof(why), s->lang, "baseline_ratio", q->baseline);
	}
	for (i = 0; i < s->ncmp; i++) {
		int c0 = C_FIXED + i * CMP_COLS;
		meas cm;

		if (measure(s->ctx, &s->cmp[i], d, s->year, &cm))
			return -2;
		if (ivp__table_set_text(t, c0, s->cmp[i].label) ||
		    ivp__table_set_text(t, c0 + 1, s->cmp[i].name) ||
		    (cm.has && ivp__table_set_int(t, c0 + 2, cm.count)) ||
		    (cm.has_pop && ivp__table_set_int(t, c0 + 3, cm.pop)) ||
		    (cm.has && cm.has_pop &&
		     ivp__table_set_real(t, c0 + 4, ivp__rate(cm.count, (double)cm.pop, d->per))) ||
		    set_ratio(t, c0 + 5, c0 + 6, c0 + 7, c0 + 8, &cur, &cm, 0, s->level,
			      s->lang, &ratio, NULL))
			return -1;
		if (isinf(ratio)) {
			snprintf(buf, sizeof(buf), "cmp%d_ratio", i + 1);
			ratio_reason(why, sizeof(why), s->lang, buf, 0);
		}
	}
	/* the note: what is missing and where to get it */
	if (!cur.has) {
		snprintf(note, sizeof(note), ivp_msg_tr(s->lang, "no data for %s (%s); import %s with SoortMisdrijf %s"),
			 cur.missing, ivp_msg_tr(s->lang, d->classification), d->source_tables, d->codes);
	} else if (!cur.has_pop) {
		snprintf(note, sizeof(note), ivp_msg_tr(s->lang, "no population for 1 January %d; import 37230ned (gemeente) or Kerncijfers wijken en buurten (wijk/buurt)"),
			 s->year);
	}
	nn = strlen(note);
	if (cur.has && cur.count < s->small)
		snprintf(note + nn, sizeof(note) - nn, "%s%s", nn ? "; " : "",
			 ivp_msg_tr(s->lang, "small count: read with care"));
	nn = strlen(note);
	if (cur.has && cur.from_months)
		snprintf(note + nn, sizeof(note) - nn, "%s%s", nn ? "; " : "",
			 ivp_msg_tr(s->lang, "sum of 12 months"));
	nn = strlen(note);
	if (cur.has && cur.from_buurten)
		snprintf(note + nn, sizeof(note) - nn, "%s%s", nn ? "; " : "",
			 ivp_msg_tr(s->lang, "wijk summed from its buurten"));
	nn = strlen(note);
	if (brk[0])
		snprintf(note + nn, sizeof(note) - nn, "%s%s", nn ? "; " : "", brk);
	nn = strlen(note);
	if (cur.has && cur.provisional)
		snprintf(note + nn, sizeof(note) - nn, "%s%s", nn ? "; " : "",
			 ivp_msg_tr(s->lang, "provisional figure"));
	nn = strlen(note);
	if (why[0])
		snprintf(note + nn, sizeof(note) - nn, "%s%s", nn ? "; " : "", why);
	if (note[0] && ivp__table_set_text(t, C_NOTE, note))
		return -1;
	return 0;
}

static int make_cols(qstate *s)
{
	int i;
	char name[sizeof(((aset *)0)->label) + 16];

	for (i = 0; i < C_FIXED; i++) {
		int brief = fixed_cols[i].brief;

		if ((i == C_BASE_RATE || i == C_BASE_VERDICT) && s->q->baseline)
			brief = 1;
		if (ivp__table_col(s->t, fixed_cols[i].name,
				   brief == 2 ? IVP__COL_NOTE : brief ? IVP__COL_BRIEF :
									0,
				   fixed_cols[i].dec) < 0)
			return -1;
	}
	for (i = 0; i < s->ncmp; i++) {
		static const char *const part[CMP_COLS] = { "area", "name", "count", "population", "per_1000",
							    "ratio", "lo", "hi", "verdict" };
		static const int brief[CMP_COLS] = { 0, 0, 0, 0, 1, 0, 0, 0, 1 };
		static const int dec[CMP_COLS] = { 0, 0, 0, 0, 2, 4, 4, 4, 0 };
		int k;

		for (k = 0; k < CMP_COLS; k++) {
			if (k == 4)
				snprintf(name, sizeof(name), "%s_per_1000", s->cmp[i].label);
			else if (k == 8)
				snprintf(name, sizeof(name), "vs_%s", s->cmp[i].label);
			else
				snprintf(name, sizeof(name), "cmp%d_%s", i + 1, part[k]);
			if (ivp__table_col(s->t, name, brief[k] ? IVP__COL_BRIEF : 0, dec[k]) < 0)
				return -1;
		}
	}
	return 0;
}

/* The column named name of s->t, or -1. */
static int col_of(const ivp_table *t, const char *name)
{
	int c;

	for (c = 0; c < ivp_table_ncols(t); c++)
		if (!strcmp(ivp_table_colname(t, c), name))
			return c;
	return -1;
}

/*
 * The size class of a series, year by year: a gemeente's class follows
 * its population on 1 January, so a series can cross classes. Into out
 * the runs of years with their class ("2010-2011: de rest van de
 * gemeenten met 20.000-50.000 inwoners; 2012-2024: …"), from the rows'
 * cmpN_name; "" when no row names one.
 */
static void sizeclass_years(const qstate *s, int i, char *out, size_t n)
{
	char col[32];
	int c, cy = col_of(s->t, "year"), r, from = 0, to = 0;
	size_t used = 0;
	const char *cur = NULL;

	out[0] = '\0';
	snprintf(col, sizeof(col), "cmp%d_name", i + 1);
	if ((c = col_of(s->t, col)) < 0 || cy < 0)
		return;
	for (r = 0; r <= ivp_table_nrows(s->t); r++) {
		const char *nm = r < ivp_table_nrows(s->t) && ivp_table_cell_type(s->t, r, c) == IVP_CELL_TEXT ?
					 ivp_table_text(s->t, r, c) :
					 NULL;
		int y = r < ivp_table_nrows(s->t) ? (int)ivp_table_int(s->t, r, cy) : 0;

		if (cur && (!nm || strcmp(nm, cur))) {
			int w = from == to ? snprintf(out + used, n - used, "%s%d: %s", used ? "; " : "", from, cur) :
					     snprintf(out + used, n - used, "%s%d-%d: %s", used ? "; " : "", from, to, cur);

			if (w > 0 && (size_t)w < n - used)
				used += (size_t)w;
			cur = NULL;
		}
		if (nm && !cur) {
			cur = nm;
			from = y;
		}
		to = y;
	}
}

/* A note per comparison set that is a group or the rest of a set: what
 * it holds ("vs_haaglanden: vs the rest of Haaglanden (8 areas; GM1926
 * left out)"); for the size class of a series, the class of each run of
 * years, as it follows the population. */
static int cmp_notes(qstate *s, int one_year)
{
	int i;

	for (i = 0; i < s->ncmp; i++) {
		const aset *a = &s->cmp[i];
		char n[64] = "";

		if (!a->left_out && a->gkind == IVP__GROUP_NONE)
			continue;
		if (a->gkind == IVP__GROUP_SIZECLASS && !one_year) {
			char years[1024];

			sizeclass_years(s, i, years, sizeof(years));
			if (ivp__table_note(s->t,
					    ivp_msg_tr(s->lang, "vs_%s: vs the rest of the size class of each year (a gemeente's class follows its population on 1 January, so it can change within the series): %s"),
					    a->label, years[0] ? years : "–"))
				return -1;
			continue;
		} else
			snprintf(n, sizeof(n), ivp_msg_trn(s->lang, "%d area", "%d areas", a->n), a->n);
		/* "vs_regio: vs …" in English (the column key), "regio: t.o.v. …"
		 * in Dutch (whose header of that column is "t.o.v. regio") */
		if (a->left_out ? ivp__table_note(s->t, ivp_msg_tr(s->lang, "vs_%s: vs %s (%s; %s itself left out)"),
						  a->label, a->name, n, s->main.label) :
				  ivp__table_note(s->t, ivp_msg_tr(s->lang, "vs_%s: vs %s (%s)"), a->label, a->name, n))
			return -1;
	}
	return 0;
}

/* Pick, per key, the classification to use: CBS where its data is loaded. */
static ivp_rc choose(qstate *s, defs *all, defs *use)
{
	int i, k, has_cbs = 0;
	ivp_rc rc;

	use->n = 0;
	if ((rc = ivp__store_has_classification(s->ctx, s->main.codes[0], s->year, "cbs", &has_cbs)))
		return rc;
	for (i = 0; i < all->n; i++) {
		ivp__indicator_def *d = &all->d[i];
		int dup = 0;

		if (s->q->indicator) {
			if (strcmp(d->key, s->q->indicator))
				continue;
		} else if (!strcmp(d->kind, "type") && !s->q->all_types) {
			continue;
		}
		/* defs come ordered by key with 'police' before 'cbs' */
		for (k = 0; k < use->n; k++) {
			if (!strcmp(use->d[k].key, d->key)) {
				dup = 1;
				if (has_cbs && !strcmp(d->classification, "cbs"))
					use->d[k] = *d;
			}
		}
		if (!dup && collect(use, d))
			return ivp__fail(s->ctx, IVP_ENOMEM, "out of memory");
	}
	if (s->q->indicator && !use->n) {
		ivp__fail(s->ctx, IVP_ENOTFOUND, "unknown indicator \"%s\"", s->q->indicator);
		ivp__code(s->ctx, "unknown_indicator");
		ivp__hint(s->ctx, "ivp definitions lists the indicators; single codes such as 1.1.1 exist once their code list is imported.");
		return IVP_ENOTFOUND;
	}
	return IVP_OK;
}

/*
 * The indicator table of q for the years from..to (one year: ivp_indicators;
 * several: ivp_indicator_series, which leaves out years without a count).
 * The area specs, the definitions and the comparison areas are read once.
 */
static ivp_rc indicators_years(ivp_ctx *ctx, const ivp_indicator_query *q, int from, int to,
			       int series, ivp_table **out)
{
	qstate s;
	defs all = { NULL, 0 }, use = { NULL, 0 };
	ivp_rc rc = IVP_OK;
	int i, r, y, seen_from = 0, seen_to = 0, one = from == to;

	*out = NULL;
	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	s.q = q;
	s.level = q->level > 0 && q->level < 1 ? q->level : 0.95;
	s.small = q->small_threshold >= 0 ? q->small_threshold : IVP_SMALL_THRESHOLD_DEFAULT;
	s.lang = q->lang && !strcmp(q->lang, "nl") ? "nl" : "en";
	s.skip_empty = series;
	s.fine = -1;
	if (!q->area || from < 1900 || to > 2199 || from > to) {
		ivp__fail(ctx, IVP_EINPUT, !q->area ? "no area given" : from == to ? "year %d is out of range" :
										     "years %d to %d are out of range",
			  from, to);
		ivp__code(ctx, "missing_option");
		ivp__option(ctx, !q->area ? "area" : "year");
		ivp__hint(ctx, series ? "Give the years as 1900 <= from <= to <= 2199." :
					"Give the area (a code such as GM1926) and the year (YYYY).");
		return IVP_EINPUT;
	}
	if (series && !q->indicator) {
		ivp__fail(ctx, IVP_EINPUT, "no indicator given");
		ivp__code(ctx, "missing_option");
		ivp__hint(ctx, "A series is of one indicator key (ivp definitions lists them).");
		return IVP_EINPUT;
	}
	if (q->baseline && (q->baseline < 1900 || q->baseline > 2199)) {
		ivp__fail(ctx, IVP_EINPUT, "baseline year %d is out of range", q->baseline);
		ivp__code(ctx, "bad_year");
		return IVP_EINPUT;
	}
	ivp__map_init(&s.mainset);
	if ((rc = aset_parse(ctx, q->area, &s.main)))
		goto out;
	for (i = 0; i < s.main.n; i++) {
		int64_t *slot;
		int existed;

		if (ivp__map_put(&s.mainset, s.main.codes[i], 1, &slot, &existed)) {
			rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (q->ncompare > 0) {
		s.cmp = calloc((size_t)q->ncompare, sizeof(aset));
		if (!s.cmp) {
			rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
			goto out;
		}
		for (i = 0; i < q->ncompare; i++) {
			if ((rc = cmp_resolve(ctx, &s.main, &s.mainset, q->compare[i], from, s.lang,
					      &s.cmp[i])))
				goto out;
			s.ncmp++;
		}
	}
	if ((rc = ivp__store_defs_list(ctx, 1, collect, &all)))
		goto out;
	s.t = ivp__table_new();
	if (!s.t || make_cols(&s)) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	for (y = from; y <= to; y++) {
		int before = ivp_table_nrows(s.t);

		s.year = y;
		if ((rc = choose(&s, &all, &use))) /* CBS or police: per year */
			goto out;
		for (i = 0; i < s.ncmp; i++) /* a size class is of its year */
			if (s.cmp[i].gkind == IVP__GROUP_SIZECLASS && s.cmp[i].year != y &&
			    (rc = cmp_resolve(ctx, &s.main, &s.mainset, q->compare[i], y, s.lang,
					      &s.cmp[i])))
				goto out;
		for (i = 0; i < use.n; i++) {
			r = row(&s, &use.d[i]);
			if (r == -1) {
				rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
				goto out;
			}
			if (r == -2) {
				rc = ctx->err.rc ? ctx->err.rc : IVP_EDB;
				goto out;
			}
		}
		if (ivp_table_nrows(s.t) > before) { /* the note names the years with data */
			if (!seen_from)
				seen_from = y;
			seen_to = y;
		}
	}
	if (seen_from && !one) { /* the series' note: the years that have a count */
		from = seen_from;
		to = seen_to;
	}
	if (one)
		ivp__table_note(s.t, ivp_msg_tr(s.lang, "%s: %s, %d; rates per 1,000 inhabitants on 1 January %d; %g%% intervals (exact Poisson; rate ratios exact conditional); counts below %lld flagged small"),
				s.main.label, s.main.name, from, from, s.level * 100,
				(long long)s.small);
	else
		ivp__table_note(s.t, ivp_msg_tr(s.lang, "%s: %s, the years %d-%d with a count; rates per 1,000 inhabitants on 1 January of each year; %g%% intervals (exact Poisson; rate ratios exact conditional); counts below %lld flagged small"),
				s.main.label, s.main.name, from, to, s.level * 100,
				(long long)s.small);
	if (cmp_notes(&s, one)) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	*out = s.t;
	s.t = NULL;
out:
	ivp_table_free(s.t);
	ivp__map_free(&s.mainset);
	aset_free(&s.main);
	for (i = 0; s.cmp && i < s.ncmp; i++)
		aset_free(&s.cmp[i]);
	free(s.cmp);
	free(all.d);
	free(use.d);
	return rc;
}

/* indicators_years in one read snapshot (consistent, and one lock for all its queries) */
static ivp_rc indicators_snapshot(ivp_ctx *ctx, const ivp_indicator_query *q, int from,
				  int to, int series, ivp_table **out)
{
	int opened;
	ivp_rc rc = ivp__store_read_begin(ctx, &opened);

	if (rc) {
		*out = NULL;
		return rc;
	}
	rc = indicators_years(ctx, q, from, to, series, out);
	ivp__store_read_end(ctx, opened);
	return rc;
}

ivp_rc ivp_indicators(ivp_ctx *ctx, const ivp_indicator_query *q, ivp_table **out)
{
	return indicators_snapshot(ctx, q, q->year, q->year, 0, out);
}

ivp_rc ivp_indicator_series(ivp_ctx *ctx, const ivp_indicator_query *q, int from, int to,
			    ivp_table **out)
{
	return indicators_snapshot(ctx, q, from, to, 1, out);
}

/* ---- monthly series ----------------------------------------------------------- */

static int series_cb(void *ud, const char *const *cols, int n)
{
	ivp__map *m = ud;
	int64_t *slot;
	int existed;

	if (n < 2 || !cols[0] || !cols[1])
		return 0;
	if (ivp__map_put(m, cols[0], 0, &slot, &existed))
		return -1;
	*slot += strtoll(cols[1], NULL, 10);
	return 0;
}

ivp_rc ivp_series(ivp_ctx *ctx, const ivp_series_query *q, ivp_table **out)
{
	aset a;
	defs all = { NULL, 0 };
	char codes[IVP__MAX_CODES][16];
	const char *codelist = q->type;
	ivp__map m;
	ivp_table *t = NULL;
	ivp_rc rc;
	int nc, i, k, p;
	char title[256] = "";

	*out = NULL;
	ivp__map_init(&m);
	if (!q->area || !q->type || q->from < 190001 || q->to < q->from ||
	    IVP__PERIOD_SUB(q->from) < 1 || IVP__PERIOD_SUB(q->from) > 12 ||
	    IVP__PERIOD_SUB(q->to) < 1 || IVP__PERIOD_SUB(q->to) > 12) {
		ivp__fail(ctx, IVP_EINPUT, "invalid series request");
		ivp__code(ctx, "missing_option");
		ivp__option(ctx, !q->area ? "area" : !q->type ? "type" :
								"from");
		ivp__hint(ctx, "Give the area, the type and the months from and to as YYYY-MM, from not after to.");
		return IVP_EINPUT;
	}
	if ((rc = aset_parse(ctx, q->area, &a)))
		return rc;
	/* an indicator key stands for its codes; otherwise a single code */
	if ((rc = ivp__store_defs_list(ctx, 1, collect, &all)))
		goto out;
	for (i = 0; i < all.n; i++)
		if (!strcmp(all.d[i].key, q->type) && !strcmp(all.d[i].classification, "police")) {
			codelist = all.d[i].codes;
			snprintf(title, sizeof(title), "%s", all.d[i].name_nl);
			break;
		}
	if (i == all.n) {
		ivp_rc g = ivp__store_type_get(ctx, q->type, title);

		if (g && g != IVP_ENOTFOUND) {
			rc = g;
			goto out;
		}
		if (g == IVP_ENOTFOUND) {
			rc = ivp__fail(ctx, IVP_ENOTFOUND, "unknown crime type or indicator \"%s\"", q->type);
			ivp__code(ctx, "unknown_indicator");
			ivp__hint(ctx, "Use a SoortMisdrijf code such as 1.1.1 or an indicator key (ivp definitions).");
			goto out;
		}
	}
	nc = ivp__stats_split_codes(codelist, codes);
	for (i = 0; i < a.n; i++)
		for (k = 0; k < nc; k++)
			if ((rc = ivp__store_month_counts(ctx, a.codes[i], codes[k], q->from, q->to,
							  series_cb, &m)))
				goto out;
	t = ivp__table_new();
	if (!t || ivp__table_col(t, "area", 0, 0) < 0 ||
	    ivp__table_col(t, "type", 0, 0) < 0 ||
	    ivp__table_col(t, "period", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "month", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "count", IVP__COL_BRIEF, 0) < 0)
		goto oom;
	/* every month of the range, "no data" where nothing is stored */
	for (p = q->from; p <= q->to; p = IVP__PERIOD_SUB(p) == 12 ? (IVP__PERIOD_YEAR(p) + 1) * 100 + 1 : p + 1) {
		char key[16], label[16];
		int64_t *v;

		snprintf(key, sizeof(key), "%d", p);
		snprintf(label, sizeof(label), "%04d-%02d", IVP__PERIOD_YEAR(p), IVP__PERIOD_SUB(p));
		v = ivp__map_get(&m, key);
		ivp__period_format(p, key);
		if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, a.label) ||
		    ivp__table_set_text(t, 1, q->type) ||
		    ivp__table_set_text(t, 2, key) || ivp__table_set_text(t, 3, label) ||
		    (v && ivp__table_set_int(t, 4, *v)))
			goto oom;
	}
	ivp__table_note(t, ivp_msg_tr(ivp_lang(ctx), "%s (%s), %s%s%s; empty count: no data for that month"),
			a.label, a.name, q->type, title[0] ? " " : "", title);
	*out = t;
	t = NULL;
	rc = IVP_OK;
	goto out;
oom:
	rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
out:
	ivp_table_free(t);
	ivp__map_free(&m);
	aset_free(&a);
	free(all.d);
	return rc;
}
