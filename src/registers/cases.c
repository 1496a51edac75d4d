/*
 * cases.c — the case register of the Zorg- en Veiligheidshuis
 * (include/ivp/cases.h, docs/cases.md): registration, the organisations
 * of a case, life-domain scores, agreements, meetings, notes, status,
 * export, counts without persons, and the retention hook.
 *
 * Every entry point follows the same steps: the register is open
 * (ivp__vault_ready, the key file), the case is loaded, the actor's
 * relation to it is computed (member of the register; participant: a
 * member whose organisation takes part and has not left; handler: its
 * process director or the member who registered it), ivp__reg_decide
 * says allow / allow with a reason / hidden, a hidden case is "case not
 * found" exactly as a missing one, and the access is recorded with
 * ivp__reg_audit before anything is handed out (for a write: inside the
 * write's transaction, so no change exists without its entry).
 *
 * Sealed fields (the reasons, the goal, the person, every entry's text)
 * are stored as the hex of their vault blob, each bound to its record and
 * field name: "reason", "close_reason", "goal", "person", "entry.N". The
 * person is one sealed record of four lines (name, date of birth, BSN,
 * address). The BSN is in the database only inside that blob and as its
 * blind index (ivp__vault_blind, kind "bsn") for duplicate detection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/org.h"
#include "core/core.h"
#include "ivp/cases.h"
#include "registers/cases.h"
#include "registers/registers.h"
#include "stats/suppress.h"
#include "store/auth_store.h"
#include "store/case_store.h"
#include "store/org_store.h"

#define REG IVP__REG_CASES
#define TEXT_MAX 8192 /* a free-text field */
#define LINE_MAX_ 256 /* a name, an address */
#define CS_ORGS 64    /* organisations of one case */

static const char *const statuses[] = { "registered", "in_progress", "closed", "declined" };

/* One case row as the store hands it (IVP__CASE_C_*), owned. */
typedef struct cs_case {
	char *col[IVP__CASE_NCOLS];
	char org[CS_ORGS][32], joined[CS_ORGS][11];
	int left[CS_ORGS];
	int64_t last_entry; /* the highest entry number */
	int norgs;
	int found;
} cs_case;

static void case_free(cs_case *c)
{
	int i;

	for (i = 0; i < IVP__CASE_NCOLS; i++)
		free(c->col[i]);
	memset(c, 0, sizeof(*c));
}

static int case_row(void *ud, const char *const *cols, int n)
{
	cs_case *c = ud;
	int i;

	for (i = 0; i < IVP__CASE_NCOLS && i < n; i++) {
		free(c->col[i]);
		c->col[i] = NULL;
		if (cols[i] && !(c->col[i] = strdup(cols[i])))
			return 1;
	}
	c->found = 1;
	return 0;
}

static int org_row(void *ud, const char *const *cols, int n)
{
	cs_case *c = ud;

	if (n < 4 || c->norgs >= CS_ORGS)
		return 0;
	snprintf(c->org[c->norgs], sizeof(c->org[0]), "%s", cols[1] ? cols[1] : "");
	snprintf(c->joined[c->norgs], sizeof(c->joined[0]), "%s", cols[2] ? cols[2] : "");
	c->left[c->norgs++] = cols[3] != NULL;
	return 0;
}

static int last_row(void *ud, const char *const *cols, int n)
{
	cs_case *c = ud;
	int64_t v;

	if (n >= 1 && cols[0] && (v = strtoll(cols[0], NULL, 10)) > c->last_entry)
		c->last_entry = v;
	return 0;
}

static const char *col(const cs_case *c, int i)
{
	return c->col[i] ? c->col[i] : "";
}

static ivp_rc not_found(ivp_ctx *ctx, const char *id)
{
	ivp__fail(ctx, IVP_ENOTFOUND, "case %s not found", id);
	ivp__detail(ctx, "There is no such case, or you do not take part in it.");
	return ivp__coded(ctx, "case_not_found", IVP_ENOTFOUND);
}

/* Load case id with its organisations; IVP_ENOTFOUND (error set) when none. */
static ivp_rc load(ivp_ctx *ctx, const char *id, cs_case *c)
{
	ivp_rc rc;

	memset(c, 0, sizeof(*c));
	rc = ivp__store_case_get(ctx, id, case_row, c);
	if (rc == IVP_ENOTFOUND || (!rc && !c->found)) {
		case_free(c);
		return not_found(ctx, id);
	}
	if (!rc)
		rc = ivp__store_case_orgs(ctx, id, org_row, c);
	if (!rc)
		rc = ivp__store_case_entries(ctx, id, last_row, c);
	if (rc)
		case_free(c);
	return rc;
}

/* The actor's organisation (the default one without a membership row). */
static ivp_rc actor_org(ivp_ctx *ctx, char org[32])
{
	ivp_rc rc;

	if (!ctx->actor_user[0]) {
		org[0] = 0;
		return IVP_OK;
	}
	rc = ivp__store_member_get(ctx, ctx->actor_user, org);
	if (rc == IVP_ENOTFOUND) {
		snprintf(org, 32, "gemeente");
		return IVP_OK;
	}
	return rc;
}

static ivp_rc relation(ivp_ctx *ctx, const cs_case *c, ivp__reg_rel *rel, char org[32])
{
	const char *u = ctx->actor_user;
	ivp_rc rc;
	int i;

	memset(rel, 0, sizeof(*rel));
	if ((rc = actor_org(ctx, org)))
		return rc;
	if (!u[0])
		return IVP_OK;
	if ((rc = ivp__reg_is_member(ctx, REG, u, &rel->member)))
		return rc;
	if (!rel->member)
		return IVP_OK;
	for (i = 0; i < c->norgs; i++)
		if (!c->left[i] && !strcmp(c->org[i], org))
			rel->participant = 1;
	rel->handler = !strcmp(col(c, IVP__CASE_C_DIRECTOR), u) || !strcmp(col(c, IVP__CASE_C_REG_USER), u);
	return IVP_OK;
}

/* The decision for act on c, with the reason rule: IVP_OK to go ahead
 * (*given: the reason to record, or NULL), IVP_ENOTFOUND for hidden,
 * IVP_EINPUT when a reason is needed and missing. */
static ivp_rc decide(ivp_ctx *ctx, const cs_case *c, ivp__reg_act act, const char *reason, char org[32],
		     const char **given)
{
	ivp__reg_rel rel;
	ivp_rc rc;
	int d;

	*given = NULL;
	if ((rc = relation(ctx, c, &rel, org)))
		return rc;
	d = ivp__reg_decide(REG, &rel, act);
	if (d == IVP__NTK_HIDDEN)
		return not_found(ctx, col(c, IVP__CASE_C_ID));
	if (reason && *reason)
		*given = reason;
	if (d == IVP__NTK_REASON && !*given) {
		ivp__fail(ctx, IVP_EINPUT, "a reason is needed to open case %s", col(c, IVP__CASE_C_ID));
		ivp__detail(ctx, "You are not its process director nor the member who registered it; every access to the case is recorded with its reason.");
		ivp__hint(ctx, "Say why you need it with --reason TEXT (on the pages: the reason form).");
		return ivp__coded(ctx, "case_reason_required", IVP_EINPUT);
	}
	return IVP_OK;
}

/* ---- sealing ------------------------------------------------------------------------ */

