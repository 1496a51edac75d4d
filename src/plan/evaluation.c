/*
 * evaluation.c — `ivp plan evaluate --plan ID`: the evaluation of a
 * previous plan (issue 14) from its evaluation file (ivp participation
 * import evaluation): per goal its result against its target with an
 * honest verdict, per measure whether it was carried out and what it cost
 * against its budget, and the evaluators' conclusions per priority. The
 * verdicts feed the priority matrix's evaluation criterion
 * (participation_view.c): a theme whose goals were not achieved scores high.
 *
 * The verdict of a goal (ivp__eval_verdict):
 *   no result measured                               -> not measurable;
 *   at or better than the target (direction)         -> achieved;
 *   worse, but within the result's margin of it      -> not measurable
 *                                                       (the survey cannot tell);
 *   worse beyond the margin (or worse, no margin)    -> not achieved.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "plan/evaluation.h"
#include "store/particip_store.h"

#define L(lang, fmt) ivp_msg_tr((lang), (fmt))

int ivp__eval_verdict(const char *direction, double target, double result, double margin)
{
	int higher = !strcmp(direction, "higher");

	if (isnan(result) || isnan(target))
		return IVP__EV_NOT_MEASURABLE;
	if (higher ? result >= target : result <= target)
		return IVP__EV_ACHIEVED;
	if (!isnan(margin) && fabs(result - target) <= margin)
		return IVP__EV_NOT_MEASURABLE;
	return IVP__EV_NOT_ACHIEVED;
}

enum {
	C_KIND,
	C_ID,
	C_PRIO,
	C_THEME,
	C_TITLE,
	C_BASE,
	C_TARGET,
	C_RESULT,
	C_MARGIN,
	C_UNIT,
	C_VERDICT,
	C_WHY,
	C_DONE,
	C_BUDGET,
	C_SPENT,
	C_TEXT,
	C_ILL,
	C_NCOLS
};

typedef struct ev_ud {
	ivp_table *t;
	const char *lang;
	int n, bad;
} ev_ud;

static double real(const char *s)
{
	return s ? strtod(s, NULL) : NAN;
}

/* rows: kind, id, priority, theme, title, direction, unit, baseline, target,
 * result, margin, budget, spent, done, text, illustration */
static int ev_row(void *ud, const char *const *c, int n)
{
	ev_ud *u = ud;
	ivp_table *t = u->t;
	char why[512] = "";
	const char *verdict = "";
	double target = real(c[8]), result = real(c[9]), margin = real(c[10]);
	double budget = real(c[11]), spent = real(c[12]);

	if (n < 16)
		return 0;
	u->n++;
	if (!strcmp(c[0], "goal")) {
		switch (ivp__eval_verdict(c[5] ? c[5] : "", target, result, margin)) {
		case IVP__EV_ACHIEVED:
			verdict = L(u->lang, "achieved");
			snprintf(why, sizeof(why), L(u->lang, "%g against the target %g"), result, target);
			break;
		case IVP__EV_NOT_ACHIEVED:
			verdict = L(u->lang, "not achieved");
			snprintf(why, sizeof(why), L(u->lang, "%g against the target %g, beyond the margin"), result, target);
			break;
		default:
			verdict = L(u->lang, "not measurable");
			if (isnan(result))
				snprintf(why, sizeof(why), "%s", L(u->lang, "no result was measured"));
			else
				snprintf(why, sizeof(why), L(u->lang, "%g against the target %g: within the margin (± %g), the measurement cannot tell"),
					 result, target, margin);
			break;
		}
	} else if (!strcmp(c[0], "measure")) {
		if (!isnan(budget) && !isnan(spent) && spent > budget)
			snprintf(why, sizeof(why), L(u->lang, "over its budget by %.0f"), spent - budget);
		else if (!isnan(budget) && !isnan(spent))
			snprintf(why, sizeof(why), L(u->lang, "within its budget (%.0f left)"), budget - spent);
	}
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, C_KIND, c[0]) || ivp__table_set_text(t, C_ID, c[1]) ||
	    ivp__table_set_text(t, C_PRIO, c[2]) || ivp__table_set_text(t, C_THEME, c[3]) ||
	    ivp__table_set_text(t, C_TITLE, c[4]) || ivp__table_set_real(t, C_BASE, real(c[7])) ||
	    ivp__table_set_real(t, C_TARGET, target) || ivp__table_set_real(t, C_RESULT, result) ||
	    ivp__table_set_real(t, C_MARGIN, margin) || ivp__table_set_text(t, C_UNIT, c[6]) ||
	    ivp__table_set_text(t, C_VERDICT, verdict) || ivp__table_set_text(t, C_WHY, why) ||
	    ivp__table_set_text(t, C_DONE, !c[13] ? "" : c[13][0] == '1' ? L(u->lang, "carried out") :
									   L(u->lang, "not carried out")) ||
	    ivp__table_set_real(t, C_BUDGET, budget) || ivp__table_set_real(t, C_SPENT, spent) ||
	    ivp__table_set_text(t, C_TEXT, c[14]) ||
	    ivp__table_set_text(t, C_ILL, c[15] && c[15][0] == '1' ? L(u->lang, "illustration") : "")) {
		u->bad = 1;
		return -1;
	}
	return 0;
}

