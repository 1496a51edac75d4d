/*
 * period.c — CBS period codes and the period labels of StatLine exports.
 *
 * Accepted: "2024JJ00" (year), "2024MM03" (month), "2024KW01" (quarter),
 * and as exports write them: "2024", "2024 maart", "2024 1e kwartaal",
 * "2024-03"; a trailing '*' marks a provisional figure. See core.h for the
 * integer encoding.
 */
#include "core/core.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const months_nl[12] = {
	"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"
};

static int digits(const char *s, size_t n, int *v)
{
	int x = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 0;
}

int ivp__period_parse(const char *s, size_t n, int *period, int *provisional)
{
	int year, sub, prov = 0, v;
	size_t i;

	while (n && *s == ' ') {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	if (n && s[n - 1] == '*') {
		prov = 1;
		n--;
		while (n && s[n - 1] == ' ')
			n--;
	}
	if (n < 4 || digits(s, 4, &year) || year < 1900 || year > 2199)
		return -1;
	if (n == 4) {
		sub = 0;
	} else if (n == 8 && s[4] >= 'A' && s[4] <= 'Z') {
		if (digits(s + 6, 2, &v))
			return -1;
		if (!memcmp(s + 4, "JJ", 2) && v == 0)
			sub = 0;
		else if (!memcmp(s + 4, "MM", 2) && v >= 1 && v <= 12)
			sub = v;
		else if (!memcmp(s + 4, "KW", 2) && v >= 1 && v <= 4)
			sub = 20 + v;
		else
			return -1;
	} else if (n == 7 && s[4] == '-') {
		if (digits(s + 5, 2, &v) || v < 1 || v > 12)
			return -1;
		sub = v;
	} else if (s[4] == ' ') {
		const char *w = s + 5;
		size_t wn = n - 5;

		sub = -1;
		for (i = 0; i < 12; i++) {
			if (wn == strlen(months_nl[i]) &&
			    !strncasecmp(w, months_nl[i], wn)) {
				sub = (int)i + 1;
				break;
			}
		}
		/* "1e kwartaal" */
		if (sub < 0 && wn == 11 && w[0] >= '1' && w[0] <= '4' &&
		    !strncasecmp(w + 1, "e kwartaal", 10))
			sub = 20 + (w[0] - '0');
		if (sub < 0)
			return -1;
	} else {
		return -1;
	}
	*period = year * 100 + sub;
	if (provisional)
		*provisional = prov;
	return 0;
}

void ivp__period_format(int period, char out[16])
{
	int y = IVP__PERIOD_YEAR(period), sub = IVP__PERIOD_SUB(period);

	if (sub == 0)
		snprintf(out, 16, "%04dJJ00", y);
	else if (sub <= 12)
		snprintf(out, 16, "%04dMM%02d", y, sub);
	else
		snprintf(out, 16, "%04dKW%02d", y, sub - 20);
}
