/*
 * participation_view.c — the tables of the participation trajectory and
 * the priority matrix (ivp_participation, ivp.h): what the CLI prints,
 * the API returns and the pages draw. The readers of the files are in
 * participation.c; the suppression rule in stats/suppress.c; the matrix's
 * arithmetic in stats/matrix.c.
 *
 * Scores from the data: concern of residents is the number of inputs
 * tagged with the theme from activities with residents (wijkgesprek,
 * conferentie, enquete, online), concern of partners the same from
 * interviews and theme sessions, each scaled to 0–5 against the theme
 * with the most (5 × n / max); regional is 5 for a theme of the regional
 * plan and 0 for the others, once the matrix file names the regional
 * themes. Size and trend, for a theme the matrix file maps to its
 * registered crime (kind crime), come from the crime series of the
 * matrix's area (kind area, else the plan's municipality): the rate against
 * the Netherlands and the change over four (or three) years, each a rate
 * ratio scored by ivp__mx_ratio_score (stats/matrix.h), with the figures
 * named in the source. The other criteria, and size and trend without such
 * counts, are scored by hand with a reason (the matrix file); a criterion
 * without either is "no data" and counts as 0. A route's target is named
 * by its title in the current plan.
 * Weights not given in the file are 1, and the table's note says so.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "plan/evaluation.h"
#include "plan/plan.h"
#include "stats/matrix.h"
#include "stats/suppress.h"
#include "store/particip_store.h"
#include "store/plan_store.h"

#define L(lang, fmt) ivp_msg_tr((lang), (fmt))
#define PV_MAX 256 /* themes, wijken, routes of one trajectory */
#define ARR(a, T, i) (&((T *)(a).v)[i])

typedef struct pv_count {
	char theme[64], wijk[16], kind[16], route[16], target[160];
	int64_t n;
} pv_count;

typedef struct pv_theme {
	char key[64], title[160];
	int field, own;
} pv_theme;

typedef struct pv_entry {
	char kind[16], theme[64], crit[16], text[512], text2[256];
	double value;
} pv_entry;

typedef struct pv {
	ivp_ctx *ctx;
	const char *lang;
	char trajectory[128];
	pv_count *c;
	int nc, capc;
	pv_theme th[PV_MAX];
	int nth;
	pv_entry *e;
	int ne, cape;
	/* per theme: goals of previous plans measured, and of those not achieved */
	char ev_theme[PV_MAX][64];
	int ev_measured[PV_MAX], ev_missed[PV_MAX], nev;
	int failed;    /* out of memory in a callback */
	pl_plan *plan; /* the current plan, for a route's target title; NULL: none */
	int plan_read; /* 1: plan was looked up */
	char tt[512];  /* the last target title */
} pv;

static int grow(void **p, int *cap, int n, size_t sz)
{
	void *np;

	if (n < *cap)
		return 0;
	np = realloc(*p, (size_t)(*cap ? *cap * 2 : 64) * sz);
	if (!np)
		return -1;
	*p = np;
	*cap = *cap ? *cap * 2 : 64;
	return 0;
}

static void cp(char *d, size_t n, const char *s)
{
	snprintf(d, n, "%s", s ? s : "");
}

static int count_cb(void *ud, const char *const *c, int n)
{
	pv *v = ud;
	pv_count *k;

	if (n < 6)
		return 0;
	if (grow((void **)&v->c, &v->capc, v->nc, sizeof(*v->c))) {
		v->failed = 1;
		return -1;
	}
	k = &v->c[v->nc++];
	cp(k->theme, sizeof(k->theme), c[0]);
	cp(k->wijk, sizeof(k->wijk), c[1]);
	cp(k->kind, sizeof(k->kind), c[2]);
	cp(k->route, sizeof(k->route), c[3]);
	cp(k->target, sizeof(k->target), c[4]);
	k->n = c[5] ? strtoll(c[5], NULL, 10) : 0;
	return 0;
}

static int theme_cb(void *ud, const char *const *c, int n)
{
	pv *v = ud;
	pv_theme *t;

	if (n < 4 || v->nth == PV_MAX)
		return 0;
	t = &v->th[v->nth++];
	cp(t->key, sizeof(t->key), c[0]);
	cp(t->title, sizeof(t->title), c[1]);
	t->field = c[2] ? (int)strtol(c[2], NULL, 10) : 0;
	t->own = c[3] && c[3][0] == '1';
	return 0;
}

static int entry_cb(void *ud, const char *const *c, int n)
{
	pv *v = ud;
	pv_entry *e;

	if (n < 6)
		return 0;
	if (grow((void **)&v->e, &v->cape, v->ne, sizeof(*v->e))) {
		v->failed = 1;
		return -1;
	}
	e = &v->e[v->ne++];
	cp(e->kind, sizeof(e->kind), c[0]);
	cp(e->theme, sizeof(e->theme), c[1]);
	cp(e->crit, sizeof(e->crit), c[2]);
	e->value = c[3] ? strtod(c[3], NULL) : 0;
	cp(e->text, sizeof(e->text), c[4]);
	cp(e->text2, sizeof(e->text2), c[5]);
	return 0;
}

/* rows of evals_list: kind, id, priority, theme, title, direction, unit,
 * baseline, target, result, margin, …: goals with a theme and a verdict */
static int eval_cb(void *ud, const char *const *c, int n)
{
	pv *v = ud;
	int i, verdict;

	if (n < 11 || strcmp(c[0], "goal") || !c[3] || !c[5])
		return 0;
	verdict = ivp__eval_verdict(c[5], c[8] ? strtod(c[8], NULL) : NAN, c[9] ? strtod(c[9], NULL) : NAN,
				    c[10] ? strtod(c[10], NULL) : NAN);
	if (verdict == IVP__EV_NOT_MEASURABLE)
		return 0;
	for (i = 0; i < v->nev; i++)
		if (!strcmp(v->ev_theme[i], c[3]))
			break;
	if (i == v->nev) {
		if (v->nev == PV_MAX)
			return 0;
		cp(v->ev_theme[v->nev++], 64, c[3]);
	}
	v->ev_measured[i]++;
	v->ev_missed[i] += verdict == IVP__EV_NOT_ACHIEVED;
	return 0;
}

static int first_cb(void *ud, const char *const *c, int n)
{
	pv *v = ud;

	if (n >= 1 && c[0] && !v->trajectory[0])
		cp(v->trajectory, sizeof(v->trajectory), c[0]);
	return 0;
}