ivp_rc ivp_plan_evaluate(ivp_ctx *ctx, const char *plan_id, const char *lang, ivp_table **out)
{
	static const struct {
		const char *name;
		int flags, dec;
	} cols[C_NCOLS] = {
		[C_KIND] = { "kind", IVP__COL_BRIEF, 0 },
		[C_ID] = { "id", IVP__COL_BRIEF, 0 },
		[C_PRIO] = { "priority", IVP__COL_BRIEF, 0 },
		[C_THEME] = { "theme", 0, 0 },
		[C_TITLE] = { "title", IVP__COL_BRIEF, 0 },
		[C_BASE] = { "baseline", 0, 2 },
		[C_TARGET] = { "target", IVP__COL_BRIEF, 2 },
		[C_RESULT] = { "result", IVP__COL_BRIEF, 2 },
		[C_MARGIN] = { "margin", 0, 2 },
		[C_UNIT] = { "unit", 0, 0 },
		[C_VERDICT] = { "verdict", IVP__COL_BRIEF, 0 },
		[C_WHY] = { "why", IVP__COL_BRIEF, 0 },
		[C_DONE] = { "carried_out", IVP__COL_BRIEF, 0 },
		[C_BUDGET] = { "budget", 0, 0 },
		[C_SPENT] = { "spent", 0, 0 },
		[C_TEXT] = { "text", 0, 0 },
		[C_ILL] = { "illustration", IVP__COL_BRIEF, 0 },
	};
	ev_ud u = { NULL, lang ? lang : "nl", 0, 0 };
	ivp_rc rc;
	int i;

	*out = NULL;
	if (!plan_id || !*plan_id) {
		ivp__fail(ctx, IVP_EINPUT, "no plan given");
		ivp__code(ctx, "missing_option");
		ivp__hint(ctx, "Give the plan to evaluate with --plan, e.g. ivp-pn-2018-2022.");
		return IVP_EINPUT;
	}
	if (!(u.t = ivp__table_new()))
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	for (i = 0; i < C_NCOLS; i++)
		if (ivp__table_col(u.t, cols[i].name, cols[i].flags, cols[i].dec) < 0) {
			ivp_table_free(u.t);
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		}
	rc = ivp__store_pt_evals_list(ctx, plan_id, ev_row, &u);
	if (u.bad) {
		ivp__error_clear(&ctx->err);
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	if (!rc && !u.n) {
		ivp__fail(ctx, IVP_EINPUT, "no evaluation of the plan \"%s\"", plan_id);
		ivp__code(ctx, "no_evaluation");
		ivp__hint(ctx, "Import its evaluation file first (ivp participation import evaluation FILE; docs/participation.md).");
		rc = IVP_EINPUT;
	}
	if (rc) {
		ivp_table_free(u.t);
		return rc;
	}
	*out = u.t;
	return IVP_OK;
}
