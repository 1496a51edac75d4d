/*
 * org.c — organisations and membership: the library side of
 * "Organisations" in ivp.h. The municipality and its safety partners
 * (politie, the Zorg- en Veiligheidshuis, Halt, jongerenwerk, a housing
 * corporation, the RIEC) are organisations; a plan's measure names one as
 * its owner and others as its partners; every user belongs to one. The
 * HTTP server's one authorization function (src/http/auth.c) decides on
 * role × organisation × object with what this file returns.
 *
 * The membership rule: a user belongs to the organisation of their
 * membership row (`ivp user add --org`, `ivp user org`); a user without
 * one — every user from before migration 8, and one added without --org
 * — belongs to the default organisation IVP_ORG_DEFAULT (`gemeente`, the
 * municipality), which migration 8 creates and which cannot be removed.
 * An organisation with members, or named by the latest plan version, is
 * not removed either.
 *
 * A plan file's `partners` list declares organisations: importing a plan
 * adds those the database does not know yet (id, name, kind from the
 * file; existing ones keep the name given with `ivp org add`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/org.h"
#include "core/core.h"
#include "plan/plan.h"
#include "store/auth_store.h"
#include "store/org_store.h"
#include "store/plan_store.h"
#include "store/store.h"

int ivp__org_id_ok(const char *id)
{
	size_t n = id ? strlen(id) : 0;

	if (n < 1 || n > 31 || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") != n)
		return 0;
	return id[0] != '-' && id[0] != '_';
}

static ivp_rc bad_id(ivp_ctx *ctx, const char *id)
{
	ivp__fail(ctx, IVP_EINPUT, "invalid organisation id \"%.40s\"", id ? id : "");
	ivp__code(ctx, "bad_org_id");
	ivp__hint(ctx, "An organisation id is 1-31 of a-z 0-9 - _, e.g. politie or zvh.");
	return IVP_EINPUT;
}

static ivp_rc no_org(ivp_ctx *ctx, const char *id)
{
	ivp__fail(ctx, IVP_EINPUT, "unknown organisation \"%s\"", id);
	ivp__code(ctx, "unknown_org");
	ivp__hint(ctx, "ivp org list shows the organisations; ivp org add ID NAME adds one.");
	return IVP_EINPUT;
}

/* A text of 1..max bytes of valid UTF-8 without control characters. */
static int text_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0, i, k;

	if (n < 1 || n > max)
		return 0;
	for (i = 0; i < n; i += k) {
		k = ivp__utf8_seq((const unsigned char *)s + i, n - i);
		if (!k || (k == 1 && ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)))
			return 0;
	}
	return 1;
}

/* An organisation as its audit entry hashes it: "id=…\nname=…\nkind=…". */
static void org_text(char *out, size_t n, const char *id, const char *name, const char *kind)
{
	snprintf(out, n, "id=%s\nname=%s\nkind=%s", id, name, kind ? kind : "");
}

/* ---- the municipalities an organisation works for (org_municipality) ---- */

/* The next code of the comma list *p into out (64 bytes; spaces around it
 * dropped): 1, or 0 at its end. A code too long is cut, and then refused as
 * no municipality. */
static int next_code(const char **p, char out[64])
{
	const char *s = *p, *e;
	size_t n;

	while (*s == ' ' || *s == ',')
		s++;
	if (!*s)
		return 0;
	for (e = s; *e && *e != ','; e++)
		;
	*p = e;
	while (e > s && e[-1] == ' ')
		e--;
	n = (size_t)(e - s);
	snprintf(out, 64, "%.*s", (int)(n < 63 ? n : 63), s);
	if (n > 63)
		out[0] = '!';
	return 1;
}

/* Check a comma list of municipalities or regions: each valid, and one
 * the operator may bind org to. IVP_EINPUT when the list names none. */
