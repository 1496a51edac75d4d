/*
 * funnel.c — funnel limits with overdispersion (funnel.h).
 *
 * The fit follows Spiegelhalter (2005) up to the estimate of tau^2. His
 * additive recipe winsorises the z-scores under the null (no random
 * effect), takes phi as the mean of their squares and tau^2 by the
 * DerSimonian-Laird moment formula. When tau^2 > 0 those z-scores have
 * variance 1 + 4 n_i tau^2: the large areas carry the information about
 * tau^2, and winsorising clips exactly them, so tau^2 comes out far too
 * small and too many areas are flagged (15-19% at a nominal 5% in the
 * simulation of docs/ranking.md). Here the winsorising is applied to the
 * adjusted z-scores instead, which share one distribution under the model,
 * and tau^2 solves "winsorised mean square = its normal expectation": a
 * robust moment estimator in the DL spirit that is consistent under the
 * model (the simulation test in tests/unit/test_funnel.c checks the flagged
 * share). tau2_dl is still computed and shown, for comparison.
 *
 * Invariant of the bisection: g(lo) > 0 >= g(hi), g falling in tau^2.
 */
#include "funnel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* mean of v[0..n) squared after winsorising; s is scratch of n */
static double winsor_ms(const double *v, double *s, int n, double winsor)
{
	int k = (int)floor(winsor * n), i;
	double lo, hi, sum = 0;

	memcpy(s, v, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), cmp_double);
	lo = s[k];
	hi = s[n - 1 - k];
	for (i = 0; i < n; i++) {
		double x = v[i] < lo ? lo : v[i] > hi ? hi :
							v[i];

		sum += x * x;
	}
	return sum / n;
}

double ivp__funnel_winsor_mean(double winsor)
{
	double a;

	if (!(winsor > 0))
		return 1;
	a = gsl_cdf_ugaussian_Qinv(winsor);
	return (1 - 2 * winsor) - 2 * a * gsl_ran_ugaussian_pdf(a) + 2 * winsor * a * a;
}

double ivp__funnel_z(const ivp__funnel *f, int64_t count, double pop)
{
	if (!(pop > 0) || count < 0)
		return NAN;
	return (sqrt((double)count / pop) - sqrt(f->theta)) / sqrt(1 / (4 * pop) + f->tau2);
}

/* g(tau2): winsorised mean square of the adjusted z-scores minus c */
static double excess(const int64_t *count, const double *pop, int n, double winsor,
		     double c, ivp__funnel *f, double tau2, double *z, double *s)
{
	int i;

	f->tau2 = tau2;
	for (i = 0; i < n; i++)
		z[i] = ivp__funnel_z(f, count[i], pop[i]);
	return winsor_ms(z, s, n, winsor) - c;
}

int ivp__funnel_fit(const int64_t *count, const double *pop, int n, double winsor,
		    ivp__funnel *f)
{
	double so = 0, sn = 0, sw = 0, sw2 = 0, c, lo, hi, *z, *s;
	int i, k;

	memset(f, 0, sizeof(*f));
	if (n < 2 || !(winsor >= 0 && winsor < 0.5))
		return -1;
	for (i = 0; i < n; i++) {
		if (count[i] < 0 || !(pop[i] > 0) || !isfinite(pop[i]))
			return -1;
		so += (double)count[i];
		sn += pop[i];
		sw += 4 * pop[i];
		sw2 += 16 * pop[i] * pop[i];
	}
	if (!(so > 0))
		return -1;
	z = malloc((size_t)n * 2 * sizeof(*z));
	if (!z)
		return -1;
	s = z + n;
	f->n = n;
	f->theta = so / sn;
	c = ivp__funnel_winsor_mean(winsor);
	/* Spiegelhalter's phi and DL tau^2, on the null z-scores */
	f->phi = excess(count, pop, n, winsor, 0, f, 0, z, s);
	if (n * f->phi > n - 1 && sw - sw2 / sw > 0)
		f->tau2_dl = (n * f->phi - (n - 1)) / (sw - sw2 / sw);
	/* the consistent tau^2: bracket, then bisect */
	lo = 0;
	hi = f->tau2_dl > 0 ? f->tau2_dl : f->theta * 1e-3;
	if (excess(count, pop, n, winsor, c, f, 0, z, s) <= 0) {
		hi = 0;
	} else {
		for (k = 0; k < 200 && excess(count, pop, n, winsor, c, f, hi, z, s) > 0; k++)
			hi *= 2;
		for (k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
			double mid = lo + (hi - lo) / 2;

			if (excess(count, pop, n, winsor, c, f, mid, z, s) > 0)
				lo = mid;
			else
				hi = mid;
		}
	}
	f->tau2 = hi;
	free(z);
	return 0;
}

void ivp__funnel_limits(const ivp__funnel *f, double pop, double level, double *lo,
			double *hi)
{
	double zp, sd, r;

	if (!(pop > 0) || !(level > 0 && level < 1)) {
		*lo = *hi = NAN;
		return;
	}
	zp = gsl_cdf_ugaussian_Qinv((1 - level) / 2);
	sd = sqrt(1 / (4 * pop) + f->tau2);
	r = sqrt(f->theta);
	*lo = r - zp * sd > 0 ? (r - zp * sd) * (r - zp * sd) : 0;
	*hi = (r + zp * sd) * (r + zp * sd);
}

int ivp__funnel_side(double z, double inner, double outer)
{
	double zi = gsl_cdf_ugaussian_Qinv((1 - inner) / 2);
	double zo = gsl_cdf_ugaussian_Qinv((1 - outer) / 2);

	if (isnan(z))
		return 0;
	if (z > zo)
		return 2;
	if (z > zi)
		return 1;
	if (z < -zo)
		return -2;
	if (z < -zi)
		return -1;
	return 0;
}
