/*
 * sqlite_case.c — the SQLite side of case_store.h: the case register of
 * the Zorg- en Veiligheidshuis (tables zvh_case, zvh_case_org,
 * zvh_case_domain, zvh_case_entry of migration 14). Statements are
 * prepared per call and finalized after it, like sqlite_particip.c: a
 * register holds hundreds of cases, each read a few times a week. Sealed
 * columns (*_s) hold the vault's blobs as hex text; nothing here reads them.
 *
 * Many municipalities (docs/tenancy.md): a case is read and written only
 * within the connection's scope (ivp_tenant_ok(municipality)), a new one
 * takes ivp_tenant_default(), and its organisations, domains and entries
 * only through a case of that scope (case_exists, or a join). Case numbers
 * stay unique across the deployment (`next` looks at every case).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/case_store.h"
#include "store/sqlite/sqlite_int.h"

#define CASE_COLS                                                                                  \
	"id, registered, reg_org, reg_user, criteria, status, closed, wijk, director, bsn_blind, " \
	"reason_s, close_reason_s, goal_s, person_s"

/* 0: the case exists in this scope, 1: it does not, -1 failure */
static int case_exists(sq_store *s, const char *id)
{
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT 1 FROM zvh_case WHERE id=?1 AND ivp_tenant_ok(municipality)");
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return ivp__sq_fail(s);
}

static int put(ivp__store *st, const ivp__case_rec *c, int *existed)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r;

	if ((r = case_exists(s, c->id)) < 0)
		return -1;
	*existed = r == 0;
	q = ivp__sq_prepare(s, "INSERT INTO zvh_case(" CASE_COLS ", municipality) "
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,ivp_tenant_default()) "
			       "ON CONFLICT(id) DO UPDATE SET registered=excluded.registered, "
			       "reg_org=excluded.reg_org, reg_user=excluded.reg_user, criteria=excluded.criteria, "
			       "status=excluded.status, closed=excluded.closed, wijk=excluded.wijk, "
			       "director=excluded.director, bsn_blind=excluded.bsn_blind, reason_s=excluded.reason_s, "
			       "close_reason_s=excluded.close_reason_s, goal_s=excluded.goal_s, person_s=excluded.person_s "
			       "WHERE ivp_tenant_ok(zvh_case.municipality)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, c->id);
	ivp__sq_bind_text(q, 2, c->registered);
	ivp__sq_bind_text(q, 3, c->reg_org);
	ivp__sq_bind_text(q, 4, c->reg_user);
	ivp__sq_bind_text(q, 5, c->criteria ? c->criteria : "");
	ivp__sq_bind_text(q, 6, c->status);
	ivp__sq_bind_text(q, 7, c->closed);
	ivp__sq_bind_text(q, 8, c->wijk);
	ivp__sq_bind_text(q, 9, c->director);
	ivp__sq_bind_text(q, 10, c->bsn_blind);
	ivp__sq_bind_text(q, 11, c->reason);
	ivp__sq_bind_text(q, 12, c->close_reason);
	ivp__sq_bind_text(q, 13, c->goal);
	ivp__sq_bind_text(q, 14, c->person);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	/* the id is another municipality's case: nothing changed */
	return sqlite3_changes(s->db) ? 0 : ivp__sq_failf(s, "case %s belongs to another municipality", c->id);
}

/* A one-shot query with up to one text parameter (?1), its rows to cb. */
static int rows1(sq_store *s, const char *sql, const char *p1, ivp__row_cb cb, void *ud)
{
	sqlite3_stmt *q = ivp__sq_prepare(s, sql);
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, p1);
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

static int get(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	int r;

	if ((r = case_exists(s, id)))
		return r;
	return rows1(s, "SELECT " CASE_COLS " FROM zvh_case WHERE id=?1 AND ivp_tenant_ok(municipality)", id, cb, ud);
}

static int list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st), "SELECT " CASE_COLS " FROM zvh_case WHERE ivp_tenant_ok(municipality) ORDER BY id", NULL, cb, ud);
}

static int next(ivp__store *st, int year, int64_t *n)
{
	sq_store *s = SQ(st);
	/* every case, whatever its municipality: ids are the deployment's */
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT COALESCE(MAX(CAST(substr(id, 8) AS INTEGER)), 0) + 1 "
					     "FROM zvh_case WHERE substr(id, 1, 7) = ?1");
	char prefix[16];
	int rc;

	if (!q)
		return -1;
	snprintf(prefix, sizeof(prefix), "C-%04d-", year);
	ivp__sq_bind_text(q, 1, prefix);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(q, 0);
	else
		ivp__sq_fail(s);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int find_blind(ivp__store *st, const char *blind, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st), "SELECT id, status FROM zvh_case WHERE bsn_blind=?1 AND ivp_tenant_ok(municipality) ORDER BY id", blind, cb, ud);
}

