/*
 * suppress.c — small-count suppression, primary and secondary, for the
 * public outputs (suppress.h has the rule and why it ends).
 */
#include <stdlib.h>

#include "stats/suppress.h"

int ivp__suppress_one(int64_t n)
{
	return n >= 1 && n < IVP__SUPPRESS_MIN ? IVP__HIDE_SMALL : IVP__SHOW;
}

/* One equation: total = sum of parts; parts[i] points into the flags, val
 * their counts. Hides one more member when exactly one is hidden; 1 when
 * it changed something. */
static int balance(unsigned char **parts, const int64_t *val, int n, unsigned char *total,
		   int64_t total_val)
{
	int i, hidden = *total != IVP__SHOW, best = -1;

	for (i = 0; i < n; i++)
		hidden += *parts[i] != IVP__SHOW;
	if (hidden != 1)
		return 0;
	for (i = 0; i < n; i++)
		if (*parts[i] == IVP__SHOW && val[i] > 0 && (best < 0 || val[i] < val[best]))
			best = i;
	if (best >= 0) {
		*parts[best] = IVP__HIDE_SECOND;
		return 1;
	}
	if (*total == IVP__SHOW && total_val > 0) {
		*total = IVP__HIDE_SECOND;
		return 1;
	}
	return 0; /* every other member is 0 and the total is hidden: nothing to give back */
}

int ivp__suppress_table(const int64_t *cell, int nr, int nc, unsigned char *out_cell,
			unsigned char *out_row, unsigned char *out_col, unsigned char *out_all)
{
	int n = nr > nc ? nr : nc, r, c, changed, hidden = 0;
	unsigned char **parts = malloc((size_t)n * sizeof(*parts));
	int64_t *val = malloc((size_t)n * sizeof(*val)), *rowsum = calloc((size_t)nr, sizeof(int64_t));
	int64_t *colsum = calloc((size_t)nc, sizeof(int64_t)), all = 0;
	unsigned char dummy_all;

	if (!out_all)
		out_all = &dummy_all;
	if (!parts || !val || !rowsum || !colsum) {
		/* out of memory: hide everything that is not 0 (safe, never revealing) */
		for (r = 0; r < nr * nc; r++)
			out_cell[r] = cell[r] ? IVP__HIDE_SECOND : IVP__SHOW;
		for (r = 0; out_row && r < nr; r++)
			out_row[r] = IVP__HIDE_SECOND;
		for (c = 0; out_col && c < nc; c++)
			out_col[c] = IVP__HIDE_SECOND;
		*out_all = IVP__HIDE_SECOND;
		free(parts);
		free(val);
		free(rowsum);
		free(colsum);
		return nr * nc + nr + nc + 1;
	}
	for (r = 0; r < nr; r++)
		for (c = 0; c < nc; c++) {
			int64_t v = cell[r * nc + c];

			out_cell[r * nc + c] = (unsigned char)ivp__suppress_one(v);
			rowsum[r] += v;
			colsum[c] += v;
			all += v;
		}
	for (r = 0; out_row && r < nr; r++)
		out_row[r] = (unsigned char)ivp__suppress_one(rowsum[r]);
	for (c = 0; out_col && c < nc; c++)
		out_col[c] = (unsigned char)ivp__suppress_one(colsum[c]);
	*out_all = (unsigned char)ivp__suppress_one(all);
	do {
		changed = 0;
		for (r = 0; out_row && r < nr; r++) {
			for (c = 0; c < nc; c++) {
				parts[c] = &out_cell[r * nc + c];
				val[c] = cell[r * nc + c];
			}
			changed |= balance(parts, val, nc, &out_row[r], rowsum[r]);
		}
		for (c = 0; out_col && c < nc; c++) {
			for (r = 0; r < nr; r++) {
				parts[r] = &out_cell[r * nc + c];
				val[r] = cell[r * nc + c];
			}
			changed |= balance(parts, val, nr, &out_col[c], colsum[c]);
		}
		if (out_row) {
			for (r = 0; r < nr; r++) {
				parts[r] = &out_row[r];
				val[r] = rowsum[r];
			}
			changed |= balance(parts, val, nr, out_all, all);
		}
		if (out_col) {
			for (c = 0; c < nc; c++) {
				parts[c] = &out_col[c];
				val[c] = colsum[c];
			}
			changed |= balance(parts, val, nc, out_all, all);
		}
		if (!out_row && !out_col) {
			/* a table without margins: only the grand total, over every cell */
			unsigned char **p2 = realloc(parts, (size_t)(nr * nc) * sizeof(*p2));
			int64_t *v2 = realloc(val, (size_t)(nr * nc) * sizeof(*v2));

			if (p2)
				parts = p2;
			if (v2)
				val = v2;
			if (p2 && v2) {
				for (r = 0; r < nr * nc; r++) {
					parts[r] = &out_cell[r];
					val[r] = cell[r];
				}
				changed |= balance(parts, val, nr * nc, out_all, all);
			} else {
				*out_all = IVP__HIDE_SECOND;
			}
		}
	} while (changed);
	for (r = 0; r < nr * nc; r++)
		hidden += out_cell[r] != IVP__SHOW;
	for (r = 0; out_row && r < nr; r++)
		hidden += out_row[r] != IVP__SHOW;
	for (c = 0; out_col && c < nc; c++)
		hidden += out_col[c] != IVP__SHOW;
	hidden += *out_all != IVP__SHOW;
	free(parts);
	free(val);
	free(rowsum);
	free(colsum);
	return hidden;
}

int ivp__suppress_parts(const int64_t *parts, int n, int total_flag, unsigned char *out)
{
	int i, hidden = 0, best = -1;

	for (i = 0; i < n; i++) {
		out[i] = (unsigned char)ivp__suppress_one(parts[i]);
		hidden += out[i] != IVP__SHOW;
	}
	if (hidden == 1 && total_flag == IVP__SHOW) {
		for (i = 0; i < n; i++)
			if (out[i] == IVP__SHOW && parts[i] > 0 && (best < 0 || parts[i] < parts[best]))
				best = i;
		if (best >= 0) {
			out[best] = IVP__HIDE_SECOND;
			hidden++;
		}
	}
	return hidden;
}
