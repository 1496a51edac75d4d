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
 *   OpenSSL    in IVP_FAULT builds, its allocations through the hook
 *              (CRYPTO_set_mem_functions; only before its first one)
 *   jansson    its allocator: malloc and free (in IVP_FAULT builds the
 *              hook's, core/alloc.h), noting on the thread when malloc
 *              failed, because jansson reports some failed allocations as
 *              bad input ("invalid token"): see ivp__json_oom()
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
static _Thread_local int json_oom;

static void *json_alloc(size_t n)
{
	void *p = malloc(n);

	if (!p)
		json_oom = 1;
	return p;
}

static void json_release(void *p)
{
	free(p);
}

#ifdef IVP_FAULT
/* OpenSSL's allocations through the hook, failed but not tracked (alloc.h) */
static void *ssl_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return ivp__fault_malloc_untracked(n);
}

static void *ssl_realloc(void *p, size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return ivp__fault_realloc_untracked(p, n);
}

static void ssl_free(void *p, const char *file, int line)
{
	(void)file;
	(void)line;
	free(p);
}
#endif

int ivp__json_oom(void)
{
	int was = json_oom;

	json_oom = 0;
	return was;
}

static void init_once(void)
{
	ivp__sha256 *h;

	json_set_alloc_funcs(json_alloc, json_release);
#ifdef IVP_FAULT
	/* refused (0) when OpenSSL has allocated already: then not covered */
	(void)CRYPTO_set_mem_functions(ssl_malloc, ssl_realloc, ssl_free);
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
