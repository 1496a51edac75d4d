/*
 * pg_auth.c — the PostgreSQL side of auth_store.h and org_store.h: users,
 * sessions and sign-in attempts (tables of migration 3, the TOTP columns
 * of 11), organisations and the membership of users (migration 8), the
 * municipalities an organisation works for (org_municipality, 17). These
 * run outside import transactions (sign-in, user commands, one session
 * look-up per request), as single autocommit statements, except
 * attempt_begin, which records its attempt under the writers' lock as
 * SQLite's INSERT does; none moves the data version, since no public page
 * depends on them.
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
	static const char *const sql = "SELECT id, name, role, pwhash, totp_secret, totp_required, totp_last, "
				       "municipality FROM app_user WHERE name=$1";
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
		ivp__pg_copy(r, 0, 4, out->totp, sizeof(out->totp));
		out->totp_required = (int)ivp__pg_int(r, 0, 5);
		out->totp_last = ivp__pg_int(r, 0, 6);
		ivp__pg_copy(r, 0, 7, out->municipality, sizeof(out->municipality));
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

static int au_user_municipality_set(ivp__store *st, const char *name, const char *municipality)
{
	static const char *const sql = "UPDATE app_user SET municipality=$2, updated_at=ivp_now() WHERE name=$1";
	pg_store *s = PG(st);
	int rc = by_name(s, sql, name, municipality);

	return rc ? rc : ivp__pg_touched(s);
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

static int au_attempt_fails_pair(ivp__store *st, const char *name, const char *addr, int64_t since,
				 int64_t *times, int max, int *n)
{
	static const char *const sql =
		"SELECT at FROM login_attempt WHERE name=$1 AND addr=$4 AND at>=$2 AND ok=0 AND id>"
		"COALESCE((SELECT max(id) FROM login_attempt WHERE name=$1 AND addr=$4 AND ok=1),0) "
		"ORDER BY at DESC LIMIT $3";
	pg_params p;
	PGresult *r;
	int i, rows;

	*n = 0;
	pg_init(&p);
	pg_text(&p, name);
	pg_int(&p, since);
	pg_int(&p, max);
	pg_text(&p, addr);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	rows = PQntuples(r);
	for (i = 0; i < rows && *n < max; i++)
		times[(*n)++] = ivp__pg_int(r, i, 0);
	PQclear(r);
	return 0;
}

/* The attempt recorded as failed until attempt_end says otherwise; under
 * the writers' lock (a transaction of its own unless one is open), as
 * SQLite's INSERT takes its write lock. */
static int au_attempt_begin(ivp__store *st, const char *name, const char *addr, int64_t at, int64_t *id)
{
	static const char *const sql = "INSERT INTO login_attempt(name, addr, at, ok) VALUES ($1,$2,$3,0) RETURNING id";
	pg_store *s = PG(st);
	int own = !s->in_txn;
	pg_params p;
	PGresult *r;

	*id = 0;
	if (own && ivp__pg_ops.begin(st))
		return -1;
	pg_init(&p);
	pg_text(&p, name);
	pg_text(&p, addr);
	pg_int(&p, at);
	if (ivp__pg_query(s, sql, &p, &r)) {
		if (own)
			ivp__pg_ops.rollback(st);
		return -1;
	}
	*id = ivp__pg_int(r, 0, 0);
	PQclear(r);
	if (own && ivp__pg_ops.commit(st)) {
		ivp__pg_ops.rollback(st);
		*id = 0;
		return -1;
	}
	return 0;
}

/* A transaction-scoped advisory lock of the throttle's own (besides the
 * writers' lock of begin, which a later change may narrow): every throttle
 * decision on this database, from any server, waits for the one before to
 * commit, and in READ COMMITTED its next statement sees that commit. */
static int au_attempt_lock(ivp__store *st)
{
	pg_store *s = PG(st);

	if (!s->in_txn)
		return ivp__pg_failf(s, "the sign-in throttle's lock needs a write transaction");
	return ivp__pg_simple(s, "SELECT pg_advisory_xact_lock(4977003)");
}

