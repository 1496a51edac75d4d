/*
 * funnel.h — funnel limits for comparing many areas on a rate, with the
 * overdispersion between areas estimated from the data.
 *
 * The method is the additive random-effects form of Spiegelhalter,
 * "Funnel plots for comparing institutional performance" (Statistics in
 * Medicine 24, 2005), on the square-root scale of the rate, where a
 * Poisson count's variance no longer depends on its mean: an area with
 * count O on exposure n has y = sqrt(O / n) with standard error
 * s = 1 / (2 sqrt(n)) around sqrt(theta), theta the pooled rate of all
 * areas. Between areas the true rates vary (registered crime does, far
 * more than Poisson allows): y ~ N(sqrt(theta), s^2 + tau^2). The limits
 * at level p for exposure n are
 *	(sqrt(theta) +- z_p sqrt(1 / (4n) + tau^2))^2,
 * the lower one 0 where the bracket is negative. Why additive and not
 * multiplicative, and why tau^2 is solved from winsorised adjusted
 * z-scores rather than by the DerSimonian-Laird formula on winsorised
 * z-scores: docs/ranking.md (in short: DL on winsorised z-scores flagged
 * 15-19% at a nominal 5% in simulation; this estimator flags 5%).
 *
 * All functions are pure; ivp__funnel_fit allocates a scratch array only.
 */
#ifndef IVP_STATS_FUNNEL_H
#define IVP_STATS_FUNNEL_H

#include <stdint.h>

#define IVP__FUNNEL_WINSOR 0.10 /* the share winsorised in each tail */

typedef struct ivp__funnel {
	double theta;	/* pooled rate per unit of exposure: sum O / sum n */
	double phi;	/* mean of the winsorised squared z-scores (no random effect) */
	double tau2_dl; /* Spiegelhalter's DerSimonian-Laird tau^2 from phi (for reference) */
	double tau2;	/* the tau^2 the limits use (see ivp__funnel_fit) */
	int n;		/* areas fitted */
} ivp__funnel;

/*
 * Fit the funnel to n areas (count[i] >= 0 on exposure pop[i] > 0; the
 * caller leaves out the rest), winsorising the share `winsor` (0 <= winsor
 * < 0.5, usually IVP__FUNNEL_WINSOR) of the z-scores in each tail: after
 * sorting, those below the k-th smallest and above the k-th largest (k =
 * floor(winsor * n), counted from 0) are set to them.
 * theta = sum count / sum pop. phi = mean of the winsorised
 * z_i^2, z_i = 2 (sqrt(O_i) - sqrt(n_i theta)). tau2_dl = (n phi - (n-1))
 * / (sum w - sum w^2 / sum w), w_i = 4 n_i, or 0 when n phi <= n - 1.
 * tau2: the tau^2 >= 0 at which the winsorised mean of the squared
 * adjusted z-scores ivp__funnel_z equals its expectation for standard
 * normal z (1 without winsorising; 0.6787 at 10%), 0 when it is already
 * below at tau^2 = 0; found by bisection.
 * Returns 0, or -1 when n < 2, the total exposure or count is 0 or an
 * input is invalid, or memory ran out (f is then zeroed).
 */
int ivp__funnel_fit(const int64_t *count, const double *pop, int n, double winsor,
		    ivp__funnel *f);

/* The expectation of a standard normal z^2 winsorised at `winsor` in each tail. */
double ivp__funnel_winsor_mean(double winsor);

/* The adjusted z-score of one area: (sqrt(O/n) - sqrt(theta)) / sqrt(1/(4n) + tau^2). */
double ivp__funnel_z(const ivp__funnel *f, int64_t count, double pop);

/*
 * The two-sided limits at `level` (e.g. 0.95, 0.998) of the rate per unit
 * of exposure for an area of exposure pop; multiply by 1,000 for a rate
 * per 1,000. NaN when pop <= 0 or the level is outside (0, 1).
 */
void ivp__funnel_limits(const ivp__funnel *f, double pop, double level, double *lo,
			double *hi);

/* Where an adjusted z-score lies: +2 above the `outer` limits, +1 above
 * the `inner` ones only, 0 within, -1, -2 below (levels as for limits). */
int ivp__funnel_side(double z, double inner, double outer);

#endif /* IVP_STATS_FUNNEL_H */
