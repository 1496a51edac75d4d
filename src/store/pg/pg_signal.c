/*
 * pg_signal.c — the PostgreSQL side of signal_store.h: the signals
 * register of the ondermijningsoverleg (tables sig_signal, sig_status,
 * sig_meeting, sig_agenda, sig_weighing of migration 13), the same
 * semantics as store/sqlite/sqlite_signal.c. The sealed fields (*_x) are
 * opaque text here.
 *
 * Many municipalities (docs/tenancy.md): the queries keep to the
 * connection's scope themselves (ivp_tenant_ok(municipality), new rows
 * ivp_tenant_default()), as the SQLite engine's do, so the wall holds when
 * ivp runs as the tables' owner or a superuser too; the row-level security
 * policies of migration 17 are the second wall. Children only through a
 * visible signal or meeting. Signal numbers (sig_last) are the deployment's.
 */
#include <stdio.h>
#include <string.h>

#include "store/pg/pg_int.h"
#include "store/signal_store.h"

/* 0: a row of sql ($1 = key) exists, 1: none, -1 failure */
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

static const char *const signal_exists = "SELECT 1 FROM sig_signal WHERE id=$1 AND ivp_tenant_ok(municipality)";
static const char *const meeting_exists =
	"SELECT 1 FROM sig_meeting WHERE id=$1::bigint AND ivp_tenant_ok(municipality)";

static int meeting_known(pg_store *s, int64_t id)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", (long long)id);
	return exists(s, meeting_exists, num);
}

static int history_add(pg_store *s, const char *id, const char *status, const char *by, const char *at)
{
	static const char *const sql =
		"INSERT INTO sig_status(signal, seq, status, by_user, at) VALUES ($1, "
		"(SELECT COALESCE(MAX(seq), 0) + 1 FROM sig_status WHERE signal=$1), $2, $3, $4)";
	pg_params p;

	pg_init(&p);
	pg_text(&p, id);
	pg_text(&p, status);
	pg_text(&p, by);
	pg_text(&p, at);
	return ivp__pg_exec(s, sql, &p, NULL);
}

static int sig_put(ivp__store *st, const ivp__sig_rec *r, int *dup)
{
	static const char *const find =
		"SELECT import_id, COALESCE(ivp_tenant_ok(municipality), false)::int FROM sig_signal WHERE id=$1";
	static const char *const sql =
		"INSERT INTO sig_signal(id, received, source, phenomenon, buurt, wijk, address_x, "
		"description_x, persons_x, companies_x, status, intake, created_at, updated_at, import_id, "
		"municipality) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13,$14,ivp_tenant_default()) "
		"ON CONFLICT(id) DO UPDATE SET received=excluded.received, source=excluded.source, "
		"phenomenon=excluded.phenomenon, buurt=excluded.buurt, wijk=excluded.wijk, "
		"address_x=excluded.address_x, description_x=excluded.description_x, "
		"persons_x=excluded.persons_x, companies_x=excluded.companies_x, "
		"updated_at=excluded.updated_at, import_id=excluded.import_id "
		"WHERE ivp_tenant_ok(sig_signal.municipality)";
	pg_store *s = PG(st);
	const char *status = r->status ? r->status : "received";
	pg_params p;
	PGresult *res;
	int found;

	*dup = 0;
	pg_init(&p);
	pg_text(&p, r->id);
	if (ivp__pg_query(s, find, &p, &res))
		return -1;
	found = PQntuples(res) > 0;
	if (found && !ivp__pg_int(res, 0, 1)) {
		PQclear(res);
		return ivp__pg_failf(s, "signal %s belongs to another municipality", r->id);
	}
	*dup = found && r->import_id > 0 && !PQgetisnull(res, 0, 0) && ivp__pg_int(res, 0, 0) == r->import_id;
	PQclear(res);
	if (*dup)
		return 0;
	pg_init(&p);
	pg_text(&p, r->id);
	pg_text(&p, r->received);
	pg_text(&p, r->source);
	pg_text(&p, r->phenomenon);
	pg_text(&p, r->buurt);
	pg_text(&p, r->wijk);
	pg_text(&p, r->address_x);
	pg_text(&p, r->description_x);
	pg_text(&p, r->persons_x);
	pg_text(&p, r->companies_x);
	pg_text(&p, status);
	pg_text(&p, r->intake);
	pg_text(&p, r->at);
	if (r->import_id > 0)
		pg_int(&p, r->import_id);
	else
		pg_null(&p);
	if (ivp__pg_exec(s, sql, &p, NULL))
		return -1;
	if (!found && history_add(s, r->id, status, r->intake, r->at))
		return -1;
	return ivp__pg_touched(s);
}

