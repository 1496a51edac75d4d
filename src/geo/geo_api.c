/*
 * geo_api.c — the public side of boundaries: ivp_boundaries() reads the
 * stored, already simplified geometries for a map (store/geo_store.h).
 * The importer is ingest/boundaries.c.
 */
#include <stdlib.h>

#include "core/core.h"
#include "store/geo_store.h"

static int fill(void *ud, const char *const *cols, int n)
{
	static const char kinds[] = "tttrrrrit";
	ivp_table *t = ud;
	int i;

	if (ivp__table_row(t) < 0)
		return -1;
	for (i = 0; i < n && kinds[i]; i++) {
		int bad = 0;

		if (!cols[i])
			continue;
		if (kinds[i] == 'i')
			bad = ivp__table_set_int(t, i, strtoll(cols[i], NULL, 10));
		else if (kinds[i] == 'r')
			bad = ivp__table_set_real(t, i, strtod(cols[i], NULL));
		else
			bad = ivp__table_set_text(t, i, cols[i]);
		if (bad)
			return -1;
	}
	return 0;
}

ivp_rc ivp_boundaries(ivp_ctx *ctx, const char *under, const char *level, ivp_table **out)
{
	static const char *const names[] = { "code", "name", "level", "minx", "miny",
					     "maxx", "maxy", "npoints", "geom", NULL };
	int i;
	ivp_rc rc;

	ivp__error_clear(&ctx->err);
	*out = ivp__table_new();
	if (!*out)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	for (i = 0; names[i]; i++)
		if (ivp__table_col(*out, names[i], i < 3 || i == 7 ? IVP__COL_BRIEF : 0, 0) < 0)
			goto oom;
	if ((rc = ivp__store_boundaries_list(ctx, under, level, fill, *out))) {
		ivp_table_free(*out);
		*out = NULL;
		return rc;
	}
	return IVP_OK;
oom:
	ivp_table_free(*out);
	*out = NULL;
	return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
}
