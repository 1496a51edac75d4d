/*
 * org.h — internals of org.c open to the plan (src/plan/) and to unit
 * tests: the organisation id rule and the registration of the
 * organisations a plan file declares. The public functions are in the
 * "Organisations and membership" section of include/ivp/ivp.h.
 */
#ifndef IVP_AUTH_ORG_H
#define IVP_AUTH_ORG_H

#include "ivp/ivp.h"

struct pl_plan;

/* 1 when id is an organisation id: 1-31 of a-z 0-9 - _, not starting with - or _. */
int ivp__org_id_ok(const char *id);
/* Add the organisations a plan's partners list declares that the database
 * does not know yet (inside the plan import's transaction); existing ones
 * keep their name. */
IVP_WUR ivp_rc ivp__orgs_from_plan(ivp_ctx *ctx, const struct pl_plan *p);
/* Make user a member of org and append its audit entry ("user.org", object
 * user:NAME, before and after the organisation's id), inside the caller's
 * transaction. An unknown organisation: IVP_EINPUT (unknown_org). */
IVP_WUR ivp_rc ivp__member_set_in_tx(ivp_ctx *ctx, const char *user, const char *org);

/* IVP_OK when org works for a user bound to binding ("" the deployment's
 * own; ivp_org_works_for) — for a region, when it works for the region or
 * for one of its municipalities — else IVP_EINPUT
 * (org_not_in_municipality) with the municipalities it works for in the
 * detail. */
IVP_WUR ivp_rc ivp__org_check_binding(ivp_ctx *ctx, const char *org, const char *binding);

#endif /* IVP_AUTH_ORG_H */