static ivp_rc codes_check(ivp_ctx *ctx, const char *org, const char *list)
{
	const char *p = list ? list : "";
	char code[64];
	int n = 0;
	ivp_rc rc;

	while (next_code(&p, code)) {
		n++;
		if (!ivp__tenant_valid(code))
			return ivp_set_municipality(ctx, code); /* its refusal; ctx unchanged */
		if ((rc = ivp__tenant_manages_org(ctx, org, code)))
			return rc;
	}
	if (n)
		return IVP_OK;
	ivp__fail(ctx, IVP_EINPUT, "no municipality given");
	ivp__hint(ctx, "Give one or more codes separated by commas, e.g. GM1926,GM0503, or a region such as haaglanden.");
	ivp__option(ctx, "municipality");
	return ivp__coded(ctx, "municipality_invalid", IVP_EINPUT);
}

typedef struct codes_ud {
	ivp__buf b; /* "GM0503,GM1926" */
	int oom;
} codes_ud;

static int codes_cb(void *ud, const char *const *c, int n)
{
	codes_ud *u = ud;

	if (n < 2 || !c[1])
		return 0;
	if ((u->b.len && ivp__buf_addc(&u->b, ',')) || ivp__buf_add(&u->b, c[1], strlen(c[1]))) {
		u->oom = 1;
		return -1;
	}
	return 0;
}

/* The municipalities org works for, as "GM0503,GM1926" ("" none) into u->b. */
static ivp_rc codes_of(ivp_ctx *ctx, const char *org, codes_ud *u)
{
	ivp_rc rc;

	ivp__buf_init(&u->b, 1u << 20);
	u->oom = 0;
	rc = ivp__store_org_municipalities(ctx, org, codes_cb, u);
	if (u->oom) {
		ivp__buf_free(&u->b);
		return ivp__oom(ctx, "The municipalities of organisation %s could not be read.", org);
	}
	if (rc)
		ivp__buf_free(&u->b);
	return rc;
}

/* In the caller's transaction: add (or, remove set, take away) the codes
 * of list for org, with one audit entry "org.municipality" (object
 * org:ID, before and after the comma lists) when anything changed. A code
 * to take away that org does not work for: IVP_EINPUT
 * (org_not_in_municipality). */
static ivp_rc codes_apply_in_tx(ivp_ctx *ctx, const char *org, const char *list, int remove)
{
	codes_ud before, after;
	const char *p = list;
	char code[64], obj[64];
	int changed, any = 0;
	ivp_rc rc;

	if ((rc = codes_of(ctx, org, &before)))
		return rc;
	while (!rc && next_code(&p, code)) {
		rc = remove ? ivp__store_org_municipality_del(ctx, org, code, &changed) :
			      ivp__store_org_municipality_put(ctx, org, code, &changed);
		if (rc == IVP_ENOTFOUND)
			rc = no_org(ctx, org);
		else if (!rc && remove && !changed) {
			ivp__fail(ctx, IVP_EINPUT, "organisation %s does not work for \"%s\"", org, code);
			if (before.b.len)
				ivp__detail(ctx, "It works for: %s.", ivp__buf_str(&before.b));
			else
				ivp__detail(ctx, "It has no municipality of its own, so it works for the deployment's first.");
			ivp__hint(ctx, "ivp org list shows the municipalities each organisation works for.");
			rc = ivp__coded(ctx, "org_not_in_municipality", IVP_EINPUT);
		}
		any |= changed;
	}
	if (!rc && any && !(rc = codes_of(ctx, org, &after))) {
		snprintf(obj, sizeof(obj), "org:%s", org);
		rc = ivp__audit(ctx, "org.municipality", obj, ivp__buf_str(&before.b), ivp__buf_str(&after.b));
		ivp__buf_free(&after.b);
	}
	ivp__buf_free(&before.b);
	return rc;
}

