/*
 * test_audit.c — the audit trail's pure parts (src/audit/chain.c): the
 * canonical encoding and its hash against values computed independently
 * (Python's hashlib on the encoding of docs/audit.md), the chain checker
 * on a sealed trail and on each kind of tampering, and the head parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit/audit.h"

static ivp__audit_rec sample(void)
{
	ivp__audit_rec r;

	memset(&r, 0, sizeof(r));
	snprintf(r.at, sizeof(r.at), "2026-12-01T15:06:51Z");
	snprintf(r.user, sizeof(r.user), "anna");
	snprintf(r.addr, sizeof(r.addr), "127.0.0.1");
	snprintf(r.action, sizeof(r.action), "measure.update");
	snprintf(r.object, sizeof(r.object), "measure:p/m1");
	memset(r.after, 'a', 64);
	for (int i = 1; i < 64; i += 2)
		r.after[i] = 'b';
	snprintf(r.prev, sizeof(r.prev), "%s", IVP__AUDIT_ZERO);
	return r;
}

static void test_encoding(void **state)
{
	ivp__audit_rec r = sample();
	ivp__buf b;
	char hex[65];

	(void)state;
	ivp__buf_init(&b, 4096);
	assert_int_equal(ivp__audit_encode(&r, &b), 0);
	assert_string_equal(ivp__buf_str(&b),
			    "ivp-audit-1\n20:2026-12-01T15:06:51Z\n4:anna\n0:\n9:127.0.0.1\n14:measure.update\n"
			    "12:measure:p/m1\n0:\n64:abababababababababababababababababababababababababababababababab\n"
			    "64:0000000000000000000000000000000000000000000000000000000000000000\n");
	ivp__buf_free(&b);
	assert_int_equal(ivp__audit_hash(&r, hex), 0);
	assert_string_equal(hex, "205addc2f983762394d4d39ea55c3113811feb7021bd2a3a65345bc99c57e57c");
	/* lengths are bytes, not characters */
	snprintf(r.user, sizeof(r.user), "zo\xc3\xab");
	assert_int_equal(ivp__audit_hash(&r, hex), 0);
	assert_string_equal(hex, "0b7ede0a6ba5816e7e7b12a90155b48c753b2f07eca5afd517731a8464f3c96d");
}

#define N 6

/* A sealed trail of N entries with distinct contents. */
static void trail(ivp__audit_rec *t, int n)
{
	for (int i = 0; i < n; i++) {
		t[i] = sample();
		t[i].seq = i + 1;
		snprintf(t[i].object, sizeof(t[i].object), "object:%d", i + 1);
		snprintf(t[i].prev, sizeof(t[i].prev), "%s", i ? t[i - 1].hash : IVP__AUDIT_ZERO);
		assert_int_equal(ivp__audit_hash(&t[i], t[i].hash), 0);
	}
}

typedef struct arr {
	const ivp__audit_rec *t;
	int n;
} arr;

static int find(void *ud, int64_t after, const char *hash, int64_t *seq)
{
	const arr *a = ud;

	for (int i = 0; i < a->n; i++)
		if (a->t[i].seq > after && !strcmp(a->t[i].hash, hash)) {
			*seq = a->t[i].seq;
			return 1;
		}
	return 0;
}

/* Feed t[0..n) and return the fault (seq in *seq). */
static ivp_audit_fault check(const ivp__audit_rec *t, int n, int64_t *seq)
{
	arr a = { t, n };
	ivp__chain c;
	int r = 0;

	ivp__chain_init(&c, find, &a);
	for (int i = 0; i < n && !r; i++)
		r = ivp__chain_feed(&c, &t[i]);
	if (!r)
		r = ivp__chain_end(&c);
	assert_true(r >= 0);
	*seq = c.seq;
	if (!c.fault)
		assert_int_equal(c.entries, n);
	return c.fault;
}

static void test_whole(void **state)
{
	ivp__audit_rec t[N];
	int64_t seq = -1;

	(void)state;
	trail(t, N);
	assert_int_equal(check(t, N, &seq), IVP_AUDIT_OK);
	assert_int_equal(check(t, 1, &seq), IVP_AUDIT_OK);
	assert_int_equal(check(t, 0, &seq), IVP_AUDIT_OK);
}

