/*
 * geo.h — geometry for boundaries: the projection of WGS84 (EPSG:4326)
 * to RD New (EPSG:28992) through PROJ, Douglas–Peucker simplification of
 * rings, and the text form in which a simplified area is stored.
 *
 * Every map is drawn in RD New metres, so only one projection is ever
 * needed: GeoJSON in WGS84 is converted on import; RD New input is taken
 * as it is. The stored text of an area's geometry is its rings, each a
 * list of integer RD points: "x,y x,y …;x,y …" (rings separated by ';').
 * Holes and islands are rings like any other; maps fill them even-odd.
 */
#ifndef IVP_GEO_H
#define IVP_GEO_H

#include <stddef.h>

/* RD New's domain (metres), a little wider than the Netherlands. */
#define IVP__RD_XMIN (-7000.0)
#define IVP__RD_XMAX 300000.0
#define IVP__RD_YMIN 289000.0
#define IVP__RD_YMAX 629000.0

typedef struct ivp__proj ivp__proj;

/*
 * A WGS84 -> RD New transformation (lon, lat order). NULL when PROJ cannot
 * make one (its database missing), with the reason in err. Free with
 * ivp__proj_free.
 */
ivp__proj *ivp__proj_new(char *err, size_t errsz);
void ivp__proj_free(ivp__proj *p);
/* lon/lat (degrees) -> x/y (RD metres); -1 when PROJ cannot convert the point. */
int ivp__proj_rd(ivp__proj *p, double lon, double lat, double *x, double *y);

/*
 * The three above are wrappers (proj_load.c) of the module ivp-geo.so
 * (proj.c, PROJ; core/module.h), opened by the first ivp__proj_new; when
 * it cannot be opened, ivp__proj_new says so in err.
 */
typedef struct ivp__proj_table {
	ivp__proj *(*make)(char *err, size_t errsz);
	void (*destroy)(ivp__proj *p);
	int (*rd)(ivp__proj *p, double lon, double lat, double *x, double *y);
} ivp__proj_table;
extern const ivp__proj_table ivp__proj_ops; /* in ivp-geo.so */

typedef struct ivp__pt {
	double x, y;
} ivp__pt;

/*
 * Douglas–Peucker: keep[i] = 1 for the points of pts[0..n-1] that stay
 * when every dropped point lies within tol of the kept line. The first
 * and last point always stay. Returns the number kept, -1 when out of
 * memory. keep has n slots, written by the call.
 */
int ivp__simplify(const ivp__pt *pts, size_t n, double tol, unsigned char *keep);

/* The tolerance (metres) for an area whose bounding box has this diagonal:
 * 1/250 of it, between 2 and 250 m (a gemeente ~80 m, a buurt a few m). */
double ivp__simplify_tol(double diag);

#endif /* IVP_GEO_H */
