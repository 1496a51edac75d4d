/*
 * group_store.h — storage functions of comparison groups (named sets of
 * areas: the region a municipality belongs to, any group a user defines)
 * and of the figures behind the derived groups (the CBS size classes of
 * gemeenten, computed from the population of a year, never stored per
 * gemeente), functions of the door like store.h (the engines' side:
 * engine.h).
 *
 * A group is a name (its key in --compare, lower case), a title to show,
 * a kind ("region" or "group"), the source it comes from and the import
 * that wrote it; its members are areas the code lists know. An import of a
 * group replaces the group whole: group_put empties its member list, then
 * the reader adds the members of the file.
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_GROUP_STORE_H
#define IVP_STORE_GROUP_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__group_rec {
	const char *name;   /* the key: "haaglanden" */
	const char *title;  /* shown: "Haaglanden" */
	const char *kind;   /* "region" or "group" */
	const char *source; /* where the membership comes from ("" when not given) */
	int64_t import_id;
} ivp__group_rec;

/* Insert the group, or replace its title, kind, source and import; either
 * way it has no members afterwards. *existed = 1 when the name was there. */
ivp_rc ivp__store_group_put(ivp_ctx *ctx, const ivp__group_rec *g, int *existed) IVP_WUR;
/* Add area to the group; *dup = 1 when it was a member already (nothing
 * changes). IVP_ENOTFOUND: the group or the area code is unknown. */
ivp_rc ivp__store_group_member_add(ivp_ctx *ctx, const char *group, const char *area,
				   int *dup) IVP_WUR;
/* rows: name, title, kind, source, members (their number), import_id —
 * every group, by name */
ivp_rc ivp__store_groups_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: code, name, level — the members of the group, by code.
 * IVP_ENOTFOUND: no group of that name. */
ivp_rc ivp__store_group_members(ivp_ctx *ctx, const char *group, ivp__row_cb cb,
				void *ud) IVP_WUR;
/* rows: name, title, kind — the groups area is a member of, of `kind`
 * (NULL: any), by name */
ivp_rc ivp__store_groups_of(ivp_ctx *ctx, const char *area, const char *kind, ivp__row_cb cb,
			    void *ud) IVP_WUR;
/* rows: code, population — every area of `level` ("GM") with a figure for
 * 1 January of `year` and the age group (`group`: "total", "12-17"), by
 * code: what the size classes of a year are computed from. */
ivp_rc ivp__store_level_population(ivp_ctx *ctx, const char *level, int year, const char *group,
				   ivp__row_cb cb, void *ud) IVP_WUR;

/* ---- the regional plan (migration 18; src/plan/region.c) ---- */

/* A region's plan: its id is the region's group name ("haaglanden"). */
typedef struct ivp__region_rec {
	const char *region; /* "haaglanden" */
	const char *title;  /* "Coalitie voor veiligheid 2023–2026" */
	int from, to;	    /* the plan period, years */
	const char *source; /* where it comes from ("" when not given) */
	int64_t import_id;
} ivp__region_rec;

/* One theme of a regional plan, in the plan's order (ord from 1). */
typedef struct ivp__region_theme_rec {
	const char *id;		 /* "ondermijning" */
	const char *title;	 /* "Ondermijning" */
	const char *description; /* "" when not given */
	int ord;
} ivp__region_theme_rec;

/* Insert the region's plan, or replace its title, period, source and
 * import; either way it has no themes afterwards. *existed = 1 when it was
 * there. */
ivp_rc ivp__store_region_put(ivp_ctx *ctx, const ivp__region_rec *r, int *existed) IVP_WUR;
/* Add a theme to the region's plan. IVP_ENOTFOUND: no plan of that region. */
ivp_rc ivp__store_region_theme_add(ivp_ctx *ctx, const char *region,
				   const ivp__region_theme_rec *t) IVP_WUR;
/* rows: region, title, period_from, period_to, source, themes (their
 * number), import_id — every regional plan, by region */
ivp_rc ivp__store_regions_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: id, title, description, ord — the themes of the region's plan in
 * their order. IVP_ENOTFOUND: no plan of that region. */
ivp_rc ivp__store_region_themes(ivp_ctx *ctx, const char *region, ivp__row_cb cb,
				void *ud) IVP_WUR;

#endif /* IVP_STORE_GROUP_STORE_H */
