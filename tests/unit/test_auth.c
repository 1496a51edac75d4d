/*
 * test_auth.c — src/auth/: the constant-time CSRF compare, the rate-limit
 * window rule, user names, token derivation, and users and sessions on a
 * real database (argon2id hashes, sessions stored hashed, sign-out); the
 * progressive throttle (per name from an address, per address), the
 * password rule, the live-session limit, and TOTP: the test vectors of
 * RFC 6238 appendix B, base32, and sign-in with the second factor.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "auth/auth.h"
#include "ivp/ivp.h"

static void csrf_compare(void **state)
{
	(void)state;
	assert_int_equal(ivp_csrf_equal("abcDEF-_123", "abcDEF-_123"), 1);
	assert_int_equal(ivp_csrf_equal("abcDEF-_123", "abcDEF-_124"), 0);  /* last byte */
	assert_int_equal(ivp_csrf_equal("abcDEF-_123", "bbcDEF-_123"), 0);  /* first byte */
	assert_int_equal(ivp_csrf_equal("abcDEF-_123", "abcDEF-_12"), 0);   /* a prefix */
	assert_int_equal(ivp_csrf_equal("abcDEF-_123", "abcDEF-_1234"), 0); /* longer */
	assert_int_equal(ivp_csrf_equal("abcDEF-_123", ""), 0);
	assert_int_equal(ivp_csrf_equal("abcDEF-_123", NULL), 0);
	assert_int_equal(ivp_csrf_equal("", ""), 0); /* no session: nothing matches */
	assert_int_equal(ivp_csrf_equal(NULL, "x"), 0);
}

static void ratelimit_window(void **state)
{
	const int64_t w = 900, now = 100000;
	/* newest first */
	int64_t four[] = { now - 10, now - 20, now - 30, now - 40 };
	int64_t five[] = { now - 10, now - 20, now - 30, now - 40, now - 100 };
	int64_t old[] = { now - 1, now - 2, now - 3, now - 4, now - w };

	(void)state;
	assert_int_equal(ivp__ratelimit_wait(four, 0, 5, w, now), 0);
	assert_int_equal(ivp__ratelimit_wait(four, 4, 5, w, now), 0); /* 4 of 5: go on */
	/* the 5th failure: wait until the oldest of the five leaves the window */
	assert_int_equal(ivp__ratelimit_wait(five, 5, 5, w, now), w - 100);
	assert_int_equal(ivp__ratelimit_wait(five, 5, 5, w, now + w - 101), 1);
	assert_int_equal(ivp__ratelimit_wait(five, 5, 5, w, now + w - 100), 0);
	assert_int_equal(ivp__ratelimit_wait(five, 5, 5, w, now + 5 * w), 0);
	/* the oldest exactly at the window's edge has left it */
	assert_int_equal(ivp__ratelimit_wait(old, 5, 5, w, now), 0);
	/* a lower limit counts the newest max only */
	assert_int_equal(ivp__ratelimit_wait(five, 5, 2, w, now), w - 20);
	assert_int_equal(ivp__ratelimit_wait(five, 5, 0, w, now), 0);
}

static void names_and_tokens(void **state)
{
	char h[65], c[48], h2[65], c2[48];

	(void)state;
	assert_int_equal(ivp__user_name_ok("j.jansen"), 1);
	assert_int_equal(ivp__user_name_ok("a@b-c_d"), 1);
	assert_int_equal(ivp__user_name_ok(""), 0);
	assert_int_equal(ivp__user_name_ok("a b"), 0);
	assert_int_equal(ivp__user_name_ok("a'--"), 0);
	assert_int_equal(ivp__user_name_ok(NULL), 0);
	assert_int_equal(ivp_role_parse("editor"), IVP_ROLE_EDITOR);
	assert_int_equal(ivp_role_parse("root"), IVP_ROLE_NONE);
	assert_string_equal(ivp_role_name(IVP_ROLE_PARTNER), "partner");
	assert_int_equal(ivp__token_derive("short", h, c), -1);
	assert_int_equal(ivp__token_derive("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!", h, c), -1);
	assert_int_equal(ivp__token_derive("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", h, c), 0);
	assert_int_equal(strlen(h), 64);
	assert_int_equal(strlen(c), 43);
	assert_int_equal(ivp__token_derive("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE", h2, c2), 0);
	assert_string_not_equal(h, h2);
	assert_string_not_equal(c, c2);
}