static int au_attempt_end(ivp__store *st, int64_t id, int ok)
{
	static const char *const upd = "UPDATE login_attempt SET ok=1 WHERE id=$1";
	static const char *const del = "DELETE FROM login_attempt WHERE id=$1";

	return at_before(PG(st), ok ? upd : del, id);
}

static int au_sessions_trim(ivp__store *st, int64_t user_id, int keep)
{
	static const char *const sql = "DELETE FROM app_session WHERE user_id=$1 AND token_hash NOT IN "
				       "(SELECT token_hash FROM app_session WHERE user_id=$1 "
				       "ORDER BY created_at DESC, token_hash LIMIT $2)";
	pg_params p;

	pg_init(&p);
	pg_int(&p, user_id);
	pg_int(&p, keep);
	return ivp__pg_exec(PG(st), sql, &p, NULL);
}

static int au_user_totp_set(ivp__store *st, const char *name, const char *secret, int required)
{
	static const char *const sql = "UPDATE app_user SET totp_secret=$2, totp_required=$3, totp_last=0, "
				       "updated_at=ivp_now() WHERE name=$1";
	pg_params p;
	int64_t n;

	pg_init(&p);
	pg_text(&p, name);
	pg_text(&p, secret && *secret ? secret : NULL);
	pg_int(&p, required ? 1 : 0);
	if (ivp__pg_exec(PG(st), sql, &p, &n))
		return -1;
	return n ? 0 : 1;
}

static int au_user_totp_use(ivp__store *st, int64_t user_id, int64_t step)
{
	static const char *const sql = "UPDATE app_user SET totp_last=$2 WHERE id=$1 AND totp_last<$2";
	pg_params p;
	int64_t n;

	pg_init(&p);
	pg_int(&p, user_id);
	pg_int(&p, step);
	if (ivp__pg_exec(PG(st), sql, &p, &n))
		return -1;
	return n ? 0 : 1;
}

static void au_close(ivp__store *st)
{
	(void)st; /* the prepared statements end with the connection */
}

const ivp__auth_ops ivp__pg_auth_ops = {
	.user_add = au_user_add,
	.user_get = au_user_get,
	.user_municipality_set = au_user_municipality_set,
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
	.attempt_fails_pair = au_attempt_fails_pair,
	.attempt_begin = au_attempt_begin,
	.attempt_end = au_attempt_end,
	.attempt_lock = au_attempt_lock,
	.sessions_trim = au_sessions_trim,
	.user_totp_set = au_user_totp_set,
	.user_totp_use = au_user_totp_use,
	.close = au_close,
};

/* ---- organisations and the membership of users (org_store.h) ---- */

static int org_put(ivp__store *st, const char *id, const char *name, const char *kind, int *existed)
{
	/* xmax = 0: the row was inserted, not updated by the conflict */
	static const char *const sql = "INSERT INTO organisation(id, name, kind) VALUES ($1,$2,$3) "
				       "ON CONFLICT (id) DO UPDATE SET name=excluded.name, kind=excluded.kind "
				       "RETURNING (xmax <> 0)::int";
	pg_params p;
	PGresult *r;

	*existed = 0;
	pg_init(&p);
	pg_text(&p, id);
	pg_text(&p, name);
	pg_text(&p, kind ? kind : "");
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	*existed = PQntuples(r) && ivp__pg_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int org_get(ivp__store *st, const char *id, ivp__org_rec *out)
{
	static const char *const sql = "SELECT id, name, kind FROM organisation WHERE id=$1";
	pg_params p;
	PGresult *r;
	int n;

	memset(out, 0, sizeof(*out));
	pg_init(&p);
	pg_text(&p, id);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n) {
		ivp__pg_copy(r, 0, 0, out->id, sizeof(out->id));
		ivp__pg_copy(r, 0, 1, out->name, sizeof(out->name));
		ivp__pg_copy(r, 0, 2, out->kind, sizeof(out->kind));
	}
	PQclear(r);
	return n ? 0 : 1;
}

