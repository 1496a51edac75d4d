/*
 * auth.h — internals of src/auth/ open to unit tests: the rate-limit
 * window rule and the token helpers. The public functions are in the
 * "Users and sessions" section of include/ivp/ivp.h.
 */
#ifndef IVP_AUTH_AUTH_H
#define IVP_AUTH_AUTH_H

#include <stddef.h>
#include <stdint.h>

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

/*
 * The hex BLAKE2b-256 hash of a session token (as stored) and its CSRF
 * token, from the cookie value. -1 when the value is not 43 base64url
 * characters holding 32 bytes.
 */
int ivp__token_derive(const char *token, char hash_hex[65], char csrf[48]);

#endif
