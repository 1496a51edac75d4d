/*
 * alloc.h — the allocation hook of the test build: a counting allocator
 * that can fail the Nth allocation, for the fault-injection sweep
 * (tests/torture/), as curl's torture mode and SQLite's malloc fault
 * simulation do.
 *
 * Only in builds configured with IVP_FAULT (scripts/test.sh): there the
 * library's sources are compiled with alloc_hook.h force-included, which
 * maps malloc, calloc, realloc, strdup, strndup and free onto the
 * ivp__fault_* functions below; jansson is routed here too (core/init.c)
 * and SQLite through its own methods (store/sqlite/sqlite_alloc.c), which
 * call ivp__fault_hit(), ivp__fault_track() and ivp__fault_untrack(). Other builds
 * compile none of this: the library calls libc directly.
 *
 * Until a test calls ivp__fault_start() the functions only pass through
 * (one relaxed atomic load). Once started they count every allocation (of
 * every thread), fail the Nth and, if asked, every one after it, and keep
 * the set of blocks they handed out and that are not yet freed, so a test
 * can assert that a failed call left nothing behind. A free of a block the
 * hook did not hand out (libc's, another library's) passes through
 * untouched.
 */
#ifndef IVP_CORE_ALLOC_H
#define IVP_CORE_ALLOC_H

#include <stddef.h>

#ifdef IVP_FAULT
void *ivp__fault_malloc(size_t n);
void *ivp__fault_calloc(size_t nmemb, size_t n);
void *ivp__fault_realloc(void *p, size_t n);
char *ivp__fault_strdup(const char *s);
char *ivp__fault_strndup(const char *s, size_t n);
void ivp__fault_free(void *p);
/*
 * Counted and failed like the others, but not recorded as live: for
 * OpenSSL, which keeps caches and per-thread state of its own, built
 * lazily, that a sweep would take for leaks (LeakSanitizer still sees
 * real ones). Freed with ivp__fault_free (which passes them through).
 */
void *ivp__fault_malloc_untracked(size_t n);
void *ivp__fault_realloc_untracked(void *p, size_t n);

/*
 * Start counting from zero (forgetting earlier counts and blocks). at
 * > 0: the at-th allocation from now returns NULL, and with all_after
 * every one after it too; 0: count only.
 */
void ivp__fault_start(long at, int all_after);
/* Fail the nth allocation from now (and with all_after every later one). */
void ivp__fault_arm(long n, int all_after);
/* Call cb (NULL: none) at each failure made, e.g. to print a stack trace. */
void ivp__fault_on_fail(void (*cb)(void));
/* Stop failing (counting and tracking go on until the next start). */
void ivp__fault_disarm(void);
/* Stop everything: the functions pass through again. */
void ivp__fault_stop(void);
/* Allocations counted since start. */
long ivp__fault_count(void);
/* Allocations made to fail since start. */
long ivp__fault_failed(void);
/* Blocks handed out since start (ours, jansson's, SQLite's) not yet freed. */
long ivp__fault_live(void);

/*
 * For the allocators of other libraries: count one allocation and say
 * whether it must fail (1). 0 when not started.
 */
int ivp__fault_hit(void);
/* Record p (not NULL) as handed out (while started); returns p. */
void *ivp__fault_track(void *p);
/* Forget p; 1 when it was recorded. */
int ivp__fault_untrack(void *p);
#endif

#endif /* IVP_CORE_ALLOC_H */
