/*
 * alloc_hook.h — force-included (-include) into every source file of the
 * library in IVP_FAULT builds (CMakeLists.txt), as curl's memdebug.h: it
 * maps the allocation functions onto the counting ones of alloc.h, so the
 * fault-injection sweep reaches every allocation of libivp's own code
 * without touching a call site. The system headers that declare the real
 * functions come first, so their declarations stay as they are.
 */
#ifndef IVP_CORE_ALLOC_HOOK_H
#define IVP_CORE_ALLOC_HOOK_H

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define malloc(n) ivp__fault_malloc(n)
#define calloc(m, n) ivp__fault_calloc(m, n)
#define realloc(p, n) ivp__fault_realloc(p, n)
#define strdup(s) ivp__fault_strdup(s)
#define strndup(s, n) ivp__fault_strndup(s, n)
#define free(p) ivp__fault_free(p)

#endif /* IVP_CORE_ALLOC_HOOK_H */
