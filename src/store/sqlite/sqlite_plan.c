/*
 * sqlite_plan.c — the SQLite side of plan_store.h: plan versions and
 * locally registered values (tables of migration 2).
 *
 * Statements are prepared on first use and kept in this file's own cache,
 * hung on the store as SQ(s)->plan; plan_close finalizes them.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/plan_store.h"
#include "store/sqlite/sqlite_int.h"

enum {
	P_VERSION_ADD,
	P_VERSION_GET,
	P_VERSION_LATEST,
	P_VERSIONS,
	P_VERSION_GET_IN,
	P_VERSION_LATEST_IN,
	P_VERSIONS_IN,
	P_LATEST_EACH,
	P_FIRST_MUNICIPALITY,
	P_VALUE_GET,
	P_VALUE_INS,
	P_VALUE_UPD,
	P_VALUES,
	P_AREA_VALUES,
	P_VALUE_KEY,
	P_COUNT
};

static const char *const sql[P_COUNT] = {
	[P_VERSION_ADD] = "INSERT INTO plan_version(plan_id, kind, source, summary, created_by, created_at, doc, municipality) "
			  "VALUES (?1,?2,?3,?4,?5,strftime('%Y-%m-%dT%H:%M:%SZ','now'),?6,?7)",
	[P_VERSION_GET] = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc, municipality "
			  "FROM plan_version WHERE version=?1",
	[P_VERSION_LATEST] = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc, municipality "
			     "FROM plan_version ORDER BY version DESC LIMIT 1",
	[P_VERSIONS] = "SELECT version, plan_id, kind, source, summary, created_by, created_at "
		       "FROM plan_version ORDER BY version",
	[P_VERSION_GET_IN] = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc, municipality "
			     "FROM plan_version WHERE version=?1 AND municipality=?2",
	[P_VERSION_LATEST_IN] = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc, municipality "
				"FROM plan_version WHERE municipality=?2 ORDER BY version DESC LIMIT 1",
	[P_VERSIONS_IN] = "SELECT version, plan_id, kind, source, summary, created_by, created_at "
			  "FROM plan_version WHERE municipality=?1 ORDER BY version",
	[P_FIRST_MUNICIPALITY] = "SELECT municipality FROM plan_version WHERE municipality <> '' "
				 "ORDER BY version LIMIT 1",
	[P_LATEST_EACH] = "SELECT municipality, MAX(version), plan_id, created_at FROM plan_version "
			  "WHERE municipality <> '' GROUP BY municipality ORDER BY municipality",
	[P_VALUE_GET] = "SELECT value, margin, source, definition_version, import_id, respondents, min_respondents FROM local_value "
			"WHERE key=?1 AND area=?2 AND year=?3 AND unit=?4",
	[P_VALUE_INS] = "INSERT INTO local_value(key, area, year, unit, value, margin, source, definition_version, name, import_id, respondents, min_respondents) "
			"VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
	[P_VALUE_UPD] = "UPDATE local_value SET value=?5, margin=?6, source=?7, definition_version=?8, name=?9, import_id=?10, respondents=?11, min_respondents=?12 "
			"WHERE key=?1 AND area=?2 AND year=?3 AND unit=?4",
	[P_VALUES] = "SELECT year, value, unit, margin, source, definition_version, import_id, name, respondents, min_respondents FROM local_value "
		     "WHERE key=?1 AND area=?2 ORDER BY year, unit",
	[P_AREA_VALUES] = "SELECT key, year, value, unit, margin, source, definition_version, import_id, name, respondents, min_respondents FROM local_value "
			  "WHERE area=?1 ORDER BY key, year, unit",
	[P_VALUE_KEY] = "SELECT EXISTS (SELECT 1 FROM local_value WHERE key=?1)",
};

typedef struct plan_cache {
	sqlite3_stmt *st[P_COUNT];
} plan_cache;

static sqlite3_stmt *stmt(sq_store *s, int i)
{
	plan_cache *c = s->plan;

	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c) {
			ivp__sq_oom(s);
			return NULL;
		}
		s->plan = c;
	}
	return ivp__sq_stmt(s, &c->st[i], sql[i]);
}

static int pl_version_add(ivp__store *st, const ivp__plan_version *v, int64_t *version)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, P_VERSION_ADD);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, v->plan_id);
	ivp__sq_bind_text(q, 2, v->kind);
	ivp__sq_bind_text(q, 3, v->source);
	ivp__sq_bind_text(q, 4, v->summary);
	ivp__sq_bind_text(q, 5, v->created_by[0] ? v->created_by : "unknown");
	ivp__sq_bind_text(q, 6, v->doc);
	ivp__sq_bind_text(q, 7, v->municipality);
	if (ivp__sq_done(s, q))
		return -1;
	*version = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int pl_version_get(ivp__store *st, int64_t version, const char *municipality,
			  ivp__plan_version *out)
{
	sq_store *s = SQ(st);
	int in = municipality && *municipality;
	sqlite3_stmt *q = stmt(s, version ? (in ? P_VERSION_GET_IN : P_VERSION_GET) : (in ? P_VERSION_LATEST_IN : P_VERSION_LATEST));
	int rc;

	memset(out, 0, sizeof(*out));
	if (!q)
		return -1;
	if (version)
		sqlite3_bind_int64(q, 1, version);
	if (in)
		ivp__sq_bind_text(q, 2, municipality);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const unsigned char *d = sqlite3_column_text(q, 7);

		out->version = sqlite3_column_int64(q, 0);
		ivp__sq_copy_col(q, 1, out->plan_id, sizeof(out->plan_id));
		ivp__sq_copy_col(q, 2, out->kind, sizeof(out->kind));
		ivp__sq_copy_col(q, 3, out->source, sizeof(out->source));
		ivp__sq_copy_col(q, 4, out->summary, sizeof(out->summary));
		ivp__sq_copy_col(q, 5, out->created_by, sizeof(out->created_by));
		ivp__sq_copy_col(q, 6, out->created_at, sizeof(out->created_at));
		ivp__sq_copy_col(q, 8, out->municipality, sizeof(out->municipality));
		out->doc = strdup(d ? (const char *)d : "");
		sqlite3_reset(q);
		if (!out->doc) {
			ivp__sq_oom(s);
			return -1;
		}
		return 0;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 1 : ivp__sq_fail(s);
}

static int pl_versions_list(ivp__store *st, const char *municipality, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	int in = municipality && *municipality;
	sqlite3_stmt *q = stmt(s, in ? P_VERSIONS_IN : P_VERSIONS);

	if (!q)
		return -1;
	if (in)
		ivp__sq_bind_text(q, 1, municipality);
	return ivp__sq_rows(s, q, cb, ud);
}

static int pl_latest_each(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, P_LATEST_EACH);

	return q ? ivp__sq_rows(s, q, cb, ud) : -1;
}

static int pl_first_municipality(ivp__store *st, char out[64])
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, P_FIRST_MUNICIPALITY);
	int rc;

	out[0] = '\0';
	if (!q)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		ivp__sq_copy_col(q, 0, out, 64);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 :
							  ivp__sq_fail(s);
}

/* migration 17: each version bound to the municipality its doc names */
int ivp__sq_plan_municipality(sqlite3 *db, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL, *u = NULL;
	char m[64];
	int rc, ret = -1;

	if (sqlite3_prepare_v2(db, "SELECT version, doc FROM plan_version", -1, &q, NULL) ||
	    sqlite3_prepare_v2(db, "UPDATE plan_version SET municipality=?2 WHERE version=?1", -1, &u, NULL))
		goto out;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (ivp__doc_municipality((const char *)sqlite3_column_text(q, 1), m, sizeof(m)))
			continue;
		sqlite3_bind_int64(u, 1, sqlite3_column_int64(q, 0));
		sqlite3_bind_text(u, 2, m, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(u) != SQLITE_DONE)
			goto out;
		sqlite3_reset(u);
	}
	ret = rc == SQLITE_DONE ? 0 : -1;
