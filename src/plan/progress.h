/*
 * progress.h — the goal status rule of progress.c, open to unit tests.
 */
#ifndef IVP_PLAN_PROGRESS_H
#define IVP_PLAN_PROGRESS_H

#include "plan/plan.h"

typedef enum pl_status {
	ST_NODATA,
	ST_NOSTATUS,
	ST_ON,
	ST_RISK,
	ST_OFF,
	ST_N
} pl_status;

/* What is known about a goal's indicator in the report year. */
typedef struct obs {
	int has; /* a value after the baseline year */
	int year;
	double v, lo, hi;   /* value and its interval */
	int exact;	    /* no interval known: lo = hi = v */
	int base_sig;	    /* vs the baseline: +1 better, -1 worse beyond the noise, 0 inside */
	int base_known;	    /* base_sig came from a test */
	int margin_unknown; /* 1: the value has no margin, 2: the baseline has none,
			     * while the other has one (base_sig unknown) */
	char unit[128];
	char source[256];
	char why[512];	  /* without a value: why (no data / unit differs) */
	int other_unit;	  /* values exist, but none in the goal's unit: no status */
	char shown[8];	  /* a register count hidden by suppression: "< 5" or "x"
			   * (has 0; the figure itself never gets here) */
	const char *lang; /* "nl" or "en" (NULL) for why and the reasons */
} obs;

/*
 * What a register count (flag and figure from registers/plan_counts.h)
 * makes of a goal's observation in year `year` (pure; the unit tests call
 * it): shown, an exact value; hidden, no value, o->shown "< 5" or "x" and
 * o->why saying it is not used. The count's text and source in o->lang.
 */
void ivp__plan_register_obs(const pl_goal *goal, int year, int64_t n, int flag, obs *o);

/*
 * The status of a goal given what is observed (docs/progress-rules.md).
 * *expected is the line's value in the observation year (NaN without
 * one); why gets the reason in words.
 */
pl_status ivp__plan_status(const pl_goal *goal, const obs *o, double *expected, char *why, size_t n);

#endif
