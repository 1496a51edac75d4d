/*
 * fuzz_audit_head.c — libFuzzer target for the parser of a kept audit head
 * (ivp__audit_head_parse, src/audit/chain.c; the file `ivp audit verify
 * --head` reads): a head it accepts has a sequence number >= 0 and 64
 * lower-case hex digits, and the line `ivp audit head` would write for
 * them parses back to the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char hash[65], again[65], line[200];
	int64_t seq = -1, seq2 = -1;
	size_t i;

	if (ivp__audit_head_parse((const char *)data, size, &seq, hash))
		return 0;
	if (seq < 0 || strlen(hash) != 64)
		__builtin_trap();
	for (i = 0; i < 64; i++)
		if (!((hash[i] >= '0' && hash[i] <= '9') || (hash[i] >= 'a' && hash[i] <= 'f')))
			__builtin_trap();
	snprintf(line, sizeof(line), "ivp-audit-head 1 seq=%lld at=- hash=%s\n", (long long)seq, hash);
	if (ivp__audit_head_parse(line, strlen(line), &seq2, again) || seq2 != seq || strcmp(again, hash))
		__builtin_trap();
	return 0;
}
