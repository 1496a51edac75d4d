/*
 * plan_counts.c — the yearly register counts a plan's output goal reads
 * (plan_counts.h): signals received (year received), weighed (year of the
 * weighing; all, per outcome or per phenomenon), cases registered (year
 * registered; all or per present status) and closed (year closed).
 *
 * The exact yearly figures come from the store's rows without opening a
 * sealed field (signals: the weighings' grouped counts and the signals'
 * received dates; cases: the categorical columns). What the registers
 * publish around them is read from the published tables themselves
 * (ivp_signals_counts, ivp_case_counts: their "< 5" and "x" cells), so a
 * goal's figure can never be combined with a total or the quarters shown
 * there into a hidden count: ivp__reg_series_flag applies the rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivp/cases.h"
#include "ivp/signals.h"
#include "registers/plan_counts.h"
#include "registers/registers.h"
#include "registers/signals.h"
#include "stats/suppress.h"
#include "store/case_store.h"
#include "store/signal_store.h"

// clang-format off
const char *const ivp__reg_aggregates[] = {
	"signals/received", "signals/weighed",
	"signals/outcome/none", "signals/outcome/department", "signals/outcome/riec",
	"signals/outcome/police", "signals/outcome/inquiry",
	"signals/phenomenon/drugs", "signals/phenomenon/money_laundering",
	"signals/phenomenon/trafficking", "signals/phenomenon/real_estate",
	"signals/phenomenon/care_fraud", "signals/phenomenon/omg", "signals/phenomenon/other",
	"cases/registered", "cases/closed",
	"cases/status/registered", "cases/status/in_progress", "cases/status/closed",
	"cases/status/declined",
	NULL
};
// clang-format on

int ivp__reg_aggregate_known(const char *name)
{
	int i;

	for (i = 0; name && ivp__reg_aggregates[i]; i++)
		if (!strcmp(ivp__reg_aggregates[i], name))
			return 1;
	return 0;
}

static int hidden(int f)
{
	return f != IVP__SHOW;
}

int ivp__reg_series_flag(const ivp__reg_series *s, int year)
{
	unsigned char f[IVP__REG_MAXYEARS];
	int i, q, changed, n = s->n < IVP__REG_MAXYEARS ? s->n : IVP__REG_MAXYEARS;

	if (year < s->year0 || year >= s->year0 + n)
		return IVP__SHOW;
	for (i = 0; i < n; i++)
		f[i] = (unsigned char)ivp__suppress_one(s->v[i]);
	do {
		int nh = 0, small = -1;

		changed = 0;
		for (i = 0; s->has_q && i < n; i++) {
			int qh = 0;

			for (q = 0; q < 4; q++)
				qh += hidden(s->qflag[i][q]);
			if (!hidden(f[i]) && qh == 1) {
				f[i] = IVP__HIDE_SECOND;
				changed = 1;
			}
		}
		for (i = 0; i < n; i++) {
			nh += hidden(f[i]);
			if (!hidden(f[i]) && s->v[i] > 0 && (small < 0 || s->v[i] < s->v[small]))
				small = i;
		}
		if (!hidden(s->total_flag) && nh == 1 && small >= 0) {
			f[small] = IVP__HIDE_SECOND;
			changed = 1;
		}
	} while (changed);
	return f[year - s->year0];
}

/* ---- the series from the store ------------------------------------------------------ */

typedef struct ser {
	ivp__reg_series *s;
	const char *what; /* the part after "signals/" or "cases/" */
	int overflow;
} ser;

