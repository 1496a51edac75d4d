/*
 * map.c — a small string -> int64 hash map with open addressing (FNV-1a,
 * linear probing, load factor <= 1/2). Used where an import must see a
 * whole file before writing (aggregation through a type-code mapping).
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

void ivp__map_init(ivp__map *m)
{
	memset(m, 0, sizeof(*m));
}

void ivp__map_free(ivp__map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static size_t find(const ivp__map *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int64_t *ivp__map_get(const ivp__map *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = find(m, key);
	return m->keys[i] ? &m->vals[i] : NULL;
}

static int grow(ivp__map *m)
{
	ivp__map g;
	size_t i;

	g.cap = m->cap ? m->cap * 2 : 64;
	g.n = m->n;
	g.keys = calloc(g.cap, sizeof(char *));
	g.vals = calloc(g.cap, sizeof(int64_t));
	if (!g.keys || !g.vals) {
		free(g.keys);
		free(g.vals);
		return -1;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i]) {
			size_t k = find(&g, m->keys[i]);

			g.keys[k] = m->keys[i];
			g.vals[k] = m->vals[i];
		}
	}
	free(m->keys);
	free(m->vals);
	*m = g;
	return 0;
}

int ivp__map_put(ivp__map *m, const char *key, int64_t v, int64_t **slot, int *existed)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap && grow(m))
		return -1;
	i = find(m, key);
	*existed = m->keys[i] != NULL;
	if (!*existed) {
		m->keys[i] = ivp__strdup(key);
		if (!m->keys[i])
			return -1;
		m->vals[i] = v; // NOLINT(clang-analyzer-unix.Malloc): grow() replaced both arrays; it frees only the old ones
		m->n++;
	}
	*slot = &m->vals[i];
	return 0;
}

long ivp__map_next(const ivp__map *m, long i)
{
	for (; i >= 0 && (size_t)i < m->cap; i++)
		if (m->keys[i])
			return i;
	return -1;
}
