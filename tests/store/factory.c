/*
 * factory.c — fresh databases for the storage conformance suite (see
 * factory.h): one per test, of the engine named on the command line or in
 * IVP_TEST_DB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "factory.h"

const char *tdb_engine = "sqlite";

static int is_sqlite(const char *e)
{
	return !strcmp(e, "sqlite") || !strcmp(e, "sqlite:");
}

static int is_pg(const char *e)
{
	return !strcmp(e, "postgresql") || !strcmp(e, "pg");
}

/* One statement on the server's maintenance database through psql (the
 * server is the one PGHOST/PGPORT/PGUSER name: tests/pg/cluster.sh), run
 * without a shell. The names are made here, never from input. */
static int psql(const char *sql)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, 1);
		execlp("psql", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql,
		       (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
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
	} else if (is_pg(tdb_engine)) {
		static int n;
		char sql[128];

		/* a new database per test on the test cluster */
		snprintf(t->pgdb, sizeof(t->pgdb), "ivp_conf_%ld_%d", (long)getpid(), ++n);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", t->pgdb);
		if (psql(sql)) {
			fprintf(stderr, "cannot create database %s (is the test cluster running? "
					"PGHOST=%s)\n",
				t->pgdb, getenv("PGHOST") ? getenv("PGHOST") : "");
			return -1;
		}
		snprintf(t->where, sizeof(t->where), "postgresql:///%s", t->pgdb);
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
	if (t->pgdb[0]) {
		char sql[128];

		snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)", t->pgdb);
		if (psql(sql))
			fprintf(stderr, "cannot drop database %s\n", t->pgdb);
	}
	if (t->dir[0]) {
		for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
			snprintf(p, sizeof(p), "%s/test.db%s", t->dir, ext[i]);
			unlink(p);
		}
		rmdir(t->dir);
	}
}
