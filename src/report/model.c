/*
 * model.c — the facts of one report, read once from the database.
 *
 * The latest plan version gives the priorities in their order, the goals,
 * the measures with owner, partners and dated entries, and the budget with
 * its dekking and P&C document. ivp_plan_progress gives every goal's status
 * (the one status rule, docs/progress-rules.md: the report never decides a
 * status itself); ivp_indicator_series and the registered values give the
 * series for the charts; ivp_indicators the BBV table against the year
 * before and the Netherlands; ivp_sources and ivp_definitions the sources
 * chapter. Amounts are cents, as in the plan.
 *
 * The report year must lie in the plan's period and not before the first
 * year with registered crime for the plan's municipality; without --year it
 * is the last year with data (a complete year: yearly counts only), kept
 * inside the plan's period. Without --date the report date is the day of
 * the newest import or plan version, so the same database gives the same
 * report.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "report/funnel.h"
#include "report/report.h"
#include "store/plan_store.h"

#define ARR(a, T, i) (&((T *)(a).v)[i])

static const char *const kind_names[RP_NKINDS] = { "voortgang", "veiligheidsbeeld", "raadsvoorstel" };

int ivp__rp_kind_parse(const char *s)
{
	int i;

	for (i = 0; s && i < RP_NKINDS; i++)
		if (!strcmp(s, kind_names[i]))
			return i;
	return -1;
}

const char *ivp__rp_kind_name(rp_kind k)
{
	return k < RP_NKINDS ? kind_names[k] : "";
}

/* ---- reading ivp_tables by column name --------------------------------- */

static int col(const ivp_table *t, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	return -1;
}

static int num(const ivp_table *t, int r, const char *name, double *v)
{
	int c = col(t, name);

	if (c < 0)
		return 0;
	switch (ivp_table_cell_type(t, r, c)) {
	case IVP_CELL_REAL:
		*v = ivp_table_real(t, r, c);
		return 1;
	case IVP_CELL_INT:
		*v = (double)ivp_table_int(t, r, c);
		return 1;
	default:
		return 0;
	}
}

static int64_t inum(const ivp_table *t, int r, const char *name)
{
	double v = 0;

	return num(t, r, name, &v) ? (int64_t)llround(v) : 0;
}

static const char *txt(rp_arena *a, const ivp_table *t, int r, const char *name)
{
	int c = col(t, name);

	if (c < 0 || ivp_table_cell_type(t, r, c) != IVP_CELL_TEXT)
		return NULL;
	return ivp__rp_strdup(a, ivp_table_text(t, r, c));
}

/* ---- the plan's parts ---------------------------------------------------- */

static const char *partner_name(const pl_plan *p, const char *id)
{
	int i;

	for (i = 0; id && i < p->partners.n; i++)
		if (!strcmp(ARR(p->partners, pl_partner, i)->id, id))
			return ARR(p->partners, pl_partner, i)->name;
	return id;
}

static int64_t sum_upto(const pl_arr *a, int year)
{
	int64_t s = 0;
	int i;

	for (i = 0; i < a->n; i++)
		if (ARR(*a, pl_amount, i)->year <= year)
			s += ARR(*a, pl_amount, i)->cents;
	return s;
}

static int64_t in_year(const pl_arr *a, int year)
{
	int i;

	for (i = 0; i < a->n; i++)
		if (ARR(*a, pl_amount, i)->year == year)
			return ARR(*a, pl_amount, i)->cents;
	return 0;
}

static int status_of(const char *s)
{
	static const char *const w[RP_NSTATUS] = { "no data", "no status", "on track", "at risk", "off track" };
	int i;

	for (i = 0; s && i < RP_NSTATUS; i++)
		if (!strcmp(s, w[i]))
			return i;
	return RP_NODATA;
}

typedef struct ser_ud {
	rp_goal *g;
	int year;
	rp_arena *a;
} ser_ud;

/* registered values: rows year, value, unit, margin, … (ascending years) */
static int local_point(void *ud, const char *const *c, int n)
{
	ser_ud *s = ud;
	rp_goal *g = s->g;
	rp_point *pt;
	double m;

	if (n > 7 && c[7] && !g->indicator_name)
		g->indicator_name = ivp__rp_strdup(s->a, c[7]); /* the registered name, in any unit */
	if (n < 4 || !c[0] || !c[1] || !c[2] || strcmp(c[2], g->unit ? g->unit : ""))
		return 0;
	if (strtol(c[0], NULL, 10) > s->year || g->npoints >= RP_MAXSERIES)
		return 0;
	pt = &g->points[g->npoints++];
	/* the store's own columns: a year, numbers, checked when imported */
	pt->year = (int)strtol(c[0], NULL, 10);
	pt->v = strtod(c[1], NULL);
	m = c[3] ? strtod(c[3], NULL) : 0;
	pt->lo = pt->v - m;
	pt->hi = pt->v + m;
	return 0;
}

