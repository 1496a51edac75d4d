/*
 * sqlite_audit.c — the SQLite side of audit_store.h: the audit trail
 * (table audit_entry of migration 9), backups and restores with SQLite's
 * online backup API, PRAGMA integrity_check, and the two plan-history
 * functions pruning needs.
 *
 * An entry is appended under the write lock: outside a transaction this
 * file takes one of its own (BEGIN IMMEDIATE), so reading the newest entry
 * and inserting the next cannot interleave with another connection's; in
 * the caller's transaction the lock is already held (begin() is BEGIN
 * IMMEDIATE) and the entry commits or rolls back with the write it records.
 *
 * A backup is written into a new file created 0600, in one backup step:
 * the copy is of one moment (a read transaction on the source) while
 * writers in WAL mode go on. A restore copies the other way, from the
 * file into this connection's database, which SQLite does as one write
 * transaction: other connections see the old database or the new one.
 *
 * Statements are prepared on first use and kept in SQ(s)->audit;
 * au_close finalizes them.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/audit_store.h"
#include "store/sqlite/sqlite_int.h"

enum {
	A_LAST,
	A_INSERT,
	A_WALK,
	A_FIND,
	A_REFS,
	A_PLAN_DEL,
	A_COUNT
};

#define COLS "seq, at, user, org, addr, action, object, before, after, prev, hash, reason"
/* read back with the entry's municipality and whether this scope sees it */
#define RCOLS COLS ", municipality, COALESCE(ivp_tenant_ok(municipality), 0)"

static const char *const sql[A_COUNT] = {
	[A_LAST] = "SELECT " RCOLS " FROM audit_entry ORDER BY seq DESC LIMIT 1",
	[A_INSERT] = "INSERT INTO audit_entry(" COLS ", municipality) "
		     "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,ivp_tenant_default())",
	[A_WALK] = "SELECT " RCOLS " FROM audit_entry WHERE seq >= ?1 AND (?2 IS NULL OR user = ?2) "
		   "AND (?3 IS NULL OR object = ?3) AND (?4 IS NULL OR at >= ?4) ORDER BY seq",
	[A_FIND] = "SELECT seq FROM audit_entry WHERE seq > ?1 AND hash = ?2 ORDER BY seq LIMIT 1",
	[A_REFS] = "SELECT v.version, v.kind, v.created_at, EXISTS (SELECT 1 FROM report_final f "
		   "WHERE json_valid(f.snapshot) AND json_extract(f.snapshot, '$.plan_version') = v.version) "
		   "FROM plan_version v ORDER BY v.version",
	[A_PLAN_DEL] = "DELETE FROM plan_version WHERE version = ?1",
};

typedef struct audit_cache {
	sqlite3_stmt *st[A_COUNT];
} audit_cache;

static sqlite3_stmt *stmt(sq_store *s, int i)
{
	audit_cache *c = s->audit;

	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c) {
			ivp__sq_oom(s);
			return NULL;
		}
		s->audit = c;
	}
	return ivp__sq_stmt(s, &c->st[i], sql[i]);
}

static void row(sqlite3_stmt *q, ivp__audit_rec *r)
{
	r->seq = sqlite3_column_int64(q, 0);
	ivp__sq_copy_col(q, 1, r->at, sizeof(r->at));
	ivp__sq_copy_col(q, 2, r->user, sizeof(r->user));
	ivp__sq_copy_col(q, 3, r->org, sizeof(r->org));
	ivp__sq_copy_col(q, 4, r->addr, sizeof(r->addr));
	ivp__sq_copy_col(q, 5, r->action, sizeof(r->action));
	ivp__sq_copy_col(q, 6, r->object, sizeof(r->object));
	ivp__sq_copy_col(q, 7, r->before, sizeof(r->before));
	ivp__sq_copy_col(q, 8, r->after, sizeof(r->after));
	ivp__sq_copy_col(q, 9, r->prev, sizeof(r->prev));
	ivp__sq_copy_col(q, 10, r->hash, sizeof(r->hash));
	ivp__sq_copy_col(q, 11, r->reason, sizeof(r->reason));
	ivp__sq_copy_col(q, 12, r->municipality, sizeof(r->municipality));
	r->visible = sqlite3_column_int(q, 13);
}

static int au_last(ivp__store *st, ivp__audit_rec *out)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, A_LAST);
	int rc;

	if (!q)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		row(q, out);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : ivp__sq_fail(s);
}

static int exec1(sq_store *s, const char *what)
{
	if (sqlite3_exec(s->db, what, NULL, NULL, NULL) != SQLITE_OK)
		return ivp__sq_fail(s);
	return 0;
}

static int insert(sq_store *s, ivp__audit_rec *r, ivp__audit_seal_fn seal, void *ud)
{
	ivp__audit_rec last;
	sqlite3_stmt *q;
	int rc = au_last(&s->base, &last);

	if (rc < 0)
		return -1;
	if ((rc = seal(ud, rc == 0 ? &last : NULL, r)))
		return rc == -2 ? ivp__sq_oom(s) : ivp__sq_failf(s, "audit entry not sealed");
	if (!(q = stmt(s, A_INSERT)))
		return -1;
	sqlite3_bind_int64(q, 1, r->seq);
	ivp__sq_bind_text(q, 2, r->at);
	ivp__sq_bind_text(q, 3, r->user);
	ivp__sq_bind_text(q, 4, r->org);
	ivp__sq_bind_text(q, 5, r->addr);
	ivp__sq_bind_text(q, 6, r->action);
	ivp__sq_bind_text(q, 7, r->object);
	ivp__sq_bind_text(q, 8, r->before);
	ivp__sq_bind_text(q, 9, r->after);
	ivp__sq_bind_text(q, 10, r->prev);
	ivp__sq_bind_text(q, 11, r->hash);
	ivp__sq_bind_text(q, 12, r->reason);
	return ivp__sq_done(s, q);
}

