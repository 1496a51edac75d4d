/*
 * cache.h — the response cache of the server (server.c): whole answers to
 * anonymous GET requests of public routes, kept in memory and served
 * without running the handler again.
 *
 * An entry is found by a key the server builds (method, the full URI with
 * its query, the language cookie) and is valid for one generation: the
 * server bumps the generation after every request that may have changed
 * data (any method but GET/HEAD) and whenever a worker's database
 * connection reports a commit by another connection or process
 * (ivp_data_version, e.g. `ivp import` from the CLI). An entry of an older
 * generation is never served. The size is bounded (least recently used
 * entries go first); every call is thread-safe (one mutex).
 */
#ifndef IVP_HTTP_CACHE_H
#define IVP_HTTP_CACHE_H

#include <stddef.h>
#include <stdint.h>

typedef struct http_cache http_cache;

/* One answer as the cache gives it back: copies the caller owns. */
typedef struct http_cached {
	int status;
	char ctype[96]; /* Content-Type */
	char cache[96]; /* Cache-Control ("" for the default no-store) */
	char *body;	/* malloc'd copy; the caller frees it */
	size_t len;
} http_cached;

typedef struct http_cache_stats {
	uint64_t hits, misses, stores, evictions, generation;
	size_t entries, bytes, max_bytes;
} http_cache_stats;

/* A cache of at most max_bytes (keys, bodies and bookkeeping); NULL when out of memory. */
http_cache *http_cache_new(size_t max_bytes);
void http_cache_free(http_cache *c);

/* The current generation; read it before computing an answer that is to be put. */
uint64_t http_cache_generation(http_cache *c);
/* Data changed: every entry made so far is stale. */
void http_cache_bump(http_cache *c);

/* 1 and *out filled when key has an entry of generation gen; 0 (a miss) otherwise. */
int http_cache_get(http_cache *c, const char *key, uint64_t gen, http_cached *out);
/*
 * Keep an answer made at generation gen under key (a copy of body). Not kept
 * when gen is no longer current or the answer is larger than an eighth of
 * the cache; older entries are dropped until it fits.
 */
void http_cache_put(http_cache *c, const char *key, uint64_t gen, int status,
		    const char *ctype, const char *cache, const char *body, size_t len);

void http_cache_stats_get(http_cache *c, http_cache_stats *out);

#endif /* IVP_HTTP_CACHE_H */