ivp_rc ivp_org_municipalities_set(ivp_ctx *ctx, const char *id, const char *list, int remove)
{
	ivp__org_rec o;
	ivp_rc rc;

	if (!ivp__org_id_ok(id))
		return bad_id(ctx, id);
	if ((rc = codes_check(ctx, id, list)))
		return rc;
	if ((rc = ivp__store_org_get(ctx, id, &o)) == IVP_ENOTFOUND)
		return no_org(ctx, id);
	if (rc || (rc = ivp__store_begin(ctx)))
		return rc;
	if ((rc = codes_apply_in_tx(ctx, id, list, remove)) || (rc = ivp__store_commit(ctx)))
		ivp__store_abort(ctx);
	return rc;
}

/* 1 when the comma list codes names target */
static int list_has(const char *codes, const char *target)
{
	const char *p = codes;
	char code[64];

	while (next_code(&p, code))
		if (!strcmp(code, target))
			return 1;
	return 0;
}

ivp_rc ivp_org_works_for(ivp_ctx *ctx, const char *org, const char *target, int *yes)
{
	char first[64] = "", code[64];
	codes_ud u;
	const char *p;
	ivp_rc rc = IVP_OK;

	*yes = 1;
	if (!org || !*org || !strcmp(org, IVP_ORG_DEFAULT))
		return IVP_OK;	   /* the municipality itself: each municipality's own */
	if (!target || !*target) { /* not bound: the deployment's first municipality */
		if ((rc = ivp__store_first_municipality(ctx, first)) || !first[0])
			return rc;
		target = first;
	}
	if ((rc = codes_of(ctx, org, &u)))
		return rc;
	*yes = 0;
	if (!u.b.len) /* no row: the deployment's own */
		rc = ivp_municipality_covers(ctx, "", target, yes);
	else if (list_has(ivp__buf_str(&u.b), target))
		*yes = 1;
	for (p = ivp__buf_str(&u.b); !rc && !*yes && next_code(&p, code);)
		rc = ivp_municipality_covers(ctx, code, target, yes); /* a region and its members */
	ivp__buf_free(&u.b);
	return rc;
}

/* *yes = 1 when region covers one of the municipalities org works for (or,
 * without any, the deployment's first): a region user of such an
 * organisation works where both meet (the HTTP server decides per request). */
static ivp_rc region_overlaps(ivp_ctx *ctx, const char *org, const char *region, int *yes)
{
	char first[64] = "", code[64];
	const char *p;
	codes_ud u;
	ivp_rc rc;

	*yes = 0;
	if ((rc = codes_of(ctx, org, &u)))
		return rc;
	if (!u.b.len && !(rc = ivp__store_first_municipality(ctx, first)) && first[0])
		rc = ivp_municipality_covers(ctx, region, first, yes);
	for (p = ivp__buf_str(&u.b); !rc && !*yes && next_code(&p, code);)
		rc = ivp_municipality_covers(ctx, region, code, yes);
	ivp__buf_free(&u.b);
	return rc;
}

ivp_rc ivp__org_check_binding(ivp_ctx *ctx, const char *org, const char *binding)
{
	int yes = 1;
	char works[200] = "", first[64] = "";
	codes_ud u;
	ivp__org_rec o;
	ivp_rc rc = ivp__store_org_get(ctx, org ? org : "", &o);

	if (rc == IVP_ENOTFOUND)
		return IVP_OK; /* unknown: the membership step refuses it */
	if (rc || (rc = ivp_org_works_for(ctx, org, binding, &yes)) || yes ||
	    (binding && *binding && !ivp_is_municipality_code(binding) &&
	     ((rc = region_overlaps(ctx, org, binding, &yes)) || yes)))
		return rc;
	if ((!binding || !*binding) && (rc = ivp__store_first_municipality(ctx, first)))
		return rc;
	if (first[0])
		binding = first; /* not bound: the deployment's first, named */
	if (!codes_of(ctx, org, &u)) {
		snprintf(works, sizeof(works), "%.190s", ivp__buf_str(&u.b));
		ivp__buf_free(&u.b);
	}
	ivp__fail(ctx, IVP_EINPUT, "organisation %s does not work for \"%s\"", org,
		  binding && *binding ? binding : ivp_msg_tr(ivp_lang(ctx), "the deployment's own municipality"));
	if (works[0])
		ivp__detail(ctx, "It works for: %s.", works);
	else
		ivp__detail(ctx, "It has no municipality of its own, so it works for the deployment's first.");
	ivp__hint(ctx, "Let it work there first: ivp org municipality %s CODE --user OPERATOR.", org);
	return ivp__coded(ctx, "org_not_in_municipality", IVP_EINPUT);
}

