/*
 * model_registers.c — the report's chapter on the restricted registers
 * (issue 13 item 7): the counts without persons of the signals register
 * (weighed signals per phenomenon × outcome, per quarter and per wijk of
 * the weighing) and of the case register (cases per status, per quarter
 * of registration and per wijk), read once into rp_model.regs so that a
 * definitief report freezes them in its snapshot (snapshot.c).
 *
 * Every figure comes from the tables the registers publish
 * (ivp_signals_counts without --exact, ivp_case_counts) as they show it:
 * a number, "< 5" (1 to 4) or "x" (hidden so that no total and its parts
 * give a small count back). No exact count and no personal field reaches
 * the report. The signals' counts need the register's key file, like
 * `ivp signals counts`; without it the chapter says the register is
 * closed (when it holds records) and the rest of the report is made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivp/cases.h"
#include "ivp/signals.h"
#include "registers/signals.h"
#include "report/report.h"
#include "store/signal_store.h"

#define NL(m) (strcmp((m)->lang, "en") != 0)
#define W(m, nl, en) (NL(m) ? (nl) : (en))
#define MAX_TABLES 6
/* the cell of row r, column c of table x */
#define AT(x, r, c) (&(x)->cells[(size_t)(r) * (size_t)(x)->ncols + (size_t)(c)])

static int col(const ivp_table *t, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	return -1;
}

static const char *cell(const ivp_table *t, int r, int c)
{
	return c >= 0 && ivp_table_cell_type(t, r, c) == IVP_CELL_TEXT ? ivp_table_text(t, r, c) : "";
}

/* a new table of ncols columns and nrows rows in r (NULL on OOM) */
static rp_rtable *rtable(rp_model *m, rp_regs *r, const char *id, const char *title, const char *sheet, int ncols,
			 int nrows)
{
	rp_rtable *x = &r->tables[r->ntables];

	x->head = ivp__rp_alloc(&m->a, (size_t)ncols * sizeof(*x->head));
	x->cells = ivp__rp_alloc(&m->a, (size_t)(ncols * nrows + 1) * sizeof(*x->cells));
	if (!x->head || !x->cells)
		return NULL;
	x->id = id;
	x->title = title;
	x->sheet = sheet;
	x->ncols = x->nhead = ncols;
	x->ncells = ncols * nrows;
	r->ntables++;
	return x;
}

/* "2024-1"/"2024 Q1"/"2024KW01" as the report's language writes a quarter */
static const char *quarter(rp_model *m, const char *k)
{
	int q = strlen(k) >= 7 ? (int)strtol(k + 6, NULL, 10) : 0;

	if (q < 1 || q > 4)
		return ivp__rp_strdup(&m->a, k);
	return ivp__rp_printf(&m->a, "%.4s %s%d", k, W(m, "K", "Q"), q);
}

/* ---- signals ---------------------------------------------------------------- */

static int any_row(void *ud, const char *const *cols, int n)
{
	(void)cols;
	(void)n;
	*(int *)ud = 1;
	return 1;
}

/* The signals' three tables; *closed: the register holds weighings but
 * its key file is missing or wrong. */
static ivp_rc signals(ivp_ctx *ctx, rp_model *m, rp_regs *r)
{
	static const char *const what[] = { "phenomenon", "quarter", "wijk" };
	ivp_table *t[3] = { NULL, NULL, NULL };
	ivp_rc rc = IVP_OK;
	int i, k, n;

	for (i = 0; i < 3 && !rc; i++)
		rc = ivp_signals_counts(ctx, what[i], 0, m->lang, &t[i]);
	if (rc == IVP_EINPUT && !strncmp(ivp_last_error(ctx)->code, "keys_", 5)) {
		int any = 0;

		ivp__error_clear(&ctx->err);
		rc = ivp__store_sig_counts(ctx, any_row, &any);
		if (rc == IVP_OK || any) {
			ivp__error_clear(&ctx->err);
			rc = IVP_OK;
		}
		r->signals_closed = any;
		goto out;
	}
	if (rc)
		goto out;
	n = ivp_table_nrows(t[0]);
	if (n < 1 || !strcmp(cell(t[0], n - 1, ivp_table_ncols(t[0]) - 1), "0"))
		goto out; /* no weighed signals */
	{
		int nc = ivp_table_ncols(t[0]);
		rp_rtable *x = rtable(m, r, "t-signalen-fenomeen",
				      W(m, "Gewogen signalen per fenomeen en uitkomst van de weging", "Weighed signals per phenomenon and outcome of the weighing"),
				      W(m, "Signalen per fenomeen", "Signals per phenomenon"), nc, n);

		if (!x)
			goto out;
		x->head[0].text = W(m, "Fenomeen", "Phenomenon");
		for (k = 1; k < nc - 1; k++)
			x->head[k].text = ivp__rp_strdup(&m->a, ivp__sig_label_of(ivp__sig_outcomes, ivp_table_colname(t[0], k), m->lang));
		x->head[nc - 1].text = W(m, "Totaal", "Total");
		for (i = 0; i < n; i++)
			for (k = 0; k < nc; k++)
				AT(x, i, k)->text = ivp__rp_strdup(&m->a, cell(t[0], i, k));
		AT(x, n - 1, 0)->text = W(m, "Totaal", "Total");
	}
	for (i = 1; i < 3; i++) {
		rp_rtable *x;

		n = ivp_table_nrows(t[i]);
		x = rtable(m, r, i == 1 ? "t-signalen-kwartaal" : "t-signalen-wijk",
			   i == 1 ? W(m, "Gewogen signalen per kwartaal van de weging", "Weighed signals per quarter of the weighing") :
				    W(m, "Gewogen signalen per wijk", "Weighed signals per wijk"),
			   i == 1 ? W(m, "Signalen per kwartaal", "Signals per quarter") : W(m, "Signalen per wijk", "Signals per wijk"), 2, n);
		if (!x)
			goto out;
		x->head[0].text = i == 1 ? W(m, "Kwartaal", "Quarter") : "Wijk";
		x->head[1].text = W(m, "Gewogen signalen", "Weighed signals");
		for (k = 0; k < n; k++) {
			AT(x, k, 0)->text = ivp__rp_strdup(&m->a, cell(t[i], k, 0));
			AT(x, k, 1)->text = ivp__rp_strdup(&m->a, cell(t[i], k, 1));
		}
		if (n) /* the list's own total row, in the report's words */
			AT(x, n - 1, 0)->text = W(m, "Totaal", "Total");
	}
out:
	for (i = 0; i < 3; i++)
		ivp_table_free(t[i]);
	return rc;
}

