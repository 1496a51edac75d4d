/*
 * snapshot.c — the snapshot of a definitief report: its report models
 * (Dutch and English) as one canonical JSON document, and back.
 *
 * A definitief report is rendered from its snapshot, never from the
 * database again, so later imports, plan versions and text edits leave it
 * as it was. The document is {"format":1,"models":{"en":M,"nl":M}}, each M
 * the whole rp_model: every field by name, arrays as arrays, a priority's
 * goals and measures as indices into the model's goals and measures.
 * jansson writes it with sorted keys and no spaces, doubles with 17
 * significant digits (they read back bit for bit; NaN as null, infinities
 * as "inf" / "-inf"), so the same model gives the same bytes and its
 * SHA-256 identifies it.
 *
 * The safety picture's funnel plot (rp_model.funnel, funnel.h) is in it
 * as one object or null: its points with their limits and names, the
 * centre line and both axes, so a definitief picture draws the same plot.
 * A snapshot written before the plot was frozen has no "funnel" key; it
 * reads as a report without one (such reports had none: finalizing one
 * with a plot was refused then). The participation trajectory and the
 * previous plan's evaluation (rp_model.particip) are one object or null
 * the same way: a snapshot from before them has no "particip" key. So are
 * the registers' counts (rp_model.regs, no "regs" key before them), and a
 * goal's suppressed register count (rp_goal.shown, no "shown" key before).
 *
 * One table of fields per struct (name, type, offset) drives both
 * directions. Reading checks every type, every array's length against its
 * limit, every index and every enumerated value (kind, goal status), so a
 * damaged snapshot is an error, never a wrong pointer (fuzz_snapshot).
 */
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/funnel.h"
#include "report/report.h"

#define SNAPSHOT_FORMAT 1
#define MAX_ITEMS 100000 /* elements of one array */

typedef enum ftype {
	F_STR,	/* const char * (NULL: null) */
	F_INT,	/* int, within lo..hi when hi > lo */
	F_I64,	/* int64_t */
	F_DBL,	/* double */
	F_INTS, /* int[n] inline, n = size */
	F_OBJ,	/* a struct inline (sub) */
	F_ARR,	/* T * with an int count at count_off, T of `size` bytes (sub) */
	F_FIX,	/* T[max] inline with an int count at count_off (sub) */
	F_IDX,	/* T ** into the model's goals (target 0) or measures (1), count at count_off */
	F_PTR,	/* T * to one struct of `size` bytes (sub), NULL: null or absent */
	F_DBLS, /* double[max] inline: all max (target 0) or an int count at count_off (1) */
	F_CHARS /* char[size] inline, a string shorter than size */
} ftype;

typedef struct field {
	const char *name;
	ftype type;
	size_t off;
	const struct field *sub;
	size_t size;
	size_t count_off;
	int max;
	int lo, hi;
	int target;
} field;

#define END                                            \
	{                                              \
		NULL, F_STR, 0, NULL, 0, 0, 0, 0, 0, 0 \
	}
#define S(T, f)                                                   \
	{                                                         \
#f, F_STR, offsetof(T, f), NULL, 0, 0, 0, 0, 0, 0 \
	}
#define I(T, f)                                                   \
	{                                                         \
#f, F_INT, offsetof(T, f), NULL, 0, 0, 0, 0, 0, 0 \
	}
#define IR(T, f, l, h)                                            \
	{                                                         \
#f, F_INT, offsetof(T, f), NULL, 0, 0, 0, l, h, 0 \
	}
#define L(T, f)                                                   \
	{                                                         \
#f, F_I64, offsetof(T, f), NULL, 0, 0, 0, 0, 0, 0 \
	}
#define D(T, f)                                                   \
	{                                                         \
#f, F_DBL, offsetof(T, f), NULL, 0, 0, 0, 0, 0, 0 \
	}
#define IS(T, f, n)                                                \
	{                                                          \
#f, F_INTS, offsetof(T, f), NULL, n, 0, 0, 0, 0, 0 \
	}
