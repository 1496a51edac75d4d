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
#include "auth/org.h"
#include "core/core.h"
#include "plan/plan.h"
#include "store/auth_store.h"
#include "store/org_store.h"
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

/*
 * Write the organisation and its audit entry ("org.add", or "org.rename"
 * for an id that was there: before is what it was) in one transaction.
 */
static ivp_rc org_put_audited(ivp_ctx *ctx, const char *id, const char *name, const char *kind,
			      int *existed)
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
	    (rc = ivp__store_commit(ctx))) {
		ivp__store_abort(ctx);
		return rc;
	}
	return IVP_OK;
}

ivp_rc ivp_org_add(ivp_ctx *ctx, const char *id, const char *name, const char *kind, int *updated)
{
	int existed = 0;
	ivp_rc rc;

	if (updated)
		*updated = 0;
	if (!ivp__org_id_ok(id))
		return bad_id(ctx, id);
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
			return org_put_audited(ctx, id, name, o.kind, updated ? updated : &existed);
	}
	if ((rc = org_put_audited(ctx, id, name, kind ? kind : "", &existed)))
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
	ivp_table *t;
	int64_t unassigned; /* users without a membership row: of the default */
} orgs_ud;

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
	       ivp__table_set_text(o->t, 2, c[2]) || ivp__table_set_int(o->t, 3, members);
}

static int count_cb(void *ud, const char *const *c, int n)
{
	(void)c;
	(void)n;
	++*(int64_t *)ud;
	return 0;
}

ivp_rc ivp_orgs(ivp_ctx *ctx, ivp_table **out)
{
	orgs_ud o = { ivp__table_new(), 0 };
	int64_t users = 0, rows = 0;
	ivp_rc rc;

	*out = NULL;
	if (!o.t || ivp__table_col(o.t, "organisation", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(o.t, "name", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(o.t, "org_kind", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(o.t, "members", IVP__COL_BRIEF, 0) < 0) {
		ivp_table_free(o.t);
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	if ((rc = ivp__store_users_list(ctx, 0, count_cb, &users)) ||
	    (rc = ivp__store_members_list(ctx, count_cb, &rows))) {
		ivp_table_free(o.t);
		return rc;
	}
	o.unassigned = users > rows ? users - rows : 0;
	if ((rc = ivp__store_orgs_list(ctx, orgs_cb, &o))) {
		ivp_table_free(o.t);
		return rc;
	}
	*out = o.t;
	return IVP_OK;
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
	if (rc)
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
					    "sessions" };
	ivp_table *users = NULL, *t = NULL;
	ivp_rc rc;
	int i, k;

	*out = NULL;
	if ((rc = ivp_users(ctx, &users)))
		return rc;
	if (!(t = ivp__table_new()))
		goto oom;
	for (k = 0; k < 6; k++)
		if (ivp__table_col(t, cols[k], IVP__COL_BRIEF, 0) < 0)
			goto oom;
	for (i = 0; i < ivp_table_nrows(users); i++) {
		char org[IVP_ORG_ID_MAX];

		if ((rc = ivp_user_org(ctx, ivp_table_text(users, i, 0), org))) {
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
