/*
 * signals.c — the signals register of the local ondermijningsoverleg
 * (issue 13, include/ivp/signals.h, docs/registers.md): intake, meetings
 * and their agenda, the weighing, the department handler, the status with
 * its history, show, list and export, and the retention hook that
 * crypto-shreds signals weighed "no action" when their period ends.
 *
 * Every entry point follows the same steps, in this order:
 *   1. ivp__vault_ready: no key, no register (the rest of ivp works on);
 *   2. the actor's relation to the record (rel(): a member of the
 *      register; its intake member or named handler; the department
 *      handler who is no member) and the one decision ivp__reg_decide;
 *      HIDDEN is "not found", REASON without a reason is refused;
 *   3. the work (a write inside one transaction, sealing every personal
 *      and free-text field with the record's data key);
 *   4. ivp__reg_audit of the access with its reason (for a write inside
 *      the same transaction, so there is no write without its entry).
 * Nothing of a record's content goes into an error message or an audit
 * entry: errors name the signal's number and the field, never a value.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "ingest/ingest.h"
#include "registers/signals.h"
#include "store/auth_store.h"
#include "store/org_store.h"
#include "store/signal_store.h"

#define REG IVP__REG_SIGNALS
#define SEAL_MAX (1u << 20) /* a sealed field, as hex */

// clang-format off
const ivp__sig_label ivp__sig_sources[] = {
	{ "resident", "resident" }, { "anonymous", "anonymous report" },
	{ "department", "municipal department" }, { "police", "police" }, { "partner", "partner" },
	{ NULL, NULL } };
const ivp__sig_label ivp__sig_phenomena[] = {
	{ "drugs", "drugs" }, { "money_laundering", "money laundering" },
	{ "trafficking", "human trafficking and labour exploitation" }, { "real_estate", "real estate" },
	{ "care_fraud", "care fraud" }, { "omg", "outlaw motorcycle clubs" }, { "other", "other" },
	{ NULL, NULL } };
const ivp__sig_label ivp__sig_outcomes[] = {
	{ "none", "no action" }, { "department", "municipal department" }, { "riec", "RIEC" },
	{ "police", "police" }, { "inquiry", "further inquiry" }, { NULL, NULL } };
const ivp__sig_label ivp__sig_departments[] = {
	{ "bibob", "Bibob" }, { "enforcement", "enforcement" }, { "permits", "permits" },
	{ "other", "other department" }, { NULL, NULL } };
const ivp__sig_label ivp__sig_statuses[] = {
	{ "received", "received" }, { "agenda", "on the agenda" }, { "weighed", "weighed" },
	{ "handed_over", "handed over" }, { "inquiry", "under inquiry" }, { "closed", "closed" },
	{ NULL, NULL } };
// clang-format on

/* ---- values and checks -------------------------------------------------------------- */

/* s without the spaces around it equals t, case ignored */
static int same_words(const char *s, const char *t)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return strlen(t) == n && !strncasecmp(s, t, n);
}

const char *ivp__sig_key(const ivp__sig_label *l, const char *v)
{
	int i;

	if (!v)
		return NULL;
	for (i = 0; l[i].key; i++)
		if (same_words(v, l[i].key) || same_words(v, l[i].en) || same_words(v, ivp_msg_tr("nl", l[i].en)))
			return l[i].key;
	return NULL;
}

const char *ivp__sig_label_of(const ivp__sig_label *l, const char *key, const char *lang)
{
	int i;

	if (!key || !lang)
		return key;
	for (i = 0; l[i].key; i++)
		if (!strcmp(l[i].key, key))
			return ivp_msg_tr(lang, l[i].en);
	return key;
}

/* The number written by the n digits at s (0 for anything else). */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int ivp__sig_date_ok(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

int ivp__sig_id_ok(const char *id)
{
	size_t n, i;

	if (!id || strncmp(id, "S-", 2) || strlen(id) < 11)
		return 0;
	for (i = 2; i < 6; i++)
		if (!isdigit((unsigned char)id[i]))
			return 0;
	if (id[6] != '-')
		return 0;
	n = strlen(id + 7);
	if (n < 4 || n > 6)
		return 0;
	for (i = 7; id[i]; i++)
		if (!isdigit((unsigned char)id[i]))
			return 0;
	return 1;
}

ivp_rc ivp__sig_check(ivp_ctx *ctx, const ivp_signal_in *in, ivp__sig_norm *n, const char **field)
{
	memset(n, 0, sizeof(*n));
	if (!ivp__sig_date_ok(in->received)) {
		*field = "received";
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a date", in->received ? in->received : "");
		ivp__hint(ctx, "Write the date the signal came in as YYYY-MM-DD, such as 2026-03-14.");
		return ivp__coded(ctx, "bad_date", IVP_EINPUT);
	}
	if (!(n->source = ivp__sig_key(ivp__sig_sources, in->source))) {
		*field = "source";
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a source of a signal", in->source ? in->source : "");
		ivp__hint(ctx, "Use resident, anonymous, department, police or partner.");
		return ivp__coded(ctx, "bad_value", IVP_EINPUT);
	}
	if (!(n->phenomenon = ivp__sig_key(ivp__sig_phenomena, in->phenomenon))) {
		*field = "phenomenon";
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a phenomenon of undermining",
			  in->phenomenon ? in->phenomenon : "");
		ivp__hint(ctx, "Use drugs, money_laundering, trafficking, real_estate, care_fraud, omg or other.");
		return ivp__coded(ctx, "bad_value", IVP_EINPUT);
	}
	if (in->buurt && *in->buurt) {
		char code[16], name[256], level[4], parent[16];
		ivp_rc rc;

		if (ivp__area_canon(in->buurt, strlen(in->buurt), code) || strncmp(code, "BU", 2) ||
		    strlen(code) != 10) {
			*field = "buurt";
			ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a buurt code", in->buurt);
			ivp__hint(ctx, "Use the CBS code of a buurt, such as BU19260101 (ivp areas --under GM1926).");
			return ivp__coded(ctx, "bad_buurt", IVP_EINPUT);
		}
		snprintf(n->buurt, sizeof(n->buurt), "%s", code);
		/* the wijk the code lists give, else the one in the code (BU gggg ww bb) */
		rc = ivp__store_area_get(ctx, code, name, level, parent);
		if (rc == IVP_OK && !strncmp(parent, "WK", 2))
			snprintf(n->wijk, sizeof(n->wijk), "%s", parent);
		else if (rc == IVP_OK || rc == IVP_ENOTFOUND)
			snprintf(n->wijk, sizeof(n->wijk), "WK%.6s", code + 2);
		else
			return rc;
	}
	{
		static const char *const names[] = { "address", "description", "persons", "companies" };
		const char *const vals[] = { in->address, in->description, in->persons, in->companies };
		size_t i;

		for (i = 0; i < 4; i++)
			if (!ivp__reg_text_ok(vals[i], i > 0)) {
				*field = names[i];
				ivp__fail(ctx, IVP_EINPUT, "%s holds a control character", names[i]);
				ivp__hint(ctx, i ? "Only line breaks and tabs may be part of the text." :
						   "Write the address on one line, without control characters.");
				return ivp__coded(ctx, "bad_value", IVP_EINPUT);
			}
	}
	if (!in->description || !*in->description) {
		*field = "description";
		ivp__fail(ctx, IVP_EINPUT, "the signal has no description");
		ivp__hint(ctx, "Describe what was seen or reported; it is stored encrypted.");
		return ivp__coded(ctx, "missing_field", IVP_EINPUT);
	}
	return IVP_OK;
}

