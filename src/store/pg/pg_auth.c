/*
 * pg_auth.c — the PostgreSQL side of auth_store.h: users, sessions and
 * sign-in attempts (tables of migration 3). These run outside import
 * transactions (sign-in, user commands, one session look-up per request),
 * as single autocommit statements; none moves the data version, since no
 * public page depends on them.
 */
#include <string.h>

#include "store/auth_store.h"
#include "store/pg/pg_int.h"

static int au_user_add(ivp__store *st, const char *name, const char *role, const char *pwhash)
{
	static const char *const sql = "INSERT INTO app_user(name, role, pwhash) VALUES ($1,$2,$3)";
	pg_store *s = PG(st);
	pg_params p;

	pg_init(&p);
	pg_text(&p, name);
	pg_text(&p, role);
	pg_text(&p, pwhash);
	if (ivp__pg_exec(s, sql, &p, NULL))
		return !strcmp(s->sqlstate, "23505") ? 1 : -1; /* unique_violation */
	return 0;
}

static int au_user_get(ivp__store *st, const char *name, ivp__user_rec *out)
{
	static const char *const sql = "SELECT id, name, role, pwhash FROM app_user WHERE name=$1";
	pg_params p;
	PGresult *r;
	int n;

	memset(out, 0, sizeof(*out));
	pg_init(&p);
	pg_text(&p, name);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n) {
		out->id = ivp__pg_int(r, 0, 0);
		ivp__pg_copy(r, 0, 1, out->name, sizeof(out->name));
		ivp__pg_copy(r, 0, 2, out->role, sizeof(out->role));
		ivp__pg_copy(r, 0, 3, out->pwhash, sizeof(out->pwhash));
	}
	PQclear(r);
	return n ? 0 : 1;
}

/* A statement naming a user ($1) and maybe a value ($2); 1 when it changed nothing. */
static int by_name(pg_store *s, const char *sql, const char *name, const char *v)
{
	pg_params p;
	int64_t n;

	pg_init(&p);
	pg_text(&p, name);
	if (v)
		pg_text(&p, v);
	if (ivp__pg_exec(s, sql, &p, &n))
		return -1;
	return n ? 0 : 1;
}

static int au_user_set_password(ivp__store *st, const char *name, const char *pwhash)
{
	static const char *const upd = "UPDATE app_user SET pwhash=$2, updated_at=ivp_now() WHERE name=$1";
	static const char *const del = "DELETE FROM app_session WHERE user_id=(SELECT id FROM app_user WHERE name=$1)";
	pg_store *s = PG(st);
	int rc = by_name(s, upd, name, pwhash);

	if (rc)
		return rc;
	return by_name(s, del, name, NULL) < 0 ? -1 : 0;
}

static int au_user_remove(ivp__store *st, const char *name)
{
	static const char *const del_sessions = "DELETE FROM app_session WHERE user_id=(SELECT id FROM app_user WHERE name=$1)";
	static const char *const del_user = "DELETE FROM app_user WHERE name=$1";
	pg_store *s = PG(st);

	if (by_name(s, del_sessions, name, NULL) < 0)
		return -1;
	return by_name(s, del_user, name, NULL);
}

static int au_users_list(ivp__store *st, int64_t now, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT u.name, u.role, u.created_at, u.updated_at, "
		"(SELECT count(*) FROM app_session x WHERE x.user_id=u.id AND x.expires_at>$1) "
		"FROM app_user u ORDER BY u.name";
	pg_params p;

	pg_init(&p);
	pg_int(&p, now);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int au_session_add(ivp__store *st, const char *token_hash, int64_t user_id,
			  int64_t created, int64_t expires)
{
	static const char *const sql = "INSERT INTO app_session(token_hash, user_id, created_at, expires_at) "
				       "VALUES ($1,$2,$3,$4)";
	pg_params p;

	pg_init(&p);
	pg_text(&p, token_hash);
	pg_int(&p, user_id);
	pg_int(&p, created);
	pg_int(&p, expires);
	return ivp__pg_exec(PG(st), sql, &p, NULL);
}

static int au_session_get(ivp__store *st, const char *token_hash, int64_t now, char user[64],
			  char role[16], int64_t *expires)
{
	static const char *const sql = "SELECT u.name, u.role, x.expires_at FROM app_session x "
				       "JOIN app_user u ON u.id=x.user_id WHERE x.token_hash=$1 AND x.expires_at>$2";
	pg_params p;
	PGresult *r;
	int n;

	pg_init(&p);
	pg_text(&p, token_hash);
	pg_int(&p, now);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n) {
		ivp__pg_copy(r, 0, 0, user, 64);
		ivp__pg_copy(r, 0, 1, role, 16);
		*expires = ivp__pg_int(r, 0, 2);
	}
	PQclear(r);
	return n ? 0 : 1;
}

