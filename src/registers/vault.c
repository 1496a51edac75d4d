/*
 * vault.c — the registers' vault (registers.h): the key file, each
 * record's data key (DEK) wrapped by its register's key, fields sealed
 * with XChaCha20-Poly1305, the blind index, and `ivp keys init|rotate|
 * status` (include/ivp/registers.h).
 *
 * The key file is text, one key a line, 0600, never in the database:
 *
 *   ivp-keys 1
 *   index signals HEX64       the blind-index key (stable across rotations)
 *   key signals 1 HEX64       key version 1 of the register
 *   index cases HEX64
 *   key cases 1 HEX64
 *   totp HEX64                the key sealing users' TOTP secrets (optional)
 *
 * The database holds a check value per key (table vault_meta, key
 * "check:REG:index" and "check:REG:key:N"): a keyed BLAKE2b of a fixed
 * text, which says whether a key file is this database's without holding
 * anything a key could be derived from. A key of the file whose check is
 * not in the database is pending (a rotation that did not commit) and
 * wraps nothing; the current key is the highest version whose check
 * matches; a check that does not match is the wrong key file.
 *
 * Rotation, crash-safe at every step: (1) the file is rewritten (temp +
 * rename) with the old and the new versions; (2) in one transaction every
 * DEK is rewrapped by the new version, its check written and the old
 * checks removed; (3) the file is rewritten without the old versions.
 * A crash after (1) leaves a pending key; after (2) an old key whose check
 * is gone, dropped by the next rotation.
 *
 * Wrapped DEK: hex of nonce (24) + ciphertext (32 + tag 16), associated
 * data "ivp-dek 1|REG|RECORD|VERSION". Sealed field: a binary blob, byte 1
 * (format), nonce (24), ciphertext + tag, associated data "ivp-field 1",
 * REG, RECORD and FIELD separated by NUL bytes. Secrets are wiped with
 * sodium_memzero and never reach an error message.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "ivp/registers.h"
#include "registers/registers.h"
#include "store/reg_store.h"

#define KEY_BYTES ((size_t)32)
#define VERSIONS_MAX 8		     /* key versions of one register in one file */
#define FILE_MAX ((size_t)64 * 1024) /* a key file is a few hundred bytes */
#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES
#define WRAPPED_BYTES ((size_t)NONCE + IVP__DEK_BYTES + TAG)

typedef struct vkey {
	int version;
	int state; /* 0 not checked, 1 its check matches, 2 pending (no check) */
	unsigned char k[KEY_BYTES];
} vkey;

typedef struct vreg {
	int have_index;
	unsigned char index[KEY_BYTES];
	vkey keys[VERSIONS_MAX];
	int nkeys;
	int checked; /* the checks against the database were done */
	int current; /* index into keys of the current version, -1 none */
} vreg;

typedef struct vault {
	vreg r[IVP__REG_N];
	int have_totp, totp_checked;
	unsigned char totp[KEY_BYTES]; /* seals the users' TOTP secrets */
	char mode[8];		       /* the file's mode as read ("0600") */
} vault;

static const char *const reg_names[IVP__REG_N] = { "signals", "cases" };

const char *ivp__reg_name(ivp__reg reg)
{
	return (unsigned)reg < IVP__REG_N ? reg_names[reg] : NULL;
}

int ivp__reg_parse(const char *name, ivp__reg *reg)
{
	int i;

	for (i = 0; name && i < IVP__REG_N; i++)
		if (!strcmp(name, reg_names[i])) {
			*reg = (ivp__reg)i;
			return 0;
		}
	return -1;
}

void ivp__vault_wipe(void *p, size_t n)
{
	if (p && n)
		sodium_memzero(p, n);
}

static void vault_free(void *p)
{
	if (!p)
		return;
	sodium_memzero(p, sizeof(vault));
	free(p);
}

void ivp_set_keys(ivp_ctx *ctx, const char *path)
{
	if (path != ctx->keys_path)
		snprintf(ctx->keys_path, sizeof(ctx->keys_path), "%s", path ? path : "");
	if (ctx->vault)
		vault_free(ctx->vault);
	ctx->vault = NULL;
	ctx->vault_free = vault_free;
}

/* ---- errors (codes in docs/errors.md) ---------------------------------------- */

static ivp_rc keys_none(ivp_ctx *ctx)
{
	ivp__fail(ctx, IVP_EINPUT, "no key file for the registers");
	ivp__code(ctx, "keys_none");
	ivp__detail(ctx, "The signals and cases registers are encrypted with keys kept in a key file outside the database; none is configured.");
	ivp__hint(ctx, "Give it with --keys PATH or IVP_KEYS (ivp serve --keys PATH); an administrator creates one once with ivp keys init.");
	return IVP_EINPUT;
}

static ivp_rc keys_wrong(ivp_ctx *ctx, const char *why)
{
	ivp__fail(ctx, IVP_EINPUT, "these keys are not this database's");
	ivp__code(ctx, "keys_wrong");
	ivp__detail(ctx, "%s", ivp_msg_tr(ctx->lang, why));
	ivp__hint(ctx, "Give the key file ivp keys init made for this database (restore it from its own backup); without it the registers cannot be opened.");
	return IVP_EINPUT;
}

static ivp_rc keys_invalid(ivp_ctx *ctx, const char *path, int line)
{
	ivp__fail(ctx, IVP_EINPUT, "key file %s is not an ivp key file", path);
	ivp__code(ctx, "keys_invalid");
	ivp__detail(ctx, "Line %d is not one of \"ivp-keys 1\", \"index REGISTER HEX\" or \"key REGISTER VERSION HEX\".", line);
	ivp__hint(ctx, "Restore the key file from its backup; never edit it by hand.");
	return IVP_EINPUT;
}

