/*
 * particip_store.h — storage functions of the participation trajectory
 * (issue 14): the trajectories of a plan, their activities (a partner
 * interview, a neighbourhood talk, …), the inputs each activity gave with
 * what was done with them, the safety themes inputs are tagged with (the
 * Kernbeleid Veiligheid list of migration 10 plus a municipality's own),
 * and the entries of the priority matrix (criterion weights, scores
 * entered with a reason, the regional plan's themes, the choices made).
 * Functions of the door like store.h (the engines' side: engine.h).
 *
 * Every put is an upsert keyed by the record's identity, with one rule of
 * the import job: a key written earlier by the same import (import_id) is
 * a duplicate within the file; *dup = 1 and nothing changes. Results as in
 * store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err untouched), IVP_EDB,
 * IVP_ENOMEM.
 */
#ifndef IVP_STORE_PARTICIP_STORE_H
#define IVP_STORE_PARTICIP_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__pt_theme {
	const char *key;   /* "ondermijning" */
	const char *title; /* "Ondermijning" */
	int field;	   /* Kernbeleid safety field 1..5, 0: cross-cutting */
	int64_t import_id;
} ivp__pt_theme;

typedef struct ivp__pt_trajectory {
	const char *id, *plan_id, *title, *aims;
	int illustration; /* 1: an example, not a real trajectory */
	int64_t import_id;
} ivp__pt_trajectory;

typedef struct ivp__pt_activity {
	const char *id, *trajectory;
	const char *kind; /* interview, wijkgesprek, themasessie, conferentie, enquete, online */
	const char *date; /* YYYY-MM-DD */
	const char *place, *organisations, *report;
	const char *wijk;     /* WK code or NULL */
	int64_t participants; /* -1: not known */
	int illustration;
	int64_t import_id;
} ivp__pt_activity;

typedef struct ivp__pt_input {
	const char *activity, *ref, *statement;
	const char *wijk;  /* WK code or NULL */
	const char *route; /* "" (none yet), priority, goal, measure, passed, not_taken */
	const char *target, *reason;
	int64_t import_id;
} ivp__pt_input;

typedef struct ivp__pt_entry {
	const char *kind;      /* weight, score, regional, choice */
	const char *theme;     /* "" for a weight */
	const char *criterion; /* "" for regional and choice */
	double value;	       /* weight, score, or 1/0 chosen */
	const char *text;      /* note, reason, regional theme, reasoning */
	const char *text2;     /* choice: where a theme not chosen goes; "" otherwise */
	int64_t import_id;
} ivp__pt_entry;

/* A theme of the municipality's own (the built-in ones are there from migration 10). */
ivp_rc ivp__store_pt_theme_put(ivp_ctx *ctx, const ivp__pt_theme *t, int *dup) IVP_WUR;
/* rows: key, title, field, own (0/1) — by field, key */
ivp_rc ivp__store_pt_themes_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;

ivp_rc ivp__store_pt_trajectory_put(ivp_ctx *ctx, const ivp__pt_trajectory *t, int *dup) IVP_WUR;
/* rows: id, plan_id, title, aims, illustration, activities, inputs — by id */
ivp_rc ivp__store_pt_trajectories_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;

/* IVP_ENOTFOUND: the trajectory is unknown. */
ivp_rc ivp__store_pt_activity_put(ivp_ctx *ctx, const ivp__pt_activity *a, int *dup) IVP_WUR;
/* rows: id, kind, date, place, wijk, organisations, participants, report,
 * illustration, inputs — the trajectory's activities by date, id */
ivp_rc ivp__store_pt_activities_list(ivp_ctx *ctx, const char *trajectory, ivp__row_cb cb,
				     void *ud) IVP_WUR;

/* The input and its themes (n >= 1 keys; replaced whole). IVP_ENOTFOUND:
 * the activity or one of the themes is unknown. */
ivp_rc ivp__store_pt_input_put(ivp_ctx *ctx, const ivp__pt_input *in, const char *const *themes,
			       int n, int *dup) IVP_WUR;
/* rows: activity, ref, statement, themes (keys, comma-separated, sorted),
 * wijk (the input's, else its activity's; "" none), route, target, reason,
 * activity kind — the trajectory's inputs by activity date, activity, ref */
ivp_rc ivp__store_pt_inputs_list(ivp_ctx *ctx, const char *trajectory, ivp__row_cb cb,
				 void *ud) IVP_WUR;
/* rows: theme, wijk ("" none), activity kind, route, target, n — the
 * inputs of the trajectory per theme, wijk (as in inputs_list), kind,
 * route and target; an input with two themes counts once for each */
ivp_rc ivp__store_pt_theme_counts(ivp_ctx *ctx, const char *trajectory, ivp__row_cb cb,
				  void *ud) IVP_WUR;

/* One row of the evaluation of a previous plan: a goal (result against
 * target), a measure (carried out, budget, spent) or a conclusion per
 * priority. Numbers NaN: not given; done -1: not given. */
typedef struct ivp__pt_eval {
	const char *plan, *kind, *id, *priority;
	const char *theme; /* a theme key, or NULL */
	const char *title, *direction, *unit, *text;
	double baseline, target, result, margin, budget, spent;
	int done, illustration;
	int64_t import_id;
} ivp__pt_eval;

/* IVP_ENOTFOUND: the theme is unknown. */
ivp_rc ivp__store_pt_eval_put(ivp_ctx *ctx, const ivp__pt_eval *e, int *dup) IVP_WUR;
/* rows: kind, id, priority, theme, title, direction, unit, baseline, target,
 * result, margin, budget, spent, done, text, illustration — of plan (NULL:
 * every plan): goals, then measures, then conclusions, each by priority and
 * id; NULL for what was not given */
ivp_rc ivp__store_pt_evals_list(ivp_ctx *ctx, const char *plan, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: plan — every plan with an evaluation, by id */
ivp_rc ivp__store_pt_eval_plans(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;

/* IVP_ENOTFOUND: the entry's theme is unknown. */
ivp_rc ivp__store_pt_entry_put(ivp_ctx *ctx, const ivp__pt_entry *e, int *dup) IVP_WUR;
/* rows: kind, theme, criterion, value, text, text2 — by kind, theme, criterion */
ivp_rc ivp__store_pt_entries_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;

#endif /* IVP_STORE_PARTICIP_STORE_H */