/* ---- sealing ------------------------------------------------------------------------ */

static const char hexd[] = "0123456789abcdef";

/* plain (NULL or "": none) sealed as field of rec into *out (malloc'd hex, NULL for none) */
static ivp_rc seal(ivp_ctx *ctx, const unsigned char *dek, const char *rec, const char *field, const char *plain,
		   char **out)
{
	ivp__buf blob;
	char *h;
	size_t i;
	ivp_rc rc;

	*out = NULL;
	if (!plain || !*plain)
		return IVP_OK;
	ivp__buf_init(&blob, SEAL_MAX);
	if (strchr(plain, '\r')) { /* sealed with LF line breaks only */
		char *lf = ivp__reg_text_lf(ctx, plain);

		rc = lf ? ivp__vault_seal(ctx, dek, REG, rec, field, lf, strlen(lf), &blob) : IVP_ENOMEM;
		free(lf);
	} else {
		rc = ivp__vault_seal(ctx, dek, REG, rec, field, plain, strlen(plain), &blob);
	}
	if (rc)
		goto out;
	h = malloc(2 * blob.len + 1);
	if (!h) {
		rc = ivp__oom(ctx, "A field of signal %s could not be sealed.", rec);
		goto out;
	}
	for (i = 0; i < blob.len; i++) {
		h[2 * i] = hexd[(unsigned char)blob.p[i] >> 4];
		h[2 * i + 1] = hexd[(unsigned char)blob.p[i] & 15];
	}
	h[2 * blob.len] = '\0';
	*out = h;
out:
	ivp__buf_free(&blob);
	return rc;
}

static int hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The hex of a sealed field opened into out ("" for none). */
static ivp_rc unseal(ivp_ctx *ctx, const unsigned char *dek, const char *rec, const char *field, const char *hex,
		     ivp__buf *out)
{
	unsigned char *bin;
	size_t n, i;
	ivp_rc rc;

	ivp__buf_reset(out);
	if (!hex || !*hex)
		return ivp__buf_add(out, "", 0) == -2 ? ivp__oom(ctx, NULL) : IVP_OK;
	n = strlen(hex) / 2;
	if (!(bin = malloc(n ? n : 1)))
		return ivp__oom(ctx, "A field of signal %s could not be opened.", rec);
	for (i = 0; i < n; i++) {
		int a = hexv(hex[2 * i]), b = hexv(hex[2 * i + 1]);

		if (a < 0 || b < 0) {
			free(bin);
			ivp__fail(ctx, IVP_EDB, "a sealed field of signal %s is damaged", rec);
			return IVP_EDB;
		}
		bin[i] = (unsigned char)(a << 4 | b);
	}
	rc = ivp__vault_open(ctx, dek, REG, rec, field, bin, n, out);
	free(bin);
	return rc;
}

/* ---- the actor and the decision ------------------------------------------------------ */

static const char *actor(const ivp_ctx *ctx)
{
	return ctx->actor_user[0] ? ctx->actor_user : NULL;
}

/* The actor's relation to a record with this intake member and handler. */
static ivp_rc rel_of(ivp_ctx *ctx, int member, const char *intake, const char *handler, ivp__reg_rel *rel)
{
	const char *u = actor(ctx);

	memset(rel, 0, sizeof(*rel));
	if (!u)
		return IVP_OK;
	rel->member = member;
	rel->handler = (intake && !strcmp(intake, u)) || (handler && !strcmp(handler, u));
	rel->dept_only = handler && !strcmp(handler, u) && !member;
	return IVP_OK;
}

static ivp_rc is_member(ivp_ctx *ctx, int *yes)
{
	*yes = 0;
	return actor(ctx) ? ivp__reg_is_member(ctx, REG, actor(ctx), yes) : IVP_OK;
}

static ivp_rc not_found(ivp_ctx *ctx, const char *id)
{
	ivp__fail(ctx, IVP_ENOTFOUND, "no signal %.64s", id ? id : "");
	ivp__hint(ctx, "Check the number with ivp signals list.");
	return ivp__coded(ctx, "signal_not_found", IVP_ENOTFOUND);
}

/* The decision on act for rel: IVP_OK (with *why the reason to record,
 * NULL: none needed), or the refusal on ctx. */
static ivp_rc gate(ivp_ctx *ctx, const ivp__reg_rel *rel, ivp__reg_act act, const char *id, const char *reason,
		   const char **why)
{
	int d = ivp__reg_decide(REG, rel, act);

	*why = NULL;
	if (d == IVP__NTK_ALLOW) {
		*why = reason && *reason ? reason : NULL;
		return IVP_OK;
	}
	if (d == IVP__NTK_REASON && reason && *reason) {
		*why = reason;
		return IVP_OK;
	}
	if (d == IVP__NTK_REASON) {
		ivp__fail(ctx, IVP_EINPUT, "a reason is needed to open signal %.64s", id);
		ivp__detail(ctx, "You are not the handler of this signal; every access of a signal one does not handle "
				 "is recorded with its reason.");
		ivp__hint(ctx, "Give the reason with --reason TEXT (on a page: the reason form).");
		ivp__option(ctx, "reason");
		return ivp__coded(ctx, "reason_required", IVP_EINPUT);
	}
	return not_found(ctx, id);
}

ivp_rc ivp_signals_member(ivp_ctx *ctx, int *yes)
{
	return is_member(ctx, yes);
}

ivp_rc ivp__sig_need_member(ivp_ctx *ctx)
{
	int member = 0;
	ivp_rc rc;

	if ((rc = is_member(ctx, &member)))
		return rc;
	if (member)
		return IVP_OK;
	ivp__fail(ctx, IVP_EINPUT, "not a member of the signals register");
	ivp__detail(ctx, "Only members of the ondermijningsoverleg take signals in, hold meetings and see the "
			 "register.");
	ivp__hint(ctx, "An administrator makes a user a member with ivp registers grant signals USER.");
	return ivp__coded(ctx, "register_not_member", IVP_EINPUT);
}

