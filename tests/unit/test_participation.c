/*
 * test_participation.c — unit tests of issue 14's arithmetic, each against
 * values computed by hand: small-count suppression, primary and secondary
 * (src/stats/suppress.c), survey comparisons beyond the combined margin
 * (src/stats/survey.c), the priority matrix — totals, ranks, a weight of
 * 0, a theme without data and the sensitivity view (src/stats/matrix.c) —
 * and the verdicts of a previous plan's goals (src/plan/evaluation.c).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "plan/evaluation.h"
#include "stats/matrix.h"
#include "stats/suppress.h"
#include "stats/survey.h"

static int near(const char *what, double actual, double expected)
{
	if (fabs(actual - expected) <= 1e-9)
		return 1;
	print_error("%s: expected %.12g, actual %.12g\n", what, expected, actual);
	return 0;
}

#define S IVP__SHOW
#define P IVP__HIDE_SMALL
#define X IVP__HIDE_SECOND

static void flags_equal(const char *what, const unsigned char *got, const unsigned char *want, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (got[i] != want[i]) {
			print_error("%s[%d]: expected %d, actual %d\n", what, i, want[i], got[i]);
			fail();
		}
}

/* 1..4 hidden as small, 0 and 5+ shown */
static void suppress_one(void **state)
{
	(void)state;
	assert_int_equal(ivp__suppress_one(0), S);
	assert_int_equal(ivp__suppress_one(1), P);
	assert_int_equal(ivp__suppress_one(4), P);
	assert_int_equal(ivp__suppress_one(5), S);
	assert_int_equal(ivp__suppress_one(120), S);
}

/*
 * 2 × 3 by hand:     10  3  7 | 20         the 3 is small; its row then has one
 *                     8  9  6 | 23         hidden member: the smallest visible
 *                    ---------+---         non-zero part, 7, goes too. Column 2
 *                    18 12 13 | 43         (3, 9 | 12) has one hidden: 9 goes;
 * column 3 (7, 6 | 13) has one: 6 goes. Row 2 now has 9 and 6 hidden: two. Every
 * equation has 0 or at least 2 hidden members; the totals all stay.
 */
static void suppress_secondary(void **state)
{
	static const int64_t cell[] = { 10, 3, 7, 8, 9, 6 };
	static const unsigned char want_cell[] = { S, P, X, S, X, X };
	static const unsigned char want_row[] = { S, S }, want_col[] = { S, S, S };
	unsigned char fc[6], fr[2], fcol[3], fall;

	(void)state;
	assert_int_equal(ivp__suppress_table(cell, 2, 3, fc, fr, fcol, &fall), 4);
	flags_equal("cell", fc, want_cell, 6);
	flags_equal("row", fr, want_row, 2);
	flags_equal("col", fcol, want_col, 3);
	assert_int_equal(fall, S);
}

/*
 * A row whose only non-zero cell is small:   0  2 |  2
 *                                            5  6 | 11
 *                                           ------+---
 *                                            5  8 | 13
 * By hand, in the order the rule goes (rows, columns, then the totals):
 * the 2 and its row total 2 are small (primary): row 1 has two hidden.
 * Column 2 (2, 6 | 8) has one: 6 goes. The row totals (2, 11 | 13) have
 * one: 11 goes. Then every equation has 0 or 2 hidden: row 2 (5, 6 | 11),
 * column 2, the row totals; 2 + 6 = 8 and 2 + 11 = 13 leave the 2 unknown
 * (any of 1..4). The 0 is never hidden: it is no small count.
 */
static void suppress_zero_and_total(void **state)
{
	static const int64_t cell[] = { 0, 2, 5, 6 };
	static const unsigned char want_cell[] = { S, P, S, X };
	static const unsigned char want_row[] = { P, X }, want_col[] = { S, S };
	unsigned char fc[4], fr[2], fcol[2], fall;

	(void)state;
	ivp__suppress_table(cell, 2, 2, fc, fr, fcol, &fall);
	flags_equal("cell", fc, want_cell, 4);
	flags_equal("row", fr, want_row, 2);
	flags_equal("col", fcol, want_col, 2);
	assert_int_equal(fall, S);
}

/* Nothing small: nothing hidden. */
static void suppress_nothing(void **state)
{
	static const int64_t cell[] = { 5, 0, 12, 7 };
	unsigned char fc[4], fr[2], fcol[2], fall;

	(void)state;
	assert_int_equal(ivp__suppress_table(cell, 2, 2, fc, fr, fcol, &fall), 0);
}

/* The parts of a published total: (5, 2, 9 | 16 shown): 2 small, 5 the smallest
 * visible non-zero goes with it; with the total hidden, 2 alone is enough. */
