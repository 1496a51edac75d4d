/*
 * sqlite_alloc.c — SQLite's process-wide start, once, before its first
 * connection: in IVP_FAULT builds its memory methods are replaced by
 * methods that wrap its defaults and go through the allocation hook
 * (core/alloc.h), as SQLite's own install_malloc_faultsim does, so the
 * fault-injection sweep fails SQLite's allocations too and counts its
 * live blocks; then sqlite3_initialize. SQLITE_CONFIG_MALLOC is only
 * accepted before sqlite3_initialize, hence pthread_once.
 */
#include <pthread.h>

#include "core/alloc.h"
#include "store/sqlite/sqlite_int.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int rc_init = SQLITE_OK;

#ifdef IVP_FAULT
static sqlite3_mem_methods def; /* SQLite's own methods, wrapped */

static void *fs_malloc(int n)
{
	return ivp__fault_hit() ? NULL : ivp__fault_track(def.xMalloc(n));
}

static void fs_free(void *p)
{
	ivp__fault_untrack(p);
	def.xFree(p);
}

static void *fs_realloc(void *p, int n)
{
	void *q;
	int was;

	if (ivp__fault_hit())
		return NULL;
	was = ivp__fault_untrack(p);
	q = def.xRealloc(p, n);
	if (!q) {
		if (was)
			ivp__fault_track(p); /* p is still there */
		return NULL;
	}
	return was ? ivp__fault_track(q) : q;
}

static int fs_size(void *p) { return def.xSize(p); }
static int fs_roundup(int n) { return def.xRoundup(n); }
static int fs_init(void *ud) { return def.xInit(ud); }
static void fs_shutdown(void *ud) { def.xShutdown(ud); }

static void hook(void)
{
	sqlite3_mem_methods m;

	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &def) != SQLITE_OK)
		return;
	m = def;
	m.xMalloc = fs_malloc;
	m.xFree = fs_free;
	m.xRealloc = fs_realloc;
	m.xSize = fs_size;
	m.xRoundup = fs_roundup;
	m.xInit = fs_init;
	m.xShutdown = fs_shutdown;
	(void)sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}
#endif

static void init_once(void)
{
#ifdef IVP_FAULT
	hook();
#endif
	rc_init = sqlite3_initialize();
}

int ivp__sq_init(void)
{
	if (pthread_once(&once, init_once))
		return -1;
	return rc_init == SQLITE_OK ? 0 : -1;
}
