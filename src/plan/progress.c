/*
 * progress.c — `ivp plan progress`: where each goal stands, what each
 * measure did and spent, a summary per priority and the plan's budget.
 *
 * The status rule (docs/progress-rules.md is the text for readers):
 *
 *   b = baseline value (year y0), T = target value (year y1), s = +1 when
 *   higher is better and -1 when lower is better; v = the latest value in
 *   a year y with y0 < y <= the report year, with its interval [lo, hi]
 *   (engine: exact Poisson interval of the rate; survey: v ± margin; a
 *   value without a margin is taken as exact when its baseline has none
 *   either; when only one of the two has a margin, the other's is unknown,
 *   never 0, and the change since the baseline is not known to be beyond
 *   the noise). The line gives the
 *   expected value e = b + (T - b)(y - y0)/(y1 - y0), and T from y1 on.
 *
 *   no data    no value after the baseline year up to the report year;
 *   no status  values exist, but none in the goal's unit (never compared);
 *   otherwise, for a goal that asks for improvement (s(T - b) > 0):
 *   off track  the whole interval is worse than e (behind the line beyond
 *              the noise);
 *   on track   v is at or better than e AND the change since the baseline
 *              is beyond the noise (engine: the rate-ratio interval
 *              against the baseline year excludes 1; survey: |v - b| is
 *              larger than the combined margin sqrt(m_v² + m_b²));
 *   at risk    everything else: behind the line within the noise, or
 *              ahead of it while the change is still inside the noise.
 *   A goal that asks to hold a level (T no better than b) is off track
 *   when the whole interval is worse than T, on track when v is at or
 *   better than T, and at risk otherwise.
 *
 * So a change inside the noise never makes a goal on track by itself, and
 * it makes it off track only when even the favourable end of the interval
 * is behind the line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan/plan.h"
#include "plan/progress.h"
#include "registers/plan_counts.h"
#include "stats/suppress.h"
#include "stats/survey.h"
#include "store/plan_store.h"

/* The catalogue's text of an English format in lang (the same arguments). */
#define L(lang, fmt) ivp_msg_tr((lang), (fmt))

#define ARR(a, T, i) (&((T *)(a).v)[i])

static const char *const st_words[ST_N] = { "no data", "no status", "on track", "at risk", "off track" };

typedef struct pg {
	ivp_ctx *ctx;
	const pl_plan *p;
	int year;
	double level;
	ivp_table *t[IVP_PROGRESS_NPARTS];
	int (*per_priority)[ST_N];
} pg;

static int col_of(const ivp_table *t, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	return -1;
}

static int real_at(const ivp_table *t, const char *name, double *v)
{
	int c = col_of(t, name);

	if (c < 0 || ivp_table_nrows(t) < 1)
		return 0;
	if (ivp_table_cell_type(t, 0, c) == IVP_CELL_REAL)
		*v = ivp_table_real(t, 0, c);
	else if (ivp_table_cell_type(t, 0, c) == IVP_CELL_INT)
		*v = (double)ivp_table_int(t, 0, c);
	else if (ivp_table_cell_type(t, 0, c) == IVP_CELL_TEXT && !strcmp(ivp_table_text(t, 0, c), "inf"))
		*v = INFINITY;
	else
		return 0;
	return 1;
}

static void engine_unit(const ivp__indicator_def *d, char *out, size_t n)
{
	if (d->per == 1000)
		snprintf(out, n, "per 1,000 inhabitants%s", !strcmp(d->population_group, "12-17") ? " aged 12-17" : "");
	else
		snprintf(out, n, "per %d inhabitants%s", d->per, !strcmp(d->population_group, "12-17") ? " aged 12-17" : "");
}