#define O(T, f, s)                                             \
	{                                                      \
#f, F_OBJ, offsetof(T, f), s, 0, 0, 0, 0, 0, 0 \
	}
#define A(T, f, n, E, s)                                                                    \
	{                                                                                   \
#f, F_ARR, offsetof(T, f), s, sizeof(E), offsetof(T, n), MAX_ITEMS, 0, 0, 0 \
	}
#define FX(T, f, n, E, s, mx)                                                        \
	{                                                                            \
#f, F_FIX, offsetof(T, f), s, sizeof(E), offsetof(T, n), mx, 0, 0, 0 \
	}
#define X(T, f, n, t)                                                                  \
	{                                                                              \
#f, F_IDX, offsetof(T, f), NULL, 0, offsetof(T, n), MAX_ITEMS, 0, 0, t \
	}

/* a string a snapshot from before the field does not have (read as NULL) */
#define SO(T, f)                                                  \
	{                                                         \
#f, F_STR, offsetof(T, f), NULL, 0, 0, 0, 0, 0, 1 \
	}

#define P(T, f, E, s)                                                  \
	{                                                              \
#f, F_PTR, offsetof(T, f), s, sizeof(E), 0, 0, 0, 0, 0 \
	}
#define DS(T, f, mx)                                                \
	{                                                           \
#f, F_DBLS, offsetof(T, f), NULL, 0, 0, mx, 0, 0, 0 \
	}
#define DN(T, f, n, mx)                                                          \
	{                                                                        \
#f, F_DBLS, offsetof(T, f), NULL, 0, offsetof(T, n), mx, 0, 0, 1 \
	}
#define C(T, f)                                                                       \
	{                                                                             \
#f, F_CHARS, offsetof(T, f), NULL, sizeof(((T *)0)->f), 0, 0, 0, 0, 0 \
	}

static const field point_f[] = { I(rp_point, year), D(rp_point, v), D(rp_point, lo), D(rp_point, hi), D(rp_point, cmp), END };

static const field goal_f[] = {
	S(rp_goal, id), S(rp_goal, title), S(rp_goal, kind), S(rp_goal, indicator), S(rp_goal, indicator_name),
	S(rp_goal, direction), S(rp_goal, note), S(rp_goal, unit), I(rp_goal, engine), I(rp_goal, per),
	I(rp_goal, youth), I(rp_goal, illustration), D(rp_goal, baseline), D(rp_goal, target),
	I(rp_goal, base_year), I(rp_goal, target_year), I(rp_goal, has), I(rp_goal, year), D(rp_goal, value),
	D(rp_goal, lo), D(rp_goal, hi), D(rp_goal, expected), I(rp_goal, exact),
	IR(rp_goal, status, 0, RP_NSTATUS - 1), S(rp_goal, source), S(rp_goal, source_tables),
	FX(rp_goal, points, npoints, rp_point, point_f, RP_MAXSERIES), I(rp_goal, break_year), SO(rp_goal, shown), END
};

static const field entry_f[] = { S(rp_entry, date), S(rp_entry, status), S(rp_entry, note), S(rp_entry, by), END };

static const field measure_f[] = {
	S(rp_measure, id), S(rp_measure, title), S(rp_measure, priority), S(rp_measure, owner),
	S(rp_measure, partners), S(rp_measure, status), S(rp_measure, start), S(rp_measure, end),
	S(rp_measure, outputs), I(rp_measure, illustration), A(rp_measure, entries, nentries, rp_entry, entry_f),
	L(rp_measure, budget), L(rp_measure, spent), L(rp_measure, budget_year), L(rp_measure, spent_year), END
};

static const field priority_f[] = {
	S(rp_priority, id), S(rp_priority, title), I(rp_priority, order), I(rp_priority, cross_cutting),
	IS(rp_priority, counts, RP_NSTATUS), X(rp_priority, goals, ngoals, 0),
	X(rp_priority, measures, nmeasures, 1), L(rp_priority, budget), L(rp_priority, spent), END
};

