/*
 * proj_load.c — ivp__proj_new, ivp__proj_free and ivp__proj_rd (geo.h):
 * thin wrappers of the module ivp-geo.so (proj.c), opened by the first
 * ivp__proj_new, so PROJ and its libraries are loaded only by an import
 * of WGS84 boundaries. A projection exists only once the module is open,
 * so free and rd reach it through the table that new found.
 */
#include <stdio.h>

#include "core/module.h"
#include "geo/geo.h"

static const ivp__proj_table *table(char *err, size_t errsz)
{
	char why[400];
	const ivp__proj_table *t = ivp__module("geo", "ivp__proj_ops", why, sizeof(why));

	if (!t && err)
		snprintf(err, errsz, "the projection module (ivp-geo.so) cannot be loaded: %s", why);
	return t;
}

ivp__proj *ivp__proj_new(char *err, size_t errsz)
{
	const ivp__proj_table *t = table(err, errsz);

	return t ? t->make(err, errsz) : NULL;
}

void ivp__proj_free(ivp__proj *p)
{
	const ivp__proj_table *t;

	if (p && (t = table(NULL, 0)))
		t->destroy(p);
}

int ivp__proj_rd(ivp__proj *p, double lon, double lat, double *x, double *y)
{
	const ivp__proj_table *t = table(NULL, 0);

	return t ? t->rd(p, lon, lat, x, y) : -1;
}
