/*
 * sqlite_copy.c — the SQLite side of copy_store.h: every row of a table
 * of ivp__copy_tables out (bytes as lower-case hex) and in, for
 * `ivp copy`. The statements are built from that constant list, never
 * from input; each table's INSERT is prepared once and kept in
 * sq_store.copy.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/copy_store.h"
#include "store/sqlite/sqlite_int.h"

static int cp_rows(ivp__store *st, int t, ivp__row_cb cb, void *ud)
{
	sq_store *s = SQ(st);
	const ivp__copy_table *ct = &ivp__copy_tables[t];
	const char *c = ct->cols;
	ivp__buf sql;
	sqlite3_stmt *q;
	int k, n = (int)strlen(ct->kinds), rc = -1;

	if (ivp__sq_series_flush(s))
		return -1;
	ivp__buf_init(&sql, 1u << 16);
	ivp__buf_printf(&sql, "SELECT ");
	for (k = 0; k < n; k++) {
		size_t len = strcspn(c, ",");

		if (ct->kinds[k] == 'b')
			ivp__buf_printf(&sql, "%slower(hex(%.*s))", k ? "," : "", (int)len, c);
		else
			ivp__buf_printf(&sql, "%s%.*s", k ? "," : "", (int)len, c);
		c += len + (c[len] == ',');
	}
	ivp__buf_printf(&sql, " FROM %s ORDER BY ", ct->name);
	for (k = 0; k < n; k++)
		if (ivp__buf_printf(&sql, "%s%d", k ? "," : "", k + 1))
			break;
	if (k < n) {
		ivp__sq_oom(s);
	} else if ((q = ivp__sq_prepare(s, ivp__buf_str(&sql)))) {
		rc = ivp__sq_rows(s, q, cb, ud);
		sqlite3_finalize(q);
	}
	ivp__buf_free(&sql);
	return rc;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
					c >= 'A' && c <= 'F'	     ? c - 'A' + 10 :
								       -1;
}

/* the INSERT of table t, prepared once */
static sqlite3_stmt *insert_of(sq_store *s, int t)
{
	const ivp__copy_table *ct = &ivp__copy_tables[t];
	ivp__buf sql;
	int k, n = (int)strlen(ct->kinds), bad;

	if (!s->copy && !(s->copy = calloc((size_t)ivp__copy_ntables, sizeof(sqlite3_stmt *)))) {
		ivp__sq_oom(s);
		return NULL;
	}
	if (s->copy[t]) {
		sqlite3_reset(s->copy[t]);
		sqlite3_clear_bindings(s->copy[t]);
		return s->copy[t];
	}
	ivp__buf_init(&sql, 1u << 16);
	ivp__buf_printf(&sql, "INSERT INTO %s(%s) VALUES (", ct->name, ct->cols);
	for (k = 0; k < n; k++)
		ivp__buf_printf(&sql, "%s?%d", k ? "," : "", k + 1);
	bad = ivp__buf_printf(&sql, ")");
	if (bad)
		ivp__sq_oom(s);
	else
		s->copy[t] = ivp__sq_prepare(s, ivp__buf_str(&sql));
	ivp__buf_free(&sql);
	return s->copy[t];
}

static int cp_put(ivp__store *st, int t, const char *const *vals)
{
	sq_store *s = SQ(st);
	const char *kinds = ivp__copy_tables[t].kinds;
	sqlite3_stmt *q = insert_of(s, t);
	int k, rc;

	if (!q)
		return -1;
	for (k = 0; kinds[k]; k++) {
		const char *v = vals[k];

		if (!v) {
			sqlite3_bind_null(q, k + 1);
		} else if (kinds[k] == 'i') {
			sqlite3_bind_int64(q, k + 1, strtoll(v, NULL, 10));
		} else if (kinds[k] == 'r') {
			sqlite3_bind_double(q, k + 1, strtod(v, NULL));
		} else if (kinds[k] == 'b') {
			size_t len = strlen(v) / 2, i;
			unsigned char *b = malloc(len ? len : 1);

			if (!b)
				return ivp__sq_oom(s);
			for (i = 0; i < len; i++) {
				int hi = hexval(v[2 * i]), lo = hexval(v[2 * i + 1]);

				if (hi < 0 || lo < 0) {
					free(b);
					return ivp__sq_failf(s, "bad hex in column %d of a %s row", k + 1,
							     ivp__copy_tables[t].name);
				}
				b[i] = (unsigned char)(hi << 4 | lo);
			}
			rc = sqlite3_bind_blob(q, k + 1, b, (int)len, free);
			if (rc != SQLITE_OK)
				return ivp__sq_fail(s);
		} else {
			ivp__sq_bind_text(q, k + 1, v);
		}
	}
	return ivp__sq_done(s, q);
}

/* the rows the migrations wrote, from the last seeded table to the first */
static int cp_begin(ivp__store *st)
{
	sq_store *s = SQ(st);
	char sql[128];
	int t;

	for (t = ivp__copy_ntables - 1; t >= 0; t--) {
		sqlite3_stmt *q;

		if (!ivp__copy_seeded(t))
			continue;
		/* a name from the constant list */
		snprintf(sql, sizeof(sql), "DELETE FROM %s", ivp__copy_tables[t].name);
		if (!(q = ivp__sq_prepare(s, sql)) || ivp__sq_done_finalize(s, q))
			return -1;
	}
	return 0;
}

static int cp_end(ivp__store *st)
{
	(void)st; /* INTEGER PRIMARY KEY continues after the highest id by itself */
	return 0;
}

const ivp__copy_ops ivp__sqlite_copy_ops = {
	.rows = cp_rows,
	.put = cp_put,
	.begin = cp_begin,
	.end = cp_end,
};