static ivp_rc seal_hex(ivp_ctx *ctx, const unsigned char *dek, const char *id, const char *field,
		       const char *plain, char **hex)
{
	static const char xd[] = "0123456789abcdef";
	ivp__buf b;
	ivp_rc rc;
	size_t i;

	*hex = NULL;
	if (!plain)
		return IVP_OK;
	ivp__buf_init(&b, (size_t)TEXT_MAX * 2);
	if (strchr(plain, '\r')) { /* sealed with LF line breaks only */
		char *lf = ivp__reg_text_lf(ctx, plain);

		rc = lf ? ivp__vault_seal(ctx, dek, REG, id, field, lf, strlen(lf), &b) : IVP_ENOMEM;
		free(lf);
	} else {
		rc = ivp__vault_seal(ctx, dek, REG, id, field, plain, strlen(plain), &b);
	}
	if (rc)
		goto out;
	if (!(*hex = malloc(b.len * 2 + 1))) {
		rc = ivp__oom(ctx, "sealing field %s of case %s", field, id);
		goto out;
	}
	for (i = 0; i < b.len; i++) {
		(*hex)[2 * i] = xd[(unsigned char)b.p[i] >> 4];
		(*hex)[2 * i + 1] = xd[(unsigned char)b.p[i] & 15];
	}
	(*hex)[2 * b.len] = 0;
out:
	ivp__buf_free(&b);
	return rc;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
								       -1;
}

/* out (initialised by the caller) gets the plain text; "" when hex is NULL. */
static ivp_rc open_hex(ivp_ctx *ctx, const unsigned char *dek, const char *id, const char *field,
		       const char *hex, ivp__buf *out)
{
	unsigned char *blob;
	size_t n, i;
	ivp_rc rc;

	ivp__buf_reset(out);
	if (!hex)
		return IVP_OK;
	n = strlen(hex);
	if (n % 2)
		return ivp__fail(ctx, IVP_EDB, "field %s of case %s is damaged", field, id);
	if (!(blob = malloc(n / 2 + 1)))
		return ivp__oom(ctx, "opening field %s of case %s", field, id);
	for (i = 0; i < n / 2; i++) {
		int h = hexval(hex[2 * i]), l = hexval(hex[2 * i + 1]);

		if (h < 0 || l < 0) {
			free(blob);
			return ivp__fail(ctx, IVP_EDB, "field %s of case %s is damaged", field, id);
		}
		blob[i] = (unsigned char)(h << 4 | l);
	}
	rc = ivp__vault_open(ctx, dek, REG, id, field, blob, n / 2, out);
	free(blob);
	return rc;
}

/* ---- checks of what is given --------------------------------------------------------- */

static ivp_rc bad_field(ivp_ctx *ctx, const char *field, const char *fmt, const char *value)
{
	ivp__fail(ctx, IVP_EINPUT, fmt, value ? value : "");
	ivp__option(ctx, field);
	return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
}

/* A line of text: no control characters, at most LINE_MAX_ bytes. */
static int line_ok(const char *s)
{
	size_t n = strlen(s);
	const unsigned char *p = (const unsigned char *)s;

	if (n > LINE_MAX_)
		return 0;
	for (; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static int text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (strlen(s) > TEXT_MAX)
		return 0;
	for (; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') || *p == 0x7f)
			return 0;
	return 1;
}

static ivp_rc need_text(ivp_ctx *ctx, const char *field, const char *v, int required)
{
	if (!v || !*v) {
		if (!required)
			return IVP_OK;
		ivp__fail(ctx, IVP_EINPUT, "%s is required", field);
		ivp__option(ctx, field);
		return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
	}
	if (!text_ok(v))
		return bad_field(ctx, field, "%s holds control characters or is too long", field);
	return IVP_OK;
}

static ivp_rc date_or_today(ivp_ctx *ctx, const char *field, const char *v, char out[11])
{
	char now[32];

	if (!v || !*v) {
		ivp__now_iso(now);
		memcpy(out, now, 10);
		out[10] = 0;
		return IVP_OK;
	}
	if (ivp__case_date_parse(v, strlen(v), out)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%s\" is not a date", v);
		ivp__detail(ctx, "A date is written YYYY-MM-DD, e.g. 2026-03-01.");
		ivp__option(ctx, field);
		return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
	}
	return IVP_OK;
}

static ivp_rc bsn_check(ivp_ctx *ctx, const char *v, char out[10])
{
	int r = v ? ivp__bsn_parse(v, strlen(v), out) : -1;

	if (!r)
		return IVP_OK;
	if (r == -2) {
		ivp__fail(ctx, IVP_EINPUT, "the BSN fails its check digit (11-proef)");
		ivp__detail(ctx, "A BSN's nine digits weighted 9, 8, …, 2 and -1 add up to a multiple of 11; one of the digits is mistyped.");
	} else {
		ivp__fail(ctx, IVP_EINPUT, "a BSN is nine digits");
		ivp__detail(ctx, "The citizen service number has exactly nine digits, e.g. 111222333.");
	}
	ivp__option(ctx, "bsn");
	return ivp__coded(ctx, "case_bsn_invalid", IVP_EINPUT);
}

static ivp_rc org_check(ivp_ctx *ctx, const char *field, const char *org)
{
	ivp__org_rec o;
	ivp_rc rc;

	if (!org || !*org) {
		ivp__fail(ctx, IVP_EINPUT, "%s is required", field);
		ivp__option(ctx, field);
		return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
	}
	rc = ivp__store_org_get(ctx, org, &o);
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_EINPUT, "unknown organisation \"%s\"", org);
		ivp__hint(ctx, "The organisations are listed by ivp org list.");
		ivp__option(ctx, field);
		return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
	}
	return rc;
}

static ivp_rc director_check(ivp_ctx *ctx, const char *user)
{
	int yes = 0;
	ivp_rc rc;

	if ((rc = ivp__reg_is_member(ctx, REG, user, &yes)))
		return rc;
	if (!yes) {
		ivp__fail(ctx, IVP_EINPUT, "%s is not a member of the case register", user);
		ivp__detail(ctx, "A process director must be a member of the register to see the case.");
		ivp__hint(ctx, "An admin grants membership: ivp registers grant cases USER.");
		ivp__option(ctx, "director");
		return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
	}
	return IVP_OK;
}

static ivp_rc not_member(ivp_ctx *ctx)
{
	ivp__fail(ctx, IVP_EINPUT, "%s is not a member of the case register", ctx->actor_user[0] ? ctx->actor_user : "-");
	ivp__detail(ctx, "Only members of the Zorg- en Veiligheidshuis's case register register cases.");
	ivp__hint(ctx, "An admin grants membership: ivp registers grant cases USER.");
	return ivp__coded(ctx, "case_not_member", IVP_EINPUT);
}

/* ---- registration ---------------------------------------------------------------------- */

typedef struct dup_scan {
	char ids[8][IVP_CASE_ID_MAX];
	int n;
} dup_scan;

static int dup_row(void *ud, const char *const *cols, int n)
{
	dup_scan *d = ud;

	if (n < 2 || !cols[0] || !cols[1] || d->n >= 8)
		return 0;
	if (!strcmp(cols[1], "registered") || !strcmp(cols[1], "in_progress"))
		snprintf(d->ids[d->n++], IVP_CASE_ID_MAX, "%s", cols[0]);
	return 0;
}

/*
 * Duplicates (docs/cases.md): the open cases with the same blind index.
 * Each is recorded in the audit trail as "case.duplicate" (no content),
 * so that its handlers can see someone registered the person again. The
 * registrant learns the other case's id only when allowed to read it;
 * otherwise only that an open case exists, which a member registering the
 * person needs to know and which names no organisation, date or id.
 */
