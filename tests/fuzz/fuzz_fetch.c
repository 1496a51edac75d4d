/*
 * fuzz_fetch.c — libFuzzer target: any bytes as a response page of `ivp
 * fetch` (src/fetch/odata.c), parsed as an OData page, an OGC API Features
 * page and a TableInfos page, against a fixed URL and service. Any outcome
 * but a crash, a sanitizer report or a leak is fine; a next link that is
 * accepted must lie under the service.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fetch/fetch_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char base[] = "https://dataderden.cbs.nl/ODataApi/odata";
	static const char url[] = "https://dataderden.cbs.nl/ODataApi/odata/47018NED/TypedDataSet?$format=json";
	ivp_ctx ctx;
	ivp__page pg;

	memset(&ctx, 0, sizeof(ctx));
	for (int k = IVP__PAGE_ODATA; k <= IVP__PAGE_TABLEINFOS; k++) {
		if (ivp__page_parse(&ctx, (const char *)data, size, url, base, (ivp__page_kind)k, &pg) == IVP_OK &&
		    pg.next[0] && strncmp(pg.next, base, strlen(base)))
			abort();
	}
	return 0;
}