static int au_session_delete(ivp__store *st, const char *token_hash)
{
	static const char *const sql = "DELETE FROM app_session WHERE token_hash=$1";

	return by_name(PG(st), sql, token_hash, NULL) < 0 ? -1 : 0;
}

static int at_before(pg_store *s, const char *sql, int64_t t)
{
	pg_params p;

	pg_init(&p);
	pg_int(&p, t);
	return ivp__pg_exec(s, sql, &p, NULL);
}

static int au_sessions_prune(ivp__store *st, int64_t now)
{
	static const char *const sql = "DELETE FROM app_session WHERE expires_at<=$1";

	return at_before(PG(st), sql, now);
}

static int au_attempt_add(ivp__store *st, const char *name, const char *addr, int64_t at, int ok)
{
	static const char *const sql = "INSERT INTO login_attempt(name, addr, at, ok) VALUES ($1,$2,$3,$4)";
	pg_params p;

	pg_init(&p);
	pg_text(&p, name);
	pg_text(&p, addr);
	pg_int(&p, at);
	pg_int(&p, ok ? 1 : 0);
	return ivp__pg_exec(PG(st), sql, &p, NULL);
}

static int au_attempt_fails(ivp__store *st, int by_addr, const char *key, int64_t since,
			    int64_t *times, int max, int *n)
{
	static const char *const addr_sql =
		"SELECT at FROM login_attempt WHERE addr=$1 AND at>=$2 AND ok=0 ORDER BY at DESC LIMIT $3";
	static const char *const name_sql =
		"SELECT at FROM login_attempt WHERE name=$1 AND at>=$2 AND ok=0 AND id>"
		"COALESCE((SELECT max(id) FROM login_attempt WHERE name=$1 AND ok=1),0) ORDER BY at DESC LIMIT $3";
	pg_params p;
	PGresult *r;
	int i, rows;

	*n = 0;
	pg_init(&p);
	pg_text(&p, key);
	pg_int(&p, since);
	pg_int(&p, max);
	if (ivp__pg_query(PG(st), by_addr ? addr_sql : name_sql, &p, &r))
		return -1;
	rows = PQntuples(r);
	for (i = 0; i < rows && *n < max; i++)
		times[(*n)++] = ivp__pg_int(r, i, 0);
	PQclear(r);
	return 0;
}

static int au_attempts_prune(ivp__store *st, int64_t before)
{
	static const char *const sql = "DELETE FROM login_attempt WHERE at<$1";

	return at_before(PG(st), sql, before);
}

static void au_close(ivp__store *st)
{
	(void)st; /* the prepared statements end with the connection */
}

const ivp__auth_ops ivp__pg_auth_ops = {
	.user_add = au_user_add,
	.user_get = au_user_get,
	.user_set_password = au_user_set_password,
	.user_remove = au_user_remove,
	.users_list = au_users_list,
	.session_add = au_session_add,
	.session_get = au_session_get,
	.session_delete = au_session_delete,
	.sessions_prune = au_sessions_prune,
	.attempt_add = au_attempt_add,
	.attempt_fails = au_attempt_fails,
	.attempts_prune = au_attempts_prune,
	.close = au_close,
};
