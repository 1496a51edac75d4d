/*
 * org_store.h — storage functions of organisations (the municipality and
 * its safety partners: politie, the Zorg- en Veiligheidshuis, Halt, …)
 * and of the membership of users in them, functions of the door like
 * store.h (the engines' side: engine.h).
 *
 * An organisation is a short id (`gemeente`, `politie`; what a plan's
 * measure names as owner or partner), a name to show and a kind
 * (`municipality`, `police`, …). A user belongs to one organisation; a
 * user without a membership row belongs to the default one, `gemeente`,
 * which migration 8 creates (src/auth/org.c, docs/security.md). An
 * organisation works for the municipalities of its org_municipality rows,
 * without any for the deployment's own (docs/tenancy.md).
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_ORG_STORE_H
#define IVP_STORE_ORG_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__org_rec {
	char id[32];
	char name[256];
	char kind[64];
} ivp__org_rec;

/* Insert the organisation, or replace its name and kind; *existed = 1
 * when the id was there. */
ivp_rc ivp__store_org_put(ivp_ctx *ctx, const char *id, const char *name, const char *kind,
			  int *existed) IVP_WUR;
/* IVP_ENOTFOUND: no such organisation. */
ivp_rc ivp__store_org_get(ivp_ctx *ctx, const char *id, ivp__org_rec *out) IVP_WUR;
/* Remove it unless users are members: then *members is their number and
 * nothing changes. IVP_ENOTFOUND: no such organisation. */
ivp_rc ivp__store_org_remove(ivp_ctx *ctx, const char *id, int64_t *members) IVP_WUR;
/* rows: id, name, kind, members (users with a membership row) — every
 * organisation, by id */
ivp_rc ivp__store_orgs_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* Make user a member of org (replacing an earlier membership).
 * IVP_ENOTFOUND: no such user or organisation. */
ivp_rc ivp__store_member_set(ivp_ctx *ctx, const char *user, const char *org) IVP_WUR;
/* The organisation of user. IVP_ENOTFOUND: the user has no membership row
 * (or does not exist). */
ivp_rc ivp__store_member_get(ivp_ctx *ctx, const char *user, char org[32]) IVP_WUR;
/* rows: user, org — every membership row, by user name */
ivp_rc ivp__store_members_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* The organisation works for municipality (a GM code or a region's name;
 * table org_municipality of migration 17): *changed = 1 when the row is
 * new. IVP_ENOTFOUND: no such organisation. */
ivp_rc ivp__store_org_municipality_put(ivp_ctx *ctx, const char *org, const char *municipality,
				       int *changed) IVP_WUR;
/* It no longer does: *changed = 1 when there was such a row. */
ivp_rc ivp__store_org_municipality_del(ivp_ctx *ctx, const char *org, const char *municipality,
				       int *changed) IVP_WUR;
/* rows: org, municipality — those of org (NULL: of every organisation),
 * by organisation and municipality */
ivp_rc ivp__store_org_municipalities(ivp_ctx *ctx, const char *org, ivp__row_cb cb, void *ud) IVP_WUR;

#endif /* IVP_STORE_ORG_STORE_H */
