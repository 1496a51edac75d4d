/*
 * boundaries.c — GeoJSON area boundaries (ivp import boundaries).
 *
 * Input: a FeatureCollection of Polygon / MultiPolygon features in WGS84
 * (EPSG:4326, also written CRS84) or RD New (EPSG:28992). The CRS comes
 * from the "crs" member when there is one, else from the first
 * coordinate's range (|x| <= 180 and |y| <= 90: degrees). Each feature is
 * matched to an area code through the first property of CODE_PROPS that
 * the first feature holds as an area code (statcode, code, gemeentecode,
 * buurtcode, …); the import's note names it and the match count.
 * Files without codes (the CBS buurtkaart of a single gemeente, re-exported
 * with only BU_NAAM) are matched by name instead when the caller names the
 * gemeente (opts->match_names, `--match-names GM0503`): each feature's name
 * must be the name of exactly one buurt (wijk for WK_NAAM) inside it in
 * the loaded code list; an unknown or ambiguous name is refused with the
 * file, feature and field, never guessed.
 *
 * Per feature: every ring is checked (numbers, in range, >= 4 points),
 * projected to RD New (geo/proj.c), simplified with Douglas–Peucker at a
 * tolerance from the feature's size (geo/simplify.c) and stored as text
 * in integer metres (geo/geo.h). Errors name the file and the field as a
 * JSON path (features[12].geometry.coordinates); jansson gives the line
 * only for syntax errors.
 */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "geo/geo.h"
#include "ingest/ingest.h"
#include "store/geo_store.h"

#define MAX_GEOJSON_BYTES ((size_t)256 << 20)
#define MAX_GEOM_TEXT ((size_t)16 << 20) /* one area's stored text */

static const char *const CODE_PROPS[] = {
	"statcode", "code", "gemeentecode", "GM_CODE", "wijkcode", "WK_CODE",
	"buurtcode", "BU_CODE", "regiocode", "RegioS", "areacode", NULL
};

static const char *const NAME_PROPS[] = {
	"BU_NAAM", "buurtnaam", "WK_NAAM", "wijknaam", "statnaam", "naam", "name", NULL
};

/* the areas of one level inside the gemeente of match_names */
typedef struct bname {
	char code[16];
	char name[256];
} bname;

typedef struct names {
	bname *v;
	int n, cap;
	const char *level; /* "BU" or "WK" */
	const char *under;
	int oom;
} names;

enum {
	CRS_UNKNOWN,
	CRS_WGS84,
	CRS_RD
};

typedef struct bnd {
	ivp__job *j;
	int crs;
	ivp__proj *proj;
	ivp__pt *pts; /* one ring, projected */
	unsigned char *keep;
	size_t cap;
	char *text; /* the area's geometry text */
	size_t tn, tcap;
	double minx, miny, maxx, maxy;
	int64_t npoints;
	char field[128];
	names *names; /* matching by name (opts->match_names), else NULL */
} bnd;

__attribute__((format(printf, 4, 6))) static ivp_rc fail_at(bnd *b, const char *code, const char *msg, const char *detail,
							    const char *hint, ...)
{
	ivp__job_fail(b->j, 0, b->field, "%s", msg);
	ivp__code(b->j->ctx, code);
	if (detail) {
		va_list ap;

		va_start(ap, hint);
		vsnprintf(b->j->ctx->err.detail, sizeof(b->j->ctx->err.detail), detail, ap);
		va_end(ap);
	}
	if (hint)
		ivp__hint(b->j->ctx, "%s", hint);
	return IVP_EINPUT;
}

static int crs_of(json_t *root)
{
	json_t *crs = json_object_get(root, "crs"), *p;
	const char *name;

	if (!crs)
		return CRS_UNKNOWN;
	p = json_object_get(crs, "properties");
	name = json_string_value(json_object_get(p, "name"));
	if (!name)
		return -1;
	if (strstr(name, "28992"))
		return CRS_RD;
	if (strstr(name, "CRS84") || strstr(name, "4326"))
		return CRS_WGS84;
	return -1;
}