static ivp_rc duplicates(ivp_ctx *ctx, const char *blind, int duplicate_ok, int *found)
{
	dup_scan d = { { { 0 } }, 0 };
	char seen[IVP_CASE_ID_MAX] = "", org[32];
	const char *given;
	ivp_rc rc;
	int i;

	*found = 0;
	if ((rc = ivp__store_case_find_blind(ctx, blind, dup_row, &d)))
		return rc;
	for (i = 0; i < d.n; i++) {
		cs_case c;

		if ((rc = load(ctx, d.ids[i], &c)))
			return rc;
		rc = decide(ctx, &c, IVP__REG_READ, "duplicate check", org, &given);
		case_free(&c);
		if (rc == IVP_OK && !seen[0])
			snprintf(seen, sizeof(seen), "%s", d.ids[i]);
		else if (rc != IVP_ENOTFOUND)
			return rc;
		ivp__error_clear(&ctx->err);
		if ((rc = ivp__reg_audit(ctx, REG, "case.duplicate", d.ids[i], NULL)))
			return rc;
	}
	*found = d.n > 0;
	if (!d.n || duplicate_ok)
		return IVP_OK;
	ivp__fail(ctx, IVP_EINPUT, "this person already has an open case");
	if (seen[0]) {
		ivp__detail(ctx, "Case %s is open for the same BSN.", seen);
		ivp__hint(ctx, "Work in case %s, or register anyway with --duplicate-ok.", seen);
	} else {
		ivp__detail(ctx, "An open case has the same BSN; your organisation does not take part in it, so it is not shown.");
		ivp__hint(ctx, "Ask the Zorg- en Veiligheidshuis to add your organisation to that case, or register anyway with --duplicate-ok.");
	}
	ivp__option(ctx, "bsn");
	return ivp__coded(ctx, "case_duplicate", IVP_EINPUT);
}

static ivp_rc add_checks(ivp_ctx *ctx, const ivp_case_new *c, char date[11], char birth[11], char bsn[10],
			 char crit[96], char wijk[9])
{
	ivp_rc rc;

	if ((rc = date_or_today(ctx, "registered", c->registered, date)) || (rc = need_text(ctx, "reason", c->reason, 1)) ||
	    (rc = need_text(ctx, "name", c->name, 1)) || (rc = need_text(ctx, "goal", c->goal, 0)))
		return rc;
	if (!line_ok(c->name))
		return bad_field(ctx, "name", "a name is one line of at most 256 bytes%s", "");
	if (c->address && *c->address && !line_ok(c->address))
		return bad_field(ctx, "address", "an address is one line of at most 256 bytes%s", "");
	if (!c->birth || !*c->birth || ivp__case_date_parse(c->birth, strlen(c->birth), birth))
		return bad_field(ctx, "birth", "\"%s\" is not a date of birth (YYYY-MM-DD)", c->birth);
	if ((rc = bsn_check(ctx, c->bsn, bsn)))
		return rc;
	if (ivp__case_criteria_parse(c->criteria ? c->criteria : "", c->criteria ? strlen(c->criteria) : 0, crit))
		return bad_field(ctx, "criteria",
				 "unknown complexity criteria \"%s\" (use multi_domain, chains, family_system, local_safety)",
				 c->criteria);
	wijk[0] = 0;
	if (c->wijk && *c->wijk && ivp__case_wijk_parse(c->wijk, strlen(c->wijk), wijk))
		return bad_field(ctx, "wijk", "\"%s\" is not a wijk or buurt code (WK192601, BU19260101)", c->wijk);
	if (c->director && *c->director)
		return director_check(ctx, c->director);
	return IVP_OK;
}

ivp_rc ivp_case_add(ivp_ctx *ctx, const ivp_case_new *c, char id[IVP_CASE_ID_MAX], int *duplicate)
{
	char date[11], birth[11], bsn[10], crit[96], wijk[9] = "", org[32], blind[65];
	unsigned char dek[IVP__DEK_BYTES];
	char *reason = NULL, *goal = NULL, *person = NULL, *plain = NULL;
	ivp__case_rec r;
	int64_t seq = 0;
	int member = 0, existed, found, txn = 0;
	size_t pl;
	ivp_rc rc;

	id[0] = 0;
	*duplicate = 0;
	if ((rc = ivp__vault_ready(ctx, REG)))
		return rc;
	if (ctx->actor_user[0] && (rc = ivp__reg_is_member(ctx, REG, ctx->actor_user, &member)))
		return rc;
	if (!member)
		return not_member(ctx);
	if ((rc = add_checks(ctx, c, date, birth, bsn, crit, wijk)) || (rc = actor_org(ctx, org)) ||
	    (rc = ivp__vault_blind(ctx, REG, "bsn", bsn, blind)) ||
	    (rc = duplicates(ctx, blind, c->duplicate_ok, &found)))
		goto out;
	pl = strlen(c->name) + strlen(birth) + strlen(bsn) + (c->address ? strlen(c->address) : 0) + 8;
	if (!(plain = malloc(pl))) {
		rc = ivp__oom(ctx, "registering a case");
		goto out;
	}
	snprintf(plain, pl, "%s\n%s\n%s\n%s", c->name, birth, bsn, c->address ? c->address : "");
	if ((rc = ivp__store_begin(ctx)))
		goto out;
	txn = 1;
	if ((rc = ivp__store_case_next(ctx, (int)strtol(date, NULL, 10), &seq)))
		goto out;
	snprintf(id, IVP_CASE_ID_MAX, "C-%.4s-%04lld", date, (long long)(seq % 100000));
	if ((rc = ivp__vault_new(ctx, REG, id, dek)) || (rc = seal_hex(ctx, dek, id, "reason", c->reason, &reason)) ||
	    (rc = seal_hex(ctx, dek, id, "goal", c->goal && *c->goal ? c->goal : NULL, &goal)) ||
	    (rc = seal_hex(ctx, dek, id, "person", plain, &person)))
		goto out;
	memset(&r, 0, sizeof(r));
	r.id = id;
	r.registered = date;
	r.reg_org = org;
	r.reg_user = ctx->actor_user;
	r.criteria = crit;
	r.status = "registered";
	r.wijk = wijk[0] ? wijk : NULL;
	r.director = c->director && *c->director ? c->director : NULL;
	r.bsn_blind = blind;
	r.reason = reason;
	r.goal = goal;
	r.person = person;
	if ((rc = ivp__store_case_put(ctx, &r, &existed)) ||
	    (rc = ivp__store_case_org_put(ctx, id, org, date, NULL)) ||
	    (rc = ivp__reg_audit(ctx, REG, "case.create", id, NULL)))
		goto out;
	rc = ivp__store_commit(ctx);
	txn = 0;
	*duplicate = found;
out:
	if (txn)
		ivp__store_abort(ctx);
	if (rc)
		id[0] = 0;
	ivp__vault_wipe(dek, sizeof(dek));
	ivp__vault_wipe(bsn, sizeof(bsn));
	if (plain) {
		ivp__vault_wipe(plain, strlen(plain));
		free(plain);
	}
	free(reason);
	free(goal);
	free(person);
	return rc;
}

/* ---- listing ----------------------------------------------------------------------------- */

typedef struct cs_list {
	char **ids;
	int n, cap;
} cs_list;

static int id_row(void *ud, const char *const *cols, int n)
{
	cs_list *l = ud;
	char **p;

	if (n < 1 || !cols[0])
		return 0;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 64;

		if (!(p = realloc(l->ids, (size_t)cap * sizeof(*p))))
			return 1;
		l->ids = p;
		l->cap = cap;
	}
	if (!(l->ids[l->n] = strdup(cols[0])))
		return 1;
	l->n++;
	return 0;
}

static void list_free(cs_list *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->ids[i]);
	free(l->ids);
}

static int tcols(ivp_table *t, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (ivp__table_col(t, names[i], IVP__COL_BRIEF, 0) < 0)
			return -1;
	return 0;
}

