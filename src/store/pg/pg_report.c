/*
 * pg_report.c — the PostgreSQL side of report_store.h: the report's
 * narrative texts (table report_text, one row per version) and the
 * snapshots of definitief reports (table report_final), both of
 * migration 6; and of audit_store.h: the audit trail (table audit_entry of
 * migration 9) and the two plan-history functions pruning needs.
 *
 * An entry is appended under the writers' lock: in the caller's
 * transaction (begin() took the lock) the entry commits or rolls back
 * with the write it records; outside one this file opens its own, so
 * reading the newest entry, sealing the next and inserting it cannot
 * interleave with another connection's. Backups and restores are
 * pg_dump's archives (pg_backup.c); the cluster checks its own pages, so
 * integrity answers ok.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg/pg_int.h"
#include "store/audit_store.h"
#include "store/report_store.h"

static void report_params(pg_params *p, const char *kind, const char *area, int year)
{
	pg_init(p);
	pg_text(p, kind);
	pg_text(p, area);
	pg_int(p, year);
}

static int rp_text_add(ivp__store *st, const ivp__text_rec *t, int64_t *version)
{
	static const char *const next = "SELECT COALESCE(MAX(version), 0) + 1 FROM report_text "
					"WHERE kind=$1 AND area=$2 AND year=$3 AND key=$4";
	static const char *const ins =
		"INSERT INTO report_text(kind, area, year, key, version, body, created_by, created_at) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,ivp_now())";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;

	report_params(&p, t->kind, t->area, t->year);
	pg_text(&p, t->key);
	if (ivp__pg_query(s, next, &p, &r))
		return -1;
	*version = ivp__pg_int(r, 0, 0);
	PQclear(r);
	pg_int(&p, *version);
	pg_text(&p, t->body);
	pg_text(&p, t->user && *t->user ? t->user : "unknown");
	return ivp__pg_exec(s, ins, &p, NULL) ? -1 : ivp__pg_touched(s);
}

static int rp_texts_list(ivp__store *st, const char *kind, const char *area, int year,
			 ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT key, version, body, created_by, created_at FROM report_text t "
		"WHERE kind=$1 AND area=$2 AND year=$3 AND version = (SELECT MAX(version) FROM report_text u "
		"WHERE u.kind=t.kind AND u.area=t.area AND u.year=t.year AND u.key=t.key) ORDER BY key";
	pg_params p;

	report_params(&p, kind, area, year);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int rp_text_history(ivp__store *st, const char *kind, const char *area, int year,
			   const char *key, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT version, body, created_by, created_at FROM report_text "
				       "WHERE kind=$1 AND area=$2 AND year=$3 AND key=$4 ORDER BY version";
	pg_params p;

	report_params(&p, kind, area, year);
	pg_text(&p, key);
	return ivp__pg_query_rows(PG(st), sql, &p, cb, ud);
}

static int rp_final_add(ivp__store *st, const ivp__final_rec *f, int *exists)
{
	static const char *const ins =
		"INSERT INTO report_final(kind, area, year, date, sha256, snapshot, created_by, created_at) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,ivp_now()) ON CONFLICT DO NOTHING";
	pg_store *s = PG(st);
	pg_params p;
	int64_t n;

	report_params(&p, f->kind, f->area, f->year);
	pg_text(&p, f->date);
	pg_text(&p, f->sha256);
	pg_text(&p, f->snapshot);
	pg_text(&p, f->created_by[0] ? f->created_by : "unknown");
	if (ivp__pg_exec(s, ins, &p, &n))
		return -1;
	*exists = n == 0;
	return ivp__pg_touched(s);
}

static int rp_final_get(ivp__store *st, const char *kind, const char *area, int year,
			ivp__final_rec *out)
{
	static const char *const sql =
		"SELECT kind, area, year, date, sha256, created_by, created_at, snapshot FROM report_final "
		"WHERE kind=$1 AND area=$2 AND year=$3";
	pg_store *s = PG(st);
	pg_params p;
	PGresult *r;

	memset(out, 0, sizeof(*out));
	report_params(&p, kind, area, year);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	if (!PQntuples(r)) {
		PQclear(r);
		return 1;
	}
	ivp__pg_copy(r, 0, 0, out->kind, sizeof(out->kind));
	ivp__pg_copy(r, 0, 1, out->area, sizeof(out->area));
	out->year = (int)ivp__pg_int(r, 0, 2);
	ivp__pg_copy(r, 0, 3, out->date, sizeof(out->date));
	ivp__pg_copy(r, 0, 4, out->sha256, sizeof(out->sha256));
	ivp__pg_copy(r, 0, 5, out->created_by, sizeof(out->created_by));
	ivp__pg_copy(r, 0, 6, out->created_at, sizeof(out->created_at));
	out->snapshot = strdup(PQgetvalue(r, 0, 7));
	PQclear(r);
	return out->snapshot ? 0 : ivp__pg_oom(s);
}

static int rp_finals_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql = "SELECT kind, area, year, date, sha256, created_by, created_at FROM report_final "
				       "ORDER BY kind, area, year";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static void rp_close(ivp__store *st)
{
	(void)st; /* the prepared statements end with the connection */
}

