/*
 * test_registers.c — what the restricted registers share (src/registers/):
 * the need-to-know decision cell by cell, the vault (seal and open, the
 * associated data, the wrong key file, a missing or too open one,
 * rotation, shredding, the blind index), membership (admin only, TOTP
 * required and kept), the audit entry with a reason and its encoding,
 * and retention with a fake register and a fixed date. Runs on SQLite, or
 * on PostgreSQL when IVP_TEST_DB=postgresql (tests/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../store/factory.h"
#include "audit/audit.h"
#include "ivp/audit.h"
#include "ivp/registers.h"
#include "registers/registers.h"
#include "store/auth_store.h"
#include "store/reg_store.h"

/* ---- the decision, every cell ------------------------------------------------ */

enum {
	A = IVP__NTK_ALLOW,
	R = IVP__NTK_REASON,
	H = IVP__NTK_HIDDEN
};

typedef struct cell_row {
	const char *who;
	ivp__reg reg;
	ivp__reg_rel rel;
	int want[5]; /* read, list, count, write, export */
} cell_row;

static const cell_row matrix[] = {
	/* signals: member/handler/dept_only/participant */
	{ "signals member handler", IVP__REG_SIGNALS, { 1, 1, 0, 0 }, { A, A, A, A, A } },
	{ "signals member", IVP__REG_SIGNALS, { 1, 0, 0, 0 }, { R, A, A, R, R } },
	{ "signals department handler", IVP__REG_SIGNALS, { 0, 1, 1, 0 }, { A, A, H, A, H } },
	{ "signals non-member, same organisation", IVP__REG_SIGNALS, { 0, 0, 0, 0 }, { H, H, H, H, H } },
	{ "signals handler no longer a member", IVP__REG_SIGNALS, { 0, 1, 0, 0 }, { H, H, H, H, H } },
	{ "signals dept flag without the hand-over", IVP__REG_SIGNALS, { 0, 0, 1, 0 }, { H, H, H, H, H } },
	{ "signals admin (no relation)", IVP__REG_SIGNALS, { 0, 0, 0, 0 }, { H, H, H, H, H } },
	/* cases */
	{ "cases process director", IVP__REG_CASES, { 1, 1, 0, 1 }, { A, A, A, A, A } },
	{ "cases director, organisation not taking part", IVP__REG_CASES, { 1, 1, 0, 0 }, { A, A, A, A, A } },
	{ "cases member of a participating org", IVP__REG_CASES, { 1, 0, 0, 1 }, { R, A, A, R, R } },
	{ "cases member of another org", IVP__REG_CASES, { 1, 0, 0, 0 }, { H, H, H, H, H } },
	{ "cases org that left (participant 0)", IVP__REG_CASES, { 1, 0, 0, 0 }, { H, H, H, H, H } },
	{ "cases non-member of a participating org", IVP__REG_CASES, { 0, 0, 0, 1 }, { H, H, H, H, H } },
	{ "cases director no longer a member", IVP__REG_CASES, { 0, 1, 0, 1 }, { H, H, H, H, H } },
	{ "cases admin (no relation)", IVP__REG_CASES, { 0, 0, 0, 0 }, { H, H, H, H, H } },
};

static void decide_matrix(void **state)
{
	static const char *const acts[] = { "read", "list", "count", "write", "export" };
	size_t i;
	int a, got, cells = 0;

	(void)state;
	for (i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++)
		for (a = 0; a < 5; a++) {
			got = ivp__reg_decide(matrix[i].reg, &matrix[i].rel, (ivp__reg_act)a);
			if (got != matrix[i].want[a])
				fail_msg("%s, %s: got %d, want %d", matrix[i].who, acts[a], got, matrix[i].want[a]);
			cells++;
		}
	assert_int_equal(cells, 75);
	/* anonymous (no relation at all) and nonsense are hidden */
	assert_int_equal(ivp__reg_decide(IVP__REG_SIGNALS, NULL, IVP__REG_LIST), H);
	assert_int_equal(ivp__reg_decide((ivp__reg)7, &matrix[0].rel, IVP__REG_LIST), H);
	assert_int_equal(ivp__reg_decide(IVP__REG_CASES, &matrix[7].rel, (ivp__reg_act)9), H);
}