typedef struct pv_find {
	const char *id;
	int found;
} pv_find;

static int find_cb(void *ud, const char *const *c, int n)
{
	pv_find *f = ud;

	if (n >= 1 && c[0] && !strcmp(c[0], f->id))
		f->found = 1;
	return 0;
}

static ivp_rc oom(pv *v)
{
	ivp__error_clear(&v->ctx->err);
	return ivp__fail(v->ctx, IVP_ENOMEM, "out of memory");
}

static ivp_rc load(pv *v, const char *trajectory, int entries)
{
	ivp_rc rc;

	if (trajectory) {
		pv_find f = { trajectory, 0 };

		if ((rc = ivp__store_pt_trajectories_list(v->ctx, find_cb, &f)))
			return rc;
		if (!f.found) {
			ivp__fail(v->ctx, IVP_EINPUT, "unknown trajectory \"%s\"", trajectory);
			ivp__code(v->ctx, "unknown_trajectory");
			ivp__hint(v->ctx, "ivp participation trajectories lists them.");
			return IVP_EINPUT;
		}
		cp(v->trajectory, sizeof(v->trajectory), trajectory);
	} else if ((rc = ivp__store_pt_trajectories_list(v->ctx, first_cb, v))) {
		return rc;
	}
	if ((rc = ivp__store_pt_themes_list(v->ctx, theme_cb, v)))
		return rc;
	if (v->trajectory[0] && (rc = ivp__store_pt_theme_counts(v->ctx, v->trajectory, count_cb, v)))
		return v->failed ? oom(v) : rc;
	if (entries && (rc = ivp__store_pt_entries_list(v->ctx, entry_cb, v)))
		return v->failed ? oom(v) : rc;
	if (entries && (rc = ivp__store_pt_evals_list(v->ctx, NULL, eval_cb, v)))
		return rc;
	return IVP_OK;
}

static const pv_theme *theme_of(const pv *v, const char *key)
{
	int i;

	for (i = 0; i < v->nth; i++)
		if (!strcmp(v->th[i].key, key))
			return &v->th[i];
	return NULL;
}

static const char *title_of(const pv *v, const char *key)
{
	const pv_theme *t = theme_of(v, key);

	return t ? t->title : key;
}

/* The current plan, read once (NULL when there is none or it does not read). */
static const pl_plan *plan_of(pv *v)
{
	ivp__plan_version pvs;

	if (v->plan_read)
		return v->plan;
	v->plan_read = 1;
	memset(&pvs, 0, sizeof(pvs));
	if (ivp__store_plan_version_get(v->ctx, 0, &pvs)) {
		ivp__error_clear(&v->ctx->err);
		return NULL;
	}
	{
		pl_problems pr = { 0 };

		v->plan = ivp__plan_read(pvs.doc, strlen(pvs.doc), &pr);
		ivp__pl_problems_free(&pr);
	}
	free(pvs.doc);
	return v->plan;
}

/* The title of the priority, goal or measure id of the current plan, NULL when it has none. */
static const char *plan_title(const pl_plan *p, const char *route, const char *id)
{
	int i, j, k;

	for (i = 0; p && i < p->priorities.n; i++) {
		const pl_priority *pr = ARR(p->priorities, pl_priority, i);

		if (!strcmp(route, "priority") && !strcmp(pr->id, id))
			return pr->title;
		for (j = 0; !strcmp(route, "goal") && j < pr->ambitions.n; j++) {
			const pl_ambition *am = ARR(pr->ambitions, pl_ambition, j);

			for (k = 0; k < am->goals.n; k++)
				if (!strcmp(ARR(am->goals, pl_goal, k)->id, id))
					return ARR(am->goals, pl_goal, k)->title;
		}
	}
	for (i = 0; p && !strcmp(route, "measure") && i < p->implementation.n; i++) {
		const pl_impl *im = ARR(p->implementation, pl_impl, i);

		for (j = 0; j < im->measures.n; j++)
			if (!strcmp(ARR(im->measures, pl_measure, j)->id, id))
				return ARR(im->measures, pl_measure, j)->title;
	}
	return NULL;
}

/*
 * A route's target as people read it: the title of the priority, goal or
 * measure of the current plan ("De aanpak van ondermijnende
 * criminaliteit"), the id with a note when the plan has no such item, and
 * the target itself for the other routes (the policy or partner it was
 * passed to). Valid until the next call.
 */
static const char *target_title(pv *v, const char *route, const char *target)
{
	const char *t;

	if (!route || !target || !target[0] ||
	    (strcmp(route, "priority") && strcmp(route, "goal") && strcmp(route, "measure")))
		return target ? target : "";
	if ((t = plan_title(plan_of(v), route, target)))
		return t;
	snprintf(v->tt, sizeof(v->tt), L(v->lang, "%s (not in the current plan)"), target);
	return v->tt;
}

/* ---- the table builder --------------------------------------------------------- */

typedef struct col {
	const char *name;
	int flags, dec;
} col;

static ivp_table *table_of(const col *cols, int n)
{
	ivp_table *t = ivp__table_new();
	int i;

	for (i = 0; t && i < n; i++)
		if (ivp__table_col(t, cols[i].name, cols[i].flags, cols[i].dec) < 0) {
			ivp_table_free(t);
			return NULL;
		}
	return t;
}

/* A count as published: the number, or NULL with "< 5" / the secondary word. */
static int set_count(ivp_table *t, int ccount, int cshown, int chidden, int64_t n, int flag,
		     const char *lang)
{
	char b[32];

	if (flag == IVP__SHOW) {
		snprintf(b, sizeof(b), "%lld", (long long)n);
		return ivp__table_set_int(t, ccount, n) || ivp__table_set_text(t, cshown, b) ||
		       ivp__table_set_text(t, chidden, "");
	}
	return ivp__table_set_text(t, cshown, flag == IVP__HIDE_SMALL ? "< 5" : L(lang, "withheld")) ||
	       ivp__table_set_text(t, chidden, flag == IVP__HIDE_SMALL ? "small" : "secondary");
}

static const char *kind_text(const char *lang, const char *k)
{
	return !strcmp(k, "interview")	 ? L(lang, "partner interview") :
	       !strcmp(k, "wijkgesprek") ? L(lang, "neighbourhood talk") :
	       !strcmp(k, "themasessie") ? L(lang, "theme session") :
	       !strcmp(k, "conferentie") ? L(lang, "safety conference") :
	       !strcmp(k, "enquete")	 ? L(lang, "survey or panel") :
	       !strcmp(k, "online")	 ? L(lang, "online consultation") :
					   k;
}

