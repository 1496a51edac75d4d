/*
 * tenancy.c — users bound to a municipality or a region (docs/tenancy.md):
 * the library side of ivp_user_municipality*, whether a binding covers a
 * municipality, and the region administrator's rule.
 *
 * A user's municipality is a GM code (the municipality's own staff,
 * council and partners), a region's name (a region user: the comparison
 * group of kind region whose members are the municipalities), or "" (not
 * bound: the deployment's single municipality, every user from before
 * migration 17). The binding decides what the HTTP server lets the user
 * see (src/http/auth.c): the non-public data of the municipality the
 * binding covers, never another's.
 *
 * The region administrator's rule: an operator who is a user bound to a
 * municipality or region (`ivp user add --user OPERATOR …` with OPERATOR
 * such a user) manages only the users its binding covers — a region admin
 * those of the region's municipalities and of the region, a
 * municipality's admin its own. An operator who is no user, or an unbound
 * one, manages every user, as before. Like every admin, a region admin
 * sees no register contents (src/registers/ decides on membership, never
 * on role). The same rule decides which municipalities such an operator
 * may bind an organisation to (ivp org … --municipality).
 *
 * What derives its municipality from its area (local values, report
 * texts and definitief reports) is written through a scoped ctx only for
 * an area of a municipality that ctx covers (ivp__area_in_scope).
 */
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/org.h"
#include "core/core.h"
#include "store/auth_store.h"
#include "store/group_store.h"
#include "store/plan_store.h"

typedef struct member_find {
	const char *code;
	int found;
} member_find;

static int member_cb(void *ud, const char *const *c, int n)
{
	member_find *f = ud;

	if (n > 0 && c[0] && !strcmp(c[0], f->code))
		f->found = 1;
	return 0;
}

ivp_rc ivp_municipality_covers(ivp_ctx *ctx, const char *bound, const char *target, int *covers)
{
	member_find f = { target ? target : "", 0 };
	char first[64] = "";
	ivp_rc rc;

	*covers = 0;
	bound = bound ? bound : "";
	if (!*bound) { /* not bound: the deployment's own municipality */
		if ((rc = ivp__store_first_municipality(ctx, first)))
			return rc;
		bound = first;
	}
	if (!strcmp(bound, f.code)) {
		*covers = 1;
		return IVP_OK;
	}
	if (ivp_is_municipality_code(bound) || !ivp_is_municipality_code(f.code))
		return IVP_OK;
	rc = ivp__store_group_members(ctx, bound, member_cb, &f);
	if (rc == IVP_ENOTFOUND)
		return IVP_OK; /* a region nobody imported covers nothing but itself */
	*covers = f.found;
	return rc;
}

ivp_rc ivp_user_municipality(ivp_ctx *ctx, const char *user, char out[64])
{
	ivp__user_rec u;
	ivp_rc rc = ivp__store_user_get(ctx, user ? user : "", &u);

	memset(u.pwhash, 0, sizeof(u.pwhash));
	memset(u.totp, 0, sizeof(u.totp));
	out[0] = '\0';
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_ENOTFOUND, "no user \"%s\"", user ? user : "");
		ivp__hint(ctx, "ivp user list shows the users.");
		return IVP_ENOTFOUND;
	}
	if (!rc)
		snprintf(out, 64, "%s", u.municipality);
	return rc;
}

/* *ok = 1 when the operator (ctx's actor) may manage what is bound to target. */
static ivp_rc manages(ivp_ctx *ctx, const char *target, int *ok)
{
	ivp__user_rec op;
	int covers = 0;
	ivp_rc rc;

	*ok = 1;
	if (!ctx->actor_user[0])
		return IVP_OK;
	rc = ivp__store_user_get(ctx, ctx->actor_user, &op);
	memset(op.pwhash, 0, sizeof(op.pwhash));
	memset(op.totp, 0, sizeof(op.totp));
	if (rc == IVP_ENOTFOUND || (!rc && !op.municipality[0]))
		return IVP_OK; /* the deployment's operator */
	if (rc || (rc = ivp_municipality_covers(ctx, op.municipality, target, &covers)))
		return rc;
	*ok = covers && strcmp(op.role, "admin") == 0;
	return IVP_OK;
}