/*
 * Write the organisation and its audit entry ("org.add", or "org.rename"
 * for an id that was there: before is what it was) in one transaction,
 * with the municipalities of list (NULL: none added) and their entry.
 */
static ivp_rc org_put_audited(ivp_ctx *ctx, const char *id, const char *name, const char *kind,
			      const char *list, int *existed)
{
	char obj[64], before[400] = "", after[400];
	ivp__org_rec o;
	ivp_rc rc;
	int had;

	snprintf(obj, sizeof(obj), "org:%s", id);
	org_text(after, sizeof(after), id, name, kind);
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	rc = ivp__store_org_get(ctx, id, &o);
	had = rc == IVP_OK;
	if (rc == IVP_ENOTFOUND)
		rc = IVP_OK;
	if (had)
		org_text(before, sizeof(before), o.id, o.name, o.kind);
	if (rc || (rc = ivp__store_org_put(ctx, id, name, kind, existed)) ||
	    (rc = ivp__audit(ctx, had ? "org.rename" : "org.add", obj, had ? before : NULL, after)) ||
	    (list && (rc = codes_apply_in_tx(ctx, id, list, 0))) || (rc = ivp__store_commit(ctx))) {
		ivp__store_abort(ctx);
		return rc;
	}
	return IVP_OK;
}

ivp_rc ivp_org_add(ivp_ctx *ctx, const char *id, const char *name, const char *kind, int *updated)
{
	return ivp_org_add_at(ctx, id, name, kind, NULL, updated);
}

/* A bound operator adds an organisation without municipalities only when
 * it manages the deployment's first, the one such an organisation works for. */
static ivp_rc new_org_managed(ivp_ctx *ctx, const char *id)
{
	char first[64] = "";
	ivp__org_rec o;
	ivp_rc rc = ivp__store_org_get(ctx, id, &o);

	if (rc != IVP_ENOTFOUND)
		return rc; /* there already: a rename */
	if ((rc = ivp__store_first_municipality(ctx, first)) || !first[0])
		return rc;
	return ivp__tenant_manages_org(ctx, id, first);
}

ivp_rc ivp_org_add_at(ivp_ctx *ctx, const char *id, const char *name, const char *kind,
		      const char *municipalities, int *updated)
{
	int existed = 0;
	ivp_rc rc;

	if (updated)
		*updated = 0;
	if (!ivp__org_id_ok(id))
		return bad_id(ctx, id);
	if (municipalities && (rc = codes_check(ctx, id, municipalities)))
		return rc;
	if (!municipalities && (rc = new_org_managed(ctx, id)))
		return rc;
	if (!text_ok(name, 255)) {
		ivp__fail(ctx, IVP_EINPUT, "invalid organisation name");
		ivp__code(ctx, "bad_org_name");
		ivp__hint(ctx, "Give a name of 1-255 characters on one line, e.g. \"Politie eenheid Den Haag\".");
		return IVP_EINPUT;
	}
	if (kind && *kind && !text_ok(kind, 63)) {
		ivp__fail(ctx, IVP_EINPUT, "invalid organisation kind");
		ivp__code(ctx, "bad_org_name");
		ivp__hint(ctx, "Give a kind of 1-63 characters on one line, e.g. police.");
		return IVP_EINPUT;
	}
	if (!kind) { /* not given: an existing organisation keeps its kind */
		ivp__org_rec o;

		rc = ivp__store_org_get(ctx, id, &o);
		if (rc && rc != IVP_ENOTFOUND)
			return rc;
		if (!rc)
			return org_put_audited(ctx, id, name, o.kind, municipalities, updated ? updated : &existed);
	}
	if ((rc = org_put_audited(ctx, id, name, kind ? kind : "", municipalities, &existed)))
		return rc;
	if (updated)
		*updated = existed;
	return IVP_OK;
}

