/*
 * cases_parse.c — the case register's parsers of what people type (BSN
 * with its 11-proef, dates, life domains, scores, criteria, wijk codes),
 * pure functions without a context so the fuzz target
 * (tests/fuzz/fuzz_cases.c) and the unit tests call them directly, and
 * the two fixed lists they check against (cases.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ivp/ivp.h"
#include "registers/cases.h"

const ivp__case_criterion ivp__case_criteria[IVP__CASE_NCRITERIA] = {
	{ "multi_domain", "problems on more than one life domain that lead to crime or nuisance" },
	{ "chains", "several chains (care, safety, justice) are needed" },
	{ "family_system", "impact on the family system" },
	{ "local_safety", "a serious local safety problem" },
};

const ivp__case_domain ivp__case_domains[IVP__CASE_NDOMAINS] = {
	{ "financien", "Finances" },
	{ "werk_opleiding", "Work and education" },
	{ "tijdsbesteding", "Use of time" },
	{ "huisvesting", "Housing" },
	{ "huiselijke_relaties", "Domestic relations" },
	{ "geestelijke_gezondheid", "Mental health" },
	{ "lichamelijke_gezondheid", "Physical health" },
	{ "middelengebruik", "Substance use" },
	{ "basale_adl", "Basic activities of daily living" },
	{ "instrumentele_adl", "Instrumental activities of daily living" },
	{ "sociaal_netwerk", "Social network" },
	{ "maatschappelijke_participatie", "Participation in society" },
	{ "justitie", "Justice" },
};

const char *const ivp__case_score_en[5] = { "acute problems", "not self-reliant", "barely self-reliant",
					    "sufficiently self-reliant", "fully self-reliant" };

int ivp__bsn_parse(const char *s, size_t n, char out[10])
{
	int k = 0, sum = 0, any = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9') {
			if (k == 9)
				return -1;
			out[k++] = (char)c;
		} else if ((c != ' ' && c != '.') || !k || i + 1 == n)
			return -1; /* separators only between digits */
	}
	if (k != 9)
		return -1;
	out[9] = 0;
	for (i = 0; i < 8; i++) {
		sum += (9 - (int)i) * (out[i] - '0');
		any |= out[i] != '0';
	}
	sum -= out[8] - '0';
	if (!any || sum % 11)
		return -2;
	return 0;
}

int ivp_bsn_valid(const char *bsn)
{
	char d[10];

	return bsn && strlen(bsn) == 9 && ivp__bsn_parse(bsn, 9, d) == 0;
}

static int digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int ivp__case_date_parse(const char *s, size_t n, char out[11])
{
	int y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
	    digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	memcpy(out, s, 10);
	out[10] = 0;
	return 0;
}

int ivp__case_domain_find(const char *s, size_t n)
{
	int i;

	for (i = 0; i < IVP__CASE_NDOMAINS; i++) {
		const char *k = ivp__case_domains[i].key, *en = ivp__case_domains[i].title_en;
		const char *nl = ivp_msg_tr("nl", en);

		if ((strlen(k) == n && !strncmp(s, k, n)) || (strlen(en) == n && !strncasecmp(s, en, n)) ||
		    (nl && strlen(nl) == n && !strncasecmp(s, nl, n)))
			return i;
	}
	return -1;
}

int ivp__case_score_parse(const char *s, size_t n, int *score)
{
	if (n != 1 || s[0] < '1' || s[0] > '5')
		return -1;
	*score = s[0] - '0';
	return 0;
}

int ivp__case_criteria_parse(const char *s, size_t n, char out[96])
{
	int seen[IVP__CASE_NCRITERIA] = { 0 }, i;
	size_t p = 0, len = 0;

	while (p < n) {
		size_t a = p, b;
		int found = -1;

		while (p < n && s[p] != ',')
			p++;
		b = p++;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		if (a == b)
			return -1;
		for (i = 0; i < IVP__CASE_NCRITERIA; i++)
			if (strlen(ivp__case_criteria[i].key) == b - a && !strncmp(s + a, ivp__case_criteria[i].key, b - a))
				found = i;
		if (found < 0 || seen[found])
			return -1;
		seen[found] = 1;
		if (p == n && s[n - 1] == ',')
			return -1;
	}
	out[0] = 0;
	for (i = 0; i < IVP__CASE_NCRITERIA; i++)
		if (seen[i]) {
			len += (size_t)snprintf(out + len, 96 - len, "%s%s", len ? "," : "", ivp__case_criteria[i].key);
		}
	return 0;
}

int ivp__case_wijk_parse(const char *s, size_t n, char out[9])
{
	size_t i;

	if ((n != 8 && n != 10) || s[0] != (n == 8 ? 'W' : 'B') || s[1] != (n == 8 ? 'K' : 'U'))
		return -1;
	for (i = 2; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	out[0] = 'W';
	out[1] = 'K';
	memcpy(out + 2, s + 2, 6);
	out[8] = 0;
	return 0;
}
