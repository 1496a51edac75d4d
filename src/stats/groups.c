/*
 * groups.c — comparison groups for the indicator engine: what a name in
 * --compare stands for, and `ivp groups`.
 *
 * Three kinds of group:
 *  - a stored group (group_store.h; ivp import groups, docs/groups.md),
 *    by its name, e.g. "haaglanden";
 *  - "regio" (or "region"): the stored group of kind region that the
 *    main area is a member of (Haaglanden for Pijnacker-Nootdorp);
 *  - "grootteklasse" (or "sizeclass"): the gemeenten of the main
 *    gemeente's CBS size class in the year measured, computed from the
 *    population on 1 January of that year (never stored per gemeente, so
 *    a gemeente's class follows its population). The classes are those
 *    CBS and Waarstaatjegemeente use, half-open: [0, 20.000),
 *    [20.000, 50.000), [50.000, 100.000), [100.000, 150.000),
 *    [150.000, 250.000), [250.000, ∞).
 * The engine (indicators.c) takes the members and compares the main area
 * with the rest of the group when the area is a member itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "stats/engine.h"
#include "store/group_store.h"

static const int64_t class_lo[IVP__NCLASSES] = { 0, 20000, 50000, 100000, 150000, 250000 };

int ivp__size_class_of(int64_t pop)
{
	int k = IVP__NCLASSES - 1;

	while (k > 0 && pop < class_lo[k])
		k--;
	return k;
}

void ivp__size_class_title(int k, const char *lang, char *out, size_t n)
{
	static const char *const en[IVP__NCLASSES] = { /* catalogue texts */
						       IVP__N("municipalities of under 20,000 inhabitants"), IVP__N("municipalities of 20,000–50,000 inhabitants"),
						       IVP__N("municipalities of 50,000–100,000 inhabitants"), IVP__N("municipalities of 100,000–150,000 inhabitants"),
						       IVP__N("municipalities of 150,000–250,000 inhabitants"), IVP__N("municipalities of 250,000 inhabitants or more")
	};

	if (k < 0 || k >= IVP__NCLASSES)
		k = 0;
	snprintf(out, n, "%s", ivp_msg_tr(lang && !strcmp(lang, "nl") ? "nl" : "en", en[k]));
}

int ivp__group_word(const char *spec)
{
	if (!strcmp(spec, "grootteklasse") || !strcmp(spec, "sizeclass"))
		return IVP__GROUP_SIZECLASS;
	if (!strcmp(spec, "regio") || !strcmp(spec, "region"))
		return IVP__GROUP_REGION;
	return IVP__GROUP_NONE;
}

/* ---- the size class ------------------------------------------------------------------ */

typedef struct classwalk {
	int want;	/* the class */
	ivp__row_cb cb; /* each member */
	void *ud;
	int n;
} classwalk;

static int class_cb(void *ud, const char *const *c, int n)
{
	classwalk *w = ud;

	if (n < 2 || !c[0] || !c[1] || ivp__size_class_of(strtoll(c[1], NULL, 10)) != w->want)
		return 0;
	w->n++;
	return w->cb(w->ud, c, n);
}

static ivp_rc size_class(ivp_ctx *ctx, const char *main, int year, ivp__group_info *gi,
			 ivp__row_cb cb, void *ud)
{
	char level[4] = "";
	int64_t pop = 0, pi = 0;
	classwalk w;
	ivp_rc rc;

	rc = main ? ivp__store_area_get(ctx, main, NULL, level, NULL) : IVP_ENOTFOUND;
	if (rc && rc != IVP_ENOTFOUND)
		return rc;
	if (rc || strcmp(level, "GM")) {
		ivp__fail(ctx, IVP_EINPUT, "a size class is that of one gemeente");
		ivp__code(ctx, "sizeclass_not_gemeente");
		ivp__detail(ctx, "The area compared (%s) is not a single gemeente.", main ? main : "");
		ivp__hint(ctx, "Use grootteklasse with a gemeente such as GM1926, or compare with a named group.");
		return IVP_EINPUT;
	}
	rc = ivp__store_population(ctx, main, year, "total", &pop, &pi);
	if (rc == IVP_ENOTFOUND) { /* no class this year: the row says "no data" */
		snprintf(gi->missing, sizeof(gi->missing), "%s: no population on 1 January %d, so no size class",
			 main, year);
		return IVP_OK;
	}
	if (rc)
		return rc;
	gi->size_class = ivp__size_class_of(pop);
	memset(&w, 0, sizeof(w));
	w.want = gi->size_class;
	w.cb = cb;
	w.ud = ud;
	return ivp__store_level_population(ctx, "GM", year, "total", class_cb, &w);
}

/* ---- stored groups and the region -------------------------------------------------- */

typedef struct first_row {
	char name[64], title[256];
	int n;
} first_row;