/* ---- one signal's clear fields -------------------------------------------------------- */

enum {
	C_ID,
	C_RECEIVED,
	C_SOURCE,
	C_PHEN,
	C_BUURT,
	C_WIJK,
	C_ADDRESS,
	C_DESC,
	C_PERSONS,
	C_COMPANIES,
	C_STATUS,
	C_INTAKE,
	C_HANDLER,
	C_CREATED,
	C_UPDATED,
	C_OUTCOME,
	C_N
};

/* a signal's row, copied */
typedef struct sig_row {
	char *v[C_N];
} sig_row;

static void row_free(sig_row *r)
{
	int i;

	for (i = 0; i < C_N; i++)
		free(r->v[i]);
	memset(r, 0, sizeof(*r));
}

static int copy_row(sig_row *r, const char *const *cols, int n)
{
	int i;

	for (i = 0; i < C_N && i < n; i++)
		if (cols[i] && !(r->v[i] = strdup(cols[i])))
			return -1;
	return 0;
}

static int one_row_cb(void *ud, const char *const *cols, int n)
{
	return copy_row(ud, cols, n);
}

/* The signal's row; IVP_ENOTFOUND as not_found. */
static ivp_rc get_row(ivp_ctx *ctx, const char *id, sig_row *r)
{
	ivp_rc rc;

	memset(r, 0, sizeof(*r));
	if (!id || !*id)
		return not_found(ctx, "");
	rc = ivp__store_sig_rows(ctx, id, one_row_cb, r);
	if (rc == IVP_ENOTFOUND) {
		row_free(r);
		return not_found(ctx, id);
	}
	if (rc)
		row_free(r);
	return rc;
}

/* ready, row, relation and decision in one: IVP_OK with r filled and *why set */
static ivp_rc open_for(ivp_ctx *ctx, const char *id, ivp__reg_act act, const char *reason, sig_row *r,
		       const char **why)
{
	ivp__reg_rel rel;
	int member;
	ivp_rc rc;

	memset(r, 0, sizeof(*r));
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = is_member(ctx, &member)) || (rc = get_row(ctx, id, r)))
		return rc;
	if ((rc = rel_of(ctx, member, r->v[C_INTAKE], r->v[C_HANDLER], &rel)) ||
	    (rc = gate(ctx, &rel, act, id, reason, why)))
		row_free(r);
	return rc;
}

static ivp_rc rollback(ivp_ctx *ctx, ivp_rc rc)
{
	ivp__store_abort(ctx); /* keeps the first error, the one to report */
	return rc;
}

/* ---- intake --------------------------------------------------------------------------- */

ivp_rc ivp__sig_write(ivp_ctx *ctx, const ivp_signal_in *in, const ivp__sig_norm *n, int64_t import_id,
		      const char *action, char out_id[64], int *dup)
{
	unsigned char dek[IVP__DEK_BYTES];
	char *x[4] = { NULL, NULL, NULL, NULL }, at[32];
	static const char *const fields[] = { "address", "description", "persons", "companies" };
	const char *plain[4] = { in->address, in->description, in->persons, in->companies };
	ivp__sig_rec r;
	int i, have_dek = 0;
	ivp_rc rc;

	*dup = 0;
	if (in->id) {
		snprintf(out_id, 64, "%s", in->id);
	} else {
		int64_t last = 0;

		if ((rc = ivp__store_sig_last(ctx, digits(in->received, 4), &last)))
			return rc;
		snprintf(out_id, 64, "S-%.4s-%04lld", in->received, (long long)(last + 1));
	}
	/* a re-import of a signal keeps its data key; a new one gets one */
	rc = ivp__vault_get(ctx, REG, out_id, dek);
	if (rc == IVP_ENOTFOUND)
		rc = ivp__vault_new(ctx, REG, out_id, dek);
	if (rc)
		goto out;
	have_dek = 1;
	for (i = 0; i < 4; i++)
		if ((rc = seal(ctx, dek, out_id, fields[i], plain[i], &x[i])))
			goto out;
	ivp__now_iso(at);
	memset(&r, 0, sizeof(r));
	r.id = out_id, r.received = in->received, r.source = n->source, r.phenomenon = n->phenomenon;
	r.buurt = n->buurt[0] ? n->buurt : NULL, r.wijk = n->wijk[0] ? n->wijk : NULL;
	r.address_x = x[0], r.description_x = x[1], r.persons_x = x[2], r.companies_x = x[3];
	r.status = "received", r.intake = actor(ctx), r.at = at, r.import_id = import_id;
	if ((rc = ivp__store_sig_put(ctx, &r, dup)) || *dup)
		goto out;
	rc = ivp__reg_audit(ctx, REG, action, out_id, NULL);
out:
	if (have_dek)
		ivp__vault_wipe(dek, sizeof(dek));
	for (i = 0; i < 4; i++)
		free(x[i]);
	return rc;
}

ivp_rc ivp_signal_add(ivp_ctx *ctx, const ivp_signal_in *in, char id[64])
{
	ivp__sig_norm n;
	const char *field = NULL;
	int dup = 0;
	ivp_rc rc;

	id[0] = '\0';
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = ivp__sig_need_member(ctx)))
		return rc;
	if ((rc = ivp__sig_check(ctx, in, &n, &field))) {
		if (rc == IVP_EINPUT)
			ivp__option(ctx, field);
		return rc;
	}
	if (in->id && !ivp__sig_id_ok(in->id)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a signal number", in->id);
		ivp__hint(ctx, "Leave the number out (the next one is given), or write S-YYYY-NNNN.");
		ivp__option(ctx, "id");
		return ivp__coded(ctx, "bad_value", IVP_EINPUT);
	}
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	if ((rc = ivp__sig_write(ctx, in, &n, 0, "signal.create", id, &dup)))
		return rollback(ctx, rc);
	return ivp__store_commit(ctx);
}

/* ---- list, show, export ----------------------------------------------------------------- */

typedef struct lister {
	ivp_ctx *ctx;
	ivp_table *t;
	int member;
	ivp__reg_act act;
	const char *reason, *lang;
	int failed, n;
	sig_row *rows; /* export: the rows to open */
	int nrows, caprows;
} lister;

static int set_text(ivp_table *t, int col, const char *v)
{
	return ivp__table_set_text(t, col, v);
}

/* May the actor see this row for l->act? */
static int visible(lister *l, const char *const *cols)
{
	ivp__reg_rel rel;
	int d;

	(void)rel_of(l->ctx, l->member, cols[C_INTAKE], cols[C_HANDLER], &rel);
	d = ivp__reg_decide(REG, &rel, l->act);
	return d == IVP__NTK_ALLOW || (d == IVP__NTK_REASON && l->reason && *l->reason);
}

