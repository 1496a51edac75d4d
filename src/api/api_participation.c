/*
 * api_participation.c — GET /api/v1/participation?what=…: the public
 * tables of the participation trajectory and the priority matrix
 * (trajectories, activities, themes, routes, themelist; every count
 * suppressed as on the public page), and GET
 * /api/v1/participation/inputs: every input with what was done with it
 * and the matrix (signed in), as `ivp participation … --format json`
 * (ivp_participation).
 */
#include <string.h>

#include "api/api.h"

static void answer(http_req *r, const char *what)
{
	const char *lang = http_query_get(&r->q, "lang");
	ivp_table *t = NULL;
	ivp_rc rc = ivp_participation(r->ctx, what, http_query_get(&r->q, "trajectory"), lang ? lang : "en", &t);

	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	http_table(r, t);
	ivp_table_free(t);
}

void api_participation(http_req *r)
{
	const char *what = http_query_get(&r->q, "what");

	answer(r, what ? what : "trajectories");
}

void api_participation_restricted(http_req *r)
{
	const char *what = http_query_get(&r->q, "what");

	answer(r, what ? what : "inputs");
}
