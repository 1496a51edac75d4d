/*
 * test_poisson.c — unit tests for the count, rate and rate-ratio intervals.
 *
 * Reference values: the Garwood table (x = 0, 1, 10 and 100 at 95%) and the
 * rate-ratio limits were computed with mpmath at 40 digits (bisection on the
 * regularised incomplete gamma and beta functions) and rounded to 4
 * decimals. Besides those, every limit is checked by a route that shares no
 * code with poisson.c: the Poisson and binomial tail sums are added up here
 * from lgamma/exp, and the Clopper-Pearson limits are found again by
 * bisection on gsl_cdf_binomial_P/Q. Failures print expected and actual.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <gsl/gsl_cdf.h>

#include "stats/poisson.h"

#define DEC4 5.0001e-5 /* a reference rounded to 4 decimals */

static int near(const char *what, double actual, double expected, double tol)
{
	if (actual == expected || fabs(actual - expected) <= tol)
		return 1;
	print_error("%s: expected %.10g, actual %.10g (tolerance %g)\n", what,
		    expected, actual, tol);
	return 0;
}

static int is_nan(const char *what, double actual)
{
	if (isnan(actual))
		return 1;
	print_error("%s: expected NaN, actual %.10g\n", what, actual);
	return 0;
}

static int near_ci(const char *what, ivp__interval ci, double lo, double hi,
		   double tol)
{
	int ok = near(what, ci.lo, lo, tol);

	return near(what, ci.hi, hi, tol) && ok;
}

/* Sum of e^(lp(j)) for j = k, k + step, ... while the terms matter. */
static double tail(double (*lp)(double, double, double), double k,
		   double step, double end, double n, double q)
{
	double sum = 0;

	for (long i = 0;; i++) {
		double j = k + (double)i * step, t; /* whole numbers: exact */

		if (step > 0 ? j > end : j < end)
			break;
		t = exp(lp(j, n, q));
		sum += t;
		if (t < 1e-20 * sum)
			break;
	}
	return sum;
}

static double pois_lp(double j, double unused, double mu)
{
	(void)unused;
	return j * log(mu) - mu - lgamma(j + 1);
}

static double binom_lp(double j, double m, double p)
{
	return lgamma(m + 1) - lgamma(j + 1) - lgamma(m - j + 1) +
	       j * log(p) + (m - j) * log1p(-p);
}

/* P(X >= k) and P(X <= k) for X ~ Poisson(mu), summed here. */
static double pois_ge(double k, double mu)
{
	return tail(pois_lp, k, 1, INFINITY, 0, mu);
}

static double pois_le(double k, double mu)
{
	return tail(pois_lp, k, -1, 0, 0, mu);
}

/* P(X >= k) and P(X <= k) for X ~ Binomial(m, p), summed here. */
static double binom_ge(double k, double m, double p)
{
	return tail(binom_lp, k, 1, m, m, p);
}

static double binom_le(double k, double m, double p)
{
	return tail(binom_lp, k, -1, 0, m, p);
}

/* p of a ratio R for exposures n1, n0: p = n1 R / (n1 R + n0). */
static double split(double r, double n1, double n0)
{
	return n1 * r / (n1 * r + n0);
}

/*
 * Clopper-Pearson limits by bisection on GSL's binomial distribution:
 * pL with P(X >= x1) = a/2, pU with P(X <= x1) = a/2, X ~ Binomial(m, p).
 */