out:
	if (ret)
		snprintf(err, errsz, "%s", sqlite3_errmsg(db));
	if (ret && sqlite3_errcode(db) == SQLITE_NOMEM)
		ret = -2;
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	return ret;
}

static void bind_value(sqlite3_stmt *q, const ivp__local_value *v, int64_t import_id)
{
	ivp__sq_bind_text(q, 1, v->key);
	ivp__sq_bind_text(q, 2, v->area);
	sqlite3_bind_int(q, 3, v->year);
	ivp__sq_bind_text(q, 4, v->unit);
	sqlite3_bind_double(q, 5, v->value);
	if (v->has_margin)
		sqlite3_bind_double(q, 6, v->margin);
	else
		sqlite3_bind_null(q, 6);
	ivp__sq_bind_text(q, 7, v->source);
	ivp__sq_bind_text(q, 8, v->definition_version);
	ivp__sq_bind_text(q, 9, v->name);
	sqlite3_bind_int64(q, 10, import_id);
	if (v->respondents > 0)
		sqlite3_bind_int64(q, 11, v->respondents);
	else
		sqlite3_bind_null(q, 11);
	if (v->min_respondents > 0)
		sqlite3_bind_int64(q, 12, v->min_respondents);
	else
		sqlite3_bind_null(q, 12);
}

