/*
 * geo_store.h — storage functions of area boundaries (ingest/boundaries.c
 * writes them, geo/geo_api.c reads them), functions of the door like
 * store.h (the engines' side: engine.h).
 *
 * One row per area: its simplified geometry in the text form of
 * geo/geo.h (integer RD New metres), its bounding box and point count,
 * and the import that wrote it. A later import of the same area replaces
 * the row.
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_GEO_STORE_H
#define IVP_STORE_GEO_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__boundary_rec {
	const char *area;	       /* an area code the code lists know */
	double minx, miny, maxx, maxy; /* RD New metres */
	int64_t npoints;
	const char *geom; /* "x,y x,y …;x,y …" */
	int64_t import_id;
} ivp__boundary_rec;

/* Insert or replace the boundary of b->area; *same = 1 when the stored
 * geometry was already exactly this one. IVP_ENOTFOUND: the area code is
 * unknown. */
ivp_rc ivp__store_boundary_put(ivp_ctx *ctx, const ivp__boundary_rec *b, int *same) IVP_WUR;
/* rows: code, name, level, minx, miny, maxx, maxy, npoints, geom — the
 * areas with a boundary, of `level` ("GM", "WK", "BU"; NULL: any) and
 * under `under` (any depth; NULL: everywhere), ordered by code. */
ivp_rc ivp__store_boundaries_list(ivp_ctx *ctx, const char *under, const char *level,
				  ivp__row_cb cb, void *ud) IVP_WUR;

#endif /* IVP_STORE_GEO_STORE_H */
