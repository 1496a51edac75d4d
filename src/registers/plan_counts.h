/*
 * plan_counts.h — the register counts a plan's output goal may take as
 * its measured value (issue 13 item 7): a goal whose indicator is
 * "register:NAME" reads the yearly count NAME of the signals or the cases
 * register (docs/plan-file.md lists the names), counted without opening
 * any personal field and suppressed by the same rule as the registers'
 * published tables (stats/suppress.h): a count of 1 to 4 is "< 5", and a
 * year is hidden ("x") as well when, together with the totals and the
 * quarters those tables publish, it would give a hidden count back.
 */
#ifndef IVP_REGISTERS_PLAN_COUNTS_H
#define IVP_REGISTERS_PLAN_COUNTS_H

#include <stdint.h>

#include "core/core.h"

#define IVP__REG_COUNT_PREFIX "register:"
#define IVP__REG_MAXYEARS 64 /* years of one register a series spans */

/* NULL-terminated: every aggregate name a plan may use after "register:",
 * in the order docs/plan-file.md lists them. */
extern const char *const ivp__reg_aggregates[];
/* 1 when name (without the prefix) is one of ivp__reg_aggregates. */
int ivp__reg_aggregate_known(const char *name);

/*
 * A yearly series of one aggregate and what the registers' tables publish
 * around it: v[i] the count of year year0 + i (n years, n <= IVP__REG_MAXYEARS);
 * total_flag the flag (IVP__SHOW / _HIDE_SMALL / _HIDE_SECOND) the
 * published table gives the series' all-time total, or IVP__HIDE_SMALL
 * when no table publishes it; has_q: the published quarter list holds this
 * aggregate's quarters, with qflag[i][q] the flag of quarter q + 1 of
 * year year0 + i there.
 */
typedef struct ivp__reg_series {
	int year0, n;
	int64_t v[IVP__REG_MAXYEARS];
	int total_flag;
	int has_q;
	unsigned char qflag[IVP__REG_MAXYEARS][4];
} ivp__reg_series;

/*
 * The flag of year `year` in s (pure; the unit tests call it): primary
 * for 1-4; then, until nothing changes, a year with exactly one hidden
 * quarter is hidden, and when the total is shown and exactly one year is
 * hidden the smallest visible non-zero year is hidden too. A year outside
 * the series counts 0 (shown).
 */
int ivp__reg_series_flag(const ivp__reg_series *s, int year);

/*
 * The yearly count `name` (without the prefix) of `year`: *n the count and
 * *flag its flag (n is 0 unless *flag is IVP__SHOW, so a hidden count
 * never leaves this function). IVP_EINPUT (code plan_unknown_register_count)
 * for an unknown name; the signals' counts need the register's key file
 * like ivp_signals_counts (a missing or wrong one: IVP_EINPUT, code
 * keys_*: "the register is closed"); the cases' counts need none, like
 * ivp_case_counts.
 */
ivp_rc ivp__reg_plan_count(ivp_ctx *ctx, const char *name, int year, int64_t *n, int *flag) IVP_WUR;

#endif /* IVP_REGISTERS_PLAN_COUNTS_H */