ivp_rc ivp_cases_list(ivp_ctx *ctx, ivp_table **out)
{
	static const char *const names[] = { "id", "registered", "status", "org", "director", "wijk", "criteria",
					     "closed", "role", NULL };
	cs_list l = { NULL, 0, 0 };
	ivp_table *t = NULL;
	ivp_rc rc;
	int i;

	*out = NULL;
	if ((rc = ivp__vault_ready(ctx, REG)))
		return rc;
	if ((rc = ivp__store_cases_list(ctx, id_row, &l)))
		goto out;
	if (!(t = ivp__table_new()) || tcols(t, names)) {
		rc = ivp__oom(ctx, "listing cases");
		goto out;
	}
	for (i = 0; i < l.n; i++) {
		ivp__reg_rel rel;
		cs_case c;
		char org[32];
		int d;

		if ((rc = load(ctx, l.ids[i], &c)))
			goto out;
		rc = relation(ctx, &c, &rel, org);
		d = rc ? IVP__NTK_HIDDEN : ivp__reg_decide(REG, &rel, IVP__REG_LIST);
		if (!rc && d == IVP__NTK_ALLOW)
			rc = ivp__reg_audit(ctx, REG, "case.list", l.ids[i], NULL);
		if (!rc && d == IVP__NTK_ALLOW &&
		    (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, col(&c, IVP__CASE_C_ID)) ||
		     ivp__table_set_text(t, 1, col(&c, IVP__CASE_C_REGISTERED)) ||
		     ivp__table_set_text(t, 2, col(&c, IVP__CASE_C_STATUS)) ||
		     ivp__table_set_text(t, 3, col(&c, IVP__CASE_C_REG_ORG)) ||
		     ivp__table_set_text(t, 4, c.col[IVP__CASE_C_DIRECTOR]) ||
		     ivp__table_set_text(t, 5, c.col[IVP__CASE_C_WIJK]) ||
		     ivp__table_set_text(t, 6, col(&c, IVP__CASE_C_CRITERIA)) ||
		     ivp__table_set_text(t, 7, c.col[IVP__CASE_C_CLOSED]) ||
		     ivp__table_set_text(t, 8, rel.handler ? "handler" : "participant")))
			rc = ivp__oom(ctx, "listing cases");
		case_free(&c);
		if (rc)
			goto out;
	}
	*out = t;
	t = NULL;
out:
	ivp_table_free(t);
	list_free(&l);
	return rc;
}

/* ---- reading ------------------------------------------------------------------------------- */

typedef struct cs_entries {
	ivp_ctx *ctx;
	const unsigned char *dek;
	const char *id, *org;
	ivp_table *t;
	ivp__buf b;
	ivp_rc rc;
} cs_entries;

static int entry_row(void *ud, const char *const *cols, int n)
{
	cs_entries *e = ud;
	char field[32];
	ivp_table *t = e->t;

	if (n < 9)
		return 0;
	/* a note limited to its own organisation: only that organisation sees it */
	if (cols[7] && !strcmp(cols[7], "1") && strcmp(cols[3] ? cols[3] : "", e->org))
		return 0;
	snprintf(field, sizeof(field), "entry.%s", cols[0] ? cols[0] : "");
	if ((e->rc = open_hex(e->ctx, e->dek, e->id, field, cols[8], &e->b)))
		return 1;
	if (ivp__table_row(t) < 0 || ivp__table_set_int(t, 0, strtoll(cols[0] ? cols[0] : "0", NULL, 10)) ||
	    ivp__table_set_text(t, 1, cols[1]) || ivp__table_set_text(t, 2, cols[2]) ||
	    ivp__table_set_text(t, 3, cols[3]) || ivp__table_set_text(t, 4, cols[4]) ||
	    ivp__table_set_text(t, 5, cols[5]) || ivp__table_set_int(t, 6, cols[6] && !strcmp(cols[6], "1")) ||
	    ivp__table_set_int(t, 7, cols[7] && !strcmp(cols[7], "1")) ||
	    ivp__table_set_text(t, 8, ivp__buf_str(&e->b))) {
		e->rc = ivp__oom(e->ctx, "reading case %s", e->id);
		return 1;
	}
	return 0;
}

typedef struct cs_dom {
	int score[IVP__CASE_NDOMAINS];
	char user[IVP__CASE_NDOMAINS][64], date[IVP__CASE_NDOMAINS][11];
} cs_dom;

static int dom_row(void *ud, const char *const *cols, int n)
{
	cs_dom *d = ud;
	int i;

	if (n < 4 || !cols[0])
		return 0;
	i = ivp__case_domain_find(cols[0], strlen(cols[0]));
	if (i < 0)
		return 0;
	d->score[i] = (int)strtol(cols[1] ? cols[1] : "0", NULL, 10);
	snprintf(d->user[i], sizeof(d->user[i]), "%s", cols[2] ? cols[2] : "");
	snprintf(d->date[i], sizeof(d->date[i]), "%s", cols[3] ? cols[3] : "");
	return 0;
}

static int field_row(ivp_table *t, const char *name, const char *v)
{
	return ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, name) || ivp__table_set_text(t, 1, v);
}

/* The four tables of an opened case (the actor's organisation org). */
static ivp_rc case_tables(ivp_ctx *ctx, const cs_case *c, const char *org, ivp_table **fields, ivp_table **orgs,
			  ivp_table **domains, ivp_table **entries)
{
	static const char *const fn[] = { "field", "value", NULL }, *const on[] = { "org", "joined", "left", NULL },
				 *const dn[] = { "domain", "name", "score", "user", "date", NULL },
				 *const en[] = { "n", "kind", "date", "org", "orgs", "user", "done", "own_org", "text", NULL };
	const char *id = col(c, IVP__CASE_C_ID);
	unsigned char dek[IVP__DEK_BYTES];
	cs_entries e = { ctx, dek, id, org, NULL, { 0 }, IVP_OK };
	ivp__buf b, pb;
	cs_dom dom;
	char *lines[4] = { NULL, NULL, NULL, NULL }, *p;
	ivp_rc rc;
	int i;

	*fields = *orgs = *domains = *entries = NULL;
	ivp__buf_init(&b, TEXT_MAX + 1);
	ivp__buf_init(&pb, TEXT_MAX + 1);
	ivp__buf_init(&e.b, TEXT_MAX + 1);
	memset(&dom, 0, sizeof(dom));
	if ((rc = ivp__vault_get(ctx, REG, id, dek)))
		goto out;
	if (!(*fields = ivp__table_new()) || !(*orgs = ivp__table_new()) || !(*domains = ivp__table_new()) ||
	    !(*entries = ivp__table_new()) || tcols(*fields, fn) || tcols(*orgs, on) || tcols(*domains, dn) ||
	    tcols(*entries, en))
		goto oom;
	if ((rc = open_hex(ctx, dek, id, "person", c->col[IVP__CASE_C_PERSON], &pb)))
		goto out;
	p = (char *)ivp__buf_str(&pb);
	for (i = 0; i < 4 && p; i++) {
		lines[i] = p;
		if ((p = strchr(p, '\n')))
			*p++ = 0;
	}
	if (field_row(*fields, "id", id) || field_row(*fields, "registered", c->col[IVP__CASE_C_REGISTERED]) ||
	    field_row(*fields, "org", c->col[IVP__CASE_C_REG_ORG]) ||
	    field_row(*fields, "registered_by", c->col[IVP__CASE_C_REG_USER]) ||
	    field_row(*fields, "status", c->col[IVP__CASE_C_STATUS]) ||
	    field_row(*fields, "closed", c->col[IVP__CASE_C_CLOSED]) ||
	    field_row(*fields, "criteria", c->col[IVP__CASE_C_CRITERIA]) ||
	    field_row(*fields, "wijk", c->col[IVP__CASE_C_WIJK]) ||
	    field_row(*fields, "director", c->col[IVP__CASE_C_DIRECTOR]) || field_row(*fields, "name", lines[0]) ||
	    field_row(*fields, "birth", lines[1]) || field_row(*fields, "bsn", lines[2]) ||
	    field_row(*fields, "address", lines[3] && *lines[3] ? lines[3] : NULL))
		goto oom;
	if ((rc = open_hex(ctx, dek, id, "reason", c->col[IVP__CASE_C_REASON], &b)))
		goto out;
	if (field_row(*fields, "reason", ivp__buf_str(&b)))
		goto oom;
	if ((rc = open_hex(ctx, dek, id, "goal", c->col[IVP__CASE_C_GOAL], &b)))
		goto out;
	if (field_row(*fields, "goal", c->col[IVP__CASE_C_GOAL] ? ivp__buf_str(&b) : NULL))
		goto oom;
	if ((rc = open_hex(ctx, dek, id, "close_reason", c->col[IVP__CASE_C_CLOSE_REASON], &b)))
		goto out;
	if (field_row(*fields, "close_reason", c->col[IVP__CASE_C_CLOSE_REASON] ? ivp__buf_str(&b) : NULL))
		goto oom;
	if ((rc = ivp__store_case_domains(ctx, id, dom_row, &dom)))
		goto out;
	for (i = 0; i < IVP__CASE_NDOMAINS; i++)
		if (ivp__table_row(*domains) < 0 || ivp__table_set_text(*domains, 0, ivp__case_domains[i].key) ||
		    ivp__table_set_text(*domains, 1, ivp_msg_tr(ctx->lang, ivp__case_domains[i].title_en)) ||
		    (dom.score[i] && ivp__table_set_int(*domains, 2, dom.score[i])) ||
		    ivp__table_set_text(*domains, 3, dom.score[i] ? dom.user[i] : NULL) ||
		    ivp__table_set_text(*domains, 4, dom.score[i] ? dom.date[i] : NULL))
			goto oom;
	e.t = *entries;
	rc = ivp__store_case_entries(ctx, id, entry_row, &e);
	if (e.rc)
		rc = e.rc;
	goto out;
oom:
	rc = ivp__oom(ctx, "reading case %s", id);
out:
	ivp__vault_wipe(dek, sizeof(dek));
	if (pb.p)
		ivp__vault_wipe(pb.p, pb.len);
	ivp__buf_free(&pb);
	ivp__buf_free(&b);
	ivp__buf_free(&e.b);
	if (rc) {
		ivp_table_free(*fields);
		ivp_table_free(*orgs);
		ivp_table_free(*domains);
		ivp_table_free(*entries);
		*fields = *orgs = *domains = *entries = NULL;
	}
	return rc;
}

