/*
 * sqlite_particip.c — the SQLite side of particip_store.h: the
 * participation trajectory (tables pt_trajectory, pt_activity, pt_input,
 * pt_input_theme of migration 10), the safety themes (pt_theme) and the
 * priority matrix's entries (pt_entry). Statements are prepared per call
 * and finalized after it, like sqlite_group.c: a trajectory has tens of
 * activities and hundreds of inputs, read once per page.
 *
 * Many municipalities (docs/tenancy.md): trajectories, matrix entries,
 * evaluations and own themes are read and written only within the
 * connection's scope (ivp_tenant_ok(municipality), sqlite_store.c), new
 * ones take ivp_tenant_default(); the shared list of themes ('') is
 * everyone's to read; activities, inputs and their themes are reached only
 * through a trajectory of the scope. Their keys stay unique across the
 * deployment: a write whose key another municipality holds changes nothing
 * and fails (upsert_done).
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/particip_store.h"
#include "store/sqlite/sqlite_int.h"

/* The import that wrote the row `sql` (?1, ?2, ?3: p1..p3) finds: *dup = 1
 * when it is import_id (a key given twice in one file). 0 or -1. */
static int dup_of(sq_store *s, const char *sql, const char *p1, const char *p2, const char *p3,
		  int64_t import_id, int *dup)
{
	sqlite3_stmt *q = ivp__sq_prepare(s, sql);
	int rc;

	*dup = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, p1);
	if (p2)
		ivp__sq_bind_text(q, 2, p2);
	if (p3)
		ivp__sq_bind_text(q, 3, p3);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*dup = import_id > 0 && sqlite3_column_type(q, 0) != SQLITE_NULL &&
		       sqlite3_column_int64(q, 0) == import_id;
	else if (rc != SQLITE_DONE) {
		ivp__sq_fail(s);
		sqlite3_finalize(q);
		return -1;
	}
	sqlite3_finalize(q);
	return 0;
}

/* 0: the row exists, 1: it does not, -1 failure */
static int exists(sq_store *s, const char *sql, const char *p1)
{
	sqlite3_stmt *q = ivp__sq_prepare(s, sql);
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, p1);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return ivp__sq_fail(s);
}

/* Step an upsert whose DO UPDATE keeps to the scope: no row changed means
 * the key is another municipality's. 0 or -1. */
static int upsert_done(sq_store *s, sqlite3_stmt *q, const char *what, const char *key)
{
	if (ivp__sq_done_finalize(s, q))
		return -1;
	if (!sqlite3_changes(s->db))
		return ivp__sq_failf(s, "%s %s belongs to another municipality", what, key);
	return 0;
}

static void bind_import(sqlite3_stmt *q, int i, int64_t import_id)
{
	if (import_id > 0)
		sqlite3_bind_int64(q, i, import_id);
}

static int theme_put(ivp__store *st, const ivp__pt_theme *t, int *dup)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;

	if (dup_of(s, "SELECT import_id FROM pt_theme WHERE key=?1", t->key, NULL, NULL, t->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO pt_theme(key, title, field, own, import_id, municipality) "
			       "VALUES (?1,?2,?3,1,?4,ivp_tenant_default()) "
			       "ON CONFLICT(key) DO UPDATE SET title=excluded.title, field=excluded.field, "
			       "import_id=excluded.import_id WHERE ivp_tenant_ok(pt_theme.municipality)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, t->key);
	ivp__sq_bind_text(q, 2, t->title);
	sqlite3_bind_int(q, 3, t->field);
	bind_import(q, 4, t->import_id);
	return upsert_done(s, q, "theme", t->key);
}

/* A one-shot query with up to one text parameter, its rows to cb. */
static int rows1(sq_store *s, const char *sql, const char *p1, ivp__row_cb cb, void *ud)
{
	sqlite3_stmt *q = ivp__sq_prepare(s, sql);
	int rc;

	if (!q)
		return -1;
	if (p1)
		ivp__sq_bind_text(q, 1, p1);
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

static int themes_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st), "SELECT key, title, field, own FROM pt_theme WHERE municipality = '' OR ivp_tenant_ok(municipality) "
			     "ORDER BY field, key",
		     NULL, cb, ud);
}

