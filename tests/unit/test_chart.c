/*
 * test_chart.c — unit tests of the chart model shared by the report and the
 * web app (src/render/chart.h): the tick algorithm (a step of 1, 2 or 5
 * times a power of ten: 0, 10, 20, 30 rather than 0, 13, 25, 38), and the
 * model fitted to its points — the years on the x axis, the y range over
 * values, intervals, the comparison line and a goal's baseline-to-target
 * line, the band only where an interval exists, and a classification
 * break that splits the line into two series that are never joined; and
 * the comparison of areas in one year (ivp__rows): sorted high to low,
 * those without a figure last and never 0, the axis from 0 over values,
 * intervals, comparisons and the reference line, the same in any order.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "render/chart.h"

static void test_axis(void **state)
{
	ivp__chart_axis ax;

	(void)state;
	/* rates 27-32: 0, 10, 20, 30, 40 — not 0, 13, 25, 38 */
	ivp__chart_axis_of(27, 32.03, 6, &ax);
	assert_true(ax.lo == 0 && ax.step == 10 && ax.hi == 40);
	assert_int_equal(ax.nticks, 5);
	assert_int_equal(ax.dec, 0);
	/* shares 10-17 %: 0, 5, 10, 15, 20 */
	ivp__chart_axis_of(10, 17.4, 6, &ax);
	assert_true(ax.lo == 0 && ax.step == 5 && ax.hi == 20);
	/* small rates: 0, 0.2, … 1.0 */
	ivp__chart_axis_of(0.8, 1, 6, &ax);
	assert_true(ax.lo == 0 && fabs(ax.step - 0.2) < 1e-12 && fabs(ax.hi - 1) < 1e-12);
	assert_int_equal(ax.dec, 1);
	/* far from 0: the range does not start at 0 */
	ivp__chart_axis_of(950, 1000, 6, &ax);
	assert_true(ax.lo == 950 && ax.hi == 1000 && ax.step == 10);
	/* one value */
	ivp__chart_axis_of(0, 0, 6, &ax);
	assert_true(ax.lo == 0 && ax.hi == 1);
}

static void test_axis_more(void **state)
{
	ivp__chart_axis ax;
	int i;

	(void)state;
	/* the long trend of PN: 26 to 56 per 1,000 → 0, 20, 40, 60 (0, 10, … 60 would be 7 ticks) */
	ivp__chart_axis_of(25.75, 56.06, 6, &ax);
	assert_true(ax.lo == 0 && ax.step == 20 && ax.hi == 60);
	assert_int_equal(ax.nticks, 4);
	/* counts in the thousands: 0, 1000, 2000, 3000 (0, 500, … 3000 would be 7 ticks) */
	ivp__chart_axis_of(1455, 2660, 6, &ax);
	assert_true(ax.lo == 0 && ax.step == 1000 && ax.hi == 3000);
	/* every tick is a whole multiple of the step, and there are at most 6 + 1 */
	for (i = 1; i < 200; i++) {
		double top = i * 1.37;

		ivp__chart_axis_of(0, top, 6, &ax);
		assert_true(ax.hi >= top - 1e-9 && ax.lo <= 0);
		assert_true(fabs(ax.hi / ax.step - round(ax.hi / ax.step)) < 1e-9);
		assert_true(ax.nticks <= 7);
	}
	/* reversed and not finite inputs still give an axis */
	ivp__chart_axis_of(40, 20, 6, &ax);
	assert_true(ax.lo == 0 && ax.hi == 40);
	ivp__chart_axis_of(NAN, 3, 6, &ax);
	assert_true(ax.lo == 0 && ax.hi == 1);
}