/* add one to year y's count (and remember the year) */
static int add(ser *x, const char *date, int64_t n)
{
	ivp__reg_series *s = x->s;
	int y, i;

	if (!date || strlen(date) < 4)
		return 0;
	y = (int)strtol(date, NULL, 10);
	if (y < 1900 || y > 2199)
		return 0;
	if (!s->n) {
		s->year0 = y;
		s->n = 1;
	}
	if (y < s->year0) { /* shift up */
		int by = s->year0 - y;

		if (s->n + by > IVP__REG_MAXYEARS) {
			x->overflow = 1;
			return 1;
		}
		memmove(s->v + by, s->v, (size_t)s->n * sizeof(s->v[0]));
		for (i = 0; i < by; i++)
			s->v[i] = 0;
		s->year0 = y;
		s->n += by;
	}
	if (y - s->year0 >= IVP__REG_MAXYEARS) {
		x->overflow = 1;
		return 1;
	}
	for (i = s->n; i <= y - s->year0; i++)
		s->v[i] = 0;
	if (y - s->year0 >= s->n)
		s->n = y - s->year0 + 1;
	s->v[y - s->year0] += n;
	return 0;
}

/* ivp__store_sig_counts rows: phenomenon, outcome, month, wijk, n */
static int sig_count_row(void *ud, const char *const *c, int n)
{
	ser *x = ud;
	int64_t v = n > 4 && c[4] ? strtoll(c[4], NULL, 10) : 0;

	if (n < 5 || !c[0] || !c[1])
		return 0;
	if (!strcmp(x->what, "weighed") || (!strncmp(x->what, "outcome/", 8) && !strcmp(x->what + 8, c[1])) ||
	    (!strncmp(x->what, "phenomenon/", 11) && !strcmp(x->what + 11, c[0])))
		return add(x, c[2], v);
	return 0;
}

/* ivp__store_sig_rows: id, received, … */
static int sig_row(void *ud, const char *const *c, int n)
{
	return n > 1 ? add(ud, c[1], 1) : 0;
}

static int case_row(void *ud, const char *const *c, int n)
{
	ser *x = ud;
	const char *st;

	if (n < IVP__CASE_NCOLS)
		return 0;
	st = c[IVP__CASE_C_STATUS] ? c[IVP__CASE_C_STATUS] : "";
	if (!strcmp(x->what, "registered") || (!strncmp(x->what, "status/", 7) && !strcmp(x->what + 7, st)))
		return add(x, c[IVP__CASE_C_REGISTERED], 1);
	if (!strcmp(x->what, "closed") && !strcmp(st, "closed"))
		return add(x, c[IVP__CASE_C_CLOSED], 1);
	return 0;
}

/* ---- what the published tables show ------------------------------------------------- */

static int flag_of(const char *shown)
{
	if (!shown)
		return IVP__SHOW;
	if (!strcmp(shown, "< 5"))
		return IVP__HIDE_SMALL;
	if (!strcmp(shown, "x"))
		return IVP__HIDE_SECOND;
	return IVP__SHOW;
}

static int col_named(const ivp_table *t, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	return -1;
}

/* the quarter flags of a published list: label "2026 Q1" (signals, en) or
 * "2026KW01" (cases) in column 0, the shown figure in column `col` */
static void quarters(ivp__reg_series *s, const ivp_table *t, int col)
{
	int r;

	s->has_q = 1;
	for (r = 0; r < ivp_table_nrows(t); r++) {
		const char *k = ivp_table_text(t, r, 0);
		int y, q;

		if (!k || strlen(k) < 7 || !strcmp(k, "total"))
			continue;
		y = (int)strtol(k, NULL, 10);
		q = (int)strtol(k + 6, NULL, 10); /* "2026 Q1" or "2026KW01" */
		if (y < s->year0 || y >= s->year0 + s->n || q < 1 || q > 4)
			continue;
		s->qflag[y - s->year0][q - 1] = (unsigned char)flag_of(ivp_table_text(t, r, col));
	}
}

/* The published totals and quarters around signals/what: the phenomenon
 * table's grand total, an outcome's column total or a phenomenon's row
 * total; the quarter list for all weighed signals. */
