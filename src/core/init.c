/*
 * init.c — the process-wide initialisation of the libraries libivp uses,
 * once (pthread_once), from ivp_open, so that no library starts lazily on
 * whatever thread touches it first (the import's hash thread was the first
 * to touch libcrypto):
 *
 *   OpenSSL    OPENSSL_init_crypto, and one SHA-256 context made and freed,
 *              which loads the default provider and caches the digest
 *   libsodium  sodium_init (users, sessions, CSRF tokens)
 *   GSL        its error handler off: the default one aborts the process,
 *              and the library never exits (stats/poisson.c checks results)
 *   jansson    in IVP_FAULT builds, its allocator routed through the hook
 *              (core/alloc.h)
 *
 * SQLite is set up by its engine (store/sqlite/sqlite_alloc.c), the one
 * place allowed to call it, before its first connection. PROJ needs no
 * process-wide start: each boundaries import makes its own context.
 */
#include <gsl/gsl_errno.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <sodium.h>

#include "core/alloc.h"
#include "core/core.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int failed;

static void init_once(void)
{
	ivp__sha256 *h;

#ifdef IVP_FAULT
	json_set_alloc_funcs(ivp__fault_malloc, ivp__fault_free);
#endif
	gsl_set_error_handler_off();
	if (OPENSSL_init_crypto(0, NULL) != 1 || sodium_init() < 0) {
		failed = 1;
		return;
	}
	h = ivp__sha256_new();
	if (!h)
		failed = 1;
	ivp__sha256_free(h);
}

int ivp__lib_init(void)
{
	if (pthread_once(&once, init_once))
		return -1;
	return failed ? -1 : 0;
}