static void names(void **state)
{
	ivp__reg r;

	(void)state;
	assert_string_equal(ivp__reg_name(IVP__REG_SIGNALS), "signals");
	assert_string_equal(ivp__reg_name(IVP__REG_CASES), "cases");
	assert_null(ivp__reg_name((ivp__reg)2));
	assert_int_equal(ivp__reg_parse("cases", &r), 0);
	assert_int_equal(r, IVP__REG_CASES);
	assert_int_equal(ivp__reg_parse("Cases", &r), -1);
	assert_int_equal(ivp__reg_parse(NULL, &r), -1);
}

/* ---- a database and a key file --------------------------------------------------- */

typedef struct fx {
	tdb t;		/* the database (tests/store/factory.h: SQLite or PostgreSQL) */
	char dir[64];	/* the key files' directory */
	char keys[128]; /* the key file */
	ivp_ctx *ctx;
} fx;

static void fx_open(fx *f)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(tdb_create(&f->t), 0);
	f->ctx = f->t.ctx;
	snprintf(f->dir, sizeof(f->dir), "/tmp/ivp-test-reg-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->keys, sizeof(f->keys), "%s/keys", f->dir);
	ivp_set_actor(f->ctx, "adam", NULL, "cli os:test");
	assert_int_equal(ivp_user_add(f->ctx, "adam", IVP_ROLE_ADMIN, "paars fietspad onweer 9"), IVP_OK);
	ivp_set_keys(f->ctx, f->keys);
	assert_int_equal(ivp_keys_init(f->ctx), IVP_OK);
}

static void fx_close(fx *f)
{
	assert_int_equal(unlink(f->keys), 0);
	assert_int_equal(rmdir(f->dir), 0);
	tdb_drop(&f->t);
}

static const char *code(fx *f)
{
	return ivp_last_error(f->ctx)->code;
}

/* Seal `plain` as field of rec with a new DEK; the blob in *b. */
static void seal_new(fx *f, ivp__reg reg, const char *rec, const char *field, const char *plain, ivp__buf *b)
{
	unsigned char dek[IVP__DEK_BYTES];

	if (ivp__vault_new(f->ctx, reg, rec, dek))
		fail_msg("vault_new: %s (%s)", ivp_last_error(f->ctx)->message, ivp_last_error(f->ctx)->detail);
	assert_int_equal(ivp__vault_seal(f->ctx, dek, reg, rec, field, plain, strlen(plain), b), IVP_OK);
	ivp__vault_wipe(dek, sizeof(dek));
}

static ivp_rc open_field(fx *f, ivp__reg reg, const char *rec, const char *field, const ivp__buf *b,
			 ivp__buf *out)
{
	unsigned char dek[IVP__DEK_BYTES];
	ivp_rc rc = ivp__vault_get(f->ctx, reg, rec, dek);

	if (!rc)
		rc = ivp__vault_open(f->ctx, dek, reg, rec, field, b->p, b->len, out);
	ivp__vault_wipe(dek, sizeof(dek));
	return rc;
}