static void suppress_parts(void **state)
{
	static const int64_t parts[] = { 5, 2, 9 };
	static const unsigned char want_shown[] = { X, P, S }, want_hidden[] = { S, P, S };
	unsigned char f[3];

	(void)state;
	assert_int_equal(ivp__suppress_parts(parts, 3, S, f), 2);
	flags_equal("total shown", f, want_shown, 3);
	assert_int_equal(ivp__suppress_parts(parts, 3, X, f), 1);
	flags_equal("total hidden", f, want_hidden, 3);
}

/*
 * Surveys. 16 ± 2.5 (2021) against 15 ± 2.4 (2023): difference 1, combined
 * margin sqrt(6.25 + 5.76) = 3.4655: no clear difference. 17 ± 2.2 against
 * 12 ± 2.0: difference 5 > sqrt(4.84 + 4) = 2.9732: clearly lower. CBS's
 * interval [13.1, 18.9] is 16 ± 2.9.
 */
static void survey_compare(void **state)
{
	ivp__survey_fig a = { 16, 2.5, 1, 0 }, b = { 15, 2.4, 1, 0 };
	ivp__survey_fig c = { 17, 2.2, 1, 0 }, d = { 12, 2.0, 1, 0 };
	ivp__survey_fig nomargin = { 12, 0, 0, 0 }, small = { 30, 6, 1, 80 }, big = { 22, 3, 1, 650 };

	(void)state;
	assert_true(near("combined", ivp__survey_combined(2.5, 2.4), sqrt(12.01)));
	assert_int_equal(ivp__survey_compare(&a, &b, 0), IVP__SV_SAME);
	assert_int_equal(ivp__survey_compare(&c, &d, 0), IVP__SV_LOWER);
	assert_int_equal(ivp__survey_compare(&d, &c, 0), IVP__SV_HIGHER);
	/* a difference of exactly the combined margin is not beyond it */
	{
		ivp__survey_fig e = { 10, 3, 1, 0 }, f = { 15, 4, 1, 0 };

		assert_int_equal(ivp__survey_compare(&e, &f, 0), IVP__SV_SAME);
		f.value = 15.001;
		assert_int_equal(ivp__survey_compare(&e, &f, 0), IVP__SV_HIGHER);
	}
	assert_int_equal(ivp__survey_compare(&c, &nomargin, 0), IVP__SV_UNKNOWN);
	/* 80 respondents under a minimum of 100: too small, whatever the margins */
	assert_int_equal(ivp__survey_compare(&big, &small, 100), IVP__SV_TOO_SMALL);
	assert_int_equal(ivp__survey_compare(&big, &small, 0), IVP__SV_HIGHER);
	/* unknown respondents are never called too small */
	assert_int_equal(ivp__survey_compare(&a, &b, 100), IVP__SV_SAME);
	assert_true(near("margin of [13.1, 18.9]", ivp__survey_margin_of(13.1, 18.9), 2.9));
	assert_true(ivp__survey_margin_of(5, 4) < 0);
}

static void set(ivp__mx_theme *t, int c, double s, int data)
{
	t->score[c] = s;
	t->has[c] = 1;
	t->from_data[c] = (unsigned char)data;
}

/*
 * The example's four top themes (examples/pijnacker-nootdorp/participatie,
 * without its evaluation file; tests/e2e/cases/850 has them with it),
 * weights size 1, trend 1, seriousness 2, residents 2, partners 2, regional 1,
 * evaluation 1 (sum 10):
 *   ondermijning: 5·2 + 3.75·2 + 5·2 + 5 + 4 = 36.5 → 3.65
 *   digitaal:     4 + 3·2 + 5·2 + 3.333·2 + 5 = 31.667 → 3.1667
 *   jeugdgroepen: 3·2 + 5·2 + 3.333·2 + 5 + 4 = 31.667 → 3.1667 (shares rank 2)
 *   zorg:         4·2 + 2.5·2 + 5·2 + 5 = 28 → 2.8
 *   verkeer (no data but seriousness 2 and residents 2.5): 2·2 + 2.5·2 = 9 → 0.9
 *   a theme without any score: 0, all 7 criteria missing, rank last
 */
