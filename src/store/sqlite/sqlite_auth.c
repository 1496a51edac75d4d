/*
 * sqlite_auth.c — the SQLite side of auth_store.h: users, sessions and
 * sign-in attempts (tables of migration 3; the TOTP columns of 11).
 *
 * Every statement is prepared (bound parameters only) for its call and
 * finalized after it: these run on sign-in, on user commands and once per
 * request that carries a session cookie, where preparing costs a few
 * microseconds. A per-store statement cache like sqlite_plan.c's would
 * need a slot in sq_store (sqlite_int.h); au_close is there for it.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/auth_store.h"
#include "store/sqlite/sqlite_int.h"

static int au_user_add(ivp__store *st, const char *name, const char *role, const char *pwhash)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "INSERT INTO app_user(name, role, pwhash) VALUES (?1,?2,?3)");
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	ivp__sq_bind_text(q, 2, role);
	ivp__sq_bind_text(q, 3, pwhash);
	rc = sqlite3_step(q);
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
		sqlite3_finalize(q);
		return 1;
	}
	if (rc != SQLITE_DONE)
		ivp__sq_fail(s);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int au_user_get(ivp__store *st, const char *name, ivp__user_rec *out)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT id, name, role, pwhash, totp_secret, totp_required, totp_last, "
					     "municipality FROM app_user WHERE name=?1");
	int rc;

	memset(out, 0, sizeof(*out));
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(q, 0);
		ivp__sq_copy_col(q, 1, out->name, sizeof(out->name));
		ivp__sq_copy_col(q, 2, out->role, sizeof(out->role));
		ivp__sq_copy_col(q, 3, out->pwhash, sizeof(out->pwhash));
		ivp__sq_copy_col(q, 4, out->totp, sizeof(out->totp));
		out->totp_required = sqlite3_column_int(q, 5);
		out->totp_last = sqlite3_column_int64(q, 6);
		ivp__sq_copy_col(q, 7, out->municipality, sizeof(out->municipality));
	} else if (rc != SQLITE_DONE) {
		ivp__sq_fail(s);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 :
							  -1;
}

/* Run a one-parameter statement that names a user; 1 when it changed nothing. */
static int by_name(sq_store *s, const char *sql, const char *name, const char *v)
{
	sqlite3_stmt *q = ivp__sq_prepare(s, sql);

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	if (v)
		ivp__sq_bind_text(q, 2, v);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	return sqlite3_changes(s->db) ? 0 : 1;
}

static int au_user_municipality_set(ivp__store *st, const char *name, const char *municipality)
{
	return by_name(SQ(st), "UPDATE app_user SET municipality=?2, "
			       "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE name=?1",
		       name, municipality);
}

static int au_user_set_password(ivp__store *st, const char *name, const char *pwhash)
{
	sq_store *s = SQ(st);
	int rc = by_name(s, "UPDATE app_user SET pwhash=?2, "
			    "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE name=?1",
			 name, pwhash);

	if (rc)
		return rc;
	return by_name(s, "DELETE FROM app_session WHERE user_id=(SELECT id FROM app_user WHERE name=?1)",
		       name, NULL) < 0 ?
		       -1 :
		       0;
}

static int au_user_remove(ivp__store *st, const char *name)
{
	sq_store *s = SQ(st);

	/* sessions go by ON DELETE CASCADE; delete them first anyway so that
	 * nothing depends on the foreign_keys pragma */
	if (by_name(s, "DELETE FROM app_session WHERE user_id=(SELECT id FROM app_user WHERE name=?1)",
		    name, NULL) < 0)
		return -1;
	return by_name(s, "DELETE FROM app_user WHERE name=?1", name, NULL);
}

static int au_users_list(ivp__store *st, int64_t now, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT u.name, u.role, u.created_at, u.updated_at, "
					     "(SELECT count(*) FROM app_session x WHERE x.user_id=u.id AND x.expires_at>?1) "
					     "FROM app_user u ORDER BY u.name");
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, now);
	rc = ivp__sq_rows(s, q, cb, ud);
	sqlite3_finalize(q);
	return rc;
}

static int au_session_add(ivp__store *st, const char *token_hash, int64_t user_id,
			  int64_t created, int64_t expires)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "INSERT INTO app_session(token_hash, user_id, created_at, expires_at) "
					     "VALUES (?1,?2,?3,?4)");

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, token_hash);
	sqlite3_bind_int64(q, 2, user_id);
	sqlite3_bind_int64(q, 3, created);
	sqlite3_bind_int64(q, 4, expires);
	return ivp__sq_done_finalize(s, q);
}

static int au_session_get(ivp__store *st, const char *token_hash, int64_t now,
			  char user[64], char role[16], int64_t *expires)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT u.name, u.role, x.expires_at FROM app_session x "
					     "JOIN app_user u ON u.id=x.user_id WHERE x.token_hash=?1 AND x.expires_at>?2");
	int rc;

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, token_hash);
	sqlite3_bind_int64(q, 2, now);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		ivp__sq_copy_col(q, 0, user, 64);
		ivp__sq_copy_col(q, 1, role, 16);
		*expires = sqlite3_column_int64(q, 2);
	} else if (rc != SQLITE_DONE) {
		ivp__sq_fail(s);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 :
							  -1;
}

