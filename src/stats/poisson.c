/*
 * poisson.c — exact intervals for crime counts, rates and rate ratios.
 *
 * Implements poisson.h. A Garwood limit is a gamma quantile and a
 * Clopper-Pearson limit of the conditional binomial is a beta quantile. GSL's
 * own inverses are not called: in GSL 2.7 gsl_cdf_chisq_Pinv fails to
 * converge for ordinary counts (x = 1159 and x = 1736 at 95%, among others),
 * and the default GSL error handler then aborts the program, while
 * gsl_cdf_beta_Pinv does not return for parameters near 1e6. Each quantile
 * is found instead by bisection on GSL's distribution functions
 * (gsl_cdf_gamma_P/Q, gsl_cdf_beta_P/Q), which were checked to be monotone and
 * free of GSL errors for shapes up to BIG (beta: the smaller of the two up to
 * BIG). Beyond BIG, where those functions break down, the quantiles come from
 * the Wilson-Hilferty (gamma) and Paulson (F, hence beta) approximations:
 * there, at levels from 90% to 99.9%, a limit is within 1e-8 (relative) of
 * the exact one and leaves alpha/2 in its tail to within 2e-8.
 */
#include "poisson.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#define BIG 1e5	/* largest shape passed to GSL's distribution functions */

typedef double cdf_fn(double x, double a, double b);

static ivp__interval nan_interval(void)
{
	return (ivp__interval){ NAN, NAN };
}

static int bad_level(double level)
{
	return !(level > 0 && level < 1);
}

static int positive(double v)
{
	return v > 0 && isfinite(v);
}

/* Normal deviate with lower (or, if upper, upper) tail probability p. */
static double deviate(double p, int upper)
{
	return upper ? gsl_cdf_ugaussian_Qinv(p) : gsl_cdf_ugaussian_Pinv(p);
}

/*
 * x in [lo, hi] with cdf(x; a, b) == p, where cdf is a lower tail (P,
 * rising) or an upper tail (Q, falling); narrows the bracket to the last
 * bit. Steps are false position with the Illinois rule (fast near the
 * root), and a plain halving whenever a step took less than half off the
 * bracket, so it never needs more steps than bisection would.
 */
static double solve(cdf_fn *cdf, int upper, double a, double b, double p,
		    double lo, double flo, double hi, double fhi)
{
	int side = 0, halve = 0;

	/* oriented: negative below the root, positive above */
	if (isnan(flo))
		flo = (upper ? -1 : 1) * (cdf(lo, a, b) - p);
	if (isnan(fhi))
		fhi = (upper ? -1 : 1) * (cdf(hi, a, b) - p);
	for (int i = 0; i < 2000 && hi - lo > 2 * DBL_EPSILON * hi; i++) {
		double w = hi - lo, mid = lo + w / 2, d;

		if (!halve && flo < 0 && fhi > 0) {
			double x = lo - flo * (w / (fhi - flo));

			if (x > lo && x < hi)
				mid = x;
		}
		d = cdf(mid, a, b) - p;
		if (upper)
			d = -d;
		if (fabs(d) <= 4 * DBL_EPSILON * p)	/* as close as the cdf can tell */
			return mid;
		if (d < 0) {
			lo = mid;
			flo = d;
			if (side < 0)
				fhi /= 2;
			side = -1;
		} else {
			hi = mid;
			fhi = d;
			if (side > 0)
				flo /= 2;
			side = 1;
		}
		halve = hi - lo > w / 2;
	}
	return lo + (hi - lo) / 2;
}

/* cdf(x) - p, oriented as in solve() */
static double side_of(cdf_fn *cdf, int upper, double a, double b, double p, double x)
{
	return (upper ? -1 : 1) * (cdf(x, a, b) - p);
}

/*
 * The root of cdf(x) == p bracketed close to an approximation est (the
 * starting bracket only: solve() still narrows it to the last bit), within
 * [lo, hi]; a check that fails falls back to that end.
 */
static double solve_near(cdf_fn *cdf, int upper, double a, double b, double p,
			 double est, double lo, double hi)
{
	double flo = NAN, fhi = NAN;

	if (isfinite(est) && est > lo && est < hi) {
		double l = est * 0.97, h = est * 1.03;

		if (l > lo && (flo = side_of(cdf, upper, a, b, p, l)) < 0)
			lo = l;
		else
			flo = NAN;
		if (h < hi && (fhi = side_of(cdf, upper, a, b, p, h)) > 0)
			hi = h;
		else
			fhi = NAN;
	}
	return solve(cdf, upper, a, b, p, lo, flo, hi, fhi);
}

/* y with P(a, y) == p, or Q(a, y) == p if upper; a >= 1, 0 < p < 1. */
static double gamma_quantile(double p, double a, int upper)
{
	if (a > BIG) {
		double c = 1 / (9 * a);
		double r = 1 - c + deviate(p, upper) * sqrt(c);

		return a * r * r * r;
	}
	cdf_fn *cdf = upper ? gsl_cdf_gamma_Q : gsl_cdf_gamma_P;
	double c = 1 / (9 * a), r = 1 - c + deviate(p, upper) * sqrt(c);
	double hi = a + 1;

	while (isfinite(hi) && (upper ? cdf(hi, a, 1) > p : cdf(hi, a, 1) < p))
		hi *= 2;
	/* near the Wilson-Hilferty approximation */
	return solve_near(cdf, upper, a, 1, p, r > 0 ? a * r * r * r : NAN, 0, hi);
}