static ivp_rc goal_series(ivp_ctx *ctx, rp_arena *a, const char *area, int year, rp_goal *g)
{
	ivp_indicator_query q;
	ivp_table *t = NULL;
	const char *prev_cl = NULL;
	ivp_rc rc;
	int r;

	if (!g->engine) {
		ser_ud s = { g, year, a };

		return ivp__store_values_get(ctx, g->indicator, area, local_point, &s);
	}
	memset(&q, 0, sizeof(q));
	q.area = area;
	q.indicator = g->indicator;
	q.small_threshold = -1;
	rc = ivp_indicator_series(ctx, &q, g->base_year - 5, year, &t);
	if (rc == IVP_ENOMEM)
		return rc;
	if (rc) { /* no series: the chart shows the line only */
		ivp__error_clear(&ctx->err);
		return IVP_OK;
	}
	for (r = 0; r < ivp_table_nrows(t) && g->npoints < RP_MAXSERIES; r++) {
		rp_point *pt = &g->points[g->npoints];
		const char *cl = ivp_table_text(t, r, col(t, "classification"));

		if (!num(t, r, "per_1000", &pt->v))
			continue;
		pt->year = (int)inum(t, r, "year");
		/* CBS 83648NED and Politie 47013NED are two classifications: a break, not one line */
		if (g->npoints && cl && prev_cl && strcmp(cl, prev_cl) && !g->break_year)
			g->break_year = pt->year;
		prev_cl = cl;
		if (!num(t, r, "per_1000_lo", &pt->lo))
			pt->lo = pt->v;
		if (!num(t, r, "per_1000_hi", &pt->hi))
			pt->hi = pt->v;
		g->npoints++;
	}
	ivp_table_free(t);
	return IVP_OK;
}

/* The goals in the plan's order, their status from the progress table's rows (same order). */
static ivp_rc goals(ivp_ctx *ctx, rp_model *m, const pl_plan *p, const ivp_table *gt)
{
	int i, k, a, r = 0;
	ivp_rc rc;

	m->goals = ivp__rp_alloc(&m->a, (size_t)(ivp_table_nrows(gt) + 1) * sizeof(rp_goal));
	if (!m->goals)
		return IVP_ENOMEM;
	for (i = 0; i < p->priorities.n; i++) {
		const pl_priority *pr = ARR(p->priorities, pl_priority, i);
		rp_priority *rp = &m->priorities[i];

		rp->goals = ivp__rp_alloc(&m->a, (size_t)(ivp_table_nrows(gt) + 1) * sizeof(rp_goal *));
		if (!rp->goals)
			return IVP_ENOMEM;
		for (k = 0; k < pr->ambitions.n; k++) {
			const pl_ambition *am = ARR(pr->ambitions, pl_ambition, k);

			for (a = 0; a < am->goals.n; a++, r++) {
				const pl_goal *pg = ARR(am->goals, pl_goal, a);
				rp_goal *g = &m->goals[m->ngoals];
				ivp__indicator_def d;
				int kind;
				const char *gid = r < ivp_table_nrows(gt) ? ivp_table_text(gt, r, col(gt, "goal")) : NULL;

				if (!gid || strcmp(gid, pg->id))
					return ivp__fail(ctx, IVP_EINTERNAL, "the progress of goal %s is missing", pg->id);
				memset(&d, 0, sizeof(d));
				kind = ivp__plan_indicator_kind(ctx, pg->indicator, &d);
				if (kind < 0)
					return ctx->err.rc ? ctx->err.rc : IVP_EDB;
				g->id = ivp__rp_strdup(&m->a, pg->id);
				g->title = ivp__rp_strdup(&m->a, pg->title);
				g->kind = ivp__rp_strdup(&m->a, pg->kind);
				g->indicator = ivp__rp_strdup(&m->a, pg->indicator);
				g->direction = ivp__rp_strdup(&m->a, pg->direction);
				g->note = ivp__rp_strdup(&m->a, pg->note);
				g->illustration = pg->illustration;
				g->engine = kind == 1;
				if (g->engine) {
					g->indicator_name = ivp__rp_strdup(&m->a, strcmp(m->lang, "en") ? d.name_nl : d.name_en);
					g->per = d.per;
					g->youth = !strcmp(d.population_group, "12-17");
					g->source_tables = ivp__rp_strdup(&m->a, d.source_tables);
				}
				g->unit = ivp__rp_strdup(&m->a, pg->unit);
				g->baseline = pg->baseline.value;
				g->base_year = pg->baseline.year;
				g->target = pg->target.value;
				g->target_year = pg->target.year;
				g->status = status_of(ivp_table_text(gt, r, col(gt, "status")));
				g->has = num(gt, r, "value", &g->value);
				if (g->has) {
					g->year = (int)inum(gt, r, "year");
					num(gt, r, "lo", &g->lo);
					num(gt, r, "hi", &g->hi);
					if (!num(gt, r, "expected", &g->expected))
						g->expected = NAN;
					g->exact = g->lo == g->value && g->hi == g->value;
					g->source = txt(&m->a, gt, r, "source");
				} else if (kind == 3 && (g->shown = txt(&m->a, gt, r, "value"))) {
					g->year = (int)inum(gt, r, "year"); /* a register count shown as "< 5" or "x" */
				}
				m->illustrations |= g->illustration;
				if ((rc = goal_series(ctx, &m->a, m->municipality, m->year, g)))
					return rc;
				rp->goals[rp->ngoals++] = g;
				rp->counts[g->status]++;
				m->counts[g->status]++;
				m->ngoals++;
			}
		}
	}
	return IVP_OK;
}

