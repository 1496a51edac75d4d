/* fuzz_long.c — libFuzzer target: any bytes as `ivp import long` (see fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_import(data, size, IVP_IMPORT_LONG, 0, (int)(size & 2), 0);
	return 0;
}