static int org_put(ivp__store *st, const char *id, const char *org, const char *joined, const char *left)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r;

	if ((r = case_exists(s, id)))
		return r;
	q = ivp__sq_prepare(s, "INSERT INTO zvh_case_org(case_id, org, joined, left_on) VALUES (?1,?2,?3,?4) "
			       "ON CONFLICT(case_id, org) DO UPDATE SET joined=excluded.joined, left_on=excluded.left_on");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	ivp__sq_bind_text(q, 2, org);
	ivp__sq_bind_text(q, 3, joined);
	ivp__sq_bind_text(q, 4, left);
	return ivp__sq_done_finalize(s, q);
}

static int orgs(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st),
		     "SELECT o.case_id, o.org, o.joined, o.left_on FROM zvh_case_org o JOIN zvh_case c ON c.id=o.case_id "
		     "WHERE (?1 IS NULL OR o.case_id=?1) AND ivp_tenant_ok(c.municipality) "
		     "ORDER BY o.case_id, o.joined, o.org",
		     id, cb, ud);
}

static int domain_put(ivp__store *st, const char *id, const char *domain, int score, const char *user,
		      const char *date)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r;

	if ((r = case_exists(s, id)))
		return r;
	q = ivp__sq_prepare(s, "INSERT INTO zvh_case_domain(case_id, domain, score, set_by, set_on) "
			       "VALUES (?1,?2,?3,?4,?5) ON CONFLICT(case_id, domain) DO UPDATE SET "
			       "score=excluded.score, set_by=excluded.set_by, set_on=excluded.set_on");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	ivp__sq_bind_text(q, 2, domain);
	sqlite3_bind_int(q, 3, score);
	ivp__sq_bind_text(q, 4, user);
	ivp__sq_bind_text(q, 5, date);
	return ivp__sq_done_finalize(s, q);
}

static int domains(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st),
		     "SELECT d.domain, d.score, d.set_by, d.set_on FROM zvh_case_domain d JOIN zvh_case c ON c.id=d.case_id "
		     "WHERE d.case_id=?1 AND ivp_tenant_ok(c.municipality) ORDER BY d.domain",
		     id, cb, ud);
}

static int entry_add(ivp__store *st, const char *id, const ivp__case_entry *e)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q;
	int r;

	if ((r = case_exists(s, id)))
		return r;
	q = ivp__sq_prepare(s, "INSERT INTO zvh_case_entry(case_id, n, kind, date, org, orgs, author, done, "
			       "own_org, text_s) VALUES (?1, ?10, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	ivp__sq_bind_text(q, 2, e->kind);
	ivp__sq_bind_text(q, 3, e->date);
	ivp__sq_bind_text(q, 4, e->org ? e->org : "");
	ivp__sq_bind_text(q, 5, e->orgs ? e->orgs : "");
	ivp__sq_bind_text(q, 6, e->user);
	sqlite3_bind_int(q, 7, e->done ? 1 : 0);
	sqlite3_bind_int(q, 8, e->own_org ? 1 : 0);
	ivp__sq_bind_text(q, 9, e->text);
	sqlite3_bind_int64(q, 10, e->n);
	return ivp__sq_done_finalize(s, q);
}

static int entry_done(ivp__store *st, const char *id, int64_t n, int done)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "UPDATE zvh_case_entry SET done=?3 WHERE case_id=?1 AND n=?2 "
					     "AND kind='agreement' AND EXISTS (SELECT 1 FROM zvh_case c "
					     "WHERE c.id=?1 AND ivp_tenant_ok(c.municipality))");

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	sqlite3_bind_int64(q, 2, n);
	sqlite3_bind_int(q, 3, done ? 1 : 0);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	return sqlite3_changes(s->db) ? 0 : 1;
}

static int entries(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	return rows1(SQ(st),
		     "SELECT e.n, e.kind, e.date, e.org, e.orgs, e.author, e.done, e.own_org, e.text_s "
		     "FROM zvh_case_entry e JOIN zvh_case c ON c.id=e.case_id "
		     "WHERE e.case_id=?1 AND ivp_tenant_ok(c.municipality) ORDER BY e.n",
		     id, cb, ud);
}

static int del(ivp__store *st, const char *id)
{
	static const char *const sql[] = { "DELETE FROM zvh_case_entry WHERE case_id=?1",
					   "DELETE FROM zvh_case_domain WHERE case_id=?1",
					   "DELETE FROM zvh_case_org WHERE case_id=?1",
					   "DELETE FROM zvh_case WHERE id=?1" };
	sq_store *s = SQ(st);
	size_t i;
	int r;

	if ((r = case_exists(s, id)))
		return r;
	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *q = ivp__sq_prepare(s, sql[i]);

		if (!q)
			return -1;
		ivp__sq_bind_text(q, 1, id);
		if (ivp__sq_done_finalize(s, q))
			return -1;
	}
	return 0;
}

const ivp__case_ops ivp__sqlite_case_ops = {
	.put = put,
	.get = get,
	.list = list,
	.next = next,
	.find_blind = find_blind,
	.org_put = org_put,
	.orgs = orgs,
	.domain_put = domain_put,
	.domains = domains,
	.entry_add = entry_add,
	.entry_done = entry_done,
	.entries = entries,
	.del = del,
};