static int au_session_delete(ivp__store *st, const char *token_hash)
{
	return by_name(SQ(st), "DELETE FROM app_session WHERE token_hash=?1", token_hash, NULL) < 0 ? -1 : 0;
}

static int at_before(sq_store *s, const char *sql, int64_t t)
{
	sqlite3_stmt *q = ivp__sq_prepare(s, sql);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, t);
	return ivp__sq_done_finalize(s, q);
}

static int au_sessions_prune(ivp__store *st, int64_t now)
{
	return at_before(SQ(st), "DELETE FROM app_session WHERE expires_at<=?1", now);
}

static int au_attempt_add(ivp__store *st, const char *name, const char *addr, int64_t at, int ok)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "INSERT INTO login_attempt(name, addr, at, ok) VALUES (?1,?2,?3,?4)");

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	ivp__sq_bind_text(q, 2, addr);
	sqlite3_bind_int64(q, 3, at);
	sqlite3_bind_int(q, 4, ok ? 1 : 0);
	return ivp__sq_done_finalize(s, q);
}

static int au_attempt_fails(ivp__store *st, int by_addr, const char *key, int64_t since,
			    int64_t *times, int max, int *n)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, by_addr ?
						     "SELECT at FROM login_attempt WHERE addr=?1 AND at>=?2 AND ok=0 ORDER BY at DESC LIMIT ?3" :
						     "SELECT at FROM login_attempt WHERE name=?1 AND at>=?2 AND ok=0 AND id>"
						     "COALESCE((SELECT max(id) FROM login_attempt WHERE name=?1 AND ok=1),0) ORDER BY at DESC LIMIT ?3");
	int rc;

	*n = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, key);
	sqlite3_bind_int64(q, 2, since);
	sqlite3_bind_int(q, 3, max);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < max)
		times[(*n)++] = sqlite3_column_int64(q, 0);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		ivp__sq_fail(s);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int au_attempts_prune(ivp__store *st, int64_t before)
{
	return at_before(SQ(st), "DELETE FROM login_attempt WHERE at<?1", before);
}

static int au_attempt_fails_pair(ivp__store *st, const char *name, const char *addr, int64_t since,
				 int64_t *times, int max, int *n)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "SELECT at FROM login_attempt WHERE name=?1 AND addr=?4 AND at>=?2 AND ok=0 AND id>"
					     "COALESCE((SELECT max(id) FROM login_attempt WHERE name=?1 AND addr=?4 AND ok=1),0) "
					     "ORDER BY at DESC LIMIT ?3");
	int rc;

	*n = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	sqlite3_bind_int64(q, 2, since);
	sqlite3_bind_int(q, 3, max);
	ivp__sq_bind_text(q, 4, addr);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < max)
		times[(*n)++] = sqlite3_column_int64(q, 0);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		ivp__sq_fail(s);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int au_attempt_begin(ivp__store *st, const char *name, const char *addr, int64_t at, int64_t *id)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "INSERT INTO login_attempt(name, addr, at, ok) VALUES (?1,?2,?3,0)");

	*id = 0;
	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	ivp__sq_bind_text(q, 2, addr);
	sqlite3_bind_int64(q, 3, at);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int au_attempt_end(ivp__store *st, int64_t id, int ok)
{
	return at_before(SQ(st), ok ? "UPDATE login_attempt SET ok=1 WHERE id=?1" : "DELETE FROM login_attempt WHERE id=?1",
			 id);
}

/* The write lock BEGIN IMMEDIATE took is the throttle's lock: no other
 * connection writes (or decides) until this transaction ends. */
static int au_attempt_lock(ivp__store *st)
{
	sq_store *s = SQ(st);

	if (sqlite3_get_autocommit(s->db) || sqlite3_txn_state(s->db, "main") != SQLITE_TXN_WRITE)
		return ivp__sq_failf(s, "the sign-in throttle's lock needs a write transaction");
	return 0;
}

static int au_sessions_trim(ivp__store *st, int64_t user_id, int keep)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "DELETE FROM app_session WHERE user_id=?1 AND token_hash NOT IN "
					     "(SELECT token_hash FROM app_session WHERE user_id=?1 "
					     "ORDER BY created_at DESC, token_hash LIMIT ?2)");

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, user_id);
	sqlite3_bind_int(q, 2, keep);
	return ivp__sq_done_finalize(s, q);
}

static int au_user_totp_set(ivp__store *st, const char *name, const char *secret, int required)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "UPDATE app_user SET totp_secret=?2, totp_required=?3, totp_last=0, "
					     "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE name=?1");

	if (!q)
		return -1;
	ivp__sq_bind_text(q, 1, name);
	if (secret && *secret)
		ivp__sq_bind_text(q, 2, secret);
	else
		sqlite3_bind_null(q, 2);
	sqlite3_bind_int(q, 3, required ? 1 : 0);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	return sqlite3_changes(s->db) ? 0 : 1;
}

static int au_user_totp_use(ivp__store *st, int64_t user_id, int64_t step)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "UPDATE app_user SET totp_last=?2 WHERE id=?1 AND totp_last<?2");

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, user_id);
	sqlite3_bind_int64(q, 2, step);
	if (ivp__sq_done_finalize(s, q))
		return -1;
	return sqlite3_changes(s->db) ? 0 : 1;
}

static void au_close(ivp__store *st)
{
	(void)st; /* no cached statements (see the top of this file) */
}

const ivp__auth_ops ivp__sqlite_auth_ops = {
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
