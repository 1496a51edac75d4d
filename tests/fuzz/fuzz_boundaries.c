/*
 * fuzz_boundaries.c — libFuzzer target: any bytes as `ivp import
 * boundaries` (GeoJSON; see fuzz_common.h). Besides fz_import's check, a
 * failed import must leave the stored boundaries as they were.
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
	before = nboundaries();
	fz_import(data, size, IVP_IMPORT_BOUNDARIES, 0, 0, 1);
	if (ivp_last_error(fz_ctx)->rc != IVP_OK && nboundaries() != before)
		abort(); /* a failed import wrote boundaries */
	return 0;
}
