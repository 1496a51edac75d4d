/*
 * factory.c — fresh databases for the storage conformance suite (see
 * factory.h): one per test, of the engine named on the command line or in
 * IVP_TEST_DB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "factory.h"

const char *tdb_engine = "sqlite";

static int is_sqlite(const char *e)
{
	return !strcmp(e, "sqlite") || !strcmp(e, "sqlite:");
}

ivp_ctx *tdb_connect(const tdb *t)
{
	ivp_ctx *ctx = NULL;
	ivp_error err;

	if (ivp_open(t->where, &ctx, &err)) {
		fprintf(stderr, "cannot open %s: %s (%s)\n", t->where, err.message, err.detail);
		return NULL;
	}
	return ctx;
}

int tdb_create(tdb *t)
{
	memset(t, 0, sizeof(*t));
	if (is_sqlite(tdb_engine)) {
		const char *tmp = getenv("TMPDIR");

		snprintf(t->dir, sizeof(t->dir), "%s/ivp-conformance-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(t->dir)) {
			perror("mkdtemp");
			return -1;
		}
		snprintf(t->where, sizeof(t->where), "sqlite:%s/test.db", t->dir);
	} else {
		/* a new engine: make a fresh database here and name it in t->where */
		fprintf(stderr, "the conformance factory cannot make a fresh database for \"%s\"; "
				"add the engine's case to tests/store/factory.c\n",
			tdb_engine);
		return -1;
	}
	t->ctx = tdb_connect(t);
	return t->ctx ? 0 : -1;
}

void tdb_drop(tdb *t)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char p[600];
	size_t i;

	ivp_close(t->ctx);
	t->ctx = NULL;
	if (t->dir[0]) {
		for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
			snprintf(p, sizeof(p), "%s/test.db%s", t->dir, ext[i]);
			unlink(p);
		}
		rmdir(t->dir);
	}
}
