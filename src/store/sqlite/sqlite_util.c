/*
 * sqlite_util.c — statement helpers shared by the files of store/sqlite/:
 * prepare-once caching, binding text (NULL as SQL NULL), copying a column,
 * stepping a statement that returns no rows, and handing rows to a callback;
 * creating a database file with mode 0600.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/sqlite/sqlite_int.h"

int ivp__sq_fail(sq_store *s)
{
	snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
	s->errcode = (sqlite3_errcode(s->db) & 0xff) == SQLITE_NOMEM ? IVP__SE_NOMEM : IVP__SE_ERROR;
	return -1;
}

int ivp__sq_oom(sq_store *s)
{
	snprintf(s->err, sizeof(s->err), "out of memory");
	s->errcode = IVP__SE_NOMEM;
	return -1;
}

int ivp__sq_stop(sq_store *s)
{
	snprintf(s->err, sizeof(s->err), "stopped by the caller");
	s->errcode = IVP__SE_STOP;
	return -1;
}

int ivp__sq_failf(sq_store *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	s->errcode = IVP__SE_ERROR;
	return -1;
}

/*
 * SQLite rolls a transaction back by itself after some errors (out of
 * memory, disk full, I/O); a caller that went on would write the rest in
 * autocommit mode, half an import. So once the transaction is gone, every
 * statement fails until rollback.
 */
static int txn_lost(sq_store *s)
{
	if (!s->in_txn || !sqlite3_get_autocommit(s->db))
		return 0;
	snprintf(s->err, sizeof(s->err), "the transaction was rolled back after an earlier error");
	s->errcode = IVP__SE_ERROR;
	return 1;
}

sqlite3_stmt *ivp__sq_stmt(sq_store *s, sqlite3_stmt **slot, const char *sql)
{
	if (txn_lost(s))
		return NULL;
	if (!*slot) {
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				       slot, NULL) != SQLITE_OK) {
			ivp__sq_fail(s);
			return NULL;
		}
	} else {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
	}
	return *slot;
}

sqlite3_stmt *ivp__sq_prepare(sq_store *s, const char *sql)
{
	sqlite3_stmt *q = NULL;

	if (txn_lost(s))
		return NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
		ivp__sq_fail(s);
		sqlite3_finalize(q);
		return NULL;
	}
	return q;
}

int ivp__sq_done_finalize(sq_store *s, sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		ivp__sq_fail(s);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

void ivp__sq_bind_text(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

void ivp__sq_copy_col(sqlite3_stmt *q, int col, char *out, size_t outsz)
{
	const unsigned char *t = sqlite3_column_text(q, col);

	snprintf(out, outsz, "%s", t ? (const char *)t : "");
}

int ivp__sq_done(sq_store *s, sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : ivp__sq_fail(s);
}

int ivp__sq_rows(sq_store *s, sqlite3_stmt *q, ivp__row_cb cb, void *ud)
{
	const char *cols[IVP__ROW_MAXCOLS];
	int rc, n = sqlite3_column_count(q), i;

	if (n > IVP__ROW_MAXCOLS) {
		sqlite3_reset(q);
		return ivp__sq_failf(s, "a row of %d columns; at most %d", n, IVP__ROW_MAXCOLS);
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			cols[i] = (const char *)sqlite3_column_text(q, i);
		if (cb(ud, cols, n)) {
			sqlite3_reset(q);
			return ivp__sq_stop(s);
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : ivp__sq_fail(s);
}

int ivp__sq_create_private(const char *path)
{
	int fd;

	if (!path || !*path || !strcmp(path, ":memory:") || !strncmp(path, "file:", 5))
		return 0;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	/* the umask may have taken bits the owner needs; fchmod ignores it */
	if (fchmod(fd, 0600)) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}
