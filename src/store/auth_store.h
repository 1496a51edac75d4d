/*
 * auth_store.h — storage functions of users, sessions and sign-in
 * attempts (src/auth/ uses them), functions of the door like store.h (the
 * engines' side: engine.h).
 *
 * What is stored: a user's name, role and argon2id password string (never
 * the password); a session as the hex BLAKE2b hash of its token (never the
 * token) with its user and expiry; sign-in attempts (name, client address,
 * time, success) for the rate-limit window. Times are Unix seconds.
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_AUTH_STORE_H
#define IVP_STORE_AUTH_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__user_rec {
	int64_t id;
	char name[64];
	char role[16];	       /* viewer, editor, partner, admin */
	char pwhash[256];      /* crypto_pwhash_str output */
	char totp[256];	       /* the TOTP secret (base32; sealed "v1:HEX" when a key file
			    * is configured, src/registers/vault.c), "" when none */
	int totp_required;     /* 1: sign-in needs the second factor */
	int64_t totp_last;     /* the last TOTP time step used (no code twice) */
	char municipality[64]; /* a GM code, a region's name, "" none (docs/tenancy.md) */
} ivp__user_rec;

/* A new user; *exists = 1 (and nothing written) when the name is taken. */
ivp_rc ivp__store_user_add(ivp_ctx *ctx, const char *name, const char *role,
			   const char *pwhash, int *exists) IVP_WUR;
/* Bind the user to a municipality or region ("" none). IVP_ENOTFOUND: no such user. */
ivp_rc ivp__store_user_municipality_set(ivp_ctx *ctx, const char *name, const char *municipality) IVP_WUR;
/* IVP_ENOTFOUND: no such user. */
ivp_rc ivp__store_user_get(ivp_ctx *ctx, const char *name, ivp__user_rec *out) IVP_WUR;
/* New password string; ends every session of the user. IVP_ENOTFOUND: no such user. */
ivp_rc ivp__store_user_set_password(ivp_ctx *ctx, const char *name, const char *pwhash) IVP_WUR;
/* The user and their sessions. IVP_ENOTFOUND: no such user. */
ivp_rc ivp__store_user_remove(ivp_ctx *ctx, const char *name) IVP_WUR;
/* rows: name, role, created_at, updated_at, sessions (active at `now`), by name */
ivp_rc ivp__store_users_list(ivp_ctx *ctx, int64_t now, ivp__row_cb cb, void *ud) IVP_WUR;

ivp_rc ivp__store_session_add(ivp_ctx *ctx, const char *token_hash, int64_t user_id,
			      int64_t created, int64_t expires) IVP_WUR;
/* The live session's user (name, role) and expiry. IVP_ENOTFOUND: none,
 * or expired at `now`. */
ivp_rc ivp__store_session_get(ivp_ctx *ctx, const char *token_hash, int64_t now,
			      char user[64], char role[16], int64_t *expires) IVP_WUR;
ivp_rc ivp__store_session_delete(ivp_ctx *ctx, const char *token_hash) IVP_WUR;
/* Drop sessions that expired before `now`. */
ivp_rc ivp__store_sessions_prune(ivp_ctx *ctx, int64_t now) IVP_WUR;

/* One sign-in attempt of `name` from client address `addr` at `at`; ok 1: it succeeded. */
ivp_rc ivp__store_attempt_add(ivp_ctx *ctx, const char *name, const char *addr, int64_t at,
			      int ok) IVP_WUR;
/*
 * Times of the latest failed attempts since `since`, newest first, at most
 * `max`, into times[0..*n): for a name (by_addr 0: only those after the
 * name's last good sign-in) or a client address (by_addr 1: all of them).
 */
ivp_rc ivp__store_attempt_fails(ivp_ctx *ctx, int by_addr, const char *key, int64_t since,
				int64_t *times, int max, int *n) IVP_WUR;
/* Forget every attempt before `before` (out of every window). */
ivp_rc ivp__store_attempts_prune(ivp_ctx *ctx, int64_t before) IVP_WUR;
/*
 * As ivp__store_attempt_fails for one name from one address: the failures
 * after the last good sign-in of that name from that address.
 */
ivp_rc ivp__store_attempt_fails_pair(ivp_ctx *ctx, const char *name, const char *addr,
				     int64_t since, int64_t *times, int max, int *n) IVP_WUR;
/* An attempt recorded as failed before the password is checked (*id: its
 * number), so that attempts made at the same time count each other. */
ivp_rc ivp__store_attempt_begin(ivp_ctx *ctx, const char *name, const char *addr, int64_t at,
				int64_t *id) IVP_WUR;
/*
 * Inside a write transaction (ivp__store_begin): take the lock that makes
 * a sign-in throttle decision — count the failures, then record the
 * attempt (ivp__store_attempt_fails*, ivp__store_attempt_begin) — one step
 * against every other connection and process on the same database; held
 * until the transaction commits or rolls back. SQLite: the write lock of
 * BEGIN IMMEDIATE is that lock; PostgreSQL: a transaction-scoped advisory
 * lock of its own. IVP_EDB outside a write transaction.
 */
ivp_rc ivp__store_attempt_lock(ivp_ctx *ctx) IVP_WUR;
/* The attempt `id` after all: ok 1 succeeded; ok 0 neither failed nor
 * succeeded (the right password, the second factor still to come): forgotten. */
ivp_rc ivp__store_attempt_end(ivp_ctx *ctx, int64_t id, int ok) IVP_WUR;
/* End the user's oldest sessions (by creation) so that at most `keep` stay. */
ivp_rc ivp__store_sessions_trim(ivp_ctx *ctx, int64_t user_id, int keep) IVP_WUR;
/* The user's TOTP secret (NULL or "": none) and whether it is required.
 * IVP_ENOTFOUND: no such user. */
ivp_rc ivp__store_user_totp_set(ivp_ctx *ctx, const char *name, const char *secret,
				int required) IVP_WUR;
/* Record TOTP time step `step` as used by the user: IVP_OK, or
 * IVP_ENOTFOUND when this step or a later one was used already (a replay). */
ivp_rc ivp__store_user_totp_use(ivp_ctx *ctx, int64_t user_id, int64_t step) IVP_WUR;

#endif
