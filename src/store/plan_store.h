/*
 * plan_store.h — storage functions of the plan (priorities, ambitions,
 * goals, measures, budget, locally registered values), a table of
 * functions of the door like store.h (the engines' side: engine.h).
 *
 * A plan is kept as versions: every import and every measure update adds a
 * version holding the whole plan as canonical YAML (plan/plan_schema.c),
 * with who, when, what kind of change and a one-line summary. Nothing is
 * overwritten, so history and diffs need no other record. Locally
 * registered values (surveys, Halt, indices, output counts) are rows keyed
 * by (key, area, year, unit): the unit is part of the identity.
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_PLAN_STORE_H
#define IVP_STORE_PLAN_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__plan_version {
	int64_t version;
	char plan_id[128];
	char kind[16];	  /* "import" or "update" */
	char source[512]; /* file name and SHA-256, or the command */
	char summary[1024];
	char created_by[128];
	char created_at[32]; /* UTC, ISO 8601 ("2024-01-31T12:00:00Z"), set by the store */
	char *doc;	     /* canonical YAML; owned by the caller (free) */
	/* the municipality the version belongs to (migration 17): its doc's
	 * `municipality` (the door fills it when empty) */
	char municipality[64];
} ivp__plan_version;

typedef struct ivp__local_value {
	const char *key;
	const char *area;
	int year;
	double value;
	const char *unit;
	int has_margin;
	double margin;
	const char *source;
	const char *definition_version;
	const char *name;
	int64_t respondents;	 /* a survey's number of respondents; 0: not known */
	int64_t min_respondents; /* the minimum the survey states; 0: none */
} ivp__local_value;

/* Add a version (v->doc the whole plan); *version is its number (1, 2, …
 * across the database). v->municipality "" is the doc's own. */
ivp_rc ivp__store_plan_version_add(ivp_ctx *ctx, const ivp__plan_version *v,
				   int64_t *version) IVP_WUR;
/* Version `version` (0: the latest) into *out; out->doc is malloc'd, the
 * caller frees it. IVP_ENOTFOUND: no such version (none at all for 0).
 * When ctx acts for a municipality (ivp_set_municipality) only its
 * versions count: 0 is its latest, another's version is not found. */
ivp_rc ivp__store_plan_version_get(ivp_ctx *ctx, int64_t version,
				   ivp__plan_version *out) IVP_WUR;
/* rows: version, plan_id, kind, source, summary, created_by, created_at —
 * of ctx's municipality only when it acts for one */
ivp_rc ivp__store_plan_versions_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;

/* One local value; *result: IVP__PUT_NEW / _SAME / _CHANGED / _DUP_SAME /
 * _DUP_DIFF as in store.h (SAME compares value, margin, source and
 * definition version). */
ivp_rc ivp__store_value_put(ivp_ctx *ctx, const ivp__local_value *v, int64_t import_id,
			    int *result) IVP_WUR;
/* rows: year, value, unit, margin (NULL when none), source,
 * definition_version, import_id, name — ordered by year, unit */
ivp_rc ivp__store_values_get(ivp_ctx *ctx, const char *key, const char *area,
			     ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: key, year, value, unit, margin (NULL when none), source,
 * definition_version, import_id, name — every value of the area, ordered
 * by key, year, unit */
ivp_rc ivp__store_area_values(ivp_ctx *ctx, const char *area, ivp__row_cb cb, void *ud) IVP_WUR;
/* *exists = 1 when any value has this key */
ivp_rc ivp__store_value_key_exists(ivp_ctx *ctx, const char *key, int *exists) IVP_WUR;

/* ---- many municipalities (src/store/tenant.c, docs/tenancy.md) -------- */
/* The latest plan version of each municipality (and region) that has one,
 * whatever ctx acts for (the region's pages and the home page's choice):
 * rows municipality, version, plan_id, created_at, ordered by municipality.
 * Versions of no municipality (a doc without one: "") are left out. */
ivp_rc ivp__store_plan_latest_each(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* The deployment's first municipality: that of its earliest plan version
 * naming one (the public pages' default). IVP_ENOTFOUND: none. */
ivp_rc ivp__store_plan_first_municipality(ivp_ctx *ctx, char out[64]) IVP_WUR;
/* Tell the engine what ctx acts for now (ctx->municipality; "" the whole
 * deployment): the engine's ivp_tenant_ok/ivp_tenant_default follow it
 * (PostgreSQL: `ivp.municipality` and `ivp.unbound`, for its row-level
 * security too; SQLite: the connection's own scope). */
ivp_rc ivp__store_scope(ivp_ctx *ctx) IVP_WUR;
/* ivp__store_plan_first_municipality, kept on ctx once found ("" none):
 * what ivp_default_municipality answers. */
ivp_rc ivp__store_first_municipality(ivp_ctx *ctx, char out[64]) IVP_WUR;
/* 1 when code is "" (none), a GM code or a region's name. */
int ivp__tenant_valid(const char *code);
/*
 * Act for the municipality of `area` (a GM, WK or BU code, or a region's
 * name) for a while: a report or a plan's progress counts that
 * municipality's register records only. Nothing when ctx acts for it
 * already, or when the deployment has no first municipality yet (no plan:
 * every record is the deployment's). *switched 1 and the old scope in
 * saved when it changed; undo with ivp__tenant_restore, which returns rc
 * (rc's error kept in ctx) or its own failure.
 */
ivp_rc ivp__tenant_act_for(ivp_ctx *ctx, const char *area, char saved[64], int *switched) IVP_WUR;
ivp_rc ivp__tenant_restore(ivp_ctx *ctx, const char *saved, int switched, ivp_rc rc) IVP_WUR;
/* The top-level `municipality:` of a plan document (YAML, quoted or not)
 * into out: 0, or -1 with out "" when the doc names none (or not a valid
 * one). */
int ivp__doc_municipality(const char *doc, char *out, size_t outsz);

#endif
