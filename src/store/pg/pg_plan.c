/*
 * pg_plan.c — the PostgreSQL side of plan_store.h: plan versions and
 * locally registered values (tables of migration 2), and of
 * particip_store.h: the participation behind a plan, its themes, the
 * priority matrix and the evaluation of the previous plan (the pt_*
 * tables of migration 10), written the way README.md describes (one SQL
 * string per statement, pg_params, the helpers of pg_util.c). Reals that
 * rows hand out are formatted in SQL as SQLite gives a REAL as text
 * ("18.0", "2.5"), so that both engines' rows read the same.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg/pg_int.h"
#include "store/particip_store.h"
#include "store/plan_store.h"

static int pl_version_add(ivp__store *st, const ivp__plan_version *v, int64_t *version)
{
	static const char *const sql =
		"INSERT INTO plan_version(plan_id, kind, source, summary, created_by, created_at, doc, municipality) "
		"VALUES ($1,$2,$3,$4,$5,ivp_now(),$6,$7) RETURNING version";
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
	pg_text(&p, v->municipality);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	*version = ivp__pg_int(r, 0, 0);
	PQclear(r);
	return ivp__pg_touched(s);
}

static int pl_version_get(ivp__store *st, int64_t version, const char *municipality,
			  ivp__plan_version *out)
{
	static const char *const one = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc, municipality "
				       "FROM plan_version WHERE version=$1";
	static const char *const latest = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc, municipality "
					  "FROM plan_version ORDER BY version DESC LIMIT 1";
	static const char *const one_in = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc, municipality "
					  "FROM plan_version WHERE version=$1 AND municipality=$2";
	static const char *const latest_in = "SELECT version, plan_id, kind, source, summary, created_by, created_at, doc, municipality "
					     "FROM plan_version WHERE municipality=$1 ORDER BY version DESC LIMIT 1";
	pg_store *s = PG(st);
	int in = municipality && *municipality;
	pg_params p;
	PGresult *r;

	memset(out, 0, sizeof(*out));
	pg_init(&p);
	if (version)
		pg_int(&p, version);
	if (in)
		pg_text(&p, municipality);
	if (ivp__pg_query(s, version ? (in ? one_in : one) : (in ? latest_in : latest), &p, &r))
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
	ivp__pg_copy(r, 0, 8, out->municipality, sizeof(out->municipality));
	out->doc = strdup(PQgetvalue(r, 0, 7));
	PQclear(r);
	return out->doc ? 0 : ivp__pg_oom(s);
}

static int pl_versions_list(ivp__store *st, const char *municipality, ivp__row_cb cb, void *ud)
{
	static const char *const all = "SELECT version, plan_id, kind, source, summary, created_by, created_at "
				       "FROM plan_version ORDER BY version";
	static const char *const in = "SELECT version, plan_id, kind, source, summary, created_by, created_at "
				      "FROM plan_version WHERE municipality=$1 ORDER BY version";
	pg_params p;

	if (!municipality || !*municipality)
		return ivp__pg_query_rows(PG(st), all, NULL, cb, ud);
	pg_init(&p);
	pg_text(&p, municipality);
	return ivp__pg_query_rows(PG(st), in, &p, cb, ud);
}

static int pl_latest_each(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT DISTINCT ON (municipality) municipality, version, plan_id, created_at "
		"FROM plan_version WHERE municipality <> '' ORDER BY municipality, version DESC";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static int pl_first_municipality(ivp__store *st, char out[64])
{
	static const char *const sql = "SELECT municipality FROM plan_version WHERE municipality <> '' "
				       "ORDER BY version LIMIT 1";
	PGresult *r;
	int n;

	out[0] = '\0';
	if (ivp__pg_query(PG(st), sql, NULL, &r))
		return -1;
	n = PQntuples(r);
	if (n)
		ivp__pg_copy(r, 0, 0, out, 64);
	PQclear(r);
	return n ? 0 : 1;
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
	if (v->respondents > 0)
		pg_int(p, v->respondents);
	else
		pg_null(p);
	if (v->min_respondents > 0)
		pg_int(p, v->min_respondents);
	else
		pg_null(p);
}

/* The whole number of col, 0 for NULL (respondents: not known). */
static int64_t int_or_0(const PGresult *r, int col)
{
	return PQgetisnull(r, 0, col) ? 0 : ivp__pg_int(r, 0, col);
}

