/*
 * pg_plan.c — the PostgreSQL side of plan_store.h: plan versions and
 * locally registered values (tables of migration 2), written the way
 * README.md describes (one SQL string per statement, pg_params, the
 * helpers of pg_util.c).
 */
#include <stdlib.h>
#include <string.h>

#include "store/pg/pg_int.h"
#include "store/plan_store.h"

static int pl_version_add(ivp__store *st, const ivp__plan_version *v, int64_t *version)
{
	static const char *const sql =
		"INSERT INTO plan_version(plan_id, kind, source, summary, created_by, created_at, doc) "
		"VALUES ($1,$2,$3,$4,$5,ivp_now(),$6) RETURNING version";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;

	pg_init(&p);
	pg_text(&p, v->plan_id);
	pg_text(&p, v->kind);
	pg_text(&p, v->source);
	pg_text(&p, v->summary);
	pg_text(&p, v->created_by[0] ? v->created_by : "unknown");
	pg_text(&p, v->doc);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	*version = ivp__pg_int(r, 0, 0);
	PQclear(r);
	return ivp__pg_touched(s);
}

static int pl_version_get(ivp__store *st, int64_t version, ivp__plan_version *out)
{
	static const char *const one = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc "
				       "FROM plan_version WHERE version=$1";
	static const char *const latest = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc "
					  "FROM plan_version ORDER BY version DESC LIMIT 1";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;

	memset(out, 0, sizeof(*out));
	pg_init(&p);
	if (version)
		pg_int(&p, version);
	if (ivp__pg_query(s, version ? one : latest, &p, &r))
		return -1;
	if (!PQntuples(r)) {
		PQclear(r);
		return 1;
	}
	out->version = ivp__pg_int(r, 0, 0);
	ivp__pg_copy(r, 0, 1, out->plan_id, sizeof(out->plan_id));
	ivp__pg_copy(r, 0, 2, out->kind, sizeof(out->kind));
	ivp__pg_copy(r, 0, 3, out->source, sizeof(out->source));
	ivp__pg_copy(r, 0, 4, out->summary, sizeof(out->summary));
	ivp__pg_copy(r, 0, 5, out->created_by, sizeof(out->created_by));
	ivp__pg_copy(r, 0, 6, out->created_at, sizeof(out->created_at));
	out->doc = strdup(PQgetvalue(r, 0, 7));
	PQclear(r);
	return out->doc ? 0 : ivp__pg_oom(s);
}

static int pl_versions_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT version, plan_id, kind, source, summary, created_by, created_at "
				       "FROM plan_version ORDER BY version";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static void value_params(pg_params *p, const ivp__local_value *v, int64_t import_id)
{
	pg_init(p);
	pg_text(p, v->key);
	pg_text(p, v->area);
	pg_int(p, v->year);
	pg_text(p, v->unit);
	pg_real(p, v->value);
	if (v->has_margin)
		pg_real(p, v->margin);
	else
		pg_null(p);
	pg_text(p, v->source);
	pg_text(p, v->definition_version);
	pg_text(p, v->name);
	pg_int(p, import_id);
}

static int same_text(const PGresult *r, int col, const char *v)
{
	return PQgetisnull(r, 0, col) ? !v : v && !strcmp(PQgetvalue(r, 0, col), v);
}

static int pl_value_put(ivp__store *st, const ivp__local_value *v, int64_t import_id, int *result)
{
	static const char *const get = "SELECT value, margin, source, definition_version, import_id FROM local_value "
				       "WHERE key=$1 AND area=$2 AND year=$3 AND unit=$4";
	static const char *const ins =
		"INSERT INTO local_value(key, area, year, unit, value, margin, source, definition_version, name, import_id) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)";
	static const char *const upd =
		"UPDATE local_value SET value=$5, margin=$6, source=$7, definition_version=$8, name=$9, import_id=$10 "
		"WHERE key=$1 AND area=$2 AND year=$3 AND unit=$4";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int found, same = 0;
	int64_t old_import = 0;

	pg_init(&p);
	pg_text(&p, v->key);
	pg_text(&p, v->area);
	pg_int(&p, v->year);
	pg_text(&p, v->unit);
	if (ivp__pg_query(s, get, &p, &r))
		return -1;
	found = PQntuples(r) > 0;
	if (found) {
		int had_margin = !PQgetisnull(r, 0, 1);

		same = strtod(PQgetvalue(r, 0, 0), NULL) == v->value && had_margin == v->has_margin &&
		       (!had_margin || strtod(PQgetvalue(r, 0, 1), NULL) == v->margin) &&
		       same_text(r, 2, v->source) && same_text(r, 3, v->definition_version);
		old_import = ivp__pg_int(r, 0, 4);
	}
	PQclear(r);
	if (found && old_import == import_id) {
		*result = same ? IVP__PUT_DUP_SAME : IVP__PUT_DUP_DIFF;
		return 0;
	}
	if (found && same) {
		*result = IVP__PUT_SAME;
		return 0;
	}
	*result = found ? IVP__PUT_CHANGED : IVP__PUT_NEW;
	value_params(&p, v, import_id);
	return ivp__pg_exec(s, found ? upd : ins, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int pl_values_get(ivp__store *st, const char *key, const char *area, ivp__row_cb cb,
			 void *ud)
{
	static const char *const sql =
		"SELECT year, value, unit, margin, source, definition_version, import_id, name "
		"FROM local_value WHERE key=$1 AND area=$2 ORDER BY year, unit";
	pg_params p;

	pg_init(&p);
	pg_text(&p, key);
	pg_text(&p, area);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int pl_area_values(ivp__store *st, const char *area, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT key, year, value, unit, margin, source, definition_version, import_id, name "
		"FROM local_value WHERE area=$1 ORDER BY key, year, unit";
	pg_params p;

	pg_init(&p);
	pg_text(&p, area);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int pl_value_key_exists(ivp__store *st, const char *key, int *exists)
{
	static const char *const sql = "SELECT EXISTS (SELECT 1 FROM local_value WHERE key=$1)";
	pg_params p;
	PGresult *r;

	pg_init(&p);
	pg_text(&p, key);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	*exists = PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	return 0;
}

static void pl_close(ivp__store *st)
{
	(void)st; /* the prepared statements end with the connection */
}

const ivp__plan_ops ivp__pg_plan_ops = {
	.version_add = pl_version_add,
	.version_get = pl_version_get,
	.versions_list = pl_versions_list,
	.value_put = pl_value_put,
	.values_get = pl_values_get,
	.area_values = pl_area_values,
	.value_key_exists = pl_value_key_exists,
	.close = pl_close,
};