static const char *join_partners(rp_arena *a, const pl_plan *p, const pl_arr *ids)
{
	ivp__buf b;
	const char *s;
	int i;

	if (!ids->n)
		return NULL;
	ivp__buf_init(&b, 8192);
	for (i = 0; i < ids->n; i++)
		if (ivp__buf_printf(&b, "%s%s", i ? ", " : "", partner_name(p, ((char **)ids->v)[i])))
			a->oom = 1;
	s = ivp__rp_strdup(a, ivp__buf_str(&b));
	ivp__buf_free(&b);
	return s;
}

static const char *outputs(rp_model *m, const pl_measure *pm)
{
	ivp__buf b;
	const char *s = NULL;
	char v[48];
	int i;

	ivp__buf_init(&b, 8192);
	for (i = 0; i < pm->outputs.n; i++) {
		const pl_output *o = ARR(pm->outputs, pl_output, i);

		if (o->year > m->year)
			continue;
		ivp__rp_num(m->lang, o->value, o->value == floor(o->value) ? 0 : 1, v, sizeof(v));
		if (ivp__buf_printf(&b, "%s%s: %s (%d)", b.len ? "; " : "", o->name, v, o->year))
			m->a.oom = 1;
	}
	if (b.len)
		s = ivp__rp_strdup(&m->a, ivp__buf_str(&b));
	ivp__buf_free(&b);
	return s;
}

