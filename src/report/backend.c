/*
 * backend.c — ivp__rp_pdf, ivp__rp_pdf_fonts, ivp__rp_fonts_free and
 * ivp__rp_xlsx: thin wrappers that open the module ivp-report.so (pdf.c,
 * xlsx.c; core/module.h) the first time a PDF or XLSX is written and call
 * its table, so cairo, pango, QPDF and libxlsxwriter are loaded only by
 * the commands and requests that render one. A module that cannot be
 * opened is an error in ctx (module_missing), never a crash.
 */
#include <stddef.h>

#include "core/core.h"
#include "core/module.h"
#include "report/report.h"

/* The back ends' table, or NULL with the error in ctx (ctx NULL: none). */
static const rp_backend *backend(ivp_ctx *ctx)
{
	char err[512];
	const rp_backend *b = ivp__module("report", IVP__RP_BACKEND_SYM, err, sizeof(err));

	if (!b && ctx) {
		ivp__fail(ctx, IVP_EINTERNAL, "the report's PDF and XLSX back end cannot be loaded");
		ivp__code(ctx, "module_missing");
		ivp__detail(ctx, "%s", err);
		ivp__hint(ctx, "Install ivp together with its modules (ivp-report.so beside the program).");
	}
	return b;
}

ivp_rc ivp__rp_pdf_fonts(ivp_ctx *ctx, const rp_doc *d, const char *path, void **fonts)
{
	const rp_backend *b = backend(ctx);

	return b ? b->pdf_fonts(ctx, d, path, fonts) : IVP_EINTERNAL;
}

ivp_rc ivp__rp_pdf(ivp_ctx *ctx, const rp_doc *d, const char *path)
{
	return ivp__rp_pdf_fonts(ctx, d, path, NULL);
}

void ivp__rp_fonts_free(void *fonts)
{
	const rp_backend *b;

	/* fonts come only from the module, so it is open when there are any */
	if (fonts && (b = backend(NULL)))
		b->fonts_free(fonts);
}

ivp_rc ivp__rp_xlsx(ivp_ctx *ctx, const rp_doc *d, const char *path)
{
	const rp_backend *b = backend(ctx);

	return b ? b->xlsx(ctx, d, path) : IVP_EINTERNAL;
}
