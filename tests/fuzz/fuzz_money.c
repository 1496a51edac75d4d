/*
 * fuzz_money.c — libFuzzer target for the reader of amounts typed by a
 * person (ivp_parse_money, src/core/numbers.c) in both languages: an
 * amount read is never negative and comes back the same after being
 * written (ivp_format_money) and read again; a refused one always says
 * why. The reader of typed figures (ivp_parse_figure, src/core/figure.c)
 * accepts exactly what the amount reader accepts, as the same number, and
 * says why when it refuses. Also the number and date writers on what the
 * input makes of them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *lang, const char *s)
{
	int64_t cents = -1, again = -1;
	const char *why = NULL, *num;
	char out[96];

	double fig = -1;
	const char *fwhy = NULL;
	int fr = ivp_parse_figure(lang, s, &fig, &fwhy);

	if (ivp_parse_money(lang, s, &cents, &why)) {
		if (!why || !*why || !fr || !fwhy || !*fwhy)
			__builtin_trap();
		return;
	}
	if (fr || fwhy || fig != (double)cents / 100.0)
		__builtin_trap();
	if (why || cents < 0)
		__builtin_trap();
	ivp_format_money(lang, cents, out, sizeof(out));
	/* "€ 12.500,50" (a no-break space in Dutch) or "€12,500.50" */
	num = out + strlen("€");
	if (!strcmp(lang, "nl"))
		num += strlen("\u00a0");
	if (ivp_parse_money(lang, num, &again, &why) || again != cents)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64], out[64], *end;
	double v;

	if (size >= sizeof(s))
		size = sizeof(s) - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	check("nl", s);
	check("en", s);
	v = strtod(s, &end);
	if (end != s) {
		ivp_format_number("nl", v, (int)(size % 8), out, sizeof(out));
		if (strlen(out) >= sizeof(out))
			__builtin_trap();
	}
	ivp_format_date("nl", s, out, sizeof(out));
	return 0;
}
