/*
 * copy_store.h — the door's functions for copying a whole database from
 * one engine to another (`ivp copy`, store/copy.c): every table's rows
 * out of one database and into another, with their ids, so that the
 * references between them (an import's id inside a series value, a
 * user's id in a session) stay as they are.
 *
 * The tables and their columns are listed once, in ivp__copy_tables
 * (copy_tables.c), in an order in which every row's references come
 * before it. An engine builds its SQL from that constant list (never
 * from input) and prepares it once per table. Column kinds: 'i' integer,
 * 't' text, 'r' real, 'b' bytes (handed over as lower-case hex).
 *
 * A new table: one line in copy_tables.c (both engines then copy it):
 *
 *	{ "thing", "id,org_id,name,created_at", "itti", "id" },
 *
 * A table the migrations fill with rows of their own (the definitions of
 * version 1, the default organisation, the standard themes) is named in
 * seeded[] there too: the emptiness check passes it over and copy_begin
 * removes those rows, so that the copy holds the source's rows only.
 */
#ifndef IVP_STORE_COPY_STORE_H
#define IVP_STORE_COPY_STORE_H

#include "store/store.h"

typedef struct ivp__copy_table {
	const char *name;   /* the table */
	const char *cols;   /* its columns, comma-separated, in the row order of rows/put */
	const char *kinds;  /* one of i t r b per column */
	const char *serial; /* the column a sequence fills (PostgreSQL), or NULL */
} ivp__copy_table;

/* the most columns a copied table may have (a row callback's limit) */
#define IVP__COPY_MAXCOLS IVP__ROW_MAXCOLS

extern const ivp__copy_table ivp__copy_tables[];
extern const int ivp__copy_ntables;
/* 1 when the migrations write rows into table t (copy_tables.c) */
int ivp__copy_seeded(int t);

/* rows: every row of table t, the columns of t->cols as text (NULL for
 * SQL NULL; bytes as lower-case hex), ordered by those columns. */
ivp_rc ivp__store_table_rows(ivp_ctx *ctx, int t, ivp__row_cb cb, void *ud) IVP_WUR;
/* Insert one row of table t (vals as table_rows gives them). */
ivp_rc ivp__store_table_put(ivp_ctx *ctx, int t, const char *const *vals) IVP_WUR;
/* Inside the destination's transaction, before the first put: remove the
 * rows the engine's migrations wrote (every table marked seeded, in
 * reverse order), so that the copy is the source's rows only. */
ivp_rc ivp__store_copy_begin(ivp_ctx *ctx) IVP_WUR;
/* After the last put, before commit: the engine's own state follows the
 * rows (PostgreSQL: each sequence after the highest id copied). */
ivp_rc ivp__store_copy_end(ivp_ctx *ctx) IVP_WUR;

#endif /* IVP_STORE_COPY_STORE_H */