static ivp_rc measures(rp_model *m, const pl_plan *p)
{
	int i, k, e, n = 0;

	for (i = 0; i < p->implementation.n; i++)
		n += ARR(p->implementation, pl_impl, i)->measures.n;
	m->measures = ivp__rp_alloc(&m->a, (size_t)(n + 1) * sizeof(rp_measure));
	if (!m->measures)
		return IVP_ENOMEM;
	for (i = 0; i < m->npriorities; i++)
		m->priorities[i].measures = ivp__rp_alloc(&m->a, (size_t)(n + 1) * sizeof(rp_measure *));
	if (m->a.oom)
		return IVP_ENOMEM;
	for (i = 0; i < p->implementation.n; i++) {
		const pl_impl *im = ARR(p->implementation, pl_impl, i);

		for (k = 0; k < im->measures.n; k++) {
			const pl_measure *pm = ARR(im->measures, pl_measure, k);
			rp_measure *x = &m->measures[m->nmeasures++];
			int pi;

			x->id = ivp__rp_strdup(&m->a, pm->id);
			x->title = ivp__rp_strdup(&m->a, pm->title);
			x->priority = ivp__rp_strdup(&m->a, pm->priority);
			x->owner = ivp__rp_strdup(&m->a, partner_name(p, pm->owner));
			x->partners = join_partners(&m->a, p, &pm->partners);
			x->status = ivp__rp_strdup(&m->a, pm->status);
			x->start = ivp__rp_strdup(&m->a, pm->start);
			x->end = ivp__rp_strdup(&m->a, pm->end);
			x->illustration = pm->illustration;
			x->outputs = outputs(m, pm);
			x->entries = ivp__rp_alloc(&m->a, (size_t)(pm->progress.n + 1) * sizeof(rp_entry));
			if (!x->entries)
				return IVP_ENOMEM;
			for (e = 0; e < pm->progress.n; e++) {
				const pl_progress *pp = ARR(pm->progress, pl_progress, e);

				if (pp->date && strtol(pp->date, NULL, 10) > m->year)
					continue; /* after the report year */
				x->entries[x->nentries].date = ivp__rp_strdup(&m->a, pp->date);
				x->entries[x->nentries].status = ivp__rp_strdup(&m->a, pp->status);
				x->entries[x->nentries].note = ivp__rp_strdup(&m->a, pp->note);
				x->entries[x->nentries].by = ivp__rp_strdup(&m->a, pp->by);
				x->nentries++;
			}
			x->budget = sum_upto(&pm->budget, 9999);
			x->spent = sum_upto(&pm->spent, m->year);
			x->budget_year = in_year(&pm->budget, m->year);
			x->spent_year = in_year(&pm->spent, m->year);
			m->illustrations |= x->illustration;
			m->measures_budget += x->budget;
			m->measures_spent += x->spent;
			for (pi = 0; pi < m->npriorities; pi++) {
				rp_priority *rp = &m->priorities[pi];

				if (strcmp(rp->id, pm->priority))
					continue;
				rp->measures[rp->nmeasures++] = x;
				rp->budget += x->budget;
				rp->spent += x->spent;
			}
		}
	}
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

static ivp_rc budget(rp_model *m, const pl_plan *p)
{
	int y, i, k;

	m->budget = ivp__rp_alloc(&m->a, (size_t)(p->to - p->from + 2) * sizeof(rp_budget));
	if (!m->budget)
		return IVP_ENOMEM;
	for (y = p->from; y <= p->to; y++) {
		rp_budget *b = &m->budget[m->nbudget++];

		b->year = y;
		for (i = 0; i < p->budget.n; i++) {
			const pl_budget *pb = ARR(p->budget, pl_budget, i);

			if (pb->year != y)
				continue;
			b->amount = pb->cents;
			b->source = ivp__rp_strdup(&m->a, pb->source);
			b->document = ivp__rp_strdup(&m->a, pb->document);
			b->structural = pb->structural;
		}
		for (i = 0; i < p->implementation.n; i++) {
			const pl_impl *im = ARR(p->implementation, pl_impl, i);

			for (k = 0; k < im->measures.n; k++) {
				b->measures_budget += in_year(&ARR(im->measures, pl_measure, k)->budget, y);
				b->measures_spent += in_year(&ARR(im->measures, pl_measure, k)->spent, y);
			}
		}
		m->budget_total += b->amount;
		if (y == m->year)
			m->budget_year = b->amount;
	}
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

/* The query of the municipality's indicators against the Netherlands. */
static void query_nl(const rp_model *m, ivp_indicator_query *q)
{
	static const char *const nl01[] = { "NL01" };

	memset(q, 0, sizeof(*q));
	q->area = m->municipality;
	q->compare = nl01;
	q->ncompare = 1;
	q->small_threshold = -1;
	q->lang = m->lang;
}

/* The change on the year before and the comparison with NL01 of row r. */
static void read_cmp(rp_arena *a, const ivp_table *t, int r, rp_cmp *c)
{
	c->has_change = num(t, r, "change_ratio", &c->change) && num(t, r, "change_lo", &c->change_lo) &&
			num(t, r, "change_hi", &c->change_hi);
	c->verdict = txt(a, t, r, "verdict");
	c->has_nl = num(t, r, "NL01_per_1000", &c->nl);
	c->vs_nl = txt(a, t, r, "vs_NL01");
}

/* 1 when the group `name` exists for the municipality (a failed look-up
 * leaves no error behind). */
/* Whether the group exists for the municipality with a member besides it:
 * a size class or region of the municipality alone is no comparison (the
 * engine refuses it), so the column is left out. */
static int has_group(ivp_ctx *ctx, const rp_model *m, const char *name)
{
	ivp_table *t = NULL;
	int ok = !ivp_groups(ctx, name, m->municipality, m->year, m->lang, &t), r, other = 0;

	for (r = 0; ok && r < ivp_table_nrows(t); r++) {
		const char *code = ivp_table_text(t, r, 0);

		other |= code && strcmp(code, m->municipality) != 0;
	}
	ok = ok && other;
	ivp_table_free(t);
	if (!ok)
		ivp__error_clear(&ctx->err);
	return ok;
}

static ivp_rc indicators(ivp_ctx *ctx, rp_model *m)
{
	const char *cmp[3] = { "NL01" };
	ivp_indicator_query q;
	ivp_table *t = NULL;
	ivp_rc rc;
	int r, isc = 0, ireg = 0;

	query_nl(m, &q);
	q.year = m->year;
	/* the BBV table's columns grootteklasse and regio, where they exist */
	q.compare = cmp;
	if (has_group(ctx, m, "grootteklasse"))
		cmp[isc = q.ncompare++] = "grootteklasse";
	if (has_group(ctx, m, "regio"))
		cmp[ireg = q.ncompare++] = "regio";
	if ((rc = ivp_indicators(ctx, &q, &t)))
		return rc;
	m->indicators = ivp__rp_alloc(&m->a, (size_t)(ivp_table_nrows(t) + 1) * sizeof(rp_indicator));
	for (r = 0; m->indicators && r < ivp_table_nrows(t); r++) {
		rp_indicator *x = &m->indicators[m->nindicators++];
		ivp__indicator_def d;

		x->key = txt(&m->a, t, r, "indicator");
		x->name = txt(&m->a, t, r, "name");
		x->classification = txt(&m->a, t, r, "classification");
		x->version = (int)inum(t, r, "definition_version");
		memset(&d, 0, sizeof(d));
		if (x->key && ivp__plan_indicator_kind(ctx, x->key, &d) == 1) {
			x->per = d.per;
			x->youth = !strcmp(d.population_group, "12-17");
			x->source_tables = ivp__rp_strdup(&m->a, d.source_tables);
		} else {
			ivp__error_clear(&ctx->err);
			x->per = 1000;
		}
		x->has = num(t, r, "per_1000", &x->value);
		x->count = inum(t, r, "count");
		num(t, r, "per_1000_lo", &x->lo);
		num(t, r, "per_1000_hi", &x->hi);
		x->prev_year = (int)inum(t, r, "prev_year");
		x->has_prev = num(t, r, "prev_per_1000", &x->prev);
		read_cmp(&m->a, t, r, &x->c);
		x->c.has_sc = isc && num(t, r, "grootteklasse_per_1000", &x->c.sc);
		x->c.has_reg = ireg && num(t, r, "regio_per_1000", &x->c.reg);
		if (isc && !m->sizeclass_name)
			m->sizeclass_name = txt(&m->a, t, r, isc == 1 ? "cmp2_name" : "cmp3_name");
		if (ireg && !m->region_name)
			m->region_name = txt(&m->a, t, r, ireg == 1 ? "cmp2_name" : "cmp3_name");
		x->import_id = inum(t, r, "import");
		x->population_import = inum(t, r, "population_import");
	}
	ivp_table_free(t);
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

static int used_key(const rp_model *m, const char *key)
{
	int i;

	for (i = 0; i < m->nindicators; i++)
		if (m->indicators[i].key && !strcmp(m->indicators[i].key, key))
			return 1;
	for (i = 0; i < m->ngoals; i++)
		if (m->goals[i].engine && !strcmp(m->goals[i].indicator, key))
			return 1;
	return 0;
}

static ivp_rc sources(ivp_ctx *ctx, rp_model *m, char *newest)
{
	ivp_table *t = NULL;
	ivp_rc rc;
	int r;

	if ((rc = ivp_sources(ctx, &t)))
		return rc;
	m->sources = ivp__rp_alloc(&m->a, (size_t)(ivp_table_nrows(t) + 1) * sizeof(rp_source));
	for (r = 0; m->sources && r < ivp_table_nrows(t); r++) {
		rp_source *s = &m->sources[m->nsources++];
		const char *f = txt(&m->a, t, r, "finished_at"), *file = txt(&m->a, t, r, "file");

		s->id = inum(t, r, "import");
		s->rows = inum(t, r, "rows");
		s->kind = txt(&m->a, t, r, "kind");
		s->layout = txt(&m->a, t, r, "layout");
		s->file = file && strrchr(file, '/') ? strrchr(file, '/') + 1 : file; /* the name, not this machine's path */
		s->sha256 = txt(&m->a, t, r, "sha256");
		s->by = txt(&m->a, t, r, "imported_by");
		s->finished = f ? ivp__rp_printf(&m->a, "%.10s", f) : NULL;
		if (s->finished && strcmp(s->finished, newest) > 0)
			snprintf(newest, 11, "%s", s->finished);
	}
	ivp_table_free(t);
	if (m->a.oom)
		return IVP_ENOMEM;
	if ((rc = ivp_definitions(ctx, &t)))
		return rc;
	m->defs = ivp__rp_alloc(&m->a, (size_t)(ivp_table_nrows(t) + 1) * sizeof(rp_def));
	for (r = 0; m->defs && r < ivp_table_nrows(t); r++) {
		const char *key = ivp_table_text(t, r, col(t, "key"));
		rp_def *d;

		if (!key || !used_key(m, key))
			continue;
		d = &m->defs[m->ndefs++];
		d->key = ivp__rp_strdup(&m->a, key);
		d->version = (int)inum(t, r, "version");
		d->classification = txt(&m->a, t, r, "classification");
		d->name = txt(&m->a, t, r, strcmp(m->lang, "en") ? "name" : "name_en");
		d->codes = txt(&m->a, t, r, "codes");
		d->source_tables = txt(&m->a, t, r, "source_tables");
	}
	ivp_table_free(t);
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

static ivp_rc trend(ivp_ctx *ctx, rp_model *m, int first)
{
	ivp_indicator_query q;
	ivp_table *t = NULL;
	ivp_rc rc;
	int r;

	query_nl(m, &q);
	q.indicator = "totaal";
	if ((rc = ivp_indicator_series(ctx, &q, first, m->year, &t)))
		return rc;
	m->trend = ivp__rp_alloc(&m->a, (size_t)(ivp_table_nrows(t) + 1) * sizeof(rp_trend));
	for (r = 0; m->trend && r < ivp_table_nrows(t); r++) {
		rp_trend *x = &m->trend[m->ntrend];

		if (!num(t, r, "per_1000", &x->value))
			continue;
		m->ntrend++;
		x->year = (int)inum(t, r, "year");
		x->count = inum(t, r, "count");
		num(t, r, "per_1000_lo", &x->lo);
		num(t, r, "per_1000_hi", &x->hi);
		x->classification = txt(&m->a, t, r, "classification");
		read_cmp(&m->a, t, r, &x->c);
	}
	ivp_table_free(t);
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

/* The funnel plot of the buurten in t (funnel.h), copied into the arena; none below 2 points. */
static ivp_rc funnel(rp_model *m, const ivp_table *t)
{
	rp_funnel f, *c;

	m->funnel = NULL;
	if (ivp__rp_funnel_from_table(&f, t))
		return IVP_ENOMEM;
	if (f.n >= 2 && (c = ivp__rp_alloc(&m->a, sizeof(*c))) &&
	    (c->p = ivp__rp_alloc(&m->a, (size_t)f.n * sizeof(*f.p)))) {
		rp_fpoint *p = c->p;

		*c = f;
		c->p = p;
		memcpy(c->p, f.p, (size_t)f.n * sizeof(*f.p));
		m->funnel = c;
	}
	ivp__rp_funnel_free(&f);
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

/* The wijken or buurten of the municipality ranked in `year`; *n 0 when none has a count. */
static ivp_rc ranking(ivp_ctx *ctx, rp_model *m, const char *level, int year, rp_area **out, int *n)
{
	ivp_ranking_query q;
	ivp_table *t = NULL;
	ivp_rc rc;
	int r;

	memset(&q, 0, sizeof(q));
	q.under = m->municipality;
	q.level = level;
	q.year = year;
	q.small_threshold = -1;
	q.lang = m->lang;
	*n = 0;
	if ((rc = ivp_ranking(ctx, &q, &t)))
		return rc;
	*out = ivp__rp_alloc(&m->a, (size_t)(ivp_table_nrows(t) + 1) * sizeof(rp_area));
	for (r = 0; *out && r < ivp_table_nrows(t); r++) {
		rp_area *x = &(*out)[(*n)++];

		x->code = txt(&m->a, t, r, "code");
		x->name = txt(&m->a, t, r, "name");
		x->vs_all = txt(&m->a, t, r, "vs_all");
		x->funnel = txt(&m->a, t, r, "funnel");
		x->has_pop = col(t, "population") >= 0 &&
			     ivp_table_cell_type(t, r, col(t, "population")) != IVP_CELL_NULL;
		x->rank = (int)inum(t, r, "rank");
		x->count = inum(t, r, "count");
		x->has = num(t, r, "per_1000", &x->value);
		num(t, r, "per_1000_lo", &x->lo);
		num(t, r, "per_1000_hi", &x->hi);
		x->small = col(t, "small") >= 0 && ivp_table_cell_type(t, r, col(t, "small")) != IVP_CELL_NULL;
	}
	if (!strcmp(level, "BU") && (rc = funnel(m, t))) {
		ivp_table_free(t);
		return rc;
	}
	ivp_table_free(t);
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

/* First and last year with a yearly total count for the area: 0, 0 when none. */
ivp_rc ivp__rp_data_years(ivp_ctx *ctx, const char *area, int *first, int *last)
{
	ivp_indicator_query q;
	ivp_table *t = NULL;
	ivp_rc rc;
	int n;

	*first = *last = 0;
	memset(&q, 0, sizeof(q));
	q.area = area;
	q.indicator = "totaal";
	q.small_threshold = -1;
	rc = ivp_indicator_series(ctx, &q, 1900, 2199, &t);
	if (rc == IVP_ENOMEM)
		return rc;
	if (rc) {
		ivp__error_clear(&ctx->err);
		return IVP_OK;
	}
	n = ivp_table_nrows(t);
	if (n) {
		*first = (int)inum(t, 0, "year");
		*last = (int)inum(t, n - 1, "year");
	}
	ivp_table_free(t);
	return IVP_OK;
}

static ivp_rc pick_year(ivp_ctx *ctx, rp_model *m, const rp_query *q)
{
	int first, last;
	ivp_rc rc;

	if (m->kind == RP_RAADSVOORSTEL) { /* the proposal to adopt: the year of adoption */
		m->year = q->year ? q->year : m->adopted ? (int)strtol(m->adopted, NULL, 10) :
							   m->plan_from;
		if (m->year < m->plan_from || m->year > m->plan_to) {
			ivp__fail(ctx, IVP_EINPUT, "no plan for %d", m->year);
			ivp__code(ctx, "report_year_without_plan");
			ivp__detail(ctx, "The latest plan, \"%s\", covers %d to %d.", m->plan_title, m->plan_from, m->plan_to);
			ivp__hint(ctx, "Choose a year from %d to %d with --year.", m->plan_from, m->plan_to);
			return IVP_EINPUT;
		}
		return IVP_OK;
	}
	if ((rc = ivp__rp_data_years(ctx, m->municipality, &first, &last)))
		return rc;
	if (!first) {
		ivp__fail(ctx, IVP_EINPUT, "no registered crime for %s", m->municipality);
		ivp__code(ctx, "report_no_crime");
		ivp__detail(ctx, "The report needs at least the total registered crime of the plan's municipality.");
		ivp__hint(ctx, "Import it first: ivp import crime FILE (Politie 47013NED).");
		return IVP_EINPUT;
	}
	m->year = q->year ? q->year : last < m->plan_to ? last :
							  m->plan_to;
	if (m->year < m->plan_from || m->year > m->plan_to) {
		ivp__fail(ctx, IVP_EINPUT, "no plan for %d", m->year);
		ivp__code(ctx, "report_year_without_plan");
		ivp__detail(ctx, "The latest plan, \"%s\", covers %d to %d.", m->plan_title, m->plan_from, m->plan_to);
		ivp__hint(ctx, "Choose a year from %d to %d with --year, or import the plan for %d: ivp plan import FILE.",
			  m->plan_from, m->plan_to, m->year);
		return IVP_EINPUT;
	}
	if (m->year < first) {
		ivp__fail(ctx, IVP_EINPUT, "no data for %d", m->year);
		ivp__code(ctx, "report_year_before_data");
		ivp__detail(ctx, "Registered crime for %s starts in %d.", m->municipality, first);
		ivp__hint(ctx, "Choose a year from %d to %d with --year, or import the data of %d first.",
			  first, last, m->year);
		return IVP_EINPUT;
	}
	return IVP_OK;
}

static int valid_date(const char *s)
{
	int y, mo, d;

	return !ivp__rp_parse_date(s, &y, &mo, &d);
}

static ivp_rc plan_part(ivp_ctx *ctx, rp_model *m, const rp_query *q, pl_plan **pp, char *newest)
{
	ivp__plan_version v;
	pl_problems pr = { 0 };
	pl_plan *p;
	ivp_rc rc;
	int i;

	memset(&v, 0, sizeof(v));
	rc = ivp__store_plan_version_get(ctx, 0, &v);
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_ENOTFOUND, "no plan imported yet");
		ivp__code(ctx, "no_plan");
		ivp__detail(ctx, "A report accounts for a plan: its priorities, goals, measures and budget.");
		ivp__hint(ctx, "Import a plan first: ivp plan import FILE (docs/plan-file.md).");
		return rc;
	}
	if (rc)
		return rc;
	p = ivp__plan_read(v.doc, strlen(v.doc), &pr);
	if (!p) {
		rc = pr.oom ? IVP_ENOMEM : IVP_EINTERNAL;
		ivp__fail(ctx, rc, "stored plan cannot be read");
		ivp__pl_problems_free(&pr);
		free(v.doc);
		return rc;
	}
	ivp__pl_problems_free(&pr);
	*pp = p;
	m->plan_version = v.version;
	m->plan_source = ivp__rp_strdup(&m->a, v.source);
	snprintf(newest, 11, "%.10s", v.created_at);
	free(v.doc);
	m->plan_id = ivp__rp_strdup(&m->a, p->id);
	m->plan_title = ivp__rp_strdup(&m->a, p->title);
	m->municipality = ivp__rp_strdup(&m->a, p->municipality);
	m->adopted = ivp__rp_strdup(&m->a, p->adopted);
	m->cvdr = ivp__rp_strdup(&m->a, p->cvdr);
	m->publication = ivp__rp_strdup(&m->a, p->publication);
	m->legal_basis = ivp__rp_strdup(&m->a, p->legal_basis);
	m->college_proposal = ivp__rp_strdup(&m->a, p->college_proposal);
	m->sent_to_council = ivp__rp_strdup(&m->a, p->sent_to_council);
	m->in_force = ivp__rp_strdup(&m->a, p->in_force);
	if (p->predecessor.title) {
		m->pred_title = ivp__rp_strdup(&m->a, p->predecessor.title);
		m->pred_from = p->predecessor.from;
		m->pred_to = p->predecessor.to;
		if (p->predecessor.extensions.n)
			m->pred_until = ivp__rp_strdup(&m->a, ARR(p->predecessor.extensions, pl_extension,
								  p->predecessor.extensions.n - 1)
								      ->until);
	}
	{
		ivp__buf b;

		ivp__buf_init(&b, 16384);
		for (i = 0; i < p->partners.n; i++)
			if (ivp__buf_printf(&b, "%s%s", i ? ", " : "", ARR(p->partners, pl_partner, i)->name))
				m->a.oom = 1;
		m->partners = ivp__rp_strdup(&m->a, ivp__buf_str(&b));
		ivp__buf_free(&b);
	}
	m->plan_from = p->from;
	m->plan_to = p->to;
	m->area = m->municipality;
	if (q->area && strcmp(q->area, p->municipality)) {
		ivp__fail(ctx, IVP_EINPUT, "the plan is not for %s", q->area);
		ivp__code(ctx, "report_other_area");
		ivp__detail(ctx, "The latest plan, \"%s\", is the plan of %s; a report accounts for one plan.",
			    p->title, p->municipality);
		ivp__hint(ctx, "Leave out --area, or give --area %s.", p->municipality);
		return IVP_EINPUT;
	}
	m->npriorities = p->priorities.n;
	m->priorities = ivp__rp_alloc(&m->a, (size_t)(p->priorities.n + 1) * sizeof(rp_priority));
	if (!m->priorities)
		return IVP_ENOMEM;
	for (i = 0; i < p->priorities.n; i++) {
		const pl_priority *pr_ = ARR(p->priorities, pl_priority, i);

		m->priorities[i].id = ivp__rp_strdup(&m->a, pr_->id);
		m->priorities[i].title = ivp__rp_strdup(&m->a, pr_->title);
		m->priorities[i].order = i + 1;
		m->priorities[i].cross_cutting = pr_->cross_cutting;
	}
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

/*
 * The safety picture (veiligheidsbeeld) needs no plan: the area is --area or
 * the plan's municipality; the year the last with data, or one with data.
 */
static ivp_rc act_for(ivp_ctx *ctx, const rp_model *m, char saved[64], int *switched);

static ivp_rc picture(ivp_ctx *ctx, rp_model *m, const rp_query *q, char *newest, char saved[64],
		      int *switched)
{
	ivp__plan_version v;
	char name[256];
	int first, last, y;
	ivp_rc rc;

	memset(&v, 0, sizeof(v));
	rc = ivp__store_plan_version_get(ctx, 0, &v);
	if (rc && rc != IVP_ENOTFOUND)
		return rc;
	if (!rc) {
		pl_problems pr = { 0 };
		pl_plan *p = ivp__plan_read(v.doc, strlen(v.doc), &pr);

		if (p) {
			m->has_plan = 1;
			m->plan_title = ivp__rp_strdup(&m->a, p->title);
			m->plan_from = p->from;
			m->plan_to = p->to;
			m->municipality = ivp__rp_strdup(&m->a, p->municipality);
			m->plan_version = v.version;
			m->plan_source = ivp__rp_strdup(&m->a, v.source);
			/* the evaluation chapter names the previous plan */
			m->pred_title = ivp__rp_strdup(&m->a, p->predecessor.title);
			m->pred_from = p->predecessor.from;
			m->pred_to = p->predecessor.to;
			snprintf(newest, 11, "%.10s", v.created_at);
		}
		ivp__plan_free(p);
		ivp__pl_problems_free(&pr);
		free(v.doc);
	}
	ivp__error_clear(&ctx->err);
	if (q->area)
		m->municipality = ivp__rp_strdup(&m->a, q->area);
	if (!m->municipality) {
		ivp__fail(ctx, IVP_EINPUT, "no area for the safety picture");
		ivp__code(ctx, "report_no_area");
		ivp__detail(ctx, "Without a plan the report does not know which municipality to describe.");
		ivp__hint(ctx, "Give --area, e.g. --area GM1926.");
		return IVP_EINPUT;
	}
	m->area = m->municipality;
	if ((rc = ivp_area_name(ctx, m->municipality, name, sizeof(name))))
		return rc;
	m->area_name = ivp__rp_strdup(&m->a, name);
	if ((rc = ivp__rp_data_years(ctx, m->municipality, &first, &last)))
		return rc;
	if (!first) {
		ivp__fail(ctx, IVP_EINPUT, "no registered crime for %s", m->municipality);
		ivp__code(ctx, "report_no_crime");
		ivp__hint(ctx, "Import it first: ivp import crime FILE (Politie 47013NED).");
		return IVP_EINPUT;
	}
	m->year = q->year ? q->year : last;
	if (m->year < first || m->year > last) {
		ivp__fail(ctx, IVP_EINPUT, "no data for %d", m->year);
		ivp__code(ctx, m->year < first ? "report_year_before_data" : "report_year_after_data");
		ivp__detail(ctx, "Registered crime for %s covers %d to %d.", m->municipality, first, last);
		ivp__hint(ctx, "Choose a year from %d to %d with --year.", first, last);
		return IVP_EINPUT;
	}
	if ((rc = trend(ctx, m, m->year - 14 > first ? m->year - 14 : first)) || (rc = indicators(ctx, m)))
		return rc;
	for (y = m->year; y >= m->year - 3 && !m->ranking_year; y--) {
		if ((rc = ranking(ctx, m, "WK", y, &m->wijken, &m->nwijken)) ||
		    (rc = ranking(ctx, m, "BU", y, &m->buurten, &m->nbuurten)))
			return rc;
		if (m->nwijken || m->nbuurten)
			m->ranking_year = y;
	}
	if ((rc = act_for(ctx, m, saved, switched)) || (rc = ivp__rp_particip(ctx, m)) ||
	    (rc = ivp__rp_registers(ctx, m)))
		return rc;
	return sources(ctx, m, newest);
}

/* The report is of one municipality: its register counts and
 * participation (and a plan report's progress, whose goals read register
 * counts) come from that municipality's records only, so the ctx acts for
 * it while the model is read (docs/tenancy.md) and for what it acted for
 * before afterwards. */
static ivp_rc act_for(ivp_ctx *ctx, const rp_model *m, char saved[64], int *switched)
{
	return ivp__tenant_act_for(ctx, m->municipality, saved, switched);
}

static ivp_rc model(ivp_ctx *ctx, const rp_query *q, rp_model **out, char saved[64], int *switched)
{
	rp_model *m = calloc(1, sizeof(*m));
	ivp_table *pt[IVP_PROGRESS_NPARTS] = { NULL };
	ivp_progress_query pq;
	pl_plan *p = NULL;
	char newest[16] = "";
	ivp_rc rc;
	int i;

	*out = NULL;
	if (!m)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	m->kind = q->kind;
	m->lang = q->lang && !strcmp(q->lang, "en") ? "en" : "nl";
	if (q->date && !valid_date(q->date)) {
		rc = ivp__fail(ctx, IVP_EINPUT, "not a date: \"%s\"", q->date);
		ivp__code(ctx, "report_bad_date");
		ivp__hint(ctx, "Give the report date as YYYY-MM-DD, e.g. --date 2025-03-31.");
		goto out;
	}
	if (m->kind == RP_VEILIGHEIDSBEELD) {
		if (!(rc = picture(ctx, m, q, newest, saved, switched))) {
			m->date = ivp__rp_strdup(&m->a, q->date ? q->date : newest);
			rc = ivp__rp_texts(ctx, m);
		}
		goto out;
	}
	if ((rc = plan_part(ctx, m, q, &p, newest)) || (rc = pick_year(ctx, m, q)) ||
	    (rc = act_for(ctx, m, saved, switched)))
		goto out;
	{
		char name[256];

		if (ivp_area_name(ctx, m->municipality, name, sizeof(name)))
			snprintf(name, sizeof(name), "%s", m->municipality);
		ivp__error_clear(&ctx->err);
		m->area_name = ivp__rp_strdup(&m->a, name);
	}
	memset(&pq, 0, sizeof(pq));
	pq.year = m->year;
	if ((rc = ivp_plan_progress(ctx, &pq, pt)))
		goto out;
	if ((rc = goals(ctx, m, p, pt[IVP_PROGRESS_GOALS])) || (rc = measures(m, p)) || (rc = budget(m, p)) ||
	    (rc = indicators(ctx, m)) || (rc = sources(ctx, m, newest)) || (rc = ivp__rp_texts(ctx, m)) ||
	    (m->kind == RP_VOORTGANG && (rc = ivp__rp_registers(ctx, m))))
		goto out;
	m->date = ivp__rp_strdup(&m->a, q->date ? q->date : newest);
	if (m->a.oom)
		rc = IVP_ENOMEM;
out:
	for (i = 0; i < IVP_PROGRESS_NPARTS; i++)
		ivp_table_free(pt[i]);
	ivp__plan_free(p);
	if (rc == IVP_ENOMEM || m->a.oom) {
		rc = IVP_ENOMEM;
		ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	if (rc) {
		ivp__rp_model_free(m);
		return rc;
	}
	*out = m;
	return IVP_OK;
}

ivp_rc ivp__rp_model(ivp_ctx *ctx, const rp_query *q, rp_model **out)
{
	char saved[64] = "";
	int switched = 0;
	ivp_rc rc = model(ctx, q, out, saved, &switched);

	if ((rc = ivp__tenant_restore(ctx, saved, switched, rc)) && *out) {
		ivp__rp_model_free(*out);
		*out = NULL;
	}
	return rc;
}

void ivp__rp_model_free(rp_model *m)
{
	if (!m)
		return;
	ivp__rp_arena_free(&m->a);
	free(m);
}
