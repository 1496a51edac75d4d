/*
 * plan_edit.h — editing the plan item by item (the web forms, the JSON
 * API), the readable difference between two versions and going back to an
 * earlier version. Part of the public API beside ivp.h (which it needs).
 *
 * Every edit and every revert adds a plan version (ivp plan history) with
 * its author and a summary; nothing is overwritten or deleted. An edit
 * passes the same checks as a plan file (docs/plan-file.md) before it is
 * stored, and is refused when the plan changed after the version it was
 * based on, so that two editors never overwrite each other unseen.
 */
#ifndef IVP_PLAN_EDIT_H
#define IVP_PLAN_EDIT_H

#include <stdint.h>

#include "ivp/ivp.h"

#define IVP_EDIT_MAX_FIELDS 40

/*
 * One edit of one item. `object` is "priority", "ambition", "goal",
 * "measure" or "budget"; `orig` the id of the item (a budget: its year), or
 * NULL/"" for a new one, which goes under `parent` (an ambition under a
 * priority, a goal under an ambition, a measure into an implementation
 * plan; NULL: the first one there is). The fields are the item's fields of
 * the plan file by name, a struct's parts with a dot ("baseline.value",
 * "target.year"), as text the way the ctx's language writes it: numbers
 * with a decimal comma or point, money as ivp_parse_money reads it, lists
 * (goals, partners, safety fields) comma-separated, a measure's budget as
 * "2024: 95.000; 2025: 190.000", booleans "true"/"false". An empty text
 * clears an optional field. Fields not named stay as they are.
 */
typedef struct ivp_plan_edit {
	const char *object;
	const char *orig;
	const char *parent;
	int remove; /* 1: remove the item (its fields are ignored) */
	int nfields;
	const char *name[IVP_EDIT_MAX_FIELDS];
	const char *value[IVP_EDIT_MAX_FIELDS];
	int64_t base;	     /* the version the form was made from; 0: no check */
	const char *user;    /* the author (required) */
	const char *summary; /* the editor's words; NULL/"": made from the change */
	const char *source;  /* how it came ("web", "api"); NULL: "edit" */
} ivp_plan_edit;

/*
 * Apply e to the latest version and store the result as a new version
 * (kind "update", source "SOURCE OBJECT ID").
 * IVP_OK: out->version is the new version (out->unchanged when the edit
 * changed nothing: no version written). IVP_EINPUT with the error's code:
 * "stale_version" when the latest version is not e->base (nothing
 * written; the detail names both); "plan_edit_invalid" when fields are
 * wrong, with *problems a table (field, message, code, hint, detail) naming
 * each field by its edit name ("" when the problem is not one field's),
 * messages in the ctx's language; "bad_edit" for an unknown object, item or
 * parent. *problems is NULL otherwise; the caller frees it.
 */
IVP_WUR ivp_rc ivp_plan_edit_apply(ivp_ctx *ctx, const ivp_plan_edit *e, ivp_table **problems,
				   ivp_plan_result *out);

/*
 * Make version `version` the current one again as a new version (kind
 * "update", source "revert N") with its exact text, by `user`; base as in ivp_plan_edit (0: no
 * check). out->unchanged when it already is the current plan.
 */
IVP_WUR ivp_rc ivp_plan_revert(ivp_ctx *ctx, int64_t version, int64_t base, const char *user,
			       ivp_plan_result *out);

/*
 * What changed from version v1 to v2, item by item: one row per added or
 * removed item (field null) and per changed field of an item present in
 * both, with old → new. Columns: object (plan, partner, priority, ambition,
 * goal, implementation, measure, budget), id, title (v2's, else v1's),
 * change (added, removed, changed), field (null for a whole item; "parent"
 * when it moved), old, new (as in the plan file). Rows in the plan's order.
 * Caller frees with ivp_table_free.
 */
IVP_WUR ivp_rc ivp_plan_changes(ivp_ctx *ctx, int64_t v1, int64_t v2, ivp_table **out);

/* The latest version's number (0 when none) into *version. */
IVP_WUR ivp_rc ivp_plan_latest(ivp_ctx *ctx, int64_t *version);

#endif /* IVP_PLAN_EDIT_H */