static int trajectory_put(ivp__store *st, const ivp__pt_trajectory *t, int *dup)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;

	if (dup_of(s, "SELECT import_id FROM pt_trajectory WHERE id=?1", t->id, NULL, NULL, t->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO pt_trajectory(id, plan_id, title, aims, illustration, import_id, municipality) "
			       "VALUES (?1,?2,?3,?4,?5,?6,ivp_tenant_default()) ON CONFLICT(id) DO UPDATE SET "
			       "plan_id=excluded.plan_id, title=excluded.title, aims=excluded.aims, "
			       "illustration=excluded.illustration, import_id=excluded.import_id "
			       "WHERE ivp_tenant_ok(pt_trajectory.municipality)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, t->id);
	ivp__sq_bind_text(q, 2, t->plan_id ? t->plan_id : "");
	ivp__sq_bind_text(q, 3, t->title);
	ivp__sq_bind_text(q, 4, t->aims ? t->aims : "");
	sqlite3_bind_int(q, 5, t->illustration ? 1 : 0);
	bind_import(q, 6, t->import_id);
	return upsert_done(s, q, "trajectory", t->id);
}

static int trajectories_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st),
		     "SELECT t.id, t.plan_id, t.title, t.aims, t.illustration, "
		     "(SELECT COUNT(*) FROM pt_activity a WHERE a.trajectory=t.id), "
		     "(SELECT COUNT(*) FROM pt_input i JOIN pt_activity a ON a.id=i.activity WHERE a.trajectory=t.id) "
		     "FROM pt_trajectory t WHERE ivp_tenant_ok(t.municipality) ORDER BY t.id",
		     NULL, cb, ud);
}

static int activity_put(ivp__store *st, const ivp__pt_activity *a, int *dup)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r;

	*dup = 0;
	if ((r = exists(s, "SELECT 1 FROM pt_trajectory WHERE id=?1 AND ivp_tenant_ok(municipality)", a->trajectory)))
		return r;
	if (dup_of(s, "SELECT import_id FROM pt_activity WHERE id=?1", a->id, NULL, NULL, a->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO pt_activity(id, trajectory, kind, date, place, wijk, organisations, "
			       "participants, report, illustration, import_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11) "
			       "ON CONFLICT(id) DO UPDATE SET trajectory=excluded.trajectory, kind=excluded.kind, "
			       "date=excluded.date, place=excluded.place, wijk=excluded.wijk, "
			       "organisations=excluded.organisations, participants=excluded.participants, "
			       "report=excluded.report, illustration=excluded.illustration, import_id=excluded.import_id "
			       "WHERE EXISTS (SELECT 1 FROM pt_trajectory p WHERE p.id=pt_activity.trajectory "
			       "AND ivp_tenant_ok(p.municipality))");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, a->id);
	ivp__sq_bind_text(q, 2, a->trajectory);
	ivp__sq_bind_text(q, 3, a->kind);
	ivp__sq_bind_text(q, 4, a->date);
	ivp__sq_bind_text(q, 5, a->place ? a->place : "");
	ivp__sq_bind_text(q, 6, a->wijk);
	ivp__sq_bind_text(q, 7, a->organisations ? a->organisations : "");
	if (a->participants >= 0)
		sqlite3_bind_int64(q, 8, a->participants);
	ivp__sq_bind_text(q, 9, a->report ? a->report : "");
	sqlite3_bind_int(q, 10, a->illustration ? 1 : 0);
	bind_import(q, 11, a->import_id);
	return upsert_done(s, q, "activity", a->id);
}

static int activities_list(ivp__store *st, const char *trajectory, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st),
		     "SELECT a.id, a.kind, a.date, a.place, a.wijk, a.organisations, a.participants, a.report, "
		     "a.illustration, (SELECT COUNT(*) FROM pt_input i WHERE i.activity=a.id) "
		     "FROM pt_activity a JOIN pt_trajectory p ON p.id=a.trajectory "
		     "WHERE a.trajectory=?1 AND ivp_tenant_ok(p.municipality) ORDER BY a.date, a.id",
		     trajectory, cb, ud);
}

