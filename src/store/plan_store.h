/*
 * plan_store.h — storage functions of the plan (priorities, ambitions,
 * goals, measures, budget, locally registered values), a table of
 * functions like store.h. Reached as store->ops->plan.
 *
 * A plan is kept as versions: every import and every measure update adds a
 * version holding the whole plan as canonical YAML (plan/plan_schema.c),
 * with who, when, what kind of change and a one-line summary. Nothing is
 * overwritten, so history and diffs need no other record. Locally
 * registered values (surveys, Halt, indices, output counts) are rows keyed
 * by (key, area, year, unit): the unit is part of the identity.
 *
 * Return values as in store.h: 0 ok, -1 error (errmsg), 1 not found.
 */
#ifndef IVP_STORE_PLAN_STORE_H
#define IVP_STORE_PLAN_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__plan_version {
	int64_t version;
	char plan_id[128];
	char kind[16];		/* "import" or "update" */
	char source[512];	/* file name and SHA-256, or the command */
	char summary[1024];
	char created_by[128];
	char created_at[32];
	char *doc;		/* canonical YAML; owned by the caller (free) */
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
} ivp__local_value;

typedef struct ivp__plan_ops {
	/* Add a version; *version is its number (1, 2, … across the database). */
	int (*version_add)(ivp__store *s, const ivp__plan_version *v, int64_t *version);
	/* version 0: the latest. 1: none. out->doc is malloc'd. */
	int (*version_get)(ivp__store *s, int64_t version, ivp__plan_version *out);
	/* rows: version, plan_id, kind, source, summary, created_by, created_at */
	int (*versions_list)(ivp__store *s, ivp__row_cb cb, void *ud);

	/* result: IVP__PUT_NEW / _SAME / _CHANGED / _DUP_SAME / _DUP_DIFF as in store.h */
	int (*value_put)(ivp__store *s, const ivp__local_value *v, int64_t import_id,
			 int *result);
	/* rows: year, value, unit, margin (NULL when none), source,
	 * definition_version, import_id, name — ordered by year, unit */
	int (*values_get)(ivp__store *s, const char *key, const char *area,
			  ivp__row_cb cb, void *ud);
	/* 1 when any value has this key */
	int (*value_key_exists)(ivp__store *s, const char *key, int *exists);

	/* Release the engine's plan statements (called from the engine's close). */
	void (*close)(ivp__store *s);
} ivp__plan_ops;

#endif