static const char *route_text(const char *lang, const char *r)
{
	return !strcmp(r, "priority")  ? L(lang, "taken into the priority") :
	       !strcmp(r, "goal")      ? L(lang, "taken into the goal") :
	       !strcmp(r, "measure")   ? L(lang, "taken into the measure") :
	       !strcmp(r, "passed")    ? L(lang, "passed to") :
	       !strcmp(r, "not_taken") ? L(lang, "not taken up") :
					 L(lang, "not decided yet");
}

static void wijk_name(ivp_ctx *ctx, const char *code, const char *lang, char out[256])
{
	char level[4], parent[16];

	if (!code[0]) {
		cp(out, 256, L(lang, "no wijk"));
		return;
	}
	if (ivp__store_area_get(ctx, code, out, level, parent)) {
		ivp__error_clear(&ctx->err);
		cp(out, 256, code);
	}
}

static int resident_kind(const char *k)
{
	return !strcmp(k, "wijkgesprek") || !strcmp(k, "conferentie") || !strcmp(k, "enquete") ||
	       !strcmp(k, "online");
}

/* ---- the themes × wijken table (public) ----------------------------------------- */

typedef struct pv_grid {
	char th[PV_MAX][64];
	char wk[PV_MAX][16];
	int nt, nw;
	int64_t *cell;
	unsigned char *fc, fr[PV_MAX], fcol[PV_MAX], fall;
	int64_t rowsum[PV_MAX], colsum[PV_MAX], all;
} pv_grid;

static int index_of(char (*l)[64], int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(l[i], s))
			return i;
	return -1;
}

static int windex(char (*l)[16], int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(l[i], s))
			return i;
	return -1;
}

static int grid_of(const pv *v, pv_grid *g)
{
	int i, t, w, nowijk = 0;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < v->nc; i++) {
		if (index_of(g->th, g->nt, v->c[i].theme) < 0 && g->nt < PV_MAX)
			cp(g->th[g->nt++], 64, v->c[i].theme);
		if (!v->c[i].wijk[0])
			nowijk = 1;
		else if (windex(g->wk, g->nw, v->c[i].wijk) < 0 && g->nw < PV_MAX - 1)
			cp(g->wk[g->nw++], 16, v->c[i].wijk);
	}
	/* wijken by code, "no wijk" last */
	for (i = 1; i < g->nw; i++)
		for (w = i; w > 0 && strcmp(g->wk[w - 1], g->wk[w]) > 0; w--) {
			char tmp[16];

			memcpy(tmp, g->wk[w], 16);
			memcpy(g->wk[w], g->wk[w - 1], 16);
			memcpy(g->wk[w - 1], tmp, 16);
		}
	if (nowijk)
		g->wk[g->nw++][0] = '\0';
	if (!g->nt || !g->nw)
		return 0;
	g->cell = calloc((size_t)(g->nt * g->nw), sizeof(*g->cell));
	g->fc = calloc((size_t)(g->nt * g->nw), 1);
	if (!g->cell || !g->fc)
		return -1;
	for (i = 0; i < v->nc; i++) {
		t = index_of(g->th, g->nt, v->c[i].theme);
		w = windex(g->wk, g->nw, v->c[i].wijk);
		if (t >= 0 && w >= 0)
			g->cell[t * g->nw + w] += v->c[i].n;
	}
	for (t = 0; t < g->nt; t++)
		for (w = 0; w < g->nw; w++) {
			g->rowsum[t] += g->cell[t * g->nw + w];
			g->colsum[w] += g->cell[t * g->nw + w];
			g->all += g->cell[t * g->nw + w];
		}
	ivp__suppress_table(g->cell, g->nt, g->nw, g->fc, g->fr, g->fcol, &g->fall);
	return 0;
}

static void grid_free(pv_grid *g)
{
	free(g->cell);
	free(g->fc);
}

static ivp_rc themes_table(pv *v, ivp_table **out)
{
	static const col cols[] = { { "theme", 0, 0 }, { "title", IVP__COL_BRIEF, 0 }, { "wijk", 0, 0 }, { "wijk_name", IVP__COL_BRIEF, 0 }, { "row", 0, 0 }, { "count", 0, 0 }, { "shown", IVP__COL_BRIEF, 0 }, { "suppressed", 0, 0 } };
	pv_grid g;
	ivp_table *t = table_of(cols, 8);
	int i, w, bad = !t;
	char name[256];

	if (!t || grid_of(v, &g)) {
		ivp_table_free(t);
		if (t)
			grid_free(&g);
		return oom(v);
	}
	for (i = 0; !bad && i <= g.nt; i++)
		for (w = 0; !bad && w <= g.nw; w++) {
			int last_t = i == g.nt, last_w = w == g.nw;
			int64_t n = last_t ? (last_w ? g.all : g.colsum[w]) : last_w ? g.rowsum[i] :
										       g.cell[i * g.nw + w];
			int fl = last_t ? (last_w ? g.fall : g.fcol[w]) : last_w ? g.fr[i] :
										   g.fc[i * g.nw + w];

			if (last_w)
				cp(name, sizeof(name), L(v->lang, "all wijken"));
			else
				wijk_name(v->ctx, g.wk[w], v->lang, name);
			bad = ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, last_t ? "" : g.th[i]) ||
			      ivp__table_set_text(t, 1, last_t ? L(v->lang, "all themes") : title_of(v, g.th[i])) ||
			      ivp__table_set_text(t, 2, last_w ? "" : g.wk[w]) || ivp__table_set_text(t, 3, name) ||
			      ivp__table_set_text(t, 4, last_t ? (last_w ? "total" : "wijk_total") : last_w ? "theme_total" :
													      "cell") ||
			      set_count(t, 5, 6, 7, n, fl, v->lang);
		}
	if (!bad)
		bad = ivp__table_note(t, "%s", L(v->lang, "Counts of 1 to 4 are shown as \"< 5\"; a count that together with a total would give such a count back is withheld as well. An input with two themes counts for each.")) < 0;
	grid_free(&g);
	if (bad) {
		ivp_table_free(t);
		return oom(v);
	}
	*out = t;
	return IVP_OK;
}

/* ---- what was done, per theme (public) ------------------------------------------- */