/* ---- cases ------------------------------------------------------------------- */

static const char *case_group(rp_model *m, const char *by, const char *g)
{
	static const char *const st[][3] = { { "registered", "geregistreerd", "registered" },
					     { "in_progress", "in behandeling", "in progress" },
					     { "closed", "afgesloten", "closed" },
					     { "declined", "afgewezen", "declined" } };
	size_t i;

	if (!strcmp(g, "total"))
		return W(m, "Totaal", "Total");
	if (!strcmp(by, "quarter"))
		return quarter(m, g);
	if (!strcmp(by, "wijk"))
		return strcmp(g, "-") ? ivp__rp_strdup(&m->a, g) : W(m, "geen wijk", "no wijk");
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (!strcmp(st[i][0], g))
			return NL(m) ? st[i][1] : st[i][2];
	return ivp__rp_strdup(&m->a, g);
}

static ivp_rc cases(ivp_ctx *ctx, rp_model *m, rp_regs *r)
{
	static const char *const by[] = { "status", "quarter", "wijk" };
	ivp_table *t[3] = { NULL, NULL, NULL };
	ivp_rc rc = IVP_OK;
	int i, k, n;

	for (i = 0; i < 3 && !rc; i++)
		rc = ivp_case_counts(ctx, by[i], &t[i]);
	if (rc)
		goto out;
	n = ivp_table_nrows(t[0]);
	if (n < 1 || !strcmp(cell(t[0], n - 1, col(t[0], "shown")), "0"))
		goto out; /* no cases */
	for (i = 0; i < 3; i++) {
		int sc = col(t[i], "shown");
		rp_rtable *x;

		n = ivp_table_nrows(t[i]);
		x = rtable(m, r, i == 0 ? "t-casussen-status" : i == 1 ? "t-casussen-kwartaal" :
									 "t-casussen-wijk",
			   i == 0 ? W(m, "Casussen van het Zorg- en Veiligheidshuis per status", "Cases of the Zorg- en Veiligheidshuis per status") :
			   i == 1 ? W(m, "Casussen per kwartaal van registratie", "Cases per quarter of registration") :
				    W(m, "Casussen per wijk", "Cases per wijk"),
			   i == 0 ? W(m, "Casussen per status", "Cases per status") : i == 1 ? W(m, "Casussen per kwartaal", "Cases per quarter") :
											       W(m, "Casussen per wijk", "Cases per wijk"),
			   2, n);
		if (!x)
			goto out;
		x->head[0].text = i == 0 ? "Status" : i == 1 ? W(m, "Kwartaal", "Quarter") :
							       "Wijk";
		x->head[1].text = W(m, "Casussen", "Cases");
		for (k = 0; k < n; k++) {
			AT(x, k, 0)->text = case_group(m, by[i], cell(t[i], k, 0));
			AT(x, k, 1)->text = ivp__rp_strdup(&m->a, cell(t[i], k, sc));
		}
	}
out:
	for (i = 0; i < 3; i++)
		ivp_table_free(t[i]);
	return rc;
}

ivp_rc ivp__rp_registers(ivp_ctx *ctx, rp_model *m)
{
	rp_regs *r = ivp__rp_alloc(&m->a, sizeof(*r));
	ivp_rc rc;

	if (!r || !(r->tables = ivp__rp_alloc(&m->a, MAX_TABLES * sizeof(*r->tables))))
		return IVP_ENOMEM;
	if ((rc = signals(ctx, m, r)) || (rc = cases(ctx, m, r)))
		return rc;
	if (m->a.oom)
		return IVP_ENOMEM;
	if (r->ntables || r->signals_closed)
		m->regs = r;
	return IVP_OK;
}