const ivp__report_ops ivp__pg_report_ops = {
	.text_add = rp_text_add,
	.texts_list = rp_texts_list,
	.text_history = rp_text_history,
	.final_add = rp_final_add,
	.final_get = rp_final_get,
	.finals_list = rp_finals_list,
	.close = rp_close,
};

/* ---- the audit trail and plan-history pruning (audit_store.h) ---- */

#define AUDIT_COLS "seq, at, \"user\", org, addr, action, object, before, after, prev, hash, reason"
/* read back with the entry's municipality and whether this scope sees it;
 * an insert leaves municipality to its default, ivp_tenant_default() */
#define AUDIT_RCOLS AUDIT_COLS ", municipality, COALESCE(ivp_tenant_ok(municipality), false)::int"

static void audit_row(const PGresult *r, int i, ivp__audit_rec *out)
{
	out->seq = ivp__pg_int(r, i, 0);
	ivp__pg_copy(r, i, 1, out->at, sizeof(out->at));
	ivp__pg_copy(r, i, 2, out->user, sizeof(out->user));
	ivp__pg_copy(r, i, 3, out->org, sizeof(out->org));
	ivp__pg_copy(r, i, 4, out->addr, sizeof(out->addr));
	ivp__pg_copy(r, i, 5, out->action, sizeof(out->action));
	ivp__pg_copy(r, i, 6, out->object, sizeof(out->object));
	ivp__pg_copy(r, i, 7, out->before, sizeof(out->before));
	ivp__pg_copy(r, i, 8, out->after, sizeof(out->after));
	ivp__pg_copy(r, i, 9, out->prev, sizeof(out->prev));
	ivp__pg_copy(r, i, 10, out->hash, sizeof(out->hash));
	ivp__pg_copy(r, i, 11, out->reason, sizeof(out->reason));
	ivp__pg_copy(r, i, 12, out->municipality, sizeof(out->municipality));
	out->visible = (int)ivp__pg_int(r, i, 13);
}

static int au_last(ivp__store *st, ivp__audit_rec *out)
{
	static const char *const sql = "SELECT " AUDIT_RCOLS " FROM audit_entry ORDER BY seq DESC LIMIT 1";
	PGresult *r;
	int n;

	if (ivp__pg_query(PG(st), sql, NULL, &r))
		return -1;
	n = PQntuples(r);
	if (n)
		audit_row(r, 0, out);
	PQclear(r);
	return n ? 0 : 1;
}

/* the newest entry, the seal of the next, its insert (the lock is held) */
static int au_insert(pg_store *s, ivp__audit_rec *r, ivp__audit_seal_fn seal, void *ud)
{
	static const char *const sql = "INSERT INTO audit_entry(" AUDIT_COLS ", municipality) "
				       "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,ivp_tenant_default())";
	ivp__audit_rec last;
	pg_params p;
	int rc = au_last(&s->base, &last);

	if (rc < 0)
		return -1;
	if ((rc = seal(ud, rc == 0 ? &last : NULL, r)))
		return rc == -2 ? ivp__pg_oom(s) : ivp__pg_failf(s, "audit entry not sealed");
	pg_init(&p);
	pg_int(&p, r->seq);
	pg_text(&p, r->at);
	pg_text(&p, r->user);
	pg_text(&p, r->org);
	pg_text(&p, r->addr);
	pg_text(&p, r->action);
	pg_text(&p, r->object);
	pg_text(&p, r->before);
	pg_text(&p, r->after);
	pg_text(&p, r->prev);
	pg_text(&p, r->hash);
	pg_text(&p, r->reason);
	return ivp__pg_exec(s, sql, &p, NULL);
}

