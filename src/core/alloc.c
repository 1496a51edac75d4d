/*
 * alloc.c — the counting allocator of IVP_FAULT builds (alloc.h): pass
 * through until a test starts it, then count, fail on demand and keep the
 * set of live blocks in a small hash set (open addressing, linear probing,
 * backward-shift deletion) under one mutex. Built only with IVP_FAULT.
 *
 * This file calls the real functions: it undoes the force-included macros.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#undef malloc
#undef calloc
#undef realloc
#undef strdup
#undef strndup
#undef free

static atomic_int on; /* started */
static atomic_long count, fail_at, failed;
static atomic_int persist;
static void (*on_fail)(void);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static void **set;	 /* live blocks; NULL: empty slot */
static size_t cap, used; /* cap a power of two, or 0 */

static size_t slot(const void *p)
{
	uintptr_t h = (uintptr_t)p;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h & (cap - 1);
}

/* With mu held. Grow at half full; a block not recorded (no memory for the
 * set) is only missed by the leak count, never by the program. */
static void set_add(void *p)
{
	size_t i;

	if (2 * (used + 1) > cap) {
		size_t oc = cap, k;
		void **old = set, **n = calloc(oc ? 2 * oc : 1024, sizeof(*n));

		if (!n)
			return;
		set = n;
		cap = oc ? 2 * oc : 1024;
		used = 0;
		for (k = 0; k < oc; k++)
			if (old[k])
				set_add(old[k]);
		free(old);
	}
	for (i = slot(p); set[i]; i = (i + 1) & (cap - 1))
		if (set[i] == p)
			return;
	set[i] = p;
	used++;
}

/* With mu held: remove p; 1 when it was there. */
static int set_del(void *p)
{
	size_t i, j, k;

	if (!cap)
		return 0;
	for (i = slot(p); set[i] != p; i = (i + 1) & (cap - 1))
		if (!set[i])
			return 0;
	j = i;
	for (;;) {
		set[i] = NULL;
		for (;;) {
			j = (j + 1) & (cap - 1);
			if (!set[j]) {
				used--;
				return 1;
			}
			k = slot(set[j]);
			/* leave set[j] where it is when its home lies in (i, j] */
			if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
				continue;
			break;
		}
		set[i] = set[j];
		i = j;
	}
}

int ivp__fault_hit(void)
{
	long n, f;

	if (!atomic_load_explicit(&on, memory_order_relaxed))
		return 0;
	n = atomic_fetch_add(&count, 1) + 1;
	f = atomic_load(&fail_at);
	if (f > 0 && (n == f || (n > f && atomic_load(&persist)))) {
		atomic_fetch_add(&failed, 1);
		if (on_fail)
			on_fail();
		return 1;
	}
	return 0;
}

void *ivp__fault_track(void *p)
{
	if (p && atomic_load_explicit(&on, memory_order_relaxed)) {
		pthread_mutex_lock(&mu);
		set_add(p);
		pthread_mutex_unlock(&mu);
	}
	return p;
}

int ivp__fault_untrack(void *p)
{
	int was;

	if (!p || !atomic_load_explicit(&on, memory_order_relaxed))
		return 0;
	pthread_mutex_lock(&mu);
	was = set_del(p);
	pthread_mutex_unlock(&mu);
	return was;
}

void *ivp__fault_malloc(size_t n)
{
	return ivp__fault_hit() ? NULL : ivp__fault_track(malloc(n));
}

void *ivp__fault_calloc(size_t nmemb, size_t n)
{
	return ivp__fault_hit() ? NULL : ivp__fault_track(calloc(nmemb, n));
}

void *ivp__fault_realloc(void *p, size_t n)
{
	void *q;
	int was;

	if (!p)
		return ivp__fault_malloc(n);
	if (ivp__fault_hit())
		return NULL;
	was = ivp__fault_untrack(p);
	q = realloc(p, n);
	if (!q && n) {
		if (was)
			ivp__fault_track(p); /* p is still there */
		return NULL;
	}
	/* a block from before the start stays unrecorded */
	return was ? ivp__fault_track(q) : q;
}

void *ivp__fault_malloc_untracked(size_t n)
{
	return ivp__fault_hit() ? NULL : malloc(n);
}

void *ivp__fault_realloc_untracked(void *p, size_t n)
{
	return ivp__fault_hit() ? NULL : realloc(p, n);
}

char *ivp__fault_strdup(const char *s)
{
	return ivp__fault_strndup(s, strlen(s));
}

char *ivp__fault_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = ivp__fault_malloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

void ivp__fault_free(void *p)
{
	ivp__fault_untrack(p);
	free(p);
}

void ivp__fault_start(long at, int all_after)
{
	atomic_store(&on, 0);
	pthread_mutex_lock(&mu);
	free(set);
	set = NULL;
	cap = used = 0;
	pthread_mutex_unlock(&mu);
	atomic_store(&count, 0);
	atomic_store(&failed, 0);
	atomic_store(&fail_at, at);
	atomic_store(&persist, all_after);
	atomic_store(&on, 1);
}

void ivp__fault_arm(long n, int all_after)
{
	atomic_store(&persist, all_after);
	atomic_store(&fail_at, atomic_load(&count) + n);
}

void ivp__fault_on_fail(void (*cb)(void))
{
	on_fail = cb;
}

void ivp__fault_disarm(void)
{
	atomic_store(&fail_at, 0);
}

void ivp__fault_stop(void)
{
	atomic_store(&fail_at, 0);
	atomic_store(&on, 0);
}

long ivp__fault_count(void)
{
	return atomic_load(&count);
}

long ivp__fault_failed(void)
{
	return atomic_load(&failed);
}

long ivp__fault_live(void)
{
	long n;

	pthread_mutex_lock(&mu);
	n = (long)used;
	pthread_mutex_unlock(&mu);
	return n;
}