static void test_fit(void **state)
{
	ivp__chart c;

	(void)state;
	ivp__chart_init(&c);
	assert_true(isnan(c.p[0].cmp));
	/* an exact series: no band; years from the points */
	assert_int_equal(ivp__chart_add(&c, 2022, 29.4, NAN, NAN, NAN), 0);
	assert_int_equal(ivp__chart_add(&c, 2024, 30.6, NAN, NAN, NAN), 0);
	ivp__chart_fit(&c);
	assert_int_equal(c.has_band, 0);
	assert_int_equal(c.xmin, 2022);
	assert_int_equal(c.xmax, 2024);
	/* 29.4 and 30.6 lie in a narrow band far above 0: the range does not start at 0 */
	assert_true(c.y.lo > 0 && c.y.lo <= 29.4 && c.y.hi >= 30.6 && c.y.hi < 32);
	/* an interval somewhere: the band, and the range over it (27 to 33: from 0) */
	ivp__chart_add(&c, 2025, 31, 27, 34, NAN);
	ivp__chart_fit(&c);
	assert_int_equal(c.has_band, 1);
	assert_true(c.y.lo == 0 && c.y.hi == 40 && c.y.step == 10);
	/* a goal's line widens the years and the range */
	c.has_target = 1;
	c.x0 = 2021;
	c.y0 = 29.4;
	c.x1 = 2026;
	c.y1 = 45;
	ivp__chart_fit(&c);
	assert_int_equal(c.xmin, 2021);
	assert_int_equal(c.xmax, 2026);
	assert_true(c.y.hi == 50);
	/* the comparison line counts for the range only when drawn */
	ivp__chart_init(&c);
	ivp__chart_add(&c, 2024, 30, NAN, NAN, 95);
	ivp__chart_fit(&c);
	assert_true(c.y.hi < 95);
	c.has_cmp = 1;
	ivp__chart_fit(&c);
	assert_true(c.y.hi >= 95);
	/* full */
	ivp__chart_init(&c);
	for (int i = 0; i < IVP__CHART_MAX; i++)
		assert_int_equal(ivp__chart_add(&c, 2000 + i, i, NAN, NAN, NAN), 0);
	assert_int_equal(ivp__chart_add(&c, 2100, 1, NAN, NAN, NAN), -1);
}

static void test_break(void **state)
{
	ivp__chart c;
	int y;

	(void)state;
	/* PN: CBS 83648NED 2018-2020, no 2021, Politie 47013NED 2022-2024 */
	ivp__chart_init(&c);
	for (y = 2018; y <= 2020; y++)
		ivp__chart_add(&c, y, 30, 28, 32, NAN);
	for (y = 2022; y <= 2024; y++)
		ivp__chart_add(&c, y, 29, 27, 31, NAN);
	ivp__chart_fit(&c);
	/* without a break the line bridges the missing year (survey years do) */
	assert_int_equal(ivp__chart_joined(&c, 3), 1);
	c.break_year = 2022;
	assert_int_equal(ivp__chart_series(&c, 2), 0);
	assert_int_equal(ivp__chart_series(&c, 3), 1);
	assert_int_equal(ivp__chart_joined(&c, 1), 1);
	assert_int_equal(ivp__chart_joined(&c, 3), 0); /* never across the change */
	assert_int_equal(ivp__chart_joined(&c, 4), 1);
	assert_int_equal(ivp__chart_joined(&c, 0), 0);
	/* 2021 keeps its place on the x axis: a gap */
	assert_int_equal(c.xmin, 2018);
	assert_int_equal(c.xmax, 2024);
	/* a year without a value is never joined */
	c.p[4].v = NAN;
	assert_int_equal(ivp__chart_joined(&c, 4), 0);
	assert_int_equal(ivp__chart_joined(&c, 5), 0);
}

static void test_positions(void **state)
{
	ivp__chart c;

	(void)state;
	ivp__chart_init(&c);
	ivp__chart_add(&c, 2020, 0, NAN, NAN, NAN);
	ivp__chart_add(&c, 2023, 40, NAN, NAN, NAN);
	ivp__chart_fit(&c);
	/* four year slots over 0..400: the middles 50, 150, 250, 350 */
	assert_true(fabs(ivp__chart_x(&c, 2020, 0, 400) - 50) < 1e-9);
	assert_true(fabs(ivp__chart_x(&c, 2023, 0, 400) - 350) < 1e-9);
	/* the axis's lo at the bottom, hi at the top */
	assert_true(fabs(ivp__chart_y(&c, c.y.lo, 10, 210) - 210) < 1e-9);
	assert_true(fabs(ivp__chart_y(&c, c.y.hi, 10, 210) - 10) < 1e-9);
	assert_true(fabs(ivp__chart_y(&c, 20, 10, 210) - 110) < 1e-9);
}

/* equal, or both NaN */
static int same(double x, double y)
{
	return (isnan(x) && isnan(y)) || x == y;
}

