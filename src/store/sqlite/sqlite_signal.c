/*
 * sqlite_signal.c — the SQLite side of signal_store.h: the signals
 * register of the ondermijningsoverleg (tables sig_signal, sig_status,
 * sig_meeting, sig_agenda, sig_weighing of migration 13). Statements are
 * prepared per call and finalized after it, like sqlite_particip.c: a
 * consultation holds hundreds of signals, read one page at a time. The
 * sealed fields (*_x) are opaque text here.
 *
 * Many municipalities (docs/tenancy.md): every read and write of a signal
 * or meeting keeps to the connection's scope (ivp_tenant_ok(municipality),
 * sqlite_store.c), a new one takes ivp_tenant_default(), and the status
 * history, agenda and weighing are reached only through a visible signal
 * or meeting. Signal numbers stay unique across the deployment (sig_last
 * looks at every signal), so two municipalities never share an id.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/signal_store.h"
#include "store/sqlite/sqlite_int.h"

/* A one-shot statement with text parameters p[0..n) (NULL binds NULL). */
static sqlite3_stmt *prep(sq_store *s, const char *sql, const char *const *p, int n)
{
	sqlite3_stmt *q = ivp__sq_prepare(s, sql);
	int i;

	if (q)
		for (i = 0; i < n; i++)
			ivp__sq_bind_text(q, i + 1, p[i]);
	return q;
}

/* 0: a row of sql (?1 = key) exists, 1: none, -1 failure */
static int exists(sq_store *s, const char *sql, const char *key)
{
	sqlite3_stmt *q = prep(s, sql, &key, 1);
	int rc;

	if (!q)
		return -1;
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return ivp__sq_fail(s);
}

/* Run a one-shot write; *changed the rows it changed (may be NULL). */
static int run(sq_store *s, sqlite3_stmt *q, int *changed)
{
	if (!q)
		return -1;
	if (ivp__sq_done_finalize(s, q))
		return -1;
	if (changed)
		*changed = sqlite3_changes(s->db);
	return 0;
}

static int rows_of(sq_store *s, sqlite3_stmt *q, ivp__row_cb cb, void *ud)
{
	int rc;

	if (!q)
		return -1;
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

static int history_add(sq_store *s, const char *id, const char *status, const char *by, const char *at)
{
	const char *p[] = { id, status, by, at };

	return run(s,
		   prep(s,
			"INSERT INTO sig_status(signal, seq, status, by_user, at) VALUES (?1, "
			"(SELECT COALESCE(MAX(seq), 0) + 1 FROM sig_status WHERE signal=?1), ?2, ?3, ?4)",
			p, 4),
		   NULL);
}

static int sig_put(ivp__store *st, const ivp__sig_rec *r, int *dup)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int rc, found;

	*dup = 0;
	q = prep(s, "SELECT import_id, ivp_tenant_ok(municipality) FROM sig_signal WHERE id=?1", &r->id, 1);
	if (!q)
		return -1;
	rc = sqlite3_step(q);
	found = rc == SQLITE_ROW;
	if (found && !sqlite3_column_int(q, 1)) {
		sqlite3_finalize(q);
		return ivp__sq_failf(s, "signal %s belongs to another municipality", r->id);
	}
	if (found)
		*dup = r->import_id > 0 && sqlite3_column_type(q, 0) != SQLITE_NULL &&
		       sqlite3_column_int64(q, 0) == r->import_id;
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ivp__sq_fail(s);
	if (*dup)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO sig_signal(id, received, source, phenomenon, buurt, wijk, address_x, "
			       "description_x, persons_x, companies_x, status, intake, created_at, updated_at, "
			       "import_id, municipality) "
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13,?14,ivp_tenant_default()) "
			       "ON CONFLICT(id) DO UPDATE SET received=excluded.received, source=excluded.source, "
			       "phenomenon=excluded.phenomenon, buurt=excluded.buurt, wijk=excluded.wijk, "
			       "address_x=excluded.address_x, description_x=excluded.description_x, "
			       "persons_x=excluded.persons_x, companies_x=excluded.companies_x, "
			       "updated_at=excluded.updated_at, import_id=excluded.import_id "
			       "WHERE ivp_tenant_ok(sig_signal.municipality)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, r->id);
	ivp__sq_bind_text(q, 2, r->received);
	ivp__sq_bind_text(q, 3, r->source);
	ivp__sq_bind_text(q, 4, r->phenomenon);
	ivp__sq_bind_text(q, 5, r->buurt);
	ivp__sq_bind_text(q, 6, r->wijk);
	ivp__sq_bind_text(q, 7, r->address_x);
	ivp__sq_bind_text(q, 8, r->description_x);
	ivp__sq_bind_text(q, 9, r->persons_x);
	ivp__sq_bind_text(q, 10, r->companies_x);
	ivp__sq_bind_text(q, 11, r->status ? r->status : "received");
	ivp__sq_bind_text(q, 12, r->intake);
	ivp__sq_bind_text(q, 13, r->at);
	if (r->import_id > 0)
		sqlite3_bind_int64(q, 14, r->import_id);
	if (run(s, q, NULL))
		return -1;
	return found ? 0 : history_add(s, r->id, r->status ? r->status : "received", r->intake, r->at);
}

