/*
 * migrations.h — the numbered schema migrations of the SQLite store.
 */
#ifndef IVP_STORE_SQLITE_MIGRATIONS_H
#define IVP_STORE_SQLITE_MIGRATIONS_H

typedef struct ivp__migration {
	int version;
	const char *sql;
} ivp__migration;

extern const ivp__migration ivp__sqlite_migrations[];
extern const int ivp__sqlite_nmigrations;

#endif