/* An engine indicator: the latest rate after the baseline year, via ivp_indicators(). */
static ivp_rc engine_obs(pg *g, const pl_goal *goal, const ivp__indicator_def *d, obs *o)
{
	int y;
	char note[512] = "";

	engine_unit(d, o->unit, sizeof(o->unit));
	if (goal->unit && strcmp(goal->unit, o->unit)) {
		o->other_unit = 1;
		snprintf(o->why, sizeof(o->why),
			 L(o->lang, "the goal's unit \"%s\" differs from the indicator's unit \"%s\"; values in different units are never compared"),
			 goal->unit, o->unit);
		return IVP_OK;
	}
	for (y = g->year; y > goal->baseline.year; y--) {
		ivp_indicator_query q;
		ivp_table *t = NULL;
		double r, lo, hi, bl, bh;
		int c;

		memset(&q, 0, sizeof(q));
		q.area = g->p->municipality;
		q.year = y;
		q.baseline = goal->baseline.year;
		q.indicator = goal->indicator;
		q.small_threshold = -1;
		q.level = g->level;
		q.lang = o->lang; /* its note goes into the reason */
		if (ivp_indicators(g->ctx, &q, &t)) {
			const ivp_error *e = ivp_last_error(g->ctx);

			if (e->rc == IVP_ENOMEM)
				return IVP_ENOMEM;
			snprintf(o->why, sizeof(o->why), L(o->lang, "the indicator engine gave no figure: %s"), e->message);
			return IVP_OK;
		}
		c = col_of(t, "note");
		if (!note[0] && c >= 0 && ivp_table_nrows(t) > 0 && ivp_table_cell_type(t, 0, c) == IVP_CELL_TEXT)
			snprintf(note, sizeof(note), "%s", ivp_table_text(t, 0, c));
		if (real_at(t, "per_1000", &r) && real_at(t, "per_1000_lo", &lo) && real_at(t, "per_1000_hi", &hi)) {
			o->has = 1;
			o->year = y;
			o->v = r;
			o->lo = lo;
			o->hi = hi;
			snprintf(o->source, sizeof(o->source), "indicator engine: %s, definition %s v%d",
				 d->source_tables, d->key, d->version);
			if (real_at(t, "baseline_lo", &bl) && real_at(t, "baseline_hi", &bh)) {
				int s = !strcmp(goal->direction, "higher") ? 1 : -1;

				o->base_known = 1;
				if (bh < 1)
					o->base_sig = -s;
				else if (bl > 1)
					o->base_sig = s;
			}
			ivp_table_free(t);
			return IVP_OK;
		}
		ivp_table_free(t);
	}
	snprintf(o->why, sizeof(o->why), L(o->lang, "no value for %s in %s after %d up to %d%s%s"), goal->indicator,
		 g->p->municipality, goal->baseline.year, g->year, note[0] ? ": " : "", note);
	return IVP_OK;
}

typedef struct lv {
	obs *o;
	const pl_goal *goal;
	int year;	 /* report year */
	int other_units; /* values in another unit in range */
	char other[128];
	int has_base_margin;
	double base_margin;
	double margin;
	int small_year; /* the newest year after the baseline whose survey was too small, 0: none */
	int64_t small_n, small_min;
} lv;

static int lv_cb(void *ud, const char *const *c, int n)
{
	lv *l = ud;
	int64_t resp, min;
	int y;

	if (n < 7 || !c[0] || !c[1] || !c[2])
		return 0;
	y = (int)strtol(c[0], NULL, 10); /* the values stored by ivp import values */
	if (strcmp(c[2], l->goal->unit ? l->goal->unit : "")) {
		if (y > l->goal->baseline.year && y <= l->year) {
			l->other_units++;
			snprintf(l->other, sizeof(l->other), "%s", c[2]);
		}
		return 0;
	}
	if (y == l->goal->baseline.year && c[3]) {
		l->has_base_margin = 1;
		l->base_margin = strtod(c[3], NULL);
	}
	resp = n >= 10 && c[8] ? strtoll(c[8], NULL, 10) : 0;
	min = n >= 10 && c[9] ? strtoll(c[9], NULL, 10) : 0;
	if (y > l->goal->baseline.year && y <= l->year && ivp__survey_too_small(resp, min)) {
		/* fewer respondents than the survey's minimum: not a figure (stats/survey.h) */
		if (y > l->small_year) {
			l->small_year = y;
			l->small_n = resp;
			l->small_min = min;
		}
		return 0;
	}
	if (y > l->goal->baseline.year && y <= l->year && (!l->o->has || y >= l->o->year)) {
		l->o->has = 1;
		l->o->year = y;
		l->o->v = strtod(c[1], NULL);
		l->margin = c[3] ? strtod(c[3], NULL) : 0;
		l->o->exact = !c[3];
		l->o->lo = l->o->v - l->margin;
		l->o->hi = l->o->v + l->margin;
		snprintf(l->o->unit, sizeof(l->o->unit), "%s", c[2]);
		snprintf(l->o->source, sizeof(l->o->source), "%s (definition %s, import %s)",
			 c[4] ? c[4] : "", c[5] ? c[5] : "", c[6] ? c[6] : "");
	}
	return 0;
}

