/*
 * sqlite_reg.c — the SQLite side of reg_store.h: the restricted registers'
 * shared tables of migration 12 (vault_meta, vault_dek, reg_member,
 * reg_setting). Statements are prepared per call and finalized after it,
 * like sqlite_org.c: a register opens a record's key once per request.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/reg_store.h"
#include "store/sqlite/sqlite_int.h"

/* One row of q into the callers' copy (col 0 as text); 1 when none. */
static int one_row(sq_store *s, sqlite3_stmt *q, int (*take)(sqlite3_stmt *q, void *ud), void *ud)
{
	int rc = sqlite3_step(q);

	if (rc == SQLITE_ROW)
		rc = take(q, ud);
	else if (rc == SQLITE_DONE)
		rc = 1;
	else
		rc = ivp__sq_fail(s);
	sqlite3_finalize(q);
	return rc;
}

typedef struct text_out {
	char *p;
	size_t n;
} text_out;

static int take_text(sqlite3_stmt *q, void *ud)
{
	text_out *o = ud;

	ivp__sq_copy_col(q, 0, o->p, o->n);
	return 0;
}

static int take_int(sqlite3_stmt *q, void *ud)
{
	*(int *)ud = sqlite3_column_int(q, 0);
	return 0;
}

static int meta_get(ivp__store *st, const char *key, char *value, size_t n)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT value FROM vault_meta WHERE key=?1");
	text_out o = { value, n };

	value[0] = '\0';
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, key);
	return one_row(s, q, take_text, &o);
}

static int meta_put(ivp__store *st, const char *key, const char *value)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, value ? "INSERT INTO vault_meta(key, value) VALUES (?1,?2) "
						     "ON CONFLICT(key) DO UPDATE SET value=excluded.value" :
						     "DELETE FROM vault_meta WHERE key=?1");

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, key);
	if (value)
		ivp__sq_bind_text(q, 2, value);
	return ivp__sq_done_finalize(s, q);
}

static int dek_put(ivp__store *st, const char *reg, const char *rec, int version, const char *wrapped)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "INSERT INTO vault_dek(register, record, version, wrapped) "
					     "VALUES (?1,?2,?3,?4) ON CONFLICT(register, record) "
					     "DO UPDATE SET version=excluded.version, wrapped=excluded.wrapped");

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, reg);
	ivp__sq_bind_text(q, 2, rec);
	sqlite3_bind_int(q, 3, version);
	ivp__sq_bind_text(q, 4, wrapped);
	return ivp__sq_done_finalize(s, q);
}

typedef struct dek_out {
	int *version;
	char *wrapped;
} dek_out;

static int take_dek(sqlite3_stmt *q, void *ud)
{
	dek_out *o = ud;

	*o->version = sqlite3_column_int(q, 0);
	ivp__sq_copy_col(q, 1, o->wrapped, 256);
	return 0;
}

static int dek_get(ivp__store *st, const char *reg, const char *rec, int *version, char wrapped[256])
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT version, wrapped FROM vault_dek WHERE register=?1 AND record=?2");
	dek_out o = { version, wrapped };

	*version = 0;
	wrapped[0] = '\0';
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, reg);
	ivp__sq_bind_text(q, 2, rec);
	return one_row(s, q, take_dek, &o);
}

/* Run a DELETE; 1 when it removed nothing. */
static int delete_one(sq_store *s, sqlite3_stmt *q)
{
	int rc;

	if (!q)
		return -1;
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

static int dek_delete(ivp__store *st, const char *reg, const char *rec)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "DELETE FROM vault_dek WHERE register=?1 AND record=?2");

	if (q) {
		ivp__sq_bind_text(q, 1, reg);
		ivp__sq_bind_text(q, 2, rec);
	}
	return delete_one(s, q);
}

static int rows(sq_store *s, sqlite3_stmt *q, ivp__row_cb cb, void *ud)
{
	int rc;

	if (!q)
		return -1;
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

static int deks_list(ivp__store *st, const char *reg, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT record, version, wrapped FROM vault_dek "
					     "WHERE register=?1 ORDER BY record");

	if (q)
		ivp__sq_bind_text(q, 1, reg);
	return rows(s, q, cb, ud);
}