static int same_text(const PGresult *r, int col, const char *v)
{
	return PQgetisnull(r, 0, col) ? !v : v && !strcmp(PQgetvalue(r, 0, col), v);
}

static int pl_value_put(ivp__store *st, const ivp__local_value *v, int64_t import_id, int *result)
{
	static const char *const get = "SELECT value, margin, source, definition_version, import_id, respondents, min_respondents FROM local_value "
				       "WHERE key=$1 AND area=$2 AND year=$3 AND unit=$4";
	static const char *const ins =
		"INSERT INTO local_value(key, area, year, unit, value, margin, source, definition_version, name, import_id, respondents, min_respondents) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)";
	static const char *const upd =
		"UPDATE local_value SET value=$5, margin=$6, source=$7, definition_version=$8, name=$9, import_id=$10, respondents=$11, min_respondents=$12 "
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
		       same_text(r, 2, v->source) && same_text(r, 3, v->definition_version) &&
		       int_or_0(r, 5) == (v->respondents > 0 ? v->respondents : 0) &&
		       int_or_0(r, 6) == (v->min_respondents > 0 ? v->min_respondents : 0);
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
		"SELECT year, value, unit, margin, source, definition_version, import_id, name, respondents, min_respondents "
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
		"SELECT key, year, value, unit, margin, source, definition_version, import_id, name, respondents, min_respondents "
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
	.latest_each = pl_latest_each,
	.first_municipality = pl_first_municipality,
	.value_put = pl_value_put,
	.values_get = pl_values_get,
	.area_values = pl_area_values,
	.value_key_exists = pl_value_key_exists,
	.close = pl_close,
};

/* ---- participation, themes, the priority matrix, the evaluation (particip_store.h) ----
 *
 * Many municipalities (docs/tenancy.md): the queries keep to the scope
 * themselves (ivp_tenant_ok(municipality), new rows ivp_tenant_default()),
 * as sqlite_particip.c does, under the policies of migration 17: the
 * shared themes ('') for everyone, activities, inputs and their themes
 * through a trajectory of the scope; a write whose key another
 * municipality holds changes nothing and fails (upsert). */

/* a double precision column as SQLite's REAL text: a whole number with ".0" */
#define REAL_TEXT(c)                                                                                 \
	"(CASE WHEN " c "=trunc(" c ") AND abs(" c ")<1e15 THEN trunc(" c ")::bigint::text || '.0' " \
	"ELSE " c "::text END)"

/* The import that wrote the row `sql` ($1..$n: p1..p3, NULL ones left
 * out) finds: *dup = 1 when it is import_id (a key given twice in one
 * file). 0 or -1. */
static int dup_of(pg_store *s, const char *sql, const char *p1, const char *p2, const char *p3,
		  int64_t import_id, int *dup)
{
	pg_params p;
	PGresult *r;

	*dup = 0;
	pg_init(&p);
	pg_text(&p, p1);
	if (p2)
		pg_text(&p, p2);
	if (p3)
		pg_text(&p, p3);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	*dup = import_id > 0 && PQntuples(r) && !PQgetisnull(r, 0, 0) && ivp__pg_int(r, 0, 0) == import_id;
	PQclear(r);
	return 0;
}

/* 0: the row of key $1 exists, 1: it does not, -1 failure */
static int exists(pg_store *s, const char *sql, const char *key)
{
	pg_params p;
	PGresult *r;
	int n;

	pg_init(&p);
	pg_text(&p, key);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	n = PQntuples(r);
	PQclear(r);
	return n ? 0 : 1;
}

static const char *const theme_exists =
	"SELECT 1 FROM pt_theme WHERE key=$1 AND (municipality = '' OR ivp_tenant_ok(municipality))";

