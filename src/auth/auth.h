/*
 * auth.h — internals of src/auth/ open to unit tests: the rate-limit
 * window rule and the token helpers. The public functions are in the
 * "Users and sessions" section of include/ivp/ivp.h.
 */
#ifndef IVP_AUTH_AUTH_H
#define IVP_AUTH_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "ivp/ivp.h"

/*
 * Seconds to wait before the next sign-in attempt. `fails` holds the times
 * of the latest failed attempts within the window, newest first, n of them
 * (the store returns at most max). Fewer than max: 0 (go ahead). Else the
 * wait lasts until the max-th newest failure leaves the window:
 * fails[max-1] + window - now (never negative).
 */
int64_t ivp__ratelimit_wait(const int64_t *fails, int n, int max, int64_t window, int64_t now);

/* 1 when name is 1-63 of A-Z a-z 0-9 . _ - @. */
int ivp__user_name_ok(const char *name);
/* tenancy.c: IVP_OK when the operator (ctx's actor) may manage a user bound
 * to `target` (the region administrator's rule); else IVP_EINPUT, code
 * municipality_not_managed. */
ivp_rc ivp__tenant_manages(ivp_ctx *ctx, const char *target) IVP_WUR;
/* The same rule for binding organisation org to target (ivp org …
 * --municipality); the refusal names the organisation and the option. */
ivp_rc ivp__tenant_manages_org(ivp_ctx *ctx, const char *org, const char *target) IVP_WUR;
/* *ok = 0 when ctx acts for a municipality or region (not the whole
 * deployment) that does not cover the gemeente of area (GM, WK or BU
 * code); any other area, or an unscoped ctx: *ok = 1. */
ivp_rc ivp__area_in_scope(ivp_ctx *ctx, const char *area, int *ok) IVP_WUR;
/* Record the refusal of a write of area for ctx's municipality (code
 * area_other_municipality) and return IVP_EINPUT; the caller names the
 * field or file position. */
ivp_rc ivp__area_other(ivp_ctx *ctx, const char *area);
/* Bind user (bound to `before` until now) to code, with its audit entry,
 * in the caller's transaction. */
ivp_rc ivp__user_municipality_in_tx(ivp_ctx *ctx, const char *user, const char *before,
				    const char *code) IVP_WUR;

/*
 * The hex BLAKE2b-256 hash of a session token (as stored) and its CSRF
 * token, from the cookie value. -1 when the value is not 43 base64url
 * characters holding 32 bytes.
 */
int ivp__token_derive(const char *token, char hash_hex[65], char csrf[48]);

/*
 * The progressive delay of the sign-in limit: with n failures in the
 * window (times newest first; n >= max), the next attempt waits until
 * fails[0] + base * 2^(n - max), at most a window after the newest
 * failure. Returns the seconds still to wait (0: go ahead).
 */
int64_t ivp__throttle_wait(const int64_t *fails, int n, int max, int64_t base, int64_t window,
			   int64_t now);

/* ---- TOTP (totp.c) ---- */
#define IVP__TOTP_STEP 30

/* RFC 4648 base32 without padding; the length written, or -1 when out is too small. */
int ivp__base32_encode(const unsigned char *in, size_t n, char *out, size_t outsz);
/* Base32 (either case, spaces and '-' skipped); bytes written, or -1. */
int ivp__base32_decode(const char *in, unsigned char *out, size_t outsz);
/*
 * RFC 6238: the code of key at Unix time t with `step` seconds, `digits`
 * (6-9) and hash "sha1", "sha256" or "sha512", as text into code. 0 or -1.
 */
int ivp__totp(const unsigned char *key, size_t keylen, int64_t t, int step, int digits,
	      const char *hash, char *code, size_t codesz);
/* The time step of the code `given` for secret within one step of `now`, or -1. */
int64_t ivp__totp_match(const char *secret, const char *given, int64_t now);
/* The otpauth:// URI of an enrolment (caller frees), or NULL. */
char *ivp__totp_uri(const char *issuer, const char *name, const char *secret);

#endif
