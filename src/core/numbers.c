/*
 * numbers.c — numbers, money and dates written and read the way a Dutch
 * (or an English) reader does: 1.771; 30,57; € 12.500; 29 juni 2023.
 *
 * One formatter for the report (src/report/format.c wraps it), the CLI's
 * tables and the pages, and the one reader of amounts typed by a person
 * (ivp measure update --spent, the measure form): in Dutch a point groups
 * thousands and a comma starts the cents, in English the other way round;
 * whatever could be read both ways ("12.50" in Dutch) is refused with a
 * sentence saying what to type, never guessed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static int is_nl(const char *lang)
{
	return !lang || strcmp(lang, "en");
}

void ivp_format_number(const char *lang, double v, int dec, char *out, size_t n)
{
	char raw[64], *dot, *p;
	const char *digits;
	char th = is_nl(lang) ? '.' : ',', dp = is_nl(lang) ? ',' : '.';
	size_t k = 0, intlen, i;
	int neg;

	if (n < 2) {
		if (n)
			out[0] = '\0';
		return;
	}
	if (!isfinite(v)) {
		snprintf(out, n, "%s", "–");
		return;
	}
	snprintf(raw, sizeof(raw), "%.*f", dec < 0 ? 0 : dec > 20 ? 20 :
								    dec,
		 v);
	neg = raw[0] == '-';
	digits = raw + neg;
	if (neg && strspn(digits, "0.") == strlen(digits))
		neg = 0; /* -0,0 is 0,0 */
	dot = strchr(raw, '.');
	intlen = dot ? (size_t)(dot - digits) : strlen(digits);
	if (neg)
		out[k++] = '-';
	for (i = 0; i < intlen && k + 2 < n; i++) {
		if (i && (intlen - i) % 3 == 0)
			out[k++] = th;
		out[k++] = digits[i];
	}
	if (dot && k + 1 < n) {
		out[k++] = dp;
		for (p = dot + 1; *p && k + 1 < n; p++)
			out[k++] = *p;
	}
	out[k] = '\0';
}

void ivp_format_money(const char *lang, int64_t cents, char *out, size_t n)
{
	char num[48];
	double eur = (double)cents / 100.0;

	ivp_format_number(lang, eur, cents % 100 ? 2 : 0, num, sizeof(num));
	/* Dutch: "€ 190.000" with a (no-break) space; English "€190,000" */
	snprintf(out, n, is_nl(lang) ? "€\u00a0%s" : "€%s", num);
}

void ivp_format_date(const char *lang, const char *iso, char *out, size_t n)
{
	static const char *const nl[12] = { "januari", "februari", "maart", "april", "mei", "juni", "juli",
					    "augustus", "september", "oktober", "november", "december" };
	static const char *const en[12] = { "January", "February", "March", "April", "May", "June", "July",
					    "August", "September", "October", "November", "December" };
	int y, m, d, i;

	if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-')
		goto raw;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			goto raw;
	y = (int)strtol(iso, NULL, 10);
	m = (int)strtol(iso + 5, NULL, 10);
	d = (int)strtol(iso + 8, NULL, 10);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31)
		goto raw;
	snprintf(out, n, "%d %s %d", d, is_nl(lang) ? nl[m - 1] : en[m - 1], y);
	return;
raw:
	snprintf(out, n, "%s", iso ? iso : "");
}

/* Refuse: *why the catalogue's sentence m in lang. */
static int refuse(const char *lang, ivp_msg m, const char **why)
{
	if (why)
		*why = ivp_msg_text(lang, m);
	return -1;
}

int ivp_parse_money(const char *lang, const char *s, int64_t *cents, const char **why)
{
	char th = is_nl(lang) ? '.' : ',', dp = is_nl(lang) ? ',' : '.';
	const char *p, *dec = NULL;
	int64_t euros = 0, c = 0;
	int digits = 0, group = -1, ndec = 0;

	if (!s || !*s)
		return refuse(lang, IVP_T_MONEY_EMPTY, why);
	for (p = s; *p; p++)
		if (!(*p >= '0' && *p <= '9') && *p != '.' && *p != ',')
			return refuse(lang, *p == '-' ? IVP_T_MONEY_NEGATIVE : IVP_T_MONEY_CHARS, why);
	/* the euros: digits, optionally grouped by th in threes */
	for (p = s; *p && *p != dp; p++) {
		if (*p == th) {
			if (!digits || (group >= 0 && group != 3) || (group < 0 && digits > 3))
				return refuse(lang, IVP_T_MONEY_GROUPS, why);
			group = 0;
			continue;
		}
		if (digits >= 13)
			return refuse(lang, IVP_T_MONEY_LARGE, why);
		euros = euros * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (!digits)
		return refuse(lang, IVP_T_MONEY_CHARS, why);
	if (group >= 0 && group != 3) /* "12.50" in Dutch, "12,50" in English */
		return refuse(lang, group == 1 || group == 2 ? IVP_T_MONEY_AMBIGUOUS : IVP_T_MONEY_GROUPS, why);
	if (*p == dp) {
		dec = p + 1;
		for (p = dec; *p; p++) {
			if (*p == th || *p == dp) /* "12,500.5" in Dutch */
				return refuse(lang, IVP_T_MONEY_MIXED, why);
			if (++ndec > 2)
				return refuse(lang, IVP_T_MONEY_DECIMALS, why);
			c = c * 10 + (*p - '0');
		}
		if (!ndec)
			return refuse(lang, IVP_T_MONEY_CHARS, why);
		if (ndec == 1)
			c *= 10;
	}
	*cents = euros * 100 + c;
	if (why)
		*why = NULL;
	return 0;
}
