/*
 * tenant.c — many municipalities in one deployment (docs/tenancy.md): the
 * municipality (or region) a context acts for, ivp_set_municipality, and
 * the one reading of a plan document's municipality that the door and the
 * SQLite migration 17 share, so that every plan version is bound to the
 * municipality its own text names.
 *
 * The context's municipality is what scopes: the plan door reads and
 * writes that municipality's versions only, and an engine that can (the
 * PostgreSQL engine's row-level security) is told it through its `scope`
 * operation each time it changes, so that the database's own wall follows
 * the application's. A report or a plan's progress acts for its own
 * municipality while it reads (ivp__tenant_act_for), so its register
 * counts are that municipality's.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "store/engine.h"
#include "store/plan_store.h"

int ivp_is_municipality_code(const char *code)
{
	int i;

	if (!code || code[0] != 'G' || code[1] != 'M')
		return 0;
	for (i = 2; i < 6; i++)
		if (!isdigit((unsigned char)code[i]))
			return 0;
	return code[6] == '\0';
}

/* a region's name as area_group holds it: a-z first, then a-z 0-9 - _ */
static int region_name(const char *s)
{
	size_t i;

	if (!s || !(*s >= 'a' && *s <= 'z'))
		return 0;
	for (i = 0; s[i]; i++)
		if (i >= 63 || !((s[i] >= 'a' && s[i] <= 'z') || isdigit((unsigned char)s[i]) ||
				 s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

int ivp__tenant_valid(const char *code)
{
	return !code || !*code || ivp_is_municipality_code(code) || region_name(code);
}

ivp_rc ivp_set_municipality(ivp_ctx *ctx, const char *code)
{
	if (!ivp__tenant_valid(code)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%.64s\" is not a municipality", code);
		ivp__detail(ctx, "A municipality is its CBS code (GM and four digits), a region the name of its comparison group.");
		ivp__hint(ctx, "Give a code such as GM1926, or a region such as haaglanden.");
		ivp__option(ctx, "municipality");
		return ivp__coded(ctx, "municipality_invalid", IVP_EINPUT);
	}
	snprintf(ctx->municipality, sizeof(ctx->municipality), "%s", code ? code : "");
	return ivp__store_scope(ctx);
}

ivp_rc ivp_default_municipality(ivp_ctx *ctx, char out[64])
{
	return ivp__store_first_municipality(ctx, out);
}

int ivp_area_municipality(const char *area, char out[16])
{
	int i;

	out[0] = '\0';
	if (!area || !((area[0] == 'G' && area[1] == 'M') || (area[0] == 'W' && area[1] == 'K') ||
		       (area[0] == 'B' && area[1] == 'U')))
		return 0;
	for (i = 2; i < 6; i++)
		if (!isdigit((unsigned char)area[i]))
			return 0;
	snprintf(out, 16, "GM%.4s", area + 2);
	return 1;
}

const char *ivp_municipality(const ivp_ctx *ctx)
{
	return ctx->municipality;
}

ivp_rc ivp__tenant_act_for(ivp_ctx *ctx, const char *area, char saved[64], int *switched)
{
	char gm[16], first[64];
	const char *want = ivp_area_municipality(area, gm) ? gm : area;
	ivp_rc rc;

	if (!want || !*want || !ivp__tenant_valid(want) || !strcmp(ctx->municipality, want))
		return IVP_OK;
	if ((rc = ivp__store_first_municipality(ctx, first)))
		return rc;
	if (!first[0])
		return IVP_OK;
	snprintf(saved, 64, "%s", ctx->municipality);
	if ((rc = ivp_set_municipality(ctx, want)))
		return rc;
	*switched = 1;
	return IVP_OK;
}

ivp_rc ivp__tenant_restore(ivp_ctx *ctx, const char *saved, int switched, ivp_rc rc)
{
	ivp_error keep;
	ivp_rc r;

	if (!switched)
		return rc;
	keep = ctx->err; /* the caller's own failure stays the one reported */
	r = ivp_set_municipality(ctx, saved);
	if (rc) {
		ctx->err = keep;
		return rc;
	}
	return r;
}

int ivp__doc_municipality(const char *doc, char *out, size_t outsz)
{
	static const char key[] = "municipality:";
	const char *p = doc;
	size_t n = 0;

	if (outsz)
		out[0] = '\0';
	while (p && *p) {
		if (!strncmp(p, key, sizeof(key) - 1)) {
			p += sizeof(key) - 1;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '"' || *p == '\'')
				p++;
			while ((isalnum((unsigned char)p[n]) || p[n] == '-' || p[n] == '_') && n + 1 < outsz)
				n++;
			if (n)
				snprintf(out, outsz, "%.*s", (int)n, p);
			if (!ivp__tenant_valid(out))
				out[0] = '\0';
			return out[0] ? 0 : -1;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}