typedef struct cs_orgrows {
	ivp_table *t;
} cs_orgrows;

static int orgs_row(void *ud, const char *const *cols, int n)
{
	cs_orgrows *o = ud;

	if (n < 4)
		return 0;
	return ivp__table_row(o->t) < 0 || ivp__table_set_text(o->t, 0, cols[1]) ||
	       ivp__table_set_text(o->t, 1, cols[2]) || ivp__table_set_text(o->t, 2, cols[3]);
}

/* Open case id for act (audited as action): the loaded case and the actor's org. */
static ivp_rc open_case(ivp_ctx *ctx, const char *id, ivp__reg_act act, const char *action, const char *reason,
			cs_case *c, char org[32])
{
	const char *given;
	ivp_rc rc;

	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = load(ctx, id, c)))
		return rc;
	if ((rc = decide(ctx, c, act, reason, org, &given)) ||
	    (action && (rc = ivp__reg_audit(ctx, REG, action, id, given))))
		case_free(c);
	return rc;
}

ivp_rc ivp_case_show(ivp_ctx *ctx, const char *id, const char *reason, ivp_table **fields, ivp_table **orgs,
		     ivp_table **domains, ivp_table **entries)
{
	cs_orgrows o;
	char org[32];
	cs_case c;
	ivp_rc rc;

	*fields = *orgs = *domains = *entries = NULL;
	if ((rc = open_case(ctx, id, IVP__REG_READ, "case.read", reason, &c, org)))
		return rc;
	rc = case_tables(ctx, &c, org, fields, orgs, domains, entries);
	o.t = *orgs;
	if (!rc && (rc = ivp__store_case_orgs(ctx, id, orgs_row, &o))) {
		ivp_table_free(*fields);
		ivp_table_free(*orgs);
		ivp_table_free(*domains);
		ivp_table_free(*entries);
		*fields = *orgs = *domains = *entries = NULL;
	}
	case_free(&c);
	return rc;
}

/* ---- export --------------------------------------------------------------------------------- */

static int add_section(ivp_table *out, const char *section, const ivp_table *t, int key_col)
{
	int r, k, nc = ivp_table_ncols(t);

	for (r = 0; r < ivp_table_nrows(t); r++) {
		char v[TEXT_MAX + 512];
		size_t len = 0;

		v[0] = 0;
		for (k = 0; k < nc; k++) {
			const char *s = ivp_table_text(t, r, k);
			char num[32];

			if (k == key_col)
				continue;
			if (ivp_table_cell_type(t, r, k) == IVP_CELL_INT) {
				snprintf(num, sizeof(num), "%lld", (long long)ivp_table_int(t, r, k));
				s = num;
			}
			if (!s)
				continue;
			len += (size_t)snprintf(v + len, len < sizeof(v) ? sizeof(v) - len : 0, "%s%s=%s", len ? "; " : "",
						ivp_table_colname(t, k), s);
			if (len >= sizeof(v))
				len = sizeof(v) - 1;
		}
		{
			const char *key = ivp_table_text(t, r, key_col);
			char num[32];

			if (ivp_table_cell_type(t, r, key_col) == IVP_CELL_INT) {
				snprintf(num, sizeof(num), "%lld", (long long)ivp_table_int(t, r, key_col));
				key = num;
			}
			if (ivp__table_row(out) < 0 || ivp__table_set_text(out, 0, section) ||
			    ivp__table_set_text(out, 1, key) || ivp__table_set_text(out, 2, v))
				return -1;
		}
	}
	return 0;
}

/* The case as one table of sections (case, org, domain, entry), opened for act. */
static ivp_rc case_flat(ivp_ctx *ctx, const char *id, const char *reason, ivp__reg_act act, const char *action,
			ivp_table **out)
{
	static const char *const names[] = { "section", "key", "value", NULL };
	ivp_table *f = NULL, *o = NULL, *d = NULL, *e = NULL, *t = NULL;
	cs_orgrows orows;
	char org[32];
	cs_case c;
	ivp_rc rc;
	int r;

	*out = NULL;
	if ((rc = open_case(ctx, id, act, action, reason, &c, org)))
		return rc;
	if ((rc = case_tables(ctx, &c, org, &f, &o, &d, &e)))
		goto out;
	orows.t = o;
	if ((rc = ivp__store_case_orgs(ctx, id, orgs_row, &orows)))
		goto out;
	if (!(t = ivp__table_new()) || tcols(t, names))
		goto oom;
	for (r = 0; r < ivp_table_nrows(f); r++)
		if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, "case") ||
		    ivp__table_set_text(t, 1, ivp_table_text(f, r, 0)) || ivp__table_set_text(t, 2, ivp_table_text(f, r, 1)))
			goto oom;
	if (add_section(t, "org", o, 0) || add_section(t, "domain", d, 0) || add_section(t, "entry", e, 0))
		goto oom;
	*out = t;
	t = NULL;
	goto out;
oom:
	rc = ivp__oom(ctx, "exporting case %s", id);
out:
	ivp_table_free(f);
	ivp_table_free(o);
	ivp_table_free(d);
	ivp_table_free(e);
	ivp_table_free(t);
	case_free(&c);
	return rc;
}

ivp_rc ivp_case_export(ivp_ctx *ctx, const char *id, const char *reason, ivp_table **out)
{
	return case_flat(ctx, id, reason, IVP__REG_EXPORT, "case.export", out);
}

ivp_rc ivp_case_read(ivp_ctx *ctx, const char *id, const char *reason, ivp_table **out)
{
	return case_flat(ctx, id, reason, IVP__REG_READ, "case.read", out);
}

/* ---- changes ---------------------------------------------------------------------------------- */