static ivp_rc local_obs(pg *g, const pl_goal *goal, obs *o)
{
	lv l;
	ivp_rc rc;

	memset(&l, 0, sizeof(l));
	l.o = o;
	l.goal = goal;
	l.year = g->year;
	if ((rc = ivp__store_values_get(g->ctx, goal->indicator, g->p->municipality, lv_cb, &l)))
		return rc;
	if (!o->has) {
		if (l.small_year) {
			snprintf(o->why, sizeof(o->why),
				 L(o->lang, "the survey of %d for %s is too small (%lld respondents, its minimum %lld); there is no other value after %d"),
				 l.small_year, goal->indicator, (long long)l.small_n, (long long)l.small_min, goal->baseline.year);
		} else if (l.other_units) {
			o->other_unit = 1;
			snprintf(o->why, sizeof(o->why),
				 L(o->lang, "values of %s exist only in another unit (\"%s\") than the goal's (\"%s\"); values in different units are never compared"),
				 goal->indicator, l.other, goal->unit ? goal->unit : "");
		} else {
			snprintf(o->why, sizeof(o->why), L(o->lang, "no value for %s in %s after %d up to %d; register it with ivp import values"),
				 goal->indicator, g->p->municipality, goal->baseline.year, g->year);
		}
		return IVP_OK;
	}
	{
		int has_mb = ivp__pl_has(&goal->baseline.h, &ivp__pl_yv_schema, "margin") ||
			     l.has_base_margin;
		double mb = ivp__pl_has(&goal->baseline.h, &ivp__pl_yv_schema, "margin") ? goal->baseline.margin :
			    l.has_base_margin						 ? l.base_margin :
											   NAN;
		double d = o->v - goal->baseline.value;
		int s = !strcmp(goal->direction, "higher") ? 1 : -1;

		o->base_known = 1;
		if (has_mb == o->exact) {
			/* one side has a margin, the other none: the other's is
			 * unknown, not 0 — whether the change is beyond the noise
			 * cannot be said */
			o->base_known = 0;
			o->base_sig = 0;
			o->margin_unknown = o->exact ? 1 : 2;
			return IVP_OK;
		}
		if (o->exact) /* neither has one: exact counts */
			mb = 0;
		/* beyond the combined margin (stats/survey.h, the survey rule) */
		o->base_sig = ivp__survey_beyond(goal->baseline.value, mb, o->v, l.margin) ? (d * s > 0 ? 1 : -1) : 0;
	}
	return IVP_OK;
}

void ivp__plan_register_obs(const pl_goal *goal, int year, int64_t n, int flag, obs *o)
{
	const char *name = goal->indicator + strlen(IVP__REG_COUNT_PREFIX);
	int s = !strcmp(goal->direction ? goal->direction : "higher", "higher") ? 1 : -1;

	snprintf(o->unit, sizeof(o->unit), "%s", goal->unit ? goal->unit : L(o->lang, "count"));
	if (flag != IVP__SHOW) {
		o->has = 0;
		snprintf(o->shown, sizeof(o->shown), "%s", flag == IVP__HIDE_SMALL ? "< 5" : "x");
		o->year = year;
		snprintf(o->why, sizeof(o->why),
			 flag == IVP__HIDE_SMALL ?
				 L(o->lang, "the count %s of %d is below 5 and shown as \"< 5\" (counts of 1 to 4 are never shown): it is not used as a measured value") :
				 L(o->lang, "the count %s of %d is hidden (\"x\") so that no total and its parts give a count below 5 back: it is not used as a measured value"),
			 name, year);
		return;
	}
	o->has = 1;
	o->year = year;
	o->v = (double)n;
	o->lo = o->hi = o->v;
	o->exact = 1;
	/* a count of registrations is exact, like a local value without a
	 * margin against a baseline without one: any change is a change */
	o->base_known = 1;
	o->base_sig = o->v == goal->baseline.value ? 0 : (o->v - goal->baseline.value) * s > 0 ? 1 :
												 -1;
	snprintf(o->source, sizeof(o->source), L(o->lang, "register count %s of %d (counts without persons; 1 to 4 shown as \"< 5\")"),
		 name, year);
}

/* A goal fed by a register count: the count of the report year. The
 * signals' key file missing or wrong closes that goal, not the plan. */
