/*
 * test_geo.c — unit tests for the geometry of boundaries: the WGS84 ->
 * RD New projection through PROJ at known points, and Douglas–Peucker.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "geo/geo.h"

static void near(const char *what, double got, double want, double tol)
{
	if (fabs(got - want) > tol) {
		print_error("%s: got %.3f, want %.3f (± %.3f)\n", what, got, want, tol);
		fail();
	}
}

static void test_proj_amersfoort(void **state)
{
	char err[256] = "";
	ivp__proj *p = ivp__proj_new(err, sizeof(err));
	double x, y;

	(void)state;
	if (!p) {
		print_error("PROJ: %s\n", err);
		fail();
	}
	/* the origin of RD, Onze Lieve Vrouwetoren, Amersfoort: RD (155000, 463000);
	 * in WGS84 52.155172°N 5.387206°E (its 52°09'22.178"N 5°23'15.500"E are Bessel) */
	assert_int_equal(ivp__proj_rd(p, 5.387206, 52.155172, &x, &y), 0);
	near("Amersfoort origin x", x, 155000, 2);
	near("Amersfoort origin y", y, 463000, 2);
	/* the rounded point of the brief, 52.1552°N 5.3872°E: a few metres off */
	assert_int_equal(ivp__proj_rd(p, 5.3872, 52.1552, &x, &y), 0);
	near("52.1552N 5.3872E x", x, 155000, 5);
	near("52.1552N 5.3872E y", y, 463000, 5);
	ivp__proj_free(p);
}

static void test_simplify(void **state)
{
	/* a square with a point 0.4 off its bottom edge and one 3 off it */
	const ivp__pt sq[] = { { 0, 0 }, { 5, 0.4 }, { 10, 0 }, { 15, -3 }, { 20, 0 }, { 20, 20 }, { 0, 20 }, { 0, 0 } };
	unsigned char keep[8];
	const unsigned char want1[8] = { 1, 0, 1, 1, 1, 1, 1, 1 };
	const unsigned char want5[8] = { 1, 0, 0, 0, 1, 1, 1, 1 };
	int i;

	(void)state;
	assert_int_equal(ivp__simplify(sq, 8, 1.0, keep), 7);
	for (i = 0; i < 8; i++)
		if (keep[i] != want1[i]) {
			print_error("tol 1: point %d kept %d, want %d\n", i, keep[i], want1[i]);
			fail();
		}
	assert_int_equal(ivp__simplify(sq, 8, 5.0, keep), 5);
	for (i = 0; i < 8; i++)
		if (keep[i] != want5[i]) {
			print_error("tol 5: point %d kept %d, want %d\n", i, keep[i], want5[i]);
			fail();
		}
	assert_int_equal(ivp__simplify(sq, 2, 5.0, keep), 2);
	assert_true(fabs(ivp__simplify_tol(20000) - 80) < 1e-9);
	assert_true(ivp__simplify_tol(100) == 2);
	assert_true(ivp__simplify_tol(1e6) == 250);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proj_amersfoort),
		cmocka_unit_test(test_simplify),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
