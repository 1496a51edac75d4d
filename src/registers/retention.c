/*
 * retention.c — retention by deletion for the restricted registers
 * (registers.h, include/ivp/registers.h): the rule of each register with
 * its documented default, what an admin set instead (`ivp retention set`,
 * audited), and the run that asks every register of this build
 * (ivp__reg_kinds) to destroy what expired — crypto-shredding is the
 * register's own expire(), which deletes the record's data key and content
 * and writes one audit entry per record.
 *
 * Defaults (docs/registers.md names the sources):
 *   signals  not_taken_up  12 months after the weighing (no action): the
 *            one year of the local protocols (CCV model protocol, BUCH)
 *   cases    closed        24 months after closing or declining: no
 *            national period exists, so this is the municipality's choice
 *            (DOMAIN.md: a setting per partnership)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "ivp/registers.h"
#include "registers/registers.h"
#include "store/reg_store.h"

typedef struct rule_def {
	ivp__reg reg;
	const char *rule;
	int months;
} rule_def;

static const rule_def rules[] = {
	{ IVP__REG_SIGNALS, "not_taken_up", 12 },
	{ IVP__REG_CASES, "closed", 24 },
};
#define NRULES ((int)(sizeof(rules) / sizeof(rules[0])))

static const rule_def *find_rule(ivp__reg reg, const char *rule)
{
	int i;

	for (i = 0; rule && i < NRULES; i++)
		if (rules[i].reg == reg && !strcmp(rules[i].rule, rule))
			return &rules[i];
	return NULL;
}

static ivp_rc unknown_rule(ivp_ctx *ctx, ivp__reg reg, const char *rule)
{
	ivp__fail(ctx, IVP_EINPUT, "register %s has no retention rule \"%s\"", ivp__reg_name(reg),
		  rule ? rule : "");
	ivp__code(ctx, "retention_rule");
	ivp__hint(ctx, "The rules are signals not_taken_up and cases closed.");
	return IVP_EINPUT;
}

static ivp_rc months_of(ivp_ctx *ctx, const rule_def *d, int *months, int *set)
{
	ivp_rc rc = ivp__store_reg_setting_get(ctx, ivp__reg_name(d->reg), d->rule, months);

	*set = rc == IVP_OK;
	if (rc == IVP_ENOTFOUND) {
		*months = d->months;
		return IVP_OK;
	}
	return rc;
}

ivp_rc ivp__reg_retention_months(ivp_ctx *ctx, ivp__reg reg, const char *rule, int *months)
{
	const rule_def *d = find_rule(reg, rule);
	int set;

	*months = 0;
	if (!d)
		return unknown_rule(ctx, reg, rule);
	return months_of(ctx, d, months, &set);
}

static ivp_rc unknown_register(ivp_ctx *ctx, const char *name)
{
	ivp__fail(ctx, IVP_EINPUT, "unknown register \"%s\"", name ? name : "");
	ivp__code(ctx, "register_unknown");
	ivp__hint(ctx, "The registers are signals and cases.");
	return IVP_EINPUT;
}

ivp_rc ivp_retention_set(ivp_ctx *ctx, const char *reg, const char *rule, int months)
{
	char at[32], obj[96], after[32];
	ivp__reg r;
	ivp_rc rc;

	if (ivp__reg_parse(reg, &r))
		return unknown_register(ctx, reg);
	if (!find_rule(r, rule))
		return unknown_rule(ctx, r, rule);
	if (months < 1 || months > 1200) {
		ivp__fail(ctx, IVP_EINPUT, "a retention period is 1 to 1200 months");
		ivp__code(ctx, "retention_months");
		return IVP_EINPUT;
	}
	if ((rc = ivp__reg_need_admin(ctx, "sets a retention period")))
		return rc;
	ivp__now_iso(at);
	snprintf(obj, sizeof(obj), "retention:%s/%s", reg, rule);
	snprintf(after, sizeof(after), "months=%d", months);
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	rc = ivp__store_reg_setting_put(ctx, reg, rule, months, ctx->actor_user, at);
	if (!rc)
		rc = ivp__audit(ctx, "retention.set", obj, NULL, after);
	if (!rc)
		rc = ivp__store_commit(ctx);
	if (rc)
		ivp__store_abort(ctx);
	return rc;
}

/* ---- dates ------------------------------------------------------------------ */

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : days[m - 1];
}

/* The number of the n decimal digits at s (checked by the caller). */
static int digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

int ivp__reg_date_parse(const char *s, int *y, int *m, int *d)
{
	int i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	*d = digits(s + 8, 2);
	if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 || *d > month_days(*y, *m))
		return -1;
	return 0;
}