static ivp_rc status_change(ivp_ctx *ctx, const cs_case *c, const ivp_case_change *ch, const unsigned char *dek,
			    ivp__case_rec *r, char date[11], char **close_reason)
{
	const char *id = col(c, IVP__CASE_C_ID);
	int k = -1, i;
	ivp_rc rc;

	for (i = 0; i < 4; i++)
		if (ch->status && !strcmp(ch->status, statuses[i]))
			k = i;
	if (k < 1)
		return bad_field(ctx, "status", "unknown status \"%s\" (use in_progress, closed or declined)", ch->status);
	r->status = statuses[k];
	r->closed = NULL;
	if (k >= 2) {
		if (!ch->text || !*ch->text) {
			ivp__fail(ctx, IVP_EINPUT, "closing or declining a case needs its reason");
			ivp__option(ctx, "text");
			return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
		}
		if ((rc = need_text(ctx, "text", ch->text, 1)) || (rc = date_or_today(ctx, "date", ch->date, date)) ||
		    (rc = seal_hex(ctx, dek, id, "close_reason", ch->text, close_reason)))
			return rc;
		r->closed = date;
		r->close_reason = *close_reason;
	}
	return IVP_OK;
}

/* The case row as it is (every column), for a change of some of them. */
static void rec_of(const cs_case *c, ivp__case_rec *r)
{
	r->id = c->col[IVP__CASE_C_ID];
	r->registered = c->col[IVP__CASE_C_REGISTERED];
	r->reg_org = c->col[IVP__CASE_C_REG_ORG];
	r->reg_user = c->col[IVP__CASE_C_REG_USER];
	r->criteria = c->col[IVP__CASE_C_CRITERIA];
	r->status = c->col[IVP__CASE_C_STATUS];
	r->closed = c->col[IVP__CASE_C_CLOSED];
	r->wijk = c->col[IVP__CASE_C_WIJK];
	r->director = c->col[IVP__CASE_C_DIRECTOR];
	r->bsn_blind = c->col[IVP__CASE_C_BSN_BLIND];
	r->reason = c->col[IVP__CASE_C_REASON];
	r->close_reason = c->col[IVP__CASE_C_CLOSE_REASON];
	r->goal = c->col[IVP__CASE_C_GOAL];
	r->person = c->col[IVP__CASE_C_PERSON];
}

/* The index of org among the case's organisations still taking part, or -1. */
static int takes_part(const cs_case *c, const char *org)
{
	int i;

	for (i = 0; i < c->norgs; i++)
		if (!c->left[i] && !strcmp(c->org[i], org))
			return i;
	return -1;
}

static ivp_rc orgs_check(ivp_ctx *ctx, const char *orgs)
{
	char one[32];
	const char *p = orgs ? orgs : "";
	ivp_rc rc;

	while (*p) {
		size_t n = strcspn(p, ",");

		if (!n || n >= sizeof(one))
			return bad_field(ctx, "orgs", "\"%s\" is not a list of organisations", orgs);
		memcpy(one, p, n);
		one[n] = 0;
		if ((rc = org_check(ctx, "orgs", one)))
			return rc;
		p += n + (p[n] == ',');
	}
	return IVP_OK;
}

static ivp_rc apply(ivp_ctx *ctx, cs_case *c, const ivp_case_change *ch, const char *org, const unsigned char *dek,
		    long long *nout)
{
	const char *id = col(c, IVP__CASE_C_ID);
	char date[11], field[32], *sealed = NULL, *close_reason = NULL;
	ivp__case_entry e;
	ivp__case_rec r;
	int64_t n = 0;
	int existed, d;
	ivp_rc rc = IVP_OK;

	memset(&e, 0, sizeof(e));
	switch (ch->op) {
	case IVP_CASE_ORG_ADD:
	case IVP_CASE_ORG_LEAVE:
		if ((rc = org_check(ctx, "org", ch->org)) || (rc = date_or_today(ctx, "date", ch->date, date)))
			break;
		d = takes_part(c, ch->org);
		if (ch->op == IVP_CASE_ORG_LEAVE && d < 0) {
			rc = bad_field(ctx, "org", "%s does not take part in this case", ch->org);
			break;
		}
		if (ch->op == IVP_CASE_ORG_ADD && d >= 0) {
			rc = bad_field(ctx, "org", "%s takes part in this case already", ch->org);
			break;
		}
		rc = ch->op == IVP_CASE_ORG_ADD ? ivp__store_case_org_put(ctx, id, ch->org, date, NULL) : ivp__store_case_org_put(ctx, id, ch->org, c->joined[d], date);
		break;
	case IVP_CASE_DIRECTOR:
		if (!ch->user || !*ch->user) {
			rc = bad_field(ctx, "director", "a process director is required%s", "");
			break;
		}
		if ((rc = director_check(ctx, ch->user)))
			break;
		rec_of(c, &r);
		r.director = ch->user;
		rc = ivp__store_case_put(ctx, &r, &existed);
		break;
	case IVP_CASE_DOMAIN:
		d = ch->domain ? ivp__case_domain_find(ch->domain, strlen(ch->domain)) : -1;
		if (d < 0) {
			rc = bad_field(ctx, "domain", "unknown life domain \"%s\"", ch->domain);
			break;
		}
		if (ch->score < 1 || ch->score > 5) {
			rc = bad_field(ctx, "score", "a score is 1 (acute problems) to 5 (fully self-reliant)%s", "");
			break;
		}
		if ((rc = date_or_today(ctx, "date", ch->date, date)))
			break;
		rc = ivp__store_case_domain_put(ctx, id, ivp__case_domains[d].key, ch->score, ctx->actor_user, date);
		break;
	case IVP_CASE_AGREEMENT:
	case IVP_CASE_MEETING:
	case IVP_CASE_NOTE:
		if ((rc = need_text(ctx, "text", ch->text, ch->op != IVP_CASE_MEETING)) ||
		    (rc = date_or_today(ctx, "date", ch->date, date)))
			break;
		if (ch->op == IVP_CASE_AGREEMENT && (rc = org_check(ctx, "org", ch->org)))
			break;
		if (ch->op == IVP_CASE_MEETING && (rc = orgs_check(ctx, ch->orgs)))
			break;
		n = c->last_entry + 1;
		snprintf(field, sizeof(field), "entry.%lld", (long long)n);
		if ((rc = seal_hex(ctx, dek, id, field, ch->text && *ch->text ? ch->text : NULL, &sealed)))
			break;
		e.n = n;
		e.kind = ch->op == IVP_CASE_AGREEMENT ? "agreement" : ch->op == IVP_CASE_MEETING ? "meeting" :
												   "note";
		e.date = date;
		e.org = ch->op == IVP_CASE_AGREEMENT ? ch->org : ch->op == IVP_CASE_NOTE ? org :
											   "";
		e.orgs = ch->op == IVP_CASE_MEETING ? ch->orgs : "";
		e.user = ctx->actor_user;
		e.own_org = ch->op == IVP_CASE_NOTE && ch->own_org;
		e.text = sealed;
		/* the number was read in load(), before this write's transaction:
		 * a concurrent entry makes the insert fail on the key, not overwrite */
		rc = ivp__store_case_entry_add(ctx, id, &e);
		if (!rc && nout)
			*nout = n;
		break;
	case IVP_CASE_AGREEMENT_DONE:
		rc = ivp__store_case_entry_done(ctx, id, ch->n, ch->done);
		if (rc == IVP_ENOTFOUND)
			rc = bad_field(ctx, "n", "there is no such agreement in this case%s", "");
		break;
	case IVP_CASE_STATUS:
		rec_of(c, &r);
		if ((rc = status_change(ctx, c, ch, dek, &r, date, &close_reason)))
			break;
		rc = ivp__store_case_put(ctx, &r, &existed);
		break;
	default:
		rc = ivp__fail(ctx, IVP_EINTERNAL, "unknown change of a case");
	}
	free(sealed);
	free(close_reason);
	return rc;
}

