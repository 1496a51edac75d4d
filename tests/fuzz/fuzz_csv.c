/*
 * fuzz_csv.c — libFuzzer target for the CSV tokenizer and the period and
 * count parsers it feeds: every record of any input is read, every field
 * is parsed as a period and a count.
 */
#include <stdint.h>
#include <string.h>

#include "core/core.h"
#include "ingest/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ivp__csv *c = ivp__csv_open_mem((const char *)data, size, 0, 4096);
	size_t i;
	int period, prov;
	int64_t v;
	char code[16], out[16];

	if (!c)
		return 0;
	while (ivp__csv_next(c) > 0) {
		for (i = 0; i < ivp__csv_nfields(c); i++) {
			const ivp__csv_field *f = ivp__csv_field_at(c, i);

			if (strlen(f->p) != f->n)
				__builtin_trap();
			if (ivp__period_parse(f->p, f->n, &period, &prov) == 0)
				ivp__period_format(period, out);
			(void)ivp__parse_count(f->p, f->n, &v);
			if (ivp__code_trim(f->p, f->n, code, sizeof(code)) >= 0) {
				(void)ivp__area_level(code);
				(void)ivp__type_classification(code);
			}
		}
	}
	ivp__csv_close(c);
	return 0;
}