/* ---- the key file --------------------------------------------------------------- */

/* The whole file into buf (NUL-terminated), checked: a regular file of
 * mode 0600 or stricter. */
static ivp_rc read_file(ivp_ctx *ctx, const char *path, char *buf, size_t cap, char mode[8])
{
	struct stat st;
	size_t len = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		int e = errno;

		ivp__fail(ctx, IVP_EINPUT, e == ENOENT ? "key file %s not found" : "cannot read key file %s", path);
		ivp__code(ctx, e == ENOENT ? "keys_missing" : "keys_unreadable");
		ivp__detail(ctx, "%s.", strerror(e));
		ivp__hint(ctx, e == ENOENT ? "Check --keys / IVP_KEYS; an administrator creates the file once with ivp keys init." :
					     "The key file must be a plain file readable by the account ivp runs as.");
		return IVP_EINPUT;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		ivp__fail(ctx, IVP_EINPUT, "cannot read key file %s", path);
		ivp__code(ctx, "keys_unreadable");
		ivp__hint(ctx, "The key file must be a plain file readable by the account ivp runs as.");
		return IVP_EINPUT;
	}
	snprintf(mode, 8, "%04o", (unsigned)(st.st_mode & 07777));
	if (st.st_mode & 077) {
		close(fd);
		ivp__fail(ctx, IVP_EINPUT, "key file %s is open to others", path);
		ivp__code(ctx, "keys_mode");
		ivp__detail(ctx, "Its mode is %s; a key file must be readable and writable by its owner only (0600).",
			    mode);
		ivp__hint(ctx, "chmod 600 %s, and find out who could read it meanwhile: rotate the keys if anyone could.",
			  path);
		return IVP_EINPUT;
	}
	while (len + 1 < cap && (n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	if (len + 1 >= cap)
		return keys_invalid(ctx, path, 1);
	return IVP_OK;
}

static int hex_key(const char *hex, unsigned char k[KEY_BYTES])
{
	size_t got = 0;

	if (strlen(hex) != 2 * KEY_BYTES ||
	    sodium_hex2bin(k, KEY_BYTES, hex, 2 * KEY_BYTES, NULL, &got, NULL) || got != KEY_BYTES)
		return -1;
	return 0;
}

/* One line of the file into v; 0, or -1 when it is not a line of the format. */
static int parse_line(vault *v, char *line, int *header)
{
	char *w[5], *save = NULL, *t;
	int n = 0, i;
	ivp__reg reg;
	vreg *r;
	long ver;
	char *end;

	for (t = strtok_r(line, " \t\r", &save); t && n < 5; t = strtok_r(NULL, " \t\r", &save))
		w[n++] = t;
	if (n == 0 || w[0][0] == '#')
		return 0;
	if (n == 2 && !strcmp(w[0], "ivp-keys") && !strcmp(w[1], "1")) {
		*header = 1;
		return 0;
	}
	if (n == 2 && *header && !strcmp(w[0], "totp") && !v->have_totp) {
		v->have_totp = 1;
		return hex_key(w[1], v->totp);
	}
	if (!*header || n < 3 || ivp__reg_parse(w[1], &reg))
		return -1;
	r = &v->r[reg];
	if (n == 3 && !strcmp(w[0], "index") && !r->have_index) {
		r->have_index = 1;
		return hex_key(w[2], r->index);
	}
	if (n != 4 || strcmp(w[0], "key") || r->nkeys == VERSIONS_MAX)
		return -1;
	ver = strtol(w[2], &end, 10);
	if (*end || ver < 1 || ver > 1000000)
		return -1;
	for (i = 0; i < r->nkeys; i++)
		if (r->keys[i].version == ver)
			return -1;
	r->keys[r->nkeys].version = (int)ver;
	return hex_key(w[3], r->keys[r->nkeys++].k);
}

/* Read and parse the key file of ctx into a new vault. */
static ivp_rc load(ivp_ctx *ctx, vault **out)
{
	char *buf, *line, *save = NULL;
	vault *v;
	int header = 0, no = 0, i;
	ivp_rc rc;

	*out = NULL;
	if (!ctx->keys_path[0])
		return keys_none(ctx);
	if (!(buf = malloc(FILE_MAX)) || !(v = calloc(1, sizeof(*v)))) {
		free(buf);
		return ivp__oom(ctx, "the key file");
	}
	if ((rc = read_file(ctx, ctx->keys_path, buf, FILE_MAX, v->mode)))
		goto out;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		no++;
		if (parse_line(v, line, &header)) {
			rc = keys_invalid(ctx, ctx->keys_path, no);
			goto out;
		}
	}
	for (i = 0; i < IVP__REG_N; i++)
		if (!header || !v->r[i].have_index || !v->r[i].nkeys) {
			rc = keys_invalid(ctx, ctx->keys_path, no + 1);
			goto out;
		}
	*out = v;
	v = NULL;
out:
	sodium_memzero(buf, FILE_MAX);
	free(buf);
	vault_free(v);
	return rc;
}

