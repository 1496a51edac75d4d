/*
 * model_particip.c — the safety picture's chapters on participation and on
 * the previous plan (issue 14): the facts of the participation trajectory
 * and of the evaluation, read once into rp_model.particip so that a
 * definitief report freezes them in its snapshot (snapshot.c) like every
 * other figure.
 *
 * Everything comes from the tables the pages and the API publish
 * (ivp_participation, ivp_plan_evaluate), in the report's language: the
 * activities with their participants and inputs, the inputs per theme and
 * wijk, and per theme what was done with them, each count as published —
 * suppressed by the one rule of src/stats/suppress.h, so the report shows
 * nothing the public page hides; a route's target is the title of the
 * priority, goal or measure of the plan. The evaluation is that of the
 * evaluated plan that is not the current one (the newest id when there are
 * several): its goals with the verdict and why, its measures with their
 * spending, its conclusions.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "store/particip_store.h"
#include "store/plan_store.h"

static int col(const ivp_table *t, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	return -1;
}

/* A cell as text (NULL: none or empty). */
static const char *txt(rp_arena *a, const ivp_table *t, int r, const char *name)
{
	int c = col(t, name);

	if (c < 0 || ivp_table_cell_type(t, r, c) != IVP_CELL_TEXT || !ivp_table_text(t, r, c)[0])
		return NULL;
	return ivp__rp_strdup(a, ivp_table_text(t, r, c));
}

static double real(const ivp_table *t, int r, const char *name)
{
	int c = col(t, name);

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

/* A published count: the number, -1 when hidden (null). */
static int64_t count(const ivp_table *t, int r, const char *name)
{
	double v = real(t, r, name);

	return isnan(v) ? -1 : (int64_t)llround(v);
}

static ivp_rc activities(ivp_ctx *ctx, rp_model *m, rp_particip *p)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_participation(ctx, "activities", p->id, m->lang, &t);
	int i, n;

	if (rc)
		return rc;
	n = ivp_table_nrows(t);
	p->activities = ivp__rp_alloc(&m->a, (size_t)(n + 1) * sizeof(*p->activities));
	for (i = 0; p->activities && i < n; i++) {
		rp_pt_activity *x = &p->activities[i];
		int64_t k = count(t, i, "inputs");

		x->kind = txt(&m->a, t, i, "kind_text");
		x->date = txt(&m->a, t, i, "date");
		x->place = txt(&m->a, t, i, "place");
		x->wijk = txt(&m->a, t, i, "wijk_name");
		x->participants = txt(&m->a, t, i, "participants_shown");
		x->inputs = k >= 0 ? ivp__rp_printf(&m->a, "%lld", (long long)k) : "< 5";
		x->illustration = txt(&m->a, t, i, "illustration") != NULL;
	}
	p->nactivities = p->activities ? n : 0;
	ivp_table_free(t);
	return IVP_OK;
}

static ivp_rc counts(ivp_ctx *ctx, rp_model *m, rp_particip *p)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_participation(ctx, "themes", p->id, m->lang, &t);
	int i, n;

	if (rc)
		return rc;
	n = ivp_table_nrows(t);
	p->counts = ivp__rp_alloc(&m->a, (size_t)(n + 1) * sizeof(*p->counts));
	for (i = 0; p->counts && i < n; i++) {
		rp_pt_count *x = &p->counts[i];
		const char *row = ivp_table_text(t, i, col(t, "row"));

		x->theme = strcmp(row, "cell") && strcmp(row, "theme_total") ? NULL : txt(&m->a, t, i, "title");
		x->wijk = strcmp(row, "cell") && strcmp(row, "wijk_total") ? NULL : txt(&m->a, t, i, "wijk_name");
		x->shown = txt(&m->a, t, i, "shown");
		x->count = count(t, i, "count");
	}
	p->ncounts = p->counts ? n : 0;
	ivp_table_free(t);
	return IVP_OK;
}

static ivp_rc routes(ivp_ctx *ctx, rp_model *m, rp_particip *p)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_participation(ctx, "routes", p->id, m->lang, &t);
	int i, n;

	if (rc)
		return rc;
	n = ivp_table_nrows(t);
	p->routes = ivp__rp_alloc(&m->a, (size_t)(n + 1) * sizeof(*p->routes));
	for (i = 0; p->routes && i < n; i++) {
		rp_pt_route *x = &p->routes[i];

		x->theme = txt(&m->a, t, i, "title");
		x->route = txt(&m->a, t, i, "route_text");
		x->target = txt(&m->a, t, i, "target_title");
		x->shown = txt(&m->a, t, i, "shown");
		x->count = count(t, i, "count");
	}
	p->nroutes = p->routes ? n : 0;
	ivp_table_free(t);
	return IVP_OK;
}

