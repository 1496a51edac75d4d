/*
 * proj.c — WGS84 to RD New through PROJ: one transformation per import,
 * normalised to (lon, lat) order, so callers never deal with EPSG:4326's
 * (lat, lon) axis order. PROJ's own context keeps its error state per
 * transformation, so two imports in two threads do not share anything.
 *
 * Built as the module ivp-geo.so (core/module.h), so PROJ and what it
 * pulls in (libcurl, libtiff, sqlite's second copy of the EPSG database)
 * load only when a WGS84 boundary is projected; its one export is the
 * table ivp__proj_ops, which proj_load.c's wrappers call.
 */
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>

#include "geo/geo.h"

struct ivp__proj {
	PJ_CONTEXT *ctx;
	PJ *pj;
};

static void proj_free(ivp__proj *p);

static ivp__proj *proj_new(char *err, size_t errsz)
{
	ivp__proj *p = calloc(1, sizeof(*p));
	PJ *raw;

	if (!p) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	p->ctx = proj_context_create();
	if (!p->ctx) {
		snprintf(err, errsz, "PROJ could not start");
		free(p);
		return NULL;
	}
	raw = proj_create_crs_to_crs(p->ctx, "EPSG:4326", "EPSG:28992", NULL);
	if (raw) {
		p->pj = proj_normalize_for_visualization(p->ctx, raw);
		proj_destroy(raw);
	}
	if (!p->pj) {
		snprintf(err, errsz, "PROJ has no transformation from EPSG:4326 to EPSG:28992: %s",
			 proj_context_errno_string(p->ctx, proj_context_errno(p->ctx)));
		proj_free(p);
		return NULL;
	}
	return p;
}

static void proj_free(ivp__proj *p)
{
	if (!p)
		return;
	proj_destroy(p->pj);
	proj_context_destroy(p->ctx);
	free(p);
}

static int proj_rd(ivp__proj *p, double lon, double lat, double *x, double *y)
{
	PJ_COORD c = proj_coord(lon, lat, 0, 0);

	c = proj_trans(p->pj, PJ_FWD, c);
	if (c.xy.x == HUGE_VAL || c.xy.y == HUGE_VAL || c.xy.x != c.xy.x)
		return -1;
	*x = c.xy.x;
	*y = c.xy.y;
	return 0;
}

/* The module's one export (geo.h). */
const ivp__proj_table ivp__proj_ops = { proj_new, proj_free, proj_rd };