/* The text of v as a key file (keep: 1 every key, 0 only checked ones). */
static int format_file(const vault *v, int only_checked, ivp__buf *b)
{
	char hex[2 * KEY_BYTES + 1];
	int i, k, bad = 0;

	bad |= ivp__buf_printf(b, "# ivp register keys: keep this file 0600 and back it up apart from the database\nivp-keys 1\n");
	for (i = 0; i < IVP__REG_N; i++) {
		const vreg *r = &v->r[i];

		sodium_bin2hex(hex, sizeof(hex), r->index, KEY_BYTES);
		bad |= ivp__buf_printf(b, "index %s %s\n", reg_names[i], hex);
		for (k = 0; k < r->nkeys; k++) {
			if (only_checked && r->keys[k].state != 1)
				continue;
			sodium_bin2hex(hex, sizeof(hex), r->keys[k].k, KEY_BYTES);
			bad |= ivp__buf_printf(b, "key %s %d %s\n", reg_names[i], r->keys[k].version, hex);
		}
	}
	if (v->have_totp) {
		sodium_bin2hex(hex, sizeof(hex), v->totp, KEY_BYTES);
		bad |= ivp__buf_printf(b, "totp %s\n", hex);
	}
	sodium_memzero(hex, sizeof(hex));
	return bad ? -1 : 0;
}

static void wipe_buf(ivp__buf *b)
{
	if (b->p)
		sodium_memzero(b->p, b->cap);
	ivp__buf_free(b);
}

static ivp_rc write_fail(ivp_ctx *ctx, const char *path, int e)
{
	ivp__fail(ctx, IVP_EINPUT, "cannot write key file %s", path);
	ivp__code(ctx, "keys_unwritable");
	ivp__detail(ctx, "%s.", strerror(e));
	ivp__hint(ctx, "The directory of the key file must be writable by the account ivp runs as.");
	return IVP_EINPUT;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return fsync(fd);
}

/* Write v to path: create: a new file (O_EXCL, 0600); else a temp file
 * beside it renamed over it, so a reader sees the old or the new file. */
static ivp_rc write_file(ivp_ctx *ctx, const char *path, const vault *v, int only_checked, int create)
{
	ivp__buf b;
	char tmp[1100];
	int fd, e;

	ivp__buf_init(&b, FILE_MAX);
	if (format_file(v, only_checked, &b)) {
		wipe_buf(&b);
		return ivp__oom(ctx, "the key file");
	}
	if (create) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	} else {
		if (snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >= (int)sizeof(tmp)) {
			wipe_buf(&b);
			return write_fail(ctx, path, ENAMETOOLONG);
		}
		fd = mkstemp(tmp); /* 0600 */
	}
	if (fd < 0) {
		e = errno;
		wipe_buf(&b);
		if (create && e == EEXIST) {
			ivp__fail(ctx, IVP_EINPUT, "key file %s exists already", path);
			ivp__code(ctx, "keys_exist");
			ivp__hint(ctx, "ivp keys init never overwrites a key file; ivp keys rotate makes new keys for a database that has them.");
			return IVP_EINPUT;
		}
		return write_fail(ctx, path, e);
	}
	if (fchmod(fd, 0600) || write_all(fd, b.p, b.len)) {
		e = errno;
		close(fd);
		unlink(create ? path : tmp);
		wipe_buf(&b);
		return write_fail(ctx, path, e ? e : EIO);
	}
	close(fd);
	wipe_buf(&b);
	if (!create && rename(tmp, path)) {
		e = errno;
		unlink(tmp);
		return write_fail(ctx, path, e);
	}
	return IVP_OK;
}

/* ---- check values ------------------------------------------------------------- */

static void check_value(const unsigned char k[KEY_BYTES], const char *what, char hex[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)what, strlen(what), k, KEY_BYTES);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	sodium_memzero(h, sizeof(h));
}

static void check_name(char *out, size_t n, ivp__reg reg, int version)
{
	if (version)
		snprintf(out, n, "check:%s:key:%d", reg_names[reg], version);
	else
		snprintf(out, n, "check:%s:index", reg_names[reg]);
}

/* Compare r's keys with the database's checks: state of each key, the
 * current one. */
static ivp_rc check_reg(ivp_ctx *ctx, ivp__reg reg, vreg *r)
{
	char name[64], want[65], have[65];
	int i;
	ivp_rc rc;

	check_name(name, sizeof(name), reg, 0);
	rc = ivp__store_vault_meta_get(ctx, name, have, sizeof(have));
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_EINPUT, "the registers' keys are not set up in this database");
		ivp__code(ctx, "keys_uninit");
		ivp__detail(ctx, "The database has no check values of a key file: ivp keys init was not run for it.");
		ivp__hint(ctx, "An administrator runs ivp keys init --keys PATH once (docs/registers.md).");
		return IVP_EINPUT;
	}
	if (rc)
		return rc;
	snprintf(want, sizeof(want), "ivp-vault-check %s index", reg_names[reg]);
	check_value(r->index, want, want);
	if (sodium_memcmp(want, have, 64))
		return keys_wrong(ctx, "The key file's blind-index key was not made for this database: its check value differs.");
	r->current = -1;
	for (i = 0; i < r->nkeys; i++) {
		vkey *k = &r->keys[i];

		check_name(name, sizeof(name), reg, k->version);
		rc = ivp__store_vault_meta_get(ctx, name, have, sizeof(have));
		if (rc == IVP_ENOTFOUND) {
			k->state = 2;
			continue;
		}
		if (rc)
			return rc;
		snprintf(want, sizeof(want), "ivp-vault-check %s key %d", reg_names[reg], k->version);
		check_value(k->k, want, want);
		if (sodium_memcmp(want, have, 64))
			return keys_wrong(ctx, "A key of the key file has the version of one of this database's keys but not its value.");
		k->state = 1;
		if (r->current < 0 || k->version > r->keys[r->current].version)
			r->current = i;
	}
	if (r->current < 0)
		return keys_wrong(ctx, "None of the key file's keys is one this database's data keys are wrapped with.");
	r->checked = 1;
	return IVP_OK;
}