static ivp_rc register_obs(pg *g, const pl_goal *goal, obs *o)
{
	const char *name = goal->indicator + strlen(IVP__REG_COUNT_PREFIX);
	int64_t n = 0;
	int flag = IVP__SHOW;
	ivp_rc rc;

	snprintf(o->unit, sizeof(o->unit), "%s", goal->unit ? goal->unit : L(o->lang, "count"));
	if (g->year <= goal->baseline.year) {
		snprintf(o->why, sizeof(o->why), L(o->lang, "no value for %s after %d up to %d"), goal->indicator,
			 goal->baseline.year, g->year);
		return IVP_OK;
	}
	rc = ivp__reg_plan_count(g->ctx, name, g->year, &n, &flag);
	if (rc == IVP_EINPUT) {
		snprintf(o->why, sizeof(o->why), L(o->lang, "no value: the register is closed (%s)"), ivp_last_error(g->ctx)->message);
		ivp__error_clear(&g->ctx->err);
		return IVP_OK;
	}
	if (rc)
		return rc;
	ivp__plan_register_obs(goal, g->year, n, flag, o);
	return IVP_OK;
}

pl_status ivp__plan_status(const pl_goal *goal, const obs *o, double *expected, char *why, size_t n)
{
	double b = goal->baseline.value, T = goal->target.value, e;
	int y0 = goal->baseline.year, y1 = goal->target.year, s = !strcmp(goal->direction, "higher") ? 1 : -1;
	double best = s > 0 ? o->hi : o->lo; /* the favourable end of the interval */
	double worst = s > 0 ? o->lo : o->hi;
	const char *lang = o->lang;
	const char *noise = o->margin_unknown == 2 ? L(lang, "the baseline has no margin while the value has one: whether the change since the baseline is beyond the noise is unknown") :
			    o->margin_unknown == 1 ? L(lang, "the value has no margin while the baseline has one: whether the change since the baseline is beyond the noise is unknown") :
			    o->exact		   ? L(lang, "no margin known: compared as exact") :
						     "";

	*expected = NAN;
	if (!o->has) {
		snprintf(why, n, "%s", o->why);
		return o->other_unit ? ST_NOSTATUS : ST_NODATA;
	}
	e = o->year >= y1 ? T : b + (T - b) * (double)(o->year - y0) / (double)(y1 - y0);
	*expected = e;
	(void)worst;
	if (s * (T - b) <= 0) { /* hold a level */
		if (s * (best - T) < 0) {
			snprintf(why, n, L(lang, "worse than the level to hold (%g), beyond the noise%s%s"), T, noise[0] ? "; " : "", noise);
			return ST_OFF;
		}
		if (s * (o->v - T) >= 0) {
			snprintf(why, n, L(lang, "at or better than the level to hold (%g)%s%s"), T, noise[0] ? "; " : "", noise);
			return ST_ON;
		}
		snprintf(why, n, L(lang, "slightly worse than the level to hold (%g), within the noise"), T);
		return ST_RISK;
	}
	if (s * (best - e) < 0) {
		snprintf(why, n, L(lang, "behind the line: even the favourable end of the interval (%.2f) is worse than expected for %d (%.2f)%s%s"),
			 best, o->year, e, noise[0] ? "; " : "", noise);
		return ST_OFF;
	}
	if (s * (o->v - e) >= 0 && o->base_sig > 0) {
		snprintf(why, n, L(lang, "at or ahead of the line (expected %.2f for %d) and the change since %d is beyond the noise%s%s"),
			 e, o->year, y0, noise[0] ? "; " : "", noise);
		return ST_ON;
	}
	if (s * (o->v - e) >= 0 && o->margin_unknown)
		snprintf(why, n, L(lang, "ahead of the line (expected %.2f for %d), but %s: not on track by itself"),
			 e, o->year, noise);
	else if (s * (o->v - e) >= 0)
		snprintf(why, n, L(lang, "ahead of the line (expected %.2f for %d), but the change since %d is within the noise: not on track by itself"),
			 e, o->year, y0);
	else
		snprintf(why, n, L(lang, "behind the line (expected %.2f for %d), but within the noise"), e, o->year);
	return ST_RISK;
}

/* ---- the four tables -------------------------------------------------------------- */

enum {
	G_PRIORITY,
	G_GOAL,
	G_EXAMPLE,
	G_TITLE,
	G_KIND,
	G_INDICATOR,
	G_UNIT,
	G_DIRECTION,
	G_BASELINE,
	G_BASE_YEAR,
	G_TARGET,
	G_TARGET_YEAR,
	G_YEAR,
	G_VALUE,
	G_LO,
	G_HI,
	G_EXPECTED,
	G_STATUS,
	G_REASON,
	G_SOURCE,
	G_NCOLS
};

