/*
 * pg_case.c — the PostgreSQL side of case_store.h: the case register of
 * the Zorg- en Veiligheidshuis (tables zvh_case, zvh_case_org,
 * zvh_case_domain, zvh_case_entry of migration 14), the same operations
 * and row shapes as src/store/sqlite/sqlite_case.c. Sealed columns (*_s)
 * hold the vault's blobs as hex text; nothing here reads them.
 *
 * Many municipalities (docs/tenancy.md): the queries keep to the
 * connection's scope themselves (ivp_tenant_ok(municipality), new cases
 * ivp_tenant_default()), as the SQLite engine's do, under the row-level
 * security policies of migration 17; a case's organisations, domains and
 * entries only through a case of the scope. Case numbers (`next`) are the
 * deployment's.
 */
#include <stdio.h>
#include <string.h>

#include "store/case_store.h"
#include "store/pg/pg_int.h"

#define CASE_COLS                                                                                  \
	"id, registered, reg_org, reg_user, criteria, status, closed, wijk, director, bsn_blind, " \
	"reason_s, close_reason_s, goal_s, person_s"

/* 0: the case exists, 1: it does not, -1 failure */
static int case_exists(pg_store *s, const char *id)
{
	static const char *const sql = "SELECT 1 FROM zvh_case WHERE id=$1 AND ivp_tenant_ok(municipality)";
	pg_params p;
	PGresult *r;
	int n;

	pg_init(&p);
	pg_text(&p, id);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	n = PQntuples(r);
	PQclear(r);
	return n ? 0 : 1;
}

static int put(ivp__store *st, const ivp__case_rec *c, int *existed)
{
	static const char *const sql =
		"INSERT INTO zvh_case(" CASE_COLS ", municipality) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,ivp_tenant_default()) "
		"ON CONFLICT (id) DO UPDATE SET registered=excluded.registered, "
		"reg_org=excluded.reg_org, reg_user=excluded.reg_user, criteria=excluded.criteria, "
		"status=excluded.status, closed=excluded.closed, wijk=excluded.wijk, "
		"director=excluded.director, bsn_blind=excluded.bsn_blind, reason_s=excluded.reason_s, "
		"close_reason_s=excluded.close_reason_s, goal_s=excluded.goal_s, person_s=excluded.person_s "
		"WHERE ivp_tenant_ok(zvh_case.municipality)";
	pg_store *s = PG(st);
	int64_t changed = 0;
	pg_params p;
	int r;

	if ((r = case_exists(s, c->id)) < 0)
		return -1;
	*existed = r == 0;
	pg_init(&p);
	pg_text(&p, c->id);
	pg_text(&p, c->registered);
	pg_text(&p, c->reg_org);
	pg_text(&p, c->reg_user);
	pg_text(&p, c->criteria ? c->criteria : "");
	pg_text(&p, c->status);
	pg_text(&p, c->closed);
	pg_text(&p, c->wijk);
	pg_text(&p, c->director);
	pg_text(&p, c->bsn_blind);
	pg_text(&p, c->reason);
	pg_text(&p, c->close_reason);
	pg_text(&p, c->goal);
	pg_text(&p, c->person);
	if (ivp__pg_exec(s, sql, &p, &changed))
		return -1;
	/* the id is another municipality's case: nothing changed */
	if (!changed)
		return ivp__pg_failf(s, "case %s belongs to another municipality", c->id);
	return ivp__pg_touched(s);
}

/* rows of a query with at most one parameter ($1; NULL binds SQL NULL) */
static int rows1(pg_store *s, const char *sql, const char *p1, ivp__row_cb cb, void *ud)
{
	pg_params p;

	pg_init(&p);
	pg_text(&p, p1);
	return ivp__pg_query_rows(s, sql, &p, cb, ud);
}

static int get(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT " CASE_COLS " FROM zvh_case WHERE id=$1 AND ivp_tenant_ok(municipality)";
	pg_store *s = PG(st);
	int r;

	if ((r = case_exists(s, id)))
		return r;
	return rows1(s, sql, id, cb, ud);
}