static void test_changed(void **state)
{
	ivp__audit_rec t[N];
	int64_t seq = 0;

	(void)state;
	trail(t, N);
	snprintf(t[2].user, sizeof(t[2].user), "mallory");
	assert_int_equal(check(t, N, &seq), IVP_AUDIT_CHANGED);
	assert_int_equal(seq, 3);
	/* the last entry: no successor to look at */
	trail(t, N);
	snprintf(t[N - 1].action, sizeof(t[N - 1].action), "other");
	assert_int_equal(check(t, N, &seq), IVP_AUDIT_CHANGED);
	assert_int_equal(seq, N);
	/* contents and hash rewritten together: the next entry's link names it */
	trail(t, N);
	snprintf(t[2].user, sizeof(t[2].user), "mallory");
	assert_int_equal(ivp__audit_hash(&t[2], t[2].hash), 0);
	assert_int_equal(check(t, N, &seq), IVP_AUDIT_CHANGED);
	assert_int_equal(seq, 3);
}

static void test_removed(void **state)
{
	ivp__audit_rec t[N], u[N];
	int64_t seq = 0;

	(void)state;
	trail(t, N);
	/* entry 3 gone */
	memcpy(u, t, 2 * sizeof(t[0]));
	memcpy(u + 2, t + 3, (N - 3) * sizeof(t[0]));
	assert_int_equal(check(u, N - 1, &seq), IVP_AUDIT_REMOVED);
	assert_int_equal(seq, 3);
	/* the first entry gone */
	assert_int_equal(check(t + 1, N - 1, &seq), IVP_AUDIT_REMOVED);
	assert_int_equal(seq, 1);
}

static void test_inserted(void **state)
{
	ivp__audit_rec t[N], u[N + 1];
	int64_t seq = 0;

	(void)state;
	trail(t, N);
	/* a forged entry after entry 2 with a correct hash of its own */
	memcpy(u, t, 2 * sizeof(t[0]));
	u[2] = sample();
	snprintf(u[2].user, sizeof(u[2].user), "mallory");
	snprintf(u[2].prev, sizeof(u[2].prev), "%s", t[1].hash);
	assert_int_equal(ivp__audit_hash(&u[2], u[2].hash), 0);
	memcpy(u + 3, t + 2, (N - 2) * sizeof(t[0]));
	for (int i = 0; i < N + 1; i++)
		u[i].seq = i + 1;
	assert_int_equal(check(u, N + 1, &seq), IVP_AUDIT_INSERTED);
	assert_int_equal(seq, 3);
	/* the same with a hash that does not match */
	memset(u[2].hash, 'f', 64);
	assert_int_equal(check(u, N + 1, &seq), IVP_AUDIT_INSERTED);
	assert_int_equal(seq, 3);
}

static void test_reordered(void **state)
{
	ivp__audit_rec t[N], x;
	int64_t seq = 0;

	(void)state;
	trail(t, N);
	x = t[1];
	t[1] = t[2];
	t[2] = x;
	t[1].seq = 2;
	t[2].seq = 3;
	assert_int_equal(check(t, N, &seq), IVP_AUDIT_REORDERED);
	assert_int_equal(seq, 2);
}

static void test_head_parse(void **state)
{
	char hash[65];
	int64_t seq = 0;
	const char *good = "ivp-audit-head 1 seq=42 at=2026-12-01T15:06:51Z "
			   "hash=205addc2f983762394d4d39ea55c3113811feb7021bd2a3a65345bc99c57e57c\n";

	(void)state;
	assert_int_equal(ivp__audit_head_parse(good, strlen(good), &seq, hash), 0);
	assert_int_equal(seq, 42);
	assert_string_equal(hash, "205addc2f983762394d4d39ea55c3113811feb7021bd2a3a65345bc99c57e57c");
	assert_int_equal(ivp__audit_head_parse(good, strlen(good) - 2, &seq, hash), -1); /* 63 digits */
	assert_int_equal(ivp__audit_head_parse("ivp-audit-head 2 seq=1 at=- hash=", 34, &seq, hash), -1);
	assert_int_equal(ivp__audit_head_parse("", 0, &seq, hash), -1);
	{
		char bad[200];

		snprintf(bad, sizeof(bad), "%.*sX\n", (int)strlen(good) - 2, good);
		assert_int_equal(ivp__audit_head_parse(bad, strlen(bad), &seq, hash), -1);
		snprintf(bad, sizeof(bad), "%s trailing", good);
		assert_int_equal(ivp__audit_head_parse(bad, strlen(bad), &seq, hash), -1);
		snprintf(bad, sizeof(bad), "ivp-audit-head 1 seq=-3 at=- hash=%s", IVP__AUDIT_ZERO);
		assert_int_equal(ivp__audit_head_parse(bad, strlen(bad), &seq, hash), -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_changed),
		cmocka_unit_test(test_removed),
		cmocka_unit_test(test_inserted),
		cmocka_unit_test(test_reordered),
		cmocka_unit_test(test_head_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
