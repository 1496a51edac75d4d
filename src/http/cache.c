/*
 * cache.c — the response cache (see cache.h): a chained hash table of
 * entries on a doubly linked list in order of use, under one mutex.
 * Stale entries (an older generation) are dropped when met; the least
 * recently used ones go when the size bound is reached.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/cache.h"

typedef struct entry {
	struct entry *next;	     /* in its hash bucket */
	struct entry *newer, *older; /* the use list */
	uint64_t hash, gen;
	size_t size; /* what it counts against the bound */
	int status;
	char ctype[96], cache[96];
	char *body;
	size_t len;
	char key[];
} entry;

struct http_cache {
	pthread_mutex_t mu;
	entry **bucket;
	size_t nbucket; /* a power of two */
	entry *newest, *oldest;
	uint64_t gen;
	http_cache_stats st;
};

static uint64_t hash_of(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

http_cache *http_cache_new(size_t max_bytes)
{
	http_cache *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->nbucket = 4096;
	c->bucket = calloc(c->nbucket, sizeof(entry *));
	if (!c->bucket) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->mu, NULL);
	c->gen = 1;
	c->st.max_bytes = max_bytes;
	return c;
}

static void unlink_use(http_cache *c, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(http_cache *c, entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

/* Take e out of the table and free it. */
static void drop(http_cache *c, entry *e)
{
	entry **p = &c->bucket[e->hash & (c->nbucket - 1)];

	while (*p && *p != e)
		p = &(*p)->next;
	if (*p)
		*p = e->next;
	unlink_use(c, e);
	c->st.entries--;
	c->st.bytes -= e->size;
	free(e->body);
	free(e);
}

void http_cache_free(http_cache *c)
{
	if (!c)
		return;
	while (c->oldest)
		drop(c, c->oldest);
	free(c->bucket);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

uint64_t http_cache_generation(http_cache *c)
{
	uint64_t g;

	pthread_mutex_lock(&c->mu);
	g = c->gen;
	pthread_mutex_unlock(&c->mu);
	return g;
}

void http_cache_bump(http_cache *c)
{
	pthread_mutex_lock(&c->mu);
	c->gen++;
	/* nothing made so far can be served again: give the memory back now */
	while (c->oldest)
		drop(c, c->oldest);
	pthread_mutex_unlock(&c->mu);
}

static entry *find(http_cache *c, const char *key, uint64_t h)
{
	entry *e;

	for (e = c->bucket[h & (c->nbucket - 1)]; e; e = e->next)
		if (e->hash == h && !strcmp(e->key, key))
			return e;
	return NULL;
}

int http_cache_get(http_cache *c, const char *key, uint64_t gen, http_cached *out)
{
	uint64_t h = hash_of(key);
	entry *e;
	char *body;

	pthread_mutex_lock(&c->mu);
	e = find(c, key, h);
	if (e && (e->gen != gen || gen != c->gen)) {
		drop(c, e);
		e = NULL;
	}
	if (!e) {
		c->st.misses++;
		pthread_mutex_unlock(&c->mu);
		return 0;
	}
	body = malloc(e->len ? e->len : 1);
	if (!body) {
		c->st.misses++;
		pthread_mutex_unlock(&c->mu);
		return 0;
	}
	memcpy(body, e->body, e->len);
	out->status = e->status;
	memcpy(out->ctype, e->ctype, sizeof(out->ctype));
	memcpy(out->cache, e->cache, sizeof(out->cache));
	out->body = body;
	out->len = e->len;
	unlink_use(c, e);
	push_newest(c, e);
	c->st.hits++;
	pthread_mutex_unlock(&c->mu);
	return 1;
}

void http_cache_put(http_cache *c, const char *key, uint64_t gen, int status,
		    const char *ctype, const char *cache, const char *body, size_t len)
{
	size_t klen = strlen(key), size = sizeof(entry) + klen + 1 + len;
	uint64_t h = hash_of(key);
	entry *e, *old;

	if (size > c->st.max_bytes / 8 || (ctype && strlen(ctype) >= sizeof(e->ctype)) ||
	    (cache && strlen(cache) >= sizeof(e->cache)))
		return;
	e = malloc(sizeof(*e) + klen + 1);
	if (!e)
		return;
	e->body = malloc(len ? len : 1);
	if (!e->body) {
		free(e);
		return;
	}
	memcpy(e->body, body, len);
	memcpy(e->key, key, klen + 1);
	e->len = len;
	e->hash = h;
	e->gen = gen;
	e->size = size;
	e->status = status;
	snprintf(e->ctype, sizeof(e->ctype), "%s", ctype ? ctype : "");
	snprintf(e->cache, sizeof(e->cache), "%s", cache ? cache : "");
	e->newer = e->older = NULL;
	pthread_mutex_lock(&c->mu);
	if (gen != c->gen) { /* data changed while the answer was made */
		pthread_mutex_unlock(&c->mu);
		free(e->body);
		free(e);
		return;
	}
	if ((old = find(c, key, h)))
		drop(c, old);
	while (c->oldest && c->st.bytes + size > c->st.max_bytes) {
		drop(c, c->oldest); // NOLINT(clang-analyzer-unix.Malloc): drop() unlinks what it frees, so c->oldest is never freed memory
		c->st.evictions++;
	}
	e->next = c->bucket[h & (c->nbucket - 1)];
	c->bucket[h & (c->nbucket - 1)] = e;
	push_newest(c, e);
	c->st.entries++;
	c->st.bytes += size;
	c->st.stores++;
	pthread_mutex_unlock(&c->mu);
}

void http_cache_stats_get(http_cache *c, http_cache_stats *out)
{
	pthread_mutex_lock(&c->mu);
	*out = c->st;
	out->generation = c->gen;
	pthread_mutex_unlock(&c->mu);
}