static void vault_roundtrip(void **state)
{
	fx f;
	ivp__buf b, out;
	unsigned char dek[IVP__DEK_BYTES];
	const char *plain = "Jan de Vries, Dorpsstraat 1";

	(void)state;
	fx_open(&f);
	ivp__buf_init(&b, 1 << 20);
	ivp__buf_init(&out, 1 << 20);
	seal_new(&f, IVP__REG_SIGNALS, "S-2026-0001", "description", plain, &b);
	assert_int_equal(b.len, 1 + 24 + strlen(plain) + 16);
	for (size_t k = 0; k + 5 <= b.len; k++)
		assert_int_not_equal(memcmp(b.p + k, "Vries", 5), 0);
	assert_int_equal(open_field(&f, IVP__REG_SIGNALS, "S-2026-0001", "description", &b, &out), IVP_OK);
	assert_string_equal(ivp__buf_str(&out), plain);
	assert_int_equal(out.len, strlen(plain));
	/* a second DEK for the same record is refused */
	assert_int_equal(ivp__vault_new(f.ctx, IVP__REG_SIGNALS, "S-2026-0001", dek), IVP_EINTERNAL);
	/* the associated data binds field, record and register */
	ivp__buf_reset(&out);
	assert_int_equal(open_field(&f, IVP__REG_SIGNALS, "S-2026-0001", "persons", &b, &out), IVP_EINPUT);
	assert_string_equal(code(&f), "keys_wrong");
	seal_new(&f, IVP__REG_SIGNALS, "S-2026-0002", "description", "other", &out);
	ivp__buf_reset(&out);
	assert_int_equal(open_field(&f, IVP__REG_SIGNALS, "S-2026-0002", "description", &b, &out), IVP_EINPUT);
	seal_new(&f, IVP__REG_CASES, "S-2026-0001", "description", "x", &out);
	ivp__buf_reset(&out);
	assert_int_equal(open_field(&f, IVP__REG_CASES, "S-2026-0001", "description", &b, &out), IVP_EINPUT);
	/* one flipped bit of the ciphertext fails */
	b.p[30] ^= 1;
	ivp__buf_reset(&out);
	assert_int_equal(open_field(&f, IVP__REG_SIGNALS, "S-2026-0001", "description", &b, &out), IVP_EINPUT);
	b.p[30] ^= 1;
	/* an empty field seals and opens */
	ivp__buf_reset(&out);
	assert_int_equal(ivp__vault_get(f.ctx, IVP__REG_SIGNALS, "S-2026-0001", dek), IVP_OK);
	assert_int_equal(ivp__vault_seal(f.ctx, dek, IVP__REG_SIGNALS, "S-2026-0001", "note", "", 0, &out), IVP_OK);
	{
		ivp__buf o2;

		ivp__buf_init(&o2, 64);
		assert_int_equal(ivp__vault_open(f.ctx, dek, IVP__REG_SIGNALS, "S-2026-0001", "note", out.p, out.len, &o2),
				 IVP_OK);
		assert_string_equal(ivp__buf_str(&o2), "");
		ivp__buf_free(&o2);
	}
	/* shredding: the DEK is gone, the content cannot be opened */
	assert_int_equal(ivp__vault_shred(f.ctx, IVP__REG_SIGNALS, "S-2026-0001"), IVP_OK);
	assert_int_equal(ivp__vault_shred(f.ctx, IVP__REG_SIGNALS, "S-2026-0001"), IVP_ENOTFOUND);
	assert_int_equal(ivp__vault_get(f.ctx, IVP__REG_SIGNALS, "S-2026-0001", dek), IVP_ENOTFOUND);
	ivp__vault_wipe(dek, sizeof(dek));
	ivp__buf_free(&b);
	ivp__buf_free(&out);
	fx_close(&f);
}

