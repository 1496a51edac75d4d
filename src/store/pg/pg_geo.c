/*
 * pg_geo.c — the PostgreSQL side of geo_store.h (area boundaries, table
 * `boundary` of migration 4) and of group_store.h (comparison groups,
 * tables `area_group` and `area_group_member` of migration 7, and the
 * population of every area of a level in a year; the regional plans and
 * their themes, tables `region_plan` and `region_theme` of migration 18).
 */
#include <string.h>

#include "store/geo_store.h"
#include "store/group_store.h"
#include "store/pg/pg_int.h"

static int geo_put(ivp__store *st, const ivp__boundary_rec *b, int *same)
{
	static const char *const get = "SELECT a.id, g.geom FROM area a LEFT JOIN boundary g ON g.area_id=a.id "
				       "WHERE a.code=$1";
	static const char *const put =
		"INSERT INTO boundary(area_id, minx, miny, maxx, maxy, npoints, geom, import_id) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (area_id) DO UPDATE SET "
		"minx=excluded.minx, miny=excluded.miny, maxx=excluded.maxx, maxy=excluded.maxy, "
		"npoints=excluded.npoints, geom=excluded.geom, import_id=excluded.import_id";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int64_t area_id;

	*same = 0;
	pg_init(&p);
	pg_text(&p, b->area);
	if (ivp__pg_query(s, get, &p, &r))
		return -1;
	if (!PQntuples(r)) {
		PQclear(r);
		return 1;
	}
	area_id = ivp__pg_int(r, 0, 0);
	*same = !PQgetisnull(r, 0, 1) && !strcmp(PQgetvalue(r, 0, 1), b->geom);
	PQclear(r);
	if (*same)
		return 0;
	pg_init(&p);
	pg_int(&p, area_id);
	pg_real(&p, b->minx);
	pg_real(&p, b->miny);
	pg_real(&p, b->maxx);
	pg_real(&p, b->maxy);
	pg_int(&p, b->npoints);
	pg_text(&p, b->geom);
	pg_int(&p, b->import_id);
	return ivp__pg_exec(s, put, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int geo_list(ivp__store *st, const char *under, const char *level, ivp__row_cb cb,
		    void *ud)
{
	static const char *const sql =
		"WITH RECURSIVE sub(code) AS (SELECT code FROM area WHERE parent=$1 "
		"UNION SELECT a.code FROM area a JOIN sub ON a.parent=sub.code) "
		"SELECT a.code, a.name, a.level, g.minx, g.miny, g.maxx, g.maxy, g.npoints, g.geom "
		"FROM boundary g JOIN area a ON a.id=g.area_id "
		"WHERE ($2::text IS NULL OR a.level=$2) AND ($1::text IS NULL OR a.code IN (SELECT code FROM sub)) "
		"ORDER BY a.code";
	pg_params p;

	pg_init(&p);
	pg_text(&p, under);
	pg_text(&p, level);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

const ivp__geo_ops ivp__pg_geo_ops = {
	.boundary_put = geo_put,
	.boundaries_list = geo_list,
};

/* ---- comparison groups --------------------------------------------------------------- */

static int group_put(ivp__store *st, const ivp__group_rec *g, int *existed)
{
	static const char *const get = "SELECT id FROM area_group WHERE name=$1";
	static const char *const clear = "DELETE FROM area_group_member WHERE group_id=$1";
	static const char *const put =
		"INSERT INTO area_group(name, title, kind, source, import_id) VALUES ($1,$2,$3,$4,$5) "
		"ON CONFLICT (name) DO UPDATE SET title=excluded.title, kind=excluded.kind, "
		"source=excluded.source, import_id=excluded.import_id";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int64_t id = 0;

	pg_init(&p);
	pg_text(&p, g->name);
	if (ivp__pg_query(s, get, &p, &r))
		return -1;
	*existed = PQntuples(r) > 0;
	if (*existed)
		id = ivp__pg_int(r, 0, 0);
	PQclear(r);
	if (*existed) {
		pg_init(&p);
		pg_int(&p, id);
		if (ivp__pg_exec(s, clear, &p, NULL))
			return -1;
	}
	pg_init(&p);
	pg_text(&p, g->name);
	pg_text(&p, g->title);
	pg_text(&p, g->kind);
	pg_text(&p, g->source ? g->source : "");
	if (g->import_id > 0)
		pg_int(&p, g->import_id);
	else
		pg_null(&p);
	return ivp__pg_exec(s, put, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int member_add(ivp__store *st, const char *group, const char *area, int *dup)
{
	static const char *const ids = "SELECT (SELECT id FROM area_group WHERE name=$1), (SELECT id FROM area WHERE code=$2)";
	static const char *const ins = "INSERT INTO area_group_member(group_id, area_id) VALUES ($1,$2) ON CONFLICT DO NOTHING";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int64_t gid, aid, n;

	*dup = 0;
	pg_init(&p);
	pg_text(&p, group);
	pg_text(&p, area);
	if (ivp__pg_query(s, ids, &p, &r))
		return -1;
	if (PQgetisnull(r, 0, 0) || PQgetisnull(r, 0, 1)) {
		PQclear(r);
		return 1;
	}
	gid = ivp__pg_int(r, 0, 0);
	aid = ivp__pg_int(r, 0, 1);
	PQclear(r);
	pg_init(&p);
	pg_int(&p, gid);
	pg_int(&p, aid);
	if (ivp__pg_exec(s, ins, &p, &n))
		return -1;
	*dup = n == 0;
	return ivp__pg_touched(s);
}

static int groups_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT g.name, g.title, g.kind, g.source, "
		"(SELECT COUNT(*) FROM area_group_member m WHERE m.group_id=g.id), g.import_id "
		"FROM area_group g ORDER BY g.name";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static int members(ivp__store *st, const char *group, ivp__row_cb cb, void *ud)
{
	static const char *const has = "SELECT 1 FROM area_group WHERE name=$1";
	static const char *const sql =
		"SELECT a.code, a.name, a.level FROM area_group_member m "
		"JOIN area_group g ON g.id=m.group_id JOIN area a ON a.id=m.area_id "
		"WHERE g.name=$1 ORDER BY a.code";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int n;

	pg_init(&p);
	pg_text(&p, group);
	if (ivp__pg_query(s, has, &p, &r))
		return -1;
	n = PQntuples(r);
	PQclear(r);
	if (!n)
		return 1;
	return ivp__pg_query_rows(s, sql, &p, cb, ud);
}

static int groups_of(ivp__store *st, const char *area, const char *kind, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT g.name, g.title, g.kind FROM area_group_member m "
		"JOIN area_group g ON g.id=m.group_id JOIN area a ON a.id=m.area_id "
		"WHERE a.code=$1 AND ($2::text IS NULL OR g.kind=$2) ORDER BY g.name";
	pg_params p;

	pg_init(&p);
	pg_text(&p, area);
	pg_text(&p, kind);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int level_population(ivp__store *st, const char *level, int year, const char *group,
			    ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT a.code, p.count FROM population p JOIN area a ON a.id=p.area_id "
		"WHERE a.code >= $1 AND a.code < $1 || '~' AND a.level=$1 AND p.year=$2 "
		"AND p.age_group=$3 ORDER BY a.code"; /* the code range: as sqlite_group.c */
	pg_params p;

	pg_init(&p);
	pg_text(&p, level);
	pg_int(&p, year);
	pg_text(&p, group);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

/* ---- the regional plan (migration 18) ---------------------------------------------- */

static int region_put(ivp__store *st, const ivp__region_rec *rg, int *existed)
{
	static const char *const get = "SELECT 1 FROM region_plan WHERE region=$1";
	static const char *const clear = "DELETE FROM region_theme WHERE region=$1";
	static const char *const put =
		"INSERT INTO region_plan(region, title, period_from, period_to, source, import_id) "
		"VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (region) DO UPDATE SET title=excluded.title, "
		"period_from=excluded.period_from, period_to=excluded.period_to, "
		"source=excluded.source, import_id=excluded.import_id";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;

	pg_init(&p);
	pg_text(&p, rg->region);
	if (ivp__pg_query(s, get, &p, &r))
		return -1;
	*existed = PQntuples(r) > 0;
	PQclear(r);
	if (ivp__pg_exec(s, clear, &p, NULL))
		return -1;
	pg_init(&p);
	pg_text(&p, rg->region);
	pg_text(&p, rg->title);
	pg_int(&p, rg->from);
	pg_int(&p, rg->to);
	pg_text(&p, rg->source ? rg->source : "");
	if (rg->import_id > 0)
		pg_int(&p, rg->import_id);
	else
		pg_null(&p);
	return ivp__pg_exec(s, put, &p, NULL) ? -1 : ivp__pg_touched(s);
}

/* 0: the region has a plan; 1: it has none; -1 */
static int region_has(pg_store *s, const char *region)
{
	static const char *const get = "SELECT 1 FROM region_plan WHERE region=$1";
	pg_params p;
	PGresult *r;
	int n;

	pg_init(&p);
	pg_text(&p, region);
	if (ivp__pg_query(s, get, &p, &r))
		return -1;
	n = PQntuples(r);
	PQclear(r);
	return n ? 0 : 1;
}

static int region_theme_add(ivp__store *st, const char *region, const ivp__region_theme_rec *t)
{
	static const char *const ins = "INSERT INTO region_theme(region, id, title, description, ord) "
				       "VALUES ($1,$2,$3,$4,$5)";
	pg_store *s = PG(st);
	pg_params p;
	int r = region_has(s, region);

	if (r)
		return r;
	pg_init(&p);
	pg_text(&p, region);
	pg_text(&p, t->id);
	pg_text(&p, t->title);
	pg_text(&p, t->description ? t->description : "");
	pg_int(&p, t->ord);
	return ivp__pg_exec(s, ins, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int regions_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT p.region, p.title, p.period_from, p.period_to, p.source, "
		"(SELECT COUNT(*) FROM region_theme t WHERE t.region=p.region), p.import_id "
		"FROM region_plan p ORDER BY p.region";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static int region_themes(ivp__store *st, const char *region, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT id, title, description, ord FROM region_theme "
				       "WHERE region=$1 ORDER BY ord, id";
	pg_store *s = PG(st);
	pg_params p;
	int r = region_has(s, region);

	if (r)
		return r;
	pg_init(&p);
	pg_text(&p, region);
	return ivp__pg_query_rows(s, sql, &p, cb, ud);
}

const ivp__group_ops ivp__pg_group_ops = {
	.group_put = group_put,
	.member_add = member_add,
	.groups_list = groups_list,
	.members = members,
	.groups_of = groups_of,
	.level_population = level_population,
	.region_put = region_put,
	.region_theme_add = region_theme_add,
	.regions_list = regions_list,
	.region_themes = region_themes,
};