static int sig_last(ivp__store *st, int year, int64_t *n)
{
	static const char *const sql =
		"SELECT ivp_sig_last($1)"; /* migration 19: every signal, past the policies */
	pg_store *s = PG(st);
	char pat[32];
	pg_params p;
	PGresult *r;

	/* every signal, whatever its municipality: ids are the deployment's */
	snprintf(pat, sizeof(pat), "S-%04d-", year);
	pg_init(&p);
	pg_text(&p, pat);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	*n = ivp__pg_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int sig_rows(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT g.id, g.received, g.source, g.phenomenon, g.buurt, g.wijk, g.address_x, "
		"g.description_x, g.persons_x, g.companies_x, g.status, g.intake, g.handler, "
		"g.created_at, g.updated_at, w.outcome FROM sig_signal g "
		"LEFT JOIN sig_weighing w ON w.signal=g.id WHERE ($1::text IS NULL OR g.id=$1) "
		"AND ivp_tenant_ok(g.municipality) ORDER BY g.id";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;

	pg_init(&p);
	pg_text(&p, id);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	if (id && !PQntuples(r)) {
		PQclear(r);
		return 1;
	}
	return ivp__pg_rows(s, r, cb, ud);
}

static int sig_weighings(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT w.signal, w.date, w.meeting, w.concrete, w.recent, w.pattern, w.outcome, w.department, "
		"w.checks_x, w.followup, w.result_x, w.weighed_by, w.at FROM sig_weighing w "
		"JOIN sig_signal g ON g.id=w.signal WHERE ($1::text IS NULL OR w.signal=$1) "
		"AND ivp_tenant_ok(g.municipality) ORDER BY w.signal";
	pg_params p;

	pg_init(&p);
	pg_text(&p, id);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int sig_status(ivp__store *st, const char *id, const char *status, const char *by, const char *at)
{
	static const char *const sql = "UPDATE sig_signal SET status=$2, updated_at=$3 WHERE id=$1 AND ivp_tenant_ok(municipality)";
	pg_store *s = PG(st);
	pg_params p;
	int64_t changed = 0;

	pg_init(&p);
	pg_text(&p, id);
	pg_text(&p, status);
	pg_text(&p, at);
	if (ivp__pg_exec(s, sql, &p, &changed))
		return -1;
	if (!changed)
		return 1;
	if (history_add(s, id, status, by, at))
		return -1;
	return ivp__pg_touched(s);
}

static int sig_history(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT seq, status, by_user, at FROM sig_status WHERE signal=$1 AND EXISTS "
		"(SELECT 1 FROM sig_signal g WHERE g.id=$1 AND ivp_tenant_ok(g.municipality)) ORDER BY seq";
	pg_params p;

	pg_init(&p);
	pg_text(&p, id);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int sig_handler(ivp__store *st, const char *id, const char *handler, const char *at)
{
	static const char *const sql = "UPDATE sig_signal SET handler=$2, updated_at=$3 WHERE id=$1 AND ivp_tenant_ok(municipality)";
	pg_store *s = PG(st);
	pg_params p;
	int64_t changed = 0;

	pg_init(&p);
	pg_text(&p, id);
	pg_text(&p, handler);
	pg_text(&p, at);
	if (ivp__pg_exec(s, sql, &p, &changed))
		return -1;
	return changed ? ivp__pg_touched(s) : 1;
}

static int sig_weigh(ivp__store *st, const ivp__sig_weighing *w)
{
	static const char *const sql =
		"INSERT INTO sig_weighing(signal, date, meeting, concrete, recent, pattern, outcome, "
		"department, checks_x, followup, result_x, weighed_by, at) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT(signal) DO UPDATE SET "
		"date=excluded.date, meeting=excluded.meeting, concrete=excluded.concrete, "
		"recent=excluded.recent, pattern=excluded.pattern, outcome=excluded.outcome, "
		"department=excluded.department, checks_x=excluded.checks_x, followup=excluded.followup, "
		"result_x=excluded.result_x, weighed_by=excluded.weighed_by, at=excluded.at";
	pg_store *s = PG(st);
	pg_params p;
	int r;

	if ((r = exists(s, signal_exists, w->signal)))
		return r;
	if (w->meeting > 0 && (r = meeting_known(s, w->meeting)))
		return r;
	pg_init(&p);
	pg_text(&p, w->signal);
	pg_text(&p, w->date);
	if (w->meeting > 0)
		pg_int(&p, w->meeting);
	else
		pg_null(&p);
	pg_int(&p, w->concrete ? 1 : 0);
	pg_int(&p, w->recent ? 1 : 0);
	pg_int(&p, w->pattern ? 1 : 0);
	pg_text(&p, w->outcome);
	pg_text(&p, w->department ? w->department : "");
	pg_text(&p, w->checks_x);
	pg_text(&p, w->followup);
	pg_text(&p, w->result_x);
	pg_text(&p, w->by);
	pg_text(&p, w->at);
	return ivp__pg_exec(s, sql, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int sig_meeting_add(ivp__store *st, const char *date, const char *orgs, const char *by, int64_t *id)
{
	static const char *const sql =
		"INSERT INTO sig_meeting(date, orgs, created_by, municipality) "
		"VALUES ($1,$2,$3,ivp_tenant_default()) RETURNING id";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;

	pg_init(&p);
	pg_text(&p, date);
	pg_text(&p, orgs ? orgs : "");
	pg_text(&p, by);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	*id = ivp__pg_int(r, 0, 0);
	PQclear(r);
	return ivp__pg_touched(s);
}

static int sig_meetings(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT m.id, m.date, m.orgs, (SELECT COUNT(*) FROM sig_agenda a WHERE a.meeting=m.id) "
		"FROM sig_meeting m WHERE ivp_tenant_ok(m.municipality) ORDER BY m.date, m.id";
	pg_params p;

	pg_init(&p);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int sig_agenda_add(ivp__store *st, int64_t meeting, const char *signal, int *dup)
{
	static const char *const sql =
		"INSERT INTO sig_agenda(meeting, signal) VALUES ($1,$2) ON CONFLICT DO NOTHING";
	pg_store *s = PG(st);
	pg_params p;
	int64_t changed = 0;
	int r;

	*dup = 0;
	if ((r = exists(s, signal_exists, signal)) || (r = meeting_known(s, meeting)))
		return r;
	pg_init(&p);
	pg_int(&p, meeting);
	pg_text(&p, signal);
	if (ivp__pg_exec(s, sql, &p, &changed))
		return -1;
	*dup = !changed;
	return ivp__pg_touched(s);
}

static int sig_agenda(ivp__store *st, int64_t meeting, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT a.meeting, m.date, a.signal FROM sig_agenda a JOIN sig_meeting m ON m.id=a.meeting "
		"WHERE ($1::bigint = 0 OR a.meeting=$1::bigint) AND ivp_tenant_ok(m.municipality) "
		"ORDER BY m.date, a.meeting, a.signal";
	pg_params p;

	pg_init(&p);
	pg_int(&p, meeting);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int sig_counts(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT g.phenomenon, w.outcome, substr(w.date, 1, 7) AS month, COALESCE(g.wijk, '') AS wk, "
		"COUNT(*) FROM sig_weighing w JOIN sig_signal g ON g.id=w.signal "
		"WHERE ivp_tenant_ok(g.municipality) GROUP BY g.phenomenon, w.outcome, month, wk ORDER BY g.phenomenon, w.outcome, month, wk";
	pg_params p;

	pg_init(&p);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int sig_weighed_by(ivp__store *st, const char *outcome, const char *until, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT w.signal, w.date FROM sig_weighing w "
				       "JOIN sig_signal g ON g.id=w.signal WHERE w.outcome=$1 AND w.date <= $2 "
				       "AND ivp_tenant_ok(g.municipality) ORDER BY w.date, w.signal";
	pg_params p;

	pg_init(&p);
	pg_text(&p, outcome);
	pg_text(&p, until);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int sig_delete(ivp__store *st, const char *id)
{
	static const char *const sql[] = { "DELETE FROM sig_agenda WHERE signal=$1",
					   "DELETE FROM sig_weighing WHERE signal=$1",
					   "DELETE FROM sig_status WHERE signal=$1",
					   "DELETE FROM sig_signal WHERE id=$1" };
	pg_store *s = PG(st);
	int64_t changed = 0;
	int i, r;

	/* the children only of a signal this scope sees */
	if ((r = exists(s, signal_exists, id)))
		return r;
	for (i = 0; i < 4; i++) {
		pg_params p;

		pg_init(&p);
		pg_text(&p, id);
		if (ivp__pg_exec(s, sql[i], &p, &changed))
			return -1;
	}
	return changed ? ivp__pg_touched(s) : 1;
}

const ivp__signal_ops ivp__pg_signal_ops = {
	.put = sig_put,
	.last = sig_last,
	.rows = sig_rows,
	.weighings = sig_weighings,
	.status = sig_status,
	.history = sig_history,
	.handler = sig_handler,
	.weigh = sig_weigh,
	.meeting_add = sig_meeting_add,
	.meetings = sig_meetings,
	.agenda_add = sig_agenda_add,
	.agenda = sig_agenda,
	.counts = sig_counts,
	.weighed_by = sig_weighed_by,
	.del = sig_delete,
};