static const struct {
	const char *name;
	int flags;
	int dec;
} gcols[G_NCOLS] = {
	[G_PRIORITY] = { "priority", 0, 0 },
	[G_GOAL] = { "goal", IVP__COL_BRIEF, 0 },
	[G_EXAMPLE] = { "illustration", IVP__COL_BRIEF, 0 },
	[G_TITLE] = { "title", 0, 0 },
	[G_KIND] = { "kind", 0, 0 },
	[G_INDICATOR] = { "indicator", IVP__COL_BRIEF, 0 },
	[G_UNIT] = { "unit", 0, 0 },
	[G_DIRECTION] = { "better", IVP__COL_BRIEF, 0 },
	[G_BASELINE] = { "baseline", IVP__COL_BRIEF, 2 },
	[G_BASE_YEAR] = { "baseline_year", IVP__COL_BRIEF, 0 },
	[G_TARGET] = { "target", IVP__COL_BRIEF, 2 },
	[G_TARGET_YEAR] = { "target_year", IVP__COL_BRIEF, 0 },
	[G_YEAR] = { "year", IVP__COL_BRIEF, 0 },
	[G_VALUE] = { "value", IVP__COL_BRIEF, 2 },
	[G_LO] = { "lo", IVP__COL_BRIEF, 2 },
	[G_HI] = { "hi", IVP__COL_BRIEF, 2 },
	[G_EXPECTED] = { "expected", IVP__COL_BRIEF, 2 },
	[G_STATUS] = { "status", IVP__COL_BRIEF, 0 },
	[G_REASON] = { "reason", IVP__COL_NOTE, 0 },
	[G_SOURCE] = { "source", 0, 0 },
};

static int goal_row(pg *g, const pl_priority *pr, const pl_goal *goal, int pi)
{
	ivp_table *t = g->t[IVP_PROGRESS_GOALS];
	ivp__indicator_def d;
	obs o;
	pl_status s;
	double e;
	char why[700];
	int k = ivp__plan_indicator_kind(g->ctx, goal->indicator, &d);

	memset(&o, 0, sizeof(o));
	o.lang = ivp_lang(g->ctx);
	if (k < 0)
		return -2;
	if (k == 1) {
		if (engine_obs(g, goal, &d, &o))
			return -2;
	} else if (k == 2) {
		if (local_obs(g, goal, &o))
			return -2;
	} else if (k == 3) {
		if (register_obs(g, goal, &o))
			return -2;
	} else {
		snprintf(o.why, sizeof(o.why), L(o.lang, "indicator %s is not known (any more): import its values"), goal->indicator);
	}
	s = ivp__plan_status(goal, &o, &e, why, sizeof(why));
	g->per_priority[pi][s]++;
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, G_PRIORITY, pr->id) ||
	    ivp__table_set_text(t, G_GOAL, goal->id) ||
	    ivp__table_set_text(t, G_EXAMPLE, goal->illustration ? "illustration" : NULL) ||
	    ivp__table_set_text(t, G_TITLE, goal->title) || ivp__table_set_text(t, G_KIND, goal->kind) ||
	    ivp__table_set_text(t, G_INDICATOR, goal->indicator) ||
	    ivp__table_set_text(t, G_UNIT, goal->unit ? goal->unit : o.unit[0] ? o.unit :
										 NULL) ||
	    ivp__table_set_text(t, G_DIRECTION, goal->direction) ||
	    ivp__table_set_real(t, G_BASELINE, goal->baseline.value) ||
	    ivp__table_set_int(t, G_BASE_YEAR, goal->baseline.year) ||
	    ivp__table_set_real(t, G_TARGET, goal->target.value) ||
	    ivp__table_set_int(t, G_TARGET_YEAR, goal->target.year) ||
	    ivp__table_set_text(t, G_STATUS, st_words[s]) || ivp__table_set_text(t, G_REASON, why))
		return -1;
	if (!o.has && o.shown[0] && (ivp__table_set_int(t, G_YEAR, o.year) || ivp__table_set_text(t, G_VALUE, o.shown)))
		return -1;
	if (o.has && (ivp__table_set_int(t, G_YEAR, o.year) || ivp__table_set_real(t, G_VALUE, o.v) ||
		      ivp__table_set_real(t, G_LO, o.lo) || ivp__table_set_real(t, G_HI, o.hi) ||
		      ivp__table_set_real(t, G_EXPECTED, e) || ivp__table_set_text(t, G_SOURCE, o.source)))
		return -1;
	return 0;
}

static double eur(int64_t cents)
{
	return (double)cents / 100.0;
}

static int64_t sum_upto(const pl_arr *a, int year)
{
	int64_t s = 0;
	int i;

	for (i = 0; i < a->n; i++)
		if (((pl_amount *)a->v)[i].year <= year)
			s += ((pl_amount *)a->v)[i].cents;
	return s;
}

