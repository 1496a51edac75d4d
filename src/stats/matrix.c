/*
 * matrix.c — totals, ranks and the sensitivity view of the priority
 * matrix (matrix.h has the rules).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/matrix.h"

const char *const ivp__mx_crit[IVP__MX_NCRIT] = {
	"size", "trend", "seriousness", "residents", "partners", "regional", "evaluation"
};

int ivp__mx_crit_of(const char *key)
{
	int i;

	for (i = 0; i < IVP__MX_NCRIT; i++)
		if (!strcmp(key, ivp__mx_crit[i]))
			return i;
	return -1;
}

static double total_of(const ivp__mx_theme *t, const double w[IVP__MX_NCRIT], double wsum)
{
	double s = 0;
	int c;

	for (c = 0; c < IVP__MX_NCRIT; c++)
		if (w[c] > 0 && t->has[c])
			s += w[c] * t->score[c];
	return s / wsum;
}

/* Competition ranks of the totals tot[0..n) into rank. */
static void ranks(const double *tot, int n, int *rank)
{
	int i, k;

	for (i = 0; i < n; i++) {
		rank[i] = 1;
		for (k = 0; k < n; k++)
			if (tot[k] > tot[i] + 1e-9)
				rank[i]++;
	}
}

int ivp__mx_rank(ivp__mx_theme *t, int n, const double w[IVP__MX_NCRIT])
{
	double wsum = 0, *tot;
	int *rk, i, c;

	for (c = 0; c < IVP__MX_NCRIT; c++) {
		if (w[c] < 0 || !isfinite(w[c]))
			return -1;
		wsum += w[c];
	}
	for (i = 0; i < n; i++) {
		t[i].nmissing = 0;
		for (c = 0; c < IVP__MX_NCRIT; c++)
			t[i].nmissing += w[c] > 0 && !t[i].has[c];
		t[i].total = NAN;
		t[i].rank = t[i].rank_min = t[i].rank_max = 0;
	}
	if (wsum <= 0)
		return -1;
	if (n == 0)
		return 0;
	tot = malloc((size_t)n * sizeof(*tot));
	rk = malloc((size_t)n * sizeof(*rk));
	if (!tot || !rk) {
		free(tot);
		free(rk);
		return -1;
	}
	for (i = 0; i < n; i++)
		tot[i] = t[i].total = total_of(&t[i], w, wsum);
	ranks(tot, n, rk);
	for (i = 0; i < n; i++)
		t[i].rank = t[i].rank_min = t[i].rank_max = rk[i];
	free(tot);
	free(rk);
	return 0;
}

int ivp__mx_sensitivity(ivp__mx_theme *t, int n, const double w[IVP__MX_NCRIT])
{
	double v[IVP__MX_NCRIT], *tot;
	int *rk, i, c, k;

	if (ivp__mx_rank(t, n, w))
		return -1;
	if (n == 0)
		return 0;
	tot = malloc((size_t)n * sizeof(*tot));
	rk = malloc((size_t)n * sizeof(*rk));
	if (!tot || !rk) {
		free(tot);
		free(rk);
		return -1;
	}
	for (c = 0; c < IVP__MX_NCRIT; c++) {
		if (w[c] <= 0)
			continue; /* leaving it out or doubling it changes nothing */
		for (k = 0; k < 2; k++) {
			double wsum = 0;
			int j;

			memcpy(v, w, sizeof(v));
			v[c] = k == 0 ? 0 : 2 * w[c];
			for (j = 0; j < IVP__MX_NCRIT; j++)
				wsum += v[j];
			if (wsum <= 0)
				continue; /* the only weight set to 0: no ranking */
			for (i = 0; i < n; i++)
				tot[i] = total_of(&t[i], v, wsum);
			ranks(tot, n, rk);
			for (i = 0; i < n; i++) {
				if (rk[i] < t[i].rank_min)
					t[i].rank_min = rk[i];
				if (rk[i] > t[i].rank_max)
					t[i].rank_max = rk[i];
			}
		}
	}
	free(tot);
	free(rk);
	return 0;
}

/*
 * A rate ratio as a score of 0 to 5: 2.5 when its interval holds 1 (no
 * clear difference), else 2.5 + 2.5 · log2(ratio), kept within 0..5 —
 * twice the comparison (or a doubling) is 5, half of it 0.
 */
double ivp__mx_ratio_score(double ratio, double lo, double hi)
{
	double s;

	if (isnan(ratio) || ratio <= 0)
		return NAN;
	if (!isnan(lo) && !isnan(hi) && lo <= 1 && hi >= 1)
		return 2.5;
	s = 2.5 + 2.5 * log2(ratio);
	return s < 0 ? 0 : s > 5 ? 5 :
				   s;
}
