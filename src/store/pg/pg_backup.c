/*
 * pg_backup.c — `ivp backup` and `ivp restore` on PostgreSQL, with
 * PostgreSQL's own client programs from Debian's postgresql-client:
 * pg_dump writes a custom-format archive (one snapshot: consistent while
 * others write), pg_restore --list checks that it reads back, and a
 * restore runs pg_restore into the open database in one transaction.
 *
 * The programs are those of the newest /usr/lib/postgresql/N/bin (as
 * tests/pg/cluster.sh finds the server's), else the first on PATH; a
 * pg_dump older than the server refuses, so the newest is the one to use.
 * They get the connection string, which never holds a password (pg_open
 * refuses one): a password comes from PGPASSFILE or ~/.pgpass, read by
 * the programs themselves, never from their command line; --no-password
 * keeps them from asking. Their stderr goes to a temporary file whose
 * first line becomes the error.
 *
 * A restore writes only into an empty database (no rows but those the
 * migrations seed: ivp__copy_seeded), replacing its schema by the
 * archive's (--clean --if-exists), then runs the migrations, so that an
 * archive of an older ivp is brought up to date.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/copy_store.h"
#include "store/pg/pg_int.h"

extern char **environ;

/* the newest installed copy of prog, or prog itself (looked up on PATH) */
static void tool_path(const char *prog, char *out, size_t n)
{
	char pat[128];
	glob_t g;
	size_t i;
	long best = -1;

	snprintf(out, n, "%s", prog);
	snprintf(pat, sizeof(pat), "/usr/lib/postgresql/*/bin/%s", prog);
	if (glob(pat, 0, NULL, &g))
		return;
	for (i = 0; i < g.gl_pathc; i++) {
		long v = strtol(g.gl_pathv[i] + strlen("/usr/lib/postgresql/"), NULL, 10);

		if (v > best && !access(g.gl_pathv[i], X_OK)) {
			best = v;
			snprintf(out, n, "%s", g.gl_pathv[i]);
		}
	}
	globfree(&g);
}

/* Run prog with args (NULL-terminated, args[0] ignored); stdout to
 * /dev/null. 0, or -1 with the program's first line of stderr. */
static int run_tool(pg_store *s, const char *prog, char **args)
{
	char path[256], tmp[] = "/tmp/ivp-pgtool-XXXXXX", line[400];
	posix_spawn_file_actions_t fa;
	int fd, st = 0, rc;
	pid_t pid;
	ssize_t got;

	tool_path(prog, path, sizeof(path));
	if ((fd = mkstemp(tmp)) < 0)
		return ivp__pg_failf(s, "cannot run %s: no temporary file: %s", prog, strerror(errno));
	(void)unlink(tmp);
	args[0] = path;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fd, 2);
	rc = strchr(path, '/') ? posix_spawn(&pid, path, &fa, NULL, args, environ) :
				 posix_spawnp(&pid, path, &fa, NULL, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	args[0] = NULL; /* path is this function's */
	if (rc) {
		close(fd);
		return ivp__pg_failf(s, "cannot run %s (postgresql-client): %s", prog, strerror(rc));
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	got = pread(fd, line, sizeof(line) - 1, 0);
	close(fd);
	line[got > 0 ? got : 0] = '\0';
	line[strcspn(line, "\n")] = '\0';
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	return ivp__pg_failf(s, "%s failed: %s", prog, line[0] ? line : "no reason given");
}

int ivp__pg_backup(pg_store *s, const char *path)
{
	char file[4200], db[600];
	char *dump[] = { NULL, "--format=custom", "--no-password", file, db, NULL };
	char *list[] = { NULL, "--list", (char *)path, NULL };
	int fd;

	/* the archive is the owner's only, as an SQLite backup */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return ivp__pg_failf(s, "cannot create \"%s\": %s", path, strerror(errno));
	close(fd);
	snprintf(file, sizeof(file), "--file=%s", path);
	snprintf(db, sizeof(db), "--dbname=%s", s->conninfo);
	if (run_tool(s, "pg_dump", dump) || run_tool(s, "pg_restore", list)) {
		(void)unlink(path);
		return -1;
	}
	return 0;
}

/* 1 when a table the migrations do not seed holds a row (its name in s->err) */
static int holds_rows(pg_store *s)
{
	char sql[160];
	int t;

	for (t = 0; t < ivp__copy_ntables; t++) {
		PGresult *r;
		int has;

		if (ivp__copy_seeded(t))
			continue;
		/* a name from the constant list; a one-off statement */
		snprintf(sql, sizeof(sql), "SELECT 1 FROM %s LIMIT 1", ivp__copy_tables[t].name);
		if (ivp__pg_ensure(s))
			return -1;
		r = PQexec(s->conn, sql);
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			ivp__pg_fail(s, r);
			PQclear(r);
			return -1;
		}
		has = PQntuples(r) > 0;
		PQclear(r);
		if (has) {
			ivp__pg_failf(s, "the database is not empty: its table %s holds rows; ivp restore on "
					 "PostgreSQL writes into a new, empty database (createdb)",
				      ivp__copy_tables[t].name);
			return 1;
		}
	}
	return 0;
}

int ivp__pg_restore(pg_store *s, const char *path)
{
	char db[600];
	char *restore[] = { NULL, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
			    "--exit-on-error", "--no-password", db, (char *)path, NULL };

	if (s->in_txn || s->in_read)
		return ivp__pg_failf(s, "a restore cannot run inside a transaction");
	if (holds_rows(s))
		return -1;
	snprintf(db, sizeof(db), "--dbname=%s", s->conninfo);
	if (run_tool(s, "pg_restore", restore))
		return -1;
	/* what this connection knew of the old tables is gone with them */
	ivp__pg_series_close(s);
	ivp__pg_snap_clear(s);
	if (ivp__pg_migrate(s))
		return -1;
	return ivp__pg_touched(s);
}
