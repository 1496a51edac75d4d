/*
 * store.c — choosing the storage engine for a database path.
 *
 * "sqlite:FILE" or a plain path selects SQLite. ("postgresql://…" will
 * select the PostgreSQL engine once store/pg/ exists.)
 */
#include <string.h>

#include "store/store.h"

const ivp__store_ops *ivp__store_engine(const char *path, const char **rest)
{
	if (!strncmp(path, "sqlite:", 7)) {
		*rest = path + 7;
		return &ivp__sqlite_ops;
	}
	if (!strncmp(path, "postgresql:", 11) || !strncmp(path, "postgres:", 9)) {
		*rest = path;
		return NULL;
	}
	*rest = path;
	return &ivp__sqlite_ops;
}