/*
 * Odds q / (1 - q) of the q with I_q(a, b) == p, or 1 - I_q(a, b) == p if
 * upper; a, b >= 1. Solved on the side whose mean is below 1/2, so that
 * 1 - q keeps its precision.
 */
static double beta_odds(double p, double a, double b, int upper)
{
	if (a > b)
		return 1 / beta_odds(p, b, a, !upper);
	/* Paulson: q / (1 - q) * b / a follows F(2a, 2b). */
	double z = deviate(p, upper), s = 1 / (9 * a), t = 1 / (9 * b);
	double num = (1 - s) * (1 - t) + z * sqrt(s * (1 - t) * (1 - t) +
		t * (1 - s) * (1 - s) - z * z * s * t);
	double u = num / ((1 - t) * (1 - t) - z * z * t);
	double odds = u * u * u * a / b;

	if (a > BIG)
		return odds;
	/* exact, near the approximation */
	double q = solve_near(upper ? gsl_cdf_beta_Q : gsl_cdf_beta_P, upper, a, b, p,
			      u > 0 ? odds / (1 + odds) : NAN, 0, 1);

	return q / (1 - q);
}

ivp__interval ivp__poisson_exact(int64_t x, double level)
{
	if (x < 0 || bad_level(level))
		return nan_interval();

	double p = (1 - level) / 2;
	ivp__interval ci = { 0, gamma_quantile(p, (double)x + 1, 1) };

	if (x > 0)
		ci.lo = gamma_quantile(p, (double)x, 0);
	return ci;
}

double ivp__rate(int64_t count, double population, double per)
{
	if (count < 0 || !positive(population) || !positive(per))
		return NAN;
	return (double)count / population * per;
}

ivp__interval ivp__rate_interval(int64_t count, double population, double per,
				 double level)
{
	if (!positive(population) || !positive(per))
		return nan_interval();

	ivp__interval ci = ivp__poisson_exact(count, level);
	double scale = per / population;

	ci.lo *= scale;
	ci.hi *= scale;
	return ci;
}

static int bad_pair(int64_t x1, double n1, int64_t x0, double n0)
{
	return x1 < 0 || x0 < 0 || !positive(n1) || !positive(n0);
}

double ivp__rate_ratio(int64_t x1, double n1, int64_t x0, double n0)
{
	if (bad_pair(x1, n1, x0, n0) || (x1 == 0 && x0 == 0))
		return NAN;
	if (x0 == 0)
		return INFINITY;
	return ((double)x1 / n1) / ((double)x0 / n0);
}

ivp__interval ivp__rate_ratio_interval(int64_t x1, double n1, int64_t x0,
				       double n0, double level)
{
	if (bad_pair(x1, n1, x0, n0) || bad_level(level))
		return nan_interval();

	double p = (1 - level) / 2, scale = n0 / n1;
	ivp__interval ci = { 0, INFINITY };

	if (x1 > 0)
		ci.lo = beta_odds(p, (double)x1, (double)x0 + 1, 0) * scale;
	if (x0 > 0)
		ci.hi = beta_odds(p, (double)x1 + 1, (double)x0, 1) * scale;
	return ci;
}

/*
 * [0, +inf] says nothing at all; it is what two zero counts give, so it is
 * NONE rather than NO_CHANGE.
 */
ivp__verdict ivp__verdict_of(ivp__interval ci)
{
	if (isnan(ci.lo) || isnan(ci.hi) || ci.lo > ci.hi)
		return IVP__VERDICT_NONE;
	if (ci.lo <= 0 && ci.hi == INFINITY)
		return IVP__VERDICT_NONE;
	if (ci.lo > 1)
		return IVP__VERDICT_RISE;
	if (ci.hi < 1)
		return IVP__VERDICT_FALL;
	return IVP__VERDICT_NO_CHANGE;
}

/* [dutch][over_time][verdict] */
static const char *const words[2][2][4] = {
	{
		{ "not computable", "significantly higher",
		  "significantly lower", "no clear difference" },
		{ "not computable", "significant rise", "significant fall",
		  "no clear change" },
	},
	{
		{ "niet te bepalen", "significant hoger", "significant lager",
		  "geen duidelijk verschil" },
		{ "niet te bepalen", "significante stijging",
		  "significante daling", "geen duidelijke verandering" },
	},
};

const char *ivp__verdict_words(ivp__verdict v, int over_time, const char *lang)
{
	int dutch = lang != NULL && strcmp(lang, "nl") == 0;

	if ((unsigned)v > (unsigned)IVP__VERDICT_NO_CHANGE)
		v = IVP__VERDICT_NONE;
	return words[dutch][over_time != 0][v];
}