static ivp_rc routes_table(pv *v, ivp_table **out)
{
	static const col cols[] = { { "theme", 0, 0 }, { "title", IVP__COL_BRIEF, 0 }, { "route", 0, 0 }, { "route_text", IVP__COL_BRIEF, 0 }, { "target", 0, 0 }, { "count", 0, 0 }, { "shown", IVP__COL_BRIEF, 0 }, { "suppressed", 0, 0 }, { "target_title", IVP__COL_BRIEF, 0 } };
	pv_grid g;
	ivp_table *t = table_of(cols, 9);
	int i, k, bad = !t;

	if (!t || grid_of(v, &g)) {
		ivp_table_free(t);
		if (t)
			grid_free(&g);
		return oom(v);
	}
	for (i = 0; !bad && i < g.nt; i++) {
		char rt[PV_MAX][16], tg[PV_MAX][160];
		int64_t parts[PV_MAX];
		unsigned char fl[PV_MAX];
		int np = 0;

		for (k = 0; k < v->nc; k++) {
			int p;

			if (strcmp(v->c[k].theme, g.th[i]))
				continue;
			for (p = 0; p < np; p++)
				if (!strcmp(rt[p], v->c[k].route) && !strcmp(tg[p], v->c[k].target))
					break;
			if (p == np) {
				if (np == PV_MAX)
					continue;
				cp(rt[np], 16, v->c[k].route);
				cp(tg[np], 160, v->c[k].target);
				parts[np++] = 0;
			}
			parts[p] += v->c[k].n;
		}
		ivp__suppress_parts(parts, np, g.fr[i], fl);
		for (k = 0; !bad && k < np; k++)
			bad = ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, g.th[i]) ||
			      ivp__table_set_text(t, 1, title_of(v, g.th[i])) || ivp__table_set_text(t, 2, rt[k]) ||
			      ivp__table_set_text(t, 3, route_text(v->lang, rt[k])) || ivp__table_set_text(t, 4, tg[k]) ||
			      set_count(t, 5, 6, 7, parts[k], fl[k], v->lang) ||
			      ivp__table_set_text(t, 8, target_title(v, rt[k], tg[k]));
	}
	grid_free(&g);
	if (bad) {
		ivp_table_free(t);
		return oom(v);
	}
	*out = t;
	return IVP_OK;
}

/* ---- activities (public) and inputs ------------------------------------------------ */

typedef struct pv_rows {
	pv *v;
	ivp_table *t;
	int bad, undecided;
	char undecided_refs[256];
} pv_rows;

/* rows: id, kind, date, place, wijk, organisations, participants, report, illustration, inputs */
static int activity_cb(void *ud, const char *const *c, int n)
{
	pv_rows *r = ud;
	ivp_table *t = r->t;
	char name[256];
	int64_t part = c[6] ? strtoll(c[6], NULL, 10) : -1;
	int64_t nin = n >= 10 && c[9] ? strtoll(c[9], NULL, 10) : 0;

	if (n < 10)
		return 0;
	wijk_name(r->v->ctx, c[4] ? c[4] : "", r->v->lang, name);
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, c[0]) || ivp__table_set_text(t, 1, c[1]) ||
	    ivp__table_set_text(t, 2, kind_text(r->v->lang, c[1] ? c[1] : "")) || ivp__table_set_text(t, 3, c[2]) ||
	    ivp__table_set_text(t, 4, c[3]) || ivp__table_set_text(t, 5, c[4] ? c[4] : "") ||
	    ivp__table_set_text(t, 6, c[4] ? name : "") || ivp__table_set_text(t, 7, c[5]) ||
	    (part >= 0 ? set_count(t, 8, 9, 10, part, ivp__suppress_one(part), r->v->lang) :
			 ivp__table_set_text(t, 9, L(r->v->lang, "not known"))) ||
	    /* an activity's number of inputs, suppressed like every count of the
	     * trajectory: a wijkgesprek's 1-4 inputs would otherwise give back the
	     * wijk's hidden total (null: "< 5") */
	    (ivp__suppress_one(nin) == IVP__SHOW && ivp__table_set_int(t, 11, nin)) ||
	    ivp__table_set_text(t, 12, c[7]) ||
	    ivp__table_set_text(t, 13, c[8] && c[8][0] == '1' ? L(r->v->lang, "illustration") : "")) {
		r->bad = 1;
		return -1;
	}
	return 0;
}

static ivp_rc activities_table(pv *v, ivp_table **out)
{
	static const col cols[] = { { "activity", 0, 0 }, { "kind", 0, 0 }, { "kind_text", IVP__COL_BRIEF, 0 }, { "date", IVP__COL_BRIEF, 0 }, { "place", IVP__COL_BRIEF, 0 }, { "wijk", 0, 0 }, { "wijk_name", 0, 0 }, { "organisations", IVP__COL_BRIEF, 0 }, { "participants", 0, 0 }, { "participants_shown", IVP__COL_BRIEF, 0 }, { "suppressed", 0, 0 }, { "inputs", IVP__COL_BRIEF, 0 }, { "report", 0, 0 }, { "illustration", IVP__COL_BRIEF, 0 } };
	pv_rows r = { v, table_of(cols, 14), 0, 0, "" };
	ivp_rc rc;

	if (!r.t)
		return oom(v);
	rc = v->trajectory[0] ? ivp__store_pt_activities_list(v->ctx, v->trajectory, activity_cb, &r) : IVP_OK;
	if (r.bad)
		rc = oom(v);
	if (rc) {
		ivp_table_free(r.t);
		return rc;
	}
	*out = r.t;
	return IVP_OK;
}

/* The titles of themes, a list of keys separated by commas as the store
 * gives them ("jeugdgroepen,ondermijning"), into out (n bytes) separated
 * by "; "; a key without a theme stays as it is. */
static void theme_titles(const pv *v, const char *keys, char *out, size_t n)
{
	size_t k = 0;

	out[0] = '\0';
	while (keys && *keys && k + 1 < n) {
		size_t len = strcspn(keys, ",");
		char key[64];

		snprintf(key, sizeof(key), "%.*s", (int)(len < sizeof(key) ? len : sizeof(key) - 1), keys);
		k += (size_t)snprintf(out + k, n - k, "%s%s", k ? "; " : "", title_of(v, key));
		if (k >= n)
			k = n - 1;
		keys += len + (keys[len] == ',');
	}
}