static double cp_lower(unsigned x1, unsigned m, double half)
{
	double lo = 0, hi = 1;

	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;

		if (gsl_cdf_binomial_Q(x1 - 1, mid, m) < half)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

static double cp_upper(unsigned x1, unsigned m, double half)
{
	double lo = 0, hi = 1;

	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;

		if (gsl_cdf_binomial_P(x1, mid, m) > half)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

static void garwood_table(void **state)
{
	(void)state;
	assert_true(near_ci("x=0", ivp__poisson_exact(0, 0.95), 0, 3.6889, DEC4));
	assert_true(ivp__poisson_exact(0, 0.95).lo == 0);
	assert_true(near_ci("x=1", ivp__poisson_exact(1, 0.95), 0.0253, 5.5716,
			    DEC4));
	assert_true(near_ci("x=10", ivp__poisson_exact(10, 0.95), 4.7954,
			    18.3904, DEC4));
	assert_true(near_ci("x=100", ivp__poisson_exact(100, 0.95), 81.3640,
			    121.6268, DEC4));
	assert_true(near_ci("x=10 at 90%", ivp__poisson_exact(10, 0.90), 5.4254,
			    16.9622, DEC4));
}

/*
 * Each limit leaves alpha/2 in its tail, by the sums above: to 1e-10 where
 * poisson.c bisects GSL's gamma distribution (x < 100000), to 2e-8 where it
 * uses the Wilson-Hilferty approximation (x >= 100000). 1159 and 1736 are
 * counts at which gsl_cdf_chisq_Pinv fails to converge.
 */
static void garwood_tails(void **state)
{
	static const int64_t xs[] = { 0, 1, 2, 5, 10, 100, 1159, 1736, 1771,
				      10000, 99999, 100000, 250000 };
	static const double levels[] = { 0.95, 0.90, 0.99 };

	(void)state;
	for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
		double half = (1 - levels[l]) / 2;

		for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
			double x = (double)xs[i], tol = x < 1e5 ? 1e-10 : 2e-8;
			ivp__interval ci = ivp__poisson_exact(xs[i], levels[l]);

			if (xs[i] > 0)
				assert_true(near("P(X >= x | lo)",
						 pois_ge(x, ci.lo), half, tol));
			assert_true(near("P(X <= x | hi)", pois_le(x, ci.hi),
					 half, tol));
		}
	}
}

static void rate_per_1000(void **state)
{
	(void)state;
	assert_true(near("rate", ivp__rate(1771, 57932, 1000), 30.5703, DEC4));
	assert_true(near_ci("rate interval",
			    ivp__rate_interval(1771, 57932, 1000, 0.95),
			    29.1630, 32.0280, DEC4));

	ivp__interval n = ivp__poisson_exact(1771, 0.95);
	ivp__interval r = ivp__rate_interval(1771, 57932, 1000, 0.95);

	assert_true(near_ci("count interval scaled", r, n.lo * 1000 / 57932,
			    n.hi * 1000 / 57932, 1e-12));
	assert_true(near("zero count", ivp__rate(0, 57932, 1000), 0, 0));
}

static void ratio_reference(void **state)
{
	(void)state;
	ivp__interval ci = ivp__rate_ratio_interval(1771, 57932, 1663, 57672,
						    0.95);

	/* 1.060163..., so 1.0602 to 4 decimals */
	assert_true(near("ratio", ivp__rate_ratio(1771, 57932, 1663, 57672),
			 1.0602, DEC4));
	assert_true(near_ci("ratio interval", ci, 0.9910, 1.1342, DEC4));
	assert_int_equal(ivp__verdict_of(ci), IVP__VERDICT_NO_CHANGE);
	assert_string_equal(ivp__verdict_words(ivp__verdict_of(ci), 1, "nl"),
			    "geen duidelijke verandering");
	assert_string_equal(ivp__verdict_words(ivp__verdict_of(ci), 1, "en"),
			    "no clear change");
}