static int dek_counts(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);

	return rows(s, ivp__sq_prepare(s, "SELECT register, version, count(*) FROM vault_dek "
					  "GROUP BY register, version ORDER BY register, version"),
		    cb, ud);
}

static int member_add(ivp__store *st, const char *reg, const char *user, const char *by, const char *at,
		      int *existed)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT u.id, EXISTS (SELECT 1 FROM reg_member m WHERE "
					     "m.register=?1 AND m.user_id=u.id) FROM app_user u WHERE u.name=?2");
	int64_t id;
	int rc;

	*existed = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, reg);
	ivp__sq_bind_text(q, 2, user);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			ivp__sq_fail(s);
		sqlite3_finalize(q);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	id = sqlite3_column_int64(q, 0);
	*existed = sqlite3_column_int(q, 1);
	sqlite3_finalize(q);
	if (*existed)
		return 0;
	q = ivp__sq_prepare(s, "INSERT INTO reg_member(register, user_id, granted_by, granted_at) "
			       "VALUES (?1,?2,?3,?4)");
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, reg);
	sqlite3_bind_int64(q, 2, id);
	ivp__sq_bind_text(q, 3, by ? by : "");
	ivp__sq_bind_text(q, 4, at);
	return ivp__sq_done_finalize(s, q);
}

static int member_remove(ivp__store *st, const char *reg, const char *user)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "DELETE FROM reg_member WHERE register=?1 AND "
					     "user_id=(SELECT id FROM app_user WHERE name=?2)");

	if (q) {
		ivp__sq_bind_text(q, 1, reg);
		ivp__sq_bind_text(q, 2, user);
	}
	return delete_one(s, q);
}

static int member_is(ivp__store *st, const char *reg, const char *user, int *yes)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT EXISTS (SELECT 1 FROM reg_member m JOIN app_user u "
					     "ON u.id=m.user_id WHERE u.name=?2 AND (?1 IS NULL OR m.register=?1))");

	*yes = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, reg);
	ivp__sq_bind_text(q, 2, user);
	return one_row(s, q, take_int, yes) < 0 ? -1 : 0;
}

static int members_list(ivp__store *st, const char *reg, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT m.register, u.name, COALESCE(o.org_id, 'gemeente'), "
					     "m.granted_by, m.granted_at FROM reg_member m "
					     "JOIN app_user u ON u.id=m.user_id "
					     "LEFT JOIN org_member o ON o.user_id=u.id "
					     "WHERE ?1 IS NULL OR m.register=?1 ORDER BY m.register, u.name");

	if (q)
		ivp__sq_bind_text(q, 1, reg);
	return rows(s, q, cb, ud);
}

static int setting_put(ivp__store *st, const char *reg, const char *rule, int months, const char *by,
		       const char *at)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "INSERT INTO reg_setting(register, rule, months, set_by, set_at) "
					     "VALUES (?1,?2,?3,?4,?5) ON CONFLICT(register, rule) DO UPDATE SET "
					     "months=excluded.months, set_by=excluded.set_by, set_at=excluded.set_at");

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, reg);
	ivp__sq_bind_text(q, 2, rule);
	sqlite3_bind_int(q, 3, months);
	ivp__sq_bind_text(q, 4, by ? by : "");
	ivp__sq_bind_text(q, 5, at);
	return ivp__sq_done_finalize(s, q);
}

static int setting_get(ivp__store *st, const char *reg, const char *rule, int *months)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT months FROM reg_setting WHERE register=?1 AND rule=?2");

	*months = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, reg);
	ivp__sq_bind_text(q, 2, rule);
	return one_row(s, q, take_int, months);
}

const ivp__reg_ops ivp__sqlite_reg_ops = {
	.meta_get = meta_get,
	.meta_put = meta_put,
	.dek_put = dek_put,
	.dek_get = dek_get,
	.dek_delete = dek_delete,
	.deks_list = deks_list,
	.dek_counts = dek_counts,
	.member_add = member_add,
	.member_remove = member_remove,
	.member_is = member_is,
	.members_list = members_list,
	.setting_put = setting_put,
	.setting_get = setting_get,
};