/* rows: activity, ref, statement, themes, wijk, route, target, reason, kind */
static int input_cb(void *ud, const char *const *c, int n)
{
	pv_rows *r = ud;
	ivp_table *t = r->t;
	char titles[512];

	if (n < 9)
		return 0;
	theme_titles(r->v, c[3], titles, sizeof(titles));
	if (!c[5] || !c[5][0]) {
		size_t l = strlen(r->undecided_refs);

		if (r->undecided++ < 8 && l < sizeof(r->undecided_refs) - 40)
			snprintf(r->undecided_refs + l, sizeof(r->undecided_refs) - l, "%s%s/%s", l ? ", " : "",
				 c[0], c[1]);
	}
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, c[0]) || ivp__table_set_text(t, 1, c[1]) ||
	    ivp__table_set_text(t, 2, c[2]) || ivp__table_set_text(t, 3, c[3]) || ivp__table_set_text(t, 4, c[4]) ||
	    ivp__table_set_text(t, 5, c[5]) || ivp__table_set_text(t, 6, route_text(r->v->lang, c[5] ? c[5] : "")) ||
	    ivp__table_set_text(t, 7, c[6]) || ivp__table_set_text(t, 8, c[7]) || ivp__table_set_text(t, 9, c[8]) ||
	    ivp__table_set_text(t, 10, target_title(r->v, c[5], c[6])) || ivp__table_set_text(t, 11, titles)) {
		r->bad = 1;
		return -1;
	}
	return 0;
}

static ivp_rc inputs_table(pv *v, ivp_table **out)
{
	static const col cols[] = { { "activity", IVP__COL_BRIEF, 0 }, { "ref", IVP__COL_BRIEF, 0 }, { "statement", IVP__COL_BRIEF, 0 }, { "themes", IVP__COL_BRIEF, 0 }, { "wijk", 0, 0 }, { "route", 0, 0 }, { "route_text", IVP__COL_BRIEF, 0 }, { "target", 0, 0 }, { "reason", 0, 0 }, { "kind", 0, 0 }, { "target_title", IVP__COL_BRIEF, 0 }, { "theme_titles", IVP__COL_BRIEF, 0 } };
	pv_rows r = { v, table_of(cols, 12), 0, 0, "" };
	ivp_rc rc;

	if (!r.t)
		return oom(v);
	rc = v->trajectory[0] ? ivp__store_pt_inputs_list(v->ctx, v->trajectory, input_cb, &r) : IVP_OK;
	if (r.bad)
		rc = oom(v);
	if (!rc && r.undecided &&
	    ivp__table_note(r.t, ivp_msg_trn(v->lang, "%d input has no route yet (what was done with it is not decided): %s%s", "%d inputs have no route yet (what was done with them is not decided): %s%s", r.undecided),
			    r.undecided, r.undecided_refs, r.undecided > 8 ? ", …" : "") < 0)
		rc = oom(v);
	if (rc) {
		ivp_table_free(r.t);
		return rc;
	}
	*out = r.t;
	return IVP_OK;
}

static ivp_rc themelist_table(pv *v, ivp_table **out)
{
	static const col cols[] = { { "theme", IVP__COL_BRIEF, 0 }, { "title", IVP__COL_BRIEF, 0 }, { "field", IVP__COL_BRIEF, 0 }, { "own", IVP__COL_BRIEF, 0 } };
	ivp_table *t = table_of(cols, 4);
	int i, bad = !t;

	for (i = 0; !bad && i < v->nth; i++)
		bad = ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, v->th[i].key) ||
		      ivp__table_set_text(t, 1, v->th[i].title) || ivp__table_set_int(t, 2, v->th[i].field) ||
		      ivp__table_set_text(t, 3, v->th[i].own ? L(v->lang, "own") : "Kernbeleid Veiligheid");
	if (bad) {
		ivp_table_free(t);
		return oom(v);
	}
	*out = t;
	return IVP_OK;
}

/* ---- the matrix -------------------------------------------------------------------- */

typedef struct pv_mx {
	char key[PV_MAX][64];
	ivp__mx_theme m[PV_MAX];
	int64_t nres[PV_MAX], npart[PV_MAX];
	const pv_entry *score[PV_MAX][IVP__MX_NCRIT];
	const pv_entry *choice[PV_MAX];
	int ev_missed[PV_MAX], ev_measured[PV_MAX];
	int n, has_regional, nchosen;
	double w[IVP__MX_NCRIT];
	int w_given[IVP__MX_NCRIT];
	const pv_entry *crime[PV_MAX]; /* the theme's registered crime (kind crime), NULL: none */
	char csrc[PV_MAX][2][320];     /* size and trend: the figures they come from, or why none */
	const char *area;	       /* the area of size and trend */
} pv_mx;

static int mx_add(pv_mx *x, const char *key)
{
	int i;

	for (i = 0; i < x->n; i++)
		if (!strcmp(x->key[i], key))
			return i;
	if (x->n == PV_MAX)
		return -1;
	cp(x->key[x->n], 64, key);
	return x->n++;
}

/* ---- size and trend from registered crime ------------------------------------------ */

static int tcol(const ivp_table *t, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	return -1;
}

static double treal(const ivp_table *t, int r, const char *name)
{
	int c = tcol(t, name);

	if (c < 0)
		return NAN;
	switch (ivp_table_cell_type(t, r, c)) {
	case IVP_CELL_REAL:
		return ivp_table_real(t, r, c);
	case IVP_CELL_INT:
		return (double)ivp_table_int(t, r, c);
	default:
		return NAN;
	}
}

static const char *ttext(const ivp_table *t, int r, const char *name)
{
	int c = tcol(t, name);

	return c >= 0 && ivp_table_cell_type(t, r, c) == IVP_CELL_TEXT ? ivp_table_text(t, r, c) : "";
}

/* The newest year with a count of key in area, 0: none. */
static int crime_last_year(pv *v, const char *area, const char *key)
{
	ivp_indicator_query q;
	ivp_table *t = NULL;
	int i, last = 0, c;

	memset(&q, 0, sizeof(q));
	q.area = area;
	q.indicator = key;
	q.small_threshold = -1;
	q.lang = v->lang;
	if (ivp_indicator_series(v->ctx, &q, 1990, 2100, &t)) {
		ivp__error_clear(&v->ctx->err);
		return 0;
	}
	c = tcol(t, "year");
	for (i = 0; c >= 0 && i < ivp_table_nrows(t); i++)
		if (!isnan(treal(t, i, "count")) && ivp_table_int(t, i, c) > last)
			last = (int)ivp_table_int(t, i, c);
	ivp_table_free(t);
	return last;
}

