/*
 * sqlite_int.h — the SQLite engine's private state, shared by the files of
 * store/sqlite/ (sqlite_store.c for statistics, sqlite_plan.c for the plan).
 */
#ifndef IVP_STORE_SQLITE_INT_H
#define IVP_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/store.h"

/* statement slots of sqlite_store.c */
#define IVP__SQ_STMTS 64

typedef struct sq_store {
	ivp__store base;
	sqlite3 *db;
	sqlite3_stmt *st[IVP__SQ_STMTS];
	char err[512];
	int version;
	char area_code[16];
	int64_t area_id;
	char type_code[16];
	int64_t type_id;
	void *plan;	/* sqlite_plan.c's own state (prepared statements), or NULL */
} sq_store;

#define SQ(s) ((sq_store *)(s))

/* Copy the connection's last error into s->err; returns -1. */
int ivp__sq_fail(sq_store *s);

#endif