static int input_put(ivp__store *st, const ivp__pt_input *in, const char *const *themes, int n, int *dup)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int i, r;

	*dup = 0;
	if ((r = exists(s,
			"SELECT 1 FROM pt_activity a JOIN pt_trajectory p ON p.id=a.trajectory "
			"WHERE a.id=?1 AND ivp_tenant_ok(p.municipality)",
			in->activity)))
		return r;
	for (i = 0; i < n; i++)
		if ((r = exists(s, "SELECT 1 FROM pt_theme WHERE key=?1 AND (municipality = '' OR ivp_tenant_ok(municipality))", themes[i])))
			return r;
	if (dup_of(s, "SELECT import_id FROM pt_input WHERE activity=?1 AND ref=?2", in->activity, in->ref, NULL,
		   in->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO pt_input(activity, ref, statement, wijk, route, target, reason, import_id) "
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT(activity, ref) DO UPDATE SET "
			       "statement=excluded.statement, wijk=excluded.wijk, route=excluded.route, "
			       "target=excluded.target, reason=excluded.reason, import_id=excluded.import_id");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, in->activity);
	ivp__sq_bind_text(q, 2, in->ref);
	ivp__sq_bind_text(q, 3, in->statement);
	ivp__sq_bind_text(q, 4, in->wijk);
	ivp__sq_bind_text(q, 5, in->route ? in->route : "");
	ivp__sq_bind_text(q, 6, in->target ? in->target : "");
	ivp__sq_bind_text(q, 7, in->reason ? in->reason : "");
	bind_import(q, 8, in->import_id);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	q = ivp__sq_prepare(s, "DELETE FROM pt_input_theme WHERE activity=?1 AND ref=?2");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, in->activity);
	ivp__sq_bind_text(q, 2, in->ref);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	for (i = 0; i < n; i++) {
		q = ivp__sq_prepare(s, "INSERT OR IGNORE INTO pt_input_theme(activity, ref, theme) VALUES (?1,?2,?3)");
		if (!q)
			return -1;
		ivp__sq_bind_text(q, 1, in->activity);
		ivp__sq_bind_text(q, 2, in->ref);
		ivp__sq_bind_text(q, 3, themes[i]);
		if (ivp__sq_done_finalize(s, q))
			return -1;
	}
	return 0;
}

static int inputs_list(ivp__store *st, const char *trajectory, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st),
		     "SELECT i.activity, i.ref, i.statement, "
		     "(SELECT group_concat(theme, ',') FROM (SELECT t.theme FROM pt_input_theme t "
		     "WHERE t.activity=i.activity AND t.ref=i.ref ORDER BY t.theme)), "
		     "COALESCE(i.wijk, a.wijk, ''), i.route, i.target, i.reason, a.kind "
		     "FROM pt_input i JOIN pt_activity a ON a.id=i.activity JOIN pt_trajectory p ON p.id=a.trajectory "
		     "WHERE a.trajectory=?1 AND ivp_tenant_ok(p.municipality) ORDER BY a.date, a.id, i.ref",
		     trajectory, cb, ud);
}

static int theme_counts(ivp__store *st, const char *trajectory, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st),
		     "SELECT t.theme, COALESCE(i.wijk, a.wijk, ''), a.kind, i.route, i.target, COUNT(*) "
		     "FROM pt_input_theme t JOIN pt_input i ON i.activity=t.activity AND i.ref=t.ref "
		     "JOIN pt_activity a ON a.id=i.activity JOIN pt_trajectory p ON p.id=a.trajectory "
		     "WHERE a.trajectory=?1 AND ivp_tenant_ok(p.municipality) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
		     trajectory, cb, ud);
}

static int entry_put(ivp__store *st, const ivp__pt_entry *e, int *dup)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r;

	*dup = 0;
	if (e->theme[0] && (r = exists(s, "SELECT 1 FROM pt_theme WHERE key=?1 AND (municipality = '' OR ivp_tenant_ok(municipality))", e->theme)))
		return r;
	/* the key is per municipality (migration 20): the row of ivp_tenant_key() */
	if (dup_of(s, "SELECT import_id FROM pt_entry WHERE municipality=ivp_tenant_key() AND kind=?1 AND theme=?2 "
		      "AND criterion=?3",
		   e->kind, e->theme, e->criterion, e->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO pt_entry(kind, theme, criterion, value, text, text2, import_id, municipality) "
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,ivp_tenant_key()) ON CONFLICT(municipality, kind, theme, criterion) "
			       "DO UPDATE SET value=excluded.value, text=excluded.text, text2=excluded.text2, "
			       "import_id=excluded.import_id WHERE ivp_tenant_ok(pt_entry.municipality)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, e->kind);
	ivp__sq_bind_text(q, 2, e->theme);
	ivp__sq_bind_text(q, 3, e->criterion);
	sqlite3_bind_double(q, 4, e->value);
	ivp__sq_bind_text(q, 5, e->text ? e->text : "");
	ivp__sq_bind_text(q, 6, e->text2 ? e->text2 : "");
	bind_import(q, 7, e->import_id);
	return upsert_done(s, q, "matrix entry", e->criterion);
}