ivp_rc ivp__vault_ready(ivp_ctx *ctx, ivp__reg reg)
{
	vault *v;
	ivp_rc rc;

	if ((unsigned)reg >= IVP__REG_N)
		return ivp__fail(ctx, IVP_EINTERNAL, "unknown register");
	if (!ctx->vault) {
		if ((rc = load(ctx, &v)))
			return rc;
		ctx->vault = v;
		ctx->vault_free = vault_free;
	}
	v = ctx->vault;
	if (!v)
		return ivp__oom(ctx, "the key file");
	if (v->r[reg].checked)
		return IVP_OK;
	return check_reg(ctx, reg, &v->r[reg]);
}

/* Read the key file again (it was rotated by another process). */
static ivp_rc reload(ivp_ctx *ctx, ivp__reg reg)
{
	vault_free(ctx->vault);
	ctx->vault = NULL;
	return ivp__vault_ready(ctx, reg);
}

static vkey *key_of(vault *v, ivp__reg reg, int version)
{
	vreg *r = &v->r[reg];
	int i;

	for (i = 0; i < r->nkeys; i++)
		if (r->keys[i].version == version && r->keys[i].state == 1)
			return &r->keys[i];
	return NULL;
}

/* ---- data keys ---------------------------------------------------------------- */

static void dek_ad(char *ad, size_t n, ivp__reg reg, const char *rec, int version)
{
	snprintf(ad, n, "ivp-dek 1|%s|%s|%d", reg_names[reg], rec, version);
}

static int wrap(const vkey *k, ivp__reg reg, const char *rec, const unsigned char dek[IVP__DEK_BYTES],
		char hex[2 * WRAPPED_BYTES + 1])
{
	unsigned char w[WRAPPED_BYTES];
	char ad[128];

	dek_ad(ad, sizeof(ad), reg, rec, k->version);
	randombytes_buf(w, NONCE);
	crypto_aead_xchacha20poly1305_ietf_encrypt(w + NONCE, NULL, dek, IVP__DEK_BYTES,
						   (const unsigned char *)ad, strlen(ad), NULL, w, k->k);
	sodium_bin2hex(hex, 2 * WRAPPED_BYTES + 1, w, sizeof(w));
	return 0;
}

static int unwrap(const vkey *k, ivp__reg reg, const char *rec, const char *hex,
		  unsigned char dek[IVP__DEK_BYTES])
{
	unsigned char w[WRAPPED_BYTES];
	char ad[128];
	size_t got = 0;

	if (strlen(hex) != 2 * WRAPPED_BYTES ||
	    sodium_hex2bin(w, sizeof(w), hex, strlen(hex), NULL, &got, NULL) || got != sizeof(w))
		return -1;
	dek_ad(ad, sizeof(ad), reg, rec, k->version);
	return crypto_aead_xchacha20poly1305_ietf_decrypt(dek, NULL, NULL, w + NONCE, WRAPPED_BYTES - NONCE,
							  (const unsigned char *)ad, strlen(ad), w, k->k);
}

static int rec_ok(const char *rec)
{
	return rec && *rec && strlen(rec) < IVP__RECID_MAX;
}

static ivp_rc bad_rec(ivp_ctx *ctx)
{
	return ivp__fail(ctx, IVP_EINTERNAL, "a register record needs an id of 1 to 63 bytes");
}

ivp_rc ivp__vault_new(ivp_ctx *ctx, ivp__reg reg, const char *rec, unsigned char dek[IVP__DEK_BYTES])
{
	char hex[2 * WRAPPED_BYTES + 1], old[256], name[64];
	vault *v;
	vreg *r;
	int ver;
	ivp_rc rc;

	if (!rec_ok(rec))
		return bad_rec(ctx);
	if ((rc = ivp__vault_ready(ctx, reg)))
		return rc;
	rc = ivp__store_dek_get(ctx, reg_names[reg], rec, &ver, old);
	if (rc == IVP_OK)
		return ivp__fail(ctx, IVP_EINTERNAL, "record %s has a data key already", rec);
	if (rc != IVP_ENOTFOUND)
		return rc;
	/* still current? another process may have rotated since we read the file */
	v = ctx->vault;
	r = &v->r[reg];
	check_name(name, sizeof(name), reg, r->keys[r->current].version);
	rc = ivp__store_vault_meta_get(ctx, name, old, sizeof(old));
	if (rc == IVP_ENOTFOUND && !(rc = reload(ctx, reg))) {
		v = ctx->vault;
		r = &v->r[reg];
	}
	if (rc)
		return rc;
	randombytes_buf(dek, IVP__DEK_BYTES);
	wrap(&r->keys[r->current], reg, rec, dek, hex);
	if ((rc = ivp__store_dek_put(ctx, reg_names[reg], rec, r->keys[r->current].version, hex)))
		sodium_memzero(dek, IVP__DEK_BYTES);
	return rc;
}

