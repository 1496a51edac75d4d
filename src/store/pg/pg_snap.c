/*
 * pg_snap.c — what one read snapshot has asked of an area, kept for the
 * rest of that snapshot, so that an indicator set costs one round trip
 * per area instead of two per indicator and year (W2, bench/README.md).
 *
 * Inside read_begin … read_end the connection reads one REPEATABLE READ
 * snapshot, so a query asked twice gives the same rows: the first
 * question about an area (its row, its counts of a year, its population)
 * fetches the area row, every series of the area with its type's code
 * and classification, and every population row of the area in one
 * statement, and keeps the result (the PGresult itself) until the
 * snapshot ends. year_counts, has_classification, population and
 * area_get then answer from it. Outside a snapshot (autocommit, or a
 * write transaction, whose own writes a kept result would miss) nothing
 * is kept and the callers run their own statements.
 *
 * Invariant: entries exist only while s->in_read is set; ivp__pg_snap_clear
 * runs at read_end, at begin (which ends a snapshot), when the connection
 * is lost and at close. At most SNAP_AREAS areas are kept; the next one
 * empties the list first (a snapshot that walks many buurten, such as a
 * wijk summed from its buurten, stays bounded).
 */
#include <stdlib.h>
#include <string.h>

#include "store/pg/pg_int.h"
#include "store/series.h"

#define SNAP_AREAS 256

/* row kinds of the statement below */
enum {
	K_AREA = 0,
	K_SERIES = 1,
	K_POP = 2
};
/* its columns */
enum {
	C_KIND,
	C_T1,
	C_T2,
	C_T3,
	C_N1,
	C_N2,
	C_N3,
	C_DATA
};

typedef struct snap_area {
	char code[16];
	PGresult *r; /* binary rows of the statement below */
} snap_area;

typedef struct pg_snap {
	snap_area a[SNAP_AREAS];
	int n;
} pg_snap;

/* One area in one statement: its row (name, level, parent), every series
 * (type code, classification, value) and every population row (group,
 * year, count, import). */
static const char *const area_sql =
	"WITH a AS (SELECT id, name, level, parent FROM area WHERE code=$1) "
	"SELECT 0, name, level, parent, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bytea FROM a "
	"UNION ALL SELECT 1, t.code, t.classification, NULL, NULL, NULL, NULL, s.data "
	"FROM a JOIN series s ON s.area_id=a.id JOIN crime_type t ON t.id=s.type_id "
	"UNION ALL SELECT 2, p.age_group, NULL, NULL, p.year, p.count, p.import_id, NULL "
	"FROM a JOIN population p ON p.area_id=a.id";

void ivp__pg_snap_clear(pg_store *s)
{
	pg_snap *x = s->snap;
	int i;

	if (!x)
		return;
	for (i = 0; i < x->n; i++)
		PQclear(x->a[i].r);
	x->n = 0;
}

void ivp__pg_snap_close(pg_store *s)
{
	ivp__pg_snap_clear(s);
	free(s->snap);
	s->snap = NULL;
}

static int64_t be_int(const PGresult *r, int row, int col)
{
	const unsigned char *p = (const unsigned char *)PQgetvalue(r, row, col);
	int len = PQgetlength(r, row, col), i;
	uint64_t v = 0;

	if (PQgetisnull(r, row, col) || (len != 4 && len != 8))
		return 0;
	for (i = 0; i < len; i++)
		v = v << 8 | p[i];
	return len == 4 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
}

/* 1: the cell is the text t (binary text is the bytes themselves) */
static int is_text(const PGresult *r, int row, int col, const char *t)
{
	size_t len = strlen(t);

	return !PQgetisnull(r, row, col) && (size_t)PQgetlength(r, row, col) == len &&
	       !memcmp(PQgetvalue(r, row, col), t, len);
}

/* The kept rows of an area: 0 with *out, -1 on failure, 1 when no
 * snapshot is open (the caller asks the server itself). */