static int list_cb(void *ud, const char *const *cols, int n)
{
	lister *l = ud;
	ivp_table *t = l->t;

	(void)n;
	if (!visible(l, cols))
		return 0;
	if (ivp__table_row(t) < 0 || set_text(t, 0, cols[C_ID]) || set_text(t, 1, cols[C_RECEIVED]) ||
	    set_text(t, 2, ivp__sig_label_of(ivp__sig_sources, cols[C_SOURCE], l->lang)) ||
	    set_text(t, 3, ivp__sig_label_of(ivp__sig_phenomena, cols[C_PHEN], l->lang)) ||
	    set_text(t, 4, cols[C_WIJK]) || set_text(t, 5, ivp__sig_label_of(ivp__sig_statuses, cols[C_STATUS], l->lang)) ||
	    set_text(t, 6, ivp__sig_label_of(ivp__sig_outcomes, cols[C_OUTCOME], l->lang)) ||
	    set_text(t, 7, cols[C_HANDLER]) || set_text(t, 8, cols[C_INTAKE])) {
		l->failed = 1;
		return 1;
	}
	l->n++;
	return 0;
}

static ivp_table *table_of(const char *const *cols, int n)
{
	ivp_table *t = ivp__table_new();
	int i;

	if (!t)
		return NULL;
	for (i = 0; i < n; i++)
		if (ivp__table_col(t, cols[i], IVP__COL_BRIEF, 0) < 0) {
			ivp_table_free(t);
			return NULL;
		}
	return t;
}

ivp_rc ivp_signals_list(ivp_ctx *ctx, const char *lang, ivp_table **out)
{
	static const char *const cols[] = { "id", "received", "source", "phenomenon", "wijk",
					    "status", "outcome", "handler", "intake" };
	lister l;
	ivp_rc rc;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.ctx = ctx, l.act = IVP__REG_LIST, l.lang = lang;
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = is_member(ctx, &l.member)))
		return rc;
	if (!(l.t = table_of(cols, 9)))
		return ivp__oom(ctx, "The list of signals could not be made.");
	rc = ivp__store_sig_rows(ctx, NULL, list_cb, &l);
	if (l.failed) {
		ivp__error_clear(&ctx->err);
		rc = ivp__oom(ctx, "The list of signals could not be made.");
	}
	/* one entry for the list: who saw which part of the register when */
	if (!rc && l.n)
		rc = ivp__reg_audit(ctx, REG, "signal.list", "list", NULL);
	if (rc) {
		ivp_table_free(l.t);
		return rc;
	}
	*out = l.t;
	return IVP_OK;
}

/* the weighing's columns (ivp__store_sig_weighings) */
enum {
	W_SIGNAL,
	W_DATE,
	W_MEETING,
	W_CONCRETE,
	W_RECENT,
	W_PATTERN,
	W_OUTCOME,
	W_DEPT,
	W_CHECKS,
	W_FOLLOWUP,
	W_RESULT,
	W_BY,
	W_AT,
	W_N
};

typedef struct wrow {
	char *v[W_N];
	int have;
} wrow;

static int wrow_cb(void *ud, const char *const *cols, int n)
{
	wrow *w = ud;
	int i;

	w->have = 1;
	for (i = 0; i < W_N && i < n; i++)
		if (cols[i] && !(w->v[i] = strdup(cols[i])))
			return -1;
	return 0;
}

static void wrow_free(wrow *w)
{
	int i;

	for (i = 0; i < W_N; i++)
		free(w->v[i]);
	memset(w, 0, sizeof(*w));
}

static const char *const show_cols[] = { "id", "received", "source", "phenomenon", "buurt", "wijk", "address",
					 "description", "persons", "companies", "status", "intake", "handler",
					 "weighed", "meeting", "concrete", "recent", "pattern", "outcome",
					 "department", "checks", "followup", "result" };
#define NSHOW 23

/* One opened signal as the next row of t. */
static ivp_rc show_row(ivp_ctx *ctx, const sig_row *r, const char *lang, ivp_table *t)
{
	static const char *const fields[] = { "address", "description", "persons", "companies" };
	unsigned char dek[IVP__DEK_BYTES];
	ivp__buf plain;
	wrow w;
	int i;
	ivp_rc rc;

	memset(&w, 0, sizeof(w));
	ivp__buf_init(&plain, SEAL_MAX);
	if ((rc = ivp__vault_get(ctx, REG, r->v[C_ID], dek))) {
		if (rc == IVP_ENOTFOUND)
			rc = not_found(ctx, r->v[C_ID]);
		ivp__buf_free(&plain);
		return rc;
	}
	if ((rc = ivp__store_sig_weighings(ctx, r->v[C_ID], wrow_cb, &w)))
		goto out;
	if (ivp__table_row(t) < 0)
		goto oom;
	if (set_text(t, 0, r->v[C_ID]) || set_text(t, 1, r->v[C_RECEIVED]) ||
	    set_text(t, 2, ivp__sig_label_of(ivp__sig_sources, r->v[C_SOURCE], lang)) ||
	    set_text(t, 3, ivp__sig_label_of(ivp__sig_phenomena, r->v[C_PHEN], lang)) || set_text(t, 4, r->v[C_BUURT]) ||
	    set_text(t, 5, r->v[C_WIJK]))
		goto oom;
	for (i = 0; i < 4; i++) {
		if ((rc = unseal(ctx, dek, r->v[C_ID], fields[i], r->v[C_ADDRESS + i], &plain)))
			goto out;
		if (set_text(t, 6 + i, plain.len ? ivp__buf_str(&plain) : NULL))
			goto oom;
	}
	if (set_text(t, 10, ivp__sig_label_of(ivp__sig_statuses, r->v[C_STATUS], lang)) ||
	    set_text(t, 11, r->v[C_INTAKE]) || set_text(t, 12, r->v[C_HANDLER]))
		goto oom;
	if (w.have) {
		if (set_text(t, 13, w.v[W_DATE]) || set_text(t, 14, w.v[W_MEETING]) ||
		    set_text(t, 15, w.v[W_CONCRETE]) || set_text(t, 16, w.v[W_RECENT]) ||
		    set_text(t, 17, w.v[W_PATTERN]) ||
		    set_text(t, 18, ivp__sig_label_of(ivp__sig_outcomes, w.v[W_OUTCOME], lang)) ||
		    set_text(t, 19, w.v[W_DEPT] && *w.v[W_DEPT] ? ivp__sig_label_of(ivp__sig_departments, w.v[W_DEPT], lang) : NULL))
			goto oom;
		if ((rc = unseal(ctx, dek, r->v[C_ID], "checks", w.v[W_CHECKS], &plain)))
			goto out;
		if (set_text(t, 20, plain.len ? ivp__buf_str(&plain) : NULL) || set_text(t, 21, w.v[W_FOLLOWUP]))
			goto oom;
		if ((rc = unseal(ctx, dek, r->v[C_ID], "result", w.v[W_RESULT], &plain)))
			goto out;
		if (set_text(t, 22, plain.len ? ivp__buf_str(&plain) : NULL))
			goto oom;
	}
	goto out;
oom:
	rc = ivp__oom(ctx, "Signal %s could not be shown.", r->v[C_ID]);
out:
	ivp__vault_wipe(dek, sizeof(dek));
	if (plain.p)
		ivp__vault_wipe(plain.p, plain.cap);
	ivp__buf_free(&plain);
	wrow_free(&w);
	return rc;
}

