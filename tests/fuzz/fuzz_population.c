/* fuzz_population.c — libFuzzer target: any bytes as `ivp import population` (see fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_import(data, size, IVP_IMPORT_POPULATION, size % 3 ? 2024 : 0, 0, 0);
	return 0;
}