static void users_and_sessions(void **state)
{
	char path[] = "/tmp/ivp-test-auth-XXXXXX";
	int fd = mkstemp(path);
	ivp_ctx *ctx = NULL;
	ivp_error e;
	ivp_session s, chk;
	ivp_signin_status st;
	int retry = 0, valid = 0;
	char wal[64];

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(ivp_open(path, &ctx, &e), IVP_OK);
	assert_int_equal(ivp_user_add(ctx, "anna", IVP_ROLE_EDITOR, "correct horse battery"), IVP_OK);
	assert_int_equal(ivp_user_add(ctx, "anna", IVP_ROLE_VIEWER, "correct horse battery"), IVP_EINPUT);
	assert_int_equal(ivp_user_add(ctx, "bob", IVP_ROLE_VIEWER, "short"), IVP_EINPUT);
	assert_int_equal(ivp_user_add(ctx, "b b", IVP_ROLE_VIEWER, "long enough pw"), IVP_EINPUT);
	assert_int_equal(ivp_session_start(ctx, "anna", "wrong password!", "10.0.0.1", &s, &st, &retry), IVP_OK);
	assert_int_equal(st, IVP_SIGNIN_DENIED);
	assert_int_equal(ivp_session_start(ctx, "anna", "correct horse battery", "10.0.0.1", &s, &st, &retry), IVP_OK);
	assert_int_equal(st, IVP_SIGNIN_OK);
	assert_string_equal(s.user, "anna");
	assert_int_equal(s.role, IVP_ROLE_EDITOR);
	assert_int_equal(strlen(s.token), 43);
	assert_int_equal(ivp_session_check(ctx, s.token, &chk, &valid), IVP_OK);
	assert_int_equal(valid, 1);
	assert_string_equal(chk.csrf, s.csrf);
	assert_int_equal(ivp_csrf_equal(chk.csrf, s.csrf), 1);
	/* a new password ends the session */
	assert_int_equal(ivp_user_passwd(ctx, "anna", "another long passphrase"), IVP_OK);
	assert_int_equal(ivp_session_check(ctx, s.token, &chk, &valid), IVP_OK);
	assert_int_equal(valid, 0);
	assert_int_equal(ivp_session_start(ctx, "anna", "another long passphrase", NULL, &s, &st, &retry), IVP_OK);
	assert_int_equal(st, IVP_SIGNIN_OK);
	assert_int_equal(ivp_session_end(ctx, s.token), IVP_OK);
	assert_int_equal(ivp_session_check(ctx, s.token, &chk, &valid), IVP_OK);
	assert_int_equal(valid, 0);
	assert_int_equal(ivp_user_remove(ctx, "anna"), IVP_OK);
	assert_int_equal(ivp_user_remove(ctx, "anna"), IVP_ENOTFOUND);
	ivp_close(ctx);
	unlink(path);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	unlink(wal);
}

/* RFC 6238 appendix B: the ASCII keys of 20, 32 and 64 bytes, 8 digits, 30 s steps. */
static void totp_rfc6238(void **state)
{
	static const struct {
		int64_t t;
		const char *sha1, *sha256, *sha512;
	} v[] = {
		{ 59, "94287082", "46119246", "90693936" },
		{ 1111111109, "07081804", "68084774", "25091201" },
		{ 1111111111, "14050471", "67062674", "99943326" },
		{ 1234567890, "89005924", "91819424", "93441116" },
		{ 2000000000, "69279037", "90698825", "38618901" },
		{ 20000000000LL, "65353130", "77737706", "47863826" },
	};
	const char *k1 = "12345678901234567890";
	const char *k2 = "12345678901234567890123456789012";
	const char *k3 = "1234567890123456789012345678901234567890123456789012345678901234";
	char code[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(ivp__totp((const unsigned char *)k1, 20, v[i].t, 30, 8, "sha1", code, sizeof(code)), 0);
		assert_string_equal(code, v[i].sha1);
		assert_int_equal(ivp__totp((const unsigned char *)k2, 32, v[i].t, 30, 8, "sha256", code, sizeof(code)), 0);
		assert_string_equal(code, v[i].sha256);
		assert_int_equal(ivp__totp((const unsigned char *)k3, 64, v[i].t, 30, 8, "sha512", code, sizeof(code)), 0);
		assert_string_equal(code, v[i].sha512);
	}
	/* 6 digits are the last 6 of the 8 (the same truncation) */
	assert_int_equal(ivp__totp((const unsigned char *)k1, 20, 59, 30, 6, "sha1", code, sizeof(code)), 0);
	assert_string_equal(code, "287082");
	assert_int_equal(ivp__totp((const unsigned char *)k1, 20, -1, 30, 6, "sha1", code, sizeof(code)), -1);
	assert_int_equal(ivp__totp((const unsigned char *)k1, 20, 59, 30, 5, "sha1", code, sizeof(code)), -1);
}