ivp_rc ivp__vault_get(ivp_ctx *ctx, ivp__reg reg, const char *rec, unsigned char dek[IVP__DEK_BYTES])
{
	char hex[256];
	vkey *k;
	int ver;
	ivp_rc rc;

	if (!rec_ok(rec))
		return bad_rec(ctx);
	if ((rc = ivp__vault_ready(ctx, reg)))
		return rc;
	if ((rc = ivp__store_dek_get(ctx, reg_names[reg], rec, &ver, hex)))
		return rc;
	k = key_of(ctx->vault, reg, ver);
	if (!k) { /* rotated meanwhile by another process: the file has the new key */
		if ((rc = reload(ctx, reg)))
			return rc;
		k = key_of(ctx->vault, reg, ver);
	}
	if (!k)
		return keys_wrong(ctx, "The record's data key is wrapped by a key version the key file does not have.");
	if (unwrap(k, reg, rec, hex, dek)) {
		sodium_memzero(dek, IVP__DEK_BYTES);
		return keys_wrong(ctx, "The record's data key does not open with the key file's key.");
	}
	return IVP_OK;
}

ivp_rc ivp__vault_shred(ivp_ctx *ctx, ivp__reg reg, const char *rec)
{
	if (!rec_ok(rec))
		return bad_rec(ctx);
	if ((unsigned)reg >= IVP__REG_N)
		return ivp__fail(ctx, IVP_EINTERNAL, "unknown register");
	return ivp__store_dek_delete(ctx, reg_names[reg], rec);
}

/* ---- fields ------------------------------------------------------------------- */

static int field_ad(ivp__buf *ad, ivp__reg reg, const char *rec, const char *field)
{
	return ivp__buf_add(ad, "ivp-field 1", 12) || ivp__buf_add(ad, reg_names[reg], strlen(reg_names[reg]) + 1) ||
			       ivp__buf_add(ad, rec, strlen(rec) + 1) || ivp__buf_add(ad, field, strlen(field)) ?
		       -1 :
		       0;
}

ivp_rc ivp__vault_seal(ivp_ctx *ctx, const unsigned char dek[IVP__DEK_BYTES], ivp__reg reg, const char *rec,
		       const char *field, const void *plain, size_t len, ivp__buf *out)
{
	unsigned char head[1 + NONCE];
	unsigned char *ct = NULL;
	ivp__buf ad;
	ivp_rc rc = IVP_OK;

	if ((unsigned)reg >= IVP__REG_N || !rec_ok(rec) || !field || !*field)
		return ivp__fail(ctx, IVP_EINTERNAL, "a sealed field needs its register, record and field name");
	if (len > (size_t)64 * 1024 * 1024)
		return ivp__fail(ctx, IVP_EINTERNAL, "a sealed field holds at most 64 MiB");
	ivp__buf_init(&ad, 256);
	if (field_ad(&ad, reg, rec, field) || !(ct = malloc(len + TAG))) {
		rc = ivp__oom(ctx, "a sealed field");
		goto out;
	}
	head[0] = 1;
	randombytes_buf(head + 1, NONCE);
	crypto_aead_xchacha20poly1305_ietf_encrypt(ct, NULL, plain, len, (const unsigned char *)ad.p, ad.len,
						   NULL, head + 1, dek);
	if (ivp__buf_add(out, head, sizeof(head)) || ivp__buf_add(out, ct, len + TAG))
		rc = ivp__oom(ctx, "a sealed field");
out:
	free(ct);
	ivp__buf_free(&ad);
	return rc;
}

ivp_rc ivp__vault_open(ivp_ctx *ctx, const unsigned char dek[IVP__DEK_BYTES], ivp__reg reg, const char *rec,
		       const char *field, const void *blob, size_t n, ivp__buf *out)
{
	const unsigned char *b = blob;
	unsigned char *plain = NULL;
	unsigned long long plen = 0;
	ivp__buf ad;
	ivp_rc rc = IVP_OK;

	if ((unsigned)reg >= IVP__REG_N || !rec_ok(rec) || !field || !*field)
		return ivp__fail(ctx, IVP_EINTERNAL, "a sealed field needs its register, record and field name");
	if (!b || n < 1 + NONCE + TAG || b[0] != 1)
		return keys_wrong(ctx, "A sealed field is damaged: it is not a blob the vault wrote.");
	ivp__buf_init(&ad, 256);
	if (field_ad(&ad, reg, rec, field) || !(plain = malloc(n - 1 - NONCE - TAG + 1))) {
		rc = ivp__oom(ctx, "a sealed field");
		goto out;
	}
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL, b + 1 + NONCE, n - 1 - NONCE, (const unsigned char *)ad.p,
						       ad.len, b + 1, dek)) {
		rc = keys_wrong(ctx, "A sealed field does not open with its record's data key: another key, record or field.");
		goto out;
	}
	plain[plen] = '\0';
	if (ivp__buf_add(out, plain, (size_t)plen) || ivp__buf_addc(out, '\0'))
		rc = ivp__oom(ctx, "a sealed field");
	else
		out->len--; /* the NUL terminates, it is not part of the bytes */
out:
	if (plain) {
		sodium_memzero(plain, n - 1 - NONCE - TAG + 1);
		free(plain);
	}
	ivp__buf_free(&ad);
	return rc;
}

