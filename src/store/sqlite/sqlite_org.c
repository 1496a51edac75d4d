/*
 * sqlite_org.c — the SQLite side of org_store.h: organisations (table
 * `organisation` of migration 8) and the membership of users (table
 * `org_member`: one row per user, removed with the user) and the
 * municipalities an organisation works for (table `org_municipality` of
 * migration 17). Statements are
 * prepared per call and finalized after it, like sqlite_group.c: there are
 * a handful of organisations, and a membership is read once per signed-in
 * request.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/org_store.h"
#include "store/sqlite/sqlite_int.h"

static int org_put(ivp__store *st, const char *id, const char *name, const char *kind, int *existed)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT 1 FROM organisation WHERE id=?1");
	int rc;

	*existed = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ivp__sq_fail(s);
		sqlite3_finalize(q);
		return -1;
	}
	*existed = rc == SQLITE_ROW;
	sqlite3_finalize(q);
	q = ivp__sq_prepare(s, "INSERT INTO organisation(id, name, kind) VALUES (?1,?2,?3) "
			       "ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	ivp__sq_bind_text(q, 2, name);
	ivp__sq_bind_text(q, 3, kind ? kind : "");
	return ivp__sq_done_finalize(s, q);
}

static int org_get(ivp__store *st, const char *id, ivp__org_rec *out)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT id, name, kind FROM organisation WHERE id=?1");
	int rc;

	memset(out, 0, sizeof(*out));
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		ivp__sq_copy_col(q, 0, out->id, sizeof(out->id));
		ivp__sq_copy_col(q, 1, out->name, sizeof(out->name));
		ivp__sq_copy_col(q, 2, out->kind, sizeof(out->kind));
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 1;
	} else {
		rc = ivp__sq_fail(s);
	}
	sqlite3_finalize(q);
	return rc;
}

static int org_remove(ivp__store *st, const char *id, int64_t *members)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT (SELECT count(*) FROM organisation WHERE id=?1), "
					     "(SELECT count(*) FROM org_member WHERE org_id=?1)");
	int found;

	*members = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	if (sqlite3_step(q) != SQLITE_ROW) {
		ivp__sq_fail(s);
		sqlite3_finalize(q);
		return -1;
	}
	found = sqlite3_column_int(q, 0) > 0;
	*members = sqlite3_column_int64(q, 1);
	sqlite3_finalize(q);
	if (!found)
		return 1;
	if (*members)
		return 0;
	q = ivp__sq_prepare(s, "DELETE FROM organisation WHERE id=?1");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, id);
	return ivp__sq_done_finalize(s, q);
}

static int orgs_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT o.id, o.name, o.kind, "
					     "(SELECT count(*) FROM org_member m WHERE m.org_id=o.id) "
					     "FROM organisation o ORDER BY o.id");
	int rc;

	if (!q)
		return -1;
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

static int member_set(ivp__store *st, const char *user, const char *org)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "INSERT INTO org_member(user_id, org_id) "
					     "SELECT u.id, o.id FROM app_user u, organisation o "
					     "WHERE u.name=?1 AND o.id=?2 "
					     "ON CONFLICT(user_id) DO UPDATE SET org_id=excluded.org_id");
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, user);
	ivp__sq_bind_text(q, 2, org);
	rc = sqlite3_step(q);
	if (rc != SQLITE_DONE) {
		ivp__sq_fail(s);
		sqlite3_finalize(q);
		return -1;
	}
	rc = sqlite3_changes(sqlite3_db_handle(q)) == 0;
	sqlite3_finalize(q);
	return rc;
}

static int member_get(ivp__store *st, const char *user, char org[32])
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT m.org_id FROM org_member m JOIN app_user u "
					     "ON u.id=m.user_id WHERE u.name=?1");
	int rc;

	org[0] = '\0';
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, user);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		ivp__sq_copy_col(q, 0, org, 32);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 1;
	} else {
		rc = ivp__sq_fail(s);
	}
	sqlite3_finalize(q);
	return rc;
}

static int members_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT u.name, m.org_id FROM org_member m JOIN app_user u "
					     "ON u.id=m.user_id ORDER BY u.name");
	int rc;

	if (!q)
		return -1;
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

/* 1: no such organisation */
static int org_municipality_put(ivp__store *st, const char *org, const char *m, int *changed)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "INSERT INTO org_municipality(org_id, municipality) "
					     "SELECT id, ?2 FROM organisation WHERE id=?1 "
					     "ON CONFLICT(org_id, municipality) DO NOTHING");
	int rc;

	*changed = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, org);
	ivp__sq_bind_text(q, 2, m);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	if ((*changed = sqlite3_changes(s->db) > 0))
		return 0;
	q = ivp__sq_prepare(s, "SELECT 1 FROM organisation WHERE id=?1");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, org);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ivp__sq_fail(s);
		sqlite3_finalize(q);
		return -1;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE; /* no such organisation */
}

static int org_municipality_del(ivp__store *st, const char *org, const char *m, int *changed)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "DELETE FROM org_municipality WHERE org_id=?1 AND municipality=?2");

	*changed = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, org);
	ivp__sq_bind_text(q, 2, m);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	*changed = sqlite3_changes(s->db) > 0;
	return 0;
}

static int org_municipalities(ivp__store *st, const char *org, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT org_id, municipality FROM org_municipality "
					     "WHERE ?1 IS NULL OR org_id=?1 ORDER BY org_id, municipality");
	int rc;

	if (!q)
		return -1;
	if (org)
		ivp__sq_bind_text(q, 1, org);
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

const ivp__org_ops ivp__sqlite_org_ops = {
	.org_put = org_put,
	.org_get = org_get,
	.org_remove = org_remove,
	.orgs_list = orgs_list,
	.member_set = member_set,
	.member_get = member_get,
	.members_list = members_list,
	.org_municipality_put = org_municipality_put,
	.org_municipality_del = org_municipality_del,
	.org_municipalities = org_municipalities,
};