static ivp_rc sig_published(ivp_ctx *ctx, const char *what, ivp__reg_series *s)
{
	ivp_table *t = NULL;
	int r, c, i;
	ivp_rc rc;

	s->total_flag = IVP__HIDE_SMALL; /* received: published nowhere */
	if (!strcmp(what, "received"))
		return IVP_OK;
	if ((rc = ivp_signals_counts(ctx, "phenomenon", 0, "en", &t)))
		return rc;
	r = ivp_table_nrows(t) - 1; /* the total row */
	c = ivp_table_ncols(t) - 1; /* the total column */
	if (!strncmp(what, "outcome/", 8))
		c = col_named(t, what + 8);
	for (i = 0; !strncmp(what, "phenomenon/", 11) && ivp__sig_phenomena[i].key; i++)
		if (!strcmp(ivp__sig_phenomena[i].key, what + 11))
			r = i;
	if (r >= 0 && c >= 0)
		s->total_flag = flag_of(ivp_table_text(t, r, c));
	ivp_table_free(t);
	if (strcmp(what, "weighed"))
		return IVP_OK;
	if ((rc = ivp_signals_counts(ctx, "quarter", 0, "en", &t)))
		return rc;
	quarters(s, t, 1);
	ivp_table_free(t);
	return IVP_OK;
}

/* cases: the status table's total or status row; the quarter list for
 * all registered cases */
static ivp_rc case_published(ivp_ctx *ctx, const char *what, ivp__reg_series *s)
{
	const char *row = !strcmp(what, "registered") ? "total" : !strcmp(what, "closed") ? "closed" :
											    what + 7;
	ivp_table *t = NULL;
	int r, shown;
	ivp_rc rc;

	s->total_flag = IVP__HIDE_SMALL;
	if ((rc = ivp_case_counts(ctx, "status", &t)))
		return rc;
	shown = col_named(t, "shown");
	for (r = 0; shown >= 0 && r < ivp_table_nrows(t); r++)
		if (ivp_table_text(t, r, 0) && !strcmp(ivp_table_text(t, r, 0), row))
			s->total_flag = flag_of(ivp_table_text(t, r, shown));
	ivp_table_free(t);
	if (strcmp(what, "registered"))
		return IVP_OK;
	if ((rc = ivp_case_counts(ctx, "quarter", &t)))
		return rc;
	shown = col_named(t, "shown");
	if (shown >= 0)
		quarters(s, t, shown);
	ivp_table_free(t);
	return IVP_OK;
}

ivp_rc ivp__reg_plan_count(ivp_ctx *ctx, const char *name, int year, int64_t *n, int *flag)
{
	ivp__reg_series *s;
	ser x;
	int sig;
	ivp_rc rc;

	*n = 0;
	*flag = IVP__HIDE_SMALL;
	if (!ivp__reg_aggregate_known(name)) {
		ivp__fail(ctx, IVP_EINPUT, "unknown register count \"%.60s\"", name ? name : "");
		ivp__hint(ctx, "Use one of the register counts docs/plan-file.md lists, e.g. register:signals/weighed.");
		return ivp__coded(ctx, "plan_unknown_register_count", IVP_EINPUT);
	}
	sig = !strncmp(name, "signals/", 8);
	if (sig && (rc = ivp__vault_ready(ctx, IVP__REG_SIGNALS)))
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return ivp__oom(ctx, "The register's count could not be made.");
	memset(&x, 0, sizeof(x));
	x.s = s;
	x.what = name + (sig ? 8 : 6);
	if (sig && !strcmp(x.what, "received"))
		rc = ivp__store_sig_rows(ctx, NULL, sig_row, &x);
	else if (sig)
		rc = ivp__store_sig_counts(ctx, sig_count_row, &x);
	else
		rc = ivp__store_cases_list(ctx, case_row, &x);
	if (x.overflow) {
		ivp__error_clear(&ctx->err);
		rc = ivp__fail(ctx, IVP_EINPUT, "the register spans more than %d years", IVP__REG_MAXYEARS);
	}
	if (!rc)
		rc = sig ? sig_published(ctx, x.what, s) : case_published(ctx, x.what, s);
	if (!rc) {
		*flag = ivp__reg_series_flag(s, year);
		if (*flag == IVP__SHOW && year >= s->year0 && year < s->year0 + s->n)
			*n = s->v[year - s->year0];
	}
	free(s);
	return rc;
}
