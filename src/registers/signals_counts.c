/*
 * signals_counts.c — counts without persons of the signals register, for
 * the plan's output indicators and the report (issue 13 item 7): the
 * weighed signals per phenomenon × outcome (a table with row, column and
 * grand totals), and per quarter and per wijk of the weighing (each list
 * the parts of the table's grand total).
 *
 * Suppression (stats/suppress.h), the same rule as every public count:
 * the table through ivp__suppress_table (1–4 is "< 5"; a total and its
 * visible parts never give a hidden count back), then each list through
 * ivp__suppress_parts against the grand total as the table shows it, so
 * no list gives back what the table hides. Hidden cells read "< 5"
 * (primary) or "x" (secondary); the table's note states the rule. A
 * member may ask for the exact counts (decided by ivp__reg_decide for
 * IVP__REG_COUNT, audited as "signal.count").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "registers/signals.h"
#include "stats/suppress.h"
#include "store/signal_store.h"

#define NPH 7	 /* phenomena */
#define NOUT 5	 /* outcomes */
#define MAXK 256 /* quarters or wijken in one list */

typedef struct counts {
	int64_t cell[NPH * NOUT];
	char key[MAXK][16]; /* quarter "2026-1" or wijk ("" none) */
	int64_t part[MAXK];
	int nkeys, by_wijk, full;
} counts;

static int index_of(const ivp__sig_label *l, const char *key)
{
	int i;

	for (i = 0; key && l[i].key; i++)
		if (!strcmp(l[i].key, key))
			return i;
	return -1;
}

static int counts_cb(void *ud, const char *const *cols, int n)
{
	counts *c = ud;
	int p = index_of(ivp__sig_phenomena, cols[0]), o = index_of(ivp__sig_outcomes, cols[1]), k;
	int64_t v = n > 4 && cols[4] ? strtoll(cols[4], NULL, 10) : 0;
	char key[16];

	if (p < 0 || o < 0 || !cols[2])
		return 0;
	c->cell[p * NOUT + o] += v;
	if (c->by_wijk)
		snprintf(key, sizeof(key), "%s", cols[3] ? cols[3] : "");
	else
		snprintf(key, sizeof(key), "%.4s-%d", cols[2], ((int)strtol(cols[2] + 5, NULL, 10) + 2) / 3);
	for (k = 0; k < c->nkeys; k++)
		if (!strcmp(c->key[k], key))
			break;
	if (k == c->nkeys) {
		if (c->nkeys == MAXK) {
			c->full = 1;
			return 1;
		}
		snprintf(c->key[c->nkeys++], sizeof(c->key[0]), "%s", key);
	}
	c->part[k] += v;
	return 0;
}