/* Run an upsert whose DO UPDATE keeps to the scope: no row changed means
 * the key is another municipality's. 0 or -1. */
static int upsert(pg_store *s, const char *sql, const pg_params *p, const char *what, const char *key)
{
	int64_t changed = 0;

	if (ivp__pg_exec(s, sql, p, &changed))
		return -1;
	if (!changed)
		return ivp__pg_failf(s, "%s %s belongs to another municipality", what, key);
	return ivp__pg_touched(s);
}

static void import_of(pg_params *p, int64_t import_id)
{
	if (import_id > 0)
		pg_int(p, import_id);
	else
		pg_null(p);
}

static void real_or_null(pg_params *p, double v)
{
	if (isnan(v))
		pg_null(p);
	else
		pg_real(p, v);
}

static int pt_theme_put(ivp__store *st, const ivp__pt_theme *t, int *dup)
{
	static const char *const find = "SELECT import_id FROM pt_theme WHERE key=$1";
	static const char *const sql = "INSERT INTO pt_theme(key, title, field, own, import_id, municipality) "
				       "VALUES ($1,$2,$3,1,$4,ivp_tenant_default()) "
				       "ON CONFLICT (key) DO UPDATE SET title=excluded.title, field=excluded.field, "
				       "import_id=excluded.import_id WHERE ivp_tenant_ok(pt_theme.municipality)";
	pg_store *s = PG(st);
	pg_params p;

	if (dup_of(s, find, t->key, NULL, NULL, t->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	pg_init(&p);
	pg_text(&p, t->key);
	pg_text(&p, t->title);
	pg_int(&p, t->field);
	import_of(&p, t->import_id);
	return upsert(s, sql, &p, "theme", t->key);
}

/* rows of a query with at most one parameter (NULL: none) */
static int rows1(pg_store *s, const char *sql, const char *p1, ivp__row_cb cb, void *ud)
{
	pg_params p;

	pg_init(&p);
	if (p1)
		pg_text(&p, p1);
	return ivp__pg_query_rows(s, sql, &p, cb, ud);
}

static int pt_themes_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT key, title, field, own FROM pt_theme "
				       "WHERE municipality = '' OR ivp_tenant_ok(municipality) ORDER BY field, key";

	return rows1(PG(st), sql, NULL, cb, ud);
}

static int pt_trajectory_put(ivp__store *st, const ivp__pt_trajectory *t, int *dup)
{
	static const char *const find = "SELECT import_id FROM pt_trajectory WHERE id=$1";
	static const char *const sql =
		"INSERT INTO pt_trajectory(id, plan_id, title, aims, illustration, import_id, municipality) "
		"VALUES ($1,$2,$3,$4,$5,$6,ivp_tenant_default()) ON CONFLICT (id) DO UPDATE SET "
		"plan_id=excluded.plan_id, title=excluded.title, aims=excluded.aims, "
		"illustration=excluded.illustration, import_id=excluded.import_id "
		"WHERE ivp_tenant_ok(pt_trajectory.municipality)";
	pg_store *s = PG(st);
	pg_params p;

	if (dup_of(s, find, t->id, NULL, NULL, t->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	pg_init(&p);
	pg_text(&p, t->id);
	pg_text(&p, t->plan_id ? t->plan_id : "");
	pg_text(&p, t->title);
	pg_text(&p, t->aims ? t->aims : "");
	pg_int(&p, t->illustration ? 1 : 0);
	import_of(&p, t->import_id);
	return upsert(s, sql, &p, "trajectory", t->id);
}

static int pt_trajectories_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT t.id, t.plan_id, t.title, t.aims, t.illustration, "
		"(SELECT COUNT(*) FROM pt_activity a WHERE a.trajectory=t.id), "
		"(SELECT COUNT(*) FROM pt_input i JOIN pt_activity a ON a.id=i.activity WHERE a.trajectory=t.id) "
		"FROM pt_trajectory t WHERE ivp_tenant_ok(t.municipality) ORDER BY t.id";

	return rows1(PG(st), sql, NULL, cb, ud);
}

static int pt_activity_put(ivp__store *st, const ivp__pt_activity *a, int *dup)
{
	static const char *const traj = "SELECT 1 FROM pt_trajectory WHERE id=$1 AND ivp_tenant_ok(municipality)";
	static const char *const find = "SELECT import_id FROM pt_activity WHERE id=$1";
	static const char *const sql =
		"INSERT INTO pt_activity(id, trajectory, kind, date, place, wijk, organisations, "
		"participants, report, illustration, import_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) "
		"ON CONFLICT (id) DO UPDATE SET trajectory=excluded.trajectory, kind=excluded.kind, "
		"date=excluded.date, place=excluded.place, wijk=excluded.wijk, "
		"organisations=excluded.organisations, participants=excluded.participants, "
		"report=excluded.report, illustration=excluded.illustration, import_id=excluded.import_id "
		"WHERE EXISTS (SELECT 1 FROM pt_trajectory p WHERE p.id=pt_activity.trajectory "
		"AND ivp_tenant_ok(p.municipality))";
	pg_store *s = PG(st);
	pg_params p;
	int r;

	*dup = 0;
	if ((r = exists(s, traj, a->trajectory)))
		return r;
	if (dup_of(s, find, a->id, NULL, NULL, a->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	pg_init(&p);
	pg_text(&p, a->id);
	pg_text(&p, a->trajectory);
	pg_text(&p, a->kind);
	pg_text(&p, a->date);
	pg_text(&p, a->place ? a->place : "");
	pg_text(&p, a->wijk);
	pg_text(&p, a->organisations ? a->organisations : "");
	if (a->participants >= 0)
		pg_int(&p, a->participants);
	else
		pg_null(&p);
	pg_text(&p, a->report ? a->report : "");
	pg_int(&p, a->illustration ? 1 : 0);
	import_of(&p, a->import_id);
	return upsert(s, sql, &p, "activity", a->id);
}

static int pt_activities_list(ivp__store *st, const char *trajectory, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT a.id, a.kind, a.date, a.place, a.wijk, a.organisations, a.participants, a.report, "
		"a.illustration, (SELECT COUNT(*) FROM pt_input i WHERE i.activity=a.id) "
		"FROM pt_activity a JOIN pt_trajectory p ON p.id=a.trajectory "
		"WHERE a.trajectory=$1 AND ivp_tenant_ok(p.municipality) ORDER BY a.date, a.id";

	return rows1(PG(st), sql, trajectory, cb, ud);
}

static int pt_input_put(ivp__store *st, const ivp__pt_input *in, const char *const *themes, int n, int *dup)
{
	static const char *const act = "SELECT 1 FROM pt_activity a JOIN pt_trajectory p ON p.id=a.trajectory "
				       "WHERE a.id=$1 AND ivp_tenant_ok(p.municipality)";
	static const char *const find = "SELECT import_id FROM pt_input WHERE activity=$1 AND ref=$2";
	static const char *const put =
		"INSERT INTO pt_input(activity, ref, statement, wijk, route, target, reason, import_id) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (activity, ref) DO UPDATE SET "
		"statement=excluded.statement, wijk=excluded.wijk, route=excluded.route, "
		"target=excluded.target, reason=excluded.reason, import_id=excluded.import_id";
	static const char *const clear = "DELETE FROM pt_input_theme WHERE activity=$1 AND ref=$2";
	static const char *const tag = "INSERT INTO pt_input_theme(activity, ref, theme) VALUES ($1,$2,$3) "
				       "ON CONFLICT DO NOTHING";
	pg_store *s = PG(st);
	pg_params p;
	int i, r;

	*dup = 0;
	if ((r = exists(s, act, in->activity)))
		return r;
	for (i = 0; i < n; i++)
		if ((r = exists(s, theme_exists, themes[i])))
			return r;
	if (dup_of(s, find, in->activity, in->ref, NULL, in->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	pg_init(&p);
	pg_text(&p, in->activity);
	pg_text(&p, in->ref);
	pg_text(&p, in->statement);
	pg_text(&p, in->wijk);
	pg_text(&p, in->route ? in->route : "");
	pg_text(&p, in->target ? in->target : "");
	pg_text(&p, in->reason ? in->reason : "");
	import_of(&p, in->import_id);
	if (ivp__pg_exec(s, put, &p, NULL))
		return -1;
	pg_init(&p);
	pg_text(&p, in->activity);
	pg_text(&p, in->ref);
	if (ivp__pg_exec(s, clear, &p, NULL))
		return -1;
	for (i = 0; i < n; i++) {
		pg_init(&p);
		pg_text(&p, in->activity);
		pg_text(&p, in->ref);
		pg_text(&p, themes[i]);
		if (ivp__pg_exec(s, tag, &p, NULL))
			return -1;
	}
	return ivp__pg_touched(s);
}

static int pt_inputs_list(ivp__store *st, const char *trajectory, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT i.activity, i.ref, i.statement, "
		"(SELECT string_agg(t.theme, ',' ORDER BY t.theme) FROM pt_input_theme t "
		"WHERE t.activity=i.activity AND t.ref=i.ref), "
		"COALESCE(i.wijk, a.wijk, ''), i.route, i.target, i.reason, a.kind "
		"FROM pt_input i JOIN pt_activity a ON a.id=i.activity JOIN pt_trajectory p ON p.id=a.trajectory "
		"WHERE a.trajectory=$1 AND ivp_tenant_ok(p.municipality) ORDER BY a.date, a.id, i.ref";

	return rows1(PG(st), sql, trajectory, cb, ud);
}

static int pt_theme_counts(ivp__store *st, const char *trajectory, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT t.theme, COALESCE(i.wijk, a.wijk, ''), a.kind, i.route, i.target, COUNT(*) "
		"FROM pt_input_theme t JOIN pt_input i ON i.activity=t.activity AND i.ref=t.ref "
		"JOIN pt_activity a ON a.id=i.activity JOIN pt_trajectory p ON p.id=a.trajectory "
		"WHERE a.trajectory=$1 AND ivp_tenant_ok(p.municipality) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5";

	return rows1(PG(st), sql, trajectory, cb, ud);
}

static int pt_entry_put(ivp__store *st, const ivp__pt_entry *e, int *dup)
{
	/* the key is per municipality (migration 20): the row of ivp_tenant_key() */
	static const char *const find = "SELECT import_id FROM pt_entry WHERE municipality=ivp_tenant_key() "
					"AND kind=$1 AND theme=$2 AND criterion=$3";
	static const char *const sql =
		"INSERT INTO pt_entry(kind, theme, criterion, value, text, text2, import_id, municipality) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,ivp_tenant_key()) ON CONFLICT (municipality, kind, theme, criterion) "
		"DO UPDATE SET value=excluded.value, text=excluded.text, text2=excluded.text2, "
		"import_id=excluded.import_id WHERE ivp_tenant_ok(pt_entry.municipality)";
	pg_store *s = PG(st);
	pg_params p;
	int r;

	*dup = 0;
	if (e->theme[0] && (r = exists(s, theme_exists, e->theme)))
		return r;
	if (dup_of(s, find, e->kind, e->theme, e->criterion, e->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	pg_init(&p);
	pg_text(&p, e->kind);
	pg_text(&p, e->theme);
	pg_text(&p, e->criterion);
	pg_real(&p, e->value);
	pg_text(&p, e->text ? e->text : "");
	pg_text(&p, e->text2 ? e->text2 : "");
	import_of(&p, e->import_id);
	return upsert(s, sql, &p, "matrix entry", e->criterion);
}

static int pt_entries_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT kind, theme, criterion, " REAL_TEXT("value") ", text, text2 "
											    "FROM pt_entry WHERE ivp_tenant_ok(municipality) ORDER BY kind, theme, criterion";

	return rows1(PG(st), sql, NULL, cb, ud);
}

static int pt_eval_put(ivp__store *st, const ivp__pt_eval *e, int *dup)
{
	static const char *const find = "SELECT import_id FROM pt_eval WHERE plan=$1 AND kind=$2 AND id=$3";
	static const char *const sql =
		"INSERT INTO pt_eval(plan, kind, id, priority, theme, title, direction, unit, baseline, "
		"target, result, margin, budget, spent, done, text, illustration, import_id, municipality) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,ivp_tenant_default()) "
		"ON CONFLICT (plan, kind, id) DO UPDATE SET priority=excluded.priority, theme=excluded.theme, "
		"title=excluded.title, direction=excluded.direction, unit=excluded.unit, "
		"baseline=excluded.baseline, target=excluded.target, result=excluded.result, "
		"margin=excluded.margin, budget=excluded.budget, spent=excluded.spent, done=excluded.done, "
		"text=excluded.text, illustration=excluded.illustration, import_id=excluded.import_id "
		"WHERE ivp_tenant_ok(pt_eval.municipality)";
	pg_store *s = PG(st);
	pg_params p;
	int r;

	*dup = 0;
	if (e->theme && (r = exists(s, theme_exists, e->theme)))
		return r;
	if (dup_of(s, find, e->plan, e->kind, e->id, e->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	pg_init(&p);
	pg_text(&p, e->plan);
	pg_text(&p, e->kind);
	pg_text(&p, e->id);
	pg_text(&p, e->priority ? e->priority : "");
	pg_text(&p, e->theme);
	pg_text(&p, e->title ? e->title : "");
	pg_text(&p, e->direction ? e->direction : "");
	pg_text(&p, e->unit ? e->unit : "");
	real_or_null(&p, e->baseline);
	real_or_null(&p, e->target);
	real_or_null(&p, e->result);
	real_or_null(&p, e->margin);
	real_or_null(&p, e->budget);
	real_or_null(&p, e->spent);
	if (e->done >= 0)
		pg_int(&p, e->done ? 1 : 0);
	else
		pg_null(&p);
	pg_text(&p, e->text ? e->text : "");
	pg_int(&p, e->illustration ? 1 : 0);
	import_of(&p, e->import_id);
	return upsert(s, sql, &p, "evaluation", e->id);
}

static int pt_evals_list(ivp__store *st, const char *plan, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT kind, id, priority, theme, title, direction, unit, " REAL_TEXT("baseline") ", " REAL_TEXT("target") ", " REAL_TEXT("result") ", " REAL_TEXT("margin") ", " REAL_TEXT("budget") ", " REAL_TEXT("spent") ", done, text, illustration FROM pt_eval "
																											       "WHERE ($1::text IS NULL OR plan=$1) AND ivp_tenant_ok(municipality) "
																											       "ORDER BY CASE kind WHEN 'goal' THEN 0 WHEN 'measure' THEN 1 ELSE 2 END, priority, id";
	pg_params p;

	pg_init(&p);
	pg_text(&p, plan);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int pt_eval_plans(ivp__store *st, ivp__row_cb cb, void *ud)
{
	pg_params p;

	pg_init(&p);
	return ivp__pg_query_rows(PG(st), "SELECT DISTINCT plan FROM pt_eval WHERE ivp_tenant_ok(municipality) ORDER BY plan", &p, cb, ud);
}

const ivp__particip_ops ivp__pg_particip_ops = {
	.theme_put = pt_theme_put,
	.themes_list = pt_themes_list,
	.trajectory_put = pt_trajectory_put,
	.trajectories_list = pt_trajectories_list,
	.activity_put = pt_activity_put,
	.activities_list = pt_activities_list,
	.input_put = pt_input_put,
	.inputs_list = pt_inputs_list,
	.theme_counts = pt_theme_counts,
	.entry_put = pt_entry_put,
	.entries_list = pt_entries_list,
	.eval_put = pt_eval_put,
	.evals_list = pt_evals_list,
	.eval_plans = pt_eval_plans,
};