typedef struct hist {
	ivp_table *t;
	const char *lang;
	int failed;
} hist;

static int hist_cb(void *ud, const char *const *cols, int n)
{
	hist *h = ud;

	(void)n;
	if (ivp__table_row(h->t) < 0 || set_text(h->t, 0, cols[0]) ||
	    set_text(h->t, 1, ivp__sig_label_of(ivp__sig_statuses, cols[1], h->lang)) || set_text(h->t, 2, cols[2]) ||
	    set_text(h->t, 3, cols[3])) {
		h->failed = 1;
		return 1;
	}
	return 0;
}

ivp_rc ivp_signal_show(ivp_ctx *ctx, const char *id, const char *reason, const char *lang, ivp_table **out,
		       ivp_table **history)
{
	static const char *const hcols[] = { "seq", "status", "by", "at" };
	ivp_table *t = NULL;
	hist h = { NULL, lang, 0 };
	const char *why;
	sig_row r;
	int opened = 0;
	ivp_rc rc;

	*out = NULL;
	if (history)
		*history = NULL;
	if ((rc = open_for(ctx, id, IVP__REG_READ, reason, &r, &why)))
		return rc;
	if (!(t = table_of(show_cols, NSHOW)) || (history && !(h.t = table_of(hcols, 4)))) {
		rc = ivp__oom(ctx, "Signal %s could not be shown.", id);
		goto out;
	}
	if ((rc = ivp__store_read_begin(ctx, &opened)))
		goto out;
	rc = show_row(ctx, &r, lang, t);
	if (!rc && h.t) {
		rc = ivp__store_sig_history(ctx, id, hist_cb, &h);
		if (h.failed) {
			ivp__error_clear(&ctx->err);
			rc = ivp__oom(ctx, "Signal %s could not be shown.", id);
		}
	}
	ivp__store_read_end(ctx, opened);
	if (!rc)
		rc = ivp__reg_audit(ctx, REG, "signal.read", id, why);
out:
	row_free(&r);
	if (rc) {
		ivp_table_free(t);
		ivp_table_free(h.t);
		return rc;
	}
	*out = t;
	if (history)
		*history = h.t;
	return IVP_OK;
}

static int export_cb(void *ud, const char *const *cols, int n)
{
	lister *l = ud;

	if (!visible(l, cols))
		return 0;
	if (l->nrows == l->caprows) {
		int cap = l->caprows ? 2 * l->caprows : 16;
		sig_row *p = realloc(l->rows, (size_t)cap * sizeof(*p));

		if (!p) {
			l->failed = 1;
			return 1;
		}
		l->rows = p, l->caprows = cap;
	}
	memset(&l->rows[l->nrows], 0, sizeof(sig_row));
	if (copy_row(&l->rows[l->nrows++], cols, n)) {
		l->failed = 1;
		return 1;
	}
	return 0;
}

ivp_rc ivp_signals_export(ivp_ctx *ctx, const char *reason, const char *lang, ivp_table **out)
{
	lister l;
	int i, opened = 0;
	ivp_rc rc;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.ctx = ctx, l.act = IVP__REG_EXPORT, l.lang = lang, l.reason = reason;
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = is_member(ctx, &l.member)))
		return rc;
	if (!(l.t = table_of(show_cols, NSHOW)))
		return ivp__oom(ctx, "The export of signals could not be made.");
	if ((rc = ivp__store_read_begin(ctx, &opened)))
		goto out;
	rc = ivp__store_sig_rows(ctx, NULL, export_cb, &l);
	if (l.failed) {
		ivp__error_clear(&ctx->err);
		rc = ivp__oom(ctx, "The export of signals could not be made.");
	}
	for (i = 0; !rc && i < l.nrows; i++)
		rc = show_row(ctx, &l.rows[i], lang, l.t);
	ivp__store_read_end(ctx, opened);
	/* each record taken out is its own entry, with the reason given */
	for (i = 0; !rc && i < l.nrows; i++) {
		ivp__reg_rel rel;
		const char *why;

		(void)rel_of(ctx, l.member, l.rows[i].v[C_INTAKE], l.rows[i].v[C_HANDLER], &rel);
		rc = gate(ctx, &rel, IVP__REG_EXPORT, l.rows[i].v[C_ID], reason, &why);
		if (!rc)
			rc = ivp__reg_audit(ctx, REG, "signal.export", l.rows[i].v[C_ID], why);
	}
out:
	for (i = 0; i < l.nrows; i++)
		row_free(&l.rows[i]);
	free(l.rows);
	if (rc) {
		ivp_table_free(l.t);
		return rc;
	}
	*out = l.t;
	return IVP_OK;
}

/* ---- writes on one signal --------------------------------------------------------------- */

/* the error on ctx is about the call's parameter field */
static ivp_rc on_field(ivp_ctx *ctx, const char *field, ivp_rc rc)
{
	ivp__option(ctx, field);
	return rc;
}

/* The status a weighing's outcome gives the signal. */
static const char *status_after(const char *outcome)
{
	if (!outcome || !strcmp(outcome, "none"))
		return "weighed";
	if (!strcmp(outcome, "inquiry"))
		return "inquiry";
	return "handed_over";
}