static int au_append(ivp__store *st, ivp__audit_rec *r, ivp__audit_seal_fn seal, void *ud)
{
	sq_store *s = SQ(st);
	int own = sqlite3_get_autocommit(s->db);

	if (own && ivp__sq_series_flush(s))
		return -1;
	if (own && exec1(s, "BEGIN IMMEDIATE"))
		return -1;
	if (insert(s, r, seal, ud)) {
		if (own)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (own && exec1(s, "COMMIT")) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static int au_walk(ivp__store *st, int64_t from_seq, const char *user, const char *object,
		   const char *from, int (*cb)(void *ud, const ivp__audit_rec *r), void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, A_WALK);
	ivp__audit_rec r;
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, from_seq);
	ivp__sq_bind_text(q, 2, user);
	ivp__sq_bind_text(q, 3, object);
	ivp__sq_bind_text(q, 4, from);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		row(q, &r);
		if (cb(ud, &r)) {
			sqlite3_reset(q);
			return ivp__sq_stop(s);
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : ivp__sq_fail(s);
}

static int au_find(ivp__store *st, int64_t after, const char *hash, int64_t *seq)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, A_FIND);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, after);
	ivp__sq_bind_text(q, 2, hash);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*seq = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : ivp__sq_fail(s);
}

/* Copy database `from` into `to` in one step, waiting while `to` is busy. */
static int copy(sq_store *s, sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc, tries = 0;

	if (!b) {
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(to));
		s->errcode = (sqlite3_errcode(to) & 0xff) == SQLITE_NOMEM ? IVP__SE_NOMEM : IVP__SE_ERROR;
		return -1;
	}
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (++tries > 100)
			break;
		sqlite3_sleep(50);
	}
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return 0;
	snprintf(s->err, sizeof(s->err), "%s", rc == SQLITE_BUSY ? "the database stayed busy" : sqlite3_errstr(rc));
	s->errcode = (rc & 0xff) == SQLITE_NOMEM ? IVP__SE_NOMEM : IVP__SE_ERROR;
	return -1;
}

static int au_backup(ivp__store *st, const char *path)
{
	sq_store *s = SQ(st);
	sqlite3 *dst = NULL;
	int rc;

	if (ivp__sq_series_flush(s))
		return -1;
	if (!access(path, F_OK))
		return ivp__sq_failf(s, "%s exists; a backup never replaces a file", path);
	if (ivp__sq_create_private(path))
		return ivp__sq_failf(s, "cannot create %s: %s", path, strerror(errno));
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		ivp__sq_failf(s, "cannot open %s: %s", path, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(dst);
		return -1;
	}
	rc = copy(s, dst, s->db);
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = ivp__sq_failf(s, "cannot close %s", path);
	return rc;
}

static int au_restore(ivp__store *st, const char *path)
{
	sq_store *s = SQ(st);
	sqlite3 *src = NULL;
	int rc;

	if (!sqlite3_get_autocommit(s->db))
		return ivp__sq_failf(s, "a restore cannot run inside a transaction");
	ivp__sq_series_rollback(s);
	rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		ivp__sq_failf(s, "cannot open %s: %s", path, src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
		sqlite3_close(src);
		return -1;
	}
	rc = copy(s, s->db, src);
	sqlite3_close(src);
	return rc;
}

static int au_integrity(ivp__store *st, int *ok, char *why, size_t n)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = ivp__sq_prepare(s, "PRAGMA integrity_check(1)");
	int rc;

	*ok = 0;
	if (why && n)
		*why = '\0';
	if (!q)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);

		*ok = t && !strcmp(t, "ok");
		if (!*ok && why)
			snprintf(why, n, "%s", t ? t : "");
		sqlite3_finalize(q);
		return 0;
	}
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
		/* too broken for the check itself: that is its answer */
		if (why)
			snprintf(why, n, "%s", sqlite3_errmsg(s->db));
		sqlite3_finalize(q);
		return 0;
	}
	ivp__sq_fail(s);
	sqlite3_finalize(q);
	return -1;
}

static int au_plan_refs(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, A_REFS);

	if (!q)
		return -1;
	return ivp__sq_rows(s, q, cb, ud);
}

static int au_plan_delete(ivp__store *st, int64_t version)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, A_PLAN_DEL);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, version);
	if (ivp__sq_done(s, q))
		return -1;
	return sqlite3_changes(s->db) ? 0 : 1;
}

static void au_close(ivp__store *st)
{
	sq_store *s = SQ(st);
	audit_cache *c = s->audit;
	int i;

	if (!c)
		return;
	for (i = 0; i < A_COUNT; i++)
		sqlite3_finalize(c->st[i]);
	free(c);
	s->audit = NULL;
}

const ivp__audit_ops ivp__sqlite_audit_ops = {
	.append = au_append,
	.last = au_last,
	.walk = au_walk,
	.find = au_find,
	.backup = au_backup,
	.restore = au_restore,
	.integrity = au_integrity,
	.plan_refs = au_plan_refs,
	.plan_delete = au_plan_delete,
	.close = au_close,
};
