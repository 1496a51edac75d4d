/*
 * module.h — the library's parts that need heavy shared libraries, loaded
 * only when they are used. The PDF and XLSX back ends (cairo, pango, QPDF,
 * libxlsxwriter), the projection of boundaries (PROJ) and the downloads
 * of ivp fetch (libcurl) are each a shared object beside the program
 * (ivp-report.so, ivp-geo.so, ivp-fetch.so), opened with dlopen the first
 * time a report is rendered, a WGS84 boundary projected or a table
 * fetched; every other command starts without them (bench W5 cold).
 *
 * A module exports one table of function pointers; the library's thin
 * wrappers (report/backend.c, geo/proj_load.c, fetch/fetch_load.c) call
 * through it, so callers see the same functions as before. The module's
 * own calls into the library resolve against the program, which exports
 * its symbols (CMAKE_ENABLE_EXPORTS).
 */
#ifndef IVP_CORE_MODULE_H
#define IVP_CORE_MODULE_H

#include <stddef.h>

/*
 * The table `sym` of module `name` ("report" → ivp-report.so), looked for
 * beside the running program, then in the build tree (IVP_MODULE_DIR).
 * Loaded once and never unloaded; thread-safe. NULL when it cannot be
 * loaded, with dlerror()'s reason in err.
 */
const void *ivp__module(const char *name, const char *sym, char *err, size_t errsz);

#endif /* IVP_CORE_MODULE_H */
