/*
 * sealtool.c — writes and reads records through the registers' vault, for
 * the raw-bytes test (rawbytes_test.sh) before the registers themselves
 * exist: each string of a file becomes record T-N of the signals register
 * with its own data key, the string sealed as field "text" and the sealed
 * blob kept (as hex) in the database, with a blind index of it beside.
 *
 *   sealtool seal DB KEYS STRINGS [CMD ARG...]   seal every line; run CMD
 *                                               while the database is still
 *                                               open (its WAL still there)
 *   sealtool open DB KEYS N                     print records T-1..T-N
 *
 * Exit 0; 1 with the error's code and message on stderr (keys_wrong, …).
 * The test database's vault_meta holds the blobs under "rawbytes:T-N":
 * a table every engine has, so no table of a register is needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ivp/audit.h"
#include "ivp/registers.h"
#include "registers/registers.h"
#include "store/reg_store.h"

static int fail(ivp_ctx *ctx, const char *what)
{
	const ivp_error *e = ivp_last_error(ctx);

	fprintf(stderr, "sealtool: %s: %s: %s\n", what, e->code, e->message);
	return 1;
}

static int hex(const unsigned char *p, size_t n, ivp__buf *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ivp__buf_printf(out, "%02x", p[i]))
			return -1;
	return 0;
}

static int nibble(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
								       -1;
}

static int unhex(const char *s, ivp__buf *out)
{
	for (; s[0] && s[1]; s += 2) {
		if (nibble(s[0]) < 0 || nibble(s[1]) < 0 || ivp__buf_addc(out, (char)(nibble(s[0]) * 16 + nibble(s[1]))))
			return -1;
	}
	return 0;
}

static int seal_all(ivp_ctx *ctx, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024], rec[32], key[64], blind[65];
	unsigned char dek[IVP__DEK_BYTES];
	ivp__buf blob, h;
	int n = 0, rc = 0;

	if (!f) {
		perror(path);
		return 1;
	}
	ivp__buf_init(&blob, 1 << 20);
	ivp__buf_init(&h, 1 << 21);
	while (!rc && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		snprintf(rec, sizeof(rec), "T-%d", ++n);
		ivp__buf_reset(&blob);
		ivp__buf_reset(&h);
		if (ivp__store_begin(ctx) || ivp__vault_new(ctx, IVP__REG_SIGNALS, rec, dek) ||
		    ivp__vault_seal(ctx, dek, IVP__REG_SIGNALS, rec, "text", line, strlen(line), &blob) ||
		    hex((const unsigned char *)blob.p, blob.len, &h) ||
		    ivp__vault_blind(ctx, IVP__REG_SIGNALS, "text", line, blind))
			rc = fail(ctx, "seal");
		snprintf(key, sizeof(key), "rawbytes:%s", rec);
		if (!rc && ivp__store_vault_meta_put(ctx, key, ivp__buf_str(&h)))
			rc = fail(ctx, "store");
		snprintf(key, sizeof(key), "rawbytes-blind:%s", rec);
		if (!rc && (ivp__store_vault_meta_put(ctx, key, blind) ||
			    ivp__reg_audit(ctx, IVP__REG_SIGNALS, "signal.write", rec, NULL) || ivp__store_commit(ctx)))
			rc = fail(ctx, "commit");
		if (rc)
			ivp__store_abort(ctx);
		ivp__vault_wipe(dek, sizeof(dek));
	}
	if (fclose(f))
		rc = 1;
	ivp__buf_free(&blob);
	ivp__buf_free(&h);
	if (!rc)
		fprintf(stderr, "sealtool: %d records sealed\n", n);
	return rc;
}

static int open_all(ivp_ctx *ctx, int n)
{
	char rec[32], key[64], *v = malloc(1 << 21);
	unsigned char dek[IVP__DEK_BYTES];
	ivp__buf blob, out;
	int i, rc = 0;

	if (!v)
		return 1;
	ivp__buf_init(&blob, 1 << 20);
	ivp__buf_init(&out, 1 << 20);
	for (i = 1; i <= n && !rc; i++) {
		snprintf(rec, sizeof(rec), "T-%d", i);
		snprintf(key, sizeof(key), "rawbytes:%s", rec);
		ivp__buf_reset(&blob);
		ivp__buf_reset(&out);
		if (ivp__store_vault_meta_get(ctx, key, v, 1 << 21) || unhex(v, &blob))
			rc = fail(ctx, "read");
		else if (ivp__vault_get(ctx, IVP__REG_SIGNALS, rec, dek) ||
			 ivp__vault_open(ctx, dek, IVP__REG_SIGNALS, rec, "text", blob.p, blob.len, &out))
			rc = fail(ctx, "open");
		else
			printf("%s %s\n", rec, ivp__buf_str(&out));
		ivp__vault_wipe(dek, sizeof(dek));
	}
	free(v);
	ivp__buf_free(&blob);
	ivp__buf_free(&out);
	return rc;
}

int main(int argc, char **argv)
{
	ivp_ctx *ctx = NULL;
	ivp_error e;
	int rc;

	if (argc < 5 || (strcmp(argv[1], "seal") && strcmp(argv[1], "open"))) {
		fprintf(stderr, "usage: sealtool seal DB KEYS STRINGS [CMD ARG...] | sealtool open DB KEYS N\n");
		return 2;
	}
	if (ivp_open(argv[2], &ctx, &e)) {
		fprintf(stderr, "sealtool: %s\n", e.message);
		return 1;
	}
	ivp_set_keys(ctx, argv[3]);
	ivp_set_actor(ctx, "sealtool", NULL, "cli os:test");
	if (!strcmp(argv[1], "open")) {
		rc = open_all(ctx, (int)strtol(argv[4], NULL, 10));
	} else if (!(rc = seal_all(ctx, argv[4])) && argc > 5) {
		pid_t pid = fork();
		int st = 0;

		if (pid == 0) {
			execvp(argv[5], argv + 5);
			_exit(127);
		}
		rc = pid < 0 || waitpid(pid, &st, 0) < 0 ? 1 : WIFEXITED(st) ? WEXITSTATUS(st) :
									       1;
	}
	ivp_close(ctx);
	return rc;
}