static int entries_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st),
		     "SELECT kind, theme, criterion, value, text, text2 FROM pt_entry WHERE ivp_tenant_ok(municipality) "
		     "ORDER BY kind, theme, criterion",
		     NULL, cb, ud);
}

static void bind_real(sqlite3_stmt *q, int i, double v)
{
	if (!isnan(v))
		sqlite3_bind_double(q, i, v);
}

static int eval_put(ivp__store *st, const ivp__pt_eval *e, int *dup)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r;

	*dup = 0;
	if (e->theme && (r = exists(s, "SELECT 1 FROM pt_theme WHERE key=?1 AND (municipality = '' OR ivp_tenant_ok(municipality))", e->theme)))
		return r;
	if (dup_of(s, "SELECT import_id FROM pt_eval WHERE plan=?1 AND kind=?2 AND id=?3", e->plan, e->kind, e->id,
		   e->import_id, dup))
		return -1;
	if (*dup)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO pt_eval(plan, kind, id, priority, theme, title, direction, unit, baseline, "
			       "target, result, margin, budget, spent, done, text, illustration, import_id, municipality) "
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
			       "ivp_tenant_default()) "
			       "ON CONFLICT(plan, kind, id) DO UPDATE SET priority=excluded.priority, theme=excluded.theme, "
			       "title=excluded.title, direction=excluded.direction, unit=excluded.unit, "
			       "baseline=excluded.baseline, target=excluded.target, result=excluded.result, "
			       "margin=excluded.margin, budget=excluded.budget, spent=excluded.spent, done=excluded.done, "
			       "text=excluded.text, illustration=excluded.illustration, import_id=excluded.import_id "
			       "WHERE ivp_tenant_ok(pt_eval.municipality)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, e->plan);
	ivp__sq_bind_text(q, 2, e->kind);
	ivp__sq_bind_text(q, 3, e->id);
	ivp__sq_bind_text(q, 4, e->priority ? e->priority : "");
	ivp__sq_bind_text(q, 5, e->theme);
	ivp__sq_bind_text(q, 6, e->title ? e->title : "");
	ivp__sq_bind_text(q, 7, e->direction ? e->direction : "");
	ivp__sq_bind_text(q, 8, e->unit ? e->unit : "");
	bind_real(q, 9, e->baseline);
	bind_real(q, 10, e->target);
	bind_real(q, 11, e->result);
	bind_real(q, 12, e->margin);
	bind_real(q, 13, e->budget);
	bind_real(q, 14, e->spent);
	if (e->done >= 0)
		sqlite3_bind_int(q, 15, e->done ? 1 : 0);
	ivp__sq_bind_text(q, 16, e->text ? e->text : "");
	sqlite3_bind_int(q, 17, e->illustration ? 1 : 0);
	bind_import(q, 18, e->import_id);
	return upsert_done(s, q, "evaluation", e->id);
}

static int evals_list(ivp__store *st, const char *plan, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT kind, id, priority, theme, title, direction, unit, baseline, "
					     "target, result, margin, budget, spent, done, text, illustration FROM pt_eval "
					     "WHERE (?1 IS NULL OR plan=?1) AND ivp_tenant_ok(municipality) ORDER BY CASE kind WHEN 'goal' THEN 0 WHEN 'measure' THEN 1 ELSE 2 END, priority, id");
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, plan);
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

static int eval_plans(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT DISTINCT plan FROM pt_eval WHERE ivp_tenant_ok(municipality) ORDER BY plan");
	int rc;

	if (!q)
		return -1;
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

const ivp__particip_ops ivp__sqlite_particip_ops = {
	.theme_put = theme_put,
	.themes_list = themes_list,
	.trajectory_put = trajectory_put,
	.trajectories_list = trajectories_list,
	.activity_put = activity_put,
	.activities_list = activities_list,
	.input_put = input_put,
	.inputs_list = inputs_list,
	.theme_counts = theme_counts,
	.entry_put = entry_put,
	.entries_list = entries_list,
	.eval_put = eval_put,
	.evals_list = evals_list,
	.eval_plans = eval_plans,
};