int ivp__reg_date_add_months(const char *date, int months, char out[11])
{
	int y, m, d, n;

	if (ivp__reg_date_parse(date, &y, &m, &d) || months < 0)
		return -1;
	n = y * 12 + (m - 1) + months;
	y = n / 12;
	m = n % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m, d);
	return 0;
}

static ivp_rc as_of_date(ivp_ctx *ctx, const char *as_of, char out[11])
{
	char now[32];
	int y, m, d;

	if (!as_of || !*as_of) {
		ivp__now_iso(now);
		snprintf(out, 11, "%.10s", now);
		return IVP_OK;
	}
	if (ivp__reg_date_parse(as_of, &y, &m, &d)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%s\" is not a date", as_of);
		ivp__code(ctx, "retention_date");
		ivp__hint(ctx, "Write the date as YYYY-MM-DD, e.g. 2026-12-01.");
		return IVP_EINPUT;
	}
	snprintf(out, 11, "%s", as_of);
	return IVP_OK;
}

/* ---- the run ------------------------------------------------------------------- */

typedef struct run_ud {
	ivp_table *t;
	const char *reg;
} run_ud;

static int run_row(void *ud, const char *const *cols, int ncols)
{
	run_ud *u = ud;

	if (ivp__table_row(u->t) < 0 || ivp__table_set_text(u->t, 0, u->reg) ||
	    ivp__table_set_text(u->t, 1, ncols > 0 ? cols[0] : NULL) ||
	    ivp__table_set_text(u->t, 2, ncols > 1 ? cols[1] : NULL) ||
	    ivp__table_set_text(u->t, 3, ncols > 2 ? cols[2] : NULL))
		return -1;
	return 0;
}

static ivp_table *run_table(void)
{
	static const char *const cols[] = { "register", "id", "kind", "expires" };
	ivp_table *t = ivp__table_new();
	size_t i;

	for (i = 0; t && i < sizeof(cols) / sizeof(cols[0]); i++)
		if (ivp__table_col(t, cols[i], IVP__COL_BRIEF, 0) < 0) {
			ivp_table_free(t);
			return NULL;
		}
	return t;
}

ivp_rc ivp__reg_retention_run_kinds(ivp_ctx *ctx, const ivp__reg_kind *const *kinds, const char *as_of,
				    int dry_run, ivp_table **out)
{
	char date[11];
	run_ud u = { NULL, NULL };
	int64_t n;
	ivp_rc rc;
	int i;

	*out = NULL;
	if ((rc = as_of_date(ctx, as_of, date)))
		return rc;
	if (!(u.t = run_table()))
		return ivp__oom(ctx, "the retention run");
	for (i = 0; kinds[i]; i++) {
		u.reg = ivp__reg_name(kinds[i]->reg);
		n = 0;
		if ((rc = kinds[i]->expire(ctx, date, dry_run, run_row, &u, &n))) {
			ivp_table_free(u.t);
			return rc;
		}
	}
	*out = u.t;
	return IVP_OK;
}

ivp_rc ivp_retention_run(ivp_ctx *ctx, const char *as_of, int dry_run, ivp_table **out)
{
	return ivp__reg_retention_run_kinds(ctx, ivp__reg_kinds, as_of, dry_run, out);
}

ivp_rc ivp__reg_retention_status_kinds(ivp_ctx *ctx, const ivp__reg_kind *const *kinds, const char *as_of,
				       ivp_table **rules_out, ivp_table **soon)
{
	static const char *const cols[] = { "register", "rule", "months", "source" };
	char date[11], later[11] = "";
	ivp_table *t = NULL;
	size_t c;
	int i, months, set;
	ivp_rc rc;

	if (rules_out)
		*rules_out = NULL;
	if (soon)
		*soon = NULL;
	if ((rc = as_of_date(ctx, as_of, date)))
		return rc;
	if (rules_out) {
		if (!(t = ivp__table_new()))
			return ivp__oom(ctx, "the retention rules");
		for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
			if (ivp__table_col(t, cols[c], IVP__COL_BRIEF, 0) < 0)
				goto oom;
		for (i = 0; i < NRULES; i++) {
			if ((rc = months_of(ctx, &rules[i], &months, &set))) {
				ivp_table_free(t);
				return rc;
			}
			if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, ivp__reg_name(rules[i].reg)) ||
			    ivp__table_set_text(t, 1, rules[i].rule) || ivp__table_set_int(t, 2, months) ||
			    ivp__table_set_text(t, 3, set ? "set" : "default"))
				goto oom;
		}
	}
	if (soon) {
		(void)ivp__reg_date_add_months(date, 1, later); /* date is valid */
		if ((rc = ivp__reg_retention_run_kinds(ctx, kinds, later, 1, soon))) {
			ivp_table_free(t);
			return rc;
		}
	}
	if (rules_out)
		*rules_out = t;
	return IVP_OK;
oom:
	ivp_table_free(t);
	return ivp__oom(ctx, "the retention rules");
}

