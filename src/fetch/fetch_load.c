/*
 * fetch_load.c — ivp_fetch() and ivp_fetch_region() (include/ivp/fetch.h),
 * in the library: the named regions are data here; the download itself is
 * the module ivp-fetch.so (fetch.c, libcurl; core/module.h), opened by the
 * first ivp_fetch, so no other command loads libcurl. A module that cannot
 * be opened is an error in ctx (module_missing).
 */
#include <strings.h>

#include "core/module.h"
#include "fetch/fetch_int.h"

static const char *const haaglanden[] = {
	"GM0503", "GM0518", "GM1916", "GM1842", "GM1926", "GM0603", "GM0629", "GM1783", "GM0637", NULL
};

const char *const *ivp_fetch_region(const char *name)
{
	return name && !strcasecmp(name, "haaglanden") ? haaglanden : NULL;
}

ivp_rc ivp_fetch(ivp_ctx *ctx, const ivp_fetch_opts *o, int *nitems)
{
	char err[512];
	const ivp__fetch_table *t = ivp__module("fetch", "ivp__fetch_ops", err, sizeof(err));

	if (!t) {
		ivp__fail(ctx, IVP_EINTERNAL, "the download module cannot be loaded");
		ivp__code(ctx, "module_missing");
		ivp__detail(ctx, "%s", err);
		ivp__hint(ctx, "Install ivp together with its modules (ivp-fetch.so beside the program).");
		return IVP_EINTERNAL;
	}
	return t->run(ctx, o, nitems);
}