/* 0, -1 past MAX_GEOM_TEXT, -2 out of memory. */
static int text_add(bnd *b, const char *s, size_t n)
{
	if (b->tn + n + 1 > b->tcap) {
		size_t cap = b->tcap ? b->tcap * 2 : 4096;
		char *p;

		while (cap < b->tn + n + 1)
			cap *= 2;
		if (cap > MAX_GEOM_TEXT)
			return -1;
		p = realloc(b->text, cap);
		if (!p)
			return -2;
		b->text = p;
		b->tcap = cap;
	}
	memcpy(b->text + b->tn, s, n);
	b->tn += n;
	b->text[b->tn] = '\0';
	return 0;
}

/* Read ring (an array of positions) into b->pts, projected; checks each position. */
static ivp_rc read_ring(bnd *b, json_t *ring, size_t *n)
{
	size_t i, k = json_array_size(ring);

	if (!json_is_array(ring) || k < 4)
		return fail_at(b, "geometry_short_ring", "a polygon ring needs at least 4 positions",
			       "This ring has %zu; a closed ring repeats its first position at the end.",
			       "Give every ring as [[x,y],[x,y],[x,y],[x,y]] or more.", k);
	if (k > b->cap) {
		size_t cap = k;
		ivp__pt *p = realloc(b->pts, cap * sizeof(*p));
		unsigned char *kp;

		if (!p)
			return ivp__fail(b->j->ctx, IVP_ENOMEM, "out of memory");
		b->pts = p;
		kp = realloc(b->keep, cap);
		if (!kp)
			return ivp__fail(b->j->ctx, IVP_ENOMEM, "out of memory");
		b->keep = kp;
		b->cap = cap;
	}
	for (i = 0; i < k; i++) {
		json_t *pos = json_array_get(ring, i);
		json_t *jx = json_array_get(pos, 0), *jy = json_array_get(pos, 1);
		double x, y;

		if (!json_is_number(jx) || !json_is_number(jy))
			return fail_at(b, "geometry_bad_position", "a position is not a pair of numbers",
				       "Position %zu of the ring is not [x, y] with numbers.",
				       "Check the file: GeoJSON positions are [x, y] (longitude, latitude or RD metres).", i);
		x = json_number_value(jx);
		y = json_number_value(jy);
		if (b->crs == CRS_UNKNOWN)
			b->crs = fabs(x) <= 180 && fabs(y) <= 90 ? CRS_WGS84 : CRS_RD;
		if (b->crs == CRS_WGS84) {
			if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90))
				return fail_at(b, "coordinate_out_of_range", "coordinate out of range",
					       "Position %zu is (%g, %g); WGS84 longitude lies in -180..180 and latitude in -90..90.",
					       "Check the file's coordinate reference system: RD New files should say so in \"crs\" (EPSG:28992).",
					       i, x, y);
			if (!b->proj) {
				char err[256];

				b->proj = ivp__proj_new(err, sizeof(err));
				if (!b->proj) {
					ivp__fail(b->j->ctx, IVP_EINTERNAL, "cannot convert coordinates");
					ivp__detail(b->j->ctx, "%s", err);
					ivp__hint(b->j->ctx, "Install PROJ's data (Debian: proj-data) or give the file in RD New (EPSG:28992).");
					return IVP_EINTERNAL;
				}
			}
			if (ivp__proj_rd(b->proj, x, y, &x, &y))
				x = y = NAN;
		}
		if (!(x >= IVP__RD_XMIN && x <= IVP__RD_XMAX && y >= IVP__RD_YMIN && y <= IVP__RD_YMAX))
			return fail_at(b, "coordinate_out_of_range", "coordinate out of range",
				       "Position %zu lies outside the Netherlands (RD New x %g, y %g).",
				       "Give boundaries of Dutch areas, in WGS84 (EPSG:4326) or RD New (EPSG:28992).",
				       i, x, y);
		b->pts[i].x = x;
		b->pts[i].y = y;
	}
	*n = k;
	return IVP_OK;
}