ivp_rc ivp_retention_status(ivp_ctx *ctx, const char *as_of, ivp_table **rules_out, ivp_table **soon)
{
	return ivp__reg_retention_status_kinds(ctx, ivp__reg_kinds, as_of, rules_out, soon);
}

/* ---- the members' list of what expires next month ------------------------------------------- */

static ivp_rc not_member(ivp_ctx *ctx, ivp__reg reg)
{
	ivp__fail(ctx, IVP_ENOTFOUND, "not a member of the %s register", ivp__reg_name(reg));
	ivp__detail(ctx, "Only the members of a register see what of it will expire.");
	ivp__hint(ctx, "An administrator makes a user a member with ivp registers grant REGISTER USER.");
	ivp__code(ctx, "register_not_member");
	return IVP_ENOTFOUND;
}

static ivp_table *expiring_table(void)
{
	static const char *const cols[] = { "id", "kind", "expires", "rule", "months" };
	ivp_table *t = ivp__table_new();
	size_t i;

	for (i = 0; t && i < sizeof(cols) / sizeof(cols[0]); i++)
		if (ivp__table_col(t, cols[i], IVP__COL_BRIEF, 0) < 0) {
			ivp_table_free(t);
			return NULL;
		}
	return t;
}

/* The rows of the dry run that the actor may see listed, into out. */
static ivp_rc expiring_rows(ivp_ctx *ctx, const ivp__reg_kind *k, const ivp_table *all, ivp_table *out)
{
	const rule_def *d = k->reg == IVP__REG_SIGNALS ? &rules[0] : &rules[1];
	int i, months, set;
	ivp_rc rc;

	if ((rc = months_of(ctx, d, &months, &set)))
		return rc;
	for (i = 0; i < ivp_table_nrows(all); i++) {
		const char *id = ivp_table_text(all, i, 1);
		ivp__reg_rel rel;

		if (!id || !k->relation)
			continue;
		rc = k->relation(ctx, id, &rel);
		if (rc == IVP_ENOTFOUND)
			continue; /* gone meanwhile */
		if (rc)
			return rc;
		if (ivp__reg_decide(k->reg, &rel, IVP__REG_LIST) == IVP__NTK_HIDDEN)
			continue;
		if (ivp__table_row(out) < 0 || ivp__table_set_text(out, 0, id) ||
		    ivp__table_set_text(out, 1, ivp_table_text(all, i, 2)) ||
		    ivp__table_set_text(out, 2, ivp_table_text(all, i, 3)) || ivp__table_set_text(out, 3, d->rule) ||
		    ivp__table_set_int(out, 4, months))
			return ivp__oom(ctx, "the list of what expires");
	}
	return IVP_OK;
}

ivp_rc ivp_retention_expiring(ivp_ctx *ctx, const char *reg, const char *as_of, ivp_table **out)
{
	const ivp__reg_kind *k = NULL, *one[2] = { NULL, NULL };
	char date[11], later[11] = "";
	ivp_table *all = NULL, *t = NULL;
	ivp__reg r;
	int i, member = 0;
	ivp_rc rc;

	*out = NULL;
	if (!reg || ivp__reg_parse(reg, &r)) {
		ivp__fail(ctx, IVP_EINPUT, "unknown register \"%s\"", reg ? reg : "");
		ivp__code(ctx, "register_unknown");
		ivp__hint(ctx, "The registers are signals and cases.");
		return IVP_EINPUT;
	}
	for (i = 0; ivp__reg_kinds[i]; i++)
		if (ivp__reg_kinds[i]->reg == r)
			k = ivp__reg_kinds[i];
	if (!k)
		return ivp__fail(ctx, IVP_EINTERNAL, "register %s is not in this build", reg);
	if ((rc = as_of_date(ctx, as_of, date)) || (rc = ivp__vault_ready(ctx, r)))
		return rc;
	if (ctx->actor_user[0] && (rc = ivp__reg_is_member(ctx, r, ctx->actor_user, &member)))
		return rc;
	if (!member)
		return not_member(ctx, r);
	(void)ivp__reg_date_add_months(date, 1, later); /* date is valid */
	one[0] = k;
	if ((rc = ivp__reg_retention_run_kinds(ctx, one, later, 1, &all)))
		return rc;
	if (!(t = expiring_table())) {
		rc = ivp__oom(ctx, "the list of what expires");
		goto out;
	}
	if ((rc = expiring_rows(ctx, k, all, t)) ||
	    (rc = ivp__reg_audit(ctx, r, r == IVP__REG_SIGNALS ? "signal.expiry" : "case.expiry", "expiry", NULL)))
		goto out;
	*out = t;
	t = NULL;
out:
	ivp_table_free(all);
	ivp_table_free(t);
	return rc;
}