ivp_rc ivp__tenant_manages(ivp_ctx *ctx, const char *target)
{
	int ok;
	ivp_rc rc = manages(ctx, target, &ok);

	if (rc || ok)
		return rc;
	ivp__fail(ctx, IVP_EINPUT, "%s may not manage the users of \"%s\"", ctx->actor_user,
		  target && *target ? target : "-");
	ivp__detail(ctx, "An administrator bound to a municipality or region manages the users of what it covers only.");
	ivp__hint(ctx, "Ask an administrator of the deployment, or of that municipality.");
	return ivp__coded(ctx, "municipality_not_managed", IVP_EINPUT);
}

ivp_rc ivp__tenant_manages_org(ivp_ctx *ctx, const char *org, const char *target)
{
	int ok;
	ivp_rc rc = manages(ctx, target, &ok);

	if (rc || ok)
		return rc;
	ivp__fail(ctx, IVP_EINPUT, "%s may not bind organisation %s to \"%s\"", ctx->actor_user, org,
		  target && *target ? target : "-");
	ivp__detail(ctx, "An administrator bound to a municipality or region binds organisations to what it covers only.");
	ivp__hint(ctx, "Ask an administrator of the deployment, or of that municipality.");
	ivp__option(ctx, "municipality");
	return ivp__coded(ctx, "municipality_not_managed", IVP_EINPUT);
}

ivp_rc ivp__area_in_scope(ivp_ctx *ctx, const char *area, int *ok)
{
	char am[16];

	*ok = 1;
	if (!ctx->municipality[0] || !ivp_area_municipality(area, am))
		return IVP_OK; /* the whole deployment, or no municipality's area (NL01) */
	return ivp_municipality_covers(ctx, ctx->municipality, am, ok);
}

ivp_rc ivp__area_other(ivp_ctx *ctx, const char *area)
{
	char am[16];

	(void)ivp_area_municipality(area, am);
	ivp__fail(ctx, IVP_EINPUT, "area \"%s\" lies in another municipality", area);
	ivp__detail(ctx, "The area lies in %s; this acts for %s, and writes only its own areas.", am, ctx->municipality);
	ivp__hint(ctx, "Give an area of %s (its code, or a wijk or buurt of it), or act for %s.", ctx->municipality, am);
	return ivp__coded(ctx, "area_other_municipality", IVP_EINPUT);
}

ivp_rc ivp__user_municipality_in_tx(ivp_ctx *ctx, const char *user, const char *before, const char *code)
{
	char obj[96];
	ivp_rc rc = ivp__store_user_municipality_set(ctx, user, code);

	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_ENOTFOUND, "no user \"%s\"", user);
		ivp__hint(ctx, "ivp user list shows the users.");
		return IVP_ENOTFOUND;
	}
	snprintf(obj, sizeof(obj), "user:%s", user);
	return rc ? rc : ivp__audit(ctx, "user.municipality", obj, before, code);
}

ivp_rc ivp_user_municipality_set(ivp_ctx *ctx, const char *user, const char *code)
{
	char before[64], org[IVP_ORG_ID_MAX];
	ivp_rc rc;

	code = code ? code : "";
	if (!ivp__tenant_valid(code))
		return ivp_set_municipality(ctx, code); /* the same refusal, ctx unchanged */
	if ((rc = ivp_user_municipality(ctx, user, before)) || (rc = ivp__tenant_manages(ctx, before)) ||
	    (rc = ivp__tenant_manages(ctx, code)) || (rc = ivp_user_org(ctx, user, org)) ||
	    (rc = ivp__org_check_binding(ctx, org, code)))
		return rc;
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	if ((rc = ivp__user_municipality_in_tx(ctx, user, before, code)) || (rc = ivp__store_commit(ctx)))
		ivp__store_abort(ctx);
	return rc;
}