/* The first trajectory: its id, title, aims. 0: none. */
static ivp_rc trajectory(ivp_ctx *ctx, rp_model *m, rp_particip *p)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_participation(ctx, "trajectories", NULL, m->lang, &t);

	if (rc)
		return rc;
	if (ivp_table_nrows(t)) {
		p->id = txt(&m->a, t, 0, "trajectory");
		p->title = txt(&m->a, t, 0, "title");
		p->aims = txt(&m->a, t, 0, "aims");
		p->illustration = txt(&m->a, t, 0, "illustration") != NULL;
	}
	ivp_table_free(t);
	return IVP_OK;
}

typedef struct eplans {
	const char *current;
	char last[128];
} eplans;

static int eplan_cb(void *ud, const char *const *c, int n)
{
	eplans *e = ud;

	if (n >= 1 && c[0] && (!e->current || strcmp(c[0], e->current)))
		snprintf(e->last, sizeof(e->last), "%s", c[0]);
	return 0;
}

static ivp_rc evaluation(ivp_ctx *ctx, rp_model *m, rp_particip *p)
{
	ivp__plan_version v;
	eplans e = { NULL, "" };
	ivp_table *t = NULL;
	ivp_rc rc;
	int i, n;

	memset(&v, 0, sizeof(v));
	rc = ivp__store_plan_version_get(ctx, 0, &v);
	if (rc && rc != IVP_ENOTFOUND)
		return rc;
	ivp__error_clear(&ctx->err);
	free(v.doc);
	e.current = rc ? NULL : v.plan_id;
	if ((rc = ivp__store_pt_eval_plans(ctx, eplan_cb, &e)))
		return rc;
	if (!e.last[0])
		return IVP_OK;
	if ((rc = ivp_plan_evaluate(ctx, e.last, m->lang, &t)))
		return rc;
	p->eval_plan = ivp__rp_strdup(&m->a, e.last);
	n = ivp_table_nrows(t);
	p->evals = ivp__rp_alloc(&m->a, (size_t)(n + 1) * sizeof(*p->evals));
	for (i = 0; p->evals && i < n; i++) {
		rp_eval *x = &p->evals[i];

		x->kind = txt(&m->a, t, i, "kind");
		x->id = txt(&m->a, t, i, "id");
		x->priority = txt(&m->a, t, i, "priority");
		x->title = txt(&m->a, t, i, "title");
		x->unit = txt(&m->a, t, i, "unit");
		x->verdict = txt(&m->a, t, i, "verdict");
		x->done = txt(&m->a, t, i, "carried_out");
		x->text = txt(&m->a, t, i, "text");
		x->baseline = real(t, i, "baseline");
		x->target = real(t, i, "target");
		x->result = real(t, i, "result");
		x->margin = real(t, i, "margin");
		x->outcome = !x->verdict || !x->kind || strcmp(x->kind, "goal")	      ? 0 :
			     !strcmp(x->verdict, ivp_msg_tr(m->lang, "achieved"))     ? 0 :
			     !strcmp(x->verdict, ivp_msg_tr(m->lang, "not achieved")) ? 1 :
											2;
		x->budget = real(t, i, "budget");
		x->spent = real(t, i, "spent");
		x->illustration = txt(&m->a, t, i, "illustration") != NULL;
	}
	p->nevals = p->evals ? n : 0;
	ivp_table_free(t);
	return IVP_OK;
}

ivp_rc ivp__rp_particip(ivp_ctx *ctx, rp_model *m)
{
	rp_particip *p = ivp__rp_alloc(&m->a, sizeof(*p));
	ivp_rc rc;

	if (!p)
		return IVP_ENOMEM;
	if ((rc = trajectory(ctx, m, p)))
		return rc;
	if (p->id && ((rc = activities(ctx, m, p)) || (rc = counts(ctx, m, p)) || (rc = routes(ctx, m, p))))
		return rc;
	if ((rc = evaluation(ctx, m, p)))
		return rc;
	if (m->a.oom)
		return IVP_ENOMEM;
	if (p->id || p->eval_plan)
		m->particip = p;
	return IVP_OK;
}