static int list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT " CASE_COLS " FROM zvh_case WHERE ivp_tenant_ok(municipality) ORDER BY id";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static int next(ivp__store *st, int year, int64_t *n)
{
	/* every case, whatever its municipality: ids are the deployment's */
	static const char *const sql = "SELECT ivp_case_last($1) + 1"; /* migration 19: past the policies */
	pg_store *s = PG(st);
	char prefix[16];
	pg_params p;
	PGresult *r;

	snprintf(prefix, sizeof(prefix), "C-%04d-", year);
	pg_init(&p);
	pg_text(&p, prefix);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	*n = ivp__pg_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int find_blind(ivp__store *st, const char *blind, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT id, status FROM zvh_case WHERE bsn_blind=$1 "
				       "AND ivp_tenant_ok(municipality) ORDER BY id";

	return rows1(PG(st), sql, blind, cb, ud);
}

static int org_put(ivp__store *st, const char *id, const char *org, const char *joined, const char *left)
{
	static const char *const sql = "INSERT INTO zvh_case_org(case_id, org, joined, left_on) VALUES ($1,$2,$3,$4) "
				       "ON CONFLICT (case_id, org) DO UPDATE SET joined=excluded.joined, "
				       "left_on=excluded.left_on";
	pg_store *s = PG(st);
	pg_params p;
	int r;

	if ((r = case_exists(s, id)))
		return r;
	pg_init(&p);
	pg_text(&p, id);
	pg_text(&p, org);
	pg_text(&p, joined);
	pg_text(&p, left);
	return ivp__pg_exec(s, sql, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int orgs(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT o.case_id, o.org, o.joined, o.left_on FROM zvh_case_org o "
				       "JOIN zvh_case c ON c.id=o.case_id WHERE ($1::text IS NULL OR o.case_id=$1) "
				       "AND ivp_tenant_ok(c.municipality) ORDER BY o.case_id, o.joined, o.org";

	return rows1(PG(st), sql, id, cb, ud);
}

static int domain_put(ivp__store *st, const char *id, const char *domain, int score, const char *user,
		      const char *date)
{
	static const char *const sql = "INSERT INTO zvh_case_domain(case_id, domain, score, set_by, set_on) "
				       "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (case_id, domain) DO UPDATE SET "
				       "score=excluded.score, set_by=excluded.set_by, set_on=excluded.set_on";
	pg_store *s = PG(st);
	pg_params p;
	int r;

	if ((r = case_exists(s, id)))
		return r;
	pg_init(&p);
	pg_text(&p, id);
	pg_text(&p, domain);
	pg_int(&p, score);
	pg_text(&p, user);
	pg_text(&p, date);
	return ivp__pg_exec(s, sql, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int domains(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT d.domain, d.score, d.set_by, d.set_on FROM zvh_case_domain d "
				       "JOIN zvh_case c ON c.id=d.case_id WHERE d.case_id=$1 "
				       "AND ivp_tenant_ok(c.municipality) ORDER BY d.domain";

	return rows1(PG(st), sql, id, cb, ud);
}

static int entry_add(ivp__store *st, const char *id, const ivp__case_entry *e)
{
	static const char *const sql = "INSERT INTO zvh_case_entry(case_id, n, kind, date, org, orgs, author, done, "
				       "own_org, text_s) VALUES ($1, $10, $2, $3, $4, $5, $6, $7, $8, $9)";
	pg_store *s = PG(st);
	pg_params p;
	int rc;

	if ((rc = case_exists(s, id)))
		return rc;
	pg_init(&p);
	pg_text(&p, id);
	pg_text(&p, e->kind);
	pg_text(&p, e->date);
	pg_text(&p, e->org ? e->org : "");
	pg_text(&p, e->orgs ? e->orgs : "");
	pg_text(&p, e->user);
	pg_int(&p, e->done ? 1 : 0);
	pg_int(&p, e->own_org ? 1 : 0);
	pg_text(&p, e->text);
	pg_int(&p, e->n);
	return ivp__pg_exec(s, sql, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int entry_done(ivp__store *st, const char *id, int64_t n, int done)
{
	static const char *const sql = "UPDATE zvh_case_entry SET done=$3 WHERE case_id=$1 AND n=$2 "
				       "AND kind='agreement' AND EXISTS (SELECT 1 FROM zvh_case c "
				       "WHERE c.id=$1 AND ivp_tenant_ok(c.municipality))";
	pg_store *s = PG(st);
	int64_t changed = 0;
	pg_params p;

	pg_init(&p);
	pg_text(&p, id);
	pg_int(&p, n);
	pg_int(&p, done ? 1 : 0);
	if (ivp__pg_exec(s, sql, &p, &changed))
		return -1;
	if (!changed)
		return 1;
	return ivp__pg_touched(s);
}

static int entries(ivp__store *st, const char *id, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT e.n, e.kind, e.date, e.org, e.orgs, e.author, e.done, e.own_org, e.text_s "
				       "FROM zvh_case_entry e JOIN zvh_case c ON c.id=e.case_id "
				       "WHERE e.case_id=$1 AND ivp_tenant_ok(c.municipality) ORDER BY e.n";

	return rows1(PG(st), sql, id, cb, ud);
}

static int del(ivp__store *st, const char *id)
{
	static const char *const sql[] = { "DELETE FROM zvh_case_entry WHERE case_id=$1",
					   "DELETE FROM zvh_case_domain WHERE case_id=$1",
					   "DELETE FROM zvh_case_org WHERE case_id=$1",
					   "DELETE FROM zvh_case WHERE id=$1" };
	pg_store *s = PG(st);
	size_t i;
	int r;

	if ((r = case_exists(s, id)))
		return r;
	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		pg_params p;

		pg_init(&p);
		pg_text(&p, id);
		if (ivp__pg_exec(s, sql[i], &p, NULL))
			return -1;
	}
	return ivp__pg_touched(s);
}

const ivp__case_ops ivp__pg_case_ops = {
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
