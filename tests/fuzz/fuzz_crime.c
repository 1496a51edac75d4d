/* fuzz_crime.c — libFuzzer target: any bytes as `ivp import crime` (see fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the first byte picks the file name: JSON pages are recognised by content
	 * anyway, the name only changes how the CLI groups pages */
	fz_import(data, size, IVP_IMPORT_CRIME, 0, 0, size > 0 && data[0] == '{');
	return 0;
}