static int sig_last(ivp__store *st, int year, int64_t *n)
{
	sq_store *s = SQ(st);
	char pat[32];
	const char *p = pat;
	sqlite3_stmt *q;
	int rc;

	/* every signal, whatever its municipality: ids are the deployment's */
	snprintf(pat, sizeof(pat), "S-%04d-", year);
	q = prep(s,
		 "SELECT COALESCE(MAX(CAST(substr(id, length(?1) + 1) AS INTEGER)), 0) FROM sig_signal "
		 "WHERE substr(id, 1, length(?1)) = ?1",
		 &p, 1);
	if (!q)
		return -1;
	rc = sqlite3_step(q);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : ivp__sq_fail(s);
}

/* counts the rows it passes on, for "not found" */
typedef struct counted {
	ivp__row_cb cb;
	void *ud;
	int n;
} counted;

static int count_cb(void *ud, const char *const *cols, int n)
{
	counted *c = ud;

	c->n++;
	return c->cb(c->ud, cols, n);
}

static int sig_rows(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	counted c = { cb, ud, 0 };
	int rc;

	rc = rows_of(s,
		     prep(s,
			  "SELECT g.id, g.received, g.source, g.phenomenon, g.buurt, g.wijk, g.address_x, "
			  "g.description_x, g.persons_x, g.companies_x, g.status, g.intake, g.handler, "
			  "g.created_at, g.updated_at, w.outcome FROM sig_signal g "
			  "LEFT JOIN sig_weighing w ON w.signal=g.id WHERE (?1 IS NULL OR g.id=?1) "
			  "AND ivp_tenant_ok(g.municipality) ORDER BY g.id",
			  &id, 1),
		     count_cb, &c);
	if (rc)
		return rc;
	return id && !c.n ? 1 : 0;
}

static int sig_weighings(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);

	return rows_of(s,
		       prep(s,
			    "SELECT w.signal, w.date, w.meeting, w.concrete, w.recent, w.pattern, w.outcome, "
			    "w.department, w.checks_x, w.followup, w.result_x, w.weighed_by, w.at FROM sig_weighing w "
			    "JOIN sig_signal g ON g.id=w.signal WHERE (?1 IS NULL OR w.signal=?1) "
			    "AND ivp_tenant_ok(g.municipality) ORDER BY w.signal",
			    &id, 1),
		       cb, ud);
}

static int sig_status(ivp__store *st, const char *id, const char *status, const char *by, const char *at)
{
	sq_store *s = SQ(st);
	const char *p[] = { id, status, at };
	int changed;

	if (run(s, prep(s, "UPDATE sig_signal SET status=?2, updated_at=?3 WHERE id=?1 AND ivp_tenant_ok(municipality)", p, 3), &changed))
		return -1;
	if (!changed)
		return 1;
	return history_add(s, id, status, by, at);
}

static int sig_history(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);

	return rows_of(s, prep(s, "SELECT seq, status, by_user, at FROM sig_status WHERE signal=?1 AND EXISTS "
				  "(SELECT 1 FROM sig_signal g WHERE g.id=?1 AND ivp_tenant_ok(g.municipality)) ORDER BY seq",
			       &id, 1),
		       cb, ud);
}

static int sig_handler(ivp__store *st, const char *id, const char *handler, const char *at)
{
	sq_store *s = SQ(st);
	const char *p[] = { id, handler, at };
	int changed;

	if (run(s, prep(s, "UPDATE sig_signal SET handler=?2, updated_at=?3 WHERE id=?1 AND ivp_tenant_ok(municipality)", p, 3), &changed))
		return -1;
	return changed ? 0 : 1;
}

static int sig_weigh(ivp__store *st, const ivp__sig_weighing *w)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r;

	if ((r = exists(s, "SELECT 1 FROM sig_signal WHERE id=?1 AND ivp_tenant_ok(municipality)", w->signal)))
		return r;
	if (w->meeting > 0) {
		q = ivp__sq_prepare(s, "SELECT 1 FROM sig_meeting WHERE id=?1 AND ivp_tenant_ok(municipality)");
		if (!q)
			return -1;
		sqlite3_bind_int64(q, 1, w->meeting);
		r = sqlite3_step(q);
		sqlite3_finalize(q);
		if (r == SQLITE_DONE)
			return 1;
		if (r != SQLITE_ROW)
			return ivp__sq_fail(s);
	}
	q = ivp__sq_prepare(s, "INSERT OR REPLACE INTO sig_weighing(signal, date, meeting, concrete, recent, pattern, "
			       "outcome, department, checks_x, followup, result_x, weighed_by, at) "
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, w->signal);
	ivp__sq_bind_text(q, 2, w->date);
	if (w->meeting > 0)
		sqlite3_bind_int64(q, 3, w->meeting);
	sqlite3_bind_int(q, 4, w->concrete ? 1 : 0);
	sqlite3_bind_int(q, 5, w->recent ? 1 : 0);
	sqlite3_bind_int(q, 6, w->pattern ? 1 : 0);
	ivp__sq_bind_text(q, 7, w->outcome);
	ivp__sq_bind_text(q, 8, w->department ? w->department : "");
	ivp__sq_bind_text(q, 9, w->checks_x);
	ivp__sq_bind_text(q, 10, w->followup);
	ivp__sq_bind_text(q, 11, w->result_x);
	ivp__sq_bind_text(q, 12, w->by);
	ivp__sq_bind_text(q, 13, w->at);
	return run(s, q, NULL);
}

