/*
 * test_auth.c — src/auth/: the constant-time CSRF compare, the rate-limit
 * window rule, user names, token derivation, and users and sessions on a
 * real database (argon2id hashes, sessions stored hashed, sign-out).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csrf_compare),
		cmocka_unit_test(ratelimit_window),
		cmocka_unit_test(names_and_tokens),
		cmocka_unit_test(users_and_sessions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