/* 1 when the latest plan version names org as a partner, owner or measure partner. */
static int plan_names(const pl_plan *p, const char *org)
{
	int i, k, j;

	for (i = 0; i < p->partners.n; i++)
		if (!strcmp(((pl_partner *)p->partners.v)[i].id, org))
			return 1;
	for (i = 0; i < p->implementation.n; i++) {
		const pl_impl *im = &((pl_impl *)p->implementation.v)[i];

		for (k = 0; k < im->measures.n; k++) {
			const pl_measure *m = &((pl_measure *)im->measures.v)[k];

			if (m->owner && !strcmp(m->owner, org))
				return 1;
			for (j = 0; j < m->partners.n; j++)
				if (!strcmp(((char **)m->partners.v)[j], org))
					return 1;
		}
	}
	return 0;
}

/* The latest plan version, read (NULL in *out when there is none). */
static ivp_rc latest_plan(ivp_ctx *ctx, pl_plan **out)
{
	char *yaml = NULL;
	pl_problems pr = { 0 };
	ivp_rc rc = ivp_plan_export(ctx, 0, &yaml);

	*out = NULL;
	if (rc == IVP_ENOTFOUND) { /* no plan yet: nothing names anything */
		memset(&ctx->err, 0, sizeof(ctx->err));
		return IVP_OK;
	}
	if (rc)
		return rc;
	*out = ivp__plan_read(yaml, strlen(yaml), &pr);
	ivp_free(yaml);
	rc = !*out && pr.oom ? ivp__fail(ctx, IVP_ENOMEM, "out of memory") : IVP_OK;
	ivp__pl_problems_free(&pr);
	return rc;
}

ivp_rc ivp_org_remove(ivp_ctx *ctx, const char *id)
{
	char obj[64], before[400] = "";
	ivp__org_rec o;
	int64_t members = 0;
	pl_plan *p = NULL;
	ivp_rc rc;
	int named;

	if (!ivp__org_id_ok(id))
		return bad_id(ctx, id);
	if (!strcmp(id, IVP_ORG_DEFAULT)) {
		ivp__fail(ctx, IVP_EINPUT, "organisation \"%s\" is the default", id);
		ivp__code(ctx, "org_in_use");
		ivp__detail(ctx, "Users without an organisation of their own belong to it.");
		ivp__hint(ctx, "Rename it instead: ivp org add %s NAME.", id);
		return IVP_EINPUT;
	}
	if ((rc = latest_plan(ctx, &p)))
		return rc;
	named = p && plan_names(p, id);
	ivp__plan_free(p);
	if (named) {
		ivp__fail(ctx, IVP_EINPUT, "organisation \"%s\" is named by the plan", id);
		ivp__code(ctx, "org_in_use");
		ivp__hint(ctx, "Change the plan's measures and partners first (ivp plan import).");
		return IVP_EINPUT;
	}
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	if ((rc = ivp__store_org_get(ctx, id, &o)) == IVP_OK)
		org_text(before, sizeof(before), o.id, o.name, o.kind);
	if (!rc)
		rc = ivp__store_org_remove(ctx, id, &members);
	if (rc || members) {
		ivp__store_abort(ctx);
		if (rc == IVP_ENOTFOUND)
			return no_org(ctx, id);
		if (rc)
			return rc;
		ivp__fail(ctx, IVP_EINPUT, members == 1 ? "organisation \"%s\" has %lld member" : "organisation \"%s\" has %lld members", id,
			  (long long)members);
		ivp__code(ctx, "org_in_use");
		ivp__hint(ctx, "Move its users to another organisation first (ivp user org NAME ORG) or remove them.");
		return IVP_EINPUT;
	}
	snprintf(obj, sizeof(obj), "org:%s", id);
	if ((rc = ivp__audit(ctx, "org.remove", obj, before, NULL)) || (rc = ivp__store_commit(ctx)))
		ivp__store_abort(ctx);
	return rc;
}