/*
 * Size and trend of theme k from its registered crime: the newest year's
 * rate against the Netherlands (NL01), and the change since four years
 * before (three when that year has no count), each with its exact
 * interval, scored by ivp__mx_ratio_score. x->csrc says which figures they
 * come from, or why there are none (then an entered score stays).
 */
static void mx_crime(pv *v, pv_mx *x, int k)
{
	static const char *const nl[] = { "NL01" };
	const char *key = x->crime[k]->text;
	ivp_indicator_query q;
	ivp_table *t = NULL;
	int last, back, c;

	if (!x->area || !(last = crime_last_year(v, x->area, key))) {
		for (c = 0; c < 2; c++)
			snprintf(x->csrc[k][c], sizeof(x->csrc[k][c]), L(v->lang, "no registered crime for %s in %s"), key,
				 x->area ? x->area : "–");
		return;
	}
	for (back = 4; back >= 3; back--) {
		memset(&q, 0, sizeof(q));
		q.area = x->area;
		q.indicator = key;
		q.year = last;
		q.baseline = last - back;
		q.compare = nl;
		q.ncompare = 1;
		q.small_threshold = -1;
		q.lang = v->lang;
		ivp_table_free(t);
		t = NULL;
		if (ivp_indicators(v->ctx, &q, &t) || !ivp_table_nrows(t)) {
			ivp__error_clear(&v->ctx->err);
			ivp_table_free(t);
			return;
		}
		if (!isnan(treal(t, 0, "baseline_ratio")))
			break;
	}
	{
		double r = treal(t, 0, "cmp1_ratio"), b = treal(t, 0, "baseline_ratio");
		double s = ivp__mx_ratio_score(r, treal(t, 0, "cmp1_lo"), treal(t, 0, "cmp1_hi"));
		double tr = ivp__mx_ratio_score(b, treal(t, 0, "baseline_lo"), treal(t, 0, "baseline_hi"));
		char a[48], n[48], p[48], bs[48];

		ivp_format_number(v->lang, treal(t, 0, "per_1000"), 2, a, sizeof(a));
		ivp_format_number(v->lang, treal(t, 0, "NL01_per_1000"), 2, n, sizeof(n));
		ivp_format_number(v->lang, r, 2, p, sizeof(p));
		if (!isnan(s)) {
			x->m[k].score[IVP__MX_SIZE] = s;
			x->m[k].has[IVP__MX_SIZE] = x->m[k].from_data[IVP__MX_SIZE] = 1;
			snprintf(x->csrc[k][0], sizeof(x->csrc[k][0]),
				 L(v->lang, "data: %s in %d, %s per 1,000 inhabitants against %s in the Netherlands (ratio %s: %s; import %lld)"),
				 key, last, a, n, p, ttext(t, 0, "vs_NL01"), (long long)treal(t, 0, "import"));
		} else {
			snprintf(x->csrc[k][0], sizeof(x->csrc[k][0]), L(v->lang, "no figure for the Netherlands of %s in %d"), key, last);
		}
		ivp_format_number(v->lang, treal(t, 0, "baseline_per_1000"), 2, bs, sizeof(bs));
		ivp_format_number(v->lang, b, 2, p, sizeof(p));
		if (!isnan(tr)) {
			x->m[k].score[IVP__MX_TREND] = tr;
			x->m[k].has[IVP__MX_TREND] = x->m[k].from_data[IVP__MX_TREND] = 1;
			snprintf(x->csrc[k][1], sizeof(x->csrc[k][1]),
				 L(v->lang, "data: %s from %d to %d, %s to %s per 1,000 inhabitants (ratio %s: %s; import %lld)"),
				 key, last - back, last, bs, a, p, ttext(t, 0, "baseline_verdict"), (long long)treal(t, 0, "import"));
		} else {
			snprintf(x->csrc[k][1], sizeof(x->csrc[k][1]), L(v->lang, "no count of %s three or four years before %d"), key, last);
		}
	}
	ivp_table_free(t);
}

/* The matrix of v into x (ranked, with its sensitivity). -1: no weight > 0. */
static int mx_build(pv *v, pv_mx *x)
{
	int64_t maxr = 0, maxp = 0;
	int i, c, k;

	memset(x, 0, sizeof(*x));
	for (c = 0; c < IVP__MX_NCRIT; c++)
		x->w[c] = 1;
	for (i = 0; i < v->nth; i++)
		if (v->th[i].own)
			mx_add(x, v->th[i].key);
	for (i = 0; i < v->nc; i++) {
		if ((k = mx_add(x, v->c[i].theme)) < 0)
			continue;
		if (resident_kind(v->c[i].kind))
			x->nres[k] += v->c[i].n;
		else
			x->npart[k] += v->c[i].n;
	}
	for (i = 0; i < v->ne; i++) {
		const pv_entry *e = &v->e[i];

		if (!strcmp(e->kind, "weight")) {
			if ((c = ivp__mx_crit_of(e->crit)) >= 0) {
				x->w[c] = e->value;
				x->w_given[c] = 1;
			}
			continue;
		}
		if (!strcmp(e->kind, "area") || (k = mx_add(x, e->theme)) < 0)
			continue;
		if (!strcmp(e->kind, "score") && (c = ivp__mx_crit_of(e->crit)) >= 0) {
			x->score[k][c] = e;
			x->m[k].score[c] = e->value;
			x->m[k].has[c] = 1;
		} else if (!strcmp(e->kind, "regional")) {
			x->has_regional = 1;
			x->score[k][IVP__MX_REGIONAL] = e;
		} else if (!strcmp(e->kind, "choice")) {
			x->choice[k] = e;
			x->nchosen += e->value == 1;
		} else if (!strcmp(e->kind, "crime")) {
			x->crime[k] = e;
		}
	}
	/* size and trend from registered crime: over an entered score */
	for (i = 0; i < v->ne; i++)
		if (!strcmp(v->e[i].kind, "area"))
			x->area = v->e[i].text;
	if (!x->area && plan_of(v) && v->plan->municipality)
		x->area = v->plan->municipality;
	for (k = 0; k < x->n; k++)
		if (x->crime[k])
			mx_crime(v, x, k);
	for (i = 0; i < v->nev; i++)
		if ((k = mx_add(x, v->ev_theme[i])) >= 0) {
			/* from the data: the share of its measured goals not achieved */
			x->m[k].score[IVP__MX_EVALUATION] = 5.0 * v->ev_missed[i] / v->ev_measured[i];
			x->m[k].has[IVP__MX_EVALUATION] = x->m[k].from_data[IVP__MX_EVALUATION] = 1;
			x->ev_missed[k] = v->ev_missed[i];
			x->ev_measured[k] = v->ev_measured[i];
		}
	for (k = 0; k < x->n; k++) {
		if (x->nres[k] > maxr)
			maxr = x->nres[k];
		if (x->npart[k] > maxp)
			maxp = x->npart[k];
	}
	for (k = 0; k < x->n; k++) {
		if (maxr > 0) {
			x->m[k].score[IVP__MX_RESIDENTS] = 5.0 * (double)x->nres[k] / (double)maxr;
			x->m[k].has[IVP__MX_RESIDENTS] = x->m[k].from_data[IVP__MX_RESIDENTS] = 1;
		}
		if (maxp > 0) {
			x->m[k].score[IVP__MX_PARTNERS] = 5.0 * (double)x->npart[k] / (double)maxp;
			x->m[k].has[IVP__MX_PARTNERS] = x->m[k].from_data[IVP__MX_PARTNERS] = 1;
		}
		if (x->has_regional) {
			x->m[k].score[IVP__MX_REGIONAL] = x->score[k][IVP__MX_REGIONAL] ? 5 : 0;
			x->m[k].has[IVP__MX_REGIONAL] = x->m[k].from_data[IVP__MX_REGIONAL] = 1;
		}
	}
	return ivp__mx_sensitivity(x->m, x->n, x->w);
}

