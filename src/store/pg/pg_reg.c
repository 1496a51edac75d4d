/*
 * pg_reg.c — the PostgreSQL side of reg_store.h: the restricted registers'
 * shared tables of migration 12 (vault_meta, vault_dek, reg_member,
 * reg_setting), written as pg_auth.c's organisations are.
 */
#include <stdio.h>
#include <string.h>

#include "store/pg/pg_int.h"
#include "store/reg_store.h"

static int meta_get(ivp__store *st, const char *key, char *value, size_t n)
{
	static const char *const sql = "SELECT value FROM vault_meta WHERE key=$1";
	pg_params p;
	PGresult *r;
	int found;

	value[0] = '\0';
	pg_init(&p);
	pg_text(&p, key);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	found = PQntuples(r) > 0;
	if (found)
		ivp__pg_copy(r, 0, 0, value, n);
	PQclear(r);
	return found ? 0 : 1;
}

static int meta_put(ivp__store *st, const char *key, const char *value)
{
	static const char *const put = "INSERT INTO vault_meta(key, value) VALUES ($1,$2) "
				       "ON CONFLICT (key) DO UPDATE SET value=excluded.value";
	static const char *const del = "DELETE FROM vault_meta WHERE key=$1";
	pg_params p;

	pg_init(&p);
	pg_text(&p, key);
	if (value)
		pg_text(&p, value);
	return ivp__pg_exec(PG(st), value ? put : del, &p, NULL);
}

static int dek_put(ivp__store *st, const char *reg, const char *rec, int version, const char *wrapped)
{
	static const char *const sql = "INSERT INTO vault_dek(register, record, version, wrapped) "
				       "VALUES ($1,$2,$3,$4) ON CONFLICT (register, record) "
				       "DO UPDATE SET version=excluded.version, wrapped=excluded.wrapped";
	pg_params p;

	pg_init(&p);
	pg_text(&p, reg);
	pg_text(&p, rec);
	pg_int(&p, version);
	pg_text(&p, wrapped);
	return ivp__pg_exec(PG(st), sql, &p, NULL);
}

static int dek_get(ivp__store *st, const char *reg, const char *rec, int *version, char wrapped[256])
{
	static const char *const sql = "SELECT version, wrapped FROM vault_dek WHERE register=$1 AND record=$2";
	pg_params p;
	PGresult *r;
	int found;

	*version = 0;
	wrapped[0] = '\0';
	pg_init(&p);
	pg_text(&p, reg);
	pg_text(&p, rec);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	found = PQntuples(r) > 0;
	if (found) {
		*version = (int)ivp__pg_int(r, 0, 0);
		ivp__pg_copy(r, 0, 1, wrapped, 256);
	}
	PQclear(r);
	return found ? 0 : 1;
}

static int dek_delete(ivp__store *st, const char *reg, const char *rec)
{
	static const char *const sql = "DELETE FROM vault_dek WHERE register=$1 AND record=$2";
	pg_params p;
	int64_t n;

	pg_init(&p);
	pg_text(&p, reg);
	pg_text(&p, rec);
	if (ivp__pg_exec(PG(st), sql, &p, &n))
		return -1;
	return n == 0;
}

static int deks_list(ivp__store *st, const char *reg, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT record, version, wrapped FROM vault_dek "
				       "WHERE register=$1 ORDER BY record";
	pg_params p;

	pg_init(&p);
	pg_text(&p, reg);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int dek_counts(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT register, version, count(*) FROM vault_dek "
				       "GROUP BY register, version ORDER BY register, version";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static int member_add(ivp__store *st, const char *reg, const char *user, const char *by, const char *at,
		      int *existed)
{
	static const char *const find = "SELECT u.id, EXISTS (SELECT 1 FROM reg_member m WHERE "
					"m.register=$1 AND m.user_id=u.id)::int FROM app_user u WHERE u.name=$2";
	static const char *const add = "INSERT INTO reg_member(register, user_id, granted_by, granted_at) "
				       "VALUES ($1,$2,$3,$4)";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int64_t id;

	*existed = 0;
	pg_init(&p);
	pg_text(&p, reg);
	pg_text(&p, user);
	if (ivp__pg_query(s, find, &p, &r))
		return -1;
	if (!PQntuples(r)) {
		PQclear(r);
		return 1;
	}
	id = ivp__pg_int(r, 0, 0);
	*existed = (int)ivp__pg_int(r, 0, 1);
	PQclear(r);
	if (*existed)
		return 0;
	pg_init(&p);
	pg_text(&p, reg);
	pg_int(&p, id);
	pg_text(&p, by ? by : "");
	pg_text(&p, at);
	return ivp__pg_exec(s, add, &p, NULL);
}

static int member_remove(ivp__store *st, const char *reg, const char *user)
{
	static const char *const sql = "DELETE FROM reg_member WHERE register=$1 AND "
				       "user_id=(SELECT id FROM app_user WHERE name=$2)";
	pg_params p;
	int64_t n;

	pg_init(&p);
	pg_text(&p, reg);
	pg_text(&p, user);
	if (ivp__pg_exec(PG(st), sql, &p, &n))
		return -1;
	return n == 0;
}

static int member_is(ivp__store *st, const char *reg, const char *user, int *yes)
{
	static const char *const sql = "SELECT EXISTS (SELECT 1 FROM reg_member m JOIN app_user u "
				       "ON u.id=m.user_id WHERE u.name=$2 AND ($1::text IS NULL OR m.register=$1))::int";
	pg_params p;
	PGresult *r;

	*yes = 0;
	pg_init(&p);
	pg_text(&p, reg);
	pg_text(&p, user);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	*yes = (int)ivp__pg_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int members_list(ivp__store *st, const char *reg, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT m.register, u.name, COALESCE(o.org_id, 'gemeente'), "
				       "m.granted_by, m.granted_at FROM reg_member m "
				       "JOIN app_user u ON u.id=m.user_id "
				       "LEFT JOIN org_member o ON o.user_id=u.id "
				       "WHERE $1::text IS NULL OR m.register=$1 ORDER BY m.register, u.name";
	pg_params p;

	pg_init(&p);
	pg_text(&p, reg);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int setting_put(ivp__store *st, const char *reg, const char *rule, int months, const char *by,
		       const char *at)
{
	static const char *const sql = "INSERT INTO reg_setting(register, rule, months, set_by, set_at) "
				       "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (register, rule) DO UPDATE SET "
				       "months=excluded.months, set_by=excluded.set_by, set_at=excluded.set_at";
	pg_params p;

	pg_init(&p);
	pg_text(&p, reg);
	pg_text(&p, rule);
	pg_int(&p, months);
	pg_text(&p, by ? by : "");
	pg_text(&p, at);
	return ivp__pg_exec(PG(st), sql, &p, NULL);
}

static int setting_get(ivp__store *st, const char *reg, const char *rule, int *months)
{
	static const char *const sql = "SELECT months FROM reg_setting WHERE register=$1 AND rule=$2";
	pg_params p;
	PGresult *r;
	int found;

	*months = 0;
	pg_init(&p);
	pg_text(&p, reg);
	pg_text(&p, rule);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	found = PQntuples(r) > 0;
	if (found)
		*months = (int)ivp__pg_int(r, 0, 0);
	PQclear(r);
	return found ? 0 : 1;
}

const ivp__reg_ops ivp__pg_reg_ops = {
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