static ivp_rc check_weighing(ivp_ctx *ctx, const ivp_signal_weighing *w, const char **outcome, const char **dept)
{
	*dept = "";
	if (!ivp__sig_date_ok(w->date)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a date", w->date ? w->date : "");
		ivp__hint(ctx, "Write the date of the weighing as YYYY-MM-DD, such as 2026-03-14.");
		return on_field(ctx, "date", ivp__coded(ctx, "bad_date", IVP_EINPUT));
	}
	if (!(*outcome = ivp__sig_key(ivp__sig_outcomes, w->outcome))) {
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not an outcome of a weighing", w->outcome ? w->outcome : "");
		ivp__hint(ctx, "Use none, department, riec, police or inquiry.");
		return on_field(ctx, "outcome", ivp__coded(ctx, "bad_value", IVP_EINPUT));
	}
	if (!strcmp(*outcome, "department")) {
		if (!(*dept = ivp__sig_key(ivp__sig_departments, w->department))) {
			ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a municipal department",
				  w->department ? w->department : "");
			ivp__hint(ctx, "Name the department the signal goes to: bibob, enforcement, permits or other.");
			return on_field(ctx, "department", ivp__coded(ctx, "bad_value", IVP_EINPUT));
		}
	} else if (w->department && *w->department) {
		ivp__fail(ctx, IVP_EINPUT, "a department is named but the outcome is not a municipal department");
		ivp__hint(ctx, "Leave the department out, or choose the outcome department.");
		return on_field(ctx, "department", ivp__coded(ctx, "bad_value", IVP_EINPUT));
	}
	if (!strcmp(*outcome, "inquiry") && (!w->checks || !*w->checks)) {
		ivp__fail(ctx, IVP_EINPUT, "a further inquiry needs its hit/no-hit checks first");
		ivp__hint(ctx, "Name the registers checked and whether each gave a hit, such as \"BRP: hit; KvK: no hit\".");
		return on_field(ctx, "checks", ivp__coded(ctx, "missing_field", IVP_EINPUT));
	}
	if (!ivp__reg_text_ok(w->checks, 1) || !ivp__reg_text_ok(w->result, 1)) {
		int c = !ivp__reg_text_ok(w->checks, 1);

		ivp__fail(ctx, IVP_EINPUT, "%s holds a control character", c ? "checks" : "result");
		ivp__hint(ctx, "Only line breaks and tabs may be part of the text.");
		return on_field(ctx, c ? "checks" : "result", ivp__coded(ctx, "bad_value", IVP_EINPUT));
	}
	if (w->followup && *w->followup && !ivp__sig_date_ok(w->followup)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a date", w->followup);
		ivp__hint(ctx, "Write the follow-up date as YYYY-MM-DD, or leave it out.");
		return on_field(ctx, "followup", ivp__coded(ctx, "bad_date", IVP_EINPUT));
	}
	return IVP_OK;
}

ivp_rc ivp_signal_weigh(ivp_ctx *ctx, const char *id, const ivp_signal_weighing *w, const char *reason)
{
	unsigned char dek[IVP__DEK_BYTES];
	ivp__sig_weighing sw;
	const char *why = NULL, *outcome = NULL, *dept = "";
	char *checks = NULL, *result = NULL, at[32];
	sig_row r;
	int have_dek = 0;
	ivp_rc rc;

	if ((rc = open_for(ctx, id, IVP__REG_WRITE, reason, &r, &why)))
		return rc;
	if ((rc = check_weighing(ctx, w, &outcome, &dept)) || (rc = ivp__store_begin(ctx)))
		goto out;
	if ((rc = ivp__vault_get(ctx, REG, id, dek)))
		goto fail;
	have_dek = 1;
	if ((rc = seal(ctx, dek, id, "checks", w->checks, &checks)) ||
	    (rc = seal(ctx, dek, id, "result", w->result, &result)))
		goto fail;
	ivp__now_iso(at);
	memset(&sw, 0, sizeof(sw));
	sw.signal = id, sw.date = w->date, sw.meeting = w->meeting;
	sw.concrete = w->concrete, sw.recent = w->recent, sw.pattern = w->pattern;
	sw.outcome = outcome, sw.department = dept, sw.checks_x = checks;
	sw.followup = w->followup && *w->followup ? w->followup : NULL, sw.result_x = result;
	sw.by = actor(ctx), sw.at = at;
	rc = ivp__store_sig_weigh(ctx, &sw);
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_EINPUT, "no meeting %lld", (long long)w->meeting);
		ivp__hint(ctx, "Name a meeting of ivp signals meeting list, or leave it out.");
		rc = on_field(ctx, "meeting", ivp__coded(ctx, "bad_value", IVP_EINPUT));
	}
	if (rc || (rc = ivp__store_sig_status(ctx, id, status_after(outcome), actor(ctx), at)) ||
	    (rc = ivp__reg_audit(ctx, REG, "signal.weigh", id, why)))
		goto fail;
	rc = ivp__store_commit(ctx);
	goto out;
fail:
	rc = rollback(ctx, rc);
out:
	if (have_dek)
		ivp__vault_wipe(dek, sizeof(dek));
	free(checks);
	free(result);
	row_free(&r);
	return rc;
}

ivp_rc ivp_signal_handler(ivp_ctx *ctx, const char *id, const char *user, const char *reason)
{
	ivp__user_rec u;
	const char *why;
	char at[32];
	sig_row r;
	ivp_rc rc;

	if ((rc = open_for(ctx, id, IVP__REG_WRITE, reason, &r, &why)))
		return rc;
	if (user && *user) {
		rc = ivp__store_user_get(ctx, user, &u);
		ivp__vault_wipe(&u, sizeof(u));
		if (rc == IVP_ENOTFOUND) {
			ivp__fail(ctx, IVP_EINPUT, "no user \"%.64s\"", user);
			ivp__hint(ctx, "Name a user of ivp user list (an administrator adds one with ivp user add).");
			rc = on_field(ctx, "handler", ivp__coded(ctx, "unknown_handler", IVP_EINPUT));
		}
		if (rc)
			goto out;
	}
	if ((rc = ivp__store_begin(ctx)))
		goto out;
	ivp__now_iso(at);
	if ((rc = ivp__store_sig_handler(ctx, id, user && *user ? user : NULL, at)) ||
	    (rc = ivp__reg_audit(ctx, REG, "signal.handler", id, why)))
		rc = rollback(ctx, rc);
	else
		rc = ivp__store_commit(ctx);
out:
	row_free(&r);
	return rc;
}

ivp_rc ivp_signal_status(ivp_ctx *ctx, const char *id, const char *status, const char *reason)
{
	const char *why, *key;
	char at[32];
	sig_row r;
	ivp_rc rc;

	if ((rc = open_for(ctx, id, IVP__REG_WRITE, reason, &r, &why)))
		return rc;
	if (!(key = ivp__sig_key(ivp__sig_statuses, status))) {
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a status of a signal", status ? status : "");
		ivp__hint(ctx, "Use received, agenda, weighed, handed_over, inquiry or closed.");
		rc = on_field(ctx, "status", ivp__coded(ctx, "bad_value", IVP_EINPUT));
		goto out;
	}
	if ((rc = ivp__store_begin(ctx)))
		goto out;
	ivp__now_iso(at);
	if ((rc = ivp__store_sig_status(ctx, id, key, actor(ctx), at)) ||
	    (rc = ivp__reg_audit(ctx, REG, "signal.status", id, why)))
		rc = rollback(ctx, rc);
	else
		rc = ivp__store_commit(ctx);
out:
	row_free(&r);
	return rc;
}

