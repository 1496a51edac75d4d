/*
 * engine.h — the indicator engine's pieces shared by its files
 * (indicators.c: one area's indicator set; ranking.c: many areas on one).
 */
#ifndef IVP_STATS_ENGINE_H
#define IVP_STATS_ENGINE_H

#include "core/core.h"
#include "store/store.h"

#define IVP__MAX_CODES 64

/* One area: a code, or a name resolved through the code lists. */
ivp_rc ivp__stats_area(ivp_ctx *ctx, const char *s, char code[16], char name[256]);
/* Split "1.4.1,1.4.2" into codes; returns how many. */
int ivp__stats_split_codes(const char *codes, char out[IVP__MAX_CODES][16]);
/*
 * Yearly counts of one area for the codes of tc; a wijk without its own
 * figure takes the sum of its buurten (*rolled set). IVP_OK, or the
 * store's error (in ctx->err).
 */
ivp_rc ivp__stats_area_counts(ivp_ctx *ctx, const char *area, int year,
			      ivp__type_count *tc, int nc, int *rolled) IVP_WUR;

/* ---- comparison groups (groups.c) ---- */

/* The CBS size classes of gemeenten by inhabitants on 1 January. */
#define IVP__NCLASSES 6
/* The class (0..IVP__NCLASSES-1) of a population. */
int ivp__size_class_of(int64_t pop);
/* "gemeenten met 50.000–100.000 inwoners" (nl) / "municipalities of …" (en). */
void ivp__size_class_title(int k, const char *lang, char *out, size_t n);

enum {
	IVP__GROUP_NONE = 0,  /* not a group: an area spec */
	IVP__GROUP_STORED,    /* a stored group by its name */
	IVP__GROUP_SIZECLASS, /* grootteklasse: depends on the year */
	IVP__GROUP_REGION     /* regio: the main area's region */
};

typedef struct ivp__group_info {
	int kind;	   /* IVP__GROUP_* */
	char name[64];	   /* the stored group's name; "grootteklasse" */
	char title[256];   /* "Haaglanden", "gemeenten met 50.000–100.000 inwoners" */
	int size_class;	   /* SIZECLASS: the class */
	char missing[160]; /* SIZECLASS without the main area's population: why no members */
} ivp__group_info;

/* IVP__GROUP_SIZECLASS or _REGION for the reserved words, else _NONE. */
int ivp__group_word(const char *spec);
/*
 * What spec stands for as a comparison group of the area `main` (a code;
 * NULL when the main area is not one) in `year`: each member's code to cb
 * (cols[0]) and gi filled. gi->kind NONE and no rows: spec names no group
 * (treat it as an area spec). Errors (in ctx->err): grootteklasse of
 * anything but a gemeente, regio without a region.
 */
ivp_rc ivp__stats_group(ivp_ctx *ctx, const char *spec, const char *main, int year,
			const char *lang, ivp__group_info *gi, ivp__row_cb cb, void *ud) IVP_WUR;

#endif /* IVP_STATS_ENGINE_H */