static void vault_keyfile(void **state)
{
	fx f, g;
	ivp__buf b, out;
	unsigned char dek[IVP__DEK_BYTES];
	char hex1[65], hex2[65];
	ivp_table *t = NULL;

	(void)state;
	fx_open(&f);
	ivp__buf_init(&b, 1 << 20);
	ivp__buf_init(&out, 1 << 20);
	seal_new(&f, IVP__REG_CASES, "C-1", "bsn", "123456782", &b);
	assert_int_equal(ivp__vault_blind(f.ctx, IVP__REG_CASES, "bsn", "123456782", hex1), IVP_OK);
	assert_int_equal(strlen(hex1), 64);
	assert_int_equal(ivp__vault_blind(f.ctx, IVP__REG_CASES, "bsn", "123456783", hex2), IVP_OK);
	assert_string_not_equal(hex1, hex2);
	assert_int_equal(ivp__vault_blind(f.ctx, IVP__REG_SIGNALS, "bsn", "123456782", hex2), IVP_OK);
	assert_string_not_equal(hex1, hex2); /* per register */
	/* init again: refused for an existing file and for a database with keys */
	assert_int_equal(ivp_keys_init(f.ctx), IVP_EINPUT);
	assert_string_equal(code(&f), "keys_initialised");
	/* rotate: the record still opens, the blind index stays, the DEK moved */
	assert_int_equal(ivp_keys_rotate(f.ctx), IVP_OK);
	assert_int_equal(open_field(&f, IVP__REG_CASES, "C-1", "bsn", &b, &out), IVP_OK);
	assert_string_equal(ivp__buf_str(&out), "123456782");
	assert_int_equal(ivp__vault_blind(f.ctx, IVP__REG_CASES, "bsn", "123456782", hex2), IVP_OK);
	assert_string_equal(hex1, hex2);
	assert_int_equal(ivp_keys_status(f.ctx, &t), IVP_OK);
	assert_int_equal(ivp_table_nrows(t), 2); /* one version per register */
	assert_int_equal(ivp_table_int(t, 1, 3), 2);
	assert_int_equal(ivp_table_int(t, 1, 6), 1);
	assert_string_equal(ivp_table_text(t, 1, 1), "0600");
	ivp_table_free(t);
	/* a key file too open */
	assert_int_equal(chmod(f.keys, 0640), 0);
	ivp_set_keys(f.ctx, f.keys);
	assert_int_equal(ivp__vault_get(f.ctx, IVP__REG_CASES, "C-1", dek), IVP_EINPUT);
	assert_string_equal(code(&f), "keys_mode");
	assert_int_equal(chmod(f.keys, 0600), 0);
	/* missing, none */
	ivp_set_keys(f.ctx, "/nonexistent/keys");
	assert_int_equal(ivp__vault_ready(f.ctx, IVP__REG_CASES), IVP_EINPUT);
	assert_string_equal(code(&f), "keys_missing");
	ivp_set_keys(f.ctx, NULL);
	assert_int_equal(ivp__vault_ready(f.ctx, IVP__REG_CASES), IVP_EINPUT);
	assert_string_equal(code(&f), "keys_none");
	/* another database's key file: "not this database's", nothing opens */
	fx_open(&g);
	ivp_set_keys(f.ctx, g.keys);
	assert_int_equal(ivp__vault_get(f.ctx, IVP__REG_CASES, "C-1", dek), IVP_EINPUT);
	assert_string_equal(code(&f), "keys_wrong");
	assert_non_null(strstr(ivp_last_error(f.ctx)->message, "not this database"));
	/* a key file whose key differs but has the same check names (g's file, f's index) */
	fx_close(&g);
	/* a malformed file */
	{
		FILE *fp = fopen(f.keys, "w");

		assert_non_null(fp);
		assert_true(fputs("ivp-keys 1\nindex signals zz\n", fp) >= 0);
		assert_int_equal(fclose(fp), 0);
	}
	assert_int_equal(chmod(f.keys, 0600), 0);
	ivp_set_keys(f.ctx, f.keys);
	assert_int_equal(ivp__vault_ready(f.ctx, IVP__REG_SIGNALS), IVP_EINPUT);
	assert_string_equal(code(&f), "keys_invalid");
	ivp__vault_wipe(dek, sizeof(dek));
	ivp__buf_free(&b);
	ivp__buf_free(&out);
	fx_close(&f);
}

/* ---- membership ------------------------------------------------------------------ */