/* 1: no such organisation; with members nothing is removed (*members > 0) */
static int org_remove(ivp__store *st, const char *id, int64_t *members)
{
	static const char *const count = "SELECT (SELECT count(*) FROM organisation WHERE id=$1), "
					 "(SELECT count(*) FROM org_member WHERE org_id=$1)";
	static const char *const del = "DELETE FROM organisation WHERE id=$1";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int found;

	*members = 0;
	pg_init(&p);
	pg_text(&p, id);
	if (ivp__pg_query(s, count, &p, &r))
		return -1;
	found = ivp__pg_int(r, 0, 0) > 0;
	*members = ivp__pg_int(r, 0, 1);
	PQclear(r);
	if (!found)
		return 1;
	if (*members)
		return 0;
	return ivp__pg_exec(s, del, &p, NULL);
}

static int orgs_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT o.id, o.name, o.kind, "
				       "(SELECT count(*) FROM org_member m WHERE m.org_id=o.id) "
				       "FROM organisation o ORDER BY o.id";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

/* 1: no such user or organisation */
static int member_set(ivp__store *st, const char *user, const char *org)
{
	static const char *const sql = "INSERT INTO org_member(user_id, org_id) "
				       "SELECT u.id, o.id FROM app_user u, organisation o "
				       "WHERE u.name=$1 AND o.id=$2 "
				       "ON CONFLICT (user_id) DO UPDATE SET org_id=excluded.org_id";
	pg_params p;
	int64_t n;

	pg_init(&p);
	pg_text(&p, user);
	pg_text(&p, org);
	if (ivp__pg_exec(PG(st), sql, &p, &n))
		return -1;
	return n == 0;
}

static int member_get(ivp__store *st, const char *user, char org[32])
{
	static const char *const sql = "SELECT m.org_id FROM org_member m JOIN app_user u "
				       "ON u.id=m.user_id WHERE u.name=$1";
	pg_params p;
	PGresult *r;
	int n;

	org[0] = '\0';
	pg_init(&p);
	pg_text(&p, user);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n)
		ivp__pg_copy(r, 0, 0, org, 32);
	PQclear(r);
	return n ? 0 : 1;
}

static int members_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT u.name, m.org_id FROM org_member m JOIN app_user u "
				       "ON u.id=m.user_id ORDER BY u.name";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

/* 1: no such organisation */
static int org_municipality_put(ivp__store *st, const char *org, const char *m, int *changed)
{
	static const char *const ins = "INSERT INTO org_municipality(org_id, municipality) "
				       "SELECT id, $2 FROM organisation WHERE id=$1 "
				       "ON CONFLICT (org_id, municipality) DO NOTHING";
	static const char *const known = "SELECT 1 FROM organisation WHERE id=$1";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;
	int64_t n = 0;
	int found;

	*changed = 0;
	pg_init(&p);
	pg_text(&p, org);
	pg_text(&p, m);
	if (ivp__pg_exec(s, ins, &p, &n))
		return -1;
	*changed = n > 0;
	if (n)
		return 0;
	pg_init(&p);
	pg_text(&p, org);
	if (ivp__pg_query(s, known, &p, &r))
		return -1;
	found = PQntuples(r) > 0;
	PQclear(r);
	return !found;
}

static int org_municipality_del(ivp__store *st, const char *org, const char *m, int *changed)
{
	static const char *const sql = "DELETE FROM org_municipality WHERE org_id=$1 AND municipality=$2";
	pg_params p;
	int64_t n = 0;

	*changed = 0;
	pg_init(&p);
	pg_text(&p, org);
	pg_text(&p, m);
	if (ivp__pg_exec(PG(st), sql, &p, &n))
		return -1;
	*changed = n > 0;
	return 0;
}

static int org_municipalities(ivp__store *st, const char *org, ivp__row_cb cb, void *ud)
{
	static const char *const all = "SELECT org_id, municipality FROM org_municipality "
				       "ORDER BY org_id, municipality";
	static const char *const one = "SELECT org_id, municipality FROM org_municipality "
				       "WHERE org_id=$1 ORDER BY municipality";
	pg_params p;

	if (!org)
		return ivp__pg_query_rows(PG(st), all, NULL, cb, ud);
	pg_init(&p);
	pg_text(&p, org);
	return ivp__pg_query_rows(PG(st), one, &p, cb, ud);
}

const ivp__org_ops ivp__pg_org_ops = {
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