ivp_rc ivp_case_change_apply(ivp_ctx *ctx, const char *id, const ivp_case_change *ch, const char *reason,
			     long long *n)
{
	unsigned char dek[IVP__DEK_BYTES];
	const char *given;
	char org[32];
	cs_case c;
	ivp_rc rc;

	if (n)
		*n = 0;
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = load(ctx, id, &c)))
		return rc;
	if ((rc = decide(ctx, &c, IVP__REG_WRITE, reason, org, &given)))
		goto out;
	if ((rc = ivp__vault_get(ctx, REG, id, dek)))
		goto out;
	if ((rc = ivp__store_begin(ctx)))
		goto out;
	if ((rc = apply(ctx, &c, ch, org, dek, n)) || (rc = ivp__reg_audit(ctx, REG, "case.write", id, given))) {
		ivp__store_abort(ctx);
		goto out;
	}
	rc = ivp__store_commit(ctx);
out:
	ivp__vault_wipe(dek, sizeof(dek));
	case_free(&c);
	return rc;
}

/* ---- correcting the person ---------------------------------------------------------------- */

/* Append field to the list of changed fields when v differs from was. */
static void person_diff(char changed[64], const char *field, const char *v, const char *was)
{
	size_t n = strlen(changed);

	if (!strcmp(v, was))
		return;
	snprintf(changed + n, 64 - n, "%s%s", n ? "," : "", field);
}

/* The checks of a correction, as at registration; the values to seal
 * replace the given lines (lines[0..3]: name, birth, BSN, address). */
static ivp_rc person_checks(ivp_ctx *ctx, const ivp_case_person *p, char birth[11], char bsn[10])
{
	ivp_rc rc;

	if (!p->name && !p->birth && !p->bsn && !p->address) {
		ivp__fail(ctx, IVP_EINPUT, "nothing to correct");
		ivp__hint(ctx, "Give the fields to correct: --name, --born, --bsn or --address.");
		return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
	}
	if (p->name && (rc = need_text(ctx, "name", p->name, 1)))
		return rc;
	if (p->name && !line_ok(p->name))
		return bad_field(ctx, "name", "a name is one line of at most 256 bytes%s", "");
	if (p->address && *p->address && !line_ok(p->address))
		return bad_field(ctx, "address", "an address is one line of at most 256 bytes%s", "");
	if (p->birth && (!*p->birth || ivp__case_date_parse(p->birth, strlen(p->birth), birth)))
		return bad_field(ctx, "birth", "\"%s\" is not a date of birth (YYYY-MM-DD)", p->birth);
	if (p->bsn && (rc = bsn_check(ctx, p->bsn, bsn)))
		return rc;
	return IVP_OK;
}

ivp_rc ivp_case_person_set(ivp_ctx *ctx, const char *id, const ivp_case_person *p, const char *reason,
			   char changed[64])
{
	unsigned char dek[IVP__DEK_BYTES];
	char birth[11] = "", bsn[10] = "", blind[65], org[32], *lines[4] = { NULL, NULL, NULL, NULL };
	char *plain = NULL, *person = NULL, *why = NULL, *q;
	const char *given, *nv[4];
	ivp__case_rec r;
	ivp__buf pb;
	cs_case c;
	int i, existed, found = 0, txn = 0;
	size_t pl, wl;
	ivp_rc rc;

	changed[0] = 0;
	ivp__buf_init(&pb, (size_t)LINE_MAX_ * 4);
	memset(dek, 0, sizeof(dek));
	if ((rc = ivp__vault_ready(ctx, REG)) || (rc = load(ctx, id, &c))) {
		ivp__buf_free(&pb);
		return rc;
	}
	if ((rc = decide(ctx, &c, IVP__REG_WRITE, reason, org, &given)) || (rc = person_checks(ctx, p, birth, bsn)) ||
	    (rc = ivp__vault_get(ctx, REG, id, dek)) ||
	    (rc = open_hex(ctx, dek, id, "person", c.col[IVP__CASE_C_PERSON], &pb)))
		goto out;
	q = (char *)ivp__buf_str(&pb);
	for (i = 0; i < 4; i++) {
		lines[i] = q ? q : (char *)"";
		if (q && (q = strchr(q, '\n')))
			*q++ = 0;
	}
	nv[0] = p->name ? p->name : lines[0];
	nv[1] = p->birth ? birth : lines[1];
	nv[2] = p->bsn ? bsn : lines[2];
	nv[3] = p->address ? p->address : lines[3];
	person_diff(changed, "name", nv[0], lines[0]);
	person_diff(changed, "birth", nv[1], lines[1]);
	person_diff(changed, "bsn", nv[2], lines[2]);
	person_diff(changed, "address", nv[3], lines[3]);
	if (!changed[0])
		goto out;
	rec_of(&c, &r);
	if (strcmp(nv[2], lines[2])) {
		if ((rc = ivp__vault_blind(ctx, REG, "bsn", nv[2], blind)) ||
		    (rc = duplicates(ctx, blind, p->duplicate_ok, &found)))
			goto out;
		r.bsn_blind = blind;
	}
	pl = strlen(nv[0]) + strlen(nv[1]) + strlen(nv[2]) + strlen(nv[3]) + 8;
	wl = strlen(changed) + (given ? strlen(given) : 0) + 32;
	if (!(plain = malloc(pl)) || !(why = malloc(wl))) {
		rc = ivp__oom(ctx, "correcting the person of case %s", id);
		goto out;
	}
	snprintf(plain, pl, "%s\n%s\n%s\n%s", nv[0], nv[1], nv[2], nv[3]);
	/* the audit names the fields, never their values */
	snprintf(why, wl, "person corrected: %s%s%s", changed, given ? "; " : "", given ? given : "");
	if ((rc = seal_hex(ctx, dek, id, "person", plain, &person)))
		goto out;
	r.person = person;
	if ((rc = ivp__store_begin(ctx)))
		goto out;
	txn = 1;
	if ((rc = ivp__store_case_put(ctx, &r, &existed)) || (rc = ivp__reg_audit(ctx, REG, "case.write", id, why)))
		goto out;
	rc = ivp__store_commit(ctx);
	txn = 0;
out:
	if (txn)
		ivp__store_abort(ctx);
	if (rc)
		changed[0] = 0;
	ivp__vault_wipe(dek, sizeof(dek));
	ivp__vault_wipe(bsn, sizeof(bsn));
	if (pb.p)
		ivp__vault_wipe(pb.p, pb.len);
	ivp__buf_free(&pb);
	if (plain) {
		ivp__vault_wipe(plain, strlen(plain));
		free(plain);
	}
	free(person);
	free(why);
	case_free(&c);
	return rc;
}

/* ---- counts without persons ------------------------------------------------------------------- */

#define CS_GROUPS 256

typedef struct cs_count {
	const char *by;
	char key[CS_GROUPS][16];
	int64_t n[CS_GROUPS];
	int ng, overflow;
} cs_count;