static const field budget_f[] = {
	I(rp_budget, year), L(rp_budget, amount), S(rp_budget, source), S(rp_budget, document),
	I(rp_budget, structural), L(rp_budget, measures_budget), L(rp_budget, measures_spent), END
};

static const field cmp_f[] = {
	I(rp_cmp, has_change), D(rp_cmp, change), D(rp_cmp, change_lo), D(rp_cmp, change_hi),
	S(rp_cmp, verdict), I(rp_cmp, has_nl), D(rp_cmp, nl), S(rp_cmp, vs_nl), I(rp_cmp, has_sc), I(rp_cmp, has_reg),
	D(rp_cmp, sc), D(rp_cmp, reg), END
};

static const field indicator_f[] = {
	S(rp_indicator, key), S(rp_indicator, name), S(rp_indicator, classification),
	S(rp_indicator, source_tables), I(rp_indicator, version), I(rp_indicator, per), I(rp_indicator, youth),
	I(rp_indicator, has), L(rp_indicator, count), D(rp_indicator, value), D(rp_indicator, lo),
	D(rp_indicator, hi), I(rp_indicator, has_prev), I(rp_indicator, prev_year), D(rp_indicator, prev),
	O(rp_indicator, c, cmp_f), L(rp_indicator, import_id), L(rp_indicator, population_import), END
};

static const field source_f[] = {
	L(rp_source, id), L(rp_source, rows), S(rp_source, kind), S(rp_source, layout), S(rp_source, file),
	S(rp_source, sha256), S(rp_source, by), S(rp_source, finished), END
};

static const field def_f[] = {
	S(rp_def, key), S(rp_def, classification), S(rp_def, name), S(rp_def, codes), S(rp_def, source_tables),
	I(rp_def, version), END
};

static const field trend_f[] = {
	I(rp_trend, year), L(rp_trend, count), D(rp_trend, value), D(rp_trend, lo), D(rp_trend, hi),
	S(rp_trend, classification), O(rp_trend, c, cmp_f), END
};

static const field area_f[] = {
	S(rp_area, code), S(rp_area, name), S(rp_area, vs_all), S(rp_area, funnel), I(rp_area, has_pop), I(rp_area, rank), L(rp_area, count),
	I(rp_area, has), D(rp_area, value), D(rp_area, lo), D(rp_area, hi), I(rp_area, small), END
};

static const field text_f[] = {
	S(rp_text, key), S(rp_text, label), S(rp_text, missing), I(rp_text, required), S(rp_text, body),
	L(rp_text, version), S(rp_text, by), S(rp_text, at), END
};

static const field fpoint_f[] = { D(rp_fpoint, pop), D(rp_fpoint, rate), DS(rp_fpoint, lim, 4), I(rp_fpoint, own),
				  IR(rp_fpoint, side, -2, 2), C(rp_fpoint, name), END };

static const field axis_f[] = { D(rp_axis, lo), D(rp_axis, hi), D(rp_axis, step), I(rp_axis, nticks), I(rp_axis, dec), END };

static const field funnel_f[] = {
	A(rp_funnel, p, n, rp_fpoint, fpoint_f), D(rp_funnel, target), D(rp_funnel, xlo), D(rp_funnel, xhi),
	DN(rp_funnel, xt, nxt, 12), O(rp_funnel, y, axis_f), I(rp_funnel, any_other), END
};

static const field ptact_f[] = {
	S(rp_pt_activity, kind), S(rp_pt_activity, date), S(rp_pt_activity, place), S(rp_pt_activity, wijk),
	S(rp_pt_activity, participants), S(rp_pt_activity, inputs), I(rp_pt_activity, illustration), END
};

static const field ptcount_f[] = { S(rp_pt_count, theme), S(rp_pt_count, wijk), S(rp_pt_count, shown), L(rp_pt_count, count), END };

static const field ptroute_f[] = { S(rp_pt_route, theme), S(rp_pt_route, route), S(rp_pt_route, target),
				   S(rp_pt_route, shown), L(rp_pt_route, count), END };