ivp_rc ivp__vault_blind(ivp_ctx *ctx, ivp__reg reg, const char *kind, const char *value, char hex[65])
{
	crypto_generichash_state st;
	unsigned char h[32];
	vault *v;
	ivp_rc rc;

	hex[0] = '\0';
	if (!kind || !value)
		return ivp__fail(ctx, IVP_EINTERNAL, "a blind index needs a kind and a value");
	if ((rc = ivp__vault_ready(ctx, reg)))
		return rc;
	v = ctx->vault;
	crypto_generichash_init(&st, v->r[reg].index, KEY_BYTES, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
	crypto_generichash_update(&st, (const unsigned char *)value, strlen(value));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(hex, 65, h, sizeof(h));
	sodium_memzero(&st, sizeof(st));
	sodium_memzero(h, sizeof(h));
	return IVP_OK;
}

/* ---- ivp keys init / rotate / status ------------------------------------------ */

static ivp_rc write_checks(ivp_ctx *ctx, vault *v, ivp__reg reg, int only_new)
{
	char name[64], val[65];
	vreg *r = &v->r[reg];
	int i;
	ivp_rc rc;

	if (!only_new) {
		check_name(name, sizeof(name), reg, 0);
		snprintf(val, sizeof(val), "ivp-vault-check %s index", reg_names[reg]);
		check_value(r->index, val, val);
		if ((rc = ivp__store_vault_meta_put(ctx, name, val)))
			return rc;
	}
	for (i = 0; i < r->nkeys; i++) {
		if (only_new && r->keys[i].state != 2)
			continue;
		check_name(name, sizeof(name), reg, r->keys[i].version);
		snprintf(val, sizeof(val), "ivp-vault-check %s key %d", reg_names[reg], r->keys[i].version);
		check_value(r->keys[i].k, val, val);
		if ((rc = ivp__store_vault_meta_put(ctx, name, val)))
			return rc;
	}
	return IVP_OK;
}

ivp_rc ivp_keys_init(ivp_ctx *ctx)
{
	char have[65];
	vault *v;
	int i;
	ivp_rc rc;

	if (!ctx->keys_path[0])
		return keys_none(ctx);
	for (i = 0; i < IVP__REG_N; i++) {
		char name[64];

		check_name(name, sizeof(name), (ivp__reg)i, 0);
		rc = ivp__store_vault_meta_get(ctx, name, have, sizeof(have));
		if (rc == IVP_OK) {
			ivp__fail(ctx, IVP_EINPUT, "this database has register keys already");
			ivp__code(ctx, "keys_initialised");
			ivp__detail(ctx, "Its data keys are wrapped by the keys of the key file ivp keys init made for it earlier.");
			ivp__hint(ctx, "Give that key file with --keys; if it is lost, so is the registers' data (docs/registers.md).");
			return IVP_EINPUT;
		}
		if (rc != IVP_ENOTFOUND)
			return rc;
	}
	if (!(v = calloc(1, sizeof(*v))))
		return ivp__oom(ctx, "the key file");
	for (i = 0; i < IVP__REG_N; i++) {
		vreg *r = &v->r[i];

		r->have_index = 1;
		randombytes_buf(r->index, KEY_BYTES);
		r->nkeys = 1;
		r->keys[0].version = 1;
		r->keys[0].state = 2;
		randombytes_buf(r->keys[0].k, KEY_BYTES);
	}
	v->have_totp = 1;
	randombytes_buf(v->totp, KEY_BYTES);
	if ((rc = write_file(ctx, ctx->keys_path, v, 0, 1))) {
		vault_free(v);
		return rc;
	}
	if ((rc = ivp__store_begin(ctx)))
		goto undo;
	for (i = 0; i < IVP__REG_N && !rc; i++)
		rc = write_checks(ctx, v, (ivp__reg)i, 0);
	if (!rc) {
		char val[65];

		check_value(v->totp, "ivp-vault-check totp", val);
		rc = ivp__store_vault_meta_put(ctx, "check:totp", val);
	}
	if (!rc)
		rc = ivp__audit(ctx, "keys.init", "keys", NULL, NULL);
	if (!rc)
		rc = ivp__store_commit(ctx);
	if (rc) {
		ivp__store_abort(ctx);
		goto undo;
	}
	vault_free(v);
	ivp_set_keys(ctx, ctx->keys_path); /* read again on first use */
	return IVP_OK;
undo:
	unlink(ctx->keys_path); /* no key file without its checks */
	vault_free(v);
	return rc;
}

typedef struct dek_row {
	char rec[IVP__RECID_MAX];
	int version;
	char wrapped[256];
} dek_row;

typedef struct dek_list {
	dek_row *rows;
	size_t n, cap;
} dek_list;

static int collect_dek(void *ud, const char *const *cols, int ncols)
{
	dek_list *l = ud;

	if (ncols < 3 || !cols[0] || !cols[1] || !cols[2])
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		dek_row *p = realloc(l->rows, cap * sizeof(*p));

		if (!p)
			return -1;
		l->rows = p;
		l->cap = cap;
	}
	snprintf(l->rows[l->n].rec, IVP__RECID_MAX, "%s", cols[0]);
	l->rows[l->n].version = (int)strtol(cols[1], NULL, 10);
	snprintf(l->rows[l->n].wrapped, 256, "%s", cols[2]);
	l->n++;
	return 0;
}

/* Rewrap every DEK of reg by the pending new key (inside the transaction). */
static ivp_rc rewrap(ivp_ctx *ctx, vault *v, ivp__reg reg, const vkey *nk, int64_t *moved)
{
	dek_list l = { 0 };
	unsigned char dek[IVP__DEK_BYTES];
	char hex[2 * WRAPPED_BYTES + 1];
	size_t i;
	ivp_rc rc;

	if ((rc = ivp__store_deks_list(ctx, reg_names[reg], collect_dek, &l)))
		goto out;
	for (i = 0; i < l.n; i++) {
		vkey *k = key_of(v, reg, l.rows[i].version);

		if (!k || unwrap(k, reg, l.rows[i].rec, l.rows[i].wrapped, dek)) {
			rc = keys_wrong(ctx, "A data key does not open with the key file's keys; nothing was rotated.");
			goto out;
		}
		wrap(nk, reg, l.rows[i].rec, dek, hex);
		if ((rc = ivp__store_dek_put(ctx, reg_names[reg], l.rows[i].rec, nk->version, hex)))
			goto out;
		(*moved)++;
	}
out:
	sodium_memzero(dek, sizeof(dek));
	free(l.rows);
	return rc;
}