static int first_cb(void *ud, const char *const *c, int n)
{
	first_row *f = ud;

	if (n >= 2 && c[0] && c[1] && !f->n++) {
		snprintf(f->name, sizeof(f->name), "%s", c[0]);
		snprintf(f->title, sizeof(f->title), "%s", c[1]);
	}
	return 0;
}

/* The title of the group named f->name, from the list of all groups. */
static int title_cb(void *ud, const char *const *c, int n)
{
	first_row *f = ud;

	if (n >= 2 && c[0] && c[1] && !strcmp(c[0], f->name))
		snprintf(f->title, sizeof(f->title), "%s", c[1]);
	return 0;
}

ivp_rc ivp__stats_group(ivp_ctx *ctx, const char *spec, const char *main, int year,
			const char *lang, ivp__group_info *gi, ivp__row_cb cb, void *ud)
{
	first_row f;
	ivp_rc rc;

	memset(gi, 0, sizeof(*gi));
	gi->kind = ivp__group_word(spec);
	if (gi->kind == IVP__GROUP_SIZECLASS) {
		if ((rc = size_class(ctx, main, year, gi, cb, ud)))
			return rc;
		snprintf(gi->name, sizeof(gi->name), "grootteklasse");
		ivp__size_class_title(gi->size_class, lang, gi->title, sizeof(gi->title));
		return IVP_OK;
	}
	memset(&f, 0, sizeof(f));
	if (gi->kind == IVP__GROUP_REGION) {
		if (main && (rc = ivp__store_groups_of(ctx, main, "region", first_cb, &f)))
			return rc;
		if (!f.n) {
			ivp__fail(ctx, IVP_ENOTFOUND, "no region known for %s", main ? main : "the area");
			ivp__code(ctx, "no_region");
			ivp__detail(ctx, "No group of kind region has %s as a member.", main ? main : "the area");
			ivp__hint(ctx, "Import the region's group file, e.g. ivp import groups data/groups/haaglanden.csv (docs/groups.md).");
			return IVP_ENOTFOUND;
		}
		spec = f.name;
	}
	rc = ivp__store_group_members(ctx, spec, cb, ud);
	if (rc == IVP_ENOTFOUND && gi->kind == IVP__GROUP_NONE)
		return IVP_OK; /* no group of that name: an area spec */
	if (rc)
		return rc;
	if (gi->kind == IVP__GROUP_NONE) {
		gi->kind = IVP__GROUP_STORED;
		memset(&f, 0, sizeof(f));
		snprintf(f.name, sizeof(f.name), "%s", spec);
		if ((rc = ivp__store_groups_list(ctx, title_cb, &f))) /* a handful of rows */
			return rc;
	}
	snprintf(gi->name, sizeof(gi->name), "%s", f.name);
	snprintf(gi->title, sizeof(gi->title), "%s", f.title);
	return IVP_OK;
}

/* ---- ivp groups ---------------------------------------------------------------------- */

static int list_cb(void *ud, const char *const *c, int n)
{
	ivp_table *t = ud;

	if (n < 6 || ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, c[0]) ||
	    ivp__table_set_text(t, 1, c[1]) || ivp__table_set_text(t, 2, c[2]) ||
	    ivp__table_set_int(t, 3, c[4] ? strtoll(c[4], NULL, 10) : 0) ||
	    ivp__table_set_text(t, 4, c[3] && c[3][0] ? c[3] : NULL) ||
	    (c[5] && ivp__table_set_int(t, 5, strtoll(c[5], NULL, 10))))
		return -1;
	return 0;
}

static ivp_rc groups_list(ivp_ctx *ctx, const char *lang, ivp_table *t)
{
	int nl = lang && !strcmp(lang, "nl");

	if (ivp__table_col(t, "group", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "title", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "kind", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "members", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "source", IVP__COL_NOTE, 0) < 0 ||
	    ivp__table_col(t, "import", 0, 0) < 0)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if (ivp__store_groups_list(ctx, list_cb, t))
		return ctx->err.rc ? ctx->err.rc : IVP_ENOMEM;
	/* the derived groups, always there */
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, "grootteklasse") ||
	    ivp__table_set_text(t, 1, ivp_msg_tr(nl ? "nl" : "en", "the gemeente's size class in the year")) ||
	    ivp__table_set_text(t, 2, "sizeclass") || ivp__table_set_int(t, 3, 0) ||
	    ivp__table_set_text(t, 4, ivp_msg_tr(nl ? "nl" : "en", "computed from the population on 1 January (37230ned): < 20,000, 20,000–50,000, 50,000–100,000, 100,000–150,000, 150,000–250,000, ≥ 250,000 inhabitants")) ||
	    ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, "regio") ||
	    ivp__table_set_text(t, 1, ivp_msg_tr(nl ? "nl" : "en", "the area's region (the group of kind region it is a member of)")) ||
	    ivp__table_set_text(t, 2, "region") || ivp__table_set_int(t, 3, 0))
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	ivp__table_note(t, "%s", ivp_msg_tr(nl ? "nl" : "en", "ivp groups NAME lists the members; the size class and region of an area: ivp groups grootteklasse --area GM1926 --year 2024"));
	return IVP_OK;
}