/* The whole number of col, 0 for NULL (respondents: not known). */
static int64_t int_or_0(sqlite3_stmt *q, int col)
{
	return sqlite3_column_type(q, col) == SQLITE_NULL ? 0 : sqlite3_column_int64(q, col);
}

static int same_text(sqlite3_stmt *q, int col, const char *v)
{
	const unsigned char *t = sqlite3_column_text(q, col);

	return t ? v && !strcmp((const char *)t, v) : !v;
}

static int pl_value_put(ivp__store *st, const ivp__local_value *v, int64_t import_id,
			int *result)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, P_VALUE_GET);
	int rc, same = 0;
	int64_t old_import = 0;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, v->key);
	ivp__sq_bind_text(q, 2, v->area);
	sqlite3_bind_int(q, 3, v->year);
	ivp__sq_bind_text(q, 4, v->unit);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		int had_margin = sqlite3_column_type(q, 1) != SQLITE_NULL;

		same = sqlite3_column_double(q, 0) == v->value && had_margin == v->has_margin &&
		       (!had_margin || sqlite3_column_double(q, 1) == v->margin) &&
		       same_text(q, 2, v->source) && same_text(q, 3, v->definition_version) &&
		       int_or_0(q, 5) == (v->respondents > 0 ? v->respondents : 0) &&
		       int_or_0(q, 6) == (v->min_respondents > 0 ? v->min_respondents : 0);
		old_import = sqlite3_column_int64(q, 4);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ivp__sq_fail(s);
	if (rc == SQLITE_ROW && old_import == import_id) {
		*result = same ? IVP__PUT_DUP_SAME : IVP__PUT_DUP_DIFF;
		return 0;
	}
	if (rc == SQLITE_ROW && same) {
		*result = IVP__PUT_SAME;
		return 0;
	}
	*result = rc == SQLITE_ROW ? IVP__PUT_CHANGED : IVP__PUT_NEW;
	q = stmt(s, rc == SQLITE_ROW ? P_VALUE_UPD : P_VALUE_INS);
	if (!q)
		return -1;
	bind_value(q, v, import_id);
	return ivp__sq_done(s, q);
}

static int pl_values_get(ivp__store *st, const char *key, const char *area,
			 ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, P_VALUES);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, key);
	ivp__sq_bind_text(q, 2, area);
	return ivp__sq_rows(s, q, cb, ud);
}

static int pl_area_values(ivp__store *st, const char *area, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, P_AREA_VALUES);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, area);
	return ivp__sq_rows(s, q, cb, ud);
}

static int pl_value_key_exists(ivp__store *st, const char *key, int *exists)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, P_VALUE_KEY);
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, key);
	rc = sqlite3_step(q);
	*exists = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 0 : ivp__sq_fail(s);
}

static void pl_close(ivp__store *st)
{
	sq_store *s = SQ(st);
	plan_cache *c = s->plan;
	int i;

	if (!c)
		return;
	for (i = 0; i < P_COUNT; i++)
		sqlite3_finalize(c->st[i]);
	free(c);
	s->plan = NULL;
}

const ivp__plan_ops ivp__sqlite_plan_ops = {
	.version_add = pl_version_add,
	.version_get = pl_version_get,
	.versions_list = pl_versions_list,
	.latest_each = pl_latest_each,
	.first_municipality = pl_first_municipality,
	.value_put = pl_value_put,
	.values_get = pl_values_get,
	.area_values = pl_area_values,
	.value_key_exists = pl_value_key_exists,
	.close = pl_close,
};
