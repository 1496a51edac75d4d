/*
 * fuzz_cases.c — libFuzzer target for the parsers of the case register's
 * forms and command line (src/registers/cases_parse.c). The first byte
 * picks the parser: 0 BSN, 1 date, 2 life domain, 3 score, 4 complexity
 * criteria, 5 wijk code, 6 a free text (ivp__reg_text_ok, one line and
 * several, and the CRLF-to-LF of what is sealed); the rest is the typed
 * value. What a parser
 * accepts must be in its canonical form and read back to itself (a BSN is
 * nine digits passing the 11-proef, a date a real day, criteria in the
 * list's order each once, a wijk WK and six digits); anything else aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ivp/cases.h"
#include "registers/cases.h"
#include "registers/registers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A text of several lines may hold LF, CR and tab, one line none of them;
 * what is sealed has no CR left, is no longer and still passes. */
static void check_text(const char *s)
{
	int one = ivp__reg_text_ok(s, 0), lines = ivp__reg_text_ok(s, 1);
	char *lf;

	if (one && (!lines || strpbrk(s, "\r\n\t")))
		abort();
	if (!(lf = ivp__reg_text_lf(NULL, s)))
		abort();
	if (strchr(lf, '\r') || strlen(lf) > strlen(s) || (lines && !ivp__reg_text_ok(lf, 1)) ||
	    (!strpbrk(s, "\r") && strcmp(lf, s)))
		abort();
	free(lf);
}

static void check_bsn(const char *s, size_t n)
{
	char d[10], again[10];
	int r = ivp__bsn_parse(s, n, d), i, sum = 0;

	if (r < -2 || r > 0)
		abort();
	if (r)
		return;
	if (strlen(d) != 9 || strspn(d, "0123456789") != 9)
		abort();
	for (i = 0; i < 8; i++)
		sum += (9 - i) * (d[i] - '0');
	if ((sum - (d[8] - '0')) % 11 || !ivp_bsn_valid(d) || ivp__bsn_parse(d, 9, again) || strcmp(d, again))
		abort();
}

static void check_date(const char *s, size_t n)
{
	char d[11], again[11], later[11];

	if (ivp__case_date_parse(s, n, d))
		return;
	if (strlen(d) != 10 || ivp__case_date_parse(d, 10, again) || strcmp(d, again))
		abort();
	if (ivp__reg_date_add_months(d, (int)(n % 40), later))
		abort(); /* a date the register accepted is one retention can count from */
	if (strcmp(later, d) < 0 || (ivp__case_date_parse(later, 10, again) && strncmp(later, "2199", 4) < 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[512], c[96], again[96], w[9], w2[9];
	size_t n;
	int k, score;

	if (!size)
		return 0;
	n = size - 1 < sizeof(s) - 1 ? size - 1 : sizeof(s) - 1;
	memcpy(s, data + 1, n);
	s[n] = '\0';
	switch (data[0] % 7) {
	case 0:
		check_bsn(s, n);
		break;
	case 1:
		check_date(s, n);
		break;
	case 2:
		k = ivp__case_domain_find(s, n);
		if (k < -1 || k >= IVP__CASE_NDOMAINS)
			abort();
		if (k >= 0 && ivp__case_domain_find(ivp__case_domains[k].key, strlen(ivp__case_domains[k].key)) != k)
			abort();
		break;
	case 3:
		if (!ivp__case_score_parse(s, n, &score) && (score < 1 || score > 5))
			abort();
		break;
	case 4:
		if (ivp__case_criteria_parse(s, n, c))
			break;
		if (ivp__case_criteria_parse(c, strlen(c), again) || strcmp(c, again))
			abort();
		break;
	case 6:
		check_text(s);
		break;
	default:
		if (ivp__case_wijk_parse(s, n, w))
			break;
		if (strncmp(w, "WK", 2) || strlen(w) != 8 || ivp__case_wijk_parse(w, 8, w2) || strcmp(w, w2))
			abort();
	}
	return 0;
}