static int count_row(void *ud, const char *const *cols, int n)
{
	cs_count *c = ud;
	char key[16];
	int i;

	if (n < IVP__CASE_NCOLS)
		return 0;
	if (!strcmp(c->by, "status"))
		snprintf(key, sizeof(key), "%s", cols[IVP__CASE_C_STATUS] ? cols[IVP__CASE_C_STATUS] : "");
	else if (!strcmp(c->by, "wijk"))
		snprintf(key, sizeof(key), "%s", cols[IVP__CASE_C_WIJK] ? cols[IVP__CASE_C_WIJK] : "");
	else {
		const char *d = cols[IVP__CASE_C_REGISTERED] ? cols[IVP__CASE_C_REGISTERED] : "0000-00";

		snprintf(key, sizeof(key), "%.4sKW%02d", d, ((int)strtol(d + 5, NULL, 10) + 2) / 3);
	}
	for (i = 0; i < c->ng; i++)
		if (!strcmp(c->key[i], key)) {
			c->n[i]++;
			return 0;
		}
	if (c->ng == CS_GROUPS) {
		c->overflow = 1;
		return 1;
	}
	snprintf(c->key[c->ng], sizeof(c->key[0]), "%s", key);
	c->n[c->ng++] = 1;
	return 0;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

ivp_rc ivp_case_counts(ivp_ctx *ctx, const char *by, ivp_table **out)
{
	static const char *const names[] = { "group", "n", "shown", NULL };
	cs_count *c;
	unsigned char flag[CS_GROUPS];
	ivp_table *t = NULL;
	int64_t total = 0;
	int i, tf;
	ivp_rc rc;

	*out = NULL;
	if (!by || (strcmp(by, "status") && strcmp(by, "quarter") && strcmp(by, "wijk"))) {
		ivp__fail(ctx, IVP_EINPUT, "unknown count \"%s\"", by ? by : "");
		ivp__hint(ctx, "Count by status, quarter or wijk.");
		ivp__option(ctx, "by");
		return ivp__coded(ctx, "case_bad_field", IVP_EINPUT);
	}
	if (!(c = calloc(1, sizeof(*c))))
		return ivp__oom(ctx, "counting cases");
	c->by = by;
	if (!strcmp(by, "status"))
		for (i = 0; i < 4; i++) {
			snprintf(c->key[i], sizeof(c->key[0]), "%s", statuses[i]);
			c->ng = 4;
		}
	rc = ivp__store_cases_list(ctx, count_row, c);
	if (c->overflow) {
		ivp__error_clear(&ctx->err);
		rc = ivp__fail(ctx, IVP_EINPUT, "more than %d groups to count", CS_GROUPS);
	}
	if (rc)
		goto out;
	/* sort by key (a statuses table keeps its order); the flags follow */
	if (strcmp(by, "status")) {
		struct {
			char key[16];
			int64_t n;
		} tmp[CS_GROUPS] = { { { 0 }, 0 } };

		for (i = 0; i < c->ng; i++) {
			memcpy(tmp[i].key, c->key[i], 16);
			tmp[i].n = c->n[i];
		}
		qsort(tmp, (size_t)c->ng, sizeof(tmp[0]), key_cmp);
		for (i = 0; i < c->ng; i++) {
			memcpy(c->key[i], tmp[i].key, 16);
			c->n[i] = tmp[i].n;
		}
	}
	for (i = 0; i < c->ng; i++)
		total += c->n[i];
	tf = ivp__suppress_one(total);
	if (c->ng)
		(void)ivp__suppress_parts(c->n, c->ng, tf, flag);
	if (!(t = ivp__table_new()) || tcols(t, names))
		goto oom;
	for (i = 0; i <= c->ng; i++) {
		int f = i < c->ng ? flag[i] : tf;
		int64_t v = i < c->ng ? c->n[i] : total;
		const char *key = i < c->ng ? c->key[i] : "total";
		char shown[32];

		if (f != IVP__SHOW)
			snprintf(shown, sizeof(shown), "%s", f == IVP__HIDE_SMALL ? "< 5" : "x");
		else
			snprintf(shown, sizeof(shown), "%lld", (long long)v);
		if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, key[0] ? key : "-") ||
		    (f == IVP__SHOW && ivp__table_set_int(t, 1, v)) || ivp__table_set_text(t, 2, shown))
			goto oom;
	}
	if (ivp__table_note(t, ivp_msg_tr(ctx->lang, "Counts from 1 to %d are shown as \"< %d\"; a count marked x is hidden as well, so that no total and its parts give a hidden count back."),
			    IVP__SUPPRESS_MIN - 1, IVP__SUPPRESS_MIN))
		goto oom;
	*out = t;
	t = NULL;
	goto out;
oom:
	rc = ivp__oom(ctx, "counting cases");
out:
	ivp_table_free(t);
	free(c);
	return rc;
}

/* ---- retention ---------------------------------------------------------------------------------- */

typedef struct cs_exp {
	char (*id)[IVP_CASE_ID_MAX];
	char (*until)[11];
	int n, cap;
	const char *as_of;
	int months;
} cs_exp;

static int exp_row(void *ud, const char *const *cols, int n)
{
	cs_exp *e = ud;
	const char *st, *cl;
	char until[11];

	if (n < IVP__CASE_NCOLS || !cols[IVP__CASE_C_ID])
		return 0;
	st = cols[IVP__CASE_C_STATUS] ? cols[IVP__CASE_C_STATUS] : "";
	cl = cols[IVP__CASE_C_CLOSED];
	if ((strcmp(st, "closed") && strcmp(st, "declined")) || !cl || strlen(cl) != 10)
		return 0;
	if (ivp__reg_date_add_months(cl, e->months, until) || strcmp(until, e->as_of) > 0)
		return 0;
	if (e->n == e->cap) {
		int cap = e->cap ? 2 * e->cap : 32;
		void *a = realloc(e->id, (size_t)cap * sizeof(*e->id)), *b;

		if (!a)
			return 1;
		e->id = a;
		if (!(b = realloc(e->until, (size_t)cap * sizeof(*e->until))))
			return 1;
		e->until = b;
		e->cap = cap;
	}
	snprintf(e->id[e->n], IVP_CASE_ID_MAX, "%s", cols[IVP__CASE_C_ID]);
	memcpy(e->until[e->n++], until, 11);
	return 0;
}

/*
 * Closed and declined cases expire `closed` months after their closing
 * date (ivp__reg_retention_months, rule "closed"): the case's DEK and
 * every row of it go in one transaction with one audit entry per case,
 * "case.destroyed", that names only the id.
 */
ivp_rc ivp__cases_expire(ivp_ctx *ctx, const char *as_of, int dry_run, ivp__row_cb cb, void *ud, int64_t *n)
{
	cs_exp e = { NULL, NULL, 0, 0, as_of, 0 };
	char date[11];
	int i, txn = 0;
	ivp_rc rc;

	*n = 0;
	if (!as_of || ivp__case_date_parse(as_of, strlen(as_of), date))
		return bad_field(ctx, "as-of", "\"%s\" is not a date (YYYY-MM-DD)", as_of);
	if ((rc = ivp__reg_retention_months(ctx, REG, "closed", &e.months)))
		return rc;
	if ((rc = ivp__store_cases_list(ctx, exp_row, &e)))
		goto out;
	if (!dry_run) {
		if ((rc = ivp__vault_ready(ctx, REG)) || (rc = ivp__store_begin(ctx)))
			goto out;
		txn = 1;
	}
	for (i = 0; i < e.n; i++) {
		const char *cols[3] = { e.id[i], "case", e.until[i] };

		if (!dry_run) {
			rc = ivp__vault_shred(ctx, REG, e.id[i]);
			if (rc == IVP_ENOTFOUND)
				rc = IVP_OK; /* its key was gone already: the content goes now */
			if (rc || (rc = ivp__store_case_delete(ctx, e.id[i])) ||
			    (rc = ivp__reg_audit(ctx, REG, "case.destroyed", e.id[i], NULL)))
				goto out;
		}
		if (cb && cb(ud, cols, 3)) {
			rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
			goto out;
		}
		(*n)++;
	}
	if (txn) {
		rc = ivp__store_commit(ctx);
		txn = 0;
	}
out:
	if (txn)
		ivp__store_abort(ctx);
	free(e.id);
	free(e.until);
	return rc;
}

/* The actor's relation to case id (registers.h, ivp__reg_kind.relation). */
static ivp_rc case_relation(ivp_ctx *ctx, const char *id, ivp__reg_rel *rel)
{
	char org[32];
	cs_case c;
	ivp_rc rc;

	memset(rel, 0, sizeof(*rel));
	if ((rc = load(ctx, id, &c)))
		return rc;
	rc = relation(ctx, &c, rel, org);
	case_free(&c);
	return rc;
}

const ivp__reg_kind ivp__cases_kind = { IVP__REG_CASES, ivp__cases_expire, case_relation };