typedef struct orgs_ud {
	ivp_ctx *ctx;
	ivp_table *t;
	int64_t unassigned; /* users without a membership row: of the default */
	const char *pairs;  /* "org\tcode\n" of every org_municipality row */
	const char *own;    /* what an organisation without rows works for */
} orgs_ud;

static int pairs_cb(void *ud, const char *const *c, int n)
{
	ivp__buf *b = ud;

	if (n < 2 || !c[0] || !c[1])
		return 0;
	return ivp__buf_printf(b, "%s\t%s\n", c[0], c[1]) ? -1 : 0;
}

/* The works_for cell of org: its municipalities, "GM0503, GM1926". */
static int works_for_cell(orgs_ud *o, const char *org)
{
	ivp__buf b;
	const char *p = o->pairs, *nl;
	size_t n = strlen(org);
	int r = 0;

	if (!strcmp(org, IVP_ORG_DEFAULT))
		return ivp__table_set_text(o->t, 4, ivp_msg_tr(ivp_lang(o->ctx), "each municipality its own"));
	ivp__buf_init(&b, 1u << 20);
	for (; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (!strncmp(p, org, n) && p[n] == '\t' &&
		    ((b.len && ivp__buf_add(&b, ", ", 2)) || ivp__buf_add(&b, p + n + 1, (size_t)(nl - p - (long)n - 1)))) {
			r = -1;
			break;
		}
	}
	if (!r)
		r = ivp__table_set_text(o->t, 4, b.len ? ivp__buf_str(&b) : o->own);
	ivp__buf_free(&b);
	return r;
}

static int orgs_cb(void *ud, const char *const *c, int n)
{
	orgs_ud *o = ud;
	int64_t members;

	if (n < 4 || ivp__table_row(o->t) < 0)
		return -1;
	members = c[3] ? strtoll(c[3], NULL, 10) : 0;
	if (c[0] && !strcmp(c[0], IVP_ORG_DEFAULT))
		members += o->unassigned;
	return ivp__table_set_text(o->t, 0, c[0]) || ivp__table_set_text(o->t, 1, c[1]) ||
	       ivp__table_set_text(o->t, 2, c[2]) || ivp__table_set_int(o->t, 3, members) ||
	       works_for_cell(o, c[0] ? c[0] : "");
}

static int count_cb(void *ud, const char *const *c, int n)
{
	(void)c;
	(void)n;
	++*(int64_t *)ud;
	return 0;
}

/* "the deployment's own (GM1926)": what is bound to no municipality works for, in ctx's language. */
static ivp_rc own_text(ivp_ctx *ctx, char out[128])
{
	char first[64] = "";
	ivp_rc rc = ivp__store_first_municipality(ctx, first);

	if (first[0])
		snprintf(out, 128, ivp_msg_tr(ivp_lang(ctx), "the deployment's own (%s)"), first);
	else
		snprintf(out, 128, "%s", ivp_msg_tr(ivp_lang(ctx), "the deployment's own"));
	return rc;
}