static void totp_base32(void **state)
{
	unsigned char b[64];
	char s[128];

	(void)state;
	/* RFC 4648 section 10, without padding */
	assert_int_equal(ivp__base32_encode((const unsigned char *)"foobar", 6, s, sizeof(s)), 10);
	assert_string_equal(s, "MZXW6YTBOI");
	assert_int_equal(ivp__base32_encode((const unsigned char *)"f", 1, s, sizeof(s)), 2);
	assert_string_equal(s, "MY");
	assert_int_equal(ivp__base32_encode((const unsigned char *)"foobar", 6, s, 5), -1);
	assert_int_equal(ivp__base32_decode("MZXW6YTBOI", b, sizeof(b)), 6);
	assert_memory_equal(b, "foobar", 6);
	assert_int_equal(ivp__base32_decode("mzxw-6ytb oi======", b, sizeof(b)), 6); /* case, '-', ' ', '=' */
	assert_memory_equal(b, "foobar", 6);
	assert_int_equal(ivp__base32_decode("MZXW1", b, sizeof(b)), -1); /* 1 is not base32 */
	/* the RFC 6238 SHA-1 key as base32, through the app-facing function */
	assert_int_equal(ivp__base32_encode((const unsigned char *)"12345678901234567890", 20, s, sizeof(s)), 32);
	assert_string_equal(s, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	{
		char c[7];

		assert_int_equal(ivp_totp_code(s, 1111111109, c), 0);
		assert_string_equal(c, "081804");
		assert_int_equal(ivp__totp_match(s, "081804", 1111111109 + 30), 1111111109 / 30); /* a step late */
		assert_int_equal(ivp__totp_match(s, "081804", 1111111109 + 61), -1);		  /* two late */
		assert_int_equal(ivp__totp_match(s, "08180", 1111111109), -1);
		assert_int_equal(ivp_totp_code("short", 0, c), -1);
	}
}

static void throttle_rule(void **state)
{
	const int64_t w = 900, now = 100000, d = 30;
	int64_t f[] = { now - 10, now - 20, now - 30, now - 40, now - 50, now - 60, now - 70, now - 80,
			now - 90, now - 100, now - 110, now - 120 };

	(void)state;
	assert_int_equal(ivp__throttle_wait(f, 4, 5, d, w, now), 0);	   /* 4 of 5: go on */
	assert_int_equal(ivp__throttle_wait(f, 5, 5, d, w, now), 20);	   /* 30 s after the newest */
	assert_int_equal(ivp__throttle_wait(f, 6, 5, d, w, now), 50);	   /* 60 s */
	assert_int_equal(ivp__throttle_wait(f, 7, 5, d, w, now), 110);	   /* 120 s */
	assert_int_equal(ivp__throttle_wait(f, 12, 5, d, w, now), w - 10); /* at most the window */
	assert_int_equal(ivp__throttle_wait(f, 5, 5, d, w, now + 20), 0);  /* waited: one more try */
	assert_int_equal(ivp__throttle_wait(f, 0, 5, d, w, now), 0);
}

static void password_rule(void **state)
{
	const char *path = "/tmp/ivp-test-pwrule.db";
	ivp_ctx *ctx = NULL;
	ivp_error e;

	(void)state;
	unlink(path);
	assert_int_equal(ivp_open(path, &ctx, &e), IVP_OK);
	assert_int_equal(ivp_user_add(ctx, "root", IVP_ROLE_ADMIN, "Password12"), IVP_EINPUT);
	assert_string_equal(ivp_last_error(ctx)->message, "the password is too easy to guess");
	assert_int_equal(ivp_user_add(ctx, "root", IVP_ROLE_ADMIN, "welkom123456"), IVP_EINPUT);
	assert_int_equal(ivp_user_add(ctx, "jansen", IVP_ROLE_EDITOR, "jansen-2026-x"), IVP_EINPUT);
	assert_string_equal(ivp_last_error(ctx)->message, "the password contains the user name");
	assert_int_equal(ivp_user_add(ctx, "root", IVP_ROLE_ADMIN, "aaaaaaaaaaaa"), IVP_EINPUT);
	assert_int_equal(ivp_user_add(ctx, "root", IVP_ROLE_ADMIN, "short1!"), IVP_EINPUT);
	assert_int_equal(ivp_user_add(ctx, "root", IVP_ROLE_ADMIN, "paars fietspad onweer 9"), IVP_OK);
	assert_int_equal(ivp_user_passwd(ctx, "root", "Password12"), IVP_EINPUT);
	ivp_close(ctx);
	unlink(path);
}

static ivp_signin_status signin(ivp_ctx *ctx, const char *name, const char *pw, const char *totp,
				const char *client, int *retry)
{
	ivp_signin_req q = { name, pw, totp, client };
	ivp_session s;
	ivp_signin_status st = IVP_SIGNIN_DENIED;

	assert_int_equal(ivp_signin(ctx, &q, &s, &st, retry), IVP_OK);
	return st;
}

/* Failures from one address never lock the name out elsewhere; the address is held back. */
static void throttle_signin(void **state)
{
	const char *path = "/tmp/ivp-test-throttle.db";
	ivp_ctx *ctx = NULL;
	ivp_error e;
	int i, retry = 0;

	(void)state;
	unlink(path);
	assert_int_equal(ivp_open(path, &ctx, &e), IVP_OK);
	assert_int_equal(ivp_user_add(ctx, "anna", IVP_ROLE_EDITOR, "correct horse battery"), IVP_OK);
	for (i = 0; i < IVP_SIGNIN_MAX_FAILS; i++)
		assert_int_equal(signin(ctx, "anna", "wrong guess!", NULL, "10.0.0.66", &retry), IVP_SIGNIN_DENIED);
	/* the attacker's address waits, even with the right password */
	assert_int_equal(signin(ctx, "anna", "correct horse battery", NULL, "10.0.0.66", &retry), IVP_SIGNIN_LIMITED);
	assert_true(retry > 0 && retry <= IVP_SIGNIN_DELAY);
	assert_int_equal(signin(ctx, "bert", "anything at all", NULL, "10.0.0.66", &retry), IVP_SIGNIN_LIMITED);
	/* anna from her own address signs in */
	assert_int_equal(signin(ctx, "anna", "correct horse battery", NULL, "10.0.0.7", &retry), IVP_SIGNIN_OK);
	ivp_close(ctx);
	unlink(path);
}

/* TOTP at sign-in: required once enrolled, each code once; admins need one; the session limit. */
static void totp_signin(void **state)
{
	const char *path = "/tmp/ivp-test-totp.db";
	ivp_ctx *ctx = NULL;
	ivp_error e;
	ivp_session s[IVP_USER_SESSIONS + 1], chk;
	ivp_signin_req q = { "root", "paars fietspad onweer 9", NULL, "10.0.0.1" };
	ivp_signin_status st;
	char *uri = NULL, secret[64], code[7];
	const char *p;
	int retry = 0, valid = 0, i;

	(void)state;
	unlink(path);
	assert_int_equal(ivp_open(path, &ctx, &e), IVP_OK);
	assert_int_equal(ivp_user_add(ctx, "root", IVP_ROLE_ADMIN, "paars fietspad onweer 9"), IVP_OK);
	/* an admin without a second factor is refused after the right password */
	assert_int_equal(signin(ctx, "root", "paars fietspad onweer 9", NULL, "10.0.0.1", &retry), IVP_SIGNIN_ENROLL);
	assert_int_equal(ivp_user_totp_enroll(ctx, "nobody", "ivp", &uri), IVP_ENOTFOUND);
	assert_int_equal(ivp_user_totp_enroll(ctx, "root", "ivp", &uri), IVP_OK);
	assert_non_null(uri);
	assert_int_equal(strncmp(uri, "otpauth://totp/ivp:root?secret=", 31), 0);
	p = uri + 31;
	snprintf(secret, sizeof(secret), "%.*s", (int)strcspn(p, "&"), p);
	free(uri);
	assert_int_equal(strlen(secret), 32);
	assert_int_equal(signin(ctx, "root", "paars fietspad onweer 9", NULL, "10.0.0.1", &retry), IVP_SIGNIN_TOTP);
	assert_int_equal(signin(ctx, "root", "paars fietspad onweer 9", "000000", "10.0.0.1", &retry) == IVP_SIGNIN_OK,
			 0);
	assert_int_equal(ivp_totp_code(secret, (int64_t)time(NULL), code), 0);
	q.totp = code;
	assert_int_equal(ivp_signin(ctx, &q, &s[0], &st, &retry), IVP_OK);
	if (st == IVP_SIGNIN_TOTP) { /* the step turned between the code and the check */
		assert_int_equal(ivp_totp_code(secret, (int64_t)time(NULL), code), 0);
		assert_int_equal(ivp_signin(ctx, &q, &s[0], &st, &retry), IVP_OK);
	}
	assert_int_equal(st, IVP_SIGNIN_OK);
	assert_int_equal(s[0].role, IVP_ROLE_ADMIN);
	/* the same code again: a replay */
	assert_int_equal(signin(ctx, "root", "paars fietspad onweer 9", code, "10.0.0.1", &retry), IVP_SIGNIN_TOTP);
	/* a wrong password with a good code is still a wrong password */
	assert_int_equal(signin(ctx, "root", "not the password", code, "10.0.0.2", &retry), IVP_SIGNIN_DENIED);
	assert_int_equal(ivp_user_totp_remove(ctx, "root"), IVP_EINPUT); /* an admin keeps it */
	/* an editor without one: sessions beyond the limit end the oldest */
	assert_int_equal(ivp_user_add(ctx, "anna", IVP_ROLE_EDITOR, "correct horse battery"), IVP_OK);
	q.name = "anna";
	q.password = "correct horse battery";
	q.totp = NULL;
	for (i = 0; i <= IVP_USER_SESSIONS; i++) {
		q.client = i % 2 ? "10.0.0.3" : "10.0.0.4";
		assert_int_equal(ivp_signin(ctx, &q, &s[i], &st, &retry), IVP_OK);
		assert_int_equal(st, IVP_SIGNIN_OK);
		sleep(i == 0); /* the first is the oldest by a second */
	}
	assert_int_equal(ivp_session_check(ctx, s[0].token, &chk, &valid), IVP_OK);
	assert_int_equal(valid, 0);
	assert_int_equal(ivp_session_check(ctx, s[IVP_USER_SESSIONS].token, &chk, &valid), IVP_OK);
	assert_int_equal(valid, 1);
	/* enrolled by choice, removed by choice */
	assert_int_equal(ivp_user_totp_enroll(ctx, "anna", "ivp", &uri), IVP_OK);
	free(uri);
	assert_int_equal(signin(ctx, "anna", "correct horse battery", NULL, "10.0.0.4", &retry), IVP_SIGNIN_TOTP);
	assert_int_equal(ivp_user_totp_remove(ctx, "anna"), IVP_OK);
	assert_int_equal(signin(ctx, "anna", "correct horse battery", NULL, "10.0.0.4", &retry), IVP_SIGNIN_OK);
	ivp_close(ctx);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csrf_compare),
		cmocka_unit_test(ratelimit_window),
		cmocka_unit_test(names_and_tokens),
		cmocka_unit_test(users_and_sessions),
		cmocka_unit_test(totp_rfc6238),
		cmocka_unit_test(totp_base32),
		cmocka_unit_test(throttle_rule),
		cmocka_unit_test(password_rule),
		cmocka_unit_test(throttle_signin),
		cmocka_unit_test(totp_signin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
