/*
 * auth_store.h — storage functions of users, sessions and sign-in
 * attempts (src/auth/ uses them), a table of functions like store.h and
 * plan_store.h. Reached as store->ops->auth.
 *
 * What is stored: a user's name, role and argon2id password string (never
 * the password); a session as the hex BLAKE2b hash of its token (never the
 * token) with its user and expiry; sign-in attempts (name, client address,
 * time, success) for the rate-limit window. Times are Unix seconds.
 *
 * Return values as in store.h: 0 ok, -1 error (errmsg), 1 not found (or,
 * for user_add, "exists").
 */
#ifndef IVP_STORE_AUTH_STORE_H
#define IVP_STORE_AUTH_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__user_rec {
	int64_t id;
	char name[64];
	char role[16];		/* viewer, editor, partner, admin */
	char pwhash[256];	/* crypto_pwhash_str output */
} ivp__user_rec;

typedef struct ivp__auth_ops {
	/* 1: a user of that name exists */
	int (*user_add)(ivp__store *s, const char *name, const char *role, const char *pwhash);
	/* 1: no such user */
	int (*user_get)(ivp__store *s, const char *name, ivp__user_rec *out);
	/* New password string; ends every session of the user. 1: no such user */
	int (*user_set_password)(ivp__store *s, const char *name, const char *pwhash);
	/* The user and their sessions. 1: no such user */
	int (*user_remove)(ivp__store *s, const char *name);
	/* rows: name, role, created_at, updated_at, sessions (active at `now`) */
	int (*users_list)(ivp__store *s, int64_t now, ivp__row_cb cb, void *ud);

	int (*session_add)(ivp__store *s, const char *token_hash, int64_t user_id,
			   int64_t created, int64_t expires);
	/* The live session's user (name, role) and expiry; 1: none or expired. */
	int (*session_get)(ivp__store *s, const char *token_hash, int64_t now,
			   char user[64], char role[16], int64_t *expires);
	int (*session_delete)(ivp__store *s, const char *token_hash);
	/* Drop sessions that expired before `now`. */
	int (*sessions_prune)(ivp__store *s, int64_t now);

	int (*attempt_add)(ivp__store *s, const char *name, const char *addr, int64_t at, int ok);
	/*
	 * Times of the latest failed attempts since `since`, newest first, at
	 * most `max`, for a name (by_addr 0: only those after the name's last
	 * good sign-in) or a client address (by_addr 1: all of them).
	 */
	int (*attempt_fails)(ivp__store *s, int by_addr, const char *key, int64_t since,
			     int64_t *times, int max, int *n);
	/* Forget every attempt before `before` (out of every window). */
	int (*attempts_prune)(ivp__store *s, int64_t before);

	/* Release the engine's auth state (called from the engine's close). */
	void (*close)(ivp__store *s);
} ivp__auth_ops;

#endif
