/*
 * api_participation.c — the participation trajectory's tables, as
 * `ivp participation … --format json` (ivp_participation): GET
 * /api/v1/participation (inputs per theme and wijk), …/routes (what was
 * done per theme) and …/activities, every count suppressed as on the
 * public page; GET /api/v1/participation/inputs every input with what was
 * done with it (signed in). The route's last segment names the table.
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
	const char *p = r->route ? r->route->path : "";
	const char *sub = strrchr(p, '/');

	answer(r, !strcmp(p, "/api/v1/participation") ? "themes" : sub ? sub + 1 :
									 "themes");
}
