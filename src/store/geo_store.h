/*
 * geo_store.h — storage functions of area boundaries (ingest/boundaries.c
 * writes them, geo/geo_api.c reads them), a table of functions like
 * store.h and plan_store.h. Reached as store->ops->geo.
 *
 * One row per area: its simplified geometry in the text form of
 * geo/geo.h (integer RD New metres), its bounding box and point count,
 * and the import that wrote it. A later import of the same area replaces
 * the row.
 *
 * Return values as in store.h: 0 ok, -1 error (errmsg), 1 not found.
 */
#ifndef IVP_STORE_GEO_STORE_H
#define IVP_STORE_GEO_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__boundary_rec {
	const char *area;	/* an area code the code lists know */
	double minx, miny, maxx, maxy;	/* RD New metres */
	int64_t npoints;
	const char *geom;	/* "x,y x,y …;x,y …" */
	int64_t import_id;
} ivp__boundary_rec;

typedef struct ivp__geo_ops {
	/* Insert or replace; 1: the area code is unknown; *same = 1 when the
	 * stored geometry was already exactly this one. */
	int (*boundary_put)(ivp__store *s, const ivp__boundary_rec *b, int *same);
	/* rows: code, name, level, minx, miny, maxx, maxy, npoints, geom — the
	 * areas with a boundary, of `level` ("GM", "WK", "BU"; NULL: any) and
	 * under `under` (any depth; NULL: everywhere), ordered by code. */
	int (*boundaries_list)(ivp__store *s, const char *under, const char *level,
			       ivp__row_cb cb, void *ud);
} ivp__geo_ops;

extern const ivp__geo_ops ivp__sqlite_geo_ops;

#endif /* IVP_STORE_GEO_STORE_H */
