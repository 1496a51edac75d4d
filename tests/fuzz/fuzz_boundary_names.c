/*
 * fuzz_boundary_names.c — libFuzzer target: any bytes as `ivp import
 * boundaries --match-names GM0503` (GeoJSON whose features carry names, not
 * codes; see fuzz_common.h, whose code list has Delft's buurt
 * Buitenhof-Noord). A failed import must leave the stored boundaries as
 * they were, and an ambiguous or unknown name must never store anything.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int nboundaries(void)
{
	ivp_table *t = NULL;
	int n = -1;

	if (ivp_boundaries(fz_ctx, NULL, NULL, &t) == IVP_OK)
		n = ivp_table_nrows(t);
	ivp_table_free(t);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int before;

	fz_setup();
	/* the last byte picks the gemeente: most inputs Delft, some a bad option */
	fz_match_names = size && data[size - 1] == '!' ? "Delft" : "GM0503";
	before = nboundaries();
	fz_import(data, size, IVP_IMPORT_BOUNDARIES, 0, 0, 1);
	if (ivp_last_error(fz_ctx)->rc != IVP_OK && nboundaries() != before)
		abort(); /* a failed import wrote boundaries */
	fz_match_names = NULL;
	return 0;
}