static void membership(void **state)
{
	fx f;
	char *uri = NULL;
	int existed = 0, yes = 0, retry = 0;
	ivp_table *t = NULL;
	ivp_session s;
	ivp_signin_status st;
	ivp_signin_req q = { "zora", "correct horse battery", NULL, "10.0.0.1" };

	(void)state;
	fx_open(&f);
	assert_int_equal(ivp_user_add(f.ctx, "zora", IVP_ROLE_PARTNER, "correct horse battery"), IVP_OK);
	/* no second factor yet */
	assert_int_equal(ivp_register_grant(f.ctx, "cases", "zora", &existed), IVP_EINPUT);
	assert_string_equal(code(&f), "register_totp");
	assert_non_null(strstr(ivp_last_error(f.ctx)->hint, "ivp user totp zora"));
	assert_int_equal(ivp_user_totp_enroll(f.ctx, "zora", "ivp", &uri), IVP_OK);
	free(uri);
	/* only an admin grants */
	ivp_set_actor(f.ctx, "zora", NULL, "cli os:test");
	assert_int_equal(ivp_register_grant(f.ctx, "cases", "zora", &existed), IVP_EINPUT);
	assert_string_equal(code(&f), "register_admin");
	ivp_set_actor(f.ctx, "adam", NULL, "cli os:test");
	assert_int_equal(ivp_register_grant(f.ctx, "nope", "zora", &existed), IVP_EINPUT);
	assert_string_equal(code(&f), "register_unknown");
	assert_int_equal(ivp_register_grant(f.ctx, "cases", "nobody", &existed), IVP_EINPUT);
	assert_int_equal(ivp_register_grant(f.ctx, "cases", "zora", &existed), IVP_OK);
	assert_int_equal(existed, 0);
	assert_int_equal(ivp_register_grant(f.ctx, "cases", "zora", &existed), IVP_OK);
	assert_int_equal(existed, 1);
	assert_int_equal(ivp__reg_is_member(f.ctx, IVP__REG_CASES, "zora", &yes), IVP_OK);
	assert_int_equal(yes, 1);
	assert_int_equal(ivp__reg_is_member(f.ctx, IVP__REG_SIGNALS, "zora", &yes), IVP_OK);
	assert_int_equal(yes, 0);
	assert_int_equal(ivp_register_members(f.ctx, NULL, &t), IVP_OK);
	assert_int_equal(ivp_table_nrows(t), 1);
	assert_string_equal(ivp_table_text(t, 0, 1), "zora");
	assert_string_equal(ivp_table_text(t, 0, 2), "gemeente");
	assert_string_equal(ivp_table_text(t, 0, 3), "adam");
	ivp_table_free(t);
	/* a member keeps the second factor */
	assert_int_equal(ivp_user_totp_remove(f.ctx, "zora"), IVP_EINPUT);
	assert_string_equal(code(&f), "totp_kept");
	/* and signs in with it: the right password alone is not enough */
	assert_int_equal(ivp_signin(f.ctx, &q, &s, &st, &retry), IVP_OK);
	assert_int_equal(st, IVP_SIGNIN_TOTP);
	/* revoke: audited, then a second revoke is "no member" */
	assert_int_equal(ivp_register_revoke(f.ctx, "cases", "zora"), IVP_OK);
	assert_int_equal(ivp_register_revoke(f.ctx, "cases", "zora"), IVP_ENOTFOUND);
	assert_string_equal(code(&f), "register_no_member");
	assert_int_equal(ivp_user_totp_remove(f.ctx, "zora"), IVP_OK);
	/* a member without one (put there behind the grant's back) must enrol */
	assert_int_equal(ivp__store_reg_member_add(f.ctx, "signals", "zora", "test", "2026-01-01T00:00:00Z", &existed),
			 IVP_OK);
	assert_int_equal(ivp_signin(f.ctx, &q, &s, &st, &retry), IVP_OK);
	assert_int_equal(st, IVP_SIGNIN_ENROLL);
	assert_int_equal(ivp_audit_show(f.ctx, &(ivp_audit_query){ NULL, "register:cases/zora", NULL, 0 }, &t), IVP_OK);
	assert_int_equal(ivp_table_nrows(t), 2);
	assert_string_equal(ivp_table_text(t, 0, 5), "register.grant");
	assert_string_equal(ivp_table_text(t, 1, 5), "register.revoke");
	ivp_table_free(t);
	fx_close(&f);
}

/* The TOTP secret sealed by the key file's TOTP key; without the key file
 * the user cannot sign in; a secret enrolled without one stays base32. */