static void example(ivp__mx_theme t[6])
{
	memset(t, 0, 6 * sizeof(*t));
	set(&t[0], IVP__MX_SERIOUS, 5, 0), set(&t[0], IVP__MX_RESIDENTS, 3.75, 1), set(&t[0], IVP__MX_PARTNERS, 5, 1);
	set(&t[0], IVP__MX_REGIONAL, 5, 1), set(&t[0], IVP__MX_EVALUATION, 4, 0);
	set(&t[1], IVP__MX_TREND, 4, 0), set(&t[1], IVP__MX_SERIOUS, 3, 0), set(&t[1], IVP__MX_RESIDENTS, 5, 1);
	set(&t[1], IVP__MX_PARTNERS, 10.0 / 3, 1), set(&t[1], IVP__MX_REGIONAL, 5, 1);
	set(&t[2], IVP__MX_SERIOUS, 3, 0), set(&t[2], IVP__MX_RESIDENTS, 5, 1), set(&t[2], IVP__MX_PARTNERS, 10.0 / 3, 1);
	set(&t[2], IVP__MX_REGIONAL, 5, 1), set(&t[2], IVP__MX_EVALUATION, 4, 0);
	set(&t[3], IVP__MX_SERIOUS, 4, 0), set(&t[3], IVP__MX_RESIDENTS, 2.5, 1), set(&t[3], IVP__MX_PARTNERS, 5, 1);
	set(&t[3], IVP__MX_REGIONAL, 5, 1);
	set(&t[4], IVP__MX_SERIOUS, 2, 0), set(&t[4], IVP__MX_RESIDENTS, 2.5, 1);
}

static const double W[IVP__MX_NCRIT] = { 1, 1, 2, 2, 2, 1, 1 };

static void matrix_totals(void **state)
{
	ivp__mx_theme t[6];

	(void)state;
	example(t);
	assert_int_equal(ivp__mx_rank(t, 6, W), 0);
	assert_true(near("ondermijning", t[0].total, 3.65));
	assert_true(near("digitaal", t[1].total, 3.1 + 2.0 / 30));
	assert_true(near("jeugdgroepen", t[2].total, 3.1 + 2.0 / 30));
	assert_true(near("zorg", t[3].total, 2.8));
	assert_true(near("verkeer", t[4].total, 0.9));
	assert_true(near("no data", t[5].total, 0));
	assert_int_equal(t[0].rank, 1);
	assert_int_equal(t[1].rank, 2);
	assert_int_equal(t[2].rank, 2); /* equal totals share a rank */
	assert_int_equal(t[3].rank, 4);
	assert_int_equal(t[4].rank, 5);
	assert_int_equal(t[5].rank, 6);
	assert_int_equal(t[5].nmissing, 7); /* a theme without data: every criterion missing */
	assert_int_equal(t[0].nmissing, 2); /* size, trend */
}

/*
 * A weight of 0 leaves its criterion out: with seriousness 0 (sum 8),
 * ondermijning is (7.5 + 10 + 5 + 4) / 8 = 3.3125 and zorg (5 + 10 + 5) / 8 =
 * 2.5; size and trend at 0 as well do not count as missing.
 */
static void matrix_weight_zero(void **state)
{
	ivp__mx_theme t[6];
	double w[IVP__MX_NCRIT];
	static const double zero[IVP__MX_NCRIT] = { 0 };

	(void)state;
	memcpy(w, W, sizeof(w));
	w[IVP__MX_SERIOUS] = 0;
	example(t);
	assert_int_equal(ivp__mx_rank(t, 6, w), 0);
	assert_true(near("ondermijning without seriousness", t[0].total, 3.3125));
	assert_true(near("zorg without seriousness", t[3].total, 2.5));
	w[IVP__MX_SIZE] = w[IVP__MX_TREND] = 0;
	assert_int_equal(ivp__mx_rank(t, 6, w), 0);
	assert_int_equal(t[0].nmissing, 0);
	/* no weight at all: nothing to rank */
	assert_int_equal(ivp__mx_rank(t, 6, zero), -1);
	assert_true(isnan(t[0].total));
	/* a negative weight is refused */
	w[0] = -1;
	assert_int_equal(ivp__mx_rank(t, 6, w), -1);
}

/*
 * Sensitivity by hand for zorg (rank 4): with partners at 0 (sum 8) the
 * totals are ondermijning 2.6875, digitaal 2.625, jeugdgroepen 2.625, zorg
 * 2.25: still 4; with seriousness doubled (sum 12) zorg is 36/12 = 3.0 against
 * digitaal 37.667/12 = 3.139 and jeugdgroepen 3.139: still 4; with residents
 * at 0 (sum 8): ondermijning 29/8 = 3.625, digitaal 21.667/8 = 2.708,
 * jeugdgroepen 21.667/8 = 2.708, zorg 23/8 = 2.875: zorg rises to 2.
 * So zorg: rank_min 2, rank_max 4; the top four stay the top four under
 * every variant, verkeer (0.9) never rises above 5.
 */
