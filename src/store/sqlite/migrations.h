/*
 * migrations.h — the numbered schema migrations of the SQLite store.
 */
#ifndef IVP_STORE_SQLITE_MIGRATIONS_H
#define IVP_STORE_SQLITE_MIGRATIONS_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct ivp__migration {
	int version;
	const char *sql;
	/* optional: a step in C after sql, then more SQL (same transaction);
	 * 0, -1 failed (message in err), -2 out of memory */
	int (*fn)(sqlite3 *db, char *err, size_t errsz);
	const char *sql_after;
} ivp__migration;

extern const ivp__migration ivp__sqlite_migrations[];
extern const int ivp__sqlite_nmigrations;

#endif