/* Append the ring in b->pts (n points) at tolerance tol; skipped when it collapses. */
static ivp_rc add_ring(bnd *b, size_t n, double tol, int must)
{
	char buf[64];
	size_t i;
	int kept = ivp__simplify(b->pts, n, tol, b->keep);
	long px = 0, py = 0;
	int first = 1, r = 0;

	if (kept < 0)
		return ivp__fail(b->j->ctx, IVP_ENOMEM, "out of memory");
	if (kept < 4 && !must)
		return IVP_OK;
	if (kept < 4)
		memset(b->keep, 1, n);
	if (b->tn && (r = text_add(b, ";", 1)))
		goto full;
	for (i = 0; i < n; i++) {
		long x, y;
		int len;

		if (!b->keep[i])
			continue;
		x = lround(b->pts[i].x);
		y = lround(b->pts[i].y);
		if (!first && x == px && y == py && i + 1 < n)
			continue;
		len = snprintf(buf, sizeof(buf), "%s%ld,%ld", first ? "" : " ", x, y);
		if ((r = text_add(b, buf, (size_t)len)))
			goto full;
		first = 0;
		px = x;
		py = y;
		b->npoints++;
		if ((double)x < b->minx)
			b->minx = (double)x;
		if ((double)y < b->miny)
			b->miny = (double)y;
		if ((double)x > b->maxx)
			b->maxx = (double)x;
		if ((double)y > b->maxy)
			b->maxy = (double)y;
	}
	return IVP_OK;
full:
	if (r == -2)
		return ivp__oom(b->j->ctx, "The rings of one area could not be stored.");
	ivp__job_fail(b->j, 0, b->field, "the boundary of one area is too large");
	ivp__detail(b->j->ctx, "Its simplified rings take more than %zu MiB as text.", MAX_GEOM_TEXT >> 20);
	ivp__hint(b->j->ctx, "Simplify the boundaries first, or split the area's polygon.");
	ivp__code(b->j->ctx, "geometry_too_large");
	return IVP_EINPUT;
}

/* Every ring of the feature's polygons: first a pass for the size, then simplify. */
static ivp_rc read_geometry(bnd *b, json_t *geom, int fi)
{
	const char *type = json_string_value(json_object_get(geom, "type"));
	json_t *coords = json_object_get(geom, "coordinates"), *poly, *ring;
	size_t pi, ri, n = 0, npoly, nring;
	double diag, minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
	int multi, pass;
	ivp_rc rc;

	snprintf(b->field, sizeof(b->field), "features[%d].geometry.type", fi);
	if (!type || (strcmp(type, "Polygon") && strcmp(type, "MultiPolygon")))
		return fail_at(b, "geometry_wrong_type", "wrong geometry type",
			       "This feature's geometry is %s; boundaries are Polygon or MultiPolygon.",
			       "Give area boundaries (polygons), not points or lines.",
			       type ? type : geom ? "not given" :
						    "null");
	multi = !strcmp(type, "MultiPolygon");
	snprintf(b->field, sizeof(b->field), "features[%d].geometry.coordinates", fi);
	if (!json_is_array(coords) || !json_array_size(coords))
		return fail_at(b, "geometry_no_coordinates", "the geometry has no coordinates", "\"coordinates\" is missing, empty or not an array.",
			       "Check the file; it may be cut off or edited.");
	npoly = multi ? json_array_size(coords) : 1;
	b->tn = 0;
	b->npoints = 0;
	b->minx = b->miny = INFINITY;
	b->maxx = b->maxy = -INFINITY;
	for (pass = 0; pass < 2; pass++) {
		diag = hypot(maxx - minx, maxy - miny);
		for (pi = 0; pi < npoly; pi++) {
			poly = multi ? json_array_get(coords, pi) : coords;
			nring = json_array_size(poly);
			if (!json_is_array(poly) || !nring)
				return fail_at(b, "geometry_no_coordinates", "a polygon has no rings", "Polygon %zu is not an array of rings.",
					       "Check the file; it may be cut off or edited.", pi);
			for (ri = 0; ri < nring; ri++) {
				ring = json_array_get(poly, ri);
				if ((rc = read_ring(b, ring, &n)))
					return rc;
				if (pass == 0) {
					size_t i;

					for (i = 0; i < n; i++) {
						minx = fmin(minx, b->pts[i].x);
						miny = fmin(miny, b->pts[i].y);
						maxx = fmax(maxx, b->pts[i].x);
						maxy = fmax(maxy, b->pts[i].y);
					}
				} else if ((rc = add_ring(b, n, ivp__simplify_tol(diag),
							  pi == 0 && ri == 0))) {
					return rc;
				}
			}
		}
	}
	return IVP_OK;
}