static const char *source_of(const pv *v, const pv_mx *x, int k, int c, char *b, size_t n)
{
	if ((c == IVP__MX_SIZE || c == IVP__MX_TREND) && x->crime[k]) {
		const char *why = x->csrc[k][c == IVP__MX_TREND];

		if (x->m[k].from_data[c])
			snprintf(b, n, "%s", why);
		else if (x->m[k].has[c])
			snprintf(b, n, L(v->lang, "entered: %s (%s)"), x->score[k][c] ? x->score[k][c]->text : "", why);
		else
			snprintf(b, n, L(v->lang, "no data (%s)"), why);
		return b;
	}
	if (!x->m[k].has[c])
		return L(v->lang, "no data");
	if (c == IVP__MX_RESIDENTS)
		snprintf(b, n, ivp_msg_trn(v->lang, "data: %lld input from residents", "data: %lld inputs from residents", x->nres[k]), (long long)x->nres[k]);
	else if (c == IVP__MX_PARTNERS)
		snprintf(b, n, ivp_msg_trn(v->lang, "data: %lld input from partners", "data: %lld inputs from partners", x->npart[k]), (long long)x->npart[k]);
	else if (c == IVP__MX_EVALUATION && x->m[k].from_data[c])
		snprintf(b, n, L(v->lang, "evaluation: %d of %d measured goals of the previous plan not achieved"), x->ev_missed[k],
			 x->ev_measured[k]);
	else if (c == IVP__MX_REGIONAL) {
		if (x->score[k][c])
			snprintf(b, n, L(v->lang, "regional plan: %s"), x->score[k][c]->text);
		else
			snprintf(b, n, "%s", L(v->lang, "not in the regional plan"));
	} else
		snprintf(b, n, L(v->lang, "entered: %s"), x->score[k][c] ? x->score[k][c]->text : "");
	return b;
}

static ivp_rc weights_note(const pv *v, const pv_mx *x, ivp_table *t)
{
	char b[512];
	size_t l = 0;
	int c, dflt = 0;

	for (c = 0; c < IVP__MX_NCRIT; c++) {
		l += (size_t)snprintf(b + l, sizeof(b) - l, "%s%s %g", c ? ", " : "", ivp__mx_crit[c], x->w[c]);
		dflt += !x->w_given[c];
		if (l >= sizeof(b))
			break;
	}
	if (ivp__table_note(t, L(v->lang, "Weights: %s%s"), b,
			    dflt ? L(v->lang, " (a weight not given in the matrix file is 1)") : "") < 0)
		return IVP_ENOMEM;
	return IVP_OK;
}