/* ---- meetings and the agenda ------------------------------------------------------------ */

ivp_rc ivp_signal_meeting_add(ivp_ctx *ctx, const char *date, const char *orgs, int64_t *id)
{
	char list[512], *save = NULL, *o, rec[32];
	ivp_rc rc;

	*id = 0;
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = ivp__sig_need_member(ctx)))
		return rc;
	if (!ivp__sig_date_ok(date)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a date", date ? date : "");
		ivp__hint(ctx, "Write the date of the meeting as YYYY-MM-DD, such as 2026-03-14.");
		return on_field(ctx, "date", ivp__coded(ctx, "bad_date", IVP_EINPUT));
	}
	if (snprintf(list, sizeof(list), "%s", orgs ? orgs : "") >= (int)sizeof(list)) {
		ivp__fail(ctx, IVP_EINPUT, "the list of organisations is too long");
		ivp__hint(ctx, "Name each organisation once by its id (ivp org list).");
		return on_field(ctx, "orgs", ivp__coded(ctx, "bad_value", IVP_EINPUT));
	}
	for (o = strtok_r(list, ", ", &save); o; o = strtok_r(NULL, ", ", &save)) {
		ivp__org_rec org;

		rc = ivp__store_org_get(ctx, o, &org);
		if (rc == IVP_ENOTFOUND) {
			ivp__fail(ctx, IVP_EINPUT, "no organisation \"%.40s\"", o);
			ivp__hint(ctx, "Name the attending organisations by their ids of ivp org list, separated by commas.");
			return on_field(ctx, "orgs", ivp__coded(ctx, "unknown_org", IVP_EINPUT));
		}
		if (rc)
			return rc;
	}
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	if ((rc = ivp__store_sig_meeting_add(ctx, date, orgs, actor(ctx), id)))
		return rollback(ctx, rc);
	snprintf(rec, sizeof(rec), "meeting-%lld", (long long)*id);
	if ((rc = ivp__reg_audit(ctx, REG, "signal.meeting", rec, NULL)))
		return rollback(ctx, rc);
	return ivp__store_commit(ctx);
}

typedef struct rows_to {
	ivp_table *t;
	int ncols, failed;
} rows_to;

static int rows_to_cb(void *ud, const char *const *cols, int n)
{
	rows_to *r = ud;
	int i;

	if (ivp__table_row(r->t) < 0) {
		r->failed = 1;
		return 1;
	}
	for (i = 0; i < r->ncols && i < n; i++)
		if (set_text(r->t, i, cols[i])) {
			r->failed = 1;
			return 1;
		}
	return 0;
}

ivp_rc ivp_signal_meetings(ivp_ctx *ctx, ivp_table **out)
{
	static const char *const cols[] = { "id", "date", "orgs", "signals" };
	rows_to r = { NULL, 4, 0 };
	ivp_rc rc;

	*out = NULL;
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = ivp__sig_need_member(ctx)))
		return rc;
	if (!(r.t = table_of(cols, 4)))
		return ivp__oom(ctx, "The meetings could not be listed.");
	rc = ivp__store_sig_meetings(ctx, rows_to_cb, &r);
	if (r.failed) {
		ivp__error_clear(&ctx->err);
		rc = ivp__oom(ctx, "The meetings could not be listed.");
	}
	if (rc) {
		ivp_table_free(r.t);
		return rc;
	}
	*out = r.t;
	return IVP_OK;
}

ivp_rc ivp_signal_agenda_add(ivp_ctx *ctx, int64_t meeting, const char *id, const char *reason)
{
	const char *why;
	char at[32];
	sig_row r;
	int dup = 0;
	ivp_rc rc;

	if ((rc = open_for(ctx, id, IVP__REG_WRITE, reason, &r, &why)))
		return rc;
	if ((rc = ivp__store_begin(ctx)))
		goto out;
	rc = ivp__store_sig_agenda_add(ctx, meeting, id, &dup);
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_EINPUT, "no meeting %lld", (long long)meeting);
		ivp__hint(ctx, "Name a meeting of ivp signals meeting list, or add one with ivp signals meeting add.");
		rc = on_field(ctx, "meeting", ivp__coded(ctx, "bad_value", IVP_EINPUT));
	}
	ivp__now_iso(at);
	if (!rc && !dup && r.v[C_STATUS] && !strcmp(r.v[C_STATUS], "received"))
		rc = ivp__store_sig_status(ctx, id, "agenda", actor(ctx), at);
	if (!rc)
		rc = ivp__reg_audit(ctx, REG, "signal.agenda", id, why);
	rc = rc ? rollback(ctx, rc) : ivp__store_commit(ctx);
out:
	row_free(&r);
	return rc;
}

/* the agenda's rows, then the signals' rows for the decision per row */
typedef struct agenda_rows {
	char (*sig)[IVP__RECID_MAX];
	char (*date)[16];
	int64_t *meeting;
	int n, cap, failed;
} agenda_rows;

static int agenda_cb(void *ud, const char *const *cols, int n)
{
	agenda_rows *a = ud;

	(void)n;
	if (a->n == a->cap) {
		int cap = a->cap ? 2 * a->cap : 16;
		void *s = realloc(a->sig, (size_t)cap * sizeof(*a->sig));

		if (!s) {
			a->failed = 1;
			return 1;
		}
		a->sig = s;
		if (!(s = realloc(a->date, (size_t)cap * sizeof(*a->date)))) {
			a->failed = 1;
			return 1;
		}
		a->date = s;
		if (!(s = realloc(a->meeting, (size_t)cap * sizeof(*a->meeting)))) {
			a->failed = 1;
			return 1;
		}
		a->meeting = s;
		a->cap = cap;
	}
	a->meeting[a->n] = strtoll(cols[0], NULL, 10);
	snprintf(a->date[a->n], sizeof(a->date[0]), "%s", cols[1]);
	snprintf(a->sig[a->n], sizeof(a->sig[0]), "%s", cols[2]);
	a->n++;
	return 0;
}