static void totp_sealed(void **state)
{
	fx f;
	char *uri = NULL, secret[64], totp[7];
	const char *p;
	ivp__user_rec u;
	ivp_session s;
	ivp_signin_status st;
	ivp_signin_req q = { "zora", "correct horse battery", totp, "10.0.0.9" };
	int retry = 0;

	(void)state;
	fx_open(&f);
	assert_int_equal(ivp_user_add(f.ctx, "zora", IVP_ROLE_PARTNER, "correct horse battery"), IVP_OK);
	assert_int_equal(ivp_user_totp_enroll(f.ctx, "zora", "ivp", &uri), IVP_OK);
	p = strstr(uri, "secret=") + 7;
	snprintf(secret, sizeof(secret), "%.*s", (int)strcspn(p, "&"), p);
	free(uri);
	assert_int_equal(ivp__store_user_get(f.ctx, "zora", &u), IVP_OK);
	assert_int_equal(strncmp(u.totp, "v1:", 3), 0);
	assert_null(strstr(u.totp, secret));
	assert_int_equal(ivp_totp_code(secret, (int64_t)time(NULL), totp), 0);
	assert_int_equal(ivp_signin(f.ctx, &q, &s, &st, &retry), IVP_OK);
	if (st == IVP_SIGNIN_TOTP) { /* the step turned between the code and the check */
		assert_int_equal(ivp_totp_code(secret, (int64_t)time(NULL), totp), 0);
		assert_int_equal(ivp_signin(f.ctx, &q, &s, &st, &retry), IVP_OK);
	}
	assert_int_equal(st, IVP_SIGNIN_OK);
	/* no key file: a sealed secret cannot be checked, and says why */
	ivp_set_keys(f.ctx, NULL);
	q.client = "10.0.0.10";
	assert_int_equal(ivp_signin(f.ctx, &q, &s, &st, &retry), IVP_EINPUT);
	assert_string_equal(code(&f), "keys_none");
	/* enrolled without a key file: base32 as before */
	assert_int_equal(ivp_user_totp_enroll(f.ctx, "zora", "ivp", &uri), IVP_OK);
	free(uri);
	assert_int_equal(ivp__store_user_get(f.ctx, "zora", &u), IVP_OK);
	assert_int_equal(strlen(u.totp), 32);
	ivp__vault_wipe(&u, sizeof(u));
	fx_close(&f);
}

/* ---- the audit entry with a reason ------------------------------------------------- */

static void audit_reason(void **state)
{
	fx f;
	ivp_table *t = NULL;
	ivp_audit_check chk;
	ivp__audit_rec r;
	ivp__buf b;
	char hex[65];
	int col, i;

	(void)state;
	/* the encoding: ivp-audit-2 with the reason last; none: ivp-audit-1 as before */
	memset(&r, 0, sizeof(r));
	snprintf(r.at, sizeof(r.at), "2026-12-01T15:06:51Z");
	snprintf(r.user, sizeof(r.user), "anna");
	snprintf(r.action, sizeof(r.action), "signal.read");
	snprintf(r.object, sizeof(r.object), "signal:S-1");
	snprintf(r.prev, sizeof(r.prev), "%s", IVP__AUDIT_ZERO);
	ivp__buf_init(&b, 4096);
	assert_int_equal(ivp__audit_encode(&r, &b), 0);
	assert_int_equal(strncmp(ivp__buf_str(&b), "ivp-audit-1\n", 12), 0);
	snprintf(r.reason, sizeof(r.reason), "weging in overleg");
	ivp__buf_reset(&b);
	assert_int_equal(ivp__audit_encode(&r, &b), 0);
	assert_string_equal(ivp__buf_str(&b), "ivp-audit-2\n20:2026-12-01T15:06:51Z\n4:anna\n0:\n0:\n11:signal.read\n"
					      "10:signal:S-1\n0:\n0:\n64:" IVP__AUDIT_ZERO "\n17:weging in overleg\n");
	ivp__buf_free(&b);
	assert_int_equal(ivp__audit_hash(&r, hex), 0);
	/* Python: hashlib.sha256 of that encoding */
	assert_string_equal(hex, "9cc7eb4bcb1673d11f8f0bf0ae607d1a1b162ddf3bf81ba9c317d814fa27cf04");

	fx_open(&f);
	assert_int_equal(ivp__reg_audit(f.ctx, IVP__REG_SIGNALS, "signal.read", "S-2026-0007", "weging in overleg"),
			 IVP_OK);
	assert_int_equal(ivp__reg_audit(f.ctx, IVP__REG_CASES, "case.list", "C-2026-0001", NULL), IVP_OK);
	assert_int_equal(ivp__reg_audit(f.ctx, IVP__REG_CASES, "case.list", "", NULL), IVP_EINTERNAL);
	assert_int_equal(ivp_audit_verify(f.ctx, NULL, &chk), IVP_OK);
	assert_int_equal(ivp_audit_show(f.ctx, &(ivp_audit_query){ NULL, NULL, NULL, 2 }, &t), IVP_OK);
	for (col = 0, i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), "reason"))
			col = i;
	assert_true(col > 0);
	assert_string_equal(ivp_table_text(t, 0, 6), "signal:S-2026-0007");
	assert_string_equal(ivp_table_text(t, 0, col), "weging in overleg");
	assert_string_equal(ivp_table_text(t, 1, 6), "case:C-2026-0001");
	assert_null(ivp_table_text(t, 1, col));
	ivp_table_free(t);
	fx_close(&f);
}