/* The code property: the first of CODE_PROPS the first feature holds as an area code. */
static const char *code_prop(json_t *features)
{
	json_t *props = json_object_get(json_array_get(features, 0), "properties");
	char code[16];
	int k;

	for (k = 0; CODE_PROPS[k]; k++) {
		const char *v = json_string_value(json_object_get(props, CODE_PROPS[k]));

		if (v && ivp__area_canon(v, strlen(v), code) == 0)
			return CODE_PROPS[k];
	}
	return NULL;
}

/* The name property: the first of NAME_PROPS the first feature holds as a text. */
static const char *name_prop(json_t *features)
{
	json_t *props = json_object_get(json_array_get(features, 0), "properties");
	int k;

	for (k = 0; NAME_PROPS[k]; k++)
		if (json_string_value(json_object_get(props, NAME_PROPS[k])))
			return NAME_PROPS[k];
	return NULL;
}

static int names_cb(void *ud, const char *const *cols, int ncols)
{
	names *l = ud;

	if (ncols < 3 || !cols[0] || !cols[1] || !cols[2] || strcmp(cols[2], l->level))
		return 0;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 128;
		bname *v = realloc(l->v, (size_t)cap * sizeof(*v));

		if (!v) {
			l->oom = 1;
			return -1;
		}
		l->v = v;
		l->cap = cap;
	}
	snprintf(l->v[l->n].code, sizeof(l->v[l->n].code), "%s", cols[0]);
	snprintf(l->v[l->n].name, sizeof(l->v[l->n].name), "%s", cols[1]);
	l->n++;
	return 0;
}

