/*
 * poisson.h — interval arithmetic for counts and rates.
 *
 * Registered crime counts are treated as Poisson counts. This module gives
 * the exact (Garwood) interval for one count, the rate per 1,000 with its
 * interval, and the rate ratio of two counts with the exact conditional
 * interval (Clopper-Pearson on the binomial split of the two counts, the
 * classic method for comparing two Poisson rates). The verdict words that the
 * rest of ivp shows follow only from these intervals.
 *
 * All functions are pure; none allocates. GSL provides the quantiles.
 */
#ifndef IVP_STATS_POISSON_H
#define IVP_STATS_POISSON_H

#include <stdint.h>

/* A two-sided interval; hi may be +INFINITY (e.g. ratio with a zero count). */
typedef struct ivp__interval {
	double lo;
	double hi;
} ivp__interval;

/*
 * Exact (Garwood) two-sided interval for the mean of a Poisson count x at
 * confidence level `level` (e.g. 0.95):
 *   lo = chi2_inv(alpha/2; 2x) / 2      (0 when x == 0)
 *   hi = chi2_inv(1-alpha/2; 2x+2) / 2
 * For x = 10 at 95%: [4.7954, 18.3904].
 */
ivp__interval ivp__poisson_exact(int64_t x, double level);

/*
 * Rate per `per` units of exposure (per 1,000 inhabitants: per = 1000) and
 * its exact interval: the count interval scaled by per/population.
 * population must be > 0 (caller checks); returns NaN members otherwise.
 */
double ivp__rate(int64_t count, double population, double per);
ivp__interval ivp__rate_interval(int64_t count, double population, double per,
				 double level);

/*
 * Rate ratio (x1/n1) / (x0/n0) of two Poisson counts x1, x0 with exposures
 * n1, n0 (> 0), and its exact conditional interval: conditional on
 * x1 + x0 = m, x1 ~ Binomial(m, p) with p = n1*R / (n1*R + n0). The
 * Clopper-Pearson limits pL, pU for p give R = p/(1-p) * n0/n1.
 * x1 == 0 gives lo = 0; x0 == 0 gives hi = +INFINITY; both zero gives
 * lo = 0, hi = +INFINITY and a ratio of NaN.
 */
double ivp__rate_ratio(int64_t x1, double n1, int64_t x0, double n0);
ivp__interval ivp__rate_ratio_interval(int64_t x1, double n1, int64_t x0,
				       double n0, double level);

/* What a ratio's interval lets us say. */
typedef enum ivp__verdict {
	IVP__VERDICT_NONE = 0, /* not computable (no data, zero counts on both sides) */
	IVP__VERDICT_RISE,     /* lo > 1 */
	IVP__VERDICT_FALL,     /* hi < 1 */
	IVP__VERDICT_NO_CHANGE /* interval contains 1 */
} ivp__verdict;

/* The verdict that follows from an interval (NaN or empty -> NONE). */
ivp__verdict ivp__verdict_of(ivp__interval ci);

/*
 * Words for a verdict. `over_time` selects the trend words ("significant
 * rise", "significant fall", "no clear change") or the comparison words
 * ("significantly higher", "significantly lower", "no clear difference").
 * lang is "nl" or "en" (anything else: "en"). Returns a static string.
 */
const char *ivp__verdict_words(ivp__verdict v, int over_time, const char *lang);

#endif /* IVP_STATS_POISSON_H */
