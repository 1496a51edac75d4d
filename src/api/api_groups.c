/*
 * api_groups.c — GET /api/v1/groups: the comparison groups, and GET
 * /api/v1/groups/members?name=…: one
 * group's members, as `ivp groups [NAME] [--area A --year Y] --format
 * json` (ivp_groups; docs/groups.md). The comparisons themselves are
 * GET /api/v1/indicators?compare=regio,grootteklasse (api.c).
 */
#include <string.h>

#include "api/api.h"

void api_groups(http_req *r)
{
	const char *name = http_query_get(&r->q, "name"), *area = http_query_get(&r->q, "area");
	ivp_table *t = NULL;
	int year = 0;
	ivp_rc rc;
	const char *y = http_query_get(&r->q, "year");

	if (y)
		(void)http_parse_year(y, &year); /* HTTP_P_YEAR: checked */
	rc = ivp_groups(r->ctx, name, area, year, http_query_get(&r->q, "lang"), &t);
	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	http_table(r, t);
	ivp_table_free(t);
}