static void test_rows(void **state)
{
	/* Haaglanden 2023 (tests/e2e/cases/846: PN 28.84 against the rest 56.05) and two without a figure */
	static const struct {
		const char *name;
		double v, lo, hi, cmp;
	} in[] = {
		{ "Pijnacker-Nootdorp", 28.8355, 27.4661, 30.2555, 56.0531 },
		{ "Zoetermeer", NAN, NAN, NAN, NAN },
		{ "Delft", 51.29, 49.93, 52.67, 55.03 },
		{ "'s-Gravenhage", 66.60, 65.92, 67.27, 43.29 },
		{ "Midden-Delfland", 32.66, 30.17, 35.30, 55.07 },
		{ "Westland", NAN, 1, 2, 57 },
		{ "Wassenaar", 32.66, NAN, NAN, NAN },
	};
	static ivp__rows a, b;
	int i, n = (int)(sizeof(in) / sizeof(in[0]));

	(void)state;
	ivp__rows_init(&a);
	ivp__rows_init(&b);
	assert_true(isnan(a.ref));
	for (i = 0; i < n; i++) {
		assert_int_equal(ivp__rows_add(&a, in[i].name, in[i].v, in[i].lo, in[i].hi, in[i].cmp, "v"), 0);
		assert_int_equal(ivp__rows_add(&b, in[n - 1 - i].name, in[n - 1 - i].v, in[n - 1 - i].lo, in[n - 1 - i].hi,
					       in[n - 1 - i].cmp, "v"),
				 0);
	}
	a.ref = b.ref = 54.6891;
	ivp__rows_fit(&a);
	ivp__rows_fit(&b);
	/* high to low; the tie (32.66) by name; those without a figure last, by name */
	{
		static const char *const order[] = { "'s-Gravenhage", "Delft", "Midden-Delfland", "Wassenaar",
						     "Pijnacker-Nootdorp", "Westland", "Zoetermeer" };

		for (i = 0; i < n; i++) {
			if (strcmp(a.r[i].label, order[i]))
				fail_msg("row %d: \"%s\", expected \"%s\"", i, a.r[i].label, order[i]);
			assert_string_equal(b.r[i].label, order[i]);
		}
	}
	assert_int_equal(a.nvalues, 5);
	/* no figure stays no figure: never 0, and its interval is dropped with it */
	assert_true(isnan(a.r[5].v) && isnan(a.r[5].lo) && isnan(a.r[5].hi) && isnan(a.r[6].v));
	/* an exact value has lo = hi = v; an interval somewhere: the band */
	assert_true(a.r[3].lo == 32.66 && a.r[3].hi == 32.66);
	assert_int_equal(a.has_band, 1);
	assert_int_equal(a.has_cmp, 1);
	/* from 0 (bars) with readable ticks over 67.27: 0, 20, … 80 */
	assert_true(a.x.lo == 0 && a.x.step == 20 && a.x.hi == 80);
	assert_int_equal(a.x.nticks, 5);
	/* the same rows in another order: the same chart */
	for (i = 0; i < n; i++) {
		assert_string_equal(a.r[i].note, b.r[i].note);
		assert_true(same(a.r[i].v, b.r[i].v) && same(a.r[i].lo, b.r[i].lo) && same(a.r[i].hi, b.r[i].hi) &&
			    same(a.r[i].cmp, b.r[i].cmp));
	}
	assert_true(a.x.lo == b.x.lo && a.x.hi == b.x.hi && a.x.step == b.x.step && a.x.nticks == b.x.nticks);
	/* positions: 0 at x0, the axis's hi at x1 */
	assert_true(fabs(ivp__rows_x(&a, 0, 100, 500) - 100) < 1e-9);
	assert_true(fabs(ivp__rows_x(&a, 40, 100, 500) - 300) < 1e-9);
	/* the reference and a comparison widen the axis */
	a.ref = 130;
	ivp__rows_fit(&a);
	assert_true(a.x.hi >= 130);
	/* the label and note are cut to their size; full at IVP__ROWS_MAX */
	ivp__rows_init(&a);
	{
		char longname[300];

		memset(longname, 'x', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		assert_int_equal(ivp__rows_add(&a, longname, 1, NAN, NAN, NAN, NULL), 0);
		assert_int_equal((int)strlen(a.r[0].label), (int)sizeof(a.r[0].label) - 1);
		assert_string_equal(a.r[0].note, "");
	}
	for (i = 1; i < IVP__ROWS_MAX; i++)
		assert_int_equal(ivp__rows_add(&a, "g", i, NAN, NAN, NAN, ""), 0);
	assert_int_equal(ivp__rows_add(&a, "g", 1, NAN, NAN, NAN, ""), -1);
	/* nothing at all: still an axis */
	ivp__rows_init(&a);
	ivp__rows_fit(&a);
	assert_true(a.x.lo == 0 && a.x.hi == 1 && a.nvalues == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_axis),
		cmocka_unit_test(test_axis_more),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_break),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