/* ASCII case and the white space around a name do not count. */
static int same_name(const char *a, const char *b)
{
	size_t na, nb;

	while (*a == ' ' || *a == '\t')
		a++;
	while (*b == ' ' || *b == '\t')
		b++;
	na = strlen(a);
	nb = strlen(b);
	while (na && (a[na - 1] == ' ' || a[na - 1] == '\t'))
		na--;
	while (nb && (b[nb - 1] == ' ' || b[nb - 1] == '\t'))
		nb--;
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

/*
 * The code of the feature's name v into code: IVP_OK; an unknown name with
 * skip_unknown_regions: IVP_ENOTFOUND (counted); else the refusal.
 */
static ivp_rc code_by_name(bnd *b, const char *v, char code[16])
{
	const names *l = b->names;
	const char *kind = !strcmp(l->level, "WK") ? "wijk" : "buurt";
	char also[160] = "";
	int k, hits = 0;

	if (!v || !*v)
		return fail_at(b, "missing_area", "the feature has no name",
			       "Matching by name within %s needs a name in every feature.",
			       "Give every feature its name in the same property as the first.", l->under);
	for (k = 0; k < l->n; k++)
		if (same_name(l->v[k].name, v)) {
			size_t n = strlen(also);

			if (!hits++)
				snprintf(code, 16, "%s", l->v[k].code);
			else if (n + 20 < sizeof(also))
				snprintf(also + n, sizeof(also) - n, "%s%s", n ? ", " : "", l->v[k].code);
		}
	if (hits == 1)
		return IVP_OK;
	if (hits > 1)
		return fail_at(b, "ambiguous_name", "ambiguous area name",
			       "\"%s\" is the name of %d %sen inside %s (%s and %s); ivp does not guess which one the polygon is.",
			       "Give a file with area codes (BU_CODE, statcode), or rename the features so that each name is unique.",
			       v, hits, kind, l->under, code, also);
	if (b->j->opts && b->j->opts->skip_unknown_regions) {
		ivp__job_unknown_region(b->j, v);
		return IVP_ENOTFOUND;
	}
	return fail_at(b, "unknown_area", "unknown area name",
		       "No %s inside %s is called \"%s\" in the loaded code lists.",
		       "Import the wijk/buurt code list of the same year (ivp import codes WijkenEnBuurten.csv), check the spelling, or leave such features out with --skip-unknown-regions.",
		       kind, l->under, v);
}

static ivp_rc read_features(bnd *b, json_t *features, const char *prop, int64_t *matched)
{
	ivp__job *j = b->j;
	ivp__map seen;
	size_t i;
	ivp_rc rc = IVP_OK;

	ivp__map_init(&seen);
	for (i = 0; i < json_array_size(features) && !rc; i++) {
		json_t *f = json_array_get(features, i);
		const char *v = json_string_value(json_object_get(json_object_get(f, "properties"), prop));
		char code[16];
		ivp__boundary_rec rec;
		int same = 0, existed = 0;
		ivp_rc r;
		int64_t *slot;

		snprintf(b->field, sizeof(b->field), "features[%zu].properties.%s", i, prop);
		if (b->names) {
			r = code_by_name(b, v, code);
			if (r == IVP_ENOTFOUND)
				continue;
			if ((rc = r))
				break;
		} else if (!v || ivp__area_canon(v, strlen(v), code)) {
			rc = fail_at(b, "missing_area", "the feature has no area code",
				     "Property \"%s\" is %s; the first feature has an area code there (GM…, WK…, BU…).",
				     "Give every feature its code in the same property.",
				     prop, v ? "not an area code" : "missing");
			break;
		}
		if (ivp__map_put(&seen, code, 0, &slot, &existed)) {
			rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
			break;
		}
		if (existed) {
			rc = fail_at(b, "duplicate_key", "the same area appears twice",
				     "Area %s has an earlier feature in this file.",
				     "Give one feature per area (a MultiPolygon for several parts).", code);
			break;
		}
		if ((rc = read_geometry(b, json_object_get(f, "geometry"), (int)i)))
			break;
		rec.area = code;
		rec.minx = b->minx;
		rec.miny = b->miny;
		rec.maxx = b->maxx;
		rec.maxy = b->maxy;
		rec.npoints = b->npoints;
		rec.geom = b->text;
		rec.import_id = j->import_id;
		r = ivp__store_boundary_put(j->ctx, &rec, &same);
		if (r && r != IVP_ENOTFOUND) {
			rc = ivp__job_store(j, r);
		} else if (r) {
			snprintf(b->field, sizeof(b->field), "features[%zu].properties.%s", i, prop);
			if (j->opts && j->opts->skip_unknown_regions) {
				ivp__job_unknown_region(j, code);
				continue;
			}
			rc = fail_at(b, "unknown_area", "unknown area code", "No loaded code list has %s.",
				     "Import the region code list first (ivp import codes …), or choose {skip_unknown_regions} to leave such areas out (former gemeenten, for example).",
				     code);
		} else {
			(*matched)++;
			if (same)
				j->res->same++;
			else
				j->res->rows++;
		}
	}
	ivp__map_free(&seen);
	return rc;
}

/* Matching by name: the name property and the areas of the gemeente. */
static ivp_rc by_name(bnd *b, json_t *features, const char **prop, names *nl)
{
	const char *g = b->j->opts->match_names;
	char code[16];
	ivp_rc rc;

	if (ivp__area_canon(g, strlen(g), code) || strncmp(code, "GM", 2)) {
		snprintf(b->field, sizeof(b->field), "match_names");
		return fail_at(b, "bad_option", "matching by name needs a gemeente code",
			       "\"%s\" is not a gemeente code such as GM0503.",
			       "Name the gemeente whose buurten the file holds, e.g. GM0503 for Delft.", g);
	}
	if (!(*prop = name_prop(features)))
		return fail_at(b, "missing_area", "no property holds an area name",
			       "Matching by name looks for the first of BU_NAAM, buurtnaam, WK_NAAM, wijknaam, statnaam, naam, name.",
			       "Add such a property, or give a file with area codes.");
	nl->level = !strcmp(*prop, "WK_NAAM") || !strcmp(*prop, "wijknaam") ? "WK" : "BU";
	nl->under = g;
	rc = ivp__store_areas_list(b->j->ctx, code, names_cb, nl);
	if (nl->oom)
		return ivp__fail(b->j->ctx, IVP_ENOMEM, "out of memory");
	if (rc)
		return ivp__job_store(b->j, rc);
	if (!nl->n)
		return fail_at(b, "unknown_area", "no areas to match the names against",
			       "The loaded code lists have no %s inside %s.",
			       "Import the wijk/buurt code list first (ivp import codes WijkenEnBuurten.csv).",
			       !strcmp(nl->level, "WK") ? "wijken" : "buurten", g);
	b->names = nl;
	return IVP_OK;
}

ivp_rc ivp__read_boundaries(ivp__job *j)
{
	bnd b;
	json_error_t e;
	json_t *root = NULL, *features;
	const char *type, *prop = NULL;
	struct stat sb;
	int64_t matched = 0;
	char note[512];
	names nl;
	ivp_rc rc;

	memset(&nl, 0, sizeof(nl));
	memset(&b, 0, sizeof(b));
	b.j = j;
	if (stat(j->path, &sb) == 0 && (size_t)sb.st_size > MAX_GEOJSON_BYTES) {
		ivp__job_fail(j, 0, NULL, "GeoJSON file larger than %zu MiB", MAX_GEOJSON_BYTES >> 20);
		ivp__code(j->ctx, "file_too_large");
		ivp__hint(j->ctx, "Simplify the boundaries first, or import them in parts (per province).");
		return IVP_EINPUT;
	}
	root = json_load_file(j->path, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		return ivp__job_json_fail(j, &e, "Give a GeoJSON file (a FeatureCollection) as exported by CBS/PDOK or QGIS.");
	}
	type = json_string_value(json_object_get(root, "type"));
	snprintf(b.field, sizeof(b.field), "type");
	if (!json_is_object(root) || !type || strcmp(type, "FeatureCollection")) {
		rc = fail_at(&b, "geojson_not_collection", "this is not a GeoJSON FeatureCollection",
			     "The top-level \"type\" is %s.", "Give a GeoJSON FeatureCollection of the areas' polygons.",
			     type ? type : "missing");
		goto out;
	}
	snprintf(b.field, sizeof(b.field), "crs");
	if ((b.crs = crs_of(root)) < 0) {
		rc = fail_at(&b, "geojson_crs", "unsupported coordinate reference system",
			     "ivp reads WGS84 (EPSG:4326, CRS84) and RD New (EPSG:28992).",
			     "Export the file in one of these (QGIS: Save As, CRS EPSG:4326 or EPSG:28992).");
		goto out;
	}
	features = json_object_get(root, "features");
	snprintf(b.field, sizeof(b.field), "features");
	if (!json_is_array(features) || !json_array_size(features)) {
		rc = fail_at(&b, "geojson_no_features", "the FeatureCollection has no features", "\"features\" is missing, empty or not an array.",
			     "Give a file with one feature per area.");
		goto out;
	}
	snprintf(b.field, sizeof(b.field), "features[0].properties");
	if (j->opts && j->opts->match_names) {
		if ((rc = by_name(&b, features, &prop, &nl)))
			goto out;
	} else if (!(prop = code_prop(features))) {
		rc = fail_at(&b, "missing_area", "no property holds an area code",
			     "ivp looks for the first of statcode, code, gemeentecode, GM_CODE, wijkcode, WK_CODE, buurtcode, BU_CODE, regiocode, RegioS, areacode holding a code such as GM0014.",
			     "Add such a property (CBS/PDOK files have statcode) or rename the code column.");
		goto out;
	}
	if ((rc = read_features(&b, features, prop, &matched)))
		goto out;
	snprintf(note, sizeof(note), ivp_msg_tr(ivp_lang(j->ctx), "%s property \"%s\"%s%s: %lld of %zu features matched%s%s"),
		 b.names ? ivp_msg_tr(ivp_lang(j->ctx), "name") : "code", prop,
		 b.names ? ivp_msg_tr(ivp_lang(j->ctx), " within ") : "", b.names ? nl.under : "",
		 (long long)matched, json_array_size(features), j->res->note[0] ? "; " : "", j->res->note);
	snprintf(j->res->note, sizeof(j->res->note), "%s", note);
out:
	json_decref(root);
	ivp__proj_free(b.proj);
	free(b.pts);
	free(b.keep);
	free(b.text);
	free(nl.v);
	return rc;
}