static int area_rows(pg_store *s, const char *code, const PGresult **out)
{
	pg_snap *x = s->snap;
	pg_params p;
	PGresult *r;
	int i;

	if (!s->in_read || s->in_txn || strlen(code) >= sizeof(x->a[0].code))
		return 1;
	if (!x && !(x = s->snap = calloc(1, sizeof(*x))))
		return ivp__pg_oom(s);
	for (i = x->n - 1; i >= 0; i--) {
		if (!strcmp(x->a[i].code, code)) {
			*out = x->a[i].r;
			return 0;
		}
	}
	pg_init(&p);
	pg_text(&p, code);
	if (ivp__pg_query_fmt(s, area_sql, &p, 1, &r))
		return -1;
	if (!s->in_read) { /* the connection was lost on the way */
		PQclear(r);
		return 1;
	}
	if (x->n == SNAP_AREAS)
		ivp__pg_snap_clear(s);
	snprintf(x->a[x->n].code, sizeof(x->a[0].code), "%s", code);
	x->a[x->n].r = r;
	*out = x->a[x->n++].r;
	return 0;
}

int ivp__pg_snap_area_get(pg_store *s, const char *code, char name[256], char level[4],
			  char parent[16])
{
	const PGresult *r = NULL;
	int rc = area_rows(s, code, &r), i, n;

	if (rc)
		return rc < 0 ? -1 : 2;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		if (be_int(r, i, C_KIND) != K_AREA)
			continue;
		if (name)
			ivp__pg_copy(r, i, C_T1, name, 256);
		if (level)
			ivp__pg_copy(r, i, C_T2, level, 4);
		if (parent)
			ivp__pg_copy(r, i, C_T3, parent, 16);
		return 0;
	}
	return 1;
}

int ivp__pg_snap_population(pg_store *s, const char *code, int year, const char *group,
			    int64_t *count, int64_t *import_id)
{
	const PGresult *r = NULL;
	int rc = area_rows(s, code, &r), i, n;

	if (rc)
		return rc < 0 ? -1 : 2;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		if (be_int(r, i, C_KIND) != K_POP || be_int(r, i, C_N1) != year || !is_text(r, i, C_T1, group))
			continue;
		*count = be_int(r, i, C_N2);
		*import_id = be_int(r, i, C_N3);
		return 0;
	}
	return 1;
}

static int damaged(pg_store *s, const char *area, const PGresult *r, int row)
{
	return ivp__pg_failf(s, "damaged series value for area %s, type %s", area,
			     PQgetisnull(r, row, C_T1) ? "?" : PQgetvalue(r, row, C_T1));
}

int ivp__pg_snap_year_counts(pg_store *s, const char *code, int year, ivp__type_count *types,
			     int ntypes)
{
	const PGresult *r = NULL;
	int rc = area_rows(s, code, &r), i, k, n;

	if (rc)
		return rc < 0 ? -1 : 2;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		ivp__ser_year y;
		int d, want = 0;

		if (be_int(r, i, C_KIND) != K_SERIES)
			continue;
		for (k = 0; k < ntypes && !want; k++)
			want = is_text(r, i, C_T1, types[k].code);
		if (!want)
			continue;
		d = ivp__ser_read_year(PQgetvalue(r, i, C_DATA), (size_t)PQgetlength(r, i, C_DATA), year, &y);
		if (d < 0)
			return damaged(s, code, r, i);
		for (k = 0; d == 0 && k < ntypes; k++)
			if (is_text(r, i, C_T1, types[k].code))
				ivp__pg_year_fill(&types[k], &y);
	}
	return 0;
}

int ivp__pg_snap_has_class(pg_store *s, const char *code, int year, const char *classification,
			   int *has)
{
	const PGresult *r = NULL;
	int rc = area_rows(s, code, &r), i, n;

	if (rc)
		return rc < 0 ? -1 : 2;
	n = PQntuples(r);
	for (i = 0; i < n && !*has; i++) {
		ivp__ser_year y;
		int d;

		if (be_int(r, i, C_KIND) != K_SERIES || !is_text(r, i, C_T2, classification))
			continue;
		d = ivp__ser_read_year(PQgetvalue(r, i, C_DATA), (size_t)PQgetlength(r, i, C_DATA), year, &y);
		if (d < 0)
			return damaged(s, code, r, i);
		*has = d == 0;
	}
	return 0;
}
