/*
 * survey.h — honest comparison of survey figures (the CBS
 * Veiligheidsmonitor and a municipality's own surveys or panels): a
 * percentage or grade with its margin, the half-width of its 95%
 * interval. Two figures differ clearly only when their difference is
 * beyond the combined margin sqrt(m1² + m2²); a figure whose margin is not
 * known cannot be compared (never as if its margin were 0); a survey with
 * fewer respondents than the stated minimum is "too small" and is not
 * compared at all. plan/progress.c uses the same rule for a goal's value
 * against its baseline.
 */
#ifndef IVP_STATS_SURVEY_H
#define IVP_STATS_SURVEY_H

#include <stdint.h>

typedef struct ivp__survey_fig {
	double value;
	double margin;	     /* half-width of the 95% interval, in the value's unit */
	int has_margin;	     /* 0: not known */
	int64_t respondents; /* 0: not known */
} ivp__survey_fig;

enum {
	IVP__SV_SAME = 0,      /* within the combined margin: no clear difference */
	IVP__SV_HIGHER = 1,    /* b is clearly higher than a */
	IVP__SV_LOWER = 2,     /* b is clearly lower than a */
	IVP__SV_UNKNOWN = 3,   /* a margin is not known: cannot be said */
	IVP__SV_TOO_SMALL = 4, /* a survey has fewer respondents than the minimum */
};

/* The margin CBS publishes as an interval [lo, hi]: (hi - lo) / 2; -1 when hi < lo. */
double ivp__survey_margin_of(double lo, double hi);
/* The combined margin of two figures, sqrt(ma² + mb²). */
double ivp__survey_combined(double ma, double mb);
/* 1 when |b - a| is beyond the combined margin of ma and mb, else 0. */
int ivp__survey_beyond(double a, double ma, double b, double mb);
/*
 * b against a: IVP__SV_*. min_respondents (0: no minimum) applies to a
 * figure whose respondents are known; a figure without a known number of
 * respondents is never called too small (CBS publishes margins, not counts).
 */
int ivp__survey_compare(const ivp__survey_fig *a, const ivp__survey_fig *b, int64_t min_respondents);
/* 1 when a survey of `respondents` (0: not known) is below its stated
 * minimum (0: none), the rule of ivp__survey_compare; else 0. */
int ivp__survey_too_small(int64_t respondents, int64_t min_respondents);

#endif /* IVP_STATS_SURVEY_H */