static int64_t in_year(const pl_arr *a, int year)
{
	int i;

	for (i = 0; i < a->n; i++)
		if (((pl_amount *)a->v)[i].year == year)
			return ((pl_amount *)a->v)[i].cents;
	return 0;
}

static int measure_row(pg *g, const pl_measure *m)
{
	ivp_table *t = g->t[IVP_PROGRESS_MEASURES];
	const pl_progress *last = m->progress.n ? ARR(m->progress, pl_progress, m->progress.n - 1) : NULL;
	int64_t budget = sum_upto(&m->budget, 9999), spent = sum_upto(&m->spent, g->year);
	ivp__buf out;
	int i, r;

	ivp__buf_init(&out, 4096);
	for (i = 0; i < m->outputs.n; i++) {
		const pl_output *o = ARR(m->outputs, pl_output, i);

		char v[48];

		if (o->year > g->year)
			continue;
		/* a figure as people write it in the language: 1.250 and 12,5 in Dutch */
		ivp_format_number(ivp_lang(g->ctx), o->value, o->value == floor(o->value) ? 0 : 2, v, sizeof(v));
		ivp__buf_printf(&out, "%s%s %s (%d)", out.len ? "; " : "", o->name, v, o->year);
	}
	r = ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, m->id) ||
	    ivp__table_set_text(t, 1, m->illustration ? "illustration" : NULL) ||
	    ivp__table_set_text(t, 2, m->title) || ivp__table_set_text(t, 3, m->priority) ||
	    ivp__table_set_text(t, 4, m->owner) || ivp__table_set_text(t, 5, m->status) ||
	    ivp__table_set_text(t, 6, last ? last->date : NULL) ||
	    ivp__table_set_real(t, 7, eur(budget)) || ivp__table_set_real(t, 8, eur(spent)) ||
	    ivp__table_set_real(t, 9, budget ? 100.0 * (double)spent / (double)budget : NAN) ||
	    ivp__table_set_real(t, 10, eur(in_year(&m->budget, g->year))) ||
	    ivp__table_set_real(t, 11, eur(in_year(&m->spent, g->year))) ||
	    ivp__table_set_text(t, 12, out.len ? ivp__buf_str(&out) : NULL) ||
	    ivp__table_set_text(t, 13, last && last->note ? last->note : NULL);
	ivp__buf_free(&out);
	return r ? -1 : 0;
}