ivp_rc ivp_keys_rotate(ivp_ctx *ctx)
{
	char name[64];
	int64_t moved = 0;
	vault *v;
	int i, k;
	ivp_rc rc;

	if (ctx->vault) { /* from the file as it is now */
		vault_free(ctx->vault);
		ctx->vault = NULL;
	}
	for (i = 0; i < IVP__REG_N; i++)
		if ((rc = ivp__vault_ready(ctx, (ivp__reg)i)))
			return rc;
	v = ctx->vault;
	for (i = 0; i < IVP__REG_N; i++) { /* (1) a new version beside the old */
		vreg *r = &v->r[i];
		int top = 0;

		for (k = 0; k < r->nkeys; k++)
			if (r->keys[k].version > top)
				top = r->keys[k].version;
		if (r->nkeys == VERSIONS_MAX) { /* pending keys of failed rotations */
			ivp__fail(ctx, IVP_EINPUT, "key file %s holds too many key versions", ctx->keys_path);
			ivp__code(ctx, "keys_invalid");
			ivp__hint(ctx, "Restore the key file from its backup; never edit it by hand.");
			return IVP_EINPUT;
		}
		r->keys[r->nkeys].version = top + 1;
		r->keys[r->nkeys].state = 2;
		randombytes_buf(r->keys[r->nkeys].k, KEY_BYTES);
		r->nkeys++;
	}
	if ((rc = write_file(ctx, ctx->keys_path, v, 0, 0)))
		goto fail;
	if ((rc = ivp__store_begin(ctx))) /* (2) rewrap, checks, in one transaction */
		goto fail;
	for (i = 0; i < IVP__REG_N && !rc; i++) {
		vreg *r = &v->r[i];
		vkey *nk = &r->keys[r->nkeys - 1];

		rc = rewrap(ctx, v, (ivp__reg)i, nk, &moved);
		if (!rc)
			rc = write_checks(ctx, v, (ivp__reg)i, 1);
		for (k = 0; k < r->nkeys - 1 && !rc; k++) {
			check_name(name, sizeof(name), (ivp__reg)i, r->keys[k].version);
			rc = ivp__store_vault_meta_put(ctx, name, NULL);
		}
	}
	if (!rc)
		rc = ivp__audit(ctx, "keys.rotate", "keys", NULL, NULL);
	if (!rc)
		rc = ivp__store_commit(ctx);
	if (rc) {
		ivp__store_abort(ctx);
		goto fail;
	}
	for (i = 0; i < IVP__REG_N; i++) { /* (3) only the new version stays */
		vreg *r = &v->r[i];

		for (k = 0; k < r->nkeys; k++)
			r->keys[k].state = k == r->nkeys - 1 ? 1 : 0;
	}
	rc = write_file(ctx, ctx->keys_path, v, 1, 0);
	if (rc) /* the rotation stands; the file still holds the old version too (harmless) */
		ivp__detail(ctx, "The keys were rotated: the database uses the new version, which is in the key file; "
				 "only the old version could not be taken out of the file. Run ivp keys rotate again to drop it.");
	vault_free(ctx->vault);
	ctx->vault = NULL;
	return rc;
fail:
	vault_free(ctx->vault); /* the pending version is in the file; it wraps nothing */
	ctx->vault = NULL;
	return rc;
}

typedef struct status {
	ivp_table *t;
	const char *path, *mode;
	vault *v;
} status;

static int status_row(status *s, const char *reg, int version, int current, int in_file, int64_t deks)
{
	if (ivp__table_row(s->t) < 0 || ivp__table_set_text(s->t, 0, s->path) ||
	    ivp__table_set_text(s->t, 1, s->mode) || ivp__table_set_text(s->t, 2, reg) ||
	    ivp__table_set_int(s->t, 3, version) || ivp__table_set_int(s->t, 4, current) ||
	    ivp__table_set_int(s->t, 5, in_file) || ivp__table_set_int(s->t, 6, deks))
		return -1;
	return 0;
}

/* A version of the database's DEKs: a row, unless the file's rows have it. */
static int count_cb(void *ud, const char *const *cols, int ncols)
{
	status *s = ud;
	ivp__reg reg;
	int version, i;

	if (ncols < 3 || ivp__reg_parse(cols[0], &reg))
		return 0;
	version = (int)strtol(cols[1], NULL, 10);
	if (s->v)
		for (i = 0; i < s->v->r[reg].nkeys; i++)
			if (s->v->r[reg].keys[i].version == version)
				return 0;
	return status_row(s, cols[0], version, 0, 0, strtoll(cols[2], NULL, 10));
}

typedef struct one_count {
	const char *reg;
	int version;
	int64_t n;
} one_count;

static int one_count_cb(void *ud, const char *const *cols, int ncols)
{
	one_count *c = ud;

	if (ncols >= 3 && !strcmp(cols[0], c->reg) && (int)strtol(cols[1], NULL, 10) == c->version)
		c->n = strtoll(cols[2], NULL, 10);
	return 0;
}