/* Clopper-Pearson again, by GSL's binomial CDF and by the sums above. */
static void ratio_by_binomial(void **state)
{
	static const struct {
		unsigned x1, x0;
		double n1, n0, level;
	} cases[] = {
		{ 1771, 1663, 57932, 57672, 0.95 },
		{ 1771, 1663, 57932, 57672, 0.90 },
		{ 200, 100, 1, 1, 0.95 },
		{ 100, 200, 1, 1, 0.95 },
		{ 3, 17, 1200, 1150, 0.99 },
		{ 1, 1, 5, 7, 0.95 },
		{ 0, 10, 1, 1, 0.95 },
		{ 10, 0, 1, 1, 0.95 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		unsigned x1 = cases[i].x1, x0 = cases[i].x0, m = x1 + x0;
		double n1 = cases[i].n1, n0 = cases[i].n0;
		double half = (1 - cases[i].level) / 2;
		ivp__interval ci = ivp__rate_ratio_interval(x1, n1, x0, n0,
							    cases[i].level);

		if (x1 > 0) {
			double pl = cp_lower(x1, m, half);

			assert_true(near("lo by bisection", ci.lo,
					 pl / (1 - pl) * n0 / n1, 1e-9 * ci.lo));
			assert_true(near("P(X >= x1 | pL)",
					 binom_ge(x1, m, split(ci.lo, n1, n0)),
					 half, 1e-10));
		}
		if (x0 > 0) {
			double pu = cp_upper(x1, m, half);

			assert_true(near("hi by bisection", ci.hi,
					 pu / (1 - pu) * n0 / n1, 1e-9 * ci.hi));
			assert_true(near("P(X <= x1 | pU)",
					 binom_le(x1, m, split(ci.hi, n1, n0)),
					 half, 1e-10));
		}
	}
}

static void clear_rise(void **state)
{
	(void)state;
	ivp__interval ci = ivp__rate_ratio_interval(200, 1000, 100, 1000, 0.95);

	assert_true(near("ratio", ivp__rate_ratio(200, 1000, 100, 1000), 2, 0));
	assert_true(near_ci("interval", ci, 1.5655, 2.5688, DEC4));
	assert_true(ci.lo > 1);
	assert_int_equal(ivp__verdict_of(ci), IVP__VERDICT_RISE);
}

static void clear_fall(void **state)
{
	(void)state;
	ivp__interval ci = ivp__rate_ratio_interval(100, 1000, 200, 1000, 0.95);

	assert_true(near("ratio", ivp__rate_ratio(100, 1000, 200, 1000), 0.5, 0));
	assert_true(near_ci("interval", ci, 0.3893, 0.6388, DEC4));
	assert_true(ci.hi < 1);
	assert_int_equal(ivp__verdict_of(ci), IVP__VERDICT_FALL);
}

static void zero_on_one_side(void **state)
{
	(void)state;
	ivp__interval none_now = ivp__rate_ratio_interval(0, 1, 10, 1, 0.95);
	ivp__interval none_before = ivp__rate_ratio_interval(10, 1, 0, 1, 0.95);
	ivp__interval few_before = ivp__rate_ratio_interval(0, 1, 2, 1, 0.95);

	assert_true(near("ratio 0/10", ivp__rate_ratio(0, 1, 10, 1), 0, 0));
	assert_true(near_ci("0 vs 10", none_now, 0, 0.4461, DEC4));
	assert_true(none_now.lo == 0);
	assert_int_equal(ivp__verdict_of(none_now), IVP__VERDICT_FALL);

	assert_true(near("ratio 10/0", ivp__rate_ratio(10, 1, 0, 1), INFINITY,
			 0));
	assert_true(near_ci("10 vs 0", none_before, 2.2415, INFINITY, DEC4));
	assert_true(none_before.hi == INFINITY);
	assert_int_equal(ivp__verdict_of(none_before), IVP__VERDICT_RISE);

	assert_true(few_before.lo == 0 && few_before.hi > 1);
	assert_int_equal(ivp__verdict_of(few_before), IVP__VERDICT_NO_CHANGE);
}

static void both_zero(void **state)
{
	(void)state;
	ivp__interval ci = ivp__rate_ratio_interval(0, 57932, 0, 57672, 0.95);

	assert_true(is_nan("ratio 0/0", ivp__rate_ratio(0, 57932, 0, 57672)));
	assert_true(ci.lo == 0 && ci.hi == INFINITY);
	assert_int_equal(ivp__verdict_of(ci), IVP__VERDICT_NONE);
}

static void verdict_words(void **state)
{
	static const struct {
		ivp__verdict v;
		int over_time;
		const char *nl, *en;
	} rows[] = {
		{ IVP__VERDICT_RISE, 1, "significante stijging",
		  "significant rise" },
		{ IVP__VERDICT_FALL, 1, "significante daling",
		  "significant fall" },
		{ IVP__VERDICT_NO_CHANGE, 1, "geen duidelijke verandering",
		  "no clear change" },
		{ IVP__VERDICT_RISE, 0, "significant hoger",
		  "significantly higher" },
		{ IVP__VERDICT_FALL, 0, "significant lager",
		  "significantly lower" },
		{ IVP__VERDICT_NO_CHANGE, 0, "geen duidelijk verschil",
		  "no clear difference" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		assert_string_equal(ivp__verdict_words(rows[i].v,
						       rows[i].over_time, "nl"),
				    rows[i].nl);
		assert_string_equal(ivp__verdict_words(rows[i].v,
						       rows[i].over_time, "en"),
				    rows[i].en);
		assert_string_equal(ivp__verdict_words(rows[i].v,
						       rows[i].over_time, "fr"),
				    rows[i].en);
		assert_string_equal(ivp__verdict_words(rows[i].v,
						       rows[i].over_time, NULL),
				    rows[i].en);
	}
	assert_string_equal(ivp__verdict_words(IVP__VERDICT_RISE, 7, "nl"),
			    "significante stijging");
	assert_non_null(ivp__verdict_words(IVP__VERDICT_NONE, 1, "nl"));
	assert_non_null(ivp__verdict_words(IVP__VERDICT_NONE, 0, "en"));
}

static void verdict_edges(void **state)
{
	(void)state;
	assert_int_equal(ivp__verdict_of((ivp__interval){ 1, 2 }),
			 IVP__VERDICT_NO_CHANGE);
	assert_int_equal(ivp__verdict_of((ivp__interval){ 0.5, 1 }),
			 IVP__VERDICT_NO_CHANGE);
	assert_int_equal(ivp__verdict_of((ivp__interval){ 1.01, INFINITY }),
			 IVP__VERDICT_RISE);
	assert_int_equal(ivp__verdict_of((ivp__interval){ NAN, 2 }),
			 IVP__VERDICT_NONE);
	assert_int_equal(ivp__verdict_of((ivp__interval){ 0.5, NAN }),
			 IVP__VERDICT_NONE);
	assert_int_equal(ivp__verdict_of((ivp__interval){ 2, 1.5 }),
			 IVP__VERDICT_NONE);
}

static void narrower_at_90(void **state)
{
	(void)state;
	ivp__interval c95 = ivp__poisson_exact(10, 0.95);
	ivp__interval c90 = ivp__poisson_exact(10, 0.90);
	ivp__interval r95 = ivp__rate_interval(1771, 57932, 1000, 0.95);
	ivp__interval r90 = ivp__rate_interval(1771, 57932, 1000, 0.90);
	ivp__interval q95 = ivp__rate_ratio_interval(1771, 57932, 1663, 57672,
						     0.95);
	ivp__interval q90 = ivp__rate_ratio_interval(1771, 57932, 1663, 57672,
						     0.90);

	assert_true(c90.lo > c95.lo && c90.hi < c95.hi);
	assert_true(r90.lo > r95.lo && r90.hi < r95.hi);
	assert_true(q90.lo > q95.lo && q90.hi < q95.hi);
	/* at 90% the same two years do differ: lo = 1.0017 */
	assert_true(near_ci("ratio interval at 90%", q90, 1.0017, 1.1221, DEC4));
	assert_int_equal(ivp__verdict_of(q90), IVP__VERDICT_RISE);
}

static void bad_input(void **state)
{
	static const double levels[] = { 0, 1, -0.5, 1.5, NAN };

	(void)state;
	assert_true(is_nan("rate, population 0", ivp__rate(10, 0, 1000)));
	assert_true(is_nan("rate, population -5", ivp__rate(10, -5, 1000)));
	assert_true(is_nan("rate, population NaN", ivp__rate(10, NAN, 1000)));
	assert_true(is_nan("rate, count -1", ivp__rate(-1, 100, 1000)));

	ivp__interval ci = ivp__rate_interval(10, 0, 1000, 0.95);

	assert_true(is_nan("lo, population 0", ci.lo));
	assert_true(is_nan("hi, population 0", ci.hi));
	assert_int_equal(ivp__verdict_of(ci), IVP__VERDICT_NONE);
	ci = ivp__rate_interval(10, -57932, 1000, 0.95);
	assert_true(is_nan("lo, population < 0", ci.lo));
	assert_true(is_nan("hi, population < 0", ci.hi));

	assert_true(is_nan("ratio, n1 0", ivp__rate_ratio(5, 0, 5, 1)));
	assert_true(is_nan("ratio, n0 < 0", ivp__rate_ratio(5, 1, 5, -1)));
	ci = ivp__rate_ratio_interval(5, 1, 5, 0, 0.95);
	assert_true(is_nan("ratio lo, n0 0", ci.lo));
	assert_true(is_nan("ratio hi, n0 0", ci.hi));
	ci = ivp__rate_ratio_interval(-1, 1, 5, 1, 0.95);
	assert_true(is_nan("ratio lo, x1 < 0", ci.lo));
	assert_true(is_nan("poisson, x < 0", ivp__poisson_exact(-3, 0.95).hi));

	for (size_t i = 0; i < sizeof levels / sizeof *levels; i++) {
		assert_true(is_nan("poisson, bad level",
				   ivp__poisson_exact(10, levels[i]).lo));
		assert_true(is_nan("ratio, bad level",
				   ivp__rate_ratio_interval(5, 1, 5, 1,
							    levels[i])
					   .hi));
	}
}

/* Counts beyond the exact range: the approximations still hit alpha/2. */
static void large_counts(void **state)
{
	(void)state;
	ivp__interval ci = ivp__poisson_exact(1000000, 0.95);

	/* mpmath: [998040.983340, 1001961.911936] */
	assert_true(near_ci("x=1e6", ci, 998040.98334, 1001961.911936, 1e-3));

	ci = ivp__rate_ratio_interval(150000, 1e6, 140000, 1e6, 0.95);
	assert_true(near("P(X >= x1 | pL)",
			 binom_ge(150000, 290000, split(ci.lo, 1e6, 1e6)),
			 0.025, 1e-8));
	assert_true(near("P(X <= x1 | pU)",
			 binom_le(150000, 290000, split(ci.hi, 1e6, 1e6)),
			 0.025, 1e-8));
	assert_int_equal(ivp__verdict_of(ci), IVP__VERDICT_RISE);

	ci = ivp__rate_ratio_interval(5, 1, 500000, 1000, 0.95);
	assert_true(near("P(X >= 5 | pL)",
			 binom_ge(5, 500005, split(ci.lo, 1, 1000)), 0.025,
			 1e-10));
	assert_true(near("P(X <= 5 | pU)",
			 binom_le(5, 500005, split(ci.hi, 1, 1000)), 0.025,
			 1e-10));

	ivp__interval back = ivp__rate_ratio_interval(500000, 1000, 5, 1, 0.95);

	assert_true(near_ci("swapped sides give 1/R", back, 1 / ci.hi,
			    1 / ci.lo, 1e-9 * back.hi));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(garwood_table),
		cmocka_unit_test(garwood_tails),
		cmocka_unit_test(rate_per_1000),
		cmocka_unit_test(ratio_reference),
		cmocka_unit_test(ratio_by_binomial),
		cmocka_unit_test(clear_rise),
		cmocka_unit_test(clear_fall),
		cmocka_unit_test(zero_on_one_side),
		cmocka_unit_test(both_zero),
		cmocka_unit_test(verdict_words),
		cmocka_unit_test(verdict_edges),
		cmocka_unit_test(narrower_at_90),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(large_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
