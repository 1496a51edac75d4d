/*
 * simplify.c — Douglas–Peucker simplification of one ring or line,
 * iterative (an explicit stack of ranges), so a ring of a million points
 * cannot overflow the C stack.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geo.h"

/* Distance of p from the segment a-b. */
static double seg_dist(ivp__pt p, ivp__pt a, ivp__pt b)
{
	double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy, t;

	if (len2 == 0)
		return hypot(p.x - a.x, p.y - a.y);
	t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
	t = t < 0 ? 0 : t > 1 ? 1 :
				t;
	return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

int ivp__simplify(const ivp__pt *pts, size_t n, double tol, unsigned char *keep)
{
	size_t *stack, sp = 0, i, kept = 0;

	if (n == 0)
		return 0;
	memset(keep, 0, n);
	keep[0] = keep[n - 1] = 1;
	if (n < 3)
		return (int)n;
	stack = malloc(2 * n * sizeof(*stack));
	if (!stack)
		return -1;
	stack[sp++] = 0;
	stack[sp++] = n - 1;
	while (sp) {
		size_t hi = stack[--sp], lo = stack[--sp], best = 0;
		double dmax = -1;

		for (i = lo + 1; i < hi; i++) {
			double d = seg_dist(pts[i], pts[lo], pts[hi]);

			if (d > dmax) {
				dmax = d;
				best = i;
			}
		}
		if (dmax > tol) {
			keep[best] = 1;
			stack[sp++] = lo;
			stack[sp++] = best;
			stack[sp++] = best;
			stack[sp++] = hi;
		}
	}
	free(stack);
	for (i = 0; i < n; i++)
		kept += keep[i];
	return (int)kept;
}

double ivp__simplify_tol(double diag)
{
	double t = diag / 250.0;

	return t < 2 ? 2 : t > 250 ? 250 :
				     t;
}