ivp_rc ivp_orgs(ivp_ctx *ctx, ivp_table **out)
{
	orgs_ud o = { ctx, ivp__table_new(), 0, NULL, NULL };
	int64_t users = 0, rows = 0;
	char own[128];
	ivp__buf pairs;
	ivp_rc rc;

	*out = NULL;
	ivp__buf_init(&pairs, 1u << 22);
	if (!o.t || ivp__table_col(o.t, "organisation", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(o.t, "name", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(o.t, "org_kind", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(o.t, "members", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(o.t, "works_for", IVP__COL_BRIEF, 0) < 0) {
		ivp_table_free(o.t);
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	if ((rc = ivp__store_users_list(ctx, 0, count_cb, &users)) ||
	    (rc = ivp__store_members_list(ctx, count_cb, &rows)) || (rc = own_text(ctx, own)) ||
	    (rc = ivp__store_org_municipalities(ctx, NULL, pairs_cb, &pairs)))
		goto out;
	o.unassigned = users > rows ? users - rows : 0;
	o.pairs = ivp__buf_str(&pairs);
	o.own = own;
	if ((rc = ivp__store_orgs_list(ctx, orgs_cb, &o)))
		goto out;
	*out = o.t;
	o.t = NULL;
out:
	ivp_table_free(o.t);
	ivp__buf_free(&pairs);
	return rc;
}

ivp_rc ivp__member_set_in_tx(ivp_ctx *ctx, const char *user, const char *org)
{
	char before[IVP_ORG_ID_MAX], obj[96];
	ivp_rc rc = ivp__store_member_get(ctx, user, before);

	if (rc == IVP_ENOTFOUND) { /* no row: of the default organisation */
		snprintf(before, sizeof(before), "%s", IVP_ORG_DEFAULT);
		rc = IVP_OK;
	}
	snprintf(obj, sizeof(obj), "user:%s", user);
	if (!rc && (rc = ivp__store_member_set(ctx, user, org)) == IVP_ENOTFOUND)
		return no_org(ctx, org);
	return rc ? rc : ivp__audit(ctx, "user.org", obj, before, org);
}

/* The membership and its audit entry in one transaction. */
static ivp_rc member_set_audited(ivp_ctx *ctx, const char *user, const char *org)
{
	ivp_rc rc;

	if ((rc = ivp__store_begin(ctx)))
		return rc;
	if ((rc = ivp__member_set_in_tx(ctx, user, org)) || (rc = ivp__store_commit(ctx)))
		ivp__store_abort(ctx);
	return rc;
}

ivp_rc ivp_user_org_set(ivp_ctx *ctx, const char *user, const char *org)
{
	ivp__org_rec o;
	ivp__user_rec u;
	ivp_rc rc;

	if (!ivp__org_id_ok(org))
		return bad_id(ctx, org);
	rc = ivp__store_org_get(ctx, org, &o);
	if (rc == IVP_ENOTFOUND)
		return no_org(ctx, org);
	if (rc)
		return rc;
	rc = ivp__store_user_get(ctx, user ? user : "", &u);
	memset(u.pwhash, 0, sizeof(u.pwhash));
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_ENOTFOUND, "no user \"%s\"", user ? user : "");
		ivp__hint(ctx, "ivp user list shows the users.");
		return IVP_ENOTFOUND;
	}
	if (rc || (rc = ivp__org_check_binding(ctx, org, u.municipality)))
		return rc;
	return member_set_audited(ctx, user, org);
}

ivp_rc ivp_user_org(ivp_ctx *ctx, const char *user, char org[IVP_ORG_ID_MAX])
{
	ivp_rc rc = ivp__store_member_get(ctx, user ? user : "", org);

	if (rc == IVP_ENOTFOUND) {
		snprintf(org, IVP_ORG_ID_MAX, "%s", IVP_ORG_DEFAULT);
		return IVP_OK;
	}
	return rc;
}

ivp_rc ivp_members(ivp_ctx *ctx, ivp_table **out)
{
	static const char *const cols[] = { "name", "role", "organisation", "created_at", "updated_at",
					    "sessions", "works_for" };
	ivp_table *users = NULL, *t = NULL;
	char own[128];
	ivp_rc rc;
	int i, k;

	*out = NULL;
	if ((rc = own_text(ctx, own)) || (rc = ivp_users(ctx, &users)))
		return rc;
	if (!(t = ivp__table_new()))
		goto oom;
	for (k = 0; k < 7; k++)
		if (ivp__table_col(t, cols[k], IVP__COL_BRIEF, 0) < 0)
			goto oom;
	for (i = 0; i < ivp_table_nrows(users); i++) {
		char org[IVP_ORG_ID_MAX], bound[64], cell[128];

		if ((rc = ivp_user_org(ctx, ivp_table_text(users, i, 0), org)) ||
		    (rc = ivp_user_municipality(ctx, ivp_table_text(users, i, 0), bound))) {
			ivp_table_free(users);
			ivp_table_free(t);
			return rc;
		}
		if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, ivp_table_text(users, i, 0)) ||
		    ivp__table_set_text(t, 1, ivp_table_text(users, i, 1)) || ivp__table_set_text(t, 2, org) ||
		    ivp__table_set_text(t, 3, ivp_table_text(users, i, 2)) ||
		    ivp__table_set_text(t, 4, ivp_table_text(users, i, 3)) ||
		    ivp__table_set_int(t, 5, ivp_table_int(users, i, 4)))
			goto oom;
		if (!bound[0])
			snprintf(cell, sizeof(cell), "%s", own);
		else if (ivp_is_municipality_code(bound))
			snprintf(cell, sizeof(cell), "%s", bound);
		else
			snprintf(cell, sizeof(cell), ivp_msg_tr(ivp_lang(ctx), "region %s"), bound);
		if (ivp__table_set_text(t, 6, cell))
			goto oom;
	}
	if (!ivp_table_nrows(t))
		ivp__table_note(t, "%s", ivp_msg_tr(ivp_lang(ctx), "no users yet: ivp user add NAME --role editor"));
	ivp_table_free(users);
	*out = t;
	return IVP_OK;
oom:
	ivp_table_free(users);
	ivp_table_free(t);
	return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
}

ivp_rc ivp_measure_orgs(ivp_ctx *ctx, const char *measure, ivp_measure_org *out)
{
	pl_plan *p = NULL;
	const pl_measure *m;
	ivp_rc rc;
	int i;

	memset(out, 0, sizeof(*out));
	if ((rc = latest_plan(ctx, &p)))
		return rc;
	m = p && measure ? ivp__plan_measure(p, measure) : NULL;
	if (!m) {
		ivp__plan_free(p);
		ivp__fail(ctx, IVP_ENOTFOUND, "no measure \"%s\"", measure ? measure : "");
		ivp__code(ctx, "unknown_measure");
		ivp__hint(ctx, "ivp plan progress lists the measures with their ids.");
		return IVP_ENOTFOUND;
	}
	snprintf(out->owner, sizeof(out->owner), "%s", m->owner ? m->owner : "");
	for (i = 0; i < m->partners.n && out->npartners < IVP_MEASURE_MAX_PARTNERS; i++)
		snprintf(out->partners[out->npartners++], IVP_ORG_ID_MAX, "%s", ((char **)m->partners.v)[i]);
	ivp__plan_free(p);
	return IVP_OK;
}

int ivp_measure_org_shares(const ivp_measure_org *m, const char *org)
{
	int i;

	if (!m || !org || !*org)
		return 0;
	if (!strcmp(m->owner, org))
		return 1;
	for (i = 0; i < m->npartners; i++)
		if (!strcmp(m->partners[i], org))
			return 1;
	return 0;
}

ivp_rc ivp__orgs_from_plan(ivp_ctx *ctx, const pl_plan *p)
{
	int i, existed;

	for (i = 0; i < p->partners.n; i++) {
		const pl_partner *x = &((pl_partner *)p->partners.v)[i];
		ivp__org_rec o;
		ivp_rc rc = ivp__store_org_get(ctx, x->id, &o);

		if (rc == IVP_OK)
			continue;
		if (rc != IVP_ENOTFOUND)
			return rc;
		if (!ivp__org_id_ok(x->id))
			continue; /* the plan check named it */
		if ((rc = ivp__store_org_put(ctx, x->id, x->name, x->kind ? x->kind : "", &existed)))
			return rc;
	}
	return IVP_OK;
}