static const field eval_f[] = {
	S(rp_eval, kind), S(rp_eval, id), S(rp_eval, priority), S(rp_eval, title), S(rp_eval, unit),
	S(rp_eval, verdict), S(rp_eval, done), S(rp_eval, text), D(rp_eval, baseline),
	D(rp_eval, target), D(rp_eval, result), D(rp_eval, margin), D(rp_eval, budget), D(rp_eval, spent),
	IR(rp_eval, outcome, 0, 2), I(rp_eval, illustration), END
};

static const field particip_f[] = {
	S(rp_particip, id), S(rp_particip, title), S(rp_particip, aims), I(rp_particip, illustration),
	A(rp_particip, activities, nactivities, rp_pt_activity, ptact_f),
	A(rp_particip, counts, ncounts, rp_pt_count, ptcount_f),
	A(rp_particip, routes, nroutes, rp_pt_route, ptroute_f),
	S(rp_particip, eval_plan), A(rp_particip, evals, nevals, rp_eval, eval_f), END
};

static const field rcell_f[] = { S(rp_rcell, text), END };

static const field rtable_f[] = { S(rp_rtable, id), S(rp_rtable, title), S(rp_rtable, sheet), IR(rp_rtable, ncols, 1, 64),
				  A(rp_rtable, head, nhead, rp_rcell, rcell_f), A(rp_rtable, cells, ncells, rp_rcell, rcell_f), END };

static const field regs_f[] = { A(rp_regs, tables, ntables, rp_rtable, rtable_f), I(rp_regs, signals_closed), END };

/* goals and measures first: a priority's indices point into them */
static const field model_f[] = {
	A(rp_model, goals, ngoals, rp_goal, goal_f),
	A(rp_model, measures, nmeasures, rp_measure, measure_f),
	IR(rp_model, kind, 0, RP_NKINDS - 1),
	S(rp_model, lang),
	S(rp_model, area),
	S(rp_model, area_name),
	I(rp_model, year),
	S(rp_model, date),
	S(rp_model, plan_id),
	S(rp_model, plan_title),
	S(rp_model, municipality),
	S(rp_model, adopted),
	S(rp_model, cvdr),
	S(rp_model, publication),
	S(rp_model, legal_basis),
	S(rp_model, college_proposal),
	S(rp_model, sent_to_council),
	S(rp_model, in_force),
	S(rp_model, pred_title),
	I(rp_model, pred_from),
	I(rp_model, pred_to),
	S(rp_model, pred_until),
	S(rp_model, partners),
	S(rp_model, plan_source),
	I(rp_model, plan_from),
	I(rp_model, plan_to),
	L(rp_model, plan_version),
	I(rp_model, illustrations),
	A(rp_model, priorities, npriorities, rp_priority, priority_f),
	A(rp_model, budget, nbudget, rp_budget, budget_f),
	A(rp_model, indicators, nindicators, rp_indicator, indicator_f),
	S(rp_model, sizeclass_name),
	S(rp_model, region_name),
	A(rp_model, sources, nsources, rp_source, source_f),
	A(rp_model, defs, ndefs, rp_def, def_f),
	I(rp_model, has_plan),
	A(rp_model, trend, ntrend, rp_trend, trend_f),
	A(rp_model, wijken, nwijken, rp_area, area_f),
	A(rp_model, buurten, nbuurten, rp_area, area_f),
	I(rp_model, ranking_year),
	P(rp_model, funnel, rp_funnel, funnel_f),
	P(rp_model, particip, rp_particip, particip_f),
	P(rp_model, regs, rp_regs, regs_f),
	A(rp_model, texts, ntexts, rp_text, text_f),
	I(rp_model, nmissing),
	I(rp_model, final),
	S(rp_model, final_date),
	IS(rp_model, counts, RP_NSTATUS),
	L(rp_model, budget_total),
	L(rp_model, budget_year),
	L(rp_model, measures_budget),
	L(rp_model, measures_spent),
	END
};

