/*
 * plan_check.c — the checks of a plan that look across items or into the
 * database, after plan_yaml.c has read a well-shaped file:
 *
 *  - ids are unique per kind (partner, priority, ambition, goal,
 *    implementation plan, measure) and budget years are unique;
 *  - years lie where they must: a goal's target year and every budget year
 *    inside the plan period; a baseline year before the target year;
 *  - references resolve: a measure's priority and goals, an
 *    implementation plan's themes; a measure's owner and partners are
 *    organisations — declared in the plan's partners list or known to the
 *    database (ivp org list; src/auth/org.c);
 *  - every goal's indicator is an indicator of the engine (ivp
 *    definitions) or a locally registered value (ivp import values); a
 *    local value's goal names its unit, since the unit is part of the
 *    value's identity;
 *  - a priority maps to at least one safety field or is cross-cutting;
 *  - a priority's regional_themes are themes of its region's plan, when
 *    that plan is loaded (region.c).
 *
 * Each problem names the line:column and the field, and says what to change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "registers/plan_counts.h"
#include "store/org_store.h"
#include "store/plan_store.h"

typedef struct ck {
	ivp_ctx *ctx;
	const pl_plan *p;
	pl_problems *probs;
	ivp__map ids; /* "kind\037id" -> line << 16 | column */
	int oom;
	int dberr; /* the store failed (its error in ctx->err) */
} ck;

#define ARR(a, T, i) (&((T *)(a).v)[i])

static void fpath(char *out, size_t n, const pl_hdr *h, const char *field)
{
	snprintf(out, n, "%s%s%s", h->path ? h->path : "", h->path && h->path[0] ? "." : "", field);
}

/* A problem at field of h: fmt, detail and hint are English catalogue texts
 * (written in the problems' language by ivp__pl_vproblem). */