static int au_append(ivp__store *st, ivp__audit_rec *r, ivp__audit_seal_fn seal, void *ud)
{
	pg_store *s = PG(st);
	int own = !s->in_txn;

	if (own && ivp__pg_ops.begin(st))
		return -1;
	if (au_insert(s, r, seal, ud)) {
		if (own)
			ivp__pg_ops.rollback(st); /* records only its own failure */
		return -1;
	}
	if (own && ivp__pg_ops.commit(st)) {
		ivp__pg_ops.rollback(st);
		return -1;
	}
	return 0;
}

static int au_walk(ivp__store *st, int64_t from_seq, const char *user, const char *object,
		   const char *from, int (*cb)(void *ud, const ivp__audit_rec *r), void *ud)
{
	static const char *const sql =
		"SELECT " AUDIT_RCOLS " FROM audit_entry WHERE seq >= $1 AND ($2::text IS NULL OR \"user\" = $2) "
		"AND ($3::text IS NULL OR object = $3) AND ($4::text IS NULL OR at >= $4) ORDER BY seq";
	pg_store *s = PG(st);
	ivp__audit_rec rec;
	pg_params p;
	PGresult *r;
	int i, n;

	pg_init(&p);
	pg_int(&p, from_seq);
	pg_text(&p, user);
	pg_text(&p, object);
	pg_text(&p, from);
	if (ivp__pg_query(s, sql, &p, &r))
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		audit_row(r, i, &rec);
		if (cb(ud, &rec)) {
			PQclear(r);
			return ivp__pg_stop(s);
		}
	}
	PQclear(r);
	return 0;
}

static int au_find(ivp__store *st, int64_t after, const char *hash, int64_t *seq)
{
	static const char *const sql = "SELECT seq FROM audit_entry WHERE seq > $1 AND hash = $2 ORDER BY seq LIMIT 1";
	pg_params p;
	PGresult *r;
	int n;

	pg_init(&p);
	pg_int(&p, after);
	pg_text(&p, hash);
	if (ivp__pg_query(PG(st), sql, &p, &r))
		return -1;
	n = PQntuples(r);
	if (n)
		*seq = ivp__pg_int(r, 0, 0);
	PQclear(r);
	return n ? 0 : 1;
}

/* pg_dump and pg_restore (pg_backup.c) */
static int au_backup(ivp__store *st, const char *path) { return ivp__pg_backup(PG(st), path); }
static int au_restore(ivp__store *st, const char *path) { return ivp__pg_restore(PG(st), path); }

static int au_integrity(ivp__store *st, int *ok, char *why, size_t n)
{
	(void)st;
	*ok = 1; /* the server checks its own pages (data checksums) */
	if (why && n)
		*why = '\0';
	return 0;
}

static int au_plan_refs(ivp__store *st, ivp__row_cb cb, void *ud)
{
	static const char *const sql =
		"SELECT v.version, v.kind, v.created_at, EXISTS (SELECT 1 FROM report_final f "
		"WHERE ivp_json_field(f.snapshot, 'plan_version') = to_jsonb(v.version))::int "
		"FROM plan_version v ORDER BY v.version";

	return ivp__pg_query_rows(PG(st), sql, NULL, cb, ud);
}

static int au_plan_delete(ivp__store *st, int64_t version)
{
	static const char *const sql = "DELETE FROM plan_version WHERE version = $1";
	pg_store *s = PG(st);
	pg_params p;
	int64_t n;

	pg_init(&p);
	pg_int(&p, version);
	if (ivp__pg_exec(s, sql, &p, &n))
		return -1;
	if (!n)
		return 1;
	return ivp__pg_touched(s);
}

static void au_close(ivp__store *st)
{
	(void)st; /* the prepared statements end with the connection */
}

const ivp__audit_ops ivp__pg_audit_ops = {
	.append = au_append,
	.last = au_last,
	.walk = au_walk,
	.find = au_find,
	.backup = au_backup,
	.restore = au_restore,
	.backup_dump = 1,
	.integrity = au_integrity,
	.plan_refs = au_plan_refs,
	.plan_delete = au_plan_delete,
	.close = au_close,
};
