/*
 * factory.h — fresh databases for the storage conformance suite, keyed on
 * an engine name or URL, so that conformance.c runs unchanged on every
 * engine.
 *
 * The engine comes from the suite's first argument, else the environment
 * variable IVP_TEST_DB, else "sqlite". "sqlite" (or "sqlite:") gives every
 * test a new database file in a new temporary directory, removed after the
 * test. "postgresql" (or "pg") gives every test a new database on the
 * server of PGHOST/PGUSER (the test cluster of tests/pg/cluster.sh),
 * dropped after the test. A new engine adds its case to tdb_create() and
 * nothing else; see README.md.
 */
#ifndef IVP_TESTS_STORE_FACTORY_H
#define IVP_TESTS_STORE_FACTORY_H

#include "ivp/ivp.h"

typedef struct tdb {
	char where[512]; /* what ivp_open opens ("sqlite:/tmp/…/test.db") */
	char dir[256];	 /* SQLite: the temporary directory, removed at the end */
	char pgdb[64];	 /* PostgreSQL: the database made for the test, dropped at the end */
	ivp_ctx *ctx;	 /* the first connection */
} tdb;

/* The engine name or URL in use (argv[1], IVP_TEST_DB, "sqlite"). */
extern const char *tdb_engine;

/* A fresh, empty database of tdb_engine, opened in t->ctx. 0, or -1 with
 * the reason printed. */
int tdb_create(tdb *t);
/* One more connection to t's database (the caller closes it with ivp_close). */
ivp_ctx *tdb_connect(const tdb *t);
/* Close t->ctx and delete the database. */
void tdb_drop(tdb *t);

#endif /* IVP_TESTS_STORE_FACTORY_H */