static ivp_rc matrix_table(pv *v, ivp_table **out, int sensitivity)
{
	pv_mx *x = calloc(1, sizeof(*x));
	ivp_table *t = ivp__table_new();
	char name[40], b[640];
	int c, k, bad = !t || !x, top;

	if (bad) {
		free(x);
		ivp_table_free(t);
		return oom(v);
	}
	if (mx_build(v, x)) {
		free(x);
		ivp_table_free(t);
		ivp__fail(v->ctx, IVP_EINPUT, "the priority matrix has no weight above 0");
		ivp__code(v->ctx, "no_weights");
		ivp__hint(v->ctx, "Give at least one criterion a weight above 0 in the matrix file (kind weight).");
		return IVP_EINPUT;
	}
	top = x->nchosen ? x->nchosen : 4;
	bad = ivp__table_col(t, "theme", 0, 0) < 0 || ivp__table_col(t, "title", IVP__COL_BRIEF, 0) < 0;
	if (!sensitivity)
		for (c = 0; !bad && c < IVP__MX_NCRIT; c++) {
			snprintf(name, sizeof(name), "%s_source", ivp__mx_crit[c]);
			bad = ivp__table_col(t, ivp__mx_crit[c], IVP__COL_BRIEF, 1) < 0 || ivp__table_col(t, name, 0, 0) < 0;
			snprintf(name, sizeof(name), "%s_from", ivp__mx_crit[c]);
			bad = bad || ivp__table_col(t, name, 0, 0) < 0;
		}
	bad = bad || ivp__table_col(t, "total", IVP__COL_BRIEF, 2) < 0 || ivp__table_col(t, "rank", IVP__COL_BRIEF, 0) < 0;
	if (sensitivity)
		bad = bad || ivp__table_col(t, "rank_min", IVP__COL_BRIEF, 0) < 0 ||
		      ivp__table_col(t, "rank_max", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(t, "verdict", IVP__COL_BRIEF, 0) < 0;
	else
		bad = bad || ivp__table_col(t, "missing", 0, 0) < 0 || ivp__table_col(t, "chosen", IVP__COL_BRIEF, 0) < 0 ||
		      ivp__table_col(t, "choice", 0, 0) < 0 ||
		      ivp__table_col(t, "reasoning", 0, 0) < 0 || ivp__table_col(t, "destination", 0, 0) < 0;
	for (int r = 1; !bad && r <= x->n; r++) /* by rank, then key */
		for (k = 0; !bad && k < x->n; k++) {
			const ivp__mx_theme *m = &x->m[k];
			int ci = 2;

			if (m->rank != r)
				continue;
			bad = ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, x->key[k]) ||
			      ivp__table_set_text(t, 1, title_of(v, x->key[k]));
			if (!sensitivity)
				for (c = 0; !bad && c < IVP__MX_NCRIT; c++, ci += 3)
					bad = ivp__table_set_real(t, ci, m->has[c] ? m->score[c] : NAN) ||
					      ivp__table_set_text(t, ci + 1, source_of(v, x, k, c, b, sizeof(b))) ||
					      ivp__table_set_text(t, ci + 2, !m->has[c] ? "" : m->from_data[c] ? "data" :
														 "entered");
			bad = bad || ivp__table_set_real(t, ci, m->total) || ivp__table_set_int(t, ci + 1, m->rank);
			ci += 2;
			if (sensitivity) {
				if (m->rank <= top && m->rank_max <= top)
					snprintf(b, sizeof(b), L(v->lang, "robust: in the top %d under every weighting"), top);
				else if (m->rank <= top)
					snprintf(b, sizeof(b), L(v->lang, "in the top %d, but not under every weighting"), top);
				else if (m->rank_min <= top)
					snprintf(b, sizeof(b), L(v->lang, "outside the top %d, inside it under another weighting"), top);
				else
					snprintf(b, sizeof(b), L(v->lang, "outside the top %d under every weighting"), top);
				bad = bad || ivp__table_set_int(t, ci, m->rank_min) || ivp__table_set_int(t, ci + 1, m->rank_max) ||
				      ivp__table_set_text(t, ci + 2, b);
			} else {
				const pv_entry *ch = x->choice[k];

				bad = bad || ivp__table_set_int(t, ci, m->nmissing) ||
				      ivp__table_set_text(t, ci + 1, !ch ? "" : ch->value == 1 ? L(v->lang, "chosen") :
												 L(v->lang, "not chosen")) ||
				      (ch && ivp__table_set_int(t, ci + 2, ch->value == 1 ? 1 : 0)) ||
				      ivp__table_set_text(t, ci + 3, ch ? ch->text : "") ||
				      ivp__table_set_text(t, ci + 4, ch ? ch->text2 : "");
			}
		}
	if (!bad && weights_note(v, x, t))
		bad = 1;
	if (!bad && sensitivity)
		bad = ivp__table_note(t, "%s", L(v->lang, "The ranking again with each weight set to 0 and with each weight doubled: rank_min and rank_max are the best and worst rank a theme gets.")) < 0;
	free(x);
	if (bad) {
		ivp_table_free(t);
		return oom(v);
	}
	*out = t;
	return IVP_OK;
}

/* ---- trajectories ------------------------------------------------------------------- */

/* rows: id, plan_id, title, aims, illustration, activities, inputs */
static int trajectory_cb(void *ud, const char *const *c, int n)
{
	pv_rows *r = ud;
	ivp_table *t = r->t;

	if (n < 7)
		return 0;
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, c[0]) || ivp__table_set_text(t, 1, c[1]) ||
	    ivp__table_set_text(t, 2, c[2]) || ivp__table_set_text(t, 3, c[3]) ||
	    ivp__table_set_text(t, 4, c[4] && c[4][0] == '1' ? L(r->v->lang, "illustration") : "") ||
	    ivp__table_set_int(t, 5, c[5] ? strtoll(c[5], NULL, 10) : 0) ||
	    ivp__table_set_int(t, 6, c[6] ? strtoll(c[6], NULL, 10) : 0)) {
		r->bad = 1;
		return -1;
	}
	return 0;
}

static ivp_rc trajectories_table(pv *v, ivp_table **out)
{
	static const col cols[] = { { "trajectory", IVP__COL_BRIEF, 0 }, { "plan", IVP__COL_BRIEF, 0 }, { "title", IVP__COL_BRIEF, 0 }, { "aims", 0, 0 }, { "illustration", IVP__COL_BRIEF, 0 }, { "activities", IVP__COL_BRIEF, 0 }, { "inputs", IVP__COL_BRIEF, 0 } };
	pv_rows r = { v, table_of(cols, 7), 0, 0, "" };
	ivp_rc rc;

	if (!r.t)
		return oom(v);
	rc = ivp__store_pt_trajectories_list(v->ctx, trajectory_cb, &r);
	if (r.bad)
		rc = oom(v);
	if (rc) {
		ivp_table_free(r.t);
		return rc;
	}
	*out = r.t;
	return IVP_OK;
}

ivp_rc ivp_participation(ivp_ctx *ctx, const char *what, const char *trajectory, const char *lang,
			 ivp_table **out)
{
	pv *v = calloc(1, sizeof(*v));
	ivp_rc rc;
	int entries;

	*out = NULL;
	if (!v)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	v->ctx = ctx;
	v->lang = lang ? lang : "nl";
	if (!what)
		what = "trajectories";
	entries = !strcmp(what, "matrix") || !strcmp(what, "sensitivity");
	if (!strcmp(what, "trajectories")) {
		rc = trajectories_table(v, out);
		goto done;
	}
	if ((rc = load(v, trajectory, entries)))
		goto done;
	if (!strcmp(what, "activities"))
		rc = activities_table(v, out);
	else if (!strcmp(what, "inputs"))
		rc = inputs_table(v, out);
	else if (!strcmp(what, "themes"))
		rc = themes_table(v, out);
	else if (!strcmp(what, "routes"))
		rc = routes_table(v, out);
	else if (!strcmp(what, "themelist"))
		rc = themelist_table(v, out);
	else if (entries)
		rc = matrix_table(v, out, !strcmp(what, "sensitivity"));
	else {
		ivp__fail(ctx, IVP_EINPUT, "unknown participation table \"%s\"", what);
		ivp__code(ctx, "bad_option");
		ivp__hint(ctx, "Use trajectories, activities, inputs, themes, routes, themelist, matrix or sensitivity.");
		rc = IVP_EINPUT;
	}
done:
	ivp__plan_free(v->plan);
	free(v->c);
	free(v->e);
	free(v);
	return rc;
}
