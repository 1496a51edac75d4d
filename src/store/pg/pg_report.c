/*
 * pg_report.c — the PostgreSQL side of report_store.h: the report's
 * narrative texts (table report_text, one row per version) and the
 * snapshots of definitief reports (table report_final), both of
 * migration 6.
 */
#include <stdlib.h>
#include <string.h>

#include "store/pg/pg_int.h"
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