/* ---- retention with a fake register ------------------------------------------------ */

/* A register of three records: weighed on these dates, destroyed when
 * expired (its DEK shredded, an audit entry per record). */
static struct fake_rec {
	const char *id, *weighed;
	int gone;
} fake[] = { { "F-1", "2025-01-10", 0 }, { "F-2", "2025-11-15", 0 }, { "F-3", "2026-06-01", 0 } };

static ivp_rc fake_expire(ivp_ctx *ctx, const char *as_of, int dry_run, ivp__row_cb cb, void *ud, int64_t *n)
{
	char until[11];
	const char *cols[3];
	int months, i;
	ivp_rc rc;

	*n = 0;
	if ((rc = ivp__reg_retention_months(ctx, IVP__REG_SIGNALS, "not_taken_up", &months)))
		return rc;
	for (i = 0; i < 3; i++) {
		if (fake[i].gone)
			continue;
		assert_int_equal(ivp__reg_date_add_months(fake[i].weighed, months, until), 0);
		if (strcmp(until, as_of) > 0)
			continue;
		cols[0] = fake[i].id;
		cols[1] = "signal";
		cols[2] = until;
		if (cb(ud, cols, 3))
			return IVP_ENOMEM;
		(*n)++;
		if (dry_run)
			continue;
		if ((rc = ivp__vault_shred(ctx, IVP__REG_SIGNALS, fake[i].id)) ||
		    (rc = ivp__reg_audit(ctx, IVP__REG_SIGNALS, "signal.destroyed", fake[i].id, NULL)))
			return rc;
		fake[i].gone = 1;
	}
	return IVP_OK;
}

static const ivp__reg_kind fake_kind = { IVP__REG_SIGNALS, fake_expire, NULL };
static const ivp__reg_kind *const fake_kinds[] = { &fake_kind, NULL };