static void problem(ck *c, const char *code, const pl_hdr *h, const pl_schema *sc,
		    const char *field, const char *detail, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
static void problem(ck *c, const char *code, const pl_hdr *h, const pl_schema *sc,
		    const char *field, const char *detail, const char *hint, const char *fmt, ...)
{
	char fp[600];
	va_list ap;

	fpath(fp, sizeof(fp), h, field);
	va_start(ap, fmt);
	ivp__pl_vproblem(c->probs, code, ivp__pl_pos(h, sc, field), fp, detail, hint, fmt, ap);
	va_end(ap);
}

/* The words a message names an item kind with ("goal"), in the problems'
 * language. */
static const char *kind_word(ck *c, const char *kind)
{
	return ivp__pl_tr(c->probs, kind);
}

/* Register an id; a second one of the same kind is a problem. */
static void unique(ck *c, const char *kind, const char *id, const pl_hdr *h,
		   const pl_schema *sc, const char *field)
{
	char key[300], detail[200];
	int64_t *slot;
	int existed;
	pl_pos at = ivp__pl_pos(h, sc, field);

	if (!id)
		return;
	snprintf(key, sizeof(key), "%s\037%s", kind, id);
	if (ivp__map_put(&c->ids, key, ((int64_t)at.line << 16) | (at.col & 0xffff), &slot, &existed)) {
		c->oom = 1;
		return;
	}
	if (!existed)
		return;
	snprintf(detail, sizeof(detail), ivp__pl_tr(c->probs, "The same id is used at line %lld, column %lld."),
		 (long long)(*slot >> 16), (long long)(*slot & 0xffff));
	problem(c, "plan_duplicate_id", h, sc, field, detail, "Give every item of a kind its own id.",
		"duplicate %s id \"%.200s\"", kind_word(c, kind), id);
}

static int known(ck *c, const char *kind, const char *id)
{
	char key[300];

	snprintf(key, sizeof(key), "%s\037%s", kind, id);
	return ivp__map_get(&c->ids, key) != NULL;
}

/* fmt: the message, an English catalogue text with the year, the plan's
 * first and last year ("target year %d is outside the plan period %d-%d"). */
static void in_period(ck *c, int year, const pl_hdr *h, const pl_schema *sc,
		      const char *field, const char *fmt)
	__attribute__((format(printf, 6, 0)));
static void in_period(ck *c, int year, const pl_hdr *h, const pl_schema *sc,
		      const char *field, const char *fmt)
{
	char msg[300], hint[300];

	if (year >= c->p->from && year <= c->p->to)
		return;
	snprintf(msg, sizeof(msg), ivp__pl_tr(c->probs, fmt), year, c->p->from, c->p->to);
	snprintf(hint, sizeof(hint), ivp__pl_tr(c->probs, "Use a year from %d to %d, or change the plan's from/to."),
		 c->p->from, c->p->to);
	problem(c, "plan_year_outside_period", h, sc, field, NULL, hint, "%s", msg);
}

typedef struct find {
	const char *key;
	ivp__indicator_def *def;
	int found;
} find;

/* defs_list callback: the first definition of the key (police) wins */
static int find_cb(void *ud, const ivp__indicator_def *d)
{
	find *f = ud;

	if (!f->found && !strcmp(d->key, f->key)) {
		f->found = 1;
		if (f->def)
			*f->def = *d;
	}
	return 0;
}

int ivp__plan_indicator_kind(ivp_ctx *ctx, const char *key, ivp__indicator_def *def)
{
	find f = { key, def, 0 };
	int exists = 0;

	if (key && !strncmp(key, IVP__REG_COUNT_PREFIX, strlen(IVP__REG_COUNT_PREFIX)))
		return 3; /* a register count: no definition, no store look-up */
	if (ivp__store_defs_list(ctx, 1, find_cb, &f))
		return -1;
	if (f.found)
		return 1;
	if (ivp__store_value_key_exists(ctx, key, &exists))
		return -1;
	return exists ? 2 : 0;
}

/* A goal fed by a register count: a known aggregate, and an output goal
 * (a count of the registers' work is an output, never an effect). */
static void check_register_count(ck *c, const pl_goal *g)
{
	const pl_schema *sc = &ivp__pl_goal_schema;
	const char *name = g->indicator + strlen(IVP__REG_COUNT_PREFIX);

	if (!ivp__reg_aggregate_known(name))
		problem(c, "plan_unknown_register_count", &g->h, sc, "indicator",
			"A goal can take its values from the counts of the signals or the cases register, by name.",
			"Use one of register:signals/received, signals/weighed, signals/outcome/OUTCOME, signals/phenomenon/PHENOMENON, "
			"cases/registered, cases/closed, cases/status/STATUS (docs/plan-file.md lists them all).",
			"unknown register count \"%.200s\"", name);
	else if (g->kind && strcmp(g->kind, "output"))
		problem(c, "plan_register_count_not_output", &g->h, sc, "kind",
			"A register count measures the work done (signals weighed, cases closed): it is an output, not an effect.",
			"Write kind: output for this goal, or measure the effect with an indicator of the engine.",
			"a goal with a register count must be of kind output");
}

static int check_goal(ck *c, const pl_goal *g)
{
	const pl_schema *sc = &ivp__pl_goal_schema;
	int k;

	unique(c, "goal", g->id, &g->h, sc, "id");
	if (g->indicator) {
		k = ivp__plan_indicator_kind(c->ctx, g->indicator, NULL);
		if (k < 0)
			return -1;
		if (k == 3)
			check_register_count(c, g);
		else if (k == 0) {
			problem(c, "plan_unknown_indicator", &g->h, sc, "indicator",
				"It is neither an indicator of the engine nor a locally registered value.",
				"Use a key that ivp definitions lists (totaal, bbv_woning, 3.7.4 once its code list is imported), "
				"or register the figure first with ivp import values.",
				"unknown indicator \"%.200s\"", g->indicator);
		} else if (k == 2 && !g->unit) {
			problem(c, "plan_missing_unit", &g->h, sc, "indicator",
				"The unit is part of a locally registered value's identity (per 1,000 and per 10,000 are different figures).",
				"Add \"unit:\" exactly as in the values file, e.g. unit: \"per 1,000 aged 12-17\".",
				"missing unit for the local value \"%.200s\"", g->indicator);
		}
	}
	if (ivp__pl_has(&g->h, sc, "target")) {
		in_period(c, g->target.year, &g->target.h, &ivp__pl_yv_schema, "year",
			  "target year %d is outside the plan period %d-%d");
		if (ivp__pl_has(&g->h, sc, "baseline") && g->baseline.year >= g->target.year) {
			problem(c, "plan_baseline_after_target", &g->baseline.h, &ivp__pl_yv_schema, "year",
				"The line from baseline to target needs a baseline in an earlier year.",
				"Use the year of the nulmeting, usually the year before the plan starts.",
				"baseline year %d is not before the target year %d", g->baseline.year, g->target.year);
		}
	}
	if (ivp__pl_has(&g->h, sc, "baseline") && g->baseline.year > c->p->to) {
		problem(c, "plan_baseline_after_period", &g->baseline.h, &ivp__pl_yv_schema, "year", NULL,
			"Use the year of the nulmeting.", "baseline year %d is after the plan period", g->baseline.year);
	}
	if (g->baseline.margin < 0 || g->target.margin < 0)
		problem(c, "plan_negative_margin", &g->h, sc, "baseline", NULL, "A margin is a half-width, zero or more.",
			"negative margin");
	return 0;
}

static void ref(ck *c, const char *kind, const char *id, const pl_hdr *h, const pl_schema *sc,
		const char *field, const char *hint)
{
	if (!id || known(c, kind, id))
		return;
	problem(c, "plan_unknown_reference", h, sc, field, NULL, hint, "unknown %s \"%.200s\"", kind_word(c, kind), id);
}

/* A measure's owner or partner: an organisation the plan declares
 * (partners) or the database knows (ivp org add). */
static void org_ref(ck *c, const char *id, const pl_hdr *h, const pl_schema *sc,
		    const char *field)
{
	ivp__org_rec o;
	ivp_rc r;

	if (!id || c->dberr || known(c, "partner", id))
		return;
	r = ivp__store_org_get(c->ctx, id, &o);
	if (r == IVP_OK)
		return;
	if (r != IVP_ENOTFOUND) {
		c->dberr = 1;
		return;
	}
	problem(c, "plan_unknown_organisation", h, sc, field,
		"A measure's owner and partners are organisations: ids of the plan's partners list or of ivp org list.",
		"Add it to the plan's partners, or register it with ivp org add ID NAME.", "unknown organisation \"%.200s\"", id);
}

static void check_measure(ck *c, const pl_measure *m)
{
	const pl_schema *sc = &ivp__pl_measure_schema;
	int i;

	ref(c, "priority", m->priority, &m->h, sc, "priority",
	    "Use the id of one of the plan's priorities.");
	for (i = 0; i < m->goals.n; i++)
		ref(c, "goal", ((char **)m->goals.v)[i], &m->h, sc, "goals",
		    "List ids of goals defined under the priorities.");
	org_ref(c, m->owner, &m->h, sc, "owner");
	for (i = 0; i < m->partners.n; i++)
		org_ref(c, ((char **)m->partners.v)[i], &m->h, sc, "partners");
	if (m->start && m->end && strcmp(m->start, m->end) > 0)
		problem(c, "plan_end_before_start", &m->h, sc, "end", NULL, "Swap start and end, or correct one of them.",
			"end date lies before the start date");
	for (i = 0; i < m->budget.n + m->spent.n; i++) {
		int sp = i >= m->budget.n;
		const pl_amount *a = sp ? ARR(m->spent, pl_amount, i - m->budget.n) : ARR(m->budget, pl_amount, i);
		char fp[600];

		if (a->year < c->p->from || a->year > c->p->to) {
			fpath(fp, sizeof(fp), &m->h, sp ? "spent" : "budget");
			ivp__pl_problem(c->probs, "plan_year_outside_period", a->h.at.line ? a->h.at : ivp__pl_pos(&m->h, sc, sp ? "spent" : "budget"),
					fp, NULL, "Use a year within the plan period.",
					sp ? "spent year %d is outside the plan period %d-%d" : "budget year %d is outside the plan period %d-%d",
					a->year, c->p->from, c->p->to);
		}
	}
}

static int check_all(ck *c)
{
	const pl_plan *p = c->p;
	int i, k, g;

	if (p->municipality && (strlen(p->municipality) != 6 || strncmp(p->municipality, "GM", 2) ||
				strspn(p->municipality + 2, "0123456789") != 4))
		problem(c, "plan_bad_municipality", &p->h, &ivp__pl_plan_schema, "municipality", NULL,
			"Use the CBS code of the gemeente, e.g. GM1926 for Pijnacker-Nootdorp.",
			"municipality is not a CBS gemeente code");
	if (p->from > p->to)
		problem(c, "plan_end_before_start", &p->h, &ivp__pl_plan_schema, "to", NULL, "Give the first and last year of the plan.",
			"the plan period ends before it starts");
	{
		const char *d[4] = { p->college_proposal, p->sent_to_council, p->adopted, p->in_force };
		static const char *const n[4] = { "college_proposal", "sent_to_council", "adopted", "in_force" };

		for (i = 1; i < 4; i++)
			for (k = 0; k < i; k++)
				if (d[i] && d[k] && strcmp(d[k], d[i]) > 0) {
					problem(c, "plan_dates_out_of_order", &p->h, &ivp__pl_plan_schema, n[i], NULL,
						"The order is: college proposal, sent to the council, adopted, in force.",
						"%s (%s) lies before %s (%s)", n[i], d[i], n[k], d[k]);
				}
	}
	for (i = 0; i < p->partners.n; i++) {
		const pl_partner *x = ARR(p->partners, pl_partner, i);

		unique(c, "partner", x->id, &x->h, &ivp__pl_partner_schema, "id");
	}
	/* ids first, so references can point forward */
	for (i = 0; i < p->priorities.n; i++) {
		const pl_priority *pr = ARR(p->priorities, pl_priority, i);

		unique(c, "priority", pr->id, &pr->h, &ivp__pl_priority_schema, "id");
		if (!pr->fields.n && !pr->cross_cutting)
			problem(c, "plan_priority_without_field", &pr->h, &ivp__pl_priority_schema, "id", NULL,
				"Add fields: [1..5] (Kernbeleid Veiligheid safety fields) or cross_cutting: true.",
				"priority maps to no safety field");
		for (k = 0; k < pr->ambitions.n; k++) {
			const pl_ambition *a = ARR(pr->ambitions, pl_ambition, k);

			unique(c, "ambition", a->id, &a->h, &ivp__pl_ambition_schema, "id");
			for (g = 0; g < a->goals.n; g++)
				if (check_goal(c, ARR(a->goals, pl_goal, g)))
					return -1;
		}
	}
	for (i = 0; i < p->implementation.n; i++) {
		const pl_impl *im = ARR(p->implementation, pl_impl, i);

		unique(c, "implementation plan", im->id, &im->h, &ivp__pl_impl_schema, "id");
		if (im->from > im->to)
			problem(c, "plan_end_before_start", &im->h, &ivp__pl_impl_schema, "to", NULL, "Give the first and last year.",
				"the implementation plan ends before it starts");
		for (k = 0; k < im->themes.n; k++)
			ref(c, "priority", ((char **)im->themes.v)[k], &im->h, &ivp__pl_impl_schema, "themes",
			    "Themes are ids of the plan's priorities; leave themes out for a plan for all.");
		for (k = 0; k < im->measures.n; k++) {
			const pl_measure *m = ARR(im->measures, pl_measure, k);

			unique(c, "measure", m->id, &m->h, &ivp__pl_measure_schema, "id");
		}
	}
	for (i = 0; i < p->implementation.n; i++) {
		const pl_impl *im = ARR(p->implementation, pl_impl, i);

		for (k = 0; k < im->measures.n; k++)
			check_measure(c, ARR(im->measures, pl_measure, k));
	}
	for (i = 0; i < p->budget.n; i++) {
		const pl_budget *b = ARR(p->budget, pl_budget, i);
		char id[16];

		in_period(c, b->year, &b->h, &ivp__pl_budget_schema, "year", "budget year %d is outside the plan period %d-%d");
		snprintf(id, sizeof(id), "%d", b->year);
		unique(c, "budget year", id, &b->h, &ivp__pl_budget_schema, "year");
	}
	return 0;
}

ivp_rc ivp__plan_check(ivp_ctx *ctx, const pl_plan *p, pl_problems *probs)
{
	ck c;
	int r;

	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	c.p = p;
	c.probs = probs;
	ivp__map_init(&c.ids);
	r = check_all(&c);
	if (!r && !c.dberr && ivp__region_check_plan(ctx, p, probs)) /* regional_themes (region.c) */
		r = -1;
	ivp__map_free(&c.ids);
	if (r || c.dberr) /* the store failed: its error is in ctx->err */
		return ctx->err.rc;
	if (c.oom || probs->oom)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	return IVP_OK;
}