static int make_tables(pg *g)
{
	static const char *const mcols[] = { "measure", "illustration", "title", "priority", "owner",
					     "status", "last_update", "budget", "spent", "spent_pct", "budget_year", "spent_year",
					     "outputs", "last_note" };
	static const int mbrief[] = { 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, IVP__COL_NOTE };
	static const int mdec[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const char *const pcols[] = { "order", "priority", "title", "fields", "goals", "on_track",
					     "at_risk", "off_track", "no_data", "no_status", "measures", "running", "done",
					     "budget", "spent" };
	static const char *const bcols[] = { "year", "amount", "source", "document", "measures_budget",
					     "measures_spent" };
	int i;

	for (i = 0; i < IVP_PROGRESS_NPARTS; i++)
		if (!(g->t[i] = ivp__table_new()))
			return -1;
	for (i = 0; i < G_NCOLS; i++)
		if (ivp__table_col(g->t[0], gcols[i].name, gcols[i].flags, gcols[i].dec) < 0)
			return -1;
	for (i = 0; i < (int)(sizeof(mcols) / sizeof(*mcols)); i++)
		if (ivp__table_col(g->t[1], mcols[i], mbrief[i] == 1 ? IVP__COL_BRIEF : mbrief[i],
				   i == 9 ? 0 : mdec[i]) < 0)
			return -1;
	for (i = 0; i < (int)(sizeof(pcols) / sizeof(*pcols)); i++)
		if (ivp__table_col(g->t[2], pcols[i], i == 2 ? 0 : IVP__COL_BRIEF, 0) < 0)
			return -1;
	for (i = 0; i < (int)(sizeof(bcols) / sizeof(*bcols)); i++)
		if (ivp__table_col(g->t[3], bcols[i], IVP__COL_BRIEF, 0) < 0)
			return -1;
	return 0;
}

static int priority_row(pg *g, const pl_priority *pr, int pi)
{
	ivp_table *t = g->t[IVP_PROGRESS_PRIORITIES];
	int nm = 0, running = 0, done = 0, i, k, ng = 0;
	int64_t budget = 0, spent = 0;
	char fields[64] = "";
	size_t len = 0;

	for (i = 0; i < pr->fields.n && len < sizeof(fields); i++)
		len += (size_t)snprintf(fields + len, sizeof(fields) - len, "%s%d", i ? ", " : "",
					((int *)pr->fields.v)[i]);
	if (pr->cross_cutting && len < sizeof(fields))
		snprintf(fields + len, sizeof(fields) - len, "%scross-cutting", len ? "; " : "");
	for (i = 0; i < ST_N; i++)
		ng += g->per_priority[pi][i];
	for (i = 0; i < g->p->implementation.n; i++) {
		const pl_impl *im = ARR(g->p->implementation, pl_impl, i);

		for (k = 0; k < im->measures.n; k++) {
			const pl_measure *m = ARR(im->measures, pl_measure, k);

			if (strcmp(m->priority, pr->id))
				continue;
			nm++;
			running += !strcmp(m->status, "running");
			done += !strcmp(m->status, "done");
			budget += sum_upto(&m->budget, 9999);
			spent += sum_upto(&m->spent, g->year);
		}
	}
	return ivp__table_row(t) < 0 || ivp__table_set_int(t, 0, pi + 1) ||
			       ivp__table_set_text(t, 1, pr->id) || ivp__table_set_text(t, 2, pr->title) ||
			       ivp__table_set_text(t, 3, fields) || ivp__table_set_int(t, 4, ng) ||
			       ivp__table_set_int(t, 5, g->per_priority[pi][ST_ON]) ||
			       ivp__table_set_int(t, 6, g->per_priority[pi][ST_RISK]) ||
			       ivp__table_set_int(t, 7, g->per_priority[pi][ST_OFF]) ||
			       ivp__table_set_int(t, 8, g->per_priority[pi][ST_NODATA]) ||
			       ivp__table_set_int(t, 9, g->per_priority[pi][ST_NOSTATUS]) ||
			       ivp__table_set_int(t, 10, nm) || ivp__table_set_int(t, 11, running) ||
			       ivp__table_set_int(t, 12, done) || ivp__table_set_real(t, 13, eur(budget)) ||
			       ivp__table_set_real(t, 14, eur(spent)) ?
		       -1 :
		       0;
}

static int budget_rows(pg *g)
{
	ivp_table *t = g->t[IVP_PROGRESS_BUDGET];
	int64_t total = 0, mb_total = 0, ms_total = 0;
	int i, k, y;

	for (y = g->p->from; y <= g->p->to; y++) {
		int64_t amount = 0, mb = 0, ms = 0;
		const pl_budget *b = NULL;

		for (i = 0; i < g->p->budget.n; i++)
			if (ARR(g->p->budget, pl_budget, i)->year == y)
				b = ARR(g->p->budget, pl_budget, i);
		for (i = 0; i < g->p->implementation.n; i++) {
			const pl_impl *im = ARR(g->p->implementation, pl_impl, i);

			for (k = 0; k < im->measures.n; k++) {
				mb += in_year(&ARR(im->measures, pl_measure, k)->budget, y);
				ms += in_year(&ARR(im->measures, pl_measure, k)->spent, y);
			}
		}
		amount = b ? b->cents : 0;
		total += amount;
		mb_total += mb;
		ms_total += ms;
		if (ivp__table_row(t) < 0 || ivp__table_set_int(t, 0, y) ||
		    ivp__table_set_real(t, 1, eur(amount)) ||
		    ivp__table_set_text(t, 2, b ? b->source : "no budget in the plan file") ||
		    ivp__table_set_text(t, 3, b ? b->document : NULL) ||
		    ivp__table_set_real(t, 4, eur(mb)) || ivp__table_set_real(t, 5, eur(ms)))
			return -1;
	}
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, "total") ||
	    ivp__table_set_real(t, 1, eur(total)) || ivp__table_set_real(t, 4, eur(mb_total)) ||
	    ivp__table_set_real(t, 5, eur(ms_total)))
		return -1;
	return ivp__table_note(t, L(ivp_lang(g->ctx), "plan budget %d-%d in total: EUR %.0f; measures budgeted EUR %.0f, spent EUR %.0f"),
			       g->p->from, g->p->to, eur(total), eur(mb_total), eur(ms_total));
}