typedef struct members_walk {
	ivp_ctx *ctx;
	ivp_table *t;
	int year;
	ivp_rc rc;
} members_walk;

static int member_cb(void *ud, const char *const *c, int n)
{
	members_walk *w = ud;
	char name[256] = "", level[4] = "";
	int64_t pop = 0, pi = 0;
	ivp_rc rc;

	if (n < 1 || !c[0])
		return 0;
	if ((rc = ivp__store_area_get(w->ctx, c[0], name, level, NULL)) && rc != IVP_ENOTFOUND) {
		w->rc = rc;
		return -1;
	}
	rc = w->year ? ivp__store_population(w->ctx, c[0], w->year, "total", &pop, &pi) : IVP_ENOTFOUND;
	if (rc && rc != IVP_ENOTFOUND) {
		w->rc = rc;
		return -1;
	}
	if (ivp__table_row(w->t) < 0 || ivp__table_set_text(w->t, 0, c[0]) ||
	    ivp__table_set_text(w->t, 1, name) || ivp__table_set_text(w->t, 2, level) ||
	    (!rc && ivp__table_set_int(w->t, 3, pop))) {
		w->rc = ivp__fail(w->ctx, IVP_ENOMEM, "out of memory");
		return -1;
	}
	return 0;
}

static ivp_rc group_members(ivp_ctx *ctx, const char *name, const char *area, int year,
			    const char *lang, ivp_table *t)
{
	ivp__group_info gi;
	members_walk w = { ctx, t, year, IVP_OK };
	char code[16] = "", aname[256];
	int nl = lang && !strcmp(lang, "nl");
	ivp_rc rc;

	if (ivp__table_col(t, "code", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "name", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "level", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "population", IVP__COL_BRIEF, 0) < 0)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if (ivp__group_word(name) && !area) {
		ivp__fail(ctx, IVP_EINPUT, "%s is the group of an area", name);
		ivp__code(ctx, "missing_option");
		ivp__hint(ctx, "Give the area and the year, e.g. --area GM1926 --year 2024.");
		return IVP_EINPUT;
	}
	if (ivp__group_word(name) == IVP__GROUP_SIZECLASS && !year) {
		ivp__fail(ctx, IVP_EINPUT, "a size class is of a year");
		ivp__code(ctx, "missing_option");
		ivp__hint(ctx, "Give the year whose population on 1 January decides the class, e.g. --year 2024.");
		return IVP_EINPUT;
	}
	if (area && (rc = ivp__stats_area(ctx, area, code, aname)))
		return rc;
	rc = ivp__stats_group(ctx, name, code[0] ? code : NULL, year, lang, &gi, member_cb, &w);
	if (w.rc)
		return w.rc;
	if (rc)
		return rc;
	if (gi.kind == IVP__GROUP_NONE) {
		ivp__fail(ctx, IVP_ENOTFOUND, "unknown group \"%s\"", name);
		ivp__code(ctx, "unknown_group");
		ivp__hint(ctx, "ivp groups lists the groups; ivp import groups FILE adds one (docs/groups.md).");
		return IVP_ENOTFOUND;
	}
	if (gi.missing[0])
		ivp__table_note(t, "%s", gi.missing);
	else if (year)
		ivp__table_note(t, ivp_msg_tr(nl ? "nl" : "en", "%s: %s; population on 1 January %d"), name,
				gi.title, year);
	else
		ivp__table_note(t, "%s: %s", name, gi.title);
	return IVP_OK;
}

ivp_rc ivp_groups(ivp_ctx *ctx, const char *name, const char *area, int year, const char *lang,
		  ivp_table **out)
{
	ivp_table *t = ivp__table_new();
	int opened;
	ivp_rc rc;

	*out = NULL;
	if (!t)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if (year && (year < 1900 || year > 2199)) {
		ivp_table_free(t);
		ivp__fail(ctx, IVP_EINPUT, "year %d is out of range", year);
		ivp__code(ctx, "bad_year");
		return IVP_EINPUT;
	}
	if ((rc = ivp__store_read_begin(ctx, &opened))) {
		ivp_table_free(t);
		return rc;
	}
	rc = name ? group_members(ctx, name, area, year, lang, t) : groups_list(ctx, lang, t);
	ivp__store_read_end(ctx, opened);
	if (rc) {
		ivp_table_free(t);
		return rc;
	}
	*out = t;
	return IVP_OK;
}