/* a count as the table shows it */
static int cell_text(ivp_table *t, int col, int64_t v, unsigned char flag)
{
	char num[32];

	if (flag == IVP__HIDE_SMALL)
		return ivp__table_set_text(t, col, "< 5");
	if (flag == IVP__HIDE_SECOND)
		return ivp__table_set_text(t, col, "x");
	snprintf(num, sizeof(num), "%lld", (long long)v);
	return ivp__table_set_text(t, col, num);
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the rule beside the figures */
static int note_rule(ivp_table *t, const char *lang, int exact)
{
	if (exact)
		return ivp__table_note(t, "%s", ivp_msg_tr(lang ? lang : "en", "Exact counts, for the members of the register only; never publish them."));
	return ivp__table_note(t, "%s",
			       ivp_msg_tr(lang ? lang : "en",
					  "Counts of 1 to 4 are shown as \"< 5\"; \"x\" hides a count that would give a small one back "
					  "from a total (secondary suppression)."));
}

static ivp_rc phenomenon_table(ivp_ctx *ctx, const counts *c, int exact, const char *lang, ivp_table *t)
{
	unsigned char fc[NPH * NOUT], fr[NPH], fo[NOUT], fa;
	int64_t row[NPH], col[NOUT], all = 0;
	int p, o;

	memset(row, 0, sizeof(row));
	memset(col, 0, sizeof(col));
	for (p = 0; p < NPH; p++)
		for (o = 0; o < NOUT; o++) {
			row[p] += c->cell[p * NOUT + o];
			col[o] += c->cell[p * NOUT + o];
			all += c->cell[p * NOUT + o];
		}
	if (exact) {
		memset(fc, 0, sizeof(fc)), memset(fr, 0, sizeof(fr)), memset(fo, 0, sizeof(fo)), fa = 0;
	} else {
		ivp__suppress_table(c->cell, NPH, NOUT, fc, fr, fo, &fa);
	}
	if (ivp__table_col(t, "phenomenon", IVP__COL_BRIEF, 0) < 0)
		return ivp__oom(ctx, NULL);
	for (o = 0; o < NOUT; o++)
		if (ivp__table_col(t, ivp__sig_outcomes[o].key, IVP__COL_BRIEF, 0) < 0)
			return ivp__oom(ctx, NULL);
	if (ivp__table_col(t, "total", IVP__COL_BRIEF, 0) < 0)
		return ivp__oom(ctx, NULL);
	for (p = 0; p <= NPH; p++) {
		if (ivp__table_row(t) < 0 ||
		    ivp__table_set_text(t, 0, p < NPH ? ivp__sig_label_of(ivp__sig_phenomena, ivp__sig_phenomena[p].key, lang) : ivp_msg_tr(lang ? lang : "en", "total")))
			return ivp__oom(ctx, NULL);
		for (o = 0; o < NOUT; o++)
			if (cell_text(t, 1 + o, p < NPH ? c->cell[p * NOUT + o] : col[o], p < NPH ? fc[p * NOUT + o] : fo[o]))
				return ivp__oom(ctx, NULL);
		if (cell_text(t, 1 + NOUT, p < NPH ? row[p] : all, p < NPH ? fr[p] : fa))
			return ivp__oom(ctx, NULL);
	}
	return IVP_OK;
}

/* a list of parts of the grand total, the grand total's flag from the table */
static ivp_rc parts_list(ivp_ctx *ctx, const counts *c, int exact, const char *lang, ivp_table *t)
{
	unsigned char fc[NPH * NOUT], fr[NPH], fo[NOUT], fa = 0, fp[MAXK];
	const char *order[MAXK];
	int64_t all = 0;
	int k;

	for (k = 0; k < NPH * NOUT; k++)
		all += c->cell[k];
	memset(fp, 0, sizeof(fp));
	if (!exact && c->nkeys) {
		ivp__suppress_table(c->cell, NPH, NOUT, fc, fr, fo, &fa);
		ivp__suppress_parts(c->part, c->nkeys, fa, fp);
	}
	if (ivp__table_col(t, c->by_wijk ? "wijk" : "quarter", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "weighed", IVP__COL_BRIEF, 0) < 0)
		return ivp__oom(ctx, NULL);
	for (k = 0; k < c->nkeys; k++)
		order[k] = c->key[k];
	qsort(order, (size_t)c->nkeys, sizeof(order[0]), key_cmp);
	for (k = 0; k < c->nkeys; k++) {
		int i = (int)((order[k] - c->key[0]) / (int)sizeof(c->key[0]));
		char label[32];

		if (c->by_wijk)
			snprintf(label, sizeof(label), "%s", c->key[i][0] ? c->key[i] : ivp_msg_tr(lang ? lang : "en", "no wijk"));
		else
			snprintf(label, sizeof(label), "%.4s %s%s", c->key[i],
				 lang && !strcmp(lang, "nl") ? "K" : "Q", c->key[i] + 5);
		if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, label) || cell_text(t, 1, c->part[i], fp[i]))
			return ivp__oom(ctx, NULL);
	}
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, ivp_msg_tr(lang ? lang : "en", "total")) ||
	    cell_text(t, 1, all, fa))
		return ivp__oom(ctx, NULL);
	return IVP_OK;
}

ivp_rc ivp_signals_counts(ivp_ctx *ctx, const char *what, int exact, const char *lang, ivp_table **out)
{
	counts *c;
	ivp_table *t = NULL;
	int kind;
	ivp_rc rc;

	*out = NULL;
	if (!what || !strcmp(what, "phenomenon"))
		kind = 0;
	else if (!strcmp(what, "quarter"))
		kind = 1;
	else if (!strcmp(what, "wijk"))
		kind = 2;
	else {
		ivp__fail(ctx, IVP_EINPUT, "unknown count \"%.40s\"", what);
		ivp__hint(ctx, "Use phenomenon, quarter or wijk.");
		ivp__option(ctx, "what");
		return ivp__coded(ctx, "bad_value", IVP_EINPUT);
	}
	if ((rc = ivp__vault_ready(ctx, IVP__REG_SIGNALS)))
		return rc;
	if (exact) {
		ivp__reg_rel rel;
		int member = 0;

		memset(&rel, 0, sizeof(rel));
		if (ctx->actor_user[0] && (rc = ivp__reg_is_member(ctx, IVP__REG_SIGNALS, ctx->actor_user, &member)))
			return rc;
		rel.member = member;
		if (ivp__reg_decide(IVP__REG_SIGNALS, &rel, IVP__REG_COUNT) != IVP__NTK_ALLOW)
			return ivp__sig_need_member(ctx);
	}
	if (!(c = calloc(1, sizeof(*c))))
		return ivp__oom(ctx, "The counts of signals could not be made.");
	c->by_wijk = kind == 2;
	rc = ivp__store_sig_counts(ctx, counts_cb, c);
	if (c->full) {
		ivp__error_clear(&ctx->err);
		rc = ivp__fail(ctx, IVP_EINPUT, "more than %d quarters or wijken to count", MAXK);
	}
	if (rc)
		goto out;
	if (!(t = ivp__table_new())) {
		rc = ivp__oom(ctx, "The counts of signals could not be made.");
		goto out;
	}
	rc = kind == 0 ? phenomenon_table(ctx, c, exact, lang, t) : parts_list(ctx, c, exact, lang, t);
	if (!rc && note_rule(t, lang, exact))
		rc = ivp__oom(ctx, NULL);
	if (!rc && exact)
		rc = ivp__reg_audit(ctx, IVP__REG_SIGNALS, "signal.count", "counts", NULL);
out:
	free(c);
	if (rc) {
		ivp_table_free(t);
		return rc;
	}
	*out = t;
	return IVP_OK;
}
