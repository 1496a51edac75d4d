/*
 * pg_copy.c — the PostgreSQL side of copy_store.h: every row of a table
 * of ivp__copy_tables out (bytes as lower-case hex) and in, for
 * `ivp copy`. The statements are built once per table from that constant
 * list (never from input) into pg_store.copy_sql, whose addresses name
 * them as prepared statements like every other string of this engine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/copy_store.h"
#include "store/pg/pg_int.h"

/* Table t's SELECT (insert 0) or INSERT (1), built on first use. */
static const char *sql_of(pg_store *s, int t, int insert)
{
	const ivp__copy_table *ct = &ivp__copy_tables[t];
	const char *c = ct->cols;
	char **slot;
	ivp__buf b;
	int k, n = (int)strlen(ct->kinds), bad = 0;

	if (n > IVP__PG_PARAMS) {
		ivp__pg_failf(s, "copy table %s has %d columns; at most %d", ct->name, n, IVP__PG_PARAMS);
		return NULL;
	}
	if (!s->copy_sql && !(s->copy_sql = calloc(2 * (size_t)ivp__copy_ntables, sizeof(char *)))) {
		ivp__pg_oom(s);
		return NULL;
	}
	slot = &s->copy_sql[2 * t + insert];
	if (*slot)	      /* built already */
		return *slot; /* cppcheck-suppress identicalInnerCondition */
	ivp__buf_init(&b, 1u << 16);
	if (insert) {
		ivp__buf_printf(&b, "INSERT INTO %s(%s) VALUES (", ct->name, ct->cols);
		for (k = 0; k < n; k++)
			ivp__buf_printf(&b, ct->kinds[k] == 'b' ? "%sdecode($%d, 'hex')" : "%s$%d", k ? "," : "", k + 1);
		bad = ivp__buf_printf(&b, ")");
	} else {
		ivp__buf_printf(&b, "SELECT ");
		for (k = 0; k < n; k++) {
			size_t len = strcspn(c, ",");

			ivp__buf_printf(&b, ct->kinds[k] == 'b' ? "%sencode(%.*s, 'hex')" : "%s%.*s", k ? "," : "",
					(int)len, c);
			c += len + (c[len] == ',');
		}
		ivp__buf_printf(&b, " FROM %s ORDER BY ", ct->name);
		for (k = 0; k < n; k++)
			bad = ivp__buf_printf(&b, "%s%d", k ? "," : "", k + 1);
	}
	if (!bad)
		*slot = strdup(ivp__buf_str(&b));
	ivp__buf_free(&b);
	if (!*slot)
		ivp__pg_oom(s);
	return *slot;
}

static int cp_rows(ivp__store *st, int t, ivp__row_cb cb, void *ud)
{
	pg_store *s = PG(st);
	const char *sql;

	if (ivp__pg_series_flush(s) || !(sql = sql_of(s, t, 0)))
		return -1;
	return ivp__pg_query_rows(s, sql, NULL, cb, ud);
}

static int cp_put(ivp__store *st, int t, const char *const *vals)
{
	pg_store *s = PG(st);
	const char *sql = sql_of(s, t, 1);
	pg_params p;
	int k;

	if (!sql)
		return -1;
	pg_init(&p);
	for (k = 0; k < IVP__PG_PARAMS && ivp__copy_tables[t].kinds[k]; k++)
		pg_text(&p, vals[k]);
	return ivp__pg_exec(s, sql, &p, NULL);
}

/* the rows the migrations wrote, from the last seeded table to the first */
static int cp_begin(ivp__store *st)
{
	char sql[128];
	int t;

	for (t = ivp__copy_ntables - 1; t >= 0; t--) {
		if (!ivp__copy_seeded(t))
			continue;
		/* a name from the constant list; a one-off statement */
		snprintf(sql, sizeof(sql), "DELETE FROM %s", ivp__copy_tables[t].name);
		if (ivp__pg_simple(PG(st), sql))
			return -1;
	}
	return 0;
}

/* every sequence after the highest id copied; statistics */
static int cp_end(ivp__store *st)
{
	pg_store *s = PG(st);
	char sql[256];
	int t;

	for (t = 0; t < ivp__copy_ntables; t++) {
		const ivp__copy_table *ct = &ivp__copy_tables[t];

		if (!ct->serial)
			continue;
		/* names from the constant list; a one-off statement per table */
		snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence('%s', '%s'), "
					   "COALESCE(MAX(%s), 0) + 1, false) FROM %s",
			 ct->name, ct->serial, ct->serial, ct->name);
		if (ivp__pg_simple(s, sql))
			return -1;
	}
	/* the planner's statistics of the new rows, before the checks query them */
	return ivp__pg_simple(s, "ANALYZE");
}

const ivp__copy_ops ivp__pg_copy_ops = {
	.rows = cp_rows,
	.put = cp_put,
	.begin = cp_begin,
	.end = cp_end,
};