static void matrix_sensitivity(void **state)
{
	ivp__mx_theme t[6];
	int i;

	(void)state;
	example(t);
	assert_int_equal(ivp__mx_sensitivity(t, 6, W), 0);
	assert_int_equal(t[3].rank_min, 2);
	assert_int_equal(t[3].rank_max, 4);
	assert_int_equal(t[0].rank_min, 1);
	for (i = 0; i < 4; i++)
		assert_true(t[i].rank_max <= 4);
	assert_int_equal(t[4].rank_min, 5);
	assert_int_equal(t[5].rank_min, 6);
	assert_int_equal(t[3].rank, 4); /* the ranking itself is unchanged */
}

static void matrix_criteria(void **state)
{
	(void)state;
	assert_int_equal(ivp__mx_crit_of("seriousness"), IVP__MX_SERIOUS);
	assert_int_equal(ivp__mx_crit_of("evaluation"), IVP__MX_EVALUATION);
	assert_int_equal(ivp__mx_crit_of("ernst"), -1);
}

/*
 * The predecessor's goals (examples/pijnacker-nootdorp/participatie/
 * evaluatie-2018-2022.csv): 280 meldingen against the target 300, lower is
 * better: achieved; 7 controls against 12, higher is better: not achieved;
 * 16 ± 2.5 against 15 (lower): worse, but within the margin: not
 * measurable; no result: not measurable; 18 against 15 with a margin of 2.5:
 * beyond it, not achieved; exactly on the target: achieved.
 */
static void evaluation_verdicts(void **state)
{
	(void)state;
	assert_int_equal(ivp__eval_verdict("lower", 300, 280, NAN), IVP__EV_ACHIEVED);
	assert_int_equal(ivp__eval_verdict("higher", 12, 7, NAN), IVP__EV_NOT_ACHIEVED);
	assert_int_equal(ivp__eval_verdict("lower", 15, 16, 2.5), IVP__EV_NOT_MEASURABLE);
	assert_int_equal(ivp__eval_verdict("lower", 30, NAN, NAN), IVP__EV_NOT_MEASURABLE);
	assert_int_equal(ivp__eval_verdict("lower", 15, 18, 2.5), IVP__EV_NOT_ACHIEVED);
	assert_int_equal(ivp__eval_verdict("higher", 12, 12, NAN), IVP__EV_ACHIEVED);
	assert_int_equal(ivp__eval_verdict("higher", 12, 13, 5), IVP__EV_ACHIEVED);
}

/* Size and trend from a rate ratio: 2.5 when the interval holds 1, else
 * 2.5 + 2.5 · log2(ratio) within 0..5 (by hand). */
static void matrix_ratio_score(void **state)
{
	(void)state;
	assert_true(ivp__mx_ratio_score(1.09, 0.97, 1.22) == 2.5);	 /* no clear difference */
	assert_true(fabs(ivp__mx_ratio_score(2, 1.8, 2.2) - 5) < 1e-12); /* twice: 5 */
	assert_true(fabs(ivp__mx_ratio_score(0.5, 0.4, 0.6) - 0) < 1e-12);
	assert_true(fabs(ivp__mx_ratio_score(1.5, 1.2, 1.9) - (2.5 + 2.5 * 0.5849625007211562)) < 1e-9);
	assert_true(fabs(ivp__mx_ratio_score(0.7055, 0.62, 0.80) - 1.2417) < 1e-3);
	assert_true(ivp__mx_ratio_score(8, 6, 10) == 5); /* kept within 0..5 */
	assert_true(ivp__mx_ratio_score(0.1, 0.05, 0.2) == 0);
	assert_true(isnan(ivp__mx_ratio_score(NAN, NAN, NAN)));
	assert_true(ivp__mx_ratio_score(1.5, NAN, NAN) > 3.9); /* no interval: the ratio itself */
}

/* Too small: only with both the respondents and a minimum known. */
static void survey_too_small(void **state)
{
	(void)state;
	assert_int_equal(ivp__survey_too_small(148, 300), 1);
	assert_int_equal(ivp__survey_too_small(300, 300), 0);
	assert_int_equal(ivp__survey_too_small(612, 300), 0);
	assert_int_equal(ivp__survey_too_small(0, 300), 0); /* not known: never too small */
	assert_int_equal(ivp__survey_too_small(148, 0), 0); /* no minimum */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(suppress_one),
		cmocka_unit_test(suppress_secondary),
		cmocka_unit_test(suppress_zero_and_total),
		cmocka_unit_test(suppress_nothing),
		cmocka_unit_test(suppress_parts),
		cmocka_unit_test(survey_compare),
		cmocka_unit_test(matrix_totals),
		cmocka_unit_test(matrix_weight_zero),
		cmocka_unit_test(matrix_sensitivity),
		cmocka_unit_test(matrix_criteria),
		cmocka_unit_test(evaluation_verdicts),
		cmocka_unit_test(matrix_ratio_score),
		cmocka_unit_test(survey_too_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