static int sig_meeting_add(ivp__store *st, const char *date, const char *orgs, const char *by, int64_t *id)
{
	sq_store *s = SQ(st);
	const char *p[] = { date, orgs ? orgs : "", by };

	if (run(s, prep(s, "INSERT INTO sig_meeting(date, orgs, created_by, municipality) "
			   "VALUES (?1,?2,?3,ivp_tenant_default())",
			p, 3),
		NULL))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int sig_meetings(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);

	return rows_of(s,
		       prep(s,
			    "SELECT m.id, m.date, m.orgs, (SELECT COUNT(*) FROM sig_agenda a WHERE a.meeting=m.id) "
			    "FROM sig_meeting m WHERE ivp_tenant_ok(m.municipality) ORDER BY m.date, m.id",
			    NULL, 0),
		       cb, ud);
}

static int sig_agenda_add(ivp__store *st, int64_t meeting, const char *signal, int *dup)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r, changed;

	*dup = 0;
	if ((r = exists(s, "SELECT 1 FROM sig_signal WHERE id=?1 AND ivp_tenant_ok(municipality)", signal)))
		return r;
	q = ivp__sq_prepare(s, "SELECT 1 FROM sig_meeting WHERE id=?1 AND ivp_tenant_ok(municipality)");
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, meeting);
	r = sqlite3_step(q);
	sqlite3_finalize(q);
	if (r == SQLITE_DONE)
		return 1;
	if (r != SQLITE_ROW)
		return ivp__sq_fail(s);
	q = ivp__sq_prepare(s, "INSERT OR IGNORE INTO sig_agenda(meeting, signal) VALUES (?1,?2)");
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, meeting);
	ivp__sq_bind_text(q, 2, signal);
	if (run(s, q, &changed))
		return -1;
	*dup = !changed;
	return 0;
}

static int sig_agenda(ivp__store *st, int64_t meeting, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT a.meeting, m.date, a.signal FROM sig_agenda a "
					     "JOIN sig_meeting m ON m.id=a.meeting WHERE (?1 = 0 OR a.meeting=?1) "
					     "AND ivp_tenant_ok(m.municipality) "
					     "ORDER BY m.date, a.meeting, a.signal");

	if (q)
		sqlite3_bind_int64(q, 1, meeting);
	return rows_of(s, q, cb, ud);
}

static int sig_counts(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);

	return rows_of(s,
		       prep(s,
			    "SELECT g.phenomenon, w.outcome, substr(w.date, 1, 7) AS month, COALESCE(g.wijk, '') AS wk, "
			    "COUNT(*) FROM sig_weighing w JOIN sig_signal g ON g.id=w.signal "
			    "WHERE ivp_tenant_ok(g.municipality) GROUP BY g.phenomenon, w.outcome, month, wk ORDER BY g.phenomenon, w.outcome, month, wk",
			    NULL, 0),
		       cb, ud);
}

static int sig_weighed_by(ivp__store *st, const char *outcome, const char *until, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	const char *p[] = { outcome, until };

	return rows_of(s,
		       prep(s,
			    "SELECT w.signal, w.date FROM sig_weighing w JOIN sig_signal g ON g.id=w.signal "
			    "WHERE w.outcome=?1 AND w.date <= ?2 AND ivp_tenant_ok(g.municipality) "
			    "ORDER BY w.date, w.signal",
			    p, 2),
		       cb, ud);
}

static int sig_delete(ivp__store *st, const char *id)
{
	static const char *const sql[] = { "DELETE FROM sig_agenda WHERE signal=?1",
					   "DELETE FROM sig_weighing WHERE signal=?1",
					   "DELETE FROM sig_status WHERE signal=?1",
					   "DELETE FROM sig_signal WHERE id=?1" };
	sq_store *s = SQ(st);
	int i, changed = 0, r;

	/* the children only of a signal this scope sees */
	if ((r = exists(s, "SELECT 1 FROM sig_signal WHERE id=?1 AND ivp_tenant_ok(municipality)", id)))
		return r;
	for (i = 0; i < 4; i++)
		if (run(s, prep(s, sql[i], &id, 1), &changed))
			return -1;
	return changed ? 0 : 1;
}

const ivp__signal_ops ivp__sqlite_signal_ops = {
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