ivp_rc ivp_plan_progress(ivp_ctx *ctx, const ivp_progress_query *q, ivp_table *out[IVP_PROGRESS_NPARTS])
{
	ivp__plan_version v;
	pl_problems pr = { .lang = ivp_lang(ctx) };
	pl_plan *p = NULL;
	pg g;
	ivp_rc rc = IVP_OK;
	int i, k, a, r, ill = 0, switched = 0;
	char saved[64] = "";
	const char *lang;

	memset(&g, 0, sizeof(g));
	memset(&v, 0, sizeof(v));
	for (i = 0; i < IVP_PROGRESS_NPARTS; i++)
		out[i] = NULL;
	rc = ivp__store_plan_version_get(ctx, q->version, &v);
	if (rc && rc != IVP_ENOTFOUND)
		return rc;
	if (rc) {
		ivp__fail(ctx, IVP_ENOTFOUND, q->version ? "no plan version %lld" : "no plan imported yet",
			  (long long)q->version);
		ivp__code(ctx, q->version ? "unknown_version" : "no_plan");
		ivp__hint(ctx, "Import a plan first: ivp plan import FILE (docs/plan-file.md).");
		return IVP_ENOTFOUND;
	}
	p = ivp__plan_read(v.doc, strlen(v.doc), &pr);
	if (!p) {
		rc = ivp__fail(ctx, pr.oom ? IVP_ENOMEM : IVP_EINTERNAL, "stored plan cannot be read");
		goto out;
	}
	/* the plan's own municipality's register counts (docs/tenancy.md) */
	if ((rc = ivp__tenant_act_for(ctx, p->municipality, saved, &switched)))
		goto out;
	g.ctx = ctx;
	g.p = p;
	g.level = q->level > 0 && q->level < 1 ? q->level : 0.95;
	g.year = q->year;
	if (!g.year) {
		char now[32];

		ivp__now_iso(now);
		g.year = (int)strtol(now, NULL, 10);
		if (g.year > p->to)
			g.year = p->to;
	}
	g.per_priority = calloc((size_t)p->priorities.n + 1, sizeof(*g.per_priority));
	if (!g.per_priority || make_tables(&g))
		goto oom;
	for (i = 0; i < p->priorities.n; i++) {
		const pl_priority *pri = ARR(p->priorities, pl_priority, i);

		for (k = 0; k < pri->ambitions.n; k++) {
			const pl_ambition *am = ARR(pri->ambitions, pl_ambition, k);

			for (a = 0; a < am->goals.n; a++) {
				const pl_goal *goal = ARR(am->goals, pl_goal, a);

				ill |= goal->illustration;
				r = goal_row(&g, pri, goal, i);
				if (r == -1)
					goto oom;
				if (r == -2) {
					rc = ctx->err.rc ? ctx->err.rc : IVP_EDB;
					goto out;
				}
			}
		}
	}
	for (i = 0; i < p->implementation.n; i++) {
		const pl_impl *im = ARR(p->implementation, pl_impl, i);

		for (k = 0; k < im->measures.n; k++) {
			ill |= ARR(im->measures, pl_measure, k)->illustration;
			if (measure_row(&g, ARR(im->measures, pl_measure, k)))
				goto oom;
		}
	}
	for (i = 0; i < p->priorities.n; i++)
		if (priority_row(&g, ARR(p->priorities, pl_priority, i), i))
			goto oom;
	if (budget_rows(&g))
		goto oom;
	lang = ivp_lang(ctx);
	if (ivp__table_note(g.t[0], L(lang, "%s (%s, %d-%d), version %lld; report year %d; status rule: docs/progress-rules.md"),
			    p->title, p->municipality, p->from, p->to, (long long)v.version, g.year) ||
	    (ill && ivp__table_note(g.t[0], "%s", L(lang, "ILLUSTRATION: goals and measures marked \"illustration\" are examples of how goals work, not the adopted plan's own goals, targets or measures"))) ||
	    (ill && ivp__table_note(g.t[1], "%s", L(lang, "ILLUSTRATION: measures marked \"illustration\" are examples, not the plan's own measures"))) ||
	    ivp__table_note(g.t[1], L(lang, "budget: over the whole plan; spent: up to and including %d; EUR"), g.year))
		goto oom;
	for (i = 0; i < IVP_PROGRESS_NPARTS; i++) {
		out[i] = g.t[i];
		g.t[i] = NULL;
	}
	goto out;
oom:
	rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
out:
	for (i = 0; i < IVP_PROGRESS_NPARTS; i++)
		ivp_table_free(g.t[i]);
	free(g.per_priority);
	ivp__pl_problems_free(&pr);
	ivp__plan_free(p);
	free(v.doc);
	if ((rc = ivp__tenant_restore(ctx, saved, switched, rc)))
		for (i = 0; i < IVP_PROGRESS_NPARTS; i++) {
			ivp_table_free(out[i]);
			out[i] = NULL;
		}
	return rc;
}
