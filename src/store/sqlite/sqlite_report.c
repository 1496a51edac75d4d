/*
 * sqlite_report.c — the SQLite side of report_store.h: the report's
 * narrative texts (table report_text, one row per version) and the
 * snapshots of definitief reports (table report_final), both of
 * migration 6.
 *
 * Statements are prepared on first use and kept in this file's own cache,
 * hung on the store as SQ(s)->report; rp_close finalizes them.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/report_store.h"
#include "store/sqlite/sqlite_int.h"

enum {
	R_TEXT_NEXT,
	R_TEXT_INS,
	R_TEXTS,
	R_HISTORY,
	R_FINAL_HAS,
	R_FINAL_INS,
	R_FINAL_GET,
	R_FINALS,
	R_COUNT
};

static const char *const sql[R_COUNT] = {
	[R_TEXT_NEXT] = "SELECT COALESCE(MAX(version), 0) + 1 FROM report_text "
			"WHERE kind=?1 AND area=?2 AND year=?3 AND key=?4",
	[R_TEXT_INS] = "INSERT INTO report_text(kind, area, year, key, version, body, created_by, created_at) "
		       "VALUES (?1,?2,?3,?4,?5,?6,?7,strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
	[R_TEXTS] = "SELECT key, version, body, created_by, created_at FROM report_text t "
		    "WHERE kind=?1 AND area=?2 AND year=?3 AND version = (SELECT MAX(version) FROM report_text u "
		    "WHERE u.kind=t.kind AND u.area=t.area AND u.year=t.year AND u.key=t.key) ORDER BY key",
	[R_HISTORY] = "SELECT version, body, created_by, created_at FROM report_text "
		      "WHERE kind=?1 AND area=?2 AND year=?3 AND key=?4 ORDER BY version",
	[R_FINAL_HAS] = "SELECT EXISTS (SELECT 1 FROM report_final WHERE kind=?1 AND area=?2 AND year=?3)",
	[R_FINAL_INS] = "INSERT INTO report_final(kind, area, year, date, sha256, snapshot, created_by, created_at) "
			"VALUES (?1,?2,?3,?4,?5,?6,?7,strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
	[R_FINAL_GET] = "SELECT kind, area, year, date, sha256, created_by, created_at, snapshot FROM report_final "
			"WHERE kind=?1 AND area=?2 AND year=?3",
	[R_FINALS] = "SELECT kind, area, year, date, sha256, created_by, created_at FROM report_final "
		     "ORDER BY kind, area, year",
};

typedef struct report_cache {
	sqlite3_stmt *st[R_COUNT];
} report_cache;

static sqlite3_stmt *stmt(sq_store *s, int i)
{
	report_cache *c = s->report;

	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c) {
			ivp__sq_oom(s);
			return NULL;
		}
		s->report = c;
	}
	return ivp__sq_stmt(s, &c->st[i], sql[i]);
}

static void bind_report(sqlite3_stmt *q, const char *kind, const char *area, int year)
{
	ivp__sq_bind_text(q, 1, kind);
	ivp__sq_bind_text(q, 2, area);
	sqlite3_bind_int(q, 3, year);
}

static int rp_text_add(ivp__store *st, const ivp__text_rec *t, int64_t *version)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, R_TEXT_NEXT);
	int rc;

	if (!q)
		return -1;
	bind_report(q, t->kind, t->area, t->year);
	ivp__sq_bind_text(q, 4, t->key);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return ivp__sq_fail(s);
	}
	*version = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (!(q = stmt(s, R_TEXT_INS)))
		return -1;
	bind_report(q, t->kind, t->area, t->year);
	ivp__sq_bind_text(q, 4, t->key);
	sqlite3_bind_int64(q, 5, *version);
	ivp__sq_bind_text(q, 6, t->body);
	ivp__sq_bind_text(q, 7, t->user && *t->user ? t->user : "unknown");
	return ivp__sq_done(s, q);
}

static int rp_texts_list(ivp__store *st, const char *kind, const char *area, int year,
			 ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, R_TEXTS);

	if (!q)
		return -1;
	bind_report(q, kind, area, year);
	return ivp__sq_rows(s, q, cb, ud);
}

static int rp_text_history(ivp__store *st, const char *kind, const char *area, int year,
			   const char *key, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, R_HISTORY);

	if (!q)
		return -1;
	bind_report(q, kind, area, year);
	ivp__sq_bind_text(q, 4, key);
	return ivp__sq_rows(s, q, cb, ud);
}

static int rp_final_add(ivp__store *st, const ivp__final_rec *f, int *exists)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, R_FINAL_HAS);
	int rc;

	*exists = 0;
	if (!q)
		return -1;
	bind_report(q, f->kind, f->area, f->year);
	rc = sqlite3_step(q);
	*exists = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return ivp__sq_fail(s);
	if (*exists)
		return 0;
	if (!(q = stmt(s, R_FINAL_INS)))
		return -1;
	bind_report(q, f->kind, f->area, f->year);
	ivp__sq_bind_text(q, 4, f->date);
	ivp__sq_bind_text(q, 5, f->sha256);
	ivp__sq_bind_text(q, 6, f->snapshot);
	ivp__sq_bind_text(q, 7, f->created_by[0] ? f->created_by : "unknown");
	return ivp__sq_done(s, q);
}

static int rp_final_get(ivp__store *st, const char *kind, const char *area, int year,
			ivp__final_rec *out)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, R_FINAL_GET);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!q)
		return -1;
	bind_report(q, kind, area, year);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const unsigned char *d = sqlite3_column_text(q, 7);

		ivp__sq_copy_col(q, 0, out->kind, sizeof(out->kind));
		ivp__sq_copy_col(q, 1, out->area, sizeof(out->area));
		out->year = sqlite3_column_int(q, 2);
		ivp__sq_copy_col(q, 3, out->date, sizeof(out->date));
		ivp__sq_copy_col(q, 4, out->sha256, sizeof(out->sha256));
		ivp__sq_copy_col(q, 5, out->created_by, sizeof(out->created_by));
		ivp__sq_copy_col(q, 6, out->created_at, sizeof(out->created_at));
		out->snapshot = strdup(d ? (const char *)d : "");
		sqlite3_reset(q);
		if (!out->snapshot) {
			ivp__sq_oom(s);
			return -1;
		}
		return 0;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 1 : ivp__sq_fail(s);
}

static int rp_finals_list(ivp__store *st, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	sqlite3_stmt *q = stmt(s, R_FINALS);

	return q ? ivp__sq_rows(s, q, cb, ud) : -1;
}

static void rp_close(ivp__store *st)
{
	sq_store *s = SQ(st);
	report_cache *c = s->report;
	int i;

	if (!c)
		return;
	for (i = 0; i < R_COUNT; i++)
		sqlite3_finalize(c->st[i]);
	free(c);
	s->report = NULL;
}

const ivp__report_ops ivp__sqlite_report_ops = {
	.text_add = rp_text_add,
	.texts_list = rp_texts_list,
	.text_history = rp_text_history,
	.final_add = rp_final_add,
	.final_get = rp_final_get,
	.finals_list = rp_finals_list,
	.close = rp_close,
};
