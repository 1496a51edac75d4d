/*
 * api_region.c — GET /api/v1/region: the regional plan's themes, as `ivp
 * region show --format json` (ivp_region_show), and GET
 * /api/v1/region/priorities: the region side by side, every theme against
 * the priorities of each municipality's plan (ivp_region_priorities); a
 * municipality without a plan in ivp has a row whose plan is null.
 * ?region= names the region (default: the first regional plan).
 */
#include <string.h>

#include "api/api.h"

void api_region(http_req *r)
{
	const char *region = http_query_get(&r->q, "region");
	ivp_table *t = NULL;
	ivp_rc rc = strstr(r->route->path, "/priorities") ? ivp_region_priorities(r->ctx, region, &t) : ivp_region_show(r->ctx, region, &t);

	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	http_table(r, t);
	ivp_table_free(t);
}