static void retention(void **state)
{
	fx f;
	ivp_table *t = NULL, *soon = NULL;
	unsigned char dek[IVP__DEK_BYTES];
	ivp_audit_check chk;
	char d[11];
	int months = 0, i;

	(void)state;
	assert_int_equal(ivp__reg_date_add_months("2026-01-31", 1, d), 0);
	assert_string_equal(d, "2026-02-28");
	assert_int_equal(ivp__reg_date_add_months("2023-12-15", 14, d), 0);
	assert_string_equal(d, "2025-02-15");
	assert_int_equal(ivp__reg_date_add_months("2026-02-30", 1, d), -1);
	fx_open(&f);
	for (i = 0; i < 3; i++)
		assert_int_equal(ivp__vault_new(f.ctx, IVP__REG_SIGNALS, fake[i].id, dek), IVP_OK);
	/* the defaults */
	assert_int_equal(ivp__reg_retention_months(f.ctx, IVP__REG_SIGNALS, "not_taken_up", &months), IVP_OK);
	assert_int_equal(months, 12);
	assert_int_equal(ivp__reg_retention_months(f.ctx, IVP__REG_CASES, "closed", &months), IVP_OK);
	assert_int_equal(months, 24);
	assert_int_equal(ivp__reg_retention_months(f.ctx, IVP__REG_CASES, "not_taken_up", &months), IVP_EINPUT);
	/* a bad date */
	assert_int_equal(ivp__reg_retention_run_kinds(f.ctx, fake_kinds, "2026-13-01", 0, &t), IVP_EINPUT);
	assert_string_equal(code(&f), "retention_date");
	/* status on 2026-01-01: F-1 expires 2026-01-10, within the month; nothing destroyed */
	assert_int_equal(ivp__reg_retention_status_kinds(f.ctx, fake_kinds, "2026-01-01", &t, &soon), IVP_OK);
	assert_int_equal(ivp_table_nrows(t), 2);
	assert_string_equal(ivp_table_text(t, 0, 3), "default");
	assert_int_equal(ivp_table_nrows(soon), 1);
	assert_string_equal(ivp_table_text(soon, 0, 1), "F-1");
	assert_string_equal(ivp_table_text(soon, 0, 3), "2026-01-10");
	ivp_table_free(t);
	ivp_table_free(soon);
	assert_int_equal(fake[0].gone, 0);
	/* a dry run on 2026-12-01: F-1 and F-2 would go; nothing goes */
	assert_int_equal(ivp__reg_retention_run_kinds(f.ctx, fake_kinds, "2026-12-01", 1, &t), IVP_OK);
	assert_int_equal(ivp_table_nrows(t), 2);
	ivp_table_free(t);
	assert_int_equal(ivp__vault_get(f.ctx, IVP__REG_SIGNALS, "F-1", dek), IVP_OK);
	/* an admin sets 18 months (audited): now only F-1 has expired on 2026-12-01 */
	ivp_set_actor(f.ctx, "nobody", NULL, "cli os:test");
	assert_int_equal(ivp_retention_set(f.ctx, "signals", "not_taken_up", 18), IVP_EINPUT);
	ivp_set_actor(f.ctx, "adam", NULL, "cli os:test");
	assert_int_equal(ivp_retention_set(f.ctx, "signals", "not_taken_up", 0), IVP_EINPUT);
	assert_int_equal(ivp_retention_set(f.ctx, "signals", "closed", 18), IVP_EINPUT);
	assert_int_equal(ivp_retention_set(f.ctx, "signals", "not_taken_up", 18), IVP_OK);
	assert_int_equal(ivp__reg_retention_run_kinds(f.ctx, fake_kinds, "2026-12-01", 0, &t), IVP_OK);
	assert_int_equal(ivp_table_nrows(t), 1);
	assert_string_equal(ivp_table_text(t, 0, 0), "signals");
	assert_string_equal(ivp_table_text(t, 0, 1), "F-1");
	assert_string_equal(ivp_table_text(t, 0, 3), "2026-07-10");
	ivp_table_free(t);
	/* F-1 is unrecoverable, F-2 and F-3 untouched, the chain whole */
	assert_int_equal(ivp__vault_get(f.ctx, IVP__REG_SIGNALS, "F-1", dek), IVP_ENOTFOUND);
	assert_int_equal(ivp__vault_get(f.ctx, IVP__REG_SIGNALS, "F-2", dek), IVP_OK);
	assert_int_equal(ivp__vault_get(f.ctx, IVP__REG_SIGNALS, "F-3", dek), IVP_OK);
	assert_int_equal(ivp_audit_verify(f.ctx, NULL, &chk), IVP_OK);
	assert_int_equal(ivp_audit_show(f.ctx, &(ivp_audit_query){ NULL, "signal:F-1", NULL, 0 }, &t), IVP_OK);
	assert_int_equal(ivp_table_nrows(t), 1);
	assert_string_equal(ivp_table_text(t, 0, 5), "signal.destroyed");
	ivp_table_free(t);
	assert_int_equal(ivp_retention_status(f.ctx, "2026-12-01", &t, NULL), IVP_OK);
	assert_int_equal(ivp_table_int(t, 0, 2), 18);
	assert_string_equal(ivp_table_text(t, 0, 3), "set");
	ivp_table_free(t);
	ivp__vault_wipe(dek, sizeof(dek));
	fx_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decide_matrix),
		cmocka_unit_test(names),
		cmocka_unit_test(vault_roundtrip),
		cmocka_unit_test(vault_keyfile),
		cmocka_unit_test(membership),
		cmocka_unit_test(audit_reason),
		cmocka_unit_test(retention),
		cmocka_unit_test(totp_sealed),
	};

	const char *env = getenv("IVP_TEST_DB");

	if (env && *env)
		tdb_engine = env;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
