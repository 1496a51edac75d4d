/*
 * fuzz_totp.c — libFuzzer target for the second factor's parsers
 * (src/auth/totp.c): any bytes as a base32 secret (ivp__base32_decode;
 * what decodes must encode back to the same letters, upper case, without
 * the skipped ' ', '-' and '=') and as the code a user typed
 * (ivp__totp_match against a fixed secret: only 6 digits can match, and a
 * match is the time step of that code). Anything else aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "ivp/ivp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[256], back[512], clean[256], code[7];
	unsigned char bin[160];
	size_t i, o = 0;
	int n, m;
	int64_t step, now = 1700000000;

	if (size >= sizeof(s))
		size = sizeof(s) - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	n = ivp__base32_decode(s, bin, sizeof(bin));
	if (n >= 0) {
		if (ivp__base32_encode(bin, (size_t)n, back, sizeof(back)) < 0)
			abort();
		for (i = 0; s[i] && s[i] != '='; i++)
			if (s[i] != ' ' && s[i] != '-')
				clean[o++] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
		clean[o] = '\0';
		/* whole bytes come back letter for letter; a partial last group only its full bits */
		if (strncmp(back, clean, (size_t)n * 8 / 5))
			abort();
	}
	step = ivp__totp_match("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", s, now);
	if (step >= 0) {
		if (strlen(s) != 6 || step < now / 30 - 1 || step > now / 30 + 1)
			abort();
		if (ivp_totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", step * 30, code) || strcmp(code, s))
			abort();
	}
	m = ivp_totp_code(s, now, code);
	if (m == 0 && (strlen(code) != 6 || strspn(code, "0123456789") != 6))
		abort();
	return 0;
}
