/*
 * matrix.h — the priority matrix (issue 14): candidate themes scored on
 * criteria with stated weights, a total and a rank per theme, and the
 * sensitivity of the ranking to the weights. Pure arithmetic on arrays,
 * open to unit tests; plan/participation.c fills it from the store (scores
 * from the data where it exists, entered with a reason where it does not).
 *
 * Scores are on a scale of 0 to 5. A theme's total is the weighted mean
 * of its scores, Σ w·s / Σ w, over every criterion of weight > 0; a
 * criterion without a score counts as 0 and is counted in nmissing, so a
 * theme without data is never ranked high by absence. A weight of 0 leaves
 * its criterion out. Ranks are competition ranks (1, 2, 2, 4): equal
 * totals share a rank.
 *
 * Sensitivity: the ranking again for every criterion with its weight set
 * to 0 and with it doubled (2 × 7 variants); rank_min and rank_max are the
 * best and worst rank a theme gets over them and the ranking itself. A
 * theme whose rank_max stays within the top k is robust to the weights.
 */
#ifndef IVP_STATS_MATRIX_H
#define IVP_STATS_MATRIX_H

enum {
	IVP__MX_SIZE,	    /* the rate against the Netherlands and the size class */
	IVP__MX_TREND,	    /* the change over three to five years */
	IVP__MX_SERIOUS,    /* seriousness (a weight per crime type) */
	IVP__MX_RESIDENTS,  /* concern of residents: participation inputs, surveys */
	IVP__MX_PARTNERS,   /* concern of partners: interviews, theme sessions */
	IVP__MX_REGIONAL,   /* a theme of the regional plan */
	IVP__MX_EVALUATION, /* the previous plan's goals on it not achieved */
	IVP__MX_NCRIT
};

/* The criteria's keys, as the matrix file and the tables name them. */
extern const char *const ivp__mx_crit[IVP__MX_NCRIT];
/* The criterion of key, or -1. */
int ivp__mx_crit_of(const char *key);

typedef struct ivp__mx_theme {
	double score[IVP__MX_NCRIT];
	unsigned char has[IVP__MX_NCRIT];	/* 1: a score is there */
	unsigned char from_data[IVP__MX_NCRIT]; /* 1: computed from the data, 0: entered */
	double total;
	int rank, nmissing;
	int rank_min, rank_max; /* after ivp__mx_sensitivity */
} ivp__mx_theme;

/* Totals and ranks of t[0..n) with weights w; -1 when no weight is > 0
 * (nothing to rank: totals NaN, ranks 0) or a weight is negative. */
int ivp__mx_rank(ivp__mx_theme *t, int n, const double w[IVP__MX_NCRIT]);
/* The ranking as ivp__mx_rank, then rank_min/rank_max over the variants
 * (each weight 0, each weight doubled); -1 as ivp__mx_rank or out of memory. */
int ivp__mx_sensitivity(ivp__mx_theme *t, int n, const double w[IVP__MX_NCRIT]);

/*
 * Size and trend computed from registered crime (participation_view.c): a
 * rate ratio (against the Netherlands, or against four years before) as a
 * score — 2.5 when its interval [lo, hi] holds 1 (no clear difference),
 * else 2.5 + 2.5 · log2(ratio) within 0..5; NaN for no ratio.
 */
double ivp__mx_ratio_score(double ratio, double lo, double hi);

#endif /* IVP_STATS_MATRIX_H */