ivp_rc ivp_keys_status(ivp_ctx *ctx, ivp_table **out)
{
	static const char *const cols[] = { "path", "mode", "register", "version", "current", "in_file", "deks" };
	status s = { ivp__table_new(), ctx->keys_path, "", NULL };
	size_t c;
	int i, k;
	ivp_rc rc = IVP_OK;

	*out = NULL;
	if (!s.t)
		return ivp__oom(ctx, "the key status");
	for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
		if (ivp__table_col(s.t, cols[c], IVP__COL_BRIEF, 0) < 0) {
			ivp_table_free(s.t);
			return ivp__oom(ctx, "the key status");
		}
	if (ctx->keys_path[0]) {
		for (i = 0; i < IVP__REG_N && !rc; i++)
			rc = ivp__vault_ready(ctx, (ivp__reg)i);
		if (rc) {
			ivp_table_free(s.t);
			return rc;
		}
		s.v = ctx->vault;
		s.mode = s.v->mode;
		for (i = 0; i < IVP__REG_N; i++)
			for (k = 0; k < s.v->r[i].nkeys; k++) {
				one_count oc = { reg_names[i], s.v->r[i].keys[k].version, 0 };

				if ((rc = ivp__store_dek_counts(ctx, one_count_cb, &oc)))
					goto out;
				if (status_row(&s, reg_names[i], oc.version, k == s.v->r[i].current, 1, oc.n)) {
					rc = ivp__oom(ctx, "the key status");
					goto out;
				}
			}
	}
	rc = ivp__store_dek_counts(ctx, count_cb, &s);
	if (rc == IVP_ENOMEM)
		rc = ivp__oom(ctx, "the key status");
out:
	if (rc) {
		ivp_table_free(s.t);
		return rc;
	}
	*out = s.t;
	return IVP_OK;
}

/* ---- the users' TOTP secrets (issue 12's leftover) ------------------------------ */

/* The TOTP key of ctx's key file, checked: 0, 1 when the file has none
 * (or no key file is configured), or an error. */
static ivp_rc totp_key(ivp_ctx *ctx, const unsigned char **k)
{
	char have[65], want[65];
	vault *v;
	ivp_rc rc;

	*k = NULL;
	if (!ctx->keys_path[0])
		return IVP_OK;
	if ((rc = ivp__vault_ready(ctx, IVP__REG_SIGNALS)))
		return rc;
	v = ctx->vault;
	if (!v->have_totp)
		return IVP_OK;
	if (!v->totp_checked) {
		rc = ivp__store_vault_meta_get(ctx, "check:totp", have, sizeof(have));
		if (rc == IVP_ENOTFOUND)
			return keys_wrong(ctx, "The key file's TOTP key has no check value in this database.");
		if (rc)
			return rc;
		check_value(v->totp, "ivp-vault-check totp", want);
		if (sodium_memcmp(want, have, 64))
			return keys_wrong(ctx, "The key file's TOTP key was not made for this database: its check value differs.");
		v->totp_checked = 1;
	}
	*k = v->totp;
	return IVP_OK;
}

static void totp_ad(char *ad, size_t n, const char *user)
{
	snprintf(ad, n, "ivp-totp 1|%s", user);
}

ivp_rc ivp__vault_totp_seal(ivp_ctx *ctx, const char *user, const char *secret, char out[256])
{
	unsigned char w[NONCE + 64 + TAG];
	const unsigned char *k;
	size_t len = strlen(secret);
	char ad[128];
	ivp_rc rc;

	out[0] = '\0';
	if ((rc = totp_key(ctx, &k)))
		return rc;
	if (!k || len > 64) { /* no key: kept as it is, as before */
		snprintf(out, 256, "%s", secret);
		return IVP_OK;
	}
	totp_ad(ad, sizeof(ad), user);
	randombytes_buf(w, NONCE);
	crypto_aead_xchacha20poly1305_ietf_encrypt(w + NONCE, NULL, (const unsigned char *)secret, len,
						   (const unsigned char *)ad, strlen(ad), NULL, w, k);
	memcpy(out, "v1:", 3);
	sodium_bin2hex(out + 3, 256 - 3, w, NONCE + len + TAG);
	sodium_memzero(w, sizeof(w));
	return IVP_OK;
}

ivp_rc ivp__vault_totp_open(ivp_ctx *ctx, const char *user, const char *stored, char out[65])
{
	unsigned char w[NONCE + 64 + TAG];
	unsigned long long plen = 0;
	const unsigned char *k;
	size_t got = 0;
	char ad[128];
	ivp_rc rc;

	out[0] = '\0';
	if (strncmp(stored, "v1:", 3)) { /* a secret enrolled without a key file */
		snprintf(out, 65, "%s", stored);
		return IVP_OK;
	}
	if (!ctx->keys_path[0])
		return keys_none(ctx);
	if ((rc = totp_key(ctx, &k)))
		return rc;
	if (!k)
		return keys_wrong(ctx, "A user's second factor is sealed, and the key file has no TOTP key.");
	if (sodium_hex2bin(w, sizeof(w), stored + 3, strlen(stored + 3), NULL, &got, NULL) || got < NONCE + TAG)
		return keys_wrong(ctx, "A sealed field is damaged: it is not a blob the vault wrote.");
	totp_ad(ad, sizeof(ad), user);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out, &plen, NULL, w + NONCE, got - NONCE,
						       (const unsigned char *)ad, strlen(ad), w, k) ||
	    plen > 64) {
		sodium_memzero(out, 65);
		return keys_wrong(ctx, "A user's second factor does not open with the key file's TOTP key.");
	}
	out[plen] = '\0';
	sodium_memzero(w, sizeof(w));
	return IVP_OK;
}