ivp_rc ivp_signal_agenda(ivp_ctx *ctx, int64_t meeting, const char *lang, ivp_table **out)
{
	static const char *const cols[] = { "meeting", "date", "signal", "phenomenon", "status" };
	agenda_rows a;
	ivp_table *t = NULL;
	int member = 0, i;
	ivp_rc rc;

	*out = NULL;
	memset(&a, 0, sizeof(a));
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = is_member(ctx, &member)))
		return rc;
	if (!(t = table_of(cols, 5)))
		return ivp__oom(ctx, "The agenda could not be made.");
	rc = ivp__store_sig_agenda(ctx, meeting, agenda_cb, &a);
	if (a.failed) {
		ivp__error_clear(&ctx->err);
		rc = ivp__oom(ctx, "The agenda could not be made.");
	}
	for (i = 0; !rc && i < a.n; i++) {
		ivp__reg_rel rel;
		sig_row r;

		memset(&r, 0, sizeof(r));
		rc = ivp__store_sig_rows(ctx, a.sig[i], one_row_cb, &r);
		if (rc == IVP_ENOTFOUND) {
			rc = IVP_OK;
			continue;
		}
		if (!rc) {
			(void)rel_of(ctx, member, r.v[C_INTAKE], r.v[C_HANDLER], &rel);
			if (ivp__reg_decide(REG, &rel, IVP__REG_LIST) == IVP__NTK_ALLOW &&
			    (ivp__table_row(t) < 0 || ivp__table_set_int(t, 0, a.meeting[i]) || set_text(t, 1, a.date[i]) ||
			     set_text(t, 2, a.sig[i]) ||
			     set_text(t, 3, ivp__sig_label_of(ivp__sig_phenomena, r.v[C_PHEN], lang)) ||
			     set_text(t, 4, ivp__sig_label_of(ivp__sig_statuses, r.v[C_STATUS], lang))))
				rc = ivp__oom(ctx, "The agenda could not be made.");
		}
		row_free(&r);
	}
	free(a.sig);
	free(a.date);
	free(a.meeting);
	if (rc) {
		ivp_table_free(t);
		return rc;
	}
	*out = t;
	return IVP_OK;
}

/* ---- retention ---------------------------------------------------------------------------- */

/* date minus months (the day kept, or the month's last) into out */
static void months_back(const char *date, int months, char out[16])
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = digits(date, 4), m = digits(date + 5, 2), d = digits(date + 8, 2), last;

	m -= months;
	while (m < 1)
		m += 12, y--;
	last = days[m - 1] + (m == 2 && !(y % 4) && ((y % 100) || !(y % 400)));
	if (d > last)
		d = last;
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

/* date plus months, as months_back */
static void months_on(const char *date, int months, char out[16])
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = digits(date, 4), m = digits(date + 5, 2), d = digits(date + 8, 2), last;

	m += months;
	while (m > 12)
		m -= 12, y++;
	last = days[m - 1] + (m == 2 && !(y % 4) && ((y % 100) || !(y % 400)));
	if (d > last)
		d = last;
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

typedef struct expired {
	char (*id)[IVP__RECID_MAX];
	char (*weighed)[16];
	int n, cap, failed;
} expired;

static int expired_cb(void *ud, const char *const *cols, int n)
{
	expired *e = ud;

	(void)n;
	if (e->n == e->cap) {
		int cap = e->cap ? 2 * e->cap : 16;
		void *p = realloc(e->id, (size_t)cap * sizeof(*e->id));

		if (!p) {
			e->failed = 1;
			return 1;
		}
		e->id = p;
		if (!(p = realloc(e->weighed, (size_t)cap * sizeof(*e->weighed)))) {
			e->failed = 1;
			return 1;
		}
		e->weighed = p;
		e->cap = cap;
	}
	snprintf(e->id[e->n], sizeof(e->id[0]), "%s", cols[0]);
	snprintf(e->weighed[e->n], sizeof(e->weighed[0]), "%s", cols[1]);
	e->n++;
	return 0;
}

/*
 * Signals weighed "no action" expire ivp__reg_retention_months(…
 * "not_taken_up") after the weighing: on as_of, every one weighed on or
 * before as_of minus that period. Destroying one deletes its data key
 * (ivp__vault_shred) and every row of it in one transaction with an
 * audit entry "signal.destroyed" that names the record and nothing else.
 */
static ivp_rc sig_expire(ivp_ctx *ctx, const char *as_of, int dry_run, ivp__row_cb cb, void *ud, int64_t *n)
{
	expired e;
	char until[16], when[16];
	int months = 0, i;
	ivp_rc rc;

	*n = 0;
	memset(&e, 0, sizeof(e));
	if (!ivp__sig_date_ok(as_of)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a date", as_of ? as_of : "");
		ivp__hint(ctx, "Write the date as YYYY-MM-DD, such as 2026-03-14.");
		return on_field(ctx, "as-of", ivp__coded(ctx, "bad_date", IVP_EINPUT));
	}
	if ((rc = ivp__reg_retention_months(ctx, REG, "not_taken_up", &months)))
		return rc;
	months_back(as_of, months, until);
	rc = ivp__store_sig_weighed_by(ctx, "none", until, expired_cb, &e);
	if (e.failed) {
		ivp__error_clear(&ctx->err);
		rc = ivp__oom(ctx, "The expired signals could not be listed.");
	}
	if (rc)
		goto out;
	if (!dry_run && e.n && (rc = ivp__store_begin(ctx)))
		goto out;
	for (i = 0; i < e.n; i++) {
		if (!dry_run) {
			rc = ivp__vault_shred(ctx, REG, e.id[i]);
			if (rc == IVP_ENOTFOUND)
				rc = IVP_OK;
			if (!rc)
				rc = ivp__store_sig_delete(ctx, e.id[i]);
			if (rc == IVP_ENOTFOUND)
				rc = IVP_OK;
			if (!rc)
				rc = ivp__reg_audit(ctx, REG, "signal.destroyed", e.id[i], NULL);
			if (rc) {
				rc = rollback(ctx, rc);
				goto out;
			}
		}
		months_on(e.weighed[i], months, when);
		if (cb) {
			const char *row[3] = { e.id[i], "signal", when };

			if (cb(ud, row, 3)) {
				if (!dry_run)
					rc = rollback(ctx, ivp__fail(ctx, IVP_ENOMEM, "out of memory"));
				goto out;
			}
		}
	}
	if (!dry_run && e.n)
		rc = ivp__store_commit(ctx);
	if (!rc)
		*n = e.n;
out:
	free(e.id);
	free(e.weighed);
	return rc;
}

/* The actor's relation to signal id (registers.h, ivp__reg_kind.relation). */
static ivp_rc sig_relation(ivp_ctx *ctx, const char *id, ivp__reg_rel *rel)
{
	sig_row r;
	int member;
	ivp_rc rc;

	memset(rel, 0, sizeof(*rel));
	if ((rc = is_member(ctx, &member)) || (rc = get_row(ctx, id, &r)))
		return rc;
	rc = rel_of(ctx, member, r.v[C_INTAKE], r.v[C_HANDLER], rel);
	row_free(&r);
	return rc;
}

const ivp__reg_kind ivp__sig_kind = { REG, sig_expire, sig_relation };
