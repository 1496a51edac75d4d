/*
 * sqlite_geo.c — the SQLite side of geo_store.h: area boundaries (table
 * `boundary` of migration 4). Statements are prepared per call and
 * finalized after it, like sqlite_auth.c: an import writes a few hundred
 * or thousand rows, a map page reads them once.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/geo_store.h"
#include "store/sqlite/sqlite_int.h"

static int geo_put(ivp__store *st, const ivp__boundary_rec *b, int *same)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT a.id, g.geom FROM area a LEFT JOIN boundary g ON g.area_id=a.id "
					     "WHERE a.code=?1");
	sqlite3_int64 area_id;
	int rc;

	*same = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, b->area);
	rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(q);
		return 1;
	}
	if (rc != SQLITE_ROW) {
		ivp__sq_fail(s);
		sqlite3_finalize(q);
		return -1;
	}
	area_id = sqlite3_column_int64(q, 0);
	if (sqlite3_column_type(q, 1) == SQLITE_TEXT &&
	    !strcmp((const char *)sqlite3_column_text(q, 1), b->geom))
		*same = 1;
	sqlite3_finalize(q);
	if (*same)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO boundary(area_id, minx, miny, maxx, maxy, npoints, geom, import_id) "
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT(area_id) DO UPDATE SET "
			       "minx=excluded.minx, miny=excluded.miny, maxx=excluded.maxx, maxy=excluded.maxy, "
			       "npoints=excluded.npoints, geom=excluded.geom, import_id=excluded.import_id");
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, area_id);
	sqlite3_bind_double(q, 2, b->minx);
	sqlite3_bind_double(q, 3, b->miny);
	sqlite3_bind_double(q, 4, b->maxx);
	sqlite3_bind_double(q, 5, b->maxy);
	sqlite3_bind_int64(q, 6, b->npoints);
	ivp__sq_bind_text(q, 7, b->geom);
	sqlite3_bind_int64(q, 8, b->import_id);
	rc = sqlite3_step(q);
	if (rc != SQLITE_DONE)
		ivp__sq_fail(s);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int geo_list(ivp__store *st, const char *under, const char *level,
		    ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s,
					  "WITH RECURSIVE sub(code) AS (SELECT code FROM area WHERE parent=?1 "
					  "UNION SELECT a.code FROM area a JOIN sub ON a.parent=sub.code) "
					  "SELECT a.code, a.name, a.level, g.minx, g.miny, g.maxx, g.maxy, g.npoints, g.geom "
					  "FROM boundary g JOIN area a ON a.id=g.area_id "
					  "WHERE (?2 IS NULL OR a.level=?2) AND (?1 IS NULL OR a.code IN (SELECT code FROM sub)) "
					  "ORDER BY a.code");
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, under);
	ivp__sq_bind_text(q, 2, level);
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

const ivp__geo_ops ivp__sqlite_geo_ops = {
	.boundary_put = geo_put,
	.boundaries_list = geo_list,
};
