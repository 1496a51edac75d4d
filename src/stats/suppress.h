/*
 * suppress.h — the one small-count suppression rule of every public
 * output of ivp (the public participation page now, the restricted
 * registers' open figures next): a count of 1 to 4 is never shown (it is
 * shown as "< 5"; 0 is shown, it identifies nobody), and no total together
 * with its visible parts may give a suppressed count back (secondary
 * suppression).
 *
 * A table is nr rows × nc columns of counts with a total per row, a total
 * per column and a grand total; each total is the sum of its parts, so
 * each row, each column and the two sums of the totals are equations. The
 * rule, applied until nothing changes: in an equation with exactly one
 * hidden member, hide another one as well — the smallest visible non-zero
 * part, or the total when every visible part is 0 (a hidden 0 would say
 * "< 5" of nothing). Hiding only grows, so it ends; the result leaves no
 * equation with a single unknown. The text beside the figures states the
 * rule (IVP__SUPPRESS_MIN).
 */
#ifndef IVP_STATS_SUPPRESS_H
#define IVP_STATS_SUPPRESS_H

#include <stdint.h>

#define IVP__SUPPRESS_MIN 5 /* counts from 1 to IVP__SUPPRESS_MIN - 1 are hidden */

enum {
	IVP__SHOW = 0,	     /* shown as it is */
	IVP__HIDE_SMALL = 1, /* primary: 1..4, shown as "< 5" */
	IVP__HIDE_SECOND = 2 /* secondary: hidden so that no sum gives a small count back */
};

/* One count on its own (a list without totals): IVP__SHOW or IVP__HIDE_SMALL. */
int ivp__suppress_one(int64_t n);

/*
 * The rule on a table: cell[r * nc + c] (nr, nc >= 1; counts >= 0) with
 * its totals computed from the cells. out_cell (nr * nc), out_row (nr),
 * out_col (nc) and *out_all get IVP__SHOW / _HIDE_SMALL / _HIDE_SECOND.
 * Row totals (out_row) may be NULL for a table without them (then the
 * grand total is the sum of the column totals only); likewise out_col.
 * Returns the number of hidden figures.
 */
int ivp__suppress_table(const int64_t *cell, int nr, int nc, unsigned char *out_cell,
			unsigned char *out_row, unsigned char *out_col, unsigned char *out_all);

/*
 * The parts of one total that is published elsewhere (total_flag: its
 * flag there): parts[0..n) get their flags in out. A shown total with one
 * hidden part hides the smallest visible non-zero part too; a hidden total
 * needs nothing more. Returns the number of hidden parts.
 */
int ivp__suppress_parts(const int64_t *parts, int n, int total_flag, unsigned char *out);

#endif /* IVP_STATS_SUPPRESS_H */