#define AT(base, off, T) ((T *)(void *)((char *)(base) + (off)))
#define CAT(base, off, T) ((T const *)(const void *)((const char *)(base) + (off)))

/* ---- writing ------------------------------------------------------------------ */

static json_t *enc_obj(const rp_model *m, const void *p, const field *fs);

static json_t *enc_dbl(double v)
{
	if (isnan(v))
		return json_null();
	if (isinf(v))
		return json_string(v > 0 ? "inf" : "-inf");
	return json_real(v);
}

static json_t *enc_items(const rp_model *m, const char *base, int n, const field *f)
{
	json_t *a = json_array();
	int i;

	for (i = 0; a && i < n; i++)
		if (json_array_append_new(a, enc_obj(m, base + (size_t)i * f->size, f->sub))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *enc_field(const rp_model *m, const void *p, const field *f)
{
	json_t *a;
	int i, n;

	switch (f->type) {
	case F_STR: {
		const char *s = *CAT(p, f->off, const char *);

		return s ? json_string(s) : json_null();
	}
	case F_INT:
		return json_integer(*CAT(p, f->off, int));
	case F_I64:
		return json_integer(*CAT(p, f->off, int64_t));
	case F_DBL:
		return enc_dbl(*CAT(p, f->off, double));
	case F_INTS:
		a = json_array();
		for (i = 0; a && i < (int)f->size; i++)
			if (json_array_append_new(a, json_integer(CAT(p, f->off, int)[i]))) {
				json_decref(a);
				return NULL;
			}
		return a;
	case F_OBJ:
		return enc_obj(m, CAT(p, f->off, char), f->sub);
	case F_ARR:
		return enc_items(m, *CAT(p, f->off, const char *), *CAT(p, f->count_off, int), f);
	case F_FIX:
		return enc_items(m, CAT(p, f->off, char), *CAT(p, f->count_off, int), f);
	case F_IDX: {
		const void *const *v = *CAT(p, f->off, const void *const *);

		n = *CAT(p, f->count_off, int);
		a = json_array();
		for (i = 0; a && i < n; i++) {
			long k = f->target ? (long)((const rp_measure *)v[i] - m->measures) :
					     (long)((const rp_goal *)v[i] - m->goals);

			if (json_array_append_new(a, json_integer(k))) {
				json_decref(a);
				return NULL;
			}
		}
		return a;
	}
	case F_PTR: {
		const void *q = *CAT(p, f->off, const void *);

		return q ? enc_obj(m, q, f->sub) : json_null();
	}
	case F_DBLS:
		n = f->target ? *CAT(p, f->count_off, int) : f->max;
		a = json_array();
		for (i = 0; a && i < n; i++)
			if (json_array_append_new(a, enc_dbl(CAT(p, f->off, double)[i]))) {
				json_decref(a);
				return NULL;
			}
		return a;
	case F_CHARS:
		return json_string(CAT(p, f->off, char));
	}
	return NULL;
}

static json_t *enc_obj(const rp_model *m, const void *p, const field *fs)
{
	json_t *o = json_object();

	for (; o && fs->name; fs++)
		if (json_object_set_new(o, fs->name, enc_field(m, p, fs))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

char *ivp__rp_snapshot(const rp_model *nl, const rp_model *en)
{
	json_t *doc = json_pack("{s:i, s:{s:o, s:o}}", "format", SNAPSHOT_FORMAT, "models", "en",
				enc_obj(en, en, model_f), "nl", enc_obj(nl, nl, model_f));
	char *s;

	if (!doc)
		return NULL;
	s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(17));
	json_decref(doc);
	return s;
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct dec {
	rp_model *m;
	char *err;
	size_t n;
	int bad;
} dec;

static int failf(dec *d, const char *fmt, const char *name)
{
	if (!d->bad)
		snprintf(d->err, d->n, fmt, name);
	d->bad = 1;
	return -1;
}

static int dec_obj(dec *d, json_t *o, void *p, const field *fs);

static int dec_dbl(dec *d, json_t *v, double *out, const char *name)
{
	const char *s;

	if (json_is_null(v))
		*out = NAN;
	else if (json_is_number(v))
		*out = json_number_value(v);
	else if ((s = json_string_value(v)) && (!strcmp(s, "inf") || !strcmp(s, "-inf")))
		*out = s[0] == '-' ? -INFINITY : INFINITY;
	else
		return failf(d, "\"%s\" is not a number", name);
	return 0;
}

static int dec_items(dec *d, json_t *a, char *base, const field *f)
{
	size_t i;

	for (i = 0; i < json_array_size(a); i++)
		if (dec_obj(d, json_array_get(a, i), base + i * f->size, f->sub))
			return -1;
	return 0;
}

/* One struct behind a pointer: null is NULL, else a fresh one in the arena. */
static int dec_ptr(dec *d, json_t *v, void *p, const field *f)
{
	void *q;

	*AT(p, f->off, void *) = NULL;
	if (json_is_null(v))
		return 0;
	if (!(q = ivp__rp_alloc(&d->m->a, f->size)))
		return failf(d, "out of memory%.0s", f->name);
	*AT(p, f->off, void *) = q;
	return dec_obj(d, v, q, f->sub);
}

/* double[max] inline: exactly max numbers, or up to max with their count. */
static int dec_dbls(dec *d, json_t *v, void *p, const field *f)
{
	size_t i, n = json_array_size(v);

	if (!json_is_array(v) || n > (size_t)f->max || (!f->target && n != (size_t)f->max))
		return failf(d, "\"%s\" is not an array within its limit", f->name);
	for (i = 0; i < n; i++)
		if (dec_dbl(d, json_array_get(v, i), &AT(p, f->off, double)[i], f->name))
			return -1;
	if (f->target)
		*AT(p, f->count_off, int) = (int)n;
	return 0;
}

static int dec_field(dec *d, json_t *v, void *p, const field *f)
{
	rp_model *m = d->m;
	size_t i, n;

	switch (f->type) {
	case F_STR:
		if (json_is_null(v)) {
			*AT(p, f->off, const char *) = NULL;
			return 0;
		}
		if (!json_is_string(v))
			return failf(d, "\"%s\" is not a string", f->name);
		if (!(*AT(p, f->off, const char *) = ivp__rp_strdup(&m->a, json_string_value(v))))
			return failf(d, "out of memory%.0s", f->name);
		return 0;
	case F_INT: {
		json_int_t x;

		if (!json_is_integer(v))
			return failf(d, "\"%s\" is not a whole number", f->name);
		x = json_integer_value(v);
		if (x < -2147483647 || x > 2147483647 || (f->hi > f->lo && (x < f->lo || x > f->hi)))
			return failf(d, "\"%s\" is out of range", f->name);
		*AT(p, f->off, int) = (int)x;
		return 0;
	}
	case F_I64:
		if (!json_is_integer(v))
			return failf(d, "\"%s\" is not a whole number", f->name);
		*AT(p, f->off, int64_t) = json_integer_value(v);
		return 0;
	case F_DBL:
		return dec_dbl(d, v, AT(p, f->off, double), f->name);
	case F_INTS:
		if (!json_is_array(v) || json_array_size(v) != f->size)
			return failf(d, "\"%s\" is not an array of the right length", f->name);
		for (i = 0; i < f->size; i++) {
			json_t *x = json_array_get(v, i);

			if (!json_is_integer(x) || json_integer_value(x) < 0 || json_integer_value(x) > 2147483647)
				return failf(d, "\"%s\" holds a bad count", f->name);
			AT(p, f->off, int)
			[i] = (int)json_integer_value(x);
		}
		return 0;
	case F_OBJ:
		return dec_obj(d, v, AT(p, f->off, char), f->sub);
	case F_PTR:
		return dec_ptr(d, v, p, f);
	case F_DBLS:
		return dec_dbls(d, v, p, f);
	case F_CHARS:
		if (!json_is_string(v) || json_string_length(v) >= f->size || strlen(json_string_value(v)) != json_string_length(v))
			return failf(d, "\"%s\" is not a string within its limit", f->name);
		memcpy(AT(p, f->off, char), json_string_value(v), json_string_length(v) + 1);
		return 0;
	case F_ARR:
	case F_FIX:
	case F_IDX:
		break;
	}
	if (!json_is_array(v) || (n = json_array_size(v)) > (size_t)f->max)
		return failf(d, "\"%s\" is not an array within its limit", f->name);
	*AT(p, f->count_off, int) = (int)n;
	if (f->type == F_FIX)
		return dec_items(d, v, AT(p, f->off, char), f);
	if (f->type == F_ARR) {
		char *base = ivp__rp_alloc(&m->a, (n + 1) * f->size);

		if (!base)
			return failf(d, "out of memory%.0s", f->name);
		*AT(p, f->off, char *) = base;
		return dec_items(d, v, base, f);
	}
	{
		void **ptrs = ivp__rp_alloc(&m->a, (n + 1) * sizeof(void *));
		int have = f->target ? m->nmeasures : m->ngoals;

		if (!ptrs)
			return failf(d, "out of memory%.0s", f->name);
		*AT(p, f->off, void **) = ptrs;
		for (i = 0; i < n; i++) {
			json_t *x = json_array_get(v, i);
			json_int_t k = json_is_integer(x) ? json_integer_value(x) : -1;

			if (k < 0 || k >= have)
				return failf(d, "\"%s\" names an item that is not there", f->name);
			ptrs[i] = f->target ? (void *)&m->measures[k] : (void *)&m->goals[k];
		}
	}
	return 0;
}

static int dec_obj(dec *d, json_t *o, void *p, const field *fs)
{
	if (!json_is_object(o))
		return failf(d, "%s is not an object", fs->name ? "a record" : "an empty record");
	for (; fs->name; fs++) {
		json_t *v = json_object_get(o, fs->name);

		if (!v && (fs->type == F_PTR || (fs->type == F_STR && fs->target))) /* a snapshot from before the field */
			v = json_null();
		if (!v)
			return failf(d, "\"%s\" is missing", fs->name);
		if (dec_field(d, v, p, fs))
			return -1;
	}
	return 0;
}

rp_model *ivp__rp_snapshot_model(const char *json, size_t len, const char *lang, char *err, size_t n)
{
	json_error_t je;
	json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je), *mj;
	rp_model *m;
	dec d;

	if (!doc) {
		snprintf(err, n, "%s", ivp__json_oom() ? "out of memory" : je.text);
		return NULL;
	}
	if (json_integer_value(json_object_get(doc, "format")) != SNAPSHOT_FORMAT ||
	    !json_is_integer(json_object_get(doc, "format"))) {
		snprintf(err, n, "not a report snapshot of format %d", SNAPSHOT_FORMAT);
		json_decref(doc);
		return NULL;
	}
	mj = json_object_get(json_object_get(doc, "models"), lang);
	if (!mj) {
		snprintf(err, n, "the snapshot has no model in \"%s\"", lang);
		json_decref(doc);
		return NULL;
	}
	if (!(m = calloc(1, sizeof(*m)))) {
		snprintf(err, n, "out of memory");
		json_decref(doc);
		return NULL;
	}
	d.m = m;
	d.err = err;
	d.n = n;
	d.bad = 0;
	if (dec_obj(&d, mj, m, model_f) || m->a.oom || !m->lang || strcmp(m->lang, lang)) {
		if (!d.bad)
			snprintf(err, n, m->a.oom ? "out of memory" : "the model's language is not \"%s\"", lang);
		json_decref(doc);
		ivp__rp_model_free(m);
		return NULL;
	}
	/* the strings doc.c relies on */
	if (!m->area || !m->date || !m->area_name) {
		snprintf(err, n, "the model lacks its area or date");
		json_decref(doc);
		ivp__rp_model_free(m);
		return NULL;
	}
	json_decref(doc);
	return m;
}
